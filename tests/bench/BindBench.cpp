// BindBench: parse-only against parse+bind speed over a tree of Python files, in CPU time
// (the machine may be loaded), best of several rounds, one thread; also the memory the
// semantic indexes take next to the syntax trees.
//
//     shrike_bind_bench [--rounds N] FOLDER-OR-FILE...
//
// Folders named test, tests, idle_test, site-packages and __pycache__ are skipped (the
// issue's "standard library, tests excluded").
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "checker/bind/Binder.h"
#include "checker/bind/UseDef.h"
#include "parser/AstLowering.h"

using namespace shrike;
namespace fs = std::filesystem;

namespace {

double cpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

bool skippedFolder(const fs::path& p) {
  std::string name = p.filename().string();
  return name == "test" || name == "tests" || name == "idle_test" || name == "site-packages" ||
         name == "__pycache__";
}

void collect(const fs::path& root, std::vector<fs::path>& out) {
  std::error_code ec;
  if (fs::is_regular_file(root, ec)) {
    out.push_back(root);
    return;
  }
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
  for (; it != end; it.increment(ec)) {
    if (ec) break;
    if (it->is_directory(ec) && skippedFolder(it->path())) {
      it.disable_recursion_pending();
      continue;
    }
    if (it->path().extension() == ".py" && it->is_regular_file(ec)) out.push_back(it->path());
  }
}

} // namespace

int main(int argc, char** argv) {
  int rounds = 5;
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--rounds" && i + 1 < argc)
      rounds = std::max(1, std::atoi(argv[++i]));
    else
      collect(arg, files);
  }
  if (files.empty()) {
    std::fprintf(stderr, "usage: shrike_bind_bench [--rounds N] FOLDER-OR-FILE...\n");
    return 2;
  }
  std::sort(files.begin(), files.end());
  std::vector<parser::SourceText> texts;
  size_t bytes = 0;
  for (const fs::path& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    texts.emplace_back(buffer.str());
    bytes += texts.back().size();
  }
  checker::bind::BindOptions options;
  double bestParse = 1e30, bestBind = 1e30;
  size_t astBytes = 0, indexBytes = 0, references = 0, flowNodes = 0, symbols = 0, declarations = 0,
         scopes = 0, keys = 0, flowBytes = 0, keyBytes = 0;
  for (int r = 0; r < rounds; ++r) {
    double start = cpuSeconds();
    for (const parser::SourceText& text : texts) {
      parser::Ast ast = parser::parseModule(text);
      astBytes += ast.arena.bytesUsed() * (r == 0);
    }
    bestParse = std::min(bestParse, cpuSeconds() - start);
    start = cpuSeconds();
    for (const parser::SourceText& text : texts) {
      parser::Ast ast = parser::parseModule(text);
      auto index = checker::bind::bindModule(ast, options);
      if (r == 0) {
        indexBytes += index->bytes();
        references += index->references().size();
        flowNodes += index->flow().size();
        symbols += index->symbols().size();
        declarations += index->declarations().size();
        scopes += index->scopes().size();
        keys += index->keys().size();
        flowBytes += index->flow().bytes();
        keyBytes += index->keys().bytes();
      }
    }
    bestBind = std::min(bestBind, cpuSeconds() - start);
  }
  // The name checks' flow queries: every read of a name bound in its own execution scope
  // walks back to the bindings that reach it.
  // Binding is also timed alone over trees parsed beforehand: the difference of the two
  // best times above is noisy when binding is a small part of the whole.
  double bestFlow = 1e30, bestBindAlone = 1e30;
  size_t queries = 0;
  {
    std::vector<parser::Ast> asts;
    std::vector<std::unique_ptr<checker::bind::SemanticIndex>> indexes;
    for (const parser::SourceText& text : texts) asts.push_back(parser::parseModule(text));
    for (int r = 0; r < rounds; ++r) {
      double start = cpuSeconds();
      for (const parser::Ast& ast : asts) checker::bind::bindModule(ast, options);
      bestBindAlone = std::min(bestBindAlone, cpuSeconds() - start);
    }
    for (const parser::Ast& ast : asts) indexes.push_back(checker::bind::bindModule(ast, options));
    for (int r = 0; r < rounds; ++r) {
      double start = cpuSeconds();
      size_t count = 0;
      for (const auto& index : indexes) {
        checker::bind::UseDef usedef(*index);
        for (const checker::bind::Reference& ref : index->references()) {
          if (!ref.isName() || ref.has(checker::bind::RefStore) ||
              ref.symbol == checker::bind::noId)
            continue;
          const checker::bind::Symbol& symbol = index->symbol(ref.symbol);
          if (index->executionScope(symbol.scope) != index->executionScope(ref.scope)) continue;
          usedef.reaching(ref.flow, ref.symbol, ref.key);
          ++count;
        }
      }
      bestFlow = std::min(bestFlow, cpuSeconds() - start);
      queries = count;
    }
  }
  double mb = static_cast<double>(bytes) / (1024.0 * 1024.0);
  std::printf("files               %zu (%.1f MiB)\n", files.size(), mb);
  std::printf("parse only          %.3f s CPU  (%.1f MiB/s)\n", bestParse, mb / bestParse);
  std::printf("parse + bind        %.3f s CPU  (%.1f MiB/s)\n", bestBind, mb / bestBind);
  std::printf(
      "bind alone          %.3f s CPU (difference), %.3f s CPU on parsed trees (%.1f MiB/s)\n",
      bestBind - bestParse, bestBindAlone, mb / bestBindAlone);
  std::printf("flow queries        %.3f s CPU for %zu reads of local names\n", bestFlow, queries);
  std::printf("parse+bind speed    %.0f%% of parse-only speed (goal: at least 70%%)\n",
              100.0 * bestParse / bestBind);
  std::printf("memory              syntax trees %.1f MiB, semantic indexes %.1f MiB\n",
              static_cast<double>(astBytes) / 1048576.0,
              static_cast<double>(indexBytes) / 1048576.0);
  std::printf("indexed             %zu references, %zu flow nodes (%.1f MiB), %zu symbols, %zu "
              "declarations, %zu scopes, %zu keys (%.1f MiB)\n",
              references, flowNodes, static_cast<double>(flowBytes) / 1048576.0, symbols,
              declarations, scopes, keys, static_cast<double>(keyBytes) / 1048576.0);
  return 0;
}
