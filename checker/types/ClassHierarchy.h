// ClassHierarchy: walking a class's MRO with type arguments carried along.
//
//     class MyList(list[int]): ...     findBase(MyList, Sequence) is Sequence[int]
#pragma once

#include "checker/types/Solution.h"
#include "checker/types/Type.h"
#include "checker/types/TypeServices.h"

namespace shrike::checker {

// The solution that specializes members of `instance`'s class: its type parameters bound to
// the instance's arguments (Unknown for an unspecialized generic class).
TypeVarSolution specializationOf(const InstanceType* instance, TypeServices& services);

// `base` as an ancestor of `derived`, specialized through the MRO; null when not an ancestor.
const InstanceType* findBase(const InstanceType* derived, const ClassInfo* base,
                             TypeServices& services);

// True when `derived` is `base` or has it in its MRO.
bool derivesFrom(const ClassInfo* derived, const ClassInfo* base, TypeServices& services);

// True when the class (or a base) could not be resolved, so it may have any attribute.
bool hasUnknownBase(const ClassInfo* cls, TypeServices& services);

// The type arguments of `instance` filled with Unknown when it is not specialized.
std::span<const Type* const> typeArgsOrUnknown(const InstanceType* instance, TypeServices& services,
                                               std::vector<const Type*>& storage);

} // namespace shrike::checker
