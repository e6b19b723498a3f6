#include "whipcount/date.h"

#include <gtest/gtest.h>

namespace whipcount {
namespace {

TEST(DateTest, ParsesIsoDates) {
  auto d = Date::Parse("2022-03-30");
  ASSERT_TRUE(d);
  EXPECT_EQ(*d, (Date{2022, 3, 30}));
  EXPECT_EQ(d->ToString(), "2022-03-30");
}

TEST(DateTest, RejectsImpossibleAndMalformedDates) {
  for (const char* bad : {"2022-02-29", "2022-13-01", "2022-00-10", "2022-3-30", "20220330",
                          "2022-03-3x", "", "2022-04-31", "+022-03-30"}) {
    EXPECT_FALSE(Date::Parse(bad)) << bad;
  }
  EXPECT_TRUE(Date::Parse("2024-02-29"));
  EXPECT_TRUE(Date::Parse("2000-02-29"));
  EXPECT_FALSE(Date::Parse("1900-02-29"));
}

TEST(DateTest, OrdersChronologically) {
  EXPECT_LT(*Date::Parse("2022-03-29"), *Date::Parse("2022-03-30"));
  EXPECT_LT(*Date::Parse("2021-12-31"), *Date::Parse("2022-01-01"));
}

TEST(DateTest, CountsDaysSinceEpoch) {
  EXPECT_EQ((Date{1970, 1, 1}).DaysSinceEpoch(), 0);
  EXPECT_EQ((Date{2022, 4, 10}).DaysSinceEpoch() - (Date{2022, 3, 8}).DaysSinceEpoch(), 33);
  EXPECT_EQ((Date{1969, 12, 31}).DaysSinceEpoch(), -1);
  EXPECT_EQ((Date{2000, 3, 1}).DaysSinceEpoch(), 11017);
}

}  // namespace
}  // namespace whipcount
