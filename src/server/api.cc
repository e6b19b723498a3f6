#include "server/api.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <future>
#include <mutex>
#include <sstream>
#include <thread>
#include <utility>

#include "io/chamber_json.h"
#include "io/file.h"
#include "io/json_out.h"
#include "server/cases.h"
#include "server/response_cache.h"
#include "server/routes.h"
#include "server/web.h"
#include "whipcount/version.h"

namespace whipcount::server {
namespace {

using Json = nlohmann::ordered_json;

// --- Workers for expensive analyses ------------------------------------------------------------

// A fixed set of threads with a bounded queue: a request waits for its analysis only up to the
// time limit, and a full queue is refused at once, so no number of slow requests can take every
// thread of the server.
class WorkerPool {
 public:
  explicit WorkerPool(int threads) {
    for (int i = 0; i < std::max(threads, 1); ++i) threads_.emplace_back([this] { Work(); });
  }
  ~WorkerPool() {
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_all();
    for (std::thread& t : threads_) t.join();
  }
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // False when the queue is full.
  bool Submit(std::function<void()> task) {
    {
      const std::lock_guard lock(mutex_);
      if (queue_.size() >= 4 * threads_.size()) return false;
      queue_.push_back(std::move(task));
    }
    ready_.notify_one();
    return true;
  }

 private:
  void Work() {
    for (;;) {
      std::function<void()> task;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;
        task = std::move(queue_.front());
        queue_.pop_front();
      }
      task();
    }
  }

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

// --- JSON forms of what the store keeps ----------------------------------------------------------

Json SummaryToJson(const store::CaseSummary& s) {
  return {{"id", s.id},
          {"title", s.title},
          {"version", s.version},
          {"created_at", s.created_at},
          {"created_by", s.created_by},
          {"updated_at", s.updated_at}};
}

Json StoredEventToJson(const store::StoredEvent& e, const LoadedCase& loaded) {
  Json j = {
      {"seq", e.seq}, {"version", e.version}, {"author", e.author}, {"recorded_at", e.recorded_at}};
  if (e.retracts) {
    j["retracts"] = *e.retracts;
  } else {
    j["event"] = Json::parse(e.event, nullptr, false);
    const std::optional<std::int64_t> by = loaded.RetractedBy(e.seq);
    j["retracted_by"] = by ? Json(*by) : Json(nullptr);
  }
  if (!e.reason.empty()) j["reason"] = e.reason;
  return j;
}

Json TokenToJson(const store::TokenInfo& t) {
  Json j = {
      {"id", t.id}, {"name", t.name}, {"role", EnumName(t.role)}, {"created_at", t.created_at}};
  if (t.revoked_at) j["revoked_at"] = *t.revoked_at;
  return j;
}

// --- Small pieces of HTTP ----------------------------------------------------------------------

std::string ETag(std::int64_t version) { return "\"" + std::to_string(version) + "\""; }

Response WithVersion(Response response, std::int64_t version) {
  response.headers.emplace_back("ETag", ETag(version));
  return response;
}

// The version a write is made against, from If-Match ("7", "\"7\"" or W/"7").
Result<std::int64_t> ExpectedVersion(const Request& request) {
  const std::optional<std::string_view> header = request.Header("if-match");
  if (!header) {
    return Status(ErrorCode::kPreconditionRequired,
                  "a write needs If-Match with the case's version (its ETag, from GET "
                  "/api/cases/ID), so that it cannot overwrite a change it has not seen");
  }
  std::string_view v = *header;
  if (v.starts_with("W/")) v.remove_prefix(2);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  std::int64_t version = 0;
  const auto [end, error] = std::from_chars(v.data(), v.data() + v.size(), version);
  if (error != std::errc() || end != v.data() + v.size() || version < 1) {
    return Status(ErrorCode::kUsage,
                  "If-Match must be the case's version, a whole number such as \"7\", not '" +
                      std::string(*header) + "'");
  }
  return version;
}

Result<Json> JsonBody(const Request& request) {
  Json body = Json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return Status(ErrorCode::kSyntax, "the request body must be a JSON object");
  }
  return body;
}

// What a new case is made of: its title (the chamber's name, else `id`), its document and its
// first events, each kept with `reason` (where they came from).
struct NewCase {
  std::string title;
  std::string document;
  std::vector<store::NewEvent> events;
};

NewCase NewCaseOf(const io::StandaloneChamber& alone, const std::string& id,
                  const std::string& reason) {
  NewCase made{.title = alone.document["chamber"].value("name", id),
               .document = io::JsonText(alone.document)};
  made.events.reserve(alone.events.size());
  for (const nlohmann::ordered_json& event : alone.events) {
    made.events.push_back({.event = event.dump(), .reason = reason});
  }
  return made;
}

Result<std::string> NoFiles(const std::string& path) {
  return Status(ErrorCode::kInvalidValue,
                "an uploaded chamber file cannot name other files ('" + path +
                    "'): write its rulebook inline under 'rulebook:' and its events under "
                    "'events:' (GET /api/cases/ID/file exports a case that way), or start the "
                    "server with the file: whipcount serve FILE");
}

}  // namespace

