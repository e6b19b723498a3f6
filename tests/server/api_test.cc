// The API of `whipcount serve` end to end: a real server on loopback over a real database
// (a SQLite file, and PostgreSQL started by the tests), called over TCP.
#include "server/api.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "io/json_out.h"
#include "server/http.h"
#include "store/store.h"
#include "support/http_client.h"
#include "support/postgres.h"
#include "support/run_in_process.h"

namespace whipcount::server {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;
using testing_support::HttpClient;
using testing_support::HttpHeaders;
using testing_support::HttpReply;
using testing_support::SseClient;

constexpr const char* kPakistan = WHIPCOUNT_SOURCE_DIR "/data/pk-na-2022.yaml";

// A server on a free port over a fresh database of the backend named by the test's parameter.
class ApiTest : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { Start({}); }

  void Start(ApiOptions options) {
    std::string url;
    static int serial = 0;
    if (GetParam() == "sqlite") {
      dir_ = fs::temp_directory_path() /
             ("whipcount-api-" + std::to_string(getpid()) + "-" + std::to_string(++serial));
      fs::create_directories(dir_);
      url = (dir_ / "whipcount.db").string();
    } else {
      const Result<std::string> made = testing_support::NewPostgresDatabase();
      ASSERT_TRUE(made.ok()) << made.status().ToString();
      url = *made;
    }
    Result<std::unique_ptr<store::Store>> opened = store::OpenStore(url);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(*opened);
    api_ = std::make_unique<Api>(*store_, options);
    store_->OnChange([this](const store::Change& c) { api_->Changed(c); });
    admin_ = Token("admin", store::Role::kAdmin);
    http_ = std::make_unique<HttpServer>(HttpOptions{.port = 0, .threads = 2},
                                         [this](const Request& r) { return api_->Handle(r); });
    ASSERT_TRUE(http_->Listen().ok());
    runner_ = std::thread([this] { http_->Run(false); });
  }

  void TearDown() override {
    if (http_) http_->Stop();
    if (runner_.joinable()) runner_.join();
    if (store_) store_->OnChange(nullptr);
    http_.reset();
    api_.reset();
    store_.reset();
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  std::string Token(const std::string& name, store::Role role) {
    std::string secret = store::NewSecret();
    EXPECT_TRUE(store_->CreateToken(name, role, store::HashSecret(secret)).ok());
    return secret;
  }

  static HttpHeaders As(const std::string& token, HttpHeaders more = {}) {
    more.emplace_back("Authorization", "Bearer " + token);
    return more;
  }

  HttpReply Get(const std::string& target, const std::string& token) {
    return HttpClient(http_->port()).Request("GET", target, {}, As(token));
  }
  HttpReply Get(const std::string& target) { return Get(target, admin_); }

  HttpReply Post(const std::string& target, const std::string& body, HttpHeaders headers,
                 const std::string& token) {
    return HttpClient(http_->port()).Request("POST", target, body, As(token, std::move(headers)));
  }

  void Import(const std::string& path = kPakistan) {
    const Result<std::string> done = api_->ImportFile(path, "test");
    ASSERT_TRUE(done.ok()) << done.status().ToString();
  }

  static Json Body(const HttpReply& r) { return Json::parse(r.body, nullptr, false); }

  // An event with a source, for the Pakistan case.
  static Json Note(const std::string& date, const std::string& summary) {
    return {{"date", date},
            {"kind", "note"},
            {"summary", summary},
            {"source", {{"title", "Test"}, {"publisher", "Dawn"}, {"published", date}}}};
  }

  HttpReply Append(const Json& body, std::int64_t version, const std::string& token) {
    return Post("/api/cases/pk-na-2022/events", body.dump(),
                {{"If-Match", "\"" + std::to_string(version) + "\""}}, token);
  }
  HttpReply Append(const Json& body, std::int64_t version) { return Append(body, version, admin_); }

  fs::path dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Api> api_;
  std::unique_ptr<HttpServer> http_;
  std::thread runner_;
  std::string admin_;
};

// The CLI's output for the same question on a file.
std::string Cli(const std::vector<std::string>& argv) {
  const cli::CliRun run = cli::RunInProcess(argv);
  EXPECT_EQ(run.code, 0) << run.err;
  return run.out;
}

TEST_P(ApiTest, AnalysesAreTheCommandLinesOwnOutput) {
  Import();
  for (const auto& [route, argv] : std::vector<std::pair<std::string, std::vector<std::string>>>{
           {"tally?date=2022-03-29", {"tally", kPakistan, "--date", "2022-03-29", "--json"}},
           {"tally?date=2022-03-30&format=csv",
            {"tally", kPakistan, "--date", "2022-03-30", "--csv"}},
           {"explain?date=2022-03-30&format=text", {"explain", kPakistan, "--date", "2022-03-30"}},
           {"tally?date=2022-03-29&set=MQM-P%3Dfor",
            {"tally", kPakistan, "--date", "2022-03-29", "--set", "MQM-P=for", "--json"}},
           {"timeline", {"timeline", kPakistan, "--json"}},
           {"diff?from=2022-03-08&to=2022-03-30",
            {"diff", kPakistan, "2022-03-08", "2022-03-30", "--json"}},
           {"forecast?date=2022-03-29", {"forecast", kPakistan, "--date", "2022-03-29", "--json"}},
           {"power?date=2022-03-30", {"power", kPakistan, "--date", "2022-03-30", "--json"}},
           {"coalitions", {"coalitions", kPakistan, "--json"}},
           {"diagram.svg?date=2022-03-30", {"draw", kPakistan, "--date", "2022-03-30"}},
           {"chart.svg", {"chart", kPakistan}},
       }) {
    SCOPED_TRACE(route);
    const HttpReply r = Get("/api/cases/pk-na-2022/" + route);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.Header("etag"), "\"1\"");
    EXPECT_EQ(r.body, Cli(argv));
  }
  const HttpReply png = Get("/api/cases/pk-na-2022/diagram.png");
  EXPECT_EQ(png.status, 200);
  EXPECT_EQ(png.Header("content-type"), "image/png");
  EXPECT_TRUE(png.body.starts_with("\x89PNG"));
}

