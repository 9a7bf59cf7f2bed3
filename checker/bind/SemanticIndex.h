// SemanticIndex: everything the binder learns about one module, without types — its scopes,
// symbols, declarations, import records, references and flow graph. The evaluator, the name
// checks and the IDE index all read it; nothing in it points into another module.
//
// How a name finds its symbol (LEGB): the scope it is used in, then the enclosing scopes,
// skipping class bodies (a method does not see its class's names, but the type-parameter
// scope of a generic method does), then the module, then builtins.
//
//     x = 0
//     class C:
//         x = 1
//         y = x          # C.x
//         def m(self):
//             return x   # the module's x
//
// Lifetime: references and declarations point at nodes of the module's Ast; they are valid
// while that Ast is alive. Ids and ranges stay valid after it is dropped.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "checker/bind/FlatMap.h"
#include "checker/bind/FlowGraph.h"
#include "checker/bind/Ids.h"
#include "checker/bind/ImportRecord.h"
#include "checker/bind/ReferenceKeys.h"
#include "checker/bind/Scope.h"
#include "checker/bind/Symbol.h"
#include "parser/Ast.h"

namespace shrike::checker::bind {

enum ReferenceFlags : uint8_t {
  RefStore = 1 << 0,            // the target of an assignment (its flow node is the Assignment)
  RefDel = 1 << 1,              // the target of `del`
  RefForward = 1 << 2,          // may refer to a later binding: deferred annotations, stubs, the
                                // value of `type X = ...`; resolved without flow analysis
  RefAnnotation = 1 << 3,       // part of a type annotation
  RefAugmented = 1 << 4,        // the read half of `x += 1`
  RefUnreachable = 1 << 5,      // in code that cannot run
  RefStringAnnotation = 1 << 6, // parsed from a string annotation (`x: "C"`)
  RefImplicitMember = 1 << 7,   // a `self.x` store that declares an instance member
};

// Every name, member chain (`a.b`) and literal subscript (`a[0]`) the code evaluates or
// assigns. For a member chain, `symbol` is the symbol of its root name.
struct Reference {
  const parser::Expr* node = nullptr;
  FlowId flow = noId; // the node at which it is evaluated (stores: their Assignment)
  KeyId key = noId;
  SymbolId symbol = noId; // the root name's symbol in this module; noId: a builtin or unbound
  ScopeId scope : 24 = 0; // the scope it is evaluated in (24 bits keep a reference at 24 bytes)
  uint32_t flags : 8 = 0;

  bool has(ReferenceFlags flag) const { return (flags & flag) != 0; }
  bool isName() const { return node->kind == parser::NodeKind::NameExpr; }
  parser::Name name() const { return static_cast<const parser::NameExpr*>(node)->id; }
};

// An error the binder finds in code the parser accepted (`return` outside a function, ...);
// reported as invalid-syntax.
struct ContextError {
  parser::TextRange range;
  std::string message;
};

// `__all__` as far as it can be read statically.
struct DunderAll {
  bool defined = false;   // the module assigns `__all__`
  bool understood = true; // every manipulation was one of the recognised forms
  std::vector<parser::Name> names;
  // `__all__ += m.__all__` / `__all__.extend(m.__all__)`: the symbol names whose module's
  // `__all__` is included (resolved by the Program).
  std::vector<parser::Name> includedModules;
  std::vector<parser::TextRange> nameRanges; // where each of `names` is written
};

enum ModuleFlags : uint8_t {
  ModuleIsStub = 1 << 0,
  ModuleFutureAnnotations = 1 << 1, // `from __future__ import annotations`
  ModuleHasGetattr = 1 << 2,        // a module-level `def __getattr__`: any name resolves
  ModuleIsPackage = 1 << 3,         // an __init__ file (has `__path__`)
  ModuleHasStarImports = 1 << 4,
};

class SemanticIndex {
public:
  // ---- what was bound ----
  std::span<const Scope> scopes() const { return scopes_; }
  const Scope& scope(ScopeId id) const { return scopes_[id]; }
  std::span<const Symbol> symbols() const { return symbols_; }
  const Symbol& symbol(SymbolId id) const { return symbols_[id]; }
  std::span<const Declaration> declarations() const { return declarations_; }
  const Declaration& declaration(DeclId id) const { return declarations_[id]; }
  // The symbol an Assignment flow node binds or unbinds (noId if none): `del x` and the end of
  // an `except ... as x` handler carry the symbol itself, other assignments their declaration.
  SymbolId symbolAssignedBy(const FlowNode& node) const {
    if (node.b == noId) return noId;
    return node.has(FlowUnbind) ? node.b : declarations_[node.b].symbol;
  }
  std::span<const ImportRecord> imports() const { return imports_; }
  const ImportRecord& import(ImportId id) const { return imports_[id]; }
  std::span<const Reference> references() const { return references_; }
  const FlowGraph& flow() const { return flow_; }
  const ReferenceKeys& keys() const { return keys_; }
  const DunderAll& dunderAll() const { return dunderAll_; }
  std::span<const ContextError> contextErrors() const { return contextErrors_; }
  // Ranges of statements in code that cannot run (sorted, disjoint).
  std::span<const parser::TextRange> unreachableRanges() const { return unreachable_; }
  bool isUnreachable(uint32_t offset) const;
  uint8_t flags() const { return flags_; }
  bool has(ModuleFlags flag) const { return (flags_ & flag) != 0; }

