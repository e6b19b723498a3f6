#include "io/forecast_file.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <set>

#include "io/text.h"
#include "io/yaml_doc.h"

namespace whipcount::io {
namespace {

constexpr double kSumTolerance = 1e-9;
constexpr std::string_view kActionKeys = "for, against, abstain, absent";

enum class NumberProblem { kNone, kNotANumber, kNotFinite };

// Parses a whole decimal number; NaN and infinities (".nan", "inf", …) are told apart from text.
std::pair<double, NumberProblem> ParseNumber(std::string_view text) {
  const std::string lower = Lowercase(text);
  for (std::string_view special :
       {".nan", "nan", ".inf", "+.inf", "-.inf", "inf", "+inf", "-inf", "infinity", "-infinity"}) {
    if (lower == special) return {0, NumberProblem::kNotFinite};
  }
  double value = 0;
  const char* begin = text.data();
  const char* end = text.data() + text.size();
  if (begin != end && *begin == '+') ++begin;
  auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc() || ptr != end || begin == end) return {0, NumberProblem::kNotANumber};
  if (!std::isfinite(value)) return {0, NumberProblem::kNotFinite};
  return {value, NumberProblem::kNone};
}

std::string Format(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", x);
  return buf;
}

// Chances where `absent`, when not given, takes what the others leave. The sum of the chances
// when they do not add up: above 1 without `absent`, other than 1 with it.
std::optional<double> FillAbsent(VoteProbabilities& p, bool absent_given) {
  const double given = p.for_votes + p.against + p.abstain;
  if (absent_given) {
    const double sum = given + p.absent;
    return std::abs(sum - 1) > kSumTolerance ? std::optional<double>(sum) : std::nullopt;
  }
  if (given > 1 + kSumTolerance) return given;
  p.absent = std::max(0.0, 1 - given);
  return std::nullopt;
}

class Reader {
 public:
  Reader(YamlDoc& doc, const Chamber& chamber) : doc_(doc), chamber_(chamber) {}

  Status Section(const YamlNode& node, ForecastModel& model) {
    WHIPCOUNT_RETURN_IF_ERROR(
        doc_.ExpectMap(node, "forecast", {"correlation", "rho", "blocs", "parties", "members"}));
    WHIPCOUNT_RETURN_IF_ERROR(doc_.Enum(node, "correlation", "forecast", model.correlation));
    if (const YamlNode rho = node["rho"]) {
      double value = 0;
      WHIPCOUNT_RETURN_IF_ERROR(Probability(rho, "forecast.rho", value));
      model.rho = value;
    }
    WHIPCOUNT_RETURN_IF_ERROR(
        Assumptions(node["blocs"], "forecast.blocs", Kind::kBloc, model.blocs));
    WHIPCOUNT_RETURN_IF_ERROR(
        Assumptions(node["parties"], "forecast.parties", Kind::kParty, model.parties));
    const YamlNode members = node["members"];
    if (!members) return Status::Ok();
    return IdMap(
        members, "forecast.members", Kind::kMember,
        [&](const YamlNode& value, const std::string& id, const std::string& at) -> Status {
          VoteProbabilities p;
          WHIPCOUNT_RETURN_IF_ERROR(Chances(value, at, p));
          model.members[id] = p;
          return Status::Ok();
        });
  }

 private:
  enum class Kind { kBloc, kParty, kMember };

