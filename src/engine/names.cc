#include "whipcount/names.h"

namespace whipcount {

std::string JoinWords(const std::vector<std::string_view>& words, std::string_view conjunction) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) {
      const bool last = i + 1 == words.size() && !conjunction.empty();
      out += last ? " " + std::string(conjunction) + " " : ", ";
    }
    out += words[i];
  }
  return out;
}

}  // namespace whipcount
