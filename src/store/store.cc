// OpenStore's choice of database by URL, and the token secrets' hashing and making.
#include "store/store.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "store/sql.h"

namespace whipcount::store {
namespace {

std::string Hex(const unsigned char* bytes, std::size_t count) {
  static constexpr std::string_view kDigits = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * count);
  for (std::size_t i = 0; i < count; ++i) {
    hex += kDigits[bytes[i] >> 4U];
    hex += kDigits[bytes[i] & 0xFU];
  }
  return hex;
}

// The database a URL names, before migration.
Result<std::unique_ptr<SqlDatabase>> OpenDatabase(const std::string& url) {
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return OpenPostgresDatabase(url);
  }
  constexpr std::string_view kSqlitePrefix = "sqlite:";
  std::string path = url;
  if (url.starts_with(kSqlitePrefix)) {
    path = url.substr(kSqlitePrefix.size());
  } else if (const std::size_t scheme = url.find("://"); scheme != std::string::npos) {
    return Status(ErrorCode::kInvalidValue,
                  "whipcount stores cases in PostgreSQL or SQLite, not in " +
                      url.substr(0, scheme) + ": give postgresql://... or sqlite:PATH");
  }
  if (path.empty()) {
    return Status(ErrorCode::kInvalidValue,
                  "the database is not named: give postgresql://... or sqlite:PATH");
  }
  return OpenSqliteDatabase(path);
}

}  // namespace

Result<std::unique_ptr<Store>> OpenStore(const std::string& url) {
  WHIPCOUNT_ASSIGN_OR_RETURN(std::unique_ptr<SqlDatabase> database, OpenDatabase(url));
  WHIPCOUNT_RETURN_IF_ERROR(Migrate(*database));
  return MakeSqlStore(std::move(database));
}

std::string HashSecret(std::string_view secret) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(secret.data(), secret.size(), digest.data(), &length, EVP_sha256(), nullptr) !=
      1) {
    // Only a broken OpenSSL fails to hash; carrying on would compare tokens against nothing.
    std::fputs("whipcount: OpenSSL cannot compute SHA-256\n", stderr);
    std::abort();
  }
  return Hex(digest.data(), length);
}

std::string NewSecret() {
  constexpr std::size_t kSecretBytes = 32;
  std::array<unsigned char, kSecretBytes> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    // A token from a failed random source could be guessed: better no token at all.
    std::fputs("whipcount: the system's random source failed; no token was made\n", stderr);
    std::abort();
  }
  return Hex(bytes.data(), bytes.size());
}

Status CheckCaseId(std::string_view id) {
  constexpr std::size_t kMaxLength = 64;
  const auto allowed = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  const bool valid =
      !id.empty() && id.size() <= kMaxLength && allowed(id.front()) &&
      std::all_of(id.begin(), id.end(), [&](char c) { return allowed(c) || c == '-'; });
  if (valid) return Status::Ok();
  const std::string named = id.size() <= kMaxLength
                                ? "case id \"" + std::string(id) + "\""
                                : "a case id of " + std::to_string(id.size()) + " characters";
  return Status(ErrorCode::kInvalidValue,
                named +
                    ": a case id is 1 to 64 lower-case letters, digits and hyphens, starting "
                    "with a letter or digit",
                Location{.path = "id"});
}

}  // namespace whipcount::store
