// Positions: conversions through SourceText's line index.
#include "lsp/Positions.h"

namespace shrike::lsp {

const char* encodingName(parser::ColumnUnit unit) {
  switch (unit) {
  case parser::ColumnUnit::Utf8: return "utf-8";
  case parser::ColumnUnit::Utf16: return "utf-16";
  case parser::ColumnUnit::Utf32: return "utf-32";
  }
  return "utf-16";
}

uint32_t toOffset(const parser::SourceText& text, Position position, parser::ColumnUnit unit) {
  return text.toOffset(parser::LineColumn{position.line, position.character}, unit);
}

std::optional<uint32_t> toOffsetStrict(const parser::SourceText& text, Position position,
                                       parser::ColumnUnit unit) {
  if (position.line >= text.lineCount()) {
    if (position.line == text.lineCount() && position.character == 0) return text.size();
    return std::nullopt;
  }
  return toOffset(text, position, unit);
}

Position toPosition(const parser::SourceText& text, uint32_t offset, parser::ColumnUnit unit) {
  parser::LineColumn lc = text.toLineColumn(offset, unit);
  return Position{lc.line, lc.column};
}

Range toRange(const parser::SourceText& text, parser::TextRange range, parser::ColumnUnit unit) {
  return Range{toPosition(text, range.start, unit), toPosition(text, range.end, unit)};
}

} // namespace shrike::lsp
