// Display: types as text, exactly as pyright's hover and reveal_type show them.
//
//     list[int]    int | None    (x: int, /) -> str    type[C]    Literal[1, 'a']
//     Module("os.path")    T@f    Self@C    tuple[int, ...]    Overload[(x: int) -> int, ...]
#pragma once

#include <string>

#include "checker/types/Type.h"
#include "checker/types/TypeServices.h"

namespace shrike::checker {

// `services` (nullable) supplies inferred return types of unannotated functions.
std::string displayType(const Type* type, TypeServices* services = nullptr);

// The value inside Literal[...]: 1, 'a', b"x", True, Color.RED.
std::string displayLiteralValue(const InstanceType* literal);

} // namespace shrike::checker
