// Glob: the pattern matcher and gitignore line semantics.
#include "checker/config/Glob.h"

namespace shrike::checker {

namespace {

// Matches a bracket class at pattern[pi] (just past '[') against one character; returns the
// pattern index after ']' or npos when the class is not closed (then '[' is literal).
size_t matchClass(std::string_view pattern, size_t pi, char c, bool& matched) {
  bool negate = pi < pattern.size() && (pattern[pi] == '!' || pattern[pi] == '^');
  if (negate) ++pi;
  bool any = false;
  bool first = true;
  while (pi < pattern.size() && (pattern[pi] != ']' || first)) {
    first = false;
    char low = pattern[pi];
    if (low == '\\' && pi + 1 < pattern.size()) low = pattern[++pi];
    char high = low;
    if (pi + 2 < pattern.size() && pattern[pi + 1] == '-' && pattern[pi + 2] != ']') {
      high = pattern[pi + 2];
      if (high == '\\' && pi + 3 < pattern.size()) high = pattern[++pi + 2];
      pi += 2;
    }
    if (low <= c && c <= high) any = true;
    ++pi;
  }
  if (pi >= pattern.size()) return std::string_view::npos;
  matched = any != negate;
  return pi + 1;
}

bool matchFrom(std::string_view p, size_t pi, std::string_view s, size_t si) {
  while (pi < p.size()) {
    char c = p[pi];
    if (c == '*') {
      size_t next = pi;
      while (next < p.size() && p[next] == '*') ++next;
      bool segmentStart = pi == 0 || p[pi - 1] == '/';
      bool segmentEnd = next == p.size() || p[next] == '/';
      if (next - pi >= 2 && segmentStart && segmentEnd) {
        if (next == p.size()) return true; // trailing `**`: everything below
        // `**/`: zero or more whole folders.
        for (size_t k = si;;) {
          if (matchFrom(p, next + 1, s, k)) return true;
          size_t slash = s.find('/', k);
          if (slash == std::string_view::npos) return false;
          k = slash + 1;
        }
      }
      // `*`: any run of characters within one folder name.
      for (size_t k = si;; ++k) {
        if (matchFrom(p, next, s, k)) return true;
        if (k >= s.size() || s[k] == '/') return false;
      }
    }
    if (si >= s.size()) return false;
    if (c == '?') {
      if (s[si] == '/') return false;
      ++si;
      while (si < s.size() && (static_cast<unsigned char>(s[si]) & 0xC0) == 0x80) ++si;
      ++pi;
      continue;
    }
    if (c == '[' && s[si] != '/') {
      bool matched = false;
      size_t after = matchClass(p, pi + 1, s[si], matched);
      if (after != std::string_view::npos) {
        if (!matched) return false;
        pi = after;
        ++si;
        continue;
      }
    }
    if (c == '\\' && pi + 1 < p.size()) c = p[++pi];
    if (c != s[si]) return false;
    ++pi;
    ++si;
  }
  return si == s.size();
}

} // namespace

bool globMatches(std::string_view pattern, std::string_view path) {
  return matchFrom(pattern, 0, path, 0);
}

bool hasGlobCharacters(std::string_view text) {
  return text.find_first_of("*?[\\") != std::string_view::npos;
}

std::optional<IgnorePattern> IgnorePattern::parse(std::string_view line) {
  // Trailing spaces are ignored unless escaped with a backslash; trailing CR from CRLF files too.
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
    if (line.back() == ' ' && line.size() >= 2 && line[line.size() - 2] == '\\') break;
    line.remove_suffix(1);
  }
  if (line.empty() || line.front() == '#') return std::nullopt;
  IgnorePattern pattern;
  if (line.front() == '!') {
    pattern.negated = true;
    line.remove_prefix(1);
  }
  if (!line.empty() && line.back() == '/') {
    pattern.dirOnly = true;
    while (!line.empty() && line.back() == '/') line.remove_suffix(1);
  }
  if (line.empty()) return std::nullopt;
  // A slash anywhere but the end anchors the pattern to the base; otherwise it matches a
  // name at any depth.
  bool anchored = line.find('/') != std::string_view::npos;
  while (!line.empty() && line.front() == '/') line.remove_prefix(1);
  if (line.empty()) return std::nullopt;
  pattern.glob = anchored ? std::string(line) : "**/" + std::string(line);
  return pattern;
}

bool IgnorePattern::matches(std::string_view relativePath, bool isDirectory) const {
  if (dirOnly && !isDirectory) return false;
  return globMatches(glob, relativePath);
}

IgnoreList::IgnoreList(std::string base, const std::vector<std::string>& lines)
    : base_(std::move(base)) {
  for (const std::string& line : lines)
    if (auto pattern = IgnorePattern::parse(line)) patterns_.push_back(std::move(*pattern));
}

IgnoreList IgnoreList::fromFileText(std::string base, std::string_view text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return IgnoreList(std::move(base), lines);
}

std::optional<bool> IgnoreList::decide(std::string_view relativePath, bool isDirectory) const {
  if (!base_.empty()) {
    if (relativePath.size() <= base_.size() || relativePath.compare(0, base_.size(), base_) != 0 ||
        relativePath[base_.size()] != '/')
      return std::nullopt;
    relativePath.remove_prefix(base_.size() + 1);
  }
  for (auto it = patterns_.rbegin(); it != patterns_.rend(); ++it)
    if (it->matches(relativePath, isDirectory)) return !it->negated;
  return std::nullopt;
}

} // namespace shrike::checker
