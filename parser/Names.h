// Names: identifiers interned process-wide as 32-bit ids, so comparing names is comparing ints.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

namespace shrike::parser {

// An interned identifier (or dotted module name). Id 0 is "no name".
struct Name {
  uint32_t id = 0;
  explicit operator bool() const { return id != 0; }
  bool operator==(const Name&) const = default;
  auto operator<=>(const Name&) const = default;
  std::string_view text() const;
};

// Interns text; thread-safe, and the returned ids stay valid for the life of the process.
Name intern(std::string_view text);
// Looks a name up without creating it; an empty Name when it was never interned.
Name findName(std::string_view text);
// The number of distinct names interned so far (for memory reports).
uint32_t internedNameCount();

// Names that the checker compares against, interned once at start-up.
namespace names {
#define SHRIKE_KNOWN_NAME(identifier, text) extern const Name identifier;
#include "parser/KnownNames.def"
#undef SHRIKE_KNOWN_NAME
} // namespace names

} // namespace shrike::parser

template <> struct std::hash<shrike::parser::Name> {
  size_t operator()(shrike::parser::Name name) const noexcept {
    return std::hash<uint32_t>()(name.id);
  }
};
