// Subprocess: posix_spawn with a pipe for stdout, poll() against a deadline, SIGKILL past it.
#include "checker/resolve/Subprocess.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace shrike::checker {

namespace {

using Clock = std::chrono::steady_clock;

int millisecondsLeft(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

// Waits for the child until the deadline; kills it past the deadline. Returns the status.
int reap(pid_t pid, Clock::time_point deadline, bool& timedOut) {
  int status = 0;
  while (true) {
    pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) return status;
    if (done < 0 && errno != EINTR) return -1;
    if (Clock::now() >= deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  timedOut = true;
  kill(pid, SIGKILL);
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

} // namespace

ProcessResult runProcess(const std::vector<std::string>& argv, std::chrono::milliseconds timeout,
                         size_t maxOutput) {
  ProcessResult result;
  if (argv.empty()) {
    result.error = "no program to run";
    return result;
  }
  int pipeFds[2];
  if (pipe2(pipeFds, O_CLOEXEC) != 0) {
    result.error = std::string("pipe: ") + std::strerror(errno);
    return result;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, pipeFds[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);

  std::vector<char*> args;
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);

  pid_t pid = 0;
  int spawnError = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipeFds[1]);
  if (spawnError != 0) {
    close(pipeFds[0]);
    result.error = std::strerror(spawnError);
    return result;
  }
  result.started = true;

  Clock::time_point deadline = Clock::now() + timeout;
  char buffer[8192];
  while (true) {
    int left = millisecondsLeft(deadline);
    if (left == 0) break;
    pollfd fd{pipeFds[0], POLLIN, 0};
    int ready = poll(&fd, 1, left);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) break;
    ssize_t count = read(pipeFds[0], buffer, sizeof buffer);
    if (count < 0 && errno == EINTR) continue;
    if (count <= 0) break; // end of output (or an error reading it)
    result.output.append(buffer, static_cast<size_t>(count));
    if (result.output.size() > maxOutput) {
      result.output.resize(maxOutput);
      break;
    }
  }
  close(pipeFds[0]);
  // A child that closed stdout gets the rest of the deadline to exit.
  int status = reap(pid, millisecondsLeft(deadline) > 0 ? deadline : Clock::now(), result.timedOut);
  if (!result.timedOut && status >= 0 && WIFEXITED(status)) result.exitCode = WEXITSTATUS(status);
  return result;
}

} // namespace shrike::checker
