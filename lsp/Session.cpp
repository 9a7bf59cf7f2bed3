// Session: message dispatch, the lifecycle, document sync and workspace events.
#include "lsp/Session.h"

// With g++ 12 in C++20 mode, Asio needs <utility> seen first (std::exchange).
#include <utility>

#include <boost/asio.hpp>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <filesystem>
#include <thread>

#include "lsp/Configuration.h"
#include "lsp/Log.h"
#include "lsp/Positions.h"
#include "lsp/Prefetch.h"
#include "lsp/Uri.h"
#include "lsp/features/Features.h"

namespace shrike::lsp {

namespace {

unsigned workerCount(const ServerOptions& options) {
  if (options.workerThreads > 0) return options.workerThreads;
  return std::max(2u, std::thread::hardware_concurrency());
}

bool isPythonFile(const std::string& path) {
  auto extension = std::filesystem::path(path).extension();
  return extension == ".py" || extension == ".pyi";
}

bool isConfigurationFile(const std::string& path) {
  auto name = std::filesystem::path(path).filename();
  return name == "pyproject.toml" || name == "shrike.toml";
}

// The document a request is about, when its parameters name one.
const json* documentUriOf(const json& params) {
  if (!params.is_object()) return nullptr;
  auto document = params.find("textDocument");
  if (document == params.end() || !document->is_object()) return nullptr;
  auto uri = document->find("uri");
  return uri != document->end() && uri->is_string() ? &*uri : nullptr;
}

std::string describe(const IncomingMessage& message) {
  std::string text = message.method.empty() ? "response" : message.method;
  if (!message.id.is_null()) text += " #" + idKey(message.id);
  return text;
}

} // namespace

void Client::logMessage(MessageType type, const std::string& message) {
  log(type == MessageType::Error     ? LogLevel::Error
      : type == MessageType::Warning ? LogLevel::Warning
                                     : LogLevel::Info,
      message);
  send("window/logMessage", LogMessageParams{type, message});
}

Session::Session(const ServerOptions& options, boost::asio::io_context& io, Transport& transport)
    : options_(options), io_(io), transport_(transport), scheduler_(io, workerCount(options)),
      context_(options, scheduler_, *this) {
  registerMethods();
}

Session::~Session() {
  finish();
}

void Session::start() {
  transport_.start(TransportCallbacks{[this](std::string body) { onMessage(std::move(body)); },
                                      [this](std::string what) { onBadFrame(what); },
                                      [this] { onInputClosed(); }});
}

void Session::finish() {
  warmUp_.cancel();
  indexer_.stop();
  scheduler_.stop();
}

// ---- messages --------------------------------------------------------------------------------

void Session::onMessage(std::string body) {
  if (state_ == State::Exited) return;
  bool repaired = false;
  auto parsed = parseMessage(std::move(body), &repaired);
  if (auto* malformed = std::get_if<MalformedMessage>(&parsed)) {
    log(LogLevel::Warning, "malformed message: " + malformed->error.message);
    reply(malformed->id, malformed->error);
    return;
  }
  IncomingMessage& message = std::get<IncomingMessage>(parsed);
  if (repaired) log(LogLevel::Warning, describe(message) + ": invalid UTF-8 replaced by U+FFFD");
  if (logEnabled(LogLevel::Verbose)) log(LogLevel::Verbose, "<-- " + describe(message));
  switch (message.kind) {
  case IncomingMessage::Kind::Request: handleRequest(message); break;
  case IncomingMessage::Kind::Notification: handleNotification(message); break;
  case IncomingMessage::Kind::Response: handleResponse(message); break;
  }
}

void Session::onBadFrame(const std::string& what) {
  log(LogLevel::Warning, "bad frame: " + what);
  // The bytes may have been a request; JSON-RPC answers what cannot be parsed with id null.
  reply(nullptr, rpcError(ErrorCode::ParseError, what));
}

void Session::onInputClosed() {
  if (state_ == State::Exited) return;
  log(shutdownRequested_ ? LogLevel::Info : LogLevel::Warning,
      shutdownRequested_ ? "the input closed after shutdown" : "the input closed without shutdown");
  exit(shutdownRequested_ ? 0 : 1);
}

void Session::handleRequest(IncomingMessage& message) {
  if (message.method == "initialize" && state_ != State::Uninitialized) {
    reply(message.id, rpcError(ErrorCode::InvalidRequest, "initialize may only be sent once"));
    return;
  }
  if (state_ == State::Uninitialized && message.method != "initialize") {
    reply(message.id, rpcError(ErrorCode::ServerNotInitialized,
                               "the server is not initialized; send initialize first"));
    return;
  }
  if (state_ == State::ShutDown) {
    reply(message.id, rpcError(ErrorCode::InvalidRequest,
                               "the server is shutting down; only exit is accepted"));
    return;
  }
  const MethodTable::RequestEntry* entry = methods_.findRequest(message.method);
  if (!entry) {
    reply(message.id, rpcError(ErrorCode::MethodNotFound, "unhandled method " + message.method));
    return;
  }
  if (entry->runOn == RunOn::IoThread) {
    reply(message.id, runGuarded(message.method, entry->handler, message.params,
                                 RequestContext{message.id, {}, std::nullopt}));
    return;
  }
  auto inflight = std::make_shared<Inflight>();
  inflight->id = message.id;
  // Pin the document's version now, in order with the changes before and after it.
  std::optional<int64_t> documentVersion;
  if (const json* uri = documentUriOf(message.params)) {
    if (auto document = context_.documents.get(uri->get<std::string>()))
      documentVersion = document->version;
  }
  std::string key = idKey(message.id);
  {
    std::lock_guard lock(inflightMutex_);
    inflight_[key] = inflight;
  }
  scheduler_.run([this, key, inflight, documentVersion, handler = entry->handler,
                  method = std::move(message.method), params = std::move(message.params)] {
    {
      std::lock_guard lock(inflightMutex_);
      if (inflight->answered) return; // cancelled while queued, and answered then
      inflight->started = true;
    }
    auto started = std::chrono::steady_clock::now();
    const checker::CancellationSource& source = inflight->source;
    Result<json> result = runGuarded(method, handler, params,
                                     RequestContext{inflight->id, source.token(), documentVersion});
    if (source.cancelled())
      result = rpcError(ErrorCode::RequestCancelled, "the request was cancelled");
    {
      std::lock_guard lock(inflightMutex_);
      if (auto it = inflight_.find(key); it != inflight_.end() && it->second == inflight)
        inflight_.erase(it);
    }
    if (logEnabled(LogLevel::Verbose)) {
      auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                        std::chrono::steady_clock::now() - started)
                        .count();
      log(LogLevel::Verbose,
          "--> " + method + " #" + key + " in " + std::to_string(micros) + " us");
    }
    reply(inflight->id, result);
  });
}

