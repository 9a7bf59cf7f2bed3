// Settings: rule levels after overrides.
#include "checker/config/Settings.h"

#include "checker/config/Glob.h"

namespace shrike::checker {

namespace {

std::optional<Severity> apply(RuleLevel level, std::optional<Severity> current) {
  switch (level) {
  case RuleLevel::Default: return current;
  case RuleLevel::Error: return Severity::Error;
  case RuleLevel::Warn: return Severity::Warning;
  case RuleLevel::Ignore: return std::nullopt;
  }
  return current;
}

} // namespace

std::optional<Severity> effectiveSeverity(const Settings& settings, Rule rule, const std::string& path) {
  const RuleInfo& info = ruleInfo(rule);
  std::optional<Severity> severity;
  if (info.enabledByDefault) severity = info.defaultSeverity;
  if (auto it = settings.rules.find(rule); it != settings.rules.end()) severity = apply(it->second, severity);
  std::string relative = path;
  if (!settings.projectRoot.empty() && relative.rfind(settings.projectRoot + "/", 0) == 0)
    relative = relative.substr(settings.projectRoot.size() + 1);
  for (const RuleOverride& override : settings.overrides) {
    bool matches = false;
    for (const std::string& glob : override.include) matches = matches || globMatches(glob, relative);
    if (!matches) continue;
    if (auto it = override.rules.find(rule); it != override.rules.end()) severity = apply(it->second, severity);
  }
  return severity;
}

} // namespace shrike::checker
