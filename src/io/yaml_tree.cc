#include "io/yaml_tree.h"

#include <yaml.h>

#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "io/text.h"

namespace whipcount::io {

enum class ValueKind : std::uint8_t { kNull, kScalar, kSequence, kMap };

struct YamlTree {
  // One value. A scalar's text is text[start, start + length); a sequence's items are
  // children[start, start + length); a map's entries are key, value pairs at
  // children[start, start + 2 * length).
  struct Value {
    std::uint32_t start = 0;
    std::uint32_t length = 0;
    std::int32_t line = 0;  // from 1
    std::int32_t column = 0;
    ValueKind kind = ValueKind::kNull;
    bool quoted = false;  // a scalar written in quotes or as a block, not plain
  };
  std::vector<Value> values;
  std::vector<std::uint32_t> children;
  std::string text;

  const Value& at(std::uint32_t i) const { return values[i]; }
  std::uint32_t child(const Value& v, std::size_t k) const { return children[v.start + k]; }
};

namespace {

// libyaml's parser over the caller's text (read where it lies, not copied), freed when done.
class LibYamlParser {
 public:
  explicit LibYamlParser(std::string_view text) {
    yaml_parser_initialize(&parser_);
    yaml_parser_set_input_string(&parser_, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
  }
  LibYamlParser(const LibYamlParser&) = delete;
  LibYamlParser& operator=(const LibYamlParser&) = delete;
  ~LibYamlParser() { yaml_parser_delete(&parser_); }

  yaml_parser_t* get() { return &parser_; }

 private:
  yaml_parser_t parser_{};
};

// One parser event, freed when done.
struct LibYamlEvent {
  LibYamlEvent() = default;
  LibYamlEvent(const LibYamlEvent&) = delete;
  LibYamlEvent& operator=(const LibYamlEvent&) = delete;
  ~LibYamlEvent() { yaml_event_delete(&event); }
  yaml_event_t event{};
};

std::string_view Text(const yaml_char_t* text, std::size_t length) {
  return {reinterpret_cast<const char*>(text), length};
}
std::string Name(const yaml_char_t* anchor) {
  return anchor == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(anchor));
}

// What YAML's core schema reads as null, when written plain and without a tag.
bool IsNull(const yaml_event_t& e) {
  if (e.data.scalar.style != YAML_PLAIN_SCALAR_STYLE || e.data.scalar.tag != nullptr) {
    return false;
  }
  const std::string_view v = Text(e.data.scalar.value, e.data.scalar.length);
  return v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL";
}

}  // namespace

// Builds a YamlTree from parser events, enforcing the limits of yaml_tree.h as it goes.
class YamlBuilder {
 public:
  explicit YamlBuilder(std::string file) : file_(std::move(file)) {}

  // The document read: its root, or no value when the text holds none.
  YamlNode Root() && {
    if (!root_) return YamlNode();
    return YamlNode(std::move(tree_), *root_);
  }

  Status On(const yaml_event_t& e) {
    const yaml_mark_t& mark = e.start_mark;
    switch (e.type) {
      case YAML_DOCUMENT_START_EVENT:
        if (documents_++ > 0) {
          return Refuse(mark, ErrorCode::kSyntax,
                        "a second YAML document ('---'); a whipcount file holds one");
        }
        return Status::Ok();
      case YAML_SCALAR_EVENT:
        return Scalar(e);
      case YAML_SEQUENCE_START_EVENT:
        return Open(mark, ValueKind::kSequence, Name(e.data.sequence_start.anchor));
      case YAML_MAPPING_START_EVENT:
        return Open(mark, ValueKind::kMap, Name(e.data.mapping_start.anchor));
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        Close();
        return Status::Ok();
      case YAML_ALIAS_EVENT:
        return Alias(mark, Name(e.data.alias.anchor));
      default:
        return Status::Ok();
    }
  }

 private:
  // A named value: where it is and what it weighs written out in full.
  struct Anchor {
    std::uint32_t value = 0;
    std::uint64_t weight = 0;
    bool open = false;  // still being read: an alias to it now would be a cycle
  };
  // A sequence or map being read: its children so far and their weight.
  struct Frame {
    std::uint32_t value = 0;
    std::string anchor;
    std::vector<std::uint32_t> children;
    std::uint64_t weight = 1;
  };

  Status Refuse(const yaml_mark_t& mark, ErrorCode code, std::string message) const {
    return Status(code, std::move(message),
                  {.file = file_,
                   .line = static_cast<int>(mark.line) + 1,
                   .column = static_cast<int>(mark.column) + 1});
  }

  std::uint32_t NewValue(const yaml_mark_t& mark, ValueKind kind) {
    tree_->values.push_back({.line = static_cast<std::int32_t>(mark.line) + 1,
                             .column = static_cast<std::int32_t>(mark.column) + 1,
                             .kind = kind});
    return static_cast<std::uint32_t>(tree_->values.size() - 1);
  }

