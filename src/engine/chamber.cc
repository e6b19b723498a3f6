#include "whipcount/chamber.h"

#include <algorithm>
#include <limits>
#include <set>
#include <string>

namespace whipcount {
namespace {

Status ValidateId(std::string_view id, const std::string& path, std::set<std::string>& seen) {
  if (id.empty()) return {ErrorCode::kMissingField, "an id is required", {.path = path}};
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    if (!ok) {
      return {ErrorCode::kInvalidValue,
              "id '" + std::string(id) + "' may only use letters, digits, '-', '_' and '.'",
              {.path = path}};
    }
  }
  if (!seen.insert(std::string(id)).second) {
    return {ErrorCode::kDuplicateId,
            "id '" + std::string(id) + "' is already used by another party, member or bloc",
            {.path = path}};
  }
  return Status::Ok();
}

Status ValidateColour(std::string_view colour, const std::string& path) {
  if (colour.empty() || HexColour(colour)) return Status::Ok();
  return {ErrorCode::kInvalidValue,
          "colour '" + std::string(colour) + "' is not of the form #RRGGBB or #RGB",
          {.path = path}};
}

Status ValidateParties(const Chamber& chamber, std::set<std::string>& seen) {
  for (size_t i = 0; i < chamber.parties.size(); ++i) {
    const Party& p = chamber.parties[i];
    const std::string at = ItemPath("parties", i);
    WHIPCOUNT_RETURN_IF_ERROR(ValidateId(p.id, at + ".id", seen));
    if (p.seats < 0) {
      return {ErrorCode::kNegativeSeats,
              "party '" + p.id + "' has " + std::to_string(p.seats) + " seats; a count of seats " +
                  "cannot be negative",
              {.path = at + ".seats"}};
    }
    WHIPCOUNT_RETURN_IF_ERROR(ValidateColour(p.colour, at + ".colour"));
    if (p.position && !(*p.position >= 0.0 && *p.position <= 10.0)) {
      return {ErrorCode::kInvalidValue,
              "party '" + p.id + "' has a left-right position outside 0..10",
              {.path = at + ".position"}};
    }
  }
  return Status::Ok();
}

Status ValidateMembers(const Chamber& chamber, std::set<std::string>& seen) {
  std::map<std::string, int, std::less<>> named;
  for (size_t i = 0; i < chamber.members.size(); ++i) {
    const Member& m = chamber.members[i];
    const std::string at = ItemPath("members", i);
    WHIPCOUNT_RETURN_IF_ERROR(ValidateId(m.id, at + ".id", seen));
    if (chamber.FindParty(m.party) == nullptr) {
      return {ErrorCode::kUnknownId,
              "member '" + m.id + "' belongs to party '" + m.party +
                  "', which is not among the parties",
              {.path = at + ".party"}};
    }
    ++named[m.party];
  }
  for (size_t i = 0; i < chamber.parties.size(); ++i) {
    const Party& p = chamber.parties[i];
    const auto it = named.find(p.id);
    if (it != named.end() && it->second > p.seats) {
      return {ErrorCode::kInconsistentCount,
              "party '" + p.id + "' has " + std::to_string(p.seats) + " seats but " +
                  std::to_string(it->second) + " named members",
              {.path = ItemPath("parties", i) + ".seats"}};
    }
  }
  return Status::Ok();
}

Status ValidateSeatTotals(const Chamber& chamber) {
  if (chamber.statutory_seats < 0) {
    return {ErrorCode::kNegativeSeats,
            "the chamber cannot have a negative number of seats",
            {.path = "chamber.seats"}};
  }
  if (chamber.statutory_seats == 0) {
    return {ErrorCode::kInvalidValue,
            "the chamber must have at least one seat",
            {.path = "chamber.seats"}};
  }
  const int filled = chamber.FilledSeats();
  if (filled > chamber.statutory_seats) {
    std::string what = "parties hold " + std::to_string(filled) + " seats";
    if (chamber.ChairOutsideParties()) what += " (with the chair's)";
    return {ErrorCode::kSeatsExceedChamber,
            what + " but the chamber has only " + std::to_string(chamber.statutory_seats),
            {.path = "parties"}};
  }
  if (chamber.declared_vacancies) {
    if (*chamber.declared_vacancies < 0) {
      return {
          ErrorCode::kNegativeSeats, "vacancies cannot be negative", {.path = "chamber.vacancies"}};
    }
    if (*chamber.declared_vacancies != chamber.statutory_seats - filled) {
      return {ErrorCode::kInconsistentCount,
              std::to_string(*chamber.declared_vacancies) + " vacancies declared, but " +
                  std::to_string(chamber.statutory_seats) + " seats less " +
                  std::to_string(filled) + " held leaves " +
                  std::to_string(chamber.statutory_seats - filled),
              {.path = "chamber.vacancies"}};
    }
  }
  return Status::Ok();
}

// A single chamber names no house; a joint sitting places every seat in one of its houses.
Status ValidateHouses(const Chamber& chamber) {
  if (chamber.houses.empty()) {
    for (size_t i = 0; i < chamber.parties.size(); ++i) {
      if (!chamber.parties[i].house_seats.empty()) {
        return {ErrorCode::kInvalidValue,
                "seats are given per house, but the chamber lists no 'houses'",
                {.path = ItemPath("parties", i) + ".seats"}};
      }
    }
    for (size_t i = 0; i < chamber.members.size(); ++i) {
      if (!chamber.members[i].house.empty()) {
        return {ErrorCode::kInvalidValue,
                "member '" + chamber.members[i].id +
                    "' names a house, but the chamber lists no "
                    "'houses'",
                {.path = ItemPath("members", i) + ".house"}};
      }
    }
    return Status::Ok();
  }
  std::set<std::string> ids;
  long long total = 0;
  for (size_t i = 0; i < chamber.houses.size(); ++i) {
    const House& h = chamber.houses[i];
    const std::string at = ItemPath("chamber.houses", i);
    WHIPCOUNT_RETURN_IF_ERROR(ValidateId(h.id, at + ".id", ids));
    if (h.seats < 0) {
      return {ErrorCode::kNegativeSeats,
              "house '" + h.id + "' cannot have negative seats",
              {.path = at + ".seats"}};
    }
    total += h.seats;
  }
  if (total != chamber.statutory_seats) {
    return {ErrorCode::kInconsistentCount,
            "the houses have " + std::to_string(total) + " seats together, but the chamber " +
                std::to_string(chamber.statutory_seats),
            {.path = "chamber.seats"}};
  }
  for (size_t i = 0; i < chamber.parties.size(); ++i) {
    const Party& p = chamber.parties[i];
    const std::string at = ItemPath("parties", i) + ".seats";
    long long sum = 0;
    for (const auto& [house, n] : p.house_seats) {
      if (!chamber.HouseIndex(house)) {
        return {ErrorCode::kUnknownId,
                "party '" + p.id + "' has seats in house '" + house + "', which is not listed",
                {.path = FieldPath(at, house)}};
      }
      if (n < 0) {
        return {ErrorCode::kNegativeSeats,
                "a count of seats cannot be negative",
                {.path = FieldPath(at, house)}};
      }
      sum += n;
    }
    if (sum != p.seats) {
      return {ErrorCode::kInconsistentCount,
              "in a joint sitting give party '" + p.id + "' its seats per house (" +
                  std::to_string(sum) + " given of " + std::to_string(p.seats) + ")",
              {.path = at}};
    }
  }
  for (size_t i = 0; i < chamber.members.size(); ++i) {
    const Member& m = chamber.members[i];
    const std::string at = ItemPath("members", i) + ".house";
    if (m.house.empty()) {
      return {ErrorCode::kMissingField,
              "member '" + m.id + "' needs a 'house' in a joint sitting",
              {.path = at}};
    }
    if (!chamber.HouseIndex(m.house)) {
      return {ErrorCode::kUnknownId, "house '" + m.house + "' is not listed", {.path = at}};
    }
    const Party* p = chamber.FindParty(m.party);
    auto held = p->house_seats.find(m.house);
    int named = 0;
    for (const Member& o : chamber.members) named += o.party == m.party && o.house == m.house;
    if (held == p->house_seats.end() || named > held->second) {
      return {ErrorCode::kInconsistentCount,
              "party '" + m.party + "' has more named members in house '" + m.house +
                  "' than seats there",
              {.path = at}};
    }
  }
  if (chamber.presiding && !chamber.presiding->house.empty() &&
      !chamber.HouseIndex(chamber.presiding->house)) {
    return {ErrorCode::kUnknownId,
            "house '" + chamber.presiding->house + "' is not listed",
            {.path = "chamber.presiding_officer.house"}};
  }
  for (size_t i = 0; i < chamber.houses.size(); ++i) {
    const int filled = chamber.FilledSeatsIn(i);
    if (filled > chamber.houses[i].seats) {
      return {ErrorCode::kSeatsExceedChamber,
              "parties hold " + std::to_string(filled) + " seats in house '" +
                  chamber.houses[i].id + "', which has " + std::to_string(chamber.houses[i].seats),
              {.path = ItemPath("chamber.houses", i)}};
    }
  }
  return Status::Ok();
}

Status ValidatePresiding(const Chamber& chamber) {
  if (!chamber.presiding) return Status::Ok();
  const PresidingOfficer& po = *chamber.presiding;
  if (!po.party.empty()) {
    const Party* p = chamber.FindParty(po.party);
    if (p == nullptr) {
      return {ErrorCode::kUnknownId,
              "the presiding officer's party '" + po.party + "' is unknown",
              {.path = "chamber.presiding_officer.party"}};
    }
    if (p->seats < 1) {
      return {ErrorCode::kInconsistentCount,
              "the presiding officer sits for '" + po.party + "', which holds no seats",
              {.path = "chamber.presiding_officer.party"}};
    }
  }
  if (!po.member.empty()) {
    const Member* m = chamber.FindMember(po.member);
    if (m == nullptr) {
      return {ErrorCode::kUnknownId,
              "the presiding officer '" + po.member + "' is not a member",
              {.path = "chamber.presiding_officer.member"}};
    }
    if (m->party != po.party) {
      return {ErrorCode::kInconsistentCount,
              "the presiding officer '" + po.member + "' belongs to '" + m->party + "', not '" +
                  po.party + "'",
              {.path = "chamber.presiding_officer.party"}};
    }
    if (!m->counted) {
      return {ErrorCode::kInconsistentCount,
              "the presiding officer '" + po.member + "' is a member whose vote does not count",
              {.path = "chamber.presiding_officer.member"}};
    }
  }
  if (const Party* p = chamber.FindParty(po.party); p != nullptr && !p->counted) {
    return {ErrorCode::kInconsistentCount,
            "the presiding officer sits for '" + po.party + "', whose votes do not count",
            {.path = "chamber.presiding_officer.party"}};
  }
  return Status::Ok();
}

Status ValidateBlocs(const Chamber& chamber, std::set<std::string>& seen) {
  std::map<std::string, std::string, std::less<>> party_bloc;
  std::map<std::string, std::string, std::less<>> member_bloc;
  for (size_t i = 0; i < chamber.blocs.size(); ++i) {
    const Bloc& b = chamber.blocs[i];
    const std::string at = ItemPath("blocs", i);
    WHIPCOUNT_RETURN_IF_ERROR(ValidateId(b.id, at + ".id", seen));
    WHIPCOUNT_RETURN_IF_ERROR(ValidateColour(b.colour, at + ".colour"));
    for (size_t j = 0; j < b.parties.size(); ++j) {
      const std::string pat = ItemPath(at + ".parties", j);
      if (chamber.FindParty(b.parties[j]) == nullptr) {
        return {ErrorCode::kUnknownId,
                "bloc '" + b.id + "' lists party '" + b.parties[j] + "', which is not defined",
                {.path = pat}};
      }
      auto [it, fresh] = party_bloc.emplace(b.parties[j], b.id);
      if (!fresh) {
        return {ErrorCode::kInconsistentCount,
                "party '" + b.parties[j] + "' is in both bloc '" + it->second + "' and '" + b.id +
                    "'; a party sits in one bloc at most",
                {.path = pat}};
      }
    }
    for (size_t j = 0; j < b.members.size(); ++j) {
      const std::string mat = ItemPath(at + ".members", j);
      if (chamber.FindMember(b.members[j]) == nullptr) {
        return {ErrorCode::kUnknownId,
                "bloc '" + b.id + "' lists member '" + b.members[j] + "', who is not defined",
                {.path = mat}};
      }
      auto [it, fresh] = member_bloc.emplace(b.members[j], b.id);
      if (!fresh) {
        return {
            ErrorCode::kInconsistentCount,
            "member '" + b.members[j] + "' is in both bloc '" + it->second + "' and '" + b.id + "'",
            {.path = mat}};
      }
    }
  }
  return Status::Ok();
}

template <typename T>
const T* FindById(const std::vector<T>& items, std::string_view id) {
  for (const T& item : items) {
    if (item.id == id) return &item;
  }
  return nullptr;
}

}  // namespace

