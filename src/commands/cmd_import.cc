// whipcount import parlgov|csv, whipcount new and whipcount export csv: chamber files made from
// ParlGov and from spreadsheets, a template to start from, and a chamber back out as CSV.
#include <filesystem>

#include "commands/commands.h"
#include "io/chamber_json.h"
#include "io/csv.h"
#include "io/file.h"
#include "io/json_out.h"
#include "io/parlgov.h"
#include "io/shipped.h"
#include "io/spreadsheet.h"

namespace whipcount::cli {
namespace {

using Json = nlohmann::ordered_json;
namespace fs = std::filesystem;

Result<io::Rulebook> ReadRulebook(const std::string& path) {
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::string text, io::ReadFile(path));
  return io::ParseRulebook(text, path);
}

// The chamber file `draft` checked as `check` would read it, then written to -o (YAML, or JSON
// for a .json name) or standard output (JSON with --json).
Status WriteDraft(const io::ChamberDraft& draft, const Args& args, Io& io) {
  const std::optional<std::string> output = args.Get("output");
  const std::string yaml = draft.Yaml();
  WHIPCOUNT_RETURN_IF_ERROR(
      io::ParseChamberFile(yaml, output.value_or("<the imported file>"), io::ReadFile).status());
  if (!output || *output == "-") {
    io.out << (args.Has("json") ? io::JsonText(draft.document) : yaml);
    return Status::Ok();
  }
  const bool as_json = fs::path(*output).extension() == ".json";
  WHIPCOUNT_RETURN_IF_ERROR(io::WriteFile(*output, as_json ? io::JsonText(draft.document) : yaml));
  const Json& chamber = draft.document["chamber"];
  if (args.Has("json")) {
    io.out << io::JsonText(Json{{"written", *output},
                                {"chamber", chamber["name"]},
                                {"seats", chamber["seats"]},
                                {"parties", draft.document["parties"].size()}});
    return Status::Ok();
  }
  io.out << "wrote " << *output << ": " << chamber["name"].get<std::string>() << ", "
         << chamber["seats"].get<std::int64_t>() << " seats, " << draft.document["parties"].size()
         << " parties\n";
  return Status::Ok();
}

// `import parlgov --list`: the countries, or one country's elections and cabinets.
Status ListParlGov(const io::ParlGov& db, const Args& args, Io& io) {
  const Style style = StyleFor(args, io);
  if (!args.Has("country")) {
    Json list = Json::array();
    Table table({{"code", Align::kLeft}, {"country", Align::kLeft}, {"elections"}, {"cabinets"}});
    for (const io::ParlGovCountry& c : db.countries()) {
      const size_t elections = db.Elections(c.code, "parliament")->size();
      const size_t cabinets = db.Cabinets(c.code)->size();
      list.push_back(Json{
          {"code", c.code}, {"name", c.name}, {"elections", elections}, {"cabinets", cabinets}});
      table.AddRow({c.code, c.name, std::to_string(elections), std::to_string(cabinets)});
    }
    if (args.Has("json")) {
      io.out << io::JsonText(Json{{"countries", list}});
    } else {
      table.Print(io.out, style);
    }
    return Status::Ok();
  }
  const std::string country = *args.Get("country");
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::string type, args.Get("type").has_value()
                                                         ? Result<std::string>(*args.Get("type"))
                                                         : Result<std::string>("parliament"));
  WHIPCOUNT_ASSIGN_OR_RETURN(const auto elections, db.Elections(country, type));
  WHIPCOUNT_ASSIGN_OR_RETURN(const auto cabinets, db.Cabinets(country));
  Json json_elections = Json::array();
  Table et({{"election", Align::kLeft}, {"id"}, {"seats"}, {"parties with seats"}});
  for (const io::ParlGovElection* e : elections) {
    size_t seated = 0;
    for (const io::ParlGovSeats& p : e->parties) seated += p.seats > 0 ? 1 : 0;
    json_elections.push_back(Json{{"id", e->id},
                                  {"date", e->date.ToString()},
                                  {"type", e->type},
                                  {"seats", e->seats_total},
                                  {"parties", seated}});
    et.AddRow({e->date.ToString(), std::to_string(e->id), std::to_string(e->seats_total),
               std::to_string(seated)});
  }
  Json json_cabinets = Json::array();
  Table ct({{"from", Align::kLeft},
            {"id"},
            {"cabinet", Align::kLeft},
            {"parties", Align::kLeft, true, 12}});
  for (const io::ParlGovCabinet* c : cabinets) {
    Json parties = Json::array();
    std::string names;
    for (const io::ParlGovSeats& p : c->parties) {
      if (!p.in_cabinet) continue;
      parties.push_back(p.short_name);
      names += (names.empty() ? "" : ", ") + p.short_name + (p.prime_minister ? "*" : "");
    }
    json_cabinets.push_back(Json{{"id", c->id},
                                 {"name", c->name},
                                 {"start", c->start.ToString()},
                                 {"caretaker", c->caretaker},
                                 {"parties", parties}});
    ct.AddRow({c->start.ToString(), std::to_string(c->id),
               c->name + (c->caretaker ? " (caretaker)" : ""), names});
  }
  if (args.Has("json")) {
    io.out << io::JsonText(Json{{"country", *db.CountryCode(country)},
                                {"elections", json_elections},
                                {"cabinets", json_cabinets}});
    return Status::Ok();
  }
  io.out << style(Colour::kBold, "Elections") << " (" << type << ")\n";
  et.Print(io.out, style, 2);
  if (type == "parliament") {
    io.out << "\n" << style(Colour::kBold, "Cabinets") << " (* the prime minister's party)\n";
    ct.Print(io.out, style, 2);
  }
  return Status::Ok();
}

