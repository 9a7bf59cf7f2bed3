// SourceText: UTF-8 sanitising, the line index and offset <-> (line, column) conversions.
#include "parser/SourceText.h"

#include <algorithm>
#include <cstring>

#include "parser/SourceEncoding.h"

namespace shrike::parser {

namespace {

constexpr char32_t replacementCharacter = 0xFFFD;

bool isContinuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

uint32_t utf16Units(char32_t codePoint) {
  return codePoint >= 0x10000 ? 2 : 1;
}

} // namespace

uint32_t decodeUtf8(std::string_view text, uint32_t offset, char32_t& codePoint) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const uint32_t size = static_cast<uint32_t>(text.size());
  unsigned char c = s[offset];
  if (c < 0x80) {
    codePoint = c;
    return 1;
  }
  uint32_t length;
  char32_t value;
  char32_t minimum;
  if (c >= 0xC2 && c <= 0xDF) {
    length = 2, value = c & 0x1F, minimum = 0x80;
  } else if (c >= 0xE0 && c <= 0xEF) {
    length = 3, value = c & 0x0F, minimum = 0x800;
  } else if (c >= 0xF0 && c <= 0xF4) {
    length = 4, value = c & 0x07, minimum = 0x10000;
  } else {
    codePoint = replacementCharacter;
    return 1;
  }
  if (offset + length > size) {
    codePoint = replacementCharacter;
    return 1;
  }
  for (uint32_t i = 1; i < length; ++i) {
    if (!isContinuation(s[offset + i])) {
      codePoint = replacementCharacter;
      return 1;
    }
    value = (value << 6) | (s[offset + i] & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not valid UTF-8.
  if (value < minimum || (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) {
    codePoint = replacementCharacter;
    return 1;
  }
  codePoint = value;
  return length;
}

void appendUtf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool sanitizeUtf8(std::string& text, uint32_t* firstInvalid) {
  // Fast path: most files are valid; scan first and only copy when needed.
  uint32_t offset = 0;
  const uint32_t size = static_cast<uint32_t>(text.size());
  while (offset < size) {
    // ASCII eight bytes at a time (most source is ASCII throughout).
    if (offset + 8 <= size) {
      uint64_t word;
      std::memcpy(&word, text.data() + offset, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        offset += 8;
        continue;
      }
    }
    auto c = static_cast<unsigned char>(text[offset]);
    if (c < 0x80) {
      ++offset;
      continue;
    }
    char32_t cp;
    uint32_t length = decodeUtf8(text, offset, cp);
    if (cp == replacementCharacter && length == 1) break;
    offset += length;
  }
  if (offset >= size) return false;
  if (firstInvalid) *firstInvalid = offset;
  std::string out(text, 0, offset);
  out.reserve(size + 16);
  while (offset < size) {
    char32_t cp;
    uint32_t length = decodeUtf8(text, offset, cp);
    if (length == 1 && cp == replacementCharacter) {
      appendUtf8(out, replacementCharacter);
    } else {
      out.append(text, offset, length);
    }
    offset += length;
  }
  text = std::move(out);
  return true;
}

SourceText::SourceText(std::string bytes) : text_(std::move(bytes)) {
  if (text_.size() >= 3 && text_.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    text_.erase(0, 3);
    hadByteOrderMark_ = true;
  }
  hadInvalidUtf8_ = sanitizeUtf8(text_, &firstInvalidUtf8_);
  buildLineIndex();
}

SourceText SourceText::fromFileBytes(std::string bytes) {
  bool byteOrderMark = bytes.size() >= 3 && bytes.compare(0, 3, "\xEF\xBB\xBF") == 0;
  if (!byteOrderMark) {
    if (auto declaration = findCodingDeclaration(bytes)) {
      SourceCharset charset = classifyEncoding(declaration->name);
      if (charset == SourceCharset::Latin1 || charset == SourceCharset::Ascii ||
          charset == SourceCharset::Cp1252 || charset == SourceCharset::Latin9)
        return SourceText(decodeSingleByte(bytes, charset));
    }
  }
  return SourceText(std::move(bytes));
}

void SourceText::buildLineIndex() {
  lineStarts_.clear();
  lineStarts_.reserve(text_.size() / 32 + 1);
  lineStarts_.push_back(0);
  const char* data = text_.data();
  const uint32_t size = static_cast<uint32_t>(text_.size());
  if (!std::memchr(data, '\r', size)) {
    // Only LF ends lines (nearly every file): memchr finds them many bytes at a time.
    for (const char* at = data;
         (at = static_cast<const char*>(std::memchr(at, '\n', size - (at - data)))) != nullptr;) {
      ++at;
      lineStarts_.push_back(static_cast<uint32_t>(at - data));
    }
    return;
  }
  for (uint32_t i = 0; i < size; ++i) {
    char c = data[i];
    if (c == '\n') {
      lineStarts_.push_back(i + 1);
    } else if (c == '\r') {
      if (i + 1 < size && data[i + 1] == '\n') ++i;
      lineStarts_.push_back(i + 1);
    }
  }
}

uint32_t SourceText::lineStart(uint32_t line) const {
  if (line >= lineStarts_.size()) return size();
  return lineStarts_[line];
}

uint32_t SourceText::lineEnd(uint32_t line) const {
  if (line >= lineStarts_.size()) return size();
  uint32_t end = line + 1 < lineStarts_.size() ? lineStarts_[line + 1] : size();
  uint32_t start = lineStarts_[line];
  if (end > start && text_[end - 1] == '\n') --end;
  if (end > start && text_[end - 1] == '\r') --end;
  return end;
}

std::string_view SourceText::lineText(uint32_t line) const {
  uint32_t start = lineStart(line);
  return std::string_view(text_).substr(start, lineEnd(line) - start);
}

uint32_t SourceText::lineOf(uint32_t offset) const {
  auto it = std::upper_bound(lineStarts_.begin(), lineStarts_.end(), offset);
  return static_cast<uint32_t>(it - lineStarts_.begin()) - 1;
}

LineColumn SourceText::toLineColumn(uint32_t offset, ColumnUnit unit) const {
  offset = std::min(offset, size());
  uint32_t line = lineOf(offset);
  uint32_t start = lineStarts_[line];
  // An offset inside a line terminator counts as the line's end.
  offset = std::min(offset, lineEnd(line));
  if (unit == ColumnUnit::Utf8) {
    while (offset > start && isContinuation(static_cast<unsigned char>(text_[offset]))) --offset;
    return {line, offset - start};
  }
  uint32_t column = 0;
  uint32_t i = start;
  while (i < offset) {
    char32_t cp;
    uint32_t length = decodeUtf8(text_, i, cp);
    if (i + length > offset) break; // inside a character: count it from its start
    column += unit == ColumnUnit::Utf16 ? utf16Units(cp) : 1;
    i += length;
  }
  return {line, column};
}

uint32_t SourceText::toOffset(LineColumn position, ColumnUnit unit) const {
  if (position.line >= lineStarts_.size()) return size();
  uint32_t start = lineStarts_[position.line];
  uint32_t end = lineEnd(position.line);
  if (unit == ColumnUnit::Utf8) {
    uint32_t offset = std::min(start + position.column, end);
    // Never land inside a character.
    while (offset > start && offset < end &&
           isContinuation(static_cast<unsigned char>(text_[offset])))
      --offset;
    return offset;
  }
  uint32_t column = 0;
  uint32_t i = start;
  while (i < end && column < position.column) {
    char32_t cp;
    uint32_t length = decodeUtf8(text_, i, cp);
    uint32_t units = unit == ColumnUnit::Utf16 ? utf16Units(cp) : 1;
    // A column between the two halves of a surrogate pair points at the character.
    if (column + units > position.column) break;
    column += units;
    i += length;
  }
  return i;
}

bool SourceText::isValidPosition(LineColumn position, ColumnUnit unit) const {
  if (position.line >= lineStarts_.size()) return false;
  uint32_t offset = toOffset(position, unit);
  return toLineColumn(offset, unit) == position;
}

TextRange SourceText::characterRange(TextRange range) const {
  range.end = std::min(range.end, size());
  range.start = std::min(range.start, range.end);
  auto inside = [&](uint32_t offset) {
    return offset < size() && isContinuation(static_cast<unsigned char>(text_[offset]));
  };
  while (range.start > 0 && inside(range.start)) --range.start;
  while (inside(range.end)) ++range.end;
  return range;
}

void SourceText::edit(TextRange range, std::string_view replacement) {
  range = characterRange(range);
  std::string piece(replacement);
  sanitizeUtf8(piece);
  text_.replace(range.start, range.length(), piece);
  buildLineIndex();
}

} // namespace shrike::parser
