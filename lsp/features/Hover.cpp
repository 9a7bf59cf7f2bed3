// Hover: textDocument/hover — the pyright-style signature of the name under the cursor in a
// Python code block, then its docstring.
#include "checker/ide/Hover.h"
#include "lsp/Positions.h"
#include "lsp/features/Features.h"
#include "lsp/features/Navigation.h"

namespace shrike::lsp::features {

Result<std::optional<Hover>> hover(ServerContext& context, const TextDocumentPositionParams& params,
                                   const RequestContext& request) {
  auto query = positionQuery(context, params.textDocument.uri, params.position, request);
  if (!query) return query.error();
  if (!query.value()) return std::optional<Hover>();
  const PositionQuery& q = *query.value();
  auto info = checker::ide::hoverAt(*q.program, q.path, q.offset, request.cancelled);
  if (!info) return std::optional<Hover>();
  Hover hover;
  hover.range = toRange(*q.text, info->range, context.encoding);
  if (context.capabilities.hoverMarkdown) {
    hover.contents.kind = "markdown";
    hover.contents.value = "```python\n" + info->signature + "\n```";
    // The docstring is shown as written: docstrings are usually close enough to markdown,
    // and pyright does the same.
    if (!info->docstring.empty()) hover.contents.value += "\n---\n" + info->docstring;
  } else {
    hover.contents.kind = "plaintext";
    hover.contents.value = info->signature;
    if (!info->docstring.empty()) hover.contents.value += "\n\n" + info->docstring;
  }
  return std::optional<Hover>(std::move(hover));
}

} // namespace shrike::lsp::features
