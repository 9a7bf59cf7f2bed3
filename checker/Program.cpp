// Program: reading files (or overlays), the module graph, and the checks per file, in parallel.
#include "checker/Program.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "checker/TypeSession.h"
#include "checker/check/NameChecks.h"
#include "checker/check/Suppressions.h"

namespace shrike::checker {

namespace {

// The name checks ask whether a call can return; the evaluator knows (NoReturn callees).
class EvaluatorFlowOracle : public bind::FlowOracle {
public:
  EvaluatorFlowOracle(Evaluator& evaluator, const BoundModule& module)
      : evaluator_(evaluator), module_(module) {}
  bool callNeverReturns(const parser::Call* call) const override {
    return evaluator_.callNeverReturns(module_, call);
  }

private:
  Evaluator& evaluator_;
  const BoundModule& module_;
};

} // namespace

std::shared_ptr<Program::TypeSession> Program::typeSession() {
  std::lock_guard lock(typesMutex_);
  if (!types_) {
    EvaluatorOptions options;
    options.version = target_.version;
    options.platform = target_.platform.empty() ? "linux" : target_.platform;
    types_ = std::make_shared<TypeSession>(*graph_, options);
  }
  return types_;
}

void Program::resetTypes() {
  std::lock_guard lock(typesMutex_);
  types_.reset();
}

Program::Program(Settings settings) : Program(settings, ModuleResolver::create(settings)) {}

Program::Program(Settings settings, std::shared_ptr<ModuleResolver> resolver)
    : settings_(std::move(settings)), resolver_(std::move(resolver)) {
  rebuildGraph();
}

Program::~Program() = default;

void Program::rebuildGraph() {
  resetTypes();
  target_ = resolver_->target();
  bind::BindOptions options;
  options.version = target_.version;
  options.platform = target_.platform.empty() ? "linux" : target_.platform;
  graph_ = std::make_unique<ModuleGraph>(
      resolver_, options, [this](const std::string& path) { return readFile(path); });
  graph_->measurePhases(&phaseTimes_);
  // A new resolver learns the in-memory files anew.
  std::lock_guard lock(overlaysMutex_);
  for (const auto& [path, text] : overlays_) resolver_->addInMemoryFile(path);
}

void Program::updateSettings(Settings settings) {
  bool sameResolution =
      settings.pythonVersion == settings_.pythonVersion &&
      settings.pythonPlatform == settings_.pythonPlatform && settings.python == settings_.python &&
      settings.projectRoot == settings_.projectRoot &&
      settings.extraSearchPaths == settings_.extraSearchPaths &&
      settings.stubPath == settings_.stubPath && settings.typeshedPath == settings_.typeshedPath;
  bool sameInterpreter = settings.python == settings_.python;
  settings_ = std::move(settings);
  if (sameResolution) return;
  // The environment only changes with the interpreter; keep what it answered.
  resolver_ = sameInterpreter
                  ? std::make_shared<ModuleResolver>(settings_, resolver_->environment())
                  : ModuleResolver::create(settings_);
  rebuildGraph();
}

void Program::setOverlay(const std::string& path, std::shared_ptr<const parser::SourceText> text,
                         parser::SharedTree tree) {
  bool hasTree = tree && text;
  {
    std::lock_guard lock(overlaysMutex_);
    overlays_[path] = text;
    if (hasTree)
      overlayTrees_[path] = std::move(tree);
    else
      overlayTrees_.erase(path);
    if (!hasTree) overlayPreviousAsts_.erase(path);
  }
  resolver_->addInMemoryFile(path,
                             text ? std::optional<std::string_view>(text->text()) : std::nullopt);
  std::shared_ptr<Module> old = graph_->invalidate(path);
  // The version just replaced, when it was loaded from a tree, is what the next lowering
  // copies from (kept alive through its module); one never loaded leaves the older one.
  if (hasTree && old && old->isLoaded() && old->ast && old->ast->reusable) {
    std::lock_guard lock(overlaysMutex_);
    overlayPreviousAsts_[path] = std::shared_ptr<const parser::Ast>(old, old->ast.get());
  }
  resetTypes();
}

void Program::clearOverlay(const std::string& path) {
  {
    std::lock_guard lock(overlaysMutex_);
    overlays_.erase(path);
    overlayTrees_.erase(path);
    overlayPreviousAsts_.erase(path);
  }
  resolver_->removeInMemoryFile(path);
  graph_->invalidate(path);
  resetTypes();
}

void Program::clearOverlays() {
  resetTypes();
  std::unordered_map<std::string, std::shared_ptr<const parser::SourceText>> old;
  {
    std::lock_guard lock(overlaysMutex_);
    old.swap(overlays_);
    overlayTrees_.clear();
    overlayPreviousAsts_.clear();
  }
  for (const auto& [path, text] : old) resolver_->removeInMemoryFile(path);
  // Modules made from overlays, and project modules that may have imported them, go.
  graph_->forgetProjectModules([&](const Module& m) {
    return old.count(m.path) != 0 || m.origin == ModuleOrigin::Project ||
           m.kind == ModuleKind::NamespacePackage;
  });
}

void Program::fileChangedOnDisk(const std::string& path) {
  resolver_->fileChanged(path);
  graph_->invalidate(path);
  resetTypes();
}

namespace {

// Offsets into a text are 32-bit: no limit may let a file past 2 GiB through.
constexpr uint64_t largestText = uint64_t(1) << 31;

std::string withSeparators(uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

SkippedFile tooLarge(uint64_t limit, std::optional<uint64_t> size) {
  return SkippedFile{
      Rule::FileTooLarge,
      "This file " + (size ? "has " + withSeparators(*size) + " bytes" : "is larger") +
          ", more than `max-file-size` (" + withSeparators(limit) + " bytes): it was not checked",
      0};
}

// Reads at most `limit` + 1 bytes: enough to know a file is too large without reading it all
// (a device or an endless file included).
std::optional<std::string> readAtMost(const std::string& path, uint64_t limit) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string bytes;
  char chunk[64 * 1024];
  while (bytes.size() <= limit) {
    in.read(chunk, sizeof chunk);
    if (in.gcount() <= 0) break;
    bytes.append(chunk, static_cast<size_t>(in.gcount()));
  }
  return bytes;
}

} // namespace

FileRead Program::readFile(const std::string& path) {
  FileRead read;
  const uint64_t limit = std::min(settings_.maxFileSize, largestText);
  {
    std::lock_guard lock(overlaysMutex_);
    if (auto it = overlays_.find(path); it != overlays_.end()) {
      read.text = it->second;
      if (auto tree = overlayTrees_.find(path); tree != overlayTrees_.end()) {
        read.tree = tree->second;
        // Taken: once this version is loaded, it is the one the next lowering copies from.
        if (auto previous = overlayPreviousAsts_.find(path);
            previous != overlayPreviousAsts_.end()) {
          read.previousAst = std::move(previous->second);
          overlayPreviousAsts_.erase(previous);
        }
      }
    }
  }
  if (!read.text) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::file_status status = fs::status(path, ec);
    // Opening a pipe would wait for a writer; a folder is no file.
    if (!ec && (fs::is_fifo(status) || fs::is_socket(status))) {
      read.error = "not a regular file";
      return read;
    }
    if (!ec && fs::is_directory(status)) {
      read.error = std::strerror(EISDIR);
      return read;
    }
    std::optional<std::string> bytes = readAtMost(path, limit);
    if (!bytes) {
      read.error = std::strerror(errno); // "Permission denied", "No such file or directory"...
      return read;
    }
    if (bytes->size() > limit) {
      uint64_t size = fs::file_size(path, ec);
      read.text = std::make_shared<const parser::SourceText>();
      read.skipped = tooLarge(limit, ec ? std::nullopt : std::optional<uint64_t>(size));
      return read;
    }
    read.text = std::make_shared<const parser::SourceText>(std::move(*bytes));
  }
  // An editor buffer is held to the same limits as a file.
  if (read.text->size() > limit) {
    read.skipped = tooLarge(limit, read.text->size());
  } else if (size_t nul = read.text->text().find('\0'); nul != std::string_view::npos) {
    read.skipped = SkippedFile{Rule::InvalidEncoding,
                               "This file holds NUL bytes, so it is not Python source (a binary "
                               "file?): it was not checked",
                               static_cast<uint32_t>(nul)};
  }
  return read;
}