  Status Scalar(const yaml_event_t& e) {
    const std::string anchor = Name(e.data.scalar.anchor);
    if (IsNull(e)) {
      expanded_ += 1;
      Finish(NewValue(e.start_mark, ValueKind::kNull), 1, anchor);
      return Status::Ok();
    }
    const std::string_view value = Text(e.data.scalar.value, e.data.scalar.length);
    // Escapes in quoted scalars ("\e", "\x80") can make what the check of the raw text did not
    // see.
    if (const std::optional<TextFault> fault = FindTextFault(value)) {
      return Refuse(e.start_mark, ErrorCode::kInvalidText, fault->what + " (written as an escape)");
    }
    const std::uint32_t index = NewValue(e.start_mark, ValueKind::kScalar);
    YamlTree::Value& v = tree_->values[index];
    v.start = static_cast<std::uint32_t>(tree_->text.size());
    v.length = static_cast<std::uint32_t>(value.size());
    v.quoted = e.data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
    tree_->text += value;
    expanded_ += 1 + value.size();
    Finish(index, 1 + value.size(), anchor);
    return Status::Ok();
  }

  Status Alias(const yaml_mark_t& mark, const std::string& name) {
    const auto found = anchors_.find(name);
    if (found == anchors_.end()) {  // libyaml refuses an undefined alias before this
      return Refuse(mark, ErrorCode::kSyntax, "alias *" + name + " names no anchor");
    }
    const Anchor& a = found->second;
    if (a.open) {
      return Refuse(mark, ErrorCode::kSyntax,
                    "alias *" + name + " is inside the value it names, which would never end");
    }
    expanded_ += a.weight;
    if (expanded_ > kMaxExpandedBytes) {
      return Refuse(mark, ErrorCode::kTooLarge,
                    "aliases expand the document past " + std::to_string(kMaxExpandedBytes >> 20) +
                        " MiB, the limit for a file (alias *" + name + ")");
    }
    Attach(a.value, a.weight);
    return Status::Ok();
  }

  Status Open(const yaml_mark_t& mark, ValueKind kind, std::string anchor) {
    if (static_cast<int>(stack_.size()) >= kMaxNesting) {
      return Refuse(mark, ErrorCode::kSyntax,
                    "values nest more than " + std::to_string(kMaxNesting) + " levels deep");
    }
    if (!anchor.empty()) anchors_[anchor] = {.open = true};
    expanded_ += 1;
    stack_.push_back({.value = NewValue(mark, kind), .anchor = std::move(anchor)});
    return Status::Ok();
  }

  void Close() {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    YamlTree::Value& v = tree_->values[frame.value];
    v.start = static_cast<std::uint32_t>(tree_->children.size());
    v.length = static_cast<std::uint32_t>(v.kind == ValueKind::kMap ? frame.children.size() / 2
                                                                    : frame.children.size());
    tree_->children.insert(tree_->children.end(), frame.children.begin(), frame.children.end());
    Finish(frame.value, frame.weight, frame.anchor);
  }

  // A value read in full: named by its anchor, if any, then placed.
  void Finish(std::uint32_t value, std::uint64_t weight, const std::string& anchor) {
    if (!anchor.empty()) anchors_[anchor] = {.value = value, .weight = weight};
    Attach(value, weight);
  }

  // Places a value: the document's root, or its parent's next child.
  void Attach(std::uint32_t value, std::uint64_t weight) {
    if (stack_.empty()) {
      root_ = value;
      return;
    }
    stack_.back().children.push_back(value);
    stack_.back().weight += weight;
  }

