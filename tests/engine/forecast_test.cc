// Forecast engine tests: exact against brute-force enumeration of every member's vote on small
// chambers (every base, quorum, ties and casting votes, anti-defection, every correlation model),
// Monte Carlo against exact, degenerate probabilities against the on-paper tally, and bad input.
#include "whipcount/forecast.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>

#include "io/chamber_file.h"
#include "whipcount/case.h"
#include "whipcount/tally.h"

namespace whipcount {
namespace {

// ---------------------------------------------------------------------------------------------
// Brute force: enumerate every assignment of an action to every member, with its probability
// from the model's definition (docs/forecast.md), and decide each through Decide().

struct Brute {
  double p_pass = 0;
  std::map<int, double> for_votes;
  std::map<int, double> margin;
};

double Choose(int n, int k) {
  return std::exp(std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0));
}

// P(K = k) straight from the definitions.
std::vector<double> FollowerPmf(const ModelledParty& p) {
  const int n = p.members;
  const double c = p.cohesion;
  std::vector<double> w(static_cast<size_t>(n) + 1, 0.0);
  Correlation corr = p.correlation;
  if (corr == Correlation::kBetaBinomial && p.rho >= 1) corr = Correlation::kBloc;
  if (corr == Correlation::kBetaBinomial && p.rho <= 0) corr = Correlation::kIndependent;
  if (corr == Correlation::kBetaBinomial && (c <= 0 || c >= 1)) corr = Correlation::kIndependent;
  for (int k = 0; k <= n; ++k) {
    double v = 0;
    switch (corr) {
      case Correlation::kBloc:
        v = (k == 0 ? 1 - c : 0) + (k == n ? c : 0);
        break;
      case Correlation::kIndependent:
        v = Choose(n, k) * std::pow(c, k) * std::pow(1 - c, n - k);
        break;
      case Correlation::kBetaBinomial: {
        const double s = (1 - p.rho) / p.rho;
        const double a = c * s;
        const double b = (1 - c) * s;
        v = Choose(n, k) * std::beta(k + a, n - k + b) / std::beta(a, b);
        break;
      }
    }
    w[static_cast<size_t>(k)] = v;
  }
  return w;
}

double Get(const VoteProbabilities& p, int action) {
  switch (action) {
    case 0:
      return p.for_votes;
    case 1:
      return p.against;
    case 2:
      return p.abstain;
    default:
      return p.absent;
  }
}

// Probabilities of each joint action vector (index in base 4, member 0 least significant).
std::vector<double> PartyJoint(const ModelledParty& p) {
  const int n = p.members;
  const std::vector<double> w = FollowerPmf(p);
  size_t total = 1;
  for (int i = 0; i < n; ++i) total *= 4;
  std::vector<double> joint(total, 0.0);
  for (size_t x = 0; x < total; ++x) {
    std::vector<int> act(static_cast<size_t>(n));
    size_t y = x;
    for (int i = 0; i < n; ++i) {
      act[static_cast<size_t>(i)] = static_cast<int>(y % 4);
      y /= 4;
    }
    double prob = 0;
    for (int line = 0; line < 4; ++line) {
      const double lam = Get(p.line, line);
      if (lam == 0) continue;
      for (unsigned s = 0; s < (1u << n); ++s) {
        const int k = __builtin_popcount(s);
        double q = w[static_cast<size_t>(k)] / Choose(n, k);
        for (int i = 0; i < n && q != 0; ++i) {
          const int a = act[static_cast<size_t>(i)];
          q *= (s >> i) & 1u ? (a == line ? 1.0 : 0.0) : Get(p.otherwise, a);
        }
        prob += lam * q;
      }
    }
    joint[x] = prob;
  }
  return joint;
}

// The count an action lands in for a member of a party whose declared line is `line`.
void AddAction(Counts& c, int action, Stance line, bool discount, bool chair) {
  const bool whipped = line == Stance::kFor || line == Stance::kAgainst;
  if (discount && whipped && !chair && action <= 1 && action != (line == Stance::kFor ? 0 : 1)) {
    ++c.discounted;
    return;
  }
  switch (action) {
    case 0:
      ++c.for_votes;
      break;
    case 1:
      ++c.against;
      break;
    case 2:
      ++c.abstain;
      break;
    default:
      ++c.absent;
      break;
  }
}

Brute BruteForce(const State& state, const Rule& rule, const Motion& motion,
                 const ForecastModel& model, std::optional<int> fixed_member = std::nullopt,
                 int fixed_action = 0) {
  const ResolvedModel r = Resolve(state, rule, motion, model);
  const VoteContext& ctx = r.context;
  struct Group {
    std::vector<double> joint;
    int n = 0;
    Stance line = Stance::kUndecided;
    bool chair = false;
  };
  std::vector<Group> groups;
  for (const ModelledParty& p : r.parties) {
    groups.push_back({PartyJoint(p), p.members, p.declared, false});
  }
  for (size_t m = 0; m < r.members.size(); ++m) {
    const ModelledMember& mm = r.members[m];
    Stance line = Stance::kUndecided;
    for (const ModelledParty& p : r.parties) {
      if (p.party == mm.party) line = p.declared;
    }
    std::vector<double> joint(4);
    for (int a = 0; a < 4; ++a) {
      joint[static_cast<size_t>(a)] =
          fixed_member ? (static_cast<int>(m) == *fixed_member ? (a == fixed_action ? 1.0 : 0.0)
                                                               : Get(mm.p, a))
                       : Get(mm.p, a);
    }
    groups.push_back({joint, 1, line, mm.chair});
  }
  Brute out;
  // Odometer over the groups' joint indices.
  std::vector<size_t> idx(groups.size(), 0);
  while (true) {
    double prob = 1;
    Counts c;
    c.chair = r.chair_seat;
    for (size_t g = 0; g < groups.size() && prob != 0; ++g) {
      prob *= groups[g].joint[idx[g]];
      size_t y = idx[g];
      for (int i = 0; i < groups[g].n; ++i) {
        AddAction(c, static_cast<int>(y % 4), groups[g].line, r.discount_defectors,
                  groups[g].chair);
        y /= 4;
      }
    }
    if (prob != 0) {
      const Outcome o = Decide(c, rule, ctx);
      if (o.passes) out.p_pass += prob;
      out.for_votes[c.for_votes] += prob;
      if (o.required) out.margin[c.for_votes - static_cast<int>(*o.required)] += prob;
    }
    size_t g = 0;
    while (g < groups.size() && ++idx[g] == groups[g].joint.size()) idx[g++] = 0;
    if (g == groups.size()) break;
  }
  return out;
}

void ExpectSameDistribution(const CountDistribution& got, const std::map<int, double>& want,
                            const std::string& what) {
  for (const auto& [v, p] : want) EXPECT_NEAR(got.At(v), p, 1e-9) << what << " at " << v;
  for (const CountDistribution::Point& point : got.points) {
    if (!want.count(static_cast<int>(point.value))) {
      EXPECT_NEAR(point.p, 0.0, 1e-9) << what << " at " << point.value;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Small random chambers.

struct Case {
  State state;
  Rule rule;
  Motion motion;
  ForecastModel model;
  std::string label;
};

Stance RandomStance(std::mt19937& rng) {
  static const Stance kAll[] = {Stance::kFor, Stance::kAgainst, Stance::kAbstain, Stance::kAbsent,
                                Stance::kUndecided};
  return kAll[rng() % 5];
}

VoteProbabilities RandomVector(std::mt19937& rng) {
  std::uniform_real_distribution<double> u(0, 1);
  double a[4];
  double sum = 0;
  for (double& x : a) {
    x = rng() % 4 == 0 ? 0.0 : u(rng);  // some zeros
    sum += x;
  }
  if (sum == 0) return {.for_votes = 1};
  return {.for_votes = a[0] / sum,
          .against = a[1] / sum,
          .abstain = a[2] / sum,
          .absent = 1 - (a[0] + a[1] + a[2]) / sum};
}

Case RandomCase(unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0.05, 0.95);
  Case c;
  Chamber& ch = c.state.chamber;
  ch.id = "small";
  const int parties = 1 + static_cast<int>(rng() % 3);
  int filled = 0;
  for (int p = 0; p < parties; ++p) {
    Party party{.id = "P" + std::to_string(p), .name = "Party " + std::to_string(p)};
    party.seats = 1 + static_cast<int>(rng() % 3);
    filled += party.seats;
    ch.parties.push_back(party);
    c.state.stances.parties[party.id] = RandomStance(rng);
  }
  // Named members: some with their own stance or probabilities.
  int named = 0;
  for (const Party& p : ch.parties) {
    for (int i = 0; i < p.seats && named < 3; ++i) {
      if (rng() % 3 != 0) continue;
      const std::string id = p.id + "m" + std::to_string(i);
      ch.members.push_back(Member{.id = id, .name = id, .party = p.id});
      ++named;
      if (rng() % 2 == 0) c.state.stances.members[id] = RandomStance(rng);
      if (rng() % 3 == 0) c.model.members[id] = RandomVector(rng);
    }
  }
  // The chair: none, casting (inside a party or outside), or voting as a member.
  const int chair = static_cast<int>(rng() % 4);
  if (chair > 0) {
    PresidingOfficer po{.name = "Chair"};
    po.vote = chair == 3 ? PresidingVote::kAsMember : PresidingVote::kCastingOnly;
    if (chair == 2 || chair == 3) {
      po.party = ch.parties[0].id;
    } else {
      ++filled;  // a seat outside the parties
    }
    ch.presiding = po;
  }
  ch.statutory_seats = filled + static_cast<int>(rng() % 2);

  Rule& rule = c.rule;
  rule.id = "r";
  static const Base kBases[] = {Base::kStatutorySeats, Base::kFilledSeats, Base::kPresent,
                                Base::kVotesCast, Base::kVotesCastAndAbstentions};
  static const Fraction kFractions[] = {{1, 2}, {1, 2}, {2, 3}, {1, 3}, {3, 5}};
  const int thresholds = 1 + static_cast<int>(rng() % 2);
  for (int t = 0; t < thresholds; ++t) {
    rule.thresholds.push_back(Threshold{
        .fraction = kFractions[rng() % 5], .strict = rng() % 2 == 0, .base = kBases[rng() % 5]});
  }
  switch (rng() % 3) {
    case 0:
      break;
    case 1:
      rule.quorum = Quorum{.absolute = 1 + static_cast<int>(rng() % 4)};
      break;
    default:
      rule.quorum = Quorum{.fraction = {1, 2}, .base = Base::kStatutorySeats};
      break;
  }
  rule.tie = ch.presiding && rng() % 3 != 0 ? TieRule::kCastingVote : TieRule::kFails;
  rule.casting = rng() % 2 == 0 ? CastingConvention::kStatusQuo : CastingConvention::kAsDeclared;
  if (rng() % 3 == 0) {
    rule.anti_defection.push_back(AntiDefectionPeriod{
        .defector_votes = rng() % 2 == 0 ? DefectorVotes::kNotCounted : DefectorVotes::kCounted});
  }
  c.motion = Motion{.id = "m", .rule = "r"};

  // Party settings.
  static const Correlation kCorr[] = {Correlation::kBloc, Correlation::kIndependent,
                                      Correlation::kBetaBinomial};
  c.model.correlation = kCorr[rng() % 3];
  for (const Party& p : ch.parties) {
    if (rng() % 2 == 0) continue;
    PartyAssumptions a;
    a.cohesion = u(rng);
    if (rng() % 2 == 0) a.otherwise = RandomVector(rng);
    if (rng() % 3 == 0) a.line = RandomVector(rng);
    if (rng() % 2 == 0) a.correlation = kCorr[rng() % 3];
    if (rng() % 2 == 0) a.rho = u(rng);
    c.model.parties[p.id] = a;
  }
  c.label = "seed " + std::to_string(seed);
  return c;
}

TEST(ForecastTest, ExactMatchesBruteForceOnSmallChambers) {
  int checked = 0;
  std::map<StateSpace, int> forms;
  for (unsigned seed = 1; checked < 160 && seed < 2000; ++seed) {
    Case c = RandomCase(seed);
    if (!Validate(c.state.chamber).ok() || !Validate(c.rule, c.state.chamber).ok()) continue;
    const Brute want = BruteForce(c.state, c.rule, c.motion, c.model);
    for (ExactSpace space : {ExactSpace::kSmallest, ExactSpace::kFull}) {
      Result<ForecastReport> got =
          Forecast(c.state, c.rule, c.motion, c.model,
                   {.method = Method::kExact, .space = space, .sensitivity = Sensitivity::kSkip});
      ASSERT_TRUE(got.ok()) << got.status().ToString();
      ASSERT_TRUE(got->space.has_value());
      ++forms[*got->space];
      const std::string what = c.label + " (" + std::string(EnumName(*got->space)) + ")";
      EXPECT_NEAR(got->p_pass, want.p_pass, 1e-9) << what;
      ExpectSameDistribution(got->for_votes, want.for_votes, what + " for");
      ExpectSameDistribution(got->margin, want.margin, what + " margin");
    }
    ++checked;
  }
  EXPECT_EQ(checked, 160);
  // Every state space was exercised.
  EXPECT_GT(forms[StateSpace::kMargin], 0);
  EXPECT_GT(forms[StateSpace::kFor], 0);
  EXPECT_GT(forms[StateSpace::kForAgainst], 0);
  EXPECT_GT(forms[StateSpace::kFull], 160);
}

TEST(ForecastTest, SensitivitiesMatchBruteForce) {
  int checked = 0;
  for (unsigned seed = 3000; checked < 40 && seed < 5000; ++seed) {
    Case c = RandomCase(seed);
    if (!Validate(c.state.chamber).ok() || !Validate(c.rule, c.state.chamber).ok()) continue;
    Result<ForecastReport> got =
        Forecast(c.state, c.rule, c.motion, c.model, {.method = Method::kExact});
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    const ResolvedModel& r = got->model;
    for (const MemberSensitivity& s : got->members) {
      int index = 0;
      while (r.members[static_cast<size_t>(index)].member != s.member) ++index;
      for (int a = 0; a < 4; ++a) {
        const Brute b = BruteForce(c.state, c.rule, c.motion, c.model, index, a);
        EXPECT_NEAR(Get(s.pass_if, a), b.p_pass, 1e-9) << c.label << " " << s.member << " " << a;
      }
    }
    for (const PartySensitivity& s : got->parties) {
      const ModelledParty* mp = nullptr;
      for (const ModelledParty& p : r.parties) {
        if (p.party == s.party) mp = &p;
      }
      ASSERT_NE(mp, nullptr);
      // Central difference of the brute force in the party's cohesion (kept inside [0, 1]).
      const double h = 1e-5;
      const double c0 = mp->cohesion;
      auto at = [&](double cohesion) {
        ForecastModel m = c.model;
        m.parties[s.party].cohesion = cohesion;
        return BruteForce(c.state, c.rule, c.motion, m).p_pass;
      };
      const double lo = std::max(0.0, c0 - h);
      const double hi = std::min(1.0, c0 + h);
      EXPECT_NEAR(s.d_cohesion, (at(hi) - at(lo)) / (hi - lo), 1e-5) << c.label << " " << s.party;
    }
    ++checked;
  }
  EXPECT_EQ(checked, 40);
}

TEST(ForecastTest, CheckpointedSensitivitiesEqualKeptOnes) {
  int checked = 0;
  for (unsigned seed = 7000; checked < 20 && seed < 9000; ++seed) {
    Case c = RandomCase(seed);
    if (!Validate(c.state.chamber).ok() || !Validate(c.rule, c.state.chamber).ok()) continue;
    Result<ForecastReport> kept = Forecast(c.state, c.rule, c.motion, c.model, {});
    Result<ForecastReport> recomputed =
        Forecast(c.state, c.rule, c.motion, c.model, {.sensitivity_memory = 8});
    ASSERT_TRUE(kept.ok() && recomputed.ok());
    ASSERT_EQ(kept->parties.size(), recomputed->parties.size());
    for (size_t i = 0; i < kept->parties.size(); ++i) {
      EXPECT_NEAR(kept->parties[i].d_cohesion, recomputed->parties[i].d_cohesion, 1e-12);
    }
    ASSERT_EQ(kept->members.size(), recomputed->members.size());
    for (size_t i = 0; i < kept->members.size(); ++i) {
      EXPECT_NEAR(kept->members[i].swing, recomputed->members[i].swing, 1e-12);
    }
    ++checked;
  }
  EXPECT_EQ(checked, 20);
}

// ---------------------------------------------------------------------------------------------
// Real chambers.

// The file's motion (its only or latest) with its rule and events.
MotionCase Load(const std::string& name) {
  Result<io::ChamberFile> f = io::LoadChamberFile(std::string(WHIPCOUNT_SOURCE_DIR) + "/" + name);
  EXPECT_TRUE(f.ok()) << f.status().ToString();
  Result<MotionCase> on = SelectMotion(f->content, std::nullopt);
  EXPECT_TRUE(on.ok()) << on.status().ToString();
  return std::move(*on);
}

// Everyone certainly acts as declared (the undecided stay away, as the tally has them).
ForecastModel Certainty(const State& state) {
  ForecastModel m;
  for (const Party& p : state.chamber.parties) {
    const Stance line = state.stances.PartyLine(state.chamber, p.id);
    m.parties[p.id] =
        PartyAssumptions{.cohesion = 1, .otherwise = Certain(line), .line = Certain(line)};
  }
  for (const Member& mem : state.chamber.members) {
    m.members[mem.id] = Certain(state.stances.OfMember(state.chamber, mem.id));
  }
  return m;
}

TEST(ForecastTest, CertainVotesReproduceTheTally) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> files = {
      {"data/pk-na-2022.yaml", {"2022-03-08", "2022-03-29", "2022-03-30", "2022-04-10"}},
      {"data/uk-commons-1979.yaml", {""}},
      {"data/es-congreso-2018.yaml", {""}},
  };
  for (const auto& [name, dates] : files) {
    const MotionCase f = Load(name);
    for (const std::string& d : dates) {
      std::optional<Date> date = d.empty() ? f.motion->date : Date::Parse(d);
      Result<State> state = StateOn(f, date);
      ASSERT_TRUE(state.ok());
      const Rule& rule = *f.rule;
      const Tally tally =
          CountVotes(state->chamber, state->stances, rule, *f.motion, {.date = date});
      for (Method method : {Method::kExact, Method::kMonteCarlo}) {
        Result<ForecastReport> got =
            Forecast(*state, rule, *f.motion, Certainty(*state),
                     {.date = date, .method = method, .draws = 2000, .threads = 2});
        ASSERT_TRUE(got.ok()) << got.status().ToString();
        SCOPED_TRACE(testing::Message() << name << ' ' << d << ' ' << EnumName(method));
        EXPECT_EQ(got->p_pass, tally.passes_now ? 1.0 : 0.0);
        EXPECT_NEAR(got->for_votes.At(tally.total.for_votes), 1.0, 1e-12);
        EXPECT_EQ(got->for_low, tally.total.for_votes);
        if (tally.required) {
          EXPECT_NEAR(got->margin.At(tally.margin), 1.0, 1e-12);
        }
      }
    }
  }
}

TEST(ForecastTest, MonteCarloAgreesWithExactWithinFourStandardErrors) {
  const MotionCase f = Load("data/uk-commons-1979.yaml");
  Result<State> state = StateOn(f, f.motion->date);
  ASSERT_TRUE(state.ok());
  for (Correlation corr :
       {Correlation::kBloc, Correlation::kIndependent, Correlation::kBetaBinomial}) {
    ForecastModel model{.correlation = corr, .rho = 0.2};
    // Make it close: Labour and the Conservatives each a little loose.
    model.parties["LAB"] = {.cohesion = 0.6};
    model.parties["CON"] = {.cohesion = 0.6};
    Result<ForecastReport> exact =
        Forecast(*state, *f.rule, *f.motion, model, {.method = Method::kExact});
    Result<ForecastReport> mc =
        Forecast(*state, *f.rule, *f.motion, model,
                 {.method = Method::kMonteCarlo, .draws = 40'000, .seed = 11, .threads = 2});
    ASSERT_TRUE(exact.ok() && mc.ok());
    EXPECT_EQ(exact->space, StateSpace::kMargin);
    EXPECT_GT(mc->standard_error, 0);
    EXPECT_NEAR(mc->p_pass, exact->p_pass, 4 * mc->standard_error)
        << EnumName(corr) << " exact " << exact->p_pass;
    EXPECT_NEAR(mc->expected_margin, exact->expected_margin, 4 * mc->margin_standard_error)
        << EnumName(corr);
    for (size_t i = 0; i < exact->parties.size(); ++i) {
      const PartySensitivity& e = exact->parties[i];
      for (const PartySensitivity& m : mc->parties) {
        if (m.party != e.party || std::isnan(m.d_cohesion)) continue;
        EXPECT_NEAR(m.d_cohesion, e.d_cohesion, 4 * m.standard_error + 1e-9)
            << EnumName(corr) << " " << e.party;
      }
    }
  }
}

TEST(ForecastTest, AQuorumThatCannotFailChangesNothing) {
  const MotionCase f = Load("data/uk-commons-1979.yaml");
  Result<State> state = StateOn(f, f.motion->date);
  ASSERT_TRUE(state.ok());
  Rule without = *f.rule;
  without.quorum.reset();
  const ForecastModel model{.parties = {{"LAB", {.cohesion = 0.6}}}};
  Result<ForecastReport> with = Forecast(*state, *f.rule, *f.motion, model, {});
  Result<ForecastReport> none = Forecast(*state, without, *f.motion, model, {});
  ASSERT_TRUE(with.ok() && none.ok());
  EXPECT_NEAR(with->p_pass, none->p_pass, 1e-12);
  for (size_t i = 0; i < with->parties.size(); ++i) {
    EXPECT_NEAR(with->parties[i].d_cohesion, none->parties[i].d_cohesion, 1e-12);
  }
  // A quorum most of the House must meet does change it.
  Rule high = *f.rule;
  high.quorum = Quorum{.absolute = 600};
  Result<ForecastReport> strict =
      Forecast(*state, high, *f.motion, model, {.sensitivity = Sensitivity::kSkip});
  ASSERT_TRUE(strict.ok());
  EXPECT_LT(strict->p_pass, with->p_pass - 0.01);
}

TEST(ForecastTest, MonteCarloIsReproducibleWhateverTheThreads) {
  const MotionCase f = Load("data/pk-na-2022.yaml");
  Result<State> state = StateOn(f, f.motion->date);
  ASSERT_TRUE(state.ok());
  auto run = [&](int threads, std::uint64_t seed) {
    Result<ForecastReport> r = Forecast(
        *state, *f.rule, *f.motion, {},
        {.method = Method::kMonteCarlo, .draws = 20'000, .seed = seed, .threads = threads});
    EXPECT_TRUE(r.ok());
    return std::move(*r);
  };
  const ForecastReport one = run(1, 5);
  const ForecastReport two = run(2, 5);
  const ForecastReport other = run(2, 6);
  EXPECT_EQ(one.p_pass, two.p_pass);
  EXPECT_EQ(one.for_votes, two.for_votes);
  EXPECT_EQ(one.margin, two.margin);
  ASSERT_EQ(one.parties.size(), two.parties.size());
  for (size_t i = 0; i < one.parties.size(); ++i) {
    EXPECT_EQ(one.parties[i].d_cohesion, two.parties[i].d_cohesion);
  }
  EXPECT_NE(one.for_votes, other.for_votes);
}

TEST(ForecastTest, ProgressIsReportedOnTheCallingThread) {
  const MotionCase f = Load("data/uk-commons-1979.yaml");
  Result<State> state = StateOn(f, f.motion->date);
  ASSERT_TRUE(state.ok());
  std::int64_t last = -1;
  int calls = 0;
  Result<ForecastReport> r = Forecast(*state, *f.rule, *f.motion, {},
                                      {.method = Method::kMonteCarlo,
                                       .draws = 5000,
                                       .threads = 2,
                                       .progress = [&](std::int64_t done, std::int64_t total) {
                                         EXPECT_EQ(total, 5000);
                                         EXPECT_GE(done, last);
                                         last = done;
                                         ++calls;
                                       }});
  ASSERT_TRUE(r.ok());
  EXPECT_GE(calls, 1);
  EXPECT_EQ(last, 5000);
}

TEST(ForecastTest, PakistanOnTenAprilUsesTheForSpaceAndFavoursTheMotion) {
  const MotionCase f = Load("data/pk-na-2022.yaml");
  Result<State> state = StateOn(f, f.motion->date);
  ASSERT_TRUE(state.ok());
  Result<ForecastReport> r = Forecast(*state, *f.rule, *f.motion, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->method, Method::kExact);
  EXPECT_EQ(r->space, StateSpace::kFor);  // a seat-based threshold no tie can reach
  EXPECT_GT(r->p_pass, 0.5);
  EXPECT_LT(r->p_pass, 1.0);
  EXPECT_LE(r->margin_low, r->margin_high);
  EXPECT_NEAR(r->expected_margin, r->expected_for - 172, 1e-9);
  // PML-N (84 seats, for) matters more than ANP (1 seat).
  double pmln = 0;
  double anp = 0;
  for (const PartySensitivity& s : r->parties) {
    if (s.party == "PML-N") pmln = s.d_cohesion;
    if (s.party == "ANP") anp = s.d_cohesion;
  }
  EXPECT_GT(pmln, anp);
  EXPECT_GT(pmln, 0);
}

TEST(ForecastTest, WhatIfOverridesMoveTheProbability) {
  const MotionCase f = Load("data/pk-na-2022.yaml");
  Result<State> state = StateOn(f, Date::Parse("2022-03-29"));
  ASSERT_TRUE(state.ok());
  Result<ForecastReport> before = Forecast(*state, *f.rule, *f.motion, {});
  State changed = *state;
  changed.stances.parties["MQM-P"] = Stance::kFor;
  Result<ForecastReport> after = Forecast(changed, *f.rule, *f.motion, {});
  ASSERT_TRUE(before.ok() && after.ok());
  EXPECT_GT(after->p_pass, before->p_pass);
}

TEST(ForecastTest, AutoFallsBackToMonteCarloAndExactSaysTooLarge) {
  const MotionCase f = Load("data/uk-commons-1979.yaml");
  Result<State> state = StateOn(f, f.motion->date);
  ASSERT_TRUE(state.ok());
  Result<ForecastReport> forced =
      Forecast(*state, *f.rule, *f.motion, {}, {.method = Method::kExact, .max_exact_cells = 100});
  ASSERT_FALSE(forced.ok());
  EXPECT_EQ(forced.status().code(), ErrorCode::kTooLarge);
  EXPECT_NE(forced.status().message().find("montecarlo"), std::string::npos);
  Result<ForecastReport> automatic =
      Forecast(*state, *f.rule, *f.motion, {}, {.max_exact_cells = 100, .draws = 1000});
  ASSERT_TRUE(automatic.ok());
  EXPECT_EQ(automatic->method, Method::kMonteCarlo);
  EXPECT_EQ(automatic->draws, 1000);
}

// ---------------------------------------------------------------------------------------------
// Bad input.

State TinyState() {
  State s;
  s.chamber.statutory_seats = 3;
  s.chamber.parties = {Party{.id = "A", .seats = 2}, Party{.id = "B", .seats = 1}};
  s.chamber.members = {Member{.id = "a1", .party = "A"}};
  s.chamber.blocs = {Bloc{.id = "gov", .parties = {"A"}}};
  return s;
}

TEST(ForecastTest, InvalidProbabilitiesAreRejected) {
  const State s = TinyState();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  struct Bad {
    ForecastModel model;
    ErrorCode code;
    std::string path;
  };
  const std::vector<Bad> cases = {
      {{.parties = {{"A", {.cohesion = -0.1}}}},
       ErrorCode::kInvalidValue,
       "forecast.parties.A.cohesion"},
      {{.parties = {{"A", {.cohesion = 1.5}}}},
       ErrorCode::kInvalidValue,
       "forecast.parties.A.cohesion"},
      {{.parties = {{"A", {.cohesion = nan}}}},
       ErrorCode::kInvalidValue,
       "forecast.parties.A.cohesion"},
      {{.parties = {{"A", {.rho = 2}}}}, ErrorCode::kInvalidValue, "forecast.parties.A.rho"},
      {{.parties = {{"A", {.otherwise = VoteProbabilities{.for_votes = 0.7, .against = 0.7}}}}},
       ErrorCode::kInvalidValue,
       "forecast.parties.A.otherwise"},
      {{.blocs = {{"gov", {.line = VoteProbabilities{.for_votes = 0.5}}}}},
       ErrorCode::kInvalidValue,
       "forecast.blocs.gov.line"},
      {{.members = {{"a1", {.for_votes = -0.5, .against = 1.5}}}},
       ErrorCode::kInvalidValue,
       "forecast.members.a1.for"},
      {{.members = {{"a1", {.for_votes = nan, .against = 1}}}},
       ErrorCode::kInvalidValue,
       "forecast.members.a1.for"},
      {{.members = {{"a1", {.for_votes = 0.6, .against = 0.6}}}},
       ErrorCode::kInvalidValue,
       "forecast.members.a1"},
      {{.members = {{"zz", {.for_votes = 1}}}}, ErrorCode::kUnknownId, "forecast.members.zz"},
      {{.parties = {{"Q", {}}}}, ErrorCode::kUnknownId, "forecast.parties.Q"},
      {{.blocs = {{"opp", {}}}}, ErrorCode::kUnknownId, "forecast.blocs.opp"},
      {{.rho = -1}, ErrorCode::kInvalidValue, "forecast.rho"},
  };
  Rule rule{.id = "r", .thresholds = {Threshold{.base = Base::kVotesCast}}};
  for (const Bad& bad : cases) {
    const Status st = Validate(bad.model, s.chamber);
    EXPECT_EQ(st.code(), bad.code) << bad.path << ": " << st.ToString();
    EXPECT_EQ(st.where().path, bad.path);
    Result<ForecastReport> r = Forecast(s, rule, Motion{.rule = "r"}, bad.model);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), bad.code);
  }
  Result<ForecastReport> r =
      Forecast(s, rule, Motion{.rule = "r"}, {}, {.method = Method::kMonteCarlo, .draws = 0});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kUsage);
}

TEST(ForecastTest, DefaultsFollowTheDeclaredStance) {
  State s = TinyState();
  s.stances.blocs["gov"] = Stance::kFor;
  s.stances.members["a1"] = Stance::kAgainst;  // a rebel: modelled alone
  Rule rule{.id = "r", .thresholds = {Threshold{.base = Base::kVotesCast}}};
  const ResolvedModel r = Resolve(s, rule, Motion{.rule = "r"}, {});
  ASSERT_EQ(r.parties.size(), 2u);
  EXPECT_EQ(r.parties[0].declared, Stance::kFor);
  EXPECT_EQ(r.parties[0].members, 1);  // a1 is modelled alone
  EXPECT_EQ(r.parties[0].cohesion, 0.8);
  EXPECT_EQ(r.parties[0].correlation, Correlation::kBloc);
  EXPECT_NEAR(r.parties[0].marginal.for_votes, 0.98, 1e-12);
  // Undecided: for or against at even odds.
  EXPECT_EQ(r.parties[1].declared, Stance::kUndecided);
  EXPECT_NEAR(r.parties[1].marginal.for_votes, 0.5, 1e-12);
  EXPECT_NEAR(r.parties[1].marginal.against, 0.5, 1e-12);
  ASSERT_EQ(r.members.size(), 1u);
  EXPECT_EQ(r.members[0].member, "a1");
  EXPECT_FALSE(r.members[0].given);
  EXPECT_NEAR(r.members[0].p.against, 0.98, 1e-12);
  EXPECT_EQ(r.voters, 3);
}

// Issue 13: a forecast says which parties' cohesion is whipcount's default, not the user's.
TEST(ForecastTest, SaysWhichCohesionsAreAssumed) {
  State s = TinyState();
  s.stances.blocs["gov"] = Stance::kFor;
  Rule rule{.id = "r", .thresholds = {Threshold{.base = Base::kVotesCast}}};
  const Motion motion{.rule = "r"};
  const ResolvedModel all_default = Resolve(s, rule, motion, {});
  const std::vector<std::string> both = PartiesOnDefaultCohesion(all_default);
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(DefaultCohesionNote(all_default)
                .rfind("Assumed, not measured: " + both[0] + " and " + both[1] +
                           " vote the declared line",
                       0),
            0u)
      << DefaultCohesionNote(all_default);
  ForecastModel model;
  model.parties[both[0]].cohesion = 0.9;
  const ResolvedModel one = Resolve(s, rule, motion, model);
  EXPECT_TRUE(one.parties[0].cohesion_given);
  EXPECT_EQ(PartiesOnDefaultCohesion(one), (std::vector<std::string>{both[1]}));
  model.parties[both[1]].cohesion = 0.7;
  EXPECT_EQ(DefaultCohesionNote(Resolve(s, rule, motion, model)), "");
}

// Issue 12: a report owns what it reports, so it outlives the rule it was computed under.
TEST(ForecastTest, ReportKeepsACopyOfTheAntiDefectionPeriod) {
  const State s = TinyState();
  Result<ForecastReport> r = [&] {
    const Rule rule{.id = "r",
                    .thresholds = {Threshold{.base = Base::kVotesCast}},
                    .anti_defection = {AntiDefectionPeriod{
                        .defector_votes = DefectorVotes::kNotCounted, .note = "Art. 63A"}}};
    return Forecast(s, rule, Motion{.rule = "r"}, {});
  }();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->anti_defection.has_value());
  EXPECT_EQ(r->anti_defection->defector_votes, DefectorVotes::kNotCounted);
  EXPECT_EQ(r->anti_defection->note, "Art. 63A");
}

template <typename E>
void ExpectNamesRoundTrip() {
  for (std::string_view name : EnumNames<E>()) {
    const std::optional<E> value = ParseEnum<E>(name);
    ASSERT_TRUE(value.has_value()) << name;
    EXPECT_EQ(EnumName(*value), name);
  }
}

TEST(ForecastTest, EnumWordsComeFromOneTable) {
  ExpectNamesRoundTrip<Correlation>();
  ExpectNamesRoundTrip<Method>();
  ExpectNamesRoundTrip<ExactSpace>();
  ExpectNamesRoundTrip<StateSpace>();
  ExpectNamesRoundTrip<Sensitivity>();
  EXPECT_EQ(EnumChoices<Correlation>(), "bloc, independent or beta-binomial");
  EXPECT_EQ(EnumChoices<Method>(), "auto, exact or montecarlo");
  EXPECT_EQ(ParseEnum<Method>("monte-carlo"), Method::kMonteCarlo);  // an alias
  EXPECT_EQ(EnumName(StateSpace::kForAgainst), "for-against");
  EXPECT_FALSE(ParseEnum<Correlation>("clustered").has_value());
}

}  // namespace
}  // namespace whipcount