TEST_P(ApiTest, TheVerdictChangesFrom29To30March) {
  Import();
  const Json before = Body(Get("/api/cases/pk-na-2022/tally?date=2022-03-29"));
  const Json after = Body(Get("/api/cases/pk-na-2022/tally?date=2022-03-30"));
  EXPECT_EQ(before["required"], 172);
  EXPECT_LT(before["for"].get<int>(), 172);
  EXPECT_GE(after["for"].get<int>(), 172);
  EXPECT_NE(before["verdict"], after["verdict"]);
}

// Every shipped file, made a case and exported, is a chamber file the CLI counts the same.
TEST_P(ApiTest, EveryShippedFileExportsToAFileTheCliCountsTheSame) {
  for (const auto& entry : fs::directory_iterator(WHIPCOUNT_SOURCE_DIR "/data")) {
    if (entry.path().extension() != ".yaml") continue;
    SCOPED_TRACE(entry.path().string());
    Import(entry.path().string());
    const std::string id = entry.path().stem().string();
    for (const std::string format : {"yaml", "json"}) {
      std::string target = "/api/cases/" + id;
      target.append("/file?format=").append(format);
      const HttpReply file = Get(target);
      ASSERT_EQ(file.status, 200) << file.body;
      const fs::path exported = fs::temp_directory_path() /
                                (id + "-" + std::to_string(getpid())).append(".").append(format);
      std::ofstream(exported) << file.body;
      EXPECT_EQ(Cli({"timeline", exported.string(), "--json"}),
                Cli({"timeline", entry.path().string(), "--json"}));
      EXPECT_EQ(Get("/api/cases/" + id + "/timeline").body,
                Cli({"timeline", entry.path().string(), "--json"}));
      fs::remove(exported);
    }
  }
}

