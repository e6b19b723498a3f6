// stream_load: many live-stream subscribers on one `whipcount serve`, for bench/server_load.
//
//   stream_load PORT PATH TOKEN SUBSCRIBERS
//
// Opens SUBSCRIBERS connections to 127.0.0.1:PORT, asks each for the event stream at PATH (with
// `Authorization: Bearer TOKEN` unless TOKEN is "-"), and waits for every stream's first event:
// the count as it stands. Then it prints `ready VERSION` and reads one line from standard input,
// `SENT_NS ACKED_NS`: when the driver sent a write and when the server acknowledged it (ns since
// the epoch, as `date +%s%N` prints them). Meanwhile, and until every stream has it or 10 s have
// passed, it records when each stream receives a later version, and prints how many did and their
// delays after the write was sent and after it was acknowledged. One thread and epoll: the client
// costs little beside the server it measures. Exits 0 when it could measure (whatever the figures),
// 1 when it could not.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

using Clock = std::chrono::system_clock;  // comparable with the driver's `date +%s%N`

// How long the streams may take to open and send their first event.
constexpr std::chrono::seconds kOpenTimeout{60};
// How long after the write the streams are watched for it.
constexpr std::chrono::seconds kUpdateTimeout{10};
constexpr int kStdin = 0;

struct Subscriber {
  int fd = -1;
  std::string buffer;  // bytes received and not yet parsed
  bool head_done = false;
  std::string failure;  // why the stream ended, when it did
  std::optional<std::int64_t> first_version;
  std::optional<Clock::time_point> updated_at;  // when a version after the first arrived
};

struct Options {
  std::uint16_t port = 0;
  std::string path;
  std::string token;
  std::size_t subscribers = 0;
};

std::optional<Options> ParseOptions(int argc, char** argv) {
  if (argc != 5) return std::nullopt;
  Options options;
  try {
    options.port = static_cast<std::uint16_t>(std::stoul(argv[1]));
    options.subscribers = std::stoul(argv[4]);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  options.path = argv[2];
  options.token = argv[3];
  return options;
}

// Each subscriber holds a descriptor.
void RaiseOpenFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
  limit.rlim_cur = limit.rlim_max;
  setrlimit(RLIMIT_NOFILE, &limit);
}

bool WriteAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// A connected socket that has sent the stream's request, non-blocking from then on; -1 and a
// message on failure.
int OpenStream(const Options& options) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(options.port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string request =
      "GET " + options.path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n";
  if (options.token != "-") request += "Authorization: Bearer " + options.token + "\r\n";
  request += "\r\n";
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): the sockets API's own cast
  const auto* generic = reinterpret_cast<const sockaddr*>(&address);
  if (connect(fd, generic, sizeof address) != 0 || !WriteAll(fd, request) ||
      fcntl(fd, F_SETFL, O_NONBLOCK) != 0) {
    std::cerr << "stream_load: connecting to port " << options.port
              << " failed: " << std::strerror(errno) << "\n";
    close(fd);
    return -1;
  }
  return fd;
}

// The version of a `tally` event: its message's first "version" field, which the server writes
// right after "case", before the changes and the count that hold others (docs/server.md). Read
// without parsing the whole message, so that a thousand of them cost the client little beside the
// server it measures.
std::optional<std::int64_t> VersionOf(std::string_view event) {
  constexpr std::string_view kField = "\"version\":";
  if (!event.starts_with("event: tally\ndata: ")) return std::nullopt;
  const std::size_t at = event.find(kField);
  if (at == std::string_view::npos) return std::nullopt;
  std::int64_t version = 0;
  const char* begin = event.data() + at + kField.size();
  const auto [end, error] = std::from_chars(begin, event.data() + event.size(), version);
  if (error != std::errc() || end == begin) return std::nullopt;
  return version;
}

