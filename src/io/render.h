// PNG and PDF output: an SVG document drawn by librsvg onto a cairo surface (Debian's librsvg2
// and cairo).
//
// Each call uses its own librsvg handle and cairo surface, so calls from several threads at once
// are safe.
#ifndef WHIPCOUNT_IO_RENDER_H_
#define WHIPCOUNT_IO_RENDER_H_

#include <string>
#include <string_view>

#include "whipcount/result.h"

namespace whipcount {

struct PngOptions {
  // Output pixels per SVG pixel: 2 gives a sharper picture at twice the width and height.
  double scale = 1;
};

// The largest PNG drawn: 32767 pixels a side (cairo's limit) and 2^27 pixels in all (512 MiB
// of pixels, before librsvg's own work surfaces).
inline constexpr double kMaxPngSide = 32767;
inline constexpr double kMaxPngPixels = 134'217'728;

// The PNG file's bytes, at the SVG's own width and height (times `scale`, rounded up) on a
// white background. kInvalidValue for a scale outside (0, 16]; kTooLarge, before anything is
// allocated, for a picture past the limits above (the message gives its size); kIo when
// librsvg cannot read the SVG or cairo cannot encode the PNG.
Result<std::string> RenderPng(std::string_view svg, const PngOptions& options = {});

// The PDF file's bytes: one page the SVG's size (a CSS pixel is 3/4 of a PDF point), its text
// and shapes kept as vectors. kIo when librsvg cannot read the SVG or cairo cannot write the PDF.
Result<std::string> RenderPdf(std::string_view svg);

}  // namespace whipcount

#endif  // WHIPCOUNT_IO_RENDER_H_
