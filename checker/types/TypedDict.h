// TypedDict: the items of a TypedDict class (its keys, their value types and qualifiers).
//
//     class Movie(TypedDict, total=False):
//         name: Required[str]            item "name": str, required, writable
//         year: ReadOnly[int]            item "year": int, not required, read-only
//
// The evaluator computes a class's schema once (own items merged over its TypedDict bases);
// value types are in terms of the class's own type parameters, so a specialized instance
// (GenericTD[int]) specializes them the way a member is specialized.
#pragma once

#include <vector>

#include "checker/types/Type.h"

namespace shrike::checker {

struct TypedDictItem {
  Name name;
  const Type* type = nullptr;
  bool required = true;
  bool readOnly = false;
};

struct TypedDictSchema {
  std::vector<TypedDictItem> items; // in declaration order, bases' items first
  // PEP 728: `closed=True` (no other keys) or `extra_items=T` (other keys have type T).
  // Closed is extra_items=Never; an open TypedDict has no extraItems (any other key may be
  // there, with any value: like ReadOnly[object]).
  const Type* extraItems = nullptr;
  bool extraReadOnly = false;
  // Any item may be missing from a source (what `update` takes: Partial[TD]).
  bool partial = false;

  const TypedDictItem* find(Name name) const {
    for (const TypedDictItem& item : items)
      if (item.name == name) return &item;
    return nullptr;
  }
};

} // namespace shrike::checker
