// The store against both of its databases: every test of StoreTest runs on a new SQLite file and
// on a new database of a real PostgreSQL server (support/postgres.h).
#include "store/store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "store/sql.h"
#include "support/postgres.h"

namespace whipcount::store {
namespace {

namespace fs = std::filesystem;
using testing_support::NewPostgresDatabase;

// Generous: the listener hears a change within a second, but the machine may be busy.
constexpr std::chrono::seconds kChangeDeadline{10};

constexpr std::string_view kDocument =
    R"({"chamber":{"name":"National Assembly","seats":342},"parties":[]})";

NewEvent Event(const std::string& text, const std::string& reason = "") {
  return NewEvent{.event = text, .reason = reason};
}

NewEvent Retraction(std::int64_t seq, const std::string& reason) {
  return NewEvent{.retracts = seq, .reason = reason};
}

std::string Stance(const std::string& party, const std::string& stance) {
  return R"({"date":"2022-03-27","party":")" + party + R"(","stance":")" + stance + R"("})";
}

// "2026-12-03T11:20:05.123Z"
bool IsUtcMilliseconds(const std::string& time) {
  const std::string shape = "dddd-dd-ddTdd:dd:dd.dddZ";
  if (time.size() != shape.size()) return false;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    const bool digit = time[i] >= '0' && time[i] <= '9';
    if (shape[i] == 'd' ? !digit : time[i] != shape[i]) return false;
  }
  return true;
}

std::vector<std::int64_t> Seqs(const std::vector<StoredEvent>& events) {
  std::vector<std::int64_t> seqs;
  seqs.reserve(events.size());
  for (const StoredEvent& event : events) seqs.push_back(event.seq);
  return seqs;
}

// A new directory under /tmp, removed with the object.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "whipcount-store-XXXXXX").string();
    if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// The changes a listener heard, for a test to wait on.
class Heard {
 public:
  std::function<void(const Change&)> Listener() {
    return [this](const Change& change) {
      {
        const std::lock_guard lock(mutex_);
        changes_.push_back(change);
      }
      arrived_.notify_all();
    };
  }

  // The changes heard once there are `count` of them, or all heard by the deadline.
  std::vector<Change> Await(std::size_t count) {
    std::unique_lock lock(mutex_);
    arrived_.wait_for(lock, kChangeDeadline, [&] { return changes_.size() >= count; });
    return changes_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<Change> changes_;
};

std::vector<std::string> Describe(const std::vector<Change>& changes) {
  std::vector<std::string> words;
  words.reserve(changes.size());
  for (const Change& change : changes) {
    words.push_back(change.case_id + " " + std::to_string(change.version));
  }
  return words;
}

// The rows of one statement run beneath the store.
Result<SqlRows> RawQuery(SqlDatabase& database, std::string_view sql,
                         Access access = Access::kWrite) {
  SqlRows rows;
  const Status done = database.Transact(access, [&](SqlTransaction& transaction) {
    Result<SqlRows> result = transaction.Exec(sql);
    if (!result.ok()) return result.status();
    rows = std::move(result).value();
    return Status::Ok();
  });
  if (!done.ok()) return done;
  return rows;
}

// The first value of the first row of `sql`'s result, or the error.
std::string RawValue(SqlDatabase& database, std::string_view sql, Access access = Access::kWrite) {
  const Result<SqlRows> rows = RawQuery(database, sql, access);
  if (!rows.ok()) return rows.status().ToString();
  if (rows->empty() || rows->front().empty()) return "no rows";
  return TextColumn(rows->front(), 0);
}

enum class Backend { kSqlite, kPostgres };

// A new database of one kind for each test.
class DatabaseTest : public ::testing::Test {
 protected:
  void SetUpDatabase(Backend backend) {
    backend_ = backend;
    if (backend == Backend::kSqlite) {
      path_ = (dir_.path() / "cases.db").string();
      url_ = "sqlite:" + path_;
      return;
    }
    const Result<std::string> url = NewPostgresDatabase();
    ASSERT_TRUE(url.ok()) << url.status().ToString();
    url_ = *url;
  }

  // The store at url_; nullptr (and a failure) when it does not open.
  std::unique_ptr<Store> Open() {
    Result<std::unique_ptr<Store>> store = OpenStore(url_);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(store).value() : nullptr;
  }

  // The database at url_ beneath the store.
  std::unique_ptr<SqlDatabase> Raw() {
    Result<std::unique_ptr<SqlDatabase>> database =
        backend_ == Backend::kSqlite ? OpenSqliteDatabase(path_) : OpenPostgresDatabase(url_);
    EXPECT_TRUE(database.ok()) << database.status().ToString();
    return database.ok() ? std::move(database).value() : nullptr;
  }

