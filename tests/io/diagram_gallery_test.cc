// Issue 17: every shipped chamber file drawn as a reader sees it. Each file, in every layout, at
// the smallest, the default and the largest width the CLI accepts: no text leaves the picture or
// its legend column (measured with the PNG renderer's font metrics, which the first test checks
// against pixels librsvg draws); neighbouring parties differ in colour; and the PNGs of every
// file in every layout, at the default size and compact, are written to the build folder
// (WHIPCOUNT_GALLERY_DIR) to be looked at.
#include <cairo.h>
#include <expat.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "io/chamber_file.h"
#include "io/render.h"
#include "io/svg.h"
#include "io/text_metrics.h"
#include "whipcount/case.h"
#include "whipcount/colour.h"
#include "whipcount/diagram.h"

namespace whipcount {
namespace {

namespace fs = std::filesystem;

// ---- Reading pixels back ----------------------------------------------------------------------

struct PngReader {
  std::string_view bytes;
  size_t at = 0;
};

cairo_status_t ReadPng(void* closure, unsigned char* data, unsigned int length) {
  auto* r = static_cast<PngReader*>(closure);
  if (r->at + length > r->bytes.size()) return CAIRO_STATUS_READ_ERROR;
  std::copy_n(r->bytes.data() + r->at, length, data);
  r->at += length;
  return CAIRO_STATUS_SUCCESS;
}

// An image surface of a PNG's pixels; the caller destroys it.
cairo_surface_t* DecodePng(const std::string& png) {
  PngReader reader{png};
  cairo_surface_t* s = cairo_image_surface_create_from_png_stream(ReadPng, &reader);
  EXPECT_EQ(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
  cairo_surface_flush(s);
  return s;
}

// The pixel at (x, y), in the surface's BGRA bytes.
unsigned char* PixelBytes(cairo_surface_t* s, double x, double y) {
  return cairo_image_surface_get_data(s) +
         static_cast<ptrdiff_t>(y) * cairo_image_surface_get_stride(s) +
         4 * static_cast<ptrdiff_t>(x);
}

Rgb PixelAt(cairo_surface_t* s, double x, double y) {
  const unsigned char* px = PixelBytes(s, x, y);
  return {px[2] / 255.0, px[1] / 255.0, px[0] / 255.0};
}

// The rightmost column holding a dark pixel in rows [top, bottom) of a PNG; -1 when none.
int RightmostInk(const std::string& png, int top, int bottom) {
  cairo_surface_t* s = DecodePng(png);
  int right = -1;
  for (int y = top; y < std::min(bottom, cairo_image_surface_get_height(s)); ++y) {
    for (int x = 0; x < cairo_image_surface_get_width(s); ++x) {
      const Rgb c = PixelAt(s, x, y);
      if (c.r < 160 / 255.0 && c.g < 160 / 255.0 && c.b < 160 / 255.0) right = std::max(right, x);
    }
  }
  cairo_surface_destroy(s);
  return right;
}

// The metrics are DejaVu Sans's advances without kerning: never narrower than what librsvg
// draws, and close to it.
TEST(TextMetricsTest, MatchWhatLibrsvgDraws) {
  const std::vector<std::string> samples = {
      "Pakistan Tehreek-e-Insaf", "Muttahida Qaumi Movement \xE2\x80\x93 Pakistan",
      "AVATAR Wavy Tall Yoyo",    "Grand Democratic Alliance (GDA) 155 against 154, chair 1",
      "Łódź Élysée Αθήνα Москва", "MMMMMMMMMMWWWWWWWWWW",
      "iiiiiiiiiilllllllll1111",
  };
  for (const bool bold : {false, true}) {
    for (const double size : {12.0, 17.0}) {
      for (const std::string& text : samples) {
        SCOPED_TRACE(text + (bold ? " bold " : " ") + std::to_string(size));
        std::string svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"900\" height=\"40\"><text x=\"10\" "
            "y=\"25\" style=\"font-family:'DejaVu Sans',Verdana,Arial,sans-serif;font-size:" +
            std::to_string(size) + "px" + (bold ? ";font-weight:bold" : "") + "\">" + text +
            "</text></svg>";
        Result<std::string> png = RenderPng(svg);
        ASSERT_TRUE(png.ok()) << png.status().ToString();
        const double width =
            io::TextWidth(text, size, bold ? io::FontWeight::kBold : io::FontWeight::kRegular);
        const int ink = RightmostInk(*png, 0, 40);
        EXPECT_LE(ink, 10 + width + 1);
        EXPECT_GE(ink, 10 + 0.9 * width);
      }
    }
  }
}

TEST(TextMetricsTest, WrapBreaksAtSpacesAndSplitsOnlyOverlongWords) {
  EXPECT_EQ(io::WrapText("Pakistan Muslim League (N)", 100, 12),
            (std::vector<std::string>{"Pakistan Muslim", "League (N)"}));
  EXPECT_EQ(io::WrapText("Pakistan Muslim League (N)", 60, 12),
            (std::vector<std::string>{"Pakistan", "Muslim", "League", "(N)"}));
  EXPECT_EQ(io::WrapText("  a   b  ", 1000, 12), (std::vector<std::string>{"a b"}));
  const std::vector<std::string> pieces = io::WrapText("Supercalifragilistic", 40, 12);
  ASSERT_GT(pieces.size(), 2u);
  std::string joined;
  for (const std::string& p : pieces) {
    EXPECT_LE(io::TextWidth(p, 12), 40);
    joined += p;
  }
  EXPECT_EQ(joined, "Supercalifragilistic");
  EXPECT_TRUE(io::WrapText("", 100, 12).empty());
}

// ---- Text boxes in an SVG ---------------------------------------------------------------------

struct TextBox {
  double left = 0;
  double right = 0;
  double x = 0;
  std::string group;  // the innermost <g> with an id
  std::string text;
};

struct TextParse {
  double width = 0;
  std::vector<TextBox> boxes;
  std::vector<std::string> groups;      // ids of open <g> elements ("" for those without)
  std::vector<io::FontWeight> weights;  // of open <text>/<tspan> elements
  double size = 12;
  double x = 0;
  std::string anchor;
  double run_width = 0;
  std::string text;
  int in_text = 0;
  int in_title = 0;
};

std::string Attr(const XML_Char** attrs, std::string_view name) {
  for (size_t i = 0; attrs[i] != nullptr; i += 2) {
    if (name == attrs[i]) return attrs[i + 1];
  }
  return {};
}

void OnStart(void* data, const XML_Char* name, const XML_Char** attrs) {
  auto* p = static_cast<TextParse*>(data);
  const std::string element = name;
  if (element == "svg") p->width = std::stod(Attr(attrs, "width"));
  if (element == "g") p->groups.push_back(Attr(attrs, "id"));
  if (element == "title") ++p->in_title;
  if (element == "text") {
    ++p->in_text;
    p->x = std::stod(Attr(attrs, "x"));
    p->anchor = Attr(attrs, "text-anchor");
    const bool title = Attr(attrs, "class") == "title";
    p->size = title ? 17 : 12;
    p->weights = {title || Attr(attrs, "font-weight") == "bold" ? io::FontWeight::kBold
                                                                : io::FontWeight::kRegular};
    p->run_width = 0;
    p->text.clear();
  } else if (element == "tspan") {
    p->weights.push_back(Attr(attrs, "font-weight") == "bold" ? io::FontWeight::kBold
                                                              : p->weights.back());
  }
}

void OnEnd(void* data, const XML_Char* name) {
  auto* p = static_cast<TextParse*>(data);
  const std::string element = name;
  if (element == "g") p->groups.pop_back();
  if (element == "title") --p->in_title;
  if (element == "tspan") p->weights.pop_back();
  if (element != "text") return;
  --p->in_text;
  const double w = p->run_width;
  const double left = p->anchor == "middle" ? p->x - w / 2 : p->anchor == "end" ? p->x - w : p->x;
  std::string group;
  for (const std::string& g : p->groups) {
    if (!g.empty()) group = g;
  }
  p->boxes.push_back({left, left + w, p->x, group, p->text});
}

void OnText(void* data, const XML_Char* s, int length) {
  auto* p = static_cast<TextParse*>(data);
  if (p->in_text == 0 || p->in_title > 0) return;
  const std::string_view piece(s, static_cast<size_t>(length));
  p->text += piece;
  p->run_width += io::TextWidth(piece, p->size, p->weights.back());
}

TextParse ParseTexts(const std::string& svg) {
  TextParse p;
  XML_Parser parser = XML_ParserCreate("UTF-8");
  XML_SetUserData(parser, &p);
  XML_SetElementHandler(parser, OnStart, OnEnd);
  XML_SetCharacterDataHandler(parser, OnText);
  EXPECT_EQ(XML_Parse(parser, svg.data(), static_cast<int>(svg.size()), 1), XML_STATUS_OK);
  XML_ParserFree(parser);
  return p;
}

// Every text inside the picture; in the legend and the key, every text short of the next
// column's swatch.
void CheckTextFits(const std::string& svg) {
  const TextParse p = ParseTexts(svg);
  ASSERT_GT(p.width, 0);
  std::map<std::string, std::set<double>> columns;  // group → x of its texts
  for (const TextBox& b : p.boxes) {
    if (b.group == "legend" || b.group == "key") columns[b.group].insert(b.x);
  }
  for (const TextBox& b : p.boxes) {
    EXPECT_GE(b.left, -0.5) << b.text;
    EXPECT_LE(b.right, p.width + 0.5) << b.text;
    if (b.group == "legend" || b.group == "key" || b.group == "bar" || b.group.empty()) {
      EXPECT_GE(b.left, 12 - 0.5) << b.text;
      EXPECT_LE(b.right, p.width - 12 + 0.5) << b.text;
    }
    if (!columns.contains(b.group)) continue;
    const std::set<double>& xs = columns.at(b.group);
    const auto next = xs.upper_bound(b.x + 0.5);
    if (next != xs.end()) {
      EXPECT_LE(b.right, *next - 20 - 2) << b.text << " runs into the next column";
    }
  }
}

// ---- The shipped files ------------------------------------------------------------------------

struct Shipped {
  std::string name;  // "pk-na-2022"
  io::ChamberFile file;
  Snapshot snapshot;
};

std::vector<Shipped> ShippedChambers() {
  std::vector<Shipped> out;
  std::vector<fs::path> paths;
  for (const fs::directory_entry& e : fs::directory_iterator(WHIPCOUNT_SOURCE_DIR "/data")) {
    if (e.path().extension() == ".yaml") paths.push_back(e.path());
  }
  std::sort(paths.begin(), paths.end());
  for (const fs::path& path : paths) {
    Result<io::ChamberFile> file = io::LoadChamberFile(path.string());
    EXPECT_TRUE(file.ok()) << file.status().ToString();
    if (!file.ok()) continue;
    Result<MotionCase> m = SelectMotion(file->content, std::nullopt);
    EXPECT_TRUE(m.ok()) << m.status().ToString();
    Result<Snapshot> snapshot = SnapshotOn(*m, DefaultDate(*m));
    EXPECT_TRUE(snapshot.ok()) << snapshot.status().ToString();
    if (!snapshot.ok()) continue;
    out.push_back({path.stem().string(), std::move(*file), std::move(*snapshot)});
  }
  EXPECT_GE(out.size(), 15u);
  return out;
}

DiagramOptions OptionsFor(const Snapshot& s, Layout layout) {
  DiagramOptions o{.layout = layout};
  if (s.tally && s.tally->required) o.markers.push_back({*s.tally->required, "needed"});
  return o;
}

constexpr Layout kLayouts[] = {Layout::kArch, Layout::kWestminster, Layout::kHorseshoe,
                               Layout::kClassroom, Layout::kCircle};

TEST(DiagramGalleryTest, NoTextLeavesItsColumnAtAnyWidth) {
  for (const Shipped& s : ShippedChambers()) {
    for (Layout layout : kLayouts) {
      const State& state = s.snapshot.state;
      Result<Diagram> d =
          BuildDiagram(state.chamber, state.stances, OptionsFor(s.snapshot, layout));
      ASSERT_TRUE(d.ok()) << s.name << ": " << d.status().ToString();
      for (int width : {240, 640, 8000}) {
        SCOPED_TRACE(s.name + " " + std::string(EnumName(layout)) + " " + std::to_string(width));
        SvgOptions o{.width = width, .subtitle = "2022-03-30 \xC2\xB7 " + s.file.path};
        CheckTextFits(WriteSvg(*d, o));
        o.compact = true;
        CheckTextFits(WriteSvg(*d, o));
      }
    }
  }
}

// Parties side by side in the legend, and runs of seats side by side in the default (stance)
// order, differ by at least ΔE 12 (CIE76).
TEST(DiagramGalleryTest, NeighbouringPartiesDifferInColour) {
  for (const Shipped& s : ShippedChambers()) {
    const State& state = s.snapshot.state;
    Result<Diagram> d = BuildDiagram(state.chamber, state.stances);
    ASSERT_TRUE(d.ok());
    const auto check = [&](const SeatBlock& a, const SeatBlock& b) {
      if (a.kind != SeatBlock::Kind::kParty || b.kind != SeatBlock::Kind::kParty) return;
      if (a.party == b.party) return;
      EXPECT_GE(ColourDifference(*ParseRgb(a.colour), *ParseRgb(b.colour)), 12)
          << s.name << ": " << a.party << " " << a.colour << " beside " << b.party << " "
          << b.colour;
    };
    const SeatBlock* last = nullptr;
    for (const SeatBlock& b : d->blocks) {
      if (b.seats == 0) continue;
      if (last != nullptr) check(*last, b);
      last = &b;
    }
    for (size_t i = 1; i < d->seats.size(); ++i) {
      if (d->seats[i].block == d->seats[i - 1].block) continue;
      check(d->blocks[static_cast<size_t>(d->seats[i - 1].block)],
            d->blocks[static_cast<size_t>(d->seats[i].block)]);
    }
  }
}

// The seats of one stance class in an SVG: centre and radius in px.
struct Circle {
  double x = 0;
  double y = 0;
  double r = 0;
};

void OnCircle(void* data, const XML_Char* name, const XML_Char** attrs) {
  if (std::string_view(name) != "circle" || Attr(attrs, "class") != "against") return;
  static_cast<std::vector<Circle>*>(data)->push_back(
      {std::stod(Attr(attrs, "cx")), std::stod(Attr(attrs, "cy")), std::stod(Attr(attrs, "r"))});
}

std::vector<Circle> AgainstSeats(const std::string& svg) {
  std::vector<Circle> out;
  XML_Parser parser = XML_ParserCreate("UTF-8");
  XML_SetUserData(parser, &out);
  XML_SetStartElementHandler(parser, OnCircle);
  EXPECT_EQ(XML_Parse(parser, svg.data(), static_cast<int>(svg.size()), 1), XML_STATUS_OK);
  XML_ParserFree(parser);
  return out;
}

// Issue 17: "against" must read without hue. On the PNG of every shipped file, as seen with each
// of the three common colour-vision deficiencies (simulated pixel by pixel), every "against"
// seat's band stands out from its fill by a contrast ratio of at least 3 (WCAG's figure for
// graphics). The simulated pictures of Pakistan are written beside the others.
TEST(DiagramGalleryTest, AgainstReadsUnderEveryColourVisionDeficiency) {
  const fs::path dir = WHIPCOUNT_GALLERY_DIR;
  fs::create_directories(dir);
  int seats = 0;
  for (const Shipped& s : ShippedChambers()) {
    const State& state = s.snapshot.state;
    Result<Diagram> d = BuildDiagram(state.chamber, state.stances, OptionsFor(s.snapshot, {}));
    ASSERT_TRUE(d.ok());
    const std::string svg = WriteSvg(*d, {.width = 1200});
    Result<std::string> png = RenderPng(svg);
    ASSERT_TRUE(png.ok());
    cairo_surface_t* image = DecodePng(*png);
    for (ColourVision vision : {ColourVision::kTypical, ColourVision::kProtanopia,
                                ColourVision::kDeuteranopia, ColourVision::kTritanopia}) {
      for (const Circle& c : AgainstSeats(svg)) {
        const Rgb band = SimulateVision(PixelAt(image, c.x, c.y), vision);
        const Rgb fill = SimulateVision(PixelAt(image, c.x, c.y - 0.7 * c.r), vision);
        EXPECT_GE(ContrastRatio(band, fill), 3.0)
            << s.name << " " << EnumName(vision) << " at " << c.x << "," << c.y;
        ++seats;
      }
    }
    if (s.name == "pk-na-2022") {
      for (ColourVision vision :
           {ColourVision::kProtanopia, ColourVision::kDeuteranopia, ColourVision::kTritanopia}) {
        cairo_surface_t* copy = DecodePng(*png);
        const int w = cairo_image_surface_get_width(copy);
        const int h = cairo_image_surface_get_height(copy);
        for (int y = 0; y < h; ++y) {
          for (int x = 0; x < w; ++x) {
            unsigned char* px = PixelBytes(copy, x, y);
            const Rgb seen = SimulateVision(PixelAt(copy, x, y), vision);
            px[2] = static_cast<unsigned char>(std::lround(seen.r * 255));
            px[1] = static_cast<unsigned char>(std::lround(seen.g * 255));
            px[0] = static_cast<unsigned char>(std::lround(seen.b * 255));
          }
        }
        cairo_surface_mark_dirty(copy);
        const std::string out = (dir / (s.name + "-" + std::string(EnumName(vision)) + ".png"));
        EXPECT_EQ(cairo_surface_write_to_png(copy, out.c_str()), CAIRO_STATUS_SUCCESS);
        cairo_surface_destroy(copy);
      }
    }
    cairo_surface_destroy(image);
  }
  EXPECT_GT(seats, 1000);
}

TEST(DiagramGalleryTest, EveryShippedFileInEveryLayoutAsPng) {
  const fs::path dir = WHIPCOUNT_GALLERY_DIR;
  fs::create_directories(dir);
  int written = 0;
  for (const Shipped& s : ShippedChambers()) {
    for (Layout layout : kLayouts) {
      const State& state = s.snapshot.state;
      Result<Diagram> d =
          BuildDiagram(state.chamber, state.stances, OptionsFor(s.snapshot, layout));
      ASSERT_TRUE(d.ok());
      for (const bool compact : {false, true}) {
        const std::string svg = WriteSvg(*d, {.compact = compact});
        Result<std::string> png = RenderPng(svg);
        ASSERT_TRUE(png.ok()) << s.name << ": " << png.status().ToString();
        std::ofstream(dir / (s.name + "-" + std::string(EnumName(layout)) +
                             (compact ? "-compact" : "") + ".png"),
                      std::ios::binary)
            << *png;
        ++written;
      }
    }
  }
  EXPECT_GE(written, 150);
}

}  // namespace
}  // namespace whipcount
