// The HTTP/1.1 transport on Boost.Beast and Asio (see http.h).
//
// One io_context runs on the server's threads. The acceptor and every connection (a Session) have
// a strand of their own, so a session's state is touched by one handler at a time and needs no
// lock, except what EventStream::Send reaches from other threads: the queue of unsent events,
// under the session's mutex. A session is kept alive by its pending operations (each holds a
// shared_ptr to it) and by the EventStream handed to the handler; it holds the ServerState, which
// owns the io_context, so no socket outlives the io_context it belongs to.
#include "server/http.h"

#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <charconv>
#include <condition_variable>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <deque>
#include <exception>
#include <limits>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "io/json_out.h"
#include "whipcount/version.h"

namespace whipcount::server {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using Tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;
using NetError = boost::system::error_code;
using HeaderList = std::vector<std::pair<std::string, std::string>>;

// A stream client that leaves more events than this unsent is disconnected (EventStream::Send):
// memory per stream stays bounded whatever the client does.
constexpr std::size_t kMaxQueuedEvents = 256;
// After its last response a connection stops sending and reads (and drops) what the client still
// sends for this long before it closes: closing with unread bytes would reset the connection and
// could destroy the response before the client reads it.
constexpr std::chrono::seconds kLingerTime{2};
// After a forced stop, how long Run waits for the threads that were idle to return.
constexpr std::chrono::seconds kForcedStopWait{1};
// The code of the 500 answered for a handler that threw: the handler's failures that are not
// values come from below it (the database, memory).
constexpr ErrorCode kHandlerFailed = ErrorCode::kStorage;
constexpr std::string_view kHeartbeat = ": keep-alive\n\n";
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

// ---- Requests ----------------------------------------------------------------------------------

enum class Plus { kLiteral, kSpace };  // what '+' means: itself (paths) or a space (queries)

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<std::string> PercentDecode(std::string_view text, Plus plus) {
  std::string decoded;
  decoded.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+' && plus == Plus::kSpace) {
      decoded.push_back(' ');
    } else if (c != '%') {
      decoded.push_back(c);
    } else {
      const int high = i + 2 < text.size() ? HexValue(text[i + 1]) : -1;
      const int low = high >= 0 ? HexValue(text[i + 2]) : -1;
      if (low < 0) {
        return Status(ErrorCode::kSyntax, "invalid percent escape '" +
                                              std::string(text.substr(i, 3)) +
                                              "' in the request target: a % must be followed "
                                              "by two hex digits (write % itself as %25)");
      }
      if (high == 0 && low == 0) {
        return Status(ErrorCode::kInvalidText,
                      "the request target holds %00, a NUL byte, which no path or parameter "
                      "may hold");
      }
      decoded.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    }
  }
  return decoded;
}

// "a=1&b=x+y" as [("a", "1"), ("b", "x y")]; a parameter without '=' has an empty value.
Result<HeaderList> ParseQuery(std::string_view query) {
  HeaderList parameters;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view item = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (item.empty()) continue;
    const std::size_t equals = item.find('=');
    WHIPCOUNT_ASSIGN_OR_RETURN(std::string name,
                               PercentDecode(item.substr(0, equals), Plus::kSpace));
    std::string value;
    if (equals != std::string_view::npos) {
      WHIPCOUNT_ASSIGN_OR_RETURN(value, PercentDecode(item.substr(equals + 1), Plus::kSpace));
    }
    parameters.emplace_back(std::move(name), std::move(value));
  }
  return parameters;
}

std::string Lowercase(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return lower;
}

// The handler's view of a parsed message; moves the body out of it.
Result<Request> ToRequest(http::request<http::string_body>& message, std::string remote) {
  Request request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  std::string_view target = message.target();
  target = target.substr(0, target.find('#'));
  const std::size_t question = target.find('?');
  WHIPCOUNT_ASSIGN_OR_RETURN(request.path,
                             PercentDecode(target.substr(0, question), Plus::kLiteral));
  if (question != std::string_view::npos) {
    WHIPCOUNT_ASSIGN_OR_RETURN(request.query, ParseQuery(target.substr(question + 1)));
  }
  for (const auto& field : message) {
    request.headers.emplace_back(Lowercase(field.name_string()), std::string(field.value()));
  }
  request.body = std::move(message.body());
  request.remote = std::move(remote);
  return request;
}

// "GET /api/cases?x=1 HTTP/1.1", as the access log shows it.
std::string RequestLine(const http::request_header<>& header) {
  return std::string(header.method_string()) + " " + std::string(header.target()) + " HTTP/" +
         std::to_string(header.version() / 10) + "." + std::to_string(header.version() % 10);
}

// ---- Responses ---------------------------------------------------------------------------------

// How a response goes out: the request's HTTP version, whether the connection stays open after
// it, and whether the body is left out (HEAD).
struct Framing {
  unsigned version = 11;
  bool keep_alive = false;
  bool head_only = false;
};

// A header name or value from the handler cannot end the line it is on.
std::string OneLine(std::string_view text) {
  std::string line;
  line.reserve(text.size());
  for (const char c : text) {
    if (c != '\r' && c != '\n' && c != '\0') line.push_back(c);
  }
  return line;
}