  Backend backend_ = Backend::kSqlite;
  TempDir dir_;
  std::string path_;  // the SQLite file
  std::string url_;
};

class StoreTest : public DatabaseTest, public ::testing::WithParamInterface<Backend> {
 protected:
  void SetUp() override { SetUpDatabase(GetParam()); }
};

std::string BackendName(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
}

INSTANTIATE_TEST_SUITE_P(Databases, StoreTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), BackendName);

TEST_P(StoreTest, CreatesListsAndGetsCases) {
  const std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  const Result<CaseSummary> pk = store->CreateCase(
      "pk-2022", "Pakistan, March 2022", std::string(kDocument),
      {Event(Stance("mqm-p", "against")), Event(Stance("bap", "for"), "Dawn")}, "Desk 1");
  ASSERT_TRUE(pk.ok()) << pk.status().ToString();
  EXPECT_EQ(pk->id, "pk-2022");
  EXPECT_EQ(pk->title, "Pakistan, March 2022");
  EXPECT_EQ(pk->version, 1);
  EXPECT_EQ(pk->created_by, "Desk 1");
  EXPECT_TRUE(IsUtcMilliseconds(pk->created_at)) << pk->created_at;
  EXPECT_EQ(pk->updated_at, pk->created_at);
  ASSERT_TRUE(store->CreateCase("uk", "Commons", "{}", {}, "Desk 2").ok());

  const Result<std::vector<CaseSummary>> cases = store->ListCases();
  ASSERT_TRUE(cases.ok()) << cases.status().ToString();
  ASSERT_EQ(cases->size(), 2U);
  EXPECT_EQ((*cases)[0].id, "pk-2022");
  EXPECT_EQ((*cases)[0].created_at, pk->created_at);
  EXPECT_EQ((*cases)[1].id, "uk");
  EXPECT_EQ((*cases)[1].created_by, "Desk 2");

  const Result<StoredCase> got = store->GetCase("pk-2022");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->document, kDocument);
  EXPECT_EQ(got->summary.title, "Pakistan, March 2022");
  EXPECT_EQ(got->summary.version, 1);
  const Result<std::int64_t> version = store->CaseVersion("pk-2022");
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, 1);

  const Result<std::vector<StoredEvent>> events = store->Events("pk-2022");
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  ASSERT_EQ(events->size(), 2U);
  EXPECT_EQ((*events)[0].seq, 1);
  EXPECT_EQ((*events)[0].event, Stance("mqm-p", "against"));
  EXPECT_EQ((*events)[0].retracts, std::nullopt);
  EXPECT_EQ((*events)[0].author, "Desk 1");
  EXPECT_EQ((*events)[0].recorded_at, pk->created_at);
  EXPECT_EQ((*events)[0].version, 1);
  EXPECT_EQ((*events)[1].seq, 2);
  EXPECT_EQ((*events)[1].reason, "Dawn");
  const Result<std::vector<StoredEvent>> none = store->Events("uk");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST_P(StoreTest, TakenCaseIdIsConflict) {
  const std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->CreateCase("pk", "First", "{}", {}, "Desk 1").ok());
  const Result<CaseSummary> again = store->CreateCase("pk", "Second", "{}", {}, "Desk 2");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), ErrorCode::kConflict);
  EXPECT_EQ(again.status().message(), "a case named pk exists already: choose another id");
  EXPECT_EQ(store->GetCase("pk")->summary.title, "First");
}

TEST_P(StoreTest, CaseIdsAreCheckedBeforeStoring) {
  const std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  const std::vector<std::string> ids{"", "PK", "-pk", "pk/../x", "pk 2022", std::string(65, 'a')};
  for (const std::string& id : ids) {
    const Result<CaseSummary> created = store->CreateCase(id, "t", "{}", {}, "Desk 1");
    ASSERT_FALSE(created.ok()) << id;
    EXPECT_EQ(created.status().code(), ErrorCode::kInvalidValue) << id;
  }
  EXPECT_EQ(CheckCaseId("PK").message(),
            "case id \"PK\": a case id is 1 to 64 lower-case letters, digits and hyphens, "
            "starting with a letter or digit");
  const Status long_id = CheckCaseId(std::string(65, 'a'));
  EXPECT_EQ(long_id.message(),
            "a case id of 65 characters: a case id is 1 to 64 lower-case letters, digits and "
            "hyphens, starting with a letter or digit");
  EXPECT_EQ(long_id.where().path, "id");
  EXPECT_TRUE(store->CreateCase(std::string(64, 'a'), "t", "{}", {}, "Desk 1").ok());
  EXPECT_TRUE(store->CreateCase("9-a-", "t", "{}", {}, "Desk 1").ok());
  EXPECT_EQ(store->ListCases()->size(), 2U);
}

