// Session: one client connection — JSON-RPC dispatch and the LSP lifecycle on top of a
// Transport. It decides what may run when (nothing before initialize, nothing but exit after
// shutdown), sends every request to its handler behind a guard, answers every request
// exactly once, and tracks cancellation.
//
//   initialize ──▶ initialized ──▶ ... requests, notifications ... ──▶ shutdown ──▶ exit
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "checker/Cancellation.h"
#include "lsp/Indexer.h"
#include "lsp/MethodTable.h"
#include "lsp/Scheduler.h"
#include "lsp/Server.h"
#include "lsp/ServerContext.h"
#include "lsp/Transport.h"

namespace shrike::lsp {

class Session final : public Client {
public:
  Session(const ServerOptions& options, boost::asio::io_context& io, Transport& transport);
  ~Session() override;

  // Starts reading messages; the I/O context's run() drives everything from here.
  void start();
  // Stops background work; call after the I/O context has stopped.
  void finish();
  int exitCode() const { return exitCode_; }

  void notify(const std::string& method, json params) override;
  void request(const std::string& method, json params,
               std::function<void(Result<json>)> onReply) override;

private:
  enum class State { Uninitialized, Running, ShutDown, Exited };

  void registerMethods();
  void onMessage(std::string body);
  void onBadFrame(const std::string& what);
  void onInputClosed();
  void handleRequest(IncomingMessage& message);
  void handleNotification(IncomingMessage& message);
  void handleResponse(IncomingMessage& message);
  void reply(const json& id, const Result<json>& result);
  Result<json> runGuarded(const std::string& method, const MethodTable::RawRequest& handler,
                          const json& params, const RequestContext& context);
  void exit(int code);

  // Lifecycle.
  Result<InitializeResult> initialize(const InitializeParams& params);
  void initialized();
  void watchParent(int64_t pid);
  void registerFileWatchers();
  void pullConfiguration();
  void reconfigure(json editorSettings);
  void startIndexing();
  void onIndexProgress(const IndexProgress& progress);

  // Documents and workspace notifications.
  void didOpen(const DidOpenTextDocumentParams& params);
  void didChange(const DidChangeTextDocumentParams& params);
  void didClose(const DidCloseTextDocumentParams& params);
  void didSave(const DidSaveTextDocumentParams& params);
  void didChangeConfiguration(const DidChangeConfigurationParams& params);
  void didChangeWatchedFiles(const DidChangeWatchedFilesParams& params);
  void didChangeWorkspaceFolders(const DidChangeWorkspaceFoldersParams& params);
  void documentChanged(const DocumentSnapshot& document);
  void scheduleSymbolIndex(const std::string& uri);
  void recheckOpenDocuments();

  const ServerOptions& options_;
  boost::asio::io_context& io_;
  Transport& transport_;
  Scheduler scheduler_;
  checker::CancellationSource warmUp_; // of the modules every check needs, begun at initialize
  ServerContext context_;
  MethodTable methods_;
  Indexer indexer_;

  State state_ = State::Uninitialized;
  bool shutdownRequested_ = false;
  bool initializedReceived_ = false;
  int exitCode_ = 1;

  // Requests on workers, by id. One cancelled before a worker took it is answered at once.
  struct Inflight {
    checker::CancellationSource source;
    json id;
    bool started = false;
    bool answered = false;
  };
  std::mutex inflightMutex_;
  std::unordered_map<std::string, std::shared_ptr<Inflight>> inflight_;
  void cancelRequest(const json& id);

  std::mutex outgoingMutex_;
  int64_t nextOutgoingId_ = 1;
  std::unordered_map<std::string, std::function<void(Result<json>)>> outgoing_;

  // $/progress for indexing, when the client accepted a token (I/O thread only).
  std::string progressToken_;
  unsigned indexingPasses_ = 0;
  bool progressReady_ = false;
  bool progressBegun_ = false;
  std::optional<IndexProgress> lastIndexProgress_;
};

} // namespace shrike::lsp
