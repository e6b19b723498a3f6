// Voting power: exact power indices of weighted voting games.
//
// A weighted voting game [q; w1, ..., wn] lets a coalition win when its members' weights add up
// to at least the quota q. Seat shares do not measure power: in [51; 50, 49, 1] the parties with
// 49 seats and with 1 seat are equally powerful. Power indices count, in different ways, how
// often a player's vote decides the outcome.
//
// Every value here is exact. Counts run to 2^n, far past 64 bits, so the engine counts modulo
// many primes and recovers the integers with the Chinese remainder theorem; results are reduced
// fractions given as decimal strings, with a double for display. Nothing is rounded on the way.
//
// The functions are pure: they keep no state between calls and are safe to call from several
// threads at once. A progress callback, when given, runs on the calling thread.
#ifndef WHIPCOUNT_POWER_H_
#define WHIPCOUNT_POWER_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "whipcount/names.h"
#include "whipcount/result.h"

namespace whipcount {

// The largest total of a weight dimension (and so of any weight): 2^62. Every sum of weights of
// distinct players is then at most 2^62, and the engines add weights in 64 bits without checking
// for overflow. Validate enforces it; readers use it to refuse a file at the offending line.
inline constexpr std::int64_t kMaxTotalWeight = std::int64_t{1} << 62;

// One weight dimension of a game: a coalition meets it when its members' weights add up to at
// least `quota`.
struct WeightDimension {
  std::string name;                   // "seats", "population"; may be empty
  std::vector<std::int64_t> weights;  // one per player, each >= 0
  std::int64_t quota = 0;             // 1 <= quota <= sum of weights
};

// A simple game given by weights. With one dimension it is the weighted voting game
// [quota; weights]. With several, a coalition wins when, for at least one clause of `clauses`,
// it meets every dimension the clause lists (a rule in disjunctive normal form). The EU Council:
// dimensions {states >= 15, population >= 65%, states >= 24}, clauses {{0, 1}, {2}}.
struct VotingGame {
  // Player names, one per player, or empty (players are then called "1", "2", ...).
  std::vector<std::string> players;
  std::vector<WeightDimension> dimensions;
  // Indices into `dimensions`. Empty: a single clause with every dimension.
  std::vector<std::vector<int>> clauses;
  // A-priori unions (blocs of parties, parties of members) for the Owen and Banzhaf–Owen values:
  // a partition of the players, as lists of player indices. Empty: no unions.
  std::vector<std::vector<int>> unions;

