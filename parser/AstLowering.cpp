// AstLowering: one linear walk over the tree-sitter tree that builds the Ast in its arena.
#include "parser/AstLowering.h"

#include <algorithm>
#include <cstring>
#include <deque>
#include <string>
#include <type_traits>

#include <tree_sitter/api.h>

#include "parser/LineBreaks.h"
#include "parser/Literals.h"
#include "parser/SourceEncoding.h"
#include "parser/SyntaxChecks.h"
#include "parser/SyntaxErrors.h"
#include "parser/TreeSitterParser.h"
#include "parser/TreeSymbols.h"

namespace shrike::parser {

namespace {

// CPython's tokenizer keeps 100 indentation columns, the first for column 0: a block at the
// 100th level of indentation is too deep (99 levels compile).
constexpr uint32_t maxIndentationLevels = 100;

struct Child {
  TSNode node;
  TSFieldId field;
  Sym sym;
  bool named;
};

class Lowering {
public:
  Lowering(std::string_view text, Arena& arena, std::vector<SyntaxError>& errors, int64_t shift)
      : text_(text), arena_(arena), errors_(errors), shift_(shift), fields_(treeFields()) {}

  ~Lowering() {
    for (auto& cursor : cursors_) ts_tree_cursor_delete(&cursor);
    if (scratchCursorMade_) ts_tree_cursor_delete(&scratchCursor_);
  }

  Module* lowerModule(TSNode root, std::vector<Comment>* comments) {
    comments_ = comments;
    auto* module = make<Module>(root);
    std::vector<Stmt*> body;
    lowerStatementsOf(root, body);
    module->body = finish(body, module);
    checkFutureImportPlacement(*module, errors_);
    // The module spans the whole text, even when tree-sitter's root starts later.
    module->range = TextRange{0, static_cast<uint32_t>(text_.size())};
    return module;
  }

  // Whether a tree-sitter error at `offset` lies in text the lowering read by other means
  // (a PEP 696 type parameter list), so the error does not apply.
  bool recovered(uint32_t offset) const {
    for (TextRange range : recovered_)
      if (range.contains(offset)) return true;
    return false;
  }

  Expr* lowerStandaloneExpression(TSNode root) {
    // The text was wrapped as "(" + text + "\n)": find the parenthesized expression.
    TSNode statement = namedChild(root, 0);
    if (!ts_node_is_null(statement) && symOf(statement) == Sym::expression_statement) {
      TSNode inner = namedChild(statement, 0);
      if (!ts_node_is_null(inner) && ts_node_named_child_count(root) == 1) {
        Sym sym = symOf(inner);
        if (sym == Sym::parenthesized_expression) {
          TSNode expression = namedChild(inner, 0);
          if (!ts_node_is_null(expression)) return lowerExpr(expression);
        }
        if (sym == Sym::tuple || sym == Sym::generator_expression) {
          // "(a, b)" from "a, b": a tuple without parentheses in the original.
          auto* tuple = lowerExpr(inner);
          if (auto* t = tuple->as<Tuple>()) t->parenthesized = false;
          tuple->range = TextRange{rangeOf(inner).start + 1, rangeOf(inner).end - 2};
          return tuple;
        }
      }
    }
    auto* error = make<ErrorExpr>(root);
    return error;
  }

private:
  // ---- plumbing ------------------------------------------------------------------------------

  // The index-th named child that is not a comment: comments are extras that may sit
  // anywhere, even between a bracket and the expression inside it.
  static TSNode namedChild(TSNode node, uint32_t index) {
    uint32_t count = ts_node_named_child_count(node);
    for (uint32_t i = 0; i < count; ++i) {
      TSNode child = ts_node_named_child(node, i);
      if (symOf(child) == Sym::comment || symOf(child) == Sym::line_continuation) continue;
      if (index-- == 0) return child;
    }
    return TSNode{};
  }

  TextRange rangeOf(TSNode node) const {
    auto start = static_cast<int64_t>(ts_node_start_byte(node)) + shift_;
    auto end = static_cast<int64_t>(ts_node_end_byte(node)) + shift_;
    if (start < 0) start = 0;
    if (end < start) end = start;
    return TextRange{static_cast<uint32_t>(start), static_cast<uint32_t>(end)};
  }

  std::string_view textOf(TSNode node) const {
    uint32_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
    if (start > text_.size()) return {};
    end = std::min<uint32_t>(end, static_cast<uint32_t>(text_.size()));
    return text_.substr(start, end - start);
  }

  template <class T> T* make(TSNode node) {
    T* result = arena_.make<T>();
    result->range = rangeOf(node);
    return result;
  }

  template <class T> T* make(TextRange range) {
    T* result = arena_.make<T>();
    result->range = range;
    return result;
  }

  template <class T> List<T*> finish(std::vector<T*>& items, Node* parent) {
    for (T*& item : items)
      if (item) item = adopt(item, parent);
    return arena_.copy(items);
  }

  // Links a child to its parent. The parent's height (the depth of the tree below it) grows
  // with the child's; an expression, statement or pattern that would make it deeper than
  // `maxHeight` is replaced by an error node, so that no later recursive walk over the Ast
  // goes deeper than maxSyntaxDepth, whatever the input.
  template <class T> T* adopt(T* child, Node* parent) {
    if (!child) return child;
    if (child->kind == NodeKind::Starred) checkStarredPlace(child, parent);
    if (child->height >= maxHeight) {
      if constexpr (std::is_same_v<T, Expr> || std::is_same_v<T, Stmt> ||
                    std::is_same_v<T, Pattern>) {
        reportTooDeep(child->range);
        if constexpr (std::is_same_v<T, Expr>) child = make<ErrorExpr>(child->range);
        if constexpr (std::is_same_v<T, Stmt>) child = make<ErrorStmt>(child->range);
        if constexpr (std::is_same_v<T, Pattern>) child = make<MatchAs>(child->range);
      }
    }
    child->parent = parent;
    uint16_t height = static_cast<uint16_t>(std::min<uint32_t>(child->height + 1u, 0xFFFF));
    if (height > parent->height) parent->height = height;
    return child;
  }

  // Room left under maxSyntaxDepth for the pieces (a parameter, a keyword) that sit between
  // the expressions and statements the cap replaces.
  static constexpr uint32_t maxHeight = maxSyntaxDepth - 4;

  // A starred expression is only allowed as an item of a tuple, list or set, an argument, a
  // base class, or the annotation of `*args` (and, in passing, as the base the lowering
  // rotates out of `*a.b`). Targets are checked where they are lowered.
  void checkStarredPlace(Node* starred, Node* parent) {
    switch (parent->kind) {
    case NodeKind::Tuple:
    case NodeKind::List:
    case NodeKind::Set:
    case NodeKind::Call:
    case NodeKind::ClassDef:
    case NodeKind::Parameter:
    case NodeKind::TypeParam:
    case NodeKind::Attribute:
    case NodeKind::Subscript:
    case NodeKind::Assign:
    case NodeKind::For:
    case NodeKind::Comprehension:
    case NodeKind::ExceptHandler: // `except *E`, rotated into `except* E` by lowerTry
    case NodeKind::ErrorExpr:
    case NodeKind::ErrorStmt: return;
    case NodeKind::Delete: error(starred->range, "cannot delete starred"); return;
    case NodeKind::ListComp:
    case NodeKind::SetComp:
    case NodeKind::GeneratorExp:
      error(starred->range, "iterable unpacking cannot be used in comprehension");
      return;
    default: error(starred->range, "can't use starred expression here"); return;
    }
  }

  Identifier identifier(TSNode node) {
    std::string_view text = textOf(node);
    if (isHardKeyword(text)) keywordAsName(node, text);
    return Identifier{intern(text), rangeOf(node)};
  }

  // tree-sitter reads a keyword where it expects no statement as a name (`else = 1`, and
  // `else: pass` after a `try` without a handler). One such error per statement: the rest of
  // a misread statement is usually misread too.
  void keywordAsName(TSNode node, std::string_view text) {
    if (keywordErrorIn_ == currentStatement_ && currentStatement_ != UINT32_MAX) return;
    keywordErrorIn_ = currentStatement_;
    if (text == "else" || text == "elif" || text == "except" || text == "finally") {
      error(rangeOf(node), "'" + std::string(text) + "' must follow " +
                               (text == "elif"   ? "an 'if' block"
                                : text == "else" ? "an 'if', 'for', 'while' or 'try' block"
                                                 : "a 'try' block"));
      return;
    }
    error(rangeOf(node), "'" + std::string(text) + "' is a keyword and cannot be used as a name");
  }

  void error(TextRange range, std::string message) {
    errors_.push_back(SyntaxError{range, std::move(message)});
  }

  // The children of a node, gathered into a buffer private to the current depth; valid until
  // the next call at the same depth. Deeper calls use deeper buffers.
  class Children {
  public:
    Children(Lowering& lowering, TSNode node) : lowering_(lowering) {
      uint32_t level = lowering.level_++;
      if (lowering.buffers_.size() <= level) {
        lowering.buffers_.resize(level + 1);
        lowering.cursors_.push_back(ts_tree_cursor_new(node));
      } else {
        ts_tree_cursor_reset(&lowering.cursors_[level], node);
      }
      auto& buffer = lowering.buffers_[level];
      buffer.clear();
      TSTreeCursor& cursor = lowering.cursors_[level];
      TSFieldId pendingField = 0;
      if (ts_tree_cursor_goto_first_child(&cursor)) {
        do {
          TSNode child = ts_tree_cursor_current_node(&cursor);
          SymbolInfo info = symbolInfoOf(child);
          Sym sym = info.sym;
          TSFieldId field = ts_tree_cursor_current_field_id(&cursor);
          if (sym == Sym::comment || sym == Sym::line_continuation) {
            if (sym == Sym::comment && lowering.comments_)
              lowering.comments_->push_back(Comment{lowering.rangeOf(child)});
            // The runtime can hang a field on an extra that stands where the field's node
            // was expected (`a or # note\n b`); the field belongs to the next real child.
            if (field) pendingField = field;
            continue;
          }
          if (!field && pendingField) field = pendingField;
          pendingField = 0;
          buffer.push_back(Child{child, field, sym, info.named});
        } while (ts_tree_cursor_goto_next_sibling(&cursor));
      }
      items_ = buffer;
    }
    ~Children() { --lowering_.level_; }
    Children(const Children&) = delete;
    Children& operator=(const Children&) = delete;

    std::span<const Child> all() const { return items_; }
    auto begin() const { return items_.begin(); }
    auto end() const { return items_.end(); }
    size_t size() const { return items_.size(); }
    const Child& operator[](size_t i) const { return items_[i]; }

    // The first child with this field, or a null node.
    TSNode field(TSFieldId id) const {
      for (const Child& c : items_)
        if (c.field == id) return c.node;
      return TSNode{};
    }
    bool hasToken(Sym sym) const {
      for (const Child& c : items_)
        if (c.sym == sym) return true;
      return false;
    }

  private:
    Lowering& lowering_;
    std::span<const Child> items_;
  };

  // Guards recursion depth; a node deeper than maxSyntaxDepth becomes an error.
  // Counts the lowering's own recursion (one per nested statement, expression or pattern)
  // for the guard below; it is the stack that this protects.
  struct Nest {
    Lowering& lowering;
    explicit Nest(Lowering& l) : lowering(l) { ++lowering.depth_; }
    ~Nest() { --lowering.depth_; }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;
  };

  // Guards recursion depth; a node deeper than maxSyntaxDepth becomes an error.
  bool tooDeep(TSNode node) {
    if (depth_ < maxSyntaxDepth) return false;
    reportTooDeep(rangeOf(node));
    return true;
  }

  void reportTooDeep(TextRange range) {
    if (reportedDepth_) return;
    reportedDepth_ = true;
    error(TextRange{range.start, range.start},
          "this code is nested too deeply to analyse (the limit is " +
              std::to_string(maxSyntaxDepth) + " levels)");
  }

  // ---- statements ----------------------------------------------------------------------------

  // Lowers the statements directly under `node` (a module or block), flattening anything that
  // error recovery wrapped around them.
  void lowerStatementsOf(TSNode node, std::vector<Stmt*>& out) {
    Nest nest(*this);
    if (tooDeep(node)) return;
    Children kids(*this, node);
    for (const Child& c : kids) {
      if (!c.named) continue;
      lowerStatementInto(c.node, c.sym, out);
    }
  }

  // A compound statement's block. Python requires a statement in it, indented; tree-sitter
  // accepts an empty block (`if x:` followed by a line that is not indented).
  void lowerBody(TSNode block, std::vector<Stmt*>& body, TSNode header, const char* what) {
    size_t before = body.size();
    if (++blockDepth_ == maxIndentationLevels) {
      // CPython points at the start of the line, where the indentation is.
      uint32_t at = ts_node_start_byte(block);
      while (at > 0 && text_[at - 1] != '\n' && text_[at - 1] != '\r') --at;
      error(shifted(at, at), "too many levels of indentation");
    }
    lowerStatementsOf(block, body);
    --blockDepth_;
    // A broken header (`def f(:`) has been reported, and so have blocks nested too deeply;
    // an empty body is then a consequence.
    if (body.size() > before || ts_node_has_error(header) ||
        blockDepth_ + 1 >= maxIndentationLevels)
      return;
    // Point at what follows the header: the line that should have been indented.
    uint32_t at = ts_node_start_byte(block);
    while (at < text_.size()) {
      char c = text_[at];
      if (c == '#') {
        while (at < text_.size() && text_[at] != '\n' && text_[at] != '\r') ++at;
      } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\\') {
        ++at;
      } else {
        break;
      }
    }
    uint32_t shifted = static_cast<uint32_t>(at + shift_);
    uint32_t line = lineOfOffset(ts_node_start_byte(header));
    error(TextRange{shifted, shifted}, std::string("expected an indented block after ") + what +
                                           " on line " + std::to_string(line + 1));
  }

  // The 0-based line of an offset of the parsed text (for messages; the index of line starts
  // is built on first use).
  uint32_t lineOfOffset(uint32_t offset) {
    if (lineStarts_.empty()) {
      lineStarts_.push_back(0);
      for (uint32_t i = 0; i < text_.size(); ++i) {
        if (text_[i] == '\n' ||
            (text_[i] == '\r' && (i + 1 >= text_.size() || text_[i + 1] != '\n')))
          lineStarts_.push_back(i + 1);
      }
    }
    auto after = std::upper_bound(lineStarts_.begin(), lineStarts_.end(), offset);
    return static_cast<uint32_t>(after - lineStarts_.begin()) - 1;
  }

  // Reports a line break inside the statement (or a compound statement's header) that only
  // tree-sitter, not Python, reads as whitespace (see LineBreaks.h).
  void checkLineBreaks(TSNode node) {
    uint32_t limit = ts_node_end_byte(node);
    // Most statements are one line: then there is nothing to find (nor a header to measure).
    if (!hasLineBreak(text_, ts_node_start_byte(node), limit)) return;
    if (ts_node_child_count(node) > 2) {
      // A compound statement's header (or a clause's) ends where its block starts.
      TSTreeCursor& cursor = scratchCursor(node);
      if (ts_tree_cursor_goto_first_child(&cursor)) {
        do {
          TSNode child = ts_tree_cursor_current_node(&cursor);
          Sym sym = symOf(child);
          if (sym == Sym::block || sym == Sym::elif_clause || sym == Sym::else_clause ||
              sym == Sym::except_clause || sym == Sym::except_group_clause ||
              sym == Sym::finally_clause || sym == Sym::case_clause) {
            limit = ts_node_start_byte(child);
            break;
          }
        } while (ts_tree_cursor_goto_next_sibling(&cursor));
      }
    }
    if (auto joined = findJoinedLine(text_, node, limit, scratchCursor(node))) {
      joined->range = shifted(joined->range.start, joined->range.end);
      errors_.push_back(std::move(*joined));
      keywordErrorIn_ = currentStatement_; // what follows the break is misread, keywords too
    }
  }

  void lowerStatementInto(TSNode node, Sym sym, std::vector<Stmt*>& out) {
    if (sym != Sym::block) currentStatement_ = ts_node_start_byte(node);
    if (sym != Sym::block && sym != Sym::ERROR && sym != Sym::decorated_definition)
      checkLineBreaks(node);
    switch (sym) {
    case Sym::block: lowerStatementsOf(node, out); return;
    case Sym::expression_statement: lowerExpressionStatement(node, out); return;
    case Sym::decorated_definition: out.push_back(lowerDecorated(node)); return;
    case Sym::ERROR: lowerErrorStatement(node, out); return;
    default: break;
    }
    if (Stmt* stmt = lowerStatement(node, sym)) out.push_back(stmt);
  }

