// JunitFormat: JUnit XML for CI dashboards — one test case per checked file, failing when
// the file has errors or warnings; the failure text lists them as concise lines.
#include "cli/OutputFormats.h"

#include <map>

namespace shrike::cli {

namespace {

std::string xmlEscape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&apos;"; break;
    default:
      // XML 1.0 forbids most control characters even when escaped.
      if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r')
        out += ' ';
      else
        out += c;
    }
  }
  return out;
}

bool fails(const ReportDiagnostic& d) {
  return d.severity == checker::Severity::Error || d.severity == checker::Severity::Warning;
}

} // namespace

void writeJunit(const Report& report, std::ostream& out, const FormatContext&) {
  std::map<std::string_view, std::vector<const ReportDiagnostic*>> byFile;
  for (const ReportDiagnostic& d : report.diagnostics) byFile[d.path].push_back(&d);
  size_t failures = 0;
  for (const auto& [path, diagnostics] : byFile)
    for (const ReportDiagnostic* d : diagnostics)
      if (fails(*d)) {
        ++failures;
        break;
      }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"shrike\" tests=\"" << report.files.size() << "\" failures=\""
      << failures << "\" errors=\"0\">\n";
  out << "  <testsuite name=\"shrike check\" tests=\"" << report.files.size() << "\" failures=\""
      << failures << "\" errors=\"0\" skipped=\"0\">\n";
  for (const std::string& file : report.files) {
    out << "    <testcase name=\"" << xmlEscape(file) << "\" classname=\"shrike\"";
    auto it = byFile.find(file);
    if (it == byFile.end()) {
      out << "/>\n";
      continue;
    }
    out << ">\n";
    size_t failing = 0;
    std::string failed, passed;
    for (const ReportDiagnostic* d : it->second) {
      if (fails(*d)) {
        ++failing;
        failed += conciseLine(*d) + '\n';
      } else {
        passed += conciseLine(*d) + '\n';
      }
    }
    if (failing)
      out << "      <failure message=\"" << failing
          << (failing == 1 ? " diagnostic" : " diagnostics") << "\" type=\"shrike\">"
          << xmlEscape(failed) << "</failure>\n";
    if (!passed.empty()) out << "      <system-out>" << xmlEscape(passed) << "</system-out>\n";
    out << "    </testcase>\n";
  }
  out << "  </testsuite>\n</testsuites>\n";
}

} // namespace shrike::cli
