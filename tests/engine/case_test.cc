#include "whipcount/case.h"

#include <gtest/gtest.h>

namespace whipcount {
namespace {

// A 20-seat chamber with two motions: "budget" (March) and "censure" (April), decided by a
// majority of the membership (11). Events: C joins the opposition (all motions), a stance on
// the budget only, and one on the censure only.
Case TwoMotions() {
  Case c;
  Chamber& ch = c.base.chamber;
  ch.name = "T";
  ch.statutory_seats = 20;
  ch.parties = {{.id = "A", .seats = 9}, {.id = "B", .seats = 8}, {.id = "C", .seats = 3}};
  ch.blocs = {{.id = "gov", .role = BlocRole::kGovernment, .parties = {"A", "C"}},
              {.id = "opp", .role = BlocRole::kOpposition, .parties = {"B"}}};
  c.base.stances.blocs = {{"gov", Stance::kAgainst}, {"opp", Stance::kFor}};
  c.rules = {{.id = "maj", .thresholds = {{.base = Base::kStatutorySeats}}}};
  c.motions = {{.id = "budget", .rule = "maj", .date = Date{2022, 3, 31}},
               {.id = "censure", .rule = "maj", .date = Date{2022, 4, 30}}};
  Event join{.date = Date{2022, 3, 10}, .kind = EventKind::kJoinBloc};
  join.party = "C";
  join.bloc = "opp";
  Event budget{.date = Date{2022, 3, 20}, .kind = EventKind::kStance};
  budget.party = "C";
  budget.stance = Stance::kAgainst;
  budget.motion = "budget";
  Event censure{.date = Date{2022, 4, 20}, .kind = EventKind::kStance};
  censure.party = "A";
  censure.stance = Stance::kAbstain;
  censure.motion = "censure";
  c.events = {join, budget, censure};
  return c;
}

TEST(CaseTest, SelectsTheLatestMotionOrTheOneNamed) {
  const Case c = TwoMotions();
  Result<MotionCase> latest = SelectMotion(c, std::nullopt);
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(latest->motion->id, "censure");
  EXPECT_EQ(latest->rule->id, "maj");
  ASSERT_EQ(latest->events.size(), 2u);  // the budget stance is not the censure's
  EXPECT_EQ(latest->case_events, (std::vector<size_t>{0, 2}));
  Result<MotionCase> budget = SelectMotion(c, "budget");
  ASSERT_TRUE(budget.ok());
  EXPECT_EQ(budget->case_events, (std::vector<size_t>{0, 1}));
  Result<MotionCase> none = SelectMotion(c, "supply");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), ErrorCode::kUnknownId);
  EXPECT_EQ(none.status().where().path, "motions");
  EXPECT_NE(none.status().message().find("budget, censure"), std::string::npos);
}

TEST(CaseTest, AnUndatedMotionCountsAsTheEarliest) {
  Case c = TwoMotions();
  c.motions[1].date.reset();
  EXPECT_EQ(SelectMotion(c, std::nullopt)->motion->id, "budget");
  c.motions[0].date.reset();  // both undated: the last written
  EXPECT_EQ(SelectMotion(c, std::nullopt)->motion->id, "censure");
}

TEST(CaseTest, TallyOnCountsEachMotionWithItsOwnEvents) {
  const Case c = TwoMotions();
  // The budget on its date: C joined the opposition but declares against this motion.
  Result<Snapshot> budget = TallyOn(*SelectMotion(c, "budget"), std::nullopt);
  ASSERT_TRUE(budget.ok());
  EXPECT_EQ(budget->date, (Date{2022, 3, 31}));
  EXPECT_EQ(budget->tally->total.for_votes, 8);
  EXPECT_EQ(budget->tally->total.against, 12);
  EXPECT_EQ(budget->tally->required, 11);
  // Censure: C is with the opposition and A abstains.
  Result<Snapshot> censure = TallyOn(*SelectMotion(c, "censure"), std::nullopt);
  ASSERT_TRUE(censure.ok());
  EXPECT_EQ(censure->tally->total.for_votes, 11);
  EXPECT_EQ(censure->tally->total.abstain, 9);
  EXPECT_EQ(censure->tally->verdict, Verdict::kPasses);
  // Before C moved, the censure had 8.
  Result<Snapshot> early = TallyOn(*SelectMotion(c, "censure"), Date{2022, 3, 1});
  ASSERT_TRUE(early.ok());
  EXPECT_EQ(early->tally->total.for_votes, 8);
}

