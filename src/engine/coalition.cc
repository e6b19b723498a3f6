#include "whipcount/coalition.h"

#include <gmpxx.h>

#include <algorithm>
#include <limits>
#include <map>
#include <numeric>

#include "whipcount/power.h"

namespace whipcount {
namespace {

// The exact count runs a dynamic programme over seat totals below the quota; beyond this many
// steps it gives way to counting by search.
constexpr double kMaxCountingSteps = 5e7;
// A search that has visited this many coalitions per coalition allowed in the answer gives up.
constexpr std::int64_t kSearchNodesPerCoalition = 16;

std::string Indexed(std::string_view base, std::size_t i) {
  return std::string(base) + "[" + std::to_string(i) + "]";
}

// Parties with seats, the quota and the constraints, checked and resolved to indices.
struct Problem {
  const std::vector<CoalitionParty>* parties = nullptr;
  std::int64_t quota = 0;
  std::int64_t total = 0;
  // Parties with seats, by seats descending (ties in input order). Parties without seats are
  // never necessary, so never in a minimal winning coalition.
  std::vector<int> order;
  std::vector<std::vector<int>> incompatible;  // per party
  std::vector<bool> required;
  int required_count = 0;
};

Status CheckParties(const std::vector<CoalitionParty>& parties, std::int64_t* total) {
  std::map<std::string_view, std::size_t> seen;
  *total = 0;
  for (std::size_t i = 0; i < parties.size(); ++i) {
    const CoalitionParty& p = parties[i];
    if (p.id.empty()) {
      return Status(ErrorCode::kInvalidValue, "party without an id",
                    Location{.path = Indexed("parties", i) + ".id"});
    }
    if (auto [it, inserted] = seen.emplace(p.id, i); !inserted) {
      return Status(
          ErrorCode::kDuplicateId,
          "party id '" + p.id + "' also used by parties[" + std::to_string(it->second) + "]",
          Location{.path = Indexed("parties", i) + ".id"});
    }
    if (p.seats < 0) {
      return Status(ErrorCode::kNegativeSeats, "party '" + p.id + "' has negative seats",
                    Location{.path = Indexed("parties", i) + ".seats"});
    }
    if (p.seats > kMaxTotalWeight - *total) {
      return Status(ErrorCode::kInvalidGame, "seats add up to more than 2^62",
                    Location{.path = Indexed("parties", i) + ".seats"});
    }
    *total += p.seats;
  }
  return Status::Ok();
}

Result<Problem> Prepare(const std::vector<CoalitionParty>& parties, std::int64_t quota,
                        const CoalitionOptions& options) {
  Problem problem;
  problem.parties = &parties;
  problem.quota = quota;
  WHIPCOUNT_RETURN_IF_ERROR(CheckParties(parties, &problem.total));
  if (quota < 1 || quota > problem.total) {
    return Status(ErrorCode::kInvalidGame,
                  "quota " + std::to_string(quota) +
                      (quota < 1 ? " is below 1"
                                 : " is above the " + std::to_string(problem.total) +
                                       " seats held: no coalition can win"),
                  Location{.path = "quota"});
  }
  const std::size_t n = parties.size();
  std::map<std::string_view, int> index;
  for (std::size_t i = 0; i < n; ++i) index.emplace(parties[i].id, static_cast<int>(i));
  problem.incompatible.assign(n, {});
  problem.required.assign(n, false);
  for (std::size_t k = 0; k < options.required.size(); ++k) {
    auto it = index.find(options.required[k]);
    if (it == index.end()) {
      return Status(ErrorCode::kUnknownId, "no party '" + options.required[k] + "'",
                    Location{.path = Indexed("required", k)});
    }
    if (!problem.required[static_cast<std::size_t>(it->second)]) ++problem.required_count;
    problem.required[static_cast<std::size_t>(it->second)] = true;
  }
  for (std::size_t k = 0; k < options.incompatible.size(); ++k) {
    const auto& [a, b] = options.incompatible[k];
    auto ia = index.find(a);
    auto ib = index.find(b);
    if (ia == index.end() || ib == index.end()) {
      return Status(ErrorCode::kUnknownId, "no party '" + (ia == index.end() ? a : b) + "'",
                    Location{.path = Indexed("incompatible", k)});
    }
    problem.incompatible[static_cast<std::size_t>(ia->second)].push_back(ib->second);
    problem.incompatible[static_cast<std::size_t>(ib->second)].push_back(ia->second);
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (parties[i].seats > 0) problem.order.push_back(static_cast<int>(i));
  }
  std::stable_sort(problem.order.begin(), problem.order.end(), [&](int a, int b) {
    return parties[static_cast<std::size_t>(a)].seats > parties[static_cast<std::size_t>(b)].seats;
  });
  return problem;
}

// The exact number of minimal winning coalitions containing the required parties, ignoring
// incompatibilities, or nullopt when the quota is too large for the dynamic programme.
// With parties by seats descending, a winning coalition is minimal iff it loses without its
// last (smallest) member j: count the sets T of parties before j with seats in [q - w_j, q).
std::optional<mpz_class> CountMinimal(const Problem& p) {
  const std::int64_t q = p.quota;
  if (static_cast<double>(q) * static_cast<double>(p.order.size() + 1) > kMaxCountingSteps) {
    return std::nullopt;
  }
  const auto& parties = *p.parties;
  std::size_t last_required = 0;
  bool required_without_seats = false;
  for (std::size_t i = 0; i < parties.size(); ++i) {
    if (p.required[i] && parties[i].seats == 0) required_without_seats = true;
  }
  if (required_without_seats) return mpz_class(0);  // a party without seats is never necessary
  for (std::size_t k = 0; k < p.order.size(); ++k) {
    if (p.required[static_cast<std::size_t>(p.order[k])]) last_required = k;
  }
  std::vector<mpz_class> a(static_cast<std::size_t>(q), 0);
  a[0] = 1;
  mpz_class total = 0;
  for (std::size_t k = 0; k < p.order.size(); ++k) {
    const std::size_t j = static_cast<std::size_t>(p.order[k]);
    const std::int64_t w = parties[j].seats;
    if (k >= last_required || p.required_count == 0) {
      for (std::int64_t s = std::max<std::int64_t>(0, q - w); s < q; ++s) {
        total += a[static_cast<std::size_t>(s)];
      }
    }
    if (p.required[j]) {  // forced in: shift up
      for (std::int64_t s = q - 1; s >= 0; --s) {
        a[static_cast<std::size_t>(s)] = s >= w ? a[static_cast<std::size_t>(s - w)] : mpz_class(0);
      }
    } else {
      for (std::int64_t s = q - 1; s >= w; --s) {
        a[static_cast<std::size_t>(s)] += a[static_cast<std::size_t>(s - w)];
      }
    }
  }
  return total;
}

Coalition MakeCoalition(const Problem& p, std::vector<int> members) {
  const auto& parties = *p.parties;
  std::sort(members.begin(), members.end());
  Coalition c;
  std::vector<double> positions;
  for (int m : members) {
    const CoalitionParty& party = parties[static_cast<std::size_t>(m)];
    c.parties.push_back(party.id);
    c.seats += party.seats;
    if (party.position) positions.push_back(*party.position);
  }
  c.surplus = c.seats - p.quota;
  if (positions.size() != members.size() || positions.empty()) return c;
  const auto [low, high] = std::minmax_element(positions.begin(), positions.end());
  c.range = *high - *low;
  // Connected: every other party with seats has a known position outside [low, high].
  c.connected = true;
  std::vector<bool> in(parties.size(), false);
  for (int m : members) in[static_cast<std::size_t>(m)] = true;
  for (std::size_t i = 0; i < parties.size(); ++i) {
    const CoalitionParty& other = parties[i];
    if (in[i] || other.seats == 0) continue;
    if (!other.position || (*other.position > *low && *other.position < *high)) {
      c.connected = false;
    }
  }
  return c;
}

// Depth-first search over parties by seats descending; a losing coalition is extended, a
// winning one is recorded (it is minimal: it lost before its smallest member joined) and never
// extended. Stops after `node_budget` visits.
class Search {
 public:
  Search(const Problem& p, bool record, std::int64_t node_budget)
      : p_(p), record_(record), budget_(node_budget), blocked_(p.parties->size(), 0) {
    const auto& parties = *p.parties;
    suffix_.assign(p.order.size() + 1, 0);
    required_after_.assign(p.order.size() + 1, 0);
    for (std::size_t k = p.order.size(); k-- > 0;) {
      const std::size_t j = static_cast<std::size_t>(p.order[k]);
      suffix_[k] = suffix_[k + 1] + parties[j].seats;
      required_after_[k] = required_after_[k + 1] + (p.required[j] ? 1 : 0);
    }
  }

