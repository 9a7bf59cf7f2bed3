// SemanticIndex: storage, node maps and LEGB lookups of one module's binding results.
#include "checker/bind/SemanticIndex.h"

#include <algorithm>

namespace shrike::checker::bind {

using namespace parser;

std::string_view scopeKindName(ScopeKind kind) {
  switch (kind) {
  case ScopeKind::Module: return "module";
  case ScopeKind::Class: return "class";
  case ScopeKind::Function: return "function";
  case ScopeKind::Lambda: return "lambda";
  case ScopeKind::Comprehension: return "comprehension";
  case ScopeKind::TypeParams: return "type-params";
  }
  return "?";
}

std::string_view declarationKindName(DeclarationKind kind) {
  switch (kind) {
  case DeclarationKind::Variable: return "variable";
  case DeclarationKind::Parameter: return "parameter";
  case DeclarationKind::Function: return "function";
  case DeclarationKind::Class: return "class";
  case DeclarationKind::Import: return "import";
  case DeclarationKind::ImportFrom: return "import-from";
  case DeclarationKind::TypeAlias: return "type-alias";
  case DeclarationKind::TypeParameter: return "type-parameter";
  case DeclarationKind::Implicit: return "implicit";
  }
  return "?";
}

namespace {
uint64_t symbolKey(ScopeId scope, Name name) {
  return (static_cast<uint64_t>(scope) << 32) | name.id;
}
} // namespace

bool SemanticIndex::isUnreachable(uint32_t offset) const {
  auto it = std::upper_bound(unreachable_.begin(), unreachable_.end(), offset,
                             [](uint32_t o, const TextRange& r) { return o < r.start; });
  if (it == unreachable_.begin()) return false;
  --it;
  return it->contains(offset);
}

SymbolId SemanticIndex::localSymbol(ScopeId scope, Name name) const {
  uint32_t id = symbolMap_.find(symbolKey(scope, name));
  return id == FlatMap::missing ? noId : id;
}

SymbolId SemanticIndex::lookup(ScopeId from, Name name) const {
  // A class body is visible from itself and from type-parameter (annotation) scopes directly
  // inside it; every other scope nested in a class skips it.
  bool classVisible = true;
  for (ScopeId s = from; s != noId;) {
    const Scope& scope = scopes_[s];
    if (scope.kind != ScopeKind::Class || classVisible) {
      SymbolId id = localSymbol(s, name);
      if (id != noId) {
        const Symbol& symbol = symbols_[id];
        if (symbol.has(SymbolGlobal)) {
          SymbolId global = localSymbol(moduleScopeId, name);
          return global != noId && symbols_[global].isScopeName() ? global : noId;
        }
        if (!symbol.has(SymbolNonlocal) && symbol.isScopeName()) return id;
      }
    }
    if (scope.kind != ScopeKind::TypeParams) classVisible = false;
    s = scope.parent;
  }
  return noId;
}

ScopeId SemanticIndex::scopeOf(const Node* node) const {
  uint32_t id = scopeMap_.find(pointerKey(node));
  return id == FlatMap::missing ? noId : id;
}

DeclId SemanticIndex::declarationOf(const Node* node) const {
  auto it = std::lower_bound(
      declsByNode_.begin(), declsByNode_.end(), node,
      [&](DeclId d, const Node* n) { return std::less<const Node*>()(declarations_[d].node, n); });
  return it != declsByNode_.end() && declarations_[*it].node == node ? *it : noId;
}

const Reference* SemanticIndex::referenceOf(const Expr* expr) const {
  std::less<const Node*> less;
  // The first sample at or after expr; the first entry for expr is at most one block before.
  size_t sample =
      static_cast<size_t>(std::lower_bound(referenceSamples_.begin(), referenceSamples_.end(),
                                           static_cast<const Node*>(expr), less) -
                          referenceSamples_.begin());
  size_t begin = sample == 0 ? 0 : (sample - 1) * referenceSampleStride;
  size_t end = std::min(referencesByNode_.size(), sample * referenceSampleStride + 1);
  for (size_t i = begin; i < end; ++i) {
    const Node* node = references_[referencesByNode_[i]].node;
    if (node == expr) return &references_[referencesByNode_[i]];
    if (less(expr, node)) break;
  }
  return nullptr;
}

const Expr* SemanticIndex::stringAnnotation(const StringLiteral* literal) const {
  uint32_t id = stringAnnotationMap_.find(pointerKey(literal));
  return id == FlatMap::missing ? nullptr : stringAnnotations_[id];
}

std::vector<SymbolId> SemanticIndex::symbolsOf(ScopeId scope) const {
  std::vector<SymbolId> out;
  if (scope >= firstInScope_.size()) return out;
  for (SymbolId i = firstInScope_[scope]; i != noId; i = nextInScope_[i]) out.push_back(i);
  return out;
}

ScopeId SemanticIndex::executionScope(ScopeId scope) const {
  while (scope != noId && !scopes_[scope].isExecutionScope()) scope = scopes_[scope].parent;
  return scope;
}

ScopeId SemanticIndex::enclosingScope(const Node* node) const {
  for (const Node* n = node ? node->parent : nullptr; n; n = n->parent) {
    ScopeId s = scopeOf(n);
    if (s != noId) return s;
  }
  return moduleScopeId;
}

size_t SemanticIndex::bytes() const {
  size_t total =
      scopes_.capacity() * sizeof(Scope) + symbols_.capacity() * sizeof(Symbol) +
      declarations_.capacity() * sizeof(Declaration) + imports_.capacity() * sizeof(ImportRecord) +
      references_.capacity() * sizeof(Reference) + flow_.bytes() + keys_.bytes() +
      symbolMap_.bytes() + scopeMap_.bytes() + declsByNode_.capacity() * 4 +
      referencesByNode_.capacity() * 4 + referenceSamples_.capacity() * sizeof(const Node*) +
      stringAnnotationMap_.bytes() + arena_->bytesReserved() +
      (firstInScope_.capacity() + lastInScope_.capacity() + nextInScope_.capacity()) * 4;
  for (const ContextError& e : contextErrors_) total += sizeof(e) + e.message.capacity();
  return total;
}

ScopeId SemanticIndex::addScope(ScopeKind kind, ScopeId parent, const Node* node) {
  Scope scope;
  scope.kind = kind;
  scope.parent = parent;
  scope.node = node;
  scope.depth = parent == noId ? 0 : static_cast<uint16_t>(scopes_[parent].depth + 1);
  scopes_.push_back(scope);
  return static_cast<ScopeId>(scopes_.size() - 1);
}

SymbolId SemanticIndex::addSymbol(ScopeId scope, Name name) {
  uint32_t next = static_cast<uint32_t>(symbols_.size());
  uint32_t id = symbolMap_.insert(symbolKey(scope, name), next);
  if (id == next) {
    Symbol symbol;
    symbol.name = name;
    symbol.scope = scope;
    std::string_view text = name.text();
    if (text.size() > 1 && text[0] == '_' &&
        !(text.size() > 4 && text.starts_with("__") && text.ends_with("__")))
      symbol.flags |= SymbolPrivate;
    symbols_.push_back(symbol);
    if (scope >= firstInScope_.size()) {
      firstInScope_.resize(scope + 1, noId);
      lastInScope_.resize(scope + 1, noId);
    }
    nextInScope_.push_back(noId);
    if (lastInScope_[scope] == noId)
      firstInScope_[scope] = id;
    else
      nextInScope_[lastInScope_[scope]] = id;
    lastInScope_[scope] = id;
  }
  return id;
}

DeclId SemanticIndex::addDeclaration(SymbolId symbolId, const Declaration& declaration) {
  declarations_.push_back(declaration);
  DeclId id = static_cast<DeclId>(declarations_.size() - 1);
  Declaration& decl = declarations_.back();
  decl.symbol = symbolId;
  decl.nextInSymbol = noId;
  Symbol& symbol = symbols_[symbolId];
  if (symbol.lastDecl == noId)
    symbol.firstDecl = id;
  else
    declarations_[symbol.lastDecl].nextInSymbol = id;
  symbol.lastDecl = id;
  return id;
}

size_t SemanticIndex::addReference(const Reference& reference) {
  references_.push_back(reference);
  size_t index = references_.size() - 1;
  return index;
}

ImportId SemanticIndex::addImport(const ImportRecord& record) {
  imports_.push_back(record);
  return static_cast<ImportId>(imports_.size() - 1);
}

void SemanticIndex::addContextError(TextRange range, std::string message) {
  contextErrors_.push_back(ContextError{range, std::move(message)});
}

void SemanticIndex::addUnreachable(TextRange range) {
  if (!unreachable_.empty() && unreachable_.back().end >= range.start &&
      unreachable_.back().start <= range.start) {
    unreachable_.back().end = std::max(unreachable_.back().end, range.end);
    return;
  }
  unreachable_.push_back(range);
}

void SemanticIndex::mapScope(const Node* node, ScopeId scope) {
  scopeMap_.assign(pointerKey(node), scope);
}

const Expr* SemanticIndex::typeCommentAnnotation(const parser::Node* node) const {
  uint32_t id = stringAnnotationMap_.find(pointerKey(node));
  return id == FlatMap::missing ? nullptr : stringAnnotations_[id];
}

void SemanticIndex::mapTypeComment(const parser::Node* node, const Expr* parsed) {
  stringAnnotations_.push_back(parsed);
  stringAnnotationMap_.assign(pointerKey(node),
                              static_cast<uint32_t>(stringAnnotations_.size() - 1));
}

void SemanticIndex::mapStringAnnotation(const StringLiteral* literal, const Expr* parsed) {
  stringAnnotations_.push_back(parsed);
  stringAnnotationMap_.assign(pointerKey(literal),
                              static_cast<uint32_t>(stringAnnotations_.size() - 1));
}

void SemanticIndex::resolveReferences() {
  for (Reference& ref : references_) {
    if (ref.has(RefStore) || ref.has(RefDel)) {
      if (ref.symbol != noId) continue;
    }
    if (ref.key == noId) continue;
    KeyId root = keys_.root(ref.key);
    ref.symbol = lookup(ref.scope, keys_.key(root).name());
  }
}

void SemanticIndex::finish() {
  std::sort(unreachable_.begin(), unreachable_.end(),
            [](const TextRange& a, const TextRange& b) { return a.start < b.start; });
  std::vector<TextRange> merged;
  for (const TextRange& r : unreachable_) {
    if (!merged.empty() && r.start <= merged.back().end)
      merged.back().end = std::max(merged.back().end, r.end);
    else
      merged.push_back(r);
  }
  unreachable_ = std::move(merged);
  declsByNode_.clear();
  for (DeclId d = 0; d < declarations_.size(); ++d)
    if (declarations_[d].node) declsByNode_.push_back(d);
  std::stable_sort(declsByNode_.begin(), declsByNode_.end(), [&](DeclId a, DeclId b) {
    return std::less<const Node*>()(declarations_[a].node, declarations_[b].node);
  });
  referencesByNode_.resize(references_.size());
  for (uint32_t r = 0; r < references_.size(); ++r) referencesByNode_[r] = r;
  std::stable_sort(referencesByNode_.begin(), referencesByNode_.end(), [&](uint32_t a, uint32_t b) {
    return std::less<const Node*>()(references_[a].node, references_[b].node);
  });
  referenceSamples_.clear();
  for (size_t i = 0; i < referencesByNode_.size(); i += referenceSampleStride)
    referenceSamples_.push_back(references_[referencesByNode_[i]].node);
  referenceSamples_.shrink_to_fit();
  declsByNode_.shrink_to_fit();
  scopes_.shrink_to_fit();
  symbols_.shrink_to_fit();
  nextInScope_.shrink_to_fit();
  declarations_.shrink_to_fit();
  imports_.shrink_to_fit();
  references_.shrink_to_fit();
  flow_.shrinkToFit();
}

} // namespace shrike::checker::bind
