// Solution: type variables bound to types, and substituting them into a type.
//
//     def first(xs: list[T]) -> T     first([1, 2])  solves T@first := int, so the call is int
//     class Box(Generic[T]): def get(self) -> T    Box[str]().get()  specializes T@Box := str
//
// A TypeVar is identified by its name and the scope that binds it (T@first differs from
// T@Box); the flags of a use (P.args, *Ts, type[T]) do not change which variable it is.
//
// A variable met where a callable's parameter is (Callable[[T], int] given len) learns an
// upper bound, not a value: T must be assignable to Sized. The solution is the value the
// other arguments give (the lower bound, checked against the upper one), and the upper
// bound only when nothing else constrains it:
//
//     sorted(names, key=len)   list[str], not list[Sized]
#pragma once

#include <algorithm>
#include <span>
#include <vector>

#include "checker/types/Type.h"
#include "checker/types/TypeServices.h"

namespace shrike::checker {

class TypeArena;

class TypeVarSolution {
public:
  TypeVarSolution() = default;

  // Scopes whose variables this solution may bind while matching (the callee's own).
  void addSolvableScope(const void* scope) { scopes_.push_back(scope); }
  bool isSolvable(const TypeVarType* tv) const;
  bool hasSolvableScopes() const { return !scopes_.empty(); }
  bool isSolvableScope(const void* scope) const {
    return std::find(scopes_.begin(), scopes_.end(), scope) != scopes_.end();
  }
  std::span<const void* const> solvableScopes() const { return scopes_; }

  // The solution so far: the lower bound, or else the upper bound; null when neither.
  const Type* get(const TypeVarType* tv) const;
  // Sets the value (the lower bound); an upper bound already learnt stays.
  void set(const TypeVarType* tv, const Type* type);
  // The upper bound learnt from contravariant uses; null when none.
  const Type* upperBound(const TypeVarType* tv) const;
  // True when the variable has a value of its own, not only an upper bound.
  bool hasLowerBound(const TypeVarType* tv) const;
  // Sets the upper bound; while no value is known the solution is `standIn`, or else the bound.
  void setUpperBound(const TypeVarType* tv, const Type* upper, const Type* standIn = nullptr);
  // Binds a class's parameter for the defaults of the parameters after it, which name it as
  // written in TypeVar(...), unscoped (`_StopT_co = TypeVar(..., default=_StartT_co)`).
  void setForDefaults(const TypeVarType* tv, const Type* type);
  // Binds each of `params` to the matching argument (class specialization).
  void setAll(std::span<const TypeVarType* const> params, std::span<const Type* const> args);
  // Every variable known only by an upper bound takes that bound as its value: an expected
  // type's guidance, which later arguments may widen (x: list[float] = list(ints)).
  void upperBoundsToValues();
  bool empty() const { return entries_.empty(); }
  size_t size() const { return entries_.size(); }

  struct Entry {
    Name name;
    const void* scope;
    const Type* type;            // the solution: the lower bound, else the upper bound
    const Type* upper = nullptr; // what a contravariant use requires the variable to fit
    bool hasLower = true;        // false while `type` is only the upper bound
  };
  std::span<const Entry> entries() const { return entries_; }

  // Snapshots for trying an overload or a union member and rolling back.
  std::vector<Entry> save() const { return entries_; }
  void restore(std::vector<Entry> saved) { entries_ = std::move(saved); }

private:
  std::vector<const void*> scopes_;
  std::vector<Entry> entries_;
};

enum SubstituteFlags : uint8_t {
  UnsolvedToUnknown = 1 << 0, // variables of solvable scopes left unsolved become Unknown
  UnsolvedToDefault = 1 << 1, // ... or their PEP 696 default when they have one
  LowerBoundsOnly = 1 << 2,   // a variable with only an upper bound counts as unsolved
};

// `type` with every solved variable replaced. Callables splice a solved ParamSpec into their
// parameter list; tuples splice a solved TypeVarTuple into their elements.
const Type* applySolution(const Type* type, const TypeVarSolution& solution, TypeServices& services,
                          uint8_t flags = 0);

// True when `type` mentions a type variable (of any scope, or of `scope` when given).
bool containsTypeVar(const Type* type, const void* scope = nullptr);

// Every type variable `type` mentions, in order, repeats included.
void collectTypeVars(const Type* type, std::vector<const TypeVarType*>& out);

// The first type variable in `type` that no scope binds (not Self); null when there is none.
const TypeVarType* firstUnscopedTypeVar(const Type* type);

} // namespace shrike::checker