// --- The API -----------------------------------------------------------------------------------

struct Api::Impl {
  store::Store& store;
  ApiOptions options;
  CaseCache cases;
  ResponseCache answers;
  std::vector<Route> routes;
  Json openapi;
  WorkerPool workers;

  struct Subscriber {
    std::shared_ptr<EventStream> stream;
    Request request;  // its parameters (date, motion, set) for the count it is sent
  };
  std::mutex streams_mutex;
  std::map<std::string, std::vector<Subscriber>, std::less<>> streams;

  Impl(store::Store& s, ApiOptions o)
      : store(s),
        options(o),
        cases(s),
        answers(o.response_cache_bytes),
        workers(o.analysis_workers) {
    AddRoutes();
    openapi = OpenApiOf(routes);
  }

  void AddRoutes();
  void AddAnalysisRoutes();
  Response Dispatch(const Request& request);
  Result<std::optional<store::TokenInfo>> Authenticate(const Request& request, Access access);

  Response Health(const Call& call);
  Response WhoAmI(const Call& call);
  Response ListCases(const Call& call);
  Response CreateCase(const Call& call);
  Response GetCase(const Call& call);
  Response ExportCase(const Call& call);
  Response ListEvents(const Call& call);
  Response AppendEvents(const Call& call);
  Response Analyse(const Analysis& analysis, const Call& call);
  Response Compute(const Analysis& analysis, const Call& call,
                   std::shared_ptr<const LoadedCase> loaded);
  Response Stream(const Call& call);
  Response ListTokens(const Call& call);
  Response CreateToken(const Call& call);
  Response RevokeToken(const Call& call);

  Result<std::vector<store::NewEvent>> NewEventsOf(const Json& body, const LoadedCase& loaded);
  Response Conflict(const Status& status, const std::string& id);
  Result<std::shared_ptr<const LoadedCase>> WithForecastBody(
      std::shared_ptr<const LoadedCase> loaded, const Request& request);
  Result<Json> StreamMessage(const std::shared_ptr<const LoadedCase>& loaded, const Request& params,
                             bool changes);
  void Broadcast(const std::string& id);
};

