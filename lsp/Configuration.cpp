// Configuration: reading the editor's `shrike` settings onto checker::Settings.
#include "lsp/Configuration.h"

#include "checker/config/ConfigLoader.h"
#include "checker/config/Suggest.h"

namespace shrike::lsp {

namespace {

// The value of `key` in either spelling ("python-version" or "pythonVersion"); null if absent.
const json* setting(const json& section, const std::string& kebab) {
  if (!section.is_object()) return nullptr;
  if (auto it = section.find(kebab); it != section.end() && !it->is_null()) return &*it;
  std::string camel;
  bool upper = false;
  for (char c : kebab) {
    if (c == '-') {
      upper = true;
      continue;
    }
    camel.push_back(upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c);
    upper = false;
  }
  if (auto it = section.find(camel); it != section.end() && !it->is_null()) return &*it;
  return nullptr;
}

std::optional<checker::RuleLevel> parseLevel(const json& value) {
  if (!value.is_string()) return std::nullopt;
  std::string level = value.get<std::string>();
  if (level == "error") return checker::RuleLevel::Error;
  if (level == "warn" || level == "warning") return checker::RuleLevel::Warn;
  if (level == "ignore") return checker::RuleLevel::Ignore;
  return std::nullopt;
}

std::vector<std::string> stringList(const json& value) {
  std::vector<std::string> out;
  if (value.is_string()) out.push_back(value.get<std::string>());
  if (value.is_array())
    for (const json& item : value)
      if (item.is_string()) out.push_back(item.get<std::string>());
  return out;
}

} // namespace

json shrikeSection(const json& settings) {
  if (settings.is_object() && settings.contains("shrike")) return settings["shrike"];
  return settings;
}

checker::Settings loadSettings(const std::string& root, const json& editorSettings,
                               std::vector<std::string>& problems) {
  // The project's own configuration, found the way `shrike check` run in the folder finds it.
  checker::Settings settings;
  checker::ConfigResult project = checker::discoverProjectConfig(root);
  if (auto* config = std::get_if<checker::ProjectConfig>(&project)) {
    settings = std::move(config->settings);
  } else {
    const auto& error = std::get<checker::ConfigError>(project);
    problems.push_back(error.format(error.file));
    settings.projectRoot = root;
  }
  const json& section = editorSettings;
  if (!section.is_object()) return settings;
  if (const json* version = setting(section, "python-version")) {
    auto parsed = version->is_string() ? checker::parsePythonVersion(version->get<std::string>())
                                       : std::nullopt;
    if (parsed)
      settings.pythonVersion = parsed;
    else
      problems.push_back("python-version must be one of " +
                         checker::quotedList(checker::pythonVersionChoices()));
  }
  if (const json* platform = setting(section, "python-platform"); platform && platform->is_string())
    settings.pythonPlatform = platform->get<std::string>();
  if (const json* python = setting(section, "python"); python && python->is_string())
    settings.python = python->get<std::string>();
  if (const json* paths = setting(section, "extra-search-paths"))
    settings.extraSearchPaths = stringList(*paths);
  if (const json* rules = setting(section, "rules")) {
    if (!rules->is_object()) {
      problems.push_back("rules must be a table of rule = \"error\" | \"warn\" | \"ignore\"");
    } else {
      for (const auto& [code, value] : rules->items()) {
        auto level = parseLevel(value);
        if (!level) {
          problems.push_back("rule `" + code + "` must be \"error\", \"warn\" or \"ignore\"");
        } else if (!checker::setRuleLevel(settings.rules, code, *level)) {
          problems.push_back("unknown rule `" + code + "`" +
                             checker::didYouMean(code, checker::ruleCodeChoices()));
        }
      }
    }
  }
  return settings;
}

} // namespace shrike::lsp
