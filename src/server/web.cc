// Serves the dashboard's embedded files (web.h).
#include "server/web.h"

#include <cstdint>
#include <string>

namespace whipcount::server {
namespace {

constexpr std::string_view kPrefix = "/ui/";

std::string ContentTypeOf(std::string_view name) {
  const std::string_view ext = name.substr(name.rfind('.') + 1);
  if (ext == "html") return "text/html; charset=utf-8";
  if (ext == "js") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "json") return "application/json";
  return "application/octet-stream";
}

// FNV-1a of the bytes: a validator for the browser's cache, not a security measure.
std::string ETagOf(std::string_view body) {
  std::uint64_t h = 14695981039346656037ULL;
  for (const char c : body) {
    h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  }
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string tag = "\"";
  for (int shift = 60; shift >= 0; shift -= 4) tag += kHex[(h >> shift) & 0xF];
  return tag + "\"";
}

}  // namespace

std::optional<Response> ServeWeb(const Request& request) {
  std::string_view name;
  if (request.path == "/") {
    name = "index.html";
  } else if (request.path.starts_with(kPrefix)) {
    name = std::string_view(request.path).substr(kPrefix.size());
  } else {
    return std::nullopt;
  }
  if (request.method != "GET" && request.method != "HEAD") {
    Response r = ErrorResponse(
        Status(ErrorCode::kMethodNotAllowed, request.method + " is not allowed here; use GET"));
    r.headers.emplace_back("Allow", "GET, HEAD");
    return r;
  }
  for (const WebAsset& asset : WebAssets()) {
    if (asset.name != name) continue;
    const std::string etag = ETagOf(asset.body);
    Response r{.content_type = ContentTypeOf(name)};
    r.headers = {{"ETag", etag},
                 {"Cache-Control", "no-cache"},
                 {"X-Content-Type-Options", "nosniff"},
                 // The page runs only its own scripts and talks only to this server; the
                 // diagrams it inserts are the server's SVG, whose style attributes need
                 // 'unsafe-inline' for styles (never for scripts).
                 {"Content-Security-Policy",
                  "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: "
                  "blob:; object-src 'none'; base-uri 'none'"}};
    if (request.Header("if-none-match") == etag) {
      r.status = 304;
    } else {
      r.body = std::string(asset.body);
    }
    return r;
  }
  return ErrorResponse(
      Status(ErrorCode::kNotFound, "no file " + request.path + " in the dashboard"));
}

}  // namespace whipcount::server