const Party* Chamber::FindParty(std::string_view wanted) const { return FindById(parties, wanted); }
const Member* Chamber::FindMember(std::string_view wanted) const {
  return FindById(members, wanted);
}
const Bloc* Chamber::FindBloc(std::string_view wanted) const { return FindById(blocs, wanted); }

const Bloc* Chamber::BlocOfParty(std::string_view party_id) const {
  for (const Bloc& b : blocs) {
    if (std::find(b.parties.begin(), b.parties.end(), party_id) != b.parties.end()) return &b;
  }
  return nullptr;
}

const Bloc* Chamber::BlocOfMember(std::string_view member_id) const {
  for (const Bloc& b : blocs) {
    if (std::find(b.members.begin(), b.members.end(), member_id) != b.members.end()) return &b;
  }
  const Member* m = FindMember(member_id);
  return m == nullptr ? nullptr : BlocOfParty(m->party);
}

bool Chamber::ChairOutsideParties() const { return presiding && presiding->party.empty(); }

std::optional<size_t> Chamber::HouseIndex(std::string_view wanted) const {
  for (size_t i = 0; i < houses.size(); ++i) {
    if (houses[i].id == wanted) return i;
  }
  return std::nullopt;
}

std::optional<size_t> Chamber::ChairHouse() const {
  if (houses.empty() || !presiding) return std::nullopt;
  if (!presiding->house.empty()) return HouseIndex(presiding->house);
  if (const Member* m = FindMember(presiding->member)) return HouseIndex(m->house);
  if (const Party* p = FindParty(presiding->party)) {
    for (size_t i = 0; i < houses.size(); ++i) {
      auto it = p->house_seats.find(houses[i].id);
      if (it != p->house_seats.end() && it->second > 0) return i;
    }
  }
  return 0;
}