TEST(CaseTest, DefaultDateIsTheMotionsElseTheLastEvents) {
  Case c = TwoMotions();
  EXPECT_EQ(DefaultDate(*SelectMotion(c, "budget")), (Date{2022, 3, 31}));
  c.motions[0].date.reset();
  EXPECT_EQ(DefaultDate(*SelectMotion(c, "budget")), (Date{2022, 3, 20}));
  c.events.clear();
  EXPECT_EQ(DefaultDate(*SelectMotion(c, "budget")), std::nullopt);
}

TEST(CaseTest, WithoutAMotionThereIsAStateButNoTally) {
  Case c = TwoMotions();
  c.motions.clear();
  for (Event& e : c.events) e.motion.clear();
  Result<MotionCase> on = SelectMotion(c, std::nullopt);
  ASSERT_TRUE(on.ok());
  EXPECT_FALSE(on->motion.has_value());
  EXPECT_EQ(on->events.size(), 3u);
  Result<Snapshot> snapshot = SnapshotOn(*on, std::nullopt);
  ASSERT_TRUE(snapshot.ok());
  EXPECT_FALSE(snapshot->tally.has_value());
  EXPECT_EQ(snapshot->state.chamber.BlocOfParty("C")->id, "opp");
  EXPECT_EQ(TallyOn(*on, std::nullopt).status().code(), ErrorCode::kMissingField);
  EXPECT_EQ(TallyOn(*on, std::nullopt).status().where().path, "motion");
  EXPECT_EQ(TallyStory(*on).status().code(), ErrorCode::kMissingField);
}

// Errors name the event by its place in the whole case, not in the motion's share of it.
TEST(CaseTest, ErrorsNumberEventsAsTheCaseDoes) {
  Case c = TwoMotions();
  c.events[2].party = "Z";  // the censure's stance names no party of the chamber
  Result<MotionCase> censure = SelectMotion(c, "censure");
  ASSERT_TRUE(censure.ok());
  const Status s = StateOn(*censure, std::nullopt).status();
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.where().path.rfind("events[2]", 0), 0u) << s.ToString();
  EXPECT_EQ(TallyStory(*censure).status().where().path.rfind("events[2]", 0), 0u);
  const Status all = ValidateEvents(c);
  EXPECT_EQ(all.where().path.rfind("events[2]", 0), 0u) << all.ToString();
  // The budget never meets that event, and replays cleanly.
  EXPECT_TRUE(StateOn(*SelectMotion(c, "budget"), std::nullopt).ok());
}

TEST(CaseTest, ValidateEventsRefusesAnUnknownMotionAndEventsOutOfOrder) {
  Case c = TwoMotions();
  EXPECT_TRUE(ValidateEvents(c).ok());
  c.events[1].motion = "supply";
  Status s = ValidateEvents(c);
  EXPECT_EQ(s.code(), ErrorCode::kUnknownId);
  EXPECT_EQ(s.where().path, "events[1].motion");
  c = TwoMotions();
  std::swap(c.events[0].date, c.events[2].date);
  s = ValidateEvents(c);
  EXPECT_EQ(s.code(), ErrorCode::kInvalidEvent) << s.ToString();
}

TEST(CaseTest, TallyStoryStepsIndexTheMotionsEvents) {
  const Case c = TwoMotions();
  Result<TimelineTally> story = TallyStory(*SelectMotion(c, "censure"));
  ASSERT_TRUE(story.ok());
  ASSERT_EQ(story->steps.size(), 3u);  // the base state and the censure's two events
  EXPECT_FALSE(story->steps[0].event.has_value());
  EXPECT_EQ(story->steps[2].event, 1u);
  EXPECT_EQ(story->steps[2].tally.total.for_votes, 11);
}

TEST(CaseTest, CompareListsTheEventsBetweenAndTheChanges) {
  const Case c = TwoMotions();
  const MotionCase censure = *SelectMotion(c, "censure");
  Result<Comparison> cmp = Compare(censure, Date{2022, 3, 10}, Date{2022, 4, 20});
  ASSERT_TRUE(cmp.ok()) << cmp.status().ToString();
  EXPECT_EQ(cmp->events, (std::vector<size_t>{1}));  // after the 10th, up to and on the 20th
  EXPECT_EQ(cmp->causes, (std::vector<std::optional<size_t>>{1}));
  ASSERT_EQ(cmp->diff.changes.size(), 1u);
  EXPECT_EQ(cmp->diff.changes[0].what, Change::What::kStance);
  EXPECT_EQ(ChangeText(cmp->diff.changes[0], cmp->to.state.chamber),
            "party A stance: none declared -> abstain");
  EXPECT_EQ(cmp->from.tally->total.for_votes, 11);
  EXPECT_EQ(cmp->to.tally->total.abstain, 9);
  EXPECT_EQ(Compare(censure, Date{2022, 4, 20}, Date{2022, 3, 10}).status().code(),
            ErrorCode::kInvalidValue);
}

}  // namespace
}  // namespace whipcount
