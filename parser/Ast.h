// Ast: the compact, arena-allocated syntax tree that every later layer walks.
//
// The vocabulary follows CPython's `ast` module, so the shapes are familiar and the dump can
// be compared with CPython's own parser:
//
//     def f(x: int = 1) -> str: ...     FunctionDef(name=f, parameters=[Parameter(x, annotation=
//                                         Name(int), default=Int(1))], returns=Name(str), ...)
//     a.b[c] = 1                         Assign(targets=[Subscript(Attribute(Name(a), b),
//     Name(c))],
//                                         value=Int(1))
//     if a: ... elif b: ...              If(a, body, orelse=[If(b, ...)])
//
// Differences from CPython's `ast` that later layers rely on:
//   - every node has a byte range and a parent link; identifiers that are not expressions
//     (a def's name, an import alias, a keyword argument's name) carry their own range;
//   - a parameter holds its own default; implicit string concatenation keeps its value
//     decoded and, for a single plain literal, the range of the text between the quotes
//     (so string annotations can be parsed with exact positions);
//   - where the source has an error, an `ErrorExpr`/`ErrorStmt` stands in, so the tree is
//     always complete and walkers need no null checks beyond the optional fields below.
//
// Nodes are plain structs, trivially destructible, allocated in the Ast's arena. Optional
// children are null pointers; lists are std::span views into the arena.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "parser/Arena.h"
#include "parser/Names.h"
#include "parser/SourceText.h"

namespace shrike::parser {

// clang-format off
#define SHRIKE_AST_NODE_KINDS(X)                      \
  /* the root */                                      \
  X(Module)                                           \
  /* statements */                                    \
  X(FunctionDef)                                      \
  X(ClassDef)                                         \
  X(Return)                                           \
  X(Delete)                                           \
  X(Assign)                                           \
  X(AugAssign)                                        \
  X(AnnAssign)                                        \
  X(TypeAlias)                                        \
  X(For)                                              \
  X(While)                                            \
  X(If)                                               \
  X(With)                                             \
  X(Match)                                            \
  X(Raise)                                            \
  X(Try)                                              \
  X(Assert)                                           \
  X(Import)                                           \
  X(ImportFrom)                                       \
  X(Global)                                           \
  X(Nonlocal)                                         \
  X(ExprStmt)                                         \
  X(Pass)                                             \
  X(Break)                                            \
  X(Continue)                                         \
  X(ErrorStmt)                                        \
  /* expressions */                                   \
  X(BoolOp)                                           \
  X(NamedExpr)                                        \
  X(BinOp)                                            \
  X(UnaryOp)                                          \
  X(Lambda)                                           \
  X(IfExp)                                            \
  X(Dict)                                             \
  X(Set)                                              \
  X(ListComp)                                         \
  X(SetComp)                                          \
  X(DictComp)                                         \
  X(GeneratorExp)                                     \
  X(Await)                                            \
  X(Yield)                                            \
  X(YieldFrom)                                        \
  X(Compare)                                          \
  X(Call)                                             \
  X(FString)                                          \
  X(FormattedValue)                                   \
  X(StringLiteral)                                    \
  X(BytesLiteral)                                     \
  X(IntLiteral)                                       \
  X(FloatLiteral)                                     \
  X(ImaginaryLiteral)                                 \
  X(BoolLiteral)                                      \
  X(NoneLiteral)                                      \
  X(EllipsisLiteral)                                  \
  X(Attribute)                                        \
  X(Subscript)                                        \
  X(Starred)                                          \
  X(NameExpr)                                         \
  X(List)                                             \
  X(Tuple)                                            \
  X(Slice)                                            \
  X(ErrorExpr)                                        \
  /* patterns (match statement) */                    \
  X(MatchValue)                                       \
  X(MatchSingleton)                                   \
  X(MatchSequence)                                    \
  X(MatchMapping)                                     \
  X(MatchClass)                                       \
  X(MatchStar)                                        \
  X(MatchAs)                                          \
  X(MatchOr)                                          \
  /* pieces that are not statements or expressions */ \
  X(Parameters)                                       \
  X(Parameter)                                        \
  X(Keyword)                                          \
  X(Alias)                                            \
  X(WithItem)                                         \
  X(ExceptHandler)                                    \
  X(Comprehension)                                    \
  X(MatchCase)                                        \
  X(TypeParam)
// clang-format on

enum class NodeKind : uint8_t {
#define SHRIKE_AST_ENUM(kind) kind,
  SHRIKE_AST_NODE_KINDS(SHRIKE_AST_ENUM)
#undef SHRIKE_AST_ENUM
};

std::string_view nodeKindName(NodeKind kind);

struct Node {
  NodeKind kind;
  // The depth of the tree below this node (0 for a leaf), as the lowering built it; the
  // lowering keeps every Ast's height within maxSyntaxDepth (see AstLowering.h), so walks may
  // recurse. Fits in the padding after `kind`.
  uint16_t height = 0;
  TextRange range;
  Node* parent = nullptr;

