// CheckOptions: what `shrike check` was asked on the command line, before it is merged with
// the configuration (command-line values win).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "checker/config/Settings.h"

namespace shrike::cli {

struct CheckOptions {
  std::vector<std::string> paths;
  std::optional<std::string> pythonVersion;
  std::optional<std::string> pythonPlatform;
  std::optional<std::string> python;
  std::vector<std::string> extraSearchPaths;
  std::optional<unsigned> threads;
  std::optional<std::string> outputFormat;
  // --error/--warn/--ignore in the order given, so `--ignore all --error x` works.
  std::vector<std::pair<checker::RuleLevel, std::string>> ruleLevels;
  bool exitZero = false;
  bool errorOnWarning = false;
  std::optional<std::string> color;
  std::optional<std::string> configFile;
  std::optional<std::string> baseline;
  std::optional<std::string> writeBaseline;
  bool noRespectGitignore = false;
  bool statistics = false;
  bool quiet = false;
  bool verbose = false;
};

} // namespace shrike::cli
