// NameChecks: the diagnostics about names, from a module's semantic index and flow graph.
//
//     print(undefined_name)     # unresolved-reference (with "did you mean" when one is close)
//     if c:
//         x = 1
//     print(x)                  # possibly-unbound (warning)
//     del x
//     print(x)                  # unbound-reference
//
// A name read in a function but bound in an enclosing scope is not flow-checked: the
// function may run after the binding. Class bodies and the module fall back to globals and
// builtins where their own binding may be missing, as Python's lookups do. Stubs, deferred
// annotations and code that cannot run are not flow-checked.
#pragma once

#include <vector>

#include "checker/Module.h"
#include "checker/ModuleGraph.h"
#include "checker/bind/UseDef.h"
#include "checker/check/Diagnostic.h"

namespace shrike::checker {

// Appends the name diagnostics of `module` (ready) with their rules' default severities.
void checkNames(ModuleGraph& graph, Module& module, const bind::FlowOracle* oracle,
                std::vector<Diagnostic>& out);

// Appends unresolved-import diagnostics: modules that cannot be found, and names a
// `from m import name` asks of m that m does not have.
void checkImports(ModuleGraph& graph, Module& module, std::vector<Diagnostic>& out);

// True when `name` is a builtin for the graph's target version.
bool isBuiltinName(ModuleGraph& graph, parser::Name name);

} // namespace shrike::checker
