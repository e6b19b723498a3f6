// whipcount power / coalitions FILE: voting power indices and coalition lists, for a chamber
// file (parties as players, the motion's required votes as the quota) or a game file.
//
// Each command reads its question (the file and the flags), asks the engine, and prints the
// answer in the form asked for (text here; JSON and CSV from io).
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <string>

#include "cli/commands.h"
#include "io/file.h"
#include "io/game_file.h"
#include "io/json_out.h"
#include "io/power_csv.h"
#include "whipcount/coalition.h"
#include "whipcount/power.h"

namespace whipcount::cli {
namespace {

// How a game's weights decide: --rule.
enum class GameRule { kWeighted, kEuCouncil };

}  // namespace
}  // namespace whipcount::cli

namespace whipcount {

template <>
struct NameTable<cli::GameRule> {
  static constexpr std::array kEntries{
      Named<cli::GameRule>{cli::GameRule::kWeighted, "weighted"},
      Named<cli::GameRule>{cli::GameRule::kEuCouncil, "eu-council"},
  };
};

}  // namespace whipcount

namespace whipcount::cli {
namespace {

// --- Reading the question ----------------------------------------------------------------------

// What both commands ask about: a chamber's parties on its motion, or a game file's players.
struct Question {
  std::string title;  // the chamber's name and date, or the game file's path
  WeightedVote vote;
};

bool IsChamberFile(const std::string& path) {
  auto ends = [&](std::string_view suffix) {
    return path.size() >= suffix.size() &&
           path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends(".yaml") || ends(".yml");
}

Result<Question> FromChamber(const std::string& path, const Args& args) {
  WHIPCOUNT_ASSIGN_OR_RETURN(const FileCase file, LoadChamber(path, args));
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::vector<std::optional<Date>> dates, DatesFrom(args));
  const std::optional<Date> date = dates.front() ? dates.front() : DefaultDate(file.on);
  WHIPCOUNT_ASSIGN_OR_RETURN(const State state, file.StateOn(date));
  const MotionCase& on = file.on;
  return Question{
      .title = state.chamber.name + (date ? "  " + date->ToString() : ""),
      .vote = on.motion ? VoteOfChamber(state, *on.rule, *on.motion, date) : VoteOfChamber(state)};
}

Result<Question> FromGameFile(const std::string& path, const Args& args) {
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::string text, io::ReadFile(path));
  WHIPCOUNT_ASSIGN_OR_RETURN(const io::GameLayout layout, args.Choice<io::GameLayout>("layout"));
  WHIPCOUNT_ASSIGN_OR_RETURN(const io::GameFile file,
                             io::ParseGameFile(text, {.file = path, .layout = layout}));
  return Question{.title = path, .vote = file.ToVote()};
}

Result<Question> ReadQuestion(const Args& args) {
  if (args.positional().size() != 1) {
    return Status(
        ErrorCode::kUsage,
        args.positional().empty()
            ? "name a chamber file (.yaml) or a game file"
            : "expected one file, got " + std::to_string(args.positional().size()) + " arguments");
  }
  const std::string& path = args.positional()[0];
  return IsChamberFile(path) ? FromChamber(path, args) : FromGameFile(path, args);
}

// The quota: --quota, else the game file's, else the chamber motion's rule.
Result<StatedQuota> QuotaFor(const Question& question, const Args& args) {
  if (std::optional<std::string> text = args.Get("quota")) {
    const std::int64_t total = question.vote.players.TotalWeight();
    Result<std::int64_t> votes = io::ParseQuota(*text, total);
    if (!votes.ok()) return Status(ErrorCode::kUsage, "--quota: " + votes.status().message());
    const std::string source = "--quota " + *text;
    WHIPCOUNT_RETURN_IF_ERROR(CheckQuota(*votes, total, source));
    return StatedQuota{.votes = *votes, .source = source};
  }
  if (question.vote.quota) return *question.vote.quota;
  return Status(ErrorCode::kUsage,
                "no quota: give --quota (270, 50%, 2/3, majority), a `quota:` line in the game "
                "file, or a chamber file with a motion");
}

// Draws "computing shapley-shubik  42%" on stderr once a computation has run for a second.
class ProgressLine {
 public:
  explicit ProgressLine(Io& io) : io_(io), start_(std::chrono::steady_clock::now()) {}
  ~ProgressLine() {
    if (drawn_) io_.err << "\r" << std::string(60, ' ') << "\r" << std::flush;
  }
  void operator()(const PowerProgress& p) {
    if (!io_.stdout_is_tty) return;
    if (std::chrono::steady_clock::now() - start_ < std::chrono::seconds(1)) return;
    const int percent = static_cast<int>(p.fraction * 100);
    if (drawn_ && percent == last_) return;
    last_ = percent;
    drawn_ = true;
    io_.err << "\rcomputing " << p.stage << "  " << percent << "%   " << std::flush;
  }

