// DirectoryCache: readdir with d_type (stat only for symlinks and unknown types), sorted
// listings behind a shared lock, and prefix invalidation over ordered maps.
#include "checker/resolve/DirectoryCache.h"

#include <algorithm>
#include <dirent.h>
#include <fcntl.h>
#include <mutex>
#include <sys/stat.h>
#include <unistd.h>

namespace shrike::checker {

std::string parentDirectory(std::string_view path) {
  size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return "";
  if (slash == 0) return "/";
  return std::string(path.substr(0, slash));
}

std::string joinPath(std::string_view directory, std::string_view name) {
  std::string result(directory);
  if (!result.empty() && result.back() != '/') result += '/';
  result += name;
  return result;
}

DirectoryCache::Listing DirectoryCache::readFromDisk(const std::string& directory) {
  directoriesRead_.fetch_add(1, std::memory_order_relaxed);
  Listing listing;
  DIR* handle = opendir(directory.c_str());
  if (!handle) return listing;
  while (dirent* entry = readdir(handle)) {
    std::string_view name = entry->d_name;
    if (name == "." || name == "..") continue;
    bool isDirectory = entry->d_type == DT_DIR;
    if (entry->d_type == DT_LNK || entry->d_type == DT_UNKNOWN) {
      struct stat info {};
      // A broken symlink names nothing importable.
      if (fstatat(dirfd(handle), entry->d_name, &info, 0) != 0) continue;
      isDirectory = S_ISDIR(info.st_mode);
    }
    listing.push_back(Entry{std::string(name), isDirectory});
  }
  closedir(handle);
  std::sort(listing.begin(), listing.end(),
            [](const Entry& a, const Entry& b) { return a.name < b.name; });
  return listing;
}

void DirectoryCache::addVirtualEntries(const std::string& directory, Listing& listing) const {
  std::string prefix = directory == "/" ? directory : directory + "/";
  size_t before = listing.size();
  for (auto it = virtualFiles_.lower_bound(prefix);
       it != virtualFiles_.end() && it->compare(0, prefix.size(), prefix) == 0; ++it) {
    std::string_view rest = std::string_view(*it).substr(prefix.size());
    size_t slash = rest.find('/');
    Entry entry{std::string(rest.substr(0, slash)), slash != std::string_view::npos};
    if (!find(listing, entry.name) &&
        std::none_of(listing.begin() + static_cast<std::ptrdiff_t>(before), listing.end(),
                     [&](const Entry& e) { return e.name == entry.name; }))
      listing.push_back(std::move(entry));
  }
  if (listing.size() == before) return;
  std::sort(listing.begin(), listing.end(),
            [](const Entry& a, const Entry& b) { return a.name < b.name; });
}

std::shared_ptr<const DirectoryCache::Listing> DirectoryCache::list(const std::string& directory) {
  {
    std::shared_lock lock(mutex_);
    if (auto it = listings_.find(directory); it != listings_.end()) return it->second;
  }
  uint64_t before = generation();
  Listing fromDisk = readFromDisk(directory);
  std::unique_lock lock(mutex_);
  if (auto it = listings_.find(directory); it != listings_.end()) return it->second;
  addVirtualEntries(directory, fromDisk);
  auto listing = std::make_shared<const Listing>(std::move(fromDisk));
  // A change reported while the folder was read may or may not be in what was read.
  if (generation() == before) listings_.emplace(directory, listing);
  return listing;
}

const DirectoryCache::Entry* DirectoryCache::find(const Listing& listing, std::string_view name) {
  auto it =
      std::lower_bound(listing.begin(), listing.end(), name,
                       [](const Entry& entry, std::string_view key) { return entry.name < key; });
  return it != listing.end() && it->name == name ? &*it : nullptr;
}

bool DirectoryCache::hasFile(const std::string& directory, std::string_view name) {
  const Entry* entry = find(*list(directory), name);
  return entry && !entry->isDirectory;
}

bool DirectoryCache::hasDirectory(const std::string& directory, std::string_view name) {
  const Entry* entry = find(*list(directory), name);
  return entry && entry->isDirectory;
}

std::optional<std::string> DirectoryCache::readMarker(const std::string& path) {
  {
    std::shared_lock lock(mutex_);
    if (auto it = virtualMarkers_.find(path); it != virtualMarkers_.end()) return it->second;
    if (auto it = markers_.find(path); it != markers_.end()) return it->second;
  }
  uint64_t before = generation();
  std::optional<std::string> contents;
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    char buffer[4096];
    ssize_t count = read(fd, buffer, sizeof buffer);
    close(fd);
    if (count >= 0) contents = std::string(buffer, static_cast<size_t>(count));
  }
  std::unique_lock lock(mutex_);
  if (generation() == before) markers_.emplace(path, contents);
  return contents;
}

namespace {

// Erases `key` and every key below it ("key/...") from an ordered map.
template <typename Map> void erasePrefix(Map& map, const std::string& key) {
  map.erase(key);
  std::string below = key + "/";
  auto it = map.lower_bound(below);
  while (it != map.end() && it->first.compare(0, below.size(), below) == 0) it = map.erase(it);
}

} // namespace

void DirectoryCache::invalidate(const std::string& path) {
  std::unique_lock lock(mutex_);
  generation_.fetch_add(1, std::memory_order_acq_rel);
  listings_.erase(parentDirectory(path));
  erasePrefix(listings_, path);
  erasePrefix(markers_, path);
}

bool DirectoryCache::exists(const std::string& path) {
  if (path.empty() || path == "/") return true;
  std::string name = path.substr(path.rfind('/') + 1);
  return find(*list(parentDirectory(path)), name) != nullptr;
}

std::optional<bool> DirectoryCache::cachedExists(const std::string& path) {
  if (path.empty() || path == "/") return true;
  std::shared_lock lock(mutex_);
  auto it = listings_.find(parentDirectory(path));
  if (it == listings_.end()) return std::nullopt;
  return find(*it->second, std::string_view(path).substr(path.rfind('/') + 1)) != nullptr;
}

std::string DirectoryCache::highestMissing(const std::string& path) {
  std::string missing;
  for (std::string current = path; !current.empty() && current != "/";
       current = parentDirectory(current)) {
    if (exists(current)) break;
    missing = current;
  }
  return missing;
}

std::string DirectoryCache::addVirtualFile(const std::string& path) {
  std::string appeared = highestMissing(path);
  {
    std::unique_lock lock(mutex_);
    virtualFiles_.insert(path);
  }
  if (!appeared.empty()) invalidate(appeared);
  return appeared;
}

void DirectoryCache::setVirtualMarker(const std::string& path,
                                      std::optional<std::string> contents) {
  std::unique_lock lock(mutex_);
  generation_.fetch_add(1, std::memory_order_acq_rel);
  markers_.erase(path);
  if (contents)
    virtualMarkers_[path] = std::move(*contents);
  else
    virtualMarkers_.erase(path);
}

std::string DirectoryCache::removeVirtualFile(const std::string& path) {
  {
    std::unique_lock lock(mutex_);
    virtualMarkers_.erase(path);
    if (virtualFiles_.erase(path) == 0) return "";
  }
  // Which folders went away with it is seen by listing its ancestors afresh.
  {
    std::unique_lock lock(mutex_);
    generation_.fetch_add(1, std::memory_order_acq_rel);
    for (std::string current = parentDirectory(path); !current.empty();
         current = parentDirectory(current)) {
      listings_.erase(current);
      if (current == "/") break;
    }
  }
  std::string gone = highestMissing(path);
  if (!gone.empty()) invalidate(gone);
  return gone;
}

} // namespace shrike::checker
