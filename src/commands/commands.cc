#include "commands/commands.h"

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

}  // namespace

ColourWhen ColourOf(const Args& args) {
  const Result<ColourWhen> when = args.Choice<ColourWhen>("color");
  return when.ok() ? *when : ColourWhen::kAuto;
}

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

// What every command checks before it runs: a --color word it knows, and not both --json and
// --csv.
Status CheckCommonFlags(const Args& args) {
  WHIPCOUNT_RETURN_IF_ERROR(args.Choice<ColourWhen>("color").status());
  if (args.Has("json") && args.Has("csv")) {
    return Usage("--json and --csv ask for two forms of the same output: give one");
  }
  return Status::Ok();
}

Status RunWords(const Command& command, const std::vector<std::string>& words, Io& io) {
  WHIPCOUNT_ASSIGN_OR_RETURN(const Args args, Args::Parse(words, FlagsOf(command)));
  WHIPCOUNT_RETURN_IF_ERROR(CheckCommonFlags(args));
  return command.run(args, io);
}

std::vector<FlagSpec> FlagsOf(const Command& command) {
  std::vector<FlagSpec> flags = command.flags;
  flags.insert(flags.end(), CommonFlags().begin(), CommonFlags().end());
  return flags;
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

Result<FileCase> LoadPositionalFile(const Args& args, const Io& io) {
  if (args.positional().size() != 1) {
    return Status(ErrorCode::kUsage, args.positional().empty()
                                         ? "name a chamber file, e.g. data/pk-na-2022.yaml"
                                         : "expected one chamber file, got " +
                                               std::to_string(args.positional().size()) +
                                               " arguments");
  }
  return LoadChamber(args.positional()[0], args, io);
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
  WHIPCOUNT_ASSIGN_OR_RETURN(io::ChamberFile file,
                             io::ParseChamberFile(text, io::InputName(path), io::ReadFile));
  FileCase out;
  out.file = std::make_shared<const io::ChamberFile>(std::move(file));
  WHIPCOUNT_ASSIGN_OR_RETURN(out.on, SelectedMotion(*out.file, args));
  return out;
}

Result<FileCase> LoadChamber(const std::string& path, const Args& args, const Io& io) {
  if (io.source != nullptr) {
    FileCase out;
    WHIPCOUNT_ASSIGN_OR_RETURN(out.file, io.source->Chamber(path));
    WHIPCOUNT_ASSIGN_OR_RETURN(out.on, SelectedMotion(*out.file, args));
    return out;
  }
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::string text, io::ReadFile(path));
  return ParseChamber(text, path, args);
}

Result<std::string> ReadInput(const std::string& path, const Io& io) {
  if (io.source != nullptr) return io.source->Text(path);
  return io::ReadFile(path);
}

Status FileCase::RequireMotion(std::string_view why) const {
  if (on.motion) return Status::Ok();
  return Status(ErrorCode::kMissingField, "the file has no 'motion' section" + std::string(why),
                {.file = file->path, .path = "motion"});
}

Result<State> FileCase::StateOn(std::optional<Date> date) const {
  return Located(*file, whipcount::StateOn(on, date));
}

Result<Snapshot> FileCase::SnapshotOn(std::optional<Date> date) const {
  return Located(*file, whipcount::SnapshotOn(on, date));
}

Result<Snapshot> FileCase::TallyOn(std::optional<Date> date) const {
  return Located(*file, whipcount::TallyOn(on, date));
}

Result<TimelineTally> FileCase::TallyStory() const {
  return Located(*file, whipcount::TallyStory(on));
}

Result<Comparison> FileCase::Compare(Date from, Date to) const {
  return Located(*file, whipcount::Compare(on, from, to));
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

FlagSpec StanceWhatIfFlag(std::string_view help) {
  return {.name = "set", .value = "WHAT-IF", .help = help, .repeatable = true};
}

Result<WhatIfSnapshot> SnapshotWithWhatIfs(const Args& args, const FileCase& file,
                                           std::optional<Date> date) {
  WhatIfSnapshot out;
  const std::vector<std::string> sets = args.GetAll("set");
  std::optional<MotionCase> changed;
  for (const std::string& assignment : sets) {
    if (!io::IsCaseWhatIf(assignment)) continue;
    if (!changed) changed = file.on;
    const std::optional<Date> when = date ? date : DefaultDate(file.on);
    if (!when) {
      return Status(ErrorCode::kUsage,
                    "--set '" + assignment + "' changes the case on a date: give one with --date");
    }
    WHIPCOUNT_ASSIGN_OR_RETURN(io::CaseWhatIf w, io::ApplyCaseWhatIf(assignment, *changed, *when));
    out.what_ifs.on_case.push_back(std::move(w));
  }
  const MotionCase& on = changed ? *changed : file.on;
  WHIPCOUNT_ASSIGN_OR_RETURN(out.snapshot, Located(*file.file, whipcount::SnapshotOn(on, date)));
  Snapshot& snapshot = out.snapshot;
  for (const std::string& assignment : sets) {
    if (io::IsCaseWhatIf(assignment)) continue;
    WHIPCOUNT_ASSIGN_OR_RETURN(
        io::StanceWhatIf what_if,
        io::ApplyStanceWhatIf(assignment, snapshot.state.chamber, snapshot.state.stances));
    out.what_ifs.stances.push_back(std::move(what_if));
  }
  out.rule = on.rule;
  if (!out.what_ifs.stances.empty() && on.rule && on.motion) {
    snapshot.tally = CountVotes(snapshot.state, *on.rule, *on.motion, {.date = snapshot.date});
  }
  return out;
}

std::string WhatIfLine(const WhatIfs& what_ifs) {
  if (what_ifs.empty()) return "";
  std::string line;
  for (const io::CaseWhatIf& w : what_ifs.on_case) {
    line += (line.empty() ? "" : ", ") + w.Describe();
  }
  for (const io::StanceWhatIf& w : what_ifs.stances) {
    line += (line.empty() ? "" : ", ") + w.id + " " + std::string(EnumName(w.stance));
  }
  return "What if: " + line + " (hypothetical)";
}

std::string WhatIfField(const WhatIfs& what_ifs) {
  std::string field;
  for (const io::CaseWhatIf& w : what_ifs.on_case) {
    field += (field.empty() ? "" : " ") + io::WhatIfText(w);
  }
  for (const io::StanceWhatIf& w : what_ifs.stances) {
    field +=
        (field.empty() ? "" : " ") + w.kind + ":" + w.id + "=" + std::string(EnumName(w.stance));
  }
  return field;
}

}  // namespace whipcount::cli
