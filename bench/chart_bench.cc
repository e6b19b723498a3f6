// Laying out a timeline chart of many events (issue 18: the label layout was cubic in events,
// 4,000 events took 29 s). Prints the median time of BuildChart at 1,000 to 8,000 events and
// the growth per doubling, which should be near 2 (near-linear) rather than 8 (cubic); then runs
// the same sizes under Google Benchmark.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>
#include <random>
#include <string>
#include <vector>

#include "whipcount/chart.h"
#include "whipcount/tally.h"
#include "whipcount/timeline.h"

namespace whipcount {
namespace {

constexpr std::array<int, 4> kSizes = {1'000, 2'000, 4'000, 8'000};

struct Story {
  std::vector<Event> events;
  TimelineTally story;
};

// `n` events over about a year, up to 22 a day, with labels of 10 to 60 characters: notes, and
// seats of the party for the motion vacated and filled so that "for" wanders around the 101
// votes a majority of 200 seats needs, crossing it now and then. The story is the engine's own
// (TallyTimeline).
Story ManyEvents(int n) {
  std::mt19937 rng(18);
  Story s;
  State base;
  base.chamber.statutory_seats = 200;
  base.chamber.parties = {{.id = "A", .seats = 100}, {.id = "B", .seats = 90}};
  base.stances.parties = {{"A", Stance::kFor}, {"B", Stance::kAgainst}};
  s.events.reserve(static_cast<size_t>(n));
  Date date{.year = 2020, .month = 1, .day = 1};
  const int per_day = std::max(1, n / 365);
  int seats = 100;  // of party A
  for (int i = 0; i < n; ++i) {
    if (i % per_day == 0 && ++date.day > 28) {  // a day forward; every month has a 28th
      date.day = 1;
      if (++date.month > 12) {
        date.month = 1;
        ++date.year;
      }
    }
    Event e{.date = date, .party = "A"};
    switch (rng() % 3) {
      case 0:
        e.kind = seats > 95 ? EventKind::kVacate : EventKind::kFill;
        break;
      case 1:
        e.kind = seats < 105 ? EventKind::kFill : EventKind::kVacate;
        break;
      default:
        e.party.clear();
        break;
    }
    seats += e.kind == EventKind::kFill ? 1 : e.kind == EventKind::kVacate ? -1 : 0;
    e.summary = "Event " + std::to_string(i) + " " + std::string(rng() % 50, 'x');
    s.events.push_back(std::move(e));
  }
  const Rule rule{.id = "r", .thresholds = {{.fraction = {1, 2}, .base = Base::kStatutorySeats}}};
  Result<TimelineTally> story = TallyTimeline(base, s.events, rule, Motion{});
  if (!story.ok()) {
    std::fprintf(stderr, "timeline failed: %s\n", story.status().ToString().c_str());
    std::exit(1);
  }
  s.story = std::move(*story);
  return s;
}

Chart Build(const Story& s) {
  Result<Chart> chart = BuildChart(s.story, s.events);
  if (!chart.ok()) {
    std::fprintf(stderr, "chart failed: %s\n", chart.status().ToString().c_str());
    std::exit(1);
  }
  return std::move(*chart);
}

double ThreadCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

// Median CPU time of the calling thread over `repeats` layouts: on a shared machine the wall
// clock also counts other processes' turns.
double MedianSeconds(const Story& s, int repeats) {
  std::vector<double> t;
  for (int i = 0; i < repeats; ++i) {
    const double start = ThreadCpuSeconds();
    benchmark::DoNotOptimize(Build(s));
    t.push_back(ThreadCpuSeconds() - start);
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

void PrintSummary() {
  std::printf("Chart layout (issue 18): median CPU time of BuildChart over 5 runs\n\n");
  std::printf("  %6s  %10s  %6s  %9s  %s\n", "events", "time", "lanes", "unlabelled",
              "growth per doubling (target ~2, cubic was ~8)");
  double previous = 0;
  for (int n : kSizes) {
    const Story s = ManyEvents(n);
    const double seconds = MedianSeconds(s, 5);
    const Chart c = Build(s);
    const auto unlabelled = std::count_if(c.markers.begin(), c.markers.end(),
                                          [](const ChartMarker& m) { return !m.labelled; });
    std::printf("  %6d  %7.1f ms  %6d  %9td", n, seconds * 1e3, c.lanes, unlabelled);
    if (previous > 0) std::printf("  x%.2f", seconds / previous);
    std::printf("\n");
    previous = seconds;
  }
  std::printf("\n");
}

void ChartLayout(benchmark::State& state) {
  const Story s = ManyEvents(static_cast<int>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(Build(s));
  state.SetComplexityN(state.range(0));
}
BENCHMARK(ChartLayout)
    ->Arg(kSizes[0])
    ->Arg(kSizes[1])
    ->Arg(kSizes[2])
    ->Arg(kSizes[3])
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oNLogN);

}  // namespace
}  // namespace whipcount

int main(int argc, char** argv) {
  whipcount::PrintSummary();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
