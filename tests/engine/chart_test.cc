// Timeline chart: geometry properties (engine), well-formed SVG (parsed back with expat), PNG
// size, and the `whipcount chart` command run in-process.
#include "whipcount/chart.h"

#include <expat.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "commands/commands.h"
#include "io/chamber_file.h"
#include "io/chart_svg.h"
#include "io/render.h"
#include "support/run_in_process.h"
#include "whipcount/case.h"
#include "whipcount/tally.h"

// librsvg draws text through pango and fontconfig, and fontconfig keeps its configuration for the
// life of the process; LeakSanitizer reports that at exit. The leak is fontconfig's, not ours.
// LeakSanitizer's runtime looks the hook up by this reserved name.
// NOLINTNEXTLINE(bugprone-reserved-identifier,readability-identifier-naming)
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }

namespace whipcount {
namespace {

const std::string kPk = std::string(WHIPCOUNT_SOURCE_DIR) + "/data/pk-na-2022.yaml";

struct PkStory {
  MotionCase file;
  TimelineTally story;
};

const PkStory& Pk() {
  static const PkStory* pk = [] {
    Result<io::ChamberFile> file = io::LoadChamberFile(kPk);
    EXPECT_TRUE(file.ok()) << file.status().ToString();
    Result<MotionCase> on = SelectMotion(file->content, std::nullopt);
    EXPECT_TRUE(on.ok()) << on.status().ToString();
    Result<TimelineTally> story = TallyStory(*on);
    EXPECT_TRUE(story.ok()) << story.status().ToString();
    return new PkStory{std::move(*on), std::move(*story)};
  }();
  return *pk;
}

Chart PkChart(const ChartOptions& options = {}) {
  Result<Chart> chart = BuildChart(Pk().story, Pk().file.events, options);
  EXPECT_TRUE(chart.ok()) << chart.status().ToString();
  return *chart;
}

// A made-up timeline: one event per entry, `for` after it and `required`, from a base of
// `base_for`.
struct Step {
  std::string date;
  EventKind kind;
  int for_votes;
  std::optional<std::int64_t> required = 50;
  std::string summary = {};
};

struct Synthetic {
  std::vector<Event> events;
  TimelineTally story;
};

Synthetic Make(int base_for, const std::vector<Step>& steps) {
  Synthetic s;
  TimelineStep base;
  base.tally.total.for_votes = base_for;
  base.tally.required = steps.empty() ? 50 : steps.front().required;
  s.story.steps.push_back(base);
  bool passing = base_for >= base.tally.required.value_or(1 << 30);
  MotionStatus status = MotionStatus::kOpen;  // as Apply sets it
  for (const Step& st : steps) {
    Event e;
    e.date = *Date::Parse(st.date);
    e.kind = st.kind;
    e.party = "P";
    e.bloc = "opposition";
    e.summary = st.summary;
    if (st.kind == EventKind::kVote) e.recorded = RecordedVote{.for_votes = st.for_votes - 1};
    TimelineStep t;
    t.event = s.events.size();
    t.tally.total.for_votes = st.for_votes;
    t.tally.required = st.required;
    if (st.kind == EventKind::kMotionBlocked) status = MotionStatus::kBlocked;
    if (st.kind == EventKind::kMotionWithdrawn) status = MotionStatus::kWithdrawn;
    if (st.kind == EventKind::kMotionRestored) status = MotionStatus::kOpen;
    t.tally.status = status;
    const bool passes = st.required && st.for_votes >= *st.required;
    if (passes != passing) s.story.crossings.push_back({s.story.steps.size(), passes});
    passing = passes;
    s.story.steps.push_back(t);
    s.events.push_back(std::move(e));
  }
  return s;
}

void ExpectLabelsApart(const Chart& c) {
  if (c.crossing_note) {
    EXPECT_GE(c.crossing_note->box.x, 0);
    EXPECT_LE(c.crossing_note->box.x + c.crossing_note->box.width, c.width);
  }
  for (size_t i = 0; i < c.markers.size(); ++i) {
    if (!c.markers[i].labelled) continue;
    const Rect& a = c.markers[i].label.box;
    EXPECT_GE(a.x, 0) << i;
    EXPECT_LE(a.x + a.width, c.width) << i;
    EXPECT_LE(a.y + a.height, c.plot.y) << "label " << i << " reaches into the plot";
    EXPECT_GE(a.y, c.band_top - 1) << i;
    for (size_t j = i + 1; j < c.markers.size(); ++j) {
      if (!c.markers[j].labelled) continue;
      const Rect& b = c.markers[j].label.box;
      const bool apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y ||
                         b.y + b.height <= a.y;
      EXPECT_TRUE(apart) << "labels " << i << " '" << c.markers[i].label.text << "' and " << j
                         << " '" << c.markers[j].label.text << "' overlap";
    }
  }
}

TEST(ChartTest, EveryEventHasAMarkerInEventOrder) {
  const Chart c = PkChart();
  ASSERT_EQ(c.markers.size(), Pk().file.events.size());
  for (size_t i = 0; i < c.markers.size(); ++i) {
    EXPECT_EQ(c.markers[i].event, i);
    EXPECT_EQ(c.markers[i].date, Pk().file.events[i].date);
    EXPECT_FALSE(c.markers[i].label.text.empty());
    EXPECT_GE(c.markers[i].point.x, c.plot.x);
    EXPECT_LE(c.markers[i].point.x, c.plot.x + c.plot.width);
  }
}

TEST(ChartTest, XIsMonotoneInDateAndSameDayEventsKeepTheirGap) {
  const Chart c = PkChart();
  for (size_t i = 1; i < c.markers.size(); ++i) {
    EXPECT_GT(c.markers[i].point.x, c.markers[i - 1].point.x) << i;
    if (c.markers[i].date == c.markers[i - 1].date) {
      EXPECT_GE(c.markers[i].point.x - c.markers[i - 1].point.x, 14 - 1e-9) << i;
    }
  }
  // Days to scale: 8 March to 18 March (10 days, one event each) is wider than 18 to 27 March.
  auto x = [&](const char* date) {
    for (const ChartMarker& m : c.markers) {
      if (m.date == *Date::Parse(date)) return m.point.x;
    }
    return -1.0;
  };
  EXPECT_GT(x("2022-03-18") - x("2022-03-08"), x("2022-03-27") - x("2022-03-18"));
  // Seven days take more room than three (each day holding an event is at least 14 px wide).
  EXPECT_GT(x("2022-03-18") - x("2022-03-11"), x("2022-03-11") - x("2022-03-08"));
  for (size_t i = 1; i < c.x_ticks.size(); ++i) {
    EXPECT_GT(c.x_ticks[i].position, c.x_ticks[i - 1].position);
    EXPECT_GT(c.x_ticks[i].value, c.x_ticks[i - 1].value);
  }
  ASSERT_FALSE(c.x_ticks.empty());
  EXPECT_EQ(c.x_ticks.front().label, "8 Mar 2022");
}

TEST(ChartTest, ForLineAndMarkersSitAtTheTally) {
  const Chart c = PkChart();
  for (const ChartMarker& m : c.markers) {
    const Tally& t = Pk().story.steps[m.step].tally;
    EXPECT_EQ(m.for_votes, t.total.for_votes);
    EXPECT_DOUBLE_EQ(m.point.y, c.YOf(t.total.for_votes));
    // The step line passes through the marker.
    const bool on_line = std::any_of(c.for_line.begin(), c.for_line.end(), [&](const Point& p) {
      return p.x == m.point.x && p.y == m.point.y;
    });
    const bool unchanged =
        m.step > 0 && Pk().story.steps[m.step - 1].tally.total.for_votes == t.total.for_votes;
    EXPECT_TRUE(on_line || unchanged) << m.label.text;
  }
  EXPECT_DOUBLE_EQ(c.for_line.front().x, c.plot.x);
  EXPECT_DOUBLE_EQ(c.for_line.front().y, c.YOf(161));
  EXPECT_DOUBLE_EQ(c.for_line.back().y, c.YOf(175));
  for (size_t i = 1; i < c.for_line.size(); ++i) {
    EXPECT_GE(c.for_line[i].x, c.for_line[i - 1].x);  // a step line never goes back
  }
  ASSERT_EQ(c.required_line.size(), 1u);
  for (const Point& p : c.required_line.front()) EXPECT_DOUBLE_EQ(p.y, c.YOf(172));
  EXPECT_TRUE(c.against_line.empty());
}

TEST(ChartTest, ValueAxisCoversRequiredWithMarginInNiceSteps) {
  const Chart c = PkChart();
  EXPECT_LT(c.y_min, 161);
  EXPECT_GT(c.y_max, 176);
  ASSERT_GE(c.y_ticks.size(), 3u);
  const std::int64_t step = c.y_ticks[1].value - c.y_ticks[0].value;
  EXPECT_TRUE(step == 1 || step == 2 || step == 5 || step == 10) << step;
  EXPECT_EQ(c.y_ticks.front().value, c.y_min);
  EXPECT_EQ(c.y_ticks.back().value, c.y_max);
  for (size_t i = 1; i < c.y_ticks.size(); ++i) {
    EXPECT_EQ(c.y_ticks[i].value - c.y_ticks[i - 1].value, step);
    EXPECT_LT(c.y_ticks[i].position, c.y_ticks[i - 1].position);  // up the page
  }
  EXPECT_DOUBLE_EQ(c.YOf(static_cast<double>(c.y_min)), c.plot.y + c.plot.height);
  EXPECT_DOUBLE_EQ(c.YOf(static_cast<double>(c.y_max)), c.plot.y);
}

TEST(ChartTest, LabelsDoNotOverlap) {
  ExpectLabelsApart(PkChart());
  ExpectLabelsApart(PkChart({.width = 320}));
  ExpectLabelsApart(PkChart({.width = 1600, .against = AgainstLine::kShow}));
}

// Issue 17: the titles wrap and the key takes as many rows as it needs, at every width the CLI
// accepts; the time axis marks where its scale changes.
TEST(ChartTest, TitlesAndKeyFitEveryWidthAndScaleChangesAreMarked) {
  for (double width : {320.0, 500.0, 800.0, 8000.0}) {
    for (AgainstLine against : {AgainstLine::kHide, AgainstLine::kShow}) {
      const Chart c =
          PkChart({.width = width,
                   .against = against,
                   .title = "National Assembly of Pakistan",
                   .subtitle = "No-confidence motion against Prime Minister Imran Khan"});
      SCOPED_TRACE(width);
      ASSERT_FALSE(c.title_lines.empty());
      for (const std::string& line : c.subtitle_lines) {
        EXPECT_LE(12 + 0.6 * 13 * static_cast<double>(line.size()), width - 12 + 0.5) << line;
      }
      ASSERT_EQ(c.key.size(), against == AgainstLine::kShow ? 7u : 6u);
      for (const ChartKeyItem& k : c.key) {
        EXPECT_GE(k.at.x, 12);
        EXPECT_LE(k.at.x + k.sample + 0.6 * c.font_size * static_cast<double>(k.label.size()),
                  width - 12 + 0.5)
            << k.label;
        EXPECT_LT(k.at.y, c.band_top);
      }
      if (width <= 320) {
        EXPECT_GT(c.key.back().at.y, c.key.front().at.y);  // more than one row
      }
      if (width >= 8000) {
        EXPECT_EQ(c.key.back().at.y, c.key.front().at.y);
      }
      // At 8,000 px every day has room for its events: one scale throughout.
      EXPECT_EQ(c.x_breaks.empty(), width >= 8000);
      for (size_t i = 0; i < c.x_breaks.size(); ++i) {
        EXPECT_GT(c.x_breaks[i], c.plot.x);
        EXPECT_LT(c.x_breaks[i], c.plot.x + c.plot.width);
        if (i > 0) {
          EXPECT_GE(c.x_breaks[i] - c.x_breaks[i - 1], 8);
        }
      }
    }
  }
}

TEST(ChartTest, CrossingMarkedOn30MarchWhenMqmJoins) {
  const Chart c = PkChart();
  ASSERT_TRUE(c.crossed.has_value());
  const ChartMarker& m = c.markers[*c.crossed];
  EXPECT_EQ(m.step, *Pk().story.FirstGain());
  EXPECT_EQ(m.crossing, true);
  EXPECT_EQ(m.date, *Date::Parse("2022-03-30"));
  EXPECT_EQ(m.for_votes, 176);
  EXPECT_EQ(m.required, 172);
  EXPECT_EQ(m.label.text, "MQM-P joins the opposition");
  EXPECT_EQ(std::count_if(c.markers.begin(), c.markers.end(),
                          [](const ChartMarker& x) { return x.crossing; }),
            1);
  ASSERT_TRUE(c.crossing_note.has_value());
  EXPECT_NE(c.crossing_note->text.find("crosses the line"), std::string::npos);
  EXPECT_NE(c.summary.find("30 Mar 2022"), std::string::npos) << c.summary;
}

TEST(ChartTest, RecordedVoteBesideThePaperCountAndTheDismissalShaded) {
  const Chart c = PkChart();
  ASSERT_EQ(c.recorded.size(), 1u);
  const ChartRecorded& r = c.recorded.front();
  const ChartMarker& vote = c.markers[r.marker];
  EXPECT_EQ(vote.kind, MarkerKind::kVote);
  EXPECT_EQ(vote.date, *Date::Parse("2022-04-10"));
  EXPECT_EQ(r.for_votes, 174);
  EXPECT_EQ(r.paper_for, 175);
  EXPECT_GT(r.point.x, vote.point.x);
  EXPECT_DOUBLE_EQ(r.point.y, c.YOf(174));
  ASSERT_EQ(c.blocked.size(), 1u);
  auto x_of = [&](EventKind kind) {
    for (const ChartMarker& m : c.markers) {
      if (Pk().file.events[m.event].kind == kind) return m.point.x;
    }
    return -1.0;
  };
  EXPECT_DOUBLE_EQ(c.blocked.front().x0, x_of(EventKind::kMotionBlocked));
  EXPECT_DOUBLE_EQ(c.blocked.front().x1, x_of(EventKind::kMotionRestored));
  // Issue 17: every label carries its date, the first with its year.
  for (size_t i = 0; i < c.markers.size(); ++i) {
    EXPECT_EQ(c.markers[i].label.date, ShortDate(c.markers[i].date, i == 0)) << i;
  }
}

TEST(ChartTest, BusyDayAndLongSpanStillLegible) {
  std::vector<Step> steps;
  steps.reserve(30);
  for (int i = 0; i < 30; ++i) {
    steps.push_back({"2020-06-01", EventKind::kJoinBloc, 40 + i % 15, 50,
                     "A rather long summary of event number " + std::to_string(i)});
  }
  steps.push_back({"2021-01-15", EventKind::kMotionBlocked, 44});
  steps.push_back({"2023-11-30", EventKind::kVote, 52});
  const Synthetic s = Make(10, steps);
  Result<Chart> chart = BuildChart(s.story, s.events, {.width = 640});
  ASSERT_TRUE(chart.ok()) << chart.status().ToString();
  const Chart& c = *chart;
  ASSERT_EQ(c.markers.size(), 32u);
  for (size_t i = 1; i < c.markers.size(); ++i) {
    EXPECT_GT(c.markers[i].point.x, c.markers[i - 1].point.x);
  }
  ExpectLabelsApart(c);
  ASSERT_GE(c.x_ticks.size(), 2u);
  for (size_t i = 1; i < c.x_ticks.size(); ++i) {
    EXPECT_GT(c.x_ticks[i].position, c.x_ticks[i - 1].position);
  }
  EXPECT_EQ(c.blocked.size(), 1u);  // never restored: to the end
  EXPECT_DOUBLE_EQ(c.blocked.front().x1, c.plot.x + c.plot.width);
  EXPECT_EQ(c.y_min, 0);  // the base of 10 is covered, and the axis never goes below zero
  EXPECT_TRUE(c.crossed.has_value());
}

TEST(ChartTest, Issue18ALabelWithRoomInNoLaneIsLeftOut) {
  // Three long labels on one day, its events at x = 171.3, 370 and 568.7, each dated ("1 Jan",
  // the first "1 Jan 2020") and about 205 px wide. Right to left: the last starts at its mark,
  // the middle one ends at its mark in the same lane; the first starts at its mark and has no
  // room in that lane, nor room to end there. With one lane it is left out; without a limit it
  // goes up a lane, as before.
  const std::string long_summary = "A summary of twenty-four";
  const Synthetic s = Make(10, {{"2020-01-01", EventKind::kNote, 10, 50, long_summary},
                                {"2020-01-01", EventKind::kNote, 10, 50, long_summary},
                                {"2020-01-01", EventKind::kNote, 10, 50, long_summary}});
  Result<Chart> c = BuildChart(s.story, s.events, {.max_lanes = 1});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->lanes, 1);
  ASSERT_EQ(c->markers.size(), 3u);
  const std::vector<ChartMarker>& m = c->markers;
  EXPECT_NEAR(m[0].point.x, 171.33, 0.01);
  EXPECT_NEAR(m[1].point.x, 370, 0.01);
  EXPECT_NEAR(m[2].point.x, 568.67, 0.01);
  EXPECT_FALSE(m[0].labelled);
  EXPECT_TRUE(m[1].labelled);
  EXPECT_TRUE(m[2].labelled);
  EXPECT_EQ(m[1].label.lane, 0);
  EXPECT_TRUE(m[1].label.end_anchored);
  EXPECT_NEAR(m[1].label.box.x + m[1].label.box.width, m[1].point.x, 1e-9);
  EXPECT_EQ(m[2].label.lane, 0);
  EXPECT_FALSE(m[2].label.end_anchored);
  EXPECT_NEAR(m[2].label.box.x, m[2].point.x, 1e-9);

