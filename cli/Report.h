// Report: the checked files and their diagnostics in the shape every output format reads —
// display paths, 1-based line/column positions (columns in Unicode code points), and a
// deterministic order (path, line, column) whatever the number of threads.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "checker/Program.h"
#include "checker/check/Diagnostic.h"
#include "parser/SourceText.h"

namespace shrike::cli {

// 1-based line and column; the column counts Unicode code points, as ty and ruff do.
struct Position {
  uint32_t line = 1;
  uint32_t column = 1;
  auto operator<=>(const Position&) const = default;
};

struct ReportNote {
  std::string message;
  std::string path; // display path; the diagnostic's own file when the note named none
  Position start, end;
  parser::TextRange range;
  std::shared_ptr<const parser::SourceText> text; // null when the file could not be read
};

struct ReportDiagnostic {
  std::string path;         // display path
  std::string absolutePath; // as the engine knows it
  checker::Rule rule;
  checker::Severity severity;
  std::string message;
  Position start, end;
  parser::TextRange range;
  std::vector<ReportNote> notes;
  std::shared_ptr<const parser::SourceText> text;

  std::string_view code() const { return checker::ruleInfo(rule).code; }
};

struct Report {
  std::vector<std::string> files;            // display paths of every checked file, sorted
  std::vector<ReportDiagnostic> diagnostics; // sorted by path, line, column, rule, message
  size_t hiddenByBaseline = 0;
  size_t unusablePaths = 0; // files and folders that could not be checked (exit code 2)

  size_t count(checker::Severity severity) const;
  size_t filesWithDiagnostics() const;
};

// Turns a path as the engine knows it (absolute) into what people see: relative to `cwd`
// when it lies below it, otherwise unchanged.
std::string displayPath(const std::string& path, const std::string& cwd);

// 1-based position of a byte offset, columns in code points.
Position positionOf(const parser::SourceText& text, uint32_t offset);

// Builds a report from the engine's results; notes in other files read those files (once).
Report buildReport(std::vector<checker::CheckedFile>& checked, const std::string& cwd);

// Sorts diagnostics into the report order.
void sortDiagnostics(std::vector<ReportDiagnostic>& diagnostics);

} // namespace shrike::cli
