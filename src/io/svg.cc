// SVG writer for parliament diagrams: the picture's parts (head, style, seats, chair, marker
// lines, heading, vote bar, legend, key) one function each, written through io::XmlWriter.
#include "io/svg.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "io/text.h"
#include "io/text_metrics.h"
#include "io/xml.h"
#include "whipcount/colour.h"

namespace whipcount {
namespace {

constexpr double kPad = 12;
constexpr double kTextPx = 12;
constexpr double kLine = 15;  // between the baselines of 12px lines
constexpr double kTitlePx = 17;
constexpr double kTitleLine = 21;
constexpr double kBarHeight = 16;
constexpr double kSwatch = 20;      // from a legend or key entry's left edge to its text
constexpr double kColumnGap = 14;   // between legend columns
constexpr double kMinColumn = 200;  // the narrowest legend column
constexpr double kEntryGap = 5;     // between legend entries
constexpr std::string_view kKeyColour = "#555555";

// `base`, or `base-2`, `base-3`... whichever is not in `used` yet; then it is.
std::string UniqueId(const std::string& base, std::set<std::string>& used) {
  std::string unique = base;
  for (int n = 2; !used.insert(unique).second; ++n) unique = base + "-" + std::to_string(n);
  return unique;
}

// "party-PTI": letters, digits, '-', '_' and '.' kept, anything else '_'.
std::string PartyElementId(std::string_view party, std::set<std::string>& used) {
  std::string id = "party-";
  for (char c : party) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    id += ok ? c : '_';
  }
  return UniqueId(id, used);
}

// "vacant", "chair", or "party" and the bloc's role.
std::string RoleClass(const SeatBlock& b) {
  std::string c(EnumName(b.kind));
  if (b.kind == SeatBlock::Kind::kParty && b.role) {
    c += ' ';
    c += EnumName(*b.role);
  }
  return c;
}

// "Pakistan Tehreek-e-Insaf (PTI)", or just the name when the short name adds nothing.
std::string BlockLabel(const SeatBlock& b) {
  if (b.short_name.empty() || b.short_name == b.name) return b.name;
  return b.name + " (" + b.short_name + ")";
}

std::string SeatsWord(int n) { return std::to_string(n) + (n == 1 ? " seat" : " seats"); }

std::string LayoutPhrase(const Diagram& d) {
  switch (d.layout) {
    case Layout::kArch:
      return "a hemicycle";
    case Layout::kCircle:
      return "a circle";
    case Layout::kHorseshoe:
      return "a horseshoe";
    case Layout::kClassroom:
      return "a classroom";
    case Layout::kWestminster:
      return "Westminster benches";
  }
  return "a diagram";
}

// The non-zero counts, in one order: "For 150 · Against 4" or "for, against" without numbers.
struct CountsStyle {
  std::string_view separator;
  bool capitals = false;
  bool numbers = true;
};

std::string CountsList(const Counts& c, int vacant, CountsStyle style) {
  const std::pair<std::string_view, int> counts[] = {
      {"for", c.for_votes},        {"against", c.against}, {"abstain", c.abstain},
      {"present", c.present},      {"absent", c.absent},   {"undecided", c.undecided},
      {"non-voting", c.uncounted}, {"vacant", vacant},     {"chair", c.chair}};
  std::string out;
  for (const auto& [word, n] : counts) {
    if (n == 0) continue;
    if (!out.empty()) out += style.separator;
    out += word;
    if (style.capitals) out[out.size() - word.size()] = static_cast<char>(std::toupper(word[0]));
    if (style.numbers) out += " " + std::to_string(n);
  }
  return out;
}

// "For 150 · Against 4 · Vacant 1", for the bar and the description.
std::string CountsPhrase(const Counts& c, int vacant) {
  return CountsList(c, vacant, {.separator = " \xC2\xB7 ", .capitals = true});  // middle dot
}

std::string_view PresidingPhrase(PresidingVote v) {
  switch (v) {
    case PresidingVote::kNever:
      return "does not vote";
    case PresidingVote::kCastingOnly:
      return "votes only to break a tie";
    case PresidingVote::kAsMember:
      return "votes as a member";
  }
  return "";
}

// A piece of a line of text in one style.
struct Run {
  std::string text;
  io::FontWeight weight = io::FontWeight::kRegular;
  bool grey = false;
};
using TextLine = std::vector<Run>;

// A word that wrapping keeps whole, in one style.
struct Word {
  std::string text;
  io::FontWeight weight = io::FontWeight::kRegular;
  bool grey = false;
};

// `words` in lines no wider than `width` px, a space between words; a word wider than a line is
// broken between characters (io::WrapText). Neighbouring words of one style share a run.
std::vector<TextLine> WrapWords(const std::vector<Word>& words, double width) {
  std::vector<TextLine> lines(1);
  double used = 0;
  const double space = io::TextWidth(" ", kTextPx);
  const auto add = [&](const Word& w, std::string_view text, double text_width) {
    TextLine& line = lines.back();
    const bool gap = !line.empty();
    if (!line.empty() && line.back().weight == w.weight && line.back().grey == w.grey) {
      line.back().text += ' ';
      line.back().text += text;
    } else {
      line.push_back({(gap ? " " : "") + std::string(text), w.weight, w.grey});
    }
    used += (gap ? space : 0) + text_width;
  };
  const auto new_line = [&] {
    lines.emplace_back();
    used = 0;
  };
  for (const Word& w : words) {
    const double ww = io::TextWidth(w.text, kTextPx, w.weight);
    if (ww > width) {
      // Wider than a line: its pieces, each on a line of its own.
      if (!lines.back().empty()) new_line();
      const std::vector<std::string> pieces = io::WrapText(w.text, width, kTextPx, w.weight);
      for (size_t k = 0; k < pieces.size(); ++k) {
        if (k > 0) new_line();
        add(w, pieces[k], io::TextWidth(pieces[k], kTextPx, w.weight));
      }
      continue;
    }
    if (!lines.back().empty() && used + space + ww > width) new_line();
    add(w, w.text, ww);
  }
  return lines;
}

// One party's (or the vacant seats') entry in the legend, wrapped to its column.
struct LegendEntry {
  size_t block = 0;
  std::vector<TextLine> lines;
  double Height() const { return kLine * static_cast<double>(lines.size()) + kEntryGap; }
};

// A marker's label under the bar.
struct MarkerLabel {
  double x = 0;
  std::string_view anchor;
  std::vector<std::string> lines;
};

struct KeyItem {
  std::string_view label;
  std::string_view kind;  // for, against, abstain, absent, undecided, vacant, chair, marker
};

// Geometry of the picture in px, and its text wrapped to fit, worked out before anything is
// written.
struct Frame {
  double width = 0;
  double scale = 1;
  double ox = 0;  // where the diagram's origin lands
  double oy = 0;
  std::vector<std::string> title;     // lines, the first's baseline at title_y
  std::vector<std::string> subtitle;  // lines, the first's baseline at subtitle_y
  double title_y = 0;
  double subtitle_y = 0;
  double bar_y = 0;  // top of the counts line; 0 when there is no bar
  std::vector<std::string> counts;
  std::vector<MarkerLabel> marker_labels;
  double legend_y = 0;  // 0 when there is no legend
  double column_w = 0;
  std::vector<std::vector<LegendEntry>> columns;
  double key_y = 0;  // 0 when there is no stance key
  std::vector<KeyItem> key;
  size_t key_per_row = 1;
  double key_item_w = 0;
  double height = 0;
};

std::vector<KeyItem> KeyItems(const Diagram& d) {
  std::vector<KeyItem> items;
  if (d.show_stances) {
    items = {{"for", "for"}, {"against", "against"}, {"abstain", "abstain"}};
    // Few chambers record "present, not voting": it is keyed only where a seat shows it.
    if (std::any_of(d.seats.begin(), d.seats.end(),
                    [](const Seat& s) { return s.stance == Stance::kPresent; })) {
      items.push_back({"present, not voting", "present"});
    }
    items.push_back({"absent", "absent"});
    items.push_back({"undecided", "undecided"});
  }
  if (d.vacancies > 0) items.push_back({"vacant", "vacant"});
  if (d.chair) items.push_back({"presiding officer", "chair"});
  return items;
}

std::vector<size_t> LegendBlocks(const Diagram& d) {
  std::vector<size_t> out;
  for (size_t b = 0; b < d.blocks.size(); ++b) {
    if (d.blocks[b].seats > 0 || d.blocks[b].holds_chair) out.push_back(b);
  }
  return out;
}

bool HasBar(const Diagram& d) { return d.show_stances || !d.markers.empty(); }

bool HasMarkerLines(const Diagram& d) {
  return std::any_of(d.markers.begin(), d.markers.end(),
                     [](const MarkerPlacement& m) { return !m.line.empty(); });
}

// "for 150, against 4, chair 1": how a party's seats stand, without the counts when they all
// stand one way.
std::string SplitPhrase(const Counts& c, int seats) {
  const bool one = c.for_votes == seats || c.against == seats || c.abstain == seats ||
                   c.present == seats || c.absent == seats || c.undecided == seats ||
                   c.uncounted == seats;
  return CountsList(c, 0, {.separator = ", ", .numbers = !one});
}

// Each word of `text` in one style.
void AddWords(std::vector<Word>& words, std::string_view text, io::FontWeight weight, bool grey) {
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = std::min(text.find(' ', start), text.size());
    if (end > start) words.push_back({std::string(text.substr(start, end - start)), weight, grey});
    start = end + 1;
  }
}

