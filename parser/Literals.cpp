// Literals: escape decoding for str/bytes literals and number literal parsing.
#include "parser/Literals.h"

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <optional>

#include "parser/SourceText.h"
#include "parser/UnicodeNames.h"

namespace shrike::parser {

StringPrefix parseStringPrefix(std::string_view opening, uint32_t& quoteLength) {
  StringPrefix prefix;
  size_t i = 0;
  for (; i < opening.size() && opening[i] != '\'' && opening[i] != '"'; ++i) {
    switch (std::tolower(static_cast<unsigned char>(opening[i]))) {
    case 'r': prefix.raw = true; break;
    case 'b': prefix.bytes = true; break;
    case 'f': prefix.formatted = true; break;
    case 'u': prefix.unicode = true; break;
    case 't': prefix.template_ = true; break;
    default: break;
    }
  }
  quoteLength = opening.size() - i >= 3 ? 3 : 1;
  return prefix;
}

namespace {

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Reads exactly `count` hex digits at content[i]; -1 when they are not all there.
int64_t readHex(std::string_view content, size_t i, size_t count) {
  if (i + count > content.size()) return -1;
  int64_t value = 0;
  for (size_t k = 0; k < count; ++k) {
    int digit = hexValue(content[i + k]);
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

} // namespace

bool decodeStringContent(std::string_view content, bool bytes, std::string& out) {
  bool valid = true;
  out.reserve(out.size() + content.size());
  size_t i = 0;
  while (i < content.size()) {
    size_t backslash = content.find('\\', i);
    if (backslash == std::string_view::npos) {
      out.append(content.substr(i));
      break;
    }
    out.append(content.substr(i, backslash - i));
    i = backslash + 1;
    if (i >= content.size()) {
      out.push_back('\\');
      break;
    }
    char c = content[i];
    auto emit = [&](int64_t value) {
      if (bytes) {
        out.push_back(static_cast<char>(value & 0xFF));
      } else {
        appendUtf8(out, static_cast<char32_t>(value));
      }
    };
    switch (c) {
    case '\n': ++i; break; // a backslash-newline joins lines
    case '\r':
      ++i;
      if (i < content.size() && content[i] == '\n') ++i;
      break;
    case '\\': out.push_back('\\'), ++i; break;
    case '\'': out.push_back('\''), ++i; break;
    case '"': out.push_back('"'), ++i; break;
    case 'a': out.push_back('\a'), ++i; break;
    case 'b': out.push_back('\b'), ++i; break;
    case 'f': out.push_back('\f'), ++i; break;
    case 'n': out.push_back('\n'), ++i; break;
    case 'r': out.push_back('\r'), ++i; break;
    case 't': out.push_back('\t'), ++i; break;
    case 'v': out.push_back('\v'), ++i; break;
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7': {
      int64_t value = 0;
      size_t k = 0;
      for (; k < 3 && i + k < content.size() && content[i + k] >= '0' && content[i + k] <= '7'; ++k)
        value = value * 8 + (content[i + k] - '0');
      emit(value);
      i += k;
      break;
    }
    case 'x': {
      int64_t value = readHex(content, i + 1, 2);
      if (value < 0) {
        valid = false;
        out.push_back('\\');
        break;
      }
      emit(value);
      i += 3;
      break;
    }
    case 'u':
    case 'U': {
      size_t count = c == 'u' ? 4 : 8;
      int64_t value = bytes ? -1 : readHex(content, i + 1, count);
      if (bytes) { // not an escape in bytes: kept as written
        out.push_back('\\');
        break;
      }
      if (value < 0 || value > 0x10FFFF) {
        valid = false;
        out.push_back('\\');
        break;
      }
      // Lone surrogates cannot be UTF-8; they stand as U+FFFD in the decoded value.
      if (value >= 0xD800 && value <= 0xDFFF) value = 0xFFFD;
      emit(value);
      i += 1 + count;
      break;
    }
    case 'N': {
      // `\N{NAME}` names a character (str only; in bytes it is no escape).
      size_t close = i + 1 < content.size() && content[i + 1] == '{' ? content.find('}', i + 2)
                                                                     : std::string_view::npos;
      std::optional<char32_t> named;
      if (!bytes && close != std::string_view::npos)
        named = characterNamed(content.substr(i + 2, close - (i + 2)));
      if (!named) {
        // An unknown name is an error in Python; kept as written, as other invalid escapes.
        if (!bytes) valid = false;
        out.push_back('\\');
        break;
      }
      char32_t value = *named >= 0xD800 && *named <= 0xDFFF ? 0xFFFD : *named;
      emit(value);
      i = close + 1;
      break;
    }
    default:
      // Unknown escapes keep the backslash, as Python does.
      out.push_back('\\');
      break;
    }
  }
  return valid;
}

NumberValue parseNumber(std::string_view text) {
  NumberValue result;
  std::string digits;
  digits.reserve(text.size());
  for (char c : text)
    if (c != '_') digits.push_back(c);
  if (digits.empty()) return result;
  char last = digits.back();
  if (last == 'l' || last == 'L') {
    result.problem = "long integer suffix 'L' is not valid in Python 3";
    digits.pop_back();
  }
  bool imaginary = false;
  if (last == 'j' || last == 'J') {
    imaginary = true;
    digits.pop_back();
  }
  bool isHexLike =
      digits.size() > 1 && digits[0] == '0' && (std::strchr("xXoObB", digits[1]) != nullptr);
  if (!imaginary && !isHexLike && digits.find_first_of(".eE") != std::string::npos) {
    result.kind = NumberKind::Float;
    result.floatValue = std::strtod(digits.c_str(), nullptr);
    return result;
  }
  if (imaginary) {
    result.kind = NumberKind::Imaginary;
    result.floatValue = std::strtod(digits.c_str(), nullptr);
    return result;
  }
  int base = 10;
  size_t start = 0;
  if (isHexLike) {
    char p = static_cast<char>(std::tolower(static_cast<unsigned char>(digits[1])));
    base = p == 'x' ? 16 : p == 'o' ? 8 : 2;
    start = 2;
  } else if (digits.size() > 1 && digits[0] == '0' &&
             digits.find_first_not_of('0') != std::string::npos) {
    result.problem = "leading zeros in decimal integer literals are not permitted; use an 0o "
                     "prefix for octal integers";
  }
  result.kind = NumberKind::Int;
  unsigned __int128 value = 0;
  const unsigned __int128 limit =
      static_cast<unsigned __int128>(std::numeric_limits<int64_t>::max());
  for (size_t i = start; i < digits.size(); ++i) {
    int digit = hexValue(digits[i]);
    if (digit < 0 || digit >= base) {
      result.kind = NumberKind::Invalid;
      return result;
    }
    value = value * base + digit;
    if (value > limit) {
      result.fitsInt64 = false;
      value = limit; // keep scanning for invalid digits only
    }
  }
  result.intValue = static_cast<int64_t>(value);
  return result;
}

namespace {

bool isDigitIn(char c, int base) {
  int value = hexValue(c);
  return value >= 0 && value < base;
}

// Reads digits of `base` separated by single underscores from word[i]; returns how many
// digits were read, and sets `badUnderscore` when an underscore is doubled or trailing.
size_t readDigits(std::string_view word, size_t& i, int base, bool& badUnderscore) {
  size_t digits = 0;
  while (i < word.size()) {
    if (isDigitIn(word[i], base)) {
      ++digits, ++i;
    } else if (word[i] == '_' && digits > 0 && i + 1 < word.size() &&
               isDigitIn(word[i + 1], base)) {
      ++i;
    } else {
      if (word[i] == '_') badUnderscore = true;
      break;
    }
  }
  return digits;
}

} // namespace

std::string numberLiteralProblem(std::string_view word) {
  if (word.empty()) return "invalid decimal literal";
  bool badUnderscore = false;
  size_t i = 0;
  if (word.size() >= 2 && word[0] == '0' && std::strchr("xXoObB", word[1]) != nullptr) {
    char prefix = static_cast<char>(std::tolower(static_cast<unsigned char>(word[1])));
    int base = prefix == 'x' ? 16 : prefix == 'o' ? 8 : 2;
    const char* name = prefix == 'x' ? "hexadecimal" : prefix == 'o' ? "octal" : "binary";
    i = 2;
    if (i < word.size() && word[i] == '_') ++i;
    size_t digits = readDigits(word, i, base, badUnderscore);
    if (i < word.size() && base != 16 && std::isdigit(static_cast<unsigned char>(word[i])))
      return std::string("invalid digit '") + word[i] + "' in " + name + " literal";
    if (digits == 0 || badUnderscore || i < word.size())
      return std::string("invalid ") + name + " literal";
    return "";
  }
  size_t whole = readDigits(word, i, 10, badUnderscore);
  if (badUnderscore) return "invalid decimal literal";
  bool isFloat = false;
  if (i < word.size() && word[i] == '.') {
    isFloat = true;
    ++i;
    if (i < word.size() && word[i] == '_') return "invalid decimal literal";
    size_t fraction = readDigits(word, i, 10, badUnderscore);
    if (badUnderscore || (whole == 0 && fraction == 0)) return "invalid decimal literal";
  }
  if (whole == 0 && !isFloat) return "invalid decimal literal";
  if (i < word.size() && (word[i] == 'e' || word[i] == 'E')) {
    ++i;
    if (i < word.size() && (word[i] == '+' || word[i] == '-')) ++i;
    size_t exponent = readDigits(word, i, 10, badUnderscore);
    if (exponent == 0 || badUnderscore) return "invalid decimal literal";
    isFloat = true;
  }
  if (i < word.size() && (word[i] == 'j' || word[i] == 'J')) ++i;
  if (i < word.size()) return "invalid decimal literal";
  if (!isFloat && whole > 1 && word[0] == '0' &&
      word.find_first_not_of("0_") != std::string_view::npos && word.back() != 'j' &&
      word.back() != 'J')
    return "leading zeros in decimal integer literals are not permitted; use an 0o prefix for "
           "octal integers";
  return "";
}

} // namespace shrike::parser
