// AstSnapshotTests: an Ast loaded from a snapshot is the one parsing gives (every typeshed
// stdlib stub, the parser's case and error files), only for the very text it was made from,
// and a damaged snapshot is refused or ignored, never trusted or fatal.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "ParserCaseFiles.h"
#include "parser/AstDump.h"
#include "parser/AstLowering.h"
#include "parser/AstSnapshot.h"

using namespace shrike::parser;
using namespace shrike::parser::testing;
namespace fs = std::filesystem;

namespace {

// Everything describeAst compares, and the dump with line:column positions.
std::string everything(const SourceText& text, const Ast& ast) {
  DumpOptions options;
  options.positionsIn = &text;
  return describeAst(ast) + dumpAst(ast.module, options);
}

std::vector<fs::path> filesUnder(const fs::path& folder, const std::string& extension) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(folder))
    if (entry.is_regular_file() && entry.path().extension() == extension)
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  return files;
}

// Writes a snapshot of `texts`, loads each back, and reports every text whose Ast differs.
void expectRoundTrip(const std::vector<SourceText>& texts) {
  AstSnapshotWriter writer;
  std::vector<std::string> parsed;
  for (const SourceText& text : texts) {
    Ast ast = parseModule(text);
    parsed.push_back(everything(text, ast));
    ASSERT_TRUE(writer.add(text, ast));
  }
  std::string why;
  auto snapshot = AstSnapshot::fromBytes(writer.finish(), &why);
  ASSERT_NE(snapshot, nullptr) << why;
  for (size_t i = 0; i < texts.size(); ++i) {
    std::optional<Ast> loaded = snapshot->load(texts[i]);
    ASSERT_TRUE(loaded.has_value()) << texts[i].text().substr(0, 200);
    EXPECT_EQ(everything(texts[i], *loaded), parsed[i]) << texts[i].text().substr(0, 200);
  }
}

TEST(AstSnapshot, EveryTypeshedStdlibStubLoadsAsParsed) {
  fs::path folder = fs::path(SHRIKE_TYPESHED_DIR) / "stdlib";
  ASSERT_TRUE(fs::is_directory(folder)) << folder << " is missing: run scripts/setup";
  std::vector<SourceText> texts;
  for (const fs::path& stub : filesUnder(folder, ".pyi")) texts.emplace_back(readFile(stub));
  ASSERT_GT(texts.size(), 500u);
  expectRoundTrip(texts);
}

TEST(AstSnapshot, ParserCaseAndErrorFilesLoadAsParsed) {
  // Every node kind, syntax errors and their recovery, comments, odd encodings.
  std::vector<SourceText> texts;
  for (const char* folder : {"cases", "errors"})
    for (const fs::path& file : caseFiles(folder, ".py"))
      texts.push_back(SourceText::fromFileBytes(readFile(file)));
  ASSERT_GT(texts.size(), 20u);
  expectRoundTrip(texts);
}

TEST(AstSnapshot, OnlyTheSameTextIsFound) {
  AstSnapshotWriter writer;
  SourceText text("import os\nx: int = 1  # type: ignore\n");
  writer.add(text, parseModule(text));
  auto snapshot = AstSnapshot::fromBytes(writer.finish());
  ASSERT_NE(snapshot, nullptr);
  EXPECT_TRUE(snapshot->load(text).has_value());
  EXPECT_FALSE(snapshot->load(SourceText("import os\nx: int = 2  # type: ignore\n")));
  EXPECT_FALSE(snapshot->load(SourceText("import os\nx: int = 1  # type: ignore\n ")));
  EXPECT_FALSE(snapshot->load(SourceText("")));
  // The same text after decoding, but with a byte-order mark, which the lowering reads.
  SourceText marked =
      SourceText::fromFileBytes("\xEF\xBB\xBFimport os\nx: int = 1  # type: ignore\n");
  ASSERT_EQ(marked.text(), text.text());
  EXPECT_FALSE(snapshot->load(marked));
}

TEST(AstSnapshot, AnEmptyOrForeignFileIsRefused) {
  std::string why;
  EXPECT_EQ(AstSnapshot::fromBytes("", &why), nullptr);
  EXPECT_NE(why, "");
  EXPECT_EQ(AstSnapshot::fromBytes(std::string(200, 'x'), &why), nullptr);
  EXPECT_EQ(AstSnapshot::open("/nonexistent/shrike-stubs.snapshot", &why), nullptr);
  EXPECT_NE(why.find("/nonexistent/shrike-stubs.snapshot"), std::string::npos) << why;
}

// Each byte changed in turn, and each truncation: the snapshot is refused, or the text is not
// found, or the Ast is the parsed one (a byte no reader looks at, such as padding).
TEST(AstSnapshot, ADamagedSnapshotIsNeverTrusted) {
  SourceText text("def f(a, *, b: 'int' = 1) -> list[int]:  # c\n    return [a, b]\n"
                  "class C(B, metaclass=M):\n    x: f'{y!r:>3}' = b'z'\n");
  Ast parsed = parseModule(text);
  std::string expected = everything(text, parsed);
  AstSnapshotWriter writer;
  ASSERT_TRUE(writer.add(text, parsed));
  const std::string bytes = writer.finish();
  size_t loaded = 0, refused = 0;
  for (size_t i = 0; i <= bytes.size(); ++i) {
    for (int variant = 0; variant < 2; ++variant) {
      std::string damaged = variant == 0 ? bytes.substr(0, i) : bytes;
      if (variant == 1) {
        if (i == bytes.size()) continue;
        damaged[i] = static_cast<char>(damaged[i] ^ 0x5A);
      }
      auto snapshot = AstSnapshot::fromBytes(std::move(damaged));
      std::optional<Ast> ast = snapshot ? snapshot->load(text) : std::nullopt;
      if (!ast) {
        ++refused;
        continue;
      }
      ++loaded;
      EXPECT_EQ(everything(text, *ast), expected) << "byte " << i << " variant " << variant;
    }
  }
  EXPECT_GT(refused, bytes.size()); // every truncation and nearly every changed byte
  EXPECT_GE(loaded, 1u);            // the whole file
}

TEST(AstSnapshot, AFileIsMappedAndLoaded) {
  std::vector<SourceText> texts{SourceText("a = 1\n"), SourceText("from . import b as c\n")};
  AstSnapshotWriter writer;
  for (const SourceText& text : texts) writer.add(text, parseModule(text));
  writer.add(texts[0], parseModule(texts[0])); // a text twice is stored once
  EXPECT_EQ(writer.entryCount(), 2u);
  fs::path path = fs::temp_directory_path() /
                  ("shrike-snapshot-test-" +
                   std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + ".snapshot");
  writeFile(path, writer.finish());
  std::string why;
  auto snapshot = AstSnapshot::open(path.string(), &why);
  fs::remove(path);
  ASSERT_NE(snapshot, nullptr) << why;
  EXPECT_EQ(snapshot->entryCount(), 2u);
  for (const SourceText& text : texts) {
    std::optional<Ast> ast = snapshot->load(text);
    ASSERT_TRUE(ast.has_value());
    EXPECT_EQ(everything(text, *ast), everything(text, parseModule(text)));
  }
}

} // namespace
