// EnvironmentTests: choosing the interpreter, asking it (including broken and hanging ones),
// requires-python, and the effective target version and platform.
#include "checker/resolve/Environment.h"

#include <chrono>
#include <gtest/gtest.h>

#include "ResolverTestTree.h"
#include "checker/resolve/RequiresPython.h"

using namespace shrike::checker;
using shrike::testing::ResolverTestTree;

namespace {

// A stand-in interpreter that prints a canned answer.
constexpr const char* kFakeAnswer = "echo 'version 3 9'\n"
                                    "echo 'platform darwin'\n"
                                    "echo 'stdlib /opt/py/lib/python3.9'\n"
                                    "echo 'site /opt/py/lib/python3.9/site-packages'\n"
                                    "echo 'site /home/me/extra'\n"
                                    "echo 'builtin _sre'\n"
                                    "echo 'builtin _abc'";

} // namespace

TEST(Environment, ConfiguredInterpreterOrEnvironmentFolderComesFirst) {
  ResolverTestTree tree;
  std::string python = tree.script("bin/mypython", "true");
  std::string venvPython = tree.script("venv/bin/python3", "true");
  tree.script("proj/.venv/bin/python", "true");
  Settings settings;
  settings.projectRoot = tree.path("proj");
  settings.python = python;
  EXPECT_EQ(chooseInterpreter(settings, tree.path("venv"), "/usr/bin").path, python);
  settings.python = "../venv"; // a folder, relative to the project
  InterpreterChoice choice = chooseInterpreter(settings, std::nullopt, "/usr/bin");
  EXPECT_EQ(choice.path, venvPython);
  EXPECT_EQ(choice.source, "configured");
}

TEST(Environment, BrokenConfigurationIsAProblemNotAFallback) {
  ResolverTestTree tree;
  tree.script("proj/.venv/bin/python3", "true");
  tree.folder("empty-env");
  Settings settings;
  settings.projectRoot = tree.path("proj");
  settings.python = tree.path("missing/python");
  InterpreterChoice missing = chooseInterpreter(settings, std::nullopt, "/usr/bin");
  EXPECT_TRUE(missing.path.empty());
  EXPECT_NE(missing.problem.find("does not exist"), std::string::npos) << missing.problem;
  settings.python = tree.path("empty-env");
  EXPECT_NE(
      chooseInterpreter(settings, std::nullopt, "/usr/bin").problem.find("has no interpreter"),
      std::string::npos);
}

TEST(Environment, VirtualEnvThenDotVenvThenPath) {
  ResolverTestTree tree;
  std::string active = tree.script("active/bin/python", "true");
  std::string local = tree.script("proj/.venv/bin/python3", "true");
  std::string onPath = tree.script("path2/python3", "true");
  tree.folder("path1");
  Settings settings;
  settings.projectRoot = tree.path("proj");
  std::string path = tree.path("path1") + ":" + tree.path("path2");
  EXPECT_EQ(chooseInterpreter(settings, tree.path("active"), path).source, "VIRTUAL_ENV");
  EXPECT_EQ(chooseInterpreter(settings, tree.path("active"), path).path, active);
  EXPECT_EQ(chooseInterpreter(settings, std::nullopt, path).path, local);
  EXPECT_EQ(chooseInterpreter(settings, tree.path("no-such-env"), path).path, local);
  settings.projectRoot = tree.path("other");
  EXPECT_EQ(chooseInterpreter(settings, std::nullopt, path).path, onPath);
  InterpreterChoice none = chooseInterpreter(settings, std::nullopt, tree.path("path1"));
  EXPECT_TRUE(none.path.empty());
  EXPECT_FALSE(none.problem.empty());
}

TEST(Environment, ParsesTheInterpretersAnswer) {
  ResolverTestTree tree;
  Environment environment = queryInterpreter(tree.script("python", kFakeAnswer));
  EXPECT_TRUE(environment.warning.empty()) << environment.warning;
  ASSERT_TRUE(environment.version);
  EXPECT_EQ(*environment.version, (PythonVersion{3, 9}));
  EXPECT_EQ(environment.platform, "darwin");
  EXPECT_EQ(environment.stdlibPaths, std::vector<std::string>{"/opt/py/lib/python3.9"});
  EXPECT_EQ(environment.sitePackages,
            (std::vector<std::string>{"/opt/py/lib/python3.9/site-packages", "/home/me/extra"}));
  EXPECT_EQ(environment.builtinModules, (std::vector<std::string>{"_abc", "_sre"}));
}

