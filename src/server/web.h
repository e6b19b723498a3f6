// The dashboard's files (web/), carried inside the binary and served at / and /ui/NAME.
#ifndef WHIPCOUNT_SERVER_WEB_H_
#define WHIPCOUNT_SERVER_WEB_H_

#include <optional>
#include <string_view>
#include <vector>

#include "server/http.h"

namespace whipcount::server {

struct WebAsset {
  std::string_view name;  // its path under web/: "index.html", "app.js"
  std::string_view body;
};

// Every file of web/, as the build embedded them (cmake/EmbedFiles.cmake).
const std::vector<WebAsset>& WebAssets();

// The answer to a request for the dashboard: GET or HEAD of / (index.html) or /ui/NAME; nullopt
// for any other path (the API's). An unknown name is 404; another method is 405. Each answer
// carries an ETag of its bytes and asks the browser to check it before reuse, so a new build's
// page is never mixed with an old one's script; If-None-Match that matches is 304.
std::optional<Response> ServeWeb(const Request& request);

}  // namespace whipcount::server

#endif  // WHIPCOUNT_SERVER_WEB_H_
