// Progress: a progress bar on stderr for long checks — only on an interactive terminal,
// and only once a run has taken long enough for someone to wonder.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdio>

namespace shrike::cli {

// When the bar appears and how often it is redrawn.
struct ProgressTiming {
  // Runs shorter than this finish before a bar would help.
  std::chrono::milliseconds showAfter{750};
  // Redrawing for every file would cost more than it tells.
  std::chrono::milliseconds redrawEvery{100};
};

class ProgressBar {
public:
  // `enabled` is false for pipes, files, --quiet and machine-readable output to a terminal.
  ProgressBar(bool enabled, size_t total, std::FILE* out = stderr, ProgressTiming timing = {});
  ~ProgressBar();
  // Redraws at most every `redrawEvery`; calls must not overlap (the caller serialises them).
  void update(size_t done);
  // Erases the bar so that the summary starts on a clean line.
  void finish();

private:
  bool enabled_;
  bool drawn_ = false;
  size_t total_;
  std::FILE* out_;
  ProgressTiming timing_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point lastDraw_;
};

} // namespace shrike::cli
