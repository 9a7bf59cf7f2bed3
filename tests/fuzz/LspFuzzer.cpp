// LspFuzzer (target `lsp`): arbitrary bytes as what a client writes to `shrike lsp` — cut into
// messages by the Content-Length framing, parsed as JSON-RPC and dispatched by a real Session
// through every handler — in process, over an in-memory Transport instead of stdio.
//
// Each input is one whole connection: a fresh Session is fed the bytes in uneven chunks, given
// a moment to run what they scheduled, then sees its input close. Beyond not crashing, every
// message the server writes must be a JSON-RPC 2.0 object, and no request may be answered with
// InternalError (a handler that threw).
//
// The client may name an interpreter in its settings (`python`); the server would run it, so
// this harness takes such settings out before the server sees them: a fuzzer must not pick
// programs to start.
#include <utility> // Asio needs it first with g++ 12 in C++20 mode (std::exchange)

#include <boost/asio.hpp>

#include <chrono>
#include <mutex>
#include <string>
#include <thread>

#include "lsp/Framing.h"
#include "lsp/JsonRpc.h"
#include "lsp/Log.h"
#include "lsp/Session.h"
#include "lsp/Transport.h"
#include "tests/fuzz/FuzzTarget.h"

namespace {

using namespace shrike;
using fuzz::require;
namespace asio = boost::asio;

// Collects what the server writes and checks each message's shape.
class MemoryTransport final : public lsp::Transport {
public:
  explicit MemoryTransport(asio::io_context& io) : io_(io) {}

  void start(lsp::TransportCallbacks callbacks) override { callbacks_ = std::move(callbacks); }

  void send(std::string body) override {
    lsp::json message = lsp::json::parse(body, nullptr, false);
    require(!message.is_discarded(), "the server wrote a message that is not JSON");
    require(message.is_object() && message.value("jsonrpc", "") == "2.0",
            "the server wrote a message that is not a JSON-RPC 2.0 object");
    if (auto error = message.find("error"); error != message.end() && error->is_object())
      require(error->value("code", 0) != static_cast<int>(lsp::ErrorCode::InternalError),
              "a request was answered with InternalError (a handler threw)");
  }

  void flush(std::function<void()> done) override { asio::post(io_, std::move(done)); }

  const lsp::TransportCallbacks& callbacks() const { return callbacks_; }

private:
  asio::io_context& io_;
  lsp::TransportCallbacks callbacks_;
};

// Removes every `python` member (the interpreter setting) from a JSON value.
bool stripInterpreterSettings(lsp::json& value) {
  bool changed = false;
  if (value.is_object()) {
    changed = value.erase("python") > 0;
    for (auto& [key, member] : value.items()) changed |= stripInterpreterSettings(member);
  } else if (value.is_array()) {
    for (auto& member : value) changed |= stripInterpreterSettings(member);
  }
  return changed;
}

std::string withoutInterpreterSettings(std::string body) {
  lsp::json parsed = lsp::json::parse(body, nullptr, false);
  if (parsed.is_discarded() || !stripInterpreterSettings(parsed)) return body;
  return parsed.dump(-1, ' ', false, lsp::json::error_handler_t::replace);
}

// Runs what is ready on the I/O context until nothing has been ready for a few milliseconds
// (worker jobs post their results back here) or the session stopped it.
void settle(asio::io_context& io) {
  for (int idle = 0; idle < 3 && !io.stopped();) {
    if (io.poll() == 0) {
      ++idle;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    } else {
      idle = 0;
    }
  }
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  lsp::setLogLevel(lsp::LogLevel::Error);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  asio::io_context io;
  auto guard = asio::make_work_guard(io); // poll() must not see "no work" as the end
  MemoryTransport transport(io);
  lsp::ServerOptions options;
  options.workerThreads = 1;
  options.diagnosticsDelay = std::chrono::milliseconds(0);
  options.parentCheckInterval = std::chrono::hours(1);
  {
    lsp::Session session(options, io, transport);
    session.start();
    lsp::MessageReader reader;
    static constexpr size_t chunkSizes[] = {1, 3, 17, 256, 4096};
    size_t offset = 0;
    for (size_t chunk = 0; offset < size && !io.stopped(); ++chunk) {
      size_t n = std::min(chunkSizes[chunk % std::size(chunkSizes)], size - offset);
      reader.feed(std::string_view(reinterpret_cast<const char*>(data) + offset, n));
      offset += n;
      lsp::FrameEvent event;
      while (!io.stopped() && reader.next(event)) {
        if (event.kind == lsp::FrameEvent::Kind::Message)
          transport.callbacks().onMessage(withoutInterpreterSettings(std::move(event.text)));
        else
          transport.callbacks().onBadFrame(std::move(event.text));
        io.poll();
      }
    }
    settle(io);
    if (!io.stopped()) transport.callbacks().onClosed();
    settle(io);
    session.finish();
  }
  return 0;
}
