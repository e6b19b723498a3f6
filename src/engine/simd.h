// Function multiversioning for the engine's vector kernels (private to src/engine).
//
// A function marked WHIPCOUNT_VECTOR_KERNEL is compiled twice on x86-64, for AVX2 and for the
// baseline instruction set, and the loader picks one at start-up (GCC's target_clones). The
// kernels are plain loops written so that the compiler vectorises them; the AVX2 versions run the
// same code about twice as fast. Elsewhere, and in these builds, the baseline version is the
// only one:
// - compilers other than GCC (clang defines __GNUC__ but versions functions its own way),
// - AddressSanitizer builds (one version to check),
// - builds that define WHIPCOUNT_NO_MULTIVERSIONING (e.g. for a loader without ifunc support).
#ifndef WHIPCOUNT_SRC_ENGINE_SIMD_H_
#define WHIPCOUNT_SRC_ENGINE_SIMD_H_

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && \
    !defined(__SANITIZE_ADDRESS__) && !defined(WHIPCOUNT_NO_MULTIVERSIONING)
#define WHIPCOUNT_VECTOR_KERNEL __attribute__((target_clones("avx2", "default")))
#else
#define WHIPCOUNT_VECTOR_KERNEL
#endif

#endif  // WHIPCOUNT_SRC_ENGINE_SIMD_H_
