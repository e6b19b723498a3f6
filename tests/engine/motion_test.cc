#include "whipcount/motion.h"

#include <gtest/gtest.h>

namespace whipcount {
namespace {

Chamber Seats(int n) {
  Chamber c;
  c.name = "Test";
  c.statutory_seats = n;
  c.parties = {{.id = "P", .seats = n}};
  return c;
}

// The least integer v meeting the rule, found by walking up from zero.
std::int64_t BruteRequired(const Threshold& t, std::int64_t base) {
  for (std::int64_t v = 0;; ++v) {
    const std::int64_t lhs = v * t.fraction.den;
    const std::int64_t rhs = t.fraction.num * base;
    if (t.strict ? lhs > rhs : lhs >= rhs) return v;
  }
}

TEST(RequiredVotesTest, PakistanArticle95IsMoreThanHalfOfTotalMembership) {
  const Threshold t{.fraction = {1, 2}, .strict = true, .base = Base::kStatutorySeats};
  EXPECT_EQ(RequiredVotes(t, 342), 172);
}

TEST(RequiredVotesTest, SpainArticle113IsAbsoluteMajorityOf350) {
  const Threshold t{.fraction = {1, 2}, .strict = true, .base = Base::kStatutorySeats};
  EXPECT_EQ(RequiredVotes(t, 350), 176);
}

TEST(RequiredVotesTest, BundestagArticle67IsMajorityOfMembers) {
  const Threshold t{.fraction = {1, 2}, .strict = true, .base = Base::kStatutorySeats};
  EXPECT_EQ(RequiredVotes(t, 736), 369);
  EXPECT_EQ(RequiredVotes(t, 630), 316);
}

TEST(RequiredVotesTest, TwoThirdsOfTotalMembership) {
  const Threshold t{.fraction = {2, 3}, .strict = false, .base = Base::kStatutorySeats};
  EXPECT_EQ(RequiredVotes(t, 342), 228);  // Pakistan Art. 239
  EXPECT_EQ(RequiredVotes(t, 100), 67);
  EXPECT_EQ(RequiredVotes(t, 99), 66);
}

TEST(RequiredVotesTest, IsTheLeastIntegerMeetingTheRuleForEveryChamberUpTo1000) {
  const Fraction fractions[] = {{1, 2}, {2, 3}, {3, 5}, {3, 4}, {1, 3}, {1, 1}, {4, 7}, {1, 4}};
  for (const Fraction& f : fractions) {
    for (bool strict : {true, false}) {
      if (strict && f.num == f.den) continue;
      const Threshold t{.fraction = f, .strict = strict, .base = Base::kStatutorySeats};
      for (std::int64_t n = 1; n <= 1000; ++n) {
        const std::int64_t v = RequiredVotes(t, n);
        ASSERT_EQ(v, BruteRequired(t, n))
            << f.num << "/" << f.den << " strict=" << strict << " n=" << n;
        ASSERT_LE(v, n) << "a satisfiable rule never needs more votes than seats";
      }
    }
  }
}

TEST(RequiredVotesTest, OverVotesCastIsTheLeastMeetingTheRuleForAllSplits) {
  const Fraction fractions[] = {{1, 2}, {2, 3}, {3, 5}, {1, 1}, {3, 4}};
  for (const Fraction& f : fractions) {
    for (bool strict : {true, false}) {
      const Threshold t{.fraction = f, .strict = strict, .base = Base::kVotesCast};
      for (std::int64_t others = 0; others <= 300; ++others) {
        const auto got = RequiredVotesOverCast(t, others);
        std::optional<std::int64_t> want;
        for (std::int64_t v = 0; v <= 3000 && !want; ++v) {
          const std::int64_t lhs = v * f.den;
          const std::int64_t rhs = f.num * (v + others);
          if (strict ? lhs > rhs : lhs >= rhs) want = v;
        }
        ASSERT_EQ(got, want) << f.num << "/" << f.den << " strict=" << strict
                             << " others=" << others;
      }
    }
  }
}

TEST(RequiredVotesTest, SimpleMajorityNeedsOneMoreThanTheNoes) {
  const Threshold t{.fraction = {1, 2}, .strict = true, .base = Base::kVotesCast};
  EXPECT_EQ(RequiredVotesOverCast(t, 310), 311);  // UK, 28 March 1979
  EXPECT_EQ(RequiredVotesOverCast(t, 0), 1);
}

TEST(RuleTest, ValidRulePasses) {
  const Rule r{.id = "r",
               .thresholds = {{.fraction = {1, 2}, .strict = true, .base = Base::kStatutorySeats}}};
  EXPECT_TRUE(Validate(r, Seats(342)).ok());
}

TEST(RuleTest, FractionOutsideZeroToOneIsInvalid) {
  for (Fraction f :
       {Fraction{0, 2}, Fraction{3, 2}, Fraction{1, 0}, Fraction{-1, 2}, Fraction{1, 2'000'000}}) {
    const Rule r{.id = "r", .thresholds = {{.fraction = f, .base = Base::kVotesCast}}};
    const Status s = Validate(r, Seats(100));
    EXPECT_EQ(s.code(), ErrorCode::kInvalidFraction) << f.num << "/" << f.den;
    EXPECT_EQ(s.where().path, "thresholds[0].fraction");
  }
}

TEST(RuleTest, MoreThanAllIsImpossible) {
  const Rule r{.id = "r",
               .thresholds = {{.fraction = {1, 1}, .strict = true, .base = Base::kVotesCast}}};
  EXPECT_EQ(Validate(r, Seats(100)).code(), ErrorCode::kImpossibleThreshold);
  const Rule unanimity{
      .id = "u", .thresholds = {{.fraction = {1, 1}, .strict = false, .base = Base::kVotesCast}}};
  EXPECT_TRUE(Validate(unanimity, Seats(100)).ok());
}

TEST(RuleTest, QuorumLargerThanTheChamberIsImpossible) {
  Rule r{.id = "r", .thresholds = {{.base = Base::kVotesCast}}};
  r.quorum = Quorum{.absolute = 101};
  EXPECT_EQ(Validate(r, Seats(100)).code(), ErrorCode::kImpossibleThreshold);
}

TEST(RuleTest, RuleWithoutThresholdsIsAnError) {
  EXPECT_EQ(Validate(Rule{.id = "r"}, Seats(10)).code(), ErrorCode::kMissingField);
}

TEST(RuleTest, CastingVoteNeedsAPresidingOfficer) {
  Rule r{.id = "r", .thresholds = {{.base = Base::kVotesCast}}, .tie = TieRule::kCastingVote};
  EXPECT_EQ(Validate(r, Seats(10)).code(), ErrorCode::kInconsistentCount);
  Chamber c = Seats(10);
  c.presiding = PresidingOfficer{.party = "P"};
  EXPECT_TRUE(Validate(r, c).ok());
}

TEST(RuleTest, AntiDefectionPeriodsSelectByDate) {
  Rule r{.id = "r", .thresholds = {{.base = Base::kStatutorySeats}}};
  r.anti_defection = {
      {.until = Date{2022, 5, 17}, .defector_votes = DefectorVotes::kCounted},
      {.from = Date{2022, 5, 17},
       .until = Date{2024, 10, 3},
       .defector_votes = DefectorVotes::kNotCounted},
      {.from = Date{2024, 10, 3}, .defector_votes = DefectorVotes::kCounted},
  };
  EXPECT_EQ(r.AntiDefectionOn(Date{2022, 4, 10})->defector_votes, DefectorVotes::kCounted);
  EXPECT_EQ(r.AntiDefectionOn(Date{2022, 5, 17})->defector_votes, DefectorVotes::kNotCounted);
  EXPECT_EQ(r.AntiDefectionOn(Date{2024, 10, 2})->defector_votes, DefectorVotes::kNotCounted);
  EXPECT_EQ(r.AntiDefectionOn(Date{2024, 10, 3})->defector_votes, DefectorVotes::kCounted);
  EXPECT_EQ(r.AntiDefectionOn(std::nullopt), nullptr);
}

TEST(RuleTest, AntiDefectionPeriodMustStartBeforeItEnds) {
  Rule r{.id = "r", .thresholds = {{.base = Base::kStatutorySeats}}};
  r.anti_defection = {{.from = Date{2024, 1, 1}, .until = Date{2023, 1, 1}}};
  EXPECT_EQ(Validate(r, Seats(10)).code(), ErrorCode::kInvalidValue);
}

TEST(MotionTest, ConstructiveMotionMustNameASuccessor) {
  const std::vector<Rule> rules = {
      {.id = "censura", .thresholds = {{.base = Base::kStatutorySeats}}, .constructive = true}};
  Motion m{.rule = "censura"};
  EXPECT_EQ(Validate(m, rules).code(), ErrorCode::kMissingSuccessor);
  m.successor = "Pedro Sánchez";
  EXPECT_TRUE(Validate(m, rules).ok());
}

TEST(MotionTest, UnknownRuleIsAnErrorListingTheKnownOnes) {
  const std::vector<Rule> rules = {{.id = "a", .thresholds = {{}}}};
  const Status s = Validate(Motion{.rule = "b"}, rules);
  EXPECT_EQ(s.code(), ErrorCode::kUnknownId);
  EXPECT_NE(s.message().find("known: a"), std::string::npos);
}

}  // namespace
}  // namespace whipcount
