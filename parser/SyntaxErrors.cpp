// SyntaxErrors: words tree-sitter's ERROR and MISSING nodes as Python users expect.
//
// tree-sitter's error recovery leaves a flat ERROR node around the tokens it could not place;
// it says nothing about what was expected. The messages here come from looking at those
// tokens the way CPython's tokenizer and parser would:
//
//     x = (1, 2          '(' was never closed                 (brackets, over the whole file)
//     if x               expected ':'                         (a compound header's line)
//     x = "abc           unterminated string literal (detected at line 1)
//     x = 0b12           invalid digit '2' in binary literal
//     f() = 1            cannot assign to function call here. Maybe you meant '==' instead of '='?
//     x = a if b         expected 'else' after 'if' expression
//     [1 2]              invalid syntax. Perhaps you forgot a comma?
//     x = 1 +            expected an expression after '+'
#include "parser/SyntaxErrors.h"

#include <algorithm>
#include <string>

#include <tree_sitter/api.h>

#include "parser/Literals.h"
#include "parser/SyntaxChecks.h"
#include "parser/TreeSymbols.h"

namespace shrike::parser {

namespace {

// A leaf of the tree: a token as tree-sitter read it. MISSING tokens are left out.
struct Token {
  TSNode node;
  Sym sym;
  uint32_t start;
  uint32_t end;
};

bool isOpening(Sym sym) {
  return sym == Sym::tk_lparen || sym == Sym::tk_lbracket || sym == Sym::tk_lbrace;
}
bool isClosing(Sym sym) {
  return sym == Sym::tk_rparen || sym == Sym::tk_rbracket || sym == Sym::tk_rbrace;
}
char bracketChar(Sym sym) {
  switch (sym) {
  case Sym::tk_lparen: return '(';
  case Sym::tk_rparen: return ')';
  case Sym::tk_lbracket: return '[';
  case Sym::tk_rbracket: return ']';
  case Sym::tk_lbrace: return '{';
  case Sym::tk_rbrace: return '}';
  default: return '?';
  }
}
Sym closerOf(Sym opening) {
  return opening == Sym::tk_lparen     ? Sym::tk_rparen
         : opening == Sym::tk_lbracket ? Sym::tk_rbracket
                                       : Sym::tk_rbrace;
}

// Statement keywords that open a block with a header ending in ':'.
bool isCompoundKeyword(Sym sym) {
  switch (sym) {
  case Sym::tk_if:
  case Sym::tk_elif:
  case Sym::tk_else:
  case Sym::tk_while:
  case Sym::tk_for:
  case Sym::tk_with:
  case Sym::tk_def:
  case Sym::tk_class:
  case Sym::tk_try:
  case Sym::tk_except:
  case Sym::tk_except_star:
  case Sym::tk_finally: return true;
  default: return false;
  }
}

// Tokens after which an expression must follow.
bool expectsOperand(Sym sym) {
  switch (sym) {
  case Sym::tk_plus:
  case Sym::tk_minus:
  case Sym::tk_star:
  case Sym::tk_starstar:
  case Sym::tk_slash:
  case Sym::tk_slashslash:
  case Sym::tk_percent:
  case Sym::tk_at:
  case Sym::tk_pipe:
  case Sym::tk_amp:
  case Sym::tk_caret:
  case Sym::tk_tilde:
  case Sym::tk_lshift:
  case Sym::tk_rshift:
  case Sym::tk_lt:
  case Sym::tk_le:
  case Sym::tk_eqeq:
  case Sym::tk_ne:
  case Sym::tk_ge:
  case Sym::tk_gt:
  case Sym::tk_is:
  case Sym::tk_in:
  case Sym::tk_not:
  case Sym::tk_and:
  case Sym::tk_or:
  case Sym::tk_equal:
  case Sym::tk_walrus:
  case Sym::tk_plus_eq:
  case Sym::tk_minus_eq:
  case Sym::tk_star_eq:
  case Sym::tk_slash_eq:
  case Sym::tk_at_eq:
  case Sym::tk_slashslash_eq:
  case Sym::tk_percent_eq:
  case Sym::tk_starstar_eq:
  case Sym::tk_rshift_eq:
  case Sym::tk_lshift_eq:
  case Sym::tk_amp_eq:
  case Sym::tk_caret_eq:
  case Sym::tk_pipe_eq:
  case Sym::tk_return:
  case Sym::tk_yield:
  case Sym::tk_await:
  case Sym::tk_assert:
  case Sym::tk_del:
  case Sym::tk_raise:
  case Sym::tk_arrow: return true;
  default: return false;
  }
}

// Tokens that can end an operand, and tokens that can start one: two of them side by side
// (`[1 2]`) are usually a forgotten comma.
bool endsOperand(Sym sym) {
  switch (sym) {
  case Sym::identifier:
  case Sym::integer:
  case Sym::float_:
  case Sym::string_end:
  case Sym::true_:
  case Sym::false_:
  case Sym::none:
  case Sym::ellipsis:
  case Sym::tk_rparen:
  case Sym::tk_rbracket:
  case Sym::tk_rbrace: return true;
  default: return false;
  }
}
// (An operand followed by `(` or `[` is a call or a subscript, and strings side by side
// concatenate, so those pairs are fine.)
bool startsOperand(Sym sym) {
  switch (sym) {
  case Sym::identifier:
  case Sym::integer:
  case Sym::float_:
  case Sym::string_start:
  case Sym::true_:
  case Sym::false_:
  case Sym::none:
  case Sym::ellipsis:
  case Sym::tk_lbrace: return true;
  default: return false;
  }
}

class Describer {
public:
  Describer(const SourceText& text, const TSTree* tree) : text_(text), tree_(tree) {}

