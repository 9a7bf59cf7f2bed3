// QuotedText: tells a character scan when it is inside a quoted string.
#pragma once

#include <string_view>

namespace shrike::parser {

// The quote a left-to-right scan over annotation or comment text is inside, if any.
struct QuoteState {
  char quote = 0;

  // Whether text[i] belongs to a quoted string (its opening and closing quotes included). A
  // backslash inside a string also takes the character after it: `i` is stepped over that one.
  template <class Index> bool inString(std::string_view text, Index& i) {
    char c = text[i];
    if (quote) {
      if (c == '\\')
        ++i;
      else if (c == quote)
        quote = 0;
      return true;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      return true;
    }
    return false;
  }
};

} // namespace shrike::parser
