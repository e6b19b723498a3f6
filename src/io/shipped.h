// The data shipped with whipcount (rulebooks, the ParlGov tables): where it is found at run time.
#ifndef WHIPCOUNT_IO_SHIPPED_H_
#define WHIPCOUNT_IO_SHIPPED_H_

#include <string>
#include <string_view>
#include <vector>

#include "whipcount/result.h"

namespace whipcount::io {

// The directories searched for shipped data, in order, those that exist: $WHIPCOUNT_DATA when
// set; share/whipcount/data beside the running program's bin/ (an installation, wherever it was
// moved); the source tree's data/ (a build that was not installed, which an older installation
// must not shadow); the installation directory configured at build time.
std::vector<std::string> DataDirectories();

// The first `relative` path ("rules/de-bundestag.yaml") found under DataDirectories(), or
// kNotFound naming where it was looked for.
Result<std::string> FindShipped(const std::string& relative);

// True when `value` names a shipped rulebook rather than a path: lower-case letters, digits and
// hyphens only ("de-bundestag").
bool IsRulebookName(std::string_view value);

// The names of the shipped rulebooks, sorted (the first data directory that has rules/).
std::vector<std::string> ShippedRulebookNames();

// The path of the shipped rulebook `name`, or kNotFound listing the names that exist.
Result<std::string> ShippedRulebookPath(std::string_view name);

// Where the `rulebook:` of the chamber file `from` leads: the shipped rulebook a name names, or
// a path relative to `from`.
Result<std::string> RulebookPath(const std::string& from, const std::string& value);

}  // namespace whipcount::io

#endif  // WHIPCOUNT_IO_SHIPPED_H_
