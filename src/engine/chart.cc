// Timeline chart geometry: a time axis by date (busy days widened), the value axis with nice
// integer steps, step lines for "for", "required" and "against", event markers, and event labels
// placed in lanes above the plot by a greedy layout that never lets two labels overlap.
#include "whipcount/chart.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace whipcount {
namespace {

constexpr double kPad = 12;
constexpr double kLeftMargin = 44;    // room for the value axis' labels
constexpr double kRightMargin = 118;  // room for the labels at the lines' ends
constexpr double kCharEm = 0.6;       // estimated advance of one character, in em
constexpr double kTitlePx = 17;
constexpr double kSubtitlePx = 13;
constexpr double kLabelGap = 6;  // px kept between two labels in a lane
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Howard Hinnant's civil_from_days, the inverse of Date::DaysSinceEpoch.
Date FromDays(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long d = doy - (153 * mp + 2) / 5 + 1;
  const long m = mp < 10 ? mp + 3 : mp - 9;
  return Date{.year = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0)),
              .month = static_cast<int>(m),
              .day = static_cast<int>(d)};
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

double TextWidth(std::string_view s, double font_px) {
  return static_cast<double>(CodePoints(s)) * kCharEm * font_px;
}

// The first clause of `text` (up to ':', ';' or the end of the first sentence) when that is short
// enough, else the text cut at a word boundary before `max_chars` with "…".
std::string ShortText(std::string_view text, size_t max_chars) {
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool stop =
        c == ':' || c == ';' || (c == '.' && (i + 1 == text.size() || text[i + 1] == ' ') && i > 2);
    if (stop) {
      if (CodePoints(text.substr(0, i)) <= max_chars && i >= 12)
        return std::string(text.substr(0, i));
      break;
    }
  }
  if (CodePoints(text) <= max_chars) return std::string(text);
  size_t cut = 0;  // bytes in the first max_chars - 1 code points
  size_t shown = 0;
  while (cut < text.size()) {
    const bool lead = (static_cast<unsigned char>(text[cut]) & 0xC0) != 0x80;
    if (lead && shown == max_chars - 1) break;
    if (lead) ++shown;
    ++cut;
  }
  std::string out(text.substr(0, cut));
  if (const size_t space = out.rfind(' '); space != std::string::npos && space > cut / 2) {
    out.resize(space);
  }
  while (!out.empty() && std::string_view(",;:.-( ").find(out.back()) != std::string_view::npos) {
    out.pop_back();
  }
  return out + "\xE2\x80\xA6";  // …
}

// A note's own words, else what the event did in a sentence with names.
std::string LabelText(const Event& e, const TimelineStep& step, size_t max_chars) {
  if (e.kind == EventKind::kNote && !e.summary.empty()) return ShortText(e.summary, max_chars);
  return ShortText(step.sentence.empty() ? Headline(e) : step.sentence, max_chars);
}

MarkerKind KindOf(const Event& e, const Tally& before, const Tally& after, bool against_shown) {
  switch (e.kind) {
    case EventKind::kVote:
      return MarkerKind::kVote;
    case EventKind::kMotionTabled:
    case EventKind::kMotionBlocked:
    case EventKind::kMotionWithdrawn:
    case EventKind::kMotionRestored:
    case EventKind::kMotionLapsed:
    case EventKind::kDissolve:
      return MarkerKind::kProcedure;
    default:
      break;
  }
  const bool changed = before.total.for_votes != after.total.for_votes ||
                       before.required != after.required ||
                       (against_shown && before.total.against != after.total.against);
  return changed ? MarkerKind::kChange : MarkerKind::kNote;
}

// The smallest 1, 2 or 5 × 10^k step that divides `range` into at most `most` parts.
std::int64_t NiceStep(std::int64_t range, std::int64_t most) {
  std::int64_t magnitude = 1;
  while (true) {
    for (std::int64_t m : {1, 2, 5}) {
      if (range <= m * magnitude * most) return m * magnitude;
    }
    magnitude *= 10;
  }
}

std::int64_t FloorTo(std::int64_t v, std::int64_t step) {
  return (v >= 0 ? v / step : -((-v + step - 1) / step)) * step;
}
std::int64_t CeilTo(std::int64_t v, std::int64_t step) { return -FloorTo(-v, step); }

