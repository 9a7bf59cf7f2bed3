// ModuleResolver: finds the file (or folders) behind an imported module name, the way Python
// and the typing spec's import resolution order do (see SearchPaths.h for the order).
//
//     import a.b.c          resolve("a.b.c")
//     from ..x import y     resolveRelative("/proj/pkg/sub/mod.py", 2, "x")
//     from . import x       resolveRelative("/proj/pkg/mod.py", 1, "x")
//
// Within one folder a package (`a/__init__.pyi`, then `a/__init__.py`) beats a module
// (`a.pyi`, then `a.py`, then an extension `a.*.so`/`a.pyd`), which beats a folder without
// `__init__` (a PEP 420 namespace portion). Across the roots the first package or module
// wins and namespace portions merge; a partial stub package (`py.typed` says `partial`)
// merges with the runtime package it describes.
//
// Results are cached: absolute names per name, relative ones per (importing folder, level,
// name). Each result remembers the (folder, name) probes it was built from, so that a file
// appearing or disappearing drops exactly the results it could change. Thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checker/config/Settings.h"
#include "checker/resolve/Environment.h"

namespace shrike::checker {

enum class ModuleKind : uint8_t {
  NotFound,
  SourceFile,        // a .py module or package __init__.py
  StubFile,          // a .pyi module or package __init__.pyi
  NamespacePackage,  // PEP 420: folders without __init__
  CompiledExtension, // .so/.pyd without a stub: exists, contents unknown
};

enum class ModuleOrigin : uint8_t {
  StubPath,
  Project,
  TypeshedStdlib,
  SitePackages,
  TypeshedThirdParty,
  InterpreterStdlib, // the interpreter's own lib/pythonX.Y: what typeshed leaves out
};

// A folder a package's submodules are looked up in, with where it came from.
struct ModuleFolder {
  std::string path;
  ModuleOrigin origin = ModuleOrigin::Project;
  bool operator==(const ModuleFolder&) const = default;
};

struct ResolvedModule {
  ModuleKind kind = ModuleKind::NotFound;
  ModuleOrigin origin = ModuleOrigin::Project;
  std::string path;                       // the file, for SourceFile/StubFile/CompiledExtension
  std::vector<std::string> namespaceDirs; // the folders of a namespace package
  bool isPackage = false;                 // an __init__ file or a namespace package
  // When not found for the target version but present in typeshed for another, e.g.
  // "added in Python 3.12": said in the unresolved-import message.
  std::string versionNote;
  // Set when a relative import climbs above the top-level package.
  bool beyondTopLevel = false;
  // The absolute dotted name, when known (a relative import from a file under no root has
  // none).
  std::string name;
  // A package's folders, in lookup order: where its submodules are found.
  std::vector<ModuleFolder> submoduleFolders;
  // A partial stub package merged with its runtime package: submodules of it also merge.
  bool mergesFolders = false;
  explicit operator bool() const { return kind != ModuleKind::NotFound; }
};

class ModuleResolver {
public:
  ModuleResolver(Settings settings, Environment environment);
  ~ModuleResolver();
  ModuleResolver(const ModuleResolver&) = delete;
  ModuleResolver& operator=(const ModuleResolver&) = delete;

  // A resolver for `settings` with the environment discovered the usual way (the
  // interpreter is asked once per process).
  static std::shared_ptr<ModuleResolver> create(const Settings& settings);

  const Settings& settings() const;
  const Environment& environment() const;
  // The target version and platform; the binder's static conditions use the same answer.
  const PythonTarget& target() const;
  // Warnings to show once: an unusable interpreter, a malformed VERSIONS file.
  std::vector<std::string> problems() const;

  ResolvedModule resolve(std::string_view dottedName) const;
  // `level` dots relative to the package of `importingFile`; `name` may be empty
  // (`from . import x` resolves the package itself, then "x" as a submodule).
  ResolvedModule resolveRelative(std::string_view importingFile, unsigned level,
                                 std::string_view name) const;

  // The dotted name of a file under one of the roots ("pkg.sub.mod"; a package's
  // __init__ gives the package's name); nullopt for a file under no root.
  std::optional<std::string> moduleNameOf(std::string_view path) const;
  // The names of a package's submodules (modules, packages, namespace folders), sorted;
  // standard-library ones are filtered by the target version.
  std::vector<std::string> submodules(const ResolvedModule& package) const;

  // A file or folder appeared, disappeared or changed on disk: forgets what it affects.
  // fileChanged also serves when it is not known which of the three happened.
  void fileCreated(const std::string& path);
  void fileDeleted(const std::string& path);
  void fileChanged(const std::string& path);

  // Files that exist only in memory (an editor's unsaved new file, a test case's files):
  // resolved exactly as if they were on disk. Adding one twice is adding it once. The text
  // matters only for a py.typed marker ("partial"); adding it again with new text counts.
  void addInMemoryFile(const std::string& path, std::optional<std::string_view> text = {});
  void removeInMemoryFile(const std::string& path);

  // How many results are cached and how many folders were read: for tests and benchmarks.
  size_t cachedResults() const;
  uint64_t directoriesRead() const;

private:
  struct State;
  std::unique_ptr<State> state_;
};

std::string_view moduleKindName(ModuleKind kind);
std::string_view moduleOriginName(ModuleOrigin origin);

} // namespace shrike::checker
