// BuildDiagram: orders a chamber's parties into contiguous blocks, gives each seat its stance,
// places the seats with the layout's geometry and works out where the vote markers fall.
#include "whipcount/diagram.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <string>
#include <utility>

#include "diagram_geometry.h"

namespace whipcount {
namespace {

// Okabe–Ito, distinguishable under the common colour-vision deficiencies; for parties that
// bring no colour of their own (nor through their bloc).
constexpr std::array<std::string_view, 7> kPalette = {"#E69F00", "#56B4E9", "#009E73", "#F0E442",
                                                      "#0072B2", "#D55E00", "#CC79A7"};
constexpr std::string_view kVacantColour = "#FFFFFF";
constexpr std::string_view kChairColour = "#5A5A5A";

// The layouts' own geometry has y upwards; a Diagram's y points down.
Point YDown(Point p) { return {p.x, -p.y}; }

Location AtPath(std::string path) {
  Location where;
  where.path = std::move(path);
  return where;
}

bool IsHexColour(std::string_view c) {
  if ((c.size() != 7 && c.size() != 4) || c[0] != '#') return false;
  return std::all_of(c.begin() + 1, c.end(), [](char ch) {
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
  });
}

// Position within a party's run, counted from the `for` end.
int StanceRank(Stance s) {
  switch (s) {
    case Stance::kFor:
      return 0;
    case Stance::kUndecided:
      return 1;
    case Stance::kAbstain:
      return 2;
    case Stance::kPresent:
      return 3;
    case Stance::kAbsent:
      return 4;
    case Stance::kAgainst:
      return 5;
  }
  return 1;
}

// One seat before it has a place.
struct Entry {
  std::optional<int> member;
  Stance stance = Stance::kUndecided;
  bool counted = true;  // false: drawn as absent, counted as Counts::uncounted
};

// Stable counting sort of a block's seats by StanceRank (descending when `reverse`); `scratch`
// is reused between calls.
void SortByStance(std::vector<Entry>& entries, bool reverse, std::vector<Entry>& scratch) {
  constexpr int kLastRank = 5;
  std::array<size_t, kLastRank + 2> start{};
  for (const Entry& e : entries) {
    const int rank = StanceRank(e.stance);
    ++start[static_cast<size_t>(reverse ? kLastRank - rank : rank) + 1];
  }
  for (size_t i = 1; i < start.size(); ++i) start[i] += start[i - 1];
  scratch.resize(entries.size());
  for (const Entry& e : entries) {
    const int rank = StanceRank(e.stance);
    scratch[start[static_cast<size_t>(reverse ? kLastRank - rank : rank)]++] = e;
  }
  entries.swap(scratch);
}

struct Pending {
  SeatBlock block;
  std::vector<Entry> entries;
  std::optional<BlocRole> role;
};

size_t IndexOf(const std::vector<Party>& parties, const Party* p) {
  return static_cast<size_t>(p - parties.data());
}

// Party indices from left to right (see SeatOrder), parties with nothing to draw left out.
Result<std::vector<size_t>> OrderParties(const Chamber& chamber, const DiagramOptions& options,
                                         const std::vector<int>& drawn_seats,
                                         const Party* chair_party) {
  const std::vector<Party>& parties = chamber.parties;
  std::vector<bool> keep(parties.size());
  for (size_t i = 0; i < parties.size(); ++i) {
    keep[i] = drawn_seats[i] > 0 || &parties[i] == chair_party;
  }
  std::vector<size_t> order;
  if (!options.party_order.empty()) {
    std::vector<bool> used(parties.size());
    for (size_t k = 0; k < options.party_order.size(); ++k) {
      const Party* p = chamber.FindParty(options.party_order[k]);
      if (p == nullptr) {
        return Status(ErrorCode::kUnknownId,
                      "party order names '" + options.party_order[k] + "', which is not defined",
                      AtPath("party_order[" + std::to_string(k) + "]"));
      }
      const size_t i = IndexOf(parties, p);
      if (keep[i] && !used[i]) order.push_back(i);
      used[i] = true;
    }
    for (size_t i = 0; i < parties.size(); ++i) {
      if (keep[i] && !used[i]) order.push_back(i);
    }
    return order;
  }
  for (size_t i = 0; i < parties.size(); ++i) {
    if (keep[i]) order.push_back(i);
  }
  switch (options.order) {
    case SeatOrder::kChamber:
      return order;
    case SeatOrder::kPosition:
      std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        const auto& pa = parties[a].position;
        const auto& pb = parties[b].position;
        if (pa.has_value() != pb.has_value()) return pa.has_value();
        return pa.has_value() && *pa < *pb;
      });
      return order;
    case SeatOrder::kBlocs:
      break;
  }
  // kBlocs: group by bloc; opposition blocs from the left end and government blocs from the
  // right end, the largest outermost; other blocs and unaligned parties in between.
  struct Group {
    std::vector<size_t> parties;
    int seats = 0;
  };
  std::vector<Group> by_bloc(chamber.blocs.size());
  std::vector<size_t> unaligned;
  for (size_t i : order) {
    const Bloc* b = chamber.BlocOfParty(parties[i].id);
    if (b == nullptr) {
      unaligned.push_back(i);
      continue;
    }
    Group& g = by_bloc[static_cast<size_t>(b - chamber.blocs.data())];
    g.parties.push_back(i);
    g.seats += drawn_seats[i];
  }
  auto by_seats_desc = [&](size_t a, size_t b) { return drawn_seats[a] > drawn_seats[b]; };
  std::vector<size_t> opposition_blocs;
  std::vector<size_t> government_blocs;
  std::vector<size_t> middle;
  for (size_t b = 0; b < chamber.blocs.size(); ++b) {
    Group& g = by_bloc[b];
    switch (chamber.blocs[b].role) {
      case BlocRole::kOpposition:
        std::stable_sort(g.parties.begin(), g.parties.end(), by_seats_desc);
        opposition_blocs.push_back(b);
        break;
      case BlocRole::kGovernment:
        std::stable_sort(g.parties.begin(), g.parties.end(), by_seats_desc);
        std::reverse(g.parties.begin(), g.parties.end());
        government_blocs.push_back(b);
        break;
      case BlocRole::kOther:
        middle.insert(middle.end(), g.parties.begin(), g.parties.end());
        break;
    }
  }
  std::stable_sort(opposition_blocs.begin(), opposition_blocs.end(),
                   [&](size_t a, size_t b) { return by_bloc[a].seats > by_bloc[b].seats; });
  std::stable_sort(government_blocs.begin(), government_blocs.end(),
                   [&](size_t a, size_t b) { return by_bloc[a].seats < by_bloc[b].seats; });
  order.clear();
  for (size_t b : opposition_blocs) {
    order.insert(order.end(), by_bloc[b].parties.begin(), by_bloc[b].parties.end());
  }
  order.insert(order.end(), middle.begin(), middle.end());
  order.insert(order.end(), unaligned.begin(), unaligned.end());
  for (size_t b : government_blocs) {
    order.insert(order.end(), by_bloc[b].parties.begin(), by_bloc[b].parties.end());
  }
  return order;
}

