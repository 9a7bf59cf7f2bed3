// Progress: drawing and erasing the bar.
#include "cli/Progress.h"

#include <cstdio>
#include <string>

namespace shrike::cli {

namespace {
// Runs shorter than this finish before a bar would help.
constexpr auto showAfter = std::chrono::milliseconds(750);
// Redrawing for every file would cost more than it tells.
constexpr auto redrawEvery = std::chrono::milliseconds(100);
constexpr size_t barWidth = 30;
} // namespace

ProgressBar::ProgressBar(bool enabled, size_t total)
    : enabled_(enabled && total > 0), total_(total), start_(std::chrono::steady_clock::now()) {}

ProgressBar::~ProgressBar() {
  finish();
}

void ProgressBar::update(size_t done) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - start_ < showAfter || (drawn_ && now - lastDraw_ < redrawEvery)) return;
  lastDraw_ = now;
  size_t filled = total_ ? done * barWidth / total_ : barWidth;
  std::string bar(filled, '=');
  if (filled < barWidth) bar += '>';
  bar.resize(barWidth, ' ');
  std::fprintf(stderr, "\r\x1b[2KChecking [%s] %zu/%zu files", bar.c_str(), done, total_);
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressBar::finish() {
  if (!drawn_) return;
  std::fprintf(stderr, "\r\x1b[2K");
  std::fflush(stderr);
  drawn_ = false;
}

} // namespace shrike::cli
