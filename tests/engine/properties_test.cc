// Property tests (rapidcheck, issue 18): laws the engine must keep on every small input, checked
// against brute force where one exists. rapidcheck shrinks a failing case to a minimal one and
// prints it; RC_PARAMS="seed=N" replays a run.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "whipcount/forecast.h"
#include "whipcount/power.h"
#include "whipcount/tally.h"
#include "whipcount/timeline.h"

namespace whipcount {
namespace {

std::string PartyId(size_t i) { return "P" + std::to_string(i); }

Stance AnyStance() { return kAllStances[*rc::gen::inRange<size_t>(0, std::size(kAllStances))]; }

// 2 to 4 parties of up to 8 seats, each with a stance, and up to 3 vacancies.
State SmallChamber() {
  State s;
  const auto parties = *rc::gen::inRange<size_t>(2, 5);
  int seats = 0;
  for (size_t i = 0; i < parties; ++i) {
    const int n = *rc::gen::inRange(0, 9);
    s.chamber.parties.push_back({.id = PartyId(i), .seats = n});
    s.stances.parties[PartyId(i)] = AnyStance();
    seats += n;
  }
  s.chamber.statutory_seats = seats + *rc::gen::inRange(0, 4);
  return s;
}

using FractionPair = std::pair<std::int64_t, std::int64_t>;
const std::vector<FractionPair> kAnyFraction = {{1, 3}, {1, 2}, {3, 5}, {2, 3}, {3, 4}};

// One threshold: one of `fractions` of any base, strict or not.
Rule SmallRule(const std::vector<FractionPair>& fractions) {
  const auto [num, den] = *rc::gen::elementOf(fractions);
  return Rule{.id = "r",
              .thresholds = {{.fraction = {num, den},
                              .strict = *rc::gen::arbitrary<bool>(),
                              .base = *rc::gen::element(Base::kStatutorySeats, Base::kFilledSeats,
                                                        Base::kPresent, Base::kVotesCast,
                                                        Base::kVotesCastAndAbstentions)}}};
}

// Up to 12 events on parties: stances, seats vacated and filled, in date order.
std::vector<Event> SmallEventLog(const State& s) {
  std::vector<Event> events;
  const auto n = *rc::gen::inRange<size_t>(0, 13);
  events.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    Event e{.date = {.year = 2020, .month = 1, .day = static_cast<int>(i + 1)}};
    e.party = PartyId(*rc::gen::inRange<size_t>(0, s.chamber.parties.size()));
    e.kind = *rc::gen::element(EventKind::kStance, EventKind::kVacate, EventKind::kFill);
    e.stance = AnyStance();
    events.push_back(std::move(e));
  }
  return events;
}

RC_GTEST_PROP(PropertiesTest, ReplayIsDeterministic, ()) {
  const State base = SmallChamber();
  const std::vector<Event> events = SmallEventLog(base);
  const Result<State> first = Replay(base, events);
  const Result<State> second = Replay(base, events);
  RC_TAG(first.ok() ? "replayed" : "refused");
  RC_ASSERT(first.ok() == second.ok());
  if (first.ok()) {
    RC_ASSERT(*first == *second);
  } else {
    RC_ASSERT(first.status().code() == second.status().code());
    RC_ASSERT(first.status().message() == second.status().message());
  }
}

// Whether any way of moving exactly k members towards "for" (from against, abstaining,
// present without voting, absent or undecided, in any mix) carries the motion.
bool SomeMoveOfKCarries(const Counts& now, int k, const Rule& rule, const VoteContext& ctx) {
  for (int x = 0; x <= std::min(k, now.against); ++x) {
    for (int y = 0; y <= std::min(k - x, now.abstain); ++y) {
      for (int p = 0; p <= std::min(k - x - y, now.present); ++p) {
        for (int a = 0; a <= std::min(k - x - y - p, now.absent); ++a) {
          const int u = k - x - y - p - a;
          if (u > now.undecided) continue;
          Counts c = now;
          c.for_votes += k;
          c.against -= x;
          c.abstain -= y;
          c.present -= p;
          c.absent -= a;
          c.undecided -= u;
          if (Decide(c, rule, ctx).passes) return true;
        }
      }
    }
  }
  return false;
}

// Whether any k supporters turning against or staying away (in any mix) defeat the motion.
bool SomeDefectionOfKDefeats(const Counts& now, int k, const Rule& rule, const VoteContext& ctx) {
  for (int x = 0; x <= k; ++x) {
    Counts c = now;
    c.for_votes -= k;
    c.against += x;
    c.absent += k - x;
    if (!Decide(c, rule, ctx).passes) return true;
  }
  return false;
}

RC_GTEST_PROP(PropertiesTest, TheSmallestFlipFlipsAndNothingSmallerDoes, ()) {
  const State s = SmallChamber();
  // Any fraction: below a half a tie can defeat a motion between two counts that carry it, which
  // the flip search must look past (TallyTest.TheSmallestFlipLooksPastATie).
  const Rule rule = SmallRule(kAnyFraction);
  const Tally t = CountVotes(s, rule, Motion{});
  const Flip& flip = t.flip;
  RC_TAG(EnumName(t.verdict), flip.members.has_value() ? "a flip" : "no flip");
  if (t.verdict == Verdict::kPasses) {
    RC_ASSERT(flip.direction == Flip::Direction::kAwayFromFor);
    const int limit = flip.members.value_or(t.total.for_votes + 1);
    for (int k = 0; k < limit; ++k) {
      RC_ASSERT(!SomeDefectionOfKDefeats(t.total, k, rule, t.context));
    }
    if (flip.members) RC_ASSERT(SomeDefectionOfKDefeats(t.total, *flip.members, rule, t.context));
  } else if (t.verdict == Verdict::kFails) {
    RC_ASSERT(flip.direction == Flip::Direction::kToFor);
    const int movable =
        t.total.against + t.total.abstain + t.total.present + t.total.absent + t.total.undecided;
    const int limit = flip.members.value_or(movable + 1);
    for (int k = 0; k < limit; ++k) {
      RC_ASSERT(!SomeMoveOfKCarries(t.total, k, rule, t.context));
    }
    if (flip.members) RC_ASSERT(SomeMoveOfKCarries(t.total, *flip.members, rule, t.context));
  }
}

// An exact fraction, small enough for 64 bits in the games below.
struct Fraction64 {
  std::int64_t num = 0;
  std::int64_t den = 1;
};

Fraction64 Add(Fraction64 a, Fraction64 b) {
  const std::int64_t den = std::lcm(a.den, b.den);
  Fraction64 sum{a.num * (den / a.den) + b.num * (den / b.den), den};
  const std::int64_t g = std::gcd(sum.num, sum.den);
  return {sum.num / g, sum.den / g};
}

// 1 to 8 players of weight 0 to 20 and a quota from 1 to their total.
VotingGame SmallGame() {
  auto weights = *rc::gen::container<std::vector<std::int64_t>>(
      *rc::gen::inRange<size_t>(1, 9), rc::gen::inRange<std::int64_t>(0, 21));
  const std::int64_t total = std::accumulate(weights.begin(), weights.end(), std::int64_t{0});
  RC_PRE(total > 0);
  const std::int64_t quota = *rc::gen::inRange<std::int64_t>(1, total + 1);
  return WeightedGame(std::move(weights), quota);
}

// A relabelling of n players: shuffled[j] is the player that comes j-th (Fisher–Yates).
std::vector<size_t> Relabelling(size_t n) {
  std::vector<size_t> shuffled(n);
  std::iota(shuffled.begin(), shuffled.end(), size_t{0});
  for (size_t i = n; i > 1; --i)
    std::swap(shuffled[i - 1], shuffled[*rc::gen::inRange<size_t>(0, i)]);
  return shuffled;
}

RC_GTEST_PROP(PropertiesTest, PowerIndicesSumToOneAndFollowTheirPlayers, ()) {
  const VotingGame game = SmallGame();
  const Result<PowerReport> power = ComputePower(game);
  RC_ASSERT(power.ok());
  const std::vector<size_t> shuffled = Relabelling(static_cast<size_t>(game.size()));
  std::vector<std::int64_t> weights;
  weights.reserve(shuffled.size());
  for (size_t i : shuffled) weights.push_back(game.dimensions.front().weights[i]);
  const Result<PowerReport> relabelled =
      ComputePower(WeightedGame(std::move(weights), game.dimensions.front().quota));
  RC_ASSERT(relabelled.ok());
  RC_ASSERT(power->indices.size() == relabelled->indices.size());
  for (size_t k = 0; k < power->indices.size(); ++k) {
    const std::vector<Rational>& value = power->indices[k].value;
    Fraction64 sum;
    for (const Rational& v : value) {
      sum = Add(sum, {std::stoll(v.numerator), std::stoll(v.denominator)});
    }
    RC_ASSERT(sum.num == 1);
    RC_ASSERT(sum.den == 1);
    for (size_t j = 0; j < shuffled.size(); ++j) {
      RC_ASSERT(relabelled->indices[k].value[j] == value[shuffled[j]]);
    }
  }
}

// 1 to 6 members of one party, each with chances of their own (in quarters), and a rule.
struct MemberChamber {
  State state;
  ForecastModel model;
  std::vector<VoteProbabilities> chances;
};

MemberChamber SmallMemberChamber() {
  MemberChamber m;
  const auto n = *rc::gen::inRange<size_t>(1, 7);
  m.state.chamber.parties.push_back({.id = "P", .seats = static_cast<int>(n)});
  m.state.chamber.statutory_seats = static_cast<int>(n) + *rc::gen::inRange(0, 2);
  m.state.stances.parties["P"] = Stance::kUndecided;
  for (size_t i = 0; i < n; ++i) {
    const std::string id = "m" + std::to_string(i);
    m.state.chamber.members.push_back({.id = id, .party = "P"});
    // Quarters that add up to 1: for, against, abstain, and absent takes the rest.
    const int f = *rc::gen::inRange(0, 5);
    const int a = *rc::gen::inRange(0, 5 - f);
    const int b = *rc::gen::inRange(0, 5 - f - a);
    const VoteProbabilities p{.for_votes = f / 4.0,
                              .against = a / 4.0,
                              .abstain = b / 4.0,
                              .absent = (4 - f - a - b) / 4.0};
    m.model.members[id] = p;
    m.chances.push_back(p);
  }
  return m;
}

RC_GTEST_PROP(PropertiesTest, ExactPassChanceIsTheEnumerationsOnSmallChambers, ()) {
  const MemberChamber m = SmallMemberChamber();
  const Rule rule = SmallRule(kAnyFraction);
  const Result<ForecastReport> exact =
      Forecast(m.state, rule, Motion{}, m.model, {.method = Method::kExact});
  RC_ASSERT(exact.ok());
  const VoteContext ctx = CountVotes(m.state, rule, Motion{}).context;
  // Every way the members can vote, with its chance.
  const size_t n = m.chances.size();
  double p_pass = 0;
  std::vector<int> choice(n, 0);
  for (bool more = true; more;) {
    Counts c;
    double chance = 1;
    for (size_t i = 0; i < n; ++i) {
      const VoteProbabilities& p = m.chances[i];
      const std::array<double, 4> of = {p.for_votes, p.against, p.abstain, p.absent};
      chance *= of[static_cast<size_t>(choice[i])];
      std::array<int*, 4> counts = {&c.for_votes, &c.against, &c.abstain, &c.absent};
      ++*counts[static_cast<size_t>(choice[i])];
    }
    if (chance > 0 && Decide(c, rule, ctx).passes) p_pass += chance;
    more = false;
    for (size_t i = 0; i < n && !more; ++i) {
      choice[i] = (choice[i] + 1) % 4;
      more = choice[i] != 0;
    }
  }
  RC_ASSERT(std::abs(exact->p_pass - p_pass) < 1e-12);
}

}  // namespace
}  // namespace whipcount
