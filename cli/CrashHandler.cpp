// CrashHandler: async-signal-safe reporting of fatal signals and uncaught exceptions.
#include "cli/CrashHandler.h"

#include <csignal>
#include <cstring>
#include <exception>
#include <initializer_list>
#include <unistd.h>

namespace shrike::cli {

const char* bugReportRequest() {
  return "This is a bug in Shrike. Please report it with the command you ran and, if you can,\n"
         "the file that triggered it (shrike --version: " SHRIKE_VERSION ").\n";
}

namespace {

void writeStderr(const char* text) {
  size_t length = std::strlen(text);
  while (length > 0) {
    ssize_t written = ::write(STDERR_FILENO, text, length);
    if (written <= 0) return;
    text += written;
    length -= static_cast<size_t>(written);
  }
}

[[noreturn]] void die(const char* what) {
  writeStderr("\nshrike: internal error: ");
  writeStderr(what);
  writeStderr("\n");
  writeStderr(bugReportRequest());
  ::_exit(101);
}

extern "C" void onFatalSignal(int signal) {
  switch (signal) {
  case SIGSEGV: die("segmentation fault");
  case SIGBUS: die("bus error");
  case SIGFPE: die("arithmetic exception");
  case SIGILL: die("illegal instruction");
  case SIGABRT: die("aborted");
  default: die("fatal signal");
  }
}

void onTerminate() {
  const char* what = "uncaught exception";
  if (auto current = std::current_exception()) {
    try {
      std::rethrow_exception(current);
    } catch (const std::exception& error) {
      writeStderr("\nshrike: internal error: ");
      writeStderr(error.what());
      writeStderr("\n");
      writeStderr(bugReportRequest());
      ::_exit(101);
    } catch (...) {
    }
  }
  die(what);
}

} // namespace

void installCrashHandlers() {
  std::set_terminate(onTerminate);
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return;
#else
  // A separate stack lets the handler run after a stack overflow too.
  static char alternateStack[64 * 1024];
  stack_t stack{};
  stack.ss_sp = alternateStack;
  stack.ss_size = sizeof alternateStack;
  ::sigaltstack(&stack, nullptr);
  struct sigaction action {};
  action.sa_handler = onFatalSignal;
  action.sa_flags = SA_ONSTACK | SA_RESETHAND;
  sigemptyset(&action.sa_mask);
  for (int signal : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT})
    ::sigaction(signal, &action, nullptr);
#endif
}

} // namespace shrike::cli
