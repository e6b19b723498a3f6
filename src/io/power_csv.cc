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

std::string CoalitionsToCsv(const CoalitionReport& report) {
  std::string out = CsvRow({"rank", "parties", "party_count", "seats", "surplus", "range"});
  for (std::size_t k = 0; k < report.coalitions.size(); ++k) {
    const Coalition& c = report.coalitions[k];
    std::string parties;
    for (const std::string& party : c.parties) parties += (parties.empty() ? "" : "+") + party;
    char range[32] = "";
    if (c.range) std::snprintf(range, sizeof range, "%g", *c.range);
    out += CsvRow({std::to_string(k + 1), parties, std::to_string(c.parties.size()),
                   std::to_string(c.seats), std::to_string(c.surplus), range});
  }
  return out;
}

}  // namespace whipcount::io
