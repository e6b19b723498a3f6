// Regression tests for issue 18 (hardening), the engine's limits: each wrong answer, memory
// blow-up or unbounded run the issue lists has its minimal input here.
#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "whipcount/coalition.h"
#include "whipcount/forecast.h"
#include "whipcount/power.h"
#include "whipcount/tally.h"

namespace whipcount {
namespace {

// A chamber of two parties, one against and one for, every seat filled.
State AgainstAndFor(int against, int for_votes) {
  State s;
  s.chamber.statutory_seats = against + for_votes;
  s.chamber.parties = {{.id = "A", .short_name = "A", .seats = against},
                       {.id = "B", .short_name = "B", .seats = for_votes}};
  s.stances.parties = {{"A", Stance::kAgainst}, {"B", Stance::kFor}};
  return s;
}

Rule OfVotesCast(std::int64_t num, std::int64_t den) {
  return Rule{.id = "r",
              .thresholds = {{.fraction = {num, den}, .strict = true, .base = Base::kVotesCast}}};
}

// Every member votes as declared: each method must give the tally's counts, and no other.
ForecastModel Certainty() {
  ForecastModel model;
  model.parties["A"] = {.cohesion = 1.0};
  model.parties["B"] = {.cohesion = 1.0};
  return model;
}

// --- The margin in 64 bits (forecast_montecarlo.cc, forecast_exact.cc) -------------------------

TEST(Issue18Test, MonteCarloMarginIsTheTallysPastThirtyTwoBits) {
  // 999999/1000000 of the votes cast against 3,000 votes needs 2,999,997,001 for: the margin
  // -2,999,995,001 printed as +1350515211.2 when the requirement was cut to 32 bits.
  const State s = AgainstAndFor(3000, 2000);
  const Rule rule = OfVotesCast(999999, 1000000);
  const Tally tally = CountVotes(s, rule, Motion{});
  ASSERT_EQ(tally.margin, -2'999'995'001);
  Result<ForecastReport> r = Forecast(s, rule, Motion{}, Certainty(),
                                      {.method = Method::kMonteCarlo, .draws = 2000, .threads = 2});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->margin.points.size(), 1u);  // one value, not a dense range of three billion
  EXPECT_EQ(r->margin.points[0].value, tally.margin);
  EXPECT_EQ(r->margin_low, tally.margin);
  EXPECT_EQ(r->margin_high, tally.margin);
  EXPECT_DOUBLE_EQ(r->expected_margin, static_cast<double>(tally.margin));
}

TEST(Issue18Test, ExactMarginIsTheTallysPastThirtyTwoBits) {
  // The smallest chamber whose requirement passes 2^31: 999999 · 2,150 against + 1.
  const State s = AgainstAndFor(2150, 10);
  const Rule rule = OfVotesCast(999999, 1000000);
  const Tally tally = CountVotes(s, rule, Motion{});
  ASSERT_LT(tally.margin, std::numeric_limits<int>::min());
  Result<ForecastReport> r = Forecast(
      s, rule, Motion{}, Certainty(),
      {.method = Method::kExact, .sensitivity = Sensitivity::kSkip, .max_exact_cells = 5'000'000});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->margin.points.size(), 1u);
  EXPECT_EQ(r->margin.points[0].value, tally.margin);
  EXPECT_EQ(r->margin_low, tally.margin);
  EXPECT_DOUBLE_EQ(r->margin.At(tally.margin), 1.0);
}

TEST(Issue18Test, AnUncertainMarginKeepsOnlyTheValuesDrawn) {
  // Each vote against moves the requirement by about a million: a dense histogram spans
  // hundreds of millions of values (3.1 GB for one 5,000-seat file).
  const State s = AgainstAndFor(3000, 2000);
  Result<ForecastReport> r = Forecast(s, OfVotesCast(999999, 1000000), Motion{}, {},
                                      {.method = Method::kMonteCarlo, .draws = 5000});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_LE(r->margin.points.size(), 5000u);
  EXPECT_LT(r->margin.hi() - r->margin.lo(), std::int64_t{1} << 40);
  EXPECT_GT(r->margin.hi() - r->margin.lo(), 100'000'000);
  EXPECT_LT(r->expected_margin, -1e9);
  EXPECT_LE(r->margin_low, r->margin_high);
}

// --- Work refused up front (ForecastOptions::max_work) ----------------------------------------

TEST(Issue18Test, AForecastOfTenMillionSeatsIsRefusedWithAnEstimate) {
  // Too large for the exact method, it fell back to a million draws of ten million voters:
  // about eight hours without a word.
  const State s = AgainstAndFor(6'000'000, 4'000'000);
  Result<ForecastReport> r = Forecast(s, OfVotesCast(1, 2), Motion{}, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kTooLarge);
  EXPECT_NE(r.status().message().find("1000000 draws of 10000000 voters"), std::string::npos)
      << r.status().message();
  EXPECT_NE(r.status().message().find("about 1.0e13 member-steps (about 3 hours"),
            std::string::npos)
      << r.status().message();
  EXPECT_NE(r.status().message().find("use --draws 9999 or fewer"), std::string::npos)
      << r.status().message();
}

TEST(Issue18Test, TenBillionDrawsAreRefusedAndABudgetJustEnoughRuns) {
  const State s = AgainstAndFor(30, 20);
  const Rule rule = OfVotesCast(1, 2);
  Result<ForecastReport> huge =
      Forecast(s, rule, Motion{}, {}, {.method = Method::kMonteCarlo, .draws = 10'000'000'000});
  ASSERT_FALSE(huge.ok());
  EXPECT_EQ(huge.status().code(), ErrorCode::kTooLarge);
  // 50 voters and 2 parties: 53 member-steps a draw. At the budget it runs; one past, it does not.
  const ForecastOptions at_limit{
      .method = Method::kMonteCarlo, .max_work = std::int64_t{53} * 1000, .draws = 1000};
  EXPECT_TRUE(Forecast(s, rule, Motion{}, {}, at_limit).ok());
  ForecastOptions past = at_limit;
  past.max_work -= 1;
  Result<ForecastReport> refused = Forecast(s, rule, Motion{}, {}, past);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("use --draws 999 or fewer"), std::string::npos)
      << refused.status().message();
  past.max_work = 0;
  EXPECT_EQ(Forecast(s, rule, Motion{}, {}, past).status().code(), ErrorCode::kUsage);
}

TEST(Issue18Test, AnExactForecastOverTheBudgetFallsBackOrIsRefused) {
  const State s = AgainstAndFor(30, 20);
  const Rule rule = OfVotesCast(2, 3);  // for-against space: 51 × 51 states
  const ForecastOptions tight{.max_work = 200'000, .draws = 1000};
  Result<ForecastReport> automatic = Forecast(s, rule, Motion{}, {}, tight);
  ASSERT_TRUE(automatic.ok()) << automatic.status().ToString();
  EXPECT_EQ(automatic->method, Method::kMonteCarlo);
  ForecastOptions exact = tight;
  exact.method = Method::kExact;
  Result<ForecastReport> refused = Forecast(s, rule, Motion{}, {}, exact);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), ErrorCode::kTooLarge);
  EXPECT_NE(refused.status().message().find("an exact forecast over 2601 states of 50 voters"),
            std::string::npos)
      << refused.status().message();
}

// --- Sums of weights at the limit (power.h: kMaxTotalWeight) --------------------------------

TEST(Issue18Test, WeightsMayAddUpToTwoToTheSixtyTwoAndNoFurther) {
  // Two weights of 2^62 each were accepted and added up to -9223372036854775808.
  constexpr std::int64_t kHalf = kMaxTotalWeight / 2;
  const VotingGame at_limit = WeightedGame({kHalf, kHalf}, kHalf + 1);
  ASSERT_TRUE(Validate(at_limit).ok());
  Result<PowerReport> power = ComputePower(at_limit);
  ASSERT_TRUE(power.ok()) << power.status().ToString();
  EXPECT_EQ(power->winning_coalitions, "1");
  const VotingGame past = WeightedGame({kHalf, kHalf + 1}, kHalf + 1);
  EXPECT_EQ(Validate(past).code(), ErrorCode::kInvalidGame);
  EXPECT_EQ(ComputePower(past).status().code(), ErrorCode::kInvalidGame);
  EXPECT_EQ(Validate(WeightedGame({kMaxTotalWeight, kMaxTotalWeight}, 1)).code(),
            ErrorCode::kInvalidGame);

  const std::vector<CoalitionParty> fits = {{.id = "A", .seats = kHalf},
                                            {.id = "B", .seats = kHalf}};
  Result<CoalitionReport> listed = ListCoalitions(fits, kMaxTotalWeight);
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  ASSERT_EQ(listed->coalitions.size(), 1u);
  EXPECT_EQ(listed->coalitions[0].seats, kMaxTotalWeight);
  const std::vector<CoalitionParty> over = {{.id = "A", .seats = kHalf},
                                            {.id = "B", .seats = kHalf + 1}};
  EXPECT_EQ(ListCoalitions(over, kHalf).status().code(), ErrorCode::kInvalidGame);
  EXPECT_EQ(CountMinimalWinningCoalitions(over, kHalf).status().code(), ErrorCode::kInvalidGame);
  const std::vector<SidedParty> sides = {{.id = "A", .seats = kHalf, .side = Side::kFor},
                                         {.id = "B", .seats = kHalf + 1, .side = Side::kAgainst}};
  EXPECT_EQ(BalanceOfMotion(sides, 1).status().code(), ErrorCode::kInvalidGame);
}

// --- Coalitions in bounded memory and time (coalition.cc) ---------------------------------------

std::vector<CoalitionParty> EqualParties(int n, std::int64_t seats = 1) {
  std::vector<CoalitionParty> parties;
  parties.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) parties.push_back({.id = "p" + std::to_string(i), .seats = seats});
  return parties;
}

