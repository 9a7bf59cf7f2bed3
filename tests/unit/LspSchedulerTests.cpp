// LspSchedulerTests: the worker pool and debouncing — a burst of calls for one key runs the
// job once, with the newest arguments, and never two runs of one key at the same time.
#include "lsp/Scheduler.h"

#include <utility>

#include <boost/asio.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

using namespace shrike::lsp;
using namespace std::chrono_literals;

namespace {

// Runs the I/O context on its own thread for the length of a test.
struct IoThread {
  boost::asio::io_context io;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard{io.get_executor()};
  std::thread thread{[this] { io.run(); }};
  ~IoThread() {
    guard.reset();
    io.stop();
    thread.join();
  }
};

template <class Predicate> bool eventually(Predicate predicate) {
  for (int i = 0; i < 1000; ++i) {
    if (predicate()) return true;
    std::this_thread::sleep_for(5ms);
  }
  return predicate();
}

} // namespace

TEST(LspScheduler, ABurstOfDebouncedCallsRunsTheNewestJobOnce) {
  IoThread io;
  Scheduler scheduler(io.io, 2);
  std::atomic<int> runs{0}, last{0};
  for (int i = 1; i <= 20; ++i) {
    scheduler.debounce("key", 50ms, [&, i] {
      ++runs;
      last = i;
    });
  }
  ASSERT_TRUE(eventually([&] { return runs.load() >= 1; }));
  std::this_thread::sleep_for(100ms); // time for a second run, if there were to be one
  EXPECT_EQ(runs.load(), 1);
  EXPECT_EQ(last.load(), 20);
  scheduler.stop();
}

TEST(LspScheduler, OneKeyNeverRunsTwiceAtOnceAndItsLatestJobStillRuns) {
  IoThread io;
  Scheduler scheduler(io.io, 4);
  std::atomic<int> running{0}, overlaps{0}, runs{0}, last{0};
  // The first job holds on until released (not for a fixed time, which a loaded machine can
  // outlast before the test has seen it run), so the second surely arrives while it runs.
  std::atomic<bool> released{false};
  struct ReleaseOnExit {
    std::atomic<bool>& flag;
    ~ReleaseOnExit() { flag = true; } // a failed assertion must not leave the pool blocked
  } releaseOnExit{released};
  auto job = [&](int i) {
    return [&, i] {
      if (++running > 1) ++overlaps;
      while (!released.load()) std::this_thread::sleep_for(1ms);
      last = i;
      --running;
      ++runs;
    };
  };
  scheduler.debounce("key", 1ms, job(1));
  ASSERT_TRUE(eventually([&] { return running.load() == 1; }));
  scheduler.debounce("key", 1ms, job(2)); // arrives while the first runs
  std::this_thread::sleep_for(20ms);      // time for the second to start, if it could overlap
  released = true;
  ASSERT_TRUE(eventually([&] { return runs.load() == 2; }));
  EXPECT_EQ(overlaps.load(), 0);
  EXPECT_EQ(last.load(), 2);
  scheduler.stop();
}

TEST(LspScheduler, CancelledDebouncedJobsDoNotRunAndOtherKeysDo) {
  IoThread io;
  Scheduler scheduler(io.io, 2);
  std::atomic<int> cancelledRuns{0}, otherRuns{0};
  scheduler.debounce("a", 40ms, [&] { ++cancelledRuns; });
  scheduler.debounce("b", 40ms, [&] { ++otherRuns; });
  scheduler.cancelDebounced("a");
  ASSERT_TRUE(eventually([&] { return otherRuns.load() == 1; }));
  std::this_thread::sleep_for(80ms);
  EXPECT_EQ(cancelledRuns.load(), 0);
  scheduler.stop();
}

TEST(LspScheduler, AThrowingJobIsLoggedAndThePoolKeepsWorking) {
  IoThread io;
  Scheduler scheduler(io.io, 1);
  std::atomic<bool> ran{false};
  scheduler.run([] { throw std::runtime_error("boom"); });
  scheduler.run([&] { ran = true; });
  EXPECT_TRUE(eventually([&] { return ran.load(); }));
  scheduler.stop();
}

