// AstDump: a stable, readable text form of an Ast, for parser tests and debugging.
#pragma once

#include <string>

#include "parser/Ast.h"

namespace shrike::parser {

struct DumpOptions {
  bool ranges = true; // append `@start..end` byte ranges
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
