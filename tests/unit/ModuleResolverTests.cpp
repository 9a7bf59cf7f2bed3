// ModuleResolverTests: the resolution order, file kinds, packages and namespace packages,
// relative imports and module names, over temporary trees with a small fake typeshed.
#include "checker/resolve/ModuleResolver.h"

#include <gtest/gtest.h>

#include "ResolverTestTree.h"

using namespace shrike::checker;
using shrike::testing::ResolverTestTree;

namespace {

class ModuleResolverTest : public ::testing::Test {
protected:
  ModuleResolverTest() {
    tree.file("typeshed/stdlib/VERSIONS", "# comment\n"
                                          "os: 3.0-\n"
                                          "random: 3.0-\n"
                                          "tomllib: 3.11-\n"
                                          "distutils: 3.0-3.11\n"
                                          "importlib: 3.0-\n"
                                          "importlib.resources.abc: 3.11-  # a submodule entry\n");
    tree.file("typeshed/stdlib/os/__init__.pyi");
    tree.file("typeshed/stdlib/os/path.pyi");
    tree.file("typeshed/stdlib/random.pyi");
    tree.file("typeshed/stdlib/tomllib.pyi");
    tree.file("typeshed/stdlib/distutils/__init__.pyi");
    tree.file("typeshed/stdlib/importlib/__init__.pyi");
    tree.file("typeshed/stdlib/importlib/resources/__init__.pyi");
    tree.file("typeshed/stdlib/importlib/resources/abc.pyi");
    tree.file("typeshed/stdlib/importlib/resources/readers.pyi");
    tree.folder("proj");
    settings.projectRoot = tree.path("proj");
    settings.typeshedPath = tree.path("typeshed");
    settings.pythonVersion = PythonVersion{3, 12};
    environment.sitePackages = {tree.path("site")};
  }

  ModuleResolver& resolver() {
    if (!resolver_) resolver_ = std::make_unique<ModuleResolver>(settings, environment);
    return *resolver_;
  }
  ResolvedModule resolve(std::string_view name) { return resolver().resolve(name); }

  ResolverTestTree tree;
  Settings settings;
  Environment environment;

private:
  std::unique_ptr<ModuleResolver> resolver_;
};

} // namespace

TEST_F(ModuleResolverTest, ModulesAndRegularPackagesInTheProject) {
  tree.file("proj/a.py");
  tree.file("proj/pkg/__init__.py");
  tree.file("proj/pkg/sub.py");
  ResolvedModule a = resolve("a");
  EXPECT_EQ(a.kind, ModuleKind::SourceFile);
  EXPECT_EQ(a.origin, ModuleOrigin::Project);
  EXPECT_EQ(a.path, tree.path("proj/a.py"));
  EXPECT_FALSE(a.isPackage);
  ResolvedModule pkg = resolve("pkg");
  EXPECT_EQ(pkg.kind, ModuleKind::SourceFile);
  EXPECT_TRUE(pkg.isPackage);
  EXPECT_EQ(pkg.path, tree.path("proj/pkg/__init__.py"));
  EXPECT_EQ(resolve("pkg.sub").path, tree.path("proj/pkg/sub.py"));
  EXPECT_EQ(resolve("pkg.sub").name, "pkg.sub");
  EXPECT_FALSE(resolve("pkg.missing"));
  EXPECT_FALSE(resolve("a.b")) << "a module has no submodules";
  EXPECT_FALSE(resolve("nothing_here"));
  EXPECT_FALSE(resolve("bad..name"));
  EXPECT_FALSE(resolve(""));
}

TEST_F(ModuleResolverTest, StubBeatsSourceInTheSameFolder) {
  tree.file("proj/a.py");
  tree.file("proj/a.pyi");
  tree.file("proj/pkg/__init__.py");
  tree.file("proj/pkg/__init__.pyi");
  EXPECT_EQ(resolve("a").kind, ModuleKind::StubFile);
  EXPECT_EQ(resolve("a").path, tree.path("proj/a.pyi"));
  EXPECT_EQ(resolve("pkg").path, tree.path("proj/pkg/__init__.pyi"));
}

