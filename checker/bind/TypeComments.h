// TypeComments: finds a def's PEP 484 signature type comments in its source text, where
// pyright reads them:
//
//     def f(a, b):  # type: (int, str) -> bool      after the header's colon, or as the
//         # type: (int, str) -> bool                first comment of the next lines
//     def g(a,  # type: int                         after a parameter (and its comma)
//           b,  # type: str
//           ):
//         # type: (...) -> None                     `...`: the parameters' own comments
//
// Only the text ranges are found here; the binder parses them as string annotations.
#pragma once

#include <string_view>
#include <vector>

#include "parser/Ast.h"

namespace shrike::checker::bind {

struct SignatureTypeComments {
  // By parameter (as in def->parameters): the comment after it, or an empty range.
  std::vector<parser::TextRange> perParameter;
  // The function's comment: `(A, *B, **C) -> R`. Each entry is one annotation's text without
  // its `*` or `**`; `(...)` gives none and sets parametersElided.
  bool hasFunctionComment = false;
  bool parametersElided = false;
  std::vector<parser::TextRange> parameterEntries;
  parser::TextRange returns; // empty when missing
};

// The comments of `def`, whose text lies in `source` (offsets as in the Ast). Nothing when
// the def has no such comment or the source is not at hand.
SignatureTypeComments findSignatureTypeComments(std::string_view source,
                                                const parser::FunctionDef* def);

} // namespace shrike::checker::bind
