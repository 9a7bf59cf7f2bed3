// SnapshotCommand: `shrike snapshot-stubs FOLDER OUTPUT` (hidden), run by the build to write
// the snapshot of typeshed's lowered stdlib stubs (checker/StubSnapshot.h).
#pragma once

#include <string>

namespace shrike::cli {

// Parses every .pyi under `folder` and writes their Asts to `output`. A missing folder is
// no failure (the build goes on without a snapshot, as without typeshed); exit code 1 when
// the file cannot be written.
int runSnapshotStubs(const std::string& folder, const std::string& output);

} // namespace shrike::cli
