// SpecialCalls: calls whose meaning the type system defines rather than their stubs —
// reveal_type, assert_type, cast, TypeVar/ParamSpec/TypeVarTuple, NewType, super().
#include <algorithm>
#include <cctype>

#include "checker/infer/EvaluatorImpl.h"

namespace shrike::checker {

using namespace parser;

namespace {

std::string_view calleeName(const Expr* func) {
  if (auto n = func->as<NameExpr>()) return n->id.text();
  if (auto a = func->as<Attribute>()) return a->attr.name.text();
  return {};
}

bool isFromTyping(const Type* callee, std::string_view name) {
  if (auto fn = callee->as<FunctionType>()) {
    if (fn->name.text() != name || !fn->module) return false;
    std::string_view m = static_cast<const BoundModule*>(fn->module)->name.text();
    return m == "typing" || m == "typing_extensions" || m == "builtins";
  }
  if (auto o = callee->as<OverloadedType>()) {
    if (o->overloads.empty()) return false;
    return isFromTyping(o->overloads[0], name);
  }
  return false;
}

// A type's display with implicit Any (Unknown) spelled as Any: assert_type does not tell the
// two apart (`x: list` passes `assert_type(x, list[Any])`).
std::string gradualDisplay(std::string text) {
  static constexpr std::string_view unknownWord = "Unknown";
  auto isWordChar = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (size_t at = text.find(unknownWord); at != std::string::npos;
       at = text.find(unknownWord, at + 1)) {
    size_t end = at + unknownWord.size();
    if ((at > 0 && isWordChar(text[at - 1])) || (end < text.size() && isWordChar(text[end])))
      continue;
    text.replace(at, unknownWord.size(), "Any");
  }
  return text;
}

const ClassInfo* classOfValue(const Type* callee) {
  if (auto co = callee->as<ClassObjectType>())
    if (auto inst = co->instance->as<InstanceType>()) return inst->cls;
  return nullptr;
}

} // namespace

std::optional<const Type*> EvaluatorImpl::specialCall(ModuleTypes& mt, const Call* call,
                                                      const Type* callee, const Type* expected) {
  std::string_view name = calleeName(call->func);
  if (name.empty()) return std::nullopt;

  if (name == "reveal_type" && (isFromTyping(callee, name) || callee->isAnyOrUnknown()) &&
      call->args.size() == 1) {
    const Type* t = typeOf(mt, call->args[0]);
    report(mt, Rule::RevealType, call->args[0]->range, "Revealed type: " + show(t));
    return t;
  }
  if (name == "assert_type" && (isFromTyping(callee, name) || callee->isAnyOrUnknown()) &&
      call->args.size() == 2) {
    const Type* actual = typeOf(mt, call->args[0]);
    const Type* wanted = typeExpression(mt, call->args[1], 0);
    if (containsTypeVar(wanted)) wanted = scopeTypeVars(mt, wanted, call, nullptr);
    bool same = isSameType(actual, wanted) ||
                (actual->isAnyOrUnknown() && wanted->isAnyOrUnknown()) ||
                gradualDisplay(show(actual)) == gradualDisplay(show(wanted));
    if (!same)
      report(mt, Rule::TypeAssertionFailure, call->args[0]->range,
             "\"assert_type\" mismatch: expected \"" + show(wanted) + "\" but received \"" +
                 show(actual) + "\"");
    return actual;
  }
  if (name == "cast" && isFromTyping(callee, name) && call->args.size() == 2) {
    typeOf(mt, call->args[1]);
    const Type* t = typeExpression(mt, call->args[0], 0);
    if (containsTypeVar(t)) t = scopeTypeVars(mt, t, call, nullptr);
    return t;
  }
  if (const ClassInfo* cls = classOfValue(callee)) {
    std::string_view qn = cls->qualifiedName;
    auto assignedName = [&]() -> Name {
      if (call->parent)
        if (auto assign = call->parent->as<Assign>(); assign && assign->targets.size() == 1)
          if (auto n = assign->targets[0]->as<NameExpr>()) return n->id;
      if (call->parent)
        if (auto ann = call->parent->as<AnnAssign>())
          if (auto n = ann->target->as<NameExpr>()) return n->id;
      return {};
    };
    if (qn == "typing.TypeVar" || qn == "typing_extensions.TypeVar")
      return typeVarFromCall(mt, call, TypeVarKind::TypeVar, assignedName());
    if (qn == "typing.ParamSpec" || qn == "typing_extensions.ParamSpec")
      return typeVarFromCall(mt, call, TypeVarKind::ParamSpec, assignedName());
    if (qn == "typing.TypeVarTuple" || qn == "typing_extensions.TypeVarTuple")
      return typeVarFromCall(mt, call, TypeVarKind::TypeVarTuple, assignedName());
    if ((qn == "typing.NewType" || qn == "typing_extensions.NewType") && call->args.size() == 2) {
      Name newName = assignedName();
      if (auto s = call->args[0]->as<StringLiteral>()) newName = intern(s->value);
      const Type* base = typeExpression(mt, call->args[1], 0);
      auto baseInst = base->as<InstanceType>();
      if (!baseInst || !newName) return unknown();
      if (asTypedDict(baseInst))
        report(mt, Rule::InvalidTypeForm, call->args[1]->range,
               "NewType cannot be used with a TypedDict class");
      // One synthesized class per NewType call, keyed by the call.
      ClassInfo* info = nullptr;
      {
        std::lock_guard lock(synthesizedMutex_);
        auto it = synthesized_.find(call);
        if (it != synthesized_.end()) info = it->second;
      }
      if (!info) {
        std::string qualified =
            std::string(mt.module.name.text()) + "." + std::string(newName.text());
        info = arena_.newClass(newName, qualified, nullptr, &mt.module);
        ClassDetails details;
        std::vector<const Type*> bases{baseInst};
        std::vector<const Type*> mro{arena_.instance(info)};
        for (const Type* e : classDetails(baseInst->cls).mro) {
          TypeVarSolution s = specializationOf(baseInst, *this);
          mro.push_back(applySolution(e, s, *this));
        }
        mro[1] = baseInst;
        details.bases = bases;
        details.mro = mro;
        details.flags = ClassNewType | ClassFinal;
        arena_.publishDetails(info, details);
        std::lock_guard lock(synthesizedMutex_);
        auto [it, inserted] = synthesized_.emplace(call, info);
        info = it->second;
      }
      return arena_.classObject(arena_.instance(info));
    }
    if (qn == "typing.TypeAliasType" || qn == "typing_extensions.TypeAliasType") {
      for (const Expr* a : call->args) typeOf(mt, a);
      return std::nullopt;
    }
  }
  if (auto sf = callee->as<SpecialFormType>(); sf && sf->form == SpecialForm::TypedDict)
    return typedDictFromCall(mt, call);
  if ((name == "isinstance" || name == "issubclass") && call->args.size() == 2 &&
      isFromTyping(callee, name))
    reportTypedDictClassCheck(mt, call->args[1]);
  // namedtuple("P", "x y") / NamedTuple("P", [("x", int)]): a class made by the call.
  bool isNamedTupleFactory = false;
  bool typedFields = false;
  if (auto fn = callee->as<FunctionType>();
      fn && fn->name.text() == "namedtuple" && fn->module &&
      static_cast<const BoundModule*>(fn->module)->name.text() == "collections")
    isNamedTupleFactory = true;
  if (const ClassInfo* cls = classOfValue(callee);
      cls && (cls->qualifiedName == "typing.NamedTuple" ||
              cls->qualifiedName == "typing_extensions.NamedTuple")) {
    isNamedTupleFactory = true;
    typedFields = true;
  }
  if (isNamedTupleFactory && !call->args.empty()) return namedTupleFromCall(mt, call, typedFields);
  if (name == "super" && callee->is<ClassObjectType>()) {
    SuperCall target = superCall(mt, call);
    if (!target.cls) return unknown();
    for (const Type* entry : superSearchOrder(target)) {
      auto base = entry->as<InstanceType>();
      if (!base) return unknown();
      // The next class in the MRO that is not a pure marker.
      std::string_view qn = base->cls->qualifiedName;
      if (qn == "typing.Generic" || qn == "typing.Protocol") continue;
      return target.classAccess ? arena_.classObject(base) : static_cast<const Type*>(base);
    }
    return objectOrUnknown();
  }
  (void)expected;
  return std::nullopt;
}

EvaluatorImpl::SuperCall EvaluatorImpl::superCall(ModuleTypes& mt, const Call* call) {
  SuperCall target;
  if (call->args.size() >= 1) {
    const Type* first = typeOf(mt, call->args[0]);
    if (auto co = first->as<ClassObjectType>())
      if (auto i = co->instance->as<InstanceType>()) target.cls = i->cls;
    if (call->args.size() >= 2) {
      // super(C, self) in a subclass of C searches the subclass's MRO after C (pyright's rule):
      // in `class D(Mixin, dict)`, super(Mixin, self).values() finds dict's.
      const Type* second = typeOf(mt, call->args[1]);
      if (auto tv = second->as<TypeVarType>(); tv && tv->bound) second = tv->bound;
      if (auto co = second->as<ClassObjectType>()) second = co->instance;
      if (auto tv = second->as<TypeVarType>(); tv && tv->bound) second = tv->bound;
      if (auto i = second->as<InstanceType>()) target.mroOf = i->cls;
    }
  } else {
    target.cls = enclosingClass(mt, call);
  }
  // The enclosing method's first parameter decides instance or class access.
  for (const Node* n = call; n; n = n->parent) {
    if (auto fn = n->as<FunctionDef>()) {
      const FunctionType* f = undecoratedFunction(mt, fn);
      target.classAccess = f->has(FunctionClassMethod) || fn->name.name == names::dunderNew;
      break;
    }
  }
  return target;
}

std::optional<const Type*> EvaluatorImpl::superMemberOwner(ModuleTypes& mt, const Call* call,
                                                           Name name) {
  if (calleeName(call->func) != "super") return std::nullopt;
  auto callee = typeOf(mt, call->func)->as<ClassObjectType>();
  auto superClass = callee ? callee->instance->as<InstanceType>() : nullptr;
  if (!superClass || superClass->cls->qualifiedName != "builtins.super") return std::nullopt;
  SuperCall target = superCall(mt, call);
  if (!target.cls) return std::nullopt;
  const ClassDetails& details = classDetails(target.cls);
  for (const Type* entry : superSearchOrder(target)) {
    auto base = entry->as<InstanceType>();
    if (!base) return unknown();
    if (base->cls->qualifiedName == "builtins.object") break;
    MemberLookup found = lookupClassMember(base->cls, base, name, false, true);
    if (found.found() && found.owner && found.owner->cls == base->cls)
      return target.classAccess ? arena_.classObject(base) : static_cast<const Type*>(base);
  }
  // An unresolved base comes before `object` and may have it.
  if (details.has(ClassUnknownBase) ||
      (target.mroOf && classDetails(target.mroOf).has(ClassUnknownBase)))
    return unknown();
  return std::nullopt;
}

std::vector<const Type*> EvaluatorImpl::superSearchOrder(const SuperCall& target) {
  if (target.mroOf && target.mroOf != target.cls) {
    const ClassDetails& details = classDetails(target.mroOf);
    for (size_t i = 0; i < details.mro.size(); ++i) {
      auto entry = details.mro[i]->as<InstanceType>();
      if (entry && entry->cls == target.cls)
        return std::vector<const Type*>(details.mro.begin() + static_cast<ptrdiff_t>(i) + 1,
                                        details.mro.end());
    }
  }
  const ClassDetails& details = classDetails(target.cls);
  if (details.mro.empty()) return {};
  return std::vector<const Type*>(details.mro.begin() + 1, details.mro.end());
}

const Type* EvaluatorImpl::superMethodForSelf(ModuleTypes& mt, const Call* call, const Type* owner,
                                              Name name) {
  if (!call->args.empty() || !call->keywords.empty()) return nullptr;
  const FunctionDef* method = nullptr;
  for (const Node* n = call->parent; n && !method; n = n->parent) {
    if (n->is<Lambda>() || n->is<ClassDef>()) return nullptr;
    method = n->as<FunctionDef>();
  }
  if (!method || !method->parameters || method->parameters->parameters.empty()) return nullptr;
  const Parameter* first = method->parameters->parameters[0];
  if (first->parameterKind != ParameterKind::PositionalOrKeyword &&
      first->parameterKind != ParameterKind::PositionalOnly)
    return nullptr;
  bool classAccess = owner->is<ClassObjectType>();
  auto inst = classAccess ? owner->as<ClassObjectType>()->instance->as<InstanceType>()
                          : owner->as<InstanceType>();
  if (!inst) return nullptr;
  MemberLookup m = lookupClassMember(inst->cls, inst, name, true);
  if (!m.found() || m.isInstanceMember) return nullptr;
  const Type* member = specializeMember(m.type, m.owner);
  if (!member->is<FunctionType>() && !member->is<OverloadedType>()) return nullptr;
  const Type* self = typeOfParameter(mt, first);
  if (self->isAnyOrUnknown()) return nullptr;
  return bindFunction(member, self, classAccess, m.owner);
}

const Type* EvaluatorImpl::namedTupleFromCall(ModuleTypes& mt, const Call* call, bool typedFields) {
  for (const Expr* a : call->args) typeOf(mt, a);
  for (const Keyword* k : call->keywords) typeOf(mt, k->value);
  Name className;
  if (auto s = call->args[0]->as<StringLiteral>()) className = intern(s->value);
  if (!className) return unknown();
  {
    std::lock_guard lock(synthesizedMutex_);
    auto it = synthesized_.find(call);
    if (it != synthesized_.end()) return arena_.classObject(arena_.instance(it->second));
  }
  // The fields, when written literally.
  std::vector<Param> fields;
  bool understood = call->args.size() >= 2;
  auto addField = [&](std::string_view fieldName, const Type* type) {
    Param p;
    p.name = intern(fieldName);
    p.kind = ParamKind::PositionalOrKeyword;
    p.type = type;
    p.flags = ParamHasDeclaredType;
    fields.push_back(p);
  };
  if (call->args.size() >= 2) {
    const Expr* spec = call->args[1];
    if (auto s = spec->as<StringLiteral>(); s && !typedFields) {
      std::string text(s->value);
      for (char& c : text)
        if (c == ',') c = ' ';
      size_t at = 0;
      while (at < text.size()) {
        size_t start = text.find_first_not_of(' ', at);
        if (start == std::string::npos) break;
        size_t end = text.find(' ', start);
        if (end == std::string::npos) end = text.size();
        addField(std::string_view(text).substr(start, end - start), unknown());
        at = end;
      }
    } else if (spec->is<ListExpr>() || spec->is<Tuple>()) {
      List<Expr*> elts =
          spec->is<ListExpr>() ? spec->as<ListExpr>()->elts : spec->as<Tuple>()->elts;
      for (const Expr* e : elts) {
        if (auto s = e->as<StringLiteral>(); s && !typedFields) {
          addField(s->value, unknown());
        } else if (auto pair = e->as<Tuple>(); pair && typedFields && pair->elts.size() == 2 &&
                                               pair->elts[0]->is<StringLiteral>()) {
          addField(pair->elts[0]->as<StringLiteral>()->value, typeExpression(mt, pair->elts[1], 0));
        } else {
          understood = false;
        }
      }
    } else {
      understood = false;
    }
  }
  // defaults=(...) gives the last fields defaults.
  for (const Keyword* k : call->keywords) {
    if (k->name.name.text() != "defaults" || !k->value) continue;
    size_t n = fields.size();
    if (auto t = k->value->as<Tuple>())
      n = t->elts.size();
    else if (auto l = k->value->as<ListExpr>())
      n = l->elts.size();
    for (size_t i = fields.size() > n ? fields.size() - n : 0; i < fields.size(); ++i) {
      fields[i].flags |= ParamHasDefault;
      fields[i].defaultText = "...";
    }
  }
  std::string qualified = std::string(mt.module.name.text()) + "." + std::string(className.text());
  ClassInfo* info = arena_.newClass(className, qualified, nullptr, &mt.module);
  ClassDetails details;
  std::vector<const Type*> mro{arena_.instance(info)};
  std::vector<const Type*> bases;
  if (const ClassInfo* base = classNamed("typing", "NamedTuple")) {
    bases.push_back(arena_.instance(base));
    for (const Type* e : classDetails(base).mro) mro.push_back(e);
  }
  details.bases = bases;
  details.mro = mro;
  details.synthesizedFields = fields;
  details.flags = ClassNamedTuple | ClassSynthesized |
                  (understood ? 0u : static_cast<uint32_t>(ClassUnknownBase));
  arena_.publishDetails(info, details);
  std::lock_guard lock(synthesizedMutex_);
  auto [it, inserted] = synthesized_.emplace(call, info);
  return arena_.classObject(arena_.instance(it->second));
}

std::optional<const Type*> EvaluatorImpl::classFromTypeCall(ModuleTypes& mt,
                                                            const ClassObjectType* callee,
                                                            std::vector<Argument>& args,
                                                            const Node* errorNode) {
  auto meta = callee->instance->as<InstanceType>();
  auto call = errorNode ? errorNode->as<Call>() : nullptr;
  if (!meta || !call || args.size() < 2) return std::nullopt;
  // pyright does this for the metaclasses typeshed declares (type, ABCMeta, EnumMeta...).
  const BoundModule* metaModule = moduleOfClass(meta->cls);
  const ClassInfo* typeClass = knownClass(KnownClass::Type);
  if (!metaModule || !metaModule->isStub || !typeClass || !derivesFrom(meta->cls, typeClass, *this))
    return std::nullopt;
  for (size_t i = 0; i < 2; ++i)
    if (args[i].keyword || args[i].star || args[i].doubleStar) return std::nullopt;
  {
    std::lock_guard lock(synthesizedMutex_);
    auto it = synthesized_.find(call);
    if (it != synthesized_.end()) return arena_.classObject(arena_.instance(it->second));
  }
  auto name = argumentType(mt, args[0], nullptr)->as<InstanceType>();
  auto bases = argumentType(mt, args[1], nullptr)->as<InstanceType>();
  if (!name || name->cls->qualifiedName != "builtins.str" || !bases ||
      bases->cls->qualifiedName != "builtins.tuple")
    return arena_.any();
  // The classes the tuple names; anything else is a base Shrike cannot see into.
  std::vector<const Type*> elements;
  if (bases->hasTupleElements()) {
    for (const TupleElement& e : bases->tupleElements) elements.push_back(e.type);
  } else {
    elements.push_back(bases->typeArgs.empty() ? unknown() : bases->typeArgs[0]);
  }
  uint32_t flags = 0;
  std::vector<const Type*> baseInstances;
  for (const Type* e : elements) {
    auto co = e->as<ClassObjectType>();
    auto inst = co ? co->instance->as<InstanceType>() : nullptr;
    if (inst && std::none_of(baseInstances.begin(), baseInstances.end(), [&](const Type* b) {
          return b->as<InstanceType>()->cls == inst->cls;
        }))
      baseInstances.push_back(inst);
    else if (!inst)
      flags |= ClassUnknownBase;
  }
  Name className = intern(name->literal.kind == LiteralKind::Str && !name->literal.text.empty()
                              ? name->literal.text
                              : std::string_view("_"));
  std::string qualified = std::string(mt.module.name.text()) + "." + std::string(className.text());
  ClassInfo* info = arena_.newClass(className, qualified, nullptr, &mt.module);
  ClassDetails details;
  std::vector<const Type*> mro = linearizeMro(arena_.instance(info), baseInstances, flags);
  details.bases = baseInstances;
  details.mro = mro;
  if (meta->cls != typeClass) details.metaclass = meta;
  details.flags = flags | ClassSynthesized;
  arena_.publishDetails(info, details);
  std::lock_guard lock(synthesizedMutex_);
  auto [it, inserted] = synthesized_.emplace(call, info);
  return arena_.classObject(arena_.instance(it->second));
}

const Type* EvaluatorImpl::typeVarFromCall(ModuleTypes& mt, const Call* call, TypeVarKind kind,
                                           Name assignedName) {
  TypeVarType proto;
  proto.tvKind = kind;
  proto.name = assignedName;
  if (!call->args.empty())
    if (auto s = call->args[0]->as<StringLiteral>()) proto.name = intern(s->value);
  if (!proto.name) return unknown();
  std::vector<const Type*> constraints;
  for (size_t i = 1; i < call->args.size(); ++i)
    constraints.push_back(typeExpression(mt, call->args[i], EvalForwardRefs));
  proto.constraints = constraints;
  for (const Keyword* k : call->keywords) {
    std::string_view kn = k->name.name.text();
    auto isTrue = [&] {
      return k->value && k->value->is<BoolLiteral>() && k->value->as<BoolLiteral>()->value;
    };
    if (kn == "bound" && k->value && !k->value->is<NoneLiteral>())
      proto.bound = typeExpression(mt, k->value, EvalForwardRefs);
    else if (kn == "covariant" && isTrue())
      proto.variance = Variance::Covariant;
    else if (kn == "contravariant" && isTrue())
      proto.variance = Variance::Contravariant;
    else if (kn == "infer_variance" && isTrue())
      proto.variance = Variance::Inferred;
    else if (kn == "default" && k->value) {
      if (kind == TypeVarKind::ParamSpec && k->value->is<ListExpr>()) {
        FunctionType spec;
        std::vector<Param> params;
        for (const Expr* e : k->value->as<ListExpr>()->elts) {
          Param p;
          p.kind = ParamKind::PositionalOnly;
          p.type = typeExpression(mt, e, EvalForwardRefs);
          p.flags = ParamHasDeclaredType;
          params.push_back(p);
        }
        spec.params = params;
        spec.fnFlags = FunctionParamSpecValue;
        proto.defaultType = arena_.function(spec);
      } else {
        proto.defaultType = typeExpression(mt, k->value, EvalForwardRefs);
      }
    }
  }
  checkTypeVarCall(mt, call, proto);
  return arena_.typeVar(proto);
}

// The rules for TypeVar(...) itself: two or more constraints, neither they nor the bound
// generic, not both a bound and constraints, not both covariant and contravariant.
void EvaluatorImpl::checkTypeVarCall(ModuleTypes& mt, const Call* call, const TypeVarType& proto) {
  if (proto.tvKind != TypeVarKind::TypeVar) return;
  if (proto.constraints.size() == 1)
    report(mt, Rule::InvalidTypeParameter, call->args[1]->range,
           "A TypeVar with constraints needs at least two of them");
  for (size_t i = 0; i < proto.constraints.size(); ++i)
    if (containsTypeVar(proto.constraints[i]))
      report(mt, Rule::InvalidTypeParameter, call->args[i + 1]->range,
             "A TypeVar's constraint cannot be generic");
  bool covariant = false, contravariant = false;
  for (const Keyword* k : call->keywords) {
    std::string_view kn = k->name.name.text();
    bool isTrue = k->value && k->value->is<BoolLiteral>() && k->value->as<BoolLiteral>()->value;
    covariant |= kn == "covariant" && isTrue;
    contravariant |= kn == "contravariant" && isTrue;
    if (kn == "bound" && k->value)
      if (auto sf =
              typeOf(mt, k->value, nullptr, EvalNoSpecialize | EvalTypeForm)->as<SpecialFormType>();
          sf && sf->form == SpecialForm::TypedDict)
        report(mt, Rule::InvalidTypeParameter, k->value->range,
               "\"TypedDict\" cannot be the bound of a TypeVar");
    if (kn != "bound" || !proto.bound) continue;
    if (containsTypeVar(proto.bound))
      report(mt, Rule::InvalidTypeParameter, k->value->range,
             "A TypeVar's bound cannot be generic");
    if (!proto.constraints.empty())
      report(mt, Rule::InvalidTypeParameter, k->value->range,
             "A TypeVar cannot have both a bound and constraints");
  }
  if (covariant && contravariant)
    report(mt, Rule::InvalidTypeParameter, call->range,
           "A TypeVar cannot be both covariant and contravariant");
}

} // namespace shrike::checker
