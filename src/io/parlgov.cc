#include "io/parlgov.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <set>

#include "io/csv.h"
#include "io/file.h"
#include "io/shipped.h"
#include "io/text.h"

namespace whipcount::io {
namespace {

using Json = nlohmann::ordered_json;

// The dataset's own citation (its README and parlgov.org), for every imported figure.
constexpr std::string_view kCitation =
    "Döring, Holger, Alexandra Quaas, Maike Hesse and Philip Manow (2023). Parliaments and "
    "governments database (ParlGov): Information on parties, elections and cabinets in "
    "established democracies. Development version of 4 November 2023.";

// Reads the named columns of a table's rows, each a field checked as it is converted.
class TableReader {
 public:
  explicit TableReader(const CsvTable& table) : table_(table) {}

  Result<size_t> Column(std::string_view name) const { return table_.RequireColumn(name); }

  Result<std::int64_t> Int(const CsvTable::Row& row, size_t column, bool blank_is_zero) const {
    const std::string& text = row.fields[column];
    if (text.empty() && blank_is_zero) return std::int64_t{0};
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < 0) {
      return Status(ErrorCode::kInvalidValue,
                    "'" + text + "' is not a whole number of zero or more",
                    table_.Where(row, column));
    }
    return value;
  }

  Result<Date> DateOf(const CsvTable::Row& row, size_t column) const {
    const std::optional<Date> d = Date::Parse(row.fields[column]);
    if (!d) {
      return Status(ErrorCode::kInvalidValue,
                    "'" + row.fields[column] + "' is not a date written YYYY-MM-DD",
                    table_.Where(row, column));
    }
    return *d;
  }

  static std::optional<double> Number(const std::string& text) {
    if (text.empty()) return std::nullopt;
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
  }

 private:
  const CsvTable& table_;
};

// The columns a composition row has in both views.
struct SeatColumns {
  size_t party_id, short_name, name, english_name, seats, left_right;
};

Result<SeatColumns> SeatColumnsOf(const TableReader& r) {
  SeatColumns c{};
  WHIPCOUNT_ASSIGN_OR_RETURN(c.party_id, r.Column("party_id"));
  WHIPCOUNT_ASSIGN_OR_RETURN(c.short_name, r.Column("party_name_short"));
  WHIPCOUNT_ASSIGN_OR_RETURN(c.name, r.Column("party_name"));
  WHIPCOUNT_ASSIGN_OR_RETURN(c.english_name, r.Column("party_name_english"));
  WHIPCOUNT_ASSIGN_OR_RETURN(c.seats, r.Column("seats"));
  WHIPCOUNT_ASSIGN_OR_RETURN(c.left_right, r.Column("left_right"));
  return c;
}

Result<ParlGovSeats> SeatsOf(const TableReader& r, const CsvTable::Row& row, const SeatColumns& c) {
  ParlGovSeats s;
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::int64_t id, r.Int(row, c.party_id, false));
  s.party_id = static_cast<int>(id);
  s.short_name = row.fields[c.short_name];
  s.name = row.fields[c.name];
  s.english_name = row.fields[c.english_name];
  WHIPCOUNT_ASSIGN_OR_RETURN(s.seats, r.Int(row, c.seats, true));
  s.left_right = TableReader::Number(row.fields[c.left_right]);
  return s;
}

// A party's id in the chamber file: its short name with anything but letters, digits and
// "-_." made a hyphen ("B90/Gru" -> "B90-Gru"), "P<party_id>" when nothing is left, and the
// ParlGov id added when another party already has it.
std::string PartyId(const ParlGovSeats& p, std::set<std::string>& used) {
  std::string id = IdOf(p.short_name);
  if (id.empty()) id = "P" + std::to_string(p.party_id);
  if (used.count(id) > 0) id += "-" + std::to_string(p.party_id);
  used.insert(id);
  return id;
}

// ParlGov's placeholders: members of no party, and parties with one seat each, counted together.
bool IsPlaceholder(const ParlGovSeats& p) {
  return p.short_name == "none" || p.short_name == "one-seat";
}

