// Scheduler: an Asio thread pool for jobs and steady timers for debouncing.
#include "lsp/Scheduler.h"

// With g++ 12 in C++20 mode, Asio needs <utility> seen first (std::exchange).
#include <utility>

#include <boost/asio.hpp>

#include <exception>
#include <map>
#include <mutex>

#include "lsp/Log.h"

namespace shrike::lsp {

namespace asio = boost::asio;

namespace {

void guarded(const std::function<void()>& job) {
  try {
    job();
  } catch (const std::exception& e) {
    log(LogLevel::Error, std::string("internal error in a background job: ") + e.what());
  } catch (...) {
    log(LogLevel::Error, "internal error in a background job");
  }
}

struct Slot {
  explicit Slot(asio::io_context& io) : timer(io) {}
  asio::steady_timer timer;
  std::function<void()> job; // the newest job, waiting for its timer or for the running one
  uint64_t generation = 0;   // bumped on every debounce, so a stale timer does nothing
  bool running = false;
  bool runAfterCurrent = false;
  std::chrono::steady_clock::time_point lastCall; // of debounce, for leading edges
  std::chrono::milliseconds delay{0};
};

} // namespace

// Every handler holds a shared_ptr to this and takes `mutex` before touching it; `alive`
// turns false in stop(), after which handlers return without doing anything. User functions
// (jobs, onIoThread's and every's) run outside the mutex, so they may call the scheduler.
struct Scheduler::State : std::enable_shared_from_this<State> {
  State(asio::io_context& io, unsigned workers)
      : io(io), pool(std::make_unique<asio::thread_pool>(workers)) {}

  asio::io_context& io;
  std::mutex mutex;
  bool alive = true;                                  // under mutex
  std::unique_ptr<asio::thread_pool> pool;            // under mutex; null once stopped
  std::map<std::string, std::unique_ptr<Slot>> slots; // under mutex

  bool isAlive() {
    std::lock_guard lock(mutex);
    return alive;
  }

  // Both run on the I/O thread with `mutex` held.
  void fire(const std::string& key, uint64_t generation) {
    auto it = slots.find(key);
    if (it == slots.end() || it->second->generation != generation || !it->second->job) return;
    Slot& slot = *it->second;
    if (slot.running) {
      slot.runAfterCurrent = true;
      return;
    }
    if (!pool) return;
    slot.running = true;
    asio::post(*pool, [self = shared_from_this(), key, job = std::move(slot.job)] {
      guarded(job);
      asio::post(self->io, [self, key] {
        std::lock_guard lock(self->mutex);
        if (self->alive) self->finished(key);
      });
    });
    slot.job = nullptr;
  }

  void finished(const std::string& key) {
    auto it = slots.find(key);
    if (it == slots.end()) return;
    Slot& slot = *it->second;
    slot.running = false;
    if (slot.runAfterCurrent && slot.job) {
      slot.runAfterCurrent = false;
      fire(key, slot.generation);
    } else if (!slot.job && std::chrono::steady_clock::now() - slot.lastCall >= slot.delay) {
      slots.erase(it); // nothing pending, no burst going on: forget the key
    }
  }

  // Runs on the I/O thread, without the mutex: `fn` is the caller's.
  void repeat(std::shared_ptr<asio::steady_timer> timer, std::chrono::milliseconds interval,
              std::function<bool()> fn) {
    timer->expires_after(interval);
    timer->async_wait([self = shared_from_this(), timer, interval,
                       fn = std::move(fn)](boost::system::error_code ec) mutable {
      if (ec || !self->isAlive()) return;
      bool again = false;
      try {
        again = fn();
      } catch (const std::exception& e) {
        log(LogLevel::Error, std::string("internal error in a timer: ") + e.what());
      }
      if (again) self->repeat(std::move(timer), interval, std::move(fn));
    });
  }
};

Scheduler::Scheduler(asio::io_context& io, unsigned workers)
    : state_(std::make_shared<State>(io, workers)), workers_(workers) {}

Scheduler::~Scheduler() {
  stop();
}

void Scheduler::run(std::function<void()> job) {
  std::lock_guard lock(state_->mutex);
  if (!state_->alive) return;
  asio::post(*state_->pool, [job = std::move(job)] { guarded(job); });
}

void Scheduler::onIoThread(std::function<void()> fn) {
  asio::post(state_->io, [state = state_, fn = std::move(fn)] {
    if (state->isAlive()) guarded(fn);
  });
}

void Scheduler::debounce(const std::string& key, std::chrono::milliseconds delay,
                         std::function<void()> job, Edge edge) {
  asio::post(state_->io, [state = state_, key, delay, edge, job = std::move(job)]() mutable {
    std::lock_guard lock(state->mutex);
    if (!state->alive) return;
    auto& slot = state->slots[key];
    bool fresh = !slot;
    if (!slot) slot = std::make_unique<Slot>(state->io);
    auto now = std::chrono::steady_clock::now();
    bool quiet = edge == Edge::Leading && !slot->running && !slot->job &&
                 (fresh || now - slot->lastCall >= delay);
    slot->lastCall = now;
    slot->delay = delay;
    slot->job = std::move(job);
    uint64_t generation = ++slot->generation;
    if (quiet) {
      slot->timer.cancel();
      state->fire(key, generation);
      return;
    }
    slot->timer.expires_after(delay);
    slot->timer.async_wait([state, key, generation](boost::system::error_code ec) {
      if (ec) return;
      std::lock_guard lock(state->mutex);
      if (state->alive) state->fire(key, generation);
    });
  });
}

void Scheduler::cancelDebounced(const std::string& key) {
  asio::post(state_->io, [state = state_, key] {
    std::lock_guard lock(state->mutex);
    if (!state->alive) return;
    auto it = state->slots.find(key);
    if (it == state->slots.end()) return;
    ++it->second->generation;
    it->second->job = nullptr;
    it->second->runAfterCurrent = false;
    it->second->timer.cancel();
  });
}

void Scheduler::every(std::chrono::milliseconds interval, std::function<bool()> fn) {
  state_->repeat(std::make_shared<asio::steady_timer>(state_->io), interval, std::move(fn));
}

void Scheduler::stop() {
  std::unique_ptr<asio::thread_pool> pool;
  std::map<std::string, std::unique_ptr<Slot>> slots;
  {
    std::lock_guard lock(state_->mutex);
    if (!state_->alive) return;
    state_->alive = false;
    pool = std::move(state_->pool);
    slots = std::move(state_->slots);
    state_->slots.clear();
  }
  // Outside the mutex: a running job may still call the scheduler (and be turned away).
  pool->stop();
  pool->join();
  // The slots' timers go with them; their handlers, if queued, find the state stopped.
}

} // namespace shrike::lsp
