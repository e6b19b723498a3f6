#include "whipcount/chamber.h"

#include <gtest/gtest.h>

namespace whipcount {
namespace {

Chamber SmallChamber() {
  Chamber c;
  c.name = "Test";
  c.statutory_seats = 10;
  c.parties = {{.id = "A", .seats = 5}, {.id = "B", .seats = 4}};
  c.members = {{.id = "a1", .name = "A One", .party = "A"}};
  c.blocs = {{.id = "gov", .role = BlocRole::kGovernment, .parties = {"A"}},
             {.id = "opp", .role = BlocRole::kOpposition, .parties = {"B"}}};
  return c;
}

TEST(ChamberTest, ValidChamberPasses) {
  const Chamber c = SmallChamber();
  EXPECT_TRUE(Validate(c).ok()) << Validate(c).ToString();
  EXPECT_EQ(c.FilledSeats(), 9);
  EXPECT_EQ(c.Vacancies(), 1);
}

TEST(ChamberTest, SeatsExceedingTheChamberAreAnError) {
  Chamber c = SmallChamber();
  c.parties[1].seats = 6;
  const Status s = Validate(c);
  EXPECT_EQ(s.code(), ErrorCode::kSeatsExceedChamber);
  EXPECT_NE(s.message().find("11"), std::string::npos);
}

TEST(ChamberTest, NegativeSeatsAreAnError) {
  Chamber c = SmallChamber();
  c.parties[0].seats = -1;
  const Status s = Validate(c);
  EXPECT_EQ(s.code(), ErrorCode::kNegativeSeats);
  EXPECT_EQ(s.where().path, "parties[0].seats");
}

TEST(ChamberTest, DuplicateIdsAcrossKindsAreAnError) {
  Chamber c = SmallChamber();
  c.members[0].id = "B";
  const Status s = Validate(c);
  EXPECT_EQ(s.code(), ErrorCode::kDuplicateId);
  EXPECT_EQ(s.where().path, "members[0].id");
}

TEST(ChamberTest, UnknownPartyOfMemberIsAnError) {
  Chamber c = SmallChamber();
  c.members[0].party = "Z";
  EXPECT_EQ(Validate(c).code(), ErrorCode::kUnknownId);
}

TEST(ChamberTest, MoreNamedMembersThanSeatsIsAnError) {
  Chamber c = SmallChamber();
  c.parties[0].seats = 0;
  EXPECT_EQ(Validate(c).code(), ErrorCode::kInconsistentCount);
}

TEST(ChamberTest, DeclaredVacanciesMustAddUp) {
  Chamber c = SmallChamber();
  c.declared_vacancies = 2;
  const Status s = Validate(c);
  EXPECT_EQ(s.code(), ErrorCode::kInconsistentCount);
  EXPECT_EQ(s.where().path, "chamber.vacancies");
  c.declared_vacancies = 1;
  EXPECT_TRUE(Validate(c).ok());
}

TEST(ChamberTest, PartyInTwoBlocsIsAnError) {
  Chamber c = SmallChamber();
  c.blocs[1].parties.push_back("A");
  EXPECT_EQ(Validate(c).code(), ErrorCode::kInconsistentCount);
}

TEST(ChamberTest, ChairOutsidePartiesTakesASeat) {
  Chamber c = SmallChamber();
  c.presiding = PresidingOfficer{.name = "Speaker"};
  EXPECT_EQ(c.FilledSeats(), 10);
  EXPECT_TRUE(Validate(c).ok());
  c.parties[1].seats = 5;
  EXPECT_EQ(Validate(c).code(), ErrorCode::kSeatsExceedChamber);
}

TEST(ChamberTest, BadColourIsAnError) {
  Chamber c = SmallChamber();
  c.parties[0].colour = "green";
  EXPECT_EQ(Validate(c).code(), ErrorCode::kInvalidValue);
  c.parties[0].colour = "#00aa00";
  EXPECT_TRUE(Validate(c).ok());
}

TEST(StancesTest, MostSpecificStanceWins) {
  const Chamber c = SmallChamber();
  Stances s;
  s.blocs["gov"] = Stance::kAgainst;
  EXPECT_EQ(s.PartyLine(c, "A"), Stance::kAgainst);
  EXPECT_EQ(s.OfMember(c, "a1"), Stance::kAgainst);
  s.parties["A"] = Stance::kAbstain;
  EXPECT_EQ(s.OfMember(c, "a1"), Stance::kAbstain);
  s.members["a1"] = Stance::kFor;
  EXPECT_EQ(s.OfMember(c, "a1"), Stance::kFor);
  EXPECT_EQ(s.PartyLine(c, "B"), Stance::kUndecided);
}

TEST(StancesTest, MemberSittingInAnotherBlocTakesThatBlocsStance) {
  Chamber c = SmallChamber();
  c.blocs[1].members.push_back("a1");
  Stances s;
  s.blocs = {{"gov", Stance::kAgainst}, {"opp", Stance::kFor}};
  EXPECT_EQ(s.OfMember(c, "a1"), Stance::kFor);
  EXPECT_EQ(c.BlocOfMember("a1")->id, "opp");
}

TEST(StancesTest, UnknownIdsInStancesAreAnError) {
  const Chamber c = SmallChamber();
  Stances s;
  s.parties["Z"] = Stance::kFor;
  const Status st = Validate(c, s);
  EXPECT_EQ(st.code(), ErrorCode::kUnknownId);
  EXPECT_EQ(st.where().path, "stances.parties.Z");
}

TEST(StancesTest, StanceWordsRoundTrip) {
  for (Stance s :
       {Stance::kFor, Stance::kAgainst, Stance::kAbstain, Stance::kAbsent, Stance::kUndecided}) {
    EXPECT_EQ(ParseEnum<Stance>(EnumName(s)), s);
  }
  EXPECT_EQ(ParseEnum<Stance>("aye"), Stance::kFor);
  EXPECT_EQ(ParseEnum<Stance>("nay"), Stance::kAgainst);
  EXPECT_FALSE(ParseEnum<Stance>("maybe"));
}

}  // namespace
}  // namespace whipcount
