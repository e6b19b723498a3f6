#include "whipcount/diagram.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cfenv>
#include <cmath>
#include <map>
#include <numbers>
#include <numeric>
#include <string>
#include <vector>

#include "whipcount/colour.h"

namespace whipcount {
namespace {

constexpr double kPi = std::numbers::pi;

// The first pair of points closer than `min_distance` (less a rounding hair), or {-1, -1}.
// A dense grid of cells `min_distance` wide keeps this linear, so that sweeping thousands of
// chambers stays fast under sanitizers.
std::pair<int, int> FirstOverlap(const std::vector<Point>& points, double min_distance) {
  if (points.size() < 2) return {-1, -1};
  double min_x = points[0].x, min_y = points[0].y, max_x = min_x, max_y = min_y;
  for (const Point& p : points) {
    min_x = std::min(min_x, p.x);
    min_y = std::min(min_y, p.y);
    max_x = std::max(max_x, p.x);
    max_y = std::max(max_y, p.y);
  }
  const double cell = min_distance;
  const int nx = static_cast<int>((max_x - min_x) / cell) + 1;
  const int ny = static_cast<int>((max_y - min_y) / cell) + 1;
  auto cell_of = [&](const Point& p) {
    const int cx = std::min(nx - 1, static_cast<int>((p.x - min_x) / cell));
    const int cy = std::min(ny - 1, static_cast<int>((p.y - min_y) / cell));
    return std::pair{cx, cy};
  };
  // Counting sort of point indices by cell.
  const auto cells = static_cast<size_t>(nx) * static_cast<size_t>(ny);
  std::vector<int> start(cells + 1, 0);
  for (const Point& p : points) {
    auto [cx, cy] = cell_of(p);
    ++start[static_cast<size_t>(cy) * static_cast<size_t>(nx) + static_cast<size_t>(cx) + 1];
  }
  std::partial_sum(start.begin(), start.end(), start.begin());
  std::vector<int> fill(start.begin(), start.end() - 1);
  std::vector<int> in_cell(points.size());
  for (size_t i = 0; i < points.size(); ++i) {
    auto [cx, cy] = cell_of(points[i]);
    const auto c = static_cast<size_t>(cy) * static_cast<size_t>(nx) + static_cast<size_t>(cx);
    in_cell[static_cast<size_t>(fill[c]++)] = static_cast<int>(i);
  }
  const double limit = min_distance * (1 - 1e-9);
  for (size_t i = 0; i < points.size(); ++i) {
    auto [cx, cy] = cell_of(points[i]);
    for (int y = std::max(cy - 1, 0); y <= std::min(cy + 1, ny - 1); ++y) {
      for (int x = std::max(cx - 1, 0); x <= std::min(cx + 1, nx - 1); ++x) {
        const auto c = static_cast<size_t>(y) * static_cast<size_t>(nx) + static_cast<size_t>(x);
        for (int k = start[c]; k < start[c + 1]; ++k) {
          const auto j = static_cast<size_t>(in_cell[static_cast<size_t>(k)]);
          if (j <= i) continue;
          if (std::hypot(points[i].x - points[j].x, points[i].y - points[j].y) < limit) {
            return {static_cast<int>(i), static_cast<int>(j)};
          }
        }
      }
    }
  }
  return {-1, -1};
}

// Checks the arch invariants for every seat count 1..max at one span.
void SweepArch(double span_degrees, int max_seats) {
  for (int n = 1; n <= max_seats; ++n) {
    Result<ArchSeats> arch = LayOutArch(n, {.span_degrees = span_degrees});
    ASSERT_TRUE(arch.ok()) << n;
    ASSERT_EQ(static_cast<int>(arch->centres.size()), n);
    int total = 0;
    for (const ArchRow& row : arch->rows) {
      ASSERT_LE(row.seats, row.capacity) << n << " seats, row radius " << row.radius;
      total += row.seats;
    }
    ASSERT_EQ(total, n);
    if (n <= kSingleRowMax) {
      ASSERT_EQ(arch->rows.size(), 1u) << n;
    }
    const auto [a, b] = FirstOverlap(arch->centres, 2 * arch->slot_radius);
    ASSERT_EQ(a, -1) << n << " seats at " << span_degrees << " degrees: seats " << a << " and " << b
                     << " overlap";
    for (const Point& p : arch->centres) {
      ASSERT_LE(std::hypot(p.x, p.y) + arch->slot_radius, 1 + 1e-9) << n;
    }
    // Seat order runs from the left end of the arch to the right end.
    ASSERT_TRUE(std::is_sorted(arch->angles.begin(), arch->angles.end(), std::greater<>())) << n;
  }
}

TEST(ArchTest, EverySeatCountFrom1To3000FitsItsRows) { SweepArch(180, 3000); }

TEST(ArchTest, FullCircleEverySeatCountFrom1To3000) { SweepArch(360, 3000); }

TEST(ArchTest, OtherSpansEverySeatCountTo1000) {
  for (double span : {10.0, 90.0, 240.0, 300.0, 350.0}) {
    SCOPED_TRACE(span);
    SweepArch(span, 1000);
  }
}

TEST(ArchTest, SmallChambersDrawInOneRow) {
  for (int n = 1; n <= kSingleRowMax; ++n) {
    Result<ArchSeats> arch = LayOutArch(n);
    ASSERT_TRUE(arch.ok());
    EXPECT_EQ(arch->rows.size(), 1u);
  }
  Result<ArchSeats> eleven = LayOutArch(11);
  ASSERT_TRUE(eleven.ok());
  EXPECT_EQ(eleven->rows.size(), 2u);
}

// At 180 degrees the row capacities are exactly parliamentarch's ⌊θR/2ρ⌋.
TEST(ArchTest, HemicycleCapacitiesMatchParliamentarch) {
  for (int rows = 1; rows <= 60; ++rows) {
    const std::vector<int> caps = ArchRowCapacities(rows, 180);
    const double rho = 1 / (4.0 * rows - 2);
    for (int r = 0; r < rows; ++r) {
      const double radius = 0.5 + 2 * r * rho;
      EXPECT_EQ(caps[static_cast<size_t>(r)], static_cast<int>(kPi * radius / (2 * rho)))
          << rows << " rows, row " << r;
    }
  }
}

// parliamentarch's default filling: every row but the outermost gets round(ratio × capacity)
// (Python rounds half to even) and the outermost takes whatever is left.
std::vector<int> ParliamentarchFilling(int seats, const std::vector<int>& caps) {
  const double ratio = static_cast<double>(seats) / std::accumulate(caps.begin(), caps.end(), 0);
  std::vector<int> rows;
  int given = 0;
  std::fesetround(FE_TONEAREST);
  for (size_t r = 0; r + 1 < caps.size(); ++r) {
    rows.push_back(static_cast<int>(std::nearbyint(ratio * caps[r])));
    given += rows.back();
  }
  rows.push_back(seats - given);
  return rows;
}

// Issue 5: parliamentarch overfills its outermost row at 342 (Pakistan), 626 and 737–740 seats;
// whipcount's rows stay within capacity at the same row count.
TEST(ArchTest, Issue5OuterRowNeverOverfilledWhereParliamentarchIs) {
  for (int n : {342, 626, 737, 738, 739, 740}) {
    Result<ArchSeats> arch = LayOutArch(n);
    ASSERT_TRUE(arch.ok());
    std::vector<int> caps;
    for (const ArchRow& row : arch->rows) caps.push_back(row.capacity);
    const std::vector<int> theirs = ParliamentarchFilling(n, caps);
    EXPECT_GT(theirs.back(), caps.back()) << n << ": parliamentarch no longer overfills";
    EXPECT_LE(arch->rows.back().seats, caps.back()) << n;
  }
}

TEST(ArchTest, ApportionRowsByLargestRemainderTiesToOuterRow) {
  const std::vector<int> caps = {4, 7};
  EXPECT_EQ(ApportionRows(11, caps), (std::vector<int>{4, 7}));
  EXPECT_EQ(ApportionRows(5, caps), (std::vector<int>{2, 3}));  // 1.82 / 3.18
  const std::vector<int> even = {10, 10};
  EXPECT_EQ(ApportionRows(3, even), (std::vector<int>{1, 2}));  // tie goes outward
  EXPECT_EQ(ApportionRows(0, even), (std::vector<int>{0, 0}));
}

TEST(ArchTest, RejectsBadCountsAndSpans) {
  EXPECT_EQ(LayOutArch(-1).status().code(), ErrorCode::kInvalidValue);
  EXPECT_EQ(LayOutArch(10, {.span_degrees = 5}).status().code(), ErrorCode::kInvalidValue);
  EXPECT_EQ(LayOutArch(10, {.span_degrees = 361}).status().code(), ErrorCode::kInvalidValue);
  EXPECT_EQ(LayOutArch(kMaxDiagramSeats + 1).status().code(), ErrorCode::kTooLarge);
  Result<ArchSeats> none = LayOutArch(0);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->centres.empty());
}

// ---------------------------------------------------------------------------------------------
// Chambers.

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

// A Pakistan-like chamber: government and opposition blocs, a presiding officer from the largest
// government party, one vacancy, named dissidents.
Chamber Coalition() {
  Chamber c = MakeChamber(20, {{"GOV", 8}, {"ALLY", 2}, {"OPP", 6}, {"OPP2", 2}, {"IND", 1}});
  c.presiding = PresidingOfficer{.name = "Speaker", .party = "GOV"};
  c.blocs.push_back({.id = "government",
                     .name = "Government",
                     .role = BlocRole::kGovernment,
                     .parties = {"GOV", "ALLY"}});
  c.blocs.push_back({.id = "opposition",
                     .name = "Opposition",
                     .role = BlocRole::kOpposition,
                     .parties = {"OPP2", "OPP"}});
  c.members.push_back({.id = "d1", .name = "Dissident One", .party = "GOV"});
  c.members.push_back({.id = "d2", .name = "Dissident Two", .party = "GOV"});
  return c;
}

Stances CoalitionStances() {
  Stances s;
  s.blocs = {{"government", Stance::kAgainst}, {"opposition", Stance::kFor}};
  s.members = {{"d1", Stance::kFor}, {"d2", Stance::kFor}};
  return s;
}

std::vector<Point> Centres(const Diagram& d) {
  std::vector<Point> out;
  for (const Seat& s : d.seats) out.push_back(s.centre);
  return out;
}

TEST(DiagramTest, EveryLayoutDrawsEverySeatWithoutOverlap) {
  for (Layout layout : {Layout::kArch, Layout::kCircle, Layout::kHorseshoe, Layout::kClassroom,
                        Layout::kWestminster}) {
    SCOPED_TRACE(EnumName(layout));
    for (int n = 1; n <= 3000; n += (n < 200 ? 1 : 37)) {
      // Four parties in two blocs plus unaligned and vacant seats.
      const int a = n / 3, b = n / 4, c = n / 5;
      Chamber ch = MakeChamber(n, {{"A", a}, {"B", b}, {"C", c}, {"D", n / 10}});
      ch.blocs.push_back({.id = "g", .role = BlocRole::kGovernment, .parties = {"A"}});
      ch.blocs.push_back({.id = "o", .role = BlocRole::kOpposition, .parties = {"B", "C"}});
      Result<Diagram> d = BuildDiagram(ch, {}, {.layout = layout});
      ASSERT_TRUE(d.ok()) << n << ": " << d.status().ToString();
      ASSERT_EQ(static_cast<int>(d->seats.size()), n);
      const auto [i, j] = FirstOverlap(Centres(*d), 2 * d->slot_radius);
      ASSERT_EQ(i, -1) << n << " seats: " << i << " and " << j << " overlap";
      for (const Seat& s : d->seats) {
        ASSERT_GE(s.centre.x - d->slot_radius, -1e-9);
        ASSERT_GE(s.centre.y - d->slot_radius, -1e-9);
        ASSERT_LE(s.centre.x + d->slot_radius, d->width + 1e-9);
        ASSERT_LE(s.centre.y + d->slot_radius, d->height + 1e-9);
      }
      // Blocks are contiguous runs covering every seat.
      int next = 0;
      for (size_t k = 0; k < d->blocks.size(); ++k) {
        if (d->blocks[k].kind == SeatBlock::Kind::kChair) continue;
        ASSERT_EQ(d->blocks[k].first, next);
        for (int s = 0; s < d->blocks[k].seats; ++s) {
          ASSERT_EQ(d->seats[static_cast<size_t>(next + s)].block, static_cast<int>(k));
        }
        next += d->blocks[k].seats;
      }
      ASSERT_EQ(next, n);
    }
  }
}

std::vector<std::string> BlockNames(const Diagram& d) {
  std::vector<std::string> out;
  for (const SeatBlock& b : d.blocks) {
    out.push_back(b.kind == SeatBlock::Kind::kVacant ? "(vacant)" : b.party);
  }
  return out;
}

TEST(DiagramTest, BlocOrderPutsOppositionLeftGovernmentRightVacantBetween) {
  Result<Diagram> d = BuildDiagram(Coalition(), CoalitionStances());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  // Largest parties at the outer ends; the unaligned and the vacant seat between the blocs.
  EXPECT_EQ(BlockNames(*d),
            (std::vector<std::string>{"OPP", "OPP2", "IND", "(vacant)", "ALLY", "GOV"}));
  EXPECT_EQ(d->seats.size(), 19u);  // 20 less the chair
  EXPECT_EQ(d->vacancies, 1);
  ASSERT_TRUE(d->chair.has_value());
  EXPECT_EQ(d->blocks[static_cast<size_t>(d->chair->block)].party, "GOV");
  EXPECT_EQ(d->blocks.back().seats, 7);  // GOV's 8 less the chair
  EXPECT_TRUE(d->blocks.back().holds_chair);
  EXPECT_EQ(d->for_end, ForEnd::kLeft);
}

TEST(DiagramTest, ChamberAndGivenOrders) {
  Result<Diagram> d = BuildDiagram(Coalition(), {}, {.order = SeatOrder::kChamber});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(BlockNames(*d),
            (std::vector<std::string>{"GOV", "ALLY", "(vacant)", "OPP", "OPP2", "IND"}));
  d = BuildDiagram(Coalition(), {}, {.party_order = {"IND", "OPP"}});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(BlockNames(*d),
            (std::vector<std::string>{"IND", "OPP", "(vacant)", "GOV", "ALLY", "OPP2"}));
  Result<Diagram> bad = BuildDiagram(Coalition(), {}, {.party_order = {"NOPE"}});
  EXPECT_EQ(bad.status().code(), ErrorCode::kUnknownId);
  EXPECT_EQ(bad.status().where().path, "party_order[0]");
}

TEST(DiagramTest, PositionOrderRunsLeftToRight) {
  Chamber c = MakeChamber(9, {{"R", 3}, {"L", 3}, {"C", 3}});
  c.parties[0].position = 8;
  c.parties[1].position = 2;
  c.parties[2].position = 5;
  Result<Diagram> d = BuildDiagram(c, {}, {.order = SeatOrder::kPosition});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(BlockNames(*d), (std::vector<std::string>{"L", "C", "R"}));
}

// In an arch each party is a wedge: every seat of a block lies at a larger angle (further left)
// than every seat of the next block, measured from the chair at the arch's centre.
TEST(DiagramTest, ArchPartiesAreWedges) {
  Chamber c = MakeChamber(343, {{"A", 150}, {"B", 100}, {"C", 60}, {"D", 33}});
  c.presiding = PresidingOfficer{.name = "Chair", .party = "A"};
  Result<Diagram> d = BuildDiagram(c, {});
  ASSERT_TRUE(d.ok());
  ASSERT_TRUE(d->chair.has_value());
  const Point o = d->chair->centre;
  auto angle = [&](const Seat& s) { return std::atan2(o.y - s.centre.y, s.centre.x - o.x); };
  for (size_t b = 0; b + 1 < d->blocks.size(); ++b) {
    const SeatBlock& left = d->blocks[b];
    const SeatBlock& right = d->blocks[b + 1];
    if (left.seats == 0 || right.seats == 0) continue;
    double min_left = 10;
    double max_right = -10;
    for (int i = 0; i < left.seats; ++i) {
      min_left = std::min(min_left, angle(d->seats[static_cast<size_t>(left.first + i)]));
    }
    for (int i = 0; i < right.seats; ++i) {
      max_right = std::max(max_right, angle(d->seats[static_cast<size_t>(right.first + i)]));
    }
    EXPECT_GE(min_left, max_right - 1e-12) << left.party << " / " << right.party;
  }
}

TEST(DiagramTest, SeatsOfAPartyRunFromForToAgainstAndNamedMembersKeepTheirStance) {
  Result<Diagram> d = BuildDiagram(Coalition(), CoalitionStances(), {.order = SeatOrder::kBlocs});
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->show_stances);
  const SeatBlock& gov = d->blocks.back();
  ASSERT_EQ(gov.party, "GOV");
  EXPECT_EQ(gov.counts.for_votes, 2);
  EXPECT_EQ(gov.counts.against, 5);
  EXPECT_EQ(gov.counts.chair, 1);
  // The dissidents sit at the end of GOV's run nearest the "for" side (the left).
  for (int i = 0; i < gov.seats; ++i) {
    const Seat& s = d->seats[static_cast<size_t>(gov.first + i)];
    EXPECT_EQ(s.stance, i < 2 ? Stance::kFor : Stance::kAgainst) << i;
    EXPECT_EQ(s.member.has_value(), i < 2);
  }
  EXPECT_EQ(d->members[static_cast<size_t>(*d->seats[static_cast<size_t>(gov.first)].member)].name,
            "Dissident One");
  EXPECT_EQ(d->total.for_votes, 10);  // OPP 6 + OPP2 2 + the dissidents
  EXPECT_EQ(d->total.against, 7);     // ALLY 2 + GOV 5 (7 less the dissidents)
  EXPECT_EQ(d->total.undecided, 1);   // IND
  EXPECT_EQ(d->total.chair, 1);
}

