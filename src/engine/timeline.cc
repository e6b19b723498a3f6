#include "whipcount/timeline.h"

#include <algorithm>
#include <map>
#include <set>

namespace whipcount {
namespace {

Status EventError(ErrorCode code, const Event& e, const std::string& what) {
  return {code,
          "event of " + e.date.ToString() + " (" + std::string(EnumName(e.kind)) + "): " + what};
}

Party* MutableParty(Chamber& c, std::string_view id) {
  auto it =
      std::find_if(c.parties.begin(), c.parties.end(), [&](const Party& p) { return p.id == id; });
  return it == c.parties.end() ? nullptr : &*it;
}

Bloc* MutableBloc(Chamber& c, std::string_view id) {
  auto it = std::find_if(c.blocs.begin(), c.blocs.end(), [&](const Bloc& b) { return b.id == id; });
  return it == c.blocs.end() ? nullptr : &*it;
}

int NamedMembers(const Chamber& c, std::string_view party) {
  return static_cast<int>(std::count_if(c.members.begin(), c.members.end(),
                                        [&](const Member& m) { return m.party == party; }));
}

void RemoveFromBlocs(std::vector<Bloc>& blocs, std::string_view id, bool is_party) {
  for (Bloc& b : blocs) {
    auto& list = is_party ? b.parties : b.members;
    list.erase(std::remove(list.begin(), list.end(), id), list.end());
  }
}

// Puts a party or member into bloc `to` (none when empty).
void PlaceInBloc(Chamber& c, const std::string& id, bool is_party, const std::string& to) {
  RemoveFromBlocs(c.blocs, id, is_party);
  if (to.empty()) return;
  Bloc* b = MutableBloc(c, to);
  if (b == nullptr) return;
  (is_party ? b->parties : b->members).push_back(id);
}

void RemoveMember(State& s, const std::string& id) {
  Chamber& c = s.chamber;
  RemoveFromBlocs(c.blocs, id, /*is_party=*/false);
  c.members.erase(std::remove_if(c.members.begin(), c.members.end(),
                                 [&](const Member& m) { return m.id == id; }),
                  c.members.end());
  s.stances.members.erase(id);
  if (c.presiding && c.presiding->member == id) c.presiding->member.clear();
}

// An event with no arithmetic effect may still name a party or member: they must exist.
Status CheckMentions(const Event& e, const State& state) {
  if (!e.party.empty() && state.chamber.FindParty(e.party) == nullptr) {
    return EventError(ErrorCode::kUnknownId, e, "party '" + e.party + "' is not defined");
  }
  if (!e.member.empty() && state.chamber.FindMember(e.member) == nullptr) {
    return EventError(ErrorCode::kUnknownId, e, "member '" + e.member + "' is not defined");
  }
  return Status::Ok();
}

Status CheckActor(const Event& e, const Chamber& chamber, bool bloc_allowed) {
  const int named = (e.party.empty() ? 0 : 1) + (e.member.empty() ? 0 : 1) +
                    (bloc_allowed && !e.bloc.empty() ? 1 : 0);
  if (named != 1) {
    return EventError(ErrorCode::kInvalidEvent, e,
                      bloc_allowed ? "name exactly one of bloc, party or member"
                                   : "name exactly one of party or member");
  }
  if (!e.party.empty() && chamber.FindParty(e.party) == nullptr) {
    return EventError(ErrorCode::kUnknownId, e, "party '" + e.party + "' is not defined");
  }
  if (!e.member.empty() && chamber.FindMember(e.member) == nullptr) {
    return EventError(ErrorCode::kUnknownId, e, "member '" + e.member + "' is not defined");
  }
  return Status::Ok();
}

Status ApplyStance(const Event& e, State& state) {
  WHIPCOUNT_RETURN_IF_ERROR(CheckActor(e, state.chamber, /*bloc_allowed=*/true));
  if (!e.bloc.empty()) {
    if (state.chamber.FindBloc(e.bloc) == nullptr) {
      return EventError(ErrorCode::kUnknownId, e, "bloc '" + e.bloc + "' is not defined");
    }
    state.stances.blocs[e.bloc] = e.stance;
  } else if (!e.party.empty()) {
    if (e.split) {
      state.stances.parties.erase(e.party);
      state.stances.splits[e.party] = *e.split;
    } else {
      state.stances.splits.erase(e.party);
      state.stances.parties[e.party] = e.stance;
    }
  } else {
    state.stances.members[e.member] = e.stance;
  }
  return Status::Ok();
}

Status ApplyBlocMove(const Event& e, State& state) {
  Chamber& chamber = state.chamber;
  const bool joining = e.kind == EventKind::kJoinBloc;
  Event actor = e;
  actor.bloc.clear();  // `bloc` is the destination, not the actor
  WHIPCOUNT_RETURN_IF_ERROR(CheckActor(actor, chamber, /*bloc_allowed=*/false));
  const bool is_party = !e.party.empty();
  const std::string& id = is_party ? e.party : e.member;
  if (joining && chamber.FindBloc(e.bloc) == nullptr) {
    return EventError(ErrorCode::kUnknownId, e, "bloc '" + e.bloc + "' is not defined");
  }
  if (!joining) {
    const Bloc* current = is_party ? chamber.BlocOfParty(id) : chamber.BlocOfMember(id);
    if (current == nullptr) {
      return EventError(ErrorCode::kInvalidEvent, e, "'" + id + "' is in no bloc to leave");
    }
    if (!is_party) {
      // A member leaving their party's bloc sits apart from it: model as no bloc at all
      // unless they sat in a bloc of their own, which we clear.
      const bool direct =
          std::find(current->members.begin(), current->members.end(), id) != current->members.end();
      if (!direct) {
        return EventError(ErrorCode::kInvalidEvent, e,
                          "'" + id + "' sits in '" + current->id +
                              "' only through their party; move the party, or have the member "
                              "join another bloc");
      }
    }
  }
  PlaceInBloc(chamber, id, is_party, joining ? e.bloc : "");
  return Status::Ok();
}

// In a joint sitting, the house whose seats a party-level vacate or fill moves: the event's
// `house`, else the new member's, else the only house where the party holds seats. "" for a
// single chamber.
Result<std::string> SeatHouse(const Event& e, const Chamber& c, const Party& p) {
  std::string house = e.house;
  if (house.empty() && e.new_member) house = e.new_member->house;
  if (c.houses.empty()) {
    if (house.empty()) return house;
    return EventError(ErrorCode::kInvalidEvent, e,
                      "names house '" + house + "', but the chamber has no houses");
  }
  if (!house.empty()) {
    if (!c.HouseIndex(house)) {
      return EventError(ErrorCode::kUnknownId, e, "house '" + house + "' is not listed");
    }
    return house;
  }
  std::vector<std::string> held;
  for (const auto& [id, n] : p.house_seats) {
    if (n > 0) held.push_back(id);
  }
  if (held.size() == 1) return held.front();
  return EventError(ErrorCode::kInvalidEvent, e,
                    "'" + p.id + "' holds seats in " + std::to_string(held.size()) +
                        " houses: say which with 'house'");
}

// Moves `n` seats of party `p` in `house` ("" for a single chamber).
void MoveSeats(Party& p, const std::string& house, int n) {
  p.seats += n;
  if (!house.empty()) p.house_seats[house] += n;
}

Status ApplyChangeParty(const Event& e, State& state) {
  Chamber& c = state.chamber;
  if (e.member.empty() || e.party.empty()) {
    return EventError(ErrorCode::kInvalidEvent, e,
                      "a change-party event names the member and the party they join");
  }
  auto m = std::find_if(c.members.begin(), c.members.end(),
                        [&](const Member& x) { return x.id == e.member; });
  if (m == c.members.end()) {
    return EventError(ErrorCode::kUnknownId, e, "member '" + e.member + "' is not defined");
  }
  Party* to = MutableParty(c, e.party);
  if (to == nullptr) {
    return EventError(ErrorCode::kUnknownId, e, "party '" + e.party + "' is not defined");
  }
  if (m->party == e.party) {
    return EventError(ErrorCode::kInvalidEvent, e,
                      "'" + e.member + "' already belongs to '" + e.party + "'");
  }
  Party* from = MutableParty(c, m->party);
  MoveSeats(*from, m->house, -1);
  MoveSeats(*to, m->house, 1);
  m->party = e.party;
  return Status::Ok();
}

Status ApplyVacate(const Event& e, State& state) {
  Chamber& c = state.chamber;
  WHIPCOUNT_RETURN_IF_ERROR(CheckActor(e, c, /*bloc_allowed=*/false));
  if (!e.member.empty()) {
    if (e.count != 1) {
      return EventError(ErrorCode::kInvalidEvent, e, "a named member vacates one seat");
    }
    const Member leaving = *c.FindMember(e.member);
    RemoveMember(state, e.member);
    MoveSeats(*MutableParty(c, leaving.party), leaving.house, -1);
    return Status::Ok();
  }
  Party* p = MutableParty(c, e.party);
  if (e.count < 1) {
    return EventError(ErrorCode::kInvalidEvent, e, "count must be at least 1");
  }
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::string house, SeatHouse(e, c, *p));
  int unnamed =
      p->seats - NamedMembers(c, p->id) - (c.presiding && c.presiding->party == p->id ? 1 : 0);
  if (!house.empty()) {
    // Only the party's seats in that house, less its members named there and the chair's.
    unnamed = p->house_seats[house];
    for (const Member& m : c.members) unnamed -= m.party == p->id && m.house == house;
    if (c.presiding && c.presiding->party == p->id && c.presiding->member.empty() &&
        c.ChairHouse() == c.HouseIndex(house)) {
      --unnamed;
    }
  }
  if (e.count > unnamed) {
    return EventError(ErrorCode::kNegativeSeats, e,
                      "'" + p->id + "' has " + std::to_string(unnamed) +
                          " unnamed seats to vacate, not " + std::to_string(e.count) +
                          (unnamed < p->seats ? "; name the member who leaves" : ""));
  }
  MoveSeats(*p, house, -e.count);
  return Status::Ok();
}

Status ApplyFill(const Event& e, State& state) {
  Chamber& c = state.chamber;
  if (e.party.empty()) {
    return EventError(ErrorCode::kInvalidEvent, e, "a fill event names the party that wins");
  }
  Party* p = MutableParty(c, e.party);
  if (p == nullptr) {
    return EventError(ErrorCode::kUnknownId, e, "party '" + e.party + "' is not defined");
  }
  if (e.count < 1 || (e.new_member && e.count != 1)) {
    return EventError(ErrorCode::kInvalidEvent, e,
                      "count must be at least 1 (exactly 1 with a named member)");
  }
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::string house, SeatHouse(e, c, *p));
  if (!house.empty()) {
    const size_t h = *c.HouseIndex(house);
    if (c.FilledSeatsIn(h) + e.count > c.houses[h].seats) {
      return EventError(
          ErrorCode::kSeatsExceedChamber, e,
          "house '" + house + "' has no vacant seat for " + std::to_string(e.count) + " more");
    }
  }
  if (c.FilledSeats() + e.count > c.statutory_seats) {
    return EventError(ErrorCode::kSeatsExceedChamber, e,
                      "filling " + std::to_string(e.count) + (e.count == 1 ? " seat" : " seats") +
                          " would make " + std::to_string(c.FilledSeats() + e.count) +
                          " in a chamber of " + std::to_string(c.statutory_seats) +
                          "; no seat is vacant");
  }
  if (e.new_member) {
    Member m = *e.new_member;
    m.party = e.party;
    m.house = house;
    if (m.id.empty()) {
      return EventError(ErrorCode::kInvalidEvent, e, "the new member needs an id");
    }
    if (c.FindMember(m.id) != nullptr || c.FindParty(m.id) != nullptr ||
        c.FindBloc(m.id) != nullptr) {
      return EventError(ErrorCode::kDuplicateId, e, "id '" + m.id + "' is already in use");
    }
    c.members.push_back(std::move(m));
  }
  MoveSeats(*p, house, e.count);
  return Status::Ok();
}