// One row per party: a party listed twice keeps its larger seat count and is in cabinet when
// either row says so; parties without seats are left out.
std::vector<ParlGovSeats> Seated(const std::vector<ParlGovSeats>& parties) {
  std::vector<ParlGovSeats> out;
  for (const ParlGovSeats& p : parties) {
    auto same = std::find_if(out.begin(), out.end(),
                             [&](const ParlGovSeats& q) { return q.party_id == p.party_id; });
    if (same == out.end()) {
      out.push_back(p);
      continue;
    }
    same->seats = std::max(same->seats, p.seats);
    same->in_cabinet = same->in_cabinet || p.in_cabinet;
    same->prime_minister = same->prime_minister || p.prime_minister;
  }
  std::erase_if(out, [](const ParlGovSeats& p) { return p.seats <= 0; });
  std::stable_sort(out.begin(), out.end(),
                   [](const ParlGovSeats& a, const ParlGovSeats& b) { return a.seats > b.seats; });
  return out;
}

// Four shades of each family's hue (ParlGov's family codes), chosen for whipcount.
const std::vector<std::string>& Shades(const std::string& family) {
  static const std::map<std::string, std::vector<std::string>> kShades = {
      {"soc", {"#D7191C", "#E8524A", "#B2182B", "#F07167"}},    // social democracy: red
      {"com", {"#8B1A1A", "#A50026", "#6D1B1B", "#C0392B"}},    // communist, socialist: dark red
      {"eco", {"#1A9641", "#4DAF4A", "#2E7D32", "#66BB6A"}},    // green, ecologist
      {"lib", {"#E6B800", "#F2D13A", "#C99A00", "#F5DC7A"}},    // liberal: yellow
      {"chr", {"#E67E22", "#D35400", "#F0A04B", "#B9770E"}},    // christian democracy: orange
      {"con", {"#1F4E9E", "#2C7BB6", "#4A90D9", "#163A70"}},    // conservative: blue
      {"right", {"#5B3A29", "#8C564B", "#3B2A20", "#A0522D"}},  // right-wing: brown
      {"agr", {"#4E7A27", "#7FA83A", "#356B1F", "#A3C65B"}},    // agrarian: olive
      {"spec", {"#7B3294", "#9E67B5", "#5E2A7E", "#C2A5CF"}},   // special issue: purple
  };
  static const std::vector<std::string> kGrey = {"#7F7F7F", "#A6A6A6", "#595959", "#BFBFBF"};
  const auto it = kShades.find(family);
  return it == kShades.end() ? kGrey : it->second;
}

Json ParlGovSource(const std::string& what) {
  return Json{{"id", "parlgov"},
              {"title",
               "Parliaments and governments database (ParlGov), development version of "
               "4 November 2023: " +
                   what},
              {"publisher", "ParlGov (Döring, Quaas, Hesse and Manow)"},
              {"url", "https://doi.org/10.7910/DVN/2VZ5ZC"},
              {"published", "2023-11-04"}};
}

// The composition chosen, and how the header describes it.
struct Composition {
  std::string country;
  std::string type;
  std::int64_t seats_total = 0;
  std::vector<ParlGovSeats> parties;
  const ParlGovCabinet* cabinet = nullptr;  // the government, when ParlGov has one
  std::string what;                         // "the parliament elected on 2021-09-26 (...)"
  std::optional<Date> date;                 // the motion's date (an import --date)
};

// The government's parties and the rest, as the blocs of the file.
Json Blocs(const Composition& c, const std::vector<std::string>& ids,
           const std::vector<std::string>& colours) {
  Json blocs = Json::array();
  const bool partisan = std::any_of(c.parties.begin(), c.parties.end(),
                                    [](const ParlGovSeats& p) { return p.in_cabinet; });
  if (c.cabinet == nullptr || !partisan) return blocs;
  Json government = Json::array();
  Json opposition = Json::array();
  std::string government_colour;
  std::string opposition_colour;
  for (size_t i = 0; i < c.parties.size(); ++i) {
    const ParlGovSeats& p = c.parties[i];
    if (p.in_cabinet) {
      government.push_back(ids[i]);
      if (government_colour.empty() || p.prime_minister) government_colour = colours[i];
    } else {
      opposition.push_back(ids[i]);
      if (opposition_colour.empty()) opposition_colour = colours[i];
    }
  }
  if (!government.empty()) {
    blocs.push_back(
        Json{{"id", "government"},
             {"name", "Cabinet " + c.cabinet->name + " (from " + c.cabinet->start.ToString() + ")"},
             {"role", "government"},
             {"colour", government_colour},
             {"parties", government}});
  }
  if (!opposition.empty()) {
    blocs.push_back(Json{{"id", "opposition"},
                         {"name", "Parties outside the cabinet"},
                         {"role", "opposition"},
                         {"colour", opposition_colour},
                         {"parties", opposition}});
  }
  return blocs;
}

}  // namespace

