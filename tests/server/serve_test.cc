// `whipcount serve` as real processes: the built binary started, killed, stopped and started again
// on a SQLite file and on the tests' PostgreSQL, and called over TCP. What only processes can
// show: no acknowledged write lost to kill -9, a graceful SIGTERM, replicas on one database, and
// the command line around the server (--check, tokens, a port in use, a database too new).
//
// Every deadline is generous (a loaded 2-core machine may be slow) and no test asserts a speed
// but the replicas' one-second promise, checked as within ten.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "store/sql.h"
#include "store/store.h"
#include "support/http_client.h"
#include "support/postgres.h"
#include "support/process.h"

namespace whipcount {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;
using std::chrono::milliseconds;
using std::chrono::seconds;
using std::chrono::steady_clock;
using testing_support::ChildProcess;
using testing_support::HttpClient;
using testing_support::HttpHeaders;
using testing_support::HttpReply;
using testing_support::ProcessOutcome;
using testing_support::SseClient;
using testing_support::SseEvent;

constexpr const char* kPakistan = WHIPCOUNT_SOURCE_DIR "/data/pk-na-2022.yaml";
constexpr std::string_view kCasePath = "/api/cases/pk-na-2022";
// How long a busy machine may take to start a server, to answer, or to end a process.
constexpr milliseconds kLimit{120'000};
constexpr milliseconds kPoll{20};

// A new directory under the system's temporary directory, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "whipcount-serve-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    if (!path_.empty()) fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const fs::path& path() const { return path_; }
  // A new file name in the directory: "serve-3.out".
  fs::path NewFile(const std::string& stem, const std::string& extension) {
    return path_ / (stem + "-" + std::to_string(++files_) + extension);
  }

 private:
  fs::path path_;
  int files_ = 0;
};

// The line after the one that starts with `heading`, without its indent: how whipcount prints a
// secret. Empty when there is none.
std::string LineAfter(std::string_view text, std::string_view heading) {
  const std::size_t at = text.find(heading);
  if (at == std::string_view::npos || (at > 0 && text[at - 1] != '\n')) return "";
  const std::size_t start = text.find('\n', at);
  if (start == std::string_view::npos) return "";
  std::string line(text.substr(start + 1, text.find('\n', start + 1) - start - 1));
  line.erase(0, line.find_first_not_of(' '));
  return line;
}

bool IsSecret(const std::string& text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// Runs `count` processes of `whipcount ARGS...` at once, each to its end, their output kept in
// `dir`.
std::vector<ProcessOutcome> RunAtOnce(TempDir& dir, int count, std::vector<std::string> args) {
  args.insert(args.begin(), WHIPCOUNT_BINARY);
  std::vector<Result<std::unique_ptr<ChildProcess>>> children;
  children.reserve(static_cast<std::size_t>(count));
  for (int k = 0; k < count; ++k) {
    children.push_back(
        ChildProcess::Start(args, dir.NewFile("run", ".out"), dir.NewFile("run", ".err")));
  }
  std::vector<ProcessOutcome> outcomes;
  outcomes.reserve(children.size());
  for (Result<std::unique_ptr<ChildProcess>>& child : children) {
    if (!child.ok()) {
      outcomes.push_back({.code = -1, .err = child.status().ToString()});
      continue;
    }
    const std::optional<int> code = (*child)->Wait(kLimit);
    outcomes.push_back({.code = code.value_or(-1), .out = (*child)->Out(), .err = (*child)->Err()});
  }
  return outcomes;
}

// Runs `whipcount ARGS...` to its end, its output kept in `dir`.
ProcessOutcome RunWhipcount(TempDir& dir, std::vector<std::string> args) {
  return RunAtOnce(dir, 1, std::move(args)).front();
}

// A `whipcount serve` process on a free port of 127.0.0.1. Destroying it kills the process.
class Server {
 public:
  // Starts `whipcount serve --port 0 --db URL ARGS...` and waits until it prints its address.
  // kIo, with what it printed, when it ends or stays silent instead.
  static Result<std::unique_ptr<Server>> Start(TempDir& dir, const std::string& url,
                                               const std::vector<std::string>& args = {}) {
    std::vector<std::string> argv = {WHIPCOUNT_BINARY, "serve", "--port", "0", "--db", url};
    argv.insert(argv.end(), args.begin(), args.end());
    WHIPCOUNT_ASSIGN_OR_RETURN(
        std::unique_ptr<ChildProcess> process,
        ChildProcess::Start(argv, dir.NewFile("serve", ".out"), dir.NewFile("serve", ".err")));
    constexpr std::string_view kAddress = "whipcount serve: http://127.0.0.1:";
    const auto deadline = steady_clock::now() + kLimit;
    while (steady_clock::now() < deadline) {
      const std::string out = process->Out();
      if (const std::size_t at = out.find(kAddress); at != std::string::npos) {
        const int port = std::atoi(out.c_str() + at + kAddress.size());
        std::unique_ptr<Server> server(new Server(std::move(process)));
        server->port_ = static_cast<std::uint16_t>(port);
        server->first_token_ = LineAfter(out, "First admin token");
        return server;
      }
      if (const std::optional<int> code = process->Wait(kPoll)) {
        return Status(ErrorCode::kIo, "whipcount serve exited with " + std::to_string(*code) +
                                          " before it listened:\n" + out + process->Err());
      }
    }
    return Status(ErrorCode::kIo, "whipcount serve did not say where it listens:\n" +
                                      process->Out() + process->Err());
  }

  std::uint16_t port() const { return port_; }
  // The admin token it printed on start, or "" when the database had one already.
  const std::string& first_token() const { return first_token_; }
  ChildProcess& process() { return *process_; }

 private:
  explicit Server(std::unique_ptr<ChildProcess> process) : process_(std::move(process)) {}

  std::unique_ptr<ChildProcess> process_;
  std::uint16_t port_ = 0;
  std::string first_token_;
};

HttpHeaders As(const std::string& token, HttpHeaders more = {}) {
  more.emplace_back("Authorization", "Bearer " + token);
  return more;
}

Json Body(const HttpReply& reply) { return Json::parse(reply.body, nullptr, false); }

HttpReply Get(std::uint16_t port, const std::string& target, const std::string& token) {
  return HttpClient(port, kLimit).Request("GET", target, {}, As(token));
}

// A sourced note on the Pakistan case's last day, told apart by its summary.
Json Note(const std::string& summary) {
  return {{"date", "2022-03-31"},
          {"kind", "note"},
          {"summary", summary},
          {"source", {{"title", "Wire report"}, {"publisher", "Dawn"}}}};
}

// Appends a note to the Pakistan case at `version`.
HttpReply AppendNote(HttpClient& client, const std::string& token, std::int64_t version,
                     const std::string& summary) {
  return client.Request("POST", std::string(kCasePath) + "/events",
                        Json{{"event", Note(summary)}}.dump(),
                        As(token, {{"If-Match", "\"" + std::to_string(version) + "\""}}));
}

// The next event of a stream that is not a comment (a keep-alive), within the limit.
std::optional<SseEvent> NextEvent(SseClient& stream) {
  const auto deadline = steady_clock::now() + kLimit;
  while (steady_clock::now() < deadline) {
    std::optional<SseEvent> event =
        stream.Next(std::chrono::duration_cast<milliseconds>(deadline - steady_clock::now()));
    if (!event || !event->event.empty()) return event;
  }
  return std::nullopt;
}

// The database named by a test's parameter: a SQLite file in `dir`, or a new database on the
// tests' PostgreSQL server.
Result<std::string> NewDatabase(const std::string& backend, const TempDir& dir) {
  if (backend == "postgresql") return testing_support::NewPostgresDatabase();
  return (dir.path() / "whipcount.db").string();
}

// How the server names the database: its Describe().
std::string Described(const std::string& url) {
  return url.starts_with("postgresql://") ? url : "sqlite:" + url;
}

// Runs `sql` on the database at `url`, beneath the store.
Status ExecuteSql(const std::string& url, const std::string& sql) {
  Result<std::unique_ptr<store::SqlDatabase>> database = url.starts_with("postgresql://")
                                                             ? store::OpenPostgresDatabase(url)
                                                             : store::OpenSqliteDatabase(url);
  if (!database.ok()) return database.status();
  return (*database)->Transact(store::Access::kWrite, [&sql](store::SqlTransaction& transaction) {
    return transaction.Exec(sql).status();
  });
}

// Each test on a SQLite file and on a PostgreSQL database, named by the parameter.
class ServeTest : public testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    ASSERT_FALSE(dir_.path().empty()) << "cannot make a temporary directory";
    const Result<std::string> url = NewDatabase(GetParam(), dir_);
    ASSERT_TRUE(url.ok()) << url.status().ToString();
    url_ = *url;
  }

