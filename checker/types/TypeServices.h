// TypeServices: what the types layer asks of the evaluator — class details, inferred return
// types, alias values and member types — so that display and assignability stay free of
// any knowledge of syntax trees or scopes.
#pragma once

#include <string_view>

#include "checker/types/Type.h"
#include "checker/types/TypedDict.h"

namespace shrike::checker {

class TypeArena;

// Classes of builtins and typing that the type rules themselves refer to.
enum class KnownClass : uint8_t {
  Object,
  Type,
  Int,
  Float,
  Complex,
  Bool,
  Str,
  Bytes,
  Bytearray,
  Memoryview,
  Tuple,
  List,
  Dict,
  Set,
  Frozenset,
  Slice,
  Function,  // types.FunctionType, what a def's value is an instance of
  NoneType,  // types.NoneType / _typeshed's stand-in
  Ellipsis,  // types.EllipsisType
  Module,    // types.ModuleType
  Property,  // builtins.property
  Coroutine, // types.CoroutineType
  Generator, // typing.Generator
  AsyncGenerator,
  Awaitable,
  Iterable,
  Iterator,
  AsyncIterable,
  AsyncIterator,
  Mapping,
  Sequence,
  TypeAliasType, // typing.TypeAliasType
  UnionType,     // types.UnionType
  BaseException,
  Count_
};

class TypeServices {
public:
  virtual ~TypeServices() = default;
  virtual TypeArena& arena() = 0;
  // The class's details, computing them if needed (cycles give partial details).
  virtual const ClassDetails& classDetails(const ClassInfo* cls) = 0;
  // A well-known class; null when typeshed does not provide it.
  virtual const ClassInfo* knownClass(KnownClass which) = 0;
  // The return type of a function whose returnType is null (inferred from its body).
  virtual const Type* inferredReturnType(const FunctionType* function) = 0;
  // The type a PEP 695 alias stands for (specialized by its type arguments).
  virtual const Type* aliasValue(const TypeAliasType* alias) = 0;
  // The type of attribute `name` on an instance of `object` (bound, as an access would give
  // it), or null when there is none; used for protocols. `object` is an Instance, a
  // ClassObject or a Module.
  virtual const Type* memberTypeForProtocol(const Type* object, Name name) = 0;
  // The names a protocol class requires (its own members and those of its protocol bases).
  virtual std::span<const Name> protocolMembers(const ClassInfo* protocol) = 0;
  // The items of a TypedDict class (in terms of its own type parameters); null for a class
  // that is not a TypedDict.
  virtual const TypedDictSchema* typedDictSchema(const ClassInfo* cls) {
    (void)cls;
    return nullptr;
  }
};

// The return type of a function, inferred through `services` when it has no annotation.
inline const Type* returnTypeOf(const FunctionType* function, TypeServices* services,
                                const Type* fallback) {
  if (function->returnType) return function->returnType;
  return services ? services->inferredReturnType(function) : fallback;
}

} // namespace shrike::checker