std::string FamilyColour(const std::string& family, int party_id,
                         const std::vector<std::string>& taken) {
  const std::vector<std::string>& shades = Shades(family);
  const size_t first = static_cast<size_t>(party_id) % shades.size();
  for (size_t k = 0; k < shades.size(); ++k) {
    const std::string& shade = shades[(first + k) % shades.size()];
    if (std::find(taken.begin(), taken.end(), shade) == taken.end()) return shade;
  }
  return shades[first];
}

Result<ParlGov> ParlGov::Parse(const ParlGovTexts& texts) {
  ParlGov db;
  {
    WHIPCOUNT_ASSIGN_OR_RETURN(const CsvTable t, ParseCsv(texts.elections, texts.elections_file));
    const TableReader r(t);
    WHIPCOUNT_ASSIGN_OR_RETURN(const SeatColumns sc, SeatColumnsOf(r));
    WHIPCOUNT_ASSIGN_OR_RETURN(const size_t country, r.Column("country_name_short"));
    WHIPCOUNT_ASSIGN_OR_RETURN(const size_t country_name, r.Column("country_name"));
    WHIPCOUNT_ASSIGN_OR_RETURN(const size_t type, r.Column("election_type"));
    WHIPCOUNT_ASSIGN_OR_RETURN(const size_t date, r.Column("election_date"));
    WHIPCOUNT_ASSIGN_OR_RETURN(const size_t total, r.Column("seats_total"));
    WHIPCOUNT_ASSIGN_OR_RETURN(const size_t id, r.Column("election_id"));
    std::map<int, size_t> index;
    for (const CsvTable::Row& row : t.rows) {
      WHIPCOUNT_ASSIGN_OR_RETURN(const std::int64_t election_id, r.Int(row, id, false));
      auto [it, added] = index.emplace(static_cast<int>(election_id), db.elections_.size());
      if (added) {
        ParlGovElection e;
        e.id = static_cast<int>(election_id);
        e.country = row.fields[country];
        WHIPCOUNT_ASSIGN_OR_RETURN(e.date, r.DateOf(row, date));
        e.type = row.fields[type];
        WHIPCOUNT_ASSIGN_OR_RETURN(e.seats_total, r.Int(row, total, true));
        db.elections_.push_back(std::move(e));
        const auto known =
            std::find_if(db.countries_.begin(), db.countries_.end(),
                         [&](const ParlGovCountry& c) { return c.code == row.fields[country]; });
        if (known == db.countries_.end()) {
          db.countries_.push_back({.code = row.fields[country], .name = row.fields[country_name]});
        }
      }
      WHIPCOUNT_ASSIGN_OR_RETURN(ParlGovSeats seats, SeatsOf(r, row, sc));
      db.elections_[it->second].parties.push_back(std::move(seats));
    }
  }
  {
    WHIPCOUNT_ASSIGN_OR_RETURN(const CsvTable t, ParseCsv(texts.cabinets, texts.cabinets_file));
    const TableReader r(t);
    WHIPCOUNT_ASSIGN_OR_RETURN(const SeatColumns sc, SeatColumnsOf(r));
    WHIPCOUNT_ASSIGN_OR_RETURN(const size_t country, r.Column("country_name_short"));
    WHIPCOUNT_ASSIGN_OR_RETURN(const size_t start, r.Column("start_date"));
    WHIPCOUNT_ASSIGN_OR_RETURN(const size_t name, r.Column("cabinet_name"));
    WHIPCOUNT_ASSIGN_OR_RETURN(const size_t caretaker, r.Column("caretaker"));
    WHIPCOUNT_ASSIGN_OR_RETURN(const size_t in_cabinet, r.Column("cabinet_party"));
    WHIPCOUNT_ASSIGN_OR_RETURN(const size_t pm, r.Column("prime_minister"));
    WHIPCOUNT_ASSIGN_OR_RETURN(const size_t total, r.Column("election_seats_total"));
    WHIPCOUNT_ASSIGN_OR_RETURN(const size_t election, r.Column("election_id"));
    WHIPCOUNT_ASSIGN_OR_RETURN(const size_t id, r.Column("cabinet_id"));
    std::map<int, size_t> index;
    for (const CsvTable::Row& row : t.rows) {
      WHIPCOUNT_ASSIGN_OR_RETURN(const std::int64_t cabinet_id, r.Int(row, id, false));
      auto [it, added] = index.emplace(static_cast<int>(cabinet_id), db.cabinets_.size());
      if (added) {
        ParlGovCabinet c;
        c.id = static_cast<int>(cabinet_id);
        c.country = row.fields[country];
        c.name = row.fields[name];
        WHIPCOUNT_ASSIGN_OR_RETURN(c.start, r.DateOf(row, start));
        WHIPCOUNT_ASSIGN_OR_RETURN(const std::int64_t e, r.Int(row, election, false));
        c.election_id = static_cast<int>(e);
        c.caretaker = row.fields[caretaker] == "1";
        WHIPCOUNT_ASSIGN_OR_RETURN(c.seats_total, r.Int(row, total, true));
        db.cabinets_.push_back(std::move(c));
      }
      WHIPCOUNT_ASSIGN_OR_RETURN(ParlGovSeats seats, SeatsOf(r, row, sc));
      seats.in_cabinet = row.fields[in_cabinet] == "1";
      seats.prime_minister = row.fields[pm] == "1";
      db.cabinets_[it->second].parties.push_back(std::move(seats));
    }
  }
  {
    WHIPCOUNT_ASSIGN_OR_RETURN(const CsvTable t, ParseCsv(texts.parties, texts.parties_file));
    const TableReader r(t);
    WHIPCOUNT_ASSIGN_OR_RETURN(const size_t id, r.Column("party_id"));
    WHIPCOUNT_ASSIGN_OR_RETURN(const size_t family, r.Column("family_name_short"));
    for (const CsvTable::Row& row : t.rows) {
      WHIPCOUNT_ASSIGN_OR_RETURN(const std::int64_t party_id, r.Int(row, id, false));
      db.party_info_[static_cast<int>(party_id)] = PartyInfo{.family = row.fields[family]};
    }
  }
  const auto by_date = [](const auto& a, const auto& b) { return a.date < b.date; };
  std::stable_sort(db.elections_.begin(), db.elections_.end(), by_date);
  std::stable_sort(
      db.cabinets_.begin(), db.cabinets_.end(),
      [](const ParlGovCabinet& a, const ParlGovCabinet& b) { return a.start < b.start; });
  std::sort(db.countries_.begin(), db.countries_.end(),
            [](const ParlGovCountry& a, const ParlGovCountry& b) { return a.code < b.code; });
  return db;
}

