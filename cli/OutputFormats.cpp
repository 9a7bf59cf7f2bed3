// OutputFormats: format names and dispatch.
#include "cli/OutputFormats.h"

namespace shrike::cli {

const std::vector<std::string_view>& outputFormatNames() {
  static const std::vector<std::string_view> names = {"full",   "concise", "json", "github",
                                                      "gitlab", "sarif",   "junit"};
  return names;
}

std::string_view outputFormatName(OutputFormat format) {
  return outputFormatNames()[static_cast<size_t>(format)];
}

std::optional<OutputFormat> parseOutputFormat(std::string_view name) {
  const auto& names = outputFormatNames();
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<OutputFormat>(i);
  return std::nullopt;
}

void writeReport(OutputFormat format, const Report& report, std::ostream& out,
                 const FormatContext& context) {
  switch (format) {
  case OutputFormat::Full: return writeFull(report, out, context);
  case OutputFormat::Concise: return writeConcise(report, out, context);
  case OutputFormat::Json: return writeJson(report, out, context);
  case OutputFormat::Github: return writeGithub(report, out, context);
  case OutputFormat::Gitlab: return writeGitlab(report, out, context);
  case OutputFormat::Sarif: return writeSarif(report, out, context);
  case OutputFormat::Junit: return writeJunit(report, out, context);
  }
}

} // namespace shrike::cli
