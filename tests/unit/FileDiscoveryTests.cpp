// FileDiscoveryTests: the walk over a staged file system — unreadable folders and symlink
// loops (which root cannot stage for real), include globs, excludes, .gitignore stacking —
// and over a real temporary tree.
#include "checker/config/FileDiscovery.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <map>

using namespace shrike::checker;

namespace {

// A file system held in a map: each path is a file (with text), a folder, or an error.
class FakeFileSystem final : public FileSystemView {
public:
  void file(const std::string& path, std::string text = "") {
    entries_[path] = Entry{EntryType::File, 0, std::move(text)};
    parents(path);
  }
  void folder(const std::string& path) {
    entries_[path] = Entry{EntryType::Directory, 0, {}};
    parents(path);
  }
  // A folder whose listing fails with `error` (as a folder without read permission does).
  void unreadableFolder(const std::string& path, int error) {
    entries_[path] = Entry{EntryType::Directory, error, {}};
    parents(path);
  }
  // A folder that is the same folder (same inode) as `target`, as a symlink to it would be.
  void folderLink(const std::string& path, const std::string& target) {
    links_[path] = target;
    parents(path);
  }
  // An entry whose status cannot be read (as below a folder without search permission).
  void unreadableEntry(const std::string& path, int error) {
    entries_[path] = Entry{EntryType::Unreadable, error, {}};
    parents(path);
  }
  void loopingLink(const std::string& path) {
    entries_[path] = Entry{EntryType::SymlinkLoop, ELOOP, {}};
    parents(path);
  }

  EntryStatus status(const std::string& path) const override {
    std::string resolved = resolve(path);
    auto it = entries_.find(resolved);
    if (it == entries_.end()) return EntryStatus{EntryType::Missing, 0, 0, ENOENT};
    if (it->second.type == EntryType::SymlinkLoop)
      return EntryStatus{EntryType::SymlinkLoop, 0, 0, ELOOP};
    if (it->second.type == EntryType::Unreadable)
      return EntryStatus{EntryType::Unreadable, 0, 0, it->second.listError};
    return EntryStatus{it->second.type, 1, std::hash<std::string>()(resolved), 0};
  }

  int list(const std::string& path, std::vector<std::string>& names) const override {
    std::string resolved = resolve(path);
    auto it = entries_.find(resolved);
    if (it == entries_.end()) return ENOENT;
    if (it->second.listError) return it->second.listError;
    std::string prefix = resolved == "/" ? "/" : resolved + "/";
    auto childName = [&](const std::string& candidate) -> std::optional<std::string> {
      if (candidate.size() <= prefix.size() || candidate.compare(0, prefix.size(), prefix) != 0)
        return std::nullopt;
      std::string rest = candidate.substr(prefix.size());
      if (rest.find('/') != std::string::npos) return std::nullopt;
      return rest;
    };
    for (const auto& [candidate, entry] : entries_)
      if (auto name = childName(candidate)) names.push_back(*name);
    // Links live in the folder the link was made in, not the one they resolve to.
    std::string listed = path == "/" ? "/" : path + "/";
    for (const auto& [link, target] : links_)
      if (link.size() > listed.size() && link.compare(0, listed.size(), listed) == 0 &&
          link.substr(listed.size()).find('/') == std::string::npos)
        names.push_back(link.substr(listed.size()));
    return 0;
  }

  std::optional<std::string> readFile(const std::string& path) const override {
    auto it = entries_.find(resolve(path));
    if (it == entries_.end() || it->second.type != EntryType::File) return std::nullopt;
    return it->second.text;
  }

private:
  struct Entry {
    EntryType type;
    int listError = 0;
    std::string text;
  };

  void parents(const std::string& path) {
    for (std::string p = path; p.rfind('/') > 0;) {
      p = p.substr(0, p.rfind('/'));
      if (!entries_.count(p)) entries_[p] = Entry{EntryType::Directory, 0, {}};
    }
    if (!entries_.count("/")) entries_["/"] = Entry{EntryType::Directory, 0, {}};
  }

  // Replaces a leading link path by its target, repeatedly.
  std::string resolve(std::string path) const {
    for (int depth = 0; depth < 40; ++depth) {
      bool changed = false;
      for (const auto& [link, target] : links_) {
        if (path == link || (path.size() > link.size() && path.compare(0, link.size(), link) == 0 &&
                             path[link.size()] == '/')) {
          path = target + path.substr(link.size());
          changed = true;
          break;
        }
      }
      if (!changed) break;
    }
    return path;
  }

