// DocumentSymbols: a walk over statements that collects definitions scope by scope.
#include "checker/ide/DocumentSymbols.h"

#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "parser/Decorators.h"

namespace shrike::checker::ide {

namespace {

using namespace parser;

// Source text squeezed onto one line, for details.
std::string oneLine(const SourceText& text, TextRange range, size_t limit = 120) {
  std::string out;
  bool space = false;
  for (char c : text.text().substr(range.start, range.length())) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space && out.back() != '(' && out.back() != '[' && c != ')' && c != ']') out.push_back(' ');
    space = false;
    out.push_back(c);
    if (out.size() >= limit) {
      out += "...";
      break;
    }
  }
  return out;
}

bool isConstantName(std::string_view name) {
  bool hasLetter = false;
  for (char c : name) {
    if (std::islower(static_cast<unsigned char>(c))) return false;
    if (std::isupper(static_cast<unsigned char>(c))) hasLetter = true;
  }
  return hasLetter;
}

enum class ScopeKind { Module, Class, Function };

class OutlineBuilder {
public:
  explicit OutlineBuilder(const SourceText& text) : text_(text) {}

  std::vector<OutlineSymbol> scope(List<Stmt*> body, ScopeKind kind) {
    std::vector<OutlineSymbol> out;
    std::unordered_set<std::string_view> seen;
    statements(body, kind, out, seen);
    return out;
  }

private:
  void statements(List<Stmt*> body, ScopeKind kind, std::vector<OutlineSymbol>& out,
                  std::unordered_set<std::string_view>& seen) {
    for (const Stmt* stmt : body) statement(stmt, kind, out, seen);
  }

  void statement(const Stmt* stmt, ScopeKind kind, std::vector<OutlineSymbol>& out,
                 std::unordered_set<std::string_view>& seen) {
    switch (stmt->kind) {
    case NodeKind::FunctionDef: {
      const auto& def = *stmt->as<FunctionDef>();
      if (!def.name) return;
      OutlineSymbol symbol;
      symbol.name = std::string(def.name.name.text());
      symbol.kind = kind == ScopeKind::Class ? OutlineKind::Method : OutlineKind::Function;
      if (kind == ScopeKind::Class &&
          (hasDecorator(&def, "property") || hasDecorator(&def, "cached_property")))
        symbol.kind = OutlineKind::Property;
      if (def.parameters) symbol.detail = oneLine(text_, def.parameters->range);
      if (def.returns) symbol.detail += " -> " + oneLine(text_, def.returns->range);
      symbol.range = def.range;
      symbol.selectionRange = def.name.range;
      symbol.children = scope(def.body, ScopeKind::Function);
      seen.insert(def.name.name.text());
      out.push_back(std::move(symbol));
      return;
    }
    case NodeKind::ClassDef: {
      const auto& def = *stmt->as<ClassDef>();
      if (!def.name) return;
      OutlineSymbol symbol;
      symbol.name = std::string(def.name.name.text());
      symbol.kind = OutlineKind::Class;
      if (!def.bases.empty() || !def.keywords.empty()) {
        TextRange header{def.name.range.end, def.name.range.end};
        for (const Expr* base : def.bases) header.end = std::max(header.end, base->range.end);
        for (const Keyword* keyword : def.keywords)
          header.end = std::max(header.end, keyword->range.end);
        symbol.detail = "(" + oneLine(text_, TextRange{firstArgument(def), header.end}) + ")";
      }
      symbol.range = def.range;
      symbol.selectionRange = def.name.range;
      symbol.children = scope(def.body, ScopeKind::Class);
      seen.insert(def.name.name.text());
      out.push_back(std::move(symbol));
      return;
    }
    case NodeKind::TypeAlias: {
      const auto& alias = *stmt->as<TypeAlias>();
      if (!alias.name) return;
      OutlineSymbol symbol;
      symbol.name = std::string(alias.name.name.text());
      symbol.kind = OutlineKind::TypeAlias;
      if (alias.value) symbol.detail = oneLine(text_, alias.value->range);
      symbol.range = alias.range;
      symbol.selectionRange = alias.name.range;
      seen.insert(alias.name.name.text());
      out.push_back(std::move(symbol));
      return;
    }
    case NodeKind::Assign:
      for (const Expr* target : stmt->as<Assign>()->targets)
        targets(target, nullptr, kind, out, seen);
      return;
    case NodeKind::AnnAssign: {
      const auto& assign = *stmt->as<AnnAssign>();
      if (assign.target) targets(assign.target, assign.annotation, kind, out, seen);
      return;
    }
    // Compound statements bind in the scope they are in.
    case NodeKind::If: {
      const auto& s = *stmt->as<If>();
      statements(s.body, kind, out, seen);
      statements(s.orelse, kind, out, seen);
      return;
    }
    case NodeKind::For: {
      const auto& s = *stmt->as<For>();
      statements(s.body, kind, out, seen);
      statements(s.orelse, kind, out, seen);
      return;
    }
    case NodeKind::While: {
      const auto& s = *stmt->as<While>();
      statements(s.body, kind, out, seen);
      statements(s.orelse, kind, out, seen);
      return;
    }
    case NodeKind::With: statements(stmt->as<With>()->body, kind, out, seen); return;
    case NodeKind::Try: {
      const auto& s = *stmt->as<Try>();
      statements(s.body, kind, out, seen);
      for (const ExceptHandler* handler : s.handlers) statements(handler->body, kind, out, seen);
      statements(s.orelse, kind, out, seen);
      statements(s.finalbody, kind, out, seen);
      return;
    }
    case NodeKind::Match:
      for (const MatchCase* matchCase : stmt->as<Match>()->cases)
        statements(matchCase->body, kind, out, seen);
      return;
    default: return;
    }
  }

