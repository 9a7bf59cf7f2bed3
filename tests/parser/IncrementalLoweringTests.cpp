// IncrementalLoweringTests: lowerTreeIncrementally after an edit gives the same Ast as a full
// lowering of the edited text (every node's kind, ranges, identifiers, height and parent
// link, the syntax errors and the comments), and it does copy the statements the edit left.
#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "ParserCaseFiles.h"
#include "parser/AstDump.h"
#include "parser/AstLowering.h"
#include "parser/TreeSitterParser.h"
#include "parser/lowering/ReusableStatements.h"

using namespace shrike::parser;
using namespace shrike::parser::testing;

namespace {

// A document as the language server holds it: the parsed text, and the Ast of its last
// version with the text that Ast points into.
class Document {
public:
  explicit Document(std::string text) : parsed_(SourceText(std::move(text))) { relower(); }

  // Replaces the `occurrence`-th (0-based) `find` with `replacement`; false when not found.
  bool edit(const std::string& find, const std::string& replacement, int occurrence = 0) {
    std::string_view text = parsed_.text().text();
    size_t at = text.find(find);
    while (at != std::string_view::npos && occurrence-- > 0) at = text.find(find, at + 1);
    if (at == std::string_view::npos) return false;
    uint32_t start = static_cast<uint32_t>(at);
    parsed_.applyEdit(TextRange{start, start + static_cast<uint32_t>(find.size())}, replacement);
    return true;
  }

  // Lowers incrementally from the previous Ast, and returns a difference from a full
  // lowering of the same text (empty when they agree).
  std::string relower() {
    auto text = std::make_shared<SourceText>(parsed_.text());
    Ast next = lowerTreeIncrementally(*text, parsed_.tree(), text_ ? &ast_ : nullptr);
    ast_ = std::move(next);
    text_ = std::move(text);
    std::string incremental = describeAst(ast_);
    std::string full = describeAst(parseModule(*text_));
    if (incremental == full) return "";
    return "text:\n" + std::string(text_->text()) + "\n---- incremental ----\n" + incremental +
           "\n---- full ----\n" + full;
  }

  uint32_t copied() const { return ast_.reusable->copied; }
  std::string_view text() const { return text_->text(); }

private:
  ParsedText parsed_;
  std::shared_ptr<SourceText> text_;
  Ast ast_;
};

const char* const module = R"(import os  # the first statement
from collections import (
    OrderedDict as OD,  # a comment inside
)

X: int = 1


def first(a, b=2, *args, key: str = "k", **kwargs) -> int:
    """A docstring."""
    total = a + b  # trailing
    for item in args:
        total += item
    return total


class Box[T]:
    value: T
    label = f"box {X!r:>{4}}"

    def get(self) -> T:
        # a comment in the block
        return self.value

    def put(self, value: T) -> None:
        self.value = value


match X:
    case [1, *rest] if rest:
        pass
    case {"k": v, **others}:
        pass
    case Box(value=_):
        pass

try:
    first(1)
except* ValueError as error:
    del error

last = [x for x in range(3) if x]  # the last line
)";

struct EditCase {
  const char* name;
  // Edits applied in turn, each checked: the `occurrence`-th `find` becomes `replacement`.
  struct Step {
    const char* find;
    const char* replacement;
    int occurrence = 0;
  };
  std::vector<Step> steps;
  // The least number of statements the last step must have copied from the Ast before it
  // (the outermost ones copied; which subtrees tree-sitter hands over is its own choice, and
  // none when the text has a syntax error, which is parsed again from scratch).
  uint32_t leastCopied;
};

const std::vector<EditCase>& editCases() {
  static const std::vector<EditCase> cases = {
      {"a character inserted at the start", {{"import os", "import oss"}}, 5},
      {"a character deleted at the start", {{"import os", "import o"}}, 5},
      {"a line inserted before everything", {{"import os", "import sys\nimport os"}}, 4},
      {"a name changed in the middle", {{"total = a + b", "total = a + bb"}}, 5},
      {"the same place edited again and again",
       {{"total = a + b", "total = a + bb"},
        {"total = a + bb", "total = a + b"},
        {"total = a + b", "total = a + bbb"}},
       7},
      {"an edit at the end", {{"if x]", "if x > 1]"}}, 6},
      {"text appended after the last line", {{"the last line\n", "the last line\nmore = 1\n"}}, 6},
      {"an edit inside a string", {{"A docstring.", "A longer docstring."}}, 5},
      {"an edit inside an f-string", {{"box {X", "boxes {X"}}, 5},
      {"an edit inside a comment", {{"# trailing", "# a longer trailing comment"}}, 5},
      {"a comment added between methods", {{"    def put", "    # new\n    def put"}}, 3},
      {"a method indented into the one before", {{"    def put(self", "        def put(self"}}, 3},
      {"a method dedented out of its class", {{"    def put(self", "def put(self"}}, 3},
      {"a block's indentation changed",
       {{"        total += item", "            total += item"}},
       2},
      {"a statement split in two", {{"total = a + b", "total = a\nb"}}, 4},
      {"two statements merged into one", {{"X: int = 1\n", "X: int = 1; "}}, 4},
      {"a statement joined to the next line", {{"value: T\n", "value: T \\\n"}}, 0},
      {"a statement deleted", {{"    value: T\n", ""}}, 3},
      {"a syntax error typed and removed",
       {{"total = a + b", "total = a + (b"}, {"total = a + (b", "total = a + b"}},
       0},
      {"a string left open and closed again",
       {{"\"\"\"A docstring.\"\"\"", "\"\"\"A docstring."},
        {"\"\"\"A docstring.", "\"\"\"A docstring.\"\"\""}},
       0},
      {"a match case changed", {{"case Box(value=_)", "case Box(value=v)"}}, 4},
      {"everything after the first line removed", {{"\nfrom", "\n#from"}}, 0},
  };
  return cases;
}

