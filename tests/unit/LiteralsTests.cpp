// LiteralsTests: string prefixes and escapes, number literal values and their problems.
#include "parser/Literals.h"

#include <gtest/gtest.h>

using namespace shrike::parser;

namespace {

std::string decoded(std::string_view content, bool bytes = false) {
  std::string out;
  decodeStringContent(content, bytes, out);
  return out;
}

} // namespace

TEST(Literals, StringPrefixesAndQuotes) {
  uint32_t quote = 0;
  StringPrefix p = parseStringPrefix("Rb'''", quote);
  EXPECT_TRUE(p.raw && p.bytes && !p.formatted && !p.unicode);
  EXPECT_EQ(quote, 3u);
  p = parseStringPrefix("f\"", quote);
  EXPECT_TRUE(p.formatted && !p.raw);
  EXPECT_EQ(quote, 1u);
  p = parseStringPrefix("u'", quote);
  EXPECT_TRUE(p.unicode);
}

TEST(Literals, SimpleEscapes) {
  EXPECT_EQ(decoded(R"(a\nb\tc\\d\'e\"f)"), "a\nb\tc\\d'e\"f");
  EXPECT_EQ(decoded(R"(\a\b\f\v\r)"), "\a\b\f\v\r");
  EXPECT_EQ(decoded("line\\\nnext"), "linenext"); // a backslash-newline joins lines
  EXPECT_EQ(decoded("line\\\r\nnext"), "linenext");
}

TEST(Literals, NumericEscapesInStrAreCodePoints) {
  EXPECT_EQ(decoded(R"(\x41\101\0)"), std::string("AA\0", 3));
  EXPECT_EQ(decoded(R"(\u00e9\U0001F600)"), "é😀");
  EXPECT_EQ(decoded(R"(\xff)"), "ÿ"); // U+00FF in UTF-8
  // A lone surrogate cannot be UTF-8; it stands as U+FFFD.
  EXPECT_EQ(decoded(R"(\ud800)"), "\xEF\xBF\xBD");
}

TEST(Literals, NumericEscapesInBytesAreBytes) {
  EXPECT_EQ(decoded(R"(\xff\101)", true), "\xff"
                                          "A");
  // \u is not an escape in bytes: kept as written.
  EXPECT_EQ(decoded(R"(\u1234)", true), R"(\u1234)");
}

TEST(Literals, UnknownAndIncompleteEscapesAreKept) {
  EXPECT_EQ(decoded(R"(\q\d)"), R"(\q\d)");
  std::string out;
  EXPECT_FALSE(decodeStringContent(R"(\x4)", false, out));
  EXPECT_EQ(out, R"(\x4)");
  out.clear();
  EXPECT_FALSE(decodeStringContent(R"(\U00110000)", false, out)); // past U+10FFFF
}

TEST(Literals, IntegersInEveryBase) {
  EXPECT_EQ(parseNumber("42").intValue, 42);
  EXPECT_EQ(parseNumber("1_000_000").intValue, 1000000);
  EXPECT_EQ(parseNumber("0x_ff").intValue, 255);
  EXPECT_EQ(parseNumber("0XFF").intValue, 255);
  EXPECT_EQ(parseNumber("0o777").intValue, 511);
  EXPECT_EQ(parseNumber("0b1010").intValue, 10);
  EXPECT_EQ(parseNumber("0").intValue, 0);
  EXPECT_EQ(parseNumber("00").kind, NumberKind::Int);
  EXPECT_TRUE(parseNumber("00").problem.empty());
}

TEST(Literals, IntegersPastInt64KeepTheirText) {
  NumberValue max = parseNumber("9223372036854775807");
  EXPECT_TRUE(max.fitsInt64);
  EXPECT_EQ(max.intValue, INT64_MAX);
  EXPECT_FALSE(parseNumber("9223372036854775808").fitsInt64);
  EXPECT_FALSE(parseNumber("0xFFFFFFFFFFFFFFFFFFFF").fitsInt64);
}

TEST(Literals, FloatsAndImaginaries) {
  EXPECT_EQ(parseNumber("1.5").kind, NumberKind::Float);
  EXPECT_DOUBLE_EQ(parseNumber("1.5").floatValue, 1.5);
  EXPECT_DOUBLE_EQ(parseNumber("1.").floatValue, 1.0);
  EXPECT_DOUBLE_EQ(parseNumber(".5").floatValue, 0.5);
  EXPECT_DOUBLE_EQ(parseNumber("1e10").floatValue, 1e10);
  EXPECT_DOUBLE_EQ(parseNumber("1_0.0_1").floatValue, 10.01);
  EXPECT_EQ(parseNumber("2j").kind, NumberKind::Imaginary);
  EXPECT_DOUBLE_EQ(parseNumber("1.5J").floatValue, 1.5);
  EXPECT_DOUBLE_EQ(parseNumber("1e3j").floatValue, 1000.0);
}

TEST(Literals, Python2FormsAreNamed) {
  EXPECT_FALSE(parseNumber("10L").problem.empty());
  EXPECT_NE(parseNumber("0777").problem.find("leading zeros"), std::string_view::npos);
}

TEST(Literals, NumberLiteralProblemsAreWordedAsCPython) {
  EXPECT_EQ(numberLiteralProblem("1__0"), "invalid decimal literal");
  EXPECT_EQ(numberLiteralProblem("1_"), "invalid decimal literal");
  EXPECT_EQ(numberLiteralProblem("1e"), "invalid decimal literal");
  EXPECT_EQ(numberLiteralProblem("1abc"), "invalid decimal literal");
  EXPECT_EQ(numberLiteralProblem("0b2"), "invalid digit '2' in binary literal");
  EXPECT_EQ(numberLiteralProblem("0o8"), "invalid digit '8' in octal literal");
  EXPECT_EQ(numberLiteralProblem("0x"), "invalid hexadecimal literal");
  EXPECT_EQ(numberLiteralProblem("0xg"), "invalid hexadecimal literal");
  EXPECT_EQ(numberLiteralProblem("0b_"), "invalid binary literal");
  EXPECT_NE(numberLiteralProblem("0777").find("leading zeros"), std::string::npos);
  for (const char* valid : {"0", "00", "1_000", "0x_ff", "0o17", "0b1", "1.5", "1.", ".5", "1e10",
                            "1E-5", "1.5e+3", "1_0.0_1", "1j", "1.5J", "0j", "0e0"})
    EXPECT_EQ(numberLiteralProblem(valid), "") << valid;
}
