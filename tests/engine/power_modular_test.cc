// The residue kernels of the power-index engine against a plain per-lane reference, for every lane
// count, many lengths, offsets and shift distances: the vector paths (whole blocks of 8 cells),
// the per-cell paths (short distances) and the tails past the last whole block.
#include "engine/power_modular.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace whipcount::power_internal {
namespace {

template <int L>
class Kernels {
 public:
  explicit Kernels(unsigned seed)
      : primes_(LargePrimes(static_cast<std::size_t>(L))), m_(primes_.data()), random_(seed) {}

  // A random array of residues; cells near p - 1 are common to exercise the wrap-around.
  std::vector<Lanes<L>> Random(std::int64_t cells) {
    std::vector<Lanes<L>> out(static_cast<std::size_t>(cells));
    for (auto& cell : out) {
      for (int l = 0; l < L; ++l) {
        const std::uint32_t p = m_.p[l];
        const std::uint32_t r = static_cast<std::uint32_t>(random_());
        cell.v[l] = random_() % 3 == 0 ? p - 1 - r % 4 : r % p;
      }
    }
    return out;
  }

  std::uint64_t Add(std::uint64_t a, std::uint64_t b, int l) const { return (a + b) % m_.p[l]; }
  std::uint64_t Sub(std::uint64_t a, std::uint64_t b, int l) const {
    return (a + m_.p[l] - b) % m_.p[l];
  }

  void ExpectEqual(const std::vector<Lanes<L>>& got, const std::vector<Lanes<L>>& want,
                   const std::string& what) {
    ASSERT_EQ(got.size(), want.size());
    for (std::size_t s = 0; s < got.size(); ++s) {
      for (int l = 0; l < L; ++l) {
        ASSERT_EQ(got[s].v[l], want[s].v[l])
            << what << " L=" << L << " cell " << s << " lane " << l;
      }
    }
  }

  void CheckRecurrences() {
    // Every distance below 20 cells, and some far ones: in residues, multiples of 8 and not.
    // The long lengths reach the stretched division (DivideByBinomial) at every distance.
    std::vector<std::int64_t> distances = {29, 32, 35, 61};
    for (std::int64_t w = 1; w <= 19; ++w) distances.push_back(w);
    for (std::int64_t w : distances) {
      for (std::int64_t extra : {0, 1, 7, 8, 9, 23, 64, 131, 401, 1000}) {
        const std::int64_t lo = w + extra % 5;
        const std::int64_t hi = lo + extra;
        const std::string at = " w=" + std::to_string(w) + " len=" + std::to_string(extra);
        {
          auto c = Random(hi + 3);
          auto want = c;
          for (std::int64_t s = hi - 1; s >= lo; --s) {
            for (int l = 0; l < L; ++l) {
              want[Idx(s)].v[l] =
                  static_cast<std::uint32_t>(Add(want[Idx(s)].v[l], want[Idx(s - w)].v[l], l));
            }
          }
          MultiplyByBinomial<L>(c.data(), lo, hi, w, m_);
          ExpectEqual(c, want, "MultiplyByBinomial" + at);
        }
        {
          auto c = Random(hi + 3);
          auto want = c;
          for (std::int64_t s = lo; s < hi; ++s) {
            for (int l = 0; l < L; ++l) {
              want[Idx(s)].v[l] =
                  static_cast<std::uint32_t>(Sub(want[Idx(s)].v[l], want[Idx(s - w)].v[l], l));
            }
          }
          DivideByBinomial<L>(c.data(), lo, hi, w, m_);
          ExpectEqual(c, want, "DivideByBinomial" + at);
        }
        {
          auto c = Random(hi + w + 3);
          auto want = c;
          for (std::int64_t s = lo; s < hi; ++s) {
            for (int l = 0; l < L; ++l) {
              want[Idx(s)].v[l] =
                  static_cast<std::uint32_t>(Add(want[Idx(s)].v[l], want[Idx(s + w)].v[l], l));
            }
          }
          AddFromAbove<L>(c.data(), lo, hi, w, m_);
          ExpectEqual(c, want, "AddFromAbove" + at);
        }
        for (std::int64_t w2 : {w, w + 1, w + 6, 2 * w + 5}) {
          auto c = Random(hi + 3);
          auto want = c;
          for (std::int64_t s = hi - 1; s >= 0; --s) {
            for (int l = 0; l < L; ++l) {
              std::uint64_t x = want[Idx(s)].v[l];
              if (s >= w) x = Add(x, want[Idx(s - w)].v[l], l);
              if (s >= w2) x = Add(x, want[Idx(s - w2)].v[l], l);
              if (s >= w + w2) x = Add(x, want[Idx(s - w - w2)].v[l], l);
              want[Idx(s)].v[l] = static_cast<std::uint32_t>(x);
            }
          }
          MultiplyByTwoBinomials<L>(c.data(), hi, w, w2, m_);
          ExpectEqual(c, want, "MultiplyByTwoBinomials" + at + " w2=" + std::to_string(w2));
        }
      }
    }
  }

