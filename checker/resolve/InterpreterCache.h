// InterpreterCache: the interpreter's answer kept on disk between runs, used while nothing
// that shapes it has changed.
//
// Starting Python to read its sys.path costs tens of milliseconds on a quiet machine and
// up to a second on a loaded one, which is most of a small project's check. The answer is
// reused only while the interpreter file, the variables that shape sys.path (PYTHONPATH,
// PYTHONHOME, PYTHONUSERBASE, PYTHONNOUSERSITE, HOME) and the folders the answer names
// (whose modification times change when a .pth file or a package is added) are the same;
// the user site folder is watched too, as it may appear later.
#pragma once

#include <optional>
#include <string>

namespace shrike::checker {

class InterpreterCache {
public:
  // `folder` empty: nothing is read or written.
  explicit InterpreterCache(std::string folder) : folder_(std::move(folder)) {}

  // $SHRIKE_CACHE_DIR (set but empty: no cache), else $XDG_CACHE_HOME/shrike, else
  // $HOME/.cache/shrike; empty when none of them is set.
  static std::string defaultFolder();

  // The answer stored for `interpreter` when it is still valid.
  std::optional<std::string> load(const std::string& interpreter) const;
  // Stores an answer (parseInterpreterAnswer's format). Failures are ignored: the cache
  // only saves time.
  void store(const std::string& interpreter, const std::string& answer) const;

private:
  std::string fileFor(const std::string& interpreter) const;
  std::string folder_;
};

} // namespace shrike::checker
