// Chart: the geometry of a timeline chart. "For" on paper against "required" over the dates of a
// timeline, each event marked and labelled, the step where the motion first has the numbers
// highlighted, and recorded votes beside the count on paper. Pure computation with no I/O:
// src/io/chart_svg.h writes a Chart as SVG (and src/io/png.h rasterises that).
//
// Coordinates are pixels with x to the right and y downwards (as in SVG); everything lies inside
// [0, width] × [0, height]. Label sizes are estimated from their character counts (a sans-serif
// advance of 0.6 em per character, generous for DejaVu Sans), so the layout needs no fonts.
//
// The time axis is to scale in days, except that a day with more events than fit in its width is
// widened until its markers are `min_event_gap` apart; every other span keeps one scale. Events
// of one day are spread across that day in file order.
//
// Everything here is a pure function of its arguments and safe to call from several threads at
// once. A Chart is a plain value that owns all its strings.
#ifndef WHIPCOUNT_CHART_H_
#define WHIPCOUNT_CHART_H_

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "whipcount/date.h"
#include "whipcount/diagram.h"
#include "whipcount/names.h"
#include "whipcount/result.h"
#include "whipcount/tally.h"
#include "whipcount/timeline.h"

namespace whipcount {

enum class AgainstLine { kHide, kShow };

template <>
struct NameTable<AgainstLine> {
  static constexpr std::array kEntries{
      Named<AgainstLine>{AgainstLine::kHide, "hide"},
      Named<AgainstLine>{AgainstLine::kShow, "show"},
  };
};

struct ChartOptions {
  double width = 800;        // px, at least 320
  double plot_height = 300;  // px of the plot area itself
  AgainstLine against = AgainstLine::kHide;
  double font_size = 11;        // px, of event labels and ticks
  size_t max_label_chars = 44;  // longer labels are cut at a word and end in "…"
  double min_event_gap = 14;    // px between the markers of events on one day
  // Lanes of event labels above the plot, at most; a label with room in none is left out (its
  // mark keeps the event's detail as a tooltip), so that the band stays within about 32 lines
  // however many events there are.
  int max_lanes = 32;
  std::string title;     // e.g. the chamber's name
  std::string subtitle;  // e.g. the motion's title
};

// What kind of mark an event gets.
enum class MarkerKind {
  kChange,     // the event changed "for", "required" or "against"
  kProcedure,  // the motion was tabled, blocked, withdrawn or restored
  kVote,       // a vote was held
  kNote,       // anything else: notes, resignations from the cabinet, changes with no effect
};

// The words also name the SVG classes of the marks.
template <>
struct NameTable<MarkerKind> {
  static constexpr std::array kEntries{
      Named<MarkerKind>{MarkerKind::kChange, "change"},
      Named<MarkerKind>{MarkerKind::kProcedure, "procedure"},
      Named<MarkerKind>{MarkerKind::kVote, "vote"},
      Named<MarkerKind>{MarkerKind::kNote, "note"},
  };
};

struct ChartLabel {
  std::string date;  // "30 Mar" on the first label of each day, else empty; shown before text
  std::string text;
  Rect box;      // the estimated extent of date and text
  Point anchor;  // baseline point where the text starts (start) or ends (end)
  bool end_anchored = false;
  int lane = 0;  // 0 is the lane nearest the plot
};

struct ChartMarker {
  size_t step = 0;   // index into TimelineTally::steps
  size_t event = 0;  // index into the events
  Date date;
  MarkerKind kind = MarkerKind::kNote;
  Point point;  // on the "for" line: (x of the event, y of "for" after it)
  int for_votes = 0;
  std::optional<std::int64_t> required;
  // Set at a step where the motion gains (true) or loses (false) the numbers on paper.
  std::optional<bool> crossing;
  ChartLabel label;      // in the label band above the plot; a leader joins it to `point`
  bool labelled = true;  // false when no lane had room for the label: the mark stands alone
  std::string detail;    // the event's full summary (or headline), for a tooltip
};

// A recorded vote, drawn beside the paper count at the vote's step.
struct ChartRecorded {
  size_t marker = 0;  // index into Chart::markers
  Point point;        // (just right of the marker, y of the recorded "for")
  int for_votes = 0;
  int against = 0;
  int paper_for = 0;
};

// A span in which the motion stood blocked (from a motion-blocked event to the restoring event,
// or the end of the timeline).
struct ChartSpan {
  double x0 = 0;
  double x1 = 0;
  std::string label;
};

struct ChartTick {
  double position = 0;  // x for the time axis, y for the value axis
  std::string label;
  std::int64_t value = 0;  // value-axis ticks: the number; time-axis ticks: days since 1970
};

// A label at the right end of a line ("175 for on paper", "172 needed").
struct EndLabel {
  std::string text;
  Point anchor;        // text start, baseline
  double line_y = 0;   // the y of the line it names (the label may have been moved off it)
  std::string series;  // "for", "required", "against", "recorded"
};

// One entry of the chart's key: a sample of a line or mark, then its words.
struct ChartKeyItem {
  // "for", "required" or "against" (a line), a MarkerKind's word (a mark), or "recorded".
  std::string kind;
  std::string label;
  Point at;           // the sample's left end, on the text's baseline
  double sample = 0;  // px from `at` to the words
};

struct Chart {
  double width = 0;
  double height = 0;
  Rect plot;  // the plotting area
  std::string title;
  std::string subtitle;
  // The title and subtitle wrapped to the width; the first line's baseline at title_at or
  // subtitle_at, each next one a line lower (title_line, subtitle_line).
  std::vector<std::string> title_lines;
  std::vector<std::string> subtitle_lines;
  Point title_at;
  Point subtitle_at;
  double title_line = 0;
  double subtitle_line = 0;
  double font_size = 11;
  int lanes = 0;        // label lanes used
  double band_top = 0;  // the label band, between band_top and plot.y
  double lane_height = 0;

