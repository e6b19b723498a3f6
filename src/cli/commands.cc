#include "cli/commands.h"

#include <cctype>
#include <exception>

#include "io/file.h"
#include "io/json_out.h"
#include "io/picture.h"
#include "whipcount/version.h"

namespace whipcount::cli {
namespace {

const std::vector<FlagSpec>& CommonFlags() {
  static const std::vector<FlagSpec> kFlags = {
      {.name = "json", .help = "print machine-readable JSON instead of text"},
      {.name = "color",
       .value = "WHEN",
       .help = "colour",
       .accepts = WordsOf<ColourWhen>(ColourWhen::kAuto)},
      {.name = "motion",
       .value = "ID",
       .help = "of a chamber file with several motions, the one to count (default: the latest)"},
      {.name = "help", .help = "show this help", .short_name = 'h'},
  };
  return kFlags;
}

void PrintCommandHelp(const Command& c, std::ostream& out) {
  out << "Usage: " << c.usage << "\n\n" << c.summary << "\n";
  if (!c.description.empty()) out << "\n" << Wrap(c.description, 80) << "\n";
  out << "\nOptions:\n";
  std::vector<FlagSpec> all = c.flags;
  all.insert(all.end(), CommonFlags().begin(), CommonFlags().end());
  size_t width = 0;
  std::vector<std::string> names;
  for (const FlagSpec& f : all) {
    std::string n = f.short_name ? std::string("-") + f.short_name + ", " : "    ";
    n += "--" + std::string(f.name);
    if (!f.value.empty()) n += " " + std::string(f.value);
    width = std::max(width, n.size());
    names.push_back(n);
  }
  for (size_t i = 0; i < all.size(); ++i) {
    out << "  " << names[i] << std::string(width - names[i].size() + 2, ' ') << FlagHelp(all[i])
        << (all[i].repeatable ? " (repeatable)" : "") << "\n";
  }
}

void PrintMainHelp(std::ostream& out) {
  out << "whipcount: does the motion have the numbers? Exact legislative vote arithmetic.\n\n"
         "Usage: whipcount COMMAND [OPTIONS] FILE\n\nCommands:\n";
  size_t width = 0;
  for (const Command& c : Commands()) width = std::max(width, c.name.size());
  for (const Command& c : Commands()) {
    out << "  " << c.name << std::string(width - c.name.size() + 2, ' ') << c.summary << "\n";
  }
  out << "\nRun 'whipcount COMMAND --help' for a command's options. Start with:\n"
         "  whipcount explain data/pk-na-2022.yaml --date 2022-03-29 --date 2022-03-30\n"
         "\nExit codes: 0 done, 1 invalid input data, 2 wrong command line, 3 file not "
         "readable or writable.\nThe chamber file format is described in docs/file-format.md.\n";
}

// --color, checked before any command runs.
ColourWhen ColourOf(const Args& args) {
  const Result<ColourWhen> when = args.Choice<ColourWhen>("color");
  return when.ok() ? *when : ColourWhen::kAuto;
}

const Command* FindCommand(std::string_view name) {
  for (const Command& c : Commands()) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

// Reports `status` on stderr (or as JSON on stdout with --json) and returns its exit code.
int ReportError(const Status& status, const Args& args, Io& io) {
  if (args.Has("json")) {
    io.out << io::StatusToJson(status).dump(2) << "\n";
  } else {
    const Style style(ColourWanted(ColourOf(args), false));
    io.err << style(Colour::kRed, "error: ") << status.ToString() << "\n";
  }
  switch (status.code()) {
    case ErrorCode::kIo:
      return kExitIo;
    case ErrorCode::kUsage:
      return kExitUsage;
    default:
      return kExitInvalidInput;
  }
}

int RunCommand(const Command& command, const std::vector<std::string>& rest, Io& io) {
  std::vector<FlagSpec> flags = command.flags;
  flags.insert(flags.end(), CommonFlags().begin(), CommonFlags().end());
  Result<Args> args = Args::Parse(rest, flags);
  if (!args.ok()) {
    io.err << "whipcount " << command.name << ": " << args.status().message() << "\n"
           << "Usage: " << command.usage << "\n";
    return kExitUsage;
  }
  if (args->Has("help")) {
    PrintCommandHelp(command, io.out);
    return kExitOk;
  }
  if (const Result<ColourWhen> when = args->Choice<ColourWhen>("color"); !when.ok()) {
    io.err << "whipcount " << command.name << ": " << when.status().message() << "\n";
    return kExitUsage;
  }
  const Status status = command.run(*args, io);
  return status.ok() ? kExitOk : ReportError(status, *args, io);
}

}  // namespace

const std::vector<Command>& Commands() {
  // One command a line, in the order `whipcount --help` lists them.
  static const std::vector<Command> kCommands = {
      TallyCommand(),       // the numbers on a date
      ExplainCommand(),     // the same in words
      TimelineCommand(),    // event by event
      DiffCommand(),        // between two dates
      ForecastCommand(),    // the probability of passing
      DrawCommand(),        // parliament diagram
      ChartCommand(),       // timeline chart
      PowerCommand(),       // power indices
      CoalitionsCommand(),  // winning coalitions
      CheckCommand(),       // validate a file
  };
  return kCommands;
}

Status Usage(std::string message) { return {ErrorCode::kUsage, std::move(message)}; }

std::vector<FlagSpec> PictureFlags() {
  return {
      {.name = "format",
       .value = "FORMAT",
       .help = "the picture's format (default: -o's extension, else svg)",
       .accepts = WordsOf<PictureFormat>()},
      {.name = "output", .value = "OUT", .help = "write to this file", .short_name = 'o'},
      {.name = "scale",
       .value = "N",
       .help = "PNG pixels per SVG pixel",
       .accepts = Numbers{.low = 0.1, .high = 8, .fallback = PictureOutput{}.scale}},
  };
}

Result<PictureOutput> ReadPictureOutput(const Args& args, const Io& io) {
  PictureOutput out;
  out.path = args.Get("output");
  if (out.path == "-") out.path.reset();  // `-o -`: standard output, as other tools read it
  if (args.Has("format")) {
    WHIPCOUNT_ASSIGN_OR_RETURN(out.format, args.Choice<PictureFormat>("format"));
  } else if (out.path) {
    Result<PictureFormat> by_name = FormatOfPath(*out.path);
    if (!by_name.ok()) return Usage("-o: " + by_name.status().message());
    out.format = *by_name;
  }
  WHIPCOUNT_ASSIGN_OR_RETURN(out.scale, args.Number("scale"));
  std::string name(EnumName(out.format));
  for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (IsBinary(out.format) && !out.path && args.Has("json")) {
    return Usage("--json prints the picture's details, and a " + name +
                 " cannot go inside them: name a file with -o");
  }
  if (IsBinary(out.format) && !out.path && io.stdout_is_tty) {
    return Usage("a " + name + " would go to the terminal: name a file with -o");
  }
  return out;
}

Status WritePicture(std::string svg, const PictureOutput& out, const Args& args, Io& io,
                    const nlohmann::ordered_json& fields, bool stdout_taken) {
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::string bytes,
                             RenderPicture(std::move(svg), out.format, {.scale = out.scale}));
  if (out.path) WHIPCOUNT_RETURN_IF_ERROR(io::WriteFile(*out.path, bytes));
  if (args.Has("json")) {
    // A path need not be UTF-8: its other bytes are replaced rather than refused.
    io.out << io::PictureStatusToJson(out.path, out.format, bytes, fields)
                  .dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
           << "\n";
  } else if (!out.path && !stdout_taken) {
    io.out << bytes;
  }
  return Status::Ok();
}

Style StyleFor(const Args& args, const Io& io) {
  return Style(ColourWanted(ColourOf(args), io.stdout_is_tty));
}

Result<FileCase> LoadPositionalFile(const Args& args) {
  if (args.positional().size() != 1) {
    return Status(ErrorCode::kUsage, args.positional().empty()
                                         ? "name a chamber file, e.g. data/pk-na-2022.yaml"
                                         : "expected one chamber file, got " +
                                               std::to_string(args.positional().size()) +
                                               " arguments");
  }
  return LoadChamber(args.positional()[0], args);
}

namespace {

// `result`, or its error placed in the file (an event's file:line).
template <typename T>
Result<T> Located(const io::ChamberFile& file, Result<T> result) {
  if (!result.ok()) return file.Locate(result.status());
  return result;
}

}  // namespace

Result<FileCase> LoadChamber(const std::string& path, const Args& args) {
  FileCase out;
  WHIPCOUNT_ASSIGN_OR_RETURN(out.file, io::LoadChamberFile(path));
  WHIPCOUNT_ASSIGN_OR_RETURN(out.on,
                             Located(out.file, SelectMotion(out.file.content, args.Get("motion"))));
  return out;
}

Status FileCase::RequireMotion(std::string_view why) const {
  if (on.motion) return Status::Ok();
  return Status(ErrorCode::kMissingField, "the file has no 'motion' section" + std::string(why),
                {.file = file.path, .path = "motion"});
}

Result<State> FileCase::StateOn(std::optional<Date> date) const {
  return Located(file, whipcount::StateOn(on, date));
}

Result<Snapshot> FileCase::SnapshotOn(std::optional<Date> date) const {
  return Located(file, whipcount::SnapshotOn(on, date));
}

Result<Snapshot> FileCase::TallyOn(std::optional<Date> date) const {
  return Located(file, whipcount::TallyOn(on, date));
}

Result<TimelineTally> FileCase::TallyStory() const {
  return Located(file, whipcount::TallyStory(on));
}

Result<Comparison> FileCase::Compare(Date from, Date to) const {
  return Located(file, whipcount::Compare(on, from, to));
}

Result<std::vector<std::optional<Date>>> DatesFrom(const Args& args) {
  std::vector<std::optional<Date>> dates;
  for (const std::string& text : args.GetAll("date")) {
    auto d = Date::Parse(text);
    if (!d) {
      return Status(ErrorCode::kUsage,
                    "--date '" + text + "' is not a calendar date of the form YYYY-MM-DD");
    }
    dates.emplace_back(*d);
  }
  if (dates.empty()) dates.emplace_back(std::nullopt);
  return dates;
}

namespace {

// Runs the command line `argv` names, or prints the help or version it asks for.
int Dispatch(const std::vector<std::string>& argv, Io& io) {
  try {
    if (argv.empty() || argv[0] == "--help" || argv[0] == "-h" || argv[0] == "help") {
      if (argv.size() >= 2) {
        if (const Command* c = FindCommand(argv[1])) {
          PrintCommandHelp(*c, io.out);
          return kExitOk;
        }
      }
      PrintMainHelp(argv.empty() ? io.err : io.out);
      return argv.empty() ? kExitUsage : kExitOk;
    }
    if (argv[0] == "--version") {
      io.out << "whipcount " << kVersion << "\n";
      return kExitOk;
    }
    const Command* command = FindCommand(argv[0]);
    if (command == nullptr) {
      io.err << "whipcount: unknown command '" << argv[0]
             << "'. Run 'whipcount --help' for the list of commands.\n";
      return kExitUsage;
    }
    return RunCommand(*command, std::vector<std::string>(argv.begin() + 1, argv.end()), io);
  } catch (const std::exception& e) {
    // No engine or io path throws on bad input; this is a last line of defence, not a feature.
    io.err << "whipcount: internal error: " << e.what() << "\n";
    return kExitInvalidInput;
  }
}

// Output that never reached standard output (a full disk, a closed stream) fails the command
// like any other failed write: E301 on stderr, exit 3 unless the command had already failed.
int CheckOutput(int code, Io& io) {
  io.out.flush();
  if (io.out) return code;
  io.err << "error: " << Status(ErrorCode::kIo, "cannot write to standard output").ToString()
         << "\n";
  return code == kExitOk ? kExitIo : code;
}

}  // namespace

int Main(const std::vector<std::string>& argv, Io& io) {
  return CheckOutput(Dispatch(argv, io), io);
}

}  // namespace whipcount::cli
