// The HTTP transport of `whipcount serve` (src/server/http.h), served on a free loopback port in
// this process and called with a real client over TCP (tests/support/http_client.h).
#include "server/http.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <future>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "io/json_out.h"
#include "support/http_client.h"
#include "support/run_in_process.h"
#include "whipcount/version.h"

namespace whipcount::server {
namespace {

using testing_support::HttpClient;
using testing_support::HttpReply;
using testing_support::LoopbackConnection;
using testing_support::SseClient;
using testing_support::SseEvent;
using Json = nlohmann::ordered_json;
using std::chrono::milliseconds;
using std::chrono::seconds;

// Generous: the machine that runs the tests may be busy.
constexpr seconds kPatience{60};

// A server listening on 127.0.0.1, any free port, served by Run on a thread of its own.
class RunningServer {
 public:
  RunningServer(HttpOptions options, Handler handler)
      : server_(Options(std::move(options)), std::move(handler)) {
    listen_ = server_.Listen();
    if (!listen_.ok()) return;
    thread_ = std::thread([this] {
      server_.Run(false);
      returned_.set_value();
    });
  }
  ~RunningServer() { EXPECT_TRUE(StopAndJoin()); }
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  const Status& listen_status() const { return listen_; }
  std::uint16_t port() const { return server_.port(); }
  HttpServer& server() { return server_; }

  // Stops the server; true once Run has returned (within kPatience).
  bool StopAndJoin() {
    if (!thread_.joinable()) return true;
    server_.Stop();
    if (returned_.get_future().wait_for(kPatience) != std::future_status::ready) {
      thread_.detach();
      return false;
    }
    thread_.join();
    return true;
  }

 private:
  static HttpOptions Options(HttpOptions options) {
    options.host = "127.0.0.1";
    options.port = 0;
    return options;
  }

