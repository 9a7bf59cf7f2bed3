// Transcript: parsing the line format and replaying it through a ServerProcess.
#include "tests/lsp/driver/Transcript.h"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/lsp/driver/JsonMatch.h"
#include "tests/lsp/driver/ServerProcess.h"

namespace shrike::lsptest {

namespace {

namespace fs = std::filesystem;

std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

// ${REPEAT:n:text}
std::string expandRepeats(std::string line) {
  for (size_t at = line.find("${REPEAT:"); at != std::string::npos; at = line.find("${REPEAT:")) {
    size_t colon = line.find(':', at + 9);
    size_t close = line.find('}', colon);
    if (colon == std::string::npos || close == std::string::npos) break;
    size_t count = std::stoul(line.substr(at + 9, colon - at - 9));
    std::string unit = line.substr(colon + 1, close - colon - 1);
    std::string repeated;
    repeated.reserve(unit.size() * count);
    for (size_t i = 0; i < count; ++i) repeated += unit;
    line.replace(at, close - at + 1, repeated);
  }
  return line;
}

// `\xNN` in a body line is that byte, so a transcript can hold invalid UTF-8 (JSON itself
// has no such escape, so nothing else is changed).
std::string decodeByteEscapes(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 3 < text.size() && text[i + 1] == 'x' &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 3]))) {
      out.push_back(static_cast<char>(std::stoi(text.substr(i + 2, 2), nullptr, 16)));
      i += 3;
      continue;
    }
    out.push_back(text[i]);
  }
  return out;
}

int deadPid() {
  pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  int status;
  ::waitpid(child, &status, 0);
  return child;
}

} // namespace

std::string runTranscript(const std::string& server, const std::string& path) {
  std::ifstream in(path);
  if (!in) return "cannot read " + path;
  char pattern[] = "/tmp/shrike-lsp-root-XXXXXX";
  if (!::mkdtemp(pattern)) return "mkdtemp failed";
  std::string root = pattern;
  std::string dead = std::to_string(deadPid());

  // `args: ...` on the first line adds options to `shrike lsp`.
  std::vector<std::string> command = {server, "lsp"};
  if (in.peek() == 'a') {
    std::string first;
    std::getline(in, first);
    if (first.rfind("args:", 0) != 0) return path + ":1: cannot read this line";
    std::istringstream words(first.substr(5));
    for (std::string word; words >> word;) command.push_back(word);
  }
  int lineNumber = command.size() > 2 ? 1 : 0;
  std::ostringstream failures;
  ServerProcess process(command);
  auto timeout = scaledTimeout(std::chrono::milliseconds(10000));
  std::string line;
  bool exited = false;
  while (std::getline(in, line)) {
    ++lineNumber;
    if (line.empty() || line[0] == '#') continue;
    line = expandRepeats(replaceAll(replaceAll(line, "${ROOT}", root), "${DEAD_PID}", dead));
    std::string where = path + ":" + std::to_string(lineNumber) + ": ";
    if (line.rfind("write ", 0) == 0) {
      size_t space = line.find(' ', 6);
      json text =
          space == std::string::npos ? json() : json::parse(line.substr(space + 1), nullptr, false);
      if (!text.is_string()) return where + "write needs a path and a JSON string";
      fs::path file = line.substr(6, space - 6);
      std::error_code ec;
      fs::create_directories(file.parent_path(), ec);
      std::ofstream(file, std::ios::binary) << text.get<std::string>();
    } else if (line.rfind("remove ", 0) == 0) {
      std::error_code ec;
      fs::remove(line.substr(7), ec);
    } else if (line.rfind("--> body ", 0) == 0) {
      process.sendRaw(lsp::frameMessage(decodeByteEscapes(line.substr(9))));
    } else if (line.rfind("--> raw ", 0) == 0) {
      json bytes = json::parse(line.substr(8), nullptr, false);
      if (!bytes.is_string()) return where + "raw needs a JSON string";
      process.sendRaw(bytes.get<std::string>());
    } else if (line.rfind("--> ", 0) == 0) {
      json message = json::parse(line.substr(4), nullptr, false);
      if (message.is_discarded()) return where + "not JSON";
      process.send(message);
    } else if (line.rfind("<-- none ", 0) == 0) {
      json expected = json::parse(line.substr(9), nullptr, false);
      if (expected.is_discarded()) return where + "not JSON";
      for (const json& message : process.pending()) {
        if (jsonMismatch(expected, message).empty())
          failures << where << "unexpected message " << message.dump() << "\n";
      }
    } else if (line.rfind("<-- ", 0) == 0) {
      json expected = json::parse(line.substr(4), nullptr, false);
      if (expected.is_discarded()) return where + "not JSON";
      auto found = process.waitFor(
          [&](const json& message) { return jsonMismatch(expected, message).empty(); }, timeout);
      if (!found) {
        failures << where << "no message matched " << expected.dump() << "\n";
        for (const json& message : process.pending()) {
          std::string dump = message.dump();
          failures << "    received " << dump.substr(0, 300) << "\n"
                   << "      (" << jsonMismatch(expected, message) << ")\n";
        }
        break;
      }
    } else if (line == "close") {
      process.closeInput();
    } else if (line.rfind("exit ", 0) == 0) {
      int wanted = std::stoi(line.substr(5));
      std::optional<int> code = process.waitForExit(timeout);
      exited = true;
      if (!code)
        failures << where << "the server did not exit\n";
      else if (*code != wanted)
        failures << where << "exit code " << *code << ", expected " << wanted << "\n";
    } else if (line.rfind("stderr: ", 0) == 0) {
      if (!exited) process.waitForExit(timeout);
      exited = true;
      if (process.stderrText().find(line.substr(8)) == std::string::npos)
        failures << where << "the log does not say \"" << line.substr(8) << "\"\n";
    } else {
      return where + "cannot read this line";
    }
  }
  if (!exited) {
    process.closeInput();
    process.waitForExit(timeout);
  }
  for (const std::string& bad : process.badFrames)
    failures << path << ": bad frame from the server: " << bad << "\n";
  std::error_code ec;
  fs::remove_all(root, ec);
  std::string result = failures.str();
  if (!result.empty()) result += "--- server log ---\n" + process.stderrText();
  return result;
}

} // namespace shrike::lsptest
