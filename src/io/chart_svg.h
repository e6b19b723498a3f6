// SVG output of a timeline chart (whipcount/chart.h).
//
// A self-contained SVG 1.1 document: a <title> and a <desc> (one sentence telling the story) for
// screen readers, the value grid, the spans in which the motion stood blocked, the "required",
// "against" and "for" lines, one <g class="event <kind>"> per event with its own <title> (date
// and full summary), recorded votes as diamonds, the event labels with leader lines, labels at
// the lines' ends and the "crosses the line" note. Text from the user's files is escaped with
// io::XmlWriter (src/io/xml.h), so any timeline gives well-formed XML. See docs/diagrams.md.
//
// Pure functions of their arguments; safe to call from several threads at once.
#ifndef WHIPCOUNT_IO_CHART_SVG_H_
#define WHIPCOUNT_IO_CHART_SVG_H_

#include <string>

#include "whipcount/chart.h"

namespace whipcount {

// The SVG document (UTF-8, with an XML declaration), `chart.width` × `chart.height` px.
std::string WriteChartSvg(const Chart& chart);

}  // namespace whipcount

#endif  // WHIPCOUNT_IO_CHART_SVG_H_
