// whipcount power / coalitions FILE: voting power indices and coalition lists, for a chamber
// file (parties as players, the motion's required votes as the quota) or a game file.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <string>

#include "cli/commands.h"
#include "io/file.h"
#include "io/game_file.h"
#include "io/json_out.h"
#include "whipcount/coalition.h"
#include "whipcount/power.h"
#include "whipcount/tally.h"

namespace whipcount::cli {
namespace {

// The players of a power or coalition question, from either kind of file.
struct Players {
  std::string title;
  std::vector<std::string> names;
  std::vector<std::int64_t> weights;
  std::vector<std::optional<double>> positions;
  std::vector<std::vector<int>> unions;     // a chamber's blocs, or the game file's unions
  std::optional<io::FileQuota> file_quota;  // a game file's quota line
  std::optional<std::int64_t> rule_quota;   // a chamber motion's required votes
  std::string rule_quota_reason;
  // A chamber's motion as its tally counts it, for the balance of the motion.
  std::optional<TalliedMotion> motion;
};

bool IsChamberFile(const std::string& path) {
  auto ends = [&](std::string_view suffix) {
    return path.size() >= suffix.size() &&
           path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends(".yaml") || ends(".yml");
}

Result<Players> FromChamber(const std::string& path, const Args& args) {
  Result<io::ChamberFile> file = LoadChamber(path, args);
  if (!file.ok()) return file.status();
  Result<std::vector<std::optional<Date>>> dates = DatesFrom(args);
  if (!dates.ok()) return dates.status();
  std::optional<Date> date = dates->front() ? dates->front() : DefaultDate(*file);
  Result<State> state = file->StateOn(date);
  if (!state.ok()) return state.status();
  const Chamber& chamber = state->chamber;
  Players p;
  p.title = chamber.name + (date ? "  " + date->ToString() : "");
  std::map<std::string, int, std::less<>> bloc_union;
  for (const Party& party : chamber.parties) {
    const int seats = VotingSeats(chamber, party);
    if (seats <= 0) continue;
    const Bloc* bloc = chamber.BlocOfParty(party.id);
    // Independents act alone: one player per seat.
    const int copies = party.independents ? seats : 1;
    for (int c = 0; c < copies; ++c) {
      const int player = static_cast<int>(p.names.size());
      p.names.push_back(party.independents ? party.short_name + "-" + std::to_string(c + 1)
                                           : party.short_name);
      p.weights.push_back(party.independents ? 1 : seats);
      p.positions.push_back(party.position);
      if (bloc != nullptr) {
        auto [it, inserted] = bloc_union.try_emplace(bloc->id, static_cast<int>(p.unions.size()));
        if (inserted) p.unions.emplace_back();
        p.unions[static_cast<std::size_t>(it->second)].push_back(player);
      } else {
        p.unions.push_back({player});
      }
    }
  }
  if (const Rule* rule = file->MotionRule()) {
    const FullTurnoutQuota q = QuotaWithFullTurnout(chamber, *rule, *file->motion);
    if (q.votes) {
      const Threshold& t = rule->thresholds[q.threshold];
      const bool seats = t.base == Base::kStatutorySeats || t.base == Base::kFilledSeats;
      p.rule_quota = *q.votes;
      p.rule_quota_reason = rule->name + ": " + (t.strict ? "more than " : "at least ") +
                            std::to_string(t.fraction.num) + "/" + std::to_string(t.fraction.den) +
                            " of " + std::to_string(q.base_count) +
                            (t.base == Base::kStatutorySeats ? " statutory seats"
                             : seats                         ? " filled seats"
                                                             : " votes, every member voting");
    }
    const Tally tally = CountVotes(*state, *rule, *file->motion, {.date = date});
    p.motion = MotionOfTally(tally, chamber, *rule);
  }
  return p;
}

Result<Players> FromGameFile(const std::string& path, const Args& args) {
  Result<std::string> text = io::ReadFile(path);
  if (!text.ok()) return text.status();
  io::GameLayout layout = io::GameLayout::kNamed;
  if (auto l = args.Get("layout")) {
    std::optional<io::GameLayout> parsed = ParseEnum<io::GameLayout>(*l);
    if (!parsed) {
      return Status(ErrorCode::kUsage,
                    "--layout takes " + EnumChoices<io::GameLayout>() + ", not '" + *l + "'");
    }
    layout = *parsed;
  }
  Result<io::GameFile> file = io::ParseGameFile(*text, {.file = path, .layout = layout});
  if (!file.ok()) return file.status();
  Players p;
  p.title = path;
  p.names = file->names;
  if (p.names.empty()) {
    for (std::size_t i = 0; i < file->weights.size(); ++i) p.names.push_back(std::to_string(i + 1));
  }
  p.weights = file->weights;
  p.positions.assign(p.weights.size(), std::nullopt);
  p.unions = file->unions;
  p.file_quota = file->quota;
  return p;
}

Result<Players> LoadPlayers(const Args& args) {
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

// The quota: --quota, else the game file's line, else the chamber motion's rule.
Result<std::int64_t> QuotaFor(const Players& p, const Args& args, std::string* reason) {
  std::int64_t total = 0;
  for (std::int64_t w : p.weights) total += w;
  // A quota no coalition can meet, or that the empty one meets, makes the game invalid (E210, as
  // the engine would say), reported where the quota was given.
  auto in_range = [&](std::int64_t quota, const std::string& what,
                      Location where) -> Result<std::int64_t> {
    if (quota < 1) {
      return Status(ErrorCode::kInvalidGame, what + " is below 1: the empty coalition would win",
                    std::move(where));
    }
    if (quota > total) {
      return Status(
          ErrorCode::kInvalidGame,
          what + " is above the total weight " + std::to_string(total) + ": no coalition can win",
          std::move(where));
    }
    return quota;
  };
  if (auto q = args.Get("quota")) {
    Result<std::int64_t> quota = io::ParseQuota(*q, total);
    if (!quota.ok()) return Status(ErrorCode::kUsage, "--quota: " + quota.status().message());
    *reason = "--quota " + *q;
    return in_range(*quota, "--quota " + *q, {});
  }
  if (p.file_quota) {
    *reason = "quota " + p.file_quota->text + " from the file";
    return p.file_quota->votes;
  }
  if (p.rule_quota) {
    *reason = p.rule_quota_reason;
    return *p.rule_quota;
  }
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

std::string Decimal(double x, int digits = 6) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, x);
  return buffer;
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

nlohmann::ordered_json RationalJson(const Rational& r) {
  return {{"value", r.value}, {"exact", r.ToString()}};
}

int RunPower(const Args& args, Io& io) {
  Result<Players> players = LoadPlayers(args);
  if (!players.ok()) return ReportError(players.status(), args, io);
  const std::string rule = args.Get("rule").value_or("weighted");
  if (rule != "weighted" && rule != "eu-council") {
    return ReportError(
        Status(ErrorCode::kUsage, "--rule takes weighted or eu-council, not '" + rule + "'"), args,
        io);
  }
  const bool eu = rule == "eu-council";
  std::string reason;
  Result<std::int64_t> quota = std::int64_t{0};
  if (eu) {
    reason = "EU Council: 55% of the states holding 65% of the population, or all but 3 states";
  } else {
    quota = QuotaFor(*players, args, &reason);
  }
  if (!quota.ok()) return ReportError(quota.status(), args, io);

  PowerOptions options;
  if (args.Has("all")) {
    options.indices = PowerIndicesFor(!players->unions.empty());
  }
  if (args.Has("index")) {
    options.indices.clear();
    for (const std::string& name : args.GetAll("index")) {
      std::optional<PowerIndex> index = ParseEnum<PowerIndex>(name);
      if (!index) {
        return ReportError(
            Status(ErrorCode::kUsage,
                   "--index '" + name + "' is not an index; try " + EnumChoices<PowerIndex>("")),
            args, io);
      }
      options.indices.push_back(*index);
    }
  }
  if (auto m = args.Get("method")) {
    std::optional<PowerMethod> method = ParseEnum<PowerMethod>(*m);
    if (!method) {
      return ReportError(Status(ErrorCode::kUsage, "--method takes " + EnumChoices<PowerMethod>()),
                         args, io);
    }
    options.method = *method;
  }
  VotingGame game;
  if (eu) {
    Result<VotingGame> council = EuCouncilGame(players->names, players->weights);
    if (!council.ok()) return ReportError(council.status(), args, io);
    game = std::move(*council);
    quota = game.dimensions[1].quota;
  } else {
    game = WeightedGame(players->weights, *quota, players->names);
  }
  const bool wants_unions = std::any_of(options.indices.begin(), options.indices.end(),
                                        [](PowerIndex i) { return InfoOf(i).needs_unions; });
  if (wants_unions) game.unions = players->unions;
  ProgressLine progress(io);
  options.progress = [&progress](const PowerProgress& p) { progress(p); };
  const auto start = std::chrono::steady_clock::now();
  Result<PowerReport> report = ComputePower(game, options);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!report.ok()) return ReportError(report.status(), args, io);

  std::int64_t total = 0;
  for (std::int64_t w : players->weights) total += w;
  if (args.Has("json")) {
    nlohmann::ordered_json out;
    out["game"] = {{"title", players->title}, {"players", players->weights.size()},
                   {"total_weight", total},   {"quota", *quota},
                   {"quota_source", reason},  {"method", EnumName(report->method)}};
    out["coalitions"] = report->coalitions;
    out["winning_coalitions"] = report->winning_coalitions;
    out["power_to_act"] = RationalJson(report->power_to_act);
    if (report->minimal_winning_coalitions) {
      out["minimal_winning_coalitions"] = *report->minimal_winning_coalitions;
    }
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < report->players.size(); ++i) {
      nlohmann::ordered_json row = {{"name", report->players[i]}, {"weight", players->weights[i]}};
      for (const IndexValues& values : report->indices) {
        nlohmann::ordered_json cell = RationalJson(values.value[i]);
        cell["raw"] = values.raw[i].ToString();
        row[std::string(EnumName(values.index))] = cell;
      }
      list.push_back(row);
    }
    out["players"] = list;
    io.out << out.dump(2) << "\n";
    return kExitOk;
  }
  if (args.Has("csv")) {
    io.out << "player,weight";
    for (const IndexValues& values : report->indices) {
      const std::string name(EnumName(values.index));
      io.out << "," << name << "," << name << "_exact," << name << "_raw";
    }
    io.out << "\n";
    for (std::size_t i = 0; i < report->players.size(); ++i) {
      io.out << CsvField(report->players[i]) << "," << players->weights[i];
      for (const IndexValues& values : report->indices) {
        io.out << "," << Decimal(values.value[i].value, 12) << "," << values.value[i].ToString()
               << "," << values.raw[i].ToString();
      }
      io.out << "\n";
    }
    return kExitOk;
  }
  const Style style = StyleFor(args, io);
  io.out << style(Colour::kBold, players->title) << "\n"
         << style(Colour::kDim, Wrap(std::to_string(players->weights.size()) + " players, " +
                                         "quota " + std::to_string(*quota) + " of " +
                                         std::to_string(total) + " (" + reason + ")",
                                     100))
         << "\n\n";
  std::vector<Table::Column> columns = {{"Player", Align::kLeft}, {"Weight"}};
  for (const IndexValues& values : report->indices) {
    columns.push_back({std::string(EnumName(values.index))});
  }
  Table table(columns);
  for (std::size_t i = 0; i < report->players.size(); ++i) {
    std::vector<std::string> row = {report->players[i], std::to_string(players->weights[i])};
    for (const IndexValues& values : report->indices)
      row.push_back(Decimal(values.value[i].value, 4));
    table.AddRow(std::move(row));
  }
  table.Print(io.out, style, 2);
  io.out << "\n  Winning coalitions: " << report->winning_coalitions << " of " << report->coalitions
         << " (power to act " << Decimal(report->power_to_act.value, 4) << ")\n";
  if (report->minimal_winning_coalitions) {
    io.out << "  Minimal winning coalitions: " << *report->minimal_winning_coalitions << "\n";
  }
  io.out << style(Colour::kDim, "  Exact values: --json or --csv. Method: " +
                                    std::string(EnumName(report->method)) + ", " +
                                    Decimal(seconds, 3) + " s")
         << "\n";
  return kExitOk;
}

nlohmann::ordered_json CoalitionJson(const Coalition& c) {
  nlohmann::ordered_json j = {{"parties", c.parties}, {"seats", c.seats}, {"surplus", c.surplus}};
  if (c.range) j["range"] = *c.range;
  j["connected"] = c.connected;
  return j;
}

std::string Joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : " + ") + p;
  return out;
}

