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

#include "io/render.h"
#include "whipcount/names.h"
#include "whipcount/result.h"

namespace whipcount {

enum class PictureFormat {
  kSvg,  // the document itself, UTF-8 text
  kPng,  // rasterised through librsvg (render.h)
  kPdf,  // one vector page through librsvg and cairo (render.h)
};

// Each format's word is also its file name extension.
template <>
struct NameTable<PictureFormat> {
  static constexpr std::array kEntries{
      Named<PictureFormat>{PictureFormat::kSvg, "svg"},
      Named<PictureFormat>{PictureFormat::kPng, "png"},
      Named<PictureFormat>{PictureFormat::kPdf, "pdf"},
  };
};

// The format whose extension ends `path`, in any case ("chamber.png", "chart.PDF").
// kInvalidValue, listing the extensions, for any other name.
Result<PictureFormat> FormatOfPath(std::string_view path);

// Whether the format is binary (not for a terminal).
bool IsBinary(PictureFormat format);

// The bytes of `svg` in `format`: the document itself, or the PNG or PDF that RenderPng or
// RenderPdf make of it (and their errors).
Result<std::string> RenderPicture(std::string svg, PictureFormat format,
                                  const PngOptions& png = {});

}  // namespace whipcount

#endif  // WHIPCOUNT_IO_PICTURE_H_
