// Forecast: the probability that a motion passes when members may not vote as declared.
//
// The model (docs/forecast.md has every formula and default): each party has a line (its declared
// stance, or a chance of each line when it is undecided), a cohesion c and a vector "otherwise"
// of what a member does when not held to the line. How a party's members move together is
// selectable (Correlation): as a bloc (with probability c the whole party votes its line, else
// every member acts alone), independently (each member follows the line with probability c), or
// beta-binomially (the number who follow the line is beta-binomial with mean c·n and intra-party
// correlation rho, which spans the other two). Members named in the chamber file whose stance
// differs from their party's line, or who are given probabilities of their own, are modelled one
// by one and independently. The presiding officer's seat is counted as the tally counts it.
//
// Forecast() evaluates every possible count of for / against / abstain / absent / discounted
// votes through Decide() (the motion's full rule: any base, quorum, ties, casting vote and the
// anti-defection rule in force on the date). Exactly, by dynamic programming over a state space
// chosen to be as small as the rule allows, or by seeded multi-threaded Monte Carlo.
//
// All types are plain values. Forecast() is a pure function of its arguments and safe to call
// from several threads at once; a Monte Carlo run starts its own worker threads and joins them
// before returning, and calls the progress callback on the calling thread only.
#ifndef WHIPCOUNT_FORECAST_H_
#define WHIPCOUNT_FORECAST_H_

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "whipcount/chamber.h"
#include "whipcount/date.h"
#include "whipcount/motion.h"
#include "whipcount/names.h"
#include "whipcount/result.h"
#include "whipcount/tally.h"
#include "whipcount/timeline.h"

namespace whipcount {

// The chances of one member's four possible actions. Valid vectors have every entry in [0, 1]
// and sum to 1 (within 1e-9).
struct VoteProbabilities {
  double for_votes = 0;
  double against = 0;
  double abstain = 0;
  double absent = 0;

  double Sum() const { return for_votes + against + abstain + absent; }
  bool operator==(const VoteProbabilities&) const = default;
};

// A member certain to act as `stance` (undecided: absent, as Decide treats the undecided).
VoteProbabilities Certain(Stance stance);

// How the members of one party move together.
enum class Correlation {
  kBloc,          // with probability c all vote the line; otherwise each acts alone ("mixture")
  kIndependent,   // each member follows the line with probability c, independently
  kBetaBinomial,  // followers ~ BetaBinomial(n, α, β), α = c(1−ρ)/ρ, β = (1−c)(1−ρ)/ρ
};

template <>
struct NameTable<Correlation> {
  static constexpr std::array kEntries{
      Named<Correlation>{Correlation::kBloc, "bloc"},
      Named<Correlation>{Correlation::kIndependent, "independent"},
      Named<Correlation>{Correlation::kBetaBinomial, "beta-binomial"},
  };
};

// Forecast settings for a party, or for every party of a bloc. Unset fields take the bloc's
// setting, then the default for the party's declared line (docs/forecast.md).
struct PartyAssumptions {
  // Probability that a member is held to the party line (see Correlation), in [0, 1].
  std::optional<double> cohesion;
  // What a member who is not held to the line does.
  std::optional<VoteProbabilities> otherwise;
  // The chance of each line the party may take. Default: its declared stance for certain; for
  // an undecided party, for or against at even odds.
  std::optional<VoteProbabilities> line;
  std::optional<Correlation> correlation;
  // Intra-party correlation for kBetaBinomial, in [0, 1] (0: independent, 1: bloc).
  std::optional<double> rho;

  bool operator==(const PartyAssumptions&) const = default;
};

// Everything the user says about behaviour. Empty means "all defaults".
struct ForecastModel {
  std::optional<Correlation> correlation;  // default for parties: kBloc (independents groups:
                                           // kIndependent, since each of them acts alone)
  std::optional<double> rho;               // default 0.5
  std::map<std::string, PartyAssumptions, std::less<>> blocs;
  std::map<std::string, PartyAssumptions, std::less<>> parties;
  // Members given probabilities of their own; they are modelled one by one.
  std::map<std::string, VoteProbabilities, std::less<>> members;