void Session::cancelRequest(const json& id) {
  std::shared_ptr<Inflight> inflight;
  {
    std::lock_guard lock(inflightMutex_);
    auto it = inflight_.find(idKey(id));
    if (it == inflight_.end()) return; // already answered, or never asked: nothing to do
    inflight = it->second;
    inflight->source.cancel();
    if (inflight->started) return; // the worker answers when it notices
    inflight->answered = true;
    inflight_.erase(it);
  }
  reply(inflight->id, rpcError(ErrorCode::RequestCancelled, "the request was cancelled"));
}

Result<json> Session::runGuarded(const std::string& method, const MethodTable::RawRequest& handler,
                                 const json& params, const RequestContext& context) {
  try {
    return handler(params, context);
  } catch (const std::exception& e) {
    log(LogLevel::Error, "internal error in " + method + ": " + e.what());
    return rpcError(ErrorCode::InternalError, "internal error in " + method + ": " + e.what());
  } catch (...) {
    log(LogLevel::Error, "internal error in " + method);
    return rpcError(ErrorCode::InternalError, "internal error in " + method);
  }
}

void Session::handleNotification(IncomingMessage& message) {
  if (message.method == "exit") {
    exit(shutdownRequested_ ? 0 : 1);
    return;
  }
  if (state_ == State::Uninitialized || state_ == State::ShutDown) {
    log(LogLevel::Info, "dropped " + message.method + ": " +
                            (state_ == State::ShutDown ? "after shutdown" : "before initialize"));
    return;
  }
  const MethodTable::RawNotification* handler = methods_.findNotification(message.method);
  if (!handler) {
    // `$/` notifications are optional by definition; others are worth a note.
    if (message.method.rfind("$/", 0) != 0)
      log(LogLevel::Info, "ignored unhandled notification " + message.method);
    return;
  }
  try {
    if (std::optional<RpcError> error = (*handler)(message.params))
      log(LogLevel::Warning, message.method + " ignored: " + error->message);
  } catch (const std::exception& e) {
    log(LogLevel::Error, "internal error in " + message.method + ": " + e.what());
  } catch (...) {
    log(LogLevel::Error, "internal error in " + message.method);
  }
}

