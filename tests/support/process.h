// Running a shell command from a test: its exit code and what it printed.
#ifndef WHIPCOUNT_TESTS_SUPPORT_PROCESS_H_
#define WHIPCOUNT_TESTS_SUPPORT_PROCESS_H_

#include <string>

namespace whipcount::testing_support {

struct ProcessOutcome {
  int code = 0;  // the exit status; -1 when the command could not run or died by a signal
  std::string out;
  std::string err;
};

// Runs `command` with /bin/sh, capturing standard output and standard error apart.
ProcessOutcome RunShell(const std::string& command);

}  // namespace whipcount::testing_support

#endif  // WHIPCOUNT_TESTS_SUPPORT_PROCESS_H_
