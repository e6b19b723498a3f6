#include "cli/commands.h"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <exception>

#include "io/file.h"
#include "io/json_out.h"
#include "io/picture.h"
#include "whipcount/version.h"

namespace whipcount::cli {
namespace {

FlagSpec JsonFlag() {
  return {.name = "json", .help = "print machine-readable JSON instead of text"};
}

FlagSpec ColourFlag() {
  return {.name = "color",
          .value = "WHEN",
          .help = "colour",
          .accepts = WordsOf<ColourWhen>(ColourWhen::kAuto)};
}

FlagSpec HelpFlag() { return {.name = "help", .help = "show this help", .short_name = 'h'}; }

// The options whipcount takes before the command as well as after it.
const std::vector<FlagSpec>& GlobalFlags() {
  static const std::vector<FlagSpec> kFlags = {
      JsonFlag(),
      ColourFlag(),
      HelpFlag(),
      {.name = "version", .help = "print whipcount's version", .short_name = 'V'},
  };
  return kFlags;
}

// The options every command takes after its name.
const std::vector<FlagSpec>& CommonFlags() {
  static const std::vector<FlagSpec> kFlags = {
      JsonFlag(),
      ColourFlag(),
      {.name = "motion",
       .value = "ID",
       .help = "of a chamber file with several motions, the one to count (default: the latest)"},
      HelpFlag(),
  };
  return kFlags;
}

// "  --color WHEN  colour: ..." for each flag, the help aligned.
void PrintFlags(const std::vector<FlagSpec>& flags, std::ostream& out) {
  size_t width = 0;
  std::vector<std::string> names;
  for (const FlagSpec& f : flags) {
    std::string n = f.short_name ? std::string("-") + f.short_name + ", " : "    ";
    n += "--" + std::string(f.name);
    if (!f.value.empty()) n += " " + std::string(f.value);
    width = std::max(width, n.size());
    names.push_back(n);
  }
  for (size_t i = 0; i < flags.size(); ++i) {
    out << "  " << names[i] << std::string(width - names[i].size() + 2, ' ') << FlagHelp(flags[i])
        << (flags[i].repeatable ? " (repeatable)" : "") << "\n";
  }
}

void PrintCommandHelp(const Command& c, std::ostream& out) {
  out << "Usage: " << c.usage << "\n\n" << c.summary << "\n";
  if (!c.example.empty()) out << "\nExample:\n  " << c.example << "\n";
  if (!c.description.empty()) out << "\n" << Wrap(c.description, 80) << "\n";
  out << "\nOptions:\n";
  PrintFlags(FlagsOf(c), out);
}

void PrintMainHelp(std::ostream& out) {
  out << "whipcount: does the motion have the numbers? Exact legislative vote arithmetic.\n\n"
         "Usage: whipcount [GLOBAL OPTIONS] COMMAND [OPTIONS] FILE\n\nCommands:\n";
  size_t width = 0;
  for (const Command& c : Commands()) width = std::max(width, c.name.size());
  for (const Command& c : Commands()) {
    out << "  " << c.name << std::string(width - c.name.size() + 2, ' ') << c.summary << "\n";
  }
  out << "\nGlobal options, before the command or after it:\n";
  PrintFlags(GlobalFlags(), out);
  out << "\nRun 'whipcount COMMAND --help' for a command's options. Start with:\n"
         "  whipcount explain data/pk-na-2022.yaml --date 2022-03-29 --date 2022-03-30\n"
         "\nErrors read 'whipcount COMMAND: error: [CODE name] message' (docs/errors.md); the\n"
         "command line, --json and --csv are described in docs/cli.md.\n"
         "Exit codes: 0 done, 1 invalid input data, 2 wrong command line, 3 file not "
         "readable or writable.\nThe chamber file format is described in docs/file-format.md; "
         "'-' for FILE reads\nstandard input.\n";
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

// How an error is shown: the command it came from (empty before there is one), and whether the
// command line asked for JSON and for colour.
struct ErrorForm {
  std::string_view command;
  bool json = false;
  ColourWhen colour = ColourWhen::kAuto;
};

ErrorForm FormOf(std::string_view command, const Args& args) {
  return {.command = command, .json = args.Has("json"), .colour = ColourOf(args)};
}

// The form asked for by command-line words that did not parse: their --json and --color WHEN
// (before any "--").
ErrorForm FormOfWords(std::string_view command, const std::vector<std::string>& words) {
  ErrorForm form{.command = command};
  for (size_t i = 0; i < words.size() && words[i] != "--"; ++i) {
    std::optional<std::string> when;
    if (words[i] == "--json") form.json = true;
    if (words[i].starts_with("--color=")) when = words[i].substr(8);
    if (words[i] == "--color" && i + 1 < words.size()) when = words[i + 1];
    if (when) form.colour = ParseEnum<ColourWhen>(*when).value_or(ColourWhen::kAuto);
  }
  return form;
}

int ExitCodeOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::kIo:
      return kExitIo;
    case ErrorCode::kUsage:
      return kExitUsage;
    default:
      return kExitInvalidInput;
  }
}

// Reports `status` as "whipcount tally: error: [E401 usage] ..." on stderr, or with --json as a
// JSON error object on stdout, and returns its exit code.
int ReportError(const Status& status, const ErrorForm& form, Io& io) {
  if (form.json) {
    io.out << io::JsonText(io::StatusToJson(status));
  } else {
    const Style style(ColourWanted(form.colour, false));
    io.err << "whipcount" << (form.command.empty() ? "" : " ") << form.command << ": "
           << style(Colour::kRed, "error:") << " " << status.ToString() << "\n";
  }
  return ExitCodeOf(status.code());
}

// What every command checks before it runs: a --color word it knows, and not both --json and
// --csv.
Status CheckCommonFlags(const Args& args) {
  WHIPCOUNT_RETURN_IF_ERROR(args.Choice<ColourWhen>("color").status());
  if (args.Has("json") && args.Has("csv")) {
    return Usage("--json and --csv ask for two forms of the same output: give one");
  }
  return Status::Ok();
}

int RunCommand(const Command& command, const std::vector<std::string>& words, Io& io) {
  const Result<Args> args = Args::Parse(words, FlagsOf(command));
  if (!args.ok()) return ReportError(args.status(), FormOfWords(command.name, words), io);
  if (args->Has("help")) {
    PrintCommandHelp(command, io.out);
    return kExitOk;
  }
  Status status = CheckCommonFlags(*args);
  if (status.ok()) status = command.run(*args, io);
  return status.ok() ? kExitOk : ReportError(status, FormOf(command.name, *args), io);
}

// The command line split at the command: the global options before it, the command's name
// (empty when there is none) and the words after it.
struct CommandLine {
  std::vector<std::string> global;
  std::string command;
  std::vector<std::string> rest;
};

CommandLine SplitAtCommand(const std::vector<std::string>& argv) {
  CommandLine line;
  size_t i = 0;
  for (; i < argv.size() && argv[i].size() >= 2 && argv[i][0] == '-'; ++i) {
    line.global.push_back(argv[i]);
    const bool takes_value =
        std::any_of(GlobalFlags().begin(), GlobalFlags().end(), [&](const FlagSpec& f) {
          return !f.value.empty() && argv[i] == "--" + std::string(f.name);
        });
    if (takes_value && i + 1 < argv.size()) line.global.push_back(argv[++i]);
  }
  if (i < argv.size()) {
    line.command = argv[i];
    line.rest.assign(argv.begin() + static_cast<std::ptrdiff_t>(i) + 1, argv.end());
  }
  return line;
}

Status UnknownCommand(std::string_view name) {
  std::vector<std::string_view> names;
  names.reserve(Commands().size());
  for (const Command& c : Commands()) names.push_back(c.name);
  std::string message = "unknown command '" + std::string(name) + "'";
  if (const std::optional<std::string_view> near = NearestName(names, name)) {
    message += "; did you mean '" + std::string(*near) + "'?";
  } else {
    message += ".";
  }
  return Usage(message + " Run 'whipcount --help' for the list of commands.");
}

// `whipcount --help [COMMAND]` and `whipcount help [COMMAND]`.
int RunHelp(const std::optional<std::string>& topic, const ErrorForm& form, Io& io) {
  if (!topic) {
    PrintMainHelp(io.out);
    return kExitOk;
  }
  const Command* command = FindCommand(*topic);
  if (command == nullptr) return ReportError(UnknownCommand(*topic), form, io);
  PrintCommandHelp(*command, io.out);
  return kExitOk;
}

int RunCommandLine(const CommandLine& line, Io& io) {
  const ErrorForm form = FormOfWords("", line.global);
  const Result<Args> global = Args::Parse(line.global, GlobalFlags());
  if (!global.ok()) return ReportError(global.status(), form, io);
  if (global->Has("version")) {
    PrintVersion(global->Has("json"), io);
    return kExitOk;
  }
  if (global->Has("help") || line.command == "help") {
    const bool named = line.command == "help" ? !line.rest.empty() : !line.command.empty();
    const std::string& topic = line.command == "help" ? line.rest.front() : line.command;
    return RunHelp(named ? std::optional(topic) : std::nullopt, form, io);
  }
  if (line.command.empty()) {
    PrintMainHelp(io.err);
    return kExitUsage;
  }
  const Command* command = FindCommand(line.command);
  if (command == nullptr) return ReportError(UnknownCommand(line.command), form, io);
  std::vector<std::string> words = line.global;
  words.insert(words.end(), line.rest.begin(), line.rest.end());
  return RunCommand(*command, words, io);
}

}  // namespace

