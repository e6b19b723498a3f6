// whipcount tally / explain FILE: count the motion on one or more dates.
#include <cctype>
#include <string>

#include "cli/commands.h"
#include "io/json_out.h"
#include "whipcount/tally.h"

namespace whipcount::cli {
namespace {

// The motion's count on each requested date (TallyOn: the state replayed up to it).
Result<std::vector<Snapshot>> TallyDates(const FileCase& f, const Args& args) {
  WHIPCOUNT_RETURN_IF_ERROR(f.RequireMotion(", so there is nothing to count"));
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::vector<std::optional<Date>> dates, DatesFrom(args));
  std::vector<Snapshot> out;
  for (const std::optional<Date>& date : dates) {
    WHIPCOUNT_ASSIGN_OR_RETURN(Snapshot counted, f.TallyOn(date));
    out.push_back(std::move(counted));
  }
  return out;
}

std::string Signed(std::int64_t n) { return (n > 0 ? "+" : "") + std::to_string(n); }

std::string Count(int n) { return n == 0 ? "·" : std::to_string(n); }

// The table of counts: each bloc with the part of each party that sits in it, so the rows add
// up (a party split across blocs says which share of it a row holds), the total, and in a joint
// sitting the same members by house. Columns that would be empty are left out.
void PrintCounts(const Chamber& c, const Tally& t, const Style& style, std::ostream& out) {
  const bool chair = t.total.chair > 0;
  const bool discounted = t.total.discounted > 0;
  const bool present = t.total.present > 0;
  const bool uncounted = t.total.uncounted > 0;
  std::vector<Table::Column> cols = {
      {"Bloc / party", Align::kLeft}, {"Seats"}, {"For"}, {"Against"}, {"Abstain"}};
  if (present) cols.push_back({"Present"});
  cols.push_back({"Absent"});
  cols.push_back({"Undecided"});
  if (discounted) cols.push_back({"Not counted"});
  if (uncounted) cols.push_back({"Non-voting"});
  if (chair) cols.push_back({"Chair"});
  Table table(cols);
  auto cells = [&](std::string label, int seats, const Counts& n) {
    std::vector<std::string> row = {std::move(label), std::to_string(seats), Count(n.for_votes),
                                    Count(n.against), Count(n.abstain)};
    if (present) row.push_back(Count(n.present));
    row.push_back(Count(n.absent));
    row.push_back(Count(n.undecided));
    if (discounted) row.push_back(Count(n.discounted));
    if (uncounted) row.push_back(Count(n.uncounted));
    if (chair) row.push_back(Count(n.chair));
    return row;
  };
  for (const BlocRow& b : t.blocs) {
    if (b.seats == 0) continue;
    const Bloc* bloc = c.FindBloc(b.bloc);
    table.AddRow(cells(bloc ? bloc->name : "No bloc", b.seats, b.counts), {Colour::kBold});
    for (const PartyRow& part : b.parties) {
      const Party* party = c.FindParty(part.party);
      std::string label = "  " + (party ? party->short_name : part.party);
      if (party && part.seats != party->seats) {
        label += " (" + std::to_string(part.seats) + " of " + std::to_string(party->seats) + ")";
      }
      table.AddRow(cells(std::move(label), part.seats, part.counts));
    }
  }
  table.AddRule();
  table.AddRow(cells("Total", t.total.Total(), t.total), {Colour::kBold});
  for (const HouseRow& h : t.houses) {
    const size_t index = *c.HouseIndex(h.house);
    const int vacant = h.seats - h.filled;
    table.AddRow(cells(c.houses[index].name + " (" + std::to_string(h.seats) + " seats" +
                           (vacant > 0 ? ", " + std::to_string(vacant) + " vacant" : "") + ")",
                       h.counts.Total(), h.counts),
                 {Colour::kDim});
  }
  table.Print(out, style, 2);
}

// Why a threshold requires what it does: "more than 1/2 of 342 statutory seats (1 vacancy does
// not lower it)".
std::string ThresholdWhy(const ThresholdCheck& check, int vacancies) {
  const Threshold& th = check.threshold;
  std::string why = std::string(th.strict ? "more than " : "at least ") +
                    std::to_string(th.fraction.num) + "/" + std::to_string(th.fraction.den) +
                    " of " + std::to_string(check.base_count) + " ";
  switch (th.base) {
    case Base::kStatutorySeats:
      why += "statutory seats";
      if (vacancies > 0) {
        why += " (" + std::to_string(vacancies) +
               (vacancies == 1 ? " vacancy does" : " vacancies do") + " not lower it)";
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

// The verdict in capitals, and its colour: a motion that cannot be voted on says so first.
std::pair<std::string, Colour> VerdictWords(const Tally& t) {
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

// How the smallest flip would happen: "supporters staying away would defeat it".
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
      return "of the undecided voting for would carry it";
  }
  return "";
}

// The facts under the table: what is required and why, the quorum, the votes for, the margin,
// the anti-defection rule, the verdict and the smallest flip.
void PrintFacts(const Tally& t, const Style& style, std::ostream& out) {
  Table facts({{"", Align::kLeft}, {"", Align::kRight}, {"", Align::kLeft}});
  for (const ThresholdCheck& check : t.thresholds) {
    facts.AddRow({"Required", check.required ? std::to_string(*check.required) : "none",
                  ThresholdWhy(check, t.vacancies)});
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
  const auto [verdict, colour] = VerdictWords(t);
  facts.AddRow({"Verdict", "", verdict}, {Colour::kBold, Colour::kNone, colour});
  if (const std::string consequence = ConsequenceWords(t); !consequence.empty()) {
    facts.AddRow({"", "", consequence});
  }
  if (t.flip.members) {
    facts.AddRow({"To flip", std::to_string(*t.flip.members), FlipWords(t.flip)});
  }
  facts.Print(out, style, 2);
}

void PrintTally(const MotionCase& f, const Snapshot& d, const Style& style, std::ostream& out) {
  const Tally& t = *d.tally;
  PrintMotionHeading(d.state.chamber, *f.motion, *f.rule, t.date, style, out);
  PrintCounts(d.state.chamber, t, style, out);
  out << "\n";
  PrintFacts(t, style, out);
}

Status RunTallyLike(const Args& args, Io& io, bool prose) {
  WHIPCOUNT_ASSIGN_OR_RETURN(FileCase file, LoadPositionalFile(args));
  WHIPCOUNT_ASSIGN_OR_RETURN(std::vector<Snapshot> dated, TallyDates(file, args));
  const Rule& rule = *file.on.rule;
  const Motion& motion = *file.on.motion;
  if (args.Has("json")) {
    nlohmann::ordered_json all = nlohmann::ordered_json::array();
    for (const Snapshot& d : dated) {
      all.push_back(io::TallyToJson(d.state, rule, motion, *d.tally));
    }
    io.out << (all.size() == 1 ? all[0] : all).dump(2) << "\n";
    return Status::Ok();
  }
  const Style style = StyleFor(args, io);
  for (size_t i = 0; i < dated.size(); ++i) {
    const Snapshot& d = dated[i];
    if (i > 0) io.out << "\n";
    if (prose) {
      io.out << Wrap(Explain(d.state.chamber, rule, motion, *d.tally), 88) << "\n";
    } else {
      PrintTally(file.on, d, style, io.out);
    }
  }
  return Status::Ok();
}

Status RunTally(const Args& args, Io& io) { return RunTallyLike(args, io, false); }
Status RunExplain(const Args& args, Io& io) { return RunTallyLike(args, io, true); }

std::vector<FlagSpec> DateFlags() {
  return {{.name = "date",
           .value = "YYYY-MM-DD",
           .help = "count the chamber as it stood on this date (default: the motion's date)",
           .repeatable = true}};
}

}  // namespace

Command TallyCommand() {
  return Command{
      .name = "tally",
      .summary = "count the motion: for, against, required, margin and verdict",
      .usage = "whipcount tally FILE [--date YYYY-MM-DD]... [--json]",
      .example = "whipcount tally data/pk-na-2022.yaml --date 2022-03-29 --date 2022-03-30",
      .description =
          "Counts every bloc and party's stance on the file's motion, applies the motion's rule "
          "(threshold, base, quorum, ties, anti-defection rule in force on the date) and prints "
          "the votes required, the margin, the verdict on paper and the smallest switch that "
          "would reverse it. Give --date several times to compare dates.",
      .flags = DateFlags(),
      .run = RunTally,
  };
}

Command ExplainCommand() {
  return Command{
      .name = "explain",
      .summary = "the tally in words: the rule, the numbers and why",
      .usage = "whipcount explain FILE [--date YYYY-MM-DD]... [--json]",
      .example = "whipcount explain data/uk-commons-1979.yaml",
      .description =
          "Prints the tally as a paragraph a reader can follow: which threshold "
          "applies and why, who stands where, the verdict and what would change it.",
      .flags = DateFlags(),
      .run = RunExplain,
  };
}

}  // namespace whipcount::cli
