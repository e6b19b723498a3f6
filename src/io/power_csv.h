// The CSV form of power indices (`whipcount power --csv`), RFC 4180 through CsvRow.
#ifndef WHIPCOUNT_IO_POWER_CSV_H_
#define WHIPCOUNT_IO_POWER_CSV_H_

#include <string>

#include "whipcount/coalition.h"
#include "whipcount/power.h"

namespace whipcount::io {

// A header `player,weight,<index>,<index>_exact,<index>_raw,...`, then a row per player: its
// name and weight, and per index its value to 12 decimals, the exact fraction and the raw count.
std::string PowerToCsv(const WeightedPlayers& players, const PowerReport& report);

}  // namespace whipcount::io

#endif  // WHIPCOUNT_IO_POWER_CSV_H_