Status ApplyPresiding(const Event& e, State& state) {
  Chamber& c = state.chamber;
  if (!e.chair) return EventError(ErrorCode::kInvalidEvent, e, "name the new chair");
  const PresidingOfficer& po = *e.chair;
  if (!po.party.empty()) {
    const Party* p = c.FindParty(po.party);
    if (p == nullptr) {
      return EventError(ErrorCode::kUnknownId, e, "party '" + po.party + "' is not defined");
    }
    if (p->seats < 1) {
      return EventError(ErrorCode::kInvalidEvent, e, "'" + po.party + "' holds no seats");
    }
  }
  if (!po.member.empty()) {
    const Member* m = c.FindMember(po.member);
    if (m == nullptr || m->party != po.party) {
      return EventError(ErrorCode::kUnknownId, e,
                        "member '" + po.member + "' is not a member of '" + po.party + "'");
    }
  }
  if (po.party.empty() && !c.ChairOutsideParties() && c.FilledSeats() + 1 > c.statutory_seats) {
    return EventError(ErrorCode::kSeatsExceedChamber, e,
                      "a chair from outside the parties needs a vacant seat");
  }
  c.presiding = po;
  return Status::Ok();
}

}  // namespace

std::string Headline(const Event& e) {
  const std::string actor = !e.member.empty() ? e.member : !e.party.empty() ? e.party : e.bloc;
  switch (e.kind) {
    case EventKind::kStance:
      if (e.split) return actor + " splits: " + SplitWords(*e.split);
      return actor + " declares " + std::string(EnumName(e.stance));
    case EventKind::kJoinBloc:
      return (e.member.empty() ? e.party : e.member) + " joins " + e.bloc;
    case EventKind::kLeaveBloc:
      return actor + " leaves its bloc";
    case EventKind::kChangeParty:
      return e.member + " crosses to " + e.party;
    case EventKind::kVacate:
      return (e.member.empty()
                  ? std::to_string(e.count) + " " + e.party + " seat" + (e.count == 1 ? "" : "s")
                  : e.member) +
             " vacated (" + std::string(EnumName(e.reason)) + ")";
    case EventKind::kFill:
      return e.party + " fills " +
             (e.new_member ? "a seat (" + e.new_member->name + ")"
                           : std::to_string(e.count) + (e.count == 1 ? " seat" : " seats"));
    case EventKind::kPresiding:
      return (e.chair ? e.chair->name : std::string("someone")) + " takes the chair";
    case EventKind::kCabinetResignation:
      return actor.empty() ? "cabinet resignation" : actor + " leaves the cabinet";
    case EventKind::kMotionTabled:
      return "motion tabled";
    case EventKind::kMotionBlocked:
      return "motion blocked";
    case EventKind::kMotionWithdrawn:
      return "motion withdrawn";
    case EventKind::kMotionRestored:
      return "motion restored";
    case EventKind::kMotionLapsed:
      return "motion lapsed";
    case EventKind::kDissolve:
      return "chamber dissolved";
    case EventKind::kVote:
      return e.recorded ? "vote held: " + std::to_string(e.recorded->for_votes) + " for, " +
                              std::to_string(e.recorded->against) + " against"
                        : "vote held";
    case EventKind::kNote:
      return actor.empty() ? "note" : "note on " + actor;
  }
  return "event";
}

