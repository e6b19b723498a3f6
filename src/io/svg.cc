// SVG writer for parliament diagrams. One pass over the Diagram appending to a string; numbers
// are written with at most two decimals by integer arithmetic, which keeps a 3,000-seat chamber
// well under a millisecond.
#include "io/svg.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace whipcount {
namespace {

constexpr double kPad = 12;
constexpr double kLegendRow = 20;
constexpr double kCharPx = 6.9;  // rough advance of a 12px sans-serif character
constexpr double kBarHeight = 16;
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD
constexpr std::string_view kKeyColour = "#555555";

void AppendInt(std::string& out, long long v) {
  char buf[24];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, end);
}

// A string cut to at most `max_chars` code points, with an ellipsis when cut.
std::string Truncate(std::string_view text, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (chars == max_chars) {
      // Keep room for the ellipsis by dropping one more code point.
      size_t cut = i;
      do {
        --cut;
      } while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80);
      return std::string(text.substr(0, cut)) + "\xE2\x80\xA6";
    }
    ++chars;
  }
  return std::string(text);
}

std::string_view StanceWord(Stance s) { return EnumName(s); }

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

std::string RoleClass(const SeatBlock& b) {
  switch (b.kind) {
    case SeatBlock::Kind::kVacant:
      return "vacant";
    case SeatBlock::Kind::kChair:
      return "chair";
    case SeatBlock::Kind::kParty:
      break;
  }
  std::string c = "party";
  if (b.role) {
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

std::string CountsPhrase(const Counts& c, int vacant) {
  std::string out;
  auto add = [&](std::string_view word, int n) {
    if (n == 0) return;
    if (!out.empty()) out += " \xC2\xB7 ";  // middle dot
    out += word;
    out += ' ';
    out += std::to_string(n);
  };
  add("For", c.for_votes);
  add("Against", c.against);
  add("Abstain", c.abstain);
  add("Present", c.present);
  add("Absent", c.absent);
  add("Undecided", c.undecided);
  add("Non-voting", c.uncounted);
  add("Vacant", vacant);
  add("Chair", c.chair);
  return out;
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

// Geometry of the picture in px, worked out before anything is written.
struct Frame {
  double width = 0;
  double scale = 1;
  double ox = 0;  // where the diagram's origin lands
  double oy = 0;
  double title_y = 0;
  double subtitle_y = 0;
  double bar_y = 0;     // top of the counts line; 0 when there is no bar
  double legend_y = 0;  // 0 when there is no legend
  double key_y = 0;     // 0 when there is no stance key
  size_t legend_columns = 1;
  size_t legend_rows = 0;
  size_t marker_label_lines = 0;
  size_t key_items = 0;
  size_t key_per_row = 1;
  double height = 0;
};

struct KeyItem {
  std::string_view label;
  std::string_view kind;  // for, against, abstain, absent, undecided, vacant, chair, marker
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

Frame Plan(const Diagram& d, const SvgOptions& o) {
  Frame f;
  f.width = std::max(o.width, 240);
  f.title_y = kPad + 16;
  double y = f.title_y + 10;
  if (!o.subtitle.empty()) {
    f.subtitle_y = f.title_y + 18;
    y = f.subtitle_y + 10;
  }
  const bool lines = std::any_of(d.markers.begin(), d.markers.end(),
                                 [](const MarkerPlacement& m) { return !m.line.empty(); });
  const double room = lines ? 22 : 4;  // for labels at the ends of marker lines
  const double avail = f.width - 2 * kPad - 2 * room;
  f.scale = d.width > 0 ? avail / d.width : 1;
  if (d.seat_radius > 0) f.scale = std::min(f.scale, o.max_seat_px / (2 * d.seat_radius));
  if (d.height > 0) f.scale = std::min(f.scale, 1.1 * avail / d.height);  // keep circles sane
  f.ox = (f.width - d.width * f.scale) / 2;
  f.oy = y + room;
  y = f.oy + d.height * f.scale + room;
  if (o.legend == Legend::kShow) {
    if (HasBar(d)) {
      f.bar_y = y + 8;
      // Marker labels under the bar, one line each unless far enough apart.
      f.marker_label_lines = d.markers.empty() ? 0 : 1;
      double last_x = -1e9;
      size_t line = 0;
      for (const MarkerPlacement& m : d.markers) {
        const double x = m.bar_fraction * (f.width - 2 * kPad);
        line = (x - last_x < 170) && last_x > -1e9 ? line + 1 : 0;
        f.marker_label_lines = std::max(f.marker_label_lines, line + 1);
        last_x = x;
      }
      y = f.bar_y + 20 + kBarHeight + 8 + 15 * static_cast<double>(f.marker_label_lines) + 8;
    }
    const size_t entries = LegendBlocks(d).size();
    if (entries > 0) {
      f.legend_y = y + 4;
      f.legend_columns = entries > 6 && f.width >= 480 ? 2 : 1;
      f.legend_rows = (entries + f.legend_columns - 1) / f.legend_columns;
      y = f.legend_y + kLegendRow * static_cast<double>(f.legend_rows) + 4;
    }
    f.key_items = KeyItems(d).size() + (lines ? 1 : 0);
    if (f.key_items > 0) {
      f.key_y = y + 6;
      f.key_per_row = std::max<size_t>(1, static_cast<size_t>((f.width - 2 * kPad) / 128));
      const size_t rows = (f.key_items + f.key_per_row - 1) / f.key_per_row;
      y = f.key_y + kLegendRow * static_cast<double>(rows);
    }
  }
  f.height = std::ceil(y + kPad);
  return f;
}

// The fixed parts of a seat's <circle> for one stance: everything before cx, and the radius.
// `fill_ref` is the block's index for its half-fill gradient and hatch pattern ("key" for the
// stance key).
struct SeatStyle {
  std::string head;    // `<circle class="against" cx="`
  std::string radius;  // `" r="2.4"`
};

SeatStyle StyleFor(Stance stance, bool marked, std::string_view fill_ref, double r) {
  SeatStyle style;
  std::string& h = style.head;
  h = "<circle";
  if (marked) {
    switch (stance) {
      case Stance::kFor:
        h += " class=\"for\"";
        break;
      case Stance::kAgainst:
        h += " class=\"against\"";
        r *= 0.8;  // the ring (0.4 r wide) ends on the seat's edge
        break;
      case Stance::kAbstain:
        h += " class=\"abstain\" fill=\"url(#h-";
        h += fill_ref;
        h += ")\"";
        r *= 0.9;
        break;
      case Stance::kPresent:  // in the chamber without voting: the party's colour, faded
        h += " class=\"present\" fill-opacity=\"0.45\"";
        r *= 0.9;
        break;
      case Stance::kAbsent:
        h += " class=\"absent\"";
        r *= 0.45;
        break;
      case Stance::kUndecided:
        h += " class=\"undecided\" fill=\"url(#p-";
        h += fill_ref;
        h += ")\"";
        r *= 0.9;
        break;
    }
  }
  h += " cx=\"";
  style.radius = "\" r=\"";
  AppendNumber(style.radius, r);
  style.radius += '"';
  return style;
}

// One seat at (x, y); `title` is already escaped (empty: none).
void AppendSeat(std::string& out, const SeatStyle& style, double x, double y,
                std::string_view title) {
  out += style.head;
  AppendNumber(out, x);
  out += "\" cy=\"";
  AppendNumber(out, y);
  out += style.radius;
  if (title.empty()) {
    out += "/>";
  } else {
    out += "><title>";
    out += title;
    out += "</title></circle>";
  }
}

void AppendFills(std::string& out, std::string_view ref, std::string_view colour, double period) {
  out += "<linearGradient id=\"h-";
  out += ref;
  out += "\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1\"><stop offset=\".5\" stop-color=\"#fff\"/>";
  out += "<stop offset=\".5\"";
  Attr(out, "stop-color", colour);
  out += "/></linearGradient>";
  out += "<pattern id=\"p-";
  out += ref;
  out += "\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"";
  Attr(out, "width", period);
  Attr(out, "height", period);
  out += "><rect fill=\"#fff\"";
  Attr(out, "width", period);
  Attr(out, "height", period);
  out += "/><rect";
  Attr(out, "fill", colour);
  Attr(out, "width", period / 2);
  Attr(out, "height", period);
  out += "/></pattern>";
}

std::string Escaped(std::string_view text) {
  std::string out;
  AppendXmlEscaped(out, text);
  return out;
}

void AppendText(std::string& out, double x, double y, std::string_view text,
                std::string_view extra = {}) {
  out += "<text";
  Attr(out, "x", x);
  Attr(out, "y", y);
  if (!extra.empty()) {
    out += ' ';
    out += extra;
  }
  out += '>';
  AppendXmlEscaped(out, text);
  out += "</text>";
}

void AppendPoints(std::string& out, const std::vector<Point>& line, const Frame& f) {
  out += " points=\"";
  for (size_t i = 0; i < line.size(); ++i) {
    if (i > 0) out += ' ';
    AppendNumber(out, f.ox + line[i].x * f.scale);
    out += ',';
    AppendNumber(out, f.oy + line[i].y * f.scale);
  }
  out += '"';
}

}  // namespace

// At most two decimals, trailing zeros dropped: 12, 12.5, 12.25, -0.5. Hand-rolled: a 3,000-seat
// diagram writes some 7,000 numbers.
void AppendNumber(std::string& out, double v) {
  if (!(std::abs(v) < 1e15)) {  // NaN, infinities and absurd sizes
    out += '0';
    return;
  }
  if (v < 0) {
    if (v > -0.005) {  // rounds to zero: no "-0"
      out += '0';
      return;
    }
    out += '-';
    v = -v;
  }
  auto scaled = static_cast<unsigned long long>(v * 100 + 0.5);
  char buf[24];
  char* const end = buf + sizeof buf;
  char* p = end;
  const auto cents = static_cast<unsigned>(scaled % 100);
  scaled /= 100;
  if (cents != 0) {
    if (cents % 10 != 0) *--p = static_cast<char>('0' + cents % 10);
    *--p = static_cast<char>('0' + cents / 10);
    *--p = '.';
  }
  do {
    *--p = static_cast<char>('0' + scaled % 10);
    scaled /= 10;
  } while (scaled != 0);
  out.append(p, static_cast<size_t>(end - p));
}

// ` name="value"` with a number.
void Attr(std::string& out, std::string_view name, double v) {
  out += ' ';
  out += name;
  out += "=\"";
  AppendNumber(out, v);
  out += '"';
}

// ` name="value"` with text.
void Attr(std::string& out, std::string_view name, std::string_view text) {
  out += ' ';
  out += name;
  out += "=\"";
  AppendXmlEscaped(out, text);
  out += '"';
}

void AppendXmlEscaped(std::string& out, std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '&':
          out += "&amp;";
          break;
        case '<':
          out += "&lt;";
          break;
        case '>':
          out += "&gt;";
          break;
        case '"':
          out += "&quot;";
          break;
        case '\'':
          out += "&#39;";
          break;
        default:
          if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            out += kReplacement;
          } else {
            out += static_cast<char>(c);
          }
      }
      ++i;
      continue;
    }
    size_t length = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
      length = 2;
      cp = c & 0x1Fu;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3;
      cp = c & 0x0Fu;
    } else if ((c & 0xF8) == 0xF0) {
      length = 4;
      cp = c & 0x07u;
    }
    bool valid = length > 0 && i + length <= s.size();
    for (size_t k = 1; valid && k < length; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      valid = (cc & 0xC0) == 0x80;
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    if (valid) {
      const std::uint32_t least = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
      valid = cp >= least && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF) && cp != 0xFFFE &&
              cp != 0xFFFF;
    }
    if (valid) {
      out.append(s.substr(i, length));
      i += length;
    } else {
      out += kReplacement;
      ++i;
    }
  }
}

