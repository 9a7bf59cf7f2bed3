// ServerProcess: a real `shrike lsp` child process on pipes, for the LSP tests — framed
// messages in and out, server-to-client requests answered like a plain client would, and
// every wait bounded so a hung server fails the test instead of hanging it.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

#include <nlohmann/json.hpp>

#include "lsp/Framing.h"

namespace shrike::lsptest {

using json = nlohmann::json;

class ServerProcess {
public:
  // Starts `command` (argv); its stderr goes to a temporary file shown by `stderrText()`.
  explicit ServerProcess(const std::vector<std::string>& command);
  ~ServerProcess();

  void sendRaw(const std::string& bytes);
  void send(const json& message);
  void closeInput();

  // Waits for a message accepted by `wanted` (earlier unaccepted ones stay queued for later
  // waits). Requests from the server are answered with a null result as they arrive, and
  // recorded in `serverRequests`.
  std::optional<json> waitFor(const std::function<bool(const json&)>& wanted,
                              std::chrono::milliseconds timeout);
  // Every message received so far and not yet taken by waitFor.
  const std::deque<json>& pending() const { return pending_; }
  // Reads whatever arrives within `duration` into `pending`.
  void drain(std::chrono::milliseconds duration);

  // The exit code, or nullopt when the process did not exit in time (it is killed then).
  std::optional<int> waitForExit(std::chrono::milliseconds timeout);
  std::string stderrText() const;
  pid_t pid() const { return pid_; }

  std::vector<json> serverRequests;
  std::vector<std::string> badFrames;

private:
  bool readSome(std::chrono::milliseconds timeout);
  void onMessage(json message);

  pid_t pid_ = -1;
  int toServer_ = -1;
  int fromServer_ = -1;
  std::string stderrPath_;
  lsp::MessageReader reader_;
  std::deque<json> pending_;
  std::optional<int> exitCode_;
};

// How much longer everything may take under sanitizers.
std::chrono::milliseconds scaledTimeout(std::chrono::milliseconds base);

} // namespace shrike::lsptest
