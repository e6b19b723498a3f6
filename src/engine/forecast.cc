// The forecast model: defaults, validation, resolution into units, and the report.
#include "whipcount/forecast.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "forecast_internal.h"
#include "whipcount/tally.h"

namespace whipcount {
namespace {

using forecast_internal::EffectiveCorrelation;
using forecast_internal::kActions;

constexpr double kSumTolerance = 1e-9;

// The defaults for a party (or a lone member) by declared line; docs/forecast.md lists them.
struct Defaults {
  double cohesion;
  VoteProbabilities line;
  VoteProbabilities otherwise;
};

Defaults DefaultsFor(Stance stance) {
  switch (stance) {
    case Stance::kFor:
      return {0.8,
              Certain(Stance::kFor),
              {.for_votes = 0.9, .against = 0.02, .abstain = 0.03, .absent = 0.05}};
    case Stance::kAgainst:
      return {0.8,
              Certain(Stance::kAgainst),
              {.for_votes = 0.02, .against = 0.9, .abstain = 0.03, .absent = 0.05}};
    case Stance::kAbstain:
    case Stance::kPresent:  // modelled as abstaining: Forecast() refuses where they differ
      return {0.8,
              Certain(Stance::kAbstain),
              {.for_votes = 0.05, .against = 0.05, .abstain = 0.8, .absent = 0.1}};
    case Stance::kAbsent:
      return {0.8,
              Certain(Stance::kAbsent),
              {.for_votes = 0.05, .against = 0.05, .abstain = 0.1, .absent = 0.8}};
    case Stance::kUndecided:
      break;
  }
  const VoteProbabilities even{.for_votes = 0.5, .against = 0.5};
  return {0.5, even, even};
}

VoteProbabilities Mix(double c, const VoteProbabilities& a, const VoteProbabilities& b) {
  return {.for_votes = c * a.for_votes + (1 - c) * b.for_votes,
          .against = c * a.against + (1 - c) * b.against,
          .abstain = c * a.abstain + (1 - c) * b.abstain,
          .absent = c * a.absent + (1 - c) * b.absent};
}

std::array<double, kActions> AsArray(const VoteProbabilities& p) {
  return {p.for_votes, p.against, p.abstain, p.absent};
}

Status CheckProbability(double p, const std::string& path, std::string_view what) {
  if (!std::isfinite(p) || p < 0 || p > 1) {
    return Status(
        ErrorCode::kInvalidValue,
        std::string(what) + " must be a probability between 0 and 1, not " + std::to_string(p),
        {.path = path});
  }
  return Status::Ok();
}

Status CheckVector(const VoteProbabilities& p, const std::string& path) {
  const std::array<std::pair<double, const char*>, kActions> parts = {
      {{p.for_votes, "for"}, {p.against, "against"}, {p.abstain, "abstain"}, {p.absent, "absent"}}};
  for (const auto& [value, name] : parts) {
    WHIPCOUNT_RETURN_IF_ERROR(CheckProbability(value, FieldPath(path, name),
                                               "the chance of '" + std::string(name) + "'"));
  }
  if (std::abs(p.Sum() - 1) > kSumTolerance) {
    return Status(ErrorCode::kInvalidValue,
                  "the chances of for, against, abstain and absent sum to " +
                      std::to_string(p.Sum()) + ", not 1",
                  {.path = path});
  }
  return Status::Ok();
}

Status CheckAssumptions(const PartyAssumptions& a, const std::string& path) {
  if (a.cohesion)
    WHIPCOUNT_RETURN_IF_ERROR(CheckProbability(*a.cohesion, path + ".cohesion", "cohesion"));
  if (a.rho) WHIPCOUNT_RETURN_IF_ERROR(CheckProbability(*a.rho, path + ".rho", "rho"));
  if (a.otherwise) WHIPCOUNT_RETURN_IF_ERROR(CheckVector(*a.otherwise, path + ".otherwise"));
  if (a.line) WHIPCOUNT_RETURN_IF_ERROR(CheckVector(*a.line, path + ".line"));
  return Status::Ok();
}

// log of Π_{i<j} (x + i) for j = 0..n; -inf where a factor is 0.
std::vector<double> LogRising(double x, int n) {
  std::vector<double> out(static_cast<size_t>(n) + 1, 0.0);
  for (int j = 1; j <= n; ++j) {
    const double f = x + (j - 1);
    out[static_cast<size_t>(j)] = out[static_cast<size_t>(j - 1)] +
                                  (f > 0 ? std::log(f) : -std::numeric_limits<double>::infinity());
  }
  return out;
}

double LogChoose(int n, int k) {
  return std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0);
}

// P(Binomial(n, c) = j) for j = 0..n, exact at c = 0 and c = 1.
std::vector<double> BinomialPmf(int n, double c) {
  std::vector<double> w(static_cast<size_t>(n) + 1, 0.0);
  if (c <= 0) {
    w[0] = 1;
  } else if (c >= 1) {
    w.back() = 1;
  } else {
    for (int j = 0; j <= n; ++j) {
      w[static_cast<size_t>(j)] =
          std::exp(LogChoose(n, j) + j * std::log(c) + (n - j) * std::log1p(-c));
    }
  }
  return w;
}

// The distribution of K, the number of members following the line, and its derivative in c.
void FollowerWeights(int n, double c, Correlation correlation, double rho, std::vector<double>& w,
                     std::vector<double>& dw) {
  const size_t size = static_cast<size_t>(n) + 1;
  w.assign(size, 0.0);
  dw.assign(size, 0.0);
  if (n == 0) {
    w[0] = 1;
    return;
  }
  switch (EffectiveCorrelation(correlation, rho)) {
    case Correlation::kBloc:
      w[0] = 1 - c;
      w[size - 1] = c;
      dw[0] = -1;
      dw[size - 1] = 1;
      return;
    case Correlation::kIndependent: {
      w = BinomialPmf(n, c);
      // d/dc Bin(n, c)(j) = n [Bin(n−1, c)(j−1) − Bin(n−1, c)(j)].
      const std::vector<double> b = BinomialPmf(n - 1, c);
      for (size_t j = 0; j < size; ++j) {
        const double left = j > 0 ? b[j - 1] : 0.0;
        const double right = j < b.size() ? b[j] : 0.0;
        dw[j] = n * (left - right);
      }
      return;
    }
    case Correlation::kBetaBinomial:
      break;
  }
  // Beta-binomial: w_j = C(n,j) (α)_j (β)_{n−j} / (α+β)_n with α = c·s, β = (1−c)·s,
  // s = (1−ρ)/ρ; each rising factorial is a product of factors linear in c.
  const double s = (1 - rho) / rho;
  const double alpha = c * s;
  const double beta = (1 - c) * s;
  const std::vector<double> la = LogRising(alpha, n);
  const std::vector<double> lb = LogRising(beta, n);
  const double ls = LogRising(s, n).back();
  // Σ_{i<j} 1/(x+i), skipping a zero factor (whose derivative is taken apart).
  std::vector<double> ha(size, 0.0);
  std::vector<double> hb(size, 0.0);
  for (int j = 1; j <= n; ++j) {
    const size_t sj = static_cast<size_t>(j);
    ha[sj] = ha[sj - 1] + (alpha + (j - 1) > 0 ? 1 / (alpha + (j - 1)) : 0.0);
    hb[sj] = hb[sj - 1] + (beta + (j - 1) > 0 ? 1 / (beta + (j - 1)) : 0.0);
  }
  for (int j = 0; j <= n; ++j) {
    const size_t sj = static_cast<size_t>(j);
    const size_t sk = static_cast<size_t>(n - j);
    const double base = LogChoose(n, j) - ls;
    const bool zero_a = alpha <= 0 && j > 0;     // factor α itself is 0
    const bool zero_b = beta <= 0 && n - j > 0;  // factor β itself is 0
    if (!zero_a && !zero_b) {
      w[sj] = std::exp(base + la[sj] + lb[sk]);
      dw[sj] = w[sj] * s * (ha[sj] - hb[sk]);
    } else if (zero_a && !zero_b) {
      // w = 0; dw = s · Π_{0<i<j}(α+i) · (β)_{n−j} · C / (s)_n.
      double rest = 0;
      for (int i = 1; i < j; ++i) rest += std::log(alpha + i);
      dw[sj] = s * std::exp(base + rest + lb[sk]);
    } else if (zero_b && !zero_a) {
      double rest = 0;
      for (int i = 1; i < n - j; ++i) rest += std::log(beta + i);
      dw[sj] = -s * std::exp(base + la[sj] + rest);
    }
  }
}

}  // namespace

