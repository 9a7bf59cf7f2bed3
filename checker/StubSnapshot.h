// StubSnapshot: the build's snapshot of typeshed's lowered stdlib stubs, found next to the
// executable and used by ModuleGraph::load instead of parsing a stub (parser/AstSnapshot.h).
//
// The build writes it (`shrike snapshot-stubs`, run after linking `shrike`) as
// `shrike-stubs.snapshot` beside the binary. The environment variable SHRIKE_STUB_SNAPSHOT
// turns it off (`off`) or names another file; the output is the same either way, only
// faster with it.
#pragma once

#include <string>

#include "parser/AstSnapshot.h"

namespace shrike::checker {

// The file's name beside the executable.
inline constexpr const char* stubSnapshotFileName = "shrike-stubs.snapshot";

// The snapshot, opened on first call; null when it is turned off, missing, damaged or from
// another build (never an error: stubs are then parsed).
const parser::AstSnapshot* stubSnapshot();

// For --verbose: which snapshot is used, or why none is.
std::string stubSnapshotNote();

} // namespace shrike::checker
