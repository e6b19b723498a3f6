// Banzhaf and Shapley–Shubik counts by meeting in the middle, for rules over several weight
// dimensions with large weights (the EU Council's population) and up to 44 players.
//
// The players are split into two halves and every subset of each half is listed with its size,
// its sums in the "small" dimensions (few distinct values, such as a count of states) and its sum
// in the one "large" dimension (the one with the largest total). Subsets are grouped by size and
// small sums; within a group the large sums are sorted. For a pair of groups the small sums of the
// union are fixed, so the rule reduces to a threshold on the large sum, and the pairs that reach
// it are counted with two pointers in time linear in the groups' sizes. Enumerating 2^27
// coalitions of the EU Council takes a second; this takes a few milliseconds.
#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <optional>

#include "power_internal.h"

namespace whipcount::power_internal {
namespace {

using std::int64_t;
using std::size_t;
using std::uint64_t;

constexpr size_t kMaxGroupPairs = size_t{1} << 16;

struct Shape {
  size_t large = 0;           // the dimension whose sums are sorted
  std::vector<size_t> small;  // the other dimensions, whose sums form the group key
  std::vector<std::vector<int>> clauses;
};

Shape ShapeOf(const VotingGame& game) {
  Shape shape;
  const size_t dims = game.dimensions.size();
  int64_t best = -1;
  for (size_t d = 0; d < dims; ++d) {
    const auto& w = game.dimensions[d].weights;
    const int64_t total = std::accumulate(w.begin(), w.end(), int64_t{0});
    if (total > best) {
      best = total;
      shape.large = d;
    }
  }
  for (size_t d = 0; d < dims; ++d) {
    if (d != shape.large) shape.small.push_back(d);
  }
  shape.clauses = game.clauses;
  if (shape.clauses.empty()) {
    shape.clauses.emplace_back(dims);
    std::iota(shape.clauses.back().begin(), shape.clauses.back().end(), 0);
  }
  return shape;
}

// Subsets of some players, grouped by key (size when sizes matter, and the small sums); the large
// sums ascending in each group, with the subsets' masks alongside.
struct Half {
  struct Group {
    int size = 0;                 // only meaningful when grouping by size
    std::vector<int64_t> small;   // sums in shape.small order
    std::vector<int64_t> large;   // ascending
    std::vector<uint64_t> masks;  // the subset behind each large sum (bit b = players[b])
  };
  std::vector<Group> groups;
  size_t subsets = 0;
};

Half ListSubsets(const VotingGame& game, const Shape& shape, const std::vector<int>& players,
                 bool by_size) {
  const size_t count = size_t{1} << players.size();
  const size_t s = shape.small.size();
  std::vector<int64_t> small(count * s, 0), large(count, 0);
  std::vector<int> size(count, 0);
  for (size_t mask = 1; mask < count; ++mask) {
    const size_t bit = static_cast<size_t>(std::countr_zero(mask));
    const size_t rest = mask & (mask - 1);
    const size_t p = static_cast<size_t>(players[bit]);
    size[mask] = size[rest] + 1;
    large[mask] = large[rest] + game.dimensions[shape.large].weights[p];
    for (size_t d = 0; d < s; ++d) {
      small[mask * s + d] = small[rest * s + d] + game.dimensions[shape.small[d]].weights[p];
    }
  }
  std::vector<uint64_t> order(count);
  std::iota(order.begin(), order.end(), uint64_t{0});
  auto key_less = [&](uint64_t a, uint64_t b) {
    if (by_size && size[a] != size[b]) return size[a] < size[b];
    for (size_t d = 0; d < s; ++d) {
      if (small[a * s + d] != small[b * s + d]) return small[a * s + d] < small[b * s + d];
    }
    return false;
  };
  std::sort(order.begin(), order.end(), [&](uint64_t a, uint64_t b) {
    if (key_less(a, b)) return true;
    if (key_less(b, a)) return false;
    return large[a] < large[b];
  });
  Half half;
  half.subsets = count;
  for (size_t k = 0; k < count; ++k) {
    const uint64_t mask = order[k];
    if (k == 0 || key_less(order[k - 1], mask)) {
      Half::Group group;
      group.size = by_size ? size[mask] : 0;
      group.small.assign(small.begin() + static_cast<std::ptrdiff_t>(mask * s),
                         small.begin() + static_cast<std::ptrdiff_t>((mask + 1) * s));
      half.groups.push_back(std::move(group));
    }
    half.groups.back().large.push_back(large[mask]);
    half.groups.back().masks.push_back(mask);
  }
  return half;
}

// The subsets of `half` without the player at bit `bit`, in the same groups and order.
Half Without(const Half& half, int bit) {
  Half out;
  out.subsets = half.subsets / 2;
  for (const Half::Group& group : half.groups) {
    Half::Group kept{.size = group.size, .small = group.small};
    for (size_t k = 0; k < group.large.size(); ++k) {
      if (((group.masks[k] >> bit) & 1) == 0) kept.large.push_back(group.large[k]);
    }
    if (!kept.large.empty()) out.groups.push_back(std::move(kept));
  }
  return out;
}

// Number of pairs (a, b) with a + b >= threshold; both ascending.
uint64_t PairsAtLeast(const std::vector<int64_t>& a, const std::vector<int64_t>& b,
                      int64_t threshold) {
  uint64_t pairs = 0;
  size_t j = b.size();
  for (int64_t x : a) {
    while (j > 0 && x + b[j - 1] >= threshold) --j;
    pairs += b.size() - j;
  }
  return pairs;
}

// counts[k] = number of pairs (subset of A, subset of B) of total size k that win once `extra`
// (per-dimension weights of a player joining, or zeros) is added.
std::vector<uint64_t> WinningPairs(const VotingGame& game, const Shape& shape, const Half& a,
                                   const Half& b, const std::vector<int64_t>& extra, int n) {
  std::vector<uint64_t> counts(static_cast<size_t>(n) + 1, 0);
  const size_t s = shape.small.size();
  std::vector<int64_t> sums(game.dimensions.size(), 0);
  for (const auto& ga : a.groups) {
    for (const auto& gb : b.groups) {
      for (size_t d = 0; d < s; ++d)
        sums[shape.small[d]] = ga.small[d] + gb.small[d] + extra[shape.small[d]];
      // The weakest requirement on the large dimension over the clauses the small sums allow.
      std::optional<int64_t> threshold;
      for (const auto& clause : shape.clauses) {
        bool met = true;
        int64_t need = std::numeric_limits<int64_t>::min();
        for (int d : clause) {
          const size_t ud = static_cast<size_t>(d);
          if (ud == shape.large) {
            need = game.dimensions[ud].quota - extra[ud];
          } else if (sums[ud] < game.dimensions[ud].quota) {
            met = false;
            break;
          }
        }
        if (met) threshold = threshold ? std::min(*threshold, need) : need;
      }
      if (!threshold) continue;
      counts[static_cast<size_t>(ga.size + gb.size)] +=
          *threshold == std::numeric_limits<int64_t>::min()
              ? static_cast<uint64_t>(ga.large.size()) * gb.large.size()
              : PairsAtLeast(ga.large, gb.large, *threshold);
    }
  }
  return counts;
}

}  // namespace

std::optional<double> EstimateMeetInTheMiddle(const VotingGame& game, const Needs& needs) {
  const int n = game.size();
  if (n > kMaxMeetInTheMiddlePlayers || n < 2) return std::nullopt;
  if (needs.minimal_winning() || needs.johnston || needs.owen || needs.banzhaf_owen) {
    return std::nullopt;
  }
  const Shape shape = ShapeOf(game);
  // Groups per half: distinct small sums, estimated from the distinct non-constant small
  // dimensions (a dimension where every weight is equal only counts members), times sizes.
  const double subsets = std::ldexp(1.0, (n + 1) / 2);
  std::vector<std::vector<int64_t>> distinct;
  bool counts_members = needs.shapley_shubik;
  for (size_t d : shape.small) {
    const auto& w = game.dimensions[d].weights;
    if (std::all_of(w.begin(), w.end(), [&](int64_t x) { return x == w.front(); })) {
      counts_members = true;
    } else if (std::find(distinct.begin(), distinct.end(), w) == distinct.end()) {
      distinct.push_back(w);
    }
  }
  double groups = counts_members ? n / 2 + 1 : 1;
  for (const auto& w : distinct) {
    groups *= static_cast<double>(std::accumulate(w.begin(), w.end(), int64_t{0})) + 1;
  }
  groups = std::min(groups, subsets);
  if (groups * groups > static_cast<double>(kMaxGroupPairs)) return std::nullopt;
  return static_cast<double>(n + 1) * 2.0 * (subsets * 4 + groups * subsets);
}

Result<RawPower> PowerByMeetInTheMiddle(const VotingGame& game, const Needs& needs,
                                        ProgressMeter& progress) {
  const int n = game.size();
  const size_t un = static_cast<size_t>(n);
  const Shape shape = ShapeOf(game);
  const size_t dims = game.dimensions.size();
  const bool by_size = needs.shapley_shubik;
  progress.SetStage("meet-in-the-middle");
  const int split = n / 2;
  std::vector<int> first(static_cast<size_t>(split)), second(un - static_cast<size_t>(split));
  std::iota(first.begin(), first.end(), 0);
  std::iota(second.begin(), second.end(), split);
  const Half all_first = ListSubsets(game, shape, first, by_size);
  const Half all_second = ListSubsets(game, shape, second, by_size);
  if (all_first.groups.size() * all_second.groups.size() > kMaxGroupPairs) {
    return Status(ErrorCode::kTooLarge,
                  "the rule's dimensions have too many distinct sums to "
                  "meet in the middle");
  }
  const std::vector<int64_t> zero(dims, 0);
  RawPower raw;
  {
    const std::vector<uint64_t> winning = WinningPairs(game, shape, all_first, all_second, zero, n);
    raw.winning = ToMpz(std::accumulate(winning.begin(), winning.end(), uint64_t{0}));
  }
  raw.swings.slot.assign(un, 0);
  if (needs.shapley_shubik) raw.shapley_shubik_orders.slot.assign(un, 0);
  // Players with the same weights in every dimension have the same values: one slot each.
  std::map<std::vector<int64_t>, int> slot_of;
  for (int i = 0; i < n; ++i) {
    std::vector<int64_t> extra(dims);
    for (size_t d = 0; d < dims; ++d) extra[d] = game.dimensions[d].weights[static_cast<size_t>(i)];
    const auto [it, added] = slot_of.emplace(extra, static_cast<int>(raw.swings.value.size()));
    raw.swings.slot[static_cast<size_t>(i)] = it->second;
    if (needs.shapley_shubik) raw.shapley_shubik_orders.slot[static_cast<size_t>(i)] = it->second;
    if (!added) continue;
    const bool in_first = i < split;
    const Half without = Without(in_first ? all_first : all_second, in_first ? i : i - split);
    const Half& other = in_first ? all_second : all_first;
    const std::vector<uint64_t> with_i = WinningPairs(game, shape, without, other, extra, n);
    const std::vector<uint64_t> without_i = WinningPairs(game, shape, without, other, zero, n);
    mpz_class swings = 0;
    mpz_class orders = 0;
    for (int k = 0; k < n; ++k) {
      const size_t uk = static_cast<size_t>(k);
      const mpz_class eta = ToMpz(with_i[uk]) - ToMpz(without_i[uk]);
      swings += eta;
      if (needs.shapley_shubik) orders += eta * Factorial(k) * Factorial(n - 1 - k);
    }
    raw.swings.value.push_back(swings);
    if (needs.shapley_shubik) raw.shapley_shubik_orders.value.push_back(orders);
    progress.Advance(static_cast<double>(without.subsets + other.subsets) *
                     static_cast<double>(all_first.groups.size() + 3));
  }
  return raw;
}

}  // namespace whipcount::power_internal
