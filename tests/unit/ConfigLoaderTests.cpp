// ConfigLoaderTests: reading every key into Settings, and the errors for bad configuration
// (file, line, key, valid choices, suggestion).
#include "checker/config/ConfigLoader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace shrike::checker;

namespace {

ProjectConfig parseOk(std::string_view text, bool pyproject = false) {
  ConfigResult result =
      parseConfigText(text, pyproject ? "/proj/pyproject.toml" : "/proj/shrike.toml", pyproject);
  if (auto* error = std::get_if<ConfigError>(&result)) {
    ADD_FAILURE() << error->format(error->file);
    return {};
  }
  return std::get<ProjectConfig>(result);
}

ConfigError parseError(std::string_view text, bool pyproject = false) {
  ConfigResult result = parseConfigText(text, "/proj/shrike.toml", pyproject);
  if (auto* error = std::get_if<ConfigError>(&result)) return *error;
  ADD_FAILURE() << "expected an error for:\n" << text;
  return {};
}

TEST(ConfigLoader, ReadsEveryKey) {
  ProjectConfig config = parseOk(R"(
python-version = "3.11"
python-platform = "win32"
python = ".venv/bin/python"
include = ["src", "tests/**/*.py"]
exclude = ["generated/"]
respect-gitignore = false
extra-search-paths = ["vendor", "/opt/lib"]
stub-path = "typings"
max-file-size = 1000
threads = 3
output-format = "json"
color = "never"
exit-zero = true
error-on-warning = true
baseline = "baseline.json"

[rules]
possibly-unbound = "error"
reveal-type = "ignore"

[[overrides]]
include = ["tests/**"]
rules = { invalid-argument-type = "warn" }
)");
  const Settings& s = config.settings;
  EXPECT_EQ(s.projectRoot, "/proj");
  EXPECT_EQ(s.pythonVersion, (PythonVersion{3, 11}));
  EXPECT_EQ(s.pythonPlatform, "win32");
  EXPECT_EQ(s.python, "/proj/.venv/bin/python");
  EXPECT_EQ(s.include, (std::vector<std::string>{"src", "tests/**/*.py"}));
  EXPECT_EQ(s.exclude, (std::vector<std::string>{"generated/"}));
  EXPECT_FALSE(s.respectGitignore);
  EXPECT_EQ(s.extraSearchPaths, (std::vector<std::string>{"/proj/vendor", "/opt/lib"}));
  EXPECT_EQ(s.stubPath, "/proj/typings");
  EXPECT_EQ(s.maxFileSize, 1000u);
  EXPECT_EQ(s.threads, 3u);
  EXPECT_EQ(config.terminal.outputFormat, "json");
  EXPECT_EQ(config.terminal.color, "never");
  EXPECT_EQ(config.terminal.exitZero, true);
  EXPECT_EQ(config.terminal.errorOnWarning, true);
  EXPECT_EQ(config.terminal.baseline, "/proj/baseline.json");
  EXPECT_EQ(s.rules.at(Rule::PossiblyUnbound), RuleLevel::Error);
  EXPECT_EQ(s.rules.at(Rule::RevealType), RuleLevel::Ignore);
  ASSERT_EQ(s.overrides.size(), 1u);
  EXPECT_EQ(s.overrides[0].include, (std::vector<std::string>{"tests/**"}));
  EXPECT_EQ(s.overrides[0].rules.at(Rule::InvalidArgumentType), RuleLevel::Warn);
}

TEST(ConfigLoader, OverridesApplyToMatchingFiles) {
  ProjectConfig config = parseOk(R"(
[rules]
invalid-syntax = "warn"
[[overrides]]
include = ["tests/**"]
[overrides.rules]
invalid-syntax = "ignore"
)");
  EXPECT_EQ(effectiveSeverity(config.settings, Rule::InvalidSyntax, "/proj/src/a.py"),
            Severity::Warning);
  EXPECT_EQ(effectiveSeverity(config.settings, Rule::InvalidSyntax, "/proj/tests/unit/a.py"),
            std::nullopt);
}

TEST(ConfigLoader, OverrideGlobsFollowTheSameRulesAsExclude) {
  ProjectConfig config = parseOk(R"(
[[overrides]]
include = ["src/strict/*.py", "**/conftest.py"]
rules = { invalid-syntax = "warn" }
)");
  auto level = [&](const char* path) {
    return effectiveSeverity(config.settings, Rule::InvalidSyntax, path);
  };
  EXPECT_EQ(level("/proj/src/strict/a.py"), Severity::Warning);
  EXPECT_EQ(level("/proj/src/strict/sub/a.py"), Severity::Error); // `*` stays in one folder
  EXPECT_EQ(level("/proj/conftest.py"), Severity::Warning);       // `**/` may match no folder
  EXPECT_EQ(level("/proj/tests/unit/conftest.py"), Severity::Warning);
}

TEST(ConfigLoader, AllIsAppliedBeforeTheRulesNamedBesideIt) {
  ProjectConfig config = parseOk("[rules]\ninvalid-syntax = \"warn\"\nall = \"ignore\"\n");
  EXPECT_EQ(config.settings.rules.at(Rule::InvalidSyntax), RuleLevel::Warn);
  EXPECT_EQ(config.settings.rules.at(Rule::UnresolvedImport), RuleLevel::Ignore);
}

TEST(ConfigLoader, PyprojectReadsToolShrikeAndRequiresPython) {
  ProjectConfig config = parseOk(R"(
[project]
name = "demo"
requires-python = ">=3.9, <4"
[tool.shrike]
exclude = ["build/"]
)",
                                 true);
  EXPECT_EQ(config.settings.pythonVersion, (PythonVersion{3, 9}));
  EXPECT_EQ(config.settings.exclude, (std::vector<std::string>{"build/"}));
  // python-version in [tool.shrike] wins over requires-python.
  ProjectConfig explicitVersion = parseOk(
      "[project]\nrequires-python = \">=3.9\"\n[tool.shrike]\npython-version = \"3.12\"\n", true);
  EXPECT_EQ(explicitVersion.settings.pythonVersion, (PythonVersion{3, 12}));
}

