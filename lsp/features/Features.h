// Features: the LSP requests the server answers, each a function over the ServerContext
// implemented in its own file. The session binds them to method names.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lsp/JsonRpc.h"
#include "lsp/MethodTable.h"
#include "lsp/Protocol.h"
#include "lsp/ServerContext.h"

namespace shrike::lsp::features {

// ---- Diagnostics.cpp: push (publishDiagnostics) and pull (textDocument/diagnostic) ----------

// Checks an open document after `delay` (restarted by each call) and publishes the result,
// unless the client pulls diagnostics itself. An edit of the document itself (`edited`) is
// checked at once when it follows a pause; the rest of a burst waits for the burst's end.
void scheduleDiagnostics(ServerContext& context, const std::string& uri, bool edited = false);
// What changed about a module, for its dependents.
enum class ModuleChange {
  Interface, // its code (names, annotations, bodies; not comments): the open documents that
             // depend on it, directly or through other imports, are checked again
  Presence,  // it appeared or disappeared (an in-memory buffer opened or closed, a file created
             // or deleted): imports may resolve differently, so every other open document is
             // rebound and checked again
};
void scheduleDependentDiagnostics(ServerContext& context, const std::string& changedPath,
                                  ModuleChange change = ModuleChange::Interface);
// Publishes an empty list, and forgets pending work for the document.
void clearDiagnostics(ServerContext& context, const std::string& uri);
Result<DocumentDiagnosticReport> documentDiagnostic(ServerContext& context,
                                                    const DocumentDiagnosticParams& params,
                                                    const RequestContext& request);

// ---- DocumentSymbols.cpp --------------------------------------------------------------------

// DocumentSymbol[] for clients that nest, SymbolInformation[] for the others.
struct DocumentSymbolResult {
  bool hierarchical = true;
  std::vector<DocumentSymbol> symbols;
  std::vector<SymbolInformation> flat;
};
void to_json(json& j, const DocumentSymbolResult& r);

Result<std::optional<DocumentSymbolResult>> documentSymbol(ServerContext& context,
                                                           const DocumentSymbolParams& params,
                                                           const RequestContext& request);

// ---- WorkspaceSymbols.cpp -------------------------------------------------------------------

Result<std::vector<SymbolInformation>> workspaceSymbol(ServerContext& context,
                                                       const WorkspaceSymbolParams& params,
                                                       const RequestContext& request);

// ---- Definition.cpp -------------------------------------------------------------------------

Result<std::vector<Location>> definition(ServerContext& context,
                                         const TextDocumentPositionParams& params,
                                         const RequestContext& request);
Result<std::vector<Location>> declaration(ServerContext& context,
                                          const TextDocumentPositionParams& params,
                                          const RequestContext& request);
Result<std::vector<Location>> typeDefinition(ServerContext& context,
                                             const TextDocumentPositionParams& params,
                                             const RequestContext& request);

// ---- References.cpp -------------------------------------------------------------------------

Result<std::vector<Location>> references(ServerContext& context, const ReferenceParams& params,
                                         const RequestContext& request);
Result<std::vector<DocumentHighlight>> documentHighlight(ServerContext& context,
                                                         const TextDocumentPositionParams& params,
                                                         const RequestContext& request);

// ---- Hover.cpp ------------------------------------------------------------------------------

Result<std::optional<Hover>> hover(ServerContext& context, const TextDocumentPositionParams& params,
                                   const RequestContext& request);

} // namespace shrike::lsp::features
