// Expressions: the evaluator's dispatch over expression kinds — literals, names (through
// the flow graph), member chains, displays and comprehensions (as pyright infers them, guided
// by the expected type), lambdas, await, yield, iteration and context managers.
//
//     [1, 2]                  list[int]        (entries widened; different types: list[Unknown])
//     x: list[float] = [1]    list[float]      (the expected type wins when the entries fit)
//     (1, "a")                tuple[Literal[1], Literal['a']]
#include <algorithm>
#include <unordered_set>

#include "checker/infer/EvaluatorImpl.h"

namespace shrike::checker {

using namespace parser;

const Type* EvaluatorImpl::typeOf(ModuleTypes& mt, const Expr* expr, const Type* expected,
                                  uint16_t flags) {
  if (!expr) return unknown();
  // Context-dependent results are memoised only for the expression's natural context: a
  // speculative evaluation with another expected type is not recorded (see memo()), but
  // goes to a table of its own, by expected type. The result is never null, even when a
  // well-known class could not be looked up (a limit cut the lookup short).
  if (!isSpeculative()) {
    const Type* type = memo(mt, MemoKey{expr, 0, MemoKind::Expression}, unknown(),
                            [&] { return computeType(mt, expr, expected, flags); });
    return type ? type : unknown();
  }
  if (auto hit = mt.find(MemoKey{expr, 0, MemoKind::Expression})) {
    // Known in its natural context; without an expected type that is the same answer.
    if (!expected) return *hit;
  }
  if (const Type* hit = mt.findSpeculative(expr, expected, flags)) return hit;
  ThreadState& t = thread();
  size_t before = t.stack.size();
  size_t savedLowest = t.lowestCycle;
  size_t savedLoop = t.lowestLoop;
  uint64_t depthHitsBefore = t.depthLimitHits;
  t.lowestCycle = SIZE_MAX;
  t.lowestLoop = SIZE_MAX;
  const Type* result = memo(mt, MemoKey{expr, 0, MemoKind::Expression}, unknown(),
                            [&] { return computeType(mt, expr, expected, flags); });
  // A result that a cycle, a pending loop or a limit cut short is not remembered.
  bool complete = t.lowestCycle >= before && t.lowestLoop > before &&
                  t.depthLimitHits == depthHitsBefore && !(t.budget && t.budget->exhausted());
  t.lowestCycle = std::min(savedLowest, t.lowestCycle);
  t.lowestLoop = std::min(savedLoop, t.lowestLoop);
  if (!result) return unknown();
  if (complete) mt.publishSpeculative(expr, expected, flags, result);
  return result;
}

const Type* EvaluatorImpl::computeType(ModuleTypes& mt, const Expr* expr, const Type* expected,
                                       uint16_t flags) {
  switch (expr->kind) {
  case NodeKind::IntLiteral: {
    auto i = expr->as<IntLiteral>();
    if (i->fitsInt64) return literalInt(i->value);
    if (const ClassInfo* cls = knownClass(KnownClass::Int))
      return arena_.literal(cls, LiteralValue{LiteralKind::BigInt, 0, i->text});
    return unknown();
  }
  case NodeKind::FloatLiteral:
    return instanceOf(KnownClass::Float) ? instanceOf(KnownClass::Float) : unknown();
  case NodeKind::ImaginaryLiteral:
    return instanceOf(KnownClass::Complex) ? instanceOf(KnownClass::Complex) : unknown();
  // The literal types copy their text when first made (TypeArena::clone), so the AST's text
  // needs no interning of its own here (every docstring would be hashed and copied twice).
  case NodeKind::StringLiteral: return literalStr(expr->as<StringLiteral>()->value);
  case NodeKind::BytesLiteral:
    if (const ClassInfo* cls = knownClass(KnownClass::Bytes))
      return arena_.literal(cls,
                            LiteralValue{LiteralKind::Bytes, 0, expr->as<BytesLiteral>()->value});
    return unknown();
  case NodeKind::BoolLiteral: return literalBool(expr->as<BoolLiteral>()->value);
  case NodeKind::NoneLiteral: return arena_.none();
  case NodeKind::EllipsisLiteral:
    if (auto e = instanceOf(KnownClass::Ellipsis)) return e;
    return unknown();
  case NodeKind::FString: {
    for (const Expr* v : expr->as<FString>()->values) typeOf(mt, v);
    return strType();
  }
  case NodeKind::FormattedValue: {
    auto f = expr->as<FormattedValue>();
    typeOf(mt, f->value);
    if (f->formatSpec) typeOf(mt, f->formatSpec);
    return strType();
  }
  case NodeKind::NameExpr: return typeOfName(mt, expr->as<NameExpr>(), flags);
  case NodeKind::Attribute: {
    auto attr = expr->as<Attribute>();
    const Type* object = typeOf(mt, attr->value, nullptr, flags & (EvalForwardRefs | EvalTypeForm));
    // P.args / P.kwargs of a ParamSpec.
    if (auto tv = object->as<TypeVarType>(); tv && tv->isParamSpec() && attr->attr) {
      std::string_view which = attr->attr.name.text();
      if (which == "args" || which == "kwargs") {
        TypeVarType proto = *tv;
        proto.flags |= which == "args" ? TypeVarArgs : TypeVarKwargs;
        return arena_.typeVar(proto);
      }
    }
    // super().name is looked up along the MRO past the class super() shows as; a method found
    // so is bound to the caller's self.
    const Type* superMethod = nullptr;
    if (auto call = attr->value->as<Call>(); call && attr->attr)
      if (std::optional<const Type*> owner = superMemberOwner(mt, call, attr->attr.name)) {
        object = *owner;
        superMethod = superMethodForSelf(mt, call, object, attr->attr.name);
      }
    const Type* t = superMethod ? superMethod : typeOfAttribute(mt, attr, object);
    // Member chains narrow along the flow graph (self.x after `self.x = 1`, `if a.b:`).
    if (const bind::Reference* ref = mt.index.referenceOf(attr);
        ref && ref->key != bind::noId && !ref->has(bind::RefForward) && !(flags & EvalTypeForm)) {
      const Type* declared = nullptr;
      if (auto inst = object->as<InstanceType>()) {
        MemberLookup m = lookupClassMember(inst->cls, inst, attr->attr.name, false);
        if (m.found() && m.module) {
          const Type* d = declaredTypeOfSymbol(typesOf(*m.module), m.symbol);
          if (d) declared = specializeMember(d, m.owner);
        }
      }
      t = flowType(mt, *ref, t, declared);
    }
    return t;
  }
  case NodeKind::Subscript: return typeOfSubscript(mt, expr->as<Subscript>(), expected, flags);
  case NodeKind::Call: return typeOfCall(mt, expr->as<Call>(), expected);
  case NodeKind::BinOp: return typeOfBinOp(mt, expr->as<BinOp>(), expected);
  case NodeKind::UnaryOp: return typeOfUnaryOp(mt, expr->as<UnaryOp>());
  case NodeKind::Compare: return typeOfCompare(mt, expr->as<Compare>());
  case NodeKind::BoolOp: return typeOfBoolOp(mt, expr->as<BoolOp>(), expected);
  case NodeKind::IfExp: {
    auto i = expr->as<IfExp>();
    typeOf(mt, i->test);
    const Type* body = typeOf(mt, i->body, expected);
    const Type* orelse = typeOf(mt, i->orelse, expected);
    return arena_.unionOf(body, orelse);
  }
  case NodeKind::NamedExpr: {
    auto n = expr->as<NamedExpr>();
    const Type* value = typeOf(mt, n->value, expected);
    return value;
  }
  case NodeKind::List:
  case NodeKind::Set: return typeOfList(mt, expr, expected);
  case NodeKind::Dict: return typeOfDict(mt, expr->as<Dict>(), expected);
  case NodeKind::Tuple: return typeOfTuple(mt, expr->as<Tuple>(), expected, flags);
  case NodeKind::ListComp:
  case NodeKind::SetComp:
  case NodeKind::DictComp:
  case NodeKind::GeneratorExp: return typeOfComprehension(mt, expr, expected);
  case NodeKind::Lambda: return typeOfLambda(mt, expr->as<Lambda>(), expected);
  case NodeKind::Await: return typeOfAwait(mt, expr->as<Await>());
  case NodeKind::Yield:
  case NodeKind::YieldFrom: return typeOfYield(mt, expr);
  case NodeKind::Starred: return typeOf(mt, expr->as<Starred>()->value, nullptr, flags);
  case NodeKind::Slice: {
    auto s = expr->as<Slice>();
    if (s->lower) typeOf(mt, s->lower);
    if (s->upper) typeOf(mt, s->upper);
    if (s->step) typeOf(mt, s->step);
    const Type* args[] = {arena_.any(), arena_.any(), arena_.any()};
    if (auto t = instanceOf(KnownClass::Slice, args)) return t;
    return unknown();
  }
  case NodeKind::ErrorExpr:
    for (const Expr* e : expr->as<ErrorExpr>()->children) typeOf(mt, e);
    return unknown();
  default: return unknown();
  }
}

// ---- names -----------------------------------------------------------------------------------

const Type* EvaluatorImpl::typeOfNameNoFlow(ModuleTypes& mt, const NameExpr* name,
                                            bind::ScopeId scope) {
  bind::SymbolId symbol = mt.index.lookup(scope, name->id);
  if (symbol != bind::noId) {
    const Type* t = effectiveTypeOfSymbol(mt, symbol);
    if (t->kind != TypeKind::Unbound) return t;
  }
  if (const Type* b = builtinType(name->id)) return b;
  return unknown();
}

// Whether the code at flow node `to` can run after the code at `from` (walking back from what
// runs right before `to` finds `from`; `to` itself may be `from`, as the assignment right
// before a def). A very large walk answers yes, the cautious answer.
static bool flowReaches(const bind::FlowGraph& flow, bind::FlowId from, bind::FlowId to) {
  std::vector<bind::FlowId> stack;
  std::unordered_set<bind::FlowId> seen;
  flow.forEachAntecedent(to, [&](bind::FlowId before) {
    if (seen.insert(before).second) stack.push_back(before);
  });
  constexpr size_t limit = 20000;
  while (!stack.empty()) {
    bind::FlowId id = stack.back();
    stack.pop_back();
    if (id == from) return true;
    bool tooBig = false;
    flow.forEachAntecedent(id, [&](bind::FlowId before) {
      if (seen.insert(before).second) stack.push_back(before);
      tooBig |= seen.size() > limit;
    });
    if (tooBig) return true;
  }
  return false;
}

// pyright's narrowing for captured variables: `if p is None: return` and then `lambda: p.x`
// reads p as narrowed, as long as p is a parameter or variable of the enclosing function that
// nothing assigns after the lambda is evaluated (nor any other scope, through nonlocal).
// A module's names qualify when every declaration is an import (another module may assign
// a module variable): importlib/__init__.py's `_bootstrap`, imported in a try and its except,
// is the submodule alone in its functions, as `from ._bootstrap import ...` rebinds it before.
const Type* EvaluatorImpl::capturedVariableType(ModuleTypes& mt, const bind::Reference& ref) {
  const bind::SemanticIndex& index = mt.index;
  const bind::Symbol& symbol = index.symbol(ref.symbol);
  bind::ScopeKind ownerKind = index.scope(symbol.scope).kind;
  if (ownerKind == bind::ScopeKind::Module) {
    // One import has the same type everywhere it is bound: no walk needed (most reads).
    size_t imports = 0;
    bool other = index.anyDeclaration(ref.symbol, [&](bind::DeclId d) {
      bind::DeclarationKind kind = index.declaration(d).kind;
      if (kind != bind::DeclarationKind::Import && kind != bind::DeclarationKind::ImportFrom)
        return true;
      ++imports;
      return false;
    });
    if (other || imports < 2) return nullptr;
  } else if (ownerKind != bind::ScopeKind::Function && ownerKind != bind::ScopeKind::Lambda) {
    return nullptr;
  }
  // The outermost def or lambda inside the symbol's scope that holds the reference.
  bind::ScopeId top = bind::noId;
  for (bind::ScopeId s = ref.scope; s != bind::noId && s != symbol.scope;
       s = index.scope(s).parent) {
    bind::ScopeKind k = index.scope(s).kind;
    if (k == bind::ScopeKind::Function || k == bind::ScopeKind::Lambda) top = s;
  }
  if (top == bind::noId) return nullptr;
  bind::FlowId at = index.scope(top).definedAt;
  if (at == bind::noId || at == bind::FlowGraph::unreachable) return nullptr;
  bool reassignable = index.anyDeclaration(ref.symbol, [&](bind::DeclId d) {
    const bind::Declaration& decl = index.declaration(d);
    if (decl.scope != symbol.scope) return true;
    switch (decl.kind) {
    case bind::DeclarationKind::Parameter: return false;
    case bind::DeclarationKind::Variable:
    case bind::DeclarationKind::Import:
    case bind::DeclarationKind::ImportFrom:
      return decl.flow == bind::noId || flowReaches(index.flow(), at, decl.flow);
    default: return true;
    }
  });
  if (reassignable) return nullptr;
  bind::Reference there = ref;
  there.flow = at;
  there.scope = symbol.scope;
  const Type* t = flowType(mt, there, arena_.unbound(), declaredTypeOfSymbol(mt, ref.symbol));
  // Unbound on some paths: the bound part (the name checks report the rest).
  std::vector<const Type*> bound;
  for (const Type* m : unionMembersOrSelf(t))
    if (m->kind != TypeKind::Unbound) bound.push_back(m);
  if (bound.empty()) return nullptr;
  return arena_.unionOf(bound);
}

const Type* EvaluatorImpl::typeOfName(ModuleTypes& mt, const NameExpr* name, uint16_t flags) {
  const bind::Reference* ref = mt.index.referenceOf(name);
  if (!ref) {
    // A name the binder did not see (inside a string parsed late): resolve it lexically.
    return typeOfNameNoFlow(mt, name, mt.index.enclosingScope(name));
  }
  if (ref->symbol == bind::noId) {
    if (const Type* t = starImportedType(mt.module, name->id)) return t;
    if (const Type* b = builtinType(name->id)) return b;
    // Names every module has.
    std::string_view text = name->id.text();
    if (text == "__file__" || text == "__name__" || text == "__qualname__") return strType();
    if (text == "reveal_type" || text == "reveal_locals") return unknown();
    return unknown();
  }
  const bind::Symbol& symbol = mt.index.symbol(ref->symbol);
  bool forward = ref->has(bind::RefForward) || (flags & EvalForwardRefs);
  // Flow analysis applies within the execution scope that owns the symbol.
  bind::ScopeId refExec = mt.index.executionScope(ref->scope);
  bind::ScopeId symExec = mt.index.executionScope(symbol.scope);
  if (forward || refExec != symExec || ref->flow == bind::noId) {
    const Type* t = nullptr;
    if (!forward && refExec != symExec && !(flags & EvalTypeForm))
      t = capturedVariableType(mt, *ref);
    if (!t) t = effectiveTypeOfSymbol(mt, ref->symbol);
    if (t->kind == TypeKind::Unbound) {
      if (const Type* b = builtinType(name->id)) return b;
      return unknown();
    }
    // A name of an enclosing scope is still narrowed by the conditions of this one
    // (`if getgrnam is None: return` in a function about a module-level name).
    if (!forward && ref->flow != bind::noId && !(flags & EvalTypeForm))
      t = flowType(mt, *ref, t, declaredTypeOfSymbol(mt, ref->symbol));
    return t;
  }
  const Type* declared = declaredTypeOfSymbol(mt, ref->symbol);
  const Type* t = flowType(mt, *ref, arena_.unbound(), declared);
  // Unbound on some paths: the name checks report it; the bound part is the type.
  if (t->kind == TypeKind::Unbound) {
    // A class body falls back to the enclosing scopes and builtins for unbound names.
    if (mt.index.scope(symbol.scope).kind == bind::ScopeKind::Class) {
      bind::ScopeId outer = mt.index.scope(symbol.scope).parent;
      return typeOfNameNoFlow(mt, name, outer);
    }
    if (const Type* b = builtinType(name->id); b && symbol.scope == bind::moduleScopeId) return b;
    return declared ? declared : unknown();
  }
  if (auto u = t->as<UnionType>()) {
    std::vector<const Type*> bound;
    for (const Type* m : u->members)
      if (m->kind != TypeKind::Unbound) bound.push_back(m);
    if (bound.size() != u->members.size()) t = bound.empty() ? unknown() : arena_.unionOf(bound);
  }
  return t;
}

// ---- displays --------------------------------------------------------------------------------

const Type* EvaluatorImpl::inferredDisplayEntry(const Type* entry) {
  // Entries are widened: [1, 2] is list[int]; a tuple entry keeps its shape.
  if (auto inst = entry->as<InstanceType>(); inst && inst->hasTupleElements()) {
    std::vector<TupleElement> es;
    for (const TupleElement& e : inst->tupleElements)
      es.push_back({inferredDisplayEntry(e.type), e.unbounded});
    return tupleOf(es);
  }
  if (auto u = entry->as<UnionType>()) {
    std::vector<const Type*> members;
    for (const Type* m : u->members) members.push_back(inferredDisplayEntry(m));
    return arena_.unionOf(members);
  }
  return stripLiteral(entry, arena_);
}

namespace {

// The element types a display's expected type asks for: for `list[float]` or `Sequence[T]`
// (with list's own parameter solved against it) the `float`.
struct ExpectedElements {
  std::vector<const Type*> args; // in the display class's parameter order
  bool found = false;
};

} // namespace

static ExpectedElements expectedElementsFor(EvaluatorImpl& e, const ClassInfo* displayClass,
                                            const Type* expected) {
  ExpectedElements out;
  if (!expected || !displayClass) return out;
  for (const Type* m : unionMembersOrSelf(expected)) {
    auto inst = m->as<InstanceType>();
    if (!inst) continue;
    const InstanceType* self = e.selfInstance(displayClass);
    TypeVarSolution solution;
    solution.addSolvableScope(displayClass);
    Assigner assigner(e, &solution);
    if (!assigner.assign(inst, self)) continue;
    const ClassDetails& details = e.classDetails(displayClass);
    bool all = true;
    for (const TypeVarType* p : details.typeParams) {
      const Type* t = solution.get(p);
      if (!t) {
        all = false;
        break;
      }
      out.args.push_back(t);
    }
    if (!all) {
      out.args.clear();
      continue;
    }
    out.found = true;
    return out;
  }
  return out;
}

const Type* EvaluatorImpl::typeOfList(ModuleTypes& mt, const Expr* expr, const Type* expected) {
  bool isSet = expr->is<Set>();
  List<Expr*> elts = isSet ? expr->as<Set>()->elts : expr->as<ListExpr>()->elts;
  const ClassInfo* cls = knownClass(isSet ? KnownClass::Set : KnownClass::List);
  if (!cls) return unknown();
  auto entryType = [&](const Expr* e, const Type* want) -> const Type* {
    if (auto s = e->as<Starred>()) return iterate(mt, typeOf(mt, s->value), s->value, false);
    return typeOf(mt, e, want);
  };
  ExpectedElements wanted = expectedElementsFor(*this, cls, expected);
  if (wanted.found && !wanted.args.empty() && !containsTypeVar(wanted.args[0])) {
    const Type* element = wanted.args[0];
    bool fits = true;
    std::vector<const Type*> entries;
    {
      Speculative guard(*this);
      for (const Expr* e : elts) {
        const Type* t = entryType(e, element);
        fits &= isAssignable(element, t, *this);
      }
    }
    if (fits) {
      for (const Expr* e : elts) entryType(e, element);
      const Type* args[] = {element};
      return arena_.instance(cls, args);
    }
  }
  std::vector<const Type*> entries;
  for (const Expr* e : elts) entries.push_back(inferredDisplayEntry(entryType(e, nullptr)));
  const Type* element;
  if (entries.empty()) {
    element = unknown();
  } else {
    element = entries[0];
    for (const Type* t : entries)
      if (!isSameType(t, element)) {
        element = unknown();
        break;
      }
  }
  const Type* args[] = {element};
  return arena_.instance(cls, args);
}

const Type* EvaluatorImpl::typeOfDict(ModuleTypes& mt, const Dict* dict, const Type* expected) {
  if (const Type* td = typedDictFromDisplay(mt, dict, expected)) return td;
  const ClassInfo* cls = knownClass(KnownClass::Dict);
  if (!cls) return unknown();
  ExpectedElements wanted = expectedElementsFor(*this, cls, expected);
  auto entryTypes = [&](size_t i, const Type* wantKey,
                        const Type* wantValue) -> std::pair<const Type*, const Type*> {
    if (i >= dict->keys.size() || !dict->keys[i]) {
      const Type* m = typeOf(mt, dict->values[i]);
      if (auto inst = m->as<InstanceType>()) {
        if (const ClassInfo* mapping = knownClass(KnownClass::Mapping))
          if (auto base = findBase(inst, mapping, *this); base && base->typeArgs.size() == 2)
            return {base->typeArgs[0], base->typeArgs[1]};
      }
      return {unknown(), unknown()};
    }
    return {typeOf(mt, dict->keys[i], wantKey), typeOf(mt, dict->values[i], wantValue)};
  };
  if (wanted.found && wanted.args.size() == 2 && !containsTypeVar(wanted.args[0]) &&
      !containsTypeVar(wanted.args[1])) {
    bool fits = true;
    {
      Speculative guard(*this);
      for (size_t i = 0; i < dict->values.size(); ++i) {
        auto [k, v] = entryTypes(i, wanted.args[0], wanted.args[1]);
        fits &= isAssignable(wanted.args[0], k, *this) && isAssignable(wanted.args[1], v, *this);
      }
    }
    if (fits) {
      for (size_t i = 0; i < dict->values.size(); ++i)
        entryTypes(i, wanted.args[0], wanted.args[1]);
      return arena_.instance(cls, wanted.args);
    }
  }
  std::vector<const Type*> keys, values;
  for (size_t i = 0; i < dict->values.size(); ++i) {
    auto [k, v] = entryTypes(i, nullptr, nullptr);
    keys.push_back(inferredDisplayEntry(k));
    values.push_back(inferredDisplayEntry(v));
  }
  auto unify = [&](const std::vector<const Type*>& ts) -> const Type* {
    if (ts.empty()) return unknown();
    const Type* first = ts[0];
    for (const Type* t : ts)
      if (!isSameType(t, first)) return unknown();
    return first;
  };
  const Type* args[] = {unify(keys), unify(values)};
  return arena_.instance(cls, args);
}

const Type* EvaluatorImpl::typeOfTuple(ModuleTypes& mt, const Tuple* tuple, const Type* expected,
                                       uint16_t flags) {
  // An expected tuple of the same length guides each element.
  const InstanceType* want = nullptr;
  if (expected) {
    for (const Type* m : unionMembersOrSelf(expected)) {
      auto inst = m->as<InstanceType>();
      if (inst && inst->hasTupleElements() && inst->tupleElements.size() == tuple->elts.size()) {
        want = inst;
        break;
      }
    }
  }
  std::vector<TupleElement> elements;
  for (size_t i = 0; i < tuple->elts.size(); ++i) {
    const Expr* e = tuple->elts[i];
    if (auto s = e->as<Starred>()) {
      const Type* t = typeOf(mt, s->value);
      if (auto inst = t->as<InstanceType>(); inst && inst->hasTupleElements()) {
        for (const TupleElement& te : inst->tupleElements) elements.push_back(te);
        continue;
      }
      elements.push_back({inferredDisplayEntry(iterate(mt, t, s->value, false)), true});
      continue;
    }
    const Type* wantElement =
        want && !want->tupleElements[i].unbounded ? want->tupleElements[i].type : nullptr;
    elements.push_back({typeOf(mt, e, wantElement, flags & EvalForwardRefs), false});
  }
  // More than one unbounded part cannot be written as a tuple type: widen.
  size_t unbounded = std::count_if(elements.begin(), elements.end(),
                                   [](const TupleElement& e) { return e.unbounded; });
  if (unbounded > 1) {
    std::vector<const Type*> all;
    for (const TupleElement& e : elements) all.push_back(e.type);
    return homogeneousTuple(inferredDisplayEntry(arena_.unionOf(all)));
  }
  return tupleOf(elements);
}

const Type* EvaluatorImpl::typeOfComprehension(ModuleTypes& mt, const Expr* expr,
                                               const Type* expected) {
  List<Comprehension*> generators;
  if (auto l = expr->as<ListComp>()) generators = l->generators;
  if (auto s = expr->as<SetComp>()) generators = s->generators;
  if (auto d = expr->as<DictComp>()) generators = d->generators;
  if (auto g = expr->as<GeneratorExp>()) generators = g->generators;
  bool isAsync = false;
  for (const Comprehension* c : generators) {
    // Each clause's operand must iterate (its element type is the binding's to compute).
    iterate(mt, typeOf(mt, c->iter), c->iter, c->isAsync);
    for (const Expr* cond : c->ifs) typeOf(mt, cond);
    isAsync |= c->isAsync;
  }
  auto wantedFor = [&](KnownClass k) {
    return expectedElementsFor(*this, knownClass(k), expected);
  };
  if (auto d = expr->as<DictComp>()) {
    ExpectedElements wanted = wantedFor(KnownClass::Dict);
    const Type* wk = wanted.found && wanted.args.size() == 2 ? wanted.args[0] : nullptr;
    const Type* wv = wanted.found && wanted.args.size() == 2 ? wanted.args[1] : nullptr;
    const Type* k = typeOf(mt, d->key, wk);
    const Type* v = typeOf(mt, d->value, wv);
    if (wk && wv && isAssignable(wk, k, *this) && isAssignable(wv, v, *this))
      k = wk, v = wv;
    else
      k = inferredDisplayEntry(k), v = inferredDisplayEntry(v);
    const Type* args[] = {k, v};
    return instanceOf(KnownClass::Dict, args) ? instanceOf(KnownClass::Dict, args) : unknown();
  }
  const Expr* elt = nullptr;
  KnownClass k = KnownClass::List;
  if (auto l = expr->as<ListComp>()) elt = l->elt;
  if (auto s = expr->as<SetComp>()) elt = s->elt, k = KnownClass::Set;
  if (auto g = expr->as<GeneratorExp>()) elt = g->elt;
  if (expr->is<GeneratorExp>()) {
    const Type* t = typeOf(mt, elt);
    const Type* element = inferredDisplayEntry(t);
    if (isAsync) {
      const Type* args[] = {element, arena_.none()};
      if (const ClassInfo* agen = knownClass(KnownClass::AsyncGenerator))
        return arena_.instance(agen, args);
      return unknown();
    }
    const Type* args[] = {element, arena_.none(), arena_.none()};
    if (const ClassInfo* gen = knownClass(KnownClass::Generator)) return arena_.instance(gen, args);
    return unknown();
  }
  ExpectedElements wanted = wantedFor(k);
  const Type* want = wanted.found && !wanted.args.empty() ? wanted.args[0] : nullptr;
  const Type* t = typeOf(mt, elt, want);
  const Type* element = want && isAssignable(want, t, *this) ? want : inferredDisplayEntry(t);
  const Type* args[] = {element};
  if (auto r = instanceOf(k, args)) return r;
  return unknown();
}

const Type* EvaluatorImpl::typeOfLambda(ModuleTypes& mt, const Lambda* lambda,
                                        const Type* expected) {
  for (const parser::Parameter* p : lambda->parameters->parameters)
    if (p->defaultValue) typeOf(mt, p->defaultValue);
  return lambdaFunction(mt, lambda, expected);
}

// ---- await, yield, iteration, context managers ------------------------------------------------

const Type* EvaluatorImpl::awaitResult(ModuleTypes& mt, const Type* awaitable, const Node* node) {
  std::vector<const Type*> results;
  for (const Type* m : unionMembersOrSelf(awaitable)) {
    if (m->isAnyOrUnknown()) {
      results.push_back(m);
      continue;
    }
    if (auto inst = m->as<InstanceType>()) {
      if (const ClassInfo* aw = knownClass(KnownClass::Awaitable)) {
        if (auto base = findBase(inst, aw, *this); base && !base->typeArgs.empty()) {
          results.push_back(base->typeArgs[0]);
          continue;
        }
      }
    }
    // Through __await__: a Generator whose return type is the result.
    auto r = callMethod(mt, m, names::dunderAwait, {}, node);
    if (r) {
      if (auto gi = (*r)->as<InstanceType>()) {
        if (const ClassInfo* gen = knownClass(KnownClass::Generator)) {
          if (auto base = findBase(gi, gen, *this); base && base->typeArgs.size() == 3) {
            results.push_back(base->typeArgs[2]);
            continue;
          }
        }
      }
      results.push_back(unknown());
      continue;
    }
    if (node)
      report(mt, Rule::InvalidArgumentType, node->range, "\"" + show(m) + "\" is not awaitable");
    results.push_back(unknown());
  }
  return results.empty() ? unknown() : arena_.unionOf(results);
}

const Type* EvaluatorImpl::typeOfAwait(ModuleTypes& mt, const Await* await) {
  return awaitResult(mt, typeOf(mt, await->value), await->value);
}

const Type* EvaluatorImpl::typeOfYield(ModuleTypes& mt, const Expr* yield) {
  // The value of `yield` is what the generator is sent; of `yield from g`, g's return value.
  if (auto yf = yield->as<YieldFrom>()) {
    const Type* t = typeOf(mt, yf->value);
    if (auto inst = t->as<InstanceType>()) {
      if (const ClassInfo* gen = knownClass(KnownClass::Generator))
        if (auto base = findBase(inst, gen, *this); base && base->typeArgs.size() == 3)
          return base->typeArgs[2];
    }
    iterate(mt, t, yf->value, false);
    return unknown();
  }
  auto y = yield->as<Yield>();
  if (y->value) typeOf(mt, y->value);
  for (const Node* n = yield->parent; n; n = n->parent) {
    if (auto fn = n->as<FunctionDef>()) {
      const Expr* returns = mt.index.returnsOf(fn);
      if (!returns) return unknown();
      const Type* declared = typeOfAnnotation(mt, returns);
      if (auto inst = declared->as<InstanceType>()) {
        if (const ClassInfo* gen = knownClass(KnownClass::Generator))
          if (auto base = findBase(inst, gen, *this); base && base->typeArgs.size() == 3)
            return base->typeArgs[1];
        if (const ClassInfo* agen = knownClass(KnownClass::AsyncGenerator))
          if (auto base = findBase(inst, agen, *this); base && base->typeArgs.size() == 2)
            return base->typeArgs[1];
      }
      return arena_.none();
    }
    if (n->is<Lambda>() || n->is<ClassDef>()) break;
  }
  return unknown();
}

const Type* EvaluatorImpl::iterate(ModuleTypes& mt, const Type* iterable, const Node* node,
                                   bool isAsync, bool doReport, bool noneAsOptional) {
  std::vector<const Type*> results;
  for (const Type* m : unionMembersOrSelf(iterable)) {
    if (m->isAnyOrUnknown()) {
      results.push_back(unknown());
      continue;
    }
    if (m->isNever()) continue;
    if (auto inst = m->as<InstanceType>(); inst && inst->hasTupleElements() && !isAsync) {
      std::vector<const Type*> es;
      for (const TupleElement& e : inst->tupleElements) {
        if (auto tv = e.type->as<TypeVarType>(); tv && tv->isTypeVarTuple()) {
          es.push_back(objectOrUnknown());
          continue;
        }
        es.push_back(e.type);
      }
      results.push_back(es.empty() ? arena_.never() : arena_.unionOf(es));
      continue;
    }
    // P.args is a tuple of objects (pyright: tuple[object, ...]): *args forwards it.
    if (auto tv = m->as<TypeVarType>(); tv && (tv->flags & TypeVarArgs) && !isAsync) {
      results.push_back(objectOrUnknown());
      continue;
    }
    Name iterName = isAsync ? names::dunderAiter : names::dunderIter;
    Name nextName = isAsync ? names::dunderAnext : names::dunderNext;
    auto iterator = callMethod(mt, m, iterName, {}, node);
    if (iterator) {
      if ((*iterator)->isAnyOrUnknown()) {
        results.push_back(unknown());
        continue;
      }
      std::vector<const Type*> nexts;
      bool ok = true;
      for (const Type* it : unionMembersOrSelf(*iterator)) {
        auto next = callMethod(mt, it, nextName, {}, node);
        if (!next) {
          ok = false;
          break;
        }
        nexts.push_back(isAsync ? awaitResult(mt, *next, nullptr) : *next);
      }
      if (ok) {
        results.push_back(arena_.unionOf(nexts));
        continue;
      }
    } else if (!isAsync) {
      // The old protocol: __getitem__ with int indexes.
      if (auto item = callMethod(mt, m, names::dunderGetitem, {intType()}, node)) {
        results.push_back(*item);
        continue;
      }
    }
    if (auto inst = m->as<InstanceType>(); inst && hasUnknownBase(inst->cls, *this)) {
      results.push_back(unknown());
      continue;
    }
    if (doReport && node) {
      if (m->isNone() && noneAsOptional)
        report(mt, Rule::NotIterable, node->range,
               "Object of type \"None\" cannot be used as iterable value");
      else
        report(mt, Rule::NotIterable, node->range,
               "\"" + show(m) + "\" is not iterable\n  \"" + std::string(iterName.text()) +
                   "\" method not defined");
    }
    results.push_back(unknown());
  }
  return results.empty() ? arena_.never() : arena_.unionOf(results);
}

const Type* EvaluatorImpl::enterContext(ModuleTypes& mt, const Type* manager, const Node* node,
                                        bool isAsync) {
  std::vector<const Type*> results;
  for (const Type* m : unionMembersOrSelf(manager)) {
    if (m->isAnyOrUnknown()) {
      results.push_back(unknown());
      continue;
    }
    Name enter = isAsync ? names::dunderAenter : names::dunderEnter;
    auto r = callMethod(mt, m, enter, {}, node);
    if (r) {
      results.push_back(isAsync ? awaitResult(mt, *r, nullptr) : *r);
      continue;
    }
    if (auto inst = m->as<InstanceType>(); inst && hasUnknownBase(inst->cls, *this)) {
      results.push_back(unknown());
      continue;
    }
    if (node)
      report(mt, Rule::InvalidArgumentType, node->range,
             "Object of type \"" + show(m) + "\" cannot be used with \"" +
                 (isAsync ? "async with" : "with") + "\" because it does not correctly implement " +
                 std::string(enter.text()));
    results.push_back(unknown());
  }
  return results.empty() ? unknown() : arena_.unionOf(results);
}

} // namespace shrike::checker
