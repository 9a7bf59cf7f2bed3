// Positions: LSP (line, character) positions <-> the engine's byte offsets, in the position
// encoding negotiated at initialize (UTF-16 unless the client offered UTF-8).
#pragma once

#include <optional>

#include "lsp/Protocol.h"
#include "parser/SourceText.h"

namespace shrike::lsp {

// The LSP name of an encoding: "utf-8", "utf-16", "utf-32".
const char* encodingName(parser::ColumnUnit unit);

// Clamps like the specification asks: a character past the line's end means the line's end,
// a line past the last means the end of the text.
uint32_t toOffset(const parser::SourceText& text, Position position, parser::ColumnUnit unit);
// For edits, where guessing would corrupt the buffer: a line past the last is refused (except
// the line just past it at character 0, which some clients use for "the very end").
std::optional<uint32_t> toOffsetStrict(const parser::SourceText& text, Position position,
                                       parser::ColumnUnit unit);

Position toPosition(const parser::SourceText& text, uint32_t offset, parser::ColumnUnit unit);
Range toRange(const parser::SourceText& text, parser::TextRange range, parser::ColumnUnit unit);

} // namespace shrike::lsp
