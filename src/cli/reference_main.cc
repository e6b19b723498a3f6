// whipcount-reference: writes the man page or a shell completion script generated from the
// command tables (reference.h). The build runs it; it is not installed.
//
//   whipcount-reference man|bash|zsh OUT
#include <iostream>
#include <string>

#include "cli/reference.h"
#include "io/file.h"

int main(int argc, char** argv) {
  using whipcount::cli::Commands;
  if (argc != 3) {
    std::cerr << "usage: whipcount-reference man|bash|zsh OUT\n";
    return 2;
  }
  const std::string form = argv[1];
  std::string text;
  if (form == "man") {
    text = whipcount::cli::ManPage(Commands());
  } else if (form == "bash") {
    text = whipcount::cli::BashCompletion(Commands());
  } else if (form == "zsh") {
    text = whipcount::cli::ZshCompletion(Commands());
  } else {
    std::cerr << "whipcount-reference: unknown form '" << form << "': man, bash or zsh\n";
    return 2;
  }
  const whipcount::Status written = whipcount::io::WriteFile(argv[2], text);
  if (!written.ok()) {
    std::cerr << "whipcount-reference: " << written.ToString() << "\n";
    return 3;
  }
  return 0;
}
