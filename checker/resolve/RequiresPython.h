// RequiresPython: the lowest Python version a project's `requires-python` admits.
//
//     [project]
//     requires-python = ">=3.10, <4"     ->  3.10
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "checker/config/Settings.h"

namespace shrike::checker {

// The lower bound of a PEP 440 specifier set such as ">=3.9", "~=3.10", "==3.11.*" or
// ">=3.8,!=3.9.*"; nullopt when no clause gives a lower bound (or the text is malformed).
std::optional<PythonVersion> requiresPythonLowerBound(std::string_view specifiers);

// The `[project] requires-python` of `pyprojectPath`, as written; nullopt when the file,
// the table or the key is missing or the TOML is malformed.
std::optional<std::string> readRequiresPython(const std::string& pyprojectPath);

} // namespace shrike::checker
