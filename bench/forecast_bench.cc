// Forecast timings (issue 6), printed against the targets before the Google Benchmark runs:
//   exact, 650 members in 10 parties with 50 members modelled alone, votes-cast rule with a
//   quorum: < 10 ms on one core; fully member-level (650 different vectors): < 1 s;
//   Monte Carlo: ≥ 10M member draws per second per core, scaling over two cores;
//   and exact against Monte Carlo on the same model.
//
//   build-release/bench/forecast_bench                      # summary, then every benchmark
//   build-release/bench/forecast_bench --benchmark_filter=- # the summary only
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <functional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "whipcount/forecast.h"

namespace whipcount {
namespace {

struct Fixture {
  State state;
  Rule rule;
  Motion motion;
  ForecastModel model;
};

std::string Numbered(std::string_view prefix, int i) {
  return std::string(prefix) + std::to_string(i);
}

VoteProbabilities RandomVector(std::mt19937& rng, Stance lean) {
  std::uniform_real_distribution<double> u(0, 1);
  const double main = 0.6 + 0.39 * u(rng);
  const double rest = 1 - main;
  const double a = rest * u(rng);
  const double b = (rest - a) * u(rng);
  const double c = rest - a - b;
  if (lean == Stance::kFor) return {.for_votes = main, .against = a, .abstain = b, .absent = c};
  return {.for_votes = a, .against = main, .abstain = b, .absent = c};
}

// A Commons-sized chamber: 650 members in ten parties (two blocs), the Speaker outside the
// parties with a casting vote; "more ayes than noes" with a quorum of 40.
// `alone`: members given vectors of their own (the rest follow their party).
Fixture MakeFixture(int alone, Correlation correlation = Correlation::kBloc) {
  Fixture f;
  Chamber& c = f.state.chamber;
  c.id = "bench";
  c.statutory_seats = 651;
  c.presiding = PresidingOfficer{.name = "Speaker", .vote = PresidingVote::kCastingOnly};
  const int seats[] = {290, 265, 35, 20, 12, 10, 8, 5, 3, 2};  // 650
  for (int i = 0; i < 10; ++i) {
    c.parties.push_back(
        Party{.id = Numbered("P", i), .name = Numbered("Party ", i), .seats = seats[i]});
  }
  c.blocs = {Bloc{.id = "gov", .role = BlocRole::kGovernment, .parties = {"P0", "P3", "P5", "P7"}},
             Bloc{.id = "opp",
                  .role = BlocRole::kOpposition,
                  .parties = {"P1", "P2", "P4", "P6", "P8", "P9"}}};
  f.state.stances.blocs = {{"gov", Stance::kAgainst}, {"opp", Stance::kFor}};
  f.state.stances.parties = {{"P9", Stance::kUndecided}};
  std::mt19937 rng(42);
  int named = 0;
  for (int i = 0; i < 10 && named < alone; ++i) {
    const Party& p = c.parties[static_cast<size_t>(i)];
    const int here = alone >= 650 ? p.seats : std::min(p.seats, (alone + 9) / 10);
    for (int k = 0; k < here && named < alone; ++k, ++named) {
      const std::string id = p.id + "-" + std::to_string(k);
      c.members.push_back(Member{.id = id, .name = id, .party = p.id});
      const Stance lean =
          f.state.stances.PartyLine(c, p.id) == Stance::kAgainst ? Stance::kAgainst : Stance::kFor;
      f.model.members[id] = RandomVector(rng, lean);
    }
  }
  f.model.correlation = correlation;
  f.model.parties["P0"] = PartyAssumptions{.cohesion = 0.7};
  f.model.parties["P1"] = PartyAssumptions{.cohesion = 0.75};
  f.rule =
      Rule{.id = "division",
           .thresholds = {Threshold{.fraction = {1, 2}, .strict = true, .base = Base::kVotesCast}},
           .quorum = Quorum{.absolute = 40},
           .tie = TieRule::kCastingVote,
           .casting = CastingConvention::kStatusQuo};
  f.motion = Motion{.id = "m", .rule = "division"};
  return f;
}

double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Median CPU time of the calling thread over `repeats` runs: on a shared machine the wall clock
// also counts other processes' turns. Single-threaded work only.
double Seconds(const std::function<void()>& fn, int repeats) {
  std::vector<double> t;
  for (int i = 0; i < repeats; ++i) {
    const double start = ThreadCpuSeconds();
    fn();
    t.push_back(ThreadCpuSeconds() - start);
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];  // median
}

// Fastest wall-clock time (for multi-threaded runs: the run least disturbed by other work).
double WallSeconds(const std::function<void()>& fn, int repeats) {
  std::vector<double> t;
  for (int i = 0; i < repeats; ++i) {
    const auto start = std::chrono::steady_clock::now();
    fn();
    t.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return *std::min_element(t.begin(), t.end());
}

ForecastReport Run(const Fixture& f, const ForecastOptions& o) {
  Result<ForecastReport> r = Forecast(f.state, f.rule, f.motion, f.model, o);
  if (!r.ok()) {
    std::fprintf(stderr, "forecast failed: %s\n", r.status().ToString().c_str());
    std::exit(1);
  }
  return std::move(*r);
}

void PrintSummary() {
  std::printf("Forecast benchmark (issue 6): median of repeated runs, one process\n\n");
  {
    const Fixture f = MakeFixture(50);
    ForecastReport r;
    const double full = Seconds([&] { r = Run(f, {.method = Method::kExact}); }, 21);
    const double bare =
        Seconds([&] { Run(f, {.method = Method::kExact, .sensitivity = Sensitivity::kSkip}); }, 21);
    std::printf(
        "exact, 650 members / 10 parties / 50 alone, cast + quorum 40 (space %s, %lld cells)\n",
        std::string(EnumName(*r.space)).c_str(), static_cast<long long>(r.cells));
    std::printf("  P(pass) and distributions        %8.2f ms   target < 10 ms   %s\n", bare * 1e3,
                bare < 0.010 ? "met" : "MISSED");
    std::printf("  ... with every sensitivity        %8.2f ms   target < 10 ms   %s\n", full * 1e3,
                full < 0.010 ? "met" : "MISSED");
    std::printf("  P(pass) = %.6f\n\n", r.p_pass);
  }
  {
    const Fixture f = MakeFixture(650);
    ForecastReport r;
    const double full = Seconds([&] { r = Run(f, {.method = Method::kExact}); }, 5);
    const double bare =
        Seconds([&] { Run(f, {.method = Method::kExact, .sensitivity = Sensitivity::kSkip}); }, 5);
    std::printf("exact, fully member-level (650 different vectors), same rule (space %s)\n",
                std::string(EnumName(*r.space)).c_str());
    std::printf("  P(pass) and distributions        %8.2f ms   target < 1000 ms %s\n", bare * 1e3,
                bare < 1 ? "met" : "MISSED");
    std::printf("  ... with 650 member sensitivities %8.2f ms   target < 1000 ms %s\n\n",
                full * 1e3, full < 1 ? "met" : "MISSED");
  }
  {
    // A quorum that can fail (630 of 650): the correction space is needed and large.
    Fixture f = MakeFixture(50);
    f.rule.quorum = Quorum{.absolute = 630};
    ForecastReport r;
    const double bare = Seconds(
        [&] { r = Run(f, {.method = Method::kExact, .sensitivity = Sensitivity::kSkip}); }, 3);
    const double full = Seconds([&] { Run(f, {.method = Method::kExact}); }, 3);
    std::printf(
        "exact, same chamber, quorum 630 of 650 (P(pass) %.4f): %.1f ms, %.1f ms with "
        "sensitivities\n\n",
        r.p_pass, bare * 1e3, full * 1e3);
  }
  {
    // A rule with no shortcut: two-thirds of votes cast, so (for, against) is tracked.
    Fixture f = MakeFixture(650);
    f.rule.thresholds[0].fraction = {2, 3};
    ForecastReport r;
    const double full = Seconds([&] { r = Run(f, {.method = Method::kExact}); }, 3);
    std::printf("exact, member-level, two-thirds of votes cast (space %s, %lld cells): %.1f ms\n\n",
                std::string(EnumName(*r.space)).c_str(), static_cast<long long>(r.cells),
                full * 1e3);
  }
  {
    // Monte Carlo: every member drawn (independent correlation), memoised Decide.
    const Fixture f = MakeFixture(50, Correlation::kIndependent);
    const std::int64_t draws = 200'000;
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    auto run = [&](int threads) {
      Run(f, {.method = Method::kMonteCarlo,
              .sensitivity = Sensitivity::kSkip,
              .draws = draws,
              .threads = threads});
    };
    auto cpu = [&](int threads) {
      timespec a{};
      timespec b{};
      clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
      run(threads);
      clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
      return static_cast<double>(b.tv_sec - a.tv_sec) +
             static_cast<double>(b.tv_nsec - a.tv_nsec) * 1e-9;
    };
    const double one_cpu = std::min({cpu(1), cpu(1), cpu(1)});
    const double two_cpu = std::min({cpu(2), cpu(2), cpu(2)});
    const double one_wall = WallSeconds([&] { run(1); }, 5);
    const double two_wall = WallSeconds([&] { run(2); }, 5);
    const double member_draws = 650.0 * static_cast<double>(draws);
    std::printf("Monte Carlo, 650 members each drawn, %lld chamber draws (%u hardware threads)\n",
                static_cast<long long>(draws), cores);
    std::printf("  1 thread   %7.1f M member draws per CPU-second   target >= 10 M/s/core  %s\n",
                member_draws / one_cpu / 1e6, member_draws / one_cpu >= 10e6 ? "met" : "MISSED");
    std::printf("  2 threads  %7.1f M member draws per CPU-second (per core)\n",
                member_draws / two_cpu / 1e6);
    std::printf(
        "  wall clock: 1 thread %.3f s, 2 threads %.3f s, speed-up %.2fx"
        " (on a machine shared with other work this understates it)\n\n",
        one_wall, two_wall, one_wall / two_wall);
  }
  std::printf("exact against Monte Carlo (1,000,000 draws, seed 1), same models:\n");
  for (Correlation corr :
       {Correlation::kBloc, Correlation::kIndependent, Correlation::kBetaBinomial}) {
    Fixture f = MakeFixture(50, corr);
    f.model.rho = 0.3;
    const ForecastReport exact = Run(f, {.method = Method::kExact});
    const ForecastReport mc = Run(f, {.method = Method::kMonteCarlo, .draws = 1'000'000});
    const double z = (mc.p_pass - exact.p_pass) / mc.standard_error;
    std::printf("  %-14s exact %.6f  MC %.6f ± %.6f  (z = %+.2f)  E[margin] %.3f vs %.3f ± %.3f\n",
                std::string(EnumName(corr)).c_str(), exact.p_pass, mc.p_pass, mc.standard_error, z,
                exact.expected_margin, mc.expected_margin, mc.margin_standard_error);
  }
  std::printf("\n");
}

void BM_ExactPartyLevel(benchmark::State& state) {
  const Fixture f = MakeFixture(50);
  const ForecastOptions o{
      .method = Method::kExact,
      .sensitivity = state.range(0) ? Sensitivity::kCompute : Sensitivity::kSkip};
  for (auto _ : state) benchmark::DoNotOptimize(Run(f, o));
}
BENCHMARK(BM_ExactPartyLevel)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_ExactMemberLevel(benchmark::State& state) {
  const Fixture f = MakeFixture(650);
  const ForecastOptions o{
      .method = Method::kExact,
      .sensitivity = state.range(0) ? Sensitivity::kCompute : Sensitivity::kSkip};
  for (auto _ : state) benchmark::DoNotOptimize(Run(f, o));
}
BENCHMARK(BM_ExactMemberLevel)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_ExactTwoThirdsMemberLevel(benchmark::State& state) {
  Fixture f = MakeFixture(650);
  f.rule.thresholds[0].fraction = {2, 3};
  const ForecastOptions o{
      .method = Method::kExact,
      .sensitivity = state.range(0) ? Sensitivity::kCompute : Sensitivity::kSkip};
  for (auto _ : state) benchmark::DoNotOptimize(Run(f, o));
}
BENCHMARK(BM_ExactTwoThirdsMemberLevel)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

void BM_MonteCarlo(benchmark::State& state) {
  const Fixture f = MakeFixture(50, Correlation::kIndependent);
  const std::int64_t draws = 100'000;
  const ForecastOptions o{.method = Method::kMonteCarlo,
                          .sensitivity = Sensitivity::kSkip,
                          .draws = draws,
                          .threads = static_cast<int>(state.range(0))};
  for (auto _ : state) benchmark::DoNotOptimize(Run(f, o));
  state.counters["member_draws_per_s"] = benchmark::Counter(
      650.0 * static_cast<double>(draws) * static_cast<double>(state.iterations()),
      benchmark::Counter::kIsRate);
}
BENCHMARK(BM_MonteCarlo)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace whipcount

int main(int argc, char** argv) {
  // --no-summary: only the Google Benchmark runs (for profiling one of them).
  bool summary = true;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--no-summary") {
      summary = false;
      for (int j = i; j + 1 < argc; ++j) argv[j] = argv[j + 1];
      --argc;
      break;
    }
  }
  if (summary) whipcount::PrintSummary();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
