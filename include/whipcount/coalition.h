// Coalitions at party level: which sets of parties command a majority, which of them the classic
// theories of coalition formation predict, and which parties hold the balance on a motion.
//
// A coalition is winning when its seats reach the quota (the motion's required votes), and
// minimal winning when every member is necessary: without any one party the rest fall short.
// Listing is output-sensitive (a depth-first search that never extends a winning coalition), and
// the number of minimal winning coalitions is counted exactly first, so a request that would
// list millions is refused with the count rather than left to run.
//
// Pure functions of their arguments; safe to call from several threads at once.
#ifndef WHIPCOUNT_COALITION_H_
#define WHIPCOUNT_COALITION_H_

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "whipcount/chamber.h"
#include "whipcount/motion.h"
#include "whipcount/names.h"
#include "whipcount/result.h"
#include "whipcount/tally.h"

namespace whipcount {

struct CoalitionParty {
  std::string id;
  std::int64_t seats = 0;
  std::optional<double> position;  // left–right placement (smaller = further left)
};

enum class CoalitionTheory {
  // Riker's size principle: the minimal winning coalitions with the fewest seats (the smallest
  // surplus over the quota) first.
  kMinimumSize,
  // Leiserson's bargaining proposition: the minimal winning coalitions with the fewest parties
  // first (then fewest seats).
  kFewestParties,
  // De Swaan's policy distance: the minimal winning coalitions with the smallest left–right range
  // first (then fewest seats). Every party with seats needs a position.
  kMinimalRange,
  // Axelrod's minimal connected winning coalitions: parties adjacent on the left–right scale
  // (no party with seats lies between two members) such that dropping the party at either end
  // makes the coalition lose. These need not be minimal winning. Every party with seats needs a
  // position; parties at the same position are ordered as listed.
  kMinimalConnected,
};

// "minimum-size", "fewest-parties", "minimal-range", "minimal-connected"; the theorists' names
// as aliases.
template <>
struct NameTable<CoalitionTheory> {
  static constexpr std::array kEntries{
      Named<CoalitionTheory>{CoalitionTheory::kMinimumSize, "minimum-size"},
      Named<CoalitionTheory>{CoalitionTheory::kFewestParties, "fewest-parties"},
      Named<CoalitionTheory>{CoalitionTheory::kMinimalRange, "minimal-range"},
      Named<CoalitionTheory>{CoalitionTheory::kMinimalConnected, "minimal-connected"},
      Named<CoalitionTheory>{CoalitionTheory::kMinimumSize, "riker"},
      Named<CoalitionTheory>{CoalitionTheory::kFewestParties, "leiserson"},
      Named<CoalitionTheory>{CoalitionTheory::kMinimalRange, "de-swaan"},
      Named<CoalitionTheory>{CoalitionTheory::kMinimalConnected, "axelrod"},
  };
};

struct Coalition {
  std::vector<std::string> parties;  // ids, in the order the parties were given
  std::int64_t seats = 0;
  std::int64_t surplus = 0;     // seats - quota
  std::optional<double> range;  // max - min position, when every member has one
  bool connected = false;       // no party with seats lies strictly between two members
};

struct CoalitionOptions {
  CoalitionTheory theory = CoalitionTheory::kMinimumSize;
  // More coalitions than this are not listed: kTooLarge, with the count.
  std::int64_t max_coalitions = 100'000;
  // Pairs of party ids that refuse to sit together.
  std::vector<std::pair<std::string, std::string>> incompatible;
  // Parties every coalition must include (a formateur).
  std::vector<std::string> required;
};

struct CoalitionReport {
  CoalitionTheory theory = CoalitionTheory::kMinimumSize;
  std::int64_t quota = 0;
  std::vector<Coalition> coalitions;  // every coalition meeting the constraints, ranked
};

// The coalitions predicted by `options.theory` that meet the constraints, ranked. Errors:
// kDuplicateId (two parties share an id), kNegativeSeats, kInvalidGame (quota below 1 or above
// the seats held), kUnknownId (a constraint names no party; path "required[0]",
// "incompatible[1]"), kInvalidValue (minimal-range or minimal-connected with a party with seats
// and no position; path "parties[2].position"), and
// kTooLarge when more than options.max_coalitions would be listed (the message gives the count
// and suggests constraints).
Result<CoalitionReport> ListCoalitions(const std::vector<CoalitionParty>& parties,
                                       std::int64_t quota, const CoalitionOptions& options = {});

// The number of minimal winning coalitions that contain every party in `required` (ignoring
// incompatibilities), exactly, as a decimal string. Same errors as ListCoalitions except
// kTooLarge.
Result<std::string> CountMinimalWinningCoalitions(const std::vector<CoalitionParty>& parties,
                                                  std::int64_t quota,
                                                  const std::vector<std::string>& required = {});

// Shorthand for ListCoalitions with the minimum-size theory.
Result<CoalitionReport> MinimalWinningCoalitions(const std::vector<CoalitionParty>& parties,
                                                 std::int64_t quota,
                                                 const CoalitionOptions& options);

// Where parties stand on one motion. Abstainers are present without voting; absent members
// and the undecided do not vote either, but only the undecided can still be won over.
enum class Side { kFor, kAgainst, kAbstain, kAbsent, kUndecided };

struct SidedParty {
  std::string id;
  std::int64_t seats = 0;
  Side side = Side::kUndecided;
};

// Whether the motion carries when `for_seats` vote for it, `against_seats` against and
// `abstain_seats` abstain, with every other seat not voting. It must not turn from carried to
// lost when seats move to "for" (every rule in whipcount satisfies this).
using CarriesTest = std::function<bool(std::int64_t for_seats, std::int64_t against_seats,
                                       std::int64_t abstain_seats)>;

struct MotionBalance {
  // The smallest number of "for" votes that carries the motion with the other sides as they
  // stand, as Tally::required counts it (it may exceed the seats that could still join);
  // nullopt when none does (e.g. a quorum that cannot be met).
  std::optional<std::int64_t> needed;
  std::int64_t for_seats = 0;
  bool carried = false;
  // Carried: the parties for it whose switch to "against" alone would sink the motion. Not
  // carried: the parties not for it whose switch to "for" alone would carry it.
  std::vector<std::string> pivotal;
  // The smallest groups of undecided parties that, joining the "for" side while the others
  // stay as they are, would carry the motion (minimal winning in the game that remains),
  // ranked by seats. Empty when carried.
  std::vector<Coalition> with_undecided;
};

// Which parties hold the balance on a motion decided by `carries`. Errors as ListCoalitions.
// `tallied` is the figure when a tally has counted it (Tally::required), else it is searched for
// with `carries`.
Result<MotionBalance> BalanceOfMotion(const std::vector<SidedParty>& parties,
                                      const CarriesTest& carries,
                                      const CoalitionOptions& options = {},
                                      std::optional<std::int64_t> tallied = std::nullopt);
// The same for a motion needing `quota` votes for, whoever else votes.
Result<MotionBalance> BalanceOfMotion(const std::vector<SidedParty>& parties, std::int64_t quota,
                                      const CoalitionOptions& options = {});

// A motion exactly as its tally counts it, for BalanceOfMotion: each party's members grouped by
// how they stand (the group on the party's line is named by the party's short name, others as
// "PML-Q (for)"), and a test that keeps every count the groups do not hold (votes not counted,
// the chair, members present without voting) where the tally has it and decides by Decide().
struct TalliedMotion {
  std::vector<SidedParty> sides;
  CarriesTest carries;
  std::optional<std::int64_t> required;  // the tally's figure (Tally::required)
};
TalliedMotion MotionOfTally(const Tally& tally, const Chamber& chamber, const Rule& rule);

// The players of a weighted vote, as a chamber or a game file gives them.
struct WeightedPlayers {
  std::vector<std::string> names;                // one per player, unique
  std::vector<std::int64_t> weights;             // seats or votes, one per player, each >= 0
  std::vector<std::optional<double>> positions;  // left–right, one per player, when known
  std::vector<std::vector<int>> unions;          // a-priori unions: a partition, or empty
  // For a chamber: one per player, the short name of the independents group the player is one
  // member of ("Ind." for "Ind.-3"), empty for a party. Empty for a game file.
  std::vector<std::string> groups;

