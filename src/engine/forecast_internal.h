// Internal to the forecast engine (forecast*.cc): the model turned into units that the exact and
// Monte Carlo methods both walk, and the raw results they hand back.
#ifndef WHIPCOUNT_ENGINE_FORECAST_INTERNAL_H_
#define WHIPCOUNT_ENGINE_FORECAST_INTERNAL_H_

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "whipcount/forecast.h"
#include "whipcount/tally.h"

namespace whipcount::forecast_internal {

// What one member's vote becomes in the counts. A vote against a whipped line while the
// anti-defection rule discounts defectors is kDiscounted (present, not cast).
enum Bucket : int { kFor = 0, kAgainst = 1, kAbstain = 2, kAbsent = 3, kDiscounted = 4 };
inline constexpr int kOutcomes = 5;
using Probs = std::array<double, kOutcomes>;

// The four actions a member can take, in VoteProbabilities order.
inline constexpr int kActions = 4;

// The correlation a party's draws follow: beta-binomial at ρ = 1 is the bloc model, at ρ = 0
// the independent one.
inline Correlation EffectiveCorrelation(Correlation correlation, double rho) {
  if (correlation != Correlation::kBetaBinomial) return correlation;
  if (rho >= 1) return Correlation::kBloc;
  if (rho <= 0) return Correlation::kIndependent;
  return correlation;
}

// A party's members as one unit: K of its n members follow the line, K ~ w; the other n − K
// act independently by `q`. The line is action a with probability line[a].
struct PartyUnit {
  int model_index = 0;  // into ResolvedModel::parties
  int n = 0;
  Probs q{};                                 // non-followers, by outcome
  std::array<double, kActions> line{};       // chance of each line
  std::array<int, kActions> line_outcome{};  // outcome of following each line
  std::vector<double> w;                     // P(K = j), j = 0..n
  std::vector<double> dw;                    // dP(K = j) / dcohesion
};

// A member modelled alone.
struct MemberUnit {
  int model_index = 0;                     // into ResolvedModel::members
  Probs p{};                               // by outcome
  std::array<int, kActions> outcome_of{};  // the outcome each action becomes
};

// What both methods walk. It lives only within one Forecast() call: `rule` is the caller's, and
// nothing the report keeps refers to it.
struct Plan {
  const Rule* rule = nullptr;
  VoteContext context;
  int chair_seat = 0;
  int voters = 0;
  std::vector<PartyUnit> parties;
  std::vector<MemberUnit> members;
};

Plan MakePlan(const ResolvedModel& model, const Rule& rule);

// Counts for Decide() from outcome totals.
inline Counts MakeCounts(int for_votes, int against, int abstain, int discounted, int absent,
                         int chair_seat) {
  Counts c;
  c.for_votes = for_votes;
  c.against = against;
  c.abstain = abstain;
  c.discounted = discounted;
  c.absent = absent;
  c.chair = chair_seat;
  return c;
}

// What both methods produce; Forecast() adds the summaries.
struct RawForecast {
  Method method = Method::kExact;
  std::optional<StateSpace> space;
  std::int64_t cells = 0;
  double p_pass = 0;
  double standard_error = 0;
  double margin_standard_error = 0;
  CountDistribution for_votes;
  CountDistribution margin;
  std::vector<PartySensitivity> parties;  // plan order
  std::vector<MemberSensitivity> members;
  std::int64_t draws = 0;
  int threads = 0;
};

// The exact state-space size for the plan (cells over all systems), or nullopt if it overflows.
std::int64_t ExactCells(const Plan& plan, ExactSpace space);
// The estimated member-steps of each method (ForecastOptions::max_work), in floating point so
// that no request can overflow them.
double ExactWork(const Plan& plan, const ForecastOptions& options);
double MonteCarloWork(const Plan& plan, std::int64_t draws);
RawForecast ExactForecast(const Plan& plan, const ResolvedModel& model,
                          const ForecastOptions& options);
RawForecast MonteCarloForecast(const Plan& plan, const ResolvedModel& model,
                               const ForecastOptions& options);

}  // namespace whipcount::forecast_internal

#endif  // WHIPCOUNT_ENGINE_FORECAST_INTERNAL_H_