TEST_P(StoreTest, UnknownCaseIsNotFound) {
  const std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->GetCase("nope").status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(store->CaseVersion("nope").status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(store->Events("nope").status().code(), ErrorCode::kNotFound);
  const Result<std::vector<StoredEvent>> appended =
      store->AppendEvents("nope", 1, {Event("{}")}, "Desk 1");
  EXPECT_EQ(appended.status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(appended.status().message(), "no case named nope");
}

TEST_P(StoreTest, AppendsAtTheCurrentVersionNumberEventsInOrder) {
  const std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->CreateCase("pk", "t", "{}", {Event(Stance("ppp", "for"))}, "Desk 1").ok());
  const Result<std::vector<StoredEvent>> first = store->AppendEvents(
      "pk", 1, {Event(Stance("mqm-p", "against"), "Geo"), Event(Stance("bap", "for"))}, "Desk 2");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(Seqs(*first), (std::vector<std::int64_t>{2, 3}));
  EXPECT_EQ((*first)[0].version, 2);
  EXPECT_EQ((*first)[0].author, "Desk 2");
  EXPECT_EQ((*first)[0].reason, "Geo");
  EXPECT_TRUE(IsUtcMilliseconds((*first)[0].recorded_at));
  const Result<std::vector<StoredEvent>> second =
      store->AppendEvents("pk", 2, {Event(Stance("pml-q", "for"))}, "Desk 1");
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(Seqs(*second), (std::vector<std::int64_t>{4}));
  EXPECT_EQ((*second)[0].version, 3);

  const Result<std::vector<StoredEvent>> events = store->Events("pk");
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(Seqs(*events), (std::vector<std::int64_t>{1, 2, 3, 4}));
  std::vector<std::int64_t> versions;
  for (const StoredEvent& event : *events) versions.push_back(event.version);
  EXPECT_EQ(versions, (std::vector<std::int64_t>{1, 2, 2, 3}));
  EXPECT_EQ((*events)[3].event, Stance("pml-q", "for"));
  const Result<StoredCase> got = store->GetCase("pk");
  EXPECT_EQ(got->summary.version, 3);
  EXPECT_EQ(got->summary.updated_at, (*second)[0].recorded_at);
  EXPECT_EQ(*store->CaseVersion("pk"), 3);
}

TEST_P(StoreTest, StaleAppendIsConflictNamingTheCurrentVersion) {
  const std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->CreateCase("pk", "t", "{}", {}, "Desk 1").ok());
  ASSERT_TRUE(store->AppendEvents("pk", 1, {Event(Stance("ppp", "for"))}, "Desk 1").ok());
  const Result<std::vector<StoredEvent>> stale =
      store->AppendEvents("pk", 1, {Event(Stance("ppp", "against"))}, "Desk 2");
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.status().code(), ErrorCode::kConflict);
  EXPECT_EQ(stale.status().message(), "case pk is at version 2, not 1: reload it and try again");
  const Result<std::vector<StoredEvent>> ahead =
      store->AppendEvents("pk", 5, {Event(Stance("ppp", "against"))}, "Desk 2");
  EXPECT_EQ(ahead.status().message(), "case pk is at version 2, not 5: reload it and try again");
  const Result<std::vector<StoredEvent>> events = store->Events("pk");
  ASSERT_EQ(events->size(), 1U);
  EXPECT_EQ((*events)[0].event, Stance("ppp", "for"));
  EXPECT_EQ(*store->CaseVersion("pk"), 2);
}

TEST_P(StoreTest, EachEventIsAnEventOrARetraction) {
  const std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->CreateCase("pk", "t", "{}", {Event(Stance("ppp", "for"))}, "Desk 1").ok());
  const Result<std::vector<StoredEvent>> empty = store->AppendEvents("pk", 1, {}, "Desk 1");
  EXPECT_EQ(empty.status().code(), ErrorCode::kInvalidValue);
  EXPECT_EQ(empty.status().message(), "nothing to append: send at least one event");
  NewEvent both = Retraction(1, "typo");
  both.event = Stance("ppp", "against");
  const Result<std::vector<StoredEvent>> mixed = store->AppendEvents("pk", 1, {both}, "Desk 1");
  EXPECT_EQ(mixed.status().code(), ErrorCode::kInvalidValue);
  EXPECT_EQ(mixed.status().where().path, "events[0]");
  const Result<std::vector<StoredEvent>> blank =
      store->AppendEvents("pk", 1, {Event(Stance("ppp", "for")), Event("")}, "Desk 1");
  EXPECT_EQ(blank.status().code(), ErrorCode::kInvalidValue);
  EXPECT_EQ(blank.status().where().path, "events[1].event");
  const Result<CaseSummary> created = store->CreateCase("uk", "t", "{}", {Event("")}, "Desk 1");
  EXPECT_EQ(created.status().code(), ErrorCode::kInvalidValue);
  EXPECT_EQ(store->GetCase("uk").status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(*store->CaseVersion("pk"), 1);
}

// Expects appending `events` to case pk at `version` to fail with `message` at `path`, leaving
// the case as it was.
void ExpectRefused(Store& store, std::int64_t version, const std::vector<NewEvent>& events,
                   const std::string& message, const std::string& path) {
  const std::size_t before = store.Events("pk")->size();
  const Result<std::vector<StoredEvent>> refused =
      store.AppendEvents("pk", version, events, "Desk 1");
  ASSERT_FALSE(refused.ok()) << message;
  EXPECT_EQ(refused.status().code(), ErrorCode::kInvalidValue);
  EXPECT_EQ(refused.status().message(), message);
  EXPECT_EQ(refused.status().where().path, path);
  EXPECT_EQ(*store.CaseVersion("pk"), version);
  EXPECT_EQ(store.Events("pk")->size(), before);
}

