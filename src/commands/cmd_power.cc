// whipcount power / coalitions FILE: voting power indices and coalition lists, for a chamber
// file (parties as players, the motion's required votes as the quota) or a game file.
//
// Each command reads its question (the file and the flags), asks the engine, and prints the
// answer in the form asked for (text here; JSON and CSV from io).
#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "commands/commands.h"
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

Result<Question> FromChamber(const FileCase& file, const Args& args) {
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::vector<std::optional<Date>> dates, DatesFrom(args));
  const std::optional<Date> date = dates.front() ? dates.front() : DefaultDate(file.on);
  WHIPCOUNT_ASSIGN_OR_RETURN(const State state, file.StateOn(date));
  const MotionCase& on = file.on;
  return Question{
      .title = state.chamber.name + (date ? "  " + date->ToString() : ""),
      .vote = on.motion ? VoteOfChamber(state, *on.rule, *on.motion, date) : VoteOfChamber(state)};
}

Result<Question> FromGameFile(std::string_view text, const std::string& path, const Args& args) {
  WHIPCOUNT_ASSIGN_OR_RETURN(const io::GameLayout layout, args.Choice<io::GameLayout>("layout"));
  WHIPCOUNT_ASSIGN_OR_RETURN(
      const io::GameFile file,
      io::ParseGameFile(text, {.file = io::InputName(path), .layout = layout}));
  return Question{.title = io::InputName(path), .vote = file.ToVote()};
}

