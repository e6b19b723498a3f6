#include "io/tally_csv.h"

#include <vector>

#include "io/csv.h"

namespace whipcount::io {
namespace {

std::vector<std::string> CountFields(const Counts& c) {
  return {std::to_string(c.for_votes),  std::to_string(c.against), std::to_string(c.abstain),
          std::to_string(c.present),    std::to_string(c.absent),  std::to_string(c.undecided),
          std::to_string(c.discounted), std::to_string(c.chair),   std::to_string(c.uncounted)};
}

const std::vector<std::string>& CountNames() {
  static const std::vector<std::string> kNames = {"for",        "against", "abstain",
                                                  "present",    "absent",  "undecided",
                                                  "discounted", "chair",   "uncounted"};
  return kNames;
}

std::string DateField(const Tally& tally) {
  return tally.date ? tally.date->ToString() : std::string();
}

template <typename T>
std::string Optional(const std::optional<T>& value) {
  return value ? std::to_string(*value) : std::string();
}

}  // namespace

std::string TallyRowsCsvHeader() {
  std::vector<std::string> header = {"date", "bloc", "party", "line", "seats"};
  header.insert(header.end(), CountNames().begin(), CountNames().end());
  header.emplace_back("what_if");
  return CsvRow(header);
}

std::string TallyRowsToCsv(const Tally& tally, std::string_view what_if) {
  std::string out;
  for (const BlocRow& bloc : tally.blocs) {
    for (const PartyRow& part : bloc.parties) {
      std::vector<std::string> row = {DateField(tally), bloc.bloc, part.party,
                                      std::string(EnumName(part.line)), std::to_string(part.seats)};
      const std::vector<std::string> counts = CountFields(part.counts);
      row.insert(row.end(), counts.begin(), counts.end());
      row.emplace_back(what_if);
      out += CsvRow(row);
    }
  }
  return out;
}

std::string TallyFiguresCsvHeader() {
  std::vector<std::string> header = {"date", "status", "required", "required_by"};
  header.insert(header.end(), CountNames().begin(), CountNames().end());
  header.insert(header.end(), {"margin", "verdict", "verdict_on_paper", "quorum_required",
                               "quorum_present", "quorum_met", "flip_members", "what_if"});
  return CsvRow(header);
}

std::string TallyFiguresToCsv(const Tally& tally, std::string_view what_if) {
  std::vector<std::string> row = {DateField(tally), std::string(EnumName(tally.status)),
                                  Optional(tally.required),
                                  std::string(EnumName(tally.required_by))};
  const std::vector<std::string> counts = CountFields(tally.total);
  row.insert(row.end(), counts.begin(), counts.end());
  const std::optional<QuorumCheck>& quorum = tally.quorum;
  row.insert(row.end(),
             {std::to_string(tally.margin), OutcomeWord(tally),
              std::string(EnumName(tally.verdict)), quorum ? std::to_string(quorum->required) : "",
              quorum ? std::to_string(quorum->present) : "",
              quorum ? (quorum->met ? "true" : "false") : "", Optional(tally.flip.members),
              std::string(what_if)});
  return CsvRow(row);
}

}  // namespace whipcount::io
