// References: every use of a symbol across the workspace — names that resolve to it (through
// imports, re-exports and aliases), module attributes that name it (`mod.func`), and the
// names in import statements that bring it in — plus, on request, its declarations.
#pragma once

#include <string>
#include <vector>

#include "checker/Cancellation.h"
#include "checker/Program.h"
#include "checker/ide/Navigation.h"

namespace shrike::checker::ide {

struct ReferenceHit {
  SourceLocation location;
  bool isDeclaration = false; // a declaration of the symbol itself (`def f`, `x = 1`)
  bool isWrite = false;       // binds the name (declarations and other assignments)
};

// Every reference to `target` in `files` (and in the target's own module and the cursor's),
// sorted by path and position. Declarations of the target are included when asked. Stops
// early, with what it has, when cancelled.
std::vector<ReferenceHit> findReferences(Program& program, const CursorSymbol& target,
                                         const std::vector<std::string>& files,
                                         bool includeDeclaration,
                                         const CancellationToken& cancelled = {});

// The name every use of `target` spells somewhere in its file (an alias in its import): a
// file without this identifier holds no reference.
std::string referenceName(const CursorSymbol& target);

// The references to `target` in its own module only: for highlighting in the editor.
std::vector<ReferenceHit> referencesInModule(Program& program, const CursorSymbol& target);

} // namespace shrike::checker::ide
