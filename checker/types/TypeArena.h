// TypeArena: creates and interns every type of one Program; thread-safe, never frees.
//
// Each constructor hash-conses its result (a sharded table keyed by a shallow hash of the
// fields — children are interned already, so comparing them is comparing pointers), so the
// same type built on two threads is one object. Types live as long as the arena, which lives
// as long as its Program: typeshed's types are built once and shared by every check.
#pragma once

#include <array>
#include <deque>
#include <memory>
#include <mutex>
#include <span>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "checker/SpinLock.h"
#include "checker/types/Type.h"
#include "parser/Arena.h"

namespace shrike::checker {

class TypeArena {
public:
  TypeArena();
  ~TypeArena();
  TypeArena(const TypeArena&) = delete;
  TypeArena& operator=(const TypeArena&) = delete;

  // ---- singletons
  const Type* unknown() const { return unknown_; }
  const Type* any() const { return any_; }
  const Type* never() const { return never_; }
  const Type* noReturn() const { return noReturn_; }
  const Type* unbound() const { return unbound_; }
  const Type* none() const { return none_; }

  // ---- instances and classes
  const InstanceType* instance(const ClassInfo* cls, std::span<const Type* const> typeArgs = {});
  const InstanceType* literal(const ClassInfo* cls, LiteralValue value);
  const InstanceType* literalString(const ClassInfo* strClass);
  // A tuple with known elements; `tupleClass` is builtins.tuple. Its type argument is the
  // union of the elements (what tuple[...] is as a Sequence).
  const InstanceType* tuple(const ClassInfo* tupleClass, std::span<const TupleElement> elements,
                            bool unpacked = false);
  // The same instance with other flags/args: used when specializing and unpacking.
  const InstanceType* withTypeArgs(const InstanceType* base, std::span<const Type* const> args);
  const InstanceType* withoutLiteral(const InstanceType* type);
  const InstanceType* withUnpacked(const InstanceType* type, bool unpacked);
  // type[X]; a union X gives a union of class objects.
  const Type* classObject(const Type* instance);
  const ModuleType* module(const void* module, Name name);

  // ---- callables
  // Interns a copy of `proto` (its params are copied into the arena).
  const FunctionType* function(const FunctionType& proto);
  const OverloadedType* overloaded(std::span<const FunctionType* const> overloads,
                                   const FunctionType* implementation);

  // ---- unions
  // The union of `types`, the way the spec and pyright form it: nested unions flattened,
  // Never dropped, duplicates removed, Any/Unknown absorbing everything, a literal dropped
  // when its class is present, Literal[True] | Literal[False] joined into bool. Literals are
  // ordered after other members. One member gives that member; none gives Never.
  // `sortLiterals` false keeps the order given: a literal is still dropped when its class
  // came before it, but a class after a literal keeps both (pyright's `|` in annotations).
  const Type* unionOf(std::span<const Type* const> types, bool sortLiterals = true);
  const Type* unionOf(const Type* a, const Type* b) {
    const Type* both[] = {a, b};
    return unionOf(both);
  }
  // A union kept exactly as given (deduplicated only): `Unknown | None` for a parameter
  // whose default is None.
  const Type* rawUnion(std::span<const Type* const> types);

  // ---- type variables and the rest
  const TypeVarType* typeVar(const TypeVarType& proto);
  const SpecialFormType* specialForm(SpecialForm form);
  const PropertyType* property(const Type* getter, const Type* setter, const Type* deleter);
  const TypeAliasType* typeAlias(Name name, const void* decl, const void* module,
                                 std::span<const Type* const> typeArgs = {});
  const TypeGuardType* typeGuard(const Type* narrowed, bool isTypeIs);

  // ---- classes
  // A new class identity (one per declaration: the caller dedupes by declaration).
  // A class with no declaration standing in for a builtin that typeshed should have given
  // (when it is missing), so that a tuple or a LiteralString still has a class; one per name.
  const ClassInfo* stubMissingClass(std::string_view qualifiedName);
  ClassInfo* newClass(Name name, std::string_view qualifiedName, const void* decl,
                      const void* module);
  // Publishes details for a class; the first one published wins and is returned.
  const ClassDetails* publishDetails(const ClassInfo* cls, const ClassDetails& details);

  // Interned text (literal values, qualified names, default texts).
  std::string_view text(std::string_view value);

  // The number of interned types, for memory reports and tests.
  size_t size() const;

private:
  struct Equal {
    bool operator()(const Type* a, const Type* b) const;
  };
  // One shard's types: open addressing with linear probing, each slot holding the type's hash
  // beside its pointer, so a probe compares hashes in the slot array and reads a type only on
  // a hash match (a chained table costs a node and a division per step, and interning is on
  // every path that makes a type).
  struct Slot {
    uint32_t hash = 0;
    const Type* type = nullptr;
  };
  struct Shard {
    mutable SpinLock mutex;
    std::vector<Slot> slots; // a power of two in size, at most half full
    size_t count = 0;
    parser::Arena arena;
  };
  static constexpr size_t shardCount = 64;

  // Finds `proto` (hash already set) or stores a copy made by `clone` in the shard's arena.
  const Type* intern(const Type& proto);
  const Type* clone(const Type& proto, parser::Arena& arena);

  std::array<Shard, shardCount> shards_;
  std::mutex classMutex_;
  std::mutex missingMutex_;
  std::vector<const ClassInfo*> missing_; // see stubMissingClass
  parser::Arena classArena_;
  std::deque<ClassInfo> classes_;
  SpinLock textMutex_;
  std::unordered_set<std::string_view> texts_;
  parser::Arena textArena_;

  const Type* unknown_;
  const Type* any_;
  const Type* never_;
  const Type* noReturn_;
  const Type* unbound_;
  const Type* none_;
};

} // namespace shrike::checker
