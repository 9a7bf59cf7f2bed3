// MemoTable: the evaluator's per-module memo (what was computed -> its type) as one
// open-addressing table: each result is a lookup on every path of inference, and a node-based
// map paid an allocation per entry and a division and a pointer chase per lookup.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace shrike::checker {

// Key: equality-comparable, with a Hash giving a well-mixed size_t. Values are never null
// (null marks an empty slot).
template <class Key, class Hash, class Value> class FlatMemoTable {
public:
  Value* find(const Key& key) const {
    if (slots_.empty()) return nullptr;
    for (size_t i = home(key);; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (!slot.value) return nullptr;
      if (slot.key == key) return slot.value;
    }
  }

  // Records key -> value unless the key is there already; returns what is recorded.
  Value* insert(const Key& key, Value* value) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    for (size_t i = home(key);; i = (i + 1) & mask_) {
      Slot& slot = slots_[i];
      if (!slot.value) {
        slot.key = key;
        slot.value = value;
        ++size_;
        return value;
      }
      if (slot.key == key) return slot.value;
    }
  }

  size_t size() const { return size_; }

private:
  struct Slot {
    Key key{};
    Value* value = nullptr;
  };

  // The slot a key's probe starts at: its hash's top bits after a Fibonacci multiply, so
  // keys built from aligned pointers (whose low bits are all zero) still spread.
  size_t home(const Key& key) const {
    return static_cast<size_t>((static_cast<uint64_t>(Hash()(key)) * 0x9E3779B97F4A7C15ULL) >>
                               shift_);
  }

  void grow() {
    std::vector<Slot> old(slots_.empty() ? 64 : slots_.size() * 2);
    old.swap(slots_);
    mask_ = slots_.size() - 1;
    shift_ = 64 - static_cast<unsigned>(__builtin_ctzll(slots_.size()));
    for (const Slot& slot : old) {
      if (!slot.value) continue;
      size_t i = home(slot.key);
      while (slots_[i].value) i = (i + 1) & mask_;
      slots_[i] = slot;
    }
  }

  std::vector<Slot> slots_; // a power of two in size, at most half full
  size_t mask_ = 0;
  unsigned shift_ = 63;
  size_t size_ = 0;
};

} // namespace shrike::checker
