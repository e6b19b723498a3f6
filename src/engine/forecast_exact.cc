// The exact forecast: dynamic programming over parties and members of the joint distribution of
// the counts the rule needs, evaluated cell by cell through Decide().
//
// A state space ("form") tracks only what the motion's rule can see (docs/forecast.md):
//   margin       M = for − against               every threshold is "1/2 of votes cast"
//   for          F                                every threshold is over seats and no tie can
//                                                 matter
//   for-against  (F, A)                           thresholds over seats or votes cast
//   full         (F, A, abstain [, discounted])   a base over members present or abstentions
// A quorum adds the number present P only where it can still fail: P(pass) is evaluated with
// the quorum met, then corrected on a second space truncated to P < cap (cap = the quorum less
// the chair's seat), which is small. "Is anyone voting against?" (ties, a non-strict margin)
// is recovered without a dimension by running the same DP with "against" removed (the mass with
// A = 0) and subtracting. Runs whose weights are all zero for the rule at hand are skipped.
//
// Each party is one operator on the distribution: with w_k = P(K = k followers),
//   T d = Σ_k w_k · L_k · I^(n−k) d,  L_k = Σ_line λ_line · shift(k·δ_line),  I = Σ_o q_o
//   shift(δ_o)
// applied Horner-fashion (n applications of I). Sensitivities come from the adjoint (backward)
// pass: for unit u, P(pass | member acts a) = ⟨shift(δ_a) d_u, v_u⟩ and
// dP/dcohesion = Σ_k w'_k ⟨L_k d_u, Λ_k⟩, with prefixes d_u kept at checkpoints.
//
// Distributions live in dense arrays over the whole space; every step touches only the region
// the distribution can have reached: a range of the last axis for each row of the others, so
// triangles such as for + against ≤ n or |M| ≤ P cost what they hold.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <map>
#include <memory>
#include <optional>

#include "forecast_internal.h"
#include "simd.h"
#include "whipcount/tally.h"

namespace whipcount::forecast_internal {
namespace {

constexpr int kMaxAxes = 4;

using Shift = std::array<int, kMaxAxes>;
using Values = std::array<int, kMaxAxes>;

struct Axis {
  std::array<int, kOutcomes> delta{};  // change of this count per outcome
  int lo = 0;
  int hi = 0;
};

// The cells a distribution can occupy: for every row (the axes but the last), a range of the
// last axis; empty rows have lo > hi.
struct Region {
  std::vector<int> lo;
  std::vector<int> hi;
  std::int64_t cells = 0;
  bool empty() const { return cells == 0; }
};

class Space {
 public:
  explicit Space(std::vector<Axis> axes) : axes_(std::move(axes)) {
    dims_ = static_cast<int>(axes_.size());
    std::ptrdiff_t stride = 1;
    for (int d = dims_ - 1; d >= 0; --d) {
      strides_[static_cast<size_t>(d)] = stride;
      stride *= Length(d);
    }
    size_ = stride;
    inner_ = Length(dims_ - 1);
    rows_ = static_cast<int>(size_ / inner_);
  }

  int dims() const { return dims_; }
  std::ptrdiff_t size() const { return size_; }
  int rows() const { return rows_; }
  const Axis& axis(int d) const { return axes_[static_cast<size_t>(d)]; }
  const Axis& inner() const { return axes_.back(); }
  int Length(int d) const { return axis(d).hi - axis(d).lo + 1; }

  std::ptrdiff_t Index(const Values& v) const {
    std::ptrdiff_t idx = 0;
    for (int d = 0; d < dims_; ++d) {
      idx += (v[static_cast<size_t>(d)] - axis(d).lo) * strides_[static_cast<size_t>(d)];
    }
    return idx;
  }
  // The start (inner axis at its lowest value) of row r.
  std::ptrdiff_t RowStart(int r) const { return static_cast<std::ptrdiff_t>(r) * inner_; }
  // The values of row r's outer axes.
  Values RowValues(int r) const {
    Values v{};
    for (int d = dims_ - 2; d >= 0; --d) {
      v[static_cast<size_t>(d)] = axis(d).lo + r % Length(d);
      r /= Length(d);
    }
    return v;
  }
  // The row a shift moves row r to, or −1 when it leaves the space.
  int ShiftRow(int r, const Shift& s) const {
    if (dims_ == 1) return r;
    if (dims_ == 2) {
      const int t = r + s[0];
      return t >= 0 && t < rows_ ? t : -1;
    }
    int out = 0;
    int scale = 1;
    for (int d = dims_ - 2; d >= 0; --d) {
      const int len = Length(d);
      const int v = r % len + s[static_cast<size_t>(d)];
      r /= len;
      if (v < 0 || v >= len) return -1;
      out += v * scale;
      scale *= len;
    }
    return out;
  }
  std::ptrdiff_t Offset(const Shift& s) const {
    std::ptrdiff_t off = 0;
    for (int d = 0; d < dims_; ++d)
      off += s[static_cast<size_t>(d)] * strides_[static_cast<size_t>(d)];
    return off;
  }
  Shift ShiftOf(int outcome, int times = 1) const {
    Shift s{};
    for (int d = 0; d < dims_; ++d) {
      s[static_cast<size_t>(d)] = axis(d).delta[static_cast<size_t>(outcome)] * times;
    }
    return s;
  }

