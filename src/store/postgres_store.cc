// PostgreSQL under the store, through libpqxx 6.4, built as a module of its own
// (whipcount-postgres.so) that postgres_module.cc loads when a postgresql:// URL is opened: libpq
// and its dependencies (Kerberos, LDAP, GnuTLS) take 6 ms to load and initialise, which every
// other command would pay at start-up.
//
// Each thread in a transaction has a connection of its own from a small pool. A write runs in a
// transaction with synchronous_commit on, so its commit is flushed to disk before it returns
// whatever the server's default; it announces its change with pg_notify, which PostgreSQL sends
// to every listening session when (and only if) the transaction commits, in commit order. A
// connection lost before the commit is replaced and the transaction run again; one lost during
// the commit leaves the outcome unknown, which the error says.
//
// OnChange starts a thread with a connection of its own that LISTENs on the channel, waiting for
// notifications a fraction of a second at a time so that it stops promptly. When its connection
// is lost it connects again and, from the versions of every case, tells the listener of the
// changes it missed meanwhile, so every server on the database hears of every change.
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <pqxx/pqxx>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

#include "store/pool.h"
#include "store/sql.h"

namespace whipcount::store {
namespace {

// Connections open at once for transactions: more threads than this wait for one.
constexpr std::size_t kMaxConnections = 8;
// The notification channel of every whipcount on a database; payload "CASE-ID VERSION".
constexpr std::string_view kChannel = "whipcount_changes";
// How long the listener waits for notifications before it looks whether to stop.
constexpr long kListenWaitMicroseconds = 200'000;
// How long the listener waits before connecting again after a lost connection.
constexpr std::chrono::seconds kReconnectDelay{1};

// The connection string: `url` with UTF-8 text, and a name in pg_stat_activity unless the URL
// gives one.
std::string ConnectionString(const std::string& url) {
  const char separator = url.find('?') == std::string::npos ? '?' : '&';
  return url + separator + "client_encoding=UTF8&fallback_application_name=whipcount";
}

Status ConnectError(const std::string& where, const std::exception& error) {
  const std::string message = OneLine(error.what());
  const bool hinted = message.find("Is the server running") != std::string::npos;
  return Status(ErrorCode::kStorage,
                "cannot connect to " + where + ": " + message +
                    (hinted ? ""
                            : ": check that PostgreSQL is running and that the URL's host, "
                              "port, user and database are right"));
}

// A session: libpqxx's connection, its notices (such as "relation exists, skipping") silenced.
struct Session {
  explicit Session(const std::string& connection_string) : connection(connection_string) {}

  pqxx::connection connection;
  pqxx::quiet_errorhandler quiet{connection};
};

Result<std::unique_ptr<Session>> Connect(const std::string& url, const std::string& where) {
  try {
    return std::make_unique<Session>(ConnectionString(url));
  } catch (const std::exception& error) {
    return ConnectError(where, error);
  }
}

SqlRows ToRows(const pqxx::result& result) {
  SqlRows rows;
  rows.reserve(result.size());
  for (const pqxx::row& row : result) {
    SqlRow& values = rows.emplace_back();
    values.reserve(row.size());
    for (const pqxx::field& field : row) {
      if (field.is_null()) {
        values.emplace_back();
      } else {
        values.emplace_back(std::string(field.c_str(), field.size()));
      }
    }
  }
  return rows;
}

class PostgresTransaction final : public SqlTransaction {
 public:
  PostgresTransaction(pqxx::transaction_base& work, const std::string& where)
      : work_(work), where_(where) {}

  Status Announce(const Change& change) override {
    const std::string payload = change.case_id + " " + std::to_string(change.version);
    return Exec("SELECT pg_notify('" + std::string(kChannel) + "', $1)", {payload}).status();
  }

  // Whether a statement failed because the connection was lost.
  bool lost() const { return lost_; }

 protected:
  Result<SqlRows> Run(std::string_view sql, std::span<const SqlParam> params) override;

