// FolderLookup: what one folder offers for one module name, from its cached listing.
//
//     lookInFolder("/site", "yaml")  ->  /site/yaml/__init__.py, a package with py.typed?
//
// Order within a folder: package (`__init__.pyi`, `__init__.py`), then module (`.pyi`,
// `.py`, an extension `.so`/`.pyd`), then a folder without `__init__` (namespace portion).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "checker/resolve/DirectoryCache.h"
#include "checker/resolve/ModuleResolver.h"

namespace shrike::checker {

// The (folder, name stem) pairs a result was built from. A file `<folder>/<stem>...`
// appearing or disappearing can change the result; nothing else can.
struct Probes {
  std::vector<std::pair<std::string, std::string>> items;
  void add(std::string_view folder, std::string_view name);
  void append(const Probes& other) {
    items.insert(items.end(), other.items.begin(), other.items.end());
  }
};

// "mod.py" -> "mod", "ext.cpython-311-x86_64-linux-gnu.so" -> "ext", "foo-stubs" -> "foo",
// "py.typed" -> "py": the name part a file can answer to.
std::string_view probeStem(std::string_view fileName);

struct FolderHit {
  ModuleKind kind = ModuleKind::NotFound;
  std::string file;          // the module file (empty for a namespace portion)
  std::string folder;        // a package's folder or a namespace portion (empty for a module)
  bool hasPyTyped = false;   // the package folder holds py.typed
  bool partialStubs = false; // ... and it says "partial" (meaningful for -stubs packages)
  bool isPackage() const { return !folder.empty(); }
  bool isModuleOrPackage() const {
    return kind != ModuleKind::NotFound && kind != ModuleKind::NamespacePackage;
  }
};

// Looks for `entryName` in `folder`. `entryName` is the module name part, or `name-stubs`
// for a stub package (then only a folder counts).
FolderHit lookInFolder(DirectoryCache& cache, const std::string& folder, std::string_view entryName,
                       Probes& probes);

} // namespace shrike::checker
