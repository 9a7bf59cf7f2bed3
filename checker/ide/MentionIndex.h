// MentionIndex: which identifiers each workspace file spells, so that a search for the uses
// of a name loads (parses and binds) only the files that could hold one.
//
//     # views.py: `qs = Book.objects.filter(x=1)`   mentions: qs, Book, objects, filter, x
//     index.mayMention("views.py", "filter")  -> true   (the search loads views.py)
//     index.mayMention("views.py", "exclude") -> false  (views.py stays unloaded)
//
// Identifiers are kept as 32-bit hashes: a collision only costs a file loaded for nothing. A
// file the index has not seen (yet) may mention anything.
#pragma once

#include <cstdint>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace shrike::checker::ide {

class MentionIndex {
public:
  // Records the identifiers of `text`: every maximal run of letters, digits, `_` and non-ASCII
  // bytes, comments and strings included (an alias or a string annotation spells a name too).
  void set(const std::string& path, std::string_view text);
  void remove(const std::string& path);
  void clear();
  // False only when the file was recorded and spells no identifier `word`.
  bool mayMention(const std::string& path, std::string_view word) const;

private:
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, std::vector<uint32_t>> files_; // sorted, distinct hashes
};

} // namespace shrike::checker::ide