  // ---- lookups ----
  // The symbol `name` in `scope` itself (whatever its flags); noId when there is none.
  SymbolId localSymbol(ScopeId scope, parser::Name name) const;
  // LEGB from `scope` (see the file comment); noId: not bound in this module (a builtin,
  // or unresolved). `global`/`nonlocal` symbols lead to the symbol they stand for.
  SymbolId lookup(ScopeId scope, parser::Name name) const;
  // The scope a Module, ClassDef, FunctionDef, Lambda or comprehension node opens (for a
  // generic def or class: the body's scope, whose parent is the TypeParams scope).
  ScopeId scopeOf(const parser::Node* node) const;
  // The declaration a binding node makes: FunctionDef, ClassDef, Parameter, Alias, TypeParam,
  // TypeAlias, a target Name, ExceptHandler or capture pattern; noId when none.
  DeclId declarationOf(const parser::Node* node) const;
  // The reference recorded for a Name, Attribute or Subscript expression; null if none.
  const Reference* referenceOf(const parser::Expr* expr) const;
  // The parsed expression of a string annotation (`x: "list[C]"`); null when none.
  const parser::Expr* stringAnnotation(const parser::StringLiteral* literal) const;
  // The annotation a PEP 484 type comment gives a Parameter, or a FunctionDef's return
  // (TypeComments.h); null when none.
  const parser::Expr* typeCommentAnnotation(const parser::Node* node) const;
  // A parameter's annotation: the written one, else its type comment's.
  const parser::Expr* annotationOf(const parser::Parameter* p) const {
    return p->annotation ? p->annotation : typeCommentAnnotation(p);
  }
  // A def's return annotation: the written one, else its type comment's.
  const parser::Expr* returnsOf(const parser::FunctionDef* def) const {
    return def->returns ? def->returns : typeCommentAnnotation(def);
  }
  // The symbols of a scope in creation order (module scope: source order of first binding).
  std::vector<SymbolId> symbolsOf(ScopeId scope) const;
  // Calls visit(DeclId) for each declaration of a symbol in source order.
  template <class F> void forEachDeclaration(SymbolId symbol, F&& visit) const {
    for (DeclId d = symbols_[symbol].firstDecl; d != noId; d = declarations_[d].nextInSymbol)
      visit(d);
  }
  // Whether some declaration of `symbol` satisfies `test`; stops at the first that does.
  template <class F> bool anyDeclaration(SymbolId symbol, F&& test) const {
    for (DeclId d = symbols_[symbol].firstDecl; d != noId; d = declarations_[d].nextInSymbol)
      if (test(d)) return true;
    return false;
  }
  // The nearest enclosing (or same) Module, Function or Lambda scope.
  ScopeId executionScope(ScopeId scope) const;
  // The scope of `node`'s innermost enclosing scope-opening ancestor (for an expression:
  // the scope it is evaluated in, ignoring the finer points of defaults and decorators).
  ScopeId enclosingScope(const parser::Node* node) const;

