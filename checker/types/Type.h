// Type: the checker's vocabulary of types — immutable, interned objects where equality is identity.
//
// Every type is created through a TypeArena, which hash-conses it: building `list[int]` twice
// gives the same pointer, so comparing types is comparing pointers. The kinds follow the
// typing spec's vocabulary:
//
//     x: int                 Instance(int)
//     x: list[int]           Instance(list, [Instance(int)])
//     x: Literal[1, "a"]     Union(Instance(int, literal 1), Instance(str, literal "a"))
//     x: tuple[int, ...]     Instance(tuple, elements [int...])
//     x: type[C]             ClassObject(Instance(C))      (also the value of the name `C`)
//     def f(x: int) -> str   Function(params [x: int], returns Instance(str))
//     import os.path         Module("os.path")
//     T = TypeVar("T")       TypeVar(T); inside `def f(x: T)` it is scoped: T@f
//
// `Unknown` is the implicit Any of unannotated code; `Any` is the explicit one. They behave the
// same in assignability but are kept apart so hover can show them and strict modes can report.
// Types refer to classes through ClassInfo, whose details (bases, MRO, type parameters) the
// evaluator computes on demand and publishes once.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <functional>
#include <span>
#include <string_view>

#include "parser/Names.h"

namespace shrike::checker {

using parser::Name;

enum class TypeKind : uint8_t {
  Unknown,     // implicit Any: unannotated code, failed inference
  Any,         // explicit Any
  Never,       // Never / NoReturn (a flag keeps the spelling)
  Unbound,     // flow analysis: a name with no binding on some path
  None,        // the value None (an instance of NoneType)
  Instance,    // an instance of a class, maybe specialized, a literal or a tuple
  ClassObject, // a class object or type[X]: the instantiable form of an instance-like type
  Module,      // a module object
  Function,    // a function, method, lambda or Callable
  Overloaded,  // an @overload set
  Union,       // two or more members, flattened and deduplicated
  TypeVar,     // a TypeVar, ParamSpec or TypeVarTuple (possibly scoped, unpacked, P.args...)
  SpecialForm, // a typing special form used as a value: Union, Optional, Literal, Final...
  Property,    // a property object
  TypeAlias,   // a PEP 695 alias object (`type X = ...`, TypeAliasType(...))
  TypeGuard,   // the return type TypeGuard[X] / TypeIs[X]: a bool that narrows
};

struct ClassInfo;

struct Type {
  TypeKind kind;
  uint8_t flags = 0; // per-kind, see each struct
  uint32_t hash = 0;

  explicit Type(TypeKind k) : kind(k) {}
  template <class T> bool is() const { return kind == T::Kind; }
  template <class T> const T* as() const {
    return kind == T::Kind ? static_cast<const T*>(this) : nullptr;
  }
  bool isAnyOrUnknown() const { return kind == TypeKind::Any || kind == TypeKind::Unknown; }
  bool isNever() const { return kind == TypeKind::Never; }
  bool isNone() const { return kind == TypeKind::None; }
};

// ---- simple kinds --------------------------------------------------------------------------

struct SimpleType : Type {
  using Type::Type;
};
enum NeverFlags : uint8_t { NeverIsNoReturn = 1 }; // spelled NoReturn in the source

// ---- instances -------------------------------------------------------------------------------

enum class LiteralKind : uint8_t { None, Int, BigInt, Str, Bytes, Bool, Enum };

// The value of a Literal type. Str and Bytes keep their (decoded) text, BigInt its digits,
// Enum the member name; all text lives in the arena.
struct LiteralValue {
  LiteralKind kind = LiteralKind::None;
  int64_t intValue = 0; // Int, Bool (0/1)
  std::string_view text;
  bool operator==(const LiteralValue& other) const {
    return kind == other.kind && intValue == other.intValue && text == other.text;
  }
  explicit operator bool() const { return kind != LiteralKind::None; }
};

// One element of a tuple type: `int` in tuple[int, str], or `int` in tuple[int, ...] (unbounded).
struct TupleElement {
  const Type* type = nullptr;
  bool unbounded = false;
  bool operator==(const TupleElement&) const = default;
};

enum InstanceFlags : uint8_t {
  InstanceLiteralString = 1 << 0, // LiteralString (a str instance)
  InstanceTupleKnown = 1 << 1,    // a tuple whose elements are known (tuple[()] included)
  InstanceUnpacked = 1 << 2,      // *tuple[...] inside a tuple or a TypeVarTuple argument
};

struct InstanceType : Type {
  static constexpr TypeKind Kind = TypeKind::Instance;
  InstanceType() : Type(Kind) {}
  const ClassInfo* cls = nullptr;
  // Type arguments in the order of the class's type parameters; empty when not specialized
  // (a generic class named bare in a value position). A ParamSpec's argument is a Function
  // with FunctionParamSpecValue; a TypeVarTuple's is an unpacked tuple.
  std::span<const Type* const> typeArgs;
  std::span<const TupleElement> tupleElements; // with InstanceTupleKnown
  LiteralValue literal;

