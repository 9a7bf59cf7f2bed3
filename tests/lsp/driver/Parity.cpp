// Parity: running the CLI and the server over one folder and comparing what each reports.
#include "tests/lsp/driver/Parity.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include "lsp/Uri.h"
#include "tests/lsp/driver/ServerProcess.h"

namespace shrike::lsptest {

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::string readAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The UTF-16 offset of the 1-based code-point `column` in `line` (the CLI counts code points,
// the server UTF-16 units, its default encoding).
uint32_t utf16Column(const std::string& line, uint32_t column) {
  uint32_t units = 0, points = 0;
  for (size_t i = 0; i < line.size() && points + 1 < column; ++points) {
    auto byte = static_cast<unsigned char>(line[i]);
    size_t length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
    units += length == 4 ? 2 : 1;
    i += length;
  }
  return units + (column - 1 - std::min(points, column - 1));
}

std::vector<std::string> linesOf(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

const char* severityName(int severity) {
  switch (severity) {
  case 1: return "error";
  case 2: return "warning";
  case 3: return "info";
  default: return "hint";
  }
}

// One diagnostic as a line both sides can produce: `file:line:col-line:col severity [rule]
// message | note | note` (lines and UTF-16 columns 0-based, as LSP counts).
std::string describe(const std::string& file, int startLine, int startColumn, int endLine,
                     int endColumn, const std::string& severity, const std::string& rule,
                     const std::string& message, const std::vector<std::string>& notes) {
  std::ostringstream out;
  out << file << ":" << startLine << ":" << startColumn << "-" << endLine << ":" << endColumn << " "
      << severity << " [" << rule << "] " << message;
  for (const std::string& note : notes) out << " | " << note;
  return out.str();
}

std::optional<json> runCheck(const std::string& server, const std::string& dir,
                             std::string& error) {
  std::string command = "cd '" + dir + "' && '" + server +
                        "' check --output-format json --exit-zero --color never . 2>/dev/null";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) {
    error = "cannot run " + command;
    return std::nullopt;
  }
  std::string output;
  char buffer[4096];
  for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) output.append(buffer, n);
  int status = ::pclose(pipe);
  json report = json::parse(output, nullptr, false);
  if (status != 0 || report.is_discarded() || !report.contains("diagnostics")) {
    error = "`shrike check` failed (status " + std::to_string(status) + "): " + output;
    return std::nullopt;
  }
  return report;
}

} // namespace

