#include "support/run_in_process.h"

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "commands/commands.h"

namespace whipcount::cli {

CliRun RunInProcess(const std::vector<std::string>& argv, std::optional<size_t> width) {
  std::ostringstream out;
  std::ostringstream err;
  Io io{out, err, false, width};
  const std::filesystem::path old = std::filesystem::current_path();
  std::filesystem::current_path(WHIPCOUNT_SOURCE_DIR);
  const int code = Main(argv, io);
  std::filesystem::current_path(old);
  return {code, out.str(), err.str()};
}

std::vector<std::string> ShippedChamberFiles() {
  std::vector<std::string> files;
  for (const auto& e :
       std::filesystem::directory_iterator(std::filesystem::path(WHIPCOUNT_SOURCE_DIR) / "data")) {
    if (e.path().extension() == ".yaml") files.push_back("data/" + e.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace whipcount::cli