// "PTI 155 against 154, chair 1 · Pakistan Tehreek-e-Insaf": the short name in bold, the seats,
// how they stand in grey, then the full name, wrapped to `width`.
LegendEntry MakeLegendEntry(const Diagram& d, size_t block, double width) {
  const SeatBlock& b = d.blocks[block];
  const int seats = b.seats + (b.holds_chair ? 1 : 0);
  std::vector<Word> words;
  std::string lead = b.kind == SeatBlock::Kind::kParty ? b.short_name : b.name;
  if (b.kind == SeatBlock::Kind::kChair) lead += " (presiding officer)";
  AddWords(words, lead, io::FontWeight::kBold, false);
  words.push_back({std::to_string(seats)});
  if (d.show_stances && b.kind == SeatBlock::Kind::kParty) {
    AddWords(words, SplitPhrase(b.counts, seats), io::FontWeight::kRegular, true);
  }
  if (b.kind == SeatBlock::Kind::kParty && b.name != b.short_name) {
    const size_t first = words.size();
    AddWords(words, b.name, io::FontWeight::kRegular, false);
    // The dot goes with the name's first word, never alone at the end of a line.
    if (words.size() > first) words[first].text.insert(0, "\xC2\xB7\xC2\xA0");
  }
  return {block, WrapWords(words, width)};
}

