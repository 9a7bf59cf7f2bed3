// SyntaxChecks: parameter, __future__, pattern and target rules over lowered nodes.
#include "parser/SyntaxChecks.h"

#include <algorithm>
#include <string>

namespace shrike::parser {

bool isHardKeyword(std::string_view word) {
  // By length, so that a name is compared with at most eight keywords, and then only with
  // those that start with its letter (every identifier of a file passes through here).
  static constexpr std::string_view byLength[9][8] = {
      {},
      {},
      {"as", "if", "in", "is", "or"},
      {"and", "def", "del", "for", "not", "try"},
      {"None", "True", "elif", "else", "from", "pass", "with"},
      {"False", "async", "await", "break", "class", "raise", "while", "yield"},
      {"assert", "except", "global", "import", "lambda", "return"},
      {"finally"},
      {"continue", "nonlocal"}};
  if (word.size() < 2 || word.size() > 8) return false;
  for (std::string_view keyword : byLength[word.size()]) {
    if (keyword.empty()) break;
    if (keyword[0] == word[0] && keyword == word) return true;
  }
  return false;
}

void checkParameters(const Parameters& parameters, std::vector<SyntaxError>& errors) {
  bool sawDefault = false, reportedOrder = false;
  for (const Parameter* p : parameters.parameters) {
    bool positional = p->parameterKind == ParameterKind::PositionalOnly ||
                      p->parameterKind == ParameterKind::PositionalOrKeyword;
    if (positional && p->defaultValue) {
      sawDefault = true;
    } else if (positional && sawDefault && !reportedOrder) {
      reportedOrder = true;
      errors.push_back(SyntaxError{p->name ? p->name.range : p->range,
                                   "parameter without a default follows parameter with a default"});
    }
  }
}

void checkFutureFeatures(const ImportFrom& import, std::vector<SyntaxError>& errors) {
  static constexpr std::string_view features[] = {
      "nested_scopes",  "generators",       "division",       "absolute_import", "with_statement",
      "print_function", "unicode_literals", "barry_as_FLUFL", "generator_stop",  "annotations"};
  if (import.isStar) {
    errors.push_back(SyntaxError{import.starRange, "future feature * is not defined"});
    return;
  }
  for (const Alias* alias : import.names) {
    std::string_view name = alias->name.text();
    if (name == "braces") {
      errors.push_back(SyntaxError{alias->range, "not a chance"});
    } else if (std::find(std::begin(features), std::end(features), name) == std::end(features)) {
      errors.push_back(
          SyntaxError{alias->range, "future feature " + std::string(name) + " is not defined"});
    }
  }
}

namespace {

bool isFutureImport(const Stmt* stmt) {
  auto* import = stmt->as<ImportFrom>();
  return import && import->level == 0 && import->module == names::dunderFuture;
}

bool isDocstring(const Stmt* stmt) {
  auto* expression = stmt->as<ExprStmt>();
  return expression && expression->value && expression->value->is<StringLiteral>();
}

} // namespace

void checkFutureImportPlacement(const Module& module, std::vector<SyntaxError>& errors) {
  bool allowed = true;
  for (size_t i = 0; i < module.body.size(); ++i) {
    const Stmt* stmt = module.body[i];
    if (isFutureImport(stmt)) {
      if (!allowed)
        errors.push_back(SyntaxError{
            stmt->range, "from __future__ imports must occur at the beginning of the file"});
    } else if (!(i == 0 && isDocstring(stmt))) {
      allowed = false;
    }
  }
}

namespace {

bool isIrrefutable(const Pattern* p) {
  if (auto* as = p->as<MatchAs>()) return !as->pattern || isIrrefutable(as->pattern);
  if (auto* alternatives = p->as<MatchOr>()) {
    for (const Pattern* alternative : alternatives->patterns)
      if (isIrrefutable(alternative)) return true;
  }
  return false;
}

// "name capture 'x' makes ..." or "wildcard makes ..." for an irrefutable pattern.
std::string unreachableMessage(const Pattern* p) {
  while (auto* as = p->as<MatchAs>()) {
    if (as->name) {
      return "name capture '" + std::string(as->name.name.text()) +
             "' makes remaining patterns unreachable";
    }
    if (!as->pattern) break;
    p = as->pattern;
  }
  if (auto* alternatives = p->as<MatchOr>()) {
    for (const Pattern* alternative : alternatives->patterns)
      if (isIrrefutable(alternative)) return unreachableMessage(alternative);
  }
  return "wildcard makes remaining patterns unreachable";
}

// A constant mapping key's identity ("i:1", "s:abc"), or empty for keys compared at runtime.
std::string constantKey(const Expr* key) {
  if (auto* i = key->as<IntLiteral>())
    return i->fitsInt64 ? "i:" + std::to_string(i->value) : "i:" + std::string(i->text);
  if (auto* s = key->as<StringLiteral>()) return "s:" + std::string(s->value);
  if (auto* b = key->as<BytesLiteral>()) return "b:" + std::string(b->value);
  if (key->is<NoneLiteral>()) return "n:";
  if (auto* b = key->as<BoolLiteral>()) return b->value ? "t:" : "f:";
  if (auto* u = key->as<UnaryOp>()) {
    std::string inner = u->op == UnaryOperator::USub ? constantKey(u->operand) : "";
    return inner.empty() ? "" : "-" + inner;
  }
  return "";
}

std::string keyRepr(const Expr* key) {
  if (auto* s = key->as<StringLiteral>()) return "'" + std::string(s->value) + "'";
  if (auto* b = key->as<BytesLiteral>()) return "b'" + std::string(b->value) + "'";
  if (auto* i = key->as<IntLiteral>())
    return i->fitsInt64 ? std::to_string(i->value) : std::string(i->text);
  if (key->is<NoneLiteral>()) return "None";
  if (auto* b = key->as<BoolLiteral>()) return b->value ? "True" : "False";
  if (auto* u = key->as<UnaryOp>()) return "-" + keyRepr(u->operand);
  return "?";
}

class PatternChecker {
public:
  explicit PatternChecker(std::vector<SyntaxError>& errors) : errors_(errors) {}