  void run(std::vector<SyntaxError>& errors) {
    TSNode root = ts_tree_root_node(tree_);
    collectTokens(root);
    checkBrackets();
    for (const SyntaxError& e : bracketErrors_) errors.push_back(e);
    walkErrors(root, errors);
  }

private:
  // ---- tokens ----------------------------------------------------------------------------

  void collectTokens(TSNode root) {
    TSTreeCursor cursor = ts_tree_cursor_new(root);
    while (true) {
      TSNode node = ts_tree_cursor_current_node(&cursor);
      if (ts_node_child_count(node) == 0 || symOf(node) == Sym::string_start) {
        Sym sym = symOf(node);
        if (!ts_node_is_missing(node) && sym != Sym::comment && sym != Sym::line_continuation &&
            ts_node_end_byte(node) > ts_node_start_byte(node))
          tokens_.push_back(Token{node, sym, ts_node_start_byte(node), ts_node_end_byte(node)});
      } else if (ts_tree_cursor_goto_first_child(&cursor)) {
        continue;
      }
      while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
        if (!ts_tree_cursor_goto_parent(&cursor)) {
          ts_tree_cursor_delete(&cursor);
          return;
        }
      }
    }
  }

  // The first token starting at or after offset.
  size_t tokenAt(uint32_t offset) const {
    return static_cast<size_t>(
        std::lower_bound(tokens_.begin(), tokens_.end(), offset,
                         [](const Token& t, uint32_t at) { return t.start < at; }) -
        tokens_.begin());
  }

  std::string_view textOf(const Token& t) const {
    return text_.text().substr(t.start, t.end - t.start);
  }

  uint32_t lineOf(uint32_t offset) const { return text_.lineOf(offset); }
  uint32_t columnOf(uint32_t offset) const { return offset - text_.lineStart(lineOf(offset)); }

  // Is there a line break between two offsets that is not escaped by a backslash?
  bool lineBreakBetween(uint32_t from, uint32_t to) const {
    std::string_view gap = text_.text().substr(from, to - from);
    for (size_t i = 0; i < gap.size(); ++i) {
      if (gap[i] != '\n' && gap[i] != '\r') continue;
      size_t k = i;
      if (gap[i] == '\n' && k > 0 && gap[k - 1] == '\r') --k;
      if (k == 0 || gap[k - 1] != '\\') return true;
    }
    return false;
  }

  // ---- brackets ----------------------------------------------------------------------------

