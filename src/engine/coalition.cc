#include "whipcount/coalition.h"

#include <gmpxx.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

#include "whipcount/power.h"

namespace whipcount {
namespace {

// The exact count runs a dynamic programme over seat totals below the quota, in saturating
// integers of 64-bit limbs. Its work (limb additions: about a second) and memory are known
// before it allocates; past either it gives way to counting by search.
constexpr double kMaxCountingWork = 2e9;
constexpr double kMaxCountingBytes = 256.0 * (1 << 20);
// A search gives up after visiting this many coalitions (a few seconds).
constexpr std::int64_t kMaxSearchNodes = 200'000'000;
// The coalitions listed hold at most this many party places in all (100,000 coalitions of 40
// parties); a longer list is refused rather than held in memory.
constexpr std::int64_t kMaxListedPlaces = 4'000'000;

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
  // The left–right positions of the parties with seats, ascending, and how many have none.
  std::vector<double> seated_positions;
  std::int64_t seated_without_position = 0;
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
    if (p.position && !std::isfinite(*p.position)) {
      return Status(ErrorCode::kInvalidValue,
                    "party '" + p.id + "' has a position that is not a number",
                    Location{.path = Indexed("parties", i) + ".position"});
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
    if (parties[i].seats == 0) continue;
    problem.order.push_back(static_cast<int>(i));
    if (parties[i].position) {
      problem.seated_positions.push_back(*parties[i].position);
    } else {
      ++problem.seated_without_position;
    }
  }
  std::sort(problem.seated_positions.begin(), problem.seated_positions.end());
  std::stable_sort(problem.order.begin(), problem.order.end(), [&](int a, int b) {
    return parties[static_cast<std::size_t>(a)].seats > parties[static_cast<std::size_t>(b)].seats;
  });
  return problem;
}

// The number of minimal winning coalitions, or a lower bound where it passed what the count's
// integers hold.
struct MinimalCount {
  mpz_class count;
  bool saturated = false;  // at least `count`

  std::string ToString() const { return (saturated ? "at least " : "") + count.get_str(); }
};

// Counts of coalitions, one per seat total, each in `limbs` 64-bit words (least significant
// first) that saturate at 2^(64·limbs) − 1 instead of wrapping.
class SaturatingCounts {
 public:
  SaturatingCounts(std::int64_t size, int limbs)
      : limbs_(static_cast<std::size_t>(limbs)),
        words_(static_cast<std::size_t>(size) * limbs_, 0) {}

  std::uint64_t* At(std::int64_t s) { return words_.data() + static_cast<std::size_t>(s) * limbs_; }
  // into += from.
  void Add(std::uint64_t* into, const std::uint64_t* from) const {
    bool carry = false;
    for (std::size_t l = 0; l < limbs_; ++l) {
      std::uint64_t sum = 0;
      const bool over = __builtin_add_overflow(into[l], from[l], &sum);
      const bool over_carry = __builtin_add_overflow(sum, carry ? 1u : 0u, &sum);
      into[l] = sum;
      carry = over || over_carry;
    }
    if (carry) std::fill(into, into + limbs_, std::numeric_limits<std::uint64_t>::max());
  }
  void Copy(std::uint64_t* into, const std::uint64_t* from) const {
    std::copy(from, from + limbs_, into);
  }
  void Clear(std::uint64_t* into) const { std::fill(into, into + limbs_, 0); }
  MinimalCount Value(const std::uint64_t* x) const {
    MinimalCount out;
    mpz_import(out.count.get_mpz_t(), limbs_, -1, sizeof(std::uint64_t), 0, 0, x);
    out.saturated = std::all_of(x, x + limbs_, [](std::uint64_t w) {
      return w == std::numeric_limits<std::uint64_t>::max();
    });
    return out;
  }

