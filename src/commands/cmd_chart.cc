// whipcount chart FILE: "for" against "required" over the timeline's dates, in SVG or PNG.
#include <string>

#include "commands/commands.h"
#include "io/chart_svg.h"
#include "io/json_out.h"
#include "whipcount/chart.h"
#include "whipcount/tally.h"

namespace whipcount::cli {
namespace {

struct Request {
  ChartOptions chart;
  PictureOutput picture;
};

Result<Request> ReadRequest(const Args& args, const Io& io) {
  Request r;
  WHIPCOUNT_ASSIGN_OR_RETURN(r.picture, ReadPictureOutput(args, io));
  WHIPCOUNT_ASSIGN_OR_RETURN(r.chart.width, args.Number("width"));
  WHIPCOUNT_ASSIGN_OR_RETURN(r.chart.plot_height, args.Number("height"));
  if (args.Has("against")) r.chart.against = AgainstLine::kShow;
  return r;
}

Status RunChart(const Args& args, Io& io) {
  WHIPCOUNT_ASSIGN_OR_RETURN(Request request, ReadRequest(args, io));
  Request& r = request;
  WHIPCOUNT_ASSIGN_OR_RETURN(FileCase file, LoadPositionalFile(args, io));
  const FileCase& f = file;
  WHIPCOUNT_RETURN_IF_ERROR(f.RequireMotion(" to chart"));
  if (f.on.events.empty()) {
    return Status(ErrorCode::kMissingField, "the file has no events to chart",
                  {.file = f.path(), .path = "events"});
  }
  WHIPCOUNT_ASSIGN_OR_RETURN(TimelineTally story, f.TallyStory());
  r.chart.title = f.base().chamber.name;
  r.chart.subtitle = f.on.motion->title;
  WHIPCOUNT_ASSIGN_OR_RETURN(Chart chart, BuildChart(story, f.on.events, r.chart));
  return WritePicture(WriteChartSvg(chart), r.picture, args, io, io::ChartFieldsToJson(chart));
}

// The usage line, its format words from their table (a Command holds a view of it).
const std::string& ChartUsage() {
  static const std::string kUsage = "whipcount chart FILE [--format " +
                                    EnumAlternatives<PictureFormat>() +
                                    "] [-o OUT] [--width W] [--against]";
  return kUsage;
}

std::vector<FlagSpec> ChartFlags() {
  const ChartOptions chart;
  std::vector<FlagSpec> flags = {
      {.name = "width",
       .value = "PX",
       .help = "picture width in pixels",
       .accepts = Numbers{.low = 320, .high = 8000, .fallback = chart.width}},
      {.name = "height",
       .value = "PX",
       .help = "height of the plot itself",
       .accepts = Numbers{.low = 60, .high = 8000, .fallback = chart.plot_height}},
      {.name = "against", .help = "also draw the \"against\" line"},
  };
  const std::vector<FlagSpec> picture = PictureFlags();
  flags.insert(flags.end(), picture.begin(), picture.end());
  return flags;
}

}  // namespace

Command ChartCommand() {
  return Command{
      .name = "chart",
      .summary = "a chart of \"for\" against \"required\" over the timeline, as SVG or PNG",
      .usage = ChartUsage(),
      .example = "whipcount chart data/pk-na-2022.yaml -o pk-chart.svg",
      .description =
          "Replays the file's events and draws the motion's support on paper after each one as "
          "a step line against the number of votes it needs, over the dates (a day with many "
          "events is widened so that each keeps its own mark). Every event is marked and "
          "labelled; the day the motion first has the numbers is ringed, spans in which the "
          "motion stood blocked are shaded, and recorded votes appear as diamonds beside the "
          "count on paper. The format follows -o's extension unless --format says otherwise; "
          "without -o the picture goes to standard output. See docs/diagrams.md.",
      .flags = ChartFlags(),
      .run = RunChart,
  };
}

}  // namespace whipcount::cli