namespace {

// A member's name, a party's short name, a bloc's name ("the government" for a governing bloc
// called just that): what a reader knows them by.
std::string MemberName(const Chamber& c, const std::string& id) {
  const Member* m = c.FindMember(id);
  return m != nullptr && !m->name.empty() ? m->name : id;
}

std::string PartyName(const Chamber& c, const std::string& id) {
  const Party* p = c.FindParty(id);
  if (p == nullptr) return id;
  return !p->short_name.empty() ? p->short_name : !p->name.empty() ? p->name : id;
}

std::string BlocName(const Bloc* b, const std::string& id) {
  if (b == nullptr) return id;
  switch (b->role) {
    case BlocRole::kGovernment:
      return "the government";
    case BlocRole::kOpposition:
      return "the opposition";
    case BlocRole::kOther:
      break;
  }
  return b->name.empty() ? b->id : b->name;
}

std::string ActorName(const Event& e, const Chamber& c) {
  if (!e.member.empty()) return MemberName(c, e.member);
  if (!e.party.empty()) return PartyName(c, e.party);
  return BlocName(c.FindBloc(e.bloc), e.bloc);
}

std::string Capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

std::string StanceSentence(const std::string& actor, const Event& e) {
  if (e.split) return actor + " splits: " + SplitWords(*e.split);
  switch (e.stance) {
    case Stance::kFor:
      return actor + " will vote for";
    case Stance::kAgainst:
      return actor + " will vote against";
    case Stance::kAbstain:
      return actor + " will abstain";
    case Stance::kPresent:
      return actor + " will attend without voting";
    case Stance::kAbsent:
      return actor + " will stay away";
    case Stance::kUndecided:
      return actor + " is undecided";
  }
  return actor;
}

}  // namespace

