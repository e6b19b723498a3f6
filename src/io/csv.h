// CSV output (RFC 4180): fields quoted when they hold a comma, quote or line break.
#ifndef WHIPCOUNT_IO_CSV_H_
#define WHIPCOUNT_IO_CSV_H_

#include <string>
#include <vector>

namespace whipcount::io {

// One CSV record, with its CRLF-free "\n" terminator.
std::string CsvRow(const std::vector<std::string>& fields);

}  // namespace whipcount::io

#endif  // WHIPCOUNT_IO_CSV_H_
