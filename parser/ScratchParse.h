// ScratchParse: a tree-sitter parse whose tree is dropped at once, allocated in a bump arena.
//
// A batch check lowers each tree as soon as it is parsed and never looks at it again. Here
// every allocation tree-sitter makes on this thread while a ScratchParse lives (its parser,
// the parse stack, the tree, cursors over it) is a pointer bump in the thread's arena, and
// the end of the scope drops all of it at once: no ts_tree_delete walk over the nodes, no
// free per node.
//
//     {
//       ScratchParse scratch;
//       const TSTree* tree = scratch.parse(text);
//       Ast ast = lowerTree(source, tree);   // cursors over the tree allocate in the arena too
//     }                                      // the parser and the tree are gone
//
// Trees that outlive the scope (the language server's documents, incrementally reparsed) use
// TreeSitterParser, which suspends the arena while it runs, so its memory is the heap's.
// One ScratchParse per thread at a time.
#pragma once

#include <string_view>

struct TSTree;
struct TSParser;

namespace shrike::parser {

class ScratchParse {
public:
  ScratchParse();
  ~ScratchParse();
  ScratchParse(const ScratchParse&) = delete;
  ScratchParse& operator=(const ScratchParse&) = delete;

  // Parses text from scratch; the tree lives until this object is destroyed.
  const TSTree* parse(std::string_view text);

private:
  TSParser* parser_ = nullptr;
  TSTree* tree_ = nullptr;
  bool arena_ = false; // whether this thread's arena is in use (else the heap, as usual)
};

// While one lives, tree-sitter allocates from the heap on this thread even inside a
// ScratchParse (for a parser or tree that outlives the scratch scope).
class HeapForTreeSitter {
public:
  HeapForTreeSitter();
  ~HeapForTreeSitter();
  HeapForTreeSitter(const HeapForTreeSitter&) = delete;
  HeapForTreeSitter& operator=(const HeapForTreeSitter&) = delete;

private:
  void* saved_;
};

} // namespace shrike::parser
