// SubtypeTypeTests: assignability and TypeVar solving on a hand-built hierarchy.
#include "checker/types/Subtype.h"

#include <gtest/gtest.h>

#include "TypeTestWorld.h"
#include "checker/types/Display.h"

using namespace shrike::checker;
using shrike::checker::testing::TypeTestWorld;

TEST(Subtype, NominalClassesAndPromotions) {
  TypeTestWorld w;
  const Type* i = w.inst(w.intClass);
  const Type* b = w.inst(w.boolClass);
  const Type* f = w.inst(w.floatClass);
  const Type* s = w.inst(w.str);
  EXPECT_TRUE(isAssignable(i, b, w));
  EXPECT_FALSE(isAssignable(b, i, w));
  EXPECT_TRUE(isAssignable(f, i, w));
  EXPECT_FALSE(isAssignable(i, f, w));
  EXPECT_FALSE(isAssignable(i, s, w));
  EXPECT_TRUE(isAssignable(w.inst(w.object), s, w));
  EXPECT_TRUE(isAssignable(w.inst(w.object), w.arena().none(), w));
}

TEST(Subtype, GradualTypesGoBothWays) {
  TypeTestWorld w;
  const Type* i = w.inst(w.intClass);
  EXPECT_TRUE(isAssignable(i, w.arena().any(), w));
  EXPECT_TRUE(isAssignable(w.arena().unknown(), i, w));
  EXPECT_TRUE(isAssignable(w.inst(w.list, {i}), w.inst(w.list, {w.arena().unknown()}), w));
}

TEST(Subtype, LiteralsAndUnions) {
  TypeTestWorld w;
  TypeArena& a = w.arena();
  const Type* i = w.inst(w.intClass);
  const Type* s = w.inst(w.str);
  EXPECT_TRUE(isAssignable(i, w.lit(1), w));
  EXPECT_FALSE(isAssignable(w.lit(1), i, w));
  EXPECT_FALSE(isAssignable(w.lit(1), w.lit(2), w));
  EXPECT_TRUE(isAssignable(a.unionOf(i, s), w.lit("x"), w));
  EXPECT_FALSE(isAssignable(i, a.unionOf(i, a.none()), w));
  EXPECT_TRUE(isAssignable(a.unionOf(i, a.none()), a.none(), w));
  EXPECT_TRUE(isAssignable(a.unionOf(i, s), a.unionOf(s, w.lit(3)), w));
}

TEST(Subtype, GenericVarianceThroughTheMro) {
  TypeTestWorld w;
  const Type* i = w.inst(w.intClass);
  const Type* o = w.inst(w.object);
  const Type* listInt = w.inst(w.list, {i});
  EXPECT_TRUE(isAssignable(w.inst(w.sequence, {o}), listInt, w)); // covariant
  EXPECT_FALSE(isAssignable(w.inst(w.list, {o}), listInt, w));    // invariant
  EXPECT_TRUE(isAssignable(w.inst(w.list, {i}), listInt, w));
  EXPECT_FALSE(isAssignable(w.inst(w.sequence, {w.inst(w.str)}), listInt, w));
}

TEST(Subtype, TuplesElementWise) {
  TypeTestWorld w;
  TypeArena& a = w.arena();
  const Type* i = w.inst(w.intClass);
  const Type* s = w.inst(w.str);
  TupleElement is[] = {{i, false}, {s, false}};
  TupleElement ii[] = {{i, false}, {i, false}};
  TupleElement intMany[] = {{i, true}};
  auto tIs = a.tuple(w.tuple, is);
  auto tIi = a.tuple(w.tuple, ii);
  auto tMany = a.tuple(w.tuple, intMany);
  EXPECT_FALSE(isAssignable(tIi, tIs, w));
  EXPECT_TRUE(isAssignable(tMany, tIi, w));
  EXPECT_FALSE(isAssignable(tMany, tIs, w));
  EXPECT_FALSE(isAssignable(tIi, tMany, w));
  EXPECT_TRUE(isAssignable(w.inst(w.sequence, {a.unionOf(i, s)}), tIs, w));
}

TEST(Subtype, CallablesAreContravariantInParameters) {
  TypeTestWorld w;
  TypeArena& a = w.arena();
  const Type* i = w.inst(w.intClass);
  const Type* o = w.inst(w.object);
  auto callable = [&](const Type* paramType, const Type* ret) {
    Param p;
    p.kind = ParamKind::PositionalOnly;
    p.type = paramType;
    p.flags = ParamHasDeclaredType;
    FunctionType f;
    Param params[] = {p};
    f.params = params;
    f.returnType = ret;
    f.fnFlags = FunctionSynthesized;
    return a.function(f);
  };
  EXPECT_TRUE(isAssignable(callable(i, o), callable(o, i), w));
  EXPECT_FALSE(isAssignable(callable(o, i), callable(i, i), w));
  EXPECT_FALSE(isAssignable(callable(i, i), callable(i, o), w));
}

TEST(Subtype, SolvingWidensAndRespectsInvariance) {
  TypeTestWorld w;
  int scope = 0;
  const TypeVarType* t = w.typeVar("T", Variance::Invariant, &scope, "f");
  const Type* i = w.inst(w.intClass);
  const Type* s = w.inst(w.str);
  TypeVarSolution solution;
  solution.addSolvableScope(&scope);
  Assigner assigner(w, &solution);
  EXPECT_TRUE(assigner.assign(t, w.lit(1), AssignStripLiterals));
  EXPECT_EQ(solution.get(t), i);
  EXPECT_TRUE(assigner.assign(t, s));
  EXPECT_EQ(displayType(solution.get(t)), "int | str");

  TypeVarSolution invariant;
  invariant.addSolvableScope(&scope);
  Assigner strict(w, &invariant);
  EXPECT_TRUE(strict.assign(w.inst(w.list, {t}), w.inst(w.list, {i})));
  EXPECT_FALSE(strict.assign(w.inst(w.list, {t}), w.inst(w.list, {s})));
  EXPECT_EQ(invariant.get(t), i);
}

TEST(Subtype, SubstitutionSpecializesThroughEveryKind) {
  TypeTestWorld w;
  int scope = 0;
  const TypeVarType* t = w.typeVar("T", Variance::Invariant, &scope, "f");
  TypeVarSolution solution;
  solution.set(t, w.inst(w.str));
  const Type* listT = w.inst(w.list, {t});
  EXPECT_EQ(applySolution(listT, solution, w), w.inst(w.list, {w.inst(w.str)}));
  TypeVarSolution empty;
  empty.addSolvableScope(&scope);
  EXPECT_EQ(displayType(applySolution(listT, empty, w, UnsolvedToUnknown)), "list[Unknown]");
}