void Api::Impl::AddRoutes() {
  auto add = [this](std::string method, std::string pattern, Access access, std::string summary,
                    Response (Impl::*handler)(const Call&), bool body = false) {
    routes.push_back(
        {.method = std::move(method),
         .pattern = std::move(pattern),
         .access = access,
         .summary = std::move(summary),
         .handle = [this, handler](const Call& call) { return (this->*handler)(call); },
         .body = body});
  };
  add("GET", "/api/health", Access::kPublic, "Whether the server and its database answer",
      &Impl::Health);
  routes.push_back({.method = "GET",
                    .pattern = "/api/openapi.json",
                    .access = Access::kPublic,
                    .summary = "This document: the API in OpenAPI 3",
                    .handle = [this](const Call&) { return JsonResponse(200, openapi); }});
  add("GET", "/api/whoami", Access::kPublic,
      "Who the request's token is (name and role; null without a token) and whether anyone may "
      "read",
      &Impl::WhoAmI);
  add("GET", "/api/cases", Access::kViewer, "The cases, with their versions", &Impl::ListCases);
  add("POST", "/api/cases", Access::kAdmin,
      "Creates a case from a chamber file (YAML or JSON) in the body; ?id=ID, optional ?title=",
      &Impl::CreateCase, true);
  add("GET", "/api/cases/{case}", Access::kViewer,
      "The case: its version (also its ETag) and what it holds", &Impl::GetCase);
  add("GET", "/api/cases/{case}/file", Access::kViewer,
      "The case as a chamber file the command line reads (?format=yaml or json)",
      &Impl::ExportCase);
  add("GET", "/api/cases/{case}/events", Access::kViewer,
      "The case's event log, retractions included: who recorded what, when, citing what",
      &Impl::ListEvents);
  add("POST", "/api/cases/{case}/events", Access::kEditor,
      "Appends events ({\"event\": {...}} or {\"events\": [...]}, each with a source) or a "
      "retraction ({\"retract\": SEQ, \"reason\": ...}); needs If-Match",
      &Impl::AppendEvents, true);
  add("GET", "/api/cases/{case}/stream", Access::kViewer,
      "Server-sent events: the count now, then after every change (?date=, ?motion=, ?set=)",
      &Impl::Stream);
  add("GET", "/api/tokens", Access::kAdmin, "The access tokens (never their secrets)",
      &Impl::ListTokens);
  add("POST", "/api/tokens", Access::kAdmin,
      "Creates a token ({\"name\": ..., \"role\": viewer|editor|admin}); its secret is shown once",
      &Impl::CreateToken, true);
  add("DELETE", "/api/tokens/{token}", Access::kAdmin, "Revokes a token by name or id",
      &Impl::RevokeToken);
  AddAnalysisRoutes();
}

void Api::Impl::AddAnalysisRoutes() {
  for (const Analysis& analysis : Analyses()) {
    const std::string summary = std::string(analysis.command.summary) + " (whipcount " +
                                std::string(analysis.command.name) + ")";
    for (const std::string method : {"GET", "POST"}) {
      if (method == "POST" && analysis.route != "forecast") continue;
      routes.push_back(
          {.method = method,
           .pattern = "/api/cases/{case}/" + analysis.route,
           .access = Access::kViewer,
           .summary = method == "POST" ? summary + "; the body is the forecast section" : summary,
           .handle = [this, &analysis](const Call& call) { return Analyse(analysis, call); },
           .command = analysis.command,
           .body = method == "POST"});
    }
  }
}

namespace {

// The {names} of `pattern` that `path` fills, or nullopt when it does not match.
std::optional<std::map<std::string, std::string, std::less<>>> Match(std::string_view pattern,
                                                                     std::string_view path) {
  std::map<std::string, std::string, std::less<>> params;
  while (!pattern.empty() || !path.empty()) {
    if (pattern.empty() || path.empty() || pattern.front() != '/' || path.front() != '/') {
      return std::nullopt;
    }
    pattern.remove_prefix(1);
    path.remove_prefix(1);
    const std::string_view want = pattern.substr(0, pattern.find('/'));
    const std::string_view got = path.substr(0, path.find('/'));
    if (want.starts_with('{')) {
      if (got.empty()) return std::nullopt;
      params.emplace(std::string(want.substr(1, want.size() - 2)), std::string(got));
    } else if (want != got) {
      return std::nullopt;
    }
    pattern.remove_prefix(want.size());
    path.remove_prefix(got.size());
  }
  return params;
}

}  // namespace

Result<std::optional<store::TokenInfo>> Api::Impl::Authenticate(const Request& request,
                                                                Access access) {
  const std::optional<std::string_view> header = request.Header("authorization");
  if (!header) {
    if (access == Access::kPublic || (access == Access::kViewer && options.public_read)) {
      return std::optional<store::TokenInfo>();
    }
    return Status(ErrorCode::kUnauthorized,
                  "this needs a token: send 'Authorization: Bearer TOKEN' (an admin creates one "
                  "with whipcount token create)");
  }
  if (!header->starts_with("Bearer ")) {
    return Status(ErrorCode::kUnauthorized, "Authorization must be 'Bearer TOKEN'");
  }
  WHIPCOUNT_ASSIGN_OR_RETURN(std::optional<store::TokenInfo> token,
                             store.FindToken(store::HashSecret(header->substr(7))));
  if (!token) {
    return Status(ErrorCode::kUnauthorized, "the token is unknown or has been revoked");
  }
  const auto needed = static_cast<int>(access) - 1;
  if (access != Access::kPublic && static_cast<int>(token->role) < needed) {
    return Status(ErrorCode::kForbidden,
                  "token '" + token->name + "' is a " + std::string(EnumName(token->role)) +
                      "'s; this needs an " +
                      std::string(EnumName(static_cast<store::Role>(needed))) + "'s or more");
  }
  return token;
}

