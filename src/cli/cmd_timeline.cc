// whipcount timeline FILE and whipcount diff FILE D1 D2: the story told event by event.
#include <string>

#include "cli/commands.h"
#include "io/csv.h"
#include "io/json_out.h"
#include "whipcount/tally.h"

namespace whipcount::cli {
namespace {

using Json = nlohmann::ordered_json;

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

Json StepJson(const MotionCase& f, const TimelineStep& step) {
  const Tally& t = step.tally;
  Json j;
  if (step.event) {
    const Event& e = f.events[*step.event];
    j["date"] = e.date.ToString();
    j["kind"] = EnumName(e.kind);
    j["headline"] = Headline(e);
    j["summary"] = e.summary;
    j["source"] = io::SourceToJson(e.source);
  } else {
    j["date"] = nullptr;
    j["kind"] = "base";
  }
  j["for"] = t.total.for_votes;
  j["against"] = t.total.against;
  j["abstain"] = t.total.abstain;
  j["absent"] = t.total.absent;
  j["undecided"] = t.total.undecided;
  j["required"] = t.required ? Json(*t.required) : Json(nullptr);
  j["margin"] = t.margin;
  j["verdict"] = OutcomeWord(t);
  j["verdict_on_paper"] = EnumName(t.verdict);
  if (step.recorded) {
    const RecordedVote& r = *f.events[*step.event].recorded;
    Json rec{{"for", r.for_votes}, {"against", r.against}};
    if (r.abstain) rec["abstain"] = *r.abstain;
    if (r.present) rec["present"] = *r.present;
    if (r.absent) rec["absent"] = *r.absent;
    rec["secret"] = r.secret;
    rec["carried"] = step.recorded->outcome.passes;
    rec["required"] =
        step.recorded->outcome.required ? Json(*step.recorded->outcome.required) : Json(nullptr);
    rec["at_least_left_for"] = step.recorded->at_least_left_for;
    rec["at_least_joined_for"] = step.recorded->at_least_joined_for;
    Json by_bloc = Json::array();
    for (const RecordedCheck::BlocShortfall& b : step.recorded->by_bloc) {
      by_bloc.push_back({{"bloc", b.bloc}, {"at_least_left_for", b.members}});
    }
    rec["by_bloc"] = by_bloc;
    j["recorded"] = rec;
    j["recorded_minus_paper"] = step.recorded->for_minus_paper;
  }
  return j;
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

int RunTimeline(const Args& args, Io& io) {
  Result<FileCase> file = LoadPositionalFile(args);
  if (!file.ok()) return ReportError(file.status(), args, io);
  if (Status s = file->RequireMotion(" to follow"); !s.ok()) return ReportError(s, args, io);
  const MotionCase& f = file->on;
  const Rule& rule = *f.rule;
  Result<TimelineTally> story = file->TallyStory();
  if (!story.ok()) return ReportError(story.status(), args, io);

  if (args.Has("json")) {
    Json steps = Json::array();
    for (const TimelineStep& s : story->steps) steps.push_back(StepJson(f, s));
    Json j{{"chamber", f.base.chamber.name},
           {"motion", f.motion->title},
           {"rule", rule.id},
           {"steps", steps}};
    Json crossings = Json::array();
    for (const Crossing& c : story->crossings) {
      crossings.push_back({{"step", c.step}, {"gained", c.gained}});
    }
    j["crossings"] = crossings;
    j["throughout"] = story->throughout ? Json(EnumName(*story->throughout)) : Json(nullptr);
    io.out << j.dump(2) << "\n";
    return kExitOk;
  }
  if (args.Has("csv")) {
    io.out << io::CsvRow({"date", "kind", "headline", "summary", "for", "against", "abstain",
                          "absent", "undecided", "required", "margin", "verdict", "recorded_for",
                          "recorded_against", "source_title", "source_publisher", "source_url",
                          "source_published"});
    for (const TimelineStep& s : story->steps) {
      const Tally& t = s.tally;
      const Event* e = s.event ? &f.events[*s.event] : nullptr;
      const RecordedVote* r = e && e->recorded ? &*e->recorded : nullptr;
      io.out << io::CsvRow(
          {e ? e->date.ToString() : "", e ? std::string(EnumName(e->kind)) : "base",
           e ? Headline(*e) : "state before the first event", e ? e->summary : "",
           std::to_string(t.total.for_votes), std::to_string(t.total.against),
           std::to_string(t.total.abstain), std::to_string(t.total.absent),
           std::to_string(t.total.undecided), Required(t), std::to_string(t.margin), OutcomeWord(t),
           r ? std::to_string(r->for_votes) : "", r ? std::to_string(r->against) : "",
           e ? e->source.title : "", e ? e->source.publisher : "", e ? e->source.url : "",
           e ? e->source.published : ""});
    }
    return kExitOk;
  }

  const Style style = StyleFor(args, io);
  io.out << style(Colour::kBold, f.base.chamber.name) << "\n";
  io.out << f.motion->title << "\n";
  io.out << style(Colour::kDim, Wrap("Rule: " + rule.name +
                                         (rule.citation.empty() ? "" : " (" + rule.citation + ")"),
                                     100))
         << "\n\n";
  Table table({{"Date", Align::kLeft},
               {"What happened", Align::kLeft},
               {"For"},
               {"Needed"},
               {"Margin"},
               {"Verdict", Align::kLeft},
               {"Source", Align::kLeft}});
  for (size_t i = 0; i < story->steps.size(); ++i) {
    const TimelineStep& s = story->steps[i];
    const Tally& t = s.tally;
    const Event* e = s.event ? &f.events[*s.event] : nullptr;
    std::string verdict = OutcomeWord(t);
    Colour vc = t.status != MotionStatus::kOpen ? Colour::kDim
                : t.verdict == Verdict::kPasses ? Colour::kGreen
                : t.verdict == Verdict::kFails  ? Colour::kRed
                                                : Colour::kYellow;
    for (const Crossing& c : story->crossings) {
      if (c.step == i) verdict += c.gained ? "  << crosses the line" : "  << loses its majority";
    }
    table.AddRow(
        {e ? e->date.ToString() : "(start)",
         e ? Truncate(What(*e), 58) : "the chamber as the file describes it",
         std::to_string(t.total.for_votes), Required(t), Signed(t.margin), verdict,
         e ? Truncate(e->source.publisher.empty() ? e->source.title : e->source.publisher, 24)
           : ""},
        {Colour::kNone, Colour::kNone, Colour::kNone, Colour::kNone, Colour::kNone, vc});
  }
  table.Print(io.out, style, 2);
  io.out << "\n";
  io.out << Wrap(StorySentence(f, *story), 100) << "\n";
  for (const TimelineStep& s : story->steps) {
    if (!s.recorded) continue;
    const Event& e = f.events[*s.event];
    io.out << Wrap(RecordedSentence(e, s, f.base.chamber), 100) << "\n";
    for (const std::string& line : Deviations(e, s.tally, f.base.chamber)) {
      io.out << "  " << line << "\n";
    }
  }
  return kExitOk;
}

std::string SplitText(const std::optional<Split>& split) {
  return split ? SplitWords(*split) : "none";
}

std::string ChangeText(const Change& c, const Chamber& chamber) {
  auto bloc_name = [&](const std::string& id) {
    if (id.empty()) return std::string("no bloc");
    const Bloc* b = chamber.FindBloc(id);
    return b ? b->name : id;
  };
  auto stance = [](const std::optional<Stance>& s) {
    return s ? std::string(EnumName(*s)) : std::string("none declared");
  };
  switch (c.what) {
    case Change::What::kSeats:
      return c.party + " seats: " + std::to_string(c.before) + " -> " + std::to_string(c.after);
    case Change::What::kPartyBloc:
      return c.party + " moves: " + bloc_name(c.from) + " -> " + bloc_name(c.to);
    case Change::What::kMemberBloc:
      return c.member + " sits: " + bloc_name(c.from) + " -> " + bloc_name(c.to);
    case Change::What::kMemberParty:
      return c.member + " changes party: " + c.from + " -> " + c.to;
    case Change::What::kMemberAdded:
      return c.member + " enters the chamber (" + c.to + ")";
    case Change::What::kMemberRemoved:
      return c.member + " leaves the chamber (" + c.from + ")";
    case Change::What::kStance:
      return c.actor_kind + " " + c.actor + " stance: " + stance(c.from_stance) + " -> " +
             stance(c.to_stance);
    case Change::What::kChair:
      return "chair: " + c.from + " -> " + c.to;
    case Change::What::kSplit:
      return "party " + c.party + " split: " + SplitText(c.from_split) + " -> " +
             SplitText(c.to_split);
    case Change::What::kMotion:
      return "motion: " + c.from + " -> " + c.to;
  }
  return "";
}

std::string_view ChangeKind(Change::What w) {
  switch (w) {
    case Change::What::kSeats:
      return "seats";
    case Change::What::kPartyBloc:
      return "party-bloc";
    case Change::What::kMemberBloc:
      return "member-bloc";
    case Change::What::kMemberParty:
      return "member-party";
    case Change::What::kMemberAdded:
      return "member-added";
    case Change::What::kMemberRemoved:
      return "member-removed";
    case Change::What::kStance:
      return "stance";
    case Change::What::kChair:
      return "chair";
    case Change::What::kSplit:
      return "split";
    case Change::What::kMotion:
      return "motion";
  }
  return "";
}

int RunDiff(const Args& args, Io& io) {
  if (args.positional().size() != 3) {
    return ReportError(Status(ErrorCode::kUsage, "usage: whipcount diff FILE FROM-DATE TO-DATE"),
                       args, io);
  }
  Result<FileCase> file = LoadChamber(args.positional()[0], args);
  if (!file.ok()) return ReportError(file.status(), args, io);
  const MotionCase& f = file->on;
  std::optional<Date> d1 = Date::Parse(args.positional()[1]);
  std::optional<Date> d2 = Date::Parse(args.positional()[2]);
  if (!d1 || !d2 || *d2 < *d1) {
    return ReportError(Status(ErrorCode::kUsage,
                              "give two dates YYYY-MM-DD, the earlier first (got '" +
                                  args.positional()[1] + "' and '" + args.positional()[2] + "')"),
                       args, io);
  }
  Result<Snapshot> from = file->SnapshotOn(d1);
  if (!from.ok()) return ReportError(from.status(), args, io);
  Result<Snapshot> to = file->SnapshotOn(d2);
  if (!to.ok()) return ReportError(to.status(), args, io);
  const StateDiff diff = Diff(from->state, to->state);
  std::vector<const Event*> between;
  for (const Event& e : f.events) {
    if (*d1 < e.date && !(*d2 < e.date)) between.push_back(&e);
  }
  const std::optional<Tally>& ta = from->tally;
  const std::optional<Tally>& tb = to->tally;

  if (args.Has("json")) {
    Json events = Json::array();
    for (const Event* e : between) {
      events.push_back({{"date", e->date.ToString()},
                        {"kind", EnumName(e->kind)},
                        {"headline", Headline(*e)},
                        {"summary", e->summary},
                        {"source", io::SourceToJson(e->source)}});
    }
    Json changes = Json::array();
    for (const Change& c : diff.changes) {
      changes.push_back({{"kind", ChangeKind(c.what)}, {"text", ChangeText(c, to->state.chamber)}});
    }
    Json j{
        {"from", d1->ToString()}, {"to", d2->ToString()}, {"events", events}, {"changes", changes}};
    if (ta && tb) {
      j["tally"] = {{"from",
                     {{"for", ta->total.for_votes},
                      {"against", ta->total.against},
                      {"required", ta->required ? Json(*ta->required) : Json(nullptr)},
                      {"verdict", EnumName(ta->verdict)}}},
                    {"to",
                     {{"for", tb->total.for_votes},
                      {"against", tb->total.against},
                      {"required", tb->required ? Json(*tb->required) : Json(nullptr)},
                      {"verdict", EnumName(tb->verdict)}}}};
    }
    io.out << j.dump(2) << "\n";
    return kExitOk;
  }
  if (args.Has("csv")) {
    io.out << io::CsvRow({"kind", "change"});
    for (const Change& c : diff.changes) {
      io.out << io::CsvRow({std::string(ChangeKind(c.what)), ChangeText(c, to->state.chamber)});
    }
    return kExitOk;
  }
  const Style style = StyleFor(args, io);
  io.out << style(Colour::kBold,
                  f.base.chamber.name + ": " + d1->ToString() + " to " + d2->ToString())
         << "\n\n";
  io.out << style(Colour::kBold, "Events") << "\n";
  if (between.empty()) io.out << "  none\n";
  for (const Event* e : between) {
    io.out << "  " << e->date.ToString() << "  " << What(*e) << "\n";
    if (!e->source.title.empty() || !e->source.url.empty()) {
      io.out << style(Colour::kDim,
                      "              " +
                          (e->source.publisher.empty() ? "" : e->source.publisher + ": ") +
                          e->source.title +
                          (e->source.url.empty() ? "" : " <" + e->source.url + ">"))
             << "\n";
    }
  }
  io.out << "\n" << style(Colour::kBold, "Changes") << "\n";
  if (diff.changes.empty()) io.out << "  none\n";
  for (const Change& c : diff.changes) io.out << "  " << ChangeText(c, to->state.chamber) << "\n";
  if (ta && tb) {
    io.out << "\n" << style(Colour::kBold, "Tally") << "\n";
    Table t({{"", Align::kLeft}, {d1->ToString()}, {d2->ToString()}, {"Change"}});
    t.AddRow({"For", std::to_string(ta->total.for_votes), std::to_string(tb->total.for_votes),
              Signed(tb->total.for_votes - ta->total.for_votes)});
    t.AddRow({"Against", std::to_string(ta->total.against), std::to_string(tb->total.against),
              Signed(tb->total.against - ta->total.against)});
    t.AddRow({"Needed", Required(*ta), Required(*tb), ""});
    t.AddRow({"Verdict", OutcomeWord(*ta), OutcomeWord(*tb), ""});
    t.Print(io.out, style, 2);
  }
  return kExitOk;
}

}  // namespace

Command TimelineCommand() {
  return Command{
      .name = "timeline",
      .summary = "the story event by event: the tally after each, with its source",
      .usage = "whipcount timeline FILE [--json | --csv]",
      .description =
          "Replays the file's events in order and counts the motion after each one, on that "
          "event's date (so anti-defection rules follow the calendar). Marks the day the motion "
          "first has the numbers on paper, and sets each recorded vote beside the count on "
          "paper.",
      .flags = {{.name = "csv", .help = "print CSV, one row per event"}},
      .run = RunTimeline,
  };
}

Command DiffCommand() {
  return Command{
      .name = "diff",
      .summary = "what changed between two dates, and why, with sources",
      .usage = "whipcount diff FILE FROM-DATE TO-DATE [--json | --csv]",
      .description =
          "Lists the events after FROM-DATE up to and including TO-DATE with their sources, the "
          "changes they made to seats, blocs, parties and stances, and the tally on both dates.",
      .flags = {{.name = "csv", .help = "print CSV, one row per change"}},
      .run = RunDiff,
  };
}

}  // namespace whipcount::cli
