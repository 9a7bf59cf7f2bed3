// Patterns: lowering of the patterns of `match` cases.
#include "parser/lowering/Lowering.h"

#include <span>
#include <vector>

namespace shrike::parser {

Pattern* Lowering::lowerCasePattern(TSNode node) {
  Nest nest(*this);
  if (tooDeep(node)) return make<MatchAs>(node);
  Children kids(*this, node);
  return lowerPatternPieces(node, kids.all());
}

Pattern* Lowering::lowerPatternPieces(TSNode owner, std::span<const Child> pieces) {
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

Pattern* Lowering::lowerSimplePattern(TSNode owner, std::span<const Child> pieces) {
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
    singleton->value = adopt(lowerExpr(first), singleton);
    return singleton;
  }
  case Sym::integer:
  case Sym::float_:
  case Sym::string:
  case Sym::concatenated_string: {
    auto* value = make<MatchValue>(first.node);
    value->value = adopt(lowerExpr(first), value);
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
      error(rangeOf(first.node), "'**' patterns are only allowed at the end of a mapping pattern");
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
  value->value = adopt(lowerExpr(first), value);
  return value;
}

Expr* Lowering::lowerComplexPattern(TSNode node) {
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
      Expr* value = lowerExpr(c);
      if (!left) {
        if (negateFirst) {
          auto* negative = make<UnaryOp>(TextRange{rangeOf(kids[0].node).start, value->range.end});
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

Expr* Lowering::lowerDottedAsExpr(std::span<const Child> parts) {
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

Pattern* Lowering::lowerSequencePattern(TSNode node, Sym sym) {
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

Pattern* Lowering::lowerMappingPattern(TSNode node) {
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

Pattern* Lowering::lowerClassPattern(TSNode node) {
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

} // namespace shrike::parser