  Stmt* lowerStatement(TSNode node, Sym sym) {
    Nest nest(*this);
    if (tooDeep(node)) return make<ErrorStmt>(node);
    switch (sym) {
    case Sym::return_statement: {
      auto* stmt = make<Return>(node);
      Children kids(*this, node);
      for (const Child& c : kids)
        if (c.named) stmt->value = adopt(lowerExpr(c.node), stmt);
      return stmt;
    }
    case Sym::delete_statement: {
      auto* stmt = make<Delete>(node);
      std::vector<Expr*> targets;
      Children kids(*this, node);
      for (const Child& c : kids) {
        if (!c.named) continue;
        if (c.sym == Sym::expression_list) {
          Children items(*this, c.node);
          for (const Child& item : items)
            if (item.named) targets.push_back(lowerExpr(item.node, ExprContext::Del));
        } else {
          targets.push_back(lowerExpr(c.node, ExprContext::Del));
        }
      }
      for (const Expr* target : targets)
        if (!target->is<Starred>()) checkTarget(target, ExprContext::Del);
      stmt->targets = finish(targets, stmt);
      return stmt;
    }
    case Sym::raise_statement: {
      auto* stmt = make<Raise>(node);
      Children kids(*this, node);
      for (const Child& c : kids) {
        if (!c.named) continue;
        if (c.field == fields_.cause) {
          stmt->cause = adopt(lowerExpr(c.node), stmt);
        } else if (!stmt->exc) {
          stmt->exc = adopt(lowerExpr(c.node), stmt);
        }
      }
      return stmt;
    }
    case Sym::pass_statement: return make<Pass>(node);
    case Sym::break_statement: return make<Break>(node);
    case Sym::continue_statement: return make<Continue>(node);
    case Sym::global_statement:
    case Sym::nonlocal_statement: {
      std::vector<Identifier> names;
      Children kids(*this, node);
      for (const Child& c : kids)
        if (c.sym == Sym::identifier) names.push_back(identifier(c.node));
      if (sym == Sym::global_statement) {
        auto* stmt = make<Global>(node);
        stmt->names = arena_.copy(names);
        return stmt;
      }
      auto* stmt = make<Nonlocal>(node);
      stmt->names = arena_.copy(names);
      return stmt;
    }
    case Sym::assert_statement: {
      auto* stmt = make<Assert>(node);
      Children kids(*this, node);
      for (const Child& c : kids) {
        if (!c.named) continue;
        if (!stmt->test) {
          stmt->test = adopt(lowerExpr(c.node), stmt);
        } else if (!stmt->msg) {
          stmt->msg = adopt(lowerExpr(c.node), stmt);
        } else {
          error(rangeOf(c.node), "'assert' takes a condition and an optional message only");
        }
      }
      if (!stmt->test) stmt->test = adopt(missingExpr(node), stmt);
      return stmt;
    }
    case Sym::import_statement: return lowerImport(node);
    case Sym::import_from_statement:
    case Sym::future_import_statement: return lowerImportFrom(node, sym);
    case Sym::print_statement:
    case Sym::exec_statement: return lowerPython2Statement(node, sym);
    case Sym::type_alias_statement: return lowerTypeAlias(node);
    case Sym::if_statement: return lowerIf(node, false);
    case Sym::for_statement: return lowerFor(node);
    case Sym::while_statement: return lowerWhile(node);
    case Sym::try_statement: return lowerTry(node);
    case Sym::with_statement: return lowerWith(node);
    case Sym::function_definition: return lowerFunction(node, {});
    case Sym::class_definition: return lowerClass(node, {});
    case Sym::match_statement: return lowerMatch(node);
    default: {
      // An expression where a statement stands (error recovery can produce this).
      auto* stmt = make<ExprStmt>(node);
      stmt->value = adopt(lowerExpr(node), stmt);
      return stmt;
    }
    }
  }

  void lowerExpressionStatement(TSNode node, std::vector<Stmt*>& out) {
    Children kids(*this, node);
    std::vector<const Child*> named;
    for (const Child& c : kids)
      if (c.named) named.push_back(&c);
    if (named.size() == 1 && !kids.hasToken(Sym::tk_comma)) {
      const Child& only = *named[0];
      if (only.sym == Sym::assignment) {
        out.push_back(lowerAssignment(only.node, node));
        return;
      }
      if (only.sym == Sym::augmented_assignment) {
        out.push_back(lowerAugmented(only.node, node));
        return;
      }
      if (only.sym == Sym::ERROR) {
        lowerErrorStatement(only.node, out);
        return;
      }
      if (only.sym == Sym::named_expression)
        error(rangeOf(only.node), "an assignment expression (':=') must be in parentheses here");
      auto* stmt = make<ExprStmt>(node);
      stmt->value = adopt(lowerExpr(only.node), stmt);
      out.push_back(stmt);
      return;
    }
    // `a, b` as a statement is a tuple without parentheses.
    auto* stmt = make<ExprStmt>(node);
    auto* tuple = make<Tuple>(node);
    std::vector<Expr*> elts;
    for (const Child* c : named) elts.push_back(lowerExpr(c->node));
    tuple->elts = finish(elts, tuple);
    stmt->value = adopt(static_cast<Expr*>(tuple), stmt);
    out.push_back(stmt);
  }

  // `a = b = 1`, `x: int = 1`, `x: int`. The tree nests chained assignments to the right.
  Stmt* lowerAssignment(TSNode node, TSNode statement) {
    TSNode left, right, type;
    {
      Children kids(*this, node);
      left = kids.field(fields_.left);
      right = kids.field(fields_.right);
      type = kids.field(fields_.type);
    }
    if (!ts_node_is_null(type)) {
      auto* stmt = make<AnnAssign>(statement);
      stmt->target = adopt(lowerTarget(left), stmt);
      stmt->annotation = adopt(lowerType(type), stmt);
      stmt->simple = symOf(left) == Sym::identifier;
      if (!ts_node_is_null(right)) {
        Sym rightSym = symOf(right);
        if (rightSym == Sym::assignment || rightSym == Sym::augmented_assignment) {
          error(rangeOf(right), "an annotated assignment cannot be chained");
        }
        stmt->value = adopt(notStarred(lowerRightHandSide(right)), stmt);
      }
      return stmt;
    }
    auto* stmt = make<Assign>(statement);
    std::vector<Expr*> targets;
    targets.push_back(lowerTarget(left));
    TSNode value = right;
    // Follow the chain: right may itself be an assignment.
    while (!ts_node_is_null(value) && symOf(value) == Sym::assignment) {
      Children kids(*this, value);
      TSNode nextLeft = kids.field(fields_.left);
      TSNode nextRight = kids.field(fields_.right);
      if (!ts_node_is_null(kids.field(fields_.type))) {
        error(rangeOf(value), "an annotated assignment cannot be chained");
      }
      targets.push_back(lowerTarget(nextLeft));
      value = nextRight;
    }
    stmt->targets = finish(targets, stmt);
    if (ts_node_is_null(value)) {
      stmt->value = adopt(missingExpr(node), stmt);
    } else if (symOf(value) == Sym::augmented_assignment) {
      error(rangeOf(value), "an augmented assignment cannot be the value of an assignment");
      stmt->value = adopt(lowerExpr(value), stmt);
    } else {
      stmt->value = adopt(notStarred(lowerRightHandSide(value)), stmt);
    }
    return stmt;
  }

  Expr* lowerRightHandSide(TSNode node) {
    Sym sym = symOf(node);
    if (sym == Sym::expression_list || sym == Sym::pattern_list)
      return lowerBareTuple(node, ExprContext::Load);
    return lowerExpr(node);
  }

  Stmt* lowerAugmented(TSNode node, TSNode statement) {
    auto* stmt = make<AugAssign>(statement);
    Children kids(*this, node);
    for (const Child& c : kids) {
      if (c.field == fields_.left) {
        stmt->target = adopt(lowerTarget(c.node), stmt);
        if (stmt->target->is<Tuple>() || stmt->target->is<ListExpr>()) {
          error(rangeOf(c.node), std::string("'") + (stmt->target->is<Tuple>() ? "tuple" : "list") +
                                     "' is an illegal expression for augmented assignment");
        }
      } else if (c.field == fields_.operator_) {
        stmt->op = augmentedOperator(c.sym);
      } else if (c.field == fields_.right) {
        stmt->value = adopt(lowerRightHandSide(c.node), stmt);
      }
    }
    if (!stmt->target) stmt->target = adopt(missingExpr(node), stmt);
    if (!stmt->value) stmt->value = adopt(missingExpr(node), stmt);
    return stmt;
  }

  static BinaryOperator augmentedOperator(Sym sym) {
    switch (sym) {
    case Sym::tk_minus_eq: return BinaryOperator::Sub;
    case Sym::tk_star_eq: return BinaryOperator::Mult;
    case Sym::tk_slash_eq: return BinaryOperator::Div;
    case Sym::tk_at_eq: return BinaryOperator::MatMult;
    case Sym::tk_slashslash_eq: return BinaryOperator::FloorDiv;
    case Sym::tk_percent_eq: return BinaryOperator::Mod;
    case Sym::tk_starstar_eq: return BinaryOperator::Pow;
    case Sym::tk_rshift_eq: return BinaryOperator::RShift;
    case Sym::tk_lshift_eq: return BinaryOperator::LShift;
    case Sym::tk_amp_eq: return BinaryOperator::BitAnd;
    case Sym::tk_caret_eq: return BinaryOperator::BitXor;
    case Sym::tk_pipe_eq: return BinaryOperator::BitOr;
    default: return BinaryOperator::Add;
    }
  }

  Alias* lowerAlias(TSNode node) {
    auto* alias = make<Alias>(node);
    TSNode dotted = node;
    if (symOf(node) == Sym::aliased_import) {
      Children kids(*this, node);
      dotted = kids.field(fields_.name);
      TSNode asName = kids.field(fields_.alias);
      if (!ts_node_is_null(asName)) alias->asName = identifier(asName);
    }
    std::vector<Identifier> parts;
    if (!ts_node_is_null(dotted)) {
      if (symOf(dotted) == Sym::dotted_name) {
        Children kids(*this, dotted);
        for (const Child& c : kids)
          if (c.sym == Sym::identifier) parts.push_back(identifier(c.node));
      } else if (symOf(dotted) == Sym::identifier) {
        parts.push_back(identifier(dotted));
      }
    }
    alias->parts = arena_.copy(parts);
    alias->name = dottedName(parts);
    return alias;
  }

  Name dottedName(const std::vector<Identifier>& parts) {
    if (parts.size() == 1) return parts[0].name;
    std::string joined;
    for (const Identifier& part : parts) {
      if (!joined.empty()) joined.push_back('.');
      joined.append(part.name.text());
    }
    return intern(joined);
  }

  Stmt* lowerImport(TSNode node) {
    auto* stmt = make<Import>(node);
    std::vector<Alias*> aliases;
    Children kids(*this, node);
    for (const Child& c : kids)
      if (c.field == fields_.name) aliases.push_back(lowerAlias(c.node));
    stmt->names = finish(aliases, stmt);
    return stmt;
  }

  Stmt* lowerImportFrom(TSNode node, Sym sym) {
    auto* stmt = make<ImportFrom>(node);
    std::vector<Alias*> aliases;
    std::vector<Identifier> moduleParts;
    Children kids(*this, node);
    for (const Child& c : kids) {
      if (sym == Sym::future_import_statement && !c.named && textOf(c.node) == "__future__") {
        moduleParts.push_back(identifier(c.node));
      } else if (c.field == fields_.module_name) {
        TSNode dotted = c.node;
        if (c.sym == Sym::relative_import) {
          Children rel(*this, c.node);
          dotted = TSNode{};
          for (const Child& r : rel) {
            if (r.sym == Sym::import_prefix) {
              stmt->level = static_cast<uint32_t>(textOf(r.node).size());
            } else if (r.sym == Sym::dotted_name) {
              dotted = r.node;
            }
          }
        }
        if (!ts_node_is_null(dotted)) {
          Children parts(*this, dotted);
          for (const Child& p : parts)
            if (p.sym == Sym::identifier) moduleParts.push_back(identifier(p.node));
        }
      } else if (c.field == fields_.name) {
        aliases.push_back(lowerAlias(c.node));
      } else if (c.sym == Sym::wildcard_import) {
        stmt->isStar = true;
        stmt->starRange = rangeOf(c.node);
      }
    }
    stmt->moduleParts = arena_.copy(moduleParts);
    if (!moduleParts.empty()) stmt->module = dottedName(moduleParts);
    stmt->names = finish(aliases, stmt);
    if (stmt->level == 0 && stmt->module == names::dunderFuture) {
      checkFutureFeatures(*stmt, errors_);
      // At the top of the module they are checked in order (lowerModule); in a block never.
      if (blockDepth_ > 0)
        error(stmt->range, "from __future__ imports must occur at the beginning of the file");
    }
    return stmt;
  }

  // `print "x"` and `exec "code"`: Python 2 forms. Report them and keep the expressions.
  Stmt* lowerPython2Statement(TSNode node, Sym sym) {
    if (sym == Sym::print_statement) {
      if (Stmt* stmt = lowerPrintShift(node)) return stmt;
    }
    const char* keyword = sym == Sym::print_statement ? "print" : "exec";
    error(rangeOf(node), std::string("Missing parentheses in call to '") + keyword +
                             "'. Did you mean " + keyword + "(...)?");
    auto* stmt = make<ErrorStmt>(node);
    std::vector<Expr*> children;
    Children kids(*this, node);
    for (const Child& c : kids) {
      if (!c.named) continue;
      if (c.sym == Sym::chevron) {
        Children inner(*this, c.node);
        for (const Child& i : inner)
          if (i.named) children.push_back(lowerExpr(i.node));
      } else {
        children.push_back(lowerExpr(c.node));
      }
    }
    stmt->children = finish(children, stmt);
    return stmt;
  }

  // `print >> f, x` is valid Python 3 (a tuple whose first item shifts the function `print`),
  // though the grammar reads it as Python 2's print statement.
  Stmt* lowerPrintShift(TSNode node) {
    Children kids(*this, node);
    if (kids.size() < 2 || kids[0].sym != Sym::tk_print || kids[1].sym != Sym::chevron)
      return nullptr;
    std::vector<Expr*> items;
    auto* shift = make<BinOp>(TextRange{rangeOf(node).start, rangeOf(kids[1].node).end});
    shift->op = BinaryOperator::RShift;
    auto* print = make<NameExpr>(kids[0].node);
    print->id = intern("print");
    shift->left = adopt(static_cast<Expr*>(print), shift);
    TSNode target = namedChild(kids[1].node, 0);
    shift->right =
        adopt(ts_node_is_null(target) ? missingExpr(kids[1].node) : lowerExpr(target), shift);
    items.push_back(shift);
    bool comma = false;
    for (size_t i = 2; i < kids.size(); ++i) {
      if (kids[i].sym == Sym::tk_comma)
        comma = true;
      else if (kids[i].named)
        items.push_back(lowerExpr(kids[i].node));
    }
    auto* stmt = make<ExprStmt>(node);
    if (items.size() == 1 && !comma) {
      stmt->value = adopt(items[0], stmt);
    } else {
      auto* tuple = make<Tuple>(node);
      tuple->elts = finish(items, tuple);
      stmt->value = adopt(static_cast<Expr*>(tuple), stmt);
    }
    return stmt;
  }

  Stmt* lowerTypeAlias(TSNode node) {
    Children kids(*this, node);
    TSNode left = kids.field(fields_.left);
    TSNode right = kids.field(fields_.right);
    if (!ts_node_is_null(left)) {
      TSNode inner = namedChild(left, 0);
      Sym innerSym = ts_node_is_null(inner) ? Sym::Other : symOf(inner);
      if (innerSym != Sym::generic_type && innerSym != Sym::identifier && !ts_node_is_null(right))
        return lowerTypeCallAssignment(node, left, right);
    }
    auto* stmt = make<TypeAlias>(node);
    if (!ts_node_is_null(left)) {
      // left is a `type` holding an identifier or generic_type(identifier, type_parameter).
      TSNode inner = namedChild(left, 0);
      if (!ts_node_is_null(inner) && symOf(inner) == Sym::generic_type) {
        Children generic(*this, inner);
        for (const Child& g : generic) {
          if (g.sym == Sym::identifier) stmt->name = identifier(g.node);
          if (g.sym == Sym::type_parameter) {
            stmt->hasTypeParams = true;
            stmt->typeParams = lowerTypeParams(g.node, stmt);
          }
        }
      } else if (!ts_node_is_null(inner) && symOf(inner) == Sym::identifier) {
        stmt->name = identifier(inner);
      } else {
        error(rangeOf(left), "expected a name after 'type'");
      }
    }
    stmt->value = adopt(ts_node_is_null(right) ? missingExpr(node) : lowerType(right), stmt);
    return stmt;
  }