// "party:stance" for each run of seats, left to right.
std::vector<std::string> Runs(const Diagram& d) {
  std::vector<std::string> runs;
  for (const Seat& s : d.seats) {
    const SeatBlock& b = d.blocks[static_cast<size_t>(s.block)];
    const std::string run = b.kind == SeatBlock::Kind::kVacant
                                ? std::string("(vacant)")
                                : b.party + ":" + std::string(EnumName(s.stance));
    if (runs.empty() || runs.back() != run) runs.push_back(run);
  }
  return runs;
}

// Issue 17: by default, once stances are marked, the seats are grouped by stance from the "for"
// end, each group's parties in bloc order, so the first `votes` seats are all "for" whenever
// there are that many: the line has exactly the "for" seats before it.
TEST(DiagramTest, StanceOrderPutsEveryForSeatBeforeTheLine) {
  Result<Diagram> d = BuildDiagram(Coalition(), CoalitionStances(), {.markers = {{10, "10"}}});
  ASSERT_TRUE(d.ok());
  std::vector<std::string> runs = Runs(*d);
  EXPECT_EQ(runs, (std::vector<std::string>{"OPP:for", "OPP2:for", "GOV:for", "IND:undecided",
                                            "ALLY:against", "GOV:against", "(vacant)"}));
  EXPECT_EQ(d->for_end, ForEnd::kLeft);
  EXPECT_EQ(d->total.for_votes, 10);
  // One legend block per party, with its counts; GOV's first seat is its first "for" seat.
  EXPECT_EQ(BlockNames(*d),
            (std::vector<std::string>{"OPP", "OPP2", "IND", "(vacant)", "ALLY", "GOV"}));
  const SeatBlock& gov = d->blocks.back();
  EXPECT_EQ(gov.seats, 7);
  EXPECT_EQ(gov.first, 8);
  EXPECT_EQ(d->seats[8].member.has_value(), true);

  // "For" on the right: the groups run from the right end, parties still left to right.
  Stances st;
  st.blocs = {{"government", Stance::kFor}, {"opposition", Stance::kAgainst}};
  st.members = {{"d1", Stance::kAgainst}};
  d = BuildDiagram(Coalition(), st);
  ASSERT_TRUE(d.ok());
  runs = Runs(*d);
  EXPECT_EQ(d->for_end, ForEnd::kRight);
  EXPECT_EQ(runs,
            (std::vector<std::string>{"(vacant)", "OPP:against", "OPP2:against", "GOV:against",
                                      "IND:undecided", "ALLY:for", "GOV:for"}));
  // Westminster seats by role whatever the order.
  d = BuildDiagram(Coalition(), CoalitionStances(), {.layout = Layout::kWestminster});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->blocks[0].party, "GOV");
}

