// Classes: class identities and their details — bases, type parameters, the MRO (C3),
// metaclass and flags (protocol, enum, dataclass, NamedTuple, TypedDict, final...).
//
//     class Box(Generic[T]): ...           typeParams [T@Box]
//     class IntBox(Box[int], Sized): ...   mro [IntBox, Box[int], Sized, Protocol?, object]
#include <algorithm>
#include <array>
#include <functional>

#include "checker/infer/CleanRun.h"
#include "checker/infer/EvaluatorImpl.h"
#include "parser/Decorators.h"

namespace shrike::checker {

using namespace parser;

namespace {

std::string qualifiedNameOf(const BoundModule& module, const ClassDef* def) {
  std::vector<std::string_view> parts;
  for (const Node* n = def; n; n = n->parent) {
    if (auto c = n->as<ClassDef>()) parts.push_back(c->name.name.text());
    if (auto f = n->as<FunctionDef>()) parts.push_back(f->name.name.text());
  }
  std::string out(module.name.text());
  for (size_t i = parts.size(); i-- > 0;) {
    if (!out.empty()) out += '.';
    out += parts[i];
  }
  return out;
}

} // namespace

ClassInfo* EvaluatorImpl::classInfoFor(ModuleTypes& mt, const ClassDef* def) {
  {
    std::lock_guard lock(classesMutex_);
    auto it = classes_.find(def);
    if (it != classes_.end()) return it->second;
  }
  std::string qualified = qualifiedNameOf(mt.module, def);
  ClassInfo* created = arena_.newClass(def->name.name, qualified, def, &mt.module);
  std::lock_guard lock(classesMutex_);
  auto [it, inserted] = classes_.emplace(def, created);
  return it->second; // another thread may have won; the spare identity is never used
}

const InstanceType* EvaluatorImpl::selfInstance(const ClassInfo* cls) {
  const ClassDetails& details = classDetails(cls);
  std::vector<const Type*> args(details.typeParams.begin(), details.typeParams.end());
  return arena_.instance(cls, args);
}

const Type* EvaluatorImpl::metaclassOf(const ClassInfo* cls) {
  const ClassDetails& details = classDetails(cls);
  if (details.metaclass) return details.metaclass;
  return instanceOf(KnownClass::Type);
}

namespace {

// C3 linearization over the bases' MROs; false when no consistent order exists.
bool mergeMro(std::vector<std::vector<const Type*>> sequences, std::vector<const Type*>& out) {
  auto sameClass = [](const Type* a, const Type* b) {
    auto ia = a->as<InstanceType>();
    auto ib = b->as<InstanceType>();
    if (ia && ib) return ia->cls == ib->cls;
    return a == b;
  };
  while (true) {
    sequences.erase(std::remove_if(sequences.begin(), sequences.end(),
                                   [](const std::vector<const Type*>& s) { return s.empty(); }),
                    sequences.end());
    if (sequences.empty()) return true;
    const Type* candidate = nullptr;
    for (const auto& seq : sequences) {
      const Type* head = seq.front();
      bool inTail = false;
      for (const auto& other : sequences)
        for (size_t i = 1; i < other.size() && !inTail; ++i) inTail = sameClass(other[i], head);
      if (!inTail) {
        candidate = head;
        break;
      }
    }
    if (!candidate) return false;
    out.push_back(candidate);
    for (auto& seq : sequences)
      if (!seq.empty() && sameClass(seq.front(), candidate)) seq.erase(seq.begin());
  }
}

// Whether a class is abstract, per thread, by class: instantiating a class asks, and the
// answer reads the type of every method along the MRO (cold memory for a Django model's
// hundreds). Direct-mapped: a clash overwrites; the evaluator's serial keeps another
// evaluator's classes (perhaps at the same addresses) apart.
struct AbstractClassCache {
  struct Entry {
    uint64_t evaluator = 0;
    const ClassInfo* cls = nullptr;
    bool abstract = false;
  };
  static constexpr size_t capacity = 1u << 10;
  std::array<Entry, capacity> entries{};

