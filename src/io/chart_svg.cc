// SVG writer for timeline charts: one pass over the Chart appending to a string.
#include "io/chart_svg.h"

#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>

#include "io/svg.h"

namespace whipcount {
namespace {

constexpr std::string_view kForColour = "#0072B2";       // Okabe–Ito blue
constexpr std::string_view kAgainstColour = "#D55E00";   // Okabe–Ito vermillion
constexpr std::string_view kRecordedColour = "#009E73";  // Okabe–Ito bluish green
constexpr std::string_view kCrossColour = "#E69F00";     // Okabe–Ito orange

void AppendTitle(std::string& out, std::string_view text) {
  out += "<title>";
  AppendXmlEscaped(out, text);
  out += "</title>";
}

void AppendPolyline(std::string& out, const std::vector<Point>& line, std::string_view id,
                    std::string_view cls) {
  if (line.empty()) return;
  out += "<polyline";
  if (!id.empty()) Attr(out, "id", id);
  Attr(out, "class", cls);
  out += " points=\"";
  for (size_t i = 0; i < line.size(); ++i) {
    if (i > 0) out += ' ';
    AppendNumber(out, line[i].x);
    out += ',';
    AppendNumber(out, line[i].y);
  }
  out += "\"/>\n";
}

void AppendLine(std::string& out, double x1, double y1, double x2, double y2,
                std::string_view cls) {
  out += "<line";
  Attr(out, "class", cls);
  Attr(out, "x1", x1);
  Attr(out, "y1", y1);
  Attr(out, "x2", x2);
  Attr(out, "y2", y2);
  out += "/>";
}

void AppendText(std::string& out, double x, double y, std::string_view text,
                std::string_view cls = {}, bool end = false) {
  out += "<text";
  Attr(out, "x", x);
  Attr(out, "y", y);
  if (!cls.empty()) Attr(out, "class", cls);
  if (end) out += " text-anchor=\"end\"";
  out += '>';
  AppendXmlEscaped(out, text);
  out += "</text>";
}

// The mark of an event at `p`, by kind.
void AppendMark(std::string& out, MarkerKind kind, Point p) {
  switch (kind) {
    case MarkerKind::kChange:
      out += "<circle class=\"mark\"";
      Attr(out, "cx", p.x);
      Attr(out, "cy", p.y);
      out += " r=\"4\"/>";
      return;
    case MarkerKind::kProcedure:
      out += "<rect class=\"mark\"";
      Attr(out, "x", p.x - 4);
      Attr(out, "y", p.y - 4);
      out += " width=\"8\" height=\"8\"/>";
      return;
    case MarkerKind::kVote:
      out += "<circle class=\"mark\"";
      Attr(out, "cx", p.x);
      Attr(out, "cy", p.y);
      out += " r=\"5.5\"/>";
      return;
    case MarkerKind::kNote:
      out += "<circle class=\"mark\"";
      Attr(out, "cx", p.x);
      Attr(out, "cy", p.y);
      out += " r=\"3\"/>";
      return;
  }
}

void AppendDiamond(std::string& out, Point p, double r) {
  out += "<polygon class=\"recorded\" points=\"";
  AppendNumber(out, p.x);
  out += ',';
  AppendNumber(out, p.y - r);
  out += ' ';
  AppendNumber(out, p.x + r);
  out += ',';
  AppendNumber(out, p.y);
  out += ' ';
  AppendNumber(out, p.x);
  out += ',';
  AppendNumber(out, p.y + r);
  out += ' ';
  AppendNumber(out, p.x - r);
  out += ',';
  AppendNumber(out, p.y);
  out += "\"/>";
}

std::string_view KindClass(MarkerKind kind) {
  switch (kind) {
    case MarkerKind::kChange:
      return "change";
    case MarkerKind::kProcedure:
      return "procedure";
    case MarkerKind::kVote:
      return "vote";
    case MarkerKind::kNote:
      return "note";
  }
  return "note";
}

}  // namespace

std::string WriteChartSvg(const Chart& c) {
  std::string out;
  out.reserve(16384);
  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"";
  Attr(out, "width", std::ceil(c.width));
  Attr(out, "height", std::ceil(c.height));
  out += " viewBox=\"0 0 ";
  AppendNumber(out, std::ceil(c.width));
  out += ' ';
  AppendNumber(out, std::ceil(c.height));
  out += "\" role=\"img\" aria-labelledby=\"title desc\">\n";

  std::string title = c.title.empty() ? "Timeline chart" : c.title;
  if (!c.subtitle.empty()) title += ": " + c.subtitle;
  out += "<title id=\"title\">";
  AppendXmlEscaped(out, title);
  out += "</title>\n<desc id=\"desc\">";
  AppendXmlEscaped(out, c.summary);
  out += "</desc>\n";

  const std::string font = std::to_string(static_cast<int>(std::lround(c.font_size)));
  out +=
      "<style>text{font-family:'DejaVu Sans',Verdana,Arial,sans-serif;fill:#222;font-size:" + font +
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
      std::string(kCrossColour) + ";stroke-width:3}.end{font-weight:bold}</style>\n";
  out += "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n";

  if (!c.title.empty()) AppendText(out, c.title_at.x, c.title_at.y, c.title, "title");
  if (!c.subtitle.empty())
    AppendText(out, c.subtitle_at.x, c.subtitle_at.y, c.subtitle, "subtitle");
  out += '\n';

  // The key to the marks, in one row.
  {
    out += "<g id=\"key\">";
    double x = c.key_at.x;
    const double y = c.key_at.y;
    const double mid = y - c.font_size * 0.35;
    auto label = [&](std::string_view text) {
      AppendText(out, x, y, text);
      x += static_cast<double>(text.size()) * 0.6 * c.font_size + 16;
    };
    out += "<polyline class=\"line\" id=\"key-for\" points=\"";
    AppendNumber(out, x);
    out += ',';
    AppendNumber(out, mid);
    out += ' ';
    AppendNumber(out, x + 22);
    out += ',';
    AppendNumber(out, mid);
    out += "\" style=\"stroke:" + std::string(kForColour) + ";stroke-width:2.5\"/>";
    x += 28;
    label("for, on paper");
    AppendLine(out, x, mid, x + 22, mid, "line required");
    x += 28;
    label("needed");
    if (!c.against_line.empty()) {
      out += "<polyline class=\"line\" points=\"";
      AppendNumber(out, x);
      out += ',';
      AppendNumber(out, mid);
      out += ' ';
      AppendNumber(out, x + 22);
      out += ',';
      AppendNumber(out, mid);
      out += "\" style=\"stroke:" + std::string(kAgainstColour) +
             ";stroke-width:1.5;stroke-dasharray:2 3\"/>";
      x += 28;
      label("against");
    }
    const std::pair<MarkerKind, std::string_view> kinds[] = {
        {MarkerKind::kChange, "changes the count"},
        {MarkerKind::kProcedure, "procedure"},
        {MarkerKind::kNote, "other event"}};
    for (const auto& [kind, text] : kinds) {
      out += "<g class=\"" + std::string(KindClass(kind)) + "\">";
      AppendMark(out, kind, {x + 5, mid});
      out += "</g>";
      x += 14;
      label(text);
    }
    if (!c.recorded.empty()) {
      AppendDiamond(out, {x + 5, mid}, 5);
      x += 14;
      label("recorded vote");
    }
    out += "</g>\n";
  }

  // Grid and value axis.
  const double left = c.plot.x;
  const double right = c.plot.x + c.plot.width;
  const double top = c.plot.y;
  const double bottom = c.plot.y + c.plot.height;
  out += "<g id=\"y-axis\">";
  for (const ChartTick& t : c.y_ticks) {
    AppendLine(out, left, t.position, right, t.position, "grid");
    AppendText(out, left - 6, t.position + c.font_size * 0.35, t.label, "tick", true);
  }
  out += "</g>\n";

  out += "<g id=\"blocked\">";
  for (const ChartSpan& s : c.blocked) {
    out += "<rect class=\"blocked\"";
    Attr(out, "x", s.x0);
    Attr(out, "y", top);
    Attr(out, "width", std::max(1.0, s.x1 - s.x0));
    Attr(out, "height", c.plot.height);
    out += '>';
    AppendTitle(out, s.label);
    out += "</rect>";
    out += "<text class=\"tick\" text-anchor=\"middle\"";
    Attr(out, "x", (s.x0 + s.x1) / 2);
    Attr(out, "y", bottom - 6);
    out += '>';
    AppendXmlEscaped(out, s.label);
    out += "</text>";
  }
  out += "</g>\n";

  out += "<g id=\"x-axis\">";
  AppendLine(out, left, bottom, right, bottom, "axis");
  for (const ChartTick& t : c.x_ticks) {
    AppendLine(out, t.position, bottom, t.position, bottom + 4, "axis");
    out += "<text class=\"tick\" text-anchor=\"middle\"";
    Attr(out, "x", t.position);
    Attr(out, "y", bottom + 6 + c.font_size);
    out += '>';
    AppendXmlEscaped(out, t.label);
    out += "</text>";
  }
  out += "</g>\n";

  out += "<g id=\"leaders\">";
  for (const ChartMarker& m : c.markers) {
    AppendLine(out, m.point.x, m.label.box.y + m.label.box.height - 1, m.point.x, m.point.y - 4,
               "leader");
  }
  out += "</g>\n";

  out += "<g id=\"lines\">\n";
  for (const std::vector<Point>& segment : c.required_line) {
    AppendPolyline(out, segment, "", "line required");
  }
  AppendPolyline(out, c.against_line, "against", "line");
  AppendPolyline(out, c.for_line, "for", "line");
  out += "</g>\n";

  if (c.crossed) {
    const ChartMarker& m = c.markers[*c.crossed];
    out += "<g id=\"crossing\"><circle class=\"ring\"";
    Attr(out, "cx", m.point.x);
    Attr(out, "cy", m.point.y);
    out += " r=\"9\"/>";
    if (c.crossing_note) {
      const ChartLabel& n = *c.crossing_note;
      out += "<rect class=\"label-bg\"";
      Attr(out, "x", n.box.x - 2);
      Attr(out, "y", n.box.y);
      Attr(out, "width", n.box.width + 4);
      Attr(out, "height", n.box.height);
      out += "/>";
      AppendText(out, n.anchor.x, n.anchor.y, n.text, "note-cross", n.end_anchored);
    }
    out += "</g>\n";
  }

  out += "<g id=\"events\">\n";
  for (size_t i = 0; i < c.markers.size(); ++i) {
    const ChartMarker& m = c.markers[i];
    out += "<g";
    Attr(out, "id", "event-" + std::to_string(m.event));
    Attr(out, "class", "event " + std::string(KindClass(m.kind)) + (m.crossing ? " crossing" : ""));
    out += '>';
    std::string tip =
        m.date.ToString() + ": " + m.detail + " (" + std::to_string(m.for_votes) + " for";
    if (m.required) tip += ", " + std::to_string(*m.required) + " needed";
    tip += ")";
    AppendTitle(out, tip);
    AppendMark(out, m.kind, m.point);
    out += "<rect class=\"label-bg\"";
    Attr(out, "x", m.label.box.x - 2);
    Attr(out, "y", m.label.box.y);
    Attr(out, "width", m.label.box.width + 4);
    Attr(out, "height", m.label.box.height);
    out += "/><text";
    Attr(out, "x", m.label.anchor.x);
    Attr(out, "y", m.label.anchor.y);
    if (m.label.end_anchored) out += " text-anchor=\"end\"";
    out += '>';
    if (!m.label.date.empty()) {
      out += "<tspan class=\"date\">";
      AppendXmlEscaped(out, m.label.date);
      out += "</tspan>\xC2\xA0\xC2\xA0";
    }
    out += "<tspan class=\"label-text\">";
    AppendXmlEscaped(out, m.label.text);
    out += "</tspan></text></g>\n";
  }
  out += "</g>\n";

  out += "<g id=\"recorded\">";
  for (const ChartRecorded& r : c.recorded) {
    out += "<g class=\"recorded-vote\">";
    AppendTitle(out, "recorded: " + std::to_string(r.for_votes) + " for, " +
                         std::to_string(r.against) + " against; " + std::to_string(r.paper_for) +
                         " for on paper");
    AppendDiamond(out, r.point, 5.5);
    out += "</g>";
  }
  out += "</g>\n";

  out += "<g id=\"end-labels\">";
  for (const EndLabel& l : c.end_labels) {
    std::string style = l.series == "for"        ? std::string(kForColour)
                        : l.series == "recorded" ? std::string(kRecordedColour)
                        : l.series == "against"  ? std::string(kAgainstColour)
                                                 : std::string("#222");
    out += "<text class=\"end\"";
    Attr(out, "x", l.anchor.x);
    Attr(out, "y", l.anchor.y);
    out += " style=\"fill:" + style + "\">";
    AppendXmlEscaped(out, l.text);
    out += "</text>";
  }
  out += "</g>\n</svg>\n";
  return out;
}

}  // namespace whipcount
