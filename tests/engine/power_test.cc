#include "whipcount/power.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <numeric>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace whipcount {
namespace {

using U64 = std::uint64_t;

// --- An independent reference: every coalition, plain 64-bit arithmetic (n <= 16). ----------

struct Fraction {
  U64 num = 0;
  U64 den = 1;

  static Fraction Of(U64 num, U64 den) {
    const U64 g = std::gcd(num, den);
    return g == 0 ? Fraction{0, 1} : Fraction{num / g, den / g};
  }
  std::string ToString() const {
    return den == 1 ? std::to_string(num) : std::to_string(num) + "/" + std::to_string(den);
  }
};

U64 Factorial(int n) {
  U64 f = 1;
  for (int i = 2; i <= n; ++i) f *= static_cast<U64>(i);
  return f;
}

struct Reference {
  U64 winning = 0;
  U64 minimal = 0;
  std::vector<U64> swings, orders, containing;
  // Sums of 1/|S| and 1/k as numerators over kLcm.
  std::vector<U64> deegan_packel, johnston;
  std::vector<Fraction> owen;
  std::vector<U64> banzhaf_owen;
};

constexpr U64 kLcm = 720720;  // lcm(1..16)

bool Wins(const VotingGame& game, U64 mask) {
  std::vector<std::vector<int>> clauses = game.clauses;
  if (clauses.empty()) {
    clauses.emplace_back(game.dimensions.size());
    std::iota(clauses.back().begin(), clauses.back().end(), 0);
  }
  for (const auto& clause : clauses) {
    bool all = true;
    for (int d : clause) {
      const auto& dim = game.dimensions[static_cast<std::size_t>(d)];
      std::int64_t sum = 0;
      for (std::size_t i = 0; i < dim.weights.size(); ++i) {
        if ((mask >> i) & 1) sum += dim.weights[i];
      }
      if (sum < dim.quota) all = false;
    }
    if (all) return true;
  }
  return false;
}

Reference BruteForce(const VotingGame& game) {
  const int n = game.size();
  const U64 all = U64{1} << n;
  std::vector<bool> win(all);
  for (U64 s = 0; s < all; ++s) win[s] = Wins(game, s);
  Reference r;
  const auto un = static_cast<std::size_t>(n);
  r.swings.assign(un, 0);
  r.orders.assign(un, 0);
  r.containing.assign(un, 0);
  r.deegan_packel.assign(un, 0);
  r.johnston.assign(un, 0);
  for (U64 s = 0; s < all; ++s) {
    if (!win[s]) continue;
    ++r.winning;
    const int size = __builtin_popcountll(s);
    int critical = 0;
    for (int i = 0; i < n; ++i) {
      if (((s >> i) & 1) && !win[s ^ (U64{1} << i)]) ++critical;
    }
    if (critical == size) {  // every member critical: minimal winning
      ++r.minimal;
      for (int i = 0; i < n; ++i) {
        if ((s >> i) & 1) {
          ++r.containing[static_cast<std::size_t>(i)];
          r.deegan_packel[static_cast<std::size_t>(i)] += kLcm / static_cast<U64>(size);
        }
      }
    }
    for (int i = 0; i < n; ++i) {
      if (((s >> i) & 1) && !win[s ^ (U64{1} << i)]) {
        const auto ui = static_cast<std::size_t>(i);
        r.johnston[ui] += kLcm / static_cast<U64>(critical);
        ++r.swings[ui];
        r.orders[ui] += Factorial(size - 1) * Factorial(n - size);
      }
    }
  }
  if (!game.unions.empty()) {
    const int m = static_cast<int>(game.unions.size());
    r.owen.assign(un, Fraction{});
    r.banzhaf_owen.assign(un, 0);
    for (int k = 0; k < m; ++k) {
      const auto& members = game.unions[static_cast<std::size_t>(k)];
      const int u = static_cast<int>(members.size());
      for (int b = 0; b < u; ++b) {
        const int player = members[static_cast<std::size_t>(b)];
        U64 owen = 0;
        U64 bo = 0;
        for (U64 rmask = 0; rmask < (U64{1} << m); ++rmask) {
          if ((rmask >> k) & 1) continue;
          U64 coalition = 0;
          for (int j = 0; j < m; ++j) {
            if ((rmask >> j) & 1) {
              for (int p : game.unions[static_cast<std::size_t>(j)]) coalition |= U64{1} << p;
            }
          }
          for (U64 t = 0; t < (U64{1} << u); ++t) {
            if ((t >> b) & 1) continue;
            U64 s = coalition;
            for (int c = 0; c < u; ++c) {
              if ((t >> c) & 1) s |= U64{1} << members[static_cast<std::size_t>(c)];
            }
            if (!win[s] && win[s | (U64{1} << player)]) {
              const int rs = __builtin_popcountll(rmask);
              const int ts = __builtin_popcountll(t);
              ++bo;
              owen += Factorial(rs) * Factorial(m - 1 - rs) * Factorial(ts) * Factorial(u - 1 - ts);
            }
          }
        }
        r.owen[static_cast<std::size_t>(player)] = Fraction::Of(owen, Factorial(m) * Factorial(u));
        r.banzhaf_owen[static_cast<std::size_t>(player)] = bo;
      }
    }
  }
  return r;
}

std::vector<std::string> Raw(const PowerReport& report, PowerIndex index) {
  std::vector<std::string> out;
  const IndexValues* values = report.Find(index);
  if (values == nullptr) return out;
  for (const Rational& r : values->raw) out.push_back(r.ToString());
  return out;
}

std::vector<std::string> Values(const PowerReport& report, PowerIndex index) {
  std::vector<std::string> out;
  const IndexValues* values = report.Find(index);
  if (values == nullptr) return out;
  for (const Rational& r : values->value) out.push_back(r.ToString());
  return out;
}

template <typename F>
std::vector<std::string> Map(std::size_t n, F&& f) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(f(i));
  return out;
}

