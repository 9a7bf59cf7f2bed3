// Indexer: indexes the workspace in the background after initialize, reporting progress as it
// goes, in two stages. Files: every Python file of the workspace is parsed, its definitions go
// into the symbol index and the identifiers it spells into the mention index. References:
// each file's uses of other modules' symbols (attributes through their receivers' types) are
// resolved into the reference table, so that find-references looks them up. Restarted when
// the folders or settings change.
//
// The files are not loaded into the server's Program: a module stays parsed and bound (its AST
// and semantic index, about 10 bytes per byte of source) only once a check or a search needs
// it. The references stage resolves files in a Program of its own, dropped every few dozen
// files, so what it loads and infers does not stay in memory.
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

enum class IndexStage { Files, References };

struct IndexProgress {
  IndexStage stage = IndexStage::Files;
  size_t done = 0; // of the stage
  size_t total = 0;
  bool stageFinished = false;
  bool finished = false; // the whole pass (also when cancelled)
  std::chrono::milliseconds elapsed{0};
};

class Indexer {
public:
  using ProgressCallback = std::function<void(const IndexProgress&)>;
  // Decides whether a path is left alone (open documents are indexed from their buffer).
  using SkipPredicate = std::function<bool(const std::string& path)>;

  ~Indexer();

  // Cancels a running pass and starts a new one over the workspace on its own thread.
  // `yieldNow` (optional) says when foreground work (the check of an open document) is
  // running: the pass then pauses between files, so the check has the cores to itself.
  void start(Workspace& workspace, parser::ColumnUnit unit, SkipPredicate skip,
             ProgressCallback progress, std::function<bool()> yieldNow = {});
  // Cancels and waits for the running pass.
  void stop();
  bool idle() const;

  // Indexes one file's text (also used for single files changed on disk or in an editor).
  static void indexText(const std::string& path, const parser::SourceText& text,
                        Workspace& workspace, parser::ColumnUnit unit);
  // Forgets a file (deleted, or a buffer that was no file closed).
  static void forget(const std::string& path, Workspace& workspace);
  // Resolves the files' uses of other modules into the workspace's reference table, in a
  // Program of its own replaced every `filesPerProgram` files; `onDone` gets the count done.
  static void resolveReferences(Workspace& workspace, const std::vector<std::string>& files,
                                const SkipPredicate& skip,
                                const checker::CancellationToken& cancelled,
                                const std::function<void(size_t done)>& onDone,
                                const std::function<void()>& beforeEachFile = {},
                                size_t filesPerProgram = 64);

private:
  mutable std::mutex mutex_;
  std::thread thread_;
  checker::CancellationSource cancel_;
  bool running_ = false;
};

} // namespace shrike::lsp
