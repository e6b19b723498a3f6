// Regression tests for issue 11: votes as real legislatures hold them. Each wrong answer the
// issue lists has a minimal case here, and each new piece of the model a worked example.
#include <gtest/gtest.h>

#include "whipcount/coalition.h"
#include "whipcount/diagram.h"
#include "whipcount/tally.h"
#include "whipcount/timeline.h"

namespace whipcount {
namespace {

Rule CastMajority(TieRule tie = TieRule::kCastingVote) {
  return Rule{.id = "simple",
              .thresholds = {{.fraction = {1, 2}, .strict = true, .base = Base::kVotesCast}},
              .tie = tie,
              .casting = CastingConvention::kStatusQuo};
}

// Two parties of `a` and `b` seats, for and against, with a chair from outside them.
State TwoSides(int a, int b, PresidingVote chair_vote) {
  State s;
  s.chamber.statutory_seats = a + b + 1;
  s.chamber.presiding = PresidingOfficer{.name = "Chair", .vote = chair_vote};
  s.chamber.parties = {{.id = "A", .seats = a}, {.id = "B", .seats = b}};
  s.stances.parties = {{"A", Stance::kFor}, {"B", Stance::kAgainst}};
  return s;
}

TEST(Issue11Test, AChairWhoNeverVotesBreaksNoTie) {
  const State s = TwoSides(5, 5, PresidingVote::kNever);
  Rule rule = CastMajority();
  rule.casting = CastingConvention::kAsDeclared;
  const Tally t = CountVotes(s, rule, Motion{});
  EXPECT_TRUE(t.tie.tied);
  EXPECT_FALSE(t.tie.casting_vote_used);
  EXPECT_EQ(t.verdict, Verdict::kFails);  // as an undecided tie: it fails
  EXPECT_EQ(t.required, 6);
  EXPECT_EQ(t.margin, -1);
}

TEST(Issue11Test, ATieCarriedByTheCastingVoteNeedsNoMoreVotes) {
  // A confidence motion: the status quo is the government staying, so the casting vote is "for".
  const State s = TwoSides(5, 5, PresidingVote::kCastingOnly);
  const Tally t = CountVotes(s, CastMajority(), Motion{.kind = MotionKind::kConfidence});
  EXPECT_TRUE(t.tie.casting_vote_used);
  EXPECT_TRUE(t.tie.casting_for);
  EXPECT_EQ(t.verdict, Verdict::kPasses);
  EXPECT_EQ(t.required, 5);
  EXPECT_EQ(t.required_by, RequiredBy::kCastingVote);
  EXPECT_EQ(t.margin, 0);  // never "passes, -1 votes above the bar"
  // The threshold itself is judged on the members' votes: 6 outright.
  ASSERT_EQ(t.thresholds.size(), 1u);
  EXPECT_EQ(t.thresholds[0].required, 6);
  EXPECT_EQ(t.flip.members, 1);
}

TEST(Issue11Test, ANoConfidenceTieGoesToTheStatusQuo) {
  const State s = TwoSides(5, 5, PresidingVote::kCastingOnly);
  const Tally t = CountVotes(s, CastMajority(), Motion{.kind = MotionKind::kNoConfidence});
  EXPECT_TRUE(t.tie.casting_vote_used);
  EXPECT_FALSE(t.tie.casting_for);
  EXPECT_EQ(t.verdict, Verdict::kFails);
  EXPECT_EQ(t.required, 6);
  EXPECT_EQ(t.margin, -1);
  EXPECT_EQ(t.flip.members, 1);  // "short by 1" and "would pass if 1 more voted for it" agree
  EXPECT_EQ(ConsequenceWords(t), "the government survives");
}

TEST(Issue11Test, TheCastingVoteCountsTheChairOnceTowardsTheQuorum) {
  State s = TwoSides(2, 2, PresidingVote::kCastingOnly);
  Rule rule = CastMajority();
  rule.quorum = Quorum{.absolute = 6};  // 2 + 2 + the chair = 5 present: no quorum
  const Tally t = CountVotes(s, rule, Motion{.kind = MotionKind::kConfidence});
  EXPECT_TRUE(t.tie.casting_vote_used);
  EXPECT_FALSE(t.passes_now);  // the casting vote does not make the chair count twice
  EXPECT_EQ(t.required, 3);    // one more member present and voting for
  rule.quorum = Quorum{.absolute = 8};
  const Tally u = CountVotes(s, rule, Motion{.kind = MotionKind::kConfidence});
  EXPECT_EQ(u.required, 5);
  EXPECT_EQ(u.required_by, RequiredBy::kQuorum);
}

TEST(Issue11Test, RecordedVotesAreDecidedOnTheRecordedFigures) {
  State s = TwoSides(6, 2, PresidingVote::kCastingOnly);
  const Tally paper = CountVotes(s, CastMajority(), Motion{});
  EXPECT_EQ(paper.verdict, Verdict::kPasses);
  const RecordedCheck check =
      CheckRecorded(RecordedVote{.for_votes = 3, .against = 5}, paper, CastMajority());
  EXPECT_FALSE(check.outcome.passes);
  EXPECT_EQ(check.outcome.required, 6);
  EXPECT_EQ(check.for_minus_paper, -3);
  EXPECT_EQ(check.at_least_left_for, 3);
  EXPECT_EQ(check.at_least_joined_for, 0);
}

TEST(Issue11Test, ASecretBallotSaysHowManyOfABlocMustHaveDeviated) {
  // 6 declared for in the opposition bloc and 2 outside it; 5 recorded for.
  State s;
  s.chamber.statutory_seats = 12;
  s.chamber.parties = {{.id = "O", .seats = 6}, {.id = "X", .seats = 2}, {.id = "G", .seats = 4}};
  s.chamber.blocs = {{.id = "opp", .parties = {"O"}}, {.id = "gov", .parties = {"G"}}};
  s.stances.parties = {{"O", Stance::kFor}, {"X", Stance::kFor}, {"G", Stance::kAgainst}};
  const Tally paper = CountVotes(s, CastMajority(), Motion{});
  const RecordedCheck check = CheckRecorded(
      RecordedVote{.for_votes = 5, .against = 4, .secret = true}, paper, CastMajority());
  EXPECT_EQ(check.at_least_left_for, 3);
  ASSERT_EQ(check.by_bloc.size(), 1u);
  EXPECT_EQ(check.by_bloc[0].bloc, "opp");
  EXPECT_EQ(check.by_bloc[0].members, 1);  // even if both X members voted for
  EXPECT_TRUE(check.outcome.passes);
}

TEST(Issue11Test, ATimelineSaysWhenTheNumbersHoldThroughoutAndCrossingsBothWays) {
  State base = TwoSides(6, 2, PresidingVote::kCastingOnly);
  Event leave{.date = {2024, 1, 2}, .kind = EventKind::kStance, .party = "A"};
  leave.stance = Stance::kAbsent;
  Event back{.date = {2024, 1, 3}, .kind = EventKind::kStance, .party = "A"};
  back.stance = Stance::kFor;
  Result<TimelineTally> throughout =
      TallyTimeline(base, std::vector<Event>{back}, CastMajority(), Motion{});
  ASSERT_TRUE(throughout.ok());
  EXPECT_EQ(throughout->throughout, Verdict::kPasses);
  EXPECT_TRUE(throughout->crossings.empty());
  Result<TimelineTally> both =
      TallyTimeline(base, std::vector<Event>{leave, back}, CastMajority(), Motion{});
  ASSERT_TRUE(both.ok());
  EXPECT_FALSE(both->throughout);
  ASSERT_EQ(both->crossings.size(), 2u);
  EXPECT_FALSE(both->crossings[0].gained);
  EXPECT_EQ(both->crossings[0].step, 1u);
  EXPECT_TRUE(both->crossings[1].gained);
  EXPECT_EQ(both->FirstGain(), 2u);
}

TEST(Issue11Test, BlocRowsAndPartyPartsAddUp) {
  // An independents group in no bloc whose four members all sit in blocs: its seats still count.
  State s;
  s.chamber.statutory_seats = 20;
  s.chamber.parties = {{.id = "G", .seats = 8},
                       {.id = "O", .seats = 8},
                       {.id = "IND", .seats = 4, .independents = true}};
  for (int i = 0; i < 4; ++i) {
    s.chamber.members.push_back({.id = "i" + std::to_string(i), .party = "IND"});
  }
  s.chamber.blocs = {{.id = "gov", .parties = {"G"}, .members = {"i0"}},
                     {.id = "opp", .parties = {"O"}, .members = {"i1", "i2", "i3"}}};
  s.stances.blocs = {{"gov", Stance::kAgainst}, {"opp", Stance::kFor}};
  const Tally t = CountVotes(s, CastMajority(), Motion{});
  Counts sum;
  int seats = 0;
  for (const BlocRow& b : t.blocs) {
    Counts parts;
    int part_seats = 0;
    for (const PartyRow& p : b.parties) {
      parts += p.counts;
      part_seats += p.seats;
    }
    EXPECT_EQ(parts, b.counts) << b.bloc;
    EXPECT_EQ(part_seats, b.seats) << b.bloc;
    sum += b.counts;
    seats += b.seats;
  }
  EXPECT_EQ(sum, t.total);
  EXPECT_EQ(seats, 20);
  EXPECT_EQ(t.total.for_votes, 11);
  EXPECT_EQ(t.total.against, 9);
}

TEST(Issue11Test, APartySplitByNumbersCountsWithoutNamedMembers) {
  // The FDP of the example: 30 for, 17 against, 5 abstaining, the rest away.
  State s;
  s.chamber.statutory_seats = 100;
  s.chamber.parties = {{.id = "FDP", .seats = 60}, {.id = "X", .seats = 40}};
  s.stances.splits["FDP"] =
      Split{.counts = {{Stance::kFor, 30}, {Stance::kAgainst, 17}, {Stance::kAbstain, 5}},
            .rest = Stance::kAbsent};
  s.stances.parties["X"] = Stance::kAgainst;
  ASSERT_TRUE(Validate(s.chamber, s.stances).ok());
  const Tally t = CountVotes(s, CastMajority(), Motion{});
  EXPECT_EQ(t.total.for_votes, 30);
  EXPECT_EQ(t.total.against, 57);
  EXPECT_EQ(t.total.abstain, 5);
  EXPECT_EQ(t.total.absent, 8);
  // More than the party's seats is refused.
  s.stances.splits["FDP"].counts[Stance::kFor] = 40;
  const Status bad = Validate(s.chamber, s.stances);
  EXPECT_EQ(bad.code(), ErrorCode::kInconsistentCount);
  EXPECT_EQ(bad.where().path, "stances.parties.FDP");
}

TEST(Issue11Test, PresentNotVotingCountsForQuorumAndPresentButNotCastAndAbstain) {
  State s;
  s.chamber.statutory_seats = 10;
  s.chamber.parties = {{.id = "A", .seats = 4}, {.id = "B", .seats = 3}, {.id = "P", .seats = 3}};
  s.stances.parties = {{"A", Stance::kFor}, {"B", Stance::kAgainst}, {"P", Stance::kPresent}};
  const Rule over_present{.thresholds = {{.fraction = {1, 2}, .base = Base::kPresent}}};
  const Rule over_cast_abstain{
      .thresholds = {{.fraction = {1, 2}, .base = Base::kVotesCastAndAbstentions}}};
  Rule quorum = CastMajority(TieRule::kFails);
  quorum.quorum = Quorum{.absolute = 10};
  EXPECT_EQ(CountVotes(s, over_present, Motion{}).verdict, Verdict::kFails);        // 4 of 10
  EXPECT_EQ(CountVotes(s, over_cast_abstain, Motion{}).verdict, Verdict::kPasses);  // 4 of 7
  EXPECT_TRUE(CountVotes(s, quorum, Motion{}).quorum->met);
  s.stances.parties["P"] = Stance::kAbstain;
  EXPECT_EQ(CountVotes(s, over_cast_abstain, Motion{}).verdict, Verdict::kFails);  // 4 of 10
}

TEST(Issue11Test, AProceduralStatusShowsInTheVerdictUntilRestored) {
  State s = TwoSides(6, 2, PresidingVote::kCastingOnly);
  Event blocked{.date = {2022, 4, 3}, .kind = EventKind::kMotionBlocked};
  Event dissolved{.date = {2022, 4, 3}, .kind = EventKind::kDissolve};
  Event restored{.date = {2022, 4, 7}, .kind = EventKind::kMotionRestored};
  const Motion motion{.kind = MotionKind::kNoConfidence};
  Result<TimelineTally> story =
      TallyTimeline(s, std::vector<Event>{blocked, dissolved, restored}, CastMajority(), motion);
  ASSERT_TRUE(story.ok());
  EXPECT_EQ(OutcomeWord(story->steps[1].tally), "blocked");
  EXPECT_EQ(OutcomeWord(story->steps[2].tally), "no vote: chamber dissolved");
  EXPECT_EQ(OutcomeWord(story->steps[3].tally), "passes");
  Event lapsed{.date = {2022, 4, 8}, .kind = EventKind::kMotionLapsed};
  Result<TimelineTally> lapsing =
      TallyTimeline(s, std::vector<Event>{lapsed}, CastMajority(), motion);
  ASSERT_TRUE(lapsing.ok());
  EXPECT_EQ(OutcomeWord(lapsing->steps[1].tally), "no vote: motion lapsed");
  EXPECT_EQ(ConsequenceWords(story->steps[3].tally), "the government falls");
  // A vote recorded while the motion cannot be voted on is refused.
  Event vote{.date = {2022, 4, 4}, .kind = EventKind::kVote};
  vote.recorded = RecordedVote{.for_votes = 6, .against = 2};
  Result<State> bad = Replay(s, std::vector<Event>{blocked, vote});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidEvent);
}

TEST(Issue11Test, TheAnnouncedFigureIsHalfOfThoseVotingPlusOne) {
  // Sweden 2021 style numbers on a votes-cast rule: 181 for, 109 against.
  State s = TwoSides(181, 109, PresidingVote::kNever);
  const Tally t = CountVotes(s, CastMajority(), Motion{});
  ASSERT_EQ(t.thresholds.size(), 1u);
  EXPECT_EQ(t.thresholds[0].required, 110);   // with the 109 against as they stand
  EXPECT_EQ(t.thresholds[0].announced, 146);  // half of the 290 voting, plus one
}

TEST(Issue11Test, DoubleThresholdOfTheEuropeanParliament) {
  // TFEU Art. 234: two thirds of the votes cast, and a majority of the component Members.
  // Censure of 10 July 2025: 175 for, 360 against, 18 abstentions of 719 Members.
  State s;
  s.chamber.statutory_seats = 720;
  s.chamber.parties = {{.id = "F", .seats = 175},
                       {.id = "A", .seats = 360},
                       {.id = "N", .seats = 18},
                       {.id = "R", .seats = 166}};
  s.stances.parties = {{"F", Stance::kFor},
                       {"A", Stance::kAgainst},
                       {"N", Stance::kAbstain},
                       {"R", Stance::kAbsent}};
  const Rule censure{.thresholds = {{.fraction = {2, 3}, .strict = false, .base = Base::kVotesCast},
                                    {.fraction = {1, 2}, .base = Base::kFilledSeats}}};
  const Tally t = CountVotes(s, censure, Motion{.kind = MotionKind::kNoConfidence});
  EXPECT_EQ(t.verdict, Verdict::kFails);
  EXPECT_EQ(t.thresholds[0].required, 720);
  EXPECT_EQ(t.thresholds[1].required, 360);
  // With 360 against, two thirds of votes cast binds; with none against, the majority does.
  s.stances.parties["A"] = Stance::kAbsent;
  s.stances.parties["F"] = Stance::kFor;
  s.chamber.parties[0].seats = 359;
  s.chamber.parties[1].seats = 176;
  const Tally u = CountVotes(s, censure, Motion{});
  EXPECT_EQ(u.required, 360);
  EXPECT_EQ(u.verdict, Verdict::kFails);
}

TEST(Issue11Test, CoalitionsCountTheMotionAsTheTallyDoes) {
  // A chair from party A who does not vote, and one member of B voting against its line.
  State s;
  s.chamber.statutory_seats = 11;
  s.chamber.presiding = PresidingOfficer{.party = "A", .vote = PresidingVote::kCastingOnly};
  s.chamber.parties = {{.id = "A", .seats = 6}, {.id = "B", .seats = 5}};
  s.chamber.members = {{.id = "b1", .party = "B"}};
  s.stances.parties = {{"A", Stance::kFor}, {"B", Stance::kAgainst}};
  s.stances.members = {{"b1", Stance::kFor}};
  const Rule rule = CastMajority();
  const Tally t = CountVotes(s, rule, Motion{});
  const TalliedMotion m = MotionOfTally(t, s.chamber, rule);
  Result<MotionBalance> b = BalanceOfMotion(m.sides, m.carries);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->for_seats, t.total.for_votes);  // 5 + 1, not the chair
  EXPECT_EQ(b->needed, t.required);
  EXPECT_EQ(VotingSeats(s.chamber, s.chamber.parties[0]), 5);
}

