// Text output for people: colour only on a terminal, aligned tables, word wrapping.
#ifndef WHIPCOUNT_CLI_TERMINAL_H_
#define WHIPCOUNT_CLI_TERMINAL_H_

#include <array>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "whipcount/names.h"

namespace whipcount::cli {

// When to colour, as --color says.
enum class ColourWhen { kAuto, kAlways, kNever };

}  // namespace whipcount::cli

namespace whipcount {

template <>
struct NameTable<cli::ColourWhen> {
  static constexpr std::array kEntries{
      Named<cli::ColourWhen>{cli::ColourWhen::kAuto, "auto"},
      Named<cli::ColourWhen>{cli::ColourWhen::kAlways, "always"},
      Named<cli::ColourWhen>{cli::ColourWhen::kNever, "never"},
  };
};

}  // namespace whipcount

namespace whipcount::cli {

enum class Colour { kNone, kBold, kDim, kGreen, kRed, kYellow, kCyan };

// Wraps text in ANSI colour codes when enabled. Colour is on when stdout is a terminal, NO_COLOR
// is unset and TERM is not "dumb", unless --color=always|never says otherwise.
class Style {
 public:
  explicit Style(bool enabled) : enabled_(enabled) {}
  bool enabled() const { return enabled_; }
  std::string operator()(Colour colour, std::string_view text) const;

 private:
  bool enabled_;
};

// Decides colour from the --color value and whether stdout is a tty.
bool ColourWanted(ColourWhen when, bool stdout_is_tty);

enum class Align { kLeft, kRight };

// A table whose columns are sized to their widest cell. Cells may carry colour; widths count
// visible characters (UTF-8 aware), not escape codes.
class Table {
 public:
  struct Column {
    std::string header;
    Align align = Align::kRight;
  };
  explicit Table(std::vector<Column> columns) : columns_(std::move(columns)) {}

  // A row of cells, each with its colour. Missing trailing cells print empty.
  void AddRow(std::vector<std::string> cells, std::vector<Colour> colours = {});
  // A horizontal rule before the next row.
  void AddRule();
  void Print(std::ostream& out, const Style& style, int indent = 0) const;

 private:
  std::vector<Column> columns_;
  struct Row {
    std::vector<std::string> cells;
    std::vector<Colour> colours;
    bool rule = false;
  };
  std::vector<Row> rows_;
};

// Visible width of UTF-8 text (code points; whipcount's output has no wide characters).
size_t DisplayWidth(std::string_view text);

// A whole number's decimal digits (an optional '-', then digits) grouped in threes, for people:
// "1234567" -> "1,234,567".
std::string Grouped(std::string_view decimal);
inline std::string Grouped(std::int64_t n) { return Grouped(std::to_string(n)); }

// Wraps each paragraph of `text` at `width` columns, keeping blank lines between paragraphs.
std::string Wrap(std::string_view text, size_t width);

}  // namespace whipcount::cli

#endif  // WHIPCOUNT_CLI_TERMINAL_H_