  // Matches brackets over the whole file, as CPython's tokenizer does, and reports the first
  // mismatch or unmatched closer, and the innermost opener still open at the end.
  void checkBrackets() {
    std::vector<const Token*> open;
    bool reportedCloser = false;
    for (const Token& t : tokens_) {
      if (isOpening(t.sym)) {
        open.push_back(&t);
      } else if (isClosing(t.sym)) {
        if (!open.empty() && closerOf(open.back()->sym) == t.sym) {
          open.pop_back();
          continue;
        }
        if (reportedCloser) {
          if (!open.empty()) open.pop_back();
          continue;
        }
        reportedCloser = true;
        std::string message;
        if (open.empty()) {
          message = std::string("unmatched '") + bracketChar(t.sym) + "'";
        } else {
          const Token& opener = *open.back();
          message = std::string("closing parenthesis '") + bracketChar(t.sym) +
                    "' does not match opening parenthesis '" + bracketChar(opener.sym) + "'";
          if (lineOf(opener.start) != lineOf(t.start))
            message += " on line " + std::to_string(lineOf(opener.start) + 1);
          open.pop_back();
        }
        bracketErrors_.push_back(SyntaxError{TextRange{t.start, t.end}, message});
        closerErrorAt_ = t.start;
      }
    }
    if (!open.empty()) {
      const Token& opener = *open.back();
      unclosedAt_ = opener.start;
      bracketErrors_.push_back(
          SyntaxError{TextRange{opener.start, opener.end},
                      std::string("'") + bracketChar(opener.sym) + "' was never closed"});
    }
  }

  // An ERROR that an unbalanced bracket explains says nothing more.
  bool explainedByBrackets(TextRange range) const {
    if (unclosedAt_ != kNone && unclosedAt_ < range.end) return true;
    return closerErrorAt_ != kNone && closerErrorAt_ >= range.start && closerErrorAt_ <= range.end;
  }

  // ---- the walk ----------------------------------------------------------------------------

  void walkErrors(TSNode root, std::vector<SyntaxError>& errors) {
    if (!ts_node_has_error(root)) return;
    TSTreeCursor cursor = ts_tree_cursor_new(root);
    while (true) {
      TSNode node = ts_tree_cursor_current_node(&cursor);
      bool isError = symOf(node) == Sym::ERROR;
      if (ts_node_is_missing(node)) {
        describeMissing(node, errors);
      } else if (isError) {
        describeError(node, errors);
      }
      // An error inside an error says nothing new; skip subtrees without errors.
      bool descend = !isError && ts_node_has_error(node);
      if (descend && ts_tree_cursor_goto_first_child(&cursor)) continue;
      while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
        if (!ts_tree_cursor_goto_parent(&cursor)) {
          ts_tree_cursor_delete(&cursor);
          return;
        }
      }
    }
  }

  // ---- MISSING -----------------------------------------------------------------------------

  void describeMissing(TSNode node, std::vector<SyntaxError>& errors) {
    Sym sym = symOf(node);
    if (isClosing(sym)) return; // the bracket check reports these
    uint32_t at = ts_node_start_byte(node);
    TSNode parent = ts_node_parent(node);
    Sym parentSym = ts_node_is_null(parent) ? Sym::Other : symOf(parent);
    std::string message;
    if (sym == Sym::tk_colon) {
      message = "expected ':'";
      if (const char* context = colonContext(parentSym)) message += std::string(" ") + context;
    } else if (sym == Sym::identifier) {
      size_t before = tokenAt(at);
      Sym previous = before > 0 ? tokens_[before - 1].sym : Sym::Other;
      if (parentSym == Sym::interpolation || parentSym == Sym::format_expression ||
          previous == Sym::tk_lbrace)
        message = "f-string: valid expression required before '}'";
      else if (previous == Sym::tk_dot)
        message = "expected an attribute name after '.'";
      else if (previous == Sym::tk_as)
        message = "expected a name after 'as'";
      else if (previous == Sym::tk_def || previous == Sym::tk_class)
        message = "expected a name after '" + std::string(textOf(tokens_[before - 1])) + "'";
      else if (expectsOperand(previous))
        message = "expected an expression after '" + std::string(textOf(tokens_[before - 1])) + "'";
      else
        message = "expected a name";
    } else if (sym == Sym::tk_in && parentSym == Sym::for_statement) {
      message = "expected 'in' in the 'for' statement";
    } else if (ts_node_is_named(node)) {
      message = std::string("expected ") + ts_node_type(node);
    } else {
      message = std::string("expected '") + ts_node_type(node) + "'";
    }
    if (explainedByBrackets(TextRange{at, at})) return;
    errors.push_back(SyntaxError{TextRange{at, at}, message});
  }

