// ConfigLoader: project discovery, TOML reading with toml++, and validation with suggestions.
#include "checker/config/ConfigLoader.h"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <toml++/toml.h>

#include "checker/config/FileDiscovery.h"
#include "checker/config/Suggest.h"

namespace shrike::checker {

namespace fs = std::filesystem;

std::string ConfigError::format(std::string_view displayFile) const {
  std::string out(displayFile);
  if (line > 0) out += ':' + std::to_string(line) + ':' + std::to_string(column);
  out += ": " + message;
  return out;
}

const std::vector<std::string_view>& pythonVersionChoices() {
  static const std::vector<std::string_view> choices = {"3.7",  "3.8",  "3.9",  "3.10",
                                                        "3.11", "3.12", "3.13", "3.14"};
  return choices;
}

const std::vector<std::string_view>& pythonPlatformChoices() {
  static const std::vector<std::string_view> choices = {"linux", "darwin", "win32", "all"};
  return choices;
}

const std::vector<std::string_view>& outputFormatChoices() {
  static const std::vector<std::string_view> choices = {"full",   "concise", "json", "github",
                                                        "gitlab", "sarif",   "junit"};
  return choices;
}

const std::vector<std::string_view>& colorChoices() {
  static const std::vector<std::string_view> choices = {"auto", "always", "never"};
  return choices;
}

const std::vector<std::string_view>& ruleLevelChoices() {
  static const std::vector<std::string_view> choices = {"error", "warn", "ignore"};
  return choices;
}

std::vector<std::string_view> ruleCodeChoices() {
  std::vector<std::string_view> codes;
  for (const RuleInfo& rule : allRules()) codes.push_back(rule.code);
  codes.push_back("all");
  return codes;
}

std::optional<PythonVersion> parsePythonVersion(std::string_view text) {
  for (std::string_view choice : pythonVersionChoices()) {
    if (choice != text) continue;
    PythonVersion version;
    version.major = 3;
    std::from_chars(text.data() + 2, text.data() + text.size(), version.minor);
    return version;
  }
  return std::nullopt;
}

bool setRuleLevel(std::map<Rule, RuleLevel>& rules, std::string_view code, RuleLevel level) {
  if (code == "all") {
    for (const RuleInfo& rule : allRules()) rules[rule.rule] = level;
    return true;
  }
  const RuleInfo* rule = findRule(code);
  if (!rule) return false;
  rules[rule->rule] = level;
  return true;
}

namespace {

// Thrown inside the loader only; loadConfig* turn it into a ConfigError value.
struct Failure {
  ConfigError error;
};

const std::vector<std::string_view>& topLevelKeys() {
  static const std::vector<std::string_view> keys = {"python-version",
                                                     "python-platform",
                                                     "python",
                                                     "include",
                                                     "exclude",
                                                     "respect-gitignore",
                                                     "extra-search-paths",
                                                     "stub-path",
                                                     "typeshed",
                                                     "max-file-size",
                                                     "threads",
                                                     "output-format",
                                                     "color",
                                                     "exit-zero",
                                                     "error-on-warning",
                                                     "baseline",
                                                     "rules",
                                                     "overrides"};
  return keys;
}

class Reader {
public:
  Reader(std::string file, std::string prefix, ProjectConfig& config)
      : file_(std::move(file)), prefix_(std::move(prefix)), config_(config) {}

  [[noreturn]] void fail(const toml::source_region& where, std::string key,
                         std::string message) const {
    ConfigError error;
    error.file = file_;
    error.line = where.begin.line;
    error.column = where.begin.column;
    error.key = std::move(key);
    error.message = std::move(message);
    throw Failure{std::move(error)};
  }

  std::string shown(std::string_view key) const { return "`" + prefix_ + std::string(key) + "`"; }

  std::string string(const toml::node& node, std::string_view key) const {
    if (auto value = node.value<std::string>()) return *value;
    fail(node.source(), std::string(key), shown(key) + " must be a string");
  }

