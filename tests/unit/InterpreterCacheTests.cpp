// InterpreterCacheTests: the interpreter's answer is reused across runs until the
// interpreter, a site folder or a variable that shapes sys.path changes.
#include "checker/resolve/InterpreterCache.h"

#include <cstdlib>
#include <fstream>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/time.h>

#include "ResolverTestTree.h"
#include "checker/resolve/Environment.h"

using namespace shrike::checker;
using shrike::testing::ResolverTestTree;

namespace {

// An interpreter that counts its runs in a file beside it and answers with one site folder.
std::string countingInterpreter(const ResolverTestTree& tree) {
  std::string counter = tree.path("runs");
  std::string site = tree.folder("site");
  return tree.script("bin/python", "echo run >> '" + counter + "'\n" + "echo 'version 3 11'\n" +
                                       "echo 'platform linux'\n" + "echo 'site " + site + "'");
}

int runs(const ResolverTestTree& tree) {
  std::ifstream in(tree.path("runs"));
  int count = 0;
  std::string line;
  while (std::getline(in, line)) ++count;
  return count;
}

// Moves a path's modification time, as an edit a second later would.
void touchLater(const std::string& path, int seconds) {
  struct stat info {};
  ASSERT_EQ(::stat(path.c_str(), &info), 0);
  struct timeval times[2] = {{info.st_atim.tv_sec, 0}, {info.st_mtim.tv_sec + seconds, 0}};
  ASSERT_EQ(::utimes(path.c_str(), times), 0);
}

} // namespace

TEST(InterpreterCache, ASecondRunReusesTheAnswer) {
  ResolverTestTree tree;
  std::string python = countingInterpreter(tree);
  InterpreterCache cache(tree.path("cache"));
  Environment first = queryInterpreterCached(python, cache);
  Environment second = queryInterpreterCached(python, cache);
  EXPECT_EQ(runs(tree), 1);
  ASSERT_TRUE(second.version);
  EXPECT_EQ(*second.version, (PythonVersion{3, 11}));
  EXPECT_EQ(second.sitePackages, first.sitePackages);
  EXPECT_EQ(second.interpreter, python);
  EXPECT_TRUE(second.warning.empty());
}

TEST(InterpreterCache, AChangedInterpreterOrSiteFolderAsksAgain) {
  ResolverTestTree tree;
  std::string python = countingInterpreter(tree);
  InterpreterCache cache(tree.path("cache"));
  queryInterpreterCached(python, cache);
  touchLater(python, 5); // the interpreter was replaced
  queryInterpreterCached(python, cache);
  EXPECT_EQ(runs(tree), 2);
  tree.file("site/added.pth", "/somewhere\n"); // a package was installed
  touchLater(tree.path("site"), 10);
  queryInterpreterCached(python, cache);
  EXPECT_EQ(runs(tree), 3);
  queryInterpreterCached(python, cache);
  EXPECT_EQ(runs(tree), 3);
}

TEST(InterpreterCache, AChangedPythonPathAsksAgain) {
  ResolverTestTree tree;
  std::string python = countingInterpreter(tree);
  InterpreterCache cache(tree.path("cache"));
  const char* saved = std::getenv("PYTHONPATH");
  std::string previous = saved ? saved : "";
  ::setenv("PYTHONPATH", "/first", 1);
  queryInterpreterCached(python, cache);
  ::setenv("PYTHONPATH", "/second", 1);
  queryInterpreterCached(python, cache);
  if (saved)
    ::setenv("PYTHONPATH", previous.c_str(), 1);
  else
    ::unsetenv("PYTHONPATH");
  EXPECT_EQ(runs(tree), 2);
}

TEST(InterpreterCache, FailuresAndUnusableFoldersAreNotCached) {
  ResolverTestTree tree;
  std::string failing = tree.script("failing", "echo run >> '" + tree.path("runs") + "'; exit 3");
  InterpreterCache cache(tree.path("cache"));
  EXPECT_FALSE(queryInterpreterCached(failing, cache).warning.empty());
  EXPECT_FALSE(queryInterpreterCached(failing, cache).warning.empty());
  EXPECT_EQ(runs(tree), 2);
  // A cache folder that cannot be created only costs the time it would have saved.
  tree.file("blocked", "a file, not a folder");
  std::string python = countingInterpreter(tree);
  InterpreterCache blocked(tree.path("blocked/cache"));
  EXPECT_TRUE(queryInterpreterCached(python, blocked).warning.empty());
  EXPECT_TRUE(queryInterpreterCached(python, blocked).version.has_value());
  EXPECT_EQ(runs(tree), 4);
  // A damaged cache file is ignored and replaced.
  InterpreterCache good(tree.path("cache"));
  queryInterpreterCached(python, good);
  for (const auto& entry : std::filesystem::directory_iterator(tree.path("cache/interpreters")))
    std::ofstream(entry.path(), std::ios::trunc) << "garbage\n";
  EXPECT_TRUE(queryInterpreterCached(python, good).version.has_value());
  EXPECT_EQ(runs(tree), 6);
}