  Region EmptyRegion() const {
    return Region{std::vector<int>(static_cast<size_t>(rows_), 1),
                  std::vector<int>(static_cast<size_t>(rows_), 0), 0};
  }
  Region Origin() const {
    Region r = EmptyRegion();
    const int row = static_cast<int>(Index({}) / inner_);
    r.lo[static_cast<size_t>(row)] = 0;
    r.hi[static_cast<size_t>(row)] = 0;
    r.cells = 1;
    return r;
  }
  Region All() const {
    Region r{std::vector<int>(static_cast<size_t>(rows_), inner().lo),
             std::vector<int>(static_cast<size_t>(rows_), inner().hi), size_};
    return r;
  }
  // into ∪= (from + s) ∩ the space.
  void AddShifted(Region& into, const Region& from, const Shift& s) const {
    const int si = s[static_cast<size_t>(dims_ - 1)];
    for (int r = 0; r < rows_; ++r) {
      const size_t sr = static_cast<size_t>(r);
      if (from.lo[sr] > from.hi[sr]) continue;
      const int t = ShiftRow(r, s);
      if (t < 0) continue;
      const int lo = std::max(from.lo[sr] + si, inner().lo);
      const int hi = std::min(from.hi[sr] + si, inner().hi);
      if (lo > hi) continue;
      const size_t st = static_cast<size_t>(t);
      into.lo[st] = std::min(into.lo[st], lo);
      into.hi[st] = std::max(into.hi[st], hi);
    }
    Recount(into);
  }
  void Recount(Region& region) const {
    region.cells = 0;
    for (size_t r = 0; r < region.lo.size(); ++r) {
      if (region.lo[r] <= region.hi[r]) region.cells += region.hi[r] - region.lo[r] + 1;
    }
  }

  // fn(row, index of the row's first cell in the region, first value, last value).
  template <typename Fn>
  void ForRows(const Region& region, Fn&& fn) const {
    for (int r = 0; r < rows_; ++r) {
      const size_t sr = static_cast<size_t>(r);
      if (region.lo[sr] > region.hi[sr]) continue;
      fn(r, RowStart(r) + (region.lo[sr] - inner().lo), region.lo[sr], region.hi[sr]);
    }
  }

 private:
  std::vector<Axis> axes_;
  int dims_ = 0;
  std::array<std::ptrdiff_t, kMaxAxes> strides_{};
  std::ptrdiff_t size_ = 0;
  int inner_ = 1;
  int rows_ = 1;
};

struct Move {
  Shift shift{};
  std::ptrdiff_t offset = 0;
  double weight = 0;
};

Move MakeMove(const Space& space, const Shift& s, double weight) {
  return Move{.shift = s, .offset = space.Offset(s), .weight = weight};
}

// Moves for outcome probabilities `p`, merging outcomes that move the state alike.
std::vector<Move> MovesFor(const Space& space, const Probs& p) {
  std::vector<Move> moves;
  for (int o = 0; o < kOutcomes; ++o) {
    const double w = p[static_cast<size_t>(o)];
    if (w == 0) continue;
    const Shift s = space.ShiftOf(o);
    auto same =
        std::find_if(moves.begin(), moves.end(), [&](const Move& m) { return m.shift == s; });
    if (same != moves.end()) {
      same->weight += w;
    } else {
      moves.push_back(MakeMove(space, s, w));
    }
  }
  return moves;
}

Region Grow(const Space& space, const Region& region, const std::vector<Shift>& shifts) {
  Region out = space.EmptyRegion();
  for (const Shift& s : shifts) space.AddShifted(out, region, s);
  return out;
}

// The regions of a party's Horner steps U_k. Once a region stops growing (it fills what the
// space allows) the steps share one copy.
class RegionSequence {
 public:
  void Reset(size_t steps) {
    pool_.clear();
    at_.assign(steps, 0);
  }
  void Set(size_t k, Region region) {
    if (pool_.empty() || pool_.back().lo != region.lo || pool_.back().hi != region.hi) {
      pool_.push_back(std::move(region));
    }
    at_[k] = static_cast<int>(pool_.size()) - 1;
  }
  const Region& operator[](size_t k) const { return pool_[static_cast<size_t>(at_[k])]; }

