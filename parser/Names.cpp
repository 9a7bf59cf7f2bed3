// Names: the process-wide interner, sharded so parallel lowering rarely contends.
#include "parser/Names.h"

#include <array>
#include <atomic>
#include <cstring>
#include <deque>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace shrike::parser {

namespace {

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

struct Shard {
  std::shared_mutex mutex;
  std::unordered_map<std::string_view, uint32_t> ids;
  std::deque<std::string> texts; // deque: element addresses never move
  TextTable views;               // texts[i] by i, read without the lock
};

struct Interner {
  std::array<Shard, shardCount> shards;
  std::atomic<uint32_t> count{0};

  static uint32_t shardOf(std::string_view text) {
    return static_cast<uint32_t>(std::hash<std::string_view>()(text)) & (shardCount - 1);
  }

  Name intern(std::string_view text) {
    uint32_t s = shardOf(text);
    Shard& shard = shards[s];
    {
      std::shared_lock lock(shard.mutex);
      auto it = shard.ids.find(text);
      if (it != shard.ids.end()) return Name{it->second};
    }
    std::unique_lock lock(shard.mutex);
    auto it = shard.ids.find(text);
    if (it != shard.ids.end()) return Name{it->second};
    shard.texts.emplace_back(text);
    shard.views.set(static_cast<uint32_t>(shard.texts.size() - 1), shard.texts.back());
    // Index + 1 so that no real name has id 0.
    uint32_t id = (static_cast<uint32_t>(shard.texts.size()) << shardBits) | s;
    shard.ids.emplace(shard.texts.back(), id);
    count.fetch_add(1, std::memory_order_relaxed);
    return Name{id};
  }

  Name find(std::string_view text) {
    Shard& shard = shards[shardOf(text)];
    std::shared_lock lock(shard.mutex);
    auto it = shard.ids.find(text);
    return it == shard.ids.end() ? Name{} : Name{it->second};
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
    uint64_t hash = hashOf(text);
    Entry& entry = entries_[hash & (capacity - 1)];
    auto check = static_cast<uint32_t>(hash >> 32);
    // An empty view may have a null data(), which memcmp must not be given even for 0 bytes.
    if (entry.check == check && entry.length == text.size() && entry.text &&
        (text.empty() || std::memcmp(entry.text, text.data(), text.size()) == 0))
      return entry.name;
    Name name = interner().intern(text);
    entry = Entry{name.text().data(), static_cast<uint32_t>(text.size()), check, name};
    return name;
  }

private:
  // Eight bytes at a time (the first and last words overlap for a short name), then mixed:
  // a byte-by-byte hash costs a multiply per letter, and every identifier of a file comes
  // here. Nothing outside this cache sees the value, so it need not be stable.
  static uint64_t hashOf(std::string_view text) {
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
  template <class T> static T load(const char* p) {
    T value;
    std::memcpy(&value, p, sizeof value);
    return value;
  }
  static uint64_t mix(uint64_t x) {
    x *= 0xBF58476D1CE4E5B9ull;
    x ^= x >> 31;
    x *= 0x94D049BB133111EBull;
    return x ^ (x >> 29);
  }

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
