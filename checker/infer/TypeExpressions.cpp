// TypeExpressions: annotations and other type expressions to types — names of classes, the
// special forms of typing (Union, Optional, Literal, Callable, Annotated, Final...), string
// forward references, generic specialization, and scoping of type variables.
//
//     def f(x: "list[T]", y: Optional[int] = None) -> Callable[[T], None]: ...
//       x: list[T@f]   y: int | None   returns (T@f) -> None
#include <algorithm>
#include <memory>
#include <mutex>
#include <vector>

#include "checker/infer/EvaluatorImpl.h"
#include "parser/AstLowering.h"

namespace shrike::checker {

using namespace parser;

namespace {

// Expressions parsed from strings in type positions must live as long as any module that
// points at them, so each thread parses into its own arena that is never freed. The arenas
// are kept reachable from a global list so that leak checkers see them as owned.
Arena& stringTypeArena() {
  static std::mutex mutex;
  static auto* arenas = new std::vector<std::unique_ptr<Arena>>();
  thread_local Arena* arena = nullptr;
  if (!arena) {
    std::lock_guard lock(mutex);
    arenas->push_back(std::make_unique<Arena>());
    arena = arenas->back().get();
  }
  return *arena;
}

bool isTupleClass(const ClassInfo* cls) {
  return cls->qualifiedName == "builtins.tuple";
}

} // namespace

// `*X` inside a type: the parser lowers `*tuple[int, ...]` in annotations as a subscript of
// a starred name; both spellings mean the unpacked X. Returns X's type, or null when `e` is
// not starred.
static const Type* starredTypeItem(EvaluatorImpl& ev, ModuleTypes& mt, const Expr* e,
                                   uint16_t flags) {
  if (auto starred = e->as<Starred>()) {
    if (!starred->value) return ev.unknown();
    return ev.typeExpression(mt, starred->value, flags);
  }
  if (auto sub = e->as<Subscript>()) {
    if (auto starred = sub->value ? sub->value->as<Starred>() : nullptr) {
      if (!starred->value) return ev.unknown();
      const Type* base =
          ev.typeOf(mt, starred->value, nullptr, EvalNoSpecialize | EvalTypeForm | flags);
      if (base->is<ClassObjectType>() || base->is<TypeAliasType>())
        return ev.specializeClassValue(mt, base, sub, flags);
      if (auto sf = base->as<SpecialFormType>())
        return ev.specialFormSubscript(mt, sf->form, sub, flags);
      return ev.unknown();
    }
  }
  return nullptr;
}

std::vector<const Expr*> EvaluatorImpl::subscriptItems(const Subscript* sub) {
  std::vector<const Expr*> items;
  if (!sub->slice) return items;
  if (auto t = sub->slice->as<Tuple>(); t && !t->parenthesized) {
    for (const Expr* e : t->elts) items.push_back(e);
  } else {
    items.push_back(sub->slice);
  }
  return items;
}

const Type* EvaluatorImpl::typeOfAnnotation(ModuleTypes& mt, const Expr* annotation,
                                            bool forwardRefs) {
  if (!annotation) return unknown();
  return memo(mt, MemoKey{annotation, 0, MemoKind::Annotation}, unknown(), [&]() -> const Type* {
    const Type* t = typeExpression(mt, annotation, forwardRefs ? EvalForwardRefs : 0);
    // `x: InitVar[int]` declares an int (dataclasses read the InitVar off the annotation).
    if (auto inst = t->as<InstanceType>();
        inst && inst->cls->qualifiedName == "dataclasses.InitVar")
      t = inst->typeArgs.empty() ? unknown() : inst->typeArgs[0];
    if (containsTypeVar(t)) t = scopeTypeVars(mt, t, annotation, nullptr);
    return t;
  });
}

bool EvaluatorImpl::annotationHasQualifier(ModuleTypes& mt, const Expr* annotation,
                                           SpecialForm form) {
  if (!annotation) return false;
  const Expr* e = annotation;
  if (auto s = e->as<StringLiteral>()) {
    if (const Expr* parsed = mt.index.stringAnnotation(s)) e = parsed;
  }
  // Annotated[Final[int], ...] and ClassVar[Final[int]] count too.
  for (int depth = 0; depth < 4 && e; ++depth) {
    const Expr* base = e;
    const Subscript* sub = e->as<Subscript>();
    if (sub) base = sub->value;
    if (!base->is<NameExpr>() && !base->is<Attribute>()) return false;
    const Type* value = typeOf(mt, base, nullptr, EvalForwardRefs | EvalNoSpecialize);
    auto sf = value->as<SpecialFormType>();
    if (!sf) return false;
    if (sf->form == form) return true;
    if (!sub) return false;
    if (sf->form != SpecialForm::Annotated && sf->form != SpecialForm::ClassVar &&
        sf->form != SpecialForm::Required && sf->form != SpecialForm::NotRequired &&
        sf->form != SpecialForm::ReadOnly)
      return false;
    auto items = subscriptItems(sub);
    e = items.empty() ? nullptr : items[0];
  }
  return false;
}

const Type* EvaluatorImpl::typeExpression(ModuleTypes& mt, const Expr* expr, uint16_t flags) {
  if (!expr) return unknown();
  uint16_t valueFlags = static_cast<uint16_t>(flags | EvalNoSpecialize | EvalTypeForm);
  switch (expr->kind) {
  case NodeKind::NoneLiteral: return arena_.none();
  case NodeKind::StringLiteral: {
    auto s = expr->as<StringLiteral>();
    const Expr* parsed = mt.index.stringAnnotation(s);
    if (!parsed) {
      // A string in a type position the binder did not see as an annotation (a base class,
      // cast(), a TypeVar bound): parse it here; its names resolve without flow analysis.
      std::vector<SyntaxError> errors;
      // The parsed nodes must live as long as the module (rare and small).
      Arena* arena = &stringTypeArena();
      if (s->contentRange.length() == 0 && !s->value.empty() && (s->flags & StringConcatenated))
        return unknown();
      parsed = parseExpression(*arena, s->value, s->contentRange.start, errors);
      if (!parsed || !errors.empty()) {
        report(mt, Rule::InvalidTypeForm, expr->range, "Type annotation is not a valid expression");
        return unknown();
      }
      // Link the parsed expression under the string so scope lookups find their way out.
      const_cast<Expr*>(parsed)->parent = const_cast<StringLiteral*>(s);
    }
    return typeExpression(mt, parsed, flags | EvalForwardRefs);
  }
  case NodeKind::NameExpr:
  case NodeKind::Attribute: {
    const Type* value = typeOf(mt, expr, nullptr, valueFlags);
    return typeFromValue(mt, value, expr);
  }
  case NodeKind::Subscript: {
    auto sub = expr->as<Subscript>();
    if (sub->value && sub->value->is<Starred>()) {
      const Type* t = starredTypeItem(*this, mt, expr, flags);
      if (auto ti = t->as<InstanceType>(); ti && ti->hasTupleElements())
        return arena_.withUnpacked(ti, true);
      return t;
    }
    // Only a name or a member names something that takes type arguments (`[int][0]` does not).
    if (!sub->value || (!sub->value->is<NameExpr>() && !sub->value->is<Attribute>() &&
                        !sub->value->is<Subscript>()))
      break;
    const Type* base = typeOf(mt, sub->value, nullptr, valueFlags);
    if (auto sf = base->as<SpecialFormType>())
      return specialFormSubscript(mt, sf->form, sub, flags);
    if (base->is<ClassObjectType>() || base->is<TypeAliasType>())
      return specializeClassValue(mt, base, sub, flags);
    if (base->isAnyOrUnknown()) {
      for (const Expr* item : subscriptItems(sub)) typeExpression(mt, item, flags);
      return unknown();
    }
    const Type* value = typeOf(mt, expr, nullptr, valueFlags);
    return typeFromValue(mt, value, expr);
  }
  case NodeKind::BinOp: {
    auto op = expr->as<BinOp>();
    if (op->op != BinaryOperator::BitOr) break;
    const Type* left = typeExpression(mt, op->left, flags);
    const Type* right = typeExpression(mt, op->right, flags);
    const Type* both[] = {left, right};
    return arena_.unionOf(both, false);
  }
  case NodeKind::Starred: {
    const Type* t = starredTypeItem(*this, mt, expr, flags);
    if (auto tv = t->as<TypeVarType>(); tv && tv->isTypeVarTuple()) {
      TypeVarType proto = *tv;
      proto.flags |= TypeVarUnpacked;
      return arena_.typeVar(proto);
    }
    if (auto ti = t->as<InstanceType>(); ti && ti->hasTupleElements())
      return arena_.withUnpacked(ti, true);
    return t;
  }
  case NodeKind::ErrorExpr: return unknown();
  default: break;
  }
  report(mt, Rule::InvalidTypeForm, expr->range, "Invalid expression form for a type annotation");
  return unknown();
}

const Type* EvaluatorImpl::typeFromValue(ModuleTypes& mt, const Type* value, const Expr* node) {
  switch (value->kind) {
  case TypeKind::Unknown:
  case TypeKind::Any: return unknown();
  case TypeKind::None: return arena_.none();
  case TypeKind::ClassObject: {
    const Type* inst = value->as<ClassObjectType>()->instance;
    if (auto i = inst->as<InstanceType>()) {
      if (i->typeArgs.empty() && !i->hasTupleElements() && !i->isLiteral()) {
        const ClassDetails& details = classDetails(i->cls);
        if (isTupleClass(i->cls)) return homogeneousTuple(unknown());
        if (!details.typeParams.empty()) {
          // A bare generic class: its parameters' defaults, else Unknown.
          std::vector<const Type*> args;
          TypeVarSolution solution;
          for (const TypeVarType* p : details.typeParams) {
            const Type* arg =
                p->defaultType ? applySolution(p->defaultType, solution, *this) : nullptr;
            if (!arg) {
              if (p->isTypeVarTuple())
                arg = tupleOf(std::vector<TupleElement>{{unknown(), true}}, true);
              else if (p->isParamSpec()) {
                FunctionType spec;
                Param params[2];
                params[0].name = intern("args");
                params[0].kind = ParamKind::VarPositional;
                params[0].type = unknown();
                params[1].name = intern("kwargs");
                params[1].kind = ParamKind::VarKeyword;
                params[1].type = unknown();
                spec.params = params;
                spec.fnFlags = FunctionParamSpecValue | FunctionGradual;
                arg = arena_.function(spec);
              } else
                arg = unknown();
            }
            solution.setForDefaults(p, arg);
            args.push_back(arg);
          }
          return arena_.instance(i->cls, args);
        }
      }
    }
    return inst;
  }
  case TypeKind::SpecialForm: {
    SpecialForm form = value->as<SpecialFormType>()->form;
    switch (form) {
    case SpecialForm::Any: return arena_.any();
    case SpecialForm::Never: return arena_.never();
    case SpecialForm::NoReturn: return arena_.noReturn();
    case SpecialForm::LiteralString:
      if (const ClassInfo* s = knownClass(KnownClass::Str)) return arena_.literalString(s);
      return unknown();
    case SpecialForm::Self: {
      if (const ClassInfo* cls = enclosingClass(mt, node)) return selfTypeVar(cls);
      report(mt, Rule::InvalidTypeForm, node->range, "\"Self\" is not valid in this context");
      return unknown();
    }
    case SpecialForm::Tuple: return homogeneousTuple(unknown());
    case SpecialForm::Type:
      if (auto t = instanceOf(KnownClass::Type)) return t;
      return unknown();
    case SpecialForm::Callable: {
      FunctionType proto;
      Param params[2];
      params[0].name = intern("args");
      params[0].kind = ParamKind::VarPositional;
      params[0].type = unknown();
      params[0].flags = ParamHasDeclaredType;
      params[1].name = intern("kwargs");
      params[1].kind = ParamKind::VarKeyword;
      params[1].type = unknown();
      params[1].flags = ParamHasDeclaredType;
      proto.params = params;
      proto.returnType = unknown();
      proto.fnFlags = FunctionGradual | FunctionSynthesized;
      return arena_.function(proto);
    }
    case SpecialForm::Generic:
      report(mt, Rule::InvalidTypeForm, node->range, "\"Generic\" is not valid in this context");
      return unknown();
    case SpecialForm::Protocol:
    case SpecialForm::TypedDict:
    case SpecialForm::NamedTuple:
    case SpecialForm::Final:
    case SpecialForm::ClassVar:
    case SpecialForm::TypeAlias:
    case SpecialForm::Required:
    case SpecialForm::NotRequired:
    case SpecialForm::ReadOnly:
    case SpecialForm::InitVar:
      // Qualifiers alone (`x: Final = 1`) declare no type of their own.
      return unknown();
    default:
      report(mt, Rule::InvalidTypeForm, node->range,
             "\"" + std::string(specialFormName(form)) + "\" requires type arguments");
      return unknown();
    }
  }
  case TypeKind::TypeVar: return value;
  case TypeKind::TypeAlias: return aliasValue(value->as<TypeAliasType>());
  case TypeKind::Union: {
    std::vector<const Type*> members;
    for (const Type* m : value->as<UnionType>()->members)
      members.push_back(typeFromValue(mt, m, node));
    return arena_.unionOf(members);
  }
  case TypeKind::Instance: {
    auto inst = value->as<InstanceType>();
    std::string_view qn = inst->cls->qualifiedName;
    // Values that stand for types at run time but whose details are lost.
    if (qn == "types.UnionType" || qn == "typing.TypeAliasType" || qn == "typing._SpecialForm" ||
        qn == "typing.TypeVar" || qn == "typing.ParamSpec" || qn == "typing.TypeVarTuple" ||
        qn == "typing_extensions.TypeVar" || qn == "typing._Alias" || qn == "typing.NewType" ||
        qn == "builtins.type")
      return unknown();
    break;
  }
  default: break;
  }
  report(mt, Rule::InvalidTypeForm, node->range, "Variable not allowed in type expression");
  return unknown();
}

const Type* EvaluatorImpl::literalFromExpr(ModuleTypes& mt, const Expr* expr, bool& ok) {
  ok = true;
  switch (expr->kind) {
  case NodeKind::IntLiteral: {
    auto i = expr->as<IntLiteral>();
    if (i->fitsInt64) return literalInt(i->value);
    if (const ClassInfo* cls = knownClass(KnownClass::Int))
      return arena_.literal(cls, LiteralValue{LiteralKind::BigInt, 0, i->text});
    return unknown();
  }
  case NodeKind::UnaryOp: {
    auto u = expr->as<UnaryOp>();
    if ((u->op == UnaryOperator::USub || u->op == UnaryOperator::UAdd) && u->operand &&
        u->operand->is<IntLiteral>()) {
      auto i = u->operand->as<IntLiteral>();
      if (i->fitsInt64) return literalInt(u->op == UnaryOperator::USub ? -i->value : i->value);
    }
    break;
  }
  case NodeKind::StringLiteral: return literalStr(expr->as<StringLiteral>()->value);
  case NodeKind::BytesLiteral:
    if (const ClassInfo* cls = knownClass(KnownClass::Bytes))
      return arena_.literal(cls,
                            LiteralValue{LiteralKind::Bytes, 0, expr->as<BytesLiteral>()->value});
    return unknown();
  case NodeKind::BoolLiteral: return literalBool(expr->as<BoolLiteral>()->value);
  case NodeKind::NoneLiteral: return arena_.none();
  case NodeKind::Attribute:
  case NodeKind::NameExpr: {
    const Type* t = typeOf(mt, expr);
    if (auto inst = t->as<InstanceType>(); inst && inst->literal.kind == LiteralKind::Enum)
      return t;
    // An alias of a Literal type: Literal[Alias] nests it.
    if (auto co = t->as<ClassObjectType>()) {
      bool all = true;
      for (const Type* m : unionMembersOrSelf(co->instance)) {
        auto i = m->as<InstanceType>();
        all &= (i && i->isLiteral()) || m->isNone();
      }
      if (all) return co->instance;
    }
    if (auto u = t->as<UnionType>()) {
      std::vector<const Type*> out;
      for (const Type* m : u->members) {
        auto co = m->as<ClassObjectType>();
        auto i = co ? co->instance->as<InstanceType>() : nullptr;
        if (!i || !i->isLiteral()) {
          out.clear();
          break;
        }
        out.push_back(i);
      }
      if (!out.empty()) return arena_.unionOf(out);
    }
    break;
  }
  case NodeKind::Subscript: {
    const Type* t = typeExpression(mt, expr, 0);
    bool all = true;
    for (const Type* m : unionMembersOrSelf(t)) {
      auto i = m->as<InstanceType>();
      all &= (i && i->isLiteral()) || m->isNone();
    }
    if (all) return t;
    break;
  }
  default: break;
  }
  ok = false;
  return unknown();
}

const Type* EvaluatorImpl::callableFromSubscript(ModuleTypes& mt, const Subscript* sub,
                                                 uint16_t flags) {
  auto items = subscriptItems(sub);
  FunctionType proto;
  proto.fnFlags = FunctionSynthesized;
  std::vector<Param> params;
  if (items.size() != 2) {
    report(mt, Rule::InvalidTypeForm, sub->range,
           "Expected parameter type list or \"...\" followed by the return type");
    return typeFromValue(mt, arena_.specialForm(SpecialForm::Callable), sub);
  }
  const Expr* first = items[0];
  auto addGradual = [&] {
    Param a;
    a.name = intern("args");
    a.kind = ParamKind::VarPositional;
    a.type = arena_.any();
    a.flags = ParamHasDeclaredType;
    Param k = a;
    k.name = intern("kwargs");
    k.kind = ParamKind::VarKeyword;
    params.push_back(a);
    params.push_back(k);
    proto.fnFlags |= FunctionGradual;
  };
  auto addPositional = [&](const Expr* e) {
    Param p;
    p.kind = ParamKind::PositionalOnly;
    p.flags = ParamHasDeclaredType;
    const Type* starredType = starredTypeItem(*this, mt, e, flags);
    const Type* t = starredType ? starredType : typeExpression(mt, e, flags);
    // *Ts / Unpack[Ts] / *tuple[...] among the parameters: a variadic positional.
    if (starredType) {
      if (auto tv = t->as<TypeVarType>()) {
        TypeVarType proto2 = *tv;
        proto2.flags |= TypeVarUnpacked;
        t = arena_.typeVar(proto2);
      }
      p.kind = ParamKind::VarPositional;
      p.name = intern("args");
    } else if (auto tv = t->as<TypeVarType>();
               tv && tv->isTypeVarTuple() && (tv->flags & TypeVarUnpacked)) {
      p.kind = ParamKind::VarPositional;
      p.name = intern("args");
    }
    p.type = t;
    params.push_back(p);
  };
  if (first->is<EllipsisLiteral>()) {
    addGradual();
  } else if (auto list = first->as<ListExpr>()) {
    for (const Expr* e : list->elts) addPositional(e);
  } else {
    // Callable[P, R] or Callable[Concatenate[int, P], R].
    const Expr* specExpr = first;
    if (auto csub = first->as<Subscript>()) {
      const Type* base = typeOf(mt, csub->value, nullptr, EvalNoSpecialize | EvalTypeForm | flags);
      if (auto sf = base->as<SpecialFormType>(); sf && sf->form == SpecialForm::Concatenate) {
        auto citems = subscriptItems(csub);
        for (size_t i = 0; i + 1 < citems.size(); ++i) addPositional(citems[i]);
        specExpr = citems.empty() ? nullptr : citems.back();
        if (specExpr && specExpr->is<EllipsisLiteral>()) {
          addGradual();
          specExpr = nullptr;
        }
      }
    }
    if (specExpr) {
      const Type* spec = typeExpression(mt, specExpr, flags);
      if (auto tv = spec->as<TypeVarType>(); tv && tv->isParamSpec()) {
        proto.paramSpec = tv;
      } else if (!spec->isAnyOrUnknown()) {
        report(mt, Rule::InvalidTypeForm, specExpr->range,
               "Expected parameter type list or \"...\"");
        addGradual();
      } else {
        addGradual();
      }
    }
  }
  proto.params = params;
  proto.returnType = typeExpression(mt, items[1], flags);
  return arena_.function(proto);
}

const Type* EvaluatorImpl::specialFormSubscript(ModuleTypes& mt, SpecialForm form,
                                                const Subscript* sub, uint16_t flags) {
  auto items = subscriptItems(sub);
  auto first = [&]() -> const Type* {
    return items.empty() ? unknown() : typeExpression(mt, items[0], flags);
  };
  switch (form) {
  case SpecialForm::Union: {
    std::vector<const Type*> members;
    for (const Expr* e : items) members.push_back(typeExpression(mt, e, flags));
    return members.empty() ? arena_.never() : arena_.unionOf(members, false);
  }
  case SpecialForm::Optional: {
    if (items.size() != 1) {
      report(mt, Rule::InvalidTypeForm, sub->range, "Expected one type argument for \"Optional\"");
    }
    return arena_.unionOf(first(), arena_.none());
  }
  case SpecialForm::Literal: {
    std::vector<const Type*> members;
    for (const Expr* e : items) {
      bool ok = false;
      const Type* t = literalFromExpr(mt, e, ok);
      if (!ok) {
        report(mt, Rule::InvalidTypeForm, e->range,
               "Type arguments for \"Literal\" must be None, a literal value (int, bool, str, or "
               "bytes), or an enum value");
        continue;
      }
      members.push_back(t);
    }
    if (members.empty()) return unknown();
    return arena_.unionOf(members);
  }
  case SpecialForm::Callable: return callableFromSubscript(mt, sub, flags);
  case SpecialForm::Annotated: {
    if (items.size() < 2)
      report(mt, Rule::InvalidTypeForm, sub->range,
             "Expected a type and at least one annotation for \"Annotated\"");
    return first();
  }
  case SpecialForm::Final:
  case SpecialForm::ClassVar:
  case SpecialForm::Required:
  case SpecialForm::NotRequired:
  case SpecialForm::ReadOnly:
  case SpecialForm::InitVar: return first();
  case SpecialForm::TypeGuard:
  case SpecialForm::TypeIs: return arena_.typeGuard(first(), form == SpecialForm::TypeIs);
  case SpecialForm::Type: {
    const Type* inner = first();
    if (inner->isAnyOrUnknown()) return arena_.classObject(inner);
    if (auto tv = inner->as<TypeVarType>()) {
      TypeVarType proto = *tv;
      proto.flags |= TypeVarInstantiable;
      return arena_.typeVar(proto);
    }
    return arena_.classObject(inner);
  }
  case SpecialForm::Tuple: {
    if (const ClassInfo* tuple = knownClass(KnownClass::Tuple)) {
      const Type* base = arena_.classObject(arena_.instance(tuple));
      return specializeClassValue(mt, base, sub, flags);
    }
    return unknown();
  }
  case SpecialForm::Unpack: {
    const Type* inner = first();
    if (auto tv = inner->as<TypeVarType>(); tv && tv->isTypeVarTuple()) {
      TypeVarType proto = *tv;
      proto.flags |= TypeVarUnpacked;
      return arena_.typeVar(proto);
    }
    if (auto inst = inner->as<InstanceType>(); inst && inst->hasTupleElements())
      return arena_.withUnpacked(inst, true);
    return inner;
  }
  case SpecialForm::Generic:
  case SpecialForm::Protocol:
    for (const Expr* e : items) typeExpression(mt, e, flags);
    // Generic[T] and Protocol[T] belong in a class's bases, not in an annotation.
    report(mt, Rule::InvalidTypeForm, sub->range,
           "\"" + std::string(specialFormName(form)) + "\" is not valid in this context");
    return unknown();
  case SpecialForm::Concatenate:
    report(mt, Rule::InvalidTypeForm, sub->range, "\"Concatenate\" is not allowed in this context");
    return unknown();
  default:
    report(mt, Rule::InvalidTypeForm, sub->range,
           "\"" + std::string(specialFormName(form)) + "\" does not take type arguments");
    return unknown();
  }
}

namespace {

void collectFreeTypeVars(const Type* type, std::vector<const TypeVarType*>& out, int depth = 0) {
  if (depth > 24 || !type) return;
  switch (type->kind) {
  case TypeKind::TypeVar: {
    auto tv = type->as<TypeVarType>();
    if (tv->scope || tv->isSelf()) return;
    for (const TypeVarType* seen : out)
      if (seen->name == tv->name) return;
    out.push_back(tv);
    return;
  }
  case TypeKind::Instance: {
    auto inst = type->as<InstanceType>();
    if (inst->hasTupleElements()) {
      for (const TupleElement& e : inst->tupleElements) collectFreeTypeVars(e.type, out, depth + 1);
      return;
    }
    for (const Type* a : inst->typeArgs) collectFreeTypeVars(a, out, depth + 1);
    return;
  }
  case TypeKind::ClassObject:
    collectFreeTypeVars(type->as<ClassObjectType>()->instance, out, depth + 1);
    return;
  case TypeKind::Union:
    for (const Type* m : type->as<UnionType>()->members) collectFreeTypeVars(m, out, depth + 1);
    return;
  case TypeKind::Function: {
    auto fn = type->as<FunctionType>();
    for (const Param& p : fn->params) collectFreeTypeVars(p.type, out, depth + 1);
    collectFreeTypeVars(fn->returnType, out, depth + 1);
    collectFreeTypeVars(fn->paramSpec, out, depth + 1);
    return;
  }
  case TypeKind::TypeGuard:
    collectFreeTypeVars(type->as<TypeGuardType>()->narrowed, out, depth + 1);
    return;
  default: return;
  }
}

} // namespace

const Type* EvaluatorImpl::specializeClassValue(ModuleTypes& mt, const Type* base,
                                                const Subscript* sub, uint16_t flags) {
  auto items = subscriptItems(sub);
  if (auto alias = base->as<TypeAliasType>()) {
    std::vector<const Type*> args;
    for (const Expr* e : items) args.push_back(typeExpression(mt, e, flags));
    return aliasValue(arena_.typeAlias(alias->name, alias->decl, alias->module, args));
  }
  const Type* inner = base->as<ClassObjectType>()->instance;
  auto inst = inner->as<InstanceType>();
  // An implicit generic alias (Pair = tuple[T, T]): substitute its free variables in order.
  if (!inst || !inst->typeArgs.empty() || inst->hasTupleElements() || inst->isLiteral()) {
    std::vector<const TypeVarType*> free;
    collectFreeTypeVars(inner, free);
    if (free.empty()) {
      report(mt, Rule::InvalidTypeForm, sub->range,
             "Expected no type arguments for \"" + show(inner) + "\"");
      return inner;
    }
    TypeVarSolution solution;
    for (size_t i = 0; i < free.size(); ++i) {
      const Type* arg = i < items.size() ? typeExpression(mt, items[i], flags) : unknown();
      if (free[i]->isParamSpec() && i < items.size()) {
        if (auto list = items[i]->as<ListExpr>()) {
          FunctionType spec;
          std::vector<Param> params;
          for (const Expr* e : list->elts) {
            Param p;
            p.kind = ParamKind::PositionalOnly;
            p.type = typeExpression(mt, e, flags);
            p.flags = ParamHasDeclaredType;
            params.push_back(p);
          }
          spec.params = params;
          spec.fnFlags = FunctionParamSpecValue;
          arg = arena_.function(spec);
        }
      }
      solution.set(free[i], arg);
    }
    return applySolution(inner, solution, *this);
  }
  const ClassInfo* cls = inst->cls;
  if (isTupleClass(cls)) {
    std::vector<TupleElement> elements;
    if (items.size() == 1 && items[0]->is<Tuple>() && items[0]->as<Tuple>()->elts.empty())
      return tupleOf({});
    for (size_t i = 0; i < items.size(); ++i) {
      const Expr* e = items[i];
      if (e->is<EllipsisLiteral>()) {
        // tuple[X, ...] repeats one type; an unpacked X (`*tuple[str]`) is not one type.
        bool firstUnpacked = starredTypeItem(*this, mt, items[0], flags) != nullptr;
        if (i == 1 && items.size() == 2 && elements.size() == 1 && !firstUnpacked) {
          elements.back().unbounded = true;
          continue;
        }
        report(mt, Rule::InvalidTypeForm, e->range,
               "\"...\" is allowed only as the second of two arguments");
        continue;
      }
      if (const Type* t = starredTypeItem(*this, mt, e, flags)) {
        if (auto tv = t->as<TypeVarType>(); tv && tv->isTypeVarTuple()) {
          TypeVarType proto = *tv;
          proto.flags |= TypeVarUnpacked;
          elements.push_back({arena_.typeVar(proto), false});
        } else if (auto ti = t->as<InstanceType>(); ti && ti->hasTupleElements()) {
          for (const TupleElement& te : ti->tupleElements) elements.push_back(te);
        } else {
          elements.push_back({unknown(), true});
        }
        continue;
      }
      const Type* t = typeExpression(mt, e, flags);
      if (auto ti = t->as<InstanceType>(); ti && ti->isUnpacked() && ti->hasTupleElements()) {
        for (const TupleElement& te : ti->tupleElements) elements.push_back(te);
        continue;
      }
      elements.push_back({t, false});
    }
    return tupleOf(elements);
  }
  if (cls->qualifiedName == "builtins.type") {
    const Type* arg = items.empty() ? unknown() : typeExpression(mt, items[0], flags);
    if (auto tv = arg->as<TypeVarType>()) {
      TypeVarType proto = *tv;
      proto.flags |= TypeVarInstantiable;
      return arena_.typeVar(proto);
    }
    return arena_.classObject(arg);
  }
  const ClassDetails& details = classDetails(cls);
  auto params = details.typeParams;
  if (params.empty()) {
    if (!details.has(ClassUnknownBase))
      report(mt, Rule::InvalidTypeForm, sub->range,
             "Expected no type arguments for class \"" + std::string(cls->name.text()) + "\"");
    return inst;
  }
  std::vector<const Type*> args;
  // A class with a single ParamSpec takes its parameter list unbracketed: C[int, str].
  bool soleParamSpec = params.size() == 1 && params[0]->isParamSpec();
  size_t tvtIndex = params.size();
  for (size_t i = 0; i < params.size(); ++i)
    if (params[i]->isTypeVarTuple()) tvtIndex = i;
  auto paramSpecArg = [&](const Expr* e) -> const Type* {
    FunctionType spec;
    spec.fnFlags = FunctionParamSpecValue;
    std::vector<Param> ps;
    if (e->is<EllipsisLiteral>()) {
      Param a;
      a.name = intern("args");
      a.kind = ParamKind::VarPositional;
      a.type = arena_.any();
      Param k = a;
      k.name = intern("kwargs");
      k.kind = ParamKind::VarKeyword;
      ps = {a, k};
      spec.fnFlags |= FunctionGradual;
    } else if (auto list = e->as<ListExpr>()) {
      for (const Expr* x : list->elts) {
        Param p;
        p.kind = ParamKind::PositionalOnly;
        p.type = typeExpression(mt, x, flags);
        p.flags = ParamHasDeclaredType;
        ps.push_back(p);
      }
    } else {
      const Type* t = typeExpression(mt, e, flags);
      if (auto tv = t->as<TypeVarType>(); tv && tv->isParamSpec()) {
        spec.paramSpec = tv;
      } else {
        return t;
      }
    }
    spec.params = ps;
    return arena_.function(spec);
  };
  if (soleParamSpec &&
      !(items.size() == 1 && (items[0]->is<ListExpr>() || items[0]->is<EllipsisLiteral>()))) {
    bool allTypes =
        std::none_of(items.begin(), items.end(), [](const Expr* e) { return e->is<ListExpr>(); });
    if (allTypes &&
        !(items.size() == 1 && typeExpression(mt, items[0], flags)->is<TypeVarType>())) {
      FunctionType spec;
      spec.fnFlags = FunctionParamSpecValue;
      std::vector<Param> ps;
      for (const Expr* x : items) {
        Param p;
        p.kind = ParamKind::PositionalOnly;
        p.type = typeExpression(mt, x, flags);
        p.flags = ParamHasDeclaredType;
        ps.push_back(p);
      }
      spec.params = ps;
      args.push_back(arena_.function(spec));
      return arena_.instance(cls, args);
    }
  }
  if (tvtIndex < params.size()) {
    // Arguments before the TypeVarTuple, the TypeVarTuple's share, arguments after it.
    size_t before = tvtIndex;
    size_t after = params.size() - tvtIndex - 1;
    for (size_t i = 0; i < before && i < items.size(); ++i)
      args.push_back(typeExpression(mt, items[i], flags));
    std::vector<TupleElement> middle;
    size_t middleEnd = items.size() >= after ? items.size() - after : 0;
    for (size_t i = before; i < middleEnd; ++i) {
      const Expr* e = items[i];
      if (const Type* t = starredTypeItem(*this, mt, e, flags)) {
        if (auto tv = t->as<TypeVarType>()) {
          TypeVarType proto = *tv;
          proto.flags |= TypeVarUnpacked;
          middle.push_back({arena_.typeVar(proto), false});
        } else if (auto ti = t->as<InstanceType>(); ti && ti->hasTupleElements()) {
          for (const TupleElement& te : ti->tupleElements) middle.push_back(te);
        }
        continue;
      }
      const Type* t = typeExpression(mt, e, flags);
      if (auto ti = t->as<InstanceType>(); ti && ti->isUnpacked() && ti->hasTupleElements()) {
        for (const TupleElement& te : ti->tupleElements) middle.push_back(te);
        continue;
      }
      if (auto tv = t->as<TypeVarType>(); tv && tv->isTypeVarTuple()) {
        middle.push_back({t, false});
        continue;
      }
      middle.push_back({t, false});
    }
    args.push_back(tupleOf(middle, true));
    for (size_t i = middleEnd; i < items.size(); ++i) {
      size_t param = tvtIndex + 1 + (i - middleEnd);
      if (param < params.size() && params[param]->isParamSpec())
        args.push_back(paramSpecArg(items[i]));
      else
        args.push_back(typeExpression(mt, items[i], flags));
    }
    while (args.size() < params.size()) args.push_back(unknown());
    return arena_.instance(cls, args);
  }
  for (size_t i = 0; i < items.size(); ++i) {
    if (i < params.size() && params[i]->isParamSpec())
      args.push_back(paramSpecArg(items[i]));
    else
      args.push_back(typeExpression(mt, items[i], flags));
  }
  if (args.size() > params.size()) {
    report(mt, Rule::InvalidTypeForm, sub->range,
           "Expected no more than " + std::to_string(params.size()) + " type argument" +
               (params.size() == 1 ? "" : "s") + " but received " + std::to_string(args.size()));
    args.resize(params.size());
  }
  if (args.size() < params.size()) {
    // Missing arguments take their defaults (which may refer to earlier parameters).
    TypeVarSolution solution;
    for (size_t i = 0; i < args.size(); ++i) solution.setForDefaults(params[i], args[i]);
    bool reported = false;
    for (size_t i = args.size(); i < params.size(); ++i) {
      const Type* arg =
          params[i]->defaultType ? applySolution(params[i]->defaultType, solution, *this) : nullptr;
      if (!arg) {
        if (!reported)
          report(mt, Rule::InvalidTypeForm, sub->range,
                 "Too few type arguments provided for \"" + std::string(cls->name.text()) +
                     "\"; expected " + std::to_string(params.size()) + " but received " +
                     std::to_string(items.size()));
        reported = true;
        arg = unknown();
      }
      solution.setForDefaults(params[i], arg);
      args.push_back(arg);
    }
  }
  return arena_.instance(cls, args);
}

// ---- type variable scopes --------------------------------------------------------------------

const ClassInfo* EvaluatorImpl::enclosingClass(ModuleTypes& mt, const Node* node) {
  for (const Node* n = node; n; n = n->parent) {
    if (auto cls = n->as<ClassDef>()) {
      // A class's own bases and decorators are outside it.
      bool inHeader = false;
      for (const Node* c = node; c && c != n; c = c->parent) {
        for (const Expr* b : cls->bases) inHeader |= c == b;
        for (const Expr* d : cls->decorators) inHeader |= c == d;
      }
      if (!inHeader) return classInfoFor(mt, cls);
    }
  }
  return nullptr;
}

const ClassDef* EvaluatorImpl::classOfMethod(const Node* def) {
  for (const Node* n = def ? def->parent : nullptr; n; n = n->parent) {
    if (auto cls = n->as<ClassDef>()) return cls;
    if (n->is<FunctionDef>() || n->is<Lambda>() || n->is<parser::Module>()) return nullptr;
    if (!n->is<Stmt>() && !n->is<ExceptHandler>() && !n->is<MatchCase>()) return nullptr;
  }
  return nullptr;
}

const TypeVarType* EvaluatorImpl::selfTypeVar(const ClassInfo* cls, const Type* bound) {
  TypeVarType proto;
  proto.name = intern("Self");
  proto.flags = TypeVarIsSelf;
  proto.scope = cls;
  proto.scopeName = cls->name;
  proto.bound = bound ? bound : selfInstance(cls);
  return arena_.typeVar(proto);
}

const Type* EvaluatorImpl::scopeTypeVars(ModuleTypes& mt, const Type* type, const Node* owner,
                                         std::vector<const TypeVarType*>* introduced) {
  std::vector<const TypeVarType*> free;
  collectFreeTypeVars(type, free);
  if (free.empty()) return type;
  TypeVarSolution solution;
  for (const TypeVarType* tv : free) {
    const Type* scoped = nullptr;
    const FunctionDef* fallback = nullptr;
    for (const Node* n = owner; n && !scoped; n = n->parent) {
      if (auto cls = n->as<ClassDef>()) {
        const ClassInfo* info = classInfoFor(mt, cls);
        // Inside the class's own header (its bases) the class is still being defined.
        bool inHeader = false;
        for (const Node* c = owner; c && c != n; c = c->parent)
          for (const Expr* b : cls->bases) inHeader |= c == b;
        if (inHeader) continue;
        const ClassDetails& details = classDetails(info);
        for (const TypeVarType* p : details.typeParams)
          if (p->name == tv->name) scoped = p;
        // A class body does not see the variables of the scopes around the class.
        if (!scoped) break;
      } else if (auto fn = n->as<FunctionDef>()) {
        // In the signature: this function binds it unless an outer scope does.
        bool inSignature = false;
        for (const Node* c = owner; c && c != n; c = c->parent) {
          if (c == fn->parameters || c == mt.index.returnsOf(fn)) inSignature = true;
        }
        if (inSignature) {
          if (!fallback) fallback = fn;
          continue;
        }
        // In the body: bound if the function's signature mentions it.
        const FunctionType* f = undecoratedFunction(mt, fn);
        if (containsTypeVar(f, fn)) {
          TypeVarType probe = *tv;
          probe.scope = fn;
          probe.scopeName = fn->name.name;
          probe.flags = 0;
          const TypeVarType* candidate = arena_.typeVar(probe);
          TypeVarSolution s;
          s.set(candidate, arena_.never());
          bool appears = false;
          for (const Param& p : f->params)
            appears |= p.type && applySolution(p.type, s, *this) != p.type;
          if (f->returnType) appears |= applySolution(f->returnType, s, *this) != f->returnType;
          if (appears) scoped = candidate;
        }
      }
    }
    if (!scoped && fallback) {
      TypeVarType proto = *tv;
      proto.scope = fallback;
      proto.scopeName = fallback->name.name;
      proto.flags &= static_cast<uint8_t>(
          ~(TypeVarArgs | TypeVarKwargs | TypeVarUnpacked | TypeVarInstantiable));
      scoped = arena_.typeVar(proto);
      if (introduced &&
          std::find(introduced->begin(), introduced->end(), scoped) == introduced->end())
        introduced->push_back(scoped->as<TypeVarType>());
    }
    if (scoped) {
      // Bind under the unscoped identity; substitution keeps the use's flags (P.args, *Ts).
      if (auto st = scoped->as<TypeVarType>()) {
        TypeVarType plain = *st;
        plain.flags &= static_cast<uint8_t>(
            ~(TypeVarArgs | TypeVarKwargs | TypeVarUnpacked | TypeVarInstantiable));
        scoped = arena_.typeVar(plain);
      }
      solution.set(tv, scoped);
    }
  }
  if (solution.empty()) return type;
  return applySolution(type, solution, *this);
}

} // namespace shrike::checker