std::vector<FlagSpec> FlagsOf(const Command& command) {
  std::vector<FlagSpec> flags = command.flags;
  flags.insert(flags.end(), CommonFlags().begin(), CommonFlags().end());
  return flags;
}

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
      VersionCommand(),     // whipcount's version
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
  Result<std::string> rendered = RenderPicture(std::move(svg), out.format, {.scale = out.scale});
  if (!rendered.ok() && rendered.status().code() == ErrorCode::kTooLarge) {
    // Name the options that make it so, as every other refusal of the command line does.
    const std::optional<std::string> scale = args.Get("scale");
    return Status(ErrorCode::kTooLarge, rendered.status().message() + ": lower --scale" +
                                            (scale ? " (" + *scale + ")" : "") + " or --width");
  }
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::string bytes, std::move(rendered));
  if (out.path) WHIPCOUNT_RETURN_IF_ERROR(io::WriteFile(*out.path, bytes));
  if (args.Has("json")) {
    io.out << io::JsonText(io::PictureStatusToJson(out.path, out.format, bytes, fields));
  } else if (!out.path && !stdout_taken) {
    io.out << bytes;
  }
  return Status::Ok();
}

void PrintMotionHeading(const std::string& chamber, std::optional<Date> date, const MotionCase& on,
                        const Style& style, std::ostream& out) {
  out << style(Colour::kBold, chamber) << (date ? "  " + date->ToString() : "") << "\n";
  const std::string& title = on.motion ? on.motion->title : std::string();
  // Only a terminal wraps the title: piped, it stays one line for tools.
  if (!title.empty()) out << (style.width() ? Wrap(title, *style.width()) : title) << "\n";
  const Rule& rule = *on.rule;
  out << style(Colour::kDim, Wrap("Rule: " + rule.name +
                                      (rule.citation.empty() ? "" : " (" + rule.citation + ")"),
                                  style.Fit(100)))
      << "\n\n";
}

