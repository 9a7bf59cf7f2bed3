// StructuralFields: the fields of an error-free node's children, read from their order alone.
#pragma once

#include <cstdint>

#include <tree_sitter/api.h>

#include "parser/TreeSymbols.h"

namespace shrike::parser {

// For the node types below, the grammar fixes which child holds which field: `a.b` is always
// object '.' attribute, `f(x)` function arguments, `x: T = v` left ':' type '=' right. When a
// node of such a type has no error (no ERROR or MISSING node inside), its children's fields
// follow from their positions and the tokens between them, without asking the runtime
// (ts_tree_cursor_current_field_id walks its cursor's stack and the grammar's field map for
// every child: the costliest step of the lowering's walk after the walk itself).
// tests/parser/TreeSymbolsTests.cpp checks every answer against the runtime's on the case files.
bool hasStructuralFields(Sym parent);

// The field of the child at `position` (counting the children that are not comments or line
// continuations) of an error-free node of a type hasStructuralFields accepts, as the runtime
// reports it under the parent's fieldUseOf: 0 for an anonymous token unless the parent's
// fields include tokens. `previous` is the type of the child before it (ignored at 0).
TSFieldId structuralField(Sym parent, uint32_t position, SymbolInfo child, Sym previous,
                          const TreeFields& fields);

} // namespace shrike::parser