  // What a compound statement's ':' follows, for "expected ':' after ...".
  static const char* colonContext(Sym parent) {
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

  // ---- ERROR -------------------------------------------------------------------------------

  void describeError(TSNode node, std::vector<SyntaxError>& errors) {
    TextRange range{ts_node_start_byte(node), ts_node_end_byte(node)};
    if (explainedByBrackets(range)) return;
    size_t first = tokenAt(range.start);
    size_t last = tokenAt(range.end); // one past the ERROR's tokens
    if (first >= tokens_.size() || tokens_[first].start >= range.end) {
      // Nothing but MISSING or empty tokens: the file ends too early.
      uint32_t at = std::min(range.start, text_.size());
      errors.push_back(SyntaxError{TextRange{at, at}, "unexpected end of file"});
      return;
    }
    const Token& t = tokens_[first];
    // A clause keyword where no clause can be (it may even have been read as a name).
    std::string_view word = textOf(t);
    std::string message;
    if (word == "elif")
      message = "'elif' must follow an 'if' block";
    else if (word == "else")
      message = "'else' must follow an 'if', 'for', 'while' or 'try' block";
    else if (word == "except" || word == "except*" || word == "finally")
      message = "'" + std::string(word) + "' must follow a 'try' block";
    if (!message.empty()) {
      errors.push_back(SyntaxError{oneLine(TextRange{t.start, t.end}), message});
      return;
    }
    if (describeString(first, errors) || describeNumber(first, errors) ||
        describeBlock(first, last, errors) || describeTarget(node, first, last, errors) ||
        describeConditional(first, last, errors) || describeAdjacent(first, last, errors) ||
        describeLineEnd(first, last, errors))
      return;
    message = "invalid syntax";
    errors.push_back(SyntaxError{oneLine(TextRange{t.start, t.end}), message});
  }

  TextRange oneLine(TextRange range) const {
    uint32_t line = lineOf(range.start);
    range.end = std::min(range.end, std::max(range.start, text_.lineEnd(line)));
    return range;
  }

  // `x = "abc` and `x = """abc`: a string that never closes.
  bool describeString(size_t first, std::vector<SyntaxError>& errors) {
    const Token& t = tokens_[first];
    if (t.sym != Sym::string_start) return false;
    std::string_view opening = textOf(t);
    bool triple = opening.size() >= 3 && (opening.substr(opening.size() - 3) == "\"\"\"" ||
                                          opening.substr(opening.size() - 3) == "'''");
    std::string_view all = text_.text();
    uint32_t lastChar = static_cast<uint32_t>(all.find_last_not_of("\r\n"));
    uint32_t detected = triple && lastChar != UINT32_MAX ? text_.lineOf(lastChar) : lineOf(t.start);
    std::string message = std::string(triple ? "unterminated triple-quoted string literal"
                                             : "unterminated string literal") +
                          " (detected at line " + std::to_string(detected + 1) + ")";
    errors.push_back(SyntaxError{oneLine(TextRange{t.start, text_.size()}), message});
    return true;
  }

  // `0b12`, `1__0`, `1e`: tree-sitter stops the number where it goes wrong.
  bool describeNumber(size_t first, std::vector<SyntaxError>& errors) {
    const Token& t = tokens_[first];
    if (t.sym != Sym::integer && t.sym != Sym::float_) return false;
    std::string_view all = text_.text();
    uint32_t end = t.start;
    while (end < all.size()) {
      char c = all[end];
      bool exponentSign = (c == '+' || c == '-') && end > t.start &&
                          (all[end - 1] == 'e' || all[end - 1] == 'E') &&
                          !(all.substr(t.start, 2) == "0x" || all.substr(t.start, 2) == "0X");
      if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || exponentSign)
        ++end;
      else
        break;
    }
    std::string message = numberLiteralProblem(all.substr(t.start, end - t.start));
    if (message.empty()) return false;
    errors.push_back(SyntaxError{TextRange{t.start, end}, message});
    return true;
  }

