#include "io/chamber_json.h"

#include <cctype>
#include <charconv>
#include <cstdint>
#include <utility>

#include "io/chamber_file.h"
#include "io/json_out.h"
#include "io/shipped.h"

namespace whipcount::io {
namespace {

using Json = nlohmann::ordered_json;

// "342" or "-5", but not "0342", "+5", "-0" or a number too long for an exact double.
bool IsCanonicalInteger(std::string_view s) {
  const size_t digits_from = !s.empty() && s.front() == '-' ? 1 : 0;
  const std::string_view digits = s.substr(digits_from);
  if (digits.empty() || digits.size() > 15) return false;
  if (digits.front() == '0' && (digits.size() > 1 || digits_from == 1)) return false;
  for (const char c : digits) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

Json ScalarToJson(std::string_view text) {
  if (IsCanonicalInteger(text)) {
    std::int64_t n = 0;
    std::from_chars(text.data(), text.data() + text.size(), n);
    return n;
  }
  if (text == "true") return true;
  if (text == "false") return false;
  return std::string(text);
}

// The YAML file at `path` (a rulebook, an events file), read through `loader`, as JSON.
Result<Json> ReadYamlAsJson(const std::string& path, const FileLoader& loader) {
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::string text, loader(path));
  WHIPCOUNT_ASSIGN_OR_RETURN(const YamlNode root, ParseYaml(text, path));
  return YamlToJson(root);
}

// Adds the events file's sources to the document's (a source both give the same way is kept
// once) and returns its events.
Result<Json> MergeEventsFile(Json events_file, Json& document) {
  Json& sources = document["sources"];
  if (sources.is_null()) sources = Json::array();
  Json more_sources = events_file.contains("sources") ? std::move(events_file["sources"]) : Json();
  for (Json& source : more_sources) {
    bool same_there = false;
    for (const Json& kept : sources) {
      if (kept.value("id", "") != source.value("id", "")) continue;
      if (kept != source) {
        return Status(ErrorCode::kDuplicateId,
                      "source '" + kept.value("id", "") +
                          "' is written differently in the chamber file and in its events file, "
                          "so they cannot be joined into one document: give one of them a new id");
      }
      same_there = true;
    }
    if (!same_there) sources.push_back(std::move(source));
  }
  return events_file.contains("events") ? std::move(events_file["events"]) : Json::array();
}

bool IsPlainSafe(std::string_view s) {
  if (s.empty() || s.back() == ' ') return false;
  const auto first = static_cast<unsigned char>(s.front());
  if (!(std::isalnum(first) != 0 || first >= 0x80)) return false;
  if (IsCanonicalInteger(s) || s == "true" || s == "false" || s == "null" || s == "Null" ||
      s == "NULL" || s == "~") {
    return false;
  }
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) != 0 || c >= 0x80) continue;
    if (std::string_view(" _.-/()',;").find(ch) == std::string_view::npos) return false;
  }
  return true;
}

std::string YamlScalar(const Json& value) {
  if (value.is_string()) {
    const std::string& s = value.get_ref<const std::string&>();
    if (IsPlainSafe(s)) return s;
  }
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// `text` broken between words into lines of at most `width` bytes (a longer word stands alone).
std::vector<std::string> WrapWords(std::string_view text, size_t width) {
  std::vector<std::string> lines;
  std::string line;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t end = std::min(text.find(' ', pos), text.size());
    const std::string_view word = text.substr(pos, end - pos);
    pos = end + 1;
    if (word.empty()) continue;
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      lines.push_back(std::move(line));
      line.clear();
    }
    line += (line.empty() ? "" : " ") + std::string(word);
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

// A scalar inside a flow map ("{id: SPD, seats: 206}"), where a comma would end it.
std::string FlowScalar(const Json& value) {
  if (value.is_string() && value.get_ref<const std::string&>().find(',') != std::string::npos) {
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
  }
  return YamlScalar(value);
}

// A map of scalars (and lists of scalars) on one line: "{id: SPD, seats: 206}".
std::string FlowMap(const Json& map) {
  std::string out = "{";
  for (const auto& [key, item] : map.items()) {
    if (out.size() > 1) out += ", ";
    out += YamlScalar(Json(key)) + ": ";
    if (item.is_array()) {
      std::string list;
      for (const Json& x : item) list += (list.empty() ? "" : ", ") + FlowScalar(x);
      out += "[" + list + "]";
    } else {
      out += FlowScalar(item);
    }
  }
  return out + "}";
}

bool IsEmptyContainer(const Json& value) {
  return (value.is_object() || value.is_array()) && value.empty();
}

void EmitYaml(const Json& value, size_t indent, std::string& out);

// "- " in place of the first item's indent, so that a map's first key sits on the dash's line.
void EmitListItem(const Json& item, size_t indent, std::string& out) {
  const std::string pad(indent, ' ');
  if (!item.is_object() && !item.is_array()) {
    out += pad + "- " + YamlScalar(item) + "\n";
    return;
  }
  if (IsEmptyContainer(item)) {
    out += pad + "- " + (item.is_object() ? "{}" : "[]") + "\n";
    return;
  }
  std::string nested;
  EmitYaml(item, indent + 2, nested);
  nested.replace(0, indent + 2, pad + "- ");
  out += nested;
}

void EmitYaml(const Json& value, size_t indent, std::string& out) {
  const std::string pad(indent, ' ');
  if (value.is_array()) {
    for (const Json& item : value) EmitListItem(item, indent, out);
    return;
  }
  for (const auto& [key, item] : value.items()) {
    out += pad + YamlScalar(Json(key)) + ":";
    if (IsEmptyContainer(item)) {
      out += item.is_object() ? " {}\n" : " []\n";
    } else if (item.is_object()) {
      out += "\n";
      EmitYaml(item, indent + 2, out);
    } else if (item.is_array()) {
      out += "\n";
      EmitYaml(item, indent, out);
    } else {
      out += " " + YamlScalar(item) + "\n";
    }
  }
}

}  // namespace

