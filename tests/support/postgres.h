// A real PostgreSQL server for tests, started in a temporary directory and removed afterwards.
//
// One server serves a whole test binary (SharedPostgres, started on first use, as starting one
// takes a second or two); each test takes a fresh database of its own from it
// (NewPostgresDatabase), so tests stay independent. The server runs initdb's trust
// authentication on 127.0.0.1 and a free port, with fsync off: tests kill processes, never the
// machine, and the operating system keeps what a killed process wrote.
#ifndef WHIPCOUNT_TESTS_SUPPORT_POSTGRES_H_
#define WHIPCOUNT_TESTS_SUPPORT_POSTGRES_H_

#include <sys/types.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "whipcount/result.h"

namespace whipcount::testing_support {

class PostgresServer {
 public:
  // Makes a cluster with initdb (from /usr/lib/postgresql/<version>/bin) in a new temporary
  // directory and starts its server on a free port of 127.0.0.1, its socket in that directory.
  // As root it runs them as the user postgres (PostgreSQL refuses root). kIo when PostgreSQL is
  // not installed or does not start, with the server's log.
  //
  // The server dies with the thread that started it (the test's main thread, as a rule), so a
  // test binary that crashes leaves no server behind.
  static Result<std::unique_ptr<PostgresServer>> Start();

  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;
  // Stops the server (fast shutdown: open sessions are ended) and removes the directory.
  ~PostgresServer();

  int port() const { return port_; }
  // "postgresql://postgres@127.0.0.1:PORT/DATABASE"
  std::string Url(std::string_view database) const;
  // Creates an empty database (t_1, t_2...) and returns its URL.
  Result<std::string> CreateDatabase();
  // Runs `sql` as the superuser on `database`, outside any transaction.
  Status Execute(std::string_view database, const std::string& sql) const;

 private:
  PostgresServer(std::filesystem::path directory, std::filesystem::path bin);
  // Starts the server on a free port, trying another when the port was taken meanwhile.
  Status Launch();
  // Waits until the server accepts connections; false when it exited first.
  Result<bool> AwaitReady();
  void Stop();

  std::filesystem::path directory_;  // the cluster, its socket and the logs
  std::filesystem::path bin_;        // PostgreSQL's programs
  pid_t pid_ = -1;                   // the server's process
  int port_ = 0;
  std::atomic<int> databases_ = 0;
};

// The server of this test binary, started by the first call and stopped when the process
// exits. When it cannot start, every call returns that error, so every test that needs it fails
// saying why.
Result<PostgresServer*> SharedPostgres();

// A new empty database on SharedPostgres(): its URL.
Result<std::string> NewPostgresDatabase();

}  // namespace whipcount::testing_support

#endif  // WHIPCOUNT_TESTS_SUPPORT_POSTGRES_H_
