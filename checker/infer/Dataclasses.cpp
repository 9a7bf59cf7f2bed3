// Dataclasses: which classes are dataclasses (@dataclass, or a dataclass_transform decorator,
// base class or metaclass), their options and fields, and the members they are given
// (__init__, order methods, __hash__, __match_args__, __dataclass_fields__, __slots__).
#include "checker/infer/Dataclasses.h"

#include <algorithm>
#include <functional>
#include <optional>

#include "checker/infer/EvaluatorImpl.h"

namespace shrike::checker {

using namespace parser;

namespace {

std::string_view calleeName(const Expr* e) {
  if (auto call = e->as<Call>()) e = call->func;
  if (auto n = e->as<NameExpr>()) return n->id.text();
  if (auto a = e->as<Attribute>()) return a->attr.name.text();
  return {};
}

// The @dataclass_transform(...) among decorators; null when there is none.
const Expr* transformDecorator(List<Expr*> decorators) {
  for (const Expr* d : decorators)
    if (calleeName(d) == "dataclass_transform") return d;
  return nullptr;
}

// The @dataclass_transform(...) that marks a decorator function (or one of its overloads) or a
// class; null when there is none.
const Expr* transformDecoratorOfValue(const Type* value) {
  auto ofFunction = [](const FunctionType* fn) -> const Expr* {
    if (!fn || !fn->decl) return nullptr;
    auto def = static_cast<const Node*>(fn->decl)->as<FunctionDef>();
    return def ? transformDecorator(def->decorators) : nullptr;
  };
  if (auto fn = value->as<FunctionType>()) return ofFunction(fn);
  if (auto o = value->as<OverloadedType>()) {
    for (const FunctionType* f : o->overloads)
      if (const Expr* d = ofFunction(f)) return d;
    return ofFunction(o->implementation);
  }
  if (auto co = value->as<ClassObjectType>())
    if (auto inst = co->instance->as<InstanceType>(); inst && inst->cls->decl)
      return transformDecorator(static_cast<const ClassDef*>(inst->cls->decl)->decorators);
  return nullptr;
}

std::optional<bool> boolKeyword(List<Keyword*> keywords, std::string_view name) {
  for (const Keyword* k : keywords)
    if (k->name.name.text() == name && k->value && k->value->is<BoolLiteral>())
      return k->value->as<BoolLiteral>()->value;
  return std::nullopt;
}

const Keyword* keywordNamed(List<Keyword*> keywords, std::string_view name) {
  for (const Keyword* k : keywords)
    if (k->name.name.text() == name) return k;
  return nullptr;
}

// Options a class statement or decorator call sets explicitly.
void applyOverrides(DataclassOptions& o, List<Keyword*> keywords) {
  if (auto v = boolKeyword(keywords, "init")) o.init = *v;
  if (auto v = boolKeyword(keywords, "eq")) o.eq = *v;
  if (auto v = boolKeyword(keywords, "order")) o.order = *v;
  if (auto v = boolKeyword(keywords, "frozen")) o.frozen = *v;
  if (auto v = boolKeyword(keywords, "kw_only")) o.kwOnly = *v;
  if (auto v = boolKeyword(keywords, "unsafe_hash")) o.unsafeHash = *v;
  if (auto v = boolKeyword(keywords, "slots")) o.slots = *v;
  if (auto v = boolKeyword(keywords, "match_args")) o.matchArgs = *v;
}

bool sameCallable(const Type* a, const Type* b) {
  if (a == b) return true;
  auto declOf = [](const Type* t) -> const void* {
    if (auto fn = t->as<FunctionType>()) return fn->decl;
    if (auto o = t->as<OverloadedType>())
      return o->overloads.empty() ? nullptr : o->overloads[0]->decl;
    if (auto co = t->as<ClassObjectType>())
      if (auto inst = co->instance->as<InstanceType>()) return inst->cls;
    return nullptr;
  };
  const void* da = declOf(a);
  return da && da == declOf(b);
}

// The literal default (`True`/`False`) of a parameter of a field specifier's signature.
std::optional<bool> paramDefault(const FunctionType* fn, std::string_view name) {
  if (!fn) return std::nullopt;
  for (const Param& p : fn->params) {
    if (p.name.text() != name || !p.hasDefault()) continue;
    if (p.defaultText == "True") return true;
    if (p.defaultText == "False") return false;
  }
  return std::nullopt;
}

} // namespace

// `InitVar[T]` (the annotation's type is T: the InitVar is read off the annotation).
bool EvaluatorImpl::annotationIsInitVar(ModuleTypes& mt, const Expr* annotation) {
  const Expr* e = annotation;
  if (auto s = e->as<StringLiteral>())
    if (const Expr* parsed = mt.index.stringAnnotation(s)) e = parsed;
  auto sub = e->as<Subscript>();
  if (!sub || (!sub->value->is<NameExpr>() && !sub->value->is<Attribute>())) return false;
  auto co =
      typeOf(mt, sub->value, nullptr, EvalForwardRefs | EvalNoSpecialize)->as<ClassObjectType>();
  auto inst = co ? co->instance->as<InstanceType>() : nullptr;
  return inst && inst->cls->qualifiedName == "dataclasses.InitVar";
}

uint32_t EvaluatorImpl::dataclassFlags(const ClassDef* def, std::span<const Type* const> bases,
                                       const Type* metaclass) {
  uint32_t flags = 0;
  if (transformDecorator(def->decorators)) flags |= ClassDataclassTransform;
  // Only direct bases are asked (an ancestor's mark is passed down): their details are known.
  auto transformAbove = [&](const ClassInfo* c) {
    return classDetails(c).flags & (ClassDataclassTransform | ClassTransformDescendant);
  };
  for (const Type* b : bases)
    if (auto inst = b->as<InstanceType>(); inst && transformAbove(inst->cls))
      flags |= ClassTransformDescendant | ClassDataclass;
  if (auto meta = metaclass ? metaclass->as<InstanceType>() : nullptr;
      meta && transformAbove(meta->cls))
    flags |= ClassTransformDescendant | ClassDataclass;
  // A decorator other than @dataclass is looked at later (isDataclass): evaluating it here,
  // while the class's details are being computed, would go round in circles in builtins.
  for (const Expr* d : def->decorators)
    if (calleeName(d) == "dataclass") flags |= ClassDataclass;
  return flags;
}

bool EvaluatorImpl::isDataclass(const ClassInfo* cls) {
  if (classDetails(cls).has(ClassDataclass)) return true;
  auto def = static_cast<const ClassDef*>(cls->decl);
  const BoundModule* module = moduleOfClass(cls);
  // Stubs are left out: their decorators (typeshed's @disjoint_base on list...) would be
  // evaluated in the middle of their classes' own lookups, and none of them makes dataclasses.
  if (!def || !module || def->decorators.empty() || module->isStub) return false;
  {
    std::lock_guard lock(dataclassMutex_);
    if (auto it = decoratedDataclass_.find(cls); it != decoratedDataclass_.end()) return it->second;
  }
  ModuleTypes& mt = typesOf(*module);
  bool found = false;
  for (const Expr* d : def->decorators) {
    std::string_view name = calleeName(d);
    if (name.empty() || name == "dataclass_transform" || name == "final" ||
        name == "runtime_checkable" || name == "type_check_only" || name == "total_ordering")
      continue;
    const Expr* callee = d->is<Call>() ? d->as<Call>()->func : d;
    uint16_t evalFlags = module->isStub ? EvalForwardRefs : 0;
    if (transformDecoratorOfValue(typeOf(mt, callee, nullptr, evalFlags))) found = true;
  }
  std::lock_guard lock(dataclassMutex_);
  return decoratedDataclass_.emplace(cls, found).first->second;
}

const DataclassInfo* EvaluatorImpl::dataclassInfo(const ClassInfo* cls) {
  if (!isDataclass(cls)) return nullptr;
  {
    std::lock_guard lock(dataclassMutex_);
    if (auto it = dataclasses_.find(cls); it != dataclasses_.end()) return it->second.get();
  }
  // A class whose fields ask for its own fields (through a default's type) gets none.
  thread_local std::vector<const ClassInfo*> inProgress;
  if (std::find(inProgress.begin(), inProgress.end(), cls) != inProgress.end()) return nullptr;
  inProgress.push_back(cls);
  auto info = std::make_unique<DataclassInfo>(computeDataclassInfo(cls));
  inProgress.pop_back();
  std::lock_guard lock(dataclassMutex_);
  return dataclasses_.emplace(cls, std::move(info)).first->second.get();
}

DataclassOptions EvaluatorImpl::dataclassOptions(const ClassInfo* cls) {
  DataclassOptions options;
  const BoundModule* module = moduleOfClass(cls);
  auto def = static_cast<const ClassDef*>(cls->decl);
  if (!module || !def) return options;
  ModuleTypes& mt = typesOf(*module);
  // Defaults from a dataclass_transform(...) call.
  auto fromTransform = [&](const Expr* transform) {
    options.stdlib = false;
    auto call = transform->as<Call>();
    if (!call) return;
    if (auto v = boolKeyword(call->keywords, "eq_default")) options.eq = *v;
    if (auto v = boolKeyword(call->keywords, "order_default")) options.order = *v;
    if (auto v = boolKeyword(call->keywords, "kw_only_default")) options.kwOnly = *v;
    if (auto v = boolKeyword(call->keywords, "frozen_default")) options.frozen = *v;
    if (const Keyword* k = keywordNamed(call->keywords, "field_specifiers"); k && k->value) {
      const BoundModule* where = moduleOfNode(call);
      ModuleTypes& wmt = where ? typesOf(*where) : mt;
      if (auto tuple = k->value->as<Tuple>())
        for (const Expr* el : tuple->elts) options.fieldSpecifiers.push_back(typeOf(wmt, el));
    }
  };
  for (const Expr* d : def->decorators) {
    std::string_view name = calleeName(d);
    if (name == "dataclass") {
      options.source = d;
      if (auto call = d->as<Call>()) applyOverrides(options, call->keywords);
      return options;
    }
    if (name.empty() || name == "dataclass_transform") continue;
    const Expr* callee = d->is<Call>() ? d->as<Call>()->func : d;
    if (const Expr* transform = transformDecoratorOfValue(typeOf(mt, callee))) {
      options.source = d;
      fromTransform(transform);
      if (auto call = d->as<Call>()) applyOverrides(options, call->keywords);
      return options;
    }
  }
  // A dataclass_transform base class or metaclass: the class statement's keywords.
  options.source = def;
  auto transformIn = [&](const ClassInfo* c) -> const Expr* {
    for (const Type* entry : classDetails(c).mro)
      if (auto e = entry->as<InstanceType>(); e && e->cls->decl)
        if (const Expr* t =
                transformDecorator(static_cast<const ClassDef*>(e->cls->decl)->decorators))
          return t;
    return nullptr;
  };
  const ClassDetails& details = classDetails(cls);
  const Expr* transform = nullptr;
  for (const Type* b : details.bases)
    if (auto inst = b->as<InstanceType>(); inst && !transform) transform = transformIn(inst->cls);
  if (!transform)
    if (auto meta = details.metaclass ? details.metaclass->as<InstanceType>() : nullptr)
      transform = transformIn(meta->cls);
  if (transform) fromTransform(transform);
  applyOverrides(options, def->keywords);
  return options;
}

// The fields a class body declares itself, in order.
void EvaluatorImpl::ownDataclassFields(const ClassInfo* cls, const InstanceType* asSeen,
                                       const DataclassOptions& options,
                                       std::vector<DataclassField>& out) {
  const BoundModule* module = moduleOfClass(cls);
  auto def = static_cast<const ClassDef*>(cls->decl);
  if (!module || !def) return;
  ModuleTypes& mt = typesOf(*module);
  bool afterKwOnlyMarker = false;
  auto isSpecifier = [&](const Call* call, const Type*& callee) {
    if (options.stdlib) {
      std::string_view n = calleeName(call->func);
      return n == "field" || n == "Field";
    }
    callee = typeOf(mt, call->func);
    return std::any_of(options.fieldSpecifiers.begin(), options.fieldSpecifiers.end(),
                       [&](const Type* s) { return sameCallable(s, callee); });
  };
  auto fieldOf = [&](const AnnAssign* ann) {
    if (annotationHasQualifier(mt, ann->annotation, SpecialForm::ClassVar)) return;
    const Type* declared = specializeMember(typeOfAnnotation(mt, ann->annotation), asSeen);
    auto di = declared->as<InstanceType>();
    if (di && di->cls->qualifiedName == "dataclasses.KW_ONLY") {
      afterKwOnlyMarker = true;
      return;
    }
    DataclassField f;
    f.name = ann->target->as<NameExpr>()->id;
    f.initName = f.name;
    f.stmt = ann;
    f.owner = cls;
    f.type = declared;
    f.initVar = annotationIsInitVar(mt, ann->annotation);
    std::optional<bool> kwOnly;
    f.hasDefault = ann->value != nullptr;
    const Type* callee = nullptr;
    if (auto call = ann->value ? ann->value->as<Call>() : nullptr;
        call && isSpecifier(call, callee)) {
      f.hasDefault = keywordNamed(call->keywords, "default") ||
                     keywordNamed(call->keywords, "default_factory") ||
                     keywordNamed(call->keywords, "factory");
      // What the specifier's signature gives when the call does not say (`init: bool = False`).
      const FunctionType* signature = nullptr;
      if (callee) {
        if (auto fn = callee->as<FunctionType>()) signature = fn;
        if (auto o = callee->as<OverloadedType>()) {
          Speculative speculative(*this);
          std::vector<Argument> args = argumentsOf(call);
          signature = callOverloaded(mt, o, args, call, nullptr).matched;
        }
        if (auto co = callee->as<ClassObjectType>())
          signature = constructorSignature(co)->as<FunctionType>();
      }
      std::optional<bool> init = boolKeyword(call->keywords, "init");
      if (!init) init = paramDefault(signature, "init");
      f.init = init.value_or(true);
      kwOnly = boolKeyword(call->keywords, "kw_only");
      if (!kwOnly) kwOnly = paramDefault(signature, "kw_only");
      if (const Keyword* alias = keywordNamed(call->keywords, "alias"); alias && alias->value)
        if (auto s = alias->value->as<StringLiteral>()) f.initName = intern(s->value);
    }
    f.kwOnly = kwOnly.value_or(afterKwOnlyMarker || options.kwOnly);
    // A descriptor field is initialized through its __set__: the parameter takes its value type.
    f.initType = f.type;
    if (auto inst = f.type->as<InstanceType>(); inst && !f.initVar && !inst->isLiteral()) {
      MemberLookup set = lookupClassMember(inst->cls, inst, names::dunderSet, true, true);
      if (set.found()) {
        const Type* bound =
            bindFunction(specializeMember(set.type, set.owner), inst, false, set.owner);
        if (auto fn = bound->as<FunctionType>(); fn && fn->params.size() >= 2)
          f.initType = fn->params[1].type ? fn->params[1].type : unknown();
      }
    }
    out.push_back(f);
  };
  std::function<void(List<Stmt*>)> walk = [&](List<Stmt*> body) {
    for (const Stmt* stmt : body) {
      if (mt.index.isUnreachable(stmt->range.start)) continue;
      if (auto i = stmt->as<If>()) {
        walk(i->body);
        walk(i->orelse);
        continue;
      }
      if (auto ann = stmt->as<AnnAssign>(); ann && ann->target->is<NameExpr>()) fieldOf(ann);
    }
  };
  walk(def->body);
}

DataclassInfo EvaluatorImpl::computeDataclassInfo(const ClassInfo* cls) {
  DataclassInfo info;
  info.options = dataclassOptions(cls);
  const ClassDetails& details = classDetails(cls);
  // Fields in MRO order from the root: a redefinition replaces the field in its place.
  for (size_t i = details.mro.size(); i-- > 0;) {
    auto inst = details.mro[i]->as<InstanceType>();
    if (!inst || !isDataclass(inst->cls)) continue;
    const DataclassInfo* own = inst->cls == cls ? nullptr : dataclassInfo(inst->cls);
    if (inst->cls != cls && !own) continue;
    std::vector<DataclassField> fields;
    ownDataclassFields(inst->cls, inst, inst->cls == cls ? info.options : own->options, fields);
    for (DataclassField& f : fields) {
      auto it = std::find_if(info.fields.begin(), info.fields.end(),
                             [&](const DataclassField& x) { return x.name == f.name; });
      if (it != info.fields.end())
        *it = f;
      else
        info.fields.push_back(f);
    }
  }
  if (!info.options.init) return info;
  std::vector<Param> params, kwOnly;
  Param self;
  self.name = names::self_;
  self.type = selfInstance(cls);
  self.flags = ParamHasDeclaredType;
  params.push_back(self);
  for (const DataclassField& f : info.fields) {
    if (!f.init) continue;
    Param p;
    p.name = f.initName;
    p.type = f.initType;
    p.flags = ParamHasDeclaredType | (f.hasDefault ? ParamHasDefault : 0);
    if (f.hasDefault) p.defaultText = "...";
    p.kind = f.kwOnly ? ParamKind::KeywordOnly : ParamKind::PositionalOrKeyword;
    (f.kwOnly ? kwOnly : params).push_back(p);
  }
  params.insert(params.end(), kwOnly.begin(), kwOnly.end());
  FunctionType proto;
  proto.name = names::dunderInit;
  proto.params = params;
  proto.returnType = arena_.none();
  proto.fnFlags = FunctionSynthesized;
  proto.methodClass = cls;
  info.init = arena_.function(proto);
  return info;
}

const Type* EvaluatorImpl::dataclassMember(const ClassInfo* cls, Name name) {
  std::string_view text = name.text();
  if (text.size() < 5 || !text.starts_with("__")) return nullptr;
  const DataclassInfo* info = dataclassInfo(cls);
  if (!info) return nullptr;
  const DataclassOptions& o = info->options;
  const InstanceType* self = selfInstance(cls);
  auto method = [&](std::vector<Param> rest, const Type* returns) {
    Param p;
    p.name = names::self_;
    p.type = self;
    p.flags = ParamHasDeclaredType;
    rest.insert(rest.begin(), p);
    FunctionType proto;
    proto.name = name;
    proto.params = rest;
    proto.returnType = returns;
    proto.fnFlags = FunctionSynthesized;
    proto.methodClass = cls;
    return arena_.function(proto);
  };
  if (name == names::dunderInit) return info->init;
  if (o.order && (text == "__lt__" || text == "__le__" || text == "__gt__" || text == "__ge__")) {
    Param other;
    other.name = intern("other");
    other.type = self;
    other.flags = ParamHasDeclaredType;
    return method({other}, boolType());
  }
  if (name == names::dunderHash) {
    if (o.unsafeHash || (o.eq && o.frozen)) return method({}, intType());
    if (o.eq) return arena_.none();
    return nullptr;
  }
  if (name == names::dunderMatchArgs && o.matchArgs) {
    std::vector<TupleElement> names;
    for (const DataclassField& f : info->fields)
      if (f.init && !f.kwOnly) names.push_back({literalStr(f.initName.text()), false});
    return tupleOf(names);
  }
  if (text == "__dataclass_fields__") {
    const ClassInfo* field = classNamed("dataclasses", "Field");
    const Type* fieldType = field ? static_cast<const Type*>(arena_.instance(
                                        field, std::vector<const Type*>{arena_.any()}))
                                  : unknown();
    std::vector<const Type*> args{strType(), fieldType};
    return instanceOf(KnownClass::Dict, args);
  }
  if (name == names::dunderSlots && o.slots) return homogeneousTuple(strType());
  return nullptr;
}

const DataclassField* EvaluatorImpl::dataclassFieldNamed(const ClassInfo* cls, Name name) {
  const DataclassInfo* info = dataclassInfo(cls);
  if (!info) return nullptr;
  for (const DataclassField& f : info->fields)
    if (f.name == name) return &f;
  return nullptr;
}

bool EvaluatorImpl::dataclassHidesMember(const ClassInfo* cls, Name name) {
  const DataclassInfo* info = dataclassInfo(cls);
  if (!info) return false;
  for (const DataclassField& f : info->fields)
    if (f.name == name && f.owner == cls && f.initVar)
      return !f.stmt->value || f.stmt->value->is<Call>();
  return false;
}

} // namespace shrike::checker
