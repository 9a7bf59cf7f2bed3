// BaselineTests: a baseline written from a report hides exactly that report again, matched
// by file, rule and message with counts — not by line.
#include "cli/Baseline.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace shrike;
using namespace shrike::cli;

namespace {

ReportDiagnostic diagnostic(std::string path, checker::Rule rule, std::string message,
                            uint32_t line) {
  ReportDiagnostic d;
  d.path = path;
  d.absolutePath = "/proj/" + path;
  d.rule = rule;
  d.severity = checker::Severity::Error;
  d.message = std::move(message);
  d.start = {line, 1};
  d.end = {line, 2};
  return d;
}

class BaselineTest : public ::testing::Test {
protected:
  void SetUp() override {
    folder =
        std::filesystem::temp_directory_path() / ("shrike-baseline-" + std::to_string(::getpid()));
    std::filesystem::create_directories(folder);
  }
  void TearDown() override { std::filesystem::remove_all(folder); }
  std::string path(const char* name) const { return (folder / name).string(); }
  std::filesystem::path folder;
};

TEST_F(BaselineTest, RoundTripHidesEverythingEvenAfterLinesMove) {
  Report before;
  before.diagnostics = {
      diagnostic("a.py", checker::Rule::UnresolvedImport, "Cannot resolve `x`", 3),
      diagnostic("a.py", checker::Rule::UnresolvedImport, "Cannot resolve `x`", 9),
      diagnostic("b.py", checker::Rule::InvalidAssignment, "bad", 1)};
  // Absolute paths below the baseline's folder are stored relative to it.
  for (ReportDiagnostic& d : before.diagnostics) d.absolutePath = (folder / d.path).string();
  std::string error;
  ASSERT_TRUE(Baseline::write(path("baseline.json"), before, error)) << error;
  auto baseline = Baseline::load(path("baseline.json"), error);
  ASSERT_TRUE(baseline) << error;
  EXPECT_EQ(baseline->size(), 3u);

  Report after = before;
  for (ReportDiagnostic& d : after.diagnostics) d.start.line += 10; // the code moved
  // A third identical diagnostic in a.py is new: counts matter.
  after.diagnostics.push_back(
      diagnostic("a.py", checker::Rule::UnresolvedImport, "Cannot resolve `x`", 30));
  after.diagnostics.back().absolutePath = (folder / "a.py").string();
  baseline->apply(after);
  EXPECT_EQ(after.hiddenByBaseline, 3u);
  ASSERT_EQ(after.diagnostics.size(), 1u);
  EXPECT_EQ(after.diagnostics[0].start.line, 30u);
}

TEST_F(BaselineTest, ADifferentMessageOrRuleIsNew) {
  Report before;
  before.diagnostics = {diagnostic("a.py", checker::Rule::UnresolvedImport, "one", 1)};
  before.diagnostics[0].absolutePath = (folder / "a.py").string();
  std::string error;
  ASSERT_TRUE(Baseline::write(path("b.json"), before, error));
  Report after;
  after.diagnostics = {diagnostic("a.py", checker::Rule::UnresolvedImport, "two", 1),
                       diagnostic("a.py", checker::Rule::InvalidSyntax, "one", 1),
                       diagnostic("c.py", checker::Rule::UnresolvedImport, "one", 1)};
  after.diagnostics[0].absolutePath = (folder / "a.py").string();
  after.diagnostics[1].absolutePath = (folder / "a.py").string();
  after.diagnostics[2].absolutePath = (folder / "c.py").string();
  Baseline::load(path("b.json"), error)->apply(after);
  EXPECT_EQ(after.hiddenByBaseline, 0u);
  EXPECT_EQ(after.diagnostics.size(), 3u);
}

TEST_F(BaselineTest, BrokenFilesAreErrors) {
  std::string error;
  EXPECT_FALSE(Baseline::load(path("missing.json"), error));
  EXPECT_EQ(error, "cannot read the baseline file");
  for (const char* text :
       {"not json", "[]", "{\"version\": 2, \"diagnostics\": []}", "{\"version\": \"1\"}",
        "{\"version\": 1, \"diagnostics\": [{\"file\": 1}]}"}) {
    std::ofstream(path("bad.json")) << text;
    error.clear();
    EXPECT_FALSE(Baseline::load(path("bad.json"), error)) << text;
    EXPECT_FALSE(error.empty()) << text;
  }
}

} // namespace
