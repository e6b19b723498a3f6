// How wide text is when drawn: the advance widths of DejaVu Sans, the font every whipcount
// picture names first and the one librsvg draws PNG and PDF with (Debian's fonts-dejavu-core),
// and text wrapped to a width with them. Kerning is left out; it only ever narrows DejaVu Sans,
// so a width measured here is never less than what librsvg draws (tests/io/text_metrics_test.cc
// checks this against the rendered pixels).
//
// Pure functions; safe to call from several threads at once.
#ifndef WHIPCOUNT_IO_TEXT_METRICS_H_
#define WHIPCOUNT_IO_TEXT_METRICS_H_

#include <string>
#include <string_view>
#include <vector>

namespace whipcount::io {

enum class FontWeight { kRegular, kBold };

// The width in px of `text` (UTF-8) at `size_px`. Code points outside the font's table are
// estimated: wide (CJK) ones and emoji at their full width, combining marks and joiners at 0.
double TextWidth(std::string_view text, double size_px, FontWeight weight = FontWeight::kRegular);

// `text` broken into lines no wider than `width` px, at spaces; a word wider than a line is
// broken between characters, so nothing is cut off or lost. Runs of spaces collapse to one.
std::vector<std::string> WrapText(std::string_view text, double width, double size_px,
                                  FontWeight weight = FontWeight::kRegular);

}  // namespace whipcount::io

#endif  // WHIPCOUNT_IO_TEXT_METRICS_H_