 private:
  std::size_t limbs_;
  std::vector<std::uint64_t> words_;
};

// The limbs an exact count needs: n parties with seats form at most 2^n coalitions.
int ExactLimbs(const Problem& p) { return static_cast<int>(p.order.size() / 64 + 1); }

// The dynamic programme's limb additions and bytes with `limbs` words per count.
double CountingWork(const Problem& p, int limbs) {
  return static_cast<double>(p.quota) * (static_cast<double>(p.order.size()) + 1) * limbs;
}
double CountingBytes(const Problem& p, int limbs) {
  return static_cast<double>(p.quota) * limbs * static_cast<double>(sizeof(std::uint64_t));
}
bool CountingFits(const Problem& p, int limbs) {
  return CountingWork(p, limbs) <= kMaxCountingWork && CountingBytes(p, limbs) <= kMaxCountingBytes;
}

// The number of minimal winning coalitions containing the required parties, ignoring
// incompatibilities, counted in `limbs` words (CountingFits must hold). With parties by seats
// descending, a winning coalition is minimal iff it loses without its last (smallest) member j:
// count the sets T of parties before j with seats in [q - w_j, q).
MinimalCount CountMinimal(const Problem& p, int limbs) {
  const std::int64_t q = p.quota;
  const auto& parties = *p.parties;
  for (std::size_t i = 0; i < parties.size(); ++i) {
    // A party without seats is never necessary.
    if (p.required[i] && parties[i].seats == 0) return MinimalCount{};
  }
  std::size_t last_required = 0;
  for (std::size_t k = 0; k < p.order.size(); ++k) {
    if (p.required[static_cast<std::size_t>(p.order[k])]) last_required = k;
  }
  SaturatingCounts a(q + 1, limbs);  // a.At(q) holds the total
  std::uint64_t* total = a.At(q);
  a.At(0)[0] = 1;
  for (std::size_t k = 0; k < p.order.size(); ++k) {
    const std::size_t j = static_cast<std::size_t>(p.order[k]);
    const std::int64_t w = parties[j].seats;
    if (k >= last_required || p.required_count == 0) {
      for (std::int64_t s = std::max<std::int64_t>(0, q - w); s < q; ++s) a.Add(total, a.At(s));
    }
    if (p.required[j]) {  // forced in: shift up
      for (std::int64_t s = q - 1; s >= 0; --s) {
        if (s >= w) {
          a.Copy(a.At(s), a.At(s - w));
        } else {
          a.Clear(a.At(s));
        }
      }
    } else {
      for (std::int64_t s = q - 1; s >= w; --s) a.Add(a.At(s), a.At(s - w));
    }
  }
  return a.Value(total);
}

// The count in words for a message: exact when the programme can afford it, else the bound.
std::string CountText(const Problem& p, const MinimalCount& bound) {
  if (!bound.saturated) return bound.count.get_str();
  const int limbs = ExactLimbs(p);
  return CountingFits(p, limbs) ? CountMinimal(p, limbs).ToString() : bound.ToString();
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
  const auto [lowest, highest] = std::minmax_element(positions.begin(), positions.end());
  const double low = *lowest;
  const double high = *highest;
  c.range = high - low;
  // Connected: every other party with seats has a known position outside (low, high). The
  // members all have one, so it is that no party lacks one and that those strictly inside are
  // the members there (members without seats are not among the seated positions).
  const auto inside = [low, high](double x) { return x > low && x < high; };
  std::int64_t members_inside = 0;
  for (int m : members) {
    const CoalitionParty& party = parties[static_cast<std::size_t>(m)];
    if (party.seats > 0 && inside(*party.position)) ++members_inside;
  }
  const auto first = std::upper_bound(p.seated_positions.begin(), p.seated_positions.end(), low);
  const auto last = std::lower_bound(first, p.seated_positions.end(), high);
  c.connected = p.seated_without_position == 0 && last - first == members_inside;
  return c;
}

// Depth-first search over parties by seats descending; a losing coalition is extended, a
// winning one is recorded (it is minimal: it lost before its smallest member joined) and never
// extended. It keeps its own stack, as a game may have millions of players, and stops at the
// first limit it meets.
class Search {
 public:
  struct Limits {
    bool record = false;                                           // keep the coalitions found
    std::int64_t most = std::numeric_limits<std::int64_t>::max();  // stop past this many
    std::int64_t steps = kMaxSearchNodes;                          // coalitions visited
  };
  enum class End { kComplete, kTooMany, kOutOfSteps, kOutOfMemory };

