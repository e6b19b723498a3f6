// SVG writer for timeline charts: the chart's parts (head, style, titles, key, axes, blocked
// spans, lines, crossing, events, recorded votes, end labels) one function each, written through
// io::XmlWriter.
#include "io/chart_svg.h"

#include <cmath>
#include <string>
#include <string_view>

#include "io/xml.h"

namespace whipcount {
namespace {

using io::XmlWriter;

constexpr std::string_view kForColour = "#0072B2";       // Okabe–Ito blue
constexpr std::string_view kAgainstColour = "#D55E00";   // Okabe–Ito vermillion
constexpr std::string_view kRecordedColour = "#009E73";  // Okabe–Ito bluish green
constexpr std::string_view kCrossColour = "#E69F00";     // Okabe–Ito orange

void WritePolyline(XmlWriter& xml, const std::vector<Point>& line, std::string_view id,
                   std::string_view cls) {
  if (line.empty()) return;
  xml.Open("polyline");
  if (!id.empty()) xml.Attr("id", id);
  xml.Attr("class", cls).Attr("points", line).Close().Newline();
}

void WriteLine(XmlWriter& xml, double x1, double y1, double x2, double y2, std::string_view cls) {
  xml.Open("line").Attr("class", cls).Attr("x1", x1).Attr("y1", y1).Attr("x2", x2);
  xml.Attr("y2", y2).Close();
}

enum class Anchor { kStart, kEnd };

void WriteText(XmlWriter& xml, double x, double y, std::string_view text, std::string_view cls = {},
               Anchor anchor = Anchor::kStart) {
  xml.Open("text").Attr("x", x).Attr("y", y);
  if (!cls.empty()) xml.Attr("class", cls);
  if (anchor == Anchor::kEnd) xml.Attr("text-anchor", "end");
  xml.Text(text).Close();
}

// A centred tick label, as on the axes and blocked spans.
void WriteTickText(XmlWriter& xml, double x, double y, std::string_view text) {
  xml.Open("text").Attr("class", "tick").Attr("text-anchor", "middle").Attr("x", x).Attr("y", y);
  xml.Text(text).Close();
}

// The mark of an event at `p`, by kind.
void WriteMark(XmlWriter& xml, MarkerKind kind, Point p) {
  if (kind == MarkerKind::kProcedure) {
    xml.Open("rect").Attr("class", "mark").Attr("x", p.x - 4).Attr("y", p.y - 4);
    xml.Attr("width", 8.0).Attr("height", 8.0).Close();
    return;
  }
  const double r = kind == MarkerKind::kChange ? 4 : kind == MarkerKind::kVote ? 5.5 : 3;
  xml.Open("circle").Attr("class", "mark").Attr("cx", p.x).Attr("cy", p.y).Attr("r", r).Close();
}

void WriteDiamond(XmlWriter& xml, Point p, double r) {
  const Point corners[] = {{p.x, p.y - r}, {p.x + r, p.y}, {p.x, p.y + r}, {p.x - r, p.y}};
  xml.Open("polygon").Attr("class", "recorded").Attr("points", corners).Close();
}

// The <svg> element, its <title>, its <desc>, the style sheet and the white background.
void WriteHead(XmlWriter& xml, const Chart& c) {
  xml.Declaration();
  const double width = std::ceil(c.width);
  const double height = std::ceil(c.height);
  xml.Open("svg").Attr("xmlns", "http://www.w3.org/2000/svg").Attr("version", "1.1");
  xml.Attr("width", width).Attr("height", height).Attr("viewBox", {0, 0, width, height});
  xml.Attr("role", "img").Attr("aria-labelledby", "title desc").Newline();
  std::string title = c.title.empty() ? "Timeline chart" : c.title;
  if (!c.subtitle.empty()) title += ": " + c.subtitle;
  xml.Open("title").Attr("id", "title").Text(title).Close().Newline();
  xml.Open("desc").Attr("id", "desc").Text(c.summary).Close().Newline();

  const std::string font = std::to_string(static_cast<int>(std::lround(c.font_size)));
  xml.Open("style");
  xml.Raw("text{font-family:'DejaVu Sans',Verdana,Arial,sans-serif;fill:#222;font-size:" + font +
          "px}.title{font-size:17px;font-weight:bold}.subtitle{font-size:13px;fill:#444}"
          ".tick{fill:#555}.grid{stroke:#e4e4e4;stroke-width:1}.axis{stroke:#888;"
          "stroke-width:1}.leader{stroke:#bbb;stroke-width:0.8;stroke-dasharray:2 2}"
          ".line{fill:none;stroke-linejoin:round}#for{stroke:" +
          std::string(kForColour) +
          ";stroke-width:2.5}.required{stroke:#222;stroke-width:1.5;stroke-dasharray:7 4}"
          "#against{stroke:" +
          std::string(kAgainstColour) +
          ";stroke-width:1.5;stroke-dasharray:2 3}.change .mark{fill:" + std::string(kForColour) +
          ";stroke:#fff;stroke-width:1.5}.procedure .mark{fill:#333;stroke:#fff;stroke-width:1.5}"
          ".vote .mark{fill:#111;stroke:#fff;stroke-width:1.5}.note .mark{fill:#fff;stroke:#777;"
          "stroke-width:1.2}.recorded{fill:" +
          std::string(kRecordedColour) +
          ";stroke:#fff;stroke-width:1.2}.blocked{fill:#eee}.label-bg{fill:#fff;opacity:0.9}"
          ".date{font-weight:bold}.note .label-text{fill:#777}.crossing .label-text,.crossing "
          ".date,.note-cross{fill:#8a5a00;"
          "font-weight:bold}.ring{fill:none;stroke:" +
          std::string(kCrossColour) + ";stroke-width:3}.end{font-weight:bold}");
  xml.Close().Newline();
  xml.Open("rect").Attr("width", "100%").Attr("height", "100%").Attr("fill", "#fff");
  xml.Close().Newline();
}

void WriteTitles(XmlWriter& xml, const Chart& c) {
  for (size_t k = 0; k < c.title_lines.size(); ++k) {
    WriteText(xml, c.title_at.x, c.title_at.y + c.title_line * static_cast<double>(k),
              c.title_lines[k], "title");
  }
  for (size_t k = 0; k < c.subtitle_lines.size(); ++k) {
    WriteText(xml, c.subtitle_at.x, c.subtitle_at.y + c.subtitle_line * static_cast<double>(k),
              c.subtitle_lines[k], "subtitle");
  }
  xml.Newline();
}

// The key to the marks, in the rows the engine laid out.
void WriteKey(XmlWriter& xml, const Chart& c) {
  xml.Open("g").Attr("id", "key");
  for (const ChartKeyItem& item : c.key) {
    const double x = item.at.x;
    const double mid = item.at.y - c.font_size * 0.35;
    if (item.kind == "for") {
      const Point sample[] = {{x, mid}, {x + 22, mid}};
      xml.Open("polyline").Attr("class", "line").Attr("id", "key-for").Attr("points", sample);
      xml.Attr("style", "stroke:" + std::string(kForColour) + ";stroke-width:2.5").Close();
    } else if (item.kind == "required") {
      WriteLine(xml, x, mid, x + 22, mid, "line required");
    } else if (item.kind == "against") {
      const Point sample[] = {{x, mid}, {x + 22, mid}};
      xml.Open("polyline").Attr("class", "line").Attr("points", sample);
      xml.Attr("style",
               "stroke:" + std::string(kAgainstColour) + ";stroke-width:1.5;stroke-dasharray:2 3");
      xml.Close();
    } else if (item.kind == "recorded") {
      WriteDiamond(xml, {x + 5, mid}, 5);
    } else if (const std::optional<MarkerKind> kind = ParseEnum<MarkerKind>(item.kind)) {
      xml.Open("g").Attr("class", item.kind);
      WriteMark(xml, *kind, {x + 5, mid});
      xml.Close();
    }
    WriteText(xml, x + item.sample, item.at.y, item.label);
  }
  xml.Close().Newline();
}

// The value grid with its labels.
void WriteValueAxis(XmlWriter& xml, const Chart& c) {
  xml.Open("g").Attr("id", "y-axis");
  for (const ChartTick& t : c.y_ticks) {
    WriteLine(xml, c.plot.x, t.position, c.plot.x + c.plot.width, t.position, "grid");
    WriteText(xml, c.plot.x - 6, t.position + c.font_size * 0.35, t.label, "tick", Anchor::kEnd);
  }
  xml.Close().Newline();
}

// The spans in which the motion stood blocked, shaded and named.
void WriteBlocked(XmlWriter& xml, const Chart& c) {
  xml.Open("g").Attr("id", "blocked");
  for (const ChartSpan& s : c.blocked) {
    xml.Open("rect").Attr("class", "blocked").Attr("x", s.x0).Attr("y", c.plot.y);
    xml.Attr("width", std::max(1.0, s.x1 - s.x0)).Attr("height", c.plot.height);
    xml.Element("title", s.label).Close();
    WriteTickText(xml, (s.x0 + s.x1) / 2, c.plot.y + c.plot.height - 6, s.label);
  }
  xml.Close().Newline();
}

void WriteTimeAxis(XmlWriter& xml, const Chart& c) {
  const double bottom = c.plot.y + c.plot.height;
  xml.Open("g").Attr("id", "x-axis");
  WriteLine(xml, c.plot.x, bottom, c.plot.x + c.plot.width, bottom, "axis");
  for (const ChartTick& t : c.x_ticks) {
    WriteLine(xml, t.position, bottom, t.position, bottom + 4, "axis");
    WriteTickText(xml, t.position, bottom + 6 + c.font_size, t.label);
  }
  // Where the scale changes: the axis cut by a gap between two slanted strokes.
  for (double x : c.x_breaks) {
    xml.Open("g").Attr("class", "break").Element("title", "the time scale changes here");
    xml.Open("rect").Attr("x", x - 3).Attr("y", bottom - 5).Attr("width", 6.0);
    xml.Attr("height", 10.0).Attr("fill", "#fff").Close();
    WriteLine(xml, x - 5, bottom + 5, x - 1, bottom - 5, "axis");
    WriteLine(xml, x + 1, bottom + 5, x + 5, bottom - 5, "axis");
    xml.Close();
  }
  xml.Close().Newline();
}

// The lines from the labels down to their marks.
void WriteLeaders(XmlWriter& xml, const Chart& c) {
  xml.Open("g").Attr("id", "leaders");
  for (const ChartMarker& m : c.markers) {
    if (!m.labelled) continue;
    WriteLine(xml, m.point.x, m.label.box.y + m.label.box.height - 1, m.point.x, m.point.y - 4,
              "leader");
  }
  xml.Close().Newline();
}

void WriteLines(XmlWriter& xml, const Chart& c) {
  xml.Open("g").Attr("id", "lines").Newline();
  for (const std::vector<Point>& segment : c.required_line) {
    WritePolyline(xml, segment, "", "line required");
  }
  WritePolyline(xml, c.against_line, "against", "line");
  WritePolyline(xml, c.for_line, "for", "line");
  xml.Close().Newline();
}

// The ring round the step where the motion first has the numbers, and its note.
void WriteCrossing(XmlWriter& xml, const Chart& c) {
  if (!c.crossed) return;
  const ChartMarker& m = c.markers[*c.crossed];
  xml.Open("g").Attr("id", "crossing");
  xml.Open("circle").Attr("class", "ring").Attr("cx", m.point.x).Attr("cy", m.point.y);
  xml.Attr("r", 9.0).Close();
  if (c.crossing_note) {
    const ChartLabel& n = *c.crossing_note;
    xml.Open("rect").Attr("class", "label-bg").Attr("x", n.box.x - 2).Attr("y", n.box.y);
    xml.Attr("width", n.box.width + 4).Attr("height", n.box.height).Close();
    WriteText(xml, n.anchor.x, n.anchor.y, n.text, "note-cross",
              n.end_anchored ? Anchor::kEnd : Anchor::kStart);
  }
  xml.Close().Newline();
}

// One event: its mark, its label on a white ground (when it has a lane), and a <title> with the
// full summary.
void WriteEvent(XmlWriter& xml, const ChartMarker& m) {
  xml.Open("g").Attr("id", "event-" + std::to_string(m.event));
  xml.Attr("class", "event " + std::string(EnumName(m.kind)) + (m.crossing ? " crossing" : ""));
  std::string tip =
      m.date.ToString() + ": " + m.detail + " (" + std::to_string(m.for_votes) + " for";
  if (m.required) tip += ", " + std::to_string(*m.required) + " needed";
  tip += ")";
  xml.Element("title", tip);
  WriteMark(xml, m.kind, m.point);
  if (!m.labelled) {
    xml.Close().Newline();
    return;
  }
  xml.Open("rect").Attr("class", "label-bg").Attr("x", m.label.box.x - 2);
  xml.Attr("y", m.label.box.y).Attr("width", m.label.box.width + 4);
  xml.Attr("height", m.label.box.height).Close();
  xml.Open("text").Attr("x", m.label.anchor.x).Attr("y", m.label.anchor.y);
  if (m.label.end_anchored) xml.Attr("text-anchor", "end");
  if (!m.label.date.empty()) {
    xml.Open("tspan").Attr("class", "date").Text(m.label.date).Close();
    xml.Text("\xC2\xA0\xC2\xA0");  // two no-break spaces
  }
  xml.Open("tspan").Attr("class", "label-text").Text(m.label.text).Close();
  xml.Close().Close().Newline();
}

void WriteEvents(XmlWriter& xml, const Chart& c) {
  xml.Open("g").Attr("id", "events").Newline();
  for (const ChartMarker& m : c.markers) WriteEvent(xml, m);
  xml.Close().Newline();
}

void WriteRecorded(XmlWriter& xml, const Chart& c) {
  xml.Open("g").Attr("id", "recorded");
  for (const ChartRecorded& r : c.recorded) {
    xml.Open("g").Attr("class", "recorded-vote");
    xml.Element("title", "recorded: " + std::to_string(r.for_votes) + " for, " +
                             std::to_string(r.against) + " against; " +
                             std::to_string(r.paper_for) + " for on paper");
    WriteDiamond(xml, r.point, 5.5);
    xml.Close();
  }
  xml.Close().Newline();
}

// The labels at the lines' right ends, each in its line's colour.
void WriteEndLabels(XmlWriter& xml, const Chart& c) {
  xml.Open("g").Attr("id", "end-labels");
  for (const EndLabel& l : c.end_labels) {
    const std::string_view colour = l.series == "for"        ? kForColour
                                    : l.series == "recorded" ? kRecordedColour
                                    : l.series == "against"  ? kAgainstColour
                                                             : "#222";
    xml.Open("text").Attr("class", "end").Attr("x", l.anchor.x).Attr("y", l.anchor.y);
    xml.Attr("style", "fill:" + std::string(colour)).Text(l.text).Close();
  }
  xml.Close().Newline();
}

}  // namespace

std::string WriteChartSvg(const Chart& c) {
  XmlWriter xml(16384);
  WriteHead(xml, c);
  WriteTitles(xml, c);
  WriteKey(xml, c);
  WriteValueAxis(xml, c);
  WriteBlocked(xml, c);
  WriteTimeAxis(xml, c);
  WriteLeaders(xml, c);
  WriteLines(xml, c);
  WriteCrossing(xml, c);
  WriteEvents(xml, c);
  WriteRecorded(xml, c);
  WriteEndLabels(xml, c);
  xml.Close().Newline();
  return std::move(xml).Take();
}

}  // namespace whipcount