TEST_P(ApiTest, EventsAreAppendedWithTheirAuthorAndRetractedByAppending) {
  Import();
  const std::string editor = Token("Desk 2", store::Role::kEditor);
  const Json stance = {
      {"date", "2022-03-29"},
      {"kind", "stance"},
      {"party", "MQM-P"},
      {"stance", "for"},
      {"summary", "MQM-P will vote for the motion"},
      {"source", {{"title", "MQM-P joins the opposition"}, {"publisher", "Dawn"}}}};
  const HttpReply added = Append({{"event", stance}}, 1, editor);
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(added.Header("etag"), "\"2\"");
  const std::int64_t seq = Body(added)["events"][0]["seq"];
  EXPECT_EQ(Body(added)["events"][0]["author"], "Desk 2");
  EXPECT_EQ(Body(Get("/api/cases/pk-na-2022/tally?date=2022-03-29"))["for"], 176);

  const HttpReply retracted = Append({{"retract", seq}, {"reason", "misreported"}}, 2, editor);
  ASSERT_EQ(retracted.status, 201) << retracted.body;
  EXPECT_EQ(Body(Get("/api/cases/pk-na-2022/tally?date=2022-03-29"))["for"], 169);

  const Json log = Body(Get("/api/cases/pk-na-2022/events"));
  ASSERT_EQ(log["version"], 3);
  const Json& withdrawn = log["events"][static_cast<size_t>(seq - 1)];
  EXPECT_EQ(withdrawn["retracted_by"], seq + 1);
  EXPECT_EQ(withdrawn["event"]["party"], "MQM-P");
  EXPECT_EQ(log["events"].back()["retracts"], seq);
  EXPECT_EQ(log["events"].back()["reason"], "misreported");
  // Retracting twice, or a retraction, is refused.
  EXPECT_EQ(Append({{"retract", seq}, {"reason", "again"}}, 3).status, 400);
  EXPECT_EQ(Append({{"retract", seq + 1}, {"reason", "undo"}}, 3).status, 400);
}

TEST_P(ApiTest, AWriteNeedsTheCurrentVersionAndAValidSourcedEvent) {
  Import();
  const HttpReply no_if_match = Post("/api/cases/pk-na-2022/events",
                                     Json{{"event", Note("2022-03-31", "x")}}.dump(), {}, admin_);
  EXPECT_EQ(no_if_match.status, 428);
  EXPECT_EQ(Body(no_if_match)["error"]["code"], "E505");
  ASSERT_EQ(Append({{"event", Note("2022-03-31", "first")}}, 1).status, 201);
  const HttpReply stale = Append({{"event", Note("2022-03-31", "second")}}, 1);
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(Body(stale)["error"]["code"], "E502");
  EXPECT_EQ(stale.Header("etag"), "\"2\"");
  Json unsourced = Note("2022-03-31", "x");
  unsourced.erase("source");
  const HttpReply missing = Append({{"event", unsourced}}, 2);
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(Body(missing)["error"]["path"], "event.source");
  Json unknown = Note("2022-03-31", "x");
  unknown["kind"] = "join-bloc";
  unknown["party"] = "NOPE";
  unknown["bloc"] = "opposition";
  const HttpReply bad = Append({{"events", Json::array({Note("2022-03-31", "ok"), unknown})}}, 2);
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Body(bad)["error"]["code"], "E202");
  EXPECT_TRUE(Body(bad)["error"]["path"].get<std::string>().starts_with("events[1]")) << bad.body;
  EXPECT_EQ(Body(Get("/api/cases/pk-na-2022"))["version"], 2) << "a refused write changes nothing";
  // An event dated before the last one takes its place by date.
  ASSERT_EQ(Append({{"event", Note("2022-03-09", "late news")}}, 2).status, 201);
  EXPECT_EQ(Get("/api/cases/pk-na-2022/timeline").status, 200);
}

