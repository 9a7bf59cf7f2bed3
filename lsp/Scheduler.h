// Scheduler: where the server's work runs — a pool of worker threads for requests and
// checks, and timers on the I/O thread that debounce per-file work (a burst of keystrokes
// becomes one check, and one file is never checked twice at the same time).
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>

namespace boost::asio {
class io_context;
class thread_pool;
} // namespace boost::asio

namespace shrike::lsp {

class Scheduler {
public:
  Scheduler(boost::asio::io_context& io, unsigned workers);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  unsigned workers() const { return workers_; }

  // Runs a job on a worker. Thread-safe. A job that throws is logged, never fatal.
  void run(std::function<void()> job);
  // Runs a function on the I/O thread. Thread-safe.
  void onIoThread(std::function<void()> fn);
  // When a debounced job runs: `delay` after the last call of a burst (Trailing), or also at
  // once for the first call after `delay` of quiet (Leading: a single keystroke is checked
  // without waiting, while the rest of a burst still becomes one run at its end).
  enum class Edge { Trailing, Leading };
  // (Re)arms `key`'s timer: the job runs on a worker `delay` after the last call for that
  // key. If the key's previous job is still running, the new one waits for it. Thread-safe.
  void debounce(const std::string& key, std::chrono::milliseconds delay, std::function<void()> job,
                Edge edge = Edge::Trailing);
  // Drops a pending debounced job (a running one finishes). Thread-safe.
  void cancelDebounced(const std::string& key);
  // Calls `fn` on the I/O thread every `interval` until it returns false.
  void every(std::chrono::milliseconds interval, std::function<bool()> fn);
  // Stops accepting work and waits for the running jobs. Once it returns, nothing the
  // scheduler posted runs any more: neither its own handlers (a timer, a finished job) nor
  // the functions given to onIoThread and every, even when the I/O thread lives on.
  void stop();

private:
  // What the handlers on the I/O thread and on the workers share with the scheduler. They
  // hold it by shared_ptr, so it outlives the Scheduler, and look at it only under its mutex
  // after checking that the scheduler has not stopped.
  struct State;
  std::shared_ptr<State> state_;
  unsigned workers_;
};

} // namespace shrike::lsp
