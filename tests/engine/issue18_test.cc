// Regression tests for issue 18 (hardening), the engine's limits: each wrong answer, memory
// blow-up or unbounded run the issue lists has its minimal input here.
#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "whipcount/forecast.h"
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
      .method = Method::kMonteCarlo, .max_work = 53 * 1000, .draws = 1000};
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

}  // namespace
}  // namespace whipcount