 private:
  std::vector<Region> pool_;
  std::vector<int> at_;
};

void Zero(const Space& space, double* a, const Region& region) {
  space.ForRows(region, [&](int, std::ptrdiff_t at, int lo, int hi) {
    std::fill(a + at, a + at + (hi - lo + 1), 0.0);
  });
}

// The inner loop of every step, in AVX2 where the processor has it (simd.h).
WHIPCOUNT_VECTOR_KERNEL
void Axpy(double* __restrict dst, const double* __restrict src, double w, std::ptrdiff_t len) {
  for (std::ptrdiff_t i = 0; i < len; ++i) dst[i] += w * src[i];
}

WHIPCOUNT_VECTOR_KERNEL
double Dot(const double* __restrict x, const double* __restrict y, std::ptrdiff_t len) {
  double sum = 0;
  for (std::ptrdiff_t i = 0; i < len; ++i) sum += x[i] * y[i];
  return sum;
}

// For each row of `region` and each move, the run of cells x of the row whose x + move stays in
// the space: run(first cell's index, the move, cells).
template <typename Run>
void ForEachShiftedRun(const Space& space, const Region& region, const std::vector<Move>& moves,
                       Run&& run) {
  const Axis& inner = space.inner();
  const size_t last = static_cast<size_t>(space.dims() - 1);
  space.ForRows(region, [&](int r, std::ptrdiff_t at, int lo, int hi) {
    for (const Move& m : moves) {
      if (space.ShiftRow(r, m.shift) < 0) continue;
      const int s = m.shift[last];
      const int i_lo = std::max(lo, inner.lo - s);
      const int i_hi = std::min(hi, inner.hi - s);
      if (i_lo > i_hi) continue;
      run(at + (i_lo - lo), m, i_hi - i_lo + 1);
    }
  });
}

// out[x + move] += weight · in[x] for x in `from`, dropping what leaves the space.
void Scatter(const Space& space, const double* in, const Region& from, double* out,
             const std::vector<Move>& moves) {
  ForEachShiftedRun(space, from, moves, [&](std::ptrdiff_t x, const Move& m, int cells) {
    Axpy(out + x + m.offset, in + x, m.weight, cells);
  });
}

// out[x] += Σ weight · in[x + move] for x in `to` (in is 0 outside the space).
void Gather(const Space& space, const double* in, double* out, const Region& to,
            const std::vector<Move>& moves) {
  ForEachShiftedRun(space, to, moves, [&](std::ptrdiff_t x, const Move& m, int cells) {
    Axpy(out + x, in + x + m.offset, m.weight, cells);
  });
}

// Σ_x a[x] · b[x + shift] over x in `region`.
double ShiftDot(const Space& space, const double* a, const Region& region, const double* b,
                const Shift& shift) {
  const Axis& inner = space.inner();
  const int s = shift[static_cast<size_t>(space.dims() - 1)];
  const std::ptrdiff_t offset = space.Offset(shift);
  double total = 0;
  space.ForRows(region, [&](int r, std::ptrdiff_t at, int lo, int hi) {
    if (space.ShiftRow(r, shift) < 0) return;
    const int i_lo = std::max(lo, inner.lo - s);
    const int i_hi = std::min(hi, inner.hi - s);
    if (i_lo > i_hi) return;
    total += Dot(a + at + (i_lo - lo), b + at + (i_lo - lo) + offset, i_hi - i_lo + 1);
  });
  return total;
}

// ---------------------------------------------------------------------------------------------
// Forms: which counts a state holds, and a representative Counts for Decide().

// What the third and fourth axes of the full form hold.
enum class Extra { kNone, kAbstainAndDiscounted, kAbstain, kAbstainThenDiscounted };

struct FormSpec {
  StateSpace form = StateSpace::kFull;
  Extra extra = Extra::kNone;
  bool flag = false;  // the "against = 0" companion runs are needed
  int cap = 0;        // quorum correction: P < cap tracked apart; 0 = none
  int voters = 0;
};

Axis MakeAxis(std::array<int, kOutcomes> delta, int lo, int hi) {
  return Axis{.delta = delta, .lo = lo, .hi = hi};
}

// The quorum correction's cap: the number present, the chair's seat aside, below which the
// quorum fails (clamped to 0..voters + 1); 0 when the rule has no quorum.
int QuorumCap(const Plan& plan) {
  const std::optional<Quorum>& quorum = plan.rule->quorum;
  if (!quorum) return 0;
  const std::int64_t required =
      QuorumRequired(*quorum, plan.context.statutory_seats, plan.context.filled_seats);
  return static_cast<int>(std::clamp<std::int64_t>(required - plan.chair_seat, 0, plan.voters + 1));
}

// What the rule's thresholds count, which decides the counts a state must hold.
struct ThresholdBases {
  bool present = false;            // a base of members present
  bool cast_and_abstain = false;   // a base of votes cast and abstentions
  bool all_half_cast = true;       // every threshold is 1/2 of the votes cast
  bool all_seats = true;           // every base counts seats
  std::int64_t seat_required = 1;  // the most "for" votes a threshold over seats asks for
};

ThresholdBases BasesOf(const Plan& plan) {
  ThresholdBases bases;
  for (const Threshold& t : plan.rule->thresholds) {
    bases.present = bases.present || t.base == Base::kPresent;
    bases.cast_and_abstain = bases.cast_and_abstain || t.base == Base::kVotesCastAndAbstentions;
    bases.all_half_cast =
        bases.all_half_cast && t.base == Base::kVotesCast && 2 * t.fraction.num == t.fraction.den;
    const std::optional<std::int64_t> seats =
        SeatsOfBase(t.base, plan.context.statutory_seats, plan.context.filled_seats);
    bases.all_seats = bases.all_seats && seats.has_value();
    if (seats) bases.seat_required = std::max(bases.seat_required, RequiredVotes(t, *seats));
  }
  return bases;
}

// True when some vote may be discounted (the anti-defection rule in force).
bool AnyDiscounted(const Plan& plan) {
  auto discounted = [](const std::array<int, kActions>& outcomes) {
    return std::find(outcomes.begin(), outcomes.end(), kDiscounted) != outcomes.end();
  };
  return std::any_of(plan.parties.begin(), plan.parties.end(),
                     [&](const PartyUnit& u) { return discounted(u.line_outcome); }) ||
         std::any_of(plan.members.begin(), plan.members.end(),
                     [&](const MemberUnit& u) { return discounted(u.outcome_of); });
}

FormSpec ChooseForm(const Plan& plan, ExactSpace space) {
  FormSpec spec{.voters = plan.voters};
  const int cap = QuorumCap(plan);
  const ThresholdBases bases = BasesOf(plan);
  if (space == ExactSpace::kFull || bases.present || bases.cast_and_abstain) {
    spec.form = StateSpace::kFull;
    const bool need_present = bases.present || cap > 0;
    if (space == ExactSpace::kFull ||
        (bases.cast_and_abstain && need_present && AnyDiscounted(plan))) {
      spec.extra = Extra::kAbstainThenDiscounted;
    } else if (bases.cast_and_abstain) {
      spec.extra = Extra::kAbstain;
    } else if (need_present) {
      spec.extra = Extra::kAbstainAndDiscounted;
    }
    return spec;  // the present count is derivable: no correction space
  }
  spec.cap = cap;
  if (bases.all_half_cast) {
    spec.form = StateSpace::kMargin;
    spec.flag = true;
  } else if (bases.all_seats &&
             spec.voters / 2 < std::max<std::int64_t>(bases.seat_required - 1, 1)) {
    // A tie (for = against ≥ 1) needs for ≤ n/2, too few to reach the bar even with a casting
    // vote, so whether anyone votes against never matters.
    spec.form = StateSpace::kFor;
  } else {
    spec.form = StateSpace::kForAgainst;
  }
  return spec;
}

// The main space's axes (before any quorum axis); `limit` bounds every count (n, or cap − 1).
std::vector<Axis> MainAxes(const FormSpec& spec, int limit) {
  switch (spec.form) {
    case StateSpace::kMargin:
      return {MakeAxis({1, -1, 0, 0, 0}, -limit, limit)};
    case StateSpace::kFor:
      return {MakeAxis({1, 0, 0, 0, 0}, 0, limit)};
    case StateSpace::kForAgainst:
      return {MakeAxis({1, 0, 0, 0, 0}, 0, limit), MakeAxis({0, 1, 0, 0, 0}, 0, limit)};
    case StateSpace::kFull:
      break;
  }
  std::vector<Axis> axes = {MakeAxis({1, 0, 0, 0, 0}, 0, limit),
                            MakeAxis({0, 1, 0, 0, 0}, 0, limit)};
  switch (spec.extra) {
    case Extra::kNone:
      break;
    case Extra::kAbstainAndDiscounted:
      axes.push_back(MakeAxis({0, 0, 1, 0, 1}, 0, limit));
      break;
    case Extra::kAbstain:
      axes.push_back(MakeAxis({0, 0, 1, 0, 0}, 0, limit));
      break;
    case Extra::kAbstainThenDiscounted:
      axes.push_back(MakeAxis({0, 0, 1, 0, 0}, 0, limit));
      axes.push_back(MakeAxis({0, 0, 0, 0, 1}, 0, limit));
      break;
  }
  return axes;
}

Axis PresentAxis(int cap) { return MakeAxis({1, 1, 1, 0, 1}, 0, cap - 1); }

// A representative count for a main-space state. `flag`: whether someone votes against (only
// the margin form distinguishes); `present`: the number present, or nullopt for "at least cap".
std::optional<Counts> Representative(const FormSpec& spec, const Values& c, int flag,
                                     std::optional<int> present, int chair_seat) {
  int f = 0;
  int a = 0;
  int ab = 0;
  int disc = 0;
  switch (spec.form) {
    case StateSpace::kMargin: {
      const int m = c[0];
      if (m < 0) {
        if (flag == 0) return std::nullopt;
        a = -m;
      } else {
        a = flag;
        f = m + flag;
      }
      break;
    }
    case StateSpace::kFor:
      f = c[0];
      break;
    case StateSpace::kForAgainst:
      f = c[0];
      a = c[1];
      break;
    case StateSpace::kFull:
      f = c[0];
      a = c[1];
      if (spec.extra != Extra::kNone) ab = c[2];
      if (spec.extra == Extra::kAbstainThenDiscounted) disc = c[3];
      break;
  }
  const int voting = f + a + ab + disc;
  if (voting > spec.voters) return std::nullopt;
  if (present) {
    if (*present < voting) return std::nullopt;
    ab += *present - voting;
  } else if (spec.form != StateSpace::kFull && spec.cap > voting) {
    ab += spec.cap - voting;  // enough present to meet the quorum
  }
  const int absent = std::max(spec.voters - (f + a + ab + disc), 0);
  return MakeCounts(f, a, ab, disc, absent, chair_seat);
}

// ---------------------------------------------------------------------------------------------
// One DP run over every unit in one space.

struct Accumulated {
  std::vector<double> d_cohesion;                     // per party unit
  std::vector<std::array<double, kActions>> pass_if;  // per member unit
};

class Runner {
 public:
  // `budget`: doubles that kept prefixes may take.
  Runner(const Space& space, const Plan& plan, bool zero_against, Sensitivity sensitivity,
         std::int64_t budget = 0)
      : space_(space),
        plan_(plan),
        zero_against_(zero_against),
        keep_(sensitivity == Sensitivity::kCompute),
        budget_(budget) {
    units_ = static_cast<int>(plan.parties.size() + plan.members.size());
    for (const PartyUnit& u : plan.parties) {
      Probs q = u.q;
      if (zero_against_) q[kAgainst] = 0;
      party_moves_.push_back(MovesFor(space_, q));
      std::vector<Shift> shifts;
      for (const Move& m : party_moves_.back()) shifts.push_back(m.shift);
      party_shifts_.push_back(std::move(shifts));
    }
    for (const MemberUnit& u : plan.members) {
      Probs p = u.p;
      if (zero_against_) p[kAgainst] = 0;
      member_moves_.push_back(MovesFor(space_, p));
      // Every action a member could take, even at chance 0, for P(pass | action).
      std::vector<Shift> shifts;
      shifts.reserve(kActions);
      for (int a = 0; a < kActions; ++a) {
        shifts.push_back(space_.ShiftOf(u.outcome_of[static_cast<size_t>(a)]));
      }
      member_shifts_.push_back(std::move(shifts));
    }
    sub_regions_.resize(plan.parties.size());
    regions_.resize(static_cast<size_t>(units_) + 1);
  }

