// The server's cases: a stored document and its event log made into the chamber file the commands
// read, parsed once per version and shared by every request on that version.
#ifndef WHIPCOUNT_SERVER_CASES_H_
#define WHIPCOUNT_SERVER_CASES_H_

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "commands/commands.h"
#include "io/chamber_file.h"
#include "store/store.h"
#include "whipcount/result.h"

namespace whipcount::server {

// A case at one version, ready for the commands. Immutable once made, so shared freely.
// NOLINTNEXTLINE(bugprone-exception-escape): a json's move only asserts its invariants.
struct LoadedCase {
  store::CaseSummary summary;
  nlohmann::ordered_json document;      // without events
  std::vector<store::StoredEvent> log;  // every row, retractions included, in seq order
  std::string text;                     // the chamber file (JSON) the commands read
  std::shared_ptr<const io::ChamberFile> file;
  std::vector<std::int64_t> seqs;  // the log seq of each of file->content.events

  // The seq of the event that retracts `seq`, if any.
  std::optional<std::int64_t> RetractedBy(std::int64_t seq) const;
};

// The name under which a request's command reads the case ("case.yaml": a chamber file by its
// extension, for commands that tell files apart by it).
inline constexpr std::string_view kCaseFileName = "case.yaml";

// The events in force (not retractions, not retracted) of `log` and then `pending` (those about
// to be appended), in date order and, on a date, in the order they were appended; with the seq of
// each (-1 - k for pending[k]).
struct ActiveEvents {
  std::vector<nlohmann::ordered_json> events;
  std::vector<std::int64_t> seqs;
};
Result<ActiveEvents> ActiveEventsOf(const std::vector<store::StoredEvent>& log,
                                    const std::vector<store::NewEvent>& pending = {});

// Parses the case `id`'s assembled chamber file `text`, whose events have the log numbers `seqs`
// (a pending event, not yet stored, has -1 - its place in the request). An error in a stored event
// names it ("event 12: ..."), one in a pending event its place ("events[0].party").
Result<std::shared_ptr<const io::ChamberFile>> ParseCase(const std::string& id,
                                                         const std::string& text,
                                                         const std::vector<std::int64_t>& seqs);

// Cases by id, kept parsed per version. Thread-safe.
class CaseCache {
 public:
  explicit CaseCache(store::Store& store) : store_(store) {}
  // The case at its current version (one cheap query when it is cached).
  Result<std::shared_ptr<const LoadedCase>> Get(std::string_view id);

 private:
  Result<std::shared_ptr<const LoadedCase>> Load(std::string_view id);

  store::Store& store_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const LoadedCase>, std::less<>> cases_;
};

// The case as commands read it: kCaseFileName and nothing else.
class LoadedSource : public cli::CaseSource {
 public:
  explicit LoadedSource(std::shared_ptr<const LoadedCase> loaded) : loaded_(std::move(loaded)) {}
  Result<std::shared_ptr<const io::ChamberFile>> Chamber(const std::string& name) const override;
  Result<std::string> Text(const std::string& name) const override;

 private:
  std::shared_ptr<const LoadedCase> loaded_;
};

}  // namespace whipcount::server

#endif  // WHIPCOUNT_SERVER_CASES_H_
