// whipcount timeline FILE and whipcount diff FILE D1 D2: the story told event by event.
#include <string>

#include "commands/commands.h"
#include "io/csv.h"
#include "io/json_out.h"
#include "whipcount/tally.h"

namespace whipcount::cli {
namespace {

std::string Signed(std::int64_t n) { return (n > 0 ? "+" : "") + std::to_string(n); }

std::string Truncate(const std::string& text, size_t width) {
  if (DisplayWidth(text) <= width) return text;
  std::string out;
  size_t shown = 0;
  for (size_t i = 0; i < text.size() && shown + 1 < width; ++i) {
    out += text[i];
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++shown;
  }
  while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
  if (!out.empty() && (static_cast<unsigned char>(out.back()) & 0x80) != 0) out.pop_back();
  return out + "…";
}

std::string WithoutFinalStop(std::string text) {
  while (!text.empty() && (text.back() == '.' || text.back() == ' ')) text.pop_back();
  return text;
}

std::string What(const Event& e) { return e.summary.empty() ? Headline(e) : e.summary; }

std::string Required(const Tally& t) {
  return t.required ? std::to_string(*t.required) : std::string("-");
}

// How the motion's numbers moved over the timeline, in one or a few sentences.
std::string StorySentence(const MotionCase& f, const TimelineTally& story) {
  if (story.throughout) {
    switch (*story.throughout) {
      case Verdict::kPasses:
        return "The motion has the numbers on paper throughout this timeline.";
      case Verdict::kFails:
        return "The motion never has the numbers on paper in this timeline.";
      case Verdict::kUndecidedDecide:
        return "The undecided hold the balance throughout this timeline.";
    }
  }
  std::string out;
  for (const Crossing& c : story.crossings) {
    const TimelineStep& s = story.steps[c.step];
    const Event& e = f.events[*s.event];
    if (!out.empty()) out += " ";
    out += "On " + e.date.ToString() + " the motion " +
           (c.gained ? "reached the numbers on paper: " : "lost its majority on paper: ") +
           std::to_string(s.tally.total.for_votes) + " for, " + Required(s.tally) +
           " needed, after: " + WithoutFinalStop(What(e)) +
           (e.source.publisher.empty() ? "" : " (" + e.source.publisher + ")") + ".";
  }
  if (out.empty()) out = "The motion never has the numbers on paper in this timeline.";
  return out;
}

std::string Members(int n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

// A recorded vote beside the count on paper, decided by the rule on the recorded figures.
std::string RecordedSentence(const Event& e, const TimelineStep& s, const Chamber& chamber) {
  const RecordedVote& r = *e.recorded;
  const RecordedCheck& check = *s.recorded;
  std::string out = "Recorded vote on " + e.date.ToString() + ": " + std::to_string(r.for_votes) +
                    " for, " + std::to_string(r.against) + " against" +
                    (r.abstain ? ", " + std::to_string(*r.abstain) + " abstaining" : "") +
                    (r.present ? ", " + std::to_string(*r.present) + " present not voting" : "") +
                    ". On paper " + std::to_string(s.tally.total.for_votes) + " were for: ";
  const int diff = check.for_minus_paper;
  out += diff == 0 ? "the recorded figure matches."
         : diff < 0
             ? "at least " + Members(-diff, "declared supporter", "declared supporters") +
                   " did not vote for it."
             : "at least " + Members(diff, "member", "members") + " not declared for voted for it.";
  for (const RecordedCheck::BlocShortfall& b : check.by_bloc) {
    const Bloc* bloc = chamber.FindBloc(b.bloc);
    out += " At least " + Members(b.members, "member", "members") + " declared for in " +
           (bloc ? bloc->name : b.bloc) + " did not vote for it.";
  }
  if (r.secret && diff != 0) out += " The ballot was secret, so who they were cannot be known.";
  out += std::string(" On the recorded figures the motion ") +
         (check.outcome.passes ? "carried" : "fell");
  if (check.outcome.tie.casting_vote_used) out += " on the chair's casting vote";
  if (check.outcome.required) {
    out += " (" + std::to_string(*check.outcome.required) + " needed)";
  }
  return out + ".";
}

// For a recorded vote with a party breakdown: the parties that did not vote as declared.
std::vector<std::string> Deviations(const Event& e, const Tally& t, const Chamber& chamber) {
  std::vector<std::string> lines;
  if (!e.recorded) return lines;
  for (const RecordedVote::PartyResult& r : e.recorded->parties) {
    for (const PartyRow& row : t.parties) {
      if (row.party != r.party) continue;
      const Party* p = chamber.FindParty(r.party);
      const std::string name = p ? p->short_name : r.party;
      if (r.for_votes != row.counts.for_votes) {
        lines.push_back(name + ": " + std::to_string(row.counts.for_votes) + " for on paper, " +
                        std::to_string(r.for_votes) + " recorded");
      }
      if (r.against != row.counts.against) {
        lines.push_back(name + ": " + std::to_string(row.counts.against) + " against on paper, " +
                        std::to_string(r.against) + " recorded");
      }
    }
  }
  return lines;
}

void PrintTimelineCsv(const MotionCase& f, const TimelineTally& story, std::ostream& out) {
  out << io::CsvRow({"date", "kind", "headline", "summary", "for", "against", "abstain", "absent",
                     "undecided", "required", "margin", "verdict", "recorded_for",
                     "recorded_against", "source_title", "source_publisher", "source_url",
                     "source_published"});
  for (const TimelineStep& s : story.steps) {
    const Tally& t = s.tally;
    const Event* e = s.event ? &f.events[*s.event] : nullptr;
    const RecordedVote* r = e && e->recorded ? &*e->recorded : nullptr;
    out << io::CsvRow({e ? e->date.ToString() : "", e ? std::string(EnumName(e->kind)) : "base",
                       e ? Headline(*e) : "state before the first event", e ? e->summary : "",
                       std::to_string(t.total.for_votes), std::to_string(t.total.against),
                       std::to_string(t.total.abstain), std::to_string(t.total.absent),
                       std::to_string(t.total.undecided), Required(t), std::to_string(t.margin),
                       OutcomeWord(t), r ? std::to_string(r->for_votes) : "",
                       r ? std::to_string(r->against) : "", e ? e->source.title : "",
                       e ? e->source.publisher : "", e ? e->source.url : "",
                       e ? e->source.published : ""});
  }
}

// The verdict after step `i`, with a mark where the motion crosses the line.
std::string StepVerdict(const TimelineTally& story, size_t i) {
  std::string verdict = OutcomeWord(story.steps[i].tally);
  for (const Crossing& c : story.crossings) {
    if (c.step == i) verdict += c.gained ? "  << crosses the line" : "  << loses its majority";
  }
  return verdict;
}

Colour VerdictColour(const Tally& t) {
  return t.status != MotionStatus::kOpen ? Colour::kDim
         : t.verdict == Verdict::kPasses ? Colour::kGreen
         : t.verdict == Verdict::kFails  ? Colour::kRed
                                         : Colour::kYellow;
}

std::string SourceName(const Source& source) {
  return source.publisher.empty() ? source.title : source.publisher;
}

// The timeline's table. On a terminal "What happened" holds each event's whole summary and its
// source, wrapped to the width; elsewhere both are cut to fixed widths, so lines stay stable for
// tools and tests.
Table TimelineTable(const MotionCase& f, const TimelineTally& story, const Style& style) {
  const bool fitted = style.width().has_value();
  std::vector<Table::Column> columns = {
      {"Date", Align::kLeft},
      {.header = "What happened", .align = Align::kLeft, .wrap = true, .min_width = 20},
      {"For"},
      {"Needed"},
      {"Margin"},
      {.header = "Verdict", .align = Align::kLeft, .wrap = true, .min_width = 9}};
  if (!fitted) columns.push_back({"Source", Align::kLeft});
  Table table(columns);
  for (size_t i = 0; i < story.steps.size(); ++i) {
    const Tally& t = story.steps[i].tally;
    const Event* e = story.steps[i].event ? &f.events[*story.steps[i].event] : nullptr;
    std::string what = e ? What(*e) : "the chamber as the file describes it";
    const std::string source = e ? SourceName(e->source) : "";
    if (fitted && !source.empty()) {
      what = WithoutFinalStop(what);
      what.append(" (").append(source).append(")");
    }
    std::vector<std::string> row = {e ? e->date.ToString() : "(start)",
                                    fitted ? what : Truncate(what, 58),
                                    std::to_string(t.total.for_votes),
                                    Required(t),
                                    Signed(t.margin),
                                    StepVerdict(story, i)};
    if (!fitted) row.push_back(Truncate(source, 24));
    table.AddRow(std::move(row), {Colour::kNone, Colour::kNone, Colour::kNone, Colour::kNone,
                                  Colour::kNone, VerdictColour(t)});
  }
  return table;
}

void PrintTimeline(const MotionCase& f, const TimelineTally& story, const Style& style,
                   std::ostream& out) {
  PrintMotionHeading(f.base.chamber.name, std::nullopt, f, style, out);
  TimelineTable(f, story, style).Print(out, style, 2);
  out << "\n";
  out << Wrap(StorySentence(f, story), style.Fit(100)) << "\n";
  for (const TimelineStep& s : story.steps) {
    if (!s.recorded) continue;
    const Event& e = f.events[*s.event];
    out << Wrap(RecordedSentence(e, s, f.base.chamber), style.Fit(100)) << "\n";
    for (const std::string& line : Deviations(e, s.tally, f.base.chamber)) {
      out << "  " << line << "\n";
    }
  }
}

Status RunTimeline(const Args& args, Io& io) {
  WHIPCOUNT_ASSIGN_OR_RETURN(FileCase file, LoadPositionalFile(args, io));
  WHIPCOUNT_RETURN_IF_ERROR(file.RequireMotion(" to follow"));
  WHIPCOUNT_ASSIGN_OR_RETURN(TimelineTally story, file.TallyStory());
  if (args.Has("json")) {
    io.out << io::JsonText(io::TimelineToJson(file.on, story));
  } else if (args.Has("csv")) {
    PrintTimelineCsv(file.on, story, io.out);
  } else {
    PrintTimeline(file.on, story, StyleFor(args, io), io.out);
  }
  return Status::Ok();
}

// One row per change: its date and source (of the event that made it), kind, actor, values before
// and after, and words.
void PrintComparisonCsv(const MotionCase& f, const Comparison& c, std::ostream& out) {
  auto text = [](const nlohmann::ordered_json& v) {
    return v.is_null() ? std::string() : v.is_string() ? v.get<std::string>() : v.dump();
  };
  out << io::CsvRow({"date", "kind", "actor_kind", "actor", "from", "to", "change", "source_title",
                     "source_publisher", "source_url"});
  for (size_t i = 0; i < c.diff.changes.size(); ++i) {
    const nlohmann::ordered_json j = io::ChangeToJson(f, c, i);
    const nlohmann::ordered_json& source = j["source"];
    out << io::CsvRow({text(j["date"]), text(j["kind"]), text(j["actor_kind"]), text(j["actor"]),
                       text(j["from"]), text(j["to"]), text(j["text"]),
                       source.is_null() ? "" : text(source["title"]),
                       source.is_null() ? "" : text(source["publisher"]),
                       source.is_null() ? "" : text(source["url"])});
  }
}

void PrintComparison(const MotionCase& f, const Comparison& c, const Style& style,
                     std::ostream& out) {
  const std::string d1 = c.from.date->ToString();
  const std::string d2 = c.to.date->ToString();
  out << style(Colour::kBold, f.base.chamber.name + ": " + d1 + " to " + d2) << "\n\n";
  out << style(Colour::kBold, "Events") << "\n";
  if (c.events.empty()) out << "  none\n";
  for (size_t i : c.events) {
    const Event& e = f.events[i];
    out << "  " << e.date.ToString() << "  " << Hanging(What(e), 14, style.width()) << "\n";
    if (!e.source.title.empty() || !e.source.url.empty()) {
      const std::string source = (e.source.publisher.empty() ? "" : e.source.publisher + ": ") +
                                 e.source.title +
                                 (e.source.url.empty() ? "" : " <" + e.source.url + ">");
      out << style(Colour::kDim, "              " + Hanging(source, 14, style.width())) << "\n";
    }
  }
  out << "\n" << style(Colour::kBold, "Changes") << "\n";
  if (c.diff.changes.empty()) out << "  none\n";
  for (const Change& change : c.diff.changes) {
    out << "  " << Hanging(ChangeText(change, c.to.state.chamber), 4, style.width()) << "\n";
  }
  if (!c.from.tally || !c.to.tally) return;
  const Tally& ta = *c.from.tally;
  const Tally& tb = *c.to.tally;
  out << "\n" << style(Colour::kBold, "Tally") << "\n";
  Table t({{"", Align::kLeft}, {d1}, {d2}, {"Change"}});
  t.AddRow({"For", std::to_string(ta.total.for_votes), std::to_string(tb.total.for_votes),
            Signed(tb.total.for_votes - ta.total.for_votes)});
  t.AddRow({"Against", std::to_string(ta.total.against), std::to_string(tb.total.against),
            Signed(tb.total.against - ta.total.against)});
  t.AddRow({"Needed", Required(ta), Required(tb), ""});
  t.AddRow({"Verdict", OutcomeWord(ta), OutcomeWord(tb), ""});
  t.Print(out, style, 2);
}

Status RunDiff(const Args& args, Io& io) {
  if (args.positional().size() != 3) {
    return Status(ErrorCode::kUsage, "usage: whipcount diff FILE FROM-DATE TO-DATE");
  }
  WHIPCOUNT_ASSIGN_OR_RETURN(FileCase file, LoadChamber(args.positional()[0], args, io));
  const std::optional<Date> d1 = Date::Parse(args.positional()[1]);
  const std::optional<Date> d2 = Date::Parse(args.positional()[2]);
  if (!d1 || !d2 || *d2 < *d1) {
    return Status(ErrorCode::kUsage, "give two dates YYYY-MM-DD, the earlier first (got '" +
                                         args.positional()[1] + "' and '" + args.positional()[2] +
                                         "')");
  }
  WHIPCOUNT_ASSIGN_OR_RETURN(const Comparison comparison, file.Compare(*d1, *d2));
  if (args.Has("json")) {
    io.out << io::JsonText(io::ComparisonToJson(file.on, comparison));
  } else if (args.Has("csv")) {
    PrintComparisonCsv(file.on, comparison, io.out);
  } else {
    PrintComparison(file.on, comparison, StyleFor(args, io), io.out);
  }
  return Status::Ok();
}

}  // namespace

Command TimelineCommand() {
  return Command{
      .name = "timeline",
      .summary = "the story event by event: the tally after each, with its source",
      .usage = "whipcount timeline FILE [--json | --csv]",
      .example = "whipcount timeline data/pk-na-2022.yaml",
      .description =
          "Replays the file's events in order and counts the motion after each one, on that "
          "event's date (so anti-defection rules follow the calendar). Marks the day the motion "
          "first has the numbers on paper, and sets each recorded vote beside the count on "
          "paper. On a terminal \"What happened\" holds each event's whole summary and its "
          "source, wrapped to the width; piped, they are cut to 58 and 24 characters so that "
          "lines stay the same everywhere. --csv prints a row per event.",
      .flags = {{.name = "csv", .help = "print CSV, one row per event"}},
      .run = RunTimeline,
  };
}

Command DiffCommand() {
  return Command{
      .name = "diff",
      .summary = "what changed between two dates, and why, with sources",
      .usage = "whipcount diff FILE FROM-DATE TO-DATE [--json | --csv]",
      .example = "whipcount diff data/pk-na-2022.yaml 2022-03-29 2022-04-10",
      .description =
          "Lists the events after FROM-DATE up to and including TO-DATE with their sources, the "
          "changes they made to seats, blocs, parties and stances, and the tally on both dates.",
      .flags = {{.name = "csv", .help = "print CSV, one row per change"}},
      .run = RunDiff,
  };
}

}  // namespace whipcount::cli