  Result<std::unique_ptr<Server>> StartServer(const std::vector<std::string>& args = {}) {
    return Server::Start(dir_, url_, args);
  }
  ProcessOutcome Run(std::vector<std::string> args) {
    args.insert(args.end(), {"--db", url_});
    return RunWhipcount(dir_, std::move(args));
  }

  TempDir dir_;  // first: removed after every process the test started has been killed
  std::string url_;
};

// ---- Durability: kill -9 during a stream of writes ---------------------------------------------

// What a writer appending notes one after another saw before its server went away.
struct WriteRecord {
  std::vector<std::string> acknowledged;  // the notes answered 201, in order
  std::optional<std::string> unanswered;  // the note sent when the connection broke
  std::string failure;                    // any other answer
};

// Appends notes ("write 0", "write 1"...) on one connection, each at the version the last one
// made, until a request gets no answer (or `stop`).
WriteRecord WriteUntilCutOff(const std::stop_token& stop, std::uint16_t port,
                             const std::string& token, std::atomic<int>& acknowledged) {
  WriteRecord record;
  HttpClient client(port, kLimit);
  std::int64_t version = 1;
  for (int i = 0; !stop.stop_requested(); ++i) {
    const std::string summary = "write " + std::to_string(i);
    const HttpReply reply = AppendNote(client, token, version, summary);
    if (reply.status == 201) {
      record.acknowledged.push_back(summary);
      version = Body(reply)["version"].get<std::int64_t>();
      ++acknowledged;
    } else {
      if (reply.status == 0) {
        record.unanswered = summary;
      } else {
        record.failure = std::to_string(reply.status) + " " + reply.body;
      }
      break;
    }
  }
  return record;
}