// Takes the complete events out of `s.buffer`, received at `now`.
void Parse(Subscriber& s, Clock::time_point now) {
  if (!s.head_done) {
    const std::size_t end = s.buffer.find("\r\n\r\n");
    if (end == std::string::npos) return;
    if (!s.buffer.starts_with("HTTP/1.1 200")) {
      s.failure = s.buffer.substr(0, s.buffer.find("\r\n"));
      return;
    }
    s.head_done = true;
    s.buffer.erase(0, end + 4);
  }
  for (std::size_t end = s.buffer.find("\n\n"); end != std::string::npos;
       end = s.buffer.find("\n\n")) {
    const std::optional<std::int64_t> version =
        VersionOf(std::string_view(s.buffer).substr(0, end));
    s.buffer.erase(0, end + 2);
    if (!version) continue;
    if (!s.first_version) {
      s.first_version = version;
    } else if (*version > *s.first_version && !s.updated_at) {
      s.updated_at = now;
    }
  }
}

// Reads what `s` has; a closed or failed stream gets its `failure`.
void Receive(Subscriber& s, Clock::time_point now) {
  std::array<char, 1 << 16> chunk{};
  for (;;) {
    const ssize_t n = read(s.fd, chunk.data(), chunk.size());
    if (n > 0) {
      s.buffer.append(chunk.data(), static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) break;
    s.failure = n == 0 ? "the server closed the stream" : std::strerror(errno);
    break;
  }
  Parse(s, now);
  if (!s.failure.empty() && s.fd >= 0) {
    close(s.fd);
    s.fd = -1;
  }
}

// The driver's line: when the write was sent and acknowledged.
struct WriteTimes {
  Clock::time_point sent;
  Clock::time_point acked;
};

class Load {
 public:
  explicit Load(const Options& options) : options_(options), epoll_(epoll_create1(EPOLL_CLOEXEC)) {}
  ~Load() {
    for (const Subscriber& s : subscribers_) {
      if (s.fd >= 0) close(s.fd);
    }
    close(epoll_);
  }
  Load(const Load&) = delete;
  Load& operator=(const Load&) = delete;

  bool Open();
  std::size_t WithFirstEvent() const;
  std::size_t Updated() const;
  // Receives until `done` or the deadline; stdin's line, once whole, goes to `driver_line_`.
  template <typename Done>
  void Pump(Clock::time_point deadline, Done done);
  std::optional<WriteTimes> write_times() const;
  const std::vector<Subscriber>& subscribers() const { return subscribers_; }
  bool WatchStdin();

 private:
  const Options& options_;
  const int epoll_;
  std::vector<Subscriber> subscribers_;
  std::string driver_line_;
  bool driver_done_ = false;
};

bool Load::Open() {
  subscribers_.resize(options_.subscribers);
  for (std::size_t i = 0; i < subscribers_.size(); ++i) {
    subscribers_[i].fd = OpenStream(options_);
    if (subscribers_[i].fd < 0) return false;
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u64 = i;
    if (epoll_ctl(epoll_, EPOLL_CTL_ADD, subscribers_[i].fd, &event) != 0) return false;
  }
  return true;
}

bool Load::WatchStdin() {
  epoll_event event{};
  event.events = EPOLLIN;
  event.data.u64 = subscribers_.size();
  return epoll_ctl(epoll_, EPOLL_CTL_ADD, kStdin, &event) == 0;
}

std::size_t Load::WithFirstEvent() const {
  return static_cast<std::size_t>(
      std::count_if(subscribers_.begin(), subscribers_.end(),
                    [](const Subscriber& s) { return s.first_version.has_value(); }));
}

std::size_t Load::Updated() const {
  return static_cast<std::size_t>(
      std::count_if(subscribers_.begin(), subscribers_.end(),
                    [](const Subscriber& s) { return s.updated_at.has_value(); }));
}

template <typename Done>
void Load::Pump(Clock::time_point deadline, Done done) {
  std::vector<epoll_event> events(subscribers_.size() + 1);
  while (!done() && Clock::now() < deadline) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    const int n = epoll_wait(epoll_, events.data(), static_cast<int>(events.size()),
                             static_cast<int>(std::clamp<std::int64_t>(left, 0, 1000)));
    const Clock::time_point now = Clock::now();  // when this batch became readable
    for (int k = 0; k < n; ++k) {
      const std::uint64_t index = events[static_cast<std::size_t>(k)].data.u64;
      if (index < subscribers_.size()) {
        Receive(subscribers_[index], now);
        continue;
      }
      std::array<char, 256> chunk{};
      const ssize_t got = read(kStdin, chunk.data(), chunk.size());
      if (got > 0) driver_line_.append(chunk.data(), static_cast<std::size_t>(got));
      driver_done_ = got <= 0 || driver_line_.find('\n') != std::string::npos;
      if (driver_done_) epoll_ctl(epoll_, EPOLL_CTL_DEL, kStdin, nullptr);
    }
  }
}

