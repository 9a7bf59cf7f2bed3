// Suggestions: "did you mean" — the closest of a set of names to a misspelt one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shrike::checker {

// The candidate closest to `name` by edit distance (a transposition counts as one edit),
// if one is close enough: at most a third of the name's length (so a name of one or two
// characters only matches a different capitalisation of itself).
std::optional<std::string> closestName(std::string_view name,
                                       const std::vector<std::string_view>& candidates);

// The optimal-string-alignment distance between two strings.
size_t editDistance(std::string_view a, std::string_view b);
// The same when it is at most `bound`; otherwise some value above `bound` (found sooner).
size_t editDistanceWithin(std::string_view a, std::string_view b, size_t bound);

} // namespace shrike::checker
