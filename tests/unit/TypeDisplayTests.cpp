// TypeDisplayTests: types print exactly as pyright's reveal_type shows them.
#include "checker/types/Display.h"

#include <gtest/gtest.h>

#include "TypeTestWorld.h"

using namespace shrike::checker;
using shrike::checker::testing::TypeTestWorld;
using shrike::parser::intern;

namespace {

Param param(std::string_view name, const Type* type,
            ParamKind kind = ParamKind::PositionalOrKeyword, std::string_view defaultText = {}) {
  Param p;
  if (!name.empty()) p.name = intern(name);
  p.kind = kind;
  p.type = type;
  p.flags = ParamHasDeclaredType | (defaultText.empty() ? 0 : ParamHasDefault);
  p.defaultText = defaultText;
  return p;
}

} // namespace

TEST(TypeDisplay, SimpleKinds) {
  TypeTestWorld w;
  TypeArena& a = w.arena();
  EXPECT_EQ(displayType(a.unknown()), "Unknown");
  EXPECT_EQ(displayType(a.any()), "Any");
  EXPECT_EQ(displayType(a.never()), "Never");
  EXPECT_EQ(displayType(a.noReturn()), "NoReturn");
  EXPECT_EQ(displayType(a.none()), "None");
  EXPECT_EQ(displayType(a.module(nullptr, intern("os.path"))), "Module(\"os.path\")");
  EXPECT_EQ(displayType(a.classObject(w.inst(w.intClass))), "type[int]");
  EXPECT_EQ(displayType(a.classObject(a.none())), "type[None]");
  EXPECT_EQ(displayType(a.specialForm(SpecialForm::Literal)), "type[Literal]");
}

TEST(TypeDisplay, GenericsAndTuples) {
  TypeTestWorld w;
  TypeArena& a = w.arena();
  const Type* i = w.inst(w.intClass);
  const Type* s = w.inst(w.str);
  EXPECT_EQ(displayType(w.inst(w.list, {w.inst(w.list, {i})})), "list[list[int]]");
  TupleElement two[] = {{i, false}, {s, false}};
  EXPECT_EQ(displayType(a.tuple(w.tuple, two)), "tuple[int, str]");
  TupleElement open[] = {{i, true}};
  EXPECT_EQ(displayType(a.tuple(w.tuple, open)), "tuple[int, ...]");
  EXPECT_EQ(displayType(a.tuple(w.tuple, {})), "tuple[()]");
  TupleElement mixed[] = {{i, false}, {s, true}};
  EXPECT_EQ(displayType(a.tuple(w.tuple, mixed)), "tuple[int, *tuple[str, ...]]");
}

TEST(TypeDisplay, AGenericClassWithoutArgumentsShowsThemUnknown) {
  TypeTestWorld w;
  TypeArena& a = w.arena();
  EXPECT_EQ(displayType(a.classObject(w.inst(w.list)), &w), "type[list[Unknown]]");
  EXPECT_EQ(displayType(w.inst(w.list), &w), "list[Unknown]");
  EXPECT_EQ(displayType(a.classObject(w.inst(w.list, {w.inst(w.intClass)})), &w),
            "type[list[int]]");
  EXPECT_EQ(displayType(a.classObject(w.inst(w.intClass)), &w), "type[int]");
}

TEST(TypeDisplay, LiteralsCombineAndNoneGoesLast) {
  TypeTestWorld w;
  TypeArena& a = w.arena();
  const Type* types[] = {a.none(), w.inst(w.bytes), w.lit(1), w.lit("a'b\"c\n")};
  EXPECT_EQ(displayType(a.unionOf(types)), "bytes | Literal[1, 'a\\'b\"c\\n'] | None");
  EXPECT_EQ(displayType(w.litBool(true)), "Literal[True]");
  EXPECT_EQ(displayType(a.literal(w.bytes, LiteralValue{LiteralKind::Bytes, 0, "x\"\x01"})),
            "Literal[b\"x\\\"\\x01\"]");
  EXPECT_EQ(displayType(a.literal(w.intClass,
                                  LiteralValue{LiteralKind::BigInt, 0, "99999999999999999999999"})),
            "Literal[99999999999999999999999]");
}

TEST(TypeDisplay, FunctionsShowEveryParameterKind) {
  TypeTestWorld w;
  TypeArena& a = w.arena();
  const Type* i = w.inst(w.intClass);
  const Type* s = w.inst(w.str);
  Param params[] = {param("x", i, ParamKind::PositionalOnly),
                    param("y", s, ParamKind::PositionalOrKeyword, "\"a\""),
                    param("args", i, ParamKind::VarPositional),
                    param("z", i, ParamKind::KeywordOnly), param("kw", s, ParamKind::VarKeyword)};
  FunctionType f;
  f.params = params;
  f.returnType = s;
  EXPECT_EQ(displayType(a.function(f)),
            "(x: int, /, y: str = \"a\", *args: int, z: int, **kw: str) -> str");

  Param kwOnly[] = {param("a", i, ParamKind::KeywordOnly)};
  FunctionType g;
  g.params = kwOnly;
  g.returnType = a.none();
  EXPECT_EQ(displayType(a.function(g)), "(*, a: int) -> None");
}

TEST(TypeDisplay, CallablesParenthesizeUnionsAndNestedCallables) {
  TypeTestWorld w;
  TypeArena& a = w.arena();
  const Type* i = w.inst(w.intClass);
  Param unnamed[] = {param("", i, ParamKind::PositionalOnly)};
  FunctionType inner;
  inner.returnType = i;
  const Type* thunk = a.function(inner);
  FunctionType f;
  f.params = unnamed;
  f.returnType = a.unionOf(i, a.none());
  EXPECT_EQ(displayType(a.function(f)), "(int) -> (int | None)");
  FunctionType g;
  g.params = unnamed;
  g.returnType = thunk;
  EXPECT_EQ(displayType(a.function(g)), "(int) -> (() -> int)");
  EXPECT_EQ(displayType(a.unionOf(i, thunk)), "int | (() -> int)");
  FunctionType gradual;
  Param rest[] = {param("args", a.any(), ParamKind::VarPositional),
                  param("kwargs", a.any(), ParamKind::VarKeyword)};
  gradual.params = rest;
  gradual.fnFlags = FunctionGradual;
  gradual.returnType = a.none();
  EXPECT_EQ(displayType(a.function(gradual)), "(...) -> None");
}

TEST(TypeDisplay, TypeVarsShowTheirScope) {
  TypeTestWorld w;
  int scope = 0;
  const Type* t = w.typeVar("T", Variance::Invariant, &scope, "f");
  EXPECT_EQ(displayType(t), "T@f");
  TypeVarType self;
  self.name = intern("Self");
  self.flags = TypeVarIsSelf;
  self.bound = w.inst(w.str);
  EXPECT_EQ(displayType(w.arena().typeVar(self)), "Self@str");
}
