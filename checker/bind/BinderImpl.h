// BinderImpl: the binder's walk state, shared by its statement and expression halves
// (BinderStatements.cpp, BinderExpressions.cpp). Private to checker/bind.
#pragma once

#include <vector>

#include "checker/bind/Binder.h"
#include "checker/bind/StaticConditions.h"

namespace shrike::checker::bind {

class BinderImpl {
public:
  BinderImpl(SemanticIndex& index, const BindOptions& options);
  void run(const parser::Module* module);

private:
  struct Deferred;
  // ---- statements (BinderStatements.cpp) ----
  void visitBlock(parser::List<parser::Stmt*> body);
  void visitStmt(const parser::Stmt* stmt);
  void visitFunctionDef(const parser::FunctionDef* def);
  void visitClassDef(const parser::ClassDef* def);
  void visitAssign(const parser::Assign* assign);
  void visitAugAssign(const parser::AugAssign* assign);
  void visitAnnAssign(const parser::AnnAssign* assign);
  void visitTypeAlias(const parser::TypeAlias* alias);
  void visitFor(const parser::For* loop);
  void visitWhile(const parser::While* loop);
  void visitIf(const parser::If* branch);
  void visitWith(const parser::With* with);
  void visitMatch(const parser::Match* match);
  void visitTry(const parser::Try* attempt);
  void visitImport(const parser::Import* import);
  void visitImportFrom(const parser::ImportFrom* import);
  void bindImplicitSubmodule(const parser::ImportFrom* import, uint8_t flags,
                             parser::TextRange moduleRange);
  void visitGlobal(const parser::Global* global);
  void visitNonlocal(const parser::Nonlocal* nonlocal);
  void visitDelete(const parser::Delete* del);
  void visitReturn(const parser::Return* ret);
  void visitRaise(const parser::Raise* raise);
  void visitAssert(const parser::Assert* assertion);
  void visitBreakContinue(const parser::Stmt* stmt, bool isBreak);
  void bindFunctionBody(const Deferred& deferred);
  void bindParameters(const parser::Parameters* parameters);
  void noteDunderAll(const parser::Stmt* stmt);
  void checkNonlocals();

  // ---- expressions, targets, patterns (BinderExpressions.cpp) ----
  // Visits an expression as a read; returns its reference key (noId when not a reference).
  KeyId visitExpr(const parser::Expr* expr);
  void visitExprs(parser::List<parser::Expr*> exprs) {
    for (const parser::Expr* e : exprs) visitExpr(e);
  }
  KeyId visitName(const parser::NameExpr* name);
  KeyId visitAttribute(const parser::Attribute* attribute);
  KeyId visitSubscript(const parser::Subscript* subscript);
  void visitCall(const parser::Call* call);
  void visitBoolOpValue(const parser::BoolOp* op);
  void visitIfExp(const parser::IfExp* expr);
  void visitLambda(const parser::Lambda* lambda);
  void visitComprehension(const parser::Expr* expr,
                          parser::List<parser::Comprehension*> generators);
  void visitNamedExpr(const parser::NamedExpr* named);
  void visitAwait(const parser::Await* await);
  void visitYield(const parser::Expr* yield);
  void visitStringLiteral(const parser::StringLiteral* literal);
  // Visits a condition, sending the true and false paths to the two labels.
  void visitCondition(const parser::Expr* expr, FlowId trueTarget, FlowId falseTarget);
  // Annotations: `deferred` when they may name later bindings (stubs, future import, ...).
  void visitAnnotation(const parser::Expr* annotation, bool deferred);
  // PEP 484 signature type comments (TypeComments.h): parsed and bound as string annotations.
  void bindSignatureTypeComments(const parser::FunctionDef* def, bool isInstanceLikeMethod);
  void bindTypeComment(const parser::Node* owner, parser::TextRange text);
  bool annotationsDeferred() const;
  void bindTarget(const parser::Expr* target, uint16_t declFlags = 0);
  void bindDeleteTarget(const parser::Expr* target);
  void bindPattern(const parser::Pattern* pattern);
  void bindCapture(const parser::Identifier& name, const parser::Node* node);
  bool isIrrefutable(const parser::Pattern* pattern) const;
  void bindTypeParams(parser::List<parser::TypeParam*> params);
  void noteInstanceMember(const parser::Attribute* target, uint16_t declFlags = 0);