// The fields the transport writes itself, ignored in Response::headers.
bool IsTransportField(std::string_view name) {
  constexpr std::array<std::string_view, 5> kFields = {"content-length", "content-type",
                                                       "transfer-encoding", "connection", "server"};
  return std::any_of(kFields.begin(), kFields.end(),
                     [&](std::string_view field) { return beast::iequals(field, name); });
}

// Server, the handler's own fields and, unless it set one, Cache-Control: no-store.
void SetCommonFields(http::fields& fields, const HeaderList& headers) {
  fields.set(http::field::server, "whipcount/" + std::string(kVersion));
  bool cache_control = false;
  for (const auto& [name, value] : headers) {
    if (IsTransportField(name)) continue;
    cache_control = cache_control || beast::iequals(name, "cache-control");
    fields.insert(OneLine(name), OneLine(value));
  }
  if (!cache_control) fields.set(http::field::cache_control, "no-store");
}

std::string HeadText(const http::response_header<>& head) {
  const http::fields::writer writer(head, head.version(), head.result_int());
  return beast::buffers_to_string(writer.get());
}

// The status line and fields of an ordinary response, with the length of its whole body.
std::string ResponseHead(const Response& response, const Framing& framing) {
  http::response<http::empty_body> head;
  head.version(framing.version);
  const bool valid = response.status >= 100 && response.status <= 999;
  head.result(static_cast<unsigned>(valid ? response.status : 500));
  SetCommonFields(head, response.headers);
  head.set(http::field::content_type, OneLine(response.content_type));
  head.content_length(response.body.size());
  head.keep_alive(framing.keep_alive);
  return HeadText(head);
}

// The head of a stream: 200, text/event-stream, no length (the body ends when the connection
// does), and no buffering by a proxy in front (nginx reads X-Accel-Buffering).
std::string StreamHead(const Response& response) {
  http::response<http::empty_body> head{http::status::ok, 11};
  SetCommonFields(head, response.headers);
  head.set(http::field::content_type, "text/event-stream");
  head.set(http::field::connection, "keep-alive");
  head.set("X-Accel-Buffering", "no");
  return HeadText(head);
}

// `event: NAME`, one `data:` line per line of `data`, and the blank line that ends an event.
// Lines end at "\r\n", "\r" or "\n" (as an event-stream reader splits them), so no data can end
// the event early or start another field.
std::string FormatEvent(std::string_view event, std::string_view data) {
  std::string text;
  text.reserve(event.size() + data.size() + 16);
  if (!event.empty()) text += "event: " + OneLine(event) + "\n";
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = data.find_first_of("\r\n", start);
    text += "data: ";
    text += data.substr(start, end - start);
    text += '\n';
    if (end == std::string_view::npos) break;
    const bool crlf = data[end] == '\r' && end + 1 < data.size() && data[end + 1] == '\n';
    start = end + (crlf ? 2 : 1);
  }
  text += '\n';
  return text;
}

// ---- The access log ----------------------------------------------------------------------------

// "2026-12-03T11:20:05.123Z"
std::string UtcTimestamp(std::chrono::system_clock::time_point when) {
  const auto since_epoch = when.time_since_epoch();
  const std::time_t seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch).count();
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  std::array<char, 64> text{};
  const int length = std::snprintf(text.data(), text.size(), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                                   utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour,
                                   utc.tm_min, utc.tm_sec, static_cast<int>(millis));
  return std::string(text.data(), static_cast<std::size_t>(std::max(length, 0)));
}

// A request line as the log quotes it: quotes, backslashes and control bytes as \xHH, so that a
// target cannot forge a log line.
std::string LogQuoted(std::string_view text) {
  std::string quoted = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f || c == '"' || c == '\\') {
      std::array<char, 8> escape{};
      std::snprintf(escape.data(), escape.size(), "\\x%02x", byte);
      quoted += escape.data();
    } else {
      quoted.push_back(c);
    }
  }
  return quoted + "\"";
}

// "0.8ms"
std::string Milliseconds(Clock::duration elapsed) {
  const double ms = std::chrono::duration<double, std::milli>(elapsed).count();
  std::array<char, 32> text{};
  const auto [end, error] =
      std::to_chars(text.data(), text.data() + text.size(), ms, std::chars_format::fixed, 1);
  return error == std::errc() ? std::string(text.data(), end) + "ms" : "?ms";
}

// What one line of the access log says about a request. `bytes` is the body's length, nullopt for
// a stream.
struct AccessRecord {
  std::string request_line = "-";
  int status = 0;
  std::optional<std::size_t> bytes;
  Clock::time_point start;
};

std::string AccessLogLine(std::string_view remote, const AccessRecord& record) {
  return UtcTimestamp(std::chrono::system_clock::now()) + " " + std::string(remote) + " " +
         LogQuoted(record.request_line) + " " + std::to_string(record.status) + " " +
         (record.bytes ? std::to_string(*record.bytes) : std::string("stream")) + " " +
         Milliseconds(Clock::now() - record.start) + "\n";
}

// ---- Addresses ---------------------------------------------------------------------------------

