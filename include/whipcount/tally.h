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
#include "whipcount/timeline.h"

namespace whipcount {

// Members by how they stand. `discounted` holds votes cast against the party line that the
// anti-defection rule in force does not count; `chair` is the presiding officer when they do
// not vote as a member.
struct Counts {
  int for_votes = 0;
  int against = 0;
  int abstain = 0;
  int absent = 0;
  int undecided = 0;
  int discounted = 0;
  int chair = 0;

  int Total() const {
    return for_votes + against + abstain + absent + undecided + discounted + chair;
  }
  int Cast() const { return for_votes + against; }
  // Members in the chamber during the vote: voters, abstainers and discounted voters.
  int Present() const { return for_votes + against + abstain + discounted; }
  void Add(Stance stance, int n);
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

struct BlocRow {
  std::string bloc;  // bloc id; empty for parties in no bloc
  int seats = 0;
  Counts counts;
};

// One threshold evaluated on the counts.
struct ThresholdCheck {
  Threshold threshold;
  std::int64_t base_count = 0;  // size of the base (seats, present, votes cast ...)
  // Fewest "for" votes that meet the threshold with the others as they are; nullopt when no
  // number of votes can meet it.
  std::optional<std::int64_t> required;
  bool met = false;
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

std::string_view VerdictName(Verdict v);  // "passes", "fails", "undecided"

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

struct TallyOptions {
  // The date of the vote, for anti-defection rules; nullopt uses Motion::date, then no date.
  std::optional<Date> date;
};

struct Tally {
  Counts total;
  std::vector<PartyRow> parties;  // in chamber order
  std::vector<BlocRow> blocs;     // in chamber order, then one row for parties in no bloc
  int statutory_seats = 0;
  int filled_seats = 0;
  int vacancies = 0;

  std::vector<ThresholdCheck> thresholds;
  std::optional<QuorumCheck> quorum;
  TieInfo tie;
  // The binding number of "for" votes needed (the largest over thresholds, assuming the
  // undecided stay away); nullopt when none can be met.
  std::optional<std::int64_t> required;
  std::int64_t margin = 0;    // for − required (negative: short by that many)
  bool passes_now = false;    // the outcome if the undecided do not vote
  bool passes_best = false;   // if every undecided member votes for
  bool passes_worst = false;  // if the undecided act worst for the motion
  Verdict verdict = Verdict::kFails;
  Flip flip;

  const AntiDefectionPeriod* anti_defection = nullptr;  // points into the Rule passed in
  std::optional<Date> date;
};

// Counts `stances` in `chamber` under `rule` for `motion`. The inputs must have passed
// Validate(); the returned Tally refers to `rule` (anti_defection) and must not outlive it.
Tally CountVotes(const Chamber& chamber, const Stances& stances, const Rule& rule,
                 const Motion& motion, const TallyOptions& options = {});

// The facts about the chamber and its chair that a decision needs besides the counts.
struct VoteContext {
  int statutory_seats = 0;
  int filled_seats = 0;
  // True when a presiding officer is in the chair and may give a casting vote.
  bool chair_can_cast = false;
  // The chair's own stance, for CastingConvention::kAsDeclared.
  Stance chair_stance = Stance::kUndecided;
};

struct Outcome {
  bool passes = false;
  TieInfo tie;
  std::vector<ThresholdCheck> thresholds;
  std::optional<QuorumCheck> quorum;
  // The binding number of "for" votes (largest over thresholds, at least 1); nullopt if none
  // can be met.
  std::optional<std::int64_t> required;
};

// Whether a motion under `rule` passes with these counts (undecided members do not vote),
// resolving a tie by the rule and the chair. Exposed for brute-force tests and forecasts.
Outcome Decide(const Counts& counts, const Rule& rule, const VoteContext& context);

// The tally in words, as a careful journalist would put it: the rule and why the number is what
// it is, who stands where, the verdict, and the smallest change that would reverse it.
std::string Explain(const Chamber& chamber, const Rule& rule, const Motion& motion,
                    const Tally& tally);

// The tally after each event of a timeline, from the base state (step 0, no event) on.
struct TimelineStep {
  std::optional<size_t> event;  // index into the events; nullopt for the base state
  Tally tally;
  // For a vote event with a recorded result: recorded for minus for on paper.
  std::optional<int> recorded_minus_paper;
};

struct TimelineTally {
  std::vector<TimelineStep> steps;
  // The first step at which the motion passes on paper after failing or being undecided at
  // the step before (the day the opposition crossed the line); nullopt if it never does.
  std::optional<size_t> crossed;
  // The first step at which it stops passing after having passed.
  std::optional<size_t> lost;
};

// Replays `events` on `base` and tallies the motion after each one, each on its own date (so
// the anti-defection rule in force follows the dates). The returned tallies refer to `rule`.
Result<TimelineTally> TallyTimeline(const State& base, std::span<const Event> events,
                                    const Rule& rule, const Motion& motion);

}  // namespace whipcount

#endif  // WHIPCOUNT_TALLY_H_