  static uint32_t firstArgument(const ClassDef& def) {
    uint32_t start = UINT32_MAX;
    for (const Expr* base : def.bases) start = std::min(start, base->range.start);
    for (const Keyword* keyword : def.keywords) start = std::min(start, keyword->range.start);
    return start;
  }

  // Names bound by an assignment target: `a`, `a, (b, *c)`; attributes and subscripts bind
  // nothing in this scope.
  void targets(const Expr* target, const Expr* annotation, ScopeKind kind,
               std::vector<OutlineSymbol>& out, std::unordered_set<std::string_view>& seen) {
    switch (target->kind) {
    case NodeKind::NameExpr: {
      const auto& name = *target->as<NameExpr>();
      std::string_view text = name.id.text();
      if (!name.id || !seen.insert(text).second) return;
      OutlineSymbol symbol;
      symbol.name = std::string(text);
      symbol.kind = kind != ScopeKind::Function && isConstantName(text) ? OutlineKind::Constant
                                                                        : OutlineKind::Variable;
      if (annotation) symbol.detail = oneLine(text_, annotation->range);
      symbol.range = name.range;
      symbol.selectionRange = name.range;
      out.push_back(std::move(symbol));
      return;
    }
    case NodeKind::Tuple:
      for (const Expr* element : target->as<Tuple>()->elts)
        targets(element, nullptr, kind, out, seen);
      return;
    case NodeKind::List:
      for (const Expr* element : target->as<ListExpr>()->elts)
        targets(element, nullptr, kind, out, seen);
      return;
    case NodeKind::Starred:
      if (const Expr* value = target->as<Starred>()->value)
        targets(value, nullptr, kind, out, seen);
      return;
    default: return;
    }
  }

  const SourceText& text_;
};

} // namespace

std::vector<OutlineSymbol> documentSymbols(const parser::Ast& ast, const parser::SourceText& text) {
  if (!ast.module) return {};
  return OutlineBuilder(text).scope(ast.module->body, ScopeKind::Module);
}

} // namespace shrike::checker::ide