std::string Sentence(const Event& e, const State& before, const State& start) {
  const Chamber& c = before.chamber;
  const std::string actor = ActorName(e, c);
  switch (e.kind) {
    case EventKind::kStance:
      return Capitalised(StanceSentence(actor, e));
    case EventKind::kJoinBloc: {
      const Bloc* now = !e.member.empty() ? c.BlocOfMember(e.member) : c.BlocOfParty(e.party);
      const Bloc* was = !e.member.empty() ? start.chamber.BlocOfMember(e.member) : nullptr;
      const bool stays =
          (now != nullptr && now->id == e.bloc) || (was != nullptr && was->id == e.bloc);
      return Capitalised(actor + (stays ? " stays with " : " joins ") +
                         BlocName(c.FindBloc(e.bloc), e.bloc));
    }
    case EventKind::kLeaveBloc: {
      const Bloc* now = !e.member.empty() ? c.BlocOfMember(e.member) : c.BlocOfParty(e.party);
      return Capitalised(actor + " leaves " +
                         (now != nullptr ? BlocName(now, now->id) : std::string("its bloc")));
    }
    case EventKind::kChangeParty:
      return Capitalised(actor + " crosses to " + PartyName(c, e.party));
    case EventKind::kVacate:
      if (!e.member.empty()) {
        return Capitalised(actor + "'s seat falls vacant (" + std::string(EnumName(e.reason)) +
                           ")");
      }
      return std::to_string(e.count) + " " + PartyName(c, e.party) +
             (e.count == 1 ? " seat falls" : " seats fall") + " vacant (" +
             std::string(EnumName(e.reason)) + ")";
    case EventKind::kFill:
      return Capitalised(PartyName(c, e.party) + (e.new_member
                                                      ? " fills a seat: " + e.new_member->name
                                                      : " fills " + std::to_string(e.count) +
                                                            (e.count == 1 ? " seat" : " seats")));
    case EventKind::kPresiding:
      return Capitalised((e.chair && !e.chair->name.empty() ? e.chair->name : "A new chair") +
                         std::string(" takes the chair"));
    case EventKind::kCabinetResignation:
      return actor.empty() ? "A minister resigns" : Capitalised(actor + " leaves the cabinet");
    case EventKind::kMotionTabled:
      return "The motion is tabled";
    case EventKind::kMotionBlocked:
      return "The motion is blocked";
    case EventKind::kMotionWithdrawn:
      return "The motion is withdrawn";
    case EventKind::kMotionRestored:
      return "The motion is restored";
    case EventKind::kMotionLapsed:
      return "The motion lapses";
    case EventKind::kDissolve:
      return "The chamber is dissolved";
    case EventKind::kVote:
      return e.recorded ? "The vote: " + std::to_string(e.recorded->for_votes) + " for, " +
                              std::to_string(e.recorded->against) + " against"
                        : "The vote is held";
    case EventKind::kNote:
      return actor.empty() ? "Note" : "Note on " + actor;
  }
  return Headline(e);
}

