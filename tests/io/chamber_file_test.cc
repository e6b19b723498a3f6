#include "io/chamber_file.h"

#include <gtest/gtest.h>

#include <map>

namespace whipcount::io {
namespace {

// An in-memory file system for rulebooks.
FileLoader Files(std::map<std::string, std::string> files) {
  return [files = std::move(files)](const std::string& path) -> Result<std::string> {
    auto it = files.find(path);
    if (it == files.end()) return Status(ErrorCode::kIo, "no such file: " + path);
    return it->second;
  };
}

constexpr const char* kValid = R"(format: whipcount/1
chamber:
  id: t
  name: Test Assembly
  seats: 10
  presiding_officer: {name: Chair, party: A, vote: casting}
parties:
  - {id: A, name: Alpha, seats: 5, colour: "#112233"}
  - {id: B, name: Beta, seats: 4}
members:
  - {id: a1, name: Ann, party: A}
blocs:
  - {id: gov, role: government, parties: [A]}
  - {id: opp, role: opposition, parties: [B]}
rules:
  - id: nc
    name: No confidence
    thresholds:
      - {fraction: 1/2, strict: true, base: statutory}
    tie: casting-vote
motion: {title: Test motion, rule: nc}
stances:
  blocs: {gov: against, opp: for}
  members: {a1: for}
events:
  - {date: 2022-03-01, kind: note, summary: tabled}
  - date: 2022-03-02
    kind: join-bloc
    party: A
    bloc: opp
    source: {title: Report, publisher: Paper, url: "https://example.org/a"}
)";

Result<ChamberFile> Parse(std::string_view text) {
  return ParseChamberFile(text, "t.yaml", Files({}));
}

// Replaces the first occurrence of `from` in kValid by `to`.
std::string Mutate(std::string_view from, std::string_view to) {
  std::string text = kValid;
  const size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

void ExpectError(const std::string& text, ErrorCode code, int line, int column = 0) {
  const Result<ChamberFile> f = Parse(text);
  ASSERT_FALSE(f.ok()) << "expected " << CodeString(code);
  EXPECT_EQ(f.status().code(), code) << f.status().ToString();
  EXPECT_EQ(f.status().where().file, "t.yaml");
  EXPECT_EQ(f.status().where().line, line) << f.status().ToString();
  if (column > 0) {
    EXPECT_EQ(f.status().where().column, column) << f.status().ToString();
  }
}

// The file's default motion (its only or latest) with its rule and events.
MotionCase On(const ChamberFile& f) {
  Result<MotionCase> on = SelectMotion(f.content, std::nullopt);
  EXPECT_TRUE(on.ok()) << on.status().ToString();
  return std::move(*on);
}

TEST(ChamberFileTest, ParsesAValidFile) {
  const Result<ChamberFile> f = Parse(kValid);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  const Chamber& c = f->content.base.chamber;
  EXPECT_EQ(c.name, "Test Assembly");
  EXPECT_EQ(c.statutory_seats, 10);
  ASSERT_EQ(c.parties.size(), 2u);
  EXPECT_EQ(c.parties[0].colour, "#112233");
  EXPECT_EQ(c.parties[1].short_name, "B");
  EXPECT_EQ(c.presiding->party, "A");
  EXPECT_EQ(On(*f).motion->rule, "nc");
  EXPECT_EQ(On(*f).rule->tie, TieRule::kCastingVote);
  EXPECT_EQ(f->content.base.stances.members.at("a1"), Stance::kFor);
  ASSERT_EQ(f->content.events.size(), 2u);
  EXPECT_EQ(f->content.events[1].source.publisher, "Paper");
  EXPECT_EQ(f->event_locations[1].line, 27);
}

TEST(ChamberFileTest, StateOnReplaysEventsUpToTheDate) {
  const Result<ChamberFile> f = Parse(kValid);
  ASSERT_TRUE(f.ok());
  Result<State> before = StateOn(On(*f), Date{2022, 3, 1});
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->chamber.BlocOfParty("A")->id, "gov");
  Result<State> after = StateOn(On(*f), Date{2022, 3, 2});
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->chamber.BlocOfParty("A")->id, "opp");
}

