// References: textDocument/references — every use of the symbol under the cursor across the
// workspace, opened or not, with or without its declarations.
#include <algorithm>
#include <set>

#include "checker/ide/ReferenceTable.h"
#include "checker/ide/References.h"
#include "lsp/Positions.h"
#include "lsp/features/Features.h"
#include "lsp/features/Navigation.h"

namespace shrike::lsp::features {

Result<std::vector<Location>> references(ServerContext& context, const ReferenceParams& params,
                                         const RequestContext& request) {
  auto found = symbolQuery(context, params.textDocument.uri, params.position, request);
  if (!found) return found.error();
  std::vector<Location> out;
  if (!found.value()) return out;
  const checker::ide::CursorSymbol& cursor = found.value()->cursor;
  checker::Program& program = *found.value()->position.program;
  // Only the files that spell the name can hold a use. Those the reference table holds are
  // answered from it; the others are loaded and scanned, and so are open documents (their
  // buffers may differ from what was indexed) and the modules of the cursor and the target
  // (the table leaves out uses within a symbol's own module).
  std::string name = checker::ide::referenceName(cursor);
  std::string key = checker::ide::referenceKey(program, cursor.key);
  std::set<std::string> scanned;
  for (const DocumentSnapshot& document : context.documents.all()) scanned.insert(document.path);
  scanned.insert(cursor.module->path);
  for (const checker::ide::Resolved& definition : cursor.definitions)
    scanned.insert(definition.module->path);
  std::vector<std::string> files(scanned.begin(), scanned.end());
  struct Found {
    std::string path;
    uint32_t start;
    Location location;
  };
  std::vector<Found> hits;
  const checker::ide::ReferenceTable& table = context.workspace.referenceTable();
  uint64_t maxFileSize = program.settings().maxFileSize;
  for (std::string& path : context.workspace.files(request.cancelled)) {
    if (!context.workspace.mentions().mayMention(path, name) || scanned.count(path)) continue;
    std::optional<std::vector<checker::ide::TableUse>> uses;
    if (!key.empty()) uses = table.usesOf(path, key);
    if (!uses) {
      files.push_back(std::move(path));
      continue;
    }
    if (uses->empty()) continue;
    // The text, for positions in the client's encoding; a file that cannot be read now is
    // left to the scan, which reports what it finds.
    std::string error;
    std::optional<std::string> bytes = readFile(path, maxFileSize, error);
    if (!bytes) {
      files.push_back(std::move(path));
      continue;
    }
    parser::SourceText text(std::move(*bytes));
    for (const checker::ide::TableUse& use : *uses) {
      if (use.start + use.length > text.size()) continue;
      hits.push_back(
          Found{path, use.start,
                Location{uriOfPath(path),
                         toRange(text, {use.start, use.start + use.length}, context.encoding)}});
    }
  }
  for (const auto& hit : checker::ide::findReferences(program, cursor, files,
                                                      params.includeDeclaration, request.cancelled))
    hits.push_back(Found{hit.location.path, hit.location.range.start,
                         toLocation(hit.location, context.encoding)});
  std::sort(hits.begin(), hits.end(), [](const Found& a, const Found& b) {
    return a.path != b.path ? a.path < b.path : a.start < b.start;
  });
  for (Found& hit : hits) out.push_back(std::move(hit.location));
  return out;
}

Result<std::vector<DocumentHighlight>> documentHighlight(ServerContext& context,
                                                         const TextDocumentPositionParams& params,
                                                         const RequestContext& request) {
  auto found = symbolQuery(context, params.textDocument.uri, params.position, request);
  if (!found) return found.error();
  std::vector<DocumentHighlight> out;
  if (!found.value()) return out;
  for (const auto& hit :
       checker::ide::referencesInModule(*found.value()->position.program, found.value()->cursor)) {
    out.push_back(DocumentHighlight{toLocation(hit.location, context.encoding).range,
                                    hit.isWrite ? DocumentHighlightKind::Write
                                                : DocumentHighlightKind::Read});
  }
  return out;
}

} // namespace shrike::lsp::features
