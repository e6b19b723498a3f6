// Replaying a long event log on a member-level chamber, then answering a tally on the last date.
// Target (issue 3): 100,000 events on a 650-seat member-level chamber well under a second on
// one core. Prints the time and events per second.
#include <benchmark/benchmark.h>

#include <random>

#include "whipcount/tally.h"
#include "whipcount/timeline.h"

namespace whipcount {
namespace {

constexpr int kSeats = 650;
constexpr int kParties = 10;

State MemberLevelChamber() {
  State s;
  Chamber& c = s.chamber;
  c.name = "Bench";
  c.statutory_seats = kSeats;
  for (int p = 0; p < kParties; ++p) {
    c.parties.push_back({.id = "P" + std::to_string(p), .seats = kSeats / kParties});
  }
  for (int m = 0; m < kSeats; ++m) {
    c.members.push_back(
        {.id = "m" + std::to_string(m), .party = "P" + std::to_string(m % kParties)});
  }
  c.blocs = {{.id = "gov", .parties = {"P0", "P1", "P2", "P3", "P4"}},
             {.id = "opp", .parties = {"P5", "P6", "P7", "P8", "P9"}}};
  s.stances.blocs = {{"gov", Stance::kAgainst}, {"opp", Stance::kFor}};
  return s;
}

// A valid log: member stances, members crossing the floor, parties changing blocs, members
// changing party. Dates advance one day every 50 events.
std::vector<Event> EventLog(const State& base, int n) {
  std::mt19937 rng(42);
  std::vector<Event> events;
  events.reserve(static_cast<size_t>(n));
  std::vector<std::string> party_of(kSeats);
  for (int m = 0; m < kSeats; ++m)
    party_of[static_cast<size_t>(m)] = base.chamber.members[static_cast<size_t>(m)].party;
  Date date{2000, 1, 1};
  for (int i = 0; i < n; ++i) {
    if (i % 50 == 0 && ++date.day > 28) {  // a day forward; every month has a 28th
      date.day = 1;
      if (++date.month > 12) {
        date.month = 1;
        ++date.year;
      }
    }
    Event e{.date = date};
    const int m = static_cast<int>(rng() % kSeats);
    const std::string member = "m" + std::to_string(m);
    switch (rng() % 4) {
      case 0:
        e.kind = EventKind::kStance;
        e.member = member;
        e.stance = static_cast<Stance>(rng() % std::size(kAllStances));
        break;
      case 1:
        e.kind = EventKind::kJoinBloc;
        e.member = member;
        e.bloc = rng() % 2 ? "gov" : "opp";
        break;
      case 2: {
        e.kind = EventKind::kChangeParty;
        e.member = member;
        std::string to = "P" + std::to_string(rng() % kParties);
        if (to == party_of[static_cast<size_t>(m)]) to = to == "P0" ? "P1" : "P0";
        e.party = to;
        party_of[static_cast<size_t>(m)] = to;
        break;
      }
      default:
        e.kind = EventKind::kJoinBloc;
        e.party = "P" + std::to_string(rng() % kParties);
        e.bloc = rng() % 2 ? "gov" : "opp";
        break;
    }
    events.push_back(std::move(e));
  }
  return events;
}

void BM_ReplayAndTally(benchmark::State& state) {
  const State base = MemberLevelChamber();
  const std::vector<Event> events = EventLog(base, static_cast<int>(state.range(0)));
  const Rule rule{
      .id = "r",
      .thresholds = {{.fraction = {1, 2}, .strict = true, .base = Base::kStatutorySeats}}};
  for (auto _ : state) {
    Result<State> end = Replay(base, events);
    if (!end.ok()) {
      state.SkipWithError(end.status().ToString().c_str());
      return;
    }
    Tally t = CountVotes(end->chamber, end->stances, rule, Motion{}, {.date = events.back().date});
    benchmark::DoNotOptimize(t);
  }
  state.counters["events_per_second"] = benchmark::Counter(
      static_cast<double>(events.size()), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_ReplayAndTally)->Arg(100'000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace whipcount

BENCHMARK_MAIN();
