// Names: the process-wide interner, sharded so parallel lowering rarely contends.
#include "parser/Names.h"

#include <array>
#include <atomic>
#include <cstring>
#include <deque>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

namespace shrike::parser {

namespace {

// Eight bytes at a time (the first and last words overlap for a short name), then mixed:
// a byte-by-byte hash costs a multiply per letter, and every identifier of a file is hashed.
// Every byte of the text counts. Nothing outside this process sees the value, so it need not
// be stable.
template <class T> T load(const char* p) {
  T value;
  std::memcpy(&value, p, sizeof value);
  return value;
}

uint64_t mix(uint64_t x) {
  x *= 0xBF58476D1CE4E5B9ull;
  x ^= x >> 31;
  x *= 0x94D049BB133111EBull;
  return x ^ (x >> 29);
}

uint64_t hashText(std::string_view text) {
  const char* p = text.data();
  size_t n = text.size();
  uint64_t h = n * 0x9E3779B97F4A7C15ull;
  if (n >= 8) {
    for (size_t i = 0; i + 8 < n; i += 8) h = mix(h ^ load<uint64_t>(p + i));
    return mix(h ^ load<uint64_t>(p + n - 8));
  }
  uint64_t word = 0;
  if (n >= 4) {
    word = (uint64_t(load<uint32_t>(p)) << 32) | load<uint32_t>(p + n - 4);
  } else if (n > 0) {
    word = uint64_t(uint8_t(p[0])) | uint64_t(uint8_t(p[n / 2])) << 8 |
           uint64_t(uint8_t(p[n - 1])) << 16;
  }
  return mix(h ^ word);
}

// Ids encode the shard in their low bits so text() finds the entry without a global table.
constexpr uint32_t shardBits = 4;
constexpr uint32_t shardCount = 1u << shardBits;

// The texts of a shard by index, for Name::text without a lock (the checker asks for names'
// texts all the time). Chunks double in size and never move once made; an entry is written
// before its id is handed out, and whoever holds an id got it through something that
// synchronized with that (the shard's lock, or the structure that carried the id).
class TextTable {
public:
  std::string_view at(uint32_t index) const {
    auto [chunk, offset] = locate(index);
    return chunks_[chunk].load(std::memory_order_acquire)[offset];
  }
  // Called with the shard's lock held.
  void set(uint32_t index, std::string_view text) {
    auto [chunk, offset] = locate(index);
    std::string_view* entries = chunks_[chunk].load(std::memory_order_relaxed);
    if (!entries) {
      entries = new std::string_view[size_t{firstChunk} << chunk]; // never freed, like names
      chunks_[chunk].store(entries, std::memory_order_release);
    }
    entries[offset] = text;
  }

private:
  static constexpr uint32_t firstBits = 10;
  static constexpr uint32_t firstChunk = 1u << firstBits;
  // Chunk k holds indexes [firstChunk * (2^k - 1), firstChunk * (2^(k+1) - 1)).
  static std::pair<uint32_t, uint32_t> locate(uint32_t index) {
    uint64_t biased = uint64_t{index} + firstChunk;
    uint32_t top = 63 - static_cast<uint32_t>(__builtin_clzll(biased));
    return {top - firstBits, static_cast<uint32_t>(biased - (uint64_t{1} << top))};
  }
  std::array<std::atomic<std::string_view*>, 32> chunks_{};
};

// A shard's ids by text: open addressing on the text's hash, the text itself compared
// through the shard's TextTable. At most half full, so a probe run stays short; a lookup
// touches one slot array instead of a node-based map's buckets and nodes.
class IdTable {
public:
  // The id of `text`, or 0. `at` gives the text of an index (the shard's TextTable).
  template <class TextAt> uint32_t find(std::string_view text, uint64_t hash, TextAt at) const {
    if (slots_.empty()) return 0;
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.id == 0) return 0;
      if (slot.hash == hash && at((slot.id >> shardBits) - 1) == text) return slot.id;
    }
  }
  // Adds an id for a text not in the table.
  void insert(uint64_t hash, uint32_t id) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    place(Slot{hash, id});
    ++size_;
  }