TEST(ChamberFileTest, MalformedYamlIsE101WithItsPosition) {
  ExpectError(Mutate("  seats: 10\n", "  seats: [10\n"), ErrorCode::kSyntax, 6);
}

TEST(ChamberFileTest, EmptyDocumentIsE101) {
  ExpectError("", ErrorCode::kSyntax, 1);
  ExpectError("# only a comment\n", ErrorCode::kSyntax, 1);
}

TEST(ChamberFileTest, DeeplyNestedInputIsRefusedNotACrash) {
  ExpectError(std::string(100000, '[') + std::string(100000, ']'), ErrorCode::kSyntax, 1);
}

TEST(ChamberFileTest, WrongTypeIsE102) {
  ExpectError(Mutate("seats: 10", "seats: ten"), ErrorCode::kType, 5, 10);
  ExpectError(Mutate("seats: 5,", "seats: 5.5,"), ErrorCode::kType, 8);
  ExpectError(Mutate("parties: [A]", "parties: A"), ErrorCode::kType, 13);
}

TEST(ChamberFileTest, MissingFieldIsE103) {
  ExpectError(Mutate("  name: Test Assembly\n", ""), ErrorCode::kMissingField, 3);
  ExpectError(Mutate("{id: a1, name: Ann, party: A}", "{id: a1, name: Ann}"),
              ErrorCode::kMissingField, 11);
}

TEST(ChamberFileTest, UnknownKeyIsE104NamingIt) {
  const Result<ChamberFile> f = Parse(Mutate("  seats: 10\n", "  seats: 10\n  seat: 11\n"));
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), ErrorCode::kUnknownField);
  EXPECT_EQ(f.status().where().line, 6);
  EXPECT_NE(f.status().message().find("'seat'"), std::string::npos);
}

TEST(ChamberFileTest, DuplicateKeyIsAnError) {
  ExpectError(Mutate("  seats: 10\n", "  seats: 10\n  seats: 11\n"), ErrorCode::kSyntax, 6);
}

TEST(ChamberFileTest, BadStanceWordIsE105) {
  ExpectError(Mutate("opp: for}", "opp: maybe}"), ErrorCode::kInvalidValue, 23);
}

TEST(ChamberFileTest, BadDateIsE105) {
  ExpectError(Mutate("2022-03-01", "2022-02-30"), ErrorCode::kInvalidValue, 26);
}

TEST(ChamberFileTest, DuplicateIdIsE201) {
  ExpectError(Mutate("{id: B, name: Beta", "{id: A, name: Beta"), ErrorCode::kDuplicateId, 9);
}

TEST(ChamberFileTest, UnknownIdIsE202AtTheReference) {
  ExpectError(Mutate("parties: [B]", "parties: [C]"), ErrorCode::kUnknownId, 14);
  ExpectError(Mutate("members: {a1: for}", "members: {zz: for}"), ErrorCode::kUnknownId, 24);
  ExpectError(Mutate("rule: nc}", "rule: xx}"), ErrorCode::kUnknownId, 21);
}

TEST(ChamberFileTest, NegativeSeatsIsE203) {
  ExpectError(Mutate("seats: 4}", "seats: -4}"), ErrorCode::kNegativeSeats, 9);
}

TEST(ChamberFileTest, SeatsBeyondTheChamberIsE204) {
  ExpectError(Mutate("seats: 4}", "seats: 6}"), ErrorCode::kSeatsExceedChamber, 8);
}

TEST(ChamberFileTest, HugeNumbersAreRefusedNotWrapped) {
  ExpectError(Mutate("seats: 4}", "seats: 99999999999999999999}"), ErrorCode::kInvalidValue, 9);
  ExpectError(Mutate("seats: 10", "seats: 2147483648"), ErrorCode::kInvalidValue, 5);
}

TEST(ChamberFileTest, BadFractionIsE205) {
  ExpectError(Mutate("fraction: 1/2", "fraction: 3/2"), ErrorCode::kInvalidFraction, 19);
  ExpectError(Mutate("fraction: 1/2", "fraction: half"), ErrorCode::kInvalidFraction, 19);
}

