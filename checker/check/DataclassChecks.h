// DataclassChecks: the rules a dataclass definition must follow, and assignments to the fields
// of a frozen dataclass.
//
//     @dataclass
//     class P:
//         x: int = 0
//         y: int               # invalid-dataclass: no default after a field with one
//
//     @dataclass(frozen=True)
//     class F:
//         a: int
//     F(1).a = 2               # invalid-assignment: F is frozen
#pragma once

#include <string>

#include "parser/Ast.h"

namespace shrike::checker {

class EvaluatorImpl;
class ModuleTypes;
struct ClassInfo;
struct InstanceType;

void checkDataclassDefinition(EvaluatorImpl& e, ModuleTypes& mt, const parser::ClassDef* def,
                              const ClassInfo* cls);

// Why `object.name = ...` is refused because `name` is a field of a frozen dataclass; empty
// when it is not.
std::string frozenFieldAssignment(EvaluatorImpl& e, const InstanceType* object, parser::Name name);

} // namespace shrike::checker
