// SQLite under the store: a file in WAL mode, so readers never wait for the writer, with
// synchronous=FULL, so a commit is on disk (the write-ahead log fsynced) before it returns.
//
// Each thread in a transaction has a connection of its own from a small pool. Writers take
// this process's write mutex and then BEGIN IMMEDIATE, which takes the database's write lock at
// once (waiting up to the busy timeout for another process that holds it), so a write never
// fails halfway for a lock. The change listener runs on a thread of its own, fed by a queue after
// each commit: it never runs inside a writer's transaction or lock. With SQLite the listener
// hears this process's writes only.
#include <sqlite3.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

#include "store/pool.h"
#include "store/sql.h"

namespace whipcount::store {
namespace {

// Connections open at once: more threads than this wait for one.
constexpr std::size_t kMaxConnections = 8;
// How long a writer waits for another process's write lock before giving up.
constexpr int kBusyTimeoutMilliseconds = 10'000;

// The primary result code (SQLITE_BUSY) in an extended one (SQLITE_BUSY_SNAPSHOT).
constexpr int kPrimaryCode = 0xFF;

// What to do about an SQLite error, by its primary code.
std::string_view Hint(int code) {
  switch (code & kPrimaryCode) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return ": another process held the database's lock too long; try again";
    case SQLITE_FULL:
      return ": the disk is full; free some space";
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return ": check that the file's directory exists and that whipcount may write there";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return ": is it a whipcount database? It may be damaged";
    case SQLITE_IOERR:
      return ": the disk failed; check it";
    default:
      return "";
  }
}

class SqliteConnection {
 public:
  // Opens (creating) the file and sets WAL mode, full synchronous commits and foreign keys.
  static Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path);

  SqliteConnection(sqlite3* db, std::string where) : db_(db), where_(std::move(where)) {}
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;
  ~SqliteConnection() {
    for (const auto& [sql, statement] : statements_) sqlite3_finalize(statement);
    sqlite3_close_v2(db_);
  }

  Result<SqlRows> Exec(std::string_view sql, std::span<const SqlParam> params);
  // Whether the last statement failed for another connection's lock.
  bool busy() const { return (last_code_ & kPrimaryCode) == SQLITE_BUSY; }
  // Whether a transaction is open on this connection.
  bool InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

 private:
  // Switches the file to WAL mode, which it keeps (SqliteConnection::UseWal says more).
  Status UseWal();
  // "cannot run INSERT ... on sqlite:cases.db: disk I/O error: the disk failed; check it"
  Status Error(std::string_view what, int code);
  Result<sqlite3_stmt*> Prepare(std::string_view sql);
  Status Bind(sqlite3_stmt* statement, std::span<const SqlParam> params);

  sqlite3* db_;
  std::string where_;
  // Prepared once per connection and reused: the store runs a handful of statements.
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
  int last_code_ = SQLITE_OK;  // of the last failure
};

Status SqliteConnection::Error(std::string_view what, int code) {
  last_code_ = code;
  return Status(ErrorCode::kStorage, "cannot " + std::string(what) + " on " + where_ + ": " +
                                         sqlite3_errmsg(db_) + std::string(Hint(code)));
}

Result<sqlite3_stmt*> SqliteConnection::Prepare(std::string_view sql) {
  std::string key(sql);
  if (const auto found = statements_.find(key); found != statements_.end()) return found->second;
  sqlite3_stmt* statement = nullptr;
  const int code = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
  if (code != SQLITE_OK) return Error("run " + OneLine(sql), code);
  statements_.emplace(std::move(key), statement);
  return statement;
}

Status SqliteConnection::Bind(sqlite3_stmt* statement, std::span<const SqlParam> params) {
  for (std::size_t i = 0; i < params.size(); ++i) {
    // The SQL numbers its parameters $1, $2... as PostgreSQL does; SQLite takes them as names.
    const int index =
        sqlite3_bind_parameter_index(statement, ("$" + std::to_string(i + 1)).c_str());
    if (index == 0) continue;
    int code = SQLITE_OK;
    if (const auto* number = std::get_if<std::int64_t>(&params[i])) {
      code = sqlite3_bind_int64(statement, index, *number);
    } else if (const auto* text = std::get_if<std::string_view>(&params[i])) {
      // An empty view may have no data pointer, which SQLite would take for NULL.
      code = sqlite3_bind_text64(statement, index, text->empty() ? "" : text->data(), text->size(),
                                 SQLITE_STATIC, SQLITE_UTF8);
    } else {
      code = sqlite3_bind_null(statement, index);
    }
    if (code != SQLITE_OK) return Error("bind a parameter", code);
  }
  return Status::Ok();
}

Result<SqlRows> SqliteConnection::Exec(std::string_view sql, std::span<const SqlParam> params) {
  WHIPCOUNT_ASSIGN_OR_RETURN(sqlite3_stmt* const statement, Prepare(sql));
  Status status = Bind(statement, params);
  SqlRows rows;
  int code = SQLITE_ROW;
  while (status.ok() && (code = sqlite3_step(statement)) == SQLITE_ROW) {
    SqlRow& row = rows.emplace_back();
    const int columns = sqlite3_column_count(statement);
    row.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) {
      if (sqlite3_column_type(statement, c) == SQLITE_NULL) {
        row.emplace_back();
        continue;
      }
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, c));
      row.emplace_back(
          std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement, c))));
    }
  }
  if (status.ok() && code != SQLITE_DONE) status = Error("run " + OneLine(sql), code);
  sqlite3_reset(statement);
  sqlite3_clear_bindings(statement);
  if (!status.ok()) return status;
  return rows;
}

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::string& path) {
  sqlite3* db = nullptr;
  const int code = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  auto connection = std::make_unique<SqliteConnection>(db, "sqlite:" + path);
  if (code != SQLITE_OK) return connection->Error("open the database", code);
  sqlite3_busy_timeout(db, kBusyTimeoutMilliseconds);
  WHIPCOUNT_RETURN_IF_ERROR(connection->UseWal());
  for (const std::string_view pragma : {"PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON"}) {
    WHIPCOUNT_RETURN_IF_ERROR(connection->Exec(pragma, {}).status());
  }
  return connection;
}

