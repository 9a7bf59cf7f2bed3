// LineBreaks: finds statements that tree-sitter joined across a line break Python ends them at.
//
// tree-sitter-python treats a line break as whitespace wherever its grammar does not expect
// the end of a statement, so an incomplete line silently continues on the next:
//
//     x = a.            # Python: invalid syntax
//     y = 1             # tree-sitter: `x = a.y = 1`, no error
//
// A line break inside a statement is only allowed within brackets, within a string, or after
// a backslash. This check looks at the statements the lowering builds (and the headers of
// compound statements) for any other.
#pragma once

#include <optional>
#include <string_view>

#include <tree_sitter/api.h>

#include "parser/Ast.h"

namespace shrike::parser {

// The first line break in `node` before `limit` that Python would end the statement at, as
// an error at the end of the line; nothing when there is none. `text` is the parsed text;
// `cursor` is any cursor of the node's tree, reused (the walk moves it).
std::optional<SyntaxError> findJoinedLine(std::string_view text, TSNode node, uint32_t limit,
                                          TSTreeCursor& cursor);

// Whether text[from, to) holds a line break (LF or CR).
bool hasLineBreak(std::string_view text, uint32_t from, uint32_t to);

// The message for a line (or an ERROR) that ends just after `token`: "expected an expression
// after '+'", "expected a name after 'as'"; empty when the token can end a line.
std::string danglingTokenMessage(TSNode token, std::string_view tokenText);

} // namespace shrike::parser
