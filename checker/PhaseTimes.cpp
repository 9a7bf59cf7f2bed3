// PhaseTimes: per-thread CPU clocks and the stack of nested phases.
#include "checker/PhaseTimes.h"

#include <ctime>

namespace shrike::checker {

namespace {
// The innermost phase measuring on this thread.
thread_local ScopedPhase* innermost = nullptr;
} // namespace

std::string_view phaseName(Phase phase) {
  switch (phase) {
  case Phase::Read: return "reading files";
  case Phase::Parse: return "parsing";
  case Phase::Bind: return "binding";
  case Phase::ResolveImports: return "resolving imports";
  case Phase::ImportChecks: return "import checks";
  case Phase::NameChecks: return "name checks";
  case Phase::TypeChecks: return "type inference and checks";
  case Phase::Count: break;
  }
  return "?";
}

uint64_t threadCpuNanoseconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return uint64_t(now.tv_sec) * 1'000'000'000u + uint64_t(now.tv_nsec);
}

ScopedPhase::ScopedPhase(PhaseTimes* times, Phase phase) : times_(times), phase_(phase) {
  if (!times_) return;
  start_ = threadCpuNanoseconds();
  outer_ = innermost;
  innermost = this;
}

ScopedPhase::~ScopedPhase() {
  if (!times_) return;
  uint64_t total = threadCpuNanoseconds() - start_;
  times_->add(phase_, total > nested_ ? total - nested_ : 0);
  if (outer_) outer_->nested_ += total;
  innermost = outer_;
}

} // namespace shrike::checker
