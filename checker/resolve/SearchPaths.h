// SearchPaths: the ordered places an absolute import is looked for, per the typing spec's
// import resolution order (with typeshed's stdlib before the project, as pyright and mypy
// have it), and the folders that give files their module names.
//
//     1. the stub path             4. site-packages: `foo-stubs`, then py.typed packages
//     2. typeshed's stdlib         5. typeshed's third-party stubs
//     3. the project's roots       6. untyped installed packages, the interpreter's stdlib
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "checker/resolve/Environment.h"
#include "checker/resolve/ModuleResolver.h"

namespace shrike::checker {

// How a root is searched for a top-level name.
enum class RootKind : uint8_t {
  Plain,              // the stub path and the project's roots: the name itself
  TypeshedStdlib,     // typeshed/stdlib, gated by VERSIONS
  StubPackages,       // a site-packages folder, for `name-stubs`
  TypedPackages,      // a site-packages folder: stubs, py.typed packages, namespace portions
  TypeshedThirdParty, // typeshed/stubs/<distribution>/name
  UntypedPackages,    // a site-packages folder: packages without py.typed, .py, extensions
  InterpreterStdlib,  // lib/pythonX.Y: names typeshed's stdlib does not know, and the
                      // submodules it leaves out of the packages it has (email._parseaddr)
};

struct SearchRoot {
  std::string directory;
  ModuleOrigin origin;
  RootKind kind;
};

struct SearchPaths {
  std::vector<SearchRoot> roots; // in resolution order
  std::string typeshedRoot;      // .../typeshed
  std::string typeshedStdlib;    // .../typeshed/stdlib
  std::string typeshedStubs;     // .../typeshed/stubs (one folder per distribution)
  // Folders whose files are named relative to them (project roots, stub path, site-packages,
  // typeshed stdlib, the interpreter's stdlib); typeshed/stubs/<dist> are added on demand.
  std::vector<SearchRoot> nameRoots;

  static SearchPaths build(const Settings& settings, const Environment& environment);
  // The root that `path` lies under, the longest when several do; null when none.
  const SearchRoot* rootContaining(std::string_view path) const;
};

// The typeshed copy fetched by scripts/setup (compile definition SHRIKE_TYPESHED_DIR).
std::string bundledTypeshedDirectory();

// An absolute, lexically normal path without a trailing slash, relative to `base`.
std::string normalizePath(std::string_view path, std::string_view base = "");

// Whether `text` can be a module name part (a Python identifier, non-ASCII allowed).
bool isIdentifier(std::string_view text);

} // namespace shrike::checker