// The block boundary (1 .. n−1) whose seats before it come nearest half of all; n when n < 2.
size_t MiddleBoundary(const std::vector<Pending>& blocks) {
  if (blocks.size() < 2) return blocks.size();
  long total = 0;
  for (const Pending& p : blocks) total += static_cast<long>(p.entries.size());
  size_t best = 1;
  long best_gap = std::numeric_limits<long>::max();
  long before = 0;
  for (size_t b = 1; b < blocks.size(); ++b) {
    before += static_cast<long>(blocks[b - 1].entries.size());
    const long gap = std::labs(2 * before - total);
    if (gap < best_gap) {
      best_gap = gap;
      best = b;
    }
  }
  return best;
}

// Where a cut after `split` seats crosses each row. `t` is each seat's position along the layout
// (increasing in seat order), `rows` its row. For every row with seats: a position strictly after
// the row's seats before the cut and strictly before its seats after it, as near the overall cut
// as that allows (`margin[r]` keeps it off a seat). Rows inner to outer.
struct RowCut {
  size_t row;
  double t;
};

std::vector<RowCut> CutRows(const std::vector<double>& t, const std::vector<int>& rows,
                            const std::vector<double>& margin, size_t split) {
  const size_t row_count = margin.size();
  std::vector<std::optional<double>> last_before(row_count);
  std::vector<std::optional<double>> first_after(row_count);
  for (size_t i = 0; i < t.size(); ++i) {
    const auto r = static_cast<size_t>(rows[i]);
    if (i < split) {
      last_before[r] = t[i];
    } else if (!first_after[r]) {
      first_after[r] = t[i];
    }
  }
  const double overall = (t[split - 1] + t[split]) / 2;
  std::vector<RowCut> cuts;
  for (size_t r = 0; r < row_count; ++r) {
    if (last_before[r] && first_after[r]) {
      cuts.push_back({r, (*last_before[r] + *first_after[r]) / 2});
    } else if (last_before[r]) {
      cuts.push_back({r, std::max(overall, *last_before[r] + margin[r])});
    } else if (first_after[r]) {
      cuts.push_back({r, std::min(overall, *first_after[r] - margin[r])});
    }
  }
  return cuts;
}

}  // namespace

