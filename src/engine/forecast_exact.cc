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
// A = 0) and subtracting.
//
// Each party is one operator on the distribution: with w_k = P(K = k followers),
//   T d = Σ_k w_k · L_k · I^(n−k) d,  L_k = Σ_line λ_line · shift(k · δ_line),  I = Σ_o q_o
//   shift(δ_o)
// applied Horner-fashion (n applications of I). Sensitivities come from the adjoint (backward)
// pass: for unit u, P(pass | member acts a) = ⟨shift(δ_a) d_u, v_u⟩ and
// dP/dcohesion = Σ_k w'_k ⟨L_k d_u, Λ_k⟩, with prefixes d_u kept at checkpoints.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <map>
#include <memory>
#include <optional>

#include "forecast_internal.h"
#include "whipcount/tally.h"

namespace whipcount::forecast_internal {
namespace {

constexpr int kMaxAxes = 4;
// Memory for kept prefixes, in doubles (about 256 MB); beyond it sensitivities are skipped.
constexpr std::int64_t kPrefixBudget = 32'000'000;

using Shift = std::array<int, kMaxAxes>;

struct Axis {
  std::array<int, kOutcomes> delta{};  // change of this count per outcome
  int lo = 0;
  int hi = 0;
};

// A sub-box of a space, bounds inclusive, in axis values.
struct Box {
  std::array<int, kMaxAxes> lo{};
  std::array<int, kMaxAxes> hi{};
  bool empty = true;
};

class Space {
 public:
  explicit Space(std::vector<Axis> axes) : axes_(std::move(axes)) {
    dims_ = static_cast<int>(axes_.size());
    std::ptrdiff_t stride = 1;
    for (int d = dims_ - 1; d >= 0; --d) {
      strides_[static_cast<size_t>(d)] = stride;
      stride *= axes_[static_cast<size_t>(d)].hi - axes_[static_cast<size_t>(d)].lo + 1;
    }
    size_ = stride;
  }

  int dims() const { return dims_; }
  std::ptrdiff_t size() const { return size_; }
  const Axis& axis(int d) const { return axes_[static_cast<size_t>(d)]; }
  std::ptrdiff_t stride(int d) const { return strides_[static_cast<size_t>(d)]; }

  std::ptrdiff_t Index(const std::array<int, kMaxAxes>& v) const {
    std::ptrdiff_t idx = 0;
    for (int d = 0; d < dims_; ++d) idx += (v[static_cast<size_t>(d)] - axis(d).lo) * stride(d);
    return idx;
  }
  std::ptrdiff_t Offset(const Shift& s) const {
    std::ptrdiff_t off = 0;
    for (int d = 0; d < dims_; ++d) off += s[static_cast<size_t>(d)] * stride(d);
    return off;
  }
  Shift ShiftOf(int outcome, int times = 1) const {
    Shift s{};
    for (int d = 0; d < dims_; ++d) {
      s[static_cast<size_t>(d)] = axis(d).delta[static_cast<size_t>(outcome)] * times;
    }
    return s;
  }
  Box Full() const {
    Box b;
    b.empty = false;
    for (int d = 0; d < dims_; ++d) {
      b.lo[static_cast<size_t>(d)] = axis(d).lo;
      b.hi[static_cast<size_t>(d)] = axis(d).hi;
    }
    return b;
  }
  Box Origin() const {
    Box b;
    b.empty = false;
    return b;  // every axis at 0
  }
  // (box + s) ∩ the space.
  Box Shifted(const Box& box, const Shift& s) const {
    Box out;
    if (box.empty) return out;
    out.empty = false;
    for (int d = 0; d < dims_; ++d) {
      const size_t sd = static_cast<size_t>(d);
      out.lo[sd] = std::max(box.lo[sd] + s[sd], axis(d).lo);
      out.hi[sd] = std::min(box.hi[sd] + s[sd], axis(d).hi);
      if (out.lo[sd] > out.hi[sd]) return Box{};
    }
    return out;
  }
  Box Union(const Box& a, const Box& b) const {
    if (a.empty) return b;
    if (b.empty) return a;
    Box out = a;
    for (int d = 0; d < dims_; ++d) {
      const size_t sd = static_cast<size_t>(d);
      out.lo[sd] = std::min(a.lo[sd], b.lo[sd]);
      out.hi[sd] = std::max(a.hi[sd], b.hi[sd]);
    }
    return out;
  }
  std::int64_t Cells(const Box& b) const {
    if (b.empty) return 0;
    std::int64_t n = 1;
    for (int d = 0; d < dims_; ++d) {
      n *= b.hi[static_cast<size_t>(d)] - b.lo[static_cast<size_t>(d)] + 1;
    }
    return n;
  }

