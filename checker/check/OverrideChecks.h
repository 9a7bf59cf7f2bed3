// OverrideChecks: a class's members against the members of its bases that they override, and
// where the @final and @override decorators may go.
//
//     class Base:
//         @final
//         def run(self) -> None: ...
//     class Child(Base):
//         def run(self) -> None: ...     # override-of-final-method
//         @override
//         def walk(self) -> None: ...    # invalid-explicit-override: Base has no walk
//     @final
//     def helper() -> None: ...          # invalid-final: not a method
#pragma once

#include "parser/Ast.h"

namespace shrike::checker {

class EvaluatorImpl;
class ModuleTypes;

void checkOverrides(EvaluatorImpl& e, ModuleTypes& mt, const parser::ClassDef* def);
// @final on a function that is not a method, or on an overload rather than the implementation.
void checkFinalDecoratorPlacement(EvaluatorImpl& e, ModuleTypes& mt,
                                  const parser::FunctionDef* def);

} // namespace shrike::checker
