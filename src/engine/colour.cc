// Colour arithmetic: sRGB ↔ linear RGB ↔ CIE XYZ ↔ CIELAB, WCAG contrast, and the Machado et al.
// colour-vision simulation.
#include "whipcount/colour.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "whipcount/chamber.h"

namespace whipcount {
namespace {

// Kenneth L. Kelly's colours of maximum contrast ("Twenty-two colors of maximum contrast", Color
// Engineering 3(6), 1965), in the order he chose them so that any first k are far apart, as sRGB
// approximations of their ISCC–NBS centroids. White, black and grey are left out: the diagrams
// use them for vacant seats, the chair and absence.
constexpr std::array<std::string_view, 19> kPalette = {
    "#F3C300", "#875692", "#F38400", "#A1CAF1", "#BE0032", "#C2B280", "#008856",
    "#E68FAC", "#0067A5", "#F99379", "#604E97", "#F6A600", "#B3446C", "#DCD300",
    "#882D17", "#8DB600", "#654522", "#E25822", "#2B3D26"};

double Linear(double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); }

double Gamma(double c) {
  c = std::clamp(c, 0.0, 1.0);
  return c <= 0.0031308 ? 12.92 * c : 1.055 * std::pow(c, 1 / 2.4) - 0.055;
}

struct Lab {
  double l;
  double a;
  double b;
};

Lab ToLab(Rgb c) {
  const double r = Linear(c.r);
  const double g = Linear(c.g);
  const double b = Linear(c.b);
  // sRGB (D65) to XYZ, normalised by the D65 white point.
  const double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const auto f = [](double t) {
    constexpr double kDelta = 6.0 / 29;
    return t > kDelta * kDelta * kDelta ? std::cbrt(t) : t / (3 * kDelta * kDelta) + 4.0 / 29;
  };
  return {116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
}

using Matrix = std::array<std::array<double, 3>, 3>;

// Machado, Oliveira & Fernandes, "A Physiologically-based Model for Simulation of Color Vision
// Deficiency", IEEE TVCG 15(6), 2009: the matrices for severity 1.0, on linear RGB.
constexpr Matrix kProtanopia = {{{0.152286, 1.052583, -0.204868},
                                 {0.114503, 0.786281, 0.099216},
                                 {-0.003882, -0.048116, 1.051998}}};
constexpr Matrix kDeuteranopia = {{{0.367322, 0.860646, -0.227968},
                                   {0.280085, 0.672501, 0.047413},
                                   {-0.011820, 0.042940, 0.968881}}};
constexpr Matrix kTritanopia = {{{1.255528, -0.076749, -0.178779},
                                 {-0.078411, 0.930809, 0.147602},
                                 {0.004733, 0.691367, 0.303900}}};

}  // namespace

std::optional<Rgb> ParseRgb(std::string_view hex) {
  const std::optional<std::string> full = HexColour(hex);
  if (!full) return std::nullopt;
  const auto component = [&](size_t at) {
    int value = 0;
    std::from_chars(full->data() + at, full->data() + at + 2, value, 16);
    return static_cast<double>(value) / 255;
  };
  return Rgb{component(1), component(3), component(5)};
}

std::string ToHex(Rgb c) {
  constexpr std::string_view kDigits = "0123456789ABCDEF";
  std::string out = "#";
  for (double v : {c.r, c.g, c.b}) {
    const auto byte = static_cast<int>(std::lround(std::clamp(v, 0.0, 1.0) * 255));
    out += kDigits[static_cast<size_t>(byte / 16)];
    out += kDigits[static_cast<size_t>(byte % 16)];
  }
  return out;
}

double RelativeLuminance(Rgb c) {
  return 0.2126 * Linear(c.r) + 0.7152 * Linear(c.g) + 0.0722 * Linear(c.b);
}

double ContrastRatio(Rgb a, Rgb b) {
  const double la = RelativeLuminance(a);
  const double lb = RelativeLuminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

double ColourDifference(Rgb a, Rgb b) {
  const Lab x = ToLab(a);
  const Lab y = ToLab(b);
  return std::hypot(x.l - y.l, x.a - y.a, x.b - y.b);
}

Rgb SimulateVision(Rgb c, ColourVision vision) {
  const Matrix* m = nullptr;
  switch (vision) {
    case ColourVision::kTypical:
      return c;
    case ColourVision::kProtanopia:
      m = &kProtanopia;
      break;
    case ColourVision::kDeuteranopia:
      m = &kDeuteranopia;
      break;
    case ColourVision::kTritanopia:
      m = &kTritanopia;
      break;
  }
  const std::array<double, 3> in = {Linear(c.r), Linear(c.g), Linear(c.b)};
  std::array<double, 3> out{};
  for (size_t i = 0; i < 3; ++i) {
    out[i] = (*m)[i][0] * in[0] + (*m)[i][1] * in[1] + (*m)[i][2] * in[2];
  }
  return {Gamma(out[0]), Gamma(out[1]), Gamma(out[2])};
}

std::string MarkColourOn(std::string_view fill) {
  constexpr Rgb kWhite{1, 1, 1};
  constexpr Rgb kDark{0x22 / 255.0, 0x22 / 255.0, 0x22 / 255.0};
  const std::optional<Rgb> c = ParseRgb(fill);
  if (!c) return "#FFFFFF";
  // The contrast each mark keeps in the worst of the four kinds of colour vision: a bright red
  // that contrasts more with near-black in typical vision darkens for a protanope.
  const auto worst = [&](Rgb mark) {
    double least = 21;
    for (ColourVision v : {ColourVision::kTypical, ColourVision::kProtanopia,
                           ColourVision::kDeuteranopia, ColourVision::kTritanopia}) {
      least = std::min(least, ContrastRatio(SimulateVision(*c, v), SimulateVision(mark, v)));
    }
    return least;
  };
  return worst(kWhite) >= worst(kDark) ? "#FFFFFF" : "#222222";
}

std::vector<std::string> PartyColours(std::span<const std::optional<std::string>> own) {
  std::vector<Rgb> used;
  for (const std::optional<std::string>& o : own) {
    if (std::optional<Rgb> c = o ? ParseRgb(*o) : std::nullopt) used.push_back(*c);
  }
  std::vector<std::string> out(own.size());
  size_t next = 0;  // the palette entry to try first
  for (size_t i = 0; i < own.size(); ++i) {
    if (own[i]) {
      out[i] = *own[i];
      continue;
    }
    std::optional<size_t> pick;
    for (size_t tried = 0; tried < kPalette.size() && !pick; ++tried) {
      const size_t k = (next + tried) % kPalette.size();
      const Rgb candidate = *ParseRgb(kPalette[k]);
      if (std::all_of(used.begin(), used.end(),
                      [&](Rgb u) { return ColourDifference(candidate, u) >= kDistinctColour; })) {
        pick = k;
      }
    }
    // Every entry clashes with something: take the next one anyway.
    const size_t k = pick.value_or(next % kPalette.size());
    out[i] = std::string(kPalette[k]);
    used.push_back(*ParseRgb(kPalette[k]));
    next = k + 1;
  }
  return out;
}

}  // namespace whipcount
