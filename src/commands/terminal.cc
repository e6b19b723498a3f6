#include "commands/terminal.h"

#include <algorithm>
#include <functional>
#include <optional>
#include <sstream>

namespace whipcount::cli {

std::string Style::operator()(Colour colour, std::string_view text) const {
  if (!enabled_ || colour == Colour::kNone) return std::string(text);
  std::string_view code;
  switch (colour) {
    case Colour::kNone:
      break;
    case Colour::kBold:
      code = "1";
      break;
    case Colour::kDim:
      code = "2";
      break;
    case Colour::kGreen:
      code = "32";
      break;
    case Colour::kRed:
      code = "31";
      break;
    case Colour::kYellow:
      code = "33";
      break;
    case Colour::kCyan:
      code = "36";
      break;
  }
  return "\x1b[" + std::string(code) + "m" + std::string(text) + "\x1b[0m";
}

bool ColourWanted(ColourWhen when, bool stdout_is_tty) {
  if (when == ColourWhen::kAlways) return true;
  if (when == ColourWhen::kNever) return false;
  const char* no_colour = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  if (no_colour != nullptr && *no_colour != '\0') return false;
  if (term != nullptr && std::string_view(term) == "dumb") return false;
  return stdout_is_tty;
}

std::string Grouped(std::string_view decimal) {
  const size_t sign = decimal.starts_with('-') ? 1 : 0;
  std::string out(decimal.substr(0, sign));
  for (size_t i = sign; i < decimal.size(); ++i) {
    if (i > sign && (decimal.size() - i) % 3 == 0) out += ',';
    out += decimal[i];
  }
  return out;
}

size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++width;
  }
  return width;
}

namespace {

// The width of a table whose columns have `widths`, `gap` spaces between columns.
size_t TableWidth(const std::vector<size_t>& widths, size_t gap) {
  size_t total = 0;
  for (size_t w : widths) total += w;
  return total + gap * (widths.empty() ? 0 : widths.size() - 1);
}

// The pieces a header may break into, each with what ends it: a space, or a '-' or '/' not
// followed by a space ("Bloc / party" is "Bloc ", "/ ", "party"; "dP/dcohesion" "dP/",
// "dcohesion").
std::vector<std::string> HeaderPieces(std::string_view header) {
  std::vector<std::string> pieces(1);
  for (size_t i = 0; i < header.size(); ++i) {
    const char c = header[i];
    pieces.back() += c;
    const bool next_is_space = i + 1 < header.size() && header[i + 1] == ' ';
    if (c == ' ' || ((c == '-' || c == '/') && !next_is_space)) pieces.emplace_back();
  }
  if (pieces.back().empty()) pieces.pop_back();
  return pieces;
}

std::string_view TrimEnd(std::string_view text) {
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

// A header on as few lines of `width` as its pieces allow.
std::vector<std::string> HeaderLines(std::string_view header, size_t width) {
  std::vector<std::string> lines;
  for (const std::string& piece : HeaderPieces(header)) {
    if (!lines.empty() && DisplayWidth(TrimEnd(lines.back() + piece)) <= width) {
      lines.back() += piece;
    } else {
      lines.push_back(piece);
    }
  }
  for (std::string& line : lines) line = std::string(TrimEnd(line));
  if (lines.empty()) lines.emplace_back();
  return lines;
}

// The widest word of `text`, with its leading spaces (they indent every line of a wrapped cell).
size_t LongestWord(std::string_view text) {
  const size_t leading = std::min(text.find_first_not_of(' '), text.size());
  size_t longest = 0;
  size_t start = leading;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    longest = std::max(longest, DisplayWidth(text.substr(start, end - start)));
    start = end + 1;
  }
  return leading + longest;
}

// Narrows the columns that `may` narrow, one character at a time from the one with the most room
// above its floor, until the table is `width` wide or none can narrow further.
void Narrow(std::vector<size_t>& widths, const std::vector<size_t>& floors,
            const std::vector<bool>& may, size_t width, size_t gap) {
  for (size_t total = TableWidth(widths, gap); total > width; --total) {
    std::optional<size_t> widest;
    for (size_t c = 0; c < widths.size(); ++c) {
      if (!may[c] || widths[c] <= floors[c]) continue;
      if (!widest || widths[c] - floors[c] > widths[*widest] - floors[*widest]) widest = c;
    }
    if (!widest) return;
    --widths[*widest];
  }
}

}  // namespace

