// OverloadAmbiguity: steps 4 and 5 of the typing spec's overload evaluation, as pyright does
// them. The first overload that accepts the arguments is only a possible match when it relies
// on a gradual argument (Any or Unknown, at the top or inside an invariant type argument such
// as list[Any]) or on an unpacked argument of unknown length; the later overloads that accept
// them too are weighed:
//
//   - step 4: with `*args_of_unknown_length`, overloads that take it with a `*args`
//     parameter win over those that do not (variadic(*v) picks `(x, y, /, *args)`);
//   - the same return type everywhere: the first;
//   - step 5: an overload that accepts every materialization of the gradual arguments ends
//     the list (tested by reading their Anys as `object`), when one is list[Any]-like;
//   - otherwise the return types are deduplicated (one subsuming another), and more than
//     one left is Unknown (Any when an Any return or a nested Any argument is involved).
#include <algorithm>
#include <functional>

#include "checker/infer/EvaluatorImpl.h"

namespace shrike::checker {

namespace {

enum class Gradual : uint8_t { None, Any, Unknown };

Gradual join(Gradual a, Gradual b) {
  if (a == Gradual::Unknown || b == Gradual::Unknown) return Gradual::Unknown;
  if (a == Gradual::Any || b == Gradual::Any) return Gradual::Any;
  return Gradual::None;
}

Gradual gradualOf(const Type* t) {
  if (t->isAnyOrUnknown()) return t->kind == TypeKind::Any ? Gradual::Any : Gradual::Unknown;
  return Gradual::None;
}

// Any or Unknown anywhere inside a type's arguments or elements.
Gradual containedGradual(const Type* t, int depth = 0) {
  if (depth > 8) return Gradual::None;
  Gradual g = gradualOf(t);
  if (g != Gradual::None) return g;
  for (const Type* m : unionMembersOrSelf(t)) {
    if (m != t) g = join(g, containedGradual(m, depth + 1));
    if (auto inst = m->as<InstanceType>()) {
      for (const Type* a : inst->typeArgs) g = join(g, containedGradual(a, depth + 1));
      if (inst->hasTupleElements())
        for (const TupleElement& e : inst->tupleElements)
          g = join(g, containedGradual(e.type, depth + 1));
    }
  }
  return g;
}

} // namespace

const Type* EvaluatorImpl::weighOverloadMatches(ModuleTypes& mt, const OverloadedType* fn,
                                                const FunctionType*& chosen,
                                                std::vector<Argument>& args,
                                                const parser::Node* errorNode, const Type* expected,
                                                const TypeVarSolution* initial) {
  // Any or Unknown in an invariant type argument (list[Any]), where assignability hides it.
  std::function<Gradual(const Type*, int)> invariantGradual = [&](const Type* t, int depth) {
    Gradual g = Gradual::None;
    if (depth > 8) return g;
    for (const Type* m : unionMembersOrSelf(t)) {
      auto inst = m->as<InstanceType>();
      if (!inst) continue;
      if (inst->hasTupleElements()) {
        for (const TupleElement& e : inst->tupleElements)
          g = join(g, invariantGradual(e.type, depth + 1));
        continue;
      }
      std::span<const TypeVarType* const> params = classDetails(inst->cls).typeParams;
      for (size_t i = 0; i < inst->typeArgs.size(); ++i) {
        bool invariant = i >= params.size() || params[i]->variance == Variance::Invariant;
        g = join(g, invariant ? containedGradual(inst->typeArgs[i])
                              : invariantGradual(inst->typeArgs[i], depth + 1));
      }
    }
    return g;
  };
  // The type with its nested Any/Unknown read as object: a parameter that accepts it accepts
  // every materialization of the argument (list[Any] against list[Any] or object, not
  // against list[int]).
  std::function<const Type*(const Type*, int)> materialize = [&](const Type* t,
                                                                 int depth) -> const Type* {
    if (depth > 0 && t->isAnyOrUnknown()) return objectOrUnknown();
    if (depth > 8) return t;
    if (auto u = t->as<UnionType>()) {
      std::vector<const Type*> members;
      for (const Type* m : u->members) members.push_back(materialize(m, depth));
      return arena_.unionOf(members);
    }
    auto inst = t->as<InstanceType>();
    if (!inst || inst->isLiteral()) return t;
    if (inst->hasTupleElements()) {
      std::vector<TupleElement> elements(inst->tupleElements.begin(), inst->tupleElements.end());
      for (TupleElement& e : elements) e.type = materialize(e.type, depth + 1);
      return tupleOf(elements);
    }
    if (inst->typeArgs.empty()) return t;
    std::vector<const Type*> typeArgs;
    for (const Type* a : inst->typeArgs) typeArgs.push_back(materialize(a, depth + 1));
    return arena_.instance(inst->cls, typeArgs);
  };

  Gradual topLevel = Gradual::None, nested = Gradual::None;
  bool unknownLengthStar = false, gradualStar = false;
  std::vector<const Type*> argTypes;
  for (Argument& a : args) {
    Speculative guard(*this);
    const Type* t = a.type ? a.type : argumentType(mt, a, nullptr);
    argTypes.push_back(t);
    if (a.doubleStar) continue;
    if (a.star) {
      auto inst = t->is<UnionType>() ? joinSameSizedTuples(t) : t->as<InstanceType>();
      bool fixed = inst && inst->hasTupleElements() &&
                   std::none_of(inst->tupleElements.begin(), inst->tupleElements.end(),
                                [](const TupleElement& e) { return e.unbounded; });
      unknownLengthStar |= !fixed;
      // Its elements stand for arguments: gradual ones make the match only possible.
      if (!fixed) {
        const Type* element = t->isAnyOrUnknown() ? t : iterate(mt, t, nullptr, false, false);
        gradualStar |= element && element->isAnyOrUnknown();
      }
      continue;
    }
    topLevel = join(topLevel, gradualOf(t));
    if (!t->isAnyOrUnknown()) nested = join(nested, invariantGradual(t, 0));
  }
  if (topLevel == Gradual::None && nested == Gradual::None && !unknownLengthStar) return nullptr;
  if (gradualStar) topLevel = join(topLevel, Gradual::Unknown);

  struct Match {
    const FunctionType* fn;
    const Type* returnType;
    std::vector<const Type*> paramTypes; // per argument (CallResult::argParamTypes)
  };
  std::vector<Match> matches;
  bool after = false;
  for (const FunctionType* candidate : fn->overloads) {
    if (candidate == chosen) after = true;
    if (!after) continue;
    Speculative guard(*this);
    std::vector<Argument> trial = args;
    CallResult r = callFunction(mt, candidate, trial, errorNode, expected, false, initial);
    if (!r.argumentErrors)
      matches.push_back(
          {candidate, r.returnType ? r.returnType : unknown(), std::move(r.argParamTypes)});
  }
  if (matches.size() < 2) return nullptr;

  // Step 4: an unpacked argument of unknown length belongs to a *args parameter.
  if (unknownLengthStar) {
    std::vector<Match> variadic;
    for (const Match& m : matches)
      if (std::any_of(m.fn->params.begin(), m.fn->params.end(),
                      [](const Param& p) { return p.kind == ParamKind::VarPositional; }))
        variadic.push_back(m);
    if (!variadic.empty() && variadic.size() < matches.size()) matches = std::move(variadic);
  }
  auto sameType = [](const Type* a, const Type* b) {
    return a == b || isSameType(a, b) || (a && b && a->isAnyOrUnknown() && b->isAnyOrUnknown());
  };
  auto sameReturns = [&]() {
    return std::all_of(matches.begin(), matches.end(), [&](const Match& m) {
      return sameType(m.returnType, matches[0].returnType);
    });
  };
  // Whether the matches take argument i with different parameter types.
  auto paramsDiffer = [&](size_t i) {
    for (const Match& m : matches) {
      const Type* a = i < m.paramTypes.size() ? m.paramTypes[i] : nullptr;
      const Type* b = i < matches[0].paramTypes.size() ? matches[0].paramTypes[i] : nullptr;
      if (!sameType(a, b)) return true;
    }
    return false;
  };
  auto pickFirst = [&]() {
    chosen = matches[0].fn;
    return nullptr;
  };
  if (matches.size() == 1 || sameReturns()) return pickFirst();
  // Step 5: the first overload that takes every materialization of the gradual arguments
  // ends the list (when one of them is list[Any]-like).
  if (nested != Gradual::None) {
    std::vector<Argument> materialized = args;
    for (size_t i = 0; i < args.size(); ++i) {
      if (args[i].star || args[i].doubleStar) continue;
      // A top-level Any is read as object too: a parameter must take anything for it.
      if (argTypes[i]->isAnyOrUnknown())
        materialized[i].type = objectOrUnknown();
      else if (invariantGradual(argTypes[i], 0) != Gradual::None)
        materialized[i].type = materialize(argTypes[i], 0);
      else
        continue;
      materialized[i].expr = nullptr;
    }
    for (size_t i = 0; i < matches.size(); ++i) {
      Speculative guard(*this);
      std::vector<Argument> trial = materialized;
      CallResult r = callFunction(mt, matches[i].fn, trial, errorNode, expected, false, initial);
      if (!r.argumentErrors) {
        matches.resize(i + 1);
        break;
      }
    }
    if (matches.size() == 1 || sameReturns()) return pickFirst();
  }
  // Ambiguous only where a gradual argument meets different parameter types.
  Gradual ambiguousNested = Gradual::None;
  bool ambiguousTopLevel = gradualStar;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i].star || args[i].doubleStar || !paramsDiffer(i)) continue;
    if (argTypes[i]->isAnyOrUnknown())
      ambiguousTopLevel = true;
    else
      ambiguousNested = join(ambiguousNested, invariantGradual(argTypes[i], 0));
  }
  if (!ambiguousTopLevel && ambiguousNested == Gradual::None) return pickFirst();
  if (ambiguousNested == Gradual::Unknown) return unknown();
  if (ambiguousNested == Gradual::Any && !ambiguousTopLevel) return arena_.any();
  // Ambiguous: one return type that the others are assignable to stands for them all (unless
  // it has an Any or Unknown member, which takes anything).
  auto gradualMember = [](const Type* t) {
    for (const Type* m : unionMembersOrSelf(t))
      if (m->isAnyOrUnknown()) return gradualOf(m);
    return Gradual::None;
  };
  std::vector<const Type*> deduped;
  bool includesAny = false;
  for (const Match& m : matches) {
    bool subsumed = false;
    for (const Type*& d : deduped) {
      if (isAssignable(d, m.returnType, *this)) {
        Gradual g = gradualMember(d);
        if (g == Gradual::None)
          subsumed = true;
        else if (g == Gradual::Any)
          includesAny = true;
        break;
      }
      if (isAssignable(m.returnType, d, *this)) {
        Gradual g = gradualMember(m.returnType);
        if (g == Gradual::None)
          d = nullptr;
        else if (g == Gradual::Any)
          includesAny = true;
        break;
      }
    }
    deduped.erase(std::remove(deduped.begin(), deduped.end(), nullptr), deduped.end());
    if (!subsumed) deduped.push_back(m.returnType);
  }
  if (deduped.size() == 1) return deduped[0];
  return includesAny ? arena_.any() : unknown();
}

} // namespace shrike::checker
