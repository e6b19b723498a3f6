// The XML writer. Escaping, numbers and the buffer are done by hand: a 3,000-seat diagram writes
// some 40,000 pieces and must stay well under a millisecond.
#include "io/xml.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

namespace whipcount::io {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// ASCII that XML takes as it is, by byte: a table, as every byte of every title passes here.
constexpr std::array<bool, 256> kPlain = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x80; ++c) {
    plain[static_cast<std::size_t>(c)] = c != '&' && c != '<' && c != '>' && c != '"' && c != '\'';
  }
  return plain;
}();

bool IsPlain(unsigned char c) { return kPlain[c]; }

constexpr std::size_t kNumberChars = 24;

// `v` with at most two decimals, written by integer arithmetic into the end of `buf`: 12, 12.5,
// 12.25, -0.5.
std::string_view FormatNumber(double v, char (&buf)[kNumberChars]) {
  if (!(std::abs(v) < 1e15)) return "0";  // NaN, infinities and absurd sizes
  bool negative = false;
  if (v < 0) {
    if (v > -0.005) return "0";  // rounds to zero: no "-0"
    negative = true;
    v = -v;
  }
  auto scaled = static_cast<unsigned long long>(std::llround(v * 100));
  char* const end = buf + kNumberChars;
  char* p = end;
  const auto cents = static_cast<unsigned>(scaled % 100);
  scaled /= 100;
  if (cents != 0) {
    if (cents % 10 != 0) *--p = static_cast<char>('0' + cents % 10);
    *--p = static_cast<char>('0' + cents / 10);
    *--p = '.';
  }
  do {
    *--p = static_cast<char>('0' + scaled % 10);
    scaled /= 10;
  } while (scaled != 0);
  if (negative) *--p = '-';
  return {p, static_cast<std::size_t>(end - p)};
}

// What XML gets for the character that is not plain ASCII at `s[i]`, and in `used` how many
// bytes of `s` that was: an entity, the character itself, or U+FFFD for what XML forbids.
std::string_view EscapeOne(std::string_view s, std::size_t i, std::size_t& used) {
  used = 1;
  const auto c = static_cast<unsigned char>(s[i]);
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return "&quot;";
    case '\'':
      return "&#39;";
    case '\t':
    case '\n':
    case '\r':
      return s.substr(i, 1);
    default:
      break;
  }
  std::size_t length = 0;
  std::uint32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    length = 2;
    cp = c & 0x1Fu;
  } else if ((c & 0xF0) == 0xE0) {
    length = 3;
    cp = c & 0x0Fu;
  } else if ((c & 0xF8) == 0xF0) {
    length = 4;
    cp = c & 0x07u;
  }
  bool valid = length > 0 && i + length <= s.size();
  for (std::size_t k = 1; valid && k < length; ++k) {
    const auto cc = static_cast<unsigned char>(s[i + k]);
    valid = (cc & 0xC0) == 0x80;
    cp = (cp << 6) | (cc & 0x3Fu);
  }
  if (valid) {
    const std::uint32_t least = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
    valid = cp >= least && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF) && cp != 0xFFFE &&
            cp != 0xFFFF;
  }
  if (!valid) return kReplacement;  // control characters, broken or forbidden UTF-8
  used = length;
  // Bidirectional embeddings, overrides and isolates: a name must not reverse the text after it.
  if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) return s.substr(i, 0);
  return s.substr(i, length);
}

// Hands `sink` the escaped text piece by piece: runs of plain ASCII whole, as most text is.
template <typename Sink>
void EscapeXml(std::string_view s, Sink&& sink) {
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t plain = i;
    while (i < s.size() && IsPlain(static_cast<unsigned char>(s[i]))) ++i;
    if (i > plain) sink(s.substr(plain, i - plain));
    if (i == s.size()) break;
    std::size_t used = 1;
    sink(EscapeOne(s, i, used));
    i += used;
  }
}

}  // namespace

void AppendXmlEscaped(std::string& out, std::string_view text) {
  EscapeXml(text, [&out](std::string_view piece) { out += piece; });
}

void AppendNumber(std::string& out, double v) {
  char buf[kNumberChars];
  out += FormatNumber(v, buf);
}

XmlText::XmlText(std::string_view text) { AppendXmlEscaped(escaped_, text); }

XmlWriter::XmlWriter(std::size_t reserve) : out_(reserve, '\0') {}

XmlWriter& XmlWriter::Declaration() {
  Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  return *this;
}

XmlWriter& XmlWriter::Open(std::string_view name) {
  EndStartTag();
  Append('<');
  Append(name);
  open_.push_back(name);
  in_start_tag_ = true;
  return *this;
}

XmlWriter& XmlWriter::Attr(std::string_view name, double value) {
  char buf[kNumberChars];
  BeginAttr(name);
  Append(FormatNumber(value, buf));
  Append('"');
  return *this;
}

XmlWriter& XmlWriter::Attr(std::string_view name, std::string_view text) {
  BeginAttr(name);
  AppendEscaped(text);
  Append('"');
  return *this;
}

XmlWriter& XmlWriter::Attr(std::string_view name, const XmlText& text) {
  BeginAttr(name);
  Append(text.escaped());
  Append('"');
  return *this;
}

XmlWriter& XmlWriter::Attr(std::string_view name, std::span<const Point> points) {
  char buf[kNumberChars];
  BeginAttr(name);
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (i > 0) Append(' ');
    Append(FormatNumber(points[i].x, buf));
    Append(',');
    Append(FormatNumber(points[i].y, buf));
  }
  Append('"');
  return *this;
}

XmlWriter& XmlWriter::Attr(std::string_view name, std::initializer_list<double> numbers) {
  char buf[kNumberChars];
  BeginAttr(name);
  bool first = true;
  for (double v : numbers) {
    if (!first) Append(' ');
    first = false;
    Append(FormatNumber(v, buf));
  }
  Append('"');
  return *this;
}

XmlWriter& XmlWriter::Text(std::string_view text) {
  EndStartTag();
  AppendEscaped(text);
  return *this;
}

XmlWriter& XmlWriter::Text(const XmlText& text) { return Raw(text.escaped()); }

XmlWriter& XmlWriter::Raw(std::string_view markup) {
  EndStartTag();
  Append(markup);
  return *this;
}

XmlWriter& XmlWriter::Newline() { return Raw("\n"); }

XmlWriter& XmlWriter::Close() {
  if (open_.empty()) return *this;
  if (in_start_tag_) {
    Append("/>");
    in_start_tag_ = false;
  } else {
    Append("</");
    Append(open_.back());
    Append('>');
  }
  open_.pop_back();
  return *this;
}

XmlWriter& XmlWriter::Element(std::string_view name, std::string_view text) {
  return Open(name).Text(text).Close();
}

XmlWriter& XmlWriter::Element(std::string_view name, const XmlText& text) {
  return Open(name).Text(text).Close();
}

std::string XmlWriter::Take() && {
  out_.resize(size_);
  size_ = 0;
  return std::move(out_);
}

void XmlWriter::AppendEscaped(std::string_view text) {
  EscapeXml(text, [this](std::string_view piece) { Append(piece); });
}

void XmlWriter::BeginAttr(std::string_view name) {
  Append(' ');
  Append(name);
  Append("=\"");
}

void XmlWriter::EndStartTag() {
  if (!in_start_tag_) return;
  Append('>');
  in_start_tag_ = false;
}

void XmlWriter::Grow(std::size_t more) { out_.resize(std::max(2 * out_.size(), size_ + more)); }

}  // namespace whipcount::io
