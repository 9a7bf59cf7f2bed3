// Subprocess: runs a program without a shell, with a deadline, and captures its stdout.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace shrike::checker {

struct ProcessResult {
  bool started = false;  // false: the program could not be run (see error)
  bool timedOut = false; // killed at the deadline
  int exitCode = -1;     // the exit status, or -1 when it died by a signal or timed out
  std::string output;    // what it wrote to stdout (at most the size limit)
  std::string error;     // why it could not be run
};

// Runs argv[0] (a path, or a name looked up on PATH) with stdin and stderr on /dev/null.
// The child is killed when `timeout` passes or its output exceeds `maxOutput` bytes.
ProcessResult runProcess(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                         size_t maxOutput = 1 << 20);

} // namespace shrike::checker