Response Api::Impl::Dispatch(const Request& request) {
  if (std::optional<Response> page = ServeWeb(request)) return *std::move(page);
  bool path_known = false;
  std::string allowed;
  for (const Route& route : routes) {
    std::optional<std::map<std::string, std::string, std::less<>>> params =
        Match(route.pattern, request.path);
    if (!params) continue;
    path_known = true;
    const bool head = request.method == "HEAD" && route.method == "GET";
    if (route.method != request.method && !head) {
      allowed += (allowed.empty() ? "" : ", ") + route.method;
      continue;
    }
    const Result<std::optional<store::TokenInfo>> token = Authenticate(request, route.access);
    if (!token.ok()) return ErrorResponse(token.status());
    if (auto it = params->find("case"); it != params->end()) {
      if (Status s = store::CheckCaseId(it->second); !s.ok()) return ErrorResponse(s);
    }
    return route.handle(Call{request, std::move(*params), *token});
  }
  if (path_known) {
    Response r = ErrorResponse(Status(ErrorCode::kMethodNotAllowed,
                                      request.method + " is not allowed here; use " + allowed));
    r.headers.emplace_back("Allow", allowed);
    return r;
  }
  return ErrorResponse(Status(ErrorCode::kNotFound,
                              "no route " + request.path + ": GET /api/openapi.json lists them"));
}

Response Api::Impl::Health(const Call&) {
  const Result<std::vector<store::CaseSummary>> listed = store.ListCases();
  Json body = {{"status", listed.ok() ? "ok" : "unavailable"},
               {"version", kVersion},
               {"database", store.Describe()}};
  if (listed.ok()) {
    body["cases"] = listed->size();
  } else {
    body["error"] = io::StatusToJson(listed.status())["error"];
  }
  return JsonResponse(listed.ok() ? 200 : 503, body);
}

Response Api::Impl::WhoAmI(const Call& call) {
  Json body = {{"name", nullptr}, {"role", nullptr}, {"public_read", options.public_read}};
  if (call.token) {
    body["name"] = call.token->name;
    body["role"] = EnumName(call.token->role);
  }
  return JsonResponse(200, body);
}

Response Api::Impl::ListCases(const Call&) {
  const Result<std::vector<store::CaseSummary>> listed = store.ListCases();
  if (!listed.ok()) return ErrorResponse(listed.status());
  Json list = Json::array();
  for (const store::CaseSummary& s : *listed) list.push_back(SummaryToJson(s));
  return JsonResponse(200, {{"cases", list}});
}

Response Api::Impl::CreateCase(const Call& call) {
  const std::optional<std::string_view> id = call.request.Query("id");
  if (!id)
    return ErrorResponse(Status(ErrorCode::kUsage, "give the new case's id: ?id=pk-na-2022"));
  if (Status s = store::CheckCaseId(std::string(*id)); !s.ok()) return ErrorResponse(s);
  const Result<io::StandaloneChamber> alone =
      io::ReadStandaloneChamber(call.request.body, "upload", NoFiles);
  if (!alone.ok()) return ErrorResponse(alone.status());
  const NewCase made_of =
      NewCaseOf(*alone, std::string(*id), "in the chamber file the case was made from");
  const std::string title(call.request.Query("title").value_or(made_of.title));
  const Result<store::CaseSummary> made =
      store.CreateCase(std::string(*id), title, made_of.document, made_of.events, call.Author());
  if (!made.ok()) return ErrorResponse(made.status());
  Response r = WithVersion(JsonResponse(201, SummaryToJson(*made)), made->version);
  r.headers.emplace_back("Location", "/api/cases/" + made->id);
  return r;
}

Response Api::Impl::GetCase(const Call& call) {
  const Result<std::shared_ptr<const LoadedCase>> loaded = cases.Get(call.Param("case"));
  if (!loaded.ok()) return ErrorResponse(loaded.status());
  const LoadedCase& c = **loaded;
  Json body = SummaryToJson(c.summary);
  body["events"] = c.log.size();
  const Result<MotionCase> on = SelectMotion(c.file->content, std::nullopt);
  if (on.ok()) body["content"] = io::CaseSummaryToJson(kCaseFileName, c.file->content, *on);
  return WithVersion(JsonResponse(200, body), c.summary.version);
}

