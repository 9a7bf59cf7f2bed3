// ExplainCommand: `shrike explain [RULE]` — what a rule catches, with an example, or the
// list of every rule.
#pragma once

#include <optional>
#include <string>

namespace shrike::cli {

// `markdown` prints docs/rules.md as generated from the same text; `exampleCases` prints the
// examples as a case file for the case runner (a test checks them).
int runExplain(const std::optional<std::string>& rule, bool markdown, bool exampleCases = false);

} // namespace shrike::cli