// The time axis: days from `first` to `last`, each `base` wide except busy days, widened to
// `gap` per event.
class TimeScale {
 public:
  TimeScale(long first, long last, const std::vector<std::pair<long, int>>& busy, double origin,
            double avail, double gap)
      : first_(first), origin_(origin), gap_(gap), busy_(busy) {
    const auto days = static_cast<double>(last - first + 1);
    auto total = [&](double base) {
      double t = base * days;
      for (const auto& [day, k] : busy_) t += std::max(0.0, k * gap_ - base);
      return t;
    };
    double lo = 0;
    double hi = avail / days + gap_;
    for (int i = 0; i < 60; ++i) {
      const double mid = (lo + hi) / 2;
      (total(mid) > avail ? hi : lo) = mid;
    }
    base_ = lo;
    // The widening of the busy days before each, so that a day's start is a binary search.
    widened_before_.reserve(busy_.size() + 1);
    double widened = 0;
    widened_before_.push_back(widened);
    for (const auto& [day, k] : busy_) {
      widened += std::max(0.0, k * gap_ - base_);
      widened_before_.push_back(widened);
    }
  }

  double DayWidth(long day) const {
    auto it = std::lower_bound(busy_.begin(), busy_.end(), std::pair<long, int>(day, 0));
    const int k = it != busy_.end() && it->first == day ? it->second : 0;
    return std::max(base_, k * gap_);
  }

  // Left edge of a day.
  double DayStart(long day) const {
    const auto before = std::lower_bound(busy_.begin(), busy_.end(), std::pair<long, int>(day, 0));
    return origin_ + base_ * static_cast<double>(day - first_) +
           widened_before_[static_cast<size_t>(before - busy_.begin())];
  }

  // The width of a day without events.
  double Base() const { return base_; }

  double EventX(long day, int index, int of) const {
    return DayStart(day) + DayWidth(day) * (index + 0.5) / of;
  }

 private:
  long first_;
  double origin_;
  double gap_;
  double base_ = 0;
  std::vector<std::pair<long, int>> busy_;
  std::vector<double> widened_before_;  // [i]: the widening of busy_[0..i)
};

// Candidate anchors for a label at x: text starting at x, ending at x, or pushed inside the
// bounds.
struct Candidate {
  double left = 0;
  bool end_anchored = false;
};

// The labels placed in one lane. Labels are placed right to left, so every mark placed lies at
// or right of the label being placed. Boxes in a lane stand kLabelGap apart, so they are
// disjoint and in the same order by either edge, and at most one spans a given x.
class Lane {
 public:
  // Whether [left, right] comes within kLabelGap of a box.
  bool Clashes(double left, double right) const {
    auto after = boxes_.lower_bound(right + kLabelGap);  // every box before it starts in reach
    return after != boxes_.begin() && left < std::prev(after)->second + kLabelGap;
  }
  // Whether a box spans x (within 2 px): a leader at x would pass behind it.
  bool Covers(double x) const {
    auto after = boxes_.lower_bound(x + 2);
    return after != boxes_.begin() && x < std::prev(after)->second + 2;
  }
  // The marks placed here left of `right` (within 2 px): leaders a box ending there would hide.
  // Those placed are at or right of the box's left edge.
  std::int64_t MarksBefore(double right) const {
    const auto first = std::partition_point(marks_.begin(), marks_.end(),
                                            [&](double mark) { return !(mark < right + 2); });
    return marks_.end() - first;
  }
  void Place(double left, double right, double mark) {
    boxes_.emplace(left, right);
    marks_.push_back(mark);
  }

 private:
  std::map<double, double> boxes_;  // left edge → right edge
  std::vector<double> marks_;       // the marks' x, in the order placed (descending)
};

