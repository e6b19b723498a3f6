#include "support/http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

namespace whipcount::testing_support {
namespace {

using Clock = std::chrono::steady_clock;

std::string Lowercase(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return lower;
}

std::string Trimmed(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return "";
  const std::size_t last = text.find_last_not_of(" \t");
  return std::string(text.substr(first, last - first + 1));
}

// "Name: value" lines, then the blank line that ends a request's head.
void AppendHeaders(std::string& request, const HttpHeaders& headers) {
  for (const auto& [name, value] : headers) {
    request.append(name).append(": ").append(value).append("\r\n");
  }
  request += "\r\n";
}

bool HasHeader(const HttpHeaders& headers, std::string_view name) {
  return std::any_of(headers.begin(), headers.end(),
                     [&](const auto& header) { return Lowercase(header.first) == name; });
}

// "HTTP/1.1 200 OK", then "Name: value" lines up to a blank line. False with reply.error set when
// the head is cut short or malformed.
bool ReadHead(LoopbackConnection& connection, HttpReply& reply) {
  const std::optional<std::string> status_line = connection.ReadLine();
  if (!status_line) {
    reply.error = "no status line: " + connection.error();
    return false;
  }
  const std::size_t space = status_line->find(' ');
  if (status_line->rfind("HTTP/", 0) != 0 || space == std::string::npos ||
      status_line->size() < space + 4) {
    reply.error = "malformed status line '" + *status_line + "'";
    return false;
  }
  reply.version = status_line->substr(0, space);
  reply.status = std::stoi(status_line->substr(space + 1, 3));
  reply.headers.clear();
  for (;;) {
    const std::optional<std::string> line = connection.ReadLine();
    if (!line) {
      reply.error = "headers cut short: " + connection.error();
      return false;
    }
    if (line->empty()) return true;
    const std::size_t colon = line->find(':');
    if (colon == std::string::npos) {
      reply.error = "malformed header line '" + *line + "'";
      return false;
    }
    reply.headers.emplace_back(Lowercase(line->substr(0, colon)),
                               Trimmed(std::string_view(*line).substr(colon + 1)));
  }
}

}  // namespace

std::optional<std::string> HttpReply::Header(std::string_view name) const {
  const std::string lower = Lowercase(name);
  for (const auto& [key, value] : headers) {
    if (key == lower) return value;
  }
  return std::nullopt;
}

// ---- LoopbackConnection ------------------------------------------------------------------------

LoopbackConnection::LoopbackConnection(std::uint16_t port, std::chrono::milliseconds timeout)
    : timeout_(timeout) {
  fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) {
    error_ = std::string("socket: ") + std::strerror(errno);
    return;
  }
  const int one = 1;
  setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): the sockets API
  if (connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    error_ = "cannot connect to 127.0.0.1:" + std::to_string(port) + ": " + std::strerror(errno);
    Close();
  }
}

LoopbackConnection::~LoopbackConnection() { Close(); }

void LoopbackConnection::Close() {
  if (fd_ >= 0) close(fd_);
  fd_ = -1;
}

bool LoopbackConnection::Send(std::string_view bytes) {
  while (!bytes.empty()) {
    if (fd_ < 0) {
      error_ = "not connected";
      return false;
    }
    const ssize_t sent = send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent < 0) {
      error_ = std::string("send: ") + std::strerror(errno);
      return false;
    }
    bytes.remove_prefix(static_cast<std::size_t>(sent));
  }
  return true;
}

bool LoopbackConnection::Fill(Clock::time_point deadline) {
  if (fd_ < 0 || at_end_) {
    error_ = fd_ < 0 ? "not connected" : "connection closed";
    return false;
  }
  for (;;) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      error_ = "timed out after " + std::to_string(timeout_.count()) + " ms";
      return false;
    }
    pollfd ready{.fd = fd_, .events = POLLIN, .revents = 0};
    const int polled = poll(&ready, 1, static_cast<int>(std::min<long long>(left, 60'000)));
    if (polled < 0 && errno != EINTR) {
      error_ = std::string("poll: ") + std::strerror(errno);
      return false;
    }
    if (polled <= 0) continue;
    std::array<char, 65536> chunk{};
    const ssize_t got = recv(fd_, chunk.data(), chunk.size(), 0);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      at_end_ = true;
      error_ = got == 0 ? "connection closed" : std::string("recv: ") + std::strerror(errno);
      return false;
    }
    buffer_.append(chunk.data(), static_cast<std::size_t>(got));
    return true;
  }
}