  size_t bytes() const; // memory held, for reports

  // ---- building (the binder and the Program's linking step) ----
  ScopeId addScope(ScopeKind kind, ScopeId parent, const parser::Node* node);
  SymbolId addSymbol(ScopeId scope, parser::Name name); // or the existing one
  DeclId addDeclaration(SymbolId symbol, const Declaration& declaration);
  Symbol& mutableSymbol(SymbolId id) { return symbols_[id]; }
  Declaration& mutableDeclaration(DeclId id) { return declarations_[id]; }
  Scope& mutableScope(ScopeId id) { return scopes_[id]; }
  Reference& mutableReference(size_t index) { return references_[index]; }
  size_t addReference(const Reference& reference);
  ImportId addImport(const ImportRecord& record);
  ImportRecord& mutableImport(ImportId id) { return imports_[id]; }
  FlowGraph& mutableFlow() { return flow_; }
  ReferenceKeys& mutableKeys() { return keys_; }
  DunderAll& mutableDunderAll() { return dunderAll_; }
  void addContextError(parser::TextRange range, std::string message);
  void addUnreachable(parser::TextRange range);
  void setFlags(uint8_t flags) { flags_ |= flags; }
  void mapScope(const parser::Node* node, ScopeId scope);
  void mapStringAnnotation(const parser::StringLiteral* literal, const parser::Expr* parsed);
  void mapTypeComment(const parser::Node* node, const parser::Expr* parsed);
  parser::Arena& arena() { return *arena_; }
  // Resolves every reference's symbol; run after binding and after star imports are linked.
  void resolveReferences();
  void finish(); // sorts, shrinks and builds the lookups by node

private:
  static uint64_t pointerKey(const void* p) { return reinterpret_cast<uintptr_t>(p); }

  std::vector<Scope> scopes_;
  std::vector<Symbol> symbols_;
  std::vector<Declaration> declarations_;
  std::vector<ImportRecord> imports_;
  std::vector<Reference> references_;
  FlowGraph flow_;
  ReferenceKeys keys_;
  DunderAll dunderAll_;
  std::vector<ContextError> contextErrors_;
  std::vector<parser::TextRange> unreachable_;
  FlatMap symbolMap_; // (scope << 32 | name) -> symbol
  // Each scope's symbols chained in creation order (symbolsOf without a pass over all of a
  // module's symbols: the evaluator asks for a class's names for every instance it makes).
  std::vector<SymbolId> firstInScope_, lastInScope_; // by scope
  std::vector<SymbolId> nextInScope_;                // by symbol
  FlatMap scopeMap_;                                 // node -> scope
  // Declarations (with a node) and references ordered by node address, for lookups by node
  // at 4 bytes an entry; rebuilt by finish().
  std::vector<DeclId> declsByNode_;
  std::vector<uint32_t> referencesByNode_;
  // The node of every referenceSampleStride-th entry of referencesByNode_: a lookup's binary
  // search runs over this small contiguous array, and only its last few steps read
  // references_ (each of whose reads is a cache miss in a large module).
  static constexpr size_t referenceSampleStride = 8;
  std::vector<const parser::Node*> referenceSamples_;
  // StringLiteral, or a Parameter or FunctionDef with a type comment -> index into
  // stringAnnotations_ (the parsed text).
  FlatMap stringAnnotationMap_;
  std::vector<const parser::Expr*> stringAnnotations_;
  std::unique_ptr<parser::Arena> arena_ = std::make_unique<parser::Arena>(); // parsed strings
  uint8_t flags_ = 0;
};

} // namespace shrike::checker::bind
