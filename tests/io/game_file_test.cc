#include "io/game_file.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string_view>
#include <utility>

namespace whipcount::io {
namespace {

void ExpectError(std::string_view text, ErrorCode code, int line, int column,
                 const GameFileOptions& options = {}) {
  const Result<GameFile> file = ParseGameFile(text, options);
  ASSERT_FALSE(file.ok()) << text;
  EXPECT_EQ(file.status().code(), code) << file.status().ToString();
  EXPECT_EQ(file.status().where().line, line) << file.status().ToString();
  EXPECT_EQ(file.status().where().column, column) << file.status().ToString();
}

TEST(GameFileTest, ReadsNamedPlayersWithHeaderCommentsAndQuota) {
  const Result<GameFile> file = ParseGameFile(
      "# the electoral college, abridged\n"
      "state,electors\n"
      "CA, 55   # the largest\n"
      "\r\n"
      "TX,38\r\n"
      "quota: 47\n"
      "WY,3");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->names, (std::vector<std::string>{"CA", "TX", "WY"}));
  EXPECT_EQ(file->weights, (std::vector<std::int64_t>{55, 38, 3}));
  ASSERT_TRUE(file->quota);
  EXPECT_EQ(file->quota->votes, 47);
  EXPECT_EQ(file->quota->text, "47");
  EXPECT_EQ(file->quota->where.line, 6);
  EXPECT_EQ(file->total_weight, 96);
  const Result<VotingGame> game = file->ToGame();
  ASSERT_TRUE(game.ok()) << game.status().ToString();
  EXPECT_EQ(game->dimensions[0].quota, 47);
  EXPECT_EQ(game->players[2], "WY");
}

TEST(GameFileTest, ReadsBareWeightsAndQuotaFromTheCommandLine) {
  const Result<GameFile> file = ParseGameFile("7\n7\n7\n1\n1\n");
  ASSERT_TRUE(file.ok());
  EXPECT_TRUE(file->names.empty());
  EXPECT_FALSE(file->quota);
  const Result<VotingGame> game = file->ToGame("majority");
  ASSERT_TRUE(game.ok());
  EXPECT_EQ(game->dimensions[0].quota, 12);
  const Result<VotingGame> none = file->ToGame();
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), ErrorCode::kInvalidGame);
}

TEST(GameFileTest, ReadsUnionsFromAThirdColumn) {
  const Result<GameFile> file = ParseGameFile("quota=6\nA,3,left\nB,2,right\nC,2,left\n");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->unions, (std::vector<std::vector<int>>{{0, 2}, {1}}));
}

TEST(GameFileTest, ReadsTheEpicLayouts) {
  const Result<GameFile> plain =
      ParseGameFile("11\n5\n4\n3\n", {.layout = GameLayout::kQuotaFirst});
  ASSERT_TRUE(plain.ok());
  ASSERT_TRUE(plain->quota);
  EXPECT_EQ(plain->quota->votes, 11);
  EXPECT_EQ(plain->quota->where.line, 1);
  EXPECT_EQ(plain->weights, (std::vector<std::int64_t>{5, 4, 3}));
  const Result<GameFile> unions =
      ParseGameFile("161\n17,83,50,\n98,72\n", {.layout = GameLayout::kUnionsPerLine});
  ASSERT_TRUE(unions.ok()) << unions.status().ToString();
  EXPECT_EQ(unions->weights, (std::vector<std::int64_t>{17, 83, 50, 98, 72}));
  EXPECT_EQ(unions->unions, (std::vector<std::vector<int>>{{0, 1, 2}, {3, 4}}));
}