  // A map from ids of one kind to values, each read by `read`.
  template <typename Read>
  Status IdMap(const YamlNode& node, const std::string& path, Kind kind, Read read) {
    if (!node.IsMap()) {
      return doc_.Error(node, path, ErrorCode::kType,
                        "'" + path + "' must map ids to their settings");
    }
    std::set<std::string> seen;
    for (const YamlNode::Entry& e : node.entries()) {
      const std::string id(e.key.Scalar());
      std::string at = path;
      at.append(".").append(id);
      if (!seen.insert(id).second) {
        return doc_.Error(e.key, at, ErrorCode::kSyntax, "key '" + id + "' appears twice");
      }
      const bool known = kind == Kind::kBloc    ? chamber_.FindBloc(id) != nullptr
                         : kind == Kind::kParty ? chamber_.FindParty(id) != nullptr
                                                : chamber_.FindMember(id) != nullptr;
      if (!known) {
        const char* what = kind == Kind::kBloc ? "bloc" : kind == Kind::kParty ? "party" : "member";
        return doc_.Error(e.key, at, ErrorCode::kUnknownId,
                          std::string("'") + id + "' is not a " + what + " of this chamber");
      }
      WHIPCOUNT_RETURN_IF_ERROR(read(e.value, id, at));
    }
    return Status::Ok();
  }

  Status Assumptions(const YamlNode& node, const std::string& path, Kind kind,
                     std::map<std::string, PartyAssumptions, std::less<>>& out) {
    if (!node) return Status::Ok();
    return IdMap(node, path, kind,
                 [&](const YamlNode& value, const std::string& id, const std::string& at) {
                   return PartyAssumptionsAt(value, at, out[id]);
                 });
  }

  // One party's or bloc's settings.
  Status PartyAssumptionsAt(const YamlNode& node, const std::string& at, PartyAssumptions& a) {
    WHIPCOUNT_RETURN_IF_ERROR(
        doc_.ExpectMap(node, at, {"cohesion", "otherwise", "line", "correlation", "rho"}));
    if (const YamlNode c = node["cohesion"]) {
      double v = 0;
      WHIPCOUNT_RETURN_IF_ERROR(Probability(c, at + ".cohesion", v));
      a.cohesion = v;
    }
    if (const YamlNode r = node["rho"]) {
      double v = 0;
      WHIPCOUNT_RETURN_IF_ERROR(Probability(r, at + ".rho", v));
      a.rho = v;
    }
    WHIPCOUNT_RETURN_IF_ERROR(doc_.Enum(node, "correlation", at, a.correlation));
    if (const YamlNode o = node["otherwise"]) {
      VoteProbabilities p;
      WHIPCOUNT_RETURN_IF_ERROR(Chances(o, at + ".otherwise", p));
      a.otherwise = p;
    }
    if (const YamlNode l = node["line"]) {
      VoteProbabilities p;
      WHIPCOUNT_RETURN_IF_ERROR(Chances(l, at + ".line", p));
      a.line = p;
    }
    return Status::Ok();
  }

  Status Probability(const YamlNode& node, const std::string& at, double& out) {
    WHIPCOUNT_ASSIGN_OR_RETURN(const std::string text, doc_.Scalar(node, at));
    const auto [value, problem] = ParseNumber(text);
    if (problem == NumberProblem::kNotANumber) {
      return doc_.Error(
          node, at, ErrorCode::kType,
          "'" + at + "' must be a probability, a number from 0 to 1, not '" + text + "'");
    }
    if (problem == NumberProblem::kNotFinite || value < 0 || value > 1) {
      return doc_.Error(node, at, ErrorCode::kInvalidValue,
                        "'" + at + "' is " + text + "; a probability lies between 0 and 1");
    }
    out = value;
    return Status::Ok();
  }

  // {for, against, abstain, absent}: each optional; absent takes what is left when omitted.
  Status Chances(const YamlNode& node, const std::string& at, VoteProbabilities& out) {
    WHIPCOUNT_RETURN_IF_ERROR(doc_.ExpectMap(node, at, {"for", "against", "abstain", "absent"}));
    const std::array<std::pair<const char*, double*>, 4> parts = {{{"for", &out.for_votes},
                                                                   {"against", &out.against},
                                                                   {"abstain", &out.abstain},
                                                                   {"absent", &out.absent}}};
    for (const auto& [key, target] : parts) {
      if (const YamlNode v = node[key]) {
        WHIPCOUNT_RETURN_IF_ERROR(Probability(v, at + "." + key, *target));
      }
    }
    const bool absent_given = node["absent"].IsDefined();
    if (const std::optional<double> sum = FillAbsent(out, absent_given)) {
      return doc_.Error(node, at, ErrorCode::kInvalidValue,
                        "the chances in '" + at + "' sum to " + Format(*sum) +
                            (absent_given ? ", not 1 (leave out 'absent' to have it take the rest)"
                                          : ", more than 1"));
    }
    return Status::Ok();
  }

