#include "io/yaml_doc.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "whipcount/names.h"

namespace whipcount::io {
namespace {

// yaml-cpp recurses once per nesting level; a hostile file of a million '[' would exhaust the
// stack. Real chamber files nest a handful of levels, so anything deeper is refused up front.
constexpr int kMaxNesting = 64;

std::optional<Status> CheckNesting(std::string_view text, const std::string& file) {
  int depth = 0;
  int line = 1;
  char quote = 0;
  bool comment = false;
  for (char c : text) {
    if (c == '\n') {
      ++line;
      comment = false;
      if (quote == 0) depth = depth > 0 ? depth : 0;
      continue;
    }
    if (comment) continue;
    if (quote != 0) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '#') comment = true;
    if (c == '"' || c == '\'') quote = c;
    if (c == '[' || c == '{') {
      if (++depth > kMaxNesting) {
        return Status(ErrorCode::kSyntax,
                      "brackets nest more than " + std::to_string(kMaxNesting) + " levels deep",
                      {.file = file, .line = line});
      }
    }
    if ((c == ']' || c == '}') && depth > 0) --depth;
  }
  return std::nullopt;
}

// "unknown key 'x' in motion; expected one of: a, b, c"
std::string UnknownKey(const std::string& key, const std::string& path,
                       std::initializer_list<std::string_view> allowed) {
  return "unknown key '" + key + "'" + (path.empty() ? "" : " in " + path) +
         "; expected one of: " + JoinWords(allowed, "");
}

Location At(const std::string& file, const YAML::Mark& mark, const std::string& path) {
  Location loc{.file = file, .path = path};
  if (mark.line >= 0) {
    loc.line = mark.line + 1;
    loc.column = mark.column + 1;
  }
  return loc;
}

}  // namespace

Result<YamlDoc> YamlDoc::Parse(std::string_view text, std::string file) {
  if (auto deep = CheckNesting(text, file)) return *deep;
  try {
    YAML::Node root = YAML::Load(std::string(text));
    if (!root.IsDefined() || root.IsNull()) {
      return Status(ErrorCode::kSyntax, "the document is empty", {.file = file, .line = 1});
    }
    return YamlDoc(root, std::move(file));
  } catch (const YAML::Exception& e) {
    return Status(ErrorCode::kSyntax, "malformed YAML: " + e.msg, At(file, e.mark, ""));
  }
}

YamlDoc YamlDoc::Of(const YAML::Node& node, std::string file) {
  return YamlDoc(node, std::move(file));
}

const YAML::Node& YamlDoc::Visit(const YAML::Node& node, const std::string& path) {
  marks_.insert_or_assign(path, node.Mark());
  return node;
}

Status YamlDoc::Error(const YAML::Node& node, const std::string& path, ErrorCode code,
                      std::string message) {
  Visit(node, path);
  return Status(code, std::move(message), At(file_, node.Mark(), path));
}

Status YamlDoc::Locate(Status status) const {
  if (status.ok()) return status;
  Location& where = status.mutable_where();
  if (where.file.empty()) where.file = file_;
  if (where.line > 0) return status;
  std::string path = where.path;
  while (!path.empty()) {
    if (auto it = marks_.find(path); it != marks_.end() && it->second.line >= 0) {
      where.line = it->second.line + 1;
      where.column = it->second.column + 1;
      return status;
    }
    const size_t cut = path.find_last_of(".[");
    path.resize(cut == std::string::npos ? 0 : cut);
  }
  return status;
}

Status YamlDoc::ExpectMap(const YAML::Node& node, const std::string& path,
                          std::initializer_list<std::string_view> allowed) {
  Visit(node, path);
  if (!node.IsMap()) {
    return Error(node, path, ErrorCode::kType,
                 (path.empty() ? std::string("the document") : "'" + path + "'") +
                     " must be a map of keys to values");
  }
  std::set<std::string> seen;
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string key = it->first.IsScalar() ? it->first.Scalar() : "";
    const std::string at = FieldPath(path, key);
    if (!seen.insert(key).second) {
      return Error(it->first, at, ErrorCode::kSyntax, "key '" + key + "' appears twice");
    }
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      return Error(it->first, at, ErrorCode::kUnknownField, UnknownKey(key, path, allowed));
    }
    Visit(it->second, at);
  }
  return Status::Ok();
}

Status YamlDoc::ExpectList(const YAML::Node& node, const std::string& path) {
  Visit(node, path);
  if (!node.IsSequence()) {
    return Error(node, path, ErrorCode::kType, "'" + path + "' must be a list");
  }
  return Status::Ok();
}

Result<std::string> YamlDoc::Scalar(const YAML::Node& node, const std::string& path) {
  Visit(node, path);
  if (!node.IsScalar()) {
    return Error(node, path, ErrorCode::kType, "'" + path + "' must be a single value");
  }
  return node.Scalar();
}

Status YamlDoc::NotOneOf(const YAML::Node& node, const std::string& path, const std::string& text,
                         const std::vector<std::string_view>& names) {
  return Error(node, path, ErrorCode::kInvalidValue,
               "'" + text + "' is not one of: " + JoinWords(names, ""));
}

Status YamlDoc::String(const YAML::Node& map, std::string_view key, const std::string& path,
                       std::string& out, Need need) {
  const std::string at = FieldPath(path, key);
  const YAML::Node node = map[std::string(key)];
  if (!node || node.IsNull()) {
    if (need == Need::kRequired) {
      return Error(map, at, ErrorCode::kMissingField, "'" + at + "' is required");
    }
    return Status::Ok();
  }
  WHIPCOUNT_ASSIGN_OR_RETURN(out, Scalar(node, at));
  return Status::Ok();
}

Status YamlDoc::Int(const YAML::Node& map, std::string_view key, const std::string& path, int& out,
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

Status YamlDoc::OptionalInt(const YAML::Node& map, std::string_view key, const std::string& path,
                            std::optional<int>& out) {
  const std::string at = FieldPath(path, key);
  const YAML::Node node = map[std::string(key)];
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

Status YamlDoc::Bool(const YAML::Node& map, std::string_view key, const std::string& path,
                     bool& out) {
  const std::string at = FieldPath(path, key);
  const YAML::Node node = map[std::string(key)];
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

Status YamlDoc::Number(const YAML::Node& map, std::string_view key, const std::string& path,
                       std::optional<double>& out) {
  const std::string at = FieldPath(path, key);
  const YAML::Node node = map[std::string(key)];
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

Status YamlDoc::DateField(const YAML::Node& map, std::string_view key, const std::string& path,
                          std::optional<Date>& out, Need need) {
  const std::string at = FieldPath(path, key);
  const YAML::Node node = map[std::string(key)];
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

Status YamlDoc::FractionField(const YAML::Node& map, std::string_view key, const std::string& path,
                              Fraction& out) {
  const std::string at = FieldPath(path, key);
  const YAML::Node node = map[std::string(key)];
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
