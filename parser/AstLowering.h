// AstLowering: turns a tree-sitter tree into the compact Ast, collecting syntax errors.
#pragma once

#include <string_view>
#include <vector>

#include "parser/Ast.h"
#include "parser/SourceText.h"

struct TSTree;

namespace shrike::parser {

// The deepest nesting of syntax the lowering follows; deeper code is reported as
// `invalid-syntax` ("too deeply nested") instead of risking the stack. CPython's own limits
// are lower (200 nested brackets, 100 indentation levels).
inline constexpr uint32_t maxSyntaxDepth = 1200;

// Lowers a tree parsed from `text` (the same bytes). The tree is only read.
Ast lowerTree(const SourceText& text, const TSTree* tree);

// Lowers as lowerTree does, for a text that is edited and lowered again and again (an open
// document): the result keeps what the next call needs (Ast::reusable, which holds a copy of
// the tree), and the statements that tree-sitter carried over unchanged from the tree
// `previous` was lowered from are copied from `previous`, shifted, instead of lowered again.
// The result is the same as lowerTree's. `previous` may be null, or an Ast of another text.
Ast lowerTreeIncrementally(const SourceText& text, const TSTree* tree, const Ast* previous);

// Parses and lowers a module with this thread's parser; the tree is dropped at once.
Ast parseModule(const SourceText& text);

// Parses `expression` (for example the text of a string annotation) as a single expression
// whose first byte lies at `baseOffset` of the enclosing file. Nodes go into `arena`; ranges
// are in the enclosing file's offsets. Returns an ErrorExpr when the text is not one
// expression, and appends the reasons to `errors`.
Expr* parseExpression(Arena& arena, std::string_view expression, uint32_t baseOffset,
                      std::vector<SyntaxError>& errors);

} // namespace shrike::parser