  bool operator==(const ForecastModel&) const = default;
};

// Checks ids against the chamber (kUnknownId) and every number (kInvalidValue: a probability
// outside [0, 1] or not finite, a vector that does not sum to 1). Paths look like
// "forecast.parties.PTI.cohesion" or "forecast.members.cheema".
Status Validate(const ForecastModel& model, const Chamber& chamber);

// A party as the forecast models it, every default filled in.
struct ModelledParty {
  std::string party;
  int members = 0;  // members modelled by the party: seats less the chair and those modelled alone
  Stance declared = Stance::kUndecided;  // its declared line; whipped when for or against
  VoteProbabilities line;
  double cohesion = 0;
  bool cohesion_given = false;  // set by the model (the party's or its bloc's); else the default
  VoteProbabilities otherwise;
  Correlation correlation = Correlation::kBloc;
  double rho = 0.5;  // used by kBetaBinomial only
  // One member's chances, marginally: cohesion·line + (1 − cohesion)·otherwise.
  VoteProbabilities marginal;
};

// A member modelled one by one.
struct ModelledMember {
  std::string member;
  std::string party;
  Stance declared = Stance::kUndecided;
  VoteProbabilities p;
  bool given = false;  // true: from the model; false: the default for the declared stance
  bool chair = false;  // the presiding officer voting as a member (never discounted)
};

struct ResolvedModel {
  std::vector<ModelledParty> parties;  // chamber order
  std::vector<ModelledMember> members;
  int voters = 0;  // members whose vote is uncertain: every party member plus those one by one
  // Votes against a whipped line (for/against) are not counted (anti-defection rule in force).
  bool discount_defectors = false;
  // The presiding officer's seat when they do not vote as a member (counted as Counts::chair).
  int chair_seat = 0;
  Stance chair_stance = Stance::kUndecided;
  VoteContext context;  // as CountVotes makes it (MakeVoteContext)
};

// The parties with members to model whose cohesion is the default for their declared line (0.8,
// or 0.5 for the undecided) rather than a value the model gave: what a forecast assumed, in
// chamber order.
std::vector<std::string> PartiesOnDefaultCohesion(const ResolvedModel& model);
// Those parties in a sentence a reader will not mistake for a finding: "Assumed, not measured:
// PTI, PML-N and 9 more parties vote their declared line with probability 0.8 (an undecided one
// splits evenly), whipcount's default; set cohesion in the file's forecast: section or with --set
// party:PTI.cohesion=0.9." Empty when the model set every cohesion.
std::string DefaultCohesionNote(const ResolvedModel& model);

// Fills in every default for the state on `date` (nullopt: the motion's date). The model must
// have passed Validate().
ResolvedModel Resolve(const State& state, const Rule& rule, const Motion& motion,
                      const ForecastModel& model, std::optional<Date> date = std::nullopt);

enum class Method {
  kAuto,        // exact when the state space is small enough, else Monte Carlo
  kExact,       // exact, or kTooLarge
  kMonteCarlo,  // always Monte Carlo
};

template <>
struct NameTable<Method> {
  static constexpr std::array kEntries{
      Named<Method>{Method::kAuto, "auto"},
      Named<Method>{Method::kExact, "exact"},
      Named<Method>{Method::kMonteCarlo, "montecarlo"},
      Named<Method>{Method::kMonteCarlo, "monte-carlo"},
  };
};

// Which state space the exact method uses (kSmallest unless checking one against another).
enum class ExactSpace {
  kSmallest,  // the fewest counts the rule needs (docs/forecast.md)
  kFull,      // for, against, abstain and discounted, whatever the rule
};

template <>
struct NameTable<ExactSpace> {
  static constexpr std::array kEntries{
      Named<ExactSpace>{ExactSpace::kSmallest, "smallest"},
      Named<ExactSpace>{ExactSpace::kFull, "full"},
  };
};

// The state space an exact forecast used: the counts each state holds (docs/forecast.md).
enum class StateSpace {
  kMargin,      // for − against: every threshold is 1/2 of the votes cast
  kFor,         // for: every threshold is over seats and no tie can matter
  kForAgainst,  // (for, against): thresholds over seats or votes cast
  kFull,  // (for, against, abstain [, discounted]): a base over members present or abstentions
};

template <>
struct NameTable<StateSpace> {
  static constexpr std::array kEntries{
      Named<StateSpace>{StateSpace::kMargin, "margin"},
      Named<StateSpace>{StateSpace::kFor, "for"},
      Named<StateSpace>{StateSpace::kForAgainst, "for-against"},
      Named<StateSpace>{StateSpace::kFull, "full"},
  };
};

// Whether Forecast() computes the parties' and members' sensitivities.
enum class Sensitivity { kCompute, kSkip };

template <>
struct NameTable<Sensitivity> {
  static constexpr std::array kEntries{
      Named<Sensitivity>{Sensitivity::kCompute, "compute"},
      Named<Sensitivity>{Sensitivity::kSkip, "skip"},
  };
};

struct ForecastOptions {
  // Date of the vote for the anti-defection rule; nullopt uses Motion::date.
  std::optional<Date> date;
  Method method = Method::kAuto;
  ExactSpace space = ExactSpace::kSmallest;
  Sensitivity sensitivity = Sensitivity::kCompute;
  // The largest exact state space (cells of the distribution); larger ones use Monte Carlo
  // (kAuto) or fail with kTooLarge (kExact).
  std::int64_t max_exact_cells = 4'000'000;
  // Memory for the exact method's sensitivities (bytes). Beyond it the distributions before each
  // party and member are recomputed from checkpoints (about twice the work) instead of kept.
  std::int64_t sensitivity_memory = std::int64_t{256} << 20;
  // The most work a forecast may take, in member-steps (one member's vote in one draw, or one
  // member's move over one state): Monte Carlo takes about draws × (voters + units), the exact
  // method about states × voters (twice that with sensitivities). A forecast estimated above it
  // is refused with kTooLarge and the estimate before any work starts (Method::kAuto first tries
  // Monte Carlo when the exact method is over it). A 2-core machine does about 10^9 a second,
  // so the default is a minute or two at most.
  std::int64_t max_work = 100'000'000'000;
  // Monte Carlo: chamber draws, seed, worker threads (0: one per hardware thread). The result
  // depends on the seed and the number of draws only, never on the threads; the threads are
  // fewer when their histograms (8 bytes per possible "for" count each) would pass 512 MiB.
  std::int64_t draws = 1'000'000;
  std::uint64_t seed = 1;
  int threads = 0;
  // Monte Carlo progress, called on the calling thread about ten times a second with the draws
  // done so far and the total. May be empty.
  std::function<void(std::int64_t done, std::int64_t total)> progress;
};

// A distribution over whole numbers, kept sparse: the values with a chance, ascending, each
// with its probability. A margin can spread over billions of values (a threshold of 999999/1000000
// of the votes cast asks for billions of votes as "against" grows), so only values with a chance
// take memory: at most one point per state or per draw.
struct CountDistribution {
  struct Point {
    std::int64_t value = 0;
    double p = 0;  // > 0
    bool operator==(const Point&) const = default;
  };
  std::vector<Point> points;  // ascending by value