  // A compound statement's header without ':' on its line, and `try` without a handler.
  bool describeBlock(size_t first, size_t last, std::vector<SyntaxError>& errors) {
    const Token& keyword = tokens_[first];
    size_t k = first;
    if (keyword.sym == Sym::tk_async && first + 1 < last) ++k;
    if (!isCompoundKeyword(tokens_[k].sym)) return false;
    // The header runs to the first line break outside brackets.
    int depth = 0;
    size_t end = k;
    bool colon = false;
    for (size_t i = k; i < tokens_.size(); ++i) {
      const Token& t = tokens_[i];
      if (i > k && depth == 0 && lineBreakBetween(tokens_[i - 1].end, t.start)) break;
      if (isOpening(t.sym)) ++depth;
      if (isClosing(t.sym) && depth > 0) --depth;
      end = i;
      if (t.sym == Sym::tk_colon && depth == 0) {
        // `lambda x: y` and slices in a header have colons of their own; the header's colon
        // is the last one on the line.
        colon = true;
      }
    }
    if (!colon) {
      uint32_t at = tokens_[end].end;
      errors.push_back(SyntaxError{TextRange{at, at}, "expected ':'"});
      return true;
    }
    if (tokens_[k].sym == Sym::tk_try) {
      // The try's body ends at the first line that starts at or left of `try`; a handler
      // must be what starts that line.
      uint32_t tryColumn = columnOf(tokens_[k].start);
      bool handler = false;
      for (size_t i = end + 1; i < tokens_.size(); ++i) {
        if (!lineBreakBetween(tokens_[i - 1].end, tokens_[i].start)) continue;
        if (columnOf(tokens_[i].start) > tryColumn) continue;
        std::string_view word = textOf(tokens_[i]);
        handler = word == "except" || word == "except*" || word == "finally";
        break;
      }
      if (!handler) {
        errors.push_back(SyntaxError{TextRange{tokens_[k].start, tokens_[k].end},
                                     "expected 'except' or 'finally' block"});
        return true;
      }
    }
    return false;
  }

  // What an assignment target is, for "cannot assign to ...", or null when it may be one.
  static const char* invalidTargetKind(TSNode target) {
    switch (symOf(target)) {
    case Sym::integer:
    case Sym::float_:
    case Sym::string:
    case Sym::concatenated_string:
    case Sym::ellipsis: return "literal";
    case Sym::true_: return "True";
    case Sym::false_: return "False";
    case Sym::none: return "None";
    case Sym::call: return "function call";
    case Sym::binary_operator:
    case Sym::unary_operator:
    case Sym::not_operator:
    case Sym::boolean_operator:
    case Sym::comparison_operator: return "expression";
    case Sym::conditional_expression: return "conditional expression";
    case Sym::lambda: return "lambda";
    case Sym::await: return "await expression";
    case Sym::yield: return "yield expression";
    case Sym::named_expression: return "named expression";
    case Sym::list_comprehension: return "list comprehension";
    case Sym::set_comprehension: return "set comprehension";
    case Sym::dictionary_comprehension: return "dict comprehension";
    case Sym::generator_expression: return "generator expression";
    case Sym::dictionary: return "dict literal";
    case Sym::set: return "set display";
    default: return nullptr;
    }
  }

  // The first part of a target that cannot be assigned to: the target itself, or an item of
  // a tuple or list target.
  static TSNode firstInvalidTarget(TSNode target, const char*& kind) {
    kind = invalidTargetKind(target);
    if (kind) return target;
    Sym sym = symOf(target);
    if (sym == Sym::tuple || sym == Sym::list || sym == Sym::tuple_pattern ||
        sym == Sym::list_pattern || sym == Sym::parenthesized_expression ||
        sym == Sym::expression_list || sym == Sym::pattern_list) {
      uint32_t count = ts_node_named_child_count(target);
      for (uint32_t i = 0; i < count; ++i) {
        TSNode inner = firstInvalidTarget(ts_node_named_child(target, i), kind);
        if (kind) return inner;
      }
    }
    kind = nullptr;
    return TSNode{};
  }

