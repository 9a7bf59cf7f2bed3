// ExplainCommand: printing rule documentation from checker/check/RuleDocs.
#include "cli/ExplainCommand.h"

#include <cstdio>
#include <iostream>

#include "checker/check/Diagnostic.h"
#include "checker/check/RuleDocs.h"
#include "checker/config/ConfigLoader.h"
#include "checker/config/Suggest.h"
#include "cli/CheckCommand.h"

namespace shrike::cli {

int runExplain(const std::optional<std::string>& rule, bool markdown, bool exampleCases) {
  if (markdown) {
    std::cout << checker::rulesMarkdown();
    return ExitSuccess;
  }
  if (exampleCases) {
    std::cout << checker::ruleExampleCases();
    return ExitSuccess;
  }
  if (!rule) {
    std::cout << "Rules (run `shrike explain RULE` for one of them):\n\n";
    for (const checker::RuleInfo& info : checker::allRules()) {
      char line[256];
      std::snprintf(line, sizeof line, "  %-32s %-8s %s\n", std::string(info.code).c_str(),
                    info.enabledByDefault
                        ? std::string(checker::severityName(info.defaultSeverity)).c_str()
                        : "off",
                    std::string(info.summary).c_str());
      std::cout << line;
    }
    return ExitSuccess;
  }
  const checker::RuleInfo* info = checker::findRule(*rule);
  if (!info) {
    std::vector<std::string_view> codes;
    for (const checker::RuleInfo& r : checker::allRules()) codes.push_back(r.code);
    std::cerr << "shrike: error: unknown rule `" << *rule << "`"
              << checker::didYouMean(*rule, codes)
              << "\nRun `shrike explain` for the list of rules.\n";
    return ExitUsage;
  }
  std::cout << checker::explainText(*info);
  return ExitSuccess;
}

} // namespace shrike::cli
