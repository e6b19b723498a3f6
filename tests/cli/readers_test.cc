// Issue 18, the readers as the commands see them: text that is not UTF-8 is a coded error with
// its place under --json too, and `check` reads the forecast section as `forecast` does.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/run_in_process.h"

namespace whipcount::cli {
namespace {

namespace fs = std::filesystem;

// Every command that reads a chamber file, each with a 0xFF byte in a party's name and --json,
// used to end in "internal error: [json.exception.type_error.316]".
TEST(ReadersTest, TextThatIsNotUtf8IsE106WithItsPlaceInEveryCommand) {
  for (const char* command : {"check", "tally", "explain", "timeline", "draw", "chart", "forecast",
                              "power", "coalitions"}) {
    const CliRun r = RunInProcess({command, "tests/data/invalid-text.yaml", "--json"});
    EXPECT_EQ(r.code, 1) << command << ": " << r.out << r.err;
    EXPECT_EQ(r.err, "") << command;
    const nlohmann::json j = nlohmann::json::parse(r.out, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << command << ": " << r.out;
    EXPECT_EQ(j["error"]["code"], "E106") << command;
    EXPECT_EQ(j["error"]["name"], "invalid-text") << command;
    EXPECT_EQ(j["error"]["file"], "tests/data/invalid-text.yaml") << command;
    EXPECT_EQ(j["error"]["line"], 5) << command;
    EXPECT_EQ(j["error"]["column"], 22) << command;
  }
}

// Not from a file but the command line: an id, a path or a what-if with a 0xFF byte is reported
// with the byte replaced, as a coded error and not "internal error: [json.exception...]".
TEST(ReadersTest, ACommandLineThatIsNotUtf8GivesAJsonErrorAsAnyOther) {
  const std::vector<std::vector<std::string>> runs = {
      {"tally", "data/pk-na-2022.yaml", "--motion", "\xFF", "--json"},
      {"tally", "data/\xFF.yaml", "--json"},
      {"tally", "data/pk-na-2022.yaml", "--set", "\xFF=for", "--json"}};
  for (const std::vector<std::string>& argv : runs) {
    const CliRun r = RunInProcess(argv);
    EXPECT_NE(r.code, 0) << argv[2];
    EXPECT_EQ(r.err, "") << argv[2];
    const nlohmann::json j = nlohmann::json::parse(r.out, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << r.out;
    EXPECT_NE(j["error"]["message"].get<std::string>().find("\xEF\xBF\xBD"), std::string::npos)
        << r.out;
  }
}

// The same fault in `forecast` and `check`: the error after the command's name is the same.
void ExpectCheckFailsAsForecast(const std::string& path, const std::string& expected) {
  const CliRun forecast = RunInProcess({"forecast", path});
  const CliRun check = RunInProcess({"check", path});
  EXPECT_EQ(forecast.code, 1) << forecast.err;
  EXPECT_EQ(check.code, 1) << check.out;
  EXPECT_EQ(check.out, "");
  EXPECT_EQ(check.err, "whipcount check: error: " + expected + "\n");
  EXPECT_EQ(forecast.err, "whipcount forecast: error: " + expected + "\n");
}

// A chamber file of the source tree's temporary directory: forecast-bad-section.yaml with its
// forecast section replaced by `section`.
std::string WithForecastSection(const std::string& name, const std::string& section) {
  std::ifstream in(fs::path(WHIPCOUNT_SOURCE_DIR) / "tests/golden/cli/forecast-bad-section.yaml");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  text = text.substr(0, text.find("forecast:\n")) + section;
  const fs::path path = fs::temp_directory_path() / (name + "." + std::to_string(getpid()));
  std::ofstream(path) << text;
  return path.string();
}

TEST(ReadersTest, CheckReadsTheForecastSectionAsForecastDoes) {
  ExpectCheckFailsAsForecast(
      "tests/golden/cli/forecast-bad-section.yaml",
      "[E105 invalid-value] tests/golden/cli/forecast-bad-section.yaml:29:24 "
      "(forecast.parties.B.otherwise.for): 'forecast.parties.B.otherwise.for' is .nan; a "
      "probability lies between 0 and 1");
  const std::string unknown_key =
      WithForecastSection("whipcount_forecast_key", "forecast:\n  rhoo: 0.5\n");
  ExpectCheckFailsAsForecast(unknown_key, "[E104 unknown-field] " + unknown_key +
                                              ":26:3 (forecast.rhoo): unknown key 'rhoo' in "
                                              "forecast; expected one of: correlation, rho, "
                                              "blocs, parties, members");
  const std::string unknown_party =
      WithForecastSection("whipcount_forecast_id", "forecast:\n  parties: {C: {cohesion: 1}}\n");
  ExpectCheckFailsAsForecast(unknown_party,
                             "[E202 unknown-id] " + unknown_party +
                                 ":26:13 (forecast.parties.C): 'C' is not a party of this chamber");
  const std::string good =
      WithForecastSection("whipcount_forecast_good", "forecast:\n  parties: {B: {cohesion: 1}}\n");
  EXPECT_EQ(RunInProcess({"check", good}).code, 0);
  for (const std::string& path : {unknown_key, unknown_party, good}) fs::remove(path);
}

}  // namespace
}  // namespace whipcount::cli