TEST_P(StoreTest, RetractionsWithdrawAnEventOnce) {
  const std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store
                  ->CreateCase("pk", "t", "{}",
                               {Event(Stance("ppp", "for")), Event(Stance("mqm-p", "against")),
                                Event(Stance("bap", "for"))},
                               "Desk 1")
                  .ok());
  const Result<std::vector<StoredEvent>> retracted =
      store->AppendEvents("pk", 1, {Retraction(2, "wrong date")}, "Desk 2");
  ASSERT_TRUE(retracted.ok()) << retracted.status().ToString();
  EXPECT_EQ((*retracted)[0].seq, 4);
  EXPECT_EQ((*retracted)[0].retracts, 2);
  EXPECT_EQ((*retracted)[0].event, "");
  EXPECT_EQ((*retracted)[0].reason, "wrong date");

  ExpectRefused(*store, 2, {Retraction(2, "again")},
                "event 2 of case pk is already retracted by event 4", "events[0].retracts");
  ExpectRefused(*store, 2, {Retraction(4, "undo")},
                "event 4 of case pk is a retraction, and a retraction cannot be retracted",
                "events[0].retracts");
  ExpectRefused(*store, 2, {Retraction(9, "x")},
                "case pk has no event 9 to retract (its last is 4)", "events[0].retracts");
  ExpectRefused(*store, 2, {Retraction(0, "x")},
                "case pk has no event 0 to retract (its last is 4)", "events[0].retracts");
  ExpectRefused(*store, 2,
                {Event(Stance("ppp", "against")), Retraction(1, "x"), Retraction(1, "y")},
                "event 1 of case pk is already retracted by event 6", "events[2].retracts");
  ExpectRefused(*store, 2, {Event(Stance("ppp", "against")), Retraction(6, "x")},
                "case pk has no event 6 to retract (its last is 5)", "events[1].retracts");
  ExpectRefused(*store, 2, {Retraction(1, "x"), Retraction(5, "y")},
                "event 5 of case pk is a retraction, and a retraction cannot be retracted",
                "events[1].retracts");

  const Result<std::vector<StoredEvent>> in_batch = store->AppendEvents(
      "pk", 2, {Event(Stance("pml-q", "for")), Retraction(5, "misheard")}, "Desk 2");
  ASSERT_TRUE(in_batch.ok()) << in_batch.status().ToString();
  EXPECT_EQ(Seqs(*in_batch), (std::vector<std::int64_t>{5, 6}));
  EXPECT_EQ((*in_batch)[1].retracts, 5);
  const Result<std::vector<StoredEvent>> events = store->Events("pk");
  ASSERT_TRUE(events.ok());
  std::map<std::int64_t, std::int64_t> retractions;
  for (const StoredEvent& event : *events) {
    if (event.retracts.has_value()) retractions[event.seq] = *event.retracts;
  }
  EXPECT_EQ(retractions, (std::map<std::int64_t, std::int64_t>{{4, 2}, {6, 5}}));
}

