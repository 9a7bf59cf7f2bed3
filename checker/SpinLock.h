// SpinLock: a lock for the evaluator's and the type arena's tables, whose critical sections
// are a hash lookup or an insert.
//
// Nearly every acquisition is uncontended (one thread per module, and most tables belong to
// one module), so what counts is the cost of an acquisition that finds the lock free: one
// atomic exchange and a plain store, inline, where std::mutex calls into pthreads for a
// compare-and-swap on each side. A waiter spins briefly and then yields its time slice, so a
// holder that was preempted (or is rehashing a large table) is not starved of the core.
#pragma once

#include <atomic>
#include <thread>

namespace shrike::checker {

class SpinLock {
public:
  void lock() noexcept {
    while (locked_.exchange(true, std::memory_order_acquire)) {
      for (int spins = 0; locked_.load(std::memory_order_relaxed); ++spins) {
        if (spins < 64)
          pause();
        else
          std::this_thread::yield();
      }
    }
  }
  bool try_lock() noexcept {
    return !locked_.load(std::memory_order_relaxed) &&
           !locked_.exchange(true, std::memory_order_acquire);
  }
  void unlock() noexcept { locked_.store(false, std::memory_order_release); }

private:
  static void pause() noexcept {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
  }
  std::atomic<bool> locked_{false};
};

} // namespace shrike::checker
