// Prefetch: loads the modules a check is about to ask for on another worker, so that a check
// that starts cold (the first one after opening a file) does not parse them one at a time.
//
// A check loads what it needs on demand: for Django's query.py, 68 modules (1.1 MB of source,
// builtins.pyi and sql/query.py among them), and parsing them is most of its time. Meanwhile
// a second worker loads the likely ones — builtins and the stubs it imports, then the file's
// imports breadth first — and stops when the check is done. A module is loaded once, by
// whichever thread asks first (another that asks meanwhile waits for it), and the diagnostics
// do not depend on the order in which modules were loaded (`shrike check` loads them from
// every checking thread too).
#pragma once

#include <string>
#include <vector>

#include "checker/Cancellation.h"
#include "checker/Program.h"

namespace shrike::lsp {

// Loads builtins and the modules it imports, then the modules of `paths` and their imports up
// to `depth` import steps away, until `stop` is cancelled. Thread-safe (the Program's module
// graph is).
void prefetchImports(checker::Program& program, const std::vector<std::string>& paths,
                     unsigned depth, const checker::CancellationToken& stop);

} // namespace shrike::lsp