Status ImportParlGov(const Args& args, Io& io) {
  if (args.positional().size() != 1) return Usage("import parlgov takes no file");
  WHIPCOUNT_ASSIGN_OR_RETURN(const io::ParlGov db, io::LoadShippedParlGov());
  if (args.Has("list")) return ListParlGov(db, args, io);
  if (!args.Has("country")) {
    return Usage("import parlgov needs --country (a code such as DEU; --list shows them)");
  }
  io::ParlGovQuery query{.country = *args.Get("country"),
                         .election = args.Get("election"),
                         .cabinet = args.Get("cabinet")};
  if (args.Has("type")) query.type = *args.Get("type");
  if (args.Has("date")) {
    WHIPCOUNT_ASSIGN_OR_RETURN(const auto dates, DatesFrom(args));
    query.date = dates.front();
  }
  WHIPCOUNT_ASSIGN_OR_RETURN(const auto rulebooks, io::LoadShippedMotionChoices());
  WHIPCOUNT_ASSIGN_OR_RETURN(io::ChamberDraft draft, db.Import(query, rulebooks));
  return WriteDraft(draft, args, io);
}

// The rulebook `value` names (a shipped name or a path) as the file written to `output` refers
// to it: the name, or the path from the output's directory.
Result<std::pair<std::string, io::Rulebook>> RulebookFor(const std::string& value,
                                                         const std::optional<std::string>& output) {
  std::string path = value;
  std::string reference = value;
  if (io::IsRulebookName(value)) {
    WHIPCOUNT_ASSIGN_OR_RETURN(path, io::ShippedRulebookPath(value));
  } else {
    const fs::path from =
        output && *output != "-" ? fs::absolute(*output).parent_path() : fs::current_path();
    reference = fs::absolute(value).lexically_relative(from).string();
  }
  WHIPCOUNT_ASSIGN_OR_RETURN(io::Rulebook book, ReadRulebook(path));
  return std::pair(reference, std::move(book));
}

// The motion of a file imported under the rulebook `value`: --rule's rule, else the rule
// data/parlgov/rulebooks.csv gives for a shipped rulebook, else the rulebook's only rule; --kind's
// kind, else that file's, else no-confidence.
Result<io::MotionChoice> MotionOf(const std::string& value, const Args& args) {
  WHIPCOUNT_ASSIGN_OR_RETURN(const auto book, RulebookFor(value, args.Get("output")));
  std::optional<io::MotionChoice> usual;
  if (io::IsRulebookName(value)) {
    WHIPCOUNT_ASSIGN_OR_RETURN(const auto choices, io::LoadShippedMotionChoices());
    for (const auto& [country, choice] : choices) {
      if (choice.rulebook == value) usual = choice;
    }
  }
  const std::vector<Rule>& rules = book.second.rules;
  std::string id = rules.size() == 1 ? rules.front().id : std::string();
  if (usual) id = usual->rule;
  if (args.Has("rule")) id = *args.Get("rule");
  Result<const Rule*> rule = io::FindRule(book.second, id, value);
  if (!rule.ok()) return Usage(rule.status().message());
  WHIPCOUNT_ASSIGN_OR_RETURN(MotionKind kind, args.Choice<MotionKind>("kind"));
  if (usual && !args.Has("kind") && id == usual->rule) {
    kind = ParseEnum<MotionKind>(usual->kind).value_or(kind);
  }
  return io::MotionChoice{.rulebook = book.first,
                          .rule = id,
                          .kind = std::string(EnumName(kind)),
                          .title = usual && id == usual->rule ? usual->title : (*rule)->name,
                          .chamber = book.second.legislature,
                          .chair_casts = (*rule)->tie == TieRule::kCastingVote};
}

