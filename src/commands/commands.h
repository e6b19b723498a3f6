// The commands of whipcount and what they share. The command line (src/cli) runs them from its
// command table; the server (src/server) runs them for requests, on a case it read from its
// database (CaseSource).
//
// To add a command, write src/commands/cmd_<name>.cc defining a `Command` factory and list it in
// Commands() (src/cli/dispatch.cc). Commands write only to the streams in `Io`, so tests run them
// in-process.
#ifndef WHIPCOUNT_COMMANDS_COMMANDS_H_
#define WHIPCOUNT_COMMANDS_COMMANDS_H_

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "commands/args.h"
#include "commands/terminal.h"
#include "io/case_what_if.h"
#include "io/chamber_file.h"
#include "io/forecast_file.h"
#include "io/picture.h"
#include "whipcount/date.h"
#include "whipcount/names.h"
#include "whipcount/result.h"

namespace whipcount::cli {

// Exit codes, documented in `whipcount --help` and docs/cli.md.
enum ExitCode : int {
  kExitOk = 0,            // the command did what was asked
  kExitInvalidInput = 1,  // the input file or data is invalid
  kExitUsage = 2,         // the command line is wrong
  kExitIo = 3,            // a file could not be read or written
};

// Where commands read chamber files when they are not on disk: the server's cases. A name it
// knows gives the case's file, already parsed; any other is refused, so that no name from a
// request reaches the file system.
class CaseSource {
 public:
  virtual ~CaseSource() = default;
  virtual Result<std::shared_ptr<const io::ChamberFile>> Chamber(const std::string& name) const = 0;
  // The file's text, for commands that read it themselves (power tells a chamber from a game).
  virtual Result<std::string> Text(const std::string& name) const = 0;
};

struct Io {
  std::ostream& out;
  std::ostream& err;
  bool stdout_is_tty = false;
  // The terminal's width in columns when stdout is a terminal (main.cc asks the terminal, else
  // $COLUMNS, else takes 80); nullopt otherwise, and text keeps its fixed widths so that pipes
  // and files get the same lines everywhere.
  std::optional<size_t> width;
  // Set by the server: commands read their files from it instead of the file system.
  const CaseSource* source = nullptr;
};

struct Command {
  std::string_view name;
  std::string_view summary;      // one line for the command list
  std::string_view usage;        // "whipcount tally FILE [--date D]..."
  std::string_view example;      // one that works from the repository's root
  std::string_view description;  // paragraphs for `whipcount help COMMAND`
  std::vector<FlagSpec> flags;   // --json, --color and --help are added for every command
  // Runs the command; Main reports an error (as text, or as JSON with --json) and maps its code
  // to the exit status.
  Status (*run)(const Args& args, Io& io) = nullptr;
};

Command ChartCommand();
Command CheckCommand();
Command TallyCommand();
Command ExplainCommand();
Command ForecastCommand();
Command PowerCommand();
Command CoalitionsCommand();
Command TimelineCommand();
Command DiffCommand();
Command DrawCommand();
Command VersionCommand();
Command ServeCommand();  // cmd_serve.cc, in the command line's library above the server
Command TokenCommand();
Command ImportCommand();
Command NewCommand();
Command ExportCommand();

// The options whipcount takes before the command as well as after it.
const std::vector<FlagSpec>& GlobalFlags();
// --color's word (auto when it is not one), checked before any command runs.
ColourWhen ColourOf(const Args& args);
// The options every command takes after its name (--json, --color, --motion, --help).
const std::vector<FlagSpec>& CommonFlags();
// What every command checks before it runs: a --color word it knows, and not both --json and
// --csv.
Status CheckCommonFlags(const Args& args);

// A command's own flags followed by those every command takes (--json, --color, --help...).
std::vector<FlagSpec> FlagsOf(const Command& command);

// Every command, in the order `whipcount --help` lists them.
const std::vector<Command>& Commands();

// Runs `command` with `words` (its flags and arguments, without the command's name) and returns
// its status instead of reporting it: the server's way of running a command for a request.
Status RunWords(const Command& command, const std::vector<std::string>& words, Io& io);

// Runs whipcount with `argv` (without the program name). Never throws. Output that cannot be
// written to `io.out` (a full disk, a closed stream) is an error: E301 on `io.err`, exit 3.
int Main(const std::vector<std::string>& argv, Io& io);

// The heading of a count: the chamber's name (and the date), the motion's title and its rule with
// its citation, wrapped to the style's width, then a blank line.
void PrintMotionHeading(const std::string& chamber, std::optional<Date> date, const MotionCase& on,
                        const Style& style, std::ostream& out);

// "whipcount 0.1.0", or its JSON form.
void PrintVersion(bool json, Io& io);

Style StyleFor(const Args& args, const Io& io);

// A kUsage status with `message`.
Status Usage(std::string message);

// Where a picture goes and in what form, from --format (a PictureFormat word), --output/-o
// (whose extension names the format when --format is not given) and --scale (PNG pixels per SVG
// unit).
struct PictureOutput {
  PictureFormat format = PictureFormat::kSvg;
  std::optional<std::string> path;  // standard output when empty
  double scale = 1;
};
// The flags ReadPictureOutput reads: --format, --output/-o and --scale.
std::vector<FlagSpec> PictureFlags();
// -o (a file whose extension in any case chooses the format, or `-` for standard output),
// --format and --scale. Refuses a binary picture that would go to a terminal or inside --json.
Result<PictureOutput> ReadPictureOutput(const Args& args, const Io& io);
// Renders `svg` as asked and writes it to the file, or to standard output unless
// `stdout_taken`. With --json, prints the picture's status (io::PictureStatusToJson) with the
// picture's own `fields` instead, the SVG inside it when there is no file.
Status WritePicture(std::string svg, const PictureOutput& out, const Args& args, Io& io,
                    const nlohmann::ordered_json& fields, bool stdout_taken = false);

// E's words for a usage line: "svg|png".
template <typename E>
std::string EnumAlternatives() {
  std::string out;
  for (std::string_view name : EnumNames<E>()) {
    if (!out.empty()) out += '|';
    out += name;
  }
  return out;
}

// A chamber file and the motion a command works on. Its counts are the engine's (case.h), with
// any error placed in the file (the event's file:line).
struct FileCase {
  // Never null. Shared rather than copied: the server hands every request the same parsed case.
  std::shared_ptr<const io::ChamberFile> file;
  MotionCase on;  // the motion of --motion, else the only or latest one

