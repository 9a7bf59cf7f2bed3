// FlatMap: a small open-addressing hash map from 64-bit keys to 32-bit values, for the
// binder's many lookups (scope+name -> symbol, node -> reference) without a node allocation
// per entry.
#pragma once

#include <cstdint>
#include <vector>

namespace shrike::checker::bind {

class FlatMap {
public:
  static constexpr uint32_t missing = UINT32_MAX;

  uint32_t find(uint64_t key) const {
    if (slots_.empty()) return missing;
    for (size_t i = hash(key) & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.value == missing) return missing;
      if (slot.key == key) return slot.value;
    }
  }

  // Inserts key -> value unless the key is present; returns the value now stored.
  uint32_t insert(uint64_t key, uint32_t value) {
    if ((size_ + 1) * 4 > slots_.size() * 3) grow();
    for (size_t i = hash(key) & mask_;; i = (i + 1) & mask_) {
      Slot& slot = slots_[i];
      if (slot.value == missing) {
        slot = {key, value};
        ++size_;
        return value;
      }
      if (slot.key == key) return slot.value;
    }
  }

  // Sets key -> value, replacing what was there.
  void assign(uint64_t key, uint32_t value) {
    if ((size_ + 1) * 4 > slots_.size() * 3) grow();
    for (size_t i = hash(key) & mask_;; i = (i + 1) & mask_) {
      Slot& slot = slots_[i];
      if (slot.value == missing) {
        slot = {key, value};
        ++size_;
        return;
      }
      if (slot.key == key) {
        slot.value = value;
        return;
      }
    }
  }

  size_t size() const { return size_; }
  size_t bytes() const { return slots_.capacity() * sizeof(Slot); }
  void reserve(size_t count) {
    while ((count + 1) * 4 > slots_.size() * 3) grow();
  }

  template <class F> void forEach(F&& visit) const {
    for (const Slot& slot : slots_)
      if (slot.value != missing) visit(slot.key, slot.value);
  }

private:
  struct Slot {
    uint64_t key = 0;
    uint32_t value = missing;
  };

  static size_t hash(uint64_t key) {
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdULL;
    key ^= key >> 33;
    return static_cast<size_t>(key);
  }

  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    size_ = 0;
    for (const Slot& slot : old)
      if (slot.value != missing) insert(slot.key, slot.value);
  }

  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

} // namespace shrike::checker::bind
