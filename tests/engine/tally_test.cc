#include "whipcount/tally.h"

#include <gtest/gtest.h>

#include <random>

namespace whipcount {
namespace {

Rule SimpleMajority() {
  return Rule{.id = "simple",
              .thresholds = {{.fraction = {1, 2}, .strict = true, .base = Base::kVotesCast}},
              .tie = TieRule::kCastingVote,
              .casting = CastingConvention::kStatusQuo};
}

Rule AbsoluteMajority() {
  return Rule{.id = "absolute",
              .thresholds = {{.fraction = {1, 2}, .strict = true, .base = Base::kStatutorySeats}}};
}

// The House of Commons on 28 March 1979: 311 ayes, 310 noes (Hansard). The parties' splits are
// simplified to the division totals; the Speaker sits outside the parties.
struct Commons1979 {
  Chamber chamber;
  Stances stances;
  Commons1979() {
    chamber.name = "House of Commons";
    chamber.statutory_seats = 635;
    chamber.presiding = PresidingOfficer{.name = "George Thomas"};
    chamber.parties = {
        {.id = "ayes", .seats = 311}, {.id = "noes", .seats = 310}, {.id = "away", .seats = 13}};
    stances.parties = {
        {"ayes", Stance::kFor}, {"noes", Stance::kAgainst}, {"away", Stance::kAbsent}};
  }
};

TEST(TallyTest, UkCommons1979PassedByOneVoteUnderSimpleMajority) {
  Commons1979 c;
  const Rule rule = SimpleMajority();
  const Tally t = CountVotes(c.chamber, c.stances, rule, Motion{.rule = "simple"});
  EXPECT_EQ(t.total.for_votes, 311);
  EXPECT_EQ(t.total.against, 310);
  EXPECT_EQ(t.total.chair, 1);
  EXPECT_EQ(t.required, 311);
  EXPECT_EQ(t.margin, 0);
  EXPECT_EQ(t.verdict, Verdict::kPasses);
  // One aye staying away makes it 310-310, and the Speaker's casting vote goes to the status quo.
  ASSERT_TRUE(t.flip.members);
  EXPECT_EQ(*t.flip.members, 1);
  EXPECT_EQ(t.flip.via_absence, 1);
}

TEST(TallyTest, TieIsBrokenByTheSpeakerForTheStatusQuo) {
  Commons1979 c;
  c.chamber.parties[0].seats = 310;
  c.chamber.parties[2].seats = 14;
  const Tally t = CountVotes(c.chamber, c.stances, SimpleMajority(), Motion{.rule = "simple"});
  EXPECT_TRUE(t.tie.tied);
  EXPECT_TRUE(t.tie.casting_vote_used);
  EXPECT_FALSE(t.tie.casting_for);
  EXPECT_EQ(t.verdict, Verdict::kFails);
}

TEST(TallyTest, TieFailsWithoutACastingVote) {
  Commons1979 c;
  c.chamber.parties[0].seats = 310;
  c.chamber.parties[2].seats = 14;
  Rule rule = SimpleMajority();
  rule.tie = TieRule::kFails;
  const Tally t = CountVotes(c.chamber, c.stances, rule, Motion{.rule = "simple"});
  EXPECT_TRUE(t.tie.tied);
  EXPECT_FALSE(t.tie.casting_vote_used);
  EXPECT_EQ(t.verdict, Verdict::kFails);
}

TEST(TallyTest, CastingVoteAsDeclaredFollowsTheChairsParty) {
  Chamber c;
  c.name = "T";
  c.statutory_seats = 9;
  c.presiding = PresidingOfficer{.party = "A", .vote = PresidingVote::kCastingOnly};
  c.parties = {{.id = "A", .seats = 5}, {.id = "B", .seats = 4}};
  Stances s;
  s.parties = {{"A", Stance::kFor}, {"B", Stance::kAgainst}};
  Rule rule = SimpleMajority();
  rule.casting = CastingConvention::kAsDeclared;
  const Tally t = CountVotes(c, s, rule, Motion{});
  EXPECT_EQ(t.total.for_votes, 4);  // the chair's seat does not vote
  EXPECT_EQ(t.total.chair, 1);
  EXPECT_TRUE(t.tie.casting_vote_used);
  EXPECT_TRUE(t.tie.casting_for);
  EXPECT_EQ(t.verdict, Verdict::kPasses);
}

// The Knesset on 9 May 2022: 52 for and 61 against a constructive motion needing 61 of 120. A
// 61-61 tie would take 122 members, so 61 is what the motion needs, 9 short (not 62 and 10).
TEST(TallyTest, ATieThatNeedsMoreMembersThanSitDoesNotRaiseTheFigure) {
  Chamber chamber{.name = "Knesset", .statutory_seats = 120};
  chamber.parties = {
      {.id = "op", .seats = 52}, {.id = "co", .seats = 61}, {.id = "away", .seats = 7}};
  Stances stances;
  stances.parties = {{"op", Stance::kFor}, {"co", Stance::kAgainst}, {"away", Stance::kAbsent}};
  const Tally t = CountVotes(chamber, stances, AbsoluteMajority(), Motion{.rule = "absolute"});
  EXPECT_EQ(t.required, 61);
  EXPECT_EQ(t.margin, -9);
  EXPECT_EQ(t.verdict, Verdict::kFails);
  // With 60 against, 61 for can be reached (from the absent) and the figure is 61 as well.
  chamber.parties[1].seats = 60;
  chamber.parties[2].seats = 8;
  EXPECT_EQ(CountVotes(chamber, stances, AbsoluteMajority(), Motion{.rule = "absolute"}).required,
            61);
}

TEST(TallyTest, SpainCensure2018Had180ForAnd176Needed) {
  Chamber c;
  c.name = "Congreso de los Diputados";
  c.statutory_seats = 350;
  c.parties = {
      {.id = "for", .seats = 180}, {.id = "against", .seats = 169}, {.id = "abstain", .seats = 1}};
  Stances s;
  s.parties = {{"for", Stance::kFor}, {"against", Stance::kAgainst}, {"abstain", Stance::kAbstain}};
  Rule rule = AbsoluteMajority();
  rule.constructive = true;
  const Tally t = CountVotes(c, s, rule, Motion{.rule = "absolute", .successor = "Pedro Sánchez"});
  EXPECT_EQ(t.required, 176);
  EXPECT_EQ(t.total.for_votes, 180);
  EXPECT_EQ(t.total.against, 169);
  EXPECT_EQ(t.total.abstain, 1);
  EXPECT_EQ(t.margin, 4);
  EXPECT_EQ(t.verdict, Verdict::kPasses);
  // Five supporters staying away (or voting no) would leave 175 < 176.
  EXPECT_EQ(t.flip.members, 5);
}

TEST(TallyTest, AbsoluteMajorityIgnoresVacancies) {
  Chamber c;
  c.name = "National Assembly";
  c.statutory_seats = 342;
  c.parties = {{.id = "opp", .seats = 171}, {.id = "gov", .seats = 170}};  // one vacancy
  Stances s;
  s.parties = {{"opp", Stance::kFor}, {"gov", Stance::kAgainst}};
  const Tally t = CountVotes(c, s, AbsoluteMajority(), Motion{});
  EXPECT_EQ(t.vacancies, 1);
  EXPECT_EQ(t.required, 172);  // more than half of 342, not of the 341 filled
  EXPECT_EQ(t.margin, -1);
  EXPECT_EQ(t.verdict, Verdict::kFails);
  // A majority of the filled seats would have been enough: the base matters.
  Rule filled = AbsoluteMajority();
  filled.thresholds[0].base = Base::kFilledSeats;
  EXPECT_EQ(CountVotes(c, s, filled, Motion{}).verdict, Verdict::kPasses);
}

TEST(TallyTest, TwoThirdsOfPresentAndVoting) {
  Chamber c;
  c.name = "T";
  c.statutory_seats = 100;
  c.parties = {{.id = "A", .seats = 60}, {.id = "B", .seats = 30}, {.id = "C", .seats = 10}};
  Stances s;
  s.parties = {{"A", Stance::kFor}, {"B", Stance::kAgainst}, {"C", Stance::kAbstain}};
  const Rule rule{.id = "two-thirds",
                  .thresholds = {{.fraction = {2, 3}, .strict = false, .base = Base::kVotesCast}}};
  Tally t = CountVotes(c, s, rule, Motion{});
  EXPECT_EQ(t.required, 60);  // 60 of 90 cast is exactly two-thirds
  EXPECT_EQ(t.verdict, Verdict::kPasses);
  // Counting abstentions in the base: 60 of 100 falls short; with 30 against and 10
  // abstaining, two-thirds needs 80 for (80 of 120).
  Rule with_abstentions = rule;
  with_abstentions.thresholds[0].base = Base::kVotesCastAndAbstentions;
  t = CountVotes(c, s, with_abstentions, Motion{});
  EXPECT_EQ(t.thresholds[0].base_count, 100);
  EXPECT_EQ(t.required, 80);
  EXPECT_EQ(t.verdict, Verdict::kFails);
}

TEST(TallyTest, QuorumNotMetDefeatsTheMotion) {
  Chamber c;
  c.name = "T";
  c.statutory_seats = 100;
  c.parties = {{.id = "A", .seats = 20}, {.id = "B", .seats = 80}};
  Stances s;
  s.parties = {{"A", Stance::kFor}, {"B", Stance::kAbsent}};
  Rule rule = SimpleMajority();
  rule.tie = TieRule::kFails;
  rule.quorum = Quorum{.fraction = {1, 4}, .base = Base::kStatutorySeats};
  const Tally t = CountVotes(c, s, rule, Motion{});
  ASSERT_TRUE(t.quorum);
  EXPECT_EQ(t.quorum->required, 25);
  EXPECT_FALSE(t.quorum->met);
  EXPECT_EQ(t.verdict, Verdict::kFails);
  // Five of the absent coming in to vote for it meets the quorum.
  EXPECT_EQ(t.flip.members, 5);
  EXPECT_EQ(t.flip.via_against, 0);
}

// Pakistan-like: named PTI members who vote with the opposition against their party's line.
struct Defection {
  Chamber chamber;
  Stances stances;
  Rule rule = AbsoluteMajority();
  Defection() {
    chamber.name = "National Assembly";
    chamber.statutory_seats = 342;
    chamber.parties = {{.id = "PTI", .seats = 175}, {.id = "PDM", .seats = 166}};
    for (int i = 0; i < 8; ++i) {
      chamber.members.push_back({.id = "d" + std::to_string(i), .party = "PTI"});
      stances.members["d" + std::to_string(i)] = Stance::kFor;
    }
    stances.parties = {{"PTI", Stance::kAgainst}, {"PDM", Stance::kFor}};
    rule.anti_defection = {{.from = Date{2022, 5, 17},
                            .until = Date{2024, 10, 3},
                            .defector_votes = DefectorVotes::kNotCounted,
                            .note = "Art. 63A opinion"}};
  }
};

TEST(TallyTest, DefectorsCountBeforeTheArticle63AOpinion) {
  Defection d;
  const Tally t = CountVotes(d.chamber, d.stances, d.rule, Motion{}, {.date = Date{2022, 4, 10}});
  EXPECT_FALSE(t.anti_defection.has_value());
  EXPECT_EQ(t.total.for_votes, 174);
  EXPECT_EQ(t.total.discounted, 0);
  EXPECT_EQ(t.verdict, Verdict::kPasses);
}

TEST(TallyTest, DefectorsAreNotCountedWhileTheOpinionStood) {
  Defection d;
  const Tally t = CountVotes(d.chamber, d.stances, d.rule, Motion{}, {.date = Date{2022, 6, 1}});
  ASSERT_TRUE(t.anti_defection.has_value());
  EXPECT_EQ(t.total.for_votes, 166);
  EXPECT_EQ(t.total.discounted, 8);
  EXPECT_EQ(t.parties[0].counts.discounted, 8);
  EXPECT_EQ(t.verdict, Verdict::kFails);
  // After the review judgment of 3 October 2024 they count again.
  const Tally later =
      CountVotes(d.chamber, d.stances, d.rule, Motion{}, {.date = Date{2024, 10, 3}});
  EXPECT_EQ(later.total.for_votes, 174);
}

TEST(TallyTest, UndecidedHoldTheBalance) {
  Chamber c;
  c.name = "T";
  c.statutory_seats = 342;
  c.parties = {
      {.id = "opp", .seats = 165}, {.id = "gov", .seats = 164}, {.id = "ind", .seats = 13}};
  Stances s;
  s.parties = {{"opp", Stance::kFor}, {"gov", Stance::kAgainst}};
  const Tally t = CountVotes(c, s, AbsoluteMajority(), Motion{});
  EXPECT_EQ(t.total.undecided, 13);
  EXPECT_EQ(t.verdict, Verdict::kUndecidedDecide);
  EXPECT_EQ(t.flip.direction, Flip::Direction::kUndecidedFor);
  EXPECT_EQ(t.flip.members, 7);  // 165 + 7 = 172
}

// Below a half, a tie can defeat a motion between two counts that carry it: 8 members against,
// "at least 1/3 of votes cast and abstentions": 3 for carries (3 of 8), 4-4 is a tie and fails,
// 5 carries. The smallest flip is 3, which a search assuming monotony reported as 5.
TEST(TallyTest, TheSmallestFlipLooksPastATie) {
  Chamber c;
  c.name = "T";
  c.statutory_seats = 8;
  c.parties = {{.id = "A", .seats = 8}};
  Stances s;
  s.parties = {{"A", Stance::kAgainst}};
  const Rule third{
      .id = "third",
      .thresholds = {
          {.fraction = {1, 3}, .strict = false, .base = Base::kVotesCastAndAbstentions}}};
  const Tally t = CountVotes(c, s, third, Motion{});
  EXPECT_EQ(t.verdict, Verdict::kFails);
  EXPECT_EQ(t.flip.direction, Flip::Direction::kToFor);
  EXPECT_EQ(t.flip.members, 3);
  EXPECT_EQ(t.flip.via_against, 3);
}

// The same the other way: 6 members for, "at least 1/3 of votes cast and abstentions": 3 turning
// against make a 3-3 tie that fails, 4 turning against carry it again (2 for of 6 votes), and 5
// defeat it. The smallest flip is the tie's 3.
TEST(TallyTest, TheSmallestFlipAwayFromForLooksAtTheTie) {
  Chamber c;
  c.name = "T";
  c.statutory_seats = 6;
  c.parties = {{.id = "A", .seats = 6}};
  Stances s;
  s.parties = {{"A", Stance::kFor}};
  const Rule third{
      .id = "third",
      .thresholds = {
          {.fraction = {1, 3}, .strict = false, .base = Base::kVotesCastAndAbstentions}}};
  const Tally t = CountVotes(c, s, third, Motion{});
  EXPECT_EQ(t.verdict, Verdict::kPasses);
  EXPECT_EQ(t.flip.direction, Flip::Direction::kAwayFromFor);
  EXPECT_EQ(t.flip.members, 3);
  EXPECT_EQ(t.flip.via_against, 3);
}

TEST(TallyTest, BundestagPresidentVotesAsAMember) {
  Chamber c;
  c.name = "Bundestag";
  c.statutory_seats = 10;
  c.presiding = PresidingOfficer{.party = "A", .vote = PresidingVote::kAsMember};
  c.parties = {{.id = "A", .seats = 6}, {.id = "B", .seats = 4}};
  Stances s;
  s.parties = {{"A", Stance::kFor}, {"B", Stance::kAgainst}};
  const Tally t = CountVotes(c, s, AbsoluteMajority(), Motion{});
  EXPECT_EQ(t.total.for_votes, 6);
  EXPECT_EQ(t.total.chair, 0);
}

TEST(TallyTest, CountsAddUpToTheFilledSeats) {
  Defection d;
  d.chamber.presiding = PresidingOfficer{.party = "PTI"};
  const Tally t = CountVotes(d.chamber, d.stances, d.rule, Motion{}, {.date = Date{2022, 6, 1}});
  EXPECT_EQ(t.total.Total(), t.filled_seats);
  int bloc_seats = 0;
  for (const BlocRow& b : t.blocs) bloc_seats += b.seats;
  EXPECT_EQ(bloc_seats, t.filled_seats);
}

// --- Brute force on small chambers -----------------------------------------------------------

// Every rule shape: each base, strict or not, ties, casting votes and quorums.
std::vector<Rule> RuleZoo(int seats) {
  std::vector<Rule> rules;
  const Fraction fractions[] = {{1, 2}, {2, 3}, {3, 5}, {1, 1}};
  const Base bases[] = {Base::kStatutorySeats, Base::kFilledSeats, Base::kPresent, Base::kVotesCast,
                        Base::kVotesCastAndAbstentions};
  for (const Fraction& f : fractions) {
    for (Base b : bases) {
      for (bool strict : {true, false}) {
        if (strict && f.num == f.den) continue;
        for (TieRule tie : {TieRule::kFails, TieRule::kCastingVote}) {
          Rule r{.id = "r",
                 .thresholds = {{.fraction = f, .strict = strict, .base = b}},
                 .tie = tie,
                 .casting = CastingConvention::kAsDeclared};
          rules.push_back(r);
          r.quorum = Quorum{.absolute = seats / 2};
          rules.push_back(r);
        }
      }
    }
  }
  return rules;
}

TEST(TallyBruteForceTest, VerdictMatchesEveryWayTheUndecidedCouldVote) {
  std::mt19937 rng(20220410);
  for (int trial = 0; trial < 300; ++trial) {
    const int seats = 3 + static_cast<int>(rng() % 8);
    Chamber c;
    c.name = "T";
    c.statutory_seats = seats + static_cast<int>(rng() % 2);
    c.presiding = PresidingOfficer{.party = "m0", .vote = PresidingVote::kCastingOnly};
    Stances s;
    for (int i = 0; i < seats; ++i) {
      const std::string id = "m" + std::to_string(i);
      c.parties.push_back({.id = id, .seats = 1});
      s.parties[id] = static_cast<Stance>(rng() % std::size(kAllStances));
    }
    for (const Rule& rule : RuleZoo(c.statutory_seats)) {
      const Tally t = CountVotes(c, s, rule, Motion{});
      const int u = t.total.undecided;
      // Enumerate 4^u outcomes for the undecided (for, against, abstain, absent).
      bool any = false;
      bool all = true;
      int least_for_needed = u + 1;
      const VoteContext ctx{
          .statutory_seats = t.statutory_seats,
          .filled_seats = t.filled_seats,
          .chair_can_cast = t.total.chair > 0 && s.parties["m0"] != Stance::kAbsent,
          .chair_stance = s.parties["m0"]};
      ASSERT_EQ(ctx.chair_can_cast, t.context.chair_can_cast);
      int ways = 1;
      for (int i = 0; i < u; ++i) ways *= 4;
      std::vector<bool> all_pass_with_k(static_cast<size_t>(u) + 1, true);
      for (int code = 0; code < ways; ++code) {
        Counts n = t.total;
        n.undecided = 0;
        int k = 0;
        for (int i = 0, x = code; i < u; ++i, x /= 4) {
          switch (x % 4) {
            case 0:
              ++n.for_votes;
              ++k;
              break;
            case 1:
              ++n.against;
              break;
            case 2:
              ++n.abstain;
              break;
            default:
              ++n.absent;
              break;
          }
        }
        const bool passes = Decide(n, rule, ctx).passes;
        any = any || passes;
        all = all && passes;
        // Sequences are not monotone in k, so track "every outcome with k for passes".
        if (!passes) all_pass_with_k[static_cast<size_t>(k)] = false;
      }
      for (int k = u; k >= 0 && all_pass_with_k[static_cast<size_t>(k)]; --k) {
        least_for_needed = k;
      }
      ASSERT_EQ(t.passes_best, any)
          << "trial " << trial << " for=" << t.total.for_votes << " against=" << t.total.against
          << " abstain=" << t.total.abstain << " present=" << t.total.present
          << " absent=" << t.total.absent << " undecided=" << u << " chair=" << t.total.chair
          << " rule=" << rule.id;
      ASSERT_EQ(t.passes_worst, all) << "trial " << trial;
      if (t.verdict == Verdict::kUndecidedDecide) {
        ASSERT_TRUE(t.flip.members);
        ASSERT_EQ(*t.flip.members, least_for_needed) << "trial " << trial;
      }
    }
  }
}

TEST(TallyBruteForceTest, FlipIsTheSmallestChangeThatReversesTheOutcome) {
  std::mt19937 rng(19790328);
  for (int trial = 0; trial < 200; ++trial) {
    const int seats = 2 + static_cast<int>(rng() % 9);
    Chamber c;
    c.name = "T";
    c.statutory_seats = seats;
    Stances s;
    for (int i = 0; i < seats; ++i) {
      const std::string id = "m" + std::to_string(i);
      c.parties.push_back({.id = id, .seats = 1});
      constexpr Stance kDecided[] = {Stance::kFor, Stance::kAgainst, Stance::kAbstain,
                                     Stance::kPresent, Stance::kAbsent};
      s.parties[id] = kDecided[rng() % 5];
    }
    for (const Rule& base_rule : RuleZoo(seats)) {
      Rule rule = base_rule;
      rule.tie = TieRule::kFails;  // no chair in this chamber
      const Tally t = CountVotes(c, s, rule, Motion{});
      const VoteContext ctx{.statutory_seats = seats, .filled_seats = seats};
      const Counts& n = t.total;
      // Try every redistribution of k members between the five stances, smallest k first.
      std::optional<int> least;
      for (int k = 1; k <= seats && !least; ++k) {
        for (int f = 0; f <= seats && !least; ++f) {
          for (int a = 0; a + f <= seats && !least; ++a) {
            for (int b = 0; a + b + f <= seats && !least; ++b) {
              for (int p = 0; a + b + f + p <= seats; ++p) {
                const int d = seats - f - a - b - p;
                const int moved =
                    (std::abs(f - n.for_votes) + std::abs(a - n.against) + std::abs(b - n.abstain) +
                     std::abs(p - n.present) + std::abs(d - n.absent)) /
                    2;
                if (moved != k) continue;
                const Counts m{
                    .for_votes = f, .against = a, .abstain = b, .present = p, .absent = d};
                if (Decide(m, rule, ctx).passes != t.passes_now) {
                  least = k;
                  break;
                }
              }
            }
          }
        }
      }
      ASSERT_EQ(t.flip.members, least)
          << "trial " << trial << " for=" << n.for_votes << " against=" << n.against
          << " abstain=" << n.abstain << " present=" << n.present << " absent=" << n.absent;
    }
  }
}

}  // namespace
}  // namespace whipcount
