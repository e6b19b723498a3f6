// The whipcount executable: the command table lives in commands.cc so tests can run it
// in-process; this file only connects it to the process's streams.
#include <unistd.h>

#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  whipcount::cli::Io io{std::cout, std::cerr, isatty(STDOUT_FILENO) == 1};
  const int code = whipcount::cli::Main(std::vector<std::string>(argv + 1, argv + argc), io);
  std::cout.flush();
  return code;
}
