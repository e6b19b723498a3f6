// Advance widths from the table in font_metrics_table.inc, a UTF-8 decoder and a greedy wrapper.
#include "io/text_metrics.h"

#include <algorithm>
#include <cstdint>

namespace whipcount::io {
namespace {

struct AdvanceBlock {
  char32_t first;
  char32_t last;
  const std::uint16_t* regular;
  const std::uint16_t* bold;
};

#include "io/font_metrics_table.inc"

constexpr double kUnitsPerEm = 2048;

// The next code point of `text` from byte `i`, which moves past it; U+FFFD for a broken sequence.
char32_t NextCodePoint(std::string_view text, size_t& i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  size_t length = 1;
  char32_t cp = lead;
  if (lead >= 0xF0) {
    length = 4;
    cp = lead & 0x07u;
  } else if (lead >= 0xE0) {
    length = 3;
    cp = lead & 0x0Fu;
  } else if (lead >= 0xC0) {
    length = 2;
    cp = lead & 0x1Fu;
  } else if (lead >= 0x80) {
    ++i;
    return U'\uFFFD';
  }
  if (i + length > text.size()) {
    i = text.size();
    return U'\uFFFD';
  }
  for (size_t k = 1; k < length; ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
  }
  i += length;
  return cp;
}

bool IsZeroWidth(char32_t cp) {
  return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200F) ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2069) ||
         (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
         (cp >= 0xE0000 && cp <= 0xE007F);
}

bool IsWide(char32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

bool IsEmoji(char32_t cp) {
  return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF);
}

// The advance of one code point in em.
double Advance(char32_t cp, FontWeight weight) {
  for (const AdvanceBlock& b : kAdvanceBlocks) {
    if (cp < b.first || cp > b.last) continue;
    const std::uint16_t units = (weight == FontWeight::kBold ? b.bold : b.regular)[cp - b.first];
    if (units > 0 || (cp >= 0x0483 && cp <= 0x0487)) return units / kUnitsPerEm;
    break;
  }
  if (IsZeroWidth(cp)) return 0;
  if (IsEmoji(cp)) return 1.25;  // Noto Color Emoji's advance, 2550 of 2048 units
  if (IsWide(cp)) return 1.0;
  return weight == FontWeight::kBold ? 0.8 : 0.72;  // other scripts: a wide Latin letter
}

}  // namespace

double TextWidth(std::string_view text, double size_px, FontWeight weight) {
  double em = 0;
  for (size_t i = 0; i < text.size();) em += Advance(NextCodePoint(text, i), weight);
  return em * size_px;
}

std::vector<std::string> WrapText(std::string_view text, double width, double size_px,
                                  FontWeight weight) {
  std::vector<std::string> lines;
  std::string line;
  double line_width = 0;
  const double space = TextWidth(" ", size_px, weight);
  const auto flush = [&] {
    if (!line.empty()) lines.push_back(std::move(line));
    line.clear();
    line_width = 0;
  };
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    const size_t start = i;
    while (i < text.size() && text[i] != ' ') ++i;
    if (i == start) break;
    const std::string_view word = text.substr(start, i - start);
    const double w = TextWidth(word, size_px, weight);
    if (!line.empty() && line_width + space + w <= width) {
      line += ' ';
      line += word;
      line_width += space + w;
      continue;
    }
    flush();
    if (w <= width) {
      line = std::string(word);
      line_width = w;
      continue;
    }
    // A word wider than the line: as many characters as fit on each line.
    for (size_t k = 0; k < word.size();) {
      size_t next = k;
      const char32_t cp = NextCodePoint(word, next);
      const double cw = Advance(cp, weight) * size_px;
      if (!line.empty() && line_width + cw > width) flush();
      line.append(word.substr(k, next - k));
      line_width += cw;
      k = next;
    }
  }
  flush();
  return lines;
}

}  // namespace whipcount::io