  bool boolean(const toml::node& node, std::string_view key) const {
    if (auto value = node.value<bool>(); value && node.is_boolean()) return *value;
    fail(node.source(), std::string(key), shown(key) + " must be true or false");
  }

  int64_t integer(const toml::node& node, std::string_view key, int64_t minimum) const {
    if (node.is_integer()) {
      int64_t value = *node.value<int64_t>();
      if (value >= minimum) return value;
    }
    fail(node.source(), std::string(key),
         shown(key) + " must be a whole number of at least " + std::to_string(minimum));
  }

  std::string choice(const toml::node& node, std::string_view key,
                     const std::vector<std::string_view>& choices) const {
    std::string value = string(node, key);
    for (std::string_view c : choices)
      if (c == value) return value;
    fail(node.source(), std::string(key),
         "invalid value `" + value + "` for " + shown(key) + ": expected " + quotedList(choices) +
             didYouMean(value, choices));
  }

  std::vector<std::string> strings(const toml::node& node, std::string_view key) const {
    const toml::array* array = node.as_array();
    if (!array) fail(node.source(), std::string(key), shown(key) + " must be an array of strings");
    std::vector<std::string> out;
    for (const toml::node& item : *array) {
      if (!item.is_string())
        fail(item.source(), std::string(key), shown(key) + " must be an array of strings");
      out.push_back(*item.value<std::string>());
    }
    return out;
  }

  std::string path(const toml::node& node, std::string_view key) const {
    return normalizePath(string(node, key), config_.settings.projectRoot);
  }

  void rules(const toml::node& node, std::string_view key, std::map<Rule, RuleLevel>& out) const {
    const toml::table* table = node.as_table();
    if (!table)
      fail(node.source(), std::string(key),
           shown(key) + " must be a table of rule = \"error\" | \"warn\" | \"ignore\"");
    // `all` first, so that the rules named next to it refine it whatever the order.
    if (const toml::node* all = table->get("all"))
      setRuleLevel(out, "all", level(*all, std::string(key) + ".all"));
    for (auto&& [ruleKey, value] : *table) {
      std::string_view code = ruleKey.str();
      if (code == "all") continue;
      std::string dotted = std::string(key) + "." + std::string(code);
      if (!findRule(code))
        fail(ruleKey.source(), dotted,
             "unknown rule `" + std::string(code) + "` in " + shown(key) +
                 didYouMean(code, ruleCodeChoices()) +
                 (closestMatch(code, ruleCodeChoices()) ? ""
                                                        : " (`shrike explain` lists the rules)"));
      setRuleLevel(out, code, level(value, dotted));
    }
  }

  RuleLevel level(const toml::node& node, const std::string& key) const {
    std::string value = choice(node, key, ruleLevelChoices());
    return value == "error"  ? RuleLevel::Error
           : value == "warn" ? RuleLevel::Warn
                             : RuleLevel::Ignore;
  }

  void overrides(const toml::node& node) const {
    const toml::array* array = node.as_array();
    if (!array)
      fail(node.source(), "overrides",
           shown("overrides") + " must be an array of tables ([[overrides]])");
    for (const toml::node& item : *array) {
      const toml::table* table = item.as_table();
      if (!table)
        fail(item.source(), "overrides",
             shown("overrides") + " must be an array of tables ([[overrides]])");
      RuleOverride override;
      bool hasInclude = false;
      for (auto&& [key, value] : *table) {
        std::string_view name = key.str();
        if (name == "include") {
          override.include = strings(value, "overrides.include");
          hasInclude = true;
        } else if (name == "rules") {
          rules(value, "overrides.rules", override.rules);
        } else {
          fail(key.source(), "overrides." + std::string(name),
               "unknown key " + shown("overrides." + std::string(name)) +
                   ": expected `include` or `rules`" + didYouMean(name, {"include", "rules"}));
        }
      }
      if (!hasInclude || override.include.empty())
        fail(item.source(), "overrides.include",
             "each " + shown("overrides") + " entry needs an `include` list of globs");
      config_.settings.overrides.push_back(std::move(override));
    }
  }