  // Calls fn(values, flat index of the row start) for each row of `box` (all axes but the last
  // fixed; the row runs along the last axis from box.lo to box.hi).
  template <typename Fn>
  void ForRows(const Box& box, Fn&& fn) const {
    if (box.empty) return;
    std::array<int, kMaxAxes> v = box.lo;
    const int outer = dims_ - 1;
    while (true) {
      fn(v, Index(v));
      int d = outer - 1;
      while (d >= 0) {
        const size_t sd = static_cast<size_t>(d);
        if (++v[sd] <= box.hi[sd]) break;
        v[sd] = box.lo[sd];
        --d;
      }
      if (d < 0) return;
    }
  }

 private:
  std::vector<Axis> axes_;
  int dims_ = 0;
  std::array<std::ptrdiff_t, kMaxAxes> strides_{};
  std::ptrdiff_t size_ = 0;
};

struct Move {
  Shift shift{};
  std::ptrdiff_t offset = 0;
  double weight = 0;
};

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
      moves.push_back(Move{.shift = s, .offset = space.Offset(s), .weight = w});
    }
  }
  return moves;
}

Box Grow(const Space& space, const Box& box, const std::vector<Shift>& shifts) {
  Box out;
  for (const Shift& s : shifts) out = space.Union(out, space.Shifted(box, s));
  return out;
}

void Zero(const Space& space, double* a, const Box& box) {
  const int last = space.dims() - 1;
  const std::ptrdiff_t len =
      box.empty ? 0 : box.hi[static_cast<size_t>(last)] - box.lo[static_cast<size_t>(last)] + 1;
  space.ForRows(box,
                [&](const auto&, std::ptrdiff_t row) { std::fill(a + row, a + row + len, 0.0); });
}

// out[x + move] += weight · in[x] for x in in_box, dropping what leaves the space.
void Scatter(const Space& space, const double* in, const Box& in_box, double* out,
             const std::vector<Move>& moves) {
  const int last = space.dims() - 1;
  const size_t sl = static_cast<size_t>(last);
  const Axis& inner = space.axis(last);
  space.ForRows(in_box, [&](const std::array<int, kMaxAxes>& v, std::ptrdiff_t row) {
    for (const Move& m : moves) {
      bool inside = true;
      for (int d = 0; d < last; ++d) {
        const size_t sd = static_cast<size_t>(d);
        const int t = v[sd] + m.shift[sd];
        inside = inside && t >= space.axis(d).lo && t <= space.axis(d).hi;
      }
      if (!inside) continue;
      const int s = m.shift[sl];
      const int i_lo = std::max(in_box.lo[sl], inner.lo - s);
      const int i_hi = std::min(in_box.hi[sl], inner.hi - s);
      if (i_lo > i_hi) continue;
      const double* src = in + row + (i_lo - in_box.lo[sl]);
      double* dst = out + row + (i_lo - in_box.lo[sl]) + m.offset;
      const double w = m.weight;
      const std::ptrdiff_t len = i_hi - i_lo + 1;
      for (std::ptrdiff_t i = 0; i < len; ++i) dst[i] += w * src[i];
    }
  });
}

// out[x] += Σ weight · in[x + move] for x in out_box (in is 0 outside the space).
void Gather(const Space& space, const double* in, double* out, const Box& out_box,
            const std::vector<Move>& moves) {
  const int last = space.dims() - 1;
  const size_t sl = static_cast<size_t>(last);
  const Axis& inner = space.axis(last);
  space.ForRows(out_box, [&](const std::array<int, kMaxAxes>& v, std::ptrdiff_t row) {
    for (const Move& m : moves) {
      bool inside = true;
      for (int d = 0; d < last; ++d) {
        const size_t sd = static_cast<size_t>(d);
        const int t = v[sd] + m.shift[sd];
        inside = inside && t >= space.axis(d).lo && t <= space.axis(d).hi;
      }
      if (!inside) continue;
      const int s = m.shift[sl];
      const int i_lo = std::max(out_box.lo[sl], inner.lo - s);
      const int i_hi = std::min(out_box.hi[sl], inner.hi - s);
      if (i_lo > i_hi) continue;
      double* dst = out + row + (i_lo - out_box.lo[sl]);
      const double* src = in + row + (i_lo - out_box.lo[sl]) + m.offset;
      const double w = m.weight;
      const std::ptrdiff_t len = i_hi - i_lo + 1;
      for (std::ptrdiff_t i = 0; i < len; ++i) dst[i] += w * src[i];
    }
  });
}

