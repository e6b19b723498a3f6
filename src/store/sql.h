// The store's private layer between the Store and a database: one transaction at a time on one
// connection, statements with numbered parameters ($1, $2...) and rows of text. The SQL, the
// schema and every rule of the store are written once (sql_store.cc, schema.cc) over this layer;
// sqlite_store.cc and postgres_store.cc each implement it for their database.
#ifndef WHIPCOUNT_STORE_SQL_H_
#define WHIPCOUNT_STORE_SQL_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "store/store.h"
#include "whipcount/result.h"

namespace whipcount::store {

// A statement's parameter: NULL, an integer or text. Text is viewed, not copied: it must outlive
// the Exec call.
using SqlParam = std::variant<std::nullptr_t, std::int64_t, std::string_view>;
// A row of a result: each column's value as text, or nullopt for NULL.
using SqlRow = std::vector<std::optional<std::string>>;
using SqlRows = std::vector<SqlRow>;

enum class Dialect { kSqlite, kPostgres };

// What a transaction does: reads alone see committed data statement by statement; writes are
// serialised against other writers of the same rows and durable once committed.
enum class Access { kRead, kWrite };

// One transaction in progress. Not shared between threads.
class SqlTransaction {
 public:
  virtual ~SqlTransaction() = default;

  // Runs one statement whose parameters are $1..$n in `params` order; returns its rows.
  Result<SqlRows> Exec(std::string_view sql, std::initializer_list<SqlParam> params = {}) {
    return Run(sql, std::span<const SqlParam>(params.begin(), params.size()));
  }
  Result<SqlRows> Exec(std::string_view sql, std::span<const SqlParam> params) {
    return Run(sql, params);
  }

  // Tells the change listeners about `change` once (and only if) this transaction commits.
  virtual Status Announce(const Change& change) = 0;

 protected:
  virtual Result<SqlRows> Run(std::string_view sql, std::span<const SqlParam> params) = 0;
};

// A database: a pool of connections and the delivery of changes. Safe to share between threads.
class SqlDatabase {
 public:
  using Body = std::function<Status(SqlTransaction&)>;

  virtual ~SqlDatabase() = default;

  virtual Dialect dialect() const = 0;
  // The database's kind and place, without any password: "sqlite:cases.db".
  virtual std::string Describe() const = 0;

  // Runs `body` in one transaction on a connection of the pool, committing when it returns ok
  // and rolling back otherwise. A write's commit is on disk when this returns. The body may be
  // run again (after a connection was lost before its commit), so it must set its results
  // afresh on each run.
  virtual Status Transact(Access access, const Body& body) = 0;

  // As Store::OnChange.
  virtual void OnChange(std::function<void(const Change&)> listener) = 0;
};

// The database at `path` (created when missing) or at a postgresql:// URL, without migrating
// it. OpenStore migrates; tests use these to look beneath the Store.
Result<std::unique_ptr<SqlDatabase>> OpenSqliteDatabase(const std::string& path);
Result<std::unique_ptr<SqlDatabase>> OpenPostgresDatabase(const std::string& url);

// Applies the migrations `database` lacks (schema.cc); kStorage when it is newer than this
// binary.
Status Migrate(SqlDatabase& database);

// The Store over a migrated database (sql_store.cc).
std::unique_ptr<Store> MakeSqlStore(std::unique_ptr<SqlDatabase> database);

// The time now, as the store writes it: UTC in RFC 3339 with milliseconds.
std::string NowUtc();

// A column's integer; kStorage when it is NULL or not a number (a damaged database).
Result<std::int64_t> IntColumn(const SqlRow& row, std::size_t column);
// A column's text; "" for NULL.
std::string TextColumn(const SqlRow& row, std::size_t column);

// `url` with any password removed: "postgresql://ann:secret@db/cases?sslmode=require&password=x"
// is "postgresql://ann@db/cases?sslmode=require".
std::string WithoutPassword(std::string_view url);

// A database library's message on one line: newlines and tabs become single spaces, and the
// ends are trimmed.
std::string OneLine(std::string_view message);

}  // namespace whipcount::store

#endif  // WHIPCOUNT_STORE_SQL_H_