Status ImportCsv(const Args& args, Io& io) {
  if (args.positional().size() != 2) {
    return Usage("import csv takes the party table: whipcount import csv PARTIES.csv --seats N");
  }
  if (!args.Has("seats")) return Usage("import csv needs --seats, the chamber's statutory seats");
  io::SpreadsheetChamber chamber;
  WHIPCOUNT_ASSIGN_OR_RETURN(chamber.seats, args.Int<std::int64_t>("seats"));
  const std::string& parties_path = args.positional()[1];
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::string parties_text, io::ReadFile(parties_path));
  WHIPCOUNT_ASSIGN_OR_RETURN(const io::CsvTable parties,
                             io::ParseCsv(parties_text, io::InputName(parties_path)));
  std::optional<io::CsvTable> members;
  if (const std::optional<std::string> path = args.Get("members")) {
    WHIPCOUNT_ASSIGN_OR_RETURN(const std::string text, io::ReadFile(*path));
    WHIPCOUNT_ASSIGN_OR_RETURN(members, io::ParseCsv(text, io::InputName(*path)));
  }
  if (const std::optional<std::string> value = args.Get("rulebook")) {
    WHIPCOUNT_ASSIGN_OR_RETURN(chamber.motion, MotionOf(*value, args));
    if (!chamber.motion->chamber.empty()) chamber.name = chamber.motion->chamber;
    if (io::IsRulebookName(*value)) chamber.id = *value;
  } else if (args.Has("rule")) {
    return Usage("--rule chooses a rule of --rulebook; give the rulebook too");
  }
  if (const std::optional<std::string> name = args.Get("name")) chamber.name = *name;
  WHIPCOUNT_ASSIGN_OR_RETURN(
      io::ChamberDraft draft,
      io::ChamberFromSpreadsheet(parties, members ? &*members : nullptr, chamber));
  return WriteDraft(draft, args, io);
}

Status RunImport(const Args& args, Io& io) {
  const std::vector<std::string>& words = args.positional();
  if (words.empty()) return Usage("import what? 'import parlgov' or 'import csv PARTIES.csv'");
  if (words[0] == "parlgov") return ImportParlGov(args, io);
  if (words[0] == "csv") return ImportCsv(args, io);
  return Usage("whipcount imports from 'parlgov' or 'csv', not '" + words[0] + "'");
}

Status RunNew(const Args& args, Io& io) {
  if (!args.positional().empty()) return Usage("new takes no file; name the output with -o");
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::string path, io::FindShipped("templates/chamber.yaml"));
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::string text, io::ReadFile(path));
  const std::optional<std::string> output = args.Get("output");
  if (!output || *output == "-") {
    io.out << text;
    return Status::Ok();
  }
  std::error_code ec;
  if (fs::exists(*output, ec)) {
    return Status(ErrorCode::kIo, "'" + *output + "' already exists; name a new file",
                  {.file = *output});
  }
  WHIPCOUNT_RETURN_IF_ERROR(io::WriteFile(*output, text));
  io.out << "wrote " << *output << ": edit it, then run 'whipcount check " << *output << "'\n";
  return Status::Ok();
}

Status RunExport(const Args& args, Io& io) {
  const std::vector<std::string>& words = args.positional();
  if (words.size() != 2 || words[0] != "csv") {
    return Usage("export writes CSV: whipcount export csv FILE [--date D]");
  }
  WHIPCOUNT_ASSIGN_OR_RETURN(const FileCase file, LoadChamber(words[1], args, io));
  WHIPCOUNT_ASSIGN_OR_RETURN(const auto dates, DatesFrom(args));
  if (dates.size() != 1) return Usage("export takes one --date");
  WHIPCOUNT_ASSIGN_OR_RETURN(const State state, file.StateOn(dates.front()));
  const std::string parties = io::PartiesCsv(state);
  if (const std::optional<std::string> members = args.Get("members")) {
    WHIPCOUNT_RETURN_IF_ERROR(io::WriteFile(*members, io::MembersCsv(state)));
  }
  const std::optional<std::string> output = args.Get("output");
  if (!output || *output == "-") {
    io.out << parties;
    return Status::Ok();
  }
  return io::WriteFile(*output, parties);
}

