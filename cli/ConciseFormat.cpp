// ConciseFormat: one line per diagnostic, `path:line:col: error[rule-code] message` — the
// line format that the conformance scorer and other tools read; keep it stable.
#include "cli/OutputFormats.h"

namespace shrike::cli {

std::string conciseLine(const ReportDiagnostic& d) {
  std::string line = d.path;
  line += ':' + std::to_string(d.start.line) + ':' + std::to_string(d.start.column) + ": ";
  line += checker::severityName(d.severity);
  line += '[';
  line += d.code();
  line += "] ";
  // One diagnostic, one line: a line break in a message would split it for every reader.
  for (char c : d.message) line += (c == '\n' || c == '\r') ? ' ' : c;
  return line;
}

void writeConcise(const Report& report, std::ostream& out, const FormatContext& context) {
  for (const ReportDiagnostic& d : report.diagnostics) {
    if (!context.style.enabled()) {
      out << conciseLine(d) << '\n';
      continue;
    }
    std::string severity(checker::severityName(d.severity));
    std::string label = d.severity == checker::Severity::Error     ? context.style.red(severity)
                        : d.severity == checker::Severity::Warning ? context.style.yellow(severity)
                                                                   : context.style.cyan(severity);
    out << context.style.bold(d.path + ':' + std::to_string(d.start.line) + ':' +
                              std::to_string(d.start.column) + ':')
        << ' ' << label << '[' << d.code() << "] ";
    for (char c : d.message) out << ((c == '\n' || c == '\r') ? ' ' : c);
    out << '\n';
  }
}

} // namespace shrike::cli
