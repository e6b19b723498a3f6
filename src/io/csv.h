// CSV (RFC 4180) in and out: fields quoted when they hold a comma, quote or line break.
#ifndef WHIPCOUNT_IO_CSV_H_
#define WHIPCOUNT_IO_CSV_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "whipcount/result.h"

namespace whipcount::io {

// One CSV record, with its CRLF-free "\n" terminator.
std::string CsvRow(const std::vector<std::string>& fields);

// A CSV table read whole: a header row, then records, each with the line it starts on.
struct CsvTable {
  std::string file;  // names the table in errors
  std::vector<std::string> header;
  struct Row {
    int line = 0;
    std::vector<std::string> fields;  // as many as the header has (checked on reading)
  };
  std::vector<Row> rows;

  // The index of the column whose header is `name` exactly, if any.
  std::optional<size_t> Column(std::string_view name) const;
  // The same, or kMissingField naming the table and listing its columns.
  Result<size_t> RequireColumn(std::string_view name) const;
  // Where a field is: the file, the row's line and the column's number (from 1), and "column
  // NAME" as its path.
  Location Where(const Row& row, size_t column) const;
};

// Parses `text`: fields separated by commas, a field in double quotes may hold commas, line
// breaks and doubled quotes; CRLF or LF line ends; a leading UTF-8 byte-order mark and blank
// lines are skipped. The first record is the header. Text that is not UTF-8 or holds control
// characters is kInvalidText (CheckText). Errors (kSyntax) name file:line: an
// unterminated quote, text after a closing quote, a record with a different number of fields
// from the header, an empty or repeated header name.
Result<CsvTable> ParseCsv(std::string_view text, const std::string& file);

}  // namespace whipcount::io

#endif  // WHIPCOUNT_IO_CSV_H_