 private:
  Io& io_;
  std::chrono::steady_clock::time_point start_;
  bool drawn_ = false;
  int last_ = -1;
};

std::string Decimal(double x, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, x);
  return buffer;
}

// --- power ---------------------------------------------------------------------------------------

// `whipcount power` as asked: the players, the quota and the game built from them.
struct PowerRequest {
  Question question;
  StatedQuota quota;
  VotingGame game;
  PowerOptions options;
};

// --all, --index and --method. `has_unions`: the players come with a-priori unions.
Result<PowerOptions> PowerOptionsFrom(const Args& args, bool has_unions) {
  PowerOptions options;
  if (args.Has("all")) options.indices = PowerIndicesFor(has_unions);
  if (args.Has("index")) {
    WHIPCOUNT_ASSIGN_OR_RETURN(options.indices, args.Choices<PowerIndex>("index"));
  }
  WHIPCOUNT_ASSIGN_OR_RETURN(options.method, args.Choice<PowerMethod>("method"));
  return options;
}

Result<PowerRequest> ReadPowerRequest(const Args& args) {
  PowerRequest r;
  WHIPCOUNT_ASSIGN_OR_RETURN(r.question, ReadQuestion(args));
  const WeightedPlayers& players = r.question.vote.players;
  WHIPCOUNT_ASSIGN_OR_RETURN(const GameRule rule, args.Choice<GameRule>("rule"));
  const bool eu = rule == GameRule::kEuCouncil;
  if (!eu) {
    WHIPCOUNT_ASSIGN_OR_RETURN(r.quota, QuotaFor(r.question, args));
  }
  WHIPCOUNT_ASSIGN_OR_RETURN(r.options, PowerOptionsFrom(args, !players.unions.empty()));
  if (eu) {
    WHIPCOUNT_ASSIGN_OR_RETURN(r.game, EuCouncilGame(players.names, players.weights));
    r.quota = {.votes = r.game.dimensions[1].quota,
               .source =
                   "EU Council: 55% of the states holding 65% of the population, or all "
                   "but 3 states"};
  } else {
    r.game = WeightedGame(players.weights, r.quota.votes, players.names);
  }
  if (std::any_of(r.options.indices.begin(), r.options.indices.end(),
                  [](PowerIndex i) { return InfoOf(i).needs_unions; })) {
    r.game.unions = players.unions;
  }
  return r;
}

void PrintPower(const PowerRequest& r, const PowerReport& report, double seconds,
                const Style& style, std::ostream& out) {
  const WeightedPlayers& players = r.question.vote.players;
  out << style(Colour::kBold, r.question.title) << "\n"
      << style(Colour::kDim,
               Wrap(std::to_string(players.weights.size()) + " players, quota " +
                        std::to_string(r.quota.votes) + " of " +
                        std::to_string(players.TotalWeight()) + " (" + r.quota.source + ")",
                    100))
      << "\n\n";
  std::vector<Table::Column> columns = {{"Player", Align::kLeft}, {"Weight"}};
  for (const IndexValues& values : report.indices) {
    columns.push_back({std::string(EnumName(values.index))});
  }
  Table table(columns);
  for (std::size_t i = 0; i < report.players.size(); ++i) {
    std::vector<std::string> row = {report.players[i], std::to_string(players.weights[i])};
    for (const IndexValues& values : report.indices) {
      row.push_back(Decimal(values.value[i].value, 4));
    }
    table.AddRow(std::move(row));
  }
  table.Print(out, style, 2);
  out << "\n  Winning coalitions: " << report.winning_coalitions << " of " << report.coalitions
      << " (power to act " << Decimal(report.power_to_act.value, 4) << ")\n";
  if (report.minimal_winning_coalitions) {
    out << "  Minimal winning coalitions: " << *report.minimal_winning_coalitions << "\n";
  }
  out << style(Colour::kDim,
               "  Exact values: --json or --csv. Method: " + std::string(EnumName(report.method)) +
                   ", " + Decimal(seconds, 3) + " s")
      << "\n";
}