TEST_P(StoreTest, TokensAreFoundByHashUntilRevoked) {
  const std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  const std::string editor_hash = HashSecret(NewSecret());
  const Result<TokenInfo> editor = store->CreateToken("Desk 1", Role::kEditor, editor_hash);
  ASSERT_TRUE(editor.ok()) << editor.status().ToString();
  EXPECT_EQ(editor->name, "Desk 1");
  EXPECT_EQ(editor->role, Role::kEditor);
  EXPECT_TRUE(IsUtcMilliseconds(editor->created_at));
  EXPECT_EQ(editor->revoked_at, std::nullopt);
  const std::string admin_hash = HashSecret(NewSecret());
  const Result<TokenInfo> admin = store->CreateToken("Chief", Role::kAdmin, admin_hash);
  ASSERT_TRUE(admin.ok()) << admin.status().ToString();
  EXPECT_GT(admin->id, editor->id);

  const Result<std::optional<TokenInfo>> found = store->FindToken(editor_hash);
  ASSERT_TRUE(found.ok()) << found.status().ToString();
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, editor->id);
  EXPECT_EQ((*found)->role, Role::kEditor);
  EXPECT_EQ((*found)->created_at, editor->created_at);
  EXPECT_FALSE(store->FindToken(HashSecret("guess"))->has_value());

  const Result<TokenInfo> same_name = store->CreateToken("Desk 1", Role::kViewer, HashSecret("a"));
  EXPECT_EQ(same_name.status().code(), ErrorCode::kConflict);
  EXPECT_EQ(same_name.status().message(),
            "a live token is named Desk 1 already: revoke it or choose another name");
  const Result<TokenInfo> same_secret = store->CreateToken("Desk 2", Role::kViewer, editor_hash);
  EXPECT_EQ(same_secret.status().code(), ErrorCode::kConflict);
  EXPECT_EQ(same_secret.status().message(),
            "a token with that secret exists already: make a new secret");
  EXPECT_EQ(store->CreateToken("Desk 3", Role::kViewer, "s3cret").status().code(),
            ErrorCode::kInvalidValue);
  EXPECT_EQ(store->CreateToken("", Role::kViewer, HashSecret("b")).status().code(),
            ErrorCode::kInvalidValue);

  ASSERT_TRUE(store->RevokeToken("Desk 1").ok());
  EXPECT_FALSE(store->FindToken(editor_hash)->has_value());
  const Status twice = store->RevokeToken("Desk 1");
  EXPECT_EQ(twice.code(), ErrorCode::kNotFound);
  EXPECT_EQ(twice.message(), "no live token is named or numbered Desk 1");
  const Result<TokenInfo> renamed = store->CreateToken("Desk 1", Role::kViewer, HashSecret("c"));
  ASSERT_TRUE(renamed.ok()) << renamed.status().ToString();
  ASSERT_TRUE(store->RevokeToken(std::to_string(admin->id)).ok());
  EXPECT_FALSE(store->FindToken(admin_hash)->has_value());
  EXPECT_EQ(store->RevokeToken("999").code(), ErrorCode::kNotFound);

  const Result<std::vector<TokenInfo>> tokens = store->ListTokens();
  ASSERT_TRUE(tokens.ok()) << tokens.status().ToString();
  ASSERT_EQ(tokens->size(), 3U);
  EXPECT_EQ((*tokens)[0].name, "Desk 1");
  EXPECT_TRUE((*tokens)[0].revoked_at.has_value());
  EXPECT_TRUE(IsUtcMilliseconds(*(*tokens)[0].revoked_at));
  EXPECT_EQ((*tokens)[1].name, "Chief");
  EXPECT_EQ((*tokens)[1].role, Role::kAdmin);
  EXPECT_TRUE((*tokens)[1].revoked_at.has_value());
  EXPECT_EQ((*tokens)[2].name, "Desk 1");
  EXPECT_EQ((*tokens)[2].revoked_at, std::nullopt);
}

TEST_P(StoreTest, TheSecretIsNeverStored) {
  const std::string secret = NewSecret();
  {
    const std::unique_ptr<Store> store = Open();
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->CreateToken("Desk 1", Role::kEditor, HashSecret(secret)).ok());
  }
  const std::unique_ptr<SqlDatabase> raw = Raw();
  ASSERT_NE(raw, nullptr);
  const Result<SqlRows> rows = RawQuery(*raw, "SELECT * FROM tokens");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 1U);
  bool hash_stored = false;
  for (const std::optional<std::string>& column : (*rows)[0]) {
    EXPECT_EQ(column.value_or("").find(secret), std::string::npos);
    hash_stored = hash_stored || column == HashSecret(secret);
  }
  EXPECT_TRUE(hash_stored);
  if (GetParam() == Backend::kSqlite) {
    for (const std::string suffix : {"", "-wal"}) {
      std::ifstream file(path_ + suffix, std::ios::binary);
      const std::string bytes(std::istreambuf_iterator<char>(file), {});
      EXPECT_EQ(bytes.find(secret), std::string::npos) << suffix;
    }
  }
}

TEST_P(StoreTest, ReopeningKeepsEverythingAndMigratesOnce) {
  const std::string hash = HashSecret(NewSecret());
  {
    const std::unique_ptr<Store> store = Open();
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(store->CreateCase("pk", "t", "{}", {Event(Stance("ppp", "for"))}, "Desk 1").ok());
    ASSERT_TRUE(store->AppendEvents("pk", 1, {Retraction(1, "typo")}, "Desk 2").ok());
    ASSERT_TRUE(store->CreateToken("Desk 1", Role::kEditor, hash).ok());
  }
  for (int reopening = 0; reopening < 2; ++reopening) {
    const std::unique_ptr<Store> store = Open();
    ASSERT_NE(store, nullptr);
    EXPECT_EQ(*store->CaseVersion("pk"), 2);
    const Result<std::vector<StoredEvent>> events = store->Events("pk");
    ASSERT_EQ(events->size(), 2U);
    EXPECT_EQ((*events)[1].retracts, 1);
    EXPECT_EQ((*events)[1].author, "Desk 2");
    EXPECT_TRUE(store->FindToken(hash)->has_value());
  }
  const std::unique_ptr<SqlDatabase> raw = Raw();
  ASSERT_NE(raw, nullptr);
  const Result<SqlRows> versions = RawQuery(*raw, "SELECT version FROM schema_version");
  ASSERT_TRUE(versions.ok()) << versions.status().ToString();
  ASSERT_EQ(versions->size(), 1U);
  EXPECT_EQ((*versions)[0][0], std::to_string(kSchemaVersion));
}

