#include "power_modular.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <mutex>
#include <numeric>

// The kernels are compiled twice on x86-64, for AVX2 and for the baseline instruction set, and
// the loader picks one at start-up (GCC function multiversioning). The loops are written per lane
// so the compiler vectorises them; the AVX2 versions run the same code about twice as fast.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && \
    !defined(WHIPCOUNT_NO_MULTIVERSIONING)
#define WHIPCOUNT_VECTOR_KERNEL __attribute__((target_clones("avx2", "default")))
#else
#define WHIPCOUNT_VECTOR_KERNEL
#endif

// The helpers taking or returning vectors by value (below) are always inlined into the kernels,
// so the ABI note GCC gives for such functions does not apply.
#pragma GCC diagnostic ignored "-Wpsabi"

namespace whipcount::power_internal {
namespace {

bool IsPrime(std::uint32_t n) {
  if (n < 2) return false;
  for (std::uint32_t small : {2u, 3u, 5u, 7u, 11u, 13u}) {
    if (n % small == 0) return n == small;
  }
  // Deterministic Miller–Rabin for n < 2^32 (bases 2, 7, 61; Jaeschke 1993).
  std::uint32_t d = n - 1;
  int r = 0;
  while ((d & 1) == 0) {
    d >>= 1;
    ++r;
  }
  for (std::uint32_t a : {2u, 7u, 61u}) {
    if (a % n == 0) continue;
    std::uint32_t x = PowMod(a, d, n);
    if (x == 1 || x == n - 1) continue;
    bool composite = true;
    for (int i = 1; i < r; ++i) {
      x = MulMod(x, x, n);
      if (x == n - 1) {
        composite = false;
        break;
      }
    }
    if (composite) return false;
  }
  return true;
}

inline std::uint32_t AddModLane(std::uint32_t a, std::uint32_t b, std::uint32_t p) {
  const std::uint32_t s = a + b;  // < 2^32 because a, b < p < 2^31
  const std::uint32_t t = s - p;  // wraps around when s < p
  return s < t ? s : t;
}

inline std::uint32_t SubModLane(std::uint32_t a, std::uint32_t b, std::uint32_t p) {
  const std::uint32_t d = a - b;  // wraps around when a < b
  const std::uint32_t t = d + p;
  return d < t ? d : t;
}

// Shoup's modular multiplication by a fixed factor: with shoup = floor(factor * 2^32 / p),
// x * factor mod p is x * factor - floor(x * shoup / 2^32) * p, up to one subtraction of p.
inline std::uint32_t MulShoupLane(std::uint32_t x, std::uint32_t factor, std::uint32_t shoup,
                                  std::uint32_t p) {
  const auto quotient = static_cast<std::uint32_t>((static_cast<std::uint64_t>(x) * shoup) >> 32);
  const std::uint32_t r = x * factor - quotient * p;
  return r >= p ? r - p : r;
}

template <int L>
WHIPCOUNT_VECTOR_KERNEL void MultiplyByBinomialKernel(Lanes<L>* c, std::int64_t lo, std::int64_t hi,
                                                      std::int64_t w, const LaneModulus<L>& m) {
  for (std::int64_t s = hi - 1; s >= lo; --s) {
    Lanes<L>& out = c[s];
    const Lanes<L>& in = c[s - w];
    for (int l = 0; l < L; ++l) out.v[l] = AddModLane(out.v[l], in.v[l], m.p[l]);
  }
}

template <int L>
WHIPCOUNT_VECTOR_KERNEL void MultiplyByTwoKernel(Lanes<L>* c, std::int64_t lo, std::int64_t hi,
                                                 std::int64_t w1, std::int64_t w2,
                                                 const LaneModulus<L>& m) {
  // s in [lo, hi) with lo >= w1 + w2: all three terms.
  for (std::int64_t s = hi - 1; s >= lo; --s) {
    Lanes<L>& out = c[s];
    const Lanes<L>& x = c[s - w1];
    const Lanes<L>& y = c[s - w2];
    const Lanes<L>& z = c[s - w1 - w2];
    for (int l = 0; l < L; ++l) {
      const std::uint32_t p = m.p[l];
      out.v[l] = AddModLane(AddModLane(out.v[l], x.v[l], p), AddModLane(y.v[l], z.v[l], p), p);
    }
  }
}

template <int L>
WHIPCOUNT_VECTOR_KERNEL void AddRowsKernel(Lanes<L>* __restrict dst, const Lanes<L>* a,
                                           const Lanes<L>* b, const Lanes<L>* c, std::int64_t len,
                                           const LaneModulus<L>& m) {
  if (c == nullptr) {
    for (std::int64_t s = 0; s < len; ++s) {
      for (int l = 0; l < L; ++l) {
        const std::uint32_t p = m.p[l];
        dst[s].v[l] = AddModLane(dst[s].v[l], AddModLane(a[s].v[l], b[s].v[l], p), p);
      }
    }
    return;
  }
  for (std::int64_t s = 0; s < len; ++s) {
    for (int l = 0; l < L; ++l) {
      const std::uint32_t p = m.p[l];
      dst[s].v[l] =
          AddModLane(AddModLane(dst[s].v[l], a[s].v[l], p), AddModLane(b[s].v[l], c[s].v[l], p), p);
    }
  }
}

template <int L>
WHIPCOUNT_VECTOR_KERNEL void DivideByBinomialKernel(Lanes<L>* c, std::int64_t lo, std::int64_t hi,
                                                    std::int64_t w, const LaneModulus<L>& m) {
  for (std::int64_t s = lo; s < hi; ++s) {
    Lanes<L>& out = c[s];
    const Lanes<L>& in = c[s - w];
    for (int l = 0; l < L; ++l) out.v[l] = SubModLane(out.v[l], in.v[l], m.p[l]);
  }
}

template <int L>
WHIPCOUNT_VECTOR_KERNEL void AddRowKernel(Lanes<L>* __restrict dst, const Lanes<L>* __restrict src,
                                          std::int64_t len, const LaneModulus<L>& m) {
  for (std::int64_t s = 0; s < len; ++s) {
    for (int l = 0; l < L; ++l) dst[s].v[l] = AddModLane(dst[s].v[l], src[s].v[l], m.p[l]);
  }
}

template <int L>
WHIPCOUNT_VECTOR_KERNEL void SubtractRowKernel(Lanes<L>* __restrict dst,
                                               const Lanes<L>* __restrict src, std::int64_t len,
                                               const LaneModulus<L>& m) {
  for (std::int64_t s = 0; s < len; ++s) {
    for (int l = 0; l < L; ++l) dst[s].v[l] = SubModLane(dst[s].v[l], src[s].v[l], m.p[l]);
  }
}

template <int L>
WHIPCOUNT_VECTOR_KERNEL void AddConstantKernel(Lanes<L>* dst, std::int64_t len,
                                               const Lanes<L>& value, const LaneModulus<L>& m) {
  for (std::int64_t s = 0; s < len; ++s) {
    for (int l = 0; l < L; ++l) dst[s].v[l] = AddModLane(dst[s].v[l], value.v[l], m.p[l]);
  }
}

template <int L>
WHIPCOUNT_VECTOR_KERNEL void AddScaledRowKernel(Lanes<L>* __restrict dst,
                                                const Lanes<L>* __restrict src, std::int64_t len,
                                                const Lanes<L>& factor, const Lanes<L>& shoup,
                                                const LaneModulus<L>& m) {
  for (std::int64_t s = 0; s < len; ++s) {
    for (int l = 0; l < L; ++l) {
      const std::uint32_t product = MulShoupLane(src[s].v[l], factor.v[l], shoup.v[l], m.p[l]);
      dst[s].v[l] = AddModLane(dst[s].v[l], product, m.p[l]);
    }
  }
}

template <int L>
WHIPCOUNT_VECTOR_KERNEL void AddReversedRowKernel(Lanes<L>* __restrict dst,
                                                  const Lanes<L>* __restrict src_last,
                                                  std::int64_t len, const LaneModulus<L>& m) {
  for (std::int64_t s = 0; s < len; ++s) {
    for (int l = 0; l < L; ++l) {
      dst[s].v[l] = AddModLane(dst[s].v[l], src_last[-s].v[l], m.p[l]);
    }
  }
}

template <int L>
WHIPCOUNT_VECTOR_KERNEL void PrefixSumsKernel(Lanes<L>* c, std::int64_t len,
                                              const LaneModulus<L>& m) {
  for (std::int64_t s = 1; s < len; ++s) {
    for (int l = 0; l < L; ++l) c[s].v[l] = AddModLane(c[s].v[l], c[s - 1].v[l], m.p[l]);
  }
}

template <int L>
WHIPCOUNT_VECTOR_KERNEL void SumKernel(const Lanes<L>* a, std::int64_t len, const LaneModulus<L>& m,
                                       Lanes<L>* out) {
  Lanes<L> acc{};
  for (std::int64_t s = 0; s < len; ++s) {
    for (int l = 0; l < L; ++l) acc.v[l] = AddModLane(acc.v[l], a[s].v[l], m.p[l]);
  }
  *out = acc;
}

// Lazy reduction: each product is below 2^62; its high and low 32-bit halves are summed
// separately in 64-bit accumulators, which cannot overflow within 2^31 terms. The accumulators
// are locals so that they live in vector registers.
template <int L>
WHIPCOUNT_VECTOR_KERNEL void DotKernel(const Lanes<L>* a, const Lanes<L>* b, std::int64_t len,
                                       std::uint64_t* high_out, std::uint64_t* low_out) {
  std::uint64_t high[static_cast<std::size_t>(L)] = {};
  std::uint64_t low[static_cast<std::size_t>(L)] = {};
  for (std::int64_t s = 0; s < len; ++s) {
    for (int l = 0; l < L; ++l) {
      const std::uint64_t product = static_cast<std::uint64_t>(a[s].v[l]) * b[s].v[l];
      high[l] += product >> 32;
      low[l] += product & 0xffffffffu;
    }
  }
  for (int l = 0; l < L; ++l) {
    high_out[l] += high[l];
    low_out[l] += low[l];
  }
}

// ---------------------------------------------------------------------------------------------
// Flat kernels. An array of Lanes<L> is a flat array of uint32 residues in which element e
// belongs to lane e % L. The flat kernels treat it as such and work on 8 residues per vector
// whatever L is: a block of 8 cells is L vectors, and vector j of a block meets the lanes
// (8j + t) % L, t = 0..7, so it uses the j-th rotation of the moduli (LaneModulus::rotation). An
// in-place recurrence at a distance of w cells is safe for whole vectors when w * L >= 8: every
// element a vector reads is then finished (ascending) or untouched (descending). The per-cell
// kernels above take the few calls with a shorter distance, and the cells past the last whole
// block.
//
// The vector type is GCC's generic vector extension: AVX2 in the avx2 clone, two SSE halves in
// the default one.
constexpr int kVec = kVectorResidues;
using Vec [[gnu::vector_size(32), gnu::aligned(4), gnu::may_alias]] = std::uint32_t;
// The same 256 bits as four 64-bit integers.
using Pair64 [[gnu::vector_size(32)]] = std::uint64_t;

template <int L>
using Rotation = std::uint32_t[static_cast<std::size_t>(L)][kVec];

[[gnu::always_inline]] inline Vec LoadVec(const std::uint32_t* p) {
  return *reinterpret_cast<const Vec*>(p);
}
[[gnu::always_inline]] inline void StoreVec(std::uint32_t* p, Vec v) {
  *reinterpret_cast<Vec*>(p) = v;
}
[[gnu::always_inline]] inline Vec AddModVec(Vec a, Vec b, Vec p) {
  const Vec s = a + b;
  const Vec t = s - p;
  return s < t ? s : t;
}
[[gnu::always_inline]] inline Vec SubModVec(Vec a, Vec b, Vec p) {
  const Vec d = a - b;
  const Vec t = d + p;
  return d < t ? d : t;
}

template <int L>
std::uint32_t* Flat(Lanes<L>* c) {
  return c->v;
}
template <int L>
const std::uint32_t* Flat(const Lanes<L>* c) {
  return c->v;
}

// dst[s] += a[s] (+ b[s] (+ c[s]) with kTerms = 2, 3) for s in [0, cells): whole blocks only
// (cells rounded down to a multiple of 8); returns the number of cells done. kDescending walks
// the blocks from the top, for in-place products whose sources lie below dst.
template <int L, int kTerms, bool kDescending>
WHIPCOUNT_VECTOR_KERNEL std::int64_t FlatAddKernel(std::uint32_t* dst, const std::uint32_t* a,
                                                   const std::uint32_t* b, const std::uint32_t* c,
                                                   std::int64_t cells, const Rotation<L>& mod) {
  const std::int64_t blocks = cells / kVec;
  Vec p[static_cast<std::size_t>(L)];
  for (int j = 0; j < L; ++j) p[j] = LoadVec(mod[j]);
  for (std::int64_t i = 0; i < blocks; ++i) {
    const std::int64_t block = kDescending ? blocks - 1 - i : i;
    for (int jj = 0; jj < L; ++jj) {
      const int j = kDescending ? L - 1 - jj : jj;
      const std::int64_t e = (block * L + j) * kVec;
      Vec sum = LoadVec(a + e);
      if constexpr (kTerms >= 2) sum = AddModVec(sum, LoadVec(b + e), p[j]);
      if constexpr (kTerms >= 3) sum = AddModVec(sum, LoadVec(c + e), p[j]);
      StoreVec(dst + e, AddModVec(LoadVec(dst + e), sum, p[j]));
    }
  }
  return blocks * kVec;
}

// dst[s] -= src[s] for s in [0, cells), ascending, whole blocks only; returns the cells done.
template <int L>
WHIPCOUNT_VECTOR_KERNEL std::int64_t FlatSubtractKernel(std::uint32_t* dst,
                                                        const std::uint32_t* src,
                                                        std::int64_t cells,
                                                        const Rotation<L>& mod) {
  const std::int64_t blocks = cells / kVec;
  Vec p[static_cast<std::size_t>(L)];
  for (int j = 0; j < L; ++j) p[j] = LoadVec(mod[j]);
  for (std::int64_t block = 0; block < blocks; ++block) {
    for (int j = 0; j < L; ++j) {
      const std::int64_t e = (block * L + j) * kVec;
      StoreVec(dst + e, SubModVec(LoadVec(dst + e), LoadVec(src + e), p[j]));
    }
  }
  return blocks * kVec;
}

// dst[s] += value for s in [0, cells), whole blocks only; returns the cells done.
template <int L>
WHIPCOUNT_VECTOR_KERNEL std::int64_t FlatAddConstantKernel(std::uint32_t* dst, std::int64_t cells,
                                                           const Rotation<L>& value,
                                                           const Rotation<L>& mod) {
  const std::int64_t blocks = cells / kVec;
  Vec p[static_cast<std::size_t>(L)];
  Vec x[static_cast<std::size_t>(L)];
  for (int j = 0; j < L; ++j) {
    p[j] = LoadVec(mod[j]);
    x[j] = LoadVec(value[j]);
  }
  for (std::int64_t block = 0; block < blocks; ++block) {
    for (int j = 0; j < L; ++j) {
      const std::int64_t e = (block * L + j) * kVec;
      StoreVec(dst + e, AddModVec(LoadVec(dst + e), x[j], p[j]));
    }
  }
  return blocks * kVec;
}

// Sum of a[s] over whole blocks of [0, cells), added per lane into `out` (residues); returns the
// cells done.
template <int L>
WHIPCOUNT_VECTOR_KERNEL std::int64_t FlatSumKernel(const std::uint32_t* a, std::int64_t cells,
                                                   const Rotation<L>& mod, std::uint32_t* out,
                                                   const std::uint32_t* primes) {
  const std::int64_t blocks = cells / kVec;
  Vec p[static_cast<std::size_t>(L)];
  Vec acc[static_cast<std::size_t>(L)];
  for (int j = 0; j < L; ++j) {
    p[j] = LoadVec(mod[j]);
    acc[j] = Vec{};
  }
  for (std::int64_t block = 0; block < blocks; ++block) {
    for (int j = 0; j < L; ++j)
      acc[j] = AddModVec(acc[j], LoadVec(a + (block * L + j) * kVec), p[j]);
  }
  for (int j = 0; j < L; ++j) {
    for (int t = 0; t < kVec; ++t) {
      const int lane = (kVec * j + t) % L;
      out[lane] = AddModLane(out[lane], acc[j][t], primes[lane]);
    }
  }
  return blocks * kVec;
}

// Sum of a[s] * b[s] over whole blocks of [0, cells) (at most 2^30 cells), with the high and low
// 32-bit halves of the products added per lane into high_out and low_out; returns the cells
// done. See DotKernel. Each vector is multiplied as two halves of four 64-bit products (the
// residues at even and at odd positions). Vector j of a block meets the lanes (8j + t) % L,
// which repeat every L / gcd(L, 8) vectors, so that many sets of accumulators suffice.
template <int L>
WHIPCOUNT_VECTOR_KERNEL std::int64_t FlatDotKernel(const std::uint32_t* a, const std::uint32_t* b,
                                                   std::int64_t cells, std::uint64_t* high_out,
                                                   std::uint64_t* low_out) {
  constexpr int kSets = L / std::gcd(L, kVec);
  constexpr auto kSetCount = static_cast<std::size_t>(kSets);
  const std::int64_t blocks = cells / kVec;
  const Pair64 mask = Pair64{} + 0xffffffffu;
  Pair64 high_even[kSetCount], low_even[kSetCount], high_odd[kSetCount], low_odd[kSetCount];
  for (int k = 0; k < kSets; ++k) high_even[k] = low_even[k] = high_odd[k] = low_odd[k] = Pair64{};
  for (std::int64_t block = 0; block < blocks; ++block) {
    for (int j = 0; j < L; ++j) {
      const std::int64_t e = (block * L + j) * kVec;
      const auto x = reinterpret_cast<Pair64>(LoadVec(a + e));
      const auto y = reinterpret_cast<Pair64>(LoadVec(b + e));
      const Pair64 even = (x & mask) * (y & mask);
      const Pair64 odd = (x >> 32) * (y >> 32);
      const int k = j % kSets;
      high_even[k] += even >> 32;
      low_even[k] += even & mask;
      high_odd[k] += odd >> 32;
      low_odd[k] += odd & mask;
    }
  }
  for (int k = 0; k < kSets; ++k) {
    for (int slot = 0; slot < kVec / 2; ++slot) {
      const int even_lane = (kVec * k + 2 * slot) % L;
      const int odd_lane = (kVec * k + 2 * slot + 1) % L;
      high_out[even_lane] += high_even[k][slot];
      low_out[even_lane] += low_even[k][slot];
      high_out[odd_lane] += high_odd[k][slot];
      low_out[odd_lane] += low_odd[k][slot];
    }
  }
  return blocks * kVec;
}

}  // namespace

std::uint32_t PowMod(std::uint32_t base, std::uint64_t exponent, std::uint32_t p) {
  std::uint64_t result = 1 % p;
  std::uint64_t b = base % p;
  while (exponent > 0) {
    if (exponent & 1) result = result * b % p;
    b = b * b % p;
    exponent >>= 1;
  }
  return static_cast<std::uint32_t>(result);
}

std::uint32_t Residue(const mpz_class& x, std::uint32_t p) {
  return static_cast<std::uint32_t>(mpz_fdiv_ui(x.get_mpz_t(), p));
}

std::vector<std::uint32_t> LargePrimes(std::size_t count) {
  static std::mutex mutex;
  static std::vector<std::uint32_t> cache;
  std::lock_guard<std::mutex> lock(mutex);
  std::uint32_t candidate = cache.empty() ? (1u << 31) - 1 : cache.back() - 2;
  while (cache.size() < count) {
    if (IsPrime(candidate)) cache.push_back(candidate);
    candidate -= 2;
  }
  return std::vector<std::uint32_t>(cache.begin(),
                                    cache.begin() + static_cast<std::ptrdiff_t>(count));
}

std::size_t PrimesForBits(double bits) {
  // Every prime used is above 2^30.99, so each contributes at least 30.99 bits.
  return static_cast<std::size_t>(std::ceil((bits + 1.0) / 30.99));
}

CrtBasis::CrtBasis(std::vector<std::uint32_t> primes) : primes_(std::move(primes)) {
  const std::size_t k = primes_.size();
  inverse_.resize(k * (k - (k > 0 ? 1 : 0)) / 2);
  for (std::size_t j = 1; j < k; ++j) {
    for (std::size_t i = 0; i < j; ++i) {
      inverse_[j * (j - 1) / 2 + i] = InvMod(primes_[i] % primes_[j], primes_[j]);
    }
  }
}

mpz_class CrtBasis::Reconstruct(const std::uint32_t* residues) const {
  const std::size_t k = primes_.size();
  // Mixed-radix digits; on the stack for the common case of a few primes.
  std::array<std::uint32_t, 64> small;
  std::vector<std::uint32_t> large(k > small.size() ? k : 0);
  std::uint32_t* digit = k > small.size() ? large.data() : small.data();
  for (std::size_t j = 0; j < k; ++j) {
    const std::uint32_t p = primes_[j];
    std::uint32_t t = residues[j] % p;
    const std::uint32_t* inverse = inverse_.data() + j * (j - (j > 0 ? 1 : 0)) / 2;
    for (std::size_t i = 0; i < j; ++i) {
      const std::uint32_t d = digit[i] % p;
      t = MulMod(t >= d ? t - d : t + p - d, inverse[i], p);
    }
    digit[j] = t;
  }
  mpz_class x = 0;
  for (std::size_t j = k; j-- > 0;) {
    x *= primes_[j];
    x += digit[j];
  }
  return x;
}

// Whether an in-place recurrence at a distance of w cells may run whole vectors.
template <int L>
bool VectorDistance(std::int64_t w) {
  return w * L >= kVec;
}

template <int L>
void MultiplyByBinomial(Lanes<L>* c, std::int64_t lo, std::int64_t hi, std::int64_t w,
                        const LaneModulus<L>& m) {
  assert(w >= 1 && lo >= w);
  if (hi <= lo) return;
  if (!VectorDistance<L>(w)) {
    MultiplyByBinomialKernel<L>(c, lo, hi, w, m);
    return;
  }
  // The cells above the last whole block first: the blocks below must still be untouched.
  const std::int64_t blocks_end = lo + (hi - lo) / kVec * kVec;
  if (hi > blocks_end) MultiplyByBinomialKernel<L>(c, blocks_end, hi, w, m);
  FlatAddKernel<L, 1, true>(Flat(c + lo), Flat(c + lo - w), nullptr, nullptr, hi - lo, m.rotation);
}

template <int L>
void MultiplyByTwoBinomials(Lanes<L>* c, std::int64_t hi, std::int64_t w1, std::int64_t w2,
                            const LaneModulus<L>& m) {
  assert(w1 >= 1 && w1 <= w2);
  // Top down: every range reads only below itself, so reads see values not yet updated.
  const std::int64_t both = w1 + w2;
  if (hi > both) {
    if (VectorDistance<L>(w1)) {
      const std::int64_t blocks_end = both + (hi - both) / kVec * kVec;
      if (hi > blocks_end) MultiplyByTwoKernel<L>(c, blocks_end, hi, w1, w2, m);
      FlatAddKernel<L, 3, true>(Flat(c + both), Flat(c + both - w1), Flat(c + both - w2), Flat(c),
                                hi - both, m.rotation);
    } else {
      MultiplyByTwoKernel<L>(c, both, hi, w1, w2, m);
    }
  }
  const std::int64_t mid_hi = std::min(hi, both);
  for (std::int64_t s = mid_hi - 1; s >= w2; --s) {  // c[s - w1] and c[s - w2]
    c[s] = AddLanes<L>(c[s], AddLanes<L>(c[s - w1], c[s - w2], m), m);
  }
  const std::int64_t low_hi = std::min(hi, w2);
  if (low_hi > w1) MultiplyByBinomial<L>(c, w1, low_hi, w1, m);
}

template <int L>
void AddRows(Lanes<L>* dst, const Lanes<L>* a, const Lanes<L>* b, const Lanes<L>* c,
             std::int64_t len, const LaneModulus<L>& m) {
  if (len <= 0) return;
  const std::int64_t done =
      c == nullptr
          ? FlatAddKernel<L, 2, false>(Flat(dst), Flat(a), Flat(b), nullptr, len, m.rotation)
          : FlatAddKernel<L, 3, false>(Flat(dst), Flat(a), Flat(b), Flat(c), len, m.rotation);
  if (len > done)
    AddRowsKernel<L>(dst + done, a + done, b + done, c ? c + done : nullptr, len - done, m);
}

template <int L>
void DivideByBinomial(Lanes<L>* c, std::int64_t lo, std::int64_t hi, std::int64_t w,
                      const LaneModulus<L>& m) {
  assert(w >= 1 && lo >= w);
  if (hi <= lo) return;
  std::int64_t done = 0;
  if (VectorDistance<L>(w)) {
    done = FlatSubtractKernel<L>(Flat(c + lo), Flat(c + lo - w), hi - lo, m.rotation);
  }
  if (hi > lo + done) DivideByBinomialKernel<L>(c, lo + done, hi, w, m);
}

template <int L>
void AddRow(Lanes<L>* dst, const Lanes<L>* src, std::int64_t len, const LaneModulus<L>& m) {
  if (len <= 0) return;
  const std::int64_t done =
      FlatAddKernel<L, 1, false>(Flat(dst), Flat(src), nullptr, nullptr, len, m.rotation);
  if (len > done) AddRowKernel<L>(dst + done, src + done, len - done, m);
}

template <int L>
void SubtractRow(Lanes<L>* dst, const Lanes<L>* src, std::int64_t len, const LaneModulus<L>& m) {
  if (len <= 0) return;
  const std::int64_t done = FlatSubtractKernel<L>(Flat(dst), Flat(src), len, m.rotation);
  if (len > done) SubtractRowKernel<L>(dst + done, src + done, len - done, m);
}

template <int L>
void AddConstant(Lanes<L>* dst, std::int64_t len, const Lanes<L>& value, const LaneModulus<L>& m) {
  if (len <= 0) return;
  Rotation<L> rotated;
  RotateLanes<L>(value.v, rotated);
  const std::int64_t done = FlatAddConstantKernel<L>(Flat(dst), len, rotated, m.rotation);
  if (len > done) AddConstantKernel<L>(dst + done, len - done, value, m);
}

template <int L>
void AddScaledRow(Lanes<L>* dst, const Lanes<L>* src, std::int64_t len, const Lanes<L>& factor,
                  const LaneModulus<L>& m) {
  if (len <= 0) return;
  Lanes<L> shoup;
  for (int l = 0; l < L; ++l) {
    shoup.v[l] =
        static_cast<std::uint32_t>((static_cast<std::uint64_t>(factor.v[l]) << 32) / m.p[l]);
  }
  AddScaledRowKernel<L>(dst, src, len, factor, shoup, m);
}

template <int L>
void AddReversedRow(Lanes<L>* dst, const Lanes<L>* src_last, std::int64_t len,
                    const LaneModulus<L>& m) {
  if (len > 0) AddReversedRowKernel<L>(dst, src_last, len, m);
}

template <int L>
void PrefixSums(Lanes<L>* c, std::int64_t len, const LaneModulus<L>& m) {
  if (len > 1) PrefixSumsKernel<L>(c, len, m);
}

template <int L>
Lanes<L> Sum(const Lanes<L>* a, std::int64_t len, const LaneModulus<L>& m) {
  Lanes<L> out{};
  if (len <= 0) return out;
  const std::int64_t done = FlatSumKernel<L>(Flat(a), len, m.rotation, out.v, m.p);
  if (len > done) {
    Lanes<L> tail{};
    SumKernel<L>(a + done, len - done, m, &tail);
    out = AddLanes<L>(out, tail, m);
  }
  return out;
}

template <int L>
Lanes<L> Dot(const Lanes<L>* a, const Lanes<L>* b, std::int64_t len, const LaneModulus<L>& m) {
  std::uint64_t high[static_cast<std::size_t>(L)] = {};
  std::uint64_t low[static_cast<std::size_t>(L)] = {};
  Lanes<L> out{};
  constexpr std::int64_t kChunk = std::int64_t{1} << 30;
  for (std::int64_t start = 0; start < len; start += kChunk) {
    const std::int64_t cells = std::min(kChunk, len - start);
    const std::int64_t done = FlatDotKernel<L>(Flat(a + start), Flat(b + start), cells, high, low);
    if (cells > done) DotKernel<L>(a + start + done, b + start + done, cells - done, high, low);
    for (int l = 0; l < L; ++l) {
      const std::uint64_t p = m.p[l];
      const std::uint64_t two32 = (std::uint64_t{1} << 32) % p;
      const std::uint64_t part = ((high[l] % p) * two32 + low[l] % p) % p;
      out.v[l] = static_cast<std::uint32_t>((out.v[l] + part) % p);
      high[l] = 0;
      low[l] = 0;
    }
  }
  return out;
}

#define WHIPCOUNT_INSTANTIATE_KERNELS(L)                                                         \
  template void MultiplyByTwoBinomials<L>(Lanes<L>*, std::int64_t, std::int64_t, std::int64_t,   \
                                          const LaneModulus<L>&);                                \
  template void AddRows<L>(Lanes<L>*, const Lanes<L>*, const Lanes<L>*, const Lanes<L>*,         \
                           std::int64_t, const LaneModulus<L>&);                                 \
  template void MultiplyByBinomial<L>(Lanes<L>*, std::int64_t, std::int64_t, std::int64_t,       \
                                      const LaneModulus<L>&);                                    \
  template void DivideByBinomial<L>(Lanes<L>*, std::int64_t, std::int64_t, std::int64_t,         \
                                    const LaneModulus<L>&);                                      \
  template void AddRow<L>(Lanes<L>*, const Lanes<L>*, std::int64_t, const LaneModulus<L>&);      \
  template void SubtractRow<L>(Lanes<L>*, const Lanes<L>*, std::int64_t, const LaneModulus<L>&); \
  template void AddConstant<L>(Lanes<L>*, std::int64_t, const Lanes<L>&, const LaneModulus<L>&); \
  template void AddScaledRow<L>(Lanes<L>*, const Lanes<L>*, std::int64_t, const Lanes<L>&,       \
                                const LaneModulus<L>&);                                          \
  template void AddReversedRow<L>(Lanes<L>*, const Lanes<L>*, std::int64_t,                      \
                                  const LaneModulus<L>&);                                        \
  template void PrefixSums<L>(Lanes<L>*, std::int64_t, const LaneModulus<L>&);                   \
  template Lanes<L> Sum<L>(const Lanes<L>*, std::int64_t, const LaneModulus<L>&);                \
  template Lanes<L> Dot<L>(const Lanes<L>*, const Lanes<L>*, std::int64_t, const LaneModulus<L>&);

WHIPCOUNT_INSTANTIATE_KERNELS(1)
WHIPCOUNT_INSTANTIATE_KERNELS(2)
WHIPCOUNT_INSTANTIATE_KERNELS(3)
WHIPCOUNT_INSTANTIATE_KERNELS(4)
WHIPCOUNT_INSTANTIATE_KERNELS(5)
WHIPCOUNT_INSTANTIATE_KERNELS(6)
WHIPCOUNT_INSTANTIATE_KERNELS(7)
WHIPCOUNT_INSTANTIATE_KERNELS(8)

#undef WHIPCOUNT_INSTANTIATE_KERNELS

}  // namespace whipcount::power_internal
