// Strings: lowering of string literals, implicit concatenation and f-strings.
#include "parser/lowering/Lowering.h"

#include <string>
#include <string_view>
#include <vector>

namespace shrike::parser {

Expr* Lowering::lowerString(TSNode node, Sym sym) {
  // Most strings are one part: that one is kept here, not in a vector of its own.
  StringPart single{};
  std::vector<StringPart> concatenated;
  std::span<const StringPart> parts;
  if (sym == Sym::concatenated_string) {
    Children kids(*this, node);
    for (const Child& c : kids)
      if (c.sym == Sym::string) concatenated.push_back(readStringPart(c.node));
    parts = concatenated;
  } else {
    single = readStringPart(node);
    parts = std::span<const StringPart>(&single, 1);
  }
  bool anyFormatted = false, anyBytes = false, anyText = false;
  for (const StringPart& part : parts) {
    if (!part.opening.empty() && part.opening.back() == '`')
      error(rangeOf(part.node), "backticks are not valid in Python 3; use repr()");
    anyFormatted |= part.prefix.formatted || part.prefix.template_;
    (part.prefix.bytes ? anyBytes : anyText) = true;
  }
  if (anyBytes && anyText) error(rangeOf(node), "cannot mix bytes and nonbytes literals");
  if (anyFormatted) return lowerFString(node, parts);

  std::string& value = stringScratch_;
  value.clear();
  uint8_t flags = parts.size() > 1 ? StringConcatenated : 0;
  TextRange contentRange{};
  for (const StringPart& partInfo : parts) {
    TSNode part = partInfo.node;
    const StringPrefix& prefix = partInfo.prefix;
    if (prefix.raw) flags |= StringRaw;
    if (prefix.unicode) flags |= StringUnicodePrefix;
    if (partInfo.quote == 3) flags |= StringTripleQuoted;
    TextRange content = partInfo.content;
    std::string newlines;
    std::string_view raw =
        withLineFeeds(text_.substr(content.start - shift_, content.length()), newlines);
    size_t before = value.size();
    if (prefix.raw) {
      value.append(raw);
    } else {
      decodeStringContent(raw, prefix.bytes, value);
    }
    if (value.size() - before != raw.size() || value.compare(before, raw.size(), raw) != 0)
      flags |= StringHasEscapes;
    if (parts.size() == 1) contentRange = content;
    if (prefix.bytes) {
      for (char c : raw) {
        if (static_cast<unsigned char>(c) >= 0x80) {
          error(rangeOf(part), "bytes can only contain ASCII literal characters");
          break;
        }
      }
    }
  }
  if (anyBytes) {
    auto* literal = make<BytesLiteral>(node);
    literal->value = arena_.copyString(value);
    literal->flags = flags;
    return literal;
  }
  auto* literal = make<StringLiteral>(node);
  literal->value = arena_.copyString(value);
  literal->flags = flags;
  literal->contentRange = contentRange;
  return literal;
}

std::string_view Lowering::withLineFeeds(std::string_view text, std::string& storage) {
  if (text.find('\r') == std::string_view::npos) return text;
  storage.clear();
  storage.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r') {
      storage.push_back(text[i]);
    } else {
      storage.push_back('\n');
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    }
  }
  return storage;
}

Lowering::StringPart Lowering::readStringPart(TSNode string) {
  StringPart part{string, {}, {}, 1, {}};
  TSNode last{};
  // Only the first and the last child matter: two reads by index cost less than a cursor's
  // walk over all of them (a string is usually three: start, content, end).
  uint32_t count = ts_node_child_count(string);
  if (count > 0) {
    last = ts_node_child(string, 0);
    part.opening = textOf(last);
    if (count > 1) last = ts_node_child(string, count - 1);
  }
  part.prefix = parseStringPrefix(part.opening, part.quote);
  TextRange whole = rangeOf(string);
  uint32_t end = whole.end;
  if (!ts_node_is_null(last) && symOf(last) == Sym::string_end && !ts_node_is_missing(last)) {
    TextRange closing = rangeOf(last);
    end = closing.length() >= part.quote ? closing.end - part.quote : closing.start;
  }
  uint32_t start =
      std::min<uint32_t>(whole.start + static_cast<uint32_t>(part.opening.size()), end);
  part.content = TextRange{start, end};
  return part;
}

Expr* Lowering::lowerFString(TSNode node, std::span<const StringPart> parts) {
  auto* fstring = make<FString>(node);
  std::vector<Expr*> values;
  std::string pending;
  TextRange pendingRange{};
  auto flush = [&] {
    if (pending.empty()) return;
    auto* literal = make<StringLiteral>(pendingRange);
    literal->value = arena_.copyString(pending);
    values.push_back(literal);
    pending.clear();
  };
  for (const StringPart& partInfo : parts) {
    TSNode part = partInfo.node;
    const StringPrefix& prefix = partInfo.prefix;
    TextRange content = partInfo.content;
    if (!prefix.formatted && !prefix.template_) {
      std::string newlines;
      std::string_view raw =
          withLineFeeds(text_.substr(content.start - shift_, content.length()), newlines);
      if (pending.empty()) pendingRange = content;
      pendingRange.end = content.end;
      if (prefix.raw)
        pending.append(raw);
      else
        decodeStringContent(raw, false, pending);
      continue;
    }
    appendFStringPieces(part, prefix.raw, content, values, pending, pendingRange, flush);
  }
  flush();
  fstring->values = finish(values, fstring);
  return fstring;
}

