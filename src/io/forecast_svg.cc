// SVG charts of a forecast: the distribution of "for" votes and of the margin.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>

#include "io/forecast_file.h"
#include "io/svg.h"

namespace whipcount::io {
namespace {

constexpr const char* kPass = "#2E7D32";
constexpr const char* kFail = "#C62828";
constexpr const char* kNeutral = "#546E7A";
constexpr const char* kInk = "#212121";
constexpr const char* kFaint = "#BDBDBD";

std::string Num(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", x);
  return buf;
}

std::string Decimals(double x, int digits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, x);
  return buf;
}

std::string Percent(double p) {
  char buf[32];
  if (p > 0 && p < 0.001) {
    std::snprintf(buf, sizeof buf, "<0.1%%");
  } else if (p < 1 && p > 0.999) {
    std::snprintf(buf, sizeof buf, ">99.9%%");
  } else {
    std::snprintf(buf, sizeof buf, "%.1f%%", 100 * p);
  }
  return buf;
}

void Text(std::string& out, double x, double y, std::string_view text, std::string_view anchor,
          int size = 12, std::string_view weight = "normal") {
  out += "<text x=\"" + Num(x) + "\" y=\"" + Num(y) + "\" text-anchor=\"" + std::string(anchor) +
         "\" font-size=\"" + std::to_string(size) + "\" font-weight=\"" + std::string(weight) +
         "\">";
  AppendXmlEscaped(out, text);
  out += "</text>\n";
}

void Line(std::string& out, double x1, double y1, double x2, double y2, std::string_view colour,
          std::string_view extra = {}) {
  out += "<line x1=\"" + Num(x1) + "\" y1=\"" + Num(y1) + "\" x2=\"" + Num(x2) + "\" y2=\"" +
         Num(y2) + "\" stroke=\"" + std::string(colour) + "\"";
  if (!extra.empty()) out += " " + std::string(extra);
  out += "/>\n";
}

// The values worth drawing: from the 0.05% to the 99.95% quantile, widened to include `keep`.
std::pair<int, int> Window(const CountDistribution& d, std::optional<int> keep) {
  if (d.p.empty()) return {keep.value_or(0), keep.value_or(0)};
  int lo = d.Quantile(0.0005);
  int hi = d.Quantile(0.9995);
  if (keep) {
    lo = std::min(lo, *keep);
    hi = std::max(hi, *keep);
  }
  return {lo, hi};
}

int NiceStep(int span, int target) {
  const int raw = std::max(1, span / std::max(target, 1));
  for (int step : {1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000}) {
    if (step >= raw) return step;
  }
  return raw;
}

struct Panel {
  std::string heading;
  std::string axis;  // the x-axis caption
  const CountDistribution* d = nullptr;
  int marker = 0;  // the value where passing begins on this axis (margin 0)
  bool has_marker = false;
  double expected = 0;
  int low = 0;
  int high = 0;
  // Colour bars at or beyond the marker as passing.
  bool colour_by_marker = false;
};

void DrawPanel(std::string& out, const Panel& p, double x0, double y0, double width,
               double height) {
  auto [lo, hi] = Window(*p.d, p.has_marker ? std::optional<int>(p.marker) : std::nullopt);
  const int bins = hi - lo + 1;
  double peak = 0;
  for (int v = lo; v <= hi; ++v) peak = std::max(peak, p.d->At(v));
  if (peak <= 0) peak = 1;
  const double left = x0 + 48;
  const double right = x0 + width - 12;
  const double top = y0 + 28;
  const double bottom = y0 + height - 36;
  const double bar = (right - left) / bins;
  auto x_of = [&](double v) { return left + (v - lo + 0.5) * bar; };

  Text(out, x0 + 8, y0 + 16, p.heading, "start", 13, "bold");
  // The 90% interval as a band behind the bars.
  out += "<rect x=\"" + Num(x_of(p.low) - bar / 2) + "\" y=\"" + Num(top) + "\" width=\"" +
         Num((p.high - p.low + 1) * bar) + "\" height=\"" + Num(bottom - top) +
         "\" fill=\"#ECEFF1\"><title>";
  AppendXmlEscaped(out, "90% interval: " + std::to_string(p.low) + " to " + std::to_string(p.high));
  out += "</title></rect>\n";
  // Horizontal grid with percentages.
  for (int i = 0; i <= 4; ++i) {
    const double y = bottom - (bottom - top) * i / 4.0;
    Line(out, left, y, right, y, kFaint, "stroke-width=\"0.5\"");
    Text(out, left - 4, y + 4, Percent(peak * i / 4.0), "end", 10);
  }
  out += "<g class=\"bars\">\n";
  for (int v = lo; v <= hi; ++v) {
    const double prob = p.d->At(v);
    if (prob <= 0) continue;
    const double h = (bottom - top) * prob / peak;
    const char* colour = !p.colour_by_marker ? kNeutral : (v >= p.marker ? kPass : kFail);
    out += "<rect x=\"" + Num(left + (v - lo) * bar + (bar > 3 ? 0.5 : 0)) + "\" y=\"" +
           Num(bottom - h) + "\" width=\"" + Num(std::max(bar - (bar > 3 ? 1 : 0), 0.5)) +
           "\" height=\"" + Num(h) + "\" fill=\"" + colour + "\"><title>";
    AppendXmlEscaped(out, std::to_string(v) + ": " + Percent(prob));
    out += "</title></rect>\n";
  }
  out += "</g>\n";
  Line(out, left, bottom, right, bottom, kInk);
  const int step = NiceStep(bins, 10);
  for (int v = (lo / step) * step; v <= hi; v += step) {
    if (v < lo) continue;
    Line(out, x_of(v), bottom, x_of(v), bottom + 4, kInk);
    Text(out, x_of(v), bottom + 16, std::to_string(v), "middle", 10);
  }
  Text(out, (left + right) / 2, bottom + 31, p.axis, "middle", 11);
  if (p.has_marker && p.marker >= lo && p.marker <= hi) {
    const double x = x_of(p.marker) - bar / 2;
    Line(out, x, top - 6, x, bottom, kInk, "stroke-dasharray=\"4 3\"");
    Text(out, x + 4, top - 8, "required", "start", 10);
  }
  const double ex = x_of(p.expected);
  Line(out, ex, top, ex, bottom, "#1565C0", "stroke-width=\"1.5\"");
  out += "<text x=\"" + Num(right) + "\" y=\"" + Num(y0 + 16) +
         "\" text-anchor=\"end\" font-size=\"11\" fill=\"#1565C0\">";
  AppendXmlEscaped(out, "expected " + Num(p.expected) + ", 90% in " + std::to_string(p.low) +
                            " to " + std::to_string(p.high));
  out += "</text>\n";
}

}  // namespace