void Session::handleResponse(IncomingMessage& message) {
  std::function<void(Result<json>)> callback;
  {
    std::lock_guard lock(outgoingMutex_);
    auto it = outgoing_.find(idKey(message.id));
    if (it == outgoing_.end()) {
      log(LogLevel::Info, "a response to no request of ours (id " + idKey(message.id) + ")");
      return;
    }
    callback = std::move(it->second);
    outgoing_.erase(it);
  }
  try {
    if (message.error)
      callback(*message.error);
    else
      callback(std::move(message.result));
  } catch (const std::exception& e) {
    log(LogLevel::Error, std::string("internal error handling a response: ") + e.what());
  }
}

void Session::reply(const json& id, const Result<json>& result) {
  if (result)
    transport_.send(serializeResponse(id, result.value()));
  else
    transport_.send(serializeError(id, result.error()));
}

void Session::notify(const std::string& method, json params) {
  transport_.send(serializeNotification(method, params));
}

void Session::request(const std::string& method, json params,
                      std::function<void(Result<json>)> onReply) {
  json id;
  {
    std::lock_guard lock(outgoingMutex_);
    id = "shrike-" + std::to_string(nextOutgoingId_++);
    outgoing_[idKey(id)] = std::move(onReply);
  }
  transport_.send(serializeRequest(id, method, params));
}

void Session::exit(int code) {
  if (state_ == State::Exited) return;
  state_ = State::Exited;
  exitCode_ = code;
  log(LogLevel::Info, "exiting with code " + std::to_string(code));
  {
    std::lock_guard lock(inflightMutex_);
    for (auto& [key, inflight] : inflight_) inflight->source.cancel();
  }
  transport_.flush([this] { io_.stop(); });
}

// ---- method table ----------------------------------------------------------------------------