  Result<Chart> open = BuildChart(s.story, s.events);
  ASSERT_TRUE(open.ok());
  EXPECT_EQ(open->lanes, 2);
  for (const ChartMarker& marker : open->markers) EXPECT_TRUE(marker.labelled);
  EXPECT_EQ(open->markers[0].label.lane, 1);
  EXPECT_NEAR(open->markers[0].label.box.x, open->markers[0].point.x, 1e-9);
  EXPECT_EQ(BuildChart(s.story, s.events, {.max_lanes = 0}).status().code(),
            ErrorCode::kInvalidValue);
}

// 2,000 notes over three months, 35 a day: the layout was cubic in events (seconds here) and
// needed hundreds of lanes.
Synthetic TwoThousandEvents() {
  std::vector<Step> steps;
  steps.reserve(2000);
  for (int i = 0; i < 2000; ++i) {
    const int month = i / 35 / 28 + 1;
    const int day = i / 35 % 28 + 1;
    const std::string date =
        "2020-0" + std::to_string(month) + (day < 10 ? "-0" : "-") + std::to_string(day);
    steps.push_back({date, EventKind::kNote, 40 + i % 15, 50, "Event " + std::to_string(i)});
  }
  return Make(10, steps);
}

TEST(ChartTest, Issue18TwoThousandEventsStayWithinTheLanes) {
  const Synthetic s = TwoThousandEvents();
  Result<Chart> c = BuildChart(s.story, s.events);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->lanes, ChartOptions{}.max_lanes);
  const auto labelled = std::count_if(c->markers.begin(), c->markers.end(),
                                      [](const ChartMarker& m) { return m.labelled; });
  EXPECT_GT(labelled, 32);
  EXPECT_LT(labelled, 2000);
  ExpectLabelsApart(*c);
}