TEST_P(ApiTest, RolesDecideWhoMayReadAndWrite) {
  Import();
  const std::string viewer = Token("Graphics", store::Role::kViewer);
  HttpClient anonymous(http_->port());
  const HttpReply no_token = anonymous.Request("GET", "/api/cases/pk-na-2022/tally");
  EXPECT_EQ(no_token.status, 401);
  EXPECT_EQ(Body(no_token)["error"]["code"], "E503");
  EXPECT_EQ(Get("/api/cases/pk-na-2022/tally", viewer).status, 200);
  const HttpReply forbidden = Append({{"event", Note("2022-03-31", "x")}}, 1, viewer);
  EXPECT_EQ(forbidden.status, 403);
  EXPECT_EQ(Body(forbidden)["error"]["code"], "E504");
  EXPECT_EQ(Get("/api/cases/pk-na-2022/tally", "not-a-token").status, 401);
  EXPECT_EQ(Get("/api/tokens", viewer).status, 403);
  const HttpReply made = Post("/api/tokens", R"({"name": "Desk 3", "role": "editor"})", {}, admin_);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string desk3 = Body(made)["token"];
  EXPECT_EQ(Append({{"event", Note("2022-03-31", "x")}}, 1, desk3).status, 201);
  EXPECT_EQ(
      HttpClient(http_->port()).Request("DELETE", "/api/tokens/Desk%203", {}, As(admin_)).status,
      200);
  EXPECT_EQ(Get("/api/cases/pk-na-2022", desk3).status, 401) << "a revoked token";
  EXPECT_EQ(Get("/api/tokens").body.find(desk3), std::string::npos);
}

TEST_P(ApiTest, PublicModeLetsAnyoneReadButNotWrite) {
  TearDown();
  Start({.public_read = true});
  Import();
  HttpClient anonymous(http_->port());
  EXPECT_EQ(anonymous.Request("GET", "/api/cases/pk-na-2022/tally").status, 200);
  EXPECT_EQ(anonymous
                .Request("POST", "/api/cases/pk-na-2022/events",
                         Json{{"event", Note("2022-03-31", "x")}}.dump(), {{"If-Match", "1"}})
                .status,
            401);
}