void Session::registerMethods() {
  using namespace features;
  ServerContext& context = context_;
  methods_.request<InitializeParams, InitializeResult>(
      "initialize", RunOn::IoThread,
      [this](const InitializeParams& params, const RequestContext&) { return initialize(params); });
  methods_.request<NoParams, std::nullptr_t>("shutdown", RunOn::IoThread,
                                             [this](const NoParams&, const RequestContext&) {
                                               shutdownRequested_ = true;
                                               state_ = State::ShutDown;
                                               indexer_.stop();
                                               return Result<std::nullptr_t>(nullptr);
                                             });
  methods_.request<DocumentSymbolParams, std::optional<DocumentSymbolResult>>(
      "textDocument/documentSymbol", RunOn::Worker,
      [&context](const DocumentSymbolParams& params, const RequestContext& request) {
        return documentSymbol(context, params, request);
      });
  methods_.request<WorkspaceSymbolParams, std::vector<SymbolInformation>>(
      "workspace/symbol", RunOn::Worker,
      [&context](const WorkspaceSymbolParams& params, const RequestContext& request) {
        return workspaceSymbol(context, params, request);
      });
  methods_.request<DocumentDiagnosticParams, DocumentDiagnosticReport>(
      "textDocument/diagnostic", RunOn::Worker,
      [&context](const DocumentDiagnosticParams& params, const RequestContext& request) {
        return documentDiagnostic(context, params, request);
      });

  methods_.request<TextDocumentPositionParams, std::vector<Location>>(
      "textDocument/definition", RunOn::Worker,
      [&context](const TextDocumentPositionParams& params, const RequestContext& request) {
        return definition(context, params, request);
      });
  methods_.request<TextDocumentPositionParams, std::vector<Location>>(
      "textDocument/declaration", RunOn::Worker,
      [&context](const TextDocumentPositionParams& params, const RequestContext& request) {
        return declaration(context, params, request);
      });
  methods_.request<TextDocumentPositionParams, std::vector<Location>>(
      "textDocument/typeDefinition", RunOn::Worker,
      [&context](const TextDocumentPositionParams& params, const RequestContext& request) {
        return typeDefinition(context, params, request);
      });
  methods_.request<ReferenceParams, std::vector<Location>>(
      "textDocument/references", RunOn::Worker,
      [&context](const ReferenceParams& params, const RequestContext& request) {
        return references(context, params, request);
      });
  methods_.request<TextDocumentPositionParams, std::vector<DocumentHighlight>>(
      "textDocument/documentHighlight", RunOn::Worker,
      [&context](const TextDocumentPositionParams& params, const RequestContext& request) {
        return documentHighlight(context, params, request);
      });
  methods_.request<TextDocumentPositionParams, std::optional<Hover>>(
      "textDocument/hover", RunOn::Worker,
      [&context](const TextDocumentPositionParams& params, const RequestContext& request) {
        return hover(context, params, request);
      });

  methods_.notification<NoParams>("initialized", [this](const NoParams&) { initialized(); });
  methods_.notification<DidOpenTextDocumentParams>(
      "textDocument/didOpen", [this](const DidOpenTextDocumentParams& p) { didOpen(p); });
  methods_.notification<DidChangeTextDocumentParams>(
      "textDocument/didChange", [this](const DidChangeTextDocumentParams& p) { didChange(p); });
  methods_.notification<DidCloseTextDocumentParams>(
      "textDocument/didClose", [this](const DidCloseTextDocumentParams& p) { didClose(p); });
  methods_.notification<DidSaveTextDocumentParams>(
      "textDocument/didSave", [this](const DidSaveTextDocumentParams& p) { didSave(p); });
  methods_.notification<DidChangeConfigurationParams>(
      "workspace/didChangeConfiguration",
      [this](const DidChangeConfigurationParams& p) { didChangeConfiguration(p); });
  methods_.notification<DidChangeWatchedFilesParams>(
      "workspace/didChangeWatchedFiles",
      [this](const DidChangeWatchedFilesParams& p) { didChangeWatchedFiles(p); });
  methods_.notification<DidChangeWorkspaceFoldersParams>(
      "workspace/didChangeWorkspaceFolders",
      [this](const DidChangeWorkspaceFoldersParams& p) { didChangeWorkspaceFolders(p); });
  methods_.notification<CancelParams>("$/cancelRequest",
                                      [this](const CancelParams& p) { cancelRequest(p.id); });
}

// ---- lifecycle -------------------------------------------------------------------------------

Result<InitializeResult> Session::initialize(const InitializeParams& params) {
  context_.capabilities = params.capabilities;
  const auto& offered = params.capabilities.positionEncodings;
  context_.encoding = std::find(offered.begin(), offered.end(), "utf-8") != offered.end()
                          ? parser::ColumnUnit::Utf8
                          : parser::ColumnUnit::Utf16;

  std::vector<std::string> roots;
  if (params.workspaceFolders) {
    for (const WorkspaceFolder& folder : *params.workspaceFolders) {
      if (auto path = uriToPath(folder.uri))
        roots.push_back(*path);
      else
        log(LogLevel::Warning, "ignored a workspace folder that is not a file URI: " + folder.uri);
    }
  } else if (params.rootUri) {
    if (auto path = uriToPath(*params.rootUri)) roots.push_back(*path);
  } else if (params.rootPath && !params.rootPath->empty()) {
    roots.push_back(std::filesystem::path(*params.rootPath).lexically_normal().string());
  }
  for (const std::string& problem :
       context_.workspace.configure(roots, shrikeSection(params.initializationOptions)))
    log(LogLevel::Warning, "settings: " + problem);
  if (params.processId && *params.processId > 0) watchParent(*params.processId);
  // Every check starts by asking for builtins and the stubs it imports: they load on a worker
  // while the client sends the first file (and the I/O thread parses it).
  scheduler_.run([program = context_.workspace.program(), stop = warmUp_.token()] {
    prefetchImports(*program, {}, 0, stop);
  });

  log(LogLevel::Info, "initialized for " +
                          (params.clientName.empty() ? "a client" : params.clientName) + " with " +
                          std::to_string(roots.size()) + " workspace folder(s), " +
                          encodingName(context_.encoding) + " positions");
  state_ = State::Running;

  InitializeResult result;
  result.serverVersion = options_.version;
  ServerCapabilities& capabilities = result.capabilities;
  capabilities.positionEncoding = encodingName(context_.encoding);
  capabilities.documentSymbolProvider = true;
  capabilities.workspaceSymbolProvider = true;
  capabilities.definitionProvider = true;
  capabilities.declarationProvider = true;
  capabilities.typeDefinitionProvider = true;
  capabilities.referencesProvider = true;
  capabilities.documentHighlightProvider = true;
  capabilities.hoverProvider = true;
  capabilities.pullDiagnostics = params.capabilities.pullDiagnostics;
  return result;
}

