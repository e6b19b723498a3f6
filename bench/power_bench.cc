// Power-index benchmarks on the shared games (../shared/data/power), against the reference times
// of EPIC (Staudacher et al., exact, C++ with GMP) measured on this kind of machine and listed in
// that directory's README. Each row reports our time, EPIC's, the speed-up and the target.
// Run with bench/run_power (a Release build); not part of the test suite.
#include <benchmark/benchmark.h>

#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "io/game_file.h"
#include "whipcount/coalition.h"
#include "whipcount/power.h"

namespace whipcount {
namespace {

const std::string kDataDir = WHIPCOUNT_SOURCE_DIR "/../shared/data/power/";

struct Case {
  std::string label;
  std::string file;  // relative to kDataDir
  io::GameLayout layout = io::GameLayout::kNamed;
  std::optional<std::string> quota;  // when the file has none
  std::vector<PowerIndex> indices;
  double epic_seconds = 0;    // EPIC's time, 0 when the README gives none
  double target_seconds = 0;  // the target, 0 when none
  bool eu_rule = false;       // the EU Council's double majority over the file's populations
  bool heavy = false;         // run once rather than repeatedly
};

Result<VotingGame> LoadGame(const Case& c) {
  std::ifstream in(kDataDir + c.file);
  if (!in) return Status(ErrorCode::kIo, "cannot read " + kDataDir + c.file);
  std::stringstream text;
  text << in.rdbuf();
  Result<io::GameFile> file = io::ParseGameFile(text.str(), {.file = c.file, .layout = c.layout});
  if (!file.ok()) return file.status();
  if (c.eu_rule) return EuCouncilGame(file->names, file->weights);
  return file->ToGame(c.quota);
}

void RunCase(benchmark::State& state, const Case& c) {
  const Result<VotingGame> game = LoadGame(c);
  if (!game.ok()) {
    state.SkipWithError(game.status().ToString().c_str());
    return;
  }
  const PowerOptions options{.indices = c.indices};
  for (auto _ : state) {
    Result<PowerReport> report = ComputePower(*game, options);
    if (!report.ok()) {
      state.SkipWithError(report.status().ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(report);
  }
  const double iterations = static_cast<double>(state.iterations());
  // Rate counters are divided by the elapsed time: epic * iterations / time = EPIC's time / ours.
  if (c.epic_seconds > 0) {
    state.counters["EPIC_s"] = c.epic_seconds;
    state.counters["x_faster"] =
        benchmark::Counter(c.epic_seconds * iterations, benchmark::Counter::kIsRate);
  }
  if (c.target_seconds > 0) {
    state.counters["target_s"] = c.target_seconds;
    state.counters["x_under_target"] =
        benchmark::Counter(c.target_seconds * iterations, benchmark::Counter::kIsRate);
  }
}

// Minimal winning coalitions of a 15-party parliament (seats of a fragmented chamber).
void ListParliamentCoalitions(benchmark::State& state) {
  std::vector<CoalitionParty> parties;
  const std::vector<int> seats = {121, 98, 74, 52, 44, 37, 30, 22, 19, 14, 9, 7, 5, 4, 3};
  for (std::size_t i = 0; i < seats.size(); ++i) {
    parties.push_back({.id = "P" + std::to_string(i + 1),
                       .seats = seats[i],
                       .position = static_cast<double>(i * 7 % 11)});
  }
  std::size_t listed = 0;
  for (auto _ : state) {
    Result<CoalitionReport> report = MinimalWinningCoalitions(parties, 270, {});
    if (!report.ok()) {
      state.SkipWithError(report.status().ToString().c_str());
      return;
    }
    listed = report->coalitions.size();
    benchmark::DoNotOptimize(report);
  }
  state.counters["coalitions"] = static_cast<double>(listed);
  state.counters["target_s"] = 0.05;
  state.counters["x_under_target"] = benchmark::Counter(
      0.05 * static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

std::vector<Case> Cases() {
  using io::GameLayout;
  using PI = PowerIndex;
  std::vector<Case> cases;
  struct Epic {
    std::string label, file;
    GameLayout layout;
    std::optional<std::string> quota;
    double banzhaf, shapley, public_good, deegan_packel;
  };
  const std::vector<Epic> games = {
      {"uniform.n50",
       "uniform/uniform.n50.q11860.csv",
       GameLayout::kQuotaFirst,
       {},
       3.4e-3,
       0.17,
       13e-3,
       0.22},
      {"uniform.n100",
       "uniform/uniform.n100.q24129.csv",
       GameLayout::kQuotaFirst,
       {},
       35e-3,
       3.6,
       0.11,
       5.5},
      {"uniform.n150",
       "uniform/uniform.n150.q35951.csv",
       GameLayout::kQuotaFirst,
       {},
       95e-3,
       13.8,
       0.21,
       25},
      {"normal_sqrd.n100",
       "normal_sqrd/normal_sqrd.n100.q504097.csv",
       GameLayout::kQuotaFirst,
       {},
       0.48,
       85,
       2.3,
       110},
      {"AIIB.n87", "precoalitions/87players-1128975weight-AIIB-noCoalitions.csv",
       GameLayout::kNamed, "majority", 0.39, 0, 1.56, 0},
      {"players.n3434", "precoalitions/3434players-72068weight-noCoalitions.csv",
       GameLayout::kNamed, "majority", 16.7, 0, 50.7, 0},
      {"us-electoral-college", "us-electoral-college-2012-2020.csv", GameLayout::kNamed, "270",
       0.3e-3, 4e-3, 0.5e-3, 5e-3},
  };
  for (const Epic& g : games) {
    auto add = [&](PI index, double epic, double heavy_above) {
      cases.push_back({.label = g.label + "/" + std::string(EnumName(index)),
                       .file = g.file,
                       .layout = g.layout,
                       .quota = g.quota,
                       .indices = {index},
                       .epic_seconds = epic,
                       .target_seconds = epic / 10,
                       .heavy = epic > heavy_above});
    };
    add(PI::kBanzhaf, g.banzhaf, 5.0);
    if (g.shapley > 0) add(PI::kShapleyShubik, g.shapley, 20.0);
    add(PI::kPublicGood, g.public_good, 5.0);
    if (g.deegan_packel > 0) add(PI::kDeeganPackel, g.deegan_packel, 20.0);
  }
  // Johnston on uniform n = 100: EPIC does not finish in 700 s; the target is a minute.
  cases.push_back({.label = "uniform.n100/johnston",
                   .file = "uniform/uniform.n100.q24129.csv",
                   .layout = GameLayout::kQuotaFirst,
                   .indices = {PI::kJohnston},
                   .target_seconds = 60,
                   .heavy = true});
  // The EU Council's double majority: plain enumeration of 2^27 coalitions takes 1.5 s.
  cases.push_back({.label = "eu27-council/banzhaf+shapley-shubik",
                   .file = "eu27-council-2017-population.csv",
                   .indices = {PI::kBanzhaf, PI::kShapleyShubik},
                   .epic_seconds = 1.5,
                   .target_seconds = 0.1,
                   .eu_rule = true});
  // A-priori unions (no EPIC reference in the README).
  cases.push_back({.label = "AIIB_50/owen+banzhaf-owen",
                   .file = "precoalitions/87players-1128975weight-AIIB_50.csv",
                   .layout = GameLayout::kUnionsPerLine,
                   .indices = {PI::kOwen, PI::kBanzhafOwen}});
  cases.push_back({.label = "394players_50/owen+banzhaf-owen",
                   .file = "precoalitions/394players-19596weight_50.csv",
                   .layout = GameLayout::kUnionsPerLine,
                   .indices = {PI::kOwen, PI::kBanzhafOwen},
                   .heavy = true});
  return cases;
}

}  // namespace
}  // namespace whipcount

int main(int argc, char** argv) {
  for (const whipcount::Case& c : whipcount::Cases()) {
    auto* b = benchmark::RegisterBenchmark(
        c.label.c_str(), [c](benchmark::State& state) { whipcount::RunCase(state, c); });
    b->Unit(benchmark::kMillisecond)->UseRealTime();
    if (c.heavy) b->Iterations(1);
  }
  benchmark::RegisterBenchmark("parliament.15-parties/minimal-winning-coalitions",
                               whipcount::ListParliamentCoalitions)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