TEST_F(ModuleResolverTest, PackageBeatsModuleWhichBeatsNamespaceFolder) {
  tree.file("proj/both/__init__.py");
  tree.file("proj/both.py");
  tree.file("proj/mixed/data.txt");
  tree.file("proj/mixed.py");
  EXPECT_EQ(resolve("both").path, tree.path("proj/both/__init__.py"));
  EXPECT_EQ(resolve("mixed").path, tree.path("proj/mixed.py"));
  EXPECT_EQ(resolve("mixed").kind, ModuleKind::SourceFile);
}

TEST_F(ModuleResolverTest, StubPathComesBeforeTheProject) {
  tree.file("stubs/a.pyi");
  tree.file("proj/a.py");
  settings.stubPath = "../stubs"; // relative to the project root
  ResolvedModule a = resolve("a");
  EXPECT_EQ(a.origin, ModuleOrigin::StubPath);
  EXPECT_EQ(a.path, tree.path("stubs/a.pyi"));
}

TEST_F(ModuleResolverTest, StandardLibraryComesBeforeTheProject) {
  // As in pyright and mypy: a project's random.py does not replace typeshed's random.pyi.
  tree.file("proj/random.py");
  tree.file("proj/mine.py");
  ResolvedModule random = resolve("random");
  EXPECT_EQ(random.origin, ModuleOrigin::TypeshedStdlib);
  EXPECT_EQ(random.path, tree.path("typeshed/stdlib/random.pyi"));
  EXPECT_EQ(resolve("mine").origin, ModuleOrigin::Project);
  ResolvedModule os = resolve("os");
  EXPECT_EQ(os.origin, ModuleOrigin::TypeshedStdlib);
  EXPECT_EQ(os.kind, ModuleKind::StubFile);
  EXPECT_EQ(resolve("os.path").path, tree.path("typeshed/stdlib/os/path.pyi"));
}

TEST_F(ModuleResolverTest, StubPathComesBeforeTheStandardLibrary) {
  tree.file("stubs/random.pyi");
  settings.stubPath = "../stubs";
  ResolvedModule random = resolve("random");
  EXPECT_EQ(random.origin, ModuleOrigin::StubPath);
  EXPECT_EQ(random.path, tree.path("stubs/random.pyi"));
}

TEST_F(ModuleResolverTest, SrcLayoutAndExtraPathsInOrder) {
  tree.file("proj/src/app/__init__.py");
  tree.file("proj/src/shared.py");
  tree.file("proj/shared.py");
  tree.file("proj/libs/vendored.py");
  tree.file("elsewhere/tool.py");
  settings.extraSearchPaths = {"libs", tree.path("elsewhere")};
  EXPECT_EQ(resolve("app").path, tree.path("proj/src/app/__init__.py"));
  EXPECT_EQ(resolve("shared").path, tree.path("proj/shared.py"))
      << "the project folder comes before src/";
  EXPECT_EQ(resolve("vendored").path, tree.path("proj/libs/vendored.py"));
  EXPECT_EQ(resolve("tool").path, tree.path("elsewhere/tool.py"));
}

TEST_F(ModuleResolverTest, VersionsGatesModulesAndSubmodules) {
  settings.pythonVersion = PythonVersion{3, 10};
  ResolvedModule tomllib = resolve("tomllib");
  EXPECT_FALSE(tomllib);
  EXPECT_EQ(tomllib.versionNote, "added in Python 3.11");
  EXPECT_TRUE(resolve("distutils"));
  EXPECT_TRUE(resolve("importlib.resources.readers"));
  ResolvedModule abc = resolve("importlib.resources.abc");
  EXPECT_FALSE(abc) << "the submodule entry overrides importlib: 3.0-";
  EXPECT_EQ(abc.versionNote, "added in Python 3.11");
  EXPECT_EQ(resolver().submodules(resolve("importlib.resources")),
            std::vector<std::string>{"readers"});
}

