#include "whipcount/power.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <functional>
#include <limits>
#include <map>
#include <numeric>
#include <string>

#include "power_internal.h"

namespace whipcount {
namespace {

using power_internal::Needs;
using power_internal::PowerOfTwo;
using power_internal::RawPower;

// Element operations per second, as the estimates count them (one operation on a cell of up to
// 8 residues), measured with bench/run_power_cli on a 2-core x86-64 machine: the dynamic
// programmes run at 0.7e9 to 2e9 of them per second; the slower end is taken, so estimates
// err on the long side.
constexpr double kOperationsPerSecond = 1e9;

Status GameError(std::string message, std::string path = {}) {
  return Status(ErrorCode::kInvalidGame, std::move(message), Location{.path = std::move(path)});
}

// A reduced fraction of two 64-bit integers (den > 0) without big-integer arithmetic: most
// games' counts fit, and converting them is most of the cost of a small game.
Rational SmallRational(std::uint64_t num, std::uint64_t den) {
  const std::uint64_t g = std::gcd(num, den);
  num /= g;
  den /= g;
  // Both convert exactly to long double (64-bit significand), so the value is within a unit in
  // the last place of the exact quotient.
  static_assert(std::numeric_limits<long double>::digits >= 64);
  const double value =
      static_cast<double>(static_cast<long double>(num) / static_cast<long double>(den));
  return Rational{
      .numerator = std::to_string(num), .denominator = std::to_string(den), .value = value};
}

static_assert(sizeof(unsigned long) == sizeof(std::uint64_t), "GMP's ui functions are 64-bit");

bool FitsU64(const mpz_class& x) { return mpz_fits_ulong_p(x.get_mpz_t()) != 0; }

std::uint64_t ToU64(const mpz_class& x) { return mpz_get_ui(x.get_mpz_t()); }

// `q` must be canonical, as the results of gmpxx arithmetic are.
Rational ToRational(const mpq_class& q) {
  if (FitsU64(q.get_num()) && FitsU64(q.get_den())) {
    return SmallRational(ToU64(q.get_num()), ToU64(q.get_den()));
  }
  return Rational{
      .numerator = q.get_num().get_str(), .denominator = q.get_den().get_str(), .value = q.get_d()};
}

Rational ToRational(const mpz_class& numerator, const mpz_class& denominator) {
  if (denominator == 0) return Rational{};
  if (FitsU64(numerator) && FitsU64(denominator)) {
    return SmallRational(ToU64(numerator), ToU64(denominator));
  }
  mpq_class q(numerator, denominator);
  q.canonicalize();
  return ToRational(q);
}

Rational ToRational(const mpz_class& integer) {
  if (FitsU64(integer)) {
    const std::uint64_t x = ToU64(integer);
    return Rational{.numerator = std::to_string(x), .value = static_cast<double>(x)};
  }
  return Rational{.numerator = integer.get_str(), .denominator = "1", .value = integer.get_d()};
}

template <typename T>
T Sum(const power_internal::PerPlayer<T>& values) {
  T total = 0;
  for (std::size_t i = 0; i < values.size(); ++i) total += values[i];
  return total;
}

Needs NeedsFor(const std::vector<PowerIndex>& indices) {
  Needs needs;
  for (PowerIndex index : indices) {
    switch (index) {
      case PowerIndex::kBanzhaf:
      case PowerIndex::kBanzhafAbsolute:
      case PowerIndex::kColemanPrevent:
      case PowerIndex::kColemanInitiate:
        break;
      case PowerIndex::kShapleyShubik:
        needs.shapley_shubik = true;
        break;
      case PowerIndex::kPublicGood:
        needs.public_good = true;
        break;
      case PowerIndex::kDeeganPackel:
        needs.deegan_packel = true;
        break;
      case PowerIndex::kJohnston:
        needs.johnston = true;
        break;
      case PowerIndex::kOwen:
        needs.owen = true;
        break;
      case PowerIndex::kBanzhafOwen:
        needs.banzhaf_owen = true;
        break;
    }
  }
  return needs;
}

bool SingleDimension(const VotingGame& game) { return game.dimensions.size() == 1; }

std::string Approximately(double x) {
  if (x < 1e6) return std::to_string(static_cast<std::int64_t>(x));
  const int exponent = static_cast<int>(std::floor(std::log10(x)));
  return std::to_string(static_cast<int>(x / std::pow(10.0, exponent))) + "e" +
         std::to_string(exponent);
}

// "40 seconds", "12 minutes", "3.5 hours", "4 days".
std::string Duration(double seconds) {
  auto rounded = [](double x, const char* unit) {
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, x < 10 ? "%.1f %s" : "%.0f %s", x, unit);
    return std::string(buffer);
  };
  if (seconds < 90) return rounded(seconds, "seconds");
  if (seconds < 90 * 60) return rounded(seconds / 60, "minutes");
  if (seconds < 48 * 3600) return rounded(seconds / 3600, "hours");
  return rounded(seconds / 86400, "days");
}

std::string Megabytes(double bytes) { return Approximately(bytes / 1e6) + " MB"; }

struct Choice {
  PowerMethod method = PowerMethod::kAuto;
  double work = 0;
  power_internal::MemoryUse memory = power_internal::MemoryUse::kAmple;
};

Result<Choice> ChooseMethod(const VotingGame& game, const Needs& needs,
                            const PowerOptions& options) {
  const int n = game.size();
  const double memory = static_cast<double>(options.max_memory_bytes);
  std::optional<double> dp_work;
  power_internal::MemoryUse dp_memory = power_internal::MemoryUse::kAmple;
  std::string dp_refusal;
  if (SingleDimension(game)) {
    const power_internal::WeightedInput input{.weights = game.dimensions[0].weights,
                                              .quota = game.dimensions[0].quota,
                                              .unions = game.unions};
    const power_internal::DpCost cost = power_internal::EstimateDynamicProgramming(input, needs);
    const double seconds = cost.work / kOperationsPerSecond;
    if (cost.bytes > memory) {
      dp_refusal = "dynamic programming over the weights would need about " +
                   Megabytes(cost.bytes) + " (the memory limit is " + Megabytes(memory) +
                   (seconds > options.max_seconds
                        ? ") and take about " + Duration(seconds) + " (the time limit is " +
                              Duration(options.max_seconds) + ")"
                        : "): divide the weights by a common unit, e.g. thousands of votes, or "
                          "raise the memory limit");
    } else if (seconds > options.max_seconds) {
      dp_refusal = "dynamic programming over the weights would take about " + Duration(seconds) +
                   " on a 2-core machine (the time limit is " + Duration(options.max_seconds) + ")";
    } else {
      dp_work = cost.work;
      if (cost.bytes > memory / 1.5) dp_memory = power_internal::MemoryUse::kTight;
    }
  } else {
    dp_refusal = "dynamic programming needs a single weight dimension";
  }
  std::optional<double> enumeration_work;
  if (n <= power_internal::kMaxEnumerationPlayers && std::ldexp(1.0, n) / 4 <= memory) {
    enumeration_work = power_internal::EstimateEnumeration(game, needs);
  }
  const std::optional<double> mitm_work = power_internal::EstimateMeetInTheMiddle(game, needs);

  switch (options.method) {
    case PowerMethod::kDynamicProgramming:
      if (!dp_work)
        return Status(SingleDimension(game) ? ErrorCode::kTooLarge : ErrorCode::kInvalidGame,
                      dp_refusal);
      return Choice{
          .method = PowerMethod::kDynamicProgramming, .work = *dp_work, .memory = dp_memory};
    case PowerMethod::kEnumeration:
      if (!enumeration_work) {
        return Status(ErrorCode::kTooLarge,
                      "enumeration handles at most " +
                          std::to_string(power_internal::kMaxEnumerationPlayers) +
                          " players; this game has " + std::to_string(n));
      }
      return Choice{.method = PowerMethod::kEnumeration, .work = *enumeration_work};
    case PowerMethod::kMeetInTheMiddle:
      if (!mitm_work) {
        return Status(ErrorCode::kTooLarge,
                      "meeting in the middle handles Banzhaf, Shapley–Shubik and Coleman for up "
                      "to " +
                          std::to_string(power_internal::kMaxMeetInTheMiddlePlayers) +
                          " players with at most one dimension of many distinct sums");
      }
      return Choice{.method = PowerMethod::kMeetInTheMiddle, .work = *mitm_work};
    case PowerMethod::kAuto:
      break;
  }
  Choice best;
  double best_work = std::numeric_limits<double>::infinity();
  if (dp_work && *dp_work < best_work) {
    best =
        Choice{.method = PowerMethod::kDynamicProgramming, .work = *dp_work, .memory = dp_memory};
    best_work = *dp_work;
  }
  if (mitm_work && *mitm_work < best_work) {
    best = Choice{.method = PowerMethod::kMeetInTheMiddle, .work = *mitm_work};
    best_work = *mitm_work;
  }
  if (enumeration_work && *enumeration_work < best_work) {
    best = Choice{.method = PowerMethod::kEnumeration, .work = *enumeration_work};
    best_work = *enumeration_work;
  }
  if (best.method == PowerMethod::kAuto) {
    return Status(ErrorCode::kTooLarge,
                  "cannot compute these indices exactly in reasonable time or memory: " +
                      dp_refusal + "; enumeration handles at most " +
                      std::to_string(power_internal::kMaxEnumerationPlayers) +
                      " players and this game has " + std::to_string(n));
  }
  return best;
}

PowerReport Assemble(const VotingGame& game, const std::vector<PowerIndex>& indices,
                     const RawPower& raw, PowerMethod method) {
  const int n = game.size();
  const std::size_t un = static_cast<std::size_t>(n);
  PowerReport report;
  report.method = method;
  for (int i = 0; i < n; ++i) {
    report.players.push_back(game.players.empty() ? std::to_string(i + 1)
                                                  : game.players[static_cast<std::size_t>(i)]);
  }
  const mpz_class all = PowerOfTwo(n);
  report.coalitions = all.get_str();
  report.winning_coalitions = raw.winning.get_str();
  report.power_to_act = ToRational(raw.winning, all);
  if (raw.minimal_winning) report.minimal_winning_coalitions = raw.minimal_winning->get_str();
  std::vector<int> union_size(un, 1);
  for (const auto& u : game.unions) {
    for (int p : u) union_size[static_cast<std::size_t>(p)] = static_cast<int>(u.size());
  }
  const int unions = static_cast<int>(game.unions.size());
  for (PowerIndex index : indices) {
    IndexValues values{.index = index};
    values.value.resize(un);
    values.raw.resize(un);
    // value = raw / divisor (0 when the divisor is 0), converted once per slot: players that
    // share a raw value share the index too.
    auto fill = [&](const std::vector<int>& slot, std::size_t slots, auto&& value_of) {
      std::vector<std::size_t> first(slots, un);
      for (std::size_t i = 0; i < un; ++i) {
        std::size_t& seen = first[static_cast<std::size_t>(slot[i])];
        if (seen != un) {
          values.value[i] = values.value[seen];
          values.raw[i] = values.raw[seen];
        } else {
          value_of(i);
          seen = i;
        }
      }
    };
    auto integers = [&](const power_internal::PerPlayer<mpz_class>& raws,
                        const mpz_class& divisor) {
      fill(raws.slot, raws.value.size(), [&](std::size_t i) {
        values.raw[i] = ToRational(raws[i]);
        if (divisor != 0) values.value[i] = ToRational(raws[i], divisor);
      });
    };
    auto fractions = [&](const power_internal::PerPlayer<mpq_class>& raws,
                         const mpq_class& divisor) {
      fill(raws.slot, raws.value.size(), [&](std::size_t i) {
        values.raw[i] = ToRational(raws[i]);
        if (divisor != 0) values.value[i] = ToRational(mpq_class(raws[i] / divisor));
      });
    };
    switch (index) {
      case PowerIndex::kBanzhaf:
        integers(raw.swings, Sum(raw.swings));
        break;
      case PowerIndex::kBanzhafAbsolute:
        integers(raw.swings, PowerOfTwo(n - 1));
        break;
      case PowerIndex::kShapleyShubik:
        integers(raw.shapley_shubik_orders, power_internal::Factorial(n));
        break;
      case PowerIndex::kPublicGood:
        integers(raw.minimal_containing, Sum(raw.minimal_containing));
        break;
      case PowerIndex::kDeeganPackel:
        fractions(raw.deegan_packel, mpq_class(raw.minimal_winning.value_or(0)));
        break;
      case PowerIndex::kJohnston:
        fractions(raw.johnston, Sum(raw.johnston));
        break;
      case PowerIndex::kColemanPrevent:
        integers(raw.swings, raw.winning);
        break;
      case PowerIndex::kColemanInitiate:
        integers(raw.swings, all - raw.winning);
        break;
      case PowerIndex::kOwen:
        fractions(raw.owen, mpq_class(1));
        break;
      case PowerIndex::kBanzhafOwen: {
        // The divisor depends on the size of the player's union: convert player by player.
        std::vector<int> own_slot(un);
        std::iota(own_slot.begin(), own_slot.end(), 0);
        fill(own_slot, un, [&](std::size_t i) {
          values.raw[i] = ToRational(raw.banzhaf_owen_swings[i]);
          values.value[i] =
              ToRational(raw.banzhaf_owen_swings[i], PowerOfTwo(unions - 1 + union_size[i] - 1));
        });
        break;
      }
    }
    report.indices.push_back(std::move(values));
  }
  return report;
}

}  // namespace

