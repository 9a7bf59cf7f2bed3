// Baseline: the JSON file format (version 1, sorted entries for readable diffs) and matching.
#include "cli/Baseline.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace shrike::cli {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

std::string folderOf(const std::string& path) {
  return fs::absolute(path).lexically_normal().parent_path().string();
}

// Baselines name files relative to their own folder, so they stay valid whichever folder
// Shrike runs from.
std::string relativeTo(const std::string& absolute, const std::string& folder) {
  return fs::path(absolute).lexically_relative(folder).generic_string();
}

} // namespace

std::optional<Baseline> Baseline::load(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read the baseline file";
    return std::nullopt;
  }
  Json document = Json::parse(in, nullptr, false);
  if (document.is_discarded() || !document.is_object() || !document.contains("diagnostics") ||
      !document["diagnostics"].is_array() || !document.contains("version") ||
      !document["version"].is_number_integer() || document["version"].get<int64_t>() != 1) {
    error = "not a Shrike baseline (version 1); write one with --write-baseline";
    return std::nullopt;
  }
  Baseline baseline;
  baseline.folder_ = folderOf(path);
  for (const Json& entry : document["diagnostics"]) {
    if (!entry.is_object() || !entry.contains("file") || !entry["file"].is_string() ||
        !entry.contains("rule") || !entry["rule"].is_string() || !entry.contains("message") ||
        !entry["message"].is_string()) {
      error = "a baseline entry lacks its file, rule or message";
      return std::nullopt;
    }
    size_t count = entry.contains("count") && entry["count"].is_number_unsigned()
                       ? entry["count"].get<size_t>()
                       : 1;
    baseline.entries_[{entry["file"].get<std::string>(), entry["rule"].get<std::string>(),
                       entry["message"].get<std::string>()}] += count;
  }
  return baseline;
}

bool Baseline::write(const std::string& path, const Report& report, std::string& error) {
  std::string folder = folderOf(path);
  std::map<Key, size_t> entries;
  for (const ReportDiagnostic& d : report.diagnostics)
    ++entries[{relativeTo(d.absolutePath, folder), std::string(d.code()), d.message}];
  Json diagnostics = Json::array();
  for (const auto& [key, count] : entries)
    diagnostics.push_back(Json{{"file", std::get<0>(key)},
                               {"rule", std::get<1>(key)},
                               {"message", std::get<2>(key)},
                               {"count", count}});
  Json document{{"version", 1}, {"tool", "shrike"}, {"diagnostics", std::move(diagnostics)}};
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) {
    error = "cannot write the baseline file";
    return false;
  }
  out << document.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
  out.close();
  if (!out) {
    error = "cannot write the baseline file";
    return false;
  }
  return true;
}

void Baseline::apply(Report& report) const {
  std::map<Key, size_t> remaining = entries_;
  std::vector<ReportDiagnostic> kept;
  kept.reserve(report.diagnostics.size());
  for (ReportDiagnostic& d : report.diagnostics) {
    auto it =
        remaining.find({relativeTo(d.absolutePath, folder_), std::string(d.code()), d.message});
    if (it != remaining.end() && it->second > 0) {
      --it->second;
      ++report.hiddenByBaseline;
      continue;
    }
    kept.push_back(std::move(d));
  }
  report.diagnostics = std::move(kept);
}

size_t Baseline::size() const {
  size_t total = 0;
  for (const auto& [key, count] : entries_) total += count;
  return total;
}

} // namespace shrike::cli