TEST_P(StoreTest, ANewerSchemaIsRefused) {
  ASSERT_NE(Open(), nullptr);
  {
    const std::unique_ptr<SqlDatabase> raw = Raw();
    ASSERT_NE(raw, nullptr);
    const std::string newer = std::to_string(kSchemaVersion + 1);
    ASSERT_TRUE(RawQuery(*raw, "INSERT INTO schema_version (version, applied_at) VALUES (" + newer +
                                   ", '2027-01-01T00:00:00.000Z')")
                    .ok());
  }
  const Result<std::unique_ptr<Store>> store = OpenStore(url_);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), ErrorCode::kStorage);
  EXPECT_EQ(store.status().message(),
            url_ +
                " is at schema version 2, newer than this whipcount's 1: upgrade whipcount to "
                "use it");
}

TEST_P(StoreTest, TheDatabaseRefusesToChangeTheLog) {
  const std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->CreateCase("pk", "t", "{}", {Event(Stance("ppp", "for"))}, "Desk 1").ok());
  const std::unique_ptr<SqlDatabase> raw = Raw();
  ASSERT_NE(raw, nullptr);
  for (const std::string_view sql :
       {"UPDATE events SET reason = 'rewritten'", "DELETE FROM events"}) {
    const Result<SqlRows> changed = RawQuery(*raw, sql);
    ASSERT_FALSE(changed.ok()) << sql;
    EXPECT_NE(changed.status().message().find("the event log is append-only"), std::string::npos)
        << changed.status().message();
  }
  EXPECT_EQ(store->Events("pk")->at(0).reason, "");
}

TEST_P(StoreTest, WritesWaitForTheDisk) {
  ASSERT_NE(Open(), nullptr);
  const std::unique_ptr<SqlDatabase> raw = Raw();
  ASSERT_NE(raw, nullptr);
  if (GetParam() == Backend::kSqlite) {
    EXPECT_EQ(RawValue(*raw, "PRAGMA journal_mode"), "wal");
    EXPECT_EQ(RawValue(*raw, "PRAGMA synchronous"), "2");  // FULL
    return;
  }
  // Even on a database whose sessions would not wait for the disk.
  ASSERT_TRUE(RawQuery(*raw,
                       "DO $$ BEGIN EXECUTE format("
                       "'ALTER DATABASE %I SET synchronous_commit = off', "
                       "current_database()); END $$")
                  .ok());
  const std::unique_ptr<SqlDatabase> fresh = Raw();
  ASSERT_NE(fresh, nullptr);
  EXPECT_EQ(RawValue(*fresh, "SHOW synchronous_commit", Access::kRead), "off");
  EXPECT_EQ(RawValue(*fresh, "SHOW synchronous_commit", Access::kWrite), "on");
}

TEST_P(StoreTest, OpeningAtOnceMigratesOnce) {
  constexpr int kOpeners = 4;
  std::vector<Status> outcomes(kOpeners);
  std::vector<std::thread> threads;
  threads.reserve(kOpeners);
  for (int i = 0; i < kOpeners; ++i) {
    threads.emplace_back(
        [&outcomes, i, this] { outcomes[std::size_t(i)] = OpenStore(url_).status(); });
  }
  for (std::thread& thread : threads) thread.join();
  for (const Status& outcome : outcomes) EXPECT_TRUE(outcome.ok()) << outcome.ToString();
  const std::unique_ptr<SqlDatabase> raw = Raw();
  ASSERT_NE(raw, nullptr);
  EXPECT_EQ(RawQuery(*raw, "SELECT version FROM schema_version")->size(), 1U);
}

// What one writer of ConcurrentEditorsLoseNothing had acknowledged.
struct Acknowledged {
  std::string event;
  std::int64_t seq = 0;
  std::int64_t version = 0;
};

// Appends `count` events to case pk, each by reading the version and appending at it until
// the append is not refused for a newer version.
std::vector<Acknowledged> Edit(Store& store, const std::string& author, int count) {
  constexpr int kMaxTries = 10'000;
  std::vector<Acknowledged> acknowledged;
  for (int i = 0; i < count; ++i) {
    const std::string event = Stance(author + "-" + std::to_string(i), "for");
    for (int tries = 0; tries < kMaxTries; ++tries) {
      const Result<std::int64_t> version = store.CaseVersion("pk");
      if (!version.ok()) {
        ADD_FAILURE() << version.status().ToString();
        return acknowledged;
      }
      const Result<std::vector<StoredEvent>> stored =
          store.AppendEvents("pk", *version, {Event(event)}, author);
      if (stored.ok()) {
        acknowledged.push_back({event, (*stored)[0].seq, (*stored)[0].version});
        break;
      }
      if (stored.status().code() != ErrorCode::kConflict) {
        ADD_FAILURE() << stored.status().ToString();
        return acknowledged;
      }
    }
  }
  return acknowledged;
}

