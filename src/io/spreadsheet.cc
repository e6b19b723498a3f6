#include "io/spreadsheet.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <map>
#include <set>

#include "io/text.h"
#include "whipcount/names.h"

namespace whipcount::io {
namespace {

using Json = nlohmann::ordered_json;

// A column whipcount reads, and the header names that mean it (compared in lower case without
// spaces, '_' or '-': "Party name" is "partyname").
struct ColumnName {
  std::string_view column;
  std::vector<std::string_view> aliases;
};

const std::vector<ColumnName>& PartyColumns() {
  static const std::vector<ColumnName> kColumns = {
      {"id", {"id", "code", "abbreviation", "abbr"}},
      {"name", {"name", "party", "partyname", "fullname"}},
      {"short", {"short", "shortname"}},
      {"seats", {"seats", "mps", "members", "size", "deputies"}},
      {"colour", {"colour", "color", "hex"}},
      {"bloc", {"bloc", "side", "camp", "coalition"}},
      {"stance", {"stance", "vote"}},
      {"position", {"position", "leftright", "lr"}},
  };
  return kColumns;
}

const std::vector<ColumnName>& MemberColumns() {
  static const std::vector<ColumnName> kColumns = {
      {"id", {"id", "code"}},
      {"name", {"name", "member", "fullname"}},
      {"party", {"party", "group"}},
      {"constituency", {"constituency", "riding", "district", "electorate", "seat"}},
      {"stance", {"stance", "vote"}},
  };
  return kColumns;
}

std::string Folded(std::string_view header) {
  std::string out = Lowercase(header);
  std::erase_if(out, [](char c) { return c == ' ' || c == '_' || c == '-'; });
  return out;
}

std::string Trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

// Which of the table's columns is each column whipcount reads. kUnknownField for a header it
// does not know (a '#' before its name keeps it as a note) or that means a column already found.
class Columns {
 public:
  static Result<Columns> Of(const CsvTable& table, const std::vector<ColumnName>& known) {
    Columns out;
    std::string names;
    for (const ColumnName& k : known) {
      if (!names.empty()) names += ", ";
      names += k.column;
    }
    for (size_t i = 0; i < table.header.size(); ++i) {
      const std::string& header = table.header[i];
      if (!header.empty() && header.front() == '#') continue;
      const std::string folded = Folded(header);
      const auto it = std::find_if(known.begin(), known.end(), [&](const ColumnName& k) {
        return std::find(k.aliases.begin(), k.aliases.end(), folded) != k.aliases.end();
      });
      const Location where{.file = table.file, .line = 1, .column = static_cast<int>(i) + 1};
      if (it == known.end()) {
        std::string message = "whipcount does not read a column '";
        message.append(header).append("'; it reads ").append(names);
        message +=
            " (docs/import.md gives the other names each may have). Start the header "
            "with '#' to keep the column as a note";
        return Status(ErrorCode::kUnknownField, message, where);
      }
      if (out.index_.count(std::string(it->column)) > 0) {
        return Status(
            ErrorCode::kUnknownField,
            "column '" + header + "' is a second '" + std::string(it->column) + "' column", where);
      }
      out.index_[std::string(it->column)] = i;
    }
    return out;
  }

  std::optional<size_t> operator[](std::string_view column) const {
    const auto it = index_.find(std::string(column));
    if (it == index_.end()) return std::nullopt;
    return it->second;
  }

  // The trimmed field of `column` in `row`, empty when the table has no such column.
  std::string Field(const CsvTable::Row& row, std::string_view column) const {
    const std::optional<size_t> c = (*this)[column];
    return c ? Trimmed(row.fields[*c]) : std::string();
  }

