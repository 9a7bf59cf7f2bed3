// Literals: escape decoding for str/bytes literals and number literal parsing.
#include "parser/Literals.h"

#include <cctype>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "parser/SourceText.h"

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
    default:
      // Unknown escapes (and \N{...}) keep the backslash, as Python does for unknown ones.
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

} // namespace shrike::parser
