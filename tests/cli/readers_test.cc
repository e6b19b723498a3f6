// Issue 18, the readers as the commands see them: text that is not UTF-8 is a coded error with
// its place under --json too.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/run_in_process.h"

namespace whipcount::cli {
namespace {

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

}  // namespace
}  // namespace whipcount::cli
