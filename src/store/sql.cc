// The helpers of the SQL layer that both databases share.
#include "store/sql.h"

#include <charconv>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <string>
#include <string_view>

namespace whipcount::store {

std::string NowUtc() {
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  const std::chrono::system_clock::time_point now = std::chrono::system_clock::now();
  const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  const auto millis = duration_cast<milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  std::string text(sizeof "2026-12-03T11:20:05.123Z", '\0');
  const int length = std::snprintf(text.data(), text.size(), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                                   utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour,
                                   utc.tm_min, utc.tm_sec, static_cast<int>(millis));
  text.resize(static_cast<std::size_t>(length));
  return text;
}

Result<std::int64_t> IntColumn(const SqlRow& row, std::size_t column) {
  const std::optional<std::string>& text = row.at(column);
  std::int64_t value = 0;
  if (text.has_value()) {
    const char* end = text->data() + text->size();
    const auto [stop, error] = std::from_chars(text->data(), end, value);
    if (error == std::errc() && stop == end) return value;
  }
  return Status(ErrorCode::kStorage, "the database returned " + text.value_or("NULL") +
                                         " where a number belongs: is it damaged?");
}

std::string TextColumn(const SqlRow& row, std::size_t column) {
  return row.at(column).value_or("");
}

namespace {

// `query` ("a=1&password=x&b=2") without its password parameter.
std::string QueryWithoutPassword(std::string_view query) {
  std::string kept;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view parameter = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (parameter.starts_with("password=")) continue;
    if (!kept.empty()) kept += '&';
    kept += parameter;
  }
  return kept;
}

}  // namespace

std::string WithoutPassword(std::string_view url) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  const std::size_t authority_start = scheme_end + 3;
  const std::size_t authority_end = url.find_first_of("/?", authority_start);
  std::string_view authority = url.substr(authority_start, authority_end - authority_start);
  std::string result(url.substr(0, authority_start));
  const std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) {
    const std::string_view user_info = authority.substr(0, at);
    result += user_info.substr(0, user_info.find(':'));
    authority.remove_prefix(at);
  }
  result += authority;
  if (authority_end == std::string_view::npos) return result;
  const std::string_view rest = url.substr(authority_end);
  const std::size_t question = rest.find('?');
  result += rest.substr(0, question);
  if (question != std::string_view::npos) {
    const std::string query = QueryWithoutPassword(rest.substr(question + 1));
    if (!query.empty()) result += "?" + query;
  }
  return result;
}

std::string OneLine(std::string_view message) {
  std::string line;
  bool space = false;
  for (const char c : message) {
    if (c == '\n' || c == '\t' || c == '\r' || c == ' ') {
      space = !line.empty();
      continue;
    }
    if (space) line += ' ';
    space = false;
    line += c;
  }
  return line;
}

}  // namespace whipcount::store
