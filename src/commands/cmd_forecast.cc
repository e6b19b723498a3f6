// whipcount forecast FILE: the probability that the motion passes, and who it hinges on.
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <string>

#include "commands/commands.h"
#include "io/file.h"
#include "io/forecast_file.h"
#include "io/forecast_svg.h"
#include "io/json_out.h"
#include "whipcount/forecast.h"

namespace whipcount::cli {
namespace {

std::string Percent(double p) {
  char buf[32];
  if (std::isnan(p)) return "n/a";
  if (p <= 0) return "0%";
  if (p >= 1) return "100%";
  if (p < 0.001) return "<0.1%";
  if (p > 0.999) return ">99.9%";
  std::snprintf(buf, sizeof buf, "%.1f%%", 100 * p);
  return buf;
}

// A standard error as a percentage, to two decimals.
std::string ErrorPercent(double se) {
  char buf[32];
  if (se > 0 && se < 0.00005) return "<0.01%";
  std::snprintf(buf, sizeof buf, "%.2f%%", 100 * se);
  return buf;
}

std::string Fixed(double x, int digits) {
  char buf[48];
  if (std::isnan(x)) return "n/a";
  std::snprintf(buf, sizeof buf, "%.*f", digits, x);
  std::string s = buf;
  if (s == "-0.0" || s == "-0.00" || s == "-0.000") s.erase(0, 1);
  return s;
}

std::string Signed(double x, int digits) {
  const std::string s = Fixed(x, digits);
  return x > 0 && s.find_first_not_of("0.") != std::string::npos ? "+" + s : s;
}

std::string SignedInt(std::int64_t n) { return (n > 0 ? "+" : "") + std::to_string(n); }

std::string LineText(const VoteProbabilities& line) {
  const std::pair<double, const char*> parts[] = {{line.for_votes, "for"},
                                                  {line.against, "against"},
                                                  {line.abstain, "abstain"},
                                                  {line.absent, "absent"}};
  std::string out;
  for (const auto& [p, name] : parts) {
    if (p >= 1) return name;
    if (p <= 0) continue;
    if (!out.empty()) out += " ";
    out += std::string(name) + " " + Percent(p);
  }
  return out;
}

// "Monte Carlo  42% (420,000 of 1,000,000 draws)" on stderr once a run has taken a second.
class ProgressLine {
 public:
  explicit ProgressLine(Io& io)
      : io_(io),
        enabled_(io.stdout_is_tty || (&io.err == &std::cerr && isatty(STDERR_FILENO) == 1)),
        start_(std::chrono::steady_clock::now()) {}
  ~ProgressLine() { Clear(); }
  void Clear() {
    if (drawn_) io_.err << "\r" << std::string(64, ' ') << "\r" << std::flush;
    drawn_ = false;
  }
  void operator()(std::int64_t done, std::int64_t total) {
    if (done >= total) Clear();
    if (!enabled_ || done >= total) return;
    if (std::chrono::steady_clock::now() - start_ < std::chrono::seconds(1)) return;
    drawn_ = true;
    const int percent = static_cast<int>(100 * done / std::max<std::int64_t>(total, 1));
    io_.err << "\rMonte Carlo  " << percent << "% (" << Grouped(done) << " of " << Grouped(total)
            << " draws)   " << std::flush;
  }

