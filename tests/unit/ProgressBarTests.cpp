// ProgressBarTests: the bar is drawn only when enabled and after its delay, throttled, and
// erased at the end so the summary starts on a clean line.
#include "cli/Progress.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

using namespace shrike::cli;
using namespace std::chrono_literals;

namespace {

// What was written to a temporary file standing in for stderr.
class Captured {
public:
  Captured() : file_(std::tmpfile()) {}
  ~Captured() { std::fclose(file_); }
  std::FILE* file() { return file_; }
  std::string text() {
    std::fflush(file_);
    std::rewind(file_);
    std::string out;
    for (int c; (c = std::fgetc(file_)) != EOF;) out += char(c);
    return out;
  }

private:
  std::FILE* file_;
};

const std::string erase = "\r\x1b[2K";

} // namespace

TEST(ProgressBar, DrawsTheShareDoneAndErasesItselfAtTheEnd) {
  Captured out;
  {
    ProgressBar bar(true, 4, out.file(), {0ms, 0ms});
    bar.update(1);
    bar.update(4);
  }
  EXPECT_EQ(out.text(), erase + "Checking [=======>                      ] 1/4 files" + erase +
                            "Checking [==============================] 4/4 files" + erase);
}

TEST(ProgressBar, NothingBeforeTheDelay) {
  Captured out;
  {
    ProgressBar bar(true, 4, out.file(), {1h, 0ms});
    bar.update(1);
    bar.update(4);
  }
  EXPECT_EQ(out.text(), "");
}

TEST(ProgressBar, RedrawsAreThrottled) {
  Captured out;
  ProgressBar bar(true, 3, out.file(), {0ms, 1h});
  bar.update(1);
  bar.update(2);
  bar.update(3);
  bar.finish();
  EXPECT_EQ(out.text(), erase + "Checking [==========>                   ] 1/3 files" + erase);
}

TEST(ProgressBar, DisabledOrEmptyDrawsNothing) {
  Captured out;
  {
    ProgressBar disabled(false, 4, out.file(), {0ms, 0ms});
    disabled.update(2);
    ProgressBar empty(true, 0, out.file(), {0ms, 0ms});
    empty.update(0);
  }
  EXPECT_EQ(out.text(), "");
}
