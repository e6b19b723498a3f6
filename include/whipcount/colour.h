// Colour arithmetic for pictures: parsing "#RRGGBB", luminance and contrast (WCAG 2), colour
// difference (CIE 1976 ΔE*ab in CIELAB under D65), simulated colour-vision deficiencies, and the
// palette that gives parties without a colour of their own one that differs from every other
// party's. Pure functions of their arguments.
#ifndef WHIPCOUNT_COLOUR_H_
#define WHIPCOUNT_COLOUR_H_

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "whipcount/names.h"

namespace whipcount {

// sRGB components in [0, 1].
struct Rgb {
  double r = 0;
  double g = 0;
  double b = 0;
};

// From "#RRGGBB" or "#RGB" (any case); nullopt for anything else.
std::optional<Rgb> ParseRgb(std::string_view hex);
// "#RRGGBB", each component rounded and clamped to [0, 255].
std::string ToHex(Rgb colour);

// WCAG 2 relative luminance, 0 (black) to 1 (white).
double RelativeLuminance(Rgb colour);
// WCAG 2 contrast ratio, 1 (none) to 21 (black on white).
double ContrastRatio(Rgb a, Rgb b);
// CIE 1976 colour difference ΔE*ab; about 2.3 is just noticeable, 10 and more tells colours
// apart at a glance.
double ColourDifference(Rgb a, Rgb b);

enum class ColourVision {
  kTypical,
  kProtanopia,    // no long-wavelength (red) cones
  kDeuteranopia,  // no medium-wavelength (green) cones
  kTritanopia,    // no short-wavelength (blue) cones
};

template <>
struct NameTable<ColourVision> {
  static constexpr std::array kEntries{
      Named<ColourVision>{ColourVision::kTypical, "typical"},
      Named<ColourVision>{ColourVision::kProtanopia, "protanopia"},
      Named<ColourVision>{ColourVision::kDeuteranopia, "deuteranopia"},
      Named<ColourVision>{ColourVision::kTritanopia, "tritanopia"},
  };
};

// How `colour` looks to someone with the deficiency: the model of Machado, Oliveira and
// Fernandes (2009), at full severity, applied in linear RGB.
Rgb SimulateVision(Rgb colour, ColourVision vision);

// The mark drawn over a seat in `fill` (a stance mark, a chair's vote): white or near-black,
// whichever keeps the higher contrast with the fill (WCAG 2) in the worst of typical vision and
// the three deficiencies.
std::string MarkColourOn(std::string_view fill);

// A colour for each party: its own (`own`, "#RRGGBB") where it brings one, else the next colour
// of the palette (Kelly's colours of maximum contrast) that differs by at least kDistinctColour
// from every colour the parties bring and every colour given before it; when the palette runs
// out it starts again. A party's colour depends only on the list, so it is the same on every
// date and in every picture of one file.
inline constexpr double kDistinctColour = 20;
std::vector<std::string> PartyColours(std::span<const std::optional<std::string>> own);

}  // namespace whipcount

#endif  // WHIPCOUNT_COLOUR_H_