Status RunPower(const Args& args, Io& io) {
  WHIPCOUNT_ASSIGN_OR_RETURN(PowerRequest request, ReadPowerRequest(args));
  ProgressLine progress(io);
  request.options.progress = [&progress](const PowerProgress& p) { progress(p); };
  const auto start = std::chrono::steady_clock::now();
  WHIPCOUNT_ASSIGN_OR_RETURN(const PowerReport report, ComputePower(request.game, request.options));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const WeightedPlayers& players = request.question.vote.players;
  if (args.Has("json")) {
    io.out << io::PowerToJson(request.question.title, players, request.quota, report).dump(2)
           << "\n";
  } else if (args.Has("csv")) {
    io.out << io::PowerToCsv(players, report);
  } else {
    PrintPower(request, report, seconds, StyleFor(args, io), io.out);
  }
  return Status::Ok();
}

// --- coalitions ----------------------------------------------------------------------------------

// `whipcount coalitions` as asked.
struct CoalitionsRequest {
  Question question;
  StatedQuota quota;
  CoalitionOptions options;
  int top = 0;  // coalitions shown in text (--top); 0: all
  // The motion's balance, for a chamber file with a motion and no --quota.
  bool balance = false;
};

// --theory, --limit, --require and --exclude.
Result<CoalitionOptions> CoalitionOptionsFrom(const Args& args) {
  CoalitionOptions options;
  WHIPCOUNT_ASSIGN_OR_RETURN(options.theory, args.Choice<CoalitionTheory>("theory"));
  WHIPCOUNT_ASSIGN_OR_RETURN(options.max_coalitions, args.Int<std::int64_t>("limit"));
  options.required = args.GetAll("require");
  for (const std::string& pair : args.GetAll("exclude")) {
    const std::size_t plus = pair.find('+');
    if (plus == std::string::npos) {
      return Status(ErrorCode::kUsage,
                    "--exclude takes two parties joined by '+', e.g. --exclude PTI+PPP");
    }
    options.incompatible.emplace_back(pair.substr(0, plus), pair.substr(plus + 1));
  }
  return options;
}

Result<CoalitionsRequest> ReadCoalitionsRequest(const Args& args) {
  CoalitionsRequest r;
  WHIPCOUNT_ASSIGN_OR_RETURN(r.question, ReadQuestion(args));
  WHIPCOUNT_ASSIGN_OR_RETURN(r.quota, QuotaFor(r.question, args));
  WHIPCOUNT_ASSIGN_OR_RETURN(r.options, CoalitionOptionsFrom(args));
  WHIPCOUNT_ASSIGN_OR_RETURN(r.top, args.Int<int>("top"));
  r.balance = r.question.vote.motion && !args.Has("quota");
  return r;
}

// The answer: the ranked coalitions and, when asked, the balance of the motion.
struct CoalitionsAnswer {
  CoalitionReport report;
  std::optional<MotionBalance> balance;
};

Result<CoalitionsAnswer> AnswerCoalitions(const CoalitionsRequest& r) {
  CoalitionsAnswer answer;
  WHIPCOUNT_ASSIGN_OR_RETURN(
      answer.report, ListCoalitions(r.question.vote.players.Parties(), r.quota.votes, r.options));
  if (r.balance) {
    const TalliedMotion& motion = *r.question.vote.motion;
    Result<MotionBalance> balance =
        BalanceOfMotion(motion.sides, motion.carries, {.max_coalitions = r.options.max_coalitions});
    // Too many groups of the undecided to list: the ranked coalitions stand without them.
    if (balance.ok()) answer.balance = std::move(*balance);
  }
  return answer;
}

std::string Joined(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : std::string(separator)) + p;
  return out;
}

// "+3": seats beyond the quota.
std::string Surplus(std::int64_t seats) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%+lld", static_cast<long long>(seats));
  return buffer;
}