std::string WriteSvg(const Diagram& d, const SvgOptions& options) {
  const Frame f = Plan(d, options);
  const double r = d.seat_radius * f.scale;
  std::string out;
  out.reserve(4096 + d.seats.size() * 96);

  out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"";
  Attr(out, "width", f.width);
  Attr(out, "height", f.height);
  out += " viewBox=\"0 0 ";
  AppendNumber(out, f.width);
  out += ' ';
  AppendNumber(out, f.height);
  out += "\" role=\"img\" aria-labelledby=\"title desc\">\n";

  // <title> and <desc>.
  std::string title = d.title.empty() ? "Parliament diagram" : d.title;
  if (!options.subtitle.empty()) title += ", " + options.subtitle;
  out += "<title id=\"title\">";
  AppendXmlEscaped(out, title);
  out += "</title>\n<desc id=\"desc\">";
  {
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
    AppendXmlEscaped(out, desc);
  }
  out += "</desc>\n";

  // Styles and per-party fills.
  const double ring = 0.4 * r;
  const double thin = std::max(0.12 * r, 0.5);
  out +=
      "<style>text{font-family:'DejaVu Sans',Verdana,Arial,sans-serif;fill:#222;font-size:12px}"
      ".party circle,.chair circle{stroke-width:0}.party .against{fill:#fff;stroke-width:";
  AppendNumber(out, ring);
  out += "px}.party .abstain,.party .undecided{stroke-width:";
  AppendNumber(out, thin);
  out += "px}.vacant circle{fill:#fff;stroke:#666;stroke-width:";
  AppendNumber(out, thin);
  out +=
      "px}.marker{fill:none;stroke:#111;stroke-width:2px}.marker.halo{stroke:#fff;"
      "stroke-width:5px}.marker.second{stroke-dasharray:6 3}.title{font-size:17px;"
      "font-weight:bold}</style>\n<defs>";
  const double period = std::max(2.5, 0.9 * r);
  if (d.show_stances) {
    for (size_t b = 0; b < d.blocks.size(); ++b) {
      const Counts& c = d.blocks[b].counts;
      if (c.abstain + c.undecided == 0) continue;
      AppendFills(out, std::to_string(b), d.blocks[b].colour, period);
    }
  }
  AppendFills(out, "key", kKeyColour, 4);
  out += "</defs>\n";

  for (const Rect& t : d.tables) {
    out += "<rect class=\"table\" fill=\"#e9e4d4\"";
    Attr(out, "x", f.ox + t.x * f.scale);
    Attr(out, "y", f.oy + t.y * f.scale);
    Attr(out, "width", t.width * f.scale);
    Attr(out, "height", t.height * f.scale);
    out += "><title>Table of the house</title></rect>\n";
  }

  // Seats, one group per block.
  std::set<std::string> used_ids = {"title", "desc", "markers", "bar", "legend", "key", "chair"};
  std::vector<std::string> element_ids(d.blocks.size());
  for (size_t b = 0; b < d.blocks.size(); ++b) {
    const SeatBlock& block = d.blocks[b];
    switch (block.kind) {
      case SeatBlock::Kind::kParty:
        element_ids[b] = PartyElementId(block.party, used_ids);
        break;
      case SeatBlock::Kind::kVacant:
        element_ids[b] = UniqueId("vacant", used_ids);
        break;
      case SeatBlock::Kind::kChair:
        element_ids[b] = UniqueId("chair-block", used_ids);
        break;
    }
    if (block.seats == 0) continue;
    const bool vacant = block.kind == SeatBlock::Kind::kVacant;
    out += "<g";
    Attr(out, "id", element_ids[b]);
    Attr(out, "class", RoleClass(block));
    if (!vacant) {
      Attr(out, "fill", block.colour);
      Attr(out, "stroke", block.colour);
    }
    out += "><title>";
    AppendXmlEscaped(out, (vacant ? std::string("Vacant") : BlockLabel(block)) + ": " +
                              SeatsWord(block.seats + (block.holds_chair ? 1 : 0)));
    out += "</title>\n";
    // Each stance's circle and title, made once.
    const std::string label = Escaped(vacant ? std::string("Vacant seat") : BlockLabel(block));
    const bool marked = d.show_stances && !vacant;
    const std::string ref = std::to_string(b);
    std::array<SeatStyle, std::size(kAllStances)> styles;
    std::array<std::string, std::size(kAllStances)> titles;
    for (Stance s : kAllStances) {
      const auto k = static_cast<size_t>(s);
      styles[k] = StyleFor(s, marked, ref, r);
      titles[k] = marked ? label + ": " + std::string(StanceWord(s)) : label;
    }
    for (int i = 0; i < block.seats; ++i) {
      const Seat& s = d.seats[static_cast<size_t>(block.first + i)];
      const auto k = static_cast<size_t>(s.stance);
      const double x = f.ox + s.centre.x * f.scale;
      const double y = f.oy + s.centre.y * f.scale;
      if (s.member) {
        const SeatMember& m = d.members[static_cast<size_t>(*s.member)];
        std::string t = m.name.empty() ? m.id : m.name;
        if (!m.constituency.empty()) t += ", " + m.constituency;
        t += " \xE2\x80\x94 " + BlockLabel(block);  // em dash
        if (d.show_stances) t += ": " + std::string(StanceWord(s.stance));
        AppendSeat(out, styles[k], x, y, Escaped(t));
      } else {
        AppendSeat(out, styles[k], x, y, titles[k]);
      }
    }
    out += "</g>\n";
  }

  // The presiding officer: a rounded square.
  if (d.chair) {
    const SeatBlock& block = d.blocks[static_cast<size_t>(d.chair->block)];
    const double half = d.chair_radius * f.scale;
    out += "<g id=\"chair\" class=\"chair\"><rect";
    Attr(out, "x", f.ox + d.chair->centre.x * f.scale - half);
    Attr(out, "y", f.oy + d.chair->centre.y * f.scale - half);
    Attr(out, "width", 2 * half);
    Attr(out, "height", 2 * half);
    Attr(out, "rx", 0.3 * half);
    Attr(out, "fill", block.colour);
    out += " stroke=\"#111\"";
    Attr(out, "stroke-width", std::max(0.08 * half, 0.75));
    out += "><title>";
    std::string t = "Presiding officer";
    if (!d.chair_name.empty()) t += ": " + d.chair_name;
    if (block.kind == SeatBlock::Kind::kParty) t += ", " + BlockLabel(block);
    t += ", " + std::string(PresidingPhrase(d.chair_vote));
    if (d.show_stances && d.chair_vote == PresidingVote::kAsMember) {
      t += ": " + std::string(StanceWord(d.chair->stance));
    }
    AppendXmlEscaped(out, t);
    out += "</title></rect></g>\n";
  }

  // Marker lines, each with a white halo and its vote count at the outer end.
  if (std::any_of(d.markers.begin(), d.markers.end(),
                  [](const MarkerPlacement& m) { return !m.line.empty(); })) {
    out += "<g id=\"markers\">";
    for (size_t k = 0; k < d.markers.size(); ++k) {
      const MarkerPlacement& m = d.markers[k];
      if (m.line.empty()) continue;
      const std::string_view second = k > 0 ? " second" : "";
      out += "<g class=\"marker-line\"><title>";
      AppendXmlEscaped(out, std::to_string(m.marker.votes) + " votes" +
                                (m.marker.label.empty() ? "" : ": " + m.marker.label));
      out += "</title><polyline class=\"marker halo";
      out += second;
      out += '"';
      AppendPoints(out, m.line, f);
      out += "/><polyline class=\"marker";
      out += second;
      out += '"';
      AppendPoints(out, m.line, f);
      out += "/>";
      // Label beyond the outer end, continuing the last piece of the line.
      const Point a = m.line[m.line.size() - 2];
      const Point b = m.line.back();
      const double dx = b.x - a.x;
      const double dy = b.y - a.y;
      const double len = std::hypot(dx, dy);
      const double ux = len > 0 ? dx / len : 0;
      const double uy = len > 0 ? dy / len : -1;
      const double lx = f.ox + b.x * f.scale + ux * 12;
      const double ly = f.oy + b.y * f.scale + uy * 12 + 4;
      const std::string_view anchor = ux < -0.35  ? "text-anchor=\"end\""
                                      : ux > 0.35 ? "text-anchor=\"start\""
                                                  : "text-anchor=\"middle\"";
      AppendText(out, lx, ly, std::to_string(m.marker.votes),
                 std::string(anchor) + " font-weight=\"bold\"");
      out += "</g>";
    }
    out += "</g>\n";
  }

  // Heading.
  AppendText(out, kPad, f.title_y, d.title.empty() ? "Parliament diagram" : d.title,
             "class=\"title\"");
  if (!options.subtitle.empty()) AppendText(out, kPad, f.subtitle_y, options.subtitle);
  out += '\n';

  // The vote bar: every seat, "for" first, with the markers as ticks.
  if (f.bar_y > 0) {
    const double bar_w = f.width - 2 * kPad;
    const double top = f.bar_y + 20;
    out += "<g id=\"bar\">";
    AppendText(out, kPad, f.bar_y + 12, CountsPhrase(d.total, d.vacancies));
    for (const BarSegment& s : d.bar) {
      const SeatBlock& block = d.blocks[static_cast<size_t>(s.block)];
      const double x = kPad + s.from * bar_w;
      const double w = (s.to - s.from) * bar_w;
      out += "<rect";
      Attr(out, "x", x);
      Attr(out, "y", top);
      Attr(out, "width", w);
      Attr(out, "height", kBarHeight);
      if (s.vacant) {
        out += " fill=\"#fff\" stroke=\"#666\" stroke-width=\"0.75\"";
      } else if (!d.show_stances || s.stance == Stance::kFor) {
        Attr(out, "fill", block.colour);
      } else if (s.stance == Stance::kAgainst) {
        out += " fill=\"#fff\" stroke-width=\"1.5\"";
        Attr(out, "stroke", block.colour);
      } else if (s.stance == Stance::kAbsent || s.stance == Stance::kPresent) {
        Attr(out, "fill", block.colour);
        out += s.stance == Stance::kAbsent ? " fill-opacity=\"0.3\"" : " fill-opacity=\"0.45\"";
      } else {
        out += " fill=\"url(#";
        out += s.stance == Stance::kAbstain ? "h-" : "p-";
        AppendInt(out, s.block);
        out += ")\"";
      }
      out += "><title>";
      AppendXmlEscaped(
          out, (s.vacant ? std::string("Vacant") : BlockLabel(block)) +
                   (s.vacant || !d.show_stances ? std::string()
                                                : ": " + std::string(StanceWord(s.stance))) +
                   ", " + std::to_string(s.seats));
      out += "</title></rect>";
    }
    double last_x = -1e9;
    size_t line = 0;
    for (size_t k = 0; k < d.markers.size(); ++k) {
      const MarkerPlacement& m = d.markers[k];
      const double x = kPad + m.bar_fraction * bar_w;
      line = (x - last_x < 170) && last_x > -1e9 ? line + 1 : 0;
      last_x = x;
      out += "<line";
      Attr(out, "x1", x);
      Attr(out, "y1", top - 5);
      Attr(out, "x2", x);
      Attr(out, "y2", top + kBarHeight + 5 + 15 * static_cast<double>(line));
      out += " stroke=\"#111\" stroke-width=\"2\"";
      if (k > 0) out += " stroke-dasharray=\"4 2\"";
      out += "/>";
      const std::string_view anchor = x < f.width * 0.25   ? "text-anchor=\"start\""
                                      : x > f.width * 0.75 ? "text-anchor=\"end\""
                                                           : "text-anchor=\"middle\"";
      std::string label = std::to_string(m.marker.votes);
      if (!m.marker.label.empty()) label += " " + m.marker.label;
      const double room = x < f.width * 0.25   ? f.width - kPad - x
                          : x > f.width * 0.75 ? x - kPad
                                               : 2 * std::min(x - kPad, f.width - kPad - x);
      AppendText(out, x, top + kBarHeight + 17 + 15 * static_cast<double>(line),
                 Truncate(label, static_cast<size_t>(std::max(room / kCharPx, 6.0))), anchor);
    }
    out += "</g>\n";
  }

  // Legend: one entry per party (and the vacant seats), in seat order.
  if (f.legend_y > 0) {
    const std::vector<size_t> entries = LegendBlocks(d);
    const double column_w = (f.width - 2 * kPad) / static_cast<double>(f.legend_columns);
    const auto max_chars = static_cast<size_t>(std::max(8.0, (column_w - 26) / kCharPx));
    out += "<g id=\"legend\">";
    for (size_t k = 0; k < entries.size(); ++k) {
      const SeatBlock& b = d.blocks[entries[k]];
      const double x = kPad + column_w * static_cast<double>(k / f.legend_rows);
      const double y = f.legend_y + kLegendRow * static_cast<double>(k % f.legend_rows);
      out += "<circle";
      Attr(out, "cx", x + 7);
      Attr(out, "cy", y + 7);
      out += " r=\"6\"";
      if (b.kind == SeatBlock::Kind::kVacant) {
        out += " fill=\"#fff\" stroke=\"#666\"";
      } else {
        Attr(out, "fill", b.colour);
      }
      out += "/>";
      // "PTI 155 against 154, chair 1 · Pakistan Tehreek-e-Insaf": the short name, the seats and
      // how they stand come first; the full name takes what room is left.
      const int seats = b.seats + (b.holds_chair ? 1 : 0);
      std::string lead = b.kind == SeatBlock::Kind::kParty ? b.short_name : b.name;
      if (b.kind == SeatBlock::Kind::kChair) lead += " (presiding officer)";
      std::string split;
      if (d.show_stances && b.kind == SeatBlock::Kind::kParty) {
        const Counts& c = b.counts;
        const bool one = c.for_votes == seats || c.against == seats || c.abstain == seats ||
                         c.present == seats || c.absent == seats || c.undecided == seats ||
                         c.uncounted == seats;
        auto add = [&](std::string_view w, int n) {
          if (n == 0) return;
          if (!split.empty()) split += ", ";
          split += w;
          if (!one) {
            split += ' ';
            split += std::to_string(n);
          }
        };
        add("for", c.for_votes);
        add("against", c.against);
        add("abstain", c.abstain);
        add("present", c.present);
        add("absent", c.absent);
        add("undecided", c.undecided);
        add("non-voting", c.uncounted);
        add("chair", c.chair);
      }
      const bool named = b.kind == SeatBlock::Kind::kParty && b.name != b.short_name;
      const size_t used = lead.size() + 1 + std::to_string(seats).size() +
                          (split.empty() ? 0 : split.size() + 1) + 3;
      out += "<text";
      Attr(out, "x", x + 20);
      Attr(out, "y", y + 11);
      out += "><title>";
      AppendXmlEscaped(out, BlockLabel(b) + ": " + SeatsWord(seats));
      out += "</title><tspan font-weight=\"bold\">";
      AppendXmlEscaped(out, Truncate(lead, max_chars));
      out += "</tspan> ";
      AppendInt(out, seats);
      if (!split.empty()) {
        out += " <tspan fill=\"#555\">";
        AppendXmlEscaped(out, split);
        out += "</tspan>";
      }
      if (named && used + 4 < max_chars) {
        out += " \xC2\xB7 ";
        AppendXmlEscaped(out, Truncate(b.name, max_chars - used));
      }
      out += "</text>";
    }
    out += "</g>\n";
  }

  // Key to the marks, drawn in neutral grey.
  if (f.key_y > 0) {
    std::vector<KeyItem> items = KeyItems(d);
    if (std::any_of(d.markers.begin(), d.markers.end(),
                    [](const MarkerPlacement& m) { return !m.line.empty(); })) {
      items.push_back({"votes needed", "marker"});
    }
    const double item_w = (f.width - 2 * kPad) / static_cast<double>(f.key_per_row);
    out += "<g id=\"key\">";
    for (size_t k = 0; k < items.size(); ++k) {
      const double x = kPad + item_w * static_cast<double>(k % f.key_per_row);
      const double y = f.key_y + kLegendRow * static_cast<double>(k / f.key_per_row);
      const std::string_view kind = items[k].kind;
      const double cx = x + 7;
      const double cy = y + 7;
      if (kind == "vacant") {
        out += "<g class=\"vacant\">";
        AppendSeat(out, StyleFor(Stance::kUndecided, false, "key", 6), cx, cy, {});
        out += "</g>";
      } else if (kind == "chair") {
        out += "<rect";
        Attr(out, "x", cx - 6);
        Attr(out, "y", cy - 6);
        out += " width=\"12\" height=\"12\" rx=\"2\" stroke=\"#111\" stroke-width=\"0.75\"";
        Attr(out, "fill", kKeyColour);
        out += "/>";
      } else if (kind == "marker") {
        out += "<line";
        Attr(out, "x1", cx);
        Attr(out, "y1", cy - 7);
        Attr(out, "x2", cx);
        Attr(out, "y2", cy + 7);
        out += " stroke=\"#111\" stroke-width=\"2\"/>";
      } else {
        out += "<g class=\"party\"";
        Attr(out, "fill", kKeyColour);
        Attr(out, "stroke", kKeyColour);
        out += " style=\"stroke-width:0\">";
        const Stance s = *ParseEnum<Stance>(kind);
        // The key's seats are 6px: scale the ring widths to them.
        out += "<circle";
        if (s == Stance::kAgainst) {
          out += " class=\"against\" style=\"stroke-width:2.4px\"";
        } else if (s == Stance::kAbstain) {
          out += " class=\"abstain\" fill=\"url(#h-key)\" style=\"stroke-width:0.9px\"";
        } else if (s == Stance::kUndecided) {
          out += " class=\"undecided\" fill=\"url(#p-key)\" style=\"stroke-width:0.9px\"";
        } else if (s == Stance::kAbsent) {
          out += " class=\"absent\"";
        } else if (s == Stance::kPresent) {
          out += " class=\"present\" fill-opacity=\"0.45\"";
        } else {
          out += " class=\"for\"";
        }
        Attr(out, "cx", cx);
        Attr(out, "cy", cy);
        Attr(out, "r",
             s == Stance::kAgainst   ? 4.8
             : s == Stance::kAbsent  ? 2.7
             : s == Stance::kPresent ? 4.9
                                     : 5.4);
        out += "/></g>";
      }
      AppendText(out, x + 20, y + 11, items[k].label);
    }
    out += "</g>\n";
  }
  out += "</svg>\n";
  return out;
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
    return out;
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