std::optional<std::string> LoopbackConnection::ReadLine(Clock::time_point deadline) {
  for (;;) {
    const std::size_t end = buffer_.find('\n');
    if (end != std::string::npos) {
      std::string line = buffer_.substr(0, end);
      buffer_.erase(0, end + 1);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return line;
    }
    if (!Fill(deadline)) return std::nullopt;
  }
}

std::optional<std::string> LoopbackConnection::ReadExactly(std::size_t count) {
  const Clock::time_point deadline = Deadline();
  while (buffer_.size() < count) {
    if (!Fill(deadline)) return std::nullopt;
  }
  std::string bytes = buffer_.substr(0, count);
  buffer_.erase(0, count);
  return bytes;
}

std::optional<std::string> LoopbackConnection::ReadToEnd() {
  const Clock::time_point deadline = Deadline();
  while (Fill(deadline)) {
  }
  if (!at_end_) return std::nullopt;
  return std::exchange(buffer_, std::string());
}

bool LoopbackConnection::WaitClosed(Clock::time_point deadline) {
  while (Fill(deadline)) buffer_.clear();
  buffer_.clear();
  return at_end_;
}

// ---- HttpClient --------------------------------------------------------------------------------

HttpClient::HttpClient(std::uint16_t port, std::chrono::milliseconds timeout)
    : port_(port), connection_(port, timeout) {}

HttpReply HttpClient::Request(std::string_view method, std::string_view target,
                              std::string_view body, const HttpHeaders& headers) {
  std::string request = std::string(method) + " " + std::string(target) + " HTTP/1.1\r\n";
  if (!HasHeader(headers, "host")) request += "Host: 127.0.0.1:" + std::to_string(port_) + "\r\n";
  const bool has_body = !body.empty() || method == "POST" || method == "PUT" || method == "PATCH";
  if (has_body && !HasHeader(headers, "content-length")) {
    request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  AppendHeaders(request, headers);
  request += body;
  if (!Send(request)) {
    HttpReply reply;
    reply.error = "cannot send the request: " + connection_.error();
    return reply;
  }
  return ReadReply(method);
}

HttpReply HttpClient::ReadReply(std::string_view method) {
  HttpReply reply;
  do {
    if (!ReadHead(connection_, reply)) return reply;
  } while (reply.status == 100);  // the go-ahead for a body sent with Expect: 100-continue
  if (method == "HEAD" || reply.status / 100 == 1 || reply.status == 204 || reply.status == 304) {
    return reply;
  }
  std::optional<std::string> body;
  if (const std::optional<std::string> length = reply.Header("content-length")) {
    body = connection_.ReadExactly(std::stoul(*length));
  } else if (reply.Header("transfer-encoding")) {
    reply.error = "a chunked reply, which this client does not read";
    return reply;
  } else {
    body = connection_.ReadToEnd();
  }
  if (!body) {
    reply.error = "body cut short: " + connection_.error();
    return reply;
  }
  reply.body = std::move(*body);
  return reply;
}

// ---- SseClient ---------------------------------------------------------------------------------

SseClient::SseClient(std::uint16_t port, std::string_view target, const HttpHeaders& headers,
                     std::chrono::milliseconds timeout)
    : connection_(port, timeout) {
  std::string request = "GET " + std::string(target) +
                        " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                        "\r\nAccept: text/event-stream\r\n";
  AppendHeaders(request, headers);
  if (!connection_.Send(request)) {
    head_.error = "cannot send the request: " + connection_.error();
    return;
  }
  ReadHead(connection_, head_);
}

std::optional<SseEvent> SseClient::Next(std::chrono::milliseconds timeout) {
  const Clock::time_point deadline = Clock::now() + timeout;
  SseEvent event;
  bool any = false;
  bool has_data = false;
  for (;;) {
    const std::optional<std::string> line = connection_.ReadLine(deadline);
    if (!line) return std::nullopt;
    if (line->empty()) {
      if (any) return event;
      continue;
    }
    any = true;
    const std::size_t colon = line->find(':');
    const std::string_view field = std::string_view(*line).substr(0, colon);
    std::string_view value;
    if (colon != std::string::npos) {
      value = std::string_view(*line).substr(colon + 1);
      if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    }
    if (field.empty()) {
      event.comment = std::string(value);
    } else if (field == "event") {
      event.event = std::string(value);
    } else if (field == "data") {
      if (has_data) event.data += '\n';
      event.data += value;
      has_data = true;
    }
  }
}

bool SseClient::WaitClosed(std::chrono::milliseconds timeout) {
  return connection_.WaitClosed(Clock::now() + timeout);
}

}  // namespace whipcount::testing_support
