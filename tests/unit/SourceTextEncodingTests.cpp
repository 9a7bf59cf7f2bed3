// SourceTextEncodingTests: coding declarations (PEP 263) and decoding files to UTF-8.
#include "parser/SourceEncoding.h"
#include "parser/SourceText.h"

#include <gtest/gtest.h>

using namespace shrike::parser;

TEST(SourceTextEncoding, DeclarationOnTheFirstOrSecondLine) {
  auto first = findCodingDeclaration("# -*- coding: latin-1 -*-\nx = 1\n");
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->name, "latin-1");
  EXPECT_EQ(first->offset, 14u);
  auto second = findCodingDeclaration("#!/usr/bin/env python\n# vim: set fileencoding=utf-8 :\n");
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->name, "utf-8");
  // The second line counts only after a comment or blank first line.
  EXPECT_FALSE(findCodingDeclaration("x = 1\n# coding: latin-1\n").has_value());
  EXPECT_FALSE(findCodingDeclaration("\n\n# coding: latin-1\n").has_value());
  EXPECT_FALSE(findCodingDeclaration("x = 'coding: latin-1'\n").has_value());
}

TEST(SourceTextEncoding, EncodingNamesAsPythonSpellsThem) {
  EXPECT_EQ(classifyEncoding("UTF-8"), SourceCharset::Utf8);
  EXPECT_EQ(classifyEncoding("utf8"), SourceCharset::Utf8);
  EXPECT_EQ(classifyEncoding("Latin-1"), SourceCharset::Latin1);
  EXPECT_EQ(classifyEncoding("iso8859-1"), SourceCharset::Latin1);
  EXPECT_EQ(classifyEncoding("ISO_8859-15"), SourceCharset::Latin9);
  EXPECT_EQ(classifyEncoding("cp1252"), SourceCharset::Cp1252);
  EXPECT_EQ(classifyEncoding("ascii"), SourceCharset::Ascii);
  EXPECT_EQ(classifyEncoding("koi8-r"), SourceCharset::OtherKnown);
  EXPECT_EQ(classifyEncoding("shift_jis"), SourceCharset::OtherKnown);
  EXPECT_EQ(classifyEncoding("cp437"), SourceCharset::OtherKnown);
  EXPECT_EQ(classifyEncoding("uft-8"), SourceCharset::Unknown);
  EXPECT_EQ(classifyEncoding("xxx"), SourceCharset::Unknown);
}

TEST(SourceTextEncoding, SingleByteCharsetsDecodeExactly) {
  EXPECT_EQ(decodeSingleByte("caf\xe9", SourceCharset::Latin1), "café");
  EXPECT_EQ(decodeSingleByte("\x80 \x99", SourceCharset::Cp1252), "€ ™");
  EXPECT_EQ(decodeSingleByte("\xa4", SourceCharset::Latin9), "€");
  EXPECT_EQ(decodeSingleByte("\xa4", SourceCharset::Latin1), "¤");
  EXPECT_EQ(decodeSingleByte("\x81", SourceCharset::Cp1252), "\xEF\xBF\xBD"); // undefined
  EXPECT_EQ(decodeSingleByte("a\xe9", SourceCharset::Ascii), "a\xEF\xBF\xBD");
}

TEST(SourceTextEncoding, FilesAreDecodedByTheirDeclaration) {
  SourceText latin = SourceText::fromFileBytes("# coding: latin-1\ns = 'caf\xe9'\n");
  EXPECT_FALSE(latin.hadInvalidUtf8());
  EXPECT_NE(latin.text().find("café"), std::string_view::npos);
  // Without a declaration the bytes are UTF-8, and bad ones are replaced (and remembered).
  SourceText utf8 = SourceText::fromFileBytes("s = 'caf\xe9'\n");
  EXPECT_TRUE(utf8.hadInvalidUtf8());
  EXPECT_EQ(utf8.firstInvalidUtf8Offset(), 8u);
  // A byte-order mark means UTF-8, whatever a declaration says.
  SourceText marked = SourceText::fromFileBytes("\xEF\xBB\xBF# coding: latin-1\ns = 'é'\n");
  EXPECT_FALSE(marked.hadInvalidUtf8());
  EXPECT_TRUE(marked.hadByteOrderMark());
}