// Checks every requested index of `report` against the reference, exactly.
void ExpectMatchesReference(const VotingGame& game, const PowerReport& report, const Reference& ref,
                            const std::string& label) {
  const std::size_t n = static_cast<std::size_t>(game.size());
  SCOPED_TRACE(label);
  EXPECT_EQ(report.winning_coalitions, std::to_string(ref.winning));
  const U64 total_swings = std::accumulate(ref.swings.begin(), ref.swings.end(), U64{0});
  if (report.Find(PowerIndex::kBanzhaf)) {
    EXPECT_EQ(Raw(report, PowerIndex::kBanzhaf),
              Map(n, [&](std::size_t i) { return std::to_string(ref.swings[i]); }));
    EXPECT_EQ(Values(report, PowerIndex::kBanzhaf), Map(n, [&](std::size_t i) {
                return Fraction::Of(ref.swings[i], total_swings).ToString();
              }));
  }
  if (report.Find(PowerIndex::kBanzhafAbsolute)) {
    EXPECT_EQ(Values(report, PowerIndex::kBanzhafAbsolute), Map(n, [&](std::size_t i) {
                return Fraction::Of(ref.swings[i], U64{1} << (n - 1)).ToString();
              }));
  }
  if (report.Find(PowerIndex::kShapleyShubik)) {
    EXPECT_EQ(Raw(report, PowerIndex::kShapleyShubik),
              Map(n, [&](std::size_t i) { return std::to_string(ref.orders[i]); }));
    EXPECT_EQ(Values(report, PowerIndex::kShapleyShubik), Map(n, [&](std::size_t i) {
                return Fraction::Of(ref.orders[i], Factorial(static_cast<int>(n))).ToString();
              }));
  }
  const U64 total_containing =
      std::accumulate(ref.containing.begin(), ref.containing.end(), U64{0});
  if (report.Find(PowerIndex::kPublicGood)) {
    EXPECT_EQ(report.minimal_winning_coalitions.value_or("none"), std::to_string(ref.minimal));
    EXPECT_EQ(Raw(report, PowerIndex::kPublicGood),
              Map(n, [&](std::size_t i) { return std::to_string(ref.containing[i]); }));
    EXPECT_EQ(Values(report, PowerIndex::kPublicGood), Map(n, [&](std::size_t i) {
                return Fraction::Of(ref.containing[i], total_containing).ToString();
              }));
  }
  if (report.Find(PowerIndex::kDeeganPackel)) {
    EXPECT_EQ(Raw(report, PowerIndex::kDeeganPackel), Map(n, [&](std::size_t i) {
                return Fraction::Of(ref.deegan_packel[i], kLcm).ToString();
              }));
    EXPECT_EQ(Values(report, PowerIndex::kDeeganPackel), Map(n, [&](std::size_t i) {
                return Fraction::Of(ref.deegan_packel[i], kLcm * ref.minimal).ToString();
              }));
  }
  if (report.Find(PowerIndex::kJohnston)) {
    const U64 total = std::accumulate(ref.johnston.begin(), ref.johnston.end(), U64{0});
    EXPECT_EQ(Raw(report, PowerIndex::kJohnston), Map(n, [&](std::size_t i) {
                return Fraction::Of(ref.johnston[i], kLcm).ToString();
              }));
    EXPECT_EQ(Values(report, PowerIndex::kJohnston), Map(n, [&](std::size_t i) {
                return Fraction::Of(ref.johnston[i], total).ToString();
              }));
  }
  if (report.Find(PowerIndex::kColemanPrevent)) {
    EXPECT_EQ(Values(report, PowerIndex::kColemanPrevent), Map(n, [&](std::size_t i) {
                return Fraction::Of(ref.swings[i], ref.winning).ToString();
              }));
    EXPECT_EQ(Values(report, PowerIndex::kColemanInitiate), Map(n, [&](std::size_t i) {
                return Fraction::Of(ref.swings[i], (U64{1} << n) - ref.winning).ToString();
              }));
    EXPECT_EQ(report.power_to_act.ToString(), Fraction::Of(ref.winning, U64{1} << n).ToString());
  }
  if (report.Find(PowerIndex::kOwen)) {
    EXPECT_EQ(Values(report, PowerIndex::kOwen),
              Map(n, [&](std::size_t i) { return ref.owen[i].ToString(); }));
    EXPECT_EQ(Raw(report, PowerIndex::kBanzhafOwen),
              Map(n, [&](std::size_t i) { return std::to_string(ref.banzhaf_owen[i]); }));
  }
}

std::vector<PowerIndex> IndicesWithoutUnions() {
  return {PowerIndex::kBanzhaf,        PowerIndex::kBanzhafAbsolute, PowerIndex::kShapleyShubik,
          PowerIndex::kPublicGood,     PowerIndex::kDeeganPackel,    PowerIndex::kJohnston,
          PowerIndex::kColemanPrevent, PowerIndex::kColemanInitiate};
}

PowerReport Compute(const VotingGame& game, const PowerOptions& options) {
  Result<PowerReport> report = ComputePower(game, options);
  EXPECT_TRUE(report.ok()) << report.status().ToString();
  return report.ok() ? *report : PowerReport{};
}

