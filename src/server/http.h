// The HTTP/1.1 transport of `whipcount serve`, on Boost.Beast and Asio: connections, limits,
// keep-alive, server-sent-event streams, graceful shutdown and the access log. It knows nothing
// of whipcount: one Handler answers every request (src/server/api.cc routes them).
//
// Why Beast and not cpp-httplib: one Asio event loop per core holds thousands of idle
// connections (a live stream is an idle connection), where a thread per connection cannot
// (docs/server.md).
#ifndef WHIPCOUNT_SERVER_HTTP_H_
#define WHIPCOUNT_SERVER_HTTP_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "whipcount/result.h"

namespace whipcount::server {

struct Request {
  std::string method;  // "GET", "POST"...
  std::string target;  // as sent: "/api/cases/pk?date=2022-03-30"
  // Percent-decoded, without the query: "/api/cases/pk". A target with an invalid escape or %00
  // is answered 400 before the handler sees it.
  std::string path;
  std::vector<std::pair<std::string, std::string>> query;    // decoded ('+' is a space), in order
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;
  std::string remote;  // "127.0.0.1:53422"

  // The first header or query parameter of that name (header names in any case).
  std::optional<std::string_view> Header(std::string_view name) const;
  std::optional<std::string_view> Query(std::string_view name) const;
};

// A live stream of server-sent events, open until the client goes or the server stops. Send
// may be called from any thread; it queues the event and returns false once the stream is closed
// (the holder should then drop it). It writes `event: NAME` (left out when empty), one `data:`
// line per line of `data`, and a blank line. A client that cannot keep up (more than 256 unsent
// events) is disconnected rather than allowed to grow memory.
class EventStream {
 public:
  virtual ~EventStream() = default;
  virtual bool Send(std::string_view event, std::string_view data) = 0;
  virtual bool open() const = 0;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Type/Length
  std::string body;
  // Set for a stream: the transport answers 200 text/event-stream, sends `body` (if any) as the
  // first bytes of the stream, then hands the stream to this function, and keeps the connection
  // open.
  std::function<void(std::shared_ptr<EventStream>)> on_stream;
};

// Answers one request. Called on the server's threads, several requests at once: it must be
// safe to call concurrently. A HEAD request reaches it as a GET (the transport sends the head
// alone). An exception is caught and answered 500 (ErrorResponse of kStorage, without the
// exception's text, which goes to the error log). The transport writes Content-Type (from
// Response::content_type), Content-Length, Connection and `Server: whipcount/VERSION` itself,
// ignores them in Response::headers, and adds `Cache-Control: no-store` when the handler set no
// Cache-Control.
using Handler = std::function<Response(const Request&)>;

struct HttpOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;                 // 0: any free port (see HttpServer::port)
  int threads = 0;                           // 0: one per core
  std::size_t max_body_bytes = 8u << 20;     // larger: 413 with a JSON error
  std::size_t max_header_bytes = 16u << 10;  // larger: 431
  // A new connection must send its first byte within read_timeout, a kept-alive one within
  // idle_timeout, and a request must arrive whole within read_timeout of its first byte; else
  // the connection is closed, with a 408 when part of a request came.
  std::chrono::seconds idle_timeout{60};
  std::chrono::seconds read_timeout{30};
  // A response or a stream's events that the client does not take within it: the connection is
  // closed.
  std::chrono::seconds write_timeout{30};
  // A comment line on a stream with nothing sent for that long, so that proxies keep it open.
  std::chrono::seconds stream_heartbeat{15};
  // How long Stop waits for requests in flight before the threads are stopped without them.
  std::chrono::seconds stop_timeout{10};
  std::size_t max_connections = 10000;   // beyond it new connections wait to be accepted
  std::ostream* access_log = nullptr;    // one line per request when set
  std::ostream* error_log = &std::cerr;  // a handler that threw, a forced stop; never nullptr
};

// Listens and serves until Stop (or SIGTERM/SIGINT when Run is told to watch them). Listen, port
// and Run are for the thread that owns the server; Stop may be called from any thread. The server
// must outlive Run; event streams that the handler keeps may outlive the server (their Send then
// returns false).
//
// The access log has one line per request, written once the response is sent (for a stream, once
// it starts), with the time in UTC, the client, the request line, the status, the body's bytes
// (or "stream") and the time from the request's first byte:
//   2026-12-03T11:20:05.123Z 127.0.0.1:53422 "GET /api/cases/pk/tally HTTP/1.1" 200 1234 0.8ms
// A request that could not be read shows "-" for its request line. Headers and bodies are never
// logged.
class HttpServer {
 public:
  HttpServer(HttpOptions options, Handler handler);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens. kIo naming the address when it cannot (in use, no permission). Raises the
  // process's soft limit of open files to its hard limit, since each connection holds one.
  Status Listen();
  // The port listened on (the real one when options.port was 0).
  std::uint16_t port() const;
  // Serves on options.threads threads until Stop, or until SIGTERM or SIGINT when
  // `stop_on_signals`. Returns after a graceful shutdown: no new connections, requests in flight
  // answered, streams closed, every thread joined. Returns at once unless Listen succeeded; serves
  // once. A request still running options.stop_timeout after the stop is abandoned: its thread is
  // left to finish alone and Run returns.
  void Run(bool stop_on_signals);
  // Starts a graceful shutdown from any thread (or a signal handler's Asio callback).
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A JSON error body in the CLI's form, byte for byte what `whipcount COMMAND --json` prints
// ({"error": {"code": "E501", "name": ..., "message": ...}} and the location fields the status
// has), with the HTTP status that its code maps to and, for 401, `WWW-Authenticate: Bearer`.
Response ErrorResponse(const Status& status);
// The HTTP status of an error code: 400 for bad input, 401, 403, 404, 405, 409, 413, 428, 500,
// 503 (the table is in http.cc). The transport itself also answers 408 (kTimeout) and 431
// (kTooLarge) for requests it cannot read.
int HttpStatusOf(ErrorCode code);

}  // namespace whipcount::server

#endif  // WHIPCOUNT_SERVER_HTTP_H_