Response Api::Impl::ExportCase(const Call& call) {
  const Result<std::shared_ptr<const LoadedCase>> loaded = cases.Get(call.Param("case"));
  if (!loaded.ok()) return ErrorResponse(loaded.status());
  const LoadedCase& c = **loaded;
  const std::string format(call.request.Query("format").value_or("yaml"));
  if (format != "yaml" && format != "json") {
    return ErrorResponse(
        Status(ErrorCode::kUsage, "format '" + format + "' is not one of: yaml, json"));
  }
  const Result<ActiveEvents> active = ActiveEventsOf(c.log);
  if (!active.ok()) return ErrorResponse(active.status());
  const Json whole = io::WithEvents(c.document, active->events);
  Response r;
  r.content_type = format == "yaml" ? "application/yaml; charset=utf-8" : "application/json";
  r.body = format == "yaml" ? "# " + c.summary.title + ": case " + c.summary.id + " at version " +
                                  std::to_string(c.summary.version) + ", exported by whipcount " +
                                  std::string(kVersion) + "\n" + io::JsonToYaml(whole)
                            : io::JsonText(whole);
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"" + c.summary.id + "." + format + "\"");
  return WithVersion(std::move(r), c.summary.version);
}

Response Api::Impl::ListEvents(const Call& call) {
  const Result<std::shared_ptr<const LoadedCase>> loaded = cases.Get(call.Param("case"));
  if (!loaded.ok()) return ErrorResponse(loaded.status());
  const LoadedCase& c = **loaded;
  Json list = Json::array();
  for (const store::StoredEvent& e : c.log) list.push_back(StoredEventToJson(e, c));
  return WithVersion(
      JsonResponse(200, {{"case", c.summary.id}, {"version", c.summary.version}, {"events", list}}),
      c.summary.version);
}

Result<std::vector<store::NewEvent>> Api::Impl::NewEventsOf(const Json& body,
                                                            const LoadedCase& loaded) {
  std::vector<store::NewEvent> out;
  const std::string reason = body.contains("reason") && body["reason"].is_string()
                                 ? body["reason"].get<std::string>()
                                 : "";
  if (body.contains("retract")) {
    if (!body["retract"].is_number_integer()) {
      return Status(ErrorCode::kType, "'retract' is the seq of the event to withdraw",
                    {.path = "retract"});
    }
    if (reason.empty()) {
      return Status(ErrorCode::kMissingField, "a retraction needs a 'reason'", {.path = "reason"});
    }
    const auto seq = body["retract"].get<std::int64_t>();
    const auto it = std::find_if(loaded.log.begin(), loaded.log.end(),
                                 [&](const store::StoredEvent& e) { return e.seq == seq; });
    if (it == loaded.log.end() || it->event.empty() || loaded.RetractedBy(seq)) {
      return Status(ErrorCode::kInvalidValue,
                    "event " + std::to_string(seq) +
                        (it == loaded.log.end() ? " does not exist"
                         : it->event.empty()    ? " is a retraction, which cannot be retracted"
                                                : " is already retracted"),
                    {.path = "retract"});
    }
    out.push_back({.retracts = seq, .reason = reason});
    return out;
  }
  Json list = body.contains("events") ? body["events"] : Json::array({body.value("event", Json())});
  if (!list.is_array() || list.empty()) {
    return Status(ErrorCode::kMissingField,
                  "give {\"event\": {...}}, {\"events\": [...]} or {\"retract\": SEQ, \"reason\": "
                  "...}");
  }
  for (size_t k = 0; k < list.size(); ++k) {
    const std::string at = body.contains("events") ? "events[" + std::to_string(k) + "]" : "event";
    if (!list[k].is_object()) {
      return Status(ErrorCode::kType, "an event is a map, as in a chamber file", {.path = at});
    }
    if (!list[k].contains("source")) {
      return Status(ErrorCode::kMissingField,
                    "every event recorded here needs a source: the id of one of the case's "
                    "sources, or {title, publisher, url, published, quote}",
                    {.path = at + ".source"});
    }
    out.push_back({.event = list[k].dump(), .reason = reason});
  }
  return out;
}

