// Strict, position-aware reading of YAML documents.
//
// YamlDoc wraps yaml-cpp so that every value read is checked for type and range, every map is
// checked for unknown keys, and every error names file:line:column and the document path
// ("parties[3].seats"). It remembers where each path it visited sits in the text, so errors
// found later by the engine (which knows only paths) can be placed too. Not thread-safe; one
// YamlDoc per document being read.
#ifndef WHIPCOUNT_IO_YAML_DOC_H_
#define WHIPCOUNT_IO_YAML_DOC_H_

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "whipcount/date.h"
#include "whipcount/motion.h"
#include "whipcount/names.h"
#include "whipcount/result.h"

namespace whipcount::io {

// Largest seat count or integer a file may hold; larger values are rejected, never wrapped.
inline constexpr std::int64_t kMaxCount = 10'000'000;

// Whether a field must be present.
enum class Need { kOptional, kRequired };

class YamlDoc {
 public:
  // Parses `text`; the file name is used in error locations only.
  static Result<YamlDoc> Parse(std::string_view text, std::string file);
  // A reader over `node`, part of a document of `file` parsed before (a section kept for later);
  // errors carry the node's own lines and columns.
  static YamlDoc Of(const YAML::Node& node, std::string file);

  const YAML::Node& root() const { return root_; }
  const std::string& file() const { return file_; }

  // An error at `node` (recording its position under `path`).
  Status Error(const YAML::Node& node, const std::string& path, ErrorCode code,
               std::string message);
  // Fills in file/line/column for a status that carries only a path, using the position of
  // the path or its nearest recorded ancestor.
  Status Locate(Status status) const;

  // Records `node` under `path`; returns it for chaining.
  const YAML::Node& Visit(const YAML::Node& node, const std::string& path);

  // Checks that `node` is a map whose keys are all in `allowed`, with no key twice.
  Status ExpectMap(const YAML::Node& node, const std::string& path,
                   std::initializer_list<std::string_view> allowed);
  Status ExpectList(const YAML::Node& node, const std::string& path);

  // Field readers. A missing optional field leaves `out` untouched and returns ok.
  Status String(const YAML::Node& map, std::string_view key, const std::string& path,
                std::string& out, Need need = Need::kOptional);
  Status Int(const YAML::Node& map, std::string_view key, const std::string& path, int& out,
             Need need = Need::kOptional);
  Status OptionalInt(const YAML::Node& map, std::string_view key, const std::string& path,
                     std::optional<int>& out);
  Status Bool(const YAML::Node& map, std::string_view key, const std::string& path, bool& out);
  Status Number(const YAML::Node& map, std::string_view key, const std::string& path,
                std::optional<double>& out);
  Status DateField(const YAML::Node& map, std::string_view key, const std::string& path,
                   std::optional<Date>& out, Need need = Need::kOptional);
  Status FractionField(const YAML::Node& map, std::string_view key, const std::string& path,
                       Fraction& out);

  // The scalar text of `node`, or a kType error.
  Result<std::string> Scalar(const YAML::Node& node, const std::string& path);

  // Reads one of E's words (a name or an alias in its NameTable) into `out`; kInvalidValue
  // listing E's names ("'x' is not one of: fails, casting-vote") for any other text. Given
  // `allowed`, only those values are read and listed. A missing field leaves `out` untouched.
  template <typename E>
  Status Enum(const YAML::Node& map, std::string_view key, const std::string& path, E& out,
              std::type_identity_t<std::span<const E>> allowed = {});
  // The same into an optional, which the field sets when present.
  template <typename E>
  Status Enum(const YAML::Node& map, std::string_view key, const std::string& path,
              std::optional<E>& out);

 private:
  YamlDoc(const YAML::Node& root, std::string file) : root_(root), file_(std::move(file)) {}

  // kInvalidValue at `node`: "'text' is not one of: a, b, c".
  Status NotOneOf(const YAML::Node& node, const std::string& path, const std::string& text,
                  const std::vector<std::string_view>& names);

  YAML::Node root_;
  std::string file_;
  std::map<std::string, YAML::Mark, std::less<>> marks_;
};

template <typename E>
Status YamlDoc::Enum(const YAML::Node& map, std::string_view key, const std::string& path, E& out,
                     std::type_identity_t<std::span<const E>> allowed) {
  const YAML::Node node = map[std::string(key)];
  if (!node) return Status::Ok();
  const std::string at = path + "." + std::string(key);
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::string text, Scalar(node, at));
  const std::optional<E> value = ParseEnum<E>(text);
  if (allowed.empty()) {
    if (!value) return NotOneOf(node, at, text, EnumNames<E>());
  } else if (!value || std::find(allowed.begin(), allowed.end(), *value) == allowed.end()) {
    std::vector<std::string_view> names;
    for (E e : allowed) names.push_back(EnumName(e));
    return NotOneOf(node, at, text, names);
  }
  out = *value;
  return Status::Ok();
}

template <typename E>
Status YamlDoc::Enum(const YAML::Node& map, std::string_view key, const std::string& path,
                     std::optional<E>& out) {
  if (!map[std::string(key)]) return Status::Ok();
  E value{};
  WHIPCOUNT_RETURN_IF_ERROR(Enum(map, key, path, value));
  out = value;
  return Status::Ok();
}

}  // namespace whipcount::io

#endif  // WHIPCOUNT_IO_YAML_DOC_H_
