// Suppressions: parsing `type: ignore` / `shrike: ignore` directives and matching diagnostics.
#include "checker/check/Suppressions.h"

#include <algorithm>

namespace shrike::checker {

namespace {

bool isSpace(char c) {
  return c == ' ' || c == '\t';
}

bool isCodeChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

// Parses one directive starting at `text[at]` (after the `#` and blanks): `type: ignore` or
// `shrike: ignore`, with an optional `[code, ...]`. Offsets are absolute.
std::optional<SuppressionComment> parseDirective(std::string_view text, uint32_t at, uint32_t end) {
  auto startsWith = [&](uint32_t pos, std::string_view word) {
    return pos + word.size() <= end && text.substr(pos, word.size()) == word;
  };
  SuppressionComment comment;
  uint32_t pos = at;
  if (startsWith(pos, "type:")) {
    comment.kind = SuppressionComment::Kind::TypeIgnore;
    pos += 5;
  } else if (startsWith(pos, "shrike:")) {
    comment.kind = SuppressionComment::Kind::ShrikeIgnore;
    pos += 7;
  } else {
    return std::nullopt;
  }
  while (pos < end && isSpace(text[pos])) ++pos;
  if (!startsWith(pos, "ignore")) return std::nullopt;
  pos += 6;
  if (pos < end && text[pos] == '[') {
    uint32_t close = pos + 1;
    while (close < end && text[close] != ']') ++close;
    if (close >= end) return std::nullopt; // an unclosed list is not a directive
    for (uint32_t item = pos + 1; item < close;) {
      while (item < close && (isSpace(text[item]) || text[item] == ',')) ++item;
      uint32_t itemEnd = item;
      while (itemEnd < close && isCodeChar(text[itemEnd])) ++itemEnd;
      if (itemEnd == item) {
        if (item < close) return std::nullopt; // something that is not a code
        break;
      }
      comment.codes.push_back(
          SuppressionCode{std::string(text.substr(item, itemEnd - item)), {item, itemEnd}});
      item = itemEnd;
    }
    pos = close + 1;
  }
  // `type: ignored` or `type: ignore-me` is not a directive.
  if (pos < end && !isSpace(text[pos]) && text[pos] != '#') return std::nullopt;
  comment.range = {at, pos};
  return comment;
}

// True when only blanks and comments come before `offset`.
bool onlyCommentsBefore(const parser::SourceText& text,
                        const std::vector<parser::Comment>& comments, uint32_t offset) {
  std::string_view source = text.text();
  uint32_t pos = 0;
  for (const parser::Comment& comment : comments) {
    if (comment.range.start >= offset) break;
    for (; pos < comment.range.start; ++pos)
      if (!isSpace(source[pos]) && source[pos] != '\n' && source[pos] != '\r' &&
          source[pos] != '\f')
        return false;
    pos = comment.range.end;
  }
  for (; pos < offset; ++pos)
    if (!isSpace(source[pos]) && source[pos] != '\n' && source[pos] != '\r' && source[pos] != '\f')
      return false;
  return true;
}

// Whether a comment applies to a rule (see SuppressionComment::codes).
bool covers(const SuppressionComment& comment, Rule rule, std::vector<bool>* usedCodes) {
  if (comment.codes.empty()) return true;
  bool anyShrikeCode = false;
  bool match = false;
  for (size_t i = 0; i < comment.codes.size(); ++i) {
    const RuleInfo* info = findRule(comment.codes[i].code);
    if (!info) continue;
    anyShrikeCode = true;
    if (info->rule == rule) {
      match = true;
      if (usedCodes) (*usedCodes)[i] = true;
    }
  }
  if (comment.kind == SuppressionComment::Kind::TypeIgnore && !anyShrikeCode) return true;
  return match;
}

} // namespace

std::vector<SuppressionComment> parseSuppressions(const parser::SourceText& text,
                                                  const std::vector<parser::Comment>& comments) {
  std::vector<SuppressionComment> out;
  std::string_view source = text.text();
  for (const parser::Comment& comment : comments) {
    uint32_t end = std::min<uint32_t>(comment.range.end, text.size());
    // A comment may hold several `#` parts: `# noqa: E501  # type: ignore`.
    for (uint32_t pos = comment.range.start; pos < end; ++pos) {
      if (source[pos] != '#') continue;
      uint32_t at = pos + 1;
      while (at < end && isSpace(source[at])) ++at;
      auto directive = parseDirective(source, at, end);
      if (!directive) continue;
      directive->line = text.lineOf(comment.range.start);
      directive->wholeFile = directive->kind == SuppressionComment::Kind::TypeIgnore &&
                             onlyCommentsBefore(text, comments, comment.range.start);
      out.push_back(std::move(*directive));
      break;
    }
  }
  return out;
}

void applySuppressions(const parser::SourceText& text, const std::vector<parser::Comment>& comments,
                       std::vector<Diagnostic>& diagnostics, const Settings& settings,
                       const std::string& path) {
  if (comments.empty()) return;
  std::vector<SuppressionComment> suppressions = parseSuppressions(text, comments);
  if (suppressions.empty()) return;
  std::vector<bool> used(suppressions.size(), false);
  std::vector<std::vector<bool>> usedCodes;
  for (const SuppressionComment& s : suppressions) usedCodes.emplace_back(s.codes.size(), false);

  std::vector<Diagnostic> kept;
  kept.reserve(diagnostics.size());
  for (Diagnostic& diagnostic : diagnostics) {
    bool hidden = false;
    if (diagnostic.rule != Rule::InvalidSyntax) {
      uint32_t line = text.lineOf(diagnostic.range.start);
      for (size_t i = 0; i < suppressions.size(); ++i) {
        const SuppressionComment& s = suppressions[i];
        if (!s.wholeFile && s.line != line) continue;
        if (!covers(s, diagnostic.rule, &usedCodes[i])) continue;
        used[i] = true;
        hidden = true;
      }
    }
    if (!hidden) kept.push_back(std::move(diagnostic));
  }
  diagnostics = std::move(kept);

  auto severity = effectiveSeverity(settings, Rule::UnusedIgnoreComment, path);
  if (!severity) return;
  for (size_t i = 0; i < suppressions.size(); ++i) {
    const SuppressionComment& s = suppressions[i];
    std::string directive(text.text().substr(s.range.start, s.range.length()));
    bool countsCodes = !s.codes.empty() &&
                       !(s.kind == SuppressionComment::Kind::TypeIgnore &&
                         std::none_of(s.codes.begin(), s.codes.end(), [](const SuppressionCode& c) {
                           return findRule(c.code) != nullptr;
                         }));
    if (!used[i]) {
      std::string message = "Unused suppression comment `" + directive + "`";
      if (s.kind == SuppressionComment::Kind::ShrikeIgnore)
        for (const SuppressionCode& code : s.codes)
          if (!findRule(code.code)) message += "; unknown rule `" + code.code + "`";
      diagnostics.push_back(
          Diagnostic{Rule::UnusedIgnoreComment, *severity, s.range, std::move(message), {}});
      continue;
    }
    if (!countsCodes) continue;
    // The comment hid something; report the codes in it that did not.
    for (size_t c = 0; c < s.codes.size(); ++c) {
      if (usedCodes[i][c]) continue;
      const SuppressionCode& code = s.codes[c];
      bool known = findRule(code.code) != nullptr;
      if (!known && s.kind == SuppressionComment::Kind::TypeIgnore)
        continue; // another checker's code
      std::string message = known ? "Unused suppression code `" + code.code + "`"
                                  : "Unknown rule `" + code.code + "` in suppression comment";
      diagnostics.push_back(
          Diagnostic{Rule::UnusedIgnoreComment, *severity, code.range, std::move(message), {}});
    }
  }
  std::stable_sort(
      diagnostics.begin(), diagnostics.end(),
      [](const Diagnostic& a, const Diagnostic& b) { return a.range.start < b.range.start; });
}

} // namespace shrike::checker
