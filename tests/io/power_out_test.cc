// The JSON and CSV forms of power and coalition results (io/json_out, io/power_csv).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "io/json_out.h"
#include "io/power_csv.h"

namespace whipcount::io {
namespace {

// Names a hand-written writer gets wrong: a tab, a carriage return (CSV must quote it), a quote,
// a comma, a line feed.
const std::vector<std::string> kAwkwardNames = {"tab\there", "cr\rhere", "say \"no\"", "a,b",
                                                "two\nlines"};

WeightedPlayers AwkwardPlayers() {
  return WeightedPlayers{.names = kAwkwardNames,
                         .weights = {5, 4, 3, 2, 1},
                         .positions = std::vector<std::optional<double>>(5)};
}

// Reads RFC 4180 CSV back: records of fields, quoted fields taking `""` for a quote.
std::vector<std::vector<std::string>> ReadCsv(const std::string& text) {
  std::vector<std::vector<std::string>> records(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    std::string& field = records.back().back();
    if (quoted) {
      if (c != '"') {
        field += c;
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      records.back().emplace_back();
    } else if (c == '\n') {
      records.emplace_back(1);
    } else {
      EXPECT_NE(c, '\r') << "an unquoted carriage return ends a record for RFC 4180 readers";
      field += c;
    }
  }
  EXPECT_FALSE(quoted) << "an unterminated quoted field";
  records.pop_back();  // after the last "\n"
  return records;
}

PowerReport ReportFor(const WeightedPlayers& players) {
  const Result<PowerReport> report = ComputePower(WeightedGame(players.weights, 8, players.names));
  EXPECT_TRUE(report.ok()) << report.status().ToString();
  return *report;
}

TEST(PowerOutTest, CsvQuotesNamesWithTabsAndCarriageReturnsAndReadsBack) {
  const WeightedPlayers players = AwkwardPlayers();
  const std::vector<std::vector<std::string>> records =
      ReadCsv(PowerToCsv(players, ReportFor(players)));
  ASSERT_EQ(records.size(), kAwkwardNames.size() + 1);
  EXPECT_EQ(records[0][0], "player");
  for (std::size_t i = 0; i < kAwkwardNames.size(); ++i) {
    ASSERT_EQ(records[i + 1].size(), records[0].size());
    EXPECT_EQ(records[i + 1][0], kAwkwardNames[i]);
    EXPECT_EQ(records[i + 1][1], std::to_string(players.weights[i]));
  }
}

TEST(PowerOutTest, JsonKeepsNamesWithTabsAndCarriageReturns) {
  const WeightedPlayers players = AwkwardPlayers();
  const std::string text =
      PowerToJson("a\ttitle\r", players, {.votes = 8, .source = "--quota 8"}, ReportFor(players))
          .dump(2);
  const nlohmann::json j = nlohmann::json::parse(text);
  EXPECT_EQ(j["game"]["title"], "a\ttitle\r");
  EXPECT_EQ(j["game"]["total_weight"], 15);
  ASSERT_EQ(j["players"].size(), kAwkwardNames.size());
  for (std::size_t i = 0; i < kAwkwardNames.size(); ++i) {
    EXPECT_EQ(j["players"][i]["name"], kAwkwardNames[i]);
  }
}

TEST(PowerOutTest, CoalitionJsonKeepsPartyIdsWithTabsAndCarriageReturns) {
  const WeightedPlayers players = AwkwardPlayers();
  const Result<CoalitionReport> report = ListCoalitions(players.Parties(), 8);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  const MotionBalance balance{.needed = 8, .for_seats = 5, .pivotal = {"cr\rhere"}};
  const nlohmann::json j = nlohmann::json::parse(
      CoalitionsToJson("t", {.votes = 8, .source = "s"}, *report, balance).dump());
  std::set<std::string> seen;
  for (const auto& c : j["coalitions"]) {
    for (const auto& id : c["parties"]) seen.insert(id.get<std::string>());
  }
  EXPECT_EQ(seen, std::set<std::string>(kAwkwardNames.begin(), kAwkwardNames.end()));
  EXPECT_EQ(j["motion"]["pivotal"][0], "cr\rhere");
  EXPECT_EQ(j["motion"]["needed"], 8);
}

}  // namespace
}  // namespace whipcount::io
