// Timeline: dated, sourced events, and the chamber state on any date as their replay.
//
// Replay is a pure function of the base state and the events, independent of any file format,
// so a file-backed CLI and a database-backed server replay the same events the same way.
// Events on the same date apply in the order given. All types are plain values.
#ifndef WHIPCOUNT_TIMELINE_H_
#define WHIPCOUNT_TIMELINE_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "whipcount/chamber.h"
#include "whipcount/date.h"
#include "whipcount/result.h"

namespace whipcount {

// Where a fact comes from.
struct Source {
  std::string id;  // when defined once in a file's `sources:` list
  std::string title;
  std::string publisher;
  std::string url;
  std::string published;  // ISO date as written; free text allowed ("March 2022")
  std::string quote;      // the words that support the fact
};

enum class EventKind {
  kStance,     // an actor declares a stance on the motion
  kJoinBloc,   // a party or member moves into a bloc
  kLeaveBloc,  // a party or member leaves its bloc
  kNote,       // a dated fact with no arithmetic effect
};

std::string_view EventKindName(EventKind kind);  // "stance", "join-bloc", ...
std::optional<EventKind> ParseEventKind(std::string_view text);

struct Event {
  Date date;
  EventKind kind = EventKind::kNote;
  // The actor: exactly one of these is set for kinds that act on someone.
  std::string bloc;  // for kStance on a bloc; the destination for kJoinBloc
  std::string party;
  std::string member;
  Stance stance = Stance::kUndecided;  // kStance
  std::string summary;
  Source source;
};

// A chamber and the stances on the motion at one moment.
struct State {
  Chamber chamber;
  Stances stances;
};

// Applies one event to `state`. kInvalidEvent (or kUnknownId) when the event cannot apply: an
// unknown actor or bloc, an event that names no actor, a party that is not in a bloc it leaves.
// Errors name the event by its date and kind; the caller adds its position in the list.
Status Apply(const Event& event, State& state);

// The state after every event dated on or before `until` (all events when nullopt), applied in
// order to `base`. Events must be in date order (kInvalidEvent otherwise). On error the Status
// path is "events[i]" for the offending event.
Result<State> Replay(const State& base, std::span<const Event> events,
                     std::optional<Date> until = std::nullopt);

}  // namespace whipcount

#endif  // WHIPCOUNT_TIMELINE_H_