// Every acknowledged note is in `log` exactly once and in order, and besides them at most the
// one that was in flight.
void ExpectEveryAcknowledgedWrite(const Json& log, const WriteRecord& record) {
  std::vector<std::string> written;
  for (const Json& e : log["events"]) {
    if (e.contains("event") && e["event"]["kind"] == "note" && e["event"]["date"] == "2022-03-31") {
      written.push_back(e["event"]["summary"].get<std::string>());
    }
  }
  std::vector<std::string> expected = record.acknowledged;
  if (written.size() == expected.size() + 1 && record.unanswered) {
    expected.push_back(*record.unanswered);  // committed, its answer lost with the process
  }
  EXPECT_EQ(written, expected);
  EXPECT_EQ(log["version"], 1 + written.size());
}

TEST_P(ServeTest, KillNineDuringAStreamOfWritesLosesNoAcknowledgedWrite) {
  constexpr int kWritesBeforeKill = 60;
  Result<std::unique_ptr<Server>> server = StartServer({kPakistan});
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  const std::string token = (*server)->first_token();
  ASSERT_TRUE(IsSecret(token)) << (*server)->process().Out();

  WriteRecord record;
  std::atomic<int> acknowledged = 0;
  std::atomic<bool> writing = true;
  {
    std::jthread writer([&, port = (*server)->port()](const std::stop_token& stop) {
      record = WriteUntilCutOff(stop, port, token, acknowledged);
      writing = false;
    });
    const auto deadline = steady_clock::now() + kLimit;
    while (writing && acknowledged < kWritesBeforeKill && steady_clock::now() < deadline) {
      std::this_thread::sleep_for(milliseconds(1));
    }
    (*server)->process().Signal(SIGKILL);
    EXPECT_EQ((*server)->process().Wait(kLimit), 128 + SIGKILL);
    writer.join();  // its next request fails: the server is gone
  }
  ASSERT_EQ(record.failure, "");
  ASSERT_GE(record.acknowledged.size(), static_cast<std::size_t>(kWritesBeforeKill));
  EXPECT_TRUE(record.unanswered) << "the writer stops at the request the kill cut off";

  Result<std::unique_ptr<Server>> again = StartServer({kPakistan});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ((*again)->first_token(), "") << "the database keeps its admin token";
  EXPECT_NE((*again)->process().Out().find("case pk-na-2022 is already in the database"),
            std::string::npos)
      << (*again)->process().Out();
  const HttpReply log = Get((*again)->port(), std::string(kCasePath) + "/events", token);
  ASSERT_EQ(log.status, 200) << log.error << log.body;
  ExpectEveryAcknowledgedWrite(Body(log), record);
}

