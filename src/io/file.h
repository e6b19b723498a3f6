// Thin file access for the io layer: everything else parses from strings.
#ifndef WHIPCOUNT_IO_FILE_H_
#define WHIPCOUNT_IO_FILE_H_

#include <functional>
#include <string>

#include "whipcount/result.h"

namespace whipcount::io {

// Files larger than this are refused rather than read into memory (a chamber file is kilobytes).
inline constexpr std::size_t kMaxFileBytes = 64u << 20;

// The path that names standard input on the command line ("whipcount tally -").
inline constexpr std::string_view kStandardInput = "-";

// How messages name the input `path`: "<stdin>" for standard input, else the path.
std::string InputName(const std::string& path);

// Reads a whole file of any kind (a regular file, a pipe, a device; "-" is standard input) in
// chunks, stopping at kMaxFileBytes: kTooLarge past it, kIo naming the file when it cannot be
// read.
Result<std::string> ReadFile(const std::string& path);
// Writes a whole file. An absent or regular file (through any symbolic links, which stay links)
// is replaced atomically: a new temporary file with a unique name beside it, then a rename, so no
// existing file but the target is touched and the target's permissions are kept. A pipe or a
// character device (/dev/null, /dev/stdout) is written in place. kIo naming the file for a
// directory, any other kind of file, or a failure.
Status WriteFile(const std::string& path, std::string_view contents);

// Resolves and reads a file referred to from inside another file (a rulebook). Tests pass an
// in-memory fake.
using FileLoader = std::function<Result<std::string>(const std::string& path)>;

// `relative` interpreted against the directory of `from` ("data/pk.yaml" + "rules/x.yaml" =
// "data/rules/x.yaml"); absolute paths are returned unchanged.
std::string ResolveRelative(const std::string& from, const std::string& relative);

}  // namespace whipcount::io

#endif  // WHIPCOUNT_IO_FILE_H_
