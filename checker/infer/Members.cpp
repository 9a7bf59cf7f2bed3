// Members: attribute access — lookups through the MRO (class variables, instance variables
// assigned in methods), binding of methods, classmethods and staticmethods, properties,
// descriptors (__get__), __getattr__, the metaclass, module attributes and enum members.
//
//     x: list[int];  x.append     ->  (object: int, /) -> None    (bound, specialized)
//     C.method                    ->  (self: C, ...) -> ...        (unbound through the class)
//     Color.RED                   ->  Literal[Color.RED]
#include <algorithm>
#include <array>

#include "checker/infer/CleanRun.h"
#include "checker/infer/EvaluatorImpl.h"

namespace shrike::checker {

using namespace parser;

namespace {

// Whether every reachable declaration of a member is a `self.x += ...` (none gives a type).
bool onlyAugmentedMember(const bind::SemanticIndex& index, bind::SymbolId symbol) {
  bool any = false, other = false;
  index.forEachDeclaration(symbol, [&](bind::DeclId d) {
    const bind::Declaration& decl = index.declaration(d);
    if (decl.has(bind::DeclUnreachable)) return;
    (decl.isAugmentedMember() ? any : other) = true;
  });
  return any && !other;
}

// Whether a reachable declaration of the symbol gives it a type: an annotation, a def or a
// class (pyright's hasTypedDeclarations; an import does not).
bool hasDeclaredType(const bind::SemanticIndex& index, bind::SymbolId symbol) {
  bool typed = false;
  index.forEachDeclaration(symbol, [&](bind::DeclId d) {
    const bind::Declaration& decl = index.declaration(d);
    if (decl.has(bind::DeclUnreachable)) return;
    if (decl.kind == bind::DeclarationKind::Function || decl.kind == bind::DeclarationKind::Class ||
        ((decl.kind == bind::DeclarationKind::Variable ||
          decl.kind == bind::DeclarationKind::Parameter) &&
         decl.has(bind::DeclAnnotated)))
      typed = true;
  });
  return typed;
}

// Bound methods by (function, object), per thread: every attribute access on an instance
// binds the method again (solves self, copies the parameters, interns the result), and the
// same pairs recur all the time. Direct-mapped: a clash overwrites. Types are interned, so the
// pointers name the types; the evaluator's serial keeps another evaluator's types (perhaps
// at the same addresses) apart.
struct BoundMethodCache {
  struct Entry {
    uint64_t evaluator = 0;
    const FunctionType* fn = nullptr;
    const Type* self = nullptr;
    const FunctionType* bound = nullptr;
    bool mismatch = false;
  };
  static constexpr size_t capacity = 1u << 12;
  std::array<Entry, capacity> entries{};

