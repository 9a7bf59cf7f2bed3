// StubSnapshot: finds and opens the stub snapshot once per process.
#include "checker/StubSnapshot.h"

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string_view>

namespace shrike::checker {

namespace {

struct Opened {
  std::unique_ptr<parser::AstSnapshot> snapshot;
  std::string note;
};

Opened openSnapshot() {
  Opened opened;
  std::string path;
  if (const char* setting = std::getenv("SHRIKE_STUB_SNAPSHOT"); setting && *setting) {
    if (std::string_view(setting) == "off") {
      opened.note = "stub snapshot: off (SHRIKE_STUB_SNAPSHOT=off)";
      return opened;
    }
    path = setting;
  } else {
    std::error_code ec;
    std::filesystem::path executable = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) {
      opened.note = "stub snapshot: none (the executable's folder is unknown)";
      return opened;
    }
    path = (executable.parent_path() / stubSnapshotFileName).string();
  }
  std::string why;
  opened.snapshot = parser::AstSnapshot::open(path, &why);
  opened.note = opened.snapshot ? "stub snapshot: " + path + " (" +
                                      std::to_string(opened.snapshot->entryCount()) + " stubs)"
                                : "stub snapshot: not used: " + why;
  return opened;
}

const Opened& opened() {
  static const Opened instance = openSnapshot();
  return instance;
}

} // namespace

const parser::AstSnapshot* stubSnapshot() {
  return opened().snapshot.get();
}

std::string stubSnapshotNote() {
  return opened().note;
}

} // namespace shrike::checker
