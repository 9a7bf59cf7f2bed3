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

void Indexer::start(Workspace& workspace, parser::ColumnUnit unit, SkipPredicate skip,
                    ProgressCallback progress) {
  stop();
  std::lock_guard lock(mutex_);
  cancel_ = checker::CancellationSource();
  running_ = true;
  thread_ = std::thread([this, &workspace, unit, skip = std::move(skip),
                         progress = std::move(progress), cancelled = cancel_.token()] {
    auto started = std::chrono::steady_clock::now();
    auto elapsed = [&] {
      return std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::steady_clock::now() - started);
    };
    std::shared_ptr<checker::Program> program = workspace.program();
    std::vector<std::string> files = workspace.files(cancelled);
    IndexProgress state{0, files.size(), false, elapsed()};
    progress(state);
    auto lastReport = std::chrono::steady_clock::now();
    size_t failures = 0;
    checker::ide::SymbolIndex& index = workspace.symbols();
    for (const std::string& path : files) {
      if (cancelled) break;
      try {
        // Open documents are indexed from their buffers as they change.
        if (!skip(path)) {
          std::shared_ptr<checker::Module> module = program->module(path);
          if (module && module->ast && module->text) {
            index.set(path, checker::ide::indexableSymbols(
                                checker::ide::documentSymbols(*module->ast, *module->text),
                                *module->text, unit));
          } else if (failures++ < 10) {
            log(LogLevel::Info, "not indexing " + path + ": " +
                                    (module ? module->readError : std::string("cannot read it")));
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
