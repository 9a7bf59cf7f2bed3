// SuppressionsTests: which diagnostics `type: ignore` and `shrike: ignore` comments hide, and
// which comments `unused-ignore-comment` reports. Diagnostics are made up here (rules the
// checker may not report yet) and placed by the line they start on.
#include "checker/check/Suppressions.h"

#include <gtest/gtest.h>

#include "parser/AstLowering.h"

using namespace shrike::checker;
using shrike::parser::SourceText;

namespace {

struct Fixture {
  explicit Fixture(std::string source)
      : text(std::move(source)), ast(shrike::parser::parseModule(text)) {}

  // A diagnostic of `rule` on the first occurrence of `marker`.
  void report(Rule rule, std::string_view marker) {
    uint32_t offset = static_cast<uint32_t>(text.text().find(marker));
    EXPECT_NE(offset, std::string_view::npos) << marker;
    diagnostics.push_back(Diagnostic{rule,
                                     Severity::Error,
                                     {offset, offset + uint32_t(marker.size())},
                                     "found " + std::string(marker),
                                     {}});
  }

  std::vector<std::string> apply(const Settings& settings = Settings()) {
    applySuppressions(text, ast.comments, diagnostics, settings, "/p/a.py");
    std::vector<std::string> out;
    for (const Diagnostic& d : diagnostics)
      out.push_back(std::to_string(text.lineOf(d.range.start) + 1) + " " +
                    std::string(ruleInfo(d.rule).code) + ": " + d.message);
    return out;
  }

  SourceText text;
  shrike::parser::Ast ast;
  std::vector<Diagnostic> diagnostics;
};

Settings withUnusedReported() {
  Settings settings;
  settings.rules[Rule::UnusedIgnoreComment] = RuleLevel::Warn;
  return settings;
}

TEST(Suppressions, ABlanketCommentHidesEveryRuleOnItsLine) {
  Fixture f("a = b  # type: ignore\nc = d\n");
  f.report(Rule::UnresolvedReference, "b");
  f.report(Rule::InvalidAssignment, "a =");
  f.report(Rule::UnresolvedReference, "d");
  EXPECT_EQ(f.apply(), (std::vector<std::string>{"2 unresolved-reference: found d"}));
}

TEST(Suppressions, CodesLimitWhatIsHidden) {
  Fixture f("a = b  # shrike: ignore[unresolved-reference]\n");
  f.report(Rule::UnresolvedReference, "b");
  f.report(Rule::InvalidAssignment, "a =");
  EXPECT_EQ(f.apply(), (std::vector<std::string>{"1 invalid-assignment: found a ="}));
}

TEST(Suppressions, TypeIgnoreWithShrikeCodesLimitsToThem) {
  Fixture f("a = b  # type: ignore[unresolved-reference, attr-defined]\n");
  f.report(Rule::UnresolvedReference, "b");
  f.report(Rule::InvalidAssignment, "a =");
  EXPECT_EQ(f.apply(), (std::vector<std::string>{"1 invalid-assignment: found a ="}));
}

TEST(Suppressions, TypeIgnoreWithOnlyMypyCodesHidesEverything) {
  Fixture f("a = b  # type: ignore[name-defined]\n");
  f.report(Rule::UnresolvedReference, "b");
  f.report(Rule::InvalidAssignment, "a =");
  EXPECT_TRUE(f.apply().empty());
}

TEST(Suppressions, TheDirectiveMayFollowAnotherComment) {
  Fixture f("a = b  # noqa: F821  #type:ignore\n");
  f.report(Rule::UnresolvedReference, "b");
  EXPECT_TRUE(f.apply().empty());
}

TEST(Suppressions, LookalikesAreNotDirectives) {
  Fixture f("a = b  # type: ignored\nc = d  # see type: ignore\ne = g  # shrike: ignore[\n");
  f.report(Rule::UnresolvedReference, "b");
  f.report(Rule::UnresolvedReference, "d");
  f.report(Rule::UnresolvedReference, "g");
  EXPECT_EQ(f.apply().size(), 3u);
}

TEST(Suppressions, AStringThatLooksLikeACommentIsNotOne) {
  Fixture f("a = b + \"# type: ignore\"\n");
  f.report(Rule::UnresolvedReference, "b");
  EXPECT_EQ(f.apply().size(), 1u);
}

TEST(Suppressions, TypeIgnoreBeforeAnyCodeHidesTheWholeFile) {
  Fixture f("#!/usr/bin/env python\n# type: ignore\n\na = b\nc = d\n");
  f.report(Rule::UnresolvedReference, "b");
  f.report(Rule::UnresolvedReference, "d");
  EXPECT_TRUE(f.apply().empty());
}

TEST(Suppressions, TypeIgnoreAfterCodeIsOnlyForItsLine) {
  Fixture f("import os\n# type: ignore\na = b\n");
  f.report(Rule::UnresolvedReference, "b");
  EXPECT_EQ(f.apply().size(), 1u);
}

TEST(Suppressions, SyntaxErrorsAreNeverHidden) {
  Fixture f("# type: ignore\na = (  # type: ignore\n");
  f.report(Rule::InvalidSyntax, "(");
  EXPECT_EQ(f.apply().size(), 1u);
}

TEST(Suppressions, UnusedCommentsAreNotReportedByDefault) {
  Fixture f("a = 1  # type: ignore\n");
  EXPECT_TRUE(f.apply().empty());
}

TEST(Suppressions, UnusedCommentsAndCodesAreReportedWhenEnabled) {
  Fixture f("a = 1  # type: ignore\n"
            "b = name1  # shrike: ignore[unresolved-reference, invalid-assignment]\n"
            "d = 2  # shrike: ignore[no-such-rule]\n"
            "e = name2  # shrike: ignore[unresolved-reference, no-such-rule]\n"
            "g = name3  # type: ignore[unresolved-reference, name-defined]\n");
  f.report(Rule::UnresolvedReference, "name1");
  f.report(Rule::UnresolvedReference, "name2");
  f.report(Rule::UnresolvedReference, "name3");
  EXPECT_EQ(f.apply(withUnusedReported()),
            (std::vector<std::string>{
                "1 unused-ignore-comment: Unused suppression comment `type: ignore`",
                "2 unused-ignore-comment: Unused suppression code `invalid-assignment`",
                "3 unused-ignore-comment: Unused suppression comment `shrike: "
                "ignore[no-such-rule]`; unknown rule "
                "`no-such-rule`",
                "4 unused-ignore-comment: Unknown rule `no-such-rule` in suppression comment",
            }));
}

TEST(Suppressions, ParsedDirectivesKeepTheirCodesAndRanges) {
  SourceText text("x = 1  # shrike: ignore[a-b,  c]\n");
  auto ast = shrike::parser::parseModule(text);
  auto parsed = parseSuppressions(text, ast.comments);
  ASSERT_EQ(parsed.size(), 1u);
  EXPECT_EQ(parsed[0].kind, SuppressionComment::Kind::ShrikeIgnore);
  EXPECT_FALSE(parsed[0].wholeFile);
  ASSERT_EQ(parsed[0].codes.size(), 2u);
  EXPECT_EQ(parsed[0].codes[0].code, "a-b");
  EXPECT_EQ(parsed[0].codes[1].code, "c");
  EXPECT_EQ(text.text().substr(parsed[0].codes[1].range.start, parsed[0].codes[1].range.length()),
            "c");
  EXPECT_EQ(text.text().substr(parsed[0].range.start, parsed[0].range.length()),
            "shrike: ignore[a-b,  c]");
}

} // namespace
