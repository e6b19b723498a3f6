// JSON forms of engine results for `--json` output and, later, the HTTP API. Field names are
// part of the public interface (docs/json.md).
#ifndef WHIPCOUNT_IO_JSON_OUT_H_
#define WHIPCOUNT_IO_JSON_OUT_H_

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <vector>

#include "io/case_what_if.h"
#include "io/chamber_file.h"
#include "io/forecast_file.h"
#include "io/picture.h"
#include "whipcount/case.h"
#include "whipcount/chart.h"
#include "whipcount/coalition.h"
#include "whipcount/diagram.h"
#include "whipcount/forecast.h"
#include "whipcount/power.h"
#include "whipcount/result.h"
#include "whipcount/tally.h"

namespace whipcount::io {

nlohmann::ordered_json StatusToJson(const Status& status);
nlohmann::ordered_json SourceToJson(const Source& source);
// The tally with every count, the reasons as fields, and the prose explanation.
nlohmann::ordered_json TallyToJson(const State& state, const Rule& rule, const Motion& motion,
                                   const Tally& tally);

// --- Forecast ----------------------------------------------------------------------------------

// The forecast for `--json` (field names in docs/forecast.md): the method, P(pass), the
// distributions of "for" and of the margin, the model as resolved and the sensitivities.
nlohmann::ordered_json ForecastToJson(const State& state, const Rule& rule, const Motion& motion,
                                      const ForecastReport& report);

// ---- Pictures (draw, chart) ----------------------------------------------------------------

// A picture's status for `--json`: {"ok", "output", "format", "bytes"} followed by `fields`, the
// picture's own (an object). Written to standard output (`output` nullopt, an SVG only), the
// document itself follows under "svg".
nlohmann::ordered_json PictureStatusToJson(const std::optional<std::string>& output,
                                           PictureFormat format, std::string_view bytes,
                                           const nlohmann::ordered_json& fields);
// A diagram's fields in its picture status: {"seats"}, the statutory seats.
nlohmann::ordered_json DiagramFieldsToJson(const Diagram& diagram);
// A chart's fields in its picture status: {"events", "crossed"}, the date the motion first has
// the numbers or null.
nlohmann::ordered_json ChartFieldsToJson(const Chart& chart);

// ---- Power and coalitions (`whipcount power --json`, `whipcount coalitions --json`) ----

// {"value": 0.4, "exact": "2/5"}: the value for display and the exact fraction.
nlohmann::ordered_json RationalToJson(const Rational& r);
// The game as asked (`title`, the number of players, their total weight, the quota, its source
// and the method used), the numbers of coalitions and winning coalitions, the power to act, and
// per player its name, weight and every index computed (value, exact and raw).
nlohmann::ordered_json PowerToJson(std::string_view title, const WeightedPlayers& players,
                                   const StatedQuota& quota, const PowerReport& report);
nlohmann::ordered_json CoalitionToJson(const Coalition& coalition);
// The seats for and needed, whether it carries, the pivotal parties and the groups of the
// undecided that would carry it.
nlohmann::ordered_json MotionBalanceToJson(const MotionBalance& balance);
// The ranked coalitions with the quota and its source, and under "motion" the balance of the
// motion when there is one.
nlohmann::ordered_json CoalitionsToJson(std::string_view title, const StatedQuota& quota,
                                        const CoalitionReport& report,
                                        const std::optional<MotionBalance>& balance);

// ---- Timeline, diff and check -----------------------------------------------------------

// An event as the timeline and the diff list it: {"date", "kind", "headline", "summary",
// "source"}.
nlohmann::ordered_json EventToJson(const Event& event);
// The story of a motion: the chamber, motion and rule, the count at each step (with the event and
// any recorded vote set against paper), the crossings and the verdict held throughout.
nlohmann::ordered_json TimelineToJson(const MotionCase& on, const TimelineTally& story);
// Two dates compared: the events between; each change with its actor, values before and after
// ("from", "to"), words, and the date and source of the event that made it; and, with a motion,
// the count at each end.
// Change `i` of a comparison: {"kind", "actor_kind", "actor", "from", "to", "text", "date",
// "source"}, the date and source of the event that made it (null when none between the dates did).
nlohmann::ordered_json ChangeToJson(const MotionCase& on, const Comparison& comparison, size_t i);
nlohmann::ordered_json ComparisonToJson(const MotionCase& on, const Comparison& comparison);
// What `whipcount check` found in a chamber file: its size, rules and the events of `on`.
nlohmann::ordered_json CaseSummaryToJson(std::string_view path, const Case& whole,
                                         const MotionCase& on);
// What `whipcount check` found in a rulebook: its legislature and rule ids.
nlohmann::ordered_json RulebookToJson(std::string_view path, const Rulebook& book);

// --- Command-line conventions (issue 13) ------------------------------------------------------

// A document as whipcount prints it: indented by two spaces, with a line break after it. A byte
// that is not UTF-8 becomes U+FFFD: a file's text is checked when read, but a path or an id from
// the command line need not be UTF-8, and printing must not fail on it.
std::string JsonText(const nlohmann::ordered_json& document);

// `whipcount version --json`: {"name": "whipcount", "version": "0.1.0"}.
nlohmann::ordered_json VersionToJson(std::string_view version);

// A count under what-ifs (tally and explain with --set): TallyToJson, then "what_if", when any
// was set (the count is then hypothetical): one {"kind", "id", "field", "value", "description"} per
// what-if on the case ("rule" without an id, or "party"), then one {"kind", "id", "stance"} per
// stance.
nlohmann::ordered_json CountToJson(const State& state, const Rule& rule, const Motion& motion,
                                   const Tally& tally, const std::vector<CaseWhatIf>& on_case,
                                   const std::vector<StanceWhatIf>& stances);

}  // namespace whipcount::io

#endif  // WHIPCOUNT_IO_JSON_OUT_H_
