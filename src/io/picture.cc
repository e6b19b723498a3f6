#include "io/picture.h"

#include <cctype>
#include <optional>
#include <utility>
#include <vector>

namespace whipcount {

Result<PictureFormat> FormatOfPath(std::string_view path) {
  const size_t dot = path.rfind('.');
  const size_t slash = path.rfind('/');
  if (dot != std::string_view::npos && (slash == std::string_view::npos || dot > slash)) {
    std::string extension(path.substr(dot + 1));
    for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (const std::optional<PictureFormat> format = ParseEnum<PictureFormat>(extension)) {
      return *format;
    }
  }
  std::vector<std::string> dotted;
  for (std::string_view name : EnumNames<PictureFormat>())
    dotted.push_back("." + std::string(name));
  return Status(ErrorCode::kInvalidValue, "cannot tell the picture format from the name '" +
                                              std::string(path) + "': end it in " +
                                              JoinWords({dotted.begin(), dotted.end()}, "or") +
                                              " (in any case), or give --format");
}

bool IsBinary(PictureFormat format) {
  switch (format) {
    case PictureFormat::kSvg:
      return false;
    case PictureFormat::kPng:
    case PictureFormat::kPdf:
      return true;
  }
  return true;
}

Result<std::string> RenderPicture(std::string svg, PictureFormat format, const PngOptions& png) {
  switch (format) {
    case PictureFormat::kSvg:
      return svg;
    case PictureFormat::kPng:
      return RenderPng(svg, png);
    case PictureFormat::kPdf:
      return RenderPdf(svg);
  }
  return Status(ErrorCode::kInvalidValue, "unknown picture format");
}

}  // namespace whipcount
