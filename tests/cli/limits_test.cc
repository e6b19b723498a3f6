// README's hard limits, each at the limit (accepted) and one past it (refused with its code and
// place), through the command line as a user meets them.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/run_in_process.h"

namespace whipcount::cli {
namespace {

namespace fs = std::filesystem;

// A chamber file of `seats` seats, one party holding them all, with a motion whose rule asks for
// more than `fraction` of the seats.
std::string Chamber(const std::string& seats, const std::string& fraction) {
  return "format: whipcount/1\n"
         "chamber: {name: Limit, seats: " +
         seats +
         "}\n"
         "parties:\n"
         "  - {id: A, name: A, seats: " +
         seats +
         "}\n"
         "rules:\n"
         "  - id: r\n"
         "    name: R\n"
         "    thresholds:\n"
         "      - {fraction: " +
         fraction +
         ", base: statutory}\n"
         "motion: {id: m, title: M, rule: r, date: 2022-01-01}\n"
         "stances:\n"
         "  parties: {A: for}\n";
}

class LimitsTest : public testing::Test {
 protected:
  void TearDown() override { fs::remove(path_); }

  // `check` and `tally` of `text` written to a temporary file.
  CliRun Check(const std::string& text) {
    std::ofstream(path_) << text;
    return RunInProcess({"check", path_.string()});
  }
  CliRun Tally(const std::string& text) {
    std::ofstream(path_) << text;
    return RunInProcess({"tally", path_.string(), "--json"});
  }

  fs::path path_ =
      fs::temp_directory_path() / ("whipcount-limits." + std::to_string(getpid()) + ".yaml");
};

TEST_F(LimitsTest, SeatCountsUpToTenMillion) {
  const CliRun at = Tally(Chamber("10000000", "1/2"));
  EXPECT_EQ(at.code, 0) << at.err;
  EXPECT_NE(at.out.find("\"required\": 5000001"), std::string::npos) << at.out;

  const CliRun past = Check(Chamber("10000001", "1/2"));
  EXPECT_EQ(past.code, 1);
  EXPECT_NE(past.err.find("[E105 invalid-value]"), std::string::npos) << past.err;
  EXPECT_NE(past.err.find(":2:"), std::string::npos) << "names the line: " << past.err;
  EXPECT_NE(past.err.find("counts up to 10,000,000"), std::string::npos) << past.err;
}

TEST_F(LimitsTest, FractionDenominatorsUpToOneMillion) {
  const CliRun at = Tally(Chamber("10000000", "999999/1000000"));
  EXPECT_EQ(at.code, 0) << at.err;
  EXPECT_NE(at.out.find("\"required\": 9999991"), std::string::npos) << at.out;

  const CliRun past = Check(Chamber("10000000", "1000000/1000001"));
  EXPECT_EQ(past.code, 1);
  EXPECT_NE(past.err.find("[E205 invalid-fraction]"), std::string::npos) << past.err;
  EXPECT_NE(past.err.find(":9:20 (rules[0].thresholds[0].fraction)"), std::string::npos)
      << past.err;
  EXPECT_NE(past.err.find("1,000,000"), std::string::npos) << past.err;
}

TEST_F(LimitsTest, GameWeightsUpToTwoToTheSixtyTwoInAll) {
  path_.replace_extension(".csv");  // a game file, not a chamber file
  std::ofstream(path_) << "quota: 2\nA,2305843009213693952\nB,2305843009213693952\n";
  const CliRun at = RunInProcess({"power", path_.string(), "--json"});
  EXPECT_EQ(at.code, 0) << at.err;
  EXPECT_NE(at.out.find("\"total_weight\": 4611686018427387904"), std::string::npos) << at.out;

  std::ofstream(path_) << "quota: 2\nA,2305843009213693952\nB,2305843009213693953\n";
  const CliRun past = RunInProcess({"power", path_.string()});
  EXPECT_EQ(past.code, 1);
  EXPECT_NE(past.err.find("[E210 invalid-game]"), std::string::npos) << past.err;
  EXPECT_NE(past.err.find(":3:3: the weights add up to more than 2^62"), std::string::npos)
      << past.err;
}

TEST_F(LimitsTest, ForecastDrawsUpToTenBillion) {
  // At the limit the flag is taken, and the budget refuses the work with its estimate.
  const CliRun at = RunInProcess(
      {"forecast", "data/pk-na-2022.yaml", "--method", "montecarlo", "--draws", "10000000000"});
  EXPECT_EQ(at.code, 1);
  EXPECT_NE(at.err.find("[E211 too-large] a Monte Carlo forecast of 10000000000 draws"),
            std::string::npos)
      << at.err;
  const CliRun past = RunInProcess({"forecast", "data/pk-na-2022.yaml", "--draws", "10000000001"});
  EXPECT_EQ(past.code, 2);
  EXPECT_NE(past.err.find("[E401 usage] --draws"), std::string::npos) << past.err;
}

}  // namespace
}  // namespace whipcount::cli