  Entry& slot(const ClassInfo* cls) {
    uint64_t h = (reinterpret_cast<uintptr_t>(cls) >> 4) * 0x9E3779B97F4A7C15ull;
    return entries[(h >> 32) & (capacity - 1)];
  }
};

} // namespace

std::vector<const Type*> EvaluatorImpl::linearizeMro(const InstanceType* self,
                                                     std::span<const Type* const> bases,
                                                     uint32_t& flags) {
  const ClassInfo* objectClass =
      self->cls->qualifiedName == "builtins.object" ? nullptr : knownClass(KnownClass::Object);
  std::vector<std::vector<const Type*>> sequences;
  for (const Type* b : bases) {
    auto inst = b->as<InstanceType>();
    const ClassDetails& bd = classDetails(inst->cls);
    TypeVarSolution solution;
    std::vector<const Type*> storage;
    if (!bd.typeParams.empty())
      solution.setAll(bd.typeParams, typeArgsOrUnknown(inst, *this, storage));
    std::vector<const Type*> seq;
    for (const Type* entry : bd.mro) seq.push_back(applySolution(entry, solution, *this));
    if (!seq.empty()) seq[0] = inst;
    if (bd.has(ClassUnknownBase)) flags |= ClassUnknownBase;
    sequences.push_back(std::move(seq));
  }
  if (!bases.empty()) sequences.emplace_back(bases.begin(), bases.end());
  std::vector<const Type*> mro{self};
  std::vector<const Type*> merged;
  if (!mergeMro(sequences, merged)) {
    merged.clear();
    for (const auto& seq : sequences)
      for (const Type* t : seq) {
        auto ti = t->as<InstanceType>();
        bool seen = std::any_of(merged.begin(), merged.end(), [&](const Type* m) {
          auto mi = m->as<InstanceType>();
          return mi && ti && mi->cls == ti->cls;
        });
        if (!seen) merged.push_back(t);
      }
    // `object` goes last.
    std::stable_partition(merged.begin(), merged.end(), [](const Type* t) {
      auto i = t->as<InstanceType>();
      return !i || i->cls->qualifiedName != "builtins.object";
    });
  }
  for (const Type* t : merged) mro.push_back(t);
  if (objectClass && (mro.size() == 1 || !mro.back()->is<InstanceType>() ||
                      mro.back()->as<InstanceType>()->cls != objectClass)) {
    bool hasObject = std::any_of(mro.begin(), mro.end(), [&](const Type* t) {
      auto i = t->as<InstanceType>();
      return i && i->cls == objectClass;
    });
    if (!hasObject) mro.push_back(arena_.instance(objectClass));
  }
  return mro;
}

const ClassDetails& EvaluatorImpl::computeClassDetails(const ClassInfo* cls) {
  if (const ClassDetails* d = cls->detailsIfKnown()) return *d;
  const BoundModule* module = moduleOfClass(cls);
  auto def = static_cast<const ClassDef*>(cls->decl);
  const ClassInfo* objectClass =
      cls->qualifiedName == "builtins.object" ? nullptr : knownClass(KnownClass::Object);

  auto minimal = [&](uint32_t flags) -> const ClassDetails& {
    ClassDetails partial;
    std::vector<const Type*> mro{arena_.instance(cls)};
    if (objectClass && objectClass != cls) mro.push_back(arena_.instance(objectClass));
    partial.mro = mro;
    partial.flags = flags;
    // Not published: a later, complete computation will be.
    thread_local std::vector<std::unique_ptr<ClassDetails>> keep;
    thread_local std::vector<std::vector<const Type*>> keepMro;
    keepMro.push_back(mro);
    auto copy = std::make_unique<ClassDetails>(partial);
    copy->mro = keepMro.back();
    keep.push_back(std::move(copy));
    return *keep.back();
  };
  if (!module || !def) return *arena_.publishDetails(cls, ClassDetails{});
  ModuleTypes& mt = typesOf(*module);
  MemoKey key{cls, 0, MemoKind::ClassDetails};
  if (inProgress(&mt, key)) return minimal(ClassPartial | ClassUnknownBase);

  const ClassDetails* result = nullptr;
  memo(mt, key, unknown(), [&]() -> const Type* {
    ClassDetails details;
    std::vector<const Type*> bases;
    std::vector<const TypeVarType*> explicitParams;
    bool sawGeneric = false;
    uint32_t flags = 0;
    uint16_t baseFlags = module->isStub ? EvalForwardRefs : 0;
    std::string_view moduleName = module->name.text();
    if (moduleName == "builtins" || moduleName == "typing" || moduleName == "typing_extensions" ||
        moduleName == "_typeshed" || moduleName == "collections.abc" || moduleName == "types" ||
        moduleName == "abc" || moduleName == "enum")
      flags |= ClassBuiltin;

    for (const Expr* baseExpr : def->bases) {
      if (baseExpr->is<Starred>()) {
        flags |= ClassUnknownBase;
        continue;
      }
      const Expr* head = baseExpr;
      const Subscript* sub = baseExpr->as<Subscript>();
      if (sub) head = sub->value;
      const Type* headValue =
          typeOf(mt, head, nullptr, EvalNoSpecialize | EvalTypeForm | baseFlags);
      if (auto sf = headValue->as<SpecialFormType>()) {
        if (sf->form == SpecialForm::Generic || sf->form == SpecialForm::Protocol) {
          if (sf->form == SpecialForm::Protocol) flags |= ClassProtocol;
          if (sub) {
            sawGeneric = true;
            for (const Expr* item : subscriptItems(sub)) {
              const Type* t = typeExpression(mt, item, baseFlags);
              if (auto tv = t->as<TypeVarType>()) explicitParams.push_back(tv);
            }
          }
          if (sf->form == SpecialForm::Protocol) {
            if (const ClassInfo* proto = classNamed("typing", "Protocol")) (void)proto;
          }
          continue;
        }
        if (sf->form == SpecialForm::TypedDict) {
          flags |= ClassTypedDict;
          if (const ClassInfo* td = classNamed("typing", "_TypedDict"))
            bases.push_back(arena_.instance(td));
          continue;
        }
        if (sf->form == SpecialForm::Any) {
          flags |= ClassUnknownBase;
          continue;
        }
        flags |= ClassUnknownBase;
        continue;
      }
      const Type* base =
          sub ? typeExpression(mt, baseExpr, baseFlags) : typeFromValue(mt, headValue, baseExpr);
      if (!sub) {
        // A bare generic base (class C(list)) is specialized with Unknown; keep it so.
        if (auto co = headValue->as<ClassObjectType>()) base = typeFromValue(mt, co, baseExpr);
      }
      if (auto inst = base->as<InstanceType>()) {
        if (inst->cls == cls) {
          flags |= ClassUnknownBase;
          continue;
        }
        std::string_view qn = inst->cls->qualifiedName;
        if (qn == "typing.NamedTuple" || qn == "typing_extensions.NamedTuple")
          flags |= ClassNamedTuple;
        const ClassDetails& bd = classDetails(inst->cls);
        if (bd.has(ClassTypedDict) || qn == "typing._TypedDict") flags |= ClassTypedDict;
        if (bd.has(ClassNamedTuple)) flags |= ClassNamedTuple;
        bases.push_back(inst);
        continue;
      }
      flags |= ClassUnknownBase;
    }
    for (const Keyword* k : def->keywords) {
      if (k->name.name.text() != "metaclass" || !k->value) continue;
      const Type* meta = typeOf(mt, k->value, nullptr, baseFlags);
      if (auto co = meta->as<ClassObjectType>()) {
        if (auto inst = co->instance->as<InstanceType>()) details.metaclass = inst;
      } else if (meta->isAnyOrUnknown()) {
        flags |= ClassUnknownBase;
      }
    }
    for (const Expr* d : def->decorators) {
      if (decoratorNamedOrCalled(d, "runtime_checkable")) flags |= ClassRuntimeCheckable;
      if (decoratorNamedOrCalled(d, "final")) flags |= ClassFinal;
    }

    // Type parameters: PEP 695, Generic[...]/Protocol[...], or the bases' free variables.
    std::vector<const TypeVarType*> params;
    if (!def->typeParams.empty()) {
      for (const TypeParam* p : def->typeParams) {
        bind::DeclId decl = mt.index.declarationOf(p);
        const Type* t = decl == bind::noId ? nullptr : typeOfDeclaration(mt, decl);
        if (auto tv = t ? t->as<TypeVarType>() : nullptr) params.push_back(tv);
      }
    } else {
      std::vector<const TypeVarType*> found = explicitParams;
      if (!sawGeneric) {
        std::function<void(const Type*)> collect = [&](const Type* t) {
          if (!t) return;
          if (auto tv = t->as<TypeVarType>()) {
            if (tv->scope || tv->isSelf()) return;
            TypeVarType plain = *tv;
            plain.flags = 0;
            const TypeVarType* p = arena_.typeVar(plain);
            if (std::none_of(found.begin(), found.end(),
                             [&](const TypeVarType* f) { return f->name == p->name; }))
              found.push_back(p);
            return;
          }
          if (auto inst = t->as<InstanceType>()) {
            for (const Type* a : inst->typeArgs) collect(a);
            for (const TupleElement& e : inst->tupleElements) collect(e.type);
          }
          if (auto fn = t->as<FunctionType>()) {
            for (const Param& p : fn->params) collect(p.type);
            collect(fn->returnType);
            collect(fn->paramSpec);
          }
          if (auto u = t->as<UnionType>())
            for (const Type* m : u->members) collect(m);
        };
        for (const Type* b : bases) collect(b);
      }
      // Scope them to this class: T becomes T@Cls.
      TypeVarSolution rescope;
      for (const TypeVarType* tv : found) {
        TypeVarType proto = *tv;
        proto.flags = 0;
        proto.scope = cls;
        proto.scopeName = cls->name;
        const TypeVarType* scoped = arena_.typeVar(proto);
        params.push_back(scoped);
        TypeVarType key = *tv;
        key.flags = 0;
        rescope.set(arena_.typeVar(key), scoped);
      }
      for (const Type*& b : bases) b = applySolution(b, rescope, *this);
    }

    // The MRO.
    std::vector<const Type*> selfArgs(params.begin(), params.end());
    std::vector<const Type*> mro = linearizeMro(arena_.instance(cls, selfArgs), bases, flags);

    // The metaclass: explicit, or the most derived of the bases'.
    if (!details.metaclass) {
      for (const Type* b : bases) {
        const Type* meta = classDetails(b->as<InstanceType>()->cls).metaclass;
        if (!meta) continue;
        auto mi = meta->as<InstanceType>();
        if (!details.metaclass) {
          details.metaclass = meta;
        } else if (mi && derivesFrom(mi->cls, details.metaclass->as<InstanceType>()->cls, *this)) {
          details.metaclass = meta;
        }
      }
    }
    if (auto meta = details.metaclass ? details.metaclass->as<InstanceType>() : nullptr) {
      for (const Type* entry : classDetails(meta->cls).mro) {
        auto e = entry->as<InstanceType>();
        if (e &&
            (e->cls->qualifiedName == "enum.EnumMeta" || e->cls->qualifiedName == "enum.EnumType"))
          flags |= ClassEnum;
      }
      if (classDetails(meta->cls).has(ClassUnknownBase)) flags |= ClassUnknownBase;
    }
    flags |= dataclassFlags(def, bases, details.metaclass);

    // `object` not found although builtins exist: it was asked for while builtins' own
    // declarations were being evaluated (a cycle), so this MRO lacks it. Not published: the
    // caller in the cycle gets minimal details, and the next request computes them whole.
    if (cls->qualifiedName != "builtins.object" && !knownClass(KnownClass::Object) &&
        builtinsModule())
      return arena_.unknown();

    details.bases = bases;
    details.mro = mro;
    details.typeParams = params;
    details.flags = flags;
    result = arena_.publishDetails(cls, details);
    return arena_.unknown();
  });
  if (!result) {
    if (const ClassDetails* d = cls->detailsIfKnown()) return *d;
    return minimal(ClassPartial | ClassUnknownBase);
  }
  return *result;
}

bool EvaluatorImpl::isEnumClass(const ClassInfo* cls) {
  return classDetails(cls).has(ClassEnum);
}

bool EvaluatorImpl::isAbstractClass(const ClassInfo* cls, std::vector<Name>* abstractMembers) {
  // A remembered answer serves unless the abstract members are wanted (an error is reported).
  thread_local AbstractClassCache cache;
  AbstractClassCache::Entry& cached = cache.slot(cls);
  bool known = cached.evaluator == serial_ && cached.cls == cls;
  if (known && !(cached.abstract && abstractMembers)) return cached.abstract;
  auto computeIsAbstract = [&]() -> bool {
    const ClassDetails& details = classDetails(cls);
    // Walk the MRO from the base up: a name is abstract if its nearest definition is.
    std::vector<std::pair<Name, bool>> seen;
    // The ids of the names in `seen`, for a test in constant time: a class with a deep MRO
    // (a Django model or view) has hundreds of members, and a linear search was quadratic.
    std::vector<uint32_t> seenIds(64);
    auto slotOf = [&](uint32_t id) -> uint32_t& {
      size_t mask = seenIds.size() - 1;
      size_t i = (id * 0x9E3779B9u) & mask;
      while (seenIds[i] && seenIds[i] != id) i = (i + 1) & mask;
      return seenIds[i];
    };
    auto remember = [&](Name name, bool isAbstract) {
      seen.emplace_back(name, isAbstract);
      slotOf(name.id) = name.id;
      if (seen.size() * 2 > seenIds.size()) {
        std::vector<uint32_t> old(seenIds.size() * 2);
        old.swap(seenIds);
        for (uint32_t id : old)
          if (id) slotOf(id) = id;
      }
    };
    for (const Type* entry : details.mro) {
      auto inst = entry->as<InstanceType>();
      if (!inst) continue;
      const BoundModule* module = moduleOfClass(inst->cls);
      auto def = static_cast<const ClassDef*>(inst->cls->decl);
      if (!module || !def) continue;
      bind::ScopeId scope = module->index->scopeOf(def);
      if (scope == bind::noId) continue;
      ModuleTypes& owner = typesOf(*module);
      for (bind::SymbolId s : module->index->symbolsOf(scope)) {
        const bind::Symbol& symbol = module->index->symbol(s);
        if (!symbol.isScopeName()) continue;
        if (symbol.name && slotOf(symbol.name.id)) continue;
        if (!symbol.name &&
            std::any_of(seen.begin(), seen.end(), [&](const auto& p) { return !p.first; }))
          continue;
        bool isAbstract = false;
        if (symbol.lastDecl == bind::noId) continue;
        const bind::Declaration& last = module->index->declaration(symbol.lastDecl);
        if (last.kind == bind::DeclarationKind::Function) {
          const Type* t = typeOfDeclaration(owner, symbol.lastDecl);
          auto isAbstractFn = [](const Type* x) {
            if (auto f = x->as<FunctionType>()) return f->has(FunctionAbstract);
            if (auto o = x->as<OverloadedType>()) {
              if (o->implementation) return o->implementation->has(FunctionAbstract);
              return !o->overloads.empty() && o->overloads[0]->has(FunctionAbstract);
            }
            if (auto p = x->as<PropertyType>())
              if (auto g = p->getter ? p->getter->as<FunctionType>() : nullptr)
                return g->has(FunctionAbstract);
            return false;
          };
          isAbstract = isAbstractFn(t);
        }
        remember(symbol.name, isAbstract);
      }
    }
    bool any = false;
    for (auto& [name, abstract] : seen) {
      if (!abstract) continue;
      any = true;
      if (abstractMembers) abstractMembers->push_back(name);
    }
    return any;
  };
  // Remembered only when the answer read nothing unfinished (see runCleanly).
  bool clean = false;
  bool abstract = runCleanly(thread(), clean, computeIsAbstract);
  if (clean) cached = {serial_, cls, abstract};
  return abstract;
}

const Type* EvaluatorImpl::enumMemberValueType(const InstanceType* literal) {
  if (literal->literal.kind != LiteralKind::Enum) return nullptr;
  const BoundModule* module = moduleOfClass(literal->cls);
  auto def = static_cast<const ClassDef*>(literal->cls->decl);
  if (!module || !def) return nullptr;
  bind::ScopeId scope = module->index->scopeOf(def);
  bind::SymbolId symbol = module->index->localSymbol(scope, intern(literal->literal.text));
  if (symbol == bind::noId) return nullptr;
  ModuleTypes& mt = typesOf(*module);
  if (module->index->symbol(symbol).lastDecl == bind::noId) return nullptr;
  const bind::Declaration& decl =
      module->index->declaration(module->index->symbol(symbol).lastDecl);
  if (decl.kind != bind::DeclarationKind::Variable) return nullptr;
  const Node* target = decl.node;
  if (!target || !target->parent) return nullptr;
  if (auto assign = target->parent->as<Assign>()) return typeOf(mt, assign->value);
  if (auto ann = target->parent->as<AnnAssign>(); ann && ann->value) return typeOf(mt, ann->value);
  return nullptr;
}

std::vector<std::pair<Name, const Type*>> EvaluatorImpl::namedTupleFields(const ClassInfo* cls) {
  std::vector<std::pair<Name, const Type*>> fields;
  const BoundModule* module = moduleOfClass(cls);
  auto def = static_cast<const ClassDef*>(cls->decl);
  if (!module || !def) return fields;
  ModuleTypes& mt = typesOf(*module);
  for (const Stmt* stmt : def->body) {
    auto ann = stmt->as<AnnAssign>();
    if (!ann || !ann->target->is<NameExpr>()) continue;
    fields.emplace_back(ann->target->as<NameExpr>()->id, typeOfAnnotation(mt, ann->annotation));
  }
  return fields;
}

} // namespace shrike::checker
