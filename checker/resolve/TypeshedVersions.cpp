// TypeshedVersions: the VERSIONS parser and the most-specific-entry lookup.
#include "checker/resolve/TypeshedVersions.h"

#include <cctype>
#include <fstream>
#include <sstream>

namespace shrike::checker {

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return text;
}

// "3.12" -> 3.12; anything else -> nullopt.
std::optional<PythonVersion> parseVersion(std::string_view text) {
  size_t dot = text.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == text.size()) return std::nullopt;
  PythonVersion version{0, 0};
  for (char c : text.substr(0, dot)) {
    if (!std::isdigit(static_cast<unsigned char>(c)) || version.major > 100) return std::nullopt;
    version.major = version.major * 10 + static_cast<uint32_t>(c - '0');
  }
  for (char c : text.substr(dot + 1)) {
    if (!std::isdigit(static_cast<unsigned char>(c)) || version.minor > 100) return std::nullopt;
    version.minor = version.minor * 10 + static_cast<uint32_t>(c - '0');
  }
  return version;
}

} // namespace

TypeshedVersions TypeshedVersions::parse(std::string_view text) {
  TypeshedVersions versions;
  size_t lineNumber = 0;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++lineNumber;
    if (size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = trim(line);
    if (line.empty()) continue;
    auto bad = [&] {
      versions.problems_.push_back("VERSIONS line " + std::to_string(lineNumber) + ": '" +
                                   std::string(line) +
                                   "' is not 'module: 3.X-' or 'module: 3.X-3.Y'");
    };
    size_t colon = line.find(':');
    size_t dash = line.find('-', colon == std::string_view::npos ? 0 : colon);
    if (colon == std::string_view::npos || dash == std::string_view::npos) {
      bad();
      continue;
    }
    std::string_view module = trim(line.substr(0, colon));
    std::optional<PythonVersion> first =
        parseVersion(trim(line.substr(colon + 1, dash - colon - 1)));
    std::string_view lastText = trim(line.substr(dash + 1));
    std::optional<PythonVersion> last = lastText.empty() ? std::nullopt : parseVersion(lastText);
    if (module.empty() || !first || (!lastText.empty() && !last)) {
      bad();
      continue;
    }
    versions.entries_[std::string(module)] = VersionRange{*first, last};
  }
  return versions;
}

TypeshedVersions TypeshedVersions::load(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    TypeshedVersions versions;
    versions.problems_.push_back("cannot read " + path +
                                 ": standard-library modules are not gated by version");
    return versions;
  }
  std::stringstream contents;
  contents << file.rdbuf();
  return parse(contents.str());
}

const VersionRange* TypeshedVersions::rangeOf(std::string_view module) const {
  std::string name(module);
  while (true) {
    if (auto it = entries_.find(name); it != entries_.end()) return &it->second;
    size_t dot = name.rfind('.');
    if (dot == std::string::npos) return nullptr;
    name.resize(dot);
  }
}

StdlibAvailability TypeshedVersions::availability(std::string_view module,
                                                  PythonVersion target) const {
  const VersionRange* range = rangeOf(module);
  if (!range) return StdlibAvailability::Unlisted;
  if (target < range->first) return StdlibAvailability::TooNew;
  if (range->last && *range->last < target) return StdlibAvailability::Removed;
  return StdlibAvailability::Available;
}

std::string TypeshedVersions::note(std::string_view module, PythonVersion target) const {
  const VersionRange* range = rangeOf(module);
  if (!range || range->contains(target)) return "";
  if (target < range->first) return "added in Python " + range->first.toString();
  PythonVersion removed{range->last->major, range->last->minor + 1};
  return "removed in Python " + removed.toString();
}

} // namespace shrike::checker
