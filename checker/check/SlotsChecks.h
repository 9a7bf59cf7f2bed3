// SlotsChecks: assignments to instance attributes that a class's __slots__ leave out.
//
//     class P:
//         __slots__ = ("x",)
//         def __init__(self) -> None:
//             self.x = 1
//             self.y = 2        # unresolved-attribute: "y" is not in __slots__
#pragma once

#include <string>

#include "parser/Ast.h"

namespace shrike::checker {

class EvaluatorImpl;
struct InstanceType;

// Why `object.name = ...` cannot work because every class of the object declares __slots__
// (or is a dataclass with slots=True) and none names it; empty when it can.
std::string slotsAssignment(EvaluatorImpl& e, const InstanceType* object, parser::Name name);

} // namespace shrike::checker