// ---- Graceful stop on SIGTERM ------------------------------------------------------------------

// The CPU time (user and system, every thread) that process `pid` has used, in clock ticks.
long CpuTicks(pid_t pid) {
  const std::string stat = testing_support::ReadWhole("/proc/" + std::to_string(pid) + "/stat");
  const std::size_t name_end = stat.rfind(')');
  if (name_end == std::string::npos) return 0;
  // After "pid (name)" come the fields from the third, state; utime is the 14th, stime the 15th.
  std::istringstream fields(stat.substr(name_end + 1));
  std::string skipped;
  for (int field = 3; field < 14; ++field) fields >> skipped;
  long user = 0;
  long system = 0;
  fields >> user >> system;
  return user + system;
}

// Waits until process `pid` has used `ticks` of CPU time, or the limit.
void AwaitCpuTicks(pid_t pid, long ticks) {
  const auto deadline = steady_clock::now() + kLimit;
  while (CpuTicks(pid) < ticks && steady_clock::now() < deadline) {
    std::this_thread::sleep_for(milliseconds(5));
  }
}

// Whether `s` is all digits, and not empty. (GCC 12's <regex> trips -Wmaybe-uninitialized in
// the sanitizer build, so the shapes here are checked by hand.)
bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "2026-12-03T11:20:05.123Z"
bool IsTimestamp(std::string_view s) {
  constexpr std::string_view kShape = "0000-00-00T00:00:00.000Z";
  if (s.size() != kShape.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (kShape[i] == '0' ? !IsDigits(s.substr(i, 1)) : s[i] != kShape[i]) return false;
  }
  return true;
}

// The request line and status of one access log line, checked against the log's form: time,
// client, "request line", status, bytes or "stream", duration.
std::optional<std::string> AccessLogRequest(std::string_view line) {
  if (line.size() < 26 || !IsTimestamp(line.substr(0, 24)) || line[24] != ' ') return std::nullopt;
  line.remove_prefix(25);
  constexpr std::string_view kClient = "127.0.0.1:";
  const size_t quote = line.find(" \"");
  if (!line.starts_with(kClient) || quote == std::string_view::npos ||
      !IsDigits(line.substr(kClient.size(), quote - kClient.size()))) {
    return std::nullopt;
  }
  line.remove_prefix(quote + 2);
  const size_t close = line.find("\" ");
  if (close == std::string_view::npos) return std::nullopt;
  const std::string_view request = line.substr(0, close);
  line.remove_prefix(close + 2);
  const std::string_view status = line.substr(0, 3);
  if (!IsDigits(status) || line.size() < 4 || line[3] != ' ') return std::nullopt;
  line.remove_prefix(4);
  const size_t space = line.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  const std::string_view bytes = line.substr(0, space);
  const std::string_view took = line.substr(space + 1);
  const size_t dot = took.find('.');
  if ((!IsDigits(bytes) && bytes != "stream") || !took.ends_with("ms") ||
      dot == std::string_view::npos || !IsDigits(took.substr(0, dot)) || took.size() != dot + 4 ||
      !IsDigits(took.substr(dot + 1, 1))) {
    return std::nullopt;
  }
  return std::string(request) + " " + std::string(status);
}

// The request lines and statuses of an access log, each line checked against the log's form.
std::multiset<std::string> AccessLogRequests(const std::string& log) {
  std::multiset<std::string> requests;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    const std::optional<std::string> request = AccessLogRequest(line);
    EXPECT_TRUE(request.has_value()) << "not an access log line: " << line;
    if (request) requests.insert(*request);
  }
  return requests;
}

