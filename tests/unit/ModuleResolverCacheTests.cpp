// ModuleResolverCacheTests: cached results and listings, and invalidation that drops exactly
// the results a created or deleted file can change.
#include "checker/resolve/ModuleResolver.h"

#include <atomic>
#include <gtest/gtest.h>
#include <thread>

#include "ResolverTestTree.h"

using namespace shrike::checker;
using shrike::testing::ResolverTestTree;

namespace {

class ModuleResolverCacheTest : public ::testing::Test {
protected:
  ModuleResolverCacheTest() {
    tree.file("typeshed/stdlib/VERSIONS", "os: 3.0-\n");
    tree.file("typeshed/stdlib/os/__init__.pyi");
    tree.folder("proj");
    tree.folder("site");
    settings.projectRoot = tree.path("proj");
    settings.typeshedPath = tree.path("typeshed");
    settings.pythonVersion = PythonVersion{3, 12};
    environment.sitePackages = {tree.path("site")};
    resolver = std::make_unique<ModuleResolver>(settings, environment);
  }

  ResolverTestTree tree;
  Settings settings;
  Environment environment;
  std::unique_ptr<ModuleResolver> resolver;
};

} // namespace

TEST_F(ModuleResolverCacheTest, RepeatedResolutionReadsNoFolderTwice) {
  for (int i = 0; i < 50; ++i) tree.file("proj/pkg/m" + std::to_string(i) + ".py");
  tree.file("proj/pkg/__init__.py");
  ASSERT_TRUE(resolver->resolve("pkg.m0"));
  uint64_t afterFirst = resolver->directoriesRead();
  for (int i = 1; i < 50; ++i) ASSERT_TRUE(resolver->resolve("pkg.m" + std::to_string(i)));
  EXPECT_EQ(resolver->directoriesRead(), afterFirst)
      << "sibling modules come from the cached listing";
  EXPECT_EQ(resolver->cachedResults(), 51u);
  resolver->resolve("pkg.m7");
  EXPECT_EQ(resolver->cachedResults(), 51u);
}

TEST_F(ModuleResolverCacheTest, CreatingAFileDropsOnlyTheResultsForItsName) {
  tree.file("proj/bar.py");
  EXPECT_FALSE(resolver->resolve("foo"));
  EXPECT_TRUE(resolver->resolve("bar"));
  EXPECT_TRUE(resolver->resolve("os"));
  ASSERT_EQ(resolver->cachedResults(), 3u);

  tree.file("proj/foo.py");
  EXPECT_FALSE(resolver->resolve("foo")) << "cached until told";
  resolver->fileCreated(tree.path("proj/foo.py"));
  EXPECT_EQ(resolver->cachedResults(), 2u) << "bar and os stay cached";
  EXPECT_EQ(resolver->resolve("foo").path, tree.path("proj/foo.py"));
}

TEST_F(ModuleResolverCacheTest, AStubAppearingNextToASourceTakesOver) {
  tree.file("proj/pkg/__init__.py");
  tree.file("proj/pkg/mod.py");
  tree.file("proj/pkg/other.py");
  EXPECT_EQ(resolver->resolve("pkg.mod").kind, ModuleKind::SourceFile);
  EXPECT_TRUE(resolver->resolve("pkg.other"));
  size_t before = resolver->cachedResults();
  resolver->fileCreated(tree.file("proj/pkg/mod.pyi"));
  EXPECT_EQ(resolver->cachedResults(), before - 1);
  EXPECT_EQ(resolver->resolve("pkg.mod").kind, ModuleKind::StubFile);
}

