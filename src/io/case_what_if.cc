#include "io/case_what_if.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <utility>

#include "whipcount/motion.h"
#include "whipcount/names.h"
#include "whipcount/timeline.h"

namespace whipcount::io {
namespace {

constexpr std::string_view kForms =
    "what-ifs on the case are rule.threshold=2/3 (also >1/2, 60% or majority), "
    "rule.base=BASE (" /* the bases follow */;

Status Usage(std::string_view assignment, const std::string& why) {
  return Status(ErrorCode::kUsage, "--set '" + std::string(assignment) + "': " + why + "; " +
                                       std::string(kForms) + EnumChoices<Base>() +
                                       "), party:ID.vacate=N and party:ID.fill=N");
}

std::optional<std::int64_t> Whole(std::string_view text) {
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return n;
}

// "majority", ">N/D", "N/D" or "N%" as a fraction and whether it must be exceeded.
std::optional<std::pair<Fraction, bool>> ParseThreshold(std::string_view text) {
  if (text == "majority") return std::pair{Fraction{1, 2}, true};
  const bool strict = text.starts_with('>');
  if (strict) text.remove_prefix(1);
  Fraction f;
  if (text.ends_with('%')) {
    const std::optional<std::int64_t> percent = Whole(text.substr(0, text.size() - 1));
    if (!percent) return std::nullopt;
    f = {*percent, 100};
  } else {
    const size_t slash = text.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    const std::optional<std::int64_t> num = Whole(text.substr(0, slash));
    const std::optional<std::int64_t> den = Whole(text.substr(slash + 1));
    if (!num || !den) return std::nullopt;
    f = {*num, *den};
  }
  if (f.num <= 0 || f.den <= 0 || f.num > f.den) return std::nullopt;
  return std::pair{f, strict};
}

Result<CaseWhatIf> ApplyToRule(std::string_view assignment, CaseWhatIf w, MotionCase& on) {
  if (!on.rule) return Usage(assignment, "the case has no motion, so no rule to change");
  Rule& rule = *on.rule;
  if (w.field == "threshold") {
    const std::optional<std::pair<Fraction, bool>> t = ParseThreshold(w.value);
    if (!t) return Usage(assignment, "'" + w.value + "' is not a threshold");
    for (Threshold& threshold : rule.thresholds) {
      threshold.fraction = t->first;
      threshold.strict = t->second;
      threshold.label.clear();
    }
  } else if (w.field == "base") {
    const std::optional<Base> base = ParseEnum<Base>(w.value);
    if (!base) return Usage(assignment, "'" + w.value + "' is not a base");
    for (Threshold& threshold : rule.thresholds) {
      threshold.base = *base;
      threshold.label.clear();
    }
  } else {
    return Usage(assignment, "the rule has no what-if '" + w.field + "'");
  }
  WHIPCOUNT_RETURN_IF_ERROR(Validate(rule, on.base.chamber));
  return w;
}

// Adds a vacate or fill event for the party on `date`, after that day's own events.
Result<CaseWhatIf> ApplyToSeats(std::string_view assignment, CaseWhatIf w, MotionCase& on,
                                Date date) {
  const std::optional<std::int64_t> n = Whole(w.value);
  if (!n || *n < 1)
    return Usage(assignment, "'" + w.value + "' is not a number of seats (1 or more)");
  WHIPCOUNT_ASSIGN_OR_RETURN(const State state, StateOn(on, date));
  const Party* party = state.chamber.FindParty(w.id);
  if (party == nullptr) return Usage(assignment, "no party '" + w.id + "' in the chamber");
  const bool vacate = w.field == "vacate";
  const std::int64_t room = vacate ? party->seats : state.chamber.Vacancies();
  if (*n > room) {
    return Usage(
        assignment,
        vacate ? w.id + " holds " + std::to_string(room) + " seats on " + date.ToString()
               : "the chamber has " + std::to_string(room) + " vacant seats on " + date.ToString());
  }
  Event event{.date = date,
              .kind = vacate ? EventKind::kVacate : EventKind::kFill,
              .party = w.id,
              .count = static_cast<int>(*n),
              .summary = "what-if: " + w.Describe()};
  const auto at = std::upper_bound(on.events.begin(), on.events.end(), date,
                                   [](Date d, const Event& e) { return d < e.date; });
  const auto index = at - on.events.begin();
  on.events.insert(at, std::move(event));
  // Not an event of the file: numbered past its events in any error.
  on.case_events.insert(on.case_events.begin() + index, on.case_events.size());
  return w;
}

// The field of a party's what-if ("vacate", "fill"), or empty.
std::string_view SeatField(std::string_view target) {
  const size_t dot = target.rfind('.');
  if (dot == std::string_view::npos) return {};
  const std::string_view field = target.substr(dot + 1);
  return field == "vacate" || field == "fill" ? field : std::string_view();
}

}  // namespace

std::string CaseWhatIf::Describe() const {
  if (field == "threshold") {
    const bool strict = value.starts_with('>') || value == "majority";
    const std::string fraction = value == "majority" ? "1/2" : value.substr(strict ? 1 : 0);
    return std::string("threshold ") + (strict ? "more than " : "at least ") + fraction;
  }
  if (field == "base") {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kWords = {{
        {"statutory", "all statutory seats"},
        {"filled", "the filled seats"},
        {"present", "the members present"},
        {"cast", "the votes cast"},
        {"cast+abstain", "the votes cast and abstentions"},
    }};
    for (const auto& [name, words] : kWords) {
      if (name == value) return "threshold counted on " + std::string(words);
    }
    return "threshold counted on " + value;
  }
  const std::string seats = value + " " + id + (value == "1" ? " seat" : " seats");
  return seats + (field == "vacate" ? " vacant" : " filled");
}

bool IsCaseWhatIf(std::string_view assignment) {
  const std::string_view target = assignment.substr(0, assignment.find('='));
  return target.starts_with("rule.") || !SeatField(target).empty();
}

std::string WhatIfText(const CaseWhatIf& w) {
  return (w.kind == "rule" ? "rule." : "party:" + w.id + ".") + w.field + "=" + w.value;
}

Result<CaseWhatIf> ApplyCaseWhatIf(std::string_view assignment, MotionCase& on, Date date) {
  const size_t eq = assignment.find('=');
  std::string_view target = assignment.substr(0, eq);
  CaseWhatIf w{.value = eq == std::string_view::npos ? "" : std::string(assignment.substr(eq + 1))};
  if (target.starts_with("rule.")) {
    w.kind = "rule";
    w.field = std::string(target.substr(5));
    return ApplyToRule(assignment, std::move(w), on);
  }
  if (target.starts_with("party:")) target.remove_prefix(6);
  w.kind = "party";
  w.field = std::string(SeatField(target));
  w.id = std::string(target.substr(0, target.size() - w.field.size() - 1));
  return ApplyToSeats(assignment, std::move(w), on, date);
}

}  // namespace whipcount::io