  Entry& slot(const FunctionType* fn, const Type* self) {
    uint64_t h = (reinterpret_cast<uintptr_t>(fn) >> 4) * 0x9E3779B97F4A7C15ull;
    h = (h ^ (reinterpret_cast<uintptr_t>(self) >> 4)) * 0xBF58476D1CE4E5B9ull;
    return entries[(h >> 32) & (capacity - 1)];
  }
};

} // namespace

MemberLookup EvaluatorImpl::lookupClassMember(const ClassInfo* cls,
                                              const InstanceType* specializedSelf, Name name,
                                              bool skipInstanceMembers, bool skipObject) {
  MemberLookup result;
  // A member only `self.x += ...` declares: found (as Unknown) if no later class has it.
  MemberLookup augmentedOnly;
  // A member with a declared type (an annotation, a def, a class) anywhere along the MRO wins
  // over one only assignments give a type (pyright looks for a declared one first): object's
  // `__class__` property wins over `self.__class__ = ...` in a subclass. The first undeclared
  // one found is the answer when none is declared.
  MemberLookup undeclared;
  const ClassDetails& details = classDetails(cls);
  for (const Type* entry : details.mro) {
    auto inst = entry->as<InstanceType>();
    if (!inst) {
      // An unresolvable base may define anything (but a declared member beyond it wins).
      if (!undeclared.found()) undeclared.type = unknown();
      continue;
    }
    const ClassInfo* mcls = inst->cls;
    // Where a member found in this class comes from, as the specialized self sees that class.
    auto memberOwner = [&]() -> decltype(result.owner) {
      decltype(result.owner) base = specializedSelf && specializedSelf->cls != mcls
                                        ? findBase(specializedSelf, mcls, *this)
                                        : nullptr;
      if (base) return base;
      return specializedSelf && specializedSelf->cls == mcls ? specializedSelf : inst;
    };
    if (skipObject && mcls->qualifiedName == "builtins.object") continue;
    const BoundModule* module = moduleOfClass(mcls);
    auto def = static_cast<const ClassDef*>(mcls->decl);
    if (!def) {
      // A class made by a call: its fields are its members, and a named tuple's __new__
      // takes them.
      if (name == names::dunderNew && classDetails(mcls).has(ClassNamedTuple)) {
        if (const Type* made = namedTupleNewMember(mcls)) {
          result.type = made;
          result.owner = inst;
          result.isClassVar = true;
          return result;
        }
      }
      for (const Param& field : classDetails(mcls).synthesizedFields) {
        if (field.name != name) continue;
        result.type = field.type ? field.type : unknown();
        result.owner = inst;
        result.isInstanceMember = true;
        return result;
      }
      continue;
    }
    if (!module) continue;
    bind::ScopeId scope = module->index->scopeOf(def);
    if (scope == bind::noId) continue;
    bind::SymbolId symbol = module->index->localSymbol(scope, name);
    bool dataclass = isDataclass(mcls);
    if (symbol == bind::noId) {
      // Members a dataclass is given (__init__, __lt__, __hash__...) when it writes none.
      if (const Type* synthesized = dataclass ? dataclassMember(mcls, name) : nullptr) {
        result.type = synthesized;
        result.isClassVar = true;
        result.owner = memberOwner();
        return result;
      }
      continue;
    }
    if (dataclass && dataclassHidesMember(mcls, name)) continue;
    const bind::Symbol& sym = module->index->symbol(symbol);
    // Names Python gives every class body (__module__, __qualname__) count once declared.
    bool scopeName =
        sym.isScopeName() && (!sym.has(bind::SymbolImplicit) || sym.firstDecl != bind::noId);
    bool instanceOnly =
        !scopeName && (sym.has(bind::SymbolInstanceMember) || sym.has(bind::SymbolClassMember));
    if (!scopeName && !instanceOnly) continue;
    if (instanceOnly && skipInstanceMembers && !sym.has(bind::SymbolClassMember)) continue;
    if (instanceOnly && onlyAugmentedMember(*module->index, symbol)) {
      if (!augmentedOnly.found()) {
        augmentedOnly.type = unknown();
        augmentedOnly.module = module;
        augmentedOnly.symbol = symbol;
        augmentedOnly.isInstanceMember = true;
        augmentedOnly.owner = memberOwner();
      }
      continue;
    }
    ModuleTypes& owner = typesOf(*module);
    const Type* t = effectiveTypeOfSymbol(owner, symbol);
    if (t->kind == TypeKind::Unbound) continue;
    // A ClassVar or a def in the body is a class member; a plain annotation an instance one.
    if (sym.lastDecl == bind::noId) continue;
    const bind::Declaration& last = module->index->declaration(sym.lastDecl);
    result.isClassVar =
        last.kind == bind::DeclarationKind::Function || last.kind == bind::DeclarationKind::Class;
    result.type = t;
    result.module = module;
    result.symbol = symbol;
    result.isInstanceMember = instanceOnly;
    result.owner = memberOwner();
    if (hasDeclaredType(*module->index, symbol)) return result;
    if (!undeclared.found()) undeclared = result;
    result = MemberLookup{};
  }
  if (undeclared.found()) return undeclared;
  if (augmentedOnly.found()) return augmentedOnly;
  return result;
}

const Type* EvaluatorImpl::specializeMember(const Type* member, const InstanceType* owner) {
  if (!owner || owner->typeArgs.empty()) {
    if (owner && !classDetails(owner->cls).typeParams.empty()) {
      TypeVarSolution solution = specializationOf(owner, *this);
      return applySolution(member, solution, *this);
    }
    return member;
  }
  TypeVarSolution solution = specializationOf(owner, *this);
  return applySolution(member, solution, *this);
}

const Type* EvaluatorImpl::instanceOfClassValue(const Type* value) {
  if (auto co = value->as<ClassObjectType>()) return co->instance;
  // `cls` in a classmethod is type[Self@C] (an instantiable Self): its instances are Self@C.
  if (auto tv = value->as<TypeVarType>(); tv && (tv->flags & TypeVarInstantiable)) {
    TypeVarType plain = *tv;
    plain.flags &= static_cast<uint8_t>(~TypeVarInstantiable);
    return arena_.typeVar(plain);
  }
  return value;
}

const FunctionType* EvaluatorImpl::bindFirstParam(const FunctionType* fn, const Type* self,
                                                  bool* mismatch) {
  thread_local BoundMethodCache cache;
  BoundMethodCache::Entry& cached = cache.slot(fn, self);
  if (cached.evaluator == serial_ && cached.fn == fn && cached.self == self) {
    if (cached.mismatch && mismatch) *mismatch = true;
    return cached.bound;
  }
  auto bindNow = [&](bool& selfMismatch) -> const FunctionType* {
    FunctionType proto = *fn;
    std::vector<Param> rest;
    TypeVarSolution solution;
    if (fn->methodClass) {
      const Type* selfValue = instanceOfClassValue(self);
      if (!selfValue->isAnyOrUnknown()) solution.set(selfTypeVar(fn->methodClass), selfValue);
    }
    if (!fn->params.empty() && fn->params[0].kind != ParamKind::VarPositional) {
      const Param& first = fn->params[0];
      // `self: T` / `cls: type[T]` in the method's own variables: solve them from the object.
      if (first.type && (first.flags & ParamHasDeclaredType) && !self->isAnyOrUnknown()) {
        TypeVarSolution local;
        local.addSolvableScope(fn->typeVarScope);
        // An unspecialized self (a constructor solving its class) learns from `self: C[str, T]`.
        const Type* selfValue = self;
        if (auto co = self->as<ClassObjectType>()) selfValue = co->instance;
        if (auto si = selfValue->as<InstanceType>()) {
          const ClassDetails& d = classDetails(si->cls);
          bool ownParams = !d.typeParams.empty() && si->typeArgs.size() == d.typeParams.size();
          for (size_t i = 0; ownParams && i < si->typeArgs.size(); ++i)
            ownParams = si->typeArgs[i] == d.typeParams[i];
          if (ownParams) local.addSolvableScope(si->cls);
        }
        Assigner assigner(*this, &local);
        bool ok = assigner.assign(first.type, self);
        if (!ok) selfMismatch = true;
        for (const auto& e : local.entries()) {
          TypeVarType key;
          key.name = e.name;
          key.scope = e.scope;
          solution.set(arena_.typeVar(key), e.type);
        }
        if (ok && selfValue != self && false) (void)0;
      }
      rest.assign(fn->params.begin() + 1, fn->params.end());
    } else {
      rest.assign(fn->params.begin(), fn->params.end());
    }
    proto.params = rest;
    proto.boundTo = self;
    // What self was matched as (dict[str, _VT] for `self: dict[str, _VT]`): constructors use it.
    if (!fn->params.empty() && fn->params[0].kind != ParamKind::VarPositional &&
        (fn->params[0].flags & ParamHasDeclaredType) && !solution.empty() && fn->params[0].type &&
        fn->params[0].type->is<InstanceType>())
      proto.boundTo = fn->params[0].type;
    const FunctionType* bound = arena_.function(proto);
    if (solution.empty()) return bound;
    const Type* applied = applySolution(bound, solution, *this);
    return applied->as<FunctionType>() ? applied->as<FunctionType>() : bound;
  };
  // Remembered only when binding read nothing unfinished (see runCleanly).
  bool clean = false;
  bool mismatchHere = false;
  const FunctionType* bound = runCleanly(thread(), clean, [&] { return bindNow(mismatchHere); });
  if (clean) cached = {serial_, fn, self, bound, mismatchHere};
  if (mismatchHere && mismatch) *mismatch = true;
  return bound;
}

const Type* EvaluatorImpl::bindFunction(const Type* member, const Type* selfOrCls,
                                        bool throughClass, const InstanceType* owner) {
  (void)owner;
  auto bindOne = [&](const FunctionType* fn) -> const FunctionType* {
    // A bound method stored as a class attribute is not a descriptor: it stays bound.
    if (fn->has(FunctionStaticMethod) || fn->boundTo) return fn;
    if (fn->has(FunctionClassMethod)) {
      const Type* cls = selfOrCls;
      if (!throughClass) {
        if (selfOrCls->is<InstanceType>() || selfOrCls->isNone()) {
          const Type* plain = selfOrCls;
          if (auto inst = selfOrCls->as<InstanceType>()) plain = arena_.withoutLiteral(inst);
          cls = arena_.classObject(plain);
        } else if (auto tv = selfOrCls->as<TypeVarType>()) {
          TypeVarType proto = *tv;
          proto.flags |= TypeVarInstantiable;
          cls = arena_.typeVar(proto);
        }
      }
      return bindFirstParam(fn, cls);
    }
    if (throughClass) {
      // An instance method read through its class stays unbound; Self becomes the class.
      if (fn->methodClass) {
        TypeVarSolution solution;
        solution.set(selfTypeVar(fn->methodClass), instanceOfClassValue(selfOrCls));
        const Type* applied = applySolution(fn, solution, *this);
        if (auto f = applied->as<FunctionType>()) return f;
      }
      return fn;
    }
    return bindFirstParam(fn, selfOrCls);
  };
  if (auto fn = member->as<FunctionType>()) return bindOne(fn);
  if (auto o = member->as<OverloadedType>()) {
    // Overloads whose `self` annotation the object does not fit are dropped (str.upper on a
    // str is not the LiteralString overload).
    std::vector<const FunctionType*> overloads;
    for (const FunctionType* f : o->overloads) {
      bool mismatch = false;
      const FunctionType* b = nullptr;
      if (!f->has(FunctionStaticMethod) && !(throughClass && !f->has(FunctionClassMethod))) {
        const Type* target = selfOrCls;
        if (f->has(FunctionClassMethod) && !throughClass && selfOrCls->is<InstanceType>())
          target = arena_.classObject(arena_.withoutLiteral(selfOrCls->as<InstanceType>()));
        b = bindFirstParam(f, target, &mismatch);
        (void)b;
      }
      if (mismatch) continue;
      overloads.push_back(bindOne(f));
    }
    if (overloads.empty())
      for (const FunctionType* f : o->overloads) overloads.push_back(bindOne(f));
    if (overloads.size() == 1) return overloads[0];
    return arena_.overloaded(overloads, o->implementation ? bindOne(o->implementation) : nullptr);
  }
  return member;
}

// Whether a class of the MRO (before `stopAt`, when given) lists `name` in a literal
// `__slots__` (a string, or a tuple or list of strings) assigned in its body.
bool EvaluatorImpl::slotsDeclare(const ClassInfo* cls, Name name, const ClassInfo* stopAt) {
  static const Name dunderSlots = intern("__slots__");
  for (const Type* entry : classDetails(cls).mro) {
    auto inst = entry->as<InstanceType>();
    if (stopAt && inst && inst->cls == stopAt) break;
    auto def = inst ? static_cast<const ClassDef*>(inst->cls->decl) : nullptr;
    const BoundModule* module = inst ? moduleOfClass(inst->cls) : nullptr;
    if (!def || !module) continue;
    bind::ScopeId scope = module->index->scopeOf(def);
    if (scope == bind::noId) continue;
    // Most classes have no __slots__: one symbol lookup rules them out.
    if (module->index->localSymbol(scope, dunderSlots) == bind::noId) continue;
    for (const Stmt* st : def->body) {
      auto assign = st->as<Assign>();
      if (!assign || assign->targets.size() != 1 || !assign->value) continue;
      auto target = assign->targets[0]->as<NameExpr>();
      if (!target || target->id != dunderSlots) continue;
      auto matches = [&](const Expr* e) {
        auto str = e->as<StringLiteral>();
        return str && str->value == name.text();
      };
      const Expr* value = assign->value;
      if (matches(value)) return true;
      List<Expr*> elts;
      if (auto t = value->as<Tuple>()) elts = t->elts;
      if (auto l = value->as<ListExpr>()) elts = l->elts;
      for (const Expr* e : elts)
        if (matches(e)) return true;
    }
  }
  return false;
}

const Type* EvaluatorImpl::instanceMember(const Type* self, const InstanceType* inst, Name name) {
  if (auto td = asTypedDict(inst))
    if (const Type* method = typedDictMethod(td, name)) return method;
  MemberLookup m = lookupClassMember(inst->cls, inst, name, false);
  if (!m.found()) {
    // A __getattribute__ other than object's (types.SimpleNamespace), then __getattr__,
    // answers for missing attributes, as in pyright.
    if (name != names::dunderGetattr && name != names::dunderGetattribute) {
      for (Name hook : {names::dunderGetattribute, names::dunderGetattr}) {
        MemberLookup g = lookupClassMember(inst->cls, inst, hook, true, true);
        if (!g.found()) continue;
        const Type* fn = bindFunction(specializeMember(g.type, g.owner), self, false, g.owner);
        if (auto f = fn->as<FunctionType>()) return returnTypeOf(f, this, unknown());
        return unknown();
      }
    }
    // A base that could not be resolved may define anything (see classMember).
    if (hasUnknownBase(inst->cls, *this)) return unknown();
    // A name in __slots__ is an instance attribute even when only assigned through another
    // name (`self = object.__new__(cls); self._exp = ...` in __new__).
    if (slotsDeclare(inst->cls, name)) return unknown();
    return nullptr;
  }
  // A class's __slots__ entry declares the instance attribute there (pyright binds it as a
  // declaration without a type): it hides what a base says of the name, as the slot
  // descriptor does at run time. xml/dom/minidom.py's Attr lists ownerDocument, which its
  // base Node sets to None in its body.
  if (m.owner && m.owner->cls != inst->cls && slotsDeclare(inst->cls, name, m.owner->cls))
    return unknown();
  const Type* t = specializeMember(m.type, m.owner);
  if (m.isInstanceMember) return withReceiverSelf(t, m.owner->cls, self);
  // Enum members read through an instance are still members.
  if (isEnumClass(m.owner->cls)) {
    if (auto lit = t->as<InstanceType>(); lit && lit->literal.kind == LiteralKind::Enum) return t;
  }
  // What reading one kind of class-level value through an instance gives.
  auto readThrough = [&](const Type* t) -> const Type* {
    switch (t->kind) {
    case TypeKind::Function:
    case TypeKind::Overloaded:
      // A dataclass field holding a callable is set on the instance: it is not bound. So is
      // any class-body variable annotated with a callable type but not ClassVar (typing spec).
      if (dataclassFieldNamed(m.owner->cls, name)) return t;
      // Its Self means the object it is read from (socketserver's RequestHandlerClass).
      if (isAnnotatedInstanceVariable(m))
        return withReceiverSelf(t, m.owner->cls, self, /*functionsToo=*/true);
      return bindFunction(t, self, false, m.owner);
    case TypeKind::Property: {
      auto p = t->as<PropertyType>();
      if (!p->getter) return unknown();
      const Type* getter = bindFunction(p->getter, self, false, m.owner);
      if (auto f = getter->as<FunctionType>()) return returnTypeOf(f, this, unknown());
      return unknown();
    }
    case TypeKind::Instance: {
      // A descriptor declared in the class body (a decorated def too): its __get__ decides.
      auto desc = t->as<InstanceType>();
      {
        MemberLookup get = lookupClassMember(desc->cls, desc, names::dunderGet, true, true);
        if (get.found() && !get.type->isAnyOrUnknown()) {
          const Type* fn =
              bindFunction(specializeMember(get.type, get.owner), desc, false, get.owner);
          ModuleTypes& owner = typesOf(*m.module);
          auto result =
              callMethod(owner, desc, names::dunderGet, {self, arena_.classObject(self)}, nullptr);
          (void)fn;
          if (result) return *result;
        }
      }
      return withReceiverSelf(t, m.owner->cls, self);
    }
    default: return withReceiverSelf(t, m.owner->cls, self);
    }
  };
  // A descriptor in the class body with assignments through self besides (minidom's
  // `data = property(_get_data, _set_data)` and `self.data = ...`): each value read as such.
  // Functions bind too when every value is a function stored on the class: not declared
  // (`fget: Callable[...] | None` is an instance variable) nor assigned as `self.x = ...`
  // (random.Random's _randbelow, assigned in the body and through `cls` in __init_subclass__).
  bool classLevelOnly = m.module && m.symbol != bind::noId &&
                        !m.module->index->symbol(m.symbol).has(bind::SymbolInstanceMember) &&
                        !m.module->index->symbol(m.symbol).has(bind::SymbolAnnotated);
  if (auto u = t->as<UnionType>()) {
    std::vector<const Type*> read;
    for (const Type* member : u->members) {
      auto inst = member->as<InstanceType>();
      bool descriptor =
          member->is<PropertyType>() || (inst && !inst->isLiteral()) ||
          (classLevelOnly && (member->is<FunctionType>() || member->is<OverloadedType>()));
      read.push_back(descriptor ? readThrough(member)
                                : withReceiverSelf(member, m.owner->cls, self));
    }
    return arena_.unionOf(read);
  }
  return readThrough(t);
}

const Type* EvaluatorImpl::withReceiverSelf(const Type* t, const ClassInfo* owner,
                                            const Type* receiver, bool functionsToo) {
  if (!receiver || !owner || !containsTypeVar(t, owner)) return t;
  TypeVarSolution solution;
  solution.set(selfTypeVar(owner), receiver);
  // A function's Self is its receiver's when it is bound, not here (unless it is a callable
  // instance variable, which is never bound).
  auto substitute = [&](const Type* member) {
    bool function = member->is<FunctionType>() || member->is<OverloadedType>();
    return function && !functionsToo ? member : applySolution(member, solution, *this);
  };
  if (auto u = t->as<UnionType>()) {
    std::vector<const Type*> members;
    for (const Type* member : u->members) members.push_back(substitute(member));
    return arena_.unionOf(members);
  }
  return substitute(t);
}

bool EvaluatorImpl::isAnnotatedInstanceVariable(const MemberLookup& m) {
  if (!m.module || m.symbol == bind::noId) return false;
  const bind::SemanticIndex& index = *m.module->index;
  const bind::Symbol& symbol = index.symbol(m.symbol);
  // A def or class declared last is what the name means.
  if (!symbol.has(bind::SymbolAnnotated) || symbol.lastDecl == bind::noId ||
      index.declaration(symbol.lastDecl).kind != bind::DeclarationKind::Variable)
    return false;
  ModuleTypes& mt = typesOf(*m.module);
  return index.anyDeclaration(m.symbol, [&](bind::DeclId d) {
    const bind::Declaration& decl = index.declaration(d);
    if (decl.kind != bind::DeclarationKind::Variable || !decl.has(bind::DeclAnnotated) ||
        !decl.node || !decl.node->parent)
      return false;
    auto ann = decl.node->parent->as<AnnAssign>();
    return ann && !annotationHasQualifier(mt, ann->annotation, SpecialForm::ClassVar);
  });
}

const Type* EvaluatorImpl::classMember(const Type* classObject, const InstanceType* inst,
                                       Name name) {
  // A generic class named bare is specialized with Unknown for member access.
  if (inst->typeArgs.empty() && !inst->hasTupleElements() &&
      !classDetails(inst->cls).typeParams.empty()) {
    std::vector<const Type*> storage;
    inst = arena_.withTypeArgs(inst, typeArgsOrUnknown(inst, *this, storage));
    classObject = arena_.classObject(inst);
  }
  MemberLookup m = lookupClassMember(inst->cls, inst, name, true);
  if (m.found()) {
    const Type* t = specializeMember(m.type, m.owner);
    // Whose Self a variable's type names: the class object's instances (Self@C for `cls`).
    auto co = classObject->as<ClassObjectType>();
    const Type* classInstance = co ? co->instance : nullptr;
    switch (t->kind) {
    case TypeKind::Function:
    case TypeKind::Overloaded: return bindFunction(t, classObject, true, m.owner);
    case TypeKind::Instance: {
      auto desc = t->as<InstanceType>();
      if (desc->literal.kind == LiteralKind::Enum) return t;
      MemberLookup get = lookupClassMember(desc->cls, desc, names::dunderGet, true, true);
      if (get.found() && !get.type->isAnyOrUnknown() && !m.isInstanceMember) {
        ModuleTypes& owner = typesOf(*m.module);
        auto result =
            callMethod(owner, desc, names::dunderGet, {arena_.none(), classObject}, nullptr);
        if (result) return *result;
      }
      return withReceiverSelf(t, m.owner ? m.owner->cls : nullptr, classInstance);
    }
    default: return withReceiverSelf(t, m.owner ? m.owner->cls : nullptr, classInstance);
    }
  }
  // Then the metaclass: C.__name__, C.mro(), iteration over an Enum class...
  const Type* meta = metaclassOf(inst->cls);
  if (auto mi = meta ? meta->as<InstanceType>() : nullptr) {
    MemberLookup mm = lookupClassMember(mi->cls, mi, name, false);
    if (mm.found()) {
      const Type* t = specializeMember(mm.type, mm.owner);
      if (t->is<FunctionType>() || t->is<OverloadedType>())
        return bindFunction(t, classObject, false, mm.owner);
      if (auto p = t->as<PropertyType>()) {
        if (!p->getter) return unknown();
        const Type* getter = bindFunction(p->getter, classObject, false, mm.owner);
        if (auto f = getter->as<FunctionType>()) return returnTypeOf(f, this, unknown());
        return unknown();
      }
      return t;
    }
    // Then the metaclass's __getattr__ (enum.EnumType has one in the standard library's source).
    if (name != names::dunderGetattr && name != names::dunderGetattribute) {
      MemberLookup g = lookupClassMember(mi->cls, mi, names::dunderGetattr, true, true);
      if (g.found()) {
        const Type* fn =
            bindFunction(specializeMember(g.type, g.owner), classObject, false, g.owner);
        if (auto f = fn->as<FunctionType>()) return returnTypeOf(f, this, unknown());
        return unknown();
      }
    }
  }
  // A base that could not be resolved (an unresolved import, a dynamic base) may define
  // anything: what no known class has is Unknown, not missing.
  if (hasUnknownBase(inst->cls, *this)) return unknown();
  return nullptr;
}

const Type* EvaluatorImpl::memberAccess(const Type* object, Name name, bool* possiblyUnbound) {
  switch (object->kind) {
  case TypeKind::Unknown:
  case TypeKind::Any: return object;
  case TypeKind::Never: return object;
  case TypeKind::Instance: {
    auto inst = object->as<InstanceType>();
    // Enum members: .value and .name are what the member was assigned and its name.
    if (inst->literal.kind == LiteralKind::Enum) {
      std::string_view n = name.text();
      if (n == "value" || n == "_value_") {
        if (const Type* v = enumMemberValueType(inst)) return v;
      }
      if (n == "name" || n == "_name_") return literalStr(inst->literal.text);
    }
    return instanceMember(object, inst, name);
  }
  case TypeKind::None: {
    auto none = instanceOf(KnownClass::NoneType);
    if (!none) return nullptr;
    return instanceMember(object, none, name);
  }
  case TypeKind::ClassObject: {
    const Type* inner = object->as<ClassObjectType>()->instance;
    if (auto inst = inner->as<InstanceType>()) return classMember(object, inst, name);
    if (inner->isAnyOrUnknown()) return unknown();
    if (auto tv = inner->as<TypeVarType>()) {
      const Type* bound = tv->bound ? tv->bound : objectOrUnknown();
      if (auto bi = bound->as<InstanceType>()) return classMember(object, bi, name);
      return unknown();
    }
    if (inner->isNone()) {
      if (auto none = instanceOf(KnownClass::NoneType)) return classMember(object, none, name);
    }
    if (auto type = instanceOf(KnownClass::Type)) return instanceMember(object, type, name);
    return nullptr;
  }
  case TypeKind::Module: {
    auto m = object->as<ModuleType>();
    bool found = false;
    const Type* t = moduleMember(*static_cast<const BoundModule*>(m->module), name, &found);
    return found ? t : nullptr;
  }
  case TypeKind::Union: {
    std::vector<const Type*> found;
    bool missing = false;
    for (const Type* member : object->as<UnionType>()->members) {
      const Type* t = memberAccess(member, name, nullptr);
      if (t)
        found.push_back(t);
      else
        missing = true;
    }
    if (possiblyUnbound) *possiblyUnbound = missing;
    if (found.empty()) return nullptr;
    return arena_.unionOf(found);
  }
  case TypeKind::TypeVar: {
    auto tv = object->as<TypeVarType>();
    if (tv->flags & TypeVarInstantiable) {
      TypeVarType plain = *tv;
      plain.flags &= static_cast<uint8_t>(~TypeVarInstantiable);
      const Type* bound = tv->bound ? tv->bound : objectOrUnknown();
      if (auto bi = bound->as<InstanceType>()) return classMember(object, bi, name);
      return unknown();
    }
    if (!tv->constraints.empty()) {
      std::vector<const Type*> out;
      for (const Type* c : tv->constraints) {
        const Type* t = memberAccess(c, name);
        if (!t) return nullptr;
        out.push_back(t);
      }
      return arena_.unionOf(out);
    }
    const Type* bound = tv->bound ? tv->bound : objectOrUnknown();
    if (auto bi = bound->as<InstanceType>()) return instanceMember(object, bi, name);
    return memberAccess(bound, name, possiblyUnbound);
  }
  case TypeKind::Function:
  case TypeKind::Overloaded: {
    if (auto fn = object->as<FunctionType>(); fn && name == names::dunderCall) return fn;
    // A bound method is a types.MethodType (its __func__, __self__), as in pyright.
    if (auto fn = object->as<FunctionType>(); fn && fn->boundTo) {
      if (const ClassInfo* method = classNamed("types", "MethodType")) {
        if (const Type* t = instanceMember(object, arena_.instance(method), name)) return t;
      }
    }
    auto function = instanceOf(KnownClass::Function);
    if (!function) return unknown();
    const Type* t = instanceMember(object, function, name);
    return t;
  }
  case TypeKind::TypeGuard: {
    auto b = instanceOf(KnownClass::Bool);
    return b ? instanceMember(object, b, name) : unknown();
  }
  case TypeKind::Property: {
    auto p = instanceOf(KnownClass::Property);
    return p ? instanceMember(object, p, name) : unknown();
  }
  case TypeKind::TypeAlias: {
    auto a = instanceOf(KnownClass::TypeAliasType);
    return a ? instanceMember(object, a, name) : unknown();
  }
  case TypeKind::SpecialForm: return unknown();
  default: return unknown();
  }
}

const Type* EvaluatorImpl::dunderMethod(const Type* object, Name name) {
  switch (object->kind) {
  case TypeKind::Instance: {
    auto inst = object->as<InstanceType>();
    MemberLookup m = lookupClassMember(inst->cls, inst, name, true);
    if (!m.found()) return nullptr;
    const Type* t = specializeMember(m.type, m.owner);
    if (t->is<FunctionType>() || t->is<OverloadedType>())
      return bindFunction(t, object, false, m.owner);
    if (t->isAnyOrUnknown()) return t;
    // A callable attribute (e.g. `__eq__ = some_function`) or an object with __call__.
    return t;
  }
  case TypeKind::None: {
    auto none = instanceOf(KnownClass::NoneType);
    if (!none) return nullptr;
    MemberLookup m = lookupClassMember(none->cls, none, name, true);
    if (!m.found()) return nullptr;
    return bindFunction(specializeMember(m.type, m.owner), object, false, m.owner);
  }
  case TypeKind::ClassObject: {
    const Type* meta = nullptr;
    if (auto inst = object->as<ClassObjectType>()->instance->as<InstanceType>())
      meta = metaclassOf(inst->cls);
    else
      meta = instanceOf(KnownClass::Type);
    auto mi = meta ? meta->as<InstanceType>() : nullptr;
    if (!mi) return nullptr;
    MemberLookup m = lookupClassMember(mi->cls, mi, name, true);
    if (!m.found()) {
      // type[C][...] goes through __class_getitem__ (a classmethod on the class itself).
      if (name == names::dunderGetitem) {
        if (auto inst = object->as<ClassObjectType>()->instance->as<InstanceType>()) {
          MemberLookup g = lookupClassMember(inst->cls, inst, names::dunderClassGetitem, true);
          if (g.found())
            return bindFunction(specializeMember(g.type, g.owner), object, true, g.owner);
        }
      }
      return nullptr;
    }
    return bindFunction(specializeMember(m.type, m.owner), object, false, m.owner);
  }
  case TypeKind::TypeVar: {
    auto tv = object->as<TypeVarType>();
    if (!tv->constraints.empty()) return unknown();
    const Type* bound = tv->bound ? tv->bound : objectOrUnknown();
    auto bi = bound->as<InstanceType>();
    if (!bi) return bound->isAnyOrUnknown() ? bound : nullptr;
    MemberLookup m = lookupClassMember(bi->cls, bi, name, true);
    if (!m.found()) return nullptr;
    return bindFunction(specializeMember(m.type, m.owner), object, false, m.owner);
  }
  case TypeKind::Function:
  case TypeKind::Overloaded:
  case TypeKind::Module:
  case TypeKind::TypeGuard:
  case TypeKind::Property: {
    KnownClass k = object->is<ModuleType>()      ? KnownClass::Module
                   : object->is<TypeGuardType>() ? KnownClass::Bool
                   : object->is<PropertyType>()  ? KnownClass::Property
                                                 : KnownClass::Function;
    auto inst = instanceOf(k);
    if (!inst) return unknown();
    MemberLookup m = lookupClassMember(inst->cls, inst, name, true);
    if (!m.found()) return nullptr;
    return bindFunction(specializeMember(m.type, m.owner), object, false, m.owner);
  }
  case TypeKind::Unknown:
  case TypeKind::Any: return object;
  default: return nullptr;
  }
}

const Type* EvaluatorImpl::typeOfAttribute(ModuleTypes& mt, const Attribute* attr,
                                           const Type* objectType) {
  Name name = attr->attr.name;
  if (!name) return unknown();
  if (objectType->isAnyOrUnknown() || objectType->isNever())
    return objectType->isNever() ? objectType : unknown();
  bool partial = false;
  const Type* t = memberAccess(objectType, name, &partial);
  TextRange range = attr->attr.range;
  // pyright reads a member that `type` lacks, on a value that is a bare `type` (the class it
  // stands for is unknown), as Unknown without a diagnostic.
  auto isBareType = [](const Type* m) {
    auto i = m->as<InstanceType>();
    return i && i->typeArgs.empty() && i->cls->qualifiedName == "builtins.type";
  };
  if (!t && isBareType(objectType)) return unknown();
  if (auto u = objectType->as<UnionType>();
      !t && u && std::any_of(u->members.begin(), u->members.end(), isBareType)) {
    partial = true;
    t = unknown();
  }
  if (!t) {
    std::string n(name.text());
    if (auto m = objectType->as<ModuleType>()) {
      report(mt, Rule::UnresolvedAttribute, range,
             "\"" + n + "\" is not a known attribute of module \"" + std::string(m->name.text()) +
                 "\"");
    } else if (objectType->isNone()) {
      report(mt, Rule::UnresolvedAttribute, range,
             "Cannot access attribute \"" + n + "\" for class \"None\"");
    } else if (auto u = objectType->as<UnionType>()) {
      // Every member lacks it.
      report(mt, Rule::UnresolvedAttribute, range,
             "Cannot access attribute \"" + n + "\" for class \"" + show(u->members[0]) + "\"");
    } else {
      report(mt, Rule::UnresolvedAttribute, range,
             "Cannot access attribute \"" + n + "\" for class \"" + show(objectType) + "\"");
    }
    return unknown();
  }
  if (partial) {
    if (auto u = objectType->as<UnionType>()) {
      std::string n(name.text());
      for (const Type* m : u->members) {
        if (isBareType(m) || memberAccess(m, name)) continue;
        if (m->isNone())
          report(mt, Rule::PossiblyUnresolvedAttribute, range,
                 "\"" + n + "\" is not a known attribute of \"None\"");
        else
          report(mt, Rule::PossiblyUnresolvedAttribute, range,
                 "Cannot access attribute \"" + n + "\" for class \"" + show(m) + "\"");
        break;
      }
    }
  }
  return t;
}

} // namespace shrike::checker
