// Every example in README.md and docs/*.md runs, and shows what whipcount prints.
//
// Two kinds of fenced block hold examples:
//   ```console   "$ whipcount ..." lines, each followed by the output it shows. The output must
//                appear in what the command prints (stdout, then stderr), line for line; a line
//                "..." stands for any number of lines. The command must exit 0 unless the block
//                shows an error ("error:" in its output).
//   ```sh        commands alone: each line that starts with "whipcount " must run and exit 0.
// A `whipcount serve` example is started, then stopped once it listens (AsRun).
// Other blocks (synopses, file formats) are not run. Commands run through /bin/sh with the built
// binary first on PATH, in a fresh directory that links to the repository's data/, tests/ and
// docs/, so examples that write files leave nothing behind.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "commands/commands.h"
#include "support/process.h"

namespace whipcount {
namespace {

namespace fs = std::filesystem;

struct Example {
  std::string doc;  // "docs/power.md"
  int line = 0;     // of the command
  std::string command;
  std::vector<std::string> shown;  // the output shown (console blocks); empty for sh blocks
  bool console = false;
};

// How gtest names an example in its messages.
void PrintTo(const Example& e, std::ostream* os) { *os << e.doc << ":" << e.line; }

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The command of an sh line: without a trailing "# comment".
std::string WithoutComment(const std::string& line) {
  const size_t hash = line.find("  #");
  std::string command = hash == std::string::npos ? line : line.substr(0, hash);
  while (!command.empty() && command.back() == ' ') command.pop_back();
  return command;
}

// A synopsis ("whipcount tally FILE [--date D]...", "whipcount version [--json]") names
// placeholders or optional parts instead of real values.
bool IsSynopsis(const std::string& line) {
  if (line.find(" [") != std::string::npos) return true;
  for (size_t i = 0; i + 1 < line.size(); ++i) {
    if (std::isupper(static_cast<unsigned char>(line[i])) &&
        std::isupper(static_cast<unsigned char>(line[i + 1]))) {
      return true;
    }
  }
  return false;
}

// Reads the examples of `doc`; a command line in any other block that is not a synopsis goes to
// `unrun` as "doc:line".
void ReadExamples(const std::string& doc, std::vector<Example>& out,
                  std::vector<std::string>& unrun) {
  std::ifstream in(std::string(WHIPCOUNT_SOURCE_DIR) + "/" + doc);
  std::stringstream text;
  text << in.rdbuf();
  const std::vector<std::string> lines = Lines(text.str());
  std::string block;  // the open block's info string; empty outside blocks
  bool in_block = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (line.starts_with("```")) {
      in_block = !in_block;
      block = in_block ? line.substr(3) : "";
      continue;
    }
    if (!in_block) continue;
    const int number = static_cast<int>(i) + 1;
    if (block == "console" && line.starts_with("$ ")) {
      out.push_back({.doc = doc, .line = number, .command = line.substr(2), .console = true});
    } else if (block == "console" && !out.empty() && out.back().console) {
      out.back().shown.push_back(line);
    } else if (block == "sh" && line.starts_with("whipcount ")) {
      out.push_back({.doc = doc, .line = number, .command = WithoutComment(line)});
    } else if ((line.starts_with("whipcount ") || line.starts_with("$ whipcount ")) &&
               !IsSynopsis(line)) {
      unrun.push_back(doc + ":" + std::to_string(number));
    }
  }
}

std::vector<Example> AllExamples(std::vector<std::string>* unrun = nullptr) {
  std::vector<Example> all;
  std::vector<std::string> ignored;
  std::vector<std::string>& not_run = unrun != nullptr ? *unrun : ignored;
  ReadExamples("README.md", all, not_run);
  std::vector<std::string> docs;
  for (const fs::directory_entry& e : fs::directory_iterator(WHIPCOUNT_SOURCE_DIR "/docs")) {
    if (e.path().extension() == ".md") docs.push_back("docs/" + e.path().filename().string());
  }
  std::sort(docs.begin(), docs.end());
  for (const std::string& doc : docs) ReadExamples(doc, all, not_run);
  return all;
}

// Whether `shown` appears in `actual`, in order, with "..." matching any run of lines.
bool Shows(const std::vector<std::string>& actual, const std::vector<std::string>& shown) {
  size_t a = 0;
  bool gap = false;  // after "...": the next shown line may come later
  for (const std::string& want : shown) {
    if (want == "...") {
      gap = true;
      continue;
    }
    if (gap) {
      while (a < actual.size() && actual[a] != want) ++a;
    }
    if (a >= actual.size() || actual[a] != want) return false;
    ++a;
    gap = false;
  }
  return true;
}

// A directory to run examples in, linking to what they read.
const fs::path& Workdir() {
  static const fs::path kDir = [] {
    fs::path d = fs::temp_directory_path() / ("whipcount-docs." + std::to_string(getpid()));
    fs::create_directories(d);
    for (const char* name : {"data", "tests", "docs"}) {
      fs::create_directory_symlink(fs::path(WHIPCOUNT_SOURCE_DIR) / name, d / name);
    }
    return d;
  }();
  return kDir;
}

class DocsTest : public testing::TestWithParam<Example> {
 protected:
  static void TearDownTestSuite() { fs::remove_all(Workdir()); }
};

// A port no one listens on now, for a server an example starts.
int FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    address.sin_port = htons(8080);
  }
  close(fd);
  return ntohs(address.sin_port);
}