// Places every marker's label in a lane (0 nearest the plot) so that no two labels in a lane
// overlap, preferring low lanes and layouts where no leader line passes behind another label
// (a crossing costs four lanes). At most `max_lanes` lanes; a label with room in none is left
// out. Each label looks at each lane once, in O(log n): O(n · max_lanes · log n) in all.
int LayOutLabels(std::vector<ChartMarker>& markers, double lo, double hi, int max_lanes) {
  std::vector<size_t> order(markers.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  // Right to left: labels that start at their marker then form a staircase rising to the left,
  // each leader clear of the labels below it.
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return markers[a].point.x > markers[b].point.x; });
  std::vector<Lane> lanes;
  for (size_t i : order) {
    ChartMarker& m = markers[i];
    const double w = m.label.box.width;
    const double x = m.point.x;
    std::vector<Candidate> candidates;
    if (x + w <= hi) candidates.push_back({x, false});
    if (x - w >= lo) candidates.push_back({x - w, true});
    if (candidates.empty()) {
      // Centred, kept inside the bounds; ending at the right bound when wider than them.
      candidates.push_back({std::min(std::max(x - w / 2, lo), hi - w), false});
    }
    const int open = static_cast<int>(lanes.size());
    const int tried = std::min(open + 1, max_lanes);  // the lanes in use and a new one
    // below[l]: lanes under l whose labels this leader passes behind; above[c][l]: leaders of
    // labels over lane l that candidate c's box would hide.
    std::vector<std::int64_t> below(static_cast<size_t>(tried) + 1, 0);
    std::vector<std::vector<std::int64_t>> above(
        candidates.size(), std::vector<std::int64_t>(static_cast<size_t>(tried) + 1, 0));
    for (int l = 0; l < open; ++l) {
      below[static_cast<size_t>(l) + 1] =
          below[static_cast<size_t>(l)] + (lanes[static_cast<size_t>(l)].Covers(x) ? 1 : 0);
    }
    for (size_t c = 0; c < candidates.size(); ++c) {
      for (int l = open - 1; l >= 0; --l) {
        above[c][static_cast<size_t>(l)] =
            above[c][static_cast<size_t>(l) + 1] +
            lanes[static_cast<size_t>(l)].MarksBefore(candidates[c].left + w);
      }
    }
    double best_cost = std::numeric_limits<double>::infinity();
    Candidate best = candidates.front();
    std::optional<int> best_lane;
    for (int lane = 0; lane < tried; ++lane) {
      const size_t sl = static_cast<size_t>(lane);
      for (size_t c = 0; c < candidates.size(); ++c) {
        const double left = candidates[c].left;
        if (lane < open && lanes[sl].Clashes(left, left + w)) continue;
        const std::int64_t crossings =
            below[std::min(sl, static_cast<size_t>(open))] + (lane < open ? above[c][sl + 1] : 0);
        const double cost =
            lane + 4.0 * static_cast<double>(crossings) + 0.1 * static_cast<double>(c);
        if (cost < best_cost) {
          best_cost = cost;
          best = candidates[c];
          best_lane = lane;
        }
      }
    }
    if (!best_lane) {
      m.labelled = false;
      continue;
    }
    m.label.lane = *best_lane;
    m.label.box.x = best.left;
    m.label.end_anchored = best.end_anchored;
    if (*best_lane == open) lanes.emplace_back();
    lanes[static_cast<size_t>(*best_lane)].Place(best.left, best.left + w, x);
  }
  return static_cast<int>(lanes.size());
}

// A sentence continued inside another: "The motion is blocked" becomes "the motion is blocked";
// a name keeps its capital.
std::string InSentence(std::string s) {
  if (s.starts_with("The ") || s.starts_with("A ")) s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}

