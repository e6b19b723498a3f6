#include "io/yaml_doc.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "whipcount/names.h"

namespace whipcount::io {
namespace {

Location At(const std::string& file, const YamlNode& node, const std::string& path) {
  return Location{.file = file, .line = node.line(), .column = node.column(), .path = path};
}

// "unknown key 'x' in motion; expected one of: a, b, c"
std::string UnknownKey(const std::string& key, const std::string& path,
                       std::initializer_list<std::string_view> allowed) {
  return "unknown key '" + key + "'" + (path.empty() ? "" : " in " + path) +
         "; expected one of: " + JoinWords(allowed, "");
}

// The value of the entry of `map` whose key begins `path` and ends where a path step does
// ('.', '[' or the end), the longest such key when ids hold dots ("A.B"), and the key's length.
std::pair<YamlNode, std::size_t> StepInto(const YamlNode& map, std::string_view path) {
  std::pair<YamlNode, std::size_t> best{YamlNode(), 0};
  for (const YamlNode::Entry& e : map.entries()) {
    const std::string_view key = e.key.Scalar();
    if (key.empty() || !path.starts_with(key) || key.size() < best.second) continue;
    if (key.size() == path.size() || path[key.size()] == '.' || path[key.size()] == '[') {
      best = {e.value, key.size()};
    }
  }
  return best;
}

}  // namespace

Result<YamlDoc> YamlDoc::Parse(std::string_view text, std::string file) {
  WHIPCOUNT_ASSIGN_OR_RETURN(YamlNode root, ParseYaml(text, file));
  return YamlDoc(std::move(root), std::move(file), "");
}

YamlDoc YamlDoc::Of(YamlNode node, std::string file, std::string path) {
  return YamlDoc(std::move(node), std::move(file), std::move(path));
}

Status YamlDoc::Error(const YamlNode& node, const std::string& path, ErrorCode code,
                      std::string message) const {
  if (!node) return Locate(Status(code, std::move(message), {.file = file_, .path = path}));
  return Status(code, std::move(message), At(file_, node, path));
}

YamlNode YamlDoc::Find(std::string_view path) const {
  if (!root_path_.empty()) {
    if (!path.starts_with(root_path_)) return YamlNode();
    path.remove_prefix(root_path_.size());
    if (!path.empty() && path.front() != '.' && path.front() != '[') return YamlNode();
  }
  YamlNode node = root_;
  YamlNode found = root_path_.empty() ? YamlNode() : root_;
  while (!path.empty()) {
    if (path.front() == '.') path.remove_prefix(1);
    if (path.empty()) break;
    if (path.front() == '[') {
      const std::size_t close = path.find(']');
      if (close == std::string_view::npos) break;
      std::size_t index = 0;
      const auto [end, error] = std::from_chars(path.data() + 1, path.data() + close, index);
      if (error != std::errc() || end != path.data() + close) break;
      node = node[index];
      path.remove_prefix(close + 1);
    } else {
      const auto [value, length] = StepInto(node, path);
      node = value;
      path.remove_prefix(length);
    }
    if (!node) break;
    found = node;
  }
  return found;
}

Status YamlDoc::Locate(Status status) const {
  if (status.ok()) return status;
  Location& where = status.mutable_where();
  if (where.file.empty()) where.file = file_;
  if (where.line > 0) return status;
  if (const YamlNode node = Find(where.path)) {
    where.line = node.line();
    where.column = node.column();
  }
  return status;
}

Status YamlDoc::ExpectMap(const YamlNode& node, const std::string& path,
                          std::initializer_list<std::string_view> allowed) {
  if (!node.IsMap()) {
    return Error(node, path, ErrorCode::kType,
                 (path.empty() ? std::string("the document") : "'" + path + "'") +
                     " must be a map of keys to values");
  }
  std::set<std::string> seen;
  for (const YamlNode::Entry& e : node.entries()) {
    const std::string key(e.key.Scalar());
    const std::string at = FieldPath(path, key);
    if (!seen.insert(key).second) {
      return Error(e.key, at, ErrorCode::kSyntax, "key '" + key + "' appears twice");
    }
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return Error(e.key, at, ErrorCode::kUnknownField, UnknownKey(key, path, allowed));
    }
  }
  return Status::Ok();
}

Status YamlDoc::ExpectList(const YamlNode& node, const std::string& path) {
  if (!node.IsSequence()) {
    return Error(node, path, ErrorCode::kType, "'" + path + "' must be a list");
  }
  return Status::Ok();
}

Result<std::string> YamlDoc::Scalar(const YamlNode& node, const std::string& path) {
  if (!node.IsScalar()) {
    return Error(node, path, ErrorCode::kType, "'" + path + "' must be a single value");
  }
  return std::string(node.Scalar());
}

Status YamlDoc::NotOneOf(const YamlNode& node, const std::string& path, const std::string& text,
                         const std::vector<std::string_view>& names) const {
  return Error(node, path, ErrorCode::kInvalidValue,
               "'" + text + "' is not one of: " + JoinWords(names, ""));
}

