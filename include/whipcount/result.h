// Status and Result<T>: whipcount's one error model.
//
// Expected failures (malformed input, unknown ids, rules that can never be met) are values, never
// exceptions or asserts. Every error carries a stable code (`E204`), a symbolic name
// (`seats-exceed-chamber`) and a location: a path into the document (`parties[3].seats`) and, once
// the io layer has resolved that path against the source text, a file, line and column. The same
// code appears on the CLI's stderr, in `--json` output and in docs/errors.md; tests assert it.
//
// Status and Result are plain values: copyable, and safe to pass between threads.
#ifndef WHIPCOUNT_RESULT_H_
#define WHIPCOUNT_RESULT_H_

#include <cassert>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "whipcount/names.h"

namespace whipcount {

// Stable error codes. Never renumber: the numbers are part of the public interface.
// 1xx: the text cannot be read; 2xx: it reads but describes something impossible;
// 3xx: the environment (files); 4xx: the command line.
enum class ErrorCode : int {
  kOk = 0,                     // no error: what an ok Status reports
  kSyntax = 101,               // malformed YAML/JSON/CSV text
  kType = 102,                 // a value of the wrong kind (a list where a number belongs)
  kMissingField = 103,         // a required key is absent
  kUnknownField = 104,         // a key whipcount does not know (usually a typo)
  kInvalidValue = 105,         // a value out of its domain (bad date, unknown stance word)
  kInvalidText = 106,          // text that is not UTF-8, or holds control characters
  kDuplicateId = 201,          // two parties, members or blocs share an id
  kUnknownId = 202,            // a reference to an id that is not defined
  kNegativeSeats = 203,        // a seat count below zero
  kSeatsExceedChamber = 204,   // more seats filled than the chamber has
  kInvalidFraction = 205,      // a threshold fraction that is not in (0, 1]
  kImpossibleThreshold = 206,  // a threshold no vote could ever meet
  kInconsistentCount = 207,    // totals that contradict each other (vacancies, member lists)
  kMissingSuccessor = 208,     // a constructive motion that names no successor
  kInvalidEvent = 209,         // a timeline event that cannot apply to the state it meets
  kInvalidGame = 210,          // a weighted voting game that is malformed
  kTooLarge = 211,             // a request whose answer or work would be unreasonably large
  kIo = 301,                   // a file that cannot be read or written
  kUsage = 401,                // a command line that does not parse
  // The server's (docs/server.md); each maps to one HTTP status.
  kNotFound = 501,              // no case, event, token or route of that name (404)
  kConflict = 502,              // a write against a version that is no longer current (409)
  kUnauthorized = 503,          // no token, or one that is unknown or revoked (401)
  kForbidden = 504,             // a token whose role does not allow the request (403)
  kPreconditionRequired = 505,  // a write without If-Match (428)
  kStorage = 506,               // the database failed or refused (500)
  kTimeout = 507,               // an analysis that ran past the request's time limit (503)
  kMethodNotAllowed = 508,      // a route that exists, asked with another method (405)
};

template <>
struct NameTable<ErrorCode> {
  static constexpr std::array kEntries{
      Named<ErrorCode>{ErrorCode::kOk, "ok"},
      Named<ErrorCode>{ErrorCode::kSyntax, "syntax"},
      Named<ErrorCode>{ErrorCode::kType, "wrong-type"},
      Named<ErrorCode>{ErrorCode::kMissingField, "missing-field"},
      Named<ErrorCode>{ErrorCode::kUnknownField, "unknown-field"},
      Named<ErrorCode>{ErrorCode::kInvalidValue, "invalid-value"},
      Named<ErrorCode>{ErrorCode::kInvalidText, "invalid-text"},
      Named<ErrorCode>{ErrorCode::kDuplicateId, "duplicate-id"},
      Named<ErrorCode>{ErrorCode::kUnknownId, "unknown-id"},
      Named<ErrorCode>{ErrorCode::kNegativeSeats, "negative-seats"},
      Named<ErrorCode>{ErrorCode::kSeatsExceedChamber, "seats-exceed-chamber"},
      Named<ErrorCode>{ErrorCode::kInvalidFraction, "invalid-fraction"},
      Named<ErrorCode>{ErrorCode::kImpossibleThreshold, "impossible-threshold"},
      Named<ErrorCode>{ErrorCode::kInconsistentCount, "inconsistent-count"},
      Named<ErrorCode>{ErrorCode::kMissingSuccessor, "missing-successor"},
      Named<ErrorCode>{ErrorCode::kInvalidEvent, "invalid-event"},
      Named<ErrorCode>{ErrorCode::kInvalidGame, "invalid-game"},
      Named<ErrorCode>{ErrorCode::kTooLarge, "too-large"},
      Named<ErrorCode>{ErrorCode::kIo, "io"},
      Named<ErrorCode>{ErrorCode::kUsage, "usage"},
      Named<ErrorCode>{ErrorCode::kNotFound, "not-found"},
      Named<ErrorCode>{ErrorCode::kConflict, "conflict"},
      Named<ErrorCode>{ErrorCode::kUnauthorized, "unauthorized"},
      Named<ErrorCode>{ErrorCode::kForbidden, "forbidden"},
      Named<ErrorCode>{ErrorCode::kPreconditionRequired, "precondition-required"},
      Named<ErrorCode>{ErrorCode::kStorage, "storage"},
      Named<ErrorCode>{ErrorCode::kTimeout, "timeout"},
      Named<ErrorCode>{ErrorCode::kMethodNotAllowed, "method-not-allowed"},
  };
};

// "E204"
std::string CodeString(ErrorCode code);

// Where an error is. Any part may be empty/zero when unknown. Lines and columns count from 1.
struct Location {
  std::string file;
  int line = 0;
  int column = 0;
  std::string path;  // document path, e.g. "parties[3].seats"

