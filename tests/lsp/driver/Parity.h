// Parity: the LSP publishes exactly what `shrike check` reports — a folder of Python files is
// checked by the CLI (JSON output) and opened in a real `shrike lsp`, and the two lists of
// diagnostics (file, range, severity, rule, message, notes) must be the same.
#pragma once

#include <string>

namespace shrike::lsptest {

// Compares `server check` with `server lsp` over the folder `dir` (which holds its own
// shrike.toml); returns the differences (empty: the same).
std::string runParity(const std::string& server, const std::string& dir);

} // namespace shrike::lsptest