int Chamber::FilledSeatsIn(size_t index) const {
  const std::string& house = houses[index].id;
  long long total = ChairOutsideParties() && ChairHouse() == index ? 1 : 0;
  for (const Party& p : parties) {
    if (!p.counted) continue;
    auto it = p.house_seats.find(house);
    if (it != p.house_seats.end()) total += std::max(it->second, 0);
  }
  for (const Member& m : members) {
    if (!m.counted && m.house == house) {
      const Party* p = FindParty(m.party);
      if (p != nullptr && p->counted) --total;
    }
  }
  return static_cast<int>(std::min<long long>(total, std::numeric_limits<int>::max()));
}

bool Chamber::ChairSitsApart() const {
  return presiding && presiding->vote != PresidingVote::kAsMember;
}

bool Chamber::ChairMayCast() const {
  return presiding && presiding->vote == PresidingVote::kCastingOnly;
}

int Chamber::FilledSeats() const {
  // Summed wide and saturated, so absurd party totals report "too many" rather than wrapping.
  long long total = ChairOutsideParties() ? 1 : 0;
  for (const Party& p : parties) total += std::max(p.seats, 0);
  total -= UncountedSeats();
  return static_cast<int>(std::min<long long>(total, std::numeric_limits<int>::max()));
}

int Chamber::UncountedSeats() const {
  long long total = 0;
  for (const Party& p : parties) total += std::max(whipcount::UncountedSeats(*this, p), 0);
  return static_cast<int>(std::min<long long>(total, std::numeric_limits<int>::max()));
}