TEST(ChamberFileTest, ImpossibleThresholdIsE206) {
  ExpectError(Mutate("fraction: 1/2, strict: true", "fraction: 1/1, strict: true"),
              ErrorCode::kImpossibleThreshold, 19);
}

TEST(ChamberFileTest, InconsistentVacanciesIsE207) {
  ExpectError(Mutate("  seats: 10\n", "  seats: 10\n  vacancies: 3\n"),
              ErrorCode::kInconsistentCount, 6);
}

TEST(ChamberFileTest, ConstructiveMotionWithoutSuccessorIsE208) {
  ExpectError(Mutate("    tie: casting-vote\n", "    tie: casting-vote\n    constructive: true\n"),
              ErrorCode::kMissingSuccessor, 22);
}

TEST(ChamberFileTest, EventOutOfOrderOrUnknownIsAnErrorNamingTheEvent) {
  ExpectError(Mutate("date: 2022-03-02", "date: 2022-02-02"), ErrorCode::kInvalidEvent, 27);
  ExpectError(Mutate("    party: A\n    bloc: opp", "    party: A\n    bloc: nowhere"),
              ErrorCode::kUnknownId, 27);
}

TEST(ChamberFileTest, ReadsRulesFromARulebookRelativeToTheFile) {
  const std::string chamber = Mutate("rules:\n  - id: nc\n    name: No confidence\n",
                                     "rulebook: rules/t.yaml\nrules:\n  - id: other\n");
  const std::string book = R"(format: whipcount/rules/1
legislature: Test
rules:
  - id: nc
    thresholds: [{fraction: 1/2, base: statutory}]
)";
  const Result<ChamberFile> f =
      ParseChamberFile(chamber, "data/t.yaml", Files({{"data/rules/t.yaml", book}}));
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  ASSERT_EQ(f->content.rules.size(), 2u);
  EXPECT_EQ(f->content.rules[0].id, "nc");
  EXPECT_EQ(f->content.rules[1].id, "other");
}

TEST(ChamberFileTest, ErrorsInsideTheRulebookNameTheRulebook) {
  const std::string chamber = Mutate(
      "rules:\n  - id: nc\n    name: No confidence\n    thresholds:\n"
      "      - {fraction: 1/2, strict: true, base: statutory}\n    tie: casting-vote\n",
      "rulebook: r.yaml\n");
  const std::string book =
      "format: whipcount/rules/1\nrules:\n  - id: nc\n"
      "    thresholds: [{fraction: 5/4, base: statutory}]\n";
  const Result<ChamberFile> f = ParseChamberFile(chamber, "t.yaml", Files({{"r.yaml", book}}));
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), ErrorCode::kInvalidFraction);
  EXPECT_EQ(f.status().where().file, "r.yaml");
  EXPECT_EQ(f.status().where().line, 4);
}

TEST(ChamberFileTest, MissingRulebookIsAnIoError) {
  const Result<ChamberFile> f =
      ParseChamberFile(Mutate("rules:\n", "rulebook: none.yaml\nrules:\n"), "t.yaml", Files({}));
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), ErrorCode::kIo);
  EXPECT_EQ(f.status().where().line, 15);
}

TEST(ChamberFileTest, MissingFileIsAnIoError) {
  const Result<ChamberFile> f = LoadChamberFile("/nonexistent/whipcount.yaml");
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), ErrorCode::kIo);
}

TEST(ChamberFileTest, ErrorStringCarriesCodeNameAndPlace) {
  const Result<ChamberFile> f = Parse(Mutate("seats: 4}", "seats: 6}"));
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().ToString().substr(0, 42), "[E204 seats-exceed-chamber] t.yaml:8:3 (pa");
}

TEST(RulebookTest, ParsesAStandaloneRulebook) {
  const Result<Rulebook> b = ParseRulebook(
      "format: whipcount/rules/1\nlegislature: X\nrules:\n  - id: a\n"
      "    thresholds: [{fraction: 2/3, strict: false, base: cast}]\n",
      "x.yaml");
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  EXPECT_EQ(b->legislature, "X");
  EXPECT_EQ(b->rules[0].thresholds[0].fraction.num, 2);
}

