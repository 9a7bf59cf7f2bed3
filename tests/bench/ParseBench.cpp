// ParseBench: the parser's speed and memory over a corpus, single-threaded (scripts/bench parse).
//
//   shrike_bench_parse parse ROOT...        tree-sitter's parse alone
//   shrike_bench_parse lower ROOT...        parse and lower (what `shrike check` pays)
//   shrike_bench_parse incremental FILE     one-character edits in FILE: reparse and re-lower
//                                           (incrementally, as the language server does)
//
// Each mode is its own process so that its peak RSS is its own. Files under folders named
// test, tests or idle_test, and site-packages, are left out. Times are the thread's CPU time,
// the best of several rounds: the machine is shared, and the best round is the least
// disturbed one.
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <tree_sitter/api.h>

#include "parser/AstLowering.h"
#include "parser/SourceText.h"
#include "parser/TreeSitterParser.h"

using namespace shrike::parser;
namespace fs = std::filesystem;

// CPU time of this thread: the machine is shared, and waiting for a core is not the parser's
// time. (Wall-clock figures on a loaded machine say more about the load than the code.)
struct Clock {
  using duration = std::chrono::nanoseconds;
  using time_point = std::chrono::time_point<Clock, duration>;
  static time_point now() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return time_point(duration(static_cast<int64_t>(t.tv_sec) * 1000000000 + t.tv_nsec));
  }
};