Status Apply(const Event& e, State& state) {
  switch (e.kind) {
    case EventKind::kStance:
      return ApplyStance(e, state);
    case EventKind::kJoinBloc:
    case EventKind::kLeaveBloc:
      return ApplyBlocMove(e, state);
    case EventKind::kChangeParty:
      return ApplyChangeParty(e, state);
    case EventKind::kVacate:
      return ApplyVacate(e, state);
    case EventKind::kFill:
      return ApplyFill(e, state);
    case EventKind::kPresiding:
      return ApplyPresiding(e, state);
    case EventKind::kMotionBlocked:
    case EventKind::kMotionWithdrawn:
    case EventKind::kMotionRestored:
    case EventKind::kMotionLapsed:
    case EventKind::kDissolve:
      state.motion = e.kind == EventKind::kMotionBlocked     ? MotionStatus::kBlocked
                     : e.kind == EventKind::kMotionWithdrawn ? MotionStatus::kWithdrawn
                     : e.kind == EventKind::kMotionLapsed    ? MotionStatus::kLapsed
                     : e.kind == EventKind::kDissolve        ? MotionStatus::kDissolved
                                                             : MotionStatus::kOpen;
      return CheckMentions(e, state);
    case EventKind::kVote:
      if (!e.recorded) {
        return EventError(ErrorCode::kInvalidEvent, e, "a vote event needs its recorded result");
      }
      if (state.motion != MotionStatus::kOpen) {
        return EventError(ErrorCode::kInvalidEvent, e,
                          "a vote is recorded while the motion is " +
                              std::string(EnumName(state.motion)) +
                              "; add a motion-restored event before it");
      }
      if (static_cast<long long>(e.recorded->for_votes) + e.recorded->against +
              e.recorded->abstain.value_or(0) + e.recorded->present.value_or(0) >
          state.chamber.FilledSeats()) {
        return EventError(ErrorCode::kInvalidEvent, e,
                          "the recorded votes exceed the " +
                              std::to_string(state.chamber.FilledSeats()) + " members in office");
      }
      for (const RecordedVote::PartyResult& p : e.recorded->parties) {
        if (state.chamber.FindParty(p.party) == nullptr) {
          return EventError(ErrorCode::kUnknownId, e, "party '" + p.party + "' is not defined");
        }
      }
      return Status::Ok();
    case EventKind::kCabinetResignation:
    case EventKind::kMotionTabled:
    case EventKind::kNote:
      return CheckMentions(e, state);
  }
  return Status::Ok();
}