 private:
  std::map<std::string, size_t> index_;
};

Status FieldError(const CsvTable& table, const CsvTable::Row& row, const Columns& columns,
                  std::string_view column, ErrorCode code, const std::string& message) {
  return Status(code, message, table.Where(row, *columns[column]));
}

Result<std::int64_t> WholeNumber(const CsvTable& table, const CsvTable::Row& row,
                                 const Columns& columns, std::string_view column) {
  const std::string text = columns.Field(row, column);
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    return FieldError(
        table, row, columns, column, ErrorCode::kType,
        "the " + std::string(column) + " column holds a whole number, not '" + text + "'");
  }
  if (n < 0) {
    return FieldError(table, row, columns, column, ErrorCode::kNegativeSeats,
                      "a party cannot hold " + text + " seats");
  }
  if (n > 100'000) {
    return FieldError(table, row, columns, column, ErrorCode::kTooLarge,
                      text + " seats is more than whipcount takes (100,000)");
  }
  return n;
}

// A stance cell: a word ("for", "aye", "abstain") or a split ("for:30 against:17 rest:absent").
Result<Json> StanceCell(const CsvTable& table, const CsvTable::Row& row, const Columns& columns,
                        std::string_view column) {
  const std::string text = Lowercase(columns.Field(row, column));
  const auto bad = [&](const std::string& what) {
    return FieldError(table, row, columns, column, ErrorCode::kInvalidValue,
                      "'" + what +
                          "' is not a stance: write for, against, abstain, present, absent or "
                          "undecided, or a split such as 'for:30 against:17 rest:absent'");
  };
  if (text.find(':') == std::string::npos) {
    if (!ParseEnum<Stance>(text)) return bad(text);
    return Json(text);
  }
  Json split = Json::object();
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t end = std::min(text.find(' ', pos), text.size());
    const std::string part = text.substr(pos, end - pos);
    pos = end + 1;
    if (part.empty()) continue;
    const size_t colon = part.find(':');
    if (colon == std::string::npos) return bad(part);
    const std::string key = part.substr(0, colon);
    const std::string value = part.substr(colon + 1);
    if (key == "rest") {
      if (!ParseEnum<Stance>(value)) return bad(value);
      split["rest"] = value;
      continue;
    }
    int n = 0;
    const auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (!ParseEnum<Stance>(key) || ec != std::errc() || p != value.data() + value.size() || n < 0) {
      return bad(part);
    }
    split[key] = n;
  }
  return split;
}

// The role a bloc's name gives it.
std::string RoleOf(const std::string& bloc_id) {
  const std::string id = Lowercase(bloc_id);
  if (id == "government" || id == "gov" || id == "governing" || id == "coalition") {
    return "government";
  }
  if (id == "opposition" || id == "opp") return "opposition";
  return "other";
}

}  // namespace

namespace {

// What the party table gives besides the parties: blocs in the order met, and stances.
struct PartyTable {
  Json parties = Json::array();
  Json stances = Json::object();
  std::vector<std::string> bloc_order;
  std::map<std::string, Json> blocs;
  std::set<std::string> ids;  // of parties, members and blocs
  std::int64_t held = 0;
  std::map<std::string, std::int64_t> seats;     // by party
  std::map<std::string, Location> stance_cells;  // where each party's stance is written
  std::map<std::string, std::int64_t> named;     // members named, by party
};

// The id in `column` of `row`, or one made of the name when the table has no id column;
// kInvalidValue for one that is not an id, kDuplicateId for one already taken.
Result<std::string> RowId(const CsvTable& table, const CsvTable::Row& row, const Columns& columns,
                          std::set<std::string>& ids, std::string_view what) {
  const std::string id =
      columns["id"] ? columns.Field(row, "id") : IdOf(columns.Field(row, "name"));
  const std::string_view column = columns["id"] ? "id" : "name";
  if (id.empty() || id != IdOf(id)) {
    return FieldError(table, row, columns, column, ErrorCode::kInvalidValue,
                      id.empty() ? "this " + std::string(what) + " has no id"
                                 : "'" + id +
                                       "' is not an id: use letters, digits, '-', '_' and '.', "
                                       "such as '" +
                                       IdOf(id) + "'");
  }
  if (!ids.insert(id).second) {
    return FieldError(table, row, columns, column, ErrorCode::kDuplicateId,
                      "the id '" + id + "' is already used by a party, member or bloc");
  }
  return id;
}

Status ReadParty(const CsvTable& table, const CsvTable::Row& row, const Columns& pc,
                 PartyTable& out) {
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::string id, RowId(table, row, pc, out.ids, "party"));
  Json party{{"id", id}};
  if (const std::string name = pc.Field(row, "name"); !name.empty()) party["name"] = name;
  if (const std::string s = pc.Field(row, "short"); !s.empty()) party["short"] = s;
  if (const std::string colour = pc.Field(row, "colour"); !colour.empty()) {
    const std::optional<std::string> hex = HexColour(colour);
    if (!hex) {
      return FieldError(table, row, pc, "colour", ErrorCode::kInvalidValue,
                        "'" + colour + "' is not a colour written #RRGGBB or #RGB");
    }
    party["colour"] = *hex;
  }
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::int64_t seats, WholeNumber(table, row, pc, "seats"));
  party["seats"] = seats;
  out.held += seats;
  if (const std::string position = pc.Field(row, "position"); !position.empty()) {
    double value = 0;
    const auto [end, ec] =
        std::from_chars(position.data(), position.data() + position.size(), value);
    if (ec != std::errc() || end != position.data() + position.size() ||
        !(value >= 0 && value <= 10)) {
      return FieldError(table, row, pc, "position", ErrorCode::kInvalidValue,
                        "the left-right position is a number from 0 (left) to 10 (right), not '" +
                            position + "'");
    }
    party["position"] = value;
  }
  if (const std::string bloc = pc.Field(row, "bloc"); !bloc.empty()) {
    const std::string bloc_id = IdOf(bloc);
    if (bloc_id.empty() || (out.blocs.count(bloc_id) == 0 && out.ids.count(bloc_id) > 0)) {
      return FieldError(table, row, pc, "bloc", ErrorCode::kDuplicateId,
                        "the bloc '" + bloc + "' needs a name of its own, unlike any party's id");
    }
    if (out.blocs.count(bloc_id) == 0) {
      out.ids.insert(bloc_id);
      out.bloc_order.push_back(bloc_id);
      out.blocs[bloc_id] = Json{{"id", bloc_id}, {"name", bloc}, {"role", RoleOf(bloc_id)}};
      if (party.contains("colour")) out.blocs[bloc_id]["colour"] = party["colour"];
    }
    out.blocs[bloc_id]["parties"].push_back(id);
  }
  if (pc["stance"] && !pc.Field(row, "stance").empty()) {
    WHIPCOUNT_ASSIGN_OR_RETURN(out.stances["parties"][id], StanceCell(table, row, pc, "stance"));
    out.stance_cells[id] = table.Where(row, *pc["stance"]);
  }
  out.seats[id] = seats;
  out.parties.push_back(std::move(party));
  return Status::Ok();
}

