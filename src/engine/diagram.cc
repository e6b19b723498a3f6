// BuildDiagram: orders a chamber's parties into contiguous blocks, gives each seat its stance,
// places the seats with the layout's geometry (one function per layout) and cuts the rows where
// the vote markers fall (one step for every layout).
#include "whipcount/diagram.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <numbers>
#include <numeric>
#include <string>
#include <utility>

#include "diagram_geometry.h"
#include "whipcount/colour.h"

namespace whipcount {
namespace {

constexpr std::string_view kVacantColour = "#FFFFFF";
constexpr std::string_view kChairColour = "#5A5A5A";

// The layouts' own geometry has y upwards; a Diagram's y points down.
Point YDown(Point p) { return {p.x, -p.y}; }

Location AtPath(std::string path) {
  Location where;
  where.path = std::move(path);
  return where;
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

// Parties sit in bloc order (SeatOrder::kStance groups them by stance afterwards).
bool InBlocOrder(const DiagramOptions& options) {
  return options.party_order.empty() &&
         (options.order == SeatOrder::kBlocs || options.order == SeatOrder::kStance);
}

size_t IndexOf(const std::vector<Party>& parties, const Party* p) {
  return static_cast<size_t>(p - parties.data());
}

// Party indices in the order of `options.party_order`, then the parties it leaves out in chamber
// order; only those in `keep`.
Result<std::vector<size_t>> OrderAsGiven(const Chamber& chamber, const DiagramOptions& options,
                                         const std::vector<bool>& keep) {
  const std::vector<Party>& parties = chamber.parties;
  std::vector<size_t> order;
  std::vector<bool> used(parties.size());
  for (size_t k = 0; k < options.party_order.size(); ++k) {
    const Party* p = chamber.FindParty(options.party_order[k]);
    if (p == nullptr) {
      return Status(ErrorCode::kUnknownId,
                    "party order names '" + options.party_order[k] + "', which is not defined",
                    AtPath(ItemPath("party_order", k)));
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

// `order` grouped by bloc: opposition blocs from the left end and government blocs from the
// right end, the largest outermost; other blocs and unaligned parties in between.
std::vector<size_t> OrderByBlocs(const Chamber& chamber, const std::vector<size_t>& order,
                                 const std::vector<int>& drawn_seats) {
  struct Group {
    std::vector<size_t> parties;
    int seats = 0;
  };
  std::vector<Group> by_bloc(chamber.blocs.size());
  std::vector<size_t> unaligned;
  for (size_t i : order) {
    const Bloc* b = chamber.BlocOfParty(chamber.parties[i].id);
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
  std::vector<size_t> out;
  for (size_t b : opposition_blocs) {
    out.insert(out.end(), by_bloc[b].parties.begin(), by_bloc[b].parties.end());
  }
  out.insert(out.end(), middle.begin(), middle.end());
  out.insert(out.end(), unaligned.begin(), unaligned.end());
  for (size_t b : government_blocs) {
    out.insert(out.end(), by_bloc[b].parties.begin(), by_bloc[b].parties.end());
  }
  return out;
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
  if (!options.party_order.empty()) return OrderAsGiven(chamber, options, keep);
  std::vector<size_t> order;
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
    case SeatOrder::kStance:
      break;
  }
  return OrderByBlocs(chamber, order, drawn_seats);
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

// Seats each party has in the body of the diagram: the chair's seat is drawn apart.
std::vector<int> DrawnSeats(const Chamber& chamber, const Party* chair_party) {
  std::vector<int> drawn(chamber.parties.size());
  for (size_t i = 0; i < chamber.parties.size(); ++i) {
    const Party& party = chamber.parties[i];
    drawn[i] = std::max(std::max(party.seats, 0) - (&party == chair_party ? 1 : 0), 0);
  }
  return drawn;
}

// Each party's colour, its own or the palette's (see whipcount/colour.h): a
// function of the file's parties alone, so a party keeps its colour on every date, whatever bloc
// it is in and however the seats are ordered.
std::vector<std::string> ColoursOfParties(const Chamber& chamber) {
  std::vector<std::optional<std::string>> own;
  own.reserve(chamber.parties.size());
  for (const Party& p : chamber.parties) own.push_back(HexColour(p.colour));
  return PartyColours(own);
}

// What the diagram calls a party, and its colour (PartyColours: its own, else the palette's). A
// bloc's colour is not a party's: sixteen parties of one bloc would all look alike.
SeatBlock PartySeatBlock(const Chamber& chamber, const Party& party, const std::string& colour) {
  const Bloc* bloc = chamber.BlocOfParty(party.id);
  SeatBlock b;
  b.kind = SeatBlock::Kind::kParty;
  b.party = party.id;
  b.name = party.name.empty() ? party.id : party.name;
  b.short_name = party.short_name.empty() ? party.id : party.short_name;
  b.colour = colour;
  if (bloc != nullptr) {
    b.bloc = bloc->id;
    b.role = bloc->role;
  }
  return b;
}

// A party's `seats` seats: its named members (added to `members`), then the rest as the tally
// counts them: a split's counts first, then the party line.
std::vector<Entry> PartyEntries(const Chamber& chamber, const Stances& stances, const Party& party,
                                int seats, std::vector<SeatMember>& members) {
  const std::string chair_member = chamber.presiding ? chamber.presiding->member : std::string();
  std::vector<Entry> entries;
  for (const Member& m : chamber.members) {
    if (m.party != party.id || m.id == chair_member) continue;
    if (static_cast<int>(entries.size()) >= seats) break;
    members.push_back({m.id, m.name, m.constituency});
    const bool counted = m.counted && party.counted;
    entries.push_back({static_cast<int>(members.size() - 1),
                       counted ? stances.OfMember(chamber, m.id) : Stance::kAbsent, counted});
  }
  if (!party.counted) {
    entries.resize(static_cast<size_t>(seats), Entry{std::nullopt, Stance::kAbsent, false});
  } else if (const Split* split = stances.SplitOf(party.id)) {
    for (const auto& [stance, n] : split->counts) {
      const int room = seats - static_cast<int>(entries.size());
      entries.insert(entries.end(), static_cast<size_t>(std::clamp(n, 0, room)),
                     Entry{std::nullopt, stance});
    }
  }
  entries.resize(static_cast<size_t>(seats),
                 Entry{std::nullopt, stances.PartyLine(chamber, party.id)});
  return entries;
}

// Vacant seats sit between the blocs: just before the government when there is one to sit
// before, else at the party boundary nearest the middle.
void InsertVacant(std::vector<Pending>& blocks, int vacancies, const DiagramOptions& options) {
  if (vacancies <= 0) return;
  Pending v;
  v.block.kind = SeatBlock::Kind::kVacant;
  v.block.name = "Vacant";
  v.block.short_name = "Vacant";
  v.block.colour = std::string(kVacantColour);
  v.entries.resize(static_cast<size_t>(vacancies));
  size_t at = MiddleBoundary(blocks);
  if (InBlocOrder(options)) {
    const auto gov = std::find_if(blocks.begin(), blocks.end(),
                                  [](const Pending& p) { return p.role == BlocRole::kGovernment; });
    if (gov != blocks.end() && gov != blocks.begin()) {
      at = static_cast<size_t>(gov - blocks.begin());
    }
  }
  blocks.insert(blocks.begin() + static_cast<std::ptrdiff_t>(at), std::move(v));
}

// Every block of seats from left to right: the parties in `order`, the vacant seats among them.
std::vector<Pending> GatherBlocks(const Chamber& chamber, const Stances& stances,
                                  const DiagramOptions& options, const std::vector<size_t>& order,
                                  const std::vector<int>& drawn_seats, const Party* chair_party,
                                  Diagram& d) {
  std::vector<Pending> blocks;
  blocks.reserve(order.size() + 2);
  const std::vector<std::string> colours = ColoursOfParties(chamber);
  for (size_t i : order) {
    const Party& party = chamber.parties[i];
    Pending p;
    p.block = PartySeatBlock(chamber, party, colours[i]);
    p.block.holds_chair = &party == chair_party;
    p.role = p.block.role;
    p.entries = PartyEntries(chamber, stances, party, drawn_seats[i], d.members);
    blocks.push_back(std::move(p));
  }
  InsertVacant(blocks, d.vacancies, options);
  return blocks;
}

// Stances are marked when asked, or (kAuto) when anyone has declared one.
bool ShowStances(const std::vector<Pending>& blocks, StanceMarks marks) {
  if (marks != StanceMarks::kAuto) return marks == StanceMarks::kShow;
  for (const Pending& p : blocks) {
    if (p.block.kind != SeatBlock::Kind::kParty) continue;
    for (const Entry& e : p.entries) {
      if (e.stance != Stance::kUndecided) return true;
    }
  }
  return false;
}

// The end where "for" gathers: the half holding more "for" seats (left on a tie).
ForEnd ForEndOf(const std::vector<Pending>& blocks) {
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
  return right > left ? ForEnd::kRight : ForEnd::kLeft;
}

// Seats on each Westminster bench; the cross-benches take the rest.
struct Benches {
  int government = 0;
  int opposition = 0;
};

// Westminster: puts the blocks in bench order (government, opposition, cross-benches). With
// government and opposition blocs, by role; without, the left part of the order faces the right.
Benches SeatOnBenches(std::vector<Pending>& blocks, const DiagramOptions& options) {
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
    if (InBlocOrder(options)) {
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
  Benches benches;
  blocks.clear();
  for (auto* bench : {&government, &opposition, &cross}) {
    int seats = 0;
    for (Pending& p : *bench) {
      seats += static_cast<int>(p.entries.size());
      blocks.push_back(std::move(p));
    }
    if (bench == &government) benches.government = seats;
    if (bench == &opposition) benches.opposition = seats;
  }
  return benches;
}

// The blocks' seats into Diagram::seats and the blocks into Diagram::blocks, with their counts.
// A party's seats by stance; the vacant seats count nothing.
Counts CountEntries(const Pending& p) {
  Counts counts;
  if (p.block.kind != SeatBlock::Kind::kParty) return counts;
  for (const Entry& e : p.entries) {
    if (e.counted) {
      counts.Add(e.stance, 1);
    } else {
      ++counts.uncounted;
    }
  }
  return counts;
}

void AddSeats(Diagram& d, std::vector<Pending>& blocks) {
  size_t seats = 0;
  for (const Pending& p : blocks) seats += p.entries.size();
  d.seats.reserve(seats);
  d.blocks.reserve(blocks.size() + 1);
  for (Pending& p : blocks) {
    SeatBlock& b = p.block;
    b.first = static_cast<int>(d.seats.size());
    b.seats = static_cast<int>(p.entries.size());
    b.counts = CountEntries(p);
    const int index = static_cast<int>(d.blocks.size());
    for (const Entry& e : p.entries) d.seats.push_back({{}, index, e.member, e.stance});
    d.blocks.push_back(std::move(b));
  }
}

// As AddSeats, with the seats grouped by stance: from the `for` end, each stance's seats party
// by party in block order, then the vacant seats at the other end. Each block's entries are
// already sorted by stance from the `for` end (SortByStance).
void AddSeatsByStance(Diagram& d, std::vector<Pending>& blocks) {
  std::vector<Stance> groups = {Stance::kFor,     Stance::kUndecided, Stance::kAbstain,
                                Stance::kPresent, Stance::kAbsent,    Stance::kAgainst};
  const bool right = d.for_end == ForEnd::kRight;
  if (right) std::reverse(groups.begin(), groups.end());
  std::vector<size_t> next(blocks.size());  // per block: its next entry to place
  std::vector<bool> started(blocks.size());
  size_t seats = 0;
  for (const Pending& p : blocks) seats += p.entries.size();
  d.seats.reserve(seats);
  const auto place = [&](size_t b, std::optional<Stance> stance) {
    const std::vector<Entry>& entries = blocks[b].entries;
    for (size_t& k = next[b]; k < entries.size(); ++k) {
      const Entry& e = entries[k];
      if (stance && e.stance != *stance) break;
      if (!started[b]) blocks[b].block.first = static_cast<int>(d.seats.size());
      started[b] = true;
      d.seats.push_back({{}, static_cast<int>(b), e.member, e.stance});
    }
  };
  const auto place_vacant = [&] {
    for (size_t b = 0; b < blocks.size(); ++b) {
      if (blocks[b].block.kind == SeatBlock::Kind::kVacant) place(b, std::nullopt);
    }
  };
  if (right) place_vacant();
  for (Stance s : groups) {
    for (size_t b = 0; b < blocks.size(); ++b) {
      if (blocks[b].block.kind == SeatBlock::Kind::kParty) place(b, s);
    }
  }
  if (!right) place_vacant();
  d.blocks.reserve(blocks.size() + 1);
  for (Pending& p : blocks) {
    SeatBlock& b = p.block;
    b.seats = static_cast<int>(p.entries.size());
    if (!started[d.blocks.size()]) b.first = static_cast<int>(d.seats.size());
    b.counts = CountEntries(p);
    d.blocks.push_back(std::move(b));
  }
}

// The presiding officer, drawn apart: in their party's block, else in a block of their own.
void AddChair(Diagram& d, const Chamber& chamber, const Stances& stances,
              const Party* chair_party) {
  const PresidingOfficer& presiding = *chamber.presiding;
  Seat chair;
  d.chair_vote = presiding.vote;
  d.chair_name = presiding.name;
  if (!presiding.member.empty()) {
    if (const Member* m = chamber.FindMember(presiding.member)) {
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
    b.name = presiding.name.empty() ? "Presiding officer" : presiding.name;
    b.short_name = "Chair";
    b.colour = std::string(kChairColour);
    b.first = static_cast<int>(d.seats.size());
    b.holds_chair = true;
    d.blocks.push_back(std::move(b));
    block = d.blocks.end() - 1;
  }
  chair.block = static_cast<int>(block - d.blocks.begin());
  if (presiding.vote == PresidingVote::kAsMember) {
    block->counts.Add(chair.stance, 1);
  } else {
    block->counts.chair += 1;
  }
  d.chair = chair;
}

// The line that separates the first `split` seats (in seat order) from the rest, in the
// layout's coordinates; empty when the layout draws none.
using Cut = std::function<std::vector<Point>(size_t split)>;

// Seats in concentric rows 2ρ apart, as the arch and the horseshoe place them.
struct RowSeats {
  std::vector<double> t;      // each seat's position along the layout, rising in seat order
  std::vector<int> rows_of;   // each seat's row
  std::vector<double> radii;  // each row's radius, inner to outer
  double slot_radius = 0;
  // The point at position t on the row of `radius` (y down).
  std::function<Point(double t, double radius)> point;
  // The distance along the row of `radius` from its start to position t, and back.
  std::function<double(double t, double radius)> length;
  std::function<double(double length, double radius)> position;
};

// Where a cut after `split` seats crosses each row, as a position t. For every row with seats:
// after the row's seats before the cut and before its seats after it, a slot radius (along the
// row) from both where the gap allows, else halfway between them; and otherwise as near the
// overall cut as it can be, so that the line runs straight wherever the rows let it. Rows inner
// to outer.
struct RowCut {
  size_t row;
  double t;
};

std::vector<RowCut> CutRows(const RowSeats& rows, size_t split) {
  const size_t row_count = rows.radii.size();
  std::vector<std::optional<double>> last_before(row_count);
  std::vector<std::optional<double>> first_after(row_count);
  for (size_t i = 0; i < rows.t.size(); ++i) {
    const auto r = static_cast<size_t>(rows.rows_of[i]);
    if (i < split) {
      last_before[r] = rows.t[i];
    } else if (!first_after[r]) {
      first_after[r] = rows.t[i];
    }
  }
  const double overall = (rows.t[split - 1] + rows.t[split]) / 2;
  const double rho = rows.slot_radius;
  std::vector<RowCut> cuts;
  for (size_t r = 0; r < row_count; ++r) {
    if (!last_before[r] && !first_after[r]) continue;
    const double radius = rows.radii[r];
    const double target = rows.length(overall, radius);
    const double before = last_before[r] ? rows.length(*last_before[r], radius) : target - rho;
    const double after = first_after[r] ? rows.length(*first_after[r], radius) : target + rho;
    const double at = before + rho <= after - rho ? std::clamp(target, before + rho, after - rho)
                      : last_before[r] && first_after[r] ? (before + after) / 2
                      : last_before[r]                   ? before + rho
                                                         : after - rho;
    cuts.push_back({r, rows.position(at, radius)});
  }
  return cuts;
}

// Ends of a cut reach a little beyond the inner and outer rows.
constexpr double kOverhang = 1.4;

// Across each row between the seats before the cut and the rest, and from row to row along the
// circle halfway between them, so that no piece of the line comes nearer a seat centre than
// about a slot radius (sampled finely enough that a chord of that circle sags by at most
// 2% of ρ).
std::vector<Point> CutAcrossRows(const RowSeats& rows, size_t split) {
  const std::vector<RowCut> cuts = CutRows(rows, split);
  const double rho = rows.slot_radius;
  std::vector<Point> line;
  for (size_t k = 0; k < cuts.size(); ++k) {
    const double radius = rows.radii[cuts[k].row];
    const double t = cuts[k].t;
    if (k == 0) line.push_back(rows.point(t, radius - kOverhang * rho));
    const double outer = radius + (k + 1 == cuts.size() ? kOverhang : 1) * rho;
    line.push_back(rows.point(t, outer));
    if (k + 1 == cuts.size()) break;
    const double next = cuts[k + 1].t;
    const double step = 0.4 * std::sqrt(rho * outer);
    const double length = std::abs(rows.length(next, outer) - rows.length(t, outer));
    const int pieces = std::clamp(static_cast<int>(std::ceil(length / step)), 0, 10000);
    for (int i = 1; i <= pieces; ++i) {
      line.push_back(rows.point(t + (next - t) * i / pieces, outer));
    }
    const double next_inner = rows.radii[cuts[k + 1].row] - rho;
    if (next_inner > outer + 1e-12 * rho) line.push_back(rows.point(next, next_inner));
  }
  return line;
}

// The chair inside the innermost row: somewhat larger than a seat, where there is room.
double ChairInsideRows(const Diagram& d, const std::vector<double>& radii,
                       const std::vector<int>& seats) {
  double inner = 1;
  double outer = 0;
  for (size_t r = 0; r < radii.size(); ++r) {
    if (seats[r] == 0) continue;
    inner = std::min(inner, radii[r]);
    outer = std::max(outer, radii[r]);
  }
  if (outer == 0) inner = 1 - d.slot_radius;
  return std::min(std::max(d.seat_radius * 1.3, 0.035), (inner - d.slot_radius) * 0.5);
}

// An arch (or a circle) round the chair at the origin; cuts run along radii.
Result<Cut> PlaceArch(Diagram& d, double span, double seat_fill) {
  WHIPCOUNT_ASSIGN_OR_RETURN(ArchSeats arch,
                             LayOutArch(static_cast<int>(d.seats.size()), {.span_degrees = span}));
  d.slot_radius = arch.slot_radius;
  d.seat_radius = d.slot_radius * seat_fill;
  for (size_t i = 0; i < d.seats.size(); ++i) d.seats[i].centre = YDown(arch.centres[i]);
  RowSeats rows{.rows_of = std::move(arch.rows_of), .slot_radius = d.slot_radius};
  std::vector<int> row_seats;
  for (const ArchRow& row : arch.rows) {
    rows.radii.push_back(row.radius);
    row_seats.push_back(row.seats);
  }
  d.chair_radius = ChairInsideRows(d, rows.radii, row_seats);
  if (d.chair) d.chair->centre = {0, 0};
  for (double angle : arch.angles) rows.t.push_back(-angle);
  rows.point = [](double t, double radius) {
    return YDown({radius * std::cos(-t), radius * std::sin(-t)});
  };
  rows.length = [](double t, double radius) { return t * radius; };
  rows.position = [](double length, double radius) { return length / radius; };
  return Cut([rows = std::move(rows)](size_t split) { return CutAcrossRows(rows, split); });
}

// A U open towards the chair; cuts run across the U.
Cut PlaceHorseshoe(Diagram& d, double seat_fill) {
  diagram_internal::HorseshoeSeats u =
      diagram_internal::LayOutHorseshoe(static_cast<int>(d.seats.size()));
  d.slot_radius = u.slot_radius;
  d.seat_radius = d.slot_radius * seat_fill;
  for (size_t i = 0; i < d.seats.size(); ++i) d.seats[i].centre = YDown(u.centres[i]);
  d.chair_radius = ChairInsideRows(d, u.row_radii, u.row_seats);
  if (d.chair) d.chair->centre = {0, u.arm_length};
  RowSeats rows{.t = std::move(u.keys),
                .rows_of = std::move(u.rows_of),
                .radii = u.row_radii,
                .slot_radius = d.slot_radius};
  rows.point = [arm = u.arm_length](double t, double radius) {
    return YDown(diagram_internal::HorseshoePoint(t, radius, arm));
  };
  // Positions run up the left arm ([0, 1]), over the half circle ([1, 2]) and down the right
  // arm ([2, 3]); the length is the path's.
  rows.length = [arm = u.arm_length](double t, double radius) {
    const double curve = std::numbers::pi * radius;
    return std::min(t, 1.0) * arm + std::clamp(t - 1, 0.0, 1.0) * curve +
           std::max(t - 2, 0.0) * arm;
  };
  rows.position = [arm = u.arm_length](double length, double radius) {
    const double curve = std::numbers::pi * radius;
    if (length <= arm) return length / arm;
    if (length <= arm + curve) return 1 + (length - arm) / curve;
    return 2 + (length - arm - curve) / arm;
  };
  return Cut([rows = std::move(rows)](size_t split) { return CutAcrossRows(rows, split); });
}

// Columns of seats facing the chair; cuts run between columns, stepping down the column the cut
// ends in.
Cut PlaceClassroom(Diagram& d, double seat_fill) {
  const diagram_internal::GridSeats grid =
      diagram_internal::LayOutClassroom(static_cast<int>(d.seats.size()));
  d.slot_radius = 0.5;
  d.seat_radius = d.slot_radius * seat_fill;
  d.chair_radius = d.seat_radius * 1.3;
  for (size_t i = 0; i < d.seats.size(); ++i) d.seats[i].centre = grid.centres[i];
  if (d.chair) d.chair->centre = grid.chair;
  return [rows = static_cast<size_t>(grid.rows)](size_t split) -> std::vector<Point> {
    const double top = -0.5 - (kOverhang - 1) * 0.5;
    const double bottom = static_cast<double>(rows) - 0.5 + (kOverhang - 1) * 0.5;
    const size_t full_columns = split / rows;  // the seats before the cut fill these columns
    const auto column = static_cast<double>(full_columns);
    const auto row = static_cast<double>(split % rows);
    if (row == 0) return {{column - 0.5, top}, {column - 0.5, bottom}};
    return {{column + 0.5, top},
            {column + 0.5, row - 0.5},
            {column - 0.5, row - 0.5},
            {column - 0.5, bottom}};
  };
}

// Benches facing across the table, the chair at its head; no cuts.
Cut PlaceWestminster(Diagram& d, Benches benches, double seat_fill) {
  const auto seats = static_cast<int>(d.seats.size());
  const diagram_internal::WestminsterSeats w = diagram_internal::LayOutWestminster(
      benches.government, benches.opposition, seats - benches.government - benches.opposition);
  d.slot_radius = 0.5;
  d.seat_radius = d.slot_radius * seat_fill;
  d.chair_radius = d.seat_radius * 1.3;
  size_t i = 0;
  for (const auto* bench : {&w.government, &w.opposition, &w.cross}) {
    for (const Point& p : *bench) d.seats[i++].centre = p;
  }
  d.tables.push_back(w.table);
  if (d.chair) d.chair->centre = w.chair;
  return nullptr;
}

Result<Cut> PlaceSeats(Diagram& d, const DiagramOptions& options, Benches benches) {
  switch (d.layout) {
    case Layout::kArch:
      return PlaceArch(d, options.span_degrees, options.seat_fill);
    case Layout::kCircle:
      return PlaceArch(d, 360, options.seat_fill);
    case Layout::kHorseshoe:
      return PlaceHorseshoe(d, options.seat_fill);
    case Layout::kClassroom:
      return PlaceClassroom(d, options.seat_fill);
    case Layout::kWestminster:
      return PlaceWestminster(d, benches, options.seat_fill);
  }
  return Status(ErrorCode::kInvalidValue, "unknown layout");
}

// Where each marker falls: across the seats after as many seats, counted from the `for` end,
// and on the vote bar, which shows every seat and the chair when it votes as a member.
void PlaceMarkers(Diagram& d, const std::vector<VoteMarker>& markers, const Cut& cut) {
  const auto seats = static_cast<std::int64_t>(d.seats.size());
  const bool chair_on_bar = d.chair && d.chair_vote == PresidingVote::kAsMember;
  const std::int64_t bar_total = seats + (chair_on_bar ? 1 : 0);
  for (const VoteMarker& marker : markers) {
    MarkerPlacement placement;
    placement.marker = marker;
    if (cut && marker.votes > 0 && marker.votes < seats) {
      const std::int64_t before = d.for_end == ForEnd::kLeft ? marker.votes : seats - marker.votes;
      placement.line = cut(static_cast<size_t>(before));
    }
    placement.bar_fraction =
        bar_total == 0
            ? 0
            : std::clamp(static_cast<double>(marker.votes) / static_cast<double>(bar_total), 0.0,
                         1.0);
    d.markers.push_back(std::move(placement));
  }
}

// The vote bar: "for" first, then undecided, abstain, present, absent, against, vacant.
void BuildBar(Diagram& d) {
  const int bar_total = static_cast<int>(d.seats.size()) +
                        (d.chair && d.chair_vote == PresidingVote::kAsMember ? 1 : 0);
  if (bar_total == 0) return;
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

// Moves everything drawn so that its bounding box starts at the origin, and sizes the diagram.
void FitToBox(Diagram& d) {
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
}

}  // namespace

Result<Diagram> BuildDiagram(const Chamber& chamber, const Stances& stances,
                             const DiagramOptions& options) {
  if (!(options.seat_fill > 0 && options.seat_fill <= 1)) {
    return Status(ErrorCode::kInvalidValue, "seat fill must be in (0, 1]");
  }
  if (options.layout == Layout::kArch) {
    WHIPCOUNT_RETURN_IF_ERROR(diagram_internal::CheckSpan(options.span_degrees));
  }
  // The chamber has passed Validate(): the chair's party, when named, holds a seat.
  const Party* chair_party =
      chamber.presiding ? chamber.FindParty(chamber.presiding->party) : nullptr;
  const std::vector<int> drawn_seats = DrawnSeats(chamber, chair_party);

  Diagram d;
  d.layout = options.layout;
  d.title = chamber.name;
  d.statutory_seats = chamber.statutory_seats;
  d.vacancies = chamber.statutory_seats - chamber.FilledSeats();
  // Members whose votes do not count sit beyond the statutory seats, and are drawn too.
  WHIPCOUNT_RETURN_IF_ERROR(diagram_internal::CheckSeatCount(
      std::accumulate(drawn_seats.begin(), drawn_seats.end(), 0LL) + std::max(d.vacancies, 0)));
  WHIPCOUNT_ASSIGN_OR_RETURN(const std::vector<size_t> order,
                             OrderParties(chamber, options, drawn_seats, chair_party));

  std::vector<Pending> blocks =
      GatherBlocks(chamber, stances, options, order, drawn_seats, chair_party, d);
  d.show_stances = ShowStances(blocks, options.stances);
  d.for_end = ForEndOf(blocks);
  // Within a party, seats run from "for" to "against", starting at the `for` end (Westminster:
  // at the chair's end), named members first among equals.
  if (d.show_stances) {
    const bool reverse = d.for_end == ForEnd::kRight && d.layout != Layout::kWestminster;
    std::vector<Entry> scratch;
    for (Pending& p : blocks) SortByStance(p.entries, reverse, scratch);
  }
  const Benches benches =
      d.layout == Layout::kWestminster ? SeatOnBenches(blocks, options) : Benches{};
  if (d.show_stances && options.order == SeatOrder::kStance && options.party_order.empty() &&
      d.layout != Layout::kWestminster) {
    AddSeatsByStance(d, blocks);
  } else {
    AddSeats(d, blocks);
  }
  if (chamber.presiding) AddChair(d, chamber, stances, chair_party);
  for (const SeatBlock& b : d.blocks) d.total += b.counts;

  WHIPCOUNT_ASSIGN_OR_RETURN(const Cut cut, PlaceSeats(d, options, benches));
  PlaceMarkers(d, options.markers, cut);
  BuildBar(d);
  FitToBox(d);
  return d;
}

}  // namespace whipcount
