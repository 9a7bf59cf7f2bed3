// Checker: walks every statement of a module, asking the evaluator for the type of each
// expression (which reports what it finds) and checking assignments and returns.
#include "checker/check/Checker.h"

#include <algorithm>

#include "checker/check/DataclassChecks.h"
#include "checker/check/DefinitionChecks.h"
#include "checker/check/FinalChecks.h"
#include "checker/check/SlotsChecks.h"
#include "checker/infer/EvaluatorImpl.h"

namespace shrike::checker {

using namespace parser;

namespace {

class CheckWalker {
public:
  CheckWalker(EvaluatorImpl& e, ModuleTypes& mt, InferenceBudget& budget)
      : e_(e), mt_(mt), budget_(budget) {}

  void block(List<Stmt*> body) {
    for (const Stmt* s : body) {
      bool wasExhausted = budget_.exhausted(), wasDeep = budget_.depthLimited();
      statement(s);
      // A chain of calls deeper than the depth limit: settled from its far end, the statement
      // is checked again with the chain's return types known.
      if (budget_.depthLimited() && !wasDeep && e_.settleCutReturnTypes()) {
        budget_.restoreDepthLimit(wasDeep);
        statement(s);
      }
      // What follows a return, raise or NoReturn call cannot run: do not check it.
      bool exits = e_.statementAlwaysExits(mt_, s);
      reportLimits(s, wasExhausted, wasDeep);
      if (exits) break;
    }
  }

  // Says where inference first gave up, once per module and reason: the innermost statement
  // that was being checked (inner blocks report before the statement that holds them).
  void reportLimits(const Stmt* s, bool wasExhausted, bool wasDeep) {
    if (budget_.exhausted() && !wasExhausted && !reportedExhausted_) {
      reportedExhausted_ = true;
      e_.report(mt_, Rule::InferenceBudgetExceeded, s->range,
                "Inference stopped here: this module used up its budget of " +
                    std::to_string(budget_.limit()) +
                    " evaluation steps, and what is left of it is Unknown");
    }
    // Code nested past the parser's own limit already has its invalid-syntax; that inference
    // gave up inside it too would only say the same thing again.
    if (budget_.depthLimited() && !wasDeep && !reportedDepth_ && !hasSyntaxError(s->range)) {
      reportedDepth_ = true;
      e_.report(mt_, Rule::InferenceBudgetExceeded, s->range,
                "Inference nested more than " + std::to_string(InferenceBudget::maxDepth) +
                    " levels deep here; the innermost part is Unknown");
    }
  }

  bool hasSyntaxError(TextRange range) const {
    if (!mt_.module.ast) return false;
    const std::vector<SyntaxError>& errors = mt_.module.ast->syntaxErrors; // sorted by start
    auto first = std::lower_bound(
        errors.begin(), errors.end(), range.start,
        [](const SyntaxError& e, uint32_t offset) { return e.range.start < offset; });
    return first != errors.end() && first->range.start < range.end;
  }

  // A lambda's body is checked once the code around it has been, so that its parameters have
  // the types its context gives them (`sorted(xs, key=lambda x: x.name)`). Lambdas in code
  // that cannot run, or that the walk did not reach, are left alone.
  void lambdaBodies() {
    for (const bind::Scope& scope : mt_.index.scopes()) {
      if (scope.kind != bind::ScopeKind::Lambda || !scope.node) continue;
      auto lambda = scope.node->as<Lambda>();
      if (!lambda || !lambda->body || scope.definedAt == bind::FlowGraph::unreachable ||
          mt_.index.isUnreachable(lambda->range.start))
        continue;
      e_.typeOf(mt_, lambda->body);
    }
  }

