// CaseFile: the LSP case files under tests/lsp/ — markdown where each `##` section is one
// session against a fresh server over a fresh workspace.
//
//   ```py                  main.py (a block with no label), opened in the editor
//   `pkg/mod.py`:          a label names the next block's file; a file with no assertions
//   ```py                  stays on disk, unopened (the workspace index still sees it)
//   `main.py` after an edit:
//   ```py                  the new text of an open file, sent as one incremental change
//   ```symbols             the outline (documentSymbol) of the file above it, one symbol a
//                          line: `name kind [detail]`, nesting by two-space indentation
//   ```workspace-symbols   `query: text` then every result, best first: `name kind container
//                          path:line` (container `-` when there is none)
//
// In Python, `# error: [rule-code]` (or warning/info/hint, optionally followed by a quoted
// message substring) asserts a diagnostic that starts on that line; every diagnostic of an
// open file must be asserted.
#pragma once

#include <string>
#include <vector>

namespace shrike::lsptest {

struct CaseStep {
  enum class Kind { File, Edit, Symbols, WorkspaceSymbols };
  Kind kind = Kind::File;
  std::string path; // the file (File, Edit, Symbols)
  std::string text; // its content, or the expectation block's lines
  int line = 0;     // where the block starts in the case file
};

struct Case {
  std::string name;
  std::vector<CaseStep> steps;
};

// Parses a case file; on a format error, returns no cases and sets `error`.
std::vector<Case> parseCaseFile(const std::string& text, std::string& error);

// Runs one case against the server binary; returns the failures (empty: passed).
std::string runCase(const std::string& server, const Case& testCase);

} // namespace shrike::lsptest