VoteProbabilities Certain(Stance stance) {
  switch (stance) {
    case Stance::kFor:
      return {.for_votes = 1};
    case Stance::kAgainst:
      return {.against = 1};
    case Stance::kAbstain:
    case Stance::kPresent:  // as abstaining: Forecast() refuses where they differ
      return {.abstain = 1};
    case Stance::kAbsent:
    case Stance::kUndecided:
      break;
  }
  return {.absent = 1};
}

CountDistribution CountDistribution::FromDense(std::int64_t lo, const std::vector<double>& p) {
  CountDistribution d;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] > 0) d.points.push_back({.value = lo + static_cast<std::int64_t>(i), .p = p[i]});
  }
  return d;
}

double CountDistribution::At(std::int64_t value) const {
  auto it = std::lower_bound(points.begin(), points.end(), value,
                             [](const Point& point, std::int64_t v) { return point.value < v; });
  return it != points.end() && it->value == value ? it->p : 0.0;
}

double CountDistribution::Mean() const {
  double total = 0;
  double weighted = 0;
  for (const Point& point : points) {
    total += point.p;
    weighted += point.p * static_cast<double>(point.value);
  }
  return total > 0 ? weighted / total : 0;
}

std::int64_t CountDistribution::Quantile(double q) const {
  double total = 0;
  for (const Point& point : points) total += point.p;
  double running = 0;
  for (const Point& point : points) {
    running += point.p;
    // A relative tolerance keeps rounding from moving a quantile that sits on a boundary.
    if (running >= q * total - 1e-12 * total) return point.value;
  }
  return hi();
}

