#include "whipcount/timeline.h"

#include <gtest/gtest.h>

#include <random>

#include "whipcount/tally.h"

namespace whipcount {
namespace {

State Base() {
  State s;
  Chamber& c = s.chamber;
  c.name = "T";
  c.statutory_seats = 20;
  c.parties = {{.id = "A", .seats = 9}, {.id = "B", .seats = 7}, {.id = "C", .seats = 3}};
  c.members = {{.id = "a1", .party = "A"}, {.id = "a2", .party = "A"}, {.id = "c1", .party = "C"}};
  c.blocs = {{.id = "gov", .role = BlocRole::kGovernment, .parties = {"A", "C"}},
             {.id = "opp", .role = BlocRole::kOpposition, .parties = {"B"}}};
  s.stances.blocs = {{"gov", Stance::kAgainst}, {"opp", Stance::kFor}};
  return s;
}

Event At(int day, EventKind kind) { return Event{.date = Date{2022, 3, day}, .kind = kind}; }

TEST(TimelineTest, JoinBlocMovesAPartyAndItsSeats) {
  Event e = At(1, EventKind::kJoinBloc);
  e.party = "C";
  e.bloc = "opp";
  Result<State> s = Replay(Base(), std::vector<Event>{e});
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->chamber.BlocOfParty("C")->id, "opp");
  const Rule rule{.id = "r", .thresholds = {{.base = Base::kStatutorySeats}}};
  const Tally t = CountVotes(s->chamber, s->stances, rule, Motion{});
  EXPECT_EQ(t.total.for_votes, 10);
  EXPECT_EQ(t.required, 11);
}

TEST(TimelineTest, ChangePartyMovesOneSeat) {
  Event e = At(1, EventKind::kChangeParty);
  e.member = "a1";
  e.party = "B";
  Result<State> s = Replay(Base(), std::vector<Event>{e});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->chamber.FindParty("A")->seats, 8);
  EXPECT_EQ(s->chamber.FindParty("B")->seats, 8);
  EXPECT_EQ(s->chamber.FindMember("a1")->party, "B");
  EXPECT_TRUE(Validate(s->chamber).ok());
}

TEST(TimelineTest, VacateAndByElection) {
  Event resign = At(1, EventKind::kVacate);
  resign.member = "a2";
  resign.reason = VacancyReason::kResigned;
  Event by = At(20, EventKind::kFill);
  by.party = "B";
  by.new_member = Member{.id = "b9", .name = "New Member"};
  Result<State> mid = Replay(Base(), std::vector<Event>{resign, by}, Date{2022, 3, 10});
  ASSERT_TRUE(mid.ok());
  EXPECT_EQ(mid->chamber.Vacancies(), 2);
  EXPECT_EQ(mid->chamber.FindMember("a2"), nullptr);
  Result<State> end = Replay(Base(), std::vector<Event>{resign, by});
  ASSERT_TRUE(end.ok());
  EXPECT_EQ(end->chamber.Vacancies(), 1);
  EXPECT_EQ(end->chamber.FindParty("B")->seats, 8);
  EXPECT_EQ(end->chamber.FindMember("b9")->party, "B");
  EXPECT_TRUE(Validate(end->chamber).ok());
}

TEST(TimelineTest, PresidingChangesTheChair) {
  Event e = At(1, EventKind::kPresiding);
  e.chair = PresidingOfficer{.name = "Deputy", .party = "B"};
  Result<State> s = Replay(Base(), std::vector<Event>{e});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->chamber.presiding->name, "Deputy");
}

// --- Invalid events: each class has its code and names the event --------------------------

void ExpectInvalid(const Event& e, ErrorCode code) {
  Event note = At(1, EventKind::kNote);
  Result<State> s = Replay(Base(), std::vector<Event>{note, e});
  ASSERT_FALSE(s.ok()) << EnumName(e.kind);
  EXPECT_EQ(s.status().code(), code) << s.status().ToString();
  EXPECT_EQ(s.status().where().path, "events[1]") << s.status().ToString();
  EXPECT_NE(s.status().message().find(e.date.ToString()), std::string::npos);
}

TEST(TimelineInvalidTest, UnknownPartyOrMemberOrBloc) {
  Event e = At(2, EventKind::kStance);
  e.party = "Z";
  ExpectInvalid(e, ErrorCode::kUnknownId);
  e = At(2, EventKind::kJoinBloc);
  e.party = "A";
  e.bloc = "nowhere";
  ExpectInvalid(e, ErrorCode::kUnknownId);
  e = At(2, EventKind::kChangeParty);
  e.member = "ghost";
  e.party = "B";
  ExpectInvalid(e, ErrorCode::kUnknownId);
}

TEST(TimelineInvalidTest, EventNamingNoActorOrTwo) {
  Event e = At(2, EventKind::kStance);
  ExpectInvalid(e, ErrorCode::kInvalidEvent);
  e.party = "A";
  e.member = "a1";
  ExpectInvalid(e, ErrorCode::kInvalidEvent);
}

