// Diagnostics: the checker's findings for open files, pushed after edits (debounced) or
// pulled by the client — the same Program::checkFile that `shrike check` runs.
#include <span>
#include <unordered_set>

#include "lsp/Log.h"
#include "lsp/Positions.h"
#include "lsp/Prefetch.h"
#include "lsp/Uri.h"
#include "lsp/features/Features.h"
#include "parser/StableHash.h"

namespace shrike::lsp::features {

namespace {

DiagnosticSeverity severityOf(checker::Severity severity) {
  switch (severity) {
  case checker::Severity::Error: return DiagnosticSeverity::Error;
  case checker::Severity::Warning: return DiagnosticSeverity::Warning;
  case checker::Severity::Information: return DiagnosticSeverity::Information;
  case checker::Severity::Hint: return DiagnosticSeverity::Hint;
  }
  return DiagnosticSeverity::Error;
}

// The text a note in another file points into: its open buffer, else the file on disk.
std::shared_ptr<const parser::SourceText> textOf(ServerContext& context, const std::string& path) {
  if (auto open = context.documents.findByPath(path)) return open->text;
  std::string error;
  if (auto bytes = readFile(path, context.workspace.program()->settings().maxFileSize, error))
    return std::make_shared<const parser::SourceText>(std::move(*bytes));
  return nullptr;
}

std::vector<Diagnostic> convert(ServerContext& context, const checker::CheckedFile& file,
                                const std::string& uri) {
  std::vector<Diagnostic> out;
  for (const checker::Diagnostic& finding : file.diagnostics) {
    Diagnostic diagnostic;
    diagnostic.range = toRange(*file.text, finding.range, context.encoding);
    diagnostic.severity = severityOf(finding.severity);
    diagnostic.code = std::string(checker::ruleInfo(finding.rule).code);
    diagnostic.message = finding.message;
    for (const checker::DiagnosticNote& note : finding.notes) {
      if (!context.capabilities.relatedInformation) {
        // Without related information the note still reaches the reader, in the message.
        diagnostic.message += "\n" + note.message;
        continue;
      }
      bool sameFile = note.path.empty() || note.path == file.path;
      std::shared_ptr<const parser::SourceText> text =
          sameFile ? file.text : textOf(context, note.path);
      if (!text) {
        diagnostic.message += "\n" + note.message;
        continue;
      }
      diagnostic.relatedInformation.push_back(
          DiagnosticRelatedInformation{Location{sameFile ? uri : pathToUri(note.path),
                                                toRange(*text, note.range, context.encoding)},
                                       note.message});
    }
    out.push_back(std::move(diagnostic));
  }
  return out;
}

// How far from the checked file the prefetch walks the imports (see Prefetch.h): query.py's
// imports (one step) name Django's model packages, whose own imports (two) hold most of what
// its check needs.
constexpr unsigned prefetchDepth = 2;

// Program::checkFile, with the modules it will likely need loaded on another worker
// meanwhile (when there is one).
checker::CheckedFile checkWithPrefetch(ServerContext& context,
                                       const std::shared_ptr<checker::Program>& program,
                                       const std::string& path) {
  checker::CancellationSource checked;
  if (context.scheduler.workers() > 1) {
    context.scheduler.run([program, path, done = checked.token()] {
      prefetchImports(*program, {path}, prefetchDepth, done);
    });
  }
  struct CancelOnExit {
    checker::CancellationSource& source;
    ~CancelOnExit() { source.cancel(); }
  } cancelOnExit{checked};
  return program->checkFile(path);
}

std::string diagnosticsKey(const std::string& uri) {
  return "diagnostics " + uri;
}

// Does `module` depend on the module `changed`: import it (as `import`, `from`, a parent
// package or a submodule), or import a module that does? The types `b` infers from `a` reach
// `c`, which imports `b`. Only loaded modules are followed (one not loaded was not needed by
// any check), and only those that can import project code (not the standard library's).
bool dependsOn(checker::Program& program, const checker::Module& module,
               checker::ModuleId changed) {
  std::vector<checker::ModuleId> work;
  std::unordered_set<checker::ModuleId> seen{module.id};
  auto follow = [&](const checker::Module& from) {
    auto reach = [&](checker::ModuleId id) {
      if (id == changed) return true;
      if (id != checker::noModule && seen.insert(id).second) work.push_back(id);
      return false;
    };
    for (const checker::ImportTarget& target : from.imports) {
      if (reach(target.module) || reach(target.submodule)) return true;
      for (checker::ModuleId parent : target.parents)
        if (reach(parent)) return true;
    }
    return false;
  };
  if (follow(module)) return true;
  while (!work.empty()) {
    std::shared_ptr<checker::Module> next = program.graph().module(work.back());
    work.pop_back();
    if (!next || !next->isLoaded() || next->origin == checker::ModuleOrigin::TypeshedStdlib ||
        next->origin == checker::ModuleOrigin::InterpreterStdlib)
      continue;
    if (follow(*next)) return true;
  }
  return false;
}

// What importers can see of a module changes with its names (the interface hash) but also with
// any annotation, default, base class or body they take a type from (an unannotated function's
// return type comes from its body, an attribute's from `self.x = ...` in a method): so with
// any change of code. Comments, blank lines and trailing blanks change nothing.
uint64_t visibleHash(const checker::Module& module) {
  parser::StableHash h(parser::StableHash::basis ^ module.interfaceHash);
  std::string_view text = module.text ? module.text->text() : std::string_view();
  std::span<const parser::Comment> comments;
  if (module.ast) comments = module.ast->comments;
  size_t comment = 0;
  std::string line;
  auto flush = [&] {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
      line.pop_back();
    if (line.empty()) return;
    h.addBytes(line).addByte('\n');
    line.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    while (comment < comments.size() && comments[comment].range.end <= i) ++comment;
    if (comment < comments.size() && comments[comment].range.start <= i) {
      i = comments[comment].range.end - 1;
      continue;
    }
    if (text[i] == '\n')
      flush();
    else
      line.push_back(text[i]);
  }
  flush();
  return h.value();
}

// When the loaded module holds the snapshot's text and its interface (see visibleHash) changed,
// the documents that depend on it are checked again.
void noteInterface(ServerContext& context, checker::Program& program,
                   const DocumentSnapshot& snapshot) {
  std::shared_ptr<checker::Module> module = program.module(snapshot.path);
  if (module && module->text == snapshot.text &&
      context.recordInterface(snapshot.path, visibleHash(*module)))
    scheduleDependentDiagnostics(context, snapshot.path);
}

// Checks the document as it is now and publishes, unless it changed or closed meanwhile (then
// a newer check is already scheduled, or nothing should be shown). When the module's code
// changed (see visibleHash), the open documents that depend on it are checked again.
void checkAndPublish(ServerContext& context, const std::string& uri) {
  std::optional<DocumentSnapshot> snapshot = context.documents.get(uri);
  if (!snapshot || !snapshot->inSync) return;
  std::shared_ptr<checker::Program> program = context.workspace.program();
  // The background index waits between files while this runs (an editor waits for it).
  struct Foreground {
    std::atomic<int>& count;
    explicit Foreground(std::atomic<int>& c) : count(c) { ++count; }
    ~Foreground() { --count; }
  } foreground(context.foregroundChecks);
  checker::CheckedFile file = checkWithPrefetch(context, program, snapshot->path);
  noteInterface(context, *program, *snapshot);
  if (!file.text) {
    log(LogLevel::Warning, "cannot check " + snapshot->path + ": " + file.readError);
    return;
  }
  PublishDiagnosticsParams params{uri, snapshot->version, convert(context, file, uri)};
  // Publishing happens on the I/O thread, where didChange and didClose run, so a result can
  // never overtake the close that clears it.
  context.scheduler.onIoThread([&context, uri, text = file.text, params = std::move(params)] {
    std::optional<DocumentSnapshot> current = context.documents.get(uri);
    if (!current || current->text != text) return;
    context.client.send("textDocument/publishDiagnostics", params);
  });
}

// Pull mode: the client asks for each document's diagnostics itself, but only the server can
// tell when a module changed under the files that import it (then it asks the client to pull
// again). Binding the module is enough to know.
void noteInterface(ServerContext& context, const std::string& uri) {
  std::optional<DocumentSnapshot> snapshot = context.documents.get(uri);
  if (!snapshot || !snapshot->inSync) return;
  noteInterface(context, *context.workspace.program(), *snapshot);
}

} // namespace

void scheduleDiagnostics(ServerContext& context, const std::string& uri, bool edited) {
  if (context.capabilities.pullDiagnostics) {
    context.scheduler.debounce(diagnosticsKey(uri), context.options.diagnosticsDelay,
                               [&context, uri] { noteInterface(context, uri); });
    return;
  }
  context.scheduler.debounce(
      diagnosticsKey(uri), context.options.diagnosticsDelay,
      [&context, uri] { checkAndPublish(context, uri); },
      edited ? Scheduler::Edge::Leading : Scheduler::Edge::Trailing);
}

void scheduleDependentDiagnostics(ServerContext& context, const std::string& changedPath,
                                  ModuleChange change) {
  if (context.capabilities.pullDiagnostics) {
    if (context.capabilities.diagnosticRefresh)
      context.client.request("workspace/diagnostic/refresh", nullptr, [](Result<json>) {});
    return;
  }
  std::shared_ptr<checker::Program> program = context.workspace.program();
  std::shared_ptr<checker::Module> changed =
      change == ModuleChange::Interface ? program->module(changedPath) : nullptr;
  for (const DocumentSnapshot& document : context.documents.all()) {
    if (document.path == changedPath) continue;
    if (change == ModuleChange::Presence) {
      // A loaded module keeps the resolutions of its imports; a fresh one resolves them again.
      program->graph().invalidate(document.path);
    } else if (changed) {
      // Open documents that depend on the changed module (its module id survives edits).
      std::shared_ptr<checker::Module> module = program->module(document.path);
      if (module && !dependsOn(*program, *module, changed->id)) continue;
    }
    context.scheduler.debounce(diagnosticsKey(document.uri), context.options.diagnosticsDelay * 5,
                               [&context, uri = document.uri] { checkAndPublish(context, uri); });
  }
}

void clearDiagnostics(ServerContext& context, const std::string& uri) {
  context.scheduler.cancelDebounced(diagnosticsKey(uri));
  if (context.capabilities.pullDiagnostics) return;
  context.client.send("textDocument/publishDiagnostics",
                      PublishDiagnosticsParams{uri, std::nullopt, {}});
}

Result<DocumentDiagnosticReport> documentDiagnostic(ServerContext& context,
                                                    const DocumentDiagnosticParams& params,
                                                    const RequestContext& request) {
  std::string path;
  if (auto open = context.documents.get(params.textDocument.uri)) {
    path = open->path;
  } else if (auto file = uriToPath(params.textDocument.uri)) {
    path = *file;
  } else {
    return DocumentDiagnosticReport{}; // neither open nor a file: nothing to say
  }
  checker::CheckedFile file = checkWithPrefetch(context, context.workspace.program(), path);
  // The check loaded the document's latest text: if its interface changed, importers must be
  // pulled again. The debounced noteInterface may have run before this check replaced the
  // module (it then saw the old text and said nothing).
  noteInterface(context, params.textDocument.uri);
  if (!file.text) return DocumentDiagnosticReport{};
  DocumentDiagnosticReport report;
  report.items = convert(context, file, params.textDocument.uri);
  return report;
}

} // namespace shrike::lsp::features