TEST_F(ModuleResolverTest, VersionsGatingForRemovedModules) {
  settings.pythonVersion = PythonVersion{3, 12};
  tree.file("site/unrelated.py");
  ResolvedModule distutils = resolve("distutils");
  EXPECT_FALSE(distutils);
  EXPECT_EQ(distutils.versionNote, "removed in Python 3.12");
  EXPECT_EQ(resolve("distutils.core").versionNote, "removed in Python 3.12")
      << "the parent's note carries over";
  EXPECT_TRUE(resolve("tomllib"));
  EXPECT_TRUE(resolve("importlib.resources.abc"));
  EXPECT_EQ(resolver().submodules(resolve("importlib.resources")),
            (std::vector<std::string>{"abc", "readers"}));
}

TEST_F(ModuleResolverTest, InterpreterStdlibOnlyForModulesTypeshedDoesNotKnow) {
  settings.pythonVersion = PythonVersion{3, 10};
  tree.file("pystd/tomllib/__init__.py");
  tree.file("pystd/idlelib/__init__.py");
  environment.stdlibPaths = {tree.path("pystd")};
  EXPECT_FALSE(resolve("tomllib")) << "typeshed says 3.11+: the interpreter's copy does not count";
  EXPECT_EQ(resolve("idlelib").path, tree.path("pystd/idlelib/__init__.py"));
}

TEST_F(ModuleResolverTest, StubPackageComesBeforeTheRuntimePackage) {
  tree.file("site/foo-stubs/__init__.pyi");
  tree.file("site/foo-stubs/core.pyi");
  tree.file("site/foo/__init__.py");
  tree.file("site/foo/py.typed");
  tree.file("site/foo/core.py");
  tree.file("site/foo/extra.py");
  ResolvedModule foo = resolve("foo");
  EXPECT_EQ(foo.kind, ModuleKind::StubFile);
  EXPECT_EQ(foo.origin, ModuleOrigin::SitePackages);
  EXPECT_EQ(foo.path, tree.path("site/foo-stubs/__init__.pyi"));
  EXPECT_EQ(resolve("foo.core").path, tree.path("site/foo-stubs/core.pyi"));
  EXPECT_FALSE(resolve("foo.extra")) << "a stub package that is not partial is complete";
  EXPECT_EQ(resolver().moduleNameOf(tree.path("site/foo-stubs/core.pyi")), "foo.core");
}

TEST_F(ModuleResolverTest, PartialStubPackageMergesWithTheRuntimePackage) {
  tree.file("site/foo-stubs/py.typed", "partial\n");
  tree.file("site/foo-stubs/__init__.pyi");
  tree.file("site/foo-stubs/a.pyi");
  tree.file("site/foo-stubs/sub/__init__.pyi");
  tree.file("site/foo/__init__.py");
  tree.file("site/foo/a.py");
  tree.file("site/foo/b.py");
  tree.file("site/foo/sub/__init__.py");
  tree.file("site/foo/sub/only_runtime.py");
  EXPECT_EQ(resolve("foo").path, tree.path("site/foo-stubs/__init__.pyi"));
  EXPECT_EQ(resolve("foo.a").path, tree.path("site/foo-stubs/a.pyi"));
  EXPECT_EQ(resolve("foo.b").path, tree.path("site/foo/b.py"));
  EXPECT_EQ(resolve("foo.sub").path, tree.path("site/foo-stubs/sub/__init__.pyi"));
  EXPECT_EQ(resolve("foo.sub.only_runtime").path, tree.path("site/foo/sub/only_runtime.py"));
  EXPECT_EQ(resolver().submodules(resolve("foo")), (std::vector<std::string>{"a", "b", "sub"}));
}

TEST_F(ModuleResolverTest, PartialStubPackageWithoutInitUsesTheRuntimeInit) {
  tree.file("site/bar-stubs/py.typed", "partial\n");
  tree.file("site/bar-stubs/typed.pyi");
  tree.file("site/bar/__init__.py");
  tree.file("site/bar/typed.py");
  tree.file("site/bar/other.py");
  EXPECT_EQ(resolve("bar").path, tree.path("site/bar/__init__.py"));
  EXPECT_EQ(resolve("bar.typed").path, tree.path("site/bar-stubs/typed.pyi"));
  EXPECT_EQ(resolve("bar.other").path, tree.path("site/bar/other.py"));
}