 private:
  pqxx::transaction_base& work_;
  const std::string& where_;
  bool lost_ = false;
};

Result<SqlRows> PostgresTransaction::Run(std::string_view sql, std::span<const SqlParam> params) {
  std::vector<std::optional<std::string>> texts;
  texts.reserve(params.size());
  for (const SqlParam& param : params) {
    if (const auto* number = std::get_if<std::int64_t>(&param)) {
      texts.emplace_back(std::to_string(*number));
    } else if (const auto* text = std::get_if<std::string_view>(&param)) {
      texts.emplace_back(std::string(*text));
    } else {
      texts.emplace_back();
    }
  }
  std::vector<const char*> values;
  values.reserve(texts.size());
  for (const std::optional<std::string>& text : texts) {
    values.push_back(text.has_value() ? text->c_str() : nullptr);
  }
  try {
    return ToRows(work_.exec_params(std::string(sql), pqxx::prepare::make_dynamic_params(values)));
  } catch (const pqxx::broken_connection& error) {
    lost_ = true;
    return Status(ErrorCode::kStorage, "lost the connection to " + where_ + ": " +
                                           OneLine(error.what()) + ": is PostgreSQL running?");
  } catch (const std::exception& error) {
    return Status(ErrorCode::kStorage,
                  "cannot run " + OneLine(sql) + " on " + where_ + ": " + OneLine(error.what()));
  }
}

// How one try at a transaction ended, and whether trying again on a new connection is safe.
struct Attempt {
  Status status;
  bool lost = false;   // the connection is gone or in an unknown state: close it
  bool retry = false;  // nothing was committed: the transaction may run again
};

Attempt Lost(const std::string& where, const std::exception& error, bool retry) {
  return Attempt{
      .status = Status(ErrorCode::kStorage, "lost the connection to " + where + ": " +
                                                OneLine(error.what()) + ": is PostgreSQL running?"),
      .lost = true,
      .retry = retry};
}

// One try at running `body` in a transaction on `session`.
Attempt TryTransaction(Session& session, Access access, const SqlDatabase::Body& body,
                       const std::string& where) {
  bool committing = false;
  try {
    std::unique_ptr<pqxx::transaction_base> work;
    if (access == Access::kWrite) {
      work = std::make_unique<pqxx::work>(session.connection);
      work->exec0("SET LOCAL synchronous_commit TO on");
    } else {
      work = std::make_unique<pqxx::nontransaction>(session.connection);
    }
    PostgresTransaction transaction(*work, where);
    Status status = body(transaction);
    if (!status.ok()) {
      return Attempt{.status = status, .lost = transaction.lost(), .retry = transaction.lost()};
    }
    committing = true;
    work->commit();
    return Attempt{};
  } catch (const pqxx::in_doubt_error&) {
    return Attempt{.status = Status(ErrorCode::kStorage,
                                    "lost the connection to " + where +
                                        " while committing, so the write may or may not have "
                                        "been made: reload and look before writing again"),
                   .lost = true};
  } catch (const pqxx::broken_connection& error) {
    return Lost(where, error, !committing);
  } catch (const std::exception& error) {
    return Attempt{.status = Status(ErrorCode::kStorage, "a transaction on " + where +
                                                             " failed: " + OneLine(error.what())),
                   .lost = true};
  }
}

// "CASE-ID VERSION" as a Change; nullopt for anything else on the channel.
std::optional<Change> ParsePayload(std::string_view payload) {
  const std::size_t space = payload.rfind(' ');
  if (space == std::string_view::npos) return std::nullopt;
  Change change{.case_id = std::string(payload.substr(0, space))};
  const std::string_view number = payload.substr(space + 1);
  const auto [end, error] =
      std::from_chars(number.data(), number.data() + number.size(), change.version);
  if (error != std::errc() || end != number.data() + number.size()) return std::nullopt;
  return change;
}

// The thread that LISTENs for changes and calls the listener (the file's comment says how).
class ChangeListener {
 public:
  // Starts the thread, and returns once it listens (or its first connection failed).
  ChangeListener(std::string url, std::string where, std::function<void(const Change&)> listener);
  ChangeListener(const ChangeListener&) = delete;
  ChangeListener& operator=(const ChangeListener&) = delete;
  // Stops the thread within about kListenWaitMicroseconds.
  ~ChangeListener();

 private:
  class Receiver final : public pqxx::notification_receiver {
   public:
    Receiver(pqxx::connection_base& connection, ChangeListener& owner)
        : pqxx::notification_receiver(connection, std::string(kChannel)), owner_(owner) {}
    void operator()(const std::string& payload, int /*backend_pid*/) override {
      if (const std::optional<Change> change = ParsePayload(payload)) owner_.Deliver(*change);
    }

   private:
    ChangeListener& owner_;
  };

  void Run();
  // One connection's life: listen, catch up, then wait for notifications until it is lost or
  // the listener stops.
  void ListenOnce(bool first);
  // Calls the listener when `change` is newer than what it heard of that case.
  void Deliver(const Change& change);
  // Delivers the changes that the versions of every case show were missed; the first time only
  // notes the versions.
  void CatchUp(pqxx::connection_base& connection, bool first);
  void MarkStarted();
  bool stopping();

