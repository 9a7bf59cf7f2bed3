// Suppressions: comments that hide diagnostics, applied inside the Program so that the CLI
// and the language server hide the same ones.
//
//     x: int = "a"  # type: ignore                      every diagnostic starting on this line
//     x: int = "a"  # type: ignore[invalid-assignment]  only these rules (mypy's own codes,
//                                                        when none is a Shrike rule, hide all)
//     x: int = "a"  # shrike: ignore[invalid-assignment]
//     # type: ignore        before any code at the top of a file: the whole file
//
// A comment hides diagnostics whose range starts on the comment's line. Syntax errors are
// never hidden. With `unused-ignore-comment` enabled (it is off by default), comments and
// codes that hid nothing are reported.
#pragma once

#include <string>
#include <vector>

#include "checker/check/Diagnostic.h"
#include "checker/config/Settings.h"
#include "parser/Ast.h"
#include "parser/SourceText.h"

namespace shrike::checker {

struct SuppressionCode {
  std::string code;
  parser::TextRange range;
};

struct SuppressionComment {
  enum class Kind : uint8_t { TypeIgnore, ShrikeIgnore };
  Kind kind;
  parser::TextRange range; // the directive, from `type`/`shrike` to its closing bracket
  uint32_t line = 0;       // 0-based
  bool wholeFile = false;  // `# type: ignore` before any code
  // Empty: every rule. For `type: ignore[...]`, only the codes that are Shrike rules count,
  // and a list with none of them (mypy's codes) also means every rule.
  std::vector<SuppressionCode> codes;
};

// The suppression directives among a file's comments.
std::vector<SuppressionComment> parseSuppressions(const parser::SourceText& text,
                                                  const std::vector<parser::Comment>& comments);

// Removes the diagnostics that comments hide and, when `unused-ignore-comment` is enabled
// for `path`, appends one for each comment (or code in it) that hid nothing.
void applySuppressions(const parser::SourceText& text, const std::vector<parser::Comment>& comments,
                       std::vector<Diagnostic>& diagnostics, const Settings& settings,
                       const std::string& path);

} // namespace shrike::checker
