// whipcount draw FILE: the chamber on a date as a parliament diagram, in SVG or PNG.
#include <string>

#include "commands/commands.h"
#include "io/json_out.h"
#include "io/svg.h"
#include "whipcount/diagram.h"
#include "whipcount/tally.h"

namespace whipcount::cli {
namespace {

struct Request {
  DiagramOptions diagram;
  SvgOptions svg;
  PictureOutput picture;
  bool two_thirds = false;
};

Result<Request> ReadRequest(const Args& args, const Io& io) {
  Request r;
  WHIPCOUNT_ASSIGN_OR_RETURN(r.picture, ReadPictureOutput(args, io));
  WHIPCOUNT_ASSIGN_OR_RETURN(r.diagram.layout, args.Choice<Layout>("layout"));
  WHIPCOUNT_ASSIGN_OR_RETURN(r.diagram.span_degrees, args.Number("span"));
  WHIPCOUNT_ASSIGN_OR_RETURN(r.diagram.order, args.Choice<SeatOrder>("order"));
  WHIPCOUNT_ASSIGN_OR_RETURN(r.diagram.stances, args.Choice<StanceMarks>("stances"));
  WHIPCOUNT_ASSIGN_OR_RETURN(const double width, args.Number("width"));
  r.svg.width = static_cast<int>(width);
  if (args.Has("no-legend")) r.svg.legend = Legend::kHide;
  r.svg.compact = args.Has("compact");
  r.two_thirds = args.Has("two-thirds");
  return r;
}

std::string MarkerLabel(const Tally& tally) {
  for (const ThresholdCheck& check : tally.thresholds) {
    if (check.required == tally.required && !check.threshold.label.empty()) {
      return "needed: " + check.threshold.label;
    }
  }
  return "needed";
}

Status RunDraw(const Args& args, Io& io) {
  WHIPCOUNT_ASSIGN_OR_RETURN(Request request, ReadRequest(args, io));
  Request& r = request;
  WHIPCOUNT_ASSIGN_OR_RETURN(FileCase file, LoadPositionalFile(args, io));
  WHIPCOUNT_ASSIGN_OR_RETURN(std::vector<std::optional<Date>> dates, DatesFrom(args));
  WHIPCOUNT_ASSIGN_OR_RETURN(WhatIfSnapshot drawn, SnapshotWithWhatIfs(args, file, dates.front()));
  const Snapshot& snapshot = drawn.snapshot;
  const State& state = snapshot.state;
  const Chamber& chamber = state.chamber;

  // The motion's requirement on that date, and 2/3 of the membership on request. A picture of a
  // what-if says so, wherever it is shown: before the motion's title, so that a long title is
  // what a narrow picture cuts.
  std::string subtitle = snapshot.date ? snapshot.date->ToString() : std::string();
  const auto append = [&subtitle](const std::string& part) {
    if (!part.empty()) subtitle += (subtitle.empty() ? "" : " \xC2\xB7 ") + part;
  };
  append(WhatIfLine(drawn.what_ifs));
  if (const std::optional<Tally>& tally = snapshot.tally) {
    if (tally->required) r.diagram.markers.push_back({*tally->required, MarkerLabel(*tally)});
    append(file.on.motion->title);
  }
  if (r.two_thirds) {
    const Threshold two_thirds{.fraction = {2, 3}, .strict = false, .base = Base::kStatutorySeats};
    r.diagram.markers.push_back(
        {RequiredVotes(two_thirds, chamber.statutory_seats), "two-thirds of the membership"});
  }
  WHIPCOUNT_ASSIGN_OR_RETURN(Diagram diagram, BuildDiagram(chamber, state.stances, r.diagram));
  r.svg.subtitle = subtitle;
  if (args.Has("wiki-legend")) io.out << WikipediaLegend(diagram);
  return WritePicture(WriteSvg(diagram, r.svg), r.picture, args, io,
                      io::DiagramFieldsToJson(diagram),
                      /*stdout_taken=*/args.Has("wiki-legend"));
}

// The usage line, its words from their tables (a Command holds a view of it).
const std::string& DrawUsage() {
  static const std::string kUsage =
      "whipcount draw FILE [--date YYYY-MM-DD] [--set WHAT-IF]... "
      "[--layout " +
      EnumAlternatives<Layout>() + "] [--format " + EnumAlternatives<PictureFormat>() +
      "] [-o OUT]";
  return kUsage;
}

std::vector<FlagSpec> DrawFlags() {
  const DiagramOptions diagram;
  std::vector<FlagSpec> flags = {
      {.name = "date",
       .value = "YYYY-MM-DD",
       .help = "draw the chamber as it stood on this date (default: the motion's date)"},
      StanceWhatIfFlag("draw with a stance that is not the file's, e.g. MQM-P=for or "
                       "member:cheema=absent (the picture says it is hypothetical)"),
      {.name = "layout", .value = "LAYOUT", .accepts = WordsOf<Layout>(diagram.layout)},
      {.name = "span",
       .value = "DEGREES",
       .help = "the angle an arch covers",
       .accepts = Numbers{.low = 10, .high = 360, .fallback = diagram.span_degrees}},
      {.name = "order",
       .value = "ORDER",
       .help = "seat order: stance puts every \"for\" seat first when stances are marked, blocs "
               "seats opposition left and government right, chamber keeps file order, position "
               "runs left to right",
       .accepts = WordsOf<SeatOrder>(diagram.order)},
      {.name = "stances",
       .value = "WHEN",
       .help = "mark stances",
       .accepts = WordsOf<StanceMarks>(diagram.stances)},
      {.name = "two-thirds", .help = "also mark two-thirds of the membership"},
      {.name = "width",
       .value = "PX",
       .help = "picture width in pixels",
       .accepts = Numbers{.low = 240, .high = 8000, .fallback = SvgOptions{}.width}},
      {.name = "no-legend", .help = "draw the seats only: no title, bar, legend or key"},
      {.name = "compact",
       .help = "for embedding: the seats and the vote bar, without title, legend or key"},
      {.name = "wiki-legend", .help = "print Wikipedia {{legend}} lines to stdout"},
  };
  const std::vector<FlagSpec> picture = PictureFlags();
  flags.insert(flags.end(), picture.begin(), picture.end());
  return flags;
}

}  // namespace

Command DrawCommand() {
  return Command{
      .name = "draw",
      .summary = "a parliament diagram of the chamber on a date, as SVG or PNG",
      .usage = DrawUsage(),
      .example = "whipcount draw data/pk-na-2022.yaml --date 2022-03-30 -o pk-30.png",
      .description =
          "Draws every seat of the chamber as it stood on the date (default: the motion's date) "
          "in its party's colour, the presiding officer apart. When the file has a motion, the "
          "seats are grouped by stance, every \"for\" seat first, and marked (solid for, a band "
          "across against, half-filled abstain, small dot absent, hatched undecided); a line "
          "crosses the seats at the number of votes the motion needs. Without one, parties sit "
          "by bloc, government on the right and opposition on the left. The format follows -o's "
          "extension unless --format "
          "says otherwise; without -o the picture goes to standard output. See docs/diagrams.md.",
      .flags = DrawFlags(),
      .run = RunDraw,
  };
}

}  // namespace whipcount::cli
