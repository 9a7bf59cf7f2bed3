// Program: reading files (or overlays), running the checker per file, in parallel.
#include "checker/Program.h"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

#include "parser/AstLowering.h"

namespace shrike::checker {

Program::Program(Settings settings) : settings_(std::move(settings)) {}
Program::~Program() = default;

void Program::updateSettings(Settings settings) { settings_ = std::move(settings); }

void Program::setOverlay(const std::string& path, std::shared_ptr<const parser::SourceText> text) {
  std::lock_guard lock(overlaysMutex_);
  overlays_[path] = std::move(text);
}

void Program::clearOverlay(const std::string& path) {
  std::lock_guard lock(overlaysMutex_);
  overlays_.erase(path);
}

void Program::fileChangedOnDisk(const std::string&) {}

std::shared_ptr<const parser::SourceText> Program::readText(const std::string& path, std::string& error) {
  {
    std::lock_guard lock(overlaysMutex_);
    if (auto it = overlays_.find(path); it != overlays_.end()) return it->second;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open file";
    return nullptr;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return std::make_shared<const parser::SourceText>(std::move(buffer).str());
}

CheckedFile Program::checkFile(const std::string& path) {
  CheckedFile result;
  result.path = path;
  result.text = readText(path, result.readError);
  if (!result.text) return result;
  parser::Ast ast = parser::parseModule(*result.text);
  for (const parser::SyntaxError& error : ast.syntaxErrors) {
    auto severity = effectiveSeverity(settings_, Rule::InvalidSyntax, path);
    if (!severity) continue;
    result.diagnostics.push_back(Diagnostic{Rule::InvalidSyntax, *severity, error.range, error.message, {}});
  }
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return a.range.start < b.range.start; });
  return result;
}

std::vector<CheckedFile> Program::checkFiles(const std::vector<std::string>& paths, unsigned threads) {
  std::vector<CheckedFile> results(paths.size());
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  threads = std::min<unsigned>(threads, static_cast<unsigned>(std::max<size_t>(1, paths.size())));
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < paths.size(); i = next++) results[i] = checkFile(paths[i]);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& thread : pool) thread.join();
  return results;
}

} // namespace shrike::checker