std::string AddressText(std::string_view host, std::uint16_t port) {
  const bool v6 = host.find(':') != std::string_view::npos;
  return (v6 ? "[" + std::string(host) + "]" : std::string(host)) + ":" + std::to_string(port);
}

std::string EndpointText(const Tcp::endpoint& endpoint) {
  return AddressText(endpoint.address().to_string(), endpoint.port());
}

Status ListenFailure(const std::string& address, const NetError& error) {
  std::string reason;
  if (error == net::error::address_in_use) {
    reason = "address in use; is another whipcount serve running? choose --port";
  } else if (error == net::error::access_denied) {
    reason = "permission denied; ports below 1024 need privileges: choose --port";
  } else if (error == boost::system::errc::address_not_available) {
    reason = "the address is not one of this machine's; choose --host";
  } else {
    reason = error.message();
  }
  return Status(ErrorCode::kIo, "cannot listen on " + address + ": " + reason);
}

// Each connection holds a file descriptor: a server for thousands of streams needs more than the
// usual soft limit of 1,024. Unchanged when the system refuses.
void RaiseOpenFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
  const rlim_t wanted = std::min<rlim_t>(limit.rlim_max, rlim_t{1} << 20);
  if (limit.rlim_cur >= wanted) return;
  limit.rlim_cur = wanted;
  setrlimit(RLIMIT_NOFILE, &limit);
}

int ThreadCount(int asked) {
  if (asked > 0) return asked;
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

// An io_context whose services can be shut down before it is destroyed: after a forced stop,
// shutdown() destroys the handlers left in its queue, which hold sessions that hold the server.
class IoContext : public net::io_context {
 public:
  using net::execution_context::shutdown;
  using net::io_context::io_context;
};

class Session;

// What the connections share: the options, the handler, the io_context and the registry of open
// connections (for Stop and max_connections). Owned by the HttpServer and by every session.
class ServerState : public std::enable_shared_from_this<ServerState> {
 public:
  ServerState(HttpOptions options, Handler handler)
      : options_(std::move(options)),
        handler_(std::move(handler)),
        io_(ThreadCount(options_.threads)),
        strand_(net::make_strand(io_)),
        acceptor_(strand_),
        accept_retry_(strand_) {}

  Status Listen();
  std::uint16_t port() const { return port_; }
  void Run(bool watch_signals);
  void RequestStop();

  const HttpOptions& options() const { return options_; }
  bool stopping() const { return stopping_.load(); }
  // The handler's response; a 500 when it throws.
  Response Answer(const Request& request);
  // A session that has closed: it no longer counts towards max_connections.
  void Forget(std::uint64_t id);
  void LogAccess(const std::string& line);
  void LogError(const std::string& line);

 private:
  void DoAccept();
  void OnAccept(const NetError& error, Tcp::socket socket);
  void StartSession(Tcp::socket socket);
  void WatchSignals();
  void BeginShutdown();
  void RunThread();
  bool WaitForThreads();
  void AbandonStreams();

  const HttpOptions options_;
  const Handler handler_;
  IoContext io_;  // before every object bound to it, so that it is destroyed after them
  net::strand<net::io_context::executor_type> strand_;  // the acceptor's
  Tcp::acceptor acceptor_;
  net::steady_timer accept_retry_;
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work_;
  std::optional<net::signal_set> signals_;
  std::atomic<bool> stopping_ = false;
  std::uint16_t port_ = 0;
  std::uint64_t next_id_ = 0;  // on strand_

  std::mutex sessions_mutex_;  // guards sessions_ and accept_paused_
  std::unordered_map<std::uint64_t, std::weak_ptr<Session>> sessions_;
  bool accept_paused_ = false;

  std::mutex run_mutex_;  // guards stop_requested_, forced_ and running_
  std::condition_variable run_changed_;
  bool stop_requested_ = false;
  bool forced_ = false;
  int running_ = 0;

  std::mutex log_mutex_;
};

// One connection: reads requests one after another (so pipelined requests are answered in
// order), answers each through the handler, and either keeps the connection for the next request,
// closes it, or turns it into an event stream.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(std::shared_ptr<ServerState> server, Tcp::socket socket, std::uint64_t id);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void Start();
  // The server is stopping: close now if waiting for a request or streaming, else after the
  // response in progress.
  void Shutdown();
  // After a forced stop: streams report closed, without touching the socket.
  void Abandon();
  const net::any_io_executor& executor() const { return executor_; }

  // From any thread: queue `text` on the stream. False once it is closed.
  bool Enqueue(std::string text);
  bool stream_open() const;

 private:
  enum class Phase { kWaiting, kReading, kWriting, kStreaming, kClosing, kClosed };

  void AwaitRequest();
  void ReadHeader();
  void OnHeader(const NetError& error);
  void ReadBody();
  void OnReadError(const NetError& error);
  void Dispatch();
  void RespondAndClose(int http_status, const Status& status);
  void WriteResponse(Response response, const Framing& framing);
  void OnResponseWritten(const NetError& error);
  void StartStream(const Response& response);
  void WriteQueued();
  void OnQueuedWritten(const NetError& error);
  void OnHeartbeat(const NetError& error);
  void ArmHeartbeat(Clock::time_point when);
  void CloseStream();
  void DropSlowClient();
  void CloseGracefully();
  void ShutdownSend();
  void DiscardInput();
  void ArmDeadline(Clock::duration timeout);
  void Disarm();
  void OnDeadline(const NetError& error);
  void Close();

  const std::shared_ptr<ServerState> server_;  // first, so that it is released last
  const std::uint64_t id_;
  Tcp::socket socket_;
  const net::any_io_executor executor_;  // the session's strand
  net::steady_timer deadline_;           // read, write and linger deadlines
  net::steady_timer heartbeat_;          // a stream's keep-alive comments
  std::string remote_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  Phase phase_ = Phase::kWaiting;
  bool first_request_ = true;
  bool timed_out_ = false;
  bool read_pending_ = false;
  bool write_in_flight_ = false;
  Clock::time_point last_write_;
  std::array<char, 1024> discard_{};
  // The response being written and its log line.
  std::string out_head_;
  std::string out_body_;
  bool keep_alive_ = false;
  AccessRecord record_;
  // The event stream's queue, reached by Send from any thread.
  mutable std::mutex mutex_;
  bool open_ = false;
  bool write_scheduled_ = false;
  std::deque<std::string> queue_;
  std::string batch_;  // the events being written (on the strand only)
};