Status Validate(const Chamber& chamber) {
  std::set<std::string> seen;
  WHIPCOUNT_RETURN_IF_ERROR(ValidateParties(chamber, seen));
  WHIPCOUNT_RETURN_IF_ERROR(ValidateMembers(chamber, seen));
  WHIPCOUNT_RETURN_IF_ERROR(ValidateBlocs(chamber, seen));
  WHIPCOUNT_RETURN_IF_ERROR(ValidatePresiding(chamber));
  WHIPCOUNT_RETURN_IF_ERROR(ValidateHouses(chamber));
  return ValidateSeatTotals(chamber);
}

int Split::Total() const {
  long long total = 0;
  for (const auto& [stance, n] : counts) total += n;
  return static_cast<int>(std::min<long long>(total, std::numeric_limits<int>::max()));
}

std::string SplitWords(const Split& split) {
  std::string out;
  for (const auto& [stance, n] : split.counts) {
    out += (out.empty() ? "" : ", ") + std::to_string(n) + " " + std::string(EnumName(stance));
  }
  return out + (out.empty() ? "all " : ", the rest ") + std::string(EnumName(split.rest));
}

const Split* Stances::SplitOf(std::string_view party_id) const {
  auto it = splits.find(party_id);
  return it == splits.end() ? nullptr : &it->second;
}

int UnnamedSeats(const Chamber& chamber, const Party& party) {
  int unnamed = party.seats;
  for (const Member& m : chamber.members) {
    if (m.party == party.id) --unnamed;
  }
  if (const auto& chair = chamber.presiding;
      chair && chair->party == party.id && chair->member.empty()) {
    --unnamed;
  }
  return unnamed;
}

int VotingSeats(const Chamber& chamber, const Party& party) {
  const bool chair_seat = chamber.ChairSitsApart() && chamber.presiding->party == party.id;
  return party.seats - (chair_seat ? 1 : 0) - UncountedSeats(chamber, party);
}