  // False when the budget ran out.
  bool Run() {
    for (std::size_t i = 0; i < p_.parties->size(); ++i) {
      if (p_.required[i] && (*p_.parties)[i].seats == 0) return true;  // no coalition qualifies
    }
    Visit(0, 0);
    return !exhausted_;
  }
  std::int64_t found() const { return found_; }
  std::vector<std::vector<int>>& coalitions() { return coalitions_; }

 private:
  void Visit(std::size_t k, std::int64_t seats) {
    if (exhausted_ || k == p_.order.size() || seats + suffix_[k] < p_.quota) return;
    if (++nodes_ > budget_) {
      exhausted_ = true;
      return;
    }
    const std::size_t j = static_cast<std::size_t>(p_.order[k]);
    const std::int64_t w = (*p_.parties)[j].seats;
    if (blocked_[j] == 0) {
      chosen_.push_back(static_cast<int>(j));
      if (seats + w >= p_.quota) {
        // Minimal winning; it must already hold every required party.
        if (required_after_[k + 1] == 0) {
          ++found_;
          if (record_) coalitions_.push_back(chosen_);
        }
      } else {
        for (int other : p_.incompatible[j]) ++blocked_[static_cast<std::size_t>(other)];
        Visit(k + 1, seats + w);
        for (int other : p_.incompatible[j]) --blocked_[static_cast<std::size_t>(other)];
      }
      chosen_.pop_back();
    }
    if (!p_.required[j]) Visit(k + 1, seats);
  }

