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

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "whipcount/date.h"
#include "whipcount/motion.h"
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

  // Parses one scalar into an enum through `parse`, listing `choices` in the error.
  template <typename E, typename Parser>
  Status Enum(const YAML::Node& map, std::string_view key, const std::string& path, E& out,
              Parser parse, std::string_view choices) {
    const YAML::Node node = map[std::string(key)];
    if (!node) return Status::Ok();
    const std::string at = path + "." + std::string(key);
    Result<std::string> text = Scalar(node, at);
    if (!text.ok()) return text.status();
    auto value = parse(*text);
    if (!value) {
      return Error(node, at, ErrorCode::kInvalidValue,
                   "'" + *text + "' is not one of: " + std::string(choices));
    }
    out = *value;
    return Status::Ok();
  }

 private:
  YamlDoc(const YAML::Node& root, std::string file) : root_(root), file_(std::move(file)) {}

  YAML::Node root_;
  std::string file_;
  std::map<std::string, YAML::Mark, std::less<>> marks_;
};

}  // namespace whipcount::io

#endif  // WHIPCOUNT_IO_YAML_DOC_H_
