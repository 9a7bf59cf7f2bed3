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
//   ```toml                the project's shrike.toml (or the labelled file)
//
// Cursor markers: a comment line whose `^` points at the line above it —
//
//   helper()
//   # <- a line `#  ^ feature: expectation` under it, the caret under the name
//
//   definition: FILE NAME; ...     every target: its file (relative, or the bare name of a file
//   declaration: ...               outside the workspace, like builtins.pyi) and its name with
//   type-definition: ...           enclosing classes/functions (`C.method`); a module: FILE
//                                  alone; `none` for no target
//   references: FILE:LINE ...      every reference (1-based lines), declarations included;
//   references-without-declaration: ...   the same without them
//   hover: TEXT                    the signature line of the hover (`none`: no hover)
//   hover-doc: TEXT                text the hover contains (its docstring)
//   highlight: LINE[r|w] ...       every highlight in the file, read or write
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
