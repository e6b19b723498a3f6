// Date: a calendar day (proleptic Gregorian), used to date events, snapshots and rules.
// A plain value; safe to share between threads.
#ifndef WHIPCOUNT_DATE_H_
#define WHIPCOUNT_DATE_H_

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace whipcount {

struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;

  auto operator<=>(const Date&) const = default;

  // Parses ISO 8601 "YYYY-MM-DD"; nullopt for anything else, including 2022-02-30.
  static std::optional<Date> Parse(std::string_view text);
  // "2022-03-30"
  std::string ToString() const;
  // Days since 1970-01-01 (negative before); differences give day counts.
  long DaysSinceEpoch() const;
};

}  // namespace whipcount

#endif  // WHIPCOUNT_DATE_H_