std::string runParity(const std::string& serverPath, const std::string& dir) {
  std::string root = fs::canonical(dir).string();
  // `shrike check` runs in the folder, so a relative path to the server would not do.
  std::string server = fs::absolute(serverPath).string();
  std::ostringstream failures;

  std::string error;
  std::optional<json> report = runCheck(server, root, error);
  if (!report) return error + "\n";
  std::map<std::string, std::vector<std::string>> lines; // file -> its lines
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    std::string extension = entry.path().extension().string();
    if (!entry.is_regular_file() || (extension != ".py" && extension != ".pyi")) continue;
    std::string relative = fs::relative(entry.path(), root).string();
    files.push_back(relative);
    lines[relative] = linesOf(readAll(entry.path()));
  }
  std::sort(files.begin(), files.end());
  if (report->at("summary").value("filesChecked", 0) != static_cast<int>(files.size()))
    failures << "`shrike check` checked " << report->at("summary").value("filesChecked", 0)
             << " files, the folder holds " << files.size() << "\n";

  std::vector<std::string> fromCheck;
  for (const json& d : report->at("diagnostics")) {
    std::string file = d.value("file", "");
    const std::vector<std::string>& text = lines[file];
    auto line = [&](const json& position) { return position.value("line", 1) - 1; };
    auto column = [&](const json& position) {
      int l = line(position);
      uint32_t c = position.value("column", 1);
      return static_cast<int>(l >= 0 && l < static_cast<int>(text.size()) ? utf16Column(text[l], c)
                                                                          : c - 1);
    };
    std::vector<std::string> notes;
    for (const json& note : d.value("notes", json::array()))
      notes.push_back(note.value("message", ""));
    fromCheck.push_back(describe(file, line(d["start"]), column(d["start"]), line(d["end"]),
                                 column(d["end"]), d.value("severity", ""), d.value("rule", ""),
                                 d.value("message", ""), notes));
  }

  ServerProcess process({server, "lsp"});
  auto timeout = scaledTimeout(30s);
  json capabilities = {
      {"textDocument",
       {{"publishDiagnostics", {{"relatedInformation", true}, {"versionSupport", true}}}}}};
  process.send({{"jsonrpc", "2.0"},
                {"id", 1},
                {"method", "initialize"},
                {"params",
                 {{"processId", nullptr},
                  {"rootUri", lsp::pathToUri(root)},
                  {"workspaceFolders", {{{"uri", lsp::pathToUri(root)}, {"name", "parity"}}}},
                  {"capabilities", capabilities}}}});
  if (!process.waitFor([](const json& m) { return m.value("id", json()) == 1; }, timeout))
    return "no answer to initialize\n--- server log ---\n" + process.stderrText();
  process.send({{"jsonrpc", "2.0"}, {"method", "initialized"}, {"params", json::object()}});
  for (const std::string& file : files) {
    process.send({{"jsonrpc", "2.0"},
                  {"method", "textDocument/didOpen"},
                  {"params",
                   {{"textDocument",
                     {{"uri", lsp::pathToUri(root + "/" + file)},
                      {"languageId", "python"},
                      {"version", 1},
                      {"text", readAll(root + "/" + file)}}}}}});
  }
  std::vector<std::string> fromServer;
  for (const std::string& file : files) {
    std::string uri = lsp::pathToUri(root + "/" + file);
    auto published = process.waitFor(
        [&](const json& m) {
          return m.value("method", "") == "textDocument/publishDiagnostics" &&
                 m["params"].value("uri", "") == uri;
        },
        timeout);
    if (!published) {
      failures << file << ": the server published no diagnostics\n";
      continue;
    }
    for (const json& d : (*published)["params"]["diagnostics"]) {
      std::vector<std::string> notes;
      for (const json& related : d.value("relatedInformation", json::array()))
        notes.push_back(related.value("message", ""));
      const json& range = d["range"];
      fromServer.push_back(describe(file, range["start"]["line"], range["start"]["character"],
                                    range["end"]["line"], range["end"]["character"],
                                    severityName(d.value("severity", 1)), d.value("code", ""),
                                    d.value("message", ""), notes));
    }
  }
  process.send({{"jsonrpc", "2.0"}, {"id", 2}, {"method", "shutdown"}});
  process.waitFor([](const json& m) { return m.value("id", json()) == 2; }, timeout);
  process.send({{"jsonrpc", "2.0"}, {"method", "exit"}});
  process.waitForExit(timeout);

  std::sort(fromCheck.begin(), fromCheck.end());
  std::sort(fromServer.begin(), fromServer.end());
  std::vector<std::string> onlyCheck, onlyServer;
  std::set_difference(fromCheck.begin(), fromCheck.end(), fromServer.begin(), fromServer.end(),
                      std::back_inserter(onlyCheck));
  std::set_difference(fromServer.begin(), fromServer.end(), fromCheck.begin(), fromCheck.end(),
                      std::back_inserter(onlyServer));
  for (const std::string& d : onlyCheck) failures << "only `shrike check`: " << d << "\n";
  for (const std::string& d : onlyServer) failures << "only `shrike lsp`:   " << d << "\n";
  if (fromCheck.empty()) failures << "`shrike check` found nothing: the folder tests nothing\n";
  std::string result = failures.str();
  if (!result.empty()) result += "--- server log ---\n" + process.stderrText();
  return result;
}

} // namespace shrike::lsptest
