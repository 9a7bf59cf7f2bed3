// TreeSitterParser: owns tree-sitter parsers and trees; full and incremental parsing.
#pragma once

#include <memory>
#include <string_view>

#include "parser/SourceText.h"

struct TSTree;
struct TSParser;
struct TSLanguage;

namespace shrike::parser {

const TSLanguage* pythonLanguage();

struct TreeDeleter {
  void operator()(TSTree* tree) const;
};
using TreePtr = std::unique_ptr<TSTree, TreeDeleter>;
// A tree handed to other threads: each holder reads its own cheap copy (tree-sitter trees
// share their nodes, but one tree object is not to be used by two threads at once).
using SharedTree = std::shared_ptr<const TSTree>;
SharedTree shareTree(const TSTree* tree);

// A tree-sitter parser for Python. Not thread-safe: use one per thread (threadLocal()).
class TreeSitterParser {
public:
  TreeSitterParser();
  ~TreeSitterParser();
  TreeSitterParser(const TreeSitterParser&) = delete;
  TreeSitterParser& operator=(const TreeSitterParser&) = delete;

  // Parses text from scratch, or incrementally when `old` is a tree already edited to match.
  TreePtr parse(std::string_view text, const TSTree* old = nullptr);

  static TreeSitterParser& threadLocal();

private:
  TSParser* parser_;
};

// A text with its tree, kept up to date under edits by incremental reparsing: what the
// language server holds for an open document.
//
// The tree after an edit is the tree a full parse of the new text gives. tree-sitter's error
// recovery depends on which old subtrees it reuses, so where the incremental result has a
// syntax error the text is parsed again from scratch (below maxFullReparseBytes): diagnostics
// never depend on the order of the edits that led to a text.
class ParsedText {
public:
  explicit ParsedText(SourceText text);

  const SourceText& text() const { return text_; }
  const TSTree* tree() const { return tree_.get(); }

  // Replaces [range) with `replacement`, edits the tree and reparses from it.
  void applyEdit(TextRange range, std::string_view replacement);
  // Replaces the whole text, reparsing from scratch.
  void replaceAll(SourceText text);

  // Broken text larger than this keeps the incremental result (a full parse of a huge file on
  // every keystroke costs more than exact error recovery is worth).
  static constexpr uint32_t maxFullReparseBytes = 4u << 20;

private:
  SourceText text_;
  TreePtr tree_;
};

} // namespace shrike::parser