TEST_F(ModuleResolverTest, PyTypedPackageThenTypeshedThirdPartyThenUntypedPackage) {
  tree.file("typeshed/stubs/types-typed/typed/__init__.pyi");
  tree.file("site/typed/__init__.py");
  tree.file("site/typed/py.typed");
  tree.file("typeshed/stubs/untyped-dist/untyped/__init__.pyi");
  tree.file("typeshed/stubs/untyped-dist/untyped/api.pyi");
  tree.file("site/untyped/__init__.py");
  tree.file("site/untyped/api.py");
  tree.file("site/untyped/internal.py");
  tree.file("site/plain/__init__.py");
  ResolvedModule typed = resolve("typed");
  EXPECT_EQ(typed.origin, ModuleOrigin::SitePackages);
  EXPECT_EQ(typed.path, tree.path("site/typed/__init__.py"));
  ResolvedModule untyped = resolve("untyped");
  EXPECT_EQ(untyped.origin, ModuleOrigin::TypeshedThirdParty);
  EXPECT_EQ(untyped.path, tree.path("typeshed/stubs/untyped-dist/untyped/__init__.pyi"));
  EXPECT_EQ(resolve("untyped.api").origin, ModuleOrigin::TypeshedThirdParty);
  // Typeshed's stubs may be partial: what they lack comes from the installed package.
  EXPECT_EQ(resolve("untyped.internal").path, tree.path("site/untyped/internal.py"));
  EXPECT_EQ(resolve("plain").origin, ModuleOrigin::SitePackages);
  EXPECT_EQ(resolver().moduleNameOf(tree.path("typeshed/stubs/untyped-dist/untyped/api.pyi")),
            "untyped.api");
}

TEST_F(ModuleResolverTest, TypeshedThirdPartyWithoutAnInstalledPackage) {
  tree.file("typeshed/stubs/six/six/__init__.pyi");
  tree.file("typeshed/stubs/six/six/moves/__init__.pyi");
  tree.file("typeshed/stubs/single/single_module.pyi");
  tree.file("typeshed/stubs/single/@tests/stubtest_allowlist.txt");
  EXPECT_EQ(resolve("six.moves").origin, ModuleOrigin::TypeshedThirdParty);
  EXPECT_EQ(resolve("single_module").path, tree.path("typeshed/stubs/single/single_module.pyi"));
}

TEST_F(ModuleResolverTest, NamespacePackagePortionsMergeAcrossRoots) {
  tree.file("proj/ns/a.py");
  tree.file("extra/ns/b.py");
  tree.file("site/ns/c/__init__.py");
  settings.extraSearchPaths = {tree.path("extra")};
  ResolvedModule ns = resolve("ns");
  EXPECT_EQ(ns.kind, ModuleKind::NamespacePackage);
  EXPECT_TRUE(ns.isPackage);
  EXPECT_EQ(ns.namespaceDirs, (std::vector<std::string>{tree.path("proj/ns"), tree.path("extra/ns"),
                                                        tree.path("site/ns")}));
  EXPECT_EQ(resolve("ns.a").path, tree.path("proj/ns/a.py"));
  EXPECT_EQ(resolve("ns.b").path, tree.path("extra/ns/b.py"));
  EXPECT_EQ(resolve("ns.c").origin, ModuleOrigin::SitePackages);
  EXPECT_EQ(resolver().submodules(ns), (std::vector<std::string>{"a", "b", "c"}));
}

