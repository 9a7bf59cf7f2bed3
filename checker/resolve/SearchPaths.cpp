// SearchPaths: builds the root list from Settings and the Environment.
#include "checker/resolve/SearchPaths.h"

#include <algorithm>
#include <filesystem>

#ifndef SHRIKE_TYPESHED_DIR
#define SHRIKE_TYPESHED_DIR ""
#endif

namespace shrike::checker {

namespace fs = std::filesystem;

std::string bundledTypeshedDirectory() {
  return SHRIKE_TYPESHED_DIR;
}

namespace {

// An absolute path with no ".", ".." or empty parts and no trailing slash: most paths the
// resolver sees, which need no std::filesystem work.
bool isAlreadyNormal(std::string_view path) {
  if (path.empty() || path[0] != '/') return false;
  if (path.size() == 1) return true;
  if (path.back() == '/') return false;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    std::string_view part = path.substr(start, end == std::string_view::npos ? end : end - start);
    if (part.empty() || part == "." || part == "..") return false;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return true;
}

} // namespace

std::string normalizePath(std::string_view path, std::string_view base) {
  if (isAlreadyNormal(path)) return std::string(path);
  fs::path result{std::string(path)};
  if (result.is_relative()) {
    if (!base.empty())
      result = fs::path(std::string(base)) / result;
    else {
      std::error_code error;
      fs::path current = fs::current_path(error);
      if (!error) result = current / result;
    }
  }
  std::string text = result.lexically_normal().string();
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

bool isIdentifier(std::string_view text) {
  if (text.empty() || (text[0] >= '0' && text[0] <= '9')) return false;
  for (char c : text) {
    unsigned char byte = static_cast<unsigned char>(c);
    bool ok = byte >= 0x80 || byte == '_' || (byte >= '0' && byte <= '9') ||
              ((byte | 0x20) >= 'a' && (byte | 0x20) <= 'z');
    if (!ok) return false;
  }
  return true;
}

SearchPaths SearchPaths::build(const Settings& settings, const Environment& environment) {
  SearchPaths paths;
  std::string project =
      settings.projectRoot.empty() ? normalizePath(".") : normalizePath(settings.projectRoot);
  auto addPlain = [&](const std::string& directory, ModuleOrigin origin) {
    for (const SearchRoot& root : paths.roots)
      if (root.directory == directory) return; // the first mention keeps its place
    paths.roots.push_back({directory, origin, RootKind::Plain});
    paths.nameRoots.push_back({directory, origin, RootKind::Plain});
  };
  if (settings.stubPath && !settings.stubPath->empty())
    addPlain(normalizePath(*settings.stubPath, project), ModuleOrigin::StubPath);
  // Typeshed's stdlib comes before the project's roots, as in pyright and mypy: a project's
  // `typing_extensions.py` or `random.py` would otherwise replace the stub that typeshed's
  // own stubs (builtins.pyi imports typing_extensions) and the project's imports are
  // written against, with runtime code no checker reads well.
  paths.typeshedRoot = normalizePath(
      settings.typeshedPath.empty() ? bundledTypeshedDirectory() : settings.typeshedPath, project);
  paths.typeshedStdlib = paths.typeshedRoot + "/stdlib";
  paths.typeshedStubs = paths.typeshedRoot + "/stubs";
  paths.roots.push_back(
      {paths.typeshedStdlib, ModuleOrigin::TypeshedStdlib, RootKind::TypeshedStdlib});
  paths.nameRoots.push_back(paths.roots.back());
  addPlain(project, ModuleOrigin::Project);
  // src/ is searched even before it exists: a missing folder lists as empty, and a src/
  // created later then works without rebuilding the paths.
  addPlain(normalizePath("src", project), ModuleOrigin::Project);
  for (const std::string& extra : settings.extraSearchPaths)
    addPlain(normalizePath(extra, project), ModuleOrigin::Project);

  std::vector<std::string> sites;
  for (const std::string& site : environment.sitePackages) {
    std::string directory = normalizePath(site, project);
    if (std::find(sites.begin(), sites.end(), directory) == sites.end()) sites.push_back(directory);
  }
  for (RootKind kind : {RootKind::StubPackages, RootKind::TypedPackages})
    for (const std::string& site : sites)
      paths.roots.push_back({site, ModuleOrigin::SitePackages, kind});
  if (settings.typeshedThirdParty)
    paths.roots.push_back(
        {paths.typeshedStubs, ModuleOrigin::TypeshedThirdParty, RootKind::TypeshedThirdParty});
  for (const std::string& site : sites) {
    paths.roots.push_back({site, ModuleOrigin::SitePackages, RootKind::UntypedPackages});
    paths.nameRoots.push_back(paths.roots.back());
  }
  for (const std::string& stdlib : environment.stdlibPaths) {
    paths.roots.push_back({normalizePath(stdlib, project), ModuleOrigin::InterpreterStdlib,
                           RootKind::InterpreterStdlib});
    paths.nameRoots.push_back(paths.roots.back());
  }
  return paths;
}

const SearchRoot* SearchPaths::rootContaining(std::string_view path) const {
  const SearchRoot* best = nullptr;
  for (const SearchRoot& root : nameRoots) {
    const std::string& directory = root.directory;
    bool inside = path.size() > directory.size() &&
                  path.compare(0, directory.size(), directory) == 0 &&
                  (path[directory.size()] == '/' || directory == "/");
    if (inside && (!best || best->directory.size() < directory.size())) best = &root;
  }
  return best;
}

} // namespace shrike::checker
