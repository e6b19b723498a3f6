#include "whipcount/tally.h"

#include <algorithm>
#include <functional>
#include <limits>

namespace whipcount {
namespace {

std::int64_t BaseCount(Base base, const Counts& c, const VoteContext& ctx) {
  if (const auto seats = SeatsOfBase(base, ctx.statutory_seats, ctx.filled_seats)) return *seats;
  switch (base) {
    case Base::kStatutorySeats:
    case Base::kFilledSeats:
      break;
    case Base::kPresent:
      return c.Present();
    case Base::kVotesCast:
      return c.Cast();
    case Base::kVotesCastAndAbstentions:
      return c.Cast() + c.abstain;
  }
  return c.Cast();
}

ThresholdCheck Check(const Threshold& t, const Counts& c, const VoteContext& ctx) {
  ThresholdCheck check{.threshold = t, .base_count = BaseCount(t.base, c, ctx)};
  const std::int64_t lhs = static_cast<std::int64_t>(c.for_votes) * t.fraction.den;
  const std::int64_t rhs = t.fraction.num * check.base_count;
  check.met = t.strict ? lhs > rhs : lhs >= rhs;
  if (IsSeatBase(t.base)) {
    check.required = RequiredVotes(t, check.base_count);
  } else {
    check.required = RequiredVotesOverCast(t, check.base_count - c.for_votes);
    check.announced = RequiredVotes(t, check.base_count);
  }
  return check;
}

QuorumCheck CheckQuorum(const Quorum& q, const Counts& c, const VoteContext& ctx) {
  QuorumCheck check{.quorum = q, .present = c.Present() + c.chair};
  check.required = static_cast<int>(QuorumRequired(q, ctx.statutory_seats, ctx.filled_seats));
  check.met = check.present >= check.required;
  return check;
}

// Evaluates thresholds and quorum on counts where no tie needs breaking.
void Evaluate(const Counts& c, const Rule& rule, const VoteContext& ctx, Outcome& out) {
  out.thresholds.clear();
  bool met = c.for_votes >= 1;
  std::optional<std::int64_t> required = 1;
  for (const Threshold& t : rule.thresholds) {
    ThresholdCheck check = Check(t, c, ctx);
    met = met && check.met;
    if (!check.required) {
      required.reset();
    } else if (required) {
      required = std::max(*required, *check.required);
    }
    out.thresholds.push_back(std::move(check));
  }
  if (rule.quorum) {
    out.quorum = CheckQuorum(*rule.quorum, c, ctx);
    met = met && out.quorum->met;
  }
  out.required = required;
  out.passes = met;
}

}  // namespace

int Counts::*Counts::FieldOf(Stance stance) {
  switch (stance) {
    case Stance::kFor:
      return &Counts::for_votes;
    case Stance::kAgainst:
      return &Counts::against;
    case Stance::kAbstain:
      return &Counts::abstain;
    case Stance::kPresent:
      return &Counts::present;
    case Stance::kAbsent:
      return &Counts::absent;
    case Stance::kUndecided:
      return &Counts::undecided;
  }
  return &Counts::undecided;
}

int Counts::Of(Stance stance) const { return this->*FieldOf(stance); }

void Counts::Add(Stance stance, int n) { this->*FieldOf(stance) += n; }

Counts& Counts::operator+=(const Counts& o) {
  for_votes += o.for_votes;
  against += o.against;
  abstain += o.abstain;
  present += o.present;
  absent += o.absent;
  undecided += o.undecided;
  discounted += o.discounted;
  chair += o.chair;
  uncounted += o.uncounted;
  return *this;
}

Outcome Decide(const Counts& counts, const Rule& rule, const VoteContext& context) {
  Outcome out;
  Evaluate(counts, rule, context, out);
  const bool tied = counts.for_votes == counts.against && counts.Cast() > 0;
  if (!tied) return out;
  out.tie.tied = true;
  out.passes = false;  // a tie defeats the motion unless a casting vote carries it
  if (rule.tie == TieRule::kCastingVote && context.chair_can_cast) {
    out.tie.casting_vote_used = true;
    const bool status_quo_for = context.status_quo_is_for;
    out.tie.casting_for = rule.casting == CastingConvention::kAsDeclared
                              ? context.chair_stance == Stance::kFor ||
                                    (context.chair_stance != Stance::kAgainst && status_quo_for)
                              : status_quo_for;
    // The casting vote is a vote: every threshold is judged with it. The chair's seat moves
    // from the chair to that vote, so the quorum counts the chair once.
    Counts with_casting = counts;
    ++(out.tie.casting_for ? with_casting.for_votes : with_casting.against);
    if (with_casting.chair > 0) --with_casting.chair;
    Outcome decided;
    Evaluate(with_casting, rule, context, decided);
    out.passes = decided.passes;
    // A tie that the casting vote carries needed no more votes for than it has.
    if (out.passes && out.required)
      out.required = std::min<std::int64_t>(*out.required, counts.for_votes);
  }
  return out;
}

Requirement RequiredFor(const Counts& counts, const Rule& rule, const VoteContext& context) {
  Requirement req;
  const Outcome outright = Decide(counts, rule, context);
  if (!outright.required) return req;
  auto passes_with = [&](std::int64_t v) {
    Counts c = counts;
    c.for_votes = static_cast<int>(v);
    return Decide(c, rule, context).passes;
  };
  std::int64_t v = *outright.required;
  if (outright.quorum && !outright.quorum->met) {
    // Members present besides the "for" votes stay; the rest must come from new votes for.
    const std::int64_t others = outright.quorum->present - counts.for_votes;
    const std::int64_t for_quorum = outright.quorum->required - others;
    if (for_quorum > v) {
      v = for_quorum;
      req.by = RequiredBy::kQuorum;
    }
  }
  // A threshold near 1 of the votes cast can ask for billions, more than a count holds. So far
  // beyond the chamber no tie can happen and the quorum is met: the thresholds' figure stands.
  if (v > std::numeric_limits<int>::max() - 1) {
    req.votes = v;
    return req;
  }
  // New votes for come from members not voting against. A figure beyond them means that no count
  // of this chamber reaches it with these votes against, and so no tie with them either (120 seats,
  // 61 against: 61 for would make 122 members): the thresholds' figure stands.
  const std::int64_t reachable =
      counts.for_votes + counts.abstain + counts.present + counts.absent + counts.undecided;
  if (v > reachable) {
    req.votes = v;
    return req;
  }
  if (!passes_with(v)) {
    if (!passes_with(v + 1)) return req;
    ++v;
  }
  if (v > 0 && passes_with(v - 1)) --v;
  Counts at = counts;
  at.for_votes = static_cast<int>(v);
  if (req.by == RequiredBy::kThreshold && Decide(at, rule, context).tie.casting_vote_used) {
    req.by = RequiredBy::kCastingVote;
  }
  req.votes = v;
  return req;
}

namespace {

// The chair's seat: a vote like any member's, or a seat in the chair.
Counts ChairSeat(Stance chair_stance, bool chair_votes) {
  Counts seat;
  if (chair_votes) {
    seat.Add(chair_stance, 1);
  } else {
    seat.chair = 1;
  }
  return seat;
}

struct Tallied {
  Counts total;
  std::vector<PartyRow> parties;
  std::vector<BlocRow> blocs;
  std::vector<HouseRow> houses;
  Stance chair_stance = Stance::kUndecided;
};

// Counts one party into its whole row and into its part in each bloc where its seats sit.
class PartyCounter {
 public:
  PartyCounter(const Chamber& chamber, Tallied& t, const Party& party, Stance line)
      : chamber_(chamber), t_(t), row_{.party = party.id, .seats = 0, .line = line} {
    const Bloc* bloc = chamber.BlocOfParty(party.id);
    row_.bloc = bloc ? bloc->id : "";
  }

