// DataclassChecks: field order, frozen inheritance, slots, ClassVar overrides, __post_init__
// against the InitVar fields, and assignments to a frozen dataclass's fields.
#include "checker/check/DataclassChecks.h"

#include <algorithm>
#include <string>

#include "checker/infer/EvaluatorImpl.h"

namespace shrike::checker {

using namespace parser;

namespace {

std::string quoted(Name name) {
  return "\"" + std::string(name.text()) + "\"";
}

// The annotation of `name` in a class body, when it is declared ClassVar there.
bool declaresClassVar(EvaluatorImpl& e, const ClassInfo* cls, Name name) {
  const BoundModule* module = e.moduleOfClass(cls);
  auto def = static_cast<const ClassDef*>(cls->decl);
  if (!module || !def) return false;
  ModuleTypes& mt = e.typesOf(*module);
  for (const Stmt* s : def->body) {
    auto ann = s->as<AnnAssign>();
    auto target = ann ? ann->target->as<NameExpr>() : nullptr;
    if (target && target->id == name &&
        e.annotationHasQualifier(mt, ann->annotation, SpecialForm::ClassVar))
      return true;
  }
  return false;
}

// Fields with no default may not follow fields with one (keyword-only fields aside).
void checkFieldOrder(EvaluatorImpl& e, ModuleTypes& mt, const ClassDef* def, const ClassInfo* cls,
                     const DataclassInfo& info) {
  bool sawDefault = false;
  for (const DataclassField& f : info.fields) {
    if (!f.init || f.kwOnly) continue;
    if (f.hasDefault) {
      sawDefault = true;
      continue;
    }
    if (!sawDefault) continue;
    TextRange where = f.owner == cls ? f.stmt->target->range : def->name.range;
    e.report(mt, Rule::InvalidDataclass, where,
             "Fields without default values cannot appear after fields with default values");
    if (f.owner != cls) return;
  }
}

void checkFrozenInheritance(EvaluatorImpl& e, ModuleTypes& mt, const ClassDef* def,
                            const ClassInfo* cls, const DataclassInfo& info) {
  for (const Type* b : e.classDetails(cls).bases) {
    auto base = b->as<InstanceType>();
    const DataclassInfo* baseInfo = base ? e.dataclassInfo(base->cls) : nullptr;
    if (!baseInfo || baseInfo->options.frozen == info.options.frozen) continue;
    std::string baseName(base->cls->name.text());
    e.report(mt, Rule::InvalidDataclass, def->name.range,
             info.options.frozen
                 ? "A frozen class cannot inherit from a class that is not frozen (\"" + baseName +
                       "\")"
                 : "A non-frozen class cannot inherit from a class that is frozen (\"" + baseName +
                       "\")");
    return;
  }
}

// A ClassVar may not replace a field of a base, nor a field a ClassVar of a base.
void checkOverrides(EvaluatorImpl& e, ModuleTypes& mt, const ClassDef* def, const ClassInfo* cls) {
  const ClassDetails& details = e.classDetails(cls);
  for (const Stmt* s : def->body) {
    auto ann = s->as<AnnAssign>();
    auto target = ann ? ann->target->as<NameExpr>() : nullptr;
    if (!target) continue;
    bool classVar = e.annotationHasQualifier(mt, ann->annotation, SpecialForm::ClassVar);
    for (size_t i = 1; i < details.mro.size(); ++i) {
      auto base = details.mro[i]->as<InstanceType>();
      if (!base) break;
      if (classVar) {
        const DataclassInfo* baseInfo = e.dataclassInfo(base->cls);
        if (!baseInfo) continue;
        bool isField = std::any_of(baseInfo->fields.begin(), baseInfo->fields.end(),
                                   [&](const DataclassField& f) { return f.name == target->id; });
        if (!isField) continue;
        e.report(mt, Rule::InvalidDataclass, target->range,
                 "Class variable " + quoted(target->id) +
                     " overrides instance variable of same name in class \"" +
                     std::string(base->cls->name.text()) + "\"");
        break;
      }
      if (declaresClassVar(e, base->cls, target->id)) {
        e.report(mt, Rule::InvalidDataclass, target->range,
                 "Instance variable " + quoted(target->id) +
                     " overrides class variable of same name in class \"" +
                     std::string(base->cls->name.text()) + "\"");
        break;
      }
    }
  }
}

// __post_init__ takes the InitVar fields, in order, after self.
void checkPostInit(EvaluatorImpl& e, ModuleTypes& mt, const ClassDef* def,
                   const DataclassInfo& info) {
  const FunctionDef* postInit = nullptr;
  for (const Stmt* s : def->body)
    if (auto f = s->as<FunctionDef>(); f && f->name.name.text() == "__post_init__") postInit = f;
  if (!postInit || !postInit->parameters) return;
  std::vector<const DataclassField*> initVars;
  for (const DataclassField& f : info.fields)
    if (f.initVar) initVars.push_back(&f);
  std::vector<const parser::Parameter*> params;
  for (const parser::Parameter* p : postInit->parameters->parameters) {
    if (p->parameterKind == ParameterKind::VarPositional ||
        p->parameterKind == ParameterKind::VarKeyword)
      return; // *args / **kwargs take anything
    if (p->parameterKind == ParameterKind::KeywordOnly) continue;
    params.push_back(p);
  }
  if (!params.empty()) params.erase(params.begin()); // self
  if (params.size() < initVars.size()) {
    e.report(mt, Rule::InvalidDataclass, postInit->name.range,
             "Dataclass __post_init__ incorrect parameter count; number of InitVar fields is " +
                 std::to_string(initVars.size()));
    return;
  }
  for (size_t i = 0; i < initVars.size(); ++i) {
    if (!params[i]->annotation) continue;
    const Type* declared = e.typeOfAnnotation(mt, params[i]->annotation);
    const Type* field = initVars[i]->type;
    if (declared->isAnyOrUnknown() || field->isAnyOrUnknown() || isAssignable(declared, field, e))
      continue;
    e.report(mt, Rule::InvalidDataclass, params[i]->annotation->range,
             "Dataclass __post_init__ method parameter type mismatch for field " +
                 quoted(initVars[i]->name) + "\n  \"" + e.show(field) +
                 "\" is not assignable to \"" + e.show(declared) + "\"");
  }
}

} // namespace

void checkDataclassDefinition(EvaluatorImpl& e, ModuleTypes& mt, const ClassDef* def,
                              const ClassInfo* cls) {
  const DataclassInfo* info = e.dataclassInfo(cls);
  if (!info) return;
  checkFieldOrder(e, mt, def, cls, *info);
  checkFrozenInheritance(e, mt, def, cls, *info);
  checkOverrides(e, mt, def, cls);
  checkPostInit(e, mt, def, *info);
  if (info->options.slots) {
    for (const Stmt* s : def->body) {
      auto assign = s->as<Assign>();
      if (!assign) continue;
      for (const Expr* t : assign->targets)
        if (auto n = t->as<NameExpr>(); n && n->id == names::dunderSlots)
          e.report(mt, Rule::InvalidDataclass, def->name.range,
                   "__slots__ is already defined in class \"" + std::string(def->name.name.text()) +
                       "\"");
    }
  }
}

std::string frozenFieldAssignment(EvaluatorImpl& e, const InstanceType* object, Name name) {
  const DataclassInfo* info = e.dataclassInfo(object->cls);
  if (!info || !info->options.frozen) return {};
  for (const DataclassField& f : info->fields)
    if (f.name == name && !f.initVar)
      return "Cannot assign to attribute " + quoted(name) + " for class \"" + e.show(object) +
             "\"\n  Attribute " + quoted(name) + " is read-only: the dataclass is frozen";
  return {};
}

} // namespace shrike::checker
