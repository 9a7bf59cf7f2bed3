// TypeTestWorld: a tiny hand-built class hierarchy (object, int, bool, float, str, list,
// Sequence, tuple, ...) behind a TypeServices, for testing the types layer without typeshed.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <algorithm>

#include "checker/types/Solution.h"
#include "checker/types/TypeArena.h"
#include "checker/types/TypeServices.h"

namespace shrike::checker::testing {

class TypeTestWorld : public TypeServices {
public:
  TypeTestWorld() {
    object = makeClass("object", {});
    type = makeClass("type", {object});
    intClass = makeClass("int", {object});
    boolClass = makeClass("bool", {intClass});
    floatClass = makeClass("float", {object});
    complexClass = makeClass("complex", {object});
    str = makeClass("str", {object});
    bytes = makeClass("bytes", {object});
    noneType = makeClass("NoneType", {object}, "types");
    function = makeClass("function", {object});
    T_co = typeVar("_T_co", Variance::Covariant);
    T = typeVar("_T", Variance::Invariant);
    sequence = makeGenericClass("Sequence", {arena_.instance(object)}, {T_co}, "typing");
    tuple = makeGenericClass("tuple", {instanceOf(sequence, {T_co})}, {T_co});
    list = makeGenericClass("list", {instanceOf(sequence, {T})}, {T});
  }

  TypeArena& arena() override { return arena_; }
  const ClassDetails& classDetails(const ClassInfo* cls) override { return *cls->detailsIfKnown(); }
  const ClassInfo* knownClass(KnownClass which) override {
    switch (which) {
    case KnownClass::Object: return object;
    case KnownClass::Type: return type;
    case KnownClass::Int: return intClass;
    case KnownClass::Bool: return boolClass;
    case KnownClass::Float: return floatClass;
    case KnownClass::Str: return str;
    case KnownClass::Tuple: return tuple;
    case KnownClass::List: return list;
    case KnownClass::NoneType: return noneType;
    case KnownClass::Function: return function;
    default: return nullptr;
    }
  }
  const Type* inferredReturnType(const FunctionType*) override { return arena_.unknown(); }
  const Type* aliasValue(const TypeAliasType*) override { return arena_.unknown(); }
  const Type* memberTypeForProtocol(const Type*, Name) override { return nullptr; }
  std::span<const Name> protocolMembers(const ClassInfo*) override { return {}; }

  const InstanceType* inst(const ClassInfo* cls, std::vector<const Type*> args = {}) {
    return arena_.instance(cls, args);
  }
  const InstanceType* lit(int64_t value) {
    return arena_.literal(intClass, LiteralValue{LiteralKind::Int, value, {}});
  }
  const InstanceType* lit(std::string_view value) {
    return arena_.literal(str, LiteralValue{LiteralKind::Str, 0, value});
  }
  const InstanceType* litBool(bool value) {
    return arena_.literal(boolClass, LiteralValue{LiteralKind::Bool, value ? 1 : 0, {}});
  }
  const TypeVarType* typeVar(std::string_view name, Variance variance, const void* scope = nullptr,
                             std::string_view scopeName = {}) {
    TypeVarType proto;
    proto.name = parser::intern(name);
    proto.variance = variance;
    proto.scope = scope;
    if (!scopeName.empty()) proto.scopeName = parser::intern(scopeName);
    return arena_.typeVar(proto);
  }

  ClassInfo* object;
  ClassInfo* type;
  ClassInfo* intClass;
  ClassInfo* boolClass;
  ClassInfo* floatClass;
  ClassInfo* complexClass;
  ClassInfo* str;
  ClassInfo* bytes;
  ClassInfo* noneType;
  ClassInfo* function;
  ClassInfo* sequence;
  ClassInfo* tuple;
  ClassInfo* list;
  const TypeVarType* T_co;
  const TypeVarType* T;

private:
  const InstanceType* instanceOf(const ClassInfo* cls, std::vector<const Type*> args) {
    return arena_.instance(cls, args);
  }

  // Classes are scoped by their own address: their type parameters are rescoped to them.
  ClassInfo* makeGenericClass(std::string_view name, std::vector<const Type*> bases,
                              std::vector<const TypeVarType*> params,
                              std::string_view module = "builtins") {
    ClassInfo* cls = arena_.newClass(
        parser::intern(name), std::string(module) + "." + std::string(name), nullptr, nullptr);
    ClassDetails details;
    std::vector<const Type*> mro;
    std::vector<const Type*> selfArgs(params.begin(), params.end());
    mro.push_back(arena_.instance(cls, selfArgs));
    for (const Type* base : bases) {
      auto b = base->as<InstanceType>();
      for (const Type* entry : b->cls->detailsIfKnown()->mro) {
        auto e = entry->as<InstanceType>();
        // Substitute the base's own parameters by this base's arguments.
        TypeVarSolution solution;
        solution.setAll(b->cls->detailsIfKnown()->typeParams, b->typeArgs);
        const Type* specialized = applySolutionFor(e, solution);
        if (std::find(mro.begin(), mro.end(), specialized) == mro.end()) mro.push_back(specialized);
      }
    }
    details.bases = bases;
    details.mro = mro;
    details.typeParams = params;
    arena_.publishDetails(cls, details);
    return cls;
  }
  ClassInfo* makeClass(std::string_view name, std::vector<ClassInfo*> bases,
                       std::string_view module = "builtins") {
    std::vector<const Type*> baseTypes;
    for (ClassInfo* b : bases) baseTypes.push_back(arena_.instance(b));
    return makeGenericClass(name, baseTypes, {}, module);
  }
  const Type* applySolutionFor(const Type* type, const TypeVarSolution& solution) {
    return applySolution(type, solution, *this);
  }

  TypeArena arena_;
};

} // namespace shrike::checker::testing