Status YamlDoc::String(const YamlNode& map, std::string_view key, const std::string& path,
                       std::string& out, Need need) {
  const std::string at = FieldPath(path, key);
  const YamlNode node = map[std::string(key)];
  if (!node || node.IsNull()) {
    if (need == Need::kRequired) {
      return Error(map, at, ErrorCode::kMissingField, "'" + at + "' is required");
    }
    return Status::Ok();
  }
  WHIPCOUNT_ASSIGN_OR_RETURN(out, Scalar(node, at));
  return Status::Ok();
}

Status YamlDoc::Int(const YamlNode& map, std::string_view key, const std::string& path, int& out,
                    Need need) {
  std::optional<int> value;
  WHIPCOUNT_RETURN_IF_ERROR(OptionalInt(map, key, path, value));
  if (!value) {
    if (need == Need::kRequired) {
      const std::string at = FieldPath(path, key);
      return Error(map, at, ErrorCode::kMissingField, "'" + at + "' is required");
    }
    return Status::Ok();
  }
  out = *value;
  return Status::Ok();
}

Status YamlDoc::OptionalInt(const YamlNode& map, std::string_view key, const std::string& path,
                            std::optional<int>& out) {
  const std::string at = FieldPath(path, key);
  const YamlNode node = map[std::string(key)];
  if (!node || node.IsNull()) return Status::Ok();
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::string text, Scalar(node, at));
  std::int64_t value = 0;
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (begin != end && *begin == '+') ++begin;
  auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec == std::errc::result_out_of_range ||
      (ec == std::errc() && ptr == end && (value > kMaxCount || value < -kMaxCount))) {
    return Error(node, at, ErrorCode::kInvalidValue,
                 "'" + text + "' is too large; whipcount accepts counts up to 10,000,000");
  }
  if (ec != std::errc() || ptr != end) {
    return Error(node, at, ErrorCode::kType,
                 "'" + at + "' must be a whole number, not '" + text + "'");
  }
  out = static_cast<int>(value);
  return Status::Ok();
}

Status YamlDoc::Bool(const YamlNode& map, std::string_view key, const std::string& path,
                     bool& out) {
  const std::string at = FieldPath(path, key);
  const YamlNode node = map[std::string(key)];
  if (!node || node.IsNull()) return Status::Ok();
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::string text, Scalar(node, at));
  if (text == "true" || text == "yes") {
    out = true;
  } else if (text == "false" || text == "no") {
    out = false;
  } else {
    return Error(node, at, ErrorCode::kType, "'" + at + "' must be true or false");
  }
  return Status::Ok();
}

Status YamlDoc::Number(const YamlNode& map, std::string_view key, const std::string& path,
                       std::optional<double>& out) {
  const std::string at = FieldPath(path, key);
  const YamlNode node = map[std::string(key)];
  if (!node || node.IsNull()) return Status::Ok();
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::string text, Scalar(node, at));
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(value)) {
    return Error(node, at, ErrorCode::kType, "'" + at + "' must be a number");
  }
  out = value;
  return Status::Ok();
}

Status YamlDoc::DateField(const YamlNode& map, std::string_view key, const std::string& path,
                          std::optional<Date>& out, Need need) {
  const std::string at = FieldPath(path, key);
  const YamlNode node = map[std::string(key)];
  if (!node || node.IsNull()) {
    if (need == Need::kRequired) {
      return Error(map, at, ErrorCode::kMissingField, "'" + at + "' is required");
    }
    return Status::Ok();
  }
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::string text, Scalar(node, at));
  out = Date::Parse(text);
  if (!out) {
    return Error(node, at, ErrorCode::kInvalidValue,
                 "'" + text + "' is not a calendar date of the form YYYY-MM-DD");
  }
  return Status::Ok();
}

Status YamlDoc::FractionField(const YamlNode& map, std::string_view key, const std::string& path,
                              Fraction& out) {
  const std::string at = FieldPath(path, key);
  const YamlNode node = map[std::string(key)];
  if (!node || node.IsNull()) {
    return Error(map, at, ErrorCode::kMissingField, "'" + at + "' is required (e.g. 1/2)");
  }
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::string t, Scalar(node, at));
  const size_t slash = t.find('/');
  std::int64_t num = 0;
  std::int64_t den = 1;
  auto parse = [](std::string_view s, std::int64_t& v) {
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && ptr == s.data() + s.size() && !s.empty();
  };
  const bool ok = slash == std::string::npos
                      ? parse(t, num)
                      : parse(std::string_view(t).substr(0, slash), num) &&
                            parse(std::string_view(t).substr(slash + 1), den);
  if (!ok) {
    return Error(node, at, ErrorCode::kInvalidFraction,
                 "'" + t + "' is not a fraction of whole numbers such as 1/2 or 2/3");
  }
  out = Fraction{num, den};
  return Status::Ok();
}

}  // namespace whipcount::io
