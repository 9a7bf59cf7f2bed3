// Constructors: calling a class — the metaclass __call__, __new__ and __init__ in Python's
// order, solving the class's type parameters from the arguments, synthesized __init__ for
// dataclasses and NamedTuples, and abstract-class instantiation.
//
//     list([1, 2])       __init__(self, iterable: Iterable[_T]) solves _T@list := int
//     Color(1)           EnumMeta.__call__ -> Color
#include <algorithm>
#include <utility>

#include "checker/infer/EvaluatorImpl.h"

namespace shrike::checker {

using namespace parser;

// A named tuple's `__new__(cls, fields...)`, returning the class's own instance type.
static const FunctionType* synthesizedNew(EvaluatorImpl& e, const ClassInfo* cls,
                                          std::vector<Param> params) {
  FunctionType proto;
  proto.name = names::dunderNew;
  proto.params = std::move(params);
  proto.returnType = e.selfInstance(cls);
  proto.fnFlags = FunctionSynthesized;
  return e.arena().function(proto);
}

static const FunctionType* synthesizedNamedTupleNew(EvaluatorImpl& e, const ClassInfo* cls) {
  std::vector<Param> params;
  if (!cls->decl) {
    const ClassDetails& details = e.classDetails(cls);
    if (details.has(ClassUnknownBase)) {
      // Fields not written literally (namedtuple("P", fields)): any arguments.
      params.resize(2);
      params[0].name = parser::intern("args");
      params[0].kind = ParamKind::VarPositional;
      params[1].name = parser::intern("kwargs");
      params[1].kind = ParamKind::VarKeyword;
      for (Param& p : params) {
        p.type = e.arena().unknown();
        p.flags = ParamHasDeclaredType;
      }
      return synthesizedNew(e, cls, std::move(params));
    }
    params.assign(details.synthesizedFields.begin(), details.synthesizedFields.end());
    return synthesizedNew(e, cls, std::move(params));
  }
  // A subclass of a named tuple class (`class M(namedtuple("M", "a b")):`) takes its fields
  // from that class; only a class whose own base is NamedTuple declares them in its body.
  const ClassDetails& details = e.classDetails(cls);
  for (size_t i = 1; i < details.mro.size(); ++i) {
    auto base = details.mro[i]->as<InstanceType>();
    if (!base) break;
    std::string_view qn = base->cls->qualifiedName;
    if (qn == "typing.NamedTuple" || qn == "typing_extensions.NamedTuple") break;
    if (!e.classDetails(base->cls).has(ClassNamedTuple)) continue;
    const FunctionType* inherited = synthesizedNamedTupleNew(e, base->cls);
    if (!inherited) return nullptr;
    // A generic named tuple's fields are seen through this class's type arguments for it
    // (class ParseResult(_ParseResultBase[str, str]) takes str fields).
    if (!base->typeArgs.empty())
      if (auto specialized = e.specializeMember(inherited, base)->as<FunctionType>())
        inherited = specialized;
    FunctionType proto = *inherited;
    proto.returnType = e.selfInstance(cls);
    return e.arena().function(proto);
  }
  const BoundModule* module = e.moduleOfClass(cls);
  auto def = static_cast<const ClassDef*>(cls->decl);
  if (!module || !def) return nullptr;
  ModuleTypes& mt = e.typesOf(*module);
  for (const Stmt* stmt : def->body) {
    auto ann = stmt->as<AnnAssign>();
    if (!ann || !ann->target->is<NameExpr>()) continue;
    Param p;
    p.name = ann->target->as<NameExpr>()->id;
    p.type = e.typeOfAnnotation(mt, ann->annotation);
    p.flags = ParamHasDeclaredType | (ann->value ? ParamHasDefault : 0);
    if (ann->value) p.defaultText = "...";
    params.push_back(p);
  }
  return synthesizedNew(e, cls, std::move(params));
}

const Type* EvaluatorImpl::namedTupleNewMember(const ClassInfo* cls) {
  const FunctionType* bound = synthesizedNamedTupleNew(*this, cls);
  if (!bound) return nullptr;
  // As the class declares it: `__new__(cls: type[Self], fields...) -> Self`.
  const TypeVarType* self = selfTypeVar(cls);
  std::vector<Param> params(1);
  params[0].name = parser::intern("cls");
  TypeVarType instantiable = *self; // type[Self], as an unannotated `cls` of __new__ is
  instantiable.flags |= TypeVarInstantiable;
  params[0].type = arena_.typeVar(instantiable);
  params[0].flags = ParamHasDeclaredType;
  params.insert(params.end(), bound->params.begin(), bound->params.end());
  FunctionType proto = *bound;
  proto.params = params;
  proto.returnType = self;
  proto.methodClass = cls; // a call decides Self, as for any unbound __new__
  return arena_.function(proto);
}

CallResult EvaluatorImpl::construct(ModuleTypes& mt, const ClassObjectType* classObject,
                                    std::vector<Argument>& args, const Node* errorNode,
                                    const Type* expected) {
  CallResult result;
  const Type* inner = classObject->instance;
  auto evaluateArgs = [&] {
    for (Argument& a : args) argumentType(mt, a, nullptr);
  };
  if (inner->isNone()) {
    evaluateArgs();
    result.returnType = arena_.none();
    return result;
  }
  auto inst = inner->as<InstanceType>();
  if (!inst) {
    evaluateArgs();
    result.returnType = inner->isAnyOrUnknown() ? inner : unknown();
    return result;
  }
  const ClassInfo* cls = inst->cls;
  std::string_view qn = cls->qualifiedName;
  // type(x) is x's class.
  if (qn == "builtins.type" && args.size() == 1 && !args[0].keyword.id && !args[0].star) {
    const Type* t = argumentType(mt, args[0], nullptr);
    std::vector<const Type*> classes;
    for (const Type* m : unionMembersOrSelf(t)) {
      if (auto i = m->as<InstanceType>()) {
        // type() of a literal is its class, of a tuple `tuple[...]` itself.
        classes.push_back(arena_.classObject(arena_.withoutLiteral(i)));
      } else if (m->isNone()) {
        classes.push_back(arena_.classObject(arena_.none()));
      } else if (auto tv = m->as<TypeVarType>()) {
        TypeVarType proto = *tv;
        proto.flags |= TypeVarInstantiable;
        classes.push_back(arena_.typeVar(proto));
      } else if (auto co = m->as<ClassObjectType>()) {
        if (auto ci = co->instance->as<InstanceType>())
          classes.push_back(metaclassOf(ci->cls));
        else
          classes.push_back(unknown());
      } else {
        classes.push_back(unknown());
      }
    }
    result.returnType = arena_.unionOf(classes);
    return result;
  }
  const ClassDetails& details = classDetails(cls);
  if (auto td = asTypedDict(inst)) return constructTypedDict(mt, td, args, errorNode, expected);

  // Abstract classes and protocols cannot be instantiated (only when the class itself is named).
  if (errorNode) {
    std::vector<Name> abstractMembers;
    bool protocol = details.has(ClassProtocol) && !details.has(ClassBuiltin);
    if (protocol || (details.has(ClassBuiltin) ? false : isAbstractClass(cls, &abstractMembers))) {
      bool namedDirectly = false;
      if (auto call = errorNode->as<Call>()) {
        const Expr* f = call->func;
        if (f->is<NameExpr>() || f->is<Attribute>()) {
          if (auto ref = mt.index.referenceOf(f);
              ref && ref->symbol != bind::noId && f->is<NameExpr>()) {
            const bind::Symbol& sym = mt.index.symbol(ref->symbol);
            if (sym.lastDecl != bind::noId) {
              const bind::Declaration& last = mt.index.declaration(sym.lastDecl);
              namedDirectly = last.kind == bind::DeclarationKind::Class ||
                              last.kind == bind::DeclarationKind::ImportFrom;
            }
          } else if (f->is<Attribute>() || f->is<NameExpr>()) {
            namedDirectly = true;
          }
        }
      }
      if (namedDirectly && protocol) {
        report(mt, Rule::AbstractInstantiation, errorNode->range,
               "Protocol class \"" + std::string(cls->name.text()) + "\" cannot be instantiated");
      } else if (namedDirectly) {
        std::string message =
            "Cannot instantiate abstract class \"" + std::string(cls->name.text()) + "\"";
        size_t shown = 0;
        for (Name n : abstractMembers) {
          if (shown++ == 2) break;
          message += "\n  \"" + std::string(cls->name.text()) + "." + std::string(n.text()) +
                     "\" is not implemented";
        }
        report(mt, Rule::AbstractInstantiation, errorNode->range, message);
      }
    }
  }

  // The instance being made: the class specialized, or with its parameters to be solved.
  bool solveClass =
      inst->typeArgs.empty() && !details.typeParams.empty() && !inst->hasTupleElements();
  const InstanceType* self = solveClass ? selfInstance(cls) : inst;
  TypeVarSolution initial;
  if (solveClass) {
    initial.addSolvableScope(cls);
    // The expected type may fix the parameters: x: list[float] = list().
    if (expected) {
      for (const Type* m : unionMembersOrSelf(expected)) {
        TypeVarSolution trial = initial;
        Assigner assigner(*this, &trial);
        if (assigner.assign(m, self) && !trial.empty()) {
          trial.upperBoundsToValues();
          initial = trial;
          break;
        }
      }
    }
  }
  auto finish = [&](const TypeVarSolution& solution,
                    const FunctionType* matched = nullptr) -> const Type* {
    if (!solveClass) return inst;
    TypeVarSolution s = solution;
    s.addSolvableScope(cls);
    // An overload for a particular self (`self: dict[str, _VT]`) fixes those arguments.
    const Type* shape = self;
    if (matched && matched->boundTo)
      if (auto bi = matched->boundTo->as<InstanceType>(); bi && bi->cls == cls) shape = bi;
    return applySolution(shape, s, *this, UnsolvedToDefault);
  };

  // 1. A metaclass __call__ other than type's.
  if (const Type* meta = details.metaclass) {
    if (auto mi = meta->as<InstanceType>(); mi && mi->cls->qualifiedName != "builtins.type") {
      MemberLookup call = lookupClassMember(mi->cls, mi, names::dunderCall, true);
      if (call.found() && call.owner && call.owner->cls->qualifiedName != "builtins.type" &&
          !call.type->isAnyOrUnknown()) {
        const Type* bound =
            bindFunction(specializeMember(call.type, call.owner), classObject, false, call.owner);
        CallResult r;
        if (auto fn = bound->as<FunctionType>())
          r = callFunction(mt, fn, args, errorNode, expected, true, &initial);
        else if (auto o = bound->as<OverloadedType>())
          r = callOverloaded(mt, o, args, errorNode, expected, &initial);
        if (r.returnType && !r.returnType->isAnyOrUnknown() && !containsTypeVar(r.returnType)) {
          // A metaclass __call__ that returns something else replaces construction.
          bool isInstance = false;
          if (auto ri = r.returnType->as<InstanceType>())
            isInstance = derivesFrom(ri->cls, cls, *this);
          if (!isInstance || isEnumClass(cls)) return r;
        }
        if (isEnumClass(cls)) {
          r.returnType = inst;
          return r;
        }
      }
    }
  }

  // 2. __new__ (not object's).
  bool ranNew = false;
  const Type* newResult = nullptr;
  const FunctionType* syntheticNew =
      details.has(ClassNamedTuple) ? synthesizedNamedTupleNew(*this, cls) : nullptr;
  MemberLookup newMember = lookupClassMember(cls, self, names::dunderNew, true, true);
  // A namedtuple() class's own __new__ (namedTupleNewMember) is the synthesized one too.
  bool newIsTupleOrObject =
      newMember.found() && newMember.owner &&
      (newMember.owner->cls->qualifiedName == "builtins.tuple" ||
       newMember.owner->cls->qualifiedName == "typing.NamedTuple" || !newMember.owner->cls->decl);
  if (syntheticNew && (!newMember.found() || newIsTupleOrObject)) {
    CallResult r = callFunction(mt, syntheticNew, args, errorNode, expected, true, &initial);
    r.returnType = finish(r.solution);
    return r;
  }
  if (newMember.found() && !newMember.type->isAnyOrUnknown()) {
    const Type* newType = specializeMember(newMember.type, newMember.owner);
    // __new__ is a static method taking the class first.
    const Type* bound = newType;
    if (auto fn = newType->as<FunctionType>())
      bound = bindFirstParam(fn, arena_.classObject(self));
    else if (auto o = newType->as<OverloadedType>()) {
      std::vector<const FunctionType*> overloads;
      for (const FunctionType* f : o->overloads)
        overloads.push_back(bindFirstParam(f, arena_.classObject(self)));
      bound = arena_.overloaded(overloads, nullptr);
    }
    CallResult r;
    if (auto fn = bound->as<FunctionType>())
      r = callFunction(mt, fn, args, errorNode, expected, true, &initial);
    else if (auto o = bound->as<OverloadedType>())
      r = callOverloaded(mt, o, args, errorNode, expected, &initial);
    else
      r = callType(mt, bound, args, errorNode, expected, "__new__");
    ranNew = true;
    newResult = r.returnType;
    if (r.argumentErrors) {
      r.returnType = finish(r.solution);
      return r;
    }
    // A __new__ returning another type skips __init__. Explicit Any is not the class's
    // instance either (the call is Any); Unknown is taken as the instance.
    if (newResult && newResult->kind == TypeKind::Any) return r;
    if (newResult && !newResult->isAnyOrUnknown()) {
      auto ri = newResult->as<InstanceType>();
      bool isSelfType = (ri && derivesFrom(ri->cls, cls, *this)) || newResult->is<TypeVarType>();
      if (!isSelfType) return r;
      if (ri && solveClass && !ri->typeArgs.empty() && ri->cls == cls) {
        TypeVarSolution s;
        s.addSolvableScope(cls);
        Assigner(*this, &s).assign(self, ri);
        // What __new__ left unsolved (`-> Self` of dict's `__new__(cls, *args: Any)`) came
        // back Unknown: __init__ still decides those parameters.
        std::vector<TypeVarSolution::Entry> fixed;
        for (const TypeVarSolution::Entry& e : s.entries())
          if (e.type->kind != TypeKind::Unknown) fixed.push_back(e);
        s.restore(std::move(fixed));
        initial = s;
      } else if (solveClass) {
        for (const auto& e : r.solution.entries()) {
          TypeVarType key;
          key.name = e.name;
          key.scope = e.scope;
          if (e.scope == cls) initial.set(arena_.typeVar(key), e.type);
        }
      }
    }
  }

  // 3. __init__ (not object's; a dataclass's synthesized one is found like a written one).
  // typing.NamedTuple's __init__ (typename, fields) describes the functional form, not a
  // named tuple's instances: a subclass with its own __new__ has no __init__ to call.
  MemberLookup initMember = lookupClassMember(cls, self, names::dunderInit, true, true);
  const Type* initType = nullptr;
  if (initMember.found() && initMember.owner &&
      initMember.owner->cls->qualifiedName == "typing.NamedTuple")
    initMember = MemberLookup{};
  if (initMember.found()) initType = specializeMember(initMember.type, initMember.owner);
  if (initType && !initType->isAnyOrUnknown()) {
    const Type* bound = bindFunction(initType, self, false, initMember.owner);
    CallResult r;
    if (auto fn = bound->as<FunctionType>()) {
      r = callFunction(mt, fn, args, errorNode, nullptr, true, &initial);
    } else if (auto o = bound->as<OverloadedType>()) {
      r = callOverloaded(mt, o, args, errorNode, nullptr, &initial);
    } else {
      r = callType(mt, bound, args, errorNode, nullptr, "__init__");
    }
    r.returnType = finish(r.solution, r.matched);
    return r;
  }
  if (ranNew) {
    result.returnType =
        newResult && !newResult->isAnyOrUnknown() && !solveClass ? newResult : finish(initial);
    return result;
  }
  // object() takes no arguments.
  if (hasUnknownBase(cls, *this)) {
    evaluateArgs();
    result.returnType = inst;
    return result;
  }
  if (!args.empty()) {
    evaluateArgs();
    // `*args` of unknown length and `**kwargs` may be empty (as for a def taking nothing):
    // the first argument that surely passes something is the error.
    for (Argument& arg : args) {
      if (arg.doubleStar) continue;
      if (arg.star) {
        auto t = argumentType(mt, arg, nullptr)->as<InstanceType>();
        bool fixed = t && t->hasTupleElements() &&
                     std::none_of(t->tupleElements.begin(), t->tupleElements.end(),
                                  [](const TupleElement& e) { return e.unbounded; });
        if (!fixed || t->tupleElements.empty()) continue;
      }
      if (arg.keyword.id)
        report(mt, Rule::UnknownArgument, arg.range,
               "No parameter named \"" + std::string(arg.keyword.text()) + "\"");
      else
        report(mt, Rule::TooManyPositionalArguments, arg.range, "Expected 0 positional arguments");
      result.argumentErrors = true;
      break;
    }
  }
  result.returnType = finish(initial);
  return result;
}

const Type* EvaluatorImpl::constructorSignature(const ClassObjectType* classObject) {
  auto inst = classObject->instance->as<InstanceType>();
  if (!inst) return unknown();
  const ClassInfo* cls = inst->cls;
  const ClassDetails& details = classDetails(cls);
  bool solveClass = inst->typeArgs.empty() && !details.typeParams.empty();
  const InstanceType* self = solveClass ? selfInstance(cls) : inst;
  MemberLookup init = lookupClassMember(cls, self, names::dunderInit, true, true);
  const Type* initType = init.found() ? specializeMember(init.type, init.owner) : nullptr;
  if (!initType) {
    MemberLookup newMember = lookupClassMember(cls, self, names::dunderNew, true, true);
    if (newMember.found()) {
      const Type* newType = specializeMember(newMember.type, newMember.owner);
      // As for __init__ below: the class's parameters are the signature's own to solve
      // (map(tuple, rows) passes tuple as (iterable: Iterable[Unknown]) -> tuple[Unknown, ...]).
      auto bindNew = [&](const FunctionType* f) {
        const FunctionType* bound = bindFirstParam(f, arena_.classObject(self));
        if (!solveClass) return bound;
        FunctionType proto = *bound;
        proto.typeVarScope = cls;
        return arena_.function(proto);
      };
      if (auto fn = newType->as<FunctionType>()) return bindNew(fn);
      if (auto o = newType->as<OverloadedType>()) {
        std::vector<const FunctionType*> overloads;
        for (const FunctionType* f : o->overloads) overloads.push_back(bindNew(f));
        return arena_.overloaded(overloads, nullptr);
      }
    }
    FunctionType proto;
    proto.returnType = self;
    proto.fnFlags = FunctionSynthesized;
    return arena_.function(proto);
  }
  auto withReturn = [&](const FunctionType* f) {
    FunctionType proto = *bindFirstParam(f, self);
    proto.returnType = self;
    if (solveClass) proto.typeVarScope = cls;
    return arena_.function(proto);
  };
  if (auto fn = initType->as<FunctionType>()) return withReturn(fn);
  if (auto o = initType->as<OverloadedType>()) {
    std::vector<const FunctionType*> overloads;
    for (const FunctionType* f : o->overloads) overloads.push_back(withReturn(f));
    return arena_.overloaded(overloads, nullptr);
  }
  return unknown();
}

} // namespace shrike::checker
