// Rasterising through librsvg: parse the SVG into a handle, render it onto a cairo image surface
// painted white, and let cairo encode the PNG into memory.
//
// librsvg and cairo are loaded with dlopen the first time a PNG is asked for. Linking them
// directly would make every whipcount process load some fifty shared libraries at start-up
// (about 10–25 ms on our machines) whether or not it draws a PNG; `whipcount draw` as a whole
// must finish in under 20 ms. The headers still type-check every call.
#include "io/png.h"

#include <cairo.h>
#include <dlfcn.h>
#include <librsvg/rsvg.h>

#include <cmath>
#include <memory>
#include <string>

namespace whipcount {
namespace {

// The librsvg and cairo entry points we use, resolved once.
struct Rsvg {
  decltype(&rsvg_handle_new_from_data) new_from_data = nullptr;
  decltype(&rsvg_handle_get_intrinsic_size_in_pixels) intrinsic_size = nullptr;
  decltype(&rsvg_handle_render_document) render_document = nullptr;
  decltype(&g_object_unref) object_unref = nullptr;
  decltype(&g_error_free) error_free = nullptr;
  decltype(&cairo_image_surface_create) image_surface_create = nullptr;
  decltype(&cairo_surface_status) surface_status = nullptr;
  decltype(&cairo_surface_flush) surface_flush = nullptr;
  decltype(&cairo_surface_write_to_png_stream) write_to_png_stream = nullptr;
  decltype(&cairo_surface_destroy) surface_destroy = nullptr;
  decltype(&cairo_create) create = nullptr;
  decltype(&cairo_set_source_rgb) set_source_rgb = nullptr;
  decltype(&cairo_paint) paint = nullptr;
  decltype(&cairo_destroy) destroy = nullptr;
  std::string error;  // why loading failed; empty when every symbol resolved
};

template <typename F>
void Resolve(void* library, const char* name, F& f, std::string& error) {
  f = reinterpret_cast<F>(dlsym(library, name));
  if (f == nullptr && error.empty()) error = std::string("librsvg lacks ") + name;
}

// Loaded on first use and kept for the life of the process (never dlclosed); the static's
// initialisation is thread-safe.
const Rsvg& LoadRsvg() {
  static const Rsvg kRsvg = [] {
    Rsvg r;
    void* lib = dlopen("librsvg-2.so.2", RTLD_NOW | RTLD_LOCAL);
    if (lib == nullptr) lib = dlopen("librsvg-2.so", RTLD_NOW | RTLD_LOCAL);
    if (lib == nullptr) {
      const char* why = dlerror();
      r.error = "PNG output needs librsvg (Debian package librsvg2-2): " +
                std::string(why != nullptr ? why : "not found");
      return r;
    }
    // Symbols of librsvg's own dependencies (glib, cairo) resolve through its handle.
    Resolve(lib, "rsvg_handle_new_from_data", r.new_from_data, r.error);
    Resolve(lib, "rsvg_handle_get_intrinsic_size_in_pixels", r.intrinsic_size, r.error);
    Resolve(lib, "rsvg_handle_render_document", r.render_document, r.error);
    Resolve(lib, "g_object_unref", r.object_unref, r.error);
    Resolve(lib, "g_error_free", r.error_free, r.error);
    Resolve(lib, "cairo_image_surface_create", r.image_surface_create, r.error);
    Resolve(lib, "cairo_surface_status", r.surface_status, r.error);
    Resolve(lib, "cairo_surface_flush", r.surface_flush, r.error);
    Resolve(lib, "cairo_surface_write_to_png_stream", r.write_to_png_stream, r.error);
    Resolve(lib, "cairo_surface_destroy", r.surface_destroy, r.error);
    Resolve(lib, "cairo_create", r.create, r.error);
    Resolve(lib, "cairo_set_source_rgb", r.set_source_rgb, r.error);
    Resolve(lib, "cairo_paint", r.paint, r.error);
    Resolve(lib, "cairo_destroy", r.destroy, r.error);
    return r;
  }();
  return kRsvg;
}

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

Status Failure(const Rsvg& r, std::string_view what, GError* error) {
  std::string message = "cannot rasterise the SVG: " + std::string(what);
  if (error != nullptr) {
    message += ": ";
    message += error->message;
    r.error_free(error);
  }
  return {ErrorCode::kIo, message};
}

}  // namespace

Result<std::string> RenderPng(std::string_view svg, const PngOptions& options) {
  if (!(options.scale > 0 && options.scale <= 16)) {
    return Status(ErrorCode::kInvalidValue, "PNG scale must be in (0, 16]");
  }
  const Rsvg& r = LoadRsvg();
  if (!r.error.empty()) return Status(ErrorCode::kIo, r.error);

  GError* error = nullptr;
  std::unique_ptr<RsvgHandle, decltype(r.object_unref)> handle(
      r.new_from_data(reinterpret_cast<const guint8*>(svg.data()), svg.size(), &error),
      r.object_unref);
  if (!handle) return Failure(r, "librsvg could not read it", error);

  gdouble width = 0;
  gdouble height = 0;
  if (!r.intrinsic_size(handle.get(), &width, &height) || width <= 0 || height <= 0) {
    return Failure(r, "it has no width and height in pixels", nullptr);
  }
  const double px_width = std::ceil(width * options.scale);
  const double px_height = std::ceil(height * options.scale);
  if (px_width > 32767 || px_height > 32767) {
    return Status(ErrorCode::kTooLarge, "the PNG would be larger than 32767 pixels a side");
  }
  std::unique_ptr<cairo_surface_t, decltype(r.surface_destroy)> surface(
      r.image_surface_create(CAIRO_FORMAT_ARGB32, static_cast<int>(px_width),
                             static_cast<int>(px_height)),
      r.surface_destroy);
  if (r.surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return Failure(r, "cairo could not make the image", nullptr);
  }
  {
    std::unique_ptr<cairo_t, decltype(r.destroy)> cr(r.create(surface.get()), r.destroy);
    r.set_source_rgb(cr.get(), 1, 1, 1);
    r.paint(cr.get());
    const RsvgRectangle viewport = {0, 0, width * options.scale, height * options.scale};
    if (!r.render_document(handle.get(), cr.get(), &viewport, &error)) {
      return Failure(r, "librsvg could not draw it", error);
    }
  }
  r.surface_flush(surface.get());
  std::string png;
  if (r.write_to_png_stream(surface.get(), AppendToString, &png) != CAIRO_STATUS_SUCCESS) {
    return Failure(r, "cairo could not encode the PNG", nullptr);
  }
  return png;
}

}  // namespace whipcount
