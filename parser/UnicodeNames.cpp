// UnicodeNames: `\N{NAME}` lookups through ICU's u_charFromName.
#include "parser/UnicodeNames.h"

#include <string>

#include <unicode/uchar.h>

namespace shrike::parser {

std::optional<char32_t> characterNamed(std::string_view name) {
  // The longest Unicode name has 88 characters; anything much longer is not one.
  if (name.empty() || name.size() > 256 || name.find('\0') != std::string_view::npos)
    return std::nullopt;
  std::string terminated(name); // ICU takes a C string
  for (UCharNameChoice choice : {U_UNICODE_CHAR_NAME, U_CHAR_NAME_ALIAS}) {
    UErrorCode status = U_ZERO_ERROR;
    UChar32 c = u_charFromName(choice, terminated.c_str(), &status);
    if (U_SUCCESS(status) && c >= 0 && c <= 0x10FFFF) return static_cast<char32_t>(c);
  }
  return std::nullopt;
}

} // namespace shrike::parser
