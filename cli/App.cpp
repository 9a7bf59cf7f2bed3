// App: parses the command line with CLI11 and dispatches to the subcommands.
#include "cli/App.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "parser/AstLowering.h"
#include "parser/SourceText.h"

namespace shrike::cli {

namespace fs = std::filesystem;

namespace {

void collectFiles(const fs::path& path, std::vector<fs::path>& out) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) {
    out.push_back(path);
    return;
  }
  fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
  if (ec) {
    std::cerr << "shrike: cannot read " << path.string() << ": " << ec.message() << "\n";
    return;
  }
  for (; it != end; it.increment(ec)) {
    if (ec) {
      std::cerr << "shrike: cannot read " << it->path().string() << ": " << ec.message() << "\n";
      ec.clear();
      continue;
    }
    auto ext = it->path().extension();
    if ((ext == ".py" || ext == ".pyi") && it->is_regular_file(ec)) out.push_back(it->path());
  }
}

int runCheck(const std::vector<std::string>& paths) {
  std::vector<fs::path> files;
  for (const auto& p : paths) collectFiles(p.empty() ? "." : p, files);
  std::sort(files.begin(), files.end());
  size_t errors = 0;
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::cerr << "shrike: cannot read " << file.string() << "\n";
      continue;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    parser::SourceText text(buffer.str());
    parser::Ast ast = parser::parseModule(text);
    for (const auto& e : ast.syntaxErrors) {
      auto position = text.toLineColumn(e.range.start, parser::ColumnUnit::Utf32);
      std::printf("%s:%u:%u: error[invalid-syntax] %s\n", file.string().c_str(), position.line + 1,
                  position.column + 1, e.message.c_str());
      ++errors;
    }
  }
  return errors ? 1 : 0;
}

} // namespace

int runApp(int argc, char** argv) {
  CLI::App app{"Shrike: a fast Python type checker and language server"};
  app.set_version_flag("--version", std::string("shrike ") + SHRIKE_VERSION);
  app.require_subcommand(0, 1);
  std::vector<std::string> paths;
  std::string outputFormat = "concise";
  auto* check = app.add_subcommand("check", "Check Python files for errors");
  check->add_option("paths", paths, "Files or folders to check (default: .)");
  check->add_option("--output-format", outputFormat, "Output format")
      ->check(CLI::IsMember({"concise", "full"}));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    if (*check) return runCheck(paths.empty() ? std::vector<std::string>{"."} : paths);
    std::cout << app.help();
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "shrike: internal error: " << e.what() << "\nPlease report this as a bug.\n";
    return 101;
  }
}

} // namespace shrike::cli
