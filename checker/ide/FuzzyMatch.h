// FuzzyMatch: scores how well a typed query matches a symbol name, the way editors' symbol
// pickers do — every query character in order, case-insensitively, with bonuses for word
// starts (`qsf` finds `QuerySet.filter`-like `query_set_filter`) and runs of characters.
#pragma once

#include <optional>
#include <string_view>

namespace shrike::checker::ide {

// Higher is better; nullopt when the query is not a subsequence of the candidate. The empty
// query matches everything with score 0.
std::optional<int> fuzzyScore(std::string_view query, std::string_view candidate);

} // namespace shrike::checker::ide