Json YamlToJson(const YamlNode& node) {
  if (node.IsMap()) {
    Json out = Json::object();
    for (const YamlNode::Entry& e : node.entries())
      out[std::string(e.key.Scalar())] = YamlToJson(e.value);
    return out;
  }
  if (node.IsSequence()) {
    Json out = Json::array();
    for (size_t i = 0; i < node.size(); ++i) out.push_back(YamlToJson(node[i]));
    return out;
  }
  if (!node || node.IsNull()) return nullptr;
  if (node.IsQuoted()) return std::string(node.Scalar());
  return ScalarToJson(node.Scalar());
}

Result<StandaloneChamber> ReadStandaloneChamber(std::string_view text, const std::string& file,
                                                const FileLoader& loader) {
  WHIPCOUNT_RETURN_IF_ERROR(ParseChamberFile(text, file, loader).status());
  WHIPCOUNT_ASSIGN_OR_RETURN(const YamlNode root, ParseYaml(text, file));
  Json document = Json::object();
  document["format"] = "whipcount/1";
  Json read = YamlToJson(root);
  for (auto it = read.begin(); it != read.end(); ++it) document[it.key()] = std::move(it.value());
  if (document.contains("rulebook") && document["rulebook"].is_string()) {
    WHIPCOUNT_ASSIGN_OR_RETURN(const std::string path,
                               RulebookPath(file, document["rulebook"].get<std::string>()));
    WHIPCOUNT_ASSIGN_OR_RETURN(document["rulebook"], ReadYamlAsJson(path, loader));
  }
  StandaloneChamber out;
  if (document.contains("events")) {
    for (Json& event : document["events"]) out.events.push_back(std::move(event));
    document.erase("events");
  }
  if (document.contains("events_file")) {
    WHIPCOUNT_ASSIGN_OR_RETURN(
        Json events_file,
        ReadYamlAsJson(ResolveRelative(file, document["events_file"].get<std::string>()), loader));
    document.erase("events_file");
    WHIPCOUNT_ASSIGN_OR_RETURN(Json more, MergeEventsFile(std::move(events_file), document));
    for (Json& event : more) out.events.push_back(std::move(event));
  }
  out.document = std::move(document);
  return out;
}

Json WithEvents(Json document, const std::vector<Json>& events) {
  Json& list = document["events"];
  list = Json::array();
  for (const Json& event : events) list.push_back(event);
  return document;
}

std::string JsonToYaml(const Json& document) {
  std::string out;
  if (IsEmptyContainer(document) || (!document.is_object() && !document.is_array())) {
    return YamlScalar(document) + "\n";
  }
  EmitYaml(document, 0, out);
  return out;
}

std::string JsonToEditableYaml(const std::vector<std::string>& header, const Json& document,
                               const std::vector<std::string>& party_comments) {
  std::string out;
  for (const std::string& line : header) {
    if (line.empty()) out += "#\n";
    for (const std::string& part : WrapWords(line, 96)) out += "# " + part + "\n";
  }
  if (!header.empty()) out += "\n";
  for (const auto& [key, value] : document.items()) {
    const bool rows = (key == "parties" || key == "members") && value.is_array() && !value.empty();
    if (key == "blocs" && value.is_array() && !value.empty()) {
      // Each bloc as a block map, its lists of ids on one line: "parties: [SPD, FDP]".
      out += "\nblocs:\n";
      for (const Json& bloc : value) {
        std::string prefix = "  - ";
        for (const auto& [field, item] : bloc.items()) {
          out += prefix + YamlScalar(Json(field)) + ": ";
          if (item.is_array()) {
            std::string list;
            for (const Json& x : item) list += (list.empty() ? "" : ", ") + FlowScalar(x);
            out += "[" + list + "]\n";
          } else {
            out += YamlScalar(item) + "\n";
          }
          prefix = "    ";
        }
      }
      continue;
    }
    if (!rows) {
      if (key == "parties" || key == "blocs" || key == "rulebook" || key == "motion") out += "\n";
      out += JsonToYaml(Json{{key, value}});
      continue;
    }
    out += "\n" + key + ":\n";
    for (size_t i = 0; i < value.size(); ++i) {
      out += "  - " + FlowMap(value[i]);
      if (key == "parties" && i < party_comments.size() && !party_comments[i].empty()) {
        out += "  # " + party_comments[i];
      }
      out += "\n";
    }
  }
  return out;
}

}  // namespace whipcount::io
