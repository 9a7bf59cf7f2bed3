// Documents: applying content changes to open buffers, and freezing versions for requests.
#include "lsp/Documents.h"

#include "lsp/Positions.h"
#include "lsp/Uri.h"
#include "parser/AstLowering.h"
#include "parser/TreeSitterParser.h"

namespace shrike::lsp {

struct DocumentStore::Document {
  std::mutex mutex;
  std::string uri;
  std::string path;
  bool isFile = false;
  int64_t version = 0;
  bool inSync = true;
  parser::ParsedText parsed;
  std::shared_ptr<const parser::SourceText> frozen; // the current text, shared with requests
  parser::SharedTree frozenTree;                    // its tree
  std::shared_ptr<const DocumentAst> ast;           // of `frozen`, once lowered
  // The last Ast lowered (of this or an earlier version): the next lowering copies the
  // statements that the edits since then left alone from it.
  std::shared_ptr<const DocumentAst> lastLowered;

  explicit Document(std::string text) : parsed(parser::SourceText(std::move(text))) { refreeze(); }

  void refreeze() {
    frozen = std::make_shared<const parser::SourceText>(parsed.text());
    frozenTree = parser::shareTree(parsed.tree());
    ast.reset();
  }

  DocumentSnapshot snapshot() const {
    return DocumentSnapshot{uri, path, isFile, version, inSync, frozen, frozenTree};
  }
};

DocumentStore::DocumentStore() = default;
DocumentStore::~DocumentStore() = default;

std::shared_ptr<DocumentStore::Document> DocumentStore::find(const std::string& uri) const {
  std::lock_guard lock(mutex_);
  auto it = documents_.find(uri);
  return it == documents_.end() ? nullptr : it->second;
}

DocumentSnapshot DocumentStore::open(const std::string& uri, int64_t version, std::string text) {
  auto document = std::make_shared<Document>(std::move(text));
  document->uri = uri;
  std::optional<std::string> path = uriToPath(uri);
  document->isFile = path.has_value();
  document->path = path ? *path : uri;
  document->version = version;
  DocumentSnapshot snapshot = document->snapshot();
  std::lock_guard lock(mutex_);
  documents_[uri] = std::move(document);
  return snapshot;
}

DocumentStore::ChangeOutcome
DocumentStore::change(const std::string& uri, std::optional<int64_t> version,
                      const std::vector<TextDocumentContentChangeEvent>& changes,
                      parser::ColumnUnit unit) {
  ChangeOutcome outcome;
  std::shared_ptr<Document> document = find(uri);
  if (!document) {
    outcome.error = "a change to a document that is not open";
    return outcome;
  }
  outcome.found = true;
  std::lock_guard lock(document->mutex);

  // A whole text anywhere in the batch makes everything before it irrelevant, and brings an
  // out-of-sync document back.
  size_t first = 0;
  for (size_t i = changes.size(); i-- > 0;) {
    if (!changes[i].range) {
      first = i;
      break;
    }
  }
  bool startsWithFullText = !changes.empty() && !changes[first].range;
  if (!document->inSync && !startsWithFullText) {
    outcome.error = "the document is out of sync after a refused edit; waiting for its whole "
                    "text (a full change or a save)";
    outcome.snapshot = document->snapshot();
    return outcome;
  }

  // Validate incremental edits before touching the tree; roll back when a later one fails.
  std::optional<parser::SourceText> backup;
  if (changes.size() - first > 1) backup = document->parsed.text();
  for (size_t i = first; i < changes.size(); ++i) {
    const TextDocumentContentChangeEvent& change = changes[i];
    if (!change.range) {
      document->parsed.replaceAll(parser::SourceText(change.text));
      continue;
    }
    const parser::SourceText& text = document->parsed.text();
    std::optional<uint32_t> start = toOffsetStrict(text, change.range->start, unit);
    std::optional<uint32_t> end = toOffsetStrict(text, change.range->end, unit);
    if (!start || !end || *start > *end) {
      outcome.error = "change " + std::to_string(i + 1) + " of " + std::to_string(changes.size()) +
                      " has a range outside the document (" +
                      std::to_string(change.range->start.line) + ":" +
                      std::to_string(change.range->start.character) + "-" +
                      std::to_string(change.range->end.line) + ":" +
                      std::to_string(change.range->end.character) + ", the document has " +
                      std::to_string(text.lineCount()) + " lines)";
      if (backup && i > first) document->parsed.replaceAll(std::move(*backup));
      document->inSync = false;
      outcome.snapshot = document->snapshot();
      return outcome;
    }
    document->parsed.applyEdit(parser::TextRange{*start, *end}, change.text);
  }
  document->inSync = true;
  if (version)
    document->version = *version;
  else
    ++document->version;
  document->refreeze();
  outcome.applied = true;
  outcome.snapshot = document->snapshot();
  return outcome;
}

std::optional<DocumentSnapshot> DocumentStore::resync(const std::string& uri, std::string text) {
  std::shared_ptr<Document> document = find(uri);
  if (!document) return std::nullopt;
  std::lock_guard lock(document->mutex);
  if (document->inSync && document->parsed.text().text() == text) return document->snapshot();
  document->parsed.replaceAll(parser::SourceText(std::move(text)));
  document->inSync = true;
  document->refreeze();
  return document->snapshot();
}

bool DocumentStore::close(const std::string& uri) {
  std::lock_guard lock(mutex_);
  return documents_.erase(uri) > 0;
}

std::optional<DocumentSnapshot> DocumentStore::get(const std::string& uri) const {
  std::shared_ptr<Document> document = find(uri);
  if (!document) return std::nullopt;
  std::lock_guard lock(document->mutex);
  return document->snapshot();
}

std::vector<DocumentSnapshot> DocumentStore::all() const {
  std::vector<std::shared_ptr<Document>> documents;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [uri, document] : documents_) documents.push_back(document);
  }
  std::vector<DocumentSnapshot> snapshots;
  for (const auto& document : documents) {
    std::lock_guard lock(document->mutex);
    snapshots.push_back(document->snapshot());
  }
  return snapshots;
}

std::optional<DocumentSnapshot> DocumentStore::findByPath(const std::string& path) const {
  for (DocumentSnapshot& snapshot : all())
    if (snapshot.path == path) return std::move(snapshot);
  return std::nullopt;
}

std::shared_ptr<const DocumentAst> DocumentStore::ast(const std::string& uri) {
  std::shared_ptr<Document> document = find(uri);
  if (!document) return nullptr;
  std::lock_guard lock(document->mutex);
  if (!document->ast) {
    auto lowered = std::make_shared<DocumentAst>();
    lowered->version = document->version;
    lowered->text = document->frozen;
    // The frozen text holds the same bytes as the parsed one, so the tree's offsets fit it.
    const parser::Ast* previous = document->lastLowered ? &document->lastLowered->ast : nullptr;
    lowered->ast =
        parser::lowerTreeIncrementally(*lowered->text, document->parsed.tree(), previous);
    document->ast = std::move(lowered);
    document->lastLowered = document->ast;
  }
  return document->ast;
}

} // namespace shrike::lsp
