// GitlabFormat: a GitLab Code Quality report (a JSON array of issues, CodeClimate style).
// Fingerprints hash the file, rule, message and occurrence, not the line, so that moving
// code does not make GitLab see old issues as new.
#include "cli/OutputFormats.h"
#include "parser/StableHash.h"

#include <cstdio>
#include <map>
#include <tuple>

#include <nlohmann/json.hpp>

namespace shrike::cli {

namespace {

using Json = nlohmann::ordered_json;

std::string fingerprint(const ReportDiagnostic& d, size_t occurrence) {
  std::string key =
      d.path + '\0' + std::string(d.code()) + '\0' + d.message + '\0' + std::to_string(occurrence);
  char hex[33];
  std::snprintf(hex, sizeof hex, "%016llx%016llx",
                static_cast<unsigned long long>(parser::stableHash(key)),
                static_cast<unsigned long long>(parser::stableHash(key, 0x84222325cbf29ce4ULL)));
  return hex;
}

std::string_view severity(checker::Severity severity) {
  switch (severity) {
  case checker::Severity::Error: return "major";
  case checker::Severity::Warning: return "minor";
  default: return "info";
  }
}

} // namespace

void writeGitlab(const Report& report, std::ostream& out, const FormatContext&) {
  Json issues = Json::array();
  std::map<std::tuple<std::string, std::string_view, std::string>, size_t> occurrences;
  for (const ReportDiagnostic& d : report.diagnostics) {
    size_t occurrence = occurrences[{d.path, d.code(), d.message}]++;
    issues.push_back(
        Json{{"description", d.message},
             {"check_name", d.code()},
             {"fingerprint", fingerprint(d, occurrence)},
             {"severity", severity(d.severity)},
             {"location", Json{{"path", d.path},
                               {"lines", Json{{"begin", d.start.line}, {"end", d.end.line}}}}}});
  }
  out << issues.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

} // namespace shrike::cli
