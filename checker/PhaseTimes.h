// PhaseTimes: CPU time per phase of a check, summed over threads, for `--statistics`.
//
// The phases nest: checking a file asks the evaluator for types, which loads (reads, parses,
// binds) a typeshed stub on demand. A phase's time is exclusive: the inner phase's time is
// taken out of the outer one, so the rows add up to the CPU time of the whole check.
//
//     PhaseTimes times;
//     {
//       ScopedPhase check(&times, Phase::TypeChecks);
//       { ScopedPhase parse(&times, Phase::Parse); ... }  // counted as Parse only
//     }
//
// Times are per-thread CPU time (CLOCK_THREAD_CPUTIME_ID), so waiting for a lock or for a
// core on a busy machine is not counted against a phase.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string_view>

namespace shrike::checker {

enum class Phase : uint8_t {
  Read,           // reading a file from disk
  Parse,          // tree-sitter and lowering to the AST
  Bind,           // scopes, symbols, the flow graph
  ResolveImports, // module names to files
  ImportChecks,   // unresolved imports and their kin
  NameChecks,     // unresolved and unbound names
  TypeChecks,     // inference and the type rules
  Count,
};

std::string_view phaseName(Phase phase);

// Totals for one Program; safe to add to from any thread.
class PhaseTimes {
public:
  void add(Phase phase, uint64_t nanoseconds) {
    nanos_[size_t(phase)].fetch_add(nanoseconds, std::memory_order_relaxed);
    runs_[size_t(phase)].fetch_add(1, std::memory_order_relaxed);
  }
  double seconds(Phase phase) const {
    return double(nanos_[size_t(phase)].load(std::memory_order_relaxed)) * 1e-9;
  }
  // How many times the phase ran (files read, modules parsed...).
  uint64_t runs(Phase phase) const { return runs_[size_t(phase)].load(std::memory_order_relaxed); }

private:
  std::array<std::atomic<uint64_t>, size_t(Phase::Count)> nanos_{};
  std::array<std::atomic<uint64_t>, size_t(Phase::Count)> runs_{};
};

// This thread's CPU time in nanoseconds.
uint64_t threadCpuNanoseconds();

// Adds the CPU time from construction to destruction, less that of the phases nested inside,
// to `times` (null: measures nothing).
class ScopedPhase {
public:
  ScopedPhase(PhaseTimes* times, Phase phase);
  ~ScopedPhase();
  ScopedPhase(const ScopedPhase&) = delete;
  ScopedPhase& operator=(const ScopedPhase&) = delete;

private:
  PhaseTimes* times_;
  Phase phase_;
  uint64_t start_ = 0;
  uint64_t nested_ = 0; // time of the phases inside this one
  ScopedPhase* outer_ = nullptr;
};

} // namespace shrike::checker
