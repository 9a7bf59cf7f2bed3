// FileDiscovery: which .py and .pyi files a check covers — the paths given, else the
// project's `include` (default: the project root) — minus `exclude` globs, default excludes
// (.git, .venv, __pycache__, node_modules, ...) and `.gitignore`d files. Symlink loops and
// folders that cannot be read are reported and skipped, never fatal. The CLI and the
// language server find a project's files the same way through this.
#pragma once

#include <string>
#include <vector>

#include "checker/config/FileSystemView.h"
#include "checker/config/Settings.h"

namespace shrike::checker {

struct DiscoveryProblem {
  enum class Kind : uint8_t { NotFound, Unreadable, SymlinkLoop };
  Kind kind;
  std::string path; // absolute
  std::string message;
};

struct DiscoveredFiles {
  std::vector<std::string> files; // absolute, normalised, sorted, without duplicates
  // Folders, files and links found by the walk and passed over (warnings).
  std::vector<DiscoveryProblem> skipped;
  // Paths the user named (or the project root) that do not exist or cannot be read: what
  // was asked for cannot be checked (errors).
  std::vector<DiscoveryProblem> unusable;
};

// The folder names excluded unless a `!` pattern in `exclude` re-includes them.
const std::vector<std::string>& defaultExcludes();

// `paths` are what the user named (absolute or relative to `cwd`); a file named there is
// checked whatever its name and even when excluded. With no paths, the project's `include`
// entries (paths or globs relative to the project root) are walked.
DiscoveredFiles discoverFiles(const Settings& settings, const std::vector<std::string>& paths,
                              const std::string& cwd,
                              const FileSystemView& fileSystem = realFileSystem());

// Absolute, lexically normal, without a trailing slash ("/a/./b/../c/" -> "/a/c").
std::string normalizePath(const std::string& path, const std::string& cwd);

} // namespace shrike::checker
