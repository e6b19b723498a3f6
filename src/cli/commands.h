// The whipcount command line: the command table and what the commands share.
//
// To add a command, write src/cli/cmd_<name>.cc defining a `Command` factory and list it in
// Commands() (commands.cc). Commands write only to the streams in `Io`, so tests run them
// in-process.
#ifndef WHIPCOUNT_CLI_COMMANDS_H_
#define WHIPCOUNT_CLI_COMMANDS_H_

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/args.h"
#include "cli/terminal.h"
#include "io/chamber_file.h"
#include "whipcount/date.h"
#include "whipcount/result.h"

namespace whipcount::cli {

// Exit codes, documented in `whipcount --help` and docs/cli.md.
enum ExitCode : int {
  kExitOk = 0,            // the command did what was asked
  kExitInvalidInput = 1,  // the input file or data is invalid
  kExitUsage = 2,         // the command line is wrong
  kExitIo = 3,            // a file could not be read or written
};

struct Io {
  std::ostream& out;
  std::ostream& err;
  bool stdout_is_tty = false;
};

struct Command {
  std::string_view name;
  std::string_view summary;      // one line for the command list
  std::string_view usage;        // "whipcount tally FILE [--date D]..."
  std::string_view description;  // paragraphs for `whipcount help COMMAND`
  std::vector<FlagSpec> flags;   // --json, --color and --help are added for every command
  int (*run)(const Args& args, Io& io) = nullptr;
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

// Every command, in the order `whipcount --help` lists them.
const std::vector<Command>& Commands();

// Runs whipcount with `argv` (without the program name). Never throws.
int Main(const std::vector<std::string>& argv, Io& io);

// Reports `status` on stderr (or as JSON on stdout with --json) and returns its exit code.
int ReportError(const Status& status, const Args& args, Io& io);

Style StyleFor(const Args& args, const Io& io);

// A kUsage status with `message`.
Status Usage(std::string message);

// The value of a numeric flag that was given, checked to lie in [low, high]; kUsage otherwise.
Result<double> NumberFlag(const Args& args, std::string_view flag, double low, double high);

bool EndsWith(std::string_view s, std::string_view suffix);

// Where a picture goes and in what form, from --format svg|png, --output/-o (a name ending in
// .png means PNG) and --scale (PNG pixels per SVG unit).
struct PictureOutput {
  bool png = false;
  std::optional<std::string> path;  // standard output when empty
  double scale = 1;
};
// Refuses a PNG that would go to a terminal.
Result<PictureOutput> ReadPictureOutput(const Args& args, const Io& io);
// Renders `svg` as asked and writes it to the file, or to standard output unless
// `stdout_taken`. With --json and a file, prints {"ok", "output", "format", "bytes"} followed by
// `json_fields` (each ", \"name\": value").
Status WritePicture(std::string svg, const PictureOutput& out, const Args& args, Io& io,
                    std::string_view json_fields, bool stdout_taken = false);

// The chamber file named by the single positional argument, with the motion of --motion.
Result<io::ChamberFile> LoadPositionalFile(const Args& args);
// The chamber file at `path`, with the motion of --motion (default: the only or latest).
Result<io::ChamberFile> LoadChamber(const std::string& path, const Args& args);

// The dates given with --date (each YYYY-MM-DD), or one nullopt (the default date) when none.
Result<std::vector<std::optional<Date>>> DatesFrom(const Args& args);

// The date a tally uses when none is given: the motion's date, else the last event's, else none.
std::optional<Date> DefaultDate(const io::ChamberFile& file);

}  // namespace whipcount::cli

#endif  // WHIPCOUNT_CLI_COMMANDS_H_
