// ModuleResolver: finds the file (or folders) behind an imported module name, the way Python
// and the typing spec's import resolution order do. (Contract; implementation in progress.)
//
//     import a.b.c          resolve("a.b.c")
//     from ..x import y     resolveRelative("/proj/pkg/sub/mod.py", 2, "x")
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "checker/config/Settings.h"

namespace shrike::checker {

// Facts about the target Python environment, asked of its interpreter once.
struct Environment {
  std::string interpreter;                // empty when none was found
  std::optional<PythonVersion> version;   // the interpreter's version
  std::string platform;                   // sys.platform of the interpreter
  std::vector<std::string> sitePackages;  // in sys.path order
};

enum class ModuleKind : uint8_t {
  NotFound,
  SourceFile,        // a .py module or package __init__.py
  StubFile,          // a .pyi module or package __init__.pyi
  NamespacePackage,  // PEP 420: folders without __init__
  CompiledExtension, // .so/.pyd without a stub: exists, contents unknown
};

enum class ModuleOrigin : uint8_t { StubPath, Project, TypeshedStdlib, SitePackages, TypeshedThirdParty };

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
  explicit operator bool() const { return kind != ModuleKind::NotFound; }
};

} // namespace shrike::checker