Status ApplyInOrder(std::span<const Event> events, size_t i, State& state) {
  const Event& e = events[i];
  if (i > 0 && e.date < events[i - 1].date) {
    return Status(ErrorCode::kInvalidEvent,
                  "event of " + e.date.ToString() + " comes after one of " +
                      events[i - 1].date.ToString() + "; list events in date order",
                  {.path = "events[" + std::to_string(i) + "].date"});
  }
  Status s = Apply(e, state);
  // An event that moves seats must leave every split within its party's seats.
  if (s.ok() && !state.stances.splits.empty()) {
    s = Validate(state.chamber, state.stances);
    if (!s.ok()) {
      s = EventError(s.code(), e, s.message());
    }
  }
  if (!s.ok()) {
    s.mutable_where().path = "events[" + std::to_string(i) + "]";
    return s;
  }
  return Status::Ok();
}

Result<State> Replay(const State& base, std::span<const Event> events, std::optional<Date> until) {
  State state = base;
  for (size_t i = 0; i < events.size(); ++i) {
    if (until && *until < events[i].date) break;
    WHIPCOUNT_RETURN_IF_ERROR(ApplyInOrder(events, i, state));
  }
  return state;
}

namespace {

std::string BlocIdOfParty(const Chamber& c, std::string_view party) {
  const Bloc* b = c.BlocOfParty(party);
  return b ? b->id : "";
}

// The bloc that lists a member by name (not through their party), or "".
std::string DirectBlocOfMember(const Chamber& c, std::string_view member) {
  for (const Bloc& b : c.blocs) {
    if (std::find(b.members.begin(), b.members.end(), member) != b.members.end()) return b.id;
  }
  return "";
}

// Calls changed(key, from, to) for each key whose value differs between two maps, in key order;
// a missing value is nullopt.
template <typename Map, typename F>
void ForEachDifference(const Map& a, const Map& b, F changed) {
  std::set<std::string> keys;
  for (const auto& [k, v] : a) keys.insert(k);
  for (const auto& [k, v] : b) keys.insert(k);
  using Value = typename Map::mapped_type;
  for (const std::string& k : keys) {
    auto ia = a.find(k);
    auto ib = b.find(k);
    std::optional<Value> from = ia == a.end() ? std::nullopt : std::optional(ia->second);
    std::optional<Value> to = ib == b.end() ? std::nullopt : std::optional(ib->second);
    if (from != to) changed(k, from, to);
  }
}

template <typename Map>
void DiffStances(const Map& a, const Map& b, std::string_view kind, StateDiff& out) {
  ForEachDifference(a, b, [&](const std::string& k, auto from, auto to) {
    out.changes.push_back(Change{.what = Change::What::kStance,
                                 .actor_kind = std::string(kind),
                                 .actor = k,
                                 .from_stance = from,
                                 .to_stance = to});
  });
}

void DiffSplits(const std::map<std::string, Split, std::less<>>& a,
                const std::map<std::string, Split, std::less<>>& b, StateDiff& out) {
  ForEachDifference(a, b, [&](const std::string& k, auto from, auto to) {
    out.changes.push_back(
        Change{.what = Change::What::kSplit, .party = k, .from_split = from, .to_split = to});
  });
}

}  // namespace

