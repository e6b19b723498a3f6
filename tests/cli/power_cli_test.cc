// `whipcount power` and `whipcount coalitions`, run in-process on the shipped data.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "commands/commands.h"
#include "support/run_in_process.h"

namespace whipcount::cli {
namespace {

// A game file holding `text` in the temporary directory, for as long as the object lives.
class GameFile {
 public:
  GameFile(const std::string& name, const std::string& text)
      : path_(std::filesystem::temp_directory_path() /
              ("whipcount_" + name + "." + std::to_string(getpid()) + ".csv")) {
    std::ofstream(path_) << text;
  }
  ~GameFile() { std::filesystem::remove(path_); }
  GameFile(const GameFile&) = delete;
  GameFile& operator=(const GameFile&) = delete;

  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

const std::string kElectoralCollege = "data/games/us-electoral-college-2012-2020.csv";

TEST(PowerCliTest, PrintsExactIndicesAsJson) {
  const CliRun r = RunInProcess({"power", kElectoralCollege, "--quota", "270", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["game"]["quota"], 270);
  EXPECT_EQ(j["game"]["total_weight"], 538);
  EXPECT_EQ(j["coalitions"], "2251799813685248");
  const nlohmann::json& ca = j["players"][4];
  EXPECT_EQ(ca["name"], "CA");
  EXPECT_NEAR(ca["banzhaf"]["value"].get<double>(), 0.1136, 0.00005);
  EXPECT_NEAR(ca["shapley-shubik"]["value"].get<double>(), 0.1103, 0.00005);
  EXPECT_NE(ca["banzhaf"]["exact"].get<std::string>().find('/'), std::string::npos);
  EXPECT_FALSE(ca["banzhaf"]["raw"].get<std::string>().empty());
}

TEST(PowerCliTest, PrintsCsvWithExactColumns) {
  const CliRun r =
      RunInProcess({"power", kElectoralCollege, "--quota", "majority", "--index", "pgi", "--csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find('\n')),
            "player,weight,public-good,public-good_exact,public-good_raw");
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 52);
}

TEST(PowerCliTest, ComputesPowerForAChamberFile) {
  const CliRun r = RunInProcess({"power", "data/pk-na-2022.yaml", "--all"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("Minimal winning coalitions:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("owen"), std::string::npos) << r.out;  // blocs are unions
}

TEST(PowerCliTest, AppliesTheEuCouncilRule) {
  const CliRun r = RunInProcess(
      {"power", "data/games/eu27-council-2017-population.csv", "--rule", "eu-council", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["game"]["method"], "meet-in-the-middle");
  EXPECT_EQ(j["players"][4]["name"], "Germany");
  EXPECT_GT(j["players"][4]["shapley-shubik"]["value"].get<double>(), 0.15);
}

TEST(PowerCliTest, ReportsErrorsWithCodes) {
  CliRun r = RunInProcess({"power", kElectoralCollege});
  EXPECT_EQ(r.code, kExitUsage);
  EXPECT_NE(r.err.find("no quota"), std::string::npos) << r.err;
  r = RunInProcess({"power", kElectoralCollege, "--quota", "600"});
  EXPECT_EQ(r.code, kExitInvalidInput);
  EXPECT_NE(r.err.find("E210"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--quota 600 is above the total weight 538"), std::string::npos) << r.err;
  r = RunInProcess({"power", kElectoralCollege, "--quota", "270", "--index", "banzaf"});
  EXPECT_EQ(r.code, kExitUsage);
  // The list comes from the index registry: banzhaf-absolute was missing from a hand-written one.
  EXPECT_NE(r.err.find("--index takes banzhaf, banzhaf-absolute, shapley-shubik, public-good, "
                       "deegan-packel, johnston, coleman-prevent, coleman-initiate, owen or "
                       "banzhaf-owen, not 'banzaf'\n"),
            std::string::npos)
      << r.err;
  r = RunInProcess({"power", "no/such/file.csv", "--quota", "3"});
  EXPECT_EQ(r.code, kExitIo);
}

TEST(PowerCliTest, AcceptsEpicsIndexNames) {
  const CliRun ours =
      RunInProcess({"power", kElectoralCollege, "--quota", "270", "--index", "public-good",
                    "--index", "shapley-shubik", "--index", "johnston", "--csv"});
  ASSERT_EQ(ours.code, kExitOk) << ours.err;
  for (const std::vector<std::string>& words :
       {std::vector<std::string>{"pg", "sh", "jo"}, {"pg", "ss", "j"}, {"pgi", "ss", "johnston"}}) {
    const CliRun epic = RunInProcess({"power", kElectoralCollege, "--quota", "270", "--index",
                                      words[0], "--index", words[1], "--index", words[2], "--csv"});
    ASSERT_EQ(epic.code, kExitOk) << epic.err;
    EXPECT_EQ(epic.out, ours.out) << words[0];
  }
}

TEST(PowerCliTest, LimitsMemoryAndTimeWhenAsked) {
  // 300 players of weight 1 to 300 at a majority: Deegan–Packel needs hundreds of MB and, by
  // the estimate, seconds.
  std::string text = "quota: majority\n";
  for (int w = 1; w <= 300; ++w) text += "P" + std::to_string(w) + "," + std::to_string(w) + "\n";
  const GameFile game("limits", text);
  CliRun r = RunInProcess({"power", game.path(), "--index", "dp", "--max-memory", "1M"});
  EXPECT_EQ(r.code, kExitInvalidInput) << r.err;
  EXPECT_NE(r.err.find("(the memory limit is 1 MB)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--max-memory and --max-time set the limits"), std::string::npos) << r.err;
  r = RunInProcess({"power", game.path(), "--index", "dp", "--max-time", "1s"});
  EXPECT_EQ(r.code, kExitInvalidInput) << r.err;
  EXPECT_NE(r.err.find("(the time limit is 1.0 seconds)"), std::string::npos) << r.err;
  for (const char* bad : {"0", "12x", "-4G", "2000T"}) {
    r = RunInProcess({"power", kElectoralCollege, "--quota", "270", "--max-memory", bad});
    EXPECT_EQ(r.code, kExitUsage) << bad;
    EXPECT_NE(r.err.find("--max-memory takes a size from 1M to 1024T"), std::string::npos) << r.err;
  }
  for (const char* bad : {"0", "1y", "400d", "1.5h"}) {
    r = RunInProcess({"power", kElectoralCollege, "--quota", "270", "--max-time", bad});
    EXPECT_EQ(r.code, kExitUsage) << bad;
    EXPECT_NE(r.err.find("--max-time takes a duration from 1s to 365d"), std::string::npos)
        << r.err;
  }
  for (const char* good : {"64M", "8G", "8GiB", "4096"}) {
    r = RunInProcess(
        {"power", kElectoralCollege, "--quota", "270", "--max-memory", good, "--max-time", "2h"});
    EXPECT_EQ(r.code, kExitOk) << good << r.err;
  }
}

TEST(PowerCliTest, NamesTheFileAndLineOfABadGameFile) {
  struct Case {
    std::string text;
    std::vector<std::string> flags;
    std::string error;  // after "<path>:"
  };
  const std::vector<Case> cases = {
      {"# two parties\nquota: 600\nA,300\nB,238\n",
       {},
       "2: quota 600 is above the total weight 538"},
      // The file is read strictly, whatever the command line overrides.
      {"quota: lots\nA,3\nB,2\n", {"--quota", "3"}, "1: quota 'lots' is not a whole number"},
      // Each weight is allowed, their total is not (the CLI used to add them up unchecked).
      {"quota: 2\nA,4611686018427387904\nB,1\n", {}, "3:3: the weights add up to more than 2^62"},
  };
  for (const Case& c : cases) {
    const GameFile game("bad", c.text);
    std::vector<std::string> argv = {"power", game.path()};
    argv.insert(argv.end(), c.flags.begin(), c.flags.end());
    const CliRun r = RunInProcess(argv);
    EXPECT_EQ(r.code, kExitInvalidInput) << c.text;
    EXPECT_NE(r.err.find(game.path() + ":" + c.error), std::string::npos) << r.err;
  }
}

TEST(PowerCliTest, Issue18TwoWeightsOfTwoToTheSixtyTwoAreRefusedWithCodeAndPlace) {
  // Each weight is allowed; their sum printed as "total weight -9223372036854775808".
  const GameFile game("overflow", "quota: 2\nA,4611686018427387904\nB,4611686018427387904\n");
  const CliRun r = RunInProcess({"power", game.path()});
  EXPECT_EQ(r.code, kExitInvalidInput);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "whipcount power: error: [E210 invalid-game] " + game.path() +
                       ":3:3: the weights add up to more than 2^62; use a coarser unit\n");
  const CliRun j = RunInProcess({"power", game.path(), "--json"});
  EXPECT_EQ(j.code, kExitInvalidInput);
  const nlohmann::json error = nlohmann::json::parse(j.out)["error"];
  EXPECT_EQ(error["code"], "E210");
  EXPECT_EQ(error["line"], 3);
  EXPECT_EQ(error["column"], 3);
}

TEST(PowerCliTest, CsvQuotesACarriageReturnInAName) {
  // The CLI's own CSV writer left a name with a carriage return unquoted.
  const GameFile game("names", "quota: 6\nA\tx,3\nC\rX,2\nD,2\n");
  const CliRun r = RunInProcess({"power", game.path(), "--csv"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\nA\tx,3,"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n\"C\rX\",2,"), std::string::npos) << r.out;
}

TEST(CoalitionsCliTest, ListsRankedCoalitionsAndTheBalance) {
  const CliRun r = RunInProcess({"coalitions", "data/pk-na-2022.yaml", "--date", "2022-03-29"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("minimal winning coalitions, ranked by minimum-size"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("Pivotal:"), std::string::npos) << r.out;
  const CliRun j = RunInProcess({"coalitions", "data/pk-na-2022.yaml", "--require", "PML-N",
                                 "--exclude", "PML-N+PPP", "--json"});
  ASSERT_EQ(j.code, 0) << j.err;
  const nlohmann::json coalitions = nlohmann::json::parse(j.out)["coalitions"];
  EXPECT_FALSE(coalitions.empty());
  for (const auto& c : coalitions) {
    const auto parties = c["parties"].get<std::vector<std::string>>();
    EXPECT_NE(std::find(parties.begin(), parties.end(), "PML-N"), parties.end());
    EXPECT_EQ(std::find(parties.begin(), parties.end(), "PPP"), parties.end());
    EXPECT_GE(c["seats"].get<int>(), 172);
  }
}

TEST(CoalitionsCliTest, RefusesHugeListsWithTheCount) {
  const CliRun r =
      RunInProcess({"coalitions", kElectoralCollege, "--quota", "270", "--limit", "1000"});
  EXPECT_EQ(r.code, kExitInvalidInput);
  EXPECT_NE(r.err.find("E211"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("minimal winning coalitions, more than the 1000 allowed"), std::string::npos)
      << r.err;
  EXPECT_EQ(
      RunInProcess({"coalitions", kElectoralCollege, "--quota", "270", "--exclude", "CA"}).code,
      kExitUsage);
  // --top is read with the other flags: a bad value is refused with --json too.
  EXPECT_EQ(RunInProcess({"coalitions", "data/uk-commons-1979.yaml", "--top", "x", "--json"}).code,
            kExitUsage);
}

// Issue 12: --limit and --top were read with std::stoll and std::stoi, which took "5abc" as 5
// and "-5" as a limit ("more than the -5 allowed"). They now take whole numbers from 0 only.
TEST(CoalitionsCliTest, LimitAndTopTakeWholeNumbersFromZero) {
  const std::string file = "data/uk-commons-1979.yaml";
  for (const std::vector<std::string>& flags : std::vector<std::vector<std::string>>{
           {"--limit", "5abc"}, {"--limit", "-5"}, {"--top", "3x"}, {"--top", "-1"}}) {
    std::vector<std::string> argv = {"coalitions", file};
    argv.insert(argv.end(), flags.begin(), flags.end());
    const CliRun r = RunInProcess(argv);
    EXPECT_EQ(r.code, kExitUsage) << flags[0] << " " << flags[1];
    EXPECT_NE(r.err.find(flags[0] + " takes a whole number from 0 to "), std::string::npos)
        << r.err;
  }
  // Without garbage they behave as before.
  const CliRun limited = RunInProcess({"coalitions", file, "--limit", "5"});
  EXPECT_EQ(limited.code, kExitInvalidInput);
  EXPECT_NE(limited.err.find("more than the 5 allowed"), std::string::npos) << limited.err;
  const CliRun all = RunInProcess({"coalitions", file, "--top", "0", "--limit", "100"});
  ASSERT_EQ(all.code, kExitOk) << all.err;
  EXPECT_EQ(all.out.find("more (--top 0 lists all)"), std::string::npos) << all.out;
}

}  // namespace
}  // namespace whipcount::cli
