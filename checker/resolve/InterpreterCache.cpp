// InterpreterCache: the interpreter's answer on disk, with what it depends on.
#include "checker/resolve/InterpreterCache.h"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

#include "checker/resolve/Environment.h"
#include "parser/StableHash.h"

namespace shrike::checker {

namespace fs = std::filesystem;

namespace {

constexpr const char* kFormat = "shrike-interpreter-cache 1";

std::string variable(const char* name) {
  const char* value = std::getenv(name);
  return value ? std::string("=") + value : std::string("unset");
}

// Modification time and size of a path, or "missing".
std::string stamp(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return "missing";
  return std::to_string(info.st_mtim.tv_sec) + "." + std::to_string(info.st_mtim.tv_nsec) + "/" +
         std::to_string(info.st_size);
}

// What the answer depends on before it is known: the interpreter and the environment.
std::string keyOf(const std::string& interpreter) {
  std::error_code ec;
  fs::path real = fs::canonical(interpreter, ec);
  std::string key = interpreter + "|" + (ec ? std::string("?") : real.string()) + "|" +
                    stamp(interpreter) + "|" + stamp(real.string());
  // A virtual environment's interpreter is a link; its pyvenv.cfg decides the paths.
  key += "|" + stamp((fs::path(interpreter).parent_path().parent_path() / "pyvenv.cfg").string());
  for (const char* name :
       {"PYTHONPATH", "PYTHONHOME", "PYTHONUSERBASE", "PYTHONNOUSERSITE", "PYTHONSAFEPATH", "HOME"})
    key += std::string("|") + name + variable(name);
  return key;
}

// The folders whose changes make the answer stale.
std::vector<std::string> watchedFolders(const std::string& answer) {
  Environment parsed = parseInterpreterAnswer(answer);
  std::vector<std::string> folders = parsed.sitePackages;
  folders.insert(folders.end(), parsed.stdlibPaths.begin(), parsed.stdlibPaths.end());
  const char* home = std::getenv("HOME");
  if (home && parsed.version) {
    std::string userBase = std::getenv("PYTHONUSERBASE") ? std::getenv("PYTHONUSERBASE")
                                                         : std::string(home) + "/.local";
    std::string version =
        std::to_string(parsed.version->major) + "." + std::to_string(parsed.version->minor);
    folders.push_back(userBase + "/lib/python" + version + "/site-packages");
  }
  return folders;
}

} // namespace

std::string InterpreterCache::defaultFolder() {
  if (const char* configured = std::getenv("SHRIKE_CACHE_DIR")) return configured;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg)
    return std::string(xdg) + "/shrike";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::string(home) + "/.cache/shrike";
  return "";
}

std::string InterpreterCache::fileFor(const std::string& interpreter) const {
  char name[32];
  std::snprintf(name, sizeof name, "%016llx",
                static_cast<unsigned long long>(parser::stableHash(interpreter)));
  return folder_ + "/interpreters/" + name;
}

std::optional<std::string> InterpreterCache::load(const std::string& interpreter) const {
  if (folder_.empty()) return std::nullopt;
  std::ifstream in(fileFor(interpreter), std::ios::binary);
  if (!in) return std::nullopt;
  std::string line;
  if (!std::getline(in, line) || line != kFormat) return std::nullopt;
  if (!std::getline(in, line) || line != "key " + keyOf(interpreter)) return std::nullopt;
  std::ostringstream answer;
  while (std::getline(in, line)) {
    if (line.rfind("watch ", 0) == 0) {
      // "watch <stamp> <path>": the path last, as it may hold spaces.
      std::string rest = line.substr(6);
      size_t space = rest.find(' ');
      if (space == std::string::npos) return std::nullopt;
      if (stamp(rest.substr(space + 1)) != rest.substr(0, space)) return std::nullopt;
    } else if (line.rfind("answer ", 0) == 0) {
      answer << line.substr(7) << '\n';
    }
  }
  return answer.str();
}

void InterpreterCache::store(const std::string& interpreter, const std::string& answer) const {
  if (folder_.empty()) return;
  std::error_code ec;
  fs::create_directories(folder_ + "/interpreters", ec);
  if (ec) return;
  std::string file = fileFor(interpreter);
  // Written aside and renamed into place: concurrent runs never read half a file.
  std::string temporary = file + "." + std::to_string(::getpid()) + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) return;
    out << kFormat << '\n' << "key " << keyOf(interpreter) << '\n';
    for (const std::string& folder : watchedFolders(answer))
      out << "watch " << stamp(folder) << ' ' << folder << '\n';
    std::istringstream lines(answer);
    std::string line;
    while (std::getline(lines, line)) out << "answer " << line << '\n';
    if (!out.flush()) {
      fs::remove(temporary, ec);
      return;
    }
  }
  fs::rename(temporary, file, ec);
  if (ec) fs::remove(temporary, ec);
}

} // namespace shrike::checker
