// Residue arithmetic for the exact power-index engine (private to src/engine).
//
// Counting coalitions produces integers up to 2^n. Rather than carrying big integers through the
// O(n*q) dynamic programmes, the engine runs them modulo several primes just below 2^31, packed
// side by side in "lanes" so one pass updates 4 or 8 residues with a single vector instruction,
// and recovers each wanted integer at the end with the Chinese remainder theorem (Garner's
// algorithm). Additions and subtractions are exact in every residue field, so "dividing out" a
// player (the inverse of multiplying the generating function by 1 + x^w) is exact too, unlike in
// floating point.
#ifndef WHIPCOUNT_SRC_ENGINE_POWER_MODULAR_H_
#define WHIPCOUNT_SRC_ENGINE_POWER_MODULAR_H_

#include <gmpxx.h>

#include <cstddef>
#include <cstdint>
#include <vector>

namespace whipcount::power_internal {

// The largest `count` primes below 2^31, largest first. Thread-safe.
std::vector<std::uint32_t> LargePrimes(std::size_t count);

// How many primes from LargePrimes are needed for their product to exceed 2^bits.
std::size_t PrimesForBits(double bits);

inline std::uint32_t MulMod(std::uint32_t a, std::uint32_t b, std::uint32_t p) {
  return static_cast<std::uint32_t>(static_cast<std::uint64_t>(a) * b % p);
}
std::uint32_t PowMod(std::uint32_t base, std::uint64_t exponent, std::uint32_t p);
// The inverse of a modulo the prime p (a not divisible by p).
inline std::uint32_t InvMod(std::uint32_t a, std::uint32_t p) { return PowMod(a % p, p - 2, p); }
// x mod p for any non-negative 64-bit x, as a residue.
inline std::uint32_t Residue(std::uint64_t x, std::uint32_t p) {
  return static_cast<std::uint32_t>(x % p);
}
// mpz mod p.
std::uint32_t Residue(const mpz_class& x, std::uint32_t p);

// L residues of one quantity, one per prime of a lane group.
template <int L>
struct Lanes {
  std::uint32_t v[static_cast<std::size_t>(L)];
};

// Residues per vector in the kernels: 8 (256 bits).
inline constexpr int kVectorResidues = 8;

// Lanes repeated as the vectors of a block of 8 cells meet them: out[j][t] = lanes[(8j + t) % L].
template <int L>
void RotateLanes(const std::uint32_t* lanes,
                 std::uint32_t (&out)[static_cast<std::size_t>(L)][kVectorResidues]) {
  int lane = 0;
  for (int j = 0; j < L; ++j) {
    for (int t = 0; t < kVectorResidues; ++t) {
      out[j][t] = lanes[lane];
      lane = lane + 1 == L ? 0 : lane + 1;
    }
  }
}

// The primes of one lane group. An array of Lanes<L> is a flat array of residues in which element
// e belongs to lane e % L; the kernels work on 8 residues at a time, so vector j of a block of 8
// cells meets the primes rotation[j][t] = p[(8j + t) % L].
template <int L>
struct LaneModulus {
  // The group of primes[0..L).
  explicit LaneModulus(const std::uint32_t* primes) {
    for (int l = 0; l < L; ++l) p[l] = primes[l];
    RotateLanes<L>(p, rotation);
  }

