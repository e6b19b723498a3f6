#include "whipcount/result.h"

#include <string>

namespace whipcount {

std::string CodeString(ErrorCode code) { return "E" + std::to_string(static_cast<int>(code)); }

std::string_view CodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kSyntax:
      return "syntax";
    case ErrorCode::kType:
      return "wrong-type";
    case ErrorCode::kMissingField:
      return "missing-field";
    case ErrorCode::kUnknownField:
      return "unknown-field";
    case ErrorCode::kInvalidValue:
      return "invalid-value";
    case ErrorCode::kDuplicateId:
      return "duplicate-id";
    case ErrorCode::kUnknownId:
      return "unknown-id";
    case ErrorCode::kNegativeSeats:
      return "negative-seats";
    case ErrorCode::kSeatsExceedChamber:
      return "seats-exceed-chamber";
    case ErrorCode::kInvalidFraction:
      return "invalid-fraction";
    case ErrorCode::kImpossibleThreshold:
      return "impossible-threshold";
    case ErrorCode::kInconsistentCount:
      return "inconsistent-count";
    case ErrorCode::kMissingSuccessor:
      return "missing-successor";
    case ErrorCode::kInvalidEvent:
      return "invalid-event";
    case ErrorCode::kInvalidGame:
      return "invalid-game";
    case ErrorCode::kTooLarge:
      return "too-large";
    case ErrorCode::kIo:
      return "io";
    case ErrorCode::kUsage:
      return "usage";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok_) return "ok";
  std::string out = "[" + CodeString(code_) + " " + std::string(CodeName(code_)) + "] ";
  std::string place;
  if (!where_.file.empty()) place = where_.file;
  if (where_.line > 0) {
    place += (place.empty() ? "line " : ":") + std::to_string(where_.line);
    if (where_.column > 0) place += ":" + std::to_string(where_.column);
  }
  if (!where_.path.empty()) {
    place += place.empty() ? where_.path : " (" + where_.path + ")";
  }
  if (!place.empty()) out += place + ": ";
  return out + message_;
}

}  // namespace whipcount
