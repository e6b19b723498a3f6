// Drawing through librsvg: parse the SVG into a handle, render it onto a cairo surface (an image
// painted white for PNG, a PDF page for PDF) and let cairo encode the file into memory.
//
// librsvg and cairo are loaded with dlopen the first time a PNG or PDF is asked for. Linking them
// directly would make every whipcount process load some fifty shared libraries at start-up
// (about 10–25 ms on our machines) whether or not it draws a PNG; `whipcount draw` as a whole
// must finish in under 20 ms. The headers still type-check every call.
#include "io/render.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <dlfcn.h>
#include <librsvg/rsvg.h>

#include <cmath>
#include <cstdint>
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
  decltype(&cairo_pdf_surface_create_for_stream) pdf_surface_create = nullptr;
  decltype(&cairo_surface_finish) surface_finish = nullptr;
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
      r.error = "PNG and PDF output need librsvg (Debian package librsvg2-2): " +
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
    Resolve(lib, "cairo_pdf_surface_create_for_stream", r.pdf_surface_create, r.error);
    Resolve(lib, "cairo_surface_finish", r.surface_finish, r.error);
    return r;
  }();
  return kRsvg;
}

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

Status Failure(const Rsvg& r, std::string_view what, GError* error) {
  std::string message = "cannot draw the SVG: " + std::string(what);
  if (error != nullptr) {
    message += ": ";
    message += error->message;
    r.error_free(error);
  }
  return {ErrorCode::kIo, message};
}

using Handle = std::unique_ptr<RsvgHandle, decltype(&g_object_unref)>;
using Surface = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;

// The librsvg handle of `svg` and its size in CSS pixels.
struct Document {
  Handle handle{nullptr, nullptr};
  double width = 0;
  double height = 0;
};

Result<Document> ReadDocument(const Rsvg& r, std::string_view svg) {
  GError* error = nullptr;
  Document doc{
      Handle(r.new_from_data(reinterpret_cast<const guint8*>(svg.data()), svg.size(), &error),
             r.object_unref)};
  if (!doc.handle) return Failure(r, "librsvg could not read it", error);
  if (!r.intrinsic_size(doc.handle.get(), &doc.width, &doc.height) || doc.width <= 0 ||
      doc.height <= 0) {
    return Failure(r, "it has no width and height in pixels", nullptr);
  }
  return doc;
}

// Draws the document onto `surface`, filling a `width` x `height` viewport (in the surface's
// units), on white when `white` is set.
Status Draw(const Rsvg& r, const Document& doc, cairo_surface_t* surface, double width,
            double height, bool white) {
  std::unique_ptr<cairo_t, decltype(r.destroy)> cr(r.create(surface), r.destroy);
  if (white) {
    r.set_source_rgb(cr.get(), 1, 1, 1);
    r.paint(cr.get());
  }
  const RsvgRectangle viewport = {0, 0, width, height};
  GError* error = nullptr;
  if (!r.render_document(doc.handle.get(), cr.get(), &viewport, &error)) {
    return Failure(r, "librsvg could not draw it", error);
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> RenderPng(std::string_view svg, const PngOptions& options) {
  if (!(options.scale > 0 && options.scale <= 16)) {
    return Status(ErrorCode::kInvalidValue, "PNG scale must be in (0, 16]");
  }
  const Rsvg& r = LoadRsvg();
  if (!r.error.empty()) return Status(ErrorCode::kIo, r.error);
  WHIPCOUNT_ASSIGN_OR_RETURN(const Document doc, ReadDocument(r, svg));
  const double px_width = std::ceil(doc.width * options.scale);
  const double px_height = std::ceil(doc.height * options.scale);
  if (px_width > kMaxPngSide || px_height > kMaxPngSide || px_width * px_height > kMaxPngPixels) {
    return Status(ErrorCode::kTooLarge,
                  "the PNG would be " + std::to_string(static_cast<std::int64_t>(px_width)) +
                      " by " + std::to_string(static_cast<std::int64_t>(px_height)) +
                      " pixels, past the limit of 32767 a side and 134217728 in all");
  }
  Surface surface(r.image_surface_create(CAIRO_FORMAT_ARGB32, static_cast<int>(px_width),
                                         static_cast<int>(px_height)),
                  r.surface_destroy);
  if (r.surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return Failure(r, "cairo could not make the image", nullptr);
  }
  WHIPCOUNT_RETURN_IF_ERROR(Draw(r, doc, surface.get(), doc.width * options.scale,
                                 doc.height * options.scale, /*white=*/true));
  r.surface_flush(surface.get());
  std::string png;
  if (r.write_to_png_stream(surface.get(), AppendToString, &png) != CAIRO_STATUS_SUCCESS) {
    return Failure(r, "cairo could not encode the PNG", nullptr);
  }
  return png;
}

Result<std::string> RenderPdf(std::string_view svg) {
  const Rsvg& r = LoadRsvg();
  if (!r.error.empty()) return Status(ErrorCode::kIo, r.error);
  WHIPCOUNT_ASSIGN_OR_RETURN(const Document doc, ReadDocument(r, svg));
  // CSS pixels are 1/96 inch, PDF points 1/72.
  constexpr double kPointsPerPixel = 72.0 / 96.0;
  const double width = doc.width * kPointsPerPixel;
  const double height = doc.height * kPointsPerPixel;
  if (width > 14400 || height > 14400) {
    return Status(ErrorCode::kTooLarge, "the PDF page would be larger than 200 inches a side");
  }
  std::string pdf;
  {
    Surface surface(r.pdf_surface_create(AppendToString, &pdf, width, height), r.surface_destroy);
    if (r.surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
      return Failure(r, "cairo could not make the PDF", nullptr);
    }
    WHIPCOUNT_RETURN_IF_ERROR(Draw(r, doc, surface.get(), width, height, /*white=*/false));
    r.surface_finish(surface.get());
    if (r.surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
      return Failure(r, "cairo could not write the PDF", nullptr);
    }
  }
  return pdf;
}

}  // namespace whipcount
