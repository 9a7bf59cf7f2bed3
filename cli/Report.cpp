// Report: converting engine results (byte offsets, absolute paths) into report order and positions.
#include "cli/Report.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <unordered_map>

namespace shrike::cli {

size_t Report::count(checker::Severity severity) const {
  return static_cast<size_t>(
      std::count_if(diagnostics.begin(), diagnostics.end(),
                    [&](const ReportDiagnostic& d) { return d.severity == severity; }));
}

size_t Report::filesWithDiagnostics() const {
  std::set<std::string_view> paths;
  for (const ReportDiagnostic& d : diagnostics) paths.insert(d.path);
  return paths.size();
}

std::string displayPath(const std::string& path, const std::string& cwd) {
  if (cwd.empty() || path.size() <= cwd.size()) return path;
  if (path.compare(0, cwd.size(), cwd) != 0) return path;
  if (cwd.back() == '/') return path.substr(cwd.size());
  if (path[cwd.size()] != '/') return path;
  return path.substr(cwd.size() + 1);
}

Position positionOf(const parser::SourceText& text, uint32_t offset) {
  parser::LineColumn lc = text.toLineColumn(offset, parser::ColumnUnit::Utf32);
  return Position{lc.line + 1, lc.column + 1};
}

void sortDiagnostics(std::vector<ReportDiagnostic>& diagnostics) {
  std::stable_sort(diagnostics.begin(), diagnostics.end(),
                   [](const ReportDiagnostic& a, const ReportDiagnostic& b) {
                     if (a.path != b.path) return a.path < b.path;
                     if (a.start != b.start) return a.start < b.start;
                     if (a.end != b.end) return a.end < b.end;
                     if (a.rule != b.rule) return a.code() < b.code();
                     return a.message < b.message;
                   });
}

namespace {

// Texts of files that notes point into, read once each.
class NoteSources {
public:
  explicit NoteSources(const std::vector<checker::CheckedFile>& checked) {
    for (const checker::CheckedFile& file : checked)
      if (file.text) texts_.emplace(file.path, file.text);
  }

  std::shared_ptr<const parser::SourceText> get(const std::string& path) {
    if (auto it = texts_.find(path); it != texts_.end()) return it->second;
    std::shared_ptr<const parser::SourceText> text;
    std::ifstream in(path, std::ios::binary);
    if (in) {
      std::ostringstream buffer;
      buffer << in.rdbuf();
      text = std::make_shared<const parser::SourceText>(std::move(buffer).str());
    }
    texts_.emplace(path, text);
    return text;
  }

private:
  std::unordered_map<std::string, std::shared_ptr<const parser::SourceText>> texts_;
};

} // namespace

Report buildReport(std::vector<checker::CheckedFile>& checked, const std::string& cwd) {
  Report report;
  NoteSources sources(checked);
  for (checker::CheckedFile& file : checked) {
    // A file that could not be read has nothing to report; one the engine failed on
    // (text unknown) still reports its internal-error diagnostic, at 1:1.
    if (!file.text && file.diagnostics.empty()) continue;
    std::string path = displayPath(file.path, cwd);
    report.files.push_back(path);
    for (checker::Diagnostic& diagnostic : file.diagnostics) {
      ReportDiagnostic out;
      out.path = path;
      out.absolutePath = file.path;
      out.rule = diagnostic.rule;
      out.severity = diagnostic.severity;
      out.message = std::move(diagnostic.message);
      out.range = diagnostic.range;
      if (file.text) {
        out.start = positionOf(*file.text, diagnostic.range.start);
        out.end = positionOf(*file.text, diagnostic.range.end);
      }
      out.text = file.text;
      for (checker::DiagnosticNote& note : diagnostic.notes) {
        ReportNote noteOut;
        noteOut.message = std::move(note.message);
        noteOut.range = note.range;
        if (note.path.empty() || note.path == file.path) {
          noteOut.path = path;
          noteOut.text = file.text;
        } else {
          noteOut.path = displayPath(note.path, cwd);
          noteOut.text = sources.get(note.path);
        }
        if (noteOut.text) {
          noteOut.start = positionOf(*noteOut.text, note.range.start);
          noteOut.end = positionOf(*noteOut.text, note.range.end);
        }
        out.notes.push_back(std::move(noteOut));
      }
      report.diagnostics.push_back(std::move(out));
    }
  }
  std::sort(report.files.begin(), report.files.end());
  sortDiagnostics(report.diagnostics);
  return report;
}

} // namespace shrike::cli
