// What-ifs that change the case itself rather than a stance (`--set` on tally, explain and draw,
// and the dashboard's what-if): the rule's threshold or base, and seats falling vacant or being
// filled on the date counted. Stance what-ifs are ApplyStanceWhatIf's (io/forecast_file.h).
#ifndef WHIPCOUNT_IO_CASE_WHAT_IF_H_
#define WHIPCOUNT_IO_CASE_WHAT_IF_H_

#include <optional>
#include <string>
#include <string_view>

#include "whipcount/case.h"
#include "whipcount/date.h"
#include "whipcount/result.h"

namespace whipcount::io {

struct CaseWhatIf {
  std::string kind;   // "rule" or "party"
  std::string id;     // the party; empty for the rule
  std::string field;  // "threshold", "base", "vacate" or "fill"
  std::string value;  // as written: "2/3", "present", "2"

  // In words, for the "What if:" line: "threshold at least 2/3", "2 PTI seats vacant".
  std::string Describe() const;
};

// Whether `assignment` is one of the what-ifs below (rule.…, or a party's .vacate or .fill).
bool IsCaseWhatIf(std::string_view assignment);

// The what-if as written: "rule.threshold=2/3", "party:PTI.vacate=2".
std::string WhatIfText(const CaseWhatIf& w);

// Applies `assignment`, one of the case's what-ifs, to `on`:
//   rule.threshold=2/3          every threshold of the rule at least 2/3 of its base; also
//                               >2/3 (more than), 60% (at least) and majority (more than half)
//   rule.base=present           every threshold counted on another base (statutory, filled,
//                               present, cast, cast+abstain)
//   party:PTI.vacate=2          2 of the party's seats fall vacant on `date` (party: optional)
//   party:PTI.fill=1            1 vacant seat is filled by the party on `date`
// The vacancies take effect on `date` after the events of that day, as a `vacate` or `fill`
// event would. kUsage, naming the forms, for a bad value; the rule's own check (Validate) for a
// threshold no vote could meet.
Result<CaseWhatIf> ApplyCaseWhatIf(std::string_view assignment, MotionCase& on, Date date);

}  // namespace whipcount::io

#endif  // WHIPCOUNT_IO_CASE_WHAT_IF_H_