  void CheckRows() {
    for (std::int64_t len : {0, 1, 5, 8, 15, 16, 17, 40, 129}) {
      const std::string at = " len=" + std::to_string(len);
      const auto a = Random(len);
      const auto b = Random(len);
      const auto c = Random(len);
      const auto dst = Random(len);
      const auto factor = Random(1)[0];
      auto reference = [&](auto op) {
        auto out = dst;
        for (std::int64_t s = 0; s < len; ++s) {
          for (int l = 0; l < L; ++l) out[Idx(s)].v[l] = static_cast<std::uint32_t>(op(s, l));
        }
        return out;
      };
      auto at_cell = [](const std::vector<Lanes<L>>& v, std::int64_t s, int l) -> std::uint64_t {
        return v[Idx(s)].v[l];
      };
      {
        auto got = dst;
        AddRow<L>(got.data(), a.data(), len, m_);
        ExpectEqual(got, reference([&](auto s, int l) {
                      return Add(at_cell(dst, s, l), at_cell(a, s, l), l);
                    }),
                    "AddRow" + at);
      }
      {
        auto got = dst;
        SubtractRow<L>(got.data(), a.data(), len, m_);
        ExpectEqual(got, reference([&](auto s, int l) {
                      return Sub(at_cell(dst, s, l), at_cell(a, s, l), l);
                    }),
                    "SubtractRow" + at);
      }
      {
        auto got = dst;
        AddRows<L>(got.data(), a.data(), b.data(), nullptr, len, m_);
        ExpectEqual(got, reference([&](auto s, int l) {
                      return Add(Add(at_cell(dst, s, l), at_cell(a, s, l), l), at_cell(b, s, l), l);
                    }),
                    "AddRows(a, b)" + at);
        got = dst;
        AddRows<L>(got.data(), a.data(), b.data(), c.data(), len, m_);
        ExpectEqual(got, reference([&](auto s, int l) {
                      return Add(
                          Add(Add(at_cell(dst, s, l), at_cell(a, s, l), l), at_cell(b, s, l), l),
                          at_cell(c, s, l), l);
                    }),
                    "AddRows(a, b, c)" + at);
      }
      {
        auto got = dst;
        AddConstant<L>(got.data(), len, factor, m_);
        ExpectEqual(
            got, reference([&](auto s, int l) { return Add(at_cell(dst, s, l), factor.v[l], l); }),
            "AddConstant" + at);
      }
      {
        auto got = dst;
        AddScaledRow<L>(got.data(), a.data(), len, factor, m_);
        ExpectEqual(got, reference([&](auto s, int l) {
                      return Add(at_cell(dst, s, l), at_cell(a, s, l) * factor.v[l] % m_.p[l], l);
                    }),
                    "AddScaledRow" + at);
      }
      if (len > 0) {
        auto got = dst;
        AddReversedRow<L>(got.data(), a.data() + len - 1, len, m_);
        ExpectEqual(got, reference([&](auto s, int l) {
                      return Add(at_cell(dst, s, l), at_cell(a, len - 1 - s, l), l);
                    }),
                    "AddReversedRow" + at);
      }
      {
        auto got = dst;
        PrefixSums<L>(got.data(), len, m_);
        auto want = dst;
        for (std::int64_t s = 1; s < len; ++s) {
          for (int l = 0; l < L; ++l) {
            want[Idx(s)].v[l] =
                static_cast<std::uint32_t>(Add(want[Idx(s)].v[l], want[Idx(s - 1)].v[l], l));
          }
        }
        ExpectEqual(got, want, "PrefixSums" + at);
      }
      {
        const Lanes<L> sum = Sum<L>(a.data(), len, m_);
        const Lanes<L> dot = Dot<L>(a.data(), b.data(), len, m_);
        for (int l = 0; l < L; ++l) {
          std::uint64_t want_sum = 0;
          std::uint64_t want_dot = 0;
          for (std::int64_t s = 0; s < len; ++s) {
            want_sum = Add(want_sum, at_cell(a, s, l), l);
            want_dot = Add(want_dot, at_cell(a, s, l) * at_cell(b, s, l) % m_.p[l], l);
          }
          EXPECT_EQ(sum.v[l], want_sum) << "Sum L=" << L << at << " lane " << l;
          EXPECT_EQ(dot.v[l], want_dot) << "Dot L=" << L << at << " lane " << l;
        }
      }
    }
  }