  // `type(x).attr = value` and `type[x] = value` are assignments to an expression that starts
  // with the name `type`, which the grammar takes for a type alias statement. The target is
  // read again from its text.
  Stmt* lowerTypeCallAssignment(TSNode node, TSNode left, TSNode right) {
    auto* stmt = make<Assign>(node);
    uint32_t start = ts_node_start_byte(node), end = ts_node_end_byte(left);
    Expr* target = subExpression(text_.substr(start, end - start), start);
    setContext(target, ExprContext::Store);
    if (target->is<Call>()) error(target->range, "cannot assign to function call");
    std::vector<Expr*> targets{target};
    stmt->targets = finish(targets, stmt);
    stmt->value = adopt(lowerType(right), stmt);
    return stmt;
  }

  // Marks the names in an assignment target as stored (or deleted).
  static void setContext(Expr* target, ExprContext ctx) {
    if (auto* name = target->as<NameExpr>()) {
      name->ctx = ctx;
    } else if (auto* tuple = target->as<Tuple>()) {
      tuple->ctx = ctx;
      for (Expr* e : tuple->elts) setContext(e, ctx);
    } else if (auto* list = target->as<ListExpr>()) {
      list->ctx = ctx;
      for (Expr* e : list->elts) setContext(e, ctx);
    } else if (auto* starred = target->as<Starred>()) {
      setContext(starred->value, ctx);
    }
  }

  Stmt* lowerIf(TSNode node, bool isElif) {
    auto* stmt = make<If>(node);
    stmt->isElif = isElif;
    std::vector<Stmt*> body;
    std::vector<TSNode> alternatives;
    {
      Children kids(*this, node);
      for (const Child& c : kids) {
        if (c.field == fields_.condition) {
          stmt->test = adopt(lowerExpr(c.node), stmt);
        } else if (c.field == fields_.consequence) {
          lowerBody(c.node, body, node, "'if' statement");
        } else if (c.field == fields_.alternative) {
          alternatives.push_back(c.node);
        } else if (c.sym == Sym::ERROR) {
          lowerErrorStatement(c.node, body);
        }
      }
    }
    if (!stmt->test) stmt->test = adopt(missingExpr(node), stmt);
    stmt->body = finish(body, stmt);
    // elif chains nest: each elif is an If in the orelse of the one before.
    std::vector<Stmt*> orelse;
    lowerAlternatives(alternatives, 0, orelse);
    stmt->orelse = finish(orelse, stmt);
    endAtLastStatement(stmt, stmt->orelse, stmt->body);
    return stmt;
  }

  // A compound statement ends where its last statement does, as in CPython; tree-sitter's
  // node also covers comments that follow it at the same indentation.
  // A trailing `;` after the last statement counts, as the last token of the body.
  void endAtLastStatement(Node* node, List<Stmt*> last, List<Stmt*> before = {}) {
    List<Stmt*> body = !last.empty() ? last : before;
    if (body.empty()) return;
    uint32_t end = body.back()->range.end;
    uint32_t i = static_cast<uint32_t>(end - shift_);
    while (i < text_.size() && (text_[i] == ' ' || text_[i] == '\t')) ++i;
    if (i < text_.size() && text_[i] == ';') end = static_cast<uint32_t>(i + 1 + shift_);
    node->range.end = end;
  }

  void lowerAlternatives(const std::vector<TSNode>& alternatives, size_t index,
                         std::vector<Stmt*>& out) {
    // Iterative over the chain, so a long elif ladder does not deepen the stack.
    std::vector<Stmt*>* target = &out;
    std::deque<std::pair<If*, std::vector<Stmt*>>> pending; // a deque: `target` stays valid
    for (size_t i = index; i < alternatives.size(); ++i) {
      TSNode alt = alternatives[i];
      if (symOf(alt) == Sym::elif_clause) {
        checkLineBreaks(alt);
        auto* elif = make<If>(alt);
        elif->isElif = true;
        std::vector<Stmt*> body;
        Children kids(*this, alt);
        for (const Child& c : kids) {
          if (c.field == fields_.condition) {
            elif->test = adopt(lowerExpr(c.node), elif);
          } else if (c.field == fields_.consequence) {
            lowerBody(c.node, body, alt, "'elif' statement");
          }
        }
        if (!elif->test) elif->test = adopt(missingExpr(alt), elif);
        elif->body = finish(body, elif);
        target->push_back(elif);
        pending.emplace_back(elif, std::vector<Stmt*>());
        target = &pending.back().second;
      } else {
        lowerElseBody(alt, *target);
      }
    }
    // Close the chain from the innermost elif outwards.
    for (auto it = pending.rbegin(); it != pending.rend(); ++it) {
      it->first->orelse = finish(it->second, it->first);
      // Extend each elif's range over the clauses nested in it, as CPython does.
      endAtLastStatement(it->first, it->first->orelse, it->first->body);
    }
  }

  void lowerElseBody(TSNode elseClause, std::vector<Stmt*>& out) {
    checkLineBreaks(elseClause);
    Children kids(*this, elseClause);
    for (const Child& c : kids)
      if (c.field == fields_.body || c.sym == Sym::block)
        lowerBody(c.node, out, elseClause, "'else' statement");
  }

  Stmt* lowerFor(TSNode node) {
    auto* stmt = make<For>(node);
    std::vector<Stmt*> body, orelse;
    Children kids(*this, node);
    for (const Child& c : kids) {
      if (c.sym == Sym::tk_async) {
        stmt->isAsync = true;
      } else if (c.field == fields_.left) {
        stmt->target = adopt(lowerTarget(c.node), stmt);
      } else if (c.field == fields_.right) {
        stmt->iter = adopt(notStarred(lowerRightHandSide(c.node)), stmt);
      } else if (c.field == fields_.body) {
        lowerBody(c.node, body, node, "'for' statement");
      } else if (c.field == fields_.alternative) {
        lowerElseBody(c.node, orelse);
      }
    }
    if (!stmt->target) stmt->target = adopt(missingExpr(node), stmt);
    if (!stmt->iter) stmt->iter = adopt(missingExpr(node), stmt);
    stmt->body = finish(body, stmt);
    stmt->orelse = finish(orelse, stmt);
    endAtLastStatement(stmt, stmt->orelse, stmt->body);
    return stmt;
  }

  Stmt* lowerWhile(TSNode node) {
    auto* stmt = make<While>(node);
    std::vector<Stmt*> body, orelse;
    Children kids(*this, node);
    for (const Child& c : kids) {
      if (c.field == fields_.condition) {
        stmt->test = adopt(lowerExpr(c.node), stmt);
      } else if (c.field == fields_.body) {
        lowerBody(c.node, body, node, "'while' statement");
      } else if (c.field == fields_.alternative) {
        lowerElseBody(c.node, orelse);
      }
    }
    if (!stmt->test) stmt->test = adopt(missingExpr(node), stmt);
    stmt->body = finish(body, stmt);
    stmt->orelse = finish(orelse, stmt);
    endAtLastStatement(stmt, stmt->orelse, stmt->body);
    return stmt;
  }

  Stmt* lowerTry(TSNode node) {
    auto* stmt = make<Try>(node);
    std::vector<Stmt*> body, orelse, finalbody;
    std::vector<ExceptHandler*> handlers;
    bool sawPlainExcept = false, sawStarExcept = false, sawFinally = false, sawError = false;
    Children kids(*this, node);
    for (const Child& c : kids) {
      if (c.field == fields_.body) {
        lowerBody(c.node, body, node, "'try' statement");
      } else if (c.sym == Sym::except_clause || c.sym == Sym::except_group_clause) {
        if (c.sym == Sym::except_group_clause) stmt->isStar = true;
        checkLineBreaks(c.node);
        ExceptHandler* handler = lowerExceptClause(c.node, c.sym);
        bool star = c.sym == Sym::except_group_clause;
        // `except *E` with a space reads as `except` and a starred `*E` in the grammar.
        if (auto* starred = handler->type ? handler->type->as<Starred>() : nullptr) {
          stmt->isStar = star = true;
          handler->type = adopt(starred->value, handler);
        }
        if ((star && sawPlainExcept) || (!star && sawStarExcept))
          error(TextRange{handler->range.start, handler->range.start + (star ? 7u : 6u)},
                "cannot have both 'except' and 'except*' on the same 'try'");
        (star ? sawStarExcept : sawPlainExcept) = true;
        handlers.push_back(handler);
      } else if (c.sym == Sym::else_clause) {
        lowerElseBody(c.node, orelse);
      } else if (c.sym == Sym::finally_clause) {
        sawFinally = true;
        checkLineBreaks(c.node);
        Children fin(*this, c.node);
        for (const Child& f : fin)
          if (f.sym == Sym::block) lowerBody(f.node, finalbody, c.node, "'finally' statement");
      } else if (c.sym == Sym::ERROR) {
        sawError = true;
        lowerErrorStatement(c.node, body);
      }
    }
    if (handlers.empty() && !sawFinally && !sawError) {
      TextRange at = rangeOf(node);
      error(TextRange{at.start, at.start + 3}, "expected 'except' or 'finally' block");
    }
    stmt->body = finish(body, stmt);
    stmt->handlers = finish(handlers, stmt);
    stmt->orelse = finish(orelse, stmt);
    stmt->finalbody = finish(finalbody, stmt);
    if (!stmt->finalbody.empty()) {
      endAtLastStatement(stmt, stmt->finalbody);
    } else if (!stmt->orelse.empty()) {
      endAtLastStatement(stmt, stmt->orelse);
    } else if (!stmt->handlers.empty()) {
      stmt->range.end = stmt->handlers.back()->range.end;
    } else {
      endAtLastStatement(stmt, stmt->body);
    }
    return stmt;
  }

  ExceptHandler* lowerExceptClause(TSNode node, Sym sym) {
    auto* handler = make<ExceptHandler>(node);
    std::vector<Stmt*> body;
    Children kids(*this, node);
    bool afterAs = false;
    for (const Child& c : kids) {
      if (c.sym == Sym::tk_as) {
        afterAs = true;
      } else if (c.sym == Sym::tk_comma && !handler->name) {
        // `except E, e:` is Python 2; Python 3.14 reads `except A, B:` as a tuple, but never
        // with a name after the comma when `as` is absent... either way 3.13 rejects it.
        error(rangeOf(c.node), "multiple exception types must be parenthesized");
        afterAs = true;
      } else if (c.sym == Sym::block) {
        lowerBody(c.node, body, node, "'except' statement");
      } else if (c.sym == Sym::as_pattern && !afterAs) {
        // `except E as name`: the grammar reads the pair as an as_pattern.
        Children parts(*this, c.node);
        for (const Child& p : parts) {
          if (p.sym == Sym::as_pattern_target) {
            TSNode inner = namedChild(p.node, 0);
            if (!ts_node_is_null(inner) && symOf(inner) == Sym::identifier) {
              handler->name = identifier(inner);
            } else {
              error(rangeOf(p.node),
                    "the name after 'as' in an except clause must be an identifier");
            }
          } else if (p.named && !handler->type) {
            handler->type = adopt(lowerExpr(p.node), handler);
          }
        }
      } else if (c.named && c.sym != Sym::ERROR) {
        if (!afterAs && (c.field == fields_.value || sym == Sym::except_group_clause)) {
          if (!handler->type) handler->type = adopt(lowerExpr(c.node), handler);
        } else if (afterAs) {
          if (c.sym == Sym::identifier) {
            handler->name = identifier(c.node);
          } else {
            error(rangeOf(c.node), "the name after 'as' in an except clause must be an identifier");
          }
        }
      } else if (c.sym == Sym::ERROR) {
        lowerErrorStatement(c.node, body);
      }
    }
    if (sym == Sym::except_group_clause && !handler->type) {
      error(rangeOf(node), "expected one or more exception types after 'except*'");
    }
    handler->body = finish(body, handler);
    endAtLastStatement(handler, handler->body);
    return handler;
  }

  Stmt* lowerWith(TSNode node) {
    auto* stmt = make<With>(node);
    std::vector<WithItem*> items;
    std::vector<Stmt*> body;
    Children kids(*this, node);
    for (const Child& c : kids) {
      if (c.sym == Sym::tk_async) {
        stmt->isAsync = true;
      } else if (c.sym == Sym::with_clause) {
        Children clause(*this, c.node);
        for (const Child& item : clause)
          if (item.sym == Sym::with_item) items.push_back(lowerWithItem(item.node));
      } else if (c.field == fields_.body) {
        lowerBody(c.node, body, node, "'with' statement");
      }
    }
    stmt->items = finish(items, stmt);
    stmt->body = finish(body, stmt);
    endAtLastStatement(stmt, stmt->body);
    return stmt;
  }

  WithItem* lowerWithItem(TSNode node) {
    auto* item = make<WithItem>(node);
    Children kids(*this, node);
    TSNode value = kids.field(fields_.value);
    if (ts_node_is_null(value)) {
      item->contextExpr = adopt(missingExpr(node), item);
      return item;
    }
    // `with (a as b):` is one item in parentheses.
    if (symOf(value) == Sym::parenthesized_expression) {
      TSNode inner = namedChild(value, 0);
      if (!ts_node_is_null(inner) && symOf(inner) == Sym::as_pattern) value = inner;
    }
    if (symOf(value) == Sym::as_pattern) {
      // `expr as target`: the target is an as_pattern_target wrapping an expression.
      Children parts(*this, value);
      for (const Child& p : parts) {
        if (!p.named) continue;
        if (p.field == fields_.alias || p.sym == Sym::as_pattern_target) {
          TSNode target = p.node;
          if (p.sym == Sym::as_pattern_target) {
            TSNode inner = namedChild(p.node, 0);
            if (!ts_node_is_null(inner)) target = inner;
          }
          item->optionalVars = adopt(lowerTarget(target), item);
        } else if (!item->contextExpr) {
          item->contextExpr = adopt(lowerExpr(p.node), item);
        }
      }
      if (!item->contextExpr) item->contextExpr = adopt(missingExpr(node), item);
      return item;
    }
    item->contextExpr = adopt(lowerExpr(value), item);
    return item;
  }

  Stmt* lowerDecorated(TSNode node) {
    std::vector<Expr*> decorators;
    TSNode definition{};
    {
      Children kids(*this, node);
      for (const Child& c : kids) {
        if (c.sym == Sym::decorator) {
          checkLineBreaks(c.node);
          Children inner(*this, c.node);
          for (const Child& d : inner)
            if (d.named) decorators.push_back(lowerExpr(d.node));
        } else if (c.field == fields_.definition) {
          definition = c.node;
          checkLineBreaks(definition);
        }
      }
    }
    if (ts_node_is_null(definition)) {
      auto* stmt = make<ErrorStmt>(node);
      stmt->children = finish(decorators, stmt);
      error(rangeOf(node), "expected a function or class definition after the decorator");
      return stmt;
    }
    if (symOf(definition) == Sym::class_definition) return lowerClass(definition, decorators);
    return lowerFunction(definition, decorators);
  }

  Stmt* lowerFunction(TSNode node, std::vector<Expr*> decorators) {
    auto* stmt = make<FunctionDef>(node);
    stmt->decorators = finish(decorators, stmt);
    std::vector<Stmt*> body;
    Children kids(*this, node);
    for (const Child& c : kids) {
      if (c.sym == Sym::tk_async) {
        stmt->isAsync = true;
      } else if (c.field == fields_.name) {
        stmt->name = identifier(c.node);
      } else if (c.field == fields_.type_parameters) {
        stmt->hasTypeParams = true;
        stmt->typeParams = lowerTypeParams(c.node, stmt);
      } else if (c.field == fields_.parameters) {
        stmt->parameters = adopt(lowerParameters(c.node), stmt);
      } else if (c.field == fields_.return_type) {
        stmt->returns = adopt(lowerType(c.node), stmt);
      } else if (c.field == fields_.body) {
        lowerBody(c.node, body, node, "function definition");
      }
    }
    if (!stmt->parameters) {
      stmt->parameters =
          adopt(make<Parameters>(TextRange{stmt->name.range.end, stmt->name.range.end}), stmt);
    }
    stmt->body = finish(body, stmt);
    endAtLastStatement(stmt, stmt->body);
    return stmt;
  }

