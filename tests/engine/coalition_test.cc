#include "whipcount/coalition.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace whipcount {
namespace {

using Set = std::vector<std::string>;

std::int64_t Seats(const std::vector<CoalitionParty>& parties, std::uint32_t mask) {
  std::int64_t s = 0;
  for (std::size_t i = 0; i < parties.size(); ++i) {
    if ((mask >> i) & 1) s += parties[i].seats;
  }
  return s;
}

Set Ids(const std::vector<CoalitionParty>& parties, std::uint32_t mask) {
  Set ids;
  for (std::size_t i = 0; i < parties.size(); ++i) {
    if ((mask >> i) & 1) ids.push_back(parties[i].id);
  }
  return ids;
}

std::uint32_t Bit(const std::vector<CoalitionParty>& parties, const std::string& id) {
  for (std::size_t i = 0; i < parties.size(); ++i) {
    if (parties[i].id == id) return std::uint32_t{1} << i;
  }
  return 0;
}

bool MeetsConstraints(const std::vector<CoalitionParty>& parties, std::uint32_t mask,
                      const CoalitionOptions& options) {
  for (const std::string& r : options.required) {
    if ((mask & Bit(parties, r)) == 0) return false;
  }
  for (const auto& [a, b] : options.incompatible) {
    if ((mask & Bit(parties, a)) && (mask & Bit(parties, b))) return false;
  }
  return true;
}

// Every subset: winning, and losing without any one member.
std::set<Set> BruteMinimalWinning(const std::vector<CoalitionParty>& parties, std::int64_t quota,
                                  const CoalitionOptions& options) {
  std::set<Set> out;
  for (std::uint32_t mask = 1; mask < (std::uint32_t{1} << parties.size()); ++mask) {
    const std::int64_t seats = Seats(parties, mask);
    if (seats < quota || !MeetsConstraints(parties, mask, options)) continue;
    bool minimal = true;
    for (std::size_t i = 0; i < parties.size(); ++i) {
      if (((mask >> i) & 1) && seats - parties[i].seats >= quota) minimal = false;
    }
    if (minimal) out.insert(Ids(parties, mask));
  }
  return out;
}

// Every set of parties with seats that is an interval of the left-right order (parties have
// distinct positions; parties without seats are not on the scale), wins, and loses without
// either end.
std::set<Set> BruteMinimalConnected(const std::vector<CoalitionParty>& parties, std::int64_t quota,
                                    const CoalitionOptions& options) {
  std::set<Set> out;
  std::uint32_t seated = 0;
  for (std::size_t i = 0; i < parties.size(); ++i) {
    if (parties[i].seats > 0) seated |= std::uint32_t{1} << i;
  }
  for (std::uint32_t mask = 1; mask < (std::uint32_t{1} << parties.size()); ++mask) {
    if ((mask & ~seated) != 0) continue;
    if (Seats(parties, mask) < quota || !MeetsConstraints(parties, mask, options)) continue;
    double low = 1e9, high = -1e9;
    for (std::size_t i = 0; i < parties.size(); ++i) {
      if ((mask >> i) & 1) {
        low = std::min(low, *parties[i].position);
        high = std::max(high, *parties[i].position);
      }
    }
    bool connected = true;
    std::size_t low_party = 0, high_party = 0;
    for (std::size_t i = 0; i < parties.size(); ++i) {
      const double x = *parties[i].position;
      if (!((mask >> i) & 1) && ((seated >> i) & 1) && x > low && x < high) connected = false;
      if (x == low) low_party = i;
      if (x == high) high_party = i;
    }
    if (!connected) continue;
    const std::int64_t seats = Seats(parties, mask);
    const bool single = low_party == high_party;
    if (!single &&
        (seats - parties[low_party].seats >= quota || seats - parties[high_party].seats >= quota)) {
      continue;
    }
    out.insert(Ids(parties, mask));
  }
  return out;
}

std::set<Set> AsSets(const CoalitionReport& report) {
  std::set<Set> out;
  for (const Coalition& c : report.coalitions) out.insert(c.parties);
  return out;
}

std::vector<CoalitionParty> RandomParliament(std::mt19937& rng, int n) {
  std::vector<CoalitionParty> parties;
  parties.reserve(static_cast<std::size_t>(n));
  std::vector<double> positions(static_cast<std::size_t>(n));
  std::iota(positions.begin(), positions.end(), 0.0);
  std::shuffle(positions.begin(), positions.end(), rng);
  for (int i = 0; i < n; ++i) {
    parties.push_back({.id = "p" + std::to_string(i),
                       .seats = static_cast<std::int64_t>(rng() % (i % 3 == 0 ? 120 : 15)),
                       .position = positions[static_cast<std::size_t>(i)] / 2});
  }
  parties[0].seats += 1;
  return parties;
}

TEST(CoalitionTest, MatchesBruteForceOnRandomParliamentsWithConstraints) {
  std::mt19937 rng(2022);
  for (int trial = 0; trial < 200; ++trial) {
    const int n = 1 + static_cast<int>(rng() % 13);
    const std::vector<CoalitionParty> parties = RandomParliament(rng, n);
    std::int64_t total = 0;
    for (const auto& p : parties) total += p.seats;
    const std::int64_t quota =
        1 + static_cast<std::int64_t>(rng() % static_cast<std::uint32_t>(total));
    CoalitionOptions options;
    if (n > 2 && rng() % 2 == 0)
      options.incompatible.push_back(
          {"p0", "p" + std::to_string(1 + rng() % static_cast<std::uint32_t>(n - 1))});
    if (n > 3 && rng() % 3 == 0)
      options.required.push_back("p" + std::to_string(rng() % static_cast<std::uint32_t>(n)));
    SCOPED_TRACE("trial " + std::to_string(trial));
    for (CoalitionTheory theory :
         {CoalitionTheory::kMinimumSize, CoalitionTheory::kFewestParties,
          CoalitionTheory::kMinimalRange, CoalitionTheory::kMinimalConnected}) {
      options.theory = theory;
      const Result<CoalitionReport> report = ListCoalitions(parties, quota, options);
      ASSERT_TRUE(report.ok()) << report.status().ToString();
      const std::set<Set> expected = theory == CoalitionTheory::kMinimalConnected
                                         ? BruteMinimalConnected(parties, quota, options)
                                         : BruteMinimalWinning(parties, quota, options);
      EXPECT_EQ(AsSets(*report), expected) << EnumName(theory);
      EXPECT_EQ(report->coalitions.size(), expected.size());
      const auto& c = report->coalitions;
      for (std::size_t k = 1; k < c.size(); ++k) {
        switch (theory) {
          case CoalitionTheory::kMinimumSize:
          case CoalitionTheory::kMinimalConnected:
            EXPECT_LE(c[k - 1].seats, c[k].seats);
            break;
          case CoalitionTheory::kFewestParties:
            EXPECT_LE(c[k - 1].parties.size(), c[k].parties.size());
            break;
          case CoalitionTheory::kMinimalRange:
            EXPECT_LE(*c[k - 1].range, *c[k].range);
            break;
        }
      }
      for (const Coalition& coalition : c) {
        EXPECT_EQ(coalition.surplus, coalition.seats - quota);
        if (theory == CoalitionTheory::kMinimalConnected) {
          EXPECT_TRUE(coalition.connected);
        }
      }
    }
    if (options.incompatible.empty()) {
      const Result<std::string> count =
          CountMinimalWinningCoalitions(parties, quota, options.required);
      ASSERT_TRUE(count.ok());
      EXPECT_EQ(*count, std::to_string(BruteMinimalWinning(parties, quota, options).size()));
    }
  }
}

TEST(CoalitionTest, NamesTheoriesAndTakesTheTheoristsAsAliases) {
  EXPECT_EQ(EnumChoices<CoalitionTheory>(),
            "minimum-size, fewest-parties, minimal-range or minimal-connected");
  EXPECT_EQ(ParseEnum<CoalitionTheory>("axelrod"), CoalitionTheory::kMinimalConnected);
  EXPECT_EQ(ParseEnum<CoalitionTheory>("riker"), CoalitionTheory::kMinimumSize);
  EXPECT_EQ(EnumName(CoalitionTheory::kMinimalRange), "minimal-range");
}

TEST(CoalitionTest, RefusesToListMillionsAndGivesTheCount) {
  std::vector<CoalitionParty> parties;
  parties.reserve(40);
  for (int i = 0; i < 40; ++i) parties.push_back({.id = "m" + std::to_string(i), .seats = 1});
  const Result<CoalitionReport> report = ListCoalitions(parties, 21, {});
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), ErrorCode::kTooLarge);
  // C(40, 21) minimal winning coalitions.
  EXPECT_NE(report.status().message().find("131282408400"), std::string::npos)
      << report.status().message();
  EXPECT_EQ(*CountMinimalWinningCoalitions(parties, 21), "131282408400");
  // With an incompatibility the count is found by search, and the search gives up in time.
  const Result<CoalitionReport> constrained =
      ListCoalitions(parties, 21, {.max_coalitions = 1000, .incompatible = {{"m0", "m1"}}});
  ASSERT_FALSE(constrained.ok());
  EXPECT_EQ(constrained.status().code(), ErrorCode::kTooLarge);
  EXPECT_NE(constrained.status().message().find("at least"), std::string::npos);
}

