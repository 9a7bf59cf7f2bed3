// Binder: one walk over a module's Ast that builds its SemanticIndex — scopes, symbols,
// declarations, import records, references and the flow graph (see SemanticIndex.h and
// FlowGraph.h) — and finds the errors of context Python reports at compile time:
//
//     return 1            # invalid-syntax: 'return' outside function
//     def f():
//         print(x)        # (fine here; the name checks decide about x later)
//         global x        # invalid-syntax: name 'x' is used prior to global declaration
//
// Binding needs no other module: names that `from m import *` brings in are added when the
// Program links the module (Linker.h), and references are resolved after that.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "checker/bind/SemanticIndex.h"
#include "checker/config/Settings.h"
#include "parser/Ast.h"

namespace shrike::checker::bind {

struct BindOptions {
  PythonVersion version;          // decides sys.version_info tests
  std::string platform = "linux"; // decides sys.platform tests; "all" decides none
  bool isStub = false;            // a .pyi file: annotations are forward references
  bool isPackage = false;         // an __init__ file: has `__path__`
  // The module's text, for PEP 484 signature type comments (TypeComments.h); none are read
  // when empty.
  std::string_view source;
};

std::unique_ptr<SemanticIndex> bindModule(const parser::Ast& ast, const BindOptions& options);

} // namespace shrike::checker::bind