  std::uint32_t p[static_cast<std::size_t>(L)];
  std::uint32_t rotation[static_cast<std::size_t>(L)][kVectorResidues];
};

template <int L>
Lanes<L> Broadcast(std::uint32_t value, const LaneModulus<L>& m) {
  Lanes<L> out;
  for (int l = 0; l < L; ++l) out.v[l] = value % m.p[l];
  return out;
}

// The kernels below are the hot loops of every dynamic programme. Each processes `L` residues
// per array element; `c`, `dst`, `src` point at arrays of Lanes<L>. Indices are element indices.

// c[s] += c[s - w] for s in [lo, hi), from hi - 1 down: multiplies the generating function by
// (1 + x^w) in place. Requires lo >= w >= 1.
template <int L>
void MultiplyByBinomial(Lanes<L>* c, std::int64_t lo, std::int64_t hi, std::int64_t w,
                        const LaneModulus<L>& m);
// Multiplies by (1 + x^w1)(1 + x^w2) in one sweep: c[s] += c[s-w1] + c[s-w2] + c[s-w1-w2]
// for s < hi, from hi - 1 down (terms with a negative index omitted). Requires 1 <= w1 <= w2.
template <int L>
void MultiplyByTwoBinomials(Lanes<L>* c, std::int64_t hi, std::int64_t w1, std::int64_t w2,
                            const LaneModulus<L>& m);
// c[s] -= c[s - w] for s in [lo, hi), from lo up: divides by (1 + x^w) in place.
template <int L>
void DivideByBinomial(Lanes<L>* c, std::int64_t lo, std::int64_t hi, std::int64_t w,
                      const LaneModulus<L>& m);
// c[s] += c[s + w] for s in [lo, hi), from lo up: every read sees a value not yet updated.
// Requires w >= 1.
template <int L>
void AddFromAbove(Lanes<L>* c, std::int64_t lo, std::int64_t hi, std::int64_t w,
                  const LaneModulus<L>& m);
// dst[s] += src[s] for s in [0, len). dst and src must not overlap.
template <int L>
void AddRow(Lanes<L>* dst, const Lanes<L>* src, std::int64_t len, const LaneModulus<L>& m);
// dst[s] += a[s] + b[s] (+ c[s] when c is not null) for s in [0, len). dst must not overlap
// the sources; the sources may overlap each other.
template <int L>
void AddRows(Lanes<L>* dst, const Lanes<L>* a, const Lanes<L>* b, const Lanes<L>* c,
             std::int64_t len, const LaneModulus<L>& m);
// dst[s] -= src[s] for s in [0, len). dst and src must not overlap.
template <int L>
void SubtractRow(Lanes<L>* dst, const Lanes<L>* src, std::int64_t len, const LaneModulus<L>& m);
// dst[s] += value for s in [0, len).
template <int L>
void AddConstant(Lanes<L>* dst, std::int64_t len, const Lanes<L>& value, const LaneModulus<L>& m);
// dst[s] += src[s] * factor for s in [0, len) (factor < p in every lane). No overlap.
template <int L>
void AddScaledRow(Lanes<L>* dst, const Lanes<L>* src, std::int64_t len, const Lanes<L>& factor,
                  const LaneModulus<L>& m);
// dst[s] += src_last[-s] for s in [0, len): adds a reversed row. No overlap.
template <int L>
void AddReversedRow(Lanes<L>* dst, const Lanes<L>* src_last, std::int64_t len,
                    const LaneModulus<L>& m);
// c[s] = c[0] + ... + c[s] for s in [0, len).
template <int L>
void PrefixSums(Lanes<L>* c, std::int64_t len, const LaneModulus<L>& m);
// Sum of a[s] for s in [0, len).
template <int L>
Lanes<L> Sum(const Lanes<L>* a, std::int64_t len, const LaneModulus<L>& m);
// Sum of a[s] * b[s] for s in [0, len).
template <int L>
Lanes<L> Dot(const Lanes<L>* a, const Lanes<L>* b, std::int64_t len, const LaneModulus<L>& m);

template <int L>
Lanes<L> AddLanes(const Lanes<L>& a, const Lanes<L>& b, const LaneModulus<L>& m) {
  Lanes<L> out;
  for (int l = 0; l < L; ++l) {
    const std::uint32_t s = a.v[l] + b.v[l];
    out.v[l] = s >= m.p[l] ? s - m.p[l] : s;
  }
  return out;
}
template <int L>
Lanes<L> SubtractLanes(const Lanes<L>& a, const Lanes<L>& b, const LaneModulus<L>& m) {
  Lanes<L> out;
  for (int l = 0; l < L; ++l)
    out.v[l] = a.v[l] >= b.v[l] ? a.v[l] - b.v[l] : a.v[l] + m.p[l] - b.v[l];
  return out;
}
template <int L>
Lanes<L> MultiplyLanes(const Lanes<L>& a, const Lanes<L>& b, const LaneModulus<L>& m) {
  Lanes<L> out;
  for (int l = 0; l < L; ++l) out.v[l] = MulMod(a.v[l], b.v[l], m.p[l]);
  return out;
}

// Recovers integers from their residues modulo a fixed set of primes (Garner's mixed-radix
// algorithm, O(k^2) word operations per integer for k primes).
class CrtBasis {
 public:
  explicit CrtBasis(std::vector<std::uint32_t> primes);

  std::size_t size() const { return primes_.size(); }
  const std::vector<std::uint32_t>& primes() const { return primes_; }
  // The unique X in [0, product of the primes) with X = residues[j] mod primes[j].
  mpz_class Reconstruct(const std::uint32_t* residues) const;

 private:
  std::vector<std::uint32_t> primes_;
  // inverse_[j * (j - 1) / 2 + i] = primes[i]^-1 mod primes[j], for i < j.
  std::vector<std::uint32_t> inverse_;
};

// Residues of `values` integers modulo the primes of a CrtBasis, filled lane group by lane group.
class ResidueTable {
 public:
  ResidueTable(std::size_t values, std::size_t primes)
      : primes_(primes), residues_(values * primes, 0) {}

  void Set(std::size_t value, std::size_t prime, std::uint32_t residue) {
    residues_[value * primes_ + prime] = residue;
  }
  // Stores lanes [0, count) of `lanes` as the residues for primes first_prime, first_prime + 1...
  template <int L>
  void SetLanes(std::size_t value, std::size_t first_prime, std::size_t count,
                const Lanes<L>& lanes) {
    for (std::size_t l = 0; l < count; ++l) Set(value, first_prime + l, lanes.v[l]);
  }
  mpz_class Reconstruct(std::size_t value, const CrtBasis& basis) const {
    return basis.Reconstruct(residues_.data() + value * primes_);
  }

 private:
  std::size_t primes_;
  std::vector<std::uint32_t> residues_;
};

}  // namespace whipcount::power_internal

#endif  // WHIPCOUNT_SRC_ENGINE_POWER_MODULAR_H_