// The EventStream handed to the handler: a handle on its session.
class SessionStream final : public EventStream {
 public:
  explicit SessionStream(std::shared_ptr<Session> session) : session_(std::move(session)) {}
  bool Send(std::string_view event, std::string_view data) override {
    return session_->stream_open() && session_->Enqueue(FormatEvent(event, data));
  }
  bool open() const override { return session_->stream_open(); }

 private:
  std::shared_ptr<Session> session_;
};

// ---- ServerState -------------------------------------------------------------------------------

Status ServerState::Listen() {
  RaiseOpenFileLimit();
  const std::string address = AddressText(options_.host, options_.port);
  NetError error;
  Tcp::resolver resolver(io_);
  const Tcp::resolver::results_type endpoints =
      resolver.resolve(options_.host, std::to_string(options_.port),
                       Tcp::resolver::passive | Tcp::resolver::numeric_service, error);
  if (error || endpoints.empty()) {
    return Status(ErrorCode::kIo, "cannot listen on " + address + ": " +
                                      (error ? error.message() : "no such address") +
                                      "; choose --host");
  }
  const Tcp::endpoint endpoint = endpoints.begin()->endpoint();
  acceptor_.open(endpoint.protocol(), error);
  if (!error) acceptor_.set_option(Tcp::acceptor::reuse_address(true), error);
  if (!error) acceptor_.bind(endpoint, error);
  if (!error) acceptor_.listen(net::socket_base::max_listen_connections, error);
  if (!error) port_ = acceptor_.local_endpoint(error).port();
  if (error) {
    NetError ignored;
    acceptor_.close(ignored);
    return ListenFailure(address, error);
  }
  return Status::Ok();
}

void ServerState::Run(bool watch_signals) {
  if (!acceptor_.is_open()) return;
  work_.emplace(io_.get_executor());
  if (watch_signals) WatchSignals();
  net::post(strand_, [self = shared_from_this()] { self->DoAccept(); });
  const int count = ThreadCount(options_.threads);
  {
    const std::lock_guard lock(run_mutex_);
    running_ = count;
  }
  std::vector<std::thread> threads;
  threads.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    threads.emplace_back([self = shared_from_this()] { self->RunThread(); });
  }
  const bool finished = WaitForThreads();
  for (std::thread& thread : threads) {
    // A thread still in a handler after a forced stop is left to finish alone: it holds this
    // state (and so the io_context) until it does.
    if (finished) {
      thread.join();
    } else {
      thread.detach();
    }
  }
}

void ServerState::RunThread() {
  for (;;) {
    try {
      io_.run();
      break;
    } catch (const std::exception& e) {
      LogError(std::string("whipcount serve: ") + e.what());
    }
  }
  bool last_after_forced_stop = false;
  {
    const std::lock_guard lock(run_mutex_);
    --running_;
    run_changed_.notify_all();
    last_after_forced_stop = running_ == 0 && forced_;
  }
  if (last_after_forced_stop) io_.shutdown();
}

// Waits for the threads to return after a stop; stops them options_.stop_timeout after it. True
// when every thread returned.
bool ServerState::WaitForThreads() {
  std::unique_lock lock(run_mutex_);
  run_changed_.wait(lock, [this] { return stop_requested_ || running_ == 0; });
  if (run_changed_.wait_for(lock, options_.stop_timeout, [this] { return running_ == 0; })) {
    return true;
  }
  forced_ = true;
  lock.unlock();
  LogError("whipcount serve: requests still running " +
           std::to_string(options_.stop_timeout.count()) +
           " s after the stop; stopping without them");
  AbandonStreams();
  io_.stop();
  lock.lock();
  return run_changed_.wait_for(lock, kForcedStopWait, [this] { return running_ == 0; });
}

void ServerState::AbandonStreams() {
  const std::lock_guard lock(sessions_mutex_);
  for (const auto& entry : sessions_) {
    if (const std::shared_ptr<Session> session = entry.second.lock()) session->Abandon();
  }
}