// The legend's entries in `columns` columns of `width`, in seat order down each column, the
// columns as even in height as the order allows.
std::vector<std::vector<LegendEntry>> LegendColumns(const Diagram& d, size_t columns,
                                                    double width) {
  std::vector<LegendEntry> entries;
  double total = 0;
  double tallest = 0;
  for (size_t b : LegendBlocks(d)) {
    entries.push_back(MakeLegendEntry(d, b, width - kSwatch));
    total += entries.back().Height();
    tallest = std::max(tallest, entries.back().Height());
  }
  // The lowest column height at which the entries, in order, fill at most `columns` columns.
  for (double limit = std::max(tallest, total / static_cast<double>(columns));; limit += kLine) {
    std::vector<std::vector<LegendEntry>> out(1);
    double height = 0;
    for (const LegendEntry& e : entries) {
      if (height + e.Height() > limit + 1e-9 && !out.back().empty()) {
        out.emplace_back();
        height = 0;
      }
      out.back().push_back(e);
      height += e.Height();
    }
    if (out.size() <= columns) return out;
  }
}

double ColumnHeight(const std::vector<LegendEntry>& column) {
  double h = 0;
  for (const LegendEntry& e : column) h += e.Height();
  return h;
}

// The marker labels under the bar, each wrapped to the room on its side of its tick.
std::vector<MarkerLabel> MarkerLabels(const Diagram& d, double width) {
  std::vector<MarkerLabel> labels;
  const double bar_w = width - 2 * kPad;
  for (const MarkerPlacement& m : d.markers) {
    MarkerLabel label;
    label.x = kPad + m.bar_fraction * bar_w;
    const double left_room = label.x - kPad;
    const double right_room = width - kPad - label.x;
    std::string text = std::to_string(m.marker.votes);
    if (!m.marker.label.empty()) text += " " + m.marker.label;
    // Centred on its tick, else beside it on the roomier side, else across the whole width.
    const double text_w = io::TextWidth(text, kTextPx);
    double room = 2 * std::min(left_room, right_room);
    label.anchor = "middle";
    if (text_w > room) {
      const bool start = right_room >= left_room;
      label.anchor = start ? "start" : "end";
      room = start ? right_room : left_room;
      if (text_w > room) {
        label.anchor = "start";
        label.x = kPad;
        room = bar_w;
      }
    }
    label.lines = io::WrapText(text, room, kTextPx);
    labels.push_back(std::move(label));
  }
  return labels;
}

Frame Plan(const Diagram& d, const SvgOptions& o) {
  Frame f;
  f.width = std::max(o.width, 240);
  const double avail_text = f.width - 2 * kPad;
  double y = kPad;
  const bool heading = o.legend == Legend::kShow && !o.compact;
  if (heading) {
    f.title = io::WrapText(d.title.empty() ? "Parliament diagram" : d.title, avail_text, kTitlePx,
                           io::FontWeight::kBold);
    f.title_y = y + 16;
    y = f.title_y + kTitleLine * static_cast<double>(f.title.size() - 1) + 10;
    if (!o.subtitle.empty()) {
      f.subtitle = io::WrapText(o.subtitle, avail_text, kTextPx);
      f.subtitle_y = y + 8;
      y = f.subtitle_y + kLine * static_cast<double>(f.subtitle.size() - 1) + 10;
    }
  }
  const double room = HasMarkerLines(d) ? 22 : 4;  // for labels at the ends of marker lines
  const double avail = f.width - 2 * kPad - 2 * room;
  f.scale = d.width > 0 ? avail / d.width : 1;
  if (d.seat_radius > 0) f.scale = std::min(f.scale, o.max_seat_px / (2 * d.seat_radius));
  if (d.height > 0) f.scale = std::min(f.scale, 1.1 * avail / d.height);  // keep circles sane
  f.ox = (f.width - d.width * f.scale) / 2;
  f.oy = y + room;
  y = f.oy + d.height * f.scale + room;
  if (o.legend == Legend::kShow && HasBar(d)) {
    f.bar_y = y + 8;
    f.counts = io::WrapText(CountsPhrase(d.total, d.vacancies), avail_text, kTextPx);
    y = f.bar_y + kLine * static_cast<double>(f.counts.size()) + 5 + kBarHeight + 8;
    if (!o.compact) {
      f.marker_labels = MarkerLabels(d, f.width);
      for (const MarkerLabel& m : f.marker_labels) {
        y += kLine * static_cast<double>(m.lines.size());
      }
    }
    y += 8;
  }
  if (heading) {
    const size_t entries = LegendBlocks(d).size();
    if (entries > 0) {
      const auto fit =
          static_cast<size_t>(std::max(1.0, (avail_text + kColumnGap) / (kMinColumn + kColumnGap)));
      const size_t columns = std::min(fit, std::max<size_t>(1, (entries + 2) / 3));
      f.column_w = (avail_text + kColumnGap) / static_cast<double>(columns) - kColumnGap;
      f.columns = LegendColumns(d, columns, f.column_w);
      double tallest = 0;
      for (const auto& column : f.columns) tallest = std::max(tallest, ColumnHeight(column));
      f.legend_y = y + 4;
      y = f.legend_y + tallest;
    }
    f.key = KeyItems(d);
    if (HasMarkerLines(d)) f.key.push_back({"votes needed", "marker"});
    if (!f.key.empty()) {
      double widest = 0;
      for (const KeyItem& k : f.key) widest = std::max(widest, io::TextWidth(k.label, kTextPx));
      f.key_item_w = kSwatch + widest + 16;
      f.key_per_row = std::max<size_t>(1, static_cast<size_t>(avail_text / f.key_item_w));
      f.key_item_w = std::max(f.key_item_w, avail_text / static_cast<double>(f.key_per_row));
      const size_t rows = (f.key.size() + f.key_per_row - 1) / f.key_per_row;
      f.key_y = y + 8;
      y = f.key_y + 20 * static_cast<double>(rows);
    }
  }
  f.height = std::ceil(y + kPad);
  return f;
}

