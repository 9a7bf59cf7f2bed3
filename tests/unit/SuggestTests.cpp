// SuggestTests: "did you mean" picks plausible typos and nothing else.
#include "checker/config/Suggest.h"

#include <gtest/gtest.h>

using namespace shrike::checker;

TEST(Suggest, FindsAMissingLetterAndASwap) {
  std::vector<std::string_view> rules = {"invalid-assignment", "invalid-argument-type",
                                         "invalid-syntax"};
  EXPECT_EQ(closestMatch("invalid-assigment", rules), "invalid-assignment");
  EXPECT_EQ(closestMatch("invalid-sytnax", rules), "invalid-syntax");
}

TEST(Suggest, SuggestsNothingFarAway) {
  EXPECT_EQ(closestMatch("colour-mode", {"python", "include"}), std::nullopt);
}

TEST(Suggest, PrefersTheCandidateWithTheLongerCommonStart) {
  EXPECT_EQ(closestMatch("3.1", {"3.7", "3.8", "3.10", "3.11"}), "3.10");
}

TEST(Suggest, ALongerFormOfAChoiceFindsIt) {
  EXPECT_EQ(closestMatch("warning", {"error", "warn", "ignore"}), "warn");
  EXPECT_EQ(closestMatch("verbose", {"error", "warn", "ignore"}), std::nullopt);
}

TEST(Suggest, Wording) {
  EXPECT_EQ(didYouMean("linx", {"linux", "darwin"}), "; did you mean `linux`?");
  EXPECT_EQ(didYouMean("zzzzzz", {"linux"}), "");
  EXPECT_EQ(quotedList({"a", "b", "c"}), "`a`, `b` or `c`");
  EXPECT_EQ(quotedList({"a"}), "`a`");
}
