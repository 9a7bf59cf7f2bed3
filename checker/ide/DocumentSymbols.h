// DocumentSymbols: the outline of one file — classes, functions, methods and variables, nested
// as they are in the source — computed from the syntax tree alone, so it works on any file,
// broken or not, before anything is bound or inferred.
//
//     class C(Base):          C            class   (Base)
//         x: int = 0            x          variable  int
//         def m(self): ...      m          method    (self)
//     MAX = 10                MAX          constant
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "parser/Ast.h"
#include "parser/SourceText.h"

namespace shrike::checker::ide {

enum class OutlineKind : uint8_t {
  Class,
  Function,
  Method,
  Property,
  Variable,
  Constant,
  TypeAlias
};

struct OutlineSymbol {
  std::string name;
  std::string detail; // a signature `(x: int) -> str`, bases `(Base)`, or an annotation
  OutlineKind kind = OutlineKind::Variable;
  parser::TextRange range;          // the whole definition
  parser::TextRange selectionRange; // its name
  std::vector<OutlineSymbol> children;
};

// The outline of a module. A variable appears once per scope, at its first binding; every
// `def` and `class` appears (overloads and redefinitions included).
std::vector<OutlineSymbol> documentSymbols(const parser::Ast& ast, const parser::SourceText& text);

} // namespace shrike::checker::ide
