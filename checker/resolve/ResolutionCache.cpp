// ResolutionCache: the probe index and its invalidation.
#include "checker/resolve/ResolutionCache.h"

#include <mutex>
#include <vector>

namespace shrike::checker {

std::string ResolutionCache::probeKey(std::string_view folder, std::string_view stem) {
  std::string key(folder);
  key += '\0';
  key += stem;
  return key;
}

std::shared_ptr<const ResolutionCache::Entry> ResolutionCache::find(std::string_view key) const {
  std::shared_lock lock(mutex_);
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : it->second;
}

uint64_t ResolutionCache::generation() const {
  std::shared_lock lock(mutex_);
  return generation_;
}

void ResolutionCache::store(const std::string& key, std::shared_ptr<const Entry> entry,
                            uint64_t generation) {
  std::unique_lock lock(mutex_);
  if (generation != generation_) return;
  for (const auto& [folder, stem] : entry->probes.items)
    keysByProbe_[probeKey(folder, stem)].insert(key);
  entries_.insert_or_assign(key, std::move(entry));
}

size_t ResolutionCache::invalidate(const std::string& path) {
  std::unique_lock lock(mutex_);
  ++generation_;
  std::vector<std::string> dropped;
  auto takeKeys = [&](std::map<std::string, std::unordered_set<std::string>>::iterator it) {
    dropped.insert(dropped.end(), it->second.begin(), it->second.end());
    return keysByProbe_.erase(it);
  };
  // The probe of the changed name in its folder.
  size_t slash = path.rfind('/');
  std::string_view folder = slash == std::string::npos
                                ? std::string_view()
                                : std::string_view(path).substr(0, slash == 0 ? 1 : slash);
  std::string_view fileName = slash == std::string::npos ? std::string_view(path)
                                                         : std::string_view(path).substr(slash + 1);
  if (auto it = keysByProbe_.find(probeKey(folder, probeStem(fileName))); it != keysByProbe_.end())
    takeKeys(it);
  // Probes inside the path (a folder that disappeared or appeared with its contents).
  for (std::string prefix : {path + '\0', path + '/'}) {
    auto it = keysByProbe_.lower_bound(prefix);
    while (it != keysByProbe_.end() && it->first.compare(0, prefix.size(), prefix) == 0)
      it = takeKeys(it);
  }
  size_t count = 0;
  for (const std::string& key : dropped) {
    auto entry = entries_.find(key);
    if (entry == entries_.end()) continue;
    // Its other probes stop naming it, so the index never outgrows the entries.
    for (const auto& [probeFolder, stem] : entry->second->probes.items) {
      auto probe = keysByProbe_.find(probeKey(probeFolder, stem));
      if (probe == keysByProbe_.end()) continue;
      probe->second.erase(key);
      if (probe->second.empty()) keysByProbe_.erase(probe);
    }
    entries_.erase(entry);
    ++count;
  }
  return count;
}

void ResolutionCache::clear() {
  std::unique_lock lock(mutex_);
  ++generation_;
  entries_.clear();
  keysByProbe_.clear();
}

size_t ResolutionCache::size() const {
  std::shared_lock lock(mutex_);
  return entries_.size();
}

} // namespace shrike::checker