// How a seat's <circle> looks for one stance: its class, fill and radius, escaped once for all
// the block's seats. `fill_ref` names the block's half-fill gradient and hatch pattern ("key" for
// the stance key).
struct SeatStyle {
  std::optional<io::XmlText> cls;   // when stances are marked
  std::optional<io::XmlText> fill;  // url(#h-…) or url(#p-…), else the group's colour
  bool faded = false;               // present but not voting
  double radius = 0;
};

SeatStyle StyleFor(Stance stance, bool marked, std::string_view fill_ref, double r) {
  SeatStyle style{.radius = r};
  if (!marked) return style;
  style.cls.emplace(EnumName(stance));
  switch (stance) {
    case Stance::kFor:
      break;
    case Stance::kAgainst:  // the party's colour, crossed by a band
      style.fill.emplace("url(#a-" + std::string(fill_ref) + ")");
      break;
    case Stance::kAbstain:
      style.fill.emplace("url(#h-" + std::string(fill_ref) + ")");
      style.radius *= 0.9;
      break;
    case Stance::kPresent:  // in the chamber without voting: the party's colour, faded
      style.faded = true;
      style.radius *= 0.9;
      break;
    case Stance::kAbsent:
      style.radius *= 0.45;
      break;
    case Stance::kUndecided:
      style.fill.emplace("url(#p-" + std::string(fill_ref) + ")");
      style.radius *= 0.9;
      break;
  }
  return style;
}

// One seat at (x, y), with a <title> when given one.
void WriteSeat(io::XmlWriter& xml, const SeatStyle& style, double x, double y,
               const io::XmlText* title) {
  xml.Open("circle");
  if (style.cls) xml.Attr("class", *style.cls);
  if (style.fill) xml.Attr("fill", *style.fill);
  if (style.faded) xml.Attr("fill-opacity", "0.45");
  xml.Attr("cx", x).Attr("cy", y).Attr("r", style.radius);
  if (title != nullptr) xml.Element("title", *title);
  xml.Close();
}

// The half fill of abstentions, the band across "against" seats and the hatch of undecided
// seats in `colour`, as `h-<ref>`, `a-<ref>` and `p-<ref>`.
void WriteFills(io::XmlWriter& xml, std::string_view ref, std::string_view colour, double period) {
  const std::string ref_text(ref);
  const std::string mark = MarkColourOn(colour);
  xml.Open("linearGradient").Attr("id", "a-" + ref_text);
  xml.Attr("x1", 0.0).Attr("y1", 0.0).Attr("x2", 0.0).Attr("y2", 1.0);
  for (const auto& [offset, c] : {std::pair<std::string_view, std::string_view>{".36", colour},
                                  {".36", mark},
                                  {".64", mark},
                                  {".64", colour}}) {
    xml.Open("stop").Attr("offset", offset).Attr("stop-color", c).Close();
  }
  xml.Close();
  xml.Open("linearGradient").Attr("id", "h-" + ref_text);
  xml.Attr("x1", 0.0).Attr("y1", 0.0).Attr("x2", 0.0).Attr("y2", 1.0);
  xml.Open("stop").Attr("offset", ".5").Attr("stop-color", "#fff").Close();
  xml.Open("stop").Attr("offset", ".5").Attr("stop-color", colour).Close();
  xml.Close();
  xml.Open("pattern").Attr("id", "p-" + ref_text).Attr("patternUnits", "userSpaceOnUse");
  xml.Attr("patternTransform", "rotate(45)").Attr("width", period).Attr("height", period);
  xml.Open("rect").Attr("fill", "#fff").Attr("width", period).Attr("height", period).Close();
  xml.Open("rect").Attr("fill", colour).Attr("width", period / 2).Attr("height", period).Close();
  xml.Close();
}

// <text x y ...>: the caller adds attributes, then Text() and Close().
io::XmlWriter& OpenText(io::XmlWriter& xml, double x, double y) {
  return xml.Open("text").Attr("x", x).Attr("y", y);
}

void WriteText(io::XmlWriter& xml, double x, double y, std::string_view text) {
  OpenText(xml, x, y).Text(text).Close();
}

Point ToPicture(Point p, const Frame& f) { return {f.ox + p.x * f.scale, f.oy + p.y * f.scale}; }

