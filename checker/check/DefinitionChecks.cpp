// DefinitionChecks: what a class may inherit from and how type parameters are declared.
#include "checker/check/DefinitionChecks.h"

#include "checker/check/TypedDictChecks.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include "checker/check/DataclassChecks.h"
#include "checker/check/OverrideChecks.h"
#include "checker/infer/EvaluatorImpl.h"
#include "checker/types/ClassHierarchy.h"

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

// The classes from `start` along the bases back to `cls`, when that way leads round a cycle:
// for `class A(B)` / `class B(A)`, A's base B gives [B]; `class C(C)` gives [] with `found`.
// Iterative, with each class visited once, so a long chain costs its length, not a deep stack.
bool pathBackTo(EvaluatorImpl& e, const ClassInfo* cls, const ClassInfo* start,
                std::vector<const ClassInfo*>& path) {
  path.clear();
  if (start == cls) return true;
  std::unordered_map<const ClassInfo*, const ClassInfo*> cameFrom{{start, nullptr}};
  std::vector<const ClassInfo*> stack{start};
  while (!stack.empty()) {
    const ClassInfo* c = stack.back();
    stack.pop_back();
    for (const Type* base : e.classDetails(c).bases) {
      auto inst = base->as<InstanceType>();
      if (!inst) continue;
      if (inst->cls == cls) {
        for (const ClassInfo* step = c; step; step = cameFrom[step]) path.push_back(step);
        std::reverse(path.begin(), path.end());
        return true;
      }
      if (cameFrom.emplace(inst->cls, c).second) stack.push_back(inst->cls);
    }
  }
  return false;
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

Variance compose(Variance outer, Variance inner) {
  if (outer == Variance::Invariant || inner == Variance::Invariant) return Variance::Invariant;
  if (inner == Variance::Inferred) return outer; // unknown until inferred: do not judge
  return outer == inner ? Variance::Covariant : Variance::Contravariant;
}

// A TypeVar declared covariant (contravariant) used where a base class needs the other or an
// invariant one: `class C(Inv[T_co])`. Returns the first offending variable.
const TypeVarType* misplacedVariance(EvaluatorImpl& e, const Type* type, Variance position,
                                     int depth = 0) {
  if (!type || depth > 16) return nullptr;
  if (auto tv = type->as<TypeVarType>()) {
    if (tv->variance == Variance::Covariant && position != Variance::Covariant) return tv;
    if (tv->variance == Variance::Contravariant && position != Variance::Contravariant) return tv;
    return nullptr;
  }
  auto inst = type->as<InstanceType>();
  if (!inst || inst->hasTupleElements()) return nullptr;
  auto params = e.classDetails(inst->cls).typeParams;
  for (size_t i = 0; i < inst->typeArgs.size() && i < params.size(); ++i) {
    if (params[i]->isParamSpec() || params[i]->isTypeVarTuple()) continue;
    if (params[i]->variance == Variance::Inferred) continue;
    if (auto tv = misplacedVariance(e, inst->typeArgs[i], compose(position, params[i]->variance),
                                    depth + 1))
      return tv;
  }
  return nullptr;
}

// Whether a class or function around `def` (not `def` itself) binds a type variable named
// `name`: a generic class's parameters, a function's signature.
bool boundByOuterScope(EvaluatorImpl& e, ModuleTypes& mt, const Node* def, Name name) {
  for (const Node* n = def->parent; n; n = n->parent) {
    if (auto c = n->as<ClassDef>()) {
      for (const TypeVarType* p : e.classDetails(e.classInfoFor(mt, c)).typeParams)
        if (p->name == name) return true;
    } else if (auto f = n->as<FunctionDef>()) {
      std::vector<const TypeVarType*> vars;
      const FunctionType* fn = e.undecoratedFunction(mt, f);
      collectTraditionalTypeVars(fn, vars);
      for (const TypeVarType* tv : vars)
        if (tv->name == name && tv->scope == f) return true;
    }
  }
  return false;
}

// Generic[...] and Protocol[...] in the bases of a class declared the traditional way: type
// variables only, each once, and together every variable the other bases use.
void checkTraditionalGenericBases(EvaluatorImpl& e, ModuleTypes& mt, const ClassDef* def,
                                  const ClassDetails& details) {
  const Subscript* explicitList = nullptr;
  for (const Expr* baseExpr : def->bases) {
    const SpecialFormType* sf = baseSpecialForm(e, mt, baseExpr);
    auto sub = baseExpr->as<Subscript>();
    if (!sf || !sub || (sf->form != SpecialForm::Generic && sf->form != SpecialForm::Protocol))
      continue;
    explicitList = sub;
    std::vector<Name> seen;
    for (const Expr* item : e.subscriptItems(sub)) {
      const Type* t = e.typeExpression(mt, item, 0);
      auto tv = t->as<TypeVarType>();
      if (!tv) {
        if (!t->isAnyOrUnknown() || item->is<NoneLiteral>())
          e.report(mt, Rule::InvalidTypeParameter, item->range,
                   "Type argument for \"" + std::string(specialFormName(sf->form)) +
                       "\" must be a type variable");
        continue;
      }
      if (std::find(seen.begin(), seen.end(), tv->name) != seen.end())
        e.report(mt, Rule::InvalidTypeParameter, item->range,
                 "Type variable \"" + std::string(tv->name.text()) + "\" appears more than once");
      seen.push_back(tv->name);
    }
  }
  if (explicitList) {
    auto listed = e.subscriptItems(explicitList);
    std::vector<Name> names;
    for (const Expr* item : listed)
      if (auto tv = e.typeExpression(mt, item, 0)->as<TypeVarType>()) names.push_back(tv->name);
    for (const Expr* baseExpr : def->bases) {
      if (baseSpecialForm(e, mt, baseExpr)) continue;
      auto co = e.typeOf(mt, baseExpr, nullptr, EvalTypeForm)->as<ClassObjectType>();
      if (!co) continue;
      std::vector<const TypeVarType*> used;
      collectTraditionalTypeVars(co->instance, used);
      for (const TypeVarType* tv : used) {
        if (std::find(names.begin(), names.end(), tv->name) != names.end()) continue;
        e.report(mt, Rule::InvalidTypeParameter, baseExpr->range,
                 "Type variable \"" + std::string(tv->name.text()) + "\" is not included in \"" +
                     e.show(co->instance) + "\"'s Generic[...] list");
        break;
      }
    }
  }
  // A class inside a generic function or class cannot reuse the variables that scope binds.
  for (const TypeVarType* p : details.typeParams) {
    if (p->flags & TypeVarPep695) continue;
    if (boundByOuterScope(e, mt, def, p->name)) {
      e.report(mt, Rule::InvalidTypeParameter, def->name.range,
               "Type variable \"" + std::string(p->name.text()) +
                   "\" is already in use by an outer scope");
      break;
    }
  }
  for (const Keyword* k : def->keywords) {
    if (k->name.name.text() != "metaclass" || !k->value || !k->value->is<Subscript>()) continue;
    if (containsTypeVar(e.typeExpression(mt, k->value, 0)))
      e.report(mt, Rule::InvalidTypeParameter, k->value->range, "A metaclass cannot be generic");
  }
}

// Two bases that reach the same generic ancestor with different type arguments:
// `class C(Parent[T1, T2], Grandparent[T2, T1])` where Parent[T1, T2] is a Grandparent[T1, T2].
void checkConsistentAncestors(EvaluatorImpl& e, ModuleTypes& mt, const ClassDef* def) {
  std::vector<std::pair<const ClassInfo*, const Type*>> seen;
  for (const Expr* baseExpr : def->bases) {
    if (baseExpr->is<Starred>() || baseSpecialForm(e, mt, baseExpr)) continue;
    auto co = e.typeOf(mt, baseExpr, nullptr, EvalTypeForm)->as<ClassObjectType>();
    auto base = co ? co->instance->as<InstanceType>() : nullptr;
    if (!base || base->typeArgs.empty()) continue;
    TypeVarSolution solution = specializationOf(base, e);
    for (const Type* entry : e.classDetails(base->cls).mro) {
      auto ancestor = entry->as<InstanceType>();
      if (!ancestor || ancestor->typeArgs.empty()) continue;
      const Type* specialized = applySolution(ancestor, solution, e);
      for (auto& [cls, earlier] : seen) {
        if (cls != ancestor->cls || isSameType(earlier, specialized)) continue;
        e.report(mt, Rule::InvalidBaseClass, baseExpr->range,
                 "Base classes disagree on the type arguments of \"" +
                     std::string(cls->name.text()) + "\": \"" + e.show(earlier) + "\" and \"" +
                     e.show(specialized) + "\"");
        return;
      }
      seen.emplace_back(ancestor->cls, specialized);
    }
  }
}

} // namespace

