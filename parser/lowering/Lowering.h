// Lowering: the walk from a tree-sitter tree to the Ast, shared by the files of parser/lowering.
//
// Internal to the parser (parser/AstLowering.h is the interface). One class whose methods are
// split by what they lower: Statements.cpp and CompoundStatements.cpp, Expressions.cpp,
// Parameters.cpp (parameters and call arguments), Annotations.cpp (annotations and type
// parameters), Patterns.cpp (match patterns), Strings.cpp (literals and f-strings) and
// ErrorRecovery.cpp (ERROR nodes). The plumbing they all use on every node is inline here.
#pragma once

#include <algorithm>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include <tree_sitter/api.h>

#include "parser/Ast.h"
#include "parser/AstLowering.h"
#include "parser/Literals.h"
#include "parser/StructuralFields.h"
#include "parser/SyntaxChecks.h"
#include "parser/TreeSymbols.h"
#include "parser/lowering/ReusableStatements.h"

namespace shrike::parser {

class Lowering {
public:
  Lowering(std::string_view text, Arena& arena, std::vector<SyntaxError>& errors, int64_t shift)
      : text_(text), arena_(arena), errors_(errors), shift_(shift), fields_(treeFields()) {}

  ~Lowering() {
    for (auto& cursor : cursors_) ts_tree_cursor_delete(&cursor);
    if (scratchCursorMade_) ts_tree_cursor_delete(&scratchCursor_);
  }

  Module* lowerModule(TSNode root, std::vector<Comment>* comments);

  // Records the statements lowered into `recording` (see ReusableStatements.h), and copies
  // those of `previous` (lowered into `previousComments`' Ast) that the tree still holds.
  // `previous` may be null.
  void reuseStatements(ReusableStatements* recording, const ReusableStatements* previous,
                       const std::vector<Comment>* previousComments);

  // Whether a tree-sitter error at `offset` lies in text the lowering read by other means
  // (a PEP 696 type parameter list), so the error does not apply.
  bool recovered(uint32_t offset) const {
    for (TextRange range : recovered_)
      if (range.contains(offset)) return true;
    return false;
  }

  Expr* lowerStandaloneExpression(TSNode root);

private:
  // CPython's tokenizer keeps 100 indentation columns, the first for column 0: a block at the
  // 100th level of indentation is too deep (99 levels compile).
  static constexpr uint32_t maxIndentationLevels = 100;

  // A child of a node as Children gathers it.
  struct Child {
    TSNode node;
    TSFieldId field;
    Sym sym;
    bool named;
  };

  // ---- plumbing -------------------------------------------------------------------------------

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

  // A node's bytes in the parsed text, asked of the runtime once for both uses below.
  struct Span {
    uint32_t start, end;
  };
  static Span spanOf(TSNode node) { return Span{ts_node_start_byte(node), ts_node_end_byte(node)}; }

  TextRange rangeOf(Span span) const {
    auto start = static_cast<int64_t>(span.start) + shift_;
    auto end = static_cast<int64_t>(span.end) + shift_;
    if (start < 0) start = 0;
    if (end < start) end = start;
    return TextRange{static_cast<uint32_t>(start), static_cast<uint32_t>(end)};
  }
  TextRange rangeOf(TSNode node) const { return rangeOf(spanOf(node)); }

  std::string_view textOf(Span span) const {
    if (span.start > text_.size()) return {};
    uint32_t end = std::min<uint32_t>(span.end, static_cast<uint32_t>(text_.size()));
    return text_.substr(span.start, end - span.start);
  }
  std::string_view textOf(TSNode node) const { return textOf(spanOf(node)); }

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
    Span span = spanOf(node);
    std::string_view text = textOf(span);
    if (isHardKeyword(text)) keywordAsName(node, text);
    return Identifier{intern(text), rangeOf(span)};
  }

