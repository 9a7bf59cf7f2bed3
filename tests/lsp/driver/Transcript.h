// Transcript: a raw JSON-RPC session, line by line, run against the real server — for the
// protocol's edges (framing, lifecycle, errors) where a case file would hide the bytes.
//
//     args: --threads 1                                                  (first line only)
//     # comment
//     --> {"jsonrpc":"2.0","id":1,"method":"initialize","params":{...}}   send, framed
//     --> body {"id":1}                                                  send framed, unchecked
//                                                                        (\xNN is a raw byte)
//     --> raw "Content-Length: 3\r\n\r\n{x}"                             send these bytes
//     <-- {"id":1,"result":{"capabilities":"<any>"}}                      wait for a match
//                                                          (the server's requests get a null
//                                                          result)
//     <-- none {"id":null}                                               nothing like it so far
//     write ${ROOT}/lib.py "def f(): ...\n"                               write a file (JSON
//     string) remove ${ROOT}/lib.py                                              delete a file
//     close                                                              close the input
//     exit 0                                                             the exit code
//     stderr: some text                                                  the log holds it
//
// In lines, ${ROOT} is a fresh workspace folder (as a path), ${DEAD_PID} the id of a process
// that has exited, and ${REPEAT:n:text} the text repeated n times.
#pragma once

#include <string>

namespace shrike::lsptest {

// Runs the transcript at `path` against `server`; returns the failures (empty: passed).
std::string runTranscript(const std::string& server, const std::string& path);

} // namespace shrike::lsptest
