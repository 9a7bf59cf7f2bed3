// Settings: everything that shapes a check, whichever front end (CLI flags, pyproject.toml,
// shrike.toml, LSP configuration) it came from. Loading it lives in ConfigLoader.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "checker/check/Diagnostic.h"

namespace shrike::checker {

// A Python version as (major, minor).
struct PythonVersion {
  uint32_t major = 3;
  uint32_t minor = 13;
  auto operator<=>(const PythonVersion&) const = default;
  std::string toString() const { return std::to_string(major) + "." + std::to_string(minor); }
};

// What a rule's configured level is; Default keeps the rule's own.
enum class RuleLevel : uint8_t { Default, Error, Warn, Ignore };

// Rule levels that apply to files matching `include` globs (`[[overrides]]`).
struct RuleOverride {
  std::vector<std::string> include;
  std::map<Rule, RuleLevel> rules;
};

struct Settings {
  // The folder the configuration was found in (or the working directory); relative paths
  // in the configuration are relative to it.
  std::string projectRoot;
  std::optional<PythonVersion> pythonVersion; // unset: requires-python, interpreter, 3.13
  std::optional<std::string> pythonPlatform;  // "linux", "darwin", "win32", "all"
  std::optional<std::string> python;          // an interpreter or environment folder
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  bool respectGitignore = true;
  std::vector<std::string> extraSearchPaths;
  std::optional<std::string> stubPath;
  std::string typeshedPath; // empty: the bundled copy
  // Whether typeshed's third-party stubs are a search root. The resolvers that look for a
  // project module near an importing file take only project results, so they skip it.
  bool typeshedThirdParty = true;
  std::map<Rule, RuleLevel> rules;
  std::vector<RuleOverride> overrides;
  uint64_t maxFileSize = 10 * 1024 * 1024;
  unsigned threads = 0; // 0: all cores
};

// The severity a rule has in `path` under these settings; nullopt when it is ignored.
std::optional<Severity> effectiveSeverity(const Settings& settings, Rule rule,
                                          const std::string& path);

} // namespace shrike::checker
