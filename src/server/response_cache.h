// The server's answers to analyses, kept for the next request that asks the same. An analysis is
// a function of the case at one version and of the request's parameters alone (the engine is
// deterministic, Monte Carlo included: its seed is a parameter), so an answer stays right for as
// long as its case is at that version, and a newsroom's pages ask the same count again and again.
#ifndef WHIPCOUNT_SERVER_RESPONSE_CACHE_H_
#define WHIPCOUNT_SERVER_RESPONSE_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "server/http.h"

namespace whipcount::server {

// Responses by case version and request target, at most `max_bytes` of them (bodies, headers and
// keys), the least recently used dropped first; a response larger than an eighth of that is not
// kept. A later version of a case never finds an earlier one's answers: theirs are dropped as
// they age. Thread-safe.
class ResponseCache {
 public:
  explicit ResponseCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  // The key of a GET of `target` on a case at `version`.
  static std::string Key(std::int64_t version, std::string_view target);

  // A copy of the response kept under `key`, if any.
  std::optional<Response> Find(const std::string& key);
  // Keeps `response` (an ordinary response, not a stream) under `key`.
  void Add(const std::string& key, const Response& response);

 private:
  struct Entry {
    std::string key;
    Response response;
    std::size_t bytes = 0;
  };

  const std::size_t max_bytes_;
  std::mutex mutex_;
  std::list<Entry> entries_;  // the most recently used first
  std::unordered_map<std::string_view, std::list<Entry>::iterator> index_;  // views entries' keys
  std::size_t bytes_ = 0;
};

}  // namespace whipcount::server

#endif  // WHIPCOUNT_SERVER_RESPONSE_CACHE_H_