std::string Listed(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

int RunCoalitions(const Args& args, Io& io) {
  Result<Players> players = LoadPlayers(args);
  if (!players.ok()) return ReportError(players.status(), args, io);
  std::string reason;
  Result<std::int64_t> quota = QuotaFor(*players, args, &reason);
  if (!quota.ok()) return ReportError(quota.status(), args, io);
  CoalitionOptions options;
  if (auto t = args.Get("theory")) {
    std::optional<CoalitionTheory> theory = ParseEnum<CoalitionTheory>(*t);
    if (!theory) {
      return ReportError(
          Status(ErrorCode::kUsage, "--theory takes " + EnumChoices<CoalitionTheory>()), args, io);
    }
    options.theory = *theory;
  }
  if (auto limit = args.Get("limit")) {
    try {
      options.max_coalitions = std::stoll(*limit);
    } catch (const std::exception&) {
      return ReportError(Status(ErrorCode::kUsage, "--limit takes a number"), args, io);
    }
  }
  options.required = args.GetAll("require");
  for (const std::string& pair : args.GetAll("exclude")) {
    const std::size_t plus = pair.find('+');
    if (plus == std::string::npos) {
      return ReportError(Status(ErrorCode::kUsage,
                                "--exclude takes two parties joined by '+', "
                                "e.g. --exclude PTI+PPP"),
                         args, io);
    }
    options.incompatible.emplace_back(pair.substr(0, plus), pair.substr(plus + 1));
  }
  std::vector<CoalitionParty> parties;
  for (std::size_t i = 0; i < players->names.size(); ++i) {
    parties.push_back(
        {.id = players->names[i], .seats = players->weights[i], .position = players->positions[i]});
  }
  Result<CoalitionReport> report = ListCoalitions(parties, *quota, options);
  if (!report.ok()) return ReportError(report.status(), args, io);
  std::optional<MotionBalance> balance;
  if (players->motion && !args.Has("quota")) {
    Result<MotionBalance> b = BalanceOfMotion(players->motion->sides, players->motion->carries,
                                              {.max_coalitions = options.max_coalitions});
    if (b.ok()) balance = std::move(*b);
  }
  if (args.Has("json")) {
    nlohmann::ordered_json out;
    out["title"] = players->title;
    out["quota"] = *quota;
    out["quota_source"] = reason;
    out["theory"] = EnumName(report->theory);
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const Coalition& c : report->coalitions) list.push_back(CoalitionJson(c));
    out["coalitions"] = list;
    if (balance) {
      nlohmann::ordered_json with = nlohmann::ordered_json::array();
      for (const Coalition& c : balance->with_undecided) with.push_back(CoalitionJson(c));
      out["motion"] = {{"for_seats", balance->for_seats},
                       {"needed", balance->needed ? nlohmann::ordered_json(*balance->needed)
                                                  : nlohmann::ordered_json(nullptr)},
                       {"carried", balance->carried},
                       {"pivotal", balance->pivotal},
                       {"with_undecided", with}};
    }
    io.out << out.dump(2) << "\n";
    return kExitOk;
  }
  const Style style = StyleFor(args, io);
  int top = 20;
  if (auto t = args.Get("top")) {
    try {
      top = std::stoi(*t);
    } catch (const std::exception&) {
      return ReportError(Status(ErrorCode::kUsage, "--top takes a number"), args, io);
    }
  }
  io.out << style(Colour::kBold, players->title) << "\n"
         << style(Colour::kDim,
                  Wrap("Quota " + std::to_string(*quota) + " (" + reason + "). " +
                           std::to_string(report->coalitions.size()) + " " +
                           (report->theory == CoalitionTheory::kMinimalConnected
                                ? "minimal connected winning"
                                : "minimal winning") +
                           " coalitions, ranked by " + std::string(EnumName(report->theory)) + ".",
                       100))
         << "\n\n";
  const bool ranges = std::any_of(report->coalitions.begin(), report->coalitions.end(),
                                  [](const Coalition& c) { return c.range.has_value(); });
  std::vector<Table::Column> columns = {
      {"#"}, {"Coalition", Align::kLeft}, {"Parties"}, {"Seats"}, {"Surplus"}};
  if (ranges) columns.push_back({"Range"});
  Table table(columns);
  for (std::size_t k = 0; k < report->coalitions.size(); ++k) {
    if (top > 0 && static_cast<int>(k) >= top) break;
    const Coalition& c = report->coalitions[k];
    std::vector<std::string> row = {std::to_string(k + 1), Joined(c.parties),
                                    std::to_string(c.parties.size()), std::to_string(c.seats),
                                    "+" + std::to_string(c.surplus)};
    if (ranges) row.push_back(c.range ? Decimal(*c.range, 1) : "?");
    table.AddRow(std::move(row));
  }
  table.Print(io.out, style, 2);
  if (top > 0 && static_cast<int>(report->coalitions.size()) > top) {
    io.out << style(Colour::kDim,
                    "  ... " +
                        std::to_string(report->coalitions.size() - static_cast<std::size_t>(top)) +
                        " more (--top 0 lists all)")
           << "\n";
  }
  if (balance) {
    // The bar moves with turnout under some rules, so it is the one for the sides as declared.
    io.out << "\n  On the motion as tallied: " << balance->for_seats << " for, "
           << (balance->needed ? std::to_string(*balance->needed) + " needed"
                               : std::string("no number enough"))
           << ": "
           << (balance->carried ? style(Colour::kGreen, "carried on paper")
               : balance->needed
                   ? style(Colour::kRed,
                           "short by " + std::to_string(*balance->needed - balance->for_seats))
                   : style(Colour::kRed, "cannot carry"))
           << "\n";
    io.out << "  Pivotal: "
           << (balance->pivotal.empty() ? std::string("none alone") : Listed(balance->pivotal))
           << (balance->carried ? " (each could sink it alone by voting against)"
                                : " (each could carry it alone by voting for)")
           << "\n";
    if (!balance->carried) {
      if (balance->with_undecided.empty()) {
        io.out << "  The undecided cannot carry it on their own.\n";
      } else {
        io.out << "  The undecided could carry it as:";
        for (std::size_t k = 0; k < balance->with_undecided.size() && k < 5; ++k) {
          io.out << (k ? "; " : " ") << Joined(balance->with_undecided[k].parties) << " ("
                 << balance->with_undecided[k].seats << ")";
        }
        if (balance->with_undecided.size() > 5) {
          io.out << "; and " << balance->with_undecided.size() - 5 << " more";
        }
        io.out << "\n";
      }
    }
  }
  return kExitOk;
}

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
       .help = "game file layout: named (default), epic (quota line, then weights) or "
               "epic-unions (quota line, then one union per line)"},
  };
}

}  // namespace

