#include "utf8.h"

#include <gtest/gtest.h>

namespace biotator {
namespace {

TEST(Utf8, LengthCountsCodePointsNotBytes) {
  EXPECT_EQ(utf8_length("abc"), 3u);
  EXPECT_EQ(utf8_length("TNF-\xCE\xB1"), 5u);          // TNF-α
  EXPECT_EQ(utf8_length("5\xE2\x80\x93" "10 \xC2\xB5g"), 7u);  // 5–10 µg
  EXPECT_EQ(utf8_length("\xF0\x9F\x98\x80!"), 2u);     // emoji + '!'
}

TEST(Utf8, ValidationFindsTheFirstBadByte) {
  size_t bad = 99;
  EXPECT_TRUE(utf8_valid("plain \xCE\xB1 text"));
  EXPECT_FALSE(utf8_valid("ab\xFFz", &bad));
  EXPECT_EQ(bad, 2u);
  EXPECT_FALSE(utf8_valid("x\xCE", &bad));  // truncated sequence
  EXPECT_EQ(bad, 1u);
  EXPECT_FALSE(utf8_valid("\xC0\xAF", &bad));  // overlong '/'
  EXPECT_FALSE(utf8_valid("\xED\xA0\x80", &bad));  // surrogate
}

TEST(Utf8, CodepointIndexMapsBothWays) {
  const std::string s = "\xCE\xB1-\xF0\x9F\x98\x80x";  // α - 😀 x
  CodepointIndex index(s);
  EXPECT_FALSE(index.ascii());
  ASSERT_EQ(index.size(), 4u);
  EXPECT_EQ(index.byte_offset(0), 0u);
  EXPECT_EQ(index.byte_offset(1), 2u);
  EXPECT_EQ(index.byte_offset(2), 3u);
  EXPECT_EQ(index.byte_offset(3), 7u);
  EXPECT_EQ(index.byte_offset(4), 8u);
  EXPECT_EQ(index.codepoint_of_byte(7), 3u);
  EXPECT_EQ(utf8_byte_offset(s, 3), 7u);

  CodepointIndex ascii("plain");
  EXPECT_TRUE(ascii.ascii());
  EXPECT_EQ(ascii.byte_offset(3), 3u);
}

TEST(Utf8, DecodeAndAppendRoundTrip) {
  const std::u32string cps = {U'a', U'\u03B1', U'\u2013', U'\U0001F600'};
  std::string encoded;
  for (char32_t c : cps) utf8_append(encoded, c);
  size_t pos = 0;
  std::u32string decoded;
  while (pos < encoded.size()) decoded.push_back(utf8_decode(encoded, &pos));
  EXPECT_EQ(decoded, cps);
}

}  // namespace
}  // namespace biotator