VotingGame WeightedGame(std::vector<std::int64_t> weights, std::int64_t quota,
                        std::vector<std::string> players) {
  VotingGame game;
  game.players = std::move(players);
  game.dimensions.push_back(
      WeightDimension{.name = "weight", .weights = std::move(weights), .quota = quota});
  return game;
}

std::int64_t QuotaAtLeast(std::int64_t total, std::int64_t num, std::int64_t den) {
  // ceil(total * num / den) without overflow: num <= den < 2^31 keeps every product in range.
  assert(total >= 0 && num > 0 && num <= den && den < (std::int64_t{1} << 31));
  return total / den * num + ((total % den) * num + den - 1) / den;
}

Result<VotingGame> EuCouncilGame(std::vector<std::string> states,
                                 std::vector<std::int64_t> populations) {
  if (states.size() != populations.size()) {
    return GameError("EU Council: " + std::to_string(states.size()) + " states but " +
                     std::to_string(populations.size()) + " populations");
  }
  const auto n = static_cast<std::int64_t>(populations.size());
  if (n < 4) return GameError("EU Council: needs at least 4 member states");
  std::int64_t total = 0;
  for (std::int64_t p : populations) {
    if (p < 0 || p > kMaxTotalWeight - total) return GameError("EU Council: invalid population");
    total += p;
  }
  VotingGame game;
  game.players = std::move(states);
  const std::vector<std::int64_t> ones(static_cast<std::size_t>(n), 1);
  // 55% of the member states; 65% of the population; or all but a blocking minority (< 4).
  game.dimensions.push_back({.name = "states", .weights = ones, .quota = QuotaAtLeast(n, 55, 100)});
  game.dimensions.push_back({.name = "population",
                             .weights = std::move(populations),
                             .quota = QuotaAtLeast(total, 65, 100)});
  game.dimensions.push_back(
      {.name = "states-without-blocking-minority", .weights = ones, .quota = n - 3});
  game.clauses = {{0, 1}, {2}};
  WHIPCOUNT_RETURN_IF_ERROR(Validate(game));
  return game;
}