  explicit Node(NodeKind k) : kind(k) {}
  template <class T> bool is() const { return T::classof(this); }
  template <class T> T* as() { return is<T>() ? static_cast<T*>(this) : nullptr; }
  template <class T> const T* as() const { return is<T>() ? static_cast<const T*>(this) : nullptr; }
};

template <class T> using List = std::span<T>;

// An identifier that is not an expression of its own: a def's name, an alias, a keyword.
struct Identifier {
  Name name;
  TextRange range;
  explicit operator bool() const { return static_cast<bool>(name); }
};

struct Stmt : Node {
  using Node::Node;
  static bool classof(const Node* n) {
    return n->kind >= NodeKind::FunctionDef && n->kind <= NodeKind::ErrorStmt;
  }
};

struct Expr : Node {
  using Node::Node;
  static bool classof(const Node* n) {
    return n->kind >= NodeKind::BoolOp && n->kind <= NodeKind::ErrorExpr;
  }
};

struct Pattern : Node {
  using Node::Node;
  static bool classof(const Node* n) {
    return n->kind >= NodeKind::MatchValue && n->kind <= NodeKind::MatchOr;
  }
};

#define SHRIKE_AST_CLASSOF(K)                                                                      \
  static constexpr NodeKind Kind = NodeKind::K;                                                    \
  static bool classof(const Node* n) {                                                             \
    return n->kind == NodeKind::K;                                                                 \
  }

// ---- pieces ----------------------------------------------------------------------------------

enum class ParameterKind : uint8_t {
  PositionalOnly,
  PositionalOrKeyword,
  VarPositional,
  KeywordOnly,
  VarKeyword
};

struct Parameter : Node {
  SHRIKE_AST_CLASSOF(Parameter)
  Parameter() : Node(Kind) {}
  ParameterKind parameterKind = ParameterKind::PositionalOrKeyword;
  Identifier name;
  Expr* annotation = nullptr; // also `*args: *Ts`, where it is a Starred
  Expr* defaultValue = nullptr;
};

// All parameters in source order; the separators `/` and `*` are recorded in the kinds.
struct Parameters : Node {
  SHRIKE_AST_CLASSOF(Parameters)
  Parameters() : Node(Kind) {}
  List<Parameter*> parameters;
};

// `name=value` in a call or class header; `**value` when name is empty.
struct Keyword : Node {
  SHRIKE_AST_CLASSOF(Keyword)
  Keyword() : Node(Kind) {}
  Identifier name;
  Expr* value = nullptr;
};

// One name in `import a.b.c as d` or `from m import x as y`. For `import a.b.c` the parts are
// a, b, c (each with its range) and `name` is the dotted whole.
struct Alias : Node {
  SHRIKE_AST_CLASSOF(Alias)
  Alias() : Node(Kind) {}
  Name name;
  List<Identifier> parts;
  Identifier asName;
};

struct WithItem : Node {
  SHRIKE_AST_CLASSOF(WithItem)
  WithItem() : Node(Kind) {}
  Expr* contextExpr = nullptr;
  Expr* optionalVars = nullptr;
};

struct ExceptHandler : Node {
  SHRIKE_AST_CLASSOF(ExceptHandler)
  ExceptHandler() : Node(Kind) {}
  Expr* type = nullptr; // null for a bare `except:`
  Identifier name;
  List<Stmt*> body;
};

// `for target in iter if cond...` inside a comprehension.
struct Comprehension : Node {
  SHRIKE_AST_CLASSOF(Comprehension)
  Comprehension() : Node(Kind) {}
  Expr* target = nullptr;
  Expr* iter = nullptr;
  List<Expr*> ifs;
  bool isAsync = false;
};

struct MatchCase : Node {
  SHRIKE_AST_CLASSOF(MatchCase)
  MatchCase() : Node(Kind) {}
  Pattern* pattern = nullptr;
  Expr* guard = nullptr;
  List<Stmt*> body;
};

enum class TypeParamKind : uint8_t { TypeVar, ParamSpec, TypeVarTuple };

// PEP 695 / PEP 696: `T: bound = default`, `*Ts = default`, `**P = default`.
struct TypeParam : Node {
  SHRIKE_AST_CLASSOF(TypeParam)
  TypeParam() : Node(Kind) {}
  TypeParamKind typeParamKind = TypeParamKind::TypeVar;
  Identifier name;
  Expr* bound = nullptr; // a bound, or a Tuple of constraints
  Expr* defaultValue = nullptr;
};

// ---- statements ------------------------------------------------------------------------------

struct Module : Node {
  SHRIKE_AST_CLASSOF(Module)
  Module() : Node(Kind) {}
  List<Stmt*> body;
};

struct FunctionDef : Stmt {
  SHRIKE_AST_CLASSOF(FunctionDef)
  FunctionDef() : Stmt(Kind) {}
  Identifier name;
  List<Expr*> decorators;
  List<TypeParam*> typeParams;
  bool hasTypeParams = false; // `def f[]()` is an error, but the brackets are there
  Parameters* parameters = nullptr;
  Expr* returns = nullptr;
  List<Stmt*> body;
  bool isAsync = false;
};

struct ClassDef : Stmt {
  SHRIKE_AST_CLASSOF(ClassDef)
  ClassDef() : Stmt(Kind) {}
  Identifier name;
  List<Expr*> decorators;
  List<TypeParam*> typeParams;
  bool hasTypeParams = false;
  List<Expr*> bases;
  List<Keyword*> keywords;
  List<Stmt*> body;
};

struct Return : Stmt {
  SHRIKE_AST_CLASSOF(Return)
  Return() : Stmt(Kind) {}
  Expr* value = nullptr;
};

struct Delete : Stmt {
  SHRIKE_AST_CLASSOF(Delete)
  Delete() : Stmt(Kind) {}
  List<Expr*> targets;
};

// `a = b = value`: targets [a, b].
struct Assign : Stmt {
  SHRIKE_AST_CLASSOF(Assign)
  Assign() : Stmt(Kind) {}
  List<Expr*> targets;
  Expr* value = nullptr;
};

enum class BinaryOperator : uint8_t {
  Add,
  Sub,
  Mult,
  MatMult,
  Div,
  Mod,
  Pow,
  LShift,
  RShift,
  BitOr,
  BitXor,
  BitAnd,
  FloorDiv
};
std::string_view binaryOperatorText(BinaryOperator op); // "+", "-", ...

struct AugAssign : Stmt {
  SHRIKE_AST_CLASSOF(AugAssign)
  AugAssign() : Stmt(Kind) {}
  Expr* target = nullptr;
  BinaryOperator op = BinaryOperator::Add;
  Expr* value = nullptr;
};

struct AnnAssign : Stmt {
  SHRIKE_AST_CLASSOF(AnnAssign)
  AnnAssign() : Stmt(Kind) {}
  Expr* target = nullptr;
  Expr* annotation = nullptr;
  Expr* value = nullptr;
  bool simple = true; // target is a plain name, not parenthesised
};

// `type Name[T] = value`
struct TypeAlias : Stmt {
  SHRIKE_AST_CLASSOF(TypeAlias)
  TypeAlias() : Stmt(Kind) {}
  Identifier name;
  List<TypeParam*> typeParams;
  bool hasTypeParams = false;
  Expr* value = nullptr;
};

struct For : Stmt {
  SHRIKE_AST_CLASSOF(For)
  For() : Stmt(Kind) {}
  Expr* target = nullptr;
  Expr* iter = nullptr;
  List<Stmt*> body;
  List<Stmt*> orelse;
  bool isAsync = false;
};

struct While : Stmt {
  SHRIKE_AST_CLASSOF(While)
  While() : Stmt(Kind) {}
  Expr* test = nullptr;
  List<Stmt*> body;
  List<Stmt*> orelse;
};

// `elif` is an If inside the orelse of the one before it, ranging from its `elif` keyword.
struct If : Stmt {
  SHRIKE_AST_CLASSOF(If)
  If() : Stmt(Kind) {}
  Expr* test = nullptr;
  List<Stmt*> body;
  List<Stmt*> orelse;
  bool isElif = false;
};

struct With : Stmt {
  SHRIKE_AST_CLASSOF(With)
  With() : Stmt(Kind) {}
  List<WithItem*> items;
  List<Stmt*> body;
  bool isAsync = false;
};

struct Match : Stmt {
  SHRIKE_AST_CLASSOF(Match)
  Match() : Stmt(Kind) {}
  Expr* subject = nullptr;
  List<MatchCase*> cases;
};

struct Raise : Stmt {
  SHRIKE_AST_CLASSOF(Raise)
  Raise() : Stmt(Kind) {}
  Expr* exc = nullptr;
  Expr* cause = nullptr;
};

struct Try : Stmt {
  SHRIKE_AST_CLASSOF(Try)
  Try() : Stmt(Kind) {}
  List<Stmt*> body;
  List<ExceptHandler*> handlers;
  List<Stmt*> orelse;
  List<Stmt*> finalbody;
  bool isStar = false; // `except*`
};

struct Assert : Stmt {
  SHRIKE_AST_CLASSOF(Assert)
  Assert() : Stmt(Kind) {}
  Expr* test = nullptr;
  Expr* msg = nullptr;
};

struct Import : Stmt {
  SHRIKE_AST_CLASSOF(Import)
  Import() : Stmt(Kind) {}
  List<Alias*> names;
};

// `from ..pkg.mod import a as b`: level 2, module parts [pkg, mod]; `import *` sets isStar.
struct ImportFrom : Stmt {
  SHRIKE_AST_CLASSOF(ImportFrom)
  ImportFrom() : Stmt(Kind) {}
  Name module; // dotted, without the leading dots; empty for `from . import x`
  List<Identifier> moduleParts;
  uint32_t level = 0;
  List<Alias*> names;
  bool isStar = false;
  TextRange starRange;
};

struct Global : Stmt {
  SHRIKE_AST_CLASSOF(Global)
  Global() : Stmt(Kind) {}
  List<Identifier> names;
};

struct Nonlocal : Stmt {
  SHRIKE_AST_CLASSOF(Nonlocal)
  Nonlocal() : Stmt(Kind) {}
  List<Identifier> names;
};

struct ExprStmt : Stmt {
  SHRIKE_AST_CLASSOF(ExprStmt)
  ExprStmt() : Stmt(Kind) {}
  Expr* value = nullptr;
};

struct Pass : Stmt {
  SHRIKE_AST_CLASSOF(Pass)
  Pass() : Stmt(Kind) {}
};

struct Break : Stmt {
  SHRIKE_AST_CLASSOF(Break)
  Break() : Stmt(Kind) {}
};

struct Continue : Stmt {
  SHRIKE_AST_CLASSOF(Continue)
  Continue() : Stmt(Kind) {}
};

// A statement that could not be understood; whatever expressions were recognisable inside
// it are kept so names in them still resolve.
struct ErrorStmt : Stmt {
  SHRIKE_AST_CLASSOF(ErrorStmt)
  ErrorStmt() : Stmt(Kind) {}
  List<Expr*> children;
};

// ---- expressions -----------------------------------------------------------------------------

enum class BoolOperator : uint8_t { And, Or };

struct BoolOp : Expr {
  SHRIKE_AST_CLASSOF(BoolOp)
  BoolOp() : Expr(Kind) {}
  BoolOperator op = BoolOperator::And;
  List<Expr*> values;
};

struct NameExpr;

// `target := value`
struct NamedExpr : Expr {
  SHRIKE_AST_CLASSOF(NamedExpr)
  NamedExpr() : Expr(Kind) {}
  Expr* target = nullptr; // a NameExpr, or ErrorExpr when the source is wrong
  Expr* value = nullptr;
};

struct BinOp : Expr {
  SHRIKE_AST_CLASSOF(BinOp)
  BinOp() : Expr(Kind) {}
  Expr* left = nullptr;
  BinaryOperator op = BinaryOperator::Add;
  Expr* right = nullptr;
};

enum class UnaryOperator : uint8_t { Invert, Not, UAdd, USub };
std::string_view unaryOperatorText(UnaryOperator op);

struct UnaryOp : Expr {
  SHRIKE_AST_CLASSOF(UnaryOp)
  UnaryOp() : Expr(Kind) {}
  UnaryOperator op = UnaryOperator::Not;
  Expr* operand = nullptr;
};

struct Lambda : Expr {
  SHRIKE_AST_CLASSOF(Lambda)
  Lambda() : Expr(Kind) {}
  Parameters* parameters = nullptr; // never null; may hold no parameters
  Expr* body = nullptr;
};

// `body if test else orelse`
struct IfExp : Expr {
  SHRIKE_AST_CLASSOF(IfExp)
  IfExp() : Expr(Kind) {}
  Expr* test = nullptr;
  Expr* body = nullptr;
  Expr* orelse = nullptr;
};

// `{k: v, **m}`: keys[i] is null for a `**m` entry.
struct Dict : Expr {
  SHRIKE_AST_CLASSOF(Dict)
  Dict() : Expr(Kind) {}
  List<Expr*> keys;
  List<Expr*> values;
};

struct Set : Expr {
  SHRIKE_AST_CLASSOF(Set)
  Set() : Expr(Kind) {}
  List<Expr*> elts;
};

struct ListComp : Expr {
  SHRIKE_AST_CLASSOF(ListComp)
  ListComp() : Expr(Kind) {}
  Expr* elt = nullptr;
  List<Comprehension*> generators;
};

struct SetComp : Expr {
  SHRIKE_AST_CLASSOF(SetComp)
  SetComp() : Expr(Kind) {}
  Expr* elt = nullptr;
  List<Comprehension*> generators;
};

struct DictComp : Expr {
  SHRIKE_AST_CLASSOF(DictComp)
  DictComp() : Expr(Kind) {}
  Expr* key = nullptr;
  Expr* value = nullptr;
  List<Comprehension*> generators;
};

struct GeneratorExp : Expr {
  SHRIKE_AST_CLASSOF(GeneratorExp)
  GeneratorExp() : Expr(Kind) {}
  Expr* elt = nullptr;
  List<Comprehension*> generators;
};

struct Await : Expr {
  SHRIKE_AST_CLASSOF(Await)
  Await() : Expr(Kind) {}
  Expr* value = nullptr;
};

struct Yield : Expr {
  SHRIKE_AST_CLASSOF(Yield)
  Yield() : Expr(Kind) {}
  Expr* value = nullptr;
};

struct YieldFrom : Expr {
  SHRIKE_AST_CLASSOF(YieldFrom)
  YieldFrom() : Expr(Kind) {}
  Expr* value = nullptr;
};

enum class CompareOperator : uint8_t { Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn };
std::string_view compareOperatorText(CompareOperator op);

// `left op0 c0 op1 c1 ...`
struct Compare : Expr {
  SHRIKE_AST_CLASSOF(Compare)
  Compare() : Expr(Kind) {}
  Expr* left = nullptr;
  List<CompareOperator> ops;
  List<Expr*> comparators;
};

// Positional arguments in `args` (a Starred for `*x`), keyword ones and `**m` in `keywords`.
struct Call : Expr {
  SHRIKE_AST_CLASSOF(Call)
  Call() : Expr(Kind) {}
  Expr* func = nullptr;
  List<Expr*> args;
  List<Keyword*> keywords;
  TextRange argumentsRange; // the parentheses and what is between them
};

// An f-string (or an implicit concatenation that contains one): literal parts are
// StringLiterals, replacement fields are FormattedValues.
struct FString : Expr {
  SHRIKE_AST_CLASSOF(FString)
  FString() : Expr(Kind) {}
  List<Expr*> values;
};

// `{value!r:spec}` inside an f-string; conversion is 0, 's', 'r' or 'a'; `{x=}` sets debugText.
struct FormattedValue : Expr {
  SHRIKE_AST_CLASSOF(FormattedValue)
  FormattedValue() : Expr(Kind) {}
  Expr* value = nullptr;
  char conversion = 0;
  FString* formatSpec = nullptr;
  bool isDebug = false;
};

enum StringFlags : uint8_t {
  StringRaw = 1 << 0,
  StringTripleQuoted = 1 << 1,
  StringConcatenated = 1 << 2,  // implicit concatenation of several literals
  StringUnicodePrefix = 1 << 3, // u"..."
  StringHasEscapes = 1 << 4,    // the value differs from the text between the quotes
};

// A str literal (implicit concatenations joined). `contentRange` covers the text between the
// quotes of a single literal; for a concatenation it is empty.
struct StringLiteral : Expr {
  SHRIKE_AST_CLASSOF(StringLiteral)
  StringLiteral() : Expr(Kind) {}
  std::string_view value;
  TextRange contentRange;
  uint8_t flags = 0;
};

struct BytesLiteral : Expr {
  SHRIKE_AST_CLASSOF(BytesLiteral)
  BytesLiteral() : Expr(Kind) {}
  std::string_view value; // the bytes, escapes decoded
  uint8_t flags = 0;
};

// An int literal; `fitsInt64` is false for larger values, whose text is kept.
struct IntLiteral : Expr {
  SHRIKE_AST_CLASSOF(IntLiteral)
  IntLiteral() : Expr(Kind) {}
  int64_t value = 0;
  bool fitsInt64 = true;
  std::string_view text;
};

struct FloatLiteral : Expr {
  SHRIKE_AST_CLASSOF(FloatLiteral)
  FloatLiteral() : Expr(Kind) {}
  double value = 0;
};

// `3j`, `1.5e3J`: the imaginary part.
struct ImaginaryLiteral : Expr {
  SHRIKE_AST_CLASSOF(ImaginaryLiteral)
  ImaginaryLiteral() : Expr(Kind) {}
  double value = 0;
};

struct BoolLiteral : Expr {
  SHRIKE_AST_CLASSOF(BoolLiteral)
  BoolLiteral() : Expr(Kind) {}
  bool value = false;
};

struct NoneLiteral : Expr {
  SHRIKE_AST_CLASSOF(NoneLiteral)
  NoneLiteral() : Expr(Kind) {}
};

struct EllipsisLiteral : Expr {
  SHRIKE_AST_CLASSOF(EllipsisLiteral)
  EllipsisLiteral() : Expr(Kind) {}
};

struct Attribute : Expr {
  SHRIKE_AST_CLASSOF(Attribute)
  Attribute() : Expr(Kind) {}
  Expr* value = nullptr;
  Identifier attr; // empty when the source stops at the dot (`a.`)
};

// `value[slice]`; `a[1, 2]` has a Tuple slice, `a[1:2]` a Slice.
struct Subscript : Expr {
  SHRIKE_AST_CLASSOF(Subscript)
  Subscript() : Expr(Kind) {}
  Expr* value = nullptr;
  Expr* slice = nullptr;
};

// `*value`; also `**value` inside a Dict display is recorded with a null key, not as this.
struct Starred : Expr {
  SHRIKE_AST_CLASSOF(Starred)
  Starred() : Expr(Kind) {}
  Expr* value = nullptr;
};

enum class ExprContext : uint8_t { Load, Store, Del };

struct NameExpr : Expr {
  SHRIKE_AST_CLASSOF(NameExpr)
  NameExpr() : Expr(Kind) {}
  Name id;
  ExprContext ctx = ExprContext::Load;
};

struct ListExpr : Expr {
  static constexpr NodeKind Kind = NodeKind::List;
  static bool classof(const Node* n) { return n->kind == NodeKind::List; }
  ListExpr() : Expr(Kind) {}
  List<Expr*> elts;
  ExprContext ctx = ExprContext::Load;
};

struct Tuple : Expr {
  SHRIKE_AST_CLASSOF(Tuple)
  Tuple() : Expr(Kind) {}
  List<Expr*> elts;
  ExprContext ctx = ExprContext::Load;
  bool parenthesized = false;
};

struct Slice : Expr {
  SHRIKE_AST_CLASSOF(Slice)
  Slice() : Expr(Kind) {}
  Expr* lower = nullptr;
  Expr* upper = nullptr;
  Expr* step = nullptr;
};

// Stands in for a missing or unparseable expression.
struct ErrorExpr : Expr {
  SHRIKE_AST_CLASSOF(ErrorExpr)
  ErrorExpr() : Expr(Kind) {}
  List<Expr*> children; // recognisable pieces inside the broken text
};

// ---- patterns --------------------------------------------------------------------------------

// A literal or dotted value pattern: `case 1:`, `case Color.RED:`, `case -1 + 2j:`.
struct MatchValue : Pattern {
  SHRIKE_AST_CLASSOF(MatchValue)
  MatchValue() : Pattern(Kind) {}
  Expr* value = nullptr;
};

// `case None:` / `case True:` / `case False:`
struct MatchSingleton : Pattern {
  SHRIKE_AST_CLASSOF(MatchSingleton)
  MatchSingleton() : Pattern(Kind) {}
  Expr* value = nullptr; // a NoneLiteral or BoolLiteral
};

struct MatchSequence : Pattern {
  SHRIKE_AST_CLASSOF(MatchSequence)
  MatchSequence() : Pattern(Kind) {}
  List<Pattern*> patterns;
};

// `{"k": p, **rest}`
struct MatchMapping : Pattern {
  SHRIKE_AST_CLASSOF(MatchMapping)
  MatchMapping() : Pattern(Kind) {}
  List<Expr*> keys;
  List<Pattern*> patterns;
  Identifier rest;
};

// `Point(x, y=0)`
struct MatchClass : Pattern {
  SHRIKE_AST_CLASSOF(MatchClass)
  MatchClass() : Pattern(Kind) {}
  Expr* cls = nullptr;
  List<Pattern*> patterns;
  List<Identifier> kwdAttrs;
  List<Pattern*> kwdPatterns;
};

// `*rest`, or `*_` with an empty name.
struct MatchStar : Pattern {
  SHRIKE_AST_CLASSOF(MatchStar)
  MatchStar() : Pattern(Kind) {}
  Identifier name;
};

// `p as name`, a capture `name` (pattern null), or the wildcard `_` (both empty).
struct MatchAs : Pattern {
  SHRIKE_AST_CLASSOF(MatchAs)
  MatchAs() : Pattern(Kind) {}
  Pattern* pattern = nullptr;
  Identifier name;
};

struct MatchOr : Pattern {
  SHRIKE_AST_CLASSOF(MatchOr)
  MatchOr() : Pattern(Kind) {}
  List<Pattern*> patterns;
};

#undef SHRIKE_AST_CLASSOF

// ---- the tree --------------------------------------------------------------------------------

// A syntax error found while lowering: the rule code is always `invalid-syntax`.
struct SyntaxError {
  TextRange range;
  std::string message;
};

// A comment's range, kept for suppression comments (`# type: ignore`) and docs.
struct Comment {
  TextRange range;
};

struct ReusableStatements; // parser/lowering/ReusableStatements.h

// One lowered file. Owns every node; moving it keeps node addresses stable.
struct Ast {
  Arena arena;
  Module* module = nullptr;
  std::vector<SyntaxError> syntaxErrors;
  std::vector<Comment> comments;
  // Kept by lowerTreeIncrementally (AstLowering.h) for the next lowering after an edit; null
  // from lowerTree.
  std::shared_ptr<const ReusableStatements> reusable;
};

// The children of a node in source order, for generic walks (dump, parent checks, search).
void forEachChild(const Node* node, const std::function<void(Node*)>& visit);

// The innermost node whose range contains offset (ranges are half-open, but an offset at a
// node's end still finds an identifier that ends there, as a cursor after a name should).
Node* findNodeAt(Module* module, uint32_t offset);

} // namespace shrike::parser
