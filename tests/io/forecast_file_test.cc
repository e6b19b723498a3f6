// The forecast section of chamber files, command-line what-ifs, and the JSON and SVG outputs.
#include "io/forecast_file.h"

#include <expat.h>
#include <gtest/gtest.h>

#include "io/chamber_file.h"
#include "io/forecast_svg.h"
#include "io/json_out.h"

namespace whipcount::io {
namespace {

const char* const kChamber = R"(format: whipcount/1
chamber:
  id: t
  name: Test <Assembly> & Co
  seats: 10
parties:
  - id: A
    name: Alpha
    seats: 6
  - id: B
    name: Beta
    seats: 4
members:
  - id: a1
    name: Ann
    party: A
blocs:
  - id: gov
    name: Government
    parties: [A]
rules:
  - id: r
    name: Simple majority
    thresholds:
      - fraction: 1/2
        base: cast
motion:
  id: m
  rule: r
stances:
  blocs: {gov: for}
  parties: {B: against}
)";

Result<std::string> NoFiles(const std::string& path) {
  return Status(ErrorCode::kIo, "no file " + path);
}

ChamberFile Chamber(const std::string& text) {
  Result<ChamberFile> f = ParseChamberFile(text, "t.yaml", NoFiles);
  EXPECT_TRUE(f.ok()) << f.status().ToString();
  return std::move(*f);
}

Result<ForecastModel> Parse(const std::string& section) {
  const std::string text = std::string(kChamber) + section;
  const ChamberFile f = Chamber(text);
  return ReadForecastSection(f, f.content.base.chamber);
}

// The line of `needle` in the test document (kChamber + section), counting from 1.
int LineOf(const std::string& section, const std::string& needle) {
  const std::string text = std::string(kChamber) + section;
  const size_t at = text.find(needle);
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

TEST(ForecastFileTest, ReadsEverySetting) {
  Result<ForecastModel> m = Parse(R"(forecast:
  correlation: beta-binomial
  rho: 0.25
  blocs:
    gov: {cohesion: 0.9}
  parties:
    A:
      cohesion: 0.95
      otherwise: {for: 0.1, against: 0.6, abstain: 0.1}
      correlation: independent
      rho: 0.3
    B:
      line: {for: 0.4, against: 0.6}
  members:
    a1: {for: 0.7, against: 0.2, abstain: 0.05, absent: 0.05}
)");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->correlation, Correlation::kBetaBinomial);
  EXPECT_EQ(m->rho, 0.25);
  EXPECT_EQ(m->blocs.at("gov").cohesion, 0.9);
  const PartyAssumptions& a = m->parties.at("A");
  EXPECT_EQ(a.cohesion, 0.95);
  EXPECT_EQ(a.correlation, Correlation::kIndependent);
  EXPECT_EQ(a.rho, 0.3);
  ASSERT_TRUE(a.otherwise.has_value());
  EXPECT_NEAR(a.otherwise->absent, 0.2, 1e-12);  // absent takes the rest
  ASSERT_TRUE(m->parties.at("B").line.has_value());
  EXPECT_NEAR(m->parties.at("B").line->against, 0.6, 1e-12);
  EXPECT_NEAR(m->parties.at("B").line->absent, 0.0, 1e-12);
  EXPECT_EQ(m->members.at("a1").for_votes, 0.7);
}

// Issue 12: the forecast command reads the chamber file once; the section it needs comes from
// the parsed file, whichever copy of it the command holds.
TEST(ForecastFileTest, SectionComesFromTheParsedFile) {
  const ChamberFile parsed = Chamber(std::string(kChamber) + "forecast:\n  rho: 0.25\n");
  ASSERT_TRUE(parsed.forecast.IsDefined());
  const ChamberFile copy = parsed;
  Result<ForecastModel> first = ReadForecastSection(copy, parsed.content.base.chamber);
  Result<ForecastModel> again = ReadForecastSection(parsed, parsed.content.base.chamber);
  ASSERT_TRUE(first.ok() && again.ok());
  EXPECT_EQ(first->rho, 0.25);
  EXPECT_EQ(*first, *again);
}

TEST(ForecastFileTest, NoSectionMeansDefaults) {
  Result<ForecastModel> m = Parse("");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(*m, ForecastModel{});
}

struct BadCase {
  std::string name;
  std::string section;
  ErrorCode code;
  std::string path;
  std::string at;  // text at the reported line
};

void PrintTo(const BadCase& c, std::ostream* os) { *os << c.name; }

class ForecastFileErrorTest : public testing::TestWithParam<BadCase> {};

TEST_P(ForecastFileErrorTest, RejectsWithCodeAndPosition) {
  const BadCase& c = GetParam();
  Result<ForecastModel> m = Parse(c.section);
  ASSERT_FALSE(m.ok());
  const Status& s = m.status();
  EXPECT_EQ(s.code(), c.code) << s.ToString();
  EXPECT_EQ(s.where().path, c.path) << s.ToString();
  EXPECT_EQ(s.where().file, "t.yaml");
  EXPECT_EQ(s.where().line, LineOf(c.section, c.at)) << s.ToString();
  EXPECT_GT(s.where().column, 0);
  EXPECT_FALSE(s.message().empty());
}

INSTANTIATE_TEST_SUITE_P(
    Bad, ForecastFileErrorTest,
    testing::Values(
        BadCase{"NotANumber", "forecast:\n  parties:\n    A: {cohesion: high}\n", ErrorCode::kType,
                "forecast.parties.A.cohesion", "A: {cohesion"},
        BadCase{"Negative", "forecast:\n  parties:\n    A:\n      cohesion: -0.1\n",
                ErrorCode::kInvalidValue, "forecast.parties.A.cohesion", "cohesion: -0.1"},
        BadCase{"AboveOne", "forecast:\n  members:\n    a1: {for: 1.2}\n", ErrorCode::kInvalidValue,
                "forecast.members.a1.for", "a1: {for"},
        BadCase{"NaN", "forecast:\n  members:\n    a1:\n      for: .nan\n",
                ErrorCode::kInvalidValue, "forecast.members.a1.for", "for: .nan"},
        BadCase{"NaNWord", "forecast:\n  rho: nan\n", ErrorCode::kInvalidValue, "forecast.rho",
                "rho: nan"},
        BadCase{"Infinite", "forecast:\n  parties:\n    B: {rho: .inf}\n", ErrorCode::kInvalidValue,
                "forecast.parties.B.rho", "B: {rho"},
        BadCase{"SumAboveOne",
                "forecast:\n  members:\n    a1:\n      for: 0.6\n      against: 0.6\n",
                ErrorCode::kInvalidValue, "forecast.members.a1", "for: 0.6"},
        BadCase{"SumNotOneWithAbsent",
                "forecast:\n  parties:\n    A:\n      otherwise:\n        for: 0.5\n"
                "        absent: 0.1\n",
                ErrorCode::kInvalidValue, "forecast.parties.A.otherwise", "for: 0.5"},
        BadCase{"ListForChances", "forecast:\n  members:\n    a1: [0.5, 0.5]\n", ErrorCode::kType,
                "forecast.members.a1", "a1: [0.5"},
        BadCase{"UnknownKey", "forecast:\n  parties:\n    A: {cohesoin: 0.9}\n",
                ErrorCode::kUnknownField, "forecast.parties.A.cohesoin", "A: {cohesoin"},
        BadCase{"UnknownSectionKey", "forecast:\n  draws: 10\n", ErrorCode::kUnknownField,
                "forecast.draws", "draws: 10"},
        BadCase{"UnknownParty", "forecast:\n  parties:\n    Z: {cohesion: 0.9}\n",
                ErrorCode::kUnknownId, "forecast.parties.Z", "Z: {cohesion"},
        BadCase{"UnknownMember", "forecast:\n  members:\n    zed: {for: 1}\n",
                ErrorCode::kUnknownId, "forecast.members.zed", "zed: {for"},
        BadCase{"PartyAsBloc", "forecast:\n  blocs:\n    A: {cohesion: 1}\n", ErrorCode::kUnknownId,
                "forecast.blocs.A", "A: {cohesion"},
        BadCase{"DuplicateId",
                "forecast:\n  parties:\n    A: {cohesion: 0.9}\n    A: {cohesion: 0.8}\n",
                ErrorCode::kSyntax, "forecast.parties.A", "A: {cohesion: 0.8"},
        BadCase{"BadCorrelation", "forecast:\n  correlation: clustered\n", ErrorCode::kInvalidValue,
                "forecast.correlation", "correlation: clustered"}),
    [](const testing::TestParamInfo<BadCase>& param) { return param.param.name; });

struct WhatIfFixture {
  ChamberFile file = Chamber(kChamber);
  Stances stances = file.content.base.stances;
  ForecastModel model;
  Status Apply(const std::string& text) {
    return ApplyWhatIf(text, file.content.base.chamber, stances, model);
  }
};

TEST(ForecastFileTest, WhatIfsChangeStancesAndSettings) {
  WhatIfFixture f;
  ASSERT_TRUE(f.Apply("B=for").ok());
  EXPECT_EQ(f.stances.parties.at("B"), Stance::kFor);
  ASSERT_TRUE(f.Apply("gov=against").ok());
  EXPECT_EQ(f.stances.blocs.at("gov"), Stance::kAgainst);
  ASSERT_TRUE(f.Apply("member:a1=for:0.7,against:0.2").ok());
  EXPECT_NEAR(f.model.members.at("a1").absent, 0.1, 1e-12);
  ASSERT_TRUE(f.Apply("a1=abstain").ok());  // a stance replaces the member's own chances
  EXPECT_EQ(f.stances.members.at("a1"), Stance::kAbstain);
  EXPECT_EQ(f.model.members.count("a1"), 0u);
  ASSERT_TRUE(f.Apply("party:A.cohesion=0.9").ok());
  EXPECT_EQ(f.model.parties.at("A").cohesion, 0.9);
  ASSERT_TRUE(f.Apply("party:A.rho=0.2").ok());
  ASSERT_TRUE(f.Apply("party:A.correlation=beta-binomial").ok());
  EXPECT_EQ(f.model.parties.at("A").correlation, Correlation::kBetaBinomial);
  ASSERT_TRUE(f.Apply("party:A.otherwise=against:0.5,abstain:0.5").ok());
  EXPECT_EQ(f.model.parties.at("A").otherwise->against, 0.5);
  ASSERT_TRUE(f.Apply("party:B.line=for:0.3,against:0.7").ok());
  ASSERT_TRUE(f.Apply("party:B=undecided").ok());  // drops the line set just before
  EXPECT_FALSE(f.model.parties.at("B").line.has_value());
  ASSERT_TRUE(f.Apply("bloc:gov.cohesion=0.5").ok());
  EXPECT_EQ(f.model.blocs.at("gov").cohesion, 0.5);
  EXPECT_TRUE(Validate(f.model, f.file.content.base.chamber).ok());
}

TEST(ForecastFileTest, BadWhatIfsAreUsageErrors) {
  for (const std::string text : {"B",
                                 "=for",
                                 "B=",
                                 "B=maybe",
                                 "Z=for",
                                 "party:Z.cohesion=0.5",
                                 "party:A.cohesion=1.5",
                                 "party:A.cohesion=abc",
                                 "party:A.cohesion=nan",
                                 "party:A.rho=-1",
                                 "party:A.correlation=tight",
                                 "member:a1=for:0.7,against:0.7",
                                 "member:a1=for:x",
                                 "member:a1=for:0.5,for:0.5",
                                 "member:a1=maybe:0.5",
                                 "member:a1=for:0.5,absent:0.1",
                                 "member:a1=for",
                                 "colour:A=for",
                                 "party:a1=for",
                                 "bloc:A.cohesion=0.5",
                                 "party:A.otherwise=for",
                                 "member:B=for:1"}) {
    WhatIfFixture f;
    const Status s = f.Apply(text);
    // "member:a1=for" is a stance what-if and fine; everything else is a usage error.
    if (text == "member:a1=for") {
      EXPECT_TRUE(s.ok()) << text;
      continue;
    }
    EXPECT_EQ(s.code(), ErrorCode::kUsage) << text << ": " << s.ToString();
    EXPECT_NE(s.message().find(text.substr(0, text.find('='))), std::string::npos) << text;
  }
}

// Issue 12: the list of stances comes from the NameTable; the one written by hand left out
// "present", which is read.
TEST(ForecastFileTest, AnUnknownStanceListsEveryStance) {
  WhatIfFixture f;
  const Status s = f.Apply("B=maybe");
  EXPECT_NE(s.message().find("'maybe' is not a stance (for, against, abstain, present, absent, "
                             "undecided)"),
            std::string::npos)
      << s.message();
  ASSERT_TRUE(f.Apply("B=present").ok());
  EXPECT_EQ(f.stances.parties.at("B"), Stance::kPresent);
}

// Issue 13: tally and explain take a what-if's stance, and refuse a forecast's assumptions with
// the forms they take.
TEST(ForecastFileTest, AStanceWhatIfSetsAStanceAndNothingElse) {
  WhatIfFixture f;
  const whipcount::Chamber& chamber = f.file.content.base.chamber;
  const Result<StanceWhatIf> party = ApplyStanceWhatIf("party:B=for", chamber, f.stances);
  ASSERT_TRUE(party.ok()) << party.status().ToString();
  EXPECT_EQ(party->kind, "party");
  EXPECT_EQ(party->id, "B");
  EXPECT_EQ(party->stance, Stance::kFor);
  EXPECT_EQ(f.stances.parties.at("B"), Stance::kFor);
  EXPECT_EQ(ApplyStanceWhatIf("gov=against", chamber, f.stances)->kind, "bloc");
  EXPECT_EQ(ApplyStanceWhatIf("a1=abstain", chamber, f.stances)->kind, "member");
  for (const std::string bad :
       {"party:A.cohesion=0.9", "member:a1=for:0.7", "bloc:gov.rho=0.1", "Z=for", "B", "B=maybe"}) {
    const Result<StanceWhatIf> refused = ApplyStanceWhatIf(bad, chamber, f.stances);
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.status().code(), ErrorCode::kUsage) << bad;
    EXPECT_NE(refused.status().message().find("Expected a stance: A=for"), std::string::npos)
        << refused.status().message();
  }
}

// The test chamber's motion.
MotionCase SmallCase() {
  Result<MotionCase> on = SelectMotion(Chamber(kChamber).content, std::nullopt);
  EXPECT_TRUE(on.ok());
  return std::move(*on);
}

ForecastReport SmallReport(const MotionCase& f) {
  Result<ForecastReport> r = Forecast(f.base, *f.rule, *f.motion, {});
  EXPECT_TRUE(r.ok());
  return std::move(*r);
}

TEST(ForecastFileTest, JsonCarriesTheForecast) {
  const MotionCase f = SmallCase();
  const ForecastReport r = SmallReport(f);
  const nlohmann::ordered_json j = ForecastToJson(f.base, *f.rule, *f.motion, r);
  EXPECT_EQ(j["method"], "exact");
  EXPECT_EQ(j["space"], "margin");
  EXPECT_DOUBLE_EQ(j["p_pass"].get<double>(), r.p_pass);
  EXPECT_EQ(j["for"]["interval90"][0], r.for_low);
  double total = 0;
  for (const auto& row : j["for"]["distribution"]) total += row[1].get<double>();
  EXPECT_NEAR(total, 1.0, 1e-9);
  EXPECT_EQ(j["model"]["parties"].size(), 2u);
  EXPECT_EQ(j["sensitivity"]["parties"].size(), 2u);
  EXPECT_TRUE(j["sensitivity"]["parties"][0].contains("d_pass_d_cohesion"));
}

TEST(ForecastFileTest, SvgIsEscapedAndDescribed) {
  const MotionCase f = SmallCase();
  const ForecastReport r = SmallReport(f);
  const std::string svg =
      ForecastSvg(r, {.title = f.base.chamber.name, .subtitle = "motion \"m\" <1>"});
  EXPECT_EQ(svg.rfind("<?xml", 0), 0u);
  EXPECT_NE(svg.find("<title>Test &lt;Assembly&gt; &amp; Co: P(pass)"), std::string::npos);
  EXPECT_NE(svg.find("<desc>"), std::string::npos);
  EXPECT_EQ(svg.find("<Assembly>"), std::string::npos);
  EXPECT_EQ(svg.find("<1>"), std::string::npos);
  // Well-formed XML, as a strict parser reads it.
  XML_Parser parser = XML_ParserCreate("UTF-8");
  const bool parsed =
      XML_Parse(parser, svg.data(), static_cast<int>(svg.size()), 1) != XML_STATUS_ERROR;
  EXPECT_TRUE(parsed) << XML_ErrorString(XML_GetErrorCode(parser)) << " at line "
                      << XML_GetCurrentLineNumber(parser);
  XML_ParserFree(parser);
}

}  // namespace
}  // namespace whipcount::io