  std::string file_;
  std::shared_ptr<YamlTree> tree_ = std::make_shared<YamlTree>();
  std::optional<std::uint32_t> root_;
  std::vector<Frame> stack_;
  std::map<std::string, Anchor, std::less<>> anchors_;
  int documents_ = 0;
  std::uint64_t expanded_ = 0;  // the weight of the document so far, aliases written out
};

namespace {

// libyaml's account of why it stopped.
Status ParserError(const yaml_parser_t& parser, std::string_view text, const std::string& file) {
  const std::string problem = parser.problem != nullptr ? parser.problem : "unreadable";
  if (parser.error == YAML_READER_ERROR) {
    return PlaceInText(Status(ErrorCode::kInvalidText, problem), text, parser.problem_offset, file);
  }
  if (parser.error == YAML_MEMORY_ERROR) {
    return Status(ErrorCode::kTooLarge, "out of memory reading the YAML", {.file = file});
  }
  std::string message = "malformed YAML: " + problem;
  if (parser.context != nullptr) {
    message += std::string(" ") + parser.context + " that starts at line " +
               std::to_string(parser.context_mark.line + 1);
  }
  return Status(ErrorCode::kSyntax, message,
                {.file = file,
                 .line = static_cast<int>(parser.problem_mark.line) + 1,
                 .column = static_cast<int>(parser.problem_mark.column) + 1});
}

}  // namespace

Result<YamlNode> ParseYaml(std::string_view text, const std::string& file) {
  WHIPCOUNT_RETURN_IF_ERROR(CheckText(text, file));
  LibYamlParser parser(text);
  YamlBuilder builder(file);
  while (true) {
    LibYamlEvent e;
    if (yaml_parser_parse(parser.get(), &e.event) == 0) {
      return ParserError(*parser.get(), text, file);
    }
    if (e.event.type == YAML_STREAM_END_EVENT) break;
    WHIPCOUNT_RETURN_IF_ERROR(builder.On(e.event));
  }
  YamlNode root = std::move(builder).Root();
  if (!root || root.IsNull()) {
    return Status(ErrorCode::kSyntax, "the document is empty", {.file = file, .line = 1});
  }
  return root;
}

// --- YamlNode ------------------------------------------------------------------------------------

bool YamlNode::IsNull() const { return tree_ && tree_->at(index_).kind == ValueKind::kNull; }
bool YamlNode::IsScalar() const { return tree_ && tree_->at(index_).kind == ValueKind::kScalar; }
bool YamlNode::IsQuoted() const { return IsScalar() && tree_->at(index_).quoted; }
bool YamlNode::IsSequence() const {
  return tree_ && tree_->at(index_).kind == ValueKind::kSequence;
}
bool YamlNode::IsMap() const { return tree_ && tree_->at(index_).kind == ValueKind::kMap; }

std::string_view YamlNode::Scalar() const {
  if (!IsScalar()) return {};
  const YamlTree::Value& v = tree_->at(index_);
  return std::string_view(tree_->text).substr(v.start, v.length);
}

int YamlNode::line() const { return tree_ ? tree_->at(index_).line : 0; }
int YamlNode::column() const { return tree_ ? tree_->at(index_).column : 0; }

std::size_t YamlNode::size() const {
  return IsSequence() || IsMap() ? tree_->at(index_).length : 0;
}

YamlNode YamlNode::operator[](std::size_t i) const {
  if (!IsSequence() || i >= size()) return YamlNode();
  return YamlNode(tree_, tree_->child(tree_->at(index_), i));
}

YamlNode YamlNode::operator[](std::string_view key) const {
  if (!IsMap()) return YamlNode();
  const YamlTree::Value& v = tree_->at(index_);
  for (std::size_t k = 0; k < v.length; ++k) {
    const YamlNode candidate(tree_, tree_->child(v, 2 * k));
    if (candidate.IsScalar() && candidate.Scalar() == key) {
      return YamlNode(tree_, tree_->child(v, 2 * k + 1));
    }
  }
  return YamlNode();
}

YamlNode::Entries YamlNode::entries() const { return Entries(*this); }

YamlNode::Entry YamlNode::Entries::Iterator::operator*() const {
  const YamlTree& tree = *map_->tree_;
  const YamlTree::Value& v = tree.at(map_->index_);
  return Entry{.key = YamlNode(map_->tree_, tree.child(v, 2 * i_)),
               .value = YamlNode(map_->tree_, tree.child(v, 2 * i_ + 1))};
}

namespace {

// Copies value `from` of `source`, and what it holds, into `target`; a value shared (by an alias)
// is copied once and stays shared. Returns its index in `target`.
std::uint32_t CopyValue(const YamlTree& source, std::uint32_t from, YamlTree& target,
                        std::map<std::uint32_t, std::uint32_t>& copied) {
  if (auto it = copied.find(from); it != copied.end()) return it->second;
  YamlTree::Value v = source.at(from);
  std::vector<std::uint32_t> children;
  if (v.kind == ValueKind::kScalar) {
    const std::uint32_t start = static_cast<std::uint32_t>(target.text.size());
    target.text.append(source.text, v.start, v.length);
    v.start = start;
  } else if (v.kind != ValueKind::kNull) {
    const std::size_t count = v.kind == ValueKind::kMap ? 2 * v.length : v.length;
    for (std::size_t k = 0; k < count; ++k) {
      children.push_back(CopyValue(source, source.child(v, k), target, copied));
    }
    v.start = static_cast<std::uint32_t>(target.children.size());
    target.children.insert(target.children.end(), children.begin(), children.end());
  }
  target.values.push_back(v);
  const std::uint32_t index = static_cast<std::uint32_t>(target.values.size() - 1);
  copied.emplace(from, index);
  return index;
}

}  // namespace

YamlNode YamlNode::Detached() const {
  if (!tree_) return YamlNode();
  auto tree = std::make_shared<YamlTree>();
  std::map<std::uint32_t, std::uint32_t> copied;
  const std::uint32_t root = CopyValue(*tree_, index_, *tree, copied);
  return YamlNode(std::move(tree), root);
}

}  // namespace whipcount::io
