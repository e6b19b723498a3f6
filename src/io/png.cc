// Rasterising through librsvg: parse the SVG into a handle, render it onto a cairo image surface
// painted white, and let cairo encode the PNG into memory.
#include "io/png.h"

#include <cairo.h>
#include <librsvg/rsvg.h>

#include <cmath>
#include <memory>
#include <string>

namespace whipcount {
namespace {

struct GObjectUnref {
  void operator()(void* p) const { g_object_unref(p); }
};
struct GErrorFree {
  void operator()(GError* e) const { g_error_free(e); }
};
struct SurfaceDestroy {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoDestroy {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

Status RsvgError(std::string_view what, GError* error) {
  std::unique_ptr<GError, GErrorFree> owned(error);
  std::string message = "cannot rasterise the SVG: " + std::string(what);
  if (owned) message += ": " + std::string(owned->message);
  return {ErrorCode::kIo, message};
}

}  // namespace

Result<std::string> RenderPng(std::string_view svg, const PngOptions& options) {
  if (!(options.scale > 0 && options.scale <= 16)) {
    return Status(ErrorCode::kInvalidValue, "PNG scale must be in (0, 16]");
  }
  GError* error = nullptr;
  std::unique_ptr<RsvgHandle, GObjectUnref> handle(
      rsvg_handle_new_from_data(reinterpret_cast<const guint8*>(svg.data()), svg.size(), &error));
  if (!handle) return RsvgError("librsvg could not read it", error);

  gdouble width = 0;
  gdouble height = 0;
  if (!rsvg_handle_get_intrinsic_size_in_pixels(handle.get(), &width, &height) || width <= 0 ||
      height <= 0) {
    return RsvgError("it has no width and height in pixels", nullptr);
  }
  const int px_width = static_cast<int>(std::ceil(width * options.scale));
  const int px_height = static_cast<int>(std::ceil(height * options.scale));
  if (px_width > 32767 || px_height > 32767) {
    return Status(ErrorCode::kTooLarge, "the PNG would be larger than 32767 pixels a side");
  }
  std::unique_ptr<cairo_surface_t, SurfaceDestroy> surface(
      cairo_image_surface_create(CAIRO_FORMAT_ARGB32, px_width, px_height));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return RsvgError("cairo could not make the image", nullptr);
  }
  std::unique_ptr<cairo_t, CairoDestroy> cr(cairo_create(surface.get()));
  cairo_set_source_rgb(cr.get(), 1, 1, 1);
  cairo_paint(cr.get());
  const RsvgRectangle viewport = {0, 0, width * options.scale, height * options.scale};
  if (!rsvg_handle_render_document(handle.get(), cr.get(), &viewport, &error)) {
    return RsvgError("librsvg could not draw it", error);
  }
  cairo_surface_flush(surface.get());
  std::string png;
  if (cairo_surface_write_to_png_stream(surface.get(), AppendToString, &png) !=
      CAIRO_STATUS_SUCCESS) {
    return RsvgError("cairo could not encode the PNG", nullptr);
  }
  return png;
}

}  // namespace whipcount