  Stmt* lowerClass(TSNode node, std::vector<Expr*> decorators) {
    auto* stmt = make<ClassDef>(node);
    stmt->decorators = finish(decorators, stmt);
    std::vector<Stmt*> body;
    Children kids(*this, node);
    for (const Child& c : kids) {
      if (c.field == fields_.name) {
        stmt->name = identifier(c.node);
      } else if (c.field == fields_.type_parameters) {
        stmt->hasTypeParams = true;
        stmt->typeParams = lowerTypeParams(c.node, stmt);
      } else if (c.field == fields_.superclasses) {
        std::vector<Expr*> bases;
        std::vector<Keyword*> keywords;
        lowerArguments(c.node, bases, keywords);
        stmt->bases = finish(bases, stmt);
        stmt->keywords = finish(keywords, stmt);
      } else if (c.field == fields_.body) {
        lowerBody(c.node, body, node, "class definition");
      }
    }
    stmt->body = finish(body, stmt);
    endAtLastStatement(stmt, stmt->body);
    return stmt;
  }

  Stmt* lowerMatch(TSNode node) {
    auto* stmt = make<Match>(node);
    std::vector<Expr*> subjects;
    std::vector<MatchCase*> cases;
    Children kids(*this, node);
    bool trailingComma = false;
    uint32_t commaEnd = 0;
    for (const Child& c : kids) {
      if (c.field == fields_.subject) {
        subjects.push_back(lowerExpr(c.node));
        trailingComma = false;
      } else if (c.sym == Sym::tk_comma) {
        trailingComma = true;
        commaEnd = rangeOf(c.node).end;
      } else if (c.field == fields_.body) {
        Children block(*this, c.node);
        for (const Child& b : block)
          if (b.sym == Sym::case_clause) {
            checkLineBreaks(b.node);
            cases.push_back(lowerCase(b.node));
          }
      }
    }
    if (subjects.size() == 1 && !trailingComma) {
      stmt->subject = adopt(subjects[0], stmt);
    } else if (!subjects.empty()) {
      uint32_t end = trailingComma ? commaEnd : subjects.back()->range.end;
      auto* tuple = make<Tuple>(TextRange{subjects.front()->range.start, end});
      tuple->elts = finish(subjects, tuple);
      stmt->subject = adopt(static_cast<Expr*>(tuple), stmt);
    } else {
      stmt->subject = adopt(missingExpr(node), stmt);
    }
    stmt->cases = finish(cases, stmt);
    for (size_t i = 0; i < stmt->cases.size(); ++i)
      checkCasePattern(*stmt->cases[i], i + 1 < stmt->cases.size(), errors_);
    if (!stmt->cases.empty()) stmt->range.end = stmt->cases.back()->range.end;
    return stmt;
  }

  MatchCase* lowerCase(TSNode node) {
    auto* matchCase = make<MatchCase>(node);
    std::vector<Pattern*> patterns;
    std::vector<Stmt*> body;
    bool trailingComma = false;
    uint32_t commaEnd = 0;
    Children kids(*this, node);
    for (const Child& c : kids) {
      if (c.sym == Sym::case_pattern) {
        patterns.push_back(lowerCasePattern(c.node));
        trailingComma = false;
      } else if (c.sym == Sym::tk_comma) {
        trailingComma = true;
        commaEnd = rangeOf(c.node).end;
      } else if (c.field == fields_.guard) {
        TSNode guard = namedChild(c.node, 0);
        matchCase->guard =
            adopt(ts_node_is_null(guard) ? missingExpr(c.node) : lowerExpr(guard), matchCase);
      } else if (c.field == fields_.consequence) {
        lowerBody(c.node, body, node, "'case' statement");
      }
    }
    if (patterns.size() == 1 && !trailingComma) {
      matchCase->pattern = adopt(patterns[0], matchCase);
    } else if (!patterns.empty()) {
      // `case a, b:` is an open sequence pattern.
      uint32_t end = trailingComma ? commaEnd : patterns.back()->range.end;
      auto* sequence = make<MatchSequence>(TextRange{patterns.front()->range.start, end});
      sequence->patterns = finish(patterns, sequence);
      matchCase->pattern = adopt(static_cast<Pattern*>(sequence), matchCase);
    } else {
      auto* wildcard = make<MatchAs>(node);
      matchCase->pattern = adopt(static_cast<Pattern*>(wildcard), matchCase);
      error(rangeOf(node), "expected a pattern after 'case'");
    }
    matchCase->body = finish(body, matchCase);
    endAtLastStatement(matchCase, matchCase->body);
    return matchCase;
  }

  // ---- patterns ------------------------------------------------------------------------------

  Pattern* lowerCasePattern(TSNode node) {
    Nest nest(*this);
    if (tooDeep(node)) return make<MatchAs>(node);
    Children kids(*this, node);
    return lowerPatternPieces(node, kids.all());
  }

  // The pieces of a pattern as they appear under case_pattern, union_pattern, dict keys:
  // handles `p as name`, `a | b`, a leading minus, and single simple patterns.
  Pattern* lowerPatternPieces(TSNode owner, std::span<const Child> pieces) {
    // `p as name`
    for (size_t i = 0; i < pieces.size(); ++i) {
      if (pieces[i].sym == Sym::tk_as) {
        auto* as = make<MatchAs>(owner);
        as->pattern = adopt(lowerPatternPieces(owner, pieces.subspan(0, i)), as);
        for (size_t k = i + 1; k < pieces.size(); ++k)
          if (pieces[k].sym == Sym::identifier) as->name = identifier(pieces[k].node);
        return as;
      }
    }
    // `a | b | c`
    std::vector<Pattern*> alternatives;
    size_t start = 0;
    bool sawPipe = false;
    for (size_t i = 0; i <= pieces.size(); ++i) {
      if (i == pieces.size() || pieces[i].sym == Sym::tk_pipe) {
        if (i > start)
          alternatives.push_back(lowerSimplePattern(owner, pieces.subspan(start, i - start)));
        if (i < pieces.size()) sawPipe = true;
        start = i + 1;
      }
    }
    if (sawPipe) {
      auto* orPattern = make<MatchOr>(owner);
      orPattern->patterns = finish(alternatives, orPattern);
      return orPattern;
    }
    if (alternatives.size() == 1) return alternatives[0];
    auto* wildcard = make<MatchAs>(owner);
    return wildcard;
  }

  Pattern* lowerSimplePattern(TSNode owner, std::span<const Child> pieces) {
    Nest nest(*this);
    if (tooDeep(owner)) return make<MatchAs>(owner);
    if (pieces.empty()) return make<MatchAs>(owner);
    const Child& first = pieces[0];
    TextRange whole{rangeOf(first.node).start, rangeOf(pieces.back().node).end};
    if (first.sym == Sym::tk_minus && pieces.size() >= 2) {
      auto* value = make<MatchValue>(whole);
      auto* negative = make<UnaryOp>(whole);
      negative->op = UnaryOperator::USub;
      negative->operand = adopt(lowerExpr(pieces[1].node), negative);
      value->value = adopt(static_cast<Expr*>(negative), value);
      return value;
    }
    switch (first.sym) {
    case Sym::case_pattern: return lowerCasePattern(first.node);
    case Sym::tk_underscore: return make<MatchAs>(first.node);
    case Sym::true_:
    case Sym::false_:
    case Sym::none: {
      auto* singleton = make<MatchSingleton>(first.node);
      singleton->value = adopt(lowerExpr(first.node), singleton);
      return singleton;
    }
    case Sym::integer:
    case Sym::float_:
    case Sym::string:
    case Sym::concatenated_string: {
      auto* value = make<MatchValue>(first.node);
      value->value = adopt(lowerExpr(first.node), value);
      return value;
    }
    case Sym::complex_pattern: {
      auto* value = make<MatchValue>(first.node);
      value->value = adopt(lowerComplexPattern(first.node), value);
      return value;
    }
    case Sym::dotted_name: {
      Children parts(*this, first.node);
      std::vector<const Child*> names;
      for (const Child& p : parts)
        if (p.sym == Sym::identifier) names.push_back(&p);
      if (names.size() == 1) {
        // A bare name captures.
        auto* capture = make<MatchAs>(first.node);
        capture->name = identifier(names[0]->node);
        return capture;
      }
      auto* value = make<MatchValue>(first.node);
      value->value = adopt(lowerDottedAsExpr(parts.all()), value);
      return value;
    }
    case Sym::splat_pattern: {
      auto* star = make<MatchStar>(first.node);
      Children parts(*this, first.node);
      for (const Child& p : parts)
        if (p.sym == Sym::identifier) star->name = identifier(p.node);
      if (parts.hasToken(Sym::tk_starstar)) {
        error(rangeOf(first.node),
              "'**' patterns are only allowed at the end of a mapping pattern");
      }
      return star;
    }
    case Sym::union_pattern:
    case Sym::as_pattern: {
      Children parts(*this, first.node);
      return lowerPatternPieces(first.node, parts.all());
    }
    case Sym::list_pattern:
    case Sym::tuple_pattern: return lowerSequencePattern(first.node, first.sym);
    case Sym::dict_pattern: return lowerMappingPattern(first.node);
    case Sym::class_pattern: return lowerClassPattern(first.node);
    case Sym::keyword_pattern: {
      error(rangeOf(first.node), "a keyword pattern is only allowed inside a class pattern");
      return make<MatchAs>(first.node);
    }
    default: break;
    }
    if (first.sym == Sym::ERROR) return make<MatchAs>(first.node);
    // Anything else is a value (recovery).
    auto* value = make<MatchValue>(first.node);
    value->value = adopt(lowerExpr(first.node), value);
    return value;
  }

  Expr* lowerComplexPattern(TSNode node) {
    // `[-] real (+|-) imag`
    Children kids(*this, node);
    Expr* left = nullptr;
    bool negateFirst = false;
    BinaryOperator op = BinaryOperator::Add;
    Expr* right = nullptr;
    for (const Child& c : kids) {
      if (c.sym == Sym::tk_minus && !left) {
        negateFirst = true;
      } else if (c.sym == Sym::tk_minus || c.sym == Sym::tk_plus) {
        op = c.sym == Sym::tk_minus ? BinaryOperator::Sub : BinaryOperator::Add;
      } else if (c.named) {
        Expr* value = lowerExpr(c.node);
        if (!left) {
          if (negateFirst) {
            auto* negative =
                make<UnaryOp>(TextRange{rangeOf(kids[0].node).start, value->range.end});
            negative->op = UnaryOperator::USub;
            negative->operand = adopt(value, negative);
            value = negative;
          }
          left = value;
        } else {
          right = value;
        }
      }
    }
    auto* binary = make<BinOp>(node);
    binary->left = adopt(left ? left : missingExpr(node), binary);
    binary->op = op;
    binary->right = adopt(right ? right : missingExpr(node), binary);
    return binary;
  }

  Expr* lowerDottedAsExpr(std::span<const Child> parts) {
    Expr* result = nullptr;
    for (const Child& p : parts) {
      if (p.sym != Sym::identifier) continue;
      if (!result) {
        auto* name = make<NameExpr>(p.node);
        name->id = intern(textOf(p.node));
        result = name;
      } else {
        auto* attribute = make<Attribute>(TextRange{result->range.start, rangeOf(p.node).end});
        attribute->value = adopt(result, attribute);
        attribute->attr = identifier(p.node);
        result = attribute;
      }
    }
    return result;
  }

  Pattern* lowerSequencePattern(TSNode node, Sym sym) {
    Children kids(*this, node);
    std::vector<Pattern*> patterns;
    bool comma = false;
    for (const Child& c : kids) {
      if (c.sym == Sym::case_pattern) patterns.push_back(lowerCasePattern(c.node));
      if (c.sym == Sym::tk_comma) comma = true;
    }
    // `(p)` is a group, not a sequence.
    if (sym == Sym::tuple_pattern && patterns.size() == 1 && !comma) return patterns[0];
    auto* sequence = make<MatchSequence>(node);
    sequence->patterns = finish(patterns, sequence);
    return sequence;
  }

  Pattern* lowerMappingPattern(TSNode node) {
    auto* mapping = make<MatchMapping>(node);
    std::vector<Expr*> keys;
    std::vector<Pattern*> patterns;
    Children kids(*this, node);
    std::vector<Child> keyPieces;
    for (const Child& c : kids) {
      if (c.field == fields_.key) {
        keyPieces.push_back(c);
      } else if (c.field == fields_.value) {
        Pattern* key = lowerSimplePattern(node, keyPieces);
        keyPieces.clear();
        Expr* keyExpr = nullptr;
        if (auto* value = key->as<MatchValue>())
          keyExpr = value->value;
        else if (auto* singleton = key->as<MatchSingleton>())
          keyExpr = singleton->value;
        if (!keyExpr) {
          error(key->range, "mapping pattern keys may only match literals and attribute lookups");
          keyExpr = missingExpr(node);
        }
        keys.push_back(keyExpr);
        patterns.push_back(lowerCasePattern(c.node));
      } else if (c.sym == Sym::splat_pattern) {
        if (mapping->rest) error(rangeOf(c.node), "a mapping pattern can have only one '**' item");
        Children parts(*this, c.node);
        for (const Child& p : parts)
          if (p.sym == Sym::identifier) mapping->rest = identifier(p.node);
      }
      if (mapping->rest && c.field == fields_.key)
        error(rangeOf(c.node), "the '**' item must come last in a mapping pattern");
    }
    mapping->keys = finish(keys, mapping);
    mapping->patterns = finish(patterns, mapping);
    return mapping;
  }

  Pattern* lowerClassPattern(TSNode node) {
    auto* pattern = make<MatchClass>(node);
    std::vector<Pattern*> positional, keywordPatterns;
    std::vector<Identifier> keywordNames;
    Children kids(*this, node);
    for (const Child& c : kids) {
      if (c.sym == Sym::dotted_name) {
        Children parts(*this, c.node);
        pattern->cls = adopt(lowerDottedAsExpr(parts.all()), pattern);
      } else if (c.sym == Sym::case_pattern) {
        TSNode inner = namedChild(c.node, 0);
        if (!ts_node_is_null(inner) && symOf(inner) == Sym::keyword_pattern &&
            ts_node_named_child_count(c.node) == 1) {
          Children kw(*this, inner);
          Identifier name;
          std::vector<Child> valuePieces;
          bool afterEqual = false;
          for (const Child& k : kw) {
            if (k.sym == Sym::tk_equal) {
              afterEqual = true;
            } else if (!afterEqual && k.sym == Sym::identifier) {
              name = identifier(k.node);
            } else if (afterEqual) {
              valuePieces.push_back(k);
            }
          }
          keywordNames.push_back(name);
          keywordPatterns.push_back(lowerSimplePattern(inner, valuePieces));
        } else {
          if (!keywordPatterns.empty()) {
            error(rangeOf(c.node), "positional patterns follow keyword patterns");
          }
          positional.push_back(lowerCasePattern(c.node));
        }
      }
    }
    if (!pattern->cls) pattern->cls = adopt(missingExpr(node), pattern);
    pattern->patterns = finish(positional, pattern);
    pattern->kwdAttrs = arena_.copy(keywordNames);
    pattern->kwdPatterns = finish(keywordPatterns, pattern);
    return pattern;
  }

  // ---- type parameters and annotations -------------------------------------------------------

  List<TypeParam*> lowerTypeParams(TSNode node, Node* owner) {
    std::vector<TypeParam*> params;
    std::string_view source = textOf(node);
    bool closed = source.size() >= 2 && source.back() == ']';
    if (ts_node_has_error(node) && closed) {
      // The grammar lacks PEP 696 defaults (`T = int`) and puts ERROR nodes around them; read
      // such a list from its text instead. Problems inside it are the sub-parses' to report.
      params = lowerTypeParamsFromText(node);
      TextRange inside = rangeOf(node);
      recovered_.push_back(TextRange{inside.start + 1, inside.end - 1});
    } else {
      Children kids(*this, node);
      for (const Child& c : kids)
        if (c.sym == Sym::type) params.push_back(lowerTypeParam(c.node));
    }
    if (params.empty()) error(rangeOf(node), "a type parameter list cannot be empty");
    return finish(params, owner);
  }

