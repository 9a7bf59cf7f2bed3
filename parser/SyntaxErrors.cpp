// SyntaxErrors: walks the broken parts of a tree and words each one as Python users expect.
#include "parser/SyntaxErrors.h"

#include <algorithm>
#include <string>

#include <tree_sitter/api.h>

#include "parser/TreeSymbols.h"

namespace shrike::parser {

namespace {

std::string_view nodeText(const SourceText& text, TSNode node) {
  uint32_t start = std::min(ts_node_start_byte(node), text.size());
  uint32_t end = std::min(ts_node_end_byte(node), text.size());
  return text.text().substr(start, end - start);
}

TextRange nodeRange(TSNode node) {
  return TextRange{ts_node_start_byte(node), ts_node_end_byte(node)};
}

// What a compound statement's ':' follows, for "expected ':' after ...".
const char* colonContext(Sym parent) {
  switch (parent) {
  case Sym::if_statement: return "after the condition of 'if'";
  case Sym::elif_clause: return "after the condition of 'elif'";
  case Sym::while_statement: return "after the condition of 'while'";
  case Sym::for_statement: return "after the iterable of 'for'";
  case Sym::else_clause: return "after 'else'";
  case Sym::try_statement: return "after 'try'";
  case Sym::except_clause:
  case Sym::except_group_clause: return "after the 'except' clause";
  case Sym::finally_clause: return "after 'finally'";
  case Sym::with_statement: return "after the items of 'with'";
  case Sym::function_definition: return "after the function signature";
  case Sym::class_definition: return "after the class header";
  case Sym::lambda: return "after the parameters of 'lambda'";
  case Sym::match_statement: return "after the subject of 'match'";
  case Sym::case_clause: return "after the pattern of 'case'";
  default: return nullptr;
  }
}

std::string describeMissing(const SourceText& text, TSNode node) {
  std::string type = ts_node_type(node);
  TSNode parent = ts_node_parent(node);
  Sym parentSym = ts_node_is_null(parent) ? Sym::Other : symOf(parent);
  if (type == ":") {
    if (const char* context = colonContext(parentSym))
      return std::string("expected ':' ") + context;
    return "expected ':'";
  }
  if (type == ")" || type == "]" || type == "}") {
    const char* open = type == ")" ? "(" : type == "]" ? "[" : "{";
    return std::string("'") + open + "' was never closed";
  }
  if (type == "identifier") return "expected a name";
  if (type == "in" && parentSym == Sym::for_statement)
    return "expected 'in' in the 'for' statement";
  if (ts_node_is_named(node)) return "expected " + type;
  return "expected '" + type + "'";
}

// The first token of an ERROR node that tree-sitter could not place.
TSNode firstUnexpectedToken(TSNode error) {
  TSNode current = error;
  while (ts_node_child_count(current) > 0) {
    TSNode first = ts_node_child(current, 0);
    if (ts_node_is_null(first)) break;
    current = first;
  }
  return current;
}

std::string describeError(const SourceText& text, TSNode error, TSNode token) {
  std::string_view tokenText = nodeText(text, token);
  TSNode parent = ts_node_parent(error);
  if (ts_node_start_byte(error) >= text.size() || tokenText.empty())
    return "unexpected end of file";
  if (tokenText == "`") return "backticks are not valid in Python 3; use repr()";
  // An ERROR that starts with an opening bracket that never closes.
  if (tokenText == "(" || tokenText == "[" || tokenText == "{") {
    std::string_view whole = nodeText(text, error);
    char open = tokenText[0], close = open == '(' ? ')' : open == '[' ? ']' : '}';
    if (std::count(whole.begin(), whole.end(), open) >
        std::count(whole.begin(), whole.end(), close))
      return std::string("'") + open + "' was never closed";
  }
  if (tokenText == ")" || tokenText == "]" || tokenText == "}") {
    return "unmatched '" + std::string(tokenText) + "'";
  }
  if (!ts_node_is_null(parent) && symOf(parent) == Sym::parameters) return "invalid parameter list";
  if (!ts_node_is_null(parent) && symOf(parent) == Sym::argument_list)
    return "invalid argument list";
  std::string shown(tokenText.substr(0, 40));
  if (shown.find('\n') != std::string::npos) shown = shown.substr(0, shown.find('\n'));
  if (ts_node_symbol(token) == ts_node_symbol(error) ||
      std::string(ts_node_type(token)) == "identifier") {
    return "invalid syntax near '" + shown + "'";
  }
  return "unexpected '" + shown + "'";
}

} // namespace

void collectSyntaxErrors(const SourceText& text, const TSTree* tree,
                         std::vector<SyntaxError>& errors) {
  TSNode root = ts_tree_root_node(tree);
  if (!ts_node_has_error(root)) return;
  // Iterative walk into the subtrees that contain errors only.
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  bool descend = true;
  while (true) {
    TSNode node = ts_tree_cursor_current_node(&cursor);
    bool isError = symOf(node) == Sym::ERROR;
    bool isMissing = ts_node_is_missing(node);
    if (isMissing) {
      uint32_t at = ts_node_start_byte(node);
      errors.push_back(SyntaxError{TextRange{at, at}, describeMissing(text, node)});
    } else if (isError) {
      TSNode token = firstUnexpectedToken(node);
      TextRange range = nodeRange(token);
      if (range.length() == 0) range = nodeRange(node);
      // Keep the underline on one line.
      uint32_t line = text.lineOf(range.start);
      range.end = std::min(range.end, std::max(range.start, text.lineEnd(line)));
      errors.push_back(SyntaxError{range, describeError(text, node, token)});
    }
    // An error inside an error says nothing new; skip subtrees without errors.
    descend = !isError && ts_node_has_error(node);
    if (descend && ts_tree_cursor_goto_first_child(&cursor)) continue;
    bool moved = false;
    while (!moved) {
      if (ts_tree_cursor_goto_next_sibling(&cursor)) {
        moved = true;
      } else if (!ts_tree_cursor_goto_parent(&cursor)) {
        ts_tree_cursor_delete(&cursor);
        return;
      }
    }
  }
}

void sortSyntaxErrors(std::vector<SyntaxError>& errors) {
  std::stable_sort(errors.begin(), errors.end(), [](const SyntaxError& a, const SyntaxError& b) {
    return a.range.start < b.range.start;
  });
  (void)errors;
}

} // namespace shrike::parser
