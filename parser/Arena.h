// Arena: a bump allocator for objects that are freed all at once (AST nodes, their arrays).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

namespace shrike::parser {

// Objects placed in an arena must be trivially destructible: nothing runs at release.
class Arena {
public:
  Arena() = default;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  Arena(Arena&&) noexcept = default;
  Arena& operator=(Arena&&) noexcept = default;

  void* allocate(size_t size, size_t alignment) {
    uintptr_t p = (reinterpret_cast<uintptr_t>(cursor_) + alignment - 1) & ~(alignment - 1);
    if (p + size > reinterpret_cast<uintptr_t>(limit_)) return allocateSlow(size, alignment);
    cursor_ = reinterpret_cast<char*>(p + size);
    return reinterpret_cast<void*>(p);
  }

  template <class T, class... Args> T* make(Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>);
    return new (allocate(sizeof(T), alignof(T))) T(std::forward<Args>(args)...);
  }

  // Copies a range of trivially copyable values into the arena.
  template <class T> std::span<T> copy(std::span<const T> values) {
    static_assert(std::is_trivially_copyable_v<T>);
    if (values.empty()) return {};
    T* data = static_cast<T*>(allocate(sizeof(T) * values.size(), alignof(T)));
    std::memcpy(static_cast<void*>(data), values.data(), sizeof(T) * values.size());
    return {data, values.size()};
  }
  template <class T> std::span<T> copy(const std::vector<T>& values) {
    return copy(std::span<const T>(values.data(), values.size()));
  }

  std::string_view copyString(std::string_view text) {
    if (text.empty()) return {};
    char* data = static_cast<char*>(allocate(text.size(), 1));
    std::memcpy(data, text.data(), text.size());
    return {data, text.size()};
  }

  // Makes room for about `bytes` more in one block, when the caller can tell how much it will
  // place (the lowering knows its text's size): one block of the right size wastes less than
  // the doubling blocks, whose last is half empty on average. Blocks after it grow from half
  // the estimate.
  void reserve(size_t bytes) {
    if (static_cast<size_t>(limit_ - cursor_) >= bytes) return;
    nextChunk_ = std::max<size_t>(bytes, 4096);
    allocateChunk(nextChunk_);
    nextChunk_ = std::max<size_t>(bytes / 2, 4096);
  }

  // Bytes obtained from the system, for memory reports.
  size_t bytesReserved() const { return reserved_; }
  size_t bytesUsed() const { return reserved_ - static_cast<size_t>(limit_ - cursor_); }

private:
  void* allocateSlow(size_t size, size_t alignment) {
    allocateChunk(std::max<size_t>(nextChunk_, size + alignment));
    if (nextChunk_ < (size_t(1) << 20)) nextChunk_ *= 2;
    return allocate(size, alignment);
  }

  // Not zero-filled: every byte is written before it is read, and pages never written (the
  // unused end of the last block) then cost no memory.
  void allocateChunk(size_t chunkSize) {
    chunks_.push_back(std::make_unique_for_overwrite<char[]>(chunkSize));
    reserved_ += chunkSize;
    cursor_ = chunks_.back().get();
    limit_ = cursor_ + chunkSize;
  }

  std::vector<std::unique_ptr<char[]>> chunks_;
  char* cursor_ = nullptr;
  char* limit_ = nullptr;
  size_t nextChunk_ = 4096;
  size_t reserved_ = 0;
};

} // namespace shrike::parser
