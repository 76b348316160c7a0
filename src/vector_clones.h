// BIOTATOR_VECTOR_CLONES compiles a hot numeric function twice, for the x86-64 baseline
// (SSE2) and for AVX2, and the loader picks the one the CPU runs (GNU ifunc). Only for
// functions that add, compare and blend lane by lane in the same order as the scalar
// code: the AVX2 clones enable no FMA, so both compute the same bits. The sanitizer
// build (scripts/test.sh runs the suite in it too) keeps the baseline alone, so CI
// tests both. clang (14, Debian's; the fuzz build) refuses target_clones on a function
// declared before its definition, as member functions are, so it keeps the baseline too.
#pragma once

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_ADDRESS__)
#define BIOTATOR_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define BIOTATOR_VECTOR_CLONES
#endif
