#include "power_modular.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <mutex>
#include <numeric>

#include "simd.h"

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
WHIPCOUNT_VECTOR_KERNEL void DivideByBinomialKernel(Lanes<L>* c, std::int64_t lo, std::int64_t hi,
                                                    std::int64_t w, const LaneModulus<L>& m) {
  for (std::int64_t s = lo; s < hi; ++s) {
    Lanes<L>& out = c[s];
    const Lanes<L>& in = c[s - w];
    for (int l = 0; l < L; ++l) out.v[l] = SubModLane(out.v[l], in.v[l], m.p[l]);
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

// ---------------------------------------------------------------------------------------------
// Flat kernels. An array of Lanes<L> is a flat array of uint32 residues in which element e
// belongs to lane e % L. The flat kernels treat it as such and work on 8 residues per vector
// whatever L is: a block of 8 cells is L vectors, and vector j of a block meets the lanes
// (8j + t) % L, t = 0..7, so it uses the j-th rotation of the moduli (LaneModulus::rotation). An
// in-place recurrence at a distance of w cells is safe for whole vectors when w * L >= 8: every
// element a vector reads is then finished (ascending) or untouched (descending). The per-cell
// kernels above take the few calls with a shorter distance. The residues past the last whole
// vector are done one by one in the same kernel.
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
// Lane t of the result is lane take[t] of the sixteen lanes of (a, b). Clang has no shuffle of
// two vectors by a run-time selector, so there the lanes are picked one by one.
[[gnu::always_inline]] inline Vec ShuffleVec(Vec a, Vec b, Vec take) {
#if defined(__clang__)
  Vec out{};
  for (int t = 0; t < kVec; ++t) out[t] = take[t] < kVec ? a[take[t]] : b[take[t] - kVec];
  return out;
#else
  return __builtin_shuffle(a, b, take);
#endif
}

template <int L>
std::uint32_t* Flat(Lanes<L>* c) {
  return c->v;
}
template <int L>
const std::uint32_t* Flat(const Lanes<L>* c) {
  return c->v;
}

// Calls op.Vector(e, j, moduli) for each whole vector of residues [e, e + 8) in [0, count) and
// op.Scalar(e, prime) for each residue left over at the end (fewer than 8). j is the vector's
// place in its block of 8 cells, so `moduli` is rotation j. kDescending walks from the top, for
// in-place recurrences whose sources lie below.
template <int L, bool kDescending, typename Op>
[[gnu::always_inline]] inline void ForEachResidue(std::int64_t count, const Rotation<L>& mod,
                                                  Op& op) {
  constexpr std::int64_t kBlock = std::int64_t{kVec} * L;
  const std::int64_t block_end = count / kBlock * kBlock;
  const std::int64_t vector_end = block_end + (count - block_end) / kVec * kVec;
  auto prime_at = [&](std::int64_t e) {
    const std::int64_t in_block = e - block_end;
    return mod[in_block / kVec][in_block % kVec];
  };
  Vec p[static_cast<std::size_t>(L)];
  for (int j = 0; j < L; ++j) p[j] = LoadVec(mod[j]);
  if constexpr (kDescending) {
    for (std::int64_t e = count - 1; e >= vector_end; --e) op.Scalar(e, prime_at(e));
    for (std::int64_t e = vector_end - kVec; e >= block_end; e -= kVec) {
      const int j = static_cast<int>((e - block_end) / kVec);
      op.Vector(e, j, p[j]);
    }
    for (std::int64_t block = block_end - kBlock; block >= 0; block -= kBlock) {
      for (int j = L - 1; j >= 0; --j) op.Vector(block + std::int64_t{j} * kVec, j, p[j]);
    }
  } else {
    for (std::int64_t block = 0; block < block_end; block += kBlock) {
      for (int j = 0; j < L; ++j) op.Vector(block + std::int64_t{j} * kVec, j, p[j]);
    }
    for (std::int64_t e = block_end; e < vector_end; e += kVec) {
      const int j = static_cast<int>((e - block_end) / kVec);
      op.Vector(e, j, p[j]);
    }
    for (std::int64_t e = vector_end; e < count; ++e) op.Scalar(e, prime_at(e));
  }
}

// dst[s] += a[s] (+ b[s] (+ c[s]) with kTerms = 2, 3) for the residues [0, count).
template <int kTerms>
struct AddOp {
  std::uint32_t* dst;
  const std::uint32_t* a;
  const std::uint32_t* b;
  const std::uint32_t* c;

  [[gnu::always_inline]] void Vector(std::int64_t e, int, Vec p) {
    Vec sum = LoadVec(a + e);
    if constexpr (kTerms >= 2) sum = AddModVec(sum, LoadVec(b + e), p);
    if constexpr (kTerms >= 3) sum = AddModVec(sum, LoadVec(c + e), p);
    StoreVec(dst + e, AddModVec(LoadVec(dst + e), sum, p));
  }
  [[gnu::always_inline]] void Scalar(std::int64_t e, std::uint32_t p) {
    std::uint32_t sum = a[e];
    if constexpr (kTerms >= 2) sum = AddModLane(sum, b[e], p);
    if constexpr (kTerms >= 3) sum = AddModLane(sum, c[e], p);
    dst[e] = AddModLane(dst[e], sum, p);
  }
};

template <int L, int kTerms, bool kDescending>
WHIPCOUNT_VECTOR_KERNEL void FlatAddKernel(std::uint32_t* dst, const std::uint32_t* a,
                                           const std::uint32_t* b, const std::uint32_t* c,
                                           std::int64_t count, const Rotation<L>& mod) {
  AddOp<kTerms> op{dst, a, b, c};
  ForEachResidue<L, kDescending>(count, mod, op);
}

// dst[s] -= src[s] for the residues [0, count), ascending.
struct SubtractOp {
  std::uint32_t* dst;
  const std::uint32_t* src;

  [[gnu::always_inline]] void Vector(std::int64_t e, int, Vec p) {
    StoreVec(dst + e, SubModVec(LoadVec(dst + e), LoadVec(src + e), p));
  }
  [[gnu::always_inline]] void Scalar(std::int64_t e, std::uint32_t p) {
    dst[e] = SubModLane(dst[e], src[e], p);
  }
};

template <int L, bool kDescending>
WHIPCOUNT_VECTOR_KERNEL void FlatSubtractKernel(std::uint32_t* dst, const std::uint32_t* src,
                                                std::int64_t count, const Rotation<L>& mod) {
  SubtractOp op{dst, src};
  ForEachResidue<L, kDescending>(count, mod, op);
}

// x[e] += x[e - d] (kAdd) or x[e] -= x[e - d] for the residues [0, count), ascending and in
// place, d > 8 and not a multiple of 8. Then the source of a vector straddles two vectors
// stored a moment before; loading it whole would wait until both stores reach the cache (a failed
// store-to-load forward, about a dozen cycles each time), so it is assembled from those two whole
// vectors instead. Sources that lie entirely below x are loaded whole.
template <bool kAdd>
struct RecurrenceOp {
  std::uint32_t* x;
  std::int64_t d;
  std::int64_t whole;  // 8 * floor(d / 8): the later of the two vectors is at e - whole
  Vec take;            // lane t of the source is lane 8 - d % 8 + t of (earlier, later)

  [[gnu::always_inline]] void Vector(std::int64_t e, int, Vec p) {
    const Vec src = e < whole
                        ? LoadVec(x + e - d)
                        : ShuffleVec(LoadVec(x + e - whole - kVec), LoadVec(x + e - whole), take);
    const Vec old = LoadVec(x + e);
    StoreVec(x + e, kAdd ? AddModVec(old, src, p) : SubModVec(old, src, p));
  }
  [[gnu::always_inline]] void Scalar(std::int64_t e, std::uint32_t p) {
    x[e] = kAdd ? AddModLane(x[e], x[e - d], p) : SubModLane(x[e], x[e - d], p);
  }
};

template <int L, bool kAdd>
WHIPCOUNT_VECTOR_KERNEL void FlatShuffledRecurrenceKernel(std::uint32_t* x, std::int64_t count,
                                                          std::int64_t d, const Rotation<L>& mod) {
  RecurrenceOp<kAdd> op{.x = x, .d = d, .whole = d / kVec * kVec, .take = {}};
  for (int t = 0; t < kVec; ++t) op.take[t] = static_cast<std::uint32_t>(kVec - d % kVec + t);
  ForEachResidue<L, false>(count, mod, op);
}

// The recurrence above for any d >= 8: when d is a whole number of vectors, the plain kernels
// (whose sources are then exactly vectors stored before) run it faster.
template <int L, bool kAdd>
void FlatRecurrence(std::uint32_t* x, std::int64_t count, std::int64_t d, const Rotation<L>& mod) {
  if (d % kVec != 0) {
    FlatShuffledRecurrenceKernel<L, kAdd>(x, count, d, mod);
  } else if (kAdd) {
    FlatAddKernel<L, 1, false>(x, x - d, nullptr, nullptr, count, mod);
  } else {
    FlatSubtractKernel<L, false>(x, x - d, count, mod);
  }
}

// dst[s] += value (rotated like the moduli) for the residues [0, count).
template <int L>
struct AddConstantOp {
  std::uint32_t* dst;
  const Rotation<L>& value;
  std::int64_t block_end;

  [[gnu::always_inline]] void Vector(std::int64_t e, int j, Vec p) {
    StoreVec(dst + e, AddModVec(LoadVec(dst + e), LoadVec(value[j]), p));
  }
  [[gnu::always_inline]] void Scalar(std::int64_t e, std::uint32_t p) {
    const std::int64_t in_block = e - block_end;
    dst[e] = AddModLane(dst[e], value[in_block / kVec][in_block % kVec], p);
  }
};

template <int L>
WHIPCOUNT_VECTOR_KERNEL void FlatAddConstantKernel(std::uint32_t* dst, std::int64_t count,
                                                   const Rotation<L>& value,
                                                   const Rotation<L>& mod) {
  AddConstantOp<L> op{dst, value, count / (std::int64_t{kVec} * L) * (std::int64_t{kVec} * L)};
  ForEachResidue<L, false>(count, mod, op);
}

// Sum of the residues [0, count) of a, per lane, into out (residues).
template <int L>
struct SumOp {
  const std::uint32_t* a;
  Vec acc[static_cast<std::size_t>(L)] = {};
  std::uint32_t* out;

  [[gnu::always_inline]] void Vector(std::int64_t e, int j, Vec p) {
    acc[j] = AddModVec(acc[j], LoadVec(a + e), p);
  }
  [[gnu::always_inline]] void Scalar(std::int64_t e, std::uint32_t p) {
    const std::int64_t lane = e % L;
    out[lane] = AddModLane(out[lane], a[e], p);
  }
};

template <int L>
WHIPCOUNT_VECTOR_KERNEL void FlatSumKernel(const std::uint32_t* a, std::int64_t count,
                                           const Rotation<L>& mod, std::uint32_t* out) {
  SumOp<L> op{.a = a, .out = out};
  ForEachResidue<L, false>(count, mod, op);
  for (int j = 0; j < L; ++j) {
    for (int t = 0; t < kVec; ++t) {
      const int lane = (kVec * j + t) % L;
      out[lane] = AddModLane(out[lane], op.acc[j][t], mod[0][lane]);
    }
  }
}

// Sum of a[e] * b[e] over the residues [0, count) (at most 2^32 of them), with the high and low
// 32-bit halves of the products added per lane into high_out and low_out. Lazy reduction: each
// product is below 2^62, and its halves are summed separately in 64-bit accumulators, which
// cannot overflow within 2^32 terms; the caller reduces them modulo the primes. Each
// vector is multiplied as two halves of four 64-bit products (the residues at even and at odd
// positions). Vector j of a block meets the lanes (8j + t) % L, which repeat every
// L / gcd(L, 8) vectors, so that many sets of accumulators suffice.
template <int L>
struct DotOp {
  static constexpr int kSets = L / std::gcd(L, kVec);
  static constexpr auto kSetCount = static_cast<std::size_t>(kSets);
  const std::uint32_t* a;
  const std::uint32_t* b;
  std::uint64_t* high_out;
  std::uint64_t* low_out;
  Pair64 high_even[kSetCount] = {}, low_even[kSetCount] = {};
  Pair64 high_odd[kSetCount] = {}, low_odd[kSetCount] = {};

  [[gnu::always_inline]] void Vector(std::int64_t e, int j, Vec) {
    const Pair64 mask = Pair64{} + 0xffffffffu;
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
  [[gnu::always_inline]] void Scalar(std::int64_t e, std::uint32_t) {
    const std::uint64_t product = static_cast<std::uint64_t>(a[e]) * b[e];
    high_out[e % L] += product >> 32;
    low_out[e % L] += product & 0xffffffffu;
  }
};

template <int L>
WHIPCOUNT_VECTOR_KERNEL void FlatDotKernel(const std::uint32_t* a, const std::uint32_t* b,
                                           std::int64_t count, const Rotation<L>& mod,
                                           std::uint64_t* high_out, std::uint64_t* low_out) {
  DotOp<L> op{.a = a, .b = b, .high_out = high_out, .low_out = low_out};
  ForEachResidue<L, false>(count, mod, op);
  for (int k = 0; k < DotOp<L>::kSets; ++k) {
    for (int slot = 0; slot < kVec / 2; ++slot) {
      const int even_lane = (kVec * k + 2 * slot) % L;
      const int odd_lane = (kVec * k + 2 * slot + 1) % L;
      high_out[even_lane] += op.high_even[k][slot];
      low_out[even_lane] += op.low_even[k][slot];
      high_out[odd_lane] += op.high_odd[k][slot];
      low_out[odd_lane] += op.low_odd[k][slot];
    }
  }
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
  if (k <= 4) {  // below 2^124: Horner's rule in 128-bit integers, one conversion at the end
    __extension__ using Wide = unsigned __int128;
    Wide wide = 0;
    for (std::size_t j = k; j-- > 0;) wide = wide * primes_[j] + digit[j];
    const std::uint64_t words[2] = {static_cast<std::uint64_t>(wide),
                                    static_cast<std::uint64_t>(wide >> 64)};
    mpz_class x;
    mpz_import(x.get_mpz_t(), 2, -1, sizeof(std::uint64_t), 0, 0, words);
    return x;
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

// The number of residues in `cells` cells.
template <int L>
std::int64_t Residues(std::int64_t cells) {
  return cells * L;
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
  FlatAddKernel<L, 1, true>(Flat(c + lo), Flat(c + lo - w), nullptr, nullptr, Residues<L>(hi - lo),
                            m.rotation);
}

template <int L>
void MultiplyByTwoBinomials(Lanes<L>* c, std::int64_t hi, std::int64_t w1, std::int64_t w2,
                            const LaneModulus<L>& m) {
  assert(w1 >= 1 && w1 <= w2);
  // Top down: every range reads only below itself, so reads see values not yet updated.
  const std::int64_t both = w1 + w2;
  if (hi > both) {
    if (VectorDistance<L>(w1)) {
      FlatAddKernel<L, 3, true>(Flat(c + both), Flat(c + both - w1), Flat(c + both - w2), Flat(c),
                                Residues<L>(hi - both), m.rotation);
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
  if (c == nullptr) {
    FlatAddKernel<L, 2, false>(Flat(dst), Flat(a), Flat(b), nullptr, Residues<L>(len), m.rotation);
  } else {
    FlatAddKernel<L, 3, false>(Flat(dst), Flat(a), Flat(b), Flat(c), Residues<L>(len), m.rotation);
  }
}

// Recurrences at a distance of fewer than this many residues are bound by the latency of each
// step (a vector waits for the one just stored): DivideByBinomial stretches them.
constexpr std::int64_t kShortRecurrence = 32;

// The quotient r = c / (1 + y), y = x^w, is the recurrence r[s] = c[s] - r[s - w]: each step
// waits for the result of the step before, which is slow at a short distance. With m a power of
// two,
//   1 / (1 + y) = (1 - y)(1 + y^2)(1 + y^4)...(1 + y^(m/2)) / (1 - y^m),
// so r[s] = u[s] + r[s - m*w] with u = c * (1 - y)(1 + y^2)...(1 + y^(m/2)). The log2(m)
// factors are applied top down in place (each reads only cells below, not yet rewritten), and
// then the recurrence runs at a distance m times as long. u[s] needs c down to s - (m-1)*w, so
// the first (m-1)*w cells, whose sources reach below lo, take the plain recurrence from a copy
// of c. On the Electoral College this makes the public good index a fifth faster.
template <int L>
void DivideByBinomial(Lanes<L>* c, std::int64_t lo, std::int64_t hi, std::int64_t w,
                      const LaneModulus<L>& m) {
  assert(w >= 1 && lo >= w);
  if (hi <= lo) return;
  const std::int64_t d = Residues<L>(w);
  std::int64_t stretch = 1;
  while (stretch * d < kShortRecurrence) stretch *= 2;
  const std::int64_t head_end = lo + (stretch - 1) * w;
  if (stretch == 1 || hi - head_end < 4 * stretch * w) {
    if (VectorDistance<L>(w)) {
      FlatRecurrence<L, false>(Flat(c + lo), Residues<L>(hi - lo), d, m.rotation);
    } else {
      DivideByBinomialKernel<L>(c, lo, hi, w, m);
    }
    return;
  }
  // stretch * d < 2 * kShortRecurrence, so the head has fewer cells than that.
  std::array<Lanes<L>, 2 * kShortRecurrence> head;
  std::copy(c + lo, c + head_end, head.begin());
  // u over [lo + (2^k - 1) * w, hi) after factor k, from the factor before.
  for (std::int64_t tap = w; tap < stretch * w; tap *= 2) {
    const std::int64_t from = lo + 2 * tap - w;
    if (tap == w) {
      FlatSubtractKernel<L, true>(Flat(c + from), Flat(c + from - tap), Residues<L>(hi - from),
                                  m.rotation);
    } else {
      FlatAddKernel<L, 1, true>(Flat(c + from), Flat(c + from - tap), nullptr, nullptr,
                                Residues<L>(hi - from), m.rotation);
    }
  }
  std::copy(head.begin(), head.begin() + (head_end - lo), c + lo);
  DivideByBinomialKernel<L>(c, lo, head_end, w, m);
  FlatRecurrence<L, true>(Flat(c + head_end), Residues<L>(hi - head_end), stretch * d, m.rotation);
}

template <int L>
void AddFromAbove(Lanes<L>* c, std::int64_t lo, std::int64_t hi, std::int64_t w,
                  const LaneModulus<L>& m) {
  assert(w >= 1);
  if (hi <= lo) return;
  if (VectorDistance<L>(w)) {
    // Ascending, every vector reads residues at least 8 further on, which are not yet updated.
    FlatAddKernel<L, 1, false>(Flat(c + lo), Flat(c + lo + w), nullptr, nullptr,
                               Residues<L>(hi - lo), m.rotation);
  } else {
    for (std::int64_t s = lo; s < hi; ++s) c[s] = AddLanes<L>(c[s], c[s + w], m);
  }
}

template <int L>
void AddRow(Lanes<L>* dst, const Lanes<L>* src, std::int64_t len, const LaneModulus<L>& m) {
  if (len > 0) {
    FlatAddKernel<L, 1, false>(Flat(dst), Flat(src), nullptr, nullptr, Residues<L>(len),
                               m.rotation);
  }
}

template <int L>
void SubtractRow(Lanes<L>* dst, const Lanes<L>* src, std::int64_t len, const LaneModulus<L>& m) {
  if (len > 0) FlatSubtractKernel<L, false>(Flat(dst), Flat(src), Residues<L>(len), m.rotation);
}

template <int L>
void AddConstant(Lanes<L>* dst, std::int64_t len, const Lanes<L>& value, const LaneModulus<L>& m) {
  if (len <= 0) return;
  Rotation<L> rotated;
  RotateLanes<L>(value.v, rotated);
  FlatAddConstantKernel<L>(Flat(dst), Residues<L>(len), rotated, m.rotation);
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
  if (len > 0) FlatSumKernel<L>(Flat(a), Residues<L>(len), m.rotation, out.v);
  return out;
}

template <int L>
Lanes<L> Dot(const Lanes<L>* a, const Lanes<L>* b, std::int64_t len, const LaneModulus<L>& m) {
  std::uint64_t high[static_cast<std::size_t>(L)] = {};
  std::uint64_t low[static_cast<std::size_t>(L)] = {};
  Lanes<L> out{};
  // The 64-bit accumulators take at most 2^32 products each.
  constexpr std::int64_t kChunk = std::int64_t{1} << 29;
  for (std::int64_t start = 0; start < len; start += kChunk) {
    FlatDotKernel<L>(Flat(a + start), Flat(b + start), Residues<L>(std::min(kChunk, len - start)),
                     m.rotation, high, low);
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
  template void AddFromAbove<L>(Lanes<L>*, std::int64_t, std::int64_t, std::int64_t,             \
                                const LaneModulus<L>&);                                          \
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