Result<Question> ReadQuestion(const Args& args, const Io& io) {
  if (args.positional().size() != 1) {
    return Status(
        ErrorCode::kUsage,
        args.positional().empty()
            ? "name a chamber file (.yaml) or a game file"
            : "expected one file, got " + std::to_string(args.positional().size()) + " arguments");
  }
  const std::string& path = args.positional()[0];
  if (io.source != nullptr) {
    WHIPCOUNT_ASSIGN_OR_RETURN(const FileCase file, LoadChamber(path, args, io));
    return FromChamber(file, args);
  }
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::string text, io::ReadFile(path));
  const bool chamber =
      path == io::kStandardInput ? io::LooksLikeChamberFile(text) : IsChamberFile(path);
  if (!chamber) return FromGameFile(text, path, args);
  WHIPCOUNT_ASSIGN_OR_RETURN(const FileCase file, ParseChamber(text, path, args));
  return FromChamber(file, args);
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
    if (drawn_) io_.err << "\r" << std::string(72, ' ') << "\r" << std::flush;
  }
  void operator()(const PowerProgress& p) {
    if (!io_.stdout_is_tty) return;
    if (std::chrono::steady_clock::now() - start_ < std::chrono::seconds(1)) return;
    const int percent = static_cast<int>(p.fraction * 100);
    if (drawn_ && percent == last_) return;
    last_ = percent;
    drawn_ = true;
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    std::string left;
    if (p.fraction >= 0.02 && p.fraction < 1.0) {
      const double seconds = elapsed * (1.0 - p.fraction) / p.fraction;
      left = seconds < 90     ? std::to_string(static_cast<int>(seconds) + 1) + " s"
             : seconds < 5400 ? std::to_string(static_cast<int>(seconds / 60) + 1) + " min"
                              : std::to_string(static_cast<int>(seconds / 3600) + 1) + " h";
      left = ", about " + left + " left";
    }
    io_.err << "\rcomputing " << p.stage << "  " << percent << "%" << left << "     " << std::flush;
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

// --- Independents in the listings ----------------------------------------------------------------

// The players of a chamber's independents group are interchangeable (one seat each, the same
// union), so the text listings show each group once, with its size: "Ind. ×4 (each)" in the power
// table, "PTI + Ind. ×2" for a coalition with any two of them. JSON and CSV list every player.

// A row of the power table: one player, or the `count` players of an independents group from
// `first` on.
struct PlayerRow {
  std::string label;
  std::size_t first = 0;
  std::size_t count = 1;
};

std::string GroupOf(const WeightedPlayers& players, std::size_t i) {
  return i < players.groups.size() ? players.groups[i] : std::string();
}

std::vector<PlayerRow> PlayerRows(const WeightedPlayers& players) {
  std::vector<PlayerRow> rows;
  for (std::size_t i = 0; i < players.names.size(); ++i) {
    const std::string group = GroupOf(players, i);
    if (!group.empty() && !rows.empty() && GroupOf(players, rows.back().first) == group) {
      PlayerRow& row = rows.back();
      row.label = group + " \u00d7" + std::to_string(++row.count) + " (each)";
      continue;
    }
    rows.push_back({.label = players.names[i], .first = i});
  }
  return rows;
}

// The coalitions as the text lists them: those that differ only in which members of an
// independents group they hold are one row, "Ind. ×2" standing for any two of them.
struct CoalitionRow {
  std::string label;
  const Coalition* first = nullptr;  // the best ranked of the coalitions the row stands for
  std::size_t ways = 0;              // how many coalitions it stands for
};

// "PTI + JWP + Ind. ×2 + MMA": each party, and each group once with how many of it are in.
std::string CoalitionLabel(const Coalition& c, const std::map<std::string, std::string>& group_of,
                           const std::map<std::string, int>& group_size) {
  std::vector<std::pair<std::string, int>> parts;  // a party (0) or a group and its members
  for (const std::string& party : c.parties) {
    const auto group = group_of.find(party);
    if (group == group_of.end() || group_size.at(group->second) == 1) {
      parts.emplace_back(party, 0);
      continue;
    }
    const auto in = std::find_if(parts.begin(), parts.end(), [&](const auto& p) {
      return p.second > 0 && p.first == group->second;
    });
    if (in != parts.end()) {
      ++in->second;
    } else {
      parts.emplace_back(group->second, 1);
    }
  }
  std::string label;
  for (const auto& [name, members] : parts) {
    label += (label.empty() ? "" : " + ") + name +
             (members > 0 ? " \u00d7" + std::to_string(members) : std::string());
  }
  return label;
}

std::vector<CoalitionRow> CoalitionRows(const WeightedPlayers& players,
                                        const std::vector<Coalition>& coalitions) {
  std::map<std::string, std::string> group_of;
  std::map<std::string, int> group_size;
  for (std::size_t i = 0; i < players.names.size(); ++i) {
    if (const std::string group = GroupOf(players, i); !group.empty()) {
      group_of[players.names[i]] = group;
      ++group_size[group];
    }
  }
  std::vector<CoalitionRow> rows;
  std::map<std::string, std::size_t> row_of;
  for (const Coalition& c : coalitions) {
    std::string label = CoalitionLabel(c, group_of, group_size);
    const auto [it, added] = row_of.try_emplace(label, rows.size());
    if (added) rows.push_back({.label = std::move(label), .first = &c});
    ++rows[it->second].ways;
  }
  return rows;
}

// --- power ---------------------------------------------------------------------------------------

// `whipcount power` as asked: the players, the quota and the game built from them.
struct PowerRequest {
  Question question;
  StatedQuota quota;
  VotingGame game;
  PowerOptions options;
};

// A whole number followed by a unit of `units` (each a suffix and its multiple, the first
// unit's suffix empty for a bare number), at most `most`: "8G", "512M", "90m", "2h".
// nullopt when the text is no such number.
std::optional<std::int64_t> Scaled(
    std::string_view text, const std::vector<std::pair<std::string_view, std::int64_t>>& units,
    std::int64_t most) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0 || digits > 15) return std::nullopt;
  std::int64_t number = 0;
  std::from_chars(text.data(), text.data() + digits, number);
  std::string unit(text.substr(digits));
  for (char& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const auto& [suffix, multiple] : units) {
    if (unit != suffix) continue;
    if (number > most / multiple) return most + 1;
    return number * multiple;
  }
  return std::nullopt;
}

// --max-memory: "8G", "512M", "8GiB", "4096" (MiB). At least 1 MiB, at most 1 PiB.
Result<std::int64_t> MaxMemoryFrom(const Args& args) {
  const std::optional<std::string> text = args.Get("max-memory");
  if (!text) return PowerOptions{}.max_memory_bytes;
  constexpr std::int64_t kMiB = std::int64_t{1} << 20;
  constexpr std::int64_t kMost = std::int64_t{1} << 50;
  const std::optional<std::int64_t> bytes = Scaled(*text,
                                                   {{"", kMiB},
                                                    {"m", kMiB},
                                                    {"mb", kMiB},
                                                    {"mib", kMiB},
                                                    {"g", kMiB << 10},
                                                    {"gb", kMiB << 10},
                                                    {"gib", kMiB << 10},
                                                    {"t", kMiB << 20},
                                                    {"tb", kMiB << 20},
                                                    {"tib", kMiB << 20}},
                                                   kMost);
  if (!bytes || *bytes < kMiB || *bytes > kMost) {
    return Status(ErrorCode::kUsage,
                  "--max-memory takes a size from 1M to 1024T such as 512M or 8G (a bare "
                  "number is in MiB), not '" +
                      *text + "'");
  }
  return *bytes;
}

