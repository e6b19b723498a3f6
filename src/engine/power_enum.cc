// Power indices by enumerating every coalition, for any rule, up to 30 players.
//
// The set of winning coalitions is held as a bitset over the 2^n coalitions (coalition S is bit
// S, read as a binary number), so most questions become word-wide operations on 64 coalitions at
// once: the coalitions containing player i >= 6 are whole words, those containing i < 6 are a
// fixed bit pattern inside every word, and "S without i" is a neighbouring word or a shift.
#include <algorithm>
#include <array>
#include <bit>
#include <numeric>

#include "power_internal.h"

namespace whipcount::power_internal {
namespace {

using std::int64_t;
using std::size_t;
using std::uint64_t;

// Coalitions (bits 0..63 of a word) that contain player i < 6.
constexpr std::array<uint64_t, 6> kContains = {
    0xAAAAAAAAAAAAAAAAull, 0xCCCCCCCCCCCCCCCCull, 0xF0F0F0F0F0F0F0F0ull,
    0xFF00FF00FF00FF00ull, 0xFFFF0000FFFF0000ull, 0xFFFFFFFF00000000ull,
};

// Coalitions (bits 0..63 of a word) whose low six players number exactly c.
constexpr std::array<uint64_t, 7> SizeClasses() {
  std::array<uint64_t, 7> classes{};
  for (unsigned b = 0; b < 64; ++b)
    classes[static_cast<size_t>(std::popcount(b))] |= uint64_t{1} << b;
  return classes;
}
constexpr std::array<uint64_t, 7> kLowSize = SizeClasses();

// The winning coalitions of `game` as a bitset.
class WinSet {
 public:
  WinSet(const VotingGame& game, ProgressMeter& progress) : n_(game.size()) {
    const size_t coalitions = size_t{1} << n_;
    words_.assign(std::max<size_t>(1, coalitions / 64), 0);
    valid_ = coalitions >= 64 ? ~uint64_t{0} : (uint64_t{1} << coalitions) - 1;
    const size_t dims = game.dimensions.size();
    std::vector<std::vector<int>> clauses = game.clauses;
    if (clauses.empty()) {
      clauses.emplace_back(dims);
      std::iota(clauses.back().begin(), clauses.back().end(), 0);
    }
    // Sums of each half of the players, per dimension.
    const int low_players = n_ / 2;
    const size_t low_count = size_t{1} << low_players;
    const size_t high_count = size_t{1} << (n_ - low_players);
    auto half_sums = [&](int offset, int players) {
      std::vector<int64_t> sums((size_t{1} << players) * dims, 0);
      for (size_t mask = 1; mask < (size_t{1} << players); ++mask) {
        const int bit = std::countr_zero(mask);
        const size_t rest = mask & (mask - 1);
        for (size_t d = 0; d < dims; ++d) {
          sums[mask * dims + d] =
              sums[rest * dims + d] + game.dimensions[d].weights[static_cast<size_t>(offset + bit)];
        }
      }
      return sums;
    };
    const std::vector<int64_t> low = half_sums(0, low_players);
    const std::vector<int64_t> high = half_sums(low_players, n_ - low_players);
    std::vector<int64_t> need(dims);
    for (size_t hi = 0; hi < high_count; ++hi) {
      for (size_t lo = 0; lo < low_count; ++lo) {
        bool wins = false;
        for (const auto& clause : clauses) {
          bool all = true;
          for (int d : clause) {
            const size_t ud = static_cast<size_t>(d);
            if (low[lo * dims + ud] + high[hi * dims + ud] < game.dimensions[ud].quota) {
              all = false;
              break;
            }
          }
          if (all) {
            wins = true;
            break;
          }
        }
        if (wins) {
          const size_t mask = (hi << low_players) | lo;
          words_[mask >> 6] |= uint64_t{1} << (mask & 63);
        }
      }
      progress.Advance(static_cast<double>(low_count));
    }
  }

  int players() const { return n_; }
  size_t words() const { return words_.size(); }
  uint64_t word(size_t index) const { return words_[index]; }
  uint64_t valid() const { return valid_; }
  const std::vector<uint64_t>& data() const { return words_; }