TEST_F(ModuleResolverTest, RegularPackageInAnyRootBeatsNamespacePortions) {
  tree.file("proj/pkg/x.py"); // a namespace portion
  tree.file("extra/pkg/__init__.py");
  tree.file("extra/pkg/y.py");
  settings.extraSearchPaths = {tree.path("extra")};
  EXPECT_EQ(resolve("pkg").path, tree.path("extra/pkg/__init__.py"));
  EXPECT_TRUE(resolve("pkg.y"));
  EXPECT_FALSE(resolve("pkg.x"))
      << "as in Python, the portion is ignored once a regular package is found";
}

TEST_F(ModuleResolverTest, RegularPackageInAnEarlierRootHidesLaterOnes) {
  tree.file("proj/pkg/__init__.py");
  tree.file("extra/pkg/y.py");
  settings.extraSearchPaths = {tree.path("extra")};
  EXPECT_EQ(resolve("pkg").path, tree.path("proj/pkg/__init__.py"));
  EXPECT_FALSE(resolve("pkg.y"));
}

TEST_F(ModuleResolverTest, ExtensionModulesWithoutStubsAreCompiledExtensions) {
  tree.file("site/fast.cpython-311-x86_64-linux-gnu.so");
  tree.file("site/winonly.cp311-win_amd64.pyd");
  tree.file("site/typedext.abi3.so");
  tree.file("site/typedext.pyi");
  tree.file("site/pkg/__init__.py");
  tree.file("site/pkg/_speedups.so");
  EXPECT_EQ(resolve("fast").kind, ModuleKind::CompiledExtension);
  EXPECT_EQ(resolve("fast").path, tree.path("site/fast.cpython-311-x86_64-linux-gnu.so"));
  EXPECT_EQ(resolve("winonly").kind, ModuleKind::CompiledExtension);
  EXPECT_EQ(resolve("typedext").kind, ModuleKind::StubFile);
  EXPECT_EQ(resolve("pkg._speedups").kind, ModuleKind::CompiledExtension);
  EXPECT_EQ(resolver().submodules(resolve("pkg")), std::vector<std::string>{"_speedups"});
}

TEST_F(ModuleResolverTest, RelativeImportsAtEveryDepth) {
  tree.file("proj/pkg/__init__.py");
  tree.file("proj/pkg/sib.py");
  tree.file("proj/pkg/sub/__init__.py");
  tree.file("proj/pkg/sub/mod.py");
  tree.file("proj/pkg/sub/deep/__init__.pyi");
  std::string leaf = tree.file("proj/pkg/sub/deep/leaf.py");
  std::string init = tree.path("proj/pkg/__init__.py");
  ModuleResolver& r = resolver();

  ResolvedModule self = r.resolveRelative(leaf, 1, "");
  EXPECT_EQ(self.path, tree.path("proj/pkg/sub/deep/__init__.pyi"));
  EXPECT_EQ(self.name, "pkg.sub.deep");
  EXPECT_EQ(r.resolveRelative(leaf, 1, "leaf").path, leaf);
  ResolvedModule mod = r.resolveRelative(leaf, 2, "mod");
  EXPECT_EQ(mod.path, tree.path("proj/pkg/sub/mod.py"));
  EXPECT_EQ(mod.name, "pkg.sub.mod");
  EXPECT_EQ(r.resolveRelative(leaf, 3, "sib").path, tree.path("proj/pkg/sib.py"));
  EXPECT_EQ(r.resolveRelative(leaf, 3, "sub.deep.leaf").path, leaf);
  EXPECT_EQ(r.resolveRelative(leaf, 3, "").path, init);
  EXPECT_FALSE(r.resolveRelative(leaf, 2, "nothing"));
  EXPECT_FALSE(r.resolveRelative(leaf, 2, "nothing").beyondTopLevel);

  ResolvedModule beyond = r.resolveRelative(leaf, 4, "x");
  EXPECT_FALSE(beyond);
  EXPECT_TRUE(beyond.beyondTopLevel);
  // From a package's __init__, `.` is the package itself.
  EXPECT_EQ(r.resolveRelative(init, 1, "sib").path, tree.path("proj/pkg/sib.py"));
  EXPECT_TRUE(r.resolveRelative(init, 2, "x").beyondTopLevel);
}

