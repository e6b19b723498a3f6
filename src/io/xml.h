// A small writer of XML documents, for whipcount's SVG pictures (svg.h, chart_svg.h,
// forecast_svg.h): elements, attributes, escaped text and numbers, each written one way.
//
//   XmlWriter xml;
//   xml.Declaration();
//   xml.Open("svg").Attr("width", 640.5).Attr("class", "a & b");
//   xml.Element("title", "Seats <2024>");
//   xml.Close();  // <svg width="640.5" class="a &amp; b"><title>Seats &lt;2024&gt;</title></svg>
//
// Text and attribute values are escaped, and bytes that XML forbids (control characters, broken
// UTF-8) become U+FFFD, so any input gives well-formed XML. Numbers have at most two decimals.
// Element and attribute names are the caller's own literals and are written as given.
//
// An XmlWriter is a plain value owned by one thread; the free functions are pure.
#ifndef WHIPCOUNT_IO_XML_H_
#define WHIPCOUNT_IO_XML_H_

#include <cstddef>
#include <cstring>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "whipcount/diagram.h"

namespace whipcount::io {

// Appends `text` escaped for XML character data and attribute values, replacing characters XML
// does not allow (and invalid UTF-8) with U+FFFD.
void AppendXmlEscaped(std::string& out, std::string_view text);

// Appends a number with at most two decimals, trailing zeros dropped (12, 12.5, -0.25); NaN,
// infinities and absurd magnitudes are written as 0.
void AppendNumber(std::string& out, double v);

// Text escaped once for writing many times, as the title every seat of a party shares.
class XmlText {
 public:
  explicit XmlText(std::string_view text);
  std::string_view escaped() const { return escaped_; }

 private:
  std::string escaped_;
};

class XmlWriter {
 public:
  explicit XmlWriter(std::size_t reserve = 0);

  // `<?xml version="1.0" encoding="UTF-8"?>` and a line break.
  XmlWriter& Declaration();

  // Starts the element `<name`: attributes may follow until its content or its Close(). The
  // writer keeps a view of `name` until then: pass a literal.
  XmlWriter& Open(std::string_view name);
  // ` name="value"` on the element just opened: a number as AppendNumber writes it, or text.
  XmlWriter& Attr(std::string_view name, double value);
  XmlWriter& Attr(std::string_view name, std::string_view text);
  XmlWriter& Attr(std::string_view name, const XmlText& text);
  // ` name="x,y x,y ..."`: SVG's list of points.
  XmlWriter& Attr(std::string_view name, std::span<const Point> points);
  // ` name="a b c"`: a list of numbers, as in viewBox.
  XmlWriter& Attr(std::string_view name, std::initializer_list<double> numbers);

  // Escaped character data inside the current element.
  XmlWriter& Text(std::string_view text);
  XmlWriter& Text(const XmlText& text);
  // Markup or style sheet text the caller vouches for, written as it is.
  XmlWriter& Raw(std::string_view markup);
  // A line break between elements, for people reading the document.
  XmlWriter& Newline();
  // Ends the innermost open element: `/>` when it has no content, else `</name>`.
  XmlWriter& Close();
  // <name>text</name>.
  XmlWriter& Element(std::string_view name, std::string_view text);
  XmlWriter& Element(std::string_view name, const XmlText& text);

  // The document so far. Elements still open are not closed.
  std::string_view str() const { return {out_.data(), size_}; }
  std::string Take() &&;

 private:
  // The buffer is kept larger than the text (out_[0, size_)), so that appending is a bounds
  // check and a copy.
  void Append(std::string_view s) {
    if (s.size() > out_.size() - size_) Grow(s.size());
    std::memcpy(out_.data() + size_, s.data(), s.size());
    size_ += s.size();
  }
  void Append(char c) {
    if (size_ == out_.size()) Grow(1);
    out_[size_++] = c;
  }
  void Grow(std::size_t more);
  void AppendEscaped(std::string_view text);
  void BeginAttr(std::string_view name);  // ` name="`
  void EndStartTag();                     // `>` when a start tag is still open

  std::string out_;
  std::size_t size_ = 0;
  std::vector<std::string_view> open_;  // names of the open elements, innermost last
  bool in_start_tag_ = false;
};

}  // namespace whipcount::io

#endif  // WHIPCOUNT_IO_XML_H_
