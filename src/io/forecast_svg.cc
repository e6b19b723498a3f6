// SVG charts of a forecast: the heading, then one panel each for the distribution of "for"
// votes and of the margin, each drawn part by part (interval band, grid, bars, axis, threshold,
// expected value) through io::XmlWriter.
#include "io/forecast_svg.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <span>
#include <string>
#include <tuple>

#include "io/xml.h"

namespace whipcount::io {
namespace {

constexpr std::string_view kPass = "#2E7D32";
constexpr std::string_view kFail = "#C62828";
constexpr std::string_view kNeutral = "#546E7A";
constexpr std::string_view kInk = "#212121";
constexpr std::string_view kFaint = "#BDBDBD";
constexpr std::string_view kExpected = "#1565C0";

// A figure for people to read, with `digits` decimals.
std::string Decimals(double x, int digits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, x);
  return buf;
}

std::string Percent(double p) {
  if (p > 0 && p < 0.001) return "<0.1%";
  if (p < 1 && p > 0.999) return ">99.9%";
  return Decimals(100 * p, 1) + "%";
}

struct TextStyle {
  std::string_view anchor = "start";
  int size = 12;
  std::string_view weight = "normal";
};

void WriteText(XmlWriter& xml, double x, double y, std::string_view text, TextStyle style) {
  xml.Open("text").Attr("x", x).Attr("y", y).Attr("text-anchor", style.anchor);
  xml.Attr("font-size", style.size).Attr("font-weight", style.weight).Text(text).Close();
  xml.Newline();
}

// <line> in `colour`; the caller may add attributes before closing it.
XmlWriter& OpenLine(XmlWriter& xml, double x1, double y1, double x2, double y2,
                    std::string_view colour) {
  return xml.Open("line").Attr("x1", x1).Attr("y1", y1).Attr("x2", x2).Attr("y2", y2).Attr("stroke",
                                                                                           colour);
}

void WriteLine(XmlWriter& xml, double x1, double y1, double x2, double y2,
               std::string_view colour) {
  OpenLine(xml, x1, y1, x2, y2, colour).Close().Newline();
}

// The values worth drawing: from the 0.05% to the 99.95% quantile, widened to include `keep`.
std::pair<std::int64_t, std::int64_t> Window(const CountDistribution& d,
                                             std::optional<std::int64_t> keep) {
  if (d.empty()) return {keep.value_or(0), keep.value_or(0)};
  std::int64_t lo = d.Quantile(0.0005);
  std::int64_t hi = d.Quantile(0.9995);
  if (keep) {
    lo = std::min(lo, *keep);
    hi = std::max(hi, *keep);
  }
  return {lo, hi};
}

std::int64_t NiceStep(std::int64_t span, std::int64_t target) {
  const std::int64_t raw = std::max<std::int64_t>(1, span / std::max<std::int64_t>(target, 1));
  for (std::int64_t step : {1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000}) {
    if (step >= raw) return step;
  }
  return raw;
}

struct Panel {
  std::string heading;
  std::string axis;  // the x-axis caption
  const CountDistribution* d = nullptr;
  std::int64_t marker = 0;  // the value where passing begins on this axis (margin 0)
  bool has_marker = false;
  double expected = 0;
  std::int64_t low = 0;
  std::int64_t high = 0;
  // Colour bars at or beyond the marker as passing.
  bool colour_by_marker = false;
};

// Where a panel's plot lies and how values map onto it.
struct PanelFrame {
  std::int64_t lo = 0;  // the values drawn
  std::int64_t hi = 0;
  double peak = 1;  // the largest probability, at the top of the plot
  double left = 0;
  double right = 0;
  double top = 0;
  double bottom = 0;
  double bar = 0;  // width of one value's bar

