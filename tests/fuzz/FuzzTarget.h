// FuzzTarget: what the fuzz targets share — libFuzzer's entry points and a check that stops
// the run with a message when an invariant breaks.
//
// Each target is one .cpp defining LLVMFuzzerTestOneInput (and LLVMFuzzerInitialize when it
// sets something up once per process). scripts/fuzz builds them against libFuzzer with
// address and undefined sanitizers; ReplayMain.cpp runs them on saved inputs in the ordinary
// builds, so every finding stays a test after it is fixed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace shrike::fuzz {

// Aborts (so libFuzzer saves the input) when `condition` is false.
inline void require(bool condition, std::string_view what) {
  if (condition) return;
  std::fprintf(stderr, "fuzz invariant broken: %.*s\n", static_cast<int>(what.size()), what.data());
  std::abort();
}

} // namespace shrike::fuzz
