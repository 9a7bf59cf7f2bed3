// Solution: binding type variables and substituting them through every kind of type.
#include "checker/types/Solution.h"

#include <algorithm>

#include "checker/types/TypeArena.h"

namespace shrike::checker {

bool TypeVarSolution::isSolvable(const TypeVarType* tv) const {
  return tv->scope && std::find(scopes_.begin(), scopes_.end(), tv->scope) != scopes_.end();
}

const Type* TypeVarSolution::get(const TypeVarType* tv) const {
  for (const Entry& e : entries_)
    if (e.name == tv->name && e.scope == tv->scope) return e.type;
  return nullptr;
}

void TypeVarSolution::set(const TypeVarType* tv, const Type* type) {
  for (Entry& e : entries_) {
    if (e.name == tv->name && e.scope == tv->scope) {
      e.type = type;
      e.hasLower = true;
      return;
    }
  }
  entries_.push_back({tv->name, tv->scope, type});
}

const Type* TypeVarSolution::upperBound(const TypeVarType* tv) const {
  for (const Entry& e : entries_)
    if (e.name == tv->name && e.scope == tv->scope) return e.upper;
  return nullptr;
}

bool TypeVarSolution::hasLowerBound(const TypeVarType* tv) const {
  for (const Entry& e : entries_)
    if (e.name == tv->name && e.scope == tv->scope) return e.hasLower;
  return false;
}

void TypeVarSolution::setUpperBound(const TypeVarType* tv, const Type* upper, const Type* standIn) {
  if (!standIn) standIn = upper;
  for (Entry& e : entries_) {
    if (e.name == tv->name && e.scope == tv->scope) {
      e.upper = upper;
      if (!e.hasLower) e.type = standIn;
      return;
    }
  }
  entries_.push_back({tv->name, tv->scope, standIn, upper, false});
}

void TypeVarSolution::upperBoundsToValues() {
  for (Entry& e : entries_) {
    if (e.hasLower) continue;
    e.hasLower = true;
    e.upper = nullptr;
  }
}

void TypeVarSolution::setForDefaults(const TypeVarType* tv, const Type* type) {
  set(tv, type);
  if (!tv->scope) return;
  bool found = false;
  for (Entry& e : entries_) {
    if (e.name == tv->name && !e.scope) {
      e.type = type;
      found = true;
    }
  }
  if (!found) entries_.push_back({tv->name, nullptr, type});
}

void TypeVarSolution::setAll(std::span<const TypeVarType* const> params,
                             std::span<const Type* const> args) {
  for (size_t i = 0; i < params.size() && i < args.size(); ++i) set(params[i], args[i]);
}

namespace {

class Substituter {
public:
  Substituter(const TypeVarSolution& solution, TypeServices& services, uint8_t flags)
      : solution_(solution), services_(services), arena_(services.arena()), flags_(flags) {}

  const Type* apply(const Type* type) {
    if (depth_ > 48) return type;
    ++depth_;
    const Type* result = applyInner(type);
    --depth_;
    return result;
  }

private:
  // The solved value of a variable, or null when it stays as it is.
  const Type* lookup(const TypeVarType* tv) {
    if (const Type* t = solution_.get(tv))
      if (!(flags_ & LowerBoundsOnly) || solution_.hasLowerBound(tv)) return t;
    if (solution_.isSolvable(tv)) {
      if ((flags_ & UnsolvedToDefault) && tv->defaultType) return apply(tv->defaultType);
      if (flags_ & (UnsolvedToUnknown | UnsolvedToDefault)) {
        if (tv->isParamSpec()) return gradualParams();
        if (tv->isTypeVarTuple()) {
          TupleElement e{arena_.unknown(), true};
          return arena_.tuple(tupleClass(), {&e, 1}, true);
        }
        return arena_.unknown();
      }
    }
    return nullptr;
  }

  const ClassInfo* tupleClass() { return services_.knownClass(KnownClass::Tuple); }

  const FunctionType* gradualParams() {
    FunctionType proto;
    Param params[2];
    params[0].name = parser::intern("args");
    params[0].kind = ParamKind::VarPositional;
    params[0].type = arena_.unknown();
    params[0].flags = ParamHasDeclaredType;
    params[1].name = parser::intern("kwargs");
    params[1].kind = ParamKind::VarKeyword;
    params[1].type = arena_.unknown();
    params[1].flags = ParamHasDeclaredType;
    proto.params = params;
    proto.fnFlags = FunctionParamSpecValue | FunctionGradual | FunctionSynthesized;
    return arena_.function(proto);
  }