  // `n` seats sitting in `bloc` (nullptr: none) stand so.
  void Add(const Bloc* bloc, Stance stance, int n) {
    AddTo(bloc, n, [&](Counts& c) { c.Add(stance, n); });
  }
  void AddCounts(const Bloc* bloc, const Counts& counts) {
    AddTo(bloc, counts.Total(), [&](Counts& c) { c += counts; });
  }
  void AddDiscounted(const Bloc* bloc) {
    AddTo(bloc, 1, [](Counts& c) { ++c.discounted; });
  }
  void AddUncounted(const Bloc* bloc, int n) {
    AddTo(bloc, n, [n](Counts& c) { c.uncounted += n; });
  }

  // The house (index into Chamber::houses) of the seats added next; nullopt in a single chamber.
  void InHouse(std::optional<size_t> house) { house_ = house; }

  PartyRow Finish() { return std::move(row_); }

 private:
  template <typename F>
  void AddTo(const Bloc* bloc, int seats, F add) {
    if (seats == 0) return;
    BlocRow& brow = bloc == nullptr ? t_.blocs.back()
                                    : t_.blocs[static_cast<size_t>(bloc - chamber_.blocs.data())];
    if (brow.parties.empty() || brow.parties.back().party != row_.party) {
      brow.parties.push_back(PartyRow{.party = row_.party, .bloc = brow.bloc, .line = row_.line});
    }
    PartyRow& part = brow.parties.back();
    add(part.counts);
    part.seats += seats;
    add(brow.counts);
    brow.seats += seats;
    add(row_.counts);
    row_.seats += seats;
    if (house_) add(t_.houses[*house_].counts);
  }

