// Subtype: assignability — subtyping plus the gradual rules for Any — and TypeVar solving.
//
//     x: float = 1                 int is assignable to float (numeric promotion)
//     x: Sequence[object] = [1]    list[int] through the MRO, Sequence is covariant
//     x: list[object] = [1]        list is invariant: only because the display is inferred
//     x: Iterable[int] = MyIter()  Iterable is a protocol: checked member by member
//     x: Callable[[int], str] = f  parameters contravariant, return covariant
//
// With a TypeVarSolution whose scopes include the callee's, assigning to a type variable
// binds it (widening on later, different arguments) instead of failing; assigning a type
// variable to a type gives it that type as an upper bound (a callable's parameter).
#pragma once

#include <string>
#include <vector>

#include "checker/types/Solution.h"
#include "checker/types/Type.h"
#include "checker/types/TypeServices.h"

namespace shrike::checker {

enum AssignFlags : uint16_t {
  AssignInvariant = 1 << 0,          // the types must be equivalent (an invariant type argument)
  AssignStripLiterals = 1 << 1,      // a literal bound directly to a TypeVar is widened (f(3): int)
  AssignIgnoreProtocolSelf = 1 << 3, // reserved
};

class Assigner {
public:
  Assigner(TypeServices& services, TypeVarSolution* solution = nullptr)
      : services_(services), solution_(solution) {}

  // True when a value of type `src` may be used where `dest` is expected.
  bool assign(const Type* dest, const Type* src, uint16_t flags = 0);

  // Why the last failed assign failed, when a nested part is worth saying ("Member "x" ...").
  const std::string& note() const { return note_; }

private:
  bool assignInner(const Type* dest, const Type* src, uint16_t flags);
  bool assignToTypeVar(const TypeVarType* dest, const Type* src, uint16_t flags);
  // A solvable variable given where `dest` is expected: `dest` is its upper bound.
  bool assignFromTypeVar(const Type* dest, const TypeVarType* src, uint16_t flags);
  bool assignToInstance(const InstanceType* dest, const Type* src, uint16_t flags);
  bool assignInstanceToInstance(const InstanceType* dest, const InstanceType* src, uint16_t flags);
  bool assignTypeArgs(const InstanceType* dest, const InstanceType* srcBase, uint16_t flags);
  bool assignTuple(const InstanceType* dest, const InstanceType* src, uint16_t flags);
  // Structural assignability between two TypedDicts (TypedDictSubtype.cpp).
  bool assignTypedDict(const InstanceType* dest, const TypedDictSchema& destSchema,
                       const InstanceType* src, const TypedDictSchema& srcSchema, uint16_t flags);
  // A TypedDict with extra items to Mapping[str, VT] or dict[str, VT]: 1 or 0, or -1 when the
  // nominal rule decides (no extra items, another destination).
  int assignTypedDictToMapping(const InstanceType* dest, const InstanceType* src,
                               const TypedDictSchema& srcSchema, uint16_t flags);
  bool assignToProtocol(const InstanceType* dest, const Type* src, uint16_t flags);
  bool assignToClassObject(const ClassObjectType* dest, const Type* src, uint16_t flags);
  bool assignToCallable(const FunctionType* dest, const Type* src, uint16_t flags);
  bool assignFunction(const FunctionType* dest, const FunctionType* src, uint16_t flags);
  // `src` with its own type variables solved from what `dest` passes it, the rest Unknown.
  const FunctionType* solveGenericSource(const FunctionType* dest, const FunctionType* src);
  bool equivalent(const Type* a, const Type* b, uint16_t flags);
  const InstanceType* asInstanceForNominal(const Type* src);
  const Type* callableOf(const Type* src);

  TypeServices& services_;
  TypeVarSolution* solution_;
  std::string note_;
  int depth_ = 0;
  // Protocol checks in progress (dest class, src): a recursive protocol assumes success.
  std::vector<std::pair<const Type*, const Type*>> inProgress_;
};

// Assignability without solving.
bool isAssignable(const Type* dest, const Type* src, TypeServices& services);

// Equivalence: the same type, treating unions as sets.
bool isSameType(const Type* a, const Type* b);

// Literal[1] -> int, LiteralString -> str; unions member by member; tuples element by element
// stay as they are (pyright keeps tuple[Literal[1]] literal).
const Type* stripLiteral(const Type* type, TypeArena& arena);

} // namespace shrike::checker
