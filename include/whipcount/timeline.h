// Timeline: dated, sourced events, and the chamber state on any date as their replay.
//
// Replay is a pure function of the base state and the events, independent of any file format,
// so a file-backed CLI and a database-backed server replay the same events the same way.
// Events on the same date apply in the order given. All types are plain values.
#ifndef WHIPCOUNT_TIMELINE_H_
#define WHIPCOUNT_TIMELINE_H_

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "whipcount/chamber.h"
#include "whipcount/date.h"
#include "whipcount/names.h"
#include "whipcount/result.h"

namespace whipcount {

// Where a fact comes from.
struct Source {
  std::string id;  // when defined once in a file's `sources:` list
  std::string title;
  std::string publisher;
  std::string url;
  std::string published;  // a calendar date, YYYY-MM-DD (the reader refuses others)
  std::string quote;      // the words that support the fact
};

enum class EventKind {
  kStance,              // an actor declares a stance on the motion
  kJoinBloc,            // a party or member moves into a bloc
  kLeaveBloc,           // a party or member leaves its bloc
  kChangeParty,         // a named member moves to another party (seats move with them)
  kVacate,              // a seat falls vacant: resignation, death, disqualification
  kFill,                // a vacant seat is filled (by-election, nomination)
  kPresiding,           // someone else takes the chair
  kCabinetResignation,  // a minister leaves the cabinet (no arithmetic effect)
  kMotionTabled,        // the motion is tabled (no arithmetic effect)
  kMotionBlocked,       // the motion is blocked, dismissed or ruled out of order
  kMotionWithdrawn,     // the motion is withdrawn
  kMotionRestored,      // a blocked or withdrawn motion, or a dissolved chamber, is restored
  kMotionLapsed,        // the motion lapses without being put to a vote (session over, time up)
  kDissolve,            // the chamber is dissolved: no vote can be held
  kVote,                // a vote is held; `recorded` holds its result
  kNote,                // any other dated fact with no arithmetic effect
};

template <>
struct NameTable<EventKind> {
  static constexpr std::array kEntries{
      Named<EventKind>{EventKind::kStance, "stance"},
      Named<EventKind>{EventKind::kJoinBloc, "join-bloc"},
      Named<EventKind>{EventKind::kLeaveBloc, "leave-bloc"},
      Named<EventKind>{EventKind::kChangeParty, "change-party"},
      Named<EventKind>{EventKind::kVacate, "vacate"},
      Named<EventKind>{EventKind::kFill, "fill"},
      Named<EventKind>{EventKind::kPresiding, "presiding"},
      Named<EventKind>{EventKind::kCabinetResignation, "cabinet-resignation"},
      Named<EventKind>{EventKind::kMotionTabled, "motion-tabled"},
      Named<EventKind>{EventKind::kMotionBlocked, "motion-blocked"},
      Named<EventKind>{EventKind::kMotionWithdrawn, "motion-withdrawn"},
      Named<EventKind>{EventKind::kMotionRestored, "motion-restored"},
      Named<EventKind>{EventKind::kMotionLapsed, "motion-lapsed"},
      Named<EventKind>{EventKind::kDissolve, "dissolve"},
      Named<EventKind>{EventKind::kVote, "vote"},
      Named<EventKind>{EventKind::kNote, "note"},
  };
};

// Why a seat fell vacant.
enum class VacancyReason { kResigned, kDied, kDisqualified, kOther };

template <>
struct NameTable<VacancyReason> {
  static constexpr std::array kEntries{
      Named<VacancyReason>{VacancyReason::kResigned, "resigned"},
      Named<VacancyReason>{VacancyReason::kDied, "died"},
      Named<VacancyReason>{VacancyReason::kDisqualified, "disqualified"},
      Named<VacancyReason>{VacancyReason::kOther, "other"},
  };
};

// The result of a recorded vote, in total and, where the data has it, by party.
struct RecordedVote {
  int for_votes = 0;
  int against = 0;
  std::optional<int> abstain;
  std::optional<int> present;  // present, not voting
  std::optional<int> absent;
  // A secret ballot: only the totals are known, never who voted how.
  bool secret = false;
  struct PartyResult {
    std::string party;
    int for_votes = 0;
    int against = 0;
    int abstain = 0;
  };
  std::vector<PartyResult> parties;  // optional breakdown
  bool operator==(const RecordedVote&) const = default;
};

struct Event {
  Date date;
  EventKind kind = EventKind::kNote;
  // The actor: exactly one of these is set for kinds that act on someone.
  std::string bloc;   // for kStance on a bloc; the destination for kJoinBloc
  std::string party;  // the actor, or the destination for kChangeParty, or the filled party
  std::string member;
  Stance stance = Stance::kUndecided;  // kStance
  std::optional<Split> split;          // kStance on a party, by numbers
  // The motion a stance, vote or procedural event concerns, when a file holds several; empty
  // for events that concern every motion (and for files with one).
  std::string motion;
  int count = 1;  // kVacate / kFill at party level: how many seats
  // kVacate / kFill at party level in a joint sitting: the house whose seats move (default: the
  // only house where the party holds seats).
  std::string house;
  VacancyReason reason = VacancyReason::kOther;  // kVacate
  // kFill: the new member when named (id, name, constituency; party is `party`).
  std::optional<Member> new_member;
  // kPresiding: the new chair.
  std::optional<PresidingOfficer> chair;
  // kVote: the recorded result.
  std::optional<RecordedVote> recorded;
  std::string summary;
  Source source;
};

// A short plain-words account of what an event does, from its fields: "MQM-P joins
// opposition", "cheema declares for", "Ayaz Sadiq takes the chair", "vote held: 174 for, 0
// against". Used when an event has no summary and as a column in timelines.
std::string Headline(const Event& event);

// Where the motion stands procedurally: only an open motion can be voted on.
enum class MotionStatus {
  kOpen,       // tabled (or not yet), and can be put to a vote
  kBlocked,    // blocked, dismissed or ruled out of order
  kWithdrawn,  // withdrawn by its movers
  kLapsed,     // lapsed without being put to a vote
  kDissolved,  // the chamber is dissolved: no vote can be held
};

template <>
struct NameTable<MotionStatus> {
  static constexpr std::array kEntries{
      Named<MotionStatus>{MotionStatus::kOpen, "open"},
      Named<MotionStatus>{MotionStatus::kBlocked, "blocked"},
      Named<MotionStatus>{MotionStatus::kWithdrawn, "withdrawn"},
      Named<MotionStatus>{MotionStatus::kLapsed, "lapsed"},
      Named<MotionStatus>{MotionStatus::kDissolved, "dissolved"},
  };
};

// A chamber and the stances on the motion at one moment.
struct State {
  Chamber chamber;
  Stances stances;
  MotionStatus motion = MotionStatus::kOpen;
  bool operator==(const State&) const = default;
};

// Applies one event to `state`. kInvalidEvent (or kUnknownId) when the event cannot apply: an
// unknown actor or bloc, an event that names no actor, a party that is not in a bloc it leaves.
// Errors name the event by its date and kind; the caller adds its position in the list.
Status Apply(const Event& event, State& state);

// Applies events[i] to `state` after checking it is not dated before events[i - 1]. Errors carry
// the path "events[i]" (or "events[i].date").
Status ApplyInOrder(std::span<const Event> events, size_t i, State& state);

// The state after every event dated on or before `until` (all events when nullopt), applied in
// order to `base`. Events must be in date order (kInvalidEvent otherwise). On error the Status
// path is "events[i]" for the offending event.
Result<State> Replay(const State& base, std::span<const Event> events,
                     std::optional<Date> until = std::nullopt);

// What differs between two states, as a list of changes that Apply(StateDiff) replays.
struct Change {
  enum class What {
    kSeats,          // a party's seat count: `party`, `before` → `after`
    kPartyBloc,      // a party's bloc: `party`, `from` → `to` (empty: none)
    kMemberBloc,     // a member's own bloc placement: `member`, `from` → `to`
    kMemberParty,    // a member's party: `member`, `from` → `to`
    kMemberAdded,    // a named member appears: `member` (full record in `added`)
    kMemberRemoved,  // a named member leaves the chamber: `member`
    kStance,         // a declared stance: `actor_kind` ("bloc", "party", "member"), `actor`,
                     // `from_stance` → `to_stance` (nullopt: none declared)
    kChair,          // the presiding officer: `from` → `to` (names)
    kSplit,          // a party's split: `party`, `from_split` → `to_split` (nullopt: none)
    kMotion,         // the motion's status: `from` → `to` (EnumName<MotionStatus>)
  };
  What what = What::kSeats;
  std::string party;
  std::string member;
  std::string actor_kind;
  std::string actor;
  std::string from;
  std::string to;
  int before = 0;
  int after = 0;
  std::optional<Stance> from_stance;
  std::optional<Stance> to_stance;
  std::optional<Member> added;
  std::optional<PresidingOfficer> chair;
  std::optional<Split> from_split;
  std::optional<Split> to_split;
  std::map<std::string, int, std::less<>> house_seats;  // kSeats in a joint sitting: after
  MotionStatus motion_status = MotionStatus::kOpen;     // kMotion: the status after
};

template <>
struct NameTable<Change::What> {
  static constexpr std::array kEntries{
      Named<Change::What>{Change::What::kSeats, "seats"},
      Named<Change::What>{Change::What::kPartyBloc, "party-bloc"},
      Named<Change::What>{Change::What::kMemberBloc, "member-bloc"},
      Named<Change::What>{Change::What::kMemberParty, "member-party"},
      Named<Change::What>{Change::What::kMemberAdded, "member-added"},
      Named<Change::What>{Change::What::kMemberRemoved, "member-removed"},
      Named<Change::What>{Change::What::kStance, "stance"},
      Named<Change::What>{Change::What::kChair, "chair"},
      Named<Change::What>{Change::What::kSplit, "split"},
      Named<Change::What>{Change::What::kMotion, "motion"},
  };
};

// A change in plain words, naming blocs as `chamber` (the later state's) names them:
// "PTI seats: 155 -> 154", "MQM-P moves: Government -> Opposition".
std::string ChangeText(const Change& change, const Chamber& chamber);

// The event as a sentence a reader of a chart understands, with the names of the members, parties
// and blocs as they stood in `before` (the state the event applies to): "JI will abstain",
// "MQM-P joins the opposition", "The motion is blocked". A member who joins the bloc they sat in
// at `start` (the timeline's first state), after their party left it, "stays with" it: "Zubaida
// Jalal stays with the government". Ids the state does not know are used as they are.
std::string Sentence(const Event& event, const State& before, const State& start);

struct StateDiff {
  std::vector<Change> changes;
};

// The changes that turn `from` into `to`, in a stable order (members, parties, blocs, stances,
// chair). Both states must describe the same chamber (same parties and blocs).
StateDiff Diff(const State& from, const State& to);

// Applies a diff computed from `state`'s predecessor: Canonical(ApplyDiff(Diff(a, b), a)) ==
// Canonical(b).
State ApplyDiff(const StateDiff& diff, State state);

// The state with each bloc's lists in chamber order. Replay appends to a bloc in the order
// events arrive; two states with the same membership compare equal once canonical.
State Canonical(State state);

}  // namespace whipcount

#endif  // WHIPCOUNT_TIMELINE_H_
