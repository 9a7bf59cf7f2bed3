// Baseline: records today's diagnostics so that a project can adopt Shrike (or a stricter
// rule) and fail only on new ones. Entries match by file, rule and message — not by line —
// so that moving code does not bring recorded diagnostics back; a count per entry keeps
// a second identical diagnostic in the same file visible as new.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <tuple>

#include "cli/Report.h"

namespace shrike::cli {

class Baseline {
public:
  // Reads a baseline written by `write`; nullopt with `error` set when it cannot.
  static std::optional<Baseline> load(const std::string& path, std::string& error);
  // Writes every diagnostic of `report`; false with `error` set when it cannot.
  static bool write(const std::string& path, const Report& report, std::string& error);

  // Removes the diagnostics the baseline records and counts them in `report.hiddenByBaseline`.
  void apply(Report& report) const;

  size_t size() const;

private:
  // (file relative to the baseline's folder, rule code, message) -> how many.
  using Key = std::tuple<std::string, std::string, std::string>;
  std::map<Key, size_t> entries_;
  std::string folder_;
};

} // namespace shrike::cli
