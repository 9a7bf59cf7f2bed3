// Configuration: the settings of a workspace — the project's own files (the same
// `pyproject.toml` / `shrike.toml` the command line reads) with the editor's settings on top.
//
// Editor settings use the configuration file's keys, under a `shrike` section:
//
//     {"shrike": {"python-version": "3.12", "rules": {"possibly-unbound": "ignore"}}}
//
// camelCase spellings (`pythonVersion`) are accepted too, as editors like them.
#pragma once

#include <string>
#include <vector>

#include "checker/config/Settings.h"
#include "lsp/JsonRpc.h"

namespace shrike::lsp {

// The editor's settings for Shrike, whether given as the whole settings object (with a
// `shrike` key) or as the section's content.
json shrikeSection(const json& settings);

// Settings for a workspace folder: its project's configuration (shrike.toml or pyproject.toml,
// through the command line's ConfigLoader) with the editor's settings on top. Problems in
// either are returned in `problems` (one sentence each) and the offending keys ignored.
checker::Settings loadSettings(const std::string& root, const json& editorSettings,
                               std::vector<std::string>& problems);

} // namespace shrike::lsp
