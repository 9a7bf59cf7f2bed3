// JsonFormat: the stable machine-readable schema documented in docs/cli.md ("version": 1).
// Add fields freely; renaming or removing one needs a new version number.
#include "cli/OutputFormats.h"

#include <nlohmann/json.hpp>

namespace shrike::cli {

namespace {

using Json = nlohmann::ordered_json;

Json position(const Position& p) {
  return Json{{"line", p.line}, {"column", p.column}};
}

} // namespace

void writeJson(const Report& report, std::ostream& out, const FormatContext& context) {
  Json diagnostics = Json::array();
  for (const ReportDiagnostic& d : report.diagnostics) {
    Json notes = Json::array();
    for (const ReportNote& note : d.notes) {
      Json n{{"message", note.message}, {"file", note.path}};
      n["start"] = note.text ? position(note.start) : Json();
      n["end"] = note.text ? position(note.end) : Json();
      notes.push_back(std::move(n));
    }
    diagnostics.push_back(Json{{"file", d.path},
                               {"rule", d.code()},
                               {"severity", checker::severityName(d.severity)},
                               {"message", d.message},
                               {"start", position(d.start)},
                               {"end", position(d.end)},
                               {"notes", std::move(notes)}});
  }
  Json document{{"version", 1},
                {"tool", Json{{"name", "shrike"}, {"version", context.version}}},
                {"diagnostics", std::move(diagnostics)},
                {"summary", Json{{"filesChecked", report.files.size()},
                                 {"errors", report.count(checker::Severity::Error)},
                                 {"warnings", report.count(checker::Severity::Warning)},
                                 {"infos", report.count(checker::Severity::Information)},
                                 {"hints", report.count(checker::Severity::Hint)},
                                 {"hiddenByBaseline", report.hiddenByBaseline}}}};
  out << document.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

} // namespace shrike::cli
