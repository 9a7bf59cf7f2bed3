// Suggest: optimal-string-alignment distance and the suggestion wording.
#include "checker/config/Suggest.h"

#include <algorithm>

namespace shrike::checker {

namespace {

size_t editDistance(std::string_view a, std::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i)
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

} // namespace

std::optional<std::string> closestMatch(std::string_view word,
                                        const std::vector<std::string_view>& candidates) {
  std::optional<std::string> best;
  size_t bestDistance = std::max<size_t>(2, word.size() / 3) + 1;
  size_t bestPrefix = 0;
  for (std::string_view candidate : candidates) {
    size_t distance = editDistance(word, candidate);
    // Among equally close candidates, the one that shares the longest start wins: "3.1"
    // is more likely "3.10" than "3.7".
    size_t prefix = 0;
    while (prefix < word.size() && prefix < candidate.size() && word[prefix] == candidate[prefix])
      ++prefix;
    if (distance < bestDistance || (best && distance == bestDistance && prefix > bestPrefix)) {
      bestDistance = distance;
      bestPrefix = prefix;
      best = std::string(candidate);
    }
  }
  if (best) return best;
  // A longer or shorter form of a choice: "warning" for "warn", "concise-output" for "concise".
  for (std::string_view candidate : candidates) {
    std::string_view shorter = candidate.size() < word.size() ? candidate : word;
    std::string_view longer = candidate.size() < word.size() ? word : candidate;
    if (shorter.size() >= 3 && longer.substr(0, shorter.size()) == shorter)
      return std::string(candidate);
  }
  return best;
}

std::string didYouMean(std::string_view word, const std::vector<std::string_view>& candidates) {
  auto match = closestMatch(word, candidates);
  return match ? "; did you mean `" + *match + "`?" : "";
}

std::string quotedList(const std::vector<std::string_view>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " or " : ", ";
    out += '`';
    out += items[i];
    out += '`';
  }
  return out;
}

} // namespace shrike::checker