Status Validate(const ForecastModel& model, const Chamber& chamber) {
  if (model.rho) WHIPCOUNT_RETURN_IF_ERROR(CheckProbability(*model.rho, "forecast.rho", "rho"));
  for (const auto& [id, a] : model.blocs) {
    const std::string path = "forecast.blocs." + id;
    if (chamber.FindBloc(id) == nullptr) {
      return Status(ErrorCode::kUnknownId,
                    "forecast settings are given for bloc '" + id + "', which is not defined",
                    {.path = path});
    }
    WHIPCOUNT_RETURN_IF_ERROR(CheckAssumptions(a, path));
  }
  for (const auto& [id, a] : model.parties) {
    const std::string path = "forecast.parties." + id;
    if (chamber.FindParty(id) == nullptr) {
      return Status(ErrorCode::kUnknownId,
                    "forecast settings are given for party '" + id + "', which is not defined",
                    {.path = path});
    }
    WHIPCOUNT_RETURN_IF_ERROR(CheckAssumptions(a, path));
  }
  for (const auto& [id, p] : model.members) {
    const std::string path = "forecast.members." + id;
    if (chamber.FindMember(id) == nullptr) {
      return Status(ErrorCode::kUnknownId,
                    "probabilities are given for member '" + id + "', who is not defined",
                    {.path = path});
    }
    WHIPCOUNT_RETURN_IF_ERROR(CheckVector(p, path));
  }
  return Status::Ok();
}

