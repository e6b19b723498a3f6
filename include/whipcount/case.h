// A case: everything known about one chamber and the motions before it, as plain values.
//
// The chamber and stances before any event, the rules, the motions, the sources and the dated
// events. A case read from a chamber file (io::ChamberFile) and one read from a database are the
// same value, and every front end counts from it through the functions below, so a file-backed
// command and a server request give the same numbers. Nothing here points into anything else:
// a case and everything derived from it can be copied, kept and handed to another thread.
#ifndef WHIPCOUNT_CASE_H_
#define WHIPCOUNT_CASE_H_

#include <optional>
#include <string_view>
#include <vector>

#include "whipcount/date.h"
#include "whipcount/motion.h"
#include "whipcount/result.h"
#include "whipcount/tally.h"
#include "whipcount/timeline.h"

namespace whipcount {

struct Case {
  State base;                   // the chamber and the stances before any event
  std::vector<Rule> rules;      // every rule a motion may name
  std::vector<Motion> motions;  // in the order written
  std::vector<Source> sources;  // the sources defined once and cited by id
  // Every event, in date order. An event naming a motion concerns only that motion; one naming
  // none concerns them all.
  std::vector<Event> events;
};

// Checks what ties a case's parts together, once each part is valid on its own: every event
// names a motion of the case (or none), and every motion's events (or, without motions, all the
// events) replay on the base state in date order. Error paths are "events[i]" or below, with i
// the event's index in Case::events.
Status ValidateEvents(const Case& c);

// One motion of a case, with its rule and the events that concern it: what a count, a timeline
// or a forecast works on. For a case without motions, the chamber alone and all its events.
struct MotionCase {
  State base;
  std::optional<Motion> motion;  // nullopt only when the case has no motion
  std::optional<Rule> rule;      // the motion's rule
  // The events naming no motion or this one, in date order, and each one's index in
  // Case::events (errors and front ends refer to events by that index).
  std::vector<Event> events;
  std::vector<size_t> case_events;
};

// The motion `id` of `c`, or without an id the only motion, else the latest by date (undated
// motions count as the earliest; among equals the last written). kUnknownId with path "motions",
// listing the motions, when there is no such motion.
Result<MotionCase> SelectMotion(const Case& c, std::optional<std::string_view> id);

// The date a count is for when none is asked: the motion's date, else the last event's, else
// none (the state after every event).
std::optional<Date> DefaultDate(const MotionCase& m);

// The state on `date`: the base state with every event dated on or before it (all events when
// nullopt). Error paths name the event as "events[i]" with i its index in Case::events.
Result<State> StateOn(const MotionCase& m, std::optional<Date> date);

// The chamber on one date and, when there is a motion, its count.
struct Snapshot {
  std::optional<Date> date;    // the date: as asked, else DefaultDate
  State state;                 // the state on that date
  std::optional<Tally> tally;  // the motion's count under the rules in force that date
};

// The snapshot on `date` (nullopt: DefaultDate); its tally is nullopt when the case has no
// motion.
Result<Snapshot> SnapshotOn(const MotionCase& m, std::optional<Date> date);

// The same for a count that needs the motion: kMissingField with path "motion" when the case
// has none, else a snapshot whose tally is set.
Result<Snapshot> TallyOn(const MotionCase& m, std::optional<Date> date);

// What changed between two dates.
struct Comparison {
  Snapshot from;
  Snapshot to;
  // The events dated after `from` and on or before `to`, as indexes into MotionCase::events.
  std::vector<size_t> events;
  StateDiff diff;  // from.state -> to.state
  // For each change of `diff`, the last of those events that acts on what it changed (the same
  // party, member, bloc, chair or motion status), as an index into MotionCase::events; nullopt
  // when none does.
  std::vector<std::optional<size_t>> causes;
};

// The case on `from` and on `to` and what changed between them. kInvalidValue when `to` is
// before `from`.
Result<Comparison> Compare(const MotionCase& m, Date from, Date to);

// The count before the first event and after each event (TallyTimeline); each step's event
// indexes MotionCase::events. kMissingField with path "motion" when the case has no motion.
Result<TimelineTally> TallyStory(const MotionCase& m);

}  // namespace whipcount

#endif  // WHIPCOUNT_CASE_H_