  void read(const toml::table& table) {
    Settings& s = config_.settings;
    TerminalSettings& t = config_.terminal;
    for (auto&& [key, value] : table) {
      std::string_view name = key.str();
      if (name == "python-version") {
        if (value.is_floating_point())
          fail(value.source(), "python-version",
               shown(name) +
                   " must be a string such as \"3.12\" (a number would read 3.10 as 3.1)");
        std::string text = choice(value, name, pythonVersionChoices());
        s.pythonVersion = parsePythonVersion(text);
      } else if (name == "python-platform") {
        s.pythonPlatform = choice(value, name, pythonPlatformChoices());
      } else if (name == "python") {
        s.python = path(value, name);
      } else if (name == "include") {
        s.include = strings(value, name);
      } else if (name == "exclude") {
        s.exclude = strings(value, name);
      } else if (name == "respect-gitignore") {
        s.respectGitignore = boolean(value, name);
      } else if (name == "extra-search-paths") {
        s.extraSearchPaths.clear();
        for (const std::string& entry : strings(value, name))
          s.extraSearchPaths.push_back(normalizePath(entry, s.projectRoot));
      } else if (name == "stub-path") {
        s.stubPath = path(value, name);
      } else if (name == "typeshed") {
        s.typeshedPath = path(value, name);
      } else if (name == "max-file-size") {
        s.maxFileSize = static_cast<uint64_t>(integer(value, name, 1));
      } else if (name == "threads") {
        s.threads = static_cast<unsigned>(integer(value, name, 0));
      } else if (name == "output-format") {
        t.outputFormat = choice(value, name, outputFormatChoices());
      } else if (name == "color") {
        t.color = choice(value, name, colorChoices());
      } else if (name == "exit-zero") {
        t.exitZero = boolean(value, name);
      } else if (name == "error-on-warning") {
        t.errorOnWarning = boolean(value, name);
      } else if (name == "baseline") {
        t.baseline = path(value, name);
      } else if (name == "rules") {
        rules(value, "rules", s.rules);
      } else if (name == "overrides") {
        overrides(value);
      } else {
        fail(key.source(), std::string(name),
             "unknown key " + shown(name) + didYouMean(name, topLevelKeys()) + "; valid keys are " +
                 quotedList(topLevelKeys()));
      }
    }
  }

private:
  std::string file_;
  std::string prefix_; // "tool.shrike." in pyproject.toml, "" in shrike.toml
  ProjectConfig& config_;
};

// The lowest Python version a `requires-python` specifier allows (">=3.9,<4" -> 3.9).
std::optional<PythonVersion> lowestRequiredPython(std::string_view specifier) {
  std::optional<PythonVersion> lowest;
  size_t start = 0;
  while (start <= specifier.size()) {
    size_t comma = specifier.find(',', start);
    std::string_view clause = specifier.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    start = comma == std::string_view::npos ? specifier.size() + 1 : comma + 1;
    while (!clause.empty() && clause.front() == ' ') clause.remove_prefix(1);
    if (!(clause.rfind(">=", 0) == 0 || clause.rfind("~=", 0) == 0 || clause.rfind("==", 0) == 0))
      continue;
    clause.remove_prefix(2);
    while (!clause.empty() && clause.front() == ' ') clause.remove_prefix(1);
    PythonVersion version;
    auto [afterMajor, majorError] =
        std::from_chars(clause.data(), clause.data() + clause.size(), version.major);
    if (majorError != std::errc() || afterMajor == clause.data() + clause.size() ||
        *afterMajor != '.')
      continue;
    auto [afterMinor, minorError] =
        std::from_chars(afterMajor + 1, clause.data() + clause.size(), version.minor);
    if (minorError != std::errc() || version.major != 3) continue;
    if (!lowest || *lowest < version) lowest = version;
  }
  return lowest;
}

std::optional<std::string> readText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return std::move(buffer).str();
}

bool isFile(const std::string& path) {
  std::error_code error;
  return fs::is_regular_file(path, error);
}

bool pyprojectHasShrikeTable(const std::string& path) {
  auto text = readText(path);
  if (!text) return false;
  try {
    toml::table table = toml::parse(*text, path);
    return table["tool"]["shrike"].is_table();
  } catch (const toml::parse_error&) {
    return true; // a broken pyproject.toml: read it so that the error is shown
  }
}

} // namespace