namespace {

// One member's chances by default: their stance's defaults, mixed.
VoteProbabilities IndividualDefault(Stance stance) {
  const Defaults d = DefaultsFor(stance);
  return Mix(d.cohesion, d.line, d.otherwise);
}

// A member with chances of their own in the model, else the default for their stance.
void SetChances(ModelledMember& mm, const ForecastModel& model, std::string_view id,
                const VoteProbabilities& fallback) {
  auto given = id.empty() ? model.members.end() : model.members.find(id);
  mm.given = given != model.members.end();
  mm.p = mm.given ? given->second : fallback;
}

// The members modelled one by one: those given chances of their own and those whose stance
// differs from their party's line (the chair, who does not vote as a member, aside).
std::vector<ModelledMember> LoneMembers(const State& state, const ForecastModel& model) {
  const Chamber& chamber = state.chamber;
  const PresidingOfficer* chair = chamber.presiding ? &*chamber.presiding : nullptr;
  std::vector<ModelledMember> members;
  for (const Member& m : chamber.members) {
    const bool is_chair = chair != nullptr && chair->party == m.party && !chair->member.empty() &&
                          chair->member == m.id;
    if (is_chair) continue;
    const Stance stance = state.stances.OfMember(chamber, m.id);
    const bool given = model.members.find(m.id) != model.members.end();
    if (!given && stance == state.stances.PartyLine(chamber, m.party)) continue;
    ModelledMember mm{.member = m.id, .party = m.party, .declared = stance};
    SetChances(mm, model, m.id, IndividualDefault(stance));
    members.push_back(std::move(mm));
  }
  return members;
}

// A party's settings, and whether its cohesion came from the model rather than the defaults.
struct Settings : PartyAssumptions {
  bool cohesion_given = false;
};

// The party's settings: its line's defaults, then its bloc's settings, then its own.
Settings SettingsOf(const Party& party, Stance line, const Chamber& chamber,
                    const ForecastModel& model) {
  const Defaults d = DefaultsFor(line);
  Settings a;
  a.cohesion = d.cohesion;
  a.otherwise = d.otherwise;
  a.line = d.line;
  auto overlay = [&a](const PartyAssumptions& o) {
    if (o.cohesion) {
      a.cohesion = o.cohesion;
      a.cohesion_given = true;
    }
    if (o.otherwise) a.otherwise = o.otherwise;
    if (o.line) a.line = o.line;
    if (o.correlation) a.correlation = o.correlation;
    if (o.rho) a.rho = o.rho;
  };
  if (const Bloc* b = chamber.BlocOfParty(party.id)) {
    if (auto it = model.blocs.find(b->id); it != model.blocs.end()) {
      PartyAssumptions from_bloc = it->second;
      // An independents group acts alone whatever its bloc says about correlation.
      if (party.independents) from_bloc.correlation.reset();
      overlay(from_bloc);
    }
  }
  if (auto it = model.parties.find(party.id); it != model.parties.end()) overlay(it->second);
  return a;
}

// A party with every default filled in; `members` are the seats it models as one.
ModelledParty ResolveParty(const Party& party, int members, const State& state,
                           const ForecastModel& model) {
  ModelledParty mp{.party = party.id, .members = std::max(members, 0)};
  mp.declared = state.stances.PartyLine(state.chamber, party.id);
  const Settings a = SettingsOf(party, mp.declared, state.chamber, model);
  mp.cohesion = *a.cohesion;
  mp.cohesion_given = a.cohesion_given;
  mp.otherwise = *a.otherwise;
  mp.line = *a.line;
  mp.correlation = a.correlation        ? *a.correlation
                   : party.independents ? Correlation::kIndependent
                                        : model.correlation.value_or(Correlation::kBloc);
  mp.rho = a.rho ? *a.rho : model.rho.value_or(0.5);
  mp.marginal = Mix(mp.cohesion, mp.line, mp.otherwise);
  return mp;
}

// The chair voting as a member: like a member of their party (with its marginal chances) unless
// given chances of their own; never discounted, as the tally counts them.
ModelledMember ChairAsMember(const PresidingOfficer& chair, const ResolvedModel& out,
                             const ForecastModel& model) {
  ModelledMember mm{.member = chair.member.empty() ? std::string("chair") : chair.member,
                    .party = chair.party,
                    .declared = out.chair_stance,
                    .chair = true};
  const ModelledParty* own = nullptr;
  for (const ModelledParty& mp : out.parties) {
    if (mp.party == chair.party && mp.declared == out.chair_stance) own = &mp;
  }
  SetChances(mm, model, chair.member,
             own != nullptr ? own->marginal : IndividualDefault(out.chair_stance));
  return mm;
}

}  // namespace

std::vector<std::string> PartiesOnDefaultCohesion(const ResolvedModel& model) {
  std::vector<std::string> out;
  for (const ModelledParty& p : model.parties) {
    if (p.members > 0 && !p.cohesion_given) out.push_back(p.party);
  }
  return out;
}

std::string DefaultCohesionNote(const ResolvedModel& model) {
  const std::vector<std::string> parties = PartiesOnDefaultCohesion(model);
  if (parties.empty()) return "";
  constexpr size_t kNamed = 3;
  std::string who;
  for (size_t i = 0; i < parties.size() && i < kNamed; ++i) {
    const bool last = i + 1 == parties.size();
    who += (i == 0 ? "" : last ? " and " : ", ") + parties[i];
  }
  if (parties.size() > kNamed) {
    who += " and " + std::to_string(parties.size() - kNamed) + " more part" +
           (parties.size() - kNamed == 1 ? "y" : "ies");
  }
  const bool one = parties.size() == 1;
  return "Assumed, not measured: " + who + (one ? " votes" : " vote") +
         " the declared line with probability 0.8 (an undecided party splits evenly), "
         "whipcount's default; set cohesion in the file's forecast: section or with --set party:" +
         parties.front() + ".cohesion=0.9.";
}

