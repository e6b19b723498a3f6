#include "support/postgres.h"

#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

namespace whipcount::testing_support {
namespace {

namespace fs = std::filesystem;
using std::chrono::steady_clock;

// How long a busy machine may take to start or stop the server.
constexpr std::chrono::seconds kStartLimit{120};
constexpr std::chrono::seconds kStopLimit{60};
constexpr std::chrono::milliseconds kPoll{50};
// Tries at a free port: another process may take the one found before the server binds it.
constexpr int kPortTries = 5;

Status Failure(std::string message) { return Status(ErrorCode::kIo, std::move(message)); }

// The bin directory of the newest PostgreSQL under /usr/lib/postgresql (Debian's layout).
Result<fs::path> FindPostgres() {
  const fs::path root = "/usr/lib/postgresql";
  std::optional<fs::path> best;
  int best_version = 0;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(root, error)) {
    const int version = std::atoi(entry.path().filename().c_str());
    if (version > best_version && fs::exists(entry.path() / "bin" / "initdb")) {
      best_version = version;
      best = entry.path() / "bin";
    }
  }
  if (!best.has_value()) {
    return Failure(
        "PostgreSQL is not installed (no /usr/lib/postgresql/<version>/bin/initdb), and the "
        "store's tests run against a real server: install the Debian package postgresql "
        "(scripts/install-deps does)");
  }
  return *best;
}

// The user to run PostgreSQL as: nobody when we are not root, else postgres.
Result<std::optional<passwd>> PostgresUser() {
  if (geteuid() != 0) return std::optional<passwd>();
  const passwd* user = getpwnam("postgres");
  if (user == nullptr) {
    return Failure(
        "PostgreSQL refuses to run as root, and there is no user postgres to run it as: install "
        "the Debian package postgresql, which makes one");
  }
  return std::optional<passwd>(*user);
}

std::string Tail(const fs::path& log) {
  constexpr std::size_t kTail = 2000;
  std::ifstream in(log);
  std::string text(std::istreambuf_iterator<char>(in), {});
  if (text.size() > kTail) text = "..." + text.substr(text.size() - kTail);
  return text;
}

// Starts `argv` with its output appended to `log`, as `user` when given, dying with the
// calling thread when `tied`.
Result<pid_t> Spawn(const std::vector<std::string>& argv, const fs::path& log,
                    const std::optional<passwd>& user, bool tied) {
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  const std::string log_path = log.string();
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) return Failure("cannot fork to run " + argv[0]);
  if (pid == 0) {
    // Only async-signal-safe calls from here to exec.
    const int out = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    const int null = open("/dev/null", O_RDONLY);
    if (out < 0 || null < 0 || dup2(null, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0)
      _exit(126);
    if (user.has_value() &&
        (setgroups(0, nullptr) != 0 || setgid(user->pw_gid) != 0 || setuid(user->pw_uid) != 0)) {
      _exit(126);
    }
    // After setuid, which would clear it: the server gets SIGQUIT (immediate shutdown) if the
    // test's thread dies without stopping it.
    if (tied && (prctl(PR_SET_PDEATHSIG, SIGQUIT) != 0 || getppid() != parent)) _exit(126);
    execv(args[0], args.data());
    _exit(127);
  }
  return pid;
}

// Waits up to `limit` for `pid` to exit; its exit code, or nullopt if it is still running.
std::optional<int> WaitFor(pid_t pid, std::chrono::steady_clock::duration limit) {
  const auto deadline = steady_clock::now() + limit;
  while (true) {
    int status = 0;
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (done < 0) return -1;
    if (steady_clock::now() > deadline) return std::nullopt;
    std::this_thread::sleep_for(kPoll);
  }
}

// A TCP port of 127.0.0.1 that nothing listens on right now.
Result<int> FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  const bool found = fd >= 0 &&
                     bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
                     getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
  if (fd >= 0) close(fd);
  if (!found) return Failure("cannot find a free TCP port on 127.0.0.1");
  return static_cast<int>(ntohs(address.sin_port));
}

}  // namespace

PostgresServer::PostgresServer(fs::path directory, fs::path bin)
    : directory_(std::move(directory)), bin_(std::move(bin)) {}

PostgresServer::~PostgresServer() {
  Stop();
  std::error_code ignored;
  fs::remove_all(directory_, ignored);
}