TEST(DiagramTest, NoDeclaredStancesDrawsAPlainDiagram) {
  Result<Diagram> d = BuildDiagram(Coalition(), {});
  ASSERT_TRUE(d.ok());
  EXPECT_FALSE(d->show_stances);
  d = BuildDiagram(Coalition(), {}, {.stances = StanceMarks::kShow});
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->show_stances);
  d = BuildDiagram(Coalition(), CoalitionStances(), {.stances = StanceMarks::kHide});
  ASSERT_TRUE(d.ok());
  EXPECT_FALSE(d->show_stances);
}

struct Segment {
  Point from;
  Point to;
};

// Where the projection of p falls along s (0 at `from`, 1 at `to`) and how far p is from the
// segment's line; negative `side` is the left of the directed segment (y points down).
struct Projection {
  double along;
  double distance;
  double side;
};

Projection Project(Point p, Segment s) {
  const double dx = s.to.x - s.from.x;
  const double dy = s.to.y - s.from.y;
  const double length = std::hypot(dx, dy);
  const double along = ((p.x - s.from.x) * dx + (p.y - s.from.y) * dy) / (length * length);
  const double side = (dx * (p.y - s.from.y) - dy * (p.x - s.from.x)) / length;
  return {along, std::abs(side), side};
}

Chamber MarkerChamber() {
  Chamber c = MakeChamber(342, {{"A", 160}, {"B", 100}, {"C", 82}});
  c.presiding = PresidingOfficer{.name = "Chair", .party = "B"};
  c.blocs.push_back({.id = "o", .role = BlocRole::kOpposition, .parties = {"A"}});
  c.blocs.push_back({.id = "g", .role = BlocRole::kGovernment, .parties = {"B", "C"}});
  return c;
}

