// TypeshedVersions: typeshed's stdlib/VERSIONS, which says in which Python versions each
// standard-library module exists. A submodule listed on its own overrides its parent:
//
//     importlib: 3.0-
//     importlib.resources.abc: 3.11-     # so `import importlib.resources.abc` needs 3.11
//     distutils: 3.0-3.11                # removed in 3.12
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "checker/config/Settings.h"

namespace shrike::checker {

struct VersionRange {
  PythonVersion first;               // the first version that has the module
  std::optional<PythonVersion> last; // the last one that has it; nullopt: still there
  bool contains(PythonVersion version) const {
    return first <= version && (!last || version <= *last);
  }
};

enum class StdlibAvailability : uint8_t {
  Unlisted,  // VERSIONS says nothing about it (nor about a parent)
  Available, // present in the target version
  TooNew,    // added after the target version
  Removed,   // removed before the target version
};

class TypeshedVersions {
public:
  // Parses the text of a VERSIONS file. Malformed lines are skipped and described in
  // problems() so a broken typeshed degrades instead of failing.
  static TypeshedVersions parse(std::string_view text);
  // Reads and parses a VERSIONS file; an unreadable file gives an empty table and a problem.
  static TypeshedVersions load(const std::string& path);

  // The range of the most specific entry for `module` ("a.b.c", else "a.b", else "a").
  const VersionRange* rangeOf(std::string_view module) const;
  StdlibAvailability availability(std::string_view module, PythonVersion target) const;
  // Whether the top-level name is a standard-library module for some version.
  bool knowsTopLevel(std::string_view name) const { return entries_.count(std::string(name)) > 0; }
  // "added in Python 3.12" / "removed in Python 3.12"; empty when available or unlisted.
  std::string note(std::string_view module, PythonVersion target) const;

  size_t size() const { return entries_.size(); }
  const std::vector<std::string>& problems() const { return problems_; }

private:
  std::unordered_map<std::string, VersionRange> entries_;
  std::vector<std::string> problems_;
};

} // namespace shrike::checker
