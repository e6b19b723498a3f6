#include "io/shipped.h"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "io/file.h"
#include "io/text.h"

namespace whipcount::io {
namespace {

namespace fs = std::filesystem;

bool IsDirectory(const fs::path& path) {
  std::error_code ec;
  return fs::is_directory(path, ec);
}

// The running program's own path, from /proc (empty when it cannot be read).
fs::path ProgramPath() {
  std::array<char, 4096> buffer{};
  const ssize_t n = ::readlink("/proc/self/exe", buffer.data(), buffer.size() - 1);
  if (n <= 0) return {};
  return fs::path(std::string(buffer.data(), static_cast<size_t>(n)));
}

}  // namespace

std::vector<std::string> DataDirectories() {
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("WHIPCOUNT_DATA"); env != nullptr && *env != '\0') {
    candidates.emplace_back(env);
  }
  if (const fs::path program = ProgramPath(); !program.empty()) {
    candidates.push_back(program.parent_path().parent_path() / "share/whipcount/data");
  }
  candidates.emplace_back(WHIPCOUNT_SOURCE_DATA_DIR);
  candidates.emplace_back(WHIPCOUNT_INSTALL_DATA_DIR);
  std::vector<std::string> dirs;
  for (const fs::path& dir : candidates) {
    const std::string text = dir.lexically_normal().string();
    if (IsDirectory(dir) && std::find(dirs.begin(), dirs.end(), text) == dirs.end()) {
      dirs.push_back(text);
    }
  }
  return dirs;
}

Result<std::string> FindShipped(const std::string& relative) {
  const std::vector<std::string> dirs = DataDirectories();
  for (const std::string& dir : dirs) {
    const fs::path path = fs::path(dir) / relative;
    std::error_code ec;
    if (fs::exists(path, ec)) return path.string();
  }
  const std::string where = Joined(dirs);
  return Status(ErrorCode::kIo, "shipped data file '" + relative + "' not found (looked in " +
                                    (where.empty() ? std::string("no data directory") : where) +
                                    "); set WHIPCOUNT_DATA to the data directory of an "
                                    "installation");
}

bool IsRulebookName(std::string_view value) {
  return !value.empty() && std::all_of(value.begin(), value.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

std::vector<std::string> ShippedRulebookNames() {
  std::vector<std::string> names;
  for (const std::string& dir : DataDirectories()) {
    const fs::path rules = fs::path(dir) / "rules";
    if (!IsDirectory(rules)) continue;
    std::error_code ec;
    for (const fs::directory_entry& entry : fs::directory_iterator(rules, ec)) {
      const fs::path& path = entry.path();
      if (path.extension() == ".yaml" && IsRulebookName(path.stem().string())) {
        names.push_back(path.stem().string());
      }
    }
    break;
  }
  std::sort(names.begin(), names.end());
  return names;
}

Result<std::string> ShippedRulebookPath(std::string_view name) {
  const std::vector<std::string> names = ShippedRulebookNames();
  if (std::find(names.begin(), names.end(), name) == names.end()) {
    const std::string list = Joined(names);
    return Status(ErrorCode::kUnknownId,
                  "no shipped rulebook named '" + std::string(name) + "'" +
                      (list.empty() ? std::string(" (no shipped data found; set WHIPCOUNT_DATA)")
                                    : "; shipped: " + list) +
                      ". Give a path such as 'rules/" + std::string(name) +
                      ".yaml' for a rulebook of your own");
  }
  return FindShipped("rules/" + std::string(name) + ".yaml");
}

Result<std::string> RulebookPath(const std::string& from, const std::string& value) {
  if (IsRulebookName(value)) return ShippedRulebookPath(value);
  return ResolveRelative(from, value);
}

}  // namespace whipcount::io
