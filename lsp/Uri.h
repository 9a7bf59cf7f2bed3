// Uri: `file://` URIs <-> filesystem paths, with RFC 3986 percent-encoding.
//
//     file:///home/me/a%20b.py   <->   /home/me/a b.py
//
// Other schemes (`untitled:`, `git:`) have no path; the server still keeps such buffers but
// cannot relate them to files on disk.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace shrike::lsp {

// The path of a `file:` URI (absolute, decoded); nullopt for other schemes or bad URIs.
std::optional<std::string> uriToPath(std::string_view uri);
// The `file:` URI of an absolute path.
std::string pathToUri(std::string_view path);

} // namespace shrike::lsp
