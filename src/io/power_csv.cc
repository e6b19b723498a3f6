#include "io/power_csv.h"

#include <cstdio>

#include "io/csv.h"

namespace whipcount::io {

std::string PowerToCsv(const WeightedPlayers& players, const PowerReport& report) {
  std::vector<std::string> header = {"player", "weight"};
  for (const IndexValues& values : report.indices) {
    const std::string name(EnumName(values.index));
    header.insert(header.end(), {name, name + "_exact", name + "_raw"});
  }
  std::string out = CsvRow(header);
  for (std::size_t i = 0; i < report.players.size(); ++i) {
    std::vector<std::string> row = {report.players[i], std::to_string(players.weights[i])};
    for (const IndexValues& values : report.indices) {
      char value[64];
      std::snprintf(value, sizeof value, "%.12f", values.value[i].value);
      row.insert(row.end(), {value, values.value[i].ToString(), values.raw[i].ToString()});
    }
    out += CsvRow(row);
  }
  return out;
}

}  // namespace whipcount::io
