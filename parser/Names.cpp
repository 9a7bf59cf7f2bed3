// Names: the process-wide interner, sharded so parallel lowering rarely contends.
#include "parser/Names.h"

#include <array>
#include <atomic>
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

struct Shard {
  std::shared_mutex mutex;
  std::unordered_map<std::string_view, uint32_t> ids;
  std::deque<std::string> texts; // deque: element addresses never move
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
    Shard& shard = shards[name.id & (shardCount - 1)];
    std::shared_lock lock(shard.mutex);
    return shard.texts[(name.id >> shardBits) - 1];
  }
};

Interner& interner() {
  static Interner* instance = new Interner(); // never destroyed: names outlive everything
  return *instance;
}

} // namespace

Name intern(std::string_view text) {
  return interner().intern(text);
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
