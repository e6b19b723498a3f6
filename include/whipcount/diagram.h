// Diagram: the geometry of a parliament diagram. Where each seat sits, whose it is and how it
// stands on the motion, where the presiding officer sits, and where the required number of votes
// falls. Pure computation with no I/O: src/io/svg.h writes a Diagram as SVG and src/io/png.h
// rasterises that SVG.
//
// Coordinates are abstract units with x to the right and y downwards (as in SVG). A Diagram's
// seats, chair and markers all lie inside [0, width] × [0, height]. Each seat owns a disc of
// `slot_radius` that no other seat's disc overlaps; `seat_radius` (≤ slot_radius) is the size a
// renderer draws.
//
// Everything here is a pure function of its arguments and safe to call from several threads at
// once. A Diagram is a plain value that owns all its strings.
#ifndef WHIPCOUNT_DIAGRAM_H_
#define WHIPCOUNT_DIAGRAM_H_

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "whipcount/chamber.h"
#include "whipcount/names.h"
#include "whipcount/result.h"
#include "whipcount/tally.h"

namespace whipcount {

enum class Layout {
  kArch,         // a hemicycle, or any arc up to a full circle (DiagramOptions::span_degrees)
  kWestminster,  // government and opposition benches facing, chair at the head, cross-benches
  kHorseshoe,    // a U: two straight arms joined by a half circle, chair at the open end
  kClassroom,    // a grid of rows facing the chair
  kCircle,       // an arch closed to a full circle, chair at the centre
};

template <>
struct NameTable<Layout> {
  static constexpr std::array kEntries{
      Named<Layout>{Layout::kArch, "arch"},
      Named<Layout>{Layout::kWestminster, "westminster"},
      Named<Layout>{Layout::kHorseshoe, "horseshoe"},
      Named<Layout>{Layout::kClassroom, "classroom"},
      Named<Layout>{Layout::kCircle, "circle"},
      Named<Layout>{Layout::kArch, "hemicycle"},
  };
};

struct Point {
  double x = 0;
  double y = 0;
};

struct Rect {
  double x = 0;
  double y = 0;
  double width = 0;
  double height = 0;
};

// ----------------------------------------------------------------------------------------------
// Arch geometry on its own, as parliamentarch defines it: the outer edge of the outermost row
// on the unit circle, the innermost row's centres at radius 1/2, n rows of thickness
// 2ρ = 2/(4n − 2), and a row of radius R holding at most ⌊θR / 2ρ⌋ seats over a span θ. Unlike
// parliamentarch, seats are shared among rows by largest remainder with every row capped at its
// capacity, so no row is ever packed tighter than the seat size allows. Near a full circle the
// capacity is also capped so that neighbours around the closed ring keep 2ρ apart. Chambers of
// `kSingleRowMax` seats or fewer are drawn in one row of smaller seats.

inline constexpr int kSingleRowMax = 10;
// Larger requests fail with kTooLarge.
inline constexpr int kMaxDiagramSeats = 20000;

struct ArchOptions {
  double span_degrees = 180;  // angle the arch covers, in [10, 360]
};

struct ArchRow {
  double radius = 0;  // of the circle through the row's seat centres
  int capacity = 0;   // most seats the row can hold at this seat size
  int seats = 0;      // seats given to it
};

struct ArchSeats {
  double slot_radius = 0;     // ρ; discs of this radius around the seats never overlap
  std::vector<ArchRow> rows;  // inner to outer
  // Seat centres around the origin with y upwards, in seat order: by angle from the arch's left
  // end to its right end (the inner row first among equal angles). `angles` (radians,
  // counter-clockwise from the x axis) and `rows_of` (row index) run parallel to `centres`.
  std::vector<Point> centres;
  std::vector<double> angles;
  std::vector<int> rows_of;
};

// The arch for `seats` seats: kInvalidValue for a negative count or a span outside [10, 360],
// kTooLarge past kMaxDiagramSeats.
Result<ArchSeats> LayOutArch(int seats, const ArchOptions& options = {});

// The capacity of each row of an arch of `rows` rows (inner to outer) at the standard seat size.
std::vector<int> ArchRowCapacities(int rows, double span_degrees);

// Shares `seats` among rows in proportion to `capacities` by largest remainder (ties go to the
// outer row). When seats ≤ Σ capacities no row receives more than its capacity.
std::vector<int> ApportionRows(int seats, std::span<const int> capacities);

// ----------------------------------------------------------------------------------------------
// A chamber drawn as a diagram.

// Which end of the picture each seat sits at.
enum class SeatOrder {
  // When stances are marked: the seats grouped by stance, "for" first from the end where most
  // of them sit in bloc order, then undecided, abstain, present, absent, against and the vacant
  // seats; within each stance the parties in bloc order. So a marker line has only "for" seats
  // before it, however the parties split. Without stance marks (and in Westminster benches,
  // which seat by role), as kBlocs.
  kStance,
  kBlocs,     // opposition on the left, government on the right (the chair's right), other blocs
              // and unaligned parties between; largest parties at the outer ends
  kChamber,   // parties in the order the chamber lists them, left to right
  kPosition,  // by Party::position, political left on the left; parties without one last
};

template <>
struct NameTable<SeatOrder> {
  static constexpr std::array kEntries{
      Named<SeatOrder>{SeatOrder::kStance, "stance"},
      Named<SeatOrder>{SeatOrder::kBlocs, "blocs"},
      Named<SeatOrder>{SeatOrder::kChamber, "chamber"},
      Named<SeatOrder>{SeatOrder::kPosition, "position"},
  };
};

enum class StanceMarks {
  kAuto,  // mark stances when any seat has one other than undecided
  kShow,
  kHide,  // a plain party diagram
};

template <>
struct NameTable<StanceMarks> {
  static constexpr std::array kEntries{
      Named<StanceMarks>{StanceMarks::kAuto, "auto"},
      Named<StanceMarks>{StanceMarks::kShow, "show"},
      Named<StanceMarks>{StanceMarks::kHide, "hide"},
  };
};

// A threshold to mark: "`votes` seats are needed".
struct VoteMarker {
  std::int64_t votes = 0;
  std::string label;  // "172 needed (majority of the total membership)"
};

struct DiagramOptions {
  Layout layout = Layout::kArch;
  // kArch only: the angle the arch spans, in [10, 360]. kCircle always spans 360.
  double span_degrees = 180;
  SeatOrder order = SeatOrder::kStance;
  // When not empty: party ids from left to right (from the speaker's end for kWestminster),
  // overriding `order`. Parties left out follow in chamber order. Unknown ids are kUnknownId.
  std::vector<std::string> party_order;
  StanceMarks stances = StanceMarks::kAuto;
  // Markers at required vote counts, e.g. the motion's requirement and 2/3 of the membership.
  std::vector<VoteMarker> markers;
  // Drawn seat radius as a fraction of the slot radius, in (0, 1].
  double seat_fill = 0.8;
};

// One party's seats, or the vacant seats: a run of consecutive seats in Diagram::seats, except
// in SeatOrder::kStance, where a party has one run in each stance group it has seats in.
struct SeatBlock {
  enum class Kind { kParty, kVacant, kChair };
  Kind kind = Kind::kParty;
  std::string party;             // party id; empty unless kParty
  std::string name;              // "Pakistan Tehreek-e-Insaf", "Vacant", the chair's name
  std::string short_name;        // "PTI"
  std::string colour;            // "#RRGGBB": the party's, else its bloc's, else a fixed palette's
  std::string bloc;              // bloc id, or empty
  std::optional<BlocRole> role;  // the bloc's role, when in a bloc
  int first = 0;                 // index of the block's first seat in Diagram::seats
  int seats = 0;                 // seats in the block (the chair's seat is not among them)
  bool holds_chair = false;      // the presiding officer sits for this party
  Counts counts;                 // the run's seats by stance (plus the chair's, when it votes)
};

template <>
struct NameTable<SeatBlock::Kind> {
  static constexpr std::array kEntries{
      Named<SeatBlock::Kind>{SeatBlock::Kind::kParty, "party"},
      Named<SeatBlock::Kind>{SeatBlock::Kind::kVacant, "vacant"},
      Named<SeatBlock::Kind>{SeatBlock::Kind::kChair, "chair"},
  };
};

// A named member, for seat titles.
struct SeatMember {
  std::string id;
  std::string name;
  std::string constituency;
};

struct Seat {
  Point centre;
  int block = 0;              // index into Diagram::blocks
  std::optional<int> member;  // index into Diagram::members, when the seat's member is named
  Stance stance = Stance::kUndecided;
};

inline constexpr double kMarkerClearance = 0.95;

// Where a VoteMarker falls.
struct MarkerPlacement {
  VoteMarker marker;
  // A polyline across the rows that separates exactly `votes` seats, counted from the `for` end,
  // from the rest: radial in an arch, stepping round seats that share an angle; across the U in
  // a horseshoe; between columns in a classroom. Empty for Westminster benches and when the
  // count is 0 or reaches every seat. No point of it is nearer a seat centre than
  // kMarkerClearance slot radii, so a line thinner than the gap between drawn seats touches none.
  std::vector<Point> line;
  // The marker's position on the vote bar, as a fraction of the bar's length.
  double bar_fraction = 0;
};

// One stretch of the vote bar: consecutive seats of one block with one stance. The bar shows
// every seat (and the chair, when it votes as a member), "for" first, then undecided, abstain,
// absent, against, vacant.
struct BarSegment {
  int block = 0;  // index into Diagram::blocks
  Stance stance = Stance::kUndecided;
  bool vacant = false;
  int seats = 0;
  double from = 0;  // fractions of the bar's length
  double to = 0;
};

// Where the seats whose stance is "for" gather, and so where marker lines count from.
enum class ForEnd { kLeft, kRight };

struct Diagram {
  Layout layout = Layout::kArch;
  std::string title;  // the chamber's name
  int statutory_seats = 0;
  int vacancies = 0;
  double width = 0;
  double height = 0;
  double slot_radius = 0;
  double seat_radius = 0;   // the size to draw
  std::vector<Seat> seats;  // every seat except the chair's, in block order
  std::vector<SeatBlock> blocks;
  std::vector<SeatMember> members;
  // The presiding officer's seat, drawn apart; its block is their party's (or a kChair block
  // when the chair belongs to no party).
  std::optional<Seat> chair;
  double chair_radius = 0;
  PresidingVote chair_vote = PresidingVote::kCastingOnly;
  std::string chair_name;
  bool show_stances = false;
  ForEnd for_end = ForEnd::kLeft;
  Counts total;  // every seat by stance, as on the bar
  std::vector<MarkerPlacement> markers;
  std::vector<BarSegment> bar;
  // Furniture drawn under the seats: the table between Westminster benches.
  std::vector<Rect> tables;
};

// Lays out `chamber` with each seat's stance taken from `stances` (named members their own,
// a split party's counts, other seats their party's line), as CountVotes counts them. Like
// CountVotes, it expects a chamber that has passed Validate() and checks only its options:
// kUnknownId for an unknown id in options.party_order, kInvalidValue for a span or seat fill out
// of range, kTooLarge past kMaxDiagramSeats.
Result<Diagram> BuildDiagram(const Chamber& chamber, const Stances& stances,
                             const DiagramOptions& options = {});

}  // namespace whipcount

#endif  // WHIPCOUNT_DIAGRAM_H_
