// TypeComments: finds a def's PEP 484 signature type comments in its source text.
#include "checker/bind/TypeComments.h"

#include <optional>

#include "parser/QuotedText.h"

namespace shrike::checker::bind {

using parser::TextRange;

namespace {

bool isBlank(char c) {
  return c == ' ' || c == '\t' || c == '\f';
}
bool isSpace(char c) {
  return isBlank(c) || c == '\r' || c == '\n' || c == '\v';
}

TextRange trimmed(std::string_view source, uint32_t start, uint32_t end) {
  while (start < end && isSpace(source[start])) ++start;
  while (end > start && isSpace(source[end - 1])) --end;
  return TextRange{start, end};
}

// pyright's test: the text from `pos` to the next token is whitespace (line breaks included)
// and then `# type: TEXT`, TEXT not `ignore`. Returns TEXT's range (to the line's end).
std::optional<TextRange> typeCommentAt(std::string_view source, uint32_t pos) {
  uint32_t n = static_cast<uint32_t>(source.size());
  while (pos < n && isSpace(source[pos])) ++pos;
  if (pos >= n || source[pos] != '#') return std::nullopt;
  ++pos;
  while (pos < n && isBlank(source[pos])) ++pos;
  if (source.substr(pos, 5) != "type:") return std::nullopt;
  pos += 5;
  uint32_t end = pos;
  while (end < n && source[end] != '\n' && source[end] != '\r') ++end;
  TextRange text = trimmed(source, pos, end);
  std::string_view body = source.substr(text.start, text.length());
  // `# type: ignore` and mypy's `# type: ignore[code]` are suppressions, not types.
  if (body.starts_with("ignore") && (body.size() == 6 || body[6] == '[' || isSpace(body[6])))
    return std::nullopt;
  if (text.length() == 0) return std::nullopt;
  return text;
}

// Where the def's header colon is: after the parameter list and return annotation.
std::optional<uint32_t> headerColon(std::string_view source, const parser::FunctionDef* def) {
  if (!def->parameters) return std::nullopt;
  uint32_t pos = def->parameters->range.end;
  if (def->returns && def->returns->range.end > pos) pos = def->returns->range.end;
  uint32_t n = static_cast<uint32_t>(source.size());
  while (pos < n) {
    char c = source[pos];
    if (c == ':') return pos;
    if (isSpace(c) || c == ')' || c == '\\') {
      ++pos;
      continue;
    }
    return std::nullopt;
  }
  return std::nullopt;
}

// Parses `(A, *B, **C) -> R` (pyright's function annotation comment) into `out`.
bool splitFunctionComment(std::string_view source, TextRange text, SignatureTypeComments& out) {
  uint32_t i = text.start, end = text.end;
  while (i < end && isBlank(source[i])) ++i;
  if (i >= end || source[i] != '(') return false;
  ++i;
  int depth = 0;
  parser::QuoteState quotes;
  uint32_t pieceStart = i;
  bool closed = false;
  auto addPiece = [&](uint32_t pieceEnd) {
    TextRange piece = trimmed(source, pieceStart, pieceEnd);
    // `*args` and `**kwargs` entries: the stars are read and dropped, as pyright does.
    uint32_t s = piece.start;
    if (s < piece.end && source[s] == '*') ++s;
    if (s < piece.end && source[s] == '*') ++s;
    piece = trimmed(source, s, piece.end);
    if (piece.length() > 0) out.parameterEntries.push_back(piece);
  };
  for (; i < end; ++i) {
    if (quotes.inString(source, i)) continue;
    char c = source[i];
    if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ']' || c == '}' || (c == ')' && depth > 0)) {
      --depth;
    } else if (c == ',' && depth == 0) {
      addPiece(i);
      pieceStart = i + 1;
    } else if (c == ')') {
      addPiece(i);
      closed = true;
      ++i;
      break;
    }
  }
  if (!closed) return false;
  while (i < end && isBlank(source[i])) ++i;
  if (i + 1 >= end || source[i] != '-' || source[i + 1] != '>') return false;
  i += 2;
  // The return annotation runs to a trailing comment, if any.
  uint32_t retStart = i;
  quotes = {};
  for (; i < end; ++i)
    if (!quotes.inString(source, i) && source[i] == '#') break;
  out.returns = trimmed(source, retStart, i < end ? i : end);
  if (out.returns.length() == 0) return false;
  if (out.parameterEntries.size() == 1) {
    TextRange only = out.parameterEntries[0];
    if (source.substr(only.start, only.length()) == "...") {
      out.parameterEntries.clear();
      out.parametersElided = true;
    }
  }
  return true;
}

} // namespace

SignatureTypeComments findSignatureTypeComments(std::string_view source,
                                                const parser::FunctionDef* def) {
  SignatureTypeComments out;
  if (source.empty() || !def->parameters || def->body.empty()) return out;
  uint32_t n = static_cast<uint32_t>(source.size());
  if (def->parameters->range.end > n) return out;

  // After each unannotated parameter, past its comma when it has one.
  const auto& params = def->parameters->parameters;
  out.perParameter.resize(params.size());
  bool any = false;
  for (size_t i = 0; i < params.size(); ++i) {
    const parser::Parameter* p = params[i];
    if (p->annotation || p->range.end > n) continue;
    uint32_t pos = p->range.end, s = pos;
    while (s < n) {
      if (isSpace(source[s])) {
        ++s;
      } else if (source[s] == '#') {
        while (s < n && source[s] != '\n') ++s;
      } else {
        break;
      }
    }
    uint32_t start = s < n && source[s] == ',' ? s + 1 : pos;
    if (auto text = typeCommentAt(source, start)) {
      out.perParameter[i] = *text;
      any = true;
    }
  }
  if (!any) out.perParameter.clear();

  // The function's comment: on the header's line after the colon, else the first comment
  // of the lines before the body's first statement.
  std::optional<uint32_t> colon = headerColon(source, def);
  if (!colon) return out;
  uint32_t pos = *colon + 1;
  while (pos < n && isBlank(source[pos])) ++pos;
  std::optional<TextRange> text;
  if (pos < n && source[pos] == '#') {
    text = typeCommentAt(source, pos);
    while (pos < n && source[pos] != '\n') ++pos;
  } else if (pos < n && source[pos] != '\n' && source[pos] != '\r') {
    return out; // the body is on the header's line
  }
  if (!text && pos < n) text = typeCommentAt(source, pos);
  if (!text || text->end > def->body[0]->range.start) return out;
  out.hasFunctionComment = splitFunctionComment(source, *text, out);
  if (!out.hasFunctionComment) {
    out.parameterEntries.clear();
    out.returns = TextRange{};
    out.parametersElided = false;
  }
  return out;
}

} // namespace shrike::checker::bind
