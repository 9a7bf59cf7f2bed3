// GithubFormat: GitHub Actions workflow commands, which the runner turns into annotations
// on the pull request: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`.
#include "cli/OutputFormats.h"

namespace shrike::cli {

namespace {

// The runner decodes %25, %0D and %0A in messages, and also %3A and %2C in properties.
std::string escape(std::string_view text, bool property) {
  std::string out;
  for (char c : text) {
    switch (c) {
    case '%': out += "%25"; break;
    case '\r': out += "%0D"; break;
    case '\n': out += "%0A"; break;
    case ':': out += property ? "%3A" : ":"; break;
    case ',': out += property ? "%2C" : ","; break;
    default: out += c;
    }
  }
  return out;
}

std::string_view command(checker::Severity severity) {
  switch (severity) {
  case checker::Severity::Error: return "error";
  case checker::Severity::Warning: return "warning";
  default: return "notice";
  }
}

} // namespace

void writeGithub(const Report& report, std::ostream& out, const FormatContext&) {
  for (const ReportDiagnostic& d : report.diagnostics) {
    out << "::" << command(d.severity) << " file=" << escape(d.path, true)
        << ",line=" << d.start.line << ",col=" << d.start.column << ",endLine=" << d.end.line
        << ",endColumn=" << d.end.column
        << ",title=" << escape("shrike (" + std::string(d.code()) + ")", true)
        << "::" << escape(conciseLine(d), false) << '\n';
  }
}

} // namespace shrike::cli
