// CaseFile: reads a markdown case file — each `##` section a case, ```py blocks its files,
// ```toml blocks its settings, and assertion comments in the code:
//
//     x = undefined  # error: [unresolved-reference] "not defined"
//     reveal_type(1)  # revealed: Literal[1]
//
// A file block takes its path from a line like `pkg/mod.py`: just before it; the first one
// without such a line is main.py (main.pyi for a ```pyi block). A ```text block with a path
// line is a file that is not Python (py.typed). A line
// `<!-- xfail: reason -->` in a case marks it as a known failure.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace shrike::tests {

struct CaseAssertion {
  std::string file;
  uint32_t line = 0;    // 1-based
  std::string severity; // "error", "warning", "info"; "revealed" for a revealed type
  std::string rule;     // for revealed: "reveal-type"
  std::string text;     // a message substring, or the exact revealed type
};

// A cursor under a line of code, for the IDE features:
//
//     print(helper())
//     #     ^ definition: mod.py helper
//     #     ^ references: main.py:1, mod.py:3
//
// A definition answer is `PATH NAME` (the declaration's qualified name), `PATH:LINE`, or
// `PATH` for a module; typeshed paths are written from the stub folder ("builtins.pyi").
struct CaseQuery {
  std::string file;
  uint32_t line = 0;   // 1-based: the code line the caret points into
  uint32_t column = 0; // 0-based byte column of the caret
  std::string kind;    // "definition" or "references"
  std::vector<std::string> expected;
};

struct CaseSourceFile {
  std::string path; // relative to the case's root, e.g. "pkg/mod.py"
  std::string text;
  uint32_t firstLine = 0; // the markdown line of the file's first line (for messages)
};

struct Case {
  std::string name;
  uint32_t line = 0; // the heading's line in the markdown file
  std::vector<CaseSourceFile> files;
  std::string settings; // TOML text (the file's preamble settings first)
  std::vector<CaseAssertion> assertions;
  std::vector<CaseQuery> queries;
  bool xfail = false;
  std::string xfailReason;
  std::vector<std::string> errors; // problems with the case file itself
};

// Parses the markdown text of a case file.
std::vector<Case> parseCaseFile(const std::string& markdown);

// The assertions written in one Python file's comments.
std::vector<CaseAssertion> parseAssertions(const std::string& path, const std::string& text,
                                           std::vector<std::string>& errors);

// The cursor queries (`# ^ definition: ...`) in one Python file.
std::vector<CaseQuery> parseQueries(const std::string& path, const std::string& text,
                                    std::vector<std::string>& errors);

} // namespace shrike::tests
