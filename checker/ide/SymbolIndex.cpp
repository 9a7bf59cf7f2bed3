// SymbolIndex: a per-file table of outline symbols with a fuzzy search over all of them.
#include "checker/ide/SymbolIndex.h"

#include <algorithm>
#include <mutex>

#include "checker/ide/FuzzyMatch.h"

namespace shrike::checker::ide {

namespace {

void collect(const std::vector<OutlineSymbol>& symbols, const std::string& container,
             const parser::SourceText& text, parser::ColumnUnit unit,
             std::vector<IndexedSymbol>& out) {
  for (const OutlineSymbol& symbol : symbols) {
    out.push_back(IndexedSymbol{symbol.name, container, symbol.kind,
                                text.toLineColumn(symbol.selectionRange.start, unit),
                                text.toLineColumn(symbol.selectionRange.end, unit)});
    if (symbol.kind == OutlineKind::Class) {
      collect(symbol.children, container.empty() ? symbol.name : container + "." + symbol.name,
              text, unit, out);
    }
  }
}

} // namespace

std::vector<IndexedSymbol> indexableSymbols(const std::vector<OutlineSymbol>& outline,
                                            const parser::SourceText& text,
                                            parser::ColumnUnit unit) {
  std::vector<IndexedSymbol> out;
  collect(outline, "", text, unit, out);
  return out;
}

void SymbolIndex::set(const std::string& path, std::vector<IndexedSymbol> symbols) {
  std::unique_lock lock(mutex_);
  files_[path] = std::move(symbols);
}

void SymbolIndex::remove(const std::string& path) {
  std::unique_lock lock(mutex_);
  files_.erase(path);
}

void SymbolIndex::clear() {
  std::unique_lock lock(mutex_);
  files_.clear();
}

size_t SymbolIndex::fileCount() const {
  std::shared_lock lock(mutex_);
  return files_.size();
}

size_t SymbolIndex::symbolCount() const {
  std::shared_lock lock(mutex_);
  size_t count = 0;
  for (const auto& [path, symbols] : files_) count += symbols.size();
  return count;
}

std::vector<SymbolIndex::Hit> SymbolIndex::search(std::string_view query, size_t limit,
                                                  const CancellationToken& cancelled) const {
  struct Candidate {
    const std::string* path;
    const IndexedSymbol* symbol;
    int score;
  };
  std::vector<Candidate> candidates;
  std::shared_lock lock(mutex_);
  for (const auto& [path, symbols] : files_) {
    if (cancelled) break;
    for (const IndexedSymbol& symbol : symbols) {
      if (auto score = fuzzyScore(query, symbol.name))
        candidates.push_back({&path, &symbol, *score});
    }
  }
  auto better = [](const Candidate& a, const Candidate& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.symbol->name != b.symbol->name) return a.symbol->name < b.symbol->name;
    if (*a.path != *b.path) return *a.path < *b.path;
    return a.symbol->start.line < b.symbol->start.line;
  };
  size_t keep = std::min(limit, candidates.size());
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(keep),
                    candidates.end(), better);
  std::vector<Hit> hits;
  hits.reserve(keep);
  for (size_t i = 0; i < keep; ++i)
    hits.push_back(Hit{*candidates[i].path, *candidates[i].symbol, candidates[i].score});
  return hits;
}

} // namespace shrike::checker::ide