TEST(IncrementalLowering, MatchesAFullLoweringAfterEachEdit) {
  for (const EditCase& c : editCases()) {
    SCOPED_TRACE(c.name);
    Document document(module);
    ASSERT_EQ(document.relower(), "");
    for (const EditCase::Step& step : c.steps) {
      ASSERT_TRUE(document.edit(step.find, step.replacement, step.occurrence)) << step.find;
      std::string difference = document.relower();
      ASSERT_EQ(difference, "");
    }
    EXPECT_GE(document.copied(), c.leastCopied);
  }
}

// Without an Ast before it (or after a text that shares nothing), nothing is copied, and the
// result is still a full lowering.
TEST(IncrementalLowering, WithoutAPreviousAstNothingIsCopied) {
  SourceText text(module);
  TreePtr tree = TreeSitterParser::threadLocal().parse(text.text());
  Ast first = lowerTreeIncrementally(text, tree.get(), nullptr);
  EXPECT_EQ(first.reusable->copied, 0u);
  EXPECT_EQ(describeAst(first), describeAst(lowerTree(text, tree.get())));
  TreePtr unrelated = TreeSitterParser::threadLocal().parse(text.text());
  Ast second = lowerTreeIncrementally(text, unrelated.get(), &first);
  EXPECT_EQ(second.reusable->copied, 0u);
  EXPECT_EQ(describeAst(second), describeAst(first));
}

// A statement lowered with a syntax error is lowered again: its messages can depend on what
// is around it ("... on line 12").
TEST(IncrementalLowering, StatementsWithErrorsAreLoweredAgain) {
  Document document("def f():\n    x = (1 +\n\ny = 2\nz = 3\n");
  ASSERT_EQ(document.relower(), "");
  ASSERT_TRUE(document.edit("y = 2", "y = 22"));
  EXPECT_EQ(document.relower(), "");
}

// Random edits over the parser's cases, each lowered from the Ast of the edit before it.
TEST(IncrementalLowering, RandomEditSequencesMatchAFullLowering) {
  std::mt19937 random(20261126u);
  auto below = [&](size_t n) {
    return n == 0 ? size_t(0) : std::uniform_int_distribution<size_t>(0, n - 1)(random);
  };
  const std::vector<std::string> pieces = {"x", "(",     ")",    ":", "\n",  "    ",
                                           "'", "#",     "\\\n", "1", " = ", "def g():\n    pass\n",
                                           "é", "\"\"\""};
  int checked = 0;
  uint32_t copied = 0;
  for (const auto& path : caseFiles("cases", ".py")) {
    Document document(readFile(path));
    ASSERT_EQ(document.relower(), "") << path;
    for (int i = 0; i < 10; ++i, ++checked) {
      std::string_view text = document.text();
      size_t at = below(text.size() + 1);
      while (at > 0 && at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80)
        --at;
      size_t length = below(3) == 0 ? below(6) : 0;
      length = std::min(length, text.size() - at);
      std::string find(text.substr(at, length));
      std::string replacement = pieces[below(pieces.size())];
      // Edit by offset: the same text may occur earlier.
      int occurrence = 0;
      for (size_t p = text.find(find); p != std::string_view::npos && p < at;
           p = text.find(find, p + 1))
        ++occurrence;
      if (find.empty()) {
        // An insertion: anchor it on the text after it instead.
        find = std::string(text.substr(at, std::min<size_t>(1, text.size() - at)));
        occurrence = 0;
        for (size_t p = text.find(find); p != std::string_view::npos && p < at;
             p = text.find(find, p + 1))
          ++occurrence;
        replacement += find;
      }
      if (find.empty()) continue; // an empty text
      ASSERT_TRUE(document.edit(find, replacement, occurrence));
      std::string difference = document.relower();
      ASSERT_EQ(difference, "") << path << " edit " << i;
      copied += document.copied();
    }
  }
  EXPECT_GT(checked, 100);
  EXPECT_GT(copied, 100u);
}

} // namespace
