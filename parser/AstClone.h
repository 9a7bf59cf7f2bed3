// AstClone: deep copies of Ast subtrees into another arena, moved by a byte offset.
//
// The incremental lowering (AstLowering.h, lowerTreeIncrementally) copies the statements that
// an edit left untouched from the previous Ast instead of lowering them again:
//
//     x = 1          edit: `x = 1` -> `x = 10`
//     def f(): ...   unchanged, copied; every range moves one byte right
//
// The previous Ast may still be in use on other threads, so its nodes are never shared or
// changed: every node, list and string of the subtree is copied into the new arena.
#pragma once

#include <cstdint>

#include "parser/Ast.h"

namespace shrike::parser {

// A copy of `node` and everything below it, allocated in `arena`, with every range (nodes,
// identifiers, a call's argument range, a string's content range) moved by `delta` bytes. The
// copy's parent is `parent`; parent links inside the copy point into the copy. Ranges that
// are absent ({0, 0}: an import without `*`, a wildcard pattern's name) stay absent.
Node* cloneShifted(const Node* node, Arena& arena, int64_t delta, Node* parent);

template <class T> T* cloneShifted(const T* node, Arena& arena, int64_t delta, Node* parent) {
  return static_cast<T*>(cloneShifted(static_cast<const Node*>(node), arena, delta, parent));
}

} // namespace shrike::parser