// The <svg> element, its <title> and its <desc>.
void WriteHead(io::XmlWriter& xml, const Diagram& d, const SvgOptions& options, const Frame& f) {
  xml.Declaration();
  xml.Open("svg").Attr("xmlns", "http://www.w3.org/2000/svg").Attr("version", "1.1");
  xml.Attr("width", f.width).Attr("height", f.height).Attr("viewBox", {0, 0, f.width, f.height});
  xml.Attr("role", "img").Attr("aria-labelledby", "title desc").Newline();
  std::string title = d.title.empty() ? "Parliament diagram" : d.title;
  if (!options.subtitle.empty()) title += ", " + options.subtitle;
  xml.Open("title").Attr("id", "title").Text(title).Close().Newline();

  std::string desc = "Parliament diagram of " + (d.title.empty() ? "a chamber" : d.title) +
                     " drawn as " + LayoutPhrase(d) + ": " + SeatsWord(d.statutory_seats);
  if (d.vacancies > 0) desc += ", " + std::to_string(d.vacancies) + " vacant";
  desc += ". Parties from ";
  desc += d.layout == Layout::kWestminster ? "the government benches: " : "left to right: ";
  bool first = true;
  for (const SeatBlock& b : d.blocks) {
    if (b.kind != SeatBlock::Kind::kParty || (b.seats == 0 && !b.holds_chair)) continue;
    if (!first) desc += ", ";
    first = false;
    desc += b.name + " " + std::to_string(b.seats + (b.holds_chair ? 1 : 0));
  }
  desc += '.';
  if (d.chair) {
    desc += " The presiding officer";
    if (!d.chair_name.empty()) desc += ", " + d.chair_name + ",";
    desc += " " + std::string(PresidingPhrase(d.chair_vote)) + '.';
  }
  if (d.show_stances) desc += " " + CountsPhrase(d.total, d.vacancies) + '.';
  for (const MarkerPlacement& m : d.markers) {
    desc += " Marked: " + std::to_string(m.marker.votes) + " votes";
    if (!m.marker.label.empty()) desc += " (" + m.marker.label + ")";
    desc += '.';
  }
  xml.Open("desc").Attr("id", "desc").Text(desc).Close().Newline();
}

// The style sheet, scaled to the seats' drawn size, and each block's fills.
void WriteStyle(io::XmlWriter& xml, const Diagram& d, double scale) {
  const double r = d.seat_radius * scale;
  std::string css =
      "text{font-family:'DejaVu Sans',Verdana,Arial,sans-serif;fill:#222;font-size:12px}"
      ".party circle,.chair circle{stroke-width:0}.party .abstain,.party .undecided{stroke-width:";
  const double thin = std::max(0.12 * r, 0.5);
  io::AppendNumber(css, thin);
  css += "px}.vacant circle{fill:#fff;stroke:#666;stroke-width:";
  io::AppendNumber(css, thin);
  // Marker lines keep kMarkerClearance slot radii from every seat centre: the line and its halo
  // stay within that, off the drawn seats, however small the seats are.
  const double room = std::max(kMarkerClearance * d.slot_radius - d.seat_radius, 0.0) * scale;
  css += "px}.marker{fill:none;stroke:#111;stroke-width:";
  io::AppendNumber(css, std::min(2.0, 1.8 * room));
  css += "px}.marker.halo{stroke:#fff;stroke-width:";
  io::AppendNumber(css, std::min(5.0, 2 * room));
  css += "px}.marker.second{stroke-dasharray:6 3}.title{font-size:17px;font-weight:bold}";
  xml.Open("style").Raw(css).Close().Newline();
  xml.Open("defs");
  const double period = std::max(2.5, 0.9 * r);
  if (d.show_stances) {
    for (size_t b = 0; b < d.blocks.size(); ++b) {
      const Counts& c = d.blocks[b].counts;
      const bool chair = d.chair && d.chair->block == static_cast<int>(b);
      if (c.abstain + c.undecided + c.against == 0 && !chair) continue;
      WriteFills(xml, std::to_string(b), d.blocks[b].colour, period);
    }
  }
  WriteFills(xml, "key", kKeyColour, 4);
  xml.Close().Newline();
}

// The furniture under the seats.
void WriteTables(io::XmlWriter& xml, const Diagram& d, const Frame& f) {
  for (const Rect& t : d.tables) {
    xml.Open("rect").Attr("class", "table").Attr("fill", "#e9e4d4");
    xml.Attr("x", f.ox + t.x * f.scale).Attr("y", f.oy + t.y * f.scale);
    xml.Attr("width", t.width * f.scale).Attr("height", t.height * f.scale);
    xml.Element("title", "Table of the house").Close().Newline();
  }
}

// The element id of each block, unique in the document.
std::vector<std::string> BlockElementIds(const Diagram& d) {
  std::set<std::string> used = {"title", "desc", "markers", "bar", "legend", "key", "chair"};
  std::vector<std::string> ids(d.blocks.size());
  for (size_t b = 0; b < d.blocks.size(); ++b) {
    switch (d.blocks[b].kind) {
      case SeatBlock::Kind::kParty:
        ids[b] = PartyElementId(d.blocks[b].party, used);
        break;
      case SeatBlock::Kind::kVacant:
        ids[b] = UniqueId("vacant", used);
        break;
      case SeatBlock::Kind::kChair:
        ids[b] = UniqueId("chair-block", used);
        break;
    }
  }
  return ids;
}

// One block's seats in a <g>, each with a <title>: the member where named, else the party.
void WriteBlockSeats(io::XmlWriter& xml, const Diagram& d, const Frame& f, size_t b,
                     std::string_view element_id, const std::vector<int>& seats) {
  const SeatBlock& block = d.blocks[b];
  const bool vacant = block.kind == SeatBlock::Kind::kVacant;
  xml.Open("g").Attr("id", element_id).Attr("class", RoleClass(block));
  if (!vacant) xml.Attr("fill", block.colour).Attr("stroke", block.colour);
  xml.Element("title", (vacant ? std::string("Vacant") : BlockLabel(block)) + ": " +
                           SeatsWord(block.seats + (block.holds_chair ? 1 : 0)));
  xml.Newline();
  // Each stance's circle and title, made once.
  const std::string label = vacant ? std::string("Vacant seat") : BlockLabel(block);
  const bool marked = d.show_stances && !vacant;
  const std::string ref = std::to_string(b);
  const double r = d.seat_radius * f.scale;
  // Indexed by the stance's value: kAllStances lists the stances in that order.
  std::vector<SeatStyle> styles;
  std::vector<io::XmlText> titles;
  for (Stance s : kAllStances) {
    styles.push_back(StyleFor(s, marked, ref, r));
    titles.emplace_back(marked ? label + ": " + std::string(EnumName(s)) : label);
  }
  for (int i : seats) {
    const Seat& s = d.seats[static_cast<size_t>(i)];
    const auto k = static_cast<size_t>(s.stance);
    const Point at = ToPicture(s.centre, f);
    if (s.member) {
      const SeatMember& m = d.members[static_cast<size_t>(*s.member)];
      std::string t = m.name.empty() ? m.id : m.name;
      if (!m.constituency.empty()) t += ", " + m.constituency;
      t += " \xE2\x80\x94 " + BlockLabel(block);  // em dash
      if (d.show_stances) t += ": " + std::string(EnumName(s.stance));
      const io::XmlText title(t);
      WriteSeat(xml, styles[k], at.x, at.y, &title);
    } else {
      WriteSeat(xml, styles[k], at.x, at.y, &titles[k]);
    }
  }
  xml.Close().Newline();
}

