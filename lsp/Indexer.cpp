// Indexer: a background thread that discovers, parses and outlines the workspace's files.
#include "lsp/Indexer.h"

#include <atomic>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "checker/ide/DocumentSymbols.h"
#include "checker/ide/ReferenceTable.h"
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
  // Resolved from the text before this one: scanned again by searches until the next pass.
  workspace.referenceTable().remove(path);
}

void Indexer::forget(const std::string& path, Workspace& workspace) {
  workspace.symbols().remove(path);
  workspace.mentions().remove(path);
  workspace.referenceTable().remove(path);
}

void Indexer::resolveReferences(Workspace& workspace, const std::vector<std::string>& files,
                                const SkipPredicate& skip,
                                const checker::CancellationToken& cancelled,
                                const std::function<void(size_t done)>& onDone,
                                const std::function<void()>& beforeEachFile,
                                size_t filesPerProgram) {
  std::shared_ptr<checker::Program> live = workspace.program();
  std::unique_ptr<checker::Program> program;
  size_t inProgram = 0;
  for (size_t i = 0; i < files.size() && !cancelled; ++i) {
    const std::string& path = files[i];
    if (beforeEachFile) beforeEachFile();
    // Open documents are always scanned from their buffers.
    if (!skip(path)) {
      // A fresh Program now and then: the modules and types resolving needed go with the old.
      if (!program || inProgram >= filesPerProgram) {
        program.reset();
        program = std::make_unique<checker::Program>(live->settings(), live->sharedResolver());
        inProgram = 0;
      }
      ++inProgram;
      uint64_t stamp = workspace.referenceTable().stamp(path);
      try {
        std::shared_ptr<checker::Module> module = program->module(path);
        if (module && module->index) {
          checker::ide::ModuleUses uses =
              checker::ide::crossModuleUses(*program, module, cancelled);
          if (!cancelled) workspace.referenceTable().set(path, uses, stamp);
        }
      } catch (const std::exception& e) {
        log(LogLevel::Error,
            "internal error resolving the references of " + path + ": " + e.what());
      }
    }
    onDone(i + 1);
  }
}

void Indexer::start(Workspace& workspace, parser::ColumnUnit unit, SkipPredicate skip,
                    ProgressCallback progress, std::function<bool()> yieldNow) {
  stop();
  // What an earlier pass resolved may be stale under new settings or folders.
  workspace.referenceTable().clear();
  std::lock_guard lock(mutex_);
  cancel_ = checker::CancellationSource();
  running_ = true;
  thread_ =
      std::thread([this, &workspace, unit, skip = std::move(skip), progress = std::move(progress),
                   yieldNow = std::move(yieldNow), cancelled = cancel_.token()] {
        // Between files, the pass waits while an open document is being checked.
        auto yieldToForeground = [&] {
          while (yieldNow && yieldNow() && !cancelled)
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        };
        auto started = std::chrono::steady_clock::now();
        auto elapsed = [&] {
          return std::chrono::duration_cast<std::chrono::milliseconds>(
              std::chrono::steady_clock::now() - started);
        };
        uint64_t maxFileSize = workspace.program()->settings().maxFileSize;
        std::vector<std::string> files = workspace.files(cancelled);
        IndexProgress state{IndexStage::Files, 0, files.size(), false, false, elapsed()};
        progress(state);
        std::atomic<size_t> next{0}, done{0}, failures{0};
        auto work = [&] {
          lowerThisThreadsPriority();
          for (size_t i = next++; i < files.size() && !cancelled; i = next++) {
            const std::string& path = files[i];
            yieldToForeground();
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
            progress(IndexProgress{IndexStage::Files, done.load(), files.size(), false, false,
                                   elapsed()});
          }
        });
        work();
        for (std::thread& thread : pool) thread.join();
        reporter.join();
        state.done = done;
        state.stageFinished = true;
        state.elapsed = elapsed();
        if (!cancelled) {
          progress(state);
          // The references stage: one thread (this one, at its lower priority), so the other
          // cores stay free for requests.
          state = IndexProgress{IndexStage::References, 0, files.size(), false, false, elapsed()};
          progress(state);
          auto last = std::chrono::steady_clock::now();
          resolveReferences(
              workspace, files, skip, cancelled,
              [&](size_t resolved) {
                state.done = resolved;
                if (std::chrono::steady_clock::now() - last < std::chrono::milliseconds(200))
                  return;
                last = std::chrono::steady_clock::now();
                state.elapsed = elapsed();
                progress(state);
              },
              yieldToForeground);
          state.stageFinished = !cancelled;
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