  HttpServer server_;
  Status listen_;
  std::promise<void> returned_;
  std::thread thread_;
};

// What the handler saw, as JSON.
Response Echo(const Request& request) {
  Json query = Json::array();
  for (const auto& [name, value] : request.query) query.push_back({name, value});
  const std::optional<std::string_view> desk = request.Header("X-Desk");
  Json echo{{"method", request.method},
            {"target", request.target},
            {"path", request.path},
            {"query", query},
            {"body", request.body},
            {"remote", request.remote},
            {"desk", desk ? Json(*desk) : Json(nullptr)}};
  Response response;
  response.body = echo.dump();
  return response;
}

Json BodyJson(const HttpReply& reply) { return Json::parse(reply.body, nullptr, false); }

// A JSON error reply in one line: "431 E211 too-large: the request's headers are ...".
std::string ErrorOf(const HttpReply& reply) {
  if (reply.status == 0) return "no reply: " + reply.error;
  const Json body = BodyJson(reply);
  if (!body.is_object() || !body.contains("error")) {
    return std::to_string(reply.status) + " not an error: " + reply.body;
  }
  const Json& error = body["error"];
  return std::to_string(reply.status) + " " + error.value("code", "") + " " +
         error.value("name", "") + ": " + error.value("message", "");
}

TEST(HttpTest, GetAndPostRoundTripWithDecodedPathAndQuery) {
  RunningServer server({}, Echo);
  ASSERT_TRUE(server.listen_status().ok()) << server.listen_status().ToString();
  HttpClient client(server.port());

  const HttpReply get = client.Request(
      "GET", "/api/cases/pk%20na/tally?date=2022-03-30&who=Imran+Khan&flag&q=%26%3D%2B", {},
      {{"x-desk", "Desk 2"}});
  ASSERT_EQ(get.status, 200) << get.error;
  const Json seen = BodyJson(get);
  EXPECT_EQ(seen["method"], "GET");
  EXPECT_EQ(seen["target"],
            "/api/cases/pk%20na/tally?date=2022-03-30&who=Imran+Khan&flag&q=%26%3D%2B");
  EXPECT_EQ(seen["path"], "/api/cases/pk na/tally");
  EXPECT_EQ(seen["query"],
            Json::parse(R"([["date","2022-03-30"],["who","Imran Khan"],["flag",""],["q","&=+"]])"));
  EXPECT_EQ(seen["desk"], "Desk 2");
  EXPECT_EQ(get.Header("content-type"), "application/json");
  EXPECT_EQ(get.Header("content-length"), std::to_string(get.body.size()));
  EXPECT_EQ(get.Header("server"), "whipcount/" + std::string(kVersion));
  EXPECT_EQ(get.Header("cache-control"), "no-store");

  const HttpReply post = client.Request("POST", "/a+b/events", "{\"kind\": \"stance\"}");
  ASSERT_EQ(post.status, 200) << post.error;
  EXPECT_EQ(BodyJson(post)["method"], "POST");
  EXPECT_EQ(BodyJson(post)["path"], "/a+b/events");  // '+' is a space in a query only
  EXPECT_EQ(BodyJson(post)["body"], "{\"kind\": \"stance\"}");
  EXPECT_EQ(BodyJson(post)["remote"], seen["remote"]);
}

TEST(HttpTest, HandlerHeadersAndCacheControlAreKept) {
  RunningServer server({}, [](const Request&) {
    Response response;
    response.content_type = "image/svg+xml";
    response.headers = {{"Cache-Control", "max-age=60"},
                        {"ETag", "\"7\""},
                        {"Content-Length", "999"},
                        {"X-Split", "a\r\nInjected: yes"}};
    response.body = "<svg/>";
    return response;
  });
  HttpClient client(server.port());
  const HttpReply reply = client.Request("GET", "/picture.svg");
  ASSERT_EQ(reply.status, 200) << reply.error;
  EXPECT_EQ(reply.body, "<svg/>");
  EXPECT_EQ(reply.Header("content-type"), "image/svg+xml");
  EXPECT_EQ(reply.Header("cache-control"), "max-age=60");
  EXPECT_EQ(reply.Header("etag"), "\"7\"");
  EXPECT_EQ(reply.Header("content-length"), "6");
  EXPECT_EQ(reply.Header("x-split"), "aInjected: yes");
  EXPECT_EQ(reply.Header("injected"), std::nullopt);
}

TEST(HttpTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  RunningServer server({}, Echo);
  HttpClient client(server.port());
  std::string remote;
  for (int i = 0; i < 5; ++i) {
    const HttpReply reply = client.Request("GET", "/n?i=" + std::to_string(i));
    ASSERT_EQ(reply.status, 200) << reply.error;
    EXPECT_EQ(reply.Header("connection"), std::nullopt);  // HTTP/1.1 keeps it by default
    EXPECT_EQ(BodyJson(reply)["query"][0][1], std::to_string(i));
    if (i == 0) remote = BodyJson(reply)["remote"];
    EXPECT_EQ(BodyJson(reply)["remote"], remote);  // the same client port: one connection
  }
  EXPECT_EQ(remote.rfind("127.0.0.1:", 0), 0u) << remote;
}

TEST(HttpTest, PipelinedRequestsAreAnsweredInOrder) {
  RunningServer server({}, Echo);
  HttpClient client(server.port());
  ASSERT_TRUE(
      client.Send("GET /first HTTP/1.1\r\nHost: x\r\n\r\n"
                  "POST /second HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                  "GET /third HTTP/1.1\r\nHost: x\r\n\r\n"));
  for (const std::string path : {"/first", "/second", "/third"}) {
    const HttpReply reply = client.ReadReply();
    ASSERT_EQ(reply.status, 200) << reply.error;
    EXPECT_EQ(BodyJson(reply)["path"], path);
  }
}

TEST(HttpTest, Http10GetsAnHttp10ReplyAndTheConnectionCloses) {
  RunningServer server({}, Echo);
  HttpClient client(server.port());
  ASSERT_TRUE(client.Send("GET /old HTTP/1.0\r\n\r\n"));
  const HttpReply reply = client.ReadReply();
  ASSERT_EQ(reply.status, 200) << reply.error;
  EXPECT_EQ(reply.version, "HTTP/1.0");
  EXPECT_EQ(BodyJson(reply)["path"], "/old");
  EXPECT_TRUE(client.WaitClosed());
}

TEST(HttpTest, Http10KeepAliveIsHonoured) {
  RunningServer server({}, Echo);
  HttpClient client(server.port());
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(client.Send("GET /old HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"));
    const HttpReply reply = client.ReadReply();
    ASSERT_EQ(reply.status, 200) << reply.error;
    EXPECT_EQ(reply.Header("connection"), "keep-alive");
  }
}

TEST(HttpTest, HeadIsAnsweredAsGetWithoutTheBody) {
  RunningServer server({}, [](const Request& request) {
    Response response;
    response.content_type = "text/plain";
    response.body = request.method + " " + request.path;
    return response;
  });
  HttpClient client(server.port());
  const HttpReply head = client.Request("HEAD", "/x");
  ASSERT_EQ(head.status, 200) << head.error;
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(head.Header("content-length"), "6");  // "GET /x": the handler saw a GET
  EXPECT_EQ(head.Header("content-type"), "text/plain");
  // No stray body bytes are left on the connection.
  const HttpReply after = client.Request("GET", "/after");
  ASSERT_EQ(after.status, 200) << after.error;
  EXPECT_EQ(after.body, "GET /after");
}

TEST(HttpTest, BodyOverTheLimitIs413WithTheJsonError) {
  RunningServer server({.max_body_bytes = 1024}, Echo);
  HttpClient client(server.port());
  const HttpReply fits = client.Request("POST", "/upload", std::string(1024, 'a'));
  ASSERT_EQ(fits.status, 200) << fits.error;
  const HttpReply reply = client.Request("POST", "/upload", std::string(2000, 'a'));
  ASSERT_EQ(reply.status, 413) << reply.error;
  EXPECT_EQ(reply.body, R"({
  "error": {
    "code": "E211",
    "name": "too-large",
    "message": "the request body is larger than the server's limit of 1024 bytes"
  }
}
)");
  EXPECT_EQ(reply.Header("connection"), "close");
  EXPECT_TRUE(client.WaitClosed());
}

TEST(HttpTest, OversizedBodyAfterExpectContinueIsRefusedBeforeItIsSent) {
  RunningServer server({.max_body_bytes = 1024}, Echo);
  HttpClient client(server.port());
  ASSERT_TRUE(client.Send(
      "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n"));
  EXPECT_EQ(client.ReadReply().status, 413);

  HttpClient second(server.port());
  ASSERT_TRUE(second.Send(
      "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n"));
  EXPECT_EQ(second.connection().ReadLine(), "HTTP/1.1 100 Continue");
  EXPECT_EQ(second.connection().ReadLine(), "");
  ASSERT_TRUE(second.Send("hello"));
  const HttpReply reply = second.ReadReply();
  ASSERT_EQ(reply.status, 200) << reply.error;
  EXPECT_EQ(BodyJson(reply)["body"], "hello");
}

TEST(HttpTest, HeadersOverTheLimitAre431) {
  RunningServer server({.max_header_bytes = 4096}, Echo);
  HttpClient client(server.port());
  const HttpReply reply = client.Request("GET", "/", {}, {{"X-Big", std::string(5000, 'a')}});
  EXPECT_EQ(ErrorOf(reply),
            "431 E211 too-large: the request's headers are larger than the server's limit of "
            "4096 bytes");
  EXPECT_TRUE(client.WaitClosed());
}

TEST(HttpTest, MalformedRequestIs400AndTheServerGoesOn) {
  RunningServer server({}, Echo);
  {
    HttpClient client(server.port());
    ASSERT_TRUE(client.Send("NOT AN HTTP REQUEST\r\n\r\n"));
    EXPECT_EQ(ErrorOf(client.ReadReply()),
              "400 E101 syntax: the request is not valid HTTP/1.1 (bad version)");
    EXPECT_TRUE(client.WaitClosed());
  }
  HttpClient client(server.port());
  const HttpReply reply = client.Request("GET", "/still-here");
  ASSERT_EQ(reply.status, 200) << reply.error;
  EXPECT_EQ(BodyJson(reply)["path"], "/still-here");
}

TEST(HttpTest, InvalidPercentEscapesAndNulAre400OnAConnectionThatStaysOpen) {
  RunningServer server({}, Echo);
  HttpClient client(server.port());
  EXPECT_EQ(ErrorOf(client.Request("GET", "/cases/pk%zz")),
            "400 E101 syntax: invalid percent escape '%zz' in the request target: a % must be "
            "followed by two hex digits (write % itself as %25)");
  EXPECT_EQ(ErrorOf(client.Request("GET", "/cases?date=%2")),
            "400 E101 syntax: invalid percent escape '%2' in the request target: a % must be "
            "followed by two hex digits (write % itself as %25)");
  EXPECT_EQ(ErrorOf(client.Request("GET", "/cases/pk%00.yaml")),
            "400 E106 invalid-text: the request target holds %00, a NUL byte, which no path or "
            "parameter may hold");
  const HttpReply fine = client.Request("GET", "/cases/pk%25");
  ASSERT_EQ(fine.status, 200) << fine.error;
  EXPECT_EQ(BodyJson(fine)["path"], "/cases/pk%");
}

TEST(HttpTest, HandlerExceptionIs500JsonAndIsLogged) {
  std::ostringstream errors;
  {
    RunningServer server({.error_log = &errors}, [](const Request& request) -> Response {
      if (request.path == "/throw") throw std::runtime_error("boom");
      return Echo(request);
    });
    HttpClient client(server.port());
    EXPECT_EQ(ErrorOf(client.Request("GET", "/throw?date=2022-03-30")),
              "500 E506 storage: the server failed while answering GET /throw; the details are "
              "in its log");
    EXPECT_EQ(client.Request("GET", "/ok").status, 200);  // the connection goes on
  }
  EXPECT_EQ(errors.str(), "whipcount serve: GET /throw?date=2022-03-30 failed: boom\n");
}

TEST(HttpTest, ErrorResponseHasTheCliJsonFormAndTheMappedStatus) {
  // The CLI's --json error for a file that is not there, and the same Status through the API.
  const cli::CliRun run = cli::RunInProcess({"tally", "data/no-such-file.yaml", "--json"});
  const Json printed = Json::parse(run.out);
  Location where;
  if (printed["error"].contains("file")) where.file = printed["error"]["file"];
  const Response response =
      ErrorResponse(Status(ErrorCode::kIo, printed["error"]["message"].get<std::string>(), where));
  EXPECT_EQ(response.body, run.out);
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.content_type, "application/json");