Result<std::unique_ptr<PostgresServer>> PostgresServer::Start() {
  WHIPCOUNT_ASSIGN_OR_RETURN(const fs::path bin, FindPostgres());
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::optional<passwd> user, PostgresUser());
  std::string pattern = (fs::temp_directory_path() / "whipcount-pg-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) return Failure("cannot make a directory in /tmp");
  std::unique_ptr<PostgresServer> server(new PostgresServer(pattern, bin));
  if (user.has_value() && chown(pattern.c_str(), user->pw_uid, user->pw_gid) != 0) {
    return Failure("cannot give " + pattern + " to the user postgres");
  }
  const fs::path log = server->directory_ / "initdb.log";
  WHIPCOUNT_ASSIGN_OR_RETURN(
      const pid_t initdb,
      Spawn({(bin / "initdb").string(), "-D", (server->directory_ / "data").string(), "-U",
             "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync",
             "--no-instructions"},
            log, user, false));
  if (WaitFor(initdb, kStartLimit) != 0) {
    return Failure("initdb failed to make a PostgreSQL cluster:\n" + Tail(log));
  }
  WHIPCOUNT_RETURN_IF_ERROR(server->Launch());
  return server;
}

Status PostgresServer::Launch() {
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::optional<passwd> user, PostgresUser());
  const fs::path log = directory_ / "server.log";
  for (int attempt = 0; attempt < kPortTries; ++attempt) {
    WHIPCOUNT_ASSIGN_OR_RETURN(port_, FreePort());
    WHIPCOUNT_ASSIGN_OR_RETURN(
        pid_,
        Spawn({(bin_ / "postgres").string(), "-D", (directory_ / "data").string(), "-p",
               std::to_string(port_), "-k", directory_.string(), "-c", "listen_addresses=127.0.0.1",
               "-c", "fsync=off", "-c", "full_page_writes=off", "-c", "max_connections=200"},
              log, user, true));
    WHIPCOUNT_ASSIGN_OR_RETURN(const bool ready, AwaitReady());
    if (ready) return Status::Ok();
    pid_ = -1;
    if (Tail(log).find("could not bind") == std::string::npos) break;
  }
  return Failure("the PostgreSQL server did not start:\n" + Tail(log));
}

Result<bool> PostgresServer::AwaitReady() {
  const auto deadline = steady_clock::now() + kStartLimit;
  while (steady_clock::now() < deadline) {
    try {
      const pqxx::connection connection(Url("postgres"));
      return true;
    } catch (const std::exception&) {
      if (WaitFor(pid_, std::chrono::seconds(0)).has_value()) return false;
      std::this_thread::sleep_for(kPoll);
    }
  }
  Stop();
  return Failure("the PostgreSQL server did not accept connections within " +
                 std::to_string(kStartLimit.count()) + " s:\n" + Tail(directory_ / "server.log"));
}

void PostgresServer::Stop() {
  if (pid_ < 0) return;
  kill(pid_, SIGINT);
  if (!WaitFor(pid_, kStopLimit).has_value()) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  pid_ = -1;
}

std::string PostgresServer::Url(std::string_view database) const {
  return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" + std::string(database);
}

Result<std::string> PostgresServer::CreateDatabase() {
  const std::string name = "t_" + std::to_string(++databases_);
  WHIPCOUNT_RETURN_IF_ERROR(Execute("postgres", "CREATE DATABASE " + name));
  return Url(name);
}

Status PostgresServer::Execute(std::string_view database, const std::string& sql) const {
  try {
    pqxx::connection connection(Url(database));
    pqxx::nontransaction work(connection);
    work.exec(sql);
    work.commit();
    return Status::Ok();
  } catch (const std::exception& error) {
    return Failure("cannot run " + sql + " on " + Url(database) + ": " + error.what());
  }
}

Result<PostgresServer*> SharedPostgres() {
  static const Result<std::unique_ptr<PostgresServer>> kServer = PostgresServer::Start();
  if (!kServer.ok()) return kServer.status();
  return kServer->get();
}

Result<std::string> NewPostgresDatabase() {
  WHIPCOUNT_ASSIGN_OR_RETURN(PostgresServer* const server, SharedPostgres());
  return server->CreateDatabase();
}

}  // namespace whipcount::testing_support