Stances MarkerStances(Stance opposition) {
  Stances st;
  st.blocs = {{"o", opposition}, {"g", Stance::kAgainst}};
  return st;
}

// The pieces of a marker line that cross a row, outwards from the chair at `o`: those that
// gain more than a slot radius of distance from it.
std::vector<Segment> RadialPieces(const MarkerPlacement& m, Point o, double slot) {
  std::vector<Segment> out;
  for (size_t p = 0; p + 1 < m.line.size(); ++p) {
    const double r0 = std::hypot(m.line[p].x - o.x, m.line[p].y - o.y);
    const double r1 = std::hypot(m.line[p + 1].x - o.x, m.line[p + 1].y - o.y);
    if (r1 - r0 > slot) out.push_back({m.line[p], m.line[p + 1]});
  }
  return out;
}

double DistanceToSegment(Point p, Segment s) {
  const double dx = s.to.x - s.from.x;
  const double dy = s.to.y - s.from.y;
  const double length2 = dx * dx + dy * dy;
  const double along =
      length2 == 0
          ? 0
          : std::clamp(((p.x - s.from.x) * dx + (p.y - s.from.y) * dy) / length2, 0.0, 1.0);
  return std::hypot(p.x - (s.from.x + along * dx), p.y - (s.from.y + along * dy));
}

