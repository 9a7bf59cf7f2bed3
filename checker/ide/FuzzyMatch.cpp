// FuzzyMatch: a greedy subsequence match with word-start and run bonuses.
#include "checker/ide/FuzzyMatch.h"

#include <cctype>

namespace shrike::checker::ide {

namespace {

char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

// A word starts at the beginning, after `_` or `.`, and at a lower-to-upper case change.
bool isWordStart(std::string_view text, size_t i) {
  if (i == 0) return true;
  char previous = text[i - 1], current = text[i];
  if (previous == '_' || previous == '.') return current != '_';
  return std::islower(static_cast<unsigned char>(previous)) &&
         std::isupper(static_cast<unsigned char>(current));
}

bool isSubsequence(std::string_view query, std::string_view candidate) {
  size_t c = 0;
  for (char q : query) {
    while (c < candidate.size() && lower(candidate[c]) != lower(q)) ++c;
    if (c == candidate.size()) return false;
    ++c;
  }
  return true;
}

// Matches query[q..] into candidate[c..], preferring word starts; returns the score.
std::optional<int> match(std::string_view query, std::string_view candidate) {
  int score = 0;
  size_t c = 0;
  int run = 0;
  for (size_t q = 0; q < query.size(); ++q) {
    char wanted = lower(query[q]);
    // Prefer the next word start that matches, if the rest can still match after it;
    // otherwise take the next matching character.
    size_t found = std::string_view::npos;
    for (size_t i = c; i < candidate.size(); ++i) {
      if (lower(candidate[i]) != wanted) continue;
      if (found == std::string_view::npos) found = i;
      if (run > 0 && i == c) break; // continuing a run beats jumping to a word start
      if (isWordStart(candidate, i) &&
          isSubsequence(query.substr(q + 1), candidate.substr(i + 1))) {
        found = i;
        break;
      }
    }
    if (found == std::string_view::npos) return std::nullopt;
    if (found == c && run > 0) {
      score += 4 + run; // a run of consecutive characters
      ++run;
    } else {
      run = 1;
      score -= static_cast<int>(found - c) > 0 ? 1 : 0; // a gap
    }
    if (isWordStart(candidate, found)) score += 8;
    if (candidate[found] == query[q]) score += 1; // same case
    c = found + 1;
  }
  return score;
}

} // namespace

std::optional<int> fuzzyScore(std::string_view query, std::string_view candidate) {
  if (query.empty()) return 0;
  std::optional<int> score = match(query, candidate);
  if (!score) return std::nullopt;
  int total = *score * 4;
  if (query.size() == candidate.size()) {
    total += 200; // the whole name, in some case
    if (query == candidate) total += 100;
  } else if (lower(query[0]) == lower(candidate[0])) {
    total += 20;
  }
  // Among equal matches, shorter names first.
  total -= static_cast<int>(candidate.size() - query.size());
  return total;
}

} // namespace shrike::checker::ide