FlagSpec OutputFlag(std::string_view help) {
  return {.name = "output", .value = "FILE", .help = help, .short_name = 'o'};
}

}  // namespace

Command ImportCommand() {
  return Command{
      .name = "import",
      .summary = "make a chamber file from ParlGov or from a spreadsheet (CSV)",
      .usage =
          "whipcount import parlgov --country C (--election D | --cabinet NAME | --date D) "
          "[-o FILE]\n"
          "       whipcount import parlgov --list [--country C]\n"
          "       whipcount import csv PARTIES.csv --seats N [--members MEMBERS.csv] "
          "[--rulebook NAME [--rule ID]] [-o FILE]",
      .example = "whipcount import parlgov --country DEU --election 2021-09-26",
      .description =
          "parlgov: the seats of an election, of a cabinet or of the cabinet in force on a date, "
          "from the ParlGov tables shipped with whipcount (Döring, Quaas, Hesse and Manow, "
          "parlgov.org): parties with names, left-right positions and colours by party family, "
          "the cabinet's parties as the government bloc and the rest as the opposition, and the "
          "country's shipped rulebook where there is one. csv: a party table (id, name, seats, "
          "colour, bloc, stance, position) and a member table (id, name, party, constituency, "
          "stance); docs/import.md lists the header names each column may have. The file "
          "written is checked as 'whipcount check' reads it.",
      .flags =
          {
              {.name = "country", .value = "C", .help = "parlgov: a country code (DEU) or name"},
              {.name = "election",
               .value = "D",
               .help = "parlgov: the election of this date (or id)"},
              {.name = "cabinet",
               .value = "NAME",
               .help = "parlgov: the cabinet of this name (or id)"},
              {.name = "date", .value = "D", .help = "parlgov: the cabinet in force on this date"},
              {.name = "type",
               .value = "T",
               .help = "parlgov: the elections of the parliament or of the European Parliament",
               .accepts = Words{.names = {"parliament", "ep"}, .fallback = "parliament"}},
              {.name = "list",
               .help = "parlgov: list the countries, or a country's elections and cabinets"},
              {.name = "seats",
               .value = "N",
               .help = "csv: the chamber's statutory seats",
               .accepts = WholeNumbers{.low = 1, .high = 100'000}},
              {.name = "members", .value = "FILE", .help = "csv: the member table"},
              {.name = "rulebook",
               .value = "NAME",
               .help = "csv: a shipped rulebook's name, or a path"},
              {.name = "rule",
               .value = "ID",
               .help = "csv: the rulebook's rule the motion uses, if not its usual one "
                       "(docs/import.md)"},
              {.name = "kind",
               .value = "K",
               .help = "csv: the motion's kind, if not the usual rule's",
               .accepts = WordsOf<MotionKind>(MotionKind::kNoConfidence)},
              {.name = "name", .value = "NAME", .help = "csv: the chamber's name"},
              OutputFlag(
                  "write the chamber file here (.json: as JSON) instead of to standard output"),
          },
      .run = RunImport,
  };
}

Command NewCommand() {
  return Command{
      .name = "new",
      .summary = "write a commented template chamber file to start from",
      .usage = "whipcount new [-o FILE]",
      .example = "whipcount new -o draft-chamber.yaml",
      .description =
          "Writes a small chamber file in which every section is explained, to edit "
          "into your own. It refuses to overwrite a file that exists.",
      .flags = {OutputFlag("write the template here instead of to standard output")},
      .run = RunNew,
  };
}

Command ExportCommand() {
  return Command{
      .name = "export",
      .summary = "write a chamber's parties and members as CSV, for a spreadsheet",
      .usage = "whipcount export csv FILE [--date D] [-o PARTIES.csv] [--members MEMBERS.csv]",
      .example = "whipcount export csv data/pk-na-2022.yaml --date 2022-03-30",
      .description =
          "The parties on the date (id, name, short, seats, colour, bloc, stance, position) as "
          "'whipcount import csv' reads them back, a split party's stance as 'for:30 "
          "against:17 rest:absent'; with --members, the named members too. The chair, the "
          "rules, sources and events stay in the chamber file.",
      .flags =
          {
              {.name = "date",
               .value = "D",
               .help = "the state on this date (default: the motion's)"},
              OutputFlag("write the party table here instead of to standard output"),
              {.name = "members", .value = "FILE", .help = "write the member table to this file"},
          },
      .run = RunExport,
  };
}

}  // namespace whipcount::cli
