// CSV tables in and out, and the chamber file made from a spreadsheet (issue 16).
#include "io/spreadsheet.h"

#include <gtest/gtest.h>

#include "io/chamber_file.h"
#include "io/csv.h"
#include "io/file.h"

namespace whipcount::io {
namespace {

using Json = nlohmann::ordered_json;

TEST(CsvTest, QuotedFieldsHoldCommasQuotesAndLineBreaks) {
  const Result<CsvTable> t = ParseCsv(
      "\xEF\xBB\xBFid,name\r\nA,\"Party, the \"\"first\"\"\"\r\n\nB,\"two\nlines\"\nC,\n", "t.csv");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->header, (std::vector<std::string>{"id", "name"}));
  ASSERT_EQ(t->rows.size(), 3u);
  EXPECT_EQ(t->rows[0].fields[1], "Party, the \"first\"");
  EXPECT_EQ(t->rows[0].line, 2);
  EXPECT_EQ(t->rows[1].fields[1], "two\nlines");
  EXPECT_EQ(t->rows[1].line, 4);
  EXPECT_EQ(t->rows[2].line, 6);
  EXPECT_EQ(t->rows[2].fields[1], "");
  // What CsvRow writes reads back the same.
  const Result<CsvTable> back =
      ParseCsv(CsvRow({"a", "b"}) + CsvRow({"x,y", "say \"no\"\nthen"}), "b.csv");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->rows[0].fields, (std::vector<std::string>{"x,y", "say \"no\"\nthen"}));
}

TEST(CsvTest, MalformedTablesNameTheirLine) {
  const auto error = [](std::string_view text) { return ParseCsv(text, "t.csv").status(); };
  EXPECT_EQ(error("id,name\nA,\"open\n").where().line, 2);
  EXPECT_EQ(error("id,name\nA,\"x\"y\n").code(), ErrorCode::kSyntax);
  const Status fields = error("id,name\nA,b\nB,c,d\n");
  EXPECT_EQ(fields.where().line, 3);
  EXPECT_NE(fields.message().find("3 fields but the header has 2"), std::string::npos);
  EXPECT_EQ(error("id,id\n").code(), ErrorCode::kSyntax);
  EXPECT_EQ(error("id,\n").code(), ErrorCode::kSyntax);
  EXPECT_EQ(error("").code(), ErrorCode::kSyntax);
  // Found by the spreadsheet fuzz target: text whipcount cannot write into a chamber file.
  const Status bytes = error("id,name\nA,\x8c\n");
  EXPECT_EQ(bytes.code(), ErrorCode::kInvalidText);
  EXPECT_EQ(bytes.where().line, 2);
  EXPECT_EQ(error("id,name\nA,\x01\n").code(), ErrorCode::kInvalidText);
}

CsvTable Table(std::string_view text, const std::string& file = "parties.csv") {
  Result<CsvTable> t = ParseCsv(text, file);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return t.ok() ? *t : CsvTable{};
}

Result<ChamberDraft> Draft(std::string_view parties, const CsvTable* members = nullptr,
                           std::int64_t seats = 10) {
  const CsvTable table = Table(parties);
  return ChamberFromSpreadsheet(table, members, {.seats = seats});
}

TEST(SpreadsheetTest, FlexibleHeadersMakeAFileThatChecks) {
  const CsvTable members =
      Table("Name,Party,Riding,Vote\nA. Rebel,Blue,North,for\n", "members.csv");
  const Result<ChamberDraft> d = Draft(
      "Party name,Code,MPs,Color,Side,Stance,Left-right,# notes\n"
      "Blue Party,Blue,5,#00f,Government,against,7,leader: X\n"
      "Red Party,Red,4,#D7191C,Opposition,for:3 abstain:1 rest:absent,3.5,\n",
      &members);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  const Result<ChamberFile> file = ParseChamberFile(d->Yaml(), "x.yaml", ReadFile);
  ASSERT_TRUE(file.ok()) << file.status().ToString() << "\n" << d->Yaml();
  const Chamber& c = file->content.base.chamber;
  EXPECT_EQ(c.statutory_seats, 10);
  EXPECT_EQ(c.FilledSeats(), 9);
  EXPECT_EQ(c.parties[0].colour, "#0000ff");  // #RGB written out
  ASSERT_EQ(c.blocs.size(), 2u);
  EXPECT_EQ(c.blocs[0].role, BlocRole::kGovernment);
  EXPECT_EQ(c.members[0].constituency, "North");
  const Stances& s = file->content.base.stances;
  EXPECT_EQ(c.members[0].id, "A.-Rebel");  // made of the name
  EXPECT_EQ(s.members.at("A.-Rebel"), Stance::kFor);
  EXPECT_EQ(s.splits.at("Red").counts.at(Stance::kFor), 3);
  EXPECT_EQ(s.splits.at("Red").rest, Stance::kAbsent);
}

