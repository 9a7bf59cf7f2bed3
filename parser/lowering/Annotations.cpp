// Annotations: lowering of annotations and PEP 695/696 type parameter lists.
#include "parser/lowering/Lowering.h"

#include <cctype>
#include <string_view>
#include <vector>

#include "parser/QuotedText.h"

namespace shrike::parser {

List<TypeParam*> Lowering::lowerTypeParams(TSNode node, Node* owner) {
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

TypeParam* Lowering::lowerTypeParam(TSNode typeNode) {
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

std::vector<TypeParam*> Lowering::lowerTypeParamsFromText(TSNode node) {
  std::vector<TypeParam*> params;
  uint32_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
  std::string_view all = text_.substr(start, end - start);
  if (all.size() < 2 || all.front() != '[') return params;
  size_t close = all.back() == ']' ? all.size() - 1 : all.size();
  // Split at top-level commas.
  std::vector<std::pair<size_t, size_t>> pieces;
  int depthCount = 0;
  size_t pieceStart = 1;
  QuoteState quotes;
  for (size_t i = 1; i < close; ++i) {
    if (quotes.inString(all, i)) continue;
    char c = all[i];
    if (c == '(' || c == '[' || c == '{')
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

Expr* Lowering::pieceExpression(std::string_view rest, size_t from, size_t to, size_t restOffset) {
  while (from < to && (rest[from] == ' ' || rest[from] == '\t')) ++from;
  if (from < to && rest[from] == '*' && (from + 1 >= to || rest[from + 1] != '*')) {
    Expr* inner = pieceExpression(rest, from + 1, to, restOffset);
    auto* starred = make<Starred>(TextRange{
        static_cast<uint32_t>(static_cast<int64_t>(restOffset + from) + shift_), inner->range.end});
    starred->value = adopt(inner, starred);
    return starred;
  }
  return subExpression(rest.substr(from, to - from), static_cast<uint32_t>(restOffset + from));
}

Expr* Lowering::lowerType(TSNode node) {
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
    subscript->slice =
        adopt(ts_node_is_null(params) ? missingExpr(node) : lowerTypeArguments(params), subscript);
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

Expr* Lowering::lowerTypeArguments(TSNode node) {
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

Expr* Lowering::sliceOf(std::vector<Expr*>& items, uint32_t lastComma, TextRange inside) {
  if (items.size() == 1 && !lastComma && !items[0]->is<Starred>()) return items[0];
  TextRange range = items.empty() ? inside
                                  : TextRange{items.front()->range.start,
                                              std::max(items.back()->range.end, lastComma)};
  auto* tuple = make<Tuple>(range);
  tuple->elts = finish(items, tuple);
  return tuple;
}

} // namespace shrike::parser