std::shared_ptr<Module> Program::module(const std::string& path) {
  auto m = graph_->moduleForPath(path);
  graph_->ready(*m);
  if (!m->text) return nullptr;
  return m;
}

CheckedFile Program::checkFile(const std::string& path) {
  CheckedFile result;
  result.path = path;
  auto module = graph_->moduleForPath(path);
  graph_->ready(*module);
  result.text = module->text;
  if (!result.text) {
    result.readError = module->readError.empty() ? "cannot open file" : module->readError;
    return result;
  }
  std::vector<Diagnostic> raw;
  // A skipped file binds as an empty module: the reason it was skipped is all there is to say.
  if (const std::optional<SkippedFile>& skipped = module->skipped) {
    raw.push_back(Diagnostic{skipped->rule,
                             ruleInfo(skipped->rule).defaultSeverity,
                             {skipped->offset, skipped->offset},
                             skipped->message,
                             {}});
  } else if (uint32_t at = result.text->firstInvalidUtf8Offset();
             result.text->hadInvalidUtf8() &&
             std::none_of(module->ast->syntaxErrors.begin(), module->ast->syntaxErrors.end(),
                          [&](const parser::SyntaxError& e) { return e.range.start == at; })) {
    // Reported once, where the first bad byte was; the text has U+FFFD (3 bytes) there. A file
    // meant as UTF-8 already has the parser's error there (CPython refuses it); this is for
    // one that declares another encoding, which Shrike reads as UTF-8 all the same.
    raw.push_back(Diagnostic{Rule::InvalidEncoding,
                             ruleInfo(Rule::InvalidEncoding).defaultSeverity,
                             {at, std::min(at + 3, result.text->size())},
                             "This byte is not valid UTF-8 (Shrike reads every file as UTF-8): "
                             "it and every other such byte in the file were read as U+FFFD",
                             {}});
  }
  for (const parser::SyntaxError& error : module->ast->syntaxErrors)
    raw.push_back(Diagnostic{Rule::InvalidSyntax, Severity::Error, error.range, error.message, {}});
  for (const bind::ContextError& error : module->index->contextErrors())
    raw.push_back(Diagnostic{Rule::InvalidSyntax, Severity::Error, error.range, error.message, {}});
  {
    ScopedPhase phase(&phaseTimes_, Phase::ImportChecks);
    checkImports(*graph_, *module, raw);
  }
  auto types = typeSession();
  if (const BoundModule* bound = types->provider.boundFor(module)) {
    EvaluatorFlowOracle oracle(types->evaluator, *bound);
    {
      ScopedPhase phase(&phaseTimes_, Phase::NameChecks);
      checkNames(*graph_, *module, &oracle, raw);
    }
    ScopedPhase phase(&phaseTimes_, Phase::TypeChecks);
    for (Diagnostic& d : types->evaluator.checkModule(*bound)) raw.push_back(std::move(d));
  } else {
    ScopedPhase phase(&phaseTimes_, Phase::NameChecks);
    checkNames(*graph_, *module, nullptr, raw);
  }

  // Configured rule levels apply here, in one place.
  for (Diagnostic& d : raw) {
    auto severity = effectiveSeverity(settings_, d.rule, path);
    if (!severity) continue;
    d.severity = *severity;
    result.diagnostics.push_back(std::move(d));
  }
  applySuppressions(*result.text, module->ast->comments, result.diagnostics, settings_, path);
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     if (a.range.start != b.range.start) return a.range.start < b.range.start;
                     return a.rule < b.rule;
                   });
  return result;
}