TEST(LspScheduler, ALeadingEdgeRunsTheFirstCallAtOnceAndTheRestOfTheBurstOnceAtItsEnd) {
  IoThread io;
  Scheduler scheduler(io.io, 2);
  std::atomic<int> runs{0}, first{0}, last{0};
  auto started = std::chrono::steady_clock::now();
  std::atomic<int64_t> firstAfterMs{-1};
  for (int i = 1; i <= 20; ++i) {
    scheduler.debounce(
        "key", 1000ms,
        [&, i] {
          if (++runs == 1) {
            first = i;
            firstAfterMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::steady_clock::now() - started)
                               .count();
          }
          last = i;
        },
        Scheduler::Edge::Leading);
  }
  ASSERT_TRUE(eventually([&] { return runs.load() >= 1; }));
  EXPECT_EQ(first.load(), 1);
  EXPECT_LT(firstAfterMs.load(), 1000); // it did not wait for the delay
  ASSERT_TRUE(eventually([&] { return runs.load() >= 2; }));
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(runs.load(), 2);
  EXPECT_EQ(last.load(), 20);
  scheduler.stop();
}

TEST(LspScheduler, ALeadingEdgeCallWithinTheDelayOfTheLastOneWaits) {
  IoThread io;
  Scheduler scheduler(io.io, 2);
  std::atomic<int> runs{0};
  scheduler.debounce(
      "key", 60000ms, [&] { ++runs; }, Scheduler::Edge::Leading);
  ASSERT_TRUE(eventually([&] { return runs.load() == 1; }));
  std::this_thread::sleep_for(50ms); // the first run has finished; the delay has not passed
  scheduler.debounce(
      "key", 60000ms, [&] { ++runs; }, Scheduler::Edge::Leading);
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(runs.load(), 1);
  scheduler.cancelDebounced("key");
  scheduler.stop();
}

// The server's I/O thread outlives its scheduler (so does the tests'): what the scheduler
// posted there and what is still queued when it stops — a finished job's completion, a
// debounce, a cancel, an onIoThread function, a repeating timer — must find it stopped and do
// nothing, rather than touch a destroyed scheduler (the sanitizer builds catch that).
TEST(LspScheduler, NothingItPostedRunsAfterItStopsThoughTheIoThreadLivesOn) {
  std::atomic<bool> jobStarted{false}, jobReleased{false}, ioBlocked{false}, ioReleased{false};
  std::atomic<int> ranAfterStop{0};
  IoThread io;
  auto scheduler = std::make_unique<Scheduler>(io.io, 2);
  struct ReleaseOnExit {
    std::atomic<bool>& job;
    std::atomic<bool>& io;
    ~ReleaseOnExit() { job = io = true; } // a failed assertion must not leave a thread blocked
  } releaseOnExit{jobReleased, ioReleased};

  scheduler->debounce(
      "key", 1ms,
      [&] {
        jobStarted = true;
        while (!jobReleased.load()) std::this_thread::sleep_for(1ms);
      },
      Scheduler::Edge::Leading);
  ASSERT_TRUE(eventually([&] { return jobStarted.load(); }));
  // From here on, whatever is posted to the I/O thread waits behind this.
  boost::asio::post(io.io, [&] {
    ioBlocked = true;
    while (!ioReleased.load()) std::this_thread::sleep_for(1ms);
  });
  ASSERT_TRUE(eventually([&] { return ioBlocked.load(); }));
  jobReleased = true; // the job ends and queues its completion
  scheduler->debounce("key", 1ms, [&] { ++ranAfterStop; });
  scheduler->debounce(
      "other", 1ms, [&] { ++ranAfterStop; }, Scheduler::Edge::Leading);
  scheduler->cancelDebounced("key");
  scheduler->onIoThread([&] { ++ranAfterStop; });
  scheduler->every(1ms, [&] {
    ++ranAfterStop;
    return true;
  });
  scheduler.reset(); // stops: waits for the running job, and is gone
  ioReleased = true;

  std::atomic<bool> drained{false};
  boost::asio::post(io.io, [&] { drained = true; });
  ASSERT_TRUE(eventually([&] { return drained.load(); }));
  std::this_thread::sleep_for(20ms); // the repeating timer would have fired by now
  EXPECT_EQ(ranAfterStop.load(), 0);
}
