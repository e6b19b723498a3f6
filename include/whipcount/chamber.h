// Chamber: the seats of a legislature and who holds them, plus each actor's stance on a motion.
//
// A chamber can be described at party level (party seat totals), at member level (every member
// named) or mixed (party totals plus a few named members, typically dissidents). A party's seat
// total always includes its named members; when `seats` is omitted in a file the io layer sets it
// to the number of named members.
//
// Chamber is a plain value with no hidden state: copy it freely; concurrent reads from several
// threads are safe, a write needs exclusive access.
#ifndef WHIPCOUNT_CHAMBER_H_
#define WHIPCOUNT_CHAMBER_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "whipcount/names.h"
#include "whipcount/result.h"

namespace whipcount {

// How a member, party or bloc stands on the motion under consideration. kPresent is "present,
// not voting" as several chambers record it: in the chamber (it counts towards a quorum and a
// "present" base) but neither voting nor abstaining (it is not in a "cast+abstain" base).
enum class Stance { kFor, kAgainst, kAbstain, kPresent, kAbsent, kUndecided };

template <>
struct NameTable<Stance> {
  static constexpr std::array kEntries{
      Named<Stance>{Stance::kFor, "for"},
      Named<Stance>{Stance::kAgainst, "against"},
      Named<Stance>{Stance::kAbstain, "abstain"},
      Named<Stance>{Stance::kPresent, "present"},
      Named<Stance>{Stance::kAbsent, "absent"},
      Named<Stance>{Stance::kUndecided, "undecided"},
      Named<Stance>{Stance::kFor, "aye"},
      Named<Stance>{Stance::kFor, "yes"},
      Named<Stance>{Stance::kAgainst, "no"},
      Named<Stance>{Stance::kAgainst, "nay"},
      Named<Stance>{Stance::kPresent, "present-not-voting"},
  };
};

// Every stance, in the order above.
inline constexpr Stance kAllStances[] = {Stance::kFor,     Stance::kAgainst, Stance::kAbstain,
                                         Stance::kPresent, Stance::kAbsent,  Stance::kUndecided};

// "for", "against", "abstain", "present", "absent", "undecided".
// Accepts the names above (and "aye"/"yes", "no"/"nay", "present-not-voting"); nullopt otherwise.

// One house of a joint sitting (deputies and senators voting together): its own statutory seats.
struct House {
  std::string id;    // "deputies"
  std::string name;  // "Chamber of Deputies"
  int seats = 0;

  bool operator==(const House&) const = default;
};

struct Party {
  std::string id;          // unique among parties, members and blocs; e.g. "PTI"
  std::string name;        // "Pakistan Tehreek-e-Insaf"
  std::string short_name;  // "PTI"; defaults to id
  std::string colour;      // "#RRGGBB", may be empty
  int seats = 0;           // seats held, including named members and a presiding officer
  // In a joint sitting: the seats held in each house (house id → seats), summing to `seats`.
  // Empty for a single chamber.
  std::map<std::string, int, std::less<>> house_seats;
  std::optional<double> position;  // left-right placement on 0..10 (0 = far left)
  // True for a group of unaffiliated members ("Independents"): they share the entry for
  // counting and colour, but each acts alone in coalition and power analysis.
  bool independents = false;
  // False for a group whose members sit but whose votes do not count and who are not part of
  // the statutory membership (non-voting delegates): drawn and listed, never in a base.
  bool counted = true;

  bool operator==(const Party&) const = default;
};

struct Member {
  std::string id;            // unique; e.g. "cheema"
  std::string name;          // "Tariq Bashir Cheema"
  std::string party;         // party id (may be an independents group); must exist
  std::string constituency;  // "NA-168", may be empty
  std::string house;         // in a joint sitting: the house the member sits in
  // False for a member whose vote does not count and who is not part of the statutory
  // membership (a non-voting delegate, a member with a restricted vote on this motion).
  bool counted = true;

  bool operator==(const Member&) const = default;
};

enum class BlocRole { kGovernment, kOpposition, kOther };

template <>
struct NameTable<BlocRole> {
  static constexpr std::array kEntries{
      Named<BlocRole>{BlocRole::kGovernment, "government"},
      Named<BlocRole>{BlocRole::kOpposition, "opposition"},
      Named<BlocRole>{BlocRole::kOther, "other"},
  };
};

// A group of parties (and individual members) that act together: a governing coalition, an
// opposition alliance. A party belongs to at most one bloc; a member named in a bloc belongs to
// it rather than to their party's bloc (a member who crossed the floor).
struct Bloc {
  std::string id;
  std::string name;
  BlocRole role = BlocRole::kOther;
  std::string colour;
  std::vector<std::string> parties;
  std::vector<std::string> members;

  bool operator==(const Bloc&) const = default;
};

// Whether the chair votes.
enum class PresidingVote {
  kNever,        // does not vote at all
  kCastingOnly,  // votes only to break a tie (UK Speaker, Pakistan Speaker)
  kAsMember,     // votes like any member (German Bundestag President)
};

template <>
struct NameTable<PresidingVote> {
  static constexpr std::array kEntries{
      Named<PresidingVote>{PresidingVote::kNever, "never"},
      Named<PresidingVote>{PresidingVote::kCastingOnly, "casting"},
      Named<PresidingVote>{PresidingVote::kAsMember, "member"},
  };
};

struct PresidingOfficer {
  std::string name;    // "Asad Qaiser"
  std::string party;   // party id whose seat the chair occupies; empty if none (UK Speaker)
  std::string member;  // member id, when the chair is a named member
  PresidingVote vote = PresidingVote::kCastingOnly;
  // In a joint sitting: the house of the chair's seat (default: the member's house, else the
  // first house where their party holds seats, else the first house).
  std::string house;

