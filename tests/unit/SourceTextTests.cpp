// SourceTextTests: line index and position conversions, including non-ASCII and bad bytes.
#include "parser/SourceText.h"

#include <gtest/gtest.h>

using namespace shrike::parser;

TEST(SourceText, LineIndexHandlesLfCrlfAndLoneCr) {
  SourceText text("a\nbb\r\ncc\rd");
  ASSERT_EQ(text.lineCount(), 4u);
  EXPECT_EQ(text.lineText(0), "a");
  EXPECT_EQ(text.lineText(1), "bb");
  EXPECT_EQ(text.lineText(2), "cc");
  EXPECT_EQ(text.lineText(3), "d");
  EXPECT_EQ(text.lineOf(4), 1u);
  EXPECT_EQ(text.lineOf(7), 2u);
}

TEST(SourceText, TrailingNewlineStartsAnEmptyLine) {
  SourceText text("x\n");
  ASSERT_EQ(text.lineCount(), 2u);
  EXPECT_EQ(text.lineText(1), "");
  EXPECT_EQ(text.toLineColumn(2, ColumnUnit::Utf16), (LineColumn{1, 0}));
}

TEST(SourceText, Utf16ColumnsCountSurrogatePairs) {
  // "a😀b" : the emoji is 4 bytes of UTF-8 and 2 UTF-16 units.
  SourceText text("a\xF0\x9F\x98\x80"
                  "b");
  EXPECT_EQ(text.toLineColumn(5, ColumnUnit::Utf16), (LineColumn{0, 3}));
  EXPECT_EQ(text.toLineColumn(5, ColumnUnit::Utf8), (LineColumn{0, 5}));
  EXPECT_EQ(text.toLineColumn(5, ColumnUnit::Utf32), (LineColumn{0, 2}));
  EXPECT_EQ(text.toOffset({0, 3}, ColumnUnit::Utf16), 5u);
  // A column between the halves of a pair points at the character's start.
  EXPECT_EQ(text.toOffset({0, 2}, ColumnUnit::Utf16), 1u);
  EXPECT_FALSE(text.isValidPosition({0, 2}, ColumnUnit::Utf16));
}

TEST(SourceText, TwoByteCharactersInUtf16) {
  SourceText text("é = 1\nπx");
  EXPECT_EQ(text.toLineColumn(2, ColumnUnit::Utf16), (LineColumn{0, 1}));
  EXPECT_EQ(text.toOffset({1, 1}, ColumnUnit::Utf16), 9u);
  EXPECT_EQ(text.toLineColumn(9, ColumnUnit::Utf16), (LineColumn{1, 1}));
}

TEST(SourceText, ColumnsPastTheLineClampToItsEnd) {
  SourceText text("abc\r\ndef");
  EXPECT_EQ(text.toOffset({0, 99}, ColumnUnit::Utf16), 3u);
  EXPECT_EQ(text.toOffset({0, 99}, ColumnUnit::Utf8), 3u);
  EXPECT_EQ(text.toOffset({7, 0}, ColumnUnit::Utf16), text.size());
  // Offsets inside the CRLF map to the end of the line.
  EXPECT_EQ(text.toLineColumn(4, ColumnUnit::Utf16), (LineColumn{0, 3}));
}

TEST(SourceText, ByteOrderMarkIsDropped) {
  SourceText text("\xEF\xBB\xBFx = 1");
  EXPECT_TRUE(text.hadByteOrderMark());
  EXPECT_EQ(text.text(), "x = 1");
}

TEST(SourceText, InvalidUtf8BecomesReplacementCharacters) {
  SourceText text(std::string("a\xFF"
                              "b\xC3",
                              4));
  EXPECT_TRUE(text.hadInvalidUtf8());
  EXPECT_EQ(text.firstInvalidUtf8Offset(), 1u);
  EXPECT_EQ(text.text(), "a\xEF\xBF\xBD"
                         "b\xEF\xBF\xBD");
  // Overlong encodings and surrogates are invalid too.
  SourceText overlong(std::string("\xC0\xAF\xED\xA0\x80"));
  EXPECT_TRUE(overlong.hadInvalidUtf8());
}

TEST(SourceText, TabsCountAsOneColumn) {
  SourceText text("\tx");
  EXPECT_EQ(text.toLineColumn(1, ColumnUnit::Utf16), (LineColumn{0, 1}));
}

