// Diagnostics: the checker's findings for open files, pushed after edits (debounced) or
// pulled by the client — the same Program::checkFile that `shrike check` runs.
#include "lsp/Log.h"
#include "lsp/Positions.h"
#include "lsp/Uri.h"
#include "lsp/features/Features.h"

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

std::string diagnosticsKey(const std::string& uri) {
  return "diagnostics " + uri;
}

// Does `module` import the module `changed` (directly, as `import`, `from`, a parent package
// or a submodule)?
bool imports(const checker::Module& module, checker::ModuleId changed) {
  for (const checker::ImportTarget& target : module.imports) {
    if (target.module == changed || target.submodule == changed) return true;
    for (checker::ModuleId parent : target.parents)
      if (parent == changed) return true;
  }
  return false;
}

// Checks the document as it is now and publishes, unless it changed or closed meanwhile (then
// a newer check is already scheduled, or nothing should be shown). When the module's public
// interface changed, the open documents that import it are checked again.
void checkAndPublish(ServerContext& context, const std::string& uri) {
  std::optional<DocumentSnapshot> snapshot = context.documents.get(uri);
  if (!snapshot || !snapshot->inSync) return;
  std::shared_ptr<checker::Program> program = context.workspace.program();
  checker::CheckedFile file = program->checkFile(snapshot->path);
  if (std::shared_ptr<checker::Module> module = program->module(snapshot->path);
      module && module->text == snapshot->text &&
      context.recordInterface(snapshot->path, module->interfaceHash))
    scheduleDependentDiagnostics(context, snapshot->path);
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
// tell when a module's interface changed under the files that import it (then it asks the
// client to pull again). Binding the module is enough to know.
void noteInterface(ServerContext& context, const std::string& uri) {
  std::optional<DocumentSnapshot> snapshot = context.documents.get(uri);
  if (!snapshot || !snapshot->inSync) return;
  std::shared_ptr<checker::Module> module = context.workspace.program()->module(snapshot->path);
  if (module && module->text == snapshot->text &&
      context.recordInterface(snapshot->path, module->interfaceHash))
    scheduleDependentDiagnostics(context, snapshot->path);
}

} // namespace

void scheduleDiagnostics(ServerContext& context, const std::string& uri) {
  if (context.capabilities.pullDiagnostics) {
    context.scheduler.debounce(diagnosticsKey(uri), context.options.diagnosticsDelay,
                               [&context, uri] { noteInterface(context, uri); });
    return;
  }
  context.scheduler.debounce(diagnosticsKey(uri), context.options.diagnosticsDelay,
                             [&context, uri] { checkAndPublish(context, uri); });
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
      // Open documents that import the changed module (its module id survives edits).
      std::shared_ptr<checker::Module> module = program->module(document.path);
      if (module && !imports(*module, changed->id)) continue;
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
  checker::CheckedFile file = context.workspace.program()->checkFile(path);
  if (!file.text) return DocumentDiagnosticReport{};
  DocumentDiagnosticReport report;
  report.items = convert(context, file, params.textDocument.uri);
  return report;
}

} // namespace shrike::lsp::features
