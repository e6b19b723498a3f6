// OpenPostgresDatabase: loads the PostgreSQL module (postgres_store.cc, built as
// whipcount-postgres.so) on first use and opens the database through it.
#include <dlfcn.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "store/sql.h"

namespace whipcount::store {
namespace {

using OpenFunction = void (*)(const std::string*, Result<std::unique_ptr<SqlDatabase>>*);

constexpr const char* kModuleName = "whipcount-postgres.so";

// The directory of the running executable, with a trailing slash; empty when unknown.
std::string ExecutableDirectory() {
  std::array<char, 4096> buffer{};
  const ssize_t length = readlink("/proc/self/exe", buffer.data(), buffer.size() - 1);
  if (length <= 0) return {};
  const std::string path(buffer.data(), static_cast<std::size_t>(length));
  return path.substr(0, path.rfind('/') + 1);
}

// Where the module may be, in order: $WHIPCOUNT_POSTGRES_MODULE; beside the executable (the
// build tree); the installed library directory relative to it; the build tree's copy, for the
// test programs.
std::vector<std::string> Candidates() {
  std::vector<std::string> paths;
  if (const char* chosen = std::getenv("WHIPCOUNT_POSTGRES_MODULE"); chosen != nullptr) {
    paths.emplace_back(chosen);
  }
  const std::string here = ExecutableDirectory();
  if (!here.empty()) {
    paths.push_back(here + kModuleName);
    paths.push_back(here + "../" WHIPCOUNT_INSTALL_LIBDIR "/whipcount/" + kModuleName);
  }
  paths.emplace_back(WHIPCOUNT_POSTGRES_MODULE_BUILT);
  return paths;
}

struct Module {
  OpenFunction open = nullptr;
  std::string error;  // why it could not be loaded
};

// Loaded once and never unloaded: its connections' threads may outlive any one caller.
const Module& LoadModule() {
  static const Module kModule = [] {
    Module m;
    for (const std::string& path : Candidates()) {
      if (access(path.c_str(), R_OK) != 0) continue;
      void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
      if (handle == nullptr) {
        const char* why = dlerror();
        m.error = "cannot load " + path + ": " + (why != nullptr ? why : "unknown error");
        return m;
      }
      m.open = reinterpret_cast<OpenFunction>(dlsym(handle, "WhipcountOpenPostgres"));
      if (m.open == nullptr) m.error = path + " is not whipcount's PostgreSQL module";
      return m;
    }
    m.error = std::string("PostgreSQL support is not installed: ") + kModuleName +
              " is neither beside the whipcount program nor in its library directory";
    return m;
  }();
  return kModule;
}

}  // namespace

Result<std::unique_ptr<SqlDatabase>> OpenPostgresDatabase(const std::string& url) {
  const Module& module = LoadModule();
  if (module.open == nullptr) return Status(ErrorCode::kStorage, module.error);
  Result<std::unique_ptr<SqlDatabase>> database = Status(ErrorCode::kStorage, "not opened");
  module.open(&url, &database);
  return database;
}

}  // namespace whipcount::store
