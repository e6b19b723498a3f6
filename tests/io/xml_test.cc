#include "io/xml.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace whipcount::io {
namespace {

std::string Escaped(std::string_view s) {
  std::string out;
  AppendXmlEscaped(out, s);
  return out;
}

std::string Number(double v) {
  std::string out;
  AppendNumber(out, v);
  return out;
}

TEST(XmlTest, EscapeKeepsValidUtf8AndReplacesTheRest) {
  EXPECT_EQ(Escaped("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&#39;");
  EXPECT_EQ(Escaped("Tehreek-e-Insaf \xD8\xAA\xD8\xAD\xD8\xB1\xDB\x8C\xDA\xA9"),
            "Tehreek-e-Insaf \xD8\xAA\xD8\xAD\xD8\xB1\xDB\x8C\xDA\xA9");
  EXPECT_EQ(Escaped("\xF0\x9F\x97\xB3"), "\xF0\x9F\x97\xB3");                  // 4 bytes
  EXPECT_EQ(Escaped("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  EXPECT_EQ(Escaped("\xE2\x82"), "\xEF\xBF\xBD\xEF\xBF\xBD");                  // cut short
  EXPECT_EQ(Escaped("tab\tnl\n"), "tab\tnl\n");
  EXPECT_EQ(Escaped(std::string("nul\0", 4)), "nul\xEF\xBF\xBD");
}

TEST(XmlTest, NumbersHaveAtMostTwoDecimals) {
  EXPECT_EQ(Number(12), "12");
  EXPECT_EQ(Number(12.5), "12.5");
  EXPECT_EQ(Number(12.25), "12.25");
  EXPECT_EQ(Number(0.456), "0.46");
  EXPECT_EQ(Number(-0.25), "-0.25");
  EXPECT_EQ(Number(-0.001), "0");
  EXPECT_EQ(Number(1e300), "0");
  EXPECT_EQ(Number(std::nan("")), "0");
}

TEST(XmlTest, WriterNestsClosesAndEscapes) {
  XmlWriter xml;
  xml.Declaration();
  xml.Open("svg").Attr("width", 640.5).Attr("class", "a & b").Newline();
  xml.Element("title", "Seats <2024>");
  xml.Open("g").Attr("id", "x").Open("circle").Attr("r", 2.0).Close().Close();
  xml.Open("polyline").Attr("points", std::vector<Point>{{1, 2}, {3.5, -4}}).Close();
  xml.Open("rect").Attr("viewBox", {0, 0, 10, 20}).Close();
  xml.Open("style").Raw("text{font-family:'Sans'}").Close();
  xml.Close();
  EXPECT_EQ(std::move(xml).Take(),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<svg width=\"640.5\" class=\"a &amp; b\">\n"
            "<title>Seats &lt;2024&gt;</title><g id=\"x\"><circle r=\"2\"/></g>"
            "<polyline points=\"1,2 3.5,-4\"/><rect viewBox=\"0 0 10 20\"/>"
            "<style>text{font-family:'Sans'}</style></svg>");
}

TEST(XmlTest, CloseWithNothingOpenDoesNothing) {
  XmlWriter xml;
  xml.Open("a").Close().Close();
  EXPECT_EQ(xml.str(), "<a/>");
}

}  // namespace
}  // namespace whipcount::io