// Random weights in one of several shapes: small with ties and zeros, wide, or a few giants.
std::vector<std::int64_t> RandomWeights(std::mt19937_64& rng, int n) {
  std::vector<std::int64_t> w(static_cast<std::size_t>(n));
  const int shape = static_cast<int>(rng() % 4);
  for (auto& x : w) {
    switch (shape) {
      case 0:
        x = static_cast<std::int64_t>(rng() % 6);
        break;  // ties, zeros
      case 1:
        x = static_cast<std::int64_t>(rng() % 100 + 1);
        break;  // spread
      case 2:
        x = static_cast<std::int64_t>(rng() % 3 + 1) * 7;
        break;  // common divisor
      default:
        x = (rng() % 5 == 0) ? static_cast<std::int64_t>(rng() % 1000)
                             : static_cast<std::int64_t>(rng() % 10);
    }
  }
  if (std::accumulate(w.begin(), w.end(), std::int64_t{0}) == 0) w[0] = 1;
  return w;
}

TEST(PowerTest, EveryIndexMatchesBruteForceOnRandomGames) {
  std::mt19937_64 rng(20240601);
  for (int trial = 0; trial < 300; ++trial) {
    const int n = 1 + static_cast<int>(rng() % 12) + (trial % 10 == 0 ? 4 : 0);
    std::vector<std::int64_t> w = RandomWeights(rng, n);
    const std::int64_t total = std::accumulate(w.begin(), w.end(), std::int64_t{0});
    const std::int64_t quota = 1 + static_cast<std::int64_t>(rng() % static_cast<U64>(total));
    const VotingGame game = WeightedGame(w, quota);
    const Reference ref = BruteForce(game);
    std::ostringstream label;
    label << "trial " << trial << " [" << quota << ";";
    for (auto x : w) label << " " << x;
    label << "]";
    for (PowerMethod method : {PowerMethod::kDynamicProgramming, PowerMethod::kEnumeration}) {
      const PowerReport report =
          Compute(game, {.indices = IndicesWithoutUnions(), .method = method});
      ExpectMatchesReference(game, report, ref, label.str() + " " + std::string(EnumName(method)));
      EXPECT_EQ(report.method, method);
    }
  }
}

TEST(PowerTest, EqualWeightsMatchBruteForce) {
  // One class of equal weights (with null players among them) is counted by binomials.
  std::mt19937_64 rng(1000);
  for (int trial = 0; trial < 120; ++trial) {
    const int n = 1 + static_cast<int>(rng() % 14);
    std::vector<std::int64_t> w(static_cast<std::size_t>(n), 5);
    for (auto& x : w) {
      if (rng() % 5 == 0) x = 0;
    }
    w[0] = 5;
    const std::int64_t total = std::accumulate(w.begin(), w.end(), std::int64_t{0});
    const std::int64_t quota = 1 + static_cast<std::int64_t>(rng() % static_cast<U64>(total));
    const VotingGame game = WeightedGame(w, quota);
    const PowerReport report = Compute(
        game, {.indices = IndicesWithoutUnions(), .method = PowerMethod::kDynamicProgramming});
    ExpectMatchesReference(game, report, BruteForce(game),
                           "trial " + std::to_string(trial) + " quota " + std::to_string(quota));
  }
  // 1,000 equal players: every index 1/1000, with no programme.
  const PowerReport thousand = Compute(WeightedGame(std::vector<std::int64_t>(1000, 1), 501),
                                       {.indices = IndicesWithoutUnions(), .max_seconds = 1});
  for (const IndexValues& values : thousand.indices) {
    if (values.index == PowerIndex::kBanzhafAbsolute ||
        values.index == PowerIndex::kColemanPrevent ||
        values.index == PowerIndex::kColemanInitiate) {
      continue;
    }
    EXPECT_EQ(values.value[999].ToString(), "1/1000") << EnumName(values.index);
  }
}

TEST(PowerTest, QuotasNearTheTotalMatchBruteForce) {
  // Minimal winning coalitions are counted through their complements when the quota is within
  // an eighth or so of the total weight.
  std::mt19937_64 rng(20261204);
  for (int trial = 0; trial < 200; ++trial) {
    const int n = 1 + static_cast<int>(rng() % 14);
    const std::vector<std::int64_t> w = RandomWeights(rng, n);
    const std::int64_t total = std::accumulate(w.begin(), w.end(), std::int64_t{0});
    const std::int64_t quota =
        total - static_cast<std::int64_t>(rng() % static_cast<U64>(total / 8 + 1));
    const VotingGame game = WeightedGame(w, quota);
    std::ostringstream label;
    label << "trial " << trial << " [" << quota << ";";
    for (auto x : w) label << " " << x;
    label << "]";
    const PowerReport report = Compute(
        game, {.indices = IndicesWithoutUnions(), .method = PowerMethod::kDynamicProgramming});
    ExpectMatchesReference(game, report, BruteForce(game), label.str());
  }
}

