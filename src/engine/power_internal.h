// The power-index engines behind ComputePower (private to src/engine).
//
// Three engines compute the same raw quantities by different routes; power.cc validates the
// game, picks one and turns the raw quantities into the indices of the public API.
// - Dynamic programming over the weights (power_dp.cc): one weight dimension, any size, cost
//   pseudo-polynomial in the quota.
// - Enumeration of every coalition with bit-parallel set operations (power_enum.cc): any rule,
//   up to 30 players.
// - Meet in the middle (power_mitm.cc): Banzhaf and Shapley–Shubik counts for rules with several
//   dimensions and large weights (the EU Council), up to 44 players.
#ifndef WHIPCOUNT_SRC_ENGINE_POWER_INTERNAL_H_
#define WHIPCOUNT_SRC_ENGINE_POWER_INTERNAL_H_

#include <gmpxx.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "whipcount/power.h"
#include "whipcount/result.h"

namespace whipcount::power_internal {

// Which raw quantities a request needs.
struct Needs {
  bool swings = true;  // Banzhaf swings and the number of winning coalitions (always computed)
  bool shapley_shubik = false;
  bool public_good = false;
  bool deegan_packel = false;
  bool johnston = false;
  bool owen = false;
  bool banzhaf_owen = false;

  bool minimal_winning() const { return public_good || deegan_packel; }
};

// Per-player values that many players share: the engines compute one value per class of
// equal players (equal weights, say), and player i's is value[slot[i]].
template <typename T>
struct PerPlayer {
  std::vector<int> slot;  // one per player
  std::vector<T> value;   // one per slot

  // A slot of its own for every player, holding values[i].
  static PerPlayer Each(std::vector<T> values) {
    PerPlayer out;
    out.slot.resize(values.size());
    for (std::size_t i = 0; i < values.size(); ++i) out.slot[i] = static_cast<int>(i);
    out.value = std::move(values);
    return out;
  }

  std::size_t size() const { return slot.size(); }
  bool empty() const { return slot.empty(); }
  const T& operator[](std::size_t player) const {
    return value[static_cast<std::size_t>(slot[player])];
  }
  T& operator[](std::size_t player) { return value[static_cast<std::size_t>(slot[player])]; }
};

// Raw quantities for the full game (null players included), by player.
struct RawPower {
  mpz_class winning;                           // number of winning coalitions
  std::optional<mpz_class> minimal_winning;    // number of minimal winning coalitions
  PerPlayer<mpz_class> swings;                 // Banzhaf swings
  PerPlayer<mpz_class> shapley_shubik_orders;  // orders in which i is pivotal
  PerPlayer<mpz_class> minimal_containing;     // minimal winning coalitions with i
  PerPlayer<mpq_class> deegan_packel;          // sum over those of 1/|S|
  PerPlayer<mpq_class> johnston;               // over winning S, i critical: 1/|crit S|
  PerPlayer<mpq_class> owen;                   // the Owen value
  PerPlayer<mpz_class> banzhaf_owen_swings;    // swings over union-respecting coalitions
};

// Reports progress to the user's callback, at most once per percent of the estimated work.
class ProgressMeter {
 public:
  ProgressMeter(const std::function<void(const PowerProgress&)>& callback, double total_work)
      : callback_(callback), total_(total_work > 0 ? total_work : 1.0) {}

  void SetStage(std::string_view stage) { stage_ = stage; }
  void Advance(double work) {
    done_ += work;
    if (!callback_) return;
    const double fraction = done_ / total_ > 1.0 ? 1.0 : done_ / total_;
    if (fraction - reported_ >= 0.01 || (fraction >= 1.0 && reported_ < 1.0)) {
      reported_ = fraction;
      callback_(PowerProgress{.fraction = fraction, .stage = stage_});
    }
  }
  void Finish() {
    if (callback_ && reported_ < 1.0) {
      reported_ = 1.0;
      callback_(PowerProgress{.fraction = 1.0, .stage = stage_});
    }
  }

 private:
  const std::function<void(const PowerProgress&)>& callback_;
  double total_;
  double done_ = 0.0;
  double reported_ = 0.0;
  std::string_view stage_;
};

// A game with a single weight dimension, validated; a view of the VotingGame's vectors.
struct WeightedInput {
  const std::vector<std::int64_t>& weights;
  std::int64_t quota = 0;
  const std::vector<std::vector<int>>& unions;  // empty or a partition of the players
};

// Estimated cost of the dynamic programmes for `needs` on `input`: element operations and peak
// bytes. Used to choose an engine and to refuse requests beyond the memory limit.
struct DpCost {
  double work = 0.0;
  double bytes = 0.0;
};
DpCost EstimateDynamicProgramming(const WeightedInput& input, const Needs& needs);

// kTight: the arrays of 8 residues per cell would come close to the memory limit, so the
// programmes run twice as many passes over arrays of 4.
enum class MemoryUse { kAmple, kTight };
Result<RawPower> PowerByDynamicProgramming(const WeightedInput& input, const Needs& needs,
                                           MemoryUse memory, ProgressMeter& progress);

// Every coalition. Requires game.size() <= kMaxEnumerationPlayers.
inline constexpr int kMaxEnumerationPlayers = 30;
double EstimateEnumeration(const VotingGame& game, const Needs& needs);
Result<RawPower> PowerByEnumeration(const VotingGame& game, const Needs& needs,
                                    ProgressMeter& progress);

// Swings, Shapley–Shubik orders and winning coalitions only. Returns nullopt when the rule does
// not suit the method (more than one dimension with many distinct partial sums, or too many
// players).
inline constexpr int kMaxMeetInTheMiddlePlayers = 44;
std::optional<double> EstimateMeetInTheMiddle(const VotingGame& game, const Needs& needs);
Result<RawPower> PowerByMeetInTheMiddle(const VotingGame& game, const Needs& needs,
                                        ProgressMeter& progress);

// Big-integer helpers shared by the engines (power_math.cc).
mpz_class Factorial(int n);            // n!, 1 for n <= 0
mpz_class PowerOfTwo(std::int64_t e);  // 2^e, e >= 0
mpz_class ToMpz(std::uint64_t x);      // all 64 bits, where mpz_class(unsigned long) may not be

}  // namespace whipcount::power_internal

#endif  // WHIPCOUNT_SRC_ENGINE_POWER_INTERNAL_H_