  void statement(const Stmt* s) {
    switch (s->kind) {
    case NodeKind::ExprStmt:
      // A lone string (a docstring, mostly) has nothing to report: making its literal type
      // would only hash and copy the whole text.
      if (!s->as<ExprStmt>()->value->is<StringLiteral>()) expr(s->as<ExprStmt>()->value);
      break;
    case NodeKind::Assign: assign(s->as<Assign>()); break;
    case NodeKind::AnnAssign: annAssign(s->as<AnnAssign>()); break;
    case NodeKind::AugAssign: augAssign(s->as<AugAssign>()); break;
    case NodeKind::Return: returnStmt(s->as<Return>()); break;
    case NodeKind::FunctionDef: functionDef(s->as<FunctionDef>()); break;
    case NodeKind::ClassDef: classDef(s->as<ClassDef>()); break;
    case NodeKind::If: {
      auto i = s->as<If>();
      expr(i->test);
      block(i->body);
      block(i->orelse);
      break;
    }
    case NodeKind::While: {
      auto w = s->as<While>();
      expr(w->test);
      block(w->body);
      block(w->orelse);
      break;
    }
    case NodeKind::For: {
      auto f = s->as<For>();
      const Type* iterable = expr(f->iter);
      const Type* element = e_.iterate(mt_, iterable, f->iter, f->isAsync, true);
      target(f->target);
      if (element) checkLoopTarget(f->target, element);
      block(f->body);
      block(f->orelse);
      break;
    }
    case NodeKind::With: {
      auto w = s->as<With>();
      for (const WithItem* item : w->items) {
        const Type* manager = expr(item->contextExpr);
        if (!item->optionalVars)
          e_.enterContext(mt_, manager, item->contextExpr, w->isAsync);
        else
          target(item->optionalVars);
      }
      block(w->body);
      break;
    }
    case NodeKind::Try: {
      auto t = s->as<Try>();
      block(t->body);
      for (const ExceptHandler* h : t->handlers) {
        if (h->type) expr(h->type);
        block(h->body);
      }
      block(t->orelse);
      block(t->finalbody);
      break;
    }
    case NodeKind::Raise: {
      auto r = s->as<Raise>();
      if (r->exc) expr(r->exc);
      if (r->cause) expr(r->cause);
      break;
    }
    case NodeKind::Assert: {
      auto a = s->as<Assert>();
      expr(a->test);
      if (a->msg) expr(a->msg);
      break;
    }
    case NodeKind::Delete:
      for (const Expr* t : s->as<Delete>()->targets) {
        if (auto sub = t->as<Subscript>()) {
          const Type* object = expr(sub->value);
          expr(sub->slice);
          for (const Type* m : unionMembersOrSelf(object))
            if (auto td = e_.asTypedDict(m))
              e_.checkTypedDictStore(mt_, td, sub, nullptr, sub->range, true);
        } else if (auto attr = t->as<Attribute>()) {
          expr(attr->value);
        }
      }
      break;
    case NodeKind::Match: {
      auto m = s->as<Match>();
      expr(m->subject);
      for (const MatchCase* c : m->cases) {
        pattern(c->pattern);
        if (c->guard) expr(c->guard);
        block(c->body);
      }
      break;
    }
    case NodeKind::TypeAlias: {
      auto a = s->as<parser::TypeAlias>();
      if (a->value) {
        bind::DeclId decl = mt_.index.declarationOf(a);
        if (decl != bind::noId)
          if (auto alias = e_.typeOfDeclaration(mt_, decl)->as<TypeAliasType>())
            e_.aliasValue(alias);
      }
      break;
    }
    case NodeKind::ErrorStmt:
      for (const Expr* c : s->as<ErrorStmt>()->children) expr(c);
      break;
    default: break;
    }
  }

private:
  const Type* expr(const Expr* e) { return e ? e_.typeOf(mt_, e) : e_.unknown(); }