TEST(TimelineInvalidTest, MovingMoreMembersThanAPartyHas) {
  Event e = At(2, EventKind::kVacate);
  e.party = "C";
  e.count = 3;  // C has 3 seats, but c1 is named: only 2 unnamed
  ExpectInvalid(e, ErrorCode::kNegativeSeats);
}

TEST(TimelineInvalidTest, FillingBeyondTheSeatTotal) {
  Event e = At(2, EventKind::kFill);
  e.party = "B";
  e.count = 2;  // one seat is vacant
  ExpectInvalid(e, ErrorCode::kSeatsExceedChamber);
}

TEST(TimelineInvalidTest, LeavingABlocOneIsNotIn) {
  Event leave = At(2, EventKind::kLeaveBloc);
  leave.party = "A";
  Event again = At(3, EventKind::kLeaveBloc);
  again.party = "A";
  Result<State> s = Replay(Base(), std::vector<Event>{leave, again});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), ErrorCode::kInvalidEvent);
  EXPECT_EQ(s.status().where().path, "events[1]");
}

TEST(TimelineInvalidTest, EventsOutOfDateOrder) {
  Event late = At(5, EventKind::kNote);
  Event early = At(4, EventKind::kNote);
  Result<State> s = Replay(Base(), std::vector<Event>{late, early});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), ErrorCode::kInvalidEvent);
  EXPECT_EQ(s.status().where().path, "events[1].date");
}

TEST(TimelineInvalidTest, VoteWithoutOrBeyondItsResult) {
  Event e = At(2, EventKind::kVote);
  ExpectInvalid(e, ErrorCode::kInvalidEvent);
  e.recorded = RecordedVote{.for_votes = 15, .against = 10};
  ExpectInvalid(e, ErrorCode::kInvalidEvent);
}

// --- Properties on random event logs ---------------------------------------------------------

std::vector<Event> RandomEvents(std::mt19937& rng, int n) {
  std::vector<Event> events;
  State s = Base();
  int next_member = 0;
  for (int i = 0; i < n; ++i) {
    Event e = At(1 + i * 27 / n, EventKind::kNote);
    const std::vector<std::string> parties = {"A", "B", "C"};
    const std::string& party = parties[rng() % 3];
    switch (rng() % 7) {
      case 0:
        e.kind = EventKind::kStance;
        e.party = party;
        e.stance = static_cast<Stance>(rng() % std::size(kAllStances));
        break;
      case 1:
        e.kind = EventKind::kJoinBloc;
        e.party = party;
        e.bloc = rng() % 2 ? "gov" : "opp";
        break;
      case 2:
        if (s.chamber.members.empty()) continue;
        e.kind = EventKind::kChangeParty;
        e.member = s.chamber.members[rng() % s.chamber.members.size()].id;
        e.party = s.chamber.FindMember(e.member)->party == party ? "B" : party;
        if (s.chamber.FindMember(e.member)->party == e.party) continue;
        break;
      case 3:
        e.kind = EventKind::kVacate;
        e.party = party;
        break;
      case 4:
        e.kind = EventKind::kFill;
        e.party = party;
        if (rng() % 2) e.new_member = Member{.id = "n" + std::to_string(next_member++)};
        break;
      case 5:
        if (s.chamber.members.empty()) continue;
        e.kind = EventKind::kStance;
        e.member = s.chamber.members[rng() % s.chamber.members.size()].id;
        e.stance = static_cast<Stance>(rng() % std::size(kAllStances));
        break;
      default:
        e.kind = EventKind::kJoinBloc;
        if (s.chamber.members.empty()) continue;
        e.member = s.chamber.members[rng() % s.chamber.members.size()].id;
        e.bloc = rng() % 2 ? "gov" : "opp";
        break;
    }
    State trial = s;
    if (!Apply(e, trial).ok()) continue;  // keep only events valid where they stand
    s = std::move(trial);
    events.push_back(std::move(e));
  }
  return events;
}

TEST(TimelinePropertyTest, ReplayInOneGoEqualsReplayInTwoHalves) {
  std::mt19937 rng(8032022);
  for (int trial = 0; trial < 200; ++trial) {
    const std::vector<Event> events = RandomEvents(rng, 60);
    const size_t cut = rng() % (events.size() + 1);
    Result<State> whole = Replay(Base(), events);
    ASSERT_TRUE(whole.ok()) << whole.status().ToString();
    Result<State> first = Replay(Base(), std::span(events).first(cut));
    ASSERT_TRUE(first.ok());
    Result<State> second = Replay(*first, std::span(events).subspan(cut));
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(*whole, *second) << "trial " << trial << " cut " << cut;
    EXPECT_TRUE(Validate(whole->chamber).ok()) << Validate(whole->chamber).ToString();
  }
}