namespace shrike::checker {

const Type* EvaluatorImpl::explicitAliasValue(ModuleTypes& mt, const parser::Expr* value) {
  if (value && value->is<StringLiteral>())
    return arena_.classObject(typeExpression(mt, value, EvalForwardRefs));
  return typeOf(mt, value, nullptr, EvalForwardRefs);
}

const Type* EvaluatorImpl::aliasValue(const TypeAliasType* alias) {
  auto node = static_cast<const parser::TypeAlias*>(alias->decl);
  auto module = static_cast<const BoundModule*>(alias->module);
  if (!node || !module) return unknown();
  ModuleTypes& mt = typesOf(*module);
  const Type* value =
      memo(mt, MemoKey{node, 0, MemoKind::TypeAliasValue}, unknown(), [&]() -> const Type* {
        if (!node->value) return unknown();
        return typeExpression(mt, node->value, EvalForwardRefs);
      });
  if (alias->typeArgs.empty() || node->typeParams.empty()) return value;
  TypeVarSolution solution;
  for (size_t i = 0; i < node->typeParams.size() && i < alias->typeArgs.size(); ++i) {
    bind::DeclId decl = mt.index.declarationOf(node->typeParams[i]);
    if (decl == bind::noId) continue;
    if (auto tv = typeOfDeclaration(mt, decl)->as<TypeVarType>())
      solution.set(tv, alias->typeArgs[i]);
  }
  return applySolution(value, solution, *this);
}

} // namespace shrike::checker