// Issue 11: what real chambers do, as the file says it.
TEST(ChamberFileTest, ReadsMotionKindSplitsPresentAndDissolution) {
  const std::string text =
      Mutate("motion: {title: Test motion, rule: nc}",
             "motion: {title: Test motion, rule: nc, kind: confidence}") +
      "  - {date: 2022-03-03, kind: stance, party: B, stance: {for: 1, present: 1, rest: "
      "absent}}\n"
      "  - {date: 2022-03-04, kind: dissolve}\n";
  const Result<ChamberFile> f = Parse(text);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(On(*f).motion->kind, MotionKind::kConfidence);
  Result<State> s = StateOn(On(*f), Date{2022, 3, 4});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->motion, MotionStatus::kDissolved);
  const Split& split = s->stances.splits.at("B");
  EXPECT_EQ(split.counts.at(Stance::kFor), 1);
  EXPECT_EQ(split.counts.at(Stance::kPresent), 1);
  EXPECT_EQ(split.rest, Stance::kAbsent);
}

TEST(ChamberFileTest, ASplitLargerThanThePartyIsE207AtItsEvent) {
  ExpectError(
      std::string(kValid) + "  - {date: 2022-03-03, kind: stance, party: B, stance: {for: 5}}\n",
      ErrorCode::kInconsistentCount, 32);
}

TEST(ChamberFileTest, AnUnknownMotionKindIsE105) {
  ExpectError(Mutate("rule: nc}", "rule: nc, kind: sometimes}"), ErrorCode::kInvalidValue, 21);
}

// Issue 12: the words a field accepts come from its enum's NameTable, not a string beside it.
TEST(ChamberFileTest, AnUnknownWordIsRefusedListingTheEnumsNames) {
  const auto message = [](const std::string& text) {
    const Result<ChamberFile> f = Parse(text);
    EXPECT_FALSE(f.ok());
    EXPECT_EQ(f.status().code(), ErrorCode::kInvalidValue) << f.status().ToString();
    return f.status().message();
  };
  EXPECT_EQ(message(Mutate("tie: casting-vote", "tie: coin")),
            "'coin' is not one of: fails, casting-vote");
  EXPECT_EQ(message(Mutate("base: statutory}", "base: everyone}")),
            "'everyone' is not one of: statutory, filled, present, cast, cast+abstain");
  EXPECT_EQ(message(Mutate("opp: for}", "opp: maybe}")),
            "'maybe' is not a stance: for, against, abstain, present, absent, undecided");
  EXPECT_EQ(message(Mutate("kind: note", "kind: rumour")),
            "'rumour' is not one of: stance, join-bloc, leave-bloc, change-party, vacate, fill, "
            "presiding, cabinet-resignation, motion-tabled, motion-blocked, motion-withdrawn, "
            "motion-restored, motion-lapsed, dissolve, vote, note");
  // In the table's order; the alias 'censure' is read but, like every alias, not listed.
  EXPECT_EQ(message(Mutate("rule: nc}", "rule: nc, kind: sometimes}")),
            "'sometimes' is not one of: other, confidence, no-confidence");
  const Result<ChamberFile> censure = Parse(Mutate("rule: nc}", "rule: nc, kind: censure}"));
  ASSERT_TRUE(censure.ok()) << censure.status().ToString();
  EXPECT_EQ(On(*censure).motion->kind, MotionKind::kNoConfidence);
}

// A quorum's base takes only the seat bases: the list the reader declares is IsSeatBase's.
TEST(ChamberFileTest, AQuorumBaseIsOneOfTheSeatBases) {
  for (const Named<Base>& entry : NameTable<Base>::kEntries) {
    SCOPED_TRACE(entry.name);
    const Result<ChamberFile> f = Parse(Mutate(
        "    tie: casting-vote\n", "    quorum: {fraction: 1/4, base: " + std::string(entry.name) +
                                       "}\n    tie: casting-vote\n"));
    EXPECT_EQ(f.ok(), IsSeatBase(entry.value)) << f.status().ToString();
    if (!f.ok()) {
      EXPECT_EQ(f.status().message(),
                "'" + std::string(entry.name) + "' is not one of: statutory, filled");
      EXPECT_EQ(f.status().where().line, 20);
    }
  }
}