 private:
  static std::size_t Idx(std::int64_t s) { return static_cast<std::size_t>(s); }

  std::vector<std::uint32_t> primes_;
  LaneModulus<L> m_;
  std::mt19937_64 random_;
};

template <int L>
void CheckLanes() {
  for (unsigned seed = 1; seed <= 3; ++seed) {
    Kernels<L> kernels(seed * 7919u + L);
    kernels.CheckRecurrences();
    kernels.CheckRows();
  }
}

TEST(PowerModular, KernelsMatchPerLaneArithmeticForEveryLaneCount) {
  CheckLanes<1>();
  CheckLanes<2>();
  CheckLanes<3>();
  CheckLanes<4>();
  CheckLanes<5>();
  CheckLanes<6>();
  CheckLanes<7>();
  CheckLanes<8>();
}

TEST(PowerModular, ChineseRemaindersRecoverIntegersOfEverySize) {
  std::mt19937_64 random(17);
  for (std::size_t k = 1; k <= 9; ++k) {
    const CrtBasis basis(LargePrimes(k));
    mpz_class product = 1;
    for (std::uint32_t p : basis.primes()) product *= p;
    std::vector<mpz_class> cases = {0, 1, product - 1, product / 2};
    for (int trial = 0; trial < 20; ++trial) {
      mpz_class x = 0;
      for (std::size_t word = 0; word < k; ++word)
        x = (x << 32) + mpz_class(std::to_string(random()));
      cases.push_back(x % product);
    }
    for (const mpz_class& x : cases) {
      std::vector<std::uint32_t> residues;
      for (std::uint32_t p : basis.primes()) residues.push_back(Residue(x, p));
      EXPECT_EQ(basis.Reconstruct(residues.data()), x) << k << " primes";
    }
  }
}

TEST(PowerModular, LaneModulusRotationsFollowTheFlatLayout) {
  const std::vector<std::uint32_t> primes = LargePrimes(5);
  const LaneModulus<5> m(primes.data());
  for (int j = 0; j < 5; ++j) {
    for (int t = 0; t < kVectorResidues; ++t) {
      EXPECT_EQ(m.rotation[j][t], primes[static_cast<std::size_t>((8 * j + t) % 5)]);
    }
  }
}

}  // namespace
}  // namespace whipcount::power_internal