TEST_P(ServeTest, SigtermFinishesTheRequestInFlightClosesStreamsAndExitsZero) {
  Result<std::unique_ptr<Server>> server = StartServer({kPakistan, "--analysis-limit", "3600"});
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  const std::string token = (*server)->first_token();
  const std::uint16_t port = (*server)->port();
  const pid_t pid = (*server)->process().pid();
  const std::string forecast =
      std::string(kCasePath) + "/forecast?date=2022-03-29&method=montecarlo&seed=7&draws=";

  // The draws for a forecast of about a second of the server's CPU, from a small one's: a load on
  // the machine stretches the time it takes, not the CPU it needs.
  constexpr long kSmallDraws = 500'000;
  const long idle = CpuTicks(pid);
  ASSERT_EQ(Get(port, forecast + std::to_string(kSmallDraws), token).status, 200);
  const long second = sysconf(_SC_CLK_TCK);
  const long draws =
      std::clamp(kSmallDraws * second / std::max(CpuTicks(pid) - idle, 1L), kSmallDraws, 1L << 28);

  SseClient stream(port, std::string(kCasePath) + "/stream", As(token), kLimit);
  ASSERT_EQ(stream.head().status, 200) << stream.head().error;
  ASSERT_TRUE(NextEvent(stream));

  HttpReply slow;
  steady_clock::time_point answered;
  const long before = CpuTicks(pid);
  // Not the small forecast's target (top=11), which the server keeps the answer of: a slow build
  // clamps `draws` to the small forecast's own.
  std::jthread asker([&] {
    slow = Get(port, forecast + std::to_string(draws) + "&top=11", token);
    answered = steady_clock::now();
  });
  AwaitCpuTicks(pid, before + second / 10);  // the forecast is running
  const steady_clock::time_point stopped = steady_clock::now();
  (*server)->process().Signal(SIGTERM);

  EXPECT_TRUE(stream.WaitClosed(kLimit)) << "the stream is closed";
  asker.join();
  EXPECT_GT(answered, stopped) << "the forecast was still running when the server was stopped";
  ASSERT_EQ(slow.status, 200) << slow.error << slow.body.substr(0, 300);
  EXPECT_EQ(Body(slow)["draws"], draws) << slow.body.substr(0, 300);
  EXPECT_EQ(Body(slow)["method"], "montecarlo");
  EXPECT_EQ((*server)->process().Wait(kLimit), 0);
  const std::string out = (*server)->process().Out();
  EXPECT_TRUE(out.ends_with("\nwhipcount serve: stopped\n")) << out;

  const std::string log = (*server)->process().Err();
  EXPECT_EQ(log.find(token), std::string::npos) << "the token is never logged";
  const std::string path = std::string(kCasePath);
  EXPECT_EQ(AccessLogRequests(log),
            (std::multiset<std::string>{
                "GET " + forecast + std::to_string(kSmallDraws) + " HTTP/1.1 200",
                "GET " + path + "/stream HTTP/1.1 200",
                "GET " + forecast + std::to_string(draws) + "&top=11 HTTP/1.1 200",
            }))
      << log;
}

// ---- The command line around the server ---------------------------------------------------------

TEST_P(ServeTest, CheckImportsOnceAndTheFirstAdminTokenIsPrintedOnce) {
  const std::string ready =
      "The database " + Described(url_) + " is ready; not serving (--check).\n";
  const ProcessOutcome first = Run({"serve", "--check", kPakistan});
  EXPECT_EQ(first.code, 0) << first.err;
  EXPECT_EQ(first.err, "");
  const std::string token = LineAfter(first.out, "First admin token");
  ASSERT_TRUE(IsSecret(token)) << first.out;
  EXPECT_EQ(first.out, std::string("imported ") + kPakistan +
                           " as case pk-na-2022 (24 events)\n"
                           "First admin token (shown once; keep it, the database holds only its "
                           "hash):\n  " +
                           token + "\n" + ready);

  const ProcessOutcome second = Run({"serve", "--check", kPakistan});
  EXPECT_EQ(second.code, 0) << second.err;
  EXPECT_EQ(second.out,
            "case pk-na-2022 is already in the database (version 1): not imported again\n" + ready);

  Result<std::unique_ptr<Server>> server = StartServer({kPakistan});
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  EXPECT_EQ((*server)->first_token(), "");
  const HttpReply cases = Get((*server)->port(), "/api/cases", token);
  EXPECT_EQ(cases.status, 200) << cases.body;
  EXPECT_EQ(Body(cases)["cases"].size(), 1u);
}

// The `token list` row of the token named `name`, with its columns' spacing made single.
std::string TokenRow(const std::string& table, const std::string& name) {
  std::istringstream lines(table);
  for (std::string line; std::getline(lines, line);) {
    for (size_t at = line.find("   "); at != std::string::npos; at = line.find("   ", at)) {
      line.erase(at, 1);
    }
    line.erase(0, line.find_first_not_of(' '));
    if (line.find("  " + name + "  ") != std::string::npos) return line;
  }
  return "";
}

