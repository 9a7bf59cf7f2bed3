// SymbolKinds: the checker's outline kinds as LSP symbol kinds.
#pragma once

#include "checker/ide/DocumentSymbols.h"
#include "lsp/Protocol.h"

namespace shrike::lsp::features {

inline SymbolKind symbolKind(checker::ide::OutlineKind kind) {
  using checker::ide::OutlineKind;
  switch (kind) {
  case OutlineKind::Class: return SymbolKind::Class;
  case OutlineKind::Function: return SymbolKind::Function;
  case OutlineKind::Method: return SymbolKind::Method;
  case OutlineKind::Property: return SymbolKind::Property;
  case OutlineKind::Variable: return SymbolKind::Variable;
  case OutlineKind::Constant: return SymbolKind::Constant;
  case OutlineKind::TypeAlias: return SymbolKind::Class;
  }
  return SymbolKind::Variable;
}

} // namespace shrike::lsp::features
