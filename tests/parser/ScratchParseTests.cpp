// ScratchParseTests: trees parsed in the scratch arena lower as heap-parsed trees do, and trees
// that outlive a ScratchParse (an open document's) are never placed in its arena.
#include <gtest/gtest.h>

#include <string>

#include "parser/AstDump.h"
#include "parser/AstLowering.h"
#include "parser/ScratchParse.h"
#include "parser/TreeSitterParser.h"

using namespace shrike::parser;

namespace {

std::string lowered(const SourceText& text, const TSTree* tree) {
  Ast ast = lowerTree(text, tree);
  std::string out = dumpAst(ast.module);
  for (const SyntaxError& e : ast.syntaxErrors)
    out += "!!! " + std::to_string(e.range.start) + ".." + std::to_string(e.range.end) + " " +
           e.message + "\n";
  return out;
}

std::string heapLowered(const SourceText& text) {
  TreePtr tree = TreeSitterParser::threadLocal().parse(text.text());
  return lowered(text, tree.get());
}

// Broken code, f-strings and string annotations (parsed again inside the lowering).
std::string sample(int i) {
  return "def f" + std::to_string(i) + "(a: 'list[int]', b=f\"{x!r:>{w}}\") -> 'None':\n" +
         "    if a:\n        return [b for b in a if b > " + std::to_string(i) + "]\n" +
         "    x = (1 +\n" + std::string(size_t(i % 7), ' ') + "2\nclass C(Base, metaclass=M):\n" +
         "    y: int = 0\n    def g(self): return self.y +\n";
}

TEST(ScratchParse, LowersAsAHeapParseDoes) {
  // Many parses in a row: each rewinds the arena the previous one used.
  for (int i = 0; i < 50; ++i) {
    SourceText text(sample(i));
    std::string scratch;
    {
      ScratchParse parse;
      scratch = lowered(text, parse.parse(text.text()));
    }
    EXPECT_EQ(scratch, heapLowered(text)) << "sample " << i;
  }
}

TEST(ScratchParse, ADocumentMadeInsideOutlivesIt) {
  SourceText first(sample(1));
  std::unique_ptr<ParsedText> document;
  {
    ScratchParse parse;
    lowered(first, parse.parse(first.text()));
    // Made while the scratch arena is in use: its tree and parser must be the heap's.
    document = std::make_unique<ParsedText>(SourceText(sample(2)));
  }
  // Later scratch parses reuse the arena from its start.
  for (int i = 3; i < 10; ++i) {
    SourceText text(sample(i) + sample(i + 1));
    ScratchParse parse;
    lowered(text, parse.parse(text.text()));
  }
  EXPECT_EQ(lowered(document->text(), document->tree()), heapLowered(SourceText(sample(2))));
  document->applyEdit(TextRange{0, 3}, "async def");
  EXPECT_EQ(lowered(document->text(), document->tree()),
            heapLowered(SourceText("async def" + sample(2).substr(3))));
}

TEST(ScratchParse, ParseModuleMatchesTheHeapParse) {
  SourceText text(sample(5));
  Ast ast = parseModule(text);
  std::string out = dumpAst(ast.module);
  for (const SyntaxError& e : ast.syntaxErrors)
    out += "!!! " + std::to_string(e.range.start) + ".." + std::to_string(e.range.end) + " " +
           e.message + "\n";
  EXPECT_EQ(out, heapLowered(text));
}

} // namespace
