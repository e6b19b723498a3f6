// The CSV forms of power indices (`whipcount power --csv`) and coalition listings
// (`whipcount coalitions --csv`), RFC 4180 through CsvRow. Every player is its own row or name:
// independents are not grouped as the text listings group them.
#ifndef WHIPCOUNT_IO_POWER_CSV_H_
#define WHIPCOUNT_IO_POWER_CSV_H_

#include <string>

#include "whipcount/coalition.h"
#include "whipcount/power.h"

namespace whipcount::io {

// A header `player,weight,<index>,<index>_exact,<index>_raw,...`, then a row per player: its
// name and weight, and per index its value to 12 decimals, the exact fraction and the raw count.
std::string PowerToCsv(const WeightedPlayers& players, const PowerReport& report);

// A header `rank,parties,party_count,seats,surplus,range`, then a row per coalition in ranked
// order: its parties joined by '+' ("PTI+GDA+MMA"), their number, seats, seats beyond the quota
// and the left–right range (empty when a member has no position).
std::string CoalitionsToCsv(const CoalitionReport& report);

}  // namespace whipcount::io

#endif  // WHIPCOUNT_IO_POWER_CSV_H_