Result<std::string> ParlGov::CountryCode(const std::string& text) const {
  for (const ParlGovCountry& c : countries_) {
    if (Lowercase(c.code) == Lowercase(text) || Lowercase(c.name) == Lowercase(text)) return c.code;
  }
  std::vector<std::string> codes;
  for (const ParlGovCountry& c : countries_) codes.push_back(c.code + " (" + c.name + ")");
  return Status(ErrorCode::kUnknownId,
                "ParlGov has no country '" + text + "'; its countries are: " + Joined(codes));
}

Result<std::vector<const ParlGovElection*>> ParlGov::Elections(const std::string& country,
                                                               const std::string& type) const {
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::string code, CountryCode(country));
  std::vector<const ParlGovElection*> out;
  for (const ParlGovElection& e : elections_) {
    if (e.country == code && e.type == type) out.push_back(&e);
  }
  return out;
}

Result<std::vector<const ParlGovCabinet*>> ParlGov::Cabinets(const std::string& country) const {
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::string code, CountryCode(country));
  std::vector<const ParlGovCabinet*> out;
  for (const ParlGovCabinet& c : cabinets_) {
    if (c.country == code) out.push_back(&c);
  }
  return out;
}

namespace {

// The election `query` names (by date or id), with the government formed after it.
Result<Composition> ElectionComposition(const ParlGovQuery& query, const std::string& code,
                                        const std::string& country_name,
                                        const std::vector<const ParlGovElection*>& elections,
                                        const std::vector<const ParlGovCabinet*>& cabinets) {
  const ParlGovElection* election = nullptr;
  for (const ParlGovElection* e : elections) {
    if (e->date.ToString() == *query.election || std::to_string(e->id) == *query.election) {
      election = e;
    }
  }
  if (election == nullptr) {
    std::vector<std::string> dates;
    dates.reserve(elections.size());
    for (const ParlGovElection* e : elections) dates.push_back(e->date.ToString());
    return Status(ErrorCode::kUnknownId,
                  "ParlGov has no " +
                      std::string(query.type == "ep" ? "European Parliament" : "parliamentary") +
                      " election of " + code + " on '" + *query.election +
                      "'; its dates are: " + Joined(dates));
  }
  Composition c{.country = code, .type = query.type};
  c.seats_total = election->seats_total;
  c.parties = election->parties;
  c.what = (query.type == "ep"
                ? "the members of the European Parliament elected in " + country_name + " on "
                : "the parliament elected on ") +
           election->date.ToString() + " (ParlGov election " + std::to_string(election->id) + ")";
  // The government: the first cabinet formed after the election (not a caretaker one, if any).
  for (const ParlGovCabinet* cab : cabinets) {
    if (query.type != "parliament" || cab->election_id != election->id) continue;
    if (c.cabinet == nullptr || (c.cabinet->caretaker && !cab->caretaker)) c.cabinet = cab;
  }
  if (c.cabinet != nullptr) {
    for (ParlGovSeats& p : c.parties) {
      for (const ParlGovSeats& q : c.cabinet->parties) {
        if (q.party_id == p.party_id) {
          p.in_cabinet = p.in_cabinet || q.in_cabinet;
          p.prime_minister = p.prime_minister || q.prime_minister;
        }
      }
    }
  }
  return c;
}

// The cabinet `query` names ("Draghi I", "draghi" when only one is so named, an id), or the last
// one formed on or before its date.
Result<const ParlGovCabinet*> ChosenCabinet(const ParlGovQuery& query, const std::string& code,
                                            const std::vector<const ParlGovCabinet*>& cabinets) {
  if (!query.cabinet) {
    const ParlGovCabinet* cabinet = nullptr;
    for (const ParlGovCabinet* cab : cabinets) {
      if (cab->start <= *query.date) cabinet = cab;
    }
    if (cabinet != nullptr) return cabinet;
    return Status(ErrorCode::kUnknownId, cabinets.empty()
                                             ? "ParlGov has no cabinets of " + code
                                             : "ParlGov's first cabinet of " + code + " (" +
                                                   cabinets.front()->name + ") starts on " +
                                                   cabinets.front()->start.ToString() + ", after " +
                                                   query.date->ToString());
  }
  std::vector<const ParlGovCabinet*> matches;
  for (const ParlGovCabinet* cab : cabinets) {
    if (Lowercase(cab->name) == Lowercase(*query.cabinet) ||
        std::to_string(cab->id) == *query.cabinet) {
      matches.push_back(cab);
    }
  }
  // "Draghi" for Draghi I and Draghi II: the cabinets of that name, numbered.
  if (matches.empty()) {
    for (const ParlGovCabinet* cab : cabinets) {
      if (Lowercase(cab->name).starts_with(Lowercase(*query.cabinet) + " ")) matches.push_back(cab);
    }
  }
  if (matches.size() == 1) return matches.front();
  std::vector<std::string> names;
  for (const ParlGovCabinet* cab : matches.empty() ? cabinets : matches) {
    names.push_back(cab->name + " (" + std::to_string(cab->id) + ", " + cab->start.ToString() +
                    ")");
  }
  return Status(ErrorCode::kUnknownId,
                matches.empty() ? "ParlGov has no cabinet of " + code + " named '" +
                                      *query.cabinet + "'; its cabinets are: " + Joined(names)
                                : "several cabinets of " + code + " are named '" + *query.cabinet +
                                      "'; give one's id: " + Joined(names));
}

Composition CabinetComposition(const ParlGovQuery& query, const std::string& code,
                               const ParlGovCabinet* cabinet) {
  Composition c{.country = code, .type = query.type, .cabinet = cabinet, .date = query.date};
  c.seats_total = cabinet->seats_total;
  c.parties = cabinet->parties;
  c.what = (query.date ? "the parliament on " + query.date->ToString() + ", "
                       : std::string("the parliament ")) +
           "as cabinet " + cabinet->name + " met it on " + cabinet->start.ToString() +
           " (ParlGov cabinet " + std::to_string(cabinet->id) + ")";
  return c;
}

// The lines above the file: what it holds, where from, and what to check.
void AddHeader(const Composition& c, const std::string& chamber_name, std::int64_t held,
               const MotionChoice* rulebook, bool has_blocs, std::vector<std::string>& h) {
  h.push_back(chamber_name + ": " + c.what + ", from ParlGov.");
  h.push_back("");
  h.push_back(std::to_string(std::max(held, c.seats_total)) + " seats" +
              (held > c.seats_total ? " (ParlGov gives " + std::to_string(c.seats_total) +
                                          " in total but its parties hold " + std::to_string(held) +
                                          ": the file takes the larger figure)"
                                    : "") +
              "; each party's seats, names and left-right position (0-10, rounded) are ParlGov's.");
  if (c.cabinet != nullptr && has_blocs) {
    h.push_back("Government: cabinet " + c.cabinet->name + " (from " + c.cabinet->start.ToString() +
                (c.cabinet->caretaker ? ", a caretaker cabinet" : "") +
                "); every other party is in opposition.");
  } else if (c.cabinet != nullptr) {
    h.push_back("Cabinet " + c.cabinet->name + " (from " + c.cabinet->start.ToString() +
                ") has no party in parliament, so the file has no government or opposition "
                "bloc: add the parties that support it.");
  } else {
    h.push_back(
        "ParlGov names no cabinet for it, so the file has no government or opposition "
        "bloc: add them.");
  }
  if (rulebook != nullptr) {
    h.push_back("Rulebook: the shipped '" + rulebook->rulebook + "'; the motion is its '" +
                rulebook->rule + "' rule.");
  } else {
    h.push_back(
        "No rulebook ships for this chamber: the motion's rule is a placeholder (a "
        "majority of the votes cast). Write the chamber's own rule with its source.");
  }
  h.push_back(
      "Stances are assumed, not recorded: every party votes with its bloc. Colours are "
      "chosen by ParlGov party family.");
}

}  // namespace