TEST(CoalitionTest, ReportsRangeAndConnectedness) {
  const std::vector<CoalitionParty> parties = {{.id = "L", .seats = 40, .position = 1},
                                               {.id = "C", .seats = 20, .position = 5},
                                               {.id = "R", .seats = 45, .position = 9},
                                               {.id = "X", .seats = 5}};
  const Result<CoalitionReport> report = ListCoalitions(parties, 56);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->coalitions.size(), 3u);
  // {L, C} and {C, R} both span 4; {L, R} spans 8.
  EXPECT_EQ(report->coalitions[0].parties, (Set{"L", "C"}));
  EXPECT_EQ(*report->coalitions[0].range, 4.0);
  EXPECT_EQ(report->coalitions[1].parties, (Set{"C", "R"}));
  EXPECT_FALSE(report->coalitions[0].connected);  // X's position is unknown
  EXPECT_EQ(report->coalitions[2].parties, (Set{"L", "R"}));
  EXPECT_EQ(report->coalitions[2].surplus, 29);
}

// Issue 13: minimal-range, like minimal-connected, places every party with seats on the scale,
// so a party without a position is an error rather than a coalition ranked last.
TEST(CoalitionTest, RangeTheoriesNeedEveryPartysPosition) {
  const std::vector<CoalitionParty> parties = {{.id = "L", .seats = 40, .position = 1},
                                               {.id = "C", .seats = 20, .position = 5},
                                               {.id = "X", .seats = 5},
                                               {.id = "Y", .seats = 0}};
  for (CoalitionTheory theory :
       {CoalitionTheory::kMinimalRange, CoalitionTheory::kMinimalConnected}) {
    const Result<CoalitionReport> report = ListCoalitions(parties, 33, {.theory = theory});
    ASSERT_FALSE(report.ok()) << EnumName(theory);
    EXPECT_EQ(report.status().code(), ErrorCode::kInvalidValue);
    EXPECT_EQ(report.status().where().path, "parties[2].position");
    EXPECT_NE(report.status().message().find(std::string(EnumName(theory)) + " coalitions need"),
              std::string::npos)
        << report.status().message();
  }
  EXPECT_TRUE(ListCoalitions(parties, 33, {.theory = CoalitionTheory::kFewestParties}).ok());
}

