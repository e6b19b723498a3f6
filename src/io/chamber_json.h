// A chamber file as the server keeps it: one document that stands alone (its rulebook and its
// events file written inline) without its events, and the events apart, each the file format's
// event as JSON; and back again, as JSON or YAML text that the CLI reads.
#ifndef WHIPCOUNT_IO_CHAMBER_JSON_H_
#define WHIPCOUNT_IO_CHAMBER_JSON_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "io/file.h"
#include "io/yaml_tree.h"
#include "whipcount/result.h"

namespace whipcount::io {

// A YAML value as JSON that reads back to the same scalars: a plain whole number written
// canonically ("342", "-5") becomes a number, plain true and false booleans, a null null, and
// every other scalar (a quoted one always) a string with its text unchanged.
nlohmann::ordered_json YamlToJson(const YamlNode& node);

// NOLINTNEXTLINE(bugprone-exception-escape): a json's move only asserts its invariants.
struct StandaloneChamber {
  nlohmann::ordered_json document;  // the chamber file without `events`
  std::vector<nlohmann::ordered_json> events;
};

// Reads the chamber file `text` (YAML or JSON; `file` names it in errors), validates it as
// ParseChamberFile does, and writes its rulebook (read through `loader`) inline and the events of
// its events file after its own, with that file's sources added to the document's.
Result<StandaloneChamber> ReadStandaloneChamber(std::string_view text, const std::string& file,
                                                const FileLoader& loader);

// The chamber file of `document` with `events` as its event list.
nlohmann::ordered_json WithEvents(nlohmann::ordered_json document,
                                  const std::vector<nlohmann::ordered_json>& events);

// A JSON document as block-style YAML (strings quoted wherever YAML would read them otherwise),
// so that YamlToJson of its parse gives the document back.
std::string JsonToYaml(const nlohmann::ordered_json& document);

// A chamber file for a person to read and edit: `header` as '#' comment lines, then `document`
// in block style but for its `parties` and `members`, one flow map per line, the i-th party
// followed by the comment party_comments[i] when that is not empty.
std::string JsonToEditableYaml(const std::vector<std::string>& header,
                               const nlohmann::ordered_json& document,
                               const std::vector<std::string>& party_comments = {});

}  // namespace whipcount::io

#endif  // WHIPCOUNT_IO_CHAMBER_JSON_H_
