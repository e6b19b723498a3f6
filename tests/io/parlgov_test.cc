// ParlGov import (issue 16): every election and cabinet of the shipped tables makes a chamber
// file that whipcount reads, with published seat totals and governments where they are known.
#include "io/parlgov.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <set>

#include "io/chamber_file.h"
#include "io/file.h"
#include "io/shipped.h"

namespace whipcount::io {
namespace {

using Json = nlohmann::ordered_json;

// Read once for the suite, from the repository's own data, not an installed copy.
ParlGov* shipped_parlgov = nullptr;
std::map<std::string, MotionChoice>* shipped_choices = nullptr;

class ParlGovTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    ::setenv("WHIPCOUNT_DATA", WHIPCOUNT_SOURCE_DIR "/data", 1);
    Result<ParlGov> loaded = LoadShippedParlGov();
    ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
    shipped_parlgov = new ParlGov(std::move(*loaded));
    Result<std::map<std::string, MotionChoice>> choices = LoadShippedMotionChoices();
    ASSERT_TRUE(choices.ok()) << choices.status().ToString();
    shipped_choices = new std::map<std::string, MotionChoice>(std::move(*choices));
  }
  static void TearDownTestSuite() {
    delete shipped_parlgov;
    delete shipped_choices;
  }

  static Result<ChamberDraft> Import(const ParlGovQuery& query) {
    return shipped_parlgov->Import(query, *shipped_choices);
  }

  // The draft as a file and read back as `check` reads it.
  static Result<ChamberFile> Read(const ChamberDraft& draft) {
    return ParseChamberFile(draft.Yaml(), "imported.yaml", ReadFile);
  }

  static std::int64_t PartySeats(const Json& document, const std::string& id) {
    for (const Json& p : document["parties"]) {
      if (p["id"] == id) return p["seats"].get<std::int64_t>();
    }
    return -1;
  }

  static std::vector<std::string> Government(const Json& document) {
    std::vector<std::string> out;
    for (const Json& bloc : document["blocs"]) {
      if (bloc["role"] != "government") continue;
      for (const Json& p : bloc["parties"]) out.push_back(p.get<std::string>());
    }
    return out;
  }
};

TEST_F(ParlGovTest, EveryElectionAndEveryCabinetMakesAFileThatChecks) {
  size_t elections = 0;
  size_t cabinets = 0;
  size_t nonpartisan = 0;
  for (const ParlGovCountry& country : shipped_parlgov->countries()) {
    for (const std::string type : {"parliament", "ep"}) {
      const std::vector<const ParlGovElection*> list =
          *shipped_parlgov->Elections(country.code, type);
      for (const ParlGovElection* e : list) {
        SCOPED_TRACE(country.code + " " + type + " " + e->date.ToString());
        const Result<ChamberDraft> draft =
            Import({.country = country.code, .election = std::to_string(e->id), .type = type});
        ASSERT_TRUE(draft.ok()) << draft.status().ToString();
        const Result<ChamberFile> file = Read(*draft);
        ASSERT_TRUE(file.ok()) << file.status().ToString() << "\n" << draft->Yaml();
        // Every seat ParlGov gives is in the file: held by a party, or by its "OTHER" row.
        EXPECT_EQ(file->content.base.chamber.FilledSeats(),
                  std::max<std::int64_t>(e->seats_total, [&] {
                    std::int64_t held = 0;
                    for (const ParlGovSeats& p : e->parties) held += p.seats;
                    return held;
                  }()));
        ++elections;
      }
    }
    const std::vector<const ParlGovCabinet*> list = *shipped_parlgov->Cabinets(country.code);
    for (const ParlGovCabinet* c : list) {
      SCOPED_TRACE(country.code + " cabinet " + c->name);
      const Result<ChamberDraft> draft =
          Import({.country = country.code, .cabinet = std::to_string(c->id)});
      ASSERT_TRUE(draft.ok()) << draft.status().ToString();
      const Result<ChamberFile> file = Read(*draft);
      ASSERT_TRUE(file.ok()) << file.status().ToString() << "\n" << draft->Yaml();
      // The government's parties, unless none holds a seat (a cabinet of non-party experts).
      const bool partisan =
          std::any_of(c->parties.begin(), c->parties.end(),
                      [](const ParlGovSeats& p) { return p.in_cabinet && p.seats > 0; });
      EXPECT_EQ(Government(draft->document).empty(), !partisan);
      nonpartisan += partisan ? 0 : 1;
      ++cabinets;
    }
  }
  EXPECT_EQ(shipped_parlgov->countries().size(), 37u);
  EXPECT_GE(elections, 1000u);
  EXPECT_GE(cabinets, 1600u);
  EXPECT_EQ(nonpartisan, 39u);  // Monti, Dini I and II, caretakers of experts ...
}

