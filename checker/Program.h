// Program: the one engine both front ends drive — files in, diagnostics (and later the IDE
// index) out. The CLI checks a set of files once; the server keeps a Program alive, feeds it
// editor buffers as overlays and asks again after each change.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "checker/check/Diagnostic.h"
#include "checker/config/Settings.h"
#include "parser/SourceText.h"

namespace shrike::checker {

// The result of checking one file: its text (for excerpts and position conversion) and its
// diagnostics, sorted by position, with severities after configuration and suppressions.
struct CheckedFile {
  std::string path;
  std::shared_ptr<const parser::SourceText> text; // null when the file could not be read
  std::vector<Diagnostic> diagnostics;
  std::string readError; // why the file could not be read, when it could not
};

class Program {
public:
  explicit Program(Settings settings);
  ~Program();
  Program(const Program&) = delete;
  Program& operator=(const Program&) = delete;

  const Settings& settings() const { return settings_; }
  void updateSettings(Settings settings);

  // An editor buffer for `path`; it wins over the file on disk until cleared.
  void setOverlay(const std::string& path, std::shared_ptr<const parser::SourceText> text);
  void clearOverlay(const std::string& path);
  // A file changed, appeared or disappeared on disk.
  void fileChangedOnDisk(const std::string& path);

  CheckedFile checkFile(const std::string& path);
  // Checks files on `threads` threads (0: all cores); results in the order of `paths`.
  std::vector<CheckedFile> checkFiles(const std::vector<std::string>& paths, unsigned threads = 0);

private:
  std::shared_ptr<const parser::SourceText> readText(const std::string& path, std::string& error);

  Settings settings_;
  std::mutex overlaysMutex_;
  std::unordered_map<std::string, std::shared_ptr<const parser::SourceText>> overlays_;
};

} // namespace shrike::checker