  // The value axis: y_min at the plot's bottom, y_max at its top.
  std::int64_t y_min = 0;
  std::int64_t y_max = 0;
  // The y coordinate of a number of votes.
  double YOf(double votes) const;

  // Polylines. "for" and "against" run from the plot's left edge (the base state) to its right
  // edge, stepping at each event's x; "required" is split where no number can meet the rule.
  std::vector<Point> for_line;
  std::vector<std::vector<Point>> required_line;
  std::vector<Point> against_line;  // empty unless ChartOptions::against is kShow

  std::vector<ChartMarker> markers;  // one per event, in event order
  std::optional<size_t> crossed;     // index into markers: where the motion first gains
  // Set when the verdict on paper is the same at every step (e.g. passes throughout).
  std::optional<Verdict> throughout;
  std::vector<ChartRecorded> recorded;
  std::vector<ChartSpan> blocked;
  std::vector<ChartTick> x_ticks;
  // Where the time axis' scale changes (x, ascending): each end of a stretch of days widened to
  // hold their events. Drawn as break marks on the axis.
  std::vector<double> x_breaks;
  std::vector<ChartTick> y_ticks;
  std::vector<EndLabel> end_labels;
  // "crosses the line (176 ≥ 172)" beside the crossing marker, when the motion crosses.
  std::optional<ChartLabel> crossing_note;
  // The key to the marks, under the titles, in as many rows as the width needs.
  std::vector<ChartKeyItem> key;

  // One sentence telling the story, for the SVG's <desc>.
  std::string summary;
};

// Lays out the chart of `story` (from TallyTimeline over `events`). kInvalidValue when the
// timeline has no events or a step refers to no event, or when the width is under 320 px.
Result<Chart> BuildChart(const TimelineTally& story, std::span<const Event> events,
                         const ChartOptions& options = {});

// "30 Mar", and "30 Mar 2022" with `with_year`.
std::string ShortDate(const Date& date, bool with_year = false);

}  // namespace whipcount

#endif  // WHIPCOUNT_CHART_H_
