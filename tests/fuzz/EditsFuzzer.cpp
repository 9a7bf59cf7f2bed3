// EditsFuzzer (target `edits`): a document opened in the server's DocumentStore and edited
// batch by batch through its incremental path (LSP positions -> byte offsets -> tree-sitter
// tree edit and reparse), checked after every batch against a model of the text and against a
// full parse of the same bytes: the same text, the same AST dump, the same syntax errors and
// comments, the same outline.
//
// The input is an edit script:
//
//     byte 0       flags: bit 0 positions in UTF-8, bit 1 in UTF-32 (else UTF-16)
//     bytes 1-2    n, little-endian; then n bytes: the text the document opens with
//     then records, each: kind (1 byte), a (2 bytes), b (2 bytes), length (1 byte), and
//     `length` bytes of replacement text. By kind & 7:
//       0-4  replace the byte range picked by a and b (moved to character starts), sent as an
//            LSP range in the script's encoding
//       5    a change without a range: the replacement becomes the whole text
//       6    a change whose range lies past the end of the document (refused, with its batch)
//       7    a save that carries the replacement as the text
//     kind & 8 starts a new batch (one didChange); otherwise the record joins the current one.
//
// tests/fuzz/make_seeds.py writes scripts in this form.
#include <algorithm>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "checker/ide/DocumentSymbols.h"
#include "lsp/Documents.h"
#include "lsp/Positions.h"
#include "parser/AstDump.h"
#include "parser/AstLowering.h"
#include "tests/fuzz/FuzzTarget.h"

namespace {

using namespace shrike;
using fuzz::require;

class Reader {
public:
  Reader(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  bool empty() const { return offset_ >= size_; }
  std::optional<uint32_t> bytes(size_t n) {
    if (size_ - offset_ < n) return std::nullopt;
    uint32_t value = 0;
    for (size_t i = 0; i < n; ++i) value |= uint32_t(data_[offset_ + i]) << (8 * i);
    offset_ += n;
    return value;
  }
  std::string text(size_t n) {
    n = std::min(n, size_ - offset_);
    std::string out(reinterpret_cast<const char*>(data_ + offset_), n);
    offset_ += n;
    return out;
  }

private:
  const uint8_t* data_;
  size_t size_;
  size_t offset_ = 0;
};

struct Record {
  unsigned kind = 0;
  uint32_t a = 0, b = 0;
  std::string text;
};

// What a batch should do to the text, worked out without the store.
struct Model {
  std::string text;
  bool inSync = true;
};

std::string sanitized(std::string bytes) {
  parser::sanitizeUtf8(bytes);
  return bytes;
}

// The outline as a string, to compare two parses of the same text.
void describeOutline(const std::vector<checker::ide::OutlineSymbol>& symbols, std::string& out,
                     int depth) {
  for (const auto& s : symbols) {
    out += std::string(depth * 2, ' ') + s.name + " " + s.detail + " " +
           std::to_string(int(s.kind)) + " " + std::to_string(s.range.start) + ".." +
           std::to_string(s.range.end) + " " + std::to_string(s.selectionRange.start) + "\n";
    describeOutline(s.children, out, depth + 1);
  }
}

std::string describe(const parser::Ast& ast, const parser::SourceText& text) {
  std::string out = parser::dumpAst(ast.module);
  for (const parser::SyntaxError& e : ast.syntaxErrors)
    out += "error " + std::to_string(e.range.start) + ".." + std::to_string(e.range.end) + " " +
           e.message + "\n";
  for (const parser::Comment& c : ast.comments)
    out += "comment " + std::to_string(c.range.start) + ".." + std::to_string(c.range.end) + "\n";
  describeOutline(checker::ide::documentSymbols(ast, text), out, 0);
  return out;
}

// A text with its control and non-ASCII bytes as \xNN, to print it on one line.
std::string escaped(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out += char(c);
    } else {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\x%02x", c);
      out += buffer;
    }
  }
  return out;
}

void requireSame(const std::string& incremental, const std::string& full, const char* what) {
  if (incremental == full) return;
  std::istringstream a(incremental), b(full);
  std::string lineA, lineB;
  for (int line = 1;; ++line) {
    bool moreA = static_cast<bool>(std::getline(a, lineA));
    bool moreB = static_cast<bool>(std::getline(b, lineB));
    if (!moreA && !moreB) break;
    if (lineA != lineB || moreA != moreB) {
      std::fprintf(stderr, "line %d differs:\n  incremental: %s\n  full parse:  %s\n", line,
                   moreA ? lineA.c_str() : "(end)", moreB ? lineB.c_str() : "(end)");
      break;
    }
  }
  require(false, what);
}

// `text` as the store holds it after edits, to measure positions on: a U+FEFF that edits
// bring to the start stays an ordinary character there (only a text received whole drops a
// leading byte order mark), so the model must not strip it either.
parser::SourceText asEdited(const std::string& text) {
  parser::SourceText edited;
  edited.edit(parser::TextRange{0, 0}, text);
  return edited;
}

