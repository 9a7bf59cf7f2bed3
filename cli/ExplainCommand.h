// ExplainCommand: `shrike explain [RULE]` — what a rule catches, with an example, or the
// list of every rule.
#pragma once

#include <optional>
#include <string>

namespace shrike::cli {

// `markdown` prints docs/rules.md as generated from the same text.
int runExplain(const std::optional<std::string>& rule, bool markdown);

} // namespace shrike::cli
