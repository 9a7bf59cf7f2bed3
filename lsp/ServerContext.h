// ServerContext: what the feature handlers share — open documents, the workspace (program,
// index, configuration), the scheduler, the negotiated encoding, and a way to talk to the
// client. Features are free functions over it, one file per request under features/.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "lsp/Documents.h"
#include "lsp/JsonRpc.h"
#include "lsp/Protocol.h"
#include "lsp/Scheduler.h"
#include "lsp/Server.h"
#include "lsp/Workspace.h"
#include "parser/SourceText.h"

namespace shrike::lsp {

// Messages from the server to the client. Thread-safe.
class Client {
public:
  virtual ~Client() = default;
  virtual void notify(const std::string& method, json params) = 0;
  // A request to the client; `onReply` runs on the I/O thread with the result or an error.
  virtual void request(const std::string& method, json params,
                       std::function<void(Result<json>)> onReply) = 0;

  template <class T> void send(const std::string& method, const T& params) {
    notify(method, json(params));
  }
  // window/logMessage, and the same line on stderr.
  void logMessage(MessageType type, const std::string& message);
};

struct ServerContext {
  ServerContext(const ServerOptions& options, Scheduler& scheduler, Client& client)
      : options(options), scheduler(scheduler), client(client) {}

  const ServerOptions& options;
  Scheduler& scheduler;
  Client& client;
  DocumentStore documents;
  Workspace workspace;
  // Records the interface hash of a checked module; true when it differs from the last one
  // recorded for the path (its dependents need checking again). Thread-safe.
  bool recordInterface(const std::string& path, uint64_t hash) {
    std::lock_guard lock(interfacesMutex_);
    auto [it, inserted] = interfaces_.try_emplace(path, hash);
    if (inserted) return false; // the first check: nothing depended on an older interface
    bool changed = it->second != hash;
    it->second = hash;
    return changed;
  }
  // An edit came before the path's interface was first recorded (the check after opening was
  // debounced away by the edit): the next record counts as a change, for importers may have
  // seen the text as it was opened. Thread-safe.
  void noteEditBeforeFirstRecord(const std::string& path) {
    std::lock_guard lock(interfacesMutex_);
    interfaces_.try_emplace(path, std::nullopt);
  }

  // Checks of open documents running now: background passes pause between files meanwhile.
  std::atomic<int> foregroundChecks{0};

  // Set by initialize, before any worker runs; read-only afterwards.
  ClientCapabilities capabilities;
  parser::ColumnUnit encoding = parser::ColumnUnit::Utf16;

private:
  std::mutex interfacesMutex_;
  std::unordered_map<std::string, std::optional<uint64_t>> interfaces_; // nullopt: unknown
};

} // namespace shrike::lsp
