#include "io/file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <optional>
#include <random>

namespace whipcount::io {
namespace {

// Symbolic links followed before a path counts as a loop (Linux's own limit).
constexpr int kMaxLinkHops = 40;

// Closes a file descriptor when it goes out of scope.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  // Closes now, reporting a failed close (where a full disk may show on some file systems).
  bool Close() {
    const int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0;
  }

 private:
  int fd_;
};

Status IoError(const std::string& what, const std::string& path, int error) {
  return Status(ErrorCode::kIo, what + " '" + path + "': " + std::strerror(error), {.file = path});
}

std::string LimitText() { return std::to_string(kMaxFileBytes >> 20) + " MiB"; }

// Writes all of `contents` to `fd`, resuming after partial writes and signals.
bool WriteAll(int fd, std::string_view contents) {
  while (!contents.empty()) {
    const ssize_t n = ::write(fd, contents.data(), contents.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    contents.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// Where `path` leads when its symbolic links are followed one by one: the last path that is not a
// link (which may not exist: a dangling link leads to the file it would create). `magic` when a
// link leads into /proc (/dev/stdout, /dev/fd/N): the kernel resolves those, and the path itself
// must be opened.
struct LinkTarget {
  std::string path;
  bool magic = false;
};

Result<LinkTarget> FollowLinks(const std::string& path) {
  LinkTarget target{.path = path};
  for (int hop = 0; hop <= kMaxLinkHops; ++hop) {
    struct stat st {};
    if (::lstat(target.path.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return target;
    if (target.path.rfind("/proc/", 0) == 0) {
      target.magic = true;
      return target;
    }
    std::error_code ec;
    const std::filesystem::path link = std::filesystem::read_symlink(target.path, ec);
    if (ec) return IoError("cannot write", path, ec.value());
    target.path = link.is_absolute()
                      ? link.string()
                      : (std::filesystem::path(target.path).parent_path() / link).string();
  }
  return IoError("cannot write", path, ELOOP);
}

// A new file beside `path` (same directory, so a rename is atomic), named `.NAME.XXXXXX` with
// six random characters and created exclusively, so that no existing file is ever touched. Its
// mode is what a new file gets (0666 less the umask), as for any file the user creates.
Result<std::string> CreateTemporary(const std::string& path, int& fd) {
  static constexpr std::string_view kChars =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const std::filesystem::path p(path);
  std::random_device device;
  std::uniform_int_distribution<size_t> pick(0, kChars.size() - 1);
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string name = "." + p.filename().string() + ".";
    for (int i = 0; i < 6; ++i) name += kChars[pick(device)];
    const std::string tmp = (p.parent_path() / name).string();
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) return tmp;
    if (errno != EEXIST) return IoError("cannot write", path, errno);
  }
  return IoError("cannot write", path, EEXIST);
}

// Writes `contents` to a temporary file, then renames it over `path`: a reader sees the old file
// or the new one, never half of one. `mode`: the replaced file's permissions, kept.
Status ReplaceAtomically(const std::string& path, std::string_view contents,
                         std::optional<mode_t> mode) {
  int raw_fd = -1;
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::string tmp, CreateTemporary(path, raw_fd));
  Fd fd(raw_fd);
  int error = 0;
  if (mode && ::fchmod(fd.get(), *mode) != 0) error = errno;
  if (error == 0 && !WriteAll(fd.get(), contents)) error = errno;
  if (error == 0 && ::fsync(fd.get()) != 0) error = errno;
  if (error == 0 && !fd.Close()) error = errno;
  if (error == 0 && ::rename(tmp.c_str(), path.c_str()) != 0) error = errno;
  if (error != 0) {
    ::unlink(tmp.c_str());
    return IoError("cannot write", path, error);
  }
  return Status::Ok();
}

// Writes into the file itself: a pipe, a terminal, /dev/null, or standard output by its name.
Status WriteInPlace(const std::string& path, std::string_view contents, bool truncate) {
  Fd fd(::open(path.c_str(), O_WRONLY | O_CLOEXEC | (truncate ? O_TRUNC : 0)));
  if (fd.get() < 0) return IoError("cannot write", path, errno);
  if (!WriteAll(fd.get(), contents)) return IoError("cannot write", path, errno);
  if (!fd.Close()) return IoError("cannot write", path, errno);
  return Status::Ok();
}

}  // namespace

std::string InputName(const std::string& path) { return path == kStandardInput ? "<stdin>" : path; }

Result<std::string> ReadFile(const std::string& file) {
  const std::string path = InputName(file);
  Fd fd(file == kStandardInput ? ::fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 0)
                               : ::open(file.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return IoError("cannot open", path, errno);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return IoError("cannot read", path, errno);
  if (S_ISDIR(st.st_mode)) {
    return Status(ErrorCode::kIo, "'" + path + "' is a directory, not a file", {.file = path});
  }
  if (S_ISREG(st.st_mode) && static_cast<std::uintmax_t>(st.st_size) > kMaxFileBytes) {
    return Status(
        ErrorCode::kTooLarge,
        "'" + path + "' is " + std::to_string(st.st_size) + " bytes; the limit is " + LimitText(),
        {.file = path});
  }
  // Read in chunks whatever the file is: a pipe or a device such as /dev/zero has no size to
  // check up front, and stops here at the limit.
  std::string text;
  if (S_ISREG(st.st_mode)) text.reserve(static_cast<size_t>(st.st_size));
  std::array<char, 1 << 16> chunk{};
  while (true) {
    const ssize_t n = ::read(fd.get(), chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return IoError("cannot read", path, errno);
    if (n == 0) break;
    if (text.size() + static_cast<size_t>(n) > kMaxFileBytes) {
      return Status(ErrorCode::kTooLarge,
                    "'" + path + "' holds more than " + LimitText() + ", the limit for a file",
                    {.file = path});
    }
    text.append(chunk.data(), static_cast<size_t>(n));
  }
  return text;
}

Status WriteFile(const std::string& path, std::string_view contents) {
  WHIPCOUNT_ASSIGN_OR_RETURN(const LinkTarget target, FollowLinks(path));
  struct stat st {};
  if (::stat(target.magic ? path.c_str() : target.path.c_str(), &st) != 0) {
    if (errno == ENOENT && !target.magic) {
      return ReplaceAtomically(target.path, contents, std::nullopt);
    }
    return IoError("cannot write", path, errno);
  }
  if (S_ISDIR(st.st_mode)) {
    return Status(ErrorCode::kIo, "cannot write '" + path + "': it is a directory", {.file = path});
  }
  if (S_ISREG(st.st_mode) && !target.magic) {
    return ReplaceAtomically(target.path, contents, st.st_mode & 07777);
  }
  if (S_ISREG(st.st_mode) || S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode)) {
    return WriteInPlace(path, contents, S_ISREG(st.st_mode));
  }
  return Status(
      ErrorCode::kIo,
      "cannot write '" + path + "': it is neither a regular file nor a pipe nor a character device",
      {.file = path});
}

std::string ResolveRelative(const std::string& from, const std::string& relative) {
  const std::filesystem::path rel(relative);
  if (rel.is_absolute()) return relative;
  return (std::filesystem::path(from).parent_path() / rel).lexically_normal().string();
}

}  // namespace whipcount::io