TEST(Issue11Test, TheDiagramDrawsSplitsAndPresentSeatsAsTheTallyCounts) {
  State s;
  s.chamber.statutory_seats = 30;
  s.chamber.parties = {{.id = "A", .seats = 20}, {.id = "C", .seats = 10}};
  s.stances.parties["A"] = Stance::kAgainst;
  s.stances.splits["C"] =
      Split{.counts = {{Stance::kFor, 4}, {Stance::kPresent, 4}, {Stance::kAbstain, 1}},
            .rest = Stance::kAbsent};
  const Tally t = CountVotes(s, CastMajority(), Motion{});
  Result<Diagram> d = BuildDiagram(s.chamber, s.stances);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->total, t.total);
}

TEST(Issue11Test, MembersWhoSitButDoNotCountStayOutOfEveryBase) {
  // The US House of Representatives: 435 voting members (2 U.S.C. 2a) and 6 delegates and a
  // resident commissioner's worth of non-voting seats (here 6) who sit but cannot vote on the
  // floor. On 3 October 2023 the motion to vacate the chair carried 216-210 (Clerk, roll call 519).
  State s;
  s.chamber.statutory_seats = 435;
  s.chamber.parties = {{.id = "R", .seats = 221},
                       {.id = "D", .seats = 212},
                       {.id = "DEL", .seats = 6, .counted = false}};
  s.chamber.members = {{.id = "guam", .party = "D", .counted = false}};
  s.chamber.parties[1].seats = 213;  // 212 voting Democrats and one named delegate
  ASSERT_TRUE(Validate(s.chamber).ok());
  EXPECT_EQ(s.chamber.FilledSeats(), 433);
  EXPECT_EQ(s.chamber.Vacancies(), 2);
  EXPECT_EQ(s.chamber.UncountedSeats(), 7);
  // 8 Republicans and every Democrat for; 210 Republicans against; 3 not voting.
  s.stances.parties = {{"R", Stance::kAgainst}, {"D", Stance::kFor}, {"DEL", Stance::kFor}};
  s.stances.splits["R"] =
      Split{.counts = {{Stance::kFor, 8}, {Stance::kAbsent, 3}}, .rest = Stance::kAgainst};
  s.stances.members["guam"] = Stance::kFor;
  const Tally t = CountVotes(s, CastMajority(TieRule::kFails), Motion{});
  EXPECT_EQ(t.total.for_votes, 220);  // 212 + 8: the delegates' "for" does not count
  EXPECT_EQ(t.total.against, 210);
  EXPECT_EQ(t.total.uncounted, 7);
  EXPECT_EQ(t.thresholds[0].base_count, 430);
  EXPECT_EQ(t.total.Total(), 440);
  EXPECT_EQ(VotingSeats(s.chamber, s.chamber.parties[1]), 212);
  Result<Diagram> d = BuildDiagram(s.chamber, s.stances);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->total, t.total);
  EXPECT_EQ(d->seats.size(), 442u);  // 435 statutory seats (2 vacant) and the 7 who do not count
}

