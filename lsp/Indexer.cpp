// Indexer: a background thread that discovers, parses and outlines the workspace's files.
#include "lsp/Indexer.h"

#include "checker/ide/DocumentSymbols.h"
#include "lsp/Log.h"
#include "lsp/Workspace.h"
#include "parser/AstLowering.h"

namespace shrike::lsp {

Indexer::~Indexer() {
  stop();
}

void Indexer::indexText(const std::string& path, const parser::SourceText& text,
                        checker::ide::SymbolIndex& index, parser::ColumnUnit unit) {
  parser::Ast ast = parser::parseModule(text);
  index.set(path,
            checker::ide::indexableSymbols(checker::ide::documentSymbols(ast, text), text, unit));
}

void Indexer::start(std::vector<std::string> roots, checker::ide::SymbolIndex& index,
                    parser::ColumnUnit unit, uint64_t maxFileSize, SkipPredicate skip,
                    ProgressCallback progress) {
  stop();
  std::lock_guard lock(mutex_);
  cancel_ = checker::CancellationSource();
  running_ = true;
  thread_ = std::thread([this, roots = std::move(roots), &index, unit, maxFileSize,
                         skip = std::move(skip), progress = std::move(progress),
                         cancelled = cancel_.token()] {
    auto started = std::chrono::steady_clock::now();
    auto elapsed = [&] {
      return std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::steady_clock::now() - started);
    };
    std::vector<std::string> files = Workspace::discoverFiles(roots, cancelled);
    IndexProgress state{0, files.size(), false, elapsed()};
    progress(state);
    auto lastReport = std::chrono::steady_clock::now();
    size_t failures = 0;
    for (const std::string& path : files) {
      if (cancelled) break;
      try {
        if (!skip(path)) {
          std::string error;
          if (std::optional<std::string> bytes = readFile(path, maxFileSize, error)) {
            indexText(path, parser::SourceText(std::move(*bytes)), index, unit);
          } else if (failures++ < 10) {
            log(LogLevel::Info, "not indexing " + path + ": " + error);
          }
        }
      } catch (const std::exception& e) {
        log(LogLevel::Error, "internal error indexing " + path + ": " + e.what());
      }
      ++state.done;
      auto now = std::chrono::steady_clock::now();
      if (now - lastReport > std::chrono::milliseconds(200)) {
        lastReport = now;
        state.elapsed = elapsed();
        progress(state);
      }
    }
    state.finished = true;
    state.elapsed = elapsed();
    progress(state); // also when cancelled, so a progress report the client shows ends
    std::lock_guard lock(mutex_);
    running_ = false;
  });
}

void Indexer::stop() {
  std::thread thread;
  {
    std::lock_guard lock(mutex_);
    cancel_.cancel();
    thread = std::move(thread_);
  }
  if (thread.joinable()) thread.join();
}

bool Indexer::idle() const {
  std::lock_guard lock(mutex_);
  return !running_;
}

} // namespace shrike::lsp
