// CaseRunner: plays one case-file section against a real server and compares what it says
// with what the case asserts.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "lsp/Uri.h"
#include "parser/SourceText.h"
#include "tests/lsp/driver/CaseFile.h"
#include "tests/lsp/driver/JsonMatch.h"
#include "tests/lsp/driver/ServerProcess.h"

namespace shrike::lsptest {

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

struct ExpectedDiagnostic {
  uint32_t line;
  int severity;
  std::string code;
  std::string message;
};

std::vector<ExpectedDiagnostic> expectedDiagnostics(const std::string& text) {
  static const std::regex assertion(
      R"re(#\s*(error|warning|info|hint):\s*\[([a-z0-9-]+)\](\s*"([^"]*)")?)re");
  std::vector<ExpectedDiagnostic> out;
  std::istringstream in(text);
  std::string line;
  for (uint32_t number = 0; std::getline(in, line); ++number) {
    for (std::sregex_iterator it(line.begin(), line.end(), assertion), end; it != end; ++it) {
      const std::smatch& m = *it;
      int severity = m[1] == "error" ? 1 : m[1] == "warning" ? 2 : m[1] == "info" ? 3 : 4;
      out.push_back(ExpectedDiagnostic{number, severity, m[2], m[4]});
    }
  }
  return out;
}

const char* kindName(int kind) {
  switch (kind) {
  case 2: return "module";
  case 5: return "class";
  case 6: return "method";
  case 7: return "property";
  case 12: return "function";
  case 13: return "variable";
  case 14: return "constant";
  case 26: return "type-parameter";
  default: return "other";
  }
}

std::string trimRight(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n')) s.pop_back();
  return s;
}

class CaseSession {
public:
  CaseSession(const std::string& server, const Case& testCase)
      : testCase_(testCase), process_({server, "lsp"}) {
    char pattern[] = "/tmp/shrike-lsp-case-XXXXXX";
    if (::mkdtemp(pattern)) root_ = pattern;
  }

  ~CaseSession() {
    std::error_code ec;
    if (!root_.empty()) fs::remove_all(root_, ec);
  }

  std::string run() {
    if (root_.empty()) return "mkdtemp failed";
    if (!writeFiles()) return failures_.str();
    initialize();
    for (const std::string& path : opened_) open(path);
    for (const CaseStep& step : testCase_.steps) {
      switch (step.kind) {
      case CaseStep::Kind::File: break;
      case CaseStep::Kind::Edit: edit(step); break;
      case CaseStep::Kind::Symbols: symbols(step); break;
      case CaseStep::Kind::WorkspaceSymbols: workspaceSymbols(step); break;
      }
    }
    finish();
    std::string result = failures_.str();
    if (!result.empty()) result += "--- server log ---\n" + process_.stderrText();
    return result;
  }

private:
  std::string uriOf(const std::string& path) { return lsp::pathToUri(root_ + "/" + path); }

  std::string relative(const std::string& uri) {
    auto path = lsp::uriToPath(uri);
    if (!path) return uri;
    if (path->rfind(root_ + "/", 0) == 0) return path->substr(root_.size() + 1);
    // Typeshed's stubs by their path in typeshed's stdlib (`collections/__init__.pyi`).
    if (size_t stdlib = path->rfind("/stdlib/"); stdlib != std::string::npos)
      return path->substr(stdlib + 8);
    return fs::path(*path).filename().string();
  }

  bool writeFiles() {
    std::set<std::string> asserted;
    for (const CaseStep& step : testCase_.steps) {
      if (step.kind == CaseStep::Kind::File) {
        if (texts_.count(step.path)) {
          failures_ << "line " << step.line << ": " << step.path << " is given twice\n";
          return false;
        }
        texts_[step.path] = step.text;
        fs::path file = fs::path(root_) / step.path;
        fs::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << step.text;
        bool python = step.path.size() > 3 && (step.path.substr(step.path.size() - 3) == ".py" ||
                                               step.path.substr(step.path.size() - 4) == ".pyi");
        if (python && (step.path == "main.py" || !expectedDiagnostics(step.text).empty() ||
                       !markersOf(step.text).empty()))
          asserted.insert(step.path);
      } else if (step.kind != CaseStep::Kind::WorkspaceSymbols) {
        if (!texts_.count(step.path)) {
          failures_ << "line " << step.line << ": " << step.path << " has no text before this\n";
          return false;
        }
        asserted.insert(step.path);
      }
    }
    for (const CaseStep& step : testCase_.steps)
      if (step.kind == CaseStep::Kind::File && asserted.count(step.path))
        opened_.push_back(step.path);
    return true;
  }

  std::optional<json> request(const std::string& method, json params) {
    int id = nextId_++;
    process_.send(json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}});
    auto reply = process_.waitFor(
        [&](const json& m) { return m.contains("id") && m["id"] == id && !m.contains("method"); },
        scaledTimeout(10s));
    if (!reply) {
      failures_ << method << ": no response\n";
      return std::nullopt;
    }
    if (reply->contains("error")) {
      failures_ << method << ": error " << (*reply)["error"].dump() << "\n";
      return std::nullopt;
    }
    return (*reply)["result"];
  }

