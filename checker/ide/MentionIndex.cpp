// MentionIndex: a sorted set of identifier hashes per file.
#include "checker/ide/MentionIndex.h"

#include <algorithm>
#include <mutex>

namespace shrike::checker::ide {

namespace {

bool isIdentifierByte(char c) {
  return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         static_cast<unsigned char>(c) >= 0x80;
}

uint32_t hashOf(std::string_view word) {
  uint32_t h = 2166136261u; // FNV-1a
  for (char c : word) {
    h ^= static_cast<unsigned char>(c);
    h *= 16777619u;
  }
  return h;
}

} // namespace

void MentionIndex::set(const std::string& path, std::string_view text) {
  std::vector<uint32_t> hashes;
  for (size_t i = 0; i < text.size();) {
    if (!isIdentifierByte(text[i])) {
      ++i;
      continue;
    }
    size_t start = i;
    while (i < text.size() && isIdentifierByte(text[i])) ++i;
    hashes.push_back(hashOf(text.substr(start, i - start)));
  }
  std::sort(hashes.begin(), hashes.end());
  hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
  hashes.shrink_to_fit();
  std::unique_lock lock(mutex_);
  files_[path] = std::move(hashes);
}

void MentionIndex::remove(const std::string& path) {
  std::unique_lock lock(mutex_);
  files_.erase(path);
}

void MentionIndex::clear() {
  std::unique_lock lock(mutex_);
  files_.clear();
}

bool MentionIndex::mayMention(const std::string& path, std::string_view word) const {
  std::shared_lock lock(mutex_);
  auto it = files_.find(path);
  if (it == files_.end()) return true;
  return std::binary_search(it->second.begin(), it->second.end(), hashOf(word));
}

} // namespace shrike::checker::ide