TEST_F(ModuleResolverTest, RelativeImportFromATopLevelModuleIsBeyondTheTopLevel) {
  std::string script = tree.file("proj/script.py");
  tree.file("proj/helper.py");
  ResolvedModule result = resolver().resolveRelative(script, 1, "helper");
  EXPECT_FALSE(result);
  EXPECT_TRUE(result.beyondTopLevel);
}

TEST_F(ModuleResolverTest, RelativeImportIntoANamespacePortionInAnotherRoot) {
  std::string a = tree.file("proj/ns/a.py");
  tree.file("extra/ns/b.py");
  settings.extraSearchPaths = {tree.path("extra")};
  EXPECT_EQ(resolver().resolveRelative(a, 1, "b").path, tree.path("extra/ns/b.py"));
}

TEST_F(ModuleResolverTest, RelativeImportFromAFileUnderNoRootGoesByFolder) {
  std::string lone = tree.file("outside/dir/lone.py");
  tree.file("outside/dir/friend.py");
  ResolvedModule friendModule = resolver().resolveRelative(lone, 1, "friend");
  EXPECT_EQ(friendModule.path, tree.path("outside/dir/friend.py"));
  EXPECT_EQ(resolver().moduleNameOf(lone), std::nullopt);
}

TEST_F(ModuleResolverTest, RelativeImportsInsideTypeshedAreGatedToo) {
  settings.pythonVersion = PythonVersion{3, 10};
  std::string readers = tree.path("typeshed/stdlib/importlib/resources/readers.pyi");
  EXPECT_FALSE(resolver().resolveRelative(readers, 1, "abc"));
  EXPECT_EQ(resolver().resolveRelative(readers, 1, "abc").versionNote, "added in Python 3.11");
  EXPECT_EQ(resolver().resolveRelative(readers, 2, "").name, "importlib");
}

TEST_F(ModuleResolverTest, ModuleNamesOfFiles) {
  tree.file("proj/pkg/__init__.py");
  tree.file("proj/src/app/__init__.py");
  ModuleResolver& r = resolver();
  EXPECT_EQ(r.moduleNameOf(tree.path("proj/pkg/sub/mod.py")), "pkg.sub.mod");
  EXPECT_EQ(r.moduleNameOf(tree.path("proj/pkg/__init__.py")), "pkg");
  EXPECT_EQ(r.moduleNameOf(tree.path("proj/top.py")), "top");
  EXPECT_EQ(r.moduleNameOf(tree.path("proj/src/app/main.py")), "app.main")
      << "src/ is a root of its own";
  EXPECT_EQ(r.moduleNameOf(tree.path("typeshed/stdlib/os/path.pyi")), "os.path");
  EXPECT_EQ(r.moduleNameOf(tree.path("site/ext.cpython-311-x86_64-linux-gnu.so")), "ext");
  EXPECT_EQ(r.moduleNameOf(tree.path("proj/./pkg/../pkg/m.py")), "pkg.m");
  EXPECT_EQ(r.moduleNameOf("/nowhere/else.py"), std::nullopt);
}

TEST_F(ModuleResolverTest, AProjectRootThatIsItselfAPackageIsNamedFromAbove) {
  tree.file("work/mypkg/__init__.py");
  tree.file("work/mypkg/util.py");
  std::string mod = tree.file("work/mypkg/mod.py");
  settings.projectRoot = tree.path("work/mypkg");
  EXPECT_EQ(resolver().moduleNameOf(mod), "mypkg.mod");
  EXPECT_EQ(resolver().resolveRelative(mod, 1, "util").path, tree.path("work/mypkg/util.py"));
  EXPECT_TRUE(resolver().resolveRelative(mod, 2, "x").beyondTopLevel);
}