  bool operator==(const PresidingOfficer&) const = default;
};

struct Chamber {
  std::string id;    // "pk-na"
  std::string name;  // "National Assembly of Pakistan"
  int statutory_seats = 0;
  // When given, must equal statutory_seats minus the seats held; when absent it is derived.
  std::optional<int> declared_vacancies;
  std::optional<PresidingOfficer> presiding;
  std::vector<Party> parties;
  std::vector<Member> members;
  std::vector<Bloc> blocs;
  // A joint sitting of several houses, each with its own seats; empty for a single chamber.
  // statutory_seats is then the sum of the houses' seats.
  std::vector<House> houses;

  bool operator==(const Chamber&) const = default;

  const Party* FindParty(std::string_view wanted) const;
  const Member* FindMember(std::string_view wanted) const;
  const Bloc* FindBloc(std::string_view wanted) const;
  // The index of house `id` in `houses`, or nullopt.
  std::optional<size_t> HouseIndex(std::string_view id) const;
  // In a joint sitting, the index of the house of the chair's seat; nullopt otherwise.
  std::optional<size_t> ChairHouse() const;
  // Counted seats held in house `index` (as FilledSeats, for that house).
  int FilledSeatsIn(size_t index) const;
  // The bloc a party belongs to, or nullptr.
  const Bloc* BlocOfParty(std::string_view party_id) const;
  // The bloc a member belongs to: one naming them directly, else their party's; or nullptr.
  const Bloc* BlocOfMember(std::string_view member_id) const;

  // Seats held by members who count (the presiding officer's seat is inside their party's
  // total, or extra when the chair belongs to no party). Uncounted seats are not among them.
  int FilledSeats() const;
  // Seats of members whose votes do not count (Party::counted, Member::counted): they sit
  // beyond the statutory seats.
  int UncountedSeats() const;
  int Vacancies() const { return statutory_seats - FilledSeats(); }
  // True when the chair holds a seat outside every party's total (UK Speaker).
  bool ChairOutsideParties() const;
  // True when a presiding officer sits in the chair rather than voting as a member: their seat
  // is counted as the chair's (Counts::chair), not as a vote.
  bool ChairSitsApart() const;
  // True when the presiding officer may give a casting vote (PresidingVote::kCastingOnly).
  bool ChairMayCast() const;
};

// Checks a chamber for contradictions. Errors carry a document path (e.g. "parties[2].seats")
// that the io layer resolves to a line and column. Codes: kNegativeSeats, kSeatsExceedChamber,
// kDuplicateId, kUnknownId, kInconsistentCount, kInvalidValue.
Status Validate(const Chamber& chamber);

// A party's stance given by numbers rather than one line (a free vote, a split group, a secret
// ballot's known totals): so many of its unnamed seats take each stance, and the rest take
// `rest`. Named members keep their own stances (or `rest` when they have none).
struct Split {
  std::map<Stance, int> counts;
  Stance rest = Stance::kUndecided;

  bool operator==(const Split&) const = default;
  int Total() const;
};

// "30 for, 17 against, the rest absent" (or "all absent" when no count is given).
std::string SplitWords(const Split& split);

// A colour as "#RRGGBB", from "#RRGGBB" or the short "#RGB" (any case); nullopt for anything
// else. Validate accepts exactly these.
std::optional<std::string> HexColour(std::string_view colour);

// Declared stances on one motion. The most specific wins: member over party over bloc; an
// actor with no declared stance anywhere is undecided. A party has a line (`parties`) or a
// split (`splits`), never both.
struct Stances {
  std::map<std::string, Stance, std::less<>> blocs;
  std::map<std::string, Stance, std::less<>> parties;
  std::map<std::string, Stance, std::less<>> members;
  std::map<std::string, Split, std::less<>> splits;

  bool operator==(const Stances&) const = default;

  // A party's line: its own stance (for a split party, the stance of its remaining seats), else
  // its bloc's, else undecided.
  Stance PartyLine(const Chamber& chamber, std::string_view party_id) const;
  // The presiding officer's stance: their own as a named member, else their party's line;
  // undecided with no chair or a chair from no party.
  Stance OfChair(const Chamber& chamber) const;
  // The split declared for a party, or nullptr.
  const Split* SplitOf(std::string_view party_id) const;
  // A named member's stance: their own, else their bloc's if they sit in a bloc apart from
  // their party, else their party's line.
  Stance OfMember(const Chamber& chamber, std::string_view member_id) const;
};

// Seats of a party that are neither named members nor the chair's: the seats a party line or a
// split applies to.
int UnnamedSeats(const Chamber& chamber, const Party& party);

// Seats of a party whose holders vote: its seats less the chair's when the chair sits for it and
// does not vote as a member, and less those whose votes do not count. The weight of a party in
// a voting game.
int VotingSeats(const Chamber& chamber, const Party& party);
// Seats of a party whose votes do not count: all of them for an uncounted party, else its
// uncounted named members.
int UncountedSeats(const Chamber& chamber, const Party& party);

// Checks that every id in `stances` exists in `chamber` (kUnknownId, path "stances.<kind>.<id>")
// and that no split gives out more seats than its party's unnamed seats, or a negative count
// (kInconsistentCount, path "stances.parties.<id>").
Status Validate(const Chamber& chamber, const Stances& stances);

}  // namespace whipcount

#endif  // WHIPCOUNT_CHAMBER_H_
