// SourceEncoding: a Python file's declared encoding (PEP 263) and decoding it to UTF-8.
//
//     # -*- coding: latin-1 -*-        on the first or second line
//
// Python source is UTF-8 unless such a comment names another encoding. Shrike works on
// UTF-8 throughout: SourceText::fromFileBytes decodes latin-1, cp1252, iso-8859-15 and ASCII
// exactly, and other known encodings lossily (non-ASCII bytes become U+FFFD).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace shrike::parser {

// The encoding name of a coding declaration and where it stands in the text.
struct CodingDeclaration {
  std::string name;
  uint32_t offset = 0;
  uint32_t length = 0;
};

// Finds a coding declaration on the first two lines (the second only when the first is a
// comment or blank), as CPython's tokenizer does.
std::optional<CodingDeclaration> findCodingDeclaration(std::string_view text);

enum class SourceCharset : uint8_t {
  Utf8,
  Latin1,
  Ascii,
  Cp1252,
  Latin9,     // iso-8859-15
  OtherKnown, // a codec Python has, decoded lossily here
  Unknown     // not a codec name Python knows: CPython refuses the file
};

// What an encoding name (any spelling Python accepts: `UTF8`, `latin-1`, `ISO_8859-15`) is.
SourceCharset classifyEncoding(std::string_view name);

// Decodes text in a single-byte charset (Latin1, Ascii, Cp1252, Latin9) to UTF-8; bytes the
// charset does not define become U+FFFD.
std::string decodeSingleByte(std::string_view bytes, SourceCharset charset);

} // namespace shrike::parser