  bool isLiteral() const { return literal.kind != LiteralKind::None; }
  bool hasTupleElements() const { return flags & InstanceTupleKnown; }
  bool isUnpacked() const { return flags & InstanceUnpacked; }
};

// The class object `C` (displayed type[C]). `instance` is what calling it makes: an
// Instance, a TypeVar (type[T]), None (type[None]), Any/Unknown (type[Any]), or a Function
// (the value of a Callable[...] alias).
struct ClassObjectType : Type {
  static constexpr TypeKind Kind = TypeKind::ClassObject;
  ClassObjectType() : Type(Kind) {}
  const Type* instance = nullptr;
};

// A module object. `module` identifies the module in its Program (opaque here).
struct ModuleType : Type {
  static constexpr TypeKind Kind = TypeKind::Module;
  ModuleType() : Type(Kind) {}
  const void* module = nullptr;
  Name name; // dotted
};

// ---- callables -------------------------------------------------------------------------------

enum class ParamKind : uint8_t {
  PositionalOnly,
  PositionalOrKeyword,
  VarPositional,
  KeywordOnly,
  VarKeyword
};

enum ParamFlags : uint8_t {
  ParamHasDefault = 1 << 0,
  ParamHasDeclaredType = 1 << 1, // annotated (printed with its type)
  ParamTypeInferred = 1 << 2,    // unannotated but typed from its default (printed too)
  ParamUnpackedKwargs = 1 << 3,  // an item of `**kwargs: Unpack[TD]`, as a keyword-only one
};

struct Param {
  Name name; // empty for Callable[[int], str]'s parameters
  ParamKind kind = ParamKind::PositionalOrKeyword;
  uint8_t flags = 0;
  const Type* type = nullptr;
  std::string_view defaultText; // the default's source text, for display; "..." when unknown

  bool hasDefault() const { return flags & ParamHasDefault; }
  bool isPrinted() const { return flags & (ParamHasDeclaredType | ParamTypeInferred); }
  bool operator==(const Param& o) const {
    return name == o.name && kind == o.kind && flags == o.flags && type == o.type &&
           defaultText == o.defaultText;
  }
};

enum FunctionFlags : uint32_t {
  FunctionAsync = 1 << 0,
  FunctionGenerator = 1 << 1,
  FunctionStaticMethod = 1 << 2,
  FunctionClassMethod = 1 << 3,
  FunctionOverload = 1 << 4,
  FunctionAbstract = 1 << 5,
  FunctionFinal = 1 << 6,
  FunctionGradual = 1 << 7,        // `(...)`: *args/**kwargs accept anything (Callable[..., R])
  FunctionParamSpecValue = 1 << 8, // a parameter list standing for a ParamSpec's value
  FunctionSynthesized = 1 << 9,    // made by the checker (Callable, dataclass __init__...)
  FunctionNoReturnInferred = 1 << 10,
  FunctionConstructor = 1 << 11, // a converted __init__/__new__ (returns the instance)
  FunctionStub = 1 << 12,        // declared in a stub or with a `...` body: nothing to infer
  FunctionOverride = 1 << 13,
  FunctionTypeCheckOnly = 1 << 14,
};

struct FunctionType : Type {
  static constexpr TypeKind Kind = TypeKind::Function;
  FunctionType() : Type(Kind) {}
  Name name;
  uint32_t fnFlags = 0;
  std::span<const Param> params;
  // Null when the function has no return annotation: the evaluator infers it from `decl`.
  const Type* returnType = nullptr;
  const void* decl = nullptr;   // the FunctionDef or Lambda node, when from source
  const void* module = nullptr; // the module holding decl
  // A bound method: the object (or class, for classmethods) it is bound to; the first
  // parameter has already been removed and the function specialized by it.
  const Type* boundTo = nullptr;
  // `**P` closing the parameter list, as in `(x: int, **P) -> R` (Concatenate[int, P]).
  const Type* paramSpec = nullptr;
  // Type variables this function binds (T@f): the key that scopes them.
  const void* typeVarScope = nullptr;
  // The class the function was found on, for methods (super(), error messages); null otherwise.
  const ClassInfo* methodClass = nullptr;