  void pattern(const Pattern* p) {
    if (!p) return;
    if (auto v = p->as<MatchValue>()) expr(v->value);
    if (auto c = p->as<MatchClass>()) {
      expr(c->cls);
      for (const Pattern* sub : c->patterns) pattern(sub);
      for (const Pattern* sub : c->kwdPatterns) pattern(sub);
    }
    if (auto seq = p->as<MatchSequence>())
      for (const Pattern* sub : seq->patterns) pattern(sub);
    if (auto map = p->as<MatchMapping>()) {
      for (const Expr* k : map->keys) expr(k);
      for (const Pattern* sub : map->patterns) pattern(sub);
    }
    if (auto o = p->as<MatchOr>())
      for (const Pattern* sub : o->patterns) pattern(sub);
    if (auto as = p->as<MatchAs>()) pattern(as->pattern);
  }

  // The declared type of a name target, if any.
  const Type* declaredOfName(const NameExpr* name) {
    const bind::Reference* ref = mt_.index.referenceOf(name);
    if (!ref || ref->symbol == bind::noId) return nullptr;
    return e_.declaredTypeOfSymbol(mt_, ref->symbol);
  }

  // The declared type of an attribute target (x.a = ...) when every member of x's type
  // declares the same one, so that the value is typed with it as its context
  // (logger.handlers = [handler] is a list[Handler]), as pyright does.
  const Type* declaredOfAttribute(const Attribute* attr) {
    if (!attr->attr) return nullptr;
    const Type* declared = nullptr;
    const Type* object = expr(attr->value); // the members' list may refer to it
    for (const Type* m : unionMembersOrSelf(object)) {
      const Type* owner = m;
      if (auto tv = m->as<TypeVarType>(); tv && tv->isSelf() && tv->bound) owner = tv->bound;
      auto inst = owner->as<InstanceType>();
      if (!inst) return nullptr;
      MemberLookup member = e_.lookupClassMember(inst->cls, inst, attr->attr.name, false);
      if (!member.found() || !member.module || member.type->isAnyOrUnknown()) return nullptr;
      const Type* d = e_.declaredTypeOfSymbol(e_.typesOf(*member.module), member.symbol);
      if (!d) return nullptr;
      d = e_.specializeMember(d, member.owner);
      if (d->is<PropertyType>() || (declared && declared != d)) return nullptr;
      declared = d;
    }
    return declared;
  }

  // The value of `x.a = value`, typed in the context of a's declared type. Finding that type
  // may already have typed the value without it (inferring a's type from its assignments),
  // so the contextual type is then taken from a speculative evaluation.
  const Type* attributeValue(const Attribute* attr, const Expr* valueExpr) {
    const Type* declared = declaredOfAttribute(attr);
    const Type* value = e_.typeOf(mt_, valueExpr, declared);
    if (!declared || Assigner(e_).assign(declared, value)) return value;
    EvaluatorImpl::Speculative speculative(e_);
    const Type* contextual = e_.typeOf(mt_, valueExpr, declared);
    return Assigner(e_).assign(declared, contextual) ? contextual : value;
  }

  void checkAssignable(const Type* declared, const Type* assigned, TextRange range) {
    if (!declared || declared->isAnyOrUnknown() || assigned->isAnyOrUnknown()) return;
    Assigner assigner(e_);
    if (assigner.assign(declared, assigned)) return;
    std::string message = "Type \"" + e_.show(assigned) +
                          "\" is not assignable to declared type \"" + e_.show(declared) + "\"";
    if (!assigner.note().empty()) message += "\n  " + assigner.note();
    e_.report(mt_, Rule::InvalidAssignment, range, std::move(message));
  }