Json ParlGov::Parties(const std::vector<ParlGovSeats>& seated, std::int64_t seats_total,
                      std::vector<std::string>& ids, std::vector<std::string>& colours,
                      std::vector<std::string>& comments) const {
  std::set<std::string> used;
  std::int64_t held = 0;
  colours.assign(seated.size(), "");
  Json parties = Json::array();
  for (size_t i = 0; i < seated.size(); ++i) {
    const ParlGovSeats& p = seated[i];
    held += p.seats;
    ids.push_back(PartyId(p, used));
    const auto info = party_info_.find(p.party_id);
    colours[i] =
        FamilyColour(info == party_info_.end() ? "" : info->second.family, p.party_id, colours);
    Json party{{"id", ids.back()}};
    std::string name = p.english_name.empty() ? p.name : p.english_name;
    std::string short_name = p.short_name;
    if (p.short_name == "none") {
      name = "Members of no party";
      short_name = "Ind.";
    } else if (p.short_name == "one-seat") {
      name = "Parties with one seat each";
      short_name = "Others";
    }
    if (!name.empty()) party["name"] = name;
    if (!short_name.empty() && short_name != ids.back()) party["short"] = short_name;
    party["colour"] = colours[i];
    party["seats"] = p.seats;
    if (p.left_right && *p.left_right >= 0 && *p.left_right <= 10 && !IsPlaceholder(p)) {
      party["position"] = std::round(*p.left_right * 10) / 10;  // to one decimal
    }
    if (IsPlaceholder(p)) party["independents"] = true;
    party["source"] = "parlgov";
    parties.push_back(std::move(party));
    comments.push_back(IsPlaceholder(p)                    ? "ParlGov's '" + p.short_name + "'"
                       : p.name != name && !p.name.empty() ? p.name
                                                           : "");
  }
  if (held < seats_total) {
    parties.push_back(Json{{"id", "OTHER"},
                           {"name", "Seats ParlGov does not attribute to a party"},
                           {"colour", "#BFBFBF"},
                           {"seats", seats_total - held},
                           {"independents", true},
                           {"source", "parlgov"}});
    comments.push_back(std::to_string(seats_total) + " seats less the parties' " +
                       std::to_string(held));
  }
  return parties;
}