void checkClassDefinition(EvaluatorImpl& e, ModuleTypes& mt, const ClassDef* def) {
  const ClassInfo* cls = e.classInfoFor(mt, def);
  const ClassDetails& details = e.classDetails(cls);
  checkTypeParams(e, mt, def, def->typeParams);
  if (def->typeParams.empty()) checkTraditionalGenericBases(e, mt, def, details);
  checkConsistentAncestors(e, mt, def);
  if (details.has(ClassTypedDict)) checkTypedDictClass(e, mt, def);
  if (e.isDataclass(cls)) checkDataclassDefinition(e, mt, def, cls);
  checkOverrides(e, mt, def);
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
    // A stub may name a class defined further down, as the class's own details do.
    uint16_t forwardRefs = mt.module.isStub ? EvalForwardRefs : 0;
    const Type* value = e.typeOf(mt, baseExpr, nullptr, EvalTypeForm | forwardRefs);
    auto co = value->as<ClassObjectType>();
    auto inst = co ? co->instance->as<InstanceType>() : nullptr;
    if (!inst) continue;
    // A cycle leaves an unresolved part in the MRO, so only such classes need the search.
    std::vector<const ClassInfo*> cycle;
    if (details.has(ClassUnknownBase) && pathBackTo(e, cls, inst->cls, cycle)) {
      std::string route(cls->name.text());
      for (const ClassInfo* step : cycle) route += " -> " + std::string(step->name.text());
      route += " -> " + std::string(cls->name.text());
      e.report(mt, Rule::InvalidBaseClass, baseExpr->range,
               "Class \"" + std::string(cls->name.text()) +
                   "\" cannot derive from itself: " + route);
      continue;
    }
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
    // The variance of the class's variables must suit where the bases use them.
    if (!details.has(ClassProtocol)) {
      if (const TypeVarType* tv = misplacedVariance(e, inst, Variance::Covariant)) {
        const char* what = tv->variance == Variance::Covariant ? "Covariant" : "Contravariant";
        e.report(mt, Rule::InvalidTypeParameter, baseExpr->range,
                 std::string(what) + " type variable \"" + std::string(tv->name.text()) +
                     "\" cannot be used in this position of \"" + e.show(inst) + "\"");
      }
    }
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

namespace {

// `def f(x, __y)`: a name of the historical positional-only convention after a parameter that
// can be passed by keyword (methods' self or cls excepted).
void checkHistoricalPositionalOnly(EvaluatorImpl& e, ModuleTypes& mt, const FunctionDef* def) {
  if (!def->parameters) return;
  bool method = e.classOfMethod(def) != nullptr;
  bool keywordCapable = false;
  bool first = true;
  for (const parser::Parameter* p : def->parameters->parameters) {
    if (p->parameterKind == ParameterKind::PositionalOnly) return; // the `/` syntax is in use
    if (p->parameterKind != ParameterKind::PositionalOrKeyword) break;
    bool skip = first && method;
    first = false;
    if (skip) {
      bool isStatic = false;
      for (const Expr* d : def->decorators)
        if (auto n = d->as<NameExpr>(); n && n->id.text() == "staticmethod") isStatic = true;
      if (!isStatic) continue;
    }
    std::string_view name = p->name.name.text();
    bool historical = name.size() > 2 && name.starts_with("__") && !name.ends_with("__");
    if (historical && keywordCapable) {
      e.report(mt, Rule::InvalidSignature, p->name.range,
               "Positional-only parameter \"" + std::string(name) +
                   "\" cannot follow a parameter that can be passed by keyword");
      return;
    }
    if (!historical) keywordCapable = true;
  }
}

// The implementation after a run of @overload signatures must accept what each accepts and
// return something compatible with each.
void checkOverloadImplementation(EvaluatorImpl& e, ModuleTypes& mt, const FunctionDef* def) {
  auto overloaded = e.typeOfFunctionDef(mt, def)->as<OverloadedType>();
  if (!overloaded || !overloaded->implementation) return;
  const FunctionType* impl = overloaded->implementation;
  if (impl->has(FunctionGradual)) return;
  for (size_t i = 0; i < overloaded->overloads.size(); ++i) {
    const FunctionType* overload = overloaded->overloads[i];
    if (containsTypeVar(overload) || containsTypeVar(impl)) continue;
    // Parameters: the implementation must be callable wherever the overload is.
    FunctionType overloadParams = *overload;
    overloadParams.returnType = e.arena().any();
    FunctionType implParams = *impl;
    implParams.returnType = e.arena().any();
    if (!isAssignable(e.arena().function(overloadParams), e.arena().function(implParams), e)) {
      e.report(mt, Rule::InvalidOverload, def->name.range,
               "Overloaded implementation is not consistent with the signature of overload " +
                   std::to_string(i + 1) + "\n  Type \"" + e.show(impl) +
                   "\" is not assignable to type \"" + e.show(overload) + "\"");
      continue;
    }
    const Type* overloadReturn = overload->returnType;
    const Type* implReturn = impl->returnType;
    if (!overloadReturn || !implReturn || overloadReturn->isAnyOrUnknown() ||
        implReturn->isAnyOrUnknown())
      continue;
    if (!isAssignable(implReturn, overloadReturn, e) &&
        !isAssignable(overloadReturn, implReturn, e))
      e.report(mt, Rule::InvalidOverload, def->name.range,
               "Overload " + std::to_string(i + 1) +
                   " return type is not compatible with the implementation's\n  \"" +
                   e.show(overloadReturn) + "\" is not assignable to \"" + e.show(implReturn) +
                   "\"");
  }
}

} // namespace

void checkFunctionDefinition(EvaluatorImpl& e, ModuleTypes& mt, const FunctionDef* def) {
  checkHistoricalPositionalOnly(e, mt, def);
  checkOverloadImplementation(e, mt, def);
  checkFinalDecoratorPlacement(e, mt, def);
  if (!mt.module.isStub) checkTypedDictParameters(e, mt, def);
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

void checkVariableAnnotation(EvaluatorImpl& e, ModuleTypes& mt, const AnnAssign* stmt) {
  if (mt.module.isStub || !stmt->annotation) return;
  // Required, NotRequired and ReadOnly belong to a TypedDict's items (checked there).
  const Node* owner = stmt->parent;
  while (owner && owner->is<If>()) owner = owner->parent;
  auto ownerClass = owner ? owner->as<ClassDef>() : nullptr;
  if (!ownerClass || !e.classDetails(e.classInfoFor(mt, ownerClass)).has(ClassTypedDict))
    checkTypedDictQualifiers(e, mt, stmt->annotation, false);
  if (e.annotationHasQualifier(mt, stmt->annotation, SpecialForm::TypeAlias)) {
    if (!stmt->value) return;
    const Type* value = e.typeExpression(mt, stmt->value, EvalForwardRefs);
    if (containsTypeVar(value) && e.scopeTypeVars(mt, value, stmt->value, nullptr) != value)
      e.report(mt, Rule::InvalidTypeForm, stmt->value->range,
               "A type alias cannot use the type variables of an enclosing scope");
    return;
  }
  if (const TypeVarType* tv = firstUnscopedTypeVar(e.typeOfAnnotation(mt, stmt->annotation)))
    e.report(mt, Rule::InvalidTypeForm, stmt->annotation->range,
             "Type variable \"" + std::string(tv->name.text()) +
                 "\" has no meaning in this context");
}

} // namespace shrike::checker
