// Environment: the target Python environment (its interpreter, version, platform and
// search paths), asked of the interpreter once (and remembered across runs, see
// InterpreterCache), and the target version/platform that
// resolution and the binder's static conditions share.
//
//     Settings::python, else $VIRTUAL_ENV, else <project>/.venv, else python3 on PATH
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "checker/config/Settings.h"

namespace shrike::checker {

class InterpreterCache;

// Facts about the target Python environment, asked of its interpreter once.
struct Environment {
  std::string interpreter;               // empty when none was found
  std::optional<PythonVersion> version;  // the interpreter's version
  std::string platform;                  // sys.platform of the interpreter
  std::vector<std::string> sitePackages; // in sys.path order
  // The interpreter's own standard library folders (lib/pythonX.Y, lib-dynload): searched
  // last, and only for modules typeshed's stdlib does not know at all (test, idlelib...).
  std::vector<std::string> stdlibPaths;
  // sys.builtin_module_names: modules compiled into the interpreter (_functools, _sre...),
  // which exist although no file holds them. Sorted.
  std::vector<std::string> builtinModules;
  // Set when an interpreter was expected but could not be used; resolution goes on
  // without site-packages. Front ends show it once.
  std::string warning;
};

// The version and platform a check targets.
struct PythonTarget {
  PythonVersion version;
  std::string platform; // a sys.platform value: "linux", "darwin", "win32"; or "all"
};

// Where the interpreter comes from, before anything is run.
struct InterpreterChoice {
  std::string path;    // an executable (empty: none found)
  std::string source;  // "configured", "VIRTUAL_ENV", ".venv", "PATH"
  std::string problem; // set when a configured interpreter or environment is unusable
};

// Picks the interpreter by the order above. `virtualEnv` is $VIRTUAL_ENV (nullopt: unset)
// and `pathVariable` is $PATH; they are parameters so tests need not change the process.
InterpreterChoice chooseInterpreter(const Settings& settings, std::optional<std::string> virtualEnv,
                                    std::optional<std::string> pathVariable);

// Runs `interpreter` once (no shell, stdout captured, stderr dropped, killed past `timeout`)
// and reads its answer. Failures come back as an Environment with only `warning` set.
Environment queryInterpreter(const std::string& interpreter,
                             std::chrono::milliseconds timeout = std::chrono::seconds(10));

// queryInterpreter, unless `cache` holds an answer from an earlier run that is still valid;
// a new answer is stored there.
Environment queryInterpreterCached(const std::string& interpreter, const InterpreterCache& cache,
                                   std::chrono::milliseconds timeout = std::chrono::seconds(10));

// chooseInterpreter + queryInterpreterCached (InterpreterCache::defaultFolder()) with this
// process's environment variables; the answer is remembered per interpreter for the life of the
// process.
Environment discoverEnvironment(const Settings& settings);

// Settings::pythonVersion, else the project's requires-python lower bound, else the
// interpreter's version, else 3.13. The platform: Settings::pythonPlatform, else the
// interpreter's sys.platform, else "linux".
PythonTarget effectiveTarget(const Settings& settings, const Environment& environment);

// The interpreter's answer, parsed: lines of "version 3 11", "platform linux",
// "site /path", "stdlib /path" and "builtin name". Exposed for tests.
Environment parseInterpreterAnswer(const std::string& answer);

} // namespace shrike::checker