void PrintCoalitionTable(const CoalitionsRequest& r, const CoalitionReport& report,
                         const Style& style, std::ostream& out) {
  const std::vector<Coalition>& coalitions = report.coalitions;
  const bool ranges = std::any_of(coalitions.begin(), coalitions.end(),
                                  [](const Coalition& c) { return c.range.has_value(); });
  std::vector<Table::Column> columns = {
      {"#"}, {"Coalition", Align::kLeft}, {"Parties"}, {"Seats"}, {"Surplus"}};
  if (ranges) columns.push_back({"Range"});
  Table table(columns);
  for (std::size_t k = 0; k < coalitions.size(); ++k) {
    if (r.top > 0 && static_cast<int>(k) >= r.top) break;
    const Coalition& c = coalitions[k];
    std::vector<std::string> row = {std::to_string(k + 1), Joined(c.parties, " + "),
                                    std::to_string(c.parties.size()), std::to_string(c.seats),
                                    Surplus(c.surplus)};
    if (ranges) row.push_back(c.range ? Decimal(*c.range, 1) : "?");
    table.AddRow(std::move(row));
  }
  table.Print(out, style, 2);
  if (r.top > 0 && static_cast<int>(coalitions.size()) > r.top) {
    const std::size_t more = coalitions.size() - static_cast<std::size_t>(r.top);
    out << style(Colour::kDim, "  ... " + std::to_string(more) + " more (--top 0 lists all)")
        << "\n";
  }
}

// The bar moves with turnout under some rules, so it is the one for the sides as declared.
void PrintBalance(const MotionBalance& balance, const Style& style, std::ostream& out) {
  out << "\n  On the motion as tallied: " << balance.for_seats << " for, "
      << (balance.needed ? std::to_string(*balance.needed) + " needed"
                         : std::string("no number enough"))
      << ": "
      << (balance.carried  ? style(Colour::kGreen, "carried on paper")
          : balance.needed ? style(Colour::kRed, "short by " + std::to_string(*balance.needed -
                                                                              balance.for_seats))
                           : style(Colour::kRed, "cannot carry"))
      << "\n";
  out << "  Pivotal: "
      << (balance.pivotal.empty() ? std::string("none alone") : Joined(balance.pivotal, ", "))
      << (balance.carried ? " (each could sink it alone by voting against)"
                          : " (each could carry it alone by voting for)")
      << "\n";
  if (balance.carried) return;
  if (balance.with_undecided.empty()) {
    out << "  The undecided cannot carry it on their own.\n";
    return;
  }
  out << "  The undecided could carry it as:";
  for (std::size_t k = 0; k < balance.with_undecided.size() && k < 5; ++k) {
    out << (k ? "; " : " ") << Joined(balance.with_undecided[k].parties, " + ") << " ("
        << balance.with_undecided[k].seats << ")";
  }
  if (balance.with_undecided.size() > 5) {
    out << "; and " << balance.with_undecided.size() - 5 << " more";
  }
  out << "\n";
}

void PrintCoalitions(const CoalitionsRequest& r, const CoalitionsAnswer& answer, const Style& style,
                     std::ostream& out) {
  const CoalitionReport& report = answer.report;
  out << style(Colour::kBold, r.question.title) << "\n"
      << style(Colour::kDim,
               Wrap("Quota " + std::to_string(r.quota.votes) + " (" + r.quota.source + "). " +
                        std::to_string(report.coalitions.size()) + " " +
                        (report.theory == CoalitionTheory::kMinimalConnected
                             ? "minimal connected winning"
                             : "minimal winning") +
                        " coalitions, ranked by " + std::string(EnumName(report.theory)) + ".",
                    100))
      << "\n\n";
  PrintCoalitionTable(r, report, style, out);
  if (answer.balance) PrintBalance(*answer.balance, style, out);
}

Status RunCoalitions(const Args& args, Io& io) {
  WHIPCOUNT_ASSIGN_OR_RETURN(const CoalitionsRequest request, ReadCoalitionsRequest(args));
  WHIPCOUNT_ASSIGN_OR_RETURN(const CoalitionsAnswer answer, AnswerCoalitions(request));
  if (args.Has("json")) {
    io.out << io::CoalitionsToJson(request.question.title, request.quota, answer.report,
                                   answer.balance)
                  .dump(2)
           << "\n";
  } else {
    PrintCoalitions(request, answer, StyleFor(args, io), io.out);
  }
  return Status::Ok();
}

// --- The command table -------------------------------------------------------------------------