// The nearest any piece of the line comes to a seat centre, in slot radii. Only seats within
// reach of the line's bounding box are measured.
double Clearance(const Diagram& d, const MarkerPlacement& m) {
  Point low{1e300, 1e300};
  Point high{-1e300, -1e300};
  for (const Point& p : m.line) {
    low = {std::min(low.x, p.x), std::min(low.y, p.y)};
    high = {std::max(high.x, p.x), std::max(high.y, p.y)};
  }
  const double reach = 2 * d.slot_radius;
  double nearest = 1e300;
  for (const Seat& s : d.seats) {
    const Point c = s.centre;
    if (c.x < low.x - reach || c.x > high.x + reach || c.y < low.y - reach ||
        c.y > high.y + reach) {
      continue;
    }
    for (size_t p = 0; p + 1 < m.line.size(); ++p) {
      nearest = std::min(nearest, DistanceToSegment(c, {m.line[p], m.line[p + 1]}));
    }
  }
  return nearest / d.slot_radius;
}

// The required-votes line crosses each row between the seats counted before it and the rest,
// and (arch, circle) separates exactly `votes` seats, also where seats of several rows share
// the angle at which it falls (172 of 341 falls on the vertical).
TEST(DiagramTest, MarkerLineSeparatesTheRequiredNumberOfSeats) {
  for (Layout layout : {Layout::kArch, Layout::kCircle, Layout::kHorseshoe}) {
    SCOPED_TRACE(EnumName(layout));
    Result<Diagram> d = BuildDiagram(
        MarkerChamber(), MarkerStances(Stance::kFor),
        {.layout = layout, .markers = {{172, "172 needed"}, {228, "two thirds"}, {0, "none"}}});
    ASSERT_TRUE(d.ok());
    ASSERT_EQ(d->markers.size(), 3u);
    EXPECT_TRUE(d->markers[2].line.empty());
    const double slot = d->slot_radius;
    for (size_t k = 0; k < 2; ++k) {
      const MarkerPlacement& m = d->markers[k];
      const auto votes = static_cast<size_t>(m.marker.votes);
      ASSERT_GE(m.line.size(), 2u);
      EXPECT_GE(Clearance(*d, m), kMarkerClearance);
      if (layout == Layout::kHorseshoe) continue;
      // Arch and circle: measured round the chair from the arch's left end, every seat before
      // the cut lies before the piece of the line that crosses its row.
      const Point o = d->chair->centre;
      const std::vector<Segment> pieces = RadialPieces(m, o, slot);
      const double start = layout == Layout::kArch ? kPi + 0.01 : 1.5 * kPi;
      auto sweep = [&](Point p) {
        return std::fmod(start - std::atan2(o.y - p.y, p.x - o.x) + 4 * kPi, 2 * kPi);
      };
      for (size_t i = 0; i < d->seats.size(); ++i) {
        const Point s = d->seats[i].centre;
        const double r = std::hypot(s.x - o.x, s.y - o.y);
        bool found = false;
        for (const Segment& piece : pieces) {
          const double r0 = std::hypot(piece.from.x - o.x, piece.from.y - o.y);
          const double r1 = std::hypot(piece.to.x - o.x, piece.to.y - o.y);
          if (r < r0 || r > r1) continue;
          found = true;
          EXPECT_EQ(sweep(s) < sweep(piece.to), i < votes) << "seat " << i;
        }
        EXPECT_TRUE(found) << "no cut at the radius of seat " << i;
      }
    }
    EXPECT_NEAR(d->markers[0].bar_fraction, 172.0 / 341, 1e-12);
  }
}