  // Each tuple in the value must fit the targets (after an unbounded part and a starred
  // target take up the difference); pyright names every member that does not.
  void checkUnpackedSize(const Expr* t, List<Expr*> elts, const Type* valueType) {
    size_t starIndex = elts.size();
    for (size_t i = 0; i < elts.size(); ++i)
      if (elts[i]->is<Starred>()) starIndex = i;
    const char* shape = t->is<ListExpr>() ? "list" : "tuple";
    std::string members;
    for (const Type* m : unionMembersOrSelf(valueType)) {
      auto inst = m->as<InstanceType>();
      if (!inst || !inst->hasTupleElements()) continue;
      size_t received =
          e_.tupleEntriesForTargets(inst->tupleElements, elts.size(), starIndex, t->is<ListExpr>())
              .size();
      if (received == elts.size()) continue;
      bool starred = starIndex != elts.size();
      members += std::string("\n  Type \"") + e_.show(m) + "\" is incompatible with target " +
                 shape + "\n    Tuple size mismatch; expected " +
                 std::to_string(starred ? elts.size() - 1 : elts.size()) +
                 (starred ? " or more" : "") + " but received " + std::to_string(received);
    }
    if (!members.empty())
      e_.report(mt_, Rule::InvalidAssignment, t->range,
                "Expression with type \"" + e_.show(valueType) +
                    "\" cannot be assigned to target " + shape + members);
  }

  // The size checks of a loop's tuple target (and the tuples nested in it) against each element.
  void checkLoopTarget(const Expr* t, const Type* element) {
    List<Expr*> elts;
    if (auto tuple = t->as<Tuple>())
      elts = tuple->elts;
    else if (auto list = t->as<ListExpr>())
      elts = list->elts;
    else
      return;
    checkUnpackedSize(t, elts, element);
    for (const Expr* el : elts)
      if (el->is<Tuple>() || el->is<ListExpr>())
        checkLoopTarget(el, e_.typeForSubTarget(t, element, el));
  }

  // Setting an attribute on None (or on a union with None, pyright's "optional member
  // access") fails unless NoneType has the attribute.
  void checkNoneTarget(const Attribute* attr, const Type* object) {
    std::string n(attr->attr.name.text());
    if (object->isNone()) {
      if (!e_.memberAccess(object, attr->attr.name))
        e_.report(mt_, Rule::UnresolvedAttribute, attr->attr.range,
                  "Cannot assign to attribute \"" + n + "\" for class \"None\"\n  Attribute \"" +
                      n + "\" is unknown");
      return;
    }
    auto u = object->as<UnionType>();
    if (!u) return;
    for (const Type* m : u->members)
      if (m->isNone() && !e_.memberAccess(m, attr->attr.name))
        e_.report(mt_, Rule::PossiblyUnresolvedAttribute, attr->attr.range,
                  "\"" + n + "\" is not a known attribute of \"None\"");
  }

