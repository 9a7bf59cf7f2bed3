// Log: timestamped lines on stderr, serialised so threads never interleave.
#include "lsp/Log.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>

namespace shrike::lsp {

namespace {

std::atomic<int> currentLevel{static_cast<int>(LogLevel::Info)};
std::mutex logMutex;

const char* levelTag(LogLevel level) {
  switch (level) {
  case LogLevel::Error: return "E";
  case LogLevel::Warning: return "W";
  case LogLevel::Info: return "I";
  case LogLevel::Verbose: return "V";
  }
  return "?";
}

} // namespace

void setLogLevel(LogLevel level) {
  currentLevel = static_cast<int>(level);
}

bool logEnabled(LogLevel level) {
  return static_cast<int>(level) <= currentLevel.load();
}

void log(LogLevel level, std::string_view message) {
  if (!logEnabled(level)) return;
  using namespace std::chrono;
  static const auto start = steady_clock::now();
  double seconds = duration<double>(steady_clock::now() - start).count();
  char prefix[48];
  std::snprintf(prefix, sizeof prefix, "%s[%9.3f] ", levelTag(level), seconds);
  std::string line = std::string(prefix) + "shrike-lsp: " + std::string(message) + "\n";
  std::lock_guard lock(logMutex);
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
}

} // namespace shrike::lsp