namespace {

double seconds(Clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

double peakRssMegabytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0; // Linux reports kilobytes
}

bool excluded(const fs::path& path) {
  for (const auto& part : path) {
    std::string name = part.string();
    if (name == "test" || name == "tests" || name == "idle_test" || name == "site-packages" ||
        name == "__pycache__")
      return true;
  }
  return false;
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

struct Corpus {
  std::vector<SourceText> texts;
  uint64_t bytes = 0;
  uint64_t lines = 0;
};

Corpus load(int argc, char** argv, int first) {
  std::vector<fs::path> files;
  for (int i = first; i < argc; ++i) {
    fs::path root = argv[i];
    if (fs::is_regular_file(root)) {
      files.push_back(root);
      continue;
    }
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(root, ec); it != fs::end(it);
         it.increment(ec)) {
      if (ec) break;
      fs::path relative = fs::relative(it->path(), root);
      if (it->is_directory() && excluded(relative.filename())) {
        it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file() && it->path().extension() == ".py") files.push_back(it->path());
    }
  }
  std::sort(files.begin(), files.end());
  Corpus corpus;
  for (const fs::path& path : files) {
    corpus.texts.push_back(SourceText::fromFileBytes(readFile(path)));
    corpus.bytes += corpus.texts.back().size();
    corpus.lines += corpus.texts.back().lineCount();
  }
  return corpus;
}

void printRate(const char* what, const Corpus& corpus, double best) {
  std::printf("%s: %zu files, %.0f lines, %.1f MB in %.3f s CPU: %.0f lines/s, %.2f MB/s\n", what,
              corpus.texts.size(), static_cast<double>(corpus.lines),
              static_cast<double>(corpus.bytes) / 1e6, best,
              static_cast<double>(corpus.lines) / best,
              static_cast<double>(corpus.bytes) / 1e6 / best);
}

constexpr int rounds = 3;

int benchParse(const Corpus& corpus) {
  TreeSitterParser& parser = TreeSitterParser::threadLocal();
  double best = 1e9;
  for (int round = 0; round < rounds; ++round) {
    auto start = Clock::now();
    for (const SourceText& text : corpus.texts) TreePtr tree = parser.parse(text.text());
    best = std::min(best, seconds(Clock::now() - start));
  }
  printRate("tree-sitter parse", corpus, best);
  std::printf("tree-sitter parse: peak RSS %.1f MB\n", peakRssMegabytes());
  return 0;
}

int benchLower(const Corpus& corpus) {
  TreeSitterParser& parser = TreeSitterParser::threadLocal();
  double bestTotal = 1e9, bestLowering = 1e9;
  uint64_t astBytes = 0, astReserved = 0;
  size_t errors = 0;
  for (int round = 0; round < rounds; ++round) {
    double lowering = 0;
    astBytes = astReserved = 0;
    errors = 0;
    auto start = Clock::now();
    for (const SourceText& text : corpus.texts) {
      TreePtr tree = parser.parse(text.text());
      auto lowerStart = Clock::now();
      Ast ast = lowerTree(text, tree.get());
      lowering += seconds(Clock::now() - lowerStart);
      astBytes += ast.arena.bytesUsed();
      astReserved += ast.arena.bytesReserved();
      errors += ast.syntaxErrors.size();
    }
    bestTotal = std::min(bestTotal, seconds(Clock::now() - start));
    bestLowering = std::min(bestLowering, lowering);
  }
  printRate("parse + lower", corpus, bestTotal);
  double parseOnly = bestTotal - bestLowering;
  std::printf("lowering alone: %.3f s, %.1f%% of tree-sitter's time\n", bestLowering,
              100.0 * bestLowering / parseOnly);
  std::printf("AST: %.1f MB used (%.1f MB reserved) for %.1f MB of source: %.2fx (%.2fx)\n",
              static_cast<double>(astBytes) / 1e6, static_cast<double>(astReserved) / 1e6,
              static_cast<double>(corpus.bytes) / 1e6,
              static_cast<double>(astBytes) / static_cast<double>(corpus.bytes),
              static_cast<double>(astReserved) / static_cast<double>(corpus.bytes));
  std::printf("AST: %.0f bytes per source line\n",
              static_cast<double>(astBytes) / static_cast<double>(corpus.lines));
  std::printf("syntax errors: %zu\n", errors);

  std::printf("parse + lower: peak RSS %.1f MB\n", peakRssMegabytes());
  return 0;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

// One-character edits in the middle of a file: insert a letter into a name, then delete it
// again, so the text stays valid and the same.
int benchIncremental(const SourceText& original) {
  std::string_view text = original.text();
  uint32_t middle = static_cast<uint32_t>(text.size() / 2);
  // A place inside an identifier: after a letter followed by a letter.
  uint32_t at = middle;
  while (at + 1 < text.size() && !(std::isalpha(static_cast<unsigned char>(text[at])) &&
                                   std::isalpha(static_cast<unsigned char>(text[at + 1]))))
    ++at;
  ++at;
  ParsedText parsed{SourceText(std::string(text))};
  std::vector<double> reparse, relower, relowerFull, applyEdit;
  // What the language server keeps between edits: the text and the Ast lowered from it (the
  // Ast points into its text).
  auto previousText = std::make_unique<SourceText>(parsed.text());
  Ast previous = lowerTreeIncrementally(*previousText, parsed.tree(), nullptr);
  TreeSitterParser& parser = TreeSitterParser::threadLocal();
  for (int i = 0; i < 400; ++i) {
    bool insert = i % 2 == 0;
    // The edit as ParsedText applies it, with the tree-sitter reparse timed on its own.
    TSInputEdit edit{};
    edit.start_byte = at;
    edit.old_end_byte = insert ? at : at + 1;
    edit.new_end_byte = insert ? at + 1 : at;
    TreePtr old(ts_tree_copy(parsed.tree()));
    std::string next(parsed.text().text());
    if (insert)
      next.insert(at, "x");
    else
      next.erase(at, 1);
    ts_tree_edit(old.get(), &edit);
    auto start = Clock::now();
    TreePtr tree = parser.parse(next, old.get());
    reparse.push_back(seconds(Clock::now() - start) * 1e3);

    start = Clock::now();
    parsed.applyEdit(TextRange{at, insert ? at : at + 1}, insert ? "x" : "");
    applyEdit.push_back(seconds(Clock::now() - start) * 1e3);

    start = Clock::now();
    Ast full = lowerTree(parsed.text(), parsed.tree());
    relowerFull.push_back(seconds(Clock::now() - start) * 1e3);

    auto nextText = std::make_unique<SourceText>(parsed.text());
    start = Clock::now();
    Ast ast = lowerTreeIncrementally(*nextText, parsed.tree(), &previous);
    relower.push_back(seconds(Clock::now() - start) * 1e3);
    previous = std::move(ast);
    previousText = std::move(nextText);
  }
  std::printf("incremental: a %u-line file (%.0f KB), one-character edits at line %u\n",
              original.lineCount(), static_cast<double>(original.size()) / 1e3,
              original.lineOf(at) + 1);
  std::printf("incremental: reparse median %.3f ms, re-lower median %.3f ms (a full lowering "
              "%.3f ms), applyEdit (text, line index, tree edit, reparse) median %.3f ms\n",
              median(reparse), median(relower), median(relowerFull), median(applyEdit));
  return 0;
}

int usage() {
  std::fprintf(stderr, "usage: shrike_bench_parse parse|lower ROOT... | incremental FILE\n");
  return 2;
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 3) return usage();
  std::string mode = argv[1];
  if (mode == "incremental") return benchIncremental(SourceText::fromFileBytes(readFile(argv[2])));
  Corpus corpus = load(argc, argv, 2);
  if (corpus.texts.empty()) {
    std::fprintf(stderr, "shrike_bench_parse: no .py files under the given roots\n");
    return 2;
  }
  if (mode == "parse") return benchParse(corpus);
  if (mode == "lower") return benchLower(corpus);
  return usage();
}