ResolvedModel Resolve(const State& state, const Rule& rule, const Motion& motion,
                      const ForecastModel& model, std::optional<Date> date) {
  const Chamber& chamber = state.chamber;
  ResolvedModel out;
  const AntiDefectionPeriod* ad = rule.AntiDefectionOn(date ? date : motion.date);
  out.discount_defectors = ad != nullptr && ad->defector_votes == DefectorVotes::kNotCounted;
  // The chair, exactly as CountVotes seats them.
  const PresidingOfficer* chair = chamber.presiding ? &*chamber.presiding : nullptr;
  out.chair_stance = state.stances.OfChair(chamber);
  out.chair_seat = chamber.ChairSitsApart() ? 1 : 0;
  out.context = MakeVoteContext(chamber, motion, out.chair_stance);

  out.members = LoneMembers(state, model);
  for (const Party& p : chamber.parties) {
    int members = p.seats;
    if (chair != nullptr && chair->party == p.id) --members;
    members -=
        static_cast<int>(std::count_if(out.members.begin(), out.members.end(),
                                       [&](const ModelledMember& m) { return m.party == p.id; }));
    out.parties.push_back(ResolveParty(p, members, state, model));
    out.voters += out.parties.back().members;
  }
  if (chair != nullptr && !chamber.ChairSitsApart()) {
    out.members.push_back(ChairAsMember(*chair, out, model));
  }
  out.voters += static_cast<int>(out.members.size());
  return out;
}

namespace forecast_internal {

Plan MakePlan(const ResolvedModel& model, const Rule& rule) {
  Plan plan;
  plan.rule = &rule;
  plan.chair_seat = model.chair_seat;
  plan.voters = model.voters;
  plan.context = model.context;
  // The outcome each action becomes for a member whose party's declared line is `line`.
  auto outcomes = [&](Stance line, bool chair) {
    std::array<int, kActions> of = {kFor, kAgainst, kAbstain, kAbsent};
    const bool whipped = line == Stance::kFor || line == Stance::kAgainst;
    if (model.discount_defectors && whipped && !chair) {
      of[line == Stance::kFor ? 1 : 0] = kDiscounted;
    }
    return of;
  };
  for (size_t i = 0; i < model.parties.size(); ++i) {
    const ModelledParty& mp = model.parties[i];
    PartyUnit u{.model_index = static_cast<int>(i), .n = mp.members};
    u.line_outcome = outcomes(mp.declared, false);
    const auto otherwise = AsArray(mp.otherwise);
    for (int a = 0; a < kActions; ++a) {
      u.q[static_cast<size_t>(u.line_outcome[static_cast<size_t>(a)])] +=
          otherwise[static_cast<size_t>(a)];
    }
    u.line = AsArray(mp.line);
    FollowerWeights(mp.members, mp.cohesion, mp.correlation, mp.rho, u.w, u.dw);
    plan.parties.push_back(std::move(u));
  }
  for (size_t i = 0; i < model.members.size(); ++i) {
    const ModelledMember& mm = model.members[i];
    MemberUnit u{.model_index = static_cast<int>(i)};
    Stance line = Stance::kUndecided;
    for (const ModelledParty& mp : model.parties) {
      if (mp.party == mm.party) line = mp.declared;
    }
    u.outcome_of = outcomes(line, mm.chair);
    const auto p = AsArray(mm.p);
    for (int a = 0; a < kActions; ++a) {
      u.p[static_cast<size_t>(u.outcome_of[static_cast<size_t>(a)])] += p[static_cast<size_t>(a)];
    }
    plan.members.push_back(u);
  }
  return plan;
}

}  // namespace forecast_internal