Result<ChamberDraft> ParlGov::Import(const ParlGovQuery& query,
                                     const std::map<std::string, MotionChoice>& rulebooks) const {
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::string code, CountryCode(query.country));
  if (query.type != "parliament" && query.type != "ep") {
    return Status(ErrorCode::kUsage,
                  "the election type is 'parliament' or 'ep', not '" + query.type + "'");
  }
  const int chosen = (query.election ? 1 : 0) + (query.cabinet ? 1 : 0) + (query.date ? 1 : 0);
  if (chosen != 1) {
    return Status(ErrorCode::kUsage,
                  "give one of --election DATE, --cabinet NAME or --date DATE (see --list for "
                  "what ParlGov has for " +
                      code + ")");
  }
  if (query.type == "ep" && !query.election) {
    return Status(ErrorCode::kUsage,
                  "European Parliament delegations are imported by --election only: ParlGov "
                  "records no cabinets for them");
  }
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::vector<const ParlGovElection*> elections,
                             Elections(code, query.type));
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::vector<const ParlGovCabinet*> cabinets, Cabinets(code));
  const std::string& country_name =
      std::find_if(countries_.begin(), countries_.end(), [&](const ParlGovCountry& c) {
        return c.code == code;
      })->name;
  Composition c;
  if (query.election) {
    WHIPCOUNT_ASSIGN_OR_RETURN(c,
                               ElectionComposition(query, code, country_name, elections, cabinets));
  } else {
    WHIPCOUNT_ASSIGN_OR_RETURN(const ParlGovCabinet* cabinet, ChosenCabinet(query, code, cabinets));
    c = CabinetComposition(query, code, cabinet);
  }
  c.parties = Seated(c.parties);

  ChamberDraft out;
  Json& doc = out.document;
  std::int64_t held = 0;
  for (const ParlGovSeats& p : c.parties) held += p.seats;
  const auto rulebook = query.type == "parliament" ? rulebooks.find(code) : rulebooks.end();
  const MotionChoice* choice = rulebook == rulebooks.end() ? nullptr : &rulebook->second;
  std::string chamber_name = query.type == "ep"
                                 ? "Members of the European Parliament from " + country_name
                                 : "Parliament of " + country_name + " (lower house)";
  if (choice != nullptr && !choice->chamber.empty()) chamber_name = choice->chamber;
  doc["format"] = "whipcount/1";
  doc["chamber"] = Json{{"id", Lowercase(code) + (query.type == "ep" ? "-ep" : "-parliament")},
                        {"name", chamber_name},
                        {"seats", std::max(held, c.seats_total)}};
  doc["sources"] = Json::array({ParlGovSource(c.what)});
  std::vector<std::string> ids;
  std::vector<std::string> colours;
  doc["parties"] = Parties(c.parties, c.seats_total, ids, colours, out.party_comments);
  doc["blocs"] = Blocs(c, ids, colours);

  AddHeader(c, chamber_name, held, choice, !doc["blocs"].empty(), out.header);
  const std::string kind = AddMotion(out, choice ? std::optional(*choice) : std::nullopt);
  if (c.date) doc["motion"]["date"] = c.date->ToString();
  AddBlocStances(doc, kind);
  out.header.push_back("");
  out.header.push_back("Source: " + std::string(kCitation));
  out.header.push_back("parlgov.org; Harvard Dataverse doi:10.7910/DVN/2VZ5ZC.");
  return out;
}