  // Runs forward from the origin, keeping prefixes for Backward() when sensitivities are
  // wanted (packed to their regions): all of them if they fit in the budget, else every
  // `block_`-th as a checkpoint, the rest recomputed block by block.
  void Forward() {
    const std::ptrdiff_t size = space_.size();
    PlanRegions();
    std::int64_t packed = 0;
    for (int u = 0; u < units_; ++u) packed += regions_[static_cast<size_t>(u)].cells;
    block_ = units_ + 1;
    if (keep_ && packed > budget_) {
      block_ = std::max(1, static_cast<int>(std::ceil(std::sqrt(static_cast<double>(units_)))));
    }
    cur_.assign(static_cast<size_t>(size), 0.0);
    next_.assign(static_cast<size_t>(size), 0.0);
    cur_[static_cast<size_t>(space_.Index({}))] = 1;
    checkpoints_.clear();
    prefixes_.clear();
    for (int u = 0; u < units_; ++u) {
      if (keep_ && block_ > units_) {
        prefixes_.push_back(Pack(cur_.data(), regions_[static_cast<size_t>(u)]));
      } else if (keep_ && u % block_ == 0) {
        checkpoints_.push_back(Pack(cur_.data(), regions_[static_cast<size_t>(u)]));
      }
      ForwardUnit(u, cur_.data(), next_.data());
      std::swap(cur_, next_);
    }
    // Only the final region holds values; clear the rest.
    final_.assign(static_cast<size_t>(size), 0.0);
    Unpack(Pack(cur_.data(), regions_.back()), regions_.back(), final_.data());
  }

  const std::vector<double>& final_distribution() const { return final_; }

