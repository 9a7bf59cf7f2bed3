// ErrorRecovery: what the lowering keeps of ERROR nodes.
#include "parser/lowering/Lowering.h"

#include <vector>

namespace shrike::parser {

void Lowering::lowerErrorStatement(TSNode node, std::vector<Stmt*>& out) {
  auto* stmt = make<ErrorStmt>(node);
  std::vector<Expr*> children;
  std::vector<Stmt*> statements;
  collectErrorPieces(node, children, statements);
  stmt->children = finish(children, stmt);
  out.push_back(stmt);
  for (Stmt* s : statements) out.push_back(s);
}

Expr* Lowering::lowerErrorExpr(TSNode node) {
  auto* expr = make<ErrorExpr>(node);
  std::vector<Expr*> children;
  std::vector<Stmt*> statements; // statements inside an expression error are dropped
  collectErrorPieces(node, children, statements);
  expr->children = finish(children, expr);
  return expr;
}

void Lowering::collectErrorPieces(TSNode node, std::vector<Expr*>& children,
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
    default:
      if (isSimpleStatement(c.sym) || checksOwnHeader(c.sym) || c.sym == Sym::decorated_definition)
        lowerStatementInto(c.node, c.sym, statements);
      else if (isExpressionSym(c.sym))
        children.push_back(lowerExpr(c));
      break;
    }
  }
}

bool Lowering::isExpressionSym(Sym sym) {
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

} // namespace shrike::parser