  int size() const {
    return dimensions.empty() ? 0 : static_cast<int>(dimensions.front().weights.size());
  }
};

// [quota; weights], with optional player names.
VotingGame WeightedGame(std::vector<std::int64_t> weights, std::int64_t quota,
                        std::vector<std::string> players = {});

// The Council of the EU under the Lisbon rule: a qualified majority is at least 55% of the member
// states (15 of 27) representing at least 65% of the population, or any coalition that leaves
// fewer states outside than a blocking minority needs (4). Errors: kInvalidGame.
Result<VotingGame> EuCouncilGame(std::vector<std::string> states,
                                 std::vector<std::int64_t> populations);

// The smallest integer quota that is at least num/den of `total` (num/den in (0, 1]): the
// quota for "at least 65%" of 447,319,916 is QuotaAtLeast(447319916, 65, 100).
std::int64_t QuotaAtLeast(std::int64_t total, std::int64_t num, std::int64_t den);

// Whether `quota` can serve a game of total weight `total`: at least 1 (else the empty coalition
// wins) and at most the total (else no coalition does). `name` begins the message ("quota 600",
// "--quota 600"). Errors: kInvalidGame, with no location: the caller knows where it was given.
Status CheckQuota(std::int64_t quota, std::int64_t total, std::string_view name);

// Checks a game: at least one player and one dimension, weight vectors of equal length,
// weights >= 0, 1 <= quota <= total weight, totals that fit in 62 bits, clauses naming existing
// dimensions, unions forming a partition of the players, names unique and one per player.
// Errors: kInvalidGame, with a path such as "dimensions[0].weights[3]".
Status Validate(const VotingGame& game);

enum class PowerIndex {
  // Normalised Banzhaf: swings_i / sum of swings. A swing of i is a coalition S without i that
  // loses while S + i wins. raw = swings (an integer).
  kBanzhaf,
  // Absolute (Penrose–Banzhaf): swings_i / 2^(n-1), the chance that i decides a vote when every
  // other player votes yes or no at random. raw = swings.
  kBanzhafAbsolute,
  // Shapley–Shubik: the share of the n! orders of arrival in which i turns a losing coalition
  // into a winning one. Sums to 1. raw = the number of those orders (an integer).
  kShapleyShubik,
  // Holler's public good index: mwc_i / sum over j of mwc_j, where mwc_i counts the minimal
  // winning coalitions (every member necessary) that contain i. raw = mwc_i.
  kPublicGood,
  // Deegan–Packel: the average over minimal winning coalitions S of 1/|S| for each member.
  // raw = sum over minimal winning S containing i of 1/|S| (a fraction).
  kDeeganPackel,
  // Johnston: each winning coalition gives 1/k to each of its k critical members (those whose
  // departure makes it lose); normalised to sum 1. raw = sum of those shares (a fraction).
  kJohnston,
  // Coleman's power to prevent action: swings_i / number of winning coalitions. raw = swings.
  kColemanPrevent,
  // Coleman's power to initiate action: swings_i / number of losing coalitions. raw = swings.
  kColemanInitiate,
  // Owen value (Shapley–Shubik with a-priori unions): orders in which each union arrives as a
  // block. Needs `unions`. Sums to 1. raw = the value itself.
  kOwen,
  // Banzhaf–Owen value: swings of i counted over coalitions made of whole other unions plus
  // part of i's own union, divided by 2^(m-1) * 2^(u-1) (m unions, u members in i's union).
  // Needs `unions`. raw = that swing count.
  kBanzhafOwen,
};

// The power index registry: each index's name, the other words accepted for it, and what it
// needs, in one table. The aliases include the abbreviations of EPIC, the reference exact
// power-index program in lower case (bz, ss, sh, pg, dp, j, jo), so its users need no table. The
// readers, the CLI's flags, help and errors, and the JSON field names all take their words and
// lists from it, so adding an index is a row here, its case in ComputePower (power.cc) and its
// engine code.
struct PowerIndexInfo {
  PowerIndex index = PowerIndex::kBanzhaf;
  std::string_view name;      // its name in files, flags and JSON
  std::string_view aliases;   // other words for it, separated by spaces
  bool needs_unions = false;  // only for a game with a-priori unions
  bool by_default = false;    // computed when a request names no index
};

// In the order of the enum.
inline constexpr std::array kPowerIndices{
    PowerIndexInfo{.index = PowerIndex::kBanzhaf,
                   .name = "banzhaf",
                   .aliases = "bz normalized-banzhaf",
                   .by_default = true},
    PowerIndexInfo{
        .index = PowerIndex::kBanzhafAbsolute, .name = "banzhaf-absolute", .aliases = "penrose"},
    PowerIndexInfo{.index = PowerIndex::kShapleyShubik,
                   .name = "shapley-shubik",
                   .aliases = "ss sh shapley",
                   .by_default = true},
    PowerIndexInfo{
        .index = PowerIndex::kPublicGood, .name = "public-good", .aliases = "pgi pg holler"},
    PowerIndexInfo{.index = PowerIndex::kDeeganPackel, .name = "deegan-packel", .aliases = "dp"},
    PowerIndexInfo{.index = PowerIndex::kJohnston, .name = "johnston", .aliases = "jo j"},
    PowerIndexInfo{.index = PowerIndex::kColemanPrevent, .name = "coleman-prevent"},
    PowerIndexInfo{.index = PowerIndex::kColemanInitiate, .name = "coleman-initiate"},
    PowerIndexInfo{.index = PowerIndex::kOwen, .name = "owen", .needs_unions = true},
    PowerIndexInfo{.index = PowerIndex::kBanzhafOwen,
                   .name = "banzhaf-owen",
                   .aliases = "bo",
                   .needs_unions = true},
};

static_assert(
    [] {
      for (std::size_t i = 0; i < kPowerIndices.size(); ++i) {
        if (kPowerIndices[i].index != static_cast<PowerIndex>(i)) return false;
      }
      return kPowerIndices.back().index == PowerIndex::kBanzhafOwen;
    }(),
    "kPowerIndices lists every index once, in the order of the enum (InfoOf relies on it)");

// The registry's row for `index`.
constexpr const PowerIndexInfo& InfoOf(PowerIndex index) {
  return kPowerIndices[static_cast<std::size_t>(index)];
}

// The indices computed when a request names none (Banzhaf and Shapley–Shubik).
std::vector<PowerIndex> DefaultPowerIndices();
// Every index a game with (or without) a-priori unions supports, in the order of the registry.
std::vector<PowerIndex> PowerIndicesFor(bool has_unions);

namespace power_names {

// Calls `f` with each word of a space-separated list.
template <typename F>
constexpr void ForEachWord(std::string_view words, F f) {
  while (!words.empty()) {
    const std::size_t space = words.find(' ');
    f(words.substr(0, space));
    words = space == std::string_view::npos ? std::string_view() : words.substr(space + 1);
  }
}

constexpr std::size_t CountWords() {
  std::size_t count = 0;
  for (const PowerIndexInfo& info : kPowerIndices) {
    ++count;
    ForEachWord(info.aliases, [&](std::string_view) { ++count; });
  }
  return count;
}

// The registry's words for the NameTable: every name first (so that EnumName gives it), then the
// aliases.
constexpr std::array<Named<PowerIndex>, CountWords()> Words() {
  std::array<Named<PowerIndex>, CountWords()> words{};
  std::size_t next = 0;
  for (const PowerIndexInfo& info : kPowerIndices) words[next++] = {info.index, info.name};
  for (const PowerIndexInfo& info : kPowerIndices) {
    ForEachWord(info.aliases, [&](std::string_view alias) { words[next++] = {info.index, alias}; });
  }
  return words;
}

}  // namespace power_names

// "banzhaf", "banzhaf-absolute", "shapley-shubik", ... and "bz", "ss", "pgi", "holler", "dp", ...
template <>
struct NameTable<PowerIndex> {
  static constexpr std::array kEntries = power_names::Words();
};

// An exact non-negative fraction in lowest terms.
struct Rational {
  std::string numerator = "0";    // decimal digits
  std::string denominator = "1";  // decimal digits, >= 1
  double value = 0.0;             // for display only (within a unit in the last place)

