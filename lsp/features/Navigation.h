// Navigation (features): the common step of every position request — from the client's
// (uri, position) to the Program's (module path, byte offset) — and back from the engine's
// locations to LSP ones.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "checker/Program.h"
#include "checker/ide/Navigation.h"
#include "lsp/features/Features.h"

namespace shrike::lsp::features {

struct PositionQuery {
  std::shared_ptr<checker::Program> program;
  std::string path;
  uint32_t offset = 0;
  std::shared_ptr<const parser::SourceText> text; // the text `offset` is in
};

// Nothing (an empty answer) when the document is neither open nor a readable file;
// ContentModified when the open document moved on from the version the request was about.
Result<std::optional<PositionQuery>> positionQuery(ServerContext& context, const std::string& uri,
                                                   const Position& position,
                                                   const RequestContext& request);

// The symbol under the cursor, and the query that found it: the first step of definition,
// declaration, typeDefinition, references and highlights. Nothing when positionQuery finds
// nothing or the cursor is on no name that resolves; its errors as positionQuery's.
struct SymbolQuery {
  PositionQuery position;
  checker::ide::CursorSymbol cursor;
};
Result<std::optional<SymbolQuery>> symbolQuery(ServerContext& context, const std::string& uri,
                                               const Position& position,
                                               const RequestContext& request);

// The URI of a path the engine knows: a file, or a buffer that is not one (named by its URI).
std::string uriOfPath(const std::string& path);
Location toLocation(const checker::ide::SourceLocation& location, parser::ColumnUnit unit);

} // namespace shrike::lsp::features
