// Summary: the closing line for people on stderr, and the --statistics tables.
#pragma once

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "checker/PhaseTimes.h"
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

// Where the CPU time of checking went: the engine's phases (summed over threads) and what
// no phase accounts for.
struct CheckingBreakdown {
  const checker::PhaseTimes* times = nullptr;
  double cpuSeconds = 0; // the process's CPU time while checking
  unsigned threads = 1;
};

// Per-rule counts (most frequent first), wall time per phase of the run, and the CPU time of
// checking by engine phase.
void writeStatistics(const Report& report, const std::vector<PhaseTiming>& phases,
                     const CheckingBreakdown& checking, std::ostream& out);

} // namespace shrike::cli
