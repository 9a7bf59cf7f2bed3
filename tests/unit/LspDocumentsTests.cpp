// LspDocumentsTests: applying LSP content changes to open buffers — incremental and full,
// UTF-16 positions, and refusing edits outside the document without corrupting it.
#include "lsp/Documents.h"

#include <gtest/gtest.h>

using namespace shrike::lsp;
using shrike::parser::ColumnUnit;

namespace {

TextDocumentContentChangeEvent edit(uint32_t l1, uint32_t c1, uint32_t l2, uint32_t c2,
                                    std::string text) {
  return TextDocumentContentChangeEvent{Range{{l1, c1}, {l2, c2}}, std::move(text)};
}

std::string textOf(DocumentStore& store, const std::string& uri) {
  return std::string(store.get(uri)->text->text());
}

} // namespace

TEST(LspDocuments, AppliesIncrementalChangesInOrder) {
  DocumentStore store;
  store.open("file:///a.py", 1, "x = 1\ny = 2\n");
  auto outcome = store.change(
      "file:///a.py", 2, {edit(0, 4, 0, 5, "10"), edit(1, 0, 1, 0, "z = 3\n")}, ColumnUnit::Utf16);
  ASSERT_TRUE(outcome.applied) << outcome.error;
  EXPECT_EQ(outcome.snapshot.version, 2);
  EXPECT_EQ(textOf(store, "file:///a.py"), "x = 10\nz = 3\ny = 2\n");
}

TEST(LspDocuments, CountsUtf16UnitsForAstralCharacters) {
  DocumentStore store;
  store.open("file:///a.py", 1, "s = '\xF0\x9F\x98\x80x'\n");
  // The emoji is two UTF-16 units: column 7 is just after it.
  ASSERT_TRUE(store.change("file:///a.py", 2, {edit(0, 7, 0, 8, "y")}, ColumnUnit::Utf16).applied);
  EXPECT_EQ(textOf(store, "file:///a.py"), "s = '\xF0\x9F\x98\x80y'\n");
}

TEST(LspDocuments, AFullChangeReplacesEverything) {
  DocumentStore store;
  store.open("file:///a.py", 1, "old\n");
  ASSERT_TRUE(store
                  .change("file:///a.py", 5,
                          {TextDocumentContentChangeEvent{std::nullopt, "new\n"}},
                          ColumnUnit::Utf16)
                  .applied);
  EXPECT_EQ(textOf(store, "file:///a.py"), "new\n");
}

TEST(LspDocuments, AnEditOutsideTheDocumentRefusesTheWholeBatch) {
  DocumentStore store;
  store.open("file:///a.py", 1, "a\nb\n");
  auto outcome = store.change("file:///a.py", 2, {edit(0, 0, 0, 1, "A"), edit(9, 0, 9, 1, "?")},
                              ColumnUnit::Utf16);
  EXPECT_FALSE(outcome.applied);
  EXPECT_NE(outcome.error.find("outside"), std::string::npos);
  // Nothing of the batch was applied, and the version did not move.
  EXPECT_EQ(textOf(store, "file:///a.py"), "a\nb\n");
  EXPECT_EQ(store.get("file:///a.py")->version, 1);
  EXPECT_FALSE(store.get("file:///a.py")->inSync);
  // Incremental edits stay refused until a whole text arrives.
  EXPECT_FALSE(store.change("file:///a.py", 3, {edit(0, 0, 0, 0, "x")}, ColumnUnit::Utf16).applied);
  ASSERT_TRUE(store.resync("file:///a.py", "fresh\n"));
  EXPECT_TRUE(store.get("file:///a.py")->inSync);
  EXPECT_TRUE(store.change("file:///a.py", 4, {edit(0, 0, 0, 0, "#")}, ColumnUnit::Utf16).applied);
  EXPECT_EQ(textOf(store, "file:///a.py"), "#fresh\n");
}

TEST(LspDocuments, TheLineJustPastTheEndAtColumnZeroIsTheEnd) {
  DocumentStore store;
  store.open("file:///a.py", 1, "a");
  ASSERT_TRUE(
      store.change("file:///a.py", 2, {edit(1, 0, 1, 0, "\nb")}, ColumnUnit::Utf16).applied);
  EXPECT_EQ(textOf(store, "file:///a.py"), "a\nb");
  // A column past a line's end means the line's end, as the specification says.
  ASSERT_TRUE(
      store.change("file:///a.py", 3, {edit(0, 99, 0, 99, "!")}, ColumnUnit::Utf16).applied);
  EXPECT_EQ(textOf(store, "file:///a.py"), "a!\nb");
}

TEST(LspDocuments, SnapshotsDoNotChangeUnderLaterEdits) {
  DocumentStore store;
  store.open("file:///a.py", 1, "one\n");
  DocumentSnapshot before = *store.get("file:///a.py");
  store.change("file:///a.py", 2, {edit(0, 0, 0, 3, "two")}, ColumnUnit::Utf16);
  EXPECT_EQ(before.text->text(), "one\n");
  EXPECT_EQ(textOf(store, "file:///a.py"), "two\n");
}

TEST(LspDocuments, TheAstFollowsIncrementalEdits) {
  DocumentStore store;
  store.open("file:///a.py", 1, "def f(): pass\n");
  auto first = store.ast("file:///a.py");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->ast.module->body.size(), 1u);
  store.change("file:///a.py", 2, {edit(1, 0, 1, 0, "class C: pass\n")}, ColumnUnit::Utf16);
  auto second = store.ast("file:///a.py");
  EXPECT_EQ(second->version, 2);
  EXPECT_EQ(second->ast.module->body.size(), 2u);
  EXPECT_EQ(first->ast.module->body.size(), 1u); // the old one is untouched
}

TEST(LspDocuments, BuffersThatAreNotFilesKeepTheirUri) {
  DocumentStore store;
  auto snapshot = store.open("untitled:Untitled-1", 1, "x = 1\n");
  EXPECT_FALSE(snapshot.isFile);
  EXPECT_EQ(snapshot.path, "untitled:Untitled-1");
}