TEST(ConfigLoader, PyprojectWithoutToolShrikeIsEmptyConfiguration) {
  ProjectConfig config = parseOk("[project]\nname = \"x\"\n[tool.ruff]\nline-length = 100\n", true);
  EXPECT_TRUE(config.settings.exclude.empty());
  EXPECT_FALSE(config.settings.pythonVersion);
}

struct ErrorCase {
  const char* text;
  uint32_t line;
  const char* key;
  const char* message;
};

void PrintTo(const ErrorCase& c, std::ostream* out) {
  *out << c.key;
}

class ConfigErrors : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(ConfigErrors, NameFileLineKeyAndChoices) {
  const ErrorCase& c = GetParam();
  ConfigError error = parseError(c.text);
  EXPECT_EQ(error.file, "/proj/shrike.toml");
  EXPECT_EQ(error.line, c.line);
  EXPECT_EQ(error.key, c.key);
  EXPECT_EQ(error.message, c.message);
}

INSTANTIATE_TEST_SUITE_P(
    ConfigLoader, ConfigErrors,
    ::testing::Values(
        ErrorCase{
            "[rules]\ninvalid-assigment = \"error\"\n", 2, "rules.invalid-assigment",
            "unknown rule `invalid-assigment` in `rules`; did you mean `invalid-assignment`?"},
        ErrorCase{"\n\npython-platform = \"linx\"\n", 3, "python-platform",
                  "invalid value `linx` for `python-platform`: expected `linux`, `darwin`, `win32` "
                  "or `all`; did you "
                  "mean `linux`?"},
        ErrorCase{"[rules]\nreveal-type = \"warning\"\n", 2, "rules.reveal-type",
                  "invalid value `warning` for `rules.reveal-type`: expected `error`, `warn` or "
                  "`ignore`; did you "
                  "mean `warn`?"},
        ErrorCase{"threads = -1\n", 1, "threads", "`threads` must be a whole number of at least 0"},
        ErrorCase{"exclude = [\"a\", 3]\n", 1, "exclude", "`exclude` must be an array of strings"},
        ErrorCase{"exit-zero = \"yes\"\n", 1, "exit-zero", "`exit-zero` must be true or false"},
        ErrorCase{"python-version = \"2.7\"\n", 1, "python-version",
                  "invalid value `2.7` for `python-version`: expected `3.7`, `3.8`, `3.9`, `3.10`, "
                  "`3.11`, `3.12`, "
                  "`3.13` or `3.14`; did you mean `3.7`?"},
        ErrorCase{
            "[[overrides]]\ninclude = [\"x\"]\nrule = {}\n", 3, "overrides.rule",
            "unknown key `overrides.rule`: expected `include` or `rules`; did you mean `rules`?"},
        ErrorCase{"[[overrides]]\nrules = {}\n", 1, "overrides.include",
                  "each `overrides` entry needs an `include` list of globs"}));

