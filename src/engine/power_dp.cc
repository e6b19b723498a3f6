// Power indices of a weighted voting game [q; w_1..w_n] by dynamic programming over weights.
//
// Everything is counted with generating functions truncated below the quota:
//   f(x) = prod_j (1 + x^{w_j}),   [x^s] f = number of coalitions of weight s,
// and, to track sizes, f(x, z) = prod_j (1 + z x^{w_j}). The programmes run modulo primes just
// below 2^31 (power_modular.h), several primes per pass, and the wanted integers are recovered by
// the Chinese remainder theorem, so results are exact however large the counts grow.
//
// Techniques, after Uno (2012, "Efficient computation of power indices for weighted majority
// games") and Kurz (2016, "Computing the power distribution in the IMF"):
// - "Dividing out" a player: f_{-i} = f / (1 + x^{w_i}) is the recurrence
//   c_{-i}[s] = c[s] - c_{-i}[s - w_i], exact in modular arithmetic. The swings of i are the
//   coefficients of f_{-i} in [q - w_i, q - 1]; unrolling the recurrence turns that window sum
//   into an alternating sum of prefix sums of f at q - t*w_i, so all players' Banzhaf swings
//   cost O(n*q) for f plus O(q / w_i) per distinct weight.
// - The dual game (quota W - q + 1) has the same swings and Shapley–Shubik values, so
//   Banzhaf, Shapley–Shubik, Owen and Banzhaf–Owen run on the smaller of q and W - q + 1.
// - Weights are divided by their greatest common divisor, null players (weight 0) are set
//   aside, and players of equal weight are evaluated once.
// - Players are added in ascending weight so that the support of the partial product stays
//   below the quota for as long as possible.
// - Minimal winning coalitions: with players sorted by weight, descending, a winning coalition
//   is minimal iff removing its lightest member makes it lose. Counting them per player uses a
//   backward function R_j(u) = number of ways to complete a front of weight u with players
//   j..n into a minimal winning coalition, paired with the forward product of the players
//   before i (obtained by dividing players out of the full product). Deegan–Packel folds
//   1/|S| into the backward function (indexed by the front's size), Johnston folds 1/k over
//   the critical members (the members heavier than the coalition's excess w(S) - q).
#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <numeric>
#include <optional>
#include <type_traits>

#include "power_internal.h"
#include "power_modular.h"

namespace whipcount::power_internal {
namespace {

using std::int64_t;
using std::size_t;
using std::uint32_t;

// The game with null players set aside and weights divided by their gcd, sorted ascending.
struct Reduced {
  int n_total = 0;
  std::vector<int64_t> w;     // positive weights, ascending
  std::vector<int> player;    // the original index of each entry of w
  std::vector<int> nulls;     // players of weight 0
  int64_t q = 0;              // quota in reduced units
  int64_t total = 0;          // sum of w
  std::vector<size_t> group;  // equal-weight runs of w: [group[g], group[g + 1])

  int n() const { return static_cast<int>(w.size()); }
  size_t groups() const { return group.size() - 1; }
};

int64_t GcdOfWeights(const std::vector<int64_t>& weights) {
  int64_t g = 0;
  for (int64_t x : weights) g = std::gcd(g, x);
  return g == 0 ? 1 : g;
}

Reduced Reduce(const WeightedInput& input) {
  Reduced r;
  r.n_total = static_cast<int>(input.weights.size());
  const int64_t g = GcdOfWeights(input.weights);
  // (weight, player) pairs are distinct, so the order is fully determined.
  std::vector<std::pair<int64_t, int>> order;
  order.reserve(input.weights.size());
  for (size_t p = 0; p < input.weights.size(); ++p) {
    order.emplace_back(input.weights[p], static_cast<int>(p));
  }
  std::sort(order.begin(), order.end());
  r.w.reserve(order.size());
  r.player.reserve(order.size());
  r.group.reserve(order.size() + 1);
  for (const auto& [w, p] : order) {
    if (w == 0) {
      r.nulls.push_back(p);
    } else {
      r.w.push_back(w / g);
      r.player.push_back(p);
      r.total += w / g;
    }
  }
  r.q = (input.quota + g - 1) / g;
  r.group.push_back(0);
  for (size_t i = 1; i <= r.w.size(); ++i) {
    if (i == r.w.size() || r.w[i] != r.w[i - 1]) r.group.push_back(i);
  }
  return r;
}

// Largest k such that the k lightest weights sum to less than `limit`: no coalition of more than
// kmax players weighs less than `limit`.
int MaxSizeBelow(const std::vector<int64_t>& ascending, int64_t limit) {
  int64_t sum = 0;
  int k = 0;
  for (int64_t w : ascending) {
    if (sum + w >= limit) break;
    sum += w;
    ++k;
  }
  return k;
}

// Weights of the k lightest players, k = 0..n: no subset of k players weighs less than
// lightest[k].
std::vector<int64_t> LightestSums(const std::vector<int64_t>& ascending) {
  std::vector<int64_t> lightest(ascending.size() + 1, 0);
  for (size_t k = 0; k < ascending.size(); ++k) lightest[k + 1] = lightest[k] + ascending[k];
  return lightest;
}

// lcm(from..to): the common denominator of 1/k for the sizes k a coalition of interest can have.
mpz_class LcmOfRange(int from, int to) {
  mpz_class l = 1;
  for (int k = std::max(from, 1); k <= to; ++k)
    mpz_lcm_ui(l.get_mpz_t(), l.get_mpz_t(), static_cast<unsigned long>(k));
  return l;
}

double Log2(const mpz_class& x) {
  if (x <= 0) return 0.0;
  long exponent = 0;
  const double mantissa = mpz_get_d_2exp(&exponent, x.get_mpz_t());
  return std::log2(mantissa) + static_cast<double>(exponent);
}

// Runs `pass` once per lane group of `primes`: one group of exactly as many lanes as primes when
// there are at most `max_lanes`, else groups of `max_lanes` and one of the remainder.
// `pass(std::integral_constant<int, L>, modulus, first_prime, lane_count)`.
template <int L, typename Pass>
void RunLaneGroup(const std::vector<uint32_t>& primes, size_t first, Pass& pass) {
  const LaneModulus<L> m(primes.data() + first);
  pass(std::integral_constant<int, L>{}, m, first, static_cast<size_t>(L));
}

template <typename Pass>
void ForEachLaneGroup(const std::vector<uint32_t>& primes, int max_lanes, Pass&& pass) {
  const size_t k = primes.size();
  size_t first = 0;
  while (first < k) {
    const size_t lanes = std::min<size_t>(k - first, static_cast<size_t>(max_lanes));
    switch (lanes) {
      case 1:
        RunLaneGroup<1>(primes, first, pass);
        break;
      case 2:
        RunLaneGroup<2>(primes, first, pass);
        break;
      case 3:
        RunLaneGroup<3>(primes, first, pass);
        break;
      case 4:
        RunLaneGroup<4>(primes, first, pass);
        break;
      case 5:
        RunLaneGroup<5>(primes, first, pass);
        break;
      case 6:
        RunLaneGroup<6>(primes, first, pass);
        break;
      case 7:
        RunLaneGroup<7>(primes, first, pass);
        break;
      default:
        RunLaneGroup<8>(primes, first, pass);
        break;
    }
    first += lanes;
  }
}

// A zero-filled 2-D array of Lanes<L>: `rows` rows of `cols` elements. A ragged grid stores row
// r only from column first[r] on (first[0] must be 0): row(r)[x] may be used for
// first[r] <= x < cols only. The programmes over (size, weight) use it to skip the cells below
// the weight of the r lightest players, which no coalition of r players reaches.
template <int L>
class LaneGrid {
 public:
  LaneGrid(int64_t rows, int64_t cols)
      : LaneGrid(std::vector<int64_t>(static_cast<size_t>(rows), 0), cols) {}
  LaneGrid(const std::vector<int64_t>& first, int64_t cols) {
    assert(!first.empty() && first[0] == 0);
    int64_t offset = 0;
    for (int64_t f : first) {
      const int64_t start = std::min(f, cols);
      // Row r begins at offset + start; offset >= cols >= start for every row after the first,
      // so the row's base stays inside the array.
      base_.push_back(offset);
      offset += cols - start;
      base_.back() -= start;
    }
    data_.assign(static_cast<size_t>(offset), Lanes<L>{});
  }
  Lanes<L>* row(int64_t r) { return data_.data() + base_[static_cast<size_t>(r)]; }

