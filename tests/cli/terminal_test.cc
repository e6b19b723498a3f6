// Text for people: tables fitted to a width, wrapping, and the nearest name for a typo.
#include "commands/terminal.h"

#include <gtest/gtest.h>

#include <sstream>

#include "commands/args.h"

namespace whipcount::cli {
namespace {

std::string Printed(const Table& table, std::optional<size_t> width, int indent = 0) {
  std::ostringstream out;
  table.Print(out, Style(false, width), indent);
  return out.str();
}

Table Sample() {
  Table table({{.header = "Name", .align = Align::kLeft, .wrap = true, .min_width = 6},
               {"Seats"},
               {"Not counted"}});
  table.AddRow({"Conservative and Unionist Party", "330", "0"});
  table.AddRow({"  Labour", "200", "1"});
  return table;
}

TEST(TableTest, WithoutAWidthColumnsTakeTheirWidestCell) {
  EXPECT_EQ(Printed(Sample(), std::nullopt),
            "Name                             Seats  Not counted\n"
            "Conservative and Unionist Party    330            0\n"
            "  Labour                           200            1\n");
}

TEST(TableTest, AWideTableBreaksHeadersThenWrapsItsWrappingColumns) {
  // 40 columns: "Not counted" breaks between its words, then Name wraps its cells.
  EXPECT_EQ(Printed(Sample(), 40),
            "Name                      Seats      Not\n"
            "                                 counted\n"
            "Conservative and            330        0\n"
            "Unionist Party\n"
            "  Labour                    200        1\n");
  // The narrowest it can be: the longest word, one space between columns.
  const std::string narrow = Printed(Sample(), 26);
  std::istringstream lines(narrow);
  for (std::string line; std::getline(lines, line);) {
    EXPECT_LE(DisplayWidth(line), 26u) << narrow;
  }
  EXPECT_NE(narrow.find("Conservative"), std::string::npos) << "a word is never cut";
}

TEST(TableTest, AWrappedCellKeepsItsIndentOnEveryLine) {
  Table table({{.header = "", .align = Align::kLeft, .wrap = true}, {""}});
  table.AddRow({"  one two three four", "1"});
  EXPECT_EQ(Printed(table, 12), "  one two  1\n  three\n  four\n");
}

TEST(TableTest, WhatCannotNarrowLosesItsGapsThenItsIndent) {
  Table table({{"Alpha"}, {"Bravo"}, {"Charlie"}});
  table.AddRow({"1", "2", "3"});
  EXPECT_EQ(Printed(table, 21, 2), "  Alpha Bravo Charlie\n      1     2       3\n");
  EXPECT_EQ(Printed(table, 19, 2), "Alpha Bravo Charlie\n    1     2       3\n");
}

TEST(TableTest, ATableTooWideEvenNarrowedPrintsInPartsRepeatingItsNames) {
  Table table({{"Player", Align::kLeft}, {"Alpha"}, {"Bravo"}, {"Charlie"}, {"Delta"}});
  table.RepeatInEachPart(1);
  table.AddRow({"PTI", "0.1", "0.2", "0.3", "0.4"});
  table.AddRow({"PPP", "0.5", "0.6", "0.7", "0.8"});
  // Fits: one table. Too wide: parts of the columns that fit, each with the players' names.
  EXPECT_EQ(Printed(table, 40),
            "Player  Alpha  Bravo  Charlie  Delta\n"
            "PTI       0.1    0.2      0.3    0.4\n"
            "PPP       0.5    0.6      0.7    0.8\n");
  EXPECT_EQ(Printed(table, 22),
            "Player  Alpha  Bravo\n"
            "PTI       0.1    0.2\n"
            "PPP       0.5    0.6\n"
            "\n"
            "Player  Charlie  Delta\n"
            "PTI         0.3    0.4\n"
            "PPP         0.7    0.8\n");
  // Without a width (a pipe), never in parts.
  EXPECT_EQ(Printed(table, std::nullopt), Printed(table, 40));
}

TEST(TerminalTest, HangingWrapsAfterTheFirstLineAtTheIndent) {
  EXPECT_EQ(Hanging("one two three four five six", 4, std::nullopt), "one two three four five six");
  EXPECT_EQ(Hanging("one two three four five six", 4, 18), "one two three\n    four five six");
}

TEST(NearestNameTest, SuggestsOnlyCloseNames) {
  const std::vector<std::string_view> names = {"tally", "timeline", "explain"};
  EXPECT_EQ(NearestName(names, "tallly"), "tally");
  EXPECT_EQ(NearestName(names, "timelin"), "timeline");
  EXPECT_EQ(NearestName(names, "draw"), std::nullopt);
}

}  // namespace
}  // namespace whipcount::cli