TEST(CoalitionTest, RejectsBadInput) {
  auto expect = [](const Result<CoalitionReport>& r, ErrorCode code, const std::string& path) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), code) << r.status().ToString();
    EXPECT_EQ(r.status().where().path, path) << r.status().ToString();
  };
  const std::vector<CoalitionParty> ok = {{.id = "A", .seats = 3}, {.id = "B", .seats = 2}};
  expect(ListCoalitions({{.id = "A", .seats = 3}, {.id = "A", .seats = 2}}, 3),
         ErrorCode::kDuplicateId, "parties[1].id");
  expect(ListCoalitions({{.id = "A", .seats = -3}}, 3), ErrorCode::kNegativeSeats,
         "parties[0].seats");
  expect(ListCoalitions(ok, 6), ErrorCode::kInvalidGame, "quota");
  expect(ListCoalitions(ok, 0), ErrorCode::kInvalidGame, "quota");
  expect(ListCoalitions(ok, 3, {.required = {"Z"}}), ErrorCode::kUnknownId, "required[0]");
  expect(ListCoalitions(ok, 3, {.incompatible = {{"A", "Z"}}}), ErrorCode::kUnknownId,
         "incompatible[0]");
  expect(ListCoalitions(ok, 3, {.theory = CoalitionTheory::kMinimalConnected}),
         ErrorCode::kInvalidValue, "parties[0].position");
}

