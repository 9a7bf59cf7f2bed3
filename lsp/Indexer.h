// Indexer: indexes the workspace in the background after initialize — every Python file of
// the workspace is parsed, its definitions go into the symbol index and the identifiers it
// spells into the mention index — reporting progress as it goes. Restarted when the folders
// or settings change.
//
// The files are not loaded into the Program: a module stays parsed and bound (its AST and
// semantic index, about 10 bytes per byte of source) only once a check or a search needs it,
// and a search for references needs only the files that spell the name.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "checker/Cancellation.h"
#include "checker/ide/SymbolIndex.h"
#include "parser/SourceText.h"

namespace shrike::lsp {

class Workspace;

struct IndexProgress {
  size_t done = 0;
  size_t total = 0;
  bool finished = false;
  std::chrono::milliseconds elapsed{0};
};

class Indexer {
public:
  using ProgressCallback = std::function<void(const IndexProgress&)>;
  // Decides whether a path is left alone (open documents are indexed from their buffer).
  using SkipPredicate = std::function<bool(const std::string& path)>;

  ~Indexer();

  // Cancels a running pass and starts a new one over the workspace on its own thread.
  void start(Workspace& workspace, parser::ColumnUnit unit, SkipPredicate skip,
             ProgressCallback progress);
  // Cancels and waits for the running pass.
  void stop();
  bool idle() const;

  // Indexes one file's text (also used for single files changed on disk or in an editor).
  static void indexText(const std::string& path, const parser::SourceText& text,
                        Workspace& workspace, parser::ColumnUnit unit);
  // Forgets a file (deleted, or a buffer that was no file closed).
  static void forget(const std::string& path, Workspace& workspace);

private:
  mutable std::mutex mutex_;
  std::thread thread_;
  checker::CancellationSource cancel_;
  bool running_ = false;
};

} // namespace shrike::lsp