TEST_F(ModuleResolverTest, SubmodulesListsModulesPackagesAndNamespaceFolders) {
  tree.file("proj/pkg/__init__.py");
  tree.file("proj/pkg/a.py");
  tree.file("proj/pkg/a.pyi");
  tree.file("proj/pkg/b/__init__.py");
  tree.file("proj/pkg/ns/x.py");
  tree.file("proj/pkg/__pycache__/a.cpython-311.pyc");
  tree.file("proj/pkg/not-a-module.py");
  tree.file("proj/pkg/README.md");
  EXPECT_EQ(resolver().submodules(resolve("pkg")), (std::vector<std::string>{"a", "b", "ns"}));
  EXPECT_TRUE(resolver().submodules(resolve("pkg.a")).empty());
}

TEST(ModuleResolverBundledTypeshed, ResolvesTheStandardLibraryAndThirdPartyStubs) {
  ResolverTestTree tree;
  Settings settings;
  settings.projectRoot = tree.folder("proj");
  settings.pythonVersion = PythonVersion{3, 10};
  ModuleResolver resolver(settings, Environment{});
  EXPECT_TRUE(resolver.problems().empty()) << resolver.problems().front();
  for (const char* name :
       {"builtins", "os", "os.path", "collections.abc", "typing", "importlib.metadata"}) {
    ResolvedModule module = resolver.resolve(name);
    EXPECT_EQ(module.kind, ModuleKind::StubFile) << name;
    EXPECT_EQ(module.origin, ModuleOrigin::TypeshedStdlib) << name;
  }
  EXPECT_EQ(resolver.resolve("asyncio.taskgroups").versionNote, "added in Python 3.11");
  EXPECT_EQ(resolver.resolve("requests.adapters").origin, ModuleOrigin::TypeshedThirdParty);
  EXPECT_FALSE(resolver.resolve("surely_not_a_module"));
  std::vector<std::string> osSubmodules = resolver.submodules(resolver.resolve("os"));
  EXPECT_NE(std::find(osSubmodules.begin(), osSubmodules.end(), "path"), osSubmodules.end());
}

TEST_F(ModuleResolverTest, InterpreterStdlibFillsInWhatTypeshedLeavesOut) {
  tree.file("typeshed/stdlib/VERSIONS", "email: 3.0-\nemail.newer: 3.13-\n");
  tree.file("typeshed/stdlib/email/__init__.pyi");
  tree.file("typeshed/stdlib/email/utils.pyi");
  tree.file("pystd/email/__init__.py");
  tree.file("pystd/email/utils.py");
  tree.file("pystd/email/_parseaddr.py");
  tree.file("pystd/email/newer.py");
  environment.stdlibPaths = {tree.path("pystd")};
  settings.pythonVersion = PythonVersion{3, 12};
  EXPECT_EQ(resolve("email").path, tree.path("typeshed/stdlib/email/__init__.pyi"));
  EXPECT_EQ(resolve("email.utils").path, tree.path("typeshed/stdlib/email/utils.pyi"));
  ResolvedModule parseaddr = resolve("email._parseaddr");
  EXPECT_EQ(parseaddr.path, tree.path("pystd/email/_parseaddr.py"));
  EXPECT_EQ(parseaddr.origin, ModuleOrigin::InterpreterStdlib);
  EXPECT_FALSE(resolve("email.newer")) << "gated out by VERSIONS, even though the source exists";
  EXPECT_EQ(resolve("email.newer").versionNote, "added in Python 3.13");
  EXPECT_EQ(resolver().submodules(resolve("email")),
            (std::vector<std::string>{"_parseaddr", "utils"}));
}

TEST_F(ModuleResolverTest, ModulesBuiltIntoTheInterpreterExistWithoutAFile) {
  environment.builtinModules = {"_functools", "_sre", "random"};
  ResolvedModule functools = resolve("_functools");
  EXPECT_EQ(functools.kind, ModuleKind::CompiledExtension);
  EXPECT_EQ(functools.origin, ModuleOrigin::InterpreterStdlib);
  EXPECT_TRUE(functools.path.empty());
  EXPECT_EQ(resolve("random").origin, ModuleOrigin::TypeshedStdlib)
      << "typeshed's stub describes it";
  EXPECT_FALSE(resolve("_functools.x"));
  EXPECT_FALSE(resolve("_other"));
}
