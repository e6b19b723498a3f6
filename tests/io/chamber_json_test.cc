// The chamber file as the server keeps it (io/chamber_json.h): every shipped file made to stand
// alone, written back as JSON and as YAML, counts the same on every date of its story.
#include "io/chamber_json.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "io/chamber_file.h"
#include "io/file.h"
#include "io/json_out.h"

namespace whipcount::io {
namespace {

using Json = nlohmann::ordered_json;

Result<std::string> NoFiles(const std::string& path) {
  return Status(ErrorCode::kIo, "no file may be read here: " + path);
}

// Every motion's story (the count before the first event and after each), as JSON.
Json Stories(const ChamberFile& f) {
  Json out = Json::array();
  for (const Motion& motion : f.content.motions) {
    const Result<MotionCase> on = SelectMotion(f.content, motion.id);
    EXPECT_TRUE(on.ok()) << on.status().ToString();
    const Result<TimelineTally> story = TallyStory(*on);
    EXPECT_TRUE(story.ok()) << story.status().ToString();
    out.push_back(TimelineToJson(*on, *story));
  }
  return out;
}

std::vector<std::string> ShippedFiles() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(WHIPCOUNT_SOURCE_DIR "/data")) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path().string());
  }
  return files;
}

TEST(ChamberJsonTest, EveryShippedFileStandsAloneAndCountsTheSameAsJsonAndAsYaml) {
  const std::vector<std::string> files = ShippedFiles();
  ASSERT_GE(files.size(), 12u);
  for (const std::string& path : files) {
    SCOPED_TRACE(path);
    const Result<ChamberFile> original = LoadChamberFile(path);
    ASSERT_TRUE(original.ok()) << original.status().ToString();
    const Result<std::string> text = ReadFile(path);
    const Result<StandaloneChamber> alone = ReadStandaloneChamber(*text, path, ReadFile);
    ASSERT_TRUE(alone.ok()) << alone.status().ToString();
    EXPECT_FALSE(alone->document.contains("events"));
    EXPECT_TRUE(!alone->document.contains("rulebook") || alone->document["rulebook"].is_object());
    EXPECT_EQ(alone->events.size(), original->content.events.size());
    const Json whole = WithEvents(alone->document, alone->events);
    for (const std::string& written : {JsonText(whole), JsonToYaml(whole)}) {
      const Result<ChamberFile> back = ParseChamberFile(written, "case", NoFiles);
      ASSERT_TRUE(back.ok()) << back.status().ToString() << "\n" << written.substr(0, 2000);
      EXPECT_EQ(Stories(*back), Stories(*original));
      const Result<YamlNode> tree = ParseYaml(written, "case");
      ASSERT_TRUE(tree.ok());
      EXPECT_EQ(YamlToJson(*tree), whole);
    }
  }
}

// A rulebook named rather than given by path is written inline as well (issue 16).
TEST(ChamberJsonTest, AShippedRulebookNamedByItsNameIsWrittenInline) {
  const std::string text =
      "format: whipcount/1\nchamber: {id: x, name: X, seats: 736}\n"
      "parties: [{id: A, seats: 736}]\nrulebook: de-bundestag\n";
  const Result<StandaloneChamber> c = ReadStandaloneChamber(text, "/nowhere/x.yaml", ReadFile);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->document["rulebook"]["legislature"], "Deutscher Bundestag");
}

TEST(ChamberJsonTest, ScalarsKeepTheirText) {
  const Result<YamlNode> tree = ParseYaml(
      "a: 342\nb: '0342'\nc: -5\nd: 2022-03-30\ne: true\nf: ~\ng: 1.5\nh: '007'\ni: -0\n", "t");
  ASSERT_TRUE(tree.ok());
  const Json j = YamlToJson(*tree);
  EXPECT_EQ(j, Json::parse(R"({"a": 342, "b": "0342", "c": -5, "d": "2022-03-30", "e": true,
                               "f": null, "g": "1.5", "h": "007", "i": "-0"})"));
  EXPECT_EQ(JsonToYaml(j),
            "a: 342\nb: 0342\nc: -5\nd: 2022-03-30\ne: true\nf: null\ng: 1.5\nh: 007\n"
            "i: \"-0\"\n");
  const Result<YamlNode> back = ParseYaml(JsonToYaml(j), "t");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(YamlToJson(*back), j);
}

TEST(ChamberJsonTest, StringsThatYamlWouldReadOtherwiseAreQuoted) {
  const Json j = {{"name", "A: B # c"},
                  {"n", "12"},
                  {"t", "true"},
                  {"l", "- x"},
                  {"u", "Pakistan Tehreek-e-Insaf (PTI)"},
                  {"m", "two\nlines"},
                  {"e", ""},
                  {"list", Json::array({Json::object({{"id", "x"}, {"k", Json::array()}})})}};
  const std::string yaml = JsonToYaml(j);
  EXPECT_EQ(yaml,
            "name: \"A: B # c\"\nn: \"12\"\nt: \"true\"\nl: \"- x\"\n"
            "u: Pakistan Tehreek-e-Insaf (PTI)\nm: \"two\\nlines\"\ne: \"\"\nlist:\n- id: x\n"
            "  k: []\n");
  const Result<YamlNode> tree = ParseYaml(yaml, "t");
  ASSERT_TRUE(tree.ok()) << tree.status().ToString();
  EXPECT_EQ(YamlToJson(*tree), j);
}

TEST(ChamberJsonTest, AnInlineRulebookErrorNamesItsPlace) {
  const std::string text =
      "format: whipcount/1\nchamber: {name: T, seats: 10}\nparties: [{id: a, seats: 10}]\n"
      "rulebook:\n  rules:\n  - id: r\n    threshold: {fraction: 3/2, of: statutory}\n"
      "motion: {title: M, rule: r}\n";
  const Result<ChamberFile> f = ParseChamberFile(text, "t.yaml", NoFiles);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), ErrorCode::kUnknownField) << f.status().ToString();
  EXPECT_EQ(f.status().where().line, 7) << f.status().ToString();
  EXPECT_TRUE(f.status().where().path.starts_with("rulebook.rules[0]")) << f.status().ToString();
}

}  // namespace
}  // namespace whipcount::io
