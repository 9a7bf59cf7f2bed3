// ResolverTestTree: a temporary folder tree for the resolver and environment tests.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/stat.h>

namespace shrike::testing {

class ResolverTestTree {
public:
  ResolverTestTree() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "shrike-resolver-XXXXXX").string();
    root_ = mkdtemp(pattern.data());
  }
  ~ResolverTestTree() {
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }
  ResolverTestTree(const ResolverTestTree&) = delete;
  ResolverTestTree& operator=(const ResolverTestTree&) = delete;

  // The absolute path of `relative` inside the tree.
  std::string path(const std::string& relative = "") const {
    return relative.empty() ? root_ : root_ + "/" + relative;
  }
  // Writes a file (and its folders); returns its absolute path.
  std::string file(const std::string& relative, const std::string& contents = "") const {
    std::filesystem::path full = path(relative);
    std::filesystem::create_directories(full.parent_path());
    std::ofstream(full, std::ios::binary) << contents;
    return full.string();
  }
  // An executable shell script.
  std::string script(const std::string& relative, const std::string& body) const {
    std::string full = file(relative, "#!/bin/sh\n" + body + "\n");
    chmod(full.c_str(), 0755);
    return full;
  }
  std::string folder(const std::string& relative) const {
    std::filesystem::create_directories(path(relative));
    return path(relative);
  }
  void remove(const std::string& relative) const { std::filesystem::remove_all(path(relative)); }

private:
  std::string root_;
};

} // namespace shrike::testing