template <class Flush>
void Lowering::appendFStringPieces(TSNode part, bool raw, TextRange content,
                                   std::vector<Expr*>& values, std::string& pending,
                                   TextRange& pendingRange, Flush& flush) {
  // Literal text is whatever lies between interpolations inside the quotes.
  uint32_t cursor = content.start;
  auto takeText = [&](uint32_t upTo) {
    if (upTo <= cursor) return;
    std::string_view piece = text_.substr(cursor - shift_, upTo - cursor);
    if (pending.empty()) pendingRange = TextRange{cursor, upTo};
    pendingRange.end = upTo;
    appendFStringText(piece, raw, pending);
  };
  bool outerRaw = fstringRaw_;
  fstringRaw_ = raw;
  Children kids(*this, part);
  for (const Child& c : kids) {
    if (c.sym != Sym::interpolation) continue;
    TextRange range = rangeOf(c.node);
    takeText(range.start);
    TextRange debugText{};
    FormattedValue* value = lowerInterpolation(c.node, &debugText);
    if (debugText.length() > 0) {
      if (pending.empty()) pendingRange = debugText;
      pendingRange.end = debugText.end;
      pending.append(text_.substr(debugText.start - shift_, debugText.length()));
    }
    flush();
    values.push_back(value);
    cursor = range.end;
  }
  takeText(content.end);
  fstringRaw_ = outerRaw;
}

void Lowering::appendFStringText(std::string_view original, bool raw, std::string& out) {
  std::string newlines;
  std::string_view piece = withLineFeeds(original, newlines);
  std::string collapsed;
  collapsed.reserve(piece.size());
  for (size_t i = 0; i < piece.size(); ++i) {
    collapsed.push_back(piece[i]);
    if ((piece[i] == '{' || piece[i] == '}') && i + 1 < piece.size() && piece[i + 1] == piece[i])
      ++i;
  }
  if (raw)
    out.append(collapsed);
  else
    decodeStringContent(collapsed, false, out);
}

FormattedValue* Lowering::lowerInterpolation(TSNode node, TextRange* debugText) {
  auto* formatted = make<FormattedValue>(node);
  Children kids(*this, node);
  bool afterEqual = false;
  for (const Child& c : kids) {
    if (afterEqual) {
      afterEqual = false;
      if (debugText && kids.size() > 0)
        *debugText = TextRange{rangeOf(kids[0].node).end, rangeOf(c.node).start};
    }
    if (c.field == fields_.expression) {
      Expr* value = (c.sym == Sym::expression_list || c.sym == Sym::pattern_list)
                        ? lowerBareTuple(c.node, ExprContext::Load)
                        : lowerExpr(c);
      formatted->value = adopt(value, formatted);
    } else if (c.sym == Sym::tk_equal) {
      formatted->isDebug = true;
      afterEqual = true;
    } else if (c.field == fields_.type_conversion) {
      std::string_view conversion = textOf(c.node);
      formatted->conversion = conversion.size() >= 2 ? conversion[1] : 0;
      if (formatted->conversion != 's' && formatted->conversion != 'r' &&
          formatted->conversion != 'a') {
        error(rangeOf(c.node), "f-string: invalid conversion character: expected 's', 'r', or 'a'");
      }
    } else if (c.field == fields_.format_specifier) {
      formatted->formatSpec = adopt(lowerFormatSpec(c.node), formatted);
    }
  }
  if (!formatted->value) {
    error(rangeOf(node), "f-string: valid expression required before '}'");
    formatted->value = adopt(missingExpr(node), formatted);
  }
  if (formatted->isDebug && !formatted->conversion && !formatted->formatSpec)
    formatted->conversion = 'r';
  return formatted;
}

FString* Lowering::lowerFormatSpec(TSNode node) {
  auto* spec = make<FString>(node);
  std::vector<Expr*> values;
  TextRange range = rangeOf(node);
  uint32_t cursor = range.start + 1; // after ':'
  auto takeText = [&](uint32_t upTo) {
    if (upTo <= cursor) return;
    auto* literal = make<StringLiteral>(TextRange{cursor, upTo});
    std::string value;
    appendFStringText(text_.substr(cursor - shift_, upTo - cursor), fstringRaw_, value);
    literal->value = arena_.copyString(value);
    values.push_back(literal);
  };
  Children kids(*this, node);
  for (const Child& c : kids) {
    if (c.sym != Sym::format_expression && c.sym != Sym::interpolation) continue;
    TextRange inner = rangeOf(c.node);
    takeText(inner.start);
    values.push_back(lowerInterpolation(c.node));
    cursor = inner.end;
  }
  takeText(range.end);
  spec->values = finish(values, spec);
  return spec;
}

} // namespace shrike::parser
