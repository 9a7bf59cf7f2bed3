// Calls: matching arguments to parameters (positional, keyword, *args, **kwargs, defaults,
// positional-only and keyword-only), solving type variables from the arguments and the
// expected type, overload resolution, and the call diagnostics.
//
//     def f(x: int, /, y: str = "", *args: int, z: bool, **kw: float) -> None
//     f(1, "a", 2, 3, z=True, w=1.0)      x<-1  y<-"a"  args<-2,3  z<-True  kw<-w
#include <algorithm>
#include <functional>

#include "checker/infer/EvaluatorImpl.h"

namespace shrike::checker {

using namespace parser;

namespace {

std::string quoteList(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) out += ", ";
    out += "\"" + names[i] + "\"";
  }
  return out;
}

} // namespace

std::vector<Argument> EvaluatorImpl::argumentsOf(const Call* call) {
  std::vector<Argument> args;
  args.reserve(call->args.size() + call->keywords.size());
  for (const Expr* e : call->args) {
    Argument a;
    a.range = e->range;
    if (auto g = e->as<GeneratorExp>();
        g && g->range.end == call->range.end && g->elt && !g->generators.empty()) {
      // A bare generator argument, f(x for x in y), shares the call's parentheses; pyright's
      // node for it spans the element to the last clause, so its errors land on the element.
      a.range = TextRange{g->elt->range.start, g->generators.back()->range.end};
    }
    if (auto s = e->as<Starred>()) {
      a.star = true;
      a.expr = s->value;
    } else {
      a.expr = e;
    }
    args.push_back(a);
  }
  for (const Keyword* k : call->keywords) {
    Argument a;
    a.expr = k->value;
    a.range = k->range;
    if (k->name)
      a.keyword = k->name.name;
    else
      a.doubleStar = true;
    args.push_back(a);
  }
  return args;
}

const Type* EvaluatorImpl::argumentType(ModuleTypes& mt, Argument& arg, const Type* expected) {
  if (arg.type && !arg.expr) return arg.type;
  if (!arg.expr) return unknown();
  return typeOf(mt, arg.expr, expected);
}

const Type* EvaluatorImpl::typeOfCall(ModuleTypes& mt, const Call* call, const Type* expected) {
  const Type* callee = typeOf(mt, call->func, nullptr, EvalCallee);
  if (auto special = specialCall(mt, call, callee, expected)) return *special;
  // `list[T]()` where nothing around the call binds T.
  if (call->func->is<Subscript>() && callee->is<ClassObjectType>() && containsTypeVar(callee)) {
    const Type* scoped = scopeTypeVars(mt, callee->as<ClassObjectType>()->instance, call, nullptr);
    if (const TypeVarType* tv = firstUnscopedTypeVar(scoped))
      report(mt, Rule::InvalidTypeForm, call->func->range,
             "Type variable \"" + std::string(tv->name.text()) +
                 "\" has no meaning in this context");
  }
  std::vector<Argument> args = argumentsOf(call);
  std::string name;
  if (auto n = call->func->as<NameExpr>()) name = std::string(n->id.text());
  if (auto a = call->func->as<Attribute>()) name = std::string(a->attr.name.text());
  CallResult result = callType(mt, callee, args, call, expected, name);
  return result.returnType ? result.returnType : unknown();
}

