// TypeCheckDev: runs the evaluator's checks over files without the full Program, printing
// `path:line:col: severity[rule] message` — for the conformance harness and benchmarks
// while the front ends are being wired up.
//     shrike_typecheck_dev [--python-version 3.12] [--threads N] [--time] paths...
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "checker/infer/Evaluator.h"
#include "checker/infer/FileModuleProvider.h"

using namespace shrike::checker;
namespace fs = std::filesystem;

int main(int argc, char** argv) {
  std::vector<std::string> paths;
  PythonVersion version{3, 12};
  unsigned threads = 1;
  bool time = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--python-version" && i + 1 < argc) {
      std::string v = argv[++i];
      version.major = static_cast<uint32_t>(std::stoi(v.substr(0, v.find('.'))));
      version.minor = static_cast<uint32_t>(std::stoi(v.substr(v.find('.') + 1)));
    } else if (a == "--threads" && i + 1 < argc) {
      threads = static_cast<unsigned>(std::stoi(argv[++i]));
    } else if (a == "--time") {
      time = true;
    } else {
      paths.push_back(a);
    }
  }
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_regular_file(p, ec)) {
      files.push_back(fs::absolute(p).lexically_normal().string());
      continue;
    }
    for (auto it = fs::recursive_directory_iterator(p, ec);
         it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) break;
      auto ext = it->path().extension();
      if ((ext == ".py" || ext == ".pyi") && it->is_regular_file(ec))
        files.push_back(fs::absolute(it->path()).lexically_normal().string());
    }
  }
  std::sort(files.begin(), files.end());
  Settings settings;
  settings.projectRoot = fs::current_path().string();
  settings.pythonVersion = version;
  auto resolver = ModuleResolver::create(settings);
  FileModuleProvider provider(resolver, version, "linux");
  EvaluatorOptions options;
  options.version = version;
  Evaluator evaluator(provider, options);
  auto start = std::chrono::steady_clock::now();
  std::vector<std::vector<Diagnostic>> results(files.size());
  std::vector<const BoundModule*> modules(files.size());
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i = next++; i < files.size(); i = next++) {
      modules[i] = provider.projectModule(files[i]);
      if (modules[i]) results[i] = evaluator.checkModule(*modules[i]);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  size_t lines = 0, errors = 0;
  for (size_t i = 0; i < files.size(); ++i) {
    if (!modules[i]) continue;
    const auto& text = *modules[i]->text;
    lines += text.lineCount();
    std::string shown = fs::relative(files[i]).string();
    for (const Diagnostic& d : results[i]) {
      auto pos = text.toLineColumn(d.range.start, shrike::parser::ColumnUnit::Utf32);
      std::string message = d.message.substr(0, d.message.find('\n'));
      std::printf("%s:%u:%u: %s[%s] %s\n", shown.c_str(), pos.line + 1, pos.column + 1,
                  std::string(severityName(d.severity)).c_str(),
                  std::string(ruleInfo(d.rule).code).c_str(), message.c_str());
      if (d.severity == Severity::Error) ++errors;
    }
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (time)
    std::fprintf(stderr, "%zu files, %zu lines, %zu errors in %.2fs (%.0f lines/s)\n", files.size(),
                 lines, errors, seconds, lines / seconds);
  return errors ? 1 : 0;
}