  Search(const Problem& p, Limits limits) : p_(p), limits_(limits), blocked_(p.parties->size(), 0) {
    const auto& parties = *p.parties;
    const std::size_t n = p.order.size();
    suffix_.assign(n + 1, 0);
    required_after_.assign(n + 1, 0);
    required_before_last_.assign(n + 1, 0);
    std::optional<std::size_t> last_required;
    for (std::size_t k = n; k-- > 0;) {
      const std::size_t j = static_cast<std::size_t>(p.order[k]);
      suffix_[k] = suffix_[k + 1] + parties[j].seats;
      required_after_[k] = required_after_[k + 1] + (p.required[j] ? 1 : 0);
      required_before_last_[k] = required_before_last_[k + 1];
      if (p.required[j] && !last_required) {
        last_required = k;
      } else if (p.required[j]) {
        required_before_last_[k] += parties[j].seats;
      }
    }
  }

  End Run() {
    for (std::size_t i = 0; i < p_.parties->size(); ++i) {
      // No coalition qualifies.
      if (p_.required[i] && (*p_.parties)[i].seats == 0) return End::kComplete;
    }
    stack_.push_back({.k = 0, .seats = 0});
    while (!stack_.empty()) {
      if (std::optional<End> end = Step()) return *end;
    }
    return End::kComplete;
  }
  std::int64_t found() const { return found_; }
  std::size_t longest() const { return longest_; }
  std::vector<std::vector<int>>& coalitions() { return coalitions_; }

 private:
  // Visiting the parties from k on with `seats` chosen: first with party k, then without.
  struct Frame {
    std::size_t k = 0;
    std::int64_t seats = 0;
    enum { kEnter, kAfterWith, kWithout, kDone } stage = kEnter;
  };

  // A coalition that wins before its last required party joins never counts.
  bool Hopeless(const Frame& f) const {
    return f.k == p_.order.size() || f.seats + suffix_[f.k] < p_.quota ||
           (required_after_[f.k] > 0 && f.seats + required_before_last_[f.k] >= p_.quota);
  }

  std::optional<End> Step() {
    const std::size_t top = stack_.size() - 1;
    const Frame f = stack_[top];
    const std::size_t j = f.k < p_.order.size() ? static_cast<std::size_t>(p_.order[f.k]) : 0;
    switch (f.stage) {
      case Frame::kEnter: {
        if (Hopeless(f)) {
          stack_.pop_back();
          return std::nullopt;
        }
        if (++nodes_ > limits_.steps) return End::kOutOfSteps;
        stack_[top].stage = Frame::kWithout;
        if (blocked_[j] != 0) return std::nullopt;
        const std::int64_t w = (*p_.parties)[j].seats;
        chosen_.push_back(static_cast<int>(j));
        if (f.seats + w >= p_.quota) {
          std::optional<End> end = Record(f.k);
          chosen_.pop_back();
          return end;
        }
        for (int other : p_.incompatible[j]) ++blocked_[static_cast<std::size_t>(other)];
        stack_[top].stage = Frame::kAfterWith;
        stack_.push_back({.k = f.k + 1, .seats = f.seats + w});
        return std::nullopt;
      }
      case Frame::kAfterWith:
        for (int other : p_.incompatible[j]) --blocked_[static_cast<std::size_t>(other)];
        chosen_.pop_back();
        stack_[top].stage = Frame::kWithout;
        return std::nullopt;
      case Frame::kWithout:
        stack_[top].stage = Frame::kDone;
        if (!p_.required[j]) stack_.push_back({.k = f.k + 1, .seats = f.seats});
        return std::nullopt;
      case Frame::kDone:
        stack_.pop_back();
        return std::nullopt;
    }
    return std::nullopt;
  }