TEST(SpreadsheetTest, WithoutStancesEachPartyVotesWithItsBloc) {
  const Result<ChamberDraft> d = Draft("id,seats,bloc\nA,6,government\nB,4,opposition\n");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->document["stances"]["blocs"]["government"], "against");
  EXPECT_EQ(d->document["stances"]["blocs"]["opposition"], "for");
  EXPECT_EQ(d->document["motion"]["rule"], "majority-of-votes-cast");
}

TEST(SpreadsheetTest, ErrorsNameTheRowAndColumn) {
  const auto error = [](std::string_view text, std::int64_t seats = 10) {
    return Draft(text, nullptr, seats).status();
  };
  const Status seats = error("id,seats\nA,6\nB,x\n");
  EXPECT_EQ(seats.code(), ErrorCode::kType);
  EXPECT_EQ(seats.where().line, 3);
  EXPECT_EQ(seats.where().column, 2);
  EXPECT_EQ(seats.where().path, "column seats");
  EXPECT_EQ(error("id,seats\nA,-2\n").code(), ErrorCode::kNegativeSeats);
  EXPECT_EQ(error("id,seats\nA,6\nA,1\n").code(), ErrorCode::kDuplicateId);
  EXPECT_EQ(error("id,seats\nA,6\nB,5\n").code(), ErrorCode::kSeatsExceedChamber);
  const Status unknown = error("id,seats,leader\nA,6,X\n");
  EXPECT_EQ(unknown.code(), ErrorCode::kUnknownField);
  EXPECT_EQ(unknown.where().column, 3);
  EXPECT_EQ(error("id,name\nA,x\n").code(), ErrorCode::kMissingField);
  EXPECT_EQ(error("id,seats,stance\nA,6,maybe\n").where().path, "column stance");
  EXPECT_EQ(error("id,seats,colour\nA,6,blue\n").code(), ErrorCode::kInvalidValue);
  EXPECT_EQ(error("id,seats,position\nA,6,11\n").code(), ErrorCode::kInvalidValue);
  EXPECT_EQ(error("id,seats\nA B,6\n").code(), ErrorCode::kInvalidValue);
  EXPECT_EQ(error("id,seats,position\nA,6,nan\n").code(), ErrorCode::kInvalidValue);
  const Status split = error("id,seats,stance\nA,6,for:4 against:3\n");
  EXPECT_EQ(split.code(), ErrorCode::kInconsistentCount);
  EXPECT_EQ(split.where().path, "column stance");
  const CsvTable three = Table("name,party\nX,A\nY,A\nZ,A\n", "members.csv");
  const Status crowded = Draft("id,seats\nA,2\n", &three).status();
  EXPECT_EQ(crowded.code(), ErrorCode::kInconsistentCount);
  EXPECT_EQ(crowded.where().line, 4);
  const CsvTable bloc_named = Table("id,name,party\ngovernment,X,A\n", "members.csv");
  EXPECT_EQ(Draft("id,seats,bloc\nA,2,government\n", &bloc_named).status().code(),
            ErrorCode::kDuplicateId);
  const CsvTable members = Table("name,party\nX,Nobody\n", "members.csv");
  const Status member = Draft("id,seats\nA,6\n", &members).status();
  EXPECT_EQ(member.code(), ErrorCode::kUnknownId);
  EXPECT_EQ(member.where().file, "members.csv");
  EXPECT_EQ(member.where().line, 2);
}

TEST(SpreadsheetTest, ExportedTablesReadBackToTheSameState) {
  const CsvTable members = Table("id,name,party,stance\nr,A. Rebel,B,for\n", "members.csv");
  const Result<ChamberDraft> d = Draft(
      "id,name,seats,bloc,stance\nB,Blue,5,government,against\n"
      "R,\"Red, United\",4,opposition,for:2 against:1 rest:absent\n",
      &members);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  const Result<ChamberFile> file = ParseChamberFile(d->Yaml(), "x.yaml", ReadFile);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  const State& state = file->content.base;
  const std::string parties = PartiesCsv(state);
  EXPECT_NE(parties.find("R,\"Red, United\",,4,,opposition,for:2 against:1 rest:absent,"),
            std::string::npos)
      << parties;
  const CsvTable exported_members = Table(MembersCsv(state), "m.csv");
  const Result<ChamberDraft> again = Draft(parties, &exported_members);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  const Result<ChamberFile> reread = ParseChamberFile(again->Yaml(), "y.yaml", ReadFile);
  ASSERT_TRUE(reread.ok()) << reread.status().ToString();
  EXPECT_EQ(reread->content.base.chamber.parties, state.chamber.parties);
  EXPECT_EQ(reread->content.base.chamber.members, state.chamber.members);
  EXPECT_EQ(PartiesCsv(reread->content.base), parties);
}

}  // namespace
}  // namespace whipcount::io