TEST_P(ServeTest, ATokenMadeOnTheCommandLineWorksOnARunningServerUntilRevoked) {
  Result<std::unique_ptr<Server>> server = StartServer({kPakistan});
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  const std::uint16_t port = (*server)->port();
  const std::string admin = (*server)->first_token();

  const ProcessOutcome made = Run({"token", "create", "--role", "editor", "--name", "Desk 2"});
  EXPECT_EQ(made.code, 0) << made.err;
  const std::string secret = LineAfter(made.out, "Token 'Desk 2' (editor)");
  ASSERT_TRUE(IsSecret(secret)) << made.out;
  EXPECT_EQ(made.out, "Token 'Desk 2' (editor), shown once; the database keeps only its hash:\n  " +
                          secret + "\n");
  HttpClient client(port, kLimit);
  const HttpReply written = AppendNote(client, secret, 1, "from the second desk");
  ASSERT_EQ(written.status, 201) << written.body;
  EXPECT_EQ(Body(written)["events"][0]["author"], "Desk 2");

  // A row is its cells and then one or two times.
  auto row_is = [](const std::string& row, const std::string& cells, int times) {
    if (!row.starts_with(cells)) return false;
    const std::string_view rest = std::string_view(row).substr(cells.size());
    return times == 1 ? IsTimestamp(rest)
                      : rest.size() == 50 && IsTimestamp(rest.substr(0, 24)) &&
                            rest.substr(24, 2) == "  " && IsTimestamp(rest.substr(26));
  };
  const ProcessOutcome listed = Run({"token", "list"});
  EXPECT_EQ(listed.code, 0) << listed.err;
  EXPECT_TRUE(row_is(TokenRow(listed.out, "admin"), "1  admin  admin  ", 1)) << listed.out;
  EXPECT_TRUE(row_is(TokenRow(listed.out, "Desk 2"), "2  Desk 2  editor  ", 1)) << listed.out;

  const ProcessOutcome revoked = Run({"token", "revoke", "Desk 2"});
  EXPECT_EQ(revoked.code, 0) << revoked.err;
  EXPECT_EQ(revoked.out, "Revoked token 'Desk 2'.\n");
  const HttpReply refused = Get(port, std::string(kCasePath), secret);
  EXPECT_EQ(refused.status, 401) << refused.body;
  EXPECT_EQ(Body(refused)["error"]["code"], "E503");
  EXPECT_EQ(AppendNote(client, secret, 2, "after the revocation").status, 401);
  EXPECT_EQ(Get(port, std::string(kCasePath), admin).status, 200);
  const ProcessOutcome after = Run({"token", "list"});
  EXPECT_TRUE(row_is(TokenRow(after.out, "Desk 2"), "2  Desk 2  editor  ", 2)) << after.out;
}

TEST_P(ServeTest, ADatabaseNewerThanThisWhipcountIsRefused) {
  ASSERT_EQ(Run({"serve", "--check"}).code, 0);
  const int newer = store::kSchemaVersion + 1;
  const Status inserted =
      ExecuteSql(url_, "INSERT INTO schema_version (version, applied_at) VALUES (" +
                           std::to_string(newer) + ", '2030-01-01T00:00:00.000Z')");
  ASSERT_TRUE(inserted.ok()) << inserted.ToString();
  const std::string refusal =
      "error: [E506 storage] " + Described(url_) + " is at schema version " +
      std::to_string(newer) + ", newer than this whipcount's " +
      std::to_string(store::kSchemaVersion) + ": upgrade whipcount to use it\n";
  for (const std::vector<std::string>& command : {std::vector<std::string>{"serve", "--port", "0"},
                                                  {"serve", "--check"},
                                                  {"token", "list"}}) {
    const ProcessOutcome run = Run(command);
    EXPECT_EQ(run.code, 3) << command[0];
    EXPECT_EQ(run.out, "");
    EXPECT_EQ(run.err, "whipcount " + command[0] + ": " + refusal);
  }
}

// Servers started at once on a new database, as replicas with one command line are: every one
// starts, and one of them makes the first admin token.
TEST_P(ServeTest, ServersStartingAtOnceOnANewDatabaseAllStart) {
  constexpr int kServers = 4;
  int printed = 0;
  for (const ProcessOutcome& run : RunAtOnce(dir_, kServers, {"serve", "--check", "--db", url_})) {
    EXPECT_EQ(run.code, 0) << run.err;
    if (IsSecret(LineAfter(run.out, "First admin token"))) ++printed;
  }
  EXPECT_EQ(printed, 1);
}