  TypeParam* lowerTypeParam(TSNode typeNode) {
    auto* param = make<TypeParam>(typeNode);
    TSNode inner = namedChild(typeNode, 0);
    if (ts_node_is_null(inner)) return param;
    Sym sym = symOf(inner);
    if (sym == Sym::identifier) {
      param->name = identifier(inner);
    } else if (sym == Sym::splat_type) {
      Children parts(*this, inner);
      param->typeParamKind =
          parts.hasToken(Sym::tk_starstar) ? TypeParamKind::ParamSpec : TypeParamKind::TypeVarTuple;
      for (const Child& p : parts)
        if (p.sym == Sym::identifier) param->name = identifier(p.node);
    } else if (sym == Sym::constrained_type) {
      Children parts(*this, inner);
      bool first = true;
      for (const Child& p : parts) {
        if (p.sym != Sym::type) continue;
        if (first) {
          TSNode name = namedChild(p.node, 0);
          if (!ts_node_is_null(name) && symOf(name) == Sym::identifier) {
            param->name = identifier(name);
          } else {
            error(rangeOf(p.node), "expected a type parameter name");
          }
          first = false;
        } else {
          param->bound = adopt(lowerType(p.node), param);
        }
      }
    } else {
      error(rangeOf(inner), "expected a type parameter name");
    }
    return param;
  }

  // Reads `[T: bound = default, *Ts = default, **P = default]` from the text between the
  // brackets, parsing each bound and default as an expression at its own offset.
  std::vector<TypeParam*> lowerTypeParamsFromText(TSNode node) {
    std::vector<TypeParam*> params;
    uint32_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
    std::string_view all = text_.substr(start, end - start);
    if (all.size() < 2 || all.front() != '[') return params;
    size_t close = all.back() == ']' ? all.size() - 1 : all.size();
    // Split at top-level commas.
    std::vector<std::pair<size_t, size_t>> pieces;
    int depthCount = 0;
    size_t pieceStart = 1;
    char quote = 0;
    for (size_t i = 1; i < close; ++i) {
      char c = all[i];
      if (quote) {
        if (c == '\\')
          ++i;
        else if (c == quote)
          quote = 0;
        continue;
      }
      if (c == '"' || c == '\'')
        quote = c;
      else if (c == '(' || c == '[' || c == '{')
        ++depthCount;
      else if (c == ')' || c == ']' || c == '}')
        --depthCount;
      else if (c == ',' && depthCount == 0) {
        pieces.emplace_back(pieceStart, i);
        pieceStart = i + 1;
      }
    }
    pieces.emplace_back(pieceStart, close);
    for (auto [from, to] : pieces) {
      std::string_view piece = all.substr(from, to - from);
      size_t lead = piece.find_first_not_of(" \t\r\n\\");
      if (lead == std::string_view::npos) continue; // trailing comma
      uint32_t pieceOffset = start + static_cast<uint32_t>(from + lead);
      piece = piece.substr(lead);
      auto* param = arena_.make<TypeParam>();
      size_t i = 0;
      if (piece.substr(0, 2) == "**") {
        param->typeParamKind = TypeParamKind::ParamSpec;
        i = 2;
      } else if (piece.substr(0, 1) == "*") {
        param->typeParamKind = TypeParamKind::TypeVarTuple;
        i = 1;
      }
      while (i < piece.size() && (piece[i] == ' ' || piece[i] == '\t')) ++i;
      size_t nameStart = i;
      while (i < piece.size() && (std::isalnum(static_cast<unsigned char>(piece[i])) ||
                                  piece[i] == '_' || static_cast<unsigned char>(piece[i]) >= 0x80))
        ++i;
      param->name = Identifier{intern(piece.substr(nameStart, i - nameStart)),
                               shifted(pieceOffset + nameStart, pieceOffset + i)};
      if (nameStart == i)
        error(shifted(pieceOffset, pieceOffset + piece.size()), "expected a type parameter name");
      // Find ':' (bound) and '=' (default) at the top level of the rest.
      std::string_view rest = piece.substr(i);
      size_t restOffset = pieceOffset + i;
      size_t colon = std::string_view::npos, equal = std::string_view::npos;
      int nesting = 0;
      for (size_t k = 0; k < rest.size(); ++k) {
        char c = rest[k];
        if (c == '(' || c == '[' || c == '{')
          ++nesting;
        else if (c == ')' || c == ']' || c == '}')
          --nesting;
        else if (nesting == 0 && c == ':' && colon == std::string_view::npos &&
                 equal == std::string_view::npos)
          colon = k;
        else if (nesting == 0 && c == '=' && equal == std::string_view::npos)
          equal = k;
      }
      size_t trimmedEnd = rest.find_last_not_of(" \t\r\n\\");
      size_t restEnd = trimmedEnd == std::string_view::npos ? 0 : trimmedEnd + 1;
      if (colon != std::string_view::npos) {
        size_t boundEnd = equal == std::string_view::npos ? restEnd : equal;
        param->bound = adopt(pieceExpression(rest, colon + 1, boundEnd, restOffset), param);
      }
      if (equal != std::string_view::npos)
        param->defaultValue = adopt(pieceExpression(rest, equal + 1, restEnd, restOffset), param);
      param->range = shifted(pieceOffset, restOffset + restEnd);
      params.push_back(param);
    }
    return params;
  }

  // The expression in rest[from, to) (rest starts at restOffset of the text), without the
  // blanks around it; `*Ts` (a TypeVarTuple's default) is a Starred.
  Expr* pieceExpression(std::string_view rest, size_t from, size_t to, size_t restOffset) {
    while (from < to && (rest[from] == ' ' || rest[from] == '\t')) ++from;
    if (from < to && rest[from] == '*' && (from + 1 >= to || rest[from + 1] != '*')) {
      Expr* inner = pieceExpression(rest, from + 1, to, restOffset);
      auto* starred = make<Starred>(
          TextRange{static_cast<uint32_t>(static_cast<int64_t>(restOffset + from) + shift_),
                    inner->range.end});
      starred->value = adopt(inner, starred);
      return starred;
    }
    return subExpression(rest.substr(from, to - from), static_cast<uint32_t>(restOffset + from));
  }

  TextRange shifted(size_t start, size_t end) const {
    return TextRange{static_cast<uint32_t>(static_cast<int64_t>(start) + shift_),
                     static_cast<uint32_t>(static_cast<int64_t>(end) + shift_)};
  }

  // Parses a piece of this text as an expression (offsets are in this text).
  Expr* subExpression(std::string_view piece, uint32_t offsetInText) {
    return parseExpression(
        arena_, piece, static_cast<uint32_t>(static_cast<int64_t>(offsetInText) + shift_), errors_);
  }

  // A `type` node: an annotation. The grammar has its own shapes for some annotations
  // (generic_type for `list[int]`, union_type, member_type, splat_type); they lower to the
  // same expressions as the code would anywhere else.
  Expr* lowerType(TSNode node) {
    Nest nest(*this);
    if (tooDeep(node)) return make<ErrorExpr>(node);
    Sym sym = symOf(node);
    switch (sym) {
    case Sym::type: {
      TSNode inner = namedChild(node, 0);
      if (ts_node_is_null(inner)) return missingExpr(node);
      return lowerType(inner);
    }
    case Sym::generic_type: {
      Children kids(*this, node);
      Expr* base = nullptr;
      TSNode params{};
      for (const Child& c : kids) {
        if (c.sym == Sym::identifier) {
          auto* name = make<NameExpr>(c.node);
          name->id = intern(textOf(c.node));
          base = name;
        } else if (c.sym == Sym::type_parameter) {
          params = c.node;
        }
      }
      auto* subscript = make<Subscript>(node);
      subscript->value = adopt(base ? base : missingExpr(node), subscript);
      subscript->slice = adopt(
          ts_node_is_null(params) ? missingExpr(node) : lowerTypeArguments(params), subscript);
      return subscript;
    }
    case Sym::union_type: {
      Children kids(*this, node);
      auto* binary = make<BinOp>(node);
      binary->op = BinaryOperator::BitOr;
      for (const Child& c : kids) {
        if (!c.named) continue;
        if (!binary->left)
          binary->left = adopt(lowerType(c.node), binary);
        else
          binary->right = adopt(lowerType(c.node), binary);
      }
      if (!binary->left) binary->left = adopt(missingExpr(node), binary);
      if (!binary->right) binary->right = adopt(missingExpr(node), binary);
      return binary;
    }
    case Sym::member_type: {
      Children kids(*this, node);
      auto* attribute = make<Attribute>(node);
      for (const Child& c : kids) {
        if (c.sym == Sym::type)
          attribute->value = adopt(lowerType(c.node), attribute);
        else if (c.sym == Sym::identifier)
          attribute->attr = identifier(c.node);
      }
      if (!attribute->value) attribute->value = adopt(missingExpr(node), attribute);
      return attribute;
    }
    case Sym::splat_type: {
      Children kids(*this, node);
      auto* starred = make<Starred>(node);
      for (const Child& c : kids) {
        if (c.sym == Sym::identifier) {
          auto* name = make<NameExpr>(c.node);
          name->id = intern(textOf(c.node));
          starred->value = adopt(static_cast<Expr*>(name), starred);
        }
      }
      if (kids.hasToken(Sym::tk_starstar))
        error(rangeOf(node), "'**' is not allowed in an annotation");
      if (!starred->value) starred->value = adopt(missingExpr(node), starred);
      return starred;
    }
    case Sym::constrained_type: {
      error(rangeOf(node), "a bound (`name: type`) is only allowed in a type parameter list");
      return make<ErrorExpr>(node);
    }
    default: return lowerExpr(node);
    }
  }

  // The `[...]` of a generic_type in an annotation: one type, or several as a Tuple.
  Expr* lowerTypeArguments(TSNode node) {
    Children kids(*this, node);
    std::vector<Expr*> items;
    uint32_t lastComma = 0;
    for (const Child& c : kids) {
      if (c.sym == Sym::type)
        items.push_back(lowerType(c.node));
      else if (c.sym == Sym::tk_comma)
        lastComma = rangeOf(c.node).end;
      else if (c.sym == Sym::ERROR)
        items.push_back(lowerErrorExpr(c.node));
    }
    TextRange inner = rangeOf(node);
    if (inner.length() >= 2) inner = TextRange{inner.start + 1, inner.end - 1};
    return sliceOf(items, lastComma, inner);
  }

  // What is between a subscript's brackets: one expression, or a Tuple of several (also for
  // one with a trailing comma, and for a lone `*x`, as in `tuple[*Ts]`). The tuple spans its
  // items and a trailing comma; `lastComma` is the end of the last comma, 0 when none.
  Expr* sliceOf(std::vector<Expr*>& items, uint32_t lastComma, TextRange inside) {
    if (items.size() == 1 && !lastComma && !items[0]->is<Starred>()) return items[0];
    TextRange range = items.empty() ? inside
                                    : TextRange{items.front()->range.start,
                                                std::max(items.back()->range.end, lastComma)};
    auto* tuple = make<Tuple>(range);
    tuple->elts = finish(items, tuple);
    return tuple;
  }

  // ---- parameters and arguments --------------------------------------------------------------

  Parameters* lowerParameters(TSNode node) {
    auto* parameters = make<Parameters>(node);
    std::vector<Parameter*> list;
    bool keywordOnly = false, sawSlash = false, sawVarKeyword = false;
    TSNode bareStar{};
    size_t afterBareStar = 0;
    Children kids(*this, node);
    for (const Child& c : kids) {
      if (!c.named) continue;
      switch (c.sym) {
      case Sym::positional_separator: {
        bool any = false;
        for (Parameter* p : list) {
          if (p->parameterKind == ParameterKind::PositionalOrKeyword) {
            p->parameterKind = ParameterKind::PositionalOnly;
            any = true;
          }
        }
        if (sawSlash)
          error(rangeOf(c.node), "'/' may appear only once");
        else if (keywordOnly)
          error(rangeOf(c.node), "'/' must come before '*'");
        else if (!any)
          error(rangeOf(c.node), "at least one parameter must precede '/'");
        sawSlash = true;
        break;
      }
      case Sym::keyword_separator:
        if (keywordOnly) error(rangeOf(c.node), "'*' may appear only once");
        keywordOnly = true;
        bareStar = c.node;
        afterBareStar = list.size();
        break;
      case Sym::ERROR: break;
      default: {
        Parameter* p = lowerParameter(c.node, c.sym, keywordOnly);
        if (sawVarKeyword) error(p->range, "parameters cannot follow the '**' parameter");
        if (p->parameterKind == ParameterKind::VarPositional) {
          if (keywordOnly) error(p->range, "'*' may appear only once");
          keywordOnly = true;
        }
        if (p->parameterKind == ParameterKind::VarKeyword) sawVarKeyword = true;
        list.push_back(p);
        break;
      }
      }
    }
    if (!ts_node_is_null(bareStar)) {
      bool named = false;
      for (size_t i = afterBareStar; i < list.size(); ++i)
        named |= list[i]->parameterKind == ParameterKind::KeywordOnly;
      if (!named) error(rangeOf(bareStar), "named parameters must follow a bare '*'");
    }
    parameters->parameters = finish(list, parameters);
    checkParameters(*parameters, errors_);
    return parameters;
  }

  Parameter* lowerParameter(TSNode node, Sym sym, bool keywordOnly) {
    auto* p = make<Parameter>(node);
    p->parameterKind =
        keywordOnly ? ParameterKind::KeywordOnly : ParameterKind::PositionalOrKeyword;
    auto nameFrom = [&](TSNode n) {
      Sym s = symOf(n);
      if (s == Sym::identifier) {
        p->name = identifier(n);
      } else if (s == Sym::list_splat_pattern || s == Sym::dictionary_splat_pattern) {
        p->parameterKind =
            s == Sym::list_splat_pattern ? ParameterKind::VarPositional : ParameterKind::VarKeyword;
        TSNode inner = namedChild(n, 0);
        if (!ts_node_is_null(inner) && symOf(inner) == Sym::identifier) {
          p->name = identifier(inner);
        } else {
          error(rangeOf(n), "expected a parameter name");
        }
      } else if (s == Sym::tuple_pattern) {
        error(rangeOf(n), "tuple parameters are not supported in Python 3");
      } else {
        error(rangeOf(n), "expected a parameter name");
      }
    };
    switch (sym) {
    case Sym::identifier: p->name = identifier(node); break;
    case Sym::list_splat_pattern:
    case Sym::dictionary_splat_pattern:
    case Sym::tuple_pattern: nameFrom(node); break;
    case Sym::typed_parameter: {
      Children kids(*this, node);
      for (const Child& c : kids) {
        if (c.field == fields_.type)
          p->annotation = adopt(lowerType(c.node), p);
        else if (c.named)
          nameFrom(c.node);
      }
      break;
    }
    case Sym::default_parameter:
    case Sym::typed_default_parameter: {
      Children kids(*this, node);
      for (const Child& c : kids) {
        if (c.field == fields_.name)
          nameFrom(c.node);
        else if (c.field == fields_.type)
          p->annotation = adopt(lowerType(c.node), p);
        else if (c.field == fields_.value)
          p->defaultValue = adopt(lowerExpr(c.node), p);
      }
      break;
    }
    default: error(rangeOf(node), "expected a parameter"); break;
    }
    return p;
  }

  // Arguments of a call or a class header.
  void lowerArguments(TSNode node, std::vector<Expr*>& args, std::vector<Keyword*>& keywords) {
    Children kids(*this, node);
    bool sawKeyword = false, sawDoubleStar = false;
    for (const Child& c : kids) {
      if (!c.named) continue;
      switch (c.sym) {
      case Sym::keyword_argument: {
        auto* keyword = make<Keyword>(c.node);
        Children parts(*this, c.node);
        for (const Child& p : parts) {
          if (p.field == fields_.name)
            keyword->name = identifier(p.node);
          else if (p.field == fields_.value)
            keyword->value = adopt(lowerExpr(p.node), keyword);
        }
        if (!keyword->value) keyword->value = adopt(missingExpr(c.node), keyword);
        for (Keyword* other : keywords) {
          if (other->name && other->name.name == keyword->name.name) {
            error(keyword->name.range,
                  "keyword argument repeated: " + std::string(keyword->name.name.text()));
          }
        }
        keywords.push_back(keyword);
        sawKeyword = true;
        break;
      }
      case Sym::dictionary_splat: {
        auto* keyword = make<Keyword>(c.node);
        TSNode inner = namedChild(c.node, 0);
        keyword->value =
            adopt(ts_node_is_null(inner) ? missingExpr(c.node) : lowerExpr(inner), keyword);
        keywords.push_back(keyword);
        sawDoubleStar = true;
        break;
      }
      case Sym::generator_expression:
      default: {
        Expr* arg = lowerExpr(c.node);
        if (!arg->is<Starred>()) {
          if (sawDoubleStar)
            error(arg->range, "positional argument follows keyword argument unpacking");
          else if (sawKeyword)
            error(arg->range, "positional argument follows keyword argument");
        } else if (sawDoubleStar) {
          error(arg->range, "iterable argument unpacking follows keyword argument unpacking");
        }
        args.push_back(arg);
        break;
      }
      }
    }
  }

