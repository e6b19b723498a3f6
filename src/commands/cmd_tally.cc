// whipcount tally / explain FILE: count the motion on one or more dates.
#include <cctype>
#include <string>
#include <utility>
#include <vector>

#include "commands/commands.h"
#include "io/forecast_file.h"
#include "io/json_out.h"
#include "io/tally_csv.h"
#include "whipcount/tally.h"

namespace whipcount::cli {
namespace {

// What tally and explain count: the file, and the motion on each requested date (the state
// replayed up to it) under the --set what-ifs.
struct Counted {
  FileCase file;
  std::vector<Snapshot> dated;
  Rule rule;         // the rule counted with: the file's, or a what-if's
  WhatIfs what_ifs;  // as set on the last date; the same on every date
};

Result<Counted> CountDates(const Args& args, const Io& io) {
  Counted counted;
  WHIPCOUNT_ASSIGN_OR_RETURN(counted.file, LoadPositionalFile(args, io));
  const FileCase& f = counted.file;
  WHIPCOUNT_RETURN_IF_ERROR(f.RequireMotion(", so there is nothing to count"));
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::vector<std::optional<Date>> dates, DatesFrom(args));
  for (const std::optional<Date>& date : dates) {
    WHIPCOUNT_ASSIGN_OR_RETURN(WhatIfSnapshot counted_on, SnapshotWithWhatIfs(args, f, date));
    counted.rule = *counted_on.rule;
    counted.what_ifs = std::move(counted_on.what_ifs);
    counted.dated.push_back(std::move(counted_on.snapshot));
  }
  return counted;
}

std::string Signed(std::int64_t n) { return (n > 0 ? "+" : "") + std::to_string(n); }

std::string Count(int n) { return n == 0 ? "·" : std::to_string(n); }

// The columns a count needs: the stances no member takes are left out.
std::vector<Table::Column> CountColumns(const Counts& total) {
  std::vector<Table::Column> cols = {
      {.header = "Bloc / party", .align = Align::kLeft, .wrap = true, .min_width = 12},
      {"Seats"},
      {"For"},
      {"Against"},
      {"Abstain"}};
  if (total.present > 0) cols.push_back({"Present"});
  cols.push_back({"Absent"});
  cols.push_back({"Undecided"});
  if (total.discounted > 0) cols.push_back({"Not counted"});
  if (total.uncounted > 0) cols.push_back({"Non-voting"});
  if (total.chair > 0) cols.push_back({"Chair"});
  return cols;
}

// A row of the count table: the label, the seats and the counts CountColumns shows.
std::vector<std::string> CountCells(std::string label, int seats, const Counts& n,
                                    const Counts& total) {
  std::vector<std::string> row = {std::move(label), std::to_string(seats), Count(n.for_votes),
                                  Count(n.against), Count(n.abstain)};
  if (total.present > 0) row.push_back(Count(n.present));
  row.push_back(Count(n.absent));
  row.push_back(Count(n.undecided));
  if (total.discounted > 0) row.push_back(Count(n.discounted));
  if (total.uncounted > 0) row.push_back(Count(n.uncounted));
  if (total.chair > 0) row.push_back(Count(n.chair));
  return row;
}

// Each bloc with the part of each party that sits in it, so the rows add up (a party split across
// blocs says which share of it a row holds); the total; and in a joint sitting the houses.
void PrintCountTable(const Chamber& c, const Tally& t, const Style& style, std::ostream& out) {
  Table table(CountColumns(t.total));
  for (const BlocRow& b : t.blocs) {
    if (b.seats == 0) continue;
    const Bloc* bloc = c.FindBloc(b.bloc);
    table.AddRow(CountCells(bloc ? bloc->name : "No bloc", b.seats, b.counts, t.total),
                 {Colour::kBold});
    for (const PartyRow& part : b.parties) {
      const Party* party = c.FindParty(part.party);
      std::string label = "  " + (party ? party->short_name : part.party);
      if (party && part.seats != party->seats) {
        label += " (" + std::to_string(part.seats) + " of " + std::to_string(party->seats) + ")";
      }
      table.AddRow(CountCells(std::move(label), part.seats, part.counts, t.total));
    }
  }
  table.AddRule();
  table.AddRow(CountCells("Total", t.total.Total(), t.total, t.total), {Colour::kBold});
  for (const HouseRow& h : t.houses) {
    const size_t index = *c.HouseIndex(h.house);
    const int vacant = h.seats - h.filled;
    table.AddRow(CountCells(c.houses[index].name + " (" + std::to_string(h.seats) + " seats" +
                                (vacant > 0 ? ", " + std::to_string(vacant) + " vacant" : "") + ")",
                            h.counts.Total(), h.counts, t.total),
                 {Colour::kDim});
  }
  table.Print(out, style, 2);
  out << "\n";
}

// "more than 1/2 of 342 statutory seats (1 vacancy does not lower it)".
std::string ThresholdWhy(const ThresholdCheck& check, const Tally& t) {
  const Threshold& th = check.threshold;
  std::string why = std::string(th.strict ? "more than " : "at least ") +
                    std::to_string(th.fraction.num) + "/" + std::to_string(th.fraction.den) +
                    " of " + std::to_string(check.base_count) + " ";
  switch (th.base) {
    case Base::kStatutorySeats:
      why += "statutory seats";
      if (t.vacancies > 0) {
        why += " (" + std::to_string(t.vacancies) +
               (t.vacancies == 1 ? " vacancy does" : " vacancies do") + " not lower it)";
      }
      break;
    case Base::kFilledSeats:
      why += "filled seats";
      break;
    case Base::kPresent:
      why += "members present";
      break;
    case Base::kVotesCast:
      why += "votes cast for and against";
      break;
    case Base::kVotesCastAndAbstentions:
      why += "votes cast, abstentions included";
      break;
  }
  return why;
}

// The verdict in words and its colour.
std::pair<std::string, Colour> VerdictCell(const Tally& t) {
  if (t.status != MotionStatus::kOpen) {
    std::string word = OutcomeWord(t);
    for (char& ch : word) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    return {word + " (on paper it " +
                (t.verdict == Verdict::kPasses  ? std::string("would pass")
                 : t.verdict == Verdict::kFails ? std::string("would fail")
                                                : std::string("would rest with the undecided")) +
                ")",
            Colour::kYellow};
  }
  switch (t.verdict) {
    case Verdict::kPasses:
      return {"PASSES on paper", Colour::kGreen};
    case Verdict::kFails:
      return {"FAILS on paper", Colour::kRed};
    case Verdict::kUndecidedDecide:
      break;
  }
  return {"UNDECIDED: the undecided decide", Colour::kYellow};
}

// "supporters staying away would defeat it".
std::string FlipWords(const Flip& flip) {
  switch (flip.direction) {
    case Flip::Direction::kAwayFromFor:
      return std::string(*flip.members == 1 ? "supporter " : "supporters ") +
             (flip.via_absence == 0   ? "voting against"
              : flip.via_against == 0 ? "staying away"
                                      : "voting against or staying away") +
             " would defeat it";
    case Flip::Direction::kToFor:
      return "more votes for would carry it";
    case Flip::Direction::kUndecidedFor:
      break;
  }
  return "of the undecided voting for would carry it";
}

// What is required and why, the quorum and the votes for.
void AddRequirementFacts(const Tally& t, Table& facts) {
  for (const ThresholdCheck& check : t.thresholds) {
    facts.AddRow({"Required", check.required ? std::to_string(*check.required) : "none",
                  ThresholdWhy(check, t)});
    if (check.announced && check.announced != check.required) {
      facts.AddRow({"Announced", std::to_string(*check.announced),
                    "the same share of " + std::to_string(check.base_count) +
                        " as the chamber counts it; \"Required\" holds the others as they stand"});
    }
  }
  if (t.quorum) {
    facts.AddRow(
        {"Quorum", std::to_string(t.quorum->required),
         std::to_string(t.quorum->present) + " present" + (t.quorum->met ? "" : " (not met)")});
  }
  facts.AddRow({"For", std::to_string(t.total.for_votes), ""});
  if (t.required && t.required_by != RequiredBy::kThreshold) {
    facts.AddRow({"Needed", std::to_string(*t.required),
                  t.required_by == RequiredBy::kQuorum
                      ? "for the quorum, with the others as they stand"
                      : "a tie is enough: the chair's casting vote goes for the motion"});
  }
}

// The figures under the count: required and why, margin, verdict and the smallest flip.
void PrintFacts(const Tally& t, const Style& style, std::ostream& out) {
  Table facts({{"", Align::kLeft}, {"", Align::kRight}, {.align = Align::kLeft, .wrap = true}});
  AddRequirementFacts(t, facts);
  if (t.required) {
    facts.AddRow({"Margin", Signed(t.margin),
                  t.margin > 0    ? "above the bar"
                  : t.margin == 0 ? "not a vote to spare"
                                  : "short"},
                 {Colour::kNone, t.margin >= 0 ? Colour::kGreen : Colour::kRed});
  }
  if (t.anti_defection) {
    facts.AddRow({"Defectors", "",
                  t.anti_defection->defector_votes == DefectorVotes::kCounted
                      ? "votes against the party line are counted"
                      : "votes against the party line are NOT counted"});
  }
  const auto [verdict, colour] = VerdictCell(t);
  facts.AddRow({"Verdict", "", verdict}, {Colour::kBold, Colour::kNone, colour});
  if (const std::string consequence = ConsequenceWords(t); !consequence.empty()) {
    facts.AddRow({"", "", consequence});
  }
  if (t.flip.members) facts.AddRow({"To flip", std::to_string(*t.flip.members), FlipWords(t.flip)});
  facts.Print(out, style, 2);
}

void PrintTally(const Counted& counted, const Snapshot& d, const Style& style, std::ostream& out) {
  PrintMotionHeading(d.state.chamber.name, d.tally->date, counted.file.on, style, out);
  if (const std::string what_if = WhatIfLine(counted.what_ifs); !what_if.empty()) {
    out << style(Colour::kYellow, what_if) << "\n\n";
  }
  PrintCountTable(d.state.chamber, *d.tally, style, out);
  PrintFacts(*d.tally, style, out);
}

void PrintExplanation(const Counted& counted, const Snapshot& d, const Style& style,
                      std::ostream& out) {
  if (const std::string what_if = WhatIfLine(counted.what_ifs); !what_if.empty()) {
    out << style(Colour::kYellow, what_if) << "\n\n";
  }
  out << Wrap(Explain(d.state.chamber, counted.rule, *counted.file.on.motion, *d.tally),
              style.Fit(88))
      << "\n";
}

// One JSON object for one date, an array of them for several.
void PrintJson(const Counted& counted, std::ostream& out) {
  nlohmann::ordered_json all = nlohmann::ordered_json::array();
  for (const Snapshot& d : counted.dated) {
    all.push_back(io::CountToJson(d.state, counted.rule, *counted.file.on.motion, *d.tally,
                                  counted.what_ifs.on_case, counted.what_ifs.stances));
  }
  out << io::JsonText(all.size() == 1 ? all[0] : all);
}

// tally: a row per party in each bloc on each date; explain: a row of figures per date.
void PrintCsv(const Counted& counted, bool prose, std::ostream& out) {
  const std::string what_if = WhatIfField(counted.what_ifs);
  out << (prose ? io::TallyFiguresCsvHeader() : io::TallyRowsCsvHeader());
  for (const Snapshot& d : counted.dated) {
    out << (prose ? io::TallyFiguresToCsv(*d.tally, what_if)
                  : io::TallyRowsToCsv(*d.tally, what_if));
  }
}

Status RunTallyLike(const Args& args, Io& io, bool prose) {
  WHIPCOUNT_ASSIGN_OR_RETURN(const Counted counted, CountDates(args, io));
  if (args.Has("json")) {
    PrintJson(counted, io.out);
    return Status::Ok();
  }
  if (args.Has("csv")) {
    PrintCsv(counted, prose, io.out);
    return Status::Ok();
  }
  const Style style = StyleFor(args, io);
  for (size_t i = 0; i < counted.dated.size(); ++i) {
    if (i > 0) io.out << "\n";
    if (prose) {
      PrintExplanation(counted, counted.dated[i], style, io.out);
    } else {
      PrintTally(counted, counted.dated[i], style, io.out);
    }
  }
  return Status::Ok();
}

Status RunTally(const Args& args, Io& io) { return RunTallyLike(args, io, false); }
Status RunExplain(const Args& args, Io& io) { return RunTallyLike(args, io, true); }

// The flags of tally and explain; `csv` says what a CSV row holds.
std::vector<FlagSpec> CountFlags(std::string_view csv) {
  return {{.name = "date",
           .value = "YYYY-MM-DD",
           .help = "count the chamber as it stood on this date (default: the motion's date)",
           .repeatable = true},
          StanceWhatIfFlag(
              "count with a stance that is not the file's, e.g. MQM-P=for, party:PTI=against, "
              "member:cheema=absent or bloc:opposition=for (marked hypothetical)"),
          {.name = "csv", .help = csv}};
}

}  // namespace