  void notify(const std::string& method, json params) {
    process_.send(json{{"jsonrpc", "2.0"}, {"method", method}, {"params", params}});
  }

  void initialize() {
    json capabilities = {
        {"general", {{"positionEncodings", {"utf-16"}}}},
        {"window", {{"workDoneProgress", true}}},
        {"textDocument",
         {{"publishDiagnostics", {{"relatedInformation", true}, {"versionSupport", true}}},
          {"documentSymbol", {{"hierarchicalDocumentSymbolSupport", true}}},
          {"hover", {{"contentFormat", {"markdown", "plaintext"}}}}}}};
    json params = {{"processId", nullptr},
                   {"rootUri", lsp::pathToUri(root_)},
                   {"workspaceFolders", {{{"uri", lsp::pathToUri(root_)}, {"name", "case"}}}},
                   {"capabilities", capabilities}};
    request("initialize", params);
    notify("initialized", json::object());
    // The workspace index is complete when the progress ends.
    auto end = process_.waitFor(
        [](const json& m) {
          return m.value("method", "") == "$/progress" && m["params"]["value"]["kind"] == "end";
        },
        scaledTimeout(10s));
    if (!end) failures_ << "the workspace index never finished (no $/progress end)\n";
  }

  void open(const std::string& path) {
    versions_[path] = 1;
    notify("textDocument/didOpen", {{"textDocument",
                                     {{"uri", uriOf(path)},
                                      {"languageId", "python"},
                                      {"version", 1},
                                      {"text", texts_[path]}}}});
    checkDiagnostics(path, "after opening");
    checkMarkers(path);
  }

