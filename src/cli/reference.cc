#include "cli/reference.h"

#include <array>
#include <cstdint>
#include <cstdio>
#include <string_view>
#include <variant>

#include "whipcount/version.h"

namespace whipcount::cli {
namespace {

// Text safe in a roff line: backslashes and hyphens escaped, characters beyond ASCII as \[uXXXX]
// (troff reads bytes, not UTF-8), no control line made by a leading '.' or '\''.
std::string Roff(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x80) {
      // A UTF-8 sequence: its length from the lead byte, its bits from each byte.
      const size_t length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2;
      std::uint32_t code = byte & (0x3Fu >> (length - 1));
      for (size_t k = 1; k < length && i + 1 < text.size(); ++k) {
        code = (code << 6) | (static_cast<unsigned char>(text[++i]) & 0x3Fu);
      }
      std::array<char, 16> hex{};
      std::snprintf(hex.data(), hex.size(), "\\[u%04X]", code);
      out += hex.data();
    } else if (text[i] == '\\') {
      out += "\\e";
    } else if (text[i] == '-') {
      out += "\\-";
    } else {
      out += text[i];
    }
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
  return out;
}

// "-o, --output OUT" in bold and italics.
std::string RoffFlag(const FlagSpec& f) {
  std::string out;
  if (f.short_name != 0) out += "\\fB\\-" + std::string(1, f.short_name) + "\\fR, ";
  out += "\\fB\\-\\-" + Roff(f.name) + "\\fR";
  if (!f.value.empty()) out += " \\fI" + Roff(f.value) + "\\fR";
  return out;
}

// The words a choice flag takes; empty for other flags.
std::vector<std::string_view> ChoicesOf(const FlagSpec& f) {
  if (const Words* words = std::get_if<Words>(&f.accepts)) return words->names;
  return {};
}

std::string Joined(const std::vector<std::string_view>& words) {
  std::string out;
  for (std::string_view w : words) out += (out.empty() ? "" : " ") + std::string(w);
  return out;
}

// The shell words of a command's flags: "--date --json -o ...".
std::string FlagWords(const Command& c) {
  std::string out;
  for (const FlagSpec& f : FlagsOf(c)) {
    out += (out.empty() ? "--" : " --") + std::string(f.name);
    if (f.short_name != 0) out += " -" + std::string(1, f.short_name);
  }
  return out;
}

// A zsh _arguments spec for one flag: '--layout[help]:LAYOUT:(arch westminster ...)'.
std::string ZshSpec(const FlagSpec& f) {
  std::string help = FlagHelp(f);
  for (char& c : help) {
    if (c == '\'' || c == '[' || c == ']' || c == ':') c = ' ';
  }
  std::string spec = (f.repeatable ? "*--" : "--") + std::string(f.name) + "[" + help + "]";
  if (f.value.empty()) return "'" + spec + "'";
  const std::vector<std::string_view> choices = ChoicesOf(f);
  spec += ":" + std::string(f.value) + ":";
  spec += choices.empty() ? "_files" : "(" + Joined(choices) + ")";
  return "'" + spec + "'";
}

}  // namespace

