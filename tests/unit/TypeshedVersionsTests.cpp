// TypeshedVersionsTests: parsing stdlib/VERSIONS and gating by the target version.
#include "checker/resolve/TypeshedVersions.h"

#include <gtest/gtest.h>

#include "checker/resolve/SearchPaths.h"

using namespace shrike::checker;

TEST(TypeshedVersions, ParsesRangesCommentsAndBlankLines) {
  TypeshedVersions versions =
      TypeshedVersions::parse("# header\n"
                              "\n"
                              "asyncio: 3.4-\n"
                              "asyncio.taskgroups: 3.11-  # trailing comment\n"
                              "distutils: 3.0-3.11\r\n"
                              "   spaced   :   3.6 - 3.8  \n");
  EXPECT_TRUE(versions.problems().empty());
  EXPECT_EQ(versions.size(), 4u);
  const VersionRange* spaced = versions.rangeOf("spaced");
  ASSERT_NE(spaced, nullptr);
  EXPECT_EQ(spaced->first, (PythonVersion{3, 6}));
  EXPECT_EQ(spaced->last, (PythonVersion{3, 8}));
  EXPECT_EQ(versions.rangeOf("asyncio")->last, std::nullopt);
}

TEST(TypeshedVersions, MostSpecificEntryWins) {
  TypeshedVersions versions = TypeshedVersions::parse("asyncio: 3.4-\nasyncio.taskgroups: 3.11-\n");
  PythonVersion v310{3, 10};
  EXPECT_EQ(versions.availability("asyncio", v310), StdlibAvailability::Available);
  EXPECT_EQ(versions.availability("asyncio.events", v310), StdlibAvailability::Available);
  EXPECT_EQ(versions.availability("asyncio.taskgroups", v310), StdlibAvailability::TooNew);
  EXPECT_EQ(versions.availability("asyncio.taskgroups.inner", v310), StdlibAvailability::TooNew);
  EXPECT_EQ(versions.availability("asyncio.taskgroups", PythonVersion{3, 11}),
            StdlibAvailability::Available);
  EXPECT_EQ(versions.availability("numpy", v310), StdlibAvailability::Unlisted);
  EXPECT_EQ(versions.availability("asynciox", v310), StdlibAvailability::Unlisted);
  EXPECT_TRUE(versions.knowsTopLevel("asyncio"));
  EXPECT_FALSE(versions.knowsTopLevel("asyncio.taskgroups.x"));
}

TEST(TypeshedVersions, NotesSayWhenAModuleCameOrWent) {
  TypeshedVersions versions = TypeshedVersions::parse("tomllib: 3.11-\nimp: 3.0-3.11\n");
  EXPECT_EQ(versions.note("tomllib", PythonVersion{3, 10}), "added in Python 3.11");
  EXPECT_EQ(versions.note("tomllib", PythonVersion{3, 11}), "");
  EXPECT_EQ(versions.availability("imp", PythonVersion{3, 12}), StdlibAvailability::Removed);
  EXPECT_EQ(versions.note("imp", PythonVersion{3, 12}), "removed in Python 3.12");
  EXPECT_EQ(versions.note("imp.sub", PythonVersion{3, 13}), "removed in Python 3.12");
  EXPECT_EQ(versions.note("unknown", PythonVersion{3, 13}), "");
}

TEST(TypeshedVersions, MalformedLinesAreSkippedAndReported) {
  TypeshedVersions versions =
      TypeshedVersions::parse("good: 3.0-\nno colon here\nbad: three-\nworse: 3.x-3.9\n: 3.1-\n");
  EXPECT_EQ(versions.size(), 1u);
  EXPECT_EQ(versions.problems().size(), 4u);
  EXPECT_NE(versions.problems()[0].find("line 2"), std::string::npos) << versions.problems()[0];
}

TEST(TypeshedVersions, UnreadableFileIsAProblem) {
  TypeshedVersions versions = TypeshedVersions::load("/nonexistent/VERSIONS");
  EXPECT_EQ(versions.size(), 0u);
  ASSERT_EQ(versions.problems().size(), 1u);
}

TEST(TypeshedVersions, TheBundledFileParsesCleanly) {
  TypeshedVersions versions =
      TypeshedVersions::load(bundledTypeshedDirectory() + "/stdlib/VERSIONS");
  EXPECT_TRUE(versions.problems().empty());
  EXPECT_GT(versions.size(), 200u);
  EXPECT_EQ(versions.availability("builtins", PythonVersion{3, 8}), StdlibAvailability::Available);
  EXPECT_EQ(versions.availability("tomllib", PythonVersion{3, 10}), StdlibAvailability::TooNew);
}
