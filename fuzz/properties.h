// The properties the fuzz targets check (docs/fuzzing.md). Each function takes
// one input as libFuzzer gives it and returns what went wrong: empty when the input is refused
// with an error (as any input may be) or when everything it produced holds together; else a
// sentence naming the broken property. The fuzz targets (fuzz/fuzz_target.cc) abort on a
// non-empty answer; tests/fuzz_regressions_test.cc replays fuzz/regressions/ and the seed corpus
// through the same functions in the ordinary test build.
//
// Pure functions of their input; safe to call from several threads at once.
#ifndef WHIPCOUNT_FUZZ_PROPERTIES_H_
#define WHIPCOUNT_FUZZ_PROPERTIES_H_

#include <string>
#include <string_view>

namespace whipcount::fuzz {

// The text after this line, when present, is the rulebook that the chamber file above it loads
// (whatever path its `rulebook` key names): one input exercises both readers.
inline constexpr std::string_view kRulebookSeparator = "\n#@rulebook\n";

// A chamber file (with events and a rulebook). For a file that parses: each tally (the motion on
// its default date, and every step of its timeline) counts every filled seat exactly once, its
// verdict and requirement are Decide()'s on its counts, and replaying twice gives the same story.
std::string CheckChamberFile(std::string_view input);

// A game file. For a file that parses: the weights are non-negative and add up to the total,
// within kMaxTotalWeight; names and unions match the players; a quota the file gives is one the
// engine accepts, and the game it makes validates.
std::string CheckGameFile(std::string_view input);

// The `forecast:` section of a chamber file (a rulebook may follow as above). For a section that
// reads: the model passes the engine's own Validate against the chamber, and a small Monte Carlo
// forecast from it gives probabilities in [0, 1].
std::string CheckForecastSection(std::string_view input);

// The text after this line, when present, is the member table for the party table above it.
inline constexpr std::string_view kMembersSeparator = "\n#@members\n";

// A spreadsheet's party table (and member table, as above) imported as `import csv` does, into
// a chamber of 100,000 seats. For tables that import: the chamber file written reads back as a
// chamber file, and its parties and members exported as CSV (PartiesCsv, MembersCsv) import
// again to the same parties, members and tables.
std::string CheckSpreadsheet(std::string_view input);

}  // namespace whipcount::fuzz

#endif  // WHIPCOUNT_FUZZ_PROPERTIES_H_
