// JsonMatch: recursive subset matching with a path to the first difference.
#include "tests/lsp/driver/JsonMatch.h"

namespace shrike::lsptest {

std::string jsonMismatch(const nlohmann::json& expected, const nlohmann::json& actual,
                         const std::string& where) {
  if (expected.is_string() && expected.get<std::string>() == "<any>") return "";
  if (expected.is_object()) {
    if (!actual.is_object()) return where + ": expected an object, got " + actual.dump();
    for (const auto& [key, value] : expected.items()) {
      auto it = actual.find(key);
      if (it == actual.end()) return where + "." + key + ": missing";
      std::string inner = jsonMismatch(value, *it, where + "." + key);
      if (!inner.empty()) return inner;
    }
    return "";
  }
  if (expected.is_array()) {
    if (!actual.is_array()) return where + ": expected an array, got " + actual.dump();
    if (expected.size() != actual.size())
      return where + ": expected " + std::to_string(expected.size()) + " elements, got " +
             std::to_string(actual.size()) + ": " + actual.dump();
    for (size_t i = 0; i < expected.size(); ++i) {
      std::string inner =
          jsonMismatch(expected[i], actual[i], where + "[" + std::to_string(i) + "]");
      if (!inner.empty()) return inner;
    }
    return "";
  }
  if (expected.is_number() && actual.is_number()) {
    return expected.get<double>() == actual.get<double>()
               ? ""
               : where + ": expected " + expected.dump() + ", got " + actual.dump();
  }
  return expected == actual ? ""
                            : where + ": expected " + expected.dump() + ", got " + actual.dump();
}

} // namespace shrike::lsptest
