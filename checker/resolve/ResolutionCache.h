// ResolutionCache: resolved modules by key, each with the probes it was built from, and an
// index from probe to keys so that a change on disk drops exactly the results it touches.
#pragma once

#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "checker/resolve/FolderLookup.h"
#include "checker/resolve/ModuleResolver.h"

namespace shrike::checker {

class ResolutionCache {
public:
  struct Entry {
    ResolvedModule module;
    Probes probes;
  };

  // Null when `key` is not cached. Entries are shared, never copied, on a hit.
  std::shared_ptr<const Entry> find(std::string_view key) const;
  // Stores `entry` unless an invalidation happened since `generation` was read (then the
  // result may describe the disk before the change, and is only returned, not kept).
  void store(const std::string& key, std::shared_ptr<const Entry> entry, uint64_t generation);
  uint64_t generation() const;

  // `path` appeared or disappeared: drops the results that probed `<parent>/<stem of path>`
  // or anything inside `path`. Returns how many were dropped.
  size_t invalidate(const std::string& path);
  void clear();
  size_t size() const;

private:
  static std::string probeKey(std::string_view folder, std::string_view stem);

  mutable std::shared_mutex mutex_;
  uint64_t generation_ = 0;
  struct KeyHash {
    using is_transparent = void;
    size_t operator()(std::string_view key) const { return std::hash<std::string_view>()(key); }
  };
  std::unordered_map<std::string, std::shared_ptr<const Entry>, KeyHash, std::equal_to<>> entries_;
  std::map<std::string, std::unordered_set<std::string>> keysByProbe_;
};

} // namespace shrike::checker