TEST(ConfigLoader, UnknownKeysListTheValidOnes) {
  ConfigError error = parseError("pyton = \"/usr/bin/python3\"\n");
  EXPECT_EQ(error.line, 1u);
  EXPECT_EQ(error.key, "pyton");
  EXPECT_NE(error.message.find("did you mean `python`?"), std::string::npos) << error.message;
  EXPECT_NE(error.message.find("`extra-search-paths`"), std::string::npos) << error.message;
}

TEST(ConfigLoader, KeysInPyprojectAreNamedUnderToolShrike) {
  ConfigError error = parseError("[tool.shrike]\nexclude = 1\n", true);
  EXPECT_EQ(error.message, "`tool.shrike.exclude` must be an array of strings");
}

TEST(ConfigLoader, InvalidTomlHasAPosition) {
  ConfigError error = parseError("a = 1\n[rules\n");
  EXPECT_EQ(error.line, 2u);
  EXPECT_EQ(error.message.rfind("invalid TOML: ", 0), 0u) << error.message;
  EXPECT_EQ(error.format("shrike.toml").rfind("shrike.toml:2:", 0), 0u);
}

TEST(ConfigLoader, DiscoveryWalksUpAndShrikeTomlWins) {
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / ("shrike-config-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "a" / "b");
  std::ofstream(root / "pyproject.toml") << "[tool.shrike]\nthreads = 2\n";
  ConfigResult found = discoverProjectConfig((root / "a" / "b").string());
  ASSERT_TRUE(std::holds_alternative<ProjectConfig>(found));
  EXPECT_EQ(std::get<ProjectConfig>(found).configFile, (root / "pyproject.toml").string());
  EXPECT_EQ(std::get<ProjectConfig>(found).settings.projectRoot, root.string());
  EXPECT_EQ(std::get<ProjectConfig>(found).settings.threads, 2u);

  std::ofstream(root / "shrike.toml") << "threads = 5\n";
  found = discoverProjectConfig((root / "a").string());
  ASSERT_TRUE(std::holds_alternative<ProjectConfig>(found));
  EXPECT_EQ(std::get<ProjectConfig>(found).configFile, (root / "shrike.toml").string());
  EXPECT_EQ(std::get<ProjectConfig>(found).settings.threads, 5u);

  // A nearer pyproject.toml without [tool.shrike] does not stop the walk.
  std::ofstream(root / "a" / "pyproject.toml") << "[project]\nname = \"inner\"\n";
  found = discoverProjectConfig((root / "a" / "b").string());
  ASSERT_TRUE(std::holds_alternative<ProjectConfig>(found));
  EXPECT_EQ(std::get<ProjectConfig>(found).configFile, (root / "shrike.toml").string());
  fs::remove_all(root);
}

} // namespace