  const Type* applyTypeVar(const TypeVarType* tv) {
    const Type* value = lookup(tv);
    if (!value) return tv;
    constexpr uint8_t useFlags =
        TypeVarArgs | TypeVarKwargs | TypeVarUnpacked | TypeVarInstantiable;
    if (auto other = value->as<TypeVarType>(); other && (tv->flags & useFlags)) {
      // One variable renamed to another (rescoping): the use keeps its form.
      TypeVarType proto = *other;
      proto.flags = static_cast<uint8_t>((proto.flags & ~useFlags) | (tv->flags & useFlags));
      return arena_.typeVar(proto);
    }
    if (tv->flags & TypeVarInstantiable) return arena_.classObject(value);
    if (tv->flags & (TypeVarArgs | TypeVarKwargs)) {
      // P.args / P.kwargs of a solved ParamSpec: keep the access on a ParamSpec, else widen.
      if (auto other = value->as<TypeVarType>(); other && other->isParamSpec()) {
        TypeVarType proto = *other;
        proto.flags = (proto.flags & ~(TypeVarArgs | TypeVarKwargs)) |
                      (tv->flags & (TypeVarArgs | TypeVarKwargs));
        return arena_.typeVar(proto);
      }
      if (tv->flags & TypeVarArgs) {
        TupleElement e{arena_.unknown(), true};
        return arena_.tuple(tupleClass(), {&e, 1});
      }
      return arena_.unknown();
    }
    if (tv->isTypeVarTuple()) {
      // *Ts solved to (unpacked) tuple[int, str]: keep it unpacked where Ts was unpacked.
      if (auto inst = value->as<InstanceType>())
        return arena_.withUnpacked(inst, (tv->flags & TypeVarUnpacked) != 0);
      return value;
    }
    return value;
  }

  const Type* applyInner(const Type* type) {
    switch (type->kind) {
    case TypeKind::TypeVar: return applyTypeVar(type->as<TypeVarType>());
    case TypeKind::Instance: return applyInstance(type->as<InstanceType>());
    case TypeKind::ClassObject: {
      auto co = type->as<ClassObjectType>();
      const Type* inner = apply(co->instance);
      if (inner == co->instance) return type;
      if (auto innerCo = inner->as<ClassObjectType>()) return innerCo; // type[type[X]] stays simple
      return arena_.classObject(inner);
    }
    case TypeKind::Union: {
      auto u = type->as<UnionType>();
      std::vector<const Type*> members;
      bool changed = false;
      for (const Type* m : u->members) {
        const Type* n = apply(m);
        changed |= n != m;
        members.push_back(n);
      }
      return changed ? arena_.unionOf(members) : type;
    }
    case TypeKind::Function: return applyFunction(type->as<FunctionType>());
    case TypeKind::Overloaded: {
      auto o = type->as<OverloadedType>();
      std::vector<const FunctionType*> overloads;
      bool changed = false;
      for (const FunctionType* f : o->overloads) {
        auto n = applyFunction(f);
        changed |= n != f;
        overloads.push_back(n);
      }
      const FunctionType* impl = o->implementation ? applyFunction(o->implementation) : nullptr;
      changed |= impl != o->implementation;
      return changed ? arena_.overloaded(overloads, impl) : type;
    }
    case TypeKind::Property: {
      auto p = type->as<PropertyType>();
      auto get = p->getter ? apply(p->getter) : nullptr;
      auto set = p->setter ? apply(p->setter) : nullptr;
      auto del = p->deleter ? apply(p->deleter) : nullptr;
      if (get == p->getter && set == p->setter && del == p->deleter) return type;
      return arena_.property(get, set, del);
    }
    case TypeKind::TypeGuard: {
      auto g = type->as<TypeGuardType>();
      const Type* n = apply(g->narrowed);
      return n == g->narrowed ? type : arena_.typeGuard(n, g->isTypeIs());
    }
    case TypeKind::TypeAlias: {
      auto a = type->as<TypeAliasType>();
      if (a->typeArgs.empty()) return type;
      std::vector<const Type*> args;
      bool changed = false;
      for (const Type* t : a->typeArgs) {
        const Type* n = apply(t);
        changed |= n != t;
        args.push_back(n);
      }
      return changed ? arena_.typeAlias(a->name, a->decl, a->module, args) : type;
    }
    default: return type;
    }
  }