Response Api::Impl::Conflict(const Status& status, const std::string& id) {
  Response r = ErrorResponse(status);
  if (const Result<std::int64_t> now = store.CaseVersion(id); now.ok()) {
    r.headers.emplace_back("ETag", ETag(*now));
  }
  return r;
}

Response Api::Impl::AppendEvents(const Call& call) {
  const std::string& id = call.Param("case");
  const Result<std::int64_t> expected = ExpectedVersion(call.request);
  if (!expected.ok()) return ErrorResponse(expected.status());
  const Result<Json> body = JsonBody(call.request);
  if (!body.ok()) return ErrorResponse(body.status());
  const Result<std::shared_ptr<const LoadedCase>> loaded = cases.Get(id);
  if (!loaded.ok()) return ErrorResponse(loaded.status());
  const LoadedCase& c = **loaded;
  if (c.summary.version != *expected) {
    return Conflict(
        Status(ErrorCode::kConflict,
               "case " + id + " is at version " + std::to_string(c.summary.version) + ", not " +
                   std::to_string(*expected) + ": reload it, check the change, and try again"),
        id);
  }
  const Result<std::vector<store::NewEvent>> events = NewEventsOf(*body, c);
  if (!events.ok()) return ErrorResponse(events.status());
  // The case with the new events must still be a valid case: replayed, every event applies.
  const Result<ActiveEvents> active = ActiveEventsOf(c.log, *events);
  if (!active.ok()) return ErrorResponse(active.status());
  const std::string text = io::JsonText(io::WithEvents(c.document, active->events));
  if (const auto parsed = ParseCase(id, text, active->seqs); !parsed.ok()) {
    Status s = parsed.status();
    // One event sent alone is "event" in the body, not "events[0]".
    if (!body->contains("events") && s.where().path.starts_with("events[0]")) {
      s.mutable_where().path = "event" + s.where().path.substr(9);
    }
    return ErrorResponse(s);
  }
  const Result<std::vector<store::StoredEvent>> stored =
      store.AppendEvents(id, *expected, *events, call.Author());
  if (!stored.ok()) {
    return stored.status().code() == ErrorCode::kConflict ? Conflict(stored.status(), id)
                                                          : ErrorResponse(stored.status());
  }
  Json list = Json::array();
  for (const store::StoredEvent& e : *stored) list.push_back(StoredEventToJson(e, c));
  const std::int64_t version = stored->empty() ? *expected : stored->front().version;
  return WithVersion(JsonResponse(201, {{"case", id}, {"version", version}, {"events", list}}),
                     version);
}

Result<std::shared_ptr<const LoadedCase>> Api::Impl::WithForecastBody(
    std::shared_ptr<const LoadedCase> loaded, const Request& request) {
  if (request.method != "POST") return loaded;
  WHIPCOUNT_ASSIGN_OR_RETURN(const io::YamlNode section, io::ParseYaml(request.body, "body"));
  auto changed = std::make_shared<LoadedCase>(*loaded);
  changed->document["forecast"] = io::YamlToJson(section);
  WHIPCOUNT_ASSIGN_OR_RETURN(const ActiveEvents active, ActiveEventsOf(changed->log));
  changed->text = io::JsonText(io::WithEvents(changed->document, active.events));
  WHIPCOUNT_ASSIGN_OR_RETURN(changed->file,
                             ParseCase(changed->summary.id, changed->text, changed->seqs));
  return std::shared_ptr<const LoadedCase>(std::move(changed));
}

// The answer kept for the same request on the same version, else a new one (kept when it is a
// success). A POST's body changes the case (a forecast's assumptions): its answer is not kept.
Response Api::Impl::Analyse(const Analysis& analysis, const Call& call) {
  const Result<std::shared_ptr<const LoadedCase>> loaded = cases.Get(call.Param("case"));
  if (!loaded.ok()) return ErrorResponse(loaded.status());
  if (call.request.method != "GET") return Compute(analysis, call, *loaded);
  const std::string key = ResponseCache::Key((*loaded)->summary.version, call.request.target);
  if (std::optional<Response> kept = answers.Find(key)) return *std::move(kept);
  Response response = Compute(analysis, call, *loaded);
  if (response.status == 200) answers.Add(key, response);
  return response;
}