void ServerState::RequestStop() {
  if (stopping_.exchange(true)) return;
  // Weak: a server stopped before it ran must not be kept alive by its own queue.
  net::post(strand_, [weak = weak_from_this()] {
    if (const std::shared_ptr<ServerState> self = weak.lock()) self->BeginShutdown();
  });
  const std::lock_guard lock(run_mutex_);
  stop_requested_ = true;
  run_changed_.notify_all();
}

void ServerState::WatchSignals() {
  signals_.emplace(strand_, SIGINT, SIGTERM);
  signals_->async_wait([self = shared_from_this()](const NetError& error, int /*signal*/) {
    if (!error) self->RequestStop();
  });
}

// On the acceptor's strand: no new connections, then every session is told to finish. The io
// threads return once the last session has closed.
void ServerState::BeginShutdown() {
  NetError ignored;
  acceptor_.close(ignored);
  accept_retry_.cancel();
  if (signals_) {
    // Back to the default actions: a second SIGINT ends the process at once.
    signals_->clear(ignored);
    signals_->cancel(ignored);
  }
  work_.reset();
  const std::lock_guard lock(sessions_mutex_);
  for (const auto& entry : sessions_) {
    if (std::shared_ptr<Session> session = entry.second.lock()) {
      net::post(session->executor(), [session] { session->Shutdown(); });
    }
  }
}

void ServerState::DoAccept() {
  if (stopping_ || !acceptor_.is_open()) return;
  {
    const std::lock_guard lock(sessions_mutex_);
    if (sessions_.size() >= options_.max_connections) {
      accept_paused_ = true;  // Forget resumes
      return;
    }
  }
  acceptor_.async_accept(net::make_strand(io_),
                         [self = shared_from_this()](const NetError& error, Tcp::socket socket) {
                           self->OnAccept(error, std::move(socket));
                         });
}

void ServerState::OnAccept(const NetError& error, Tcp::socket socket) {
  if (error == net::error::operation_aborted || stopping_) return;
  if (error) {
    // Most often out of file descriptors: wait a little rather than spin on the error.
    LogError("whipcount serve: cannot accept a connection: " + error.message());
    accept_retry_.expires_after(std::chrono::milliseconds(100));
    accept_retry_.async_wait([self = shared_from_this()](const NetError& wait_error) {
      if (!wait_error) self->DoAccept();
    });
    return;
  }
  StartSession(std::move(socket));
  DoAccept();
}

void ServerState::StartSession(Tcp::socket socket) {
  NetError ignored;
  socket.set_option(Tcp::no_delay(true), ignored);
  const std::uint64_t id = next_id_++;
  auto session = std::make_shared<Session>(shared_from_this(), std::move(socket), id);
  {
    const std::lock_guard lock(sessions_mutex_);
    sessions_.emplace(id, session);
  }
  session->Start();
}

void ServerState::Forget(std::uint64_t id) {
  const std::lock_guard lock(sessions_mutex_);
  sessions_.erase(id);
  if (accept_paused_ && sessions_.size() < options_.max_connections && !stopping_) {
    accept_paused_ = false;
    net::post(strand_, [self = shared_from_this()] { self->DoAccept(); });
  }
}

Response ServerState::Answer(const Request& request) {
  std::string failure;
  try {
    return handler_(request);
  } catch (const std::exception& e) {
    failure = e.what();
  } catch (...) {
    failure = "an exception that is not a std::exception";
  }
  LogError("whipcount serve: " + request.method + " " + request.target + " failed: " + failure);
  return ErrorResponse(Status(kHandlerFailed, "the server failed while answering " +
                                                  request.method + " " + request.path +
                                                  "; the details are in its log"));
}

void ServerState::LogAccess(const std::string& line) {
  if (options_.access_log == nullptr) return;
  const std::lock_guard lock(log_mutex_);
  *options_.access_log << line << std::flush;
}

void ServerState::LogError(const std::string& line) {
  const std::lock_guard lock(log_mutex_);
  *options_.error_log << line << '\n' << std::flush;
}

// ---- Session: requests -------------------------------------------------------------------------

Session::Session(std::shared_ptr<ServerState> server, Tcp::socket socket, std::uint64_t id)
    : server_(std::move(server)),
      id_(id),
      socket_(std::move(socket)),
      executor_(socket_.get_executor()),
      deadline_(executor_),
      heartbeat_(executor_) {
  NetError error;
  const Tcp::endpoint remote = socket_.remote_endpoint(error);
  remote_ = error ? "-" : EndpointText(remote);
}

Session::~Session() {
  if (phase_ != Phase::kClosed) server_->Forget(id_);
}

void Session::Start() {
  net::post(executor_, [self = shared_from_this()] { self->AwaitRequest(); });
}

// Waits for the first byte of the next request, under the idle (or first-request) deadline.
void Session::AwaitRequest() {
  if (server_->stopping()) {
    CloseGracefully();
    return;
  }
  const HttpOptions& options = server_->options();
  parser_.emplace();
  parser_->body_limit(options.max_body_bytes);
  parser_->header_limit(static_cast<std::uint32_t>(
      std::min<std::size_t>(options.max_header_bytes, std::numeric_limits<std::uint32_t>::max())));
  if (buffer_.size() > 0) {  // a pipelined request
    ReadHeader();
    return;
  }
  phase_ = Phase::kWaiting;
  ArmDeadline(first_request_ ? options.read_timeout : options.idle_timeout);
  first_request_ = false;
  socket_.async_wait(Tcp::socket::wait_read, [self = shared_from_this()](const NetError& error) {
    if (self->phase_ != Phase::kWaiting) return;
    if (error) {
      self->Close();
    } else {
      self->ReadHeader();
    }
  });
}

