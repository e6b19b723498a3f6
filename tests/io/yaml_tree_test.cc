// The YAML reader's limits (issue 18): text that is UTF-8 without control characters, nesting
// bounded in the whole file, aliases bounded in what they expand to, one document.
#include "io/yaml_tree.h"

#include <gtest/gtest.h>
#include <malloc.h>

#include <chrono>
#include <string>

#include "io/text.h"

namespace whipcount::io {
namespace {

void ExpectRefused(const std::string& text, ErrorCode code, int line, int column) {
  const Result<YamlNode> root = ParseYaml(text, "t.yaml");
  ASSERT_FALSE(root.ok()) << "expected " << CodeString(code);
  EXPECT_EQ(root.status().code(), code) << root.status().ToString();
  EXPECT_EQ(root.status().where().file, "t.yaml");
  EXPECT_EQ(root.status().where().line, line) << root.status().ToString();
  EXPECT_EQ(root.status().where().column, column) << root.status().ToString();
}

TEST(YamlTreeTest, ReadsScalarsListsAndMapsWithTheirPositions) {
  const Result<YamlNode> root = ParseYaml("a: 1\nb: [x, ~, 'y z']\nc: {d: e}\n", "t.yaml");
  ASSERT_TRUE(root.ok()) << root.status().ToString();
  EXPECT_EQ((*root)["a"].Scalar(), "1");
  EXPECT_EQ((*root)["b"].size(), 3U);
  EXPECT_TRUE((*root)["b"][1].IsNull());
  EXPECT_EQ((*root)["b"][2].Scalar(), "y z");
  EXPECT_FALSE((*root)["b"][3]);
  EXPECT_EQ((*root)["c"]["d"].Scalar(), "e");
  EXPECT_EQ((*root)["c"].line(), 3);
  EXPECT_EQ((*root)["c"].column(), 4);
  EXPECT_FALSE((*root)["missing"]);
}

TEST(YamlTreeTest, AnAliasIsTheValueItNames) {
  const Result<YamlNode> root = ParseYaml("a: &x {k: v}\nb: *x\n", "t.yaml");
  ASSERT_TRUE(root.ok()) << root.status().ToString();
  EXPECT_EQ((*root)["b"]["k"].Scalar(), "v");
}

TEST(YamlTreeTest, ADetachedValueOutlivesItsDocument) {
  YamlNode kept;
  {
    const Result<YamlNode> root = ParseYaml("a: &x [1, 2]\nb: {c: *x, d: *x}\n", "t.yaml");
    ASSERT_TRUE(root.ok());
    kept = (*root)["b"].Detached();
  }
  EXPECT_EQ(kept["c"][1].Scalar(), "2");
  EXPECT_EQ(kept["d"][std::size_t{0}].Scalar(), "1");
  EXPECT_EQ(kept.line(), 2);
  EXPECT_EQ(kept["d"].line(), 1);  // an alias is the value it names, where that is written
}

// Issue 18: one 0xFF byte in a name ended --json runs with an internal error.
TEST(YamlTreeTest, AByteThatIsNotUtf8IsE106AtItsPlace) {
  ExpectRefused("name: Al\xFFpha\n", ErrorCode::kInvalidText, 1, 9);
  ExpectRefused("a: 1\nname: \xC3\xA9t\xC3\n", ErrorCode::kInvalidText, 2, 9);     // cut short
  ExpectRefused("name: \xC0\xAF\n", ErrorCode::kInvalidText, 1, 7);                // overlong '/'
  ExpectRefused("name: \xED\xA0\x80\n", ErrorCode::kInvalidText, 1, 7);            // a surrogate
  ExpectRefused("name: \xF4\x90\x80\x80\n", ErrorCode::kInvalidText, 1, 7);        // past U+10FFFF
  ExpectRefused(std::string("\xFF\xFEn\0a\0", 6), ErrorCode::kInvalidText, 1, 1);  // UTF-16
}

TEST(YamlTreeTest, AControlCharacterIsE106WrittenOrEscaped) {
  ExpectRefused("title: a\x1B[31mred\n", ErrorCode::kInvalidText, 1, 9);
  ExpectRefused("title: \"a\\e[31mred\"\n", ErrorCode::kInvalidText, 1, 8);
  ExpectRefused("title: \"\\x85\"\n", ErrorCode::kInvalidText, 1, 8);
  ExpectRefused("title: \"\\0\"\n", ErrorCode::kInvalidText, 1, 8);
}

TEST(YamlTreeTest, TabsLineBreaksAndAnyCharacterAreText) {
  const Result<YamlNode> root =
      ParseYaml("name: \"Ayşe\\tÇelik\"\r\nnote: Löfven – 181 of 349 \xF0\x9F\x97\xB3\n", "t.yaml");
  ASSERT_TRUE(root.ok()) << root.status().ToString();
  EXPECT_EQ((*root)["name"].Scalar(), "Ayşe\tÇelik");
}

TEST(YamlTreeTest, FindTextFaultNamesTheByte) {
  EXPECT_FALSE(FindTextFault("plain ascii and é"));
  const std::optional<TextFault> fault = FindTextFault("ab\xFF");
  ASSERT_TRUE(fault);
  EXPECT_EQ(fault->offset, 2U);
  EXPECT_EQ(fault->what, "byte 0xFF is not UTF-8; whipcount reads UTF-8");
  EXPECT_EQ(FindTextFault("\xEF\xBF\xBF")->what, "U+FFFF is not a character");
}

// Issue 18: a 2 MB file aliasing a 1 MB string 20,000 times took 4 GB.
TEST(YamlTreeTest, AliasesExpandingPastTheFileLimitAreE211Quickly) {
  std::string text = "big: &s " + std::string(1 << 20, 'x') + "\nmany: [";
  for (int i = 0; i < 20000; ++i) text += i == 0 ? "*s" : ", *s";
  text += "]\n";
  const auto start = std::chrono::steady_clock::now();
  const Result<YamlNode> root = ParseYaml(text, "t.yaml");
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(root.ok());
  EXPECT_EQ(root.status().code(), ErrorCode::kTooLarge) << root.status().ToString();
  EXPECT_EQ(root.status().where().line, 2);
  // The 63rd alias is the first past 64 MiB (the string written out 64 times): "many: [" and 62
  // of "*s, " before it.
  EXPECT_EQ(root.status().where().column, 8 + 62 * 4);
  EXPECT_LT(took, std::chrono::seconds(5));
}

TEST(YamlTreeTest, NestedAliasesAreWeighedWrittenOut) {
  // Each level doubles: 2^30 values from a few hundred bytes ("billion laughs").
  std::string text = "a0: &a0 [x, x]\n";
  for (int i = 1; i <= 30; ++i) {
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [*a" + std::to_string(i - 1) +
            ", *a" + std::to_string(i - 1) + "]\n";
  }
  const Result<YamlNode> root = ParseYaml(text, "t.yaml");
  ASSERT_FALSE(root.ok());
  EXPECT_EQ(root.status().code(), ErrorCode::kTooLarge) << root.status().ToString();
}

// The bytes the allocator holds for the program (glibc; 0 under a sanitizer's allocator).
std::size_t BytesAllocated() {
  const struct mallinfo2 info = mallinfo2();
  return info.uordblks + info.hblkhd;
}

// Issue 18: yaml-cpp took 111 to 240 bytes of memory per byte of text, so a file under the
// 64 MiB limit ran out of memory. The worst shape, a flow list of one-letter items, now keeps
// about 14 (per two bytes: a value of 20, a child's index of 4, a letter, and vectors' slack).
TEST(YamlTreeTest, AFlowListKeepsAFewBytesPerByte) {
  std::string text = "stuff: [a";
  while (text.size() < (8U << 20)) text += ",a";
  text += "]\n";
  const std::size_t before = BytesAllocated();
  const Result<YamlNode> root = ParseYaml(text, "t.yaml");
  ASSERT_TRUE(root.ok()) << root.status().ToString();
  EXPECT_EQ((*root)["stuff"].size(), text.size() / 2 - 4);
  const std::size_t held = BytesAllocated() - before;
  EXPECT_LT(held, 32 * text.size()) << held / text.size() << " bytes per byte";
}

TEST(YamlTreeTest, AnAliasInsideTheValueItNamesIsE101) {
  ExpectRefused("a: &x [1, *x]\n", ErrorCode::kSyntax, 1, 11);
}

TEST(YamlTreeTest, NestingPastTheLimitIsE101AtTheValueThatGoesDeeper) {
  const std::string deep = std::string(kMaxNesting, '[') + std::string(kMaxNesting, ']');
  EXPECT_TRUE(ParseYaml(deep, "t.yaml").ok());
  ExpectRefused("x: " + std::string(100000, '[') + std::string(100000, ']'), ErrorCode::kSyntax, 1,
                4 + kMaxNesting - 1);
  std::string block;  // maps in maps: the root and 64 more
  for (std::size_t i = 0; i <= kMaxNesting; ++i) block += std::string(i, ' ') + "k:\n";
  block += std::string(kMaxNesting + 1, ' ') + "v\n";
  ExpectRefused(block, ErrorCode::kSyntax, kMaxNesting + 1, kMaxNesting + 1);
}

// Issue 18: an apostrophe in a plain value switched the bracket count off for the rest of the
// file.
TEST(YamlTreeTest, NestingIsBoundedAfterAnApostropheInAPlainValue) {
  ExpectRefused("name: it's\nx: " + std::string(100000, '[') + std::string(100000, ']'),
                ErrorCode::kSyntax, 2, 4 + kMaxNesting - 1);
}

TEST(YamlTreeTest, ASecondDocumentOrNoneIsE101) {
  ExpectRefused("a: 1\n---\nb: 2\n", ErrorCode::kSyntax, 2, 1);
  ExpectRefused("", ErrorCode::kSyntax, 1, 0);
  ExpectRefused("# a comment\n~\n", ErrorCode::kSyntax, 1, 0);
}

}  // namespace
}  // namespace whipcount::io
