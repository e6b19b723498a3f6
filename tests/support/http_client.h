// A small blocking HTTP/1.1 client for tests of `whipcount serve`: plain POSIX sockets to
// 127.0.0.1, a deadline on every read, and nothing hidden (no retries, no redirects, no
// decompression), so a test sees exactly what the server sent. Objects are not thread-safe: one per
// thread.
#ifndef WHIPCOUNT_TESTS_SUPPORT_HTTP_CLIENT_H_
#define WHIPCOUNT_TESTS_SUPPORT_HTTP_CLIENT_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace whipcount::testing_support {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

inline constexpr std::chrono::milliseconds kHttpTestTimeout{30'000};

struct HttpReply {
  int status = 0;       // 0 when no reply was read: `error` says why
  std::string version;  // "HTTP/1.1"
  HttpHeaders headers;  // names in lower case, in the order sent
  std::string body;
  std::string error;  // empty when the reply was read whole

  // The first header of that name (any case).
  std::optional<std::string> Header(std::string_view name) const;
};

// One TCP connection to 127.0.0.1:port. Every read waits at most `timeout` for the next bytes.
class LoopbackConnection {
 public:
  LoopbackConnection(std::uint16_t port, std::chrono::milliseconds timeout);
  ~LoopbackConnection();
  LoopbackConnection(const LoopbackConnection&) = delete;
  LoopbackConnection& operator=(const LoopbackConnection&) = delete;

  bool connected() const { return fd_ >= 0; }
  // Why the last operation failed ("connection closed", "timed out after 30000 ms", ...).
  const std::string& error() const { return error_; }
  // True once the server has closed its side (everything it sent before may still be read).
  bool at_end() const { return at_end_ && buffer_.empty(); }

  bool Send(std::string_view bytes);
  // A line without its "\r\n" (or "\n"); nullopt at the end or after the deadline.
  std::optional<std::string> ReadLine(std::chrono::steady_clock::time_point deadline);
  std::optional<std::string> ReadLine() { return ReadLine(Deadline()); }
  std::optional<std::string> ReadExactly(std::size_t count);
  // Everything until the server closes; nullopt after the timeout.
  std::optional<std::string> ReadToEnd();
  // Reads and drops until the server closes: true if it does before the deadline.
  bool WaitClosed(std::chrono::steady_clock::time_point deadline);
  void Close();

  std::chrono::steady_clock::time_point Deadline() const {
    return std::chrono::steady_clock::now() + timeout_;
  }

 private:
  // Reads what has arrived into buffer_, waiting until the deadline: false at the end or after it.
  bool Fill(std::chrono::steady_clock::time_point deadline);

  int fd_ = -1;
  std::chrono::milliseconds timeout_;
  std::string buffer_;  // received and not yet read
  bool at_end_ = false;
  std::string error_;
};

// HTTP/1.1 requests on one keep-alive connection:
//   HttpClient client(server.port());
//   HttpReply reply = client.Request("GET", "/api/health");
//   EXPECT_EQ(reply.status, 200) << reply.error;
class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port, std::chrono::milliseconds timeout = kHttpTestTimeout);

  // Sends one request (with Host, and Content-Length when there is a body or the method is POST,
  // PUT or PATCH, unless `headers` has them) and reads its reply. A HEAD reply has no body.
  HttpReply Request(std::string_view method, std::string_view target, std::string_view body = {},
                    const HttpHeaders& headers = {});
  // Raw bytes, for malformed, partial or pipelined requests; then ReadReply for each answer.
  bool Send(std::string_view bytes) { return connection_.Send(bytes); }
  HttpReply ReadReply(std::string_view method = "GET");
  // True when the server closes the connection within the timeout (what it sends is dropped).
  bool WaitClosed() { return connection_.WaitClosed(connection_.Deadline()); }
  LoopbackConnection& connection() { return connection_; }

 private:
  std::uint16_t port_;
  LoopbackConnection connection_;
};

// One server-sent event, or one comment block (": keep-alive" then a blank line).
struct SseEvent {
  std::string event;    // the `event:` field; empty when there was none
  std::string data;     // the `data:` lines joined by "\n"
  std::string comment;  // a comment's text without ": " ("keep-alive"), for a comment block
};

// A live stream: GET `target`, the reply's head, then events as they come.
//   SseClient stream(server.port(), "/api/cases/pk/stream");
//   ASSERT_EQ(stream.head().status, 200) << stream.head().error;
//   std::optional<SseEvent> event = stream.Next(std::chrono::seconds(30));
class SseClient {
 public:
  SseClient(std::uint16_t port, std::string_view target, const HttpHeaders& headers = {},
            std::chrono::milliseconds timeout = kHttpTestTimeout);

  // The status and headers (body empty); `error` set when no head came.
  const HttpReply& head() const { return head_; }
  // The next event or comment block; nullopt when none came within `timeout` or the stream
  // ended (closed() tells which).
  std::optional<SseEvent> Next(std::chrono::milliseconds timeout);
  // True once the server has ended the stream and every event before the end was read.
  bool closed() const { return connection_.at_end(); }
  // Reads and drops events until the server ends the stream: true if it does within `timeout`.
  bool WaitClosed(std::chrono::milliseconds timeout);
  // Closes the connection from this side, as a reader that goes away.
  void Disconnect() { connection_.Close(); }

 private:
  LoopbackConnection connection_;
  HttpReply head_;
};

}  // namespace whipcount::testing_support

#endif  // WHIPCOUNT_TESTS_SUPPORT_HTTP_CLIENT_H_