void WriteSeats(io::XmlWriter& xml, const Diagram& d, const Frame& f) {
  const std::vector<std::string> ids = BlockElementIds(d);
  // A block's seats are not consecutive when they are grouped by stance.
  std::vector<std::vector<int>> seats(d.blocks.size());
  for (size_t i = 0; i < d.seats.size(); ++i) {
    seats[static_cast<size_t>(d.seats[i].block)].push_back(static_cast<int>(i));
  }
  for (size_t b = 0; b < d.blocks.size(); ++b) {
    if (d.blocks[b].seats > 0) WriteBlockSeats(xml, d, f, b, ids[b], seats[b]);
  }
}

// The presiding officer: a rounded square.
void WriteChair(io::XmlWriter& xml, const Diagram& d, const Frame& f) {
  if (!d.chair) return;
  const SeatBlock& block = d.blocks[static_cast<size_t>(d.chair->block)];
  const double half = d.chair_radius * f.scale;
  const Point at = ToPicture(d.chair->centre, f);
  xml.Open("g").Attr("id", "chair").Attr("class", "chair").Open("rect");
  xml.Attr("x", at.x - half).Attr("y", at.y - half).Attr("width", 2 * half);
  xml.Attr("height", 2 * half).Attr("rx", 0.3 * half);
  // A chair who votes as a member shows the vote as a seat does.
  const bool votes = d.show_stances && d.chair_vote == PresidingVote::kAsMember;
  const SeatStyle style = StyleFor(d.chair->stance, votes, std::to_string(d.chair->block), half);
  xml.Attr("fill", style.fill ? *style.fill : io::XmlText(block.colour));
  if (votes && (d.chair->stance == Stance::kAbsent || style.faded)) {
    xml.Attr("fill-opacity", d.chair->stance == Stance::kAbsent ? "0.3" : "0.45");
  }
  xml.Attr("stroke", "#111").Attr("stroke-width", std::max(0.08 * half, 0.75));
  std::string t = "Presiding officer";
  if (!d.chair_name.empty()) t += ": " + d.chair_name;
  if (block.kind == SeatBlock::Kind::kParty) t += ", " + BlockLabel(block);
  t += ", " + std::string(PresidingPhrase(d.chair_vote));
  if (d.show_stances && d.chair_vote == PresidingVote::kAsMember) {
    t += ": " + std::string(EnumName(d.chair->stance));
  }
  xml.Element("title", t).Close().Close().Newline();
}

// A marker line with a white halo and its vote count beyond the outer end.
void WriteMarkerLine(io::XmlWriter& xml, const MarkerPlacement& m, bool second, const Frame& f) {
  std::vector<Point> line;
  line.reserve(m.line.size());
  for (const Point& p : m.line) line.push_back(ToPicture(p, f));
  xml.Open("g").Attr("class", "marker-line");
  xml.Element("title", std::to_string(m.marker.votes) + " votes" +
                           (m.marker.label.empty() ? "" : ": " + m.marker.label));
  xml.Open("polyline").Attr("class", second ? "marker halo second" : "marker halo");
  xml.Attr("points", line).Close();
  xml.Open("polyline").Attr("class", second ? "marker second" : "marker");
  xml.Attr("points", line).Close();
  // The label continues the last piece of the line.
  const Point a = m.line[m.line.size() - 2];
  const Point b = m.line.back();
  const double dx = b.x - a.x;
  const double dy = b.y - a.y;
  const double len = std::hypot(dx, dy);
  const double ux = len > 0 ? dx / len : 0;
  const double uy = len > 0 ? dy / len : -1;
  // Beyond the line's end, moved in where that would leave the picture.
  const std::string label = std::to_string(m.marker.votes);
  const double w = io::TextWidth(label, kTextPx, io::FontWeight::kBold);
  const double x = line.back().x + ux * 12;
  const double offset = ux < -0.35 ? -w : ux > 0.35 ? 0 : -w / 2;  // of the text's left edge
  const double left = std::clamp(x + offset, 2.0, std::max(2.0, f.width - 2 - w));
  OpenText(xml, left, line.back().y + uy * 12 + 4).Attr("font-weight", "bold");
  xml.Text(label).Close().Close();
}

void WriteMarkerLines(io::XmlWriter& xml, const Diagram& d, const Frame& f) {
  if (!HasMarkerLines(d)) return;
  xml.Open("g").Attr("id", "markers");
  for (size_t k = 0; k < d.markers.size(); ++k) {
    if (!d.markers[k].line.empty()) WriteMarkerLine(xml, d.markers[k], k > 0, f);
  }
  xml.Close().Newline();
}

