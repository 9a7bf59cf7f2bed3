// SyntaxErrorsIndentation: CPython's TabError, indentation that means one thing with 8-column
// tabs and another with 1-column tabs.
//
//     if True:
//     <tab>x = 1
//     <8 spaces>y = 2     inconsistent use of tabs and spaces in indentation
//
// tree-sitter's scanner reads a tab as 8 columns, so it nests these lines the way CPython's
// tokenizer does; the tokenizer also measures each logical line with 1-column tabs and refuses
// the file when the two measures disagree about the nesting. The logical lines are the lines
// where a statement, clause or decorator starts.
#include <algorithm>
#include <cstring>

#include <tree_sitter/api.h>

#include "parser/SyntaxErrors.h"
#include "parser/TreeSymbols.h"

namespace shrike::parser {

namespace {

// One logical line's indentation, measured both ways.
struct Indent {
  uint32_t lineStart;
  uint32_t textStart;
  uint32_t col; // tabs to the next multiple of 8
  uint32_t alt; // tabs as one column
};

bool isClause(Sym sym) {
  return sym == Sym::elif_clause || sym == Sym::else_clause || sym == Sym::except_clause ||
         sym == Sym::except_group_clause || sym == Sym::finally_clause || sym == Sym::case_clause ||
         sym == Sym::decorator;
}

// Nodes that can hold statements or clauses; nothing else is walked into.
bool holdsStatements(Sym sym) {
  switch (sym) {
  case Sym::module:
  case Sym::block:
  case Sym::if_statement:
  case Sym::elif_clause:
  case Sym::else_clause:
  case Sym::for_statement:
  case Sym::while_statement:
  case Sym::try_statement:
  case Sym::except_clause:
  case Sym::except_group_clause:
  case Sym::finally_clause:
  case Sym::with_statement:
  case Sym::function_definition:
  case Sym::class_definition:
  case Sym::decorated_definition:
  case Sym::match_statement:
  case Sym::case_clause: return true;
  default: return false;
  }
}

// The indentation before `start` when only blanks precede it on its line.
bool indentBefore(std::string_view text, uint32_t start, Indent& out) {
  uint32_t lineStart = start;
  while (lineStart > 0 && text[lineStart - 1] != '\n' && text[lineStart - 1] != '\r') --lineStart;
  uint32_t col = 0, alt = 0;
  for (uint32_t i = lineStart; i < start; ++i) {
    char c = text[i];
    if (c == ' ') {
      ++col;
      ++alt;
    } else if (c == '\t') {
      col = (col / 8 + 1) * 8;
      ++alt;
    } else if (c == '\f') {
      col = alt = 0; // as CPython's tokenizer: a form feed starts the measure again
    } else {
      return false;
    }
  }
  out = Indent{lineStart, start, col, alt};
  return true;
}

} // namespace

void checkIndentationConsistency(const SourceText& source, const TSTree* tree,
                                 std::vector<SyntaxError>& errors) {
  std::string_view text = source.text();
  // Nearly every file has no tab at all; only a tab can make the two measures differ.
  if (text.empty() || !std::memchr(text.data(), '\t', text.size())) return;

  // Where statements, clauses and decorators start; nothing below a simple statement.
  std::vector<Indent> lines;
  std::vector<TSNode> stack{ts_tree_root_node(tree)};
  while (!stack.empty()) {
    TSNode node = stack.back();
    stack.pop_back();
    Sym sym = symOf(node);
    bool holdsLines = sym == Sym::module || sym == Sym::block || sym == Sym::decorated_definition;
    uint32_t count = ts_node_child_count(node);
    for (uint32_t i = 0; i < count; ++i) {
      TSNode child = ts_node_child(node, i);
      if (!ts_node_is_named(child)) continue;
      Sym childSym = symOf(child);
      if (childSym == Sym::comment || childSym == Sym::ERROR) continue;
      Indent indent;
      if ((holdsLines || isClause(childSym)) &&
          indentBefore(text, ts_node_start_byte(child), indent))
        lines.push_back(indent);
      if (holdsStatements(childSym)) stack.push_back(child);
    }
  }
  std::sort(lines.begin(), lines.end(),
            [](const Indent& a, const Indent& b) { return a.lineStart < b.lineStart; });
  lines.erase(
      std::unique(lines.begin(), lines.end(),
                  [](const Indent& a, const Indent& b) { return a.lineStart == b.lineStart; }),
      lines.end());

  // CPython's tokenizer: a stack of open indentation levels, compared both ways.
  std::vector<Indent> levels{Indent{0, 0, 0, 0}};
  for (const Indent& line : lines) {
    bool consistent = true;
    if (line.col > levels.back().col) {
      consistent = line.alt > levels.back().alt;
      levels.push_back(line);
    } else {
      while (levels.size() > 1 && line.col < levels.back().col) levels.pop_back();
      if (line.col == levels.back().col) consistent = line.alt == levels.back().alt;
    }
    if (!consistent) {
      // CPython stops at the first such line; the lines after it are the same mistake.
      errors.push_back(SyntaxError{TextRange{line.lineStart, line.textStart},
                                   "inconsistent use of tabs and spaces in indentation"});
      return;
    }
  }
}

} // namespace shrike::parser