TEST(CoalitionTest, FindsPivotalPartiesAndWhatTheUndecidedCanCarry) {
  // A no-confidence motion needing 172 of 342: the opposition has 162 for it.
  const std::vector<SidedParty> parties = {
      {.id = "PTI", .seats = 155, .side = Side::kAgainst},
      {.id = "MQM", .seats = 7, .side = Side::kUndecided},
      {.id = "PMLQ", .seats = 5, .side = Side::kUndecided},
      {.id = "BAP", .seats = 5, .side = Side::kUndecided},
      {.id = "GDA", .seats = 3, .side = Side::kUndecided},
      {.id = "OPP", .seats = 162, .side = Side::kFor},
      {.id = "IND", .seats = 5, .side = Side::kAgainst},
  };
  const Result<MotionBalance> balance = BalanceOfMotion(parties, 172);
  ASSERT_TRUE(balance.ok()) << balance.status().ToString();
  EXPECT_FALSE(balance->carried);
  EXPECT_EQ(balance->for_seats, 162);
  EXPECT_EQ(balance->pivotal, (Set{"PTI"}));
  std::set<Set> with;
  for (const Coalition& c : balance->with_undecided) with.insert(c.parties);
  EXPECT_EQ(with,
            (std::set<Set>{{"MQM", "PMLQ"}, {"MQM", "BAP"}, {"MQM", "GDA"}, {"PMLQ", "BAP"}}));
  EXPECT_EQ(balance->with_undecided.front().seats, 172);  // MQM + GDA: exactly the quota

  // Once carried with MQM and GDA, each of them (and the opposition) could sink it.
  std::vector<SidedParty> after = parties;
  after[1].side = Side::kFor;
  after[4].side = Side::kFor;
  const Result<MotionBalance> carried = BalanceOfMotion(after, 172);
  ASSERT_TRUE(carried.ok());
  EXPECT_TRUE(carried->carried);
  EXPECT_EQ(carried->pivotal, (Set{"MQM", "GDA", "OPP"}));
  EXPECT_TRUE(carried->with_undecided.empty());
}

TEST(CoalitionTest, BalanceFollowsABarThatMovesWithTurnout) {
  // A simple majority of the votes cast: abstaining lowers the bar, which a fixed quota on
  // every seat (58 of 115) would miss.
  const CarriesTest cast_majority = [](std::int64_t for_seats, std::int64_t against, std::int64_t) {
    return for_seats > against;
  };
  const std::vector<SidedParty> parties = {
      {.id = "A", .seats = 40, .side = Side::kFor},
      {.id = "B", .seats = 45, .side = Side::kAgainst},
      {.id = "C", .seats = 20, .side = Side::kAbstain},
      {.id = "D", .seats = 10, .side = Side::kUndecided},
  };
  const Result<MotionBalance> balance = BalanceOfMotion(parties, cast_majority);
  ASSERT_TRUE(balance.ok()) << balance.status().ToString();
  EXPECT_FALSE(balance->carried);
  EXPECT_EQ(balance->needed, 46);
  EXPECT_EQ(balance->pivotal, (Set{"B", "C", "D"}));
  ASSERT_EQ(balance->with_undecided.size(), 1u);
  EXPECT_EQ(balance->with_undecided[0].parties, (Set{"D"}));
  EXPECT_EQ(balance->with_undecided[0].seats, 50);

  // Carried 50 to 45: either party for it could sink it by voting against.
  const std::vector<SidedParty> carried_parties = {
      {.id = "A", .seats = 40, .side = Side::kFor},
      {.id = "E", .seats = 10, .side = Side::kFor},
      {.id = "B", .seats = 45, .side = Side::kAgainst},
      {.id = "C", .seats = 20, .side = Side::kAbsent},
  };
  const Result<MotionBalance> carried = BalanceOfMotion(carried_parties, cast_majority);
  ASSERT_TRUE(carried.ok());
  EXPECT_TRUE(carried->carried);
  EXPECT_EQ(carried->needed, 46);
  EXPECT_EQ(carried->pivotal, (Set{"A", "E"}));
  EXPECT_TRUE(carried->with_undecided.empty());

  // A quorum no turnout can meet: no number of votes is enough.
  const Result<MotionBalance> never =
      BalanceOfMotion(parties, [](std::int64_t, std::int64_t, std::int64_t) { return false; });
  ASSERT_TRUE(never.ok());
  EXPECT_FALSE(never->needed.has_value());
  EXPECT_TRUE(never->pivotal.empty());
  EXPECT_TRUE(never->with_undecided.empty());
}

