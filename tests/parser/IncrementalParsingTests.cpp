// IncrementalParsingTests: random edits applied through ParsedText::applyEdit (tree-sitter's
// incremental reparse) lower to the same Ast and errors as a full parse of the edited text.
//
// The edits are drawn from a seeded generator (SHRIKE_SEED overrides the seed) over the
// parser cases: characters, lines, brackets, quotes, indentation, line continuations and
// multi-byte characters inserted and deleted, as an editor's user would.
#include <gtest/gtest.h>

#include <cstdlib>
#include <random>

#include "ParserCaseFiles.h"
#include "parser/AstDump.h"
#include "parser/AstLowering.h"
#include "parser/TreeSitterParser.h"

using namespace shrike::parser;
using namespace shrike::parser::testing;

namespace {

uint32_t seed() {
  const char* value = std::getenv("SHRIKE_SEED");
  return value ? static_cast<uint32_t>(std::strtoul(value, nullptr, 10)) : 20240611u;
}

// Pieces an edit inserts: single characters that change the structure, and longer text.
const std::vector<std::string>& insertions() {
  static const std::vector<std::string> pieces = {"(",
                                                  ")",
                                                  "[",
                                                  "]",
                                                  "{",
                                                  "}",
                                                  "'",
                                                  "\"",
                                                  "\"\"\"",
                                                  ":",
                                                  ",",
                                                  ".",
                                                  "=",
                                                  "+",
                                                  "*",
                                                  "#",
                                                  "\\",
                                                  "\n",
                                                  "\r\n",
                                                  "\n\n",
                                                  "    ",
                                                  "\t",
                                                  " ",
                                                  "x",
                                                  "1",
                                                  "_",
                                                  "é",
                                                  "😀",
                                                  "中",
                                                  "f\"",
                                                  "{x}",
                                                  "if ",
                                                  "else",
                                                  "lambda",
                                                  "def ",
                                                  "class ",
                                                  "\\\n",
                                                  "async ",
                                                  "await ",
                                                  "match x:\n    case 1: pass\n",
                                                  "type X = int\n",
                                                  "return ",
                                                  "yield ",
                                                  "for i in range(3):\n    "};
  return pieces;
}

struct Edit {
  TextRange range;
  std::string replacement;
};

// Moves an offset back to the start of the UTF-8 character it is in.
uint32_t characterStart(std::string_view text, uint32_t offset) {
  while (offset > 0 && offset < text.size() &&
         (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80)
    --offset;
  return offset;
}

Edit randomEdit(std::mt19937& random, std::string_view text) {
  auto below = [&](uint32_t n) {
    return n == 0 ? 0u : std::uniform_int_distribution<uint32_t>(0, n - 1)(random);
  };
  uint32_t size = static_cast<uint32_t>(text.size());
  uint32_t at = characterStart(text, below(size + 1));
  switch (below(6)) {
  case 0:
  case 1: { // insert a piece
    const auto& pieces = insertions();
    return Edit{{at, at}, pieces[below(static_cast<uint32_t>(pieces.size()))]};
  }
  case 2: { // delete a few characters
    uint32_t end = characterStart(text, std::min(size, at + 1 + below(8)));
    if (end <= at) end = std::min(size, at + 1);
    while (end < size && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
    return Edit{{at, end}, ""};
  }
  case 3: { // delete a whole line
    uint32_t start = at;
    while (start > 0 && text[start - 1] != '\n') --start;
    uint32_t end = at;
    while (end < size && text[end] != '\n') ++end;
    return Edit{{start, std::min(size, end + 1)}, ""};
  }
  case 4: { // copy a random line to here
    uint32_t from = characterStart(text, below(size + 1));
    while (from > 0 && text[from - 1] != '\n') --from;
    uint32_t end = from;
    while (end < size && text[end] != '\n') ++end;
    std::string line(text.substr(from, end - from));
    return Edit{{at, at}, line + "\n"};
  }
  default: { // change the indentation of the line
    uint32_t start = at;
    while (start > 0 && text[start - 1] != '\n') --start;
    if (below(2) == 0) return Edit{{start, start}, "    "};
    uint32_t end = start;
    while (end < size && end < start + 4 && (text[end] == ' ' || text[end] == '\t')) ++end;
    return Edit{{start, end}, ""};
  }
  }
}

std::string lowered(const SourceText& text, const TSTree* tree) {
  Ast ast = lowerTree(text, tree);
  DumpOptions options;
  std::string out = dumpAst(ast.module, options);
  for (const SyntaxError& e : ast.syntaxErrors)
    out += "!!! " + std::to_string(e.range.start) + ".." + std::to_string(e.range.end) + " " +
           e.message + "\n";
  return out;
}

TEST(IncrementalParsing, RandomEditsMatchAFullParse) {
  std::mt19937 random(seed());
  std::vector<std::string> seeds;
  for (const auto& path : caseFiles("cases", ".py")) seeds.push_back(readFile(path));
  ASSERT_FALSE(seeds.empty());
  const bool sanitized = std::getenv("SHRIKE_SANITIZED") != nullptr;
  const int edits = sanitized ? 1000 : 1500;
  const int editsPerText = 25;
  int checked = 0;
  while (checked < edits) {
    const std::string& start = seeds[static_cast<size_t>(checked / editsPerText) % seeds.size()];
    ParsedText parsed{SourceText(start)};
    for (int i = 0; i < editsPerText && checked < edits; ++i, ++checked) {
      Edit edit = randomEdit(random, parsed.text().text());
      std::string before(parsed.text().text());
      parsed.applyEdit(edit.range, edit.replacement);
      TreePtr full = TreeSitterParser::threadLocal().parse(parsed.text().text());
      std::string incremental = lowered(parsed.text(), parsed.tree());
      std::string fromScratch = lowered(parsed.text(), full.get());
      if (incremental != fromScratch) {
        ADD_FAILURE() << "edit " << checked << " (seed " << seed() << "): replacing "
                      << edit.range.start << ".." << edit.range.end << " with '" << edit.replacement
                      << "' in:\n"
                      << before << "\n---- gives ----\n"
                      << parsed.text().text() << "\n---- incremental ----\n"
                      << incremental << "\n---- full ----\n"
                      << fromScratch;
        return;
      }
    }
  }
  EXPECT_EQ(checked, edits);
}

// An edit that splits a multi-byte character still leaves valid UTF-8 and a sound tree.
TEST(IncrementalParsing, EditsInsideACharacterSnapToItsBoundaries) {
  ParsedText parsed{SourceText("x = 'é😀'\n")};
  parsed.applyEdit(TextRange{6, 8}, "a"); // inside é and the emoji's first bytes
  std::string_view text = parsed.text().text();
  EXPECT_FALSE(SourceText(std::string(text)).hadInvalidUtf8());
  TreePtr full = TreeSitterParser::threadLocal().parse(text);
  EXPECT_EQ(lowered(parsed.text(), parsed.tree()), lowered(parsed.text(), full.get()));
}

} // namespace

namespace {

// The grammar's external scanner does not reset its "inside an f-string" flag when a parse
// starts from nothing, so a parse that ended inside an f-string used to suppress the
// dedents of the next text the same parser read: the class below swallowed the statements
// after it (found by the `edits` fuzzer, where it depended on the previous input).
TEST(IncrementalParsing, AParseDoesNotInheritTheScannerStateOfThePreviousOne) {
  SourceText klass("class A:\n    x = 1\ny = 2\n");
  TreeSitterParser parser;
  TreePtr clean = parser.parse(klass.text());
  std::string expected = lowered(klass, clean.get());
  for (std::string_view before : {"f'{", "f\"{x:{", "f'''{\n", "x = f'{a!r:>{w}}"}) {
    TreePtr unfinished = parser.parse(before);
    TreePtr after = parser.parse(klass.text());
    EXPECT_EQ(lowered(klass, after.get()), expected) << "after parsing " << before;
  }
}

} // namespace
