// Summary: the closing line for people on stderr, and the --statistics tables.
#pragma once

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "cli/Report.h"
#include "cli/Terminal.h"

namespace shrike::cli {

// "Found 3 errors in 2 files (checked 120 files in 0.42 s)" or
// "All checks passed (checked 120 files in 0.42 s)"; baseline hits are counted too.
std::string summaryLine(const Report& report, double seconds, const Style& style);

// A phase of the run and how long it took.
struct PhaseTiming {
  std::string phase;
  double seconds = 0;
};

// Per-rule counts (most frequent first) and per-phase timings.
void writeStatistics(const Report& report, const std::vector<PhaseTiming>& phases,
                     std::ostream& out);

} // namespace shrike::cli
