// ParserCaseFiles: reading case files and writing a parse as the text the cases expect.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "parser/Ast.h"
#include "parser/SourceText.h"

namespace shrike::parser::testing {

// The files with `extension` in tests/parser/<folder>, sorted by name.
std::vector<std::filesystem::path> caseFiles(const std::string& folder,
                                             const std::string& extension);

std::string readFile(const std::filesystem::path& path);
void writeFile(const std::filesystem::path& path, const std::string& text);

// The dump with line:col positions, then `!!! line:col: message` per syntax error.
std::string dumpWithErrors(const SourceText& text, const Ast& ast, bool positions = true);
// Only the errors, one `line:col: message` a line (columns 1-based, in code points).
std::string errorLines(const SourceText& text, const Ast& ast);

// True when expectations should be rewritten from the current output
// (SHRIKE_UPDATE_GOLDEN=1, as for the command-line cases).
bool updatingGolden();

// Compares `actual` with the expected file (or rewrites it); returns a readable difference,
// empty when they agree.
std::string compareWithExpected(const std::filesystem::path& expectedPath,
                                const std::string& actual);

// The depth of the tree under `node`, walked without recursion.
uint32_t treeDepth(const Node* node);

// Everything an Ast holds, for comparing two: the dump, then per node its kind, ranges (its
// own, its identifiers', a call's arguments', a string's content), height and whether it links
// back to its parent; then the syntax errors and the comments.
std::string describeAst(const Ast& ast);

} // namespace shrike::parser::testing
