// `cmake --install` gives a working whipcount: the program on PATH with its data, a man page
// and shell completion generated from the same tables as --help.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "commands/commands.h"
#include "support/process.h"

namespace whipcount {
namespace {

namespace fs = std::filesystem;
using testing_support::ProcessOutcome;
using testing_support::RunShell;

std::string Read(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// One installation for all the tests, removed at the end.
// Where the suite installed whipcount, and what the install printed.
fs::path install_prefix;
ProcessOutcome install_run;

class InstallTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    install_prefix = fs::temp_directory_path() / ("whipcount-install." + std::to_string(getpid()));
    install_run = RunShell("cmake --install '" WHIPCOUNT_BUILD_DIR "' --prefix '" +
                           install_prefix.string() + "'");
  }
  static void TearDownTestSuite() { fs::remove_all(install_prefix); }
};

TEST_F(InstallTest, TheInstalledProgramReadsTheInstalledData) {
  ASSERT_EQ(install_run.code, 0) << install_run.out << install_run.err;
  const ProcessOutcome r = RunShell(
      "cd / && PATH='" + (install_prefix / "bin").string() + "':\"$PATH\" whipcount check '" +
      (install_prefix / "share/whipcount/data/pk-na-2022.yaml").string() + "'");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("National Assembly of Pakistan"), std::string::npos) << r.out;
  EXPECT_TRUE(fs::exists(install_prefix / "share/whipcount/data/rules/pk-na.yaml"));
  EXPECT_TRUE(
      fs::exists(install_prefix / "share/whipcount/data/games/us-electoral-college-2012-2020.csv"));
}

// PostgreSQL support is a module the installed program loads from its own library directory
// when a postgresql:// URL is given, so that no other command pays for loading libpq.
TEST_F(InstallTest, TheInstalledProgramLoadsItsPostgresModuleOnlyWhenAsked) {
  ASSERT_EQ(install_run.code, 0) << install_run.err;
  const fs::path program = install_prefix / "bin/whipcount";
  const ProcessOutcome linked = RunShell("ldd '" + program.string() + "'");
  ASSERT_EQ(linked.code, 0) << linked.err;
  EXPECT_EQ(linked.out.find("libpq"), std::string::npos) << linked.out;
  // Nothing listens on port 1: the module is loaded (from the installed tree, as the dynamic
  // loader's trace shows) and the connection refused.
  const ProcessOutcome r = RunShell("cd / && LD_DEBUG=files '" + program.string() +
                                    "' serve --db postgresql://127.0.0.1:1/cases 2>&1");
  EXPECT_EQ(r.code, 3) << r.out;
  EXPECT_NE(r.out.find("file=" + (install_prefix / "bin/../lib").string()), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("whipcount-postgres.so"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[E506 storage] cannot connect to postgresql://127.0.0.1:1/cases"),
            std::string::npos)
      << r.out;
}

// Issue 16: from any directory, the installed program imports from its own ParlGov tables and
// finds its rulebooks by name, even with the source tree out of reach.
TEST_F(InstallTest, TheInstalledProgramImportsAndFindsRulebooksByName) {
  ASSERT_EQ(install_run.code, 0) << install_run.err;
  const std::string data = (install_prefix / "share/whipcount/data").string();
  EXPECT_TRUE(fs::exists(install_prefix / "share/whipcount/data/parlgov/view_election.csv"));
  const ProcessOutcome r =
      RunShell("cd / && PATH='" + (install_prefix / "bin").string() +
               "':\"$PATH\" && whipcount import parlgov --country SWE --cabinet 'Andersson' -o '" +
               (install_prefix / "se.yaml").string() + "' && whipcount check '" +
               (install_prefix / "se.yaml").string() + "' && grep -c 'rulebook: se-riksdag' '" +
               (install_prefix / "se.yaml").string() + "'");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("Sveriges riksdag, 349 seats"), std::string::npos) << r.out;
  // A rulebook name that does not exist lists those that do, from the installed data.
  std::ofstream(install_prefix / "bad.yaml")
      << "format: whipcount/1\nchamber: {id: x, name: X, seats: 3}\nparties: [{id: A, seats: 3}]\n"
         "rulebook: xx\n";
  const ProcessOutcome bad = RunShell("cd / && '" + (install_prefix / "bin/whipcount").string() +
                                      "' check '" + (install_prefix / "bad.yaml").string() + "'");
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.err.find("shipped: au-house, ca-commons"), std::string::npos) << bad.err;
}

TEST_F(InstallTest, TheManPageListsEveryCommandAndFlagAndFormatsCleanly) {
  ASSERT_EQ(install_run.code, 0) << install_run.err;
  const fs::path man = install_prefix / "share/man/man1/whipcount.1";
  const std::string page = Read(man);
  for (const cli::Command& c : cli::Commands()) {
    EXPECT_NE(page.find(".SS " + std::string(c.name) + "\n"), std::string::npos) << c.name;
    for (const cli::FlagSpec& f : cli::FlagsOf(c)) {
      std::string flag = "\\-\\-";
      for (char ch : f.name) flag += ch == '-' ? std::string("\\-") : std::string(1, ch);
      EXPECT_NE(page.find(flag), std::string::npos) << c.name << " --" << f.name;
    }
  }
  // groff's warnings (-ww) on stderr would mean malformed roff.
  const ProcessOutcome r = RunShell("groff -man -Tutf8 -ww -z '" + man.string() + "'");
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.err, "");
}

TEST_F(InstallTest, BashCompletesCommandsFlagsAndChoices) {
  ASSERT_EQ(install_run.code, 0) << install_run.err;
  const std::string script =
      (install_prefix / "share/bash-completion/completions/whipcount").string();
  auto complete = [&](const std::string& words, int cword) {
    return RunShell("bash -c 'source \"" + script + "\"; COMP_WORDS=(" + words + "); COMP_CWORD=" +
                    std::to_string(cword) + "; _whipcount; echo \"${COMPREPLY[*]}\"'")
        .out;
  };
  EXPECT_EQ(complete("whipcount dr", 1), "draw\n");
  EXPECT_EQ(complete("whipcount draw --lay", 2), "--layout\n");
  EXPECT_EQ(complete("whipcount draw --layout w", 3), "westminster\n");
  EXPECT_EQ(complete("whipcount forecast --method m", 3), "montecarlo\n");
}

TEST_F(InstallTest, ZshCompletionParses) {
  ASSERT_EQ(install_run.code, 0) << install_run.err;
  const fs::path script = install_prefix / "share/zsh/vendor-completions/_whipcount";
  const ProcessOutcome r = RunShell("zsh -n '" + script.string() + "'");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(Read(script).find("'--layout[arch (default), westminster"), std::string::npos);
}

}  // namespace
}  // namespace whipcount