TEST(PowerTest, UnanimityAndOneVoteShortAreExactForThousandsOfPlayers) {
  // 3,000 players of weights 1 to 40: at unanimity the only (minimal) winning coalition is
  // everyone, every member critical; one vote short, the minimal winning coalitions are everyone
  // but one player of weight 1.
  std::mt19937_64 rng(3434);
  std::vector<std::int64_t> w;
  w.reserve(3000);
  for (int i = 0; i < 3000; ++i) w.push_back(static_cast<std::int64_t>(rng() % 40 + 1));
  const std::int64_t total = std::accumulate(w.begin(), w.end(), std::int64_t{0});
  const std::int64_t ones = std::count(w.begin(), w.end(), 1);
  ASSERT_GT(ones, 10);
  const PowerOptions options{.indices = {PowerIndex::kPublicGood, PowerIndex::kDeeganPackel},
                             .max_seconds = 60};
  const PowerReport all = Compute(
      WeightedGame(w, total),
      {.indices = {PowerIndex::kPublicGood, PowerIndex::kDeeganPackel, PowerIndex::kJohnston},
       .max_seconds = 60});
  EXPECT_EQ(all.minimal_winning_coalitions, "1");
  for (std::size_t i = 0; i < w.size(); ++i) {
    EXPECT_EQ(all.Find(PowerIndex::kJohnston)->value[i].ToString(), "1/3000");
    EXPECT_EQ(all.Find(PowerIndex::kPublicGood)->value[i].ToString(), "1/3000");
    EXPECT_EQ(all.Find(PowerIndex::kDeeganPackel)->value[i].ToString(), "1/3000");
    EXPECT_EQ(all.Find(PowerIndex::kDeeganPackel)->raw[i].ToString(), "1/3000");
  }
  const PowerReport short_one = Compute(WeightedGame(w, total - 1), options);
  EXPECT_EQ(short_one.minimal_winning_coalitions, std::to_string(ones));
  // Every coalition has 2,999 members; a player of weight 1 is in all but the one without it.
  for (std::size_t i = 0; i < w.size(); ++i) {
    const std::int64_t in = w[i] == 1 ? ones - 1 : ones;
    EXPECT_EQ(short_one.Find(PowerIndex::kPublicGood)->raw[i].ToString(), std::to_string(in));
    EXPECT_EQ(short_one.Find(PowerIndex::kDeeganPackel)->raw[i].ToString(),
              Fraction::Of(static_cast<U64>(in), 2999).ToString())
        << i;
  }
}

TEST(PowerTest, OwenValuesMatchBruteForceOnRandomGamesWithUnions) {
  std::mt19937_64 rng(77);
  for (int trial = 0; trial < 150; ++trial) {
    const int n = 2 + static_cast<int>(rng() % 11);
    std::vector<std::int64_t> w = RandomWeights(rng, n);
    const std::int64_t total = std::accumulate(w.begin(), w.end(), std::int64_t{0});
    VotingGame game =
        WeightedGame(w, 1 + static_cast<std::int64_t>(rng() % static_cast<U64>(total)));
    // A random partition into unions.
    std::vector<int> players(static_cast<std::size_t>(n));
    std::iota(players.begin(), players.end(), 0);
    std::shuffle(players.begin(), players.end(), rng);
    const int m = 1 + static_cast<int>(rng() % static_cast<U64>(n));
    game.unions.assign(static_cast<std::size_t>(m), {});
    for (std::size_t i = 0; i < players.size(); ++i) {
      game.unions[i < static_cast<std::size_t>(m) ? i : rng() % static_cast<U64>(m)].push_back(
          players[i]);
    }
    const Reference ref = BruteForce(game);
    for (PowerMethod method : {PowerMethod::kDynamicProgramming, PowerMethod::kEnumeration}) {
      const PowerReport report = Compute(
          game, {.indices = {PowerIndex::kOwen, PowerIndex::kBanzhafOwen}, .method = method});
      ExpectMatchesReference(
          game, report, ref,
          "trial " + std::to_string(trial) + " " + std::string(EnumName(method)));
    }
  }
}

TEST(PowerTest, MultiDimensionalRulesMatchBruteForce) {
  std::mt19937_64 rng(4242);
  for (int trial = 0; trial < 120; ++trial) {
    const int n = 2 + static_cast<int>(rng() % 11);
    VotingGame game;
    const int dims = 1 + static_cast<int>(rng() % 3);
    for (int d = 0; d < dims; ++d) {
      std::vector<std::int64_t> w = RandomWeights(rng, n);
      if (d == 0 && rng() % 2 == 0) {
        for (auto& x : w) x = static_cast<std::int64_t>(rng() % 100'000'000);  // populations
        w[0] += 1;
      }
      const std::int64_t total = std::accumulate(w.begin(), w.end(), std::int64_t{0});
      game.dimensions.push_back(
          {.weights = w, .quota = 1 + static_cast<std::int64_t>(rng() % static_cast<U64>(total))});
    }
    if (dims > 1 && rng() % 2 == 0) {
      game.clauses = {{0, 1}};
      if (dims == 3) game.clauses.push_back({2});
    }
    const Reference ref = BruteForce(game);
    for (PowerMethod method : {PowerMethod::kEnumeration, PowerMethod::kMeetInTheMiddle}) {
      const PowerReport report =
          Compute(game, {.indices = {PowerIndex::kBanzhaf, PowerIndex::kShapleyShubik,
                                     PowerIndex::kColemanPrevent, PowerIndex::kColemanInitiate},
                         .method = method});
      ExpectMatchesReference(
          game, report, ref,
          "trial " + std::to_string(trial) + " " + std::string(EnumName(method)));
    }
    const PowerReport all = Compute(game, {.indices = IndicesWithoutUnions()});
    ExpectMatchesReference(game, all, ref, "trial " + std::to_string(trial) + " auto");
  }
}

// --- Big numbers: symmetric games have closed forms far beyond 64 bits. ----------------------

