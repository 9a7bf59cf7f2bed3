// Uri: percent-decoding and -encoding of file URIs.
#include "lsp/Uri.h"

#include <cctype>
#include <filesystem>

namespace shrike::lsp {

namespace {

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool startsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  return true;
}

// Characters a path keeps unencoded: RFC 3986 unreserved, plus '/' and a few sub-delims that
// VS Code also leaves alone.
bool keepsUnencoded(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
}

} // namespace

std::optional<std::string> uriToPath(std::string_view uri) {
  if (!startsWithIgnoreCase(uri, "file:")) return std::nullopt;
  std::string_view rest = uri.substr(5);
  // Drop a query or fragment; they never name part of a file.
  rest = rest.substr(0, rest.find_first_of("?#"));
  if (rest.substr(0, 2) == "//") {
    rest.remove_prefix(2);
    size_t slash = rest.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    std::string_view authority = rest.substr(0, slash);
    // Only local files: an empty authority or localhost.
    if (!authority.empty() && authority != "localhost") return std::nullopt;
    rest.remove_prefix(slash);
  }
  if (rest.empty() || rest.front() != '/') return std::nullopt;
  std::string path;
  path.reserve(rest.size());
  for (size_t i = 0; i < rest.size(); ++i) {
    char c = rest[i];
    if (c == '%' && i + 2 < rest.size()) {
      int high = hexValue(rest[i + 1]), low = hexValue(rest[i + 2]);
      if (high >= 0 && low >= 0) {
        char decoded = static_cast<char>(high * 16 + low);
        if (decoded == '\0') return std::nullopt;
        path.push_back(decoded);
        i += 2;
        continue;
      }
    }
    path.push_back(c);
  }
  // "/a/./b/../c.py" and "/a/c.py" are one file; so are "/a/b/" and "/a/b".
  std::string normal = std::filesystem::path(path).lexically_normal().string();
  if (normal.size() > 1 && normal.back() == '/') normal.pop_back();
  return normal;
}

std::string pathToUri(std::string_view path) {
  static const char* hex = "0123456789ABCDEF";
  std::string uri = "file://";
  if (path.empty() || path.front() != '/') uri.push_back('/');
  for (char c : path) {
    auto u = static_cast<unsigned char>(c);
    if (keepsUnencoded(u)) {
      uri.push_back(c);
    } else {
      uri.push_back('%');
      uri.push_back(hex[u >> 4]);
      uri.push_back(hex[u & 15]);
    }
  }
  return uri;
}

} // namespace shrike::lsp