int UncountedSeats(const Chamber& chamber, const Party& party) {
  if (!party.counted) return party.seats;
  int n = 0;
  for (const Member& m : chamber.members) {
    if (m.party == party.id && !m.counted) ++n;
  }
  return n;
}

Stance Stances::OfChair(const Chamber& chamber) const {
  if (!chamber.presiding) return Stance::kUndecided;
  const PresidingOfficer& chair = *chamber.presiding;
  if (!chair.member.empty()) return OfMember(chamber, chair.member);
  if (!chair.party.empty()) return PartyLine(chamber, chair.party);
  return Stance::kUndecided;
}

Stance Stances::PartyLine(const Chamber& chamber, std::string_view party_id) const {
  if (auto it = parties.find(party_id); it != parties.end()) return it->second;
  if (const Split* split = SplitOf(party_id)) return split->rest;
  if (const Bloc* b = chamber.BlocOfParty(party_id)) {
    if (auto it = blocs.find(b->id); it != blocs.end()) return it->second;
  }
  return Stance::kUndecided;
}

Stance Stances::OfMember(const Chamber& chamber, std::string_view member_id) const {
  if (auto it = members.find(member_id); it != members.end()) return it->second;
  for (const Bloc& b : chamber.blocs) {
    if (std::find(b.members.begin(), b.members.end(), member_id) != b.members.end()) {
      auto it = blocs.find(b.id);
      return it == blocs.end() ? Stance::kUndecided : it->second;
    }
  }
  const Member* m = chamber.FindMember(member_id);
  return m == nullptr ? Stance::kUndecided : PartyLine(chamber, m->party);
}

Status Validate(const Chamber& chamber, const Stances& stances) {
  for (const auto& [id, stance] : stances.blocs) {
    if (chamber.FindBloc(id) == nullptr) {
      return {ErrorCode::kUnknownId,
              "a stance is given for bloc '" + id + "', which is not defined",
              {.path = "stances.blocs." + id}};
    }
  }
  for (const auto& [id, stance] : stances.parties) {
    if (chamber.FindParty(id) == nullptr) {
      return {ErrorCode::kUnknownId,
              "a stance is given for party '" + id + "', which is not defined",
              {.path = "stances.parties." + id}};
    }
  }
  for (const auto& [id, stance] : stances.members) {
    if (chamber.FindMember(id) == nullptr) {
      return {ErrorCode::kUnknownId,
              "a stance is given for member '" + id + "', who is not defined",
              {.path = "stances.members." + id}};
    }
  }
  for (const auto& [id, split] : stances.splits) {
    const Party* party = chamber.FindParty(id);
    const std::string at = "stances.parties." + id;
    if (party == nullptr) {
      return {ErrorCode::kUnknownId,
              "a split is given for party '" + id + "', which is not defined",
              {.path = at}};
    }
    for (const auto& [stance, n] : split.counts) {
      if (n < 0) {
        return {ErrorCode::kNegativeSeats,
                "party '" + id + "' has " + std::to_string(n) + " members " +
                    std::string(EnumName(stance)) + "; a count cannot be negative",
                {.path = FieldPath(at, EnumName(stance))}};
      }
    }
    const auto houses = std::count_if(party->house_seats.begin(), party->house_seats.end(),
                                      [](const auto& hs) { return hs.second > 0; });
    if (houses > 1) {
      return {ErrorCode::kInvalidValue,
              "party '" + id +
                  "' sits in several houses, and a split by numbers cannot say "
                  "which house each vote came from; name the members, or give the split for a "
                  "group in one house",
              {.path = at}};
    }
    const int unnamed = UnnamedSeats(chamber, *party);
    if (split.Total() > unnamed) {
      return {ErrorCode::kInconsistentCount,
              "the split of party '" + id + "' gives out " + std::to_string(split.Total()) +
                  " seats, but it has only " + std::to_string(unnamed) +
                  " seats that are not named members or the chair",
              {.path = at}};
    }
  }
  return Status::Ok();
}

std::optional<std::string> HexColour(std::string_view colour) {
  const bool shape = (colour.size() == 7 || colour.size() == 4) && colour[0] == '#';
  if (!shape || !std::all_of(colour.begin() + 1, colour.end(), [](char x) {
        return (x >= '0' && x <= '9') || (x >= 'a' && x <= 'f') || (x >= 'A' && x <= 'F');
      })) {
    return std::nullopt;
  }
  if (colour.size() == 7) return std::string(colour);
  std::string out = "#";
  for (char x : colour.substr(1)) out += std::string(2, x);
  return out;
}

}  // namespace whipcount