  std::int64_t TotalWeight() const;
  // The players as ListCoalitions takes them.
  std::vector<CoalitionParty> Parties() const;
};

// A quota and the words that say where it comes from ("--quota 270", "quota 50% from the
// file", "<rule>: more than 1/2 of 342 statutory seats").
struct StatedQuota {
  std::int64_t votes = 0;
  std::string source;
};

// A vote among weighted players: a chamber's parties on its motion, or a game file's players.
// Owns everything it holds; safe to hand to another thread.
struct WeightedVote {
  WeightedPlayers players;
  std::optional<StatedQuota> quota;     // the rule's or the file's; nullopt when neither gives one
  std::optional<TalliedMotion> motion;  // a chamber's motion as tallied, for BalanceOfMotion
};

// The parties of `state`'s chamber with voting seats as players: a party's short name and its
// voting seats, independents one player per seat ("Ind-1", "Ind-2", ...), blocs as the a-priori
// unions (a party in no bloc is a union of its own). No quota and no motion.
WeightedVote VoteOfChamber(const State& state);
// The same on a motion under `rule`: the quota is the votes that carry it when every member
// votes (QuotaWithFullTurnout), said as "<rule name>: more than 1/2 of 342 statutory seats",
// and the motion is tallied on `date` (CountVotes) for BalanceOfMotion. No quota when no split
// carries the motion.
WeightedVote VoteOfChamber(const State& state, const Rule& rule, const Motion& motion,
                           std::optional<Date> date);

}  // namespace whipcount

#endif  // WHIPCOUNT_COALITION_H_
