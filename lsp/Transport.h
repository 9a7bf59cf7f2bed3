// Transport: moves framed messages between the server and its client. The server sees only
// message bodies; how bytes travel (stdio pipes here) stays behind this interface.
#pragma once

#include <functional>
#include <memory>
#include <string>

namespace boost::asio {
class io_context;
}

namespace shrike::lsp {

struct TransportCallbacks {
  std::function<void(std::string body)> onMessage;  // one complete message body
  std::function<void(std::string what)> onBadFrame; // bytes that could not be framed
  std::function<void()> onClosed;                   // the input ended or failed
};

class Transport {
public:
  virtual ~Transport() = default;
  // Starts reading; callbacks run on the I/O thread, one at a time, in arrival order.
  virtual void start(TransportCallbacks callbacks) = 0;
  // Queues one message body for writing. Thread-safe; messages go out whole, in call order.
  virtual void send(std::string body) = 0;
  // Calls `done` on the I/O thread once every message queued so far has been written (or
  // writing has failed).
  virtual void flush(std::function<void()> done) = 0;
};

// Reads from `inputFd` and writes to `outputFd` asynchronously on `io` (pipes, sockets or
// regular files). The descriptors are owned and closed by the transport.
std::unique_ptr<Transport> makeStreamTransport(boost::asio::io_context& io, int inputFd,
                                               int outputFd);

} // namespace shrike::lsp
