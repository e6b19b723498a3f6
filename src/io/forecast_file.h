// The forecast's inputs as text: the optional `forecast:` section of a chamber file
// (docs/forecast.md) and command-line what-ifs (`--set`). The forecast's JSON form is in
// io/json_out.h, its SVG in io/forecast_svg.h.
//
// Pure functions of their arguments; safe to call from several threads at once.
#ifndef WHIPCOUNT_IO_FORECAST_FILE_H_
#define WHIPCOUNT_IO_FORECAST_FILE_H_

#include <string>
#include <string_view>

#include "io/chamber_file.h"
#include "whipcount/forecast.h"
#include "whipcount/motion.h"
#include "whipcount/result.h"
#include "whipcount/timeline.h"

namespace whipcount::io {

// Reads the `forecast:` section of a chamber file, as ParseChamberFile kept it
// (ChamberFile::forecast), against `chamber`, the chamber on the forecast's date. No section: an
// empty model (every default). Errors carry file:line:column and the document path: E102 a
// probability that is not a number, E104 an unknown key, E105 a probability outside [0, 1], NaN or
// infinite, or chances that sum above 1 (or, with `absent` given, not to 1), E202 an id the chamber
// does not define.
Result<ForecastModel> ReadForecastSection(const ChamberFile& file, const Chamber& chamber);

// Applies one what-if from the command line, in the order given, on top of the file's model:
//   ID=STANCE                      a party's, member's or bloc's stance (for, against, abstain,
//                                  absent, undecided); also party:ID=, member:ID=, bloc:ID=
//   member:ID=for:0.7,against:0.2  a member's chances (absent takes what is left)
//   party:ID.cohesion=0.9          also .rho=, .correlation=bloc|independent|beta-binomial,
//                                  .otherwise=CHANCES, .line=CHANCES; bloc:ID.… for its parties
// A stance what-if drops what the model said about the actor's line (a party's `line`, a
// member's own chances), so the new stance takes effect. Every error is kUsage, naming the forms
// with a party of the chamber as the example ("PTI=for", "party:PTI.cohesion=0.9").
Status ApplyWhatIf(std::string_view assignment, const Chamber& chamber, Stances& stances,
                   ForecastModel& model);

// A stance set by a what-if on a party, member or bloc.
struct StanceWhatIf {
  std::string kind;  // "party", "member" or "bloc"
  std::string id;
  Stance stance = Stance::kUndecided;
};

// Applies one what-if that sets a stance (ID=STANCE; also party:ID=, member:ID=, bloc:ID=) to
// `stances`: what a count takes (tally, explain). kUsage naming the forms a count takes for
// anything else (a member's chances and a party's .cohesion and other settings are a forecast's
// assumptions), and for an id or stance the chamber does not know.
Result<StanceWhatIf> ApplyStanceWhatIf(std::string_view assignment, const Chamber& chamber,
                                       Stances& stances);

}  // namespace whipcount::io

#endif  // WHIPCOUNT_IO_FORECAST_FILE_H_
