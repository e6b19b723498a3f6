#include "io/csv.h"

#include <algorithm>

#include "io/text.h"

namespace whipcount::io {
namespace {

// Reads one record from `text` at `pos` (which it moves past the record's line end), counting
// the lines it crosses in `line`.
class RecordReader {
 public:
  RecordReader(std::string_view text, const std::string& file) : text_(text), file_(file) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  }

  bool AtEnd() const { return pos_ >= text_.size(); }
  int line() const { return line_; }

  // The next record; an empty vector for a blank line.
  Result<std::vector<std::string>> Next() {
    std::vector<std::string> fields;
    if (AtLineEnd()) {
      SkipLineEnd();
      return fields;
    }
    while (true) {
      std::string field;
      if (pos_ < text_.size() && text_[pos_] == '"') {
        WHIPCOUNT_RETURN_IF_ERROR(Quoted(field));
      } else {
        while (pos_ < text_.size() && text_[pos_] != ',' && !AtLineEnd()) field += text_[pos_++];
      }
      fields.push_back(std::move(field));
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      SkipLineEnd();
      return fields;
    }
  }

 private:
  bool AtLineEnd() const {
    return pos_ >= text_.size() || text_[pos_] == '\n' ||
           (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n');
  }
  void SkipLineEnd() {
    if (pos_ < text_.size() && text_[pos_] == '\r') ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
    ++line_;
  }
  Status Quoted(std::string& field) {
    const int start = line_;
    ++pos_;
    while (true) {
      if (pos_ >= text_.size()) {
        return Status(ErrorCode::kSyntax,
                      "a quoted field that starts here is never closed; end it with '\"'",
                      {.file = file_, .line = start});
      }
      const char c = text_[pos_++];
      if (c == '"') {
        if (pos_ < text_.size() && text_[pos_] == '"') {
          field += '"';
          ++pos_;
          continue;
        }
        if (pos_ < text_.size() && text_[pos_] != ',' && !AtLineEnd()) {
          return Status(ErrorCode::kSyntax,
                        "text after a closing quote; a quote inside a quoted field is written "
                        "twice (\"\")",
                        {.file = file_, .line = line_});
        }
        return Status::Ok();
      }
      if (c == '\n') ++line_;
      field += c;
    }
  }

  std::string_view text_;
  const std::string& file_;
  size_t pos_ = 0;
  int line_ = 1;
};

}  // namespace

std::string CsvRow(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    const std::string& f = fields[i];
    if (f.find_first_of(",\"\n\r") == std::string::npos) {
      out += f;
      continue;
    }
    out += '"';
    for (char c : f) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  return out + "\n";
}

std::optional<size_t> CsvTable::Column(std::string_view name) const {
  const auto it = std::find(header.begin(), header.end(), name);
  if (it == header.end()) return std::nullopt;
  return static_cast<size_t>(it - header.begin());
}

Result<size_t> CsvTable::RequireColumn(std::string_view name) const {
  if (std::optional<size_t> c = Column(name)) return *c;
  return Status(ErrorCode::kMissingField,
                "no column '" + std::string(name) + "'; the columns are: " + Joined(header),
                {.file = file, .line = 1});
}

Location CsvTable::Where(const Row& row, size_t column) const {
  return {.file = file,
          .line = row.line,
          .column = static_cast<int>(column) + 1,
          .path = column < header.size() ? "column " + header[column] : ""};
}

Result<CsvTable> ParseCsv(std::string_view text, const std::string& file) {
  WHIPCOUNT_RETURN_IF_ERROR(CheckText(text, file));
  CsvTable table{.file = file};
  RecordReader reader(text, file);
  bool have_header = false;
  while (!reader.AtEnd()) {
    const int line = reader.line();
    WHIPCOUNT_ASSIGN_OR_RETURN(std::vector<std::string> fields, reader.Next());
    if (fields.empty()) continue;
    if (!have_header) {
      for (size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].empty()) {
          return Status(ErrorCode::kSyntax,
                        "the header's column " + std::to_string(i + 1) + " has no name",
                        {.file = file, .line = line, .column = static_cast<int>(i) + 1});
        }
        if (std::find(fields.begin(), fields.begin() + static_cast<std::ptrdiff_t>(i), fields[i]) !=
            fields.begin() + static_cast<std::ptrdiff_t>(i)) {
          return Status(ErrorCode::kSyntax, "the header names column '" + fields[i] + "' twice",
                        {.file = file, .line = line, .column = static_cast<int>(i) + 1});
        }
      }
      table.header = std::move(fields);
      have_header = true;
      continue;
    }
    if (fields.size() != table.header.size()) {
      return Status(ErrorCode::kSyntax,
                    "this row has " + std::to_string(fields.size()) +
                        " fields but the header has " + std::to_string(table.header.size()) + " (" +
                        Joined(table.header) + "); quote a field that holds a comma",
                    {.file = file, .line = line});
    }
    table.rows.push_back({.line = line, .fields = std::move(fields)});
  }
  if (!have_header) {
    return Status(ErrorCode::kSyntax,
                  "the table is empty: it needs a header row naming its columns",
                  {.file = file, .line = 1});
  }
  return table;
}

}  // namespace whipcount::io
