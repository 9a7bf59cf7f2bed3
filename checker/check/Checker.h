// Checker: the type rules that walk each body of a module — assignments to declared types,
// returns against declared return types, and everything the evaluator reports while it types
// each expression (calls, attributes, operators, subscripts, iteration, type forms).
//
//     x: int = "a"          invalid-assignment   Type "Literal['a']" is not assignable to declared
//     type "int" def f() -> int:
//         return None       invalid-return-type  Type "None" is not assignable to return type "int"
#pragma once

#include <vector>

#include "checker/check/Diagnostic.h"

namespace shrike::checker {

class EvaluatorImpl;
struct BoundModule;

// Evaluates and checks every statement of `module`; returns its diagnostics by position.
std::vector<Diagnostic> checkModuleTypes(EvaluatorImpl& evaluator, const BoundModule& module);

} // namespace shrike::checker
