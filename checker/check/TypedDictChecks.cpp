// TypedDictChecks: what a TypedDict class statement may contain and how it may redeclare the
// items of its bases.
#include "checker/check/TypedDictChecks.h"

#include <algorithm>
#include <string>

#include "checker/infer/EvaluatorImpl.h"

namespace shrike::checker {

using namespace parser;

namespace {

// The special form an annotation's head names (Required in Required[int]); null otherwise.
const SpecialFormType* headForm(EvaluatorImpl& e, ModuleTypes& mt, const Expr* expr) {
  const Expr* head = expr;
  if (auto sub = expr->as<Subscript>()) head = sub->value;
  if (!head->is<NameExpr>() && !head->is<Attribute>()) return nullptr;
  return e.typeOf(mt, head, nullptr, EvalForwardRefs | EvalNoSpecialize)->as<SpecialFormType>();
}

bool sameItemType(EvaluatorImpl& e, const Type* a, const Type* b) {
  return isSameType(a, b) || (isAssignable(a, b, e) && isAssignable(b, a, e));
}

struct OwnItem {
  TypedDictItem item;
  const AnnAssign* stmt = nullptr;
};

void collectOwnItems(EvaluatorImpl& e, ModuleTypes& mt, List<Stmt*> body, bool total,
                     std::vector<OwnItem>& out) {
  for (const Stmt* stmt : body) {
    if (mt.index.isUnreachable(stmt->range.start)) continue;
    if (auto i = stmt->as<If>()) {
      collectOwnItems(e, mt, i->body, total, out);
      collectOwnItems(e, mt, i->orelse, total, out);
      continue;
    }
    auto ann = stmt->as<AnnAssign>();
    if (!ann || !ann->target->is<NameExpr>()) continue;
    OwnItem own;
    own.item.name = ann->target->as<NameExpr>()->id;
    own.stmt = ann;
    e.typedDictItemOf(mt, ann->annotation, total, own.item);
    out.push_back(own);
  }
}

void checkBody(EvaluatorImpl& e, ModuleTypes& mt, List<Stmt*> body) {
  for (const Stmt* stmt : body) {
    if (auto i = stmt->as<If>()) {
      checkBody(e, mt, i->body);
      checkBody(e, mt, i->orelse);
      continue;
    }
    if (auto f = stmt->as<FunctionDef>()) {
      e.report(mt, Rule::InvalidTypedDict, f->name.range,
               "A TypedDict class cannot define methods");
      continue;
    }
    if (auto ann = stmt->as<AnnAssign>()) {
      checkTypedDictQualifiers(e, mt, ann->annotation, true);
      for (SpecialForm form : {SpecialForm::ClassVar, SpecialForm::Final})
        if (e.annotationHasQualifier(mt, ann->annotation, form))
          e.report(mt, Rule::InvalidTypedDict, ann->annotation->range,
                   "\"" + std::string(specialFormName(form)) +
                       "\" is not allowed in a TypedDict item");
      if (ann->value)
        e.report(mt, Rule::InvalidTypedDict, ann->value->range,
                 "A TypedDict item cannot have a default value");
    }
  }
}

// PEP 728: `closed=` and `extra_items=` against the bases' extra items, and the items this class
// adds against them.
void checkExtraItems(EvaluatorImpl& e, ModuleTypes& mt, const ClassDef* def,
                     const std::vector<const InstanceType*>& bases,
                     const std::vector<OwnItem>& own) {
  // The extra items the bases allow (the first base that declares some).
  const TypedDictSchema* baseSchema = nullptr;
  const InstanceType* baseWithExtra = nullptr;
  for (const InstanceType* base : bases)
    if (const TypedDictSchema* s = e.typedDictSchema(base->cls); s && s->extraItems) {
      baseSchema = s;
      baseWithExtra = base;
      break;
    }
  const Keyword* closed = nullptr;
  const Keyword* extra = nullptr;
  for (const Keyword* k : def->keywords) {
    if (k->name.name.text() == "closed") closed = k;
    if (k->name.name.text() == "extra_items") extra = k;
  }
  if (closed && extra)
    e.report(mt, Rule::InvalidTypedDict, closed->range,
             "\"closed\" and \"extra_items\" cannot both be given");
  if (closed && closed->value) {
    auto literal = closed->value->as<BoolLiteral>();
    if (!literal) {
      e.report(mt, Rule::InvalidTypedDict, closed->value->range,
               "Argument to \"closed\" must be a literal True or False");
    } else if (baseSchema) {
      if (!literal->value)
        e.report(mt, Rule::InvalidTypedDict, closed->range,
                 "Cannot set \"closed=False\" when base \"" + e.show(baseWithExtra) +
                     "\" is closed or has extra items");
      else if (!baseSchema->extraReadOnly && !baseSchema->extraItems->isNever())
        e.report(mt, Rule::InvalidTypedDict, closed->range,
                 "Cannot set \"closed=True\" when base \"" + e.show(baseWithExtra) +
                     "\" has extra items that are not read-only");
    }
  }
  if (extra && extra->value) {
    for (SpecialForm form : {SpecialForm::Required, SpecialForm::NotRequired})
      if (e.annotationHasQualifier(mt, extra->value, form))
        e.report(mt, Rule::InvalidTypedDict, extra->value->range,
                 "\"extra_items\" cannot be \"" + std::string(specialFormName(form)) + "[...]\"");
    if (baseSchema) {
      const Type* mine = e.typeOfAnnotation(mt, extra->value);
      bool ok = baseSchema->extraReadOnly
                    ? isAssignable(baseSchema->extraItems, mine, e)
                    : !e.annotationHasQualifier(mt, extra->value, SpecialForm::ReadOnly) &&
                          sameItemType(e, baseSchema->extraItems, mine);
      if (!ok)
        e.report(mt, Rule::InvalidTypedDict, extra->value->range,
                 "Cannot change the extra items of \"" + e.show(baseWithExtra) +
                     "\" unless they are read-only there");
    }
  }
  if (!baseSchema) return;
  // Items added here must be ones the base's extra items allowed.
  for (const OwnItem& o : own) {
    bool inherited = false;
    for (const InstanceType* base : bases)
      if (const TypedDictSchema* s = e.typedDictSchema(base->cls); s && s->find(o.item.name))
        inherited = true;
    if (inherited) continue;
    const Type* allowed = baseSchema->extraItems;
    std::string quoted = "\"" + std::string(o.item.name.text()) + "\"";
    std::string why;
    if (allowed->isNever())
      why = "\"" + e.show(baseWithExtra) + "\" is closed; item " + quoted + " cannot be added";
    else if (baseSchema->extraReadOnly ? !isAssignable(allowed, o.item.type, e)
                                       : !sameItemType(e, allowed, o.item.type))
      why = "Type of item " + quoted + " does not fit the extra items (\"" + e.show(allowed) +
            "\") of \"" + e.show(baseWithExtra) + "\"";
    else if (!baseSchema->extraReadOnly && o.item.required)
      why = "Item " + quoted + " must be NotRequired, as the extra items of \"" +
            e.show(baseWithExtra) + "\" are";
    if (!why.empty()) e.report(mt, Rule::InvalidTypedDict, o.stmt->target->range, why);
  }
}

} // namespace

void checkTypedDictQualifiers(EvaluatorImpl& e, ModuleTypes& mt, const Expr* annotation,
                              bool inTypedDict) {
  if (!annotation) return;
  const Expr* expr = annotation;
  if (auto s = expr->as<StringLiteral>())
    if (const Expr* parsed = mt.index.stringAnnotation(s)) expr = parsed;
  int required = 0, readOnly = 0;
  for (int depth = 0; depth < 8 && expr; ++depth) {
    const SpecialFormType* sf = headForm(e, mt, expr);
    if (!sf) break;
    bool requiredForm = sf->form == SpecialForm::Required || sf->form == SpecialForm::NotRequired;
    if (requiredForm || sf->form == SpecialForm::ReadOnly) {
      if (!inTypedDict) {
        e.report(mt, Rule::InvalidTypeForm, expr->range,
                 "\"" + std::string(specialFormName(sf->form)) +
                     "\" is not allowed in this context");
        return;
      }
      if ((requiredForm ? ++required : ++readOnly) > 1) {
        e.report(mt, Rule::InvalidTypeForm, expr->range,
                 "\"" + std::string(specialFormName(sf->form)) + "\" cannot be nested");
        return;
      }
    } else if (sf->form != SpecialForm::Annotated) {
      break;
    }
    auto sub = expr->as<Subscript>();
    if (!sub) break;
    auto items = e.subscriptItems(sub);
    expr = items.empty() ? nullptr : items[0];
  }
}

void checkTypedDictParameters(EvaluatorImpl& e, ModuleTypes& mt, const FunctionDef* def) {
  if (!def->parameters) return;
  auto params = def->parameters->parameters;
  for (const parser::Parameter* p : params) {
    checkTypedDictQualifiers(e, mt, p->annotation, false);
    if (p->parameterKind != ParameterKind::VarKeyword || !p->annotation) continue;
    auto sub = p->annotation->as<Subscript>();
    const SpecialFormType* sf = sub ? headForm(e, mt, sub) : nullptr;
    if (!sf || sf->form != SpecialForm::Unpack) continue;
    const Type* unpacked = e.typeOfAnnotation(mt, p->annotation);
    const InstanceType* td = e.asTypedDict(unpacked);
    if (!td) {
      if (!unpacked->isAnyOrUnknown())
        e.report(mt, Rule::InvalidTypeForm, p->annotation->range,
                 "\"Unpack\" for **kwargs requires a TypedDict, not \"" + e.show(unpacked) + "\"");
      continue;
    }
    for (const TypedDictItem& item : e.typedDictItems(td))
      for (const parser::Parameter* other : params)
        if (other != p && other->name.name == item.name &&
            (other->parameterKind == ParameterKind::PositionalOrKeyword ||
             other->parameterKind == ParameterKind::KeywordOnly))
          e.report(mt, Rule::InvalidSignature, other->name.range,
                   "Parameter \"" + std::string(item.name.text()) +
                       "\" overlaps with a key of the unpacked TypedDict \"" + e.show(td) + "\"");
  }
}

void checkTypedDictClass(EvaluatorImpl& e, ModuleTypes& mt, const ClassDef* def) {
  const ClassInfo* cls = e.classInfoFor(mt, def);
  const ClassDetails& details = e.classDetails(cls);
  if (!details.has(ClassTypedDict)) return;
  checkBody(e, mt, def->body);
  for (const Keyword* k : def->keywords) {
    std::string_view name = k->name.name.text();
    if (name == "metaclass")
      e.report(mt, Rule::InvalidTypedDict, k->range, "A TypedDict class cannot have a metaclass");
    else if (name != "total" && name != "closed" && name != "extra_items")
      e.report(mt, Rule::InvalidTypedDict, k->range,
               "\"" + std::string(name) + "\" is not a keyword a TypedDict class takes");
  }
  // Bases: TypedDict, other TypedDicts and Generic[...] only.
  std::vector<const InstanceType*> bases;
  for (const Expr* baseExpr : def->bases) {
    if (baseExpr->is<Starred>()) continue;
    if (const SpecialFormType* sf = headForm(e, mt, baseExpr)) {
      if (sf->form != SpecialForm::TypedDict && sf->form != SpecialForm::Generic)
        e.report(mt, Rule::InvalidTypedDict, baseExpr->range,
                 "A TypedDict class can only derive from other TypedDict classes");
      continue;
    }
    const Type* value = e.typeOf(mt, baseExpr, nullptr, EvalTypeForm);
    if (value->isAnyOrUnknown()) continue;
    auto co = value->as<ClassObjectType>();
    auto inst = co ? co->instance->as<InstanceType>() : nullptr;
    const InstanceType* td = inst ? e.asTypedDict(inst) : nullptr;
    if (!td) {
      e.report(mt, Rule::InvalidTypedDict, baseExpr->range,
               "A TypedDict class can only derive from other TypedDict classes");
      continue;
    }
    bases.push_back(td);
  }
  // Items redeclared here must keep faith with each base's; bases must agree with each other.
  std::vector<OwnItem> own;
  bool total = true;
  for (const Keyword* k : def->keywords)
    if (k->name.name.text() == "total" && k->value)
      if (auto b = k->value->as<BoolLiteral>()) total = b->value;
  collectOwnItems(e, mt, def->body, total, own);
  checkExtraItems(e, mt, def, bases, own);
  std::vector<std::pair<TypedDictItem, const InstanceType*>> inherited;
  bool reportedMerge = false;
  for (const InstanceType* base : bases) {
    // The base as this class sees it (its type arguments in terms of this class).
    const InstanceType* seen = findBase(e.selfInstance(cls), base->cls, e);
    for (const TypedDictItem& b : e.typedDictItems(seen ? seen : base)) {
      auto mine = std::find_if(own.begin(), own.end(),
                               [&](const OwnItem& o) { return o.item.name == b.name; });
      std::string quoted = "\"" + std::string(b.name.text()) + "\"";
      if (mine != own.end()) {
        const TypedDictItem& s = mine->item;
        std::string why;
        if (!b.readOnly) {
          if (s.readOnly)
            why = quoted + " is mutable in \"" + e.show(base) + "\" and cannot become read-only";
          else if (!sameItemType(e, b.type, s.type))
            why = "Type of item " + quoted + " cannot change from \"" + e.show(b.type) +
                  "\" to \"" + e.show(s.type) + "\" (the item is mutable in \"" + e.show(base) +
                  "\")";
          else if (b.required != s.required)
            why = quoted + " is " + (b.required ? "required" : "not required") + " in \"" +
                  e.show(base) + "\" and must stay so";
        } else {
          if (!isAssignable(b.type, s.type, e))
            why = "Type of item " + quoted + " must be assignable to \"" + e.show(b.type) +
                  "\", its type in \"" + e.show(base) + "\"";
          else if (b.required && !s.required)
            why = quoted + " is required in \"" + e.show(base) + "\" and must stay so";
        }
        if (!why.empty()) e.report(mt, Rule::InvalidTypedDict, mine->stmt->target->range, why);
        continue;
      }
      auto other = std::find_if(inherited.begin(), inherited.end(),
                                [&](const auto& x) { return x.first.name == b.name; });
      if (other == inherited.end()) {
        inherited.emplace_back(b, base);
        continue;
      }
      const TypedDictItem& a = other->first;
      bool same =
          sameItemType(e, a.type, b.type) && a.required == b.required && a.readOnly == b.readOnly;
      if (!same && !reportedMerge && other->second->cls != base->cls) {
        reportedMerge = true;
        e.report(mt, Rule::InvalidTypedDict, def->name.range,
                 "Item " + quoted + " of \"" + e.show(other->second) +
                     "\" conflicts with the one of \"" + e.show(base) + "\"");
      }
    }
  }
}

} // namespace shrike::checker
