// The chamber file (docs/file-format.md): YAML in, validated engine values out.
#ifndef WHIPCOUNT_IO_CHAMBER_FILE_H_
#define WHIPCOUNT_IO_CHAMBER_FILE_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/file.h"
#include "io/yaml_tree.h"
#include "whipcount/case.h"
#include "whipcount/chamber.h"
#include "whipcount/motion.h"
#include "whipcount/result.h"
#include "whipcount/timeline.h"

namespace whipcount::io {

// A chamber file read: the case it describes and where each part of it is written.
struct ChamberFile {
  std::string path;  // as given to Load/Parse, for messages
  Case content;      // rulebook rules first, then inline ones; events in file (and date) order
  std::vector<Location> event_locations;  // where each of content.events is written
  // The `forecast:` section as parsed, read later by io::ReadForecastSection against the chamber
  // on the forecast's date; no value when absent. Never changed, so copies share it.
  YamlNode forecast;

  // Fills in the place of an error from the engine: the file:line:column of the event its path
  // names ("events[3]" or below it, numbered as in content.events), else the file.
  Status Locate(Status status) const;
};

// Parses and validates a chamber file held in `text`. `file` names it in errors; a `rulebook`
// key is read through `loader`, relative to `file`. Every error carries file:line:column.
Result<ChamberFile> ParseChamberFile(std::string_view text, const std::string& file,
                                     const FileLoader& loader);

// A rulebook file (format whipcount/rules/1) on its own: its rules are checked for what can be
// checked without a chamber (fractions, dates, ids).
struct Rulebook {
  std::string legislature;
  std::vector<Rule> rules;
  std::vector<Source> sources;
};
Result<Rulebook> ParseRulebook(std::string_view text, const std::string& file);

// True when `text` declares itself a rulebook (`format: whipcount/rules/1`).
bool LooksLikeRulebook(std::string_view text);

// True when `text` declares itself a chamber file (`format: whipcount/1`).
bool LooksLikeChamberFile(std::string_view text);

// Reads `path` (and its rulebook) from disk, then parses it. "-" reads standard input; its
// errors name "<stdin>" and its rulebook path resolves against the working directory.
Result<ChamberFile> LoadChamberFile(const std::string& path);

}  // namespace whipcount::io

#endif  // WHIPCOUNT_IO_CHAMBER_FILE_H_