Response Api::Impl::Compute(const Analysis& analysis, const Call& call,
                            std::shared_ptr<const LoadedCase> stored) {
  const Result<std::shared_ptr<const LoadedCase>> loaded =
      WithForecastBody(std::move(stored), call.request);
  if (!loaded.ok()) return ErrorResponse(loaded.status());
  const std::int64_t version = (*loaded)->summary.version;
  if (!analysis.expensive) {
    return WithVersion(RunAnalysis(analysis, *loaded, call.request), version);
  }
  auto task = std::make_shared<std::packaged_task<Response()>>(
      [&analysis, case_now = *loaded, request = call.request] {
        return RunAnalysis(analysis, case_now, request);
      });
  std::future<Response> answer = task->get_future();
  if (!workers.Submit([task] { (*task)(); })) {
    return ErrorResponse(
        Status(ErrorCode::kTimeout, "every analysis worker is busy: try again in a few seconds"));
  }
  if (answer.wait_for(options.analysis_limit) != std::future_status::ready) {
    return ErrorResponse(Status(
        ErrorCode::kTimeout,
        "the " + analysis.route + " took longer than " +
            std::to_string(options.analysis_limit.count()) +
            " ms, the server's limit: ask for less (fewer draws, --max-work, a smaller --limit), "
            "or run whipcount " +
            std::string(analysis.command.name) + " on the exported file on your own machine"));
  }
  return WithVersion(answer.get(), version);
}

// --- Live streams ------------------------------------------------------------------------------

// The count a stream sends, with the events of the change that made this version (none in the
// first message, which is the count as it stands).
Result<Json> Api::Impl::StreamMessage(const std::shared_ptr<const LoadedCase>& shared,
                                      const Request& params, bool with_changes) {
  const LoadedCase& loaded = *shared;
  const Analysis& tally = Analyses().front();
  Request request = params;
  std::erase_if(request.query, [](const auto& q) { return q.first == "format"; });
  std::ostringstream out;
  std::ostringstream err;
  const LoadedSource source(shared);
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::vector<std::string> words, WordsFor(tally, request));
  cli::Io io{out, err, false, std::nullopt, &source};
  WHIPCOUNT_RETURN_IF_ERROR(cli::RunWords(tally.command, words, io));
  Json changes = Json::array();
  for (const store::StoredEvent& e : loaded.log) {
    if (with_changes && e.version == loaded.summary.version)
      changes.push_back(StoredEventToJson(e, loaded));
  }
  return Json{{"case", loaded.summary.id},
              {"version", loaded.summary.version},
              {"changes", changes},
              {"tally", Json::parse(std::move(out).str())}};
}

Response Api::Impl::Stream(const Call& call) {
  const Result<std::shared_ptr<const LoadedCase>> loaded = cases.Get(call.Param("case"));
  if (!loaded.ok()) return ErrorResponse(loaded.status());
  const Result<Json> first = StreamMessage(*loaded, call.request, false);
  if (!first.ok()) return ErrorResponse(first.status());
  Response r;
  r.body =
      "event: tally\ndata: " + first->dump(-1, ' ', false, Json::error_handler_t::replace) + "\n\n";
  r.on_stream = [this, id = call.Param("case"),
                 request = call.request](std::shared_ptr<EventStream> stream) {
    const std::lock_guard lock(streams_mutex);
    streams[id].push_back({std::move(stream), request});
  };
  return r;
}

void Api::Impl::Broadcast(const std::string& id) {
  std::vector<Subscriber> subscribers;
  {
    const std::lock_guard lock(streams_mutex);
    auto it = streams.find(id);
    if (it == streams.end()) return;
    std::erase_if(it->second, [](const Subscriber& s) { return !s.stream->open(); });
    subscribers = it->second;
  }
  const Result<std::shared_ptr<const LoadedCase>> loaded = cases.Get(id);
  // Subscribers asking the same question get the same message, computed once. In the key a NUL,
  // which no decoded parameter holds, goes before each name and value: no two questions share it.
  std::map<std::string, std::string> messages;
  for (const Subscriber& s : subscribers) {
    std::string key = s.request.target.substr(0, s.request.target.find('?'));
    for (const auto& [name, value] : s.request.query) {
      key.append(1, '\0').append(name).append(1, '\0').append(value);
    }
    auto [it, fresh] = messages.try_emplace(key);
    if (fresh) {
      const Result<Json> message =
          loaded.ok() ? StreamMessage(*loaded, s.request, true) : Result<Json>(loaded.status());
      it->second = message.ok()
                       ? "tally\n" + message->dump(-1, ' ', false, Json::error_handler_t::replace)
                       : "error\n" + io::StatusToJson(message.status()).dump();
    }
    const size_t split = it->second.find('\n');
    s.stream->Send(std::string_view(it->second).substr(0, split),
                   std::string_view(it->second).substr(split + 1));
  }
}

