// Seat geometry of the non-arch layouts, internal to the engine (the arch is public in
// whipcount/diagram.h). Each function places a given number of seats in seat order; the
// diagram builder assigns parties to them and moves everything into the final bounding box.
#ifndef WHIPCOUNT_ENGINE_DIAGRAM_GEOMETRY_H_
#define WHIPCOUNT_ENGINE_DIAGRAM_GEOMETRY_H_

#include <vector>

#include "whipcount/diagram.h"

namespace whipcount::diagram_internal {

// kInvalidValue for a negative count, kTooLarge past kMaxDiagramSeats.
Status CheckSeatCount(long long seats);
// kInvalidValue for an arch's span outside [10, 360] degrees.
Status CheckSpan(double span_degrees);

// A U open at the bottom (y upwards): the half circle of each row is centred on the origin and
// its arms run down to y = −arm_length. The outermost row's outer edge is at radius 1. Seats run
// from the foot of the left arm, over the curve, to the foot of the right arm.
struct HorseshoeSeats {
  double slot_radius = 0;
  double arm_length = 0;
  std::vector<double> row_radii;    // inner to outer
  std::vector<int> row_capacities;  // parallel to row_radii
  std::vector<int> row_seats;       // parallel to row_radii
  std::vector<Point> centres;       // seat order
  std::vector<int> rows_of;         // row of each seat, parallel to centres
  // Position along the U shared by every row: [0, 1] up the left arm, [1, 2] over the curve,
  // [2, 3] down the right arm. Seats are sorted by it, so a party's seats form a band.
  std::vector<double> keys;
};

HorseshoeSeats LayOutHorseshoe(int seats);

// The point of the U of radius `radius` at position `key` (see HorseshoeSeats::keys).
Point HorseshoePoint(double key, double radius, double arm_length);

// A grid facing the chair: column by column from the left, front row first (y downwards, pitch
// 1, slot radius 1/2). The chair sits centred in front of the first row.
struct GridSeats {
  std::vector<Point> centres;
  int rows = 1;
  Point chair;
};

GridSeats LayOutClassroom(int seats);

// Westminster benches, y downwards: the chair at the origin facing +x, the government bench below
// the aisle (the chair's right), the opposition above, both filled column by column from the
// chair's end, front row first; cross-benches beyond the far end, facing the chair. Pitch 1.
struct WestminsterSeats {
  std::vector<Point> government;
  std::vector<Point> opposition;
  std::vector<Point> cross;
  Point chair;
  Rect table;
};

WestminsterSeats LayOutWestminster(int government, int opposition, int cross);

}  // namespace whipcount::diagram_internal

#endif  // WHIPCOUNT_ENGINE_DIAGRAM_GEOMETRY_H_
