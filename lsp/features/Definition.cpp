// Definition: textDocument/definition, declaration and typeDefinition — where the name under
// the cursor is defined (imports followed to the module that defines it, stubs included),
// where it is declared as its own module sees it (an import stops there), and where the
// class of its value is defined.
#include "checker/ide/Navigation.h"
#include "checker/ide/TypeNavigation.h"
#include "lsp/features/Features.h"
#include "lsp/features/Navigation.h"

namespace shrike::lsp::features {

namespace {

Result<std::vector<Location>> navigate(ServerContext& context,
                                       const TextDocumentPositionParams& params,
                                       const RequestContext& request, bool definition) {
  auto found = symbolQuery(context, params.textDocument.uri, params.position, request);
  if (!found) return found.error();
  std::vector<Location> out;
  if (!found.value()) return out;
  const checker::ide::CursorSymbol& cursor = found.value()->cursor;
  for (const checker::ide::Resolved& target : definition ? cursor.definitions : cursor.declarations)
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

Result<std::vector<Location>> typeDefinition(ServerContext& context,
                                             const TextDocumentPositionParams& params,
                                             const RequestContext& request) {
  auto found = symbolQuery(context, params.textDocument.uri, params.position, request);
  if (!found) return found.error();
  std::vector<Location> out;
  if (!found.value()) return out;
  const checker::ide::CursorSymbol& cursor = found.value()->cursor;
  checker::Program& program = *found.value()->position.program;
  // The class of the value where the cursor is (narrowed), or of the declaration's type.
  std::vector<checker::ide::Resolved> classes =
      cursor.expression ? checker::ide::typeDeclarations(program, cursor.module, cursor.expression)
                        : checker::ide::typeDeclarations(program, cursor.declarations.front());
  for (const checker::ide::Resolved& target : classes)
    out.push_back(toLocation(checker::ide::locationOf(target), context.encoding));
  return out;
}

} // namespace shrike::lsp::features
