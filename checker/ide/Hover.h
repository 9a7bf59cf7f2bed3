// Hover: what the name under the cursor is, the way pyright shows it — a one-line signature
// and the docstring:
//
//     (function) def f(x: int) -> str        (class) class C(Base)        (module) os
//     (variable) x: int                      (parameter) y: str           (constant) MAX
#pragma once

#include <optional>
#include <string>

#include "checker/Cancellation.h"
#include "checker/Program.h"

namespace shrike::checker::ide {

struct HoverInfo {
  std::string signature;   // the first line, Python-like
  std::string docstring;   // as written, dedented; empty when there is none
  parser::TextRange range; // the name hovered
};

std::optional<HoverInfo> hoverAt(Program& program, const std::string& path, uint32_t offset,
                                 const CancellationToken& cancelled = {});

// A docstring's text with its common indentation removed (PEP 257's trim), for display.
std::string cleanDocstring(std::string_view raw);

} // namespace shrike::checker::ide
