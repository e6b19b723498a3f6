#include "io/file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace whipcount::io {

Result<std::string> ReadFile(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return Status(ErrorCode::kIo, "'" + path + "' is a directory, not a file", {.file = path});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status(ErrorCode::kIo, "cannot open '" + path + "': " + std::strerror(errno),
                  {.file = path});
  }
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > kMaxFileBytes) {
    return Status(ErrorCode::kTooLarge,
                  "'" + path + "' is " + std::to_string(size) + " bytes; the limit is 64 MiB",
                  {.file = path});
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Status(ErrorCode::kIo, "cannot read '" + path + "'", {.file = path});
  return text.str();
}

Status WriteFile(const std::string& path, std::string_view contents) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      return Status(ErrorCode::kIo, "cannot write '" + path + "': " + std::strerror(errno),
                    {.file = path});
    }
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    out.flush();
    if (!out) {
      std::remove(tmp.c_str());
      return Status(ErrorCode::kIo, "cannot write '" + path + "'", {.file = path});
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::remove(tmp.c_str());
    return Status(ErrorCode::kIo, "cannot write '" + path + "': " + ec.message(), {.file = path});
  }
  return Status::Ok();
}

std::string ResolveRelative(const std::string& from, const std::string& relative) {
  const std::filesystem::path rel(relative);
  if (rel.is_absolute()) return relative;
  return (std::filesystem::path(from).parent_path() / rel).lexically_normal().string();
}

}  // namespace whipcount::io
