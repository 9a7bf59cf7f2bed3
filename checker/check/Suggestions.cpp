// Suggestions: edit distance and the closest-name search behind "did you mean".
#include "checker/check/Suggestions.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace shrike::checker {

size_t editDistance(std::string_view a, std::string_view b) {
  return editDistanceWithin(a, b, SIZE_MAX);
}

size_t editDistanceWithin(std::string_view a, std::string_view b, size_t bound) {
  const size_t n = a.size(), m = b.size();
  // Three rows; on the stack for names of ordinary length (this runs once per candidate).
  constexpr size_t stackColumns = 64;
  size_t stackRows[3][stackColumns + 1];
  std::vector<size_t> heapRows;
  size_t* prev2 = stackRows[0];
  size_t* prev = stackRows[1];
  size_t* cur = stackRows[2];
  if (m > stackColumns) {
    heapRows.assign(3 * (m + 1), 0);
    prev2 = heapRows.data();
    prev = prev2 + (m + 1);
    cur = prev + (m + 1);
  }
  for (size_t j = 0; j <= m; ++j) prev[j] = j;
  size_t prevMin = 0;
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    size_t rowMin = i;
    for (size_t j = 1; j <= m; ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      rowMin = std::min(rowMin, cur[j]);
    }
    // Every later cell grows from this row or (a transposition) the one before it, plus one:
    // once both are past the bound, so is the distance.
    if (rowMin > bound && prevMin >= bound) return bound + 1;
    prevMin = rowMin;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

namespace {

bool equalsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

} // namespace

std::optional<std::string> closestName(std::string_view name,
                                       const std::vector<std::string_view>& candidates) {
  size_t limit = name.size() / 3; // short names only match a different capitalisation
  std::string_view best;
  size_t bestDistance = limit + 1;
  for (std::string_view c : candidates) {
    if (c == name || c.empty()) continue;
    size_t lengthGap = c.size() > name.size() ? c.size() - name.size() : name.size() - c.size();
    if (lengthGap > limit) continue;
    size_t d = equalsIgnoringCase(c, name) ? 0 : editDistanceWithin(name, c, bestDistance);
    if (d < bestDistance || (d == bestDistance && c < best)) {
      best = c;
      bestDistance = d;
    }
  }
  if (bestDistance > limit) return std::nullopt;
  return std::string(best);
}

} // namespace shrike::checker
