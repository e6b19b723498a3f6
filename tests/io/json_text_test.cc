// io::JsonText writes a document itself, for speed; it must write exactly what nlohmann's
// dump(2, ' ', false, replace) writes, for any document: checked on seeded random documents with
// every kind of value, strings with escapes, control characters, non-ASCII text and bytes that are
// not UTF-8, and on the edge cases one by one.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>

#include "io/json_out.h"

namespace whipcount::io {
namespace {

using Json = nlohmann::ordered_json;

std::string Reference(const Json& document) {
  return document.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

// A string of bytes drawn from pieces that exercise each path: plain ASCII, the escapes,
// control characters, UTF-8 of 2 to 4 bytes, U+FFFF, and bytes that are not UTF-8.
std::string RandomText(std::mt19937_64& rng) {
  static const std::vector<std::string> kPieces = {"a",
                                                   "MQM-P",
                                                   " ",
                                                   "\"",
                                                   "\\",
                                                   "\t",
                                                   "\n",
                                                   "\r",
                                                   "\x01",
                                                   "\x1f",
                                                   "\x7f",
                                                   "/",
                                                   "\xC3\xA9",
                                                   "\xE2\x80\x93",
                                                   "\xF0\x9F\x97\xB3",
                                                   "\xEF\xBF\xBF",
                                                   "\xC2\x85",
                                                   "\xFF",
                                                   "\xC3",
                                                   "\xE2\x80",
                                                   "\xED\xA0\x80",
                                                   "\xC0\xAF"};
  std::string text;
  const auto n = std::uniform_int_distribution<int>(0, 8)(rng);
  for (int i = 0; i < n; ++i) {
    text += kPieces[std::uniform_int_distribution<size_t>(0, kPieces.size() - 1)(rng)];
  }
  return text;
}

Json RandomValue(std::mt19937_64& rng, int depth) {
  switch (std::uniform_int_distribution<int>(0, depth > 3 ? 6 : 8)(rng)) {
    case 0:
      return nullptr;
    case 1:
      return std::uniform_int_distribution<int>(0, 1)(rng) == 1;
    case 2:
      return std::uniform_int_distribution<std::int64_t>(
          std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max())(rng);
    case 3:
      return std::uniform_int_distribution<std::uint64_t>()(rng);
    case 4: {
      static const std::vector<double> kNumbers = {
          0.0, -0.0, 0.5, 166.31000000000003, 1e-178, 3.082274043098315e-178, 1e300, -2.5, 100.0};
      return kNumbers[std::uniform_int_distribution<size_t>(0, kNumbers.size() - 1)(rng)];
    }
    case 5:
    case 6:
      return RandomText(rng);
    case 7: {
      Json array = Json::array();
      const auto n = std::uniform_int_distribution<int>(0, 4)(rng);
      for (int i = 0; i < n; ++i) array.push_back(RandomValue(rng, depth + 1));
      return array;
    }
    default: {
      Json object = Json::object();
      const auto n = std::uniform_int_distribution<int>(0, 4)(rng);
      for (int i = 0; i < n; ++i) object[RandomText(rng)] = RandomValue(rng, depth + 1);
      return object;
    }
  }
}

TEST(JsonTextTest, WritesWhatNlohmannWritesForRandomDocuments) {
  std::mt19937_64 rng(20261203);
  for (int i = 0; i < 3000; ++i) {
    const Json document = RandomValue(rng, 0);
    ASSERT_EQ(JsonText(document), Reference(document)) << "document " << i;
  }
}

TEST(JsonTextTest, WritesWhatNlohmannWritesForEdgeCases) {
  for (const Json& document :
       {Json(nullptr), Json::object(), Json::array(), Json("x"),
        Json{{"a", Json::object()}, {"b", Json::array()}},
        Json{{"nested", {{"deep", {1, 2, {{"x", nullptr}}}}}}},
        Json(std::numeric_limits<double>::quiet_NaN()),
        Json(std::numeric_limits<double>::infinity()), Json(std::string("a\0b", 3)),
        Json("\xFF\xFE"), Json("Muttahida Qaumi Movement \xE2\x80\x93 Pakistan")}) {
    EXPECT_EQ(JsonText(document), Reference(document)) << Reference(document);
  }
}

}  // namespace
}  // namespace whipcount::io
