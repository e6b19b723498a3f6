// A chamber as spreadsheet tables (CSV), in and out: a party table, and a member table when
// members are named. docs/import.md lists the columns and the header names each may have.
//
//   parties.csv: id,name,seats,colour,bloc,stance,position
//                SPD,Social Democratic Party,206,#E3000F,government,against,3.6
//   members.csv: id,name,party,constituency,stance
#ifndef WHIPCOUNT_IO_SPREADSHEET_H_
#define WHIPCOUNT_IO_SPREADSHEET_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "io/chamber_draft.h"
#include "io/csv.h"
#include "whipcount/result.h"
#include "whipcount/timeline.h"

namespace whipcount::io {

struct SpreadsheetChamber {
  std::string id = "chamber";
  std::string name = "Chamber";
  std::int64_t seats = 0;              // statutory seats; at least the parties' seats
  std::optional<MotionChoice> motion;  // a placeholder rule when not given
};

// The chamber file of the party table `parties` and the member table `members` (when given).
// Blocs come from the party table's bloc column ("government" and "opposition" take those roles);
// stances from its stance column, a stance word or a split ("for:30 against:17 rest:absent"),
// else by bloc as the motion's kind implies. Errors name the table's file:line:column: an
// unknown column, a missing id or seats column, a value that is not what its column holds, a
// repeated id, a member of an unknown party, more seats than the chamber has (kSeatsExceedChamber).
Result<ChamberDraft> ChamberFromSpreadsheet(const CsvTable& parties, const CsvTable* members,
                                            const SpreadsheetChamber& chamber);

// The parties of `state` as a party table (id, name, short, seats, colour, bloc, stance, position)
// and its named members as a member table (id, name, party, constituency, stance): the stances in
// force in `state`, a split party's as "for:30 against:17 rest:absent".
std::string PartiesCsv(const State& state);
std::string MembersCsv(const State& state);

}  // namespace whipcount::io

#endif  // WHIPCOUNT_IO_SPREADSHEET_H_
