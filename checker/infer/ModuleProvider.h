// ModuleProvider: what the evaluator asks of the Program — bound modules by name, the targets
// of import records, and submodules — so inference can follow imports on demand.
//
//     import os.path        importedModule(this, record) -> Module("os"); os.path is a submodule
//     from .util import f   importedModule(this, record) -> the module "pkg.util"
//
// Modules are parsed and bound by the Program (once, shared between threads); a
// BoundModule stays alive and unchanged for as long as the Evaluator that saw it.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <string_view>

#include "checker/bind/SemanticIndex.h"
#include "parser/Ast.h"
#include "parser/SourceText.h"

namespace shrike::checker {

class ModuleTypes;

struct BoundModule {
  parser::Name name; // dotted ("os.path"); empty for a file under no import root
  std::string path;
  std::shared_ptr<const parser::SourceText> text;
  const parser::Ast* ast = nullptr;
  const bind::SemanticIndex* index = nullptr;
  bool isStub = false;
  bool isPackage = false; // an __init__ file
  bool isBuiltins = false;
  // Checked for the user: evaluating its code records diagnostics (stubs and third-party
  // modules are evaluated silently).
  bool reportDiagnostics = false;
  // Whatever the provider made this view of (the Program's Module); opaque to the evaluator.
  const void* source = nullptr;
  // The evaluator's per-module state (memo tables, diagnostics); created on first use.
  mutable std::atomic<ModuleTypes*> types{nullptr};
};

class ModuleProvider {
public:
  virtual ~ModuleProvider() = default;
  // A module by absolute dotted name, parsed and bound; null when it cannot be found.
  virtual const BoundModule* moduleNamed(std::string_view dottedName) = 0;
  // The module an import record of `from` names: for `import a.b` the module "a.b", for
  // `from m import x` the module m, for `from . import x` the package; null when unresolved.
  virtual const BoundModule* importedModule(const BoundModule& from, bind::ImportId import) = 0;
  // For `from pkg import x` where x is the submodule pkg.x: that submodule; else null.
  virtual const BoundModule* importedSubmodule(const BoundModule& from, bind::ImportId import) {
    (void)from;
    (void)import;
    return nullptr;
  }
  // `name` as a submodule of `package`, when it exists.
  virtual const BoundModule* submodule(const BoundModule& package, parser::Name name) = 0;
};

} // namespace shrike::checker
