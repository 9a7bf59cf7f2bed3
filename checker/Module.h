// Module: one file the Program knows — its path and module name, text, syntax tree, semantic
// index and what each of its imports resolved to.
//
// A module is created unloaded (a path and a name) as soon as something refers to it, and
// loaded (read, parsed, bound) once, on first need: typeshed stubs are loaded only as far as
// the project's imports reach. After loading it does not change; an edit makes a new Module.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "checker/bind/SemanticIndex.h"
#include "checker/check/Diagnostic.h"
#include "checker/resolve/ModuleResolver.h"
#include "parser/Ast.h"
#include "parser/SourceText.h"

namespace shrike::checker {

using ModuleId = uint32_t;
inline constexpr ModuleId noModule = UINT32_MAX;

// What one import record resolved to.
struct ImportTarget {
  ModuleId module = noModule;    // the module named (`from m import x`: m)
  ModuleId submodule = noModule; // `from m import x` where x is the submodule m.x
  // `import a.b.c` binds `a`: the modules a, a.b (and a.b.c in `module`) it makes reachable.
  std::vector<ModuleId> parents;
  ModuleKind kind = ModuleKind::NotFound;
  bool beyondTopLevel = false;
  std::string versionNote; // set when not found for the target version, found for another
};

// Why a file that was found is not analysed: larger than Settings::maxFileSize
// (`file-too-large`), or holding NUL bytes, so not text (`invalid-encoding`).
struct SkippedFile {
  Rule rule = Rule::FileTooLarge;
  std::string message;
  uint32_t offset = 0; // where in the text the reason is (the first NUL byte)
};

class Module {
public:
  ModuleId id = noModule;
  std::string path; // the file; for a namespace package, its first folder
  std::string name; // dotted ("pkg.mod"); empty for a file under no search root
  ModuleKind kind = ModuleKind::SourceFile;
  ModuleOrigin origin = ModuleOrigin::Project;
  bool isPackage = false;
  std::vector<std::string> namespaceDirs; // a namespace package's folders

  // Set once loaded; immutable afterwards (except the Ast, which may be dropped).
  std::shared_ptr<const parser::SourceText> text; // null when unread or unreadable
  std::string readError;
  // Set when the file is not analysed: it binds as an empty module whose names are unknown to
  // its importers, and checking it reports why. `text` is what was read (empty when too large).
  std::optional<SkippedFile> skipped;
  std::unique_ptr<parser::Ast> ast;
  std::unique_ptr<bind::SemanticIndex> index;
  std::vector<ImportTarget> imports; // parallel to index->imports()
  // A hash of what other modules can see of this one (its exported names and their kinds):
  // dependents need re-checking after an edit only when it changes.
  uint64_t interfaceHash = 0;

  bool isStub() const { return kind == ModuleKind::StubFile; }
  bool isLoaded() const { return loaded_.load(std::memory_order_acquire); }
  bool isLinked() const { return linked_.load(std::memory_order_acquire); }
  const bind::SemanticIndex* semanticIndex() const { return index.get(); }

private:
  friend class ModuleGraph;
  std::once_flag loadOnce_;
  std::atomic<bool> loaded_{false};
  std::atomic<bool> linked_{false};
  bool linking_ = false; // guarded by the graph's link mutex
};

} // namespace shrike::checker
