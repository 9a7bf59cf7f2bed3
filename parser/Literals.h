// Literals: decoding Python's string escapes and number literals, independent of any tree.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace shrike::parser {

// The prefix letters of a string literal, e.g. `rb` in rb"...".
struct StringPrefix {
  bool raw = false;
  bool bytes = false;
  bool formatted = false;
  bool unicode = false;
  bool template_ = false; // t-strings (3.14)
};

// Parses the prefix and quote of a string's opening (`f'''`, `Rb"`): returns the prefix and
// sets quoteLength to 1 or 3.
StringPrefix parseStringPrefix(std::string_view opening, uint32_t& quoteLength);

// Decodes escapes in the text between a literal's quotes and appends the value. For str the
// result is UTF-8; for bytes, one byte per value. Returns false when an escape is invalid for
// the kind (e.g. \u in bytes, a truncated \x): such text is kept as written.
// `\N{NAME}` is decoded when ICU knows the name (see UnicodeNames.h), else kept as written.
bool decodeStringContent(std::string_view content, bool bytes, std::string& out);

enum class NumberKind : uint8_t { Int, Float, Imaginary, Invalid };

struct NumberValue {
  NumberKind kind = NumberKind::Invalid;
  int64_t intValue = 0;
  bool fitsInt64 = true;
  double floatValue = 0;
  // Why the literal is not valid Python 3, when it is not ("leading zeros ...").
  std::string_view problem;
};

// Parses the text of a number literal (`0x_ff`, `1_000`, `1.5e-3j`, `10L`, `0777`).
NumberValue parseNumber(std::string_view text);

// Why `word`, the run of letters, digits, `_` and `.` (and an exponent's sign) where a number
// starts, is not one number literal, worded as CPython's tokenizer words it ("invalid digit
// '2' in binary literal", "invalid decimal literal"); empty when it is one.
std::string numberLiteralProblem(std::string_view word);

} // namespace shrike::parser