// Decimal arithmetic for the closed forms: a number as base-10^9 limbs, least significant first.
struct Decimal {
  std::vector<U64> limbs{1};
  void Multiply(U64 factor) {
    U64 carry = 0;
    for (U64& limb : limbs) {
      const U64 x = limb * factor + carry;
      limb = x % 1'000'000'000;
      carry = x / 1'000'000'000;
    }
    while (carry > 0) {
      limbs.push_back(carry % 1'000'000'000);
      carry /= 1'000'000'000;
    }
  }
  void Divide(U64 divisor) {  // exact division
    U64 rest = 0;
    for (std::size_t i = limbs.size(); i-- > 0;) {
      const U64 x = rest * 1'000'000'000 + limbs[i];
      limbs[i] = x / divisor;
      rest = x % divisor;
    }
    while (limbs.size() > 1 && limbs.back() == 0) limbs.pop_back();
  }
  std::string ToString() const {
    std::string out = std::to_string(limbs.back());
    for (std::size_t i = limbs.size() - 1; i-- > 0;) {
      const std::string part = std::to_string(limbs[i]);
      out += std::string(9 - part.size(), '0') + part;
    }
    return out;
  }
};

std::string Binomial(int n, int k) {
  Decimal d;
  for (int i = 0; i < k; ++i) {
    d.Multiply(static_cast<U64>(n - i));
    d.Divide(static_cast<U64>(i + 1));
  }
  return d.ToString();
}

TEST(PowerTest, SymmetricGamesWithHugeCountsAreExact) {
  for (int n : {63, 64, 65, 100, 257}) {
    const int q = n / 2 + 1;
    const VotingGame game = WeightedGame(std::vector<std::int64_t>(static_cast<std::size_t>(n), 3),
                                         std::int64_t{3} * q);
    const PowerReport report = Compute(
        game,
        {.indices = {PowerIndex::kBanzhaf, PowerIndex::kShapleyShubik, PowerIndex::kPublicGood,
                     PowerIndex::kDeeganPackel, PowerIndex::kJohnston}});
    SCOPED_TRACE(n);
    const std::string swings = Binomial(n - 1, q - 1);
    const std::string share = "1/" + std::to_string(n);
    for (std::size_t i = 0; i < static_cast<std::size_t>(n); i += 17) {
      EXPECT_EQ(report.Find(PowerIndex::kBanzhaf)->raw[i].ToString(), swings);
      EXPECT_EQ(report.Find(PowerIndex::kPublicGood)->raw[i].ToString(), swings);
      for (PowerIndex index :
           {PowerIndex::kBanzhaf, PowerIndex::kShapleyShubik, PowerIndex::kPublicGood,
            PowerIndex::kDeeganPackel, PowerIndex::kJohnston}) {
        EXPECT_EQ(report.Find(index)->value[i].ToString(), share) << EnumName(index);
      }
    }
    EXPECT_EQ(report.minimal_winning_coalitions, Binomial(n, q));
  }
}

TEST(PowerTest, LargeRandomGamesAgreeAcrossMethods) {
  // Up to 22 players with wide weights: the dynamic programmes against enumeration. The later
  // trials have quotas of several thousand, beyond one cache tile of the programmes' sweeps, and
  // the last weights of tens of thousands, several tiles each, which sets the distance between
  // the players swept together in a wavefront.
  std::mt19937_64 rng(99);
  for (int trial = 0; trial < 11; ++trial) {
    const int n = 18 + trial % 5;
    const U64 spread = trial < 6 ? 60 : trial < 9 ? 4000 : 30000;
    std::vector<std::int64_t> w(static_cast<std::size_t>(n));
    for (auto& x : w) x = static_cast<std::int64_t>(rng() % spread + (trial % 2 ? 0 : 1));
    const std::int64_t total = std::accumulate(w.begin(), w.end(), std::int64_t{0});
    VotingGame game =
        WeightedGame(w, total / 3 + static_cast<std::int64_t>(rng() % static_cast<U64>(total / 2)));
    game.unions = {{}, {}, {}, {}};
    for (int i = 0; i < n; ++i) game.unions[static_cast<std::size_t>(i % 4)].push_back(i);
    std::vector<PowerIndex> indices = IndicesWithoutUnions();
    indices.push_back(PowerIndex::kOwen);
    indices.push_back(PowerIndex::kBanzhafOwen);
    const PowerReport dp =
        Compute(game, {.indices = indices, .method = PowerMethod::kDynamicProgramming});
    const PowerReport en = Compute(game, {.indices = indices, .method = PowerMethod::kEnumeration});
    ASSERT_EQ(dp.indices.size(), en.indices.size());
    EXPECT_EQ(dp.winning_coalitions, en.winning_coalitions);
    EXPECT_EQ(dp.minimal_winning_coalitions, en.minimal_winning_coalitions);
    for (std::size_t k = 0; k < dp.indices.size(); ++k) {
      EXPECT_EQ(dp.indices[k].value, en.indices[k].value) << EnumName(dp.indices[k].index);
      EXPECT_EQ(dp.indices[k].raw, en.indices[k].raw) << EnumName(dp.indices[k].index);
    }
  }
}

// --- Invariants. ------------------------------------------------------------------------------

// Sum of decimal strings.
std::string AddDecimal(const std::string& a, const std::string& b) {
  std::string out;
  int carry = 0;
  for (std::size_t i = 0; i < std::max(a.size(), b.size()) || carry; ++i) {
    const int x = (i < a.size() ? a[a.size() - 1 - i] - '0' : 0) +
                  (i < b.size() ? b[b.size() - 1 - i] - '0' : 0) + carry;
    out.push_back(static_cast<char>('0' + x % 10));
    carry = x / 10;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::string FactorialDecimal(int n) {
  Decimal d;
  for (int i = 2; i <= n; ++i) d.Multiply(static_cast<U64>(i));
  return d.ToString();
}

std::vector<std::int64_t> ReadWeights(const std::string& name, std::vector<std::string>* names) {
  std::ifstream in(std::string(WHIPCOUNT_SOURCE_DIR) + "/data/games/" + name);
  EXPECT_TRUE(in) << name;
  std::vector<std::int64_t> weights;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const std::size_t comma = line.find(',');
    names->push_back(line.substr(0, comma));
    weights.push_back(std::stoll(line.substr(comma + 1)));
  }
  return weights;
}

TEST(PowerTest, ShapleyShubikOrdersAddUpToNFactorial) {
  std::vector<std::string> states;
  const std::vector<std::int64_t> electors =
      ReadWeights("us-electoral-college-2012-2020.csv", &states);
  std::mt19937_64 rng(5);
  std::vector<VotingGame> games = {WeightedGame(electors, 270)};
  for (int trial = 0; trial < 20; ++trial) {
    std::vector<std::int64_t> w = RandomWeights(rng, 5 + trial * 3);
    const std::int64_t total = std::accumulate(w.begin(), w.end(), std::int64_t{0});
    games.push_back(
        WeightedGame(w, 1 + static_cast<std::int64_t>(rng() % static_cast<U64>(total))));
  }
  for (const VotingGame& game : games) {
    const PowerReport report = Compute(game, {.indices = {PowerIndex::kShapleyShubik}});
    std::string sum = "0";
    for (const Rational& r : report.Find(PowerIndex::kShapleyShubik)->raw)
      sum = AddDecimal(sum, r.numerator);
    EXPECT_EQ(sum, FactorialDecimal(game.size())) << game.size();
  }
}

TEST(PowerTest, SymmetricPlayersGetEqualValues) {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 30; ++trial) {
    const int n = 3 + trial % 30;
    std::vector<std::int64_t> w(static_cast<std::size_t>(n));
    for (auto& x : w) x = static_cast<std::int64_t>(rng() % 4 + 1);  // many ties
    const std::int64_t total = std::accumulate(w.begin(), w.end(), std::int64_t{0});
    const VotingGame game =
        WeightedGame(w, 1 + static_cast<std::int64_t>(rng() % static_cast<U64>(total)));
    const PowerReport report = Compute(game, {.indices = IndicesWithoutUnions()});
    for (const IndexValues& values : report.indices) {
      for (std::size_t i = 0; i < w.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
          if (w[i] == w[j]) {
            EXPECT_EQ(values.value[i], values.value[j]) << EnumName(values.index);
          }
        }
      }
    }
  }
}

