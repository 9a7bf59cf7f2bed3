// FileDiscovery: the walk — ignore lists stacked per folder, loop detection by (device, inode).
#include "checker/config/FileDiscovery.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <optional>
#include <set>

#include "checker/config/Glob.h"

namespace shrike::checker {

namespace fs = std::filesystem;

const std::vector<std::string>& defaultExcludes() {
  static const std::vector<std::string> excludes = {
      ".bzr/",        ".direnv/",  ".eggs/",         ".git/",        ".hg/",
      ".mypy_cache/", ".nox/",     ".pytest_cache/", ".ruff_cache/", ".svn/",
      ".tox/",        ".venv/",    "venv/",          "__pycache__/", "__pypackages__/",
      "_build/",      "buck-out/", "dist/",          "node_modules/"};
  return excludes;
}

std::string normalizePath(const std::string& path, const std::string& cwd) {
  fs::path p(path);
  if (p.is_relative()) p = fs::path(cwd) / p;
  std::string out = p.lexically_normal().string();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

namespace {

// "/a/b" -> "a/b": ignore lists compare paths relative to the file-system root.
std::string_view fromRoot(const std::string& absolute) {
  std::string_view view = absolute;
  while (!view.empty() && view.front() == '/') view.remove_prefix(1);
  return view;
}

bool isInside(const std::string& path, const std::string& folder) {
  if (folder == "/") return true;
  return path == folder ||
         (path.size() > folder.size() && path.compare(0, folder.size(), folder) == 0 &&
          path[folder.size()] == '/');
}

std::string parentOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos || slash == 0) return "/";
  return path.substr(0, slash);
}

std::string join(const std::string& folder, const std::string& name) {
  return folder == "/" ? "/" + name : folder + "/" + name;
}

bool isPythonFile(std::string_view name) {
  auto endsWith = [&](std::string_view suffix) {
    return name.size() > suffix.size() && name.substr(name.size() - suffix.size()) == suffix;
  };
  return endsWith(".py") || endsWith(".pyi");
}

class Walker {
public:
  Walker(const Settings& settings, const FileSystemView& fileSystem, DiscoveredFiles& out)
      : settings_(settings), fs_(fileSystem), out_(out) {}

  void addFile(const std::string& path) { files_.insert(path); }

  // Walks `root`; `includeGlob` (relative to the project root) filters files when set.
  void walk(const std::string& root, const std::optional<std::string>& includeGlob) {
    includeGlob_ = includeGlob;
    std::vector<std::string> excludeLines = defaultExcludes();
    excludeLines.insert(excludeLines.end(), settings_.exclude.begin(), settings_.exclude.end());
    std::string excludeBase = isInside(root, settings_.projectRoot) ? settings_.projectRoot : root;
    exclude_ = IgnoreList(std::string(fromRoot(excludeBase)), excludeLines);
    gitignores_.clear();
    if (settings_.respectGitignore) loadAncestorIgnores(root);
    EntryStatus status = fs_.status(root);
    std::vector<std::pair<uint64_t, uint64_t>> ancestors{{status.device, status.inode}};
    visit(root, ancestors);
  }

  void finish() { out_.files.assign(files_.begin(), files_.end()); }

private:
  // .gitignore files above the walk's root apply too: up to the repository's root (the
  // folder holding .git), or to the project root outside a repository.
  void loadAncestorIgnores(const std::string& root) {
    std::optional<std::string> gitRoot;
    for (std::string folder = root;; folder = parentOf(folder)) {
      if (fs_.status(join(folder, ".git")).type != EntryType::Missing) {
        gitRoot = folder;
        break;
      }
      if (folder == "/") break;
    }
    std::string top = gitRoot                                 ? *gitRoot
                      : isInside(root, settings_.projectRoot) ? settings_.projectRoot
                                                              : root;
    if (gitRoot)
      if (auto text = fs_.readFile(join(*gitRoot, ".git/info/exclude")))
        gitignores_.push_back(IgnoreList::fromFileText(std::string(fromRoot(*gitRoot)), *text));
    std::vector<std::string> chain;
    if (root != top && isInside(root, top)) {
      for (std::string folder = parentOf(root);; folder = parentOf(folder)) {
        chain.push_back(folder);
        if (folder == top || folder == "/") break;
      }
    }
    std::reverse(chain.begin(), chain.end());
    for (const std::string& folder : chain) pushIgnoreFile(folder);
  }

  bool pushIgnoreFile(const std::string& folder) {
    auto text = fs_.readFile(join(folder, ".gitignore"));
    if (!text) return false;
    gitignores_.push_back(IgnoreList::fromFileText(std::string(fromRoot(folder)), *text));
    return true;
  }

  bool excluded(const std::string& path, bool isDirectory) const {
    std::string_view relative = fromRoot(path);
    if (exclude_.decide(relative, isDirectory).value_or(false)) return true;
    // The deepest .gitignore with an opinion decides.
    for (auto it = gitignores_.rbegin(); it != gitignores_.rend(); ++it)
      if (auto decision = it->decide(relative, isDirectory)) return *decision;
    return false;
  }

  bool included(const std::string& path) const {
    if (!includeGlob_) return true;
    for (std::string candidate = path;
         isInside(candidate, settings_.projectRoot) && candidate != settings_.projectRoot;
         candidate = parentOf(candidate)) {
      std::string_view relative = std::string_view(candidate).substr(
          settings_.projectRoot == "/" ? 1 : settings_.projectRoot.size() + 1);
      if (globMatches(*includeGlob_, relative)) return true;
    }
    return false;
  }

  void skip(DiscoveryProblem::Kind kind, const std::string& path, std::string message) {
    out_.skipped.push_back(DiscoveryProblem{kind, path, std::move(message)});
  }

