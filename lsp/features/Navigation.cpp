// Navigation (features): positions in, locations out.
#include "lsp/features/Navigation.h"

#include "lsp/Positions.h"
#include "lsp/Uri.h"

namespace shrike::lsp::features {

Result<std::optional<PositionQuery>> positionQuery(ServerContext& context, const std::string& uri,
                                                   const Position& position,
                                                   const RequestContext& request) {
  PositionQuery query;
  std::optional<DocumentSnapshot> open = context.documents.get(uri);
  if (open) {
    if (!open->inSync || (request.documentVersion && open->version != *request.documentVersion))
      return rpcError(ErrorCode::ContentModified, "the document changed");
    query.path = open->path;
  } else if (auto path = uriToPath(uri)) {
    query.path = *path;
  } else {
    return std::optional<PositionQuery>();
  }
  query.program = context.workspace.program();
  std::shared_ptr<checker::Module> module = query.program->module(query.path);
  if (!module || !module->text) return std::optional<PositionQuery>();
  // The Program reads open documents from their overlays, set before this request ran.
  if (open && module->text != open->text)
    return rpcError(ErrorCode::ContentModified, "the document changed");
  query.text = module->text;
  query.offset = toOffset(*query.text, position, context.encoding);
  return std::optional<PositionQuery>(std::move(query));
}

Result<std::optional<SymbolQuery>> symbolQuery(ServerContext& context, const std::string& uri,
                                               const Position& position,
                                               const RequestContext& request) {
  auto query = positionQuery(context, uri, position, request);
  if (!query) return query.error();
  if (!query.value()) return std::optional<SymbolQuery>();
  PositionQuery& q = *query.value();
  auto cursor = checker::ide::symbolAt(*q.program, q.path, q.offset, request.cancelled);
  if (!cursor) return std::optional<SymbolQuery>();
  return std::optional<SymbolQuery>(SymbolQuery{std::move(q), std::move(*cursor)});
}

std::string uriOfPath(const std::string& path) {
  return !path.empty() && path.front() == '/' ? pathToUri(path) : path;
}

Location toLocation(const checker::ide::SourceLocation& location, parser::ColumnUnit unit) {
  Location out;
  out.uri = uriOfPath(location.path);
  if (location.text) out.range = toRange(*location.text, location.range, unit);
  return out;
}

} // namespace shrike::lsp::features
