// References: textDocument/references — every use of the symbol under the cursor across the
// workspace, opened or not, with or without its declarations.
#include "checker/ide/References.h"
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
  // Only the files that spell the name are loaded and scanned; open documents always are
  // (their buffers may differ from what was indexed).
  std::string name = checker::ide::referenceName(cursor);
  std::vector<std::string> files;
  for (std::string& path : context.workspace.files(request.cancelled))
    if (context.workspace.mentions().mayMention(path, name)) files.push_back(std::move(path));
  for (const DocumentSnapshot& document : context.documents.all()) files.push_back(document.path);
  for (const auto& hit :
       checker::ide::findReferences(*found.value()->position.program, cursor, files,
                                    params.includeDeclaration, request.cancelled))
    out.push_back(toLocation(hit.location, context.encoding));
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
