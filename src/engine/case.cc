#include "whipcount/case.h"

#include <algorithm>
#include <charconv>
#include <string>

namespace whipcount {
namespace {

// Rewrites an error's "events[i]..." path, where i indexes `m.events`, to the case's numbering.
Status InCaseNumbering(const MotionCase& m, Status s) {
  std::string& path = s.mutable_where().path;
  constexpr std::string_view kPrefix = "events[";
  if (path.rfind(kPrefix, 0) != 0) return s;
  const size_t close = path.find(']');
  size_t i = 0;
  const auto [end, ec] = std::from_chars(path.data() + kPrefix.size(), path.data() + close, i);
  if (ec != std::errc() || end != path.data() + close || i >= m.case_events.size()) return s;
  path = std::string(kPrefix) + std::to_string(m.case_events[i]) + path.substr(close);
  return s;
}

Status NoMotion() {
  return Status(ErrorCode::kMissingField, "there is no motion to count", {.path = "motion"});
}

// The party `member` sits for in `chamber`; empty when it is not there.
std::string PartyOf(const Chamber& chamber, const std::string& member) {
  const Member* m = member.empty() ? nullptr : chamber.FindMember(member);
  return m != nullptr ? m->party : std::string();
}

bool IsProcedural(EventKind kind) {
  switch (kind) {
    case EventKind::kMotionTabled:
    case EventKind::kMotionBlocked:
    case EventKind::kMotionWithdrawn:
    case EventKind::kMotionRestored:
    case EventKind::kMotionLapsed:
    case EventKind::kDissolve:
      return true;
    default:
      return false;
  }
}

// Whether `e` acts on what `c` changed between the states `before` and `after`.
bool Concerns(const Event& e, const Change& c, const State& before, const State& after) {
  using What = Change::What;
  const bool member =
      !c.member.empty() && (e.member == c.member || (e.new_member && e.new_member->id == c.member));
  switch (c.what) {
    case What::kSeats:
      return e.party == c.party || PartyOf(before.chamber, e.member) == c.party ||
             PartyOf(after.chamber, e.member) == c.party;
    case What::kPartyBloc:
      return e.party == c.party && e.member.empty();
    case What::kMemberBloc:
    case What::kMemberParty:
    case What::kMemberAdded:
    case What::kMemberRemoved:
      return member;
    case What::kStance:
      return e.kind == EventKind::kStance &&
             ((c.actor_kind == "party" && e.party == c.actor && e.member.empty()) ||
              (c.actor_kind == "member" && e.member == c.actor) ||
              (c.actor_kind == "bloc" && e.bloc == c.actor && e.party.empty()));
    case What::kSplit:
      return e.kind == EventKind::kStance && e.party == c.party;
    case What::kChair:
      return e.kind == EventKind::kPresiding;
    case What::kMotion:
      return IsProcedural(e.kind);
  }
  return false;
}

// The motion SelectMotion picks without an id.
const Motion* DefaultMotion(const std::vector<Motion>& motions) {
  const Motion* chosen = nullptr;
  for (const Motion& m : motions) {
    if (chosen == nullptr || !chosen->date || (m.date && !(*m.date < *chosen->date))) chosen = &m;
  }
  return chosen;
}

}  // namespace

Status ValidateEvents(const Case& c) {
  for (size_t i = 0; i < c.events.size(); ++i) {
    const std::string& id = c.events[i].motion;
    if (id.empty()) continue;
    if (std::none_of(c.motions.begin(), c.motions.end(),
                     [&](const Motion& m) { return m.id == id; })) {
      return Status(ErrorCode::kUnknownId, "event names motion '" + id + "', which is not defined",
                    {.path = "events[" + std::to_string(i) + "].motion"});
    }
  }
  // Each motion meets its own events: replaying each validates every event against the state it
  // meets on the way to that motion's vote.
  if (c.motions.empty()) {
    WHIPCOUNT_ASSIGN_OR_RETURN(const MotionCase all, SelectMotion(c, std::nullopt));
    return StateOn(all, std::nullopt).status();
  }
  for (const Motion& motion : c.motions) {
    WHIPCOUNT_ASSIGN_OR_RETURN(const MotionCase one, SelectMotion(c, motion.id));
    WHIPCOUNT_RETURN_IF_ERROR(StateOn(one, std::nullopt).status());
  }
  return Status::Ok();
}

Result<MotionCase> SelectMotion(const Case& c, std::optional<std::string_view> id) {
  const Motion* chosen = nullptr;
  if (id) {
    const auto found = std::find_if(c.motions.begin(), c.motions.end(),
                                    [&](const Motion& m) { return m.id == *id; });
    if (found == c.motions.end()) {
      std::string ids;
      for (const Motion& m : c.motions) ids += (ids.empty() ? "" : ", ") + m.id;
      return Status(ErrorCode::kUnknownId,
                    "there is no motion '" + std::string(*id) + "' in the file" +
                        (ids.empty() ? std::string(" (it has none)") : "; it has: " + ids),
                    {.path = "motions"});
    }
    chosen = &*found;
  } else {
    chosen = DefaultMotion(c.motions);
  }
  MotionCase out{.base = c.base};
  if (chosen != nullptr) {
    out.motion = *chosen;
    if (const Rule* rule = FindRule(c.rules, chosen->rule)) out.rule = *rule;
  }
  out.events.reserve(c.events.size());  // no slack of a growing vector: events are large
  for (size_t i = 0; i < c.events.size(); ++i) {
    const std::string& for_motion = c.events[i].motion;
    if (!for_motion.empty() && (chosen == nullptr || for_motion != chosen->id)) continue;
    out.events.push_back(c.events[i]);
    out.case_events.push_back(i);
  }
  return out;
}

std::optional<Date> DefaultDate(const MotionCase& m) {
  if (m.motion && m.motion->date) return m.motion->date;
  if (!m.events.empty()) return m.events.back().date;
  return std::nullopt;
}

Result<State> StateOn(const MotionCase& m, std::optional<Date> date) {
  Result<State> state = Replay(m.base, m.events, date);
  if (!state.ok()) return InCaseNumbering(m, state.status());
  return state;
}

Result<Snapshot> SnapshotOn(const MotionCase& m, std::optional<Date> date) {
  Snapshot out{.date = date ? date : DefaultDate(m)};
  WHIPCOUNT_ASSIGN_OR_RETURN(out.state, StateOn(m, out.date));
  if (m.motion && m.rule) out.tally = CountVotes(out.state, *m.rule, *m.motion, {.date = out.date});
  return out;
}

Result<Snapshot> TallyOn(const MotionCase& m, std::optional<Date> date) {
  if (!m.motion || !m.rule) return NoMotion();
  return SnapshotOn(m, date);
}

Result<Comparison> Compare(const MotionCase& m, Date from, Date to) {
  if (to < from) {
    return Status(ErrorCode::kInvalidValue, "the second date (" + to.ToString() +
                                                ") is before the first (" + from.ToString() + ")");
  }
  Comparison out;
  WHIPCOUNT_ASSIGN_OR_RETURN(out.from, SnapshotOn(m, from));
  WHIPCOUNT_ASSIGN_OR_RETURN(out.to, SnapshotOn(m, to));
  for (size_t i = 0; i < m.events.size(); ++i) {
    if (from < m.events[i].date && !(to < m.events[i].date)) out.events.push_back(i);
  }
  out.diff = Diff(out.from.state, out.to.state);
  for (const Change& change : out.diff.changes) {
    std::optional<size_t> cause;
    for (size_t i : out.events) {
      if (Concerns(m.events[i], change, out.from.state, out.to.state)) cause = i;
    }
    out.causes.push_back(cause);
  }
  return out;
}

Result<TimelineTally> TallyStory(const MotionCase& m) {
  if (!m.motion || !m.rule) return NoMotion();
  Result<TimelineTally> story = TallyTimeline(m.base, m.events, *m.rule, *m.motion);
  if (!story.ok()) return InCaseNumbering(m, story.status());
  return story;
}

}  // namespace whipcount