Command TallyCommand() {
  return Command{
      .name = "tally",
      .summary = "count the motion: for, against, required, margin and verdict",
      .usage = "whipcount tally FILE [--date YYYY-MM-DD]... [--set WHAT-IF]... [--json | --csv]",
      .example = "whipcount tally data/pk-na-2022.yaml --date 2022-03-29 --date 2022-03-30",
      .description =
          "Counts every bloc and party's stance on the file's motion, applies the motion's rule "
          "(threshold, base, quorum, ties, anti-defection rule in force on the date) and prints "
          "the votes required, the margin, the verdict on paper and the smallest switch that "
          "would reverse it. Give --date several times to compare dates: --json then prints an "
          "array with one object per date, in the order given (one date: the object alone). "
          "--set counts as if a party, member or bloc took another stance on every date; the "
          "output says so (\"What if: MQM-P for (hypothetical)\", \"what_if\" in JSON). "
          "--csv prints a row per party in each bloc on each date (date, bloc, party, line, "
          "seats, then the counts as in JSON, then what_if).",
      .flags = CountFlags("print CSV, one row per party in each bloc on each date"),
      .run = RunTally,
  };
}

Command ExplainCommand() {
  return Command{
      .name = "explain",
      .summary = "the tally in words: the rule, the numbers and why",
      .usage = "whipcount explain FILE [--date YYYY-MM-DD]... [--set WHAT-IF]... [--json | --csv]",
      .example = "whipcount explain data/uk-commons-1979.yaml",
      .description =
          "Prints the tally as a paragraph a reader can follow: which threshold "
          "applies and why, who stands where, the verdict and what would change it. --date, "
          "--set and --json work as for tally (one date: an object; several: an array). --csv "
          "prints the figures, a row per date: date, status, required, required_by, the counts, "
          "margin, verdict, verdict_on_paper, the quorum, flip_members and what_if.",
      .flags = CountFlags("print CSV, the figures in a row per date"),
      .run = RunExplain,
  };
}

}  // namespace whipcount::cli
