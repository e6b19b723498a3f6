// Parliament diagram timings (issue 5): geometry and SVG for a 3,000-seat chamber in-process
// (target < 1 ms), and `whipcount draw` as a whole process (target < 20 ms).
//
//   build/bench/diagram_bench --benchmark_filter=Draw
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "io/render.h"
#include "io/svg.h"
#include "whipcount/diagram.h"

extern char** environ;

namespace whipcount {
namespace {

// A chamber of `seats` seats in ten parties, two blocs, a chair, one vacancy and named
// dissidents, with declared stances.
struct Fixture {
  Chamber chamber;
  Stances stances;
};

std::string Numbered(std::string_view prefix, int i) {
  std::string s(prefix);
  s += std::to_string(i);
  return s;
}

Fixture MakeFixture(int seats) {
  Fixture f;
  Chamber& c = f.chamber;
  c.name = "Benchmark Chamber";
  c.statutory_seats = seats;
  const int shares[] = {31, 22, 12, 9, 7, 6, 5, 4, 2, 1};  // percent; sums to 99
  int held = 0;
  for (int i = 0; i < 10; ++i) {
    const int n = seats * shares[i] / 100;
    c.parties.push_back({.id = Numbered("P", i), .name = Numbered("Party ", i), .seats = n});
    held += n;
  }
  c.parties[0].seats += seats - 1 - held;  // one vacancy
  c.presiding = PresidingOfficer{.name = "Chair", .party = "P0"};
  c.blocs.push_back({.id = "gov", .role = BlocRole::kGovernment, .parties = {"P0", "P3", "P5"}});
  c.blocs.push_back(
      {.id = "opp", .role = BlocRole::kOpposition, .parties = {"P1", "P2", "P4", "P6"}});
  for (int i = 0; i < 12; ++i) {
    c.members.push_back({.id = Numbered("m", i), .name = Numbered("Member ", i), .party = "P0"});
    f.stances.members[Numbered("m", i)] = Stance::kFor;
  }
  f.stances.blocs = {{"gov", Stance::kAgainst}, {"opp", Stance::kFor}};
  f.stances.parties = {{"P7", Stance::kAbstain}, {"P8", Stance::kAbsent}};
  return f;
}

DiagramOptions Options(int seats) {
  return {.markers = {{seats / 2 + 1, "needed: majority"}, {(2 * seats + 2) / 3, "two-thirds"}}};
}

void BM_ArchGeometry(benchmark::State& state) {
  const int seats = static_cast<int>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(LayOutArch(seats));
}
BENCHMARK(BM_ArchGeometry)->Arg(342)->Arg(3000)->Unit(benchmark::kMicrosecond);

void BM_BuildDiagram(benchmark::State& state) {
  const int seats = static_cast<int>(state.range(0));
  const Fixture f = MakeFixture(seats);
  const DiagramOptions options = Options(seats);
  for (auto _ : state) benchmark::DoNotOptimize(BuildDiagram(f.chamber, f.stances, options));
}
BENCHMARK(BM_BuildDiagram)->Arg(342)->Arg(3000)->Unit(benchmark::kMicrosecond);

// The in-process figure: geometry and SVG together.
void BM_GeometryAndSvg(benchmark::State& state) {
  const int seats = static_cast<int>(state.range(0));
  const Layout layout = static_cast<Layout>(state.range(1));
  const Fixture f = MakeFixture(seats);
  DiagramOptions options = Options(seats);
  options.layout = layout;
  size_t bytes = 0;
  for (auto _ : state) {
    Result<Diagram> d = BuildDiagram(f.chamber, f.stances, options);
    std::string svg = WriteSvg(*d, {.subtitle = "2022-03-30"});
    bytes = svg.size();
    benchmark::DoNotOptimize(svg);
  }
  state.counters["svg_bytes"] = static_cast<double>(bytes);
  state.SetLabel(std::string(EnumName(layout)));
}
BENCHMARK(BM_GeometryAndSvg)
    ->Args({342, static_cast<int>(Layout::kArch)})
    ->Args({3000, static_cast<int>(Layout::kArch)})
    ->Args({3000, static_cast<int>(Layout::kCircle)})
    ->Args({3000, static_cast<int>(Layout::kHorseshoe)})
    ->Args({3000, static_cast<int>(Layout::kClassroom)})
    ->Args({3000, static_cast<int>(Layout::kWestminster)})
    ->Unit(benchmark::kMicrosecond);

void BM_RenderPng(benchmark::State& state) {
  const int seats = static_cast<int>(state.range(0));
  const Fixture f = MakeFixture(seats);
  const std::string svg = WriteSvg(*BuildDiagram(f.chamber, f.stances, Options(seats)));
  for (auto _ : state) benchmark::DoNotOptimize(RenderPng(svg));
}
BENCHMARK(BM_RenderPng)->Arg(342)->Arg(3000)->Unit(benchmark::kMillisecond);

// A chamber file of `seats` seats for the whole-process benchmark, written once.
std::string ChamberFile(int seats) {
  const std::string path = "/tmp/whipcount_diagram_bench_" + std::to_string(seats) + "_" +
                           std::to_string(getpid()) + ".yaml";
  std::ofstream out(path);
  out << "format: whipcount/1\nchamber:\n  id: bench\n  name: Benchmark Chamber\n  seats: " << seats
      << "\nparties:\n";
  const int shares[] = {60, 25, 10, 5};
  int held = 0;
  for (int i = 0; i < 4; ++i) {
    const int n = i == 0 ? 0 : seats * shares[i] / 100;
    held += n;
  }
  for (int i = 0; i < 4; ++i) {
    const int n = i == 0 ? seats - held : seats * shares[i] / 100;
    out << "  - id: P" << i << "\n    name: Party " << i << "\n    seats: " << n << "\n";
  }
  out << "blocs:\n  - id: gov\n    name: Government\n    role: government\n    parties: [P0]\n"
         "  - id: opp\n    name: Opposition\n    role: opposition\n    parties: [P1, P2]\n"
         "rules:\n  - id: majority\n    name: Majority\n    thresholds:\n"
         "      - fraction: 1/2\n        strict: true\n        base: statutory\n"
         "motion:\n  id: m\n  title: A motion\n  rule: majority\n"
         "stances:\n  blocs: {gov: against, opp: for}\n";
  return path;
}

// Wall time of one `whipcount draw` process, output discarded.
void RunDraw(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  if (posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ) != 0) std::abort();
  posix_spawn_file_actions_destroy(&actions);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) std::abort();
}

void BM_DrawProcess(benchmark::State& state) {
  const int seats = static_cast<int>(state.range(0));
  const std::string file = seats == 342
                               ? std::string(WHIPCOUNT_SOURCE_DIR) + "/data/pk-na-2022.yaml"
                               : ChamberFile(seats);
  const std::vector<std::string> argv = {WHIPCOUNT_BINARY, "draw", file, "--format",
                                         state.range(1) == 1 ? "png" : "svg"};
  for (auto _ : state) RunDraw(argv);
  if (seats != 342) std::remove(file.c_str());
  state.SetLabel(state.range(1) == 1 ? "png" : "svg");
}
BENCHMARK(BM_DrawProcess)
    ->Args({342, 0})
    ->Args({3000, 0})
    ->Args({342, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace whipcount

BENCHMARK_MAIN();
