// ClassHierarchy: MRO walks with specialization.
#include "checker/types/ClassHierarchy.h"

#include "checker/types/TypeArena.h"

namespace shrike::checker {

std::span<const Type* const> typeArgsOrUnknown(const InstanceType* instance, TypeServices& services,
                                               std::vector<const Type*>& storage) {
  const ClassDetails& details = services.classDetails(instance->cls);
  if (instance->typeArgs.size() >= details.typeParams.size()) return instance->typeArgs;
  storage.assign(instance->typeArgs.begin(), instance->typeArgs.end());
  while (storage.size() < details.typeParams.size()) storage.push_back(services.arena().unknown());
  return storage;
}

TypeVarSolution specializationOf(const InstanceType* instance, TypeServices& services) {
  TypeVarSolution solution;
  const ClassDetails& details = services.classDetails(instance->cls);
  if (details.typeParams.empty()) return solution;
  std::vector<const Type*> storage;
  auto args = typeArgsOrUnknown(instance, services, storage);
  solution.setAll(details.typeParams, args);
  return solution;
}

const InstanceType* findBase(const InstanceType* derived, const ClassInfo* base,
                             TypeServices& services) {
  if (derived->cls == base) return derived;
  const ClassDetails& details = services.classDetails(derived->cls);
  for (const Type* entry : details.mro) {
    auto inst = entry->as<InstanceType>();
    if (!inst || inst->cls != base) continue;
    if (details.typeParams.empty()) return inst;
    TypeVarSolution solution = specializationOf(derived, services);
    return applySolution(inst, solution, services)->as<InstanceType>();
  }
  return nullptr;
}

bool derivesFrom(const ClassInfo* derived, const ClassInfo* base, TypeServices& services) {
  if (derived == base) return true;
  for (const Type* entry : services.classDetails(derived).mro)
    if (auto inst = entry->as<InstanceType>(); inst && inst->cls == base) return true;
  return false;
}

bool hasUnknownBase(const ClassInfo* cls, TypeServices& services) {
  return services.classDetails(cls).has(ClassUnknownBase);
}

} // namespace shrike::checker
