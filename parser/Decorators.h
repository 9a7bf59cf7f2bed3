// Decorators: recognising a decorator by the name it ends in (`@final`, `@typing.final`), as
// the checker and the outline both need before any type is known.
#pragma once

#include <string_view>

#include "parser/Ast.h"

namespace shrike::parser {

// `@name`, `@anything.name` (`@x.setter`, `@functools.cached_property`); not `@name(...)`.
inline bool decoratorNamed(const Expr* decorator, std::string_view name) {
  if (auto n = decorator->as<NameExpr>()) return n->id.text() == name;
  if (auto a = decorator->as<Attribute>()) return a->attr.name.text() == name;
  return false;
}

// The same, also through a call: `@dataclass(frozen=True)` is named `dataclass`.
inline bool decoratorNamedOrCalled(const Expr* decorator, std::string_view name) {
  if (auto call = decorator->as<Call>()) decorator = call->func;
  return decoratorNamed(decorator, name);
}

inline bool hasDecorator(const FunctionDef* def, std::string_view name) {
  for (const Expr* decorator : def->decorators)
    if (decoratorNamed(decorator, name)) return true;
  return false;
}

} // namespace shrike::parser