TEST_F(ModuleResolverCacheTest, DeletingAFolderDropsEverythingFoundInsideIt) {
  tree.file("proj/pkg/__init__.py");
  tree.file("proj/pkg/sub/__init__.py");
  tree.file("proj/pkg/sub/mod.py");
  tree.file("proj/pkg/keep.py");
  std::string importer = tree.file("proj/pkg/sub/user.py");
  ASSERT_TRUE(resolver->resolve("pkg.sub.mod"));
  ASSERT_TRUE(resolver->resolve("pkg.keep"));
  ASSERT_TRUE(resolver->resolveRelative(importer, 1, "mod"));
  tree.remove("proj/pkg/sub");
  resolver->fileDeleted(tree.path("proj/pkg/sub"));
  EXPECT_FALSE(resolver->resolve("pkg.sub"));
  EXPECT_FALSE(resolver->resolve("pkg.sub.mod"));
  EXPECT_FALSE(resolver->resolveRelative(importer, 1, "mod"));
  EXPECT_TRUE(resolver->resolve("pkg.keep"));
}

TEST_F(ModuleResolverCacheTest, AnInitAppearingTurnsANamespaceIntoARegularPackage) {
  tree.file("proj/ns/a.py");
  ASSERT_EQ(resolver->resolve("ns").kind, ModuleKind::NamespacePackage);
  ASSERT_TRUE(resolver->resolve("ns.a"));
  resolver->fileCreated(tree.file("proj/ns/__init__.py"));
  EXPECT_EQ(resolver->resolve("ns").kind, ModuleKind::SourceFile);
}

TEST_F(ModuleResolverCacheTest, AFolderCreatedWithContentsIsSeen) {
  EXPECT_FALSE(resolver->resolve("fresh.inner"));
  tree.file("proj/fresh/__init__.py");
  tree.file("proj/fresh/inner.py");
  resolver->fileCreated(tree.path("proj/fresh"));
  EXPECT_TRUE(resolver->resolve("fresh.inner"));
}

TEST_F(ModuleResolverCacheTest, StubPackageAppearingInSitePackagesTakesOver) {
  tree.file("site/lib/__init__.py");
  EXPECT_EQ(resolver->resolve("lib").kind, ModuleKind::SourceFile);
  tree.file("site/lib-stubs/__init__.pyi");
  resolver->fileCreated(tree.path("site/lib-stubs"));
  EXPECT_EQ(resolver->resolve("lib").path, tree.path("site/lib-stubs/__init__.pyi"));
}

TEST_F(ModuleResolverCacheTest, PyTypedBecomingPartialIsSeen) {
  tree.file("site/lib-stubs/__init__.pyi");
  tree.file("site/lib-stubs/py.typed", "\n");
  tree.file("site/lib/__init__.py");
  tree.file("site/lib/runtime_only.py");
  EXPECT_FALSE(resolver->resolve("lib.runtime_only"));
  tree.file("site/lib-stubs/py.typed", "partial\n");
  resolver->fileChanged(tree.path("site/lib-stubs/py.typed"));
  EXPECT_EQ(resolver->resolve("lib.runtime_only").path, tree.path("site/lib/runtime_only.py"));
}

TEST_F(ModuleResolverCacheTest, ManyThreadsResolveWhileFilesComeAndGo) {
  for (int i = 0; i < 20; ++i) tree.file("proj/pkg" + std::to_string(i) + "/mod.py");
  std::atomic<bool> wrong{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 50; ++round) {
        int i = (round + t) % 20;
        ResolvedModule module = resolver->resolve("pkg" + std::to_string(i) + ".mod");
        if (module.path != tree.path("proj/pkg" + std::to_string(i) + "/mod.py")) wrong = true;
      }
    });
  }
  threads.emplace_back([&] {
    for (int round = 0; round < 50; ++round) {
      std::string extra =
          "proj/pkg" + std::to_string(round % 20) + "/extra" + std::to_string(round) + ".py";
      resolver->fileCreated(tree.file(extra));
    }
  });
  for (std::thread& thread : threads) thread.join();
  EXPECT_FALSE(wrong);
  EXPECT_TRUE(resolver->resolve("pkg3.extra3"));
}

