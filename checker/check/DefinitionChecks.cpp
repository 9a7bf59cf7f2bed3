// DefinitionChecks: what a class may inherit from and how type parameters are declared.
#include "checker/check/DefinitionChecks.h"

#include <string>

#include "checker/infer/EvaluatorImpl.h"

namespace shrike::checker {

using namespace parser;

namespace {

// True when the enum class defines at least one member (an enum with members is final).
bool enumHasMembers(EvaluatorImpl& e, const ClassInfo* cls) {
  const BoundModule* module = e.moduleOfClass(cls);
  auto def = static_cast<const ClassDef*>(cls->decl);
  if (!module || !def) return false;
  ModuleTypes& owner = e.typesOf(*module);
  bind::ScopeId scope = module->index->scopeOf(def);
  if (scope == bind::noId) return false;
  for (bind::SymbolId s : module->index->symbolsOf(scope)) {
    if (!module->index->symbol(s).isScopeName()) continue;
    auto t = e.effectiveTypeOfSymbol(owner, s)->as<InstanceType>();
    if (t && t->literal.kind == LiteralKind::Enum && t->cls == cls) return true;
  }
  return false;
}

// The special form a base expression names (`Generic`, `Protocol[T]`), if it is one.
const SpecialFormType* baseSpecialForm(EvaluatorImpl& e, ModuleTypes& mt, const Expr* base) {
  const Expr* head = base;
  if (auto sub = base->as<Subscript>()) head = sub->value;
  if (!head || (!head->is<NameExpr>() && !head->is<Attribute>())) return nullptr;
  return e.typeOf(mt, head, nullptr, EvalNoSpecialize | EvalTypeForm)->as<SpecialFormType>();
}

// Type variables declared with TypeVar(...) that `type` mentions.
void collectTraditionalTypeVars(const Type* type, std::vector<const TypeVarType*>& out,
                                int depth = 0) {
  if (!type || depth > 16) return;
  if (auto tv = type->as<TypeVarType>()) {
    if (!(tv->flags & TypeVarPep695) && !tv->isSelf()) out.push_back(tv);
    return;
  }
  if (auto inst = type->as<InstanceType>()) {
    for (const TupleElement& el : inst->tupleElements)
      collectTraditionalTypeVars(el.type, out, depth + 1);
    for (const Type* a : inst->typeArgs) collectTraditionalTypeVars(a, out, depth + 1);
    return;
  }
  if (auto u = type->as<UnionType>()) {
    for (const Type* m : u->members) collectTraditionalTypeVars(m, out, depth + 1);
    return;
  }
  if (auto co = type->as<ClassObjectType>()) {
    collectTraditionalTypeVars(co->instance, out, depth + 1);
    return;
  }
  if (auto fn = type->as<FunctionType>()) {
    for (const Param& p : fn->params) collectTraditionalTypeVars(p.type, out, depth + 1);
    collectTraditionalTypeVars(fn->returnType, out, depth + 1);
  }
}

// The type parameters of the classes and functions around `node` (not its own).
bool outerTypeParamNamed(const Node* owner, Name name) {
  for (const Node* n = owner ? owner->parent : nullptr; n; n = n->parent) {
    List<TypeParam*> params;
    if (auto c = n->as<ClassDef>())
      params = c->typeParams;
    else if (auto f = n->as<FunctionDef>())
      params = f->typeParams;
    else
      continue;
    for (const TypeParam* p : params)
      if (p->name.name == name) return true;
  }
  return false;
}

// `class C[T: ...]` / `def f[T: ...]`: bounds and constraints that are not generic, at least
// two constraints, no name taken from an outer type parameter.
void checkTypeParams(EvaluatorImpl& e, ModuleTypes& mt, const Node* owner,
                     List<TypeParam*> params) {
  for (const TypeParam* p : params) {
    bind::DeclId decl = mt.index.declarationOf(p);
    if (decl != bind::noId) e.typeOfDeclaration(mt, decl); // reports errors in bounds
    if (outerTypeParamNamed(owner, p->name.name))
      e.report(mt, Rule::InvalidTypeParameter, p->name.range,
               "Type parameter \"" + std::string(p->name.name.text()) +
                   "\" is already in use by an outer scope");
    if (!p->bound) continue;
    if (auto tuple = p->bound->as<Tuple>()) {
      if (tuple->elts.size() < 2)
        e.report(mt, Rule::InvalidTypeParameter, p->bound->range,
                 "A constrained type parameter needs at least two constraints");
      for (const Expr* c : tuple->elts)
        if (containsTypeVar(e.typeOfAnnotation(mt, c, true)))
          e.report(mt, Rule::InvalidTypeParameter, c->range,
                   "A type parameter's constraint cannot be generic");
      continue;
    }
    if (containsTypeVar(e.typeOfAnnotation(mt, p->bound, true)))
      e.report(mt, Rule::InvalidTypeParameter, p->bound->range,
               "A type parameter's bound cannot be generic");
  }
}

} // namespace

void checkClassDefinition(EvaluatorImpl& e, ModuleTypes& mt, const ClassDef* def) {
  const ClassInfo* cls = e.classInfoFor(mt, def);
  const ClassDetails& details = e.classDetails(cls);
  checkTypeParams(e, mt, def, def->typeParams);
  for (const Expr* baseExpr : def->bases) {
    if (baseExpr->is<Starred>()) continue;
    if (const SpecialFormType* sf = baseSpecialForm(e, mt, baseExpr)) {
      // `class C[T](Generic[T])`: the type parameter syntax already makes the class generic.
      if (!def->typeParams.empty() && baseExpr->is<Subscript>() &&
          (sf->form == SpecialForm::Generic || sf->form == SpecialForm::Protocol))
        e.report(mt, Rule::InvalidBaseClass, baseExpr->range,
                 "\"" + std::string(specialFormName(sf->form)) +
                     "[...]\" cannot be a base of a class that uses the type parameter syntax");
      continue;
    }
    const Type* value = e.typeOf(mt, baseExpr, nullptr, EvalTypeForm);
    auto co = value->as<ClassObjectType>();
    auto inst = co ? co->instance->as<InstanceType>() : nullptr;
    if (!inst) continue;
    const ClassDetails& bd = e.classDetails(inst->cls);
    std::string baseName(inst->cls->name.text());
    if (bd.has(ClassFinal) && !bd.has(ClassNewType))
      e.report(mt, Rule::InvalidBaseClass, baseExpr->range,
               "Base class \"" + baseName + "\" is marked final and cannot be subclassed");
    else if (bd.has(ClassEnum) && enumHasMembers(e, inst->cls))
      e.report(mt, Rule::InvalidBaseClass, baseExpr->range,
               "Enum class \"" + baseName + "\" has members and cannot be subclassed");
    if (details.has(ClassProtocol) && !bd.has(ClassProtocol) &&
        inst->cls->qualifiedName != "builtins.object")
      e.report(mt, Rule::InvalidBaseClass, baseExpr->range,
               "Protocol class \"" + std::string(cls->name.text()) +
                   "\" cannot derive from non-protocol class \"" + baseName + "\"");
    if (!def->typeParams.empty()) {
      std::vector<const TypeVarType*> traditional;
      collectTraditionalTypeVars(inst, traditional);
      if (!traditional.empty())
        e.report(mt, Rule::InvalidTypeParameter, baseExpr->range,
                 "Type variable \"" + std::string(traditional[0]->name.text()) +
                     "\" cannot be used in a class that uses the type parameter syntax");
    }
  }
}

void checkFunctionDefinition(EvaluatorImpl& e, ModuleTypes& mt, const FunctionDef* def) {
  if (def->typeParams.empty()) return;
  checkTypeParams(e, mt, def, def->typeParams);
  // `def f[T](x: K)` with K = TypeVar("K"): the two ways of declaring do not mix.
  const FunctionType* fn = e.undecoratedFunction(mt, def);
  std::vector<const TypeVarType*> traditional;
  collectTraditionalTypeVars(fn, traditional);
  for (const TypeVarType* tv : traditional) {
    if (tv->scope != def) continue;
    e.report(mt, Rule::InvalidTypeParameter, def->name.range,
             "Type variable \"" + std::string(tv->name.text()) +
                 "\" cannot be used in a function that uses the type parameter syntax");
    break;
  }
}

} // namespace shrike::checker