TEST(GameFileTest, RecognisesTheEpicLayoutsOrRefusesWhenAmbiguous) {
  // The name carries EPIC's quota tag: the first line is the quota.
  Result<GameFile> file = ParseGameFile("11\n5\n4\n3\n", {.file = "tiny.n3.q11.csv"});
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  ASSERT_TRUE(file->quota);
  EXPECT_EQ(file->quota->votes, 11);
  EXPECT_EQ(file->weights, (std::vector<std::int64_t>{5, 4, 3}));
  // A lone first number, then lines of several: EPIC's unions.
  file = ParseGameFile("161\n17,83,50\n98,72\n", {.file = "x.csv"});
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->unions, (std::vector<std::vector<int>>{{0, 1, 2}, {3, 4}}));
  EXPECT_EQ(file->quota->votes, 161);
  // A first number that cannot be a majority quota of the others is a player: not larger than
  // every other, or above their sum, or not more than half of it.
  for (const char* text : {"4\n5\n3\n", "13\n5\n4\n3\n", "6\n5\n4\n3\n", "5\n5\n4\n"}) {
    file = ParseGameFile(text, {.file = "weights.q6.csv"});
    ASSERT_TRUE(file.ok()) << text;
    EXPECT_FALSE(file->quota) << text;
    const std::string_view lines = text;
    EXPECT_EQ(file->weights.size(), static_cast<std::size_t>(std::ranges::count(lines, '\n')))
        << text;
  }
  // It could be either, and the name does not say: refused at line 1, naming both readings.
  file = ParseGameFile("# a game\n11\n5\n4\n3\n", {.file = "game.csv"});
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.status().code(), ErrorCode::kSyntax);
  EXPECT_EQ(file.status().where().line, 2);
  EXPECT_EQ(file.status().message(),
            "the first number, 11, could be EPIC's quota line (it is larger than every other "
            "number and more than half of their sum, 12) or the first player's weight: give "
            "--layout epic to read it as the quota, or --layout named to read it as a player");
  // Either reading, when asked for.
  file = ParseGameFile("11\n5\n4\n3\n", {.file = "game.csv", .layout = GameLayout::kNamed});
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->weights.size(), 4U);
  // Names or a quota line decide it.
  EXPECT_TRUE(ParseGameFile("quota: 7\n11\n5\n4\n3\n")->quota);
  EXPECT_EQ(ParseGameFile("A,11\nB,5\nC,4\n")->weights.size(), 3U);
}

TEST(GameFileTest, NamesItsLayouts) {
  EXPECT_EQ(EnumChoices<GameLayout>(), "auto, named, epic or epic-unions");
  EXPECT_EQ(ParseEnum<GameLayout>("epic-unions"), GameLayout::kUnionsPerLine);
}

TEST(GameFileTest, ParsesQuotaForms) {
  EXPECT_EQ(*ParseQuota("270", 538), 270);
  EXPECT_EQ(*ParseQuota("majority", 538), 270);
  EXPECT_EQ(*ParseQuota("majority", 539), 270);
  EXPECT_EQ(*ParseQuota("50%", 538), 269);
  EXPECT_EQ(*ParseQuota("65%", 447'319'916), 290'757'946);  // at least 65%, rounded up
  EXPECT_EQ(*ParseQuota("62.5%", 8), 5);
  EXPECT_EQ(*ParseQuota("2/3", 300), 200);
  EXPECT_EQ(*ParseQuota("2/3", 301), 201);
  for (const char* bad : {"", "0.5", "abc", "150%", "0%", "3/2", "-5", "1e3"}) {
    const Result<std::int64_t> q = ParseQuota(bad, 100);
    ASSERT_FALSE(q.ok()) << bad;
    EXPECT_EQ(q.status().code(), ErrorCode::kInvalidGame) << bad;
  }
}

