// FolderLookup: package, module, extension and namespace checks against cached listings.
#include "checker/resolve/FolderLookup.h"

#include <algorithm>

namespace shrike::checker {

std::string_view probeStem(std::string_view fileName) {
  std::string_view stem = fileName.substr(0, fileName.find('.'));
  constexpr std::string_view kStubs = "-stubs";
  if (stem.size() > kStubs.size() && stem.substr(stem.size() - kStubs.size()) == kStubs)
    stem.remove_suffix(kStubs.size());
  return stem;
}

void Probes::add(std::string_view folder, std::string_view name) {
  items.emplace_back(std::string(folder), std::string(probeStem(name)));
}

namespace {

// An extension module: `name.so`, `name.pyd`, or with an ABI tag between
// (`name.cpython-311-x86_64-linux-gnu.so`, `name.abi3.so`, `name.cp311-win_amd64.pyd`).
const DirectoryCache::Entry* findExtension(const DirectoryCache::Listing& listing,
                                           std::string_view name) {
  std::string prefix = std::string(name) + ".";
  auto it = std::lower_bound(
      listing.begin(), listing.end(), prefix,
      [](const DirectoryCache::Entry& entry, const std::string& key) { return entry.name < key; });
  for (; it != listing.end() && it->name.compare(0, prefix.size(), prefix) == 0; ++it) {
    std::string_view file = it->name;
    if (it->isDirectory) continue;
    if (file.ends_with(".so") || file.ends_with(".pyd")) return &*it;
  }
  return nullptr;
}

bool saysPartial(const std::string& contents) {
  // "partial\n" is the marker; tolerate surrounding whitespace and CRLF.
  size_t start = contents.find_first_not_of(" \t\r\n");
  return start != std::string::npos && contents.compare(start, 7, "partial") == 0;
}

} // namespace

FolderHit lookInFolder(DirectoryCache& cache, const std::string& folder, std::string_view entryName,
                       Probes& probes) {
  FolderHit hit;
  probes.add(folder, entryName);
  std::shared_ptr<const DirectoryCache::Listing> listing = cache.list(folder);
  bool stubPackage = entryName.ends_with("-stubs");

  if (const DirectoryCache::Entry* entry = DirectoryCache::find(*listing, entryName);
      entry && entry->isDirectory) {
    std::string packageFolder = joinPath(folder, entryName);
    probes.add(packageFolder, "__init__");
    probes.add(packageFolder, "py.typed");
    std::shared_ptr<const DirectoryCache::Listing> inside = cache.list(packageFolder);
    if (const DirectoryCache::Entry* marker = DirectoryCache::find(*inside, "py.typed");
        marker && !marker->isDirectory) {
      hit.hasPyTyped = true;
      std::optional<std::string> contents = cache.readMarker(joinPath(packageFolder, "py.typed"));
      hit.partialStubs = contents && saysPartial(*contents);
    }
    hit.folder = packageFolder;
    for (auto [init, kind] : {std::pair{"__init__.pyi", ModuleKind::StubFile},
                              std::pair{"__init__.py", ModuleKind::SourceFile}}) {
      if (stubPackage && kind == ModuleKind::SourceFile) continue;
      if (const DirectoryCache::Entry* file = DirectoryCache::find(*inside, init);
          file && !file->isDirectory) {
        hit.kind = kind;
        hit.file = joinPath(packageFolder, init);
        return hit;
      }
    }
    hit.kind = ModuleKind::NamespacePackage; // unless a module of the same name follows
  }
  if (stubPackage) return hit;

  std::string name(entryName);
  for (auto [suffix, kind] :
       {std::pair{".pyi", ModuleKind::StubFile}, std::pair{".py", ModuleKind::SourceFile}}) {
    if (const DirectoryCache::Entry* file = DirectoryCache::find(*listing, name + suffix);
        file && !file->isDirectory) {
      return FolderHit{kind, joinPath(folder, file->name), "", false, false};
    }
  }
  if (const DirectoryCache::Entry* extension = findExtension(*listing, entryName))
    return FolderHit{ModuleKind::CompiledExtension, joinPath(folder, extension->name), "", false,
                     false};
  return hit;
}

} // namespace shrike::checker
