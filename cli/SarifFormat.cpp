// SarifFormat: a SARIF 2.1.0 log — one run, the rules it reports described, columns in code
// points — which GitHub code scanning and other tools read.
#include "cli/OutputFormats.h"

#include <nlohmann/json.hpp>

namespace shrike::cli {

namespace {

using Json = nlohmann::ordered_json;

// A path as a URI reference: unreserved characters and '/' stay, the rest is %-encoded.
std::string uriEncode(std::string_view path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string_view level(checker::Severity severity) {
  switch (severity) {
  case checker::Severity::Error: return "error";
  case checker::Severity::Warning: return "warning";
  default: return "note";
  }
}

Json artifactLocation(const std::string& path) {
  if (!path.empty() && path.front() == '/') return Json{{"uri", "file://" + uriEncode(path)}};
  return Json{{"uri", uriEncode(path)}, {"uriBaseId", "%SRCROOT%"}};
}

Json region(const Position& start, const Position& end) {
  return Json{{"startLine", start.line},
              {"startColumn", start.column},
              {"endLine", end.line},
              {"endColumn", end.column}};
}

} // namespace

void writeSarif(const Report& report, std::ostream& out, const FormatContext& context) {
  // The rules that results refer to, in the order of Rules.def; `ruleIndex` points here.
  std::vector<const checker::RuleInfo*> used;
  std::vector<size_t> indexOf(checker::allRules().size(), 0);
  {
    std::vector<bool> seen(checker::allRules().size(), false);
    for (const ReportDiagnostic& d : report.diagnostics) seen[static_cast<size_t>(d.rule)] = true;
    for (const checker::RuleInfo& rule : checker::allRules())
      if (seen[static_cast<size_t>(rule.rule)]) {
        indexOf[static_cast<size_t>(rule.rule)] = used.size();
        used.push_back(&rule);
      }
  }
  Json rules = Json::array();
  for (const checker::RuleInfo* rule : used) {
    rules.push_back(Json{{"id", rule->code},
                         {"shortDescription", Json{{"text", rule->summary}}},
                         {"help", Json{{"text", "Run `shrike explain " + std::string(rule->code) +
                                                    "` for details"}}},
                         {"defaultConfiguration", Json{{"enabled", rule->enabledByDefault},
                                                       {"level", level(rule->defaultSeverity)}}}});
  }
  Json results = Json::array();
  for (const ReportDiagnostic& d : report.diagnostics) {
    Json result{
        {"ruleId", d.code()},
        {"ruleIndex", indexOf[static_cast<size_t>(d.rule)]},
        {"level", level(d.severity)},
        {"message", Json{{"text", d.message}}},
        {"locations",
         Json::array({Json{{"physicalLocation", Json{{"artifactLocation", artifactLocation(d.path)},
                                                     {"region", region(d.start, d.end)}}}}})}};
    if (!d.notes.empty()) {
      Json related = Json::array();
      for (size_t i = 0; i < d.notes.size(); ++i) {
        const ReportNote& note = d.notes[i];
        Json physical{{"artifactLocation", artifactLocation(note.path)}};
        if (note.text) physical["region"] = region(note.start, note.end);
        related.push_back(Json{
            {"id", i}, {"message", Json{{"text", note.message}}}, {"physicalLocation", physical}});
      }
      result["relatedLocations"] = std::move(related);
    }
    results.push_back(std::move(result));
  }
  std::string root = context.cwd;
  if (root.empty() || root.back() != '/') root += '/';
  Json run{{"tool", Json{{"driver", Json{{"name", "shrike"},
                                         {"version", context.version},
                                         {"semanticVersion", context.version},
                                         {"rules", std::move(rules)}}}}},
           {"originalUriBaseIds", Json{{"%SRCROOT%", Json{{"uri", "file://" + uriEncode(root)}}}}},
           {"columnKind", "unicodeCodePoints"},
           {"results", std::move(results)}};
  Json log{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
           {"version", "2.1.0"},
           {"runs", Json::array({std::move(run)})}};
  out << log.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

} // namespace shrike::cli
