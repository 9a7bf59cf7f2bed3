// Dataclasses: what the evaluator knows about a dataclass — its options and its fields —
// whether it is made by @dataclass or by a decorator, base class or metaclass marked with
// @dataclass_transform (PEP 681). Private to checker/infer and checker/check.
//
//     @dataclass(order=True)
//     class Item:
//         name: str                       field, positional
//         price: float = 0.0              field with a default
//         _: KW_ONLY
//         tag: str = field(default="")    keyword-only field
//         seed: InitVar[int] = 0          init-only: an __init__ parameter, not an attribute
//         count: ClassVar[int] = 0        not a field
//
// gives `__init__(self, name: str, price: float = 0.0, seed: int = 0, *, tag: str = "")`,
// `__lt__`... (order), `__hash__ = None` (eq without frozen), `__match_args__`.
#pragma once

#include <vector>

#include "checker/types/Type.h"
#include "parser/Ast.h"

namespace shrike::checker {

// The options a dataclass was made with (the keywords of @dataclass(...) or of a class
// statement over a dataclass_transform base, with the transform's defaults).
struct DataclassOptions {
  bool init = true;
  bool eq = true;
  bool order = false;
  bool frozen = false;
  bool kwOnly = false;
  bool unsafeHash = false;
  bool slots = false;
  bool matchArgs = true;
  bool stdlib = true; // @dataclass itself: `field` and `Field` are its field specifiers
  // The field specifiers a dataclass_transform names (classes or functions).
  std::vector<const Type*> fieldSpecifiers;
  // Where the options were written: the decorator, or the class statement.
  const parser::Node* source = nullptr;
};

// One field, as the dataclass declares it (inherited fields come first, in MRO order).
struct DataclassField {
  Name name;                      // the attribute
  Name initName;                  // the __init__ parameter: the name or the specifier's alias
  const Type* type = nullptr;     // the declared type (InitVar[T] unwrapped to T)
  const Type* initType = nullptr; // the parameter's type (a descriptor's __set__ value)
  bool hasDefault = false;
  bool init = true;
  bool kwOnly = false;
  bool initVar = false;
  const parser::AnnAssign* stmt = nullptr;
  const ClassInfo* owner = nullptr; // the class whose body declares it
};

struct DataclassInfo {
  DataclassOptions options;
  std::vector<DataclassField> fields;
  const FunctionType* init = nullptr; // the synthesized __init__; null with init=False
};

} // namespace shrike::checker
