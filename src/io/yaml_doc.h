// Strict, position-aware reading of YAML documents.
//
// YamlDoc reads a parsed document (yaml_tree.h) so that every value read is checked for type and
// range, every map is checked for unknown keys, and every error names file:line:column and the
// document path ("parties[3].seats"). Errors found later by the engine, which knows only paths,
// are placed by following their path through the document. A YamlDoc only reads its document:
// several threads may use one at once.
#ifndef WHIPCOUNT_IO_YAML_DOC_H_
#define WHIPCOUNT_IO_YAML_DOC_H_

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "io/yaml_tree.h"
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
  // Parses `text` (ParseYaml, with its limits); the file name is used in error locations only.
  static Result<YamlDoc> Parse(std::string_view text, std::string file);
  // A reader over `node`, the value at `path` in a document of `file` parsed before (a section
  // kept for later); errors carry the node's own lines and columns.
  static YamlDoc Of(YamlNode node, std::string file, std::string path);

  const YamlNode& root() const { return root_; }
  const std::string& file() const { return file_; }

  // An error at `node` (or, when it is no value, at the nearest value on `path`).
  Status Error(const YamlNode& node, const std::string& path, ErrorCode code,
               std::string message) const;
  // Fills in file/line/column for a status that carries only a path, using the position of
  // the value at the path or of its nearest ancestor in the document.
  Status Locate(Status status) const;

  // Checks that `node` is a map whose keys are all in `allowed`, with no key twice.
  Status ExpectMap(const YamlNode& node, const std::string& path,
                   std::initializer_list<std::string_view> allowed);
  Status ExpectList(const YamlNode& node, const std::string& path);

  // Field readers. A missing optional field leaves `out` untouched and returns ok.
  Status String(const YamlNode& map, std::string_view key, const std::string& path,
                std::string& out, Need need = Need::kOptional);
  Status Int(const YamlNode& map, std::string_view key, const std::string& path, int& out,
             Need need = Need::kOptional);
  Status OptionalInt(const YamlNode& map, std::string_view key, const std::string& path,
                     std::optional<int>& out);
  Status Bool(const YamlNode& map, std::string_view key, const std::string& path, bool& out);
  Status Number(const YamlNode& map, std::string_view key, const std::string& path,
                std::optional<double>& out);
  Status DateField(const YamlNode& map, std::string_view key, const std::string& path,
                   std::optional<Date>& out, Need need = Need::kOptional);
  Status FractionField(const YamlNode& map, std::string_view key, const std::string& path,
                       Fraction& out);

  // The scalar text of `node`, or a kType error.
  Result<std::string> Scalar(const YamlNode& node, const std::string& path);

  // Reads one of E's words (a name or an alias in its NameTable) into `out`; kInvalidValue
  // listing E's names ("'x' is not one of: fails, casting-vote") for any other text. Given
  // `allowed`, only those values are read and listed. A missing field leaves `out` untouched.
  template <typename E>
  Status Enum(const YamlNode& map, std::string_view key, const std::string& path, E& out,
              std::type_identity_t<std::span<const E>> allowed = {});
  // The same into an optional, which the field sets when present.
  template <typename E>
  Status Enum(const YamlNode& map, std::string_view key, const std::string& path,
              std::optional<E>& out);

 private:
  YamlDoc(YamlNode root, std::string file, std::string path)
      : root_(std::move(root)), file_(std::move(file)), root_path_(std::move(path)) {}

  // The value at `path` or its nearest ancestor in the document; no value when not even the
  // first step of the path is there.
  YamlNode Find(std::string_view path) const;

  // kInvalidValue at `node`: "'text' is not one of: a, b, c".
  Status NotOneOf(const YamlNode& node, const std::string& path, const std::string& text,
                  const std::vector<std::string_view>& names) const;

  YamlNode root_;
  std::string file_;
  std::string root_path_;  // the path of root_ in its document: "" or a section's key
};

template <typename E>
Status YamlDoc::Enum(const YamlNode& map, std::string_view key, const std::string& path, E& out,
                     std::type_identity_t<std::span<const E>> allowed) {
  const YamlNode node = map[key];
  if (!node) return Status::Ok();
  const std::string at = FieldPath(path, key);
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
Status YamlDoc::Enum(const YamlNode& map, std::string_view key, const std::string& path,
                     std::optional<E>& out) {
  if (!map[key]) return Status::Ok();
  E value{};
  WHIPCOUNT_RETURN_IF_ERROR(Enum(map, key, path, value));
  out = value;
  return Status::Ok();
}

}  // namespace whipcount::io

#endif  // WHIPCOUNT_IO_YAML_DOC_H_
