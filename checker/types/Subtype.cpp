// Subtype: the assignability rules, kind by kind.
#include "checker/types/Subtype.h"

#include <algorithm>

#include "checker/types/ClassHierarchy.h"
#include "checker/types/Display.h"
#include "checker/types/TypeArena.h"

namespace shrike::checker {

namespace {

constexpr int maxAssignDepth = 40;

bool isObjectClass(const ClassInfo* cls) {
  return cls->qualifiedName == "builtins.object";
}

bool isNamed(const ClassInfo* cls, std::string_view qualified) {
  return cls->qualifiedName == qualified;
}

// The numeric tower's promotions: int to float, int and float to complex.
bool promotes(const ClassInfo* dest, const ClassInfo* src) {
  if (isNamed(dest, "builtins.float"))
    return isNamed(src, "builtins.int") || isNamed(src, "builtins.bool");
  if (isNamed(dest, "builtins.complex"))
    return isNamed(src, "builtins.int") || isNamed(src, "builtins.float") ||
           isNamed(src, "builtins.bool");
  return false;
}

} // namespace

const Type* stripLiteral(const Type* type, TypeArena& arena) {
  if (auto inst = type->as<InstanceType>()) return arena.withoutLiteral(inst);
  if (auto u = type->as<UnionType>()) {
    std::vector<const Type*> members;
    for (const Type* m : u->members) members.push_back(stripLiteral(m, arena));
    return arena.unionOf(members);
  }
  return type;
}

bool isSameType(const Type* a, const Type* b) {
  if (a == b) return true;
  auto ua = a->as<UnionType>();
  auto ub = b->as<UnionType>();
  if (ua && ub && ua->members.size() == ub->members.size()) {
    for (const Type* m : ua->members)
      if (!ub->hasMember(m)) return false;
    return true;
  }
  return false;
}

bool isAssignable(const Type* dest, const Type* src, TypeServices& services) {
  Assigner assigner(services);
  return assigner.assign(dest, src);
}

bool Assigner::assign(const Type* dest, const Type* src, uint16_t flags) {
  if (dest == src) return true;
  if (depth_ > maxAssignDepth) return true; // too deep to tell: do not report
  ++depth_;
  bool result = assignInner(dest, src, flags);
  --depth_;
  return result;
}

bool Assigner::equivalent(const Type* a, const Type* b, uint16_t flags) {
  if (a == b || isSameType(a, b)) return true;
  if (a->isAnyOrUnknown() || b->isAnyOrUnknown()) {
    // Still let a solvable variable on the dest side learn the Any.
    if (solution_ && containsTypeVar(a)) assign(a, b, flags & ~AssignInvariant);
    return true;
  }
  if (solution_ && containsTypeVar(a)) return assign(a, b, flags | AssignInvariant);
  return assign(a, b, flags & ~AssignInvariant) && assign(b, a, flags & ~AssignInvariant);
}

bool Assigner::assignInner(const Type* dest, const Type* src, uint16_t flags) {
  // Gradual types go both ways; a solvable variable still learns from Any: as its value when
  // it stands alone (filter(len, args) of a tuple[Unknown, ...] is filter[Unknown]), and
  // where a larger type mentions it only while nothing bounds it yet, as in pyright
  // (sorted(untyped, key=len) is list[Unknown], dropwhile(len, untyped) dropwhile[Sized]).
  if (src->isAnyOrUnknown()) {
    if (solution_) {
      if (auto tv = dest->as<TypeVarType>()) {
        if (solution_->isSolvable(tv) && !solution_->hasLowerBound(tv)) solution_->set(tv, src);
      } else if (containsTypeVar(dest)) {
        std::vector<const TypeVarType*> vars;
        collectTypeVars(dest, vars);
        for (const TypeVarType* v : vars)
          if (solution_->isSolvable(v) && !solution_->get(v) && !v->isParamSpec() &&
              !v->isTypeVarTuple())
            solution_->set(v, src);
      }
    }
    return true;
  }
  if (dest->isAnyOrUnknown()) return true;
  if (src->isNever()) return true;
  if (dest->isNever()) return false;
  if (src->kind == TypeKind::Unbound) return true;

  // A solvable variable in an invariant position receives a union whole (list[S] given
  // list[F | int] is S := F | int): member by member, each would have to equal the first.
  if (auto tv = dest->as<TypeVarType>();
      tv && (flags & AssignInvariant) && src->is<UnionType>() && !containsTypeVar(src) &&
      solution_ && solution_->isSolvable(tv) && tv->constraints.empty() && !tv->isParamSpec() &&
      !tv->isTypeVarTuple() && !(tv->flags & (TypeVarInstantiable | TypeVarArgs | TypeVarKwargs)))
    return assignToTypeVar(tv, src, flags);

  // A union source: every member must fit.
  if (auto u = src->as<UnionType>()) {
    // A solvable variable given a union with Any members keeps them in its value, as pyright
    // assigns the union whole (dict(k=v) with v: SSLContext | Unknown is
    // dict[str, SSLContext | Unknown], re.compile(p) with p: str | Any is Pattern[str | Any]).
    if (auto tv = dest->as<TypeVarType>();
        tv && solution_ && solution_->isSolvable(tv) && !tv->isParamSpec() &&
        !tv->isTypeVarTuple() &&
        !(tv->flags & (TypeVarInstantiable | TypeVarArgs | TypeVarKwargs))) {
      std::vector<const Type*> gradual, known;
      for (const Type* m : u->members) (m->isAnyOrUnknown() ? gradual : known).push_back(m);
      if (!gradual.empty() && !known.empty()) {
        if (!assign(dest, services_.arena().unionOf(known), flags)) return false;
        const Type* value = solution_->hasLowerBound(tv) ? solution_->get(tv) : nullptr;
        if (!value || value->isAnyOrUnknown()) return true;
        std::vector<const Type*> widened;
        bool gradualFirst = u->members.front()->isAnyOrUnknown();
        if (!gradualFirst) widened.push_back(value);
        widened.insert(widened.end(), gradual.begin(), gradual.end());
        if (gradualFirst) widened.push_back(value);
        solution_->set(tv, services_.arena().unionOf(widened));
        return true;
      }
    }
    // Fast path: each member appears in the destination union as is.
    if (auto du = dest->as<UnionType>()) {
      bool all = std::all_of(u->members.begin(), u->members.end(),
                             [&](const Type* m) { return du->hasMember(m); });
      if (all) return true;
    }
    // A member deriving from Any (typeshed's NotImplementedType) may stand for the others:
    // as in pyright, those need not fit (int | NotImplementedType passes for str).
    auto derivesFromAny = [&](const Type* t) {
      auto inst = t->as<InstanceType>();
      return inst && hasUnknownBase(inst->cls, services_);
    };
    bool anyBasedMember = std::any_of(u->members.begin(), u->members.end(), derivesFromAny);
    // Into a larger type, the Any members last, as pyright: they would give the variables
    // there Unknown before the others are seen (list(items) of Unknown | dict_items[int, str]).
    bool anyLast = solution_ && !dest->is<TypeVarType>();
    for (bool gradual : {false, true}) {
      for (const Type* m : u->members) {
        if (anyLast && m->isAnyOrUnknown() != gradual) continue;
        if (!assign(dest, m, flags) && !(anyBasedMember && !derivesFromAny(m))) return false;
      }
      if (!anyLast) break;
    }
    return true;
  }

  // A solvable variable on the source side learns an upper bound from the destination: a
  // callable's parameter (len given for Callable[[T], int]: T must fit Sized), or reverse
  // matching (the expected type `list[float]` for `list[_T]`).
  if (auto tv = src->as<TypeVarType>();
      tv && solution_ && solution_->isSolvable(tv) &&
      !(tv->flags & (TypeVarArgs | TypeVarKwargs | TypeVarInstantiable)))
    return assignFromTypeVar(dest, tv, flags);

  // A union destination: some member must accept. Members without solvable variables are
  // tried first, so `T | None` matches None against None rather than binding T.
  if (auto u = dest->as<UnionType>()) {
    if (u->hasMember(src)) return true;
    std::vector<const Type*> withVars;
    for (const Type* m : u->members) {
      if (solution_ && containsTypeVar(m)) {
        withVars.push_back(m);
        continue;
      }
      TypeVarSolution* saved = solution_;
      solution_ = nullptr; // no variables here: nothing to learn
      bool ok = assign(m, src, flags);
      solution_ = saved;
      if (ok) return true;
    }
    for (const Type* m : withVars) {
      auto snapshot = solution_->save();
      if (assign(m, src, flags)) return true;
      solution_->restore(std::move(snapshot));
    }
    return false;
  }

  if (auto tv = dest->as<TypeVarType>()) return assignToTypeVar(tv, src, flags);

  // A type variable source: what it may be at run time must fit.
  if (auto tv = src->as<TypeVarType>()) {
    if (tv->flags & TypeVarInstantiable) {
      const Type* bound = tv->bound ? tv->bound : nullptr;
      if (!bound)
        return assign(dest,
                      services_.arena().classObject(
                          services_.arena().instance(services_.knownClass(KnownClass::Object))),
                      flags);
      return assign(dest, services_.arena().classObject(bound), flags);
    }
    if (tv->flags & TypeVarArgs) {
      TupleElement e{services_.arena().unknown(), true};
      return assign(dest, services_.arena().tuple(services_.knownClass(KnownClass::Tuple), {&e, 1}),
                    flags);
    }
    if (tv->flags & TypeVarKwargs) return true;
    if (!tv->constraints.empty()) {
      for (const Type* c : tv->constraints)
        if (!assign(dest, c, flags)) return false;
      return true;
    }
    if (tv->bound) return assign(dest, tv->bound, flags);
    if (tv->isParamSpec() || tv->isTypeVarTuple()) return false;
    const ClassInfo* object = services_.knownClass(KnownClass::Object);
    return object && assign(dest, services_.arena().instance(object), flags);
  }

  switch (dest->kind) {
  case TypeKind::None: return src->isNone();
  case TypeKind::Instance: return assignToInstance(dest->as<InstanceType>(), src, flags);
  case TypeKind::ClassObject: return assignToClassObject(dest->as<ClassObjectType>(), src, flags);
  case TypeKind::Function: return assignToCallable(dest->as<FunctionType>(), src, flags);
  case TypeKind::Overloaded: {
    // Every overload must be satisfied.
    for (const FunctionType* f : dest->as<OverloadedType>()->overloads)
      if (!assign(f, src, flags)) return false;
    return true;
  }
  case TypeKind::Module:
    return src->is<ModuleType>() && src->as<ModuleType>()->module == dest->as<ModuleType>()->module;
  case TypeKind::TypeGuard: {
    auto g = src->as<TypeGuardType>();
    auto d = dest->as<TypeGuardType>();
    if (!g || g->isTypeIs() != d->isTypeIs()) return false;
    return d->isTypeIs() ? equivalent(d->narrowed, g->narrowed, flags)
                         : assign(d->narrowed, g->narrowed, flags);
  }
  case TypeKind::SpecialForm:
  case TypeKind::TypeAlias: return src == dest;
  case TypeKind::Property: return src->is<PropertyType>();
  default: return false;
  }
}

bool Assigner::assignToTypeVar(const TypeVarType* dest, const Type* src, uint16_t flags) {
  if (auto s = src->as<TypeVarType>()) {
    if (s->name == dest->name && s->scope == dest->scope) return true;
  }
  if (!solution_ || !solution_->isSolvable(dest)) {
    // Not ours to solve: only the same variable fits (checked above), or Self's bound class
    // when the source is that class's own Self.
    return false;
  }
  if (dest->flags & TypeVarInstantiable) {
    // type[T] receives a class object: T learns the instance.
    TypeVarType plain = *dest;
    plain.flags &= ~TypeVarInstantiable;
    const TypeVarType* base = services_.arena().typeVar(plain);
    if (auto co = src->as<ClassObjectType>()) return assignToTypeVar(base, co->instance, flags);
    // type[Self@D] (a `cls` parameter) gives T the variable itself (object.__new__(cls)).
    if (auto stv = src->as<TypeVarType>(); stv && (stv->flags & TypeVarInstantiable)) {
      TypeVarType srcPlain = *stv;
      srcPlain.flags &= ~TypeVarInstantiable;
      return assignToTypeVar(base, services_.arena().typeVar(srcPlain), flags);
    }
    if (auto sf = src->as<SpecialFormType>(); sf && sf->form == SpecialForm::Any)
      return assignToTypeVar(base, services_.arena().any(), flags);
    // A plain `type` is type[Any]: T learns nothing (classmethod(f) with f(cls: type, ...)).
    if (auto inst = src->as<InstanceType>();
        inst && inst->typeArgs.empty() && inst->cls->qualifiedName == "builtins.type")
      return assignToTypeVar(base, services_.arena().unknown(), flags);
    return false;
  }
  if (dest->flags & (TypeVarArgs | TypeVarKwargs)) return true; // checked through the ParamSpec
  if (dest->isParamSpec()) {
    // P receives a parameter list.
    if (auto fn = src->as<FunctionType>()) {
      const Type* existing = solution_->get(dest);
      if (!existing) solution_->set(dest, fn);
      return true;
    }
    if (auto tv = src->as<TypeVarType>(); tv && tv->isParamSpec()) {
      if (!solution_->get(dest)) solution_->set(dest, tv);
      return true;
    }
    return false;
  }

  const Type* value = src;
  if (flags & AssignStripLiterals) value = stripLiteral(value, services_.arena());

  // Constraints: the value must fit one, and the variable becomes that constraint.
  if (!dest->constraints.empty()) {
    const Type* chosen = nullptr;
    if (auto s = src->as<TypeVarType>(); s && !s->constraints.empty()) {
      // A constrained variable of the same shape passes through as itself.
      chosen = src;
    }
    for (const Type* c : dest->constraints) {
      if (chosen) break;
      if (isSameType(c, stripLiteral(src, services_.arena()))) chosen = c;
    }
    for (const Type* c : dest->constraints) {
      if (chosen) break;
      Assigner inner(services_);
      if (inner.assign(c, src)) chosen = c;
    }
    if (!chosen) return false;
    if (const Type* upper = solution_->upperBound(dest);
        upper && !upper->isAnyOrUnknown() && !Assigner(services_).assign(upper, chosen))
      return false;
    const Type* existing = solution_->hasLowerBound(dest) ? solution_->get(dest) : nullptr;
    if (existing && existing != chosen) {
      Assigner inner(services_);
      if (inner.assign(existing, chosen)) return true;
      if (!inner.assign(chosen, existing)) return false;
    }
    solution_->set(dest, chosen);
    return true;
  }

  if (dest->bound && !dest->isSelf()) {
    Assigner inner(services_);
    if (!inner.assign(dest->bound, src)) return false;
  }

  // A new value must still fit the upper bound a callable's parameter gave.
  const Type* upper = solution_->upperBound(dest);
  auto setChecked = [&](const Type* newValue) {
    if (upper && !upper->isAnyOrUnknown() && !Assigner(services_).assign(upper, newValue))
      return false;
    solution_->set(dest, newValue);
    return true;
  };
  const Type* existing = solution_->hasLowerBound(dest) ? solution_->get(dest) : nullptr;
  if (!existing) return setChecked(value);
  if (existing == value) return true;
  Assigner inner(services_);
  if (flags & AssignInvariant) {
    if (existing->isAnyOrUnknown()) return setChecked(value);
    return inner.assign(existing, value) && inner.assign(value, existing);
  }
  if (existing->isAnyOrUnknown()) return true;
  if (inner.assign(existing, value)) return true;
  if (inner.assign(value, existing)) return setChecked(value);
  // Neither contains the other: widen to their union (pair(1, "a") is list[int | str]).
  const Type* widened = services_.arena().unionOf(existing, value);
  if (dest->bound) {
    Assigner boundCheck(services_);
    if (!boundCheck.assign(dest->bound, widened)) return false;
  }
  return setChecked(widened);
}

bool Assigner::assignFromTypeVar(const Type* dest, const TypeVarType* src, uint16_t flags) {
  const Type* existing = solution_->get(src);
  if (src->isParamSpec() || src->isTypeVarTuple()) {
    if (existing) return assign(dest, existing, flags);
    solution_->set(src, dest);
    return true;
  }
  // A value known already must fit; the bound is kept for the values still to come.
  bool hasLower = solution_->hasLowerBound(src);
  if (hasLower && !assign(dest, existing, flags)) return false;
  const Type* upper = dest;
  if (const Type* old = solution_->upperBound(src); old && old != dest) {
    Assigner inner(services_);
    if (old->isAnyOrUnknown() || inner.assign(old, dest)) {
      upper = dest; // the narrower of the two
    } else if (inner.assign(dest, old)) {
      upper = old;
    } else {
      if (!hasLower) return false; // nothing is known to fit both (both(takes_str, takes_int))
      upper = old;
    }
  }
  // A declared bound narrower than what the parameter takes is the better upper bound
  // (Callable[[N], object] given (x: object) -> None, N bound to int, solves N as int).
  if (src->bound && !src->isSelf() && !upper->isAnyOrUnknown() &&
      Assigner(services_).assign(upper, src->bound))
    upper = src->bound;
  if (!src->constraints.empty() && !hasLower) {
    // A constrained variable becomes one of its constraints: some must fit the bound, and
    // which one is not known from a bound alone (Unknown, as in pyright).
    bool fits = std::any_of(src->constraints.begin(), src->constraints.end(),
                            [&](const Type* c) { return Assigner(services_).assign(upper, c); });
    if (!fits) return false;
    solution_->setUpperBound(src, upper, services_.arena().unknown());
    return true;
  }
  solution_->setUpperBound(src, upper);
  return true;
}

const InstanceType* Assigner::asInstanceForNominal(const Type* src) {
  TypeArena& arena = services_.arena();
  auto known = [&](KnownClass which) -> const InstanceType* {
    const ClassInfo* cls = services_.knownClass(which);
    return cls ? arena.instance(cls) : nullptr;
  };
  switch (src->kind) {
  case TypeKind::Instance: return src->as<InstanceType>();
  case TypeKind::None: return known(KnownClass::NoneType);
  case TypeKind::ClassObject: {
    auto co = src->as<ClassObjectType>();
    if (auto inst = co->instance->as<InstanceType>()) {
      const ClassDetails& details = services_.classDetails(inst->cls);
      if (details.metaclass)
        if (auto meta = details.metaclass->as<InstanceType>()) return meta;
    }
    return known(KnownClass::Type);
  }
  case TypeKind::Function:
  case TypeKind::Overloaded: return known(KnownClass::Function);
  case TypeKind::Module: return known(KnownClass::Module);
  case TypeKind::TypeGuard: return known(KnownClass::Bool);
  case TypeKind::Property: return known(KnownClass::Property);
  case TypeKind::TypeAlias: return known(KnownClass::TypeAliasType);
  default: return nullptr;
  }
}

bool Assigner::assignToInstance(const InstanceType* dest, const Type* src, uint16_t flags) {
  if (isObjectClass(dest->cls) && !dest->isLiteral()) return true;
  if (src->is<SpecialFormType>()) return true; // typing's special forms: too odd to judge
  const ClassDetails& destDetails = services_.classDetails(dest->cls);
  const InstanceType* srcInst = asInstanceForNominal(src);
  if (srcInst && srcInst != src && !src->is<ClassObjectType>() && !src->isNone() &&
      !destDetails.has(ClassProtocol)) {
    // A function, module or TypeGuard compared nominally as its runtime class.
    return assignInstanceToInstance(dest, srcInst, flags);
  }
  if (destDetails.has(ClassProtocol)) {
    if (srcInst && derivesFrom(srcInst->cls, dest->cls, services_))
      return assignInstanceToInstance(dest, srcInst, flags);
    return assignToProtocol(dest, src, flags);
  }
  if (src->isNone()) return srcInst && assignInstanceToInstance(dest, srcInst, flags);
  if (!srcInst) return false;
  return assignInstanceToInstance(dest, srcInst, flags);
}

bool Assigner::assignInstanceToInstance(const InstanceType* dest, const InstanceType* src,
                                        uint16_t flags) {
  if (dest == src) return true;
  // Literals: the same value of the same class, or LiteralString for str literals.
  if (dest->isLiteral())
    return src->isLiteral() && src->literal == dest->literal && src->cls == dest->cls;
  if (dest->flags & InstanceLiteralString) {
    if (src->flags & InstanceLiteralString) return true;
    return src->isLiteral() && src->literal.kind == LiteralKind::Str;
  }
  if (isObjectClass(dest->cls)) return true;
  if (promotes(dest->cls, src->cls) && !dest->isLiteral()) return true;
  // TypedDicts are compared item by item, whatever their bases.
  if (const TypedDictSchema* destSchema = services_.typedDictSchema(dest->cls))
    if (const TypedDictSchema* srcSchema = services_.typedDictSchema(src->cls))
      return assignTypedDict(dest, *destSchema, src, *srcSchema, flags);
  if (const TypedDictSchema* srcSchema = services_.typedDictSchema(src->cls))
    if (int r = assignTypedDictToMapping(dest, src, *srcSchema, flags); r >= 0) return r == 1;
  const InstanceType* base = findBase(src, dest->cls, services_);
  if (!base) {
    // An unresolvable base might be anything: do not report.
    if (hasUnknownBase(src->cls, services_)) return true;
    // A TypeGuard/TypeIs result is a bool; a bool is an int.
    return false;
  }
  if (dest->hasTupleElements() || src->hasTupleElements()) {
    if (dest->hasTupleElements()) {
      if (base == src && src->hasTupleElements()) return assignTuple(dest, src, flags);
      // A tuple subclass (NamedTuple) against a tuple shape: compare through its tuple base.
      if (base->hasTupleElements()) return assignTuple(dest, base, flags);
      TupleElement e{base->typeArgs.empty() ? services_.arena().unknown() : base->typeArgs[0],
                     true};
      auto open = services_.arena().tuple(dest->cls, {&e, 1});
      return assignTuple(dest, open, flags);
    }
  }
  if (dest->typeArgs.empty()) return true; // an unspecialized destination takes any arguments
  return assignTypeArgs(dest, base, flags);
}

bool Assigner::assignTypeArgs(const InstanceType* dest, const InstanceType* srcBase,
                              uint16_t flags) {
  const ClassDetails& details = services_.classDetails(dest->cls);
  auto params = details.typeParams;
  std::vector<const Type*> storage;
  auto srcArgs = typeArgsOrUnknown(srcBase, services_, storage);
  for (size_t i = 0; i < dest->typeArgs.size() && i < srcArgs.size(); ++i) {
    const Type* d = dest->typeArgs[i];
    const Type* s = srcArgs[i];
    Variance variance = i < params.size() ? params[i]->variance : Variance::Covariant;
    if (i < params.size() && params[i]->isParamSpec()) {
      auto df = d->as<FunctionType>();
      auto sf = s->as<FunctionType>();
      if (df && sf) {
        if (!assignFunction(df, sf, flags)) return false;
        continue;
      }
      if (!assign(d, s, flags)) return false;
      continue;
    }
    uint16_t inner = flags & ~(AssignStripLiterals | AssignInvariant);
    switch (variance) {
    case Variance::Covariant:
    case Variance::Inferred:
      if (!assign(d, s, inner)) return false;
      break;
    case Variance::Contravariant:
      if (!assign(s, d, inner)) return false;
      break;
    case Variance::Invariant:
      if (!equivalent(d, s, inner)) return false;
      break;
    }
  }
  return true;
}

bool Assigner::assignTuple(const InstanceType* dest, const InstanceType* src, uint16_t flags) {
  auto d = dest->tupleElements;
  auto s = src->tupleElements;
  uint16_t inner = flags & ~(AssignStripLiterals | AssignInvariant);
  auto unboundedIndex = [](std::span<const TupleElement> elements) -> int {
    for (size_t i = 0; i < elements.size(); ++i)
      if (elements[i].unbounded) return static_cast<int>(i);
    for (size_t i = 0; i < elements.size(); ++i) {
      if (auto tv = elements[i].type->as<TypeVarType>(); tv && tv->isTypeVarTuple())
        return static_cast<int>(i);
    }
    return -1;
  };
  int du = unboundedIndex(d);
  int su = unboundedIndex(s);
  // A solvable *Ts in the destination takes the middle of the source.
  if (du >= 0 && !d[du].unbounded) {
    auto tv = d[du].type->as<TypeVarType>();
    size_t prefix = static_cast<size_t>(du);
    size_t suffix = d.size() - prefix - 1;
    if (s.size() < prefix + suffix && su < 0) return false;
    for (size_t i = 0; i < prefix; ++i)
      if (i >= s.size() || s[i].unbounded || !assign(d[i].type, s[i].type, inner)) return false;
    for (size_t i = 0; i < suffix; ++i) {
      const TupleElement& se = s[s.size() - 1 - i];
      if (se.unbounded || !assign(d[d.size() - 1 - i].type, se.type, inner)) return false;
    }
    std::vector<TupleElement> middle(s.begin() + prefix, s.end() - suffix);
    auto packed = services_.arena().tuple(dest->cls, middle, true);
    if (solution_ && solution_->isSolvable(tv)) {
      const Type* existing = solution_->get(tv);
      if (!existing) solution_->set(tv, packed);
      return !existing || isSameType(existing, packed) || existing->isAnyOrUnknown() ||
             (Assigner(services_).assign(existing, packed));
    }
    return middle.size() == 1 && middle[0].type == d[du].type;
  }
  if (du < 0) {
    if (su >= 0) {
      // tuple[int, ...] is not known to have exactly N elements; Any-typed is accepted.
      if (s.size() == 1 && s[0].type->isAnyOrUnknown()) return true;
      return false;
    }
    if (d.size() != s.size()) return false;
    for (size_t i = 0; i < d.size(); ++i)
      if (!assign(d[i].type, s[i].type, inner)) return false;
    return true;
  }
  // The destination has an unbounded part: prefix, then any number of the middle, then suffix.
  size_t prefix = static_cast<size_t>(du);
  size_t suffix = d.size() - prefix - 1;
  if (su < 0) {
    if (s.size() < prefix + suffix) return false;
    for (size_t i = 0; i < prefix; ++i)
      if (!assign(d[i].type, s[i].type, inner)) return false;
    for (size_t i = 0; i < suffix; ++i)
      if (!assign(d[d.size() - 1 - i].type, s[s.size() - 1 - i].type, inner)) return false;
    for (size_t i = prefix; i < s.size() - suffix; ++i)
      if (!assign(d[du].type, s[i].type, inner)) return false;
    return true;
  }
  // Both unbounded: compare element by element where they overlap and every source element
  // against the destination's repeated part.
  size_t sprefix = static_cast<size_t>(su);
  size_t ssuffix = s.size() - sprefix - 1;
  if (sprefix < prefix || ssuffix < suffix) {
    if (s.size() == 1 && s[0].type->isAnyOrUnknown()) return true;
    return false;
  }
  for (size_t i = 0; i < prefix; ++i)
    if (!assign(d[i].type, s[i].type, inner)) return false;
  for (size_t i = 0; i < suffix; ++i)
    if (!assign(d[d.size() - 1 - i].type, s[s.size() - 1 - i].type, inner)) return false;
  for (size_t i = prefix; i < s.size() - suffix; ++i)
    if (!assign(d[du].type, s[i].type, inner)) return false;
  return true;
}

bool Assigner::assignToProtocol(const InstanceType* dest, const Type* src, uint16_t flags) {
  for (auto& [d, s] : inProgress_)
    if (d == dest && s == src) return true; // recursive protocol: assume it holds
  inProgress_.emplace_back(dest, src);
  bool ok = true;
  for (Name name : services_.protocolMembers(dest->cls)) {
    const Type* srcMember = services_.memberTypeForProtocol(src, name);
    if (!srcMember) {
      // A class with an unknown base may have it.
      if (auto inst = src->as<InstanceType>(); inst && hasUnknownBase(inst->cls, services_))
        continue;
      note_ = "\"" + std::string(name.text()) + "\" is not present";
      ok = false;
      break;
    }
    const Type* destMember = services_.memberTypeForProtocol(dest, name);
    if (!destMember) continue;
    if (!assign(destMember, srcMember, flags & ~(AssignStripLiterals | AssignInvariant))) {
      note_ = "\"" + std::string(name.text()) + "\" is an incompatible type";
      ok = false;
      break;
    }
  }
  inProgress_.pop_back();
  return ok;
}

bool Assigner::assignToClassObject(const ClassObjectType* dest, const Type* src, uint16_t flags) {
  const Type* destInner = dest->instance;
  if (auto co = src->as<ClassObjectType>()) {
    // type[Base] accepts type[Derived]; a protocol's class object takes any matching class.
    if (auto di = destInner->as<InstanceType>()) {
      if (auto si = co->instance->as<InstanceType>()) {
        if (isObjectClass(di->cls)) return true;
        const ClassDetails& details = services_.classDetails(di->cls);
        if (details.has(ClassProtocol) && !derivesFrom(si->cls, di->cls, services_))
          return assignToProtocol(di, si, flags);
        return assignInstanceToInstance(di, si, flags & ~AssignStripLiterals);
      }
    }
    return assign(destInner, co->instance, flags & ~AssignStripLiterals);
  }
  if (auto inst = src->as<InstanceType>()) {
    // An instance of `type` (or a metaclass) is some class: accept for type[Any]/type[object].
    if (inst->cls->qualifiedName == "builtins.type") {
      if (inst->typeArgs.empty()) return true;
      return assign(destInner, inst->typeArgs[0], flags);
    }
    const ClassDetails& details = services_.classDetails(inst->cls);
    for (const Type* m : details.mro)
      if (auto mi = m->as<InstanceType>(); mi && mi->cls->qualifiedName == "builtins.type")
        return true;
    return false;
  }
  if (auto tv = src->as<TypeVarType>(); tv && (tv->flags & TypeVarInstantiable)) {
    TypeVarType plain = *tv;
    plain.flags &= ~TypeVarInstantiable;
    return assign(destInner, services_.arena().typeVar(plain), flags);
  }
  if (src->is<SpecialFormType>()) return true;
  return false;
}

const Type* Assigner::callableOf(const Type* src) {
  switch (src->kind) {
  case TypeKind::Function:
  case TypeKind::Overloaded: return src;
  case TypeKind::ClassObject:
  case TypeKind::Instance: return services_.memberTypeForProtocol(src, parser::names::dunderCall);
  default: return nullptr;
  }
}

bool Assigner::assignToCallable(const FunctionType* dest, const Type* src, uint16_t flags) {
  const Type* callable = callableOf(src);
  if (!callable) {
    if (auto inst = src->as<InstanceType>(); inst && hasUnknownBase(inst->cls, services_))
      return true;
    return false;
  }
  if (callable->isAnyOrUnknown()) return true;
  if (auto fn = callable->as<FunctionType>()) return assignFunction(dest, fn, flags);
  if (auto o = callable->as<OverloadedType>()) {
    for (const FunctionType* f : o->overloads) {
      std::vector<TypeVarSolution::Entry> snapshot;
      if (solution_) snapshot = solution_->save();
      if (assignFunction(dest, f, flags)) return true;
      if (solution_) solution_->restore(std::move(snapshot));
    }
    return false;
  }
  return assign(dest, callable, flags);
}

// A generic source (a generic function, a generic class's constructor) is used at the types
// the destination calls it with; what those do not fix is Unknown, as in pyright:
//
//     def apply(f: Callable[[int], T]) -> T    apply(ident) passes ident as (x: int) -> int
//     def call(f: Callable[[], T]) -> T        call(list) passes list as () -> list[Unknown]
//
// A destination parameter that still holds an unsolved variable of the call being solved
// (map(wrap, xs) before xs is seen) teaches the source nothing.
const FunctionType* Assigner::solveGenericSource(const FunctionType* dest,
                                                 const FunctionType* src) {
  TypeArena& arena = services_.arena();
  TypeVarSolution local;
  local.addSolvableScope(src->typeVarScope);
  auto passedType = [&](const Param& d) -> const Type* {
    const Type* t = d.type ? d.type : arena.unknown();
    if (!solution_ || !containsTypeVar(t)) return t;
    t = applySolution(t, *solution_, services_);
    for (const void* scope : solution_->solvableScopes())
      if (containsTypeVar(t, scope)) return nullptr;
    return t;
  };
  bool fits = true; // a bound or constraint the passed type breaks is reported as it is
  auto learn = [&](const Param& s, const Param& d) {
    if (!s.type || !containsTypeVar(s.type, src->typeVarScope)) return;
    if (const Type* passed = passedType(d)) {
      Assigner inner(services_, &local);
      fits = inner.assign(s.type, passed, AssignStripLiterals) && fits;
    }
  };
  std::vector<const Param*> srcPositional;
  for (const Param& p : src->params)
    if (p.kind == ParamKind::PositionalOnly || p.kind == ParamKind::PositionalOrKeyword)
      srcPositional.push_back(&p);
  size_t next = 0;
  for (const Param& d : dest->params) {
    if (d.kind == ParamKind::PositionalOnly || d.kind == ParamKind::PositionalOrKeyword) {
      if (next < srcPositional.size()) learn(*srcPositional[next++], d);
    } else if (d.kind == ParamKind::KeywordOnly) {
      for (const Param& s : src->params)
        if (s.name == d.name && s.kind != ParamKind::PositionalOnly) learn(s, d);
    }
  }
  if (!fits) return src;
  const Type* solved = applySolution(src, local, services_, UnsolvedToUnknown);
  auto fn = solved->as<FunctionType>();
  if (!fn) return src;
  FunctionType proto = *fn;
  proto.typeVarScope = nullptr; // nothing of its own left to solve
  return arena.function(proto);
}

bool Assigner::assignFunction(const FunctionType* dest, const FunctionType* src, uint16_t flags) {
  uint16_t inner = (flags & ~(AssignStripLiterals | AssignInvariant));
  if (src->typeVarScope && src->typeVarScope != dest->typeVarScope &&
      !(solution_ && solution_->isSolvableScope(src->typeVarScope)) &&
      containsTypeVar(src, src->typeVarScope))
    src = solveGenericSource(dest, src);
  // Returns are covariant.
  const Type* destRet = returnTypeOf(dest, &services_, services_.arena().unknown());
  const Type* srcRet = returnTypeOf(src, &services_, services_.arena().unknown());
  auto checkReturn = [&] {
    if (dest->has(FunctionParamSpecValue)) return true;
    return assign(destRet, srcRet, inner);
  };
  if (src->has(FunctionGradual) && !src->paramSpec) return checkReturn();

  // A destination ending in **P with P solvable takes whatever parameters are left over.
  auto destParams = dest->params;
  auto srcParams = src->params;

  // Positional parameters of the destination, in order.
  std::vector<const Param*> destPositional;
  const Param* destVarPos = nullptr;
  const Param* destVarKw = nullptr;
  std::vector<const Param*> destKeywordOnly;
  for (const Param& p : destParams) {
    switch (p.kind) {
    case ParamKind::PositionalOnly:
    case ParamKind::PositionalOrKeyword: destPositional.push_back(&p); break;
    case ParamKind::VarPositional: destVarPos = &p; break;
    case ParamKind::KeywordOnly: destKeywordOnly.push_back(&p); break;
    case ParamKind::VarKeyword: destVarKw = &p; break;
    }
  }
  if (dest->has(FunctionGradual) && !dest->paramSpec) return checkReturn();
  // Keywords typed by `**kwargs: Unpack[TD]` may carry the keys of a TD subclass: only a source
  // that takes arbitrary keywords (or the same unpacked TypedDict) accepts them all.
  auto unpacked = [](const Param& p) { return (p.flags & ParamUnpackedKwargs) != 0; };
  if (std::any_of(destParams.begin(), destParams.end(), unpacked) &&
      std::none_of(srcParams.begin(), srcParams.end(), unpacked) &&
      std::none_of(srcParams.begin(), srcParams.end(),
                   [](const Param& p) { return p.kind == ParamKind::VarKeyword; })) {
    note_ = "Source does not accept the keywords of a TypedDict's subclasses (**kwargs)";
    return false;
  }

  std::vector<const Param*> srcPositional;
  const Param* srcVarPos = nullptr;
  const Param* srcVarKw = nullptr;
  std::vector<const Param*> srcKeywordOnly;
  for (const Param& p : srcParams) {
    switch (p.kind) {
    case ParamKind::PositionalOnly:
    case ParamKind::PositionalOrKeyword: srcPositional.push_back(&p); break;
    case ParamKind::VarPositional: srcVarPos = &p; break;
    case ParamKind::KeywordOnly: srcKeywordOnly.push_back(&p); break;
    case ParamKind::VarKeyword: srcVarKw = &p; break;
    }
  }

  auto paramType = [&](const Param* p) { return p->type ? p->type : services_.arena().unknown(); };
  // Parameters are contravariant: what the destination passes must fit the source.
  // A solvable variable in what is passed learns an upper bound there (assignFromTypeVar);
  // `*args: *Ts` and P.args/P.kwargs take the source's parameters whole instead.
  auto accepts = [&](const Param* srcParam, const Type* passed) {
    if (auto tv = passed->as<TypeVarType>();
        tv && solution_ &&
        (tv->isTypeVarTuple() || tv->isParamSpec() || (tv->flags & (TypeVarArgs | TypeVarKwargs))))
      return assign(passed, paramType(srcParam), inner);
    return assign(paramType(srcParam), passed, inner);
  };

  // A destination with **P solvable: bind P to the source's remaining parameters.
  if (dest->paramSpec) {
    auto tv = dest->paramSpec->as<TypeVarType>();
    size_t n = destPositional.size();
    if (srcPositional.size() < n && !srcVarPos) return false;
    for (size_t i = 0; i < n && i < srcPositional.size(); ++i)
      if (!accepts(srcPositional[i], paramType(destPositional[i]))) return false;
    if (tv && solution_ && solution_->isSolvable(tv)) {
      FunctionType rest;
      std::vector<Param> remaining;
      size_t skipped = 0;
      for (const Param& p : srcParams) {
        if ((p.kind == ParamKind::PositionalOnly || p.kind == ParamKind::PositionalOrKeyword) &&
            skipped < n) {
          ++skipped;
          continue;
        }
        remaining.push_back(p);
      }
      rest.params = remaining;
      rest.paramSpec = src->paramSpec;
      rest.fnFlags = FunctionParamSpecValue | (src->fnFlags & FunctionGradual);
      const FunctionType* value = services_.arena().function(rest);
      if (!solution_->get(tv)) solution_->set(tv, value);
    } else if (src->paramSpec != dest->paramSpec) {
      if (!src->has(FunctionGradual)) return false;
    }
    return checkReturn();
  }

  // Each positional parameter of the destination is passed to the source.
  for (size_t i = 0; i < destPositional.size(); ++i) {
    const Param* d = destPositional[i];
    const Param* s = i < srcPositional.size() ? srcPositional[i] : nullptr;
    if (s && s->kind == ParamKind::PositionalOrKeyword &&
        d->kind == ParamKind::PositionalOrKeyword && d->name && s->name && d->name != s->name &&
        !dest->has(FunctionSynthesized)) {
      note_ = "Parameter name mismatch: \"" + std::string(s->name.text()) + "\" versus \"" +
              std::string(d->name.text()) + "\"";
      return false;
    }
    if (!s) {
      if (!srcVarPos) {
        note_ = "Extra parameter \"" + std::string(d->name ? d->name.text() : "") + "\"";
        return false;
      }
      s = srcVarPos;
    }
    if (!accepts(s, paramType(d))) return false;
    // A keyword-capable destination parameter needs a keyword-capable source one.
    if (d->kind == ParamKind::PositionalOrKeyword && s->kind == ParamKind::PositionalOnly &&
        !dest->has(FunctionSynthesized) && d->name)
      return false;
  }
  // Source positional parameters the destination never passes need defaults (or *args).
  for (size_t i = destPositional.size(); i < srcPositional.size(); ++i) {
    const Param* s = srcPositional[i];
    if (s->hasDefault()) continue;
    if (destVarPos) {
      if (!accepts(s, paramType(destVarPos))) return false;
      continue;
    }
    // May still be passed by keyword from the destination's keyword-only parameters.
    bool byKeyword = s->kind == ParamKind::PositionalOrKeyword &&
                     std::any_of(destKeywordOnly.begin(), destKeywordOnly.end(),
                                 [&](const Param* k) { return k->name == s->name; });
    if (!byKeyword && !(destVarKw && s->kind == ParamKind::PositionalOrKeyword)) {
      note_ = "Extra parameter \"" + std::string(s->name.text()) + "\"";
      return false;
    }
  }
  if (destVarPos) {
    if (!srcVarPos) {
      if (auto tv = destVarPos->type ? destVarPos->type->as<TypeVarType>() : nullptr;
          tv && tv->isTypeVarTuple())
        return checkReturn();
      note_ = "Parameter \"*" + std::string(destVarPos->name.text()) +
              "\" has no corresponding parameter";
      return false;
    }
    if (!accepts(srcVarPos, paramType(destVarPos))) return false;
  }
  // Keyword-only parameters of the destination go to a source parameter of that name.
  for (const Param* d : destKeywordOnly) {
    const Param* match = nullptr;
    for (const Param* s : srcKeywordOnly)
      if (s->name == d->name) match = s;
    for (const Param* s : srcPositional)
      if (s->name == d->name && s->kind == ParamKind::PositionalOrKeyword) match = s;
    if (!match) match = srcVarKw;
    if (!match) {
      note_ = "Keyword parameter \"" + std::string(d->name.text()) + "\" is missing";
      return false;
    }
    if (!accepts(match, paramType(d))) return false;
  }
  for (const Param* s : srcKeywordOnly) {
    if (s->hasDefault()) continue;
    bool passed = std::any_of(destKeywordOnly.begin(), destKeywordOnly.end(),
                              [&](const Param* d) { return d->name == s->name; });
    if (!passed && !destVarKw) {
      note_ = "Keyword parameter \"" + std::string(s->name.text()) + "\" is missing in destination";
      return false;
    }
  }
  if (destVarKw) {
    if (!srcVarKw) {
      note_ = "Parameter \"**" + std::string(destVarKw->name.text()) +
              "\" has no corresponding parameter";
      return false;
    }
    if (!accepts(srcVarKw, paramType(destVarKw))) return false;
  }
  return checkReturn();
}

} // namespace shrike::checker
