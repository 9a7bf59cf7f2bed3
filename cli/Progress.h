// Progress: a progress bar on stderr for long checks — only on an interactive terminal,
// and only once a run has taken long enough for someone to wonder.
#pragma once

#include <chrono>
#include <cstddef>

namespace shrike::cli {

class ProgressBar {
public:
  // `enabled` is false for pipes, files, --quiet and machine-readable output to a terminal.
  ProgressBar(bool enabled, size_t total);
  ~ProgressBar();
  // Redraws at most a few times a second; calls must not overlap (the caller serialises them).
  void update(size_t done);
  // Erases the bar so that the summary starts on a clean line.
  void finish();

private:
  bool enabled_;
  bool drawn_ = false;
  size_t total_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point lastDraw_;
};

} // namespace shrike::cli