  // Checks an assignment of `valueType` (from `valueExpr`) to one target.
  void assignTo(const Expr* t, const Expr* valueExpr, const Type* valueType) {
    if (auto name = t->as<NameExpr>()) {
      checkAssignable(declaredOfName(name), valueType, valueExpr ? valueExpr->range : t->range);
      return;
    }
    if (auto attr = t->as<Attribute>()) {
      const Type* object = expr(attr->value);
      if (object->isAnyOrUnknown() || !attr->attr) return;
      checkNoneTarget(attr, object);
      for (const Type* m : unionMembersOrSelf(object)) {
        // `self` in a method is Self@C: whether C's attributes may be set is C's to say.
        const Type* owner = m;
        if (auto tv = m->as<TypeVarType>(); tv && tv->isSelf() && tv->bound) owner = tv->bound;
        if (std::string final = finalAttributeAssignment(e_, owner, attr); !final.empty()) {
          e_.report(mt_, Rule::InvalidAssignment, t->range, std::move(final));
          continue;
        }
        if (auto ownerInst = owner->as<InstanceType>())
          if (std::string slots = slotsAssignment(e_, ownerInst, attr->attr.name); !slots.empty()) {
            e_.report(mt_, Rule::UnresolvedAttribute, t->range, std::move(slots));
            continue;
          }
        // `self.x = v` in a method is checked against x's declared type too (the class's own
        // or a base class's), as pyright does.
        auto inst = owner->as<InstanceType>();
        if (!inst) continue;
        if (std::string frozen = frozenFieldAssignment(e_, inst, attr->attr.name);
            !frozen.empty()) {
          e_.report(mt_, Rule::InvalidAssignment, t->range, std::move(frozen));
          continue;
        }
        MemberLookup member = e_.lookupClassMember(inst->cls, inst, attr->attr.name, false);
        if (!member.found() || !member.module || member.type->isAnyOrUnknown()) continue;
        const Type* declared = e_.declaredTypeOfSymbol(e_.typesOf(*member.module), member.symbol);
        if (!declared) continue;
        declared = e_.specializeMember(declared, member.owner);
        if (declared->is<PropertyType>()) continue;
        Assigner assigner(e_);
        if (!assigner.assign(declared, valueType))
          e_.report(mt_, Rule::InvalidAssignment, valueExpr ? valueExpr->range : t->range,
                    "Type \"" + e_.show(valueType) + "\" is not assignable to attribute \"" +
                        std::string(attr->attr.name.text()) + "\" of class \"" + e_.show(inst) +
                        "\"");
      }
      return;
    }
    if (auto sub = t->as<Subscript>()) {
      const Type* object = expr(sub->value);
      expr(sub->slice);
      for (const Type* m : unionMembersOrSelf(object)) {
        if (m->isAnyOrUnknown() || m->isNever()) continue;
        if (auto td = e_.asTypedDict(m)) {
          e_.checkTypedDictStore(mt_, td, sub, valueType, valueExpr ? valueExpr->range : sub->range,
                                 false);
          continue;
        }
        const Type* setitem = e_.dunderMethod(m, names::dunderSetitem);
        if (!setitem) {
          if (auto inst = m->as<InstanceType>(); inst && hasUnknownBase(inst->cls, e_)) continue;
          e_.report(mt_, Rule::NotSubscriptable, sub->value->range,
                    "\"__setitem__\" method not defined on type \"" + e_.show(m) + "\"");
          continue;
        }
        std::vector<Argument> args(2);
        args[0].expr = sub->slice;
        args[0].range = sub->slice->range;
        args[1].type = valueType;
        args[1].range = valueExpr ? valueExpr->range : sub->range;
        e_.callType(mt_, setitem, args, sub, nullptr, "__setitem__");
      }
      return;
    }
    if (t->is<Tuple>() || t->is<ListExpr>()) {
      // The written value of an unpacking must iterate (nested targets are checked with it).
      if (valueExpr) e_.iterate(mt_, valueType, valueExpr, false, true, false);
      List<Expr*> elts = t->is<Tuple>() ? t->as<Tuple>()->elts : t->as<ListExpr>()->elts;
      for (const Expr* el : elts) {
        const Expr* inner = el->is<Starred>() ? el->as<Starred>()->value : el;
        const Type* part = e_.typeForSubTarget(t, valueType, inner);
        if (inner->is<NameExpr>() || inner->is<Attribute>() || inner->is<Subscript>() ||
            inner->is<Tuple>() || inner->is<ListExpr>())
          assignTo(inner, nullptr, part);
      }
      checkUnpackedSize(t, elts, valueType);
    }
  }

  void target(const Expr* t) {
    // Evaluate the parts of a target that are read (a.b in a.b.c = ..., the index of a[i]).
    if (auto attr = t->as<Attribute>()) expr(attr->value);
    if (auto sub = t->as<Subscript>()) {
      expr(sub->value);
      expr(sub->slice);
    }
    if (auto tuple = t->as<Tuple>())
      for (const Expr* el : tuple->elts) target(el->is<Starred>() ? el->as<Starred>()->value : el);
    if (auto list = t->as<ListExpr>())
      for (const Expr* el : list->elts) target(el->is<Starred>() ? el->as<Starred>()->value : el);
  }

