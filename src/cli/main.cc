// The whipcount executable: the command table lives in commands.cc so tests can run it
// in-process; this file only connects it to the process's streams and terminal.
#include <sys/ioctl.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <string_view>

#include "commands/commands.h"

namespace {

// The width of the terminal on `fd`: its window size, else $COLUMNS, else 80. nullopt when `fd`
// is not a terminal.
std::optional<size_t> TerminalWidth(int fd) {
  if (isatty(fd) != 1) return std::nullopt;
  winsize size{};
  if (ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  if (const char* columns = std::getenv("COLUMNS")) {
    const std::string_view text(columns);
    size_t n = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (error == std::errc() && end == text.data() + text.size() && n > 0) return n;
  }
  return 80;
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  whipcount::cli::Io io{std::cout, std::cerr, isatty(STDOUT_FILENO) == 1,
                        TerminalWidth(STDOUT_FILENO)};
  const int code = whipcount::cli::Main(std::vector<std::string>(argv + 1, argv + argc), io);
  std::cout.flush();
  return code;
}
