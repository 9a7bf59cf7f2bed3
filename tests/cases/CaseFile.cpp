// CaseFile: the markdown case format's parser.
#include "tests/cases/CaseFile.h"

#include <sstream>

namespace shrike::tests {

namespace {

std::string trim(std::string s) {
  size_t a = s.find_first_not_of(" \t\r");
  size_t b = s.find_last_not_of(" \t\r");
  return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

// "`pkg/mod.py`:" -> "pkg/mod.py"; empty when the line is not a path line.
std::string pathLine(const std::string& line) {
  std::string t = trim(line);
  if (t.size() < 4 || t[0] != '`') return "";
  size_t close = t.find('`', 1);
  if (close == std::string::npos) return "";
  std::string rest = trim(t.substr(close + 1));
  if (rest != ":" && !rest.empty()) return "";
  std::string path = t.substr(1, close - 1);
  if (path.ends_with(".py") || path.ends_with(".pyi") || path.find('/') != std::string::npos)
    return path;
  return "";
}

} // namespace

std::vector<CaseAssertion> parseAssertions(const std::string& path, const std::string& text,
                                           std::vector<std::string>& errors) {
  std::vector<CaseAssertion> out;
  std::istringstream in(text);
  std::string line;
  uint32_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    size_t hash = line.find('#');
    while (hash != std::string::npos) {
      std::string rest = line.substr(hash + 1);
      std::string t = trim(rest);
      auto take = [&](const std::string& key) { return t.rfind(key, 0) == 0; };
      if (take("revealed:")) {
        out.push_back({path, number, "revealed", "reveal-type", trim(t.substr(9))});
        break;
      }
      std::string severity = take("error:")     ? "error"
                             : take("warning:") ? "warning"
                             : take("info:")    ? "info"
                                                : "";
      if (!severity.empty()) {
        std::string body = trim(t.substr(severity.size() + 1));
        CaseAssertion a{path, number, severity, "", ""};
        if (body.size() < 2 || body[0] != '[' || body.find(']') == std::string::npos) {
          errors.push_back(path + ":" + std::to_string(number) +
                           ": an assertion needs a [rule-code]");
        } else {
          size_t close = body.find(']');
          a.rule = body.substr(1, close - 1);
          std::string after = trim(body.substr(close + 1));
          if (!after.empty() && after[0] == '"') {
            size_t end = after.find('"', 1);
            if (end != std::string::npos) a.text = after.substr(1, end - 1);
          }
          out.push_back(a);
        }
      }
      hash = line.find('#', hash + 1);
    }
  }
  return out;
}

std::vector<CaseQuery> parseQueries(const std::string& path, const std::string& text,
                                    std::vector<std::string>& errors) {
  std::vector<CaseQuery> out;
  std::istringstream in(text);
  std::string line;
  uint32_t number = 0, codeLine = 0;
  while (std::getline(in, line)) {
    ++number;
    std::string t = trim(line);
    size_t caret = line.find('^');
    bool isQuery = !t.empty() && t[0] == '#' && caret != std::string::npos &&
                   (line.find("definition:", caret) != std::string::npos ||
                    line.find("references:", caret) != std::string::npos);
    if (!isQuery) {
      codeLine = number;
      continue;
    }
    if (codeLine == 0) {
      errors.push_back(path + ":" + std::to_string(number) +
                       ": a cursor line needs a line of code above it");
      continue;
    }
    CaseQuery q;
    q.file = path;
    q.line = codeLine;
    q.column = static_cast<uint32_t>(caret);
    std::string rest = trim(line.substr(caret + 1));
    size_t colon = rest.find(':');
    q.kind = trim(rest.substr(0, colon));
    std::string list = rest.substr(colon + 1);
    size_t start = 0;
    while (start <= list.size()) {
      size_t comma = list.find(',', start);
      if (comma == std::string::npos) comma = list.size();
      std::string item = trim(list.substr(start, comma - start));
      if (!item.empty() && item != "(none)") q.expected.push_back(item);
      start = comma + 1;
    }
    out.push_back(std::move(q));
  }
  return out;
}

std::vector<Case> parseCaseFile(const std::string& markdown) {
  std::vector<Case> cases;
  std::string preambleSettings;
  std::istringstream in(markdown);
  std::string line;
  uint32_t number = 0;
  std::string pendingPath;
  bool inFence = false;
  std::string fenceKind, fenceText, fencePath;
  uint32_t fenceStart = 0;
  auto current = [&]() -> Case* { return cases.empty() ? nullptr : &cases.back(); };
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (inFence) {
      if (trim(line).rfind("```", 0) == 0) {
        inFence = false;
        Case* c = current();
        if (fenceKind == "toml") {
          if (c)
            c->settings += fenceText + "\n";
          else
            preambleSettings += fenceText + "\n";
        } else if (fenceKind == "py" || fenceKind == "python" || fenceKind == "pyi") {
          if (!c) continue;
          std::string path = fencePath;
          if (path.empty()) {
            bool hasMain = false;
            for (const auto& f : c->files) hasMain |= f.path == "main.py" || f.path == "main.pyi";
            if (hasMain)
              c->errors.push_back(
                  "line " + std::to_string(fenceStart) +
                  ": a second code block needs a path line (`pkg/mod.py`:) before it");
            path = fenceKind == "pyi" ? "main.pyi" : "main.py";
          }
          c->files.push_back({path, fenceText, fenceStart + 1});
        } else if (fenceKind == "text") {
          // Another file of the case (py.typed, a marker): it needs a path line.
          if (!c) continue;
          if (fencePath.empty())
            c->errors.push_back("line " + std::to_string(fenceStart) +
                                ": a ```text block needs a path line (`pkg/py.typed`:) before it");
          else
            c->files.push_back({fencePath, fenceText, fenceStart + 1});
        }
        continue;
      }
      fenceText += (fenceText.empty() && fenceStart + 1 == number ? "" : "\n") + line;
      continue;
    }
    std::string t = trim(line);
    if (t.rfind("```", 0) == 0) {
      inFence = true;
      fenceKind = trim(t.substr(3));
      fenceText.clear();
      fenceStart = number;
      fencePath = pendingPath;
      pendingPath.clear();
      continue;
    }
    if (line.rfind("## ", 0) == 0) {
      Case c;
      c.name = trim(line.substr(3));
      c.line = number;
      c.settings = preambleSettings;
      cases.push_back(std::move(c));
      pendingPath.clear();
      continue;
    }
    if (t.rfind("<!-- xfail:", 0) == 0 && current()) {
      current()->xfail = true;
      std::string reason = t.substr(11);
      size_t end = reason.find("-->");
      current()->xfailReason = trim(end == std::string::npos ? reason : reason.substr(0, end));
      continue;
    }
    std::string path = pathLine(line);
    if (!path.empty()) pendingPath = path;
  }
  for (Case& c : cases) {
    for (const CaseSourceFile& f : c.files) {
      if (!f.path.ends_with(".py") && !f.path.ends_with(".pyi")) continue;
      auto found = parseAssertions(f.path, f.text, c.errors);
      c.assertions.insert(c.assertions.end(), found.begin(), found.end());
      auto queries = parseQueries(f.path, f.text, c.errors);
      c.queries.insert(c.queries.end(), queries.begin(), queries.end());
    }
    if (c.files.empty()) c.errors.push_back("the case has no ```py block");
  }
  return cases;
}

} // namespace shrike::tests
