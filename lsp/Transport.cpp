// Transport: Boost.Asio stream descriptors, Content-Length framing, a serialised write queue.
#include "lsp/Transport.h"

// With g++ 12 in C++20 mode, Asio needs <utility> seen first (std::exchange).
#include <utility>

#include <boost/asio.hpp>

#include <array>
#include <deque>

#include "lsp/Framing.h"
#include "lsp/Log.h"

namespace shrike::lsp {

namespace {

namespace asio = boost::asio;

class StreamTransport final : public Transport,
                              public std::enable_shared_from_this<StreamTransport> {
public:
  StreamTransport(asio::io_context& io, int inputFd, int outputFd)
      : strand_(asio::make_strand(io)), input_(strand_, inputFd), output_(strand_, outputFd) {}

  void start(TransportCallbacks callbacks) override {
    callbacks_ = std::move(callbacks);
    asio::post(strand_, [self = shared_from_this()] { self->readMore(); });
  }

  void send(std::string body) override {
    asio::post(strand_, [self = shared_from_this(), framed = frameMessage(body)]() mutable {
      self->queue_.push_back(std::move(framed));
      if (!self->writing_) self->writeNext();
    });
  }

  void flush(std::function<void()> done) override {
    asio::post(strand_, [self = shared_from_this(), done = std::move(done)]() mutable {
      if (!self->writing_ && self->queue_.empty()) {
        done();
        return;
      }
      self->flushWaiters_.push_back(std::move(done));
    });
  }

private:
  void readMore() {
    input_.async_read_some(asio::buffer(readBuffer_),
                           [self = shared_from_this()](boost::system::error_code ec, size_t n) {
                             self->onRead(ec, n);
                           });
  }

  void onRead(boost::system::error_code ec, size_t n) {
    if (n > 0) {
      reader_.feed(std::string_view(readBuffer_.data(), n));
      FrameEvent event;
      while (reader_.next(event)) {
        if (event.kind == FrameEvent::Kind::Message) {
          if (callbacks_.onMessage) callbacks_.onMessage(std::move(event.text));
        } else if (callbacks_.onBadFrame) {
          callbacks_.onBadFrame(std::move(event.text));
        }
      }
    }
    if (ec) {
      if (ec != asio::error::eof) log(LogLevel::Error, "reading input failed: " + ec.message());
      if (reader_.pendingBytes() > 0) {
        log(LogLevel::Warning, "the input ended inside a message (" +
                                   std::to_string(reader_.pendingBytes()) + " bytes dropped)");
      }
      if (callbacks_.onClosed) callbacks_.onClosed();
      return;
    }
    readMore();
  }

  void writeNext() {
    if (queue_.empty() || failed_) {
      if (failed_) queue_.clear();
      writing_ = false;
      for (auto& done : flushWaiters_) done();
      flushWaiters_.clear();
      return;
    }
    writing_ = true;
    asio::async_write(output_, asio::buffer(queue_.front()),
                      [self = shared_from_this()](boost::system::error_code ec, size_t) {
                        if (ec) {
                          if (!self->failed_)
                            log(LogLevel::Error, "writing output failed: " + ec.message());
                          self->failed_ = true;
                        }
                        self->queue_.pop_front();
                        self->writeNext();
                      });
  }

  asio::strand<asio::io_context::executor_type> strand_;
  asio::posix::stream_descriptor input_;
  asio::posix::stream_descriptor output_;
  TransportCallbacks callbacks_;
  MessageReader reader_;
  std::array<char, 64 * 1024> readBuffer_{};
  std::deque<std::string> queue_;
  std::vector<std::function<void()>> flushWaiters_;
  bool writing_ = false;
  bool failed_ = false;
};

} // namespace

std::unique_ptr<Transport> makeStreamTransport(asio::io_context& io, int inputFd, int outputFd) {
  // The asynchronous operations keep the object alive through shared_from_this; the returned
  // handle shares ownership.
  struct Handle final : Transport {
    std::shared_ptr<StreamTransport> impl;
    void start(TransportCallbacks callbacks) override { impl->start(std::move(callbacks)); }
    void send(std::string body) override { impl->send(std::move(body)); }
    void flush(std::function<void()> done) override { impl->flush(std::move(done)); }
  };
  auto handle = std::make_unique<Handle>();
  handle->impl = std::make_shared<StreamTransport>(io, inputFd, outputFd);
  return handle;
}

} // namespace shrike::lsp