// An example as the test runs it. A server an example starts (`whipcount serve` without --check)
// runs in a directory of its own on a free port until it says where it listens (up to a minute
// on a busy machine), then is stopped with SIGTERM: its first lines can be shown (the docs show
// port 8080, its default) and its graceful stop, exit 0, is checked.
Example AsRun(Example e) {
  if (!e.command.starts_with("whipcount serve ") ||
      e.command.find("--check") != std::string::npos) {
    return e;
  }
  const std::string port = std::to_string(FreePort());
  const std::string dir = "serve-" + std::to_string(e.line);
  e.command = "mkdir " + dir + " && ln -s ../data " + dir + "/data && cd " + dir + " && { " +
              e.command + " --port " + port +
              " > out 2> err & pid=$!; for i in $(seq 600); do grep -q 'serve: http' out && "
              "break; sleep 0.1; done; kill -TERM $pid; wait $pid; code=$?; cat out; "
              "cat err >&2; exit $code; }";
  for (std::string& line : e.shown) {
    if (const size_t at = line.find(":8080/"); at != std::string::npos) {
      line.replace(at + 1, 4, port);
    }
  }
  return e;
}

TEST_P(DocsTest, ExampleRunsAndShowsItsOutput) {
  const Example e = AsRun(GetParam());
  const std::string bin = fs::path(WHIPCOUNT_BINARY).parent_path().string();
  const testing_support::ProcessOutcome r =
      testing_support::RunShell("cd '" + Workdir().string() + "' && export PATH='" + bin +
                                "':\"$PATH\" COLUMNS=100 && " + e.command);
  const std::string where = e.doc + ":" + std::to_string(e.line) + ": " + e.command;
  const bool shows_error = std::any_of(e.shown.begin(), e.shown.end(), [](const std::string& l) {
    return l.find("error:") != std::string::npos || l.find("\"error\": {") != std::string::npos;
  });
  if (!shows_error) {
    EXPECT_EQ(r.code, 0) << where << "\n" << r.err;
  }
  std::vector<std::string> actual = Lines(r.out);
  for (std::string& l : Lines(r.err)) actual.push_back(std::move(l));
  EXPECT_TRUE(Shows(actual, e.shown)) << where << "\nshown in the docs:\n"
                                      << testing::PrintToString(e.shown) << "\nprinted:\n"
                                      << r.out << r.err;
}

std::string Name(const testing::TestParamInfo<Example>& info) {
  std::string name = info.param.doc + "_" + std::to_string(info.param.line);
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Docs, DocsTest, testing::ValuesIn(AllExamples()), Name);

// Each command's --help shows an example, and it works from the repository's root (here, a
// directory that links to it).
TEST(HelpExamplesTest, EveryCommandShowsAnExampleThatRuns) {
  const std::string bin = fs::path(WHIPCOUNT_BINARY).parent_path().string();
  for (const cli::Command& c : cli::Commands()) {
    ASSERT_TRUE(std::string_view(c.example).starts_with("whipcount " + std::string(c.name) + " "))
        << c.name << ": " << c.example;
    const testing_support::ProcessOutcome r =
        testing_support::RunShell("cd '" + Workdir().string() + "' && PATH='" + bin +
                                  "':\"$PATH\" " + std::string(c.example));
    EXPECT_EQ(r.code, 0) << c.example << "\n" << r.err;
    const testing_support::ProcessOutcome help =
        testing_support::RunShell("'" WHIPCOUNT_BINARY "' " + std::string(c.name) + " --help");
    EXPECT_NE(help.out.find("Example:\n  " + std::string(c.example) + "\n"), std::string::npos)
        << help.out;
  }
}

// The docs must keep examples: a parser that found none would pass vacuously. And a command
// shown in a block that is neither `console` nor `sh` would never run.
TEST(DocsExamplesTest, EveryGuideHasRunnableExamples) {
  std::vector<std::string> unrun;
  std::map<std::string, int> per_doc;
  for (const Example& e : AllExamples(&unrun)) ++per_doc[e.doc];
  EXPECT_TRUE(unrun.empty()) << "commands in blocks that are not run: "
                             << testing::PrintToString(unrun);
  for (const char* doc : {"README.md", "docs/diagrams.md", "docs/forecast.md", "docs/power.md"}) {
    EXPECT_GT(per_doc[doc], 0) << doc;
  }
}

}  // namespace
}  // namespace whipcount