Status CheckQuota(std::int64_t quota, std::int64_t total, std::string_view name) {
  if (quota < 1) {
    return GameError(std::string(name) + " is below 1: the empty coalition would win");
  }
  if (quota > total) {
    return GameError(std::string(name) + " is above the total weight " + std::to_string(total) +
                     ": no coalition can win");
  }
  return Status::Ok();
}

Status Validate(const VotingGame& game) {
  if (game.dimensions.empty()) return GameError("the game has no weight dimension", "dimensions");
  const std::size_t n = game.dimensions[0].weights.size();
  if (n == 0) return GameError("the game has no players", "dimensions[0].weights");
  for (std::size_t d = 0; d < game.dimensions.size(); ++d) {
    const WeightDimension& dim = game.dimensions[d];
    const std::string path = ItemPath("dimensions", d);
    if (dim.weights.size() != n) {
      return GameError("dimension has " + std::to_string(dim.weights.size()) +
                           " weights but the game has " + std::to_string(n) + " players",
                       path + ".weights");
    }
    std::int64_t total = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const std::int64_t w = dim.weights[i];
      if (w < 0) {
        return GameError("weight " + std::to_string(w) + " is negative",
                         ItemPath(path + ".weights", i));
      }
      if (w > kMaxTotalWeight - total) {
        return GameError("the weights add up to more than 2^62; use a coarser unit",
                         ItemPath(path + ".weights", i));
      }
      total += w;
    }
    if (Status quota = CheckQuota(dim.quota, total, "quota " + std::to_string(dim.quota));
        !quota.ok()) {
      return GameError(quota.message(), path + ".quota");
    }
  }
  for (std::size_t c = 0; c < game.clauses.size(); ++c) {
    if (game.clauses[c].empty())
      return GameError("clause lists no dimension", ItemPath("clauses", c));
    for (int d : game.clauses[c]) {
      if (d < 0 || static_cast<std::size_t>(d) >= game.dimensions.size()) {
        return GameError("clause names dimension " + std::to_string(d) + ", which does not exist",
                         ItemPath("clauses", c));
      }
    }
  }
  if (!game.players.empty()) {
    if (game.players.size() != n) {
      return GameError(std::to_string(game.players.size()) + " player names for " +
                           std::to_string(n) + " players",
                       "players");
    }
    // Sorted by hash, equal names are neighbours within a run of equal hashes; hashing is much
    // cheaper than sorting the strings themselves.
    std::vector<std::pair<std::size_t, std::size_t>> hashed;
    hashed.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      if (game.players[i].empty()) return GameError("empty player name", ItemPath("players", i));
      hashed.emplace_back(std::hash<std::string>{}(game.players[i]), i);
    }
    std::sort(hashed.begin(), hashed.end());
    for (std::size_t k = 1; k < n; ++k) {
      for (std::size_t j = k; j-- > 0 && hashed[j].first == hashed[k].first;) {
        const std::size_t later = hashed[k].second;
        if (game.players[hashed[j].second] == game.players[later]) {
          return GameError("player name '" + game.players[later] + "' appears twice",
                           ItemPath("players", later));
        }
      }
    }
  }
  if (!game.unions.empty()) {
    std::vector<int> seen(n, -1);
    for (std::size_t u = 0; u < game.unions.size(); ++u) {
      if (game.unions[u].empty()) return GameError("union has no members", ItemPath("unions", u));
      for (int p : game.unions[u]) {
        if (p < 0 || static_cast<std::size_t>(p) >= n) {
          return GameError("union names player " + std::to_string(p) + ", which does not exist",
                           ItemPath("unions", u));
        }
        if (seen[static_cast<std::size_t>(p)] >= 0) {
          return GameError("player " + std::to_string(p) + " is in two unions",
                           ItemPath("unions", u));
        }
        seen[static_cast<std::size_t>(p)] = static_cast<int>(u);
      }
    }
    for (std::size_t p = 0; p < n; ++p) {
      if (seen[p] < 0) {
        return GameError("player " + std::to_string(p) +
                             " is in no union: unions must cover "
                             "every player",
                         "unions");
      }
    }
  }
  return Status::Ok();
}

