// Statements: lowering of blocks and simple statements (assignments, imports, return, del, raise,
// global...).
#include "parser/lowering/Lowering.h"

#include <string>
#include <vector>

#include "parser/LineBreaks.h"

namespace shrike::parser {

void Lowering::lowerStatementsOf(TSNode node, std::vector<Stmt*>& out) {
  Nest nest(*this);
  if (tooDeep(node)) return;
  // A block has a field (`alternative`, its case clauses), but the statements need none.
  Children kids(*this, node, symOf(node), FieldUse::None);
  for (const Child& c : kids) {
    if (!c.named) continue;
    lowerStatementInto(c.node, c.sym, out);
  }
}

void Lowering::lowerBody(TSNode block, std::vector<Stmt*>& body, TSNode header, const char* what) {
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
  if (body.size() > before || ts_node_has_error(header) || blockDepth_ + 1 >= maxIndentationLevels)
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

uint32_t Lowering::lineOfOffset(uint32_t offset) {
  if (lineStarts_.empty()) {
    lineStarts_.push_back(0);
    for (uint32_t i = 0; i < text_.size(); ++i) {
      if (text_[i] == '\n' || (text_[i] == '\r' && (i + 1 >= text_.size() || text_[i + 1] != '\n')))
        lineStarts_.push_back(i + 1);
    }
  }
  auto after = std::upper_bound(lineStarts_.begin(), lineStarts_.end(), offset);
  return static_cast<uint32_t>(after - lineStarts_.begin()) - 1;
}

void Lowering::checkLineBreaks(TSNode node) {
  uint32_t limit = ts_node_end_byte(node);
  // Most statements are one line: then there is nothing to find (nor a header to measure).
  if (!hasLineBreak(text_, ts_node_start_byte(node), limit)) return;
  // A compound statement's header (or a clause's) ends with its last token before the
  // block: the line break after the `:` is not the header's, and a one-line header then
  // needs no walk at all. (Comments there are skipped by the walk anyway.) Compound
  // statements come here only when the depth guard stops their lowering, which measures the
  // header itself (checkHeaderLineBreaks); a simple statement has no block to look for.
  if (!isSimpleStatement(symOf(node)) && ts_node_child_count(node) > 2) {
    TSTreeCursor& cursor = scratchCursor(node);
    uint32_t headerEnd = 0;
    if (ts_tree_cursor_goto_first_child(&cursor)) {
      do {
        TSNode child = ts_tree_cursor_current_node(&cursor);
        Sym sym = symOf(child);
        if (startsBlock(sym)) {
          limit = headerEnd > 0 ? headerEnd : ts_node_start_byte(child);
          break;
        }
        if (sym != Sym::comment && sym != Sym::line_continuation && !ts_node_is_missing(child))
          headerEnd = ts_node_end_byte(child);
      } while (ts_tree_cursor_goto_next_sibling(&cursor));
    }
  }
  reportJoinedLine(node, limit);
}

void Lowering::checkHeaderLineBreaks(TSNode node, const Children& kids) {
  uint32_t limit = ts_node_end_byte(node);
  if (!hasLineBreak(text_, ts_node_start_byte(node), limit)) return;
  // As checkLineBreaks measures the header, from the children the lowering has gathered
  // anyway (they leave out the comments and line continuations that its walk skips).
  if (ts_node_child_count(node) > 2) {
    for (size_t i = 0; i < kids.size(); ++i) {
      if (!startsBlock(kids[i].sym)) continue;
      uint32_t headerEnd = 0;
      for (size_t j = i; j-- > 0;) {
        if (!ts_node_is_missing(kids[j].node)) {
          headerEnd = ts_node_end_byte(kids[j].node);
          break;
        }
      }
      limit = headerEnd > 0 ? headerEnd : ts_node_start_byte(kids[i].node);
      break;
    }
  }
  reportJoinedLine(node, limit);
}

void Lowering::reportJoinedLine(TSNode node, uint32_t limit) {
  if (auto joined = findJoinedLine(text_, node, limit, scratchCursor(node))) {
    joined->range = shifted(joined->range.start, joined->range.end);
    errors_.push_back(std::move(*joined));
    keywordErrorIn_ = currentStatement_; // what follows the break is misread, keywords too
  }
}

void Lowering::lowerStatementFresh(TSNode node, Sym sym, std::vector<Stmt*>& out) {
  if (sym != Sym::block) currentStatement_ = ts_node_start_byte(node);
  // Compound statements check their headers once they have gathered their children.
  if (sym != Sym::block && sym != Sym::ERROR && sym != Sym::decorated_definition &&
      !checksOwnHeader(sym))
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

Stmt* Lowering::lowerStatement(TSNode node, Sym sym) {
  Nest nest(*this);
  if (tooDeep(node)) {
    if (checksOwnHeader(sym)) checkLineBreaks(node);
    return make<ErrorStmt>(node);
  }
  switch (sym) {
  case Sym::return_statement: {
    auto* stmt = make<Return>(node);
    Children kids(*this, node, sym);
    for (const Child& c : kids)
      if (c.named) stmt->value = adopt(lowerExpr(c), stmt);
    return stmt;
  }
  case Sym::delete_statement: {
    auto* stmt = make<Delete>(node);
    std::vector<Expr*> targets;
    Children kids(*this, node, sym);
    for (const Child& c : kids) {
      if (!c.named) continue;
      if (c.sym == Sym::expression_list) {
        Children items(*this, c.node);
        for (const Child& item : items)
          if (item.named) targets.push_back(lowerExpr(item, ExprContext::Del));
      } else {
        targets.push_back(lowerExpr(c, ExprContext::Del));
      }
    }
    for (const Expr* target : targets)
      if (!target->is<Starred>()) checkTarget(target, ExprContext::Del);
    stmt->targets = finish(targets, stmt);
    return stmt;
  }
  case Sym::raise_statement: {
    auto* stmt = make<Raise>(node);
    Children kids(*this, node, sym);
    for (const Child& c : kids) {
      if (!c.named) continue;
      if (c.field == fields_.cause) {
        stmt->cause = adopt(lowerExpr(c), stmt);
      } else if (!stmt->exc) {
        stmt->exc = adopt(lowerExpr(c), stmt);
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
    Children kids(*this, node, sym);
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
    Children kids(*this, node, sym);
    for (const Child& c : kids) {
      if (!c.named) continue;
      if (!stmt->test) {
        stmt->test = adopt(lowerExpr(c), stmt);
      } else if (!stmt->msg) {
        stmt->msg = adopt(lowerExpr(c), stmt);
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

void Lowering::lowerExpressionStatement(TSNode node, std::vector<Stmt*>& out) {
  Children kids(*this, node, Sym::expression_statement);
  const Child* first = nullptr;
  size_t named = 0;
  for (const Child& c : kids)
    if (c.named && named++ == 0) first = &c;
  if (named == 1 && !kids.hasToken(Sym::tk_comma)) {
    const Child& only = *first;
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
    stmt->value = adopt(lowerExpr(only), stmt);
    out.push_back(stmt);
    return;
  }
  // `a, b` as a statement is a tuple without parentheses.
  auto* stmt = make<ExprStmt>(node);
  auto* tuple = make<Tuple>(node);
  std::vector<Expr*> elts;
  for (const Child& c : kids)
    if (c.named) elts.push_back(lowerExpr(c.node));
  tuple->elts = finish(elts, tuple);
  stmt->value = adopt(static_cast<Expr*>(tuple), stmt);
  out.push_back(stmt);
}

Stmt* Lowering::lowerAssignment(TSNode node, TSNode statement) {
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

Expr* Lowering::lowerRightHandSide(TSNode node) {
  Sym sym = symOf(node);
  if (sym == Sym::expression_list || sym == Sym::pattern_list)
    return lowerBareTuple(node, ExprContext::Load);
  return lowerExpr(node);
}

Stmt* Lowering::lowerAugmented(TSNode node, TSNode statement) {
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

BinaryOperator Lowering::augmentedOperator(Sym sym) {
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

Alias* Lowering::lowerAlias(TSNode node) {
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

Name Lowering::dottedName(const std::vector<Identifier>& parts) {
  if (parts.size() == 1) return parts[0].name;
  std::string joined;
  for (const Identifier& part : parts) {
    if (!joined.empty()) joined.push_back('.');
    joined.append(part.name.text());
  }
  return intern(joined);
}

Stmt* Lowering::lowerImport(TSNode node) {
  auto* stmt = make<Import>(node);
  std::vector<Alias*> aliases;
  Children kids(*this, node);
  for (const Child& c : kids)
    if (c.field == fields_.name) aliases.push_back(lowerAlias(c.node));
  stmt->names = finish(aliases, stmt);
  return stmt;
}

Stmt* Lowering::lowerImportFrom(TSNode node, Sym sym) {
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

Stmt* Lowering::lowerPython2Statement(TSNode node, Sym sym) {
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
        if (i.named) children.push_back(lowerExpr(i));
    } else {
      children.push_back(lowerExpr(c));
    }
  }
  stmt->children = finish(children, stmt);
  return stmt;
}

Stmt* Lowering::lowerPrintShift(TSNode node) {
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

Stmt* Lowering::lowerTypeAlias(TSNode node) {
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

Stmt* Lowering::lowerTypeCallAssignment(TSNode node, TSNode left, TSNode right) {
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

void Lowering::setContext(Expr* target, ExprContext ctx) {
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

} // namespace shrike::parser
