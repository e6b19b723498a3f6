// whipcount check FILE: validate a chamber file and summarise what it holds.
#include "commands/commands.h"
#include "io/file.h"
#include "io/forecast_file.h"
#include "io/json_out.h"

namespace whipcount::cli {
namespace {

std::string Counted(size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

// "data/x.yaml: Name, 342 seats (341 filled, 1 vacant), 14 parties, ... (2022-03-08 to ...)".
std::string Summary(const std::string& path, const Case& whole) {
  const Chamber& c = whole.base.chamber;
  std::string out =
      path + ": " + c.name + ", " +
      (c.houses.empty() ? ""
                        : Counted(c.houses.size(), "house", "houses") + " sitting together, ") +
      std::to_string(c.statutory_seats) + " seats (" + std::to_string(c.FilledSeats()) +
      " filled, " + std::to_string(c.Vacancies()) + " vacant" +
      (c.UncountedSeats() > 0
           ? ", and " + Counted(static_cast<size_t>(c.UncountedSeats()), "member", "members") +
                 " without a counted vote"
           : "") +
      "), " + Counted(c.parties.size(), "party", "parties") + ", " +
      Counted(c.members.size(), "named member", "named members") + ", " +
      Counted(c.blocs.size(), "bloc", "blocs") + ", " +
      Counted(whole.rules.size(), "rule", "rules") + ", " +
      Counted(whole.events.size(), "event", "events");
  if (whole.motions.size() > 1) out += ", " + Counted(whole.motions.size(), "motion", "motions");
  if (!whole.events.empty()) {
    out += " (" + whole.events.front().date.ToString() + " to " +
           whole.events.back().date.ToString() + ")";
  }
  return out;
}

Status CheckRulebook(const std::string& path, const std::string& text, const Args& args, Io& io) {
  WHIPCOUNT_ASSIGN_OR_RETURN(io::Rulebook book, io::ParseRulebook(text, path));
  if (args.Has("json")) {
    io.out << io::JsonText(io::RulebookToJson(path, book));
    return Status::Ok();
  }
  const Style style = StyleFor(args, io);
  std::string summary = path + ": rulebook";
  if (!book.legislature.empty()) summary += " for " + book.legislature;
  summary += ", " + std::to_string(book.rules.size()) + " rules:";
  for (const Rule& r : book.rules) summary += " " + r.id;
  io.out << style(Colour::kGreen, "ok") << "  " << Hanging(summary, 4, style.width()) << "\n";
  return Status::Ok();
}

// The `forecast:` section read as `forecast` reads it without --date: against the chamber on the
// default date, so that a file `check` passes has a section `forecast` accepts.
Status CheckForecastSection(const FileCase& file) {
  if (!file.file->forecast) return Status::Ok();
  WHIPCOUNT_ASSIGN_OR_RETURN(const State state, file.StateOn(DefaultDate(file.on)));
  return io::ReadForecastSection(*file.file, state.chamber).status();
}

Status RunCheck(const Args& args, Io& io) {
  if (args.positional().size() != 1) return LoadPositionalFile(args, io).status();
  const std::string& path = args.positional()[0];
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::string text, io::ReadFile(path));
  if (io::LooksLikeRulebook(text)) return CheckRulebook(io::InputName(path), text, args, io);
  WHIPCOUNT_ASSIGN_OR_RETURN(FileCase file, ParseChamber(text, path, args));
  WHIPCOUNT_RETURN_IF_ERROR(CheckForecastSection(file));
  const Case& whole = file.file->content;
  if (args.Has("json")) {
    io.out << io::JsonText(io::CaseSummaryToJson(file.path(), whole, file.on));
    return Status::Ok();
  }
  const Style style = StyleFor(args, io);
  io.out << style(Colour::kGreen, "ok") << "  "
         << Hanging(Summary(file.path(), whole), 4, style.width()) << "\n";
  return Status::Ok();
}

}  // namespace

Command CheckCommand() {
  return Command{
      .name = "check",
      .summary = "validate a chamber file and summarise it",
      .usage = "whipcount check FILE [--json]   (a chamber file or a rulebook)",
      .example = "whipcount check data/pk-na-2022.yaml",
      .description =
          "Reads the chamber file and its rulebook, checks every count, id, rule, event and the "
          "forecast section, and replays the events. Errors name file:line:column and carry a "
          "stable code (E1xx: unreadable text, E2xx: impossible content, E3xx: files); see "
          "docs/errors.md.",
      .run = RunCheck,
  };
}

}  // namespace whipcount::cli