// Σ_x a[x] · b[x + shift] over x in box.
double ShiftDot(const Space& space, const double* a, const Box& box, const double* b,
                const Shift& shift) {
  const int last = space.dims() - 1;
  const size_t sl = static_cast<size_t>(last);
  const Axis& inner = space.axis(last);
  const std::ptrdiff_t offset = space.Offset(shift);
  double total = 0;
  space.ForRows(box, [&](const std::array<int, kMaxAxes>& v, std::ptrdiff_t row) {
    for (int d = 0; d < last; ++d) {
      const size_t sd = static_cast<size_t>(d);
      const int t = v[sd] + shift[sd];
      if (t < space.axis(d).lo || t > space.axis(d).hi) return;
    }
    const int s = shift[sl];
    const int i_lo = std::max(box.lo[sl], inner.lo - s);
    const int i_hi = std::min(box.hi[sl], inner.hi - s);
    if (i_lo > i_hi) return;
    const double* x = a + row + (i_lo - box.lo[sl]);
    const double* y = b + row + (i_lo - box.lo[sl]) + offset;
    for (std::ptrdiff_t i = 0; i <= i_hi - i_lo; ++i) total += x[i] * y[i];
  });
  return total;
}

// ---------------------------------------------------------------------------------------------
// Forms: which counts a state holds, and a representative Counts for Decide().

enum class Form { kMargin, kFor, kForAgainst, kFull };

const char* FormName(Form f) {
  switch (f) {
    case Form::kMargin:
      return "margin";
    case Form::kFor:
      return "for";
    case Form::kForAgainst:
      return "for-against";
    case Form::kFull:
      return "full";
  }
  return "full";
}

// What the third and fourth axes of the full form hold.
enum class Extra { kNone, kAbstainAndDiscounted, kAbstain, kAbstainThenDiscounted };

struct FormSpec {
  Form form = Form::kFull;
  Extra extra = Extra::kNone;
  bool flag = false;  // the "against = 0" companion runs are needed
  int cap = 0;        // quorum correction: P < cap tracked apart; 0 = none
  int voters = 0;
};

Axis MakeAxis(std::array<int, kOutcomes> delta, int lo, int hi) {
  return Axis{.delta = delta, .lo = lo, .hi = hi};
}

FormSpec ChooseForm(const Plan& plan, ExactSpace space) {
  const Rule& rule = *plan.rule;
  FormSpec spec;
  const int n = plan.voters;
  spec.voters = n;
  int cap = 0;
  if (rule.quorum) {
    std::int64_t required = 0;
    if (rule.quorum->absolute) {
      required = *rule.quorum->absolute;
    } else {
      const int seats = rule.quorum->base == Base::kFilledSeats ? plan.context.filled_seats
                                                                : plan.context.statutory_seats;
      required = RequiredVotes(
          Threshold{.fraction = rule.quorum->fraction, .strict = false, .base = rule.quorum->base},
          seats);
    }
    cap = static_cast<int>(std::clamp<std::int64_t>(required - plan.chair_seat, 0, n + 1));
  }
  bool has_present = false;
  bool has_castab = false;
  bool all_half_cast = true;
  bool all_seats = true;
  std::int64_t seat_required = 1;
  for (const Threshold& t : rule.thresholds) {
    has_present = has_present || t.base == Base::kPresent;
    has_castab = has_castab || t.base == Base::kVotesCastAndAbstentions;
    all_half_cast =
        all_half_cast && t.base == Base::kVotesCast && 2 * t.fraction.num == t.fraction.den;
    const bool seats = t.base == Base::kStatutorySeats || t.base == Base::kFilledSeats;
    all_seats = all_seats && seats;
    if (seats) {
      const std::int64_t base =
          t.base == Base::kFilledSeats ? plan.context.filled_seats : plan.context.statutory_seats;
      seat_required = std::max(seat_required, RequiredVotes(t, base));
    }
  }
  bool discount = false;
  for (const PartyUnit& u : plan.parties) {
    for (int o : u.line_outcome) discount = discount || o == kDiscounted;
  }
  for (const MemberUnit& u : plan.members) {
    for (int o : u.outcome_of) discount = discount || o == kDiscounted;
  }

  if (space == ExactSpace::kFull || has_present || has_castab) {
    spec.form = Form::kFull;
    const bool need_present = has_present || cap > 0;
    if (space == ExactSpace::kFull || (has_castab && need_present && discount)) {
      spec.extra = Extra::kAbstainThenDiscounted;
    } else if (has_castab) {
      spec.extra = Extra::kAbstain;
    } else if (need_present) {
      spec.extra = Extra::kAbstainAndDiscounted;
    }
    return spec;  // the present count is derivable: no correction space
  }
  spec.cap = cap;
  if (all_half_cast) {
    spec.form = Form::kMargin;
    spec.flag = true;
  } else if (all_seats && n / 2 < std::max<std::int64_t>(seat_required - 1, 1)) {
    // A tie (for = against ≥ 1) needs for ≤ n/2, too few to reach the bar even with a casting
    // vote, so whether anyone votes against never matters.
    spec.form = Form::kFor;
  } else {
    spec.form = Form::kForAgainst;
  }
  return spec;
}

