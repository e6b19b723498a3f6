// The tally in words. Every figure in the text comes from the Tally; nothing is recomputed here.
#include <algorithm>
#include <string>
#include <vector>

#include "whipcount/tally.h"

namespace whipcount {
namespace {

std::string Plural(std::int64_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

std::string Members(std::int64_t n) { return Plural(n, "member", "members"); }

std::string ShortName(const Chamber& chamber, std::string_view party_id) {
  const Party* p = chamber.FindParty(party_id);
  if (p == nullptr) return std::string(party_id);
  return p->short_name.empty() ? p->id : p->short_name;
}

std::string FractionWords(const Fraction& f) {
  if (f.num == 1 && f.den == 2) return "half";
  if (f.num == 2 && f.den == 3) return "two-thirds";
  if (f.num == 3 && f.den == 5) return "three-fifths";
  if (f.num == 3 && f.den == 4) return "three-quarters";
  if (f.num == 1 && f.den == 4) return "one-quarter";
  return std::to_string(f.num) + "/" + std::to_string(f.den);
}

// "PML-N 84, PPP 56 and MQM-P 7"
std::string PartyList(const Chamber& chamber, const std::vector<PartyRow>& rows,
                      int Counts::*field) {
  std::vector<const PartyRow*> sorted;
  for (const PartyRow& row : rows) {
    if (row.counts.*field > 0) sorted.push_back(&row);
  }
  std::stable_sort(sorted.begin(), sorted.end(), [&](const PartyRow* a, const PartyRow* b) {
    return a->counts.*field > b->counts.*field;
  });
  std::vector<std::string> parts;
  parts.reserve(sorted.size());
  for (const PartyRow* row : sorted) {
    parts.push_back(ShortName(chamber, row->party) + " " + std::to_string(row->counts.*field));
  }
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " and " : ", ";
    out += parts[i];
  }
  return out;
}

std::string ThresholdSentence(const ThresholdCheck& check, const Tally& tally) {
  const Threshold& t = check.threshold;
  const std::string more = t.strict ? "more than " : "at least ";
  const std::string share = more + FractionWords(t.fraction);
  std::string s;
  switch (t.base) {
    case Base::kStatutorySeats:
      s = "The rule asks for " + share + " of the total membership, counted on all " +
          std::to_string(tally.statutory_seats) + " statutory seats";
      if (tally.vacancies > 0) {
        s += "; the " + Plural(tally.vacancies, "vacancy does", "vacancies do") +
             " not lower the bar";
      }
      break;
    case Base::kFilledSeats:
      s = "The rule asks for " + share + " of the " + std::to_string(tally.filled_seats) +
          " members currently in office";
      if (tally.vacancies > 0) s += " (vacancies lower the bar)";
      break;
    case Base::kPresent:
      s = "The rule asks for " + share + " of the members present (" +
          std::to_string(check.base_count) + " now)";
      break;
    case Base::kVotesCast:
      s = t.fraction.num * 2 == t.fraction.den && t.strict
              ? "The rule is a simple majority: more votes for than against"
              : "The rule asks for " + share + " of the votes cast for and against";
      break;
    case Base::kVotesCastAndAbstentions:
      s = "The rule asks for " + share + " of the votes cast, abstentions included";
      break;
  }
  if (check.required) {
    s += ": " + Plural(*check.required, "vote is", "votes are") + " needed";
    if (t.base != Base::kStatutorySeats && t.base != Base::kFilledSeats) {
      s += " with the others as they stand";
      if (check.announced && check.announced != check.required) {
        s += " (as the chamber would announce it, " + std::to_string(*check.announced) +
             " of the " + std::to_string(check.base_count) + " counted now)";
      }
    }
  } else {
    s += ": no number of votes can meet it with the others as they stand";
  }
  return s + ".";
}

// The first paragraph: the motion, its chamber and date, and the rule it is put under.
std::string Heading(const Chamber& chamber, const Rule& rule, const Motion& motion,
                    const Tally& tally) {
  std::string out;
  out += motion.title.empty() ? "The motion" : motion.title;
  out += " (" + chamber.name;
  if (tally.date) out += ", " + tally.date->ToString();
  out += ").";
  if (!rule.citation.empty()) out += " Rule: " + rule.name + ", " + rule.citation + ".";
  if (rule.constructive) out += " The motion is constructive and names " + motion.successor + ".";
  return out;
}

// The second: the seats, the houses, the thresholds and the quorum.
std::string SeatsAndThresholds(const Chamber& chamber, const Tally& tally) {
  std::string out;
  out += "The chamber has " + std::to_string(tally.statutory_seats) + " seats, " +
         std::to_string(tally.filled_seats) + " of them filled";
  out += tally.vacancies > 0 ? " and " + Plural(tally.vacancies, "vacant", "vacant") + ". " : ". ";
  if (!tally.houses.empty()) {
    out += "It sits as one body of " + std::to_string(tally.houses.size()) + " houses: ";
    for (size_t i = 0; i < tally.houses.size(); ++i) {
      const HouseRow& h = tally.houses[i];
      if (i > 0) out += i + 1 == tally.houses.size() ? " and " : ", ";
      out += chamber.houses[i].name + " " + std::to_string(h.filled) + " of " +
             std::to_string(h.seats) + " (" + std::to_string(h.counts.for_votes) + " for, " +
             std::to_string(h.counts.against) + " against)";
    }
    out += ". ";
  }
  for (const ThresholdCheck& check : tally.thresholds) out += ThresholdSentence(check, tally) + " ";
  if (tally.quorum) {
    out += "A quorum of " + Members(tally.quorum->required) + " must be present (" +
           std::to_string(tally.quorum->present) +
           (tally.quorum->met ? ", met). " : ", not met). ");
  }
  return out;
}

// The third: who stands where on paper, party by party, and what the chair does.
std::string Positions(const Chamber& chamber, const Rule& rule, const Tally& tally) {
  std::string out;
  const Counts& c = tally.total;
  out += "On paper " + Members(c.for_votes) + " support the motion";
  if (c.for_votes > 0) out += " (" + PartyList(chamber, tally.parties, &Counts::for_votes) + ")";
  out += c.against == 0   ? " and none oppose it"
         : c.against == 1 ? " and 1 opposes it"
                          : " and " + std::to_string(c.against) + " oppose it";
  if (c.against > 0) out += " (" + PartyList(chamber, tally.parties, &Counts::against) + ")";
  out += ".";
  if (c.abstain > 0) {
    out += " " + Members(c.abstain) + (c.abstain == 1 ? " abstains (" : " abstain (") +
           PartyList(chamber, tally.parties, &Counts::abstain) + ").";
  }
  if (c.present > 0) {
    out += " " + Members(c.present) + (c.present == 1 ? " is" : " are") +
           " present without voting (" + PartyList(chamber, tally.parties, &Counts::present) + ").";
  }
  if (c.absent > 0) {
    out += " " + Members(c.absent) + (c.absent == 1 ? " stays away (" : " stay away (") +
           PartyList(chamber, tally.parties, &Counts::absent) + ").";
  }
  if (c.undecided > 0) {
    out += " " + Members(c.undecided) + (c.undecided == 1 ? " has" : " have") + " not declared (" +
           PartyList(chamber, tally.parties, &Counts::undecided) + ").";
  }
  if (c.discounted > 0) {
    out += " " + Plural(c.discounted, "vote", "votes") +
           " cast against the party line will not be counted";
    if (tally.anti_defection && !tally.anti_defection->note.empty()) {
      out += " (" + tally.anti_defection->note + ")";
    }
    out += ".";
  }
  if (c.uncounted > 0) {
    out += " " + Members(c.uncounted) + (c.uncounted == 1 ? " sits" : " sit") +
           " without a vote that counts (" + PartyList(chamber, tally.parties, &Counts::uncounted) +
           ").";
  }
  if (c.chair > 0 && chamber.presiding) {
    const PresidingOfficer& po = *chamber.presiding;
    out += " " + (po.name.empty() ? std::string("The presiding officer") : po.name) +
           " is in the chair and ";
    out += rule.tie == TieRule::kCastingVote && tally.context.chair_can_cast
               ? "votes only to break a tie."
               : "does not vote.";
  }
  return out;
}

// The fourth opens with the motion's status, a tie and the verdict...
std::string VerdictSentences(const Tally& tally) {
  std::string out;
  switch (tally.status) {
    case MotionStatus::kOpen:
      break;
    case MotionStatus::kBlocked:
      out += "The motion is blocked: no vote can be held on it unless it is restored. ";
      break;
    case MotionStatus::kWithdrawn:
      out += "The motion has been withdrawn: no vote will be held on it unless it is restored. ";
      break;
    case MotionStatus::kLapsed:
      out += "The motion lapsed without being put to a vote. ";
      break;
    case MotionStatus::kDissolved:
      out += "The chamber is dissolved: no vote can be held. ";
      break;
  }
  if (tally.status != MotionStatus::kOpen) out += "Were it put to a vote, on these numbers: ";
  if (tally.tie.tied) {
    out += "The vote is tied. ";
    if (tally.tie.casting_vote_used) {
      out +=
          std::string("The chair's casting vote goes ") +
          (tally.tie.casting_for ? "for the motion. " : "against the motion, for the status quo. ");
    } else {
      out += "A tie defeats the motion. ";
    }
  }
  switch (tally.verdict) {
    case Verdict::kPasses:
      out += "The motion passes on paper";
      if (tally.required) {
        out += tally.required_by == RequiredBy::kCastingVote ? " on the casting vote"
               : tally.margin == 0
                   ? " with not a vote to spare"
                   : ", " + Plural(tally.margin, "vote", "votes") + " above the bar";
      }
      break;
    case Verdict::kFails:
      out += "The motion fails on paper";
      if (tally.required && tally.margin < 0) {
        out +=
            ", " + Plural(-tally.margin, "vote", "votes") + " short with the others as they stand";
      }
      break;
    case Verdict::kUndecidedDecide:
      out += "The undecided decide it: with them all against it fails, with them all for it passes";
      break;
  }
  if (const std::string consequence = ConsequenceWords(tally);
      !consequence.empty() && tally.status == MotionStatus::kOpen) {
    out += ": " + consequence;
  }
  out += ".";
  return out;
}

// ...and ends with the smallest change of votes that would reverse the verdict.
std::string FlipSentences(const Chamber& chamber, const Tally& tally) {
  std::string out;
  const Flip& f = tally.flip;
  if (f.members) {
    out += " ";
    switch (f.direction) {
      case Flip::Direction::kAwayFromFor:
        out += "It would fail if " + Members(*f.members) +
               (*f.members == 1 ? " who supports it" : " who support it");
        out += f.via_absence == 0 ? " voted against"
               : f.via_against == 0
                   ? " stayed away"
                   : " turned (" + std::to_string(f.via_against) + " voting against, " +
                         std::to_string(f.via_absence) + " staying away)";
        break;
      case Flip::Direction::kToFor:
        out += "It would pass if " + Members(*f.members) + " more voted for it";
        if (f.via_against > 0 && f.via_absence > 0) {
          out += " (" + std::to_string(f.via_against) + " of them from those against)";
        } else if (f.via_against > 0) {
          out += ", all from those now against";
        }
        break;
      case Flip::Direction::kUndecidedFor:
        out += "It passes whatever the rest do once " + std::to_string(*f.members) + " of the " +
               std::to_string(tally.total.undecided) + " undecided vote for it";
        break;
    }
    if (!f.suppliers.empty()) {
      std::vector<std::string> alone;
      for (const Flip::Supplier& s : f.suppliers) {
        if (s.available >= *f.members) alone.push_back(ShortName(chamber, s.party));
      }
      if (!alone.empty()) {
        out += "; ";
        for (size_t i = 0; i < alone.size(); ++i) {
          if (i > 0) out += i + 1 == alone.size() ? " or " : ", ";
          out += alone[i];
        }
        out += alone.size() == 1 ? " could supply them alone" : " could each supply them alone";
      } else {
        out += "; no single party has that many, so it would take several";
      }
    }
    out += ".";
  } else {
    out += " No change of votes within the chamber would reverse this.";
  }
  return out;
}

}  // namespace

std::string Explain(const Chamber& chamber, const Rule& rule, const Motion& motion,
                    const Tally& tally) {
  return Heading(chamber, rule, motion, tally) + "\n\n" + SeatsAndThresholds(chamber, tally) +
         "\n\n" + Positions(chamber, rule, tally) + "\n\n" + VerdictSentences(tally) +
         FlipSentences(chamber, tally) + "\n";
}

}  // namespace whipcount