void Table::AddRow(std::vector<std::string> cells, std::vector<Colour> colours) {
  rows_.push_back(Row{std::move(cells), std::move(colours), false});
}

void Table::AddRule() { rows_.push_back(Row{{}, {}, true}); }

std::vector<size_t> Table::Floors() const {
  std::vector<size_t> floors(columns_.size());
  for (size_t c = 0; c < columns_.size(); ++c) {
    for (const std::string& piece : HeaderPieces(columns_[c].header)) {
      floors[c] = std::max(floors[c], DisplayWidth(TrimEnd(piece)));
    }
    if (columns_[c].wrap) floors[c] = std::max(floors[c], columns_[c].min_width);
    for (const Row& row : rows_) {
      if (c >= row.cells.size()) continue;
      const std::string& cell = row.cells[c];
      floors[c] = std::max(floors[c], columns_[c].wrap ? LongestWord(cell) : DisplayWidth(cell));
    }
  }
  return floors;
}

std::vector<size_t> Table::Widths(std::optional<size_t> width, size_t gap) const {
  std::vector<size_t> widths(columns_.size());
  for (size_t c = 0; c < columns_.size(); ++c) widths[c] = DisplayWidth(columns_[c].header);
  for (const Row& row : rows_) {
    for (size_t c = 0; c < row.cells.size() && c < widths.size(); ++c) {
      widths[c] = std::max(widths[c], DisplayWidth(row.cells[c]));
    }
  }
  if (!width || TableWidth(widths, gap) <= *width) return widths;
  std::vector<size_t> floors = Floors();
  for (size_t c = 0; c < widths.size(); ++c) floors[c] = std::min(floors[c], widths[c]);
  std::vector<bool> wraps(columns_.size());
  for (size_t c = 0; c < columns_.size(); ++c) wraps[c] = columns_[c].wrap;
  std::vector<bool> headers_only(wraps.size());
  std::transform(wraps.begin(), wraps.end(), headers_only.begin(), std::logical_not<>());
  Narrow(widths, floors, headers_only, *width, gap);
  Narrow(widths, floors, wraps, *width, gap);
  return widths;
}

Table::Layout Table::Fit(std::optional<size_t> width, size_t indent) const {
  // As wide as the cells need, else narrowed; then one space between columns; then no indent.
  const auto fits = [&](const Layout& l) {
    return !width || l.indent + TableWidth(l.widths, l.gap) <= *width;
  };
  const auto within = [&](size_t margin) {
    return width ? std::optional(*width - std::min(*width, margin)) : std::nullopt;
  };
  Layout layout{.widths = Widths(within(indent), 2), .gap = 2, .indent = indent};
  if (fits(layout)) return layout;
  layout = {.widths = Widths(within(indent), 1), .gap = 1, .indent = indent};
  if (fits(layout)) return layout;
  return {.widths = Widths(width, 1), .gap = 1, .indent = 0};
}

