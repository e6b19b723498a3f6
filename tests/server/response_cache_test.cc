// The server's kept answers (response_cache.h): found by version and target, least recently used
// dropped first within the byte budget, never an answer too large for it, safe across threads.
#include "server/response_cache.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace whipcount::server {
namespace {

Response Answer(std::string body) {
  return {
      .content_type = "application/json", .headers = {{"ETag", "\"1\""}}, .body = std::move(body)};
}

// The bytes an entry counts: key, body, content type and headers.
std::size_t Bytes(const std::string& key, const Response& r) {
  return key.size() + r.body.size() + r.content_type.size() + 4 + 3;
}

TEST(ResponseCacheTest, AnAnswerIsFoundByItsVersionAndTargetOnly) {
  ResponseCache cache(1 << 20);
  const std::string key = ResponseCache::Key(3, "/api/cases/pk/tally?date=2022-03-29");
  EXPECT_EQ(key, "3 /api/cases/pk/tally?date=2022-03-29");
  cache.Add(key, Answer("{\"for\": 169}"));
  const std::optional<Response> found = cache.Find(key);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->body, "{\"for\": 169}");
  EXPECT_EQ(found->headers, Answer("").headers);
  EXPECT_FALSE(cache.Find(ResponseCache::Key(4, "/api/cases/pk/tally?date=2022-03-29")));
  EXPECT_FALSE(cache.Find(ResponseCache::Key(3, "/api/cases/pk/tally?date=2022-03-30")));
  // The first answer kept stays: another thread's equal answer does not replace it.
  cache.Add(key, Answer("{\"for\": 0}"));
  EXPECT_EQ(cache.Find(key)->body, "{\"for\": 169}");
}

TEST(ResponseCacheTest, TheLeastRecentlyUsedGoFirstWithinTheBudget) {
  const Response r = Answer(std::string(100, 'x'));
  std::vector<std::string> keys;  // all of one length, so each entry counts the same bytes
  keys.reserve(10);
  for (int i = 0; i < 10; ++i) keys.push_back(ResponseCache::Key(1, "/k" + std::to_string(i)));
  ResponseCache cache(10 * Bytes(keys[0], r));  // room for ten
  for (const std::string& k : keys) cache.Add(k, r);
  for (const std::string& k : keys) EXPECT_TRUE(cache.Find(k)) << k;
  // Using the first makes the second the oldest: one more answer drops it alone.
  ASSERT_TRUE(cache.Find(keys[0]));
  const std::string newer = ResponseCache::Key(2, "/k0");
  cache.Add(newer, r);
  EXPECT_TRUE(cache.Find(newer));
  EXPECT_TRUE(cache.Find(keys[0]));
  EXPECT_FALSE(cache.Find(keys[1]));
  for (size_t i = 2; i < keys.size(); ++i) EXPECT_TRUE(cache.Find(keys[i])) << keys[i];
}

TEST(ResponseCacheTest, AnAnswerOverAnEighthOfTheBudgetIsNotKept) {
  ResponseCache cache(8000);
  const std::string key = ResponseCache::Key(1, "/big");
  cache.Add(key, Answer(std::string(1000, 'x')));
  EXPECT_FALSE(cache.Find(key));
  cache.Add(key, Answer(std::string(900, 'x')));
  EXPECT_TRUE(cache.Find(key));
  ResponseCache none(0);
  none.Add(key, Answer("{}"));
  EXPECT_FALSE(none.Find(key));
}

TEST(ResponseCacheTest, ThreadsAddingAndFindingAtOnceKeepItConsistent) {
  ResponseCache cache(64 << 10);
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&cache, t] {
      for (int i = 0; i < 2000; ++i) {
        const std::string key = ResponseCache::Key(i % 7, "/" + std::to_string((i * 31 + t) % 97));
        if (const std::optional<Response> found = cache.Find(key)) {
          EXPECT_EQ(found->body, key);
        } else {
          cache.Add(key, Answer(key));
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
}

}  // namespace
}  // namespace whipcount::server
