// Tally: counts a chamber's stances against a motion's rule and gives the verdict with reasons.
//
// Pure functions of their arguments; safe to call from several threads at once.
#ifndef WHIPCOUNT_TALLY_H_
#define WHIPCOUNT_TALLY_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "whipcount/chamber.h"
#include "whipcount/date.h"
#include "whipcount/motion.h"
#include "whipcount/names.h"
#include "whipcount/timeline.h"

namespace whipcount {

// Members by how they stand. `discounted` holds votes cast against the party line that the
// anti-defection rule in force does not count; `chair` is the presiding officer when they do
// not vote as a member; `present` is "present, not voting"; `uncounted` holds members who sit
// but whose votes never count (Party::counted, Member::counted): in no base and no quorum.
struct Counts {
  int for_votes = 0;
  int against = 0;
  int abstain = 0;
  int present = 0;
  int absent = 0;
  int undecided = 0;
  int discounted = 0;
  int chair = 0;
  int uncounted = 0;

  int Total() const {
    return for_votes + against + abstain + present + absent + undecided + discounted + chair +
           uncounted;
  }
  int Cast() const { return for_votes + against; }
  // Members in the chamber during the vote: voters, abstainers, those present without voting
  // and discounted voters.
  int Present() const { return for_votes + against + abstain + present + discounted; }
  int Of(Stance stance) const;
  void Add(Stance stance, int n);
  // The field that holds members of `stance`.
  static int Counts::*FieldOf(Stance stance);
  Counts& operator+=(const Counts& other);
  bool operator==(const Counts&) const = default;
};

struct PartyRow {
  std::string party;  // party id
  std::string bloc;   // bloc id or empty
  int seats = 0;
  Stance line = Stance::kUndecided;  // the party's declared line
  Counts counts;
};

// One house of a joint sitting: its seats and how its members stand.
struct HouseRow {
  std::string house;  // house id
  int seats = 0;      // statutory seats of the house
  int filled = 0;     // counted seats held there
  Counts counts;
};

struct BlocRow {
  std::string bloc;  // bloc id; empty for parties in no bloc
  int seats = 0;
  Counts counts;
  // The part of each party that sits in this bloc (a party whose members sit in several blocs
  // has a part in each), in chamber order. The parts add up to the bloc row.
  std::vector<PartyRow> parties;
};

// One threshold evaluated on the counts.
struct ThresholdCheck {
  Threshold threshold;
  std::int64_t base_count = 0;  // size of the base (seats, present, votes cast ...)
  // Fewest "for" votes that meet the threshold with the others as they are; nullopt when no
  // number of votes can meet it.
  std::optional<std::int64_t> required;
  bool met = false;
  // For a base that the "for" votes belong to (present, cast, cast+abstain): the figure as the
  // chamber announces it, the threshold over the base as it stands ("half of those voting,
  // plus one"). `required` is instead what "for" needs with the others as they stand.
  std::optional<std::int64_t> announced;
};

struct QuorumCheck {
  Quorum quorum;
  int required = 0;
  int present = 0;
  bool met = false;
};

// What the outcome is on paper.
enum class Verdict {
  kPasses,           // passes whatever the undecided do
  kFails,            // fails whatever the undecided do
  kUndecidedDecide,  // the undecided hold the balance
};

template <>
struct NameTable<Verdict> {
  static constexpr std::array kEntries{
      Named<Verdict>{Verdict::kPasses, "passes"},
      Named<Verdict>{Verdict::kFails, "fails"},
      Named<Verdict>{Verdict::kUndecidedDecide, "undecided"},
  };
};

// How a tie was, or would be, resolved.
struct TieInfo {
  bool tied = false;
  bool casting_vote_used = false;
  bool casting_for = false;  // direction of the casting vote when used
};

// The smallest change of votes that reverses the on-paper outcome.
struct Flip {
  enum class Direction {
    kToFor,        // members who do not vote for would have to vote for
    kAwayFromFor,  // members who vote for would have to vote against or stay away
    kUndecidedFor  // how many of the undecided must vote for (when they decide it)
  };
  Direction direction = Direction::kToFor;
  // Fewest members; nullopt when no change within the chamber flips it.
  std::optional<int> members;
  // Of those, how many move from against (or, kAwayFromFor, to against) and how many from
  // absence, abstention or indecision (or to absence).
  int via_against = 0;
  int via_absence = 0;
  // Parties with members who could make that move, with how many each can supply, most first.
  struct Supplier {
    std::string party;
    int available = 0;
  };
  std::vector<Supplier> suppliers;
};

// The facts about the chamber and its chair that a decision needs besides the counts.
struct VoteContext {
  int statutory_seats = 0;
  int filled_seats = 0;
  // True when a presiding officer is in the chair and may give a casting vote.
  bool chair_can_cast = false;
  // The chair's own stance, for CastingConvention::kAsDeclared.
  Stance chair_stance = Stance::kUndecided;
  // True when "for" keeps things as they are (a confidence motion): a casting vote for the
  // status quo then goes for the motion.
  bool status_quo_is_for = false;
};

// The context of a vote on `motion` in `chamber` whose chair stands so: a chair who may cast
// and is not absent can break a tie; a confidence motion's status quo is "for".
VoteContext MakeVoteContext(const Chamber& chamber, const Motion& motion, Stance chair_stance);

// What sets the number of "for" votes a motion needs with the others as they stand.
enum class RequiredBy {
  kThreshold,    // a threshold of the rule (the largest)
  kQuorum,       // the quorum: below it the vote does not count, whatever the split
  kCastingVote,  // a tie that the chair's casting vote decides for the motion
};

template <>
struct NameTable<RequiredBy> {
  static constexpr std::array kEntries{
      Named<RequiredBy>{RequiredBy::kThreshold, "threshold"},
      Named<RequiredBy>{RequiredBy::kQuorum, "quorum"},
      Named<RequiredBy>{RequiredBy::kCastingVote, "casting-vote"},
  };
};

struct TallyOptions {
  // The date of the vote, for anti-defection rules; nullopt uses Motion::date, then no date.
  std::optional<Date> date;
};

struct Tally {
  Counts total;
  std::vector<PartyRow> parties;  // in chamber order
  std::vector<BlocRow> blocs;     // in chamber order, then one row for parties in no bloc
  std::vector<HouseRow> houses;   // a joint sitting's houses, in chamber order; else empty
  int statutory_seats = 0;
  int filled_seats = 0;
  int vacancies = 0;