  // The values lo + i with chance p[i] > 0.
  static CountDistribution FromDense(std::int64_t lo, const std::vector<double>& p);

  bool empty() const { return points.empty(); }
  // The least and the greatest value with a chance; 0 when empty.
  std::int64_t lo() const { return points.empty() ? 0 : points.front().value; }
  std::int64_t hi() const { return points.empty() ? 0 : points.back().value; }
  double At(std::int64_t value) const;
  double Mean() const;
  // The least value v with P(X ≤ v) ≥ q (q in [0, 1]); 0 when empty.
  std::int64_t Quantile(double q) const;
  bool operator==(const CountDistribution&) const = default;
};

struct PartySensitivity {
  std::string party;
  // dP(pass)/dcohesion, the other settings held.
  double d_cohesion = 0;
  double standard_error = 0;  // Monte Carlo only
};

struct MemberSensitivity {
  std::string member;
  // P(pass) if the member certainly votes for / against / abstains / is absent; NaN when a
  // Monte Carlo run never saw that action.
  VoteProbabilities pass_if;
  // pass_if.for_votes − pass_if.against: dP(pass)/dp(for) when the chance comes from "against".
  double swing = 0;
};

struct ForecastReport {
  Method method = Method::kExact;   // what was used: kExact or kMonteCarlo
  std::optional<StateSpace> space;  // exact: the main state space; nullopt for Monte Carlo
  std::int64_t cells = 0;           // exact: size of the state spaces evaluated
  std::int64_t draws = 0;           // Monte Carlo
  std::uint64_t seed = 0;           // Monte Carlo
  int threads = 0;                  // Monte Carlo

  double p_pass = 0;
  double standard_error = 0;  // 0 when exact
  // The number of "for" votes, and the margin: for − the votes required (Outcome::required, as
  // the tally's margin). Cases where no number of votes could meet the rule carry no margin.
  CountDistribution for_votes;
  CountDistribution margin;
  double expected_for = 0;
  double expected_margin = 0;
  double margin_standard_error = 0;              // Monte Carlo
  std::int64_t for_low = 0, for_high = 0;        // 90% interval: 5% and 95% quantiles
  std::int64_t margin_low = 0, margin_high = 0;  // 90% interval

  // Most influential first (largest |effect|); empty with Sensitivity::kSkip.
  std::vector<PartySensitivity> parties;
  std::vector<MemberSensitivity> members;

  ResolvedModel model;
  std::optional<Date> date;
  // The anti-defection period in force on the date, a copy of the rule's (none: votes count).
  std::optional<AntiDefectionPeriod> anti_defection;
};

// The forecast for `motion` under `rule` in `state`. Errors: kInvalidValue / kUnknownId from
// Validate(model), kTooLarge for Method::kExact on a state space over max_exact_cells and for
// work estimated over max_work (the message gives the estimate and what would fit), kUsage for
// options out of range (draws < 1, max_work < 1). The report owns everything it holds (no pointer
// into the arguments), so it may outlive them and move between threads.
Result<ForecastReport> Forecast(const State& state, const Rule& rule, const Motion& motion,
                                const ForecastModel& model, const ForecastOptions& options = {});

}  // namespace whipcount

#endif  // WHIPCOUNT_FORECAST_H_
