// DocumentSymbols: textDocument/documentSymbol — the file's outline, from its syntax alone.
#include "checker/ide/DocumentSymbols.h"
#include "lsp/Positions.h"
#include "lsp/Uri.h"
#include "lsp/features/Features.h"
#include "lsp/features/SymbolKinds.h"
#include "parser/AstLowering.h"

namespace shrike::lsp::features {

namespace {

using checker::ide::OutlineSymbol;

DocumentSymbol nested(const OutlineSymbol& symbol, const parser::SourceText& text,
                      parser::ColumnUnit unit) {
  DocumentSymbol out;
  out.name = symbol.name;
  out.detail = symbol.detail;
  out.kind = symbolKind(symbol.kind);
  out.range = toRange(text, symbol.range, unit);
  out.selectionRange = toRange(text, symbol.selectionRange, unit);
  for (const OutlineSymbol& child : symbol.children)
    out.children.push_back(nested(child, text, unit));
  return out;
}

void flatten(const std::vector<OutlineSymbol>& symbols, const std::string& container,
             const std::string& uri, const parser::SourceText& text, parser::ColumnUnit unit,
             std::vector<SymbolInformation>& out) {
  for (const OutlineSymbol& symbol : symbols) {
    out.push_back(SymbolInformation{symbol.name, symbolKind(symbol.kind),
                                    Location{uri, toRange(text, symbol.range, unit)}, container});
    flatten(symbol.children, symbol.name, uri, text, unit, out);
  }
}

} // namespace

void to_json(json& j, const DocumentSymbolResult& r) {
  if (r.hierarchical)
    j = r.symbols;
  else
    j = r.flat;
}

Result<std::optional<DocumentSymbolResult>> documentSymbol(ServerContext& context,
                                                           const DocumentSymbolParams& params,
                                                           const RequestContext& request) {
  const std::string& uri = params.textDocument.uri;
  std::shared_ptr<const DocumentAst> document = context.documents.ast(uri);
  if (!document) {
    // Not open: outline the file on disk, if it is one.
    std::optional<std::string> path = uriToPath(uri);
    if (!path) return std::optional<DocumentSymbolResult>();
    std::string error;
    auto bytes = readFile(*path, context.workspace.program()->settings().maxFileSize, error);
    if (!bytes) return std::optional<DocumentSymbolResult>();
    auto fromDisk = std::make_shared<DocumentAst>();
    fromDisk->text = std::make_shared<const parser::SourceText>(std::move(*bytes));
    fromDisk->ast = parser::parseModule(*fromDisk->text);
    document = std::move(fromDisk);
  }
  auto modified = [&] {
    return rpcError(ErrorCode::ContentModified,
                    "the document changed while its outline was computed");
  };
  if (request.documentVersion && document->version != *request.documentVersion) return modified();
  std::vector<OutlineSymbol> outline =
      checker::ide::documentSymbols(document->ast, *document->text);
  if (request.cancelled) return rpcError(ErrorCode::RequestCancelled, "the request was cancelled");
  DocumentSymbolResult result;
  result.hierarchical = context.capabilities.hierarchicalDocumentSymbols;
  if (result.hierarchical) {
    for (const OutlineSymbol& symbol : outline)
      result.symbols.push_back(nested(symbol, *document->text, context.encoding));
  } else {
    flatten(outline, "", uri, *document->text, context.encoding, result.flat);
  }
  // An outline of a version the editor has already left would put symbols in wrong places.
  if (auto current = context.documents.get(uri); current && current->version != document->version)
    return modified();
  return std::optional<DocumentSymbolResult>(std::move(result));
}

} // namespace shrike::lsp::features