TEST(PowerTest, NullPlayersScoreZero) {
  // Player 3 (weight 1) never decides: 6 + 5 wins, 6 + 1 and 5 + 1 lose. Player 4 has weight 0.
  VotingGame game = WeightedGame({6, 5, 1, 0}, 10, {"A", "B", "C", "D"});
  game.unions = {{0, 2}, {1, 3}};
  std::vector<PowerIndex> indices = IndicesWithoutUnions();
  indices.push_back(PowerIndex::kOwen);
  indices.push_back(PowerIndex::kBanzhafOwen);
  for (PowerMethod method : {PowerMethod::kDynamicProgramming, PowerMethod::kEnumeration}) {
    const PowerReport report = Compute(game, {.indices = indices, .method = method});
    for (const IndexValues& values : report.indices) {
      EXPECT_EQ(values.value[2].ToString(), "0") << EnumName(values.index);
      EXPECT_EQ(values.value[3].ToString(), "0") << EnumName(values.index);
      EXPECT_EQ(values.value[0], values.value[1]) << EnumName(values.index);
    }
  }
}

TEST(PowerTest, DualGameHasTheSameSwings) {
  std::mt19937_64 rng(3);
  for (int trial = 0; trial < 40; ++trial) {
    const int n = 2 + trial * 2;
    std::vector<std::int64_t> w = RandomWeights(rng, n);
    const std::int64_t total = std::accumulate(w.begin(), w.end(), std::int64_t{0});
    const std::int64_t quota = 1 + static_cast<std::int64_t>(rng() % static_cast<U64>(total));
    const PowerReport game = Compute(
        WeightedGame(w, quota), {.indices = {PowerIndex::kBanzhaf, PowerIndex::kShapleyShubik}});
    const PowerReport dual =
        Compute(WeightedGame(w, total - quota + 1),
                {.indices = {PowerIndex::kBanzhaf, PowerIndex::kShapleyShubik}});
    EXPECT_EQ(game.Find(PowerIndex::kBanzhaf)->raw, dual.Find(PowerIndex::kBanzhaf)->raw);
    EXPECT_EQ(game.Find(PowerIndex::kShapleyShubik)->value,
              dual.Find(PowerIndex::kShapleyShubik)->value);
    // A coalition wins in the dual exactly when its complement loses in the game.
    EXPECT_EQ(AddDecimal(game.winning_coalitions, dual.winning_coalitions), game.coalitions);
  }
}

// --- Published values. --------------------------------------------------------------------------

TEST(PowerTest, UsElectoralCollegeMatchesPublishedValues) {
  std::vector<std::string> states;
  const std::vector<std::int64_t> electors =
      ReadWeights("us-electoral-college-2012-2020.csv", &states);
  ASSERT_EQ(electors.size(), 51u);
  ASSERT_EQ(std::accumulate(electors.begin(), electors.end(), std::int64_t{0}), 538);
  const PowerReport report =
      Compute(WeightedGame(electors, 270, states),
              {.indices = {PowerIndex::kBanzhaf, PowerIndex::kShapleyShubik}});
  const auto ca =
      static_cast<std::size_t>(std::find(states.begin(), states.end(), "CA") - states.begin());
  EXPECT_NEAR(report.Find(PowerIndex::kBanzhaf)->value[ca].value, 0.1136, 0.00005);
  EXPECT_NEAR(report.Find(PowerIndex::kShapleyShubik)->value[ca].value, 0.1103, 0.00005);
  EXPECT_EQ(report.players[ca], "CA");
}

