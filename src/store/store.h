// The server's storage: cases, their append-only event logs and access tokens, in SQLite (the
// embedded default) or PostgreSQL (for a team, and for several server replicas on one database),
// behind one interface. docs/server.md describes the schema and docs/architecture.md the layers.
//
// The store keeps documents as text and knows nothing of their meaning: a case's `document` is a
// self-contained chamber file in JSON without its events, and each event is the JSON text of one
// event of the file format (docs/file-format.md). The server assembles and validates them with
// the io layer; the store only keeps them, in order, durably, and tells who changed what.
#ifndef WHIPCOUNT_STORE_STORE_H_
#define WHIPCOUNT_STORE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "whipcount/names.h"
#include "whipcount/result.h"

namespace whipcount::store {

// What a token may do. Each role includes the ones before it.
enum class Role {
  kViewer,  // read cases, events and analyses
  kEditor,  // also append events and retractions
  kAdmin,   // also create cases and manage tokens
};

}  // namespace whipcount::store

namespace whipcount {
template <>
struct NameTable<store::Role> {
  static constexpr std::array kEntries{
      Named<store::Role>{store::Role::kViewer, "viewer"},
      Named<store::Role>{store::Role::kEditor, "editor"},
      Named<store::Role>{store::Role::kAdmin, "admin"},
  };
};
}  // namespace whipcount

namespace whipcount::store {

// The schema version this binary writes; a database at a newer version is refused on open.
inline constexpr int kSchemaVersion = 1;

// Times are UTC in RFC 3339 with milliseconds ("2026-12-03T11:20:05.123Z"), set by the store.

struct CaseSummary {
  std::string id;  // the case's name in URLs: [a-z0-9][a-z0-9-]{0,63}
  std::string title;
  std::int64_t version = 0;  // 1 when created; +1 for every write
  std::string created_at;
  std::string created_by;  // the name of the token that created it
  std::string updated_at;
};

struct StoredCase {
  CaseSummary summary;
  std::string document;  // the chamber file in JSON, without `events`
};

struct NewEvent {
  // The file format's event as JSON text; empty for a retraction.
  std::string event;
  std::optional<std::int64_t> retracts;  // the seq of the event this one withdraws
  std::string reason;                    // why (a retraction's, or an optional note)
};

struct StoredEvent {
  std::int64_t seq = 0;  // 1, 2, ... within the case, in the order appended
  std::string event;     // empty for a retraction
  std::optional<std::int64_t> retracts;
  std::string reason;
  std::string author;  // the name of the token that appended it
  std::string recorded_at;
  std::int64_t version = 0;  // the case's version that this append made
};

struct TokenInfo {
  std::int64_t id = 0;
  std::string name;
  Role role = Role::kViewer;
  std::string created_at;
  std::optional<std::string> revoked_at;
};

// A change to a case, as the store tells every server attached to it (its own writes, and with
// PostgreSQL those of other processes).
struct Change {
  std::string case_id;
  std::int64_t version = 0;
};

// Every method is safe to call from several threads at once. Errors: kNotFound (no such case or
// token), kConflict (a case id taken, a version no longer current: the message gives the current
// version), kInvalidValue (a bad case id or token; an empty append; an event with neither text
// nor `retracts`, or both; a retraction of an event that does not exist, is itself a retraction
// or is retracted already), kStorage (the database failed; the message says what and how to fix
// it). Errors about one of the `events` passed in give its path ("events[2].retracts") in their
// Location. Destroying the store closes its connections and stops its listener thread (after a call
// in progress).
class Store {
 public:
  virtual ~Store() = default;

  // The database's kind and where it is, without any password: "sqlite:whipcount.db",
  // "postgresql://ann@db.example/cases".
  virtual std::string Describe() const = 0;

  // Creates a case at version 1 with `events` appended as seq 1..n by `author`, in one
  // transaction. kConflict when `id` exists, kInvalidValue when it is not a case id
  // (CheckCaseId).
  virtual Result<CaseSummary> CreateCase(const std::string& id, const std::string& title,
                                         const std::string& document,
                                         const std::vector<NewEvent>& events,
                                         const std::string& author) = 0;
  virtual Result<std::vector<CaseSummary>> ListCases() = 0;
  virtual Result<StoredCase> GetCase(std::string_view id) = 0;
  // The current version alone (the cheap check before using a cached assembly).
  virtual Result<std::int64_t> CaseVersion(std::string_view id) = 0;
  // The case's whole log in seq order, retractions included.
  virtual Result<std::vector<StoredEvent>> Events(std::string_view id) = 0;
  // Appends `events` atomically when the case is at `expected_version`, making it
  // expected_version + 1; returns the stored events. Every acknowledged append is durable (it
  // survives kill -9 of the process).
  virtual Result<std::vector<StoredEvent>> AppendEvents(std::string_view id,
                                                        std::int64_t expected_version,
                                                        const std::vector<NewEvent>& events,
                                                        const std::string& author) = 0;

  // Stores a token by its SHA-256 hash (hex); the secret itself is never stored.
  virtual Result<TokenInfo> CreateToken(const std::string& name, Role role,
                                        const std::string& secret_hash) = 0;
  // The live (unrevoked) token with that hash, or nullopt.
  virtual Result<std::optional<TokenInfo>> FindToken(const std::string& secret_hash) = 0;
  virtual Result<std::vector<TokenInfo>> ListTokens() = 0;
  // Revokes the token with that name (or numeric id). kNotFound when none is live.
  virtual Status RevokeToken(const std::string& name_or_id) = 0;

  // Calls `listener` (on a thread of the store's) after every committed change to any case,
  // within a second, whichever process made it. One listener; set it before serving: it
  // replaces any earlier one, and it hears the changes committed after OnChange returns. It is
  // called outside every lock of the store, one change at a time, and may call the store.
  // With SQLite it hears this store's writes alone. With PostgreSQL it hears every process's;
  // after a lost connection to the database the store connects again and calls it once for each
  // case that changed meanwhile, with the case's current version.
  virtual void OnChange(std::function<void(const Change&)> listener) = 0;
};

// Opens (creating and migrating as needed) the database at `url`: "postgresql://..." or
// "postgres://..." for PostgreSQL, "sqlite:PATH" or a plain PATH for SQLite (WAL mode). A
// database whose schema is newer than kSchemaVersion is refused (kStorage, naming both).
Result<std::unique_ptr<Store>> OpenStore(const std::string& url);

// The SHA-256 of `secret` in lower-case hex, and a new random secret (32 bytes from the system's
// random source, hex): tokens are handed out once and kept only as hashes.
std::string HashSecret(std::string_view secret);
std::string NewSecret();

// Ok when `id` can name a case ([a-z0-9][a-z0-9-]{0,63}), else kInvalidValue at path "id".
// CreateCase checks it; a caller may check first, before reading a whole upload.
Status CheckCaseId(std::string_view id);

}  // namespace whipcount::store

#endif  // WHIPCOUNT_STORE_STORE_H_