// Published totals: Bundestag 2021 736 seats (Bundeswahlleiter), the Scholz coalition of SPD,
// Greens and FDP; House of Commons 2019 650 seats, 365 Conservatives; the Knesset 120 seats.
TEST_F(ParlGovTest, PublishedSeatTotalsAndGovernments) {
  const Result<ChamberDraft> de = Import({.country = "DEU", .election = "2021-09-26"});
  ASSERT_TRUE(de.ok()) << de.status().ToString();
  EXPECT_EQ(de->document["chamber"]["seats"], 736);
  EXPECT_EQ(de->document["chamber"]["name"], "Deutscher Bundestag");
  EXPECT_EQ(PartySeats(de->document, "SPD"), 206);
  EXPECT_EQ(Government(de->document), (std::vector<std::string>{"SPD", "B90-Gru", "FDP"}));
  EXPECT_EQ(de->document["rulebook"], "de-bundestag");

  const Result<ChamberDraft> gb = Import({.country = "gbr", .election = "2019-12-12"});
  ASSERT_TRUE(gb.ok()) << gb.status().ToString();
  EXPECT_EQ(gb->document["chamber"]["seats"], 650);
  EXPECT_EQ(PartySeats(gb->document, "Con"), 365);
  EXPECT_EQ(Government(gb->document), (std::vector<std::string>{"Con"}));
  // The Commons' rule breaks ties by the Speaker's casting vote: the file has a chair.
  EXPECT_EQ(gb->document["chamber"]["presiding_officer"]["vote"], "casting");

  const std::vector<const ParlGovElection*> israel =
      *shipped_parlgov->Elections("Israel", "parliament");
  ASSERT_GE(israel.size(), 20u);
  for (const ParlGovElection* e : israel) {
    SCOPED_TRACE(e->date.ToString());
    const Result<ChamberDraft> il = Import({.country = "ISR", .election = e->date.ToString()});
    ASSERT_TRUE(il.ok()) << il.status().ToString();
    EXPECT_EQ(il->document["chamber"]["seats"], 120);
  }
}

TEST_F(ParlGovTest, ACabinetOrADateChoosesTheGovernment) {
  // Draghi's cabinet of national unity, 13 February 2021: M5S, Lega, PD, FI, IV and LeU.
  const Result<ChamberDraft> by_name = Import({.country = "ITA", .cabinet = "draghi i"});
  ASSERT_TRUE(by_name.ok()) << by_name.status().ToString();
  EXPECT_GE(Government(by_name->document).size(), 5u);
  // The cabinet in force on a date is the last formed on or before it.
  const Result<ChamberDraft> on_date = Import({.country = "ITA", .date = Date{2021, 6, 1}});
  ASSERT_TRUE(on_date.ok());
  EXPECT_EQ(on_date->document["blocs"][0]["name"], by_name->document["blocs"][0]["name"]);
  EXPECT_EQ(on_date->document["motion"]["date"], "2021-06-01");
}

TEST_F(ParlGovTest, WhatDoesNotExistIsRefusedWithWhatDoes) {
  const auto error = [](const ParlGovQuery& q) { return Import(q).status(); };
  const Status country = error({.country = "XYZ", .election = "2021-09-26"});
  EXPECT_EQ(country.code(), ErrorCode::kUnknownId);
  EXPECT_NE(country.message().find("DEU (Germany)"), std::string::npos) << country.message();
  const Status election = error({.country = "DEU", .election = "2021-09-27"});
  EXPECT_EQ(election.code(), ErrorCode::kUnknownId);
  EXPECT_NE(election.message().find("2021-09-26"), std::string::npos);
  const Status cabinet = error({.country = "ITA", .cabinet = "Draghi"});
  EXPECT_NE(cabinet.message().find("Draghi I (1667, 2021-02-13), Draghi II"), std::string::npos)
      << cabinet.message();
  const Status early = error({.country = "DEU", .date = Date{1900, 1, 1}});
  EXPECT_NE(early.message().find("1919-02-13"), std::string::npos) << early.message();
  EXPECT_EQ(error({.country = "DEU"}).code(), ErrorCode::kUsage);
  EXPECT_EQ(error({.country = "DEU", .cabinet = "Scholz", .type = "ep"}).code(), ErrorCode::kUsage);
}

TEST(ParlGovParseTest, ATableThatCannotBeReadNamesItsLine) {
  ParlGovTexts texts{
      .elections = "country_name_short,seats\nDEU,3\n", .cabinets = "", .parties = ""};
  const Result<ParlGov> db = ParlGov::Parse(texts);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), ErrorCode::kMissingField);
  EXPECT_EQ(db.status().where().file, "view_election.csv");
}

TEST(FamilyColourTest, APartyKeepsItsShadeUnlessTaken) {
  const std::string first = FamilyColour("soc", 7, {});
  EXPECT_EQ(FamilyColour("soc", 7, {}), first);
  EXPECT_NE(FamilyColour("soc", 7, {first}), first);
  EXPECT_EQ(FamilyColour("unknown", 1, {})[0], '#');
}

}  // namespace
}  // namespace whipcount::io
