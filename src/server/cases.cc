#include "server/cases.h"

#include <algorithm>
#include <set>
#include <utility>

#include "io/chamber_json.h"
#include "io/json_out.h"

namespace whipcount::server {
namespace {

using Json = nlohmann::ordered_json;

// Nothing a case names is read from the file system.
Result<std::string> NoFiles(const std::string& path) {
  return Status(ErrorCode::kInvalidValue, "a case cannot name other files ('" + path +
                                              "'): write the rulebook inline under 'rulebook:'");
}

// How an error names event number `index` of the assembled list.
std::string EventName(const std::vector<std::int64_t>& seqs, size_t index) {
  if (index >= seqs.size()) return "events[" + std::to_string(index) + "]";
  const std::int64_t seq = seqs[index];
  return seq > 0 ? "event " + std::to_string(seq) : "events[" + std::to_string(-seq - 1) + "]";
}

// An error from parsing the assembled text, placed where the user wrote it: in a stored event
// ("event 12"), a pending one (its place in the request) or the case's document. The assembled
// text's lines mean nothing to anyone, so they are dropped.
Status Place(const std::string& id, const std::vector<std::int64_t>& seqs, Status s) {
  Location& where = s.mutable_where();
  where.file = "case " + id;
  where.line = 0;
  where.column = 0;
  const std::string& path = where.path;
  if (path.starts_with("events[")) {
    const size_t close = path.find(']');
    const size_t index = std::stoul(path.substr(7, close - 7));
    const std::string rest = path.substr(close + 1);
    const std::string name = EventName(seqs, index);
    where.path = name.starts_with("events[") ? name + rest : rest.empty() ? "" : rest.substr(1);
    if (!name.starts_with("events[")) {
      return Status(s.code(), name + ": " + s.message(), where);
    }
  }
  return s;
}

}  // namespace

std::optional<std::int64_t> LoadedCase::RetractedBy(std::int64_t seq) const {
  for (const store::StoredEvent& e : log) {
    if (e.retracts == seq) return e.seq;
  }
  return std::nullopt;
}

Result<ActiveEvents> ActiveEventsOf(const std::vector<store::StoredEvent>& log,
                                    const std::vector<store::NewEvent>& pending) {
  std::set<std::int64_t> retracted;
  for (const store::StoredEvent& e : log) {
    if (e.retracts) retracted.insert(*e.retracts);
  }
  for (const store::NewEvent& e : pending) {
    if (e.retracts) retracted.insert(*e.retracts);
  }
  struct Item {
    std::string date;
    Json event;
    std::int64_t seq;
  };
  std::vector<Item> items;
  auto add = [&](const std::string& text, std::int64_t seq) -> Status {
    if (text.empty() || retracted.contains(seq)) return Status::Ok();
    Json event = Json::parse(text, nullptr, false);
    if (event.is_discarded()) {
      return Status(ErrorCode::kStorage, "event " + std::to_string(seq) +
                                             " of the database is not JSON: the database was "
                                             "changed by something other than whipcount");
    }
    std::string date = event.is_object() && event.contains("date") && event["date"].is_string()
                           ? event["date"].get<std::string>()
                           : "";
    items.push_back({std::move(date), std::move(event), seq});
    return Status::Ok();
  };
  for (const store::StoredEvent& e : log) WHIPCOUNT_RETURN_IF_ERROR(add(e.event, e.seq));
  for (size_t k = 0; k < pending.size(); ++k) {
    WHIPCOUNT_RETURN_IF_ERROR(add(pending[k].event, -1 - static_cast<std::int64_t>(k)));
  }
  std::stable_sort(items.begin(), items.end(),
                   [](const Item& a, const Item& b) { return a.date < b.date; });
  ActiveEvents out;
  out.events.reserve(items.size());
  out.seqs.reserve(items.size());
  for (Item& item : items) {
    out.events.push_back(std::move(item.event));
    out.seqs.push_back(item.seq);
  }
  return out;
}

Result<std::shared_ptr<const io::ChamberFile>> ParseCase(const std::string& id,
                                                         const std::string& text,
                                                         const std::vector<std::int64_t>& seqs) {
  Result<io::ChamberFile> file = io::ParseChamberFile(text, std::string(kCaseFileName), NoFiles);
  if (!file.ok()) return Place(id, seqs, file.status());
  return std::make_shared<const io::ChamberFile>(std::move(*file));
}

Result<std::shared_ptr<const LoadedCase>> CaseCache::Get(std::string_view id) {
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::int64_t version, store_.CaseVersion(id));
  {
    const std::lock_guard lock(mutex_);
    if (auto it = cases_.find(id); it != cases_.end() && it->second->summary.version == version) {
      return it->second;
    }
  }
  WHIPCOUNT_ASSIGN_OR_RETURN(std::shared_ptr<const LoadedCase> loaded, Load(id));
  const std::lock_guard lock(mutex_);
  std::shared_ptr<const LoadedCase>& kept = cases_[std::string(id)];
  if (!kept || kept->summary.version < loaded->summary.version) kept = loaded;
  return loaded;
}

Result<std::shared_ptr<const LoadedCase>> CaseCache::Load(std::string_view id) {
  auto loaded = std::make_shared<LoadedCase>();
  WHIPCOUNT_ASSIGN_OR_RETURN(store::StoredCase stored, store_.GetCase(id));
  WHIPCOUNT_ASSIGN_OR_RETURN(loaded->log, store_.Events(id));
  loaded->summary = std::move(stored.summary);
  // Events appended after GetCase read the version belong to a later version: drop them, so that
  // the version and the log agree.
  std::erase_if(loaded->log,
                [&](const store::StoredEvent& e) { return e.version > loaded->summary.version; });
  loaded->document = Json::parse(stored.document, nullptr, false);
  if (loaded->document.is_discarded()) {
    return Status(ErrorCode::kStorage, "case " + std::string(id) + " in the database is not JSON");
  }
  WHIPCOUNT_ASSIGN_OR_RETURN(ActiveEvents active, ActiveEventsOf(loaded->log));
  loaded->text = io::JsonText(io::WithEvents(loaded->document, active.events));
  loaded->seqs = std::move(active.seqs);
  WHIPCOUNT_ASSIGN_OR_RETURN(loaded->file,
                             ParseCase(loaded->summary.id, loaded->text, loaded->seqs));
  return std::shared_ptr<const LoadedCase>(std::move(loaded));
}

Result<std::shared_ptr<const io::ChamberFile>> LoadedSource::Chamber(
    const std::string& name) const {
  if (name != kCaseFileName) {
    return Status(ErrorCode::kNotFound,
                  "only the case itself can be read here, not '" + name + "'");
  }
  return loaded_->file;
}

Result<std::string> LoadedSource::Text(const std::string& name) const {
  if (name != kCaseFileName) {
    return Status(ErrorCode::kNotFound,
                  "only the case itself can be read here, not '" + name + "'");
  }
  return loaded_->text;
}

}  // namespace whipcount::server
