// A parsed YAML document as a compact, read-only tree of values, built from libyaml's parser
// events.
//
// Why not yaml-cpp (which whipcount used before issue 18): its YAML::Node costs about 470 bytes
// a value, and its scanner holds every token of a flow collection that could be a key (any `[` or
// `{` at the start of a line) until the collection ends, about 140 bytes a token: a file of
// `[a,a,…]` took 137 bytes of memory per byte of text. libyaml streams with a bounded window
// (a key is at most 1024 characters, as the YAML spec says) and never recurses. Here a value
// costs 20 bytes, 4 more for each place it is a child, and its scalar's text. An alias is a
// second reference to the value it names, never a copy.
//
// Reading a file cannot take more than these limits, each refused with file:line:column:
//   - the text and every scalar (escapes decoded) is UTF-8 without control characters: E106;
//   - values nest at most kMaxNesting levels (block or flow): E101 at the value that goes deeper;
//   - the document with each alias written out in full weighs at most kMaxExpandedBytes (a value
//     weighs one plus its scalar's bytes): E211 at the alias that goes past;
//   - an alias inside the value it names (a cycle): E101 at the alias;
//   - one document per file: E101 at the second.
//
// A tree never changes once built, and YamlNode handles share its ownership: a handle can be kept
// after the parse, copied, and read from several threads at once.
#ifndef WHIPCOUNT_IO_YAML_TREE_H_
#define WHIPCOUNT_IO_YAML_TREE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "io/file.h"
#include "whipcount/result.h"

namespace whipcount::io {

// How deep values may nest: real files nest a handful of levels.
inline constexpr int kMaxNesting = 64;
// What a document's aliases may expand it to: what a file without aliases may hold.
inline constexpr std::uint64_t kMaxExpandedBytes = kMaxFileBytes;

struct YamlTree;

// One value of a document (a scalar, a null, a sequence or a map) or none, as a missing key or an
// index past the end gives. Cheap to copy.
class YamlNode {
 public:
  struct Entry;
  class Entries;

  YamlNode() = default;  // no value

  bool IsDefined() const { return tree_ != nullptr; }
  explicit operator bool() const { return IsDefined(); }
  bool IsNull() const;
  bool IsScalar() const;
  // A scalar written in quotes or as a block (|, >), which YAML never reads as a number or a
  // boolean; the readers here look at the text alone, but a conversion to JSON must not.
  bool IsQuoted() const;
  bool IsSequence() const;
  bool IsMap() const;

  // A scalar's text; empty for any other value.
  std::string_view Scalar() const;
  // Where the value starts in the text, counting from 1 (columns in bytes); 0 for no value.
  int line() const;
  int column() const;

  // The items of a sequence or the entries of a map; 0 for any other value.
  std::size_t size() const;
  // A sequence's item; no value past the end or for anything but a sequence.
  YamlNode operator[](std::size_t i) const;
  // The value of a map's first entry whose key is the scalar `key`; no value when there is none
  // or for anything but a map.
  YamlNode operator[](std::string_view key) const;
  YamlNode operator[](const char* key) const { return (*this)[std::string_view(key)]; }
  YamlNode operator[](const std::string& key) const { return (*this)[std::string_view(key)]; }
  // A map's entries in the order written (keys may repeat; ExpectMap refuses that); none for
  // anything but a map.
  Entries entries() const;

  // This value in a tree of its own, so that keeping it does not keep the whole document.
  YamlNode Detached() const;

 private:
  friend class YamlBuilder;
  YamlNode(std::shared_ptr<const YamlTree> tree, std::uint32_t index)
      : tree_(std::move(tree)), index_(index) {}

  std::shared_ptr<const YamlTree> tree_;
  std::uint32_t index_ = 0;
};

struct YamlNode::Entry {
  YamlNode key;
  YamlNode value;
};

// A map's entries, for a range-for: `for (const YamlNode::Entry& e : node.entries())`.
class YamlNode::Entries {
 public:
  class Iterator {
   public:
    Iterator(const YamlNode* map, std::size_t i) : map_(map), i_(i) {}
    Entry operator*() const;
    Iterator& operator++() {
      ++i_;
      return *this;
    }
    bool operator!=(const Iterator& other) const { return i_ != other.i_; }

   private:
    const YamlNode* map_;
    std::size_t i_;
  };
  explicit Entries(YamlNode map) : map_(std::move(map)) {}
  Iterator begin() const { return Iterator(&map_, 0); }
  Iterator end() const { return Iterator(&map_, map_.IsMap() ? map_.size() : 0); }

 private:
  YamlNode map_;
};

// Parses the one document in `text`; `file` names it in errors. Errors, each with file:line:column:
// E106 text that is not UTF-8 or holds control characters, E101 malformed YAML, nesting past
// kMaxNesting, an alias inside what it names, a second document or none, E211 aliases expanding
// the document past kMaxExpandedBytes.
Result<YamlNode> ParseYaml(std::string_view text, const std::string& file);

}  // namespace whipcount::io

#endif  // WHIPCOUNT_IO_YAML_TREE_H_
