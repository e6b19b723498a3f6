// Seat geometry: the arch (public in whipcount/diagram.h) and the horseshoe, classroom and
// Westminster layouts (internal, diagram_geometry.h). Pure arithmetic, no allocation beyond the
// returned vectors.
#include "diagram_geometry.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <numeric>

namespace whipcount {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kTwoPi = 2 * std::numbers::pi;
// Largest slot radius of a one-row chamber (the outer edge stays on the unit circle).
constexpr double kSingleRowSlot = 0.2;
// Shrinks a computed fit a hair so that floors over it cannot round the wrong way.
constexpr double kFitShrink = 1 - 1e-9;

// The angle between neighbours in a row of n ≥ 2 seats over `span` radians: the row reaches both
// ends of the arch, unless the gap across the arch's opening would then be narrower than one
// step; then the seats spread evenly round the full circle instead.
double ArchStep(int n, double span) { return std::min(span / (n - 1), kTwoPi / n); }

// Most seats a row of radius `radius` holds with slots of radius `rho`: parliamentarch's
// ⌊θR / 2ρ⌋, capped so that neighbours (including across a near-closed opening) are at least 2ρ
// apart as the crow flies, not only along the arc.
int RowCapacity(double radius, double rho, double span) {
  const double loose = std::floor(span * radius / (2 * rho));
  if (loose < 1) return 0;
  if (rho >= radius) return 1;
  const double alpha = 2 * std::asin(rho / radius);  // least angle between two centres
  const double tight = std::min(std::floor(span / alpha) + 1, std::floor(kTwoPi / alpha));
  return static_cast<int>(std::min(loose, tight));
}

double ArchRowRadius(int row, int rows) {
  return 0.5 + 2.0 * row / (4.0 * rows - 2.0);  // parliamentarch: R = 1/2 + 2rρ
}

}  // namespace

std::vector<int> ArchRowCapacities(int rows, double span_degrees) {
  const double span = span_degrees * kPi / 180;
  const double rho = 1 / (4.0 * rows - 2.0);
  std::vector<int> capacities;
  capacities.reserve(static_cast<size_t>(std::max(rows, 0)));
  for (int r = 0; r < rows; ++r)
    capacities.push_back(RowCapacity(ArchRowRadius(r, rows), rho, span));
  return capacities;
}

std::vector<int> ApportionRows(int seats, std::span<const int> capacities) {
  std::vector<int> out(capacities.size(), 0);
  const std::int64_t total = std::accumulate(capacities.begin(), capacities.end(), std::int64_t{0});
  if (total <= 0 || seats <= 0) return out;
  struct Remainder {
    std::int64_t value;
    size_t row;
  };
  std::vector<Remainder> remainders;
  remainders.reserve(capacities.size());
  std::int64_t left = seats;
  for (size_t r = 0; r < capacities.size(); ++r) {
    const std::int64_t quota = std::int64_t{seats} * capacities[r];
    out[r] = static_cast<int>(quota / total);
    left -= out[r];
    remainders.push_back({quota % total, r});
  }
  // Exact integer remainders; ties go to the outer (larger) row.
  std::sort(remainders.begin(), remainders.end(), [](const Remainder& a, const Remainder& b) {
    return a.value != b.value ? a.value > b.value : a.row > b.row;
  });
  for (size_t i = 0; left > 0; ++i, --left) ++out[remainders[i % remainders.size()].row];
  return out;
}

