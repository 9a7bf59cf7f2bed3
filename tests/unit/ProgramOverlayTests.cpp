// ProgramOverlayTests: an editor buffer handed to the Program with its tree (as the server
// does) is checked exactly like the same text handed over alone, also after edits, when the
// Program lowers each version from the previous version's Ast (copying what the edits left).
#include "checker/Program.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "parser/lowering/ReusableStatements.h"

using namespace shrike;

namespace {

// An in-memory project (no folder on disk, no interpreter asked).
const std::string root = "/shrike-overlay-test";
const std::string path = root + "/main.py";

std::unique_ptr<checker::Program> makeProgram() {
  checker::Settings settings;
  settings.projectRoot = root;
  settings.threads = 1;
  auto resolver = std::make_shared<checker::ModuleResolver>(settings, checker::Environment{});
  return std::make_unique<checker::Program>(settings, std::move(resolver));
}

std::vector<std::string> describe(const checker::CheckedFile& file) {
  std::vector<std::string> out;
  for (const checker::Diagnostic& d : file.diagnostics)
    out.push_back(std::to_string(d.range.start) + ".." + std::to_string(d.range.end) + " " +
                  std::string(checker::ruleInfo(d.rule).code) + " " + d.message);
  return out;
}

// What a Program that is never given a tree reports for the text (one Program, so that the
// stubs load once).
std::vector<std::string> checkedAlone(const parser::SourceText& text) {
  static std::unique_ptr<checker::Program> program = makeProgram();
  program->clearOverlays();
  program->setOverlay(path, std::make_shared<const parser::SourceText>(text));
  return describe(program->checkFile(path));
}

void applyEdit(parser::ParsedText& parsed, const std::string& find, const std::string& with) {
  size_t at = parsed.text().text().find(find);
  ASSERT_NE(at, std::string_view::npos) << find;
  uint32_t start = static_cast<uint32_t>(at);
  parsed.applyEdit(parser::TextRange{start, start + static_cast<uint32_t>(find.size())}, with);
}

const char* const source = R"(def first(x: int) -> int:
    return x + 1


def second(name: str) -> str:
    return name.upper()


def third() -> None:
    first("one")  # an error from the start


class Holder:
    def value(self) -> int:
        return first(2)
)";

} // namespace

TEST(ProgramOverlay, ABufferWithItsTreeIsLoweredFromThePreviousVersionAndCheckedTheSame) {
  parser::ParsedText parsed{parser::SourceText(source)};
  auto program = makeProgram();
  auto hand = [&] {
    program->setOverlay(path, std::make_shared<const parser::SourceText>(parsed.text()),
                        parser::shareTree(parsed.tree()));
  };
  hand();
  std::vector<std::string> first = describe(program->checkFile(path));
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first, checkedAlone(parsed.text()));

  // An edit inside one function: the statements around it are copied, shifted.
  applyEdit(parsed, "return name.upper()", "return name.upper() + len(name)");
  hand();
  std::vector<std::string> second = describe(program->checkFile(path));
  EXPECT_EQ(second.size(), 2u);
  EXPECT_EQ(second, checkedAlone(parsed.text()));
  std::shared_ptr<checker::Module> module = program->module(path);
  ASSERT_TRUE(module && module->ast && module->ast->reusable);
  EXPECT_GT(module->ast->reusable->copied, 0u);

  // Two edits before the next check: lowered from the last version that was loaded.
  applyEdit(parsed, "first(\"one\")", "first(1)");
  hand();
  applyEdit(parsed, "return first(2)", "return first(\"two\")");
  hand();
  std::vector<std::string> third = describe(program->checkFile(path));
  EXPECT_EQ(third.size(), 2u);
  EXPECT_EQ(third, checkedAlone(parsed.text()));
  EXPECT_GT(program->module(path)->ast->reusable->copied, 0u);
}
