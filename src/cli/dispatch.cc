// The whipcount command line: the command table, help, and one way of reporting errors.
#include <algorithm>
#include <exception>

#include "commands/commands.h"
#include "io/json_out.h"

namespace whipcount::cli {
namespace {

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
    case ErrorCode::kStorage:
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
      ImportCommand(),      // from ParlGov or a spreadsheet
      NewCommand(),         // a template chamber file
      ExportCommand(),      // parties and members as CSV
      ServeCommand(),       // the live count over HTTP
      TokenCommand(),       // the server's access tokens
      VersionCommand(),     // whipcount's version
  };
  return kCommands;
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
