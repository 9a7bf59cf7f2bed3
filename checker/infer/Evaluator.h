// Evaluator: demand-driven, memoised type inference over bound modules.
//
// Ask for the type of an expression or a declaration and the evaluator computes just what
// that needs — the declarations a name reaches through the flow graph, the classes and
// functions it refers to, in this module or any it imports — and records every result.
//
//     x = [1, 2]         typeOfExpression(`x` in print(x)) -> flow graph -> assignment
//     print(x)           -> typeOfExpression([1, 2]) -> list[int]
//
// One Evaluator serves a whole Program on several threads: memo tables are per module and
// publish first-wins under short locks, never held while computing. A computation that
// needs itself (a recursive function's return, `class A(B)` / `class B(A)`) gets Unknown
// or the declared type at the point of recursion, and that partial result is not recorded.
// Typeshed's stubs are evaluated only as far as the checked code uses them.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "checker/check/Diagnostic.h"
#include "checker/config/Settings.h"
#include "checker/infer/ModuleProvider.h"
#include "checker/types/TypeArena.h"
#include "checker/types/TypeServices.h"

namespace shrike::checker {

class EvaluatorImpl;

struct EvaluatorOptions {
  PythonVersion version{3, 13};
  std::string platform = "linux";
};

class Evaluator {
public:
  Evaluator(ModuleProvider& provider, EvaluatorOptions options);
  ~Evaluator();
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  TypeArena& arena();
  TypeServices& services();

  // The type of an expression of `module` (as its context makes it); memoised.
  const Type* typeOfExpression(const BoundModule& module, const parser::Expr* expr);
  // The type a declaration gives its name (inferred or declared).
  const Type* typeOfDeclaration(const BoundModule& module, bind::DeclId decl);
  // The declared type of a symbol (from an annotation, def, class or import); null if none.
  const Type* declaredTypeOfSymbol(const BoundModule& module, bind::SymbolId symbol);
  // The type of a symbol as other code sees it: declared, or the union of its inferred types.
  const Type* effectiveTypeOfSymbol(const BoundModule& module, bind::SymbolId symbol);

  std::string display(const Type* type);

  // Checks one module's code (the rules of checker/check) and returns the diagnostics found
  // in it, sorted by position; severities are the rules' defaults.
  std::vector<Diagnostic> checkModule(const BoundModule& module);

  // For the flow analysis of the binder's UseDef: does this call never return?
  bool callNeverReturns(const BoundModule& module, const parser::Call* call);

private:
  std::unique_ptr<EvaluatorImpl> impl_;
};

} // namespace shrike::checker
