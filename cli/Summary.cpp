// Summary: the summary line and the statistics tables.
#include "cli/Summary.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

namespace shrike::cli {

namespace {

std::string plural(size_t count, std::string_view noun) {
  std::string out = std::to_string(count) + ' ' + std::string(noun);
  if (count != 1) out += 's';
  return out;
}

std::string seconds(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f s", value);
  return buffer;
}

} // namespace

std::string summaryLine(const Report& report, double elapsed, const Style& style) {
  size_t errors = report.count(checker::Severity::Error);
  size_t warnings = report.count(checker::Severity::Warning);
  std::string tail = "(checked " + plural(report.files.size(), "file") + " in " + seconds(elapsed);
  if (report.hiddenByBaseline)
    tail += "; " + std::to_string(report.hiddenByBaseline) + " hidden by the baseline";
  if (report.unusablePaths)
    tail += "; " + plural(report.unusablePaths, "path") + " could not be checked";
  tail += ')';
  if (errors == 0 && warnings == 0) return style.green("All checks passed") + ' ' + tail;
  std::string found;
  if (errors) found = plural(errors, "error");
  if (errors && warnings) found += " and ";
  if (warnings) found += plural(warnings, "warning");
  std::set<std::string_view> files;
  for (const ReportDiagnostic& d : report.diagnostics)
    if (d.severity == checker::Severity::Error || d.severity == checker::Severity::Warning)
      files.insert(d.path);
  std::string line = "Found " + found + " in " + plural(files.size(), "file");
  return (errors ? style.red(line) : style.yellow(line)) + ' ' + tail;
}

void writeStatistics(const Report& report, const std::vector<PhaseTiming>& phases,
                     const CheckingBreakdown& checking, std::ostream& out) {
  std::map<std::pair<std::string_view, checker::Severity>, size_t> counts;
  for (const ReportDiagnostic& d : report.diagnostics) ++counts[{d.code(), d.severity}];
  std::vector<std::pair<std::pair<std::string_view, checker::Severity>, size_t>> rows(
      counts.begin(), counts.end());
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  out << "Diagnostics by rule:\n";
  if (rows.empty()) out << "  (none)\n";
  for (const auto& [key, count] : rows) {
    char line[160];
    std::snprintf(line, sizeof line, "  %7zu  %-8s %s\n", count,
                  std::string(checker::severityName(key.second)).c_str(),
                  std::string(key.first).c_str());
    out << line;
  }
  out << "Time by phase:\n";
  double total = 0;
  for (const PhaseTiming& phase : phases) total += phase.seconds;
  for (const PhaseTiming& phase : phases) {
    char line[160];
    std::snprintf(line, sizeof line, "  %8.3f s  %5.1f%%  %s\n", phase.seconds,
                  total > 0 ? 100.0 * phase.seconds / total : 0.0, phase.phase.c_str());
    out << line;
  }
  if (!checking.times) return;
  using checker::Phase;
  // What each phase counts: files read, modules parsed..., checked files.
  static constexpr std::string_view units[] = {"files", "modules", "modules", "modules",
                                               "files", "files",   "files"};
  static_assert(std::size(units) == size_t(Phase::Count));
  out << "CPU time in checking (" << plural(checking.threads, "thread") << "):\n";
  double phasesTotal = 0;
  for (size_t p = 0; p < size_t(Phase::Count); ++p)
    phasesTotal += checking.times->seconds(Phase(p));
  double cpuTotal = std::max(checking.cpuSeconds, phasesTotal);
  auto row = [&](double seconds, std::string_view name, std::string count) {
    char line[200];
    std::snprintf(line, sizeof line, "  %8.3f s  %5.1f%%  %-26s %s", seconds,
                  cpuTotal > 0 ? 100.0 * seconds / cpuTotal : 0.0, std::string(name).c_str(),
                  count.c_str());
    std::string text = line;
    text.erase(text.find_last_not_of(' ') + 1);
    out << text << '\n';
  };
  for (size_t p = 0; p < size_t(Phase::Count); ++p)
    row(checking.times->seconds(Phase(p)), checker::phaseName(Phase(p)),
        std::to_string(checking.times->runs(Phase(p))) + ' ' + std::string(units[p]));
  // Scheduling, waiting on locks, building the evaluator's view of a module, freeing memory.
  row(cpuTotal - phasesTotal, "other", "");
}

} // namespace shrike::cli
