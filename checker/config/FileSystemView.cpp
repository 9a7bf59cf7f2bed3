// FileSystemView: the POSIX implementation.
#include "checker/config/FileSystemView.h"

#include <cerrno>
#include <dirent.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

namespace shrike::checker {

namespace {

class PosixFileSystem final : public FileSystemView {
public:
  EntryStatus status(const std::string& path) const override {
    struct stat info {};
    EntryStatus status;
    if (::stat(path.c_str(), &info) != 0) {
      status.error = errno;
      status.type = errno == ENOENT || errno == ENOTDIR ? EntryType::Missing
                    : errno == ELOOP                    ? EntryType::SymlinkLoop
                                                        : EntryType::Unreadable;
      return status;
    }
    status.device = static_cast<uint64_t>(info.st_dev);
    status.inode = static_cast<uint64_t>(info.st_ino);
    status.type = S_ISDIR(info.st_mode)   ? EntryType::Directory
                  : S_ISREG(info.st_mode) ? EntryType::File
                                          : EntryType::Other;
    return status;
  }

  int list(const std::string& path, std::vector<std::string>& names) const override {
    std::vector<bool> plainFiles;
    return listWithPlainFiles(path, names, plainFiles);
  }

  int listWithPlainFiles(const std::string& path, std::vector<std::string>& names,
                         std::vector<bool>& plainFiles) const override {
    DIR* dir = ::opendir(path.c_str());
    if (!dir) return errno;
    errno = 0;
    while (dirent* entry = ::readdir(dir)) {
      std::string_view name = entry->d_name;
      if (name != "." && name != "..") {
        names.emplace_back(name);
        // DT_UNKNOWN (some file systems) and symlinks get a status call as before.
        plainFiles.push_back(entry->d_type == DT_REG);
      }
      errno = 0;
    }
    int error = errno;
    ::closedir(dir);
    return error;
  }

  std::optional<std::string> readFile(const std::string& path) const override {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return std::move(buffer).str();
  }
};

} // namespace

const FileSystemView& realFileSystem() {
  static const PosixFileSystem fileSystem;
  return fileSystem;
}

} // namespace shrike::checker
