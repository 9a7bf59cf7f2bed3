// SyntaxErrors: readable messages for tree-sitter's ERROR and MISSING nodes.
#pragma once

#include <vector>

#include "parser/Ast.h"
#include "parser/SourceText.h"

struct TSTree;

namespace shrike::parser {

// Appends one error per broken place in the tree (the lowering adds its own for forms the
// grammar accepts but Python 3 rejects).
void collectSyntaxErrors(const SourceText& text, const TSTree* tree,
                         std::vector<SyntaxError>& errors);

// CPython's TabError: a logical line whose indentation nests differently when a tab counts
// 8 columns than when it counts 1 (only the first such line, as CPython stops there).
void checkIndentationConsistency(const SourceText& text, const TSTree* tree,
                                 std::vector<SyntaxError>& errors);

// Orders errors by position and drops a second error on the same line, which is almost
// always a consequence of the first.
void sortSyntaxErrors(const SourceText& text, std::vector<SyntaxError>& errors);

} // namespace shrike::parser
