// InferenceBudget: how much work inference may do for one module, and how deep it may nest,
// before it gives up on what is left and says so (`inference-budget-exceeded`), so that no
// input — generated, hostile or just unlucky — can make a check run away or overflow a stack.
//
//     def f(a: Literal[0, 1, ..., 4999], b: Literal[0, 1, ..., 4999]):
//         c = a + b      # millions of literal sums: the budget runs out here; c is Unknown
//     x = not not not ... not True   # 1,000 levels: inference stops 200 levels down
//
// The evaluator spends one step for each computation it does not find memoised (the type of
// an expression, of a declaration, a class's details...) and reports each time its nesting
// hits `maxDepth`; what it could not compute is Unknown. The checker gives each module a fresh
// budget and reports the first statement where it ran out (or hit the depth limit), once.
// Steps count wherever the work happens (a stub evaluated for this module counts too).
#pragma once

#include <cstdint>

namespace shrike::checker {

class InferenceBudget {
public:
  // About ten times what the largest module of the standard library or Django needs
  // (scripts/bench measures it), which runs for a few seconds: room for real code, never
  // minutes.
  static constexpr uint64_t defaultSteps = 2'000'000;
  // Nested evaluations followed before the innermost gives Unknown.
  static constexpr uint32_t maxDepth = 200;

  explicit InferenceBudget(uint64_t steps = defaultSteps) : limit_(steps) {}

  // Spends one step; false once the budget is used up (then nothing more should be computed).
  bool spend() {
    if (used_ >= limit_) {
      exhausted_ = true;
      return false;
    }
    ++used_;
    return true;
  }
  // Evaluation nested deeper than maxDepth somewhere and gave Unknown there.
  void noteDepthLimit() { depthLimited_ = true; }
  // Undoes the notes since `before` (depthLimited() then): the cut evaluation was done again
  // in shorter pieces (settled), and only the second attempt's cuts count.
  void restoreDepthLimit(bool before) { depthLimited_ = before; }

  bool exhausted() const { return exhausted_; }
  bool depthLimited() const { return depthLimited_; }
  uint64_t used() const { return used_; }
  uint64_t limit() const { return limit_; }

private:
  uint64_t limit_;
  uint64_t used_ = 0;
  bool exhausted_ = false;
  bool depthLimited_ = false;
};

} // namespace shrike::checker