  bool empty() const { return file.empty() && line == 0 && path.empty(); }
};

// Document paths, the `path` of a Location. FieldPath("parties[3]", "seats") is
// "parties[3].seats"; a field of the document itself (an empty parent) is just its key.
std::string FieldPath(std::string_view parent, std::string_view key);
// ItemPath("parties", 3) is "parties[3]".
std::string ItemPath(std::string_view list, size_t index);

// The outcome of an operation that returns no value. Cheap to copy when ok.
class [[nodiscard]] Status {
 public:
  Status() = default;  // ok
  Status(ErrorCode code, std::string message, Location where = {})
      : ok_(false), code_(code), message_(std::move(message)), where_(std::move(where)) {
    assert(code != ErrorCode::kOk && "an error Status needs an error code");
  }

  static Status Ok() { return Status(); }

  bool ok() const { return ok_; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const Location& where() const { return where_; }
  Location& mutable_where() { return where_; }

  // "[E204 seats-exceed-chamber] pk.yaml:12:9 (parties[3].seats): parties hold 343 seats ..."
  std::string ToString() const;

 private:
  bool ok_ = true;
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
  Location where_;
};

// A value or the Status explaining why there is none. Access to value() on an error is a
// programmer error (asserted), so check ok() first.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT(google-explicit-constructor)
  Result(Status status) : v_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!std::get<Status>(v_).ok() && "Result needs a value or an error");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<T>(v_);
  }
  T& value() & {
    assert(ok());
    return std::get<T>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<T>(std::move(v_));
  }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace whipcount

// Returns the Status of `expr` from the enclosing function when it is an error.
#define WHIPCOUNT_RETURN_IF_ERROR(expr)                        \
  do {                                                         \
    if (::whipcount::Status status_ = (expr); !status_.ok()) { \
      return status_;                                          \
    }                                                          \
  } while (false)

#define WHIPCOUNT_CONCAT_INNER_(a, b) a##b
#define WHIPCOUNT_CONCAT_(a, b) WHIPCOUNT_CONCAT_INNER_(a, b)

// Evaluates `expr` (a Result<T>); returns its Status from the enclosing function when it is an
// error, else moves its value into `lhs`, which may declare a variable:
//   WHIPCOUNT_ASSIGN_OR_RETURN(const ChamberFile file, ReadChamberFile(path));
#define WHIPCOUNT_ASSIGN_OR_RETURN(lhs, expr) \
  WHIPCOUNT_ASSIGN_OR_RETURN_IMPL_(WHIPCOUNT_CONCAT_(result_, __LINE__), lhs, expr)
// `result` is a name and `lhs` may declare one: neither can be parenthesised.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define WHIPCOUNT_ASSIGN_OR_RETURN_IMPL_(result, lhs, expr) \
  auto result = (expr);                                     \
  if (!result.ok()) return result.status();                 \
  lhs = std::move(result).value()
// NOLINTEND(bugprone-macro-parentheses)

#endif  // WHIPCOUNT_RESULT_H_