CallResult EvaluatorImpl::callType(ModuleTypes& mt, const Type* callee, std::vector<Argument>& args,
                                   const Node* errorNode, const Type* expected,
                                   const std::string& calleeName) {
  CallResult result;
  auto evaluateArgs = [&] {
    for (Argument& a : args) argumentType(mt, a, nullptr);
  };
  TextRange range = errorNode ? errorNode->range : TextRange{};
  switch (callee->kind) {
  case TypeKind::Function: {
    const FunctionType* fn = callee->as<FunctionType>();
    CallResult r = callFunction(mt, fn, args, errorNode, expected, true);
    // builtins.__import__ names its module by a run-time string: typeshed's ModuleType would
    // make every member of the module an error, so the call is Any (pyright agrees).
    if (fn->name.text() == "__import__" && fn->module &&
        static_cast<const BoundModule*>(fn->module)->name.text() == "builtins")
      r.returnType = arena_.any();
    return r;
  }
  case TypeKind::Overloaded:
    return callOverloaded(mt, callee->as<OverloadedType>(), args, errorNode, expected);
  case TypeKind::ClassObject: {
    CallResult r = construct(mt, callee->as<ClassObjectType>(), args, errorNode, expected);
    // The arguments of type(name, bases, dict) are checked as a call; the result is a new class.
    if (args.size() >= 2)
      if (auto made = classFromTypeCall(mt, callee->as<ClassObjectType>(), args, errorNode))
        r.returnType = *made;
    return r;
  }
  case TypeKind::Unknown:
  case TypeKind::Any:
    evaluateArgs();
    result.returnType = callee;
    return result;
  case TypeKind::Never:
    evaluateArgs();
    result.returnType = callee;
    result.neverReturns = true;
    return result;
  case TypeKind::Union: {
    std::vector<const Type*> returns;
    bool reportedNone = false;
    for (const Type* m : callee->as<UnionType>()->members) {
      if (m->isNone()) {
        if (!reportedNone)
          report(mt, Rule::NotCallable, range, "Object of type \"None\" cannot be called");
        reportedNone = true;
        continue;
      }
      CallResult r = callType(mt, m, args, errorNode, expected, calleeName);
      if (r.returnType) returns.push_back(r.returnType);
      result.argumentErrors |= r.argumentErrors;
    }
    result.returnType = returns.empty() ? unknown() : arena_.unionOf(returns);
    return result;
  }
  case TypeKind::TypeVar: {
    auto tv = callee->as<TypeVarType>();
    if (tv->flags & TypeVarInstantiable) {
      TypeVarType plain = *tv;
      plain.flags &= static_cast<uint8_t>(~TypeVarInstantiable);
      const Type* instance = arena_.typeVar(plain);
      if (tv->bound) {
        if (auto bi = tv->bound->as<InstanceType>()) {
          const Type* co = arena_.classObject(bi);
          CallResult r = construct(mt, co->as<ClassObjectType>(), args, errorNode, expected);
          r.returnType = instance;
          return r;
        }
      }
      evaluateArgs();
      result.returnType = instance;
      return result;
    }
    const Type* bound = tv->bound ? tv->bound : objectOrUnknown();
    if (const Type* call = dunderMethod(callee, names::dunderCall))
      return callType(mt, call, args, errorNode, expected, calleeName);
    if (bound->isAnyOrUnknown()) {
      evaluateArgs();
      result.returnType = unknown();
      return result;
    }
    break;
  }
  case TypeKind::Instance: {
    auto inst = callee->as<InstanceType>();
    if (const Type* call = dunderMethod(callee, names::dunderCall)) {
      if (call->isAnyOrUnknown()) {
        evaluateArgs();
        result.returnType = unknown();
        return result;
      }
      return callType(mt, call, args, errorNode, expected, calleeName);
    }
    if (hasUnknownBase(inst->cls, *this)) {
      evaluateArgs();
      result.returnType = unknown();
      return result;
    }
    // A `type` instance is some class: calling it makes an object of unknown type.
    if (inst->cls->qualifiedName == "builtins.type") {
      evaluateArgs();
      result.returnType = inst->typeArgs.empty() ? unknown() : inst->typeArgs[0];
      return result;
    }
    break;
  }
  case TypeKind::None:
    evaluateArgs();
    report(mt, Rule::NotCallable, range, "Object of type \"None\" cannot be called");
    result.returnType = unknown();
    return result;
  case TypeKind::SpecialForm:
  case TypeKind::TypeAlias:
    evaluateArgs();
    result.returnType = unknown();
    return result;
  default: break;
  }
  evaluateArgs();
  report(mt, Rule::NotCallable, range, "Object of type \"" + show(callee) + "\" is not callable");
  result.returnType = unknown();
  return result;
}