  // The chosen parties win and are minimal; they count if they hold every required party.
  std::optional<End> Record(std::size_t k) {
    if (required_after_[k + 1] != 0) return std::nullopt;
    ++found_;
    longest_ = std::max(longest_, chosen_.size());
    if (found_ > limits_.most) return End::kTooMany;
    if (!limits_.record) return std::nullopt;
    places_ += static_cast<std::int64_t>(chosen_.size());
    if (places_ > kMaxListedPlaces) return End::kOutOfMemory;
    coalitions_.push_back(chosen_);
    return std::nullopt;
  }

  const Problem& p_;
  Limits limits_;
  std::int64_t nodes_ = 0;
  std::int64_t found_ = 0;
  std::int64_t places_ = 0;
  std::size_t longest_ = 0;
  std::vector<int> blocked_;
  std::vector<std::int64_t> suffix_;
  std::vector<int> required_after_;
  // Seats of the required parties from k on, but the last of them in seat order.
  std::vector<std::int64_t> required_before_last_;
  std::vector<Frame> stack_;
  std::vector<int> chosen_;
  std::vector<std::vector<int>> coalitions_;
};

const char kWayRound[] =
    ": require a formateur, rule out incompatible pairs, or raise the limit; the power indices "
    "summarise them without listing";

Status TooMany(const std::string& count, std::int64_t limit) {
  return Status(ErrorCode::kTooLarge, count + " minimal winning coalitions, more than the " +
                                          std::to_string(limit) + " allowed" + kWayRound);
}

Status TooLongToList(std::int64_t found, std::size_t longest) {
  return Status(ErrorCode::kTooLarge,
                "listing the minimal winning coalitions would hold more than " +
                    std::to_string(kMaxListedPlaces) + " party places (" + std::to_string(found) +
                    " coalitions of up to " + std::to_string(longest) +
                    " parties so far): require a formateur or rule out incompatible pairs; the "
                    "power indices summarise them without listing");
}

// How many there are, for a refusal: searched for without keeping them (for a while: this is
// only the message), or the count so far.
std::string HowMany(const Problem& p, const std::optional<MinimalCount>& bound,
                    std::int64_t limit) {
  constexpr std::int64_t kStepsPerCoalition = 64;
  const double steps = static_cast<double>(std::max<std::int64_t>(limit, 1)) * kStepsPerCoalition *
                       (static_cast<double>(p.order.size()) + 1);
  Search count(
      p,
      {.steps = static_cast<std::int64_t>(std::min(steps, static_cast<double>(kMaxSearchNodes)))});
  const Search::End end = count.Run();
  if (end == Search::End::kComplete) return std::to_string(count.found());
  return "at least " + std::to_string(count.found()) +
         (bound ? " (at most " + CountText(p, *bound) + ")" : "");
}

Result<std::vector<Coalition>> MinimalWinning(const Problem& p, const CoalitionOptions& options) {
  const std::int64_t limit = options.max_coalitions;
  // Counted first in one word, which saturates far above any limit; exactly only for a message.
  std::optional<MinimalCount> bound;
  if (CountingFits(p, 1)) bound = CountMinimal(p, 1);
  const bool exact = options.incompatible.empty();
  if (bound && exact && bound->count > limit) return TooMany(CountText(p, *bound), limit);
  Search search(p, {.record = true, .most = limit});
  switch (search.Run()) {
    case Search::End::kComplete:
      break;
    case Search::End::kTooMany:
      return TooMany(HowMany(p, bound, limit), limit);
    case Search::End::kOutOfSteps:
      return Status(ErrorCode::kTooLarge,
                    "the search for minimal winning coalitions gave up after " +
                        std::to_string(kMaxSearchNodes) + " steps with " +
                        std::to_string(search.found()) + " found" +
                        (bound ? " (at most " + CountText(p, *bound) + " in all)" : "") +
                        kWayRound);
    case Search::End::kOutOfMemory:
      return TooLongToList(search.found(), search.longest());
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
  // Required parties up to each place on the scale, and the incompatible pairs by place.
  std::vector<int> required_before(scale.size() + 1, 0);
  std::vector<std::size_t> place(parties.size(), 0);
  for (std::size_t k = 0; k < scale.size(); ++k) {
    const std::size_t m = static_cast<std::size_t>(scale[k]);
    place[m] = k;
    required_before[k + 1] = required_before[k] + (required_with_seats[m] ? 1 : 0);
  }
  std::vector<std::pair<std::size_t, std::size_t>> apart;
  for (std::size_t m = 0; m < parties.size(); ++m) {
    for (int other : p.incompatible[m]) {
      const std::size_t o = static_cast<std::size_t>(other);
      if (parties[m].seats > 0 && parties[o].seats > 0 && place[m] < place[o]) {
        apart.emplace_back(place[m], place[o]);
      }
    }
  }
  // The interval [a, b] qualifies: every required party in, no incompatible pair inside.
  auto qualifies = [&](std::size_t a, std::size_t b) {
    if (required_before[b + 1] - required_before[a] != p.required_count) return false;
    return std::none_of(apart.begin(), apart.end(),
                        [&](const auto& pair) { return pair.first >= a && pair.second <= b; });
  };
  std::vector<Coalition> out;
  std::int64_t places = 0;
  std::size_t longest = 0;
  // For each left end a, the shortest winning interval [a, b]; b only moves right as a does.
  std::size_t b = 0;
  for (std::size_t a = 0; a < scale.size(); ++a) {
    b = std::max(b, a);
    while (b < scale.size() && seats(a, b) < p.quota) ++b;
    if (b == scale.size()) break;
    // Both ends necessary, else a shorter interval is the minimal one.
    if (b > a && seats(a + 1, b) >= p.quota) continue;
    if (!qualifies(a, b)) continue;
    const std::size_t length = b - a + 1;
    places += static_cast<std::int64_t>(length);
    longest = std::max(longest, length);
    if (places > kMaxListedPlaces) {
      return TooLongToList(static_cast<std::int64_t>(out.size()) + 1, longest);
    }
    out.push_back(
        MakeCoalition(p, std::vector<int>(scale.begin() + static_cast<std::ptrdiff_t>(a),
                                          scale.begin() + static_cast<std::ptrdiff_t>(b + 1))));
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
  WHIPCOUNT_ASSIGN_OR_RETURN(const Problem problem,
                             Prepare(parties, quota, {.required = required}));
  const int limbs = ExactLimbs(problem);
  if (CountingFits(problem, limbs)) return CountMinimal(problem, limbs).count.get_str();
  Search search(problem, {});
  if (search.Run() == Search::End::kComplete) return std::to_string(search.found());
  return Status(
      ErrorCode::kTooLarge,
      "counting the minimal winning coalitions of " + std::to_string(problem.order.size()) +
          " parties with quota " + std::to_string(quota) + " exactly would take about " +
          std::to_string(static_cast<std::int64_t>(CountingBytes(problem, limbs) / 1e6)) +
          " MB by dynamic programming, and a search found at least " +
          std::to_string(search.found()) + " in " + std::to_string(kMaxSearchNodes) + " steps");
}

Result<MotionBalance> BalanceOfMotion(const std::vector<SidedParty>& parties,
                                      const CarriesTest& carries, const CoalitionOptions& options,
                                      std::optional<std::int64_t> tallied) {
  std::vector<CoalitionParty> all;
  all.reserve(parties.size());
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
  while (!tallied && !carries(hi, against, abstain) && hi < (std::int64_t{1} << 30)) hi *= 2;
  if (tallied) {
    balance.needed = tallied;
  } else if (carries(hi, against, abstain)) {
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
  out.required = tally.required;
  return out;
}

}  // namespace whipcount