ConfigResult parseConfigText(std::string_view text, const std::string& path, bool isPyproject) {
  ProjectConfig config;
  config.configFile = path;
  config.settings.projectRoot = fs::path(path).parent_path().string();
  if (config.settings.projectRoot.empty()) config.settings.projectRoot = ".";
  try {
    toml::table document;
    try {
      document = toml::parse(text, path);
    } catch (const toml::parse_error& error) {
      ConfigError out;
      out.file = path;
      out.line = error.source().begin.line;
      out.column = error.source().begin.column;
      out.message = "invalid TOML: " + std::string(error.description());
      return out;
    }
    const toml::table* table = &document;
    if (isPyproject) {
      if (auto required = document["project"]["requires-python"].value<std::string>())
        if (auto version = lowestRequiredPython(*required)) {
          config.settings.pythonVersion = version;
          config.notes.push_back("python-version " + version->toString() +
                                 " from requires-python in " + path);
        }
      table = document["tool"]["shrike"].as_table();
      if (!table) {
        if (document["tool"]["shrike"]) {
          ConfigError out;
          out.file = path;
          out.line = document["tool"]["shrike"].node()->source().begin.line;
          out.column = document["tool"]["shrike"].node()->source().begin.column;
          out.key = "tool.shrike";
          out.message = "`tool.shrike` must be a table";
          return out;
        }
        return config;
      }
    }
    Reader reader(path, isPyproject ? "tool.shrike." : "", config);
    reader.read(*table);
  } catch (const Failure& failure) {
    return failure.error;
  }
  return config;
}

ConfigResult loadConfigFile(const std::string& given) {
  std::string path = normalizePath(given, fs::current_path().string());
  auto text = readText(path);
  if (!text || !isFile(path)) {
    ConfigError error;
    error.file = path;
    error.message = "cannot read the configuration file";
    return error;
  }
  return parseConfigText(*text, path, fs::path(path).filename() == "pyproject.toml");
}

ConfigResult discoverProjectConfig(const std::string& startFolder) {
  std::string folder = normalizePath(startFolder, startFolder);
  std::optional<std::string> nearestPyproject;
  for (fs::path current = folder;; current = current.parent_path()) {
    std::string shrikeToml = (current / "shrike.toml").string();
    std::string pyproject = (current / "pyproject.toml").string();
    if (isFile(shrikeToml)) {
      ConfigResult result = loadConfigFile(shrikeToml);
      if (auto* config = std::get_if<ProjectConfig>(&result);
          config && isFile(pyproject) && pyprojectHasShrikeTable(pyproject))
        config->notes.push_back("ignoring [tool.shrike] in " + pyproject + ": " + shrikeToml +
                                " wins");
      return result;
    }
    if (isFile(pyproject)) {
      if (pyprojectHasShrikeTable(pyproject)) return loadConfigFile(pyproject);
      if (!nearestPyproject) nearestPyproject = pyproject;
    }
    if (current == current.root_path() || current.parent_path() == current) break;
  }
  if (nearestPyproject) {
    ConfigResult result = loadConfigFile(*nearestPyproject);
    // Only requires-python and the root came from it: it holds no Shrike configuration.
    if (auto* config = std::get_if<ProjectConfig>(&result)) config->configFile.clear();
    return result;
  }
  ProjectConfig config;
  config.settings.projectRoot = folder;
  return config;
}

} // namespace shrike::checker
