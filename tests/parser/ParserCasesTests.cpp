// ParserCasesTests: every tests/parser/cases/*.py against its expected dump (*.ast), and every
// tests/parser/errors/*.py against its expected syntax errors (*.errors).
//
// SHRIKE_UPDATE_GOLDEN=1 rewrites the expectations from the current output; review the diff
// of every rewritten file by eye before committing it.
#include <gtest/gtest.h>

#include "ParserCaseFiles.h"
#include "parser/AstLowering.h"

using namespace shrike::parser;
using namespace shrike::parser::testing;
namespace fs = std::filesystem;

namespace {

std::string caseName(const ::testing::TestParamInfo<fs::path>& info) {
  std::string name = info.param.stem().string();
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

// Every child's parent link points back at the node that holds it.
void expectParentLinks(const Node* root) {
  std::vector<const Node*> pending{root};
  while (!pending.empty()) {
    const Node* node = pending.back();
    pending.pop_back();
    forEachChild(node, [&](Node* child) {
      EXPECT_EQ(child->parent, node) << nodeKindName(child->kind) << " under "
                                     << nodeKindName(node->kind) << " @" << child->range.start;
      pending.push_back(child);
    });
  }
}

class ParserCase : public ::testing::TestWithParam<fs::path> {};
class ParserErrorCase : public ::testing::TestWithParam<fs::path> {};

TEST_P(ParserCase, DumpMatchesExpectation) {
  SourceText text = SourceText::fromFileBytes(readFile(GetParam()));
  Ast ast = parseModule(text);
  expectParentLinks(ast.module);
  fs::path expected = GetParam();
  expected.replace_extension(".ast");
  std::string difference = compareWithExpected(expected, dumpWithErrors(text, ast));
  EXPECT_TRUE(difference.empty()) << difference;
}

TEST_P(ParserErrorCase, ErrorsMatchExpectation) {
  SourceText text = SourceText::fromFileBytes(readFile(GetParam()));
  Ast ast = parseModule(text);
  expectParentLinks(ast.module);
  fs::path expected = GetParam();
  expected.replace_extension(".errors");
  std::string actual = errorLines(text, ast);
  EXPECT_FALSE(actual.empty()) << "an error case must produce errors";
  std::string difference = compareWithExpected(expected, actual);
  EXPECT_TRUE(difference.empty()) << difference;
}

INSTANTIATE_TEST_SUITE_P(Cases, ParserCase, ::testing::ValuesIn(caseFiles("cases", ".py")),
                         caseName);
INSTANTIATE_TEST_SUITE_P(Errors, ParserErrorCase, ::testing::ValuesIn(caseFiles("errors", ".py")),
                         caseName);

// Every node kind of Ast.h appears in some case's dump, so no kind goes untested.
TEST(ParserCases, CoverEveryNodeKind) {
  std::string all;
  for (const fs::path& path : caseFiles("cases", ".ast")) all += readFile(path);
  std::vector<std::string> missing;
#define SHRIKE_CHECK_KIND(kind)                                                                    \
  if (all.find(": " #kind " ") == std::string::npos &&                                             \
      all.find("\n" #kind " ") == std::string::npos && std::string(#kind) != "Module")             \
    missing.push_back(#kind);
  SHRIKE_AST_NODE_KINDS(SHRIKE_CHECK_KIND)
#undef SHRIKE_CHECK_KIND
  std::string list;
  for (const std::string& kind : missing) list += " " + kind;
  EXPECT_TRUE(missing.empty()) << "node kinds no case covers:" << list;
}

} // namespace