CallResult EvaluatorImpl::callOverloaded(ModuleTypes& mt, const OverloadedType* fn,
                                         std::vector<Argument>& args, const Node* errorNode,
                                         const Type* expected, const TypeVarSolution* initial) {
  // Arity first (cheap), then types; the first overload that accepts the arguments wins.
  const FunctionType* winner = nullptr;
  const FunctionType* onlyArityMatch = nullptr;
  size_t arityMatches = 0;
  for (const FunctionType* candidate : fn->overloads) {
    Speculative guard(*this);
    std::vector<Argument> trial = args;
    CallResult r = callFunction(mt, candidate, trial, errorNode, expected, false, initial);
    if (!r.argumentErrors) {
      winner = candidate;
      break;
    }
    if (!r.arityErrors) {
      ++arityMatches;
      onlyArityMatch = candidate;
    }
  }
  if (!winner && expected) {
    for (const FunctionType* candidate : fn->overloads) {
      Speculative guard(*this);
      std::vector<Argument> trial = args;
      CallResult r = callFunction(mt, candidate, trial, errorNode, nullptr, false, initial);
      if (!r.argumentErrors) {
        winner = candidate;
        expected = nullptr;
        break;
      }
    }
  }
  // When a single overload takes the arguments' number and names, the call is a call of that
  // overload, as in pyright: its errors are reported at the arguments (not one
  // no-matching-overload at the call) and the call has its return type. No expansion could
  // help, since every other overload fails on arity alone.
  if (!winner && arityMatches == 1) {
    CallResult result =
        callFunction(mt, onlyArityMatch, args, errorNode, expected, errorNode != nullptr, initial);
    result.argumentErrors = true;
    return result;
  }
  // Argument type expansion (pyright's, and the typing spec's step 3): with no overload
  // accepting the arguments as they are, the first expandable argument is split into its
  // members (a union's; bool into its literals; an enum into its members; a fixed tuple into
  // the tuples of its elements' members), then the next one as well, left to right, over
  // every combination so far. When each combination is accepted by some overload, the call's
  // type is the union of their return types.
  if (!winner) {
    std::vector<const Type*> argTypes;
    for (Argument& a : args) {
      Speculative guard(*this);
      // Unpacked arguments are not split: pyright's expansion replaces one argument's type
      // for one parameter, which an unpacked argument spread over several never is.
      argTypes.push_back(a.star || a.doubleStar ? nullptr : argumentType(mt, a, nullptr));
    }
    std::vector<std::vector<const Type*>> combinations(1, std::vector<const Type*>(args.size()));
    size_t nextToExpand = 0;
    while (true) {
      std::vector<const Type*> split;
      while (nextToExpand < args.size() && split.empty()) {
        if (argTypes[nextToExpand]) split = expandArgumentType(argTypes[nextToExpand]);
        if (split.empty()) ++nextToExpand;
      }
      if (split.empty()) break;
      if (combinations.size() * split.size() > kMaxOverloadExpansions) break;
      std::vector<std::vector<const Type*>> expanded;
      for (const auto& c : combinations)
        for (const Type* member : split) {
          expanded.push_back(c);
          expanded.back()[nextToExpand] = member;
        }
      combinations = std::move(expanded);
      ++nextToExpand;
      std::vector<const Type*> returns;
      bool all = true;
      for (const auto& c : combinations) {
        bool matched = false;
        for (const FunctionType* candidate : fn->overloads) {
          Speculative guard(*this);
          std::vector<Argument> trial = args;
          for (size_t i = 0; i < trial.size(); ++i)
            if (c[i]) {
              trial[i].type = c[i];
              trial[i].expr = nullptr;
            }
          CallResult r = callFunction(mt, candidate, trial, errorNode, expected, false, initial);
          if (!r.argumentErrors) {
            returns.push_back(r.returnType ? r.returnType : unknown());
            matched = true;
            break;
          }
        }
        if (!matched) {
          all = false;
          break;
        }
      }
      if (all) {
        for (Argument& a : args) argumentType(mt, a, nullptr);
        CallResult result;
        result.returnType = arena_.unionOf(returns);
        return result;
      }
    }
  }
  if (winner) {
    // A match that depends on a gradual or unpacked argument is only a possible one: the
    // later overloads that match too are weighed (OverloadAmbiguity.cpp).
    const FunctionType* chosen = winner;
    const Type* returnOverride =
        weighOverloadMatches(mt, fn, chosen, args, errorNode, expected, initial);
    CallResult result = callFunction(mt, chosen, args, errorNode, expected, true, initial);
    if (returnOverride) result.returnType = returnOverride;
    return result;
  }
  for (Argument& a : args) argumentType(mt, a, nullptr);
  std::string name =
      fn->overloads.empty() ? std::string() : std::string(fn->overloads[0]->name.text());
  if (errorNode) {
    // Say what the arguments were, the way pyright lists them.
    std::string types;
    for (size_t i = 0; i < args.size(); ++i) {
      Speculative guard(*this);
      if (i) types += ", ";
      types += show(argumentType(mt, args[i], nullptr));
    }
    report(mt, Rule::NoMatchingOverload, errorNode->range,
           "No overloads for \"" + name + "\" match the provided arguments\n  Argument types: (" +
               types + ")");
  }
  CallResult result;
  result.argumentErrors = true;
  // Without a match, the last overload's return type is as good a guess as Unknown.
  result.returnType = unknown();
  return result;
}