// Issue 17: at every size from 3 to 3,000 seats the majority line (and every 7th size a
// two-thirds line) runs between the seats, kMarkerClearance slot radii from every seat centre,
// in every layout that draws one. The old line crossed seats in small chambers and touched
// them from about 880 seats.
TEST(DiagramTest, MarkerLineClearsEverySeatAtEverySize) {
  for (Layout layout : {Layout::kArch, Layout::kCircle, Layout::kHorseshoe, Layout::kClassroom}) {
    SCOPED_TRACE(EnumName(layout));
    double worst = 1e300;
    for (int n = 3; n <= 3000; ++n) {
      const Chamber c = MakeChamber(n, {{"A", n}});
      std::vector<VoteMarker> markers = {{n / 2 + 1, "majority"}};
      if (n % 7 == 0) markers.push_back({(2 * n + 2) / 3, "two thirds"});
      Result<Diagram> d = BuildDiagram(c, {}, {.layout = layout, .markers = markers});
      ASSERT_TRUE(d.ok()) << n;
      for (const MarkerPlacement& m : d->markers) {
        if (m.line.empty()) continue;
        const double clearance = Clearance(*d, m);
        worst = std::min(worst, clearance);
        ASSERT_GE(clearance, kMarkerClearance) << n << " seats, line at " << m.marker.votes;
      }
    }
    EXPECT_LT(worst, 1.05);  // the bound is tight, not vacuous
  }
}