void Session::ReadHeader() {
  phase_ = Phase::kReading;
  record_ = AccessRecord{.start = Clock::now()};
  ArmDeadline(server_->options().read_timeout);
  http::async_read_header(
      socket_, buffer_, *parser_,
      [self = shared_from_this()](const NetError& error, std::size_t) { self->OnHeader(error); });
}

// A client that sent `Expect: 100-continue` waits for a go-ahead before the body (curl does,
// for bodies over 1 KiB).
void Session::OnHeader(const NetError& error) {
  if (phase_ == Phase::kClosed) return;
  if (error) {
    OnReadError(error);
    return;
  }
  record_.request_line = RequestLine(parser_->get());
  if (parser_->is_done() || !beast::iequals(parser_->get()[http::field::expect], "100-continue")) {
    ReadBody();
    return;
  }
  net::async_write(socket_, net::buffer(kContinue.data(), kContinue.size()),
                   [self = shared_from_this()](const NetError& write_error, std::size_t) {
                     if (self->phase_ == Phase::kClosed) return;
                     if (write_error) {
                       self->Close();
                     } else {
                       self->ReadBody();
                     }
                   });
}

void Session::ReadBody() {
  if (parser_->is_done()) {
    Dispatch();
    return;
  }
  http::async_read(socket_, buffer_, *parser_,
                   [self = shared_from_this()](const NetError& error, std::size_t) {
                     if (self->phase_ == Phase::kClosed) return;
                     if (error) {
                       self->OnReadError(error);
                     } else {
                       self->Dispatch();
                     }
                   });
}

// A request that could not be read: answered when the client can still be told why, then the
// connection is closed (where the next request would start is unknown).
void Session::OnReadError(const NetError& error) {
  const HttpOptions& options = server_->options();
  if (error == http::error::body_limit) {
    RespondAndClose(
        413, Status(ErrorCode::kTooLarge, "the request body is larger than the server's limit of " +
                                              std::to_string(options.max_body_bytes) + " bytes"));
  } else if (error == http::error::header_limit) {
    RespondAndClose(431, Status(ErrorCode::kTooLarge,
                                "the request's headers are larger than the server's limit of " +
                                    std::to_string(options.max_header_bytes) + " bytes"));
  } else if (error == net::error::operation_aborted && timed_out_) {
    if (buffer_.size() > 0 || parser_->got_some()) {
      RespondAndClose(408, Status(ErrorCode::kTimeout,
                                  "the request did not arrive whole within " +
                                      std::to_string(options.read_timeout.count()) + " s"));
    } else {
      Close();
    }
  } else if (error.category() == http::make_error_code(http::error::bad_target).category() &&
             error != http::error::end_of_stream && error != http::error::partial_message) {
    RespondAndClose(400, Status(ErrorCode::kSyntax,
                                "the request is not valid HTTP/1.1 (" + error.message() + ")"));
  } else {
    Close();  // the client went away
  }
}

void Session::RespondAndClose(int http_status, const Status& status) {
  Response response = ErrorResponse(status);
  response.status = http_status;
  if (parser_->is_header_done()) record_.request_line = RequestLine(parser_->get());
  const unsigned version = parser_->is_header_done() ? parser_->get().version() : 11;
  WriteResponse(std::move(response), {.version = version, .keep_alive = false});
}

// The whole request is here: ask the handler and send its answer.
void Session::Dispatch() {
  Disarm();
  http::request<http::string_body> message = parser_->release();
  const Framing framing{.version = message.version(),
                        .keep_alive = message.keep_alive(),
                        .head_only = message.method() == http::verb::head};
  Result<Request> request = ToRequest(message, remote_);
  if (!request.ok()) {
    WriteResponse(ErrorResponse(request.status()), framing);
    return;
  }
  if (framing.head_only) request->method = "GET";
  Response response = server_->Answer(*request);
  if (response.on_stream && !framing.head_only) {
    StartStream(response);
  } else {
    WriteResponse(std::move(response), framing);
  }
}

void Session::WriteResponse(Response response, const Framing& framing) {
  phase_ = Phase::kWriting;
  keep_alive_ = framing.keep_alive && !server_->stopping();
  out_head_ = ResponseHead(response, {.version = framing.version, .keep_alive = keep_alive_});
  out_body_ = framing.head_only ? std::string() : std::move(response.body);
  record_.status = response.status;
  record_.bytes = out_body_.size();
  ArmDeadline(server_->options().write_timeout);
  const std::array<net::const_buffer, 2> buffers = {net::buffer(out_head_), net::buffer(out_body_)};
  net::async_write(socket_, buffers,
                   [self = shared_from_this()](const NetError& error, std::size_t) {
                     self->OnResponseWritten(error);
                   });
}

