// CLI tests: golden files run in-process, and end-to-end runs of the built binary.
//
// A golden file tests/golden/cli/NAME.test holds a command line, the expected exit code, and the
// exact expected stdout and stderr, each after its marker line (see Golden). Paths in commands
// are relative to the source tree. Regenerate with WHIPCOUNT_UPDATE_GOLDEN=1 after a deliberate
// change, then review the diff.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string_view>

#include "commands/commands.h"
#include "support/process.h"
#include "support/run_in_process.h"

namespace whipcount::cli {
namespace {

namespace fs = std::filesystem;

using Outcome = CliRun;

std::vector<std::string> Split(const std::string& line) {
  std::vector<std::string> words;
  std::istringstream in(line);
  std::string w;
  while (in >> w) words.push_back(w);
  return words;
}

// Runs the real binary through the shell from the repository's root.
Outcome RunBinary(const std::string& args) {
  const testing_support::ProcessOutcome p =
      testing_support::RunShell("cd '" WHIPCOUNT_SOURCE_DIR "' && '" WHIPCOUNT_BINARY "' " + args);
  return Outcome{.code = p.code, .out = p.out, .err = p.err};
}

// A golden file: the command, its exit code and both streams, each compared in every case.
//
//   # what the case shows
//   command: coalitions data/uk-commons-1979.yaml --top 3x
//   exit: 2
//   ---- stdout
//   ---- stderr
//   error: [E401 usage] --top takes a whole number from 0 to 2,147,483,647, not '3x'
struct Golden {
  std::string header;  // the lines before "exit:", kept when the file is rewritten
  std::string command;
  std::optional<std::string> exit;
  std::optional<std::string> out;
  std::optional<std::string> err;
};

constexpr std::string_view kOutMarker = "---- stdout\n";
constexpr std::string_view kErrMarker = "---- stderr\n";

Golden ParseGolden(const std::string& text) {
  Golden g;
  std::istringstream in(text);
  std::string line;
  bool has_out = false;
  // The header ends at the first marker line; a new case may end it with a bare "----".
  while (std::getline(in, line)) {
    if (line.starts_with("----")) {
      has_out = line + "\n" == kOutMarker;
      break;
    }
    if (line.starts_with("command: ")) g.command = line.substr(9);
    if (line.starts_with("exit: ")) g.exit = line.substr(6);
    if (!g.exit) g.header += line + "\n";
  }
  if (!has_out) return g;
  const std::string rest((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const size_t err_at =
      rest.starts_with(kErrMarker) ? 0 : rest.find("\n" + std::string(kErrMarker));
  if (err_at == std::string::npos) return g;
  const size_t out_end = err_at == 0 ? 0 : err_at + 1;
  g.out = rest.substr(0, out_end);
  g.err = rest.substr(out_end + kErrMarker.size());
  return g;
}

std::string GoldenText(const Golden& g, const Outcome& r) {
  return g.header + "exit: " + std::to_string(r.code) + "\n" + std::string(kOutMarker) + r.out +
         std::string(kErrMarker) + r.err;
}

class GoldenTest : public testing::TestWithParam<std::string> {};

TEST_P(GoldenTest, MatchesExpectedOutput) {
  const fs::path path =
      fs::path(WHIPCOUNT_SOURCE_DIR) / "tests/golden/cli" / (GetParam() + ".test");
  std::ifstream in(path);
  ASSERT_TRUE(in) << path;
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const Golden golden = ParseGolden(text);
  ASSERT_FALSE(golden.command.empty()) << path << ": no 'command:' line";
  const Outcome r = RunInProcess(Split(golden.command));
  // A stream that does not end its last line would run into the next marker.
  for (const std::string* stream : {&r.out, &r.err}) {
    EXPECT_TRUE(stream->empty() || stream->ends_with('\n')) << "unterminated output: " << *stream;
  }
  if (std::getenv("WHIPCOUNT_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path) << GoldenText(golden, r);
    return;
  }
  ASSERT_TRUE(golden.exit && golden.out && golden.err)
      << path << ": needs 'exit:', '---- stdout' and '---- stderr'";
  EXPECT_EQ(std::to_string(r.code), *golden.exit);
  EXPECT_EQ(r.out, *golden.out);
  EXPECT_EQ(r.err, *golden.err);
}

std::vector<std::string> GoldenNames() {
  std::vector<std::string> names;
  for (const auto& e :
       fs::directory_iterator(fs::path(WHIPCOUNT_SOURCE_DIR) / "tests/golden/cli")) {
    if (e.path().extension() == ".test") names.push_back(e.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

INSTANTIATE_TEST_SUITE_P(Cli, GoldenTest, testing::ValuesIn(GoldenNames()),
                         [](const testing::TestParamInfo<std::string>& param) {
                           std::string n = param.param;
                           for (char& c : n) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return n;
                         });

TEST(CliTest, PakistanOppositionCrossesTheLineOn30March) {
  const Outcome r = RunInProcess(
      {"tally", "data/pk-na-2022.yaml", "--date", "2022-03-29", "--date", "2022-03-30", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["required"], 172);
  EXPECT_EQ(j[0]["verdict"], "fails");
  EXPECT_EQ(j[1]["required"], 172);
  EXPECT_EQ(j[1]["verdict"], "passes");
  EXPECT_GE(j[1]["for"].get<int>(), 172);
  EXPECT_EQ(j[1]["chamber"]["vacancies"], 1);
  EXPECT_EQ(j[1]["thresholds"][0]["base"], "statutory");
  EXPECT_EQ(j[1]["thresholds"][0]["base_count"], 342);
}

// draw --set draws the what-if that tally --set counts (the dashboard's what-if picture), and
// the picture says it is hypothetical.
TEST(CliTest, DrawWithAWhatIfMarksTheStancesAndSaysSo) {
  const std::string mqm = "Muttahida Qaumi Movement \u2013 Pakistan (MQM-P): ";
  const Outcome recorded = RunInProcess({"draw", "data/pk-na-2022.yaml", "--date", "2022-03-29"});
  ASSERT_EQ(recorded.code, 0) << recorded.err;
  EXPECT_NE(recorded.out.find(mqm + "against</title>"), std::string::npos);
  EXPECT_EQ(recorded.out.find("hypothetical"), std::string::npos);

  const Outcome what_if =
      RunInProcess({"draw", "data/pk-na-2022.yaml", "--date", "2022-03-29", "--set", "MQM-P=for"});
  ASSERT_EQ(what_if.code, 0) << what_if.err;
  EXPECT_NE(what_if.out.find(mqm + "for</title>"), std::string::npos);
  EXPECT_NE(what_if.out.find("2022-03-29 \u00b7 What if: MQM-P for (hypothetical) \u00b7 "),
            std::string::npos);

  const Outcome unknown =
      RunInProcess({"draw", "data/pk-na-2022.yaml", "--set", "XYZ=for", "--json"});
  EXPECT_EQ(unknown.code, 2);
  EXPECT_NE(unknown.out.find("XYZ"), std::string::npos) << unknown.out;
}

// What-ifs on the case itself: the rule's threshold and base, and seats vacated or filled on the
// date, with the votes required worked out by the rule as for real events.
TEST(CliTest, WhatIfsOnTheRuleAndTheSeatsChangeTheVotesRequired) {
  const auto tally = [](std::vector<std::string> sets) {
    std::vector<std::string> argv = {"tally", "data/pk-na-2022.yaml", "--date", "2022-03-30",
                                     "--json"};
    for (std::string& set : sets) {
      argv.emplace_back("--set");
      argv.push_back(std::move(set));
    }
    const Outcome r = RunInProcess(argv);
    EXPECT_EQ(r.code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  };
  // 342 statutory seats: at least 2/3 is 228, more than 2/3 is 229, at least 60% is 206.
  EXPECT_EQ(tally({"rule.threshold=2/3"})["required"], 228);
  EXPECT_EQ(tally({"rule.threshold=>2/3"})["required"], 229);
  EXPECT_EQ(tally({"rule.threshold=60%"})["required"], 206);
  EXPECT_EQ(tally({"rule.threshold=majority"})["required"], 172);
  // Vacancies do not lower a statutory bar, but do lower one on the filled seats (341 - 3 = 338:
  // more than half is 170).
  const auto vacated = tally({"party:PTI.vacate=3"});
  EXPECT_EQ(vacated["required"], 172);
  EXPECT_EQ(vacated["chamber"]["filled_seats"], 338);
  EXPECT_EQ(vacated["parties"][0]["seats"], 152);
  EXPECT_EQ(tally({"PTI.vacate=3", "rule.base=filled"})["required"], 170);
  // The one vacant seat filled by PML-N: 342 filled, one more vote for.
  const auto filled = tally({"PML-N.fill=1"});
  EXPECT_EQ(filled["chamber"]["vacancies"], 0);
  EXPECT_EQ(filled["for"], 177);
  const auto both = tally({"rule.threshold=2/3", "MQM-P=against"});
  EXPECT_EQ(both["required"], 228);
  EXPECT_EQ(both["for"], 169);
  EXPECT_EQ(both["what_if"],
            nlohmann::json::parse(R"([{"kind": "rule", "field": "threshold", "value": "2/3",
                                       "description": "threshold at least 2/3"},
                                      {"kind": "party", "id": "MQM-P", "stance": "against"}])"));

  for (const auto& [set, says] : std::vector<std::pair<std::string, std::string>>{
           {"PTI.vacate=156", "PTI holds 155 seats on 2022-03-30"},
           {"PTI.fill=2", "the chamber has 1 vacant seats on 2022-03-30"},
           {"XYZ.vacate=1", "no party 'XYZ'"},
           {"PTI.vacate=0", "'0' is not a number of seats"},
           {"rule.threshold=3/2", "'3/2' is not a threshold"},
           {"rule.base=seats", "'seats' is not a base"},
           {"rule.quorum=1", "the rule has no what-if 'quorum'"},
       }) {
    const Outcome r = RunInProcess({"tally", "data/pk-na-2022.yaml", "--date", "2022-03-30",
                                    "--set", set, "--color", "never"});
    EXPECT_EQ(r.code, 2) << set;
    EXPECT_NE(r.err.find(says), std::string::npos) << set << ": " << r.err;
  }
  // The rule's own check: more than all of the seats is out of reach (E206, a data error).
  const Outcome impossible = RunInProcess(
      {"tally", "data/pk-na-2022.yaml", "--set", "rule.threshold=>1/1", "--color", "never"});
  EXPECT_EQ(impossible.code, 1);
  EXPECT_NE(impossible.err.find("E206"), std::string::npos) << impossible.err;
}

TEST(CliTest, JsonCarriesTheFactsAsFields) {
  const Outcome r = RunInProcess({"tally", "data/es-congreso-2018.yaml", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["required"], 176);
  EXPECT_EQ(j["for"], 180);
  EXPECT_EQ(j["against"], 169);
  EXPECT_EQ(j["abstain"], 1);
  EXPECT_EQ(j["margin"], 4);
  EXPECT_EQ(j["verdict"], "passes");
  EXPECT_EQ(j["motion"]["successor"], "Pedro Sánchez");
  int seats = 0;
  for (const auto& p : j["parties"]) seats += p["seats"].get<int>();
  EXPECT_EQ(seats, 350);
}

// Issue 13: diff --json gives each change as values (actor, from, to) with the event that made it,
// and --csv the same as rows.
TEST(CliTest, DiffGivesStructuredChangesWithTheirSources) {
  const Outcome r =
      RunInProcess({"diff", "data/pk-na-2022.yaml", "2022-03-29", "2022-04-10", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["changes"].size(), 3u);
  const auto& mqm = j["changes"][0];
  EXPECT_EQ(mqm["kind"], "party-bloc");
  EXPECT_EQ(mqm["actor_kind"], "party");
  EXPECT_EQ(mqm["actor"], "MQM-P");
  EXPECT_EQ(mqm["from"], "government");
  EXPECT_EQ(mqm["to"], "opposition");
  EXPECT_EQ(mqm["date"], "2022-03-30");
  EXPECT_EQ(mqm["source"]["publisher"], "Dawn");
  EXPECT_EQ(j["changes"][2]["kind"], "chair");
  EXPECT_EQ(j["changes"][2]["to"], "Ayaz Sadiq");
  EXPECT_EQ(j["tally"]["to"]["for"], 175);

  const Outcome csv =
      RunInProcess({"diff", "data/pk-na-2022.yaml", "2022-03-29", "2022-04-10", "--csv"});
  ASSERT_EQ(csv.code, 0) << csv.err;
  EXPECT_EQ(csv.out.substr(0, csv.out.find('\n')),
            "date,kind,actor_kind,actor,from,to,change,source_title,source_publisher,source_url");
  EXPECT_NE(csv.out.find("\n2022-03-30,party-bloc,party,MQM-P,government,opposition,"),
            std::string::npos)
      << csv.out;
}

TEST(CliTest, Uk1979PassedByOneVote) {
  const Outcome r = RunInProcess({"tally", "data/uk-commons-1979.yaml", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["for"], 311);
  EXPECT_EQ(j["against"], 310);
  EXPECT_EQ(j["verdict"], "passes");
  EXPECT_EQ(j["flip"]["members"], 1);
}

TEST(CliTest, EveryShippedFileChecks) {
  for (const auto& e : fs::recursive_directory_iterator(fs::path(WHIPCOUNT_SOURCE_DIR) / "data")) {
    if (e.path().extension() != ".yaml") continue;
    const Outcome r = RunInProcess({"check", e.path().string()});
    EXPECT_EQ(r.code, 0) << e.path() << "\n" << r.err;
  }
}

nlohmann::json Json(const std::vector<std::string>& argv) {
  const Outcome r = RunInProcess(argv);
  EXPECT_EQ(r.code, 0) << r.err;
  return nlohmann::json::parse(r.out);
}

// Issue 11: one state, one count. tally, explain, timeline, coalitions, power and draw give the
// same for / against / required for the same file and date.
TEST(CliTest, EveryCommandCountsTheSameOnEveryShippedFile) {
  for (const std::string& file : ShippedChamberFiles()) {
    SCOPED_TRACE(file);
    const nlohmann::json story = Json({"timeline", file, "--json"});
    ASSERT_TRUE(story.contains("steps"));
    const auto& steps = story["steps"];
    for (size_t i = 0; i < steps.size(); ++i) {
      const auto& step = steps[i];
      // A date's state is the one after its last event.
      if (step["date"].is_null() ||
          (i + 1 < steps.size() && steps[i + 1]["date"] == step["date"])) {
        continue;
      }
      const std::string date = step["date"];
      SCOPED_TRACE(date);
      const nlohmann::json tally = Json({"tally", file, "--date", date, "--json"});
      EXPECT_EQ(tally["for"], step["for"]);
      EXPECT_EQ(tally["against"], step["against"]);
      EXPECT_EQ(tally["required"], step["required"]);
      EXPECT_EQ(tally["verdict"], step["verdict"]);
      // A chamber of many small groups has too many coalitions to list (E211): no motion line.
      const Outcome listed = RunInProcess({"coalitions", file, "--date", date, "--json"});
      const nlohmann::json coalitions = nlohmann::json::parse(listed.out);
      if (listed.code != 0) {
        EXPECT_EQ(coalitions["error"]["code"], "E211");
      } else {
        ASSERT_TRUE(coalitions.contains("motion"));
        EXPECT_EQ(coalitions["motion"]["for_seats"], tally["for"]);
        EXPECT_EQ(coalitions["motion"]["needed"], tally["required"]);
      }
      // Power weights are the seats that vote: every member but a chair who does not.
      const nlohmann::json power = Json({"power", file, "--date", date, "--json"});
      EXPECT_EQ(
          power["game"]["total_weight"].get<long long>(),
          tally["chamber"]["filled_seats"].get<long long>() - tally["chair"].get<long long>());
    }
  }
}

// Issue 11: every shipped recorded vote is reproduced from declared stances: on the vote's date
// the count on paper gives the recorded figures and the recorded outcome.
TEST(CliTest, ShippedRecordedVotesAreReproducedFromDeclaredStances) {
  int votes = 0;
  for (const std::string& file : ShippedChamberFiles()) {
    SCOPED_TRACE(file);
    const nlohmann::json story = Json({"timeline", file, "--json"});
    for (const auto& step : story["steps"]) {
      if (!step.contains("recorded")) continue;
      ++votes;
      const nlohmann::json& rec = step["recorded"];
      EXPECT_EQ(rec["carried"], step["verdict"] == "passes") << step["date"];
      // Pakistan 2022 records one declared supporter fewer (the file says who is unknown).
      if (file == "data/pk-na-2022.yaml") continue;
      EXPECT_EQ(rec["for"], step["for"]) << step["date"];
      EXPECT_EQ(rec["against"], step["against"]) << step["date"];
      if (rec.contains("abstain")) {
        EXPECT_EQ(rec["abstain"], step["abstain"]) << step["date"];
      }
    }
  }
  EXPECT_GE(votes, 10) << "Pakistan 2022 and the nine recorded votes of issue 11";
}

TEST(CliEndToEndTest, TallyRunsAsAProcess) {
  const Outcome r = RunBinary("tally data/pk-na-2022.yaml --date 2022-03-30");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("PASSES on paper"), std::string::npos);
  EXPECT_EQ(r.out.find("\x1b["), std::string::npos) << "no colour when stdout is a pipe";
}

TEST(CliEndToEndTest, ColourCanBeForced) {
  const Outcome r = RunBinary("tally data/pk-na-2022.yaml --color=always");
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("\x1b[32m"), std::string::npos);
}

TEST(CliEndToEndTest, UnknownCommandIsAUsageError) {
  const Outcome r = RunBinary("talley data/pk-na-2022.yaml");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("unknown command 'talley'"), std::string::npos);
}

TEST(CliEndToEndTest, UnknownOptionSuggestsTheNearestOne) {
  const Outcome r = RunBinary("tally data/pk-na-2022.yaml --dat 2022-03-30");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("did you mean --date?"), std::string::npos) << r.err;
}

TEST(CliEndToEndTest, BadDateIsAUsageError) {
  const Outcome r = RunBinary("tally data/pk-na-2022.yaml --date 30/03/2022");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("E401"), std::string::npos) << r.err;
}

TEST(CliEndToEndTest, MissingFileExitsThree) {
  const Outcome r = RunBinary("tally no/such/file.yaml");
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("[E301 io]"), std::string::npos) << r.err;
}

TEST(CliEndToEndTest, InvalidFileExitsOneWithJsonErrorOnRequest) {
  const fs::path bad =
      fs::temp_directory_path() / ("whipcount_bad." + std::to_string(getpid()) + ".yaml");
  std::ofstream(bad) << "chamber: {name: X, seats: 5}\nparties:\n  - {id: A, seats: 6}\n";
  const Outcome r = RunBinary("check '" + bad.string() + "' --json");
  EXPECT_EQ(r.code, 1);
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["error"]["code"], "E204");
  EXPECT_EQ(j["error"]["name"], "seats-exceed-chamber");
  EXPECT_EQ(j["error"]["line"], 3);
  fs::remove(bad);
}

TEST(CliEndToEndTest, HelpListsCommandsAndExitsZero) {
  const Outcome r = RunBinary("--help");
  EXPECT_EQ(r.code, 0);
  for (const char* c : {"tally", "explain", "check"}) {
    EXPECT_NE(r.out.find(c), std::string::npos) << c;
  }
  EXPECT_EQ(RunBinary("").code, 2);
  EXPECT_EQ(RunBinary("tally --help").code, 0);
}

// --- Issue 18: files, text and parsing ---------------------------------------------------------

// A stream buffer that refuses every byte, as a full disk or a closed descriptor does.
class RefusingBuffer : public std::streambuf {
 protected:
  int_type overflow(int_type) override { return traits_type::eof(); }
};

TEST(Issue18Test, OutputThatCannotBeWrittenIsAnIoError) {
  RefusingBuffer refusing;
  std::ostream out(&refusing);
  std::ostringstream err;
  Io io{out, err, false};
  const fs::path old = fs::current_path();
  fs::current_path(WHIPCOUNT_SOURCE_DIR);
  const int code = Main({"tally", "data/pk-na-2022.yaml"}, io);
  fs::current_path(old);
  EXPECT_EQ(code, 3);
  EXPECT_EQ(err.str(), "whipcount: error: [E301 io] cannot write to standard output\n");
}

TEST(Issue18Test, AFullStandardOutputExitsThree) {
  const Outcome full = RunBinary("tally data/pk-na-2022.yaml >/dev/full");
  EXPECT_EQ(full.code, 3);
  EXPECT_EQ(full.err, "whipcount: error: [E301 io] cannot write to standard output\n");
  const Outcome closed = RunBinary("tally data/pk-na-2022.yaml >&-");
  EXPECT_EQ(closed.code, 3);
  EXPECT_EQ(closed.err, "whipcount: error: [E301 io] cannot write to standard output\n");
}

// Issue 13: "-" reads the file from standard input, in every command that reads one; errors
// name "<stdin>", and a rulebook path resolves against the working directory.
TEST(StandardInputTest, ADashReadsTheFileFromStandardInput) {
  const Outcome file = RunBinary("tally data/pk-na-2022.yaml --date 2022-03-30");
  const testing_support::ProcessOutcome piped =
      testing_support::RunShell("cd '" WHIPCOUNT_SOURCE_DIR "/data' && '" WHIPCOUNT_BINARY
                                "' tally - --date 2022-03-30 < pk-na-2022.yaml");
  ASSERT_EQ(piped.code, 0) << piped.err;
  EXPECT_EQ(piped.out, file.out);

  const Outcome check = RunBinary("check - < tests/data/draw-small.yaml");
  EXPECT_EQ(check.code, 0) << check.err;
  EXPECT_EQ(check.out.find("ok  <stdin>: Small"), 0u) << check.out;
  const Outcome rulebook = RunBinary("check - < data/rules/pk-na.yaml");
  EXPECT_EQ(rulebook.out.find("ok  <stdin>: rulebook for National Assembly of Pakistan"), 0u)
      << rulebook.out << rulebook.err;

  const Outcome bad = RunBinary("check - < tests/data/draw-seats-exceed.yaml");
  EXPECT_EQ(bad.code, 1);
  EXPECT_EQ(bad.err,
            "whipcount check: error: [E204 seats-exceed-chamber] <stdin>:6:3 (parties): parties "
            "hold 6 seats but the chamber has only 5\n");
  const Outcome no_rulebook = RunBinary("tally - < data/pk-na-2022.yaml");
  EXPECT_EQ(no_rulebook.code, 3);
  EXPECT_NE(no_rulebook.err.find("cannot open 'rules/pk-na.yaml'"), std::string::npos)
      << no_rulebook.err;

  // power tells a chamber file from a game file by its `format:` line.
  const Outcome game =
      RunBinary("power - --quota 270 --json < data/games/us-electoral-college-2012-2020.csv");
  ASSERT_EQ(game.code, 0) << game.err;
  EXPECT_EQ(nlohmann::json::parse(game.out)["game"]["players"], 51);
  const Outcome chamber = RunBinary("power - --json < tests/data/draw-small.yaml");
  ASSERT_EQ(chamber.code, 0) << chamber.err;
  EXPECT_EQ(nlohmann::json::parse(chamber.out)["game"]["title"],
            "Small <Chamber> & Co  2022-03-01");
}

// Issue 18: a file's text is checked as UTF-8 when read, but its path comes from the command line
// and need not be: JSON output replaces such a byte with U+FFFD instead of failing.
TEST(Issue18Test, APathThatIsNotUtf8PrintsAsJson) {
  const fs::path dir = fs::temp_directory_path() / ("whipcount-path." + std::to_string(getpid()));
  fs::create_directories(dir);
  const fs::path file = dir / "na\xff.yaml";
  fs::copy_file(fs::path(WHIPCOUNT_SOURCE_DIR) / "tests/data/draw-small.yaml", file);
  const Outcome r = RunInProcess({"check", file.string(), "--json"});
  fs::remove_all(dir);
  ASSERT_EQ(r.code, 0) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_NE(j["file"].get<std::string>().find("na\xef\xbf\xbd.yaml"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace whipcount::cli
