// Diagnostic: the rule table built from Rules.def and lookups by code.
#include "checker/check/Diagnostic.h"

#include <unordered_map>

namespace shrike::checker {

std::string_view severityName(Severity severity) {
  switch (severity) {
  case Severity::Error: return "error";
  case Severity::Warning: return "warning";
  case Severity::Information: return "info";
  case Severity::Hint: return "hint";
  }
  return "error";
}

const std::vector<RuleInfo>& allRules() {
  static const std::vector<RuleInfo> rules = {
#define SHRIKE_RULE(identifier, code, severity, enabled, summary)                                  \
  RuleInfo{Rule::identifier, code, severity, enabled, summary},
#include "checker/check/Rules.def"
#undef SHRIKE_RULE
  };
  return rules;
}

const RuleInfo& ruleInfo(Rule rule) {
  return allRules()[static_cast<size_t>(rule)];
}

const RuleInfo* findRule(std::string_view code) {
  static const auto byCode = [] {
    std::unordered_map<std::string_view, const RuleInfo*> map;
    for (const RuleInfo& info : allRules()) map.emplace(info.code, &info);
    return map;
  }();
  auto it = byCode.find(code);
  return it == byCode.end() ? nullptr : it->second;
}

} // namespace shrike::checker