// Servers started at once with a file to import: one imports it, the others find the case there.
TEST_P(ServeTest, ServersImportingAFileAtOnceAllStartWithOneCase) {
  constexpr int kServers = 4;
  int imported = 0;
  for (const ProcessOutcome& run :
       RunAtOnce(dir_, kServers, {"serve", "--check", "--db", url_, kPakistan})) {
    EXPECT_EQ(run.code, 0) << run.err;
    if (run.out.starts_with(std::string("imported ") + kPakistan + " as case pk-na-2022")) {
      ++imported;
    } else {
      EXPECT_TRUE(run.out.starts_with(
          "case pk-na-2022 is already in the database (version 1): not imported again\n"))
          << run.out;
    }
  }
  EXPECT_EQ(imported, 1);
}

INSTANTIATE_TEST_SUITE_P(Databases, ServeTest, testing::Values("sqlite", "postgresql"),
                         [](const testing::TestParamInfo<std::string>& backend) {
                           return backend.param;
                         });

TEST(ServeStartTest, APortInUseIsRefusedNamingTheAddress) {
  TempDir dir;
  const std::string url = (dir.path() / "whipcount.db").string();
  Result<std::unique_ptr<Server>> first = Server::Start(dir, url, {kPakistan});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  const std::string port = std::to_string((*first)->port());
  const ProcessOutcome second = RunWhipcount(dir, {"serve", "--port", port, "--db", url});
  EXPECT_EQ(second.code, 3);
  EXPECT_EQ(second.out, "");
  EXPECT_EQ(second.err,
            "whipcount serve: error: [E301 io] cannot listen on 127.0.0.1:" + port +
                ": address in use; is another whipcount serve running? choose --port\n");
  EXPECT_EQ(HttpClient((*first)->port(), kLimit).Request("GET", "/api/health").status, 200);
}

// ---- Replicas: several servers on one PostgreSQL database --------------------------------------

// The next tally a stream sends; fails the test unless it is of `version` and the change it
// reports is the note `summary`.
void ExpectNewVersion(SseClient& stream, std::int64_t version, const std::string& summary) {
  const std::optional<SseEvent> event = NextEvent(stream);
  ASSERT_TRUE(event) << "no event within the limit";
  EXPECT_EQ(event->event, "tally");
  const Json message = Json::parse(event->data, nullptr, false);
  EXPECT_EQ(message["version"], version) << event->data.substr(0, 300);
  EXPECT_EQ(message["changes"][0]["event"]["summary"], summary) << event->data.substr(0, 300);
}

// Two servers, A and B, started one after the other with one command line on a new PostgreSQL
// database: A imports the Pakistan case and makes the first admin token, B finds both there.
class ServeReplicasTest : public testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(dir_.path().empty()) << "cannot make a temporary directory";
    const Result<std::string> url = testing_support::NewPostgresDatabase();
    ASSERT_TRUE(url.ok()) << url.status().ToString();
    url_ = *url;
    for (int k = 0; k < 2; ++k) {
      Result<std::unique_ptr<Server>> server = Server::Start(dir_, url_, {kPakistan});
      ASSERT_TRUE(server.ok()) << server.status().ToString();
      servers_.push_back(std::move(*server));
    }
    token_ = servers_[0]->first_token();
    ASSERT_TRUE(IsSecret(token_)) << servers_[0]->process().Out();
    EXPECT_EQ(servers_[1]->first_token(), "") << "A made the database's first token";
  }

  TempDir dir_;  // first: removed after the servers have been killed
  std::string url_;
  std::vector<std::unique_ptr<Server>> servers_;  // A and B
  std::string token_;                             // an admin's
};