void Session::initialized() {
  initializedReceived_ = true;
  registerFileWatchers();
  if (context_.capabilities.configuration) pullConfiguration();
  startIndexing();
}

void Session::watchParent(int64_t pid) {
  if (pid > INT32_MAX) return;
  scheduler_.every(options_.parentCheckInterval, [this, pid] {
    if (state_ == State::Exited) return false;
    if (::kill(static_cast<pid_t>(pid), 0) == -1 && errno == ESRCH) {
      log(LogLevel::Warning, "the client process " + std::to_string(pid) + " is gone");
      exit(shutdownRequested_ ? 0 : 1);
      return false;
    }
    return true;
  });
}

void Session::registerFileWatchers() {
  if (!context_.capabilities.watchedFilesDynamicRegistration) return;
  RegistrationParams params;
  params.registrations.push_back(
      Registration{"shrike-watched-files",
                   "workspace/didChangeWatchedFiles",
                   {{"**/*.py"}, {"**/*.pyi"}, {"**/pyproject.toml"}, {"**/shrike.toml"}}});
  request("client/registerCapability", json(params), [](Result<json> reply) {
    if (!reply)
      log(LogLevel::Warning, "the client refused file watching: " + reply.error().message);
  });
}

void Session::pullConfiguration() {
  ConfigurationParams params;
  params.items.push_back(ConfigurationItem{std::nullopt, "shrike"});
  request("workspace/configuration", json(params), [this](Result<json> reply) {
    if (!reply || !reply.value().is_array() || reply.value().empty()) return;
    const json& section = reply.value()[0];
    if (section.is_null() || section == context_.workspace.editorSettings()) return;
    reconfigure(section);
  });
}

void Session::reconfigure(json editorSettings) {
  for (const std::string& problem :
       context_.workspace.configure(context_.workspace.roots(), std::move(editorSettings)))
    logMessage(MessageType::Warning, "Shrike settings: " + problem);
  recheckOpenDocuments();
}

void Session::startIndexing() {
  std::vector<std::string> roots = context_.workspace.roots();
  if (roots.empty()) return;
  if (context_.capabilities.workDoneProgress) {
    progressToken_ = "shrike-indexing-" + std::to_string(++indexingPasses_);
    progressReady_ = progressBegun_ = false;
    lastIndexProgress_.reset();
    request("window/workDoneProgress/create", json(WorkDoneProgressCreateParams{progressToken_}),
            [this, token = progressToken_](Result<json> reply) {
              if (!reply || token != progressToken_) return;
              progressReady_ = true;
              // Indexing may have got ahead of the client's answer.
              if (lastIndexProgress_) onIndexProgress(*lastIndexProgress_);
            });
  }
  DocumentStore& documents = context_.documents;
  indexer_.start(
      context_.workspace, context_.encoding,
      [&documents](const std::string& path) { return documents.findByPath(path).has_value(); },
      [this](const IndexProgress& progress) {
        scheduler_.onIoThread([this, progress] {
          if (progress.stageFinished && progress.stage == IndexStage::Files) {
            log(LogLevel::Info, "indexed " + std::to_string(progress.done) + " files (" +
                                    std::to_string(context_.workspace.symbols().symbolCount()) +
                                    " symbols) in " + std::to_string(progress.elapsed.count()) +
                                    " ms");
          } else if (progress.stageFinished) {
            const checker::ide::ReferenceTable& table = context_.workspace.referenceTable();
            log(LogLevel::Info, "resolved the references of " + std::to_string(table.files()) +
                                    " files (" + std::to_string(table.bytes() >> 10) + " KiB) at " +
                                    std::to_string(progress.elapsed.count()) + " ms");
          }
          onIndexProgress(progress);
        });
      },
      [this] { return context_.foregroundChecks.load(std::memory_order_relaxed) > 0; });
}