// When "for" gathers on the right, markers count from the right end.
TEST(DiagramTest, MarkerCountsFromTheRightWhenForSitsThere) {
  Stances st;
  st.blocs = {{"o", Stance::kAgainst}, {"g", Stance::kFor}};
  Result<Diagram> d = BuildDiagram(MarkerChamber(), st, {.markers = {{100, "100"}}});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->for_end, ForEnd::kRight);
  const MarkerPlacement& m = d->markers[0];
  ASSERT_FALSE(m.line.empty());
  const size_t split = d->seats.size() - 100;
  for (size_t i = 0; i < d->seats.size(); ++i) {
    for (const Segment& piece : RadialPieces(m, d->chair->centre, d->slot_radius)) {
      const Projection pr = Project(d->seats[i].centre, piece);
      if (pr.along <= 0 || pr.along >= 1 || pr.distance > 2.5 * d->slot_radius) continue;
      EXPECT_EQ(pr.side < 0, i < split) << i;
    }
  }
}

TEST(DiagramTest, ClassroomMarkerStepsBetweenColumns) {
  Result<Diagram> d =
      BuildDiagram(MarkerChamber(), MarkerStances(Stance::kFor),
                   {.layout = Layout::kClassroom, .markers = {{172, "172"}, {169, "169"}}});
  ASSERT_TRUE(d.ok());
  for (const MarkerPlacement& m : d->markers) {
    ASSERT_GE(m.line.size(), 2u);
    for (size_t i = 0; i < d->seats.size(); ++i) {
      const Point s = d->seats[i].centre;
      // The vertical piece of the line at this seat's height.
      for (size_t p = 0; p + 1 < m.line.size(); ++p) {
        const Point a = m.line[p];
        const Point b = m.line[p + 1];
        if (a.x != b.x || s.y < std::min(a.y, b.y) || s.y > std::max(a.y, b.y)) continue;
        EXPECT_EQ(s.x < a.x, i < static_cast<size_t>(m.marker.votes)) << i;
      }
    }
  }
}

TEST(DiagramTest, BarShowsForFirstThenUndecidedAbstainAbsentAgainstVacant) {
  Result<Diagram> d = BuildDiagram(Coalition(), CoalitionStances());
  ASSERT_TRUE(d.ok());
  ASSERT_FALSE(d->bar.empty());
  EXPECT_EQ(d->bar.front().stance, Stance::kFor);
  EXPECT_TRUE(d->bar.back().vacant);
  EXPECT_DOUBLE_EQ(d->bar.front().from, 0);
  EXPECT_DOUBLE_EQ(d->bar.back().to, 1);
  int seats = 0;
  for (size_t i = 0; i < d->bar.size(); ++i) {
    seats += d->bar[i].seats;
    if (i > 0) {
      EXPECT_DOUBLE_EQ(d->bar[i].from, d->bar[i - 1].to);
    }
  }
  EXPECT_EQ(seats, 19);
}

TEST(DiagramTest, ChairOutsidePartiesGetsItsOwnBlock) {
  Chamber c = MakeChamber(650, {{"CON", 365}, {"LAB", 202}, {"SNP", 48}, {"LD", 11}});
  c.presiding = PresidingOfficer{.name = "Lindsay Hoyle", .vote = PresidingVote::kCastingOnly};
  Result<Diagram> d = BuildDiagram(c, {}, {.layout = Layout::kWestminster});
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  ASSERT_TRUE(d->chair.has_value());
  const SeatBlock& chair = d->blocks[static_cast<size_t>(d->chair->block)];
  EXPECT_EQ(chair.kind, SeatBlock::Kind::kChair);
  EXPECT_EQ(chair.name, "Lindsay Hoyle");
  EXPECT_EQ(d->seats.size(), 649u);
  EXPECT_EQ(d->vacancies, 23);
  EXPECT_EQ(d->tables.size(), 1u);
}

TEST(DiagramTest, WestminsterPutsGovernmentOnTheChairsRight) {
  Chamber c = MakeChamber(30, {{"GOV", 16}, {"OPP", 12}, {"X", 2}});
  c.blocs.push_back({.id = "g", .role = BlocRole::kGovernment, .parties = {"GOV"}});
  c.blocs.push_back({.id = "o", .role = BlocRole::kOpposition, .parties = {"OPP"}});
  c.presiding = PresidingOfficer{.name = "Speaker", .party = "GOV"};
  Result<Diagram> d = BuildDiagram(c, {}, {.layout = Layout::kWestminster});
  ASSERT_TRUE(d.ok());
  const Point chair = d->chair->centre;
  for (const Seat& s : d->seats) {
    const std::string& party = d->blocks[static_cast<size_t>(s.block)].party;
    EXPECT_GT(s.centre.x, chair.x);
    if (party == "GOV") {
      EXPECT_GT(s.centre.y, chair.y);  // y down: below the aisle
    } else if (party == "OPP") {
      EXPECT_LT(s.centre.y, chair.y);
    }
  }
  // Cross-benches beyond both benches.
  double bench_end = 0;
  double cross_start = 1e9;
  for (const Seat& s : d->seats) {
    if (d->blocks[static_cast<size_t>(s.block)].party == "X") {
      cross_start = std::min(cross_start, s.centre.x);
    } else {
      bench_end = std::max(bench_end, s.centre.x);
    }
  }
  EXPECT_GT(cross_start, bench_end);
}

