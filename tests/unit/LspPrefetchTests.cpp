// LspPrefetchTests: the prefetch that loads a check's likely modules on another worker loads
// builtins and the file's imports to the depth asked, nothing once cancelled, and leaves the
// check's diagnostics as they are.
#include "lsp/Prefetch.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

using namespace shrike;

namespace {

// A project held in memory (no folder on disk, no interpreter asked): main imports a, which
// imports b, which imports c.
const std::string root = "/shrike-prefetch-test";

std::unique_ptr<checker::Program> makeProgram() {
  checker::Settings settings;
  settings.projectRoot = root;
  settings.threads = 1;
  auto resolver = std::make_shared<checker::ModuleResolver>(settings, checker::Environment{});
  auto program = std::make_unique<checker::Program>(settings, std::move(resolver));
  auto add = [&](const std::string& name, std::string text) {
    program->setOverlay(root + "/" + name,
                        std::make_shared<const parser::SourceText>(std::move(text)));
  };
  add("main.py", "from a import f\n\nf(1, 'two')\nundefined_name\n");
  add("a.py", "import b\n\ndef f(x: int, y: int) -> int:\n    return x + y\n");
  add("b.py", "import c\n");
  add("c.py", "x = 1\n");
  return program;
}

bool loaded(checker::Program& program, const std::string& name) {
  return program.graph().moduleForPath(root + "/" + name)->isLoaded();
}

} // namespace

TEST(LspPrefetch, LoadsBuiltinsItsImportsAndTheFilesImportsToTheDepthAsked) {
  auto program = makeProgram();
  lsp::prefetchImports(*program, {root + "/main.py"}, 2, {});
  EXPECT_TRUE(program->graph().builtins()->isLoaded());
  EXPECT_TRUE(program->graph().moduleByName("typing")->isLoaded()); // builtins imports it
  EXPECT_TRUE(loaded(*program, "main.py"));
  EXPECT_TRUE(loaded(*program, "a.py")); // one import step away
  EXPECT_TRUE(loaded(*program, "b.py")); // two
  EXPECT_FALSE(loaded(*program, "c.py"));
}

TEST(LspPrefetch, LoadsNothingOnceCancelled) {
  auto program = makeProgram();
  checker::CancellationSource done;
  done.cancel();
  lsp::prefetchImports(*program, {root + "/main.py"}, 2, done.token());
  EXPECT_FALSE(program->graph().builtins()->isLoaded());
  EXPECT_FALSE(loaded(*program, "main.py"));
}

TEST(LspPrefetch, TheCheckFindsWhatItFindsWithoutIt) {
  auto cold = makeProgram();
  checker::CheckedFile expected = cold->checkFile(root + "/main.py");
  auto warm = makeProgram();
  lsp::prefetchImports(*warm, {root + "/main.py"}, 2, {});
  checker::CheckedFile actual = warm->checkFile(root + "/main.py");
  auto describe = [](const checker::CheckedFile& file) {
    std::vector<std::string> out;
    for (const checker::Diagnostic& d : file.diagnostics)
      out.push_back(std::to_string(d.range.start) + " " +
                    std::string(checker::ruleInfo(d.rule).code) + " " + d.message);
    return out;
  };
  ASSERT_EQ(describe(expected).size(), 2u); // the str argument and the undefined name
  EXPECT_EQ(describe(actual), describe(expected));
}
