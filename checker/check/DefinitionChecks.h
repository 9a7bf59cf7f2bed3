// DefinitionChecks: rules about how a class or function is defined (rather than how its values
// are used): what a class may inherit from, and how type parameters are declared.
//
//     @final
//     class Leaf: ...
//     class Branch(Leaf): ...     # invalid-base-class: Leaf is final
//     class Box[T: ()]: ...       # invalid-type-parameter: fewer than two constraints
#pragma once

#include "parser/Ast.h"

namespace shrike::checker {

class EvaluatorImpl;
class ModuleTypes;

void checkClassDefinition(EvaluatorImpl& e, ModuleTypes& mt, const parser::ClassDef* def);
void checkFunctionDefinition(EvaluatorImpl& e, ModuleTypes& mt, const parser::FunctionDef* def);
// `x: list[T] = []` where no enclosing class or function binds T; `A: TypeAlias = list[T]`
// inside a class or function whose T it would capture.
void checkVariableAnnotation(EvaluatorImpl& e, ModuleTypes& mt, const parser::AnnAssign* stmt);

} // namespace shrike::checker