// Issue 17: a party is drawn in its own colour, else in a palette colour unlike every other
// party's; its bloc's colour is not used (sixteen opposition parties were one green).
TEST(DiagramTest, ColoursAreThePartysOwnElseADistinctPaletteColour) {
  Chamber c = MakeChamber(6, {{"A", 2}, {"B", 2}, {"C", 2}});
  c.parties[0].colour = "#123456";
  c.parties[1].colour = "red\"/><script>";  // not a colour: ignored
  c.blocs.push_back({.id = "g", .role = BlocRole::kOther, .colour = "#ABCDEF", .parties = {"B"}});
  Result<Diagram> d = BuildDiagram(c, {}, {.order = SeatOrder::kChamber});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->blocks[0].colour, "#123456");
  EXPECT_EQ(d->blocks[1].colour, "#F3C300");  // Kelly's first
  EXPECT_EQ(d->blocks[2].colour, "#875692");  // and second
  c.parties[0].colour = "#a0F";               // the short form, as CSS writes it
  EXPECT_EQ(BuildDiagram(c, {}, {.order = SeatOrder::kChamber})->blocks[0].colour, "#aa00FF");
  // A palette colour too near a party's own is passed over.
  c.parties[0].colour = "#F0C000";
  EXPECT_EQ(BuildDiagram(c, {}, {.order = SeatOrder::kChamber})->blocks[1].colour, "#875692");

  Chamber many = MakeChamber(32, {});
  for (int k = 0; k < 16; ++k) many.parties.push_back({.id = "P" + std::to_string(k), .seats = 2});
  many.blocs.push_back({.id = "o", .role = BlocRole::kOpposition, .colour = "#00AA00"});
  for (const Party& p : many.parties) many.blocs[0].parties.push_back(p.id);
  d = BuildDiagram(many, {});
  ASSERT_TRUE(d.ok());
  for (size_t i = 0; i < d->blocks.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      EXPECT_GE(ColourDifference(*ParseRgb(d->blocks[i].colour), *ParseRgb(d->blocks[j].colour)),
                kDistinctColour)
          << d->blocks[i].colour << " " << d->blocks[j].colour;
    }
  }
}

// Issue 13: a party without a colour kept its palette colour only as long as the parties before
// it in seat order did not change; moving a party between blocs recoloured others.
TEST(DiagramTest, APartysPaletteColourHoldsOnEveryDateAndOrder) {
  Chamber c = MakeChamber(9, {{"A", 3}, {"B", 3}, {"C", 3}});
  c.blocs = {{.id = "gov", .role = BlocRole::kGovernment, .parties = {"A", "B"}},
             {.id = "opp", .role = BlocRole::kOpposition, .parties = {"C"}}};
  auto colours = [](const Chamber& chamber, SeatOrder order) {
    const Result<Diagram> d = BuildDiagram(chamber, {}, {.order = order});
    std::map<std::string, std::string> out;
    for (const SeatBlock& b : d->blocks) out[b.party] = b.colour;
    return out;
  };
  const auto before = colours(c, SeatOrder::kBlocs);
  Chamber moved = c;
  moved.blocs[0].parties = {"A"};
  moved.blocs[1].parties = {"B", "C"};
  EXPECT_EQ(colours(moved, SeatOrder::kBlocs), before);
  EXPECT_EQ(colours(c, SeatOrder::kChamber), before);
  EXPECT_EQ(before.at("A"), "#F3C300");
  EXPECT_EQ(before.at("C"), "#F38400");
}

// The chamber's own errors (parties over the seats, a chair without a seat) are Validate()'s,
// reported before any diagram is drawn (tests/golden/cli/draw-*.test); BuildDiagram checks only
// what it is asked to draw.
TEST(DiagramTest, Errors) {
  Chamber big = MakeChamber(kMaxDiagramSeats + 5, {{"A", 1}});
  EXPECT_EQ(BuildDiagram(big, {}).status().code(), ErrorCode::kTooLarge);
  EXPECT_EQ(BuildDiagram(Coalition(), {}, {.span_degrees = 400}).status().code(),
            ErrorCode::kInvalidValue);
  EXPECT_EQ(BuildDiagram(Coalition(), {}, {.seat_fill = 0}).status().code(),
            ErrorCode::kInvalidValue);
}

TEST(DiagramTest, LayoutNamesRoundTrip) {
  for (Layout l : {Layout::kArch, Layout::kWestminster, Layout::kHorseshoe, Layout::kClassroom,
                   Layout::kCircle}) {
    EXPECT_EQ(ParseEnum<Layout>(EnumName(l)), l);
  }
  EXPECT_EQ(ParseEnum<Layout>("hemicycle"), Layout::kArch);
  EXPECT_EQ(ParseEnum<Layout>("pie"), std::nullopt);
  EXPECT_EQ(EnumChoices<Layout>(), "arch, westminster, horseshoe, classroom or circle");
}

}  // namespace
}  // namespace whipcount