void Session::OnResponseWritten(const NetError& error) {
  if (phase_ == Phase::kClosed) return;
  Disarm();
  server_->LogAccess(AccessLogLine(remote_, record_));
  out_head_.clear();
  out_body_.clear();
  if (error) {
    Close();
  } else if (keep_alive_) {
    AwaitRequest();
  } else {
    CloseGracefully();
  }
}

// ---- Session: event streams --------------------------------------------------------------------

void Session::StartStream(const Response& response) {
  phase_ = Phase::kStreaming;
  {
    const std::lock_guard lock(mutex_);
    open_ = true;
    queue_.push_back(StreamHead(response) + response.body);
    write_scheduled_ = true;
  }
  WriteQueued();
  DiscardInput();  // fails when the client goes
  ArmHeartbeat(Clock::now() + server_->options().stream_heartbeat);
  record_.status = 200;
  record_.bytes = std::nullopt;
  server_->LogAccess(AccessLogLine(remote_, record_));
  try {
    response.on_stream(std::make_shared<SessionStream>(shared_from_this()));
  } catch (const std::exception& e) {
    server_->LogError("whipcount serve: starting the stream of " + record_.request_line +
                      " failed: " + e.what());
    CloseStream();
  }
}

bool Session::stream_open() const {
  const std::lock_guard lock(mutex_);
  return open_;
}

bool Session::Enqueue(std::string text) {
  std::unique_lock lock(mutex_);
  if (!open_) return false;
  if (queue_.size() >= kMaxQueuedEvents) {
    open_ = false;
    queue_.clear();
    lock.unlock();
    net::post(executor_, [self = shared_from_this()] { self->DropSlowClient(); });
    return false;
  }
  queue_.push_back(std::move(text));
  if (!write_scheduled_) {
    write_scheduled_ = true;
    net::post(executor_, [self = shared_from_this()] { self->WriteQueued(); });
  }
  return true;
}

// Writes every queued event in one go; OnQueuedWritten comes back for those queued meanwhile.
void Session::WriteQueued() {
  {
    const std::lock_guard lock(mutex_);
    if (queue_.empty() || phase_ != Phase::kStreaming) {
      write_scheduled_ = false;
      return;
    }
    batch_.clear();
    for (const std::string& text : queue_) batch_ += text;
    queue_.clear();
  }
  write_in_flight_ = true;
  ArmDeadline(server_->options().write_timeout);
  net::async_write(socket_, net::buffer(batch_),
                   [self = shared_from_this()](const NetError& error, std::size_t) {
                     self->OnQueuedWritten(error);
                   });
}

void Session::OnQueuedWritten(const NetError& error) {
  write_in_flight_ = false;
  if (phase_ == Phase::kClosed) return;
  Disarm();
  if (error) {
    Close();
    return;
  }
  last_write_ = Clock::now();
  if (phase_ == Phase::kClosing) {
    ShutdownSend();
  } else {
    WriteQueued();
  }
}

void Session::ArmHeartbeat(Clock::time_point when) {
  heartbeat_.expires_at(when);
  heartbeat_.async_wait(
      [self = shared_from_this()](const NetError& error) { self->OnHeartbeat(error); });
}

// A comment on a stream that has sent nothing for a heartbeat's period.
void Session::OnHeartbeat(const NetError& error) {
  if (error || phase_ != Phase::kStreaming) return;
  const Clock::duration period =
      std::max<Clock::duration>(server_->options().stream_heartbeat, std::chrono::seconds(1));
  const Clock::time_point now = Clock::now();
  if (now - last_write_ >= period) {
    Enqueue(std::string(kHeartbeat));
    ArmHeartbeat(now + period);
  } else {
    ArmHeartbeat(last_write_ + period);
  }
}

// Ends a stream: what is queued is dropped, what is being written is finished, then the
// connection closes.
void Session::CloseStream() {
  if (phase_ != Phase::kStreaming) return;
  {
    const std::lock_guard lock(mutex_);
    open_ = false;
    queue_.clear();
  }
  heartbeat_.cancel();
  phase_ = Phase::kClosing;
  if (!write_in_flight_) ShutdownSend();
}

void Session::DropSlowClient() {
  if (phase_ != Phase::kStreaming) return;
  server_->LogError("whipcount serve: closed the stream of " + remote_ + ": more than " +
                    std::to_string(kMaxQueuedEvents) + " events unsent");
  Close();
}

// ---- Session: closing --------------------------------------------------------------------------

void Session::Shutdown() {
  if (phase_ == Phase::kWaiting) {
    Close();
  } else if (phase_ == Phase::kStreaming) {
    CloseStream();
  }
  // Reading or writing: the response goes out with Connection: close, then AwaitRequest closes.
}

void Session::Abandon() {
  const std::lock_guard lock(mutex_);
  open_ = false;
  queue_.clear();
}

void Session::CloseGracefully() {
  phase_ = Phase::kClosing;
  ShutdownSend();
}

// Sends FIN and reads until the client closes too, or the linger time is over.
void Session::ShutdownSend() {
  NetError ignored;
  socket_.shutdown(Tcp::socket::shutdown_send, ignored);
  ArmDeadline(kLingerTime);
  if (!read_pending_) DiscardInput();
}