TEST(PowerTest, UnSecurityCouncilMatchesPublishedValues) {
  std::vector<std::int64_t> w(5, 7);
  w.resize(15, 1);
  const PowerReport report = Compute(WeightedGame(w, 39), {.indices = IndicesWithoutUnions()});
  const IndexValues& banzhaf = *report.Find(PowerIndex::kBanzhaf);
  EXPECT_EQ(banzhaf.raw[0].ToString(), "848");
  EXPECT_EQ(banzhaf.raw[5].ToString(), "84");
  EXPECT_EQ(banzhaf.value[0].ToString(), "106/635");
  const IndexValues& ss = *report.Find(PowerIndex::kShapleyShubik);
  EXPECT_EQ(ss.value[0].ToString(), "421/2145");
  EXPECT_EQ(ss.value[14].ToString(), "4/2145");
  // Minimal winning: the five permanent members and any four of the ten others.
  EXPECT_EQ(report.minimal_winning_coalitions, "210");
}

TEST(PowerTest, EuCouncilRuleMatchesEnumeration) {
  std::vector<std::string> states;
  std::vector<std::int64_t> population = ReadWeights("eu27-council-2017-population.csv", &states);
  ASSERT_EQ(population.size(), 27u);
  Result<VotingGame> game = EuCouncilGame(states, population);
  ASSERT_TRUE(game.ok()) << game.status().ToString();
  EXPECT_EQ(game->dimensions[0].quota, 15);
  EXPECT_EQ(game->dimensions[2].quota, 24);
  const std::vector<PowerIndex> indices = {PowerIndex::kBanzhaf, PowerIndex::kShapleyShubik};
  const PowerReport fast = Compute(*game, {.indices = indices});
  EXPECT_EQ(fast.method, PowerMethod::kMeetInTheMiddle);
  const PowerReport slow =
      Compute(*game, {.indices = indices, .method = PowerMethod::kEnumeration});
  EXPECT_EQ(fast.winning_coalitions, slow.winning_coalitions);
  for (std::size_t k = 0; k < indices.size(); ++k) {
    EXPECT_EQ(fast.indices[k].raw, slow.indices[k].raw);
    EXPECT_EQ(fast.indices[k].value, slow.indices[k].value);
  }
  const auto de =
      static_cast<std::size_t>(std::find(states.begin(), states.end(), "Germany") - states.begin());
  const auto mt =
      static_cast<std::size_t>(std::find(states.begin(), states.end(), "Malta") - states.begin());
  EXPECT_GT(fast.Find(PowerIndex::kShapleyShubik)->value[de].value, 0.15);
  EXPECT_LT(fast.Find(PowerIndex::kShapleyShubik)->value[mt].value, 0.02);
}

// --- Options. ---------------------------------------------------------------------------------

TEST(PowerTest, ReportsProgressUpToCompletion) {
  std::vector<std::int64_t> w;
  for (int i = 1; i <= 60; ++i) w.push_back(i * 7 % 23 + 1);
  std::vector<double> seen;
  const PowerReport report =
      Compute(WeightedGame(w, 300),
              {.indices = {PowerIndex::kShapleyShubik, PowerIndex::kJohnston},
               .progress = [&](const PowerProgress& p) { seen.push_back(p.fraction); }});
  ASSERT_FALSE(seen.empty());
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_DOUBLE_EQ(seen.back(), 1.0);
  EXPECT_LE(seen.size(), 202u);
}

TEST(PowerTest, ParsesIndexNames) {
  for (const PowerIndexInfo& info : kPowerIndices) {
    EXPECT_EQ(ParseEnum<PowerIndex>(info.name), info.index);
    EXPECT_EQ(EnumName(info.index), info.name);
    EXPECT_EQ(&InfoOf(info.index), &info);
  }
  EXPECT_EQ(ParseEnum<PowerIndex>("ss"), PowerIndex::kShapleyShubik);
  EXPECT_EQ(ParseEnum<PowerIndex>("holler"), PowerIndex::kPublicGood);
  // EPIC's abbreviations.
  EXPECT_EQ(ParseEnum<PowerIndex>("sh"), PowerIndex::kShapleyShubik);
  EXPECT_EQ(ParseEnum<PowerIndex>("pg"), PowerIndex::kPublicGood);
  EXPECT_EQ(ParseEnum<PowerIndex>("dp"), PowerIndex::kDeeganPackel);
  EXPECT_EQ(ParseEnum<PowerIndex>("j"), PowerIndex::kJohnston);
  EXPECT_EQ(ParseEnum<PowerIndex>("jo"), PowerIndex::kJohnston);
  EXPECT_EQ(ParseEnum<PowerIndex>("banzaf"), std::nullopt);
  EXPECT_EQ(EnumNames<PowerIndex>().size(), kPowerIndices.size());  // aliases are not names
  EXPECT_EQ(ParseEnum<PowerMethod>("meet-in-the-middle"), PowerMethod::kMeetInTheMiddle);
}

TEST(PowerTest, ListsTheIndicesAGameSupports) {
  EXPECT_EQ(DefaultPowerIndices(),
            (std::vector<PowerIndex>{PowerIndex::kBanzhaf, PowerIndex::kShapleyShubik}));
  EXPECT_EQ(PowerIndicesFor(true).size(), kPowerIndices.size());
  const std::vector<PowerIndex> without = PowerIndicesFor(false);
  EXPECT_EQ(std::count(without.begin(), without.end(), PowerIndex::kOwen), 0);
  EXPECT_EQ(std::count(without.begin(), without.end(), PowerIndex::kBanzhafOwen), 0);
  EXPECT_EQ(without.size(), kPowerIndices.size() - 2);
}

// --- Bad input. ---------------------------------------------------------------------------------