std::vector<CheckedFile> Program::checkFiles(const std::vector<std::string>& paths,
                                             unsigned threads,
                                             const std::function<void(size_t done)>& onFileDone) {
  std::vector<CheckedFile> results(paths.size());
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = std::min<unsigned>(threads, static_cast<unsigned>(std::max<size_t>(1, paths.size())));
  // The largest files go first: a big file taken last would leave the other threads idle
  // while it is checked alone. Results keep the caller's order.
  std::vector<size_t> order(paths.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  if (threads > 1) {
    std::vector<uintmax_t> sizes(paths.size(), 0);
    for (size_t i = 0; i < paths.size(); ++i) {
      std::error_code error; // an unreadable file is reported when it is checked
      uintmax_t size = std::filesystem::file_size(paths[i], error);
      if (!error) sizes[i] = size;
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return sizes[a] > sizes[b]; });
  }
  std::atomic<size_t> next{0};
  std::mutex doneMutex;
  size_t done = 0;
  auto work = [&] {
    for (size_t taken = next++; taken < paths.size(); taken = next++) {
      size_t i = order[taken];
      try {
        results[i] = checkFile(paths[i]);
      } catch (const std::exception& e) {
        results[i].path = paths[i];
        results[i].diagnostics.push_back(
            Diagnostic{Rule::InternalError,
                       Severity::Error,
                       {},
                       std::string("Shrike failed on this file: ") + e.what(),
                       {}});
      }
      if (onFileDone) {
        std::lock_guard lock(doneMutex);
        onFileDone(++done);
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& thread : pool) thread.join();
  return results;
}

} // namespace shrike::checker

// ---- the IDE index ------------------------------------------------------------------------

namespace shrike::checker {

std::shared_ptr<const ide::IdeIndex> Program::ideIndexOf(const std::shared_ptr<Module>& module) {
  {
    std::lock_guard lock(ideMutex_);
    auto it = ideIndexes_.find(module->id);
    if (it != ideIndexes_.end() && it->second.module.lock() == module) {
      bool fresh = true;
      for (const auto& [id, weak] : it->second.dependencies) {
        auto now = graph_->module(id);
        if (!now || weak.lock() != now) {
          fresh = false;
          break;
        }
      }
      if (fresh) return it->second.index;
    }
  }
  auto index = std::make_shared<ide::IdeIndex>(ide::buildIdeIndex(*graph_, *module));
  CachedIdeIndex cached;
  cached.module = module;
  cached.index = index;
  for (ModuleId id : index->referencedModules())
    if (auto m = graph_->module(id)) cached.dependencies.push_back({id, m});
  std::lock_guard lock(ideMutex_);
  ideIndexes_[module->id] = std::move(cached);
  return index;
}

std::shared_ptr<const ide::IdeIndex> Program::ideIndex(const std::string& path) {
  auto m = module(path);
  return m ? ideIndexOf(m) : nullptr;
}

std::vector<ide::DeclarationRef> Program::declarationsAt(const std::string& path, uint32_t offset) {
  std::vector<ide::DeclarationRef> out;
  auto index = ideIndex(path);
  if (!index) return out;
  for (const ide::Use& use : index->usesAt(offset))
    if (std::find(out.begin(), out.end(), use.target) == out.end()) out.push_back(use.target);
  return out;
}

std::optional<SourceLocation> Program::locationOf(ide::DeclarationRef declaration) {
  auto m = graph_->module(declaration.module);
  if (!m) return std::nullopt;
  if (declaration.isModule()) return SourceLocation{m->path, {}};
  graph_->ready(*m);
  if (!m->index || declaration.decl >= m->index->declarations().size()) return std::nullopt;
  return SourceLocation{m->path, m->index->declaration(declaration.decl).nameRange};
}

std::vector<SourceLocation> Program::referencesTo(ide::DeclarationRef declaration,
                                                  const std::vector<std::string>& alsoSearch) {
  std::vector<std::shared_ptr<Module>> modules;
  for (const std::string& path : alsoSearch) graph_->moduleForPath(path);
  graph_->forEachModule([&](const std::shared_ptr<Module>& m) {
    if (m->origin == ModuleOrigin::Project && m->kind != ModuleKind::NamespacePackage)
      modules.push_back(m);
  });
  // The declaration's own module is searched even when it is not a project module.
  if (auto own = graph_->module(declaration.module); own && own->origin != ModuleOrigin::Project)
    modules.push_back(own);
  std::vector<SourceLocation> out;
  for (const auto& m : modules) {
    graph_->ready(*m);
    if (!m->text) continue;
    auto index = ideIndexOf(m);
    index->forEachUseOf(declaration, [&](const ide::Use& use) {
      out.push_back(SourceLocation{m->path, parser::TextRange{use.start, use.end()}});
    });
  }
  std::sort(out.begin(), out.end(), [](const SourceLocation& a, const SourceLocation& b) {
    return a.path != b.path ? a.path < b.path : a.range.start < b.range.start;
  });
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

} // namespace shrike::checker
