#include "io/picture.h"

#include <utility>

namespace whipcount {

PictureFormat FormatOfPath(std::string_view path) {
  for (const Named<PictureFormat>& entry : NameTable<PictureFormat>::kEntries) {
    const std::string extension = "." + std::string(entry.name);
    if (path.size() >= extension.size() &&
        path.substr(path.size() - extension.size()) == extension) {
      return entry.value;
    }
  }
  return PictureFormat::kSvg;
}

bool IsBinary(PictureFormat format) {
  switch (format) {
    case PictureFormat::kSvg:
      return false;
    case PictureFormat::kPng:
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
  }
  return Status(ErrorCode::kInvalidValue, "unknown picture format");
}

}  // namespace whipcount