  const Chamber& chamber_;
  Tallied& t_;
  PartyRow row_;
  std::optional<size_t> house_;
};

// A party's unnamed seats by house: one entry (no house) in a single chamber, else one per house
// where it holds seats, less its members named there and a chair sitting for it there.
std::vector<std::pair<std::optional<size_t>, int>> UnnamedByHouse(const Chamber& chamber,
                                                                  const Party& p, int unnamed) {
  if (chamber.houses.empty()) return {{std::nullopt, unnamed}};
  std::vector<std::pair<std::optional<size_t>, int>> out;
  const PresidingOfficer* chair = chamber.presiding ? &*chamber.presiding : nullptr;
  for (size_t h = 0; h < chamber.houses.size(); ++h) {
    auto it = p.house_seats.find(chamber.houses[h].id);
    if (it == p.house_seats.end()) continue;
    int n = it->second;
    for (const Member& m : chamber.members) n -= m.party == p.id && m.house == it->first;
    if (chair && chair->party == p.id && chair->member.empty() && chamber.ChairHouse() == h) --n;
    out.emplace_back(h, n);
  }
  return out;
}

Tallied CountMembers(const Chamber& chamber, const Stances& stances,
                     const AntiDefectionPeriod* anti_defection) {
  Tallied t;
  const bool discount_defectors =
      anti_defection != nullptr && anti_defection->defector_votes == DefectorVotes::kNotCounted;
  const PresidingOfficer* chair = chamber.presiding ? &*chamber.presiding : nullptr;
  const bool chair_votes = chair != nullptr && !chamber.ChairSitsApart();

  for (const Bloc& b : chamber.blocs) t.blocs.push_back(BlocRow{.bloc = b.id});
  t.blocs.push_back(BlocRow{});  // parties and members in no bloc

  t.chair_stance = stances.OfChair(chamber);
  for (size_t h = 0; h < chamber.houses.size(); ++h) {
    t.houses.push_back(HouseRow{.house = chamber.houses[h].id,
                                .seats = chamber.houses[h].seats,
                                .filled = chamber.FilledSeatsIn(h)});
  }

  for (const Party& p : chamber.parties) {
    const Bloc* party_bloc = chamber.BlocOfParty(p.id);
    const Stance line = stances.PartyLine(chamber, p.id);
    PartyCounter counter(chamber, t, p, line);
    const Split* split = stances.SplitOf(p.id);
    int unnamed = p.seats;
    const bool chair_here = chair != nullptr && chair->party == p.id;
    if (chair_here) {
      --unnamed;
      const Bloc* seat_bloc =
          chair->member.empty() ? party_bloc : chamber.BlocOfMember(chair->member);
      counter.InHouse(chamber.ChairHouse());
      counter.AddCounts(seat_bloc, ChairSeat(t.chair_stance, chair_votes));
    }
    for (const Member& m : chamber.members) {
      if (m.party != p.id || (chair_here && chair->member == m.id)) continue;
      --unnamed;
      counter.InHouse(chamber.HouseIndex(m.house));
      if (!m.counted || !p.counted) {
        counter.AddUncounted(chamber.BlocOfMember(m.id), 1);
        continue;
      }
      const Stance s = stances.OfMember(chamber, m.id);
      const bool votes = s == Stance::kFor || s == Stance::kAgainst;
      const bool whipped = split == nullptr && (line == Stance::kFor || line == Stance::kAgainst);
      const Bloc* bloc = chamber.BlocOfMember(m.id);
      if (discount_defectors && votes && whipped && s != line) {
        counter.AddDiscounted(bloc);
      } else {
        counter.Add(bloc, s, 1);
      }
    }
    // A split lies in one house (Validate refuses one across houses).
    for (auto [house, seats] : UnnamedByHouse(chamber, p, unnamed)) {
      counter.InHouse(house);
      if (!p.counted) {
        counter.AddUncounted(party_bloc, seats);
        continue;
      }
      if (split != nullptr && seats > 0) {
        for (const auto& [stance, n] : split->counts) {
          counter.Add(party_bloc, stance, n);
          seats -= n;
        }
      }
      counter.Add(party_bloc, line, seats);
    }
    t.parties.push_back(counter.Finish());
  }
  if (chair != nullptr && chair->party.empty()) {
    t.total = ChairSeat(t.chair_stance, chair_votes);
    t.blocs.back().counts += t.total;
    ++t.blocs.back().seats;
    if (std::optional<size_t> h = chamber.ChairHouse()) t.houses[*h].counts += t.total;
  }
  for (const PartyRow& row : t.parties) t.total += row.counts;
  return t;
}

// Least k in [1, limit] with pred(k), assuming pred is monotone; nullopt if none.
std::optional<int> LeastSatisfying(int limit, const std::function<bool(int)>& pred) {
  if (limit < 1 || !pred(limit)) return std::nullopt;
  int hi = 1;
  while (hi < limit && !pred(hi)) hi = std::min(limit, hi * 2);
  int lo = hi / 2 + 1;  // pred(hi / 2) is false (or hi == 1)
  if (hi == 1) return 1;
  while (lo < hi) {
    const int mid = lo + (hi - lo) / 2;
    if (pred(mid)) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return hi;
}

// Least k in [1, limit] with pred(k), where pred is monotone but for single exceptions: a tie
// (for == against) can defeat a motion at one k between two that carry it (8 against and "at
// least 1/3 of votes cast and abstentions": 3 for carries, 4-4 fails, 5 carries). Whether pred
// holds at k or at both its neighbours is monotone again, and its least k is one where pred holds.
std::optional<int> LeastSatisfyingPastTies(int limit, const std::function<bool(int)>& pred) {
  return LeastSatisfying(
      limit, [&](int k) { return pred(k) || (k > 1 && k < limit && pred(k - 1) && pred(k + 1)); });
}

// Whether the motion passes for every way the undecided could act against it: each of them
// voting against, abstaining or staying away (voting for never hurts a motion).
bool PassesWorstCase(const Counts& counts, const Rule& rule, const VoteContext& ctx) {
  const int u = counts.undecided;
  Counts base = counts;
  base.undecided = 0;
  for (int against = 0; against <= u; ++against) {
    for (int abstain = 0; abstain + against <= u; ++abstain) {
      Counts c = base;
      c.against += against;
      c.abstain += abstain;
      c.absent += u - against - abstain;
      if (!Decide(c, rule, ctx).passes) return false;
    }
  }
  return true;
}

// The fewest undecided members whose votes for carry the motion however the rest act.
Flip FlipOfTheUndecided(const Tallied& t, const Rule& rule, const VoteContext& ctx) {
  Flip flip;
  const Counts& now = t.total;
  flip.direction = Flip::Direction::kUndecidedFor;
  flip.members = LeastSatisfyingPastTies(now.undecided, [&](int k) {
    Counts c = now;
    c.for_votes += k;
    c.undecided -= k;
    return PassesWorstCase(c, rule, ctx);
  });
  for (const PartyRow& row : t.parties) {
    if (row.counts.undecided > 0) flip.suppliers.push_back({row.party, row.counts.undecided});
  }
  return flip;
}

// The fewest supporters whose leaving defeats a motion that passes.
Flip FlipAwayFromFor(const Tallied& t, const Rule& rule, const VoteContext& ctx) {
  Flip flip;
  const Counts& now = t.total;
  flip.direction = Flip::Direction::kAwayFromFor;
  // k supporters turn against (x of them) or stay away (k − x): the fewest that defeat it, and
  // of those the fewest turning against (staying away is the smaller step).
  auto defeats = [&](int k, int x) {
    Counts c = now;
    c.for_votes -= k;
    c.against += x;
    c.absent += k - x;
    return !Decide(c, rule, ctx).passes;
  };
  // Turning against can only hurt the thresholds (votes cast and members present grow with x)
  // and staying away only the quorum, so apart from a tie (for == against, at one x) the x
  // that defeat the motion are all of them (x = 0 does), none, or those from some x up. Found
  // by bisection over the x other than the tie, then the tie on its own: O(log k) decisions
  // where trying every x took k, which a chamber of millions of seats made seconds.
  const auto tie_of = [&](int k) { return now.for_votes - k - now.against; };
  auto besides_tie = [&](int k) -> std::optional<int> {
    if (defeats(k, 0)) return 0;
    const int tie = tie_of(k);
    const bool tie_inside = tie >= 1 && tie <= k;
    const auto nth = [&](int i) { return tie_inside && i >= tie ? i + 1 : i; };
    std::optional<int> x =
        LeastSatisfying(k - (tie_inside ? 1 : 0), [&](int i) { return defeats(k, nth(i)); });
    if (x) x = nth(*x);
    return x;
  };
  auto at_tie = [&](int k) { return tie_of(k) >= 1 && tie_of(k) <= k && defeats(k, tie_of(k)); };
  auto split = [&](int k) -> std::optional<int> {
    std::optional<int> x = besides_tie(k);
    if (at_tie(k) && (!x || tie_of(k) < *x)) x = tie_of(k);
    return x;
  };
  // A tie can defeat the motion at fewer defectors than anything else does (below a half,
  // 3-3 fails where 2 for and 4 away carry "a third of votes cast and abstentions"), and only
  // while the tie is within reach: k from (for − against) / 2 to for − against − 1. The
  // fewest is the fewer of the least k without the tie and the least k there at the tie.
  flip.members = LeastSatisfying(now.for_votes, [&](int k) { return besides_tie(k).has_value(); });
  const int lead = now.for_votes - now.against;
  const int first_tie = std::max(1, (lead + 1) / 2);
  if (const int ties = std::min(lead - 1, now.for_votes) - first_tie + 1; ties > 0) {
    if (const std::optional<int> nth =
            LeastSatisfying(ties, [&](int i) { return at_tie(first_tie + i - 1); })) {
      const int k = first_tie + *nth - 1;
      flip.members = std::min(flip.members.value_or(k), k);
    }
  }
  if (flip.members) {
    flip.via_against = *split(*flip.members);
    flip.via_absence = *flip.members - flip.via_against;
  }
  for (const PartyRow& row : t.parties) {
    if (row.counts.for_votes > 0) flip.suppliers.push_back({row.party, row.counts.for_votes});
  }
  return flip;
}

// The fewest members whose coming over carries a motion that fails.
Flip FlipToFor(const Tallied& t, const Rule& rule, const VoteContext& ctx) {
  Flip flip;
  const Counts& now = t.total;
  flip.direction = Flip::Direction::kToFor;
  // k members come over: x from against, y from abstention, the rest from those present
  // without voting, absent or undecided. Each source can matter (votes cast, the present
  // base, quorum): those present are taken first or last, whichever carries it.
  const int away = now.present + now.absent + now.undecided;
  auto moved = [&](int k, int x, int y, bool present_first) {
    Counts c = now;
    c.for_votes += k;
    c.against -= x;
    c.abstain -= y;
    int z = k - x - y;
    auto take = [&z](int& from) {
      const int n = std::min(z, from);
      from -= n;
      z -= n;
    };
    if (present_first) take(c.present);
    take(c.absent);
    take(c.present);
    take(c.undecided);
    return c;
  };
  auto split = [&](int k) -> std::optional<std::pair<int, int>> {
    // Prefer members who are not voting against (a smaller step than crossing over).
    // The rest, k − x − y, come from the `away`, so y starts where they suffice.
    for (int x = 0; x <= std::min(k, now.against); ++x) {
      for (int y = std::max(0, k - x - away); y <= std::min(k - x, now.abstain); ++y) {
        for (bool present_first : {true, false}) {
          if (Decide(moved(k, x, y, present_first), rule, ctx).passes) return std::make_pair(x, y);
          if (now.present == 0) break;
        }
      }
    }
    return std::nullopt;
  };
  const int movable = now.against + now.abstain + away;
  flip.members = LeastSatisfyingPastTies(movable, [&](int k) { return split(k).has_value(); });
  if (flip.members) {
    flip.via_against = split(*flip.members)->first;
    flip.via_absence = *flip.members - flip.via_against;
  }
  for (const PartyRow& row : t.parties) {
    const int n = row.counts.against + row.counts.abstain + row.counts.present + row.counts.absent +
                  row.counts.undecided;
    if (n > 0) flip.suppliers.push_back({row.party, n});
  }
  return flip;
}

Flip ComputeFlip(const Tallied& t, Verdict verdict, const Rule& rule, const VoteContext& ctx) {
  Flip flip = verdict == Verdict::kUndecidedDecide ? FlipOfTheUndecided(t, rule, ctx)
              : verdict == Verdict::kPasses        ? FlipAwayFromFor(t, rule, ctx)
                                                   : FlipToFor(t, rule, ctx);
  std::stable_sort(
      flip.suppliers.begin(), flip.suppliers.end(),
      [](const Flip::Supplier& a, const Flip::Supplier& b) { return a.available > b.available; });
  return flip;
}

}  // namespace

VoteContext MakeVoteContext(const Chamber& chamber, const Motion& motion, Stance chair_stance) {
  return VoteContext{
      .statutory_seats = chamber.statutory_seats,
      .filled_seats = chamber.FilledSeats(),
      .chair_can_cast = chamber.ChairMayCast() && chair_stance != Stance::kAbsent,
      .chair_stance = chair_stance,
      .status_quo_is_for = motion.kind == MotionKind::kConfidence,
  };
}

Tally CountVotes(const Chamber& chamber, const Stances& stances, const Rule& rule,
                 const Motion& motion, const TallyOptions& options) {
  Tally tally;
  tally.date = options.date ? options.date : motion.date;
  tally.kind = motion.kind;
  if (const AntiDefectionPeriod* period = rule.AntiDefectionOn(tally.date)) {
    tally.anti_defection = *period;
  }
  Tallied t =
      CountMembers(chamber, stances, tally.anti_defection ? &*tally.anti_defection : nullptr);

  tally.statutory_seats = chamber.statutory_seats;
  tally.filled_seats = chamber.FilledSeats();
  tally.vacancies = chamber.Vacancies();
  tally.context = MakeVoteContext(chamber, motion, t.chair_stance);
  const VoteContext& ctx = tally.context;

  Outcome now = Decide(t.total, rule, ctx);
  tally.thresholds = now.thresholds;
  tally.quorum = now.quorum;
  tally.tie = now.tie;
  const Requirement requirement = RequiredFor(t.total, rule, ctx);
  tally.required = requirement.votes;
  tally.required_by = requirement.by;
  tally.margin = tally.required ? t.total.for_votes - *tally.required : 0;
  tally.passes_now = now.passes;

  Counts best = t.total;
  best.for_votes += best.undecided;
  best.undecided = 0;
  tally.passes_best = Decide(best, rule, ctx).passes;
  tally.passes_worst = PassesWorstCase(t.total, rule, ctx);
  tally.verdict = tally.passes_worst   ? Verdict::kPasses
                  : !tally.passes_best ? Verdict::kFails
                                       : Verdict::kUndecidedDecide;
  tally.flip = ComputeFlip(t, tally.verdict, rule, ctx);
  tally.total = t.total;
  tally.parties = std::move(t.parties);
  tally.blocs = std::move(t.blocs);
  tally.houses = std::move(t.houses);
  return tally;
}

Tally CountVotes(const State& state, const Rule& rule, const Motion& motion,
                 const TallyOptions& options) {
  Tally tally = CountVotes(state.chamber, state.stances, rule, motion, options);
  tally.status = state.motion;
  return tally;
}

std::string OutcomeWord(const Tally& tally) {
  switch (tally.status) {
    case MotionStatus::kOpen:
      return std::string(EnumName(tally.verdict));
    case MotionStatus::kBlocked:
      return "blocked";
    case MotionStatus::kWithdrawn:
      return "withdrawn";
    case MotionStatus::kLapsed:
      return "no vote: motion lapsed";
    case MotionStatus::kDissolved:
      return "no vote: chamber dissolved";
  }
  return std::string(EnumName(tally.verdict));
}

std::string ConsequenceWords(const Tally& tally) {
  if (tally.kind == MotionKind::kOther || tally.verdict == Verdict::kUndecidedDecide) return "";
  switch (tally.status) {
    case MotionStatus::kOpen:
      break;
    case MotionStatus::kBlocked:
    case MotionStatus::kWithdrawn:
    case MotionStatus::kLapsed:
      return "with no vote, the government stays in office";
    case MotionStatus::kDissolved:
      return "";
  }
  const bool carried = tally.verdict == Verdict::kPasses;
  if (tally.kind == MotionKind::kConfidence) {
    return carried ? "the government wins the confidence vote and survives"
                   : "the government loses the confidence vote";
  }
  return carried ? "the government falls" : "the government survives";
}

FullTurnoutQuota QuotaWithFullTurnout(const Chamber& chamber, const Rule& rule,
                                      const Motion& motion) {
  FullTurnoutQuota q;
  int voters = 0;
  for (const Party& p : chamber.parties) voters += VotingSeats(chamber, p);
  q.voters = voters;
  const bool chair_seat = chamber.ChairSitsApart();
  const VoteContext ctx = MakeVoteContext(chamber, motion, Stance::kUndecided);
  auto counts_with = [&](std::int64_t v) {
    Counts c;
    c.for_votes = static_cast<int>(v);
    c.against = voters - c.for_votes;
    c.chair = chair_seat ? 1 : 0;
    return c;
  };
  // "For" only helps as it grows and "against" shrinks: the least v that carries, by bisection.
  if (!Decide(counts_with(voters), rule, ctx).passes) return q;
  std::int64_t lo = 0;
  std::int64_t hi = voters;
  while (lo < hi) {
    const std::int64_t mid = lo + (hi - lo) / 2;
    if (Decide(counts_with(mid), rule, ctx).passes) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  q.votes = lo;
  const Outcome at = Decide(counts_with(lo), rule, ctx);
  std::int64_t most = -1;
  for (size_t i = 0; i < at.thresholds.size(); ++i) {
    const std::int64_t needed = at.thresholds[i].required.value_or(0);
    if (needed > most) {
      most = needed;
      q.threshold = i;
      q.base_count = at.thresholds[i].base_count;
    }
  }
  return q;
}

RecordedCheck CheckRecorded(const RecordedVote& recorded, const Tally& paper, const Rule& rule) {
  RecordedCheck check;
  Counts& c = check.counts;
  c.for_votes = recorded.for_votes;
  c.against = recorded.against;
  c.abstain = recorded.abstain.value_or(0);
  c.present = recorded.present.value_or(0);
  c.chair = paper.total.chair;
  // Every other member in office did not vote (the chair's seat is counted apart).
  c.absent = std::max(0, paper.filled_seats - c.chair - c.Cast() - c.abstain - c.present);
  check.outcome = Decide(c, rule, paper.context);
  check.for_minus_paper = c.for_votes - paper.total.for_votes;
  const Counts& p = paper.total;
  check.at_least_left_for = std::max(0, p.for_votes - c.for_votes);
  // Members not declared for: against, abstaining, present, absent, undecided, discounted.
  check.at_least_joined_for = std::max(0, c.for_votes - p.for_votes);
  for (const BlocRow& b : paper.blocs) {
    const int short_by = b.counts.for_votes - c.for_votes;
    if (!b.bloc.empty() && short_by > 0) check.by_bloc.push_back({b.bloc, short_by});
  }
  return check;
}

std::optional<size_t> TimelineTally::FirstGain() const {
  for (const Crossing& c : crossings) {
    if (c.gained) return c.step;
  }
  return std::nullopt;
}

Result<TimelineTally> TallyTimeline(const State& base, std::span<const Event> events,
                                    const Rule& rule, const Motion& motion) {
  TimelineTally out;
  State state = base;
  std::optional<Date> first_date;
  if (!events.empty()) first_date = events.front().date;
  out.steps.push_back(TimelineStep{.tally = CountVotes(state, rule, motion, {.date = first_date})});
  for (size_t i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    std::string sentence = Sentence(e, state, base);
    WHIPCOUNT_RETURN_IF_ERROR(ApplyInOrder(events, i, state));
    TimelineStep step{.event = i,
                      .sentence = std::move(sentence),
                      .tally = CountVotes(state, rule, motion, {.date = e.date})};
    if (e.kind == EventKind::kVote && e.recorded) {
      step.recorded = CheckRecorded(*e.recorded, step.tally, rule);
    }
    const bool passed = out.steps.back().tally.verdict == Verdict::kPasses;
    const bool passes = step.tally.verdict == Verdict::kPasses;
    if (passed != passes) out.crossings.push_back({.step = out.steps.size(), .gained = passes});
    out.steps.push_back(std::move(step));
  }
  const Verdict first = out.steps.front().tally.verdict;
  if (std::all_of(out.steps.begin(), out.steps.end(),
                  [&](const TimelineStep& s) { return s.tally.verdict == first; })) {
    out.throughout = first;
  }
  return out;
}

}  // namespace whipcount
