// BinderExpressions: the binder's walk over expressions, assignment targets and match
// patterns — references, conditions, comprehension and lambda scopes, annotations.
#include <algorithm>

#include "checker/bind/BinderImpl.h"
#include "checker/bind/TypeComments.h"
#include "parser/AstLowering.h"

namespace shrike::checker::bind {

using namespace parser;

// ---- symbols and flow --------------------------------------------------------------------

ScopeId BinderImpl::enclosingFunction() const {
  ScopeId s = scope_;
  while (s != noId) {
    const Scope& sc = index_.scope(s);
    if (sc.kind == ScopeKind::Function || sc.kind == ScopeKind::Lambda) return s;
    if (sc.kind != ScopeKind::Comprehension && sc.kind != ScopeKind::TypeParams) return noId;
    s = sc.parent;
  }
  return noId;
}

DeclId BinderImpl::declare(Name name, TextRange nameRange, ScopeId scope, DeclarationKind kind,
                           const Node* node, uint16_t flags) {
  SymbolId local = index_.localSymbol(scope, name);
  SymbolId target = local;
  if (local != noId && index_.symbol(local).has(SymbolGlobal)) {
    target = index_.addSymbol(moduleScopeId, name);
  } else if (local != noId && index_.symbol(local).has(SymbolNonlocal)) {
    SymbolId outer = nonlocalTarget(scope, name);
    if (outer != noId) target = outer;
  } else if (local == noId) {
    target = index_.addSymbol(scope, name);
  }
  index_.mutableSymbol(target).flags |= SymbolBound;
  Declaration d;
  d.kind = kind;
  d.flags = static_cast<uint16_t>(flags | ruledOutFlag());
  d.scope = scope_;
  d.nameRange = nameRange;
  d.node = node;
  return index_.addDeclaration(target, d);
}

FlowId BinderImpl::addAssignment(KeyId key, uint32_t declOrSymbol, const Node* node,
                                 uint8_t flags) {
  if (unreachable()) return FlowGraph::unreachable;
  // Not an exception point: the value assigned was computed by then; an exception in the
  // handlers sees the names as they were before the calls (pyright does the same).
  current_ = flow_.add(FlowKind::Assignment, current_, node, key, declOrSymbol, flags);
  return current_;
}

void BinderImpl::assignName(DeclId decl, const Expr* target, uint8_t flowFlags) {
  const Declaration& d = index_.declaration(decl);
  Name name = index_.symbol(d.symbol).name;
  FlowId node = addAssignment(nameKey(name), decl,
                              target ? static_cast<const Node*>(target) : d.node, flowFlags);
  index_.mutableDeclaration(decl).flow = node;
  if (target) addReference(target, nameKey(name), RefStore, index_.declaration(decl).symbol);
}

size_t BinderImpl::addReference(const Expr* expr, KeyId key, uint8_t flags, SymbolId symbol) {
  Reference ref;
  ref.node = expr;
  ref.scope = scope_;
  ref.flow = current_;
  ref.key = key;
  ref.symbol = symbol;
  uint8_t all = flags;
  if (forwardDepth_) all |= RefForward;
  if (annotationDepth_) all |= RefAnnotation;
  if (stringAnnotationDepth_) all |= RefStringAnnotation;
  if (unreachable()) all |= RefUnreachable;
  ref.flags = all;
  return index_.addReference(ref);
}

// ---- expressions -------------------------------------------------------------------------

KeyId BinderImpl::visitExpr(const Expr* e) {
  if (!e) return noId;
  switch (e->kind) {
  case NodeKind::NameExpr: return visitName(static_cast<const NameExpr*>(e));
  case NodeKind::Attribute: return visitAttribute(static_cast<const Attribute*>(e));
  case NodeKind::Subscript: return visitSubscript(static_cast<const Subscript*>(e));
  case NodeKind::Call: visitCall(static_cast<const Call*>(e)); return noId;
  case NodeKind::BoolOp: visitBoolOpValue(static_cast<const BoolOp*>(e)); return noId;
  case NodeKind::NamedExpr: visitNamedExpr(static_cast<const NamedExpr*>(e)); return noId;
  case NodeKind::BinOp: {
    auto* b = static_cast<const BinOp*>(e);
    visitExpr(b->left);
    visitExpr(b->right);
    return noId;
  }
  case NodeKind::UnaryOp: visitExpr(static_cast<const UnaryOp*>(e)->operand); return noId;
  case NodeKind::Lambda: visitLambda(static_cast<const Lambda*>(e)); return noId;
  case NodeKind::IfExp: visitIfExp(static_cast<const IfExp*>(e)); return noId;
  case NodeKind::Dict: {
    auto* d = static_cast<const Dict*>(e);
    for (size_t i = 0; i < d->values.size(); ++i) {
      if (i < d->keys.size() && d->keys[i]) visitExpr(d->keys[i]);
      visitExpr(d->values[i]);
    }
    return noId;
  }
  case NodeKind::Set: visitExprs(static_cast<const Set*>(e)->elts); return noId;
  case NodeKind::List: visitExprs(static_cast<const ListExpr*>(e)->elts); return noId;
  case NodeKind::Tuple: visitExprs(static_cast<const Tuple*>(e)->elts); return noId;
  case NodeKind::ListComp:
    visitComprehension(e, static_cast<const ListComp*>(e)->generators);
    return noId;
  case NodeKind::SetComp:
    visitComprehension(e, static_cast<const SetComp*>(e)->generators);
    return noId;
  case NodeKind::DictComp:
    visitComprehension(e, static_cast<const DictComp*>(e)->generators);
    return noId;
  case NodeKind::GeneratorExp:
    visitComprehension(e, static_cast<const GeneratorExp*>(e)->generators);
    return noId;
  case NodeKind::Await: visitAwait(static_cast<const Await*>(e)); return noId;
  case NodeKind::Yield:
  case NodeKind::YieldFrom: visitYield(e); return noId;
  case NodeKind::Compare: {
    auto* c = static_cast<const Compare*>(e);
    visitExpr(c->left);
    visitExprs(c->comparators);
    return noId;
  }
  case NodeKind::FString: visitExprs(static_cast<const FString*>(e)->values); return noId;
  case NodeKind::FormattedValue: {
    auto* f = static_cast<const FormattedValue*>(e);
    visitExpr(f->value);
    if (f->formatSpec) visitExpr(f->formatSpec);
    return noId;
  }
  case NodeKind::StringLiteral:
    visitStringLiteral(static_cast<const StringLiteral*>(e));
    return noId;
  case NodeKind::Starred: visitExpr(static_cast<const Starred*>(e)->value); return noId;
  case NodeKind::Slice: {
    auto* s = static_cast<const Slice*>(e);
    visitExpr(s->lower);
    visitExpr(s->upper);
    visitExpr(s->step);
    return noId;
  }
  case NodeKind::ErrorExpr: visitExprs(static_cast<const ErrorExpr*>(e)->children); return noId;
  default: return noId;
  }
}

KeyId BinderImpl::visitName(const NameExpr* name) {
  KeyId key = nameKey(name->id);
  addReference(name, key, 0);
  if (name->id == names::super || name->id == names::dunderClass) {
    ScopeId f = enclosingFunction();
    if (f != noId) index_.mutableScope(f).flags |= ScopeUsesSuper;
  }
  return key;
}

KeyId BinderImpl::visitAttribute(const Attribute* attribute) {
  KeyId base = visitExpr(attribute->value);
  if (base == noId || !attribute->attr ||
      index_.keys().key(base).depth + 1 >= ReferenceKeys::maxDepth)
    return noId;
  KeyId key = index_.mutableKeys().intern(base, KeyPart::Attribute, attribute->attr.name.id);
  addReference(attribute, key, 0);
  return key;
}

namespace {

// `Literal[...]` holds values, not annotations; `Annotated[T, ...]` only its first argument.
enum class SubscriptForm : uint8_t { Other, Literal, Annotated };

SubscriptForm subscriptForm(const Expr* base, const std::vector<Name>& literalAliases) {
  Name name;
  if (auto* n = base->as<NameExpr>()) name = n->id;
  if (auto* a = base->as<Attribute>()) name = a->attr.name;
  if (!name) return SubscriptForm::Other;
  std::string_view text = name.text();
  if (text == "Literal" ||
      std::find(literalAliases.begin(), literalAliases.end(), name) != literalAliases.end())
    return SubscriptForm::Literal;
  if (text == "Annotated") return SubscriptForm::Annotated;
  return SubscriptForm::Other;
}

} // namespace

KeyId BinderImpl::visitSubscript(const Subscript* subscript) {
  KeyId base = visitExpr(subscript->value);
  if (annotationDepth_ && subscript->slice) {
    SubscriptForm form = subscriptForm(subscript->value, literalAliases_);
    if (form == SubscriptForm::Literal) {
      uint32_t saved = annotationDepth_;
      annotationDepth_ = 0;
      visitExpr(subscript->slice);
      annotationDepth_ = saved;
    } else if (form == SubscriptForm::Annotated && subscript->slice->is<Tuple>()) {
      auto* t = static_cast<const Tuple*>(subscript->slice);
      uint32_t saved = annotationDepth_;
      for (size_t i = 0; i < t->elts.size(); ++i) {
        annotationDepth_ = i == 0 ? saved : 0;
        visitExpr(t->elts[i]);
      }
      annotationDepth_ = saved;
    } else {
      visitExpr(subscript->slice);
    }
  } else {
    visitExpr(subscript->slice);
  }
  KeyPart part;
  int64_t value;
  if (base == noId || !literalIndex(subscript->slice, part, value) ||
      index_.keys().key(base).depth + 1 >= ReferenceKeys::maxDepth)
    return noId;
  KeyId key = index_.mutableKeys().intern(base, part, value);
  addReference(subscript, key, 0);
  return key;
}

void BinderImpl::visitCall(const Call* call) {
  visitExpr(call->func);
  visitExprs(call->args);
  for (const Keyword* k : call->keywords) visitExpr(k->value);
  if (!unreachable()) {
    current_ = flow_.add(FlowKind::Call, current_, call);
    noteExceptionPoint();
  }
}

void BinderImpl::visitCondition(const Expr* expr, FlowId trueTarget, FlowId falseTarget) {
  if (auto* u = expr->as<UnaryOp>(); u && u->op == UnaryOperator::Not) {
    visitCondition(u->operand, falseTarget, trueTarget);
    return;
  }
  if (auto* b = expr->as<BoolOp>()) {
    bool isAnd = b->op == BoolOperator::And;
    for (size_t i = 0; i + 1 < b->values.size(); ++i) {
      FlowId next = newLabel();
      if (isAnd)
        visitCondition(b->values[i], next, falseTarget);
      else
        visitCondition(b->values[i], trueTarget, next);
      current_ = finishLabel(next);
    }
    if (!b->values.empty()) visitCondition(b->values.back(), trueTarget, falseTarget);
    return;
  }
  visitExpr(expr);
  StaticValue value = static_.evaluate(expr);
  if (value == StaticValue::True) {
    addAntecedent(trueTarget, current_);
  } else if (value == StaticValue::False) {
    addAntecedent(falseTarget, current_);
  } else if (!unreachable()) {
    addAntecedent(trueTarget, flow_.add(FlowKind::Condition, current_, expr));
    addAntecedent(falseTarget,
                  flow_.add(FlowKind::Condition, current_, expr, noId, noId, FlowNegative));
  }
}

void BinderImpl::visitBoolOpValue(const BoolOp* op) {
  // `a and b`: b runs only where a is true, and the value is a's where a is false.
  bool isAnd = op->op == BoolOperator::And;
  FlowId post = newLabel();
  for (size_t i = 0; i + 1 < op->values.size(); ++i) {
    FlowId next = newLabel();
    if (isAnd)
      visitCondition(op->values[i], next, post);
    else
      visitCondition(op->values[i], post, next);
    current_ = finishLabel(next);
  }
  if (!op->values.empty()) visitExpr(op->values.back());
  addAntecedent(post, current_);
  current_ = finishLabel(post);
}

void BinderImpl::visitIfExp(const IfExp* expr) {
  FlowId body = newLabel(), orelse = newLabel(), post = newLabel();
  visitCondition(expr->test, body, orelse);
  current_ = finishLabel(body);
  visitExpr(expr->body);
  addAntecedent(post, current_);
  current_ = finishLabel(orelse);
  visitExpr(expr->orelse);
  addAntecedent(post, current_);
  current_ = finishLabel(post);
}

void BinderImpl::visitLambda(const Lambda* lambda) {
  if (lambda->parameters)
    for (const Parameter* p : lambda->parameters->parameters)
      if (p->defaultValue) visitExpr(p->defaultValue);
  ScopeId ls = index_.addScope(ScopeKind::Lambda, scope_, lambda);
  index_.mapScope(lambda, ls);
  index_.mutableScope(ls).definedAt = current_;
  deferred_.push_back(Deferred{lambda, ls, unreachable(), ruledOutDepth_ > 0});
}

void BinderImpl::visitComprehension(const Expr* expr, List<Comprehension*> generators) {
  if (generators.empty()) return;
  // The first iterable is evaluated in the enclosing scope; everything else in the new one.
  visitExpr(generators[0]->iter);
  ScopeId outer = scope_;
  ScopeId cs = index_.addScope(ScopeKind::Comprehension, scope_, expr);
  index_.mapScope(expr, cs);
  bool isGenerator = expr->is<GeneratorExp>();
  if (isGenerator) index_.mutableScope(cs).flags |= ScopeGenerator;
  scope_ = cs;
  FlowId post = newLabel(); // the comprehension may run its body no time at all
  bool isAsync = false;
  for (size_t i = 0; i < generators.size(); ++i) {
    const Comprehension* gen = generators[i];
    isAsync |= gen->isAsync;
    if (i > 0) visitExpr(gen->iter);
    addAntecedent(post, current_);
    bindTarget(gen->target);
    for (const Expr* cond : gen->ifs) {
      FlowId pass = newLabel();
      visitCondition(cond, pass, post);
      current_ = finishLabel(pass);
    }
  }
  if (auto* l = expr->as<ListComp>()) visitExpr(l->elt);
  if (auto* s = expr->as<SetComp>()) visitExpr(s->elt);
  if (auto* g = expr->as<GeneratorExp>()) visitExpr(g->elt);
  if (auto* d = expr->as<DictComp>()) {
    visitExpr(d->key);
    visitExpr(d->value);
  }
  addAntecedent(post, current_);
  current_ = finishLabel(post);
  scope_ = outer;

  isAsync |= (index_.scope(cs).flags & ScopeAsync) != 0;
  if (!isAsync) return;
  index_.mutableScope(cs).flags |= ScopeAsync;
  if (isGenerator) return; // an asynchronous generator expression is fine anywhere
  const Scope& parent = index_.scope(outer);
  if (parent.kind == ScopeKind::Comprehension && options_.version >= PythonVersion{3, 11}) {
    index_.mutableScope(outer).flags |= ScopeAsync; // the outer one becomes asynchronous
    return;
  }
  ScopeId f = enclosingFunction();
  bool inAsyncFunction = f != noId && (index_.scope(f).flags & ScopeAsync) &&
                         index_.scope(f).kind == ScopeKind::Function;
  if (!inAsyncFunction || parent.kind == ScopeKind::Class)
    contextError(expr->range, "asynchronous comprehension outside of an asynchronous function");
}

void BinderImpl::visitNamedExpr(const NamedExpr* named) {
  visitExpr(named->value);
  auto* target = named->target ? named->target->as<NameExpr>() : nullptr;
  if (!target) {
    visitExpr(named->target);
    return;
  }
  // In a comprehension the name binds in the nearest enclosing scope that is not one.
  ScopeId s = scope_;
  while (index_.scope(s).kind == ScopeKind::Comprehension) {
    SymbolId iter = index_.localSymbol(s, target->id);
    if (iter != noId && index_.symbol(iter).has(SymbolBound)) {
      contextError(target->range,
                   "assignment expression cannot rebind comprehension iteration variable '" +
                       std::string(target->id.text()) + "'");
      break;
    }
    s = index_.scope(s).parent;
  }
  if (s != scope_ && index_.scope(s).kind == ScopeKind::Class)
    contextError(named->range,
                 "assignment expression within a comprehension cannot be used in a class body");
  DeclId decl = declare(target->id, target->range, s, DeclarationKind::Variable, target);
  assignName(decl, target);
}

void BinderImpl::visitAwait(const Await* await) {
  const Scope& s = scope();
  if (s.kind == ScopeKind::Module || s.kind == ScopeKind::Class) {
    // Jupyter-style top-level await is not Python.
    contextError(await->range, "'await' outside function");
  } else if (s.kind == ScopeKind::Comprehension) {
    index_.mutableScope(scope_).flags |= ScopeAsync;
  } else if ((s.kind == ScopeKind::Function || s.kind == ScopeKind::Lambda) &&
             !(s.flags & ScopeAsync)) {
    contextError(await->range, "'await' outside async function");
  }
  visitExpr(await->value);
}

void BinderImpl::visitYield(const Expr* yield) {
  const Scope& s = scope();
  if (s.kind == ScopeKind::Comprehension) {
    std::string_view what = s.node->is<ListComp>()   ? "list comprehension"
                            : s.node->is<SetComp>()  ? "set comprehension"
                            : s.node->is<DictComp>() ? "dict comprehension"
                                                     : "generator expression";
    contextError(yield->range, "'yield' inside " + std::string(what));
  } else if (s.kind == ScopeKind::Function || s.kind == ScopeKind::Lambda) {
    index_.mutableScope(scope_).flags |= ScopeGenerator;
  } else if (s.kind == ScopeKind::TypeParams) {
    contextError(yield->range, "'yield' is not allowed in a type annotation scope");
  } else {
    contextError(yield->range, "'yield' outside function");
  }
  if (auto* y = yield->as<Yield>()) visitExpr(y->value);
  if (auto* y = yield->as<YieldFrom>()) visitExpr(y->value);
}

// ---- annotations -------------------------------------------------------------------------

bool BinderImpl::annotationsDeferred() const {
  return options_.isStub || index_.has(ModuleFutureAnnotations) ||
         options_.version >= PythonVersion{3, 14};
}

void BinderImpl::visitAnnotation(const Expr* annotation, bool deferred) {
  if (!annotation) return;
  ++annotationDepth_;
  forwardDepth_ += deferred;
  visitExpr(annotation);
  forwardDepth_ -= deferred;
  --annotationDepth_;
}

void BinderImpl::visitStringLiteral(const StringLiteral* literal) {
  // A string in an annotation is a forward reference: parse it and bind what it names.
  if (!annotationDepth_ || stringAnnotationDepth_ || literal->contentRange.length() == 0 ||
      (literal->flags & (StringConcatenated | StringHasEscapes)))
    return;
  std::vector<SyntaxError> errors;
  Expr* parsed =
      parseExpression(index_.arena(), literal->value, literal->contentRange.start, errors);
  if (!parsed) return;
  parsed->parent = const_cast<StringLiteral*>(literal);
  index_.mapStringAnnotation(literal, parsed);
  for (SyntaxError& e : errors) contextError(e.range, std::move(e.message));
  ++forwardDepth_;
  ++stringAnnotationDepth_;
  visitExpr(parsed);
  --stringAnnotationDepth_;
  --forwardDepth_;
}

void BinderImpl::bindSignatureTypeComments(const FunctionDef* def, bool isInstanceLikeMethod) {
  SignatureTypeComments found = findSignatureTypeComments(options_.source, def);
  if (found.perParameter.empty() && !found.hasFunctionComment) return;
  const auto& params = def->parameters->parameters;
  // pyright pairs the comment's entries with its parameter list, where a bare `*` and the
  // `/` are entries too (noId here); in a method (not a staticmethod) the first parameter is
  // skipped unless the comment has an entry for every one.
  std::vector<uint32_t> slots;
  bool sawStar = false;
  for (uint32_t i = 0; i < params.size(); ++i) {
    ParameterKind kind = params[i]->parameterKind;
    if (kind == ParameterKind::KeywordOnly && !sawStar) slots.push_back(noId);
    sawStar |= kind == ParameterKind::VarPositional || kind == ParameterKind::KeywordOnly;
    slots.push_back(i);
    if (kind == ParameterKind::PositionalOnly &&
        (i + 1 == params.size() || params[i + 1]->parameterKind != ParameterKind::PositionalOnly))
      slots.push_back(noId);
  }
  bool useEntries = found.hasFunctionComment && !found.parametersElided;
  size_t received = found.parameterEntries.size();
  size_t first = isInstanceLikeMethod ? 1 : 0;
  if (first > 0 && received == slots.size()) first = 0;
  for (size_t g = 0; g < slots.size(); ++g) {
    if (slots[g] == noId) continue;
    const Parameter* p = params[slots[g]];
    if (p->annotation) continue;
    if (!found.perParameter.empty() && found.perParameter[slots[g]].length() > 0)
      bindTypeComment(p, found.perParameter[slots[g]]);
    else if (useEntries && g >= first && g - first < received)
      bindTypeComment(p, found.parameterEntries[g - first]);
  }
  if (!def->returns && found.hasFunctionComment) bindTypeComment(def, found.returns);
}

void BinderImpl::bindTypeComment(const Node* owner, TextRange text) {
  std::vector<SyntaxError> errors;
  Expr* parsed = parseExpression(index_.arena(), options_.source.substr(text.start, text.length()),
                                 text.start, errors);
  for (SyntaxError& e : errors) contextError(e.range, std::move(e.message));
  if (!parsed || parsed->is<ErrorExpr>()) return;
  parsed->parent = const_cast<Node*>(owner);
  index_.mapTypeComment(owner, parsed);
  // Read as a string annotation: it may name later bindings.
  ++stringAnnotationDepth_;
  visitAnnotation(parsed, true);
  --stringAnnotationDepth_;
}

void BinderImpl::bindTypeParams(List<TypeParam*> params) {
  for (const TypeParam* p : params) {
    if (!p->name) continue;
    DeclId decl = declare(p->name.name, p->name.range, scope_, DeclarationKind::TypeParameter, p);
    assignName(decl, nullptr);
  }
  // Bounds, constraints and defaults are evaluated lazily: they may name later bindings.
  for (const TypeParam* p : params) {
    if (p->bound) visitAnnotation(p->bound, true);
    if (p->defaultValue) visitAnnotation(p->defaultValue, true);
  }
}

// ---- targets -----------------------------------------------------------------------------

void BinderImpl::noteInstanceMember(const Attribute* target, uint16_t declFlags) {
  // `self.x = ...` in a method declares x on the class (`cls.x` in a classmethod); so does
  // `self.x += ...` (declFlags DeclAugmented), as in pyright.
  auto* base = target->value->as<NameExpr>();
  if (!base || !target->attr) return;
  ScopeId f = enclosingFunction();
  if (f == noId || f != scope_) return;
  for (const MethodInfo& m : methods_) {
    if (m.scope != f || m.self != base->id) continue;
    ScopeId cls = index_.scope(f).parent;
    while (cls != noId && index_.scope(cls).kind == ScopeKind::TypeParams)
      cls = index_.scope(cls).parent;
    if (cls == noId || index_.scope(cls).kind != ScopeKind::Class) return;
    SymbolId symbol = index_.addSymbol(cls, target->attr.name);
    index_.mutableSymbol(symbol).flags |=
        m.isClassMethod ? SymbolClassMember : SymbolInstanceMember;
    Declaration d;
    d.kind = DeclarationKind::Variable;
    d.flags = static_cast<uint16_t>((m.isClassMethod ? DeclClassMember : DeclInstanceMember) |
                                    ruledOutFlag() | declFlags);
    d.scope = scope_;
    d.nameRange = target->attr.range;
    d.node = target;
    if (auto* ann = target->parent ? target->parent->as<AnnAssign>() : nullptr;
        ann && ann->target == target)
      d.flags |= DeclAnnotated;
    index_.addDeclaration(symbol, d);
    return;
  }
}

void BinderImpl::bindTarget(const Expr* target, uint16_t declFlags) {
  if (!target) return;
  switch (target->kind) {
  case NodeKind::NameExpr: {
    auto* name = static_cast<const NameExpr*>(target);
    DeclId decl =
        declare(name->id, name->range, scope_, DeclarationKind::Variable, name, declFlags);
    assignName(decl, name);
    break;
  }
  case NodeKind::Tuple:
    for (const Expr* e : static_cast<const Tuple*>(target)->elts) bindTarget(e, declFlags);
    break;
  case NodeKind::List:
    for (const Expr* e : static_cast<const ListExpr*>(target)->elts) bindTarget(e, declFlags);
    break;
  case NodeKind::Starred: bindTarget(static_cast<const Starred*>(target)->value, declFlags); break;
  case NodeKind::Attribute: {
    auto* attr = static_cast<const Attribute*>(target);
    KeyId base = visitExpr(attr->value);
    noteInstanceMember(attr);
    if (base == noId || !attr->attr || index_.keys().key(base).depth + 1 >= ReferenceKeys::maxDepth)
      break;
    KeyId key = index_.mutableKeys().intern(base, KeyPart::Attribute, attr->attr.name.id);
    addAssignment(key, noId, attr, 0);
    addReference(attr, key, RefStore);
    break;
  }
  case NodeKind::Subscript: {
    auto* sub = static_cast<const Subscript*>(target);
    KeyId base = visitExpr(sub->value);
    visitExpr(sub->slice);
    KeyPart part;
    int64_t value;
    if (base == noId || !literalIndex(sub->slice, part, value) ||
        index_.keys().key(base).depth + 1 >= ReferenceKeys::maxDepth)
      break;
    KeyId key = index_.mutableKeys().intern(base, part, value);
    addAssignment(key, noId, sub, 0);
    addReference(sub, key, RefStore);
    break;
  }
  default: visitExpr(target); break;
  }
}

void BinderImpl::bindDeleteTarget(const Expr* target) {
  if (!target) return;
  switch (target->kind) {
  case NodeKind::NameExpr: {
    auto* name = static_cast<const NameExpr*>(target);
    KeyId key = nameKey(name->id);
    // `del x` makes x local, like an assignment does.
    SymbolId local = index_.localSymbol(scope_, name->id);
    SymbolId symbol = local;
    if (local != noId && index_.symbol(local).has(SymbolGlobal))
      symbol = index_.addSymbol(moduleScopeId, name->id);
    else if (local != noId && index_.symbol(local).has(SymbolNonlocal))
      symbol = nonlocalTarget(scope_, name->id) != noId ? nonlocalTarget(scope_, name->id) : local;
    else if (local == noId)
      symbol = index_.addSymbol(scope_, name->id);
    index_.mutableSymbol(symbol).flags |= SymbolBound;
    addReference(name, key, RefDel, symbol);
    addAssignment(key, symbol, name, FlowUnbind);
    break;
  }
  case NodeKind::Tuple:
    for (const Expr* e : static_cast<const Tuple*>(target)->elts) bindDeleteTarget(e);
    break;
  case NodeKind::List:
    for (const Expr* e : static_cast<const ListExpr*>(target)->elts) bindDeleteTarget(e);
    break;
  case NodeKind::Attribute:
  case NodeKind::Subscript: {
    KeyId key = noId;
    if (auto* attr = target->as<Attribute>()) {
      KeyId base = visitExpr(attr->value);
      if (base != noId && attr->attr && index_.keys().key(base).depth + 1 < ReferenceKeys::maxDepth)
        key = index_.mutableKeys().intern(base, KeyPart::Attribute, attr->attr.name.id);
    } else {
      auto* sub = static_cast<const Subscript*>(target);
      KeyId base = visitExpr(sub->value);
      visitExpr(sub->slice);
      KeyPart part;
      int64_t value;
      if (base != noId && literalIndex(sub->slice, part, value) &&
          index_.keys().key(base).depth + 1 < ReferenceKeys::maxDepth)
        key = index_.mutableKeys().intern(base, part, value);
    }
    if (key != noId) {
      addReference(target, key, RefDel);
      addAssignment(key, noId, target, FlowUnbind);
    }
    break;
  }
  default: visitExpr(target); break;
  }
}

// ---- patterns ----------------------------------------------------------------------------

void BinderImpl::bindCapture(const Identifier& name, const Node* node) {
  if (!name) return;
  DeclId decl = declare(name.name, name.range, scope_, DeclarationKind::Variable, node);
  assignName(decl, nullptr);
}

bool BinderImpl::isIrrefutable(const Pattern* pattern) const {
  if (!pattern) return false;
  if (auto* as = pattern->as<MatchAs>()) return !as->pattern || isIrrefutable(as->pattern);
  if (auto* alt = pattern->as<MatchOr>()) {
    for (const Pattern* p : alt->patterns)
      if (isIrrefutable(p)) return true;
  }
  return false;
}

void BinderImpl::bindPattern(const Pattern* pattern) {
  if (!pattern) return;
  switch (pattern->kind) {
  case NodeKind::MatchValue: visitExpr(static_cast<const MatchValue*>(pattern)->value); break;
  case NodeKind::MatchSingleton: break;
  case NodeKind::MatchSequence:
    for (const Pattern* p : static_cast<const MatchSequence*>(pattern)->patterns) bindPattern(p);
    break;
  case NodeKind::MatchMapping: {
    auto* m = static_cast<const MatchMapping*>(pattern);
    visitExprs(m->keys);
    for (const Pattern* p : m->patterns) bindPattern(p);
    bindCapture(m->rest, m);
    break;
  }
  case NodeKind::MatchClass: {
    auto* m = static_cast<const MatchClass*>(pattern);
    visitExpr(m->cls);
    for (const Pattern* p : m->patterns) bindPattern(p);
    for (const Pattern* p : m->kwdPatterns) bindPattern(p);
    break;
  }
  case NodeKind::MatchStar:
    bindCapture(static_cast<const MatchStar*>(pattern)->name, pattern);
    break;
  case NodeKind::MatchAs: {
    auto* m = static_cast<const MatchAs*>(pattern);
    bindPattern(m->pattern);
    bindCapture(m->name, m);
    break;
  }
  case NodeKind::MatchOr: {
    // Each alternative is a path of its own; they join after the pattern.
    auto* m = static_cast<const MatchOr*>(pattern);
    FlowId start = current_, join = newLabel();
    for (const Pattern* p : m->patterns) {
      current_ = start;
      bindPattern(p);
      addAntecedent(join, current_);
    }
    current_ = finishLabel(join);
    break;
  }
  default: break;
  }
}

} // namespace shrike::checker::bind
