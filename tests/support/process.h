// Running programs from a test: a shell command run to its end, or a program started in the
// background (a server) that the test signals, waits for and reads the output of.
#ifndef WHIPCOUNT_TESTS_SUPPORT_PROCESS_H_
#define WHIPCOUNT_TESTS_SUPPORT_PROCESS_H_

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "whipcount/result.h"

namespace whipcount::testing_support {

struct ProcessOutcome {
  int code = 0;  // the exit status; -1 when the command could not run or died by a signal
  std::string out;
  std::string err;
};

// Runs `command` with /bin/sh, capturing standard output and standard error apart.
ProcessOutcome RunShell(const std::string& command);

// A program running beside the test, its standard input /dev/null and its standard output and
// error written to two files. The destructor kills it (SIGKILL) and reaps it if it is still
// running, so a test that fails half-way leaves no process behind; and it gets SIGKILL should
// the thread that started it end first (the test binary crashed). Not thread-safe: one thread
// starts, signals and waits for it, others may only read its files.
class ChildProcess {
 public:
  // Starts `argv` (argv[0] a path to the program) with `out` and `err` as its standard output and
  // error (created, or appended to). No file descriptor of the test but those three reaches it.
  // kIo when it cannot fork, or when the program cannot be run (then Wait gives 127).
  static Result<std::unique_ptr<ChildProcess>> Start(const std::vector<std::string>& argv,
                                                     const std::filesystem::path& out,
                                                     const std::filesystem::path& err);

  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess();

  pid_t pid() const { return pid_; }
  // Sends `signal` unless the process has been reaped.
  void Signal(int signal);
  // Waits up to `limit` for it to end: its exit code, 128 + the signal that ended it (as a shell
  // says), or nullopt while it still runs. Once it has ended, every call gives the same.
  std::optional<int> Wait(std::chrono::milliseconds limit);
  // What it has written so far.
  std::string Out() const;
  std::string Err() const;

 private:
  ChildProcess(pid_t pid, std::filesystem::path out, std::filesystem::path err);

  pid_t pid_;
  std::optional<int> ended_;
  std::filesystem::path out_;
  std::filesystem::path err_;
};

// Everything in the file at `path`; "" when it cannot be read.
std::string ReadWhole(const std::filesystem::path& path);

}  // namespace whipcount::testing_support

#endif  // WHIPCOUNT_TESTS_SUPPORT_PROCESS_H_
