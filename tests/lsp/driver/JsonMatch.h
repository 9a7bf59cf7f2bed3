// JsonMatch: "does this message look like that one" for the LSP tests. An expected object
// matches when each of its keys matches in the actual one (extra keys are fine); arrays match
// element by element with equal lengths; the string "<any>" matches anything present.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace shrike::lsptest {

// Empty when `actual` matches `expected`; otherwise where and how it differs.
std::string jsonMismatch(const nlohmann::json& expected, const nlohmann::json& actual,
                         const std::string& where = "$");

} // namespace shrike::lsptest
