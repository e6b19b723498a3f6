// Issue 16 end to end: import from ParlGov and from a spreadsheet, check, tally, export and
// import again to the same count; rulebooks found by name; the template of `whipcount new`.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/run_in_process.h"

namespace whipcount::cli {
namespace {

namespace fs = std::filesystem;

// A directory of its own for each test, removed afterwards.
class ImportTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() / ("whipcount-import." + std::to_string(getpid()) + "." +
                                     testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  void Write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name) << text;
  }
  static std::string Read(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
  // The count's figures that must survive a round trip.
  static nlohmann::json Count(const std::string& file) {
    const CliRun r = RunInProcess({"tally", file, "--json"});
    EXPECT_EQ(r.code, 0) << r.err;
    const nlohmann::json t = nlohmann::json::parse(r.out);
    return {t["for"],      t["against"], t["abstain"],
            t["required"], t["verdict"], t["chamber"]["filled_seats"]};
  }

  fs::path dir_;
};

TEST_F(ImportTest, ParlGovToCsvAndBackGivesTheSameCount) {
  const std::string de = Path("de.yaml");
  const CliRun imported =
      RunInProcess({"import", "parlgov", "--country", "DEU", "--election", "2021-09-26", "-o", de});
  ASSERT_EQ(imported.code, 0) << imported.err;
  EXPECT_EQ(imported.out, "wrote " + de + ": Deutscher Bundestag, 736 seats, 8 parties\n");
  ASSERT_EQ(RunInProcess({"check", de}).code, 0);
  const nlohmann::json before = Count(de);
  // Art. 68: the Scholz coalition (SPD 206, Greens 118, FDP 92) for its Chancellor: 416 of 736.
  EXPECT_EQ(before[0], 416);
  EXPECT_EQ(before[3], 369);
  EXPECT_EQ(before[4], "passes");

  const std::string parties = Path("parties.csv");
  ASSERT_EQ(RunInProcess({"export", "csv", de, "-o", parties}).code, 0);
  EXPECT_NE(Read(parties).find("SPD,Social Democratic Party of Germany,,206,"), std::string::npos)
      << Read(parties);
  const std::string again = Path("again.yaml");
  // The rulebook's usual motion (data/parlgov/rulebooks.csv) without --rule or --kind.
  const CliRun back = RunInProcess(
      {"import", "csv", parties, "--seats", "736", "--rulebook", "de-bundestag", "-o", again});
  ASSERT_EQ(back.code, 0) << back.err;
  EXPECT_EQ(Count(again), before);
}

TEST_F(ImportTest, ASpreadsheetWithMembersRoundTrips) {
  Write("parties.csv",
        "Party,Code,Seats,Colour,Bloc,Vote\n"
        "Government Party,GOV,160,#1F4E9E,government,against\n"
        "Ally,ALLY,12,#E6B800,government,\"for:7 against:5\"\n"
        "Opposition Party,OPP,165,#D7191C,opposition,for\n"
        "Independents,IND,4,,,abstain\n");
  Write("members.csv", "Name,Party,Constituency,Vote\nA. Rebel,GOV,North-1,for\n");
  const std::string file = Path("c.yaml");
  const CliRun r = RunInProcess({"import", "csv", Path("parties.csv"), "--members",
                                 Path("members.csv"), "--seats", "342", "--rulebook", "pk-na",
                                 "--rule", "no-confidence-pm", "-o", file});
  ASSERT_EQ(r.code, 0) << r.err;
  const nlohmann::json before = Count(file);
  // 165 + 7 + the rebel = 173 for; 5 + GOV's 160 less the rebel and the chair (the rule's
  // casting vote gives the file a presiding officer from the largest government party) = 163.
  EXPECT_EQ(before[0], 173);
  EXPECT_EQ(before[1], 163);
  EXPECT_EQ(before[4], "passes");
  ASSERT_EQ(
      RunInProcess({"export", "csv", file, "-o", Path("p2.csv"), "--members", Path("m2.csv")}).code,
      0);
  const std::string again = Path("again.yaml");
  ASSERT_EQ(RunInProcess({"import", "csv", Path("p2.csv"), "--members", Path("m2.csv"), "--seats",
                          "342", "--rulebook", "pk-na", "--rule", "no-confidence-pm", "-o", again})
                .code,
            0);
  EXPECT_EQ(Count(again), before);
}

TEST_F(ImportTest, CsvErrorsNameTheFileRowAndColumn) {
  Write("bad.csv", "id,seats\nA,10\nB,ten\n");
  const CliRun r = RunInProcess({"import", "csv", Path("bad.csv"), "--seats", "20"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find(Path("bad.csv") + ":3:2 (column seats)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("holds a whole number, not 'ten'"), std::string::npos) << r.err;
  const CliRun no_seats = RunInProcess({"import", "csv", Path("bad.csv")});
  EXPECT_EQ(no_seats.code, 2);
  const CliRun rules =
      RunInProcess({"import", "csv", Path("bad.csv"), "--seats", "20", "--rulebook", "it-senato"});
  EXPECT_EQ(rules.code, 2);
  EXPECT_NE(rules.err.find("choose one with --rule"), std::string::npos) << rules.err;
  EXPECT_EQ(RunInProcess({"import"}).code, 2);
  EXPECT_EQ(RunInProcess({"import", "spreadsheet"}).code, 2);
}

TEST_F(ImportTest, ParlGovListsWhatItHasAndRefusesWhatItHasNot) {
  const CliRun list = RunInProcess({"import", "parlgov", "--list", "--country", "isr", "--json"});
  ASSERT_EQ(list.code, 0) << list.err;
  const nlohmann::json j = nlohmann::json::parse(list.out);
  EXPECT_EQ(j["country"], "ISR");
  EXPECT_GE(j["elections"].size(), 20u);
  EXPECT_EQ(j["elections"].back()["seats"], 120);
  const CliRun countries = RunInProcess({"import", "parlgov", "--list"});
  EXPECT_NE(countries.out.find("DEU   Germany"), std::string::npos) << countries.out;
  const CliRun unknown =
      RunInProcess({"import", "parlgov", "--country", "ZZZ", "--election", "2021-09-26"});
  EXPECT_EQ(unknown.code, 1);
  EXPECT_NE(unknown.err.find("E202"), std::string::npos);
  EXPECT_EQ(RunInProcess({"import", "parlgov", "--country", "DEU"}).code, 2);
}

TEST_F(ImportTest, ARulebookIsFoundByNameFromAnyDirectory) {
  Write("c.yaml",
        "format: whipcount/1\nchamber: {id: x, name: X, seats: 736}\n"
        "parties: [{id: A, seats: 400}, {id: B, seats: 336}]\nrulebook: de-bundestag\n"
        "motion: {id: m, title: M, rule: vertrauensfrage, kind: confidence}\n"
        "stances: {parties: {A: for, B: against}}\n");
  const CliRun ok = RunInProcess({"tally", Path("c.yaml"), "--json"});
  ASSERT_EQ(ok.code, 0) << ok.err;
  EXPECT_EQ(nlohmann::json::parse(ok.out)["required"], 369);  // more than 736 / 2
  Write("d.yaml",
        "format: whipcount/1\nchamber: {id: x, name: X, seats: 10}\n"
        "parties: [{id: A, seats: 10}]\nrulebook: no-such-house\n");
  const CliRun bad = RunInProcess({"check", Path("d.yaml")});
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find(Path("d.yaml") + ":4:11"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("no shipped rulebook named 'no-such-house'; shipped: au-house,"),
            std::string::npos)
      << bad.err;
}

TEST_F(ImportTest, NewWritesATemplateThatChecksAndKeepsExistingFiles) {
  const std::string file = Path("mine.yaml");
  ASSERT_EQ(RunInProcess({"new", "-o", file}).code, 0);
  const CliRun check = RunInProcess({"explain", file});
  ASSERT_EQ(check.code, 0) << check.err;
  EXPECT_NE(check.out.find("51 votes are needed"), std::string::npos) << check.out;
  const CliRun again = RunInProcess({"new", "-o", file});
  EXPECT_EQ(again.code, 3);
  EXPECT_NE(again.err.find("already exists"), std::string::npos) << again.err;
  EXPECT_EQ(RunInProcess({"new"}).out, Read(file));
}

}  // namespace
}  // namespace whipcount::cli