TEST_F(ModuleResolverCacheTest, InMemoryFilesResolveAsIfOnDisk) {
  std::string root = "/shrike-nowhere";
  settings.projectRoot = root;
  ModuleResolver memory(settings, environment);
  EXPECT_FALSE(memory.resolve("pkg.mod"));
  memory.addInMemoryFile(root + "/pkg/__init__.py");
  memory.addInMemoryFile(root + "/pkg/mod.py");
  memory.addInMemoryFile(root + "/pkg/mod.py"); // twice is once
  memory.addInMemoryFile(root + "/ns/leaf.pyi");
  EXPECT_EQ(memory.resolve("pkg.mod").path, root + "/pkg/mod.py");
  EXPECT_EQ(memory.resolve("ns").kind, ModuleKind::NamespacePackage);
  EXPECT_EQ(memory.resolve("ns.leaf").kind, ModuleKind::StubFile);
  EXPECT_EQ(memory.moduleNameOf(root + "/pkg/mod.py"), "pkg.mod");
  EXPECT_EQ(memory.resolveRelative(root + "/pkg/mod.py", 1, "").path, root + "/pkg/__init__.py");
  EXPECT_TRUE(memory.resolveRelative(root + "/pkg/mod.py", 2, "ns").beyondTopLevel);
  EXPECT_EQ(memory.submodules(memory.resolve("pkg")), std::vector<std::string>{"mod"});

  memory.removeInMemoryFile(root + "/pkg/mod.py");
  EXPECT_FALSE(memory.resolve("pkg.mod"));
  EXPECT_TRUE(memory.resolve("pkg"));
  memory.removeInMemoryFile(root + "/ns/leaf.pyi");
  EXPECT_FALSE(memory.resolve("ns")) << "the folder existed only for the file";
}

TEST_F(ModuleResolverCacheTest, AnInMemoryFileNextToDiskFilesDropsOnlyItsName) {
  tree.file("proj/pkg/__init__.py");
  tree.file("proj/pkg/a.py");
  ASSERT_TRUE(resolver->resolve("pkg.a"));
  ASSERT_FALSE(resolver->resolve("pkg.b"));
  size_t before = resolver->cachedResults();
  resolver->addInMemoryFile(tree.path("proj/pkg/b.py"));
  EXPECT_EQ(resolver->cachedResults(), before - 1);
  EXPECT_EQ(resolver->resolve("pkg.b").path, tree.path("proj/pkg/b.py"));
  EXPECT_EQ(resolver->submodules(resolver->resolve("pkg")), (std::vector<std::string>{"a", "b"}));
  // An in-memory copy of a file on disk changes nothing when it goes.
  resolver->addInMemoryFile(tree.path("proj/pkg/a.py"));
  before = resolver->cachedResults();
  resolver->removeInMemoryFile(tree.path("proj/pkg/a.py"));
  EXPECT_EQ(resolver->cachedResults(), before);
  EXPECT_TRUE(resolver->resolve("pkg.a"));
}

TEST_F(ModuleResolverCacheTest, FileChangedFindsOutWhetherTheFileCameOrWent) {
  EXPECT_FALSE(resolver->resolve("later"));
  EXPECT_TRUE(resolver->resolve("os"));
  tree.file("proj/later.py");
  resolver->fileChanged(tree.path("proj/later.py"));
  EXPECT_TRUE(resolver->resolve("later"));
  size_t before = resolver->cachedResults();
  tree.file("proj/later.py", "x = 1\n"); // contents only
  resolver->fileChanged(tree.path("proj/later.py"));
  EXPECT_EQ(resolver->cachedResults(), before);
  tree.remove("proj/later.py");
  resolver->fileChanged(tree.path("proj/later.py"));
  EXPECT_FALSE(resolver->resolve("later"));
}

TEST_F(ModuleResolverCacheTest, FileChangedIsSafeWhenTheFolderListingWasDropped) {
  resolver->addInMemoryFile(tree.path("proj/buffer.py"));
  EXPECT_FALSE(resolver->resolve("x"));
  resolver->removeInMemoryFile(tree.path("proj/buffer.py")); // drops the folder's listing
  tree.file("proj/x.py");
  resolver->fileChanged(tree.path("proj/x.py"));
  EXPECT_TRUE(resolver->resolve("x"));
}