  YamlDoc& doc_;
  const Chamber& chamber_;
};

// "for:0.7,against:0.2" → chances; absent takes the rest unless given.
Result<VoteProbabilities> ParseChances(std::string_view text, std::string_view what) {
  VoteProbabilities p;
  bool absent_given = false;
  std::set<std::string> seen;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = text.find(',', start);
    const std::string_view part = text.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    const size_t colon = part.find(':');
    if (colon == std::string_view::npos) {
      return Status(ErrorCode::kUsage, std::string(what) + ": '" + std::string(part) +
                                           "' should be ACTION:CHANCE, e.g. for:0.7");
    }
    const std::string key = Lowercase(part.substr(0, colon));
    const std::string_view number = part.substr(colon + 1);
    const auto [value, problem] = ParseNumber(number);
    if (problem != NumberProblem::kNone || value < 0 || value > 1) {
      return Status(ErrorCode::kUsage, std::string(what) + ": the chance of '" + key + "' is '" +
                                           std::string(number) +
                                           "'; write a probability from 0 to 1");
    }
    if (!seen.insert(key).second) {
      return Status(ErrorCode::kUsage, std::string(what) + ": '" + key + "' is given twice");
    }
    if (key == "for" || key == "aye" || key == "yes") {
      p.for_votes = value;
    } else if (key == "against" || key == "no" || key == "nay") {
      p.against = value;
    } else if (key == "abstain") {
      p.abstain = value;
    } else if (key == "absent") {
      p.absent = value;
      absent_given = true;
    } else {
      return Status(ErrorCode::kUsage, std::string(what) + ": '" + key + "' is not one of " +
                                           std::string(kActionKeys));
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (const std::optional<double> sum = FillAbsent(p, absent_given)) {
    return Status(ErrorCode::kUsage, std::string(what) + ": the chances sum to " + Format(*sum) +
                                         (absent_given ? ", not 1" : ", more than 1"));
  }
  return p;
}

// Which what-ifs a command takes: a forecast takes every form, a count only stances.
enum class WhatIfForms { kForecast, kStances };

// The forms a command takes, with a party of the chamber as the example ("PTI=for").
std::string WhatIfFormsText(const Chamber& chamber, WhatIfForms forms) {
  const std::string party = chamber.parties.empty() ? "ID" : chamber.parties.front().id;
  const std::string stance = party +
                             "=for (any party, member or bloc; party:, member: or bloc: "
                             "may prefix the id)";
  if (forms == WhatIfForms::kStances) {
    return "Expected a stance: " + stance + ", the stance one of " + EnumChoices<Stance>();
  }
  return "Expected " + stance + ", member:ID=for:0.7,against:0.3, party:" + party +
         ".cohesion=0.9 (also .rho, .correlation, .otherwise, .line) or bloc:ID.cohesion=0.9";
}

Status WhatIfUsage(std::string_view assignment, const std::string& why, const Chamber& chamber,
                   WhatIfForms forms) {
  return Status(ErrorCode::kUsage, "--set '" + std::string(assignment) + "': " + why + ". " +
                                       WhatIfFormsText(chamber, forms));
}

// A what-if as written: "party:PTI.cohesion=0.9" is kind "party", id "PTI", field "cohesion" and
// value "0.9". The kind is empty when not given; the field is empty for a stance or chances.
struct WhatIfParts {
  std::string_view kind;
  std::string id;
  std::string field;
  std::string_view value;
};

Result<WhatIfParts> SplitWhatIf(std::string_view assignment, const Chamber& chamber,
                                WhatIfForms forms) {
  const size_t eq = assignment.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == assignment.size()) {
    return WhatIfUsage(assignment, "there is no '=' with a value after it", chamber, forms);
  }
  WhatIfParts parts{.value = assignment.substr(eq + 1)};
  std::string_view target = assignment.substr(0, eq);
  if (const size_t colon = target.find(':'); colon != std::string_view::npos) {
    parts.kind = target.substr(0, colon);
    target = target.substr(colon + 1);
    if (parts.kind != "party" && parts.kind != "member" && parts.kind != "bloc") {
      return WhatIfUsage(
          assignment,
          "'" + std::string(parts.kind) + ":' should be party:, member: or bloc:", chamber, forms);
    }
  }
  parts.id = std::string(target);
  if (parts.kind == "party" || parts.kind == "bloc") {
    if (const size_t dot = target.rfind('.'); dot != std::string_view::npos) {
      const std::string_view maybe = target.substr(dot + 1);
      if (maybe == "cohesion" || maybe == "rho" || maybe == "correlation" || maybe == "otherwise" ||
          maybe == "line") {
        parts.field = std::string(maybe);
        parts.id = std::string(target.substr(0, dot));
      }
    }
  }
  if (parts.id.empty()) return WhatIfUsage(assignment, "no id before '='", chamber, forms);
  return parts;
}

// Sets the stance of the party, member or bloc `parts` names (a party first when the kind is not
// given).
Result<StanceWhatIf> SetStance(std::string_view assignment, const Chamber& chamber,
                               const WhatIfParts& parts, Stances& stances, WhatIfForms forms) {
  const std::optional<Stance> stance = ParseEnum<Stance>(Lowercase(parts.value));
  if (!stance) {
    return WhatIfUsage(
        assignment,
        "'" + std::string(parts.value) + "' is not a stance (" + EnumChoices<Stance>("") + ")",
        chamber, forms);
  }
  const std::string& id = parts.id;
  const std::string_view kind = parts.kind;
  if (chamber.FindParty(id) != nullptr && (kind.empty() || kind == "party")) {
    stances.parties[id] = *stance;
    return StanceWhatIf{.kind = "party", .id = id, .stance = *stance};
  }
  if (chamber.FindMember(id) != nullptr && (kind.empty() || kind == "member")) {
    stances.members[id] = *stance;
    return StanceWhatIf{.kind = "member", .id = id, .stance = *stance};
  }
  if (chamber.FindBloc(id) != nullptr && (kind.empty() || kind == "bloc")) {
    stances.blocs[id] = *stance;
    return StanceWhatIf{.kind = "bloc", .id = id, .stance = *stance};
  }
  return WhatIfUsage(
      assignment,
      "'" + id + "' is not " +
          (kind.empty() ? std::string("a party, member or bloc") : "a " + std::string(kind)) +
          " of this chamber",
      chamber, forms);
}

// A party's or bloc's forecast setting: .cohesion, .rho, .correlation, .otherwise or .line.
Status SetAssumption(std::string_view assignment, const Chamber& chamber, const WhatIfParts& parts,
                     ForecastModel& model) {
  const std::string& id = parts.id;
  const std::string& field = parts.field;
  const std::string_view value = parts.value;
  const bool party = parts.kind == "party";
  if (party ? chamber.FindParty(id) == nullptr : chamber.FindBloc(id) == nullptr) {
    return WhatIfUsage(assignment,
                       "'" + id + "' is not a " + std::string(parts.kind) + " of this chamber",
                       chamber, WhatIfForms::kForecast);
  }
  PartyAssumptions& a = party ? model.parties[id] : model.blocs[id];
  if (field == "cohesion" || field == "rho") {
    const auto [number, problem] = ParseNumber(value);
    if (problem != NumberProblem::kNone || number < 0 || number > 1) {
      return WhatIfUsage(
          assignment,
          field + " must be a probability from 0 to 1, not '" + std::string(value) + "'", chamber,
          WhatIfForms::kForecast);
    }
    (field == "cohesion" ? a.cohesion : a.rho) = number;
  } else if (field == "correlation") {
    const std::optional<Correlation> c = ParseEnum<Correlation>(value);
    if (!c) {
      return WhatIfUsage(
          assignment,
          "correlation is " + EnumChoices<Correlation>() + ", not '" + std::string(value) + "'",
          chamber, WhatIfForms::kForecast);
    }
    a.correlation = *c;
  } else {
    WHIPCOUNT_ASSIGN_OR_RETURN(const VoteProbabilities p,
                               ParseChances(value, "--set '" + std::string(assignment) + "'"));
    (field == "otherwise" ? a.otherwise : a.line) = p;
  }
  return Status::Ok();
}

// Whether `parts` gives a member's chances ("member:cheema=for:0.7,against:0.3") rather than a
// stance.
bool IsMemberChances(const WhatIfParts& parts, const Chamber& chamber) {
  return parts.field.empty() && parts.value.find(':') != std::string_view::npos &&
         chamber.FindMember(parts.id) != nullptr && (parts.kind.empty() || parts.kind == "member");
}

}  // namespace