void ExpectError(const VotingGame& game, ErrorCode code, const std::string& path,
                 const PowerOptions& options = {}) {
  const Result<PowerReport> report = ComputePower(game, options);
  ASSERT_FALSE(report.ok()) << path;
  EXPECT_EQ(report.status().code(), code) << report.status().ToString();
  EXPECT_EQ(report.status().where().path, path) << report.status().ToString();
}

TEST(PowerTest, RejectsMalformedGames) {
  ExpectError(WeightedGame({3, 2, 1}, 7), ErrorCode::kInvalidGame, "dimensions[0].quota");
  ExpectError(WeightedGame({3, 2, 1}, 0), ErrorCode::kInvalidGame, "dimensions[0].quota");
  ExpectError(WeightedGame({3, -2, 1}, 2), ErrorCode::kInvalidGame, "dimensions[0].weights[1]");
  ExpectError(WeightedGame({}, 1), ErrorCode::kInvalidGame, "dimensions[0].weights");
  ExpectError(VotingGame{}, ErrorCode::kInvalidGame, "dimensions");
  ExpectError(WeightedGame({std::int64_t{1} << 61, std::int64_t{1} << 61, 5}, 3),
              ErrorCode::kInvalidGame, "dimensions[0].weights[2]");
  ExpectError(WeightedGame({3, 2, 1}, 4, {"A", "B"}), ErrorCode::kInvalidGame, "players");
  ExpectError(WeightedGame({3, 2, 1}, 4, {"A", "B", "A"}), ErrorCode::kInvalidGame, "players[2]");
  ExpectError(WeightedGame({3, 2, 1}, 4, {"A", "", "C"}), ErrorCode::kInvalidGame, "players[1]");
  {
    // Among many names, the second occurrence of a repeated one is named.
    std::vector<std::string> names;
    names.reserve(300);
    for (int i = 0; i < 300; ++i) names.push_back("p" + std::to_string(i));
    names[250] = "p17";
    ExpectError(WeightedGame(std::vector<std::int64_t>(300, 1), 151, names),
                ErrorCode::kInvalidGame, "players[250]");
    names[250] = "p250";
    EXPECT_TRUE(ComputePower(WeightedGame(std::vector<std::int64_t>(300, 1), 151, names)).ok());
  }
  VotingGame two = WeightedGame({3, 2, 1}, 4);
  two.dimensions.push_back({.weights = {1, 1}, .quota = 1});
  ExpectError(two, ErrorCode::kInvalidGame, "dimensions[1].weights");
  VotingGame clause = WeightedGame({3, 2, 1}, 4);
  clause.clauses = {{0, 1}};
  ExpectError(clause, ErrorCode::kInvalidGame, "clauses[0]");
  VotingGame overlap = WeightedGame({3, 2, 1}, 4);
  overlap.unions = {{0, 1}, {1, 2}};
  ExpectError(overlap, ErrorCode::kInvalidGame, "unions[1]");
  VotingGame missing = WeightedGame({3, 2, 1}, 4);
  missing.unions = {{0, 1}};
  ExpectError(missing, ErrorCode::kInvalidGame, "unions");
  ExpectError(WeightedGame({3, 2, 1}, 4), ErrorCode::kInvalidGame, "unions",
              {.indices = {PowerIndex::kOwen}});
}

TEST(PowerTest, RefusesWorkBeyondItsLimits) {
  // 40 players with weights near 10^12: the quota rules out dynamic programming, 2^40
  // coalitions rule out enumeration.
  std::vector<std::int64_t> w;
  w.reserve(40);
  for (int i = 0; i < 40; ++i) w.push_back(1'000'000'000'000 + std::int64_t{i} * 7919);
  const VotingGame game = WeightedGame(w, 20'000'000'000'000);
  const Result<PowerReport> report = ComputePower(game, {.indices = {PowerIndex::kPublicGood}});
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), ErrorCode::kTooLarge);
  EXPECT_NE(report.status().message().find("MB"), std::string::npos) << report.status().message();
  ExpectError(WeightedGame(std::vector<std::int64_t>(31, 1), 16), ErrorCode::kTooLarge, "",
              {.method = PowerMethod::kEnumeration});
  // Time: estimated before any work and refused above the limit, with the estimate.
  std::vector<std::int64_t> ramp;
  for (int i = 1; i <= 300; ++i) ramp.push_back(i);
  const VotingGame slow = WeightedGame(ramp, 22'576);
  const PowerOptions deegan_packel{.indices = {PowerIndex::kDeeganPackel}};
  const Result<double> seconds = EstimatePowerSeconds(slow, deegan_packel);
  ASSERT_TRUE(seconds.ok()) << seconds.status().ToString();
  EXPECT_GT(*seconds, 1.0);
  EXPECT_LT(*seconds, 600.0);
  const Result<PowerReport> refused =
      ComputePower(slow, {.indices = {PowerIndex::kDeeganPackel}, .max_seconds = *seconds / 2});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), ErrorCode::kTooLarge);
  EXPECT_NE(refused.status().message().find("would take about"), std::string::npos)
      << refused.status().message();
  EXPECT_EQ(EstimatePowerSeconds(
                slow, {.indices = {PowerIndex::kDeeganPackel}, .max_seconds = *seconds / 2})
                .status()
                .message(),
            refused.status().message());
  // Banzhaf and Shapley–Shubik for such a game still work, by meeting in the middle.
  const Result<PowerReport> banzhaf = ComputePower(game, {.indices = {PowerIndex::kBanzhaf}});
  ASSERT_TRUE(banzhaf.ok()) << banzhaf.status().ToString();
  EXPECT_EQ(banzhaf->method, PowerMethod::kMeetInTheMiddle);
}

}  // namespace
}  // namespace whipcount