namespace {

// What the forecast cannot model yet is refused rather than approximated.
Status CheckModelled(const State& state, const Rule& rule) {
  if (!state.stances.splits.empty()) {
    return Status(ErrorCode::kInvalidValue,
                  "the forecast models each party by one declared line, and party '" +
                      state.stances.splits.begin()->first +
                      "' is split by numbers; give it a line and name its dissenters as members",
                  {.path = "stances.parties." + state.stances.splits.begin()->first});
  }
  if (state.chamber.UncountedSeats() > 0) {
    return Status(ErrorCode::kInvalidValue,
                  "the forecast does not model members whose votes do not count; "
                  "use tally, which counts them apart");
  }
  const bool counts_abstentions =
      std::any_of(rule.thresholds.begin(), rule.thresholds.end(),
                  [](const Threshold& t) { return t.base == Base::kVotesCastAndAbstentions; });
  auto present = [](const auto& map) {
    return std::any_of(map.begin(), map.end(),
                       [](const auto& kv) { return kv.second == Stance::kPresent; });
  };
  if (counts_abstentions && (present(state.stances.blocs) || present(state.stances.parties) ||
                             present(state.stances.members))) {
    return Status(ErrorCode::kInvalidValue,
                  "the forecast models \"present, not voting\" as abstaining, which this rule's "
                  "cast+abstain base would count; declare those members absent or abstaining");
  }
  return Status::Ok();
}

Status CheckOptions(const ForecastOptions& options) {
  if (options.draws < 1) {
    return Status(ErrorCode::kUsage, "the number of Monte Carlo draws must be at least 1");
  }
  if (options.max_work < 1) {
    return Status(ErrorCode::kUsage, "the work budget must be at least 1");
  }
  if (options.threads < 0) {
    return Status(ErrorCode::kUsage, "the number of threads cannot be negative");
  }
  return Status::Ok();
}

// "1.0e13".
std::string Scientific(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1e", x);
  std::string text = buffer;
  // "1.0e+13" → "1.0e13", "3.6e+08" → "3.6e8".
  const size_t e = text.find('e');
  if (e == std::string::npos) return text;
  size_t digits = e + 1;
  if (text[digits] == '+') text.erase(digits, 1);
  if (text[digits] == '-') ++digits;
  while (digits + 1 < text.size() && text[digits] == '0') text.erase(digits, 1);
  return text;
}

// "about 3 hours": the time `steps` member-steps take at a billion a second.
std::string RoughTime(double steps) {
  const double seconds = steps / 1e9;
  const auto whole = [](double x, const char* unit) {
    const auto n = static_cast<std::int64_t>(std::llround(std::max(x, 1.0)));
    return "about " + std::to_string(n) + " " + unit + (n == 1 ? "" : "s");
  };
  if (seconds < 120) return whole(seconds, "second");
  if (seconds < 7200) return whole(seconds / 60, "minute");
  if (seconds < 172800) return whole(seconds / 3600, "hour");
  return whole(seconds / 86400, "day");
}

// An estimate over the budget, in words.
std::string OverBudget(double work, const ForecastOptions& options) {
  return "about " + Scientific(work) + " member-steps (" + RoughTime(work) +
         " at a billion a second), over the budget of " +
         Scientific(static_cast<double>(options.max_work)) + " (--max-work)";
}

// kExact or kMonteCarlo: exact when its state space and work fit, else Monte Carlo (kAuto) when
// its work fits, else kTooLarge with the estimate. Nothing is allocated before this says so.
Result<Method> ChooseMethod(const forecast_internal::Plan& plan, const ForecastOptions& options) {
  const double budget = static_cast<double>(options.max_work);
  const std::string voters = std::to_string(plan.voters) + " voters";
  if (options.method != Method::kMonteCarlo) {
    const std::int64_t cells = forecast_internal::ExactCells(plan, options.space);
    const double work = forecast_internal::ExactWork(plan, options);
    if (cells <= options.max_exact_cells && work <= budget) return Method::kExact;
    if (options.method == Method::kExact && cells > options.max_exact_cells) {
      return Status(ErrorCode::kTooLarge, "an exact forecast needs " + std::to_string(cells) +
                                              " states for this rule and chamber (the limit is " +
                                              std::to_string(options.max_exact_cells) +
                                              "); use --method montecarlo");
    }
    if (options.method == Method::kExact) {
      return Status(ErrorCode::kTooLarge, "an exact forecast over " + std::to_string(cells) +
                                              " states of " + voters + " is " +
                                              OverBudget(work, options) +
                                              "; use --method montecarlo or raise --max-work");
    }
  }
  const double work = forecast_internal::MonteCarloWork(plan, options.draws);
  if (work <= budget) return Method::kMonteCarlo;
  const double fit = std::floor(budget / forecast_internal::MonteCarloWork(plan, 1));
  return Status(ErrorCode::kTooLarge,
                "a Monte Carlo forecast of " + std::to_string(options.draws) + " draws of " +
                    voters + " is " + OverBudget(work, options) + "; " +
                    (fit >= 1 ? "use --draws " + std::to_string(static_cast<std::int64_t>(fit)) +
                                    " or fewer, or raise --max-work"
                              : std::string("not one draw fits: raise --max-work")));
}

// The method's results in the report, with the means and 90% intervals.
void Summarise(forecast_internal::RawForecast& raw, ForecastReport& report) {
  report.method = raw.method;
  report.space = raw.space;
  report.cells = raw.cells;
  report.draws = raw.draws;
  report.threads = raw.threads;
  report.p_pass = raw.p_pass;
  report.standard_error = raw.standard_error;
  report.margin_standard_error = raw.margin_standard_error;
  report.for_votes = std::move(raw.for_votes);
  report.margin = std::move(raw.margin);
  report.expected_for = report.for_votes.Mean();
  report.expected_margin = report.margin.Mean();
  report.for_low = report.for_votes.Quantile(0.05);
  report.for_high = report.for_votes.Quantile(0.95);
  report.margin_low = report.margin.Quantile(0.05);
  report.margin_high = report.margin.Quantile(0.95);
}

// A chair voting with their party's marginal chances moves with its cohesion too: d/dc of
// c·line + (1 − c)·otherwise is line − otherwise. Sensitivities are in model order here.
void AddChairToCohesion(const ResolvedModel& model, forecast_internal::RawForecast& raw) {
  for (size_t i = 0; i < raw.members.size() && i < model.members.size(); ++i) {
    const ModelledMember& mm = model.members[i];
    if (!mm.chair || mm.given) continue;
    for (size_t j = 0; j < model.parties.size() && j < raw.parties.size(); ++j) {
      const ModelledParty& mp = model.parties[j];
      if (mp.party != mm.party || mp.declared != mm.declared) continue;
      const auto line = AsArray(mp.line);
      const auto otherwise = AsArray(mp.otherwise);
      const auto pass_if = AsArray(raw.members[i].pass_if);
      for (size_t a = 0; a < line.size(); ++a) {
        if (line[a] != otherwise[a]) {
          raw.parties[j].d_cohesion += (line[a] - otherwise[a]) * pass_if[a];
        }
      }
    }
  }
}

// Most influential first; NaN (unknown) last.
void SortByInfluence(ForecastReport& report) {
  auto magnitude = [](double x) { return std::isnan(x) ? -1.0 : std::abs(x); };
  std::stable_sort(report.parties.begin(), report.parties.end(),
                   [&](const PartySensitivity& a, const PartySensitivity& b) {
                     return magnitude(a.d_cohesion) > magnitude(b.d_cohesion);
                   });
  std::stable_sort(report.members.begin(), report.members.end(),
                   [&](const MemberSensitivity& a, const MemberSensitivity& b) {
                     return magnitude(a.swing) > magnitude(b.swing);
                   });
}

}  // namespace