  const Type* applyInstance(const InstanceType* inst) {
    if (inst->typeArgs.empty() && !inst->hasTupleElements()) return inst;
    if (inst->hasTupleElements()) {
      std::vector<TupleElement> elements;
      bool changed = false;
      for (const TupleElement& e : inst->tupleElements) {
        const Type* n = apply(e.type);
        changed |= n != e.type;
        // A solved *Ts inside a tuple splices its elements in.
        if (auto tv = e.type->as<TypeVarType>(); tv && tv->isTypeVarTuple() && n != e.type) {
          if (auto t = n->as<InstanceType>(); t && t->hasTupleElements()) {
            for (const TupleElement& ie : t->tupleElements) elements.push_back(ie);
            continue;
          }
          elements.push_back({arena_.unknown(), true});
          continue;
        }
        if (auto t = n->as<InstanceType>();
            t && t->isUnpacked() && t->hasTupleElements() && !e.unbounded) {
          for (const TupleElement& ie : t->tupleElements) elements.push_back(ie);
          continue;
        }
        elements.push_back({n, e.unbounded});
      }
      if (!changed) return inst;
      return arena_.tuple(inst->cls, elements, inst->isUnpacked());
    }
    std::vector<const Type*> args;
    bool changed = false;
    for (const Type* t : inst->typeArgs) {
      const Type* n = apply(t);
      changed |= n != t;
      args.push_back(n);
    }
    return changed ? arena_.withTypeArgs(inst, args) : inst;
  }

  const FunctionType* applyFunction(const FunctionType* fn) {
    FunctionType proto = *fn;
    std::vector<Param> params;
    params.reserve(fn->params.size());
    bool changed = false;
    for (const Param& p : fn->params) {
      Param n = p;
      if (p.type) n.type = apply(p.type);
      changed |= n.type != p.type;
      // *args: *Ts with Ts solved to a tuple of known elements becomes positional parameters.
      if (p.kind == ParamKind::VarPositional && n.type != p.type) {
        if (auto tv = p.type->as<TypeVarType>(); tv && tv->isTypeVarTuple()) {
          if (auto t = n.type->as<InstanceType>(); t && t->hasTupleElements()) {
            bool allBounded = std::none_of(t->tupleElements.begin(), t->tupleElements.end(),
                                           [](const TupleElement& e) { return e.unbounded; });
            if (allBounded) {
              for (const TupleElement& e : t->tupleElements) {
                Param positional;
                positional.kind = ParamKind::PositionalOnly;
                positional.type = e.type;
                positional.flags = ParamHasDeclaredType;
                params.push_back(positional);
              }
              continue;
            }
            if (t->tupleElements.size() == 1) n.type = t->tupleElements[0].type;
          }
        }
      }
      params.push_back(n);
    }
    const Type* ret = fn->returnType ? apply(fn->returnType) : nullptr;
    changed |= ret != fn->returnType;
    const Type* boundTo = fn->boundTo ? apply(fn->boundTo) : nullptr;
    changed |= boundTo != fn->boundTo;
    const Type* paramSpec = fn->paramSpec;
    if (paramSpec) {
      const Type* value = nullptr;
      if (auto tv = paramSpec->as<TypeVarType>()) value = lookup(tv);
      if (value) {
        changed = true;
        if (auto spec = value->as<FunctionType>()) {
          for (const Param& p : spec->params) params.push_back(p);
          paramSpec = spec->paramSpec;
          if (spec->has(FunctionGradual)) proto.fnFlags |= FunctionGradual;
        } else if (value->as<TypeVarType>()) {
          paramSpec = value;
        } else {
          paramSpec = nullptr;
        }
      }
    }
    if (!changed) return fn;
    proto.params = params;
    proto.returnType = ret;
    proto.boundTo = boundTo;
    proto.paramSpec = paramSpec;
    // An unannotated function's inferred return cannot be specialized: keep it inferred.
    if (!fn->returnType) proto.returnType = nullptr;
    return arena_.function(proto);
  }