// Runs `count` editors at once, editor i on stores[i % stores.size()], each making `appends`
// appends; returns what each had acknowledged.
std::vector<std::vector<Acknowledged>> RunEditors(const std::vector<Store*>& stores, int count,
                                                  int appends) {
  std::vector<std::vector<Acknowledged>> acknowledged(static_cast<std::size_t>(count));
  std::vector<std::thread> editors;
  editors.reserve(std::size_t(count));
  for (int i = 0; i < count; ++i) {
    Store& store = *stores[std::size_t(i) % stores.size()];
    editors.emplace_back([&acknowledged, &store, i, appends] {
      acknowledged[std::size_t(i)] = Edit(store, "editor" + std::to_string(i), appends);
    });
  }
  for (std::thread& editor : editors) editor.join();
  return acknowledged;
}

TEST_P(StoreTest, ConcurrentEditorsLoseNothing) {
  constexpr int kEditors = 4;
  constexpr int kAppends = 20;
  // Two stores on one database, as two servers would be.
  const std::unique_ptr<Store> first = Open();
  const std::unique_ptr<Store> second = Open();
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  ASSERT_TRUE(first->CreateCase("pk", "t", "{}", {}, "Desk 1").ok());
  const std::vector<std::vector<Acknowledged>> acknowledged =
      RunEditors({first.get(), second.get()}, kEditors, kAppends);

  const Result<std::vector<StoredEvent>> log = first->Events("pk");
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  ASSERT_EQ(log->size(), std::size_t(kEditors * kAppends));
  std::set<std::string> texts;
  for (std::size_t i = 0; i < log->size(); ++i) {
    const StoredEvent& event = (*log)[i];
    EXPECT_EQ(event.seq, std::int64_t(i) + 1);
    EXPECT_EQ(event.version, std::int64_t(i) + 2);  // one event per append, after the creation
    EXPECT_TRUE(texts.insert(event.event).second) << "twice: " << event.event;
  }
  for (const std::vector<Acknowledged>& editor : acknowledged) {
    ASSERT_EQ(editor.size(), std::size_t(kAppends));
    for (const Acknowledged& append : editor) {
      const StoredEvent& stored = (*log)[std::size_t(append.seq - 1)];
      EXPECT_EQ(stored.event, append.event);
      EXPECT_EQ(stored.version, append.version);
    }
  }
  EXPECT_EQ(*second->CaseVersion("pk"), kEditors * kAppends + 1);
}

TEST_P(StoreTest, ChangesAreHeardInTheOrderTheyWereMade) {
  constexpr int kEditors = 4;
  constexpr int kAppends = 10;
  Heard heard;
  const std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  store->OnChange(heard.Listener());
  ASSERT_TRUE(store->CreateCase("pk", "t", "{}", {}, "Desk 1").ok());
  RunEditors({store.get()}, kEditors, kAppends);
  const std::vector<Change> changes = heard.Await(kEditors * kAppends + 1);
  ASSERT_EQ(changes.size(), std::size_t(kEditors * kAppends + 1));
  for (std::size_t i = 0; i < changes.size(); ++i) {
    EXPECT_EQ(changes[i].version, std::int64_t(i) + 1);
  }
}

TEST_P(StoreTest, TheListenerHearsTheStoresOwnChanges) {
  Heard heard;
  const std::unique_ptr<Store> store = Open();
  ASSERT_NE(store, nullptr);
  store->OnChange(heard.Listener());
  ASSERT_TRUE(store->CreateCase("pk", "t", "{}", {}, "Desk 1").ok());
  ASSERT_TRUE(store->AppendEvents("pk", 1, {Event(Stance("ppp", "for"))}, "Desk 1").ok());
  ASSERT_FALSE(store->AppendEvents("pk", 1, {Event(Stance("ppp", "for"))}, "Desk 1").ok());
  ASSERT_TRUE(store->CreateCase("uk", "t", "{}", {}, "Desk 1").ok());
  EXPECT_EQ(Describe(heard.Await(3)), (std::vector<std::string>{"pk 1", "pk 2", "uk 1"}));
}

// PostgreSQL alone: several stores (servers) on one database.
class PostgresStoreTest : public DatabaseTest {
 protected:
  void SetUp() override { SetUpDatabase(Backend::kPostgres); }
};

TEST_F(PostgresStoreTest, EveryStoreHearsEveryChange) {
  Heard heard_by_second;
  Heard heard_by_third;
  const std::unique_ptr<Store> first = Open();
  const std::unique_ptr<Store> second = Open();
  const std::unique_ptr<Store> third = Open();
  ASSERT_TRUE(first != nullptr && second != nullptr && third != nullptr);
  second->OnChange(heard_by_second.Listener());
  third->OnChange(heard_by_third.Listener());
  ASSERT_TRUE(first->CreateCase("pk", "t", "{}", {}, "Desk 1").ok());
  ASSERT_TRUE(third->AppendEvents("pk", 1, {Event(Stance("ppp", "for"))}, "Desk 2").ok());
  const std::vector<std::string> expected{"pk 1", "pk 2"};
  EXPECT_EQ(Describe(heard_by_second.Await(2)), expected);
  EXPECT_EQ(Describe(heard_by_third.Await(2)), expected);
}