  double XOf(double v) const { return left + (v - static_cast<double>(lo) + 0.5) * bar; }
  // The points of `d` drawn, from lo to hi.
  std::span<const CountDistribution::Point> Drawn(const CountDistribution& d) const {
    auto at = [&](std::int64_t v) {
      return std::lower_bound(
          d.points.begin(), d.points.end(), v,
          [](const CountDistribution::Point& point, std::int64_t x) { return point.value < x; });
    };
    return {at(lo), at(hi + 1)};
  }
};

PanelFrame FramePanel(const Panel& p, double x0, double y0, double width, double height) {
  PanelFrame f;
  std::tie(f.lo, f.hi) =
      Window(*p.d, p.has_marker ? std::optional<std::int64_t>(p.marker) : std::nullopt);
  f.peak = 0;
  for (const CountDistribution::Point& point : f.Drawn(*p.d)) f.peak = std::max(f.peak, point.p);
  if (f.peak <= 0) f.peak = 1;
  f.left = x0 + 48;
  f.right = x0 + width - 12;
  f.top = y0 + 28;
  f.bottom = y0 + height - 36;
  f.bar = (f.right - f.left) / static_cast<double>(f.hi - f.lo + 1);
  return f;
}

// The 90% interval as a band behind the bars.
void WriteInterval(XmlWriter& xml, const Panel& p, const PanelFrame& f) {
  xml.Open("rect").Attr("x", f.XOf(static_cast<double>(p.low)) - f.bar / 2).Attr("y", f.top);
  xml.Attr("width", static_cast<double>(p.high - p.low + 1) * f.bar)
      .Attr("height", f.bottom - f.top);
  xml.Attr("fill", "#ECEFF1");
  xml.Element("title", "90% interval: " + std::to_string(p.low) + " to " + std::to_string(p.high));
  xml.Close().Newline();
}

// Horizontal grid lines labelled with probabilities.
void WriteGrid(XmlWriter& xml, const PanelFrame& f) {
  for (int i = 0; i <= 4; ++i) {
    const double y = f.bottom - (f.bottom - f.top) * i / 4.0;
    OpenLine(xml, f.left, y, f.right, y, kFaint).Attr("stroke-width", 0.5).Close().Newline();
    WriteText(xml, f.left - 4, y + 4, Percent(f.peak * i / 4.0), {.anchor = "end", .size = 10});
  }
}

void WriteBars(XmlWriter& xml, const Panel& p, const PanelFrame& f) {
  xml.Open("g").Attr("class", "bars").Newline();
  for (const auto& [v, prob] : f.Drawn(*p.d)) {
    const double h = (f.bottom - f.top) * prob / f.peak;
    const double gap = f.bar > 3 ? 1 : 0;
    xml.Open("rect")
        .Attr("x", f.left + static_cast<double>(v - f.lo) * f.bar + gap / 2)
        .Attr("y", f.bottom - h);
    xml.Attr("width", std::max(f.bar - gap, 0.5)).Attr("height", h);
    xml.Attr("fill", !p.colour_by_marker ? kNeutral : (v >= p.marker ? kPass : kFail));
    xml.Element("title", std::to_string(v) + ": " + Percent(prob)).Close().Newline();
  }
  xml.Close().Newline();
}

// The value axis with round ticks and its caption.
void WriteAxis(XmlWriter& xml, const Panel& p, const PanelFrame& f) {
  WriteLine(xml, f.left, f.bottom, f.right, f.bottom, kInk);
  const std::int64_t step = NiceStep(f.hi - f.lo + 1, 10);
  for (std::int64_t v = (f.lo / step) * step; v <= f.hi; v += step) {
    if (v < f.lo) continue;
    const double x = f.XOf(static_cast<double>(v));
    WriteLine(xml, x, f.bottom, x, f.bottom + 4, kInk);
    WriteText(xml, x, f.bottom + 16, std::to_string(v), {.anchor = "middle", .size = 10});
  }
  WriteText(xml, (f.left + f.right) / 2, f.bottom + 31, p.axis, {.anchor = "middle", .size = 11});
}

// The dashed line where passing begins.
void WriteThreshold(XmlWriter& xml, const Panel& p, const PanelFrame& f) {
  if (!p.has_marker || p.marker < f.lo || p.marker > f.hi) return;
  const double x = f.XOf(static_cast<double>(p.marker)) - f.bar / 2;
  OpenLine(xml, x, f.top - 6, x, f.bottom, kInk).Attr("stroke-dasharray", "4 3").Close().Newline();
  WriteText(xml, x + 4, f.top - 8, "required", {.size = 10});
}

// The expected value as a line, and in words at the panel's top right.
void WriteExpected(XmlWriter& xml, const Panel& p, const PanelFrame& f, double heading_y) {
  const double ex = f.XOf(p.expected);
  OpenLine(xml, ex, f.top, ex, f.bottom, kExpected).Attr("stroke-width", 1.5).Close().Newline();
  xml.Open("text").Attr("x", f.right).Attr("y", heading_y).Attr("text-anchor", "end");
  xml.Attr("font-size", 11.0).Attr("fill", kExpected);
  xml.Text("expected " + Decimals(p.expected, 1) + ", 90% in " + std::to_string(p.low) + " to " +
           std::to_string(p.high));
  xml.Close().Newline();
}

void WritePanel(XmlWriter& xml, const Panel& p, double x0, double y0, double width, double height) {
  const PanelFrame f = FramePanel(p, x0, y0, width, height);
  WriteText(xml, x0 + 8, y0 + 16, p.heading, {.size = 13, .weight = "bold"});
  WriteInterval(xml, p, f);
  WriteGrid(xml, f);
  WriteBars(xml, p, f);
  WriteAxis(xml, p, f);
  WriteThreshold(xml, p, f);
  WriteExpected(xml, p, f, y0 + 16);
}

// The <svg> element, its <title> and <desc>, the background and the heading.
void WriteHead(XmlWriter& xml, const ForecastReport& report, const ForecastSvgOptions& options,
               double width, double height) {
  const std::string method = report.method == Method::kExact
                                 ? "exact"
                                 : "Monte Carlo, " + std::to_string(report.draws) +
                                       " draws, standard error " +
                                       Decimals(100 * report.standard_error, 2) + "%";
  const std::string headline = "P(pass) = " + Percent(report.p_pass) + " (" + method + ")";
  const std::string title = options.title.empty() ? std::string("Forecast") : options.title;
  xml.Declaration();
  xml.Open("svg").Attr("xmlns", "http://www.w3.org/2000/svg").Attr("version", "1.1");
  xml.Attr("width", width).Attr("height", height).Attr("viewBox", {0, 0, width, height});
  xml.Attr("font-family", "sans-serif").Attr("fill", kInk).Attr("role", "img").Newline();
  xml.Element("title", title + ": " + headline).Newline();
  xml.Element("desc",
              "Distribution of the number of votes for the motion (expected " +
                  Decimals(report.expected_for, 1) + ", 90% interval " +
                  std::to_string(report.for_low) + " to " + std::to_string(report.for_high) +
                  ") and of the margin, votes for minus votes required (expected " +
                  Decimals(report.expected_margin, 1) + ", 90% interval " +
                  std::to_string(report.margin_low) + " to " + std::to_string(report.margin_high) +
                  "). " + (options.subtitle.empty() ? "" : options.subtitle + ". ") + headline +
                  ".");
  xml.Newline();
  xml.Open("rect").Attr("width", "100%").Attr("height", "100%").Attr("fill", "#FFFFFF");
  xml.Close().Newline();
  WriteText(xml, 12, 24, title, {.size = 16, .weight = "bold"});
  WriteText(xml, 12, 44, options.subtitle, {});
  WriteText(xml, width - 12, 24, headline, {.anchor = "end", .size = 14, .weight = "bold"});
}

}  // namespace

std::string ForecastSvg(const ForecastReport& report, const ForecastSvgOptions& options) {
  const double width = std::max(options.width, 320);
  const double panel = 220;
  const double header = 64;
  const double height = header + 2 * panel + 12;
  XmlWriter xml(16384);
  WriteHead(xml, report, options, width, height);
  const Panel for_panel{.heading = "Votes for the motion",
                        .axis = "votes for",
                        .d = &report.for_votes,
                        .expected = report.expected_for,
                        .low = report.for_low,
                        .high = report.for_high};
  WritePanel(xml, for_panel, 0, header, width, panel);
  const Panel margin_panel{.heading = "Margin: votes for minus votes required",
                           .axis = "margin (0 = exactly the votes required)",
                           .d = &report.margin,
                           .marker = 0,
                           .has_marker = true,
                           .expected = report.expected_margin,
                           .low = report.margin_low,
                           .high = report.margin_high,
                           .colour_by_marker = true};
  if (!report.margin.empty()) WritePanel(xml, margin_panel, 0, header + panel, width, panel);
  xml.Close().Newline();
  return std::move(xml).Take();
}

}  // namespace whipcount::io
