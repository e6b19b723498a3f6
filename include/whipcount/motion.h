// Motion rules as data: thresholds with an explicit base, quorum, ties and casting votes,
// constructive motions and anti-defection rules that change by date.
//
// All threshold arithmetic is on integers: a fraction num/den is never turned into a double.
// Rules are plain values; safe to share between threads for reading.
#ifndef WHIPCOUNT_MOTION_H_
#define WHIPCOUNT_MOTION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "whipcount/chamber.h"
#include "whipcount/date.h"
#include "whipcount/names.h"
#include "whipcount/result.h"

namespace whipcount {

// What a threshold's fraction is taken of.
enum class Base {
  kStatutorySeats,  // the chamber's total membership; vacancies do not lower it (Pakistan Art. 95)
  kFilledSeats,     // seats actually held
  kPresent,         // members present: for + against + abstain (+ a chair who is counted)
  kVotesCast,       // for + against (UK "more ayes than noes")
  kVotesCastAndAbstentions,  // for + against + abstain
};

template <>
struct NameTable<Base> {
  static constexpr std::array kEntries{
      Named<Base>{Base::kStatutorySeats, "statutory"},
      Named<Base>{Base::kFilledSeats, "filled"},
      Named<Base>{Base::kPresent, "present"},
      Named<Base>{Base::kVotesCast, "cast"},
      Named<Base>{Base::kVotesCastAndAbstentions, "cast+abstain"},
  };
};

struct Fraction {
  std::int64_t num = 1;
  std::int64_t den = 2;
};

// "for" must exceed (strict) or reach (non-strict) fraction × base.
struct Threshold {
  Fraction fraction;
  bool strict = true;
  Base base = Base::kVotesCast;
  std::string label;  // "absolute majority of the total membership"
};

// The fewest "for" votes meeting `t` when the base holds `base_count`:
// least v ≥ 0 with v·den > num·base_count (strict) or v·den ≥ num·base_count.
// Defined only for bases that do not contain v itself (statutory, filled, present).
std::int64_t RequiredVotes(const Threshold& t, std::int64_t base_count);

// The fewest "for" votes meeting a threshold over votes cast, given the other votes in the
// base (`others` = against, or against + abstain): least v with v·den > num·(v + others).
// nullopt when no v can ever meet it (fraction ≥ 1 strict).
std::optional<std::int64_t> RequiredVotesOverCast(const Threshold& t, std::int64_t others);

// At least `fraction` of `base` members present (non-strict), or an absolute number.
struct Quorum {
  Fraction fraction{1, 4};
  Base base = Base::kStatutorySeats;  // statutory or filled
  std::optional<int> absolute;        // when set, replaces the fraction
  std::string label;
};

// True for the bases that count seats (statutory, filled); false for those that count votes.
bool IsSeatBase(Base base);

// The number of seats a seat base counts in a chamber of `statutory` seats of which `filled`
// are held; nullopt for the bases that count votes. The one place a seat base is chosen.
std::optional<std::int64_t> SeatsOfBase(Base base, std::int64_t statutory, std::int64_t filled);

// The fewest members present (the chair included) that meet `q`.
std::int64_t QuorumRequired(const Quorum& q, std::int64_t statutory, std::int64_t filled);

// What happens when "for" equals "against".
enum class TieRule {
  kFails,        // a tie defeats the motion (no casting vote)
  kCastingVote,  // the presiding officer breaks it
};

template <>
struct NameTable<TieRule> {
  static constexpr std::array kEntries{
      Named<TieRule>{TieRule::kFails, "fails"},
      Named<TieRule>{TieRule::kCastingVote, "casting-vote"},
  };
};

// How the presiding officer casts a deciding vote.
enum class CastingConvention {
  kStatusQuo,   // for the status quo (the UK's Speaker Denison's rule): against the motion, except
                // for a confidence motion, whose "for" keeps the government in place
  kAsDeclared,  // as the presiding officer's own declared stance (defaulting to status quo)
};

template <>
struct NameTable<CastingConvention> {
  static constexpr std::array kEntries{
      Named<CastingConvention>{CastingConvention::kStatusQuo, "status-quo"},
      Named<CastingConvention>{CastingConvention::kAsDeclared, "as-declared"},
  };
};

// Whether a member's vote against their party's line is counted.
enum class DefectorVotes { kCounted, kNotCounted };

template <>
struct NameTable<DefectorVotes> {
  static constexpr std::array kEntries{
      Named<DefectorVotes>{DefectorVotes::kCounted, "counted"},
      Named<DefectorVotes>{DefectorVotes::kNotCounted, "not-counted"},
  };
};

// An anti-defection rule in force from `from` (inclusive) until `until` (exclusive); open ends
// when absent. The first period that covers a date applies; outside all of them votes count.
struct AntiDefectionPeriod {
  std::optional<Date> from;
  std::optional<Date> until;
  DefectorVotes defector_votes = DefectorVotes::kCounted;
  std::string note;    // "defectors may be disqualified (Art. 63A)"
  std::string source;  // citation
};

struct Rule {
  std::string id;                     // "no-confidence"
  std::string name;                   // "No-confidence motion against the Prime Minister"
  std::string citation;               // "Constitution of Pakistan, Art. 95(4)"
  std::vector<Threshold> thresholds;  // all must hold; at least one
  std::optional<Quorum> quorum;
  TieRule tie = TieRule::kFails;
  CastingConvention casting = CastingConvention::kStatusQuo;
  bool constructive = false;  // must name a successor (Spain Art. 113, Germany Art. 67)
  std::vector<AntiDefectionPeriod> anti_defection;

  // The period in force on `date`, or nullptr (votes count). Without a date, the period open at
  // both ends if any, else nullptr.
  const AntiDefectionPeriod* AntiDefectionOn(std::optional<Date> date) const;
};

// Checks a rule on its own and against a chamber: fractions in (0, 1] (kInvalidFraction), a
// threshold that no vote could meet in this chamber (kImpossibleThreshold), a casting vote with
// no presiding officer to cast it, anti-defection periods that end before they start.
Status Validate(const Rule& rule, const Chamber& chamber);

// What a "for" vote does to the government: it decides how the outcome is worded and which way
// a casting vote for the status quo goes.
enum class MotionKind {
  kOther,         // any other question: the status quo is the motion failing
  kConfidence,    // "for" keeps the government (a confidence or investiture motion)
  kNoConfidence,  // "for" removes it (no-confidence, censure, constructive motions)
};

template <>
struct NameTable<MotionKind> {
  static constexpr std::array kEntries{
      Named<MotionKind>{MotionKind::kOther, "other"},
      Named<MotionKind>{MotionKind::kConfidence, "confidence"},
      Named<MotionKind>{MotionKind::kNoConfidence, "no-confidence"},
      Named<MotionKind>{MotionKind::kNoConfidence, "censure"},
  };
};

// A concrete motion: which rule governs it and, for constructive motions, the successor.
struct Motion {
  std::string id;
  std::string title;
  std::string rule;       // Rule::id
  std::string successor;  // required when the rule is constructive
  std::optional<Date> date;
  MotionKind kind = MotionKind::kOther;
};

// kUnknownId when motion.rule is not in `rules`; kMissingSuccessor for a constructive rule
// with no successor.
Status Validate(const Motion& motion, const std::vector<Rule>& rules);

const Rule* FindRule(const std::vector<Rule>& rules, std::string_view id);

}  // namespace whipcount

#endif  // WHIPCOUNT_MOTION_H_