// Lines of text from `y` down, each `step` below the last.
void WriteLines(io::XmlWriter& xml, double x, double y, double step,
                const std::vector<std::string>& lines, std::string_view cls = {},
                std::string_view anchor = {}) {
  for (size_t k = 0; k < lines.size(); ++k) {
    OpenText(xml, x, y + step * static_cast<double>(k));
    if (!cls.empty()) xml.Attr("class", cls);
    if (!anchor.empty()) xml.Attr("text-anchor", anchor);
    xml.Text(lines[k]).Close();
  }
}

void WriteHeading(io::XmlWriter& xml, const Frame& f) {
  if (f.title.empty()) return;
  WriteLines(xml, kPad, f.title_y, kTitleLine, f.title, "title");
  WriteLines(xml, kPad, f.subtitle_y, kLine, f.subtitle);
  xml.Newline();
}

// One stretch of the vote bar, drawn as its seats are.
void WriteBarSegment(io::XmlWriter& xml, const Diagram& d, const BarSegment& s, double x,
                     double top, double w) {
  const SeatBlock& block = d.blocks[static_cast<size_t>(s.block)];
  xml.Open("rect").Attr("x", x).Attr("y", top).Attr("width", w).Attr("height", kBarHeight);
  if (s.vacant) {
    xml.Attr("fill", "#fff").Attr("stroke", "#666").Attr("stroke-width", 0.75);
  } else if (!d.show_stances || s.stance == Stance::kFor) {
    xml.Attr("fill", block.colour);
  } else if (s.stance == Stance::kAgainst) {
    xml.Attr("fill", "url(#a-" + std::to_string(s.block) + ")");
  } else if (s.stance == Stance::kAbsent || s.stance == Stance::kPresent) {
    xml.Attr("fill", block.colour).Attr("fill-opacity", s.stance == Stance::kAbsent ? 0.3 : 0.45);
  } else {
    xml.Attr("fill", std::string(s.stance == Stance::kAbstain ? "url(#h-" : "url(#p-") +
                         std::to_string(s.block) + ")");
  }
  xml.Element("title", (s.vacant ? std::string("Vacant") : BlockLabel(block)) +
                           (s.vacant || !d.show_stances ? std::string()
                                                        : ": " + std::string(EnumName(s.stance))) +
                           ", " + std::to_string(s.seats));
  xml.Close();
}

// The markers on the bar: ticks, and (but in compact pictures) their labels below, one under
// another.
void WriteBarMarkers(io::XmlWriter& xml, const Diagram& d, const Frame& f, double top) {
  const double bar_w = f.width - 2 * kPad;
  double below = top + kBarHeight + 17;
  for (size_t k = 0; k < d.markers.size(); ++k) {
    const double x = kPad + d.markers[k].bar_fraction * bar_w;
    const MarkerLabel* label = k < f.marker_labels.size() ? &f.marker_labels[k] : nullptr;
    xml.Open("line").Attr("x1", x).Attr("y1", top - 5).Attr("x2", x);
    xml.Attr("y2", label != nullptr ? below - 12 : top + kBarHeight + 5);
    xml.Attr("stroke", "#111").Attr("stroke-width", 2.0);
    if (k > 0) xml.Attr("stroke-dasharray", "4 2");
    xml.Close();
    if (label == nullptr) continue;
    WriteLines(xml, label->x, below, kLine, label->lines, {}, label->anchor);
    below += kLine * static_cast<double>(label->lines.size());
  }
}

// The vote bar: every seat, "for" first, with the markers as ticks.
void WriteBar(io::XmlWriter& xml, const Diagram& d, const Frame& f) {
  const double bar_w = f.width - 2 * kPad;
  const double top = f.bar_y + kLine * static_cast<double>(f.counts.size()) + 5;
  xml.Open("g").Attr("id", "bar");
  WriteLines(xml, kPad, f.bar_y + 12, kLine, f.counts);
  for (const BarSegment& s : d.bar) {
    WriteBarSegment(xml, d, s, kPad + s.from * bar_w, top, (s.to - s.from) * bar_w);
  }
  WriteBarMarkers(xml, d, f, top);
  xml.Close().Newline();
}

// A legend entry: the block's swatch and its wrapped lines.
void WriteLegendEntry(io::XmlWriter& xml, const Diagram& d, const LegendEntry& e, Point at) {
  const SeatBlock& b = d.blocks[e.block];
  xml.Open("circle").Attr("cx", at.x + 7).Attr("cy", at.y + 7).Attr("r", 6.0);
  if (b.kind == SeatBlock::Kind::kVacant) {
    xml.Attr("fill", "#fff").Attr("stroke", "#666");
  } else {
    xml.Attr("fill", b.colour);
  }
  xml.Close();
  const int seats = b.seats + (b.holds_chair ? 1 : 0);
  for (size_t k = 0; k < e.lines.size(); ++k) {
    OpenText(xml, at.x + kSwatch, at.y + 11 + kLine * static_cast<double>(k));
    if (k == 0) xml.Element("title", BlockLabel(b) + ": " + SeatsWord(seats));
    for (const Run& run : e.lines[k]) {
      if (run.weight == io::FontWeight::kRegular && !run.grey) {
        xml.Text(run.text);
        continue;
      }
      // librsvg drops a space that opens a <tspan>, so it goes before it.
      std::string_view text = run.text;
      if (text.starts_with(' ')) {
        xml.Text(" ");
        text.remove_prefix(1);
      }
      xml.Open("tspan");
      if (run.weight == io::FontWeight::kBold) xml.Attr("font-weight", "bold");
      if (run.grey) xml.Attr("fill", "#555");
      xml.Text(text).Close();
    }
    xml.Close();
  }
}