Command PowerCommand() {
  // The lists of indices come from the registry (power.h). Commands keep views of their texts,
  // so these live as long as the program.
  static const std::string kDescription =
      "Computes power indices exactly (fractions, never rounded) for the parties of a chamber "
      "file (blocs are the a-priori unions of the Owen values; the motion's rule gives the "
      "quota) or for a game file: `name,weight` per line (optionally `name,weight,union`) or one "
      "weight per line, with a `quota: 270` line or --quota. A progress line appears on a "
      "terminal when a computation runs longer than a second. Index names: " +
      EnumChoices<PowerIndex>("") + ".";
  static const std::string kIndexHelp = [] {
    std::vector<std::string_view> defaults;
    for (PowerIndex index : DefaultPowerIndices()) defaults.push_back(EnumName(index));
    return "an index to compute (default: " + JoinWords(defaults, "and") + ")";
  }();
  std::vector<FlagSpec> flags = SharedFlags();
  flags.push_back({.name = "index", .value = "NAME", .help = kIndexHelp, .repeatable = true});
  flags.push_back({.name = "all", .help = "every index (Owen values too when there are unions)"});
  flags.push_back({.name = "method",
                   .value = "M",
                   .help = "auto (default), dynamic-programming, enumeration or "
                           "meet-in-the-middle"});
  flags.push_back({.name = "csv", .help = "print CSV with exact values and raw counts"});
  flags.push_back({.name = "rule",
                   .value = "R",
                   .help = "weighted (default) or eu-council: the file's weights are member "
                           "states' populations under the Council's double majority"});
  return Command{
      .name = "power",
      .summary =
          "exact voting power indices: Banzhaf, Shapley–Shubik, Holler, Deegan–Packel, "
          "Johnston, Coleman, Owen",
      .usage = "whipcount power FILE [--quota Q] [--index NAME]... [--all] [--json | --csv]",
      .description = kDescription,
      .flags = flags,
      .run = RunPower,
  };
}

Command CoalitionsCommand() {
  std::vector<FlagSpec> flags = SharedFlags();
  flags.push_back({.name = "theory",
                   .value = "T",
                   .help = "minimum-size (Riker, default), fewest-parties (Leiserson), "
                           "minimal-range (de Swaan) or minimal-connected (Axelrod)"});
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
                   .help = "refuse to list more than N coalitions (default 100000)"});
  flags.push_back({.name = "top", .value = "N", .help = "show the first N (default 20, 0 = all)"});
  return Command{
      .name = "coalitions",
      .summary = "minimal winning coalitions, ranked by the classic coalition theories",
      .usage = "whipcount coalitions FILE [--quota Q] [--theory T] [--require P] [--exclude A+B]",
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