// Switching to WAL needs the file to itself, and SQLite does not wait for another connection to
// let go of it (waiting could deadlock): when several open a new file at once, those that find
// it taken try again until the busy timeout.
Status SqliteConnection::UseWal() {
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyTimeoutMilliseconds);
  Result<SqlRows> mode = Exec("PRAGMA journal_mode = WAL", {});
  while (!mode.ok() && busy() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    mode = Exec("PRAGMA journal_mode = WAL", {});
  }
  if (!mode.ok()) return mode.status();
  if (mode->empty() || TextColumn(mode->front(), 0) != "wal") {
    return Status(ErrorCode::kStorage,
                  "cannot use " + where_ + " in WAL mode: put it on a local file system");
  }
  return Status::Ok();
}

// Calls a listener with each change published, in order, on a thread of its own.
class ChangeNotifier {
 public:
  ChangeNotifier() = default;
  ChangeNotifier(const ChangeNotifier&) = delete;
  ChangeNotifier& operator=(const ChangeNotifier&) = delete;
  // Stops the thread; changes not yet delivered are dropped.
  ~ChangeNotifier() {
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    published_.notify_one();
    if (thread_.joinable()) thread_.join();
  }

  // Starts delivering to `listener`; the changes published before are not delivered.
  void Listen(std::function<void(const Change&)> listener) {
    const std::lock_guard lock(mutex_);
    listener_ = std::move(listener);
    if (!thread_.joinable()) thread_ = std::thread([this] { Deliver(); });
  }

  void Publish(std::vector<Change> changes) {
    {
      const std::lock_guard lock(mutex_);
      if (!listener_) return;
      for (Change& change : changes) queue_.push_back(std::move(change));
    }
    published_.notify_one();
  }

 private:
  void Deliver() {
    std::unique_lock lock(mutex_);
    while (true) {
      published_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      const Change change = std::move(queue_.front());
      queue_.pop_front();
      const std::function<void(const Change&)> listener = listener_;
      lock.unlock();
      listener(change);
      lock.lock();
    }
  }

  std::mutex mutex_;
  std::condition_variable published_;
  std::deque<Change> queue_;                     // guarded by mutex_
  bool stopping_ = false;                        // guarded by mutex_
  std::function<void(const Change&)> listener_;  // guarded by mutex_
  std::thread thread_;
};

class SqliteTransaction final : public SqlTransaction {
 public:
  explicit SqliteTransaction(SqliteConnection& connection) : connection_(connection) {}

  Status Announce(const Change& change) override {
    announced_.push_back(change);
    return Status::Ok();
  }
  std::vector<Change>& announced() { return announced_; }

 protected:
  Result<SqlRows> Run(std::string_view sql, std::span<const SqlParam> params) override {
    return connection_.Exec(sql, params);
  }

 private:
  SqliteConnection& connection_;
  std::vector<Change> announced_;
};

class SqliteDatabase final : public SqlDatabase {
 public:
  explicit SqliteDatabase(const std::string& path)
      : path_(path), pool_(kMaxConnections, [path] { return SqliteConnection::Open(path); }) {}

  Dialect dialect() const override { return Dialect::kSqlite; }
  std::string Describe() const override { return "sqlite:" + path_; }
  Status Transact(Access access, const Body& body) override;
  void OnChange(std::function<void(const Change&)> listener) override {
    notifier_.Listen(std::move(listener));
  }

 private:
  std::string path_;
  Pool<SqliteConnection> pool_;
  std::mutex write_mutex_;  // one writer of this process at a time
  ChangeNotifier notifier_;
};

Status SqliteDatabase::Transact(Access access, const Body& body) {
  // The write mutex first: writers waiting their turn hold no connection that readers could use.
  std::unique_lock write_lock(write_mutex_, std::defer_lock);
  if (access == Access::kWrite) write_lock.lock();
  WHIPCOUNT_ASSIGN_OR_RETURN(Pool<SqliteConnection>::Lease connection, pool_.Acquire());
  const std::string_view begin = access == Access::kWrite ? "BEGIN IMMEDIATE" : "BEGIN";
  WHIPCOUNT_RETURN_IF_ERROR(connection->Exec(begin, {}).status());
  SqliteTransaction transaction(*connection);
  Status status = body(transaction);
  if (status.ok()) status = connection->Exec("COMMIT", {}).status();
  if (!status.ok()) {
    if (connection->InTransaction() && !connection->Exec("ROLLBACK", {}).ok()) {
      connection.Discard();
    }
    return status;
  }
  // Still under the write mutex, so that changes queue in the order they were committed.
  notifier_.Publish(std::move(transaction.announced()));
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<SqlDatabase>> OpenSqliteDatabase(const std::string& path) {
  return std::unique_ptr<SqlDatabase>(std::make_unique<SqliteDatabase>(path));
}

}  // namespace whipcount::store