  // ---- symbols and flow ----
  DeclId declare(parser::Name name, parser::TextRange nameRange, ScopeId scope,
                 DeclarationKind kind, const parser::Node* node, uint16_t flags = 0);
  // Binds the declaration's name in the flow (an Assignment node) and records the store.
  void assignName(DeclId decl, const parser::Expr* target, uint8_t flowFlags = 0);
  FlowId addAssignment(KeyId key, uint32_t declOrSymbol, const parser::Node* node, uint8_t flags);
  size_t addReference(const parser::Expr* expr, KeyId key, uint8_t flags, SymbolId symbol = noId);
  KeyId nameKey(parser::Name name) {
    return index_.mutableKeys().intern(noId, KeyPart::Name, name.id);
  }
  FlowId newLabel() { return flow_.addLabel(FlowKind::BranchLabel); }
  // The node code continues from after a label: Unreachable without antecedents, the single
  // antecedent when there is one, else the label.
  FlowId finishLabel(FlowId label) const;
  void addAntecedent(FlowId label, FlowId from) { flow_.addAntecedent(label, from); }
  void noteExceptionPoint();
  bool unreachable() const { return current_ == FlowGraph::unreachable; }
  SymbolId nonlocalTarget(ScopeId scope, parser::Name name) const;

  // ---- context ----
  ScopeId scope_ = moduleScopeId;
  const Scope& scope() const { return index_.scope(scope_); }
  // The function or lambda whose code runs at this point (through comprehensions and type
  // parameter scopes); noId at module or class level.
  ScopeId enclosingFunction() const;
  void contextError(parser::TextRange range, std::string message) {
    index_.addContextError(range, std::move(message));
  }

  struct Loop {
    FlowId continueTo;
    FlowId breakTo;
    size_t finallyDepth;
  };
  struct Deferred {
    const parser::Node* node;
    ScopeId scope;
    bool unreachable; // defined in code that cannot run: so is its body
    bool ruledOut;    // ... because the version or platform rules it out
  };
  struct MethodInfo {
    ScopeId scope;
    parser::Name self; // the first parameter
    bool isClassMethod;
  };
  struct PendingNonlocal {
    ScopeId scope;
    parser::Identifier name;
  };

  SemanticIndex& index_;
  FlowGraph& flow_;
  const BindOptions& options_;
  StaticConditions static_;
  FlowId current_ = FlowGraph::unreachable;
  std::vector<Loop> loops_;
  std::vector<FlowId> exceptTargets_;
  std::vector<FlowId> finallyTargets_;
  std::vector<Deferred> deferred_;
  std::vector<MethodInfo> methods_;
  std::vector<PendingNonlocal> nonlocals_;
  size_t functionReferenceStart_ = 0;
  uint32_t tryDepth_ = 0;
  uint32_t typeCheckingDepth_ = 0;
  // > 0 inside a branch the configured version or platform rules out (not merely code after
  // a return): declarations there do not count as bindings at all.
  uint32_t ruledOutDepth_ = 0;
  uint16_t ruledOutFlag() const { return unreachable() && ruledOutDepth_ ? DeclUnreachable : 0; }
  uint32_t annotationDepth_ = 0;
  uint32_t forwardDepth_ = 0;
  uint32_t stringAnnotationDepth_ = 0;
  // Local names of typing's Literal (`from typing import Literal as L`): their subscripts
  // hold values, not forward references.
  std::vector<parser::Name> literalAliases_;
};

} // namespace shrike::checker::bind