TEST(ChamberFileTest, SeveralMotionsSelectTheLatestOrTheOneAsked) {
  const std::string text =
      Mutate("motion: {title: Test motion, rule: nc}",
             "motions:\n"
             "  - {id: spring, title: Spring, rule: nc, date: 2022-03-01}\n"
             "  - {id: autumn, title: Autumn, rule: nc, date: 2022-10-01}") +
      "  - {date: 2022-03-05, kind: stance, party: B, stance: against, motion: autumn}\n";
  const Result<ChamberFile> f = Parse(text);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(On(*f).motion->id, "autumn");
  EXPECT_EQ(On(*f).events.size(), 3u);
  Result<MotionCase> spring = SelectMotion(f->content, "spring");
  ASSERT_TRUE(spring.ok());
  EXPECT_EQ(spring->motion->title, "Spring");
  EXPECT_EQ(spring->events.size(), 2u);  // the autumn stance is not spring's
  Result<MotionCase> none = SelectMotion(f->content, "winter");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), ErrorCode::kUnknownId);
  EXPECT_NE(none.status().message().find("spring, autumn"), std::string::npos);
}

TEST(ChamberFileTest, AnEventForAnUnknownMotionIsE202) {
  ExpectError(std::string(kValid) +
                  "  - {date: 2022-03-05, kind: stance, party: B, stance: for, motion: nope}\n",
              ErrorCode::kUnknownId, 32);
}

TEST(ChamberFileTest, MotionAndMotionsTogetherAreRefused) {
  ExpectError(std::string(kValid) + "motions: [{id: x, rule: nc}]\n", ErrorCode::kInvalidValue, 32);
}

TEST(ChamberFileTest, ReadsMembersAndPartiesWhoseVotesDoNotCount) {
  const std::string text = Mutate("  - {id: B, name: Beta, seats: 4}",
                                  "  - {id: B, name: Beta, seats: 4}\n  - {id: D, name: Delegates, "
                                  "seats: 2, counted: false}") +
                           "";
  const std::string with_member =
      std::string(text).replace(text.find("  - {id: a1, name: Ann, party: A}"),
                                std::string("  - {id: a1, name: Ann, party: A}").size(),
                                "  - {id: a1, name: Ann, party: A, counted: false}");
  const Result<ChamberFile> f = Parse(with_member);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_FALSE(f->content.base.chamber.FindParty("D")->counted);
  EXPECT_FALSE(f->content.base.chamber.FindMember("a1")->counted);
  EXPECT_EQ(f->content.base.chamber.UncountedSeats(), 3);
  EXPECT_EQ(f->content.base.chamber.FilledSeats(), 8);
}

TEST(ChamberFileTest, ReadsAJointSittingOfTwoHouses) {
  const std::string text = R"(format: whipcount/1
chamber:
  id: jt
  name: Joint sitting
  houses:
    - {id: dep, name: Deputies, seats: 10}
    - {id: sen, name: Senators, seats: 5}
  presiding_officer: {name: Speaker, party: A, house: dep, vote: member}
parties:
  - {id: A, seats: {dep: 5, sen: 2}}
  - {id: B, seats: {dep: 4, sen: 3}}
members:
  - {id: b1, party: B, house: sen}
rules:
  - {id: c, thresholds: [{fraction: 1/2, base: statutory}]}
motion: {rule: c, kind: censure}
events:
  - {date: 2021-10-01, kind: vacate, party: A, house: sen}
)";
  const Result<ChamberFile> f = Parse(text);
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  const Chamber& c = f->content.base.chamber;
  EXPECT_EQ(c.statutory_seats, 15);
  ASSERT_EQ(c.houses.size(), 2u);
  EXPECT_EQ(c.FindParty("A")->seats, 7);
  EXPECT_EQ(c.FindParty("B")->house_seats.at("sen"), 3);
  EXPECT_EQ(c.FindMember("b1")->house, "sen");
  EXPECT_EQ(c.presiding->house, "dep");
  EXPECT_EQ(On(*f).motion->kind, MotionKind::kNoConfidence);
  Result<State> end = StateOn(On(*f), std::nullopt);
  ASSERT_TRUE(end.ok());
  EXPECT_EQ(end->chamber.FilledSeatsIn(1), 4);
  // A house that is not listed is E202 at its key; seats that do not add up are E207.
  std::string unknown = text;
  unknown.replace(unknown.find("{dep: 4, sen: 3}"), 16, "{dep: 4, snt: 3}");
  EXPECT_EQ(Parse(unknown).status().code(), ErrorCode::kUnknownId);
  std::string sum = text;
  sum.replace(sum.find("  houses:"), 9, "  seats: 16\n  houses:");
  EXPECT_EQ(Parse(sum).status().code(), ErrorCode::kInconsistentCount);
}

