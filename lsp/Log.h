// Log: the server's own log, one line per event on stderr (stdout carries the protocol).
#pragma once

#include <string_view>

namespace shrike::lsp {

enum class LogLevel { Error, Warning, Info, Verbose };

// Lines above this level are dropped; set once at start-up.
void setLogLevel(LogLevel level);
bool logEnabled(LogLevel level);
// Thread-safe; each call writes one whole line with a timestamp.
void log(LogLevel level, std::string_view message);

} // namespace shrike::lsp