std::string_view LayoutName(Layout layout) {
  switch (layout) {
    case Layout::kArch:
      return "arch";
    case Layout::kWestminster:
      return "westminster";
    case Layout::kHorseshoe:
      return "horseshoe";
    case Layout::kClassroom:
      return "classroom";
    case Layout::kCircle:
      return "circle";
  }
  return "arch";
}

std::optional<Layout> ParseLayout(std::string_view text) {
  for (Layout l : {Layout::kArch, Layout::kWestminster, Layout::kHorseshoe, Layout::kClassroom,
                   Layout::kCircle}) {
    if (text == LayoutName(l)) return l;
  }
  if (text == "hemicycle") return Layout::kArch;
  return std::nullopt;
}

Result<Diagram> BuildDiagram(const Chamber& chamber, const Stances& stances,
                             const DiagramOptions& options) {
  if (!(options.seat_fill > 0 && options.seat_fill <= 1)) {
    return Status(ErrorCode::kInvalidValue, "seat fill must be in (0, 1]");
  }
  const Layout layout = options.layout;
  const double span = layout == Layout::kCircle ? 360.0 : options.span_degrees;
  if (layout == Layout::kArch && !(span >= 10 && span <= 360)) {
    return Status(ErrorCode::kInvalidValue, "an arch spans 10 to 360 degrees");
  }
  const int filled = chamber.FilledSeats();
  if (filled > chamber.statutory_seats) {
    return Status(ErrorCode::kSeatsExceedChamber, "parties hold " + std::to_string(filled) +
                                                      " seats but the chamber has " +
                                                      std::to_string(chamber.statutory_seats));
  }
  const std::optional<PresidingOfficer>& presiding = chamber.presiding;
  const Party* chair_party = nullptr;
  if (presiding && !presiding->party.empty()) {
    chair_party = chamber.FindParty(presiding->party);
    if (chair_party == nullptr) {
      return Status(ErrorCode::kUnknownId,
                    "the presiding officer's party '" + presiding->party + "' is not defined",
                    AtPath("chamber.presiding_officer.party"));
    }
    if (chair_party->seats < 1) {
      return Status(ErrorCode::kInconsistentCount,
                    "the presiding officer's party '" + presiding->party + "' holds no seat",
                    AtPath("chamber.presiding_officer.party"));
    }
  }
  // Members whose votes do not count sit beyond the statutory seats, and are drawn too.
  const int drawn = chamber.statutory_seats + chamber.UncountedSeats() - (presiding ? 1 : 0);
  if (drawn < 0) {
    return Status(ErrorCode::kInconsistentCount, "a chamber with a chair needs at least one seat");
  }
  if (drawn > kMaxDiagramSeats) {
    return Status(ErrorCode::kTooLarge, "diagrams are limited to " +
                                            std::to_string(kMaxDiagramSeats) + " seats, not " +
                                            std::to_string(drawn));
  }

  Diagram d;
  d.layout = layout;
  d.title = chamber.name;
  d.statutory_seats = chamber.statutory_seats;
  d.vacancies = chamber.statutory_seats - filled;

  // Seats each party has in the body of the diagram (the chair's seat is drawn apart).
  std::vector<int> drawn_seats(chamber.parties.size());
  for (size_t i = 0; i < chamber.parties.size(); ++i) {
    drawn_seats[i] =
        std::max(chamber.parties[i].seats, 0) - (&chamber.parties[i] == chair_party ? 1 : 0);
  }
  Result<std::vector<size_t>> order = OrderParties(chamber, options, drawn_seats, chair_party);
  if (!order.ok()) return order.status();

  // Each party's seats: its named members, then the rest on the party line.
  const std::string chair_member = presiding ? presiding->member : std::string();
  std::vector<Pending> blocks;
  blocks.reserve(order->size() + 2);
  size_t colourless = 0;
  for (size_t i : *order) {
    const Party& party = chamber.parties[i];
    const Bloc* bloc = chamber.BlocOfParty(party.id);
    Pending p;
    SeatBlock& b = p.block;
    b.kind = SeatBlock::Kind::kParty;
    b.party = party.id;
    b.name = party.name.empty() ? party.id : party.name;
    b.short_name = party.short_name.empty() ? party.id : party.short_name;
    if (IsHexColour(party.colour)) {
      b.colour = party.colour;
    } else if (bloc != nullptr && IsHexColour(bloc->colour)) {
      b.colour = bloc->colour;
    } else {
      b.colour = std::string(kPalette[colourless++ % kPalette.size()]);
    }
    if (bloc != nullptr) {
      b.bloc = bloc->id;
      b.role = bloc->role;
      p.role = bloc->role;
    }
    b.holds_chair = &party == chair_party;
    const int seats = drawn_seats[i];
    for (const Member& m : chamber.members) {
      if (m.party != party.id || m.id == chair_member) continue;
      if (static_cast<int>(p.entries.size()) >= seats) break;
      d.members.push_back({m.id, m.name, m.constituency});
      const bool counted = m.counted && party.counted;
      p.entries.push_back({static_cast<int>(d.members.size() - 1),
                           counted ? stances.OfMember(chamber, m.id) : Stance::kAbsent, counted});
    }
    // Unnamed seats: a split's counts first (as the tally counts them), then the line.
    if (!party.counted) {
      p.entries.resize(static_cast<size_t>(seats), Entry{std::nullopt, Stance::kAbsent, false});
    } else if (const Split* split = stances.SplitOf(party.id)) {
      for (const auto& [stance, n] : split->counts) {
        const int room = seats - static_cast<int>(p.entries.size());
        p.entries.insert(p.entries.end(), static_cast<size_t>(std::clamp(n, 0, room)),
                         Entry{std::nullopt, stance});
      }
    }
    const Stance line = stances.PartyLine(chamber, party.id);
    p.entries.resize(static_cast<size_t>(seats), Entry{std::nullopt, line});
    blocks.push_back(std::move(p));
  }

  // Vacant seats sit between the blocs: just before the government when there is one to sit
  // before, else at the party boundary nearest the middle.
  if (d.vacancies > 0) {
    Pending v;
    v.block.kind = SeatBlock::Kind::kVacant;
    v.block.name = "Vacant";
    v.block.short_name = "Vacant";
    v.block.colour = std::string(kVacantColour);
    v.entries.resize(static_cast<size_t>(d.vacancies));
    size_t at = MiddleBoundary(blocks);
    if (options.party_order.empty() && options.order == SeatOrder::kBlocs) {
      const auto gov = std::find_if(blocks.begin(), blocks.end(), [](const Pending& p) {
        return p.role == BlocRole::kGovernment;
      });
      if (gov != blocks.end() && gov != blocks.begin()) {
        at = static_cast<size_t>(gov - blocks.begin());
      }
    }
    blocks.insert(blocks.begin() + static_cast<std::ptrdiff_t>(at), std::move(v));
  }

  // Stances are marked when asked, or (kAuto) when anyone has declared one.
  bool any_stance = false;
  for (const Pending& p : blocks) {
    if (p.block.kind != SeatBlock::Kind::kParty) continue;
    for (const Entry& e : p.entries) any_stance = any_stance || e.stance != Stance::kUndecided;
  }
  d.show_stances = options.stances == StanceMarks::kShow ||
                   (options.stances == StanceMarks::kAuto && any_stance);

  // The end where "for" gathers: the half holding more "for" seats (left on a tie).
  {
    long total = 0;
    for (const Pending& p : blocks) total += static_cast<long>(p.entries.size());
    long at = 0;
    long left = 0;
    long right = 0;
    for (const Pending& p : blocks) {
      const long n = static_cast<long>(p.entries.size());
      const long fors = std::count_if(p.entries.begin(), p.entries.end(),
                                      [](const Entry& e) { return e.stance == Stance::kFor; });
      (2 * at + n <= total ? left : right) += fors;
      at += n;
    }
    d.for_end = right > left ? ForEnd::kRight : ForEnd::kLeft;
  }
  // Within a party, seats run from "for" to "against", starting at the `for` end (Westminster:
  // at the chair's end), named members first among equals.
  if (d.show_stances) {
    const bool reverse = d.for_end == ForEnd::kRight && layout != Layout::kWestminster;
    std::vector<Entry> sorted;
    for (Pending& p : blocks) SortByStance(p.entries, reverse, sorted);
  }

  // Westminster: blocks go to benches. With government and opposition blocs, by role (the rest
  // on the cross-benches); without, the left part of the order faces the right part.
  int bench_government = 0;
  int bench_opposition = 0;
  if (layout == Layout::kWestminster) {
    std::vector<Pending> government;
    std::vector<Pending> opposition;
    std::vector<Pending> cross;
    const bool by_role = std::any_of(blocks.begin(), blocks.end(), [](const Pending& p) {
      return p.role == BlocRole::kGovernment || p.role == BlocRole::kOpposition;
    });
    if (by_role) {
      for (Pending& p : blocks) {
        if (p.role == BlocRole::kGovernment) {
          government.push_back(std::move(p));
        } else if (p.role == BlocRole::kOpposition) {
          opposition.push_back(std::move(p));
        } else {
          cross.push_back(std::move(p));
        }
      }
      if (options.party_order.empty() && options.order == SeatOrder::kBlocs) {
        std::reverse(government.begin(), government.end());  // largest nearest the chair
      }
    } else {
      std::vector<Pending> parties;
      for (Pending& p : blocks) {
        (p.block.kind == SeatBlock::Kind::kVacant ? cross : parties).push_back(std::move(p));
      }
      const size_t split = MiddleBoundary(parties);
      for (size_t k = 0; k < parties.size(); ++k) {
        (k < split ? opposition : government).push_back(std::move(parties[k]));
      }
      std::reverse(government.begin(), government.end());
    }
    blocks.clear();
    for (auto* bench : {&government, &opposition, &cross}) {
      int seats = 0;
      for (Pending& p : *bench) {
        seats += static_cast<int>(p.entries.size());
        blocks.push_back(std::move(p));
      }
      if (bench == &government) bench_government = seats;
      if (bench == &opposition) bench_opposition = seats;
    }
  }

  // Seats in block order.
  d.seats.reserve(static_cast<size_t>(drawn));
  d.blocks.reserve(blocks.size() + 1);
  for (Pending& p : blocks) {
    SeatBlock& b = p.block;
    b.first = static_cast<int>(d.seats.size());
    b.seats = static_cast<int>(p.entries.size());
    const int index = static_cast<int>(d.blocks.size());
    for (const Entry& e : p.entries) {
      d.seats.push_back({{}, index, e.member, e.stance});
      if (b.kind != SeatBlock::Kind::kParty) continue;
      if (e.counted) {
        b.counts.Add(e.stance, 1);
      } else {
        ++b.counts.uncounted;
      }
    }
    d.blocks.push_back(std::move(b));
  }
  const int seat_count = static_cast<int>(d.seats.size());

  // The chair.
  if (presiding) {
    Seat chair;
    d.chair_vote = presiding->vote;
    d.chair_name = presiding->name;
    if (!presiding->member.empty()) {
      if (const Member* m = chamber.FindMember(presiding->member)) {
        d.members.push_back({m->id, m->name, m->constituency});
        chair.member = static_cast<int>(d.members.size() - 1);
        if (d.chair_name.empty()) d.chair_name = m->name;
      }
    }
    chair.stance = stances.OfChair(chamber);
    auto block = std::find_if(d.blocks.begin(), d.blocks.end(), [&](const SeatBlock& b) {
      return b.kind == SeatBlock::Kind::kParty && chair_party != nullptr &&
             b.party == chair_party->id;
    });
    if (block == d.blocks.end()) {
      SeatBlock b;
      b.kind = SeatBlock::Kind::kChair;
      b.name = presiding->name.empty() ? "Presiding officer" : presiding->name;
      b.short_name = "Chair";
      b.colour = std::string(kChairColour);
      b.first = seat_count;
      b.holds_chair = true;
      d.blocks.push_back(std::move(b));
      block = d.blocks.end() - 1;
    }
    chair.block = static_cast<int>(block - d.blocks.begin());
    if (presiding->vote == PresidingVote::kAsMember) {
      block->counts.Add(chair.stance, 1);
    } else {
      block->counts.chair += 1;
    }
    d.chair = chair;
  }
  for (const SeatBlock& b : d.blocks) d.total += b.counts;

  // Geometry, in the layout's own units; moved into the bounding box below.
  std::vector<std::vector<Point>> lines(options.markers.size());
  // Seats before the cut, in seat order; nullopt when the marker cuts nothing.
  auto split_at = [&](std::int64_t votes) -> std::optional<size_t> {
    if (votes <= 0 || votes >= seat_count) return std::nullopt;
    return static_cast<size_t>(d.for_end == ForEnd::kLeft ? votes : seat_count - votes);
  };
  // Ends of a cut reach a little beyond the inner and outer rows.
  constexpr double kOverhang = 1.4;
  switch (layout) {
    case Layout::kArch:
    case Layout::kCircle: {
      Result<ArchSeats> arch = LayOutArch(seat_count, {.span_degrees = span});
      if (!arch.ok()) return arch.status();
      d.slot_radius = arch->slot_radius;
      for (size_t i = 0; i < d.seats.size(); ++i) d.seats[i].centre = YDown(arch->centres[i]);
      double inner = 1;
      double outer = 0;
      for (const ArchRow& row : arch->rows) {
        if (row.seats == 0) continue;
        inner = std::min(inner, row.radius);
        outer = std::max(outer, row.radius);
      }
      if (outer == 0) inner = outer = 1 - d.slot_radius;
      d.seat_radius = d.slot_radius * options.seat_fill;
      d.chair_radius =
          std::min(std::max(d.seat_radius * 1.3, 0.035), (inner - d.slot_radius) * 0.5);
      if (!options.markers.empty() && seat_count > 1) {
        std::vector<double> t(arch->angles.size());
        for (size_t i = 0; i < t.size(); ++i) t[i] = -arch->angles[i];
        std::vector<double> margin;
        for (const ArchRow& row : arch->rows) margin.push_back(0.5 * d.slot_radius / row.radius);
        for (size_t m = 0; m < options.markers.size(); ++m) {
          const std::optional<size_t> split = split_at(options.markers[m].votes);
          if (!split) continue;
          const std::vector<RowCut> cuts = CutRows(t, arch->rows_of, margin, *split);
          for (size_t k = 0; k < cuts.size(); ++k) {
            const double radius = arch->rows[cuts[k].row].radius;
            const double a = -cuts[k].t;
            const double r0 = radius - (k == 0 ? kOverhang : 1) * d.slot_radius;
            const double r1 = radius + (k + 1 == cuts.size() ? kOverhang : 1) * d.slot_radius;
            lines[m].push_back(YDown({r0 * std::cos(a), r0 * std::sin(a)}));
            lines[m].push_back(YDown({r1 * std::cos(a), r1 * std::sin(a)}));
          }
        }
      }
      if (d.chair) d.chair->centre = {0, 0};
      break;
    }
    case Layout::kHorseshoe: {
      const diagram_internal::HorseshoeSeats u = diagram_internal::LayOutHorseshoe(seat_count);
      d.slot_radius = u.slot_radius;
      for (size_t i = 0; i < d.seats.size(); ++i) d.seats[i].centre = YDown(u.centres[i]);
      double inner = 1;
      double outer = 0;
      for (size_t r = 0; r < u.row_radii.size(); ++r) {
        if (u.row_seats[r] == 0) continue;
        inner = std::min(inner, u.row_radii[r]);
        outer = std::max(outer, u.row_radii[r]);
      }
      if (outer == 0) inner = outer = 1 - d.slot_radius;
      d.seat_radius = d.slot_radius * options.seat_fill;
      d.chair_radius =
          std::min(std::max(d.seat_radius * 1.3, 0.035), (inner - d.slot_radius) * 0.5);
      if (!options.markers.empty() && seat_count > 1) {
        std::vector<double> margin;
        for (double radius : u.row_radii) {
          margin.push_back(0.5 * d.slot_radius / std::max(u.arm_length, std::numbers::pi * radius));
        }
        for (size_t m = 0; m < options.markers.size(); ++m) {
          const std::optional<size_t> split = split_at(options.markers[m].votes);
          if (!split) continue;
          const std::vector<RowCut> cuts = CutRows(u.keys, u.rows_of, margin, *split);
          for (size_t k = 0; k < cuts.size(); ++k) {
            const double radius = u.row_radii[cuts[k].row];
            const double r0 = radius - (k == 0 ? kOverhang : 1) * d.slot_radius;
            const double r1 = radius + (k + 1 == cuts.size() ? kOverhang : 1) * d.slot_radius;
            lines[m].push_back(
                YDown(diagram_internal::HorseshoePoint(cuts[k].t, r0, u.arm_length)));
            lines[m].push_back(
                YDown(diagram_internal::HorseshoePoint(cuts[k].t, r1, u.arm_length)));
          }
        }
      }
      if (d.chair) d.chair->centre = {0, u.arm_length};
      break;
    }
    case Layout::kClassroom: {
      const diagram_internal::GridSeats grid = diagram_internal::LayOutClassroom(seat_count);
      d.slot_radius = 0.5;
      for (size_t i = 0; i < d.seats.size(); ++i) d.seats[i].centre = grid.centres[i];
      d.seat_radius = d.slot_radius * options.seat_fill;
      d.chair_radius = d.seat_radius * 1.3;
      if (d.chair) d.chair->centre = grid.chair;
      // Between columns, stepping down the column the cut ends in.
      const int rows = grid.rows;
      const double top = -0.5 - (kOverhang - 1) * 0.5;
      const double bottom = rows - 0.5 + (kOverhang - 1) * 0.5;
      for (size_t m = 0; m < options.markers.size(); ++m) {
        const std::optional<size_t> split = split_at(options.markers[m].votes);
        if (!split) continue;
        const double column = static_cast<double>(*split / static_cast<size_t>(rows));
        const double row = static_cast<double>(*split % static_cast<size_t>(rows));
        if (row == 0) {
          lines[m] = {{column - 0.5, top}, {column - 0.5, bottom}};
        } else {
          lines[m] = {{column + 0.5, top},
                      {column + 0.5, row - 0.5},
                      {column - 0.5, row - 0.5},
                      {column - 0.5, bottom}};
        }
      }
      break;
    }
    case Layout::kWestminster: {
      const diagram_internal::WestminsterSeats w = diagram_internal::LayOutWestminster(
          bench_government, bench_opposition, seat_count - bench_government - bench_opposition);
      d.slot_radius = 0.5;
      size_t i = 0;
      for (const auto* bench : {&w.government, &w.opposition, &w.cross}) {
        for (const Point& p : *bench) d.seats[i++].centre = p;
      }
      d.seat_radius = d.slot_radius * options.seat_fill;
      d.chair_radius = d.seat_radius * 1.3;
      d.tables.push_back(w.table);
      if (d.chair) d.chair->centre = w.chair;
      break;
    }
  }

  // Markers and the vote bar: every seat, and the chair when it votes as a member.
  const bool chair_on_bar = d.chair && d.chair_vote == PresidingVote::kAsMember;
  const int bar_total = seat_count + (chair_on_bar ? 1 : 0);
  for (size_t m = 0; m < options.markers.size(); ++m) {
    MarkerPlacement placement;
    placement.marker = options.markers[m];
    placement.line = std::move(lines[m]);
    placement.bar_fraction =
        bar_total == 0
            ? 0
            : std::clamp(static_cast<double>(placement.marker.votes) / bar_total, 0.0, 1.0);
    d.markers.push_back(std::move(placement));
  }
  if (bar_total > 0) {
    int at = 0;
    auto add = [&](int block, Stance stance, bool vacant, int n) {
      if (n <= 0) return;
      d.bar.push_back({block, stance, vacant, n, static_cast<double>(at) / bar_total,
                       static_cast<double>(at + n) / bar_total});
      at += n;
    };
    for (Stance s : {Stance::kFor, Stance::kUndecided, Stance::kAbstain, Stance::kPresent,
                     Stance::kAbsent, Stance::kAgainst}) {
      for (size_t b = 0; b < d.blocks.size(); ++b) {
        add(static_cast<int>(b), s, false, d.blocks[b].counts.Of(s));
      }
    }
    for (size_t b = 0; b < d.blocks.size(); ++b) {
      if (d.blocks[b].kind == SeatBlock::Kind::kVacant) {
        add(static_cast<int>(b), Stance::kUndecided, true, d.blocks[b].seats);
      }
    }
  }

  // Bounding box of everything drawn; then move it to the origin.
  double min_x = std::numeric_limits<double>::infinity();
  double min_y = min_x;
  double max_x = -min_x;
  double max_y = -min_x;
  auto cover = [&](Point p, double r) {
    min_x = std::min(min_x, p.x - r);
    min_y = std::min(min_y, p.y - r);
    max_x = std::max(max_x, p.x + r);
    max_y = std::max(max_y, p.y + r);
  };
  for (const Seat& s : d.seats) cover(s.centre, d.slot_radius);
  if (d.chair) cover(d.chair->centre, d.chair_radius);
  for (const MarkerPlacement& m : d.markers) {
    for (const Point& p : m.line) cover(p, 0);
  }
  for (const Rect& t : d.tables) {
    cover({t.x, t.y}, 0);
    cover({t.x + t.width, t.y + t.height}, 0);
  }
  if (min_x > max_x) {  // nothing at all
    min_x = min_y = 0;
    max_x = max_y = 1;
  }
  auto move = [&](Point& p) {
    p.x -= min_x;
    p.y -= min_y;
  };
  for (Seat& s : d.seats) move(s.centre);
  if (d.chair) move(d.chair->centre);
  for (MarkerPlacement& m : d.markers) {
    for (Point& p : m.line) move(p);
  }
  for (Rect& t : d.tables) {
    t.x -= min_x;
    t.y -= min_y;
  }
  d.width = max_x - min_x;
  d.height = max_y - min_y;
  return d;
}

}  // namespace whipcount
