// Main: `shrike_lsp_tests SHRIKE FILE...` runs LSP case files (.md), transcripts (.rpc) and
// parity folders (a directory: the server against `shrike check`) against the real
// `SHRIKE lsp` and reports each; exits non-zero on any failure.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "tests/lsp/driver/CaseFile.h"
#include "tests/lsp/driver/Parity.h"
#include "tests/lsp/driver/Transcript.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: shrike_lsp_tests SHRIKE FILE.md|FILE.rpc|DIR...\n";
    return 2;
  }
  std::string server = argv[1];
  int failed = 0, passed = 0;
  for (int i = 2; i < argc; ++i) {
    std::string path = argv[i];
    bool folder = std::filesystem::is_directory(path);
    if (folder || (path.size() > 4 && path.substr(path.size() - 4) == ".rpc")) {
      std::string failures = folder ? shrike::lsptest::runParity(server, path)
                                    : shrike::lsptest::runTranscript(server, path);
      if (failures.empty()) {
        ++passed;
        std::cout << "ok   " << path << "\n";
      } else {
        ++failed;
        std::cout << "FAIL " << path << "\n" << failures << "\n";
      }
      continue;
    }
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    std::string error;
    auto cases = shrike::lsptest::parseCaseFile(text.str(), error);
    if (!error.empty() || cases.empty()) {
      ++failed;
      std::cout << "FAIL " << path << ": " << (error.empty() ? "no ## sections" : error) << "\n";
      continue;
    }
    for (const auto& testCase : cases) {
      std::string failures = shrike::lsptest::runCase(server, testCase);
      if (failures.empty()) {
        ++passed;
        std::cout << "ok   " << path << " / " << testCase.name << "\n";
      } else {
        ++failed;
        std::cout << "FAIL " << path << " / " << testCase.name << "\n" << failures << "\n";
      }
    }
  }
  std::cout << passed << " passed, " << failed << " failed\n";
  return failed ? 1 : 0;
}
