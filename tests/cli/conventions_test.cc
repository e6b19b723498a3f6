// Issue 13: the command line behaves like the tools people know. Run in-process on the shipped
// data: the version's three spellings, options before the command, suggestions for a mistyped
// command, one error style and one exit code per kind of mistake, --csv beside --json, what-ifs on
// a count, output fitted to the terminal's width, and independents listed once.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "commands/commands.h"
#include "support/process.h"
#include "support/run_in_process.h"
#include "whipcount/version.h"

namespace whipcount::cli {
namespace {

constexpr const char* kPk = "data/pk-na-2022.yaml";
constexpr const char* kUk = "data/uk-commons-1979.yaml";

using Outcome = CliRun;

nlohmann::json Json(const std::vector<std::string>& argv) {
  const Outcome r = RunInProcess(argv);
  EXPECT_EQ(r.code, 0) << r.err;
  return nlohmann::json::parse(r.out);
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> Fields(const std::string& csv_line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (char c : csv_line) {
    if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

TEST(ConventionsTest, TheVersionHasThreeSpellings) {
  for (const std::vector<std::string>& argv :
       std::vector<std::vector<std::string>>{{"--version"}, {"-V"}, {"version"}}) {
    const Outcome r = RunInProcess(argv);
    EXPECT_EQ(r.code, 0) << argv[0];
    EXPECT_EQ(r.out, "whipcount " + std::string(kVersion) + "\n") << argv[0];
  }
  const nlohmann::json j = Json({"version", "--json"});
  EXPECT_EQ(j["name"], "whipcount");
  EXPECT_EQ(j["version"], kVersion);
  EXPECT_EQ(Json({"--json", "--version"}), j);
}

TEST(ConventionsTest, GlobalOptionsMayComeBeforeTheCommand) {
  const Outcome after = RunInProcess({"tally", kUk, "--color", "never"});
  const Outcome before = RunInProcess({"--color", "never", "tally", kUk});
  EXPECT_EQ(before.code, 0) << before.err;
  EXPECT_EQ(before.out, after.out);
  EXPECT_NE(RunInProcess({"--color=always", "tally", kUk}).out.find("\x1b["), std::string::npos);
  EXPECT_EQ(Json({"--json", "tally", kUk})["verdict"], "passes");
  // Given twice, before and after, like any flag given twice.
  EXPECT_EQ(RunInProcess({"--json", "tally", kUk, "--json"}).code, kExitUsage);
  const Outcome help = RunInProcess({"--help"});
  EXPECT_NE(help.out.find("Global options, before the command or after it:"), std::string::npos);
  EXPECT_NE(help.out.find("-V, --version"), std::string::npos);
  EXPECT_EQ(RunInProcess({"--help", "tally"}).out, RunInProcess({"tally", "--help"}).out);
}

TEST(ConventionsTest, AMistypedCommandOrGlobalOptionGetsASuggestion) {
  const Outcome r = RunInProcess({"tallly", kPk});
  EXPECT_EQ(r.code, kExitUsage);
  EXPECT_EQ(r.err,
            "whipcount: error: [E401 usage] unknown command 'tallly'; did you mean 'tally'? Run "
            "'whipcount --help' for the list of commands.\n");
  EXPECT_NE(RunInProcess({"help", "coalition"}).err.find("did you mean 'coalitions'?"),
            std::string::npos);
  EXPECT_EQ(RunInProcess({"frobnicate"}).err.find("did you mean"), std::string::npos);
  const Outcome option = RunInProcess({"--colour", "never", "tally", kPk});
  EXPECT_EQ(option.code, kExitUsage);
  EXPECT_NE(option.err.find("unknown option '--colour'; did you mean --color?"), std::string::npos)
      << option.err;
}

// Every error of every command: "whipcount COMMAND: error: [CODE name] message" on stderr, or the
// JSON error object on stdout with --json, whether the flag parser, a flag's value or the data
// found it.
TEST(ConventionsTest, EveryErrorHasOneStyle) {
  const Outcome parser = RunInProcess({"tally", kPk, "--dat", "2022-03-30"});
  EXPECT_EQ(parser.err,
            "whipcount tally: error: [E401 usage] unknown option '--dat'; did you mean --date?\n");
  const Outcome value = RunInProcess({"power", kPk, "--index", "banzaf"});
  EXPECT_TRUE(value.err.starts_with("whipcount power: error: [E401 usage] --index takes"))
      << value.err;
  const Outcome missing = RunInProcess({"draw", "data/nope.yaml"});
  EXPECT_TRUE(missing.err.starts_with("whipcount draw: error: [E301 io]")) << missing.err;
  for (const std::vector<std::string>& argv :
       std::vector<std::vector<std::string>>{{"tally", kPk, "--dat", "2022-03-30", "--json"},
                                             {"--json", "tally", kPk, "--date"},
                                             {"--json", "tallly"},
                                             {"tally", kPk, "--json", "--color", "sometimes"}}) {
    const Outcome r = RunInProcess(argv);
    EXPECT_EQ(r.code, kExitUsage) << argv[1];
    EXPECT_EQ(r.err, "") << argv[1];
    EXPECT_EQ(nlohmann::json::parse(r.out)["error"]["code"], "E401") << r.out;
  }
}

// An id given on the command line that the file does not define is a mistake in the command
// line: exit 2 in every command that takes one.
TEST(ConventionsTest, AnUnknownIdOnTheCommandLineIsAUsageErrorInEveryCommand) {
  std::vector<std::vector<std::string>> mistakes;
  for (const char* command : {"tally", "explain", "timeline", "forecast", "draw", "chart", "power",
                              "coalitions", "check"}) {
    mistakes.push_back({command, kPk, "--motion", "nosuch"});
  }
  mistakes.push_back({"diff", kPk, "2022-03-29", "2022-03-30", "--motion", "nosuch"});
  for (const char* command : {"tally", "explain", "forecast"}) {
    mistakes.push_back({command, kPk, "--set", "nosuch=for"});
  }
  mistakes.push_back({"coalitions", kPk, "--require", "nosuch"});
  mistakes.push_back({"coalitions", kPk, "--exclude", "PTI+nosuch"});
  for (const std::vector<std::string>& argv : mistakes) {
    const Outcome r = RunInProcess(argv);
    const std::string what = argv[0] + " " + argv[argv.size() - 2];
    EXPECT_EQ(r.code, kExitUsage) << what << ": " << r.err;
    EXPECT_NE(r.err.find("[E401 usage]"), std::string::npos) << what << ": " << r.err;
    EXPECT_NE(r.err.find("nosuch"), std::string::npos) << what << ": " << r.err;
  }
}

TEST(ConventionsTest, JsonAndCsvTogetherAreAUsageErrorEverywhere) {
  for (const std::vector<std::string>& argv :
       std::vector<std::vector<std::string>>{{"tally", kPk},
                                             {"explain", kPk},
                                             {"timeline", kPk},
                                             {"diff", kPk, "2022-03-29", "2022-03-30"},
                                             {"power", kPk},
                                             {"coalitions", kUk}}) {
    std::vector<std::string> both = argv;
    both.insert(both.end(), {"--json", "--csv"});
    const Outcome r = RunInProcess(both);
    EXPECT_EQ(r.code, kExitUsage) << argv[0];
    EXPECT_NE(r.out.find("--json and --csv ask for two forms of the same output"),
              std::string::npos)
        << argv[0] << ": " << r.out;
  }
}

// tally --csv: a row per party in each bloc; the rows add up to the count.
TEST(ConventionsTest, TallyCsvHasARowPerPartyInEachBloc) {
  const Outcome r =
      RunInProcess({"tally", kPk, "--date", "2022-03-29", "--date", "2022-03-30", "--csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::vector<std::string> lines = Lines(r.out);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0],
            "date,bloc,party,line,seats,for,against,abstain,present,absent,undecided,discounted,"
            "chair,uncounted,what_if");
  const nlohmann::json counts =
      Json({"tally", kPk, "--date", "2022-03-29", "--date", "2022-03-30", "--json"});
  for (size_t d = 0; d < 2; ++d) {
    const std::string date = counts[d]["date"];
    int rows = 0;
    int for_votes = 0;
    int seats = 0;
    for (size_t i = 1; i < lines.size(); ++i) {
      const std::vector<std::string> f = Fields(lines[i]);
      ASSERT_EQ(f.size(), 15u) << lines[i];
      if (f[0] != date) continue;
      ++rows;
      seats += std::stoi(f[4]);
      for_votes += std::stoi(f[5]);
    }
    size_t parts = 0;
    for (const auto& bloc : counts[d]["blocs"]) parts += bloc["parties"].size();
    EXPECT_EQ(rows, static_cast<int>(parts)) << date;
    EXPECT_EQ(for_votes, counts[d]["for"]) << date;
    EXPECT_EQ(seats, counts[d]["chamber"]["filled_seats"]) << date;
  }
}

// explain --csv: the figures, a row per date, named as in JSON.
TEST(ConventionsTest, ExplainCsvHasTheFiguresOfEachDate) {
  const Outcome r =
      RunInProcess({"explain", kPk, "--date", "2022-03-29", "--date", "2022-03-30", "--csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::vector<std::string> lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 3u) << r.out;
  const std::vector<std::string> header = Fields(lines[0]);
  const nlohmann::json counts =
      Json({"explain", kPk, "--date", "2022-03-29", "--date", "2022-03-30", "--json"});
  for (size_t d = 0; d < 2; ++d) {
    const std::vector<std::string> row = Fields(lines[d + 1]);
    ASSERT_EQ(row.size(), header.size());
    for (size_t c = 0; c < header.size(); ++c) {
      if (!counts[d].contains(header[c])) continue;
      const nlohmann::json& value = counts[d][header[c]];
      EXPECT_EQ(row[c], value.is_string() ? value.get<std::string>() : value.dump()) << header[c];
    }
  }
}

TEST(ConventionsTest, CoalitionsCsvHasARowPerCoalition) {
  const Outcome r = RunInProcess({"coalitions", kPk, "--csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::vector<std::string> lines = Lines(r.out);
  EXPECT_EQ(lines[0], "rank,parties,party_count,seats,surplus,range");
  const nlohmann::json j = Json({"coalitions", kPk, "--json"});
  EXPECT_EQ(lines.size(), j["coalitions"].size() + 1);
  EXPECT_EQ(Fields(lines[1])[1], "PTI+GDA+MMA");
}

// --json: one date gives an object, several (tally and explain take --date more than once) an
// array with one object per date, in the order given.
TEST(ConventionsTest, JsonIsAnObjectForOneDateAndAnArrayForSeveral) {
  for (const char* command : {"tally", "explain"}) {
    EXPECT_TRUE(Json({command, kPk, "--json"}).is_object()) << command;
    EXPECT_TRUE(Json({command, kPk, "--date", "2022-03-30", "--json"}).is_object()) << command;
    const nlohmann::json several =
        Json({command, kPk, "--date", "2022-03-30", "--date", "2022-03-29", "--json"});
    ASSERT_TRUE(several.is_array()) << command;
    EXPECT_EQ(several[0]["date"], "2022-03-30");
    EXPECT_EQ(several[1]["date"], "2022-03-29");
  }
  for (const char* command : {"forecast", "power", "coalitions", "draw"}) {
    EXPECT_TRUE(Json({command, kPk, "--date", "2022-03-30", "--json"}).is_object()) << command;
  }
}

TEST(ConventionsTest, WhatIfsOnACountAreMarkedHypothetical) {
  const nlohmann::json before = Json({"tally", kPk, "--date", "2022-03-29", "--json"});
  EXPECT_FALSE(before.contains("what_if"));
  const nlohmann::json after =
      Json({"tally", kPk, "--date", "2022-03-29", "--set", "MQM-P=for", "--json"});
  EXPECT_EQ(after["for"].get<int>(), before["for"].get<int>() + 7);
  ASSERT_EQ(after["what_if"].size(), 1u);
  EXPECT_EQ(after["what_if"][0]["kind"], "party");
  EXPECT_EQ(after["what_if"][0]["id"], "MQM-P");
  EXPECT_EQ(after["what_if"][0]["stance"], "for");
  for (const char* command : {"tally", "explain"}) {
    const Outcome text =
        RunInProcess({command, kPk, "--date", "2022-03-29", "--set", "party:MQM-P=for"});
    EXPECT_NE(text.out.find("What if: MQM-P for (hypothetical)"), std::string::npos) << text.out;
  }
  for (const char* form : {"member:cheema=against", "bloc:opposition=absent", "JI=present"}) {
    EXPECT_EQ(RunInProcess({"tally", kPk, "--set", form}).code, 0) << form;
  }
  const Outcome csv = RunInProcess({"explain", kPk, "--set", "JI=for", "--csv"});
  EXPECT_TRUE(csv.out.ends_with(",party:JI=for\n")) << csv.out;
}

// A forecast's assumptions are refused by a count, with the forms it takes.
TEST(ConventionsTest, ACountRefusesAForecastsAssumptions) {
  for (const char* assumption : {"party:PTI.cohesion=0.9", "member:cheema=for:0.7"}) {
    const Outcome r = RunInProcess({"tally", kPk, "--set", assumption});
    EXPECT_EQ(r.code, kExitUsage) << assumption;
    EXPECT_NE(r.err.find("is an assumption of whipcount forecast"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("PTI=for"), std::string::npos) << r.err;
  }
  const Outcome forecast = RunInProcess({"forecast", kPk, "--set", "PTI"});
  EXPECT_NE(forecast.err.find("PTI=for"), std::string::npos) << forecast.err;
  EXPECT_NE(forecast.err.find("party:PTI.cohesion=0.9"), std::string::npos) << forecast.err;
}

// Lines wider than `width`, but for those that hold a word longer than the width (a URL).
std::vector<std::string> Overflowing(const std::string& text, size_t width) {
  std::vector<std::string> wide;
  for (const std::string& line : Lines(text)) {
    if (DisplayWidth(line) <= width) continue;
    std::istringstream words(line);
    bool unbreakable = false;
    for (std::string word; words >> word;) unbreakable |= DisplayWidth(word) > width - 14;
    if (!unbreakable) wide.push_back(line);
  }
  return wide;
}

// On a terminal 80 columns wide, every command's text fits: prose wraps, and tables narrow their
// wrapping columns (whose cells wrap rather than being cut).
TEST(ConventionsTest, TextFitsATerminal80ColumnsWide) {
  for (const std::string& file : ShippedChamberFiles()) {
    for (const std::vector<std::string>& argv :
         std::vector<std::vector<std::string>>{{"tally", file},
                                               {"explain", file},
                                               {"timeline", file},
                                               {"diff", file, "1900-01-01", "2100-01-01"},
                                               {"power", file},
                                               {"power", file, "--all"},
                                               {"coalitions", file, "--top", "0"},
                                               {"check", file}}) {
      const Outcome r = RunInProcess(argv, 80);
      if (r.code != 0) continue;  // too many coalitions to list (E211)
      for (const std::string& line : Overflowing(r.out, 80)) {
        ADD_FAILURE() << argv[0] << " " << file << ": " << line;
      }
    }
  }
  for (const char* file : {kPk, kUk, "data/es-congreso-2018.yaml"}) {
    for (const char* method : {"exact", "montecarlo"}) {
      const Outcome r =
          RunInProcess({"forecast", file, "--method", method, "--draws", "20000"}, 80);
      EXPECT_TRUE(Overflowing(r.out, 80).empty()) << file << " " << method << "\n" << r.out;
    }
  }
}

// The timeline's "What happened": cut at a fixed width for a pipe, whole and wrapped on a
// terminal, as wide as the terminal allows.
TEST(ConventionsTest, TimelineWrapsWhatHappenedToTheTerminal) {
  const std::string summary_end = "leaves the final decision to him";
  const Outcome piped = RunInProcess({"timeline", kPk});
  EXPECT_NE(piped.out.find("…"), std::string::npos);
  EXPECT_EQ(piped.out.find(summary_end), std::string::npos);
  for (size_t width : {size_t{80}, size_t{120}, size_t{200}}) {
    const Outcome r = RunInProcess({"timeline", kPk}, width);
    EXPECT_EQ(r.out.find("…"), std::string::npos) << width;
    EXPECT_NE(r.out.find("(BOL News)"), std::string::npos) << width << "\n" << r.out;
    size_t widest = 0;
    for (const std::string& line : Lines(r.out)) widest = std::max(widest, DisplayWidth(line));
    EXPECT_LE(widest, width);
    EXPECT_GT(widest, width - 20) << "uses the width";
  }
}

TEST(ConventionsTest, IndependentsAreOneRowInTheListings) {
  const Outcome power = RunInProcess({"power", kPk});
  EXPECT_NE(power.out.find("Ind. ×4 (each)"), std::string::npos) << power.out;
  EXPECT_EQ(power.out.find("Ind.-2"), std::string::npos) << power.out;
  const nlohmann::json players = Json({"power", kPk, "--json"})["players"];
  EXPECT_EQ(players.size(), 17u) << "JSON lists every player";

  const Outcome coalitions = RunInProcess({"coalitions", kPk, "--top", "0"});
  EXPECT_EQ(coalitions.out.find("Ind.-"), std::string::npos);
  EXPECT_NE(coalitions.out.find("PTI + JWP + Ind. ×2 + MMA "), std::string::npos) << coalitions.out;
  EXPECT_NE(coalitions.out.find("Ways"), std::string::npos);
  // The rows stand for every coalition.
  const nlohmann::json listed = Json({"coalitions", kPk, "--json"});
  size_t ways = 0;
  for (const std::string& line : Lines(coalitions.out)) {
    std::istringstream words(line);
    std::string rank;
    words >> rank;
    const bool row = !rank.empty() && rank.find_first_not_of("0123456789") == std::string::npos;
    if (row) ways += std::stoul(line.substr(line.find_last_of(' ') + 1));
  }
  EXPECT_EQ(ways, listed["coalitions"].size());
}

TEST(ConventionsTest, MinimalRangeNeedsEveryPartysPosition) {
  const Outcome r = RunInProcess({"coalitions", kPk, "--theory", "minimal-range"});
  EXPECT_EQ(r.code, kExitInvalidInput);
  EXPECT_NE(r.err.find("[E105 invalid-value]"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("minimal-range coalitions need one for every party with seats"),
            std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace whipcount::cli