  const Problem& p_;
  bool record_;
  std::int64_t budget_;
  std::int64_t nodes_ = 0;
  bool exhausted_ = false;
  std::int64_t found_ = 0;
  std::vector<int> blocked_;
  std::vector<std::int64_t> suffix_;
  std::vector<int> required_after_;
  std::vector<int> chosen_;
  std::vector<std::vector<int>> coalitions_;
};

Status TooMany(const std::string& count, std::int64_t limit) {
  return Status(ErrorCode::kTooLarge,
                count + " minimal winning coalitions, more than the " + std::to_string(limit) +
                    " allowed: require a formateur, rule out incompatible pairs, or raise the "
                    "limit; the power indices summarise them without listing");
}

Result<std::vector<Coalition>> MinimalWinning(const Problem& p, const CoalitionOptions& options) {
  const std::int64_t limit = options.max_coalitions;
  const std::optional<mpz_class> bound = CountMinimal(p);
  const bool exact = options.incompatible.empty();
  if (bound && exact && *bound > limit) return TooMany(bound->get_str(), limit);
  std::int64_t budget = std::max<std::int64_t>(limit, 1) * kSearchNodesPerCoalition *
                        static_cast<std::int64_t>(p.order.size() + 1);
  if (bound && *bound <= limit) budget = std::numeric_limits<std::int64_t>::max();
  Search search(p, /*record=*/true, budget);
  const bool complete = search.Run();
  if (!complete || search.found() > limit) {
    // Count without keeping them, to report how many there are.
    Search count(p, /*record=*/false, budget * 4);
    const std::string how_many = count.Run()
                                     ? std::to_string(count.found())
                                     : "at least " + std::to_string(count.found()) +
                                           (bound ? " (at most " + bound->get_str() + ")" : "");
    return TooMany(how_many, limit);
  }
  std::vector<Coalition> out;
  for (auto& members : search.coalitions()) out.push_back(MakeCoalition(p, std::move(members)));
  return out;
}

// kInvalidValue naming the first party with seats that has no left–right position, for the
// theories that place every party on the scale.
Status RequirePositions(const Problem& p, CoalitionTheory theory) {
  const auto& parties = *p.parties;
  for (int i : p.order) {  // parties with seats
    if (parties[static_cast<std::size_t>(i)].position) continue;
    return Status(ErrorCode::kInvalidValue,
                  "party '" + parties[static_cast<std::size_t>(i)].id +
                      "' has no left–right position; " + std::string(EnumName(theory)) +
                      " coalitions need one for every party with seats",
                  Location{.path = Indexed("parties", static_cast<std::size_t>(i)) + ".position"});
  }
  return Status::Ok();
}

Result<std::vector<Coalition>> MinimalConnected(const Problem& p, const CoalitionOptions& options) {
  const auto& parties = *p.parties;
  std::vector<int> scale = p.order;  // parties with seats, each with a position
  std::stable_sort(scale.begin(), scale.end(), [&](int a, int b) {
    if (*parties[static_cast<std::size_t>(a)].position !=
        *parties[static_cast<std::size_t>(b)].position) {
      return *parties[static_cast<std::size_t>(a)].position <
             *parties[static_cast<std::size_t>(b)].position;
    }
    return a < b;
  });
  std::vector<bool> required_with_seats(parties.size(), false);
  for (std::size_t i = 0; i < parties.size(); ++i) {
    if (p.required[i] && parties[i].seats == 0) return std::vector<Coalition>{};
    required_with_seats[i] = p.required[i];
  }
  std::vector<std::int64_t> prefix(scale.size() + 1, 0);
  for (std::size_t k = 0; k < scale.size(); ++k) {
    prefix[k + 1] = prefix[k] + parties[static_cast<std::size_t>(scale[k])].seats;
  }
  auto seats = [&](std::size_t a, std::size_t b) { return prefix[b + 1] - prefix[a]; };
  std::vector<Coalition> out;
  for (std::size_t a = 0; a < scale.size(); ++a) {
    for (std::size_t b = a; b < scale.size(); ++b) {
      if (seats(a, b) < p.quota) continue;
      // Winning; both ends necessary, else a shorter interval is the minimal one.
      if (b > a && (seats(a + 1, b) >= p.quota || seats(a, b - 1) >= p.quota)) break;
      std::vector<int> members(scale.begin() + static_cast<std::ptrdiff_t>(a),
                               scale.begin() + static_cast<std::ptrdiff_t>(b + 1));
      bool ok = true;
      int required_in = 0;
      for (int m : members) {
        if (required_with_seats[static_cast<std::size_t>(m)]) ++required_in;
        for (int other : p.incompatible[static_cast<std::size_t>(m)]) {
          if (std::find(members.begin(), members.end(), other) != members.end()) ok = false;
        }
      }
      if (ok && required_in == p.required_count) out.push_back(MakeCoalition(p, members));
      break;  // longer intervals from a are not minimal
    }
  }
  if (static_cast<std::int64_t>(out.size()) > options.max_coalitions) {
    return TooMany(std::to_string(out.size()), options.max_coalitions);
  }
  return out;
}

void Rank(std::vector<Coalition>& coalitions, CoalitionTheory theory) {
  auto by_seats = [](const Coalition& a, const Coalition& b) {
    if (a.seats != b.seats) return a.seats < b.seats;
    if (a.parties.size() != b.parties.size()) return a.parties.size() < b.parties.size();
    return false;
  };
  std::stable_sort(coalitions.begin(), coalitions.end(),
                   [&](const Coalition& a, const Coalition& b) {
                     switch (theory) {
                       case CoalitionTheory::kFewestParties:
                         if (a.parties.size() != b.parties.size()) {
                           return a.parties.size() < b.parties.size();
                         }
                         return by_seats(a, b);
                       case CoalitionTheory::kMinimalRange:
                         if (a.range.has_value() != b.range.has_value()) return a.range.has_value();
                         if (a.range && *a.range != *b.range) return *a.range < *b.range;
                         return by_seats(a, b);
                       case CoalitionTheory::kMinimumSize:
                       case CoalitionTheory::kMinimalConnected:
                         return by_seats(a, b);
                     }
                     return false;
                   });
}

}  // namespace

Result<CoalitionReport> ListCoalitions(const std::vector<CoalitionParty>& parties,
                                       std::int64_t quota, const CoalitionOptions& options) {
  Result<Problem> problem = Prepare(parties, quota, options);
  if (!problem.ok()) return problem.status();
  if (options.theory == CoalitionTheory::kMinimalConnected ||
      options.theory == CoalitionTheory::kMinimalRange) {
    WHIPCOUNT_RETURN_IF_ERROR(RequirePositions(*problem, options.theory));
  }
  Result<std::vector<Coalition>> coalitions = options.theory == CoalitionTheory::kMinimalConnected
                                                  ? MinimalConnected(*problem, options)
                                                  : MinimalWinning(*problem, options);
  if (!coalitions.ok()) return coalitions.status();
  CoalitionReport report{
      .theory = options.theory, .quota = quota, .coalitions = std::move(*coalitions)};
  Rank(report.coalitions, options.theory);
  return report;
}

Result<CoalitionReport> MinimalWinningCoalitions(const std::vector<CoalitionParty>& parties,
                                                 std::int64_t quota,
                                                 const CoalitionOptions& options) {
  CoalitionOptions minimum = options;
  minimum.theory = CoalitionTheory::kMinimumSize;
  return ListCoalitions(parties, quota, minimum);
}

Result<std::string> CountMinimalWinningCoalitions(const std::vector<CoalitionParty>& parties,
                                                  std::int64_t quota,
                                                  const std::vector<std::string>& required) {
  Result<Problem> problem = Prepare(parties, quota, {.required = required});
  if (!problem.ok()) return problem.status();
  if (std::optional<mpz_class> count = CountMinimal(*problem)) return count->get_str();
  Search search(*problem, /*record=*/false, std::numeric_limits<std::int64_t>::max());
  (void)search.Run();
  return std::to_string(search.found());
}

Result<MotionBalance> BalanceOfMotion(const std::vector<SidedParty>& parties,
                                      const CarriesTest& carries, const CoalitionOptions& options) {
  std::vector<CoalitionParty> all;
  for (const SidedParty& p : parties) all.push_back({.id = p.id, .seats = p.seats});
  std::int64_t total = 0;
  WHIPCOUNT_RETURN_IF_ERROR(CheckParties(all, &total));
  MotionBalance balance;
  std::int64_t against = 0;
  std::int64_t abstain = 0;
  std::vector<CoalitionParty> undecided;
  std::int64_t undecided_seats = 0;
  for (const SidedParty& p : parties) {
    if (p.side == Side::kFor) balance.for_seats += p.seats;
    if (p.side == Side::kAgainst) against += p.seats;
    if (p.side == Side::kAbstain) abstain += p.seats;
    if (p.side == Side::kUndecided && p.seats > 0) {
      undecided.push_back({.id = p.id, .seats = p.seats});
      undecided_seats += p.seats;
    }
  }
  const std::int64_t for_seats = balance.for_seats;
  balance.carried = carries(for_seats, against, abstain);
  // The fewest "for" votes that carry with the other sides fixed: carries() only improves as
  // "for" grows, so a search that doubles, then bisects, finds it. It may be more than the
  // seats that could still join (the tally reports such a bar too); past 2^30 (a hundred times
  // the largest count whipcount accepts) none carries.
  std::int64_t hi = std::max<std::int64_t>(1, total - against - abstain);
  while (!carries(hi, against, abstain) && hi < (std::int64_t{1} << 30)) hi *= 2;
  if (carries(hi, against, abstain)) {
    std::int64_t lo = 0;
    while (lo < hi) {
      const std::int64_t mid = lo + (hi - lo) / 2;
      if (carries(mid, against, abstain)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    balance.needed = lo;
  }
  for (const SidedParty& p : parties) {
    if (p.seats == 0) continue;
    bool flips = false;
    if (balance.carried) {
      flips = p.side == Side::kFor && !carries(for_seats - p.seats, against + p.seats, abstain);
    } else if (p.side != Side::kFor) {
      flips = carries(for_seats + p.seats, against - (p.side == Side::kAgainst ? p.seats : 0),
                      abstain - (p.side == Side::kAbstain ? p.seats : 0));
    }
    if (flips) balance.pivotal.push_back(p.id);
  }
  if (!balance.carried && balance.needed && *balance.needed - for_seats <= undecided_seats) {
    const std::int64_t needed = *balance.needed;
    CoalitionOptions sub = options;
    sub.theory = CoalitionTheory::kMinimumSize;
    Result<CoalitionReport> report = ListCoalitions(undecided, needed - for_seats, sub);
    if (!report.ok()) return report.status();
    for (Coalition& c : report->coalitions) {
      c.seats += for_seats;
      c.surplus = c.seats - needed;
      c.range.reset();
      c.connected = false;
      balance.with_undecided.push_back(std::move(c));
    }
  }
  return balance;
}

Result<MotionBalance> BalanceOfMotion(const std::vector<SidedParty>& parties, std::int64_t quota,
                                      const CoalitionOptions& options) {
  if (quota < 1) {
    return Status(ErrorCode::kInvalidGame, "quota " + std::to_string(quota) + " is below 1",
                  Location{.path = "quota"});
  }
  return BalanceOfMotion(
      parties,
      [quota](std::int64_t for_seats, std::int64_t, std::int64_t) { return for_seats >= quota; },
      options);
}

namespace {

Side SideOf(Stance stance) {
  switch (stance) {
    case Stance::kFor:
      return Side::kFor;
    case Stance::kAgainst:
      return Side::kAgainst;
    case Stance::kAbstain:
      return Side::kAbstain;
    case Stance::kAbsent:
      return Side::kAbsent;
    case Stance::kPresent:  // kept apart by MotionOfTally; never asked here
    case Stance::kUndecided:
      return Side::kUndecided;
  }
  return Side::kUndecided;
}

}  // namespace

TalliedMotion MotionOfTally(const Tally& tally, const Chamber& chamber, const Rule& rule) {
  TalliedMotion out;
  Counts fixed;  // what no group moves
  fixed.chair = tally.total.chair;
  for (const PartyRow& row : tally.parties) {
    const Party* party = chamber.FindParty(row.party);
    const std::string name = party && !party->short_name.empty() ? party->short_name : row.party;
    fixed.discounted += row.counts.discounted;
    fixed.present += row.counts.present;
    // The group on the party's line first, then the others in stance order.
    std::vector<Stance> order = {row.line};
    for (Stance s : kAllStances) {
      if (s != row.line) order.push_back(s);
    }
    for (Stance s : order) {
      const int n = row.counts.Of(s);
      if (n == 0 || s == Stance::kPresent) continue;
      const std::string id = s == row.line ? name : name + " (" + std::string(EnumName(s)) + ")";
      out.sides.push_back({.id = id, .seats = n, .side = SideOf(s)});
    }
  }
  const int filled = tally.filled_seats;
  out.carries = [fixed, filled, rule, context = tally.context](
                    std::int64_t for_seats, std::int64_t against, std::int64_t abstain) {
    Counts c = fixed;
    c.for_votes = static_cast<int>(for_seats);
    c.against = static_cast<int>(against);
    c.abstain = static_cast<int>(abstain);
    c.absent = std::max(0, filled - c.Total());
    return Decide(c, rule, context).passes;
  };
  return out;
}

}  // namespace whipcount