TEST(CoalitionTest, BalanceMatchesDirectEvaluationOnRandomMotions) {
  std::mt19937_64 rng(41);
  for (int trial = 0; trial < 300; ++trial) {
    const int n = 2 + static_cast<int>(rng() % 7);
    std::vector<SidedParty> parties;
    parties.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
      parties.push_back({.id = "P" + std::to_string(i),
                         .seats = 1 + static_cast<std::int64_t>(rng() % 40),
                         .side = static_cast<Side>(rng() % 5)});
    }
    // More than num/den of the votes cast, with a quorum on those present.
    const std::int64_t num = 1 + static_cast<std::int64_t>(rng() % 3);
    const std::int64_t den = num + 1 + static_cast<std::int64_t>(rng() % 2);
    const std::int64_t quorum = static_cast<std::int64_t>(rng() % 60);
    const CarriesTest carries = [=](std::int64_t f, std::int64_t a, std::int64_t ab) {
      return f * den > num * (f + a) && f + a + ab >= quorum;
    };
    const Result<MotionBalance> balance = BalanceOfMotion(parties, carries);
    ASSERT_TRUE(balance.ok()) << balance.status().ToString();
    std::int64_t f = 0, a = 0, ab = 0, total = 0;
    for (const SidedParty& p : parties) {
      total += p.seats;
      if (p.side == Side::kFor) f += p.seats;
      if (p.side == Side::kAgainst) a += p.seats;
      if (p.side == Side::kAbstain) ab += p.seats;
    }
    EXPECT_EQ(balance->carried, carries(f, a, ab));
    std::optional<std::int64_t> needed;
    // The bar may lie beyond the seats that could still join (as the tally reports it).
    for (std::int64_t x = 0; x <= 64 * (total + 1) && !needed; ++x) {
      if (carries(x, a, ab)) needed = x;
    }
    EXPECT_EQ(balance->needed, needed) << "trial " << trial;
    Set pivotal;
    for (const SidedParty& p : parties) {
      const bool flips =
          balance->carried ? p.side == Side::kFor && !carries(f - p.seats, a + p.seats, ab)
                           : p.side != Side::kFor &&
                                 carries(f + p.seats, a - (p.side == Side::kAgainst ? p.seats : 0),
                                         ab - (p.side == Side::kAbstain ? p.seats : 0));
      if (flips) pivotal.push_back(p.id);
    }
    EXPECT_EQ(balance->pivotal, pivotal) << "trial " << trial;
    // Every group listed carries it and is minimal: without any one member it does not.
    for (const Coalition& c : balance->with_undecided) {
      std::int64_t joined = 0;
      std::vector<std::int64_t> seats;
      for (const std::string& id : c.parties) {
        for (const SidedParty& p : parties) {
          if (p.id == id) {
            EXPECT_EQ(p.side, Side::kUndecided);
            joined += p.seats;
            seats.push_back(p.seats);
          }
        }
      }
      EXPECT_TRUE(carries(f + joined, a, ab)) << "trial " << trial;
      for (std::int64_t s : seats)
        EXPECT_FALSE(carries(f + joined - s, a, ab)) << "trial " << trial;
    }
  }
}

}  // namespace
}  // namespace whipcount