  const std::string& path() const { return file->path; }
  const State& base() const { return on.base; }
  // kMissingField at the file's `motion` when it has none: "the file has no 'motion' section"
  // followed directly by `why` (" to chart", ", so there is nothing to count").
  Status RequireMotion(std::string_view why) const;
  Result<State> StateOn(std::optional<Date> date) const;
  Result<Snapshot> SnapshotOn(std::optional<Date> date) const;
  Result<Snapshot> TallyOn(std::optional<Date> date) const;
  Result<TimelineTally> TallyStory() const;
  Result<Comparison> Compare(Date from, Date to) const;
};

// The chamber file named by the single positional argument, with the motion of --motion.
Result<FileCase> LoadPositionalFile(const Args& args, const Io& io);
// The chamber file at `path` ("-": standard input; io.source's when it is set), with the motion
// of --motion (default: the only or latest).
Result<FileCase> LoadChamber(const std::string& path, const Args& args, const Io& io);
// The text of the file at `path` ("-": standard input), or io.source's when it is set.
Result<std::string> ReadInput(const std::string& path, const Io& io);
// The same for the chamber file `text`, already read from `path`.
Result<FileCase> ParseChamber(std::string_view text, const std::string& path, const Args& args);

// The dates given with --date (each YYYY-MM-DD), or one nullopt (the default date) when none.
Result<std::vector<std::optional<Date>>> DatesFrom(const Args& args);

// The repeatable --set flag of the commands that take a stance what-if (tally, explain, draw),
// with its help (a view of a string that outlives the flag).
FlagSpec StanceWhatIfFlag(std::string_view help);
// The --set what-ifs applied to a count: those on the case itself (the rule, vacancies) and
// those on stances.
struct WhatIfs {
  std::vector<io::CaseWhatIf> on_case;
  std::vector<io::StanceWhatIf> stances;
  bool empty() const { return on_case.empty() && stances.empty(); }
};

// The chamber (and count, with a motion) on `date` under the --set what-ifs: those on the case
// change a copy of the file's motion case (its rule; vacancies on the date), then the stances
// are set on the snapshot and the count made again. `rule` is the rule counted with.
struct WhatIfSnapshot {
  Snapshot snapshot;
  std::optional<Rule> rule;
  WhatIfs what_ifs;
};
Result<WhatIfSnapshot> SnapshotWithWhatIfs(const Args& args, const FileCase& file,
                                           std::optional<Date> date);

// "What if: threshold at least 2/3, MQM-P for (hypothetical)"; empty without what-ifs.
std::string WhatIfLine(const WhatIfs& what_ifs);
// The what-ifs as written, for a CSV column: "rule.threshold=2/3 party:MQM-P=for".
std::string WhatIfField(const WhatIfs& what_ifs);

}  // namespace whipcount::cli

#endif  // WHIPCOUNT_COMMANDS_COMMANDS_H_
