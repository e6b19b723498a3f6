// Keeps docs/cli.md and docs/json.md true to the program: docs/cli.md lists every option each
// command's --help shows, and no other; docs/json.md names every field the commands print with
// --json on the shipped data, under that command's heading.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "commands/commands.h"
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

// The option word starting at text[i] ("--date", "-o"): dashes, then lower-case letters, digits
// and dashes. (Plain string scanning: GCC 12's <regex> trips -Wmaybe-uninitialized under ASan.)
std::string OptionAt(const std::string& text, size_t i) {
  size_t end = i;
  while (end < text.size() && text[end] == '-') ++end;
  const size_t dashes = end - i;
  while (end < text.size() &&
         (std::islower(static_cast<unsigned char>(text[end])) ||
          std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '-')) {
    ++end;
  }
  const bool named = dashes > 0 && dashes <= 2 && end > i + dashes &&
                     std::islower(static_cast<unsigned char>(text[i + dashes]));
  return named ? text.substr(i, end - i) : "";
}

std::vector<std::string> LinesOf(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The "## `name`" headings of `doc`.
std::set<std::string> CommandHeadings(const std::string& doc) {
  std::set<std::string> names;
  for (const std::string& line : LinesOf(doc)) {
    if (!line.starts_with("## `")) continue;
    const size_t close = line.find('`', 4);
    const std::string name = line.substr(4, close == std::string::npos ? 0 : close - 4);
    if (!name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
          return std::islower(static_cast<unsigned char>(c));
        })) {
      names.insert(name);
    }
  }
  return names;
}

// The options named in the first cell of a table's rows: "| `-o`, `--output OUT` | ..." gives
// -o and --output.
std::set<std::string> TableOptions(const std::string& section) {
  std::set<std::string> options;
  for (const std::string& line : LinesOf(section)) {
    if (!line.starts_with("| `-")) continue;
    const std::string cell = line.substr(0, line.find('|', 1));
    for (size_t i = cell.find('`'); i != std::string::npos; i = cell.find('`', i + 1)) {
      if (const std::string o = OptionAt(cell, i + 1); !o.empty()) options.insert(o);
    }
  }
  return options;
}

// The options a command's --help lists under "Options:": each line's "-x, " and "--name".
std::set<std::string> HelpOptions(const std::string& help) {
  std::set<std::string> options;
  for (const std::string& line : LinesOf(help.substr(help.find("Options:")))) {
    size_t i = line.find_first_not_of(' ');
    if (i == 0 || i == std::string::npos || line[i] != '-') continue;
    if (line.compare(i + 2, 2, ", ") == 0) {
      options.insert(OptionAt(line, i));
      i += 4;
    }
    if (const std::string o = OptionAt(line, i); o.starts_with("--")) options.insert(o);
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
    // The server's codes that only HTTP gives are shown as a response body or by the request
    // that gives them.
    const bool http_only =
        static_cast<int>(code) >= 500 &&
        (doc.find("\"code\": \"" + id + "\"") != std::string::npos ||
         doc.find("| " + id + " | " + std::string(name) + " | `") != std::string::npos);
    EXPECT_TRUE(http_only ||
                doc.find("error: [" + id + " " + std::string(name) + "]") != std::string::npos)
        << id << " has no example in docs/errors.md";
  }
}

}  // namespace
}  // namespace whipcount::cli
