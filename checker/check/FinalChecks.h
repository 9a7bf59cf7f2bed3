// FinalChecks: assignments to attributes declared Final.
//
//     class C:
//         LIMIT: Final = 10
//         size: Final[int]
//         def __init__(self) -> None:
//             self.size = 1        # fine: a Final without a value is set in __init__
//     C.LIMIT = 11                 # invalid-assignment: LIMIT is Final
#pragma once

#include <string>

#include "parser/Ast.h"

namespace shrike::checker {

class EvaluatorImpl;
struct Type;

// Why `target = ...` is refused because the attribute is Final on `object` (an instance or a
// class); empty when it is not.
std::string finalAttributeAssignment(EvaluatorImpl& e, const Type* object,
                                     const parser::Attribute* target);

} // namespace shrike::checker
