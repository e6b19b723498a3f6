// ParlGov (parlgov.org: Döring, Quaas, Hesse and Manow, "Parliaments and governments database"):
// its election and cabinet tables read from CSV text, and a chamber file made from an election,
// a cabinet or the cabinet in force on a date.
//
//   Result<ParlGov> db = ParlGov::Parse({.elections = ..., .cabinets = ..., .parties = ...});
//   Result<ChamberDraft> file = db->Import({.country = "DEU", .election = Date(2021, 9, 26)});
//   file->document  // the chamber file as JSON, for WriteChamberYaml
#ifndef WHIPCOUNT_IO_PARLGOV_H_
#define WHIPCOUNT_IO_PARLGOV_H_

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "io/chamber_draft.h"
#include "io/chamber_file.h"
#include "whipcount/date.h"
#include "whipcount/result.h"

namespace whipcount::io {

// The text of the three ParlGov views read (view_election.csv, view_cabinet.csv, view_party.csv)
// and the names they are given in errors.
struct ParlGovTexts {
  std::string elections;
  std::string cabinets;
  std::string parties;
  std::string elections_file = "view_election.csv";
  std::string cabinets_file = "view_cabinet.csv";
  std::string parties_file = "view_party.csv";
};

// One party's seats in a composition.
struct ParlGovSeats {
  int party_id = 0;
  std::string short_name;
  std::string name;          // the party's own name
  std::string english_name;  // its English name
  std::int64_t seats = 0;
  std::optional<double> left_right;  // 0 (left) to 10 (right)
  bool in_cabinet = false;
  bool prime_minister = false;
};

struct ParlGovElection {
  int id = 0;
  std::string country;  // three-letter code, "DEU"
  Date date;
  std::string type;  // "parliament" or "ep" (the country's members of the European Parliament)
  std::int64_t seats_total = 0;
  std::vector<ParlGovSeats> parties;  // in the table's order
};

struct ParlGovCabinet {
  int id = 0;
  std::string country;
  std::string name;  // "Scholz I"
  Date start;
  int election_id = 0;
  bool caretaker = false;
  std::int64_t seats_total = 0;       // the parliament's seats (the election's total)
  std::vector<ParlGovSeats> parties;  // every party in parliament, in cabinet or not
};

struct ParlGovCountry {
  std::string code;  // "DEU"
  std::string name;  // "Germany"
};

// What to import: a country and one of an election's date (or id), a cabinet's name (or id), or
// a date (the last cabinet formed on or before it, with the parliament it met).
struct ParlGovQuery {
  std::string country;
  std::optional<std::string> election;  // YYYY-MM-DD or an election id
  std::optional<std::string> cabinet;   // "Scholz I" (any case) or a cabinet id
  std::optional<Date> date;
  std::string type = "parliament";  // or "ep"
};

class ParlGov {
 public:
  // Reads the three tables; kSyntax or kMissingField at file:line for what cannot be read.
  static Result<ParlGov> Parse(const ParlGovTexts& texts);

  const std::vector<ParlGovCountry>& countries() const { return countries_; }
  // The country's elections of `type` and its cabinets, by date; kUnknownId listing the
  // countries for a code that is not one.
  Result<std::vector<const ParlGovElection*>> Elections(const std::string& country,
                                                        const std::string& type) const;
  Result<std::vector<const ParlGovCabinet*>> Cabinets(const std::string& country) const;

  // The chamber file for `query`, with `rulebooks` (by country code) supplying its rulebook and
  // motion; without one, an inline majority-of-votes-cast rule marked as a placeholder. Errors
  // (kUnknownId, kUsage) name what exists: the country's elections, cabinets or first date.
  Result<ChamberDraft> Import(const ParlGovQuery& query,
                              const std::map<std::string, MotionChoice>& rulebooks) const;

  // The country code for `text` given as a code in any case or as a name ("germany").
  Result<std::string> CountryCode(const std::string& text) const;

 private:
  std::vector<ParlGovCountry> countries_;
  std::vector<ParlGovElection> elections_;
  std::vector<ParlGovCabinet> cabinets_;
  struct PartyInfo {
    std::string family;  // ParlGov's family code: soc, con, lib, eco...
  };
  std::map<int, PartyInfo> party_info_;

  // The parties of a composition as the file's entries, with their ids and colours, and the
  // comment each gets; an OTHER group for seats `seats_total` has beyond theirs.
  nlohmann::ordered_json Parties(const std::vector<ParlGovSeats>& seated, std::int64_t seats_total,
                                 std::vector<std::string>& ids, std::vector<std::string>& colours,
                                 std::vector<std::string>& comments) const;
};

// Reads data/parlgov/rulebooks.csv: country, rulebook, rule, kind, title, chamber.
Result<std::map<std::string, MotionChoice>> ParseMotionChoices(std::string_view text,
                                                               const std::string& file);

// The ParlGov tables shipped with whipcount (data/parlgov, found by FindShipped).
Result<ParlGov> LoadShippedParlGov();
// data/parlgov/rulebooks.csv, each country's rule read from its shipped rulebook to tell whether
// it gives the chair a casting vote. kUnknownId for a rule the rulebook does not have.
Result<std::map<std::string, MotionChoice>> LoadShippedMotionChoices();

// The rule `id` of the rulebook `book` read from `path`; kUnknownId listing its rules (an empty
// `id` asks for one).
Result<const Rule*> FindRule(const Rulebook& book, const std::string& id, const std::string& path);

// The colour a party of ParlGov family `family` gets: a shade of the family's hue chosen from
// `party_id`, so that a party keeps its colour across elections, moved to the next free shade
// when `taken` already holds it.
std::string FamilyColour(const std::string& family, int party_id,
                         const std::vector<std::string>& taken);

}  // namespace whipcount::io

#endif  // WHIPCOUNT_IO_PARLGOV_H_