// The main space's axes (before any quorum axis); `limit` bounds every count (n, or cap − 1).
std::vector<Axis> MainAxes(const FormSpec& spec, int limit) {
  switch (spec.form) {
    case Form::kMargin:
      return {MakeAxis({1, -1, 0, 0, 0}, -limit, limit)};
    case Form::kFor:
      return {MakeAxis({1, 0, 0, 0, 0}, 0, limit)};
    case Form::kForAgainst:
      return {MakeAxis({1, 0, 0, 0, 0}, 0, limit), MakeAxis({0, 1, 0, 0, 0}, 0, limit)};
    case Form::kFull:
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
std::optional<Counts> Representative(const FormSpec& spec, const std::array<int, kMaxAxes>& c,
                                     int flag, std::optional<int> present, int chair_seat) {
  int f = 0;
  int a = 0;
  int ab = 0;
  int disc = 0;
  switch (spec.form) {
    case Form::kMargin: {
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
    case Form::kFor:
      f = c[0];
      break;
    case Form::kForAgainst:
      f = c[0];
      a = c[1];
      break;
    case Form::kFull:
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
  } else if (spec.form != Form::kFull && spec.cap > voting) {
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
  Runner(const Space& space, const Plan& plan, bool zero_against)
      : space_(space), plan_(plan), zero_against_(zero_against) {
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
      std::vector<Shift> shifts;
      for (int o = 0; o < kOutcomes; ++o) shifts.push_back(space_.ShiftOf(o));
      member_shifts_.push_back(std::move(shifts));
    }
    sub_boxes_.resize(plan.parties.size());
    boxes_.resize(static_cast<size_t>(units_) + 1);
  }

  // Runs forward from the origin. With `keep`, keeps prefixes for Backward(): all of them if
  // they fit in the budget, else every `block`-th (checkpoints).
  void Forward(bool keep) {
    const std::ptrdiff_t size = space_.size();
    keep_ = keep;
    block_ = units_ + 1;
    if (keep && (units_ + 1) * static_cast<std::int64_t>(size) > kPrefixBudget) {
      block_ = std::max(1, static_cast<int>(std::ceil(std::sqrt(static_cast<double>(units_)))));
    }
    std::vector<double> cur(static_cast<size_t>(size), 0.0);
    std::vector<double> next(static_cast<size_t>(size), 0.0);
    boxes_[0] = space_.Origin();
    cur[static_cast<size_t>(space_.Index({}))] = 1;
    checkpoints_.clear();
    prefixes_.clear();
    for (int u = 0; u < units_; ++u) {
      if (keep && block_ > units_) {
        prefixes_.push_back(cur);
      } else if (keep && u % block_ == 0) {
        checkpoints_.push_back(cur);
      }
      ForwardUnit(u, cur.data(), boxes_[static_cast<size_t>(u)], next.data(),
                  boxes_[static_cast<size_t>(u) + 1], true);
      std::swap(cur, next);
    }
    // Only the final box holds values; clear the rest.
    final_.assign(static_cast<size_t>(size), 0.0);
    const Box& box = boxes_.back();
    const int last = space_.dims() - 1;
    const std::ptrdiff_t len =
        box.empty ? 0 : box.hi[static_cast<size_t>(last)] - box.lo[static_cast<size_t>(last)] + 1;
    space_.ForRows(box, [&](const auto&, std::ptrdiff_t row) {
      std::copy(cur.data() + row, cur.data() + row + len, final_.data() + row);
    });
  }

  const std::vector<double>& final_distribution() const { return final_; }
  const Box& final_box() const { return boxes_.back(); }

  // Sensitivities of ⟨final, g⟩, added into `acc`. Forward(true) must have run.
  void Backward(const std::vector<double>& g, Accumulated& acc) {
    const std::ptrdiff_t size = space_.size();
    std::vector<double> v = g;
    std::vector<double> v_prev(static_cast<size_t>(size), 0.0);
    const int blocks = units_ == 0 ? 0 : (units_ + block_ - 1) / block_;
    for (int b = blocks - 1; b >= 0; --b) {
      const int first = b * block_;
      const int last = std::min(units_, first + block_);
      std::vector<std::vector<double>> local;
      std::vector<std::vector<double>>* prefixes = &prefixes_;
      if (block_ <= units_) {
        // Recompute this block's prefixes from its checkpoint.
        local.push_back(checkpoints_[static_cast<size_t>(b)]);
        std::vector<double> next(static_cast<size_t>(size), 0.0);
        for (int u = first; u < last - 1; ++u) {
          Box ignored;
          ForwardUnit(u, local.back().data(), boxes_[static_cast<size_t>(u)], next.data(), ignored,
                      false);
          local.push_back(next);
        }
        prefixes = &local;
      }
      for (int u = last - 1; u >= first; --u) {
        const std::vector<double>& d =
            (*prefixes)[static_cast<size_t>(u - (block_ <= units_ ? first : 0))];
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

  void ForwardUnit(int u, const double* in, const Box& in_box, double* out, Box& out_box,
                   bool record) {
    const size_t su = static_cast<size_t>(u);
    if (su >= plan_.parties.size()) {
      const size_t m = su - plan_.parties.size();
      const Box box = Grow(space_, in_box, member_shifts_[m]);
      Zero(space_, out, box);
      Scatter(space_, in, in_box, out, member_moves_[m]);
      out_box = box;
      return;
    }
    const PartyUnit& p = plan_.parties[su];
    const std::vector<Move>& moves = party_moves_[su];
    const int first = FirstK(p);
    std::vector<Box>& subs = sub_boxes_[su];
    if (record) subs.assign(static_cast<size_t>(p.n) + 1, Box{});
    // Horner: U_k = I·U_{k−1} + w_k·L_k·in, for k = first..n; U_n is the result.
    std::vector<double>& tmp = scratch_;
    tmp.assign(static_cast<size_t>(space_.size()), 0.0);
    double* cur = out;
    double* nxt = tmp.data();
    Box cur_box;
    for (int k = first; k <= p.n; ++k) {
      Box box;
      if (k > first) box = Grow(space_, cur_box, party_shifts_[su]);
      const double wk = p.w[static_cast<size_t>(k)];
      const bool needed = wk != 0 || (keep_ && p.dw[static_cast<size_t>(k)] != 0);
      if (needed) {
        for (int line = 0; line < kActions; ++line) {
          if (!LineAllowed(p, line, k)) continue;
          const Shift s = space_.ShiftOf(p.line_outcome[static_cast<size_t>(line)], k);
          box = space_.Union(box, space_.Shifted(in_box, s));
        }
      }
      if (record) {
        subs[static_cast<size_t>(k)] = box;
      } else {
        box = subs[static_cast<size_t>(k)];
      }
      Zero(space_, nxt, box);
      if (k > first) Scatter(space_, cur, cur_box, nxt, moves);
      if (wk != 0) {
        for (int line = 0; line < kActions; ++line) {
          if (!LineAllowed(p, line, k)) continue;
          const Shift s = space_.ShiftOf(p.line_outcome[static_cast<size_t>(line)], k);
          const Move shift{.shift = s,
                           .offset = space_.Offset(s),
                           .weight = wk * p.line[static_cast<size_t>(line)]};
          Scatter(space_, in, in_box, nxt, {shift});
        }
      }
      std::swap(cur, nxt);
      cur_box = box;
    }
    if (cur != out) {
      Zero(space_, out, cur_box);
      const std::ptrdiff_t len = cur_box.empty
                                     ? 0
                                     : cur_box.hi[static_cast<size_t>(space_.dims() - 1)] -
                                           cur_box.lo[static_cast<size_t>(space_.dims() - 1)] + 1;
      space_.ForRows(cur_box, [&](const auto&, std::ptrdiff_t row) {
        std::memcpy(out + row, cur + row, static_cast<size_t>(len) * sizeof(double));
      });
    }
    out_box = cur_box;
  }

  // v_in = T*·v_out on the unit's input box, and the unit's sensitivities.
  void BackwardUnit(int u, const double* d_in, const double* v_out, double* v_in,
                    Accumulated& acc) {
    const size_t su = static_cast<size_t>(u);
    const Box& in_box = boxes_[su];
    Zero(space_, v_in, in_box);
    if (su >= plan_.parties.size()) {
      const size_t m = su - plan_.parties.size();
      Gather(space_, v_out, v_in, in_box, member_moves_[m]);
      const MemberUnit& mu = plan_.members[m];
      for (int a = 0; a < kActions; ++a) {
        const int o = mu.outcome_of[static_cast<size_t>(a)];
        if (zero_against_ && o == kAgainst) continue;
        acc.pass_if[m][static_cast<size_t>(a)] +=
            ShiftDot(space_, d_in, in_box, v_out, space_.ShiftOf(o));
      }
      return;
    }
    const PartyUnit& p = plan_.parties[su];
    const std::vector<Move>& moves = party_moves_[su];
    const std::vector<Box>& subs = sub_boxes_[su];
    const int first = FirstK(p);
    // Λ_n = v_out; Λ_{k−1} = I*·Λ_k on box(U_{k−1}).
    std::vector<double> lambda(v_out, v_out + space_.size());
    std::vector<double> lambda_prev(static_cast<size_t>(space_.size()), 0.0);
    double derivative = 0;
    for (int k = p.n; k >= first; --k) {
      const double wk = p.w[static_cast<size_t>(k)];
      const double dwk = p.dw[static_cast<size_t>(k)];
      for (int line = 0; line < kActions; ++line) {
        if ((wk == 0 && dwk == 0) || !LineAllowed(p, line, k)) continue;
        const double lam = p.line[static_cast<size_t>(line)];
        const Shift s = space_.ShiftOf(p.line_outcome[static_cast<size_t>(line)], k);
        if (wk != 0) {
          Gather(space_, lambda.data(), v_in, in_box,
                 {Move{.shift = s, .offset = space_.Offset(s), .weight = wk * lam}});
        }
        if (dwk != 0) derivative += dwk * lam * ShiftDot(space_, d_in, in_box, lambda.data(), s);
      }
      if (k > first) {
        const Box& prev_box = subs[static_cast<size_t>(k - 1)];
        Zero(space_, lambda_prev.data(), prev_box);
        Gather(space_, lambda.data(), lambda_prev.data(), prev_box, moves);
        std::swap(lambda, lambda_prev);
      }
    }
    acc.d_cohesion[su] += derivative;
  }

  const Space& space_;
  const Plan& plan_;
  bool zero_against_;
  bool keep_ = false;
  int units_ = 0;
  int block_ = 1;
  std::vector<std::vector<Move>> party_moves_;
  std::vector<std::vector<Shift>> party_shifts_;
  std::vector<std::vector<Move>> member_moves_;
  std::vector<std::vector<Shift>> member_shifts_;
  std::vector<std::vector<Box>> sub_boxes_;
  std::vector<Box> boxes_;  // boxes_[u]: before unit u; boxes_[units_]: the result
  std::vector<std::vector<double>> checkpoints_;
  std::vector<std::vector<double>> prefixes_;
  std::vector<double> final_;
  std::vector<double> scratch_;
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

}  // namespace

std::int64_t ExactCells(const Plan& plan, ExactSpace space) {
  const FormSpec spec = ChooseForm(plan, space);
  const int copies = spec.flag ? 2 : 1;
  std::int64_t cells = copies * SpaceCells(MainAxes(spec, spec.voters));
  if (spec.cap > 0) cells += copies * SpaceCells(CorrectionAxes(spec));
  if (spec.form == Form::kMargin) cells += spec.voters + 1;  // the "for" distribution
  return cells;
}

Result<RawForecast> ExactForecast(const Plan& plan, const ResolvedModel& model,
                                  const ForecastOptions& options) {
  (void)model;
  const FormSpec spec = ChooseForm(plan, options.space);
  const Rule& rule = *plan.rule;
  const bool sensitivity = options.sensitivity == Sensitivity::kCompute;
  RawForecast raw;
  raw.method = Method::kExact;
  raw.space = FormName(spec.form);
  raw.cells = ExactCells(plan, options.space);

  const Space main_space(MainAxes(spec, spec.voters));
  std::optional<Space> corr_space;
  if (spec.cap > 0) corr_space.emplace(CorrectionAxes(spec));

  // Runs: main; main with no "against" (flag); the quorum correction and its flag twin.
  struct Run {
    const Space* space;
    bool zero_against;
    bool correction;
    std::unique_ptr<Runner> runner;
    std::vector<double> g;
  };
  std::vector<Run> runs;
  runs.push_back({&main_space, false, false, nullptr, {}});
  if (spec.flag) runs.push_back({&main_space, true, false, nullptr, {}});
  if (corr_space) {
    runs.push_back({&*corr_space, false, true, nullptr, {}});
    if (spec.flag) runs.push_back({&*corr_space, true, true, nullptr, {}});
  }
  for (Run& r : runs) {
    r.runner = std::make_unique<Runner>(*r.space, plan, r.zero_against);
    r.runner->Forward(sensitivity);
  }

  // Decide every main state with the quorum met: pass and margin, for "against" present or not.
  struct Verdict {
    bool feasible = false;
    bool pass = false;
    std::optional<int> margin;
  };
  auto decide = [&](const std::array<int, kMaxAxes>& c, int flag, std::optional<int> present) {
    Verdict v;
    std::optional<Counts> counts = Representative(spec, c, flag, present, plan.chair_seat);
    if (!counts) return v;
    const Outcome o = Decide(*counts, rule, plan.context);
    v.feasible = true;
    v.pass = o.passes;
    if (o.required) v.margin = counts->for_votes - static_cast<int>(*o.required);
    return v;
  };
  const int flags = spec.flag ? 2 : 1;
  const Box& main_box = runs[0].runner->final_box();
  std::vector<std::array<Verdict, 2>> sat(static_cast<size_t>(main_space.size()));
  main_space.ForRows(main_box, [&](std::array<int, kMaxAxes> v, std::ptrdiff_t row) {
    const int last = main_space.dims() - 1;
    const size_t sl = static_cast<size_t>(last);
    for (int i = main_box.lo[sl]; i <= main_box.hi[sl]; ++i) {
      v[sl] = i;
      auto& cell = sat[static_cast<size_t>(row + (i - main_box.lo[sl]))];
      for (int flag = 0; flag < flags; ++flag) {
        cell[static_cast<size_t>(flag)] = decide(v, spec.flag ? flag : 1, std::nullopt);
      }
    }
  });
  // pass(c, flag, present) with an infeasible representative standing in for the other flag
  // (its mass is zero there, so the value is immaterial but must be consistent).
  auto pass_of = [&](const std::array<Verdict, 2>& cell, int flag) {
    const Verdict& v = cell[static_cast<size_t>(spec.flag ? flag : 0)];
    if (v.feasible) return v.pass ? 1.0 : 0.0;
    const Verdict& other = cell[static_cast<size_t>(spec.flag ? 1 - flag : 0)];
    return other.feasible && other.pass ? 1.0 : 0.0;
  };

  for (Run& r : runs) {
    r.g.assign(static_cast<size_t>(r.space->size()), 0.0);
    const Box& box = r.runner->final_box();
    const int last = r.space->dims() - 1;
    const size_t sl = static_cast<size_t>(last);
    r.space->ForRows(box, [&](std::array<int, kMaxAxes> v, std::ptrdiff_t row) {
      for (int i = box.lo[sl]; i <= box.hi[sl]; ++i) {
        v[sl] = i;
        double& g = r.g[static_cast<size_t>(row + (i - box.lo[sl]))];
        std::array<int, kMaxAxes> c{};
        std::optional<int> present;
        if (r.correction) {
          present = v[0];
          for (int d = 1; d < kMaxAxes; ++d)
            c[static_cast<size_t>(d - 1)] = v[static_cast<size_t>(d)];
        } else {
          c = v;
        }
        bool in_main = !main_box.empty;
        for (int d = 0; d < main_space.dims(); ++d) {
          const size_t sd = static_cast<size_t>(d);
          in_main = in_main && c[sd] >= main_box.lo[sd] && c[sd] <= main_box.hi[sd];
        }
        std::array<Verdict, 2> outside;
        if (!in_main) {
          for (int flag = 0; flag < flags; ++flag) {
            outside[static_cast<size_t>(flag)] = decide(c, spec.flag ? flag : 1, std::nullopt);
          }
        }
        const auto& cell = in_main ? sat[static_cast<size_t>(main_space.Index(c))] : outside;
        if (!r.correction) {
          g = r.zero_against ? pass_of(cell, 0) - pass_of(cell, 1) : pass_of(cell, 1);
          continue;
        }
        std::array<Verdict, 2> here;
        for (int flag = 0; flag < flags; ++flag) {
          here[static_cast<size_t>(flag)] = decide(c, spec.flag ? flag : 1, present);
        }
        auto here_pass = [&](int flag) {
          const Verdict& vv = here[static_cast<size_t>(spec.flag ? flag : 0)];
          if (vv.feasible) return vv.pass ? 1.0 : 0.0;
          const Verdict& other = here[static_cast<size_t>(spec.flag ? 1 - flag : 0)];
          return other.feasible && other.pass ? 1.0 : 0.0;
        };
        const double d1 = here_pass(1) - pass_of(cell, 1);
        const double d0 = here_pass(0) - pass_of(cell, 0);
        g = r.zero_against ? d0 - d1 : d1;
      }
    });
  }

  double p = 0;
  for (const Run& r : runs) {
    const std::vector<double>& d = r.runner->final_distribution();
    for (size_t i = 0; i < d.size(); ++i) p += d[i] * r.g[i];
  }
  raw.p_pass = std::clamp(p, 0.0, 1.0);

  // The margin distribution from the main runs (the quorum does not change the margin).
  {
    std::map<int, double> hist;
    const std::vector<double>& all = runs[0].runner->final_distribution();
    const std::vector<double>* none = spec.flag ? &runs[1].runner->final_distribution() : nullptr;
    const int last = main_space.dims() - 1;
    const size_t sl = static_cast<size_t>(last);
    main_space.ForRows(main_box, [&](std::array<int, kMaxAxes> v, std::ptrdiff_t row) {
      for (int i = main_box.lo[sl]; i <= main_box.hi[sl]; ++i) {
        v[sl] = i;
        const size_t idx = static_cast<size_t>(row + (i - main_box.lo[sl]));
        const double z = none ? (*none)[idx] : 0.0;
        const double with_against = all[idx] - z;
        auto add = [&](const Verdict& vd, double mass) {
          if (!vd.margin || mass == 0) return;
          hist[*vd.margin] += mass;
        };
        if (spec.flag) {
          add(sat[idx][1], with_against);
          add(sat[idx][0], z);
        } else {
          add(sat[idx][0], all[idx]);
        }
      }
    });
    std::erase_if(hist, [](const auto& kv) { return kv.second <= 0; });
    if (!hist.empty()) {
      raw.margin.lo = hist.begin()->first;
      raw.margin.p.assign(static_cast<size_t>(hist.rbegin()->first - raw.margin.lo) + 1, 0.0);
      for (const auto& [m, mass] : hist)
        raw.margin.p[static_cast<size_t>(m - raw.margin.lo)] = mass;
    }
  }

  // The "for" distribution: the first axis of the main space, or a run of its own.
  {
    std::vector<double> for_dist(static_cast<size_t>(spec.voters) + 1, 0.0);
    if (spec.form == Form::kMargin) {
      const Space f_space({MakeAxis({1, 0, 0, 0, 0}, 0, spec.voters)});
      Runner f(f_space, plan, false);
      f.Forward(false);
      for_dist = f.final_distribution();
    } else {
      const std::vector<double>& all = runs[0].runner->final_distribution();
      const int last = main_space.dims() - 1;
      const size_t sl = static_cast<size_t>(last);
      main_space.ForRows(main_box, [&](const std::array<int, kMaxAxes>& v, std::ptrdiff_t row) {
        for (int i = main_box.lo[sl]; i <= main_box.hi[sl]; ++i) {
          const int f = last == 0 ? i : v[0];
          for_dist[static_cast<size_t>(f)] += all[static_cast<size_t>(row + (i - main_box.lo[sl]))];
        }
      });
    }
    raw.for_votes.lo = 0;
    raw.for_votes.p = std::move(for_dist);
    for (double& x : raw.for_votes.p) x = std::max(x, 0.0);
  }

  if (sensitivity) {
    Accumulated acc;
    acc.d_cohesion.assign(plan.parties.size(), 0.0);
    acc.pass_if.assign(plan.members.size(), {0, 0, 0, 0});
    for (Run& r : runs) r.runner->Backward(r.g, acc);
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
  return raw;
}

}  // namespace whipcount::forecast_internal