// --max-time: "600", "90s", "10m", "2h", "1d". At least a second, at most a year.
Result<double> MaxTimeFrom(const Args& args) {
  const std::optional<std::string> text = args.Get("max-time");
  if (!text) return PowerOptions{}.max_seconds;
  constexpr std::int64_t kYear = std::int64_t{365} * 86400;
  const std::optional<std::int64_t> seconds =
      Scaled(*text, {{"", 1}, {"s", 1}, {"m", 60}, {"min", 60}, {"h", 3600}, {"d", 86400}}, kYear);
  if (!seconds || *seconds < 1 || *seconds > kYear) {
    return Status(ErrorCode::kUsage,
                  "--max-time takes a duration from 1s to 365d such as 90s, 10m or 2h (a bare "
                  "number is in seconds), not '" +
                      *text + "'");
  }
  return static_cast<double>(*seconds);
}

// --all, --index, --method, --max-memory and --max-time. `has_unions`: the players come with
// a-priori unions.
Result<PowerOptions> PowerOptionsFrom(const Args& args, bool has_unions) {
  PowerOptions options;
  WHIPCOUNT_ASSIGN_OR_RETURN(options.max_memory_bytes, MaxMemoryFrom(args));
  WHIPCOUNT_ASSIGN_OR_RETURN(options.max_seconds, MaxTimeFrom(args));
  if (args.Has("all")) options.indices = PowerIndicesFor(has_unions);
  if (args.Has("index")) {
    WHIPCOUNT_ASSIGN_OR_RETURN(options.indices, args.Choices<PowerIndex>("index"));
  }
  WHIPCOUNT_ASSIGN_OR_RETURN(options.method, args.Choice<PowerMethod>("method"));
  return options;
}