TEST_F(PostgresStoreTest, ChangesMissedWhileDisconnectedAreHeard) {
  Heard heard;
  const std::unique_ptr<Store> writer = Open();
  const std::unique_ptr<Store> listener = Open();
  ASSERT_TRUE(writer != nullptr && listener != nullptr);
  listener->OnChange(heard.Listener());
  ASSERT_TRUE(writer->CreateCase("pk", "t", "{}", {}, "Desk 1").ok());
  ASSERT_EQ(Describe(heard.Await(1)), std::vector<std::string>{"pk 1"});

  // Ends every other session on the database: the listener's, and the writer's pooled ones.
  const std::unique_ptr<SqlDatabase> raw = Raw();
  ASSERT_NE(raw, nullptr);
  const Result<SqlRows> ended =
      RawQuery(*raw,
               "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
               "WHERE datname = current_database() AND pid <> pg_backend_pid()");
  ASSERT_TRUE(ended.ok()) << ended.status().ToString();
  EXPECT_GE(ended->size(), 2U);

  const Result<std::vector<StoredEvent>> appended =
      writer->AppendEvents("pk", 1, {Event(Stance("ppp", "for"))}, "Desk 1");
  ASSERT_TRUE(appended.ok()) << appended.status().ToString();
  ASSERT_TRUE(writer->CreateCase("uk", "t", "{}", {}, "Desk 1").ok());
  const std::vector<Change> changes = heard.Await(3);
  std::set<std::string> words;
  for (const std::string& word : Describe(changes)) words.insert(word);
  EXPECT_EQ(words, (std::set<std::string>{"pk 1", "pk 2", "uk 1"}));
}

TEST(PostgresConnectionTest, ARefusedConnectionSaysWhereWithoutThePassword) {
  const Result<std::unique_ptr<Store>> store =
      OpenStore("postgresql://ann:s3cret@127.0.0.1:1/cases?password=s3cret&sslmode=disable");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), ErrorCode::kStorage);
  const std::string& message = store.status().message();
  EXPECT_TRUE(
      message.starts_with("cannot connect to postgresql://ann@127.0.0.1:1/cases"
                          "?sslmode=disable: "))
      << message;
  EXPECT_NE(message.find("Connection refused"), std::string::npos) << message;
  EXPECT_EQ(message.find("s3cret"), std::string::npos) << message;
}

TEST(OpenStoreTest, ChoosesTheDatabaseByItsUrl) {
  const TempDir dir;
  const std::string path = (dir.path() / "plain.db").string();
  const Result<std::unique_ptr<Store>> plain = OpenStore(path);
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  EXPECT_EQ((*plain)->Describe(), "sqlite:" + path);
  EXPECT_TRUE(fs::exists(path));

  const Result<std::unique_ptr<Store>> mysql = OpenStore("mysql://db/cases");
  EXPECT_EQ(mysql.status().code(), ErrorCode::kInvalidValue);
  EXPECT_EQ(mysql.status().message(),
            "whipcount stores cases in PostgreSQL or SQLite, not in mysql: give "
            "postgresql://... or sqlite:PATH");
  EXPECT_EQ(OpenStore("").status().code(), ErrorCode::kInvalidValue);
}

TEST(OpenStoreTest, SqliteErrorsSayWhatToDo) {
  const TempDir dir;
  const std::string missing = (dir.path() / "no-such-dir" / "cases.db").string();
  const Result<std::unique_ptr<Store>> unopened = OpenStore("sqlite:" + missing);
  EXPECT_EQ(unopened.status().code(), ErrorCode::kStorage);
  EXPECT_EQ(unopened.status().message(),
            "cannot open the database on sqlite:" + missing +
                ": unable to open database file: check that the file's directory exists and "
                "that whipcount may write there");

  const std::string text = (dir.path() / "notes.txt").string();
  std::ofstream(text) << "These are not the cases you are looking for.\n";
  const Result<std::unique_ptr<Store>> not_a_database = OpenStore("sqlite:" + text);
  EXPECT_EQ(not_a_database.status().code(), ErrorCode::kStorage);
  EXPECT_EQ(not_a_database.status().message(),
            "cannot run PRAGMA journal_mode = WAL on sqlite:" + text +
                ": file is not a database: is it a whipcount database? It may be damaged");
}

TEST(SecretTest, HashIsSha256InHex) {
  // FIPS 180-2's test vectors.
  EXPECT_EQ(HashSecret("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(HashSecret(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(SecretTest, NewSecretsAre32RandomBytesInHex) {
  std::set<std::string> secrets;
  for (int i = 0; i < 100; ++i) {
    const std::string secret = NewSecret();
    EXPECT_EQ(secret.size(), 64U);
    EXPECT_EQ(secret.find_first_not_of("0123456789abcdef"), std::string::npos) << secret;
    secrets.insert(secret);
  }
  EXPECT_EQ(secrets.size(), 100U);
}

}  // namespace
}  // namespace whipcount::store
