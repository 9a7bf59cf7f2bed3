// Scheduler: an Asio thread pool for jobs and steady timers for debouncing.
#include "lsp/Scheduler.h"

// With g++ 12 in C++20 mode, Asio needs <utility> seen first (std::exchange).
#include <utility>

#include <boost/asio.hpp>

#include <exception>

#include "lsp/Log.h"

namespace shrike::lsp {

namespace asio = boost::asio;

struct Scheduler::Slot {
  explicit Slot(asio::io_context& io) : timer(io) {}
  asio::steady_timer timer;
  std::function<void()> job; // the newest job, waiting for its timer or for the running one
  uint64_t generation = 0;   // bumped on every debounce, so a stale timer does nothing
  bool running = false;
  bool runAfterCurrent = false;
  std::chrono::steady_clock::time_point lastCall; // of debounce, for leading edges
  std::chrono::milliseconds delay{0};
};

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

} // namespace

Scheduler::Scheduler(asio::io_context& io, unsigned workers)
    : io_(io), pool_(std::make_unique<asio::thread_pool>(workers)), workers_(workers) {}

Scheduler::~Scheduler() {
  stop();
}

void Scheduler::run(std::function<void()> job) {
  if (!pool_) return;
  asio::post(*pool_, [job = std::move(job)] { guarded(job); });
}

void Scheduler::onIoThread(std::function<void()> fn) {
  asio::post(io_, [fn = std::move(fn)] { guarded(fn); });
}

void Scheduler::debounce(const std::string& key, std::chrono::milliseconds delay,
                         std::function<void()> job, Edge edge) {
  asio::post(io_, [this, key, delay, edge, job = std::move(job)]() mutable {
    auto& slot = slots_[key];
    bool fresh = !slot;
    if (!slot) slot = std::make_unique<Slot>(io_);
    auto now = std::chrono::steady_clock::now();
    bool quiet = edge == Edge::Leading && !slot->running && !slot->job &&
                 (fresh || now - slot->lastCall >= delay);
    slot->lastCall = now;
    slot->delay = delay;
    slot->job = std::move(job);
    uint64_t generation = ++slot->generation;
    if (quiet) {
      slot->timer.cancel();
      fire(key, generation);
      return;
    }
    slot->timer.expires_after(delay);
    slot->timer.async_wait([this, key, generation](boost::system::error_code ec) {
      if (!ec) fire(key, generation);
    });
  });
}

void Scheduler::cancelDebounced(const std::string& key) {
  asio::post(io_, [this, key] {
    auto it = slots_.find(key);
    if (it == slots_.end()) return;
    ++it->second->generation;
    it->second->job = nullptr;
    it->second->runAfterCurrent = false;
    it->second->timer.cancel();
  });
}

void Scheduler::fire(const std::string& key, uint64_t generation) {
  auto it = slots_.find(key);
  if (it == slots_.end() || it->second->generation != generation || !it->second->job) return;
  Slot& slot = *it->second;
  if (slot.running) {
    slot.runAfterCurrent = true;
    return;
  }
  if (!pool_) return;
  slot.running = true;
  asio::post(*pool_, [this, key, job = std::move(slot.job)] {
    guarded(job);
    asio::post(io_, [this, key] { finished(key); });
  });
  slot.job = nullptr;
}

void Scheduler::finished(const std::string& key) {
  auto it = slots_.find(key);
  if (it == slots_.end()) return;
  Slot& slot = *it->second;
  slot.running = false;
  if (slot.runAfterCurrent && slot.job) {
    slot.runAfterCurrent = false;
    fire(key, slot.generation);
  } else if (!slot.job && std::chrono::steady_clock::now() - slot.lastCall >= slot.delay) {
    slots_.erase(it); // nothing pending, no burst going on: forget the key
  }
}

void Scheduler::every(std::chrono::milliseconds interval, std::function<bool()> fn) {
  auto timer = std::make_shared<asio::steady_timer>(io_);
  repeat(timer, interval, std::move(fn));
}

void Scheduler::repeat(std::shared_ptr<void> handle, std::chrono::milliseconds interval,
                       std::function<bool()> fn) {
  auto timer = std::static_pointer_cast<asio::steady_timer>(handle);
  timer->expires_after(interval);
  timer->async_wait([this, timer, interval, fn = std::move(fn)](boost::system::error_code ec) {
    if (ec) return;
    bool again = false;
    try {
      again = fn();
    } catch (const std::exception& e) {
      log(LogLevel::Error, std::string("internal error in a timer: ") + e.what());
    }
    if (again) repeat(timer, interval, fn);
  });
}

void Scheduler::stop() {
  if (!pool_) return;
  pool_->stop();
  pool_->join();
  pool_.reset();
}

} // namespace shrike::lsp
