// Expressions: lowering of expressions and assignment targets.
#include "parser/lowering/Lowering.h"

#include <string>
#include <vector>

namespace shrike::parser {

Expr* Lowering::lowerTarget(TSNode node) {
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

void Lowering::checkTarget(const Expr* target, ExprContext ctx) {
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

const char* Lowering::targetKindName(const Expr* e) {
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

Expr* Lowering::notStarred(Expr* value) {
  if (value->is<Starred>()) error(value->range, "can't use starred expression here");
  return value;
}

Expr* Lowering::lowerBareTuple(TSNode node, ExprContext ctx) {
  auto* tuple = make<Tuple>(node);
  tuple->ctx = ctx;
  std::vector<Expr*> elts;
  Children kids(*this, node);
  for (const Child& c : kids)
    if (c.named) elts.push_back(lowerExpr(c, ctx));
  tuple->elts = finish(elts, tuple);
  return tuple;
}

Expr* Lowering::lowerExprOf(TSNode node, Sym sym, ExprContext ctx) {
  Nest nest(*this);
  if (tooDeep(node)) return make<ErrorExpr>(node);
  switch (sym) {
  case Sym::identifier: {
    if (ts_node_is_missing(node)) return make<ErrorExpr>(node);
    Span span = spanOf(node);
    auto* name = make<NameExpr>(rangeOf(span));
    std::string_view text = textOf(span);
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
  case Sym::concatenated_string: return lowerString(node, sym);
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
    Children kids(*this, node, sym);
    for (const Child& c : kids) {
      if (c.field == fields_.object)
        attribute->value = adopt(lowerExpr(c), attribute);
      else if (c.field == fields_.attribute && !ts_node_is_missing(c.node))
        attribute->attr = identifier(c.node);
    }
    if (!attribute->value) attribute->value = adopt(missingExpr(node), attribute);
    return hoistStar(attribute, attribute->value);
  }
  case Sym::subscript: {
    auto* subscript = make<Subscript>(node);
    std::vector<Expr*> items;
    Children kids(*this, node, sym);
    TextRange bracket{};
    uint32_t lastComma = 0;
    for (const Child& c : kids) {
      if (c.field == fields_.value)
        subscript->value = adopt(lowerExpr(c), subscript);
      else if (c.field == fields_.subscript && c.named)
        items.push_back(lowerExpr(c));
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
    Children kids(*this, node, sym);
    int colons = 0;
    for (const Child& c : kids) {
      if (c.sym == Sym::tk_colon) {
        ++colons;
      } else if (c.named) {
        Expr* value = adopt(lowerExpr(c), slice);
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
    Children kids(*this, node, sym);
    for (const Child& c : kids) {
      if (c.field == fields_.function) {
        call->func = adopt(lowerExpr(c), call);
      } else if (c.field == fields_.arguments) {
        call->argumentsRange = rangeOf(c.node);
        std::vector<Expr*> args;
        std::vector<Keyword*> keywords;
        if (c.sym == Sym::generator_expression) {
          soleGeneratorArgument_ = true;
          args.push_back(lowerExpr(c));
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
    Children kids(*this, node, sym);
    for (const Child& c : kids) {
      if (c.field == fields_.argument)
        unary->operand = adopt(lowerExpr(c), unary);
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
    Children kids(*this, node, sym);
    TSNode argument = kids.field(fields_.argument);
    unary->operand =
        adopt(ts_node_is_null(argument) ? missingExpr(node) : lowerExpr(argument), unary);
    return unary;
  }
  case Sym::boolean_operator: return lowerBoolean(node);
  case Sym::comparison_operator: return lowerComparison(node);
  case Sym::lambda: {
    auto* lambda = make<Lambda>(node);
    Children kids(*this, node, sym);
    for (const Child& c : kids) {
      if (c.field == fields_.parameters)
        lambda->parameters = adopt(lowerParameters(c.node), lambda);
      else if (c.field == fields_.body)
        lambda->body = adopt(lowerExpr(c), lambda);
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
    Children kids(*this, node, sym);
    int index = 0;
    for (const Child& c : kids) {
      if (!c.named) continue;
      Expr* value = adopt(lowerExpr(c), ifExp);
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
    Children kids(*this, node, sym);
    for (const Child& c : kids) {
      if (c.field == fields_.name)
        named->target = adopt(lowerExpr(c, ExprContext::Store), named);
      else if (c.field == fields_.value)
        named->value = adopt(lowerExpr(c), named);
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
    Children kids(*this, node, sym);
    bool from = kids.hasToken(Sym::tk_from);
    std::vector<Expr*> values;
    for (const Child& c : kids)
      if (c.named)
        values.push_back(c.sym == Sym::expression_list ? lowerBareTuple(c.node, ExprContext::Load)
                                                       : lowerExpr(c));
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
    Children kids(*this, node, sym);
    for (const Child& c : kids)
      if (c.named && c.sym != Sym::as_pattern_target) children.push_back(lowerExpr(c));
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

Expr* Lowering::hoistStar(Expr* outer, Expr*& base) {
  auto* star = base ? base->as<Starred>() : nullptr;
  if (!star || star->range.start != outer->range.start || !star->value) return outer;
  Expr* inner = star->value;
  base = adopt(inner, outer);
  outer->range.start = inner->range.start;
  star->range.end = outer->range.end;
  star->value = adopt(outer, star);
  return star;
}

int Lowering::precedence(BinaryOperator op) {
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

Expr* Lowering::lowerBinaryRun(TSNode node) {
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

BinaryOperator Lowering::binaryOperator(Sym sym) {
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

Expr* Lowering::lowerBoolean(TSNode node) {
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
    if (!ts_node_is_null(left) && symOf(left) == Sym::boolean_operator && operatorOf(left) == op) {
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

Sym Lowering::operatorOf(TSNode booleanOperator) {
  Children kids(*this, booleanOperator);
  for (const Child& c : kids)
    if (c.field == fields_.operator_) return c.sym;
  return Sym::Other;
}

Expr* Lowering::lowerComparison(TSNode node) {
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
        compare->left = adopt(lowerExpr(c), compare);
      else
        comparators.push_back(lowerExpr(c));
    }
  }
  if (!compare->left) compare->left = adopt(missingExpr(node), compare);
  while (comparators.size() < ops.size()) comparators.push_back(missingExpr(node));
  compare->ops = arena_.copy(ops);
  compare->comparators = finish(comparators, compare);
  return compare;
}

Expr* Lowering::lowerCollection(TSNode node, Sym sym, ExprContext ctx) {
  std::vector<Expr*> elts;
  Children kids(*this, node, sym);
  bool comma = false;
  for (const Child& c : kids) {
    if (c.sym == Sym::tk_comma)
      comma = true;
    else if (c.named && c.sym != Sym::ERROR)
      elts.push_back(lowerExpr(c, ctx));
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

Expr* Lowering::lowerDict(TSNode node) {
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

Expr* Lowering::lowerComprehension(TSNode node, Sym sym) {
  bool soleArgument = soleGeneratorArgument_;
  soleGeneratorArgument_ = false;
  std::vector<Comprehension*> generators;
  Expr* elt = nullptr;
  Expr* key = nullptr;
  Expr* value = nullptr;
  Children kids(*this, node, sym);
  for (const Child& c : kids) {
    if (c.field == fields_.body) {
      if (sym == Sym::dictionary_comprehension && c.sym == Sym::pair) {
        Children pair(*this, c.node);
        TSNode k = pair.field(fields_.key), v = pair.field(fields_.value);
        key = ts_node_is_null(k) ? missingExpr(c.node) : lowerExpr(k);
        value = ts_node_is_null(v) ? missingExpr(c.node) : lowerExpr(v);
      } else {
        elt = lowerExpr(c);
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
          iters.push_back(lowerExpr(part)), trailingComma = false;
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
      if (!comprehension->target) comprehension->target = adopt(missingExpr(c.node), comprehension);
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

Expr* Lowering::lowerNumber(TSNode node) {
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

} // namespace shrike::parser