  std::map<std::string, Entry> entries_;
  std::map<std::string, std::string> links_;
};

Settings projectAt(const std::string& root) {
  Settings settings;
  settings.projectRoot = root;
  return settings;
}

TEST(FileDiscovery, AnUnreadableFolderIsReportedAndSkipped) {
  FakeFileSystem fs;
  fs.file("/p/a.py");
  fs.unreadableFolder("/p/secret", EACCES);
  fs.file("/p/secret/hidden.py");
  fs.file("/p/z.py");
  DiscoveredFiles found = discoverFiles(projectAt("/p"), {}, "/p", fs);
  EXPECT_EQ(found.files, (std::vector<std::string>{"/p/a.py", "/p/z.py"}));
  ASSERT_EQ(found.skipped.size(), 1u);
  EXPECT_EQ(found.skipped[0].kind, DiscoveryProblem::Kind::Unreadable);
  EXPECT_EQ(found.skipped[0].path, "/p/secret");
  EXPECT_NE(found.skipped[0].message.find("Permission denied"), std::string::npos)
      << found.skipped[0].message;
  EXPECT_TRUE(found.unusable.empty());
}

TEST(FileDiscovery, AFolderLinkToAnAncestorIsALoop) {
  FakeFileSystem fs;
  fs.file("/p/pkg/mod.py");
  fs.folderLink("/p/pkg/back", "/p");
  DiscoveredFiles found = discoverFiles(projectAt("/p"), {}, "/p", fs);
  EXPECT_EQ(found.files, (std::vector<std::string>{"/p/pkg/mod.py"}));
  ASSERT_EQ(found.skipped.size(), 1u);
  EXPECT_EQ(found.skipped[0].kind, DiscoveryProblem::Kind::SymlinkLoop);
  EXPECT_EQ(found.skipped[0].path, "/p/pkg/back");
}

TEST(FileDiscovery, AFolderLinkElsewhereIsFollowed) {
  FakeFileSystem fs;
  fs.file("/shared/util.py");
  fs.file("/p/main.py");
  fs.folderLink("/p/vendor", "/shared");
  DiscoveredFiles found = discoverFiles(projectAt("/p"), {}, "/p", fs);
  EXPECT_EQ(found.files, (std::vector<std::string>{"/p/main.py", "/p/vendor/util.py"}));
  EXPECT_TRUE(found.skipped.empty());
}

TEST(FileDiscovery, LinksThatPointAtEachOtherAreReported) {
  FakeFileSystem fs;
  fs.file("/p/a.py");
  fs.loopingLink("/p/ping.py");
  DiscoveredFiles found = discoverFiles(projectAt("/p"), {}, "/p", fs);
  EXPECT_EQ(found.files, (std::vector<std::string>{"/p/a.py"}));
  ASSERT_EQ(found.skipped.size(), 1u);
  EXPECT_EQ(found.skipped[0].kind, DiscoveryProblem::Kind::SymlinkLoop);
}

TEST(FileDiscovery, OnlyPythonFilesUnlessNamed) {
  FakeFileSystem fs;
  fs.file("/p/a.py");
  fs.file("/p/b.pyi");
  fs.file("/p/c.txt");
  fs.file("/p/script");
  EXPECT_EQ(discoverFiles(projectAt("/p"), {}, "/p", fs).files,
            (std::vector<std::string>{"/p/a.py", "/p/b.pyi"}));
  EXPECT_EQ(discoverFiles(projectAt("/p"), {"script"}, "/p", fs).files,
            (std::vector<std::string>{"/p/script"}));
}

TEST(FileDiscovery, MissingExplicitPathsAreErrors) {
  FakeFileSystem fs;
  fs.file("/p/a.py");
  DiscoveredFiles found = discoverFiles(projectAt("/p"), {"a.py", "gone.py"}, "/p", fs);
  EXPECT_EQ(found.files, (std::vector<std::string>{"/p/a.py"}));
  ASSERT_EQ(found.unusable.size(), 1u);
  EXPECT_EQ(found.unusable[0].path, "/p/gone.py");
}

// What the user asked for and cannot be read is an error; the same found by the walk is a
// warning.
TEST(FileDiscovery, NamedPathsThatCannotBeReadAreErrors) {
  FakeFileSystem fs;
  fs.file("/p/a.py");
  fs.unreadableFolder("/p/secret", EACCES);
  fs.unreadableEntry("/p/locked/b.py", EACCES);
  fs.loopingLink("/p/loop");
  DiscoveredFiles found =
      discoverFiles(projectAt("/p"), {"a.py", "secret", "locked/b.py", "loop"}, "/p", fs);
  EXPECT_EQ(found.files, (std::vector<std::string>{"/p/a.py"}));
  EXPECT_TRUE(found.skipped.empty());
  ASSERT_EQ(found.unusable.size(), 3u);
  EXPECT_EQ(found.unusable[0].path, "/p/secret");
  EXPECT_EQ(found.unusable[0].message, "cannot read folder: Permission denied");
  EXPECT_EQ(found.unusable[1].path, "/p/locked/b.py");
  EXPECT_EQ(found.unusable[1].message, "cannot read: Permission denied");
  EXPECT_EQ(found.unusable[2].path, "/p/loop");
  EXPECT_EQ(found.unusable[2].kind, DiscoveryProblem::Kind::SymlinkLoop);

  DiscoveredFiles walked = discoverFiles(projectAt("/p"), {}, "/p", fs);
  EXPECT_TRUE(walked.unusable.empty());
  EXPECT_EQ(walked.skipped.size(), 3u);
}

TEST(FileDiscovery, DefaultExcludesCanBeReincluded) {
  FakeFileSystem fs;
  fs.file("/p/a.py");
  fs.file("/p/.venv/lib/x.py");
  fs.file("/p/node_modules/y.py");
  fs.file("/p/src/__pycache__/z.py");
  EXPECT_EQ(discoverFiles(projectAt("/p"), {}, "/p", fs).files,
            (std::vector<std::string>{"/p/a.py"}));
  Settings settings = projectAt("/p");
  settings.exclude = {"!node_modules/"};
  EXPECT_EQ(discoverFiles(settings, {}, "/p", fs).files,
            (std::vector<std::string>{"/p/a.py", "/p/node_modules/y.py"}));
}

TEST(FileDiscovery, GitignoreFilesStackAndTheDeepestDecides) {
  FakeFileSystem fs;
  fs.folder("/repo/.git");
  fs.file("/repo/.gitignore", "*.gen.py\nlocal/\n");
  fs.file("/repo/.git/info/exclude", "scratch.py\n");
  fs.file("/repo/proj/a.py");
  fs.file("/repo/proj/a.gen.py");
  fs.file("/repo/proj/scratch.py");
  fs.file("/repo/proj/local/x.py");
  fs.file("/repo/proj/sub/.gitignore", "!keep.gen.py\n");
  fs.file("/repo/proj/sub/keep.gen.py");
  fs.file("/repo/proj/sub/drop.gen.py");
  // The project root is below the repository root: its ancestors' .gitignore files apply.
  DiscoveredFiles found = discoverFiles(projectAt("/repo/proj"), {}, "/repo/proj", fs);
  EXPECT_EQ(found.files,
            (std::vector<std::string>{"/repo/proj/a.py", "/repo/proj/sub/keep.gen.py"}));
  Settings settings = projectAt("/repo/proj");
  settings.respectGitignore = false;
  EXPECT_EQ(discoverFiles(settings, {}, "/repo/proj", fs).files.size(), 6u);
}

TEST(FileDiscovery, ExplicitFilesAreCheckedEvenWhenIgnored) {
  FakeFileSystem fs;
  fs.file("/p/.gitignore", "ignored.py\n");
  fs.file("/p/ignored.py");
  Settings settings = projectAt("/p");
  settings.exclude = {"*.py"};
  EXPECT_TRUE(discoverFiles(settings, {}, "/p", fs).files.empty());
  EXPECT_EQ(discoverFiles(settings, {"ignored.py"}, "/p", fs).files,
            (std::vector<std::string>{"/p/ignored.py"}));
}

TEST(FileDiscovery, IncludeTakesPathsAndGlobs) {
  FakeFileSystem fs;
  fs.file("/p/src/app/a.py");
  fs.file("/p/src/app/tests/test_a.py");
  fs.file("/p/tools/t.py");
  fs.file("/p/other.py");
  Settings settings = projectAt("/p");
  settings.include = {"src/app", "tools/*.py"};
  EXPECT_EQ(
      discoverFiles(settings, {}, "/p", fs).files,
      (std::vector<std::string>{"/p/src/app/a.py", "/p/src/app/tests/test_a.py", "/p/tools/t.py"}));
  settings.include = {"src/**/test_*.py"};
  EXPECT_EQ(discoverFiles(settings, {}, "/p", fs).files,
            (std::vector<std::string>{"/p/src/app/tests/test_a.py"}));
}

TEST(FileDiscovery, PathsAreNormalised) {
  EXPECT_EQ(normalizePath("a/./b/../c/", "/root"), "/root/a/c");
  EXPECT_EQ(normalizePath("/x//y", "/root"), "/x/y");
  EXPECT_EQ(normalizePath("/", "/root"), "/");
}

// The same walk over a real tree, with a real symlink loop.
TEST(FileDiscovery, RealTreeWithASymlinkLoop) {
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / ("shrike-discovery-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "pkg");
  std::ofstream(root / "pkg" / "mod.py") << "x = 1\n";
  std::ofstream(root / ".gitignore") << "skip.py\n";
  std::ofstream(root / "pkg" / "skip.py") << "x = 1\n";
  fs::create_directory_symlink("..", root / "pkg" / "up");
  fs::create_symlink("b.py", root / "pkg" / "a.py");
  fs::create_symlink("a.py", root / "pkg" / "b.py");
  DiscoveredFiles found = discoverFiles(projectAt(root.string()), {}, root.string());
  EXPECT_EQ(found.files, (std::vector<std::string>{(root / "pkg" / "mod.py").string()}));
  EXPECT_EQ(found.skipped.size(), 3u); // pkg/up, pkg/a.py, pkg/b.py
  for (const DiscoveryProblem& problem : found.skipped)
    EXPECT_EQ(problem.kind, DiscoveryProblem::Kind::SymlinkLoop);
  fs::remove_all(root);
}

// On a real tree the folder listing tells plain files apart, and only the rest get a status
// call: linked Python files and folders are still found, other files never are.
TEST(FileDiscovery, RealTreeFindsPlainAndLinkedPythonFiles) {
  namespace fs = std::filesystem;
  fs::path root = fs::temp_directory_path() / ("shrike-plain-" + std::to_string(::getpid()));
  fs::remove_all(root);
  fs::create_directories(root / "pkg" / "locale" / "de");
  fs::create_directories(root / "elsewhere");
  std::ofstream(root / "pkg" / "mod.py") << "x = 1\n";
  std::ofstream(root / "pkg" / "mod.pyi") << "x: int\n";
  std::ofstream(root / "pkg" / "locale" / "de" / "django.po") << "msgid \"\"\n";
  std::ofstream(root / "pkg" / "notes.txt") << "text\n";
  std::ofstream(root / "elsewhere" / "real.py") << "y = 2\n";
  fs::create_symlink(root / "elsewhere" / "real.py", root / "pkg" / "linked.py");
  fs::create_directory_symlink(root / "elsewhere", root / "pkg" / "linkdir");
  std::vector<bool> plain;
  std::vector<std::string> names;
  ASSERT_EQ(realFileSystem().listWithPlainFiles((root / "pkg").string(), names, plain), 0);
  ASSERT_EQ(names.size(), plain.size());
  for (size_t i = 0; i < names.size(); ++i)
    EXPECT_EQ(plain[i], names[i] == "mod.py" || names[i] == "mod.pyi" || names[i] == "notes.txt")
        << names[i];
  DiscoveredFiles found =
      discoverFiles(projectAt((root / "pkg").string()), {}, (root / "pkg").string());
  std::vector<std::string> expected{
      (root / "pkg" / "linkdir" / "real.py").string(), (root / "pkg" / "linked.py").string(),
      (root / "pkg" / "mod.py").string(), (root / "pkg" / "mod.pyi").string()};
  EXPECT_EQ(found.files, expected);
  EXPECT_TRUE(found.skipped.empty());
  fs::remove_all(root);
}

} // namespace
