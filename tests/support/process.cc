#include "support/process.h"

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>
#include <utility>

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
  r.err = ReadWhole(err_path);
  std::filesystem::remove(err_path);
  return r;
}

Result<std::unique_ptr<ChildProcess>> ChildProcess::Start(const std::vector<std::string>& argv,
                                                          const std::filesystem::path& out,
                                                          const std::filesystem::path& err) {
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  const std::string out_path = out.string();
  const std::string err_path = err.string();
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) return Status(ErrorCode::kIo, "cannot fork to run " + argv.at(0));
  if (pid == 0) {
    // Only async-signal-safe calls from here to exec.
    const int null = open("/dev/null", O_RDONLY);
    const int out_fd = open(out_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    const int err_fd = open(err_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (null < 0 || out_fd < 0 || err_fd < 0 || dup2(null, 0) < 0 || dup2(out_fd, 1) < 0 ||
        dup2(err_fd, 2) < 0) {
      _exit(126);
    }
    // The test's sockets stay the test's: a server must not keep a client's connection open.
    if (close_range(3, ~0U, 0) != 0) _exit(126);
    if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent) _exit(126);
    execv(args[0], args.data());
    _exit(127);
  }
  return std::unique_ptr<ChildProcess>(new ChildProcess(pid, out, err));
}

ChildProcess::ChildProcess(pid_t pid, std::filesystem::path out, std::filesystem::path err)
    : pid_(pid), out_(std::move(out)), err_(std::move(err)) {}

ChildProcess::~ChildProcess() {
  if (ended_) return;
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
}

void ChildProcess::Signal(int signal) {
  if (!ended_) kill(pid_, signal);
}

std::optional<int> ChildProcess::Wait(std::chrono::milliseconds limit) {
  constexpr std::chrono::milliseconds kPoll{10};
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!ended_) {
    int status = 0;
    const pid_t done = waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      ended_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    } else if (done < 0) {
      ended_ = -1;
    } else if (std::chrono::steady_clock::now() >= deadline) {
      break;
    } else {
      std::this_thread::sleep_for(kPoll);
    }
  }
  return ended_;
}

std::string ChildProcess::Out() const { return ReadWhole(out_); }
std::string ChildProcess::Err() const { return ReadWhole(err_); }

std::string ReadWhole(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace whipcount::testing_support
