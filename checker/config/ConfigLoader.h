// ConfigLoader: finds and reads a project's configuration — `shrike.toml`, or the
// `[tool.shrike]` table of `pyproject.toml` — into Settings. The CLI and the language server
// read configuration through this one loader, so they agree on every key:
//
//     [tool.shrike]
//     python-version = "3.12"
//     exclude = ["generated/"]
//     [tool.shrike.rules]
//     possibly-unbound = "ignore"
//     [[tool.shrike.overrides]]
//     include = ["tests/**"]
//     rules = { invalid-argument-type = "warn" }
//
// A bad configuration is an error value naming the file, line, key and the valid choices.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "checker/config/Settings.h"

namespace shrike::checker {

struct ConfigError {
  std::string file;
  uint32_t line = 0; // 1-based; 0 when the error has no position
  uint32_t column = 0;
  std::string key; // dotted, e.g. "rules.invalid-assigment"
  std::string message;

  // "path:line:column: message" with `path` as given.
  std::string format(std::string_view displayFile) const;
};

// Options of the command-line front end that the configuration may also set; the language
// server ignores them. Values are validated by the loader.
struct TerminalSettings {
  std::optional<std::string> outputFormat; // one of outputFormatChoices()
  std::optional<std::string> color;        // "auto", "always", "never"
  std::optional<bool> exitZero;
  std::optional<bool> errorOnWarning;
  std::optional<std::string> baseline; // absolute
};

struct ProjectConfig {
  Settings settings;
  TerminalSettings terminal;
  std::string configFile; // empty when no configuration file was found
  // Things worth telling a user who asked for --verbose.
  std::vector<std::string> notes;
};

using ConfigResult = std::variant<ProjectConfig, ConfigError>;

// The configuration for a run started in `startFolder`: the nearest folder up the tree with
// a shrike.toml or a pyproject.toml holding [tool.shrike] (shrike.toml wins in one folder);
// failing that, the nearest pyproject.toml (for requires-python); failing that, none, with
// `startFolder` as the project root.
ConfigResult discoverProjectConfig(const std::string& startFolder);

// Reads one file named by the user (`--config-file`): a pyproject.toml is read for its
// [tool.shrike] table, any other name as a shrike.toml.
ConfigResult loadConfigFile(const std::string& path);

// Parses configuration text; `isPyproject` selects the [tool.shrike] table. The project
// root is the file's folder. Exposed for tests.
ConfigResult parseConfigText(std::string_view text, const std::string& path, bool isPyproject);

// Applies a rule level by its code ("all" for every rule) to a rule-level map.
bool setRuleLevel(std::map<Rule, RuleLevel>& rules, std::string_view code, RuleLevel level);

// Parses "3.12"; nullopt when it is not a supported Python version.
std::optional<PythonVersion> parsePythonVersion(std::string_view text);

const std::vector<std::string_view>& pythonVersionChoices();
const std::vector<std::string_view>& pythonPlatformChoices();
const std::vector<std::string_view>& outputFormatChoices();
const std::vector<std::string_view>& colorChoices();
const std::vector<std::string_view>& ruleLevelChoices();
// Every rule code, and "all".
std::vector<std::string_view> ruleCodeChoices();

} // namespace shrike::checker
