#include "support/process.h"

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace whipcount::testing_support {

ProcessOutcome RunShell(const std::string& command) {
  // Tests run in parallel processes (and threads): each call gets its own stderr file.
  static std::atomic<int> calls = 0;
  const std::filesystem::path err_path =
      std::filesystem::temp_directory_path() /
      ("whipcount_test." + std::to_string(getpid()) + "." + std::to_string(++calls) + ".err");
  const std::string cmd = "(" + command + ") 2>'" + err_path.string() + "'";
  ProcessOutcome r;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) {
    r.code = -1;
    return r;
  }
  std::array<char, 4096> buf{};
  size_t n = 0;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
  const int status = pclose(pipe);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream err(err_path);
  r.err.assign(std::istreambuf_iterator<char>(err), std::istreambuf_iterator<char>());
  std::filesystem::remove(err_path);
  return r;
}

}  // namespace whipcount::testing_support
