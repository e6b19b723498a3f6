// The Monte Carlo forecast: whole chambers drawn member by member, each count decided through
// Decide() (memoised per thread).
//
// Reproducibility: the draws are cut into fixed chunks; chunk i has its own generator seeded from
// (seed, i), and integer tallies are summed, floating sums combined in chunk order, so the result
// depends on the seed and the number of draws only, never on the number of threads or on
// scheduling.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <limits>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "forecast_internal.h"
#include "whipcount/tally.h"

namespace whipcount::forecast_internal {
namespace {

std::uint64_t SplitMix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// xoshiro256** (Blackman and Vigna): fast, 256 bits of state, good statistical quality.
class Rng {
 public:
  Rng(std::uint64_t seed, std::uint64_t stream) {
    std::uint64_t x = seed ^ (stream * 0xD1B54A32D192ED03ULL);
    for (std::uint64_t& w : s_) w = SplitMix64(x);
  }
  std::uint64_t Next() {
    const std::uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }
  // Uniform in [0, 1) with 53 random bits.
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  double Normal() {
    // Box–Muller, one value per call (simple and deterministic).
    double u = Uniform();
    while (u <= 0) u = Uniform();
    const double v = Uniform();
    return std::sqrt(-2 * std::log(u)) * std::cos(6.283185307179586 * v);
  }
  // Marsaglia and Tsang's method.
  double Gamma(double a) {
    if (a < 1) {
      double u = Uniform();
      while (u <= 0) u = Uniform();
      return Gamma(a + 1) * std::pow(u, 1 / a);
    }
    const double d = a - 1.0 / 3;
    const double c = 1 / std::sqrt(9 * d);
    while (true) {
      double x = 0;
      double v = 0;
      do {
        x = Normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const double u = Uniform();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (u > 0 && std::log(u) < 0.5 * x * x + d * (1 - v + std::log(v))) return d * v;
    }
  }
  double Beta(double a, double b) {
    const double x = Gamma(a);
    const double y = Gamma(b);
    return x + y > 0 ? x / (x + y) : 0.5;
  }

 private:
  static std::uint64_t Rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

// Thresholds for drawing one of up to six categories with one uniform: category j is chosen
// when t[j−1] ≤ u < t[j]. Trailing categories with no chance never absorb rounding.
template <size_t N>
std::array<double, N - 1> Cumulative(const std::array<double, N>& p) {
  std::array<double, N - 1> t{};
  size_t last = 0;
  for (size_t j = 0; j < N; ++j) {
    if (p[j] > 0) last = j;
  }
  double running = 0;
  for (size_t j = 0; j + 1 < N; ++j) {
    running += p[j];
    t[j] = j >= last ? 2.0 : running;
  }
  return t;
}

template <size_t M>
int Category(double u, const std::array<double, M>& t) {
  int idx = 0;
  for (double x : t) idx += u >= x ? 1 : 0;
  return idx;
}

enum class Pi { kBloc, kFixed, kBeta };

using FollowThresholds = std::array<double, kOutcomes>;

// Category 0: a member follows the line (chance pi); 1 + o: acts alone with outcome o.
FollowThresholds Thresholds(const Probs& q, double pi) {
  std::array<double, kOutcomes + 1> cat{};
  cat[0] = pi;
  for (int o = 0; o < kOutcomes; ++o) {
    cat[static_cast<size_t>(o) + 1] = (1 - pi) * q[static_cast<size_t>(o)];
  }
  return Cumulative(cat);
}

struct PartySampler {
  int n = 0;
  Pi pi = Pi::kFixed;
  double c = 0;
  double alpha = 0;
  double beta = 0;
  std::array<double, kActions - 1> line_t{};  // cumulative chances of the four lines
  bool random_line = false;
  int fixed_line = 0;
  std::array<int, kActions> line_outcome{};
  Probs q{};
  FollowThresholds fixed_t{};  // for pi = c
  FollowThresholds free_t{};   // for pi = 0
  std::vector<double> score;   // w'_K / w_K
  bool score_defined = false;
};

struct Decision {
  bool pass = false;
  // for − required, in 64 bits: a threshold near 1 of the votes cast can ask for billions.
  std::optional<std::int64_t> margin;
};

struct KeyHash {
  size_t operator()(const std::array<int, 4>& k) const {
    std::uint64_t h = 1469598103934665603ULL;
    for (int x : k) {
      h ^= static_cast<std::uint64_t>(static_cast<std::uint32_t>(x));
      h *= 1099511628211ULL;
    }
    return static_cast<size_t>(h);
  }
};

struct ThreadTally {
  std::int64_t pass = 0;
  std::vector<std::int64_t> for_hist;
  std::unordered_map<std::array<int, 4>, int, KeyHash> memo;
  std::vector<Decision> decisions;
  std::vector<std::int64_t> seen;  // per decision id
  std::vector<std::array<std::int64_t, kActions>> did;
  std::vector<std::array<std::int64_t, kActions>> pass_did;
};

struct ChunkSums {
  std::vector<double> score;        // Σ score, per party
  std::vector<double> score2;       // Σ score²
  std::vector<double> pass_score;   // Σ pass·score
  std::vector<double> pass_score2;  // Σ pass·score²

  explicit ChunkSums(size_t parties = 0)
      : score(parties, 0.0),
        score2(parties, 0.0),
        pass_score(parties, 0.0),
        pass_score2(parties, 0.0) {}
};

PartySampler MakeSampler(const PartyUnit& u, const ModelledParty& mp) {
  PartySampler s{.n = u.n, .c = mp.cohesion, .line_outcome = u.line_outcome, .q = u.q};
  switch (EffectiveCorrelation(mp.correlation, mp.rho)) {
    case Correlation::kBloc:
      s.pi = Pi::kBloc;
      break;
    case Correlation::kIndependent:
      s.pi = Pi::kFixed;
      break;
    case Correlation::kBetaBinomial: {
      const double strength = (1 - mp.rho) / mp.rho;
      s.alpha = mp.cohesion * strength;
      s.beta = (1 - mp.cohesion) * strength;
      // Cohesion 0 or 1: no spread.
      s.pi = s.alpha <= 0 || s.beta <= 0 ? Pi::kFixed : Pi::kBeta;
      break;
    }
  }
  int lines = 0;
  for (int a = 0; a < kActions; ++a) {
    if (u.line[static_cast<size_t>(a)] > 0) {
      ++lines;
      s.fixed_line = a;
    }
  }
  s.random_line = lines > 1;
  s.fixed_t = Thresholds(s.q, s.c);
  s.free_t = Thresholds(s.q, 0);
  s.line_t = Cumulative(u.line);
  s.score.assign(u.w.size(), 0.0);
  for (size_t k = 0; k < u.w.size(); ++k) s.score[k] = u.w[k] > 0 ? u.dw[k] / u.w[k] : 0.0;
  s.score_defined = mp.cohesion > 0 && mp.cohesion < 1 && u.n > 0;
  return s;
}

// How the draws are cut: fixed chunks, whatever the number of threads.
struct Chunking {
  std::int64_t draws = 0;
  std::int64_t chunk = 0;  // draws per chunk
  std::int64_t chunks = 0;
  int threads = 1;
};

// Each thread keeps a histogram of the "for" votes, one count per possible number; the threads
// are fewer when those would pass this (a chamber of ten million seats has room for six).
constexpr std::int64_t kHistogramMemory = std::int64_t{512} << 20;

Chunking ChunkingFor(const Plan& plan, const ForecastOptions& options) {
  Chunking c{.draws = options.draws};
  c.chunk = std::clamp<std::int64_t>(c.draws / 1024, 1024, 65536);
  c.chunks = (c.draws + c.chunk - 1) / c.chunk;
  const int threads =
      options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
  const std::int64_t histogram =
      (plan.voters + std::int64_t{1}) * std::int64_t{sizeof(std::int64_t)};
  const std::int64_t fit = std::max<std::int64_t>(1, kHistogramMemory / histogram);
  c.threads = static_cast<int>(std::clamp<std::int64_t>(threads, 1, std::min(c.chunks, fit)));
  return c;
}

// One worker's draws: whole chambers, member by member, each count decided through Decide()
// (memoised in the worker's tally).
class Drawer {
 public:
  Drawer(const Plan& plan, const std::vector<PartySampler>& parties, ThreadTally& tally)
      : plan_(plan),
        parties_(parties),
        tally_(tally),
        member_action_(plan.members.size(), 0),
        followers_(parties.size(), 0) {
    for (const MemberUnit& u : plan.members) member_t_.push_back(Cumulative(u.p));
    tally_.for_hist.assign(static_cast<size_t>(plan.voters) + 1, 0);
    tally_.did.assign(plan.members.size(), {0, 0, 0, 0});
    tally_.pass_did.assign(plan.members.size(), {0, 0, 0, 0});
  }

  // `count` chambers drawn with `rng`, their scores summed into `sums`.
  void Draw(Rng& rng, std::int64_t count, ChunkSums& sums) {
    for (std::int64_t i = 0; i < count; ++i) {
      std::array<int, kOutcomes> total{};
      DrawParties(rng, total);
      DrawMembers(rng, total);
      Record(Decided(total), total[kFor], sums);
    }
  }

 private:
  // Adds every party's votes to `total`, noting how many followed each line.
  void DrawParties(Rng& rng, std::array<int, kOutcomes>& total) {
    for (size_t p = 0; p < parties_.size(); ++p) {
      const PartySampler& s = parties_[p];
      if (s.n == 0) continue;
      const int line = s.random_line ? Category(rng.Uniform(), s.line_t) : s.fixed_line;
      double pi = s.c;
      if (s.pi == Pi::kBloc) {
        pi = rng.Uniform() < s.c ? 1.0 : 0.0;
      } else if (s.pi == Pi::kBeta) {
        pi = rng.Beta(s.alpha, s.beta);
      }
      int k = s.n;
      if (pi < 1) {
        // Category 0: follows the line; 1 + o: acts alone with outcome o.
        const auto thresholds = pi == s.c ? s.fixed_t : pi == 0 ? s.free_t : Thresholds(s.q, pi);
        std::array<int, kOutcomes + 1> got{};
        for (int m = 0; m < s.n; ++m) {
          ++got[static_cast<size_t>(Category(rng.Uniform(), thresholds))];
        }
        k = got[0];
        for (int o = 0; o < kOutcomes; ++o) {
          total[static_cast<size_t>(o)] += got[static_cast<size_t>(o) + 1];
        }
      }
      total[static_cast<size_t>(s.line_outcome[static_cast<size_t>(line)])] += k;
      followers_[p] = k;
    }
  }

  // Adds every lone member's vote to `total`, noting the action each took.
  void DrawMembers(Rng& rng, std::array<int, kOutcomes>& total) {
    for (size_t m = 0; m < plan_.members.size(); ++m) {
      const int outcome = Category(rng.Uniform(), member_t_[m]);
      // The action that became this outcome (outcome_of is one-to-one).
      int a = 0;
      for (int x = 0; x < kActions; ++x) {
        if (plan_.members[m].outcome_of[static_cast<size_t>(x)] == outcome) a = x;
      }
      member_action_[m] = a;
      ++total[static_cast<size_t>(outcome)];
    }
  }

  // Whether the counts pass, decided once per distinct count.
  bool Decided(const std::array<int, kOutcomes>& total) {
    const std::array<int, 4> key = {total[kFor], total[kAgainst], total[kAbstain],
                                    total[kDiscounted]};
    auto [it, inserted] = tally_.memo.try_emplace(key, static_cast<int>(tally_.decisions.size()));
    if (inserted) {
      const Counts counts =
          MakeCounts(key[0], key[1], key[2], key[3], total[kAbsent], plan_.chair_seat);
      const Outcome o = Decide(counts, *plan_.rule, plan_.context);
      Decision d{.pass = o.passes};
      if (o.required) d.margin = key[0] - *o.required;
      tally_.decisions.push_back(d);
      tally_.seen.push_back(0);
    }
    const size_t id = static_cast<size_t>(it->second);
    ++tally_.seen[id];
    return tally_.decisions[id].pass;
  }

  void Record(bool pass, int for_votes, ChunkSums& sums) {
    tally_.pass += pass ? 1 : 0;
    ++tally_.for_hist[static_cast<size_t>(for_votes)];
    for (size_t m = 0; m < plan_.members.size(); ++m) {
      const size_t a = static_cast<size_t>(member_action_[m]);
      ++tally_.did[m][a];
      tally_.pass_did[m][a] += pass ? 1 : 0;
    }
    for (size_t p = 0; p < parties_.size(); ++p) {
      if (!parties_[p].score_defined) continue;
      const double score = parties_[p].score[static_cast<size_t>(followers_[p])];
      sums.score[p] += score;
      sums.score2[p] += score * score;
      if (pass) {
        sums.pass_score[p] += score;
        sums.pass_score2[p] += score * score;
      }
    }
  }

  const Plan& plan_;
  const std::vector<PartySampler>& parties_;
  ThreadTally& tally_;
  std::vector<std::array<double, kOutcomes - 1>> member_t_;
  std::vector<int> member_action_;
  std::vector<int> followers_;
};

// Runs the draws on the chunking's threads: each takes the next chunk until none is left.
// Progress is reported on the calling thread only.
void DrawAll(const Plan& plan, const std::vector<PartySampler>& parties, const Chunking& chunking,
             const ForecastOptions& options, std::vector<ThreadTally>& tallies,
             std::vector<ChunkSums>& sums) {
  tallies.assign(static_cast<size_t>(chunking.threads), ThreadTally{});
  sums.assign(static_cast<size_t>(chunking.chunks), ChunkSums(parties.size()));
  std::atomic<std::int64_t> next_chunk{0};
  std::atomic<std::int64_t> done{0};
  std::mutex mu;
  std::condition_variable cv;
  int finished = 0;
  auto work = [&](int t) {
    Drawer drawer(plan, parties, tallies[static_cast<size_t>(t)]);
    for (std::int64_t c = next_chunk.fetch_add(1); c < chunking.chunks;
         c = next_chunk.fetch_add(1)) {
      Rng rng(options.seed, static_cast<std::uint64_t>(c));
      const std::int64_t count = std::min(chunking.chunk, chunking.draws - c * chunking.chunk);
      drawer.Draw(rng, count, sums[static_cast<size_t>(c)]);
      done.fetch_add(count);
    }
    {
      std::lock_guard<std::mutex> lock(mu);
      ++finished;
    }
    cv.notify_all();
  };
  std::vector<std::thread> workers;
  workers.reserve(static_cast<size_t>(chunking.threads));
  for (int t = 0; t < chunking.threads; ++t) workers.emplace_back(work, t);
  {
    std::unique_lock<std::mutex> lock(mu);
    while (!cv.wait_for(lock, std::chrono::milliseconds(100),
                        [&] { return finished == chunking.threads; })) {
      if (options.progress) {
        lock.unlock();
        options.progress(done.load(), chunking.draws);
        lock.lock();
      }
    }
  }
  for (std::thread& w : workers) w.join();
  if (options.progress) options.progress(chunking.draws, chunking.draws);
}

// The workers' tallies added up (integers: the order does not matter).
struct Totals {
  std::int64_t pass = 0;
  std::vector<std::int64_t> for_hist;
  std::map<std::int64_t, std::int64_t> margin_hist;
  std::vector<std::array<std::int64_t, kActions>> did;
  std::vector<std::array<std::int64_t, kActions>> pass_did;
};

Totals AddUp(const std::vector<ThreadTally>& tallies, const Plan& plan) {
  Totals sum;
  sum.for_hist.assign(static_cast<size_t>(plan.voters) + 1, 0);
  sum.did.assign(plan.members.size(), {0, 0, 0, 0});
  sum.pass_did.assign(plan.members.size(), {0, 0, 0, 0});
  for (const ThreadTally& t : tallies) {
    sum.pass += t.pass;
    for (size_t i = 0; i < t.for_hist.size(); ++i) sum.for_hist[i] += t.for_hist[i];
    for (size_t id = 0; id < t.decisions.size(); ++id) {
      if (t.decisions[id].margin) sum.margin_hist[*t.decisions[id].margin] += t.seen[id];
    }
    for (size_t m = 0; m < t.did.size(); ++m) {
      for (size_t a = 0; a < kActions; ++a) {
        sum.did[m][a] += t.did[m][a];
        sum.pass_did[m][a] += t.pass_did[m][a];
      }
    }
  }
  return sum;
}

// The margin's distribution over all draws, and the standard error of its mean over the draws
// that have a margin.
void SummariseMargin(const std::map<std::int64_t, std::int64_t>& hist, double draws,
                     RawForecast& raw) {
  if (hist.empty()) return;
  double mean = 0;
  double square = 0;
  std::int64_t with_margin = 0;
  for (const auto& [m, c] : hist) {
    raw.margin.points.push_back({.value = m, .p = static_cast<double>(c) / draws});
    mean += static_cast<double>(m) * static_cast<double>(c);
    square += static_cast<double>(m) * static_cast<double>(m) * static_cast<double>(c);
    with_margin += c;
  }
  const double w = static_cast<double>(with_margin);
  mean /= w;
  const double variance = std::max(square / w - mean * mean, 0.0);
  raw.margin_standard_error = std::sqrt(variance / w);
}

// dP/dcohesion by the score function (likelihood ratio), Cov(pass, ∂c log w_K), with its
// standard error; NaN where the score is undefined. Chunk sums are combined in chunk order.
PartySensitivity PartyEffect(size_t i, const PartySampler& sampler,
                             const std::vector<ChunkSums>& sums, double p, double draws) {
  PartySensitivity s;
  if (!sampler.score_defined) {
    s.d_cohesion = std::numeric_limits<double>::quiet_NaN();
    s.standard_error = std::numeric_limits<double>::quiet_NaN();
    return s;
  }
  double score = 0;
  double score2 = 0;
  double pass_score = 0;
  double pass_score2 = 0;
  for (const ChunkSums& cs : sums) {
    score += cs.score[i];
    score2 += cs.score2[i];
    pass_score += cs.pass_score[i];
    pass_score2 += cs.pass_score2[i];
  }
  s.d_cohesion = pass_score / draws - p * score / draws;
  // E[((pass − p)·score)²], split by pass.
  const double a = pass_score2 / draws;
  const double b = score2 / draws - a;
  const double second = (1 - p) * (1 - p) * a + p * p * b;
  s.standard_error = std::sqrt(std::max(second - s.d_cohesion * s.d_cohesion, 0.0) / draws);
  return s;
}

// P(pass | the member took each action), NaN for an action never drawn.
MemberSensitivity MemberEffect(const std::array<std::int64_t, kActions>& did,
                               const std::array<std::int64_t, kActions>& pass_did) {
  std::array<double, kActions> cond{};
  for (size_t a = 0; a < kActions; ++a) {
    cond[a] = did[a] > 0 ? static_cast<double>(pass_did[a]) / static_cast<double>(did[a])
                         : std::numeric_limits<double>::quiet_NaN();
  }
  return MemberSensitivity{
      .pass_if = {.for_votes = cond[0], .against = cond[1], .abstain = cond[2], .absent = cond[3]},
      .swing = cond[0] - cond[1]};
}

}  // namespace

double MonteCarloWork(const Plan& plan, std::int64_t draws) {
  // A draw visits every unit and, at worst, every member of each party.
  const double units = static_cast<double>(plan.parties.size() + plan.members.size());
  return static_cast<double>(draws) * (plan.voters + units + 1);
}

RawForecast MonteCarloForecast(const Plan& plan, const ResolvedModel& model,
                               const ForecastOptions& options) {
  std::vector<PartySampler> parties;
  for (const PartyUnit& u : plan.parties) {
    parties.push_back(MakeSampler(u, model.parties[static_cast<size_t>(u.model_index)]));
  }
  const Chunking chunking = ChunkingFor(plan, options);
  std::vector<ThreadTally> tallies;
  std::vector<ChunkSums> sums;
  DrawAll(plan, parties, chunking, options, tallies, sums);
  const Totals totals = AddUp(tallies, plan);

  RawForecast raw;
  raw.method = Method::kMonteCarlo;
  raw.draws = chunking.draws;
  raw.threads = chunking.threads;
  const double nd = static_cast<double>(chunking.draws);
  raw.p_pass = static_cast<double>(totals.pass) / nd;
  raw.standard_error = std::sqrt(raw.p_pass * (1 - raw.p_pass) / nd);
  for (size_t v = 0; v < totals.for_hist.size(); ++v) {
    if (totals.for_hist[v] == 0) continue;
    raw.for_votes.points.push_back(
        {.value = static_cast<std::int64_t>(v), .p = static_cast<double>(totals.for_hist[v]) / nd});
  }
  SummariseMargin(totals.margin_hist, nd, raw);
  for (size_t i = 0; i < plan.parties.size(); ++i) {
    PartySensitivity s = PartyEffect(i, parties[i], sums, raw.p_pass, nd);
    s.party = model.parties[static_cast<size_t>(plan.parties[i].model_index)].party;
    raw.parties.push_back(std::move(s));
  }
  for (size_t m = 0; m < plan.members.size(); ++m) {
    MemberSensitivity s = MemberEffect(totals.did[m], totals.pass_did[m]);
    s.member = model.members[static_cast<size_t>(plan.members[m].model_index)].member;
    raw.members.push_back(std::move(s));
  }
  return raw;
}

}  // namespace whipcount::forecast_internal