 private:
  std::vector<int64_t> base_;  // element index of column 0 of each row
  std::vector<Lanes<L>> data_;
};

template <int L>
Lanes<L> Ones(const LaneModulus<L>& m) {
  return Broadcast<L>(1, m);
}

// Cells per tile when sweeps go tile by tile to stay in the level-2 cache.
template <int L>
constexpr int64_t TileElements() {
  return int64_t{32768} / static_cast<int64_t>(sizeof(Lanes<L>));
}

// The alternating sum of prefix sums that yields a window sum of f / (1 + x^w):
//   sum over s in [top - w + 1, top] of [x^s] f/(1 + x^w)
//   = sum_{t >= 0} (-1)^t (P[top - t*w] - P[top - (t+1)*w]),  P[x] = 0 for x < 0,
//   = P[top] + 2 * sum_{t >= 1} (-1)^t P[top - t*w].
// The odd and even terms are summed apart in 64 bits (fewer than 2^31 residues below 2^31
// each, as arrays hold fewer than 2^31 cells) and reduced once.
template <int L>
Lanes<L> DividedWindow(const Lanes<L>* prefix, int64_t top, int64_t w, const LaneModulus<L>& m) {
  uint64_t odd[static_cast<size_t>(L)] = {}, even[static_cast<size_t>(L)] = {};
  for (int64_t hi = top - w; hi >= 0; hi -= 2 * w) {
    for (int l = 0; l < L; ++l) odd[l] += prefix[hi].v[l];
    if (hi >= w) {
      for (int l = 0; l < L; ++l) even[l] += prefix[hi - w].v[l];
    }
  }
  Lanes<L> out;
  for (int l = 0; l < L; ++l) {
    const uint64_t p = m.p[l];
    out.v[l] = static_cast<uint32_t>(
        (prefix[top].v[l] + 2 * (even[l] % p) + 2 * p - 2 * (odd[l] % p)) % p);
  }
  return out;
}

// c = prod over `w` (ascending) of (1 + x^w), truncated below `limit`, c[0] = 1 on entry.
// Players are added two at a time, halving the sweeps over the array; the support grows with
// the running total, so each sweep stops there.
template <int L>
void ForwardProduct(Lanes<L>* c, const std::vector<int64_t>& w, int64_t limit,
                    const LaneModulus<L>& m, ProgressMeter& progress) {
  int64_t sum = 0;
  std::size_t j = 0;
  for (; j + 1 < w.size(); j += 2) {
    sum += w[j] + w[j + 1];
    const int64_t hi = std::min(limit, sum + 1);
    MultiplyByTwoBinomials<L>(c, hi, w[j], w[j + 1], m);
    progress.Advance(static_cast<double>(2 * std::max<int64_t>(0, hi - w[j])));
  }
  if (j < w.size()) {
    sum += w[j];
    const int64_t hi = std::min(limit, sum + 1);
    if (hi > w[j]) MultiplyByBinomial<L>(c, w[j], hi, w[j], m);
    progress.Advance(static_cast<double>(std::max<int64_t>(0, hi - w[j])));
  }
}

// The same with sizes: rows k = 0..kmax of `grid` (subsets of k players), row 0 = [1, 0, ...] on
// entry. `lightest[k]` (k = 0..w.size()) is the weight of the k lightest players: row k is zero
// below it, and above the weight of the k heaviest players added so far.
template <int L>
void ForwardProductBySize(LaneGrid<L>& grid, const std::vector<int64_t>& w,
                          const std::vector<int64_t>& lightest, int kmax, int64_t limit,
                          const LaneModulus<L>& m, ProgressMeter& progress) {
  // The end of row k once the first `added` players (ascending) are in: past the weight of the
  // k heaviest of them.
  auto row_end = [&](std::size_t added, int k) {
    return std::min(limit, lightest[added] - lightest[added - static_cast<std::size_t>(k)] + 1);
  };
  std::size_t j = 0;
  for (; j + 1 < w.size(); j += 2) {
    const int64_t w1 = w[j];
    const int64_t w2 = w[j + 1];
    double work = 0;
    // Rows from the top, so rows k - 1 and k - 2 still hold the values before these players.
    for (int k = std::min(static_cast<int>(j) + 2, kmax); k >= 1; --k) {
      const std::size_t uk = static_cast<std::size_t>(k);
      const int64_t hi = row_end(j + 2, k);
      // New members: one of the two (x^w1, x^w2 on row k - 1) or both (x^(w1+w2), row k - 2);
      // each term is zero below its start, and the starts are ordered a1 <= a2 <= a3.
      const int64_t a1 = lightest[uk - 1] + w1;
      const int64_t a2 = std::min(lightest[uk - 1] + w2, hi);
      const int64_t a3 = k >= 2 ? std::min(std::max(lightest[uk - 2] + w1 + w2, a2), hi) : hi;
      Lanes<L>* row = grid.row(k);
      const Lanes<L>* below = grid.row(k - 1);
      if (a2 > a1) AddRow<L>(row + a1, below + a1 - w1, a2 - a1, m);
      if (a3 > a2) AddRows<L>(row + a2, below + a2 - w1, below + a2 - w2, nullptr, a3 - a2, m);
      if (hi > a3 && k >= 2) {
        AddRows<L>(row + a3, below + a3 - w1, below + a3 - w2, grid.row(k - 2) + a3 - w1 - w2,
                   hi - a3, m);
      }
      work += static_cast<double>(std::max<int64_t>(0, hi - a1));
    }
    progress.Advance(2 * work);
  }
  if (j < w.size()) {
    const int64_t x = w[j];
    for (int k = std::min(static_cast<int>(j) + 1, kmax); k >= 1; --k) {
      const int64_t hi = row_end(j + 1, k);
      const int64_t lo = lightest[static_cast<std::size_t>(k) - 1] + x;
      if (hi > lo) AddRow<L>(grid.row(k) + lo, grid.row(k - 1) + lo - x, hi - lo, m);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Banzhaf swings (and the number of losing coalitions) without sizes: O(n*Q).
struct SwingCounts {
  std::vector<mpz_class> swings;  // per group of equal weight
  // Per group, sum over k of swings of size k times k!(n-1-k)! (when sizes were tracked).
  std::vector<mpz_class> orders;
  mpz_class losing;  // losing coalitions of the game with quota Q (reduced players)
};

SwingCounts BanzhafPass(const Reduced& r, int64_t quota, ProgressMeter& progress) {
  const size_t groups = r.groups();
  const CrtBasis basis(LargePrimes(PrimesForBits(r.n() + 1)));
  ResidueTable table(groups + 1, basis.size());
  ForEachLaneGroup(basis.primes(), 8,
                   [&]<int L>(std::integral_constant<int, L>, const LaneModulus<L>& m, size_t first,
                              size_t count) {
                     std::vector<Lanes<L>> c(static_cast<size_t>(quota), Lanes<L>{});
                     c[0] = Ones<L>(m);
                     ForwardProduct<L>(c.data(), r.w, quota, m, progress);
                     PrefixSums<L>(c.data(), quota, m);
                     for (size_t g = 0; g < groups; ++g) {
                       const int64_t w = r.w[r.group[g]];
                       table.SetLanes<L>(g, first, count,
                                         DividedWindow<L>(c.data(), quota - 1, w, m));
                     }
                     table.SetLanes<L>(groups, first, count, c[static_cast<size_t>(quota - 1)]);
                   });
  SwingCounts out;
  for (size_t g = 0; g < groups; ++g) out.swings.push_back(table.Reconstruct(g, basis));
  out.losing = table.Reconstruct(groups, basis);
  return out;
}

// Swings by coalition size, for Shapley–Shubik (and Banzhaf from the same counts): O(n^2*Q).
SwingCounts ShapleyShubikPass(const Reduced& r, int64_t quota, int max_lanes,
                              ProgressMeter& progress) {
  const size_t groups = r.groups();
  const int n = r.n();
  const int kmax = MaxSizeBelow(r.w, quota);
  const std::vector<int64_t> lightest = LightestSums(r.w);
  const size_t sizes = static_cast<size_t>(kmax) + 1;
  const CrtBasis basis(LargePrimes(PrimesForBits(n + 1)));
  // Values: per group and size k the swings of size k; then the losing count.
  ResidueTable table(groups * sizes + 1, basis.size());
  ForEachLaneGroup(basis.primes(), max_lanes,
                   [&]<int L>(std::integral_constant<int, L>, const LaneModulus<L>& m, size_t first,
                              size_t count) {
                     LaneGrid<L> c(kmax + 1, quota);
                     c.row(0)[0] = Ones<L>(m);
                     ForwardProductBySize<L>(c, r.w, lightest, kmax, quota, m, progress);
                     Lanes<L> losing{};
                     for (int k = 0; k <= kmax; ++k) {
                       PrefixSums<L>(c.row(k), quota, m);
                       losing = AddLanes<L>(losing, c.row(k)[quota - 1], m);
                     }
                     for (size_t g = 0; g < groups; ++g) {
                       const int64_t w = r.w[r.group[g]];
                       for (int k = 0; k <= kmax; ++k) {
                         // Swings of size k: sum_t (-1)^t (window of row k - t shifted down by
                         // t*w).
                         Lanes<L> acc{};
                         bool plus = true;
                         for (int t = 0; t <= k; ++t, plus = !plus) {
                           const int64_t hi = quota - 1 - static_cast<int64_t>(t) * w;
                           if (hi < 0) break;
                           Lanes<L> term = c.row(k - t)[hi];
                           if (hi - w >= 0) term = SubtractLanes<L>(term, c.row(k - t)[hi - w], m);
                           acc = plus ? AddLanes<L>(acc, term, m) : SubtractLanes<L>(acc, term, m);
                         }
                         table.SetLanes<L>(g * sizes + static_cast<size_t>(k), first, count, acc);
                       }
                     }
                     table.SetLanes<L>(groups * sizes, first, count, losing);
                   });
  SwingCounts out;
  // k!(n-1-k)! for the reduced game's n players.
  std::vector<mpz_class> weight(sizes);
  for (int k = 0; k <= kmax; ++k) {
    weight[static_cast<size_t>(k)] = Factorial(k) * Factorial(n - 1 - k);
  }
  for (size_t g = 0; g < groups; ++g) {
    mpz_class swings = 0;
    mpz_class orders = 0;
    for (size_t k = 0; k < sizes; ++k) {
      const mpz_class eta = table.Reconstruct(g * sizes + k, basis);
      swings += eta;
      orders += eta * weight[k];
    }
    out.swings.push_back(swings);
    out.orders.push_back(orders);
  }
  out.losing = table.Reconstruct(groups * sizes, basis);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Minimal winning coalitions containing each player (public good index): O(n*q).
struct MinimalCounts {
  std::vector<mpz_class> containing;  // per group
  mpz_class total;
  SwingCounts swings;  // on quota q, from the same product, when asked for
};

// Prefix sums of the players in descending order: before[i] = weight of players 0..i-1.
struct Descending {
  std::vector<int64_t> w;            // weights, descending
  std::vector<int64_t> before;       // size n + 1
  std::vector<int64_t> after;        // after[i] = weight of players i..n-1, size n + 1
  std::vector<size_t> group;         // group index (of Reduced) of each player
  std::vector<bool> first_of_group;  // true for the first player of its group met going backwards
};

Descending MakeDescending(const Reduced& r) {
  Descending d;
  const size_t n = r.w.size();
  d.w.assign(r.w.rbegin(), r.w.rend());
  d.before.assign(n + 1, 0);
  d.after.assign(n + 1, 0);
  for (size_t i = 0; i < n; ++i) d.before[i + 1] = d.before[i] + d.w[i];
  for (size_t i = n; i-- > 0;) d.after[i] = d.after[i + 1] + d.w[i];
  d.group.assign(n, 0);
  for (size_t g = 0; g < r.groups(); ++g) {
    for (size_t a = r.group[g]; a < r.group[g + 1]; ++a) d.group[n - 1 - a] = g;
  }
  d.first_of_group.assign(n, false);
  for (size_t i = 0; i < n; ++i) d.first_of_group[i] = (i + 1 == n || d.group[i + 1] != d.group[i]);
  return d;
}

// With `with_swings`, also the Banzhaf swings and losing coalitions, read off the full product
// before the backward sweep (saving BanzhafPass).
MinimalCounts PublicGoodPass(const Reduced& r, bool with_swings, ProgressMeter& progress) {
  const int64_t q = r.q;
  const Descending d = MakeDescending(r);
  const int n = r.n();
  const size_t groups = r.groups();
  const CrtBasis basis(LargePrimes(PrimesForBits(n + 1)));
  ResidueTable table(groups + 1, basis.size());
  ResidueTable swing_table(with_swings ? groups + 1 : 0, basis.size());
  ForEachLaneGroup(
      basis.primes(), 8,
      [&]<int L>(std::integral_constant<int, L>, const LaneModulus<L>& m, size_t first,
                 size_t count) {
        std::vector<Lanes<L>> a(static_cast<size_t>(q), Lanes<L>{});
        std::vector<Lanes<L>> back(static_cast<size_t>(q), Lanes<L>{});
        a[0] = Ones<L>(m);
        ForwardProduct<L>(a.data(), r.w, q, m, progress);  // the full product
        if (with_swings) {
          // The prefix sums go in `back`, which is not in use yet: a copy of their own would add
          // a third of the pass's memory (30 MB on normal_sqrd n = 200).
          std::copy(a.begin(), a.end(), back.begin());
          PrefixSums<L>(back.data(), q, m);
          for (size_t g = 0; g < groups; ++g) {
            swing_table.SetLanes<L>(g, first, count,
                                    DividedWindow<L>(back.data(), q - 1, r.w[r.group[g]], m));
          }
          swing_table.SetLanes<L>(groups, first, count, back[static_cast<size_t>(q - 1)]);
          std::fill(back.begin(), back.end(), Lanes<L>{});
        }
        const Lanes<L> one = Ones<L>(m);
        const int64_t tile = TileElements<L>();
        const int64_t tiles = (q + tile - 1) / tile;
        // Player i's part of the sweep over the tile [t0, t1): a becomes the product of the
        // players before i; i's count pairs it with R_{i+1}; then R_i(u) = R_{i+1}(u) +
        // R_{i+1}(u + w) + [q - w <= u < q]. The division reads lower (finished) cells, the
        // pairing and the update read higher (not yet updated) cells of R.
        auto sweep_tile = [&](size_t ui, int64_t t0, Lanes<L>& acc) {
          const int64_t t1 = std::min(q, t0 + tile);
          const int64_t w = d.w[ui];
          const int64_t top = std::min(q, d.before[ui + 1] + 1);
          // Fronts of weight below lo cannot reach the quota with i and the players after it.
          const int64_t lo = std::max<int64_t>(0, q - d.after[ui]);
          // i the lightest member: fronts in [q - w, q); i followed by more: R(u + w). The front
          // weighs at most the players before i.
          const int64_t cap = std::min(q, d.before[ui] + 1);
          if (std::min(top, t1) > std::max(w, t0)) {
            DivideByBinomial<L>(a.data(), std::max(w, t0), std::min(top, t1), w, m);
          }
          if (d.first_of_group[ui]) {
            const int64_t s0 = std::max(std::max(lo, q - w), t0), s1 = std::min(cap, t1);
            if (s1 > s0) acc = AddLanes<L>(acc, Sum<L>(a.data() + s0, s1 - s0, m), m);
            const int64_t d0 = std::max(lo, t0), d1 = std::min(std::min(q - w, cap), t1);
            if (d1 > d0) {
              acc = AddLanes<L>(acc, Dot<L>(a.data() + d0, back.data() + d0 + w, d1 - d0, m), m);
            }
          }
          AddFromAbove<L>(back.data(), std::max(lo, t0), std::min(q - w, t1), w, m);
          const int64_t c0 = std::max(std::max<int64_t>(0, q - w), t0);
          if (t1 > c0) AddConstant<L>(back.data() + c0, t1 - c0, one, m);
        };
        // Players descending, from the lightest, kBatch at a time in a wavefront: each follows
        // the one before it far enough behind that every cell it reads is final for the other
        // and not yet changed by itself, and the other's reads (w below, or above) are
        // untouched by it. The arrays then stream from memory once per batch rather than once
        // per player: on normal_sqrd n = 200 they are 29 MB each.
        constexpr int kBatch = 4;
        for (int last = n - 1; last >= 0; last -= kBatch) {
          const int batch = std::min(kBatch, last + 1);
          std::array<int64_t, kBatch> offset{};
          std::array<Lanes<L>, kBatch> acc{};
          for (int j = 1; j < batch; ++j) {
            const int64_t w = std::max(d.w[static_cast<size_t>(last - j + 1)],
                                       d.w[static_cast<size_t>(last - j)]);
            offset[static_cast<size_t>(j)] =
                offset[static_cast<size_t>(j) - 1] + std::min(tiles, (w + tile - 1) / tile + 1);
          }
          for (int64_t step = 0; step < tiles + offset[static_cast<size_t>(batch) - 1]; ++step) {
            for (int j = 0; j < batch; ++j) {
              const int64_t at = step - offset[static_cast<size_t>(j)];
              if (at >= 0 && at < tiles) {
                sweep_tile(static_cast<size_t>(last - j), at * tile, acc[static_cast<size_t>(j)]);
              }
            }
          }
          for (int j = 0; j < batch; ++j) {
            const size_t ui = static_cast<size_t>(last - j);
            if (d.first_of_group[ui]) {
              table.SetLanes<L>(d.group[ui], first, count, acc[static_cast<size_t>(j)]);
            }
            const int64_t top = std::min(q, d.before[ui + 1] + 1);
            progress.Advance(
                static_cast<double>(2 * top + q - std::max<int64_t>(0, q - d.after[ui])));
          }
        }
        table.SetLanes<L>(groups, first, count, back[0]);
      });
  MinimalCounts out;
  for (size_t g = 0; g < groups; ++g) out.containing.push_back(table.Reconstruct(g, basis));
  out.total = table.Reconstruct(groups, basis);
  if (with_swings) {
    for (size_t g = 0; g < groups; ++g) {
      out.swings.swings.push_back(swing_table.Reconstruct(g, basis));
    }
    out.swings.losing = swing_table.Reconstruct(groups, basis);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Minimal winning coalitions through their complements, for quotas near the total weight.
//
// A coalition S wins iff its complement T weighs at most R = W - q, and is minimal iff no member
// of S fits into T: w(T) + (the lightest non-member of T) > R. With the players descending, let
// m be the last player not in T: every player after m is in T, and T is maximal iff the members
// of T before m (the "front", of weight u) satisfy u + L_m in (R - w_m, R], L_m the weight of the
// players after m. Then S is the players up to m without the front, |S| = m + 1 - |front|. The
// programme has the shape of PublicGoodPass and FrontPass on R + 1 cells instead of q, and runs
// when R is much the smaller: at unanimity (R = 0) it is a single cell per row. It runs one
// prime at a time without vectors, so ComplementIsCheaper asks for R + 1 at most q / 8.
bool ComplementIsCheaper(int64_t total, int64_t q) { return 8 * (total - q + 1) <= q; }

// Whether every player is a veto player (no coalition without it wins: W - w_i < q), as at
// unanimity. The only winning coalition of the reduced game is then everyone, and every member
// is critical in it: Johnston gives each 1/n, with no programme.
bool AllVeto(const std::vector<int64_t>& ascending, int64_t total, int64_t q) {
  return !ascending.empty() && ascending.front() > total - q;
}

// The largest number of players weighing at most `limit` together.
int MaxSizeAtMost(const std::vector<int64_t>& ascending, int64_t limit) {
  return MaxSizeBelow(ascending, limit + 1);
}

// sum of x[j] * y[j] mod p over j < count, residues below p < 2^31: the running sum is kept
// below p^2 by subtracting it, so there is one division in all.
uint32_t Dot(const uint32_t* x, const uint32_t* y, int64_t count, uint32_t p) {
  const uint64_t square = static_cast<uint64_t>(p) * p;
  uint64_t sum = 0;
  for (int64_t j = 0; j < count; ++j) {
    sum += static_cast<uint64_t>(x[j]) * y[j];
    if (sum >= square) sum -= square;
  }
  return static_cast<uint32_t>(sum % p);
}

// Multiplication modulo p by a fixed factor without division (Shoup's precomputed quotient):
// with f' = floor(f * 2^32 / p), c * f - floor(c * f' / 2^32) * p is c * f mod p or that plus p.
class ShoupFactor {
 public:
  ShoupFactor(uint32_t factor, uint32_t p)
      : factor_(factor), quotient_(static_cast<uint32_t>((uint64_t{factor} << 32U) / p)) {}
  uint32_t Times(uint32_t c, uint32_t p) const {
    const uint64_t estimate = (static_cast<uint64_t>(c) * quotient_) >> 32U;
    const uint64_t r = static_cast<uint64_t>(c) * factor_ - estimate * p;
    return static_cast<uint32_t>(r >= p ? r - p : r);
  }

 private:
  uint32_t factor_;
  uint32_t quotient_;
};

// What ComplementPass counts, per group of equal weight.
enum class ComplementKind {
  kPublicGood,    // the minimal winning coalitions containing the player
  kDeeganPackel,  // lcm * (sum over those of 1/|S|)
  kJohnston,      // lcm * (sum over winning S in which the player is critical of 1/critical(S))
};

struct ComplementCounts {
  std::vector<mpz_class> per_group;
  mpz_class total;    // minimal winning coalitions (kPublicGood)
  mpz_class lcm = 1;  // the factor of the Deegan–Packel and Johnston values
};

// Johnston through complements: a member j of S is critical iff w(T) + w_j > R. With the players
// descending, the critical members are the non-members of T up to the last of them, m; after m
// every player is in T or non-critical. For a front of weight u (the members of T before m),
// beta_m(u) counts the sets B of players after m in T such that t = u + w(B) is in (R - w_m, R]
// and the heaviest player after m outside B (the first, l) weighs at most R - t:
//   beta_m(u) = [R - w_m < u + S_{m+1} <= R] + Phi(y) - Psi(y - w_m),  y = R - u - S_{m+1},
//   Phi(y) = sum over l > m of D_l(y + S_{l+1}),  Psi(z) = sum over l > m of D_l(z + S_l),
// with S_j the weight of the players from j on and D_l(x) the subsets of the players after l
// weighing at most x (every player from m + 1 to l - 1 is in B). Phi and Psi gain one l per
// step, as the players are taken from the lightest.
class CriticalTails {
 public:
  CriticalTails(const Descending& d, int64_t big_r, uint32_t p)
      : d_(d),
        big_r_(big_r),
        p_(p),
        offset_(d.after[0] + d.w.front()),
        suffix_(static_cast<size_t>(big_r + 1), 0),
        at_most_(static_cast<size_t>(big_r + 1), 0),
        phi_(static_cast<size_t>(offset_ + big_r + 1), 0),
        psi_(static_cast<size_t>(offset_ + big_r + 1), 0),
        beta_(static_cast<size_t>(big_r + 1), 0) {
    suffix_[0] = 1;  // the players after the last: none
  }

  // beta_m, after every m' > m has had its turn. Valid until the next call.
  const std::vector<uint32_t>& Beta(size_t m) {
    if (m + 1 < d_.w.size()) AddLighter(m + 1);
    const int64_t w = d_.w[m];
    const int64_t after = d_.after[m + 1];
    for (int64_t u = 0; u <= big_r_; ++u) {
      const int64_t y = big_r_ - u - after;
      uint64_t b = (u + after <= big_r_ && u + after > big_r_ - w) ? 1 : 0;
      b += phi_[Index(y)] + p_ - psi_[Index(y - w)];
      beta_[static_cast<size_t>(u)] = static_cast<uint32_t>(b % p_);
    }
    return beta_;
  }

 private:
  size_t Index(int64_t y) const { return static_cast<size_t>(y + offset_); }

  // Player l (descending) joins the players after the coming m: Phi and Psi gain D_l, then the
  // suffix product gains l.
  void AddLighter(size_t l) {
    uint64_t running = 0;
    for (int64_t x = 0; x <= big_r_; ++x) {
      running += suffix_[static_cast<size_t>(x)];
      at_most_[static_cast<size_t>(x)] = static_cast<uint32_t>(running % p_);
      running %= p_;
    }
    const int64_t from_phi = -d_.after[l + 1];  // y + S_{l+1} = x
    const int64_t from_psi = -d_.after[l];      // z + S_l = x
    for (int64_t x = 0; x <= big_r_; ++x) {
      const uint32_t v = at_most_[static_cast<size_t>(x)];
      uint32_t& f = phi_[Index(from_phi + x)];
      f = f + v >= p_ ? f + v - p_ : f + v;
      uint32_t& g = psi_[Index(from_psi + x)];
      g = g + v >= p_ ? g + v - p_ : g + v;
    }
    const int64_t w = d_.w[l];
    for (int64_t x = big_r_; x >= w; --x) {
      uint32_t& c = suffix_[static_cast<size_t>(x)];
      const uint32_t v = suffix_[static_cast<size_t>(x - w)];
      c = c + v >= p_ ? c + v - p_ : c + v;
    }
  }

  const Descending& d_;
  int64_t big_r_;
  uint32_t p_;
  int64_t offset_;  // Phi and Psi are indexed from -offset_ (below -W - the heaviest weight)
  std::vector<uint32_t> suffix_, at_most_, phi_, psi_, beta_;
};

ComplementCounts ComplementPass(const Reduced& r, ComplementKind kind,
                                const std::optional<mpz_class>& most_minimal,
                                ProgressMeter& progress) {
  const Descending d = MakeDescending(r);
  const int n = r.n();
  const size_t groups = r.groups();
  const int64_t big_r = r.total - r.q;
  const int64_t width = big_r + 1;
  const int members = MaxSizeAtMost(r.w, big_r);  // at most this many players fit into T
  const bool sized = kind != ComplementKind::kPublicGood;
  const bool johnston = kind == ComplementKind::kJohnston;
  const int rows = sized ? members + 1 : 1;
  ComplementCounts out;
  double bits = n + 1;
  if (johnston) {
    // k critical members, 1 <= k <= n; the sum of the shares is at most 2^(n-1).
    out.lcm = LcmOfRange(1, n);
    bits += Log2(out.lcm);
  } else if (sized) {
    out.lcm = LcmOfRange(n - members, n);
    bits = most_minimal ? Log2(*most_minimal) + Log2(out.lcm) - std::log2(n - members) + 1
                        : bits + Log2(out.lcm);
  }
  const CrtBasis basis(LargePrimes(PrimesForBits(bits)));
  ResidueTable table(groups + 1, basis.size());
  for (size_t prime = 0; prime < basis.size(); ++prime) {
    const uint32_t p = basis.primes()[prime];
    auto add = [p](uint32_t a, uint32_t b) { return a + b >= p ? a + b - p : a + b; };
    auto sub = [p](uint32_t a, uint32_t b) { return a >= b ? a - b : a + p - b; };
    // a[k * width + u]: subsets of the players not yet divided out with k members (k = 0 when
    // not sized) weighing u <= R. back: rows 0..rows (the last stays zero).
    std::vector<uint32_t> a(static_cast<size_t>(rows * width), 0);
    std::vector<uint32_t> back(static_cast<size_t>((rows + 1) * width), 0);
    auto cell = [width](std::vector<uint32_t>& v, int64_t k, int64_t u) -> uint32_t& {
      return v[static_cast<size_t>(k * width + u)];
    };
    std::vector<uint32_t> inverse(static_cast<size_t>(n) + 2, 0);
    for (int c = 1; c <= n + 1; ++c)
      inverse[static_cast<size_t>(c)] = InvMod(static_cast<uint32_t>(c), p);
    const uint32_t lcm_residue = Residue(out.lcm, p);
    std::optional<CriticalTails> tails;
    if (johnston) tails.emplace(d, big_r, p);
    a[0] = 1;
    for (const int64_t w : r.w) {
      if (w > big_r) continue;  // never in T: (1 + x^w) is 1 below R + 1
      for (int64_t k = rows - 1; k >= (sized ? 1 : 0); --k) {
        const int64_t from_row = sized ? k - 1 : k;
        for (int64_t u = big_r; u >= w; --u) {
          cell(a, k, u) = add(cell(a, k, u), cell(a, from_row, u - w));
        }
      }
    }
    // 1 on the window of fronts that make T maximal when i is its last non-member.
    std::vector<uint32_t> window(static_cast<size_t>(width), 0);
    for (int i = n - 1; i >= 0; --i) {
      const size_t ui = static_cast<size_t>(i);
      const int64_t w = d.w[ui];
      // a becomes the product of the players before i.
      if (w <= big_r) {
        for (int64_t k = sized ? 1 : 0; k < rows; ++k) {
          const int64_t from_row = sized ? k - 1 : k;
          for (int64_t u = w; u <= big_r; ++u) {
            cell(a, k, u) = sub(cell(a, k, u), cell(a, from_row, u - w));
          }
        }
      }
      // How a front of weight u is closed by i: for Johnston, as the last critical member;
      // otherwise as the last non-member of a maximal T, when u is in [R - L - w + 1, R - L].
      const std::vector<uint32_t>* closing = &window;
      if (johnston) {
        closing = &tails->Beta(ui);
      } else {
        const int64_t after = d.after[ui + 1];
        std::fill(window.begin(), window.end(), 0);
        for (int64_t u = std::max<int64_t>(0, big_r - after - w + 1); u <= big_r - after; ++u) {
          window[static_cast<size_t>(u)] = 1;
        }
      }
      const int top = std::min(i, rows - 1);
      if (d.first_of_group[ui]) {
        uint64_t acc = 0;
        for (int k = 0; k <= top; ++k) {
          uint64_t own = Dot(&cell(a, k, 0), closing->data(), width, p);
          if (sized) {
            own = MulMod(static_cast<uint32_t>(own), inverse[ui + 1 - static_cast<size_t>(k)], p);
          }
          // i outside T and before the last non-member (critical, for Johnston).
          acc = (acc + own + Dot(&cell(a, k, 0), &cell(back, k, 0), width, p)) % p;
        }
        table.Set(d.group[ui], prime,
                  sized ? MulMod(static_cast<uint32_t>(acc), lcm_residue, p)
                        : static_cast<uint32_t>(acc));
      }
      // back_i: i outside T (unchanged), in T (row k + 1 at u + w), or closing.
      for (int k = 0; k <= top; ++k) {
        const int64_t next = sized ? k + 1 : k;
        for (int64_t u = 0; u + w <= big_r; ++u) {
          cell(back, k, u) = add(cell(back, k, u), cell(back, next, u + w));
        }
        const ShoupFactor scale(sized ? inverse[ui + 1 - static_cast<size_t>(k)] : 1, p);
        for (int64_t u = 0; u <= big_r; ++u) {
          const uint32_t c = (*closing)[static_cast<size_t>(u)];
          if (c != 0) cell(back, k, u) = add(cell(back, k, u), scale.Times(c, p));
        }
      }
      progress.Advance(static_cast<double>((top + 1) * width * 4));
    }
    table.Set(groups, prime, back[0]);
  }
  for (size_t g = 0; g < groups; ++g) out.per_group.push_back(table.Reconstruct(g, basis));
  out.total = table.Reconstruct(groups, basis);
  return out;
}

// The values of a Deegan–Packel or Johnston ComplementPass, as fractions.
std::vector<mpq_class> Fractions(const ComplementCounts& counts) {
  std::vector<mpq_class> values;
  for (const mpz_class& scaled : counts.per_group) {
    mpq_class value(scaled, counts.lcm);
    value.canonicalize();
    values.push_back(value);
  }
  return values;
}

// ---------------------------------------------------------------------------------------------
// Deegan–Packel and Johnston: 2-D programmes over (size, weight), O(n^2*q).
//
// Both pair the forward product a_{i-1}[k][u] (subsets of the players before i with k members
// and weight u) with a backward array over a "front" of c members and weight u:
// - Deegan–Packel: T_j[c][u] = sum over completions B of the front by players j..n into a
//   minimal winning coalition of 1/(c + |B|).
//     T_j[c][u] = T_{j+1}[c][u] + T_{j+1}[c+1][u + w_j] + [q - w_j <= u < q] / (c + 1).
// - Johnston, for the winning coalitions whose critical members are exactly the front plus a
//   last critical member m, followed by non-critical members L (all lighter than m):
//     J_j[c][u] = J_{j+1}[c][u] + J_{j+1}[c+1][u + w_j] + beta_j(u) / (c + 1),
//   beta_j(u) = number of sets L of players lighter than w_j such that the coalition
//   (front of weight u) + j + L wins, j is critical in it and no member of L is:
//     w(L) in [V, V + w_j - 1] and w(L) - maxw(L) >= V, with V = q - u - w_j.
//   Splitting L by its heaviest member l (L = l + L', L' among the players after l) gives
//     beta_j(u) = [q - w_j <= u < q] + sum_l (D_l(q - 1 - w_l - u) - D_l(q - 1 - w_j - u)),
//   where D_l(x) counts the subsets of the players after l of weight at most x. The two sums
//   over l are kept as running arrays Phi (first term) and Psi (second, before shifting).
enum class FrontWeighting { kDeeganPackel, kJohnston };

// What the programmes of FrontPass share across lane groups.
struct FrontShape {
  FrontShape(const Reduced& reduced, FrontWeighting weighting)
      : r(reduced),
        kind(weighting),
        d(MakeDescending(reduced)),
        q(reduced.q),
        kmax(MaxSizeBelow(reduced.w, reduced.q)),
        lightest(LightestSums(reduced.w)),
        lcm(LcmOfRange(1, kmax + 1)) {}

  bool johnston() const { return kind == FrontWeighting::kJohnston; }

  const Reduced& r;
  FrontWeighting kind;
  Descending d;
  int64_t q;
  int kmax;                       // fronts (weight < q) have at most kmax members
  std::vector<int64_t> lightest;  // see LightestSums
  mpz_class lcm;                  // of 1..kmax + 1: the programme yields lcm * value
};

// The bits the values of FrontPass's programme (lcm * value) may need. Deegan–Packel:
// lcm * (sum over minimal winning S containing i of 1/|S|) <= lcm * most_minimal / (fewest
// members of a winning coalition). Johnston: lcm * (sum over winning S of 1/k) <= lcm * 2^(n-1).
double FrontBits(const FrontShape& s, const std::optional<mpz_class>& most_minimal) {
  double bits = s.r.n() + 1 + Log2(s.lcm);
  if (s.kind == FrontWeighting::kDeeganPackel && most_minimal) {
    int fewest = 0;
    int64_t heaviest = 0;
    while (heaviest < s.q) heaviest += s.d.w[static_cast<size_t>(fewest++)];
    bits = std::min(bits, Log2(*most_minimal) + Log2(s.lcm) - std::log2(fewest) + 1);
  }
  return bits;
}

// 1/c mod each lane's prime for c = 1..up_to (index c; index 0 unused).
template <int L>
std::vector<Lanes<L>> SmallInverses(int up_to, const LaneModulus<L>& m) {
  std::vector<Lanes<L>> inverse(static_cast<size_t>(up_to) + 1);
  // 1/c = -(p div c) * 1/(p mod c) mod p, from the smaller inverses (p mod c < c).
  for (int l = 0; l < L; ++l) {
    const uint32_t p = m.p[l];
    inverse[1].v[l] = 1;
    for (uint32_t c = 2; c <= static_cast<uint32_t>(up_to); ++c) {
      inverse[c].v[l] = p - MulMod(p / c, inverse[p % c].v[l], p);
    }
  }
  return inverse;
}

// The arrays of FrontPass for one lane group.
template <int L>
struct FrontArrays {
  // Rows k = 0..kmax of the forward product and 1..kmax + 1 of the backward array (row
  // kmax + 1 stays zero), stored from the weight of the k lightest players: every cell read or
  // written lies above it (see the bounds on `from` in SweepFronts).
  FrontArrays(const FrontShape& s, const LaneModulus<L>& m)
      : a(std::vector<int64_t>(s.lightest.begin(), s.lightest.begin() + s.kmax + 1), s.q),
        back(std::vector<int64_t>(s.lightest.begin(), s.lightest.begin() + s.kmax + 2), s.q),
        inverse(SmallInverses<L>(s.kmax + 2, m)),
        own_acc(static_cast<size_t>(s.kmax) + 1) {
    if (s.johnston()) {
      at_most.assign(static_cast<size_t>(s.q), Ones<L>(m));  // D for the empty set of players
      phi.assign(static_cast<size_t>(s.q), Lanes<L>{});
      psi.assign(static_cast<size_t>(s.q), Lanes<L>{});
      beta.assign(static_cast<size_t>(s.q), Lanes<L>{});
    }
  }

  LaneGrid<L> a;
  LaneGrid<L> back;
  std::vector<Lanes<L>> inverse;
  std::vector<Lanes<L>> own_acc;                  // per row: i closes the coalition
  std::vector<Lanes<L>> at_most, phi, psi, beta;  // Johnston only
};

// Johnston: beta for the weight w, from Phi, which holds exactly the players lighter than w.
template <int L>
void PrepareBeta(FrontArrays<L>& f, int64_t q, int64_t w, const LaneModulus<L>& m) {
  std::copy(f.phi.begin(), f.phi.end(), f.beta.begin());
  if (q - w > 0) {
    // beta[u] -= Psi[q - 1 - w - u] for u in [0, q - w).
    std::vector<Lanes<L>> shifted(static_cast<size_t>(q - w), Lanes<L>{});
    AddReversedRow<L>(shifted.data(), f.psi.data() + (q - 1 - w), q - w, m);
    SubtractRow<L>(f.beta.data(), shifted.data(), q - w, m);
  }
  const int64_t from = std::max<int64_t>(0, q - w);
  AddConstant<L>(f.beta.data() + from, q - from, Ones<L>(m), m);
}

// Johnston: player i, of weight w, joins the "lighter players" of the heavier weights still to
// come.
template <int L>
void AddToLighter(FrontArrays<L>& f, int64_t q, int64_t w, const LaneModulus<L>& m) {
  if (q - w > 0) AddReversedRow<L>(f.phi.data(), f.at_most.data() + (q - 1 - w), q - w, m);
  AddRow<L>(f.psi.data(), f.at_most.data(), q, m);
  if (q > w) MultiplyByBinomial<L>(f.at_most.data(), w, q, w, m);
}

// Player ui (descending order) in one sweep over the rows k, fused so each row is streamed once
// per player:
//  - a[k] becomes a_{i-1}[k] (player i divided out; a[k-1] is already done),
//  - player i's value pairs a_{i-1}[k] with back_{i+1}[k+1] (not yet updated),
//  - back[k] becomes back_i[k] (from back_{i+1}[k + 1], read before its update).
// Only cells that can matter are touched: a_{i-1}[k] is zero below `from`, the weight of the k
// lightest players before i, and above that of the k heaviest (players 0..k-1: `row_cap`) or of
// all players before i; rows above i are never read again; back_i[k] is only read at weights of
// at least `from`, and not below `lo`, where even all remaining players cannot reach the quota.
// `from` is at least the weight of the k lightest players of all, and from + w that of the
// k + 1 lightest: the ragged rows of a and back begin there. Returns player i's value (zero
// unless it is the first of its group met).
template <int L>
Lanes<L> SweepFronts(const FrontShape& s, FrontArrays<L>& f, size_t ui, const LaneModulus<L>& m) {
  const Descending& d = s.d;
  const int64_t q = s.q;
  const int64_t w = d.w[ui];
  const bool johnston = s.johnston();
  const int64_t tile = TileElements<L>();
  const int64_t cap = std::min(q, d.before[ui] + 1);
  const int64_t lo = std::max<int64_t>(0, q - d.after[ui]);
  const int64_t window = std::max<int64_t>(0, q - w);
  const int top_row = std::min(static_cast<int>(ui), s.kmax);
  const bool evaluate = d.first_of_group[ui];
  LaneGrid<L>& a = f.a;
  LaneGrid<L>& back = f.back;
  Lanes<L> acc{};
  std::fill(f.own_acc.begin(), f.own_acc.end(), Lanes<L>{});
  // Tile by tile (ascending), all rows per tile, so consecutive rows' tiles are still in
  // cache: the division reads finished cells below, the pairing and the update read
  // cells of back[k + 1] at or above the tile that are not yet updated.
  for (int64_t t0 = 0; t0 < q; t0 += tile) {
    const int64_t t1 = std::min(q, t0 + tile);
    for (int k = 0; k <= top_row; ++k) {
      const int64_t from = d.before[ui] - d.before[ui - static_cast<size_t>(k)];
      if (from >= t1) break;  // rows above start even higher
      const int64_t row_cap = std::min(cap, d.before[static_cast<size_t>(k)] + 1);
      if (k >= 1) {
        const int64_t x0 = std::max(from, t0), x1 = std::min(row_cap, t1);
        if (x1 > x0) SubtractRow<L>(a.row(k) + x0, a.row(k - 1) + x0 - w, x1 - x0, m);
      }
      const int64_t start = std::max(lo, from);
      if (evaluate) {
        // i closes the coalition (Deegan–Packel) or is its last critical member
        // (Johnston), with k members before it.
        Lanes<L>& own = f.own_acc[static_cast<size_t>(k)];
        const int64_t o0 = std::max(johnston ? from : std::max(start, window), t0);
        const int64_t o1 = std::min(row_cap, t1);
        if (o1 > o0) {
          own = AddLanes<L>(own,
                            johnston ? Dot<L>(a.row(k) + o0, f.beta.data() + o0, o1 - o0, m)
                                     : Sum<L>(a.row(k) + o0, o1 - o0, m),
                            m);
        }
        // i followed by more members.
        const int64_t d0 = std::max(start, t0), d1 = std::min(std::min(q - w, row_cap), t1);
        if (d1 > d0) {
          acc = AddLanes<L>(acc, Dot<L>(a.row(k) + d0, back.row(k + 1) + d0 + w, d1 - d0, m), m);
        }
      }
      if (k >= 1) {
        const int64_t b0 = std::max(start, t0);
        const int64_t b1 = std::min(q - w, t1);
        if (b1 > b0) AddRow<L>(back.row(k) + b0, back.row(k + 1) + b0 + w, b1 - b0, m);
        const Lanes<L>& inv = f.inverse[static_cast<size_t>(k) + 1];
        if (johnston) {
          if (t1 > b0) AddScaledRow<L>(back.row(k) + b0, f.beta.data() + b0, t1 - b0, inv, m);
        } else {
          const int64_t c0 = std::max(std::max(start, window), t0);
          if (t1 > c0) AddConstant<L>(back.row(k) + c0, t1 - c0, inv, m);
        }
      }
    }
  }
  if (evaluate) {
    for (int k = 0; k <= top_row; ++k) {
      acc = AddLanes<L>(acc,
                        MultiplyLanes<L>(f.own_acc[static_cast<size_t>(k)],
                                         f.inverse[static_cast<size_t>(k) + 1], m),
                        m);
    }
  }
  return acc;
}

// The element operations SweepFronts does for player ui, for the progress meter.
double SweepWork(const FrontShape& s, size_t ui) {
  const Descending& d = s.d;
  const int64_t lo = std::max<int64_t>(0, s.q - d.after[ui]);
  double work = 0;
  for (int k = 0; k <= std::min(static_cast<int>(ui), s.kmax); ++k) {
    const int64_t from = d.before[ui] - d.before[ui - static_cast<size_t>(k)];
    work +=
        (k >= 1 ? 3.0 : 1.0) * static_cast<double>(std::max<int64_t>(0, s.q - std::max(lo, from)));
  }
  return work;
}

// FrontPass for one lane group: each group's value into `table`.
template <int L>
void FrontLaneGroup(const FrontShape& s, const LaneModulus<L>& m, size_t first, size_t count,
                    ResidueTable& table, ProgressMeter& progress) {
  const Descending& d = s.d;
  const int64_t q = s.q;
  FrontArrays<L> f(s, m);
  // Forward: the full product with sizes, players ascending.
  f.a.row(0)[0] = Ones<L>(m);
  ForwardProductBySize<L>(f.a, s.r.w, s.lightest, s.kmax, q, m, progress);
  Lanes<L> lcm_residue;
  for (int l = 0; l < L; ++l) lcm_residue.v[l] = Residue(s.lcm, m.p[l]);
  // Backward: players descending, from the lightest.
  for (size_t ui = d.w.size(); ui-- > 0;) {
    const int64_t w = d.w[ui];
    double work = SweepWork(s, ui);
    if (s.johnston() && d.first_of_group[ui]) {
      PrepareBeta<L>(f, q, w, m);
      work += 3.0 * static_cast<double>(q);
    }
    const Lanes<L> value = SweepFronts<L>(s, f, ui, m);
    if (d.first_of_group[ui]) {
      table.SetLanes<L>(d.group[ui], first, count, MultiplyLanes<L>(value, lcm_residue, m));
    }
    if (s.johnston()) {
      AddToLighter<L>(f, q, w, m);
      work += 3.0 * static_cast<double>(q);
    }
    progress.Advance(work);
  }
}

// `most_minimal`, for Deegan–Packel: the largest number of minimal winning coalitions that
// contain one player, when known; it bounds the values and so the number of primes.
std::vector<mpq_class> FrontPass(const Reduced& r, FrontWeighting kind,
                                 const std::optional<mpz_class>& most_minimal, int max_lanes,
                                 ProgressMeter& progress) {
  const FrontShape shape(r, kind);
  const CrtBasis basis(LargePrimes(PrimesForBits(FrontBits(shape, most_minimal))));
  ResidueTable table(r.groups(), basis.size());
  ForEachLaneGroup(
      basis.primes(), max_lanes,
      [&]<int L>(std::integral_constant<int, L>, const LaneModulus<L>& m, size_t first,
                 size_t count) { FrontLaneGroup<L>(shape, m, first, count, table, progress); });
  std::vector<mpq_class> out;
  for (size_t g = 0; g < r.groups(); ++g) {
    mpq_class value(table.Reconstruct(g, basis), shape.lcm);
    value.canonicalize();
    out.push_back(value);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Owen and Banzhaf–Owen values with a-priori unions (Staudacher et al. 2022, "Dynamic
// programming for computing power indices for weighted voting games with precoalitions"):
// the other unions act as single players of their total weight, counted by how many join
// (Owen weights r!(m-1-r)!); the remaining members of i's union are counted by size
// (weights t!(u-1-t)!). Null players are kept here: they count in their union's size.
struct UnionCounts {
  std::vector<mpq_class> owen;          // per player (original index)
  std::vector<mpz_class> banzhaf_owen;  // per player (original index)
};

// What the programmes of UnionPass share across lane groups.
struct UnionShape {
  bool want_owen = false;
  bool want_bo = false;
  std::vector<int64_t> w;  // per player (original order), divided by the weights' gcd
  int64_t quota = 0;  // of the game or its dual, whichever is smaller: both values are self-dual
  const std::vector<std::vector<int>>* unions = nullptr;
  int m = 0;                                         // unions
  int n = 0;                                         // players
  std::vector<int64_t> union_weight;                 // per union
  int largest = 0;                                   // members of the largest union
  std::vector<std::vector<int64_t>> member_weights;  // per union, in member order
  std::vector<std::vector<int64_t>> distinct_of;     // per union, its distinct weights ascending
  std::vector<size_t> owen_offset;                   // per union, its first row of the Owen table

  const std::vector<int>& members(int k) const { return (*unions)[static_cast<size_t>(k)]; }
  // The Owen table's row for union k, its distinct weight di and t fellow members.
  size_t OwenRow(int k, size_t di, int t) const {
    return owen_offset[static_cast<size_t>(k)] + di * members(k).size() + static_cast<size_t>(t);
  }
};

UnionShape MakeUnionShape(const WeightedInput& input, bool want_owen, bool want_bo) {
  UnionShape s{.want_owen = want_owen, .want_bo = want_bo, .unions = &input.unions};
  const int64_t g = GcdOfWeights(input.weights);
  int64_t total = 0;
  for (int64_t x : input.weights) {
    s.w.push_back(x / g);
    total += x / g;
  }
  const int64_t q = (input.quota + g - 1) / g;
  s.quota = std::min(q, total - q + 1);
  s.m = static_cast<int>(input.unions.size());
  s.n = static_cast<int>(s.w.size());
  s.owen_offset.assign(static_cast<size_t>(s.m) + 1, 0);
  for (int k = 0; k < s.m; ++k) {
    std::vector<int64_t> weights;
    for (int p : s.members(k)) weights.push_back(s.w[static_cast<size_t>(p)]);
    s.union_weight.push_back(std::accumulate(weights.begin(), weights.end(), int64_t{0}));
    s.largest = std::max(s.largest, static_cast<int>(weights.size()));
    std::vector<int64_t> distinct = weights;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    s.owen_offset[static_cast<size_t>(k) + 1] =
        s.owen_offset[static_cast<size_t>(k)] + distinct.size() * weights.size();
    s.member_weights.push_back(std::move(weights));
    s.distinct_of.push_back(std::move(distinct));
  }
  return s;
}

// Owen: per union, distinct weight and number t of fellow members, the swings weighted by the
// outer orders r!(m-1-r)!: at most m! * 2^(u-1). The weights t!(u-1-t)! are applied after
// reconstruction, which keeps the primes few.
double UnionBits(const UnionShape& s) {
  double bits = s.n + 1;
  if (s.want_owen) bits = std::max(bits, Log2(Factorial(s.m)) + s.largest + 1);
  return bits;
}

// The product over unions, each as one player of its total weight, by number of unions: rows
// r = 0..m.
template <int L>
LaneGrid<L> OuterProduct(const UnionShape& s, const LaneModulus<L>& mod, ProgressMeter& progress) {
  LaneGrid<L> outer(s.m + 1, s.quota);
  outer.row(0)[0] = Ones<L>(mod);
  for (int k = 0; k < s.m; ++k) {
    const int64_t uw = s.union_weight[static_cast<size_t>(k)];
    for (int row = k + 1; row >= 1; --row) {
      if (s.quota > uw) AddRow<L>(outer.row(row) + uw, outer.row(row - 1), s.quota - uw, mod);
    }
    progress.Advance(static_cast<double>(k + 1) * static_cast<double>(s.quota));
  }
  return outer;
}

// row!(m-1-row)! mod p, the Owen weight of `row` other unions, for row = 0..m-1.
template <int L>
std::vector<Lanes<L>> OuterOrders(int m, const LaneModulus<L>& mod) {
  std::vector<Lanes<L>> weight(static_cast<size_t>(m));
  for (int row = 0; row < m; ++row) {
    for (int l = 0; l < L; ++l) {
      weight[static_cast<size_t>(row)].v[l] =
          Residue(Factorial(row) * Factorial(m - 1 - row), mod.p[l]);
    }
  }
  return weight;
}

// `others` becomes the outer product of the unions other than k.
template <int L>
void DivideOutUnion(const UnionShape& s, int k, LaneGrid<L>& outer, LaneGrid<L>& others,
                    const LaneModulus<L>& mod) {
  const int64_t uw = s.union_weight[static_cast<size_t>(k)];
  for (int row = 0; row < s.m; ++row) {
    std::copy(outer.row(row), outer.row(row) + s.quota, others.row(row));
  }
  for (int row = 1; row < s.m; ++row) {
    if (s.quota > uw) SubtractRow<L>(others.row(row) + uw, others.row(row - 1), s.quota - uw, mod);
  }
}

// Banzhaf–Owen swings of a member of union k, per distinct weight of the union, from `plain`:
// the other unions' product summed over their number.
template <int L>
std::vector<Lanes<L>> BanzhafOwenSwings(const UnionShape& s, int k, std::vector<Lanes<L>> plain,
                                        const LaneModulus<L>& mod) {
  const int64_t quota = s.quota;
  const std::vector<int64_t>& distinct = s.distinct_of[static_cast<size_t>(k)];
  std::vector<Lanes<L>> by_weight(distinct.size());
  for (int64_t x : s.member_weights[static_cast<size_t>(k)]) {
    if (x == 0) {  // a null member doubles every count
      for (auto& element : plain) element = AddLanes<L>(element, element, mod);
    } else if (quota > x) {
      MultiplyByBinomial<L>(plain.data(), x, quota, x, mod);
    }
  }
  PrefixSums<L>(plain.data(), quota, mod);
  for (size_t di = 0; di < distinct.size(); ++di) {
    if (distinct[di] == 0) continue;
    by_weight[di] = DividedWindow<L>(plain.data(), quota - 1, distinct[di], mod);
  }
  return by_weight;
}

// Owen swings of a member of union k into `owen_table`, per distinct weight and number of
// fellow members, from `collapsed`: the other unions' product with the outer orders folded in.
template <int L>
void OwenSwings(const UnionShape& s, int k, const std::vector<Lanes<L>>& collapsed,
                const LaneModulus<L>& mod, size_t first, size_t count, ResidueTable& owen_table) {
  const int64_t quota = s.quota;
  const std::vector<int64_t>& member_weights = s.member_weights[static_cast<size_t>(k)];
  const std::vector<int64_t>& distinct = s.distinct_of[static_cast<size_t>(k)];
  const int u = static_cast<int>(member_weights.size());
  LaneGrid<L> inner(u + 1, quota);
  std::copy(collapsed.begin(), collapsed.end(), inner.row(0));
  for (int j = 0; j < u; ++j) {
    const int64_t x = member_weights[static_cast<size_t>(j)];
    for (int t = j + 1; t >= 1; --t) {
      if (quota > x) AddRow<L>(inner.row(t) + x, inner.row(t - 1), quota - x, mod);
    }
  }
  for (int t = 0; t <= u; ++t) PrefixSums<L>(inner.row(t), quota, mod);
  for (size_t di = 0; di < distinct.size(); ++di) {
    const int64_t x = distinct[di];
    for (int t = 0; t < u; ++t) {
      // Swings with t fellow members besides i, the outer weights folded in.
      Lanes<L> eta{};
      bool plus = true;
      for (int r = 0; r <= t && x > 0; ++r, plus = !plus) {
        const int64_t hi = quota - 1 - static_cast<int64_t>(r) * x;
        if (hi < 0) break;
        Lanes<L> term = inner.row(t - r)[hi];
        if (hi - x >= 0) term = SubtractLanes<L>(term, inner.row(t - r)[hi - x], mod);
        eta = plus ? AddLanes<L>(eta, term, mod) : SubtractLanes<L>(eta, term, mod);
      }
      owen_table.SetLanes<L>(s.OwenRow(k, di, t), first, count, eta);
    }
  }
}

// UnionPass for one lane group: the Owen swings into `owen_table`, the Banzhaf–Owen swings of
// each player into `bo_table`.
template <int L>
void UnionLaneGroup(const UnionShape& s, const LaneModulus<L>& mod, size_t first, size_t count,
                    ResidueTable& owen_table, ResidueTable& bo_table, ProgressMeter& progress) {
  const int64_t quota = s.quota;
  LaneGrid<L> outer = OuterProduct<L>(s, mod, progress);
  const std::vector<Lanes<L>> owen_weight = OuterOrders<L>(s.m, mod);
  LaneGrid<L> others(s.m + 1, quota);
  for (int k = 0; k < s.m; ++k) {
    DivideOutUnion<L>(s, k, outer, others, mod);
    std::vector<Lanes<L>> collapsed(static_cast<size_t>(quota), Lanes<L>{});
    std::vector<Lanes<L>> plain(static_cast<size_t>(quota), Lanes<L>{});
    for (int row = 0; row < s.m; ++row) {
      if (s.want_owen)
        AddScaledRow<L>(collapsed.data(), others.row(row), quota,
                        owen_weight[static_cast<size_t>(row)], mod);
      if (s.want_bo) AddRow<L>(plain.data(), others.row(row), quota, mod);
    }
    if (s.want_bo) {
      // Distinct weights within the union, each evaluated once.
      const std::vector<int64_t>& distinct = s.distinct_of[static_cast<size_t>(k)];
      const std::vector<Lanes<L>> bo_by_weight = BanzhafOwenSwings<L>(s, k, std::move(plain), mod);
      for (int p : s.members(k)) {
        const int64_t x = s.w[static_cast<size_t>(p)];
        if (x == 0) continue;  // residues stay 0
        const size_t di = static_cast<size_t>(
            std::lower_bound(distinct.begin(), distinct.end(), x) - distinct.begin());
        bo_table.SetLanes<L>(static_cast<size_t>(p), first, count, bo_by_weight[di]);
      }
    }
    if (s.want_owen) OwenSwings<L>(s, k, collapsed, mod, first, count, owen_table);
    const int u = static_cast<int>(s.members(k).size());
    progress.Advance(static_cast<double>(s.m + (u + 1) * (u + 1)) * static_cast<double>(quota));
  }
}

// The Owen values from the reconstructed swings: sum over t of swings * t!(u-1-t)!, over
// m! u!.
std::vector<mpq_class> OwenValues(const UnionShape& s, const ResidueTable& owen_table,
                                  const CrtBasis& basis) {
  std::vector<mpq_class> owen(static_cast<size_t>(s.n), mpq_class(0));
  const mpz_class m_factorial = Factorial(s.m);
  for (int k = 0; k < s.m; ++k) {
    const int u = static_cast<int>(s.members(k).size());
    const auto& distinct = s.distinct_of[static_cast<size_t>(k)];
    const mpz_class denominator = m_factorial * Factorial(u);
    for (size_t di = 0; di < distinct.size(); ++di) {
      mpz_class numerator = 0;
      for (int t = 0; t < u; ++t) {
        numerator += owen_table.Reconstruct(s.OwenRow(k, di, t), basis) * Factorial(t) *
                     Factorial(u - 1 - t);
      }
      mpq_class value(numerator, denominator);
      value.canonicalize();
      for (int p : s.members(k)) {
        if (s.w[static_cast<size_t>(p)] == distinct[di]) owen[static_cast<size_t>(p)] = value;
      }
    }
  }
  return owen;
}

UnionCounts UnionPass(const WeightedInput& input, bool want_owen, bool want_bo, int max_lanes,
                      ProgressMeter& progress) {
  const UnionShape shape = MakeUnionShape(input, want_owen, want_bo);
  const CrtBasis basis(LargePrimes(PrimesForBits(UnionBits(shape))));
  ResidueTable owen_table(want_owen ? shape.owen_offset.back() : 0, basis.size());
  ResidueTable bo_table(static_cast<size_t>(shape.n), basis.size());
  ForEachLaneGroup(basis.primes(), max_lanes,
                   [&]<int L>(std::integral_constant<int, L>, const LaneModulus<L>& mod,
                              size_t first, size_t count) {
                     UnionLaneGroup<L>(shape, mod, first, count, owen_table, bo_table, progress);
                   });
  UnionCounts out;
  if (want_owen) out.owen = OwenValues(shape, owen_table, basis);
  if (want_bo) {
    for (int p = 0; p < shape.n; ++p) {
      out.banzhaf_owen.push_back(bo_table.Reconstruct(static_cast<size_t>(p), basis));
    }
  }
  return out;
}

int LanesFor(double bits) { return static_cast<int>(std::min<size_t>(PrimesForBits(bits), 8)); }

// Per-group values times `factor`, as per-player values: `slot` gives each player's group, the
// null players' slot (one past the groups) holding zero.
template <typename T>
PerPlayer<T> ByGroup(std::vector<T> per_group, const std::vector<int>& slot,
                     const mpz_class& factor) {
  if (factor != 1) {
    for (T& v : per_group) v *= factor;
  }
  per_group.push_back(T(0));
  return PerPlayer<T>{.slot = slot, .value = std::move(per_group)};
}

// Every player of weight, after the gcd, 1: the game is symmetric and each count a binomial (the
// whole class at once, with no programme). k of the m players win; the coalitions of exactly k
// are the minimal winning ones, every member critical, and no member of a larger one is
// critical.
RawPower SymmetricPower(const Reduced& r, const Needs& needs, const std::vector<int>& slot) {
  const mpz_class null_factor = PowerOfTwo(static_cast<int64_t>(r.nulls.size()));
  const unsigned long m = static_cast<unsigned long>(r.n());
  const unsigned long k = static_cast<unsigned long>(r.q);
  auto binomial = [](unsigned long top, unsigned long bottom) {
    mpz_class b;
    mpz_bin_uiui(b.get_mpz_t(), top, bottom);
    return b;
  };
  const mpz_class with_i = binomial(m - 1, k - 1);  // size-k coalitions containing i
  RawPower raw;
  mpz_class winning = 0;
  for (mpz_class size_j = binomial(m, k), j = k; j <= m; ++j) {  // C(m, j), j = k..m
    winning += size_j;
    size_j = size_j * (m - j) / (j + 1);
  }
  raw.winning = winning * null_factor;
  raw.swings = ByGroup(std::vector<mpz_class>{with_i}, slot, null_factor);
  if (needs.shapley_shubik) {
    // i is pivotal in (m - 1)! of the m! orders of the m players; null players scale m! to n!.
    raw.shapley_shubik_orders = ByGroup(
        std::vector<mpz_class>{Factorial(r.n_total) / static_cast<long>(m)}, slot, mpz_class(1));
  }
  if (needs.public_good || needs.deegan_packel) {
    raw.minimal_winning = binomial(m, k);
    raw.minimal_containing = ByGroup(std::vector<mpz_class>{with_i}, slot, mpz_class(1));
  }
  mpq_class per_size(with_i, static_cast<long>(k));
  per_size.canonicalize();
  if (needs.deegan_packel) {
    raw.deegan_packel = ByGroup(std::vector<mpq_class>{per_size}, slot, mpz_class(1));
  }
  if (needs.johnston) raw.johnston = ByGroup(std::vector<mpq_class>{per_size}, slot, null_factor);
  return raw;
}

}  // namespace

DpCost EstimateDynamicProgramming(const WeightedInput& input, const Needs& needs) {
  // The reduced game's size, quota and total; its weights in order only when a size bound needs
  // them (this runs for every request, so small games should not pay for a sort).
  struct {
    int64_t q = 0;
    int64_t total = 0;
    std::vector<int64_t> w;  // ascending, filled on demand
  } r;
  const int64_t g = GcdOfWeights(input.weights);
  int nonzero = 0;
  for (int64_t x : input.weights) {
    r.total += x / g;
    nonzero += x > 0 ? 1 : 0;
  }
  r.q = (input.quota + g - 1) / g;
  if (needs.shapley_shubik || needs.deegan_packel || needs.johnston) {
    for (int64_t x : input.weights) {
      if (x > 0) r.w.push_back(x / g);
    }
    std::sort(r.w.begin(), r.w.end());
  }
  const double n = nonzero;
  const int64_t quota = std::min(r.q, r.total - r.q + 1);
  DpCost cost;
  // Symmetric: binomials, no programme (PowerByDynamicProgramming).
  const bool symmetric = std::all_of(input.weights.begin(), input.weights.end(),
                                     [&](int64_t x) { return x == 0 || x == g; });
  if (symmetric && !needs.owen && !needs.banzhaf_owen) return DpCost{.work = n, .bytes = 0};
  auto groups = [](double bits) {
    return std::ceil(static_cast<double>(PrimesForBits(bits)) /
                     (PrimesForBits(bits) <= 4 ? 4.0 : 8.0));
  };
  auto lane_bytes = [](double bits) { return 4.0 * LanesFor(bits); };
  const double base_bits = n + 1;
  if (needs.shapley_shubik) {
    const double rows = MaxSizeBelow(r.w, quota) + 1;
    cost.work += groups(base_bits) * n * rows * static_cast<double>(quota) * 0.5;
    cost.bytes = std::max(cost.bytes, rows * static_cast<double>(quota) * lane_bytes(base_bits));
  } else {
    cost.work += groups(base_bits) * n * static_cast<double>(quota) * 0.5;
    cost.bytes = std::max(cost.bytes, static_cast<double>(quota) * lane_bytes(base_bits));
  }
  const bool complement =
      (needs.public_good || needs.deegan_packel) && ComplementIsCheaper(r.total, r.q);
  if (complement) {
    // ComplementPass: one prime at a time over R + 1 cells; rows by size for Deegan–Packel.
    const double width = static_cast<double>(r.total - r.q + 1);
    const double primes = static_cast<double>(PrimesForBits(base_bits));
    cost.work += primes * 4.0 * n * width;
    cost.bytes = std::max(cost.bytes, 2.0 * width * 4.0);
    if (needs.deegan_packel) {
      const int members = MaxSizeAtMost(r.w, r.total - r.q);
      const double rows = members + 1;
      const double bits =
          base_bits + Log2(LcmOfRange(static_cast<int>(n) - members, static_cast<int>(n)));
      cost.work += static_cast<double>(PrimesForBits(bits)) * 4.0 * n * rows * width;
      cost.bytes = std::max(cost.bytes, (2 * rows + 1) * width * 4.0);
    }
  } else if (needs.public_good || needs.deegan_packel) {
    cost.work += groups(base_bits) * 3.0 * n * static_cast<double>(r.q);
    cost.bytes = std::max(cost.bytes, 2.0 * static_cast<double>(r.q) * lane_bytes(base_bits));
  }
  const bool all_veto = AllVeto(r.w, r.total, r.q);
  const bool johnston_complement = needs.johnston && !all_veto && ComplementIsCheaper(r.total, r.q);
  if (johnston_complement) {
    const int members = MaxSizeAtMost(r.w, r.total - r.q);
    const double width = static_cast<double>(r.total - r.q + 1);
    const double bits = base_bits + Log2(LcmOfRange(1, static_cast<int>(n)));
    cost.work += static_cast<double>(PrimesForBits(bits)) * 4.0 * n * (members + 2) * width;
    cost.bytes = std::max(
        cost.bytes, (2.0 * members + 8) * width * 4.0 + 2.0 * static_cast<double>(r.total) * 4.0);
  }
  const bool johnston = needs.johnston && !all_veto && !johnston_complement;
  if ((needs.deegan_packel && !complement) || johnston) {
    const int kmax = MaxSizeBelow(r.w, r.q);
    const double bits = base_bits + Log2(LcmOfRange(1, kmax + 1));
    const double rows = kmax + 1;
    const double passes = (needs.deegan_packel && !complement ? 1.0 : 0.0) + (johnston ? 1.0 : 0.0);
    cost.work += passes * groups(bits) * 2.5 * n * rows * static_cast<double>(r.q);
    cost.bytes = std::max(cost.bytes, (2 * rows + 5) * static_cast<double>(r.q) * lane_bytes(bits));
  }
  if (needs.owen || needs.banzhaf_owen) {
    const double m = static_cast<double>(input.unions.size());
    double inner = 0;
    double largest = 0;
    for (const auto& u : input.unions) {
      inner += static_cast<double>(u.size() * u.size());
      largest = std::max(largest, static_cast<double>(u.size()));
    }
    const double bits =
        std::max(base_bits, needs.owen ? Log2(Factorial(static_cast<int>(m))) + largest + 1 : 0.0);
    cost.work += groups(bits) * (m * m * 2 + inner) * static_cast<double>(quota);
    cost.bytes =
        std::max(cost.bytes, (2 * m + largest + 5) * static_cast<double>(quota) * lane_bytes(bits));
  }
  return cost;
}

Result<RawPower> PowerByDynamicProgramming(const WeightedInput& input, const Needs& needs,
                                           MemoryUse memory, ProgressMeter& progress) {
  const Reduced r = Reduce(input);
  const int n_total = r.n_total;
  const int64_t quota = std::min(r.q, r.total - r.q + 1);
  const bool dual = quota != r.q;
  const mpz_class null_factor = PowerOfTwo(static_cast<int64_t>(r.nulls.size()));
  // Halve the lane count (two passes over half-size arrays) when memory is short.
  const int max_lanes = memory == MemoryUse::kTight ? 4 : 8;
  // One slot per group of equal weight, and one more (holding zero) for the null players.
  const size_t groups = r.groups();
  std::vector<int> slot(static_cast<size_t>(n_total), static_cast<int>(groups));
  for (size_t g = 0; g < groups; ++g) {
    for (size_t a = r.group[g]; a < r.group[g + 1]; ++a) {
      slot[static_cast<size_t>(r.player[a])] = static_cast<int>(g);
    }
  }
  auto by_group = [&]<typename T>(std::vector<T> per_group, const mpz_class& factor) {
    return ByGroup(std::move(per_group), slot, factor);
  };
  RawPower raw;
  if (groups == 1 && !needs.owen && !needs.banzhaf_owen) {
    progress.Advance(static_cast<double>(r.n()));
    return SymmetricPower(r, needs, slot);
  }
  // The minimal-winning pass multiplies out the same product on quota q; when it runs, it
  // yields the swings too (the dual quota would not be cheaper by much).
  const bool minimal = needs.public_good || needs.deegan_packel;
  const bool complement = minimal && ComplementIsCheaper(r.total, r.q);
  const bool swings_from_minimal = minimal && !complement && !needs.shapley_shubik;
  std::optional<MinimalCounts> mwc;
  if (minimal) {
    progress.SetStage("minimal-winning");
    if (complement) {
      ComplementCounts counts =
          ComplementPass(r, ComplementKind::kPublicGood, std::nullopt, progress);
      mwc = MinimalCounts{.containing = std::move(counts.per_group), .total = counts.total};
    } else {
      mwc = PublicGoodPass(r, swings_from_minimal, progress);
    }
    raw.minimal_winning = mwc->total;
    raw.minimal_containing = by_group(mwc->containing, 1);
  }
  SwingCounts swings;
  bool on_dual = dual;
  if (swings_from_minimal) {
    swings = std::move(mwc->swings);
    on_dual = false;
  } else {
    progress.SetStage(needs.shapley_shubik ? "shapley-shubik" : "banzhaf");
    swings = needs.shapley_shubik ? ShapleyShubikPass(r, quota, max_lanes, progress)
                                  : BanzhafPass(r, quota, progress);
  }
  const mpz_class all_reduced = PowerOfTwo(r.n());
  raw.winning = (on_dual ? swings.losing : all_reduced - swings.losing) * null_factor;
  raw.swings = by_group(std::move(swings.swings), null_factor);
  if (needs.shapley_shubik) {
    // Null players do not change the others' values: scale n'!-based counts to n!.
    raw.shapley_shubik_orders =
        by_group(std::move(swings.orders), Factorial(n_total) / Factorial(r.n()));
  }
  if (needs.deegan_packel) {
    progress.SetStage("deegan-packel");
    const mpz_class most_minimal =
        *std::max_element(mwc->containing.begin(), mwc->containing.end());
    if (complement) {
      raw.deegan_packel = by_group(
          Fractions(ComplementPass(r, ComplementKind::kDeeganPackel, most_minimal, progress)),
          mpz_class(1));
    } else {
      raw.deegan_packel =
          by_group(FrontPass(r, FrontWeighting::kDeeganPackel, most_minimal, max_lanes, progress),
                   mpz_class(1));
    }
  }
  if (needs.johnston) {
    progress.SetStage("johnston");
    // Each coalition of the reduced game stands for 2^(null players) coalitions of the game.
    std::vector<mpq_class> values;
    if (AllVeto(r.w, r.total, r.q)) {
      values.assign(groups, mpq_class(1, r.n()));
    } else if (ComplementIsCheaper(r.total, r.q)) {
      values = Fractions(ComplementPass(r, ComplementKind::kJohnston, std::nullopt, progress));
    } else {
      values = FrontPass(r, FrontWeighting::kJohnston, std::nullopt, max_lanes, progress);
    }
    raw.johnston = by_group(std::move(values), null_factor);
  }
  if (needs.owen || needs.banzhaf_owen) {
    progress.SetStage("owen");
    UnionCounts unions = UnionPass(input, needs.owen, needs.banzhaf_owen, max_lanes, progress);
    if (needs.owen) raw.owen = PerPlayer<mpq_class>::Each(std::move(unions.owen));
    if (needs.banzhaf_owen) {
      raw.banzhaf_owen_swings = PerPlayer<mpz_class>::Each(std::move(unions.banzhaf_owen));
    }
  }
  return raw;
}

}  // namespace whipcount::power_internal