std::string ForecastSvg(const ForecastReport& report, const ForecastSvgOptions& options) {
  const double width = std::max(options.width, 320);
  const double panel = 220;
  const double header = 64;
  const double height = header + 2 * panel + 12;
  std::string method = report.method == Method::kExact
                           ? "exact"
                           : "Monte Carlo, " + std::to_string(report.draws) +
                                 " draws, standard error " +
                                 Decimals(100 * report.standard_error, 2) + "%";
  const std::string headline = "P(pass) = " + Percent(report.p_pass) + " (" + method + ")";
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" + Num(width) +
         "\" height=\"" + Num(height) + "\" viewBox=\"0 0 " + Num(width) + " " + Num(height) +
         "\" font-family=\"sans-serif\" fill=\"" + kInk + "\" role=\"img\">\n";
  out += "<title>";
  AppendXmlEscaped(
      out, (options.title.empty() ? std::string("Forecast") : options.title) + ": " + headline);
  out += "</title>\n<desc>";
  AppendXmlEscaped(
      out, "Distribution of the number of votes for the motion (expected " +
               Num(report.expected_for) + ", 90% interval " + std::to_string(report.for_low) +
               " to " + std::to_string(report.for_high) +
               ") and of the margin, votes for minus votes required (expected " +
               Num(report.expected_margin) + ", 90% interval " + std::to_string(report.margin_low) +
               " to " + std::to_string(report.margin_high) + "). " +
               (options.subtitle.empty() ? "" : options.subtitle + ". ") + headline + ".");
  out += "</desc>\n";
  out += "<rect width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>\n";
  Text(out, 12, 24, options.title.empty() ? std::string("Forecast") : options.title, "start", 16,
       "bold");
  Text(out, 12, 44, options.subtitle, "start", 12);
  Text(out, width - 12, 24, headline, "end", 14, "bold");

  Panel for_panel{.heading = "Votes for the motion",
                  .axis = "votes for",
                  .d = &report.for_votes,
                  .expected = report.expected_for,
                  .low = report.for_low,
                  .high = report.for_high};
  DrawPanel(out, for_panel, 0, header, width, panel);
  Panel margin_panel{.heading = "Margin: votes for minus votes required",
                     .axis = "margin (0 = exactly the votes required)",
                     .d = &report.margin,
                     .marker = 0,
                     .has_marker = true,
                     .expected = report.expected_margin,
                     .low = report.margin_low,
                     .high = report.margin_high,
                     .colour_by_marker = true};
  if (!report.margin.p.empty()) DrawPanel(out, margin_panel, 0, header + panel, width, panel);
  out += "</svg>\n";
  return out;
}

}  // namespace whipcount::io