TEST(ChartTest, RequiredLineBreaksWhereNothingCanMeetTheRule) {
  const Synthetic s = Make(10, {{"2020-01-01", EventKind::kNote, 10, 20},
                                {"2020-01-02", EventKind::kVacate, 10, std::nullopt},
                                {"2020-01-05", EventKind::kFill, 12, 18}});
  Result<Chart> c = BuildChart(s.story, s.events);
  ASSERT_TRUE(c.ok());
  ASSERT_EQ(c->required_line.size(), 2u);
  EXPECT_DOUBLE_EQ(c->required_line[1].front().y, c->YOf(18));
  EXPECT_EQ(c->markers[0].kind, MarkerKind::kNote);
  EXPECT_EQ(c->markers[1].kind, MarkerKind::kChange);  // required changed
  EXPECT_FALSE(c->crossed.has_value());
  EXPECT_NE(c->summary.find("never had the numbers"), std::string::npos);
}

TEST(ChartTest, RejectsEmptyTimelinesAndBadSizes) {
  const Synthetic empty = Make(10, {});
  EXPECT_EQ(BuildChart(empty.story, empty.events).status().code(), ErrorCode::kInvalidValue);
  const Synthetic one = Make(10, {{"2020-01-01", EventKind::kNote, 10}});
  EXPECT_EQ(BuildChart(one.story, one.events, {.width = 100}).status().code(),
            ErrorCode::kInvalidValue);
  EXPECT_EQ(BuildChart(one.story, {}).status().code(), ErrorCode::kInvalidValue);
  EXPECT_TRUE(BuildChart(one.story, one.events).ok());
}

