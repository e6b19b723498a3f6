// The Store over any SqlDatabase: every statement and rule of the store, written once for SQLite
// and PostgreSQL.
//
// No lost update: a write first moves its case from the version the writer read to the next
// (`UPDATE ... WHERE version = expected`), so of two writers that read the same version one
// moves it and the other finds no row and gets kConflict. The update also serialises the writers
// of one case (PostgreSQL's row lock, SQLite's write lock), so the events' seq numbers, taken as
// the log's last plus one, never collide.
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/sql.h"
#include "store/store.h"

namespace whipcount::store {
namespace {

// The columns that SummaryFromRow, EventFromRow and TokenFromRow read, in their order: macros, so
// that each statement below stays one literal.
#define WHIPCOUNT_CASE_COLUMNS_ "id, title, version, created_at, created_by, updated_at"
#define WHIPCOUNT_EVENT_COLUMNS_ "seq, event, retracts, reason, author, recorded_at, version"
#define WHIPCOUNT_TOKEN_COLUMNS_ "id, name, role, created_at, revoked_at"

Result<CaseSummary> SummaryFromRow(const SqlRow& row) {
  CaseSummary summary{.id = TextColumn(row, 0), .title = TextColumn(row, 1)};
  WHIPCOUNT_ASSIGN_OR_RETURN(summary.version, IntColumn(row, 2));
  summary.created_at = TextColumn(row, 3);
  summary.created_by = TextColumn(row, 4);
  summary.updated_at = TextColumn(row, 5);
  return summary;
}

Result<StoredEvent> EventFromRow(const SqlRow& row) {
  StoredEvent event;
  WHIPCOUNT_ASSIGN_OR_RETURN(event.seq, IntColumn(row, 0));
  event.event = TextColumn(row, 1);
  if (row.at(2).has_value()) {
    WHIPCOUNT_ASSIGN_OR_RETURN(event.retracts, IntColumn(row, 2));
  }
  event.reason = TextColumn(row, 3);
  event.author = TextColumn(row, 4);
  event.recorded_at = TextColumn(row, 5);
  WHIPCOUNT_ASSIGN_OR_RETURN(event.version, IntColumn(row, 6));
  return event;
}

Result<TokenInfo> TokenFromRow(const SqlRow& row) {
  TokenInfo token;
  WHIPCOUNT_ASSIGN_OR_RETURN(token.id, IntColumn(row, 0));
  token.name = TextColumn(row, 1);
  const std::optional<Role> role = ParseEnum<Role>(TextColumn(row, 2));
  if (!role.has_value()) {
    return Status(ErrorCode::kStorage, "token " + token.name + " has the unknown role " +
                                           TextColumn(row, 2) + ": the database is damaged");
  }
  token.role = *role;
  token.created_at = TextColumn(row, 3);
  token.revoked_at = row.at(4);
  return token;
}

template <typename T>
Result<std::vector<T>> FromRows(const SqlRows& rows, Result<T> (*from_row)(const SqlRow&)) {
  std::vector<T> values;
  values.reserve(rows.size());
  for (const SqlRow& row : rows) {
    WHIPCOUNT_ASSIGN_OR_RETURN(T value, from_row(row));
    values.push_back(std::move(value));
  }
  return values;
}

Status NoCase(std::string_view id) {
  return Status(ErrorCode::kNotFound, "no case named " + std::string(id));
}

// The events of one write: appended to `case_id` from seq `first_seq`, all made by one append
// that brought the case to `version`.
struct Batch {
  std::string_view case_id;
  std::int64_t first_seq = 1;
  std::int64_t version = 1;
  std::string_view author;
  std::string_view now;
  const std::vector<NewEvent>& events;
};

// An event carries its text, a retraction the seq it withdraws; never both, never neither.
Status CheckShape(const NewEvent& event, std::size_t index) {
  if (event.retracts.has_value() && !event.event.empty()) {
    return Status(ErrorCode::kInvalidValue,
                  "a retraction carries no event of its own: send an event or a retraction",
                  Location{.path = ItemPath("events", index)});
  }
  if (!event.retracts.has_value() && event.event.empty()) {
    return Status(ErrorCode::kInvalidValue,
                  "an event needs its text (or retracts, to withdraw one)",
                  Location{.path = FieldPath(ItemPath("events", index), "event")});
  }
  return Status::Ok();
}

Status RefuseRetraction(std::size_t index, std::string message) {
  return Status(ErrorCode::kInvalidValue, std::move(message),
                Location{.path = FieldPath(ItemPath("events", index), "retracts")});
}

// "event 5 of case pk"
std::string EventName(const Batch& batch, std::int64_t seq) {
  return "event " + std::to_string(seq) + " of case " + std::string(batch.case_id);
}

// Whether the stored event `target` is a retraction, and the seq of the event that retracted
// it, if any.
struct StoredTarget {
  bool is_retraction = false;
  std::optional<std::string> retracted_by;
};

Result<StoredTarget> LookUpTarget(SqlTransaction& transaction, const Batch& batch,
                                  std::int64_t target) {
  WHIPCOUNT_ASSIGN_OR_RETURN(
      const SqlRows rows,
      transaction.Exec("SELECT e.retracts, r.seq FROM events e LEFT JOIN events r "
                       "ON r.case_id = e.case_id AND r.retracts = e.seq "
                       "WHERE e.case_id = $1 AND e.seq = $2",
                       {batch.case_id, target}));
  return StoredTarget{.is_retraction = rows.at(0).at(0).has_value(),
                      .retracted_by = rows.at(0).at(1)};
}

// The retraction at `index` of the batch names an earlier event (stored, or earlier in the
// batch) that is no retraction itself and that nothing has retracted yet.
Status CheckRetraction(SqlTransaction& transaction, const Batch& batch, std::size_t index) {
  const std::int64_t target = *batch.events[index].retracts;
  const std::int64_t last = batch.first_seq + static_cast<std::int64_t>(index) - 1;
  if (target < 1 || target > last) {
    return RefuseRetraction(index, "case " + std::string(batch.case_id) + " has no event " +
                                       std::to_string(target) + " to retract (its last is " +
                                       std::to_string(last) + ")");
  }
  for (std::size_t earlier = 0; earlier < index; ++earlier) {
    if (batch.events[earlier].retracts == target) {
      const std::int64_t by = batch.first_seq + static_cast<std::int64_t>(earlier);
      return RefuseRetraction(
          index, EventName(batch, target) + " is already retracted by event " + std::to_string(by));
    }
  }
  StoredTarget found;
  if (target >= batch.first_seq) {
    const auto target_index = static_cast<std::size_t>(target - batch.first_seq);
    found.is_retraction = batch.events[target_index].retracts.has_value();
  } else {
    WHIPCOUNT_ASSIGN_OR_RETURN(found, LookUpTarget(transaction, batch, target));
  }
  if (found.is_retraction) {
    return RefuseRetraction(
        index, EventName(batch, target) + " is a retraction, and a retraction cannot be retracted");
  }
  if (found.retracted_by.has_value()) {
    return RefuseRetraction(
        index, EventName(batch, target) + " is already retracted by event " + *found.retracted_by);
  }
  return Status::Ok();
}

// Checks and stores the batch's events; returns them as stored.
Result<std::vector<StoredEvent>> InsertEvents(SqlTransaction& transaction, const Batch& batch) {
  std::vector<StoredEvent> stored;
  stored.reserve(batch.events.size());
  for (std::size_t i = 0; i < batch.events.size(); ++i) {
    const NewEvent& event = batch.events[i];
    WHIPCOUNT_RETURN_IF_ERROR(CheckShape(event, i));
    if (event.retracts.has_value()) {
      WHIPCOUNT_RETURN_IF_ERROR(CheckRetraction(transaction, batch, i));
    }
    const std::int64_t seq = batch.first_seq + static_cast<std::int64_t>(i);
    const SqlParam retracts =
        event.retracts.has_value() ? SqlParam(*event.retracts) : SqlParam(nullptr);
    WHIPCOUNT_RETURN_IF_ERROR(
        transaction
            .Exec("INSERT INTO events (case_id, seq, event, retracts, reason, author, "
                  "recorded_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                  {batch.case_id, seq, event.event, retracts, event.reason, batch.author, batch.now,
                   batch.version})
            .status());
    stored.push_back(StoredEvent{.seq = seq,
                                 .event = event.event,
                                 .retracts = event.retracts,
                                 .reason = event.reason,
                                 .author = std::string(batch.author),
                                 .recorded_at = std::string(batch.now),
                                 .version = batch.version});
  }
  return stored;
}

// Why a write expecting `expected` found no case at that version.
Status VersionRefusal(SqlTransaction& transaction, std::string_view id, std::int64_t expected) {
  WHIPCOUNT_ASSIGN_OR_RETURN(const SqlRows rows,
                             transaction.Exec("SELECT version FROM cases WHERE id = $1", {id}));
  if (rows.empty()) return NoCase(id);
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::int64_t current, IntColumn(rows[0], 0));
  return Status(ErrorCode::kConflict, "case " + std::string(id) + " is at version " +
                                          std::to_string(current) + ", not " +
                                          std::to_string(expected) + ": reload it and try again");
}