Result<std::map<std::string, MotionChoice>> ParseMotionChoices(std::string_view text,
                                                               const std::string& file) {
  WHIPCOUNT_ASSIGN_OR_RETURN(const CsvTable t, ParseCsv(text, file));
  const TableReader r(t);
  WHIPCOUNT_ASSIGN_OR_RETURN(const size_t country, r.Column("country"));
  WHIPCOUNT_ASSIGN_OR_RETURN(const size_t rulebook, r.Column("rulebook"));
  WHIPCOUNT_ASSIGN_OR_RETURN(const size_t rule, r.Column("rule"));
  WHIPCOUNT_ASSIGN_OR_RETURN(const size_t kind, r.Column("kind"));
  WHIPCOUNT_ASSIGN_OR_RETURN(const size_t title, r.Column("title"));
  WHIPCOUNT_ASSIGN_OR_RETURN(const size_t chamber, r.Column("chamber"));
  std::map<std::string, MotionChoice> out;
  for (const CsvTable::Row& row : t.rows) {
    const std::string& k = row.fields[kind];
    if (k != "confidence" && k != "no-confidence" && k != "other") {
      return Status(ErrorCode::kInvalidValue,
                    "the kind is confidence, no-confidence or other, not '" + k + "'",
                    t.Where(row, kind));
    }
    out[row.fields[country]] = MotionChoice{.rulebook = row.fields[rulebook],
                                            .rule = row.fields[rule],
                                            .kind = k,
                                            .title = row.fields[title],
                                            .chamber = row.fields[chamber]};
  }
  return out;
}