Result<PowerRequest> ReadPowerRequest(const Args& args, const Io& io) {
  PowerRequest r;
  WHIPCOUNT_ASSIGN_OR_RETURN(r.question, ReadQuestion(args, io));
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
                    style.Fit(100)))
      << "\n\n";
  std::vector<Table::Column> columns = {{"Player", Align::kLeft}, {"Weight"}};
  for (const IndexValues& values : report.indices) {
    columns.push_back({std::string(EnumName(values.index))});
  }
  Table table(columns);
  table.RepeatInEachPart(2);
  for (const PlayerRow& player : PlayerRows(players)) {
    const std::size_t i = player.first;
    std::vector<std::string> row = {player.label, std::to_string(players.weights[i])};
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
  WHIPCOUNT_ASSIGN_OR_RETURN(PowerRequest request, ReadPowerRequest(args, io));
  ProgressLine progress(io);
  request.options.progress = [&progress](const PowerProgress& p) { progress(p); };
  const auto start = std::chrono::steady_clock::now();
  Result<PowerReport> computed = ComputePower(request.game, request.options);
  if (!computed.ok() && computed.status().code() == ErrorCode::kTooLarge &&
      computed.status().message().find(" limit is ") != std::string::npos) {
    return Status(ErrorCode::kTooLarge,
                  computed.status().message() + ". --max-memory and --max-time set the limits");
  }
  WHIPCOUNT_ASSIGN_OR_RETURN(const PowerReport report, std::move(computed));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const WeightedPlayers& players = request.question.vote.players;
  if (args.Has("json")) {
    io.out << io::JsonText(io::PowerToJson(request.question.title, players, request.quota, report));
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

// kUsage unless `name`, given with --`flag`, is a player: an id on the command line that the
// file does not define is a mistake in the command line, as in every command.
Status CheckPlayer(std::string_view flag, const std::string& name, const WeightedPlayers& players) {
  if (std::find(players.names.begin(), players.names.end(), name) != players.names.end()) {
    return Status::Ok();
  }
  const std::vector<std::string_view> names(players.names.begin(), players.names.end());
  const std::optional<std::string_view> near = NearestName(names, name);
  return Usage("--" + std::string(flag) + ": '" + name + "' is not a party here; " +
               (near ? "did you mean '" + std::string(*near) + "'?"
                     : "the parties are " + JoinWords(names, "and")));
}

// --theory, --limit, --require and --exclude, whose parties must be among `players`.
Result<CoalitionOptions> CoalitionOptionsFrom(const Args& args, const WeightedPlayers& players) {
  CoalitionOptions options;
  WHIPCOUNT_ASSIGN_OR_RETURN(options.theory, args.Choice<CoalitionTheory>("theory"));
  WHIPCOUNT_ASSIGN_OR_RETURN(options.max_coalitions, args.Int<std::int64_t>("limit"));
  for (const std::string& party : args.GetAll("require")) {
    WHIPCOUNT_RETURN_IF_ERROR(CheckPlayer("require", party, players));
    options.required.push_back(party);
  }
  for (const std::string& pair : args.GetAll("exclude")) {
    const std::size_t plus = pair.find('+');
    if (plus == std::string::npos) {
      return Usage("--exclude takes two parties joined by '+', e.g. --exclude PTI+PPP");
    }
    const std::string a = pair.substr(0, plus);
    const std::string b = pair.substr(plus + 1);
    WHIPCOUNT_RETURN_IF_ERROR(CheckPlayer("exclude", a, players));
    WHIPCOUNT_RETURN_IF_ERROR(CheckPlayer("exclude", b, players));
    if (a == b) {
      std::string message = "--exclude ";
      message += pair;
      message += " names " + a + " twice: it takes two different parties, e.g. --exclude PTI+PPP";
      return Usage(std::move(message));
    }
    options.incompatible.emplace_back(a, b);
  }
  return options;
}

Result<CoalitionsRequest> ReadCoalitionsRequest(const Args& args, const Io& io) {
  CoalitionsRequest r;
  WHIPCOUNT_ASSIGN_OR_RETURN(r.question, ReadQuestion(args, io));
  WHIPCOUNT_ASSIGN_OR_RETURN(r.quota, QuotaFor(r.question, args));
  WHIPCOUNT_ASSIGN_OR_RETURN(r.options, CoalitionOptionsFrom(args, r.question.vote.players));
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
        BalanceOfMotion(motion.sides, motion.carries, {.max_coalitions = r.options.max_coalitions},
                        motion.required);
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
  const std::vector<CoalitionRow> rows = CoalitionRows(r.question.vote.players, report.coalitions);
  const bool ranges = std::any_of(report.coalitions.begin(), report.coalitions.end(),
                                  [](const Coalition& c) { return c.range.has_value(); });
  const bool grouped =
      std::any_of(rows.begin(), rows.end(), [](const CoalitionRow& row) { return row.ways > 1; });
  std::vector<Table::Column> columns = {
      {"#"},
      {.header = "Coalition", .align = Align::kLeft, .wrap = true, .min_width = 20},
      {"Parties"},
      {"Seats"},
      {"Surplus"}};
  if (ranges) columns.push_back({"Range"});
  if (grouped) columns.push_back({"Ways"});
  Table table(columns);
  for (std::size_t k = 0; k < rows.size(); ++k) {
    if (r.top > 0 && static_cast<int>(k) >= r.top) break;
    const Coalition& c = *rows[k].first;
    std::vector<std::string> row = {std::to_string(k + 1), rows[k].label,
                                    std::to_string(c.parties.size()), std::to_string(c.seats),
                                    Surplus(c.surplus)};
    if (ranges) row.push_back(c.range ? Decimal(*c.range, 1) : "?");
    if (grouped) row.push_back(std::to_string(rows[k].ways));
    table.AddRow(std::move(row));
  }
  table.Print(out, style, 2);
  if (r.top > 0 && static_cast<int>(rows.size()) > r.top) {
    const std::size_t more = rows.size() - static_cast<std::size_t>(r.top);
    out << style(Colour::kDim, "  ... " + std::to_string(more) +
                                   (grouped ? " more rows" : " more") + " (--top 0 lists all)")
        << "\n";
  }
  if (grouped) {
    out << style(Colour::kDim,
                 "  " + Hanging("Independents are grouped: \u00d72 is any two members of a group; "
                                "Ways counts the coalitions a row stands for (--json and --csv "
                                "list each).",
                                2, style.Fit(100)))
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
  out << "  "
      << Hanging("Pivotal: " +
                     (balance.pivotal.empty() ? std::string("none alone")
                                              : Joined(balance.pivotal, ", ")) +
                     (balance.carried ? " (each could sink it alone by voting against)"
                                      : " (each could carry it alone by voting for)"),
                 4, style.width())
      << "\n";
  if (balance.carried) return;
  if (balance.with_undecided.empty()) {
    out << "  The undecided cannot carry it on their own.\n";
    return;
  }
  std::string groups = "The undecided could carry it as:";
  for (std::size_t k = 0; k < balance.with_undecided.size() && k < 5; ++k) {
    groups += (k ? "; " : " ") + Joined(balance.with_undecided[k].parties, " + ") + " (" +
              std::to_string(balance.with_undecided[k].seats) + ")";
  }
  if (balance.with_undecided.size() > 5) {
    groups += "; and " + std::to_string(balance.with_undecided.size() - 5) + " more";
  }
  out << "  " << Hanging(groups, 4, style.width()) << "\n";
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
                    style.Fit(100)))
      << "\n\n";
  PrintCoalitionTable(r, report, style, out);
  if (answer.balance) PrintBalance(*answer.balance, style, out);
}

Status RunCoalitions(const Args& args, Io& io) {
  WHIPCOUNT_ASSIGN_OR_RETURN(const CoalitionsRequest request, ReadCoalitionsRequest(args, io));
  WHIPCOUNT_ASSIGN_OR_RETURN(const CoalitionsAnswer answer, AnswerCoalitions(request));
  if (args.Has("json")) {
    io.out << io::JsonText(
        io::CoalitionsToJson(request.question.title, request.quota, answer.report, answer.balance));
  } else if (args.Has("csv")) {
    io.out << io::CoalitionsToCsv(answer.report);
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
       .help = "game file layout: auto recognises EPIC's files and refuses one that reads "
               "either way, named is players or bare weights, epic a quota line then weights, "
               "epic-unions a quota line then one union per line",
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
  flags.push_back({.name = "max-memory",
                   .value = "SIZE",
                   .help = "refuse work needing more memory than this, such as 512M or 16G "
                           "(default 4G)"});
  flags.push_back({.name = "max-time",
                   .value = "DURATION",
                   .help = "refuse work estimated to take longer than this, such as 90s or 2h "
                           "(default 10m)"});
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
          "`name,weight,union`) or one weight per line, with a `quota: 270` line or --quota. "
          "Each member of a group of independents is a player of its own; the text lists the "
          "group once (\"Ind. \u00d74 (each)\": four players, each with the values shown), --json "
          "and --csv every player. A progress line appears on a terminal when a computation runs "
          "longer than a second.",
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
                   .help = "show the first N rows, 0 for all",
                   .accepts = WholeNumbers{.fallback = 20}});
  flags.push_back({.name = "csv", .help = "print CSV, one row per coalition"});
  return Command{
      .name = "coalitions",
      .summary = "minimal winning coalitions, ranked by the classic coalition theories",
      .usage =
          "whipcount coalitions FILE [--quota Q] [--theory T] [--require P] [--exclude A+B] "
          "[--json | --csv]",
      .example = "whipcount coalitions data/pk-na-2022.yaml --date 2022-03-29 --top 5",
      .description =
          "Lists the coalitions in which every party is necessary, counted first so that a "
          "request for millions is refused with the count. Theories: minimum-size (fewest "
          "seats), fewest-parties, minimal-range (smallest left-right spread) and "
          "minimal-connected (adjacent on the left-right scale); the last two need every party "
          "with seats to have a position. The members of a group of independents are "
          "interchangeable, so the text lists them once with a count (\"Ind. \u00d72\": any two "
          "of them) and how many coalitions the row stands for; --json and --csv list every "
          "coalition. For a chamber file with a motion it also names the pivotal parties and "
          "the groups of undecided parties that could carry the motion.",
      .flags = flags,
      .run = RunCoalitions,
  };
}

}  // namespace whipcount::cli