void Session::DiscardInput() {
  read_pending_ = true;
  socket_.async_read_some(net::buffer(discard_),
                          [self = shared_from_this()](const NetError& error, std::size_t) {
                            self->read_pending_ = false;
                            if (self->phase_ == Phase::kClosed) return;
                            if (error) {
                              self->Close();
                            } else {
                              self->DiscardInput();
                            }
                          });
}

void Session::ArmDeadline(Clock::duration timeout) {
  timed_out_ = false;
  deadline_.expires_after(timeout);
  deadline_.async_wait(
      [self = shared_from_this()](const NetError& error) { self->OnDeadline(error); });
}

void Session::Disarm() { deadline_.expires_at(Clock::time_point::max()); }

// Cancels the operations in progress; their handlers see timed_out_.
void Session::OnDeadline(const NetError& error) {
  if (error == net::error::operation_aborted || phase_ == Phase::kClosed) return;
  if (deadline_.expiry() > Clock::now()) return;  // armed again since
  timed_out_ = true;
  NetError ignored;
  socket_.cancel(ignored);
}

void Session::Close() {
  if (phase_ == Phase::kClosed) return;
  phase_ = Phase::kClosed;
  {
    const std::lock_guard lock(mutex_);
    open_ = false;
    queue_.clear();
  }
  NetError ignored;
  socket_.close(ignored);
  deadline_.cancel();
  heartbeat_.cancel();
  server_->Forget(id_);
}

}  // namespace

// ---- Public interface --------------------------------------------------------------------------

std::optional<std::string_view> Request::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (beast::iequals(key, name)) return value;
  }
  return std::nullopt;
}

std::optional<std::string_view> Request::Query(std::string_view name) const {
  for (const auto& [key, value] : query) {
    if (key == name) return value;
  }
  return std::nullopt;
}

struct HttpServer::Impl {
  std::shared_ptr<ServerState> state;
};

HttpServer::HttpServer(HttpOptions options, Handler handler)
    : impl_(std::make_unique<Impl>(
          Impl{std::make_shared<ServerState>(std::move(options), std::move(handler))})) {}

HttpServer::~HttpServer() = default;

Status HttpServer::Listen() { return impl_->state->Listen(); }

std::uint16_t HttpServer::port() const { return impl_->state->port(); }

void HttpServer::Run(bool stop_on_signals) { impl_->state->Run(stop_on_signals); }

void HttpServer::Stop() { impl_->state->RequestStop(); }

// Error codes to HTTP statuses:
//   kSyntax .. kInvalidGame, kInvalidText, kUsage   400 Bad Request (the input is wrong)
//   kTooLarge                                        413 Content Too Large
//   kNotFound                                        404 Not Found
//   kConflict                                        409 Conflict (with the current version)
//   kUnauthorized                                    401 Unauthorized (+ WWW-Authenticate: Bearer)
//   kForbidden                                       403 Forbidden
//   kPreconditionRequired                            428 Precondition Required (no If-Match)
//   kMethodNotAllowed                                405 Method Not Allowed
//   kTimeout                                         503 Service Unavailable (try a smaller ask)
//   kStorage, kIo                                    500 Internal Server Error
//   kOk                                              200
// The transport itself answers 408 (kTimeout) and 431 (kTooLarge) for requests it cannot read.
int HttpStatusOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk:
      return 200;
    case ErrorCode::kSyntax:
    case ErrorCode::kType:
    case ErrorCode::kMissingField:
    case ErrorCode::kUnknownField:
    case ErrorCode::kInvalidValue:
    case ErrorCode::kInvalidText:
    case ErrorCode::kDuplicateId:
    case ErrorCode::kUnknownId:
    case ErrorCode::kNegativeSeats:
    case ErrorCode::kSeatsExceedChamber:
    case ErrorCode::kInvalidFraction:
    case ErrorCode::kImpossibleThreshold:
    case ErrorCode::kInconsistentCount:
    case ErrorCode::kMissingSuccessor:
    case ErrorCode::kInvalidEvent:
    case ErrorCode::kInvalidGame:
    case ErrorCode::kUsage:
      return 400;
    case ErrorCode::kTooLarge:
      return 413;
    case ErrorCode::kNotFound:
      return 404;
    case ErrorCode::kConflict:
      return 409;
    case ErrorCode::kUnauthorized:
      return 401;
    case ErrorCode::kForbidden:
      return 403;
    case ErrorCode::kPreconditionRequired:
      return 428;
    case ErrorCode::kMethodNotAllowed:
      return 405;
    case ErrorCode::kTimeout:
      return 503;
    case ErrorCode::kStorage:
    case ErrorCode::kIo:
      return 500;
  }
  return 500;
}

Response ErrorResponse(const Status& status) {
  Response response;
  response.status = HttpStatusOf(status.code());
  // The same document as `whipcount COMMAND --json` prints for an error (cli/commands.cc).
  response.body = io::JsonText(io::StatusToJson(status));
  if (status.code() == ErrorCode::kUnauthorized) {
    response.headers.emplace_back("WWW-Authenticate", "Bearer");
  }
  return response;
}

}  // namespace whipcount::server
