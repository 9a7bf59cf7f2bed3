// App: the command line — subcommands, options, and the exit code they produce.
#pragma once

namespace shrike::cli {

// Exit codes: 0 no errors, 1 errors found, 2 usage/configuration/I-O error, 101 internal error.
int runApp(int argc, char** argv);

} // namespace shrike::cli