std::optional<WriteTimes> Load::write_times() const {
  if (!driver_done_) return std::nullopt;
  std::istringstream in(driver_line_);
  std::int64_t sent = 0;
  std::int64_t acked = 0;
  if (!(in >> sent >> acked)) return std::nullopt;
  return WriteTimes{Clock::time_point(std::chrono::nanoseconds(sent)),
                    Clock::time_point(std::chrono::nanoseconds(acked))};
}

double Milliseconds(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

// The line `NAME min X median X p99 X max X` of the delays (ms) from `since` to each stream's
// receipt of the write.
void PrintDelays(const char* name, const std::vector<Subscriber>& subscribers,
                 Clock::time_point since) {
  std::vector<double> delays;
  delays.reserve(subscribers.size());
  for (const Subscriber& s : subscribers) {
    if (s.updated_at) delays.push_back(Milliseconds(*s.updated_at - since));
  }
  if (delays.empty()) return;
  std::sort(delays.begin(), delays.end());
  const auto at = [&](double q) {
    const auto rank = static_cast<std::size_t>(q * static_cast<double>(delays.size()));
    return delays[std::min(delays.size() - 1, rank)];
  };
  std::printf("%s min %.1f median %.1f p99 %.1f max %.1f\n", name, delays.front(), at(0.5),
              at(0.99), delays.back());
}

// How many streams received the write, and when: after it was sent (the target's measure), and
// after it was acknowledged (the fan-out alone, without the commit).
void Report(const Load& load, const WriteTimes& write) {
  const std::vector<Subscriber>& subscribers = load.subscribers();
  std::printf("write_ms %.1f\n", Milliseconds(write.acked - write.sent));
  std::printf("received %zu of %zu\n", load.Updated(), subscribers.size());
  PrintDelays("delay_ms", subscribers, write.sent);
  PrintDelays("after_ack_ms", subscribers, write.acked);
  for (const Subscriber& s : subscribers) {
    if (!s.updated_at && !s.failure.empty()) {
      std::printf("failure %s\n", s.failure.c_str());
      break;
    }
  }
}

int Run(const Options& options) {
  RaiseOpenFileLimit();
  Load load(options);
  if (!load.Open()) return 1;
  std::printf("connected %zu\n", options.subscribers);
  std::fflush(stdout);
  load.Pump(Clock::now() + kOpenTimeout,
            [&] { return load.WithFirstEvent() == options.subscribers; });
  const std::size_t ready = load.WithFirstEvent();
  if (ready != options.subscribers) {
    std::fprintf(stderr, "stream_load: only %zu of %zu streams sent their first event\n", ready,
                 options.subscribers);
    for (const Subscriber& s : load.subscribers()) {
      if (!s.failure.empty()) {
        std::fprintf(stderr, "stream_load: %s\n", s.failure.c_str());
        break;
      }
    }
    return 1;
  }
  std::printf("ready %lld\n", static_cast<long long>(*load.subscribers().front().first_version));
  std::fflush(stdout);
  if (!load.WatchStdin()) return 1;
  // The deadline runs from now: the driver sends its write at once.
  load.Pump(Clock::now() + kUpdateTimeout,
            [&] { return load.write_times() && load.Updated() == options.subscribers; });
  const std::optional<WriteTimes> write = load.write_times();
  if (!write) {
    std::fprintf(stderr, "stream_load: no 'SENT_NS ACKED_NS' line on standard input\n");
    return 1;
  }
  Report(load, *write);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::optional<Options> options = ParseOptions(argc, argv);
  if (!options) {
    std::cerr << "usage: stream_load PORT PATH TOKEN SUBSCRIBERS (TOKEN '-' for none)\n";
    return 2;
  }
  try {
    return Run(*options);
  } catch (const std::exception& e) {  // memory, or a library's surprise: say so, do not abort
    std::cerr << "stream_load: " << e.what() << "\n";
    return 1;
  }
}
