// Runs the whipcount command line in-process, for the tests of its commands.
#ifndef WHIPCOUNT_TESTS_SUPPORT_RUN_IN_PROCESS_H_
#define WHIPCOUNT_TESTS_SUPPORT_RUN_IN_PROCESS_H_

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
CliRun RunInProcess(const std::vector<std::string>& argv);

}  // namespace whipcount::cli

#endif  // WHIPCOUNT_TESTS_SUPPORT_RUN_IN_PROCESS_H_
