// WorkspaceSymbols: workspace/symbol — a fuzzy search over the workspace's symbol index.
#include "lsp/Uri.h"
#include "lsp/features/Features.h"
#include "lsp/features/SymbolKinds.h"

namespace shrike::lsp::features {

namespace {
// Enough for any picker; more only costs the client time.
constexpr size_t maxResults = 256;
} // namespace

Result<std::vector<SymbolInformation>> workspaceSymbol(ServerContext& context,
                                                       const WorkspaceSymbolParams& params,
                                                       const RequestContext& request) {
  std::vector<SymbolInformation> out;
  for (const auto& hit :
       context.workspace.symbols().search(params.query, maxResults, request.cancelled)) {
    const checker::ide::IndexedSymbol& symbol = hit.symbol;
    Range range{Position{symbol.start.line, symbol.start.column},
                Position{symbol.end.line, symbol.end.column}};
    // Buffers that are not files are indexed under their URI.
    std::string uri = hit.path.rfind('/', 0) == 0 ? pathToUri(hit.path) : hit.path;
    out.push_back(SymbolInformation{symbol.name, symbolKind(symbol.kind), Location{uri, range},
                                    symbol.container});
  }
  return out;
}

} // namespace shrike::lsp::features