Result<ArchSeats> LayOutArch(int seats, const ArchOptions& options) {
  WHIPCOUNT_RETURN_IF_ERROR(diagram_internal::CheckSeatCount(seats));
  WHIPCOUNT_RETURN_IF_ERROR(diagram_internal::CheckSpan(options.span_degrees));
  const double span = options.span_degrees * kPi / 180;
  ArchSeats out;
  if (seats <= kSingleRowMax) {
    // One row, its seats as large as fit, the outer edge on the unit circle.
    const double s = seats >= 2 ? std::sin(ArchStep(seats, span) / 2) : 1.0;
    const double rho =
        std::min({kSingleRowSlot, s / (1 + s), span / (2 * seats + span)}) * kFitShrink;
    const double radius = 1 - rho;
    out.slot_radius = rho;
    out.rows.push_back({radius, RowCapacity(radius, rho, span), seats});
  } else {
    int rows = 2;
    std::vector<int> capacities = ArchRowCapacities(rows, options.span_degrees);
    while (std::accumulate(capacities.begin(), capacities.end(), 0) < seats) {
      capacities = ArchRowCapacities(++rows, options.span_degrees);
    }
    const std::vector<int> filled = ApportionRows(seats, capacities);
    out.slot_radius = 1 / (4.0 * rows - 2.0);
    for (int r = 0; r < rows; ++r) {
      const auto i = static_cast<size_t>(r);
      out.rows.push_back({ArchRowRadius(r, rows), capacities[i], filled[i]});
    }
  }

  // Seats row by row, each row's positions by rotating the previous seat's (no sine per seat),
  // then put in arch order: by angle, largest first, the inner row first among equals. The
  // angles spread evenly over the span, so a counting sort into one bucket per seat, then an
  // insertion sort inside each (nearly always tiny) bucket, does it in linear time.
  const auto n = static_cast<size_t>(seats);
  std::vector<double> angle(n);
  std::vector<Point> centre(n);
  std::vector<int> row_of(n);
  size_t j = 0;
  for (size_t r = 0; r < out.rows.size(); ++r) {
    const int k = out.rows[r].seats;
    if (k == 0) continue;
    const double radius = out.rows[r].radius;
    const double step = k >= 2 ? ArchStep(k, span) : 0;
    const double first = kPi / 2 + (k - 1) * step / 2;
    const double cos_step = std::cos(step);
    const double sin_step = std::sin(step);
    double c = std::cos(first);
    double s = std::sin(first);
    for (int i = 0; i < k; ++i, ++j) {
      angle[j] = first - i * step;
      centre[j] = {radius * c, radius * s};
      row_of[j] = static_cast<int>(r);
      const double next_c = c * cos_step + s * sin_step;  // clockwise by one step
      s = s * cos_step - c * sin_step;
      c = next_c;
    }
  }
  double high = -kTwoPi;
  double low = kTwoPi;
  for (double a : angle) {
    high = std::max(high, a);
    low = std::min(low, a);
  }
  const double per_bucket = high > low ? static_cast<double>(n - 1) / (high - low) : 0;
  auto bucket = [&](size_t i) {
    return std::min(n - 1, static_cast<size_t>((high - angle[i]) * per_bucket));
  };
  std::vector<size_t> start(n + 1, 0);
  for (size_t i = 0; i < n; ++i) ++start[bucket(i) + 1];
  for (size_t b = 1; b <= n; ++b) start[b] += start[b - 1];
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[start[bucket(i)]++] = i;  // stable: rows stay in order
  for (size_t i = 1; i < n; ++i) {
    const size_t v = order[i];
    size_t k = i;
    for (; k > 0 && angle[order[k - 1]] < angle[v]; --k) order[k] = order[k - 1];
    order[k] = v;
  }
  out.centres.reserve(n);
  out.angles.reserve(n);
  out.rows_of.reserve(n);
  for (size_t i : order) {
    out.centres.push_back(centre[i]);
    out.angles.push_back(angle[i]);
    out.rows_of.push_back(row_of[i]);
  }
  return out;
}

