#include "whipcount/tally.h"

#include <algorithm>
#include <functional>

namespace whipcount {
namespace {

std::int64_t BaseCount(Base base, const Counts& c, const VoteContext& ctx) {
  switch (base) {
    case Base::kStatutorySeats:
      return ctx.statutory_seats;
    case Base::kFilledSeats:
      return ctx.filled_seats;
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
  if (t.base == Base::kStatutorySeats || t.base == Base::kFilledSeats) {
    check.required = RequiredVotes(t, check.base_count);
  } else {
    check.required = RequiredVotesOverCast(t, check.base_count - c.for_votes);
  }
  return check;
}

QuorumCheck CheckQuorum(const Quorum& q, const Counts& c, const VoteContext& ctx) {
  QuorumCheck check{.quorum = q, .present = c.Present() + c.chair};
  if (q.absolute) {
    check.required = *q.absolute;
  } else {
    const int seats = q.base == Base::kFilledSeats ? ctx.filled_seats : ctx.statutory_seats;
    check.required = static_cast<int>(
        RequiredVotes(Threshold{.fraction = q.fraction, .strict = false, .base = q.base}, seats));
  }
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

void Counts::Add(Stance stance, int n) {
  switch (stance) {
    case Stance::kFor:
      for_votes += n;
      break;
    case Stance::kAgainst:
      against += n;
      break;
    case Stance::kAbstain:
      abstain += n;
      break;
    case Stance::kAbsent:
      absent += n;
      break;
    case Stance::kUndecided:
      undecided += n;
      break;
  }
}

Counts& Counts::operator+=(const Counts& o) {
  for_votes += o.for_votes;
  against += o.against;
  abstain += o.abstain;
  absent += o.absent;
  undecided += o.undecided;
  discounted += o.discounted;
  chair += o.chair;
  return *this;
}

std::string_view VerdictName(Verdict v) {
  switch (v) {
    case Verdict::kPasses:
      return "passes";
    case Verdict::kFails:
      return "fails";
    case Verdict::kUndecidedDecide:
      return "undecided";
  }
  return "undecided";
}

Outcome Decide(const Counts& counts, const Rule& rule, const VoteContext& context) {
  Outcome out;
  const bool tied = counts.for_votes == counts.against && counts.Cast() > 0;
  if (!tied) {
    Evaluate(counts, rule, context, out);
    return out;
  }
  out.tie.tied = true;
  if (rule.tie == TieRule::kCastingVote && context.chair_can_cast) {
    Counts with_casting = counts;
    out.tie.casting_vote_used = true;
    out.tie.casting_for =
        rule.casting == CastingConvention::kAsDeclared && context.chair_stance == Stance::kFor;
    if (out.tie.casting_for) {
      ++with_casting.for_votes;
    } else {
      ++with_casting.against;
    }
    Evaluate(with_casting, rule, context, out);
    return out;
  }
  Evaluate(counts, rule, context, out);
  out.passes = false;  // a tie with no casting vote defeats the motion
  return out;
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
  Stance chair_stance = Stance::kUndecided;
  bool chair_in_chamber = false;
};

Tallied CountMembers(const Chamber& chamber, const Stances& stances,
                     const AntiDefectionPeriod* anti_defection) {
  Tallied t;
  const bool discount_defectors =
      anti_defection != nullptr && anti_defection->defector_votes == DefectorVotes::kNotCounted;
  const PresidingOfficer* chair = chamber.presiding ? &*chamber.presiding : nullptr;
  const bool chair_votes = chair != nullptr && chair->vote == PresidingVote::kAsMember;

  for (const Bloc& b : chamber.blocs) t.blocs.push_back(BlocRow{.bloc = b.id});
  t.blocs.push_back(BlocRow{});  // parties and members in no bloc
  auto bloc_row = [&](const Bloc* b) -> BlocRow& {
    if (b == nullptr) return t.blocs.back();
    return t.blocs[static_cast<size_t>(b - chamber.blocs.data())];
  };

  if (chair != nullptr) {
    if (!chair->member.empty()) {
      t.chair_stance = stances.OfMember(chamber, chair->member);
    } else if (!chair->party.empty()) {
      t.chair_stance = stances.PartyLine(chamber, chair->party);
    }
    t.chair_in_chamber = t.chair_stance != Stance::kAbsent;
  }

  for (const Party& p : chamber.parties) {
    const Bloc* party_bloc = chamber.BlocOfParty(p.id);
    PartyRow row{.party = p.id, .bloc = party_bloc ? party_bloc->id : "", .seats = p.seats};
    row.line = stances.PartyLine(chamber, p.id);
    int unnamed = p.seats;
    const bool chair_here = chair != nullptr && chair->party == p.id;
    if (chair_here) {
      --unnamed;
      const Counts seat = ChairSeat(t.chair_stance, chair_votes);
      row.counts += seat;
      bloc_row(party_bloc).counts += seat;
      ++bloc_row(party_bloc).seats;
    }
    for (const Member& m : chamber.members) {
      if (m.party != p.id || (chair_here && chair->member == m.id)) continue;
      --unnamed;
      const Stance s = stances.OfMember(chamber, m.id);
      const bool votes = s == Stance::kFor || s == Stance::kAgainst;
      const bool whipped = row.line == Stance::kFor || row.line == Stance::kAgainst;
      BlocRow& brow = bloc_row(chamber.BlocOfMember(m.id));
      ++brow.seats;
      if (discount_defectors && votes && whipped && s != row.line) {
        ++row.counts.discounted;
        ++brow.counts.discounted;
      } else {
        row.counts.Add(s, 1);
        brow.counts.Add(s, 1);
      }
    }
    row.counts.Add(row.line, unnamed);
    bloc_row(party_bloc).counts.Add(row.line, unnamed);
    bloc_row(party_bloc).seats += unnamed;
    t.parties.push_back(row);
  }
  if (chair != nullptr && chair->party.empty()) {
    t.total = ChairSeat(t.chair_stance, chair_votes);
    t.blocs.back().counts += t.total;
    ++t.blocs.back().seats;
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

Flip ComputeFlip(const Tallied& t, Verdict verdict, const Rule& rule, const VoteContext& ctx) {
  Flip flip;
  const Counts& now = t.total;
  if (verdict == Verdict::kUndecidedDecide) {
    flip.direction = Flip::Direction::kUndecidedFor;
    flip.members = LeastSatisfying(now.undecided, [&](int k) {
      Counts c = now;
      c.for_votes += k;
      c.undecided -= k;
      return PassesWorstCase(c, rule, ctx);
    });
    for (const PartyRow& row : t.parties) {
      if (row.counts.undecided > 0) flip.suppliers.push_back({row.party, row.counts.undecided});
    }
  } else if (verdict == Verdict::kPasses) {
    flip.direction = Flip::Direction::kAwayFromFor;
    // k supporters turn against (x of them) or stay away (k − x): the fewest that defeat it.
    auto split = [&](int k) -> std::optional<int> {
      for (int x = 0; x <= k; ++x) {  // staying away is the smaller step: try it first
        Counts c = now;
        c.for_votes -= k;
        c.against += x;
        c.absent += k - x;
        if (!Decide(c, rule, ctx).passes) return x;
      }
      return std::nullopt;
    };
    flip.members = LeastSatisfying(now.for_votes, [&](int k) { return split(k).has_value(); });
    if (flip.members) {
      flip.via_against = *split(*flip.members);
      flip.via_absence = *flip.members - flip.via_against;
    }
    for (const PartyRow& row : t.parties) {
      if (row.counts.for_votes > 0) flip.suppliers.push_back({row.party, row.counts.for_votes});
    }
  } else {
    flip.direction = Flip::Direction::kToFor;
    // k members come over: x from against, y from abstention, the rest from absence or
    // indecision. Each source can matter (votes cast, the present base, quorum).
    const int away = now.absent + now.undecided;
    auto split = [&](int k) -> std::optional<std::pair<int, int>> {
      // Prefer members who are not voting against (a smaller step than crossing over).
      for (int x = 0; x <= std::min(k, now.against); ++x) {
        for (int y = 0; y <= std::min(k - x, now.abstain); ++y) {
          const int z = k - x - y;
          if (z > away) continue;
          Counts c = now;
          c.for_votes += k;
          c.against -= x;
          c.abstain -= y;
          const int from_absent = std::min(z, now.absent);
          c.absent -= from_absent;
          c.undecided -= z - from_absent;
          if (Decide(c, rule, ctx).passes) return std::make_pair(x, y);
        }
      }
      return std::nullopt;
    };
    const int movable = now.against + now.abstain + away;
    flip.members = LeastSatisfying(movable, [&](int k) { return split(k).has_value(); });
    if (flip.members) {
      flip.via_against = split(*flip.members)->first;
      flip.via_absence = *flip.members - flip.via_against;
    }
    for (const PartyRow& row : t.parties) {
      const int n =
          row.counts.against + row.counts.abstain + row.counts.absent + row.counts.undecided;
      if (n > 0) flip.suppliers.push_back({row.party, n});
    }
  }
  std::stable_sort(
      flip.suppliers.begin(), flip.suppliers.end(),
      [](const Flip::Supplier& a, const Flip::Supplier& b) { return a.available > b.available; });
  return flip;
}

}  // namespace

Tally CountVotes(const Chamber& chamber, const Stances& stances, const Rule& rule,
                 const Motion& motion, const TallyOptions& options) {
  Tally tally;
  tally.date = options.date ? options.date : motion.date;
  tally.anti_defection = rule.AntiDefectionOn(tally.date);
  Tallied t = CountMembers(chamber, stances, tally.anti_defection);

  tally.statutory_seats = chamber.statutory_seats;
  tally.filled_seats = chamber.FilledSeats();
  tally.vacancies = chamber.Vacancies();
  const VoteContext ctx{
      .statutory_seats = chamber.statutory_seats,
      .filled_seats = tally.filled_seats,
      .chair_can_cast = t.total.chair > 0 && t.chair_in_chamber,
      .chair_stance = t.chair_stance,
  };

  Outcome now = Decide(t.total, rule, ctx);
  tally.thresholds = now.thresholds;
  tally.quorum = now.quorum;
  tally.tie = now.tie;
  tally.required = now.required;
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
  return tally;
}

Result<TimelineTally> TallyTimeline(const State& base, std::span<const Event> events,
                                    const Rule& rule, const Motion& motion) {
  TimelineTally out;
  State state = base;
  std::optional<Date> first_date;
  if (!events.empty()) first_date = events.front().date;
  out.steps.push_back(TimelineStep{
      .tally = CountVotes(state.chamber, state.stances, rule, motion, {.date = first_date})});
  for (size_t i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    WHIPCOUNT_RETURN_IF_ERROR(ApplyInOrder(events, i, state));
    TimelineStep step{
        .event = i,
        .tally = CountVotes(state.chamber, state.stances, rule, motion, {.date = e.date})};
    if (e.kind == EventKind::kVote && e.recorded) {
      step.recorded_minus_paper = e.recorded->for_votes - step.tally.total.for_votes;
    }
    const Verdict before = out.steps.back().tally.verdict;
    if (step.tally.verdict == Verdict::kPasses && before != Verdict::kPasses && !out.crossed) {
      out.crossed = out.steps.size();
    }
    if (step.tally.verdict != Verdict::kPasses && before == Verdict::kPasses && out.crossed &&
        !out.lost) {
      out.lost = out.steps.size();
    }
    out.steps.push_back(std::move(step));
  }
  return out;
}

}  // namespace whipcount