// A joint sitting: deputies and senators vote together (e.g. Romania's Parliament on a censure
// motion, Art. 113 of its Constitution), each house with its own seats and vacancies.
State JointSitting() {
  State s;
  s.chamber.houses = {{.id = "dep", .name = "Deputies", .seats = 10},
                      {.id = "sen", .name = "Senators", .seats = 5}};
  s.chamber.statutory_seats = 15;
  s.chamber.presiding =
      PresidingOfficer{.party = "A", .vote = PresidingVote::kAsMember, .house = "dep"};
  s.chamber.parties = {{.id = "A", .seats = 7, .house_seats = {{"dep", 5}, {"sen", 2}}},
                       {.id = "B", .seats = 7, .house_seats = {{"dep", 4}, {"sen", 3}}}};
  s.chamber.members = {{.id = "b1", .party = "B", .house = "sen"}};
  s.stances.parties = {{"A", Stance::kAgainst}, {"B", Stance::kFor}};
  s.stances.members = {{"b1", Stance::kAgainst}};
  return s;
}

TEST(Issue11Test, AJointSittingCountsEachHouseAndTheWholeMembership) {
  const State s = JointSitting();
  ASSERT_TRUE(Validate(s.chamber).ok()) << Validate(s.chamber).ToString();
  EXPECT_EQ(s.chamber.FilledSeatsIn(0), 9);
  EXPECT_EQ(s.chamber.FilledSeatsIn(1), 5);
  const Rule censure{.thresholds = {{.fraction = {1, 2}, .base = Base::kStatutorySeats}}};
  const Tally t = CountVotes(s, censure, Motion{.kind = MotionKind::kNoConfidence});
  EXPECT_EQ(t.thresholds[0].base_count, 15);  // the joint membership
  EXPECT_EQ(t.thresholds[0].required, 8);
  // 8 for and the 8 against would take 16 of the 14 members: no tie can happen, 8 stands.
  EXPECT_EQ(t.required, 8);
  ASSERT_EQ(t.houses.size(), 2u);
  EXPECT_EQ(t.houses[0].counts.for_votes, 4);
  EXPECT_EQ(t.houses[0].counts.against, 5);  // A's 5, the chair voting as a member among them
  EXPECT_EQ(t.houses[1].counts.for_votes, 2);
  EXPECT_EQ(t.houses[1].counts.against, 3);  // A's 2 and B's rebel
  Counts sum = t.houses[0].counts;
  sum += t.houses[1].counts;
  EXPECT_EQ(sum, t.total);
}

