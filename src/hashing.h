// The hash building blocks the feature extractors, the lexicon and the cluster
// trainer share. Their values are baked into model files: changing a constant here
// changes every feature hash and needs every model rebuilt.
#pragma once

#include <cstdint>
#include <string_view>

namespace biotator {

inline constexpr uint64_t kFnvOffsetBasis = 0xcbf29ce484222325ULL;
inline constexpr uint64_t kFnvPrime = 0x100000001b3ULL;

// One byte of 64-bit FNV-1a: hashes that grow a byte at a time (prefixes) use it.
inline uint64_t fnv1a64_step(uint64_t h, unsigned char c) { return (h ^ c) * kFnvPrime; }

// 64-bit FNV-1a over the bytes of `s`.
inline uint64_t fnv1a64(std::string_view s, uint64_t seed = kFnvOffsetBasis) {
  uint64_t h = seed;
  for (unsigned char c : s) h = fnv1a64_step(h, c);
  return h;
}

inline unsigned char ascii_lower(char c) {
  return static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

// fnv1a64 of `s` with its ASCII letters lowered, without building the lowered string.
inline uint64_t fnv1a64_ascii_lower(std::string_view s) {
  uint64_t h = kFnvOffsetBasis;
  for (char c : s) h = fnv1a64_step(h, ascii_lower(c));
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