 private:
  Io& io_;
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
  bool drawn_ = false;
};

// Everything the command line and the file ask for: one call to Forecast() and how to print it.
struct Request {
  FileCase file;
  State state;  // on the date, with the what-ifs' stances
  ForecastModel model;
  ForecastOptions options;
  size_t top = 0;  // members to list (--top)
};

// The file, its state on the date, and the model: the file's section, then the flags.
Status ReadCase(const Args& args, const Io& io, Request& request) {
  WHIPCOUNT_ASSIGN_OR_RETURN(request.file, LoadPositionalFile(args, io));
  const FileCase& f = request.file;
  WHIPCOUNT_RETURN_IF_ERROR(f.RequireMotion(", so there is nothing to forecast"));
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::vector<std::optional<Date>> dates, DatesFrom(args));
  request.options.date = dates.front() ? dates.front() : DefaultDate(f.on);
  WHIPCOUNT_ASSIGN_OR_RETURN(request.state, f.StateOn(request.options.date));
  WHIPCOUNT_ASSIGN_OR_RETURN(request.model,
                             io::ReadForecastSection(*f.file, request.state.chamber));
  if (args.Has("correlation")) {
    WHIPCOUNT_ASSIGN_OR_RETURN(request.model.correlation, args.Choice<Correlation>("correlation"));
  }
  for (const std::string& assignment : args.GetAll("set")) {
    WHIPCOUNT_RETURN_IF_ERROR(
        io::ApplyWhatIf(assignment, request.state.chamber, request.state.stances, request.model));
  }
  return Status::Ok();
}

// --method, --draws, --max-work, --threads, --seed and --top.
Status ReadOptions(const Args& args, Request& request) {
  ForecastOptions& options = request.options;
  WHIPCOUNT_ASSIGN_OR_RETURN(options.method, args.Choice<Method>("method"));
  WHIPCOUNT_ASSIGN_OR_RETURN(options.draws, args.Int<std::int64_t>("draws"));
  WHIPCOUNT_ASSIGN_OR_RETURN(options.max_work, args.Int<std::int64_t>("max-work"));
  if (args.Has("threads")) {
    WHIPCOUNT_ASSIGN_OR_RETURN(options.threads, args.Int<int>("threads"));
  }
  WHIPCOUNT_ASSIGN_OR_RETURN(options.seed, args.Int<std::uint64_t>("seed"));
  WHIPCOUNT_ASSIGN_OR_RETURN(request.top, args.Int<size_t>("top"));
  return Status::Ok();
}

Result<Request> ReadRequest(const Args& args, const Io& io) {
  Request request;
  WHIPCOUNT_RETURN_IF_ERROR(ReadCase(args, io, request));
  WHIPCOUNT_RETURN_IF_ERROR(ReadOptions(args, request));
  return request;
}

// P(pass) and how it was found, the expected votes for and margin, and the defectors' rule.
void PrintSummary(const ForecastReport& r, const Style& style, std::ostream& out) {
  Table facts({{"", Align::kLeft}, {"", Align::kRight}, {.align = Align::kLeft, .wrap = true}});
  std::string how;
  if (r.method == Method::kExact) {
    how = "exact (" + std::string(EnumName(r.space.value_or(StateSpace::kFull))) +
          " state space, " + Grouped(r.cells) + " states)";
  } else {
    how = "Monte Carlo, " + Grouped(r.draws) + " draws, seed " + std::to_string(r.seed) +
          ", standard error " + ErrorPercent(r.standard_error);
  }
  const Colour verdict = r.p_pass >= 0.5 ? Colour::kGreen : Colour::kRed;
  facts.AddRow({"P(pass)", Percent(r.p_pass), how}, {Colour::kBold, verdict});
  facts.AddRow({"For", Fixed(r.expected_for, 1),
                "expected; 90% interval " + std::to_string(r.for_low) + " to " +
                    std::to_string(r.for_high)});
  if (!r.margin.empty()) {
    facts.AddRow({"Margin", Signed(r.expected_margin, 1),
                  "expected votes for minus votes required; 90% interval " +
                      SignedInt(r.margin_low) + " to " + SignedInt(r.margin_high)});
  }
  facts.AddRow({"Defectors", "",
                r.model.discount_defectors ? "votes against the party line are NOT counted"
                                           : "votes against the party line are counted"});
  facts.Print(out, style, 2);
  if (const std::string note = DefaultCohesionNote(r.model); !note.empty()) {
    out << style(Colour::kYellow, Wrap(note, style.Fit(100))) << "\n";
  }
  out << "\n";
}

// Parties, in chamber order, with what each is expected to do and how much it matters.
void PrintParties(const Chamber& c, const ForecastReport& r, const Style& style,
                  std::ostream& out) {
  std::map<std::string, const PartySensitivity*> party_effect;
  for (const PartySensitivity& s : r.parties) party_effect[s.party] = &s;
  const bool mc = r.method == Method::kMonteCarlo;
  Table parties({{.header = "Party", .align = Align::kLeft, .wrap = true, .min_width = 5},
                 {"Members"},
                 {"Line", Align::kLeft},
                 {"Cohesion"},
                 {"Model", Align::kLeft},
                 {"For"},
                 {"Against"},
                 {"Abstain"},
                 {"Absent"},
                 {"dP/dcohesion"}});
  parties.RepeatInEachPart(1);
  for (const ModelledParty& mp : r.model.parties) {
    if (mp.members == 0) continue;
    const Party* party = c.FindParty(mp.party);
    std::string effect;
    if (auto it = party_effect.find(mp.party); it != party_effect.end()) {
      effect = Signed(it->second->d_cohesion, 3);
      if (mc && !std::isnan(it->second->standard_error)) {
        effect += " ± " + Fixed(it->second->standard_error, 3);
      }
    }
    const double n = mp.members;
    parties.AddRow(
        {party ? party->short_name : mp.party, std::to_string(mp.members), LineText(mp.line),
         Fixed(mp.cohesion, 2),
         std::string(EnumName(mp.correlation)) +
             (mp.correlation == Correlation::kBetaBinomial ? " " + Fixed(mp.rho, 2) : ""),
         Fixed(n * mp.marginal.for_votes, 1), Fixed(n * mp.marginal.against, 1),
         Fixed(n * mp.marginal.abstain, 1), Fixed(n * mp.marginal.absent, 1), effect});
  }
  out << "  Parties (For … Absent: expected members)\n";
  parties.Print(out, style, 2);
}

// The members modelled one by one, the most decisive first when sensitivities were computed.
void PrintMembers(const Chamber& c, const ForecastReport& r, size_t top, const Style& style,
                  std::ostream& out) {
  if (r.model.members.empty()) return;
  out << "\n  Members modelled one by one"
      << (r.members.size() > top ? ", most decisive first" : "") << "\n";
  Table members({{.header = "Member", .align = Align::kLeft, .wrap = true, .min_width = 10},
                 {"Party", Align::kLeft},
                 {"For"},
                 {"Against"},
                 {"Abstain"},
                 {"Absent"},
                 {"P(pass) if for"},
                 {"if against"},
                 {"Swing"}});
  std::map<std::string, const ModelledMember*> by_id;
  for (const ModelledMember& m : r.model.members) by_id[m.member] = &m;
  size_t shown = 0;
  auto row = [&](const ModelledMember& m, const MemberSensitivity* s) {
    const Member* member = c.FindMember(m.member);
    std::string name = member && !member->name.empty() ? member->name : m.member;
    if (m.chair) {
      name = (c.presiding && !c.presiding->name.empty() ? c.presiding->name : name) + " (chair)";
    }
    members.AddRow({name, m.party.empty() ? "-" : m.party, Percent(m.p.for_votes),
                    Percent(m.p.against), Percent(m.p.abstain), Percent(m.p.absent),
                    s ? Percent(s->pass_if.for_votes) : "", s ? Percent(s->pass_if.against) : "",
                    s ? Signed(s->swing, 3) : ""});
  };
  if (!r.members.empty()) {
    for (const MemberSensitivity& s : r.members) {
      if (shown++ == top) break;
      row(*by_id[s.member], &s);
    }
  } else {
    for (const ModelledMember& m : r.model.members) {
      if (shown++ == top) break;
      row(m, nullptr);
    }
  }
  members.Print(out, style, 2);
  if (r.model.members.size() > top) {
    out << "  … and " << r.model.members.size() - top << " more (--top N, or --json)\n";
  }
}

// The margin distribution, binned to at most 25 rows between the 0.5% and 99.5% quantiles.
void PrintMargin(const CountDistribution& margin, const Style& style, std::ostream& out) {
  if (margin.empty()) return;
  std::int64_t lo = margin.Quantile(0.005);
  const std::int64_t hi = margin.Quantile(0.995);
  const std::int64_t width = std::max<std::int64_t>(1, (hi - lo + 25) / 25);
  // Bins start at 0, so that no bin mixes a margin short of the bar with one that meets it.
  if (lo < 0 && hi >= 0) lo = -width * ((-lo + width - 1) / width);
  struct Bin {
    std::int64_t from, to;
    double p;
  };
  std::vector<Bin> bins;
  double below = 0;
  auto point = margin.points.begin();
  for (; point != margin.points.end() && point->value < lo; ++point) below += point->p;
  for (std::int64_t v = lo; v <= hi; v += width) {
    Bin b{v, std::min(v + width - 1, hi), 0};
    for (; point != margin.points.end() && point->value <= b.to; ++point) b.p += point->p;
    bins.push_back(b);
  }
  double peak = 0;
  for (const Bin& b : bins) peak = std::max(peak, b.p);
  out << "\n  Margin (votes for minus votes required)\n";
  Table dist({{"Margin"}, {"Probability"}, {"At most"}, {"", Align::kLeft}});
  double cumulative = below;
  for (const Bin& b : bins) {
    cumulative += b.p;
    const int bar = peak > 0 ? static_cast<int>(std::lround(30 * b.p / peak)) : 0;
    const std::string label =
        b.from == b.to ? SignedInt(b.from) : SignedInt(b.from) + " to " + SignedInt(b.to);
    dist.AddRow(
        {label, Percent(b.p), Percent(std::min(cumulative, 1.0)),
         std::string(static_cast<size_t>(bar), '#')},
        {Colour::kNone, Colour::kNone, Colour::kNone, b.to < 0 ? Colour::kRed : Colour::kGreen});
  }
  dist.Print(out, style, 2);
}

void PrintForecast(const Request& request, const ForecastReport& r, const Style& style,
                   std::ostream& out) {
  PrintMotionHeading(request.state.chamber.name, r.date, request.file.on, style, out);
  PrintSummary(r, style, out);
  PrintParties(request.state.chamber, r, style, out);
  PrintMembers(request.state.chamber, r, request.top, style, out);
  PrintMargin(r.margin, style, out);
}

Status WriteForecastSvg(const std::string& path, const Request& request, const ForecastReport& r) {
  const Motion& motion = *request.file.on.motion;
  return io::WriteFile(
      path, io::ForecastSvg(r, {.title = request.state.chamber.name,
                                .subtitle = (motion.title.empty() ? motion.id : motion.title) +
                                            (r.date ? ", " + r.date->ToString() : "")}));
}

Status RunForecast(const Args& args, Io& io) {
  WHIPCOUNT_ASSIGN_OR_RETURN(Request request, ReadRequest(args, io));
  ProgressLine progress(io);
  request.options.progress = [&progress](std::int64_t done, std::int64_t total) {
    progress(done, total);
  };
  const Rule& rule = *request.file.on.rule;
  const Motion& motion = *request.file.on.motion;
  WHIPCOUNT_ASSIGN_OR_RETURN(const ForecastReport report,
                             Forecast(request.state, rule, motion, request.model, request.options));
  if (auto svg_path = args.Get("svg")) {
    WHIPCOUNT_RETURN_IF_ERROR(WriteForecastSvg(*svg_path, request, report));
  }
  if (args.Has("json")) {
    io.out << io::JsonText(io::ForecastToJson(request.state, rule, motion, report));
  } else {
    PrintForecast(request, report, StyleFor(args, io), io.out);
  }
  return Status::Ok();
}

std::vector<FlagSpec> ForecastFlags() {
  const ForecastOptions options;
  return {
      {.name = "date",
       .value = "YYYY-MM-DD",
       .help = "the chamber as it stood on this date (default: the motion's date)"},
      {.name = "method",
       .value = "M",
       .help = "how to compute (auto: exact when feasible, else Monte Carlo)",
       .accepts = WordsOf<Method>(options.method)},
      {.name = "draws",
       .value = "N",
       .help = "Monte Carlo draws",
       .accepts = WholeNumbers{.low = 1, .high = 10'000'000'000, .fallback = options.draws}},
      {.name = "max-work",
       .value = "N",
       .help = "refuse a forecast estimated at more member-steps than this (about a billion a "
               "second)",
       .accepts = WholeNumbers{.low = 1, .fallback = options.max_work}},
      {.name = "seed",
       .value = "S",
       .help = "Monte Carlo seed",
       .accepts = WholeNumbers{.low = 0, .fallback = static_cast<std::int64_t>(options.seed)}},
      {.name = "threads",
       .value = "N",
       .help = "Monte Carlo threads, one per core by default; results do not depend on it",
       .accepts = WholeNumbers{.low = 1, .high = 256}},
      {.name = "set",
       .value = "WHAT-IF",
       .help = "change a stance or a setting, e.g. MQM-P=for or party:PTI.cohesion=0.9",
       .repeatable = true},
      {.name = "correlation",
       .value = "MODEL",
       .help = "how party members move together (default: the file's, else bloc)",
       .accepts = WordsOf<Correlation>()},
      {.name = "svg", .value = "FILE", .help = "also write charts of the distributions"},
      {.name = "top",
       .value = "N",
       .help = "members to list",
       .accepts = WholeNumbers{.low = 1, .high = 100'000, .fallback = 10}},
  };
}

}  // namespace

Command ForecastCommand() {
  // The command table holds views: the texts built from the enums' tables live here.
  static const std::string kUsage =
      "whipcount forecast FILE [--date D] [--method " + EnumAlternatives<Method>() +
      "] [--draws N] [--seed S] [--set WHAT-IF]... [--svg OUT.svg] [--json]";
  return Command{
      .name = "forecast",
      .summary = "the probability that the motion passes, and who it hinges on",
      .usage = kUsage,
      .example = "whipcount forecast data/uk-commons-1979.yaml --top 5",
      .description =
          "Every party votes its line with a chance (its cohesion) and members not held to it "
          "act on their own; members may be given chances of their own. Defaults come from the "
          "declared stances; the file's 'forecast' section and --set change them "
          "(docs/forecast.md). The motion's full rule decides every possible count: base, "
          "quorum, ties, casting vote and the anti-defection rule in force on the date. Prints "
          "P(pass), the expected votes for and margin with 90% intervals, the parties and "
          "members that move P(pass) most, and the distribution of the margin. Exact where the "
          "state space allows (the default, auto), else Monte Carlo with its standard error.\n\n"
          "What-ifs: --set MQM-P=for (any party, member or bloc), "
          "--set party:PTI.cohesion=0.9 (also .rho, .correlation, .otherwise, .line), "
          "--set member:cheema=for:0.7,against:0.3 (absent takes the rest), "
          "--set bloc:opposition.cohesion=0.95.",
      .flags = ForecastFlags(),
      .run = RunForecast,
  };
}

}  // namespace whipcount::cli
