// ModuleResolver: absolute and relative resolution over the search roots, with caching.
#include "checker/resolve/ModuleResolver.h"

#include <algorithm>
#include <mutex>
#include <set>
#include <sys/stat.h>
#include <unordered_map>

#include "checker/resolve/DirectoryCache.h"
#include "checker/resolve/FolderLookup.h"
#include "checker/resolve/ResolutionCache.h"
#include "checker/resolve/SearchPaths.h"
#include "checker/resolve/TypeshedVersions.h"

namespace shrike::checker {

namespace {

using Entry = ResolutionCache::Entry;

// A hit in one root or folder, with where it came from.
struct Candidate {
  FolderHit hit;
  ModuleOrigin origin;
  RootKind kind;
};

bool isSiteKind(RootKind kind) {
  return kind == RootKind::StubPackages || kind == RootKind::TypedPackages ||
         kind == RootKind::TypeshedThirdParty || kind == RootKind::UntypedPackages;
}

// Whether folders found in `other` roots merge into a package found in a `winner` root: a
// stub package with its runtime package, typeshed's stdlib with the interpreter's sources.
bool mergesWith(RootKind winner, RootKind other) {
  if (winner == RootKind::TypeshedStdlib)
    return other == RootKind::TypeshedStdlib || other == RootKind::InterpreterStdlib;
  return isSiteKind(winner) && isSiteKind(other);
}

bool validDottedName(std::string_view name) {
  if (name.empty()) return false;
  size_t start = 0;
  while (true) {
    size_t dot = name.find('.', start);
    if (!isIdentifier(name.substr(start, dot == std::string_view::npos ? dot : dot - start)))
      return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

// Builds the module from the candidates: the first module or package wins; with none, the
// namespace portions make a namespace package. `merge` keeps every folder in order so that
// a partial stub package's submodules fall back to the runtime package's.
ResolvedModule select(const std::vector<Candidate>& candidates, bool merge, std::string name) {
  ResolvedModule module;
  module.name = std::move(name);
  module.mergesFolders = merge;
  auto primary = std::find_if(candidates.begin(), candidates.end(),
                              [](const Candidate& c) { return c.hit.isModuleOrPackage(); });
  if (primary != candidates.end()) {
    module.kind = primary->hit.kind;
    module.origin = primary->origin;
    module.path = primary->hit.file;
    module.isPackage = primary->hit.isPackage();
    if (module.isPackage && !merge)
      module.submoduleFolders.push_back({primary->hit.folder, primary->origin});
  } else if (!candidates.empty()) {
    module.kind = ModuleKind::NamespacePackage;
    module.origin = candidates.front().origin;
    module.isPackage = true;
    for (const Candidate& c : candidates) {
      module.namespaceDirs.push_back(c.hit.folder);
      if (!merge) module.submoduleFolders.push_back({c.hit.folder, c.origin});
    }
  }
  if (merge && module.isPackage) {
    for (const Candidate& c : candidates) {
      ModuleFolder folder{c.hit.folder, c.origin};
      if (c.hit.isPackage() &&
          std::find(module.submoduleFolders.begin(), module.submoduleFolders.end(), folder) ==
              module.submoduleFolders.end())
        module.submoduleFolders.push_back(folder);
    }
  }
  return module;
}

} // namespace

struct ModuleResolver::State {
  Settings settings;
  Environment environment;
  PythonTarget target;
  SearchPaths paths;
  TypeshedVersions versions;
  mutable DirectoryCache directories;
  mutable ResolutionCache cache;

  // Top-level name -> the typeshed/stubs/<distribution> folders that provide it.
  using ThirdPartyIndex = std::unordered_map<std::string, std::vector<std::string>>;
  mutable std::mutex thirdPartyMutex;
  mutable std::shared_ptr<const ThirdPartyIndex> thirdParty;

  std::shared_ptr<const ThirdPartyIndex> thirdPartyIndex() const;
  bool gatedOut(std::string_view module, std::string& note) const;
  std::shared_ptr<const Entry> resolveEntry(std::string_view dottedName) const;
  Entry resolveTopLevel(std::string_view name) const;
  Entry resolveChild(const Entry& parent, std::string_view part, std::string name) const;
  // The dotted name of a folder's package ("" for a root); nullopt when under no root.
  std::optional<std::string> packageNameOf(const std::string& folder, Probes* probes) const;
  std::optional<std::string> rootFolderOf(const std::string& folder, ModuleOrigin& origin) const;
};

std::shared_ptr<const ModuleResolver::State::ThirdPartyIndex>
ModuleResolver::State::thirdPartyIndex() const {
  std::lock_guard<std::mutex> lock(thirdPartyMutex);
  if (thirdParty) return thirdParty;
  auto index = std::make_shared<ThirdPartyIndex>();
  // A listing is held while it is walked: the cache may not keep it (a range-for over
  // `*directories.list(...)` walked freed memory once the listing was not cached).
  std::shared_ptr<const DirectoryCache::Listing> distributions =
      directories.list(paths.typeshedStubs);
  for (const DirectoryCache::Entry& distribution : *distributions) {
    if (!distribution.isDirectory) continue;
    std::string folder = joinPath(paths.typeshedStubs, distribution.name);
    std::shared_ptr<const DirectoryCache::Listing> entries = directories.list(folder);
    for (const DirectoryCache::Entry& entry : *entries) {
      std::string_view name = entry.name;
      if (!entry.isDirectory) {
        if (!name.ends_with(".pyi")) continue;
        name.remove_suffix(4);
      }
      if (isIdentifier(name)) (*index)[std::string(name)].push_back(folder);
    }
  }
  thirdParty = std::move(index);
  return thirdParty;
}

// Whether typeshed's VERSIONS rules `module` out for the target; says why in `note`.
bool ModuleResolver::State::gatedOut(std::string_view module, std::string& note) const {
  StdlibAvailability availability = versions.availability(module, target.version);
  if (availability == StdlibAvailability::TooNew || availability == StdlibAvailability::Removed) {
    note = versions.note(module, target.version);
    return true;
  }
  return false;
}

Entry ModuleResolver::State::resolveTopLevel(std::string_view name) const {
  Entry entry;
  std::vector<Candidate> candidates;
  std::string note;
  std::optional<RootKind> winner; // where the module or package was found
  bool merge = false;             // ... and later folders of its family merge into it
  bool partialPortion = false;    // a partial stub package without __init__.pyi was seen
  for (const SearchRoot& root : paths.roots) {
    if (winner && !merge) break;
    if (winner && !mergesWith(*winner, root.kind)) continue;
    std::vector<FolderHit> hits;
    switch (root.kind) {
    case RootKind::Plain:
      hits.push_back(lookInFolder(directories, root.directory, name, entry.probes));
      break;
    case RootKind::TypeshedStdlib:
      // Typeshed's stdlib holds only what VERSIONS lists; without a VERSIONS file
      // (a broken typeshed) the folder is searched ungated.
      if (versions.size() > 0 && (!versions.knowsTopLevel(name) || gatedOut(name, note))) continue;
      hits.push_back(lookInFolder(directories, root.directory, name, entry.probes));
      break;
    case RootKind::StubPackages:
      hits.push_back(
          lookInFolder(directories, root.directory, std::string(name) + "-stubs", entry.probes));
      break;
    case RootKind::TypedPackages: {
      FolderHit hit = lookInFolder(directories, root.directory, name, entry.probes);
      bool typed = hit.kind == ModuleKind::StubFile || hit.kind == ModuleKind::NamespacePackage ||
                   (hit.isPackage() && hit.hasPyTyped);
      if (typed) hits.push_back(std::move(hit));
      break;
    }
    case RootKind::TypeshedThirdParty: {
      std::shared_ptr<const ThirdPartyIndex> index = thirdPartyIndex();
      if (auto it = index->find(std::string(name)); it != index->end())
        for (const std::string& distribution : it->second)
          hits.push_back(lookInFolder(directories, distribution, name, entry.probes));
      break;
    }
    case RootKind::UntypedPackages: {
      FolderHit hit = lookInFolder(directories, root.directory, name, entry.probes);
      // Stubs, py.typed packages and namespace portions were taken in the typed pass.
      bool untyped =
          hit.kind == ModuleKind::SourceFile || hit.kind == ModuleKind::CompiledExtension;
      if (untyped && !(hit.isPackage() && hit.hasPyTyped)) hits.push_back(std::move(hit));
      break;
    }
    case RootKind::InterpreterStdlib:
      // The interpreter's sources answer for names typeshed does not know, and fill in
      // the submodules typeshed leaves out of its packages; a name typeshed gates out by
      // version stays out.
      if (versions.knowsTopLevel(name) && winner != RootKind::TypeshedStdlib) continue;
      hits.push_back(lookInFolder(directories, root.directory, name, entry.probes));
      break;
    }
    for (FolderHit& hit : hits) {
      if (hit.kind == ModuleKind::NotFound) continue;
      if (winner && !hit.isPackage()) continue; // after the winner only folders are merged
      bool partialStubs = root.kind == RootKind::StubPackages && hit.partialStubs;
      if (!winner && hit.isModuleOrPackage()) {
        winner = root.kind;
        // Typeshed's third-party stubs merge like partial stub packages: many are partial.
        merge = hit.isPackage() &&
                (partialStubs || partialPortion || root.kind == RootKind::TypeshedThirdParty ||
                 root.kind == RootKind::TypeshedStdlib);
      } else if (partialStubs) {
        partialPortion = true;
      }
      candidates.push_back({std::move(hit), root.origin, root.kind});
    }
  }
  if (merge) {
    std::erase_if(candidates, [&](const Candidate& c) { return !mergesWith(*winner, c.kind); });
  } else if (!winner && partialPortion) {
    std::erase_if(candidates, [](const Candidate& c) { return !isSiteKind(c.kind); });
  }
  entry.module = select(candidates, merge || (!winner && partialPortion), std::string(name));
  if (!entry.module && note.empty() &&
      std::binary_search(environment.builtinModules.begin(), environment.builtinModules.end(),
                         name)) {
    // Compiled into the interpreter: it exists, but nothing describes its contents.
    entry.module.kind = ModuleKind::CompiledExtension;
    entry.module.origin = ModuleOrigin::InterpreterStdlib;
  }
  if (!entry.module) entry.module.versionNote = note;
  return entry;
}

Entry ModuleResolver::State::resolveChild(const Entry& parent, std::string_view part,
                                          std::string name) const {
  Entry entry;
  entry.probes = parent.probes;
  const ResolvedModule& package = parent.module;
  if (!package.isPackage) {
    // A module has no submodules; a missing parent passes its version note on.
    entry.module.name = std::move(name);
    entry.module.versionNote = package.versionNote;
    return entry;
  }
  std::vector<Candidate> candidates;
  std::string note;
  bool found = false;
  // What typeshed gates out by version is not looked for anywhere else either.
  bool stdlib = std::any_of(package.submoduleFolders.begin(), package.submoduleFolders.end(),
                            [](const ModuleFolder& f) {
                              return f.origin == ModuleOrigin::TypeshedStdlib ||
                                     f.origin == ModuleOrigin::InterpreterStdlib;
                            });
  if (stdlib && versions.size() > 0 && gatedOut(name, note)) {
    entry.module.name = std::move(name);
    entry.module.versionNote = note;
    return entry;
  }
  for (const ModuleFolder& folder : package.submoduleFolders) {
    if (found && !package.mergesFolders) break;
    FolderHit hit = lookInFolder(directories, folder.path, part, entry.probes);
    if (hit.kind == ModuleKind::NotFound) continue;
    if (found && !hit.isPackage()) continue;
    found = found || hit.isModuleOrPackage();
    candidates.push_back({std::move(hit), folder.origin, RootKind::Plain});
  }
  entry.module = select(candidates, package.mergesFolders, std::move(name));
  if (!entry.module) entry.module.versionNote = note;
  return entry;
}

std::shared_ptr<const Entry>
ModuleResolver::State::resolveEntry(std::string_view dottedName) const {
  if (std::shared_ptr<const Entry> cached = cache.find(dottedName)) return cached;
  uint64_t generation = cache.generation();
  std::string key(dottedName);
  size_t dot = dottedName.rfind('.');
  auto entry = std::make_shared<const Entry>(
      dot == std::string_view::npos ? resolveTopLevel(dottedName)
                                    : resolveChild(*resolveEntry(dottedName.substr(0, dot)),
                                                   dottedName.substr(dot + 1), key));
  cache.store(key, entry, generation);
  return entry;
}

std::optional<std::string> ModuleResolver::State::rootFolderOf(const std::string& folder,
                                                               ModuleOrigin& origin) const {
  std::string probe = folder + "/_";
  // typeshed/stubs/<distribution> are roots of their own.
  const std::string& stubs = paths.typeshedStubs;
  if (probe.size() > stubs.size() + 1 && probe.compare(0, stubs.size() + 1, stubs + "/") == 0) {
    size_t end = probe.find('/', stubs.size() + 1);
    origin = ModuleOrigin::TypeshedThirdParty;
    return probe.substr(0, end);
  }
  const SearchRoot* root = paths.rootContaining(probe);
  if (!root) return std::nullopt;
  origin = root->origin;
  return root->directory;
}

std::optional<std::string> ModuleResolver::State::packageNameOf(const std::string& folder,
                                                                Probes* probes) const {
  ModuleOrigin origin;
  std::optional<std::string> root = rootFolderOf(folder, origin);
  if (!root) return std::nullopt;
  // A root that is itself a package (a project opened at its package folder) is named
  // from the first folder above it that is not.
  std::string top = *root;
  while (top.size() > 1) {
    if (probes) probes->add(top, "__init__");
    if (!directories.hasFile(top, "__init__.py") && !directories.hasFile(top, "__init__.pyi"))
      break;
    top = parentDirectory(top);
  }
  std::string name;
  size_t start = top == "/" ? 1 : top.size() + 1;
  while (start <= folder.size()) {
    size_t end = folder.find('/', start);
    std::string_view part =
        std::string_view(folder).substr(start, end == std::string::npos ? end : end - start);
    if (name.empty() && origin == ModuleOrigin::SitePackages) part = probeStem(part); // foo-stubs
    if (!name.empty()) name += '.';
    name += part;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return name;
}

ModuleResolver::ModuleResolver(Settings settings, Environment environment)
    : state_(std::make_unique<State>()) {
  state_->settings = std::move(settings);
  state_->environment = std::move(environment);
  state_->target = effectiveTarget(state_->settings, state_->environment);
  state_->paths = SearchPaths::build(state_->settings, state_->environment);
  state_->versions = TypeshedVersions::load(state_->paths.typeshedStdlib + "/VERSIONS");
}

ModuleResolver::~ModuleResolver() = default;

std::shared_ptr<ModuleResolver> ModuleResolver::create(const Settings& settings) {
  return std::make_shared<ModuleResolver>(settings, discoverEnvironment(settings));
}

const Settings& ModuleResolver::settings() const {
  return state_->settings;
}
const Environment& ModuleResolver::environment() const {
  return state_->environment;
}
const PythonTarget& ModuleResolver::target() const {
  return state_->target;
}

std::vector<std::string> ModuleResolver::problems() const {
  std::vector<std::string> problems;
  if (!state_->environment.warning.empty()) problems.push_back(state_->environment.warning);
  if (state_->directories.list(state_->paths.typeshedStdlib)->empty())
    problems.push_back("typeshed's standard library was not found at " +
                       state_->paths.typeshedStdlib +
                       " (run scripts/setup, or set `typeshed` in the configuration); builtins "
                       "and the standard library are unknown");
  else
    for (const std::string& problem : state_->versions.problems()) problems.push_back(problem);
  return problems;
}

ResolvedModule ModuleResolver::resolve(std::string_view dottedName) const {
  if (!validDottedName(dottedName)) {
    ResolvedModule module;
    module.name = std::string(dottedName);
    return module;
  }
  return state_->resolveEntry(dottedName)->module;
}

ResolvedModule ModuleResolver::resolveRelative(std::string_view importingFile, unsigned level,
                                               std::string_view name) const {
  if (level == 0) return resolve(name);
  ResolvedModule invalid;
  if (!name.empty() && !validDottedName(name)) return invalid;
  State& state = *state_;
  std::string folder = parentDirectory(normalizePath(importingFile));
  std::string key = "\x01" + folder + "\x01" + std::to_string(level) + "\x01" + std::string(name);
  if (std::shared_ptr<const Entry> cached = state.cache.find(key)) return cached->module;
  uint64_t generation = state.cache.generation();

  Entry entry;
  std::optional<std::string> packageName = state.packageNameOf(folder, &entry.probes);
  ModuleOrigin origin = ModuleOrigin::Project;
  state.rootFolderOf(folder, origin);
  // `.` is the importing file's package; each further dot climbs one package.
  std::string base = folder;
  bool beyond = false;
  for (unsigned i = 1; i < level && !beyond; ++i) {
    if (base.size() <= 1)
      beyond = true;
    else
      base = parentDirectory(base);
  }
  std::string absolute;
  if (packageName) {
    size_t depth =
        packageName->empty() ? 0 : 1 + std::count(packageName->begin(), packageName->end(), '.');
    if (level > depth)
      beyond = true;
    else {
      absolute = *packageName;
      for (unsigned i = 1; i < level; ++i)
        absolute.resize(absolute.rfind('.') == std::string::npos ? 0 : absolute.rfind('.'));
    }
  }
  if (beyond) {
    entry.module.beyondTopLevel = true;
    entry.module.name = std::string(name);
    state.cache.store(key, std::make_shared<const Entry>(entry), generation);
    return entry.module;
  }

  // The package at `base`, found by folder (the way the interpreter's __path__ has it).
  Entry package;
  package.probes = entry.probes;
  package.probes.add(base, "__init__");
  package.module.name = absolute;
  package.module.origin = origin;
  package.module.isPackage = true;
  package.module.submoduleFolders.push_back({base, origin});
  if (state.directories.hasFile(base, "__init__.pyi")) {
    package.module.kind = ModuleKind::StubFile;
    package.module.path = joinPath(base, "__init__.pyi");
  } else if (state.directories.hasFile(base, "__init__.py")) {
    package.module.kind = ModuleKind::SourceFile;
    package.module.path = joinPath(base, "__init__.py");
  } else {
    package.module.kind = ModuleKind::NamespacePackage;
    package.module.namespaceDirs.push_back(base);
  }

  entry = package;
  std::string_view rest = name;
  std::string dotted = absolute;
  while (!rest.empty() && entry.module) {
    size_t dot = rest.find('.');
    std::string_view part = rest.substr(0, dot);
    rest = dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
    dotted = dotted.empty() ? std::string(part) : dotted + "." + std::string(part);
    entry = state.resolveChild(entry, part, dotted);
  }
  if (!entry.module && packageName && !absolute.empty()) {
    // A namespace package spans roots: the portion next to the importing file may not be
    // the one that holds the name.
    Entry viaAbsolute = *state.resolveEntry(absolute + "." + std::string(name));
    viaAbsolute.probes.append(entry.probes);
    entry = std::move(viaAbsolute);
  }
  if (!packageName) entry.module.name.clear(); // no absolute name for a file under no root
  state.cache.store(key, std::make_shared<const Entry>(entry), generation);
  return entry.module;
}

std::optional<std::string> ModuleResolver::moduleNameOf(std::string_view path) const {
  std::string normal = normalizePath(path);
  std::string folder = parentDirectory(normal);
  std::optional<std::string> package = state_->packageNameOf(folder, nullptr);
  if (!package) return std::nullopt;
  std::string_view fileName =
      std::string_view(normal).substr(folder.size() + (folder == "/" ? 0 : 1));
  std::string_view stem = fileName.substr(0, fileName.find('.'));
  if (stem == "__init__") return package;
  return package->empty() ? std::string(stem) : *package + "." + std::string(stem);
}

std::vector<std::string> ModuleResolver::submodules(const ResolvedModule& package) const {
  std::set<std::string> names;
  std::string note;
  for (const ModuleFolder& folder : package.submoduleFolders) {
    std::shared_ptr<const DirectoryCache::Listing> entries = state_->directories.list(folder.path);
    for (const DirectoryCache::Entry& entry : *entries) {
      std::string_view name = entry.name;
      if (entry.isDirectory) {
        if (name == "__pycache__") continue;
        if (package.mergesFolders || folder.origin == ModuleOrigin::SitePackages)
          name = probeStem(name);
      } else if (name.ends_with(".pyi") || name.ends_with(".py") || name.ends_with(".so") ||
                 name.ends_with(".pyd")) {
        name = name.substr(0, name.find('.'));
      } else {
        continue;
      }
      if (name == "__init__" || !isIdentifier(name)) continue;
      bool stdlib = folder.origin == ModuleOrigin::TypeshedStdlib ||
                    folder.origin == ModuleOrigin::InterpreterStdlib;
      if (stdlib && !package.name.empty() && state_->versions.size() > 0 &&
          state_->gatedOut(package.name + "." + std::string(name), note))
        continue;
      names.emplace(name);
    }
  }
  return {names.begin(), names.end()};
}

void ModuleResolver::fileCreated(const std::string& path) {
  std::string normal = normalizePath(path);
  state_->directories.invalidate(normal);
  const std::string& typeshed = state_->paths.typeshedRoot;
  if (normal.compare(0, typeshed.size(), typeshed) == 0) {
    // Typeshed changes only when someone edits the copy: start over.
    {
      std::lock_guard<std::mutex> lock(state_->thirdPartyMutex);
      state_->thirdParty.reset();
    }
    state_->cache.clear();
    return;
  }
  state_->cache.invalidate(normal);
}

void ModuleResolver::fileDeleted(const std::string& path) {
  fileCreated(path);
}

void ModuleResolver::fileChanged(const std::string& path) {
  // A change of contents matters only to py.typed ("partial"); a path whose existence no
  // longer matches the listings appeared or disappeared.
  // When the folder's listing is not cached, what results were built from cannot be told
  // apart from the disk now: the path's results are dropped to be safe.
  std::string normal = normalizePath(path);
  struct stat info {};
  bool onDisk = stat(normal.c_str(), &info) == 0;
  std::optional<bool> listed = state_->directories.cachedExists(normal);
  if (listed != onDisk || std::string_view(normal).ends_with("/py.typed")) fileCreated(normal);
}

void ModuleResolver::addInMemoryFile(const std::string& path,
                                     std::optional<std::string_view> text) {
  std::string normal = normalizePath(path);
  std::string appeared = state_->directories.addVirtualFile(normal);
  if (!appeared.empty()) state_->cache.invalidate(appeared);
  if (text && std::string_view(normal).ends_with("/py.typed")) {
    state_->directories.setVirtualMarker(normal, std::string(*text));
    state_->cache.invalidate(normal); // what was resolved with the old marker text
  }
}

void ModuleResolver::removeInMemoryFile(const std::string& path) {
  std::string gone = state_->directories.removeVirtualFile(normalizePath(path));
  if (!gone.empty()) state_->cache.invalidate(gone);
}

size_t ModuleResolver::cachedResults() const {
  return state_->cache.size();
}
uint64_t ModuleResolver::directoriesRead() const {
  return state_->directories.directoriesRead();
}

std::string_view moduleKindName(ModuleKind kind) {
  switch (kind) {
  case ModuleKind::NotFound: return "not found";
  case ModuleKind::SourceFile: return "source";
  case ModuleKind::StubFile: return "stub";
  case ModuleKind::NamespacePackage: return "namespace package";
  case ModuleKind::CompiledExtension: return "compiled extension";
  }
  return "?";
}

std::string_view moduleOriginName(ModuleOrigin origin) {
  switch (origin) {
  case ModuleOrigin::StubPath: return "stub path";
  case ModuleOrigin::Project: return "project";
  case ModuleOrigin::TypeshedStdlib: return "typeshed stdlib";
  case ModuleOrigin::SitePackages: return "site-packages";
  case ModuleOrigin::TypeshedThirdParty: return "typeshed third-party";
  case ModuleOrigin::InterpreterStdlib: return "interpreter stdlib";
  }
  return "?";
}

} // namespace shrike::checker
