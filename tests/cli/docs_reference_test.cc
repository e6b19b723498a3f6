// Keeps docs/cli.md and docs/json.md true to the program: docs/cli.md lists every option each
// command's --help shows, and no other; docs/json.md names every field the commands print with
// --json on the shipped data, under that command's heading.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "support/run_in_process.h"

namespace whipcount::cli {
namespace {

namespace fs = std::filesystem;

std::string ReadDoc(const std::string& name) {
  std::ifstream in(fs::path(WHIPCOUNT_SOURCE_DIR) / "docs" / name);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string Source(const std::string& path) {
  return (fs::path(WHIPCOUNT_SOURCE_DIR) / path).string();
}

// The text under the "## " heading that names `title`, up to the next "## " heading; empty when
// there is no such heading.
std::string Section(const std::string& doc, const std::string& title) {
  std::istringstream in(doc);
  std::string line;
  std::string out;
  bool inside = false;
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0) {
      if (inside) break;
      inside = line.find(title) != std::string::npos;
      continue;
    }
    if (inside) out += line + "\n";
  }
  return out;
}

// The "## `name`" headings of `doc`.
std::set<std::string> CommandHeadings(const std::string& doc) {
  std::set<std::string> names;
  const std::regex heading(R"(^## `([a-z]+)`)", std::regex::multiline);
  for (std::sregex_iterator it(doc.begin(), doc.end(), heading), end; it != end; ++it) {
    names.insert((*it)[1]);
  }
  return names;
}

// The options named in the first cell of a table's rows: "| `-o`, `--output OUT` | ..." gives
// -o and --output.
std::set<std::string> TableOptions(const std::string& section) {
  std::set<std::string> options;
  std::istringstream in(section);
  std::string line;
  const std::regex option("`(--?[a-z][a-z0-9-]*)");
  while (std::getline(in, line)) {
    if (line.rfind("| `-", 0) != 0) continue;
    const std::string cell = line.substr(0, line.find('|', 1));
    for (std::sregex_iterator it(cell.begin(), cell.end(), option), end; it != end; ++it) {
      options.insert((*it)[1]);
    }
  }
  return options;
}

// The options a command's --help lists under "Options:".
std::set<std::string> HelpOptions(const std::string& help) {
  std::set<std::string> options;
  const std::string list = help.substr(help.find("Options:"));
  const std::regex option(R"(^\s+(?:(-[a-z]), )?(--[a-z][a-z0-9-]*))", std::regex::multiline);
  for (std::sregex_iterator it(list.begin(), list.end(), option), end; it != end; ++it) {
    if ((*it)[1].matched) options.insert((*it)[1]);
    options.insert((*it)[2]);
  }
  return options;
}

TEST(DocsTest, CliMdListsEveryOptionOfEveryCommandAndNoOther) {
  const std::string doc = ReadDoc("cli.md");
  const std::set<std::string> common = TableOptions(Section(doc, "Options every command takes"));
  ASSERT_FALSE(common.empty());
  std::set<std::string> commands;
  for (const Command& command : Commands()) {
    const std::string name(command.name);
    commands.insert(name);
    SCOPED_TRACE(name);
    const CliRun help = RunInProcess({name, "--help"});
    ASSERT_EQ(help.code, 0) << help.err;
    const std::set<std::string> options = HelpOptions(help.out);
    const std::string section = Section(doc, "## `" + name + "`");
    ASSERT_FALSE(section.empty()) << "docs/cli.md has no section for " << name;
    const std::set<std::string> documented = TableOptions(section);
    for (const std::string& o : options) {
      EXPECT_TRUE(documented.count(o) + common.count(o) > 0) << o << " is not in docs/cli.md";
    }
    for (const std::string& o : documented) {
      EXPECT_TRUE(options.count(o) > 0) << "docs/cli.md lists " << o << ", which --help does not";
    }
    for (const std::string& o : common) {
      EXPECT_TRUE(options.count(o) > 0)
          << o << " is documented as common but " << name << " does not take it";
    }
  }
  EXPECT_EQ(CommandHeadings(doc), commands);
}

// Every key of every object in `j`.
void CollectKeys(const nlohmann::json& j, std::set<std::string>& keys) {
  if (j.is_object()) {
    for (const auto& [key, value] : j.items()) {
      keys.insert(key);
      CollectKeys(value, keys);
    }
  } else if (j.is_array()) {
    for (const nlohmann::json& item : j) CollectKeys(item, keys);
  }
}

void ExpectFieldsNamed(const std::string& heading, const std::vector<std::string>& argv,
                       int expected_code = 0) {
  std::string line;
  for (const std::string& a : argv) line += a + " ";
  SCOPED_TRACE(line);
  const CliRun run = RunInProcess(argv);
  ASSERT_EQ(run.code, expected_code) << run.err;
  std::set<std::string> keys;
  CollectKeys(nlohmann::json::parse(run.out), keys);
  ASSERT_FALSE(keys.empty());
  const std::string section = Section(ReadDoc("json.md"), heading);
  ASSERT_FALSE(section.empty()) << "docs/json.md has no section " << heading;
  for (const std::string& key : keys) {
    EXPECT_NE(section.find("`" + key + "`"), std::string::npos)
        << "docs/json.md does not name '" << key << "' under " << heading;
  }
}

std::vector<std::string> ChamberFiles() {
  std::vector<std::string> files;
  for (const fs::directory_entry& e : fs::directory_iterator(Source("data"))) {
    if (e.path().extension() == ".yaml") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(DocsTest, JsonMdNamesEveryFieldOfTallyTimelineAndCheck) {
  for (const std::string& file : ChamberFiles()) {
    ExpectFieldsNamed("`tally`", {"tally", file, "--json"});
    ExpectFieldsNamed("`timeline`", {"timeline", file, "--json"});
    ExpectFieldsNamed("`check`", {"check", file, "--json"});
  }
  const std::string pk = Source("data/pk-na-2022.yaml");
  ExpectFieldsNamed("`tally`",
                    {"tally", pk, "--date", "2022-03-08", "--date", "2022-04-10", "--json"});
  ExpectFieldsNamed("`explain`", {"explain", pk, "--json"});
  ExpectFieldsNamed("`check`", {"check", Source("data/rules/pk-na.yaml"), "--json"});
}

TEST(DocsTest, JsonMdNamesEveryFieldOfTheOtherCommands) {
  const std::string pk = Source("data/pk-na-2022.yaml");
  const std::string uk = Source("data/uk-commons-1979.yaml");
  ExpectFieldsNamed("`diff`", {"diff", pk, "2022-03-08", "2022-04-10", "--json"});
  ExpectFieldsNamed("`forecast`", {"forecast", uk, "--json"});
  ExpectFieldsNamed("`forecast`",
                    {"forecast", uk, "--method", "montecarlo", "--draws", "2000", "--json"});
  ExpectFieldsNamed("`power`", {"power", pk, "--all", "--json"});
  ExpectFieldsNamed("`coalitions`", {"coalitions", pk, "--json"});
  ExpectFieldsNamed("`coalitions`",
                    {"coalitions", Source("tests/data/coalitions-positions.yaml"), "--quota",
                     "majority", "--theory", "minimal-range", "--top", "3", "--json"});
  const fs::path dir = fs::temp_directory_path();
  const std::string svg = (dir / ("whipcount_docs_test." + std::to_string(getpid()))).string();
  ExpectFieldsNamed("`draw`", {"draw", pk, "-o", svg + ".svg", "--json"});
  ExpectFieldsNamed("`chart`", {"chart", pk, "-o", svg + ".svg", "--json"});
  fs::remove(svg + ".svg");
  ExpectFieldsNamed("Errors", {"tally", Source("data/no-such-file.yaml"), "--json"}, kExitIo);
  ExpectFieldsNamed("Errors", {"check", Source("tests/data/draw-seats-exceed.yaml"), "--json"},
                    kExitInvalidInput);
}

// Issue 18: docs/errors.md lists every code in its table, and shows each with an example (the
// docs test runs the examples and compares what they print).
TEST(DocsTest, ErrorsMdShowsEveryCodeWithAnExample) {
  const std::string doc = ReadDoc("errors.md");
  for (const auto& [code, name] : NameTable<ErrorCode>::kEntries) {
    if (code == ErrorCode::kOk) continue;
    const std::string id = CodeString(code);
    EXPECT_NE(doc.find("| " + id + " | " + std::string(name) + " |"), std::string::npos) << id;
    EXPECT_NE(doc.find("error: [" + id + " " + std::string(name) + "]"), std::string::npos)
        << id << " has no example in docs/errors.md";
  }
}

}  // namespace
}  // namespace whipcount::cli