  // ---- expressions ---------------------------------------------------------------------------

  Expr* missingExpr(TSNode near) {
    uint32_t end = rangeOf(near).end;
    return make<ErrorExpr>(TextRange{end, end});
  }

  // An assignment target: names and containers in Store context.
  Expr* lowerTarget(TSNode node) {
    if (ts_node_is_null(node)) return make<ErrorExpr>(TextRange{});
    Sym sym = symOf(node);
    Expr* target = sym == Sym::pattern_list || sym == Sym::expression_list
                       ? lowerBareTuple(node, ExprContext::Store)
                       : lowerExpr(node, ExprContext::Store);
    if (target->is<Starred>())
      error(target->range, "starred assignment target must be in a list or tuple");
    checkStarredTargets(target, errors_);
    checkTarget(target, ExprContext::Store);
    return target;
  }

  // Reports the first part of an assignment or `del` target that cannot be one.
  void checkTarget(const Expr* target, ExprContext ctx) {
    switch (target->kind) {
    case NodeKind::NameExpr:
    case NodeKind::Attribute:
    case NodeKind::Subscript:
    case NodeKind::ErrorExpr: return;
    case NodeKind::Tuple:
      for (const Expr* e : target->as<Tuple>()->elts) checkTarget(e, ctx);
      return;
    case NodeKind::List:
      for (const Expr* e : target->as<ListExpr>()->elts) checkTarget(e, ctx);
      return;
    case NodeKind::Starred:
      if (ctx == ExprContext::Del) {
        error(target->range, "cannot delete starred");
        return;
      }
      checkTarget(target->as<Starred>()->value, ctx);
      return;
    default: break;
    }
    error(target->range,
          std::string(ctx == ExprContext::Del ? "cannot delete " : "cannot assign to ") +
              targetKindName(target));
  }

  static const char* targetKindName(const Expr* e) {
    switch (e->kind) {
    case NodeKind::BoolLiteral: return static_cast<const BoolLiteral*>(e)->value ? "True" : "False";
    case NodeKind::NoneLiteral: return "None";
    case NodeKind::EllipsisLiteral: return "ellipsis";
    case NodeKind::StringLiteral:
    case NodeKind::BytesLiteral:
    case NodeKind::IntLiteral:
    case NodeKind::FloatLiteral:
    case NodeKind::ImaginaryLiteral: return "literal";
    case NodeKind::FString: return "f-string expression";
    case NodeKind::Call: return "function call";
    case NodeKind::IfExp: return "conditional expression";
    case NodeKind::Lambda: return "lambda";
    case NodeKind::Await: return "await expression";
    case NodeKind::Yield:
    case NodeKind::YieldFrom: return "yield expression";
    case NodeKind::NamedExpr: return "named expression";
    case NodeKind::ListComp: return "list comprehension";
    case NodeKind::SetComp: return "set comprehension";
    case NodeKind::DictComp: return "dict comprehension";
    case NodeKind::GeneratorExp: return "generator expression";
    case NodeKind::Dict: return "dict literal";
    case NodeKind::Set: return "set display";
    case NodeKind::Compare: return "comparison";
    default: return "expression";
    }
  }

  // The value of an assignment, or what a `for` iterates: a lone `*x` is not one.
  Expr* notStarred(Expr* value) {
    if (value->is<Starred>()) error(value->range, "can't use starred expression here");
    return value;
  }

  Expr* lowerBareTuple(TSNode node, ExprContext ctx) {
    auto* tuple = make<Tuple>(node);
    tuple->ctx = ctx;
    std::vector<Expr*> elts;
    Children kids(*this, node);
    for (const Child& c : kids)
      if (c.named) elts.push_back(lowerExpr(c.node, ctx));
    tuple->elts = finish(elts, tuple);
    return tuple;
  }

  Expr* lowerExpr(TSNode node, ExprContext ctx = ExprContext::Load) {
    Nest nest(*this);
    if (tooDeep(node)) return make<ErrorExpr>(node);
    Sym sym = symOf(node);
    switch (sym) {
    case Sym::identifier: {
      if (ts_node_is_missing(node)) return make<ErrorExpr>(node);
      auto* name = make<NameExpr>(node);
      std::string_view text = textOf(node);
      name->id = intern(text);
      name->ctx = ctx;
      if (isHardKeyword(text)) keywordAsName(node, text);
      return name;
    }
    case Sym::integer:
    case Sym::float_: return lowerNumber(node);
    case Sym::true_:
    case Sym::false_: {
      auto* literal = make<BoolLiteral>(node);
      literal->value = sym == Sym::true_;
      return literal;
    }
    case Sym::none: return make<NoneLiteral>(node);
    case Sym::ellipsis: return make<EllipsisLiteral>(node);
    case Sym::string:
    case Sym::concatenated_string: return lowerString(node);
    case Sym::parenthesized_expression: {
      TSNode inner = namedChild(node, 0);
      if (ts_node_is_null(inner)) return missingExpr(node);
      return lowerExpr(inner, ctx);
    }
    case Sym::tuple:
    case Sym::list:
    case Sym::tuple_pattern:
    case Sym::list_pattern:
    case Sym::set: return lowerCollection(node, sym, ctx);
    case Sym::pattern_list:
    case Sym::expression_list: return lowerBareTuple(node, ctx);
    case Sym::list_splat:
    case Sym::list_splat_pattern:
    case Sym::parenthesized_list_splat: {
      if (sym == Sym::parenthesized_list_splat) {
        TSNode inner = namedChild(node, 0);
        return ts_node_is_null(inner) ? missingExpr(node) : lowerExpr(inner, ctx);
      }
      auto* starred = make<Starred>(node);
      TSNode inner = namedChild(node, 0);
      starred->value =
          adopt(ts_node_is_null(inner) ? missingExpr(node) : lowerExpr(inner, ctx), starred);
      return starred;
    }
    case Sym::dictionary: return lowerDict(node);
    case Sym::list_comprehension:
    case Sym::set_comprehension:
    case Sym::generator_expression:
    case Sym::dictionary_comprehension: return lowerComprehension(node, sym);
    case Sym::attribute: {
      auto* attribute = make<Attribute>(node);
      Children kids(*this, node);
      for (const Child& c : kids) {
        if (c.field == fields_.object)
          attribute->value = adopt(lowerExpr(c.node), attribute);
        else if (c.field == fields_.attribute && !ts_node_is_missing(c.node))
          attribute->attr = identifier(c.node);
      }
      if (!attribute->value) attribute->value = adopt(missingExpr(node), attribute);
      return hoistStar(attribute, attribute->value);
    }
    case Sym::subscript: {
      auto* subscript = make<Subscript>(node);
      std::vector<Expr*> items;
      Children kids(*this, node);
      TextRange bracket{};
      uint32_t lastComma = 0;
      for (const Child& c : kids) {
        if (c.field == fields_.value)
          subscript->value = adopt(lowerExpr(c.node), subscript);
        else if (c.field == fields_.subscript && c.named)
          items.push_back(lowerExpr(c.node));
        else if (c.sym == Sym::tk_comma)
          lastComma = rangeOf(c.node).end;
        else if (c.sym == Sym::tk_lbracket)
          bracket.start = rangeOf(c.node).end;
        else if (c.sym == Sym::tk_rbracket)
          bracket.end = rangeOf(c.node).start;
      }
      if (!subscript->value) subscript->value = adopt(missingExpr(node), subscript);
      if (items.empty()) error(rangeOf(node), "expected an index or slice inside '[]'");
      subscript->slice = adopt(sliceOf(items, lastComma, bracket), subscript);
      return hoistStar(subscript, subscript->value);
    }
    case Sym::slice: {
      auto* slice = make<Slice>(node);
      Children kids(*this, node);
      int colons = 0;
      for (const Child& c : kids) {
        if (c.sym == Sym::tk_colon) {
          ++colons;
        } else if (c.named) {
          Expr* value = adopt(lowerExpr(c.node), slice);
          if (colons == 0)
            slice->lower = value;
          else if (colons == 1)
            slice->upper = value;
          else
            slice->step = value;
        }
      }
      return slice;
    }
    case Sym::call: {
      auto* call = make<Call>(node);
      Children kids(*this, node);
      for (const Child& c : kids) {
        if (c.field == fields_.function) {
          call->func = adopt(lowerExpr(c.node), call);
        } else if (c.field == fields_.arguments) {
          call->argumentsRange = rangeOf(c.node);
          std::vector<Expr*> args;
          std::vector<Keyword*> keywords;
          if (c.sym == Sym::generator_expression) {
            soleGeneratorArgument_ = true;
            args.push_back(lowerExpr(c.node));
            soleGeneratorArgument_ = false;
          } else {
            lowerArguments(c.node, args, keywords);
          }
          call->args = finish(args, call);
          call->keywords = finish(keywords, call);
        }
      }
      if (!call->func) call->func = adopt(missingExpr(node), call);
      return hoistStar(call, call->func);
    }
    case Sym::binary_operator: return lowerBinaryRun(node);
    case Sym::unary_operator: {
      auto* unary = make<UnaryOp>(node);
      Children kids(*this, node);
      for (const Child& c : kids) {
        if (c.field == fields_.argument)
          unary->operand = adopt(lowerExpr(c.node), unary);
        else if (c.field == fields_.operator_) {
          unary->op = c.sym == Sym::tk_minus  ? UnaryOperator::USub
                      : c.sym == Sym::tk_plus ? UnaryOperator::UAdd
                                              : UnaryOperator::Invert;
        }
      }
      if (!unary->operand) unary->operand = adopt(missingExpr(node), unary);
      return unary;
    }
    case Sym::not_operator: {
      auto* unary = make<UnaryOp>(node);
      unary->op = UnaryOperator::Not;
      Children kids(*this, node);
      TSNode argument = kids.field(fields_.argument);
      unary->operand =
          adopt(ts_node_is_null(argument) ? missingExpr(node) : lowerExpr(argument), unary);
      return unary;
    }
    case Sym::boolean_operator: return lowerBoolean(node);
    case Sym::comparison_operator: return lowerComparison(node);
    case Sym::lambda: {
      auto* lambda = make<Lambda>(node);
      Children kids(*this, node);
      for (const Child& c : kids) {
        if (c.field == fields_.parameters)
          lambda->parameters = adopt(lowerParameters(c.node), lambda);
        else if (c.field == fields_.body)
          lambda->body = adopt(lowerExpr(c.node), lambda);
      }
      if (!lambda->parameters) {
        auto* empty = make<Parameters>(TextRange{lambda->range.start + 6, lambda->range.start + 6});
        lambda->parameters = adopt(empty, lambda);
      }
      if (!lambda->body) lambda->body = adopt(missingExpr(node), lambda);
      return lambda;
    }
    case Sym::conditional_expression: {
      auto* ifExp = make<IfExp>(node);
      Children kids(*this, node);
      int index = 0;
      for (const Child& c : kids) {
        if (!c.named) continue;
        Expr* value = adopt(lowerExpr(c.node), ifExp);
        if (index == 0)
          ifExp->body = value;
        else if (index == 1)
          ifExp->test = value;
        else
          ifExp->orelse = value;
        ++index;
      }
      if (!ifExp->body) ifExp->body = adopt(missingExpr(node), ifExp);
      if (!ifExp->test) ifExp->test = adopt(missingExpr(node), ifExp);
      if (!ifExp->orelse) ifExp->orelse = adopt(missingExpr(node), ifExp);
      return ifExp;
    }
    case Sym::named_expression: {
      auto* named = make<NamedExpr>(node);
      Children kids(*this, node);
      for (const Child& c : kids) {
        if (c.field == fields_.name)
          named->target = adopt(lowerExpr(c.node, ExprContext::Store), named);
        else if (c.field == fields_.value)
          named->value = adopt(lowerExpr(c.node), named);
      }
      if (!named->target) named->target = adopt(missingExpr(node), named);
      if (!named->value) named->value = adopt(missingExpr(node), named);
      return named;
    }
    case Sym::await: {
      auto* await = make<Await>(node);
      TSNode inner = namedChild(node, 0);
      await->value = adopt(ts_node_is_null(inner) ? missingExpr(node) : lowerExpr(inner), await);
      return await;
    }
    case Sym::yield: {
      Children kids(*this, node);
      bool from = kids.hasToken(Sym::tk_from);
      std::vector<Expr*> values;
      for (const Child& c : kids)
        if (c.named)
          values.push_back(c.sym == Sym::expression_list ? lowerBareTuple(c.node, ExprContext::Load)
                                                         : lowerExpr(c.node));
      if (from) {
        auto* yieldFrom = make<YieldFrom>(node);
        yieldFrom->value = adopt(values.empty() ? missingExpr(node) : values[0], yieldFrom);
        return yieldFrom;
      }
      auto* yield = make<Yield>(node);
      if (!values.empty()) yield->value = adopt(values[0], yield);
      return yield;
    }
    case Sym::type: return lowerType(node);
    case Sym::as_pattern: {
      error(rangeOf(node), "'as' is not allowed here");
      auto* broken = make<ErrorExpr>(node);
      std::vector<Expr*> children;
      Children kids(*this, node);
      for (const Child& c : kids)
        if (c.named && c.sym != Sym::as_pattern_target) children.push_back(lowerExpr(c.node));
      broken->children = finish(children, broken);
      return broken;
    }
    case Sym::keyword_argument: {
      // Only reached in recovery (e.g. `x[a=1]`).
      error(rangeOf(node), "keyword arguments are only allowed in calls");
      return lowerErrorExpr(node);
    }
    case Sym::dictionary_splat: {
      error(rangeOf(node), "'**' is not allowed here");
      return lowerErrorExpr(node);
    }
    case Sym::ERROR: return lowerErrorExpr(node);
    default: return lowerErrorExpr(node);
    }
  }

  // The grammar reads `*f(x)`, `*a.b` and `*t[0]` as a call, attribute or subscript of `*f`;
  // in Python the star applies to the whole primary. Rotates one level, Starred(f)(x) into
  // Starred(f(x)); lowering bottom-up rotates a whole chain. A parenthesised `(*a).b` keeps
  // its shape (and is an error elsewhere): its star does not start where the chain does.
  Expr* hoistStar(Expr* outer, Expr*& base) {
    auto* star = base ? base->as<Starred>() : nullptr;
    if (!star || star->range.start != outer->range.start || !star->value) return outer;
    Expr* inner = star->value;
    base = adopt(inner, outer);
    outer->range.start = inner->range.start;
    star->range.end = outer->range.end;
    star->value = adopt(outer, star);
    return star;
  }

  // Python's binding strength of a binary operator; `**` alone associates to the right.
  static int precedence(BinaryOperator op) {
    switch (op) {
    case BinaryOperator::BitOr: return 1;
    case BinaryOperator::BitXor: return 2;
    case BinaryOperator::BitAnd: return 3;
    case BinaryOperator::LShift:
    case BinaryOperator::RShift: return 4;
    case BinaryOperator::Add:
    case BinaryOperator::Sub: return 5;
    case BinaryOperator::Pow: return 7;
    default: return 6; // * @ / // %
    }
  }