namespace {

Result<std::string> ReadShipped(const std::string& relative) {
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::string path, FindShipped(relative));
  return ReadFile(path);
}

}  // namespace

Result<ParlGov> LoadShippedParlGov() {
  ParlGovTexts texts;
  WHIPCOUNT_ASSIGN_OR_RETURN(texts.elections, ReadShipped("parlgov/view_election.csv"));
  WHIPCOUNT_ASSIGN_OR_RETURN(texts.cabinets, ReadShipped("parlgov/view_cabinet.csv"));
  WHIPCOUNT_ASSIGN_OR_RETURN(texts.parties, ReadShipped("parlgov/view_party.csv"));
  return ParlGov::Parse(texts);
}

Result<const Rule*> FindRule(const Rulebook& book, const std::string& id, const std::string& path) {
  std::vector<std::string> ids;
  for (const Rule& r : book.rules) {
    if (r.id == id) return &r;
    ids.push_back(r.id);
  }
  return Status(ErrorCode::kUnknownId,
                (id.empty() ? "the rulebook has several rules: choose one with --rule"
                            : "the rulebook has no rule '" + id + "'") +
                    " (its rules: " + Joined(ids) + ")",
                {.file = path});
}

Result<std::map<std::string, MotionChoice>> LoadShippedMotionChoices() {
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::string text, ReadShipped("parlgov/rulebooks.csv"));
  WHIPCOUNT_ASSIGN_OR_RETURN(auto choices, ParseMotionChoices(text, "parlgov/rulebooks.csv"));
  for (auto& [country, choice] : choices) {
    WHIPCOUNT_ASSIGN_OR_RETURN(const std::string path, ShippedRulebookPath(choice.rulebook));
    WHIPCOUNT_ASSIGN_OR_RETURN(const std::string rules, ReadFile(path));
    WHIPCOUNT_ASSIGN_OR_RETURN(const Rulebook book, ParseRulebook(rules, path));
    WHIPCOUNT_ASSIGN_OR_RETURN(const Rule* rule, FindRule(book, choice.rule, path));
    choice.chair_casts = rule->tie == TieRule::kCastingVote;
  }
  return choices;
}

}  // namespace whipcount::io
