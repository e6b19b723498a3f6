// A chamber's parties as the players of a weighted vote (coalition.h).
#include <map>

#include "whipcount/coalition.h"

namespace whipcount {
namespace {

// "<rule name>: more than 1/2 of 342 statutory seats", or "... of 633 votes, every member
// voting" for a threshold over votes.
std::string QuotaSource(const Chamber& chamber, const Rule& rule, const FullTurnoutQuota& q) {
  const Threshold& t = rule.thresholds[q.threshold];
  const std::optional<std::int64_t> seats =
      SeatsOfBase(t.base, chamber.statutory_seats, chamber.FilledSeats());
  const std::string of =
      seats ? std::to_string(*seats) + " " + std::string(EnumName(t.base)) + " seats"
            : std::to_string(q.base_count) + " votes, every member voting";
  return rule.name + ": " + (t.strict ? "more than " : "at least ") +
         std::to_string(t.fraction.num) + "/" + std::to_string(t.fraction.den) + " of " + of;
}

}  // namespace

std::int64_t WeightedPlayers::TotalWeight() const {
  std::int64_t total = 0;
  for (std::int64_t w : weights) total += w;
  return total;
}

std::vector<CoalitionParty> WeightedPlayers::Parties() const {
  std::vector<CoalitionParty> parties;
  for (std::size_t i = 0; i < names.size(); ++i) {
    parties.push_back({.id = names[i], .seats = weights[i], .position = positions[i]});
  }
  return parties;
}

WeightedVote VoteOfChamber(const State& state) {
  const Chamber& chamber = state.chamber;
  WeightedPlayers p;
  std::map<std::string, int, std::less<>> bloc_union;
  for (const Party& party : chamber.parties) {
    const int seats = VotingSeats(chamber, party);
    if (seats <= 0) continue;
    const Bloc* bloc = chamber.BlocOfParty(party.id);
    // Independents act alone: one player per seat.
    const int copies = party.independents ? seats : 1;
    for (int c = 0; c < copies; ++c) {
      const int player = static_cast<int>(p.names.size());
      p.names.push_back(party.independents ? party.short_name + "-" + std::to_string(c + 1)
                                           : party.short_name);
      p.weights.push_back(party.independents ? 1 : seats);
      p.positions.push_back(party.position);
      p.groups.push_back(party.independents ? party.short_name : "");
      if (bloc != nullptr) {
        auto [it, inserted] = bloc_union.try_emplace(bloc->id, static_cast<int>(p.unions.size()));
        if (inserted) p.unions.emplace_back();
        p.unions[static_cast<std::size_t>(it->second)].push_back(player);
      } else {
        p.unions.push_back({player});
      }
    }
  }
  return WeightedVote{.players = std::move(p)};
}

WeightedVote VoteOfChamber(const State& state, const Rule& rule, const Motion& motion,
                           std::optional<Date> date) {
  WeightedVote vote = VoteOfChamber(state);
  const FullTurnoutQuota q = QuotaWithFullTurnout(state.chamber, rule, motion);
  if (q.votes)
    vote.quota = StatedQuota{.votes = *q.votes, .source = QuotaSource(state.chamber, rule, q)};
  vote.motion = MotionOfTally(CountVotes(state, rule, motion, {.date = date}), state.chamber, rule);
  return vote;
}

}  // namespace whipcount
