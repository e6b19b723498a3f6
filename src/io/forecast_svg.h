// SVG output of a forecast (whipcount/forecast.h): bar charts of the distribution of "for" votes
// and of the margin (for − required), with the threshold, the expected value and the 90%
// interval. A self-contained SVG 1.1 document with a <title> and a <desc> for screen readers;
// text goes through io::XmlWriter (src/io/xml.h), so any title gives well-formed XML.
//
// Pure functions of their arguments; safe to call from several threads at once.
#ifndef WHIPCOUNT_IO_FORECAST_SVG_H_
#define WHIPCOUNT_IO_FORECAST_SVG_H_

#include <string>

#include "whipcount/forecast.h"

namespace whipcount::io {

struct ForecastSvgOptions {
  int width = 720;       // px
  std::string title;     // e.g. the chamber's name
  std::string subtitle;  // e.g. the motion and date
};

// The SVG document (UTF-8, with an XML declaration).
std::string ForecastSvg(const ForecastReport& report, const ForecastSvgOptions& options = {});

}  // namespace whipcount::io

#endif  // WHIPCOUNT_IO_FORECAST_SVG_H_