Result<ForecastModel> ReadForecastSection(const ChamberFile& file, const Chamber& chamber) {
  ForecastModel model;
  if (!file.forecast || file.forecast.IsNull()) return model;
  YamlDoc doc = YamlDoc::Of(file.forecast, file.path, "forecast");
  Reader reader(doc, chamber);
  WHIPCOUNT_RETURN_IF_ERROR(reader.Section(file.forecast, model));
  WHIPCOUNT_RETURN_IF_ERROR(doc.Locate(Validate(model, chamber)));
  return model;
}

Status ApplyWhatIf(std::string_view assignment, const Chamber& chamber, Stances& stances,
                   ForecastModel& model) {
  WHIPCOUNT_ASSIGN_OR_RETURN(const WhatIfParts parts,
                             SplitWhatIf(assignment, chamber, WhatIfForms::kForecast));
  if (!parts.field.empty()) return SetAssumption(assignment, chamber, parts, model);
  if (IsMemberChances(parts, chamber)) {
    WHIPCOUNT_ASSIGN_OR_RETURN(
        model.members[parts.id],
        ParseChances(parts.value, "--set '" + std::string(assignment) + "'"));
    return Status::Ok();
  }
  WHIPCOUNT_ASSIGN_OR_RETURN(const StanceWhatIf set, SetStance(assignment, chamber, parts, stances,
                                                               WhatIfForms::kForecast));
  // The new stance takes effect: what the model said about the actor's line goes.
  const std::string& kind = set.kind;
  if (kind == "member") model.members.erase(parts.id);
  auto& lines = kind == "party" ? model.parties : model.blocs;
  if (auto it = lines.find(parts.id); kind != "member" && it != lines.end())
    it->second.line.reset();
  return Status::Ok();
}

Result<StanceWhatIf> ApplyStanceWhatIf(std::string_view assignment, const Chamber& chamber,
                                       Stances& stances) {
  WHIPCOUNT_ASSIGN_OR_RETURN(const WhatIfParts parts,
                             SplitWhatIf(assignment, chamber, WhatIfForms::kStances));
  if (!parts.field.empty() || IsMemberChances(parts, chamber)) {
    return WhatIfUsage(assignment,
                       "a count takes stances only: " +
                           std::string(parts.field.empty() ? "a member's chances" : parts.field) +
                           " is an assumption of whipcount forecast",
                       chamber, WhatIfForms::kStances);
  }
  return SetStance(assignment, chamber, parts, stances, WhatIfForms::kStances);
}

}  // namespace whipcount::io
