// RuleDocs: the long text of every rule — what it catches, an example, how to fix or
// silence it — shown by `shrike explain RULE` and rendered into docs/rules.md, so the two
// always say the same (a test compares docs/rules.md with rulesMarkdown()).
#pragma once

#include <string>
#include <string_view>

#include "checker/check/Diagnostic.h"

namespace shrike::checker {

struct RuleDoc {
  std::string_view code;
  std::string_view description;   // what the rule catches and why it matters
  std::string_view example;       // Python that triggers it, marked with `# error: [code]`
  std::string_view fix;           // how to fix the code (silencing is the same for every rule)
  std::string_view settings = {}; // shrike.toml text the example needs (a rule off by default)
  // Why the checker does not report the example yet; the example case is then an expected
  // failure. Empty once the checker reports it (the case runner says XPASS until then).
  std::string_view exampleGap = {};
};

// The documentation of a rule; null for a rule added to Rules.def without any yet.
const RuleDoc* findRuleDoc(std::string_view code);

// The text `shrike explain RULE` prints.
std::string explainText(const RuleInfo& rule);

// The whole of docs/rules.md.
std::string rulesMarkdown();

// The examples as a case file for tests/cases' runner (one `## rule` case per example),
// so that every documented example is checked against what the checker reports.
std::string ruleExampleCases();

} // namespace shrike::checker