  bool is_integer() const { return denominator == "1"; }
  // "5" or "3/7".
  std::string ToString() const;
  bool operator==(const Rational& other) const {
    return numerator == other.numerator && denominator == other.denominator;
  }
};

// One index for every player, in player order.
struct IndexValues {
  PowerIndex index = PowerIndex::kBanzhaf;
  std::vector<Rational> value;  // the index
  std::vector<Rational> raw;    // the unnormalised quantity it is made from (see PowerIndex)
};

enum class PowerMethod {
  kAuto,                // dynamic programming over weights when it is cheaper, else enumeration
  kDynamicProgramming,  // generating functions over the weights (one weight dimension only)
  kEnumeration,         // every coalition (up to 30 players; any rule, every index)
  // Banzhaf, Shapley–Shubik and Coleman for rules over several dimensions with large weights
  // (the EU Council), up to 44 players.
  kMeetInTheMiddle,
};

template <>
struct NameTable<PowerMethod> {
  static constexpr std::array kEntries{
      Named<PowerMethod>{PowerMethod::kAuto, "auto"},
      Named<PowerMethod>{PowerMethod::kDynamicProgramming, "dynamic-programming"},
      Named<PowerMethod>{PowerMethod::kEnumeration, "enumeration"},
      Named<PowerMethod>{PowerMethod::kMeetInTheMiddle, "meet-in-the-middle"},
  };
};

struct PowerProgress {
  double fraction = 0.0;   // of the estimated work, in [0, 1]
  std::string_view stage;  // "shapley-shubik", ...
};

struct PowerOptions {
  // The indices to compute, reported in this order. Default: Banzhaf and Shapley–Shubik.
  std::vector<PowerIndex> indices = DefaultPowerIndices();
  PowerMethod method = PowerMethod::kAuto;
  // Work arrays larger than this are refused with kTooLarge instead of exhausting memory.
  std::int64_t max_memory_bytes = std::int64_t{4} << 30;
  // Requests whose estimated time exceeds this many seconds are refused with kTooLarge and the
  // estimate, before any work. The estimate counts the method's element operations at a rate
  // measured on a 2-core x86-64 machine (EstimatePowerSeconds); it is right within a factor of
  // about two, so the limit is a guard against hours of work, not a deadline.
  double max_seconds = 600;
  // Called now and then with the share of the work done (at most every 1% or so). May be empty.
  std::function<void(const PowerProgress&)> progress;
};

struct PowerReport {
  std::vector<std::string> players;  // names; "1", "2", ... when the game has none
  std::string coalitions;            // 2^n, decimal
  std::string winning_coalitions;    // decimal
  Rational power_to_act;             // Coleman's power of the collectivity to act: winning / 2^n
  // The number of minimal winning coalitions, when an index that needs them was computed.
  std::optional<std::string> minimal_winning_coalitions;
  std::vector<IndexValues> indices;         // in the order requested
  PowerMethod method = PowerMethod::kAuto;  // the method actually used

  // The values of `index`, or nullptr when it was not requested.
  const IndexValues* Find(PowerIndex index) const;
};

// The seconds ComputePower(game, options) is estimated to take with the method it would choose,
// or the kTooLarge refusal it would give; no work is done. Errors: as ComputePower's, before any
// computation.
Result<double> EstimatePowerSeconds(const VotingGame& game, const PowerOptions& options = {});

// Computes the requested indices exactly. Errors: kInvalidGame (see Validate; also Owen values
// without unions), kTooLarge (the work or memory would be unreasonable; the message says why and
// what to change, e.g. dividing weights by a common unit).
Result<PowerReport> ComputePower(const VotingGame& game, const PowerOptions& options = {});

}  // namespace whipcount

#endif  // WHIPCOUNT_POWER_H_
