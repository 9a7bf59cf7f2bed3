// RuleDocsTests: `shrike explain` and docs/rules.md say the same thing, and every rule has
// documentation with an example that names it.
#include "checker/check/RuleDocs.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

using namespace shrike::checker;

TEST(RuleDocs, DocsRulesMdIsGeneratedFromTheRuleTable) {
  std::ifstream in(SHRIKE_SOURCE_DIR "/docs/rules.md", std::ios::binary);
  ASSERT_TRUE(in) << "docs/rules.md is missing";
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_TRUE(text.str() == rulesMarkdown())
      << "docs/rules.md is out of date with checker/check/RuleDocs.cpp and Rules.def; regenerate "
         "it with\n"
         "  build/release/shrike explain --markdown > docs/rules.md";
}

TEST(RuleDocs, EveryRuleIsDocumented) {
  for (const RuleInfo& rule : allRules()) {
    const RuleDoc* doc = findRuleDoc(rule.code);
    ASSERT_NE(doc, nullptr) << "add an entry for `" << rule.code
                            << "` to checker/check/RuleDocs.cpp";
    EXPECT_FALSE(doc->description.empty()) << rule.code;
    EXPECT_FALSE(doc->fix.empty()) << rule.code;
    // An example marks the line it is reported on with the rule's own code.
    if (!doc->example.empty()) {
      EXPECT_NE(doc->example.find("[" + std::string(rule.code) + "]"), std::string_view::npos)
          << rule.code;
    }
  }
}

TEST(RuleDocs, ExplainTextHasTheLevelExampleAndHowToSilence) {
  std::string text = explainText(*findRule("possibly-unbound"));
  EXPECT_EQ(text.rfind("possibly-unbound (warning, enabled by default)\n", 0), 0u) << text;
  EXPECT_NE(text.find("    def label(flag: bool) -> str:\n"), std::string::npos) << text;
  EXPECT_NE(text.find("# shrike: ignore[possibly-unbound]"), std::string::npos) << text;
  std::string off = explainText(*findRule("unused-ignore-comment"));
  EXPECT_NE(off.find("off by default"), std::string::npos) << off;
}
