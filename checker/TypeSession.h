// TypeSession: the evaluator over a Program's current modules, as Program::typeSession()
// hands it out — for the checks, and for the IDE queries that need types (hover, members).
#pragma once

#include "checker/Program.h"
#include "checker/infer/Evaluator.h"
#include "checker/infer/GraphModuleProvider.h"

namespace shrike::checker {

// Types are memoised for as long as the session lives; an edit starts a new one (checks in
// flight keep the old one alive until done).
struct Program::TypeSession {
  TypeSession(ModuleGraph& graph, EvaluatorOptions options)
      : provider(graph), evaluator(provider, std::move(options)) {}
  GraphModuleProvider provider;
  Evaluator evaluator;
};

} // namespace shrike::checker