TEST(GameFileTest, SaysPreciselyWhyANumberIsNoQuota) {
  const std::pair<const char*, const char*> cases[] = {
      {"-5", "quota '-5' is negative: a quota is the weight a coalition needs to win, at least 1"},
      {"1e23", "quota '1e23' is above the total weight 538: no coalition can win"},
      {"99999999999999999999999",
       "quota '99999999999999999999999' is above the total weight 538: no coalition can win"},
      {"2.7e2", "quota '2.7e2' is written with an exponent: write the votes in digits"},
      {"1E-2", "quota '1E-2' is written with an exponent: write the votes in digits"},
      {"270.5", "quota '270.5' is not a whole number of votes"},
      {"538.5", "quota '538.5' is not a whole number of votes"},
      {"538.9e0", "quota '538.9e0' is written with an exponent: write the votes in digits"},
      {"539.0", "quota '539.0' is above the total weight 538: no coalition can win"},
      {"0.5",
       "quota '0.5' is ambiguous: write a share as a percentage (50%) or a fraction (1/2), "
       "or the votes as a whole number"},
      {"12x",
       "quota '12x' is not a whole number, a percentage (65%), a fraction (2/3) or "
       "'majority'"},
      {"1e",
       "quota '1e' is not a whole number, a percentage (65%), a fraction (2/3) or "
       "'majority'"},
  };
  for (const auto& [text, message] : cases) {
    const Result<std::int64_t> q = ParseQuota(text, 538);
    ASSERT_FALSE(q.ok()) << text;
    EXPECT_EQ(q.status().code(), ErrorCode::kInvalidGame) << text;
    EXPECT_EQ(q.status().message(), message);
  }
}

TEST(GameFileTest, RejectsBadWeightsWithLineAndColumn) {
  ExpectError("A,3\nB,-2\n", ErrorCode::kInvalidGame, 2, 3);
  ExpectError("A,3\nB, 2.5\n", ErrorCode::kInvalidGame, 2, 4);
  ExpectError("A,3\nB,two\n", ErrorCode::kInvalidGame, 2, 3);
  ExpectError("5\n99999999999999999999\n", ErrorCode::kInvalidGame, 2, 1);
  ExpectError("A,3\nA,2\n", ErrorCode::kDuplicateId, 2, 1);
  ExpectError("A,3\n4\n", ErrorCode::kSyntax, 2, 1);
  ExpectError("A,3,x,y\n", ErrorCode::kSyntax, 1, 7);
  ExpectError("quota: 3\nquota: 4\nA,1\n", ErrorCode::kSyntax, 2, 1);
  ExpectError("# nothing\n\n", ErrorCode::kInvalidGame, 0, 0);
  ExpectError("11,12\n5\n", ErrorCode::kSyntax, 1, 1, {.layout = GameLayout::kQuotaFirst});
}

TEST(GameFileTest, ReadsTheQuotaAgainstTheTotalWeight) {
  const Result<GameFile> file = ParseGameFile("quota: 60%\nA,3\nB,2\nC,2\n");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->quota->votes, 5);  // at least 60% of 7, rounded up
  EXPECT_EQ(file->quota->text, "60%");
}

TEST(GameFileTest, RejectsQuotasThatCannotBeMetAtTheirLine) {
  Result<GameFile> file = ParseGameFile("A,3\nB,2\nquota: 6\n", {.file = "g.csv"});
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.status().ToString(),
            "[E210 invalid-game] g.csv:3: quota 6 is above the total weight 5: no coalition can "
            "win");
  file = ParseGameFile("quota: 0\nA,3\n", {.file = "g.csv"});
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.status().ToString(),
            "[E210 invalid-game] g.csv:1: quota 0 is below 1: the empty coalition would win");
  file = ParseGameFile("A,3\nquota: lots\n", {.file = "g.csv"});
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.status().code(), ErrorCode::kInvalidGame);
  EXPECT_EQ(file.status().where().line, 2);
}

TEST(GameFileTest, RejectsWeightsAddingUpPastTheLimitAtTheirLine) {
  // 2^62 and 1: each weight is allowed, their total is not.
  ExpectError("A,4611686018427387904\nB,1\n", ErrorCode::kInvalidGame, 2, 3);
}

// Issue 18: a 0xFF byte in a player's name ended `power --json` with an internal error.
TEST(GameFileTest, ANameThatIsNotUtf8IsE106AtItsByte) {
  ExpectError("quota: 3\nA\xFF, 2\nB, 2\n", ErrorCode::kInvalidText, 2, 2);
  ExpectError("quota: 3\nA\x1B[2J, 2\n", ErrorCode::kInvalidText, 2, 2);
}

}  // namespace
}  // namespace whipcount::io
