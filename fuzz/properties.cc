// The fuzz targets' properties: what a reader accepts, the engine must be able to use as it
// promises (properties.h).
#include "fuzz/properties.h"

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "io/chamber_file.h"
#include "io/forecast_file.h"
#include "io/game_file.h"
#include "io/spreadsheet.h"
#include "whipcount/case.h"
#include "whipcount/forecast.h"
#include "whipcount/power.h"
#include "whipcount/tally.h"

namespace whipcount::fuzz {
namespace {

constexpr const char* kFile = "fuzz.yaml";

// The chamber file and the rulebook that follows kRulebookSeparator, parsed; the rulebook is
// what any `rulebook:` key loads.
Result<io::ChamberFile> ParseWithRulebook(std::string_view input) {
  const size_t split = input.find(kRulebookSeparator);
  const std::string_view chamber = input.substr(0, split);
  const std::string rulebook(split == std::string_view::npos
                                 ? std::string_view()
                                 : input.substr(split + kRulebookSeparator.size()));
  return io::ParseChamberFile(chamber, kFile,
                              [&](const std::string&) -> Result<std::string> { return rulebook; });
}

// What is wrong with one tally of `rule`: its counts must cover every filled seat once, and its
// outcome must be the one Decide gives on them.
std::string CheckTally(const Tally& tally, const Rule& rule, std::string_view where) {
  const std::string at = " (" + std::string(where) + ")";
  // Members whose votes never count sit outside the filled seats (Counts::uncounted).
  const int counted = tally.total.Total() - tally.total.uncounted;
  if (counted != tally.filled_seats) {
    return "the stances of counted members add up to " + std::to_string(counted) + ", not the " +
           std::to_string(tally.filled_seats) + " filled seats" + at;
  }
  if (tally.filled_seats + tally.vacancies != tally.statutory_seats) {
    return "filled seats and vacancies do not make the statutory seats" + at;
  }
  int party_members = 0;
  for (const PartyRow& row : tally.parties) party_members += row.counts.Total();
  if (party_members > tally.total.Total()) return "the party rows hold more than the total" + at;
  const Outcome now = Decide(tally.total, rule, tally.context);
  if (now.passes != tally.passes_now) return "passes_now is not Decide's verdict" + at;
  const Requirement required = RequiredFor(tally.total, rule, tally.context);
  if (required.votes != tally.required) return "required is not RequiredFor's" + at;
  if (tally.required && tally.margin != tally.total.for_votes - *tally.required) {
    return "the margin is not for less required" + at;
  }
  if (tally.verdict == Verdict::kPasses && !(tally.passes_now && tally.passes_best)) {
    return "passes at worst but not as it stands" + at;
  }
  if (tally.verdict == Verdict::kFails && (tally.passes_now || tally.passes_best)) {
    return "fails at best but passes as it stands" + at;
  }
  return "";
}

// Every step of the motion's story, and the story replayed a second time.
std::string CheckStory(const MotionCase& motion) {
  Result<TimelineTally> story = TallyStory(motion);
  if (!story.ok()) return "";
  for (size_t s = 0; s < story->steps.size(); ++s) {
    if (std::string problem =
            CheckTally(story->steps[s].tally, *motion.rule, "step " + std::to_string(s));
        !problem.empty()) {
      return problem;
    }
  }
  Result<TimelineTally> again = TallyStory(motion);
  if (!again.ok() || again->steps.size() != story->steps.size()) {
    return "replaying the events twice gave different stories";
  }
  for (size_t s = 0; s < story->steps.size(); ++s) {
    const Tally& a = story->steps[s].tally;
    const Tally& b = again->steps[s].tally;
    if (a.verdict != b.verdict || a.required != b.required || a.total.Total() != b.total.Total() ||
        a.total.for_votes != b.total.for_votes) {
      return "replaying the events twice gave different tallies at step " + std::to_string(s);
    }
  }
  return "";
}

}  // namespace

std::string CheckChamberFile(std::string_view input) {
  Result<io::ChamberFile> file = ParseWithRulebook(input);
  if (!file.ok()) return "";
  for (const Motion& m : file->content.motions) {
    Result<MotionCase> motion = SelectMotion(file->content, m.id);
    if (!motion.ok()) continue;
    Result<Snapshot> snapshot = TallyOn(*motion, std::nullopt);
    if (snapshot.ok() && snapshot->tally) {
      if (std::string problem = CheckTally(*snapshot->tally, *motion->rule, "motion " + m.id);
          !problem.empty()) {
        return problem;
      }
    }
    if (std::string problem = CheckStory(*motion); !problem.empty()) return problem;
  }
  return "";
}

std::string CheckGameFile(std::string_view input) {
  Result<io::GameFile> file = io::ParseGameFile(input, {.file = "fuzz.csv"});
  if (!file.ok()) return "";
  std::int64_t total = 0;
  for (std::int64_t w : file->weights) {
    if (w < 0) return "a negative weight was read";
    if (w > kMaxTotalWeight - total) return "the weights add up past kMaxTotalWeight";
    total += w;
  }
  if (total != file->total_weight) return "total_weight is not the sum of the weights";
  if (!file->names.empty() && file->names.size() != file->weights.size()) {
    return "names and weights differ in number";
  }
  const auto players = static_cast<int>(file->weights.size());
  for (const std::vector<int>& u : file->unions) {
    for (int p : u) {
      if (p < 0 || p >= players) return "a union names a player that is not there";
    }
  }
  if (!file->quota) return "";
  if (file->quota->votes < 1 || file->quota->votes > total) {
    return "the quota " + std::to_string(file->quota->votes) + " is outside 1 to the total";
  }
  Result<VotingGame> game = file->ToGame();
  if (!game.ok()) return "a file with a quota that was read makes no game";
  if (const Status valid = Validate(*game); !valid.ok()) {
    return "the game read does not validate: " + valid.ToString();
  }
  return "";
}

std::string CheckForecastSection(std::string_view input) {
  Result<io::ChamberFile> file = ParseWithRulebook(input);
  if (!file.ok() || !file->forecast) return "";
  Result<MotionCase> motion = SelectMotion(file->content, std::nullopt);
  if (!motion.ok() || !motion->motion || !motion->rule) return "";
  Result<State> state = StateOn(*motion, DefaultDate(*motion));
  if (!state.ok()) return "";
  Result<ForecastModel> model = io::ReadForecastSection(*file, state->chamber);
  if (!model.ok()) return "";
  if (const Status valid = Validate(*model, state->chamber); !valid.ok()) {
    return "the model read does not validate: " + valid.ToString();
  }
  Result<ForecastReport> report =
      Forecast(*state, *motion->rule, *motion->motion, *model,
               {.method = Method::kMonteCarlo, .max_work = 10'000'000, .draws = 200, .threads = 1});
  if (report.ok() && !(report->p_pass >= 0 && report->p_pass <= 1)) {
    return "P(pass) " + std::to_string(report->p_pass) + " is not a probability";
  }
  return "";
}

namespace {

// The tables imported into a chamber file and read back as one; empty when they are refused.
struct Imported {
  std::optional<io::ChamberFile> file;
  std::string problem;
};

Imported ImportTables(std::string_view parties, std::optional<std::string_view> members) {
  Imported out;
  const Result<io::CsvTable> party_table = io::ParseCsv(parties, "parties.csv");
  if (!party_table.ok()) return out;
  std::optional<io::CsvTable> member_table;
  if (members) {
    Result<io::CsvTable> t = io::ParseCsv(*members, "members.csv");
    if (!t.ok()) return out;
    member_table = std::move(*t);
  }
  const Result<io::ChamberDraft> draft = io::ChamberFromSpreadsheet(
      *party_table, member_table ? &*member_table : nullptr, {.seats = 100'000});
  if (!draft.ok()) return out;
  Result<io::ChamberFile> file =
      io::ParseChamberFile(draft->Yaml(), kFile,
                           [](const std::string&) -> Result<std::string> { return std::string(); });
  if (!file.ok()) {
    out.problem = "the imported chamber file does not read back: " + file.status().ToString();
    return out;
  }
  out.file = std::move(*file);
  return out;
}

}  // namespace

std::string CheckSpreadsheet(std::string_view input) {
  const size_t split = input.find(kMembersSeparator);
  const std::optional<std::string_view> members =
      split == std::string_view::npos
          ? std::nullopt
          : std::optional(input.substr(split + kMembersSeparator.size()));
  const Imported first = ImportTables(input.substr(0, split), members);
  if (!first.file) return first.problem;
  const State& state = first.file->content.base;
  const std::string parties = io::PartiesCsv(state);
  const std::string named = io::MembersCsv(state);
  const Imported again =
      ImportTables(parties, state.chamber.members.empty() ? std::nullopt
                                                          : std::optional<std::string_view>(named));
  if (!again.file) {
    return again.problem.empty() ? "the exported tables are refused on import" : again.problem;
  }
  const State& back = again.file->content.base;
  if (back.chamber.parties != state.chamber.parties) return "the parties change through CSV";
  if (back.chamber.members != state.chamber.members) return "the members change through CSV";
  if (io::PartiesCsv(back) != parties) return "the party table changes through a second import";
  return "";
}

}  // namespace whipcount::fuzz
