// Configuration: reading the editor's `shrike` settings onto checker::Settings.
#include "lsp/Configuration.h"

#include <charconv>

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

std::optional<checker::PythonVersion> parseVersion(const std::string& text) {
  checker::PythonVersion version;
  const char* begin = text.data();
  const char* end = begin + text.size();
  auto [dot, error] = std::from_chars(begin, end, version.major);
  if (error != std::errc() || dot == end || *dot != '.') return std::nullopt;
  auto [stop, error2] = std::from_chars(dot + 1, end, version.minor);
  if (error2 != std::errc() || stop != end || version.major != 3) return std::nullopt;
  return version;
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
  checker::Settings settings;
  settings.projectRoot = root;
  // TODO(config): read pyproject.toml / shrike.toml through the command line's ConfigLoader
  // once it is on main, so both front ends see the same project settings.
  const json& section = editorSettings;
  if (!section.is_object()) return settings;
  if (const json* version = setting(section, "python-version")) {
    auto parsed = version->is_string() ? parseVersion(version->get<std::string>()) : std::nullopt;
    if (parsed)
      settings.pythonVersion = parsed;
    else
      problems.push_back("python-version must look like \"3.12\"");
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
        const checker::RuleInfo* rule = checker::findRule(code);
        auto level = parseLevel(value);
        if (!rule)
          problems.push_back("unknown rule `" + code + "`");
        else if (!level)
          problems.push_back("rule `" + code + "` must be \"error\", \"warn\" or \"ignore\"");
        else
          settings.rules[rule->rule] = *level;
      }
    }
  }
  return settings;
}

} // namespace shrike::lsp
