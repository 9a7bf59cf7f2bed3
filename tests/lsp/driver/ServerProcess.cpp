// ServerProcess: fork/exec with pipes, poll-based reads with deadlines.
#include "tests/lsp/driver/ServerProcess.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <poll.h>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace shrike::lsptest {

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds scaledTimeout(std::chrono::milliseconds base) {
  const char* sanitized = std::getenv("SHRIKE_SANITIZED");
  return sanitized && *sanitized && std::string(sanitized) != "0" ? base * 5 : base;
}

ServerProcess::ServerProcess(const std::vector<std::string>& command) {
  int in[2], out[2];
  if (::pipe(in) != 0 || ::pipe(out) != 0) throw std::runtime_error("pipe failed");
  char pattern[] = "/tmp/shrike-lsp-stderr-XXXXXX";
  int errFd = ::mkstemp(pattern);
  if (errFd < 0) throw std::runtime_error("mkstemp failed");
  stderrPath_ = pattern;
  std::vector<char*> argv;
  for (const std::string& arg : command) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    ::dup2(in[0], 0);
    ::dup2(out[1], 1);
    ::dup2(errFd, 2);
    ::close(in[0]), ::close(in[1]), ::close(out[0]), ::close(out[1]), ::close(errFd);
    ::execv(argv[0], argv.data());
    std::fprintf(stderr, "exec %s failed: %s\n", argv[0], std::strerror(errno));
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  ::close(errFd);
  toServer_ = in[1];
  fromServer_ = out[0];
  // Writes never block: when the pipe is full the driver reads the server's output instead,
  // so neither side can wait on the other forever.
  ::fcntl(toServer_, F_SETFL, ::fcntl(toServer_, F_GETFL) | O_NONBLOCK);
  ::signal(SIGPIPE, SIG_IGN);
}

ServerProcess::~ServerProcess() {
  closeInput();
  if (!exitCode_ && pid_ > 0) {
    if (!waitForExit(scaledTimeout(std::chrono::milliseconds(2000)))) {
      // waitForExit killed it.
    }
  }
  if (fromServer_ >= 0) ::close(fromServer_);
  ::unlink(stderrPath_.c_str());
}

void ServerProcess::sendRaw(const std::string& bytes) {
  size_t written = 0;
  while (written < bytes.size() && toServer_ >= 0) {
    ssize_t n = ::write(toServer_, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN) {
        readSome(std::chrono::milliseconds(10));
        continue;
      }
      return; // the server is gone; the test notices through its expectations
    }
    written += static_cast<size_t>(n);
    if (written < bytes.size()) readSome(std::chrono::milliseconds(0));
  }
}

void ServerProcess::send(const json& message) {
  sendRaw(lsp::frameMessage(message.dump()));
}

void ServerProcess::closeInput() {
  if (toServer_ >= 0) ::close(toServer_);
  toServer_ = -1;
}

bool ServerProcess::readSome(std::chrono::milliseconds timeout) {
  if (fromServer_ < 0) return false;
  pollfd fd{fromServer_, POLLIN, 0};
  int ready = ::poll(&fd, 1, static_cast<int>(timeout.count()));
  if (ready <= 0) return false;
  char buffer[65536];
  ssize_t n = ::read(fromServer_, buffer, sizeof buffer);
  if (n <= 0) {
    ::close(fromServer_);
    fromServer_ = -1;
    return false;
  }
  reader_.feed(std::string_view(buffer, static_cast<size_t>(n)));
  lsp::FrameEvent event;
  while (reader_.next(event)) {
    if (event.kind == lsp::FrameEvent::Kind::Error) {
      badFrames.push_back(event.text);
      continue;
    }
    json message = json::parse(event.text, nullptr, false);
    if (message.is_discarded()) {
      badFrames.push_back("invalid JSON from the server: " + event.text.substr(0, 200));
      continue;
    }
    onMessage(std::move(message));
  }
  return true;
}

void ServerProcess::onMessage(json message) {
  if (message.contains("method") && message.contains("id")) {
    serverRequests.push_back(message);
    send(json{{"jsonrpc", "2.0"}, {"id", message["id"]}, {"result", nullptr}});
  }
  pending_.push_back(std::move(message));
}

std::optional<json> ServerProcess::waitFor(const std::function<bool(const json&)>& wanted,
                                           std::chrono::milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  size_t checked = 0;
  for (;;) {
    for (; checked < pending_.size(); ++checked) {
      if (wanted(pending_[checked])) {
        json found = std::move(pending_[checked]);
        pending_.erase(pending_.begin() + static_cast<std::ptrdiff_t>(checked));
        return found;
      }
    }
    auto now = Clock::now();
    if (now >= deadline || fromServer_ < 0) return std::nullopt;
    readSome(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now) +
             std::chrono::milliseconds(1));
  }
}

void ServerProcess::drain(std::chrono::milliseconds duration) {
  auto deadline = Clock::now() + duration;
  while (Clock::now() < deadline && fromServer_ >= 0) {
    readSome(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()) +
             std::chrono::milliseconds(1));
  }
}

std::optional<int> ServerProcess::waitForExit(std::chrono::milliseconds timeout) {
  if (exitCode_) return exitCode_;
  auto deadline = Clock::now() + timeout;
  for (;;) {
    int status = 0;
    pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      exitCode_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      return exitCode_;
    }
    if (Clock::now() >= deadline) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      exitCode_ = -1;
      return std::nullopt;
    }
    // Keep reading so a server blocked on a full output pipe can finish.
    if (!readSome(std::chrono::milliseconds(10))) ::usleep(5000);
  }
}

std::string ServerProcess::stderrText() const {
  std::ifstream in(stderrPath_);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

} // namespace shrike::lsptest
