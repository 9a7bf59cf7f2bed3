// DeepNestingTests: pathologically deep or long code gives a clear error or a correct Ast,
// never a crash, and no Ast is deeper than maxSyntaxDepth (later passes recurse over it).
#include <gtest/gtest.h>

#include <string>

#include "ParserCaseFiles.h"
#include "parser/AstLowering.h"

using namespace shrike::parser;
using namespace shrike::parser::testing;

namespace {

std::string repeat(std::string_view piece, int times) {
  std::string out;
  out.reserve(piece.size() * static_cast<size_t>(times));
  for (int i = 0; i < times; ++i) out += piece;
  return out;
}

bool hasError(const Ast& ast, std::string_view part) {
  for (const SyntaxError& e : ast.syntaxErrors)
    if (e.message.find(part) != std::string::npos) return true;
  return false;
}

struct Parsed {
  SourceText text;
  Ast ast;
  explicit Parsed(std::string source) : text(std::move(source)), ast(parseModule(text)) {}
};

void expectBounded(const Parsed& parsed) {
  EXPECT_LE(treeDepth(parsed.ast.module), maxSyntaxDepth);
  EXPECT_LE(parsed.ast.module->height, maxSyntaxDepth);
}

TEST(DeepNesting, HundredThousandParenthesesAreTooDeep) {
  Parsed parsed("x = " + repeat("(", 100000) + "1" + repeat(")", 100000) + "\n");
  EXPECT_TRUE(hasError(parsed.ast, "nested too deeply")) << errorLines(parsed.text, parsed.ast);
  expectBounded(parsed);
}

TEST(DeepNesting, ParenthesesWithinTheLimitGiveTheAst) {
  Parsed parsed("x = " + repeat("(", 150) + "1" + repeat(")", 150) + "\n");
  EXPECT_TRUE(parsed.ast.syntaxErrors.empty()) << errorLines(parsed.text, parsed.ast);
  ASSERT_EQ(parsed.ast.module->body.size(), 1u);
  auto* assign = parsed.ast.module->body[0]->as<Assign>();
  ASSERT_NE(assign, nullptr);
  EXPECT_TRUE(assign->value->is<IntLiteral>());
}

TEST(DeepNesting, FiveThousandNestedIfsExceedTheIndentationLimit) {
  std::string source;
  for (int i = 0; i < 5000; ++i) source += std::string(static_cast<size_t>(i), ' ') + "if x:\n";
  source += std::string(5000, ' ') + "pass\n";
  Parsed parsed(source);
  EXPECT_TRUE(hasError(parsed.ast, "too many levels of indentation"))
      << errorLines(parsed.text, parsed.ast).substr(0, 400);
  expectBounded(parsed);
}

TEST(DeepNesting, NinetyNineNestedIfsAreFine) {
  std::string source;
  for (int i = 0; i < 99; ++i) source += std::string(static_cast<size_t>(i) * 4, ' ') + "if x:\n";
  source += std::string(99 * 4, ' ') + "pass\n";
  Parsed parsed(source);
  EXPECT_TRUE(parsed.ast.syntaxErrors.empty()) << errorLines(parsed.text, parsed.ast);
  EXPECT_EQ(treeDepth(parsed.ast.module), 100u); // 99 nested Ifs and the Pass in the last
}

TEST(DeepNesting, AHundredThousandTermSumIsCappedWithAnError) {
  std::string source = "y = a";
  for (int i = 1; i < 100000; ++i) source += " + a";
  Parsed parsed(source + "\n");
  EXPECT_TRUE(hasError(parsed.ast, "nested too deeply"));
  expectBounded(parsed);
}

TEST(DeepNesting, AThousandTermSumIsAnOrdinaryAst) {
  std::string source = "y = a";
  for (int i = 1; i < 1000; ++i) source += " + a";
  Parsed parsed(source + "\n");
  EXPECT_TRUE(parsed.ast.syntaxErrors.empty()) << errorLines(parsed.text, parsed.ast);
  // Left-associated, as CPython builds it: ((a + a) + a) + ...
  const Expr* value = parsed.ast.module->body[0]->as<Assign>()->value;
  int operators = 0;
  while (auto* binary = value->as<BinOp>()) {
    EXPECT_TRUE(binary->right->is<NameExpr>());
    value = binary->left;
    ++operators;
  }
  EXPECT_EQ(operators, 999);
}

TEST(DeepNesting, TenThousandNestedSubscriptsInAnnotationsAndExpressions) {
  std::string nested = repeat("list[", 10000) + "int" + repeat("]", 10000);
  Parsed annotation("z: " + nested + "\n");
  EXPECT_TRUE(hasError(annotation.ast, "nested too deeply"));
  expectBounded(annotation);
  Parsed expression("z = " + nested + "\n");
  EXPECT_TRUE(hasError(expression.ast, "nested too deeply"));
  expectBounded(expression);
}

TEST(DeepNesting, LongElifChainsAreCapped) {
  std::string source = "if a: pass\n";
  for (int i = 0; i < 5000; ++i) source += "elif b: pass\n";
  Parsed parsed(source);
  EXPECT_TRUE(hasError(parsed.ast, "nested too deeply"));
  expectBounded(parsed);
}

TEST(DeepNesting, OtherDeepShapesStayBounded) {
  const int n = 50000;
  std::string shapes[] = {
      "x = " + repeat("[", n) + repeat("]", n) + "\n",
      "x = " + repeat("{1: ", n) + "1" + repeat("}", n) + "\n",
      "x = " + repeat("not ", n) + "y\n",
      "x = " + repeat("-", n) + "y\n",
      "x = a" + repeat(".b", n) + "\n",
      "x = f" + repeat("(g", n) + repeat(")", n) + "\n",
      "x = a" + repeat("[0]", n) + "\n",
      "x = " + repeat("lambda: ", n) + "0\n",
      "x = " + repeat("a if b else ", n) + "c\n",
      "x = " + repeat("await ", n) + "y\n",
      "x = a" + repeat(" ** a", n) + "\n",
      "x = " + repeat("f'{", 200) + repeat("}'", 200) + "\n",
      "match x:\n    case " + repeat("[", n) + repeat("]", n) + ": pass\n",
      "def f(x=" + repeat("(", n) + "1" + repeat(")", n) + "): pass\n",
      repeat("@d\n", n) + "def f(): pass\n",
      "x = " + repeat("(", n) + "\n", // never closed
  };
  for (const std::string& source : shapes) {
    Parsed parsed(source);
    expectBounded(parsed);
    if (treeDepth(parsed.ast.module) > maxSyntaxDepth) {
      ADD_FAILURE() << "too deep: " << source.substr(0, 60);
      return;
    }
  }
}

} // namespace
