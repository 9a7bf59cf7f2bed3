// BinderStatements: the binder's walk over statements — scopes, declarations, imports,
// `__all__`, control flow (branches, loops, try/with/match) and errors of context.
#include <algorithm>

#include "checker/bind/BinderImpl.h"
#include "parser/Decorators.h"

namespace shrike::checker::bind {

using namespace parser;

std::unique_ptr<SemanticIndex> bindModule(const Ast& ast, const BindOptions& options) {
  auto index = std::make_unique<SemanticIndex>();
  BinderImpl binder(*index, options);
  if (ast.module) binder.run(ast.module);
  index->resolveReferences();
  index->finish();
  return index;
}

BinderImpl::BinderImpl(SemanticIndex& index, const BindOptions& options)
    : index_(index), flow_(index.mutableFlow()), options_(options),
      static_(options.version, options.platform) {}

namespace {

// Names Python provides in every module and in every class body.
const std::vector<Name>& moduleImplicitNames() {
  static const std::vector<Name> list = {
      names::dunderName,         names::dunderFile,    names::dunderDoc,      names::dunderSpec,
      names::dunderLoader,       names::dunderPackage, names::dunderBuiltins, names::dunderDict,
      intern("__annotations__"), intern("__cached__")};
  return list;
}
const std::vector<Name>& classImplicitNames() {
  static const std::vector<Name> list = {names::dunderQualname, names::dunderModule,
                                         names::dunderDoc, intern("__firstlineno__")};
  return list;
}

} // namespace

void BinderImpl::run(const Module* module) {
  uint8_t moduleFlags = 0;
  if (options_.isStub) moduleFlags |= ModuleIsStub;
  if (options_.isPackage) moduleFlags |= ModuleIsPackage;
  index_.setFlags(moduleFlags);
  ScopeId s = index_.addScope(ScopeKind::Module, noId, module);
  index_.mapScope(module, s);
  if (options_.isStub) index_.mutableScope(s).flags |= ScopeInStub;
  for (Name name : moduleImplicitNames())
    index_.mutableSymbol(index_.addSymbol(s, name)).flags |= SymbolImplicit;
  if (options_.isPackage)
    index_.mutableSymbol(index_.addSymbol(s, names::dunderPath)).flags |= SymbolImplicit;
  // `from __future__ import annotations` changes how every annotation binds, wherever it is.
  for (const Stmt* stmt : module->body) {
    auto* from = stmt->as<ImportFrom>();
    if (!from) {
      // Only a docstring may come before future imports.
      if (auto* e = stmt->as<ExprStmt>(); e && e->value->is<StringLiteral>()) continue;
      break;
    }
    if (from->module != names::dunderFuture) break;
    for (const Alias* alias : from->names)
      if (alias->name == names::annotations) index_.setFlags(ModuleFutureAnnotations);
  }

  current_ = flow_.add(FlowKind::Start, noId, module, s);
  index_.mutableScope(s).flowStart = current_;
  visitBlock(module->body);

  // Function and lambda bodies run later than the code around them, and need the enclosing
  // scopes' names complete (for nonlocal); they are bound after it, in discovery order.
  for (size_t i = 0; i < deferred_.size(); ++i) bindFunctionBody(Deferred(deferred_[i]));
  checkNonlocals();
}

void BinderImpl::visitBlock(List<Stmt*> body) {
  for (const Stmt* stmt : body) visitStmt(stmt);
}

void BinderImpl::visitStmt(const Stmt* stmt) {
  if (unreachable()) index_.addUnreachable(stmt->range);
  switch (stmt->kind) {
  case NodeKind::FunctionDef: visitFunctionDef(static_cast<const FunctionDef*>(stmt)); break;
  case NodeKind::ClassDef: visitClassDef(static_cast<const ClassDef*>(stmt)); break;
  case NodeKind::Return: visitReturn(static_cast<const Return*>(stmt)); break;
  case NodeKind::Delete: visitDelete(static_cast<const Delete*>(stmt)); break;
  case NodeKind::Assign: visitAssign(static_cast<const Assign*>(stmt)); break;
  case NodeKind::AugAssign: visitAugAssign(static_cast<const AugAssign*>(stmt)); break;
  case NodeKind::AnnAssign: visitAnnAssign(static_cast<const AnnAssign*>(stmt)); break;
  case NodeKind::TypeAlias: visitTypeAlias(static_cast<const TypeAlias*>(stmt)); break;
  case NodeKind::For: visitFor(static_cast<const For*>(stmt)); break;
  case NodeKind::While: visitWhile(static_cast<const While*>(stmt)); break;
  case NodeKind::If: visitIf(static_cast<const If*>(stmt)); break;
  case NodeKind::With: visitWith(static_cast<const With*>(stmt)); break;
  case NodeKind::Match: visitMatch(static_cast<const Match*>(stmt)); break;
  case NodeKind::Raise: visitRaise(static_cast<const Raise*>(stmt)); break;
  case NodeKind::Try: visitTry(static_cast<const Try*>(stmt)); break;
  case NodeKind::Assert: visitAssert(static_cast<const Assert*>(stmt)); break;
  case NodeKind::Import: visitImport(static_cast<const Import*>(stmt)); break;
  case NodeKind::ImportFrom: visitImportFrom(static_cast<const ImportFrom*>(stmt)); break;
  case NodeKind::Global: visitGlobal(static_cast<const Global*>(stmt)); break;
  case NodeKind::Nonlocal: visitNonlocal(static_cast<const Nonlocal*>(stmt)); break;
  case NodeKind::ExprStmt: {
    visitExpr(static_cast<const ExprStmt*>(stmt)->value);
    if (scope_ == moduleScopeId) noteDunderAll(stmt);
    break;
  }
  case NodeKind::Pass: break;
  case NodeKind::Break: visitBreakContinue(stmt, true); break;
  case NodeKind::Continue: visitBreakContinue(stmt, false); break;
  case NodeKind::ErrorStmt: visitExprs(static_cast<const ErrorStmt*>(stmt)->children); break;
  default: break;
  }
}

// ---- definitions -------------------------------------------------------------------------

void BinderImpl::visitFunctionDef(const FunctionDef* def) {
  visitExprs(def->decorators);
  for (const Parameter* p : def->parameters ? def->parameters->parameters : List<Parameter*>{})
    if (p->defaultValue) visitExpr(p->defaultValue);

  ScopeId outer = scope_;
  bool isMethod = scope().kind == ScopeKind::Class;
  if (def->hasTypeParams || !def->typeParams.empty()) {
    scope_ = index_.addScope(ScopeKind::TypeParams, scope_, def);
    bindTypeParams(def->typeParams);
  }
  bool deferred = annotationsDeferred();
  if (def->parameters)
    for (const Parameter* p : def->parameters->parameters)
      if (p->annotation) visitAnnotation(p->annotation, deferred);
  if (def->returns) visitAnnotation(def->returns, deferred);
  if (!options_.source.empty()) {
    bool isStatic = false;
    for (const Expr* d : def->decorators) isStatic |= decoratorNamedOrCalled(d, "staticmethod");
    bindSignatureTypeComments(def, isMethod && !isStatic);
  }

  ScopeId fs = index_.addScope(ScopeKind::Function, scope_, def);
  index_.mapScope(def, fs);
  Scope& fscope = index_.mutableScope(fs);
  fscope.definedAt = current_;
  if (def->isAsync) fscope.flags |= ScopeAsync;
  if (isMethod) fscope.flags |= ScopeIsMethod;
  if (options_.isStub) fscope.flags |= ScopeInStub;
  if (isMethod && def->parameters && !def->parameters->parameters.empty()) {
    const Parameter* first = def->parameters->parameters[0];
    bool isStatic = false, isClass = false;
    for (const Expr* d : def->decorators) {
      isStatic |= decoratorNamedOrCalled(d, "staticmethod");
      isClass |= decoratorNamedOrCalled(d, "classmethod");
    }
    if (def->name.name == names::dunderNew || def->name.name.text() == "__init_subclass__" ||
        def->name.name.text() == "__class_getitem__")
      isClass = true;
    if (!isStatic && first->parameterKind <= ParameterKind::PositionalOrKeyword)
      methods_.push_back(MethodInfo{fs, first->name.name, isClass});
  }
  scope_ = outer;

  if (def->name) {
    DeclId decl = declare(def->name.name, def->name.range, scope_, DeclarationKind::Function, def);
    assignName(decl, nullptr);
    if (scope_ == moduleScopeId && def->name.name == names::dunderGetattr)
      index_.setFlags(ModuleHasGetattr);
  }
  deferred_.push_back(Deferred{def, fs, unreachable(), ruledOutDepth_ > 0});
}

void BinderImpl::bindParameters(const Parameters* parameters) {
  if (!parameters) return;
  for (const Parameter* p : parameters->parameters) {
    if (!p->name) continue;
    SymbolId existing = index_.localSymbol(scope_, p->name.name);
    if (existing != noId && index_.symbol(existing).has(SymbolParameter))
      contextError(p->name.range, "duplicate argument '" + std::string(p->name.name.text()) +
                                      "' in function definition");
    DeclId decl = declare(p->name.name, p->name.range, scope_, DeclarationKind::Parameter, p,
                          index_.annotationOf(p) ? DeclAnnotated : 0);
    index_.mutableSymbol(index_.declaration(decl).symbol).flags |= SymbolParameter;
    assignName(decl, nullptr);
  }
}

void BinderImpl::bindFunctionBody(const Deferred& deferred) {
  const Node* node = deferred.node;
  ScopeId s = deferred.scope;
  scope_ = s;
  current_ = flow_.add(FlowKind::Start, noId, node, s);
  index_.mutableScope(s).flowStart = current_;
  if (deferred.unreachable) current_ = FlowGraph::unreachable;
  ruledOutDepth_ = deferred.ruledOut ? 1 : 0;
  loops_.clear();
  exceptTargets_.clear();
  finallyTargets_.clear();
  tryDepth_ = 0;
  typeCheckingDepth_ = 0;
  functionReferenceStart_ = index_.references().size();
  if (auto* def = node->as<FunctionDef>()) {
    bindParameters(def->parameters);
    visitBlock(def->body);
  } else if (auto* lambda = node->as<Lambda>()) {
    bindParameters(lambda->parameters);
    visitExpr(lambda->body);
  }
}

void BinderImpl::visitClassDef(const ClassDef* def) {
  visitExprs(def->decorators);
  ScopeId outer = scope_;
  if (def->hasTypeParams || !def->typeParams.empty()) {
    scope_ = index_.addScope(ScopeKind::TypeParams, scope_, def);
    bindTypeParams(def->typeParams);
  }
  visitExprs(def->bases);
  for (const Keyword* k : def->keywords) visitExpr(k->value);

  ScopeId cs = index_.addScope(ScopeKind::Class, scope_, def);
  index_.mapScope(def, cs);
  if (options_.isStub) index_.mutableScope(cs).flags |= ScopeInStub;
  for (Name name : classImplicitNames())
    index_.mutableSymbol(index_.addSymbol(cs, name)).flags |= SymbolImplicit;

  // The body runs inline, but `break`/`continue` cannot reach loops outside the class.
  std::vector<Loop> savedLoops;
  savedLoops.swap(loops_);
  scope_ = cs;
  visitBlock(def->body);
  scope_ = outer;
  loops_.swap(savedLoops);

  if (def->name) {
    DeclId decl = declare(def->name.name, def->name.range, scope_, DeclarationKind::Class, def);
    assignName(decl, nullptr);
  }
}

void BinderImpl::visitTypeAlias(const TypeAlias* alias) {
  ScopeId outer = scope_;
  if (alias->hasTypeParams || !alias->typeParams.empty()) {
    scope_ = index_.addScope(ScopeKind::TypeParams, scope_, alias);
    bindTypeParams(alias->typeParams);
  }
  // The value is evaluated lazily, in a scope of its own: it may name later bindings.
  ScopeId valueScope = index_.addScope(ScopeKind::TypeParams, scope_, alias->value);
  index_.mutableScope(valueScope).flags |= ScopeTypeAliasValue;
  scope_ = valueScope;
  if (alias->value) visitAnnotation(alias->value, true);
  scope_ = outer;
  if (alias->name) {
    DeclId decl =
        declare(alias->name.name, alias->name.range, scope_, DeclarationKind::TypeAlias, alias);
    assignName(decl, nullptr);
  }
}

// ---- assignments -------------------------------------------------------------------------

void BinderImpl::visitAssign(const Assign* assign) {
  visitExpr(assign->value);
  for (const Expr* target : assign->targets) bindTarget(target);
  if (scope_ == moduleScopeId) noteDunderAll(assign);
}

void BinderImpl::visitAugAssign(const AugAssign* assign) {
  // The target is read, then written.
  if (auto* name = assign->target->as<NameExpr>()) {
    addReference(name, nameKey(name->id), RefAugmented);
    visitExpr(assign->value);
    DeclId decl =
        declare(name->id, name->range, scope_, DeclarationKind::Variable, name, DeclAugmented);
    assignName(decl, name, FlowAugmented);
  } else {
    KeyId key = visitExpr(assign->target);
    visitExpr(assign->value);
    if (auto* attr = assign->target->as<Attribute>()) noteInstanceMember(attr, DeclAugmented);
    if (key != noId) {
      FlowId node = addAssignment(key, noId, assign->target, FlowAugmented);
      (void)node;
    }
  }
  if (scope_ == moduleScopeId) noteDunderAll(assign);
}

void BinderImpl::visitAnnAssign(const AnnAssign* assign) {
  // Local variable annotations are never evaluated; module and class ones are, unless
  // annotations are deferred.
  bool deferred = annotationsDeferred() || enclosingFunction() != noId;
  visitAnnotation(assign->annotation, deferred);
  if (assign->value) visitExpr(assign->value);
  if (auto* name = assign->target->as<NameExpr>()) {
    uint8_t flags = DeclAnnotated | (assign->value ? 0 : DeclAnnotationOnly);
    DeclId decl = declare(name->id, name->range, scope_, DeclarationKind::Variable, name, flags);
    index_.mutableSymbol(index_.declaration(decl).symbol).flags |= SymbolAnnotated;
    // `x: int` declares without binding; a stub's `x: int` stands for a value all the same.
    if (assign->value || options_.isStub) {
      assignName(decl, name);
    } else {
      addReference(name, nameKey(name->id), RefStore, index_.declaration(decl).symbol);
      index_.mutableReference(index_.references().size() - 1).flow = current_;
    }
  } else if (assign->value) {
    bindTarget(assign->target, DeclAnnotated);
  } else {
    // `self.x: int` declares a member; `a[0]: int` just evaluates the target.
    if (auto* attr = assign->target->as<Attribute>()) {
      visitExpr(attr->value);
      noteInstanceMember(attr);
    } else {
      visitExpr(assign->target);
    }
  }
  if (scope_ == moduleScopeId && assign->value) noteDunderAll(assign);
}

void BinderImpl::visitDelete(const Delete* del) {
  for (const Expr* target : del->targets) bindDeleteTarget(target);
}

// ---- control flow ------------------------------------------------------------------------

FlowId BinderImpl::finishLabel(FlowId label) const {
  if (!flow_.hasAntecedents(label)) return FlowGraph::unreachable;
  const FlowNode& n = flow_.node(label);
  if (n.kind == FlowKind::BranchLabel && n.b == n.antecedent) {
    FlowId only = noId;
    flow_.forEachAntecedent(label, [&](FlowId from) { only = from; });
    return only;
  }
  return label;
}

void BinderImpl::noteExceptionPoint() {
  if (!exceptTargets_.empty() && !unreachable()) addAntecedent(exceptTargets_.back(), current_);
}

void BinderImpl::visitIf(const If* branch) {
  bool reachableBefore = !unreachable();
  FlowId thenLabel = newLabel(), elseLabel = newLabel(), post = newLabel();
  visitCondition(branch->test, thenLabel, elseLabel);
  StaticValue value = static_.evaluate(branch->test);
  bool typeChecking = value == StaticValue::True && !branch->test->is<BoolLiteral>() &&
                      !branch->test->is<IntLiteral>();
  // A branch the condition rules out is not run at all (`if sys.version_info < (3, 8):`).
  current_ = finishLabel(thenLabel);
  bool ruledOut = reachableBefore && unreachable() && value == StaticValue::False;
  typeCheckingDepth_ += typeChecking;
  ruledOutDepth_ += ruledOut;
  visitBlock(branch->body);
  ruledOutDepth_ -= ruledOut;
  typeCheckingDepth_ -= typeChecking;
  addAntecedent(post, current_);
  current_ = finishLabel(elseLabel);
  ruledOut = reachableBefore && unreachable() && value == StaticValue::True;
  ruledOutDepth_ += ruledOut;
  visitBlock(branch->orelse);
  ruledOutDepth_ -= ruledOut;
  addAntecedent(post, current_);
  current_ = finishLabel(post);
}

void BinderImpl::visitWhile(const While* loop) {
  FlowId head = FlowGraph::unreachable;
  if (!unreachable()) {
    head = flow_.addLabel(FlowKind::LoopLabel);
    addAntecedent(head, current_);
  }
  current_ = head;
  FlowId body = newLabel(), orelse = newLabel(), post = newLabel();
  visitCondition(loop->test, body, orelse);
  current_ = finishLabel(body);
  loops_.push_back(Loop{head, post, finallyTargets_.size()});
  visitBlock(loop->body);
  loops_.pop_back();
  if (head != FlowGraph::unreachable) addAntecedent(head, current_);
  current_ = finishLabel(orelse);
  visitBlock(loop->orelse);
  addAntecedent(post, current_);
  current_ = finishLabel(post);
}

// A tuple or list display with elements and no starred one: iterating it yields at least once.
static bool iteratesAtLeastOnce(const Expr* iterable) {
  const List<Expr*>* elements = nullptr;
  if (auto* tuple = iterable->as<Tuple>()) elements = &tuple->elts;
  if (auto* list = iterable->as<ListExpr>()) elements = &list->elts;
  if (!elements || elements->empty()) return false;
  return std::none_of(elements->begin(), elements->end(),
                      [](const Expr* e) { return e->is<Starred>(); });
}

void BinderImpl::visitFor(const For* loop) {
  if (loop->isAsync) {
    ScopeId f = enclosingFunction();
    if (f == noId || !(index_.scope(f).flags & ScopeAsync))
      contextError(loop->range, "'async for' outside async function");
  }
  visitExpr(loop->iter);
  FlowId head = FlowGraph::unreachable;
  if (!unreachable()) {
    head = flow_.addLabel(FlowKind::LoopLabel);
    addAntecedent(head, current_);
  }
  current_ = head;
  FlowId orelse = newLabel(), post = newLabel();
  // A non-empty display runs the body at least once: the iterator can be exhausted only
  // after an iteration, so exhaustion hangs off the back edges (`again`), not the entry.
  bool runsAtLeastOnce = iteratesAtLeastOnce(loop->iter);
  FlowId again = runsAtLeastOnce ? newLabel() : head;
  if (!runsAtLeastOnce) addAntecedent(orelse, current_); // the iterator is exhausted
  bindTarget(loop->target);
  loops_.push_back(Loop{again, post, finallyTargets_.size()});
  visitBlock(loop->body);
  loops_.pop_back();
  if (head != FlowGraph::unreachable) {
    addAntecedent(again, current_);
    if (runsAtLeastOnce) {
      FlowId back = finishLabel(again);
      addAntecedent(head, back);
      addAntecedent(orelse, back);
    }
  }
  current_ = finishLabel(orelse);
  visitBlock(loop->orelse);
  addAntecedent(post, current_);
  current_ = finishLabel(post);
}

void BinderImpl::visitBreakContinue(const Stmt* stmt, bool isBreak) {
  if (loops_.empty()) {
    contextError(stmt->range, isBreak ? "'break' outside loop" : "'continue' not properly in loop");
  } else {
    const Loop& loop = loops_.back();
    // A `finally` between here and the loop runs on the way out.
    if (finallyTargets_.size() > loop.finallyDepth) addAntecedent(finallyTargets_.back(), current_);
    addAntecedent(isBreak ? loop.breakTo : loop.continueTo, current_);
  }
  current_ = FlowGraph::unreachable;
}

void BinderImpl::visitReturn(const Return* ret) {
  if (scope().kind != ScopeKind::Function) contextError(ret->range, "'return' outside function");
  if (ret->value) visitExpr(ret->value);
  if (!finallyTargets_.empty()) addAntecedent(finallyTargets_.back(), current_);
  current_ = FlowGraph::unreachable;
}

void BinderImpl::visitRaise(const Raise* raise) {
  if (raise->exc) visitExpr(raise->exc);
  if (raise->cause) visitExpr(raise->cause);
  noteExceptionPoint();
  current_ = FlowGraph::unreachable;
}

void BinderImpl::visitAssert(const Assert* assertion) {
  FlowId pass = newLabel(), fail = newLabel();
  visitCondition(assertion->test, pass, fail);
  current_ = finishLabel(fail);
  if (assertion->msg) visitExpr(assertion->msg);
  noteExceptionPoint();
  current_ = finishLabel(pass);
}

void BinderImpl::visitWith(const With* with) {
  if (with->isAsync) {
    ScopeId f = enclosingFunction();
    if (f == noId || !(index_.scope(f).flags & ScopeAsync))
      contextError(with->range, "'async with' outside async function");
  }
  // `with A() as a, B(a) as b:` enters A, binds a, then evaluates B(a). An exception anywhere
  // after the first context manager is entered may be swallowed by one's __exit__, and the
  // code after the block then runs from that point.
  FlowId swallowed = newLabel();
  bool entered = false;
  for (const WithItem* item : with->items) {
    visitExpr(item->contextExpr);
    if (!entered) {
      addAntecedent(swallowed, current_);
      exceptTargets_.push_back(swallowed);
      entered = true;
    }
    if (item->optionalVars) bindTarget(item->optionalVars);
  }
  if (!entered) {
    addAntecedent(swallowed, current_);
    exceptTargets_.push_back(swallowed);
  }
  visitBlock(with->body);
  exceptTargets_.pop_back();
  FlowId post = newLabel();
  addAntecedent(post, current_);
  FlowId raised = finishLabel(swallowed);
  if (raised != FlowGraph::unreachable) {
    FlowId exit = flow_.add(FlowKind::ContextManagerExit, raised, with, noId, noId,
                            with->isAsync ? FlowAsync : 0);
    addAntecedent(post, exit);
    if (!exceptTargets_.empty()) addAntecedent(exceptTargets_.back(), raised);
  }
  current_ = finishLabel(post);
}

void BinderImpl::visitTry(const Try* attempt) {
  bool hasFinally = !attempt->finalbody.empty();
  bool hasHandlers = !attempt->handlers.empty();
  FlowId finallyRaised = noId; // exceptions and returns that enter the finally block
  if (hasFinally) {
    finallyRaised = newLabel();
    finallyTargets_.push_back(finallyRaised);
  }
  FlowId normal = newLabel(); // paths that complete the try statement normally
  FlowId handlersEntry = noId;
  size_t pushed = 0;
  if (hasHandlers) {
    handlersEntry = newLabel();
    addAntecedent(handlersEntry, current_);
    exceptTargets_.push_back(handlersEntry);
    ++pushed;
  } else if (hasFinally) {
    addAntecedent(finallyRaised, current_);
    exceptTargets_.push_back(finallyRaised);
    ++pushed;
  }
  ++tryDepth_;
  visitBlock(attempt->body);
  --tryDepth_;
  exceptTargets_.resize(exceptTargets_.size() - pushed);

  // `else` and the handlers: their exceptions go to the finally block, or further out.
  if (hasFinally) exceptTargets_.push_back(finallyRaised);
  visitBlock(attempt->orelse);
  addAntecedent(normal, current_);
  bool catchesAll = false;
  FlowId raised = hasHandlers ? finishLabel(handlersEntry) : FlowGraph::unreachable;
  for (const ExceptHandler* handler : attempt->handlers) {
    current_ = raised;
    if (handler->type)
      visitExpr(handler->type);
    else
      catchesAll = true;
    if (auto* n = handler->type ? handler->type->as<NameExpr>() : nullptr;
        n && n->id.text() == "BaseException")
      catchesAll = true;
    DeclId decl = noId;
    if (handler->name) {
      decl = declare(handler->name.name, handler->name.range, scope_, DeclarationKind::Variable,
                     handler, DeclExceptAs);
      assignName(decl, nullptr);
    }
    visitBlock(handler->body);
    if (decl != noId && !unreachable()) {
      // Python deletes the name at the end of the handler.
      addAssignment(nameKey(handler->name.name), index_.declaration(decl).symbol, handler,
                    FlowUnbind);
    }
    addAntecedent(normal, current_);
  }
  if (hasFinally) exceptTargets_.pop_back();
  // Exceptions no handler catches propagate.
  if (hasHandlers && !catchesAll && raised != FlowGraph::unreachable) {
    if (hasFinally)
      addAntecedent(finallyRaised, raised);
    else if (!exceptTargets_.empty())
      addAntecedent(exceptTargets_.back(), raised);
  }

  if (!hasFinally) {
    current_ = finishLabel(normal);
    return;
  }
  finallyTargets_.pop_back();
  FlowId normalEnd = finishLabel(normal);
  FlowId gate = noId;
  FlowId entry = newLabel();
  addAntecedent(entry, normalEnd);
  FlowId raisedEnd = finishLabel(finallyRaised);
  if (raisedEnd != FlowGraph::unreachable) {
    gate = flow_.add(FlowKind::PreFinallyGate, raisedEnd, attempt);
    addAntecedent(entry, gate);
  }
  current_ = finishLabel(entry);
  visitBlock(attempt->finalbody);
  // After the finally block, exceptions and returns continue on their way...
  if (gate != noId && !exceptTargets_.empty()) addAntecedent(exceptTargets_.back(), current_);
  // ... and the code after the statement runs only on the normal path.
  if (normalEnd == FlowGraph::unreachable)
    current_ = FlowGraph::unreachable;
  else if (gate != noId && !unreachable())
    current_ = flow_.add(FlowKind::PostFinally, current_, attempt, gate);
}

void BinderImpl::visitMatch(const Match* match) {
  visitExpr(match->subject);
  FlowId post = newLabel();
  FlowId next = current_; // the path on which no case has matched yet
  for (const MatchCase* c : match->cases) {
    current_ = next == FlowGraph::unreachable ? next : flow_.add(FlowKind::MatchCase, next, c);
    bindPattern(c->pattern);
    FlowId guardFailed = FlowGraph::unreachable;
    if (c->guard) {
      FlowId pass = newLabel(), fail = newLabel();
      visitCondition(c->guard, pass, fail);
      guardFailed = finishLabel(fail);
      current_ = finishLabel(pass);
    }
    visitBlock(c->body);
    addAntecedent(post, current_);
    FlowId noMatch = FlowGraph::unreachable;
    if (next != FlowGraph::unreachable && !isIrrefutable(c->pattern))
      noMatch = flow_.add(FlowKind::MatchCase, next, c, noId, noId, FlowNegative);
    if (guardFailed != FlowGraph::unreachable) {
      FlowId join = newLabel();
      addAntecedent(join, noMatch);
      addAntecedent(join, guardFailed);
      noMatch = finishLabel(join);
    }
    next = noMatch;
  }
  addAntecedent(post, next);
  current_ = finishLabel(post);
}

// ---- imports -----------------------------------------------------------------------------

namespace {

TextRange moduleNameRange(List<Identifier> parts, TextRange fallback) {
  if (parts.empty()) return fallback;
  return TextRange{parts.front().range.start, parts.back().range.end};
}

} // namespace

void BinderImpl::visitImport(const Import* import) {
  static_.noteImport(import);
  uint8_t flags = (unreachable() ? ImportUnreachable : 0) |
                  (typeCheckingDepth_ ? ImportTypeChecking : 0) | (tryDepth_ ? ImportInTry : 0) |
                  (scope_ != moduleScopeId ? ImportNotModuleLevel : 0);
  for (const Alias* alias : import->names) {
    if (!alias->name) continue;
    ImportRecord record;
    record.kind = alias->asName ? ImportKind::ModuleAs : ImportKind::Module;
    record.flags = flags;
    record.module = alias->name;
    record.moduleRange = moduleNameRange(alias->parts, alias->range);
    record.node = import;
    ImportId id = index_.addImport(record);
    Identifier bound = alias->asName ? alias->asName
                                     : (alias->parts.empty() ? Identifier{alias->name, alias->range}
                                                             : alias->parts[0]);
    bool reexported = alias->asName && alias->asName.name == alias->name;
    DeclId decl = declare(bound.name, bound.range, scope_, DeclarationKind::Import, alias,
                          reexported ? DeclReexported : 0);
    index_.mutableDeclaration(decl).import = id;
    index_.mutableImport(id).declaration = decl;
    assignName(decl, nullptr);
  }
}

void BinderImpl::visitImportFrom(const ImportFrom* import) {
  static_.noteImport(import);
  uint8_t flags = (unreachable() ? ImportUnreachable : 0) |
                  (typeCheckingDepth_ ? ImportTypeChecking : 0) | (tryDepth_ ? ImportInTry : 0) |
                  (scope_ != moduleScopeId ? ImportNotModuleLevel : 0);
  if (import->level == 0 && import->module == names::dunderFuture) flags |= ImportFuture;
  TextRange moduleRange = moduleNameRange(import->moduleParts, import->range);
  if (!import->moduleParts.empty() && import->level > 0 && moduleRange.start >= import->level)
    moduleRange.start -= import->level;
  if (import->isStar) {
    if (scope_ != moduleScopeId)
      contextError(import->range, "'import *' only allowed at module level");
    ImportRecord record;
    record.kind = ImportKind::Star;
    record.flags = flags;
    record.level = static_cast<uint16_t>(import->level);
    record.module = import->module;
    record.moduleRange = moduleRange;
    record.nameRange = import->starRange;
    record.node = import;
    ImportId id = index_.addImport(record);
    index_.setFlags(ModuleHasStarImports);
    bindImplicitSubmodule(import, flags, moduleRange);
    if (!unreachable()) {
      current_ = flow_.add(FlowKind::WildcardImport, current_, import, id);
      noteExceptionPoint();
    }
    return;
  }
  bindImplicitSubmodule(import, flags, moduleRange);
  for (const Alias* alias : import->names) {
    if (!alias->name) continue;
    ImportRecord record;
    record.kind = ImportKind::From;
    record.flags = flags;
    record.level = static_cast<uint16_t>(import->level);
    record.module = import->module;
    record.name = alias->name;
    record.moduleRange = moduleRange;
    record.nameRange = alias->parts.empty() ? alias->range : alias->parts[0].range;
    record.node = import;
    ImportId id = index_.addImport(record);
    Identifier bound = alias->asName ? alias->asName : Identifier{alias->name, record.nameRange};
    if (alias->asName && alias->name.text() == "Literal" &&
        (import->module.text() == "typing" || import->module.text() == "typing_extensions"))
      literalAliases_.push_back(alias->asName.name);
    bool reexported = (alias->asName && alias->asName.name == alias->name) ||
                      (import->level > 0 && !import->module);
    DeclId decl = declare(bound.name, bound.range, scope_, DeclarationKind::ImportFrom, alias,
                          reexported ? DeclReexported : 0);
    index_.mutableDeclaration(decl).import = id;
    index_.mutableImport(id).declaration = decl;
    assignName(decl, nullptr);
  }
}

void BinderImpl::bindImplicitSubmodule(const ImportFrom* import, uint8_t flags,
                                       TextRange moduleRange) {
  // Importing a submodule sets it as an attribute of its package; in the package's own
  // __init__ that attribute is a global: `from .x import y` binds x as well.
  if (!options_.isPackage || import->level != 1 || import->moduleParts.empty() ||
      scope_ != moduleScopeId)
    return;
  const Identifier& first = import->moduleParts[0];
  ImportRecord record;
  record.kind = ImportKind::ModuleAs;
  record.flags = flags | ImportImplicit;
  record.level = 1;
  record.module = first.name;
  record.moduleRange = moduleRange;
  record.node = import;
  ImportId id = index_.addImport(record);
  DeclId decl = declare(first.name, first.range, scope_, DeclarationKind::Import, nullptr,
                        DeclImplicitSubmodule);
  index_.mutableDeclaration(decl).import = id;
  index_.mutableImport(id).declaration = decl;
  assignName(decl, nullptr);
}

// ---- global and nonlocal -----------------------------------------------------------------

void BinderImpl::visitGlobal(const Global* global) {
  for (const Identifier& id : global->names) {
    std::string name(id.name.text());
    SymbolId existing = index_.localSymbol(scope_, id.name);
    if (scope_ != moduleScopeId) {
      if (existing != noId && index_.symbol(existing).has(SymbolParameter)) {
        contextError(id.range, "name '" + name + "' is parameter and global");
      } else if (existing != noId && index_.symbol(existing).has(SymbolNonlocal)) {
        contextError(id.range, "name '" + name + "' is nonlocal and global");
      } else if (existing != noId && index_.symbol(existing).has(SymbolBound)) {
        contextError(id.range, "name '" + name + "' is assigned to before global declaration");
      } else {
        for (size_t i = functionReferenceStart_; i < index_.references().size(); ++i) {
          const Reference& ref = index_.references()[i];
          if (ref.scope == scope_ && ref.isName() && ref.name() == id.name) {
            contextError(id.range, "name '" + name + "' is used prior to global declaration");
            break;
          }
        }
      }
    }
    if (scope_ == moduleScopeId) continue;
    SymbolId s = index_.addSymbol(scope_, id.name);
    index_.mutableSymbol(s).flags |= SymbolGlobal;
  }
}

void BinderImpl::visitNonlocal(const Nonlocal* nonlocal) {
  for (const Identifier& id : nonlocal->names) {
    std::string name(id.name.text());
    if (scope_ == moduleScopeId) {
      contextError(id.range, "nonlocal declaration not allowed at module level");
      continue;
    }
    SymbolId existing = index_.localSymbol(scope_, id.name);
    if (existing != noId && index_.symbol(existing).has(SymbolParameter)) {
      contextError(id.range, "name '" + name + "' is parameter and nonlocal");
      continue;
    }
    if (existing != noId && index_.symbol(existing).has(SymbolGlobal)) {
      contextError(id.range, "name '" + name + "' is nonlocal and global");
      continue;
    }
    if (existing != noId && index_.symbol(existing).has(SymbolBound)) {
      contextError(id.range, "name '" + name + "' is assigned to before nonlocal declaration");
    } else {
      for (size_t i = functionReferenceStart_; i < index_.references().size(); ++i) {
        const Reference& ref = index_.references()[i];
        if (ref.scope == scope_ && ref.isName() && ref.name() == id.name) {
          contextError(id.range, "name '" + name + "' is used prior to nonlocal declaration");
          break;
        }
      }
    }
    SymbolId s = index_.addSymbol(scope_, id.name);
    index_.mutableSymbol(s).flags |= SymbolNonlocal;
    nonlocals_.push_back(PendingNonlocal{scope_, id});
  }
}

SymbolId BinderImpl::nonlocalTarget(ScopeId from, Name name) const {
  // The nearest enclosing function scope that binds the name (class bodies do not count).
  for (ScopeId s = index_.scope(from).parent; s != noId && s != moduleScopeId;
       s = index_.scope(s).parent) {
    const Scope& scope = index_.scope(s);
    if (scope.kind == ScopeKind::Class) continue;
    SymbolId id = index_.localSymbol(s, name);
    if (id == noId) continue;
    const Symbol& symbol = index_.symbol(id);
    if (symbol.has(SymbolGlobal)) return noId;
    if (symbol.has(SymbolNonlocal)) continue;
    if (symbol.has(SymbolBound)) return id;
  }
  return noId;
}

void BinderImpl::checkNonlocals() {
  for (const PendingNonlocal& n : nonlocals_)
    if (nonlocalTarget(n.scope, n.name.name) == noId)
      contextError(n.name.range,
                   "no binding for nonlocal '" + std::string(n.name.name.text()) + "' found");
}

// ---- __all__ -----------------------------------------------------------------------------

namespace {

// Adds the names of a `__all__` value; false when it is not a form read statically.
bool collectDunderAll(const Expr* value, DunderAll& all) {
  if (!value) return false;
  if (auto* list = value->as<ListExpr>()) {
    bool ok = true;
    for (const Expr* e : list->elts) ok &= collectDunderAll(e, all);
    return ok;
  }
  if (auto* tuple = value->as<Tuple>()) {
    bool ok = true;
    for (const Expr* e : tuple->elts) ok &= collectDunderAll(e, all);
    return ok;
  }
  if (auto* s = value->as<StringLiteral>()) {
    all.names.push_back(intern(s->value));
    all.nameRanges.push_back(s->range);
    return true;
  }
  if (auto* bin = value->as<BinOp>(); bin && bin->op == BinaryOperator::Add) {
    // Both sides are collected even when the left one is not understood.
    bool left = collectDunderAll(bin->left, all);
    bool right = collectDunderAll(bin->right, all);
    return left && right;
  }
  // `m.__all__`: the names of another module's __all__.
  if (auto* attr = value->as<Attribute>(); attr && attr->attr.name == names::dunderAll) {
    if (auto* base = attr->value->as<NameExpr>()) {
      all.includedModules.push_back(base->id);
      return true;
    }
  }
  return false;
}

bool isDunderAll(const Expr* e) {
  auto* n = e ? e->as<NameExpr>() : nullptr;
  return n && n->id == names::dunderAll;
}

} // namespace

void BinderImpl::noteDunderAll(const Stmt* stmt) {
  if (unreachable()) return;
  DunderAll& all = index_.mutableDunderAll();
  if (auto* assign = stmt->as<Assign>()) {
    for (const Expr* target : assign->targets) {
      if (!isDunderAll(target)) continue;
      all.defined = true;
      all.names.clear();
      all.nameRanges.clear();
      all.includedModules.clear();
      all.understood = collectDunderAll(assign->value, all);
    }
  } else if (auto* ann = stmt->as<AnnAssign>()) {
    if (!isDunderAll(ann->target)) return;
    all.defined = true;
    all.names.clear();
    all.nameRanges.clear();
    all.understood = collectDunderAll(ann->value, all);
  } else if (auto* aug = stmt->as<AugAssign>()) {
    if (!isDunderAll(aug->target)) return;
    if (aug->op != BinaryOperator::Add || !collectDunderAll(aug->value, all))
      all.understood = false;
  } else if (auto* expr = stmt->as<ExprStmt>()) {
    auto* call = expr->value->as<Call>();
    auto* method = call ? call->func->as<Attribute>() : nullptr;
    if (!method || !isDunderAll(method->value)) return;
    if (call->args.size() != 1 || !call->keywords.empty()) {
      all.understood = false;
      return;
    }
    const Expr* arg = call->args[0];
    Name verb = method->attr.name;
    if (verb == names::append) {
      if (!collectDunderAll(arg->is<StringLiteral>() ? arg : nullptr, all)) all.understood = false;
    } else if (verb == names::extend) {
      if (!collectDunderAll(arg, all)) all.understood = false;
    } else if (verb == names::remove) {
      auto* s = arg->as<StringLiteral>();
      if (!s) {
        all.understood = false;
        return;
      }
      Name gone = intern(s->value);
      for (size_t i = 0; i < all.names.size(); ++i)
        if (all.names[i] == gone) {
          all.names.erase(all.names.begin() + static_cast<std::ptrdiff_t>(i));
          all.nameRanges.erase(all.nameRanges.begin() + static_cast<std::ptrdiff_t>(i));
          break;
        }
    } else {
      all.understood = false;
    }
  }
}

} // namespace shrike::checker::bind
