// FuzzyMatchTests: the workspace-symbol matcher — subsequences, word starts, exact names.
#include "checker/ide/FuzzyMatch.h"

#include <gtest/gtest.h>

using shrike::checker::ide::fuzzyScore;

TEST(FuzzyMatch, NeedsEveryCharacterInOrder) {
  EXPECT_TRUE(fuzzyScore("qs", "QuerySet"));
  EXPECT_TRUE(fuzzyScore("QRYSt", "QuerySet"));
  EXPECT_FALSE(fuzzyScore("sq", "QuerySet"));
  EXPECT_FALSE(fuzzyScore("queryx", "QuerySet"));
  EXPECT_EQ(fuzzyScore("", "anything"), 0);
}

TEST(FuzzyMatch, FindsASubsequenceEvenWhenAWordStartLeadsAstray) {
  // Jumping to the word start `a` in `_a` would leave no `b` after it.
  EXPECT_TRUE(fuzzyScore("ab", "xa_b_a"));
}

TEST(FuzzyMatch, PrefersExactNamesThenWordStartsThenShortNames) {
  EXPECT_GT(*fuzzyScore("filter", "filter"), *fuzzyScore("filter", "filter_by"));
  EXPECT_GT(*fuzzyScore("filter", "Filter"), *fuzzyScore("filter", "_filter_or_exclude"));
  EXPECT_GT(*fuzzyScore("qs", "QuerySet"), *fuzzyScore("qs", "quests"));
  EXPECT_GT(*fuzzyScore("order", "place_order"), *fuzzyScore("order", "reorder"));
}
