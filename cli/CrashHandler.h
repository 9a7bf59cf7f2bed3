// CrashHandler: the last line of defence — a crash or an exception that escapes a thread
// ends the process with exit code 101 and a request for a bug report, not a core dump.
#pragma once

namespace shrike::cli {

// The message printed for an internal error (ends with a newline).
const char* bugReportRequest();

// Installs handlers for fatal signals and std::terminate. Sanitizer builds keep their own
// handlers, whose reports are worth more than ours.
void installCrashHandlers();

} // namespace shrike::cli
