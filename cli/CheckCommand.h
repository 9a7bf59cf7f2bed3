// CheckCommand: `shrike check` — configuration, file discovery, the engine, baseline,
// output and the exit code.
#pragma once

#include "cli/CheckOptions.h"

namespace shrike::cli {

// Exit codes of `shrike check`.
enum ExitCode : int {
  ExitSuccess = 0,     // no errors (or --exit-zero)
  ExitDiagnostics = 1, // errors, or warnings with --error-on-warning
  ExitUsage = 2,       // usage, configuration or I/O error
  ExitInternal = 101,  // a bug in Shrike
};

int runCheck(const CheckOptions& options);

} // namespace shrike::cli