  std::vector<ThresholdCheck> thresholds;
  std::optional<QuorumCheck> quorum;
  TieInfo tie;
  // The fewest "for" votes that carry the motion with every other member as they stand (the
  // undecided staying away), decided by Decide(): the largest threshold, raised by a quorum
  // or lowered by a casting vote; nullopt when no number can.
  std::optional<std::int64_t> required;
  RequiredBy required_by = RequiredBy::kThreshold;
  std::int64_t margin = 0;    // for − required (negative: short by that many)
  bool passes_now = false;    // the outcome if the undecided do not vote
  bool passes_best = false;   // if every undecided member votes for
  bool passes_worst = false;  // if the undecided act worst for the motion
  Verdict verdict = Verdict::kFails;
  Flip flip;

  // The anti-defection period in force, a copy of the rule's (none: votes count).
  std::optional<AntiDefectionPeriod> anti_defection;
  std::optional<Date> date;
  // Where the motion stands procedurally; only an open motion can be voted on, and the
  // arithmetic above then says what would happen if it were.
  MotionStatus status = MotionStatus::kOpen;
  MotionKind kind = MotionKind::kOther;
  VoteContext context;  // the facts the decision used besides the counts
};

// The outcome in one or a few words: "passes", "fails", "undecided", or when the motion cannot be
// voted on "blocked", "withdrawn", "no vote: motion lapsed", "no vote: chamber dissolved".
std::string OutcomeWord(const Tally& tally);
// What the outcome means for the government, for confidence and no-confidence motions ("the
// government falls", "the government survives"); empty for other motions or no outcome.
std::string ConsequenceWords(const Tally& tally);

// Counts `stances` in `chamber` under `rule` for `motion`. The inputs must have passed
// Validate(). The Tally owns everything it reports.
Tally CountVotes(const Chamber& chamber, const Stances& stances, const Rule& rule,
                 const Motion& motion, const TallyOptions& options = {});
// The same for a whole state: its chamber, stances and the motion's procedural status.
Tally CountVotes(const State& state, const Rule& rule, const Motion& motion,
                 const TallyOptions& options = {});

struct Outcome {
  bool passes = false;
  TieInfo tie;
  // Each threshold and the quorum on the members' own votes (a casting vote is not among them:
  // `tie` says when it decided).
  std::vector<ThresholdCheck> thresholds;
  std::optional<QuorumCheck> quorum;
  // The largest number of "for" votes over the thresholds, at least 1 (or the tie, when the
  // casting vote carries it), ignoring quorum; nullopt if none can be met. Tally::required is
  // the figure that also accounts for the quorum.
  std::optional<std::int64_t> required;
};

// Whether a motion under `rule` passes with these counts (undecided members do not vote),
// resolving a tie by the rule and the chair. The only place a verdict is made: every command,
// the flip search and the forecasts ask it. A chair who may not vote (PresidingVote::kNever,
// or absent) never breaks a tie: the tie then fails as under TieRule::kFails.
Outcome Decide(const Counts& counts, const Rule& rule, const VoteContext& context);

// The fewest "for" votes that carry the motion when every other count stays as it is, and what
// sets that number; nullopt when no number does. Found by asking Decide().
struct Requirement {
  std::optional<std::int64_t> votes;
  RequiredBy by = RequiredBy::kThreshold;
};
Requirement RequiredFor(const Counts& counts, const Rule& rule, const VoteContext& context);

// The votes that carry the motion when every member who votes does, for or against (the quota of
// the chamber as a voting game), decided by Decide(); `threshold` is the binding threshold's
// index. nullopt votes when no split carries it.
struct FullTurnoutQuota {
  std::optional<std::int64_t> votes;
  size_t threshold = 0;
  std::int64_t base_count = 0;  // the binding threshold's base with everyone voting
  int voters = 0;               // members who vote: filled seats less a chair who does not
};
FullTurnoutQuota QuotaWithFullTurnout(const Chamber& chamber, const Rule& rule,
                                      const Motion& motion);

// A recorded vote set against the count on paper: decided by the same Decide() on the recorded
// figures, and how many members at least must have voted otherwise than declared.
struct RecordedCheck {
  Counts counts;    // the recorded figures (members not recorded as voting count as absent)
  Outcome outcome;  // Decide() on them
  int for_minus_paper = 0;
  // At least this many who were declared "for" did not vote for; at least this many who were
  // not declared "for" voted for. A secret ballot says no more; an open one may name them.
  int at_least_left_for = 0;
  int at_least_joined_for = 0;
  // Blocs whose own declared supporters outnumber the recorded "for": at least `members` of
  // that bloc's declared supporters did not vote for, whoever else did.
  struct BlocShortfall {
    std::string bloc;
    int members = 0;
  };
  std::vector<BlocShortfall> by_bloc;
};
RecordedCheck CheckRecorded(const RecordedVote& recorded, const Tally& paper, const Rule& rule);

// The tally in words, as a careful journalist would put it: the rule and why the number is what
// it is, who stands where, the verdict, and the smallest change that would reverse it.
std::string Explain(const Chamber& chamber, const Rule& rule, const Motion& motion,
                    const Tally& tally);

// The tally after each event of a timeline, from the base state (step 0, no event) on.
struct TimelineStep {
  std::optional<size_t> event;  // index into the events; nullopt for the base state
  std::string sentence;         // the event in words with names (Sentence); empty for the base
  Tally tally;
  // For a vote event with a recorded result: the recorded vote decided and set against paper.
  std::optional<RecordedCheck> recorded;
};

// A step at which the motion gains the numbers on paper (passes after not passing at the step
// before) or loses them.
struct Crossing {
  size_t step = 0;
  bool gained = true;
};

struct TimelineTally {
  std::vector<TimelineStep> steps;
  std::vector<Crossing> crossings;  // in step order
  // Set when every step has the same verdict on paper (the motion had the numbers throughout,
  // or never had them, or the undecided held the balance throughout).
  std::optional<Verdict> throughout;

  // The first step that gains the numbers, or nullopt.
  std::optional<size_t> FirstGain() const;
};

// Replays `events` on `base` and tallies the motion after each one, each on its own date (so
// the anti-defection rule in force follows the dates).
Result<TimelineTally> TallyTimeline(const State& base, std::span<const Event> events,
                                    const Rule& rule, const Motion& motion);

}  // namespace whipcount

#endif  // WHIPCOUNT_TALLY_H_
