// Suggest: "did you mean ...?" for misspelt keys, rules and values.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shrike::checker {

// The candidate closest to `word` by edit distance (a swap of neighbours counts once),
// when it is close enough to be a plausible typo.
std::optional<std::string> closestMatch(std::string_view word,
                                        const std::vector<std::string_view>& candidates);

// "; did you mean `x`?" or "" when nothing is close.
std::string didYouMean(std::string_view word, const std::vector<std::string_view>& candidates);

// "`a`, `b` or `c`".
std::string quotedList(const std::vector<std::string_view>& items);

} // namespace shrike::checker