  // A run of binary operators such as `a + b * c ^ d & e`, lowered without recursion along
  // the run and associated by Python's precedences. The grammar ranks `^` above `&` (Python:
  // | < ^ < & < << >> < + - < * @ / // % < **), and a long chain `a + a + ... + a` would
  // otherwise cost a stack frame per operator. The run's operands, read in source order, are
  // rebuilt into BinOps by precedence climbing; a BinOp spans its operands' source text,
  // brackets included, as in CPython.
  Expr* lowerBinaryRun(TSNode node) {
    std::vector<TSNode> operands; // a null node for a missing operand
    std::vector<BinaryOperator> operators;
    // In-order walk: an entry is a node to expand, or (with `isOperator`) an operator to emit.
    struct Entry {
      TSNode node;
      BinaryOperator op;
      bool isOperator;
    };
    std::vector<Entry> pending{{node, BinaryOperator::Add, false}};
    while (!pending.empty()) {
      Entry entry = pending.back();
      pending.pop_back();
      if (entry.isOperator) {
        operators.push_back(entry.op);
        continue;
      }
      if (ts_node_is_null(entry.node) || symOf(entry.node) != Sym::binary_operator) {
        operands.push_back(entry.node);
        continue;
      }
      TSNode left{}, right{};
      BinaryOperator op = BinaryOperator::Add;
      {
        Children kids(*this, entry.node);
        for (const Child& c : kids) {
          if (c.field == fields_.left)
            left = c.node;
          else if (c.field == fields_.right)
            right = c.node;
          else if (c.field == fields_.operator_)
            op = binaryOperator(c.sym);
        }
      }
      pending.push_back({right, op, false});
      pending.push_back({TSNode{}, op, true});
      pending.push_back({left, op, false});
    }
    struct Value {
      Expr* expr;
      TextRange outer; // with the brackets around it
    };
    std::vector<Value> values;
    std::vector<BinaryOperator> stack;
    auto operand = [&](size_t i) {
      TSNode n = operands[i];
      if (ts_node_is_null(n)) {
        uint32_t at = values.empty() ? rangeOf(node).start : values.back().outer.end;
        return Value{make<ErrorExpr>(TextRange{at, at}), TextRange{at, at}};
      }
      return Value{lowerExpr(n), rangeOf(n)};
    };
    auto reduce = [&] {
      Value right = values.back();
      values.pop_back();
      Value left = values.back();
      values.pop_back();
      TextRange range{left.outer.start, right.outer.end};
      auto* binary = make<BinOp>(range);
      binary->op = stack.back();
      stack.pop_back();
      binary->left = adopt(left.expr, binary);
      binary->right = adopt(right.expr, binary);
      values.push_back(Value{binary, range});
    };
    values.push_back(operand(0));
    for (size_t i = 0; i < operators.size(); ++i) {
      BinaryOperator op = operators[i];
      int p = precedence(op);
      while (!stack.empty() && (precedence(stack.back()) > p ||
                                (precedence(stack.back()) == p && op != BinaryOperator::Pow)))
        reduce();
      stack.push_back(op);
      values.push_back(operand(i + 1));
    }
    while (!stack.empty()) reduce();
    return values.back().expr;
  }

  static BinaryOperator binaryOperator(Sym sym) {
    switch (sym) {
    case Sym::tk_minus: return BinaryOperator::Sub;
    case Sym::tk_star: return BinaryOperator::Mult;
    case Sym::tk_at: return BinaryOperator::MatMult;
    case Sym::tk_slash: return BinaryOperator::Div;
    case Sym::tk_percent: return BinaryOperator::Mod;
    case Sym::tk_slashslash: return BinaryOperator::FloorDiv;
    case Sym::tk_starstar: return BinaryOperator::Pow;
    case Sym::tk_pipe: return BinaryOperator::BitOr;
    case Sym::tk_amp: return BinaryOperator::BitAnd;
    case Sym::tk_caret: return BinaryOperator::BitXor;
    case Sym::tk_lshift: return BinaryOperator::LShift;
    case Sym::tk_rshift: return BinaryOperator::RShift;
    default: return BinaryOperator::Add;
    }
  }

  // `a and b and c` is one BoolOp with three values; a parenthesised group stays apart.
  Expr* lowerBoolean(TSNode node) {
    auto* boolOp = make<BoolOp>(node);
    std::vector<Expr*> values;
    // Walk down the left spine iteratively: long chains must not deepen the stack.
    std::vector<TSNode> rights;
    TSNode current = node;
    Sym op = Sym::Other;
    while (true) {
      TSNode left{}, right{};
      Sym thisOp = Sym::Other;
      {
        Children kids(*this, current);
        for (const Child& c : kids) {
          if (c.field == fields_.left)
            left = c.node;
          else if (c.field == fields_.right)
            right = c.node;
          else if (c.field == fields_.operator_)
            thisOp = c.sym;
        }
      }
      if (op == Sym::Other) op = thisOp;
      rights.push_back(right);
      if (!ts_node_is_null(left) && symOf(left) == Sym::boolean_operator &&
          operatorOf(left) == op) {
        current = left;
        continue;
      }
      values.push_back(ts_node_is_null(left) ? missingExpr(current) : lowerExpr(left));
      break;
    }
    for (auto it = rights.rbegin(); it != rights.rend(); ++it)
      values.push_back(ts_node_is_null(*it) ? missingExpr(node) : lowerExpr(*it));
    boolOp->op = op == Sym::tk_or ? BoolOperator::Or : BoolOperator::And;
    boolOp->values = finish(values, boolOp);
    return boolOp;
  }

  Sym operatorOf(TSNode booleanOperator) {
    Children kids(*this, booleanOperator);
    for (const Child& c : kids)
      if (c.field == fields_.operator_) return c.sym;
    return Sym::Other;
  }

  Expr* lowerComparison(TSNode node) {
    auto* compare = make<Compare>(node);
    std::vector<CompareOperator> ops;
    std::vector<Expr*> comparators;
    Children kids(*this, node);
    for (const Child& c : kids) {
      if (c.field == fields_.operators) {
        CompareOperator op = CompareOperator::Eq;
        switch (c.sym) {
        case Sym::tk_lt: op = CompareOperator::Lt; break;
        case Sym::tk_le: op = CompareOperator::LtE; break;
        case Sym::tk_eqeq: op = CompareOperator::Eq; break;
        case Sym::tk_ne: op = CompareOperator::NotEq; break;
        case Sym::tk_ge: op = CompareOperator::GtE; break;
        case Sym::tk_gt: op = CompareOperator::Gt; break;
        case Sym::tk_in: op = CompareOperator::In; break;
        case Sym::tk_not_in: op = CompareOperator::NotIn; break;
        case Sym::tk_is: op = CompareOperator::Is; break;
        case Sym::tk_is_not: op = CompareOperator::IsNot; break;
        case Sym::tk_ltgt:
          op = CompareOperator::NotEq;
          error(rangeOf(c.node), "'<>' is not valid in Python 3; use '!='");
          break;
        default: break;
        }
        ops.push_back(op);
      } else if (c.named) {
        if (!compare->left)
          compare->left = adopt(lowerExpr(c.node), compare);
        else
          comparators.push_back(lowerExpr(c.node));
      }
    }
    if (!compare->left) compare->left = adopt(missingExpr(node), compare);
    while (comparators.size() < ops.size()) comparators.push_back(missingExpr(node));
    compare->ops = arena_.copy(ops);
    compare->comparators = finish(comparators, compare);
    return compare;
  }

  Expr* lowerCollection(TSNode node, Sym sym, ExprContext ctx) {
    std::vector<Expr*> elts;
    Children kids(*this, node);
    bool comma = false;
    for (const Child& c : kids) {
      if (c.sym == Sym::tk_comma)
        comma = true;
      else if (c.named && c.sym != Sym::ERROR)
        elts.push_back(lowerExpr(c.node, ctx));
      else if (c.sym == Sym::ERROR)
        elts.push_back(lowerErrorExpr(c.node));
    }
    // `(a)` in a target is a parenthesised name, not a tuple.
    if (sym == Sym::tuple_pattern && elts.size() == 1 && !comma) return elts[0];
    if (sym == Sym::set) {
      auto* set = make<Set>(node);
      set->elts = finish(elts, set);
      return set;
    }
    if (sym == Sym::list || sym == Sym::list_pattern) {
      auto* list = make<ListExpr>(node);
      list->ctx = ctx;
      list->elts = finish(elts, list);
      return list;
    }
    auto* tuple = make<Tuple>(node);
    tuple->ctx = ctx;
    tuple->parenthesized = true;
    tuple->elts = finish(elts, tuple);
    return tuple;
  }

  Expr* lowerDict(TSNode node) {
    auto* dict = make<Dict>(node);
    std::vector<Expr*> keys, values;
    Children kids(*this, node);
    for (const Child& c : kids) {
      if (c.sym == Sym::pair) {
        Children pair(*this, c.node);
        TSNode key = pair.field(fields_.key), value = pair.field(fields_.value);
        keys.push_back(ts_node_is_null(key) ? missingExpr(c.node) : lowerExpr(key));
        values.push_back(ts_node_is_null(value) ? missingExpr(c.node) : lowerExpr(value));
      } else if (c.sym == Sym::dictionary_splat) {
        TSNode inner = namedChild(c.node, 0);
        keys.push_back(nullptr);
        values.push_back(ts_node_is_null(inner) ? missingExpr(c.node) : lowerExpr(inner));
      } else if (c.sym == Sym::ERROR) {
        keys.push_back(nullptr);
        values.push_back(lowerErrorExpr(c.node));
      }
    }
    dict->keys = finish(keys, dict);
    dict->values = finish(values, dict);
    return dict;
  }

  Expr* lowerComprehension(TSNode node, Sym sym) {
    bool soleArgument = soleGeneratorArgument_;
    soleGeneratorArgument_ = false;
    std::vector<Comprehension*> generators;
    Expr* elt = nullptr;
    Expr* key = nullptr;
    Expr* value = nullptr;
    Children kids(*this, node);
    for (const Child& c : kids) {
      if (c.field == fields_.body) {
        if (sym == Sym::dictionary_comprehension && c.sym == Sym::pair) {
          Children pair(*this, c.node);
          TSNode k = pair.field(fields_.key), v = pair.field(fields_.value);
          key = ts_node_is_null(k) ? missingExpr(c.node) : lowerExpr(k);
          value = ts_node_is_null(v) ? missingExpr(c.node) : lowerExpr(v);
        } else {
          elt = lowerExpr(c.node);
        }
      } else if (c.sym == Sym::for_in_clause) {
        auto* comprehension = make<Comprehension>(c.node);
        Children clause(*this, c.node);
        std::vector<Expr*> iters;
        bool trailingComma = false;
        for (const Child& part : clause) {
          if (part.sym == Sym::tk_async)
            comprehension->isAsync = true;
          else if (part.field == fields_.left)
            comprehension->target = adopt(lowerTarget(part.node), comprehension);
          else if (part.field == fields_.right)
            iters.push_back(lowerExpr(part.node)), trailingComma = false;
          else if (part.sym == Sym::tk_comma && !iters.empty())
            trailingComma = true;
        }
        if (iters.size() == 1 && !trailingComma) {
          comprehension->iter = adopt(iters[0], comprehension);
        } else if (!iters.empty()) {
          // `f(x for x in a, b)` reads as a generator over `a, b`; Python sees two arguments.
          error(TextRange{iters.front()->range.start, iters.back()->range.end},
                soleArgument ? "a generator expression must be in parentheses when it is not "
                               "the only argument"
                             : "a comprehension's iterable must be in parentheses when it is a "
                               "tuple");
          auto* tuple = make<Tuple>(TextRange{iters.front()->range.start, iters.back()->range.end});
          tuple->elts = finish(iters, tuple);
          comprehension->iter = adopt(static_cast<Expr*>(tuple), comprehension);
        }
        if (!comprehension->target)
          comprehension->target = adopt(missingExpr(c.node), comprehension);
        if (!comprehension->iter) comprehension->iter = adopt(missingExpr(c.node), comprehension);
        generators.push_back(comprehension);
      } else if (c.sym == Sym::if_clause) {
        TSNode condition = namedChild(c.node, 0);
        Expr* test = ts_node_is_null(condition) ? missingExpr(c.node) : lowerExpr(condition);
        if (!generators.empty()) {
          Comprehension* last = generators.back();
          std::vector<Expr*> ifs(last->ifs.begin(), last->ifs.end());
          ifs.push_back(test);
          last->ifs = finish(ifs, last);
        }
      }
    }
    Expr* result;
    switch (sym) {
    case Sym::list_comprehension: {
      auto* comp = make<ListComp>(node);
      comp->elt = adopt(elt ? elt : missingExpr(node), comp);
      comp->generators = finish(generators, comp);
      result = comp;
      break;
    }
    case Sym::set_comprehension: {
      auto* comp = make<SetComp>(node);
      comp->elt = adopt(elt ? elt : missingExpr(node), comp);
      comp->generators = finish(generators, comp);
      result = comp;
      break;
    }
    case Sym::dictionary_comprehension: {
      auto* comp = make<DictComp>(node);
      comp->key = adopt(key ? key : missingExpr(node), comp);
      comp->value = adopt(value ? value : missingExpr(node), comp);
      comp->generators = finish(generators, comp);
      result = comp;
      break;
    }
    default: {
      auto* comp = make<GeneratorExp>(node);
      comp->elt = adopt(elt ? elt : missingExpr(node), comp);
      comp->generators = finish(generators, comp);
      result = comp;
      break;
    }
    }
    return result;
  }

  Expr* lowerNumber(TSNode node) {
    std::string_view text = textOf(node);
    NumberValue number = parseNumber(text);
    if (!number.problem.empty()) {
      error(rangeOf(node), std::string(number.problem));
    } else if (text.find('_') != std::string_view::npos) {
      // tree-sitter's number token takes `1_` and `1__0`; CPython does not.
      std::string problem = numberLiteralProblem(text);
      if (!problem.empty()) error(rangeOf(node), problem);
    }
    switch (number.kind) {
    case NumberKind::Int: {
      auto* literal = make<IntLiteral>(node);
      literal->value = number.intValue;
      literal->fitsInt64 = number.fitsInt64;
      if (!number.fitsInt64) literal->text = arena_.copyString(text);
      return literal;
    }
    case NumberKind::Float: {
      auto* literal = make<FloatLiteral>(node);
      literal->value = number.floatValue;
      return literal;
    }
    case NumberKind::Imaginary: {
      auto* literal = make<ImaginaryLiteral>(node);
      literal->value = number.floatValue;
      return literal;
    }
    case NumberKind::Invalid: break;
    }
    error(rangeOf(node), "invalid number literal '" + std::string(text) + "'");
    return make<ErrorExpr>(node);
  }

  // ---- strings -------------------------------------------------------------------------------

  // A string or an implicit concatenation. Plain parts join into one StringLiteral/
  // BytesLiteral; any f-string part makes the whole an FString.
  Expr* lowerString(TSNode node) {
    std::vector<StringPart> parts;
    if (symOf(node) == Sym::concatenated_string) {
      Children kids(*this, node);
      for (const Child& c : kids)
        if (c.sym == Sym::string) parts.push_back(readStringPart(c.node));
    } else {
      parts.push_back(readStringPart(node));
    }
    bool anyFormatted = false, anyBytes = false, anyText = false;
    for (const StringPart& part : parts) {
      if (!part.opening.empty() && part.opening.back() == '`')
        error(rangeOf(part.node), "backticks are not valid in Python 3; use repr()");
      anyFormatted |= part.prefix.formatted || part.prefix.template_;
      (part.prefix.bytes ? anyBytes : anyText) = true;
    }
    if (anyBytes && anyText) error(rangeOf(node), "cannot mix bytes and nonbytes literals");
    if (anyFormatted) return lowerFString(node, parts);

    std::string& value = stringScratch_;
    value.clear();
    uint8_t flags = parts.size() > 1 ? StringConcatenated : 0;
    TextRange contentRange{};
    for (const StringPart& partInfo : parts) {
      TSNode part = partInfo.node;
      const StringPrefix& prefix = partInfo.prefix;
      if (prefix.raw) flags |= StringRaw;
      if (prefix.unicode) flags |= StringUnicodePrefix;
      if (partInfo.quote == 3) flags |= StringTripleQuoted;
      TextRange content = partInfo.content;
      std::string newlines;
      std::string_view raw =
          withLineFeeds(text_.substr(content.start - shift_, content.length()), newlines);
      size_t before = value.size();
      if (prefix.raw) {
        value.append(raw);
      } else {
        decodeStringContent(raw, prefix.bytes, value);
      }
      if (value.size() - before != raw.size() || value.compare(before, raw.size(), raw) != 0)
        flags |= StringHasEscapes;
      if (parts.size() == 1) contentRange = content;
      if (prefix.bytes) {
        for (char c : raw) {
          if (static_cast<unsigned char>(c) >= 0x80) {
            error(rangeOf(part), "bytes can only contain ASCII literal characters");
            break;
          }
        }
      }
    }
    if (anyBytes) {
      auto* literal = make<BytesLiteral>(node);
      literal->value = arena_.copyString(value);
      literal->flags = flags;
      return literal;
    }
    auto* literal = make<StringLiteral>(node);
    literal->value = arena_.copyString(value);
    literal->flags = flags;
    literal->contentRange = contentRange;
    return literal;
  }