TEST(Issue18Test, AHundredPlayersWithALargeQuotaAreCountedNotExhaustMemory) {
  // As the normal_sqrd n=100 benchmark game (quota 504,097): the count by search kept every
  // coalition it met and ended in std::bad_alloc.
  std::vector<CoalitionParty> parties;
  std::int64_t total = 0;
  for (int i = 0; i < 100; ++i) {
    const std::int64_t w = 5000 + (i * 7919) % 10000;
    parties.push_back({.id = "p" + std::to_string(i), .seats = w});
    total += w;
  }
  Result<CoalitionReport> r = ListCoalitions(parties, total / 2 + 1);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kTooLarge);
  // The exact count, far beyond 64 bits.
  const std::string& message = r.status().message();
  const std::size_t digits = message.find_first_not_of("0123456789");
  EXPECT_GT(digits, 20u) << message;
  Result<std::string> count = CountMinimalWinningCoalitions(parties, total / 2 + 1);
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(message.substr(0, digits), *count);
}

TEST(Issue18Test, CountsPastSixtyFourBitsAgreeWithThePowerEngine) {
  // 90 players: the count needs two 64-bit limbs; the power engine counts by other means.
  std::vector<CoalitionParty> parties;
  std::vector<std::int64_t> weights;
  std::int64_t total = 0;
  for (int i = 0; i < 90; ++i) {
    const std::int64_t w = 100 + (i * 37) % 1000;
    parties.push_back({.id = "p" + std::to_string(i), .seats = w});
    weights.push_back(w);
    total += w;
  }
  const std::int64_t quota = total / 2 + 1;
  Result<std::string> count = CountMinimalWinningCoalitions(parties, quota);
  ASSERT_TRUE(count.ok());
  Result<PowerReport> power =
      ComputePower(WeightedGame(weights, quota), {.indices = {PowerIndex::kPublicGood}});
  ASSERT_TRUE(power.ok()) << power.status().ToString();
  EXPECT_EQ(*count, power->minimal_winning_coalitions.value_or(""));
  EXPECT_GT(count->size(), 20u) << *count;  // past 2^64
}