// The member table's members, checked against the parties read.
Result<Json> ReadMembers(const CsvTable& members, PartyTable& table) {
  WHIPCOUNT_ASSIGN_OR_RETURN(const Columns mc, Columns::Of(members, MemberColumns()));
  for (const std::string_view needed : {"name", "party"}) {
    if (!mc[needed]) {
      return Status(ErrorCode::kMissingField,
                    "the member table has no " + std::string(needed) + " column",
                    {.file = members.file, .line = 1});
    }
  }
  Json named = Json::array();
  for (const CsvTable::Row& row : members.rows) {
    WHIPCOUNT_ASSIGN_OR_RETURN(const std::string id, RowId(members, row, mc, table.ids, "member"));
    const std::string party = mc.Field(row, "party");
    const bool known = std::any_of(table.parties.begin(), table.parties.end(),
                                   [&](const Json& p) { return p["id"] == party; });
    if (!known) {
      return FieldError(members, row, mc, "party", ErrorCode::kUnknownId,
                        "no party in the party table has the id '" + party + "'");
    }
    if (++table.named[party] > table.seats[party]) {
      return FieldError(members, row, mc, "party", ErrorCode::kInconsistentCount,
                        "'" + party + "' has " + std::to_string(table.seats[party]) +
                            " seats, fewer than the members named for it up to this row (" +
                            std::to_string(table.named[party]) + ")");
    }
    const std::string name = mc.Field(row, "name");
    Json member{{"id", id}, {"name", name.empty() ? id : name}, {"party", party}};
    if (const std::string c = mc.Field(row, "constituency"); !c.empty()) member["constituency"] = c;
    if (mc["stance"] && !mc.Field(row, "stance").empty()) {
      WHIPCOUNT_ASSIGN_OR_RETURN(const Json stance, StanceCell(members, row, mc, "stance"));
      if (!stance.is_string()) {
        return FieldError(members, row, mc, "stance", ErrorCode::kInvalidValue,
                          "a member's stance is one word, not a split");
      }
      table.stances["members"][id] = stance;
    }
    named.push_back(std::move(member));
  }
  return named;
}

// A split may count no more votes than the party has seats besides its named members.
Status CheckSplits(const PartyTable& table) {
  if (!table.stances.contains("parties")) return Status::Ok();
  for (const auto& [id, stance] : table.stances["parties"].items()) {
    if (!stance.is_object()) continue;
    std::int64_t counted = 0;
    for (const auto& [key, n] : stance.items()) {
      if (key != "rest") counted += n.get<std::int64_t>();
    }
    const auto named = table.named.find(id);
    const std::int64_t free_seats =
        table.seats.at(id) - (named == table.named.end() ? 0 : named->second);
    if (counted > free_seats) {
      return Status(ErrorCode::kInconsistentCount,
                    "the split counts " + std::to_string(counted) + " votes but '" + id + "' has " +
                        std::to_string(free_seats) + " seats besides its named members",
                    table.stance_cells.at(id));
    }
  }
  return Status::Ok();
}

}  // namespace