Result<ForecastReport> Forecast(const State& state, const Rule& rule, const Motion& motion,
                                const ForecastModel& model, const ForecastOptions& options) {
  WHIPCOUNT_RETURN_IF_ERROR(Validate(model, state.chamber));
  WHIPCOUNT_RETURN_IF_ERROR(CheckOptions(options));
  WHIPCOUNT_RETURN_IF_ERROR(CheckModelled(state, rule));
  const std::optional<Date> date = options.date ? options.date : motion.date;
  ForecastReport report;
  report.model = Resolve(state, rule, motion, model, date);
  report.date = date;
  if (const AntiDefectionPeriod* period = rule.AntiDefectionOn(date)) {
    report.anti_defection = *period;
  }
  const forecast_internal::Plan plan = forecast_internal::MakePlan(report.model, rule);
  WHIPCOUNT_ASSIGN_OR_RETURN(const Method method, ChooseMethod(plan, options));
  forecast_internal::RawForecast raw =
      method == Method::kExact ? forecast_internal::ExactForecast(plan, report.model, options)
                               : forecast_internal::MonteCarloForecast(plan, report.model, options);
  if (method == Method::kMonteCarlo) report.seed = options.seed;
  Summarise(raw, report);
  AddChairToCohesion(report.model, raw);
  report.parties = std::move(raw.parties);
  report.members = std::move(raw.members);
  SortByInfluence(report);
  return report;
}

}  // namespace whipcount