CallResult EvaluatorImpl::callFunction(ModuleTypes& mt, const FunctionType* fn,
                                       std::vector<Argument>& args, const Node* errorNode,
                                       const Type* expected, bool reportErrors,
                                       const TypeVarSolution* initial) {
  // `**td` with a TypedDict passes its items as keywords.
  std::vector<Argument> expandedArgs;
  if (expandTypedDictArguments(mt, args, expandedArgs))
    return callFunction(mt, fn, expandedArgs, errorNode, expected, reportErrors, initial);
  CallResult result;
  auto params = fn->params;
  std::string fnName(fn->name.text());
  TextRange callRange = errorNode ? errorNode->range : TextRange{};
  auto error = [&](Rule rule, TextRange range, std::string message) {
    result.argumentErrors = true;
    if (reportErrors) report(mt, rule, range, std::move(message));
  };

  // ---- 1. arguments to parameters
  struct Match {
    size_t arg;
    size_t param;          // index into params; SIZE_MAX for the ParamSpec's extra arguments
    const Type* argType;   // for elements of an unpacked tuple argument
    bool variadic = false; // an unpacked iterable of unknown length, taken by *args
    // The element of `*args: *tuple[...]` this argument fills (null: the parameter's type).
    const Type* element = nullptr;
  };
  std::vector<Match> matches;
  std::vector<bool> assigned(params.size(), false);
  std::vector<size_t> positional;
  size_t varPos = SIZE_MAX, varKw = SIZE_MAX;
  for (size_t i = 0; i < params.size(); ++i) {
    if (params[i].kind == ParamKind::PositionalOnly ||
        params[i].kind == ParamKind::PositionalOrKeyword)
      positional.push_back(i);
    if (params[i].kind == ParamKind::VarPositional) varPos = i;
    if (params[i].kind == ParamKind::VarKeyword) varKw = i;
  }
  bool gradual = fn->has(FunctionGradual);
  bool hasParamSpec = fn->paramSpec != nullptr;
  std::vector<size_t> paramSpecArgs;
  bool unpackedPositional = false, unpackedKeywords = false;
  size_t next = 0;
  // Keyword arguments that will fill positional-or-keyword parameters: positional arguments
  // stop before them (f(1, y=2) with f(x, y)).
  for (size_t a = 0; a < args.size(); ++a) {
    Argument& arg = args[a];
    if (!arg.keyword.id && !arg.doubleStar && !arg.star) {
      if (next < positional.size()) {
        matches.push_back({a, positional[next++], nullptr});
      } else if (varPos != SIZE_MAX) {
        matches.push_back({a, varPos, nullptr});
      } else if (hasParamSpec) {
        paramSpecArgs.push_back(a);
      } else if (!gradual) {
        error(Rule::TooManyPositionalArguments, arg.range,
              "Expected " + std::to_string(positional.size()) + " positional argument" +
                  (positional.size() == 1 ? "" : "s"));
      }
    } else if (arg.star) {
      const Type* t = argumentType(mt, arg, nullptr);
      auto inst = t->as<InstanceType>();
      if (t->is<UnionType>()) inst = joinSameSizedTuples(t);
      bool fixed = inst && inst->hasTupleElements() &&
                   std::none_of(inst->tupleElements.begin(), inst->tupleElements.end(),
                                [](const TupleElement& e) { return e.unbounded; });
      if (fixed) {
        for (const TupleElement& e : inst->tupleElements) {
          if (next < positional.size())
            matches.push_back({a, positional[next++], e.type});
          else if (varPos != SIZE_MAX)
            matches.push_back({a, varPos, e.type});
          else if (hasParamSpec)
            paramSpecArgs.push_back(a);
          else if (!gradual)
            error(Rule::TooManyPositionalArguments, arg.range,
                  "Expected " + std::to_string(positional.size()) + " positional argument" +
                      (positional.size() == 1 ? "" : "s"));
        }
      } else {
        // An iterable of unknown length may fill every remaining positional parameter.
        const Type* element = iterate(mt, t, arg.expr, false, reportErrors);
        while (next < positional.size()) {
          // Parameters after the first remaining one that have defaults stay optional.
          matches.push_back({a, positional[next], element});
          assigned[positional[next]] = true;
          ++next;
          if (next < positional.size() && params[positional[next]].hasDefault()) break;
        }
        if (varPos != SIZE_MAX) matches.push_back({a, varPos, element, true});
        if (hasParamSpec) paramSpecArgs.push_back(a);
        unpackedPositional = true;
      }
    }
  }
  for (size_t a = 0; a < args.size(); ++a) {
    Argument& arg = args[a];
    if (arg.doubleStar) {
      const Type* t = argumentType(mt, arg, nullptr);
      unpackedKeywords = true;
      if (hasParamSpec) paramSpecArgs.push_back(a);
      // The mapping's value type must fit every parameter it may fill.
      const Type* valueType = nullptr;
      if (auto inst = t->as<InstanceType>()) {
        if (const ClassInfo* mapping = knownClass(KnownClass::Mapping))
          if (auto base = findBase(inst, mapping, *this); base && base->typeArgs.size() == 2)
            valueType = base->typeArgs[1];
      }
      if (valueType && varKw != SIZE_MAX) matches.push_back({a, varKw, valueType});
      // Keywords typed by a TypedDict (**kwargs: Unpack[TD]) must take the mapping's values.
      if (valueType)
        for (const Param& p : params)
          if ((p.flags & ParamUnpackedKwargs) && p.type &&
              !isAssignable(p.type, valueType, *this)) {
            error(Rule::InvalidArgumentType, arg.range,
                  "Argument of type \"" + show(valueType) +
                      "\" cannot be assigned to parameter \"" + std::string(p.name.text()) +
                      "\" of type \"" + show(p.type) + "\" in function \"" + fnName + "\"");
            break;
          }
      continue;
    }
    if (!arg.keyword.id) continue;
    size_t found = SIZE_MAX;
    for (size_t i = 0; i < params.size(); ++i) {
      if (params[i].name == arg.keyword && (params[i].kind == ParamKind::PositionalOrKeyword ||
                                            params[i].kind == ParamKind::KeywordOnly)) {
        found = i;
        break;
      }
    }
    if (found != SIZE_MAX) {
      bool already =
          assigned[found] || std::any_of(matches.begin(), matches.end(), [&](const Match& m) {
            return m.param == found && !args[m.arg].star;
          });
      if (already && !unpackedPositional) {
        error(Rule::InvalidArgumentType, arg.range,
              "Multiple values for parameter \"" + std::string(arg.keyword.text()) + "\"");
        continue;
      }
      matches.push_back({a, found, nullptr});
      assigned[found] = true;
    } else if (varKw != SIZE_MAX) {
      matches.push_back({a, varKw, nullptr});
    } else if (hasParamSpec) {
      paramSpecArgs.push_back(a);
    } else if (!gradual) {
      TextRange r = arg.range;
      r.end = std::min(r.end, r.start + static_cast<uint32_t>(arg.keyword.text().size()));
      error(Rule::UnknownArgument, r,
            "No parameter named \"" + std::string(arg.keyword.text()) + "\"");
    }
  }
  // `*args: *tuple[int, *tuple[str, ...]]` (or Unpack[...]): each extra positional argument
  // fills one element, the fixed ones from either end and the unbounded one in between, as
  // pyright matches them; too few or too many are arity errors. An unpacked iterable of
  // unknown length may fill any of the elements from its position on.
  if (auto shape = varPos != SIZE_MAX && params[varPos].type
                       ? params[varPos].type->as<InstanceType>()
                       : nullptr;
      shape && shape->isUnpacked() && shape->hasTupleElements() && !gradual &&
      std::none_of(shape->tupleElements.begin(), shape->tupleElements.end(),
                   [](const TupleElement& e) {
                     auto tv = e.type->as<TypeVarType>();
                     return tv && tv->isTypeVarTuple();
                   })) {
    std::vector<const Type*> prefix, suffix;
    const Type* unbounded = nullptr;
    for (const TupleElement& e : shape->tupleElements) {
      if (e.unbounded)
        unbounded = e.type;
      else
        (unbounded ? suffix : prefix).push_back(e.type);
    }
    std::vector<size_t> taken; // indexes into matches, in argument order
    for (size_t i = 0; i < matches.size(); ++i)
      if (matches[i].param == varPos) taken.push_back(i);
    size_t n = taken.size();
    bool open =
        std::any_of(taken.begin(), taken.end(), [&](size_t i) { return matches[i].variadic; });
    size_t fixed = prefix.size() + suffix.size();
    // The elements each argument fills: one, or for an iterable of unknown length (and what
    // follows it) every element from its position on, each checked on its own.
    std::vector<std::vector<const Type*>> fills(n);
    bool afterOpen = false;
    for (size_t k = 0; k < n; ++k) {
      const Match& m = matches[taken[k]];
      std::vector<const Type*>& f = fills[k];
      afterOpen = afterOpen || m.variadic;
      if (afterOpen) {
        for (size_t j = k; j < prefix.size(); ++j) f.push_back(prefix[j]);
        if (unbounded) f.push_back(unbounded);
        for (const Type* t : suffix) f.push_back(t);
        std::vector<const Type*> unique;
        for (const Type* t : f)
          if (std::find(unique.begin(), unique.end(), t) == unique.end()) unique.push_back(t);
        f = std::move(unique);
      } else if (k < prefix.size()) {
        f.push_back(prefix[k]);
      } else if (!open && n >= fixed && k >= n - suffix.size()) {
        f.push_back(suffix[k - (n - suffix.size())]);
      } else if (!open && n < fixed) {
        f.push_back(suffix[k - prefix.size()]);
      } else if (unbounded) {
        f.push_back(unbounded);
      } else if (!open) {
        error(Rule::TooManyPositionalArguments, args[m.arg].range,
              "Expected " + std::to_string(positional.size() + fixed) + " positional argument" +
                  (positional.size() + fixed == 1 ? "" : "s"));
      }
    }
    std::vector<Match> rebuilt;
    size_t nextTaken = 0;
    for (size_t i = 0; i < matches.size(); ++i) {
      if (nextTaken < n && taken[nextTaken] == i) {
        for (const Type* element : fills[nextTaken]) {
          Match copy = matches[i];
          copy.element = element;
          rebuilt.push_back(copy);
        }
        ++nextTaken;
        continue;
      }
      rebuilt.push_back(matches[i]);
    }
    matches = std::move(rebuilt);
    if (!open && n < fixed) {
      std::vector<std::string> missingElements;
      std::string base(params[varPos].name.text());
      for (size_t k = n; k < fixed; ++k)
        missingElements.push_back(base + "[" + std::to_string(k) + "]");
      error(Rule::MissingArgument, callRange,
            std::string(missingElements.size() == 1 ? "Argument missing for parameter "
                                                    : "Arguments missing for parameters ") +
                quoteList(missingElements));
    }
  }
  result.argParamTypes.assign(args.size(), nullptr);
  for (const Match& m : matches) {
    if (m.param == SIZE_MAX) continue;
    assigned[m.param] = true;
    if (!args[m.arg].star && !args[m.arg].doubleStar)
      result.argParamTypes[m.arg] = m.element              ? m.element
                                    : params[m.param].type ? params[m.param].type
                                                           : unknown();
  }
  std::vector<std::string> missing;
  for (size_t i = 0; i < params.size(); ++i) {
    const Param& p = params[i];
    if (assigned[i] || p.hasDefault() || p.kind == ParamKind::VarPositional ||
        p.kind == ParamKind::VarKeyword)
      continue;
    if (unpackedKeywords && p.kind != ParamKind::PositionalOnly) continue;
    if (unpackedPositional && p.kind != ParamKind::KeywordOnly) continue;
    missing.push_back(p.name ? std::string(p.name.text()) : "");
  }
  if (!missing.empty() && !gradual) {
    error(Rule::MissingArgument, callRange,
          std::string(missing.size() == 1 ? "Argument missing for parameter "
                                          : "Arguments missing for parameters ") +
              quoteList(missing));
  }

  result.arityErrors = result.argumentErrors;

  // ---- 2. types, solving the callee's variables
  TypeVarSolution solution;
  if (initial) solution = *initial;
  if (fn->typeVarScope) solution.addSolvableScope(fn->typeVarScope);
  // An unbound method (through its class, or a static __new__) still says Self: the call
  // decides it, as it decides the class's own parameters (list.append(xs, 1)).
  if (fn->methodClass && !fn->boundTo && containsTypeVar(fn, fn->methodClass))
    solution.addSolvableScope(fn->methodClass);
  std::vector<TypeVarSolution::Entry> initialEntries = solution.save();
  const Type* declaredReturn = returnTypeOf(fn, this, unknown());
  // The expected type of the call's result guides the solution (x: list[float] = f(1)).
  std::vector<TypeVarSolution::Entry> seeded;
  if (expected && solution.hasSolvableScopes() && containsTypeVar(declaredReturn) &&
      !expected->isAnyOrUnknown()) {
    TypeVarSolution trial = solution;
    Assigner assigner(*this, &trial);
    if (assigner.assign(declaredReturn, expected)) {
      trial.upperBoundsToValues();
      seeded = trial.save();
    }
  }
  auto checkArguments = [&](bool withSeed, bool report) -> bool {
    if (withSeed)
      solution.restore(seeded);
    else
      solution.restore(initialEntries);
    bool ok = true;
    std::vector<size_t> deferred;
    auto paramTypeOf = [&](const Match& m) -> const Type* {
      if (m.element) return m.element;
      const Param& p = params[m.param];
      const Type* t = p.type ? p.type : unknown();
      // A TypedDict **kwargs (Unpack[TD]) types each keyword by its item; approximate as Unknown.
      if (p.kind == ParamKind::VarKeyword && t->is<InstanceType>() &&
          classDetails(t->as<InstanceType>()->cls).has(ClassTypedDict))
        return unknown();
      // *args: *Ts: each positional extra argument is matched as a whole below.
      return t;
    };
    // An overloaded function given for a callable with the call's variables (map(intern,
    // names)) is matched after the other arguments, which give those variables their values:
    // its first overload alone would bound them (LiteralString) below what the others pass.
    std::vector<size_t> order(matches.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    for (size_t k = 0; k < order.size(); ++k) {
      size_t i = order[k];
      bool last = k >= matches.size();
      const Match& m = matches[i];
      Argument& arg = args[m.arg];
      if (arg.expr && (arg.expr->is<Lambda>()) && !m.argType) {
        deferred.push_back(i);
        continue;
      }
      const Type* paramType = paramTypeOf(m);
      if (auto tv = paramType->as<TypeVarType>(); tv && tv->isTypeVarTuple()) continue;
      const Type* expectedArg = nullptr;
      if (!containsTypeVar(paramType)) {
        expectedArg = paramType;
      } else {
        // A variable still unsolved, the function's or its class's (set(iterable) solves
        // set's _T), is no expectation: the argument would take it in (list[_T@set | int]).
        // Nor is an upper bound alone (filter(len, ["a"]) is filter[str], not filter[Sized]).
        const Type* partial = applySolution(paramType, solution, *this, LowerBoundsOnly);
        bool unsolved = containsTypeVar(partial, fn->typeVarScope);
        for (const void* scope : solution.solvableScopes())
          unsolved = unsolved || containsTypeVar(partial, scope);
        if (!unsolved) expectedArg = partial;
      }
      const Type* argType = m.argType;
      if (!argType) {
        if (report) {
          argType = argumentType(mt, arg, expectedArg);
        } else {
          Speculative guard(*this);
          argType = argumentType(mt, arg, expectedArg);
        }
      }
      if (!last && argType->is<OverloadedType>() && containsTypeVar(paramType)) {
        order.push_back(i);
        continue;
      }
      uint16_t flags = paramType->is<TypeVarType>() ? AssignStripLiterals : 0;
      Assigner assigner(*this, &solution);
      if (!assigner.assign(paramType, argType, flags)) {
        ok = false;
        if (report) {
          const Param& p = params[m.param];
          // A keyword argument taken by **kwargs is named by its keyword, as pyright does.
          // An element of `*args: *tuple[...]` is unnamed, as in pyright's message.
          parser::Name shown = m.element                                        ? parser::Name{}
                               : p.kind == ParamKind::VarKeyword && arg.keyword ? arg.keyword
                                                                                : p.name;
          std::string paramText =
              shown ? "parameter \"" + std::string(shown.text()) + "\"" : "parameter";
          std::string message = "Argument of type \"" + show(argType) + "\" is not assignable to " +
                                paramText + " of type \"" +
                                show(applySolution(paramType, solution, *this)) + "\"";
          if (!fnName.empty()) message += " in function \"" + fnName + "\"";
          if (!assigner.note().empty()) message += "\n  " + assigner.note();
          error(Rule::InvalidArgumentType, arg.range, std::move(message));
        }
      }
    }
    for (size_t i : deferred) {
      const Match& m = matches[i];
      Argument& arg = args[m.arg];
      const Type* paramType = paramTypeOf(m);
      const Type* expectedArg = applySolution(paramType, solution, *this);
      const Type* argType;
      if (report) {
        argType = argumentType(mt, arg, expectedArg);
      } else {
        Speculative guard(*this);
        argType = argumentType(mt, arg, expectedArg);
      }
      Assigner assigner(*this, &solution);
      if (!assigner.assign(paramType, argType)) {
        ok = false;
        if (report) {
          const Param& p = params[m.param];
          std::string message =
              "Argument of type \"" + show(argType) + "\" is not assignable to parameter \"" +
              std::string(p.name.text()) + "\" of type \"" + show(expectedArg) + "\"";
          if (!fnName.empty()) message += " in function \"" + fnName + "\"";
          error(Rule::InvalidArgumentType, arg.range, std::move(message));
        }
      }
    }
    // *args: *Ts takes the extra positional arguments as a tuple.
    if (varPos != SIZE_MAX) {
      if (auto tv = params[varPos].type ? params[varPos].type->as<TypeVarType>() : nullptr;
          tv && tv->isTypeVarTuple() && solution.isSolvable(tv)) {
        std::vector<TupleElement> elements;
        for (const Match& m : matches) {
          if (m.param != varPos) continue;
          const Type* t = m.argType ? m.argType : argumentType(mt, args[m.arg], nullptr);
          if (args[m.arg].star && !m.argType) {
            elements.push_back({iterate(mt, t, nullptr, false, false), true});
          } else {
            elements.push_back({stripLiteral(t, arena_), false});
          }
        }
        if (!solution.get(tv)) solution.set(tv, tupleOf(elements, true));
      }
    }
    return ok;
  };
  bool ok;
  if (!seeded.empty()) {
    {
      Speculative guard(*this);
      ok = checkArguments(true, false);
    }
    ok = ok ? checkArguments(true, reportErrors) : checkArguments(false, reportErrors);
  } else {
    ok = checkArguments(false, reportErrors);
  }
  if (!ok) result.argumentErrors = true;

  // Extra arguments for a solved ParamSpec are checked against its parameters.
  if (hasParamSpec && !paramSpecArgs.empty()) {
    auto tv = fn->paramSpec->as<TypeVarType>();
    const Type* value = tv ? solution.get(tv) : nullptr;
    if (auto spec = value ? value->as<FunctionType>() : nullptr) {
      FunctionType proto = *spec;
      proto.fnFlags &= ~FunctionParamSpecValue;
      proto.returnType = arena_.none();
      proto.name = fn->name;
      std::vector<Argument> extra;
      for (size_t a : paramSpecArgs) extra.push_back(args[a]);
      CallResult r =
          callFunction(mt, arena_.function(proto), extra, errorNode, nullptr, reportErrors);
      result.argumentErrors |= r.argumentErrors;
    } else {
      for (size_t a : paramSpecArgs) argumentType(mt, args[a], nullptr);
    }
  }

  // ---- 3. the result
  const Type* ret = declaredReturn;
  if (solution.hasSolvableScopes()) {
    ret = applySolution(ret, solution, *this, UnsolvedToDefault);
  }
  result.returnType = ret;
  result.solution = solution;
  result.matched = fn;
  if (ret->isNever() && fn->returnType) result.neverReturns = true;
  return result;
}

std::optional<const Type*> EvaluatorImpl::callMethod(ModuleTypes& mt, const Type* object, Name name,
                                                     std::vector<const Type*> argTypes,
                                                     const Node* node) {
  const Type* method = dunderMethod(object, name);
  if (!method) return std::nullopt;
  if (method->isAnyOrUnknown()) return method;
  std::vector<Argument> args;
  for (const Type* t : argTypes) {
    Argument a;
    a.type = t;
    if (node) a.range = node->range;
    args.push_back(a);
  }
  Speculative guard(*this);
  CallResult r;
  if (auto fn = method->as<FunctionType>())
    r = callFunction(mt, fn, args, node, nullptr, false);
  else if (auto o = method->as<OverloadedType>())
    r = callOverloaded(mt, o, args, nullptr, nullptr);
  else
    r = callType(mt, method, args, nullptr, nullptr, "");
  if (r.argumentErrors) return std::nullopt;
  return r.returnType ? r.returnType : unknown();
}

} // namespace shrike::checker
