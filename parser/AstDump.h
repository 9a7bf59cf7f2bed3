// AstDump: a stable, readable text form of an Ast, for parser tests and debugging.
#pragma once

#include <string>

#include "parser/Ast.h"

namespace shrike::parser {

struct DumpOptions {
  bool ranges = true; // append `@start..end` byte ranges
  // With a text, ranges print as CPython's ast positions do: 1-based lines and 0-based UTF-8
  // columns, `@1:0-1:5`, so a dump can be compared with one made by CPython.
  const SourceText* positionsIn = nullptr;
  // Leaves out what CPython's ast has no place for (the `=` mark of a debug f-string field),
  // for comparing with a dump of CPython's tree.
  bool cpythonCompatible = false;
};

// One node per line, indented by depth, with named fields:
//
//     Module
//       Assign @0..5
//         targets:
//           Name x Store @0..1
//         value: Int 1 @4..5
std::string dumpAst(const Node* node, DumpOptions options = {});

} // namespace shrike::parser
