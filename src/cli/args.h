// Command-line parsing for whipcount's subcommands: flags declared per command, values checked,
// unknown flags refused with a hint. No global state.
#ifndef WHIPCOUNT_CLI_ARGS_H_
#define WHIPCOUNT_CLI_ARGS_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "whipcount/result.h"

namespace whipcount::cli {

struct FlagSpec {
  std::string_view name;   // "date" for --date
  std::string_view value;  // metavariable ("D") when the flag takes a value, empty otherwise
  std::string_view help;
  bool repeatable = false;
  char short_name = 0;  // 'o' for -o
};

class Args {
 public:
  // Parses argv[first..] against `flags`. kUsage on an unknown flag, a missing value, or a flag
  // given twice that is not repeatable.
  static Result<Args> Parse(const std::vector<std::string>& argv,
                            const std::vector<FlagSpec>& flags);

  const std::vector<std::string>& positional() const { return positional_; }
  bool Has(std::string_view flag) const { return values_.count(std::string(flag)) > 0; }
  std::optional<std::string> Get(std::string_view flag) const;
  std::vector<std::string> GetAll(std::string_view flag) const;

 private:
  std::vector<std::string> positional_;
  std::map<std::string, std::vector<std::string>> values_;
};

}  // namespace whipcount::cli

#endif  // WHIPCOUNT_CLI_ARGS_H_