  // Checks `p` and appends the names it binds (in order) to `bound`.
  void check(const Pattern* p, std::vector<Identifier>& bound, bool inSequence) {
    switch (p->kind) {
    case NodeKind::MatchAs: {
      auto* as = static_cast<const MatchAs*>(p);
      if (as->pattern) check(as->pattern, bound, false);
      if (as->name) bind(as->name, bound);
      break;
    }
    case NodeKind::MatchStar: {
      auto* star = static_cast<const MatchStar*>(p);
      if (!inSequence) error(p->range, "star patterns are only allowed inside sequence patterns");
      if (star->name) bind(star->name, bound);
      break;
    }
    case NodeKind::MatchSequence: {
      auto* sequence = static_cast<const MatchSequence*>(p);
      int stars = 0;
      for (const Pattern* item : sequence->patterns) {
        if (item->is<MatchStar>() && ++stars == 2)
          error(item->range, "multiple starred names in sequence pattern");
        check(item, bound, true);
      }
      break;
    }
    case NodeKind::MatchMapping: {
      auto* mapping = static_cast<const MatchMapping*>(p);
      std::vector<std::string> keys;
      for (size_t i = 0; i < mapping->patterns.size(); ++i) {
        std::string key = constantKey(mapping->keys[i]);
        if (!key.empty()) {
          if (std::find(keys.begin(), keys.end(), key) != keys.end())
            error(mapping->keys[i]->range,
                  "mapping pattern checks duplicate key (" + keyRepr(mapping->keys[i]) + ")");
          keys.push_back(key);
        }
        check(mapping->patterns[i], bound, false);
      }
      if (mapping->rest) bind(mapping->rest, bound);
      break;
    }
    case NodeKind::MatchClass: {
      auto* pattern = static_cast<const MatchClass*>(p);
      for (const Pattern* item : pattern->patterns) check(item, bound, false);
      for (size_t i = 0; i < pattern->kwdAttrs.size(); ++i) {
        const Identifier& attr = pattern->kwdAttrs[i];
        for (size_t k = 0; k < i; ++k) {
          if (pattern->kwdAttrs[k].name == attr.name) {
            error(attr.range,
                  "attribute name repeated in class pattern: " + std::string(attr.name.text()));
            break;
          }
        }
        if (i < pattern->kwdPatterns.size()) check(pattern->kwdPatterns[i], bound, false);
      }
      break;
    }
    case NodeKind::MatchOr: {
      auto* alternatives = static_cast<const MatchOr*>(p);
      std::vector<Identifier> first;
      for (size_t i = 0; i < alternatives->patterns.size(); ++i) {
        const Pattern* alternative = alternatives->patterns[i];
        std::vector<Identifier> names;
        check(alternative, names, false);
        if (i + 1 < alternatives->patterns.size() && isIrrefutable(alternative))
          error(alternative->range, unreachableMessage(alternative));
        if (i == 0) {
          first = names;
        } else if (!sameNames(first, names)) {
          error(alternative->range, "alternative patterns bind different names");
        }
      }
      for (const Identifier& name : first) bind(name, bound);
      break;
    }
    default: break;
    }
  }

private:
  static bool sameNames(std::vector<Identifier> a, std::vector<Identifier> b) {
    auto byName = [](const Identifier& x, const Identifier& y) { return x.name < y.name; };
    std::sort(a.begin(), a.end(), byName);
    std::sort(b.begin(), b.end(), byName);
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](const Identifier& x, const Identifier& y) { return x.name == y.name; });
  }

  void bind(const Identifier& name, std::vector<Identifier>& bound) {
    for (const Identifier& other : bound) {
      if (other.name == name.name) {
        error(name.range,
              "multiple assignments to name '" + std::string(name.name.text()) + "' in pattern");
        return;
      }
    }
    bound.push_back(name);
  }

  void error(TextRange range, std::string message) {
    errors_.push_back(SyntaxError{range, std::move(message)});
  }

  std::vector<SyntaxError>& errors_;
};

} // namespace

void checkCasePattern(const MatchCase& matchCase, bool notLast, std::vector<SyntaxError>& errors) {
  if (!matchCase.pattern) return;
  std::vector<Identifier> bound;
  PatternChecker(errors).check(matchCase.pattern, bound, false);
  if (notLast && !matchCase.guard && isIrrefutable(matchCase.pattern))
    errors.push_back(SyntaxError{matchCase.pattern->range, unreachableMessage(matchCase.pattern)});
}

void checkStarredTargets(const Expr* target, std::vector<SyntaxError>& errors) {
  List<Expr*> items;
  if (auto* tuple = target->as<Tuple>())
    items = tuple->elts;
  else if (auto* list = target->as<ListExpr>())
    items = list->elts;
  else
    return;
  int stars = 0;
  for (const Expr* item : items) {
    if (item->is<Starred>() && ++stars == 2)
      errors.push_back(SyntaxError{item->range, "multiple starred expressions in assignment"});
    checkStarredTargets(item->is<Starred>() ? item->as<Starred>()->value : item, errors);
  }
}

} // namespace shrike::parser