void Session::onIndexProgress(const IndexProgress& progress) {
  lastIndexProgress_ = progress;
  if (!progressReady_ || state_ != State::Running) return;
  auto percentage =
      static_cast<uint32_t>(progress.total ? progress.done * 100 / progress.total : 0);
  std::string message = std::string(progress.stage == IndexStage::Files ? "" : "references: ") +
                        std::to_string(progress.done) + "/" + std::to_string(progress.total) +
                        " files";
  if (!progressBegun_) {
    progressBegun_ = true;
    send("$/progress", ProgressParams{progressToken_, {"begin", "Indexing", message, percentage}});
  }
  if (progress.finished) {
    send("$/progress", ProgressParams{progressToken_,
                                      {"end", "",
                                       "Indexed " + std::to_string(progress.done) + "/" +
                                           std::to_string(progress.total) + " files",
                                       std::nullopt}});
    progressReady_ = false;
  } else {
    send("$/progress", ProgressParams{progressToken_, {"report", "", message, percentage}});
  }
}

// ---- documents -------------------------------------------------------------------------------

void Session::didOpen(const DidOpenTextDocumentParams& params) {
  const TextDocumentItem& item = params.textDocument;
  DocumentSnapshot document = context_.documents.open(item.uri, item.version, item.text);
  if (document.text->hadInvalidUtf8())
    log(LogLevel::Warning, item.uri + " holds invalid UTF-8; it was replaced by U+FFFD");
  documentChanged(document);
  // A buffer with no file behind it makes a module appear.
  std::error_code ec;
  if (!document.isFile || !std::filesystem::exists(document.path, ec))
    features::scheduleDependentDiagnostics(context_, document.path,
                                           features::ModuleChange::Presence);
}

void Session::didChange(const DidChangeTextDocumentParams& params) {
  DocumentStore::ChangeOutcome outcome =
      context_.documents.change(params.textDocument.uri, params.textDocument.version,
                                params.contentChanges, context_.encoding);
  if (!outcome.found) {
    log(LogLevel::Warning, "didChange for " + params.textDocument.uri + ", which is not open");
    return;
  }
  if (!outcome.applied) {
    logMessage(MessageType::Error, "Shrike could not apply an edit to " + params.textDocument.uri +
                                       ": " + outcome.error);
    return;
  }
  context_.noteEditBeforeFirstRecord(outcome.snapshot.path);
  documentChanged(outcome.snapshot);
}

void Session::didClose(const DidCloseTextDocumentParams& params) {
  const std::string& uri = params.textDocument.uri;
  std::optional<DocumentSnapshot> document = context_.documents.get(uri);
  if (!document) {
    log(LogLevel::Warning, "didClose for " + uri + ", which is not open");
    return;
  }
  context_.documents.close(uri);
  context_.workspace.clearOverlay(document->path);
  features::clearDiagnostics(context_, uri);
  scheduler_.cancelDebounced("symbols " + uri);
  // The buffer's symbols give way to the file's (or to nothing, for a buffer that was no file).
  if (document->isFile && isPythonFile(document->path)) {
    scheduler_.run([this, path = document->path] {
      std::string error;
      auto bytes = readFile(path, context_.workspace.program()->settings().maxFileSize, error);
      if (bytes)
        Indexer::indexText(path, parser::SourceText(std::move(*bytes)), context_.workspace,
                           context_.encoding);
      else
        Indexer::forget(path, context_.workspace);
    });
  } else {
    Indexer::forget(document->path, context_.workspace);
  }
  features::scheduleDependentDiagnostics(context_, document->path,
                                         features::ModuleChange::Presence);
}

void Session::didSave(const DidSaveTextDocumentParams& params) {
  if (!params.text) return;
  // A save with its text re-synchronises a buffer whose edits could not be applied.
  std::optional<DocumentSnapshot> before = context_.documents.get(params.textDocument.uri);
  std::optional<DocumentSnapshot> after =
      context_.documents.resync(params.textDocument.uri, *params.text);
  if (after && (!before || before->text != after->text)) {
    if (before && !before->inSync)
      log(LogLevel::Info, params.textDocument.uri + " is in sync again");
    documentChanged(*after);
  }
}

void Session::documentChanged(const DocumentSnapshot& document) {
  context_.workspace.setOverlay(document.path, document.text, document.tree);
  // Its dependents follow once its check shows whether its interface changed.
  features::scheduleDiagnostics(context_, document.uri, /*edited=*/true);
  scheduleSymbolIndex(document.uri);
}