// Issue 11, rulebook hygiene: a rule no motion uses may be written for a larger house.
TEST(ChamberFileTest, AnUnusedRuleIsCheckedOnlyForWhatHoldsInAnyChamber) {
  const std::string extra =
      "  - id: big\n"
      "    thresholds: [{fraction: 1/2, base: statutory}]\n"
      "    quorum: {absolute: 50}\n";
  const std::string unused = Mutate("    tie: casting-vote\n", "    tie: casting-vote\n" + extra);
  EXPECT_TRUE(Parse(unused).ok()) << Parse(unused).status().ToString();
  // Used by the motion, the quorum of 50 in 10 seats is E206 where the rule is written.
  std::string used = unused;
  used.replace(used.find("rule: nc}"), 9, "rule: big}");
  ExpectError(used, ErrorCode::kImpossibleThreshold, 23);
}

// --- Issue 18: readers ---------------------------------------------------------------------------

TEST(ChamberFileTest, TextThatIsNotUtf8IsE106AtItsByte) {
  ExpectError(Mutate("name: Alpha", "name: Al\xFFpha"), ErrorCode::kInvalidText, 8, 21);
  ExpectError(Mutate("title: Report", "title: \"Re\\u0007port\""), ErrorCode::kInvalidText, 31, 21);
}

TEST(ChamberFileTest, ASourcesPublishedDateIsACalendarDate) {
  const std::string url = "url: \"https://example.org/a\"";
  ExpectError(Mutate(url, url + ", published: 2022-02-30"), ErrorCode::kInvalidValue, 31, 88);
  ExpectError(Mutate(url, url + ", published: banana"), ErrorCode::kInvalidValue, 31, 88);
  const Result<ChamberFile> good = Parse(Mutate(url, url + ", published: 2022-02-28"));
  ASSERT_TRUE(good.ok()) << good.status().ToString();
  EXPECT_EQ(good->content.events.back().source.published, "2022-02-28");
  // In the sources list too.
  const std::string listed =
      Mutate("parties:\n", "sources:\n  - {id: s, title: T, published: 2022-13-01}\nparties:\n");
  ExpectError(listed, ErrorCode::kInvalidValue, 8, 34);
}

TEST(ChamberFileTest, AQuorumBothAbsoluteAndAFractionIsE105AtTheFraction) {
  ExpectError(Mutate("    tie: casting-vote\n",
                     "    quorum: {absolute: 3, fraction: 1/2}\n    tie: casting-vote\n"),
              ErrorCode::kInvalidValue, 20, 37);
  const Result<ChamberFile> absolute = Parse(
      Mutate("    tie: casting-vote\n", "    quorum: {absolute: 3}\n    tie: casting-vote\n"));
  ASSERT_TRUE(absolute.ok()) << absolute.status().ToString();
  EXPECT_EQ(absolute->content.rules.front().quorum->absolute, 3);
}

TEST(ChamberFileTest, DeepNestingAfterAnApostropheIsStillRefused) {
  ExpectError(Mutate("name: Test Assembly", "name: it's") + "x: " + std::string(1000, '[') +
                  std::string(1000, ']') + "\n",
              ErrorCode::kSyntax, 32, 4 + 63);
}

}  // namespace
}  // namespace whipcount::io
