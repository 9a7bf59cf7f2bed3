// Indexer: a background thread that discovers, parses and outlines the workspace's files.
#include "lsp/Indexer.h"

#include <atomic>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "checker/ide/DocumentSymbols.h"
#include "lsp/Log.h"
#include "lsp/Workspace.h"
#include "parser/AstLowering.h"

namespace shrike::lsp {

namespace {

// Background work yields to requests: a nice value of 10 for the calling thread (Linux
// applies it per thread); elsewhere, or when refused, nothing changes.
void lowerThisThreadsPriority() {
#ifdef __linux__
  ::setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), 10);
#endif
}

} // namespace

Indexer::~Indexer() {
  stop();
}

void Indexer::indexText(const std::string& path, const parser::SourceText& text,
                        Workspace& workspace, parser::ColumnUnit unit) {
  parser::Ast ast = parser::parseModule(text);
  workspace.symbols().set(
      path, checker::ide::indexableSymbols(checker::ide::documentSymbols(ast, text), text, unit));
  workspace.mentions().set(path, text.text());
}

void Indexer::forget(const std::string& path, Workspace& workspace) {
  workspace.symbols().remove(path);
  workspace.mentions().remove(path);
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
    uint64_t maxFileSize = workspace.program()->settings().maxFileSize;
    std::vector<std::string> files = workspace.files(cancelled);
    IndexProgress state{0, files.size(), false, elapsed()};
    progress(state);
    std::atomic<size_t> next{0}, done{0}, failures{0};
    auto work = [&] {
      lowerThisThreadsPriority();
      for (size_t i = next++; i < files.size() && !cancelled; i = next++) {
        const std::string& path = files[i];
        try {
          // Open documents are indexed from their buffers as they change.
          if (!skip(path)) {
            std::string error;
            if (std::optional<std::string> bytes = readFile(path, maxFileSize, error))
              indexText(path, parser::SourceText(std::move(*bytes)), workspace, unit);
            else if (failures++ < 10)
              log(LogLevel::Info, "not indexing " + path + ": " + error);
          }
        } catch (const std::exception& e) {
          log(LogLevel::Error, "internal error indexing " + path + ": " + e.what());
        }
        ++done;
      }
    };
    // Every core helps, at a lower priority than the requests an editor is waiting for.
    unsigned helpers = std::max(1u, std::thread::hardware_concurrency()) - 1;
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < helpers && t + 1 < files.size(); ++t) pool.emplace_back(work);
    std::thread reporter([&] {
      auto last = std::chrono::steady_clock::now();
      while (done < files.size() && !cancelled) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        if (std::chrono::steady_clock::now() - last < std::chrono::milliseconds(200)) continue;
        last = std::chrono::steady_clock::now();
        progress(IndexProgress{done.load(), files.size(), false, elapsed()});
      }
    });
    work();
    for (std::thread& thread : pool) thread.join();
    reporter.join();
    state.done = done;
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