void Session::scheduleSymbolIndex(const std::string& uri) {
  scheduler_.debounce("symbols " + uri, std::chrono::milliseconds(250), [this, uri] {
    std::shared_ptr<const DocumentAst> document = context_.documents.ast(uri);
    std::optional<DocumentSnapshot> snapshot = context_.documents.get(uri);
    if (!document || !snapshot) return;
    context_.workspace.symbols().set(
        snapshot->path, checker::ide::indexableSymbols(
                            checker::ide::documentSymbols(document->ast, *document->text),
                            *document->text, context_.encoding));
  });
}

void Session::recheckOpenDocuments() {
  for (const DocumentSnapshot& document : context_.documents.all())
    features::scheduleDiagnostics(context_, document.uri);
  if (context_.capabilities.pullDiagnostics && context_.capabilities.diagnosticRefresh)
    request("workspace/diagnostic/refresh", nullptr, [](Result<json>) {});
}

// ---- workspace -------------------------------------------------------------------------------

void Session::didChangeConfiguration(const DidChangeConfigurationParams& params) {
  json section = shrikeSection(params.settings);
  // Many clients send no settings and expect the server to ask for them.
  if ((section.is_null() || section.empty()) && context_.capabilities.configuration) {
    pullConfiguration();
    return;
  }
  if (section == context_.workspace.editorSettings()) return; // nothing changed
  reconfigure(section);
}

void Session::didChangeWatchedFiles(const DidChangeWatchedFilesParams& params) {
  bool configurationChanged = false;
  std::vector<std::string> reindex;
  for (const FileEvent& change : params.changes) {
    std::optional<std::string> path = uriToPath(change.uri);
    if (!path) continue;
    if (isConfigurationFile(*path)) {
      configurationChanged = true;
      continue;
    }
    if (!isPythonFile(*path)) continue;
    context_.workspace.fileChangedOnDisk(*path);
    if (change.type == FileChangeType::Created) context_.workspace.fileCreated(*path);
    if (change.type == FileChangeType::Deleted) context_.workspace.fileDeleted(*path);
    if (context_.documents.findByPath(*path)) continue; // the buffer wins
    // A module that appears or disappears changes how the open files' imports resolve.
    if (change.type != FileChangeType::Changed)
      features::scheduleDependentDiagnostics(context_, *path, features::ModuleChange::Presence);
    if (change.type == FileChangeType::Deleted) {
      Indexer::forget(*path, context_.workspace);
      continue;
    }
    reindex.push_back(*path);
  }
  if (configurationChanged) {
    reconfigure(context_.workspace.editorSettings());
    return;
  }
  if (reindex.empty()) {
    recheckOpenDocuments();
    return;
  }
  // The changed files are indexed again on a worker, and the open files re-checked after
  // that: once the new diagnostics are out, symbol searches see the new files too.
  scheduler_.run([this, reindex = std::move(reindex)] {
    for (const std::string& path : reindex) {
      std::string error;
      auto bytes = readFile(path, context_.workspace.program()->settings().maxFileSize, error);
      if (bytes)
        Indexer::indexText(path, parser::SourceText(std::move(*bytes)), context_.workspace,
                           context_.encoding);
    }
    scheduler_.onIoThread([this] { recheckOpenDocuments(); });
  });
}

void Session::didChangeWorkspaceFolders(const DidChangeWorkspaceFoldersParams& params) {
  std::vector<std::string> roots = context_.workspace.roots();
  for (const WorkspaceFolder& folder : params.event.removed) {
    if (auto path = uriToPath(folder.uri)) {
      roots.erase(std::remove(roots.begin(), roots.end(), *path), roots.end());
    }
  }
  for (const WorkspaceFolder& folder : params.event.added) {
    if (auto path = uriToPath(folder.uri);
        path && std::find(roots.begin(), roots.end(), *path) == roots.end())
      roots.push_back(*path);
  }
  for (const std::string& problem :
       context_.workspace.configure(roots, context_.workspace.editorSettings()))
    log(LogLevel::Warning, "settings: " + problem);
  indexer_.stop();
  context_.workspace.symbols().clear();
  context_.workspace.mentions().clear();
  startIndexing();
  recheckOpenDocuments();
}

} // namespace shrike::lsp
