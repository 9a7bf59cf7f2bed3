// Diagnostic: one finding of the checker, in byte offsets, shared by the CLI and the server.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parser/SourceText.h"

namespace shrike::checker {

enum class Severity : uint8_t { Error, Warning, Information, Hint };

std::string_view severityName(Severity severity); // "error", "warning", "info", "hint"

// The rules, defined once in Rules.def: a stable kebab-case code and a default severity.
enum class Rule : uint16_t {
#define SHRIKE_RULE(identifier, code, severity, enabled, summary) identifier,
#include "checker/check/Rules.def"
#undef SHRIKE_RULE
};

struct RuleInfo {
  Rule rule;
  std::string_view code;
  Severity defaultSeverity;
  bool enabledByDefault;
  std::string_view summary;
};

const RuleInfo& ruleInfo(Rule rule);
const std::vector<RuleInfo>& allRules();
// Finds a rule by its code ("invalid-assignment"); null when unknown.
const RuleInfo* findRule(std::string_view code);

// A secondary location ("declared here") shown as a note by the CLI and as related
// information by the server. `path` empty means the same file.
struct DiagnosticNote {
  std::string message;
  std::string path;
  parser::TextRange range;
};

struct Diagnostic {
  Rule rule;
  Severity severity;
  parser::TextRange range;
  std::string message;
  std::vector<DiagnosticNote> notes;
};

} // namespace shrike::checker
