// Environment: interpreter discovery, the one query of the interpreter, and the target.
#include "checker/resolve/Environment.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

#include "checker/resolve/InterpreterCache.h"
#include "checker/resolve/RequiresPython.h"
#include "checker/resolve/Subprocess.h"

namespace shrike::checker {

namespace fs = std::filesystem;

namespace {

// What the interpreter is asked. sys.path[0] is "" under -c and is skipped with the other
// entries that are not folders (the zipped stdlib, missing user site folders).
constexpr const char* kQueryScript = R"PY(
import os, sys, sysconfig
print("version", sys.version_info[0], sys.version_info[1])
print("platform", sys.platform)
paths = sysconfig.get_paths()
std = {os.path.realpath(paths[k]) for k in ("stdlib", "platstdlib") if k in paths}
for entry in sys.path:
    if not entry or not os.path.isdir(entry):
        continue
    real = os.path.realpath(entry)
    own = real in std or (os.path.dirname(real) in std and os.path.basename(real) == "lib-dynload")
    print("stdlib" if own else "site", os.path.abspath(entry))
for name in sys.builtin_module_names:
    print("builtin", name)
)PY";

bool isExecutableFile(const std::string& path) {
  struct stat info {};
  return stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) && access(path.c_str(), X_OK) == 0;
}

bool isDirectory(const std::string& path) {
  struct stat info {};
  return stat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

// The interpreter inside an environment folder (a venv, a conda env), or "".
std::string interpreterInEnvironment(const std::string& folder) {
  for (const char* relative : {"bin/python3", "bin/python", "Scripts/python.exe", "python.exe"}) {
    std::string candidate = (fs::path(folder) / relative).string();
    if (isExecutableFile(candidate)) return candidate;
  }
  return "";
}

std::string absoluteFrom(const std::string& base, const std::string& path) {
  fs::path result(path);
  if (result.is_relative() && !base.empty()) result = fs::path(base) / result;
  return result.lexically_normal().string();
}

std::string findOnPath(const std::string& program, const std::string& pathVariable) {
  std::stringstream entries(pathVariable);
  std::string entry;
  while (std::getline(entries, entry, ':')) {
    if (entry.empty()) continue;
    std::string candidate = (fs::path(entry) / program).string();
    if (isExecutableFile(candidate)) return candidate;
  }
  return "";
}

// The lower bound of <project>/pyproject.toml's requires-python, never below 3.0 (typeshed
// does not describe Python 2).
std::optional<PythonVersion> projectLowerBound(const Settings& settings) {
  if (settings.projectRoot.empty()) return std::nullopt;
  std::string pyproject = (fs::path(settings.projectRoot) / "pyproject.toml").string();
  std::optional<std::string> specifiers = readRequiresPython(pyproject);
  if (!specifiers) return std::nullopt;
  std::optional<PythonVersion> bound = requiresPythonLowerBound(*specifiers);
  if (bound && bound->major < 3) bound = PythonVersion{3, 0};
  return bound;
}

} // namespace

InterpreterChoice chooseInterpreter(const Settings& settings, std::optional<std::string> virtualEnv,
                                    std::optional<std::string> pathVariable) {
  InterpreterChoice choice;
  if (settings.python && !settings.python->empty()) {
    // A configured interpreter is never silently swapped for another one.
    choice.source = "configured";
    std::string configured = absoluteFrom(settings.projectRoot, *settings.python);
    if (isDirectory(configured)) {
      choice.path = interpreterInEnvironment(configured);
      if (choice.path.empty())
        choice.problem = "the configured Python environment '" + configured +
                         "' has no interpreter (looked for bin/python3, bin/python)";
    } else if (isExecutableFile(configured)) {
      choice.path = configured;
    } else {
      choice.problem = "the configured Python interpreter '" + configured +
                       "' does not exist or is not executable";
    }
    return choice;
  }
  if (virtualEnv && !virtualEnv->empty()) {
    choice.path = interpreterInEnvironment(*virtualEnv);
    choice.source = "VIRTUAL_ENV";
    if (!choice.path.empty()) return choice;
  }
  if (!settings.projectRoot.empty()) {
    choice.path = interpreterInEnvironment((fs::path(settings.projectRoot) / ".venv").string());
    choice.source = ".venv";
    if (!choice.path.empty()) return choice;
  }
  choice.source = "PATH";
  choice.path = findOnPath("python3", pathVariable.value_or(""));
  if (choice.path.empty())
    choice.problem = "no Python interpreter was found (no virtual environment, no python3 on PATH)";
  return choice;
}

