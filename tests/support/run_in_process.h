// Runs the whipcount command line in-process, for the tests of its commands.
#ifndef WHIPCOUNT_TESTS_SUPPORT_RUN_IN_PROCESS_H_
#define WHIPCOUNT_TESTS_SUPPORT_RUN_IN_PROCESS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace whipcount::cli {

// What a run returned and printed.
struct CliRun {
  int code = 0;
  std::string out;
  std::string err;
};

// Runs `argv` (the arguments after the program name) with the source tree as the working
// directory, so that relative paths name shipped files ("data/pk-na-2022.yaml"). Changes the
// process's working directory for the run, so runs must not overlap.
// As on a terminal `width` columns wide when one is given, else as into a pipe.
CliRun RunInProcess(const std::vector<std::string>& argv,
                    std::optional<size_t> width = std::nullopt);

// The chamber files shipped in data/, as paths from the source tree ("data/pk-na-2022.yaml"),
// sorted.
std::vector<std::string> ShippedChamberFiles();

}  // namespace whipcount::cli

#endif  // WHIPCOUNT_TESTS_SUPPORT_RUN_IN_PROCESS_H_
