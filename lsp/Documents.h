// Documents: the open editor buffers — their text and tree kept up to date under edits
// (tree-sitter reparses incrementally), their versions, and snapshots for requests.
//
// Edits come from the I/O thread in order; requests on worker threads read immutable
// snapshots, so a request never sees a buffer half-way through a change.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "lsp/Protocol.h"
#include "parser/Ast.h"
#include "parser/SourceText.h"
#include "parser/TreeSitterParser.h"

namespace shrike::parser {
class ParsedText;
}

namespace shrike::lsp {

// One version of an open document, frozen.
struct DocumentSnapshot {
  std::string uri;
  // The file behind the URI; for a buffer that is not a file (`untitled:`), the URI itself,
  // which names no file on disk.
  std::string path;
  bool isFile = false;
  int64_t version = 0;
  // False after an edit that could not be applied: the text is the last good one and the
  // client's buffer differs from it until a whole text arrives again.
  bool inSync = true;
  std::shared_ptr<const parser::SourceText> text;
  // The tree of `text`, kept by incremental reparsing: the Program lowers it instead of
  // parsing the text again.
  parser::SharedTree tree;
};

// A lowered AST together with the text it was lowered from (the AST points into it).
struct DocumentAst {
  int64_t version = 0;
  std::shared_ptr<const parser::SourceText> text;
  parser::Ast ast;
};

class DocumentStore {
public:
  DocumentStore();
  ~DocumentStore();

  DocumentSnapshot open(const std::string& uri, int64_t version, std::string text);

  struct ChangeOutcome {
    bool found = false;   // the document is open
    bool applied = false; // false: refused (see error), nothing was changed
    std::string error;
    DocumentSnapshot snapshot;
  };
  // Applies a batch of changes, each relative to the text the previous one left. A change out
  // of range refuses the whole batch: the document keeps its last good text and is marked out
  // of sync, and later incremental changes are refused too until a whole text arrives (a full
  // change, or a save that carries the text).
  ChangeOutcome change(const std::string& uri, std::optional<int64_t> version,
                       const std::vector<TextDocumentContentChangeEvent>& changes,
                       parser::ColumnUnit unit);
  // Replaces the whole text (a save with text); brings an out-of-sync document back.
  std::optional<DocumentSnapshot> resync(const std::string& uri, std::string text);
  bool close(const std::string& uri);

  std::optional<DocumentSnapshot> get(const std::string& uri) const;
  std::vector<DocumentSnapshot> all() const;
  // The document with this path, when one is open.
  std::optional<DocumentSnapshot> findByPath(const std::string& path) const;

  // The AST of the document's current version, lowered from its incrementally parsed tree
  // the first time it is asked for. Null when the document is not open.
  std::shared_ptr<const DocumentAst> ast(const std::string& uri);

private:
  struct Document;
  std::shared_ptr<Document> find(const std::string& uri) const;

  // Guards the map; each document has its own lock for its text and tree.
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<Document>> documents_;
};

} // namespace shrike::lsp
