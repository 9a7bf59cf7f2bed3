// Functions: function types from defs and lambdas (parameters, defaults, self and cls,
// positional-only conventions, ParamSpec args), decorators, overload sets, and return types
// inferred from bodies (generators and coroutines wrapped).
#include <algorithm>
#include <functional>
#include <unordered_map>

#include "checker/infer/EvaluatorImpl.h"
#include "parser/Decorators.h"

namespace shrike::checker {

using namespace parser;

namespace {

// `...`, `pass`, a docstring, or `raise NotImplementedError`: a body with nothing to infer.
bool isStubBody(List<Stmt*> body) {
  for (const Stmt* s : body) {
    if (s->is<Pass>()) continue;
    if (auto e = s->as<ExprStmt>()) {
      if (e->value->is<EllipsisLiteral>() || e->value->is<StringLiteral>()) continue;
    }
    return false;
  }
  return true;
}

// A tuple, list, set or dict: a default whose type says too little about the parameter.
static bool isContainer(const Type* t) {
  auto inst = t->as<InstanceType>();
  if (!inst) return false;
  std::string_view qn = inst->cls->qualifiedName;
  return qn == "builtins.tuple" || qn == "builtins.list" || qn == "builtins.set" ||
         qn == "builtins.dict";
}

// `_Name` or `__Name` (not a dunder): a class private to its module.
static bool isPrivateClassName(const ClassInfo* cls) {
  std::string_view n = cls->name.text();
  bool dunder = n.size() > 4 && n.substr(0, 2) == "__" && n.substr(n.size() - 2) == "__";
  return !n.empty() && n[0] == '_' && !dunder;
}

bool raisesNotImplemented(List<Stmt*> body) {
  for (const Stmt* s : body) {
    if (auto r = s->as<Raise>()) {
      const Expr* e = r->exc;
      if (e && e->is<Call>()) e = e->as<Call>()->func;
      if (auto n = e ? e->as<NameExpr>() : nullptr) return n->id.text() == "NotImplementedError";
    }
  }
  return false;
}

// Return statements and yields of a function body, not of nested functions or classes.
void collectReturns(const Node* node, std::vector<const Return*>& returns,
                    std::vector<const Expr*>& yields) {
  forEachChild(node, [&](Node* child) {
    if (child->is<FunctionDef>() || child->is<ClassDef>() || child->is<Lambda>()) return;
    if (auto r = child->as<Return>()) returns.push_back(r);
    if (child->is<Yield>() || child->is<YieldFrom>())
      yields.push_back(static_cast<const Expr*>(child));
    collectReturns(child, returns, yields);
  });
}

// The statement before (step -1) or after (step 1) `stmt` in the block that holds it; null
// past either end.
const Stmt* adjacentStatement(const Stmt* stmt, int step) {
  const Node* parent = stmt->parent;
  if (!parent) return nullptr;
  List<Stmt*> lists[3];
  if (auto m = parent->as<parser::Module>())
    lists[0] = m->body;
  else if (auto c = parent->as<ClassDef>())
    lists[0] = c->body;
  else if (auto f = parent->as<FunctionDef>())
    lists[0] = f->body;
  else if (auto i = parent->as<If>())
    lists[0] = i->body, lists[1] = i->orelse;
  else if (auto w = parent->as<While>())
    lists[0] = w->body, lists[1] = w->orelse;
  else if (auto fo = parent->as<For>())
    lists[0] = fo->body, lists[1] = fo->orelse;
  else if (auto wi = parent->as<With>())
    lists[0] = wi->body;
  else if (auto t = parent->as<Try>())
    lists[0] = t->body, lists[1] = t->orelse, lists[2] = t->finalbody;
  else if (auto h = parent->as<ExceptHandler>())
    lists[0] = h->body;
  else if (auto mc = parent->as<MatchCase>())
    lists[0] = mc->body;
  for (List<Stmt*> list : lists) {
    if (list.empty()) continue;
    // Statements are in source order: find this one by position.
    auto it =
        std::lower_bound(list.begin(), list.end(), stmt->range.start,
                         [](const Stmt* s, uint32_t offset) { return s->range.start < offset; });
    if (it == list.end() || *it != stmt) continue;
    if (step < 0) return it == list.begin() ? nullptr : *(it - 1);
    return it + 1 == list.end() ? nullptr : *(it + 1);
  }
  return nullptr;
}

} // namespace

// True when control cannot fall off the end of `body` (a syntactic approximation that also
// knows calls to NoReturn functions).
static bool alwaysExits(EvaluatorImpl& e, ModuleTypes& mt, List<Stmt*> body);

// Whether a loop body holds a `break` of that loop (not of a loop nested in it).
static bool loopBodyBreaks(List<Stmt*> body) {
  std::function<bool(const Node*)> breaks = [&](const Node* n) {
    if (n->is<Break>()) return true;
    if (n->is<FunctionDef>() || n->is<ClassDef>() || n->is<Lambda>()) return false;
    // A nested loop's body breaks that loop; its else clause belongs to this one.
    if (auto f = n->as<For>()) return std::any_of(f->orelse.begin(), f->orelse.end(), breaks);
    if (auto w = n->as<While>()) return std::any_of(w->orelse.begin(), w->orelse.end(), breaks);
    bool found = false;
    forEachChild(n, [&](Node* c) { found = found || breaks(c); });
    return found;
  };
  return std::any_of(body.begin(), body.end(), breaks);
}

static bool stmtAlwaysExits(EvaluatorImpl& e, ModuleTypes& mt, const Stmt* s) {
  switch (s->kind) {
  case NodeKind::Return:
  case NodeKind::Raise: return true;
  case NodeKind::If: {
    auto i = s->as<If>();
    return alwaysExits(e, mt, i->body) && !i->orelse.empty() && alwaysExits(e, mt, i->orelse);
  }
  case NodeKind::With: return alwaysExits(e, mt, s->as<With>()->body);
  case NodeKind::Try: {
    auto t = s->as<Try>();
    if (!t->finalbody.empty() && alwaysExits(e, mt, t->finalbody)) return true;
    bool bodyExits =
        alwaysExits(e, mt, t->body) || (!t->orelse.empty() && alwaysExits(e, mt, t->orelse));
    if (!bodyExits) return false;
    for (const ExceptHandler* h : t->handlers)
      if (!alwaysExits(e, mt, h->body)) return false;
    return true;
  }
  case NodeKind::While: {
    auto w = s->as<While>();
    bool infinite = (w->test->is<BoolLiteral>() && w->test->as<BoolLiteral>()->value) ||
                    (w->test->is<IntLiteral>() && w->test->as<IntLiteral>()->value != 0);
    // A loop ends normally through its else clause; only a break of its own skips that.
    if (!infinite && (w->orelse.empty() || !alwaysExits(e, mt, w->orelse))) return false;
    return !loopBodyBreaks(w->body);
  }
  case NodeKind::For: {
    auto f = s->as<For>();
    if (f->orelse.empty() || !alwaysExits(e, mt, f->orelse)) return false;
    return !loopBodyBreaks(f->body);
  }
  case NodeKind::Match: {
    auto m = s->as<Match>();
    bool irrefutable = false;
    for (const MatchCase* c : m->cases) {
      if (!alwaysExits(e, mt, c->body)) return false;
      if (!c->guard)
        if (auto as = c->pattern ? c->pattern->as<MatchAs>() : nullptr; as && !as->pattern)
          irrefutable = true;
    }
    return irrefutable;
  }
  case NodeKind::ExprStmt: {
    auto value = s->as<ExprStmt>()->value;
    if (auto aw = value->as<Await>()) value = aw->value;
    if (auto call = value->as<Call>()) return e.callIsNoReturn(mt, call);
    return false;
  }
  case NodeKind::Assert: {
    auto a = s->as<Assert>();
    return a->test->is<BoolLiteral>() && !a->test->as<BoolLiteral>()->value;
  }
  default: return false;
  }
}

static bool alwaysExits(EvaluatorImpl& e, ModuleTypes& mt, List<Stmt*> body) {
  for (const Stmt* s : body)
    if (stmtAlwaysExits(e, mt, s)) return true;
  return false;
}

// ---- parameters ------------------------------------------------------------------------------

const Type* EvaluatorImpl::typeOfParameter(ModuleTypes& mt, const parser::Parameter* param) {
  return memo(mt, MemoKey{param, 0, MemoKind::Parameter}, unknown(), [&]() -> const Type* {
    const Node* owner = param->parent ? param->parent->parent : nullptr;
    // A lambda's parameters come from the lambda's type in its context.
    if (auto lambda = owner ? owner->as<Lambda>() : nullptr) {
      const Type* lt = typeOf(mt, lambda);
      if (auto fn = lt->as<FunctionType>()) {
        auto params = lambda->parameters->parameters;
        for (size_t i = 0; i < params.size() && i < fn->params.size(); ++i) {
          if (params[i] != param) continue;
          const Type* t = fn->params[i].type ? fn->params[i].type : unknown();
          if (param->parameterKind == ParameterKind::VarPositional) return homogeneousTuple(t);
          if (param->parameterKind == ParameterKind::VarKeyword) {
            const Type* args[] = {strType(), t};
            return instanceOf(KnownClass::Dict, args);
          }
          return t;
        }
      }
      return unknown();
    }
    auto def = owner ? owner->as<FunctionDef>() : nullptr;
    const Type* element = nullptr;
    if (def) {
      const FunctionType* fn = undecoratedFunction(mt, def);
      auto params = def->parameters->parameters;
      // Find the matching signature parameter by name (P.args/P.kwargs were folded away).
      for (const Param& p : fn->params)
        if (p.name == param->name.name) element = p.type;
      if (!element && fn->paramSpec) {
        if (param->parameterKind == ParameterKind::VarPositional) {
          TypeVarType proto = *fn->paramSpec->as<TypeVarType>();
          proto.flags |= TypeVarArgs;
          return arena_.typeVar(proto);
        }
        if (param->parameterKind == ParameterKind::VarKeyword) {
          TypeVarType proto = *fn->paramSpec->as<TypeVarType>();
          proto.flags |= TypeVarKwargs;
          return arena_.typeVar(proto);
        }
      }
      (void)params;
    }
    const Expr* annotation = mt.index.annotationOf(param);
    if (!element) element = annotation ? typeOfAnnotation(mt, annotation) : unknown();
    if (param->parameterKind == ParameterKind::VarPositional) {
      if (auto tv = element->as<TypeVarType>(); tv && tv->isTypeVarTuple()) {
        TupleElement e{tv, false};
        return tupleOf({&e, 1});
      }
      if (auto inst = element->as<InstanceType>(); inst && inst->isUnpacked())
        return arena_.withUnpacked(inst, false);
      if (auto tv = element->as<TypeVarType>(); tv && (tv->flags & TypeVarArgs)) return tv;
      return homogeneousTuple(element);
    }
    if (param->parameterKind == ParameterKind::VarKeyword) {
      if (auto tv = element->as<TypeVarType>(); tv && (tv->flags & TypeVarKwargs)) return tv;
      if (annotation) {
        // **kwargs: Unpack[TD] is the TypedDict itself.
        if (auto sub = annotation->as<Subscript>()) {
          const Type* base = typeOf(mt, sub->value, nullptr, EvalNoSpecialize | EvalTypeForm);
          if (auto sf = base->as<SpecialFormType>(); sf && sf->form == SpecialForm::Unpack)
            return element;
        }
      }
      const Type* args[] = {strType(), element};
      if (auto d = instanceOf(KnownClass::Dict, args)) return d;
      return unknown();
    }
    return element;
  });
}

// ---- function types --------------------------------------------------------------------------

namespace {

// The annotated type of `fn`'s parameter `name`; null when it has none.
const Type* declaredParamType(const FunctionType* fn, Name name) {
  for (const Param& p : fn->params)
    if (p.name == name) return (p.flags & ParamHasDeclaredType) ? p.type : nullptr;
  return nullptr;
}

} // namespace

// As in pyright: the first class after `cls` in its MRO that has the method's name decides;
// when there it is one plain def whose parameters have the same names and kinds in order,
// its signature (as `cls` sees that class) lends its annotations to unannotated parameters.
//
//     class Compiler:  def __init__(self, dry_run: bool | Literal[0, 1] = 0): ...
//     class Unix(Compiler):  def __init__(self, dry_run=0): ...   dry_run: bool | Literal[0, 1]
const FunctionType* EvaluatorImpl::overriddenSignature(const ClassInfo* cls,
                                                       const FunctionDef* def) {
  Name name = def->name.name;
  auto params = def->parameters ? def->parameters->parameters : List<parser::Parameter*>{};
  const ClassDetails& details = classDetails(cls);
  for (size_t i = 1; i < details.mro.size(); ++i) {
    auto base = details.mro[i]->as<InstanceType>();
    if (!base) return nullptr;
    auto baseClass = static_cast<const ClassDef*>(base->cls->decl);
    const BoundModule* module = moduleOfClass(base->cls);
    if (!baseClass || !module) continue;
    bind::ScopeId scope = module->index->scopeOf(baseClass);
    if (scope == bind::noId) continue;
    bind::SymbolId symbol = module->index->localSymbol(scope, name);
    if (symbol == bind::noId) continue;
    const bind::Symbol& sym = module->index->symbol(symbol);
    if (sym.firstDecl == bind::noId) continue;
    if (sym.firstDecl != sym.lastDecl) return nullptr;
    const bind::Declaration& decl = module->index->declaration(sym.firstDecl);
    if (decl.kind != bind::DeclarationKind::Function) return nullptr;
    auto baseDef = static_cast<const FunctionDef*>(decl.node);
    auto baseParams =
        baseDef->parameters ? baseDef->parameters->parameters : List<parser::Parameter*>{};
    if (baseParams.size() != params.size()) return nullptr;
    for (size_t k = 0; k < params.size(); ++k)
      if (baseParams[k]->name.name != params[k]->name.name ||
          baseParams[k]->parameterKind != params[k]->parameterKind)
        return nullptr;
    const FunctionType* fn = undecoratedFunction(typesOf(*module), baseDef);
    return specializeMember(fn, base)->as<FunctionType>();
  }
  return nullptr;
}

const FunctionType* EvaluatorImpl::undecoratedFunction(ModuleTypes& mt, const FunctionDef* def) {
  MemoKey key{def, 0, MemoKind::FunctionDef};
  // A cycle (a default that refers to the function) sees a gradual signature.
  const Type* t = memo(mt, key, nullptr, [&]() -> const Type* {
    FunctionType proto;
    proto.name = def->name.name;
    proto.decl = def;
    proto.module = &mt.module;
    proto.typeVarScope = def;
    const ClassInfo* cls = nullptr;
    if (const ClassDef* owner = classOfMethod(def)) cls = classInfoFor(mt, owner);
    proto.methodClass = cls;
    bool isStatic = hasDecorator(def, "staticmethod");
    bool isClassMethod = hasDecorator(def, "classmethod");
    std::string_view name = def->name.name.text();
    if (cls && name == "__new__") isStatic = true;
    if (cls && (name == "__init_subclass__" || name == "__class_getitem__")) isClassMethod = true;
    if (def->isAsync) proto.fnFlags |= FunctionAsync;
    bind::ScopeId scope = mt.index.scopeOf(def);
    if (scope != bind::noId && (mt.index.scope(scope).flags & bind::ScopeGenerator))
      proto.fnFlags |= FunctionGenerator;
    if (cls && isStatic) proto.fnFlags |= FunctionStaticMethod;
    if (cls && isClassMethod) proto.fnFlags |= FunctionClassMethod;
    if (hasDecorator(def, "overload")) proto.fnFlags |= FunctionOverload;
    if (hasDecorator(def, "abstractmethod") || hasDecorator(def, "abstractproperty"))
      proto.fnFlags |= FunctionAbstract;
    if (hasDecorator(def, "final")) proto.fnFlags |= FunctionFinal;
    if (mt.module.isStub || isStubBody(def->body)) proto.fnFlags |= FunctionStub;

    std::vector<Param> params;
    auto astParams = def->parameters ? def->parameters->parameters : List<parser::Parameter*>{};
    bool explicitPositionalOnly =
        std::any_of(astParams.begin(), astParams.end(), [](const parser::Parameter* p) {
          return p->parameterKind == ParameterKind::PositionalOnly;
        });
    bool legacyPositionalOnly = !explicitPositionalOnly;
    std::string_view source = mt.module.text ? mt.module.text->text() : std::string_view();
    bool someUnannotated =
        std::any_of(astParams.begin(), astParams.end(),
                    [&](const parser::Parameter* p) { return !mt.index.annotationOf(p); });
    const FunctionType* overridden =
        cls && astParams.size() > 1 && someUnannotated ? overriddenSignature(cls, def) : nullptr;
    for (size_t i = 0; i < astParams.size(); ++i) {
      const parser::Parameter* p = astParams[i];
      Param out;
      out.name = p->name.name;
      switch (p->parameterKind) {
      case ParameterKind::PositionalOnly: out.kind = ParamKind::PositionalOnly; break;
      case ParameterKind::PositionalOrKeyword: out.kind = ParamKind::PositionalOrKeyword; break;
      case ParameterKind::VarPositional: out.kind = ParamKind::VarPositional; break;
      case ParameterKind::KeywordOnly: out.kind = ParamKind::KeywordOnly; break;
      case ParameterKind::VarKeyword: out.kind = ParamKind::VarKeyword; break;
      }
      if (p->defaultValue) {
        out.flags |= ParamHasDefault;
        TextRange r = p->defaultValue->range;
        if (r.end <= source.size() && r.end > r.start && r.length() < 80)
          out.defaultText = source.substr(r.start, r.length());
        else
          out.defaultText = "...";
      }
      bool isSelfParam =
          cls && i == 0 && !isStatic && p->parameterKind <= ParameterKind::PositionalOrKeyword;
      bool isFirstOfNew = cls && i == 0 && name == "__new__";
      const Expr* annotation = mt.index.annotationOf(p);
      if (annotation) {
        out.type = typeOfAnnotation(mt, annotation);
        out.flags |= ParamHasDeclaredType;
      } else if (isSelfParam || isFirstOfNew) {
        const TypeVarType* self = selfTypeVar(cls);
        if (isClassMethod || isFirstOfNew) {
          TypeVarType proto2 = *self;
          proto2.flags |= TypeVarInstantiable;
          out.type = arena_.typeVar(proto2);
        } else {
          out.type = self;
        }
        out.flags |= ParamTypeInferred;
      } else if (const Type* inherited =
                     overridden ? declaredParamType(overridden, out.name) : nullptr) {
        out.type = inherited;
        out.flags |= ParamTypeInferred;
      } else if (p->defaultValue) {
        const Type* d = typeOf(mt, p->defaultValue);
        if (d->isNone()) {
          const Type* members[] = {unknown(), arena_.none()};
          out.type = arena_.rawUnion(members);
        } else if (d->isAnyOrUnknown()) {
          out.type = unknown();
        } else if (isContainer(d) || d->is<FunctionType>() || d->is<OverloadedType>()) {
          // Containers and functions are not inferred (pyright's rule): `other=()` would make
          // the parameter accept only empty tuples, `_w=WHITESPACE.match` only that method,
          // narrower than any caller means.
          out.type = unknown();
        } else if (auto inst = d->as<InstanceType>(); inst && isPrivateClassName(inst->cls)) {
          // An instance of a private class is taken for a sentinel: the parameter is that or
          // whatever callers pass (`_Sentinel | Unknown`, as in pyright).
          const Type* members[] = {inst, unknown()};
          out.type = arena_.rawUnion(members);
        } else {
          out.type = stripLiteral(d, arena_);
        }
        out.flags |= ParamTypeInferred;
      } else {
        out.type = unknown();
      }
      // Before PEP 570, parameters named __x (not __x__) were positional-only by convention.
      std::string_view pn = p->name.name.text();
      bool dunderPrefixed = pn.size() > 2 && pn.starts_with("__") && !pn.ends_with("__");
      if (legacyPositionalOnly && out.kind == ParamKind::PositionalOrKeyword) {
        if (dunderPrefixed)
          out.kind = ParamKind::PositionalOnly;
        else if (!isSelfParam && !isFirstOfNew)
          legacyPositionalOnly = false;
      }
      if (out.kind == ParamKind::VarKeyword && expandUnpackedKwargs(mt, annotation, params))
        continue;
      params.push_back(out);
    }
    // A `self` before legacy positional-only parameters is positional-only too.
    if (!params.empty() && params.size() > 1 && params[1].kind == ParamKind::PositionalOnly &&
        params[0].kind == ParamKind::PositionalOrKeyword && cls && !isStatic)
      params[0].kind = ParamKind::PositionalOnly;
    // `*args: P.args, **kwargs: P.kwargs` stand for the ParamSpec P.
    if (params.size() >= 2) {
      Param& args = params[params.size() - 2];
      Param& kwargs = params[params.size() - 1];
      auto a = args.type ? args.type->as<TypeVarType>() : nullptr;
      auto k = kwargs.type ? kwargs.type->as<TypeVarType>() : nullptr;
      if (args.kind == ParamKind::VarPositional && kwargs.kind == ParamKind::VarKeyword && a && k &&
          (a->flags & TypeVarArgs) && (k->flags & TypeVarKwargs) && a->name == k->name) {
        TypeVarType plain = *a;
        plain.flags &= static_cast<uint8_t>(~TypeVarArgs);
        proto.paramSpec = arena_.typeVar(plain);
        params.resize(params.size() - 2);
      }
    }
    proto.params = params;
    if (const Expr* returns = mt.index.returnsOf(def)) {
      const Type* declared = typeOfAnnotation(mt, returns);
      proto.returnType = wrapReturnForAsyncOrGenerator(mt, def, declared, true);
    } else if (proto.has(FunctionStub) && mt.module.isStub) {
      proto.returnType = unknown();
    } else if (def->name.name == names::dunderInit && cls) {
      proto.returnType = arena_.none();
    }
    return arena_.function(proto);
  });
  if (!t) {
    FunctionType proto;
    proto.name = def->name.name;
    proto.fnFlags = FunctionGradual | FunctionSynthesized;
    Param a;
    a.name = intern("args");
    a.kind = ParamKind::VarPositional;
    a.type = unknown();
    Param k = a;
    k.name = intern("kwargs");
    k.kind = ParamKind::VarKeyword;
    Param ps[] = {a, k};
    proto.params = ps;
    proto.returnType = unknown();
    return arena_.function(proto);
  }
  return t->as<FunctionType>();
}

const Type* EvaluatorImpl::wrapReturnForAsyncOrGenerator(ModuleTypes& mt, const FunctionDef* def,
                                                         const Type* returned, bool declared) {
  bind::ScopeId scope = mt.index.scopeOf(def);
  bool generator = scope != bind::noId && (mt.index.scope(scope).flags & bind::ScopeGenerator);
  if (!def->isAsync || (declared && generator)) return returned;
  if (generator) return returned;
  const ClassInfo* coroutine = knownClass(KnownClass::Coroutine);
  if (!coroutine) return returned;
  const Type* args[] = {arena_.any(), arena_.any(), returned};
  return arena_.instance(coroutine, args);
}

const Type* EvaluatorImpl::declaredReturnType(ModuleTypes& mt, const FunctionDef* def) {
  const Expr* returns = mt.index.returnsOf(def);
  return returns ? typeOfAnnotation(mt, returns) : nullptr;
}

const Type* EvaluatorImpl::typeOfFunctionDef(ModuleTypes& mt, const FunctionDef* def) {
  MemoKey key{def, 0, MemoKind::DecoratedDef};
  return memo(mt, key, unknown(), [&]() -> const Type* {
    const Type* result = undecoratedFunction(mt, def);
    for (size_t i = def->decorators.size(); i-- > 0;) {
      const Type* applied = applyDecorator(mt, result, def->decorators[i], def);
      // A decorator whose result is Unknown, or a union with an Unknown member, is not applied
      // (as in pyright): an unresolved or untyped decorator keeps the signature it decorates.
      if (!hasUnknownMember(applied)) result = applied;
    }

    // Overloads: this def joins the @overload definitions of the same name just before it.
    bool isOverload = hasDecorator(def, "overload");
    // An @overload with another def of its name right after it is one step of the set that
    // the last def completes: its own type is its signature alone, so n overloads cost n,
    // not n * n (5,000 overloads took 2.5 s and 150 MB building every partial set).
    if (isOverload) {
      auto next = adjacentStatement(def, 1);
      auto nextDef = next ? next->as<FunctionDef>() : nullptr;
      auto fn = result->as<FunctionType>();
      if (fn && nextDef && nextDef->name.name == def->name.name) {
        const FunctionType* alone[] = {fn};
        return arena_.overloaded(alone, nullptr);
      }
    }
    // The run of @overload defs of this name just before this one, nearest first: the
    // statements before it in its block, and when that run reaches the start of a nested block
    // or an `if`/`try` statement, the name's reachable declarations before it in source order
    // (typeshed splits overloads over version branches). Only then are the declarations
    // walked, so n plain redefinitions of a name cost n, not n * n.
    std::vector<const FunctionDef*> earlier;
    const Stmt* stop = nullptr;
    bool reachedBlockStart = true;
    for (const Stmt* prev = adjacentStatement(def, -1); prev; prev = adjacentStatement(prev, -1)) {
      auto otherDef = prev->as<FunctionDef>();
      if (!otherDef || otherDef->name.name != def->name.name ||
          !hasDecorator(otherDef, "overload")) {
        stop = prev;
        reachedBlockStart = false;
        break;
      }
      earlier.push_back(otherDef);
    }
    const Node* block = def->parent;
    bool nestedBlock = block && !block->is<parser::Module>() && !block->is<ClassDef>() &&
                       !block->is<FunctionDef>();
    bool acrossBlocks =
        (reachedBlockStart && nestedBlock) || (stop && (stop->is<If>() || stop->is<Try>()));
    if (bind::DeclId self = mt.index.declarationOf(def); acrossBlocks && self != bind::noId) {
      earlier.clear();
      const bind::Symbol& symbol = mt.index.symbol(mt.index.declaration(self).symbol);
      for (bind::DeclId id = symbol.firstDecl; id != bind::noId && id != self;) {
        const bind::Declaration& decl = mt.index.declaration(id);
        id = decl.nextInSymbol;
        if (decl.has(bind::DeclUnreachable) || decl.has(bind::DeclInstanceMember) ||
            decl.has(bind::DeclClassMember))
          continue;
        auto otherDef = decl.kind == bind::DeclarationKind::Function && decl.node
                            ? decl.node->as<FunctionDef>()
                            : nullptr;
        if (otherDef && hasDecorator(otherDef, "overload"))
          earlier.push_back(otherDef);
        else
          earlier.clear();
      }
      std::reverse(earlier.begin(), earlier.end());
    }
    std::vector<const FunctionType*> overloads;
    for (size_t i = earlier.size(); i-- > 0;) {
      const FunctionDef* otherDef = earlier[i];
      const Type* t = undecoratedFunction(mt, otherDef);
      // Other decorators (staticmethod...) on the overload apply too.
      for (size_t d = otherDef->decorators.size(); d-- > 0;) {
        if (decoratorNamed(otherDef->decorators[d], "overload")) continue;
        t = applyDecorator(mt, t, otherDef->decorators[d], otherDef);
      }
      if (auto f = t->as<FunctionType>()) overloads.push_back(f);
    }
    if (overloads.empty() && !isOverload) return result;
    auto fn = result->as<FunctionType>();
    if (!fn) return result;
    if (isOverload) {
      overloads.push_back(fn);
      return arena_.overloaded(overloads, nullptr);
    }
    return arena_.overloaded(overloads, fn);
  });
}

namespace {

// Whether `type` holds an implicit Any (Unknown) anywhere: pyright's "partly unknown". An
// unannotated parameter or return counts as unknown.
bool isPartlyUnknown(const Type* type, int depth = 0) {
  if (!type || depth > 16) return type == nullptr;
  switch (type->kind) {
  case TypeKind::Unknown: return true;
  case TypeKind::Instance: {
    auto inst = type->as<InstanceType>();
    for (const Type* t : inst->typeArgs)
      if (isPartlyUnknown(t, depth + 1)) return true;
    for (const TupleElement& e : inst->tupleElements)
      if (isPartlyUnknown(e.type, depth + 1)) return true;
    return false;
  }
  case TypeKind::ClassObject:
    return isPartlyUnknown(type->as<ClassObjectType>()->instance, depth + 1);
  case TypeKind::Union:
    for (const Type* m : type->as<UnionType>()->members)
      if (isPartlyUnknown(m, depth + 1)) return true;
    return false;
  case TypeKind::Function: {
    auto fn = type->as<FunctionType>();
    for (const Param& p : fn->params)
      if (isPartlyUnknown(p.type, depth + 1)) return true;
    return isPartlyUnknown(fn->returnType, depth + 1);
  }
  case TypeKind::Overloaded:
    for (const FunctionType* f : type->as<OverloadedType>()->overloads)
      if (isPartlyUnknown(f, depth + 1)) return true;
    return false;
  default: return false;
  }
}

} // namespace

const Type* EvaluatorImpl::applyDecorator(ModuleTypes& mt, const Type* decorated,
                                          const Expr* decorator, const Node* def) {
  // Decorators that only mark: their effect is already in the function's flags.
  static const std::string_view markers[] = {
      "overload",      "abstractmethod",    "final",     "override", "type_check_only",
      "no_type_check", "runtime_checkable", "deprecated"};
  for (std::string_view m : markers)
    if (decoratorNamed(decorator, m)) return decorated;
  auto fn = decorated->as<FunctionType>();
  // staticmethod or classmethod over what is not a plain function (an lru_cache wrapper, a
  // property, overloads) keeps it as it is, as pyright does.
  if (!fn &&
      (decoratorNamed(decorator, "staticmethod") || decoratorNamed(decorator, "classmethod")))
    return decorated;
  if (decoratorNamed(decorator, "staticmethod") && fn) {
    FunctionType proto = *fn;
    proto.fnFlags |= FunctionStaticMethod;
    return arena_.function(proto);
  }
  if (decoratorNamed(decorator, "classmethod") && fn) {
    FunctionType proto = *fn;
    proto.fnFlags |= FunctionClassMethod;
    return arena_.function(proto);
  }
  const Type* decoratorType = typeOf(mt, decorator);
  // property and its setter/deleter.
  if (auto co = decoratorType->as<ClassObjectType>()) {
    if (auto inst = co->instance->as<InstanceType>()) {
      std::string_view qn = inst->cls->qualifiedName;
      if (qn == "builtins.property" || qn == "abc.abstractproperty" ||
          qn == "types.DynamicClassAttribute" || qn == "functools.cached_property" ||
          qn == "enum.property")
        return arena_.property(decorated, nullptr, nullptr);
      if (qn == "builtins.staticmethod" && fn) {
        FunctionType proto = *fn;
        proto.fnFlags |= FunctionStaticMethod;
        return arena_.function(proto);
      }
      if (qn == "builtins.classmethod" && fn) {
        FunctionType proto = *fn;
        proto.fnFlags |= FunctionClassMethod;
        return arena_.function(proto);
      }
    }
  }
  if (auto attr = decorator->as<Attribute>()) {
    const Type* base = typeOf(mt, attr->value);
    if (auto prop = base->as<PropertyType>()) {
      std::string_view which = attr->attr.name.text();
      if (which == "setter") return arena_.property(prop->getter, decorated, prop->deleter);
      if (which == "deleter") return arena_.property(prop->getter, prop->setter, decorated);
      if (which == "getter") return arena_.property(decorated, prop->setter, prop->deleter);
    }
  }
  if (decoratorType->isAnyOrUnknown()) return decoratorType;
  // An argument error is reported at the decorator, as pyright does.
  std::vector<Argument> args(1);
  args[0].type = decorated;
  args[0].range = decorator->range;
  CallResult result = callType(mt, decoratorType, args, decorator, nullptr, "");
  const Type* returned = result.returnType ? result.returnType : unknown();
  // An unannotated decorator that returns something (partly) unknown keeps the function or
  // class as it was, as in pyright.
  if (returned->isAnyOrUnknown() || containsTypeVar(returned) || isPartlyUnknown(returned)) {
    if (auto dfn = decoratorType->as<FunctionType>()) {
      bool annotated = dfn->returnType != nullptr;
      for (const Param& p : dfn->params) annotated |= (p.flags & ParamHasDeclaredType) != 0;
      if (!annotated) return decorated;
    }
  }
  if (auto rfn = returned->as<FunctionType>(); rfn && fn && !rfn->returnType) {
    // A wrapper defined inside an unannotated decorator: keep the original signature.
    bool gradual = true;
    for (const Param& p : rfn->params) gradual &= (p.flags & ParamHasDeclaredType) == 0;
    if (gradual) return decorated;
  }
  return returned;
}

// ---- lambdas ---------------------------------------------------------------------------------

const FunctionType* EvaluatorImpl::lambdaFunction(ModuleTypes& mt, const Lambda* lambda,
                                                  const Type* expected) {
  const FunctionType* context = nullptr;
  if (expected) {
    for (const Type* m : unionMembersOrSelf(expected)) {
      if (auto f = m->as<FunctionType>()) {
        context = f;
        break;
      }
      if (m->is<InstanceType>()) {
        if (const Type* call = memberTypeForProtocol(m, names::dunderCall))
          if (auto f = call->as<FunctionType>()) {
            context = f;
            break;
          }
      }
    }
  }
  FunctionType proto;
  proto.decl = lambda;
  proto.module = &mt.module;
  proto.typeVarScope = lambda;
  std::vector<Param> params;
  size_t positional = 0;
  std::string_view source = mt.module.text ? mt.module.text->text() : std::string_view();
  for (const parser::Parameter* p : lambda->parameters->parameters) {
    Param out;
    out.name = p->name.name;
    switch (p->parameterKind) {
    case ParameterKind::PositionalOnly: out.kind = ParamKind::PositionalOnly; break;
    case ParameterKind::PositionalOrKeyword: out.kind = ParamKind::PositionalOrKeyword; break;
    case ParameterKind::VarPositional: out.kind = ParamKind::VarPositional; break;
    case ParameterKind::KeywordOnly: out.kind = ParamKind::KeywordOnly; break;
    case ParameterKind::VarKeyword: out.kind = ParamKind::VarKeyword; break;
    }
    out.type = unknown();
    if (context) {
      const Param* match = nullptr;
      if (out.kind == ParamKind::PositionalOnly || out.kind == ParamKind::PositionalOrKeyword) {
        size_t seen = 0;
        for (const Param& cp : context->params) {
          if (cp.kind != ParamKind::PositionalOnly && cp.kind != ParamKind::PositionalOrKeyword) {
            if (cp.kind == ParamKind::VarPositional && !match) match = &cp;
            continue;
          }
          if (seen++ == positional) {
            match = &cp;
            break;
          }
        }
      } else {
        for (const Param& cp : context->params)
          if (cp.kind == out.kind || cp.name == out.name) match = &cp;
      }
      if (match && match->type) {
        out.type = match->type;
        out.flags |= ParamTypeInferred;
      }
    }
    if (out.kind == ParamKind::PositionalOnly || out.kind == ParamKind::PositionalOrKeyword)
      ++positional;
    if (p->defaultValue) {
      out.flags |= ParamHasDefault;
      TextRange r = p->defaultValue->range;
      if (r.end <= source.size() && r.end > r.start && r.length() < 80)
        out.defaultText = source.substr(r.start, r.length());
      if (!context) {
        const Type* value = typeOf(mt, p->defaultValue);
        if (!isContainer(value)) {
          out.type = stripLiteral(value, arena_);
          out.flags |= ParamTypeInferred;
        }
      }
    }
    params.push_back(out);
  }
  proto.params = params;
  return arena_.function(proto);
}

// ---- return inference ------------------------------------------------------------------------

bool EvaluatorImpl::settleCutReturnTypes() {
  ThreadState& t = thread();
  if (t.cutReturns.empty()) return false;
  // Only from the top, where the whole depth limit is available again.
  if (!t.stack.empty()) {
    t.cutReturns.clear();
    return false;
  }
  std::vector<ThreadState::CutReturn> pending;
  pending.swap(t.cutReturns);
  // Each function is inferred at most twice from the top: once to find what is cut below it,
  // once more when that is settled. A function whose own body nests too deeply stays cut.
  std::unordered_map<const parser::Node*, int> attempts;
  while (!pending.empty() && !(t.budget && t.budget->exhausted())) {
    ThreadState::CutReturn cut = pending.back();
    if (attempts[cut.function]++ >= 2) {
      pending.pop_back();
      continue;
    }
    t.cutReturns.clear();
    inferReturnType(*cut.module, cut.function);
    if (t.cutReturns.empty()) {
      pending.pop_back();
      continue;
    }
    for (const ThreadState::CutReturn& deeper : t.cutReturns)
      if (attempts[deeper.function] == 0) pending.push_back(deeper);
  }
  t.cutReturns.clear();
  return true;
}

const Type* EvaluatorImpl::inferReturnType(ModuleTypes& mt, const Node* node) {
  return memo(mt, MemoKey{node, 0, MemoKind::ReturnType}, unknown(), [&]() -> const Type* {
    if (auto lambda = node->as<Lambda>()) return typeOf(mt, lambda->body);
    auto def = node->as<FunctionDef>();
    if (!def) return unknown();
    if (mt.module.isStub) return unknown();
    const FunctionType* fn = undecoratedFunction(mt, def);
    if (fn->has(FunctionOverload)) return unknown();
    std::vector<const Return*> returns;
    std::vector<const Expr*> yields;
    collectReturns(def, returns, yields);
    std::vector<const Type*> types;
    for (const Return* r : returns) {
      if (mt.index.isUnreachable(r->range.start)) continue;
      types.push_back(r->value ? typeOf(mt, r->value) : arena_.none());
    }
    bool exits = alwaysExits(*this, mt, def->body);
    if (!exits) types.push_back(arena_.none());
    bool generator = fn->has(FunctionGenerator);
    const Type* returned;
    if (types.empty()) {
      // Never returns: NoReturn, unless it is a placeholder meant to be overridden.
      bool placeholder = fn->has(FunctionAbstract) || raisesNotImplemented(def->body) ||
                         (classOfMethod(def) && isStubBody(def->body));
      returned = placeholder ? unknown() : arena_.noReturn();
    } else {
      returned = arena_.unionOf(types);
    }
    if (generator) {
      std::vector<const Type*> yielded;
      for (const Expr* y : yields) {
        if (auto yi = y->as<Yield>())
          yielded.push_back(yi->value ? typeOf(mt, yi->value) : arena_.none());
        else if (auto yf = y->as<YieldFrom>())
          yielded.push_back(iterate(mt, typeOf(mt, yf->value), yf, false, false));
      }
      const Type* yieldType = yielded.empty() ? arena_.never() : arena_.unionOf(yielded);
      if (def->isAsync) {
        const ClassInfo* agen = knownClass(KnownClass::AsyncGenerator);
        if (!agen) return unknown();
        const Type* args[] = {yieldType, arena_.any()};
        return arena_.instance(agen, args);
      }
      const ClassInfo* gen = knownClass(KnownClass::Generator);
      if (!gen) return unknown();
      if (returned->isNever() && !exits) returned = arena_.none();
      const Type* args[] = {yieldType, arena_.any(),
                            returned->isNever() ? arena_.none() : returned};
      return arena_.instance(gen, args);
    }
    return wrapReturnForAsyncOrGenerator(mt, def, returned, false);
  });
}

} // namespace shrike::checker

namespace shrike::checker {

bool EvaluatorImpl::statementAlwaysExits(ModuleTypes& mt, const parser::Stmt* stmt) {
  return stmtAlwaysExits(*this, mt, stmt);
}

bool EvaluatorImpl::blockAlwaysExits(ModuleTypes& mt, parser::List<parser::Stmt*> body) {
  return alwaysExits(*this, mt, body);
}

} // namespace shrike::checker
