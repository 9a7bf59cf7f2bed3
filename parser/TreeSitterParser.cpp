// TreeSitterParser: the tree-sitter runtime calls, kept out of every other file.
#include "parser/TreeSitterParser.h"

#include <algorithm>

#include <tree_sitter/api.h>

#include "parser/ScratchParse.h"

extern "C" const TSLanguage* tree_sitter_python(void);

namespace shrike::parser {

const TSLanguage* pythonLanguage() {
  return tree_sitter_python();
}

// Every tree and parser here outlives any ScratchParse around the call: its memory is the
// heap's (HeapForTreeSitter), never the scratch arena's.

void TreeDeleter::operator()(TSTree* tree) const {
  HeapForTreeSitter heap;
  ts_tree_delete(tree);
}

SharedTree shareTree(const TSTree* tree) {
  if (!tree) return nullptr;
  HeapForTreeSitter heap;
  return SharedTree(ts_tree_copy(tree), [](const TSTree* copy) {
    HeapForTreeSitter heap;
    ts_tree_delete(const_cast<TSTree*>(copy));
  });
}

TreeSitterParser::TreeSitterParser() {
  HeapForTreeSitter heap;
  parser_ = ts_parser_new();
  ts_parser_set_language(parser_, pythonLanguage());
}

TreeSitterParser::~TreeSitterParser() {
  HeapForTreeSitter heap;
  ts_parser_delete(parser_);
}

TreePtr TreeSitterParser::parse(std::string_view text, const TSTree* old) {
  HeapForTreeSitter heap;
  // The grammar's external scanner keeps an "inside an f-string" flag that its state reset
  // (at the start of a parse, or where no scanner token precedes) leaves as the previous
  // parse ended, which then suppresses dedents. Setting the language again gives a fresh
  // scanner, so every parse starts from the same state whatever this parser read before.
  ts_parser_set_language(parser_, pythonLanguage());
  TSTree* tree =
      ts_parser_parse_string(parser_, old, text.data(), static_cast<uint32_t>(text.size()));
  if (!tree) {
    // Only a timeout or cancellation makes tree-sitter give up; neither is set, but a parser
    // left mid-parse must be reset before it is used again.
    ts_parser_reset(parser_);
    tree =
        ts_parser_parse_string(parser_, nullptr, text.data(), static_cast<uint32_t>(text.size()));
  }
  return TreePtr(tree);
}

TreeSitterParser& TreeSitterParser::threadLocal() {
  thread_local TreeSitterParser parser;
  return parser;
}

namespace {

// tree-sitter's points count rows by '\n' alone (a lone CR does not end a row) and columns
// in bytes, which differs from SourceText's lines; edits must use tree-sitter's own notion.
TSPoint pointOf(const SourceText& text, uint32_t offset) {
  std::string_view bytes = text.text().substr(0, offset);
  uint32_t row = static_cast<uint32_t>(std::count(bytes.begin(), bytes.end(), '\n'));
  size_t lastNewline = bytes.rfind('\n');
  uint32_t column = lastNewline == std::string_view::npos
                        ? offset
                        : offset - static_cast<uint32_t>(lastNewline) - 1;
  return TSPoint{row, column};
}

} // namespace

ParsedText::ParsedText(SourceText text) : text_(std::move(text)) {
  tree_ = TreeSitterParser::threadLocal().parse(text_.text());
}

void ParsedText::applyEdit(TextRange range, std::string_view replacement) {
  range = text_.characterRange(range);
  TSInputEdit edit{};
  edit.start_byte = range.start;
  edit.old_end_byte = range.end;
  edit.start_point = pointOf(text_, range.start);
  edit.old_end_point = pointOf(text_, range.end);
  uint32_t before = text_.size();
  text_.edit(range, replacement);
  // The replacement may have been sanitised (invalid UTF-8), so measure what was inserted.
  uint32_t inserted = text_.size() + range.length() - before;
  edit.new_end_byte = range.start + inserted;
  edit.new_end_point = pointOf(text_, edit.new_end_byte);
  {
    HeapForTreeSitter heap;
    ts_tree_edit(tree_.get(), &edit);
  }
  tree_ = TreeSitterParser::threadLocal().parse(text_.text(), tree_.get());
  if (ts_node_has_error(ts_tree_root_node(tree_.get())) && text_.size() <= maxFullReparseBytes)
    tree_ = TreeSitterParser::threadLocal().parse(text_.text());
}

void ParsedText::replaceAll(SourceText text) {
  text_ = std::move(text);
  tree_ = TreeSitterParser::threadLocal().parse(text_.text());
}

} // namespace shrike::parser