// The dashboard's files are served to anyone, from the binary, with a validator and a policy that
// lets the page run only its own scripts; /api/whoami tells the page who its token is.
TEST_P(ApiTest, TheDashboardIsServedAndTellsThePageWhoIsSignedIn) {
  HttpClient anonymous(http_->port());
  const HttpReply page = anonymous.Request("GET", "/?case=pk-na-2022&date=2022-03-29");
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.Header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(page.body.find("<script type=\"module\" src=\"/ui/app.js\">"), std::string::npos);
  EXPECT_NE(page.Header("content-security-policy").value_or("").find("default-src 'self'"),
            std::string::npos);
  const HttpReply script = anonymous.Request("GET", "/ui/app.js");
  ASSERT_EQ(script.status, 200);
  EXPECT_EQ(script.Header("content-type"), "text/javascript; charset=utf-8");
  const std::string etag = script.Header("etag").value_or("");
  ASSERT_FALSE(etag.empty());
  const HttpReply again = anonymous.Request("GET", "/ui/app.js", {}, {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  const HttpReply missing = anonymous.Request("GET", "/ui/nothing.js");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(Body(missing)["error"]["code"], "E501");
  const HttpReply post = anonymous.Request("POST", "/", "x");
  EXPECT_EQ(post.status, 405);
  EXPECT_EQ(post.Header("allow"), "GET, HEAD");

  EXPECT_EQ(Body(anonymous.Request("GET", "/api/whoami")),
            Json({{"name", nullptr}, {"role", nullptr}, {"public_read", false}}));
  const std::string editor = Token("Desk 2", store::Role::kEditor);
  EXPECT_EQ(Body(Get("/api/whoami", editor)),
            Json({{"name", "Desk 2"}, {"role", "editor"}, {"public_read", false}}));
  EXPECT_EQ(Get("/api/whoami", "not-a-token").status, 401);
}

TEST_P(ApiTest, CasesAreUploadedStandingAloneAndBadInputIsExplained) {
  Import();
  const std::string exported = Get("/api/cases/pk-na-2022/file").body;
  const HttpReply made = Post("/api/cases?id=copy", exported, {}, admin_);
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(Get("/api/cases/copy/tally?date=2022-03-30").body,
            Get("/api/cases/pk-na-2022/tally?date=2022-03-30").body);
  EXPECT_EQ(Post("/api/cases?id=copy", exported, {}, admin_).status, 409);
  std::ifstream in(kPakistan);
  const std::string original((std::istreambuf_iterator<char>(in)), {});
  const HttpReply with_rulebook = Post("/api/cases?id=other", original, {}, admin_);
  EXPECT_EQ(with_rulebook.status, 400);
  EXPECT_NE(Body(with_rulebook)["error"]["message"].get<std::string>().find("rulebook"),
            std::string::npos);
  EXPECT_EQ(Post("/api/cases?id=Bad_Id", exported, {}, admin_).status, 400);
  EXPECT_EQ(Post("/api/cases?id=broken", "chamber: [", {}, admin_).status, 400);
  EXPECT_EQ(Get("/api/cases/nope/tally").status, 404);
  EXPECT_EQ(Body(Get("/api/cases/nope/tally"))["error"]["code"], "E501");
  EXPECT_EQ(Get("/api/nothing").status, 404);
  EXPECT_EQ(HttpClient(http_->port()).Request("DELETE", "/api/cases", {}, As(admin_)).status, 405);
  const HttpReply bad_param = Get("/api/cases/pk-na-2022/tally?output=/etc/passwd");
  EXPECT_EQ(bad_param.status, 400);
  EXPECT_EQ(Body(bad_param)["error"]["code"], "E401");
  EXPECT_EQ(Get("/api/cases/pk-na-2022/tally?date=2022-13-01").status, 400);
  EXPECT_EQ(Get("/api/cases/pk-na-2022/tally?colour=x").status, 400);
}

TEST_P(ApiTest, StreamsSendTheNewCountAfterEveryChange) {
  Import();
  SseClient stream(http_->port(), "/api/cases/pk-na-2022/stream?date=2022-03-31", As(admin_));
  ASSERT_EQ(stream.head().status, 200) << stream.head().error;
  const std::optional<testing_support::SseEvent> first = stream.Next(std::chrono::seconds(30));
  ASSERT_TRUE(first);
  EXPECT_EQ(first->event, "tally");
  EXPECT_EQ(Json::parse(first->data)["version"], 1);
  ASSERT_EQ(Append({{"event", Note("2022-03-31", "news")}}, 1).status, 201);
  std::optional<testing_support::SseEvent> next;
  do {
    next = stream.Next(std::chrono::seconds(30));
  } while (next && next->event.empty());
  ASSERT_TRUE(next);
  const Json message = Json::parse(next->data);
  EXPECT_EQ(message["version"], 2);
  EXPECT_EQ(message["changes"][0]["author"], "admin");
  EXPECT_EQ(message["changes"][0]["event"]["summary"], "news");
  EXPECT_EQ(message["tally"], Body(Get("/api/cases/pk-na-2022/tally?date=2022-03-31")));
}

// Editors writing at once: every write the server accepted is in the log exactly once, and a
// write made against an old version was refused, never applied over another.
TEST_P(ApiTest, ConcurrentEditorsLoseNoUpdate) {
  Import();
  constexpr int kEditors = 4;
  constexpr int kWrites = 8;
  std::vector<std::thread> editors;
  editors.reserve(kEditors);
  std::atomic<int> conflicts = 0;
  std::mutex mutex;
  std::set<std::string> accepted;
  for (int e = 0; e < kEditors; ++e) {
    editors.emplace_back([&, e] {
      for (int w = 0; w < kWrites; ++w) {
        const std::string summary = "editor " + std::to_string(e) + " write " + std::to_string(w);
        for (;;) {
          const std::int64_t version = Body(Get("/api/cases/pk-na-2022"))["version"];
          const HttpReply r = Append({{"event", Note("2022-03-31", summary)}}, version);
          if (r.status == 201) {
            const std::lock_guard lock(mutex);
            accepted.insert(summary);
            break;
          }
          ASSERT_EQ(r.status, 409) << r.body;
          ++conflicts;
        }
      }
    });
  }
  for (std::thread& t : editors) t.join();
  const Json log = Body(Get("/api/cases/pk-na-2022/events"));
  std::multiset<std::string> logged;
  std::int64_t last_version = 0;
  for (const Json& e : log["events"]) {
    EXPECT_GE(e["version"].get<std::int64_t>(), last_version);
    last_version = e["version"];
    if (e["event"]["kind"] == "note" && e["event"]["date"] == "2022-03-31") {
      logged.insert(e["event"]["summary"].get<std::string>());
    }
  }
  EXPECT_EQ(accepted.size(), static_cast<size_t>(kEditors * kWrites));
  EXPECT_EQ(logged, std::multiset<std::string>(accepted.begin(), accepted.end()));
  EXPECT_EQ(log["version"], 1 + kEditors * kWrites);
}

TEST_P(ApiTest, AnExpensiveAnalysisPastTheLimitIsRefusedNotLeftRunning) {
  TearDown();
  Start({.analysis_limit = std::chrono::milliseconds(50), .analysis_workers = 1});
  Import();
  const HttpReply r = Get("/api/cases/pk-na-2022/forecast?method=monte-carlo&draws=3000000&seed=1");
  EXPECT_EQ(r.status, 503) << r.body.substr(0, 300);
  EXPECT_EQ(Body(r)["error"]["code"], "E507");
  EXPECT_EQ(Get("/api/cases/pk-na-2022/tally").status, 200) << "the server still answers";
}

// The OpenAPI document lists exactly the routes the server answers.
TEST_P(ApiTest, OpenApiListsEveryRouteTheServerHas) {
  Import();
  const Json doc = Body(HttpClient(http_->port()).Request("GET", "/api/openapi.json"));
  ASSERT_EQ(doc["openapi"], "3.0.3");
  size_t operations = 0;
  for (const auto& [path, methods] : doc["paths"].items()) {
    for (const auto& [method, op] : methods.items()) {
      ++operations;
      std::string target = path;
      if (const size_t at = target.find("{case}"); at != std::string::npos) {
        target.replace(at, 6, "pk-na-2022");
      }
      if (const size_t at = target.find("{token}"); at != std::string::npos) {
        target.replace(at, 7, "nobody");
      }
      if (path.ends_with("/diff")) target += "?from=2022-03-08&to=2022-03-30";
      if (path.ends_with("/stream")) continue;  // checked by the stream test
      std::string upper = method;
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      const HttpReply r = HttpClient(http_->port()).Request(upper, target, "{}", As(admin_));
      SCOPED_TRACE(target);
      EXPECT_NE(r.status, 405) << r.body;
      if (r.status == 404) {
        EXPECT_EQ(Body(r)["error"]["message"].get<std::string>().find("no route"),
                  std::string::npos);
      }
    }
  }
  EXPECT_GE(operations, 20u);
  EXPECT_EQ(HttpClient(http_->port())
                .Request("GET", "/api/cases/pk-na-2022/nothing", {}, As(admin_))
                .status,
            404);
}

// Names reach pictures escaped, whoever wrote them: an uploaded case whose chamber and party
// names hold markup.
TEST_P(ApiTest, NamesAreEscapedInEveryPicture) {
  std::ifstream in(WHIPCOUNT_SOURCE_DIR "/tests/data/draw-small.yaml");
  std::string text((std::istreambuf_iterator<char>(in)), {});
  const std::string name = "Government One";
  text.replace(text.find(name), name.size(), "<script>alert(1)</script> & \"One\"");
  const HttpReply made = Post("/api/cases?id=small", text, {}, admin_);
  ASSERT_EQ(made.status, 201) << made.body;
  for (const std::string picture : {"diagram.svg", "chart.svg"}) {
    const HttpReply svg = Get("/api/cases/small/" + picture);
    ASSERT_EQ(svg.status, 200) << svg.body;
    EXPECT_EQ(svg.body.find("<script"), std::string::npos) << picture;
    EXPECT_EQ(svg.body.find("<Chamber>"), std::string::npos) << picture;
    EXPECT_NE(svg.body.find("&lt;Chamber&gt;"), std::string::npos) << picture;
  }
  EXPECT_NE(Get("/api/cases/small/diagram.svg").body.find("&lt;script&gt;"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Databases, ApiTest, testing::Values("sqlite", "postgresql"),
                         [](const testing::TestParamInfo<std::string>& backend) {
                           return backend.param;
                         });

}  // namespace
}  // namespace whipcount::server