// --- Tokens ------------------------------------------------------------------------------------

Response Api::Impl::ListTokens(const Call&) {
  const Result<std::vector<store::TokenInfo>> tokens = store.ListTokens();
  if (!tokens.ok()) return ErrorResponse(tokens.status());
  Json list = Json::array();
  for (const store::TokenInfo& t : *tokens) list.push_back(TokenToJson(t));
  return JsonResponse(200, {{"tokens", list}});
}

Response Api::Impl::CreateToken(const Call& call) {
  const Result<Json> body = JsonBody(call.request);
  if (!body.ok()) return ErrorResponse(body.status());
  const std::string name = body->value("name", "");
  if (name.empty()) {
    return ErrorResponse(
        Status(ErrorCode::kMissingField, "a token needs a 'name'", {.path = "name"}));
  }
  const std::optional<store::Role> role = ParseEnum<store::Role>(body->value("role", ""));
  if (!role) {
    return ErrorResponse(Status(ErrorCode::kInvalidValue,
                                "'role' is one of: " + EnumChoices<store::Role>(),
                                {.path = "role"}));
  }
  const std::string secret = store::NewSecret();
  const Result<store::TokenInfo> made = store.CreateToken(name, *role, store::HashSecret(secret));
  if (!made.ok()) return ErrorResponse(made.status());
  Json j = TokenToJson(*made);
  j["token"] = secret;
  return JsonResponse(201, j);
}

Response Api::Impl::RevokeToken(const Call& call) {
  if (Status s = store.RevokeToken(call.Param("token")); !s.ok()) return ErrorResponse(s);
  return JsonResponse(200, {{"revoked", call.Param("token")}});
}

// --- Api ---------------------------------------------------------------------------------------

Api::Api(store::Store& store, ApiOptions options) : impl_(std::make_unique<Impl>(store, options)) {}

Api::~Api() = default;

Response Api::Handle(const Request& request) {
  try {
    return impl_->Dispatch(request);
  } catch (const std::exception& e) {
    return ErrorResponse(Status(ErrorCode::kStorage, std::string("internal error: ") + e.what()));
  }
}

Result<std::string> Api::ImportFile(const std::string& path, const std::string& author) {
  std::string id = std::filesystem::path(path).stem().string();
  std::transform(id.begin(), id.end(), id.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  WHIPCOUNT_RETURN_IF_ERROR(store::CheckCaseId(id));
  const auto already_there = [&id](std::int64_t version) {
    return "case " + id + " is already in the database (version " + std::to_string(version) +
           "): not imported again";
  };
  if (const Result<std::int64_t> there = impl_->store.CaseVersion(id); there.ok()) {
    return already_there(*there);
  }
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::string text, io::ReadFile(path));
  WHIPCOUNT_ASSIGN_OR_RETURN(const io::StandaloneChamber alone,
                             io::ReadStandaloneChamber(text, path, io::ReadFile));
  const NewCase made_of = NewCaseOf(alone, id, "imported from " + path);
  const Result<store::CaseSummary> made =
      impl_->store.CreateCase(id, made_of.title, made_of.document, made_of.events, author);
  if (made.status().code() == ErrorCode::kConflict) {
    // Another server on the database imported it meanwhile (replicas starting at once).
    WHIPCOUNT_ASSIGN_OR_RETURN(const std::int64_t version, impl_->store.CaseVersion(id));
    return already_there(version);
  }
  WHIPCOUNT_RETURN_IF_ERROR(made.status());
  return "imported " + path + " as case " + made->id + " (" +
         std::to_string(made_of.events.size()) + " events)";
}

void Api::Changed(const store::Change& change) { impl_->Broadcast(change.case_id); }

void Api::CloseStreams() {
  const std::lock_guard lock(impl_->streams_mutex);
  impl_->streams.clear();
}

const nlohmann::ordered_json& Api::OpenApi() const { return impl_->openapi; }

}  // namespace whipcount::server
