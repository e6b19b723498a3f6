// whipcount version: the version of CMake's project(VERSION); also `whipcount --version` and -V.
#include "commands/commands.h"

namespace whipcount::cli {
namespace {

Status RunVersion(const Args& args, Io& io) {
  if (!args.positional().empty()) return Usage("version takes no file");
  PrintVersion(args.Has("json"), io);
  return Status::Ok();
}

}  // namespace

Command VersionCommand() {
  return Command{
      .name = "version",
      .summary = "print whipcount's version (also --version and -V)",
      .usage = "whipcount version [--json]",
      .example = "whipcount version --json",
      .run = RunVersion,
  };
}

}  // namespace whipcount::cli
