// Definition: textDocument/definition and textDocument/declaration — where the name under
// the cursor is defined (imports followed to the module that defines it, stubs included),
// and where it is declared as its own module sees it (an import stops there).
#include "checker/ide/Navigation.h"
#include "lsp/features/Features.h"
#include "lsp/features/Navigation.h"

namespace shrike::lsp::features {

namespace {

Result<std::vector<Location>> navigate(ServerContext& context,
                                       const TextDocumentPositionParams& params,
                                       const RequestContext& request, bool definition) {
  auto query = positionQuery(context, params.textDocument.uri, params.position, request);
  if (!query) return query.error();
  std::vector<Location> out;
  if (!query.value()) return out;
  const PositionQuery& q = *query.value();
  auto cursor = checker::ide::symbolAt(*q.program, q.path, q.offset, request.cancelled);
  if (!cursor) return out;
  for (const checker::ide::Resolved& target :
       definition ? cursor->definitions : cursor->declarations)
    out.push_back(toLocation(checker::ide::locationOf(target), context.encoding));
  return out;
}

} // namespace

Result<std::vector<Location>> definition(ServerContext& context,
                                         const TextDocumentPositionParams& params,
                                         const RequestContext& request) {
  return navigate(context, params, request, true);
}

Result<std::vector<Location>> declaration(ServerContext& context,
                                          const TextDocumentPositionParams& params,
                                          const RequestContext& request) {
  return navigate(context, params, request, false);
}

} // namespace shrike::lsp::features