Environment parseInterpreterAnswer(const std::string& answer) {
  Environment environment;
  std::stringstream lines(answer);
  std::string line;
  while (std::getline(lines, line)) {
    size_t space = line.find(' ');
    if (space == std::string::npos) continue;
    std::string key = line.substr(0, space);
    std::string value = line.substr(space + 1);
    if (key == "version") {
      unsigned major = 0, minor = 0;
      std::stringstream numbers(value);
      if (numbers >> major >> minor) environment.version = PythonVersion{major, minor};
    } else if (key == "platform") {
      environment.platform = value;
    } else if (key == "site") {
      environment.sitePackages.push_back(fs::path(value).lexically_normal().string());
    } else if (key == "stdlib") {
      environment.stdlibPaths.push_back(fs::path(value).lexically_normal().string());
    } else if (key == "builtin") {
      environment.builtinModules.push_back(value);
    }
  }
  std::sort(environment.builtinModules.begin(), environment.builtinModules.end());
  return environment;
}

namespace {

// One run of the interpreter: the environment, and the raw answer when it was understood.
struct InterpreterRun {
  Environment environment;
  std::string answer;
};

InterpreterRun runInterpreter(const std::string& interpreter, std::chrono::milliseconds timeout) {
  ProcessResult run = runProcess({interpreter, "-B", "-c", kQueryScript}, timeout);
  std::string unusable = "the Python interpreter '" + interpreter + "' ";
  InterpreterRun result;
  Environment& environment = result.environment;
  if (!run.started) {
    environment.warning = unusable + "could not be run (" + run.error + ")";
  } else if (run.timedOut) {
    environment.warning =
        unusable + "did not answer within " + std::to_string(timeout.count()) + " ms";
  } else if (run.exitCode != 0) {
    environment.warning = unusable + "failed (exit status " + std::to_string(run.exitCode) + ")";
  } else {
    environment = parseInterpreterAnswer(run.output);
    if (!environment.version) {
      environment = Environment{};
      environment.warning = unusable + "gave an answer that is not understood";
    } else {
      result.answer = std::move(run.output);
    }
  }
  environment.interpreter = interpreter;
  if (!environment.warning.empty()) environment.warning += "; site-packages are not searched";
  return result;
}

} // namespace

Environment queryInterpreter(const std::string& interpreter, std::chrono::milliseconds timeout) {
  return runInterpreter(interpreter, timeout).environment;
}

Environment queryInterpreterCached(const std::string& interpreter, const InterpreterCache& cache,
                                   std::chrono::milliseconds timeout) {
  if (std::optional<std::string> answer = cache.load(interpreter)) {
    Environment environment = parseInterpreterAnswer(*answer);
    if (environment.version) {
      environment.interpreter = interpreter;
      return environment;
    }
  }
  InterpreterRun run = runInterpreter(interpreter, timeout);
  if (!run.answer.empty()) cache.store(interpreter, run.answer);
  return run.environment;
}

Environment discoverEnvironment(const Settings& settings) {
  auto variable = [](const char* name) -> std::optional<std::string> {
    const char* value = std::getenv(name);
    return value ? std::optional<std::string>(value) : std::nullopt;
  };
  InterpreterChoice choice = chooseInterpreter(settings, variable("VIRTUAL_ENV"), variable("PATH"));
  if (choice.path.empty()) {
    Environment environment;
    environment.warning = choice.problem + "; site-packages are not searched";
    return environment;
  }
  static std::mutex mutex;
  static std::map<std::string, Environment> answers;
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (auto it = answers.find(choice.path); it != answers.end()) return it->second;
  }
  // Asked outside the lock: a slow interpreter must not hold up other environments. Two
  // threads asking at once for the same one both run it; the answers are the same.
  Environment environment =
      queryInterpreterCached(choice.path, InterpreterCache(InterpreterCache::defaultFolder()));
  std::lock_guard<std::mutex> lock(mutex);
  return answers.emplace(choice.path, std::move(environment)).first->second;
}

PythonTarget effectiveTarget(const Settings& settings, const Environment& environment) {
  PythonTarget target;
  if (settings.pythonVersion)
    target.version = *settings.pythonVersion;
  else if (std::optional<PythonVersion> bound = projectLowerBound(settings))
    target.version = *bound;
  else if (environment.version)
    target.version = *environment.version;
  else
    target.version = PythonVersion{3, 13};
  if (settings.pythonPlatform && !settings.pythonPlatform->empty())
    target.platform = *settings.pythonPlatform;
  else if (!environment.platform.empty())
    target.platform = environment.platform;
  else
    target.platform = "linux";
  return target;
}

} // namespace shrike::checker
