// SymbolIndex: the names defined at module and class level in every file of the workspace,
// for `workspace/symbol`. Built from each file's outline, so it needs only a parse; the
// positions are stored in the column unit the front end will report them in.
#pragma once

#include <cstddef>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "checker/Cancellation.h"
#include "checker/ide/DocumentSymbols.h"
#include "parser/SourceText.h"

namespace shrike::checker::ide {

struct IndexedSymbol {
  std::string name;
  std::string container; // the enclosing class, `Outer.Inner` for nested ones; empty at top
  OutlineKind kind = OutlineKind::Variable;
  parser::LineColumn start; // of the name
  parser::LineColumn end;
};

// The symbols of one file's outline worth finding from elsewhere: module- and class-level
// definitions (function locals are left out).
std::vector<IndexedSymbol> indexableSymbols(const std::vector<OutlineSymbol>& outline,
                                            const parser::SourceText& text,
                                            parser::ColumnUnit unit);

class SymbolIndex {
public:
  void set(const std::string& path, std::vector<IndexedSymbol> symbols);
  void remove(const std::string& path);
  void clear();
  size_t fileCount() const;
  size_t symbolCount() const;

  struct Hit {
    std::string path;
    IndexedSymbol symbol;
    int score = 0;
  };
  // The best `limit` matches of `query`, best first (ties by name, then path). Stops early
  // with what it has when cancelled.
  std::vector<Hit> search(std::string_view query, size_t limit,
                          const CancellationToken& cancelled = {}) const;

private:
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, std::vector<IndexedSymbol>> files_;
};

} // namespace shrike::checker::ide