std::vector<PowerIndex> DefaultPowerIndices() {
  std::vector<PowerIndex> indices;
  for (const PowerIndexInfo& info : kPowerIndices) {
    if (info.by_default) indices.push_back(info.index);
  }
  return indices;
}

std::vector<PowerIndex> PowerIndicesFor(bool has_unions) {
  std::vector<PowerIndex> indices;
  for (const PowerIndexInfo& info : kPowerIndices) {
    if (has_unions || !info.needs_unions) indices.push_back(info.index);
  }
  return indices;
}

std::string Rational::ToString() const {
  return is_integer() ? numerator : numerator + "/" + denominator;
}

const IndexValues* PowerReport::Find(PowerIndex index) const {
  for (const IndexValues& values : indices) {
    if (values.index == index) return &values;
  }
  return nullptr;
}

namespace {

// The method ComputePower would use, after checking the request.
Result<Choice> CheckAndChoose(const VotingGame& game, const PowerOptions& options) {
  WHIPCOUNT_RETURN_IF_ERROR(Validate(game));
  const bool needs_unions = std::any_of(options.indices.begin(), options.indices.end(),
                                        [](PowerIndex i) { return InfoOf(i).needs_unions; });
  if (needs_unions && game.unions.empty()) {
    return GameError("the Owen and Banzhaf–Owen values need a-priori unions", "unions");
  }
  return ChooseMethod(game, NeedsFor(options.indices), options);
}

}  // namespace

