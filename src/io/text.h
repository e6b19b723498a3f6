// Text as whipcount reads it: UTF-8 without control characters other than tab, line feed and
// carriage return. Every name, title and source read from a file is such text, so it can be
// printed on a terminal (no escape sequences) and written as JSON (which must be UTF-8).
//
// Pure functions; safe to call from several threads at once.
#ifndef WHIPCOUNT_IO_TEXT_H_
#define WHIPCOUNT_IO_TEXT_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "whipcount/result.h"

namespace whipcount::io {

// The first fault in a text: its byte offset and what it is ("byte 0xFF is not UTF-8").
struct TextFault {
  std::size_t offset = 0;
  std::string what;
};

// The first fault in `text`, if any: a byte sequence that is not UTF-8 (a stray byte, an overlong
// form, a surrogate, a code point past U+10FFFF, a sequence cut short), a control character
// (U+0000 to U+001F but tab, line feed and carriage return; U+007F; U+0080 to U+009F) or one of
// the two code points that are not characters, U+FFFE and U+FFFF.
std::optional<TextFault> FindTextFault(std::string_view text);

// kInvalidText for the first fault of a file's `text`, placed in it (PlaceInText).
Status CheckText(std::string_view text, const std::string& file);

// `status` placed at byte `offset` of `text`, the text of `file`: its line, and its column
// counting characters (as libyaml does), both from 1.
Status PlaceInText(Status status, std::string_view text, std::size_t offset,
                   const std::string& file);

// `text` without the bidirectional embedding, override and isolate characters (U+202A to U+202E,
// U+2066 to U+2069), which would reverse the text that follows a name.
std::string WithoutBidiControls(std::string_view text);

// `s` with ASCII letters in lower case ("DEU" -> "deu"); other bytes unchanged.
std::string Lowercase(std::string_view s);

// The items with `separator` between them: "DEU, FRA, ITA".
std::string Joined(const std::vector<std::string>& items, std::string_view separator = ", ");

}  // namespace whipcount::io

#endif  // WHIPCOUNT_IO_TEXT_H_