  bool has(FunctionFlags f) const { return fnFlags & f; }
};

struct OverloadedType : Type {
  static constexpr TypeKind Kind = TypeKind::Overloaded;
  OverloadedType() : Type(Kind) {}
  std::span<const FunctionType* const> overloads;
  const FunctionType* implementation = nullptr;
};

// ---- unions and type variables --------------------------------------------------------------

struct UnionType : Type {
  static constexpr TypeKind Kind = TypeKind::Union;
  UnionType() : Type(Kind) {}
  std::span<const Type* const> members; // at least two, in insertion order (shown in order)
  // The members sorted by address when there are more than kScanLimit of them (empty
  // otherwise), so that membership in a union of thousands of literals is not a scan.
  std::span<const Type* const> sortedMembers;
  static constexpr size_t kScanLimit = 16;

  bool hasMember(const Type* t) const {
    if (sortedMembers.empty()) return std::find(members.begin(), members.end(), t) != members.end();
    return std::binary_search(sortedMembers.begin(), sortedMembers.end(), t, std::less<>());
  }
};

enum class TypeVarKind : uint8_t { TypeVar, ParamSpec, TypeVarTuple };
enum class Variance : uint8_t { Invariant, Covariant, Contravariant, Inferred };

enum TypeVarFlags : uint8_t {
  TypeVarIsSelf = 1 << 0,       // the synthesized Self of a class (bound is the class)
  TypeVarArgs = 1 << 1,         // P.args
  TypeVarKwargs = 1 << 2,       // P.kwargs
  TypeVarUnpacked = 1 << 3,     // *Ts
  TypeVarPep695 = 1 << 4,       // declared with `[T]` syntax
  TypeVarInstantiable = 1 << 5, // type[T] spelled through the TypeVar itself (cls: type[Self])
};

struct TypeVarType : Type {
  static constexpr TypeKind Kind = TypeKind::TypeVar;
  TypeVarType() : Type(Kind) {}
  Name name;
  TypeVarKind tvKind = TypeVarKind::TypeVar;
  Variance variance = Variance::Invariant;
  const Type* bound = nullptr; // null: object
  std::span<const Type* const> constraints;
  const Type* defaultType = nullptr; // PEP 696; null when none
  const void* scope = nullptr;       // what binds it (a def, class or alias); null: unscoped
  Name scopeName;                    // for display: T@f

