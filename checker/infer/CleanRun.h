// CleanRun: runs a computation and says whether it read nothing unfinished, for caches.
#pragma once

#include <algorithm>
#include <cstdint>

#include "checker/infer/EvaluatorImpl.h"

namespace shrike::checker {

// Runs `compute` on the evaluator's thread state `t` and sets `clean` when it read nothing
// unfinished: no cycle cut short, no loop's partial type, no depth or budget limit, no speculation,
// and no class whose details were being computed on this thread (it reads as a partial class
// meanwhile). Only such a result may be cached across queries: computing again would give the
// same, so the cache cannot freeze a result made during a circular inference. The thread's
// cycle and loop marks are restored as a memo lookup would leave them.
template <class ThreadState, class Compute>
auto runCleanly(ThreadState& t, bool& clean, Compute&& compute) {
  size_t savedCycle = t.lowestCycle, savedLoop = t.lowestLoop;
  uint64_t depthHitsBefore = t.depthLimitHits;
  t.lowestCycle = t.lowestLoop = SIZE_MAX;
  auto result = compute();
  clean = t.lowestCycle == SIZE_MAX && t.lowestLoop == SIZE_MAX &&
          t.depthLimitHits == depthHitsBefore && !(t.budget && t.budget->exhausted()) &&
          t.speculative == 0 && std::none_of(t.stack.begin(), t.stack.end(), [](const auto& frame) {
            return frame.key.kind == MemoKind::ClassDetails;
          });
  t.lowestCycle = std::min(savedCycle, t.lowestCycle);
  t.lowestLoop = std::min(savedLoop, t.lowestLoop);
  return result;
}

} // namespace shrike::checker