std::vector<FlagSpec> SharedFlags() {
  return {
      {.name = "quota",
       .value = "Q",
       .help = "votes needed: 270, 65%, 2/3 or majority (default: the file's quota or the "
               "motion's rule)"},
      {.name = "date",
       .value = "YYYY-MM-DD",
       .help = "for a chamber file: the chamber as it stood on this date"},
      {.name = "layout",
       .value = "L",
       .help = "game file layout, epic being a quota line then weights and epic-unions a quota "
               "line then one union per line",
       .accepts = WordsOf<io::GameLayout>(io::GameFileOptions{}.layout)},
  };
}

}  // namespace

Command PowerCommand() {
  // The lists of indices come from the registry (power.h). Commands keep views of their texts,
  // so this lives as long as the program.
  static const std::string kIndexHelp = [] {
    std::vector<std::string_view> defaults;
    for (PowerIndex index : DefaultPowerIndices()) defaults.push_back(EnumName(index));
    return "an index to compute (default: " + JoinWords(defaults, "and") + ")";
  }();
  std::vector<FlagSpec> flags = SharedFlags();
  flags.push_back({.name = "index",
                   .value = "NAME",
                   .help = kIndexHelp,
                   .repeatable = true,
                   .accepts = WordsOf<PowerIndex>()});
  flags.push_back({.name = "all", .help = "every index (Owen values too when there are unions)"});
  flags.push_back({.name = "method",
                   .value = "M",
                   .help = "how to compute",
                   .accepts = WordsOf<PowerMethod>(PowerOptions{}.method)});
  flags.push_back({.name = "csv", .help = "print CSV with exact values and raw counts"});
  flags.push_back({.name = "rule",
                   .value = "R",
                   .help = "how the weights decide; under eu-council they are member states' "
                           "populations under the Council's double majority",
                   .accepts = WordsOf<GameRule>(GameRule::kWeighted)});
  return Command{
      .name = "power",
      .summary =
          "exact voting power indices: Banzhaf, Shapley–Shubik, Holler, Deegan–Packel, "
          "Johnston, Coleman, Owen",
      .usage = "whipcount power FILE [--quota Q] [--index NAME]... [--all] [--json | --csv]",
      .example = "whipcount power data/games/us-electoral-college-2012-2020.csv --quota 270",
      .description =
          "Computes power indices exactly (fractions, never rounded) for the parties of a "
          "chamber file (blocs are the a-priori unions of the Owen values; the motion's rule "
          "gives the quota) or for a game file: `name,weight` per line (optionally "
          "`name,weight,union`) or one weight per line, with a `quota: 270` line or --quota. A "
          "progress line appears on a terminal when a computation runs longer than a second.",
      .flags = flags,
      .run = RunPower,
  };
}

Command CoalitionsCommand() {
  std::vector<FlagSpec> flags = SharedFlags();
  flags.push_back({.name = "theory",
                   .value = "T",
                   .help = "the theory to rank by, also named by its author (riker, leiserson, "
                           "de-swaan, axelrod)",
                   .accepts = WordsOf<CoalitionTheory>(CoalitionOptions{}.theory)});
  flags.push_back({.name = "require",
                   .value = "PARTY",
                   .help = "a party every coalition must include",
                   .repeatable = true});
  flags.push_back({.name = "exclude",
                   .value = "A+B",
                   .help = "two parties that refuse to sit together",
                   .repeatable = true});
  flags.push_back({.name = "limit",
                   .value = "N",
                   .help = "refuse to list more than N coalitions",
                   .accepts = WholeNumbers{.fallback = CoalitionOptions{}.max_coalitions}});
  flags.push_back({.name = "top",
                   .value = "N",
                   .help = "show the first N, 0 for all",
                   .accepts = WholeNumbers{.fallback = 20}});
  return Command{
      .name = "coalitions",
      .summary = "minimal winning coalitions, ranked by the classic coalition theories",
      .usage = "whipcount coalitions FILE [--quota Q] [--theory T] [--require P] [--exclude A+B]",
      .example = "whipcount coalitions data/pk-na-2022.yaml --date 2022-03-29 --top 5",
      .description =
          "Lists the coalitions in which every party is necessary, counted first so that a "
          "request for millions is refused with the count. Theories: minimum-size (fewest "
          "seats), fewest-parties, minimal-range (smallest left-right spread; needs positions) "
          "and minimal-connected (adjacent on the left-right scale). For a chamber file with a "
          "motion it also names the pivotal parties and the groups of undecided parties that "
          "could carry the motion.",
      .flags = flags,
      .run = RunCoalitions,
  };
}

}  // namespace whipcount::cli
