#include "io/svg.h"

#include <expat.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "commands/commands.h"
#include "io/picture.h"
#include "io/render.h"
#include "whipcount/diagram.h"

// librsvg draws text through pango and fontconfig, and fontconfig keeps its configuration for the
// life of the process; LeakSanitizer reports that at exit. The leak is fontconfig's, not ours.
// LeakSanitizer's runtime looks the hook up by this reserved name.
// NOLINTNEXTLINE(bugprone-reserved-identifier,readability-identifier-naming)
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }

namespace whipcount {
namespace {

// What a strict XML parser (expat) makes of a document.
struct Parsed {
  bool ok = false;
  std::string error;
  std::string root;
  std::vector<std::string> root_children;      // element names directly under the root
  std::map<std::string, int> elements;         // element name → count
  std::vector<std::string> ids;                // every id attribute, in document order
  std::vector<std::string> group_ids;          // ids of <g> elements
  std::map<std::string, std::string> classes;  // id → class
  std::map<std::string, int> circles_in;       // group id → circles with a <title> inside it
  std::vector<std::string> titles;             // text of every <title>
  std::string desc;
  double width = 0;
  double height = 0;
};

struct ParseState {
  Parsed* out;
  int depth = 0;
  std::vector<std::string> group_stack;
  std::vector<std::string> element_stack;
  std::string text;
  bool in_title = false;
  bool in_desc = false;
  bool circle_open = false;
  bool circle_has_title = false;
};

void OnStart(void* data, const XML_Char* name, const XML_Char** attrs) {
  auto* st = static_cast<ParseState*>(data);
  Parsed& p = *st->out;
  const std::string element = name;
  if (st->depth == 0) p.root = element;
  if (st->depth == 1) p.root_children.push_back(element);
  ++p.elements[element];
  std::string id;
  std::string cls;
  for (int i = 0; attrs[i] != nullptr; i += 2) {
    const std::string key = attrs[i];
    if (key == "id") id = attrs[i + 1];
    if (key == "class") cls = attrs[i + 1];
    if (st->depth == 0 && key == "width") p.width = std::stod(attrs[i + 1]);
    if (st->depth == 0 && key == "height") p.height = std::stod(attrs[i + 1]);
  }
  if (!id.empty()) {
    p.ids.push_back(id);
    p.classes[id] = cls;
  }
  if (element == "g") {
    st->group_stack.push_back(id);
    if (!id.empty()) p.group_ids.push_back(id);
  }
  if (element == "circle") {
    st->circle_open = true;
    st->circle_has_title = false;
  }
  if (element == "title" || element == "desc") {
    st->text.clear();
    st->in_title = element == "title";
    st->in_desc = element == "desc";
    if (st->in_title && !st->element_stack.empty() && st->element_stack.back() == "circle") {
      st->circle_has_title = true;
    }
  }
  st->element_stack.push_back(element);
  ++st->depth;
}

void OnEnd(void* data, const XML_Char* name) {
  auto* st = static_cast<ParseState*>(data);
  Parsed& p = *st->out;
  const std::string element = name;
  --st->depth;
  st->element_stack.pop_back();
  if (element == "title") {
    p.titles.push_back(st->text);
    st->in_title = false;
  }
  if (element == "desc") {
    p.desc = st->text;
    st->in_desc = false;
  }
  if (element == "circle" && st->circle_has_title && !st->group_stack.empty()) {
    ++p.circles_in[st->group_stack.back()];
  }
  if (element == "g") st->group_stack.pop_back();
}

void OnText(void* data, const XML_Char* s, int len) {
  auto* st = static_cast<ParseState*>(data);
  if (st->in_title || st->in_desc) st->text.append(s, static_cast<size_t>(len));
}

Parsed ParseXml(const std::string& xml) {
  Parsed p;
  ParseState st{&p};
  XML_Parser parser = XML_ParserCreate("UTF-8");
  XML_SetUserData(parser, &st);
  XML_SetElementHandler(parser, OnStart, OnEnd);
  XML_SetCharacterDataHandler(parser, OnText);
  if (XML_Parse(parser, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_ERROR) {
    p.error = std::string(XML_ErrorString(XML_GetErrorCode(parser))) + " at line " +
              std::to_string(XML_GetCurrentLineNumber(parser));
  } else {
    p.ok = true;
  }
  XML_ParserFree(parser);
  return p;
}

// Checks what every diagram's SVG must satisfy and returns the parse.
Parsed CheckSvg(const Diagram& d, const std::string& svg) {
  Parsed p = ParseXml(svg);
  EXPECT_TRUE(p.ok) << p.error;
  if (!p.ok) return p;
  EXPECT_EQ(p.root, "svg");
  EXPECT_GE(p.root_children.size(), 2u);
  if (p.root_children.size() >= 2) {
    EXPECT_EQ(p.root_children[0], "title");
    EXPECT_EQ(p.root_children[1], "desc");
  }
  EXPECT_FALSE(p.desc.empty());
  const std::set<std::string> unique(p.ids.begin(), p.ids.end());
  EXPECT_EQ(unique.size(), p.ids.size()) << "duplicate ids";
  // One group per block with seats, holding one titled circle per seat.
  int groups = 0;
  int titled = 0;
  for (const std::string& id : p.group_ids) {
    const std::string& cls = p.classes[id];
    if (cls.rfind("party", 0) == 0 || cls == "vacant") {
      ++groups;
      titled += p.circles_in[id];
    }
  }
  int blocks = 0;
  for (const SeatBlock& b : d.blocks) blocks += b.seats > 0 ? 1 : 0;
  EXPECT_EQ(groups, blocks);
  EXPECT_EQ(titled, static_cast<int>(d.seats.size()));
  EXPECT_EQ(p.elements["text"] > 0, true);
  return p;
}

Chamber MakeChamber(int statutory, const std::vector<std::pair<std::string, int>>& parties) {
  Chamber c;
  c.id = "test";
  c.name = "Test Chamber";
  c.statutory_seats = statutory;
  for (auto& [id, seats] : parties) {
    c.parties.push_back({.id = id, .name = id + " Party", .short_name = id, .seats = seats});
  }
  return c;
}

Chamber Coalition() {
  Chamber c = MakeChamber(20, {{"GOV", 8}, {"ALLY", 2}, {"OPP", 6}, {"OPP2", 2}, {"IND", 1}});
  c.parties[0].colour = "#0C7A3E";
  c.presiding = PresidingOfficer{.name = "Speaker", .party = "GOV"};
  c.blocs.push_back(
      {.id = "government", .role = BlocRole::kGovernment, .parties = {"GOV", "ALLY"}});
  c.blocs.push_back(
      {.id = "opposition", .role = BlocRole::kOpposition, .parties = {"OPP", "OPP2"}});
  c.members.push_back(
      {.id = "d1", .name = "Dissident One", .party = "GOV", .constituency = "NA-1"});
  return c;
}

Stances CoalitionStances() {
  Stances s;
  s.blocs = {{"government", Stance::kAgainst}, {"opposition", Stance::kFor}};
  s.parties = {{"OPP2", Stance::kAbstain}, {"ALLY", Stance::kAbsent}};
  s.members = {{"d1", Stance::kFor}};
  return s;
}

TEST(SvgTest, EveryLayoutGivesWellFormedAccessibleSvg) {
  for (Layout layout : {Layout::kArch, Layout::kCircle, Layout::kHorseshoe, Layout::kClassroom,
                        Layout::kWestminster}) {
    SCOPED_TRACE(EnumName(layout));
    Result<Diagram> d =
        BuildDiagram(Coalition(), CoalitionStances(),
                     {.layout = layout, .markers = {{11, "majority"}, {14, "2/3"}}});
    ASSERT_TRUE(d.ok());
    const std::string svg = WriteSvg(*d, {.subtitle = "30 March 2022"});
    const Parsed p = CheckSvg(*d, svg);
    EXPECT_EQ(p.titles.front(), "Test Chamber, 30 March 2022");
    EXPECT_EQ(p.classes.at("party-GOV"), "party government");
    EXPECT_EQ(p.classes.at("party-OPP"), "party opposition");
    EXPECT_EQ(p.classes.at("party-IND"), "party");
    EXPECT_EQ(p.classes.at("vacant"), "vacant");
    EXPECT_EQ(p.elements.count("rect") > 0, true);  // the chair, the bar
    EXPECT_NE(std::find(p.titles.begin(), p.titles.end(),
                        "Dissident One, NA-1 \xE2\x80\x94 GOV Party (GOV): for"),
              p.titles.end());
    EXPECT_NE(std::find(p.titles.begin(), p.titles.end(),
                        "Presiding officer: Speaker, GOV Party (GOV), votes only to break a tie"),
              p.titles.end());
    EXPECT_NE(p.desc.find("For 7"), std::string::npos) << p.desc;
    EXPECT_NE(p.desc.find("Marked: 11 votes (majority)."), std::string::npos) << p.desc;
  }
}

// The seat groups come in seat order with stable ids: a structural golden file.
TEST(SvgTest, CoalitionStructure) {
  Result<Diagram> d =
      BuildDiagram(Coalition(), CoalitionStances(), {.markers = {{11, "majority"}}});
  ASSERT_TRUE(d.ok());
  const Parsed p = CheckSvg(*d, WriteSvg(*d));
  EXPECT_EQ(p.group_ids, (std::vector<std::string>{"party-OPP", "party-OPP2", "party-IND", "vacant",
                                                   "party-ALLY", "party-GOV", "chair", "markers",
                                                   "bar", "legend", "key"}));
  EXPECT_EQ(p.circles_in.at("party-GOV"), 7);
  EXPECT_EQ(p.circles_in.at("vacant"), 1);
  EXPECT_EQ(p.elements.at("polyline"), 2);  // the marker and its halo
  // Half fill and band for each block with an abstention, an undecided seat, an "against" seat
  // or the chair (OPP2 abstains, IND is undecided, GOV votes against and holds the chair), and
  // for the key; ALLY is absent.
  EXPECT_EQ(p.elements.at("linearGradient"), 8);
}

TEST(SvgTest, PlainDiagramHasNoStanceMarks) {
  Result<Diagram> d = BuildDiagram(Coalition(), {});
  ASSERT_TRUE(d.ok());
  const std::string svg = WriteSvg(*d);
  CheckSvg(*d, svg);
  EXPECT_EQ(svg.find("class=\"against\""), std::string::npos);
  EXPECT_EQ(svg.find("id=\"bar\""), std::string::npos);
}

TEST(SvgTest, HostileNamesAreEscaped) {
  Chamber c = MakeChamber(9, {{"S", 3}, {"AB", 3}, {"Q", 3}});
  c.name = "Chamber <b>&</b>";
  c.parties[0].name = "<script>alert(1)</script>";
  c.parties[0].short_name = "</title><g>";
  c.parties[1].name = "A & B";
  c.parties[1].id = "A&B \"x\"";
  c.parties[2].name = std::string("bad \x01 bytes \xff\xfe and \xC0\xAF end");
  c.parties[2].colour = "#12345\"/><script>";
  Result<Diagram> d = BuildDiagram(c, {}, {.order = SeatOrder::kChamber});
  ASSERT_TRUE(d.ok());
  const std::string svg = WriteSvg(*d);
  const Parsed p = CheckSvg(*d, svg);
  EXPECT_EQ(p.elements.count("script"), 0u);
  EXPECT_EQ(p.titles.front(), "Chamber <b>&</b>");
  EXPECT_NE(std::find(p.titles.begin(), p.titles.end(), "A & B (AB): 3 seats"), p.titles.end());
  EXPECT_NE(std::find(p.titles.begin(), p.titles.end(),
                      "<script>alert(1)</script> (</title><g>): 3 seats"),
            p.titles.end());
  EXPECT_NE(std::find(p.titles.begin(), p.titles.end(),
                      "bad \xEF\xBF\xBD bytes \xEF\xBF\xBD\xEF\xBF\xBD and "
                      "\xEF\xBF\xBD\xEF\xBF\xBD end (Q): 3 seats"),
            p.titles.end());
  EXPECT_EQ(p.classes.count("party-A_B__x_"), 1u);
}

// Issue 17: a right-to-left override in a name would reverse everything after it in the title
// and the legend; overrides, embeddings and isolates are dropped, Hebrew and Arabic letters kept.
TEST(SvgTest, BidiOverridesInNamesAreNeutralised) {
  Chamber c = MakeChamber(6, {{"A", 3}, {"B", 3}});
  c.name = "Knesset \xE2\x80\xAEtsil\xE2\x81\xA6";  // U+202E ... U+2066
  c.parties[0].name = "\xD7\x9C\xD7\x99\xD7\x9B\xD7\x95\xD7\x93 \xE2\x80\xAD(x)";  // Likud, U+202D
  Result<Diagram> d = BuildDiagram(c, {}, {.order = SeatOrder::kChamber});
  ASSERT_TRUE(d.ok());
  const std::string svg = WriteSvg(*d);
  CheckSvg(*d, svg);
  for (std::string_view control : {"\xE2\x80\xAE", "\xE2\x80\xAD", "\xE2\x81\xA6"}) {
    EXPECT_EQ(svg.find(control), std::string::npos);
    EXPECT_EQ(WikipediaLegend(*d).find(control), std::string::npos);
  }
  EXPECT_NE(svg.find("Knesset tsil"), std::string::npos);
  EXPECT_NE(WikipediaLegend(*d).find("\xD7\x9C\xD7\x99\xD7\x9B\xD7\x95\xD7\x93 (x): 3 seats"),
            std::string::npos);
}

// Every SVG over a sweep of chamber sizes and layouts parses.
TEST(SvgTest, SweepOfSizesAndLayoutsParses) {
  for (Layout layout : {Layout::kArch, Layout::kCircle, Layout::kHorseshoe, Layout::kClassroom,
                        Layout::kWestminster}) {
    SCOPED_TRACE(EnumName(layout));
    for (int n = 1; n <= 3000; n += (n < 30 ? 1 : 211)) {
      Chamber c = MakeChamber(n, {{"A", n / 2}, {"B", n / 3}, {"C", n / 7}});
      c.blocs.push_back({.id = "g", .role = BlocRole::kGovernment, .parties = {"A"}});
      c.blocs.push_back({.id = "o", .role = BlocRole::kOpposition, .parties = {"B"}});
      Stances st;
      st.blocs = {{"g", Stance::kAgainst}, {"o", Stance::kFor}};
      Result<Diagram> d = BuildDiagram(c, st, {.layout = layout, .markers = {{n / 2 + 1, "half"}}});
      ASSERT_TRUE(d.ok()) << n;
      CheckSvg(*d, WriteSvg(*d));
    }
  }
}

TEST(SvgTest, WikipediaLegend) {
  Chamber c = MakeChamber(10, {{"A", 6}, {"B", 3}});
  c.parties[0].name = "Left | Right {{x}}";
  c.parties[0].colour = "#FF0000";
  c.presiding = PresidingOfficer{.name = "The Speaker"};
  Result<Diagram> d = BuildDiagram(c, {}, {.order = SeatOrder::kChamber});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(WikipediaLegend(*d),
            "{{legend|#FF0000|2=Left &#124; Right &#123;&#123;x&#125;&#125;: 6 seats}}\n"
            "{{legend|#F3C300|2=B Party: 3 seats}}\n"
            "{{legend|#5A5A5A|2=The Speaker (presiding officer): 1 seat}}\n");
}

std::uint32_t BigEndian(const std::string& s, size_t at) {
  return (std::uint32_t{static_cast<unsigned char>(s[at])} << 24) |
         (std::uint32_t{static_cast<unsigned char>(s[at + 1])} << 16) |
         (std::uint32_t{static_cast<unsigned char>(s[at + 2])} << 8) |
         std::uint32_t{static_cast<unsigned char>(s[at + 3])};
}

TEST(PngTest, RendersAtTheSvgsSize) {
  Result<Diagram> d =
      BuildDiagram(Coalition(), CoalitionStances(), {.markers = {{11, "majority"}}});
  ASSERT_TRUE(d.ok());
  const std::string svg = WriteSvg(*d, {.width = 400});
  const Parsed p = ParseXml(svg);
  ASSERT_TRUE(p.ok);
  for (double scale : {1.0, 2.0}) {
    Result<std::string> png = RenderPng(svg, {.scale = scale});
    ASSERT_TRUE(png.ok()) << png.status().ToString();
    ASSERT_GT(png->size(), 1000u);
    EXPECT_EQ(png->substr(0, 8), "\x89PNG\r\n\x1a\n");
    EXPECT_EQ(png->substr(12, 4), "IHDR");
    EXPECT_EQ(BigEndian(*png, 16), static_cast<std::uint32_t>(std::ceil(p.width * scale)));
    EXPECT_EQ(BigEndian(*png, 20), static_cast<std::uint32_t>(std::ceil(p.height * scale)));
  }
  EXPECT_EQ(p.width, 400);
}

// Issue 13: the extension chooses the format in any case; a name without a known one is an
// error (it used to be SVG silently, so `-o chart.PNG` and `-o x.pdf` wrote SVG).
TEST(PictureTest, FormatsByExtension) {
  EXPECT_EQ(*FormatOfPath("chamber.png"), PictureFormat::kPng);
  EXPECT_EQ(*FormatOfPath("chamber.svg"), PictureFormat::kSvg);
  EXPECT_EQ(*FormatOfPath("out/chart.PNG"), PictureFormat::kPng);
  EXPECT_EQ(*FormatOfPath("x.Pdf"), PictureFormat::kPdf);
  for (const char* bad : {"chamber", "chamber.txt", "dir.png/chamber", "chamber.png.bak", ""}) {
    const Status s = FormatOfPath(bad).status();
    EXPECT_EQ(s.code(), ErrorCode::kInvalidValue) << bad;
    EXPECT_NE(s.message().find(".svg, .png or .pdf"), std::string::npos) << s.message();
  }
  EXPECT_EQ(EnumChoices<PictureFormat>(), "svg, png or pdf");
  ASSERT_TRUE(RenderPicture("<svg/>", PictureFormat::kSvg).ok());
  EXPECT_EQ(*RenderPicture("<svg/>", PictureFormat::kSvg), "<svg/>");
}

// A PDF is one page the SVG's size in points (3/4 of a CSS pixel), with its words kept as text.
TEST(PdfTest, RendersOnePageTheSvgsSize) {
  Result<Diagram> d = BuildDiagram(Coalition(), CoalitionStances(), {});
  ASSERT_TRUE(d.ok());
  const std::string svg = WriteSvg(*d, {.width = 400});
  const Parsed p = ParseXml(svg);
  ASSERT_TRUE(p.ok);
  Result<std::string> pdf = RenderPdf(svg);
  ASSERT_TRUE(pdf.ok()) << pdf.status().ToString();
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
  EXPECT_NE(pdf->find("%%EOF"), std::string::npos);
  EXPECT_NE(pdf->find("/Count 1"), std::string::npos);
  const std::string box = "/MediaBox [ 0 0 " + std::to_string(static_cast<int>(p.width * 0.75));
  EXPECT_NE(pdf->find(box), std::string::npos) << box;
  EXPECT_EQ(RenderPdf("not svg").status().code(), ErrorCode::kIo);
}

TEST(PngTest, RejectsWhatItCannotDraw) {
  EXPECT_EQ(RenderPng("not svg").status().code(), ErrorCode::kIo);
  EXPECT_EQ(RenderPng("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", {.scale = 0}).status().code(),
            ErrorCode::kInvalidValue);
}

// `whipcount draw`, run in-process through the command table.
struct DrawRun {
  int code = 0;
  std::string out;
  std::string err;
};

DrawRun Draw(std::vector<std::string> args) {
  std::ostringstream out;
  std::ostringstream err;
  cli::Io io{out, err, false};
  args.insert(args.begin(), "draw");
  DrawRun run;
  run.code = cli::Main(args, io);
  run.out = out.str();
  run.err = err.str();
  return run;
}

const std::string kPakistan = std::string(WHIPCOUNT_SOURCE_DIR) + "/data/pk-na-2022.yaml";

TEST(DrawCommandTest, PakistanOnTheThirtiethOfMarch) {
  const DrawRun run = Draw({kPakistan, "--date", "2022-03-30", "--two-thirds"});
  ASSERT_EQ(run.code, 0) << run.err;
  const Parsed p = ParseXml(run.out);
  ASSERT_TRUE(p.ok) << p.error;
  EXPECT_EQ(p.classes.count("party-PTI"), 1u);
  EXPECT_NE(p.titles.front().find("2022-03-30"), std::string::npos);
  EXPECT_NE(p.desc.find("Marked: 172 votes"), std::string::npos) << p.desc;
  EXPECT_NE(p.desc.find("Marked: 228 votes (two-thirds of the membership)"), std::string::npos);
}

TEST(DrawCommandTest, EveryLayoutAndPng) {
  for (std::string layout : {"arch", "westminster", "horseshoe", "classroom", "circle"}) {
    const DrawRun run = Draw({kPakistan, "--layout", layout});
    ASSERT_EQ(run.code, 0) << layout << ": " << run.err;
    EXPECT_TRUE(ParseXml(run.out).ok) << layout;
  }
  const DrawRun png = Draw({kPakistan, "--format", "png", "--width", "320"});
  ASSERT_EQ(png.code, 0) << png.err;
  EXPECT_EQ(png.out.substr(0, 8), "\x89PNG\r\n\x1a\n");
  EXPECT_EQ(BigEndian(png.out, 16), 320u);
}

// Issue 12: the status printed with --json was assembled by hand, escaping only quotes and
// backslashes, so a path with a tab gave invalid JSON.
TEST(DrawCommandTest, Issue12JsonStatusOfAPathWithATabParses) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("whipcount draw\t\"quoted\"\\" + std::to_string(getpid()) + ".svg");
  const DrawRun run = Draw({kPakistan, "--json", "-o", path.string()});
  ASSERT_EQ(run.code, 0) << run.err;
  const nlohmann::json status = nlohmann::json::parse(run.out);
  EXPECT_EQ(status["ok"], true);
  EXPECT_EQ(status["output"], path.string());
  EXPECT_EQ(status["format"], "svg");
  EXPECT_EQ(status["bytes"], std::filesystem::file_size(path));
  EXPECT_EQ(status["seats"], 342);
  std::filesystem::remove(path);
}

// Issue 13: `-o -` is standard output; the extension chooses the format in any case and an
// unknown one is a usage error; --json is JSON on standard output whatever the output.
TEST(DrawCommandTest, OutputNamesAndJsonFollowCommonConventions) {
  const DrawRun dash = Draw({kPakistan, "-o", "-"});
  ASSERT_EQ(dash.code, 0) << dash.err;
  EXPECT_TRUE(ParseXml(dash.out).ok);
  EXPECT_FALSE(std::filesystem::exists("-"));

  const DrawRun txt = Draw({kPakistan, "-o", "chamber.txt"});
  EXPECT_EQ(txt.code, cli::kExitUsage);
  EXPECT_NE(txt.err.find("-o: cannot tell the picture format from the name 'chamber.txt'"),
            std::string::npos)
      << txt.err;
  EXPECT_FALSE(std::filesystem::exists("chamber.txt"));

  const std::filesystem::path pdf =
      std::filesystem::temp_directory_path() / ("whipcount-" + std::to_string(getpid()) + ".PDF");
  const DrawRun to_pdf = Draw({kPakistan, "-o", pdf.string(), "--json"});
  ASSERT_EQ(to_pdf.code, 0) << to_pdf.err;
  EXPECT_EQ(nlohmann::json::parse(to_pdf.out)["format"], "pdf");
  std::ifstream written(pdf, std::ios::binary);
  std::string head(5, '\0');
  written.read(head.data(), 5);
  EXPECT_EQ(head, "%PDF-");
  std::filesystem::remove(pdf);

  const DrawRun json = Draw({kPakistan, "--json"});
  ASSERT_EQ(json.code, 0) << json.err;
  const nlohmann::json status = nlohmann::json::parse(json.out);
  EXPECT_TRUE(status["output"].is_null());
  EXPECT_EQ(status["bytes"], status["svg"].get<std::string>().size());
  EXPECT_TRUE(ParseXml(status["svg"].get<std::string>()).ok);

  const DrawRun png_json = Draw({kPakistan, "--json", "--format", "png"});
  EXPECT_EQ(png_json.code, cli::kExitUsage);
  EXPECT_NE(png_json.out.find("name a file with -o"), std::string::npos) << png_json.out;
}

TEST(DrawCommandTest, WikipediaLegendAndUsageErrors) {
  const DrawRun wiki = Draw({kPakistan, "--wiki-legend"});
  ASSERT_EQ(wiki.code, 0) << wiki.err;
  EXPECT_EQ(wiki.out.rfind("{{legend|#", 0), 0u) << wiki.out;
  EXPECT_NE(wiki.out.find("Pakistan Tehreek-e-Insaf: 155 seats}}"), std::string::npos);

  const DrawRun bad_layout = Draw({kPakistan, "--layout", "pie"});
  EXPECT_EQ(bad_layout.code, cli::kExitUsage);
  EXPECT_NE(bad_layout.err.find("--layout takes arch"), std::string::npos) << bad_layout.err;
  EXPECT_EQ(Draw({kPakistan, "--span", "5"}).code, cli::kExitUsage);
  EXPECT_EQ(Draw({kPakistan, "--format", "gif"}).code, cli::kExitUsage);
  EXPECT_EQ(Draw({kPakistan, "--date", "2022-02-30"}).code, cli::kExitUsage);
  EXPECT_EQ(Draw({"/nonexistent/chamber.yaml"}).code, cli::kExitIo);
}

}  // namespace
}  // namespace whipcount