TEST(Issue11Test, SeatEventsInAJointSittingMoveTheNamedHousesSeats) {
  const State s = JointSitting();
  Event vacate{.date = {2021, 10, 1}, .kind = EventKind::kVacate, .party = "A", .house = "sen"};
  Event fill{.date = {2021, 10, 2}, .kind = EventKind::kFill, .party = "B", .house = "sen"};
  fill.new_member = Member{.id = "b2", .name = "New senator"};
  Result<State> after = Replay(s, std::vector<Event>{vacate, fill});
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(after->chamber.FindParty("A")->house_seats.at("sen"), 1);
  EXPECT_EQ(after->chamber.FindParty("B")->house_seats.at("sen"), 4);
  EXPECT_EQ(after->chamber.FindMember("b2")->house, "sen");
  EXPECT_TRUE(Validate(after->chamber).ok());
  // A party with seats in both houses must say which house loses one.
  Event unsaid{.date = {2021, 10, 3}, .kind = EventKind::kVacate, .party = "A"};
  Result<State> bad = Replay(s, std::vector<Event>{unsaid});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidEvent);
  // A full house takes no one more.
  Event full{.date = {2021, 10, 3}, .kind = EventKind::kFill, .party = "B", .house = "sen"};
  EXPECT_EQ(Replay(s, std::vector<Event>{full}).status().code(), ErrorCode::kSeatsExceedChamber);
  // Diff and ApplyDiff carry the seats by house.
  EXPECT_EQ(Canonical(ApplyDiff(Diff(s, *after), s)), Canonical(*after));
}

TEST(Issue11Test, AJointSittingRefusesWhatItCannotPlace) {
  State s = JointSitting();
  s.stances.splits["A"] = Split{.counts = {{Stance::kFor, 1}}};
  s.stances.parties.erase("A");
  EXPECT_EQ(Validate(s.chamber, s.stances).code(), ErrorCode::kInvalidValue);
  State no_house = JointSitting();
  no_house.chamber.members[0].house.clear();
  EXPECT_EQ(Validate(no_house.chamber).code(), ErrorCode::kMissingField);
  State over = JointSitting();
  over.chamber.parties[0].house_seats["sen"] = 4;  // 4 + 3 senators in a house of 5
  over.chamber.parties[0].seats = 9;
  over.chamber.statutory_seats = 15;
  EXPECT_EQ(Validate(over.chamber).code(), ErrorCode::kSeatsExceedChamber);
  State mismatch = JointSitting();
  mismatch.chamber.parties[1].seats = 8;
  EXPECT_EQ(Validate(mismatch.chamber).code(), ErrorCode::kInconsistentCount);
}

}  // namespace
}  // namespace whipcount
