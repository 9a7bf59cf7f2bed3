// CaseFile: splitting a case file into sections and steps.
#include "tests/lsp/driver/CaseFile.h"

#include <sstream>

namespace shrike::lsptest {

std::vector<Case> parseCaseFile(const std::string& text, std::string& error) {
  std::vector<Case> cases;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  std::string label; // the file named by the last label line
  bool labelIsEdit = false;
  while (std::getline(in, line)) {
    ++number;
    if (line.rfind("## ", 0) == 0) {
      cases.push_back(Case{line.substr(3), {}});
      label.clear();
      continue;
    }
    if (!line.empty() && line[0] == '`' && line.rfind("```", 0) != 0) {
      size_t close = line.find('`', 1);
      if (close != std::string::npos && line.back() == ':') {
        label = line.substr(1, close - 1);
        labelIsEdit = line.find("edit", close) != std::string::npos;
      }
      continue;
    }
    if (line.rfind("```", 0) != 0) continue;
    std::string info = line.substr(3);
    int start = number;
    std::string body;
    bool closed = false;
    while (std::getline(in, line)) {
      ++number;
      if (line.rfind("```", 0) == 0) {
        closed = true;
        break;
      }
      body += line + "\n";
    }
    if (!closed) {
      error = "line " + std::to_string(start) + ": a code block that never closes";
      return {};
    }
    if (cases.empty()) {
      error = "line " + std::to_string(start) + ": a code block before the first ## section";
      return {};
    }
    CaseStep step;
    step.line = start;
    step.text = body;
    if (info == "py" || info == "pyi" || info == "python") {
      step.path = label.empty() ? "main.py" : label;
      step.kind = labelIsEdit ? CaseStep::Kind::Edit : CaseStep::Kind::File;
    } else if (info == "symbols") {
      step.kind = CaseStep::Kind::Symbols;
      // The outline of the file above it.
      for (auto it = cases.back().steps.rbegin(); it != cases.back().steps.rend(); ++it) {
        if (it->kind == CaseStep::Kind::File || it->kind == CaseStep::Kind::Edit) {
          step.path = it->path;
          break;
        }
      }
      if (step.path.empty()) {
        error = "line " + std::to_string(start) + ": a symbols block needs a file above it";
        return {};
      }
    } else if (info == "toml") {
      step.kind = CaseStep::Kind::File;
      step.path = label.empty() ? "shrike.toml" : label;
    } else if (info == "workspace-symbols") {
      step.kind = CaseStep::Kind::WorkspaceSymbols;
    } else {
      continue; // other blocks (examples in prose) are not steps
    }
    label.clear();
    labelIsEdit = false;
    cases.back().steps.push_back(std::move(step));
  }
  return cases;
}

} // namespace shrike::lsptest