TEST(Issue18Test, TenThousandEqualPlayersAreRefusedQuickly) {
  const std::vector<CoalitionParty> parties = EqualParties(10'000);
  Result<CoalitionReport> majority = ListCoalitions(parties, 5001);
  ASSERT_FALSE(majority.ok());
  EXPECT_EQ(majority.status().code(), ErrorCode::kTooLarge);
  EXPECT_NE(majority.status().message().find("at least 18446744073709551615"), std::string::npos)
      << majority.status().message();
  // Pairs: few enough to allow, too many party places to hold.
  Result<CoalitionReport> pairs = ListCoalitions(parties, 2, {.max_coalitions = 100'000'000});
  ASSERT_FALSE(pairs.ok());
  EXPECT_EQ(pairs.status().code(), ErrorCode::kTooLarge);
  EXPECT_NE(pairs.status().message().find("more than 4000000 party places"), std::string::npos)
      << pairs.status().message();
  // Exactly, the count is C(10000, 2) = 49,995,000.
  EXPECT_EQ(*CountMinimalWinningCoalitions(parties, 2), "49995000");
}

TEST(Issue18Test, ACoalitionOfTwoHundredThousandPartiesNeedsNoDeepRecursion) {
  // Every party needed: the search descends 200,000 levels, past what a thread's stack holds
  // when each level is a call.
  const std::vector<CoalitionParty> parties = EqualParties(200'000);
  Result<CoalitionReport> r = ListCoalitions(parties, 200'000);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->coalitions.size(), 1u);
  EXPECT_EQ(r->coalitions[0].parties.size(), 200'000u);
}

TEST(Issue18Test, ConnectedCoalitionsOfManyPartiesTakeLinearTime) {
  // Each coalition looked at every party to say whether it was connected: quadratic.
  std::vector<CoalitionParty> parties = EqualParties(100'000);
  for (std::size_t i = 0; i < parties.size(); ++i) {
    parties[i].position = 10.0 * static_cast<double>(i) / static_cast<double>(parties.size());
  }
  Result<CoalitionReport> r =
      ListCoalitions(parties, 3, {.theory = CoalitionTheory::kMinimalConnected});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->coalitions.size(), 99'998u);
  EXPECT_TRUE(r->coalitions[0].connected);
  EXPECT_EQ(r->coalitions[0].parties, (std::vector<std::string>{"p0", "p1", "p2"}));
}

}  // namespace
}  // namespace whipcount