private:
  struct Slot {
    uint64_t hash = 0;
    uint32_t id = 0; // 0: empty
  };
  void place(Slot slot) {
    size_t i = slot.hash & mask_;
    while (slots_[i].id != 0) i = (i + 1) & mask_;
    slots_[i] = slot;
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    for (const Slot& slot : old)
      if (slot.id != 0) place(slot);
  }
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

struct Shard {
  std::shared_mutex mutex;
  IdTable ids;
  std::deque<std::string> texts; // deque: element addresses never move
  TextTable views;               // texts[i] by i, read without the lock
};

struct Interner {
  std::array<Shard, shardCount> shards;
  std::atomic<uint32_t> count{0};

  // The shard from the hash's top bits; slots within a shard from its low bits.
  static uint32_t shardOf(uint64_t hash) { return static_cast<uint32_t>(hash >> (64 - shardBits)); }

  Name intern(std::string_view text, uint64_t hash) {
    uint32_t s = shardOf(hash);
    Shard& shard = shards[s];
    auto at = [&shard](uint32_t index) { return shard.views.at(index); };
    {
      std::shared_lock lock(shard.mutex);
      if (uint32_t id = shard.ids.find(text, hash, at)) return Name{id};
    }
    std::unique_lock lock(shard.mutex);
    if (uint32_t id = shard.ids.find(text, hash, at)) return Name{id};
    shard.texts.emplace_back(text);
    shard.views.set(static_cast<uint32_t>(shard.texts.size() - 1), shard.texts.back());
    // Index + 1 so that no real name has id 0.
    uint32_t id = (static_cast<uint32_t>(shard.texts.size()) << shardBits) | s;
    shard.ids.insert(hash, id);
    count.fetch_add(1, std::memory_order_relaxed);
    return Name{id};
  }

  Name find(std::string_view text) {
    uint64_t hash = hashText(text);
    Shard& shard = shards[shardOf(hash)];
    std::shared_lock lock(shard.mutex);
    return Name{
        shard.ids.find(text, hash, [&shard](uint32_t index) { return shard.views.at(index); })};
  }

  std::string_view text(Name name) {
    if (!name) return {};
    return shards[name.id & (shardCount - 1)].views.at((name.id >> shardBits) - 1);
  }
};

Interner& interner() {
  static Interner* instance = new Interner(); // never destroyed: names outlive everything
  return *instance;
}

} // namespace

// A per-thread cache in front of the shared interner: lowering interns every identifier of a
// file, and most are names seen before (self, None, the file's own names). An open-addressing
// table keyed by the text's hash, holding views of the interned (never freed) texts, answers
// those without the shard's lock or its node-based map. Entries are only ever overwritten, so
// a collision costs a trip to the interner, never a wrong answer.
class InternCache {
public:
  Name intern(std::string_view text) {
    uint64_t hash = hashText(text);
    Entry& entry = entries_[hash & (capacity - 1)];
    auto check = static_cast<uint32_t>(hash >> 32);
    // An empty view may have a null data(), which memcmp must not be given even for 0 bytes.
    if (entry.check == check && entry.length == text.size() && entry.text &&
        (text.empty() || std::memcmp(entry.text, text.data(), text.size()) == 0))
      return entry.name;
    Name name = interner().intern(text, hash);
    entry = Entry{name.text().data(), static_cast<uint32_t>(text.size()), check, name};
    return name;
  }

private:
  // 8,192 entries (192 KB): a module's own names and the language's common ones mostly stay;
  // over the standard library a quarter fewer lookups reach the interner than with 2,048.
  static constexpr size_t capacity = 1u << 13;
  struct Entry {
    const char* text = nullptr; // the interned copy, which lives as long as the process
    uint32_t length = 0;
    uint32_t check = 0; // the hash's high bits
    Name name;
  };
  std::array<Entry, capacity> entries_{};
};

Name intern(std::string_view text) {
  thread_local InternCache cache;
  return cache.intern(text);
}
Name findName(std::string_view text) {
  return interner().find(text);
}
uint32_t internedNameCount() {
  return interner().count.load(std::memory_order_relaxed);
}
std::string_view Name::text() const {
  return interner().text(*this);
}

namespace names {
#define SHRIKE_KNOWN_NAME(identifier, text) const Name identifier = intern(text);
#include "parser/KnownNames.def"
#undef SHRIKE_KNOWN_NAME
} // namespace names

} // namespace shrike::parser