Result<double> EstimatePowerSeconds(const VotingGame& game, const PowerOptions& options) {
  WHIPCOUNT_ASSIGN_OR_RETURN(const Choice choice, CheckAndChoose(game, options));
  return choice.work / kOperationsPerSecond;
}

Result<PowerReport> ComputePower(const VotingGame& game, const PowerOptions& options) {
  WHIPCOUNT_ASSIGN_OR_RETURN(Choice choice, CheckAndChoose(game, options));
  const Needs needs = NeedsFor(options.indices);
  power_internal::ProgressMeter progress(options.progress, choice.work);
  Result<RawPower> raw = Status(ErrorCode::kTooLarge, "no method");
  if (choice.method == PowerMethod::kDynamicProgramming) {
    const power_internal::WeightedInput input{.weights = game.dimensions[0].weights,
                                              .quota = game.dimensions[0].quota,
                                              .unions = game.unions};
    raw = power_internal::PowerByDynamicProgramming(input, needs, choice.memory, progress);
  } else if (choice.method == PowerMethod::kMeetInTheMiddle) {
    raw = power_internal::PowerByMeetInTheMiddle(game, needs, progress);
    // The estimate can be optimistic about how few distinct sums the rule produces.
    if (!raw.ok() && options.method == PowerMethod::kAuto &&
        game.size() <= power_internal::kMaxEnumerationPlayers) {
      choice.method = PowerMethod::kEnumeration;
      raw = power_internal::PowerByEnumeration(game, needs, progress);
    }
  } else {
    raw = power_internal::PowerByEnumeration(game, needs, progress);
  }
  if (!raw.ok()) return raw.status();
  progress.Finish();
  return Assemble(game, options.indices, *raw, choice.method);
}

}  // namespace whipcount
