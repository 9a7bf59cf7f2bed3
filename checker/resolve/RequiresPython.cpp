// RequiresPython: specifier parsing by hand (the subset that can bound a version from below),
// and a toml++ read of pyproject.toml.
#include "checker/resolve/RequiresPython.h"

#include <cctype>
#include <toml++/toml.h>

namespace shrike::checker {

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return text;
}

// "3", "3.10", "3.10.2", "3.11.*" -> (major, minor); the minor defaults to 0.
std::optional<PythonVersion> parseVersion(std::string_view text) {
  PythonVersion version{0, 0};
  uint32_t* fields[] = {&version.major, &version.minor};
  size_t field = 0;
  size_t position = 0;
  while (position < text.size() && field < 2) {
    if (!std::isdigit(static_cast<unsigned char>(text[position]))) return std::nullopt;
    uint32_t value = 0;
    while (position < text.size() && std::isdigit(static_cast<unsigned char>(text[position]))) {
      value = value * 10 + static_cast<uint32_t>(text[position] - '0');
      if (value > 1000) return std::nullopt;
      ++position;
    }
    *fields[field++] = value;
    if (position < text.size() && text[position] == '.')
      ++position;
    else
      break;
  }
  if (field == 0) return std::nullopt;
  return version;
}

} // namespace

std::optional<PythonVersion> requiresPythonLowerBound(std::string_view specifiers) {
  std::optional<PythonVersion> bound;
  while (!specifiers.empty()) {
    size_t comma = specifiers.find(',');
    std::string_view clause = trim(specifiers.substr(0, comma));
    specifiers =
        comma == std::string_view::npos ? std::string_view() : specifiers.substr(comma + 1);
    if (clause.empty()) continue;
    std::string_view op;
    for (std::string_view candidate : {"===", "==", "~=", ">=", ">", "<=", "<", "!="}) {
      if (clause.substr(0, candidate.size()) == candidate) {
        op = candidate;
        break;
      }
    }
    if (op.empty()) return std::nullopt;
    std::optional<PythonVersion> version = parseVersion(trim(clause.substr(op.size())));
    if (!version) return std::nullopt;
    // Clauses are joined by "and": the highest lower bound is the one that holds.
    // ">3.8" admits 3.8.1, so its lower bound is 3.8 too.
    if (op == "<" || op == "<=" || op == "!=") continue;
    if (!bound || *bound < *version) bound = version;
  }
  return bound;
}

std::optional<std::string> readRequiresPython(const std::string& pyprojectPath) {
  // toml++ reports a missing file or malformed TOML by throwing; here it is just "unknown".
  try {
    toml::table document = toml::parse_file(pyprojectPath);
    return document["project"]["requires-python"].value<std::string>();
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

} // namespace shrike::checker
