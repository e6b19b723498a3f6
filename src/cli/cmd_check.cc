// whipcount check FILE: validate a chamber file and summarise what it holds.
#include "cli/commands.h"
#include "io/json_out.h"

namespace whipcount::cli {
namespace {

std::string Counted(size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

int CheckRulebook(const std::string& path, const std::string& text, const Args& args, Io& io) {
  Result<io::Rulebook> book = io::ParseRulebook(text, path);
  if (!book.ok()) return ReportError(book.status(), args, io);
  if (args.Has("json")) {
    io.out << io::RulebookToJson(path, *book).dump(2) << "\n";
    return kExitOk;
  }
  const Style style = StyleFor(args, io);
  io.out << style(Colour::kGreen, "ok") << "  " << path << ": rulebook";
  if (!book->legislature.empty()) io.out << " for " << book->legislature;
  io.out << ", " << book->rules.size() << " rules:";
  for (const Rule& r : book->rules) io.out << " " << r.id;
  io.out << "\n";
  return kExitOk;
}

int RunCheck(const Args& args, Io& io) {
  if (args.positional().size() == 1) {
    Result<std::string> text = io::ReadFile(args.positional()[0]);
    if (!text.ok()) return ReportError(text.status(), args, io);
    if (io::LooksLikeRulebook(*text)) return CheckRulebook(args.positional()[0], *text, args, io);
  }
  Result<FileCase> file = LoadPositionalFile(args);
  if (!file.ok()) return ReportError(file.status(), args, io);
  const Case& whole = file->file.content;
  const Chamber& c = whole.base.chamber;
  if (args.Has("json")) {
    io.out << io::CaseSummaryToJson(file->path(), whole, file->on).dump(2) << "\n";
    return kExitOk;
  }
  const Style style = StyleFor(args, io);
  io.out << style(Colour::kGreen, "ok") << "  " << file->path() << ": " << c.name << ", "
         << (c.houses.empty() ? ""
                              : Counted(c.houses.size(), "house", "houses") + " sitting together, ")
         << c.statutory_seats << " seats (" << c.FilledSeats() << " filled, " << c.Vacancies()
         << " vacant"
         << (c.UncountedSeats() > 0
                 ? ", and " +
                       Counted(static_cast<size_t>(c.UncountedSeats()), "member", "members") +
                       " without a counted vote"
                 : "")
         << "), " << Counted(c.parties.size(), "party", "parties") << ", "
         << Counted(c.members.size(), "named member", "named members") << ", "
         << Counted(c.blocs.size(), "bloc", "blocs") << ", "
         << Counted(whole.rules.size(), "rule", "rules") << ", "
         << Counted(whole.events.size(), "event", "events");
  if (whole.motions.size() > 1)
    io.out << ", " << Counted(whole.motions.size(), "motion", "motions");
  if (!whole.events.empty()) {
    io.out << " (" << whole.events.front().date.ToString() << " to "
           << whole.events.back().date.ToString() << ")";
  }
  io.out << "\n";
  return kExitOk;
}

}  // namespace

Command CheckCommand() {
  return Command{
      .name = "check",
      .summary = "validate a chamber file and summarise it",
      .usage = "whipcount check FILE [--json]   (a chamber file or a rulebook)",
      .description =
          "Reads the chamber file and its rulebook, checks every count, id, rule and event, and "
          "replays the events. Errors name file:line:column and carry a stable code (E1xx: "
          "unreadable text, E2xx: impossible content, E3xx: files); see docs/errors.md.",
      .run = RunCheck,
  };
}

}  // namespace whipcount::cli
