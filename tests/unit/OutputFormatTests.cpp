// OutputFormatTests: every output format over one made-up report — errors, a warning, an
// info, a multi-line range, tabs and wide characters, notes in the same and another file —
// against golden files in tests/cli/golden (SHRIKE_UPDATE_GOLDEN=1 rewrites them), and the
// SARIF log against the required properties of the SARIF 2.1.0 schema.
#include "cli/OutputFormats.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

using namespace shrike;
using namespace shrike::cli;

namespace {

const char* goldenFolder = SHRIKE_SOURCE_DIR "/tests/cli/golden";

checker::CheckedFile file(std::string path, std::string text) {
  checker::CheckedFile out;
  out.path = std::move(path);
  out.text = std::make_shared<const parser::SourceText>(std::move(text));
  return out;
}

// The range of the `occurrence`-th `needle` in a checked file's text.
parser::TextRange find(const checker::CheckedFile& f, std::string_view needle, int occurrence = 0) {
  size_t at = f.text->text().find(needle);
  while (occurrence-- > 0) at = f.text->text().find(needle, at + 1);
  EXPECT_NE(at, std::string_view::npos) << needle;
  return {uint32_t(at), uint32_t(at + needle.size())};
}

Report sampleReport() {
  std::vector<checker::CheckedFile> checked;
  checked.push_back(file("/work/proj/src/app.py", "def greet(name: str) -> int:\n"
                                                  "\treturn \"héllo, \" + name\n"
                                                  "\n"
                                                  "total: int = compute(\n"
                                                  "    1,\n"
                                                  "    \"二\",\n"
                                                  ")\n"
                                                  "reveal_type(total)\n"));
  checked.push_back(
      file("/work/proj/src/lib.py", "def compute(a: int, b: int) -> int:\n    return a + b\n"));
  checked.push_back(file("/work/proj/src/clean.py", "x = 1\n"));
  checked.push_back(file("/work/proj/a b%.py", "import nowhere\n"));
  checker::CheckedFile& app = checked[0];
  app.diagnostics.push_back(
      {checker::Rule::InvalidReturnType,
       checker::Severity::Error,
       find(app, "\"héllo, \" + name"),
       "Return type `str` is not assignable to declared type `int`",
       {checker::DiagnosticNote{"Declared return type", "", find(app, "int", 0)}}});
  app.diagnostics.push_back(
      {checker::Rule::InvalidArgumentType,
       checker::Severity::Error,
       find(app, "\"二\""),
       "Argument of type `Literal[\"二\"]` is not assignable to parameter `b` of type `int`",
       {checker::DiagnosticNote{"Parameter declared here", "/work/proj/src/lib.py",
                                find(checked[1], "b: int")}}});
  app.diagnostics.push_back({checker::Rule::PossiblyUnbound,
                             checker::Severity::Warning,
                             find(app, "compute(\n    1,\n    \"二\",\n)"),
                             "A warning over a multi-line range",
                             {}});
  app.diagnostics.push_back({checker::Rule::RevealType,
                             checker::Severity::Information,
                             find(app, "total", 1),
                             "Revealed type: `int`",
                             {}});
  checked[3].diagnostics.push_back({checker::Rule::UnresolvedImport,
                                    checker::Severity::Error,
                                    find(checked[3], "nowhere"),
                                    "Cannot resolve module `nowhere`",
                                    {}});
  // An empty range at the end of a line still gets one caret.
  checked[1].diagnostics.push_back(
      {checker::Rule::InvalidSyntax,
       checker::Severity::Error,
       {find(checked[1], ":\n").end - 1, find(checked[1], ":\n").end - 1},
       "An empty range",
       {}});
  return buildReport(checked, "/work/proj");
}

std::string render(OutputFormat format) {
  std::ostringstream out;
  writeReport(format, sampleReport(), out, FormatContext{Style(false), "0.0.0-test", "/work/proj"});
  return out.str();
}

void expectGolden(const std::string& name, const std::string& actual) {
  std::string path = std::string(goldenFolder) + "/" + name;
  if (const char* update = std::getenv("SHRIKE_UPDATE_GOLDEN");
      update && std::string_view(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "missing golden file " << path << " (SHRIKE_UPDATE_GOLDEN=1 writes it)";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(actual, expected.str())
      << "differs from " << path << " (SHRIKE_UPDATE_GOLDEN=1 rewrites it)";
}

TEST(OutputFormats, Full) {
  expectGolden("report.full.txt", render(OutputFormat::Full));
}
TEST(OutputFormats, Concise) {
  expectGolden("report.concise.txt", render(OutputFormat::Concise));
}
TEST(OutputFormats, Json) {
  expectGolden("report.json", render(OutputFormat::Json));
}
TEST(OutputFormats, Github) {
  expectGolden("report.github.txt", render(OutputFormat::Github));
}
TEST(OutputFormats, Gitlab) {
  expectGolden("report.gitlab.json", render(OutputFormat::Gitlab));
}
TEST(OutputFormats, Sarif) {
  expectGolden("report.sarif", render(OutputFormat::Sarif));
}
TEST(OutputFormats, Junit) {
  expectGolden("report.junit.xml", render(OutputFormat::Junit));
}

TEST(OutputFormats, FullWithColourWrapsLabelsInAnsiCodes) {
  std::ostringstream out;
  writeReport(OutputFormat::Full, sampleReport(), out,
              FormatContext{Style(true), "0", "/work/proj"});
  EXPECT_NE(out.str().find("\x1b[1;31merror[invalid-return-type]\x1b[0m"), std::string::npos);
  EXPECT_NE(out.str().find("\x1b[1;33mwarning[possibly-unbound]\x1b[0m"), std::string::npos);
}

TEST(OutputFormats, ReportOrderIsByPathLineColumn) {
  Report report = sampleReport();
  std::vector<std::string> order;
  for (const ReportDiagnostic& d : report.diagnostics)
    order.push_back(d.path + ":" + std::to_string(d.start.line) + ":" +
                    std::to_string(d.start.column));
  EXPECT_EQ(order,
            (std::vector<std::string>{"a b%.py:1:8", "src/app.py:2:9", "src/app.py:4:14",
                                      "src/app.py:6:5", "src/app.py:8:13", "src/lib.py:1:36"}));
  EXPECT_EQ(report.files,
            (std::vector<std::string>{"a b%.py", "src/app.py", "src/clean.py", "src/lib.py"}));
}

TEST(OutputFormats, ColumnsCountCodePointsAndEndsAreExclusive) {
  Report report = sampleReport();
  // `"二"` on line 6: starts after four spaces, three code points long (nine bytes).
  const ReportDiagnostic& d = report.diagnostics[3];
  EXPECT_EQ(d.code(), "invalid-argument-type");
  EXPECT_EQ(d.start, (Position{6, 5}));
  EXPECT_EQ(d.end, (Position{6, 8}));
}

TEST(OutputFormats, AFileTheEngineFailedOnStillReportsItsInternalError) {
  std::vector<checker::CheckedFile> checked(2);
  checked[0].path = "/work/proj/crash.py"; // no text: the engine failed before reading it
  checked[0].diagnostics.push_back({checker::Rule::InternalError,
                                    checker::Severity::Error,
                                    {},
                                    "Shrike failed on this file: boom",
                                    {}});
  checked[1].path = "/work/proj/unreadable.py";
  checked[1].readError = "permission denied";
  Report report = buildReport(checked, "/work/proj");
  EXPECT_EQ(report.files, (std::vector<std::string>{"crash.py"}));
  ASSERT_EQ(report.diagnostics.size(), 1u);
  EXPECT_EQ(report.diagnostics[0].start, (Position{1, 1}));
  std::ostringstream out;
  writeReport(OutputFormat::Full, report, out, FormatContext{Style(false), "0", "/work/proj"});
  EXPECT_EQ(out.str(),
            "error[internal-error]: Shrike failed on this file: boom\n --> crash.py:1:1\n\n");
}

// The properties SARIF 2.1.0's schema marks required, plus the constraints on what we emit.
TEST(OutputFormats, SarifHasEveryRequiredProperty) {
  using Json = nlohmann::json;
  Json log = Json::parse(render(OutputFormat::Sarif));
  ASSERT_TRUE(log.is_object());
  EXPECT_EQ(log.at("version"), "2.1.0");
  ASSERT_TRUE(log.at("runs").is_array());
  ASSERT_EQ(log["runs"].size(), 1u);
  const Json& run = log["runs"][0];
  const Json& driver = run.at("tool").at("driver");
  EXPECT_TRUE(driver.at("name").is_string());
  const Json& rules = driver.at("rules");
  ASSERT_TRUE(rules.is_array());
  for (const Json& rule : rules) {
    EXPECT_TRUE(rule.at("id").is_string());
    EXPECT_TRUE(
        rule.at("shortDescription").at("text").is_string()); // multiformatMessageString needs text
    static const std::set<std::string> levels = {"none", "note", "warning", "error"};
    EXPECT_TRUE(levels.count(rule.at("defaultConfiguration").at("level").get<std::string>()));
  }
  EXPECT_TRUE(run.at("columnKind") == "unicodeCodePoints" ||
              run.at("columnKind") == "utf16CodeUnits");
  for (const auto& [name, base] : run.at("originalUriBaseIds").items())
    EXPECT_TRUE(base.at("uri").is_string());
  ASSERT_TRUE(run.at("results").is_array());
  EXPECT_EQ(run["results"].size(), 6u);
  auto checkRegion = [](const Json& region) {
    for (const char* key : {"startLine", "startColumn", "endLine", "endColumn"})
      EXPECT_GE(region.at(key).get<int>(), 1);
    EXPECT_LE(std::make_pair(region["startLine"].get<int>(), region["startColumn"].get<int>()),
              std::make_pair(region["endLine"].get<int>(), region["endColumn"].get<int>()));
  };
  for (const Json& result : run["results"]) {
    ASSERT_TRUE(result.at("message").contains("text")); // a message needs text or id
    EXPECT_TRUE(result["message"]["text"].is_string());
    size_t index = result.at("ruleIndex").get<size_t>();
    ASSERT_LT(index, rules.size());
    EXPECT_EQ(rules[index]["id"], result.at("ruleId"));
    static const std::set<std::string> levels = {"none", "note", "warning", "error"};
    EXPECT_TRUE(levels.count(result.at("level").get<std::string>()));
    ASSERT_EQ(result.at("locations").size(), 1u);
    const Json& physical = result["locations"][0].at("physicalLocation");
    const std::string uri = physical.at("artifactLocation").at("uri").get<std::string>();
    EXPECT_EQ(uri.find(' '), std::string::npos) << "a URI may not hold a space: " << uri;
    checkRegion(physical.at("region"));
    if (result.contains("relatedLocations"))
      for (const Json& related : result["relatedLocations"]) {
        EXPECT_GE(related.at("id").get<int>(), -1);
        EXPECT_TRUE(related.at("message").at("text").is_string());
        checkRegion(related.at("physicalLocation").at("region"));
      }
  }
}

TEST(OutputFormats, JsonIsValidAndOneBased) {
  nlohmann::json document = nlohmann::json::parse(render(OutputFormat::Json));
  EXPECT_EQ(document.at("version"), 1);
  for (const auto& d : document.at("diagnostics")) {
    EXPECT_GE(d.at("start").at("line").get<int>(), 1);
    EXPECT_GE(d.at("start").at("column").get<int>(), 1);
    EXPECT_GE(d.at("end").at("line").get<int>(), 1);
  }
  EXPECT_EQ(document.at("summary").at("errors"), 4);
  EXPECT_EQ(document.at("summary").at("warnings"), 1);
}

} // namespace
