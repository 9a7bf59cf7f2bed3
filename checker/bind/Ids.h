// Ids: the 32-bit indices that name scopes, symbols, declarations and flow nodes in one module.
#pragma once

#include <cstdint>

namespace shrike::checker::bind {

using ScopeId = uint32_t;  // index into SemanticIndex::scopes(); the module scope is 0
using SymbolId = uint32_t; // index into SemanticIndex::symbols()
using DeclId = uint32_t;   // index into SemanticIndex::declarations()
using FlowId = uint32_t;   // index into FlowGraph::nodes()
using KeyId = uint32_t;    // index into ReferenceKeys (a name, `a.b`, `a[0]`...)
using ImportId = uint32_t; // index into SemanticIndex::imports()

inline constexpr uint32_t noId = UINT32_MAX;
inline constexpr ScopeId moduleScopeId = 0;

} // namespace shrike::checker::bind
