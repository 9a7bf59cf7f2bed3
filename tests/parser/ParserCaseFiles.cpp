// ParserCaseFiles: case discovery, the expected-output text, and the golden comparison.
#include "ParserCaseFiles.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <utility>

#include "parser/AstDump.h"

namespace shrike::parser::testing {

namespace fs = std::filesystem;

std::vector<fs::path> caseFiles(const std::string& folder, const std::string& extension) {
  std::vector<fs::path> files;
  fs::path root = fs::path(SHRIKE_SOURCE_DIR) / "tests" / "parser" / folder;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root, ec))
    if (entry.path().extension() == extension) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void writeFile(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string errorLines(const SourceText& text, const Ast& ast) {
  std::string out;
  for (const SyntaxError& e : ast.syntaxErrors) {
    LineColumn at = text.toLineColumn(e.range.start, ColumnUnit::Utf32);
    out +=
        std::to_string(at.line + 1) + ":" + std::to_string(at.column + 1) + ": " + e.message + "\n";
  }
  return out;
}

std::string dumpWithErrors(const SourceText& text, const Ast& ast, bool positions) {
  DumpOptions options;
  options.positionsIn = positions ? &text : nullptr;
  std::string out = dumpAst(ast.module, options);
  std::string errors = errorLines(text, ast);
  std::istringstream lines(errors);
  for (std::string line; std::getline(lines, line);) out += "!!! " + line + "\n";
  return out;
}

bool updatingGolden() {
  const char* value = std::getenv("SHRIKE_UPDATE_GOLDEN");
  return value && std::string(value) == "1";
}

std::string compareWithExpected(const fs::path& expectedPath, const std::string& actual) {
  if (updatingGolden()) {
    writeFile(expectedPath, actual);
    return "";
  }
  if (!fs::exists(expectedPath))
    return expectedPath.string() + " is missing; SHRIKE_UPDATE_GOLDEN=1 writes it";
  std::string expected = readFile(expectedPath);
  if (expected == actual) return "";
  // Show the first differing line with a little context.
  std::istringstream a(expected), b(actual);
  std::string x, y;
  int line = 1;
  while (true) {
    bool moreA = static_cast<bool>(std::getline(a, x));
    bool moreB = static_cast<bool>(std::getline(b, y));
    if (!moreA && !moreB) break;
    if (!moreA) x = "<end>";
    if (!moreB) y = "<end>";
    if (x != y) break;
    ++line;
  }
  return expectedPath.filename().string() + " differs at line " + std::to_string(line) +
         "\n  expected: " + x + "\n  actual:   " + y +
         "\n(SHRIKE_UPDATE_GOLDEN=1 rewrites the expectation; review the diff)";
}

uint32_t treeDepth(const Node* root) {
  uint32_t deepest = 0;
  std::vector<std::pair<const Node*, uint32_t>> pending{{root, 0}};
  while (!pending.empty()) {
    auto [node, depth] = pending.back();
    pending.pop_back();
    deepest = std::max(deepest, depth);
    forEachChild(node, [&](Node* child) { pending.emplace_back(child, depth + 1); });
  }
  return deepest;
}

namespace {

std::string rangeText(TextRange range) {
  return std::to_string(range.start) + ".." + std::to_string(range.end);
}

// What the dump leaves out: identifiers' ranges, the other ranges a node carries, heights,
// and whether each child links back to its parent.
void describeNode(const Node* node, const Node* parent, int depth, std::string& out) {
  out.append(static_cast<size_t>(depth) * 2, ' ');
  out += std::string(nodeKindName(node->kind)) + " " + rangeText(node->range) + " h" +
         std::to_string(node->height) + (node->parent == parent ? "" : " WRONG-PARENT");
  auto id = [&](const Identifier& identifier) {
    out += " " + std::string(identifier.name.text()) + "@" + rangeText(identifier.range);
  };
  switch (node->kind) {
  case NodeKind::FunctionDef: id(static_cast<const FunctionDef*>(node)->name); break;
  case NodeKind::ClassDef: id(static_cast<const ClassDef*>(node)->name); break;
  case NodeKind::TypeAlias: id(static_cast<const TypeAlias*>(node)->name); break;
  case NodeKind::Attribute: id(static_cast<const Attribute*>(node)->attr); break;
  case NodeKind::Parameter: id(static_cast<const Parameter*>(node)->name); break;
  case NodeKind::Keyword: id(static_cast<const Keyword*>(node)->name); break;
  case NodeKind::ExceptHandler: id(static_cast<const ExceptHandler*>(node)->name); break;
  case NodeKind::TypeParam: id(static_cast<const TypeParam*>(node)->name); break;
  case NodeKind::MatchAs: id(static_cast<const MatchAs*>(node)->name); break;
  case NodeKind::MatchStar: id(static_cast<const MatchStar*>(node)->name); break;
  case NodeKind::MatchMapping: id(static_cast<const MatchMapping*>(node)->rest); break;
  case NodeKind::MatchClass:
    for (const Identifier& i : static_cast<const MatchClass*>(node)->kwdAttrs) id(i);
    break;
  case NodeKind::Global:
    for (const Identifier& i : static_cast<const Global*>(node)->names) id(i);
    break;
  case NodeKind::Nonlocal:
    for (const Identifier& i : static_cast<const Nonlocal*>(node)->names) id(i);
    break;
  case NodeKind::Alias: {
    auto* alias = static_cast<const Alias*>(node);
    for (const Identifier& i : alias->parts) id(i);
    id(alias->asName);
    break;
  }
  case NodeKind::ImportFrom: {
    auto* import = static_cast<const ImportFrom*>(node);
    for (const Identifier& i : import->moduleParts) id(i);
    out += " star@" + rangeText(import->starRange);
    break;
  }
  case NodeKind::Call:
    out += " args@" + rangeText(static_cast<const Call*>(node)->argumentsRange);
    break;
  case NodeKind::StringLiteral:
    out += " content@" + rangeText(static_cast<const StringLiteral*>(node)->contentRange);
    break;
  default: break;
  }
  out += "\n";
  forEachChild(node, [&](Node* child) { describeNode(child, node, depth + 1, out); });
}

} // namespace

std::string describeAst(const Ast& ast) {
  std::string out = dumpAst(ast.module);
  describeNode(ast.module, nullptr, 0, out);
  for (const SyntaxError& e : ast.syntaxErrors)
    out += "error " + rangeText(e.range) + " " + e.message + "\n";
  for (const Comment& c : ast.comments) out += "comment " + rangeText(c.range) + "\n";
  return out;
}

} // namespace shrike::parser::testing