  // Sensitivities of ⟨final, g⟩ (g defined on the whole space), added into `acc`.
  void Backward(const std::vector<double>& g, Accumulated& acc) {
    const std::ptrdiff_t size = space_.size();
    std::vector<double>& v = cur_;
    std::vector<double>& v_prev = next_;
    v = g;
    v_prev.assign(static_cast<size_t>(size), 0.0);
    std::vector<double> d(static_cast<size_t>(size), 0.0);
    std::vector<double> work(static_cast<size_t>(size), 0.0);
    std::vector<double> step(static_cast<size_t>(size), 0.0);
    const bool recompute = block_ <= units_;
    const int blocks = units_ == 0 ? 0 : (units_ + block_ - 1) / block_;
    std::vector<std::vector<double>> local;
    for (int b = blocks - 1; b >= 0; --b) {
      const int first = b * block_;
      const int last = std::min(units_, first + block_);
      if (recompute) {
        // This block's prefixes from its checkpoint.
        local.resize(static_cast<size_t>(last - first));
        local[0] = checkpoints_[static_cast<size_t>(b)];
        Unpack(local[0], regions_[static_cast<size_t>(first)], work.data());
        for (int u = first; u < last - 1; ++u) {
          ForwardUnit(u, work.data(), step.data());
          std::swap(work, step);
          local[static_cast<size_t>(u + 1 - first)] =
              Pack(work.data(), regions_[static_cast<size_t>(u) + 1]);
        }
      }
      for (int u = last - 1; u >= first; --u) {
        const std::vector<double>& packed =
            recompute ? local[static_cast<size_t>(u - first)] : prefixes_[static_cast<size_t>(u)];
        Unpack(packed, regions_[static_cast<size_t>(u)], d.data());
        BackwardUnit(u, d.data(), v.data(), v_prev.data(), acc);
        std::swap(v, v_prev);
      }
    }
  }

 private:
  bool LineAllowed(const PartyUnit& u, int line, int k) const {
    if (u.line[static_cast<size_t>(line)] == 0) return false;
    return !(zero_against_ && k > 0 && u.line_outcome[static_cast<size_t>(line)] == kAgainst);
  }

  // The first k the party's operator needs (w_k or, for sensitivities, w'_k non-zero).
  int FirstK(const PartyUnit& u) const {
    for (int k = 0; k <= u.n; ++k) {
      if (u.w[static_cast<size_t>(k)] != 0 || (keep_ && u.dw[static_cast<size_t>(k)] != 0)) {
        return k;
      }
    }
    return u.n;
  }

  // The region after each unit, and each party's Horner sub-regions, from the origin.
  void PlanRegions() {
    regions_[0] = space_.Origin();
    for (int u = 0; u < units_; ++u) {
      const size_t su = static_cast<size_t>(u);
      const Region& in_region = regions_[su];
      if (su >= plan_.parties.size()) {
        regions_[su + 1] = Grow(space_, in_region, member_shifts_[su - plan_.parties.size()]);
        continue;
      }
      const PartyUnit& p = plan_.parties[su];
      const int first = FirstK(p);
      RegionSequence& subs = sub_regions_[su];
      subs.Reset(static_cast<size_t>(p.n) + 1);
      for (int k = first; k <= p.n; ++k) {
        const size_t sk = static_cast<size_t>(k);
        Region region =
            k > first ? Grow(space_, subs[sk - 1], party_shifts_[su]) : space_.EmptyRegion();
        if (p.w[sk] != 0 || (keep_ && p.dw[sk] != 0)) {
          for (int line = 0; line < kActions; ++line) {
            if (!LineAllowed(p, line, k)) continue;
            space_.AddShifted(region, in_region,
                              space_.ShiftOf(p.line_outcome[static_cast<size_t>(line)], k));
          }
        }
        subs.Set(sk, std::move(region));
      }
      regions_[su + 1] = subs[static_cast<size_t>(p.n)];
    }
  }

  std::vector<double> Pack(const double* a, const Region& region) const {
    std::vector<double> out;
    out.reserve(static_cast<size_t>(region.cells));
    space_.ForRows(region, [&](int, std::ptrdiff_t at, int lo, int hi) {
      out.insert(out.end(), a + at, a + at + (hi - lo + 1));
    });
    return out;
  }
  void Unpack(const std::vector<double>& packed, const Region& region, double* a) const {
    size_t from = 0;
    space_.ForRows(region, [&](int, std::ptrdiff_t at, int lo, int hi) {
      const size_t len = static_cast<size_t>(hi - lo + 1);
      std::memcpy(a + at, packed.data() + from, len * sizeof(double));
      from += len;
    });
  }

  // Applies unit u to `in` (on regions_[u]) into `out` (on regions_[u + 1]).
  void ForwardUnit(int u, const double* in, double* out) {
    const size_t su = static_cast<size_t>(u);
    const Region& in_region = regions_[su];
    if (su >= plan_.parties.size()) {
      const size_t m = su - plan_.parties.size();
      Zero(space_, out, regions_[su + 1]);
      Scatter(space_, in, in_region, out, member_moves_[m]);
      return;
    }
    const PartyUnit& p = plan_.parties[su];
    const std::vector<Move>& moves = party_moves_[su];
    const int first = FirstK(p);
    const RegionSequence& subs = sub_regions_[su];
    // Horner: U_k = I·U_{k−1} + w_k·L_k·in, for k = first..n; U_n is the result.
    scratch_.resize(static_cast<size_t>(space_.size()));
    double* cur = out;
    double* nxt = scratch_.data();
    for (int k = first; k <= p.n; ++k) {
      const size_t sk = static_cast<size_t>(k);
      const double wk = p.w[sk];
      Zero(space_, nxt, subs[sk]);
      if (k > first) Scatter(space_, cur, subs[sk - 1], nxt, moves);
      if (wk != 0) {
        for (int line = 0; line < kActions; ++line) {
          if (!LineAllowed(p, line, k)) continue;
          const Shift s = space_.ShiftOf(p.line_outcome[static_cast<size_t>(line)], k);
          Scatter(space_, in, in_region, nxt,
                  {MakeMove(space_, s, wk * p.line[static_cast<size_t>(line)])});
        }
      }
      std::swap(cur, nxt);
    }
    if (cur != out) {
      space_.ForRows(subs[static_cast<size_t>(p.n)], [&](int, std::ptrdiff_t at, int lo, int hi) {
        std::memcpy(out + at, cur + at, static_cast<size_t>(hi - lo + 1) * sizeof(double));
      });
    }
  }

