// The two hash building blocks the feature extractors, the lexicon and the cluster
// trainer share. Their values are baked into model files: changing a constant here
// changes every feature hash and needs every model rebuilt.
#pragma once

#include <cstdint>
#include <string_view>

namespace biotator {

// 64-bit FNV-1a over the bytes of `s`.
inline uint64_t fnv1a64(std::string_view s, uint64_t seed = 0xcbf29ce484222325ULL) {
  uint64_t h = seed;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

// MurmurHash3's 64-bit finalizer: spreads every input bit over the whole word.
inline uint64_t mix64(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

}  // namespace biotator
