// ModuleOverlays: files that live only in memory (unsaved editor buffers, test cases), found
// by module name the way the resolver finds files on disk, so that imports between them
// resolve. A file that exists on disk is the resolver's to find; this layer only answers for
// names no disk file provides under the same project root.
//
//     /proj/pkg/__init__.py, /proj/pkg/mod.py   ->   "pkg" (package), "pkg.mod"
//     /proj/ns/x.py (no __init__)               ->   "ns" (namespace package), "ns.x"
#pragma once

#include <map>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include "checker/resolve/ModuleResolver.h"

namespace shrike::checker {

class ModuleOverlays {
public:
  // `roots`: the folders module names are relative to (the project root first).
  void setRoots(std::vector<std::string> roots);
  void add(const std::string& path);
  void remove(const std::string& path);
  bool empty() const;
  bool contains(const std::string& path) const;

  ResolvedModule resolve(std::string_view dottedName) const;
  ResolvedModule resolveRelative(std::string_view importingFile, unsigned level,
                                 std::string_view name) const;
  std::optional<std::string> moduleNameOf(std::string_view path) const;
  // The submodule names of a package folder.
  std::vector<std::string> submodules(const std::string& folder) const;

private:
  ResolvedModule resolveIn(const std::string& folder, std::string_view dottedName,
                           std::string name) const;
  bool hasFile(const std::string& path) const { return files_.count(path) != 0; }
  bool hasFolder(const std::string& folder) const;

  mutable std::shared_mutex mutex_;
  std::vector<std::string> roots_;
  std::map<std::string, int> files_;
};

} // namespace shrike::checker
