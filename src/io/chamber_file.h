// The chamber file (docs/file-format.md): YAML in, validated engine values out.
#ifndef WHIPCOUNT_IO_CHAMBER_FILE_H_
#define WHIPCOUNT_IO_CHAMBER_FILE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "io/file.h"
#include "whipcount/chamber.h"
#include "whipcount/motion.h"
#include "whipcount/result.h"
#include "whipcount/timeline.h"

namespace whipcount::io {

struct ChamberFile {
  std::string path;         // as given to Load/Parse, for messages
  State base;               // the chamber and stances before any event
  std::vector<Rule> rules;  // rulebook rules first, then inline ones
  std::optional<Motion> motion;
  std::vector<Source> sources;            // the `sources:` list
  std::vector<Event> events;              // in file (and date) order
  std::vector<Location> event_locations;  // where each event is written

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

// A rulebook file (format whipcount/rules/1) on its own: its rules are checked for what can be
// checked without a chamber (fractions, dates, ids).
struct Rulebook {
  std::string legislature;
  std::vector<Rule> rules;
};
Result<Rulebook> ParseRulebook(std::string_view text, const std::string& file);

// True when `text` declares itself a rulebook (`format: whipcount/rules/1`).
bool LooksLikeRulebook(std::string_view text);

// Reads `path` (and its rulebook) from disk, then parses it.
Result<ChamberFile> LoadChamberFile(const std::string& path);

}  // namespace whipcount::io

#endif  // WHIPCOUNT_IO_CHAMBER_FILE_H_