  // tree-sitter reads a keyword where it expects no statement as a name (`else = 1`, and
  // `else: pass` after a `try` without a handler). One such error per statement: the rest of
  // a misread statement is usually misread too.
  void keywordAsName(TSNode node, std::string_view text) {
    if (keywordErrorIn_ == currentStatement_ && currentStatement_ != UINT32_MAX) {
      ++heldBackErrors_; // a statement that holds one back depends on what came before it
      return;
    }
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

  // Up to this many children, Children reads a node's children by index instead of with a
  // cursor (ts_node_child walks from the first child on every call).
  static constexpr uint32_t fewChildren = 4;

  // Collects the children of one node for Children, in order: comments go to the module's list
  // instead, and each child gets its field, from the runtime or from StructuralFields.
  struct Gatherer {
    Lowering& lowering;
    std::vector<Child>& buffer;
    Sym parent;
    bool structural;
    TSFieldId pendingField = 0;
    uint32_t position = 0;
    Sym previous = Sym::Other;

    void add(TSNode child, SymbolInfo info, TSFieldId field) {
      Sym sym = info.sym;
      if (sym == Sym::comment || sym == Sym::line_continuation) {
        if (sym == Sym::comment && lowering.comments_)
          lowering.comments_->push_back(Comment{lowering.rangeOf(child)});
        // The runtime can hang a field on an extra that stands where the field's node was
        // expected (`a or # note\n b`); the field belongs to the next real child.
        if (field) pendingField = field;
        return;
      }
      if (structural) field = structuralField(parent, position, info, previous, lowering.fields_);
      if (!field && pendingField) field = pendingField;
      pendingField = 0;
      ++position;
      previous = sym;
      buffer.push_back(Child{child, field, sym, info.named});
    }
  };

  // The children of a node, gathered into a buffer private to the current depth; valid until
  // the next call at the same depth. Deeper calls use deeper buffers.
  class Children {
  public:
    Children(Lowering& lowering, TSNode node) : Children(lowering, node, symOf(node)) {}
    // For a node whose type the caller knows.
    Children(Lowering& lowering, TSNode node, Sym sym)
        : Children(lowering, node, sym, fieldUseOf(sym)) {}
    // `fieldUse` None for a caller that reads no field of the children (a block's statements).
    Children(Lowering& lowering, TSNode node, Sym sym, FieldUse fieldUse) : lowering_(lowering) {
      uint32_t level = lowering.level_++;
      if (lowering.buffers_.size() <= level) lowering.buffers_.resize(level + 1);
      auto& buffer = lowering.buffers_[level];
      buffer.clear();
      // An error-free node of a type whose fields follow from its children's order needs no
      // field from the runtime (StructuralFields.h).
      bool structural =
          fieldUse != FieldUse::None && hasStructuralFields(sym) && !ts_node_has_error(node);
      Gatherer gather{lowering, buffer, sym, structural};
      uint32_t count = ts_node_child_count(node);
      if (count <= fewChildren && (fieldUse == FieldUse::None || structural)) {
        // A node of a few children is cheaper to read child by child than with a cursor
        // (goto_next_sibling re-reads the parent's production on every step), as long as no
        // field is asked of the runtime.
        for (uint32_t i = 0; i < count; ++i) {
          TSNode child = ts_node_child(node, i);
          gather.add(child, symbolInfoOf(child), 0);
        }
      } else {
        while (lowering.cursors_.size() <= level)
          lowering.cursors_.push_back(ts_tree_cursor_new(node));
        TSTreeCursor& cursor = lowering.cursors_[level];
        ts_tree_cursor_reset(&cursor, node);
        if (structural) fieldUse = FieldUse::None;
        if (ts_tree_cursor_goto_first_child(&cursor)) {
          do {
            TSNode child = ts_tree_cursor_current_node(&cursor);
            SymbolInfo info = symbolInfoOf(child);
            TSFieldId field = 0;
            if (fieldUse == FieldUse::All || (fieldUse == FieldUse::Named && info.named))
              field = ts_tree_cursor_current_field_id(&cursor);
            gather.add(child, info, field);
          } while (ts_tree_cursor_goto_next_sibling(&cursor));
        }
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

  // ---- statements (Statements.cpp, CompoundStatements.cpp) ------------------------------------

  // Lowers the statements directly under `node` (a module or block), flattening anything that
  // error recovery wrapped around them.
  void lowerStatementsOf(TSNode node, std::vector<Stmt*>& out);

  // A compound statement's block. Python requires a statement in it, indented; tree-sitter
  // accepts an empty block (`if x:` followed by a line that is not indented).
  void lowerBody(TSNode block, std::vector<Stmt*>& body, TSNode header, const char* what);

  // The 0-based line of an offset of the parsed text (for messages; the index of line starts
  // is built on first use).
  uint32_t lineOfOffset(uint32_t offset);

  // Reports a line break inside the statement (or a compound statement's header) that only
  // tree-sitter, not Python, reads as whitespace (see LineBreaks.h).
  void checkLineBreaks(TSNode node);

  // The same for a compound statement or clause whose children `kids` are gathered: its
  // header is measured from them instead of from a second walk over the node.
  void checkHeaderLineBreaks(TSNode node, const Children& kids);

  void reportJoinedLine(TSNode node, uint32_t limit);

  // A child that starts a compound statement's block (where its header ends).
  static bool startsBlock(Sym sym) {
    return sym == Sym::block || sym == Sym::elif_clause || sym == Sym::else_clause ||
           sym == Sym::except_clause || sym == Sym::except_group_clause ||
           sym == Sym::finally_clause || sym == Sym::case_clause;
  }

  // The statements of one line (unless brackets or backslashes join more), which hold no block.
  static bool isSimpleStatement(Sym sym) {
    switch (sym) {
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
    case Sym::print_statement:
    case Sym::exec_statement:
    case Sym::type_alias_statement: return true;
    default: return false;
    }
  }

  // The statements whose lowering calls checkHeaderLineBreaks itself.
  static bool checksOwnHeader(Sym sym) {
    switch (sym) {
    case Sym::if_statement:
    case Sym::for_statement:
    case Sym::while_statement:
    case Sym::try_statement:
    case Sym::with_statement:
    case Sym::function_definition:
    case Sym::class_definition:
    case Sym::match_statement: return true;
    default: return false;
    }
  }

  // Lowers one statement (or a block, or an ERROR) into `out`: copied from the previous Ast
  // when it can be (see reuseStatements), else lowered and, when it can be copied next time,
  // recorded.
  void lowerStatementInto(TSNode node, Sym sym, std::vector<Stmt*>& out);

  void lowerStatementFresh(TSNode node, Sym sym, std::vector<Stmt*>& out);

  // Copies the previous Ast's statement for this node into `out`; false when there is none.
  bool copyPreviousStatement(TSNode node, std::vector<Stmt*>& out);

  void recordStatement(TSNode node, const Stmt* const* outputs, size_t outputCount,
                       size_t firstComment, uint32_t blockDepth, uint32_t depth);

  Stmt* lowerStatement(TSNode node, Sym sym);

  void lowerExpressionStatement(TSNode node, std::vector<Stmt*>& out);

  // `a = b = 1`, `x: int = 1`, `x: int`. The tree nests chained assignments to the right.
  Stmt* lowerAssignment(TSNode node, TSNode statement);

  Expr* lowerRightHandSide(TSNode node);

  Stmt* lowerAugmented(TSNode node, TSNode statement);

  static BinaryOperator augmentedOperator(Sym sym);

  Alias* lowerAlias(TSNode node);

  Name dottedName(const std::vector<Identifier>& parts);

  Stmt* lowerImport(TSNode node);

  Stmt* lowerImportFrom(TSNode node, Sym sym);

  // `print "x"` and `exec "code"`: Python 2 forms. Report them and keep the expressions.
  Stmt* lowerPython2Statement(TSNode node, Sym sym);

  // `print >> f, x` is valid Python 3 (a tuple whose first item shifts the function `print`),
  // though the grammar reads it as Python 2's print statement.
  Stmt* lowerPrintShift(TSNode node);

  Stmt* lowerTypeAlias(TSNode node);

  // `type(x).attr = value` and `type[x] = value` are assignments to an expression that starts
  // with the name `type`, which the grammar takes for a type alias statement. The target is
  // read again from its text.
  Stmt* lowerTypeCallAssignment(TSNode node, TSNode left, TSNode right);

  // Marks the names in an assignment target as stored (or deleted).
  static void setContext(Expr* target, ExprContext ctx);

  Stmt* lowerIf(TSNode node, bool isElif);

  // A compound statement ends where its last statement does, as in CPython; tree-sitter's
  // node also covers comments that follow it at the same indentation.
  // A trailing `;` after the last statement counts, as the last token of the body.
  void endAtLastStatement(Node* node, List<Stmt*> last, List<Stmt*> before = {});

  void lowerAlternatives(const std::vector<TSNode>& alternatives, size_t index,
                         std::vector<Stmt*>& out);

  void lowerElseBody(TSNode elseClause, std::vector<Stmt*>& out);

  Stmt* lowerFor(TSNode node);

  Stmt* lowerWhile(TSNode node);

  Stmt* lowerTry(TSNode node);

  ExceptHandler* lowerExceptClause(TSNode node, Sym sym);

  Stmt* lowerWith(TSNode node);

  WithItem* lowerWithItem(TSNode node);

  Stmt* lowerDecorated(TSNode node);

  Stmt* lowerFunction(TSNode node, std::vector<Expr*> decorators);

  Stmt* lowerClass(TSNode node, std::vector<Expr*> decorators);

  Stmt* lowerMatch(TSNode node);

  MatchCase* lowerCase(TSNode node);

  // ---- patterns (Patterns.cpp) ----------------------------------------------------------------

  Pattern* lowerCasePattern(TSNode node);

  // The pieces of a pattern as they appear under case_pattern, union_pattern, dict keys:
  // handles `p as name`, `a | b`, a leading minus, and single simple patterns.
  Pattern* lowerPatternPieces(TSNode owner, std::span<const Child> pieces);

  Pattern* lowerSimplePattern(TSNode owner, std::span<const Child> pieces);

  Expr* lowerComplexPattern(TSNode node);

  Expr* lowerDottedAsExpr(std::span<const Child> parts);

  Pattern* lowerSequencePattern(TSNode node, Sym sym);

  Pattern* lowerMappingPattern(TSNode node);

  Pattern* lowerClassPattern(TSNode node);

  // ---- type parameters and annotations (Annotations.cpp) --------------------------------------

  List<TypeParam*> lowerTypeParams(TSNode node, Node* owner);

  TypeParam* lowerTypeParam(TSNode typeNode);

  // Reads `[T: bound = default, *Ts = default, **P = default]` from the text between the
  // brackets, parsing each bound and default as an expression at its own offset.
  std::vector<TypeParam*> lowerTypeParamsFromText(TSNode node);

  // The expression in rest[from, to) (rest starts at restOffset of the text), without the
  // blanks around it; `*Ts` (a TypeVarTuple's default) is a Starred.
  Expr* pieceExpression(std::string_view rest, size_t from, size_t to, size_t restOffset);

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
  Expr* lowerType(TSNode node);

  // The `[...]` of a generic_type in an annotation: one type, or several as a Tuple.
  Expr* lowerTypeArguments(TSNode node);

  // What is between a subscript's brackets: one expression, or a Tuple of several (also for
  // one with a trailing comma, and for a lone `*x`, as in `tuple[*Ts]`). The tuple spans its
  // items and a trailing comma; `lastComma` is the end of the last comma, 0 when none.
  Expr* sliceOf(std::vector<Expr*>& items, uint32_t lastComma, TextRange inside);

  // ---- parameters and arguments (Parameters.cpp) ----------------------------------------------

  Parameters* lowerParameters(TSNode node);

  Parameter* lowerParameter(TSNode node, Sym sym, bool keywordOnly);

  // Arguments of a call or a class header.
  void lowerArguments(TSNode node, std::vector<Expr*>& args, std::vector<Keyword*>& keywords);

  // ---- expressions (Expressions.cpp) ----------------------------------------------------------

  Expr* missingExpr(TSNode near) {
    uint32_t end = rangeOf(near).end;
    return make<ErrorExpr>(TextRange{end, end});
  }

  // An assignment target: names and containers in Store context.
  Expr* lowerTarget(TSNode node);

  // Reports the first part of an assignment or `del` target that cannot be one.
  void checkTarget(const Expr* target, ExprContext ctx);

  static const char* targetKindName(const Expr* e);

  // The value of an assignment, or what a `for` iterates: a lone `*x` is not one.
  Expr* notStarred(Expr* value);

  Expr* lowerBareTuple(TSNode node, ExprContext ctx);

  Expr* lowerExpr(TSNode node, ExprContext ctx = ExprContext::Load) {
    return lowerExprOf(node, symOf(node), ctx);
  }
  // A gathered child's type is known: no second lookup.
  Expr* lowerExpr(const Child& child, ExprContext ctx = ExprContext::Load) {
    return lowerExprOf(child.node, child.sym, ctx);
  }
  Expr* lowerExprOf(TSNode node, Sym sym, ExprContext ctx);

  // The grammar reads `*f(x)`, `*a.b` and `*t[0]` as a call, attribute or subscript of `*f`;
  // in Python the star applies to the whole primary. Rotates one level, Starred(f)(x) into
  // Starred(f(x)); lowering bottom-up rotates a whole chain. A parenthesised `(*a).b` keeps
  // its shape (and is an error elsewhere): its star does not start where the chain does.
  Expr* hoistStar(Expr* outer, Expr*& base);

  // Python's binding strength of a binary operator; `**` alone associates to the right.
  static int precedence(BinaryOperator op);

  // A run of binary operators such as `a + b * c ^ d & e`, lowered without recursion along
  // the run and associated by Python's precedences. The grammar ranks `^` above `&` (Python:
  // | < ^ < & < << >> < + - < * @ / // % < **), and a long chain `a + a + ... + a` would
  // otherwise cost a stack frame per operator. The run's operands, read in source order, are
  // rebuilt into BinOps by precedence climbing; a BinOp spans its operands' source text,
  // brackets included, as in CPython.
  Expr* lowerBinaryRun(TSNode node);

  static BinaryOperator binaryOperator(Sym sym);

  // `a and b and c` is one BoolOp with three values; a parenthesised group stays apart.
  Expr* lowerBoolean(TSNode node);

  Sym operatorOf(TSNode booleanOperator);

  Expr* lowerComparison(TSNode node);

  Expr* lowerCollection(TSNode node, Sym sym, ExprContext ctx);

  Expr* lowerDict(TSNode node);

  Expr* lowerComprehension(TSNode node, Sym sym);

  Expr* lowerNumber(TSNode node);

  // ---- strings (Strings.cpp) ------------------------------------------------------------------

  // A string or an implicit concatenation. Plain parts join into one StringLiteral/
  // BytesLiteral; any f-string part makes the whole an FString.
  Expr* lowerString(TSNode node, Sym sym);

  // A literal's line breaks are `\n` in its value, however the file ends its lines (CPython
  // reads source with universal newlines). Returns `text` itself when it has no CR.
  static std::string_view withLineFeeds(std::string_view text, std::string& storage);

  // One part of a string (a `string` node): its opening token (`f'''`), prefix, quote length
  // and the range between its quotes.
  struct StringPart {
    TSNode node;
    std::string_view opening;
    StringPrefix prefix;
    uint32_t quote = 1;
    TextRange content;
  };

  // Reads a string part from its first child (the opening) and its last (the closing quote).
  // The closing quote is measured from the end: the grammar's scanner folds a raw string's
  // trailing backslashes (`r'\\'`) into its string_end token.
  StringPart readStringPart(TSNode string);

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

  Expr* lowerFString(TSNode node, std::span<const StringPart> parts);

  template <class Flush>
  void appendFStringPieces(TSNode part, bool raw, TextRange content, std::vector<Expr*>& values,
                           std::string& pending, TextRange& pendingRange, Flush& flush);

  // The value of literal text inside an f-string: `{{` and `}}` stand for single braces, and
  // escapes are decoded unless the string is raw.
  static void appendFStringText(std::string_view original, bool raw, std::string& out);

  // `{value!r:spec}`. For a debug field `{x = }` CPython keeps the text `x = ` as a literal
  // before the value, and converts with repr() unless a conversion or spec says otherwise:
  // `debugText` receives that text's range.
  FormattedValue* lowerInterpolation(TSNode node, TextRange* debugText = nullptr);

  FString* lowerFormatSpec(TSNode node);

  // ---- error recovery (ErrorRecovery.cpp) -----------------------------------------------------

  // An ERROR node in statement position: statements inside it are kept (so their names are
  // still defined), and complete expressions are kept for name resolution.
  void lowerErrorStatement(TSNode node, std::vector<Stmt*>& out);

  Expr* lowerErrorExpr(TSNode node);

  void collectErrorPieces(TSNode node, std::vector<Expr*>& children,
                          std::vector<Stmt*>& statements);

  static bool isExpressionSym(Sym sym);

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
  std::string stringScratch_;   // a plain string's value while it is decoded
  uint32_t heldBackErrors_ = 0; // keyword errors not reported (one per statement)
  // Statement reuse (reuseStatements): where this lowering records, and what it copies from.
  ReusableStatements* recording_ = nullptr;
  const ReusableStatements* previous_ = nullptr;
  const std::vector<Comment>* previousComments_ = nullptr;
  std::unordered_map<const void*, uint32_t> previousEntries_; // TSNode::id -> entry
};

} // namespace shrike::parser
