// Cancellation: a flag that long work polls, so an editor can call off a request it no longer
// needs (the server's `$/cancelRequest`) and the engine stops at the next safe point.
#pragma once

#include <atomic>
#include <memory>

namespace shrike::checker {

// A read-only view of a cancellation flag; a default-constructed token is never cancelled.
// Cheap to copy; polling it is one relaxed atomic load.
class CancellationToken {
public:
  CancellationToken() = default;
  bool cancelled() const { return flag_ && flag_->load(std::memory_order_relaxed); }
  explicit operator bool() const { return cancelled(); }

private:
  friend class CancellationSource;
  explicit CancellationToken(std::shared_ptr<const std::atomic<bool>> flag)
      : flag_(std::move(flag)) {}
  std::shared_ptr<const std::atomic<bool>> flag_;
};

// Owns the flag: whoever may cancel holds the source, the work holds tokens.
class CancellationSource {
public:
  CancellationSource() : flag_(std::make_shared<std::atomic<bool>>(false)) {}
  void cancel() { flag_->store(true, std::memory_order_relaxed); }
  bool cancelled() const { return flag_->load(std::memory_order_relaxed); }
  CancellationToken token() const { return CancellationToken(flag_); }

private:
  std::shared_ptr<std::atomic<bool>> flag_;
};

} // namespace shrike::checker