std::string Plural(std::int64_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

// The steps that are events, in order.
Result<std::vector<size_t>> EventSteps(const TimelineTally& story, std::span<const Event> events) {
  std::vector<size_t> event_steps;
  for (size_t s = 0; s < story.steps.size(); ++s) {
    const std::optional<size_t> e = story.steps[s].event;
    if (!e) continue;
    if (*e >= events.size()) {
      return Status(ErrorCode::kInvalidValue,
                    "timeline step " + std::to_string(s) + " refers to no event");
    }
    event_steps.push_back(s);
  }
  if (event_steps.empty()) {
    return Status(ErrorCode::kInvalidValue, "a timeline chart needs at least one event");
  }
  return event_steps;
}

// The days the events fall on, first to last, and how many events each busy day holds.
struct Days {
  long first = 0;
  long last = 0;
  std::vector<std::pair<long, int>> busy;  // day, events that day
};

Result<Days> EventDays(const TimelineTally& story, std::span<const Event> events,
                       const std::vector<size_t>& event_steps) {
  Days days;
  days.first = events[*story.steps[event_steps.front()].event].date.DaysSinceEpoch();
  days.last = events[*story.steps[event_steps.back()].event].date.DaysSinceEpoch();
  if (days.last < days.first || days.last - days.first > 200L * 366) {
    return Status(ErrorCode::kInvalidValue,
                  "a timeline chart needs events in date order over at most 200 years");
  }
  for (size_t s : event_steps) {
    const long day = events[*story.steps[s].event].date.DaysSinceEpoch();
    if (!days.busy.empty() && days.busy.back().first > day) {
      return Status(ErrorCode::kInvalidValue, "a timeline chart needs events in date order");
    }
    if (days.busy.empty() || days.busy.back().first != day) days.busy.emplace_back(day, 0);
    ++days.busy.back().second;
  }
  return days;
}

// The time axis across the plot: a lead for the base state, then the days to scale, busy days
// widened so that their events stand `min_event_gap` apart where the width allows.
TimeScale MakeTimeScale(Chart& c, const Days& days, size_t event_count,
                        const ChartOptions& options) {
  c.plot.x = kLeftMargin;
  c.plot.width = c.width - kLeftMargin - kRightMargin;
  double gap = options.min_event_gap;
  const double lead = std::max(2 * gap, 24.0);  // the base state, before the first event
  const double trail = 14;
  const double avail = c.plot.width - lead - trail;
  const double events_n = static_cast<double>(event_count);
  if (events_n * gap > 0.7 * avail) gap = 0.7 * avail / events_n;
  return TimeScale(days.first, days.last, days.busy, c.plot.x + lead, avail, gap);
}

// One marker per event, at its place on the time axis, with its label's text and size.
void AddMarkers(Chart& c, const TimelineTally& story, std::span<const Event> events,
                const std::vector<size_t>& event_steps, const Days& days, const TimeScale& scale,
                const ChartOptions& options) {
  const bool against_shown = options.against == AgainstLine::kShow;
  size_t busy_index = 0;
  int index_in_day = 0;
  for (size_t n = 0; n < event_steps.size(); ++n) {
    const size_t s = event_steps[n];
    const TimelineStep& step = story.steps[s];
    const Event& e = events[*step.event];
    const long day = e.date.DaysSinceEpoch();
    while (days.busy[busy_index].first != day) {
      ++busy_index;
      index_in_day = 0;
    }
    ChartMarker m;
    m.step = s;
    m.event = *step.event;
    m.date = e.date;
    m.kind = KindOf(e, story.steps[s == 0 ? 0 : s - 1].tally, step.tally, against_shown);
    m.point.x = scale.EventX(day, index_in_day, days.busy[busy_index].second);
    m.for_votes = step.tally.total.for_votes;
    m.required = step.tally.required;
    // Crossings are in step order: the last one at this step, as they are at most one a step.
    const auto crossing =
        std::lower_bound(story.crossings.begin(), story.crossings.end(), s + 1,
                         [](const Crossing& x, size_t at) { return x.step < at; });
    if (crossing != story.crossings.begin() && std::prev(crossing)->step == s) {
      m.crossing = std::prev(crossing)->gained;
    }
    m.detail = e.summary.empty() ? step.sentence : e.summary;
    m.label.date = ShortDate(e.date, n == 0);
    // As many characters as the options allow and the chart's width holds.
    for (size_t chars = options.max_label_chars;; --chars) {
      m.label.text = LabelText(e, step, chars);
      m.label.box.width = TextWidth(m.label.date + "  " + m.label.text, c.font_size);
      if (m.label.box.width <= c.width - 2 * kPad || chars <= 4) break;
    }
    m.label.box.height = c.font_size * 1.2;
    if (m.crossing.value_or(false) && !c.crossed) c.crossed = c.markers.size();
    c.markers.push_back(std::move(m));
    ++index_in_day;
  }
}

// `text` in lines no wider than `width` at `font_px`, broken at spaces (a longer word on a line
// of its own).
std::vector<std::string> WrapAtSpaces(std::string_view text, double width, double font_px) {
  std::vector<std::string> lines;
  std::string line;
  size_t i = 0;
  while (i < text.size()) {
    const size_t end = std::min(text.find(' ', i), text.size());
    const std::string_view word = text.substr(i, end - i);
    i = end + 1;
    if (word.empty()) continue;
    const std::string longer = line.empty() ? std::string(word) : line + " " + std::string(word);
    if (!line.empty() && TextWidth(longer, font_px) > width) {
      lines.push_back(std::move(line));
      line = std::string(word);
    } else {
      line = longer;
    }
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

// The key's entries, in rows that fit the width, from `y` (the first row's baseline).
double LayOutKey(Chart& c, bool against_shown, bool recorded, double y) {
  struct Entry {
    std::string_view kind;
    std::string_view label;
    double sample;
  };
  std::vector<Entry> entries = {{"for", "for, on paper", 28}, {"required", "needed", 28}};
  if (against_shown) entries.push_back({"against", "against", 28});
  entries.push_back({EnumName(MarkerKind::kChange), "changes the count", 14});
  entries.push_back({EnumName(MarkerKind::kProcedure), "procedure", 14});
  entries.push_back({EnumName(MarkerKind::kNote), "other event", 14});
  if (recorded) entries.push_back({"recorded", "recorded vote", 14});
  const double right = c.width - kPad;
  double x = kPad;
  for (const Entry& e : entries) {
    const double w = e.sample + TextWidth(e.label, c.font_size);
    if (x > kPad && x + w > right) {
      x = kPad;
      y += c.font_size + 8;
    }
    c.key.push_back({std::string(e.kind), std::string(e.label), {x, y}, e.sample});
    x += w + 16;
  }
  return y;
}

// From the top: the titles, the key, the label band, the plot.
void LayOutRows(Chart& c, const ChartOptions& options, bool recorded) {
  double y = kPad;
  const double width = c.width - 2 * kPad;
  c.title_lines = WrapAtSpaces(c.title, width, kTitlePx);
  c.subtitle_lines = WrapAtSpaces(c.subtitle, width, kSubtitlePx);
  c.title_line = kTitlePx + 5;
  c.subtitle_line = kSubtitlePx + 4;
  if (!c.title_lines.empty()) {
    c.title_at = {kPad, y + kTitlePx};
    y += kTitlePx + c.title_line * static_cast<double>(c.title_lines.size() - 1) + 6;
  }
  if (!c.subtitle_lines.empty()) {
    c.subtitle_at = {kPad, y + kSubtitlePx};
    y += kSubtitlePx + c.subtitle_line * static_cast<double>(c.subtitle_lines.size() - 1) + 6;
  }
  y = LayOutKey(c, options.against == AgainstLine::kShow, recorded, y + c.font_size + 2);
  y += 8;
  c.band_top = y;
  c.plot.y = c.band_top + c.lanes * c.lane_height + 10;
  c.plot.height = options.plot_height;
  c.height = c.plot.y + c.plot.height + c.font_size * 2 + kPad + 4;
}

// The value axis: round steps covering every value drawn, with a margin.
void AddValueAxis(Chart& c, const TimelineTally& story, std::span<const Event> events,
                  bool against_shown) {
  std::int64_t lo = std::numeric_limits<std::int64_t>::max();
  std::int64_t hi = std::numeric_limits<std::int64_t>::min();
  auto cover = [&](std::int64_t v) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  };
  for (const TimelineStep& step : story.steps) {
    cover(step.tally.total.for_votes);
    if (step.tally.required) cover(*step.tally.required);
    if (against_shown) cover(step.tally.total.against);
    if (step.event && events[*step.event].recorded) cover(events[*step.event].recorded->for_votes);
  }
  const std::int64_t margin = std::max<std::int64_t>(2, (hi - lo + 5) / 6);
  const auto most_ticks = std::max<std::int64_t>(2, static_cast<std::int64_t>(c.plot.height / 36));
  const std::int64_t ystep = NiceStep(hi - lo + 2 * margin, most_ticks);
  c.y_min = std::max<std::int64_t>(0, FloorTo(lo - margin, ystep));
  c.y_max = CeilTo(hi + margin, ystep);
  for (std::int64_t v = c.y_min; v <= c.y_max; v += ystep) {
    c.y_ticks.push_back(
        {.position = c.YOf(static_cast<double>(v)), .label = std::to_string(v), .value = v});
  }
}

// A step line through `value_of` each step's tally, from the plot's left edge (the base state)
// to its right edge; split where the value is missing.
std::vector<std::vector<Point>> StepLine(
    const Chart& c, const TimelineTally& story,
    const std::function<std::optional<double>(const Tally&)>& value_of) {
  std::vector<std::vector<Point>> segments;
  std::optional<double> current;
  double x = c.plot.x;
  auto set = [&](std::optional<double> v) {
    if (v && current && *v == *current) return;
    if (current && v) segments.back().push_back({x, c.YOf(*current)});
    if (v && !current) segments.emplace_back();
    if (!v && current) segments.back().push_back({x, c.YOf(*current)});
    if (v) segments.back().push_back({x, c.YOf(*v)});
    current = v;
  };
  set(value_of(story.steps.front().tally));
  for (const ChartMarker& m : c.markers) {
    x = m.point.x;
    set(value_of(story.steps[m.step].tally));
  }
  if (current) segments.back().push_back({c.plot.x + c.plot.width, c.YOf(*current)});
  return segments;
}

// The "for", "required" and "against" lines, and the markers and labels at their heights.
void AddLines(Chart& c, const TimelineTally& story, bool against_shown) {
  c.for_line = std::move(StepLine(c, story, [](const Tally& t) {
                           return std::optional<double>(t.total.for_votes);
                         }).front());
  c.required_line = StepLine(c, story, [](const Tally& t) {
    return t.required ? std::optional<double>(static_cast<double>(*t.required)) : std::nullopt;
  });
  if (against_shown) {
    c.against_line = std::move(StepLine(c, story, [](const Tally& t) {
                                 return std::optional<double>(t.total.against);
                               }).front());
  }
  const double font = c.font_size;
  for (ChartMarker& m : c.markers) {
    m.point.y = c.YOf(m.for_votes);
    m.label.box.y = c.plot.y - 8 - m.label.lane * c.lane_height - font;
    m.label.anchor = {m.label.end_anchored ? m.label.box.x + m.label.box.width : m.label.box.x,
                      m.label.box.y + font * 0.95};
  }
}

// Recorded votes beside their markers, and the spans in which the motion could not be voted on
// (blocked, withdrawn, lapsed, dissolved).
void AddRecordedAndBlocked(Chart& c, const TimelineTally& story, std::span<const Event> events) {
  // The marker that blocked the motion, while it stands blocked (a pointer rather than an
  // optional index: g++ 12 at -O2 wrongly warns that such an optional may be uninitialised).
  const ChartMarker* blocked_by = nullptr;
  for (size_t i = 0; i < c.markers.size(); ++i) {
    const ChartMarker& m = c.markers[i];
    const Event& e = events[m.event];
    if (e.recorded) {
      c.recorded.push_back({.marker = i,
                            .point = {m.point.x + 8, c.YOf(e.recorded->for_votes)},
                            .for_votes = e.recorded->for_votes,
                            .against = e.recorded->against,
                            .paper_for = m.for_votes});
    }
    const bool open = story.steps[m.step].tally.status == MotionStatus::kOpen;
    if (!open && blocked_by == nullptr) blocked_by = &m;
    if (open && blocked_by != nullptr) {
      c.blocked.push_back({blocked_by->point.x, m.point.x, story.steps[blocked_by->step].sentence});
      blocked_by = nullptr;
    }
  }
  if (blocked_by != nullptr) {
    c.blocked.push_back(
        {blocked_by->point.x, c.plot.x + c.plot.width, story.steps[blocked_by->step].sentence});
  }
}

// The days that get a tick: every 1, 2, 7 or 14 days when that fits, else the first of every
// 1, 2, 3 or 6 months, or of years. `by_days` says which.
std::vector<long> TickDays(const Days& days, double most, bool& by_days) {
  auto fits = [&](long ticks) { return static_cast<double>(ticks) <= most; };
  std::vector<long> ticks;
  by_days = false;
  for (long step : {1L, 2L, 7L, 14L}) {
    if (fits((days.last - days.first) / step + 1)) {
      for (long d = days.first; d <= days.last; d += step) ticks.push_back(d);
      by_days = true;
      return ticks;
    }
  }
  const Date a = FromDays(days.first);
  const Date b = FromDays(days.last);
  const long months = (b.year - a.year) * 12L + (b.month - a.month);
  long mstep = 12;
  for (long m : {1L, 2L, 3L, 6L}) {
    if (fits(months / m + 1)) {
      mstep = m;
      break;
    }
  }
  if (mstep == 12) {
    while (!fits(months / mstep + 1)) mstep *= 2;
  }
  for (long m = a.year * 12L + a.month - 1; m <= b.year * 12L + b.month - 1; ++m) {
    if (m % mstep != 0) continue;
    const long d =
        Date{.year = static_cast<int>(m / 12), .month = static_cast<int>(m % 12 + 1), .day = 1}
            .DaysSinceEpoch();
    if (d >= days.first && d <= days.last) ticks.push_back(d);
  }
  return ticks;
}

// The time axis' ticks, labelled with the year where it changes, none overlapping another.
void AddTimeTicks(Chart& c, const Days& days, const TimeScale& scale) {
  bool by_days = false;
  const std::vector<long> ticks = TickDays(days, std::max(2.0, c.plot.width / 72), by_days);
  double last_end = -1e9;
  int last_year = 0;
  for (long d : ticks) {
    const Date date = FromDays(d);
    const double x = scale.DayStart(d) + scale.DayWidth(d) / 2;
    std::string label;
    if (by_days) {
      label = ShortDate(date, last_year != date.year);
    } else {
      label = std::string(kMonths[static_cast<size_t>(date.month - 1)]);
      if (last_year != date.year) label += " " + std::to_string(date.year);
    }
    const double w = TextWidth(label, c.font_size);
    if (x - w / 2 < last_end + 8) continue;
    last_end = x + w / 2;
    last_year = date.year;
    c.x_ticks.push_back({.position = x, .label = std::move(label), .value = d});
  }
}

// Break marks on the time axis where its scale changes: at each end of a stretch of days widened
// to hold their events, inside the plot and at least 8 px from the last mark.
void AddTimeBreaks(Chart& c, const Days& days, const TimeScale& scale) {
  const auto widened = [&](long day) { return scale.DayWidth(day) > 1.25 * scale.Base(); };
  const double lo = c.plot.x + 2;
  const double hi = c.plot.x + c.plot.width - 2;
  const auto add = [&](double x) {
    if (x <= lo || x >= hi) return;
    if (!c.x_breaks.empty() && x - c.x_breaks.back() < 8) return;
    c.x_breaks.push_back(x);
  };
  for (size_t i = 0; i < days.busy.size(); ++i) {
    const long day = days.busy[i].first;
    if (!widened(day)) continue;
    if (i == 0 || days.busy[i - 1].first != day - 1 || !widened(day - 1)) add(scale.DayStart(day));
    const bool next =
        i + 1 < days.busy.size() && days.busy[i + 1].first == day + 1 && widened(day + 1);
    if (!next) add(scale.DayStart(day) + scale.DayWidth(day));
  }
}

// Labels at the lines' right ends, a lane apart, kept within the plot's height.
void AddEndLabels(Chart& c, const TimelineTally& story, bool against_shown) {
  const Tally& final_tally = story.steps.back().tally;
  c.end_labels.push_back({.text = std::to_string(final_tally.total.for_votes) + " for on paper",
                          .line_y = c.YOf(final_tally.total.for_votes),
                          .series = "for"});
  if (final_tally.required) {
    c.end_labels.push_back({.text = std::to_string(*final_tally.required) + " needed",
                            .line_y = c.YOf(static_cast<double>(*final_tally.required)),
                            .series = "required"});
  }
  if (against_shown) {
    c.end_labels.push_back({.text = std::to_string(final_tally.total.against) + " against",
                            .line_y = c.YOf(final_tally.total.against),
                            .series = "against"});
  }
  if (!c.recorded.empty() && c.recorded.back().marker + 1 == c.markers.size()) {
    c.end_labels.push_back({.text = std::to_string(c.recorded.back().for_votes) + " voted for",
                            .line_y = c.recorded.back().point.y,
                            .series = "recorded"});
  }
  std::stable_sort(c.end_labels.begin(), c.end_labels.end(),
                   [](const EndLabel& a, const EndLabel& b) { return a.line_y < b.line_y; });
  // Spread them a lane apart, then shift the group back up if it ran below the plot.
  std::vector<double> ys;
  for (const EndLabel& l : c.end_labels) {
    ys.push_back(ys.empty() ? l.line_y : std::max(l.line_y, ys.back() + c.lane_height));
  }
  const double overflow = ys.back() - (c.plot.y + c.plot.height);
  for (size_t i = 0; i < ys.size(); ++i) {
    if (overflow > 0) ys[i] -= overflow;
    c.end_labels[i].anchor = {c.plot.x + c.plot.width + 6, ys[i] + c.font_size * 0.35};
  }
}

// "crosses the line (176 ≥ 172)" beside the marker where the motion first has the numbers.
void AddCrossingNote(Chart& c) {
  if (!c.crossed) return;
  const ChartMarker& m = c.markers[*c.crossed];
  const double font = c.font_size;
  ChartLabel note;
  note.text = "crosses the line (" + std::to_string(m.for_votes) + " \xE2\x89\xA5 " +
              (m.required ? std::to_string(*m.required) : std::string("?")) + ")";
  note.box.width = TextWidth(note.text, font);
  note.box.height = font * 1.2;
  note.end_anchored = m.point.x - 10 - note.box.width >= c.plot.x;
  note.anchor = {m.point.x + (note.end_anchored ? -10 : 10), m.point.y - 8};
  note.box.x = note.end_anchored ? note.anchor.x - note.box.width : note.anchor.x;
  if (!note.end_anchored && note.box.x + note.box.width > c.width - kPad) {
    // No room on either side: keep it inside the picture, starting where it fits.
    note.box.x = std::max(kPad, c.width - kPad - note.box.width);
    note.anchor.x = note.box.x;
  }
  note.box.y = note.anchor.y - font * 0.95;
  c.crossing_note = std::move(note);
}

// The story in one sentence, for the SVG's <desc>.
std::string Summary(const Chart& c, const TimelineTally& story, std::span<const Event> events) {
  const TimelineStep& base = story.steps.front();
  std::string s = "On paper the motion ";
  s += base.event ? "had " : "starts with ";
  s += Plural(base.tally.total.for_votes, "vote", "votes") + " for";
  if (base.tally.required) s += ", " + std::to_string(*base.tally.required) + " being needed";
  s += ", on " + ShortDate(c.markers.front().date, true);
  if (c.crossed) {
    const ChartMarker& m = c.markers[*c.crossed];
    s += "; it first had the numbers on " + ShortDate(m.date, true) + " (" +
         std::to_string(m.for_votes) + " for, " +
         (m.required ? std::to_string(*m.required) : std::string("?")) +
         " needed) after: " + InSentence(m.label.text);
  } else if (story.throughout == Verdict::kPasses) {
    s += "; it had the numbers on paper throughout";
  } else {
    s += "; it never had the numbers on paper";
  }
  for (const ChartMarker& m : c.markers) {
    if (m.crossing == false) {
      s += "; it lost them on " + ShortDate(m.date, true) + " after: " + InSentence(m.label.text);
    }
  }
  for (const ChartMarker& m : c.markers) {
    if (m.kind == MarkerKind::kProcedure && m.event < events.size() &&
        events[m.event].kind != EventKind::kMotionTabled) {
      s += "; " + InSentence(story.steps[m.step].sentence) + " on " + ShortDate(m.date, true);
    }
  }
  for (const ChartRecorded& r : c.recorded) {
    s += "; the vote on " + ShortDate(c.markers[r.marker].date, true) + " recorded " +
         std::to_string(r.for_votes) + " for and " + std::to_string(r.against) + " against (" +
         std::to_string(r.paper_for) + " for on paper)";
  }
  s += ". " + Plural(static_cast<std::int64_t>(c.markers.size()), "event is", "events are") +
       " marked.";
  return s;
}

}  // namespace

std::string ShortDate(const Date& date, bool with_year) {
  std::string s = std::to_string(date.day) + " " +
                  std::string(kMonths[static_cast<size_t>(std::clamp(date.month, 1, 12) - 1)]);
  if (with_year) s += " " + std::to_string(date.year);
  return s;
}

double Chart::YOf(double votes) const {
  const auto span = static_cast<double>(std::max<std::int64_t>(1, y_max - y_min));
  return plot.y + plot.height * (static_cast<double>(y_max) - votes) / span;
}

Result<Chart> BuildChart(const TimelineTally& story, std::span<const Event> events,
                         const ChartOptions& options) {
  if (!(options.width >= 320 && options.width <= 20000) ||
      !(options.plot_height >= 60 && options.plot_height <= 20000) ||
      !(options.font_size >= 4 && options.font_size <= 72) || options.max_label_chars < 4 ||
      options.max_lanes < 1) {
    return Status(ErrorCode::kInvalidValue,
                  "a chart needs a width of 320 to 20000 px, a plot height of 60 to 20000 px, a "
                  "font size of 4 to 72 px, labels of at least 4 characters and a lane for them");
  }
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::vector<size_t> event_steps, EventSteps(story, events));
  WHIPCOUNT_ASSIGN_OR_RETURN(const Days days, EventDays(story, events, event_steps));
  const bool against_shown = options.against == AgainstLine::kShow;

  Chart c;
  c.width = options.width;
  c.title = options.title;
  c.subtitle = options.subtitle;
  c.font_size = options.font_size;
  c.lane_height = std::round(options.font_size * 1.5);
  const TimeScale scale = MakeTimeScale(c, days, event_steps.size(), options);
  AddMarkers(c, story, events, event_steps, days, scale, options);
  c.throughout = story.throughout;
  c.lanes = LayOutLabels(c.markers, kPad, c.width - kPad, options.max_lanes);
  LayOutRows(c, options, std::any_of(c.markers.begin(), c.markers.end(), [&](const ChartMarker& m) {
               return events[m.event].recorded.has_value();
             }));
  AddValueAxis(c, story, events, against_shown);
  AddLines(c, story, against_shown);
  AddRecordedAndBlocked(c, story, events);
  AddTimeTicks(c, days, scale);
  AddTimeBreaks(c, days, scale);
  AddEndLabels(c, story, against_shown);
  AddCrossingNote(c);
  c.summary = Summary(c, story, events);
  return c;
}

}  // namespace whipcount