  void assign(const Assign* a) {
    for (const Expr* t : a->targets) {
      const Type* value;
      // The value is typed once, with the first target's declared type as its context.
      if (auto name = a->targets[0]->as<NameExpr>())
        value = e_.typeOf(mt_, a->value, declaredOfName(name));
      else if (auto attr = a->targets[0]->as<Attribute>())
        value = attributeValue(attr, a->value);
      else
        value = expr(a->value);
      assignTo(t, a->value, value);
    }
  }

  void annAssign(const AnnAssign* a) {
    const Type* declared = e_.typeOfAnnotation(mt_, a->annotation);
    checkVariableAnnotation(e_, mt_, a);
    if (!a->target->is<NameExpr>()) target(a->target);
    if (!a->value) return;
    if (e_.annotationHasQualifier(mt_, a->annotation, SpecialForm::TypeAlias)) {
      e_.typeExpression(mt_, a->value, EvalForwardRefs);
      return;
    }
    const Type* value = e_.typeOf(mt_, a->value, declared->isAnyOrUnknown() ? nullptr : declared);
    if (e_.annotationHasQualifier(mt_, a->annotation, SpecialForm::Final) &&
        declared->isAnyOrUnknown())
      return;
    if (a->target->is<NameExpr>())
      checkAssignable(declared, value, a->value->range);
    else
      assignTo(a->target, a->value, value);
  }

  void augAssign(const AugAssign* a) {
    const Type* left = e_.augmentedTargetType(mt_, a->target);
    const Type* right = expr(a->value);
    const Type* result = e_.binaryOperation(mt_, left, right, a->op, a, true);
    if (auto name = a->target->as<NameExpr>())
      checkAssignable(declaredOfName(name), result, a->range);
  }

  void returnStmt(const Return* r) {
    const FunctionDef* fn = nullptr;
    for (const Node* n = r->parent; n; n = n->parent) {
      if ((fn = n->as<FunctionDef>())) break;
      if (n->is<ClassDef>() || n->is<Lambda>()) return;
    }
    const Type* declared = nullptr;
    const Expr* returns = fn ? mt_.index.returnsOf(fn) : nullptr;
    if (returns) {
      declared = e_.typeOfAnnotation(mt_, returns);
      // A generator's return value is the Generator's third argument.
      bind::ScopeId scope = mt_.index.scopeOf(fn);
      bool generator = scope != bind::noId && (mt_.index.scope(scope).flags & bind::ScopeGenerator);
      if (generator) {
        declared = nullptr;
        if (auto inst = e_.typeOfAnnotation(mt_, returns)->as<InstanceType>()) {
          if (const ClassInfo* gen = e_.knownClass(KnownClass::Generator))
            if (auto base = findBase(inst, gen, e_); base && base->typeArgs.size() == 3)
              declared = base->typeArgs[2];
        }
      }
      if (declared && declared->is<TypeGuardType>()) declared = e_.boolType();
    }
    const Type* value = r->value ? e_.typeOf(mt_, r->value, declared) : e_.arena().none();
    if (!declared || declared->isAnyOrUnknown() || value->isAnyOrUnknown()) return;
    Assigner assigner(e_);
    if (assigner.assign(declared, value)) return;
    std::string message = "Type \"" + e_.show(value) + "\" is not assignable to return type \"" +
                          e_.show(declared) + "\"";
    if (!assigner.note().empty()) message += "\n  " + assigner.note();
    e_.report(mt_, Rule::InvalidReturnType, r->value ? r->value->range : r->range,
              std::move(message));
  }

