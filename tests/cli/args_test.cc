// Args: flags parsed against their table, and typed values checked against what each declares.
#include "commands/args.h"

#include <gtest/gtest.h>

#include <cstdint>

#include "whipcount/diagram.h"

namespace whipcount::cli {
namespace {

const std::vector<FlagSpec>& Flags() {
  static const std::vector<FlagSpec> kFlags = {
      {.name = "top",
       .value = "N",
       .help = "members to list",
       .accepts = WholeNumbers{.low = 1, .high = 100'000, .fallback = 10}},
      {.name = "limit", .value = "N", .accepts = WholeNumbers{.low = 0}},
      {.name = "seed", .value = "S", .accepts = WholeNumbers{.low = 0, .fallback = 1}},
      {.name = "scale",
       .value = "N",
       .help = "pixels per unit",
       .accepts = Numbers{.low = 0.1, .high = 8, .fallback = 1}},
      {.name = "span", .value = "D", .accepts = Numbers{.low = 10, .high = 360}},
      {.name = "layout", .value = "L", .accepts = WordsOf<Layout>(Layout::kArch)},
      {.name = "curve",
       .value = "L",
       .help = "a curved layout",
       .accepts = Words{.names = {"arch", "horseshoe"}}},
      {.name = "also", .value = "L", .repeatable = true, .accepts = WordsOf<Layout>()},
      {.name = "title", .value = "T", .help = "any text"},
  };
  return kFlags;
}

Args Parsed(const std::vector<std::string>& argv) {
  Result<Args> args = Args::Parse(argv, Flags());
  EXPECT_TRUE(args.ok()) << args.status().ToString();
  return args.ok() ? *args : *Args::Parse({}, Flags());
}

// The message of a kUsage error, or "ok".
template <typename T>
std::string UsageMessage(const Result<T>& result) {
  if (result.ok()) return "ok";
  EXPECT_EQ(result.status().code(), ErrorCode::kUsage);
  return result.status().message();
}

TEST(ArgsTest, IntReadsAWholeNumberInItsRange) {
  EXPECT_EQ(*Parsed({"--top", "3"}).Int<int>("top"), 3);
  EXPECT_EQ(*Parsed({"--top=100000"}).Int<int>("top"), 100'000);
  EXPECT_EQ(*Parsed({"--top", "1"}).Int<int>("top"), 1);
}

TEST(ArgsTest, IntRefusesTrailingGarbage) {
  EXPECT_EQ(UsageMessage(Parsed({"--top", "3x"}).Int<int>("top")),
            "--top takes a whole number from 1 to 100,000, not '3x'");
  EXPECT_EQ(UsageMessage(Parsed({"--limit", "5abc"}).Int<std::int64_t>("limit")),
            "--limit takes a whole number from 0 to 9,223,372,036,854,775,807, not '5abc'");
  EXPECT_EQ(UsageMessage(Parsed({"--top", " 3"}).Int<int>("top")),
            "--top takes a whole number from 1 to 100,000, not ' 3'");
  EXPECT_EQ(UsageMessage(Parsed({"--top", ""}).Int<int>("top")),
            "--top takes a whole number from 1 to 100,000, not ''");
  EXPECT_FALSE(Parsed({"--top", "2.0"}).Int<int>("top").ok());
  EXPECT_FALSE(Parsed({"--top", "1e3"}).Int<int>("top").ok());
}

TEST(ArgsTest, IntRefusesOutOfRangeAndNegativeValues) {
  EXPECT_EQ(UsageMessage(Parsed({"--top", "0"}).Int<int>("top")),
            "--top takes a whole number from 1 to 100,000, not '0'");
  EXPECT_EQ(UsageMessage(Parsed({"--top", "100001"}).Int<int>("top")),
            "--top takes a whole number from 1 to 100,000, not '100001'");
  EXPECT_EQ(UsageMessage(Parsed({"--limit", "-5"}).Int<std::int64_t>("limit")),
            "--limit takes a whole number from 0 to 9,223,372,036,854,775,807, not '-5'");
}

TEST(ArgsTest, IntRefusesWhatOverflowsTheCallersType) {
  // No declared high: the type's largest value is the bound, and the message says so.
  EXPECT_EQ(UsageMessage(Parsed({"--limit", "9223372036854775808"}).Int<std::int64_t>("limit")),
            "--limit takes a whole number from 0 to 9,223,372,036,854,775,807, not "
            "'9223372036854775808'");
  EXPECT_EQ(UsageMessage(Parsed({"--limit", "2147483648"}).Int<int>("limit")),
            "--limit takes a whole number from 0 to 2,147,483,647, not '2147483648'");
  EXPECT_EQ(*Parsed({"--limit", "2147483647"}).Int<int>("limit"), 2'147'483'647);
  EXPECT_EQ(*Parsed({"--seed", "18446744073709551615"}).Int<std::uint64_t>("seed"),
            std::uint64_t{18'446'744'073'709'551'615u});
  EXPECT_EQ(UsageMessage(Parsed({"--seed", "-1"}).Int<std::uint64_t>("seed")),
            "--seed takes a whole number from 0 to 18,446,744,073,709,551,615, not '-1'");
}

TEST(ArgsTest, IntAcceptsDigitsGroupedInThrees) {
  EXPECT_EQ(*Parsed({"--limit", "1,000,000"}).Int<std::int64_t>("limit"), 1'000'000);
  EXPECT_EQ(*Parsed({"--limit", "20_000"}).Int<std::int64_t>("limit"), 20'000);
  for (const char* text : {"1,00", "1,0000", ",100", "1234,567", "1,,000", "1,000,"}) {
    EXPECT_FALSE(Parsed({"--limit", text}).Int<std::int64_t>("limit").ok()) << text;
  }
}

TEST(ArgsTest, IntGivesTheDeclaredDefaultWhenTheFlagIsAbsent) {
  EXPECT_EQ(*Parsed({}).Int<int>("top"), 10);
  EXPECT_EQ(*Parsed({}).Int<std::uint64_t>("seed"), 1u);
  // No default: the caller asks Has() first; asking anyway is refused, never a made-up value.
  EXPECT_EQ(UsageMessage(Parsed({}).Int<std::int64_t>("limit")), "option --limit is required");
}

TEST(ArgsTest, NumberReadsDecimalsAndExponents) {
  EXPECT_DOUBLE_EQ(*Parsed({"--scale", "0.5"}).Number("scale"), 0.5);
  EXPECT_DOUBLE_EQ(*Parsed({"--span", "1e2"}).Number("span"), 100);
  EXPECT_DOUBLE_EQ(*Parsed({"--span", "360"}).Number("span"), 360);
  EXPECT_DOUBLE_EQ(*Parsed({"--scale", "0.1"}).Number("scale"), 0.1);
}

TEST(ArgsTest, NumberRefusesGarbageAndValuesOutOfRange) {
  // The lower bound is said as declared (it was printed as "0" when it was 0.1).
  EXPECT_EQ(UsageMessage(Parsed({"--scale", "1e3"}).Number("scale")),
            "--scale takes a number from 0.1 to 8, not '1e3'");
  EXPECT_EQ(UsageMessage(Parsed({"--scale", "0.05"}).Number("scale")),
            "--scale takes a number from 0.1 to 8, not '0.05'");
  EXPECT_EQ(UsageMessage(Parsed({"--scale", "2px"}).Number("scale")),
            "--scale takes a number from 0.1 to 8, not '2px'");
  for (const char* text : {"nan", "inf", "-1", "", " 2", "0x2"}) {
    EXPECT_FALSE(Parsed({"--scale", text}).Number("scale").ok()) << text;
  }
}

TEST(ArgsTest, NumberGivesTheDeclaredDefaultWhenTheFlagIsAbsent) {
  EXPECT_DOUBLE_EQ(*Parsed({}).Number("scale"), 1);
  EXPECT_EQ(UsageMessage(Parsed({}).Number("span")), "option --span is required");
}

TEST(ArgsTest, ChoiceReadsAWordOrAnAliasOfTheEnum) {
  EXPECT_EQ(*Parsed({"--layout", "westminster"}).Choice<Layout>("layout"), Layout::kWestminster);
  EXPECT_EQ(*Parsed({"--layout", "hemicycle"}).Choice<Layout>("layout"), Layout::kArch);
  EXPECT_EQ(*Parsed({}).Choice<Layout>("layout"), Layout::kArch);
}

TEST(ArgsTest, ChoiceListsTheChoicesOfAnUnknownWord) {
  EXPECT_EQ(UsageMessage(Parsed({"--layout", "oval"}).Choice<Layout>("layout")),
            "--layout takes arch, westminster, horseshoe, classroom or circle, not 'oval'");
  EXPECT_FALSE(Parsed({"--layout", "Arch"}).Choice<Layout>("layout").ok());
}

TEST(ArgsTest, ChoiceOfASubsetRefusesTheEnumsOtherWords) {
  EXPECT_EQ(*Parsed({"--curve", "horseshoe"}).Choice<Layout>("curve"), Layout::kHorseshoe);
  EXPECT_EQ(*Parsed({"--curve", "hemicycle"}).Choice<Layout>("curve"), Layout::kArch);
  EXPECT_EQ(UsageMessage(Parsed({"--curve", "circle"}).Choice<Layout>("curve")),
            "--curve takes arch or horseshoe, not 'circle'");
  EXPECT_EQ(UsageMessage(Parsed({}).Choice<Layout>("curve")), "option --curve is required");
}

TEST(ArgsTest, ChoicesReadsEveryValueOfARepeatableFlag) {
  EXPECT_EQ(*Parsed({"--also", "circle", "--also", "arch"}).Choices<Layout>("also"),
            (std::vector<Layout>{Layout::kCircle, Layout::kArch}));
  EXPECT_TRUE(Parsed({}).Choices<Layout>("also")->empty());
  EXPECT_EQ(UsageMessage(Parsed({"--also", "arch", "--also", "pie"}).Choices<Layout>("also")),
            "--also takes arch, westminster, horseshoe, classroom or circle, not 'pie'");
}

TEST(ArgsTest, ReadingAFlagAsWhatItDoesNotDeclareIsRefused) {
  EXPECT_EQ(UsageMessage(Parsed({"--title", "3"}).Int<int>("title")),
            "option --title is not declared to take this kind of value");
  EXPECT_FALSE(Parsed({"--top", "3"}).Number("top").ok());
  EXPECT_FALSE(Parsed({}).Choice<Layout>("nowhere").ok());
}

TEST(ArgsTest, HelpShowsRangesChoicesAndDefaults) {
  const std::vector<FlagSpec>& flags = Flags();
  EXPECT_EQ(FlagHelp(flags[0]), "members to list (1 to 100,000; default 10)");
  EXPECT_EQ(FlagHelp(flags[1]), "(0 or more)");
  EXPECT_EQ(FlagHelp(flags[3]), "pixels per unit (0.1 to 8; default 1)");
  EXPECT_EQ(FlagHelp(flags[5]), "arch (default), westminster, horseshoe, classroom or circle");
  EXPECT_EQ(FlagHelp(flags[6]), "a curved layout: arch or horseshoe");
  EXPECT_EQ(FlagHelp(flags[8]), "any text");
}

}  // namespace
}  // namespace whipcount::cli
