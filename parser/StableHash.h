// StableHash: FNV-1a over bytes, 64 bits, the same in every build and on every machine (file
// names of caches, fingerprints, change detection), unlike std::hash.
#pragma once

#include <cstdint>
#include <string_view>

namespace shrike::parser {

class StableHash {
public:
  static constexpr uint64_t basis = 14695981039346656037ull; // the standard offset basis
  static constexpr uint64_t prime = 1099511628211ull;

  explicit StableHash(uint64_t seed = basis) : value_(seed) {}

  StableHash& addByte(unsigned char byte) {
    value_ = (value_ ^ byte) * prime;
    return *this;
  }
  StableHash& addBytes(std::string_view bytes) {
    for (unsigned char c : bytes) addByte(c);
    return *this;
  }
  // A whole number mixed in one step (not byte by byte).
  StableHash& addWord(uint64_t word) {
    value_ = (value_ ^ word) * prime;
    return *this;
  }
  uint64_t value() const { return value_; }

private:
  uint64_t value_;
};

inline uint64_t stableHash(std::string_view bytes, uint64_t seed = StableHash::basis) {
  return StableHash(seed).addBytes(bytes).value();
}

} // namespace shrike::parser
