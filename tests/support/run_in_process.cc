#include "support/run_in_process.h"

#include <filesystem>
#include <sstream>

#include "cli/commands.h"

namespace whipcount::cli {

CliRun RunInProcess(const std::vector<std::string>& argv) {
  std::ostringstream out;
  std::ostringstream err;
  Io io{out, err, false};
  const std::filesystem::path old = std::filesystem::current_path();
  std::filesystem::current_path(WHIPCOUNT_SOURCE_DIR);
  const int code = Main(argv, io);
  std::filesystem::current_path(old);
  return {code, out.str(), err.str()};
}

}  // namespace whipcount::cli
