#include "io/text.h"

#include <algorithm>
#include <cstdio>

namespace whipcount::io {
namespace {

std::string Hex(unsigned value, int digits) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%0*X", digits, value);
  return buffer;
}

bool IsControl(char32_t c) {
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
}

// The length of the UTF-8 sequence starting at text[i] and its code point, or nullopt when the
// bytes there are not UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF).
std::optional<std::pair<std::size_t, char32_t>> DecodeAt(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return std::pair{std::size_t{1}, char32_t{lead}};
  std::size_t length = 0;
  unsigned char low = 0x80;  // the range of the second byte, narrower after some leads
  unsigned char high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // overlong
    if (lead == 0xED) high = 0x9F;  // surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // overlong
    if (lead == 0xF4) high = 0x8F;  // past U+10FFFF
  } else {
    return std::nullopt;
  }
  if (i + length > text.size()) return std::nullopt;
  char32_t c = lead & (0xFF >> (length + 1));
  for (std::size_t k = 1; k < length; ++k) {
    const unsigned char b = byte(i + k);
    if (b < (k == 1 ? low : 0x80) || b > (k == 1 ? high : 0xBF)) return std::nullopt;
    c = (c << 6) | (b & 0x3F);
  }
  return std::pair{length, c};
}

}  // namespace

std::optional<TextFault> FindTextFault(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto decoded = DecodeAt(text, i);
    if (!decoded) {
      const unsigned lead = static_cast<unsigned char>(text[i]);
      if (i == 0 && text.size() >= 2 && (lead == 0xFF || lead == 0xFE) &&
          static_cast<unsigned char>(text[1]) == (lead ^ 0x01)) {
        return TextFault{.offset = 0, .what = "the text is UTF-16; whipcount reads UTF-8"};
      }
      return TextFault{.offset = i,
                       .what = "byte 0x" + Hex(lead, 2) + " is not UTF-8; whipcount reads UTF-8"};
    }
    const auto [length, c] = *decoded;
    if (c == 0xFFFE || c == 0xFFFF) {
      return TextFault{.offset = i,
                       .what = "U+" + Hex(static_cast<unsigned>(c), 4) + " is not a character"};
    }
    if (IsControl(c)) {
      return TextFault{.offset = i,
                       .what = "control character U+" + Hex(static_cast<unsigned>(c), 4) +
                               " is not allowed; text may hold tabs and line breaks but no "
                               "other control characters"};
    }
    i += length;
  }
  return std::nullopt;
}

Status CheckText(std::string_view text, const std::string& file) {
  const std::optional<TextFault> fault = FindTextFault(text);
  if (!fault) return Status::Ok();
  return PlaceInText(Status(ErrorCode::kInvalidText, fault->what), text, fault->offset, file);
}

Status PlaceInText(Status status, std::string_view text, std::size_t offset,
                   const std::string& file) {
  offset = std::min(offset, text.size());
  int line = 1;
  int column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {  // not a continuation
      ++column;
    }
  }
  Location& where = status.mutable_where();
  where.file = file;
  where.line = line;
  where.column = column;
  return status;
}

std::string WithoutBidiControls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    // U+202A..U+202E are E2 80 AA..AE; U+2066..U+2069 are E2 81 A6..A9.
    if (i + 2 < text.size() && text[i] == '\xE2') {
      const auto b1 = static_cast<unsigned char>(text[i + 1]);
      const auto b2 = static_cast<unsigned char>(text[i + 2]);
      if ((b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE) || (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9)) {
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::string Lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string Joined(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

}  // namespace whipcount::io
