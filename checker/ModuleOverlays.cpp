// ModuleOverlays: module lookup over in-memory files.
#include "checker/ModuleOverlays.h"

#include <algorithm>
#include <mutex>

namespace shrike::checker {

namespace {

std::string parentOf(std::string_view path) {
  size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return "";
  if (slash == 0) return "/";
  return std::string(path.substr(0, slash));
}

std::string join(const std::string& folder, std::string_view name) {
  if (folder.empty()) return std::string(name);
  if (folder.back() == '/') return folder + std::string(name);
  return folder + "/" + std::string(name);
}

std::vector<std::string_view> splitDots(std::string_view dotted) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= dotted.size()) {
    size_t dot = dotted.find('.', start);
    if (dot == std::string_view::npos) dot = dotted.size();
    parts.push_back(dotted.substr(start, dot - start));
    start = dot + 1;
  }
  return parts;
}

} // namespace

void ModuleOverlays::setRoots(std::vector<std::string> roots) {
  std::unique_lock lock(mutex_);
  roots_ = std::move(roots);
}

void ModuleOverlays::add(const std::string& path) {
  std::unique_lock lock(mutex_);
  files_[path] = 1;
}

void ModuleOverlays::remove(const std::string& path) {
  std::unique_lock lock(mutex_);
  files_.erase(path);
}

bool ModuleOverlays::empty() const {
  std::shared_lock lock(mutex_);
  return files_.empty();
}

bool ModuleOverlays::contains(const std::string& path) const {
  std::shared_lock lock(mutex_);
  return hasFile(path);
}

bool ModuleOverlays::hasFolder(const std::string& folder) const {
  std::string prefix = folder + "/";
  auto it = files_.lower_bound(prefix);
  return it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
}

ResolvedModule ModuleOverlays::resolveIn(const std::string& folder, std::string_view dottedName,
                                         std::string name) const {
  ResolvedModule result;
  std::vector<std::string_view> parts = splitDots(dottedName);
  std::string current = folder;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].empty()) return ResolvedModule{};
    bool last = i + 1 == parts.size();
    std::string sub = join(current, parts[i]);
    if (!last) {
      if (!hasFolder(sub)) return ResolvedModule{};
      current = sub;
      continue;
    }
    result.name = std::move(name);
    if (hasFile(sub + "/__init__.pyi") || hasFile(sub + "/__init__.py")) {
      bool stub = hasFile(sub + "/__init__.pyi");
      result.kind = stub ? ModuleKind::StubFile : ModuleKind::SourceFile;
      result.path = sub + (stub ? "/__init__.pyi" : "/__init__.py");
      result.isPackage = true;
      result.submoduleFolders.push_back({sub, ModuleOrigin::Project});
    } else if (hasFile(sub + ".pyi") || hasFile(sub + ".py")) {
      bool stub = hasFile(sub + ".pyi");
      result.kind = stub ? ModuleKind::StubFile : ModuleKind::SourceFile;
      result.path = sub + (stub ? ".pyi" : ".py");
    } else if (hasFolder(sub)) {
      result.kind = ModuleKind::NamespacePackage;
      result.isPackage = true;
      result.namespaceDirs.push_back(sub);
      result.submoduleFolders.push_back({sub, ModuleOrigin::Project});
    } else {
      return ResolvedModule{};
    }
    result.origin = ModuleOrigin::Project;
    return result;
  }
  return ResolvedModule{};
}

ResolvedModule ModuleOverlays::resolve(std::string_view dottedName) const {
  std::shared_lock lock(mutex_);
  if (files_.empty()) return ResolvedModule{};
  for (const std::string& root : roots_) {
    ResolvedModule r = resolveIn(root, dottedName, std::string(dottedName));
    if (r) return r;
  }
  return ResolvedModule{};
}

ResolvedModule ModuleOverlays::resolveRelative(std::string_view importingFile, unsigned level,
                                               std::string_view name) const {
  std::shared_lock lock(mutex_);
  if (files_.empty() || level == 0 || !hasFile(std::string(importingFile))) return ResolvedModule{};
  std::string folder = parentOf(importingFile);
  // The importing file's package, as a dotted name under its root: `.` is that package and
  // each further dot climbs one package; climbing past the top-level one is an error.
  std::optional<std::string> package;
  for (const std::string& root : roots_) {
    if (folder == root) {
      package = "";
      break;
    }
    if (folder.size() > root.size() && folder.compare(0, root.size(), root) == 0 &&
        folder[root.size()] == '/') {
      package = folder.substr(root.size() + 1);
      for (char& c : *package)
        if (c == '/') c = '.';
      break;
    }
  }
  if (!package) return ResolvedModule{};
  size_t depth = package->empty() ? 0 : 1 + std::count(package->begin(), package->end(), '.');
  if (level > depth) {
    ResolvedModule beyond;
    beyond.beyondTopLevel = true;
    beyond.name = std::string(name);
    return beyond;
  }
  std::string base = *package;
  for (unsigned i = 1; i < level; ++i) {
    folder = parentOf(folder);
    size_t dot = base.rfind('.');
    base = dot == std::string::npos ? "" : base.substr(0, dot);
  }
  if (name.empty()) {
    ResolvedModule result;
    result.name = base;
    if (hasFile(folder + "/__init__.pyi") || hasFile(folder + "/__init__.py")) {
      bool stub = hasFile(folder + "/__init__.pyi");
      result.kind = stub ? ModuleKind::StubFile : ModuleKind::SourceFile;
      result.path = folder + (stub ? "/__init__.pyi" : "/__init__.py");
    } else if (hasFolder(folder)) {
      result.kind = ModuleKind::NamespacePackage;
      result.namespaceDirs.push_back(folder);
    } else {
      return ResolvedModule{};
    }
    result.isPackage = true;
    result.submoduleFolders.push_back({folder, ModuleOrigin::Project});
    return result;
  }
  std::string absolute = base.empty() ? std::string(name) : base + "." + std::string(name);
  return resolveIn(folder, name, absolute);
}

std::optional<std::string> ModuleOverlays::moduleNameOf(std::string_view path) const {
  std::shared_lock lock(mutex_);
  for (const std::string& root : roots_) {
    if (path.size() <= root.size() + 1 || path.compare(0, root.size(), root) != 0 ||
        path[root.size()] != '/')
      continue;
    std::string rel(path.substr(root.size() + 1));
    if (rel.ends_with(".pyi"))
      rel.resize(rel.size() - 4);
    else if (rel.ends_with(".py"))
      rel.resize(rel.size() - 3);
    else
      return std::nullopt;
    if (rel == "__init__") return std::nullopt;
    if (rel.ends_with("/__init__")) rel.resize(rel.size() - 9);
    for (char& c : rel)
      if (c == '/') c = '.';
    return rel;
  }
  return std::nullopt;
}

std::vector<std::string> ModuleOverlays::submodules(const std::string& folder) const {
  std::shared_lock lock(mutex_);
  std::vector<std::string> out;
  std::string prefix = folder + "/";
  for (auto it = files_.lower_bound(prefix);
       it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
    std::string rest = it->first.substr(prefix.size());
    size_t slash = rest.find('/');
    std::string part = slash == std::string::npos ? rest : rest.substr(0, slash);
    if (slash == std::string::npos) {
      if (part.ends_with(".pyi"))
        part.resize(part.size() - 4);
      else if (part.ends_with(".py"))
        part.resize(part.size() - 3);
      else
        continue;
      if (part == "__init__") continue;
    }
    if (out.empty() || out.back() != part) out.push_back(part);
  }
  return out;
}

} // namespace shrike::checker
