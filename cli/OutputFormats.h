// OutputFormats: the ways a report is written to stdout — for people (full, concise) and for
// tools (json, github, gitlab, sarif, junit). Each format lives in its own file.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/Report.h"
#include "cli/Terminal.h"

namespace shrike::cli {

enum class OutputFormat : uint8_t { Full, Concise, Json, Github, Gitlab, Sarif, Junit };

const std::vector<std::string_view>& outputFormatNames();
std::string_view outputFormatName(OutputFormat format);
std::optional<OutputFormat> parseOutputFormat(std::string_view name);

struct FormatContext {
  Style style{false};
  std::string version; // Shrike's version, for tool metadata
  std::string cwd;     // the folder display paths are relative to
};

void writeFull(const Report& report, std::ostream& out, const FormatContext& context);
void writeConcise(const Report& report, std::ostream& out, const FormatContext& context);
void writeJson(const Report& report, std::ostream& out, const FormatContext& context);
void writeGithub(const Report& report, std::ostream& out, const FormatContext& context);
void writeGitlab(const Report& report, std::ostream& out, const FormatContext& context);
void writeSarif(const Report& report, std::ostream& out, const FormatContext& context);
void writeJunit(const Report& report, std::ostream& out, const FormatContext& context);

void writeReport(OutputFormat format, const Report& report, std::ostream& out,
                 const FormatContext& context);

// The concise line for one diagnostic (`path:line:col: error[rule-code] message`), shared
// by the formats that embed it (junit).
std::string conciseLine(const ReportDiagnostic& diagnostic);

} // namespace shrike::cli
