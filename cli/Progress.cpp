// Progress: drawing and erasing the bar.
#include "cli/Progress.h"

#include <string>

namespace shrike::cli {

namespace {
constexpr size_t barWidth = 30;
} // namespace

ProgressBar::ProgressBar(bool enabled, size_t total, std::FILE* out, ProgressTiming timing)
    : enabled_(enabled && total > 0), total_(total), out_(out), timing_(timing),
      start_(std::chrono::steady_clock::now()) {}

ProgressBar::~ProgressBar() {
  finish();
}

void ProgressBar::update(size_t done) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - start_ < timing_.showAfter || (drawn_ && now - lastDraw_ < timing_.redrawEvery)) return;
  lastDraw_ = now;
  size_t filled = total_ ? done * barWidth / total_ : barWidth;
  std::string bar(filled, '=');
  if (filled < barWidth) bar += '>';
  bar.resize(barWidth, ' ');
  std::fprintf(out_, "\r\x1b[2KChecking [%s] %zu/%zu files", bar.c_str(), done, total_);
  std::fflush(out_);
  drawn_ = true;
}

void ProgressBar::finish() {
  if (!drawn_) return;
  std::fprintf(out_, "\r\x1b[2K");
  std::fflush(out_);
  drawn_ = false;
}

} // namespace shrike::cli
