// Text output for people: colour only on a terminal, aligned tables, word wrapping.
#ifndef WHIPCOUNT_COMMANDS_TERMINAL_H_
#define WHIPCOUNT_COMMANDS_TERMINAL_H_

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
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

enum class Align { kLeft, kRight };

enum class Colour { kNone, kBold, kDim, kGreen, kRed, kYellow, kCyan };

// How text for people looks: colour (ANSI codes when enabled) and the width it must fit. Colour is
// on when stdout is a terminal, NO_COLOR is unset and TERM is not "dumb", unless
// --color=always|never says otherwise. The width is the terminal's; without one (a pipe, a file)
// text keeps fixed widths, so that its lines do not depend on where it is read.
class Style {
 public:
  explicit Style(bool enabled, std::optional<size_t> width = std::nullopt)
      : enabled_(enabled), width_(width) {}
  bool enabled() const { return enabled_; }
  std::optional<size_t> width() const { return width_; }
  // The width to wrap prose at: `fixed`, or the terminal's when it is narrower.
  size_t Fit(size_t fixed) const { return width_ ? std::min(*width_, fixed) : fixed; }
  std::string operator()(Colour colour, std::string_view text) const;

 private:
  bool enabled_;
  std::optional<size_t> width_;
};

// Decides colour from the --color value and whether stdout is a tty.
bool ColourWanted(ColourWhen when, bool stdout_is_tty);

// A table whose columns are sized to their widest cell. Cells may carry colour; widths count
// visible characters (UTF-8 aware), not escape codes.
//
// A table wider than its Style's width is fitted to it: first the headers of columns wider than
// their cells break between words (after a space, '-' or '/'), then the columns declared `wrap`
// narrow, each keeping its `min_width` and its longest word, and their cells wrap onto more
// lines; if it is still too wide, one space separates the columns, and then the indent goes. A
// cell's leading spaces indent each of its lines. Without a width, nothing changes.
class Table {
 public:
  struct Column {
    std::string header;
    Align align = Align::kRight;
    bool wrap = false;     // cells may wrap onto several lines to fit the width
    size_t min_width = 0;  // a wrapping column keeps at least this many columns
  };
  explicit Table(std::vector<Column> columns) : columns_(std::move(columns)) {}

  // A row of cells, each with its colour. Missing trailing cells print empty.
  void AddRow(std::vector<std::string> cells, std::vector<Colour> colours = {});
  // A horizontal rule before the next row.
  void AddRule();
  // When the table is too wide for the terminal even narrowed, print it in parts, each with
  // these first `columns` (the rows' names) and as many of the others as fit.
  void RepeatInEachPart(size_t columns) { repeated_ = columns; }
  void Print(std::ostream& out, const Style& style, int indent = 0) const;

 private:
  struct Row {
    std::vector<std::string> cells;
    std::vector<Colour> colours;
    bool rule = false;
  };
  // How the table is laid out: each column's width, the spaces between columns and the indent.
  struct Layout {
    std::vector<size_t> widths;
    size_t gap = 2;
    size_t indent = 0;
  };
  // The layout within `width`: the columns as wide as their cells, else narrowed; when that is
  // not enough, one space between columns, and then no indent.
  Layout Fit(std::optional<size_t> width, size_t indent) const;
  // Each column's width: its widest cell, narrowed to fit `width` when that is given.
  std::vector<size_t> Widths(std::optional<size_t> width, size_t gap) const;
  // The narrowest each column may become: its widest unbreakable piece.
  std::vector<size_t> Floors() const;
  // One row, each cell already broken into its lines.
  void PrintLines(std::ostream& out, const Style& style, const Layout& layout,
                  const std::vector<std::vector<std::string>>& cells,
                  const std::vector<Colour>& colours) const;

  // The table of the repeated columns and the columns [first, last).
  Table Part(size_t first, size_t last) const;
  // Prints the table in parts that each fit `width` (RepeatInEachPart).
  void PrintInParts(std::ostream& out, const Style& style, size_t width, size_t indent) const;

  std::vector<Column> columns_;
  std::vector<Row> rows_;
  size_t repeated_ = 0;
};

// Visible width of UTF-8 text (code points; whipcount's output has no wide characters).
size_t DisplayWidth(std::string_view text);

// A whole number's decimal digits (an optional '-', then digits) grouped in threes, for people:
// "1234567" -> "1,234,567".
std::string Grouped(std::string_view decimal);
inline std::string Grouped(std::int64_t n) { return Grouped(std::to_string(n)); }

// Wraps each paragraph of `text` at `width` columns, keeping blank lines between paragraphs.
std::string Wrap(std::string_view text, size_t width);

// `text` to print from column `indent`: without a width as it is; with one wrapped to fit, each
// line after the first starting at column `indent` too.
std::string Hanging(std::string_view text, size_t indent, std::optional<size_t> width);

// The lines of `text` wrapped at `width` columns, each starting with `text`'s leading spaces.
std::vector<std::string> WrapLines(std::string_view text, size_t width);

}  // namespace whipcount::cli

#endif  // WHIPCOUNT_COMMANDS_TERMINAL_H_
