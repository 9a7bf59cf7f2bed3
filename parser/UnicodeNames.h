// UnicodeNames: the character a `\N{NAME}` escape names, from ICU's copy of the Unicode names.
#pragma once

#include <optional>
#include <string_view>

namespace shrike::parser {

// The code point whose Unicode name, or corrected name (NameAliases.txt's "correction" type),
// is `name`, compared without regard to case as Python does: `LATIN SMALL LETTER A`,
// `latin small letter a`, `CJK UNIFIED IDEOGRAPH-4E00`, `HANGUL SYLLABLE GA`. Nothing for an
// unknown name. ICU does not hold the other alias types that Python also accepts (`NULL`,
// `LF`, `NBSP`, `ZWJ`, `BYTE ORDER MARK`): those are not found here.
std::optional<char32_t> characterNamed(std::string_view name);

} // namespace shrike::parser