Result<ChamberDraft> ChamberFromSpreadsheet(const CsvTable& parties, const CsvTable* members,
                                            const SpreadsheetChamber& chamber) {
  WHIPCOUNT_ASSIGN_OR_RETURN(const Columns pc, Columns::Of(parties, PartyColumns()));
  if (!pc["seats"]) {
    return Status(ErrorCode::kMissingField,
                  "the party table has no seats column (a header 'seats', 'MPs' or 'members')",
                  {.file = parties.file, .line = 1});
  }
  if (!pc["id"] && !pc["name"]) {
    return Status(ErrorCode::kMissingField,
                  "the party table needs an id or a name column to tell its parties apart",
                  {.file = parties.file, .line = 1});
  }
  PartyTable table;
  for (const CsvTable::Row& row : parties.rows) {
    WHIPCOUNT_RETURN_IF_ERROR(ReadParty(parties, row, pc, table));
  }
  if (table.held > chamber.seats) {
    return Status(ErrorCode::kSeatsExceedChamber,
                  "the parties hold " + std::to_string(table.held) + " seats but the chamber has " +
                      std::to_string(chamber.seats) + " (--seats): correct a count or --seats",
                  {.file = parties.file});
  }
  ChamberDraft out;
  Json& doc = out.document;
  doc["format"] = "whipcount/1";
  doc["chamber"] = Json{{"id", chamber.id}, {"name", chamber.name}, {"seats", chamber.seats}};
  doc["parties"] = table.parties;
  if (members != nullptr) {
    WHIPCOUNT_ASSIGN_OR_RETURN(Json named, ReadMembers(*members, table));
    if (!named.empty()) doc["members"] = std::move(named);
  }
  WHIPCOUNT_RETURN_IF_ERROR(CheckSplits(table));
  for (const std::string& id : table.bloc_order) doc["blocs"].push_back(table.blocs[id]);
  out.header = {chamber.name + ": imported from " + parties.file +
                    (members != nullptr ? " and " + members->file : "") + " by whipcount.",
                ""};
  const std::string kind = AddMotion(out, chamber.motion);
  if (table.stances.empty()) {
    AddBlocStances(doc, kind);
  } else {
    doc["stances"] = std::move(table.stances);
  }
  if (!pc["stance"]) {
    out.header.push_back("The table gives no stances: each party votes with its bloc. Edit them.");
  }
  if (!chamber.motion) {
    out.header.push_back(
        "No --rulebook was given: the motion's rule is a placeholder (a majority "
        "of the votes cast). Write the chamber's own rule with its source.");
  }
  out.header.push_back("Add sources for the figures (docs/file-format.md).");
  return out;
}

namespace {

std::string StanceText(const Stances& stances, const Chamber& chamber, const Party& party) {
  if (const Split* split = stances.SplitOf(party.id)) {
    std::string out;
    for (const auto& [stance, n] : split->counts) {
      out += (out.empty() ? "" : " ") + std::string(EnumName(stance)) + ":" + std::to_string(n);
    }
    return out + (out.empty() ? "" : " ") + "rest:" + std::string(EnumName(split->rest));
  }
  return std::string(EnumName(stances.PartyLine(chamber, party.id)));
}

std::string Position(const std::optional<double>& position) {
  if (!position) return "";
  std::array<char, 32> buffer{};
  const auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), *position);
  return ec == std::errc() ? std::string(buffer.data(), end) : "";
}

}  // namespace

std::string PartiesCsv(const State& state) {
  const Chamber& chamber = state.chamber;
  std::string out =
      CsvRow({"id", "name", "short", "seats", "colour", "bloc", "stance", "position"});
  for (const Party& p : chamber.parties) {
    const Bloc* bloc = chamber.BlocOfParty(p.id);
    out += CsvRow({p.id, p.name, p.short_name == p.id ? "" : p.short_name, std::to_string(p.seats),
                   p.colour, bloc != nullptr ? bloc->id : "", StanceText(state.stances, chamber, p),
                   Position(p.position)});
  }
  return out;
}

std::string MembersCsv(const State& state) {
  const Chamber& chamber = state.chamber;
  std::string out = CsvRow({"id", "name", "party", "constituency", "stance"});
  for (const Member& m : chamber.members) {
    out += CsvRow({m.id, m.name, m.party, m.constituency,
                   std::string(EnumName(state.stances.OfMember(chamber, m.id)))});
  }
  return out;
}

}  // namespace whipcount::io