  bool isParamSpec() const { return tvKind == TypeVarKind::ParamSpec; }
  bool isTypeVarTuple() const { return tvKind == TypeVarKind::TypeVarTuple; }
  bool isSelf() const { return flags & TypeVarIsSelf; }
};

// ---- values of the typing module -------------------------------------------------------------

enum class SpecialForm : uint8_t {
  Any,
  Union,
  Optional,
  Literal,
  LiteralString,
  Callable,
  Annotated,
  Final,
  ClassVar,
  Generic,
  Protocol,
  TypeGuard,
  TypeIs,
  Self,
  Never,
  NoReturn,
  Concatenate,
  Unpack,
  Required,
  NotRequired,
  ReadOnly,
  TypeAlias,
  Tuple,
  Type,
  TypedDict,
  NamedTuple,
  InitVar,
};
std::string_view specialFormName(SpecialForm form);

struct SpecialFormType : Type {
  static constexpr TypeKind Kind = TypeKind::SpecialForm;
  SpecialFormType() : Type(Kind) {}
  SpecialForm form = SpecialForm::Any;
};

struct PropertyType : Type {
  static constexpr TypeKind Kind = TypeKind::Property;
  PropertyType() : Type(Kind) {}
  const Type* getter = nullptr;
  const Type* setter = nullptr;
  const Type* deleter = nullptr;
};

// A PEP 695 type alias object. As a value it is a typing.TypeAliasType; in a type expression
// it stands for its value, which the evaluator computes lazily (the value may refer to the
// alias itself). `typeArgs` are set once it is specialized (Alias[int]).
struct TypeAliasType : Type {
  static constexpr TypeKind Kind = TypeKind::TypeAlias;
  TypeAliasType() : Type(Kind) {}
  Name name;
  const void* decl = nullptr;
  const void* module = nullptr;
  std::span<const Type* const> typeArgs;
};

enum TypeGuardFlags : uint8_t { TypeGuardIsTypeIs = 1 };

struct TypeGuardType : Type {
  static constexpr TypeKind Kind = TypeKind::TypeGuard;
  TypeGuardType() : Type(Kind) {}
  const Type* narrowed = nullptr;
  bool isTypeIs() const { return flags & TypeGuardIsTypeIs; }
};

// ---- classes ---------------------------------------------------------------------------------

enum ClassFlags : uint32_t {
  ClassProtocol = 1 << 0,
  ClassRuntimeCheckable = 1 << 1,
  ClassFinal = 1 << 2,
  ClassEnum = 1 << 3,
  ClassTypedDict = 1 << 4,
  ClassNamedTuple = 1 << 5,
  ClassDataclass = 1 << 6,
  ClassAbstract = 1 << 7,             // has abstract members (set once they are known)
  ClassUnknownBase = 1 << 8,          // a base could not be resolved: attribute lookups may succeed
  ClassBuiltin = 1 << 9,              // declared in builtins/typing/typing_extensions/_typeshed/...
  ClassPartial = 1 << 10,             // details computed while the class was still being computed
  ClassHasGetattr = 1 << 11,          // defines __getattr__ (missing attributes are not errors)
  ClassNewType = 1 << 12,             // made by NewType(...)
  ClassFrozen = 1 << 13,              // unused (a dataclass's options say whether it is frozen)
  ClassSynthesized = 1 << 14,         // made by the checker (NamedTuple(...), TypedDict(...) calls)
  ClassDataclassTransform = 1 << 15,  // decorated with @dataclass_transform
  ClassTransformDescendant = 1 << 16, // a base or the metaclass is (or derives from) one
};

// What the evaluator learns about a class when first asked; immutable once published.
struct ClassDetails {
  std::span<const Type* const> bases; // Instances (in terms of this class's type params) or Unknown
  // The method resolution order: this class first (specialized by its own type parameters),
  // then its ancestors specialized relative to it; Unknown stands in for unresolvable bases.
  std::span<const Type* const> mro;
  std::span<const TypeVarType* const> typeParams;
  const Type* metaclass = nullptr; // an Instance of type or a subclass; null: type
  // Fields of a class made by a call (namedtuple("P", "x y")): its instance attributes and
  // the parameters of its constructor.
  std::span<const Param> synthesizedFields;
  uint32_t flags = 0;
  bool has(ClassFlags f) const { return flags & f; }
};

// One class declaration (or synthesized class). Created once per declaration per Program; its
// identity is its address. Details are filled in lazily by the evaluator (first one wins).
struct ClassInfo {
  Name name;
  std::string_view qualifiedName; // "builtins.int", "pkg.mod.Outer.Inner"
  const void* decl = nullptr;     // the ClassDef node, null when synthesized
  const void* module = nullptr;
  // Details, once computed; published with release/acquire.
  std::atomic<const ClassDetails*> details{nullptr};
  // For synthesized classes (NewType, NamedTuple(...)): details given at creation.
  uint32_t declFlags = 0;

  const ClassDetails* detailsIfKnown() const { return details.load(std::memory_order_acquire); }
  bool isNamed(std::string_view qualified) const { return qualifiedName == qualified; }
};

// ---- small helpers used everywhere ----------------------------------------------------------

inline std::span<const Type* const> unionMembersOrSelf(const Type* const& type) {
  if (auto u = type->as<UnionType>()) return u->members;
  return {&type, 1};
}

} // namespace shrike::checker