std::optional<std::int64_t> ParseId(std::string_view text) {
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return id;
}

bool IsSha256Hex(std::string_view text) {
  constexpr std::size_t kHexDigits = 64;
  return text.size() == kHexDigits &&
         text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

class SqlStore final : public Store {
 public:
  explicit SqlStore(std::unique_ptr<SqlDatabase> database) : database_(std::move(database)) {}

  std::string Describe() const override { return database_->Describe(); }

  Result<CaseSummary> CreateCase(const std::string& id, const std::string& title,
                                 const std::string& document, const std::vector<NewEvent>& events,
                                 const std::string& author) override;
  Result<std::vector<CaseSummary>> ListCases() override;
  Result<StoredCase> GetCase(std::string_view id) override;
  Result<std::int64_t> CaseVersion(std::string_view id) override;
  Result<std::vector<StoredEvent>> Events(std::string_view id) override;
  Result<std::vector<StoredEvent>> AppendEvents(std::string_view id, std::int64_t expected_version,
                                                const std::vector<NewEvent>& events,
                                                const std::string& author) override;

  Result<TokenInfo> CreateToken(const std::string& name, Role role,
                                const std::string& secret_hash) override;
  Result<std::optional<TokenInfo>> FindToken(const std::string& secret_hash) override;
  Result<std::vector<TokenInfo>> ListTokens() override;
  Status RevokeToken(const std::string& name_or_id) override;

  void OnChange(std::function<void(const Change&)> listener) override {
    database_->OnChange(std::move(listener));
  }

 private:
  // The rows of one statement run alone.
  Result<SqlRows> Query(std::string_view sql, std::initializer_list<SqlParam> params);

  std::unique_ptr<SqlDatabase> database_;
};

Result<SqlRows> SqlStore::Query(std::string_view sql, std::initializer_list<SqlParam> params) {
  SqlRows rows;
  const Status done =
      database_->Transact(Access::kRead, [&](SqlTransaction& transaction) -> Status {
        WHIPCOUNT_ASSIGN_OR_RETURN(rows, transaction.Exec(sql, params));
        return Status::Ok();
      });
  if (!done.ok()) return done;
  return rows;
}

Result<CaseSummary> SqlStore::CreateCase(const std::string& id, const std::string& title,
                                         const std::string& document,
                                         const std::vector<NewEvent>& events,
                                         const std::string& author) {
  WHIPCOUNT_RETURN_IF_ERROR(CheckCaseId(id));
  const std::string now = NowUtc();
  const Status done =
      database_->Transact(Access::kWrite, [&](SqlTransaction& transaction) -> Status {
        WHIPCOUNT_ASSIGN_OR_RETURN(
            const SqlRows created,
            transaction.Exec("INSERT INTO cases (id, title, document, version, created_at, "
                             "created_by, updated_at) VALUES ($1, $2, $3, 1, $4, $5, $4) "
                             "ON CONFLICT (id) DO NOTHING RETURNING id",
                             {id, title, document, now, author}));
        if (created.empty()) {
          return Status(ErrorCode::kConflict,
                        "a case named " + id + " exists already: choose another id");
        }
        const Batch batch{.case_id = id, .author = author, .now = now, .events = events};
        WHIPCOUNT_RETURN_IF_ERROR(InsertEvents(transaction, batch).status());
        return transaction.Announce(Change{.case_id = id, .version = 1});
      });
  if (!done.ok()) return done;
  return CaseSummary{.id = id,
                     .title = title,
                     .version = 1,
                     .created_at = now,
                     .created_by = author,
                     .updated_at = now};
}

Result<std::vector<CaseSummary>> SqlStore::ListCases() {
  WHIPCOUNT_ASSIGN_OR_RETURN(
      const SqlRows rows, Query("SELECT " WHIPCOUNT_CASE_COLUMNS_ " FROM cases ORDER BY id", {}));
  return FromRows(rows, &SummaryFromRow);
}

Result<StoredCase> SqlStore::GetCase(std::string_view id) {
  WHIPCOUNT_ASSIGN_OR_RETURN(
      const SqlRows rows,
      Query("SELECT " WHIPCOUNT_CASE_COLUMNS_ ", document FROM cases WHERE id = $1", {id}));
  if (rows.empty()) return NoCase(id);
  WHIPCOUNT_ASSIGN_OR_RETURN(CaseSummary summary, SummaryFromRow(rows[0]));
  return StoredCase{.summary = std::move(summary), .document = TextColumn(rows[0], 6)};
}

Result<std::int64_t> SqlStore::CaseVersion(std::string_view id) {
  WHIPCOUNT_ASSIGN_OR_RETURN(const SqlRows rows,
                             Query("SELECT version FROM cases WHERE id = $1", {id}));
  if (rows.empty()) return NoCase(id);
  return IntColumn(rows[0], 0);
}

Result<std::vector<StoredEvent>> SqlStore::Events(std::string_view id) {
  SqlRows rows;
  bool found = false;
  const Status done =
      database_->Transact(Access::kRead, [&](SqlTransaction& transaction) -> Status {
        WHIPCOUNT_ASSIGN_OR_RETURN(const SqlRows cases,
                                   transaction.Exec("SELECT 1 FROM cases WHERE id = $1", {id}));
        found = !cases.empty();
        WHIPCOUNT_ASSIGN_OR_RETURN(rows, transaction.Exec("SELECT " WHIPCOUNT_EVENT_COLUMNS_
                                                          " FROM events WHERE case_id = $1 "
                                                          "ORDER BY seq",
                                                          {id}));
        return Status::Ok();
      });
  if (!done.ok()) return done;
  if (!found) return NoCase(id);
  return FromRows(rows, &EventFromRow);
}

Result<std::vector<StoredEvent>> SqlStore::AppendEvents(std::string_view id,
                                                        std::int64_t expected_version,
                                                        const std::vector<NewEvent>& events,
                                                        const std::string& author) {
  if (events.empty()) {
    return Status(ErrorCode::kInvalidValue, "nothing to append: send at least one event",
                  Location{.path = "events"});
  }
  const std::string now = NowUtc();
  std::vector<StoredEvent> stored;
  const Status done =
      database_->Transact(Access::kWrite, [&](SqlTransaction& transaction) -> Status {
        WHIPCOUNT_ASSIGN_OR_RETURN(
            const SqlRows moved,
            transaction.Exec("UPDATE cases SET version = version + 1, updated_at = $3 "
                             "WHERE id = $1 AND version = $2 RETURNING version",
                             {id, expected_version, now}));
        if (moved.empty()) return VersionRefusal(transaction, id, expected_version);
        WHIPCOUNT_ASSIGN_OR_RETURN(
            const SqlRows last,
            transaction.Exec("SELECT coalesce(max(seq), 0) FROM events WHERE case_id = $1", {id}));
        WHIPCOUNT_ASSIGN_OR_RETURN(const std::int64_t last_seq, IntColumn(last.at(0), 0));
        WHIPCOUNT_ASSIGN_OR_RETURN(const std::int64_t version, IntColumn(moved[0], 0));
        const Batch batch{.case_id = id,
                          .first_seq = last_seq + 1,
                          .version = version,
                          .author = author,
                          .now = now,
                          .events = events};
        WHIPCOUNT_ASSIGN_OR_RETURN(stored, InsertEvents(transaction, batch));
        return transaction.Announce(Change{.case_id = std::string(id), .version = version});
      });
  if (!done.ok()) return done;
  return stored;
}

Result<TokenInfo> SqlStore::CreateToken(const std::string& name, Role role,
                                        const std::string& secret_hash) {
  if (name.empty()) {
    return Status(ErrorCode::kInvalidValue, "a token needs a name", Location{.path = "name"});
  }
  if (!IsSha256Hex(secret_hash)) {
    return Status(ErrorCode::kInvalidValue,
                  "a token is stored by its secret's SHA-256 in lower-case hex (HashSecret)");
  }
  const std::string now = NowUtc();
  const std::string_view role_name = EnumName(role);
  SqlRows created;
  const Status done =
      database_->Transact(Access::kWrite, [&](SqlTransaction& transaction) -> Status {
        WHIPCOUNT_ASSIGN_OR_RETURN(
            created, transaction.Exec("INSERT INTO tokens (name, role, secret_hash, created_at) "
                                      "VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING id",
                                      {name, role_name, secret_hash, now}));
        if (!created.empty()) return Status::Ok();
        WHIPCOUNT_ASSIGN_OR_RETURN(
            const SqlRows live,
            transaction.Exec("SELECT 1 FROM tokens WHERE name = $1 AND revoked_at IS NULL",
                             {name}));
        if (!live.empty()) {
          return Status(ErrorCode::kConflict, "a live token is named " + name +
                                                  " already: revoke it or choose another name");
        }
        return Status(ErrorCode::kConflict,
                      "a token with that secret exists already: make a new secret");
      });
  if (!done.ok()) return done;
  TokenInfo token{.name = name, .role = role, .created_at = now};
  WHIPCOUNT_ASSIGN_OR_RETURN(token.id, IntColumn(created.at(0), 0));
  return token;
}

Result<std::optional<TokenInfo>> SqlStore::FindToken(const std::string& secret_hash) {
  WHIPCOUNT_ASSIGN_OR_RETURN(const SqlRows rows,
                             Query("SELECT " WHIPCOUNT_TOKEN_COLUMNS_
                                   " FROM tokens WHERE secret_hash = $1 AND revoked_at IS NULL",
                                   {secret_hash}));
  if (rows.empty()) return std::optional<TokenInfo>();
  WHIPCOUNT_ASSIGN_OR_RETURN(TokenInfo token, TokenFromRow(rows[0]));
  return std::optional<TokenInfo>(std::move(token));
}

Result<std::vector<TokenInfo>> SqlStore::ListTokens() {
  WHIPCOUNT_ASSIGN_OR_RETURN(
      const SqlRows rows, Query("SELECT " WHIPCOUNT_TOKEN_COLUMNS_ " FROM tokens ORDER BY id", {}));
  return FromRows(rows, &TokenFromRow);
}

Status SqlStore::RevokeToken(const std::string& name_or_id) {
  const std::string now = NowUtc();
  const std::optional<std::int64_t> id = ParseId(name_or_id);
  return database_->Transact(Access::kWrite, [&](SqlTransaction& transaction) -> Status {
    WHIPCOUNT_ASSIGN_OR_RETURN(SqlRows revoked,
                               transaction.Exec("UPDATE tokens SET revoked_at = $2 "
                                                "WHERE name = $1 AND revoked_at IS NULL "
                                                "RETURNING id",
                                                {name_or_id, now}));
    if (revoked.empty() && id.has_value()) {
      WHIPCOUNT_ASSIGN_OR_RETURN(revoked, transaction.Exec("UPDATE tokens SET revoked_at = $2 "
                                                           "WHERE id = $1 AND revoked_at IS NULL "
                                                           "RETURNING id",
                                                           {*id, now}));
    }
    if (revoked.empty()) {
      return Status(ErrorCode::kNotFound, "no live token is named or numbered " + name_or_id);
    }
    return Status::Ok();
  });
}

}  // namespace

std::unique_ptr<Store> MakeSqlStore(std::unique_ptr<SqlDatabase> database) {
  return std::make_unique<SqlStore>(std::move(database));
}

}  // namespace whipcount::store