TEST(ChartTest, LongNoteSummariesAreCutAtAWord) {
  const Synthetic s =
      Make(10, {{"2020-01-01", EventKind::kNote, 10, 50, "Leave granted in the House: 161 members"},
                {"2020-01-02", EventKind::kNote, 10, 50,
                 "A very long note with no clause break that goes on and on for ever"}});
  Result<Chart> c = BuildChart(s.story, s.events);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->markers[0].label.text, "Leave granted in the House");
  EXPECT_EQ(c->markers[1].label.text, "A very long note with no clause break that\xE2\x80\xA6");
}

// --- SVG ---------------------------------------------------------------------------------------

struct Parsed {
  bool ok = false;
  std::string error;
  std::string root;
  std::map<std::string, int> elements;
  std::map<std::string, std::string> classes;  // id → class
  std::string title;
  std::string desc;
  std::string text;  // all character data of <text> elements
  double width = 0;
  double height = 0;
};

struct ParseState {
  Parsed* out;
  int depth = 0;
  std::string current;
  std::vector<std::string> stack;
};

Parsed ParseXml(const std::string& xml) {
  Parsed p;
  ParseState st{&p};
  XML_Parser parser = XML_ParserCreate("UTF-8");
  XML_SetUserData(parser, &st);
  XML_SetElementHandler(
      parser,
      [](void* data, const XML_Char* name, const XML_Char** attrs) {
        auto* s = static_cast<ParseState*>(data);
        const std::string element = name;
        if (s->depth == 0) s->out->root = element;
        ++s->out->elements[element];
        std::string id;
        std::string cls;
        for (int i = 0; attrs[i] != nullptr; i += 2) {
          const std::string key = attrs[i];
          if (key == "id") id = attrs[i + 1];
          if (key == "class") cls = attrs[i + 1];
          if (s->depth == 0 && key == "width") s->out->width = std::stod(attrs[i + 1]);
          if (s->depth == 0 && key == "height") s->out->height = std::stod(attrs[i + 1]);
        }
        if (!id.empty()) s->out->classes[id] = cls;
        s->stack.push_back(element);
        s->current.clear();
        ++s->depth;
      },
      [](void* data, const XML_Char* name) {
        auto* s = static_cast<ParseState*>(data);
        const std::string element = name;
        if (s->depth == 2 && element == "title") s->out->title = s->current;
        if (s->depth == 2 && element == "desc") s->out->desc = s->current;
        s->stack.pop_back();
        --s->depth;
      });
  XML_SetCharacterDataHandler(parser, [](void* data, const XML_Char* text, int len) {
    auto* s = static_cast<ParseState*>(data);
    s->current.append(text, static_cast<size_t>(len));
    if (std::find(s->stack.begin(), s->stack.end(), "text") != s->stack.end()) {
      s->out->text.append(text, static_cast<size_t>(len));
    }
  });
  p.ok = XML_Parse(parser, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_OK;
  if (!p.ok) {
    p.error = std::string(XML_ErrorString(XML_GetErrorCode(parser))) + " at line " +
              std::to_string(XML_GetCurrentLineNumber(parser));
  }
  XML_ParserFree(parser);
  return p;
}

TEST(ChartSvgTest, PakistanIsWellFormedAndTellsTheStory) {
  const Chart c = PkChart({.title = "National Assembly of Pakistan",
                           .subtitle = "No-confidence motion against Prime Minister Imran Khan"});
  const std::string svg = WriteChartSvg(c);
  const Parsed p = ParseXml(svg);
  ASSERT_TRUE(p.ok) << p.error;
  EXPECT_EQ(p.root, "svg");
  EXPECT_EQ(p.width, std::ceil(c.width));
  EXPECT_EQ(p.height, std::ceil(c.height));
  EXPECT_EQ(
      p.title,
      "National Assembly of Pakistan: No-confidence motion against Prime Minister Imran Khan");
  EXPECT_NE(p.desc.find("30 Mar 2022"), std::string::npos) << p.desc;
  EXPECT_NE(p.desc.find("174 for"), std::string::npos) << p.desc;
  EXPECT_NE(p.desc.find("the motion is blocked on 3 Apr 2022"), std::string::npos) << p.desc;
  EXPECT_NE(p.desc.find("the motion is restored on 7 Apr 2022"), std::string::npos) << p.desc;
  // One group per event, the crossing one marked; the lines and the groups the docs name.
  int events = 0;
  int crossing = 0;
  for (const auto& [id, cls] : p.classes) {
    if (id.rfind("event-", 0) == 0) {
      ++events;
      if (cls.find("crossing") != std::string::npos) ++crossing;
    }
  }
  EXPECT_EQ(events, static_cast<int>(c.markers.size()));
  EXPECT_EQ(crossing, 1);
  EXPECT_EQ(p.classes.at("event-16"), "event change crossing");
  EXPECT_EQ(p.classes.at("event-23"), "event vote");
  for (const char* id : {"for", "key", "y-axis", "x-axis", "blocked", "leaders", "lines", "events",
                         "recorded", "end-labels", "crossing"}) {
    EXPECT_TRUE(p.classes.count(id)) << id;
  }
  for (const char* text : {"30 Mar", "3 Apr", "7 Apr", "10 Apr", "172 needed", "175 for on paper",
                           "174 voted for", "crosses the line", "MQM-P joins the opposition",
                           "The motion is blocked", "The motion is restored"}) {
    EXPECT_NE(p.text.find(text), std::string::npos) << text;
  }
}

TEST(ChartSvgTest, HostileTextStaysWellFormed) {
  const Synthetic s =
      Make(10, {{"2020-01-01", EventKind::kNote, 10, 50, "<script>alert(1)</script> & \"q\""},
                {"2020-01-01", EventKind::kNote, 60, 50, std::string("bad\x01\xFF utf-8 ]]>")}});
  Result<Chart> c = BuildChart(s.story, s.events, {.title = "A & B <c>", .subtitle = "\x02"});
  ASSERT_TRUE(c.ok());
  const Parsed p = ParseXml(WriteChartSvg(*c));
  ASSERT_TRUE(p.ok) << p.error;
  EXPECT_EQ(p.elements.count("script"), 0u);
  EXPECT_EQ(p.title.rfind("A & B <c>", 0), 0u);
}

TEST(ChartSvgTest, Issue18AnUnlabelledEventKeepsItsMarkAndTooltipOnly) {
  const Synthetic s = TwoThousandEvents();
  Result<Chart> c = BuildChart(s.story, s.events);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  const std::string svg = WriteChartSvg(*c);
  const Parsed p = ParseXml(svg);
  ASSERT_TRUE(p.ok) << p.error;
  const auto labelled = std::count_if(c->markers.begin(), c->markers.end(),
                                      [](const ChartMarker& m) { return m.labelled; });
  auto count = [&](std::string_view what) {
    std::ptrdiff_t n = 0;
    for (size_t at = svg.find(what); at != std::string::npos; at = svg.find(what, at + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count("<title>"), 2000);                     // every event's tooltip
  const std::ptrdiff_t note = c->crossing_note ? 1 : 0;  // "crosses the line" has a ground too
  EXPECT_EQ(count("class=\"label-bg\""), labelled + note);
  EXPECT_EQ(count("class=\"leader\""), labelled);
}

std::uint32_t BigEndian(const std::string& s, size_t at) {
  std::uint32_t v = 0;
  for (size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(s[at + i]);
  return v;
}

TEST(ChartSvgTest, PngHasTheSvgSize) {
  const Chart c = PkChart({.width = 640});
  Result<std::string> png = RenderPng(WriteChartSvg(c));
  ASSERT_TRUE(png.ok()) << png.status().ToString();
  ASSERT_GT(png->size(), 1000u);
  EXPECT_EQ(png->substr(0, 8), "\x89PNG\r\n\x1a\n");
  EXPECT_EQ(BigEndian(*png, 16), static_cast<std::uint32_t>(std::ceil(c.width)));
  EXPECT_EQ(BigEndian(*png, 20), static_cast<std::uint32_t>(std::ceil(c.height)));
}

// --- whipcount chart ---------------------------------------------------------------------------

cli::CliRun RunChartCli(std::vector<std::string> args) {
  args.insert(args.begin(), "chart");
  return cli::RunInProcess(args);
}

TEST(ChartCliTest, WritesSvgToStdoutAndPngToAFile) {
  const cli::CliRun svg = RunChartCli({kPk, "--width", "900", "--against"});
  ASSERT_EQ(svg.code, 0) << svg.err;
  const Parsed p = ParseXml(svg.out);
  ASSERT_TRUE(p.ok) << p.error;
  EXPECT_EQ(p.width, 900);
  EXPECT_TRUE(p.classes.count("against"));

  const std::string path = (std::filesystem::temp_directory_path() /
                            ("chart_test_" + std::to_string(::getpid()) + ".png"))
                               .string();
  const cli::CliRun png = RunChartCli({kPk, "-o", path, "--json"});
  ASSERT_EQ(png.code, 0) << png.err;
  EXPECT_NE(png.out.find("\"format\": \"png\""), std::string::npos) << png.out;
  EXPECT_NE(png.out.find("\"crossed\": \"2022-03-30\""), std::string::npos) << png.out;
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::filesystem::remove(path);
  EXPECT_EQ(bytes.substr(0, 8), "\x89PNG\r\n\x1a\n");
  EXPECT_EQ(BigEndian(bytes, 16), 800u);
}

TEST(ChartCliTest, UsageErrors) {
  EXPECT_EQ(RunChartCli({kPk, "--format", "gif"}).code, 2);
  EXPECT_EQ(RunChartCli({kPk, "--width", "10"}).code, 2);
  std::ostringstream out;
  std::ostringstream err;
  cli::Io tty{out, err, true};
  EXPECT_EQ(cli::Main({"chart", kPk, "--format", "png"}, tty), 2);
}

TEST(ChartCliTest, Issue18AnOversizedPngIsTooLargeNamingTheOptionNotAnIoError) {
  // 32000 by 25800 pixels passed the 32767-a-side check, and librsvg then ran out of memory:
  // "[E301 io] cannot draw the SVG: librsvg could not draw it: rendering error: NoMemory", exit 3.
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("chart_test_big_" + std::to_string(::getpid()) + ".png"))
                               .string();
  const cli::CliRun r =
      RunChartCli({kPk, "--width", "4000", "--height", "3000", "--scale", "8", "-o", path});
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find("error: [E211 too-large] the PNG would be 32000 by "), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(" pixels, past the limit of 32767 a side and 134217728 in all: lower "
                       "--scale (8) or --width\n"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(path));
}

}  // namespace
}  // namespace whipcount