  void visit(const std::string& folder, std::vector<std::pair<uint64_t, uint64_t>>& ancestors) {
    std::vector<std::string> listed;
    std::vector<bool> plainFiles;
    if (int error = fs_.listWithPlainFiles(folder, listed, plainFiles)) {
      skip(DiscoveryProblem::Kind::Unreadable, folder,
           std::string("cannot read folder: ") + std::strerror(error));
      return;
    }
    std::vector<std::pair<std::string, bool>> entries;
    entries.reserve(listed.size());
    for (size_t i = 0; i < listed.size(); ++i)
      entries.emplace_back(std::move(listed[i]), i < plainFiles.size() && plainFiles[i]);
    std::sort(entries.begin(), entries.end());
    bool pushed = settings_.respectGitignore &&
                  std::binary_search(
                      entries.begin(), entries.end(), std::pair{std::string(".gitignore"), false},
                      [](const auto& a, const auto& b) { return a.first < b.first; }) &&
                  pushIgnoreFile(folder);
    for (const auto& [name, plainFile] : entries) {
      // A plain file that is not Python is passed over without a status call.
      if (plainFile && !isPythonFile(name)) continue;
      std::string path = join(folder, name);
      EntryStatus status = plainFile ? EntryStatus{EntryType::File, 0, 0, 0} : fs_.status(path);
      switch (status.type) {
      case EntryType::Missing: // a dangling symlink: nothing to check
      case EntryType::Other: break;
      case EntryType::SymlinkLoop:
        skip(DiscoveryProblem::Kind::SymlinkLoop, path, "symlink loop");
        break;
      case EntryType::Unreadable:
        skip(DiscoveryProblem::Kind::Unreadable, path,
             std::string("cannot read: ") + std::strerror(status.error));
        break;
      case EntryType::File:
        if (isPythonFile(name) && !excluded(path, false) && included(path)) files_.insert(path);
        break;
      case EntryType::Directory: {
        if (excluded(path, true)) break;
        std::pair<uint64_t, uint64_t> id{status.device, status.inode};
        if (std::find(ancestors.begin(), ancestors.end(), id) != ancestors.end()) {
          skip(DiscoveryProblem::Kind::SymlinkLoop, path,
               "symlink loop: the folder contains itself");
          break;
        }
        ancestors.push_back(id);
        visit(path, ancestors);
        ancestors.pop_back();
        break;
      }
      }
    }
    if (pushed) gitignores_.pop_back();
  }

  const Settings& settings_;
  const FileSystemView& fs_;
  DiscoveredFiles& out_;
  IgnoreList exclude_;
  std::vector<IgnoreList> gitignores_;
  std::optional<std::string> includeGlob_;
  std::set<std::string> files_;
};

} // namespace

DiscoveredFiles discoverFiles(const Settings& settings, const std::vector<std::string>& paths,
                              const std::string& cwd, const FileSystemView& fileSystem) {
  DiscoveredFiles out;
  Settings normalized = settings;
  normalized.projectRoot =
      normalizePath(settings.projectRoot.empty() ? cwd : settings.projectRoot, cwd);
  Walker walker(normalized, fileSystem, out);
  auto visitPath = [&](const std::string& path, bool explicitlyNamed,
                       const std::optional<std::string>& glob) {
    auto unusable = [&](DiscoveryProblem::Kind kind, std::string message) {
      out.unusable.push_back(DiscoveryProblem{kind, path, std::move(message)});
    };
    EntryStatus status = fileSystem.status(path);
    switch (status.type) {
    case EntryType::File:
      // A file named explicitly is checked whatever its name and even when excluded.
      if (explicitlyNamed || isPythonFile(path)) walker.addFile(path);
      break;
    case EntryType::Directory: {
      // A folder that was asked for and cannot be listed is an error, not a warning.
      std::vector<std::string> names;
      if (int error = fileSystem.list(path, names))
        unusable(DiscoveryProblem::Kind::Unreadable,
                 std::string("cannot read folder: ") + std::strerror(error));
      else
        walker.walk(path, glob);
      break;
    }
    case EntryType::Missing:
      unusable(DiscoveryProblem::Kind::NotFound, "no such file or folder");
      break;
    case EntryType::SymlinkLoop:
      unusable(DiscoveryProblem::Kind::SymlinkLoop, "symlink loop");
      break;
    case EntryType::Unreadable:
      unusable(DiscoveryProblem::Kind::Unreadable,
               std::string("cannot read: ") + std::strerror(status.error));
      break;
    case EntryType::Other: break;
    }
  };
  if (!paths.empty()) {
    for (const std::string& path : paths) visitPath(normalizePath(path, cwd), true, std::nullopt);
  } else if (normalized.include.empty()) {
    visitPath(normalized.projectRoot, false, std::nullopt);
  } else {
    for (const std::string& entry : normalized.include) {
      if (!hasGlobCharacters(entry)) {
        visitPath(normalizePath(entry, normalized.projectRoot), true, std::nullopt);
        continue;
      }
      // Walk from the glob's literal folder prefix and keep what the glob matches.
      std::string glob = entry;
      while (glob.rfind("./", 0) == 0) glob = glob.substr(2);
      std::string prefix;
      size_t start = 0;
      for (size_t slash; (slash = glob.find('/', start)) != std::string::npos; start = slash + 1) {
        std::string segment = glob.substr(start, slash - start);
        if (hasGlobCharacters(segment)) break;
        prefix = glob.substr(0, slash);
      }
      std::string root =
          prefix.empty() ? normalized.projectRoot : normalizePath(prefix, normalized.projectRoot);
      if (fileSystem.status(root).type == EntryType::Directory) walker.walk(root, glob);
    }
  }
  walker.finish();
  return out;
}

} // namespace shrike::checker
