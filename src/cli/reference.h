// The command line's reference in the forms a system installs: a man page and shell completion
// for bash and zsh, generated from the same command and flag tables as `--help`, so they cannot
// disagree with the tool. Built by the whipcount-reference program at build time.
#ifndef WHIPCOUNT_CLI_REFERENCE_H_
#define WHIPCOUNT_CLI_REFERENCE_H_

#include <string>
#include <vector>

#include "commands/commands.h"

namespace whipcount::cli {

// whipcount(1) in man(7) roff: every command with its usage, description and flags (what each
// accepts and its default), the exit status and the files it reads.
std::string ManPage(const std::vector<Command>& commands);

// A bash completion script: commands, then each command's flags and the words its choice flags
// take, else file names.
std::string BashCompletion(const std::vector<Command>& commands);

// A zsh completion function (#compdef whipcount) with the same knowledge.
std::string ZshCompletion(const std::vector<Command>& commands);

}  // namespace whipcount::cli

#endif  // WHIPCOUNT_CLI_REFERENCE_H_
