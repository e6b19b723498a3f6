// Running whipcount in-process for the CLI tests, in the source tree, on the shipped data.
#ifndef WHIPCOUNT_TESTS_CLI_RUN_CLI_H_
#define WHIPCOUNT_TESTS_CLI_RUN_CLI_H_

#include <algorithm>
#include <filesystem>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace whipcount::cli::in_process {

struct Outcome {
  int code = 0;
  std::string out;
  std::string err;
};

// Runs whipcount with `argv` in the source tree: as on a terminal `width` columns wide when one
// is given, else as into a pipe.
inline Outcome RunCli(const std::vector<std::string>& argv,
                      std::optional<size_t> width = std::nullopt) {
  std::ostringstream out;
  std::ostringstream err;
  Io io{out, err, false, width};
  const std::filesystem::path old = std::filesystem::current_path();
  std::filesystem::current_path(WHIPCOUNT_SOURCE_DIR);
  const int code = Main(argv, io);
  std::filesystem::current_path(old);
  return {code, out.str(), err.str()};
}

// The chamber files shipped in data/, as paths from the source tree, sorted.
inline std::vector<std::string> ShippedChamberFiles() {
  std::vector<std::string> files;
  for (const auto& e :
       std::filesystem::directory_iterator(std::filesystem::path(WHIPCOUNT_SOURCE_DIR) / "data")) {
    if (e.path().extension() == ".yaml") files.push_back("data/" + e.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace whipcount::cli::in_process

#endif  // WHIPCOUNT_TESTS_CLI_RUN_CLI_H_