void Table::PrintLines(std::ostream& out, const Style& style, const Layout& layout,
                       const std::vector<std::vector<std::string>>& cells,
                       const std::vector<Colour>& colours) const {
  size_t height = 1;
  for (const std::vector<std::string>& lines : cells) height = std::max(height, lines.size());
  for (size_t i = 0; i < height; ++i) {
    std::string line(layout.indent, ' ');
    for (size_t c = 0; c < columns_.size(); ++c) {
      const size_t width = layout.widths[c];
      const std::string text = c < cells.size() && i < cells[c].size() ? cells[c][i] : "";
      const std::string pad(width - std::min(width, DisplayWidth(text)), ' ');
      if (c > 0) line += std::string(layout.gap, ' ');
      if (columns_[c].align == Align::kRight) line += pad;
      line += style(c < colours.size() ? colours[c] : Colour::kNone, text);
      if (columns_[c].align == Align::kLeft && c + 1 < columns_.size()) line += pad;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  }
}

Table Table::Part(size_t first, size_t last) const {
  std::vector<Column> columns(columns_.begin(), columns_.begin() + static_cast<long>(repeated_));
  columns.insert(columns.end(), columns_.begin() + static_cast<long>(first),
                 columns_.begin() + static_cast<long>(last));
  Table part(std::move(columns));
  for (const Row& row : rows_) {
    Row cut;
    cut.rule = row.rule;
    for (size_t c = 0; c < part.columns_.size(); ++c) {
      const size_t from = c < repeated_ ? c : first + c - repeated_;
      cut.cells.push_back(from < row.cells.size() ? row.cells[from] : "");
      cut.colours.push_back(from < row.colours.size() ? row.colours[from] : Colour::kNone);
    }
    part.rows_.push_back(std::move(cut));
  }
  return part;
}

void Table::PrintInParts(std::ostream& out, const Style& style, size_t width, size_t indent) const {
  const std::vector<size_t> floors = Floors();
  const size_t gap = 2;
  size_t repeated_width = indent;
  for (size_t c = 0; c < repeated_; ++c) repeated_width += floors[c] + (c > 0 ? gap : 0);
  size_t first = repeated_;
  while (first < columns_.size()) {
    size_t last = first;
    size_t used = repeated_width;
    // At least one column a part, however narrow the terminal.
    do {
      used += gap + floors[last];
      ++last;
    } while (last < columns_.size() && used + gap + floors[last] <= width);
    if (first > repeated_) out << '\n';
    Part(first, last).Print(out, style, static_cast<int>(indent));
    first = last;
  }
}

void Table::Print(std::ostream& out, const Style& style, int indent) const {
  const Layout layout = Fit(style.width(), static_cast<size_t>(indent));
  if (style.width() && repeated_ > 0 && repeated_ < columns_.size() &&
      layout.indent + TableWidth(layout.widths, layout.gap) > *style.width()) {
    PrintInParts(out, style, *style.width(), static_cast<size_t>(indent));
    return;
  }
  const std::vector<size_t>& widths = layout.widths;
  std::vector<std::vector<std::string>> headers;
  for (size_t c = 0; c < columns_.size(); ++c) {
    const std::string& header = columns_[c].header;
    headers.push_back(DisplayWidth(header) <= widths[c] ? std::vector<std::string>{header}
                                                        : HeaderLines(header, widths[c]));
  }
  const bool any_header = std::any_of(columns_.begin(), columns_.end(),
                                      [](const Column& col) { return !col.header.empty(); });
  if (any_header) {
    PrintLines(out, style, layout, headers, std::vector<Colour>(columns_.size(), Colour::kBold));
  }
  for (const Row& row : rows_) {
    if (row.rule) {
      out << std::string(layout.indent, ' ')
          << style(Colour::kDim, std::string(TableWidth(widths, layout.gap), '-')) << '\n';
      continue;
    }
    std::vector<std::vector<std::string>> cells;
    for (size_t c = 0; c < columns_.size(); ++c) {
      const std::string cell = c < row.cells.size() ? row.cells[c] : "";
      cells.push_back(DisplayWidth(cell) <= widths[c] ? std::vector<std::string>{cell}
                                                      : WrapLines(cell, widths[c]));
    }
    PrintLines(out, style, layout, cells, row.colours);
  }
}

std::string Wrap(std::string_view text, size_t width) {
  std::string out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view para = text.substr(start, end - start);
    std::istringstream words{std::string(para)};
    std::string word;
    size_t col = 0;
    while (words >> word) {
      const size_t w = DisplayWidth(word);
      if (col > 0 && col + 1 + w > width) {
        out += '\n';
        col = 0;
      } else if (col > 0) {
        out += ' ';
        ++col;
      }
      out += word;
      col += w;
    }
    if (end >= text.size()) break;
    out += '\n';
    start = end + 1;
  }
  return out;
}

std::string Hanging(std::string_view text, size_t indent, std::optional<size_t> width) {
  if (!width) return std::string(text);
  const std::string wrapped = Wrap(text, *width > indent + 10 ? *width - indent : 10);
  std::string out;
  for (char c : wrapped) {
    out += c;
    if (c == '\n') out += std::string(indent, ' ');
  }
  return out;
}

std::vector<std::string> WrapLines(std::string_view text, size_t width) {
  const size_t leading = std::min(text.find_first_not_of(' '), text.size());
  const std::string indent(leading, ' ');
  const std::string wrapped = Wrap(text.substr(leading), width > leading ? width - leading : 1);
  std::vector<std::string> lines;
  size_t start = 0;
  while (true) {
    const size_t end = wrapped.find('\n', start);
    lines.push_back(indent + wrapped.substr(start, end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return lines;
}

}  // namespace whipcount::cli
