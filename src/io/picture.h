// The file formats a picture is written in, and an SVG document rendered into one of them. The
// SVG writers (svg.h, chart_svg.h, forecast_svg.h) make the document; a new format is a row of
// NameTable<PictureFormat> and a case of RenderPicture.
//
// Pure functions of their arguments; safe to call from several threads at once.
#ifndef WHIPCOUNT_IO_PICTURE_H_
#define WHIPCOUNT_IO_PICTURE_H_

#include <array>
#include <string>
#include <string_view>

#include "io/png.h"
#include "whipcount/names.h"
#include "whipcount/result.h"

namespace whipcount {

enum class PictureFormat {
  kSvg,  // the document itself, UTF-8 text
  kPng,  // rasterised through librsvg (png.h)
};

// Each format's word is also its file name extension.
template <>
struct NameTable<PictureFormat> {
  static constexpr std::array kEntries{
      Named<PictureFormat>{PictureFormat::kSvg, "svg"},
      Named<PictureFormat>{PictureFormat::kPng, "png"},
  };
};

// The format whose extension ends `path` ("chamber.png"); SVG for any other name.
PictureFormat FormatOfPath(std::string_view path);

// Whether the format is binary (not for a terminal).
bool IsBinary(PictureFormat format);

// The bytes of `svg` in `format`: the document itself, or the PNG RenderPng makes of it (and its
// errors).
Result<std::string> RenderPicture(std::string svg, PictureFormat format,
                                  const PngOptions& png = {});

}  // namespace whipcount

#endif  // WHIPCOUNT_IO_PICTURE_H_
