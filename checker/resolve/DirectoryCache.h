// DirectoryCache: directory listings read once and shared by every resolution, so that
// looking for `a.pyi`, `a.py`, `a/__init__.pyi`... in a folder costs one readdir, not one
// stat per candidate. Thread-safe; a file appearing or disappearing drops exactly the
// listings it changes.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

namespace shrike::checker {

class DirectoryCache {
public:
  struct Entry {
    std::string name;
    bool isDirectory = false;
  };
  // Sorted by name. A missing or unreadable folder lists as empty.
  using Listing = std::vector<Entry>;

  std::shared_ptr<const Listing> list(const std::string& directory);
  // The entry called `name` in `listing`, or null.
  static const Entry* find(const Listing& listing, std::string_view name);
  bool hasFile(const std::string& directory, std::string_view name);
  bool hasDirectory(const std::string& directory, std::string_view name);

  // The first bytes of a small marker file (py.typed); nullopt when it cannot be read.
  std::optional<std::string> readMarker(const std::string& path);

  // `path` appeared or disappeared: forgets its folder's listing, its own listing and
  // every listing and marker below it (a new folder may come with contents).
  void invalidate(const std::string& path);

  // Files that exist only in memory (unsaved editor buffers, test cases) list as if they
  // were on disk, and so do the folders that hold them. Each returns the highest path that
  // came into (or went out of) existence, for exact invalidation, or "" when none did.
  std::string addVirtualFile(const std::string& path);
  std::string removeVirtualFile(const std::string& path);
  // The text of an in-memory marker file (py.typed), which readMarker answers with instead
  // of the disk; nullopt forgets it.
  void setVirtualMarker(const std::string& path, std::optional<std::string> contents);
  // Whether `path` exists as a file or folder, on disk or in memory, by the listings.
  bool exists(const std::string& path);
  // The same from the listing already cached; nullopt when its folder is not cached.
  std::optional<bool> cachedExists(const std::string& path);

  // Bumped by every invalidation; a result computed across a change is not cached.
  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }
  // How many folders were read from disk: a measure for tests and benchmarks.
  uint64_t directoriesRead() const { return directoriesRead_.load(std::memory_order_relaxed); }

private:
  Listing readFromDisk(const std::string& directory);
  // Adds the in-memory files and folders directly inside `directory` (lock held).
  void addVirtualEntries(const std::string& directory, Listing& listing) const;
  // The highest of `path` and its ancestors that does not exist.
  std::string highestMissing(const std::string& path);

  std::shared_mutex mutex_;
  std::map<std::string, std::shared_ptr<const Listing>> listings_;
  std::map<std::string, std::optional<std::string>> markers_;
  std::set<std::string> virtualFiles_;
  std::map<std::string, std::string> virtualMarkers_;
  std::atomic<uint64_t> generation_{0};
  std::atomic<uint64_t> directoriesRead_{0};
};

// "/a/b/c.py" -> "/a/b"; "/a" -> "/"; "c.py" -> "".
std::string parentDirectory(std::string_view path);
// Joins with exactly one "/" between.
std::string joinPath(std::string_view directory, std::string_view name);

} // namespace shrike::checker