namespace diagram_internal {

Status CheckSeatCount(long long seats) {
  if (seats < 0) {
    return Status(ErrorCode::kInvalidValue, "a diagram needs a seat count of 0 or more");
  }
  if (seats > kMaxDiagramSeats) {
    return Status(ErrorCode::kTooLarge, "diagrams are limited to " +
                                            std::to_string(kMaxDiagramSeats) + " seats, not " +
                                            std::to_string(seats));
  }
  return Status::Ok();
}

Status CheckSpan(double span_degrees) {
  if (!(span_degrees >= 10 && span_degrees <= 360)) {
    return Status(ErrorCode::kInvalidValue, "an arch spans 10 to 360 degrees");
  }
  return Status::Ok();
}
namespace {

constexpr double kHorseshoeInner = 0.45;  // radius of the innermost row's centres
constexpr double kHorseshoeArm = 0.7;     // length of the straight arms

double ULength(double radius) { return 2 * kHorseshoeArm + kPi * radius; }

// Most seats a U row holds: neighbours along the path at least the distance whose chord on the
// curve is 2ρ (the chord across a join of arm and curve is never shorter).
int UCapacity(double radius, double rho) {
  if (rho >= radius) return 1;
  const double least_step = 2 * radius * std::asin(rho / radius);
  return static_cast<int>(std::floor(ULength(radius) / least_step)) + 1;
}

}  // namespace

Point HorseshoePoint(double key, double radius, double arm_length) {
  if (key <= 1) return {-radius, -arm_length + key * arm_length};
  if (key <= 2) {
    const double phi = kPi - (key - 1) * kPi;
    return {radius * std::cos(phi), radius * std::sin(phi)};
  }
  return {radius, -(key - 2) * arm_length};
}

HorseshoeSeats LayOutHorseshoe(int seats) {
  HorseshoeSeats out;
  out.arm_length = kHorseshoeArm;
  if (seats <= 0) {
    out.slot_radius = kSingleRowSlot;
    return out;
  }
  if (seats <= kSingleRowMax) {
    double rho = kSingleRowSlot;
    if (UCapacity(1 - rho, rho) < seats) {
      double lo = 1e-4;  // feasible
      double hi = rho;   // not feasible
      for (int i = 0; i < 60; ++i) {
        const double mid = (lo + hi) / 2;
        (UCapacity(1 - mid, mid) >= seats ? lo : hi) = mid;
      }
      rho = lo;
    }
    out.slot_radius = rho;
    out.row_radii = {1 - rho};
    out.row_capacities = {UCapacity(1 - rho, rho)};
    out.row_seats = {seats};
  } else {
    int rows = 1;
    for (;; ++rows) {
      const double rho = (1 - kHorseshoeInner) / (2.0 * rows - 1);
      out.row_radii.clear();
      out.row_capacities.clear();
      int total = 0;
      for (int r = 0; r < rows; ++r) {
        const double radius = kHorseshoeInner + 2 * r * rho;
        out.row_radii.push_back(radius);
        out.row_capacities.push_back(UCapacity(radius, rho));
        total += out.row_capacities.back();
      }
      if (total >= seats) {
        out.slot_radius = rho;
        break;
      }
    }
    out.row_seats = ApportionRows(seats, out.row_capacities);
  }

  struct Place {
    double key;
    int row;
    Point centre;
  };
  std::vector<Place> places;
  places.reserve(static_cast<size_t>(seats));
  const double arm = kHorseshoeArm;
  for (size_t r = 0; r < out.row_radii.size(); ++r) {
    const double radius = out.row_radii[r];
    const double curve = kPi * radius;
    const double length = ULength(radius);
    const int k = out.row_seats[r];
    for (int i = 0; i < k; ++i) {
      const double d = k == 1 ? length / 2 : length * i / (k - 1);
      double key = 0;
      if (d <= arm) {
        key = d / arm;
      } else if (d <= arm + curve) {
        key = 1 + (d - arm) / curve;
      } else {
        key = std::min(3.0, 2 + (d - arm - curve) / arm);
      }
      // Placed by distance along the path (exact spacing), keyed for ordering across rows.
      Point centre;
      if (d <= arm) {
        centre = {-radius, -arm + d};
      } else if (d <= arm + curve) {
        const double phi = kPi - (d - arm) / radius;
        centre = {radius * std::cos(phi), radius * std::sin(phi)};
      } else {
        centre = {radius, -(d - arm - curve)};
      }
      places.push_back({key, static_cast<int>(r), centre});
    }
  }
  std::sort(places.begin(), places.end(), [](const Place& a, const Place& b) {
    return a.key != b.key ? a.key < b.key : a.row < b.row;
  });
  out.centres.reserve(places.size());
  out.keys.reserve(places.size());
  out.rows_of.reserve(places.size());
  for (const Place& p : places) {
    out.centres.push_back(p.centre);
    out.keys.push_back(p.key);
    out.rows_of.push_back(p.row);
  }
  return out;
}

GridSeats LayOutClassroom(int seats) {
  GridSeats out;
  const int rows = seats <= kSingleRowMax
                       ? 1
                       : std::max(1, static_cast<int>(std::lround(std::sqrt(seats / 2.0))));
  const int columns = seats <= 0 ? 0 : (seats + rows - 1) / rows;
  out.centres.reserve(static_cast<size_t>(std::max(seats, 0)));
  for (int i = 0; i < seats; ++i) {
    const int column = i / rows;
    const int row = i % rows;
    out.centres.push_back({static_cast<double>(column), static_cast<double>(row)});
  }
  out.rows = rows;
  out.chair = {std::max(columns - 1, 0) / 2.0, -2.0};
  return out;
}

WestminsterSeats LayOutWestminster(int government, int opposition, int cross) {
  WestminsterSeats out;
  const int longest = std::max({government, opposition, 1});
  const int rows = std::max(1, static_cast<int>(std::ceil(std::sqrt(longest / 4.0))));
  const int columns = (std::max(government, opposition) + rows - 1) / rows;
  constexpr double kFront = 1.5;  // centre of the front rows and of the first column
  auto bench = [&](int seats, double side) {
    std::vector<Point> points;
    points.reserve(static_cast<size_t>(std::max(seats, 0)));
    for (int i = 0; i < seats; ++i) {
      const int column = i / rows;
      const int row = i % rows;
      points.push_back({kFront + column, side * (kFront + row)});
    }
    return points;
  };
  out.government = bench(government, 1);
  out.opposition = bench(opposition, -1);
  out.chair = {0, 0};
  out.table = {kFront - 0.5, -0.6, std::max(columns, 1) * 1.0, 1.2};
  if (cross > 0) {
    const int height = std::min(cross, 2 * rows + 2);
    const double x0 = kFront + columns + 1;
    out.cross.reserve(static_cast<size_t>(cross));
    for (int i = 0; i < cross; ++i) {
      const int column = i / height;
      const int in_column = std::min(height, cross - column * height);
      out.cross.push_back({x0 + column, (i % height) - (in_column - 1) / 2.0});
    }
  }
  return out;
}

}  // namespace diagram_internal
}  // namespace whipcount
