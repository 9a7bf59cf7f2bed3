// Terminal: terminal detection and the colour decision (NO_COLOR, TERM=dumb, --color).
#include "cli/Terminal.h"

#include <cstdlib>
#include <unistd.h>

namespace shrike::cli {

bool isTerminal(FILE* stream) {
  return ::isatty(::fileno(stream)) == 1;
}

bool shouldColor(ColorChoice choice, FILE* stream) {
  switch (choice) {
  case ColorChoice::Always: return true;
  case ColorChoice::Never: return false;
  case ColorChoice::Auto: break;
  }
  // https://no-color.org: a non-empty NO_COLOR turns default colour off; flags still win.
  if (const char* noColor = std::getenv("NO_COLOR"); noColor && *noColor) return false;
  if (const char* term = std::getenv("TERM"); term && std::string_view(term) == "dumb")
    return false;
  return isTerminal(stream);
}

std::string Style::wrap(std::string_view code, std::string_view text) const {
  if (!enabled_) return std::string(text);
  std::string out;
  out.reserve(text.size() + 12);
  out += "\x1b[";
  out += code;
  out += 'm';
  out += text;
  out += "\x1b[0m";
  return out;
}

} // namespace shrike::cli