TEST(TimelinePropertyTest, DiffFromD1ToD2AppliedToD1GivesD2) {
  std::mt19937 rng(10042022);
  for (int trial = 0; trial < 200; ++trial) {
    const std::vector<Event> events = RandomEvents(rng, 60);
    const Date d1{2022, 3, 1 + static_cast<int>(rng() % 28)};
    const Date d2{2022, 3, d1.day + static_cast<int>(rng() % static_cast<unsigned>(29 - d1.day))};
    Result<State> a = Replay(Base(), events, d1);
    Result<State> b = Replay(Base(), events, d2);
    ASSERT_TRUE(a.ok() && b.ok());
    const StateDiff diff = Diff(*a, *b);
    EXPECT_EQ(Canonical(ApplyDiff(diff, *a)), Canonical(*b)) << "trial " << trial;
    EXPECT_TRUE(Diff(*b, *b).changes.empty());
  }
}

TEST(TimelineTallyTest, MarksTheDayTheMotionCrossesTheLine) {
  Event tabled = At(8, EventKind::kMotionTabled);
  Event join = At(30, EventKind::kJoinBloc);
  join.party = "C";
  join.bloc = "opp";
  Event vote = At(31, EventKind::kVote);
  vote.recorded = RecordedVote{.for_votes = 10, .against = 0};
  const Rule rule{.id = "r", .thresholds = {{.base = Base::kStatutorySeats}}};
  Result<TimelineTally> story =
      TallyTimeline(Base(), std::vector<Event>{tabled, join, vote}, rule, Motion{});
  ASSERT_TRUE(story.ok());
  ASSERT_EQ(story->steps.size(), 4u);
  EXPECT_EQ(story->steps[1].tally.total.for_votes, 7);
  EXPECT_EQ(story->steps[2].tally.total.for_votes, 10);
  EXPECT_EQ(story->steps[2].tally.verdict, Verdict::kFails);  // 10 of 20 is not more than half
  EXPECT_TRUE(story->crossings.empty());
  EXPECT_EQ(story->throughout, Verdict::kFails);
  ASSERT_TRUE(story->steps[3].recorded);
  EXPECT_EQ(story->steps[3].recorded->for_minus_paper, 0);
  EXPECT_FALSE(story->steps[3].recorded->outcome.passes);
}

TEST(TimelineTest, HeadlinesSayWhatHappened) {
  Event e = At(30, EventKind::kJoinBloc);
  e.party = "MQM-P";
  e.bloc = "opposition";
  EXPECT_EQ(Headline(e), "MQM-P joins opposition");
  e = At(10, EventKind::kVote);
  e.recorded = RecordedVote{.for_votes = 174, .against = 0};
  EXPECT_EQ(Headline(e), "vote held: 174 for, 0 against");
}

// Issue 17: chart labels are sentences with names, not ids and event verbs.
TEST(TimelineTest, SentencesUseNamesAndPlainWords) {
  State base = Base();
  base.chamber.parties[2].short_name = "JI";
  base.chamber.members[2].name = "Zubaida Jalal";
  const State start = base;
  Event stance = At(27, EventKind::kStance);
  stance.party = "C";
  stance.stance = Stance::kAbstain;
  EXPECT_EQ(Sentence(stance, base, start), "JI will abstain");
  stance.stance = Stance::kFor;
  EXPECT_EQ(Sentence(stance, base, start), "JI will vote for");

  // C leaves the government; its member c1 stays behind.
  Event party_moves = At(28, EventKind::kJoinBloc);
  party_moves.party = "C";
  party_moves.bloc = "opp";
  EXPECT_EQ(Sentence(party_moves, base, start), "JI joins the opposition");
  Result<State> after = Replay(base, std::vector<Event>{party_moves});
  ASSERT_TRUE(after.ok());
  Event member_stays = At(28, EventKind::kJoinBloc);
  member_stays.member = "c1";
  member_stays.bloc = "gov";
  EXPECT_EQ(Sentence(member_stays, *after, start), "Zubaida Jalal stays with the government");
  member_stays.bloc = "opp";
  EXPECT_EQ(Sentence(member_stays, *after, start), "Zubaida Jalal stays with the opposition");

  Event blocked = At(3, EventKind::kMotionBlocked);
  EXPECT_EQ(Sentence(blocked, base, start), "The motion is blocked");
  Event vote = At(10, EventKind::kVote);
  vote.recorded = RecordedVote{.for_votes = 174, .against = 0};
  EXPECT_EQ(Sentence(vote, base, start), "The vote: 174 for, 0 against");
  Event unknown = At(1, EventKind::kStance);
  unknown.member = "nobody";
  unknown.stance = Stance::kAbsent;
  EXPECT_EQ(Sentence(unknown, base, start), "Nobody will stay away");
}

}  // namespace
}  // namespace whipcount