  // v_in = T*·v_out on the unit's input region, and the unit's sensitivities.
  void BackwardUnit(int u, const double* d_in, const double* v_out, double* v_in,
                    Accumulated& acc) {
    const size_t su = static_cast<size_t>(u);
    const Region& in_region = regions_[su];
    Zero(space_, v_in, in_region);
    if (su >= plan_.parties.size()) {
      const size_t m = su - plan_.parties.size();
      Gather(space_, v_out, v_in, in_region, member_moves_[m]);
      const MemberUnit& mu = plan_.members[m];
      for (int a = 0; a < kActions; ++a) {
        const int o = mu.outcome_of[static_cast<size_t>(a)];
        if (zero_against_ && o == kAgainst) continue;
        acc.pass_if[m][static_cast<size_t>(a)] +=
            ShiftDot(space_, d_in, in_region, v_out, space_.ShiftOf(o));
      }
      return;
    }
    const PartyUnit& p = plan_.parties[su];
    const std::vector<Move>& moves = party_moves_[su];
    const RegionSequence& subs = sub_regions_[su];
    const int first = FirstK(p);
    // Λ_n = v_out; Λ_{k−1} = I*·Λ_k on the region of U_{k−1}.
    std::vector<double>& lambda = lambda_;
    std::vector<double>& lambda_prev = lambda_prev_;
    lambda.resize(static_cast<size_t>(space_.size()));
    lambda_prev.resize(static_cast<size_t>(space_.size()));
    space_.ForRows(subs[static_cast<size_t>(p.n)], [&](int, std::ptrdiff_t at, int lo, int hi) {
      std::memcpy(lambda.data() + at, v_out + at,
                  static_cast<size_t>(hi - lo + 1) * sizeof(double));
    });
    double derivative = 0;
    for (int k = p.n; k >= first; --k) {
      const size_t sk = static_cast<size_t>(k);
      const double wk = p.w[sk];
      const double dwk = p.dw[sk];
      for (int line = 0; line < kActions; ++line) {
        if ((wk == 0 && dwk == 0) || !LineAllowed(p, line, k)) continue;
        const double lam = p.line[static_cast<size_t>(line)];
        const Shift s = space_.ShiftOf(p.line_outcome[static_cast<size_t>(line)], k);
        if (wk != 0)
          Gather(space_, lambda.data(), v_in, in_region, {MakeMove(space_, s, wk * lam)});
        if (dwk != 0) derivative += dwk * lam * ShiftDot(space_, d_in, in_region, lambda.data(), s);
      }
      if (k > first) {
        const Region& prev = subs[sk - 1];
        Zero(space_, lambda_prev.data(), prev);
        Gather(space_, lambda.data(), lambda_prev.data(), prev, moves);
        std::swap(lambda, lambda_prev);
      }
    }
    acc.d_cohesion[su] += derivative;
  }

  const Space& space_;
  const Plan& plan_;
  bool zero_against_;
  bool keep_;
  std::int64_t budget_;
  int units_ = 0;
  int block_ = 1;
  std::vector<std::vector<Move>> party_moves_;
  std::vector<std::vector<Shift>> party_shifts_;
  std::vector<std::vector<Move>> member_moves_;
  std::vector<std::vector<Shift>> member_shifts_;
  std::vector<RegionSequence> sub_regions_;  // per party: the region of each U_k
  std::vector<Region> regions_;  // regions_[u]: before unit u; regions_[units_]: the result
  std::vector<std::vector<double>> checkpoints_;  // packed to their regions
  std::vector<std::vector<double>> prefixes_;     // packed to their regions
  std::vector<double> cur_;
  std::vector<double> next_;
  std::vector<double> final_;
  std::vector<double> scratch_;
  std::vector<double> lambda_;
  std::vector<double> lambda_prev_;
};

std::int64_t SpaceCells(const std::vector<Axis>& axes) {
  std::int64_t n = 1;
  for (const Axis& a : axes) {
    const std::int64_t len = a.hi - a.lo + 1;
    if (n > (std::int64_t{1} << 50) / len) return std::int64_t{1} << 50;
    n *= len;
  }
  return n;
}

std::vector<Axis> CorrectionAxes(const FormSpec& spec) {
  std::vector<Axis> axes = {PresentAxis(spec.cap)};
  for (const Axis& a : MainAxes(spec, spec.cap - 1)) axes.push_back(a);
  return axes;
}

// ---------------------------------------------------------------------------------------------
// Verdicts: every cell of a space decided once, through Decide().

// A cell's verdict: whether the representative exists, passes, and its margin (for − required,
// in 64 bits: a threshold near 1 of the votes cast can ask for billions). Packed in 16 bytes, as
// a space holds millions of them.
struct Verdict {
  std::int64_t margin = 0;  // when has_margin
  bool has_margin = false;
  bool feasible = false;
  bool pass = false;