  void functionDef(const FunctionDef* f) {
    for (const Expr* d : f->decorators) expr(d);
    e_.typeOfFunctionDef(mt_, f);
    checkFunctionDefinition(e_, mt_, f);
    for (const parser::Parameter* p :
         f->parameters ? f->parameters->parameters : List<parser::Parameter*>{}) {
      const Expr* annotation = mt_.index.annotationOf(p);
      if (annotation) e_.typeOfAnnotation(mt_, annotation);
      if (p->defaultValue) {
        const Type* declared = annotation ? e_.typeOfAnnotation(mt_, annotation) : nullptr;
        const Type* value = e_.typeOf(mt_, p->defaultValue, declared);
        // `x: int = ...` in a stub or overload is fine.
        if (declared && !p->defaultValue->is<EllipsisLiteral>() && !declared->isAnyOrUnknown() &&
            !value->isAnyOrUnknown() && p->parameterKind != ParameterKind::VarPositional &&
            p->parameterKind != ParameterKind::VarKeyword && !isAssignable(declared, value, e_))
          e_.report(mt_, Rule::InvalidAssignment, p->defaultValue->range,
                    "Expression of type \"" + e_.show(value) +
                        "\" cannot be assigned to parameter of type \"" + e_.show(declared) + "\"");
      }
    }
    if (const Expr* returns = mt_.index.returnsOf(f))
      checkMissingReturn(f, returns, e_.typeOfAnnotation(mt_, returns));
    block(f->body);
  }

  void checkMissingReturn(const FunctionDef* f, const Expr* returns, const Type* declared) {
    if (mt_.module.isStub || declared->isAnyOrUnknown()) return;
    const FunctionType* fn = e_.undecoratedFunction(mt_, f);
    if (fn->has(FunctionStub) || fn->has(FunctionAbstract) || fn->has(FunctionOverload)) return;
    bind::ScopeId scope = mt_.index.scopeOf(f);
    if (scope != bind::noId && (mt_.index.scope(scope).flags & bind::ScopeGenerator)) return;
    if (e_.blockAlwaysExits(mt_, f->body)) return;
    if (declared->isNever()) {
      // NoReturn: falling off the end returns None.
      if (!f->isAsync)
        e_.report(mt_, Rule::InvalidReturnType, returns->range,
                  "Function with declared return type \"" + e_.show(declared) +
                      "\" cannot return \"None\"");
      return;
    }
    if (isAssignable(declared, e_.arena().none(), e_)) return;
    // Methods of protocols and functions in `if TYPE_CHECKING` stubs have no body to speak of.
    if (e_.classOfMethod(f)) {
      if (const ClassInfo* cls = e_.enclosingClass(mt_, f);
          cls && e_.classDetails(cls).has(ClassProtocol))
        return;
    }
    e_.report(mt_, Rule::InvalidReturnType, returns->range,
              "Function with declared return type \"" + e_.show(declared) +
                  "\" must return value on all code paths\n  \"None\" is not assignable to \"" +
                  e_.show(declared) + "\"");
  }

  void classDef(const ClassDef* c) {
    for (const Expr* d : c->decorators) expr(d);
    ClassInfo* cls = e_.classInfoFor(mt_, c);
    e_.classDetails(cls);
    checkClassDefinition(e_, mt_, c);
    for (const Keyword* k : c->keywords) expr(k->value);
    block(c->body);
  }

  EvaluatorImpl& e_;
  ModuleTypes& mt_;
  InferenceBudget& budget_;
  bool reportedExhausted_ = false;
  bool reportedDepth_ = false;
};

} // namespace

std::vector<Diagnostic> checkModuleTypes(EvaluatorImpl& evaluator, const BoundModule& module) {
  ModuleTypes& mt = evaluator.typesOf(module);
  if (module.ast && module.ast->module) {
    InferenceBudget budget;
    EvaluatorImpl::BudgetScope scope(evaluator, budget);
    CheckWalker walker(evaluator, mt, budget);
    walker.block(module.ast->module->body);
    walker.lambdaBodies();
  }
  std::vector<Diagnostic> diagnostics = mt.takeDiagnostics();
  std::stable_sort(
      diagnostics.begin(), diagnostics.end(),
      [](const Diagnostic& a, const Diagnostic& b) { return a.range.start < b.range.start; });
  return diagnostics;
}

std::vector<Diagnostic> EvaluatorImpl::checkModule(const BoundModule& module) {
  return checkModuleTypes(*this, module);
}

} // namespace shrike::checker
