// Server: the entry point of `shrike lsp` — a Language Server Protocol server over stdio.
#pragma once

#include <chrono>
#include <string>

namespace shrike::lsp {

struct ServerOptions {
  int inputFd = 0;  // the client's messages
  int outputFd = 1; // our messages; stdout is redirected to stderr while serving, so stray
                    // prints cannot corrupt the protocol stream
  std::string version = "dev"; // reported in initialize's serverInfo
  unsigned workerThreads = 0;  // 0: one per core (at least two)
  bool verbose = false;        // log every message on stderr
  // How long after the last keystroke diagnostics are computed.
  std::chrono::milliseconds diagnosticsDelay{20};
  // Exit when the process named by initialize's `processId` dies (checked every interval).
  std::chrono::milliseconds parentCheckInterval{2000};
};

// Serves until `exit` (0 after `shutdown`, 1 without) or the end of the input (likewise).
int runServer(const ServerOptions& options);

} // namespace shrike::lsp