  // `f() = 1`, `1 = x`, `(a, 1) = x`, `for 1 in x`, `f() += 1`.
  bool describeTarget(TSNode error, size_t first, size_t last, std::vector<SyntaxError>& errors) {
    uint32_t count = ts_node_child_count(error);
    TSNode target{};
    Sym op = Sym::Other;
    for (uint32_t i = 0; i + 1 < count; ++i) {
      TSNode child = ts_node_child(error, i);
      Sym sym = symOf(child);
      if (sym == Sym::tk_for && ts_node_is_null(target)) {
        // `for <target> in`: the target follows the keyword.
        TSNode next = ts_node_child(error, i + 1);
        if (i + 2 < count && symOf(ts_node_child(error, i + 2)) == Sym::tk_in) {
          target = next;
          op = Sym::tk_in;
          break;
        }
      }
      TSNode next = ts_node_child(error, i + 1);
      Sym nextSym = symOf(next);
      if (i == 0 &&
          (nextSym == Sym::tk_equal ||
           (expectsOperand(nextSym) && textOf(next).size() >= 2 && textOf(next).back() == '='))) {
        target = child;
        op = nextSym;
        break;
      }
    }
    // `True = 1` after another statement: the target was read as a statement of its own and
    // the ERROR starts at `=`.
    if (ts_node_is_null(target) && count > 0) {
      Sym firstSym = symOf(ts_node_child(error, 0));
      TSNode previous = ts_node_prev_sibling(error);
      if (!ts_node_is_null(previous) && symOf(previous) == Sym::expression_statement &&
          (firstSym == Sym::tk_equal ||
           (expectsOperand(firstSym) && textOf(ts_node_child(error, 0)).size() >= 2 &&
            textOf(ts_node_child(error, 0)).back() == '='))) {
        target = ts_node_named_child(previous, 0);
        op = firstSym;
      }
    }
    if (ts_node_is_null(target)) return false;
    const char* kind = nullptr;
    TSNode bad = firstInvalidTarget(target, kind);
    if (!kind) return false;
    TextRange range{ts_node_start_byte(bad), ts_node_end_byte(bad)};
    std::string message;
    if (op == Sym::tk_equal || op == Sym::tk_in) {
      message = std::string("cannot assign to ") + kind;
      if (op == Sym::tk_equal && ts_node_eq(bad, target) && kind[0] != 'N' && kind[0] != 'T' &&
          kind[0] != 'F')
        message += " here. Maybe you meant '==' instead of '='?";
    } else {
      message = std::string("'") + kind + "' is an illegal expression for augmented assignment";
    }
    errors.push_back(SyntaxError{oneLine(range), message});
    (void)first, (void)last;
    return true;
  }

  std::string_view textOf(TSNode node) const {
    uint32_t start = std::min(ts_node_start_byte(node), text_.size());
    uint32_t end = std::min(ts_node_end_byte(node), text_.size());
    return text_.text().substr(start, end - start);
  }

  // `x = a if b` without `else`.
  bool describeConditional(size_t first, size_t last, std::vector<SyntaxError>& errors) {
    for (size_t i = first + 1; i < last; ++i) {
      if (tokens_[i].sym != Sym::tk_if || !endsOperand(tokens_[i - 1].sym)) continue;
      bool hasElse = false;
      for (size_t k = i + 1; k < last && !hasElse; ++k) hasElse = tokens_[k].sym == Sym::tk_else;
      if (hasElse) continue;
      // `[x for x in y if z]` has an `if` of its own.
      bool inComprehension = false;
      for (size_t k = first; k < i; ++k) inComprehension |= tokens_[k].sym == Sym::tk_for;
      if (inComprehension) continue;
      uint32_t at = tokens_[i].start;
      errors.push_back(
          SyntaxError{TextRange{at, tokens_[i].end}, "expected 'else' after 'if' expression"});
      return true;
    }
    return false;
  }

  // `[1 2]`, `f(a b)`: two operands side by side.
  bool describeAdjacent(size_t first, size_t last, std::vector<SyntaxError>& errors) {
    size_t from = first > 0 ? first - 1 : first;
    for (size_t i = from; i + 1 < std::min(last + 1, tokens_.size()); ++i) {
      const Token& a = tokens_[i];
      const Token& b = tokens_[i + 1];
      if (!endsOperand(a.sym) || !startsOperand(b.sym)) continue;
      if (a.sym == Sym::string_end && b.sym == Sym::string_start) continue;
      std::string_view word = textOf(a);
      if (a.sym == Sym::identifier && (word == "match" || word == "case" || word == "type" ||
                                       word == "print" || word == "exec" || isHardKeyword(word)))
        continue;
      if (b.sym == Sym::identifier && isHardKeyword(textOf(b))) continue;
      if (lineBreakBetween(a.end, b.start)) continue;
      if (b.start < tokens_[first].start) continue;
      bool inBrackets = insideBrackets(b.start);
      TextRange range{b.start, b.end};
      errors.push_back(
          SyntaxError{oneLine(range), inBrackets ? "invalid syntax. Perhaps you forgot a comma?"
                                                 : "invalid syntax"});
      return true;
    }
    return false;
  }