  // A literal's line breaks are `\n` in its value, however the file ends its lines (CPython
  // reads source with universal newlines). Returns `text` itself when it has no CR.
  static std::string_view withLineFeeds(std::string_view text, std::string& storage) {
    if (text.find('\r') == std::string_view::npos) return text;
    storage.clear();
    storage.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] != '\r') {
        storage.push_back(text[i]);
      } else {
        storage.push_back('\n');
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      }
    }
    return storage;
  }

  // One part of a string (a `string` node): its opening token (`f'''`), prefix, quote length
  // and the range between its quotes.
  struct StringPart {
    TSNode node;
    std::string_view opening;
    StringPrefix prefix;
    uint32_t quote = 1;
    TextRange content;
  };

  // Reads a string part from one walk over its children (ts_node_child(i) walks from the first
  // child on every call). The closing quote is measured from the end: the grammar's scanner
  // folds a raw string's trailing backslashes (`r'\\'`) into its string_end token.
  StringPart readStringPart(TSNode string) {
    StringPart part{string, {}, {}, 1, {}};
    TSNode last{};
    TSTreeCursor& cursor = scratchCursor(string);
    if (ts_tree_cursor_goto_first_child(&cursor)) {
      last = ts_tree_cursor_current_node(&cursor);
      part.opening = textOf(last);
      while (ts_tree_cursor_goto_next_sibling(&cursor)) last = ts_tree_cursor_current_node(&cursor);
    }
    part.prefix = parseStringPrefix(part.opening, part.quote);
    TextRange whole = rangeOf(string);
    uint32_t end = whole.end;
    if (!ts_node_is_null(last) && symOf(last) == Sym::string_end && !ts_node_is_missing(last)) {
      TextRange closing = rangeOf(last);
      end = closing.length() >= part.quote ? closing.end - part.quote : closing.start;
    }
    uint32_t start =
        std::min<uint32_t>(whole.start + static_cast<uint32_t>(part.opening.size()), end);
    part.content = TextRange{start, end};
    return part;
  }

  // A cursor for leaf helpers that do not recurse into the lowering, reset to `node`.
  TSTreeCursor& scratchCursor(TSNode node) {
    if (!scratchCursorMade_) {
      scratchCursor_ = ts_tree_cursor_new(node);
      scratchCursorMade_ = true;
    } else {
      ts_tree_cursor_reset(&scratchCursor_, node);
    }
    return scratchCursor_;
  }

  Expr* lowerFString(TSNode node, const std::vector<StringPart>& parts) {
    auto* fstring = make<FString>(node);
    std::vector<Expr*> values;
    std::string pending;
    TextRange pendingRange{};
    auto flush = [&] {
      if (pending.empty()) return;
      auto* literal = make<StringLiteral>(pendingRange);
      literal->value = arena_.copyString(pending);
      values.push_back(literal);
      pending.clear();
    };
    for (const StringPart& partInfo : parts) {
      TSNode part = partInfo.node;
      const StringPrefix& prefix = partInfo.prefix;
      TextRange content = partInfo.content;
      if (!prefix.formatted && !prefix.template_) {
        std::string newlines;
        std::string_view raw =
            withLineFeeds(text_.substr(content.start - shift_, content.length()), newlines);
        if (pending.empty()) pendingRange = content;
        pendingRange.end = content.end;
        if (prefix.raw)
          pending.append(raw);
        else
          decodeStringContent(raw, false, pending);
        continue;
      }
      appendFStringPieces(part, prefix.raw, content, values, pending, pendingRange, flush);
    }
    flush();
    fstring->values = finish(values, fstring);
    return fstring;
  }

  template <class Flush>
  void appendFStringPieces(TSNode part, bool raw, TextRange content, std::vector<Expr*>& values,
                           std::string& pending, TextRange& pendingRange, Flush& flush) {
    // Literal text is whatever lies between interpolations inside the quotes.
    uint32_t cursor = content.start;
    auto takeText = [&](uint32_t upTo) {
      if (upTo <= cursor) return;
      std::string_view piece = text_.substr(cursor - shift_, upTo - cursor);
      if (pending.empty()) pendingRange = TextRange{cursor, upTo};
      pendingRange.end = upTo;
      appendFStringText(piece, raw, pending);
    };
    bool outerRaw = fstringRaw_;
    fstringRaw_ = raw;
    Children kids(*this, part);
    for (const Child& c : kids) {
      if (c.sym != Sym::interpolation) continue;
      TextRange range = rangeOf(c.node);
      takeText(range.start);
      TextRange debugText{};
      FormattedValue* value = lowerInterpolation(c.node, &debugText);
      if (debugText.length() > 0) {
        if (pending.empty()) pendingRange = debugText;
        pendingRange.end = debugText.end;
        pending.append(text_.substr(debugText.start - shift_, debugText.length()));
      }
      flush();
      values.push_back(value);
      cursor = range.end;
    }
    takeText(content.end);
    fstringRaw_ = outerRaw;
  }

  // The value of literal text inside an f-string: `{{` and `}}` stand for single braces, and
  // escapes are decoded unless the string is raw.
  static void appendFStringText(std::string_view original, bool raw, std::string& out) {
    std::string newlines;
    std::string_view piece = withLineFeeds(original, newlines);
    std::string collapsed;
    collapsed.reserve(piece.size());
    for (size_t i = 0; i < piece.size(); ++i) {
      collapsed.push_back(piece[i]);
      if ((piece[i] == '{' || piece[i] == '}') && i + 1 < piece.size() && piece[i + 1] == piece[i])
        ++i;
    }
    if (raw)
      out.append(collapsed);
    else
      decodeStringContent(collapsed, false, out);
  }

  // `{value!r:spec}`. For a debug field `{x = }` CPython keeps the text `x = ` as a literal
  // before the value, and converts with repr() unless a conversion or spec says otherwise:
  // `debugText` receives that text's range.
  FormattedValue* lowerInterpolation(TSNode node, TextRange* debugText = nullptr) {
    auto* formatted = make<FormattedValue>(node);
    Children kids(*this, node);
    bool afterEqual = false;
    for (const Child& c : kids) {
      if (afterEqual) {
        afterEqual = false;
        if (debugText && kids.size() > 0)
          *debugText = TextRange{rangeOf(kids[0].node).end, rangeOf(c.node).start};
      }
      if (c.field == fields_.expression) {
        Expr* value = (c.sym == Sym::expression_list || c.sym == Sym::pattern_list)
                          ? lowerBareTuple(c.node, ExprContext::Load)
                          : lowerExpr(c.node);
        formatted->value = adopt(value, formatted);
      } else if (c.sym == Sym::tk_equal) {
        formatted->isDebug = true;
        afterEqual = true;
      } else if (c.field == fields_.type_conversion) {
        std::string_view conversion = textOf(c.node);
        formatted->conversion = conversion.size() >= 2 ? conversion[1] : 0;
        if (formatted->conversion != 's' && formatted->conversion != 'r' &&
            formatted->conversion != 'a') {
          error(rangeOf(c.node),
                "f-string: invalid conversion character: expected 's', 'r', or 'a'");
        }
      } else if (c.field == fields_.format_specifier) {
        formatted->formatSpec = adopt(lowerFormatSpec(c.node), formatted);
      }
    }
    if (!formatted->value) {
      error(rangeOf(node), "f-string: valid expression required before '}'");
      formatted->value = adopt(missingExpr(node), formatted);
    }
    if (formatted->isDebug && !formatted->conversion && !formatted->formatSpec)
      formatted->conversion = 'r';
    return formatted;
  }

  FString* lowerFormatSpec(TSNode node) {
    auto* spec = make<FString>(node);
    std::vector<Expr*> values;
    TextRange range = rangeOf(node);
    uint32_t cursor = range.start + 1; // after ':'
    auto takeText = [&](uint32_t upTo) {
      if (upTo <= cursor) return;
      auto* literal = make<StringLiteral>(TextRange{cursor, upTo});
      std::string value;
      appendFStringText(text_.substr(cursor - shift_, upTo - cursor), fstringRaw_, value);
      literal->value = arena_.copyString(value);
      values.push_back(literal);
    };
    Children kids(*this, node);
    for (const Child& c : kids) {
      if (c.sym != Sym::format_expression && c.sym != Sym::interpolation) continue;
      TextRange inner = rangeOf(c.node);
      takeText(inner.start);
      values.push_back(lowerInterpolation(c.node));
      cursor = inner.end;
    }
    takeText(range.end);
    spec->values = finish(values, spec);
    return spec;
  }

  // ---- error recovery ------------------------------------------------------------------------

  // An ERROR node in statement position: statements inside it are kept (so their names are
  // still defined), and complete expressions are kept for name resolution.
  void lowerErrorStatement(TSNode node, std::vector<Stmt*>& out) {
    auto* stmt = make<ErrorStmt>(node);
    std::vector<Expr*> children;
    std::vector<Stmt*> statements;
    collectErrorPieces(node, children, statements);
    stmt->children = finish(children, stmt);
    out.push_back(stmt);
    for (Stmt* s : statements) out.push_back(s);
  }

  Expr* lowerErrorExpr(TSNode node) {
    auto* expr = make<ErrorExpr>(node);
    std::vector<Expr*> children;
    std::vector<Stmt*> statements; // statements inside an expression error are dropped
    collectErrorPieces(node, children, statements);
    expr->children = finish(children, expr);
    return expr;
  }

  void collectErrorPieces(TSNode node, std::vector<Expr*>& children,
                          std::vector<Stmt*>& statements) {
    Nest nest(*this);
    if (tooDeep(node)) return;
    Children kids(*this, node);
    for (const Child& c : kids) {
      if (!c.named) continue;
      switch (c.sym) {
      case Sym::ERROR: collectErrorPieces(c.node, children, statements); break;
      // Bare names inside broken text are often half-typed keywords or the name of a broken
      // def; resolving them would only add noise to the syntax error.
      case Sym::identifier:
      case Sym::dotted_name:
      case Sym::block: break;
      case Sym::expression_statement:
      case Sym::return_statement:
      case Sym::delete_statement:
      case Sym::raise_statement:
      case Sym::pass_statement:
      case Sym::break_statement:
      case Sym::continue_statement:
      case Sym::global_statement:
      case Sym::nonlocal_statement:
      case Sym::assert_statement:
      case Sym::import_statement:
      case Sym::import_from_statement:
      case Sym::future_import_statement:
      case Sym::if_statement:
      case Sym::for_statement:
      case Sym::while_statement:
      case Sym::try_statement:
      case Sym::with_statement:
      case Sym::function_definition:
      case Sym::class_definition:
      case Sym::decorated_definition:
      case Sym::match_statement:
      case Sym::type_alias_statement:
      case Sym::print_statement:
      case Sym::exec_statement: lowerStatementInto(c.node, c.sym, statements); break;
      default:
        if (isExpressionSym(c.sym)) children.push_back(lowerExpr(c.node));
        break;
      }
    }
  }

  static bool isExpressionSym(Sym sym) {
    switch (sym) {
    case Sym::call:
    case Sym::attribute:
    case Sym::subscript:
    case Sym::binary_operator:
    case Sym::unary_operator:
    case Sym::not_operator:
    case Sym::boolean_operator:
    case Sym::comparison_operator:
    case Sym::conditional_expression:
    case Sym::lambda:
    case Sym::list:
    case Sym::tuple:
    case Sym::set:
    case Sym::dictionary:
    case Sym::list_comprehension:
    case Sym::set_comprehension:
    case Sym::dictionary_comprehension:
    case Sym::generator_expression:
    case Sym::parenthesized_expression:
    case Sym::await:
    case Sym::named_expression: return true;
    default: return false;
    }
  }

  std::string_view text_;
  Arena& arena_;
  std::vector<SyntaxError>& errors_;
  std::vector<Comment>* comments_ = nullptr;
  int64_t shift_;
  const TreeFields& fields_;
  uint32_t level_ = 0;      // Children buffers in use
  uint32_t depth_ = 0;      // recursion, see Nest
  uint32_t blockDepth_ = 0; // nested blocks (indentation levels)
  bool reportedDepth_ = false;
  bool fstringRaw_ = false;                // inside a raw f-string (for the text of format specs)
  bool soleGeneratorArgument_ = false;     // the next comprehension is `f(x for x in y)`
  std::vector<TextRange> recovered_;       // text the lowering read itself (see recovered())
  std::vector<uint32_t> lineStarts_;       // see lineOfOffset
  uint32_t currentStatement_ = UINT32_MAX; // start of the statement being lowered
  uint32_t keywordErrorIn_ = UINT32_MAX;   // the statement a keyword error was reported in
  std::vector<std::vector<Child>> buffers_;
  std::vector<TSTreeCursor> cursors_;
  TSTreeCursor scratchCursor_{}; // see scratchCursor()
  bool scratchCursorMade_ = false;
  std::string stringScratch_; // a plain string's value while it is decoded
};

} // namespace

namespace {

// What CPython refuses before it tokenizes: an encoding it does not know, a byte-order mark
// with a declaration of another encoding, and bytes that are not UTF-8 when UTF-8 is the
// encoding. (SourceText::fromFileBytes has already decoded the encodings Shrike knows.)
void checkEncoding(const SourceText& text, std::vector<SyntaxError>& errors) {
  auto declaration = findCodingDeclaration(text.text());
  SourceCharset charset = declaration ? classifyEncoding(declaration->name) : SourceCharset::Utf8;
  if (declaration) {
    TextRange at{declaration->offset, declaration->offset + declaration->length};
    if (charset == SourceCharset::Unknown) {
      errors.push_back(SyntaxError{at, "unknown encoding: " + declaration->name});
      return;
    }
    // With a byte-order mark CPython insists on the spelling `utf-8` (any case, `_` for `-`).
    std::string spelled;
    for (char c : declaration->name)
      spelled.push_back(c == '_' ? '-'
                                 : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (text.hadByteOrderMark() && spelled != "utf-8" && spelled.rfind("utf-8-", 0) != 0) {
      errors.push_back(SyntaxError{at, "encoding problem: " + declaration->name +
                                           " with a UTF-8 byte-order mark"});
      return;
    }
  }
  if (text.hadInvalidUtf8() && charset == SourceCharset::Utf8) {
    uint32_t at = text.firstInvalidUtf8Offset();
    errors.push_back(SyntaxError{TextRange{at, at + 1},
                                 "this file is not valid UTF-8; save it as UTF-8 or declare its "
                                 "encoding with a '# -*- coding: ... -*-' comment (PEP 263)"});
  }
}

} // namespace

Ast lowerTree(const SourceText& text, const TSTree* tree) {
  Ast ast;
  Lowering lowering(text.text(), ast.arena, ast.syntaxErrors, 0);
  TSNode root = ts_tree_root_node(tree);
  ast.module = lowering.lowerModule(root, &ast.comments);
  checkEncoding(text, ast.syntaxErrors);
  std::vector<SyntaxError> treeErrors;
  collectSyntaxErrors(text, tree, treeErrors);
  for (SyntaxError& e : treeErrors)
    if (!lowering.recovered(e.range.start)) ast.syntaxErrors.push_back(std::move(e));
  checkIndentationConsistency(text, tree, ast.syntaxErrors);
  sortSyntaxErrors(text, ast.syntaxErrors);
  return ast;
}

Ast parseModule(const SourceText& text) {
  TreePtr tree = TreeSitterParser::threadLocal().parse(text.text());
  return lowerTree(text, tree.get());
}

Expr* parseExpression(Arena& arena, std::string_view expression, uint32_t baseOffset,
                      std::vector<SyntaxError>& errors) {
  // Wrapped in parentheses, so that line breaks inside are allowed, as Python does for
  // string annotations; the newline keeps a trailing comment from eating the ')'.
  std::string wrapped;
  wrapped.reserve(expression.size() + 3);
  wrapped.push_back('(');
  wrapped.append(expression);
  wrapped.append("\n)");
  SourceText source(wrapped);
  TreePtr tree = TreeSitterParser::threadLocal().parse(source.text());
  int64_t shift = static_cast<int64_t>(baseOffset) - 1;
  Lowering lowering(source.text(), arena, errors, shift);
  std::vector<SyntaxError> local;
  collectSyntaxErrors(source, tree.get(), local);
  TSNode root = ts_tree_root_node(tree.get());
  Expr* result = lowering.lowerStandaloneExpression(root);
  for (SyntaxError& e : local) {
    auto clampShift = [&](uint32_t offset) {
      int64_t shifted = static_cast<int64_t>(offset) + shift;
      int64_t low = baseOffset,
              high = static_cast<int64_t>(baseOffset) + static_cast<int64_t>(expression.size());
      return static_cast<uint32_t>(std::clamp(shifted, low, high));
    };
    errors.push_back(
        SyntaxError{TextRange{clampShift(e.range.start), clampShift(e.range.end)}, e.message});
  }
  if (!local.empty() && !result->is<ErrorExpr>()) {
    // Keep the partial tree, but mark that it came from broken text.
  }
  return result;
}

} // namespace shrike::parser
