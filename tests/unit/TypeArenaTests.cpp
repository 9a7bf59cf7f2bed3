// TypeArenaTests: interning gives identity, unions form the way the spec and pyright do.
#include "checker/types/TypeArena.h"

#include <gtest/gtest.h>

#include <thread>

#include "TypeTestWorld.h"
#include "checker/types/Display.h"

using namespace shrike::checker;
using shrike::checker::testing::TypeTestWorld;

TEST(TypeArena, SameTypeBuiltTwiceIsOneObject) {
  TypeTestWorld w;
  EXPECT_EQ(w.inst(w.list, {w.inst(w.intClass)}), w.inst(w.list, {w.inst(w.intClass)}));
  EXPECT_NE(w.inst(w.list, {w.inst(w.intClass)}), w.inst(w.list, {w.inst(w.str)}));
  EXPECT_EQ(w.lit(3), w.lit(3));
  EXPECT_NE(w.lit(3), w.lit(4));
  EXPECT_EQ(w.lit("a"), w.lit(std::string("a")));
}

TEST(TypeArena, InterningIsThreadSafe) {
  TypeTestWorld w;
  std::vector<const Type*> results(4);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      const Type* last = nullptr;
      for (int i = 0; i < 2000; ++i) last = w.inst(w.list, {w.lit(i % 50)});
      results[t] = last;
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 1; t < 4; ++t) EXPECT_EQ(results[0], results[t]);
}

TEST(TypeArena, UnionsFlattenDedupeAndDropNever) {
  TypeTestWorld w;
  TypeArena& a = w.arena();
  const Type* i = w.inst(w.intClass);
  const Type* s = w.inst(w.str);
  const Type* inner = a.unionOf(i, s);
  const Type* types[] = {inner, i, a.never(), a.none()};
  const Type* u = a.unionOf(types);
  ASSERT_TRUE(u->is<UnionType>());
  EXPECT_EQ(u->as<UnionType>()->members.size(), 3u);
  EXPECT_EQ(a.unionOf(i, i), i);
  EXPECT_EQ(a.unionOf(a.never(), i), i);
  const Type* none[] = {a.never()};
  EXPECT_EQ(a.unionOf(std::span<const Type* const>(none, 0)), a.never());
}

TEST(TypeArena, UnionsKeepAnyAndUnknownAsMembers) {
  TypeTestWorld w;
  TypeArena& a = w.arena();
  EXPECT_EQ(displayType(a.unionOf(w.inst(w.intClass), a.any()), &w), "int | Any");
  EXPECT_EQ(displayType(a.unionOf(a.unknown(), a.any()), &w), "Unknown");
}

TEST(TypeArena, LiteralsGoLastAndAreAbsorbedByTheirClass) {
  TypeTestWorld w;
  TypeArena& a = w.arena();
  const Type* types[] = {w.lit(1), a.none(), w.inst(w.str), w.lit("a")};
  EXPECT_EQ(displayType(a.unionOf(types), &w), "str | Literal[1] | None");
}

TEST(TypeArena, TrueAndFalseJoinIntoBool) {
  TypeTestWorld w;
  TypeArena& a = w.arena();
  EXPECT_EQ(a.unionOf(w.litBool(true), w.litBool(false)), w.inst(w.boolClass));
  const Type* types[] = {w.litBool(true), w.lit(1), w.litBool(false)};
  EXPECT_EQ(displayType(a.unionOf(types), &w), "bool | Literal[1]");
}

// A large union (a 50,000-element tuple literal's element join) follows the same rules as a
// small one: the builder switches to hashed lookups past a few members.
TEST(TypeArena, LargeUnionsDedupeAbsorbAndJoinLikeSmallOnes) {
  TypeTestWorld w;
  TypeArena& a = w.arena();
  std::vector<const Type*> types;
  for (int i = 0; i < 200; ++i) types.push_back(w.lit(i % 100));
  const Type* literals = a.unionOf(types);
  ASSERT_TRUE(literals->as<UnionType>());
  const auto& members = literals->as<UnionType>()->members;
  ASSERT_EQ(members.size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(members[i], w.lit(i));
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(literals->as<UnionType>()->hasMember(w.lit(i)));
  EXPECT_FALSE(literals->as<UnionType>()->hasMember(w.lit(100)));
  EXPECT_FALSE(literals->as<UnionType>()->hasMember(w.inst(w.intClass)));

  types.push_back(w.inst(w.intClass));
  types.push_back(a.any());
  types.push_back(a.unknown());
  EXPECT_EQ(displayType(a.unionOf(types), &w), "int | Any");

  types.pop_back();
  types.pop_back();
  types.pop_back();
  types.push_back(w.litBool(false));
  types.push_back(w.inst(w.str));
  types.push_back(w.litBool(true));
  types.push_back(w.litBool(false));
  const Type* mixed = a.unionOf(types);
  ASSERT_TRUE(mixed->as<UnionType>());
  EXPECT_EQ(mixed->as<UnionType>()->members.size(), 102u);
  EXPECT_EQ(mixed->as<UnionType>()->members[0], w.inst(w.str));
  EXPECT_EQ(mixed->as<UnionType>()->members[101], w.inst(w.boolClass));
}

TEST(TypeArena, ClassDetailsArePublishedOnce) {
  TypeTestWorld w;
  ClassInfo* cls = w.arena().newClass(shrike::parser::intern("C"), "m.C", nullptr, nullptr);
  ClassDetails first;
  first.flags = ClassFinal;
  ClassDetails second;
  second.flags = ClassProtocol;
  const ClassDetails* a = w.arena().publishDetails(cls, first);
  const ClassDetails* b = w.arena().publishDetails(cls, second);
  EXPECT_EQ(a, b);
  EXPECT_TRUE(cls->detailsIfKnown()->has(ClassFinal));
}