  // One incremental change replacing what differs between the old and new text.
  void edit(const CaseStep& step) {
    const std::string& before = texts_[step.path];
    const std::string& after = step.text;
    size_t prefix = 0;
    while (prefix < before.size() && prefix < after.size() && before[prefix] == after[prefix])
      ++prefix;
    size_t suffix = 0;
    while (suffix < before.size() - prefix && suffix < after.size() - prefix &&
           before[before.size() - 1 - suffix] == after[after.size() - 1 - suffix])
      ++suffix;
    // Never split a UTF-8 character.
    auto continuation = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; };
    while (prefix > 0 && prefix < before.size() && continuation(before[prefix])) --prefix;
    while (suffix > 0 && continuation(before[before.size() - suffix])) --suffix;
    parser::SourceText old(before);
    auto start = old.toLineColumn(static_cast<uint32_t>(prefix), parser::ColumnUnit::Utf16);
    auto end =
        old.toLineColumn(static_cast<uint32_t>(before.size() - suffix), parser::ColumnUnit::Utf16);
    int version = ++versions_[step.path];
    json range = {{"start", {{"line", start.line}, {"character", start.column}}},
                  {"end", {{"line", end.line}, {"character", end.column}}}};
    json change = {{"range", range},
                   {"text", after.substr(prefix, after.size() - suffix - prefix)}};
    notify("textDocument/didChange",
           {{"textDocument", {{"uri", uriOf(step.path)}, {"version", version}}},
            {"contentChanges", json::array({change})}});
    texts_[step.path] = after;
    checkDiagnostics(step.path, "after the edit at line " + std::to_string(step.line));
    checkMarkers(step.path);
  }

  void checkDiagnostics(const std::string& path, const std::string& when) {
    std::string uri = uriOf(path);
    int version = versions_[path];
    auto published = process_.waitFor(
        [&](const json& m) {
          return m.value("method", "") == "textDocument/publishDiagnostics" &&
                 m["params"]["uri"] == uri && m["params"].value("version", -1) == version;
        },
        scaledTimeout(10s));
    if (!published) {
      failures_ << path << " " << when << ": no diagnostics for version " << version << "\n";
      return;
    }
    std::vector<ExpectedDiagnostic> expected = expectedDiagnostics(texts_[path]);
    std::vector<bool> used(expected.size(), false);
    for (const json& d : (*published)["params"]["diagnostics"]) {
      uint32_t line = d["range"]["start"]["line"];
      std::string code = d.value("code", "");
      std::string message = d.value("message", "");
      int severity = d.value("severity", 1);
      if (d.value("source", "") != "shrike")
        failures_ << path << ":" << line + 1 << ": a diagnostic without source \"shrike\"\n";
      bool matched = false;
      for (size_t i = 0; i < expected.size() && !matched; ++i) {
        const ExpectedDiagnostic& e = expected[i];
        if (used[i] || e.line != line || e.code != code || e.severity != severity) continue;
        if (!e.message.empty() && message.find(e.message) == std::string::npos) continue;
        used[i] = matched = true;
      }
      if (!matched)
        failures_ << path << ":" << line + 1 << " " << when << ": unexpected diagnostic [" << code
                  << "] " << message << "\n";
    }
    for (size_t i = 0; i < expected.size(); ++i) {
      if (!used[i])
        failures_ << path << ":" << expected[i].line + 1 << " " << when << ": expected ["
                  << expected[i].code << "] was not reported\n";
    }
  }

  // ---- cursor markers ----------------------------------------------------------------------

  struct Marker {
    uint32_t line = 0;      // 0-based, of the code the caret points into
    uint32_t character = 0; // UTF-16
    std::string feature;
    std::string expectation;
  };

  std::vector<Marker> markersOf(const std::string& text) {
    static const std::regex marker(R"re(^\s*#(\s*)\^\s*([a-z-]+):\s*(.*?)\s*$)re");
    std::vector<Marker> out;
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    int target = -1;
    for (size_t i = 0; i < lines.size(); ++i) {
      std::smatch m;
      if (!std::regex_match(lines[i], m, marker)) {
        target = static_cast<int>(i);
        continue;
      }
      if (target < 0) continue;
      size_t caret = lines[i].find('^');
      // The caret's column counts characters; the target line may hold non-ASCII ones.
      parser::SourceText line(lines[static_cast<size_t>(target)]);
      uint32_t codePoints = static_cast<uint32_t>(caret);
      uint32_t offset = line.toOffset(parser::LineColumn{0, codePoints}, parser::ColumnUnit::Utf32);
      uint32_t utf16 = line.toLineColumn(offset, parser::ColumnUnit::Utf16).column;
      out.push_back(Marker{static_cast<uint32_t>(target), utf16, m[2], m[3]});
    }
    return out;
  }

  json positionParams(const std::string& path, const Marker& marker) {
    return {{"textDocument", {{"uri", uriOf(path)}}},
            {"position", {{"line", marker.line}, {"character", marker.character}}}};
  }

  // The text of a location's range, and the names of the classes and functions around it
  // (by indentation), for checking `file Outer.name` expectations.
  struct Target {
    std::string file;
    std::string name; // dotted with its containers; empty for a module
  };

  Target describe(const json& location) {
    Target target;
    target.file = relative(location["uri"]);
    auto path = lsp::uriToPath(location["uri"].get<std::string>());
    if (!path) return target;
    std::ifstream in(*path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string fileText = texts_.count(target.file) ? texts_[target.file] : buffer.str();
    parser::SourceText text(fileText);
    const json& range = location["range"];
    uint32_t start =
        text.toOffset(parser::LineColumn{range["start"]["line"], range["start"]["character"]},
                      parser::ColumnUnit::Utf16);
    uint32_t end =
        text.toOffset(parser::LineColumn{range["end"]["line"], range["end"]["character"]},
                      parser::ColumnUnit::Utf16);
    if (start == end) return target; // a module: its file's start
    target.name = std::string(text.text().substr(start, end - start));
    uint32_t line = text.lineOf(start);
    auto indentOf = [&](uint32_t l) {
      std::string_view t = text.lineText(l);
      size_t first = t.find_first_not_of(" \t");
      return first == std::string_view::npos ? SIZE_MAX : first;
    };
    size_t indent = indentOf(line);
    static const std::regex header(
        R"re(^\s*(?:async\s+)?(?:def|class)\s+([A-Za-z_][A-Za-z0-9_]*))re");
    // A parameter on its def's own line belongs to that def.
    {
      std::string lineText(text.lineText(line));
      std::smatch m;
      if (std::regex_search(lineText, m, header) &&
          static_cast<size_t>(m.position(1) + m.length(1)) <= start - text.lineStart(line))
        target.name = std::string(m[1]) + "." + target.name;
    }
    for (uint32_t l = line; l-- > 0 && indent > 0;) {
      size_t i = indentOf(l);
      if (i >= indent) continue;
      std::string lineText(text.lineText(l));
      std::smatch m;
      if (std::regex_search(lineText, m, header))
        target.name = std::string(m[1]) + "." + target.name;
      indent = i;
    }
    return target;
  }

  static std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(text);
    while (std::getline(in, part, separator)) {
      part.erase(0, part.find_first_not_of(' '));
      while (!part.empty() && part.back() == ' ') part.pop_back();
      if (!part.empty()) parts.push_back(part);
    }
    return parts;
  }

  void checkMarkers(const std::string& path) {
    for (const Marker& marker : markersOf(texts_[path])) {
      std::string where = path + ":" + std::to_string(marker.line + 1) + ":" +
                          std::to_string(marker.character + 1) + " " + marker.feature + ": ";
      if (marker.feature == "definition" || marker.feature == "declaration" ||
          marker.feature == "type-definition") {
        std::string method =
            marker.feature == "type-definition" ? "typeDefinition" : marker.feature;
        auto result = request("textDocument/" + method, positionParams(path, marker));
        if (!result) continue;
        std::vector<std::string> actual;
        if (result->is_object()) result = json::array({*result});
        if (result->is_array())
          for (const json& location : *result) {
            Target t = describe(location);
            actual.push_back(t.name.empty() ? t.file : t.file + " " + t.name);
          }
        std::vector<std::string> expected = marker.expectation == "none"
                                                ? std::vector<std::string>{}
                                                : split(marker.expectation, ';');
        std::sort(actual.begin(), actual.end());
        std::sort(expected.begin(), expected.end());
        if (actual != expected) {
          failures_ << where << "expected [" << join(expected) << "], got [" << join(actual)
                    << "]\n";
        }
      } else if (marker.feature == "references" ||
                 marker.feature == "references-without-declaration") {
        json params = positionParams(path, marker);
        params["context"] = {{"includeDeclaration", marker.feature == "references"}};
        auto result = request("textDocument/references", params);
        if (!result) continue;
        std::vector<std::string> actual;
        for (const json& location : *result)
          actual.push_back(relative(location["uri"]) + ":" +
                           std::to_string(location["range"]["start"]["line"].get<int>() + 1));
        std::vector<std::string> expected = split(marker.expectation, ' ');
        if (marker.expectation == "none") expected.clear();
        std::sort(actual.begin(), actual.end());
        std::sort(expected.begin(), expected.end());
        if (actual != expected)
          failures_ << where << "expected [" << join(expected) << "], got [" << join(actual)
                    << "]\n";
      } else if (marker.feature == "hover" || marker.feature == "hover-doc") {
        auto result = request("textDocument/hover", positionParams(path, marker));
        if (!result) continue;
        std::string value = result->is_object() ? (*result)["contents"].value("value", "") : "";
        std::string signature;
        if (value.rfind("```python\n", 0) == 0)
          signature = value.substr(10, value.find("\n```", 10) - 10);
        if (marker.feature == "hover") {
          std::string expected = marker.expectation == "none" ? "" : marker.expectation;
          if (signature != expected)
            failures_ << where << "expected `" << expected << "`, got `" << signature << "`\n";
        } else if (value.find(marker.expectation) == std::string::npos) {
          failures_ << where << "the hover does not contain \"" << marker.expectation
                    << "\": " << value << "\n";
        }
      } else if (marker.feature == "highlight") {
        auto result = request("textDocument/documentHighlight", positionParams(path, marker));
        if (!result) continue;
        std::vector<std::string> actual;
        for (const json& highlight : *result)
          actual.push_back(std::to_string(highlight["range"]["start"]["line"].get<int>() + 1) +
                           (highlight.value("kind", 1) == 3   ? "w"
                            : highlight.value("kind", 1) == 2 ? "r"
                                                              : "t"));
        std::vector<std::string> expected = split(marker.expectation, ' ');
        std::sort(actual.begin(), actual.end());
        std::sort(expected.begin(), expected.end());
        if (actual != expected)
          failures_ << where << "expected [" << join(expected) << "], got [" << join(actual)
                    << "]\n";
      } else {
        failures_ << where << "unknown marker feature\n";
      }
    }
  }

  static std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
    return out;
  }

  void render(const json& symbol, int depth, const parser::SourceText& text, std::string& out) {
    out += std::string(static_cast<size_t>(depth) * 2, ' ') + symbol.value("name", "?") + " " +
           kindName(symbol.value("kind", 0));
    if (symbol.contains("detail") && !symbol["detail"].get<std::string>().empty())
      out += " " + symbol["detail"].get<std::string>();
    out += "\n";
    // The selection range must cover the name, inside the whole range.
    auto offset = [&](const json& position) {
      return text.toOffset(parser::LineColumn{position["line"], position["character"]},
                           parser::ColumnUnit::Utf16);
    };
    uint32_t start = offset(symbol["selectionRange"]["start"]);
    uint32_t end = offset(symbol["selectionRange"]["end"]);
    if (text.text().substr(start, end - start) != symbol.value("name", ""))
      failures_ << "symbol " << symbol.value("name", "?") << ": its selection range holds \""
                << text.text().substr(start, end - start) << "\"\n";
    if (offset(symbol["range"]["start"]) > start || offset(symbol["range"]["end"]) < end)
      failures_ << "symbol " << symbol.value("name", "?")
                << ": selection range outside the range\n";
    if (symbol.contains("children"))
      for (const json& child : symbol["children"]) render(child, depth + 1, text, out);
  }

  void symbols(const CaseStep& step) {
    auto result =
        request("textDocument/documentSymbol", {{"textDocument", {{"uri", uriOf(step.path)}}}});
    if (!result) return;
    parser::SourceText text(texts_[step.path]);
    std::string actual;
    for (const json& symbol : *result) render(symbol, 0, text, actual);
    if (trimRight(actual) != trimRight(step.text))
      failures_ << "line " << step.line << ": the outline of " << step.path
                << " differs\n--- expected\n"
                << step.text << "--- actual\n"
                << actual;
  }

  void workspaceSymbols(const CaseStep& step) {
    std::istringstream in(step.text);
    std::string first;
    std::getline(in, first);
    if (first.rfind("query:", 0) != 0) {
      failures_ << "line " << step.line << ": a workspace-symbols block starts with `query:`\n";
      return;
    }
    std::string query = first.substr(6);
    query.erase(0, query.find_first_not_of(' '));
    std::string expected((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto result = request("workspace/symbol", {{"query", query}});
    if (!result) return;
    std::string actual;
    for (const json& symbol : *result) {
      std::string container = symbol.value("containerName", "");
      actual += symbol.value("name", "?") + " " + kindName(symbol.value("kind", 0)) + " " +
                (container.empty() ? "-" : container) + " " + relative(symbol["location"]["uri"]) +
                ":" + std::to_string(symbol["location"]["range"]["start"]["line"].get<int>() + 1) +
                "\n";
    }
    if (trimRight(actual) != trimRight(expected))
      failures_ << "line " << step.line << ": workspace symbols for \"" << query
                << "\" differ\n--- expected\n"
                << expected << "--- actual\n"
                << actual;
  }

  void finish() {
    auto result = request("shutdown", nullptr);
    notify("exit", nullptr);
    std::optional<int> code = process_.waitForExit(scaledTimeout(10s));
    if (!code)
      failures_ << "the server did not exit\n";
    else if (*code != 0)
      failures_ << "the server exited with " << *code << " after shutdown\n";
    for (const std::string& bad : process_.badFrames)
      failures_ << "bad frame from the server: " << bad << "\n";
  }

  const Case& testCase_;
  ServerProcess process_;
  std::string root_;
  std::map<std::string, std::string> texts_;
  std::map<std::string, int> versions_;
  std::vector<std::string> opened_;
  std::ostringstream failures_;
  int nextId_ = 1;
};

} // namespace

std::string runCase(const std::string& server, const Case& testCase) {
  return CaseSession(server, testCase).run();
}

} // namespace shrike::lsptest