TEST(Environment, BrokenInterpretersGiveAWarningAndNoPaths) {
  ResolverTestTree tree;
  Environment failing = queryInterpreter(tree.script("failing", "echo 'version 3 12'; exit 3"));
  EXPECT_NE(failing.warning.find("exit status 3"), std::string::npos) << failing.warning;
  EXPECT_TRUE(failing.sitePackages.empty());
  Environment garbage = queryInterpreter(tree.script("garbage", "echo hello"));
  EXPECT_NE(garbage.warning.find("not understood"), std::string::npos) << garbage.warning;
  Environment missing = queryInterpreter(tree.path("nothing"));
  EXPECT_NE(missing.warning.find("could not be run"), std::string::npos) << missing.warning;
}

TEST(Environment, AHangingInterpreterIsKilledAtTheDeadline) {
  ResolverTestTree tree;
  auto start = std::chrono::steady_clock::now();
  Environment hung =
      queryInterpreter(tree.script("hangs", "exec sleep 30"), std::chrono::milliseconds(200));
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_NE(hung.warning.find("did not answer"), std::string::npos) << hung.warning;
  EXPECT_LT(took, std::chrono::seconds(10));
}

TEST(Environment, TheRealPython3AnswersWhenInstalled) {
  if (access("/usr/bin/python3", X_OK) != 0) GTEST_SKIP() << "no /usr/bin/python3";
  Environment environment = queryInterpreter("/usr/bin/python3");
  ASSERT_TRUE(environment.warning.empty()) << environment.warning;
  ASSERT_TRUE(environment.version);
  EXPECT_EQ(environment.version->major, 3u);
  EXPECT_FALSE(environment.platform.empty());
  EXPECT_FALSE(environment.stdlibPaths.empty());
}

TEST(Environment, RequiresPythonLowerBounds) {
  EXPECT_EQ(requiresPythonLowerBound(">=3.10"), (PythonVersion{3, 10}));
  EXPECT_EQ(requiresPythonLowerBound(">= 3.9, <4"), (PythonVersion{3, 9}));
  EXPECT_EQ(requiresPythonLowerBound("<4,>=3.8.1"), (PythonVersion{3, 8}));
  EXPECT_EQ(requiresPythonLowerBound("~=3.11"), (PythonVersion{3, 11}));
  EXPECT_EQ(requiresPythonLowerBound("==3.12.*"), (PythonVersion{3, 12}));
  EXPECT_EQ(requiresPythonLowerBound(">3.7,>=3.9"), (PythonVersion{3, 9}));
  EXPECT_EQ(requiresPythonLowerBound(">=3"), (PythonVersion{3, 0}));
  EXPECT_EQ(requiresPythonLowerBound("<3.13"), std::nullopt);
  EXPECT_EQ(requiresPythonLowerBound("banana"), std::nullopt);
  EXPECT_EQ(requiresPythonLowerBound(">=x.y"), std::nullopt);
}

TEST(Environment, TargetVersionAndPlatformPrecedence) {
  ResolverTestTree tree;
  Settings settings;
  settings.projectRoot = tree.path("proj");
  Environment interpreter;
  interpreter.version = PythonVersion{3, 11};
  interpreter.platform = "darwin";

  EXPECT_EQ(effectiveTarget(settings, Environment{}).version, (PythonVersion{3, 13}));
  EXPECT_EQ(effectiveTarget(settings, Environment{}).platform, "linux");
  EXPECT_EQ(effectiveTarget(settings, interpreter).version, (PythonVersion{3, 11}));
  EXPECT_EQ(effectiveTarget(settings, interpreter).platform, "darwin");

  tree.file("proj/pyproject.toml", "[project]\nname = \"x\"\nrequires-python = \">=3.9\"\n");
  EXPECT_EQ(effectiveTarget(settings, interpreter).version, (PythonVersion{3, 9}));

  settings.pythonVersion = PythonVersion{3, 12};
  settings.pythonPlatform = "win32";
  EXPECT_EQ(effectiveTarget(settings, interpreter).version, (PythonVersion{3, 12}));
  EXPECT_EQ(effectiveTarget(settings, interpreter).platform, "win32");
}

TEST(Environment, MalformedPyprojectIsIgnored) {
  ResolverTestTree tree;
  tree.file("proj/pyproject.toml", "[project\nrequires-python = ");
  EXPECT_EQ(readRequiresPython(tree.path("proj/pyproject.toml")), std::nullopt);
  EXPECT_EQ(readRequiresPython(tree.path("proj/missing.toml")), std::nullopt);
  Settings settings;
  settings.projectRoot = tree.path("proj");
  EXPECT_EQ(effectiveTarget(settings, Environment{}).version, (PythonVersion{3, 13}));
}
