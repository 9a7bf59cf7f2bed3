// ParseTool: a command-line window onto the parser for tests and scripts (dumps and errors).
//
//   shrike_parse_tool dump [--positions] [--cpython] [--no-ranges] FILE
//   shrike_parse_tool batch [--positions] [--cpython] [--errors-only]
//                                                         paths on stdin; dumps on stdout
//   shrike_parse_tool errors FILE...                      `path:line:col: message` per error
//   shrike_parse_tool tree FILE                           tree-sitter's own tree, for debugging
//
// `batch` prints `### <path>` before each dump, then `!!! line:col message` for each syntax
// error, so one process serves a whole corpus.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "parser/AstDump.h"
#include "parser/AstLowering.h"
#include "parser/SourceText.h"
#include "parser/TreeSitterParser.h"

#include <tree_sitter/api.h>

using namespace shrike::parser;

namespace {

bool readFile(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream buffer;
  buffer << in.rdbuf();
  out = buffer.str();
  return true;
}

struct Flags {
  bool positions = false;
  bool cpython = false;
  bool ranges = true;
  bool errorsOnly = false;
};

void printErrors(const std::string& prefix, const SourceText& text, const Ast& ast) {
  for (const SyntaxError& e : ast.syntaxErrors) {
    LineColumn at = text.toLineColumn(e.range.start, ColumnUnit::Utf32);
    std::printf("%s%u:%u: %s\n", prefix.c_str(), at.line + 1, at.column + 1, e.message.c_str());
  }
}

std::string dumpOf(const SourceText& text, const Ast& ast, const Flags& flags) {
  DumpOptions options;
  options.ranges = flags.ranges;
  options.positionsIn = flags.positions ? &text : nullptr;
  options.cpythonCompatible = flags.cpython;
  return dumpAst(ast.module, options);
}

void printTree(TSNode node, const std::string& text, int depth, const char* field) {
  std::printf("%*s%s%s%s%s [%u..%u]", depth * 2, "", field ? field : "", field ? ": " : "",
              ts_node_is_missing(node) ? "MISSING " : "", ts_node_type(node),
              ts_node_start_byte(node), ts_node_end_byte(node));
  uint32_t count = ts_node_child_count(node);
  if (count == 0) {
    uint32_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
    std::printf(" %s", text.substr(start, std::min<uint32_t>(end - start, 40)).c_str());
  }
  std::printf("\n");
  for (uint32_t i = 0; i < count; ++i)
    printTree(ts_node_child(node, i), text, depth + 1, ts_node_field_name_for_child(node, i));
}

int usage() {
  std::fprintf(stderr, "usage: shrike_parse_tool dump|batch|errors [--positions] [--cpython] "
                       "[--no-ranges] FILE...\n");
  return 2;
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  std::string command = argv[1];
  Flags flags;
  std::vector<std::string> files;
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--positions") == 0)
      flags.positions = true;
    else if (std::strcmp(argv[i], "--cpython") == 0)
      flags.cpython = true;
    else if (std::strcmp(argv[i], "--no-ranges") == 0)
      flags.ranges = false;
    else if (std::strcmp(argv[i], "--errors-only") == 0)
      flags.errorsOnly = true;
    else
      files.emplace_back(argv[i]);
  }
  if (command == "batch") {
    std::string path;
    while (std::getline(std::cin, path)) {
      std::string bytes;
      std::printf("### %s\n", path.c_str());
      if (!readFile(path, bytes)) {
        std::printf("!!! 0:0: cannot read the file\n");
        continue;
      }
      SourceText text = SourceText::fromFileBytes(std::move(bytes));
      Ast ast = parseModule(text);
      if (!flags.errorsOnly) std::fputs(dumpOf(text, ast, flags).c_str(), stdout);
      printErrors("!!! ", text, ast);
    }
    return 0;
  }
  if (files.empty()) return usage();
  int status = 0;
  for (const std::string& path : files) {
    std::string bytes;
    if (!readFile(path, bytes)) {
      std::fprintf(stderr, "cannot read %s\n", path.c_str());
      status = 2;
      continue;
    }
    SourceText text = SourceText::fromFileBytes(std::move(bytes));
    Ast ast = parseModule(text);
    if (command == "tree") {
      TreePtr tree = TreeSitterParser::threadLocal().parse(text.text());
      printTree(ts_tree_root_node(tree.get()), std::string(text.text()), 0, nullptr);
    } else if (command == "dump") {
      std::fputs(dumpOf(text, ast, flags).c_str(), stdout);
    } else if (command == "errors") {
      printErrors(path + ":", text, ast);
      if (!ast.syntaxErrors.empty() && status == 0) status = 1;
    } else {
      return usage();
    }
  }
  return status;
}