StateDiff Diff(const State& from, const State& to) {
  StateDiff d;
  const Chamber& a = from.chamber;
  const Chamber& b = to.chamber;
  for (const Member& m : a.members) {
    const Member* n = b.FindMember(m.id);
    if (n == nullptr) {
      d.changes.push_back({.what = Change::What::kMemberRemoved, .member = m.id, .from = m.party});
    } else if (n->party != m.party) {
      d.changes.push_back(
          {.what = Change::What::kMemberParty, .member = m.id, .from = m.party, .to = n->party});
    }
  }
  for (const Member& m : b.members) {
    if (a.FindMember(m.id) == nullptr) {
      d.changes.push_back(
          {.what = Change::What::kMemberAdded, .member = m.id, .to = m.party, .added = m});
    }
  }
  for (const Party& p : b.parties) {
    const Party* old = a.FindParty(p.id);
    const int before = old ? old->seats : 0;
    if (before != p.seats || (old && old->house_seats != p.house_seats)) {
      d.changes.push_back({.what = Change::What::kSeats,
                           .party = p.id,
                           .before = before,
                           .after = p.seats,
                           .house_seats = p.house_seats});
    }
    const std::string bloc_a = BlocIdOfParty(a, p.id);
    const std::string bloc_b = BlocIdOfParty(b, p.id);
    if (bloc_a != bloc_b) {
      d.changes.push_back(
          {.what = Change::What::kPartyBloc, .party = p.id, .from = bloc_a, .to = bloc_b});
    }
  }
  for (const Member& m : b.members) {
    const std::string bloc_a = a.FindMember(m.id) ? DirectBlocOfMember(a, m.id) : "";
    const std::string bloc_b = DirectBlocOfMember(b, m.id);
    if (bloc_a != bloc_b) {
      d.changes.push_back(
          {.what = Change::What::kMemberBloc, .member = m.id, .from = bloc_a, .to = bloc_b});
    }
  }
  DiffStances(from.stances.blocs, to.stances.blocs, "bloc", d);
  DiffStances(from.stances.parties, to.stances.parties, "party", d);
  DiffStances(from.stances.members, to.stances.members, "member", d);
  DiffSplits(from.stances.splits, to.stances.splits, d);
  if (a.presiding != b.presiding) {
    d.changes.push_back({.what = Change::What::kChair,
                         .from = a.presiding ? a.presiding->name : "",
                         .to = b.presiding ? b.presiding->name : "",
                         .chair = b.presiding});
  }
  if (from.motion != to.motion) {
    d.changes.push_back({.what = Change::What::kMotion,
                         .from = std::string(EnumName(from.motion)),
                         .to = std::string(EnumName(to.motion)),
                         .motion_status = to.motion});
  }
  return d;
}

