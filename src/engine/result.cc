#include "whipcount/result.h"

#include <string>

namespace whipcount {

std::string FieldPath(std::string_view parent, std::string_view key) {
  std::string path;
  path.reserve(parent.size() + 1 + key.size());
  path += parent;
  if (!parent.empty()) path += '.';
  path += key;
  return path;
}

std::string ItemPath(std::string_view list, size_t index) {
  std::string path(list);
  path += '[';
  path += std::to_string(index);
  path += ']';
  return path;
}

std::string CodeString(ErrorCode code) { return "E" + std::to_string(static_cast<int>(code)); }

std::string Status::ToString() const {
  if (ok_) return "ok";
  std::string out = "[" + CodeString(code_) + " " + std::string(EnumName(code_)) + "] ";
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
