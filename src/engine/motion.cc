#include "whipcount/motion.h"

#include <algorithm>

namespace whipcount {
namespace {

// Fractions beyond this denominator are rejected so that num·base never overflows int64 for any
// chamber a file may describe (seats are capped far below 10^12 / kMaxDenominator).
constexpr std::int64_t kMaxDenominator = 1'000'000;

std::int64_t CeilDiv(std::int64_t a, std::int64_t b) { return a / b + (a % b != 0 ? 1 : 0); }

Status ValidateFraction(const Fraction& f, const std::string& path) {
  if (f.den <= 0 || f.num <= 0 || f.num > f.den || f.den > kMaxDenominator) {
    return {ErrorCode::kInvalidFraction,
            "fraction " + std::to_string(f.num) + "/" + std::to_string(f.den) +
                " must be above 0 and at most 1 (a denominator up to 1,000,000)",
            {.path = path}};
  }
  return Status::Ok();
}

}  // namespace

bool IsSeatBase(Base base) { return SeatsOfBase(base, 0, 0).has_value(); }

std::optional<std::int64_t> SeatsOfBase(Base base, std::int64_t statutory, std::int64_t filled) {
  switch (base) {
    case Base::kStatutorySeats:
      return statutory;
    case Base::kFilledSeats:
      return filled;
    case Base::kPresent:
    case Base::kVotesCast:
    case Base::kVotesCastAndAbstentions:
      return std::nullopt;
  }
  return std::nullopt;
}

std::int64_t QuorumRequired(const Quorum& q, std::int64_t statutory, std::int64_t filled) {
  if (q.absolute) return *q.absolute;
  const std::int64_t seats = SeatsOfBase(q.base, statutory, filled).value_or(statutory);
  return RequiredVotes(Threshold{.fraction = q.fraction, .strict = false, .base = q.base}, seats);
}

std::int64_t RequiredVotes(const Threshold& t, std::int64_t base_count) {
  const std::int64_t product = t.fraction.num * base_count;
  return t.strict ? product / t.fraction.den + 1 : CeilDiv(product, t.fraction.den);
}

std::optional<std::int64_t> RequiredVotesOverCast(const Threshold& t, std::int64_t others) {
  // v·den > num·(v + others)  ⇔  v·(den − num) > num·others
  const std::int64_t slack = t.fraction.den - t.fraction.num;
  const std::int64_t product = t.fraction.num * others;
  if (slack == 0) {
    if (t.strict || others > 0) return std::nullopt;
    return 0;
  }
  return t.strict ? product / slack + 1 : CeilDiv(product, slack);
}

const AntiDefectionPeriod* Rule::AntiDefectionOn(std::optional<Date> date) const {
  for (const AntiDefectionPeriod& p : anti_defection) {
    if (!date) {
      if (!p.from && !p.until) return &p;
      continue;
    }
    if (p.from && *date < *p.from) continue;
    if (p.until && !(*date < *p.until)) continue;
    return &p;
  }
  return nullptr;
}

Status Validate(const Rule& rule, const Chamber& chamber) {
  if (rule.thresholds.empty()) {
    return {ErrorCode::kMissingField,
            "rule '" + rule.id + "' has no thresholds",
            {.path = "thresholds"}};
  }
  for (size_t i = 0; i < rule.thresholds.size(); ++i) {
    const Threshold& t = rule.thresholds[i];
    const std::string at = "thresholds[" + std::to_string(i) + "]";
    WHIPCOUNT_RETURN_IF_ERROR(ValidateFraction(t.fraction, at + ".fraction"));
    const bool all_strict = t.strict && t.fraction.num == t.fraction.den;
    const std::optional<std::int64_t> seats =
        SeatsOfBase(t.base, chamber.statutory_seats, chamber.FilledSeats());
    if (all_strict || (seats && RequiredVotes(t, *seats) > *seats)) {
      return {ErrorCode::kImpossibleThreshold,
              "rule '" + rule.id + "' asks for more than " + std::to_string(t.fraction.num) + "/" +
                  std::to_string(t.fraction.den) + " of the " + std::string(EnumName(t.base)) +
                  " base, which no vote can reach; use strict: false for 'at least'",
              {.path = at}};
    }
  }
  if (rule.quorum) {
    const Quorum& q = *rule.quorum;
    if (q.absolute) {
      if (*q.absolute < 0 || *q.absolute > chamber.statutory_seats) {
        return {ErrorCode::kImpossibleThreshold,
                "a quorum of " + std::to_string(*q.absolute) +
                    " can never be met in a chamber of " + std::to_string(chamber.statutory_seats),
                {.path = "quorum.absolute"}};
      }
    } else {
      WHIPCOUNT_RETURN_IF_ERROR(ValidateFraction(q.fraction, "quorum.fraction"));
      if (!IsSeatBase(q.base)) {
        return {ErrorCode::kInvalidValue,
                "a quorum's base must be statutory or filled",
                {.path = "quorum.base"}};
      }
    }
  }
  if (rule.tie == TieRule::kCastingVote && !chamber.presiding) {
    return {ErrorCode::kInconsistentCount,
            "rule '" + rule.id + "' gives a casting vote, but the chamber has no presiding officer",
            {.path = "tie"}};
  }
  for (size_t i = 0; i < rule.anti_defection.size(); ++i) {
    const AntiDefectionPeriod& p = rule.anti_defection[i];
    if (p.from && p.until && !(*p.from < *p.until)) {
      return {ErrorCode::kInvalidValue,
              "an anti-defection period must start before it ends (" + p.from->ToString() +
                  " is not before " + p.until->ToString() + ")",
              {.path = "anti_defection[" + std::to_string(i) + "]"}};
    }
  }
  return Status::Ok();
}

const Rule* FindRule(const std::vector<Rule>& rules, std::string_view id) {
  auto it = std::find_if(rules.begin(), rules.end(), [&](const Rule& r) { return r.id == id; });
  return it == rules.end() ? nullptr : &*it;
}

Status Validate(const Motion& motion, const std::vector<Rule>& rules) {
  const Rule* rule = FindRule(rules, motion.rule);
  if (rule == nullptr) {
    std::string known;
    for (const Rule& r : rules) known += (known.empty() ? "" : ", ") + r.id;
    return {
        ErrorCode::kUnknownId,
        "the motion uses rule '" + motion.rule + "', which is not defined" +
            (known.empty() ? std::string(" (no rules are defined)") : " (known: " + known + ")"),
        {.path = "motion.rule"}};
  }
  if (rule->constructive && motion.successor.empty()) {
    return {ErrorCode::kMissingSuccessor,
            "rule '" + rule->id + "' is constructive: the motion must name a successor",
            {.path = "motion.successor"}};
  }
  return Status::Ok();
}

}  // namespace whipcount
