// The HTTP API of `whipcount serve` (docs/server.md): cases, their event logs, tokens, every
// analysis the command line has (run by the same commands, on the stored case) and a live stream
// per case. The transport (http.h) calls Handle for each request; the store (store.h) calls
// Changed after every committed change, whichever server made it.
#ifndef WHIPCOUNT_SERVER_API_H_
#define WHIPCOUNT_SERVER_API_H_

#include <chrono>
#include <cstddef>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "server/http.h"
#include "store/store.h"
#include "whipcount/result.h"

namespace whipcount::server {

struct ApiOptions {
  // Anyone may read (cases, events, analyses, streams) without a token; writes still need one.
  bool public_read = false;
  // How long an expensive analysis (forecast, power, coalitions) may run before the request is
  // answered 503 (E507); its worker finishes on its own, within the engine's work limits.
  std::chrono::milliseconds analysis_limit{10'000};
  int analysis_workers = 2;
  // The analyses' answers kept for requests that ask the same again (response_cache.h), in bytes;
  // 0 keeps none.
  std::size_t response_cache_bytes = std::size_t{64} << 20;
};

class Api {
 public:
  Api(store::Store& store, ApiOptions options);
  ~Api();
  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

  // Answers one request. Never throws.
  Response Handle(const Request& request);

  // Creates a case from the chamber file at `path` (with its rulebook and events file) unless a
  // case of that id exists, or is made meanwhile by another server on the database; the id is
  // the file's name without its extension. Returns a line saying what it did.
  Result<std::string> ImportFile(const std::string& path, const std::string& author);

  // Sends the new count to the case's live streams.
  void Changed(const store::Change& change);

  // Closes every live stream (the server is stopping).
  void CloseStreams();

  // The OpenAPI 3 document of the routes Handle answers.
  const nlohmann::ordered_json& OpenApi() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace whipcount::server

#endif  // WHIPCOUNT_SERVER_API_H_