  std::optional<std::int64_t> Margin() const {
    return has_margin ? std::optional<std::int64_t>(margin) : std::nullopt;
  }
};

// Verdicts indexed [cell][flag]; flag 1 (someone votes against) is the only one for forms
// without the flag.
using Verdicts = std::vector<std::array<Verdict, 2>>;

Verdict DecideCell(const FormSpec& spec, const Plan& plan, const Values& c, int flag,
                   std::optional<int> present) {
  Verdict v;
  std::optional<Counts> counts = Representative(spec, c, flag, present, plan.chair_seat);
  if (!counts) return v;
  const Outcome o = Decide(*counts, *plan.rule, plan.context);
  v.feasible = true;
  v.pass = o.passes;
  if (o.required) {
    v.margin = counts->for_votes - *o.required;
    v.has_margin = true;
  }
  return v;
}

// The main-space values of a correction-space cell: its axes after the present count.
Values WithoutPresent(const Values& v) {
  Values c{};
  for (int d = 1; d < kMaxAxes; ++d) c[static_cast<size_t>(d - 1)] = v[static_cast<size_t>(d)];
  return c;
}

// fn(index, values) for every cell of the space.
template <typename Fn>
void ForEachCell(const Space& space, Fn&& fn) {
  space.ForRows(space.All(), [&](int r, std::ptrdiff_t at, int lo, int hi) {
    Values v = space.RowValues(r);
    for (int i = lo; i <= hi; ++i) {
      v[static_cast<size_t>(space.dims() - 1)] = i;
      fn(static_cast<size_t>(at + (i - lo)), v);
    }
  });
}

// Every cell of the main space with the quorum met, or (`correction`) of the correction space,
// whose first axis is the number present.
Verdicts DecideSpace(const FormSpec& spec, const Plan& plan, const Space& space, bool correction) {
  Verdicts out(static_cast<size_t>(space.size()));
  const int first_flag = spec.flag ? 0 : 1;
  ForEachCell(space, [&](size_t at, const Values& v) {
    const Values c = correction ? WithoutPresent(v) : v;
    const std::optional<int> present = correction ? std::optional<int>(v[0]) : std::nullopt;
    auto& cell = out[at];
    for (int flag = first_flag; flag < 2; ++flag) {
      cell[static_cast<size_t>(flag)] = DecideCell(spec, plan, c, flag, present);
    }
    if (!spec.flag) cell[0] = cell[1];
  });
  return out;
}

// pass(cell, flag); an infeasible representative stands in for the other flag's (its mass is
// zero there, so the value is immaterial but must be consistent between runs).
double PassOf(const std::array<Verdict, 2>& cell, int flag) {
  const Verdict& v = cell[static_cast<size_t>(flag)];
  const Verdict& other = cell[static_cast<size_t>(1 - flag)];
  if (v.feasible) return v.pass ? 1.0 : 0.0;
  return other.feasible && other.pass ? 1.0 : 0.0;
}

std::optional<std::int64_t> MarginOf(const std::array<Verdict, 2>& cell, int flag) {
  const Verdict& v = cell[static_cast<size_t>(flag)];
  return v.feasible ? v.Margin() : cell[static_cast<size_t>(1 - flag)].Margin();
}

// ---------------------------------------------------------------------------------------------
// Runs: P(pass) = Σ_runs ⟨final distribution, g⟩.

struct Run {
  const Space* space = nullptr;
  bool zero_against = false;  // the run with "against" removed (the mass with A = 0)
  std::vector<double> g;
  std::unique_ptr<Runner> runner;
};

Run MakeRun(const Space& space, bool zero_against) {
  return Run{.space = &space,
             .zero_against = zero_against,
             .g = std::vector<double>(static_cast<size_t>(space.size()))};
}

// The main space's runs: everyone, then (forms with the flag) nobody against, where that changes
// a verdict or a margin.
void AddMainRuns(const FormSpec& spec, const Space& main_space, const Verdicts& sat,
                 std::vector<Run>& runs) {
  Run all = MakeRun(main_space, false);
  Run none = MakeRun(main_space, true);
  bool none_matters = false;
  for (size_t i = 0; i < sat.size(); ++i) {
    all.g[i] = PassOf(sat[i], 1);
    none.g[i] = PassOf(sat[i], 0) - PassOf(sat[i], 1);
    none_matters = none_matters || none.g[i] != 0 || MarginOf(sat[i], 0) != MarginOf(sat[i], 1);
  }
  runs.push_back(std::move(all));
  if (spec.flag && none_matters) runs.push_back(std::move(none));
}

// The quorum correction matters only if the quorum can fail. When fewer than cap + 1 members
// present has a chance below 1e-300 (a number no double sum would notice) it is left out;
// cap + 1 keeps the bound good for "P(pass) if this member stays away" too, and a party whose
// cohesion sits at 0 or 1 (whose derivative looks at a case of chance 0) keeps it.
bool QuorumCanFail(const FormSpec& spec, const Plan& plan, const ForecastOptions& options) {
  if (spec.cap == 0) return false;
  if (options.sensitivity == Sensitivity::kCompute) {
    for (const PartyUnit& u : plan.parties) {
      for (size_t k = 0; k < u.w.size(); ++k) {
        if (u.w[k] == 0 && u.dw[k] != 0) return true;
      }
    }
  }
  const Space present_space({PresentAxis(spec.cap + 1)});
  Runner present(present_space, plan, false, Sensitivity::kSkip);
  present.Forward();
  double tail = 0;
  for (double x : present.final_distribution()) tail += x;
  return !(tail < 1e-300);
}

// The correction runs: below the quorum (`here`) less what the main runs counted (`sat`).
void AddCorrectionRuns(const FormSpec& spec, const Space& corr_space, const Space& main_space,
                       const Verdicts& sat, const Verdicts& here, std::vector<Run>& runs) {
  Run all = MakeRun(corr_space, false);
  Run none = MakeRun(corr_space, true);
  bool all_matters = false;
  bool none_matters = false;
  ForEachCell(corr_space, [&](size_t at, const Values& v) {
    const auto& cell = sat[static_cast<size_t>(main_space.Index(WithoutPresent(v)))];
    const double d1 = PassOf(here[at], 1) - PassOf(cell, 1);
    const double d0 = PassOf(here[at], 0) - PassOf(cell, 0);
    all.g[at] = d1;
    none.g[at] = d0 - d1;
    all_matters = all_matters || d1 != 0;
    none_matters = none_matters || d0 != d1;
  });
  if (all_matters) runs.push_back(std::move(all));
  if (spec.flag && none_matters) runs.push_back(std::move(none));
}

// Runs every run forward and returns P(pass). Kept prefixes share the memory budget.
double RunForward(std::vector<Run>& runs, const Plan& plan, const ForecastOptions& options) {
  const std::int64_t budget = options.sensitivity_memory /
                              static_cast<std::int64_t>(sizeof(double)) /
                              static_cast<std::int64_t>(std::max<size_t>(runs.size(), 1));
  double p = 0;
  for (Run& r : runs) {
    r.runner =
        std::make_unique<Runner>(*r.space, plan, r.zero_against, options.sensitivity, budget);
    r.runner->Forward();
    const std::vector<double>& d = r.runner->final_distribution();
    for (size_t i = 0; i < d.size(); ++i) p += d[i] * r.g[i];
  }
  return std::clamp(p, 0.0, 1.0);
}

// The margin distribution from the main runs (the quorum does not change the margin).
CountDistribution MarginDistribution(const std::vector<Run>& runs, const Space& main_space,
                                     const Verdicts& sat) {
  std::map<std::int64_t, double> hist;
  const std::vector<double>& all = runs[0].runner->final_distribution();
  const bool split = runs.size() > 1 && runs[1].zero_against && runs[1].space == &main_space;
  const std::vector<double>* none = split ? &runs[1].runner->final_distribution() : nullptr;
  auto add = [&](std::optional<std::int64_t> m, double mass) {
    if (m && mass != 0) hist[*m] += mass;
  };
  for (size_t i = 0; i < all.size(); ++i) {
    const double z = none ? (*none)[i] : 0.0;
    add(MarginOf(sat[i], 1), all[i] - z);
    add(MarginOf(sat[i], 0), z);
  }
  CountDistribution margin;
  for (const auto& [m, mass] : hist) {
    if (mass > 0) margin.points.push_back({.value = m, .p = mass});
  }
  return margin;
}

// The "for" distribution: the first axis of the main space, or a run of its own.
CountDistribution ForDistribution(const FormSpec& spec, const Plan& plan, const Space& main_space,
                                  const std::vector<Run>& runs) {
  std::vector<double> p(static_cast<size_t>(spec.voters) + 1, 0.0);
  if (spec.form == StateSpace::kMargin) {
    const Space f_space({MakeAxis({1, 0, 0, 0, 0}, 0, spec.voters)});
    Runner f(f_space, plan, false, Sensitivity::kSkip);
    f.Forward();
    p = f.final_distribution();
  } else {
    const std::vector<double>& all = runs[0].runner->final_distribution();
    ForEachCell(main_space,
                [&](size_t at, const Values& v) { p[static_cast<size_t>(v[0])] += all[at]; });
  }
  return CountDistribution::FromDense(0, p);
}

// dP/dcohesion for each party and P(pass | action) for each member, from the backward passes.
void AddSensitivities(std::vector<Run>& runs, const Plan& plan, const ResolvedModel& model,
                      RawForecast& raw) {
  Accumulated acc;
  acc.d_cohesion.assign(plan.parties.size(), 0.0);
  acc.pass_if.assign(plan.members.size(), {0, 0, 0, 0});
  for (Run& r : runs) {
    // A run kept for the margin distribution only has no say in P(pass).
    if (std::any_of(r.g.begin(), r.g.end(), [](double x) { return x != 0; })) {
      r.runner->Backward(r.g, acc);
    }
  }
  for (size_t i = 0; i < plan.parties.size(); ++i) {
    raw.parties.push_back(PartySensitivity{
        .party = model.parties[static_cast<size_t>(plan.parties[i].model_index)].party,
        .d_cohesion = acc.d_cohesion[i]});
  }
  for (size_t i = 0; i < plan.members.size(); ++i) {
    const auto& a = acc.pass_if[i];
    MemberSensitivity s{
        .member = model.members[static_cast<size_t>(plan.members[i].model_index)].member,
        .pass_if = {.for_votes = std::clamp(a[0], 0.0, 1.0),
                    .against = std::clamp(a[1], 0.0, 1.0),
                    .abstain = std::clamp(a[2], 0.0, 1.0),
                    .absent = std::clamp(a[3], 0.0, 1.0)}};
    s.swing = s.pass_if.for_votes - s.pass_if.against;
    raw.members.push_back(std::move(s));
  }
}

}  // namespace

std::int64_t ExactCells(const Plan& plan, ExactSpace space) {
  const FormSpec spec = ChooseForm(plan, space);
  const int copies = spec.flag ? 2 : 1;
  std::int64_t cells = copies * SpaceCells(MainAxes(spec, spec.voters));
  if (spec.cap > 0) cells += copies * SpaceCells(CorrectionAxes(spec));
  if (spec.form == StateSpace::kMargin) cells += spec.voters + 1;  // the "for" distribution
  return cells;
}

double ExactWork(const Plan& plan, const ForecastOptions& options) {
  // Every unit moves each of its members over at most every state, once forward and, for the
  // sensitivities, once more backward (with checkpoints, once more again).
  const double passes = options.sensitivity == Sensitivity::kCompute ? 3 : 1;
  return static_cast<double>(ExactCells(plan, options.space)) * (plan.voters + 1.0) * passes;
}

RawForecast ExactForecast(const Plan& plan, const ResolvedModel& model,
                          const ForecastOptions& options) {
  const FormSpec spec = ChooseForm(plan, options.space);
  RawForecast raw;
  raw.method = Method::kExact;
  raw.space = spec.form;
  raw.cells = ExactCells(plan, options.space);

  // Decide every cell first: the main space with the quorum met, then below it.
  const Space main_space(MainAxes(spec, spec.voters));
  const Verdicts sat = DecideSpace(spec, plan, main_space, false);
  std::optional<Space> corr_space;
  std::vector<Run> runs;  // after the spaces their runners refer to
  AddMainRuns(spec, main_space, sat, runs);
  if (QuorumCanFail(spec, plan, options)) {
    corr_space.emplace(CorrectionAxes(spec));
    const Verdicts here = DecideSpace(spec, plan, *corr_space, true);
    AddCorrectionRuns(spec, *corr_space, main_space, sat, here, runs);
  }

  raw.p_pass = RunForward(runs, plan, options);
  raw.margin = MarginDistribution(runs, main_space, sat);
  raw.for_votes = ForDistribution(spec, plan, main_space, runs);
  if (options.sensitivity == Sensitivity::kCompute) AddSensitivities(runs, plan, model, raw);
  return raw;
}

}  // namespace whipcount::forecast_internal
