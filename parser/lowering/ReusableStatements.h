// ReusableStatements: what a lowering keeps so that the next lowering of an edited text can
// copy the statements the edit left alone instead of lowering them again.
//
// tree-sitter's incremental parse hands over the subtrees of the old tree that an edit did not
// touch, the very same objects. A statement lowered from such a subtree, at the
// same block and recursion depth, lowers to the same nodes, only moved by the bytes the edit
// inserted or removed before it:
//
//     class C:                     an edit inside `g` lowers `class C` and `g` again;
//         def f(self): ...         `f` and `h` are the same subtrees as before: their nodes
//         def g(self): ...         (and comments) are copied from the previous Ast, shifted
//         def h(self): ...
//
// Only statements whose lowering reported nothing (no syntax error, no text read by other
// means, no error held back because one was already reported) are kept: those depend on
// nothing outside their own text. Copied statements are kept too, but not the statements
// nested in them: an edit inside one lowers it whole once, and its parts are kept from then on.
#pragma once

#include <cstdint>
#include <vector>

#include "parser/Ast.h"
#include "parser/TreeSitterParser.h"
#include "parser/TreeSymbols.h"

namespace shrike::parser {

struct ReusableStatements {
  struct Entry {
    const void* subtree = nullptr; // the statement's subtree in `tree` (see StatementReuse.cpp)
    Sym sym = Sym::ERROR;          // its symbol
    uint32_t start = 0;            // its first byte in the text lowered
    uint32_t firstOutput = 0;      // what it lowered to: outputs[firstOutput, +outputCount)
    uint32_t outputCount = 0;
    uint32_t firstComment = 0; // its comments: Ast::comments[firstComment, +commentCount)
    uint32_t commentCount = 0;
    uint32_t statementAfter = 0; // the lowering's current statement once it was lowered
    uint32_t blockDepth = 0;     // the depths it was lowered at
    uint32_t depth = 0;
  };
  // The tree lowered, kept so that the subtrees the entries name stay alive: an id is only
  // compared with ids of a tree that shares this one's subtrees.
  TreePtr tree;
  std::vector<Entry> entries;
  std::vector<Stmt*> outputs; // nodes in the Ast's arena
  uint32_t copied = 0;        // statements copied from the previous Ast (for tests and benches)
};

} // namespace shrike::parser