std::string ManPage(const std::vector<Command>& commands) {
  std::string out = ".TH WHIPCOUNT 1 \"\" \"whipcount " + std::string(kVersion) +
                    "\" \"User Commands\"\n"
                    ".SH NAME\nwhipcount \\- legislative vote arithmetic: does the motion have the "
                    "numbers?\n"
                    ".SH SYNOPSIS\n\\fBwhipcount\\fR \\fICOMMAND\\fR [\\fIOPTIONS\\fR] "
                    "\\fIFILE\\fR...\n.br\n\\fBwhipcount \\-\\-version\\fR\n"
                    ".SH DESCRIPTION\nwhipcount counts a chamber's votes on a motion under its "
                    "rules (threshold and its base, quorum, ties, casting vote, anti\\-defection "
                    "rules by date), replays a dated and sourced timeline of events, and computes "
                    "voting power, coalitions, forecasts and pictures. Chamber files are YAML "
                    "(see the file format guide shipped in the documentation).\n"
                    ".SH COMMANDS\n";
  for (const Command& c : commands) {
    out +=
        ".SS " + Roff(c.name) + "\n" + Roff(c.summary) + ".\n.PP\n\\fB" + Roff(c.usage) + "\\fR\n";
    if (!c.description.empty()) out += ".PP\n" + Roff(c.description) + "\n";
    for (const FlagSpec& f : FlagsOf(c)) {
      out += ".TP\n" + RoffFlag(f) + "\n" + Roff(FlagHelp(f)) +
             (f.repeatable ? " (repeatable)" : "") + "\n";
    }
  }
  out +=
      ".SH EXIT STATUS\n.TP\n0\ndone\n.TP\n1\ninvalid input data (the error names its file, "
      "line, column and a stable code)\n.TP\n2\nwrong command line\n.TP\n3\na file could not be "
      "read or written\n"
      ".SH FILES\nShipped chamber files, rulebooks and voting games are installed under "
      "\\fIshare/whipcount/data\\fR of the installation prefix.\n"
      ".SH ENVIRONMENT\n.TP\nNO_COLOR\nwhen set, no colour even on a terminal\n";
  return out;
}

std::string BashCompletion(const std::vector<Command>& commands) {
  std::string names;
  std::string flags;
  std::string choices;
  for (const Command& c : commands) {
    names += (names.empty() ? "" : " ") + std::string(c.name);
    flags += "    " + std::string(c.name) + ") flags=\"" + FlagWords(c) + "\" ;;\n";
    for (const FlagSpec& f : FlagsOf(c)) {
      const std::vector<std::string_view> words = ChoicesOf(f);
      if (words.empty()) continue;
      choices += "    " + std::string(c.name) + ":--" + std::string(f.name) + ") words=\"" +
                 Joined(words) + "\" ;;\n";
    }
  }
  return "# bash completion for whipcount, generated from its flag tables.\n"
         "_whipcount() {\n"
         "  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
         "  if [[ $COMP_CWORD -eq 1 ]]; then\n"
         "    COMPREPLY=($(compgen -W \"" +
         names +
         " --help --version\" -- \"$cur\"))\n"
         "    return\n"
         "  fi\n"
         "  local command=${COMP_WORDS[1]} flags= words=\n"
         "  case \"$command:$prev\" in\n" +
         choices +
         "  esac\n"
         "  if [[ -n $words ]]; then\n"
         "    COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n"
         "    return\n"
         "  fi\n"
         "  case \"$command\" in\n" +
         flags +
         "  esac\n"
         "  if [[ $cur == -* ]]; then\n"
         "    COMPREPLY=($(compgen -W \"$flags\" -- \"$cur\"))\n"
         "  else\n"
         "    COMPREPLY=($(compgen -f -- \"$cur\"))\n"
         "  fi\n"
         "}\n"
         "complete -o filenames -F _whipcount whipcount\n";
}

std::string ZshCompletion(const std::vector<Command>& commands) {
  std::string list;
  std::string cases;
  for (const Command& c : commands) {
    std::string summary(c.summary);
    for (char& ch : summary) {
      if (ch == '\'' || ch == ':') ch = ' ';
    }
    list += "    '" + std::string(c.name) + ":" + summary + "'\n";
    cases += "    " + std::string(c.name) + ")\n      _arguments";
    for (const FlagSpec& f : FlagsOf(c)) cases += " \\\n        " + ZshSpec(f);
    cases += " \\\n        '*:file:_files'\n      ;;\n";
  }
  return "#compdef whipcount\n"
         "# zsh completion for whipcount, generated from its flag tables.\n"
         "local -a commands\n"
         "commands=(\n" +
         list +
         ")\n"
         "if (( CURRENT == 2 )); then\n"
         "  _describe 'command' commands\n"
         "  return\n"
         "fi\n"
         "case $words[2] in\n" +
         cases + "esac\n";
}

}  // namespace whipcount::cli
