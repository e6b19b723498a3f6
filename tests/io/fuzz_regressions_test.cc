// The fuzz targets' properties (fuzz/properties.h) over every input kept in the repository: the
// seed corpora (fuzz/corpus/<target>/) and the inputs that once broke a property or crashed
// (fuzz/regressions/<target>/). Runs in the ordinary build, without libFuzzer.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/properties.h"

namespace whipcount::fuzz {
namespace {

namespace fs = std::filesystem;

// The files kept for `target`, corpus and regressions, in a stable order.
std::vector<fs::path> Inputs(std::string_view target) {
  std::vector<fs::path> files;
  for (const char* kind : {"corpus", "regressions"}) {
    const fs::path dir = fs::path(WHIPCOUNT_SOURCE_DIR) / "fuzz" / kind / target;
    if (!fs::is_directory(dir)) continue;
    for (const fs::directory_entry& e : fs::directory_iterator(dir)) {
      if (e.is_regular_file() && e.path().filename() != ".gitkeep") files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string Read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void ExpectEveryInputHolds(std::string_view target,
                           const std::function<std::string(std::string_view)>& check) {
  const std::vector<fs::path> inputs = Inputs(target);
  ASSERT_FALSE(inputs.empty()) << "no seed corpus for " << target;
  for (const fs::path& input : inputs) {
    EXPECT_EQ(check(Read(input)), "") << input;
  }
}

TEST(FuzzRegressionsTest, ChamberFile) { ExpectEveryInputHolds("chamber_file", CheckChamberFile); }
TEST(FuzzRegressionsTest, GameFile) { ExpectEveryInputHolds("game_file", CheckGameFile); }
TEST(FuzzRegressionsTest, Spreadsheet) { ExpectEveryInputHolds("spreadsheet", CheckSpreadsheet); }
TEST(FuzzRegressionsTest, ForecastSection) {
  ExpectEveryInputHolds("forecast_section", CheckForecastSection);
}

}  // namespace
}  // namespace whipcount::fuzz
