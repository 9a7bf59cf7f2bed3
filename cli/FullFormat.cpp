// FullFormat: diagnostics for people, in the style of rustc and ty — a header with the rule
// code, the location, the source line(s) with the range underlined, then notes:
//
//     error[invalid-syntax]: Expected an expression
//      --> src/app.py:3:9
//       |
//     3 | x = (1 +
//       |         ^
//       |
#include "cli/OutputFormats.h"

#include <algorithm>

namespace shrike::cli {

namespace {

constexpr uint32_t tabWidth = 4;
// Ranges longer than this many lines show their first and last lines around an ellipsis.
constexpr uint32_t maxExcerptLines = 6;

// Terminal cells a code point takes: wide East Asian characters and emoji take two,
// combining marks and zero-width characters none.
uint32_t cellWidth(char32_t c) {
  if (c == 0) return 0;
  if ((c >= 0x300 && c <= 0x36F) || (c >= 0x200B && c <= 0x200F) || c == 0xFEFF ||
      (c >= 0xFE00 && c <= 0xFE0F))
    return 0;
  if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
      (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
      (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
      (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
      (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
      (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
      (c >= 0x1F900 && c <= 0x1F9FF) || (c >= 0x20000 && c <= 0x3FFFD))
    return 2;
  return 1;
}

// One source line made printable: tabs expanded, control characters shown as spaces, and
// the terminal cell at which each byte starts.
struct RenderedLine {
  std::string text;
  std::vector<uint32_t> cellAt; // indexed by byte offset within the line, plus one past the end
};

RenderedLine renderLine(std::string_view line) {
  RenderedLine out;
  out.cellAt.assign(line.size() + 1, 0);
  uint32_t cell = 0;
  for (uint32_t i = 0; i < line.size();) {
    char32_t c = 0;
    uint32_t length = parser::decodeUtf8(line, i, c);
    for (uint32_t k = 0; k < length && i + k <= line.size(); ++k) out.cellAt[i + k] = cell;
    if (c == '\t') {
      uint32_t spaces = tabWidth - cell % tabWidth;
      out.text.append(spaces, ' ');
      cell += spaces;
    } else if (c < 0x20 || c == 0x7F) {
      out.text += ' ';
      cell += 1;
    } else {
      out.text.append(line.substr(i, length));
      cell += cellWidth(c);
    }
    i += length;
  }
  out.cellAt[line.size()] = cell;
  return out;
}

uint32_t digits(uint32_t n) {
  uint32_t count = 1;
  while (n >= 10) n /= 10, ++count;
  return count;
}

using Paint = std::string (Style::*)(std::string_view) const;

// The source excerpt for `range`: its lines, each with its covered part underlined by `mark`.
void writeExcerpt(std::ostream& out, const parser::SourceText& text, parser::TextRange range,
                  char mark, Paint paint, const Style& style, uint32_t gutter) {
  uint32_t firstLine = text.lineOf(range.start);
  uint32_t lastLine = text.lineOf(range.end);
  // A range that ends at the start of a line really ends on the line before.
  if (lastLine > firstLine && range.end == text.lineStart(lastLine)) --lastLine;
  std::string pad(gutter, ' ');
  std::string bar = style.blue("|");
  out << pad << ' ' << bar << '\n';
  auto writeLine = [&](uint32_t line) {
    std::string_view content = text.lineText(line);
    uint32_t lineStart = text.lineStart(line);
    RenderedLine rendered = renderLine(content);
    std::string number = std::to_string(line + 1);
    out << style.blue(std::string(gutter - number.size(), ' ') + number) << ' ' << bar;
    if (!rendered.text.empty()) out << ' ' << rendered.text;
    out << '\n';
    uint32_t from =
        line == firstLine ? std::min(range.start - lineStart, uint32_t(content.size())) : 0;
    uint32_t to = line == lastLine ? std::min(range.end - lineStart, uint32_t(content.size()))
                                   : uint32_t(content.size());
    if (line != firstLine) // continuation lines underline from their first non-blank
      while (from < to && (content[from] == ' ' || content[from] == '\t')) ++from;
    uint32_t startCell = rendered.cellAt[from];
    uint32_t endCell = rendered.cellAt[std::max(from, to)];
    if (line != firstLine && from >= to) return; // nothing of the range on this line
    uint32_t width = std::max<uint32_t>(1, endCell - startCell);
    out << pad << ' ' << bar << ' ' << std::string(startCell, ' ')
        << (style.*paint)(std::string(width, mark)) << '\n';
  };
  uint32_t count = lastLine - firstLine + 1;
  if (count <= maxExcerptLines) {
    for (uint32_t line = firstLine; line <= lastLine; ++line) writeLine(line);
  } else {
    for (uint32_t line = firstLine; line < firstLine + 2; ++line) writeLine(line);
    out << pad << style.blue("...") << '\n';
    for (uint32_t line = lastLine - 1; line <= lastLine; ++line) writeLine(line);
  }
  out << pad << ' ' << bar << '\n';
}

uint32_t lastExcerptLine(const parser::SourceText& text, parser::TextRange range) {
  uint32_t last = text.lineOf(range.end);
  if (last > text.lineOf(range.start) && range.end == text.lineStart(last)) --last;
  return last + 1;
}

} // namespace

void writeFull(const Report& report, std::ostream& out, const FormatContext& context) {
  const Style& style = context.style;
  for (const ReportDiagnostic& d : report.diagnostics) {
    Paint paint = d.severity == checker::Severity::Error     ? &Style::red
                  : d.severity == checker::Severity::Warning ? &Style::yellow
                                                             : &Style::cyan;
    std::string label =
        std::string(checker::severityName(d.severity)) + '[' + std::string(d.code()) + ']';
    out << (style.*paint)(label) << style.bold(": " + d.message) << '\n';
    uint32_t gutter = digits(d.text ? lastExcerptLine(*d.text, d.range) : d.start.line);
    for (const ReportNote& note : d.notes)
      if (note.text) gutter = std::max(gutter, digits(lastExcerptLine(*note.text, note.range)));
    std::string pad(gutter, ' ');
    out << pad << style.blue("-->") << ' ' << d.path << ':' << d.start.line << ':' << d.start.column
        << '\n';
    if (d.text) writeExcerpt(out, *d.text, d.range, '^', paint, style, gutter);
    for (const ReportNote& note : d.notes) {
      out << style.bold("note") << ": " << note.message << '\n';
      if (!note.text) {
        out << pad << style.blue("-->") << ' ' << note.path << '\n';
        continue;
      }
      out << pad << style.blue("-->") << ' ' << note.path << ':' << note.start.line << ':'
          << note.start.column << '\n';
      writeExcerpt(out, *note.text, note.range, '-', &Style::blue, style, gutter);
    }
    out << '\n';
  }
}

} // namespace shrike::cli
