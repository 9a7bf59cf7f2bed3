// LineBreaks: the walk over a statement's tokens that finds a line break outside brackets.
#include "parser/LineBreaks.h"

#include <cstring>
#include <vector>

#include "parser/TreeSymbols.h"

namespace shrike::parser {

namespace {

bool isOpening(Sym sym) {
  return sym == Sym::tk_lparen || sym == Sym::tk_lbracket || sym == Sym::tk_lbrace;
}
bool isClosing(Sym sym) {
  return sym == Sym::tk_rparen || sym == Sym::tk_rbracket || sym == Sym::tk_rbrace;
}

// A line break between two tokens that a backslash does not escape.
bool unescapedLineBreak(std::string_view text, uint32_t from, uint32_t to) {
  for (uint32_t i = from; i < to && i < text.size(); ++i) {
    char c = text[i];
    if (c == '#') { // a comment runs to the end of its line: its line break ends the line
      while (i < to && text[i] != '\n' && text[i] != '\r') ++i;
      if (i < to) return true;
      return false;
    }
    if (c != '\n' && c != '\r') continue;
    uint32_t k = i;
    if (c == '\n' && k > from && text[k - 1] == '\r') --k;
    if (k == from || text[k - 1] != '\\') return true;
  }
  return false;
}

// Whether every line break in text[from, to) lies inside brackets, inside a plain string or
// comment within brackets, or right after a backslash: then no walk can find a joined line.
// Read as Python's tokenizer would, for a statement tree-sitter parsed without an error (so
// the brackets in the text are the tree's bracket tokens). Anything it does not follow (an
// f-string, whose fields may hold strings and comments, or a stray backslash) answers false,
// and the tree walk decides.
bool lineBreaksAllEnclosed(std::string_view text, uint32_t from, uint32_t to) {
  to = std::min<uint32_t>(to, static_cast<uint32_t>(text.size()));
  int depth = 0;
  for (uint32_t i = from; i < to; ++i) {
    char c = text[i];
    switch (c) {
    case '(':
    case '[':
    case '{': ++depth; break;
    case ')':
    case ']':
    case '}':
      if (--depth < 0) return false;
      break;
    case '\\':
      // A line continuation; any other backslash outside a string is not Python.
      if (i + 1 < to && text[i + 1] == '\n') {
        ++i;
      } else if (i + 1 < to && text[i + 1] == '\r') {
        i += (i + 2 < to && text[i + 2] == '\n') ? 2 : 1;
      } else {
        return false;
      }
      break;
    case '\n':
    case '\r':
      if (depth == 0) return false;
      break;
    case '#':
      if (depth == 0) return false; // its line break ends the line
      while (i + 1 < to && text[i + 1] != '\n' && text[i + 1] != '\r') ++i;
      break;
    case '\'':
    case '"': {
      // The prefix letters just before the quote: an f-string (or t-string) is left to the walk.
      for (uint32_t k = i; k > from; --k) {
        char p = text[k - 1];
        if (p == 'f' || p == 'F' || p == 't' || p == 'T') return false;
        if (p != 'r' && p != 'R' && p != 'b' && p != 'B' && p != 'u' && p != 'U') break;
      }
      bool triple = i + 2 < to && text[i + 1] == c && text[i + 2] == c;
      uint32_t quotes = triple ? 3 : 1;
      // The closing quote is the next one not escaped by an odd run of backslashes (in a raw
      // string too); the tree has no error, so a one-quote string does not run past its line.
      bool closed = false;
      uint32_t j = i + quotes;
      while (j < to) {
        const void* found = std::memchr(text.data() + j, c, to - j);
        if (!found) break;
        uint32_t q = static_cast<uint32_t>(static_cast<const char*>(found) - text.data());
        uint32_t backslashes = 0;
        while (q - backslashes > j && text[q - backslashes - 1] == '\\') ++backslashes;
        if (backslashes % 2 == 0 &&
            (!triple || (q + 2 < to && text[q + 1] == c && text[q + 2] == c))) {
          j = q + quotes;
          closed = true;
          break;
        }
        j = q + 1;
      }
      if (!closed) return false;
      i = j - 1;
      break;
    }
    default: break;
    }
  }
  return true;
}

} // namespace

bool hasLineBreak(std::string_view text, uint32_t from, uint32_t to) {
  if (to <= from || from >= text.size()) return false;
  const char* data = text.data() + from;
  size_t length = std::min<size_t>(to, text.size()) - from;
  return std::memchr(data, '\n', length) != nullptr || std::memchr(data, '\r', length) != nullptr;
}

std::string danglingTokenMessage(TSNode token, std::string_view tokenText) {
  switch (symOf(token)) {
  case Sym::tk_dot: return "expected an attribute name after '.'";
  case Sym::tk_as: return "expected a name after 'as'";
  case Sym::tk_import:
  case Sym::tk_from: return "expected a module name after '" + std::string(tokenText) + "'";
  case Sym::tk_def:
  case Sym::tk_class: return "expected a name after '" + std::string(tokenText) + "'";
  case Sym::tk_lambda: return "expected ':' after the parameters of 'lambda'";
  case Sym::tk_comma:
  case Sym::tk_colon:
  case Sym::tk_lparen:
  case Sym::tk_lbracket:
  case Sym::tk_lbrace: return "";
  default: break;
  }
  if (ts_node_is_named(token)) return "";
  // Operators and keywords that take an operand after them.
  static constexpr std::string_view operators[] = {
      "+",   "-",      "*",     "**",     "/",      "//",  "%",     "@",  "|",    "&",
      "^",   "~",      "<<",    ">>",     "<",      "<=",  "==",    "!=", ">=",   ">",
      "is",  "in",     "not",   "and",    "or",     "=",   ":=",    "+=", "-=",   "*=",
      "/=",  "@=",     "//=",   "%=",     "**=",    ">>=", "<<=",   "&=", "^=",   "|=",
      "->",  "return", "yield", "await",  "assert", "del", "raise", "if", "elif", "while",
      "for", "with",   "else",  "is not", "not in"};
  for (std::string_view op : operators)
    if (tokenText == op) return "expected an expression after '" + std::string(tokenText) + "'";
  return "";
}

std::optional<SyntaxError> findJoinedLine(std::string_view text, TSNode node, uint32_t limit,
                                          TSTreeCursor& cursor) {
  uint32_t start = ts_node_start_byte(node);
  limit = std::min(limit, ts_node_end_byte(node));
  if (!hasLineBreak(text, start, limit)) return std::nullopt;
  // Most statements that span lines do so inside brackets: a scan of the text settles them.
  if (!ts_node_has_error(node) && lineBreaksAllEnclosed(text, start, limit)) return std::nullopt;
  // Nodes to look inside, each at bracket depth 0 relative to the statement. An explicit
  // stack: a long chain continued with backslashes nests deeply.
  std::vector<TSNode> pending{node};
  std::optional<SyntaxError> found;
  while (!pending.empty() && !found) {
    TSNode current = pending.back();
    pending.pop_back();
    ts_tree_cursor_reset(&cursor, current);
    if (!ts_tree_cursor_goto_first_child(&cursor)) continue;
    int depth = 0;
    TSNode previous{};
    size_t firstPushed = pending.size();
    do {
      TSNode child = ts_tree_cursor_current_node(&cursor);
      uint32_t childStart = ts_node_start_byte(child);
      if (childStart >= limit) break;
      Sym sym = symOf(child);
      if (sym == Sym::comment || sym == Sym::line_continuation) continue;
      if (ts_node_is_missing(child)) continue;
      if (depth == 0 && !ts_node_is_null(previous) &&
          unescapedLineBreak(text, ts_node_end_byte(previous), childStart)) {
        uint32_t at = ts_node_end_byte(previous);
        // The token the line ends with names what is missing.
        TSNode last = previous;
        while (ts_node_child_count(last) > 0)
          last = ts_node_child(last, ts_node_child_count(last) - 1);
        uint32_t lastStart = ts_node_start_byte(last);
        std::string message =
            danglingTokenMessage(last, text.substr(lastStart, ts_node_end_byte(last) - lastStart));
        if (message.empty())
          message = "invalid syntax: the statement continues on the next line "
                    "outside brackets";
        found = SyntaxError{TextRange{at, at}, message};
        break;
      }
      if (isOpening(sym)) ++depth;
      if (isClosing(sym) && depth > 0) --depth;
      // Look inside children at depth 0 that span lines, except strings: a triple-quoted
      // string's line breaks are its text.
      if (depth == 0 && !isOpening(sym) && sym != Sym::string && ts_node_child_count(child) > 0 &&
          hasLineBreak(text, childStart, std::min(limit, ts_node_end_byte(child))))
        pending.push_back(child);
      previous = child;
    } while (ts_tree_cursor_goto_next_sibling(&cursor));
    // Visit this node's children in source order: the earliest break is the one to report.
    std::reverse(pending.begin() + static_cast<std::ptrdiff_t>(firstPushed), pending.end());
  }
  return found;
}

} // namespace shrike::parser
