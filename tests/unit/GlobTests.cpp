// GlobTests: glob matching and .gitignore line semantics (anchoring, `**`, `!`, folders only).
#include "checker/config/Glob.h"

#include <gtest/gtest.h>

using namespace shrike::checker;

namespace {

struct GlobCase {
  const char* pattern;
  const char* path;
  bool matches;
};

void PrintTo(const GlobCase& c, std::ostream* out) {
  *out << c.pattern << " ~ " << c.path;
}

class GlobMatches : public ::testing::TestWithParam<GlobCase> {};

TEST_P(GlobMatches, AsExpected) {
  const GlobCase& c = GetParam();
  EXPECT_EQ(globMatches(c.pattern, c.path), c.matches) << c.pattern << " vs " << c.path;
}

INSTANTIATE_TEST_SUITE_P(
    Glob, GlobMatches,
    ::testing::Values(
        GlobCase{"*.py", "a.py", true}, GlobCase{"*.py", "src/a.py", false},
        GlobCase{"src/*.py", "src/a.py", true}, GlobCase{"src/*.py", "src/sub/a.py", false},
        GlobCase{"src/**/*.py", "src/a.py", true}, GlobCase{"src/**/*.py", "src/x/y/a.py", true},
        GlobCase{"**/test_*.py", "test_a.py", true},
        GlobCase{"**/test_*.py", "t/u/test_a.py", true}, GlobCase{"tests/**", "tests/a/b.py", true},
        GlobCase{"tests/**", "tests", false}, GlobCase{"a?c.py", "abc.py", true},
        GlobCase{"a?c.py", "a/c.py", false}, GlobCase{"a?.py", "aé.py", true},
        GlobCase{"[ab].py", "b.py", true}, GlobCase{"[!ab].py", "b.py", false},
        GlobCase{"[a-c]x", "bx", true}, GlobCase{"[a-c]x", "dx", false},
        GlobCase{"\\*.py", "*.py", true}, GlobCase{"\\*.py", "a.py", false},
        GlobCase{"a**b", "axxb", true}, GlobCase{"a**b", "ax/xb", false},
        GlobCase{"[unclosed", "[unclosed", true}));

TEST(IgnorePattern, BlankLinesAndCommentsAreNotPatterns) {
  EXPECT_FALSE(IgnorePattern::parse(""));
  EXPECT_FALSE(IgnorePattern::parse("   "));
  EXPECT_FALSE(IgnorePattern::parse("# build/"));
  EXPECT_FALSE(IgnorePattern::parse("/"));
}

TEST(IgnorePattern, ANameWithoutSlashMatchesAtAnyDepth) {
  auto pattern = IgnorePattern::parse("build");
  ASSERT_TRUE(pattern);
  EXPECT_TRUE(pattern->matches("build", true));
  EXPECT_TRUE(pattern->matches("a/b/build", true));
  EXPECT_TRUE(pattern->matches("a/build", false));
  EXPECT_FALSE(pattern->matches("a/builder", true));
}

TEST(IgnorePattern, ASlashAnchorsToTheBase) {
  auto leading = IgnorePattern::parse("/setup.py");
  ASSERT_TRUE(leading);
  EXPECT_TRUE(leading->matches("setup.py", false));
  EXPECT_FALSE(leading->matches("sub/setup.py", false));
  auto middle = IgnorePattern::parse("docs/conf.py");
  ASSERT_TRUE(middle);
  EXPECT_TRUE(middle->matches("docs/conf.py", false));
  EXPECT_FALSE(middle->matches("x/docs/conf.py", false));
}

TEST(IgnorePattern, TrailingSlashMatchesFoldersOnly) {
  auto pattern = IgnorePattern::parse("cache/");
  ASSERT_TRUE(pattern);
  EXPECT_TRUE(pattern->dirOnly);
  EXPECT_TRUE(pattern->matches("x/cache", true));
  EXPECT_FALSE(pattern->matches("x/cache", false));
}

TEST(IgnorePattern, TrailingBlanksAndCarriageReturnsAreDropped) {
  auto pattern = IgnorePattern::parse("a.py  \r");
  ASSERT_TRUE(pattern);
  EXPECT_TRUE(pattern->matches("a.py", false));
}

TEST(IgnoreList, TheLastMatchingPatternDecides) {
  IgnoreList list("", {"*.py", "!keep.py", "keep.py.bak"});
  EXPECT_EQ(list.decide("a.py", false), std::optional<bool>(true));
  EXPECT_EQ(list.decide("keep.py", false), std::optional<bool>(false));
  EXPECT_EQ(list.decide("a.txt", false), std::nullopt);
}

TEST(IgnoreList, PatternsAreRelativeToTheBase) {
  IgnoreList list = IgnoreList::fromFileText("home/p/app", "/local.py\nold/\n");
  EXPECT_EQ(list.decide("home/p/app/local.py", false), std::optional<bool>(true));
  EXPECT_EQ(list.decide("home/p/app/sub/local.py", false), std::nullopt);
  EXPECT_EQ(list.decide("home/p/app/x/old", true), std::optional<bool>(true));
  EXPECT_EQ(list.decide("home/p/local.py", false), std::nullopt);
  EXPECT_EQ(list.decide("home/p/application/local.py", false), std::nullopt);
}

} // namespace