  const Response unauthorized = ErrorResponse(Status(ErrorCode::kUnauthorized, "no token"));
  EXPECT_EQ(unauthorized.status, 401);
  EXPECT_EQ(unauthorized.headers,
            (std::vector<std::pair<std::string, std::string>>{{"WWW-Authenticate", "Bearer"}}));
}

TEST(HttpTest, ErrorCodesMapToHttpStatuses) {
  const std::vector<std::pair<ErrorCode, int>> table = {
      {ErrorCode::kSyntax, 400},
      {ErrorCode::kType, 400},
      {ErrorCode::kMissingField, 400},
      {ErrorCode::kUnknownField, 400},
      {ErrorCode::kInvalidValue, 400},
      {ErrorCode::kInvalidText, 400},
      {ErrorCode::kDuplicateId, 400},
      {ErrorCode::kUnknownId, 400},
      {ErrorCode::kNegativeSeats, 400},
      {ErrorCode::kSeatsExceedChamber, 400},
      {ErrorCode::kInvalidFraction, 400},
      {ErrorCode::kImpossibleThreshold, 400},
      {ErrorCode::kInconsistentCount, 400},
      {ErrorCode::kMissingSuccessor, 400},
      {ErrorCode::kInvalidEvent, 400},
      {ErrorCode::kInvalidGame, 400},
      {ErrorCode::kUsage, 400},
      {ErrorCode::kTooLarge, 413},
      {ErrorCode::kNotFound, 404},
      {ErrorCode::kConflict, 409},
      {ErrorCode::kUnauthorized, 401},
      {ErrorCode::kForbidden, 403},
      {ErrorCode::kPreconditionRequired, 428},
      {ErrorCode::kMethodNotAllowed, 405},
      {ErrorCode::kTimeout, 503},
      {ErrorCode::kStorage, 500},
      {ErrorCode::kIo, 500},
  };
  EXPECT_EQ(table.size() + 1, NameTable<ErrorCode>::kEntries.size());  // every code but kOk
  for (const auto& [code, status] : table) {
    EXPECT_EQ(HttpStatusOf(code), status) << CodeString(code);
  }
}

TEST(HttpTest, PartialRequestTimesOutWith408) {
  RunningServer server({.read_timeout = seconds(1)}, Echo);
  HttpClient client(server.port());
  ASSERT_TRUE(client.Send("GET /slowly HTTP/1.1\r\nHost: x\r\n"));
  EXPECT_EQ(ErrorOf(client.ReadReply()),
            "408 E507 timeout: the request did not arrive whole within 1 s");
  EXPECT_TRUE(client.WaitClosed());
}

TEST(HttpTest, IdleKeepAliveConnectionIsClosed) {
  RunningServer server({.idle_timeout = seconds(1)}, Echo);
  HttpClient client(server.port());
  ASSERT_EQ(client.Request("GET", "/").status, 200);
  EXPECT_TRUE(client.WaitClosed());
}

TEST(HttpTest, ConnectionsBeyondTheLimitWaitToBeAccepted) {
  RunningServer server({.max_connections = 1}, Echo);
  HttpClient first(server.port());
  ASSERT_EQ(first.Request("GET", "/first").status, 200);
  // The kernel takes the second connection, but the server leaves it while the first is open.
  HttpClient second(server.port());
  ASSERT_TRUE(second.Send("GET /second HTTP/1.1\r\nHost: x\r\n\r\n"));
  const auto soon = std::chrono::steady_clock::now() + milliseconds(500);
  EXPECT_EQ(second.connection().ReadLine(soon), std::nullopt);
  first.connection().Close();
  const HttpReply reply = second.ReadReply();
  ASSERT_EQ(reply.status, 200) << reply.error;
  EXPECT_EQ(BodyJson(reply)["path"], "/second");
}

TEST(HttpTest, ListenOnAPortInUseIsAnIoError) {
  RunningServer first({}, Echo);
  ASSERT_TRUE(first.listen_status().ok());
  HttpServer second({.host = "127.0.0.1", .port = first.port()}, Echo);
  const Status status = second.Listen();
  EXPECT_EQ(status.code(), ErrorCode::kIo);
  EXPECT_EQ(status.message(), "cannot listen on 127.0.0.1:" + std::to_string(first.port()) +
                                  ": address in use; is another whipcount serve running? choose "
                                  "--port");
  second.Run(false);  // returns at once: it is not listening
}

// ---- Shutdown ----------------------------------------------------------------------------------

TEST(HttpTest, StopLetsARequestInFlightFinish) {
  std::promise<void> entered;
  RunningServer server({}, [&](const Request& request) {
    if (request.path == "/slow") {
      entered.set_value();
      std::this_thread::sleep_for(milliseconds(300));
      Response response;
      response.body = std::string(100'000, 'x');
      return response;
    }
    return Echo(request);
  });
  HttpClient client(server.port());
  ASSERT_TRUE(client.Send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"));
  entered.get_future().wait();
  server.server().Stop();
  const HttpReply reply = client.ReadReply();
  ASSERT_EQ(reply.status, 200) << reply.error;
  EXPECT_EQ(reply.body, std::string(100'000, 'x'));
  EXPECT_EQ(reply.Header("connection"), "close");
  EXPECT_TRUE(client.WaitClosed());
  EXPECT_TRUE(server.StopAndJoin());
  EXPECT_FALSE(LoopbackConnection(server.port(), kPatience).connected());
}

TEST(HttpTest, StopClosesIdleKeepAliveConnections) {
  // Timeouts far past the test's patience: only the stop can close the connection in time.
  RunningServer server({.idle_timeout = seconds(3600), .stop_timeout = seconds(3600)}, Echo);
  HttpClient client(server.port());
  ASSERT_EQ(client.Request("GET", "/").status, 200);
  server.server().Stop();
  server.server().Stop();  // idempotent
  EXPECT_TRUE(client.WaitClosed());
  EXPECT_TRUE(server.StopAndJoin());
}

TEST(HttpTest, StuckHandlerIsAbandonedAfterTheStopTimeout) {
  std::ostringstream errors;
  std::promise<void> entered;
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  RunningServer server({.stop_timeout = seconds(1), .error_log = &errors},
                       [&entered, released](const Request&) {
                         entered.set_value();
                         released.wait();
                         return Response{};
                       });
  HttpClient client(server.port());
  ASSERT_TRUE(client.Send("GET /stuck HTTP/1.1\r\nHost: x\r\n\r\n"));
  entered.get_future().wait();
  EXPECT_TRUE(server.StopAndJoin());
  EXPECT_EQ(errors.str(),
            "whipcount serve: requests still running 1 s after the stop; stopping without them\n");
  release.set_value();
}

TEST(HttpTest, RunStopsOnSigterm) {
  HttpServer server({.host = "127.0.0.1", .port = 0}, Echo);
  ASSERT_TRUE(server.Listen().ok());
  std::promise<void> returned;
  std::thread runner([&] {
    server.Run(true);
    returned.set_value();
  });
  // A request answered means Run's threads are serving, so its signal handlers are in place.
  HttpClient client(server.port());
  ASSERT_EQ(client.Request("GET", "/").status, 200);
  ASSERT_EQ(kill(getpid(), SIGTERM), 0);
  const bool stopped = returned.get_future().wait_for(kPatience) == std::future_status::ready;
  EXPECT_TRUE(stopped);
  if (!stopped) server.Stop();
  runner.join();
}

TEST(HttpTest, ServerStoppedBeforeItRunsReturnsAtOnce) {
  HttpServer server({.host = "127.0.0.1", .port = 0}, Echo);
  ASSERT_TRUE(server.Listen().ok());
  server.Stop();
  server.Run(false);
  EXPECT_FALSE(LoopbackConnection(server.port(), kPatience).connected());
}

// ---- Event streams -----------------------------------------------------------------------------

// The streams the handler opened, for the test to send on.
class StreamHub {
 public:
  void Add(std::shared_ptr<EventStream> stream) {
    const std::lock_guard lock(mutex_);
    streams_.push_back(std::move(stream));
    changed_.notify_all();
  }
  // The first `count` streams, once that many are open (empty after kPatience).
  std::vector<std::shared_ptr<EventStream>> WaitFor(std::size_t count) {
    std::unique_lock lock(mutex_);
    if (!changed_.wait_for(lock, kPatience, [&] { return streams_.size() >= count; })) return {};
    return {streams_.begin(), streams_.begin() + static_cast<std::ptrdiff_t>(count)};
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::shared_ptr<EventStream>> streams_;
};

Handler StreamHandler(StreamHub& hub, const std::string& first_bytes = {}) {
  return [&hub, first_bytes](const Request& request) {
    if (request.path != "/stream") return Echo(request);
    Response response;
    response.body = first_bytes;
    response.on_stream = [&hub](std::shared_ptr<EventStream> stream) {
      hub.Add(std::move(stream));
    };
    return response;
  };
}

TEST(HttpTest, StreamSendsItsHeadFirstBytesAndEvents) {
  StreamHub hub;
  RunningServer server({}, StreamHandler(hub, ": welcome\n\n"));
  LoopbackConnection connection(server.port(), kPatience);
  ASSERT_TRUE(connection.Send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n"));
  const std::vector<std::shared_ptr<EventStream>> streams = hub.WaitFor(1);
  ASSERT_EQ(streams.size(), 1u);
  EXPECT_TRUE(streams[0]->open());
  EXPECT_TRUE(streams[0]->Send("tally", "{\"for\": 172}\nsecond line\r\nthird\rfourth"));
  EXPECT_TRUE(streams[0]->Send("", "plain"));
  const std::vector<std::string> expected = {
      "HTTP/1.1 200 OK",
      "Server: whipcount/" + std::string(kVersion),
      "Cache-Control: no-store",
      "Content-Type: text/event-stream",
      "Connection: keep-alive",
      "X-Accel-Buffering: no",
      "",
      ": welcome",
      "",
      "event: tally",
      "data: {\"for\": 172}",
      "data: second line",
      "data: third",
      "data: fourth",
      "",
      "data: plain",
      "",
  };
  std::vector<std::string> lines;
  lines.reserve(expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    lines.push_back(connection.ReadLine().value_or("<none>"));
  }
  EXPECT_EQ(lines, expected);
}

TEST(HttpTest, SseClientReadsEventsAndComments) {
  StreamHub hub;
  RunningServer server({}, StreamHandler(hub, ": welcome\n\n"));
  SseClient client(server.port(), "/stream");
  ASSERT_EQ(client.head().status, 200) << client.head().error;
  EXPECT_EQ(client.head().Header("content-type"), "text/event-stream");
  EXPECT_EQ(client.head().Header("content-length"), std::nullopt);
  const std::optional<SseEvent> welcome = client.Next(kPatience);
  ASSERT_TRUE(welcome);
  EXPECT_EQ(welcome->comment, "welcome");
  ASSERT_EQ(hub.WaitFor(1).size(), 1u);
  ASSERT_TRUE(hub.WaitFor(1)[0]->Send("tally", "a\nb"));
  const std::optional<SseEvent> event = client.Next(kPatience);
  ASSERT_TRUE(event);
  EXPECT_EQ(event->event, "tally");
  EXPECT_EQ(event->data, "a\nb");
  EXPECT_EQ(event->comment, "");
}

TEST(HttpTest, IdleStreamGetsKeepAliveComments) {
  StreamHub hub;
  RunningServer server({.stream_heartbeat = seconds(1)}, StreamHandler(hub));
  SseClient client(server.port(), "/stream");
  ASSERT_EQ(client.head().status, 200) << client.head().error;
  const std::optional<SseEvent> comment = client.Next(kPatience);
  ASSERT_TRUE(comment);
  EXPECT_EQ(comment->comment, "keep-alive");
}

// Each stream holds a descriptor at both ends, in this one process.
void RaiseOpenFileLimit(rlim_t needed) {
  rlimit limit{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &limit), 0);
  if (limit.rlim_cur < needed && limit.rlim_max >= needed) {
    limit.rlim_cur = limit.rlim_max;
    ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &limit), 0);
  }
  ASSERT_GE(limit.rlim_cur, needed) << "the hard limit of open files is too low for this test";
}

TEST(HttpTest, ThousandStreamsOnTwoThreadsAllReceiveAnEventAndCloseOnStop) {
  constexpr std::size_t kStreams = 1000;
  RaiseOpenFileLimit(2 * kStreams + 100);
  StreamHub hub;
  RunningServer server({.threads = 2}, StreamHandler(hub));
  std::vector<std::unique_ptr<SseClient>> clients;
  clients.reserve(kStreams);
  for (std::size_t i = 0; i < kStreams; ++i) {
    clients.push_back(std::make_unique<SseClient>(server.port(), "/stream"));
    ASSERT_EQ(clients.back()->head().status, 200) << i << ": " << clients.back()->head().error;
  }
  const std::vector<std::shared_ptr<EventStream>> streams = hub.WaitFor(kStreams);
  ASSERT_EQ(streams.size(), kStreams);
  for (const std::shared_ptr<EventStream>& stream : streams) {
    EXPECT_TRUE(stream->Send("tally", R"({"version": 2})"));
  }
  std::size_t received = 0;
  for (const std::unique_ptr<SseClient>& client : clients) {
    const std::optional<SseEvent> event = client->Next(kPatience);
    received += event && event->event == "tally" && event->data == R"({"version": 2})" ? 1u : 0u;
  }
  EXPECT_EQ(received, kStreams);

  server.server().Stop();
  std::size_t closed = 0;
  for (const std::unique_ptr<SseClient>& client : clients) closed += client->WaitClosed(kPatience);
  EXPECT_EQ(closed, kStreams);
  EXPECT_TRUE(server.StopAndJoin());
  std::size_t open = 0;
  for (const std::shared_ptr<EventStream>& stream : streams) {
    open += stream->open() ? 1u : 0u;
    open += stream->Send("tally", "after the stop") ? 1u : 0u;
  }
  EXPECT_EQ(open, 0u);
}

TEST(HttpTest, ClientThatGoesAwayMakesSendReturnFalse) {
  StreamHub hub;
  RunningServer server({}, StreamHandler(hub));
  SseClient client(server.port(), "/stream");
  ASSERT_EQ(client.head().status, 200) << client.head().error;
  const std::vector<std::shared_ptr<EventStream>> streams = hub.WaitFor(1);
  ASSERT_EQ(streams.size(), 1u);
  client.Disconnect();
  const auto deadline = std::chrono::steady_clock::now() + kPatience;
  while (streams[0]->Send("tally", "{}") && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(milliseconds(10));
  }
  EXPECT_FALSE(streams[0]->open());
  EXPECT_FALSE(streams[0]->Send("tally", "{}"));
}

TEST(HttpTest, ClientThatDoesNotReadIsDisconnectedWithBoundedMemory) {
  std::ostringstream errors;
  StreamHub hub;
  RunningServer server({.error_log = &errors}, StreamHandler(hub));
  // The client never reads: the kernel's buffers fill, then the server's queue.
  LoopbackConnection client(server.port(), kPatience);
  ASSERT_TRUE(client.Send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n"));
  const std::vector<std::shared_ptr<EventStream>> streams = hub.WaitFor(1);
  ASSERT_EQ(streams.size(), 1u);
  const std::string data(64 << 10, 'x');
  int accepted = 0;
  while (accepted < 5000 && streams[0]->Send("tally", data)) ++accepted;
  // Loopback buffers hold a few MiB (well under 2,000 events of 64 KiB) and the queue 256 more.
  EXPECT_LT(accepted, 5000);
  EXPECT_FALSE(streams[0]->open());
  EXPECT_TRUE(server.StopAndJoin());
  EXPECT_NE(errors.str().find(": more than 256 events unsent"), std::string::npos) << errors.str();
}

// ---- The access log ----------------------------------------------------------------------------

// Splits a log line at spaces outside the quoted request line.
std::vector<std::string> LogFields(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (const char c : line) {
    if (c == '"') quoted = !quoted;
    if (c == ' ' && !quoted) {
      fields.emplace_back();
    } else {
      fields.back().push_back(c);
    }
  }
  return fields;
}

bool IsTimestamp(const std::string& text) {
  const std::string shape = "dddd-dd-ddTdd:dd:dd.dddZ";
  if (text.size() != shape.size()) return false;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    const bool digit = text[i] >= '0' && text[i] <= '9';
    if (shape[i] == 'd' ? !digit : text[i] != shape[i]) return false;
  }
  return true;
}

TEST(HttpTest, AccessLogHasOneLinePerRequestAndNoSecrets) {
  std::ostringstream log;
  StreamHub hub;
  std::string remote;
  std::vector<std::size_t> sizes;
  {
    RunningServer server({.access_log = &log}, StreamHandler(hub));
    HttpClient client(server.port());
    const HttpReply get = client.Request("GET", "/api/cases/pk?date=2022-03-30", {},
                                         {{"Authorization", "Bearer secret-token"}});
    const HttpReply post = client.Request("POST", "/api/cases", "body-text");
    const HttpReply head = client.Request("HEAD", "/h");
    remote = BodyJson(get)["remote"];
    sizes = {get.body.size(), post.body.size()};
    SseClient stream(server.port(), "/stream");
    ASSERT_EQ(stream.head().status, 200);
    ASSERT_EQ(hub.WaitFor(1).size(), 1u);
    HttpClient bad(server.port());
    ASSERT_TRUE(bad.Send("BROKEN\r\n\r\n"));
    EXPECT_EQ(bad.ReadReply().status, 400);
  }
  // Lines of different connections may come in any order: each is found by its request line.
  std::map<std::string, std::vector<std::string>> lines;
  std::istringstream in(log.str());
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> fields = LogFields(line);
    ASSERT_EQ(fields.size(), 6u) << line;
    lines[fields[2]] = std::move(fields);
  }
  ASSERT_EQ(lines.size(), 5u) << log.str();
  const std::vector<std::vector<std::string>> expected = {
      {"\"GET /api/cases/pk?date=2022-03-30 HTTP/1.1\"", "200", std::to_string(sizes[0])},
      {"\"POST /api/cases HTTP/1.1\"", "200", std::to_string(sizes[1])},
      {"\"HEAD /h HTTP/1.1\"", "200", "0"},
      {"\"GET /stream HTTP/1.1\"", "200", "stream"},
      {"\"-\"", "400"},
  };
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const std::vector<std::string>& fields = lines[expected[i][0]];
    ASSERT_EQ(fields.size(), 6u) << expected[i][0] << " is not in the log:\n" << log.str();
    EXPECT_TRUE(IsTimestamp(fields[0])) << fields[0];
    if (i < 3) {
      EXPECT_EQ(fields[1], remote);
    }
    EXPECT_EQ(fields[1].rfind("127.0.0.1:", 0), 0u) << fields[1];
    EXPECT_EQ(fields[3], expected[i][1]);
    if (expected[i].size() > 2) {
      EXPECT_EQ(fields[4], expected[i][2]);
    }
    EXPECT_EQ(fields[5].substr(fields[5].size() - 2), "ms") << fields[5];
    EXPECT_GE(std::stod(fields[5]), 0.0);
  }
  EXPECT_EQ(log.str().find("secret"), std::string::npos);
  EXPECT_EQ(log.str().find("body-text"), std::string::npos);
}

}  // namespace
}  // namespace whipcount::server