  bool insideBrackets(uint32_t offset) const {
    int depth = 0;
    size_t end = tokenAt(offset);
    for (size_t i = end; i-- > 0;) {
      if (isClosing(tokens_[i].sym)) ++depth;
      if (isOpening(tokens_[i].sym)) {
        if (depth == 0) return true;
        --depth;
      }
      // A statement boundary: stop looking back.
      if (depth == 0 && i > 0 && lineBreakBetween(tokens_[i - 1].end, tokens_[i].start) &&
          !isClosing(tokens_[i].sym))
        return false;
    }
    return false;
  }

  // `x = 1 +` at the end of a line: an operator or keyword with nothing after it.
  bool describeLineEnd(size_t first, size_t last, std::vector<SyntaxError>& errors) {
    int depth = 0;
    for (size_t i = first; i < tokens_.size() && i <= last; ++i) {
      const Token& t = tokens_[i];
      if (isOpening(t.sym)) ++depth;
      if (isClosing(t.sym) && depth > 0) --depth;
      bool atLineEnd =
          i + 1 >= tokens_.size() || (depth == 0 && lineBreakBetween(t.end, tokens_[i + 1].start));
      if (!atLineEnd) continue;
      if (i >= last) break;
      std::string_view shown = textOf(t);
      std::string message;
      if (t.sym == Sym::tk_star && i > 0 && tokens_[i - 1].sym == Sym::tk_import)
        continue; // `import *`
      if (expectsOperand(t.sym))
        message = "expected an expression after '" + std::string(shown) + "'";
      else if (t.sym == Sym::tk_dot)
        message = "expected an attribute name after '.'";
      else if (t.sym == Sym::tk_as)
        message = "expected a name after 'as'";
      else if (t.sym == Sym::tk_import || t.sym == Sym::tk_from)
        message = "expected a module name after '" + std::string(shown) + "'";
      else if (t.sym == Sym::tk_def || t.sym == Sym::tk_class)
        message = "expected a name after '" + std::string(shown) + "'";
      else if (t.sym == Sym::tk_lambda)
        message = "expected ':' after the parameters of 'lambda'";
      else
        continue;
      errors.push_back(SyntaxError{TextRange{t.end, t.end}, message});
      return true;
    }
    return false;
  }

  static constexpr uint32_t kNone = UINT32_MAX;

  const SourceText& text_;
  const TSTree* tree_;
  std::vector<Token> tokens_;
  std::vector<SyntaxError> bracketErrors_;
  uint32_t unclosedAt_ = kNone;
  uint32_t closerErrorAt_ = kNone;
};

} // namespace

void collectSyntaxErrors(const SourceText& text, const TSTree* tree,
                         std::vector<SyntaxError>& errors) {
  if (!ts_node_has_error(ts_tree_root_node(tree))) return;
  Describer(text, tree).run(errors);
}

void sortSyntaxErrors(const SourceText& text, std::vector<SyntaxError>& errors) {
  std::stable_sort(errors.begin(), errors.end(), [](const SyntaxError& a, const SyntaxError& b) {
    return a.range.start < b.range.start;
  });
  // A second error on a line is nearly always a consequence of the first. Of two at the same
  // place the later one found is kept: the descriptions of tree-sitter's errors come after
  // the lowering's own checks and know more about broken code.
  std::vector<SyntaxError> kept;
  kept.reserve(errors.size());
  for (SyntaxError& e : errors) {
    if (!kept.empty() && text.lineOf(kept.back().range.start) == text.lineOf(e.range.start)) {
      if (kept.back().range.start == e.range.start) kept.back() = std::move(e);
      continue;
    }
    kept.push_back(std::move(e));
  }
  errors = std::move(kept);
}

} // namespace shrike::parser
