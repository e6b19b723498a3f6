#include "server/response_cache.h"

namespace whipcount::server {

std::string ResponseCache::Key(std::int64_t version, std::string_view target) {
  return std::to_string(version) + " " + std::string(target);
}

std::optional<Response> ResponseCache::Find(const std::string& key) {
  const std::lock_guard lock(mutex_);
  const auto it = index_.find(key);
  if (it == index_.end()) return std::nullopt;
  entries_.splice(entries_.begin(), entries_, it->second);
  return it->second->response;
}

void ResponseCache::Add(const std::string& key, const Response& response) {
  std::size_t bytes = key.size() + response.body.size() + response.content_type.size();
  for (const auto& [name, value] : response.headers) bytes += name.size() + value.size();
  if (bytes > max_bytes_ / 8) return;
  const std::lock_guard lock(mutex_);
  if (index_.contains(key)) return;  // another thread answered the same meanwhile
  entries_.push_front({key, response, bytes});
  index_.emplace(entries_.front().key, entries_.begin());
  bytes_ += bytes;
  while (bytes_ > max_bytes_) {
    const Entry& oldest = entries_.back();
    bytes_ -= oldest.bytes;
    index_.erase(oldest.key);
    entries_.pop_back();
  }
}

}  // namespace whipcount::server