Style StyleFor(const Args& args, const Io& io) {
  return Style(ColourWanted(ColourOf(args), io.stdout_is_tty), io.width);
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

// The motion of --motion, else the only or latest one. An id the file does not define is a
// mistake on the command line, like any id given there.
Result<MotionCase> SelectedMotion(const io::ChamberFile& file, const Args& args) {
  const std::optional<std::string> id = args.Get("motion");
  Result<MotionCase> on = SelectMotion(file.content, id);
  if (id && !on.ok() && on.status().code() == ErrorCode::kUnknownId) {
    return Usage("--motion: " + on.status().message());
  }
  return Located(file, std::move(on));
}

Result<FileCase> ParseChamber(std::string_view text, const std::string& path, const Args& args) {
  FileCase out;
  WHIPCOUNT_ASSIGN_OR_RETURN(out.file,
                             io::ParseChamberFile(text, io::InputName(path), io::ReadFile));
  WHIPCOUNT_ASSIGN_OR_RETURN(out.on, SelectedMotion(out.file, args));
  return out;
}

Result<FileCase> LoadChamber(const std::string& path, const Args& args) {
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::string text, io::ReadFile(path));
  return ParseChamber(text, path, args);
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

void PrintVersion(bool json, Io& io) {
  if (json) {
    io.out << io::JsonText(io::VersionToJson(kVersion));
  } else {
    io.out << "whipcount " << kVersion << "\n";
  }
}

namespace {

// Runs the command line `argv` names, or prints the help or version it asks for.
int Dispatch(const std::vector<std::string>& argv, Io& io) {
  try {
    return RunCommandLine(SplitAtCommand(argv), io);
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
  io.err << "whipcount: error: "
         << Status(ErrorCode::kIo, "cannot write to standard output").ToString() << "\n";
  return code == kExitOk ? kExitIo : code;
}

}  // namespace

int Main(const std::vector<std::string>& argv, Io& io) {
  return CheckOutput(Dispatch(argv, io), io);
}

}  // namespace whipcount::cli
