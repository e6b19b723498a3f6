#include "cli/terminal.h"

#include <algorithm>
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

void Table::AddRow(std::vector<std::string> cells, std::vector<Colour> colours) {
  rows_.push_back(Row{std::move(cells), std::move(colours), false});
}

void Table::AddRule() { rows_.push_back(Row{{}, {}, true}); }

void Table::Print(std::ostream& out, const Style& style, int indent) const {
  std::vector<size_t> widths(columns_.size());
  for (size_t c = 0; c < columns_.size(); ++c) widths[c] = DisplayWidth(columns_[c].header);
  for (const Row& row : rows_) {
    for (size_t c = 0; c < row.cells.size() && c < widths.size(); ++c) {
      widths[c] = std::max(widths[c], DisplayWidth(row.cells[c]));
    }
  }
  const std::string margin(static_cast<size_t>(indent), ' ');
  auto print_cells = [&](const std::vector<std::string>& cells, const std::vector<Colour>& colours,
                         Colour all) {
    std::string line = margin;
    for (size_t c = 0; c < columns_.size(); ++c) {
      const std::string cell = c < cells.size() ? cells[c] : "";
      const std::string pad(widths[c] - DisplayWidth(cell), ' ');
      const Colour colour = all != Colour::kNone ? all
                            : c < colours.size() ? colours[c]
                                                 : Colour::kNone;
      if (c > 0) line += "  ";
      if (columns_[c].align == Align::kRight) line += pad;
      line += style(colour, cell);
      if (columns_[c].align == Align::kLeft && c + 1 < columns_.size()) line += pad;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  };
  std::vector<std::string> headers;
  for (const Column& col : columns_) headers.push_back(col.header);
  const bool any_header =
      std::any_of(headers.begin(), headers.end(), [](const std::string& h) { return !h.empty(); });
  if (any_header) print_cells(headers, {}, Colour::kBold);
  size_t total = 0;
  for (size_t w : widths) total += w;
  total += 2 * (widths.empty() ? 0 : widths.size() - 1);
  for (const Row& row : rows_) {
    if (row.rule) {
      out << margin << style(Colour::kDim, std::string(total, '-')) << '\n';
    } else {
      print_cells(row.cells, row.colours, Colour::kNone);
    }
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

}  // namespace whipcount::cli
