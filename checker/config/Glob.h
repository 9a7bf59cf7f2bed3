// Glob: gitignore-style patterns, shared by `include`/`exclude`, `.gitignore` files and
// `[[overrides]]`. `*` and `?` stay inside one folder, `**` crosses folders, `[a-z]` is a
// class; in ignore lists `!` re-includes, a trailing `/` matches only folders, and a pattern
// without a `/` matches a name at any depth:
//
//     build/          any folder named build
//     /setup.py       only the setup.py next to the .gitignore (or the project root)
//     tests/**/*.py   every .py file under tests/
//     !keep.py        ...except keep.py
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shrike::checker {

// Matches a '/'-separated relative path against a glob, without any gitignore rules.
bool globMatches(std::string_view pattern, std::string_view path);

// True when the text has glob metacharacters (otherwise it names a path literally).
bool hasGlobCharacters(std::string_view text);

// One line of an ignore list.
struct IgnorePattern {
  std::string glob;     // anchored, relative to the list's base folder
  bool negated = false; // `!pattern`: re-includes
  bool dirOnly = false; // `pattern/`: matches folders only

  // nullopt for blank lines and comments.
  static std::optional<IgnorePattern> parse(std::string_view line);
  bool matches(std::string_view relativePath, bool isDirectory) const;
};

// An ordered ignore list relative to a base folder (a .gitignore's folder, or the project
// root for `exclude`); the last pattern that matches decides.
class IgnoreList {
public:
  IgnoreList() = default;
  IgnoreList(std::string base, const std::vector<std::string>& lines);
  static IgnoreList fromFileText(std::string base, std::string_view text);

  const std::string& base() const { return base_; }
  bool empty() const { return patterns_.empty(); }
  // true: ignored; false: re-included by a `!` pattern; nullopt: no pattern matched.
  // `relativePath` is relative to the same root as `base`.
  std::optional<bool> decide(std::string_view relativePath, bool isDirectory) const;

private:
  std::string base_; // relative to the walk's root, "" for the root itself
  std::vector<IgnorePattern> patterns_;
};

} // namespace shrike::checker
