// JSON forms of engine results for `--json` output and, later, the HTTP API. Field names are
// part of the public interface (docs/json.md).
#ifndef WHIPCOUNT_IO_JSON_OUT_H_
#define WHIPCOUNT_IO_JSON_OUT_H_

#include <nlohmann/json.hpp>

#include "io/chamber_file.h"
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

}  // namespace whipcount::io

#endif  // WHIPCOUNT_IO_JSON_OUT_H_
