// Server: wires stdio, the I/O context, the transport and a session together, and runs them.
#include "lsp/Server.h"

// With g++ 12 in C++20 mode, Asio needs <utility> seen first (std::exchange).
#include <utility>

#include <boost/asio.hpp>

#include <csignal>
#include <exception>
#include <unistd.h>

#include "lsp/Log.h"
#include "lsp/Session.h"
#include "lsp/Transport.h"

namespace shrike::lsp {

int runServer(const ServerOptions& options) {
  setLogLevel(options.verbose ? LogLevel::Verbose : LogLevel::Info);
  // A client that goes away must not kill us mid-write; the write fails and we exit cleanly.
  std::signal(SIGPIPE, SIG_IGN);

  // The transport owns (and closes) its descriptors, so it gets duplicates. Standard output
  // then points at stderr: a stray print anywhere cannot corrupt the protocol stream.
  int input = ::dup(options.inputFd);
  int output = ::dup(options.outputFd);
  if (input < 0 || output < 0) {
    log(LogLevel::Error, "cannot duplicate the standard streams");
    return 1;
  }
  if (options.outputFd == STDOUT_FILENO) ::dup2(STDERR_FILENO, STDOUT_FILENO);

  int code = 1;
  {
    boost::asio::io_context io;
    std::unique_ptr<Transport> transport = makeStreamTransport(io, input, output);
    Session session(options, io, *transport);
    session.start();
    log(LogLevel::Info, "serving on stdio (version " + options.version + ")");
    for (;;) {
      try {
        io.run();
        break;
      } catch (const std::exception& e) {
        // Handlers are guarded; this is a last line of defence, and the loop keeps serving.
        log(LogLevel::Error, std::string("internal error on the I/O thread: ") + e.what());
      } catch (...) {
        log(LogLevel::Error, "internal error on the I/O thread");
      }
    }
    session.finish();
    code = session.exitCode();
  }
  return code;
}

} // namespace shrike::lsp
