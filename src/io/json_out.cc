#include "io/json_out.h"

#include <algorithm>

namespace whipcount::io {
namespace {

using Json = nlohmann::ordered_json;

// Appends a count's members to `object` directly: its keys are new to it by construction, and a
// count is written for every party of every answer, where building an object to merge (a
// temporary array per member, then a search per key) was a measured share of the server's time.
void AppendCounts(Json& object, const Counts& c) {
  auto& members = object.get_ref<Json::object_t&>();
  members.reserve(members.size() + 9);
  for (const auto& [key, value] : {std::pair{"for", c.for_votes},
                                   {"against", c.against},
                                   {"abstain", c.abstain},
                                   {"present", c.present},
                                   {"absent", c.absent},
                                   {"undecided", c.undecided},
                                   {"discounted", c.discounted},
                                   {"chair", c.chair},
                                   {"uncounted", c.uncounted}}) {
    members.emplace_back(key, value);
  }
}

std::string_view FlipDirectionName(Flip::Direction d) {
  switch (d) {
    case Flip::Direction::kToFor:
      return "to-for";
    case Flip::Direction::kAwayFromFor:
      return "away-from-for";
    case Flip::Direction::kUndecidedFor:
      return "undecided-for";
  }
  return "to-for";
}

Json OptionalInt(const std::optional<std::int64_t>& v) { return v ? Json(*v) : Json(nullptr); }

}  // namespace

Json StatusToJson(const Status& status) {
  const Location& w = status.where();
  Json error{{"code", CodeString(status.code())},
             {"name", EnumName(status.code())},
             {"message", status.message()}};
  if (!w.file.empty()) error["file"] = w.file;
  if (w.line > 0) error["line"] = w.line;
  if (w.column > 0) error["column"] = w.column;
  if (!w.path.empty()) error["path"] = w.path;
  return Json{{"error", error}};
}

Json SourceToJson(const Source& s) {
  Json j = Json::object();
  if (!s.id.empty()) j["id"] = s.id;
  if (!s.title.empty()) j["title"] = s.title;
  if (!s.publisher.empty()) j["publisher"] = s.publisher;
  if (!s.url.empty()) j["url"] = s.url;
  if (!s.published.empty()) j["published"] = s.published;
  if (!s.quote.empty()) j["quote"] = s.quote;
  return j;
}

Json TallyToJson(const State& state, const Rule& rule, const Motion& motion, const Tally& tally) {
  const Chamber& chamber = state.chamber;
  Json j;
  j["chamber"] = {{"id", chamber.id},
                  {"name", chamber.name},
                  {"statutory_seats", tally.statutory_seats},
                  {"filled_seats", tally.filled_seats},
                  {"vacancies", tally.vacancies}};
  j["motion"] = {{"id", motion.id},
                 {"title", motion.title},
                 {"rule", rule.id},
                 {"kind", EnumName(motion.kind)}};
  if (!motion.successor.empty()) j["motion"]["successor"] = motion.successor;
  j["rule"] = {{"id", rule.id}, {"name", rule.name}, {"citation", rule.citation}};
  j["date"] = tally.date ? Json(tally.date->ToString()) : Json(nullptr);
  j["status"] = EnumName(tally.status);
  j["required"] = OptionalInt(tally.required);
  j["required_by"] = EnumName(tally.required_by);
  const Counts& c = tally.total;
  j["for"] = c.for_votes;
  j["against"] = c.against;
  j["abstain"] = c.abstain;
  j["present"] = c.present;
  j["absent"] = c.absent;
  j["undecided"] = c.undecided;
  j["discounted"] = c.discounted;
  j["chair"] = c.chair;
  j["margin"] = tally.margin;
  j["verdict"] = OutcomeWord(tally);
  j["verdict_on_paper"] = EnumName(tally.verdict);
  const std::string consequence = ConsequenceWords(tally);
  j["consequence"] = consequence.empty() ? Json(nullptr) : Json(consequence);
  j["passes_if_undecided_stay_away"] = tally.passes_now;
  j["passes_if_undecided_vote_for"] = tally.passes_best;
  j["passes_whatever_undecided_do"] = tally.passes_worst;
  Json thresholds = Json::array();
  for (const ThresholdCheck& t : tally.thresholds) {
    thresholds.push_back({{"label", t.threshold.label},
                          {"fraction", std::to_string(t.threshold.fraction.num) + "/" +
                                           std::to_string(t.threshold.fraction.den)},
                          {"strict", t.threshold.strict},
                          {"base", EnumName(t.threshold.base)},
                          {"base_count", t.base_count},
                          {"required", OptionalInt(t.required)},
                          {"announced", OptionalInt(t.announced)},
                          {"met", t.met}});
  }
  j["thresholds"] = thresholds;
  if (tally.quorum) {
    j["quorum"] = {{"required", tally.quorum->required},
                   {"present", tally.quorum->present},
                   {"met", tally.quorum->met}};
  } else {
    j["quorum"] = nullptr;
  }
  j["tie"] = {{"tied", tally.tie.tied},
              {"casting_vote_used", tally.tie.casting_vote_used},
              {"casting_vote_for", tally.tie.casting_for}};
  if (tally.anti_defection) {
    j["anti_defection"] = {{"defector_votes", EnumName(tally.anti_defection->defector_votes)},
                           {"note", tally.anti_defection->note},
                           {"source", tally.anti_defection->source}};
  } else {
    j["anti_defection"] = nullptr;
  }
  Json flip{{"direction", FlipDirectionName(tally.flip.direction)},
            {"members", tally.flip.members ? Json(*tally.flip.members) : Json(nullptr)},
            {"via_against", tally.flip.via_against},
            {"via_absence", tally.flip.via_absence}};
  Json suppliers = Json::array();
  for (const Flip::Supplier& s : tally.flip.suppliers) {
    suppliers.push_back({{"party", s.party}, {"available", s.available}});
  }
  flip["suppliers"] = suppliers;
  j["flip"] = flip;
  Json parties = Json::array();
  for (const PartyRow& row : tally.parties) {
    const Party* p = chamber.FindParty(row.party);
    Json pj{{"id", row.party},
            {"name", p ? p->name : row.party},
            {"bloc", row.bloc.empty() ? Json(nullptr) : Json(row.bloc)},
            {"seats", row.seats},
            {"line", EnumName(row.line)}};
    AppendCounts(pj, row.counts);
    parties.push_back(std::move(pj));
  }
  j["parties"] = std::move(parties);
  Json blocs = Json::array();
  for (const BlocRow& row : tally.blocs) {
    if (row.seats == 0 && row.bloc.empty()) continue;
    Json bj{{"id", row.bloc.empty() ? Json(nullptr) : Json(row.bloc)}, {"seats", row.seats}};
    AppendCounts(bj, row.counts);
    Json parts = Json::array();
    for (const PartyRow& part : row.parties) {
      Json pj{{"id", part.party}, {"seats", part.seats}};
      AppendCounts(pj, part.counts);
      parts.push_back(std::move(pj));
    }
    bj["parties"] = std::move(parts);
    blocs.push_back(std::move(bj));
  }
  j["blocs"] = std::move(blocs);
  Json houses = Json::array();
  for (const HouseRow& h : tally.houses) {
    Json hj{{"id", h.house},
            {"seats", h.seats},
            {"filled", h.filled},
            {"vacancies", h.seats - h.filled}};
    AppendCounts(hj, h.counts);
    houses.push_back(hj);
  }
  j["houses"] = houses;
  j["explanation"] = Explain(chamber, rule, motion, tally);
  return j;
}

// --- Forecast ----------------------------------------------------------------------------------

namespace {

Json ChancesToJson(const VoteProbabilities& p) {
  return Json{
      {"for", p.for_votes}, {"against", p.against}, {"abstain", p.abstain}, {"absent", p.absent}};
}

// [value, probability] pairs for the values with a chance.
Json DistributionToJson(const CountDistribution& d) {
  Json rows = Json::array();
  for (const CountDistribution::Point& point : d.points) {
    rows.push_back(Json::array({point.value, point.p}));
  }
  return rows;
}

// The model with every default filled in: the parties that have members to model, and the
// members modelled one by one.
Json ResolvedModelToJson(const ResolvedModel& model) {
  Json parties = Json::array();
  for (const ModelledParty& p : model.parties) {
    if (p.members == 0) continue;
    parties.push_back(Json{{"party", p.party},
                           {"members", p.members},
                           {"declared", EnumName(p.declared)},
                           {"line", ChancesToJson(p.line)},
                           {"cohesion", p.cohesion},
                           {"cohesion_given", p.cohesion_given},
                           {"otherwise", ChancesToJson(p.otherwise)},
                           {"correlation", EnumName(p.correlation)},
                           {"rho", p.rho},
                           {"marginal", ChancesToJson(p.marginal)}});
  }
  Json members = Json::array();
  for (const ModelledMember& m : model.members) {
    members.push_back(Json{{"member", m.member},
                           {"party", m.party},
                           {"declared", EnumName(m.declared)},
                           {"chances", ChancesToJson(m.p)},
                           {"given", m.given},
                           {"chair", m.chair}});
  }
  return Json{{"voters", model.voters}, {"parties", parties}, {"members", members}};
}

Json SensitivityToJson(const ForecastReport& r) {
  Json parties = Json::array();
  for (const PartySensitivity& s : r.parties) {
    Json e{{"party", s.party}, {"d_pass_d_cohesion", s.d_cohesion}};
    if (r.method == Method::kMonteCarlo) e["standard_error"] = s.standard_error;
    parties.push_back(e);
  }
  Json members = Json::array();
  for (const MemberSensitivity& s : r.members) {
    members.push_back(
        Json{{"member", s.member}, {"p_pass_if", ChancesToJson(s.pass_if)}, {"swing", s.swing}});
  }
  return Json{{"parties", parties}, {"members", members}};
}

}  // namespace

Json ForecastToJson(const State& state, const Rule& rule, const Motion& motion,
                    const ForecastReport& r) {
  Json j;
  j["chamber"] = {{"id", state.chamber.id}, {"name", state.chamber.name}};
  j["motion"] = {{"id", motion.id}, {"title", motion.title}, {"rule", rule.id}};
  j["rule"] = {{"id", rule.id}, {"name", rule.name}, {"citation", rule.citation}};
  j["date"] = r.date ? Json(r.date->ToString()) : Json(nullptr);
  j["method"] = EnumName(r.method);
  if (r.method == Method::kExact) {
    j["space"] = r.space ? Json(EnumName(*r.space)) : Json(nullptr);
    j["cells"] = r.cells;
  } else {
    j["draws"] = r.draws;
    j["seed"] = r.seed;
  }
  j["p_pass"] = r.p_pass;
  j["standard_error"] = r.standard_error;
  Json assumed = Json::array();
  for (const std::string& party : PartiesOnDefaultCohesion(r.model)) assumed.push_back(party);
  j["default_cohesion"] = {{"parties", assumed}, {"note", DefaultCohesionNote(r.model)}};
  j["for"] = {{"expected", r.expected_for},
              {"interval90", Json::array({r.for_low, r.for_high})},
              {"distribution", DistributionToJson(r.for_votes)}};
  j["margin"] = {{"expected", r.expected_margin},
                 {"standard_error", r.margin_standard_error},
                 {"interval90", Json::array({r.margin_low, r.margin_high})},
                 {"distribution", DistributionToJson(r.margin)}};
  j["defector_votes"] =
      EnumName(r.model.discount_defectors ? DefectorVotes::kNotCounted : DefectorVotes::kCounted);
  j["model"] = ResolvedModelToJson(r.model);
  j["sensitivity"] = SensitivityToJson(r);
  return j;
}

// ---- Pictures (draw, chart) ----------------------------------------------------------------

nlohmann::ordered_json PictureStatusToJson(const std::optional<std::string>& output,
                                           PictureFormat format, std::string_view bytes,
                                           const nlohmann::ordered_json& fields) {
  Json j{{"ok", true},
         {"output", output ? Json(*output) : Json(nullptr)},
         {"format", EnumName(format)},
         {"bytes", bytes.size()}};
  j.update(fields);
  if (!output) j["svg"] = bytes;
  return j;
}

nlohmann::ordered_json DiagramFieldsToJson(const Diagram& diagram) {
  return Json{{"seats", diagram.statutory_seats}};
}

nlohmann::ordered_json ChartFieldsToJson(const Chart& chart) {
  return Json{{"events", chart.markers.size()},
              {"crossed", chart.crossed ? Json(chart.markers[*chart.crossed].date.ToString())
                                        : Json(nullptr)}};
}

// ---- Power and coalitions ----------------------------------------------------------------

Json RationalToJson(const Rational& r) { return Json{{"value", r.value}, {"exact", r.ToString()}}; }

Json PowerToJson(std::string_view title, const WeightedPlayers& players, const StatedQuota& quota,
                 const PowerReport& report) {
  Json j;
  j["game"] = {{"title", title},
               {"players", players.weights.size()},
               {"total_weight", players.TotalWeight()},
               {"quota", quota.votes},
               {"quota_source", quota.source},
               {"method", EnumName(report.method)}};
  j["coalitions"] = report.coalitions;
  j["winning_coalitions"] = report.winning_coalitions;
  j["power_to_act"] = RationalToJson(report.power_to_act);
  if (report.minimal_winning_coalitions) {
    j["minimal_winning_coalitions"] = *report.minimal_winning_coalitions;
  }
  Json list = Json::array();
  for (std::size_t i = 0; i < report.players.size(); ++i) {
    Json row{{"name", report.players[i]}, {"weight", players.weights[i]}};
    for (const IndexValues& values : report.indices) {
      Json cell = RationalToJson(values.value[i]);
      cell["raw"] = values.raw[i].ToString();
      row[std::string(EnumName(values.index))] = cell;
    }
    list.push_back(row);
  }
  j["players"] = list;
  return j;
}

Json CoalitionToJson(const Coalition& c) {
  Json j{{"parties", c.parties}, {"seats", c.seats}, {"surplus", c.surplus}};
  if (c.range) j["range"] = *c.range;
  j["connected"] = c.connected;
  return j;
}

Json MotionBalanceToJson(const MotionBalance& balance) {
  Json with = Json::array();
  for (const Coalition& c : balance.with_undecided) with.push_back(CoalitionToJson(c));
  return Json{{"for_seats", balance.for_seats},
              {"needed", OptionalInt(balance.needed)},
              {"carried", balance.carried},
              {"pivotal", balance.pivotal},
              {"with_undecided", with}};
}

Json CoalitionsToJson(std::string_view title, const StatedQuota& quota,
                      const CoalitionReport& report, const std::optional<MotionBalance>& balance) {
  Json j;
  j["title"] = title;
  j["quota"] = quota.votes;
  j["quota_source"] = quota.source;
  j["theory"] = EnumName(report.theory);
  Json list = Json::array();
  for (const Coalition& c : report.coalitions) list.push_back(CoalitionToJson(c));
  j["coalitions"] = list;
  if (balance) j["motion"] = MotionBalanceToJson(*balance);
  return j;
}

// ---- Timeline, diff and check -----------------------------------------------------------

namespace {

nlohmann::ordered_json OrNull(const std::optional<int>& n) {
  return n ? nlohmann::ordered_json(*n) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json RecordedToJson(const RecordedVote& r, const RecordedCheck& check) {
  nlohmann::ordered_json rec{{"for", r.for_votes}, {"against", r.against}};
  if (r.abstain) rec["abstain"] = *r.abstain;
  if (r.present) rec["present"] = *r.present;
  if (r.absent) rec["absent"] = *r.absent;
  rec["secret"] = r.secret;
  rec["carried"] = check.outcome.passes;
  rec["required"] = OrNull(check.outcome.required);
  rec["at_least_left_for"] = check.at_least_left_for;
  rec["at_least_joined_for"] = check.at_least_joined_for;
  nlohmann::ordered_json by_bloc = nlohmann::ordered_json::array();
  for (const RecordedCheck::BlocShortfall& b : check.by_bloc) {
    by_bloc.push_back({{"bloc", b.bloc}, {"at_least_left_for", b.members}});
  }
  rec["by_bloc"] = by_bloc;
  return rec;
}

nlohmann::ordered_json StepToJson(const MotionCase& on, const TimelineStep& step) {
  const Tally& t = step.tally;
  nlohmann::ordered_json j;
  if (step.event) {
    j = EventToJson(on.events[*step.event]);
  } else {
    j["date"] = nullptr;
    j["kind"] = "base";
  }
  j["for"] = t.total.for_votes;
  j["against"] = t.total.against;
  j["abstain"] = t.total.abstain;
  j["absent"] = t.total.absent;
  j["undecided"] = t.total.undecided;
  j["required"] = OrNull(t.required);
  j["margin"] = t.margin;
  j["verdict"] = OutcomeWord(t);
  j["verdict_on_paper"] = EnumName(t.verdict);
  if (step.recorded) {
    j["recorded"] = RecordedToJson(*on.events[*step.event].recorded, *step.recorded);
    j["recorded_minus_paper"] = step.recorded->for_minus_paper;
  }
  return j;
}

nlohmann::ordered_json NameOrNull(const std::string& id) {
  return id.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(id);
}

nlohmann::ordered_json StanceOrNull(const std::optional<Stance>& s) {
  return s ? nlohmann::ordered_json(EnumName(*s)) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json SplitOrNull(const std::optional<Split>& s) {
  return s ? nlohmann::ordered_json(SplitWords(*s)) : nlohmann::ordered_json(nullptr);
}

// A change's actor, its kind of actor, and its values before and after, as values.
void ChangeFields(const Change& c, nlohmann::ordered_json& j) {
  using What = Change::What;
  switch (c.what) {
    case What::kSeats:
      j.update({{"actor_kind", "party"}, {"actor", c.party}, {"from", c.before}, {"to", c.after}});
      return;
    case What::kPartyBloc:
      j.update({{"actor_kind", "party"},
                {"actor", c.party},
                {"from", NameOrNull(c.from)},
                {"to", NameOrNull(c.to)}});
      return;
    case What::kMemberBloc:
    case What::kMemberParty:
    case What::kMemberAdded:
    case What::kMemberRemoved:
      j.update({{"actor_kind", "member"},
                {"actor", c.member},
                {"from", NameOrNull(c.from)},
                {"to", NameOrNull(c.to)}});
      return;
    case What::kStance:
      j.update({{"actor_kind", c.actor_kind},
                {"actor", c.actor},
                {"from", StanceOrNull(c.from_stance)},
                {"to", StanceOrNull(c.to_stance)}});
      return;
    case What::kSplit:
      j.update({{"actor_kind", "party"},
                {"actor", c.party},
                {"from", SplitOrNull(c.from_split)},
                {"to", SplitOrNull(c.to_split)}});
      return;
    case What::kChair:
    case What::kMotion:
      j.update({{"actor_kind", EnumName(c.what)},
                {"actor", nullptr},
                {"from", NameOrNull(c.from)},
                {"to", NameOrNull(c.to)}});
      return;
  }
}

nlohmann::ordered_json CountToJson(const Tally& t) {
  return {{"for", t.total.for_votes},
          {"against", t.total.against},
          {"required", OrNull(t.required)},
          {"verdict", EnumName(t.verdict)}};
}

}  // namespace

nlohmann::ordered_json EventToJson(const Event& event) {
  return {{"date", event.date.ToString()},
          {"kind", EnumName(event.kind)},
          {"headline", Headline(event)},
          {"summary", event.summary},
          {"source", SourceToJson(event.source)}};
}

nlohmann::ordered_json TimelineToJson(const MotionCase& on, const TimelineTally& story) {
  nlohmann::ordered_json steps = nlohmann::ordered_json::array();
  for (const TimelineStep& s : story.steps) steps.push_back(StepToJson(on, s));
  nlohmann::ordered_json crossings = nlohmann::ordered_json::array();
  for (const Crossing& c : story.crossings) {
    crossings.push_back({{"step", c.step}, {"gained", c.gained}});
  }
  return {{"chamber", on.base.chamber.name},
          {"motion", on.motion ? on.motion->title : std::string()},
          {"rule", on.rule ? on.rule->id : std::string()},
          {"steps", steps},
          {"crossings", crossings},
          {"throughout", story.throughout ? nlohmann::ordered_json(EnumName(*story.throughout))
                                          : nlohmann::ordered_json(nullptr)}};
}

nlohmann::ordered_json ChangeToJson(const MotionCase& on, const Comparison& comparison, size_t i) {
  const Change& c = comparison.diff.changes[i];
  nlohmann::ordered_json change{{"kind", EnumName(c.what)}};
  ChangeFields(c, change);
  change["text"] = ChangeText(c, comparison.to.state.chamber);
  const std::optional<size_t> cause = comparison.causes[i];
  change["date"] = cause ? nlohmann::ordered_json(on.events[*cause].date.ToString())
                         : nlohmann::ordered_json(nullptr);
  change["source"] =
      cause ? SourceToJson(on.events[*cause].source) : nlohmann::ordered_json(nullptr);
  return change;
}

nlohmann::ordered_json ComparisonToJson(const MotionCase& on, const Comparison& comparison) {
  nlohmann::ordered_json events = nlohmann::ordered_json::array();
  for (size_t i : comparison.events) events.push_back(EventToJson(on.events[i]));
  nlohmann::ordered_json changes = nlohmann::ordered_json::array();
  for (size_t i = 0; i < comparison.diff.changes.size(); ++i) {
    changes.push_back(ChangeToJson(on, comparison, i));
  }
  nlohmann::ordered_json j{{"from", comparison.from.date ? comparison.from.date->ToString() : ""},
                           {"to", comparison.to.date ? comparison.to.date->ToString() : ""},
                           {"events", events},
                           {"changes", changes}};
  if (comparison.from.tally && comparison.to.tally) {
    j["tally"] = {{"from", CountToJson(*comparison.from.tally)},
                  {"to", CountToJson(*comparison.to.tally)}};
  }
  return j;
}

nlohmann::ordered_json CaseSummaryToJson(std::string_view path, const Case& whole,
                                         const MotionCase& on) {
  const Chamber& c = whole.base.chamber;
  nlohmann::ordered_json j{{"ok", true},
                           {"file", path},
                           {"chamber", c.name},
                           {"seats", c.statutory_seats},
                           {"filled", c.FilledSeats()},
                           {"vacancies", c.Vacancies()},
                           {"parties", c.parties.size()},
                           {"members", c.members.size()},
                           {"blocs", c.blocs.size()},
                           {"rules", whole.rules.size()},
                           {"events", on.events.size()}};
  if (!on.events.empty()) {
    j["first_event"] = on.events.front().date.ToString();
    j["last_event"] = on.events.back().date.ToString();
  }
  return j;
}

nlohmann::ordered_json RulebookToJson(std::string_view path, const Rulebook& book) {
  nlohmann::ordered_json ids = nlohmann::ordered_json::array();
  for (const Rule& r : book.rules) ids.push_back(r.id);
  return {{"ok", true},
          {"file", path},
          {"rulebook", true},
          {"legislature", book.legislature},
          {"rules", ids}};
}

// --- Command-line conventions (issue 13) ------------------------------------------------------

namespace {

// Writes `text` as a JSON string: most of a document's strings (ids, words, dates) are printable
// ASCII with nothing to escape and are copied whole; any other is written by nlohmann's own
// serializer (escapes, UTF-8 checked, bad bytes replaced by U+FFFD), so the result is byte for
// byte what dump() writes.
void WriteString(std::string_view text, std::string& out) {
  const bool plain = std::all_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x20 && u < 0x7F && c != '"' && c != '\\';
  });
  if (!plain) {
    out += Json(text).dump(-1, ' ', false, Json::error_handler_t::replace);
    return;
  }
  out += '"';
  out += text;
  out += '"';
}

void WriteJson(const Json& value, int depth, std::string& out);

// Writes `elements` between `open` and `close` as dump() lays them out: one per line at
// `depth` + 1, or "{}" / "[]" when there are none; `write_one` writes an element.
template <typename Elements, typename WriteOne>
void WriteContainer(const Elements& elements, char open, char close, int depth, std::string& out,
                    const WriteOne& write_one) {
  out += open;
  if (!elements.empty()) {
    out += '\n';
    bool first = true;
    for (const auto& element : elements) {
      if (!first) out += ",\n";
      first = false;
      out.append(static_cast<size_t>(2 * (depth + 1)), ' ');
      write_one(element);
    }
    out += '\n';
    out.append(static_cast<size_t>(2 * depth), ' ');
  }
  out += close;
}

// What dump(2, ' ', false, replace) writes for `value` at nesting `depth`, appended to `out`
// directly: nlohmann's serializer writes through a virtual call per character, which made
// printing a tally a third of the server's time for a count never asked before.
void WriteJson(const Json& value, int depth, std::string& out) {
  switch (value.type()) {
    case Json::value_t::object:
      WriteContainer(value.get_ref<const Json::object_t&>(), '{', '}', depth, out,
                     [depth, &out](const auto& member) {
                       WriteString(member.first, out);
                       out += ": ";
                       WriteJson(member.second, depth + 1, out);
                     });
      return;
    case Json::value_t::array:
      WriteContainer(value.get_ref<const Json::array_t&>(), '[', ']', depth, out,
                     [depth, &out](const Json& element) { WriteJson(element, depth + 1, out); });
      return;
    case Json::value_t::string:
      WriteString(value.get_ref<const std::string&>(), out);
      return;
    case Json::value_t::number_integer:
      out += std::to_string(value.get<std::int64_t>());
      return;
    case Json::value_t::number_unsigned:
      out += std::to_string(value.get<std::uint64_t>());
      return;
    case Json::value_t::boolean:
      out += value.get<bool>() ? "true" : "false";
      return;
    case Json::value_t::null:
      out += "null";
      return;
    default:  // floating point (its shortest round-trip form; NaN is null), binary, discarded
      out += value.dump(-1, ' ', false, Json::error_handler_t::replace);
      return;
  }
}

}  // namespace

std::string JsonText(const nlohmann::ordered_json& document) {
  std::string out;
  out.reserve(16 << 10);  // a tally's document, without growing
  WriteJson(document, 0, out);
  out += '\n';
  return out;
}

nlohmann::ordered_json VersionToJson(std::string_view version) {
  return {{"name", "whipcount"}, {"version", version}};
}

nlohmann::ordered_json CountToJson(const State& state, const Rule& rule, const Motion& motion,
                                   const Tally& tally, const std::vector<CaseWhatIf>& on_case,
                                   const std::vector<StanceWhatIf>& stances) {
  Json j = TallyToJson(state, rule, motion, tally);
  if (on_case.empty() && stances.empty()) return j;
  Json set = Json::array();
  for (const CaseWhatIf& w : on_case) {
    Json one = {{"kind", w.kind}};
    if (!w.id.empty()) one["id"] = w.id;
    one["field"] = w.field;
    one["value"] = w.value;
    one["description"] = w.Describe();
    set.push_back(std::move(one));
  }
  for (const StanceWhatIf& w : stances) {
    set.push_back({{"kind", w.kind}, {"id", w.id}, {"stance", EnumName(w.stance)}});
  }
  j["what_if"] = set;
  return j;
}

}  // namespace whipcount::io
