// CompoundStatements: lowering of if, for, while, try, with, def, class and match, with their
// clauses.
#include "parser/lowering/Lowering.h"

#include <deque>
#include <string>
#include <vector>

namespace shrike::parser {

Stmt* Lowering::lowerIf(TSNode node, bool isElif) {
  auto* stmt = make<If>(node);
  stmt->isElif = isElif;
  std::vector<Stmt*> body;
  std::vector<TSNode> alternatives;
  {
    Children kids(*this, node);
    checkHeaderLineBreaks(node, kids);
    for (const Child& c : kids) {
      if (c.field == fields_.condition) {
        stmt->test = adopt(lowerExpr(c), stmt);
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

void Lowering::endAtLastStatement(Node* node, List<Stmt*> last, List<Stmt*> before) {
  List<Stmt*> body = !last.empty() ? last : before;
  if (body.empty()) return;
  uint32_t end = body.back()->range.end;
  uint32_t i = static_cast<uint32_t>(end - shift_);
  while (i < text_.size() && (text_[i] == ' ' || text_[i] == '\t')) ++i;
  if (i < text_.size() && text_[i] == ';') end = static_cast<uint32_t>(i + 1 + shift_);
  node->range.end = end;
}

void Lowering::lowerAlternatives(const std::vector<TSNode>& alternatives, size_t index,
                                 std::vector<Stmt*>& out) {
  // Iterative over the chain, so a long elif ladder does not deepen the stack.
  std::vector<Stmt*>* target = &out;
  std::deque<std::pair<If*, std::vector<Stmt*>>> pending; // a deque: `target` stays valid
  for (size_t i = index; i < alternatives.size(); ++i) {
    TSNode alt = alternatives[i];
    if (symOf(alt) == Sym::elif_clause) {
      auto* elif = make<If>(alt);
      elif->isElif = true;
      std::vector<Stmt*> body;
      Children kids(*this, alt);
      checkHeaderLineBreaks(alt, kids);
      for (const Child& c : kids) {
        if (c.field == fields_.condition) {
          elif->test = adopt(lowerExpr(c), elif);
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

void Lowering::lowerElseBody(TSNode elseClause, std::vector<Stmt*>& out) {
  Children kids(*this, elseClause);
  checkHeaderLineBreaks(elseClause, kids);
  for (const Child& c : kids)
    if (c.field == fields_.body || c.sym == Sym::block)
      lowerBody(c.node, out, elseClause, "'else' statement");
}

Stmt* Lowering::lowerFor(TSNode node) {
  auto* stmt = make<For>(node);
  std::vector<Stmt*> body, orelse;
  Children kids(*this, node);
  checkHeaderLineBreaks(node, kids);
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

Stmt* Lowering::lowerWhile(TSNode node) {
  auto* stmt = make<While>(node);
  std::vector<Stmt*> body, orelse;
  Children kids(*this, node);
  checkHeaderLineBreaks(node, kids);
  for (const Child& c : kids) {
    if (c.field == fields_.condition) {
      stmt->test = adopt(lowerExpr(c), stmt);
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

Stmt* Lowering::lowerTry(TSNode node) {
  auto* stmt = make<Try>(node);
  std::vector<Stmt*> body, orelse, finalbody;
  std::vector<ExceptHandler*> handlers;
  bool sawPlainExcept = false, sawStarExcept = false, sawFinally = false, sawError = false;
  Children kids(*this, node);
  checkHeaderLineBreaks(node, kids);
  for (const Child& c : kids) {
    if (c.field == fields_.body) {
      lowerBody(c.node, body, node, "'try' statement");
    } else if (c.sym == Sym::except_clause || c.sym == Sym::except_group_clause) {
      if (c.sym == Sym::except_group_clause) stmt->isStar = true;
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
      Children fin(*this, c.node);
      checkHeaderLineBreaks(c.node, fin);
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

ExceptHandler* Lowering::lowerExceptClause(TSNode node, Sym sym) {
  auto* handler = make<ExceptHandler>(node);
  std::vector<Stmt*> body;
  Children kids(*this, node);
  checkHeaderLineBreaks(node, kids);
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
            error(rangeOf(p.node), "the name after 'as' in an except clause must be an identifier");
          }
        } else if (p.named && !handler->type) {
          handler->type = adopt(lowerExpr(p), handler);
        }
      }
    } else if (c.named && c.sym != Sym::ERROR) {
      if (!afterAs && (c.field == fields_.value || sym == Sym::except_group_clause)) {
        if (!handler->type) handler->type = adopt(lowerExpr(c), handler);
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

Stmt* Lowering::lowerWith(TSNode node) {
  auto* stmt = make<With>(node);
  std::vector<WithItem*> items;
  std::vector<Stmt*> body;
  Children kids(*this, node);
  checkHeaderLineBreaks(node, kids);
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

WithItem* Lowering::lowerWithItem(TSNode node) {
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
        item->contextExpr = adopt(lowerExpr(p), item);
      }
    }
    if (!item->contextExpr) item->contextExpr = adopt(missingExpr(node), item);
    return item;
  }
  item->contextExpr = adopt(lowerExpr(value), item);
  return item;
}

Stmt* Lowering::lowerDecorated(TSNode node) {
  std::vector<Expr*> decorators;
  TSNode definition{};
  {
    Children kids(*this, node);
    for (const Child& c : kids) {
      if (c.sym == Sym::decorator) {
        Children inner(*this, c.node);
        checkHeaderLineBreaks(c.node, inner);
        for (const Child& d : inner)
          if (d.named) decorators.push_back(lowerExpr(d));
      } else if (c.field == fields_.definition) {
        definition = c.node; // its lowering checks its header
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

Stmt* Lowering::lowerFunction(TSNode node, std::vector<Expr*> decorators) {
  auto* stmt = make<FunctionDef>(node);
  stmt->decorators = finish(decorators, stmt);
  std::vector<Stmt*> body;
  Children kids(*this, node);
  checkHeaderLineBreaks(node, kids);
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

Stmt* Lowering::lowerClass(TSNode node, std::vector<Expr*> decorators) {
  auto* stmt = make<ClassDef>(node);
  stmt->decorators = finish(decorators, stmt);
  std::vector<Stmt*> body;
  Children kids(*this, node);
  checkHeaderLineBreaks(node, kids);
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

Stmt* Lowering::lowerMatch(TSNode node) {
  auto* stmt = make<Match>(node);
  std::vector<Expr*> subjects;
  std::vector<MatchCase*> cases;
  Children kids(*this, node);
  checkHeaderLineBreaks(node, kids);
  bool trailingComma = false;
  uint32_t commaEnd = 0;
  for (const Child& c : kids) {
    if (c.field == fields_.subject) {
      subjects.push_back(lowerExpr(c));
      trailingComma = false;
    } else if (c.sym == Sym::tk_comma) {
      trailingComma = true;
      commaEnd = rangeOf(c.node).end;
    } else if (c.field == fields_.body) {
      Children block(*this, c.node);
      for (const Child& b : block)
        if (b.sym == Sym::case_clause) {
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

MatchCase* Lowering::lowerCase(TSNode node) {
  auto* matchCase = make<MatchCase>(node);
  std::vector<Pattern*> patterns;
  std::vector<Stmt*> body;
  bool trailingComma = false;
  uint32_t commaEnd = 0;
  Children kids(*this, node);
  checkHeaderLineBreaks(node, kids);
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

} // namespace shrike::parser
