// The chamber file (docs/file-format.md): YAML in, validated engine values out.
#ifndef WHIPCOUNT_IO_CHAMBER_FILE_H_
#define WHIPCOUNT_IO_CHAMBER_FILE_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/file.h"
#include "whipcount/chamber.h"
#include "whipcount/motion.h"
#include "whipcount/result.h"
#include "whipcount/timeline.h"

namespace YAML {
class Node;
}  // namespace YAML

namespace whipcount::io {

struct ChamberFile {
  std::string path;              // as given to Load/Parse, for messages
  State base;                    // the chamber and stances before any event
  std::vector<Rule> rules;       // rulebook rules first, then inline ones
  std::vector<Motion> motions;   // every motion of the file (`motion:` or `motions:`)
  std::optional<Motion> motion;  // the motion selected (SelectMotion); nullopt when none
  std::vector<Source> sources;   // the `sources:` list
  // The events that concern the selected motion (those naming no motion and those naming it),
  // in file (and date) order, and where each is written.
  std::vector<Event> events;
  std::vector<Location> event_locations;
  // Every event of the file, whichever motion it names.
  std::vector<Event> all_events;
  std::vector<Location> all_event_locations;
  // The `forecast:` section as parsed, read later by io::ReadForecastSection against the chamber
  // on the forecast's date; nullptr when absent. Never changed, so copies share it.
  std::shared_ptr<const YAML::Node> forecast;

  // The motion's rule; nullptr when there is no motion.
  const Rule* MotionRule() const;
  // Fills in the file, line and column of an error whose path names one of the events
  // ("events[3]" or below it), as Replay and TallyTimeline report them.
  Status LocateEvent(Status status) const;
  // The state on `date` (every event on or before it); the base state plus all events when
  // nullopt. Errors name the event's file:line.
  Result<State> StateOn(std::optional<Date> date) const;
};

// Parses and validates a chamber file held in `text`. `file` names it in errors; a `rulebook`
// key is read through `loader`, relative to `file`. Every error carries file:line:column.
Result<ChamberFile> ParseChamberFile(std::string_view text, const std::string& file,
                                     const FileLoader& loader);

// The file with motion `id` selected (nullopt: the only motion, else the latest by date) and only
// the events that concern it. kUnknownId, listing the motions, when there is no such motion.
Result<ChamberFile> SelectMotion(const ChamberFile& file, std::optional<std::string_view> id);

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

// Reads `path` (and its rulebook) from disk, then parses it.
Result<ChamberFile> LoadChamberFile(const std::string& path);

}  // namespace whipcount::io

#endif  // WHIPCOUNT_IO_CHAMBER_FILE_H_
