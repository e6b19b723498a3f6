// JSON forms of engine results for `--json` output and, later, the HTTP API. Field names are
// part of the public interface (docs/json.md).
#ifndef WHIPCOUNT_IO_JSON_OUT_H_
#define WHIPCOUNT_IO_JSON_OUT_H_

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string_view>

#include "io/chamber_file.h"
#include "io/picture.h"
#include "whipcount/chart.h"
#include "whipcount/diagram.h"
#include "whipcount/forecast.h"
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

// The status of a picture written to a file, for `--json`: {"ok", "output", "format", "bytes"}
// followed by `fields`, the picture's own (an object).
nlohmann::ordered_json PictureStatusToJson(std::string_view output, PictureFormat format,
                                           std::size_t bytes, const nlohmann::ordered_json& fields);
// A diagram's fields in its picture status: {"seats"}, the statutory seats.
nlohmann::ordered_json DiagramFieldsToJson(const Diagram& diagram);
// A chart's fields in its picture status: {"events", "crossed"}, the date the motion first has
// the numbers or null.
nlohmann::ordered_json ChartFieldsToJson(const Chart& chart);

}  // namespace whipcount::io

#endif  // WHIPCOUNT_IO_JSON_OUT_H_
