// FileSystemView: the few file-system questions file discovery asks, behind an interface so
// that tests can stage what real folders cannot show (for instance a folder that even root
// cannot read).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace shrike::checker {

enum class EntryType : uint8_t {
  File,
  Directory,
  Other,       // a socket, device or fifo
  Missing,     // no such entry, or a symlink whose target is missing
  SymlinkLoop, // a chain of symlinks that never ends (ELOOP)
  Unreadable,  // any other error; `error` says which
};

struct EntryStatus {
  EntryType type = EntryType::Missing;
  uint64_t device = 0;
  uint64_t inode = 0;
  int error = 0; // errno when the status could not be read
};

class FileSystemView {
public:
  virtual ~FileSystemView() = default;
  // The status of `path`, following symlinks.
  virtual EntryStatus status(const std::string& path) const = 0;
  // The names in a folder (without "." and ".."); 0 or an errno.
  virtual int list(const std::string& path, std::vector<std::string>& names) const = 0;
  // The same, with whether the folder's own listing says each entry is a plain file (not a
  // symlink), so that a walk can pass over the files it does not want without a status call
  // each (a Django tree has thousands of translation files). A view that cannot tell says no.
  virtual int listWithPlainFiles(const std::string& path, std::vector<std::string>& names,
                                 std::vector<bool>& plainFiles) const {
    int error = list(path, names);
    plainFiles.assign(names.size(), false);
    return error;
  }
  // A small text file (a .gitignore); nullopt when it cannot be read.
  virtual std::optional<std::string> readFile(const std::string& path) const = 0;
};

// The real file system, through POSIX calls (for precise errno values).
const FileSystemView& realFileSystem();

} // namespace shrike::checker
