// SVG output of a parliament diagram (whipcount/diagram.h).
//
// The document is self-contained SVG 1.1: a <title> and <desc> for screen readers, one <g> per
// party (id "party-<id>", classes "party" and the bloc's role) holding its seats, each seat with
// its own <title> (member name where known, party, stance), the presiding officer's seat, the
// vote markers, a vote bar, a legend and a key to the stance marks. Every piece of text from the
// user's files goes through io::XmlWriter (src/io/xml.h), so any chamber gives well-formed XML.
// See docs/diagrams.md for the marks.
//
// Pure functions of their arguments; safe to call from several threads at once.
#ifndef WHIPCOUNT_IO_SVG_H_
#define WHIPCOUNT_IO_SVG_H_

#include <string>

#include "whipcount/diagram.h"

namespace whipcount {

enum class Legend { kShow, kHide };

struct SvgOptions {
  // Width of the whole picture in px; the diagram is scaled to fit it.
  int width = 640;
  // Largest seat diameter in px, so that a small chamber does not draw giant seats.
  double max_seat_px = 36;
  // Shown under the title and added to <title>, e.g. "30 March 2022".
  std::string subtitle;
  // kShow: the title and subtitle above the diagram, and the vote bar, party legend and stance
  // key under it. kHide: the seats and marker lines alone.
  Legend legend = Legend::kShow;
  // For embedding: the diagram and the vote bar (with its counts and marker ticks) only, without
  // the title, the marker captions, the legend or the key.
  bool compact = false;
};

// The SVG document (UTF-8, with an XML declaration).
std::string WriteSvg(const Diagram& diagram, const SvgOptions& options = {});

// Wikipedia's {{legend}} lines for the diagram, one per party (and the vacant seats), e.g.
// "{{legend|#0C7A3E|2=Pakistan Tehreek-e-Insaf: 155 seats}}". Wikitext specials in names are
// written as HTML entities.
std::string WikipediaLegend(const Diagram& diagram);

}  // namespace whipcount

#endif  // WHIPCOUNT_IO_SVG_H_