  const std::string url_;
  const std::string where_;
  const std::function<void(const Change&)> listener_;
  std::map<std::string, std::int64_t, std::less<>> versions_;  // the thread's own
  std::mutex mutex_;
  std::condition_variable wake_;
  bool started_ = false;   // guarded by mutex_
  bool stopping_ = false;  // guarded by mutex_
  std::thread thread_;
};

ChangeListener::ChangeListener(std::string url, std::string where,
                               std::function<void(const Change&)> listener)
    : url_(std::move(url)), where_(std::move(where)), listener_(std::move(listener)) {
  thread_ = std::thread([this] { Run(); });
  std::unique_lock lock(mutex_);
  wake_.wait(lock, [this] { return started_; });
}

ChangeListener::~ChangeListener() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

bool ChangeListener::stopping() {
  const std::lock_guard lock(mutex_);
  return stopping_;
}

void ChangeListener::MarkStarted() {
  {
    const std::lock_guard lock(mutex_);
    started_ = true;
  }
  wake_.notify_all();
}

void ChangeListener::Run() {
  bool first = true;
  while (!stopping()) {
    ListenOnce(first);
    first = false;
    MarkStarted();
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, kReconnectDelay, [this] { return stopping_; });
  }
}

void ChangeListener::ListenOnce(bool first) {
  try {
    Session session(ConnectionString(url_));
    Receiver receiver(session.connection, *this);
    CatchUp(session.connection, first);
    MarkStarted();
    while (!stopping() && session.connection.is_open()) {
      session.connection.await_notification(0, kListenWaitMicroseconds);
    }
  } catch (const std::exception&) {
    // The connection failed or was lost: Run waits a moment and connects again.
  }
}

void ChangeListener::CatchUp(pqxx::connection_base& connection, bool first) {
  pqxx::nontransaction work(connection);
  const pqxx::result cases = work.exec("SELECT id, version FROM cases");
  work.commit();
  for (const pqxx::row& row : cases) {
    const Change change{.case_id = row[0].as<std::string>(), .version = row[1].as<std::int64_t>()};
    if (first) {
      versions_[change.case_id] = change.version;
    } else {
      Deliver(change);
    }
  }
}

void ChangeListener::Deliver(const Change& change) {
  std::int64_t& known = versions_[change.case_id];
  if (change.version <= known) return;
  known = change.version;
  listener_(change);
}

class PostgresDatabase final : public SqlDatabase {
 public:
  explicit PostgresDatabase(std::string url)
      : url_(std::move(url)),
        where_(WithoutPassword(url_)),
        pool_(kMaxConnections, [this] { return Connect(url_, where_); }) {}

  Dialect dialect() const override { return Dialect::kPostgres; }
  std::string Describe() const override { return where_; }
  Status Transact(Access access, const Body& body) override;
  void OnChange(std::function<void(const Change&)> listener) override {
    const std::lock_guard lock(listener_mutex_);
    listener_.reset();
    listener_ = std::make_unique<ChangeListener>(url_, where_, std::move(listener));
  }

 private:
  const std::string url_;
  const std::string where_;
  Pool<Session> pool_;
  std::mutex listener_mutex_;
  std::unique_ptr<ChangeListener> listener_;  // guarded by listener_mutex_
};

Status PostgresDatabase::Transact(Access access, const Body& body) {
  // A connection may have been lost while it sat in the pool: a second try takes a new one.
  constexpr int kTries = 2;
  Attempt attempt;
  for (int i = 0; i < kTries; ++i) {
    WHIPCOUNT_ASSIGN_OR_RETURN(Pool<Session>::Lease session, pool_.Acquire());
    attempt = TryTransaction(*session, access, body, where_);
    if (attempt.lost) session.Discard();
    if (!attempt.retry) break;
  }
  return attempt.status;
}

}  // namespace

}  // namespace whipcount::store

// The module's entry point, looked up by name (postgres_module.cc): sets *out to the database at
// *url.
extern "C" __attribute__((visibility("default"))) void WhipcountOpenPostgres(
    const std::string* url,
    whipcount::Result<std::unique_ptr<whipcount::store::SqlDatabase>>* out) {
  *out = std::unique_ptr<whipcount::store::SqlDatabase>(
      std::make_unique<whipcount::store::PostgresDatabase>(*url));
}
