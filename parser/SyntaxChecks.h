// SyntaxChecks: rules of Python's parser and compiler that tree-sitter's grammar does not
// enforce, checked on lowered nodes as the lowering builds them.
//
//     def f(a=1, b): ...          parameter without a default follows parameter with a default
//     from __future__ import x    future feature x is not defined
//     case x | 1: ...             name capture 'x' makes remaining patterns unreachable
//     else = 1                    'else' is a keyword and cannot be used as a name
//
// Errors that depend on scopes (`return` outside a function, `nonlocal` without a binding,
// and duplicate parameter names, a symbol-table error in CPython too) belong to the binder.
#pragma once

#include <string_view>
#include <vector>

#include "parser/Ast.h"

namespace shrike::parser {

// Python's reserved words (not the soft keywords `match`, `case`, `type` and `_`).
bool isHardKeyword(std::string_view word);

// Default ordering in a def's or lambda's parameters.
void checkParameters(const Parameters& parameters, std::vector<SyntaxError>& errors);

// The feature names of `from __future__ import ...`.
void checkFutureFeatures(const ImportFrom& import, std::vector<SyntaxError>& errors);

// `from __future__` imports after anything but a docstring and other future imports.
void checkFutureImportPlacement(const Module& module, std::vector<SyntaxError>& errors);

// The compiler's rules for one case's pattern (names bound twice, alternatives binding
// different names, unreachable alternatives, duplicate mapping keys, repeated class pattern
// attributes, more than one star) and, with `notLast`, an irrefutable case before others.
void checkCasePattern(const MatchCase& matchCase, bool notLast, std::vector<SyntaxError>& errors);

// A target list with more than one starred item: `a, *b, *c = x`.
void checkStarredTargets(const Expr* target, std::vector<SyntaxError>& errors);

} // namespace shrike::parser