  const TypeVarSolution& solution_;
  TypeServices& services_;
  TypeArena& arena_;
  uint8_t flags_;
  int depth_ = 0;
};

// True when `found` says so of some type variable `type` mentions (walked depth first).
template <class Found> bool anyTypeVar(const Type* type, Found&& found, int depth) {
  if (depth > 32) return false;
  switch (type->kind) {
  case TypeKind::TypeVar: return found(type->as<TypeVarType>());
  case TypeKind::Instance: {
    auto inst = type->as<InstanceType>();
    for (const Type* t : inst->typeArgs)
      if (anyTypeVar(t, found, depth + 1)) return true;
    for (const TupleElement& e : inst->tupleElements)
      if (anyTypeVar(e.type, found, depth + 1)) return true;
    return false;
  }
  case TypeKind::ClassObject:
    return anyTypeVar(type->as<ClassObjectType>()->instance, found, depth + 1);
  case TypeKind::Union:
    for (const Type* m : type->as<UnionType>()->members)
      if (anyTypeVar(m, found, depth + 1)) return true;
    return false;
  case TypeKind::Function: {
    auto fn = type->as<FunctionType>();
    for (const Param& p : fn->params)
      if (p.type && anyTypeVar(p.type, found, depth + 1)) return true;
    if (fn->returnType && anyTypeVar(fn->returnType, found, depth + 1)) return true;
    return fn->paramSpec && anyTypeVar(fn->paramSpec, found, depth + 1);
  }
  case TypeKind::Overloaded:
    for (const FunctionType* f : type->as<OverloadedType>()->overloads)
      if (anyTypeVar(f, found, depth + 1)) return true;
    return false;
  case TypeKind::TypeGuard:
    return anyTypeVar(type->as<TypeGuardType>()->narrowed, found, depth + 1);
  default: return false;
  }
}

} // namespace

const Type* applySolution(const Type* type, const TypeVarSolution& solution, TypeServices& services,
                          uint8_t flags) {
  if (!type) return type;
  if (solution.empty() && !(flags & (UnsolvedToUnknown | UnsolvedToDefault))) return type;
  Substituter substituter(solution, services, flags);
  return substituter.apply(type);
}

bool containsTypeVar(const Type* type, const void* scope) {
  return type &&
         anyTypeVar(
             type, [scope](const TypeVarType* tv) { return !scope || tv->scope == scope; }, 0);
}

void collectTypeVars(const Type* type, std::vector<const TypeVarType*>& out) {
  if (!type) return;
  anyTypeVar(
      type,
      [&](const TypeVarType* tv) {
        out.push_back(tv);
        return false;
      },
      0);
}

} // namespace shrike::checker

namespace shrike::checker {

namespace {

const TypeVarType* firstUnscopedImpl(const Type* type, int depth) {
  if (!type || depth > 32) return nullptr;
  auto first = [&](auto&& range) -> const TypeVarType* {
    for (const Type* t : range)
      if (auto tv = firstUnscopedImpl(t, depth + 1)) return tv;
    return nullptr;
  };
  switch (type->kind) {
  case TypeKind::TypeVar: {
    auto tv = type->as<TypeVarType>();
    return tv->scope || tv->isSelf() ? nullptr : tv;
  }
  case TypeKind::Instance: {
    auto inst = type->as<InstanceType>();
    if (auto tv = first(inst->typeArgs)) return tv;
    for (const TupleElement& e : inst->tupleElements)
      if (auto tv = firstUnscopedImpl(e.type, depth + 1)) return tv;
    return nullptr;
  }
  case TypeKind::ClassObject:
    return firstUnscopedImpl(type->as<ClassObjectType>()->instance, depth + 1);
  case TypeKind::Union: return first(type->as<UnionType>()->members);
  case TypeKind::Function: {
    auto fn = type->as<FunctionType>();
    for (const Param& p : fn->params)
      if (auto tv = firstUnscopedImpl(p.type, depth + 1)) return tv;
    if (auto tv = firstUnscopedImpl(fn->returnType, depth + 1)) return tv;
    return firstUnscopedImpl(fn->paramSpec, depth + 1);
  }
  case TypeKind::TypeGuard:
    return firstUnscopedImpl(type->as<TypeGuardType>()->narrowed, depth + 1);
  default: return nullptr;
  }
}

} // namespace

const TypeVarType* firstUnscopedTypeVar(const Type* type) {
  return firstUnscopedImpl(type, 0);
}

} // namespace shrike::checker