TEST_F(ServeReplicasTest, AWriteThroughOneReplicaReachesTheStreamsOfTheOther) {
  const std::string target = std::string(kCasePath) + "/stream";
  std::vector<std::unique_ptr<SseClient>> streams;
  for (const std::unique_ptr<Server>& server : servers_) {
    streams.push_back(std::make_unique<SseClient>(server->port(), target, As(token_), kLimit));
    ASSERT_EQ(streams.back()->head().status, 200) << streams.back()->head().error;
    ASSERT_TRUE(NextEvent(*streams.back()));
  }
  // Writes through A and B in turn; each time the other's stream is read first, and the time
  // from sending the write to reading the other's event is its latency (at most).
  constexpr int kWrites = 6;
  std::vector<double> latencies;
  for (int k = 0; k < kWrites; ++k) {
    const std::size_t through = static_cast<std::size_t>(k % 2);
    const std::string summary = "replica write " + std::to_string(k);
    HttpClient client(servers_[through]->port(), kLimit);
    const steady_clock::time_point sent = steady_clock::now();
    ASSERT_EQ(AppendNote(client, token_, k + 1, summary).status, 201);
    ASSERT_NO_FATAL_FAILURE(ExpectNewVersion(*streams[1 - through], k + 2, summary));
    const std::chrono::duration<double, std::milli> latency = steady_clock::now() - sent;
    latencies.push_back(latency.count());
    EXPECT_LT(latency, seconds(10)) << "the other replica's stream heard of write " << k;
    ASSERT_NO_FATAL_FAILURE(ExpectNewVersion(*streams[through], k + 2, summary));
  }
  std::sort(latencies.begin(), latencies.end());
  std::cout << "Replica stream latency (write sent to the other server's event read), " << kWrites
            << " writes: median " << latencies[kWrites / 2] << " ms, max " << latencies.back()
            << " ms\n";
}

TEST_F(ServeReplicasTest, AnyReplicaAnswersAnyRequest) {
  const std::string& admin = token_;
  const std::uint16_t port_a = servers_[0]->port();
  const std::uint16_t port_b = servers_[1]->port();

  const HttpReply file = Get(port_a, std::string(kCasePath) + "/file?format=yaml", admin);
  ASSERT_EQ(file.status, 200) << file.body;
  const HttpReply made =
      HttpClient(port_a, kLimit).Request("POST", "/api/cases?id=copy", file.body, As(admin));
  ASSERT_EQ(made.status, 201) << made.body;
  const HttpReply read = Get(port_b, "/api/cases/copy", admin);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(Body(read)["title"], "National Assembly of Pakistan");
  EXPECT_EQ(Get(port_b, "/api/cases/copy/tally?date=2022-03-30", admin).body,
            Get(port_a, std::string(kCasePath) + "/tally?date=2022-03-30", admin).body);

  // A token made through B opens A; a write through B is read through A.
  const HttpReply token =
      HttpClient(port_b, kLimit)
          .Request("POST", "/api/tokens", Json{{"name", "Desk 3"}, {"role", "editor"}}.dump(),
                   As(admin));
  ASSERT_EQ(token.status, 201) << token.body;
  const std::string editor = Body(token)["token"];
  HttpClient client(port_b, kLimit);
  ASSERT_EQ(AppendNote(client, editor, 1, "through B").status, 201);
  const Json log = Body(Get(port_a, std::string(kCasePath) + "/events", editor));
  EXPECT_EQ(log["version"], 2);
  EXPECT_EQ(log["events"].back()["event"]["summary"], "through B");
  EXPECT_EQ(log["events"].back()["author"], "Desk 3");
}

// PostgreSQL restarted, a proxy between went away: the servers connect again, and a write made
// meanwhile still reaches the other replica's stream.
TEST_F(ServeReplicasTest, StreamsHearOfWritesAfterTheDatabaseEndedEveryConnection) {
  SseClient stream(servers_[1]->port(), std::string(kCasePath) + "/stream", As(token_), kLimit);
  ASSERT_EQ(stream.head().status, 200) << stream.head().error;
  ASSERT_TRUE(NextEvent(stream));
  Result<testing_support::PostgresServer*> postgres = testing_support::SharedPostgres();
  ASSERT_TRUE(postgres.ok()) << postgres.status().ToString();
  // Ends every session of both servers (their pools' and their listeners'), waiting for each.
  const Status ended = (*postgres)->Execute(
      "postgres",
      "SELECT pg_terminate_backend(pid, 60000) FROM pg_stat_activity WHERE datname = '" +
          url_.substr(url_.rfind('/') + 1) + "'");
  ASSERT_TRUE(ended.ok()) << ended.ToString();

  HttpClient client(servers_[0]->port(), kLimit);
  const HttpReply written = AppendNote(client, token_, 1, "after the outage");
  ASSERT_EQ(written.status, 201) << written.body;
  ExpectNewVersion(stream, 2, "after the outage");
}

}  // namespace
}  // namespace whipcount
