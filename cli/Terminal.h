// Terminal: whether a stream is an interactive terminal, whether to colour, and ANSI styles.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace shrike::cli {

enum class ColorChoice : uint8_t { Auto, Always, Never };

// True when the stream is attached to an interactive terminal (not a pipe or file).
bool isTerminal(FILE* stream);

// Colour on `stream` for this choice: `always` and `never` win; `auto` colours only on a
// terminal, and not when NO_COLOR is set to a non-empty value or TERM is "dumb".
bool shouldColor(ColorChoice choice, FILE* stream);

// ANSI styles that collapse to nothing when colour is off, so formatters never branch on it.
class Style {
public:
  explicit Style(bool enabled) : enabled_(enabled) {}
  bool enabled() const { return enabled_; }
  std::string bold(std::string_view text) const { return wrap("1", text); }
  std::string red(std::string_view text) const { return wrap("1;31", text); }
  std::string yellow(std::string_view text) const { return wrap("1;33", text); }
  std::string cyan(std::string_view text) const { return wrap("1;36", text); }
  std::string blue(std::string_view text) const { return wrap("1;34", text); }
  std::string green(std::string_view text) const { return wrap("1;32", text); }

private:
  std::string wrap(std::string_view code, std::string_view text) const;
  bool enabled_;
};

} // namespace shrike::cli