State Canonical(State state) {
  const Chamber& c = state.chamber;
  std::map<std::string, size_t, std::less<>> party_index;
  std::map<std::string, size_t, std::less<>> member_index;
  for (size_t i = 0; i < c.parties.size(); ++i) party_index[c.parties[i].id] = i;
  for (size_t i = 0; i < c.members.size(); ++i) member_index[c.members[i].id] = i;
  auto by = [](const auto& index) {
    return
        [&index](const std::string& x, const std::string& y) { return index.at(x) < index.at(y); };
  };
  for (Bloc& b : state.chamber.blocs) {
    std::sort(b.parties.begin(), b.parties.end(), by(party_index));
    std::sort(b.members.begin(), b.members.end(), by(member_index));
  }
  return state;
}

State ApplyDiff(const StateDiff& diff, State state) {
  Chamber& c = state.chamber;
  for (const Change& ch : diff.changes) {
    switch (ch.what) {
      case Change::What::kMemberRemoved:
        RemoveMember(state, ch.member);
        break;
      case Change::What::kMemberAdded:
        c.members.push_back(*ch.added);
        break;
      case Change::What::kMemberParty:
        for (Member& m : c.members) {
          if (m.id == ch.member) m.party = ch.to;
        }
        break;
      case Change::What::kSeats:
        if (Party* p = MutableParty(c, ch.party)) {
          p->seats = ch.after;
          p->house_seats = ch.house_seats;
        }
        break;
      case Change::What::kPartyBloc:
        PlaceInBloc(c, ch.party, true, ch.to);
        break;
      case Change::What::kMemberBloc:
        PlaceInBloc(c, ch.member, false, ch.to);
        break;
      case Change::What::kStance: {
        auto& map = ch.actor_kind == "bloc"    ? state.stances.blocs
                    : ch.actor_kind == "party" ? state.stances.parties
                                               : state.stances.members;
        if (ch.to_stance) {
          map[ch.actor] = *ch.to_stance;
        } else {
          map.erase(ch.actor);
        }
        break;
      }
      case Change::What::kChair:
        c.presiding = ch.chair;
        break;
      case Change::What::kSplit:
        if (ch.to_split) {
          state.stances.splits[ch.party] = *ch.to_split;
        } else {
          state.stances.splits.erase(ch.party);
        }
        break;
      case Change::What::kMotion:
        state.motion = ch.motion_status;
        break;
    }
  }
  return state;
}

namespace {

std::string SplitText(const std::optional<Split>& split) {
  return split ? SplitWords(*split) : "none";
}

}  // namespace

std::string ChangeText(const Change& c, const Chamber& chamber) {
  auto bloc_name = [&](const std::string& id) {
    if (id.empty()) return std::string("no bloc");
    const Bloc* b = chamber.FindBloc(id);
    return b ? b->name : id;
  };
  auto stance = [](const std::optional<Stance>& s) {
    return s ? std::string(EnumName(*s)) : std::string("none declared");
  };
  switch (c.what) {
    case Change::What::kSeats:
      return c.party + " seats: " + std::to_string(c.before) + " -> " + std::to_string(c.after);
    case Change::What::kPartyBloc:
      return c.party + " moves: " + bloc_name(c.from) + " -> " + bloc_name(c.to);
    case Change::What::kMemberBloc:
      return c.member + " sits: " + bloc_name(c.from) + " -> " + bloc_name(c.to);
    case Change::What::kMemberParty:
      return c.member + " changes party: " + c.from + " -> " + c.to;
    case Change::What::kMemberAdded:
      return c.member + " enters the chamber (" + c.to + ")";
    case Change::What::kMemberRemoved:
      return c.member + " leaves the chamber (" + c.from + ")";
    case Change::What::kStance:
      return c.actor_kind + " " + c.actor + " stance: " + stance(c.from_stance) + " -> " +
             stance(c.to_stance);
    case Change::What::kChair:
      return "chair: " + c.from + " -> " + c.to;
    case Change::What::kSplit:
      return "party " + c.party + " split: " + SplitText(c.from_split) + " -> " +
             SplitText(c.to_split);
    case Change::What::kMotion:
      return "motion: " + c.from + " -> " + c.to;
  }
  return "";
}

}  // namespace whipcount