// Applies one batch to the model the way the protocol says it should go.
void applyToModel(Model& model, const std::vector<lsp::TextDocumentContentChangeEvent>& changes,
                  const std::vector<bool>& outOfRange, parser::ColumnUnit unit) {
  size_t first = 0;
  for (size_t i = changes.size(); i-- > 0;)
    if (!changes[i].range) {
      first = i;
      break;
    }
  bool startsWithFullText = !changes.empty() && !changes[first].range;
  if (!model.inSync && !startsWithFullText) return; // refused: waiting for a whole text
  std::string before = model.text;
  for (size_t i = first; i < changes.size(); ++i) {
    if (outOfRange[i]) {
      model.text = before;
      model.inSync = false;
      return;
    }
    const auto& change = changes[i];
    if (!change.range) {
      model.text = parser::SourceText(change.text).text();
      continue;
    }
    parser::SourceText current = asEdited(model.text);
    uint32_t start = lsp::toOffset(current, change.range->start, unit);
    uint32_t end = lsp::toOffset(current, change.range->end, unit);
    model.text.replace(start, end - start, sanitized(change.text));
  }
  model.inSync = true;
}

// A byte offset of `text` moved back to the start of its character, as an LSP position.
lsp::Position positionOf(const parser::SourceText& text, uint32_t offset, parser::ColumnUnit unit) {
  return lsp::toPosition(text, offset, unit);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Reader in(data, size);
  auto flags = in.bytes(1);
  auto length = in.bytes(2);
  if (!flags || !length) return 0;
  parser::ColumnUnit unit = (*flags & 1)   ? parser::ColumnUnit::Utf8
                            : (*flags & 2) ? parser::ColumnUnit::Utf32
                                           : parser::ColumnUnit::Utf16;
  std::string initial = in.text(*length);

  std::vector<Record> records;
  while (!in.empty()) {
    auto kind = in.bytes(1), a = in.bytes(2), b = in.bytes(2), n = in.bytes(1);
    if (!kind || !a || !b || !n) break;
    records.push_back(Record{*kind, *a, *b, in.text(*n)});
  }

  const std::string uri = "file:///shrike-fuzz/edited.py";
  lsp::DocumentStore store;
  lsp::DocumentSnapshot opened = store.open(uri, 1, initial);
  Model model{std::string(opened.text->text()), true};
  require(model.text == parser::SourceText(initial).text(), "open changed the text");

  auto verify = [&](const char* when) {
    std::optional<lsp::DocumentSnapshot> snapshot = store.get(uri);
    require(snapshot.has_value(), "the document vanished");
    if (snapshot->text->text() != model.text) {
      std::fprintf(stderr, "store: %s\nmodel: %s\n", escaped(snapshot->text->text()).c_str(),
                   escaped(model.text).c_str());
      require(false, "the text differs from the model");
    }
    require(snapshot->inSync == model.inSync, "in-sync state differs from the model");
    std::shared_ptr<const lsp::DocumentAst> incremental = store.ast(uri);
    require(incremental && incremental->text == snapshot->text, "the AST is of another text");
    parser::Ast full = parser::parseModule(*snapshot->text);
    requireSame(describe(incremental->ast, *incremental->text), describe(full, *snapshot->text),
                when);
  };

  int64_t version = 1;
  for (size_t i = 0; i < records.size();) {
    const Record& head = records[i];
    if ((head.kind & 7) == 7) { // a save with text
      ++i;
      std::optional<lsp::DocumentSnapshot> saved = store.resync(uri, head.text);
      require(saved.has_value(), "resync of an open document failed");
      model.text = parser::SourceText(head.text).text();
      model.inSync = true;
      verify("the AST after a save differs from a full parse");
      continue;
    }
    // One batch: this record and the ones after it without the new-batch bit.
    std::vector<lsp::TextDocumentContentChangeEvent> changes;
    std::vector<bool> outOfRange;
    // Ranges are computed on the text each change applies to, like a client does.
    std::string working = model.text;
    for (; i < records.size() && (records[i].kind & 7) != 7; ++i) {
      const Record& r = records[i];
      if (!changes.empty() && (r.kind & 8)) break;
      lsp::TextDocumentContentChangeEvent change;
      change.text = r.text;
      unsigned kind = r.kind & 7;
      parser::SourceText current = asEdited(working);
      if (kind == 5) {
        working = parser::SourceText(r.text).text();
        outOfRange.push_back(false);
      } else if (kind == 6) {
        uint32_t line = current.lineCount() + 1 + r.a % 50;
        change.range = lsp::Range{{line, 0}, {line, r.b % 8}};
        outOfRange.push_back(true);
      } else {
        uint32_t start = r.a % (current.size() + 1);
        uint32_t end = start + r.b % (current.size() - start + 1);
        lsp::Position from = positionOf(current, start, unit);
        lsp::Position to = positionOf(current, end, unit);
        change.range = lsp::Range{from, to};
        uint32_t s = lsp::toOffset(current, from, unit), e = lsp::toOffset(current, to, unit);
        require(s <= e, "positions out of order after conversion");
        working.replace(s, e - s, sanitized(r.text));
        outOfRange.push_back(false);
      }
      changes.push_back(std::move(change));
    }
    applyToModel(model, changes, outOfRange, unit);
    lsp::DocumentStore::ChangeOutcome outcome = store.change(uri, ++version, changes, unit);
    require(outcome.found, "the open document was not found");
    verify("the AST after an incremental batch differs from a full parse");
  }
  return 0;
}