TEST(SourceText, EditRebuildsTheLineIndex) {
  SourceText text("a\nb\nc");
  text.edit({2, 3}, "x\ny");
  EXPECT_EQ(text.text(), "a\nx\ny\nc");
  EXPECT_EQ(text.lineCount(), 4u);
  EXPECT_EQ(text.lineText(2), "y");
}

TEST(SourceText, RoundTripsEveryOffset) {
  SourceText text("déf f(x):\r\n    return '😀'\n\tpass\rend");
  for (uint32_t offset = 0; offset <= text.size(); ++offset) {
    for (ColumnUnit unit : {ColumnUnit::Utf8, ColumnUnit::Utf16, ColumnUnit::Utf32}) {
      LineColumn position = text.toLineColumn(offset, unit);
      uint32_t back = text.toOffset(position, unit);
      // Offsets inside characters or line terminators map to a nearby boundary.
      EXPECT_LE(back, offset);
      EXPECT_EQ(text.toLineColumn(back, unit), position);
    }
  }
}

TEST(SourceText, CrlfAndLoneCrLinesConvertBothWays) {
  SourceText text("a\r\nbé\rc\nd");
  ASSERT_EQ(text.lineCount(), 4u);
  EXPECT_EQ(text.lineStart(1), 3u);
  EXPECT_EQ(text.lineStart(2), 7u);
  EXPECT_EQ(text.lineText(1), "bé");
  EXPECT_EQ(text.toLineColumn(6, ColumnUnit::Utf16), (LineColumn{1, 2}));
  EXPECT_EQ(text.toLineColumn(5, ColumnUnit::Utf16), (LineColumn{1, 1})); // inside é
  EXPECT_EQ(text.toOffset({1, 2}, ColumnUnit::Utf16), 6u);
  EXPECT_EQ(text.toOffset({2, 1}, ColumnUnit::Utf8), 8u);
  // The CR of a CRLF belongs to the line before.
  EXPECT_EQ(text.lineOf(1), 0u);
  EXPECT_EQ(text.lineOf(2), 0u);
}

TEST(SourceText, ByteOrderMarkDoesNotShiftPositions) {
  SourceText text("\xEF\xBB\xBFx = 1\ny");
  EXPECT_EQ(text.toLineColumn(0, ColumnUnit::Utf16), (LineColumn{0, 0}));
  EXPECT_EQ(text.toOffset({1, 0}, ColumnUnit::Utf16), 6u);
  EXPECT_EQ(text.lineText(1), "y");
}

TEST(SourceText, SurrogatePairsRoundTripInUtf16) {
  // Two astral characters and one BMP character: columns 0, 2, 4, 5 in UTF-16.
  SourceText text("\xF0\x9F\x98\x80\xF0\x9F\x90\x8D\xC3\xA9x");
  EXPECT_EQ(text.toOffset({0, 2}, ColumnUnit::Utf16), 4u);
  EXPECT_EQ(text.toOffset({0, 4}, ColumnUnit::Utf16), 8u);
  EXPECT_EQ(text.toOffset({0, 5}, ColumnUnit::Utf16), 10u);
  EXPECT_EQ(text.toLineColumn(8, ColumnUnit::Utf16), (LineColumn{0, 4}));
  EXPECT_EQ(text.toLineColumn(8, ColumnUnit::Utf32), (LineColumn{0, 2}));
  // Offsets inside a character count as its start.
  EXPECT_EQ(text.toLineColumn(6, ColumnUnit::Utf16), (LineColumn{0, 2}));
  // A column between a pair's halves is not a valid position.
  EXPECT_FALSE(text.isValidPosition({0, 3}, ColumnUnit::Utf16));
  EXPECT_TRUE(text.isValidPosition({0, 4}, ColumnUnit::Utf16));
}

TEST(SourceText, EditsAreWidenedToWholeCharacters) {
  SourceText text("aé😀b");
  // [2, 4) splits both é (1..3) and the emoji (3..7).
  EXPECT_EQ(text.characterRange({2, 4}), (TextRange{1, 7}));
  text.edit({2, 4}, "x");
  EXPECT_EQ(text.text(), "axb");
  EXPECT_FALSE(text.hadInvalidUtf8());
  EXPECT_EQ(text.characterRange({0, 99}), (TextRange{0, 3}));
}

TEST(SourceText, EditsSanitiseTheirReplacement) {
  SourceText text("ab");
  text.edit({1, 1}, std::string("\xFF", 1));
  EXPECT_EQ(text.text(), "a\xEF\xBF\xBD"
                         "b");
}