  // Bits of the coalitions S in word `index` (S containing i) such that S - i is in `set`.
  static uint64_t WithoutMember(const std::vector<uint64_t>& set, size_t index, int i) {
    if (i < 6) return (set[index] << (1u << i)) & kContains[static_cast<size_t>(i)];
    const size_t bit = size_t{1} << (i - 6);
    return (index & bit) ? set[index ^ bit] : 0;
  }
  static uint64_t Contains(size_t index, int i) {
    if (i < 6) return kContains[static_cast<size_t>(i)];
    return (index & (size_t{1} << (i - 6))) ? ~uint64_t{0} : 0;
  }

 private:
  int n_;
  uint64_t valid_;
  std::vector<uint64_t> words_;
};

// Counts, for a bitset of coalitions, how many contain each player, by coalition size.
// counts[i][k] for i in [0, n) and k in [0, n]; total[k].
struct SizeCounts {
  std::vector<std::vector<uint64_t>> containing;
  std::vector<uint64_t> total;
};

SizeCounts CountBySize(const std::vector<uint64_t>& set, uint64_t valid, int n) {
  SizeCounts out;
  const size_t sizes = static_cast<size_t>(n) + 1;
  out.containing.assign(static_cast<size_t>(n), std::vector<uint64_t>(sizes + 7, 0));
  out.total.assign(sizes + 7, 0);
  for (size_t index = 0; index < set.size(); ++index) {
    const uint64_t word = set[index] & valid;
    if (word == 0) continue;
    const size_t base = static_cast<size_t>(std::popcount(index));
    for (size_t c = 0; c < 7; ++c) {
      const uint64_t part = word & kLowSize[c];
      if (part == 0) continue;
      const uint64_t count = static_cast<uint64_t>(std::popcount(part));
      out.total[base + c] += count;
      for (int i = 0; i < n; ++i) {
        const uint64_t mine = part & WinSet::Contains(index, i);
        if (mine != 0)
          out.containing[static_cast<size_t>(i)][base + c] +=
              static_cast<uint64_t>(std::popcount(mine));
      }
    }
  }
  for (auto& row : out.containing) row.resize(sizes);
  out.total.resize(sizes);
  return out;
}

uint64_t Total(const std::vector<uint64_t>& counts) {
  return std::accumulate(counts.begin(), counts.end(), uint64_t{0});
}

// Banzhaf swings from the winning coalitions counted by size: (winning with i) - (winning
// without i), since S -> S + i maps one onto the other.
PerPlayer<mpz_class> Swings(const SizeCounts& winning) {
  const mpz_class winning_total = ToMpz(Total(winning.total));
  std::vector<mpz_class> swings;
  for (const std::vector<uint64_t>& with_i : winning.containing) {
    const mpz_class with = ToMpz(Total(with_i));
    swings.push_back(with - (winning_total - with));
  }
  return PerPlayer<mpz_class>::Each(std::move(swings));
}

// Shapley–Shubik orders from the winning coalitions counted by size.
PerPlayer<mpz_class> ShapleyShubikOrders(const SizeCounts& winning) {
  const int n = static_cast<int>(winning.containing.size());
  std::vector<mpz_class> orders_of;
  for (const std::vector<uint64_t>& with_i : winning.containing) {
    mpz_class orders = 0;
    for (int k = 0; k < n; ++k) {
      const size_t uk = static_cast<size_t>(k);
      // Coalitions S without i of size k: swings = W_i[k + 1] - (W[k] - W_i[k]).
      const mpz_class eta = ToMpz(with_i[uk + 1]) - (ToMpz(winning.total[uk]) - ToMpz(with_i[uk]));
      orders += eta * Factorial(k) * Factorial(n - 1 - k);
    }
    orders_of.push_back(orders);
  }
  return PerPlayer<mpz_class>::Each(std::move(orders_of));
}

// The minimal winning coalitions (winning, and no S - i wins): their number, and per player
// how many contain it and the Deegan–Packel sum of 1/|S| over them.
struct MinimalWinning {
  mpz_class total;
  PerPlayer<mpz_class> containing;
  PerPlayer<mpq_class> deegan_packel;
};

MinimalWinning CountMinimalWinning(const WinSet& win) {
  const int n = win.players();
  const size_t un = static_cast<size_t>(n);
  std::vector<uint64_t> minimal(win.words());
  for (size_t index = 0; index < win.words(); ++index) {
    uint64_t beaten = 0;
    for (int i = 0; i < n; ++i) beaten |= WinSet::WithoutMember(win.data(), index, i);
    minimal[index] = win.word(index) & ~beaten & win.valid();
  }
  const SizeCounts counts = CountBySize(minimal, win.valid(), n);
  std::vector<mpz_class> containing_of;
  std::vector<mpq_class> deegan_packel;
  for (size_t i = 0; i < un; ++i) {
    uint64_t containing = 0;
    mpq_class dp = 0;
    for (size_t k = 1; k <= un; ++k) {
      containing += counts.containing[i][k];
      dp += mpq_class(ToMpz(counts.containing[i][k]), k);
    }
    containing_of.push_back(ToMpz(containing));
    dp.canonicalize();
    deegan_packel.push_back(dp);
  }
  return MinimalWinning{.total = ToMpz(Total(counts.total)),
                        .containing = PerPlayer<mpz_class>::Each(std::move(containing_of)),
                        .deegan_packel = PerPlayer<mpq_class>::Each(std::move(deegan_packel))};
}

// Johnston: per player, the sum over winning coalitions in which it is critical of 1/(number of
// critical members).
PerPlayer<mpq_class> JohnstonShares(const WinSet& win, ProgressMeter& progress) {
  const int n = win.players();
  const size_t un = static_cast<size_t>(n);
  // critical[i]: coalitions that win and lose without i. The number of critical members of
  // each coalition is summed bit-sliced (five counter bits per coalition: at most 30 players).
  std::vector<std::vector<uint64_t>> shares(un, std::vector<uint64_t>(un + 1, 0));
  std::vector<uint64_t> critical(un);
  for (size_t index = 0; index < win.words(); ++index) {
    const uint64_t word = win.word(index) & win.valid();
    if (word == 0) continue;
    std::array<uint64_t, 5> counter{};
    for (size_t i = 0; i < un; ++i) {
      const int player = static_cast<int>(i);
      critical[i] = word & WinSet::Contains(index, player) &
                    ~WinSet::WithoutMember(win.data(), index, player);
      uint64_t carry = critical[i];
      for (uint64_t& bit : counter) {
        const uint64_t next = bit & carry;
        bit ^= carry;
        carry = next;
      }
    }
    for (size_t k = 1; k <= un; ++k) {
      uint64_t with_k = word;
      for (size_t b = 0; b < counter.size(); ++b)
        with_k &= ((k >> b) & 1) ? counter[b] : ~counter[b];
      if (with_k == 0) continue;
      for (size_t i = 0; i < un; ++i) {
        shares[i][k] += static_cast<uint64_t>(std::popcount(critical[i] & with_k));
      }
    }
    if ((index & 1023) == 0) progress.Advance(1024.0 * static_cast<double>(n));
  }
  std::vector<mpq_class> johnston;
  for (size_t i = 0; i < un; ++i) {
    mpq_class total = 0;
    for (size_t k = 1; k <= un; ++k) total += mpq_class(ToMpz(shares[i][k]), k);
    total.canonicalize();
    johnston.push_back(total);
  }
  return PerPlayer<mpq_class>::Each(std::move(johnston));
}

// The swings of the members of union k over every coalition made of whole other unions and part
// of union k: counts[b][r][t] for member b with r other unions and t fellow members.
std::vector<std::vector<std::vector<uint64_t>>> UnionSwings(
    const VotingGame& game, const WinSet& win, int k, const std::vector<uint64_t>& union_mask) {
  const auto& unions = game.unions;
  const int m = static_cast<int>(unions.size());
  auto wins = [&](uint64_t mask) { return (win.word(mask >> 6) >> (mask & 63)) & 1; };
  const auto& members = unions[static_cast<size_t>(k)];
  const int u = static_cast<int>(members.size());
  std::vector<int> others;
  for (int j = 0; j < m; ++j) {
    if (j != k) others.push_back(j);
  }
  std::vector<std::vector<std::vector<uint64_t>>> counts(
      static_cast<size_t>(u),
      std::vector<std::vector<uint64_t>>(static_cast<size_t>(m),
                                         std::vector<uint64_t>(static_cast<size_t>(u), 0)));
  for (uint64_t r = 0; r < (uint64_t{1} << (m - 1)); ++r) {
    uint64_t outer = 0;
    for (size_t b = 0; b < others.size(); ++b) {
      if ((r >> b) & 1) outer |= union_mask[static_cast<size_t>(others[b])];
    }
    const size_t r_size = static_cast<size_t>(std::popcount(r));
    for (uint64_t t = 0; t < (uint64_t{1} << u); ++t) {
      uint64_t mask = outer;
      for (int b = 0; b < u; ++b) {
        if ((t >> b) & 1) mask |= uint64_t{1} << members[static_cast<size_t>(b)];
      }
      if (wins(mask)) continue;
      const size_t t_size = static_cast<size_t>(std::popcount(t));
      for (int b = 0; b < u; ++b) {
        if ((t >> b) & 1) continue;
        if (wins(mask | (uint64_t{1} << members[static_cast<size_t>(b)]))) {
          ++counts[static_cast<size_t>(b)][r_size][t_size];
        }
      }
    }
  }
  return counts;
}

// Owen and Banzhaf–Owen values (raw: swings) per player.
struct UnionValues {
  std::vector<mpq_class> owen;
  std::vector<mpz_class> banzhaf_owen;
};

UnionValues ValuesWithUnions(const VotingGame& game, const WinSet& win) {
  const size_t un = static_cast<size_t>(game.size());
  const int m = static_cast<int>(game.unions.size());
  std::vector<uint64_t> union_mask;
  for (const auto& u : game.unions) {
    uint64_t mask = 0;
    for (int p : u) mask |= uint64_t{1} << p;
    union_mask.push_back(mask);
  }
  UnionValues out{.owen = std::vector<mpq_class>(un), .banzhaf_owen = std::vector<mpz_class>(un)};
  for (int k = 0; k < m; ++k) {
    const auto& members = game.unions[static_cast<size_t>(k)];
    const int u = static_cast<int>(members.size());
    const auto counts = UnionSwings(game, win, k, union_mask);
    for (int b = 0; b < u; ++b) {
      const size_t player = static_cast<size_t>(members[static_cast<size_t>(b)]);
      mpz_class owen = 0;
      mpz_class bo = 0;
      for (int r = 0; r < m; ++r) {
        for (int t = 0; t < u; ++t) {
          const mpz_class c =
              ToMpz(counts[static_cast<size_t>(b)][static_cast<size_t>(r)][static_cast<size_t>(t)]);
          bo += c;
          owen += c * Factorial(r) * Factorial(m - 1 - r) * Factorial(t) * Factorial(u - 1 - t);
        }
      }
      mpq_class value(owen, Factorial(m) * Factorial(u));
      value.canonicalize();
      out.owen[player] = value;
      out.banzhaf_owen[player] = bo;
    }
  }
  return out;
}

}  // namespace

double EstimateEnumeration(const VotingGame& game, const Needs& needs) {
  const int n = game.size();
  double per_coalition = 2.0 + static_cast<double>(game.dimensions.size());
  if (needs.shapley_shubik || needs.minimal_winning()) per_coalition += static_cast<double>(n) / 8;
  if (needs.johnston) per_coalition += static_cast<double>(n);
  return per_coalition * static_cast<double>(int64_t{1} << std::min(n, 62));
}

Result<RawPower> PowerByEnumeration(const VotingGame& game, const Needs& needs,
                                    ProgressMeter& progress) {
  const int n = game.size();
  if (n > kMaxEnumerationPlayers) {
    return Status(ErrorCode::kTooLarge, "enumeration handles at most " +
                                            std::to_string(kMaxEnumerationPlayers) +
                                            " players; this game has " + std::to_string(n));
  }
  progress.SetStage("enumeration");
  const WinSet win(game, progress);
  RawPower raw;
  const SizeCounts winning = CountBySize(win.data(), win.valid(), n);
  raw.winning = ToMpz(Total(winning.total));
  raw.swings = Swings(winning);
  if (needs.shapley_shubik) raw.shapley_shubik_orders = ShapleyShubikOrders(winning);
  progress.Advance(static_cast<double>(win.words()) * 16);
  if (needs.minimal_winning()) {
    MinimalWinning minimal = CountMinimalWinning(win);
    raw.minimal_winning = std::move(minimal.total);
    raw.minimal_containing = std::move(minimal.containing);
    raw.deegan_packel = std::move(minimal.deegan_packel);
    progress.Advance(static_cast<double>(win.words()) * static_cast<double>(n));
  }
  if (needs.johnston) raw.johnston = JohnstonShares(win, progress);
  if (needs.owen || needs.banzhaf_owen) {
    UnionValues values = ValuesWithUnions(game, win);
    raw.owen = PerPlayer<mpq_class>::Each(std::move(values.owen));
    raw.banzhaf_owen_swings = PerPlayer<mpz_class>::Each(std::move(values.banzhaf_owen));
  }
  return raw;
}

}  // namespace whipcount::power_internal