// One entry per party (and the vacant seats), in seat order, in columns.
void WriteLegend(io::XmlWriter& xml, const Diagram& d, const Frame& f) {
  xml.Open("g").Attr("id", "legend");
  for (size_t c = 0; c < f.columns.size(); ++c) {
    double y = f.legend_y;
    const double x = kPad + (f.column_w + kColumnGap) * static_cast<double>(c);
    for (const LegendEntry& e : f.columns[c]) {
      WriteLegendEntry(xml, d, e, {x, y});
      y += e.Height();
    }
  }
  xml.Close().Newline();
}

// A stance's mark in the key, in neutral grey, its ring widths scaled to the key's 6px seats.
void WriteKeyStance(io::XmlWriter& xml, Stance s, double cx, double cy) {
  xml.Open("g").Attr("class", "party").Attr("fill", kKeyColour).Attr("stroke", kKeyColour);
  xml.Attr("style", "stroke-width:0").Open("circle").Attr("class", EnumName(s));
  switch (s) {
    case Stance::kAgainst:
      xml.Attr("fill", "url(#a-key)");
      break;
    case Stance::kAbstain:
      xml.Attr("fill", "url(#h-key)").Attr("style", "stroke-width:0.9px");
      break;
    case Stance::kUndecided:
      xml.Attr("fill", "url(#p-key)").Attr("style", "stroke-width:0.9px");
      break;
    case Stance::kPresent:
      xml.Attr("fill-opacity", "0.45");
      break;
    case Stance::kFor:
    case Stance::kAbsent:
      break;
  }
  const double r = s == Stance::kAbsent ? 2.7 : s == Stance::kPresent ? 4.9 : 5.4;
  xml.Attr("cx", cx).Attr("cy", cy).Attr("r", r).Close().Close();
}

// The key to the marks, in rows.
void WriteKey(io::XmlWriter& xml, const Frame& f) {
  xml.Open("g").Attr("id", "key");
  for (size_t k = 0; k < f.key.size(); ++k) {
    const size_t column = k % f.key_per_row;
    const size_t row = k / f.key_per_row;
    const double x = kPad + f.key_item_w * static_cast<double>(column);
    const double y = f.key_y + 20 * static_cast<double>(row);
    const std::string_view kind = f.key[k].kind;
    const double cx = x + 7;
    const double cy = y + 7;
    if (kind == "vacant") {
      xml.Open("g").Attr("class", "vacant");
      WriteSeat(xml, StyleFor(Stance::kUndecided, false, "key", 6), cx, cy, nullptr);
      xml.Close();
    } else if (kind == "chair") {
      xml.Open("rect").Attr("x", cx - 6).Attr("y", cy - 6).Attr("width", 12.0);
      xml.Attr("height", 12.0).Attr("rx", 2.0).Attr("stroke", "#111").Attr("stroke-width", 0.75);
      xml.Attr("fill", kKeyColour).Close();
    } else if (kind == "marker") {
      xml.Open("line").Attr("x1", cx).Attr("y1", cy - 7).Attr("x2", cx).Attr("y2", cy + 7);
      xml.Attr("stroke", "#111").Attr("stroke-width", 2.0).Close();
    } else {
      WriteKeyStance(xml, *ParseEnum<Stance>(kind), cx, cy);
    }
    WriteText(xml, x + kSwatch, y + 11, f.key[k].label);
  }
  xml.Close().Newline();
}

}  // namespace

std::string WriteSvg(const Diagram& d, const SvgOptions& options) {
  const Frame f = Plan(d, options);
  io::XmlWriter xml(4096 + d.seats.size() * 128);
  WriteHead(xml, d, options, f);
  WriteStyle(xml, d, f.scale);
  WriteTables(xml, d, f);
  WriteSeats(xml, d, f);
  WriteChair(xml, d, f);
  WriteMarkerLines(xml, d, f);
  WriteHeading(xml, f);
  if (f.bar_y > 0) WriteBar(xml, d, f);
  if (f.legend_y > 0) WriteLegend(xml, d, f);
  if (f.key_y > 0) WriteKey(xml, f);
  xml.Close().Newline();
  return std::move(xml).Take();
}

std::string WikipediaLegend(const Diagram& d) {
  auto wiki_escape = [](std::string_view text) {
    std::string out;
    for (char c : text) {
      switch (c) {
        case '|':
          out += "&#124;";
          break;
        case '{':
          out += "&#123;";
          break;
        case '}':
          out += "&#125;";
          break;
        case '[':
          out += "&#91;";
          break;
        case ']':
          out += "&#93;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '&':
          out += "&amp;";
          break;
        case '\n':
        case '\r':
          out += ' ';
          break;
        default:
          out += c;
      }
    }
    return io::WithoutBidiControls(out);
  };
  std::string out;
  for (const SeatBlock& b : d.blocks) {
    const int seats = b.seats + (b.holds_chair ? 1 : 0);
    if (seats == 0) continue;
    out += "{{legend|";
    out += b.kind == SeatBlock::Kind::kVacant ? "#FFFFFF" : b.colour;
    out += "|2=";
    out += wiki_escape(b.name);
    if (b.kind == SeatBlock::Kind::kChair) out += " (presiding officer)";
    out += ": " + SeatsWord(seats) + "}}\n";
  }
  return out;
}

}  // namespace whipcount
